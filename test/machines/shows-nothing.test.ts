import { describe, expect, it } from 'vitest';
import { analyseBest, certificateData, cleanText, isBlank, parsePlaythrough, playthroughRecord, quoteValue, validateScenario, xapiStatements, type PlaythroughRecord } from '../../src/machines/index.js';
import { loadValidFixture, readFixture } from '../helpers/fixtures.js';
import { playReplies } from '../helpers/play.js';

// Characters that show as nothing passed the text cleaning (text/clean.ts) and every "not empty"
// check after it: a title, a character's name, a record's ending id or the name typed for the
// certificate made of Hangul fillers (U+3164) was taken as written, and shown as nothing; an id
// "d1-greeting" with a combining grapheme joiner (U+034F) after it was quoted by validate as
// "d1-greeting͏", the same on screen as the id it is not.

/** Each, with its code point: the Default_Ignorable_Code_Point ones cleanText keeps, and the braille pattern blank (not default-ignorable). */
const SHOWING_NOTHING: [string, string][] = [
  ['U+115F', '\u115f'], ['U+1160', '\u1160'], ['U+3164', '\u3164'], ['U+FFA0', '\uffa0'], ['U+2800', '\u2800'],
  ['U+180E', '\u180e'], ['U+034F', '\u034f'], ['U+061C', '\u061c'], ['U+00AD', '\u00ad'],
];

const example = readFixture('good/example.json').toString('utf8');

describe('a value of characters that show as nothing is blank', () => {
  it.each(SHOWING_NOTHING)('%s alone, twice, or with spaces, is blank; beside a letter it is kept in the text', (_code, c) => {
    for (const value of [c, `${c}${c}`, ` ${c} `, `${c}\u200b`, `\u3164 ${c}\u2800`]) expect(isBlank(value)).toBe(true);
    expect(isBlank(`a${c}`)).toBe(false);
    // Not stripped from a text: inside a word of some scripts each means something.
    expect(cleanText(`가${c}나`)).toBe(`가${c}나`);
  });

  it('what shows is not blank: letters, emoji (with their variation selector and joiner), a flag', () => {
    for (const value of ['a', 'Jade', '👍🏽', '❤️', '👩‍🦱', 'مریم‌ها', '⠁⠀⠃', '\u00ad-', '\ud800']) expect(isBlank(value)).toBe(false);
    for (const value of ['', ' ', '\u200b', '\u001b[31m', '\ufe0f', '\u2060\u3000']) expect(isBlank(value)).toBe(true);
  });

  it.each(SHOWING_NOTHING)('validate: a title, a character\'s name and a meter\'s label of %s are blank-text errors, the character shown escaped', (code, c) => {
    const raw = JSON.parse(example) as { title: string; characters: { name: string }[]; variables: { label: string }[] };
    raw.title = `${c} ${c}`;
    raw.characters[0]!.name = c;
    raw.variables[0]!.label = c;
    const result = validateScenario(JSON.stringify(raw), 'x.json');
    expect(result.ok).toBe(false);
    const blank = result.problems.filter((p) => p.code === 'blank-text');
    expect(blank.map((p) => p.path.join('.'))).toEqual(['title', 'characters.0.name', 'variables.0.label']);
    const written = `\\u${code.slice(2).toLowerCase()}`;
    expect(blank[0]?.message).toContain(`"${written} ${written}"`);
    for (const p of result.problems) expect(`${p.message} ${p.fix}`).not.toContain(c);
  });

  it('validate: a title with such a character inside a word is still a title', () => {
    const raw = JSON.parse(example) as { title: string };
    raw.title = `Court\u00adroom \uac00\u115f`;
    expect(validateScenario(JSON.stringify(raw), 'x.json').problems.filter((p) => p.code === 'blank-text')).toEqual([]);
  });
});

describe('an id holding a character that shows as nothing is named, by code point, in validate\'s error', () => {
  it.each(SHOWING_NOTHING)('%s after a node id', (code, c) => {
    const text = example.replace('"id": "boyfriend-guarded"', `"id": "boyfriend-guarded${c}"`);
    expect(text).not.toBe(example);
    const invalid = validateScenario(text, 'x.json').problems.filter((p) => p.code === 'invalid-id');
    expect(invalid).toHaveLength(1);
    const p = invalid[0]!;
    expect(p.message).toContain(`"boyfriend-guarded\\u${code.slice(2).toLowerCase()}" holds`);
    expect(p.message).toContain(`(${code}), a character that shows as nothing, after "boyfriend-guarded": on screen it looks like "boyfriend-guarded", but it is not the same`);
    expect(p.fix).toMatch(/^Delete it: put the cursor just after "boyfriend-guarded" and press Delete/);
    expect(p.fix).toContain('Change it to "boyfriend-guarded"');
    expect(`${p.message} ${p.fix}`).not.toContain(c);
  });

  it('the scenario id and a "next", each named', () => {
    const raw = JSON.parse(example) as { id: string };
    const withId = JSON.stringify({ ...raw, id: `${raw.id}\u034f` });
    const p = validateScenario(withId, 'x.json').problems.find((q) => q.code === 'invalid-id');
    expect(p?.message).toContain(`a combining grapheme joiner (U+034F), a character that shows as nothing, after "${raw.id}"`);
    const next = example.replace('"next": "end-harmful"', '"next": "end-harmful\u3164"');
    expect(next).not.toBe(example);
    const q = validateScenario(next, 'x.json').problems.find((r) => r.path[r.path.length - 1] === 'next');
    expect(q?.message).toContain('"end-harmful\\u3164" holds a Hangul filler (U+3164), a character that shows as nothing, after "end-harmful"');
  });

  it('quoteValue shows each as \\u…, and an emoji\'s variation selector as it is', () => {
    for (const [code, c] of SHOWING_NOTHING) expect(quoteValue(`d1${c}`)).toBe(`"d1\\u${code.slice(2).toLowerCase()}"`);
    expect(quoteValue('❤️')).toBe('"❤️"');
  });
});

describe('records, the certificate and the xAPI name', () => {
  const scenario = loadValidFixture('good/example.json');
  const debrief = playReplies(scenario, analyseBest(scenario).path.map((p) => p.replyId));
  if (!debrief) throw new Error('the best path did not end');
  const record = playthroughRecord(scenario, debrief, { mode: 'practice', startedAt: '2026-03-02T17:00:00.000Z' }, new Date('2026-03-02T17:21:40Z'));
  const copy = () => JSON.parse(JSON.stringify(record)) as PlaythroughRecord;

  it.each(SHOWING_NOTHING)('a record whose title or ending id is %s is refused, not shown blank', (_code, c) => {
    expect('error' in parsePlaythrough(copy())).toBe(false);
    expect(parsePlaythrough({ ...copy(), title: `${c} ` })).toEqual({ error: 'its title is missing' });
    const ending = copy();
    ending.ending!.id = c;
    expect(parsePlaythrough(ending)).toEqual({ error: 'its ending is malformed' });
    const decision = copy();
    decision.decisions[0]!.nodeId = `${c}${c}`;
    expect('error' in parsePlaythrough(decision)).toBe(true);
  });

  it.each(SHOWING_NOTHING)('a name of %s typed for the certificate or the xAPI file is no name', (_code, c) => {
    expect(certificateData([record], { name: `${c} ${c}`, year: 2026 })).not.toHaveProperty('name');
    expect(certificateData([record], { name: `Ana${c}`, year: 2026 }).name).toBe(`Ana${c}`);
    expect(xapiStatements(record, { learner: '9b2f7a1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b', name: c })[0]!.actor).not.toHaveProperty('name');
  });
});
