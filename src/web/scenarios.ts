import type { PlayableScenario, ValidateOptions, ValidationResult } from '../machines/index.js';
import { loadCore } from './core.js';
import { byFileName, readId, stemOf } from './shared-ids.js';

/**
 * The scenarios shipped with the app: every scenarios/*.json (but the schema), each its own chunk
 * loaded on demand, as text, so the core's loaders (validator, cleaning) treat them like any file.
 * In `npm run dev` a change to a file in scenarios/ reloads the page.
 */
const files = import.meta.glob<string>(['/scenarios/*.json', '!/scenarios/scenario.schema.json'], { query: '?raw', import: 'default' });

/** A bundled scenario's text, with its file name ("youth-discloses.json"). */
export interface ScenarioText {
  file: string;
  text: string;
}

const nameOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

let all: Promise<ScenarioText[]> | undefined;
const builtIn = (): Promise<ScenarioText[]> => {
  all ??= Promise.all(Object.entries(files).sort(([a], [b]) => byFileName(a, b)).map(async ([path, load]) => ({ file: nameOf(path), text: await load() })));
  return all;
};

/** Reads the scenarios' texts, given the app's own (the built-in files): see readScenariosWith. */
export type ScenariosReader = (builtIn: () => Promise<ScenarioText[]>) => Promise<ScenarioText[]>;
let reader: ScenariosReader | undefined;

/**
 * Where every page reads the scenarios from (scenarioTexts, and through it bundledById,
 * sameIdInApp and the records' xAPI export): the built-in files, or, for a test, a reader that
 * holds them back, refuses them or adds a file of its own (undefined puts the built-in files back).
 * A test that sets one here shares its worker's modules with the others instead of mocking this module.
 */
export function readScenariosWith(read: ScenariosReader | undefined): void {
  reader = read;
}

/** Every bundled scenario's text, in file-name order. */
export function scenarioTexts(): Promise<ScenarioText[]> {
  return reader ? reader(builtIn) : builtIn();
}

/** A scenario file checked by the core's validator: playable, or every problem in words. */
export type Loaded = { ok: true; playable: PlayableScenario; result: ValidationResult } | { ok: false; result: ValidationResult; file: string };

const validated = new Map<string, Promise<Loaded>>();
const verdicts = new Map<string, ValidationResult>();

/**
 * The core's verdict on a bundled file's text, worked out once per file and text: for loadScenario,
 * which opens the scenario, and for the loader of its saves (bundled-loader.ts validateBundled),
 * which validated the same text again at every save or kept session a page read.
 */
export function bundledVerdict(file: string, text: string, validate: (text: string, file: string) => ValidationResult): ValidationResult {
  const key = `${file}\u0000${text}`;
  let result = verdicts.get(key);
  if (!result) {
    result = validate(text, file);
    verdicts.set(key, result);
  }
  return result;
}

/** Validates a bundled scenario's text once per file and text (its saves are kept by scenario id). */
export function loadScenario(file: string, text: string): Promise<Loaded> {
  const key = `${file}\u0000${text}`;
  let found = validated.get(key);
  if (!found) {
    found = loadCore().then((core) => {
      const result = bundledVerdict(file, text, core.validateScenario);
      return result.scenario ? { ok: true, playable: { scenario: result.scenario, file, bundled: true }, result } : { ok: false, result, file };
    });
    validated.set(key, found);
  }
  return found;
}

/** The bundled scenario with this id, validated; undefined when there is none. */
export async function bundledById(id: string): Promise<{ texts: ScenarioText[]; loaded?: Loaded }> {
  const texts = await scenarioTexts();
  for (const t of texts) {
    // The id is read without the validator first; the match is then validated.
    if (idOf(t.text) === id) return { texts, loaded: await loadScenario(t.file, t.text) };
  }
  return { texts };
}

/** Each text's id, read once: every page that opens a scenario by its id looked through all of them again, parsing each file whole. */
const ids = new Map<string, string | undefined>();

export function idOf(text: string): string | undefined {
  if (ids.has(text)) return ids.get(text);
  const id = readId(text);
  ids.set(text, id);
  return id;
}

/**
 * The validator's check that no other scenario file of the app has the id of the one checked
 * (duplicate-scenario-id), as `casa-practice validate` runs it over the scenarios folder: progress
 * and records are kept by id. `checked` is the file's name when it is one of the app's own files
 * (it is not compared with itself, and, as on the command line, a file named after its id leaves
 * the warning to the other file), undefined for a file from this computer.
 * `picked`: a file from this computer, by name and content. One with an app file's name and its very
 * text is that file, opened through the file window (scenarios/first-court-date.json as `new` wrote
 * it, then built into the app by `npm start`), and is checked as the app's own: told it shares the
 * app file's id, a trainer was asked to give the file its own id and name, and so to copy it.
 */
export async function sameIdInApp(checked?: string, picked?: { name: string; text: string | Uint8Array }): Promise<Required<Pick<ValidateOptions, 'sameIdElsewhere' | 'changesAppFile'>>> {
  const texts = await scenarioTexts();
  const self = checked ?? (picked && texts.find((t) => t.file === picked.name && sameText(t.text, picked.text))?.file);
  // A picked file with an app file's name and other text: when it has that file's id, and the file
  // is named after it, it is that scenario edited since the app was built (scenarios/court-report.json
  // opened after an edit), or a copy under its name: the validator says which it may be
  // (app-scenario-changed), not that it shares its own id with the app's file.
  const namesake = self === undefined && picked ? texts.find((t) => t.file === picked.name) : undefined;
  const changed = (id: string) => (namesake && stemOf(namesake.file) === id && idOf(namesake.text) === id ? `scenarios/${namesake.file}` : undefined);
  return {
    changesAppFile: changed,
    sameIdElsewhere: (id) => {
      if (self !== undefined && stemOf(self) === id) {
        // The file named after its id is the one the other file copies.
        return undefined;
      }
      const other = texts.find((t) => t.file !== self && idOf(t.text) === id);
      return other && `scenarios/${other.file}`;
    },
  };
}

/** Whether a file's bytes (or text) are this text, byte for byte (a byte-order mark too). */
function sameText(text: string, file: string | Uint8Array): boolean {
  if (typeof file === 'string') return file === text;
  const bytes = new TextEncoder().encode(text);
  return bytes.length === file.length && bytes.every((b, i) => b === file[i]);
}
