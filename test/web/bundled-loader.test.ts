import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateBundled } from '../../src/web/bundled-loader.js';
import { loadScenario } from '../../src/web/scenarios.js';

const example = readFileSync(join(import.meta.dirname, '../fixtures/good/example.json'), 'utf8');
// Named after its id, as a bundled file is (a save names the id; an older one the file).
const FILE = 'example-new-phone.json';

/** The scenario validateBundled gives, or its error thrown. */
function scenarioOf(found: ReturnType<typeof validateBundled>) {
  if (!('scenario' in found)) throw new Error(found.error);
  return found.scenario;
}

describe('the loader that reads saves of bundled scenarios (validateBundled)', () => {
  // The play page and presenter mode validate the scenario to open it (scenarios.ts loadScenario),
  // and validated the same text again for the save or kept session they then read: at every reload.
  it('validates a file\'s text once: the save read after the scenario was opened gets the scenario already validated', async () => {
    const text = `${example}\n`;
    const opened = await loadScenario(FILE, text);
    if (!opened.ok) throw new Error('example invalid');
    const texts = [{ file: FILE, text }];
    expect(scenarioOf(validateBundled(texts, { source: 'bundled', id: 'example-new-phone' }))).toBe(opened.playable.scenario);
    expect(scenarioOf(validateBundled(texts, FILE))).toBe(opened.playable.scenario);
    expect(validateBundled(texts, FILE)).toMatchObject({ file: FILE, bundled: true });
  });

  it('a save read first, then the scenario opened: validated once too; another text under the same name is validated as itself', async () => {
    const texts = [{ file: FILE, text: example }];
    const first = scenarioOf(validateBundled(texts, FILE));
    expect(scenarioOf(validateBundled(texts, FILE))).toBe(first);
    const opened = await loadScenario(FILE, example);
    expect(opened.ok && opened.playable.scenario).toBe(first);
    const changed = example.replace(/"title": "[^"]*"/, '"title": "Changed title"');
    expect(changed).not.toBe(example);
    const second = scenarioOf(validateBundled([{ file: FILE, text: changed }], FILE));
    expect(second).not.toBe(first);
    expect(second.title).toBe('Changed title');
  });

  it('says when the file is gone or no longer valid', () => {
    expect(validateBundled([], FILE)).toEqual({ error: `The scenario file ${FILE} is no longer part of the app.` });
    const broken = [{ file: FILE, text: '{"id": "example-new-phone"}' }];
    expect(validateBundled(broken, FILE)).toEqual({ error: `The scenario file ${FILE} now has errors.` });
    expect(validateBundled(broken, FILE)).toEqual({ error: `The scenario file ${FILE} now has errors.` });
  });
});
