import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateBundled } from '../../src/web/bundled-loader.js';

const example = readFileSync(join(import.meta.dirname, '../fixtures/good/example.json'), 'utf8');

describe('the loader that reads saves of bundled scenarios (validateBundled)', () => {
  // The play page and presenter mode validate the scenario to open it (scenarios.ts loadScenario),
  // and validated the same text again for the save or kept session they then read: at every reload.
  it('validates a file\'s text once: the save of a scenario read again gets the scenario already validated', () => {
    // Named after its id, as a bundled file is (a save names the id; an older one the file).
    const file = 'example-new-phone.json';
    const texts = [{ file, text: example }];
    const first = validateBundled(texts, file);
    if (!('scenario' in first)) throw new Error(first.error);
    expect(first.file).toBe(file);
    expect(validateBundled(texts, { source: 'bundled', id: 'example-new-phone' })).toBe(first);
    expect(validateBundled(texts, file)).toBe(first);
    // Another text under the same name (the app updated) is validated as itself.
    const changed = example.replace(/"title": "[^"]*"/, '"title": "Changed title"');
    expect(changed).not.toBe(example);
    const second = validateBundled([{ file, text: changed }], file);
    expect(second).not.toBe(first);
    expect('scenario' in second && second.scenario.title).toBe('Changed title');
  });

  it('says when the file is gone or no longer valid', () => {
    expect(validateBundled([], 'example.json')).toEqual({ error: 'The scenario file example.json is no longer part of the app.' });
    const broken = [{ file: 'example.json', text: '{"id": "example"}' }];
    expect(validateBundled(broken, 'example.json')).toEqual({ error: 'The scenario file example.json now has errors.' });
    expect(validateBundled(broken, 'example.json')).toEqual({ error: 'The scenario file example.json now has errors.' });
  });
});
