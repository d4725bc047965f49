import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { formatValidation, moreProblemsLine, validateScenario, type AuthoringPointers, type ValidationResult } from '../../src/machines/index.js';
import { withPointers } from '../../src/machines/validate/pointers.js';
import { schemaProblems } from '../../src/machines/validate/schema-issues.js';
import example from '../fixtures/good/example.json?raw';

/** Where a caller without the program's files (the web app) sends a trainer instead. */
const HERE: AuthoringPointers = { example: 'the worked example HERE', principleIds: 'listed HERE', schema: 'which is offered HERE' };

/** Every fix of `text` validated with `options`. */
const fixes = (text: string, authoring?: AuthoringPointers) => validateScenario(text, 'mine.json', authoring ? { authoring } : {}).problems.map((p) => p.fix);

/** The example without one of its fields. */
function without(field: string): string {
  const data = JSON.parse(example) as Record<string, unknown>;
  delete data[field];
  return JSON.stringify(data, null, 2);
}

/** The example with `change` made to its parsed data. */
function changed(change: (data: { nodes: { lines?: Record<string, unknown>[]; replies?: { assessments: Record<string, unknown>[] }[] }[] } & Record<string, unknown>) => void): string {
  const data = JSON.parse(example) as Parameters<typeof change>[0];
  change(data);
  return JSON.stringify(data, null, 2);
}

/** A file of the program a fix may name for the terminal's trainer, and a web-only trainer does not have. */
const PROGRAM_FILE = /docs\/|authoring\.md|principles\.json|language-rules\.json|scenarios\/|scenarios folder|--for/;

// Files a trainer has wrong in the ways whose fixes point to the authoring guide, the guide's data
// files or the JSON Schema; with the terminal's words (what a fix names without the caller's pointers).
const CASES: [string, string, RegExp][] = [
  ['an empty file', '', /docs\/authoring\.md/],
  ['a list, not an object', '[1, 2]', /docs\/authoring\.md/],
  // From the web check (session 53): prose saved as .json was told, on the Preview too, to start from
  // "npx casa-practice new <id>, or docs/examples/first-scenario.json", which a web-only trainer has neither of.
  ['a file of plain text', 'This is my scenario about Jade.\nShe has a new phone.\n', /^Start from the worked example \(npx casa-practice new <id>, or docs\/examples\/first-scenario\.json\) and put your words in its fields/],
  ['no "nodes"', without('nodes'), /docs\/authoring\.md/],
  ['no "learningGoals"', without('learningGoals'), /scenarios\/guide\/principles\.json/],
  ['an empty "learningGoals"', example.replace(/"learningGoals": \[[^\]]*\]/, '"learningGoals": []'), /docs\/authoring\.md/],
  ['a misspelt principle id', example.replace('"principle": "curious-not-interrogating"', '"principle": "curious-not-interogating"'), /docs\/authoring\.md/],
  ['an unknown principle id', example.replace('"principle": "curious-not-interrogating"', '"principle": "zzz"'), /scenarios\/guide\/principles\.json/],
  ['an assessment without its principle', changed((d) => void delete d.nodes.find((n) => n.replies)!.replies![0]!.assessments[0]!.principle), /^Add "principle" \(The id of a principle in scenarios\/guide\/principles\.json/],
  ['an unknown language rule', changed((d) => void (d.nodes.find((n) => n.lines)!.lines![0]!.allowLanguage = ['zzz'])), /^Use one of: "a-csec", "prostitute", "awol" \(from scenarios\/guide\/language-rules\.json\)\.$/],
  // From the web check (session 44): this fix named the Conditions section of docs/authoring.md on the Preview too.
  ['a variant without "when"', example.replace('"narration": "Nothing bad happens this week, but the team does not know what you noticed."', '"narration": "Nothing bad happens this week, but the team does not know what you noticed.", "variants": [ { "narration": "Told instead." } ]'), /^Add "when", e\.g\. "when": \{ "conduct": "critical", "gte": 1 \} \(see Conditions in docs\/authoring\.md, section 4\)\./],
  ['"$schema" naming another format', example.replace(/"\$schema": "[^"]*"/, '"$schema": "https://json-schema.org/draft-07/schema"'), /in the program's scenarios folder.*the "schema --for <this file>" command prints the line to write/],
];

describe("where the validator's fixes send a trainer", () => {
  // The web app's trainer has no docs/authoring.md, scenarios/guide/ nor scenarios/scenario.schema.json: the fixes sent them there.
  it.each(CASES)('%s: with the caller\'s pointers, no fix names a file of the program, and one names the place given or says the fix in full', (_case, text) => {
    const found = fixes(text, HERE);
    expect(found.filter((f) => PROGRAM_FILE.test(f))).toEqual([]);
    expect(found.some((f) => f.includes('HERE') || f.includes('(allows "AWOL"'))).toBe(true);
  });

  // The terminal's trainer has the program's folder: the fixes name its files, as they did.
  it.each(CASES)('%s: without them, a fix names the program\'s file, in the terminal\'s words', (_case, text, terminal) => {
    const found = fixes(text);
    expect(found.some((f) => terminal.test(f))).toBe(true);
    expect(found.some((f) => f.includes('HERE'))).toBe(false);
  });

  // A rule's id alone, without its file, told a web-only trainer nothing of what each allows.
  it('an unknown language rule: with the pointers, each rule with the words it allows', () => {
    const text = CASES.find(([name]) => name === 'an unknown language rule')![1];
    expect(fixes(text, HERE)).toContain('Use one of: "a-csec" (allows "a CSEC", "CSECs" in this text), "prostitute" (allows "prostitute", "prostitutes", "child prostitute", "child prostitutes", "teen prostitute", "prostituted" in this text), "awol" (allows "AWOL", "A.W.O.L.", "A.W.O.L" in this text).');
  });

  // A field the checks have no words of their own for (a check the format may gain) was "Check this
  // field against the JSON Schema.": a web-only trainer is told what the format says of the field,
  // and where its schema is offered.
  it('a field of no allowed form: the terminal\'s "check the JSON Schema"; with the pointers, the field\'s description and where the schema is', () => {
    const raw = JSON.parse(example) as unknown;
    const issue = { code: 'not_multiple_of', divisor: 5, input: 7, origin: 'number', path: ['estimatedMinutes'], message: 'Number must be a multiple of 5' } as unknown as z.core.$ZodIssue;
    expect(schemaProblems(raw, [issue]).map((p) => p.fix)).toEqual(['Check this field against the JSON Schema.']);
    expect(withPointers(HERE, () => schemaProblems(raw, [issue])).map((p) => p.fix)).toEqual([
      'The format says of this field: About how long one playthrough takes, in minutes (1 to 240). Check it against the scenario format: the JSON Schema (scenario.schema.json), which is offered HERE.',
    ]);
    const custom = { code: 'custom', input: {}, path: ['nodes', 0], message: 'needs something new' } as unknown as z.core.$ZodIssue;
    expect(withPointers(HERE, () => schemaProblems(raw, [custom])).map((p) => p.fix)).toEqual([
      'Check it against the scenario format: the JSON Schema (scenario.schema.json), which is offered HERE.',
    ]);
  });
  it('the pointers last for one validation only', () => {
    fixes('', HERE);
    expect(fixes('')).toEqual(['A scenario is one JSON object: start from the worked example in docs/authoring.md.']);
  });
});

// The fixes for Markdown marks and invisible characters end "validate again to see the rest": in the
// web app's Preview the action is its "Check again" button, with no command to validate.
describe('the fix that asks for another check names the action the caller has', () => {
  // More than the warnings listed one by one: the rest are counted, and this fix says how to see them.
  const lines = (text: string) => changed((data) => {
    data.nodes[0]!.lines = Array.from({ length: 25 }, (_, i) => ({ character: 'jade', text: `${i} ${text}` }));
  });
  const marked = lines('How are *you* doing?');
  const invisible = lines('Look\u200b here.');
  it.each([['Markdown marks', marked], ['an invisible character', invisible]])('%s: "validate again" in the terminal, the caller\'s words with its pointers', (_, text) => {
    const summary = (f: (string | undefined)[]) => f.filter((x) => x?.includes('to see the rest'));
    expect(summary(fixes(text))).toEqual([expect.stringContaining('; validate again to see the rest.')]);
    expect(summary(fixes(text, { ...HERE, again: 'press AGAIN' }))).toEqual([expect.stringContaining('; press AGAIN to see the rest.')]);
    // Without words of its own, a caller's pointers keep the terminal's.
    expect(summary(fixes(text, HERE))).toEqual([expect.stringContaining('; validate again to see the rest.')]);
  });
});

// Past the problems listed, the count ended "fix these first and validate again" wherever it was
// shown: in the web app's Preview there is no command to validate, only its "Check again" button.
describe('the line that counts the problems past those listed names the caller\'s way to check again', () => {
  const truncated = { count: 3, codes: { 'unknown-field': 1, markdown: 2 } };
  const result: ValidationResult = { ok: false, problems: [], errors: 3, warnings: 0, truncated };
  it('"validate again" in the terminal, the caller\'s words with its pointers', () => {
    expect(formatValidation(result, 'mine.json').split('\n')).toEqual(['…and 3 more problems of these kinds (markdown ×2, unknown-field ×1); fix these first and validate again.', 'mine.json: 3 errors, 0 warnings']);
    expect(formatValidation(result, 'mine.json', { ...HERE, again: 'press AGAIN' }).split('\n')[0]).toBe('…and 3 more problems of these kinds (markdown ×2, unknown-field ×1); fix these first and press AGAIN.');
    expect(moreProblemsLine({ count: 1, codes: { markdown: 1 } }, { ...HERE, again: 'press AGAIN' })).toBe('…and 1 more problem of these kinds (markdown ×1); fix these first and press AGAIN.');
    expect(moreProblemsLine(truncated, HERE)).toMatch(/; fix these first and validate again\.$/);
  });
});

// An app's own file not named after its id was told of the terminal's play command, in the web
// app's Preview too ("npx casa-practice play <id>"), a command on a page for a trainer with no terminal.
describe('id-not-file-name names what looks for the file in the caller\'s words', () => {
  const message = (authoring?: AuthoringPointers) => validateScenario(example, 'first-court-date.json', { fileStem: 'first-court-date', command: (args) => `npm run cli -- ${args}`, ...(authoring ? { authoring } : {}) })
    .problems.find((p) => p.code === 'id-not-file-name')?.message;
  it('the terminal\'s command without them, the caller\'s words with them', () => {
    expect(message()).toMatch(/: in the scenarios folder a file is named after its id, which "npm run cli -- play <id>" looks for\.$/);
    expect(message({ ...HERE, findsById: 'the FINDER' })).toMatch(/: in the scenarios folder a file is named after its id, which the FINDER looks for\.$/);
    // Without words of its own, a caller's pointers keep the command.
    expect(message(HERE)).toContain('which "npm run cli -- play <id>" looks for.');
  });
});

// A file outside the scenarios folder with an app scenario's id was told, wherever it was checked,
// that saved progress "outside the scenarios folder is kept per file": the terminal's plays. The
// web Preview's save nothing, and say so in their own words.
describe('what a file with the id of one of the app\'s scenarios would share with it', () => {
  const shared = (authoring?: AuthoringPointers) => validateScenario(example, 'mine.json', { sameIdElsewhere: () => 'scenarios/other.json', ...(authoring ? { authoring } : {}) })
    .problems.find((p) => p.code === 'duplicate-scenario-id')?.message;
  it('the terminal\'s records and saves, or the caller\'s words', () => {
    expect(shared()).toMatch(/ too: completion records \(best score, times finished\) are kept by scenario id wherever the file is, .* \(Saved progress stays apart: outside the scenarios folder it is kept per file\.\)$/);
    expect(shared(HERE)).toBe(shared());
    expect(shared({ ...HERE, sharedId: 'nothing SHARED here.' })).toMatch(/^The app's scenario file "scenarios\/other\.json" has the id "[a-z-]+" too: nothing SHARED here\.$/);
  });
  // One of the app's own files (fileStem) was told the terminal's picker and saves on every page.
  const inApp = (authoring?: AuthoringPointers) => validateScenario(example, 'mine.json', { fileStem: 'mine', sameIdElsewhere: () => 'scenarios/other.json', ...(authoring ? { authoring } : {}) })
    .problems.find((p) => p.code === 'duplicate-scenario-id')?.message;
  it('for a file of the app\'s scenarios folder: the terminal\'s saves, records and picker, or the caller\'s words', () => {
    expect(inApp()).toMatch(/ too: in the scenarios folder saved progress and completion records \(best score, times finished\) are kept by scenario id, so the two would share them, and the picker would list both\.$/);
    expect(inApp({ ...HERE, sharedId: 'not THIS.' })).toBe(inApp());
    expect(inApp({ ...HERE, sharedIdInApp: 'one OPENED.' })).toMatch(/^The app's scenario file "scenarios\/other\.json" has the id "[a-z-]+" too: one OPENED\.$/);
  });
});
