import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { entryOf, isEntry, leftOutWords, quickEntry, sortEntries, withRecord, type CatalogEntry, type LeftOut } from '../../../src/machines/light.js';
import { bundledFiles, CLEAR, CLIPBOARD, expectClean, parsedScenario, RLO, TITLE } from './light-fixtures.js';

const example = parsedScenario('example.json');
const bundled = (id: string) => parsedScenario(`${id}.json`);

const records = { 'youth-discloses': { bestPercent: 85, completions: 2, lastCompleted: '2025-01-01T00:00:00.000Z' } };
const minimal = { id: 'x', title: 'X', summary: 'S', contentNote: 'C', estimatedMinutes: 5 };

describe('quick library entries', () => {
  it('lists every bundled scenario from its text, not yet validated', () => {
    for (const { file, text } of bundledFiles) {
      const raw = JSON.parse(text) as { id: string; title: string; estimatedMinutes: number };
      const e = quickEntry(file, text);
      expect(isEntry(e), file).toBe(true);
      expect(e).toMatchObject({ id: raw.id, title: raw.title, minutes: raw.estimatedMinutes, file, completed: false });
      expect(Object.hasOwn(e, 'playable')).toBe(false);
    }
    expect(bundledFiles.length).toBeGreaterThanOrEqual(6);
  });

  it('marks a scenario completed with its best score from the records', () => {
    const file = bundledFiles.find((f) => f.file === 'youth-discloses.json')!;
    expect(quickEntry(file.file, file.text, records)).toMatchObject({ completed: true, bestPercent: 85 });
  });

  it.each([
    ['truncated JSON', '{"id": "x", "title": ', 'it is not valid JSON'],
    ['an array', '[]', 'it is not a scenario (no object at the top)'],
    ['null', 'null', 'it is not a scenario (no object at the top)'],
    ['a string', '"scenario"', 'it is not a scenario (no object at the top)'],
    ['a missing title', JSON.stringify({ ...minimal, title: undefined }), 'it lacks an id, title, summary, content note or estimated minutes'],
    ['minutes as text', JSON.stringify({ ...minimal, estimatedMinutes: '5' }), 'it lacks an id, title, summary, content note or estimated minutes'],
    ['an id that is a number', JSON.stringify({ ...minimal, id: 7 }), 'it lacks an id, title, summary, content note or estimated minutes'],
    ['fields only under "__proto__"', `{"__proto__": ${JSON.stringify(minimal)}}`, 'it lacks an id, title, summary, content note or estimated minutes'],
  ])('leaves out a file that is not a scenario, and says why: %s', (_name, text, reason) => {
    expect(quickEntry('bad.json', text)).toEqual({ file: 'bad.json', reason });
  });

  it('cleans a hostile file\'s texts: the title to one line, summary and note keeping their paragraphs', () => {
    const e = quickEntry('h.json', JSON.stringify({
      ...minimal,
      title: `${TITLE}Evil\n\ttitle${CLEAR}`,
      summary: `${CLIPBOARD}One.\r\nTwo.${RLO}`,
      contentNote: `Note\u200b${TITLE}`,
    })) as CatalogEntry;
    expect(isEntry(e)).toBe(true);
    expect(e.title).toBe('Evil title');
    expect(e.summary).toBe('One.\nTwo.');
    expect(e.contentNote).toBe('Note');
  });
});

describe('entries of validated scenarios', () => {
  it('carries the playable scenario and its clean texts', () => {
    const playable = { scenario: example, file: '/x/example.json' };
    expect(entryOf(playable)).toEqual({
      id: 'example-new-phone', title: 'Example: the new phone', summary: example.summary, contentNote: example.contentNote, minutes: 5, file: '/x/example.json', completed: false, playable,
    });
  });

  it('cleans the texts of a validated scenario too', () => {
    const s = { ...bundled('red-flags'), title: `${TITLE}Red\nflags`, summary: `${CLEAR}s`, contentNote: `${RLO}c` };
    const e = entryOf({ scenario: s, file: 'f' });
    expect([e.title, e.summary, e.contentNote]).toEqual(['Red flags', 's', 'c']);
    const { playable: _p, ...texts } = e;
    expectClean(texts);
  });

  it('reads the records for the scenario\'s own id only', () => {
    expect(entryOf({ scenario: bundled('youth-discloses'), file: 'f' }, records)).toMatchObject({ completed: true, bestPercent: 85 });
    expect(entryOf({ scenario: bundled('red-flags'), file: 'f' }, records)).toMatchObject({ completed: false });
  });
});

describe('withRecord', () => {
  const entry: CatalogEntry = { id: 'a', title: 'A', summary: '', contentNote: '', minutes: 1, file: 'a.json', completed: true, bestPercent: 40 };

  it('drops a best score the records no longer hold', () => {
    const e = withRecord(entry, {});
    expect(e.completed).toBe(false);
    expect(Object.hasOwn(e, 'bestPercent')).toBe(false);
  });

  it('takes the best score from the records', () => {
    expect(withRecord(entry, { a: { bestPercent: 90, completions: 1, lastCompleted: '' } })).toMatchObject({ completed: true, bestPercent: 90 });
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('does not count an inherited property as a record: id "%s"', (id) => {
    expect(withRecord({ ...entry, id }, {}).completed).toBe(false);
  });
});

describe('library order and files left out', () => {
  it('sorts entries by title', () => {
    const e = (title: string): CatalogEntry => ({ id: title, title, summary: '', contentNote: '', minutes: 1, file: '', completed: false });
    expect(sortEntries([e('Trafficker'), e('court'), e('Apple'), e('Éclair')]).map((x) => x.title)).toEqual(['Apple', 'court', 'Éclair', 'Trafficker']);
  });

  it('sorts in the same (English) order whatever the system\'s language, as the terminal and a browser both list them', () => {
    // The built core (npm test builds dist/ first), in a process whose default locale is Swedish,
    // where "Ä" comes after "Z".
    const light = pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'dist', 'src', 'machines', 'light.js')).href;
    const script = `const { sortEntries } = await import(${JSON.stringify(light)}); const e = (title) => ({ id: title, title, summary: '', contentNote: '', minutes: 1, file: '', completed: false }); console.log(new Intl.Collator().resolvedOptions().locale, JSON.stringify(sortEntries([e('Zed'), e('Äpple'), e('Apple')]).map((x) => x.title)));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH, LANG: 'sv_SE.UTF-8' }, encoding: 'utf8' });
    expect(out.trim()).toBe('sv-SE ["Apple","Äpple","Zed"]');
  });

  it('tells entries from files left out', () => {
    expect(isEntry(quickEntry('x.json', JSON.stringify(minimal)))).toBe(true);
    expect(isEntry(quickEntry('x.json', '{'))).toBe(false);
  });

  it('says nothing when no file was left out', () => {
    expect(leftOutWords([])).toBeUndefined();
  });

  it('names one file left out and why', () => {
    expect(leftOutWords([{ file: 'a.json', reason: 'it is not valid JSON' }])).toBe('1 file left out: a.json (it is not valid JSON).');
  });

  it('names the first three of many, with the names the UI gives them', () => {
    const many: LeftOut[] = ['a', 'b', 'c', 'd'].map((f) => ({ file: `/dir/${f}.json`, reason: 'r' }));
    expect(leftOutWords(many, (f) => f.replace('/dir/', ''))).toBe('4 files left out: a.json (r); b.json (r); c.json (r); ….');
  });

  it('cleans a hostile file name to one line', () => {
    const words = leftOutWords([{ file: `${TITLE}evil\n${CLEAR}.json${RLO}`, reason: 'it is not valid JSON' }]);
    expect(words).toBe('1 file left out: evil .json (it is not valid JSON).');
  });
});
