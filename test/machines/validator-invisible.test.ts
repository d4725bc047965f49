import { describe, expect, it } from 'vitest';
import { invisibleCharacters } from '../../bench/hostile.js';
import { runCli } from '../../src/terminal/cli.js';
import { formatValidation, MAX_PROBLEMS, validateScenario } from '../../src/machines/validate/index.js';
import { MAX_INVISIBLE_TEXTS } from '../../src/machines/validate/invisible.js';
import { formatPath, type Problem } from '../../src/machines/validate/problem.js';
import { fixturePath, readFixture } from '../helpers/fixtures.js';

// A scenario whose texts held escape sequences, control, bidi or zero-width characters was
// "valid" with no word: the screens leave them out (text/clean.ts), so the text shown was not the
// text written, and nothing told the author.

const example = readFixture('good/example.json').toString('utf8');

/** Anything a terminal acts on, or that disguises text (as in validator-hostile.test.ts). */
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** A string as JSON text, with the invisible characters JSON.stringify leaves raw written as \\u escapes, as an author sees them. */
const json = (value: string) => JSON.stringify(value).replace(/[\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\udb40[\udc00-\udc7f]/g, (c) => Array.from(c.split(''), (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''));

/** The example with the youth's first line, the first reply's feedback and the trust label holding `inside` (mid-word or mid-sentence). */
function withText(inside: string): string {
  const text = example
    .replace('"Look, finally a phone', `${json(`Look,${inside} finally`).slice(0, -1)} a phone`)
    .replace('"A light, friendly question', `${json(`A light,${inside} friendly`).slice(0, -1)} question`)
    .replace('"label": "Jade\'s trust"', `"label": ${json(`Jade's${inside} trust`)}`);
  expect(text).not.toBe(example);
  return text;
}

const invisible = (text: string) => validateScenario(text, 'x.json').problems.filter((p) => p.code === 'invisible-character');

/** The text the problem's line:column points at. */
function at(text: string, p: Problem | undefined): string {
  const lines = text.split('\n');
  return (lines[(p?.line ?? 1) - 1] ?? '').slice((p?.column ?? 1) - 1);
}

describe('invisible-character: a text holding characters the screens leave out is a warning, at the character', () => {
  it.each([
    ['a terminal\'s escape sequence', '\u001b[31m', 'a terminal escape sequence "\\u001b[31m"', '\\u001b[31m'],
    ['a title-setting escape (OSC)', '\u001b]0;owned\u0007', 'a terminal escape sequence "\\u001b]0;owned\\u0007"', '\\u001b]0;owned\\u0007'],
    ['a bell', '\u0007', 'a bell character (U+0007)', '\\u0007'],
    ['a C1 control', '\u0080', 'a control character (U+0080)', '\\u0080'],
    ['a right-to-left override', '\u202e', 'a right-to-left override (U+202E)', '\\u202e'],
    ['a bidi isolate', '\u2066', 'a left-to-right isolate (U+2066)', '\\u2066'],
    ['a zero-width space', '\u200b', 'a zero-width space (U+200B)', '\\u200b'],
    ['a joiner outside an emoji or a script that joins letters', '\u200d', 'a zero-width joiner (U+200D)', '\\u200d'],
    ['a word joiner', '\u2060', 'a word joiner (U+2060)', '\\u2060'],
    ['a byte order mark', '\ufeff', 'a zero-width no-break space (byte order mark) (U+FEFF)', '\\ufeff'],
    // One of 128 invisible copies of ASCII: a whole hidden sentence passed with no word.
    ['a tag character (an invisible "e")', '\u{E0065}', 'a tag character (U+E0065)', '\\udb40\\udc65'],
  ])('%s', (_name, inside, named, written) => {
    const text = withText(inside);
    const result = validateScenario(text, 'x.json');
    // A warning, not an error: the scenario still plays.
    expect(result.ok).toBe(true);
    const problems = result.problems.filter((p) => p.code === 'invisible-character');
    expect(problems.map((p) => [p.severity, formatPath(p.path)])).toEqual([
      ['warning', 'variables[0].label'], ['warning', 'nodes[0].lines[0].text'], ['warning', 'nodes[0].replies[0].feedback'],
    ]);
    const line = problems[1] as Problem;
    // Which character, where in the text (its place and the words before it), and where in the file.
    expect(line.message).toBe(`This text holds ${named} at character 6, after "Look,": the apps leave it out when they show the text (${{
      escape: 'a terminal would act on it, changing colours, moving the cursor or setting its title; copied from a terminal, most likely',
      control: 'no screen can show it', bidi: 'it would change the order in which the text around it reads',
      invisible: 'it takes no space; pasted from a web page or a word processor, most likely',
    }[inside.startsWith('\u001b') ? 'escape' : /[\u202a-\u202e\u2066-\u2069]/.test(inside) ? 'bidi' : inside < '\u00a0' ? 'control' : 'invisible']}).`);
    expect(line.fix).toMatch(/^Remove the (escape sequence|invisible character): in the file it is written "/);
    expect(line.fix).toContain(`"${written}"`);
    // A character a JSON file must escape cannot have been pasted in unseen.
    expect(line.fix.includes('pasted in as it is')).toBe(inside.charCodeAt(0) >= 0x20);
    expect(at(text, line).startsWith(written)).toBe(true);
    // Nothing from the file reaches a terminal as it is: the message names the character.
    for (const p of problems) expect(`${p.message}${p.fix}`).not.toMatch(UNSAFE);
    expect(formatValidation(result, 'x.json')).not.toMatch(UNSAFE);
  });

  it('a vertical tab or form feed in a long text: the fix says how to write a new line; in a one-line text line-break-in-line says it alone', () => {
    const text = withText('\f');
    const problems = validateScenario(text, 'x.json').problems;
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([
      ['line-break-in-line', 'variables[0].label'],
      ['invisible-character', 'nodes[0].lines[0].text'],
      ['invisible-character', 'nodes[0].replies[0].feedback'],
    ]);
    expect(problems[1]?.message).toContain('a form feed (U+000C)');
    // In a one-line text a form feed is a space, as every line break is there (cleanLine).
    expect(problems[0]?.message).toBe('This label holds a form feed (a control character), but it is always shown on one line: the character becomes a space.');
    expect(problems[0]?.fix).toBe('Write it on one line (remove the "\\u000c").');
    expect(problems[1]?.fix).toBe('Remove the invisible character: in the file it is written "\\u000c". For a new line write \\n.');
  });

  it('one warning per text, at its first such character, with how many more it holds', () => {
    const text = example.replace('"Look, finally a phone that doesn\'t die every hour."', json('Look,\u200b finally \u001b[1ma phone\u001b[0m that doesn\'t die every hour.'));
    const problems = invisible(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^This text holds a zero-width space \(U\+200B\) at character 6, after "Look,": .* It holds 2 more after it: the escape sequence "\\u001b\[1m" and the escape sequence "\\u001b\[0m"\.$/);
    expect(problems[0]?.fix).toBe('Remove the invisible character: in the file it is written "\\u200b", or pasted in as it is, unseen (VS Code outlines such characters). Remove the others after it too, each escape sequence whole ("\\u001b[1m", not "\\u001b" alone).');
    expect(at(text, problems[0]).startsWith('\\u200b finally')).toBe(true);
  });

  it('a character pasted in as it is, not written as \\u…, is pointed at all the same', () => {
    const text = example.replace('"Look, finally a phone', '"Look,\u200b finally a phone');
    const [p] = invisible(text);
    expect(p?.message).toContain('a zero-width space (U+200B) at character 6, after "Look,"');
    expect(at(text, p).startsWith('\u200b finally')).toBe(true);
  });

  it('the place counts an emoji as one character, and a long text is shown by its last words', () => {
    const text = example.replace('"Look, finally a phone that doesn\'t die every hour."', json('Look 👀, finally a phone that doesn\'t die\u2060 every hour.'));
    expect(invisible(text)[0]?.message).toContain('at character 41, after "…ne that doesn\'t die":');
    const start = example.replace('"Look, finally a phone', JSON.stringify('\u200bLook, finally').slice(0, -1).concat(' a phone'));
    expect(invisible(start)[0]?.message).toContain('at character 1, at the start of the text:');
  });

  it.each([
    ['a line break in a long text (a new line, as the docs tell authors to write it)', 'Look, finally.\n\nA phone that doesn\'t die every hour.'],
    ['a tab (shown as white space)', 'Look,\tfinally a phone that doesn\'t die every hour.'],
    ['a carriage return or a line separator', 'Look, finally.\r\nA phone.\u2028It doesn\'t die.'],
    ['the joiner inside an emoji', 'Look 👩🏽\u200d🦱, finally a phone.'],
    ['a non-joiner in a Persian word', 'مریم\u200cها, finally a phone.'],
    ['a right-to-left mark in Hebrew text', 'שלום\u200f (2), finally a phone.'],
  ])('not for what the apps show on purpose: %s', (_name, line) => {
    const text = example.replace('"Look, finally a phone that doesn\'t die every hour."', JSON.stringify(line));
    expect(text).not.toBe(example);
    expect(invisible(text)).toEqual([]);
  });

  it('not for a text made only of such characters: that is blank-text\'s error', () => {
    const problems = validateScenario(example.replace('"label": "Jade\'s trust"', '"label": "\\u200b\\u001b[31m"'), 'x.json').problems;
    expect(problems.map((p) => p.code)).toEqual(['blank-text']);
  });

  it('in every kind of text: titles, names, roles, notes, prompts, a variant\'s narration, author notes', () => {
    const raw = JSON.parse(example) as Record<string, unknown> & { characters: Record<string, unknown>[]; nodes: Record<string, unknown>[] };
    const mark = (s: string) => `${s}\u200b.`;
    raw.title = mark('The new phone');
    raw.summary = mark('A summary');
    raw.contentNote = mark('A note');
    raw.authorNotes = mark('Notes');
    Object.assign(raw.characters[0]!, { name: mark('Jade'), role: mark('youth'), description: mark('A youth') });
    const decision = raw.nodes[0] as Record<string, unknown> & { replies: Record<string, unknown>[] };
    Object.assign(decision, { title: mark('Phone'), prompt: mark('What now?'), facilitatorNote: mark('Note'), discussionPrompt: mark('Why?'), authorNotes: mark('Notes') });
    Object.assign(decision.replies[0]!, { text: mark('Nice'), authorNotes: mark('Notes') });
    const ending = raw.nodes.find((n) => n.kind === 'ending')!;
    Object.assign(ending, { variants: [{ when: { var: 'trust', gte: 90 }, narration: mark('Better') }] });
    const paths = invisible(JSON.stringify(raw, null, 2)).map((p) => formatPath(p.path));
    const e = raw.nodes.indexOf(ending);
    expect(paths.sort()).toEqual([
      'authorNotes', 'characters[0].description', 'characters[0].name', 'characters[0].role', 'contentNote',
      'nodes[0].authorNotes', 'nodes[0].discussionPrompt', 'nodes[0].facilitatorNote', 'nodes[0].prompt', 'nodes[0].replies[0].authorNotes',
      'nodes[0].replies[0].text', 'nodes[0].title', `nodes[${e}].variants[0].narration`, 'summary', 'title',
    ].sort());
  });

  it('also in a file with errors, in the nodes that failed the schema', () => {
    const text = withText('\u200b').replace('"ending": "strong"', '"ending": "great"');
    const result = validateScenario(text, 'x.json');
    expect(result.ok).toBe(false);
    expect(result.problems.filter((p) => p.code === 'invisible-character')).toHaveLength(3);
  });

  it(`lists the first ${MAX_INVISIBLE_TEXTS} texts, then one warning counts the rest; each text is read once`, () => {
    const text = invisibleCharacters(5_000);
    const result = validateScenario(text, 'hostile.json');
    const problems = result.problems.filter((p) => p.code === 'invisible-character');
    expect(problems).toHaveLength(MAX_INVISIBLE_TEXTS + 1);
    expect(result.problems.length).toBeLessThan(MAX_PROBLEMS);
    const last = problems.at(-1) as Problem;
    expect(formatPath(last.path)).toBe(`nodes[${MAX_INVISIBLE_TEXTS}].narration`);
    // 5,000 narrations and the ending's line, the first 20 listed.
    expect(last.message).toBe(`${(5_001 - MAX_INVISIBLE_TEXTS).toLocaleString('en-US')} more texts from here on hold escape sequences, control or invisible characters too (the first ${MAX_INVISIBLE_TEXTS} are listed one by one).`);
    // The ending's line of 5,000 zero-width spaces: counted (its own warning is past the first 20).
    expect(formatValidation(result, 'hostile.json')).not.toMatch(UNSAFE);
  });

  it('the count names lone surrogates when the texts past the first hold them, and counts a text once however many kinds it holds', () => {
    const more = (text: string) => validateScenario(text, 'hostile.json').problems.filter((p) => p.code === 'invisible-character').at(-1) as Problem;
    // 25 narrations and the ending's line, each holding only halves of characters on their own.
    const halves = invisibleCharacters(25).replaceAll('\\u001b[31m', '').replaceAll('\u200b', '\\ud800');
    expect(halves).not.toMatch(/\u200b|u001b/);
    expect(more(halves).message).toBe(`${26 - MAX_INVISIBLE_TEXTS} more texts from here on hold half characters on their own (lone surrogates) too (the first ${MAX_INVISIBLE_TEXTS} are listed one by one).`);
    // Narrations with a zero-width space and a half each (two warnings a text: 10 texts listed), the ending's line zero-width spaces only.
    const both = invisibleCharacters(25).replaceAll('\\u001b[31m', '').replace(/Still\u200b waiting/g, 'Still\u200b waiting\\udc00');
    expect(more(both).message).toBe(`${26 - MAX_INVISIBLE_TEXTS / 2} more texts from here on hold escape sequences, control or invisible characters, or half characters on their own (lone surrogates), too (the first ${MAX_INVISIBLE_TEXTS} are listed one by one).`);
  });
});

// Half of a surrogate pair on its own ("\ud800" written in the JSON, an emoji's escape cut in two)
// is no character: the screens show U+FFFD (text/clean.ts) and the author was not told.
describe('a lone surrogate in a text is a warning at it, saying to remove it or write the whole character', () => {
  it.each([
    ['a high half', '\ud800', 'U+D800', '\\ud800'],
    ['a low half', '\udc00', 'U+DC00', '\\udc00'],
    ['an emoji\'s high half, its low half lost', '\ud83d', 'U+D83D', '\\ud83d'],
  ])('%s', (_name, inside, code, written) => {
    const text = withText(inside);
    expect(text).toContain(written);
    const result = validateScenario(text, 'x.json');
    // A warning: the scenario still plays (the character is shown as U+FFFD).
    expect(result.ok).toBe(true);
    const problems = invisible(text);
    expect(problems.map((p) => [p.severity, formatPath(p.path)])).toEqual([
      ['warning', 'variables[0].label'], ['warning', 'nodes[0].lines[0].text'], ['warning', 'nodes[0].replies[0].feedback'],
    ]);
    const line = problems[1] as Problem;
    expect(line.message).toBe(`This text holds half of a character on its own (${code}, a lone surrogate) at character 6, after "Look,": the apps show it as U+FFFD, the replacement character (a question mark in a diamond).`);
    expect(line.fix).toMatch(/^Remove it or write the whole character: in the file it is written "/);
    expect(line.fix).toContain(`"${written}"`);
    // At the character itself: line and column.
    expect(at(text, line).startsWith(written)).toBe(true);
    for (const p of problems) expect(`${p.message}${p.fix}`).not.toMatch(/[\ud800-\udfff]/);
    expect(formatValidation(result, 'x.json')).not.toMatch(UNSAFE);
  });

  it('not for a whole character written as its two halves, and said with the text\'s other hidden characters', () => {
    expect(invisible(withText('\ud83d\ude00'))).toEqual([]);
    // A zero-width space before it: both are said (one warning each), each at its own character.
    const text = withText('\u200b\ud800');
    const problems = invisible(text).filter((p) => formatPath(p.path) === 'nodes[0].lines[0].text');
    expect(problems.map((p) => p.message.slice(0, 40))).toEqual(['This text holds a zero-width space (U+20', 'This text holds half of a character on i']);
    expect(at(text, problems[1]).startsWith('\\ud800')).toBe(true);
    // A half on its own counts as a character in the place of what follows it (it was taken for an emoji's first half).
    const after = invisible(withText('\ud800a\u200b')).find((p) => formatPath(p.path) === 'nodes[0].lines[0].text' && p.message.includes('zero-width space'));
    expect(after?.message).toContain('at character 8, after "Look,\ufffda"');
  });
});

describe('a hidden character in an id, a reference or a field name is named in that error', () => {
  // A zero-width space pasted into "phone-accuse" was "The text "phone-\u200baccuse" is not a valid
  // id … Use something like "phone-accuse"": what the author already sees in the file.
  const errorWith = (from: string, to: string, code: string) => {
    expect(example).toContain(from);
    const text = example.replace(from, to);
    const p = validateScenario(text, 'x.json').problems.find((q) => q.code === code);
    expect(p, code).toBeDefined();
    return { text, p: p as Problem };
  };

  it.each([
    ['a reply id, pasted in as it is', '"id": "phone-accuse"', '"id": "phone-\u200baccuse"', 'invalid-id', '"phone-\\u200baccuse" holds a hidden character, a zero-width space (U+200B), after "phone-": on screen it looks like "phone-accuse", but it is not the same', 'put the cursor just after "phone-" and press Delete'],
    ['a "next", written as \\u200b', '"to": "boyfriend-open"', '"to": "boyfriend-open\\u200b"', 'invalid-id', 'after "boyfriend-open": on screen it looks like "boyfriend-open"', 'where the file shows "\\u200b" there instead, delete that'],
    ['a principle', '"principle": "no-jumping-to-conclusions"', '"principle": "\u2060no-jumping-to-conclusions"', 'unknown-principle', 'holds a hidden character, a word joiner (U+2060), at its start', 'just after the opening quote'],
    ['a field name', '"feedback": "A light', '"feed\u200bback": "A light', 'unknown-field', '"feed\\u200bback" holds a hidden character, a zero-width space (U+200B), after "feed": on screen it looks like "feedback"', 'after "feed" and press Delete'],
  ])('%s', (_name, from, to, code, says, fix) => {
    const { text, p } = errorWith(from, to, code);
    expect(p.message).toContain(says);
    expect(p.fix).toMatch(/^Delete the hidden character: /);
    expect(p.fix).toContain(fix);
    expect(`${p.message} ${p.fix}`).not.toMatch(UNSAFE);
    // The error is still at the value (or key) itself.
    expect(at(text, p).startsWith(to.split(':')[code === 'unknown-field' ? 0 : 1]?.trim() ?? '')).toBe(true);
  });

  // An id written as "d1\ud800" was "not a valid id … Use something like "d1"" with no word of the half character.
  it('a half of a character on its own (a lone surrogate) in an id is named too, and where it is', () => {
    const { text, p } = errorWith('"id": "phone-accuse"', '"id": "phone-accuse\\ud800"', 'invalid-id');
    expect(p.message).toContain('"phone-accuse\\ud800" holds half of a character on its own (U+D800, a lone surrogate), after "phone-accuse"');
    expect(p.fix).toMatch(/^Delete the half character: /);
    expect(p.fix).toContain('where the file shows "\\ud800"');
    expect(`${p.message} ${p.fix}`).not.toMatch(/[\ud800-\udfff]/);
    expect(`${p.message} ${p.fix}`).not.toMatch(UNSAFE);
    expect(at(text, p).startsWith('"phone-accuse\\ud800"')).toBe(true);
  });

  // Found by validator-54: an emoji in an id ("phone-😡accuse") was told only "ids must be
  // lower-case letters, digits and single hyphens … Use something like "phone-accuse"", not which
  // character is wrong nor where; so were an en dash for a hyphen and an accented letter.
  it.each([
    ['an emoji in a reply id', '"id": "phone-accuse"', '"id": "phone-\u{1F621}accuse"', 'holds an emoji, "\u{1F621}" (U+1F621), after "phone-".', 'It is just after "phone-": delete it, or type the whole value again. Use something like "phone-accuse".'],
    ['an emoji flag (two code points, one character) at the end of a "next"', '"next": "end-harmful"', '"next": "end-harmful\u{1F1FA}\u{1F1F8}"', 'holds an emoji, "\u{1F1FA}\u{1F1F8}" (U+1F1FA U+1F1F8), at its end, after "end-harmful".', 'It is just after "end-harmful": delete it, or type the whole value again. Change it to "end-harmful"'],
    ['a skin tone after a letter, and more', '"id": "phone-accuse"', '"id": "ph\u{1F3FD}one-\u{1F600}accuse"', 'holds an emoji, "\u{1F3FD}" (U+1F3FD), after "ph" (and 1 more character other than a to z, 0 to 9 and the hyphen).', 'It is just after "ph": delete it'],
    ['an emoji at the start of the scenario id', '"id": "example-new-phone"', '"id": "\u{1F4F1}example-new-phone"', 'holds an emoji, "\u{1F4F1}" (U+1F4F1), at its start.', 'It is just after the opening quote: delete it, or type the whole value again. Use something like "example-new-phone".'],
    ['an en dash', '"id": "phone-accuse"', '"id": "phone\u2013accuse"', 'holds an en dash (U+2013), which looks like a hyphen but is not one, after "phone".', 'It is just after "phone": type a hyphen (-) in its place, or type the whole value again.'],
    ['a letter and an accent typed after it', '"id": "phone-accuse"', '"id": "phone-accuse\u0301"', 'holds a letter with an accent, "\u00e9" (U+0065 U+0301), at its end, after "phone-accus".', 'It is just after "phone-accus": write "e" in its place'],
    ['a Cyrillic letter that looks like a', '"id": "phone-accuse"', '"id": "phone-\u0430ccuse"', 'holds a letter that is not one of a to z, "\u0430" (U+0430), after "phone-".', 'It is just after "phone-": type the letter meant from a to z in its place'],
  ])('%s: the character is named, and where it is', (_name, from, to, says, fix) => {
    const { text, p } = errorWith(from, to, 'invalid-id');
    const value = to.split(': ')[1] ?? '';
    expect(p.message).toContain(`ids must be lower-case letters, digits and single hyphens. ${value} ${says}`);
    expect(p.fix.startsWith(fix)).toBe(true);
    expect(`${p.message} ${p.fix}`).not.toMatch(UNSAFE);
    expect(at(text, p).startsWith(value)).toBe(true);
  });

  // Found by val-55: "phone-❤️" (the heart, U+2764, and the variation selector U+FE0F typed with
  // it) was told only of the selector, "a character that shows as nothing, after "phone-❤"", and
  // to delete that: the heart the trainer typed, which is the mistake, went unnamed.
  it('an emoji with its variation selector at the end of an id: the emoji is named as typed, the selector with it, and where it is', () => {
    const { text, p } = errorWith('"id": "phone-accuse"', '"id": "phone-accuse\u2764\ufe0f"', 'invalid-id');
    expect(p.message).toContain('ids must be lower-case letters, digits and single hyphens. "phone-accuse\u2764\ufe0f" holds an emoji, "\u2764\ufe0f" (U+2764 U+FE0F; U+FE0F is a variation selector, which shows as nothing), at its end, after "phone-accuse".');
    expect(p.message).not.toContain('a character that shows as nothing');
    expect(p.fix.startsWith('It is just after "phone-accuse": delete it, the variation selector with it, or type the whole value again. Use something like "phone-accuse".')).toBe(true);
    expect(`${p.message} ${p.fix}`).not.toMatch(UNSAFE);
    expect(at(text, p).startsWith('"phone-accuse\u2764\ufe0f"')).toBe(true);
  });

  // Found by val-56: "Phone❤️" (a capital and an emoji with its variation selector) was told only
  // the rule, "ids must be lower-case letters …": neither the capital nor the emoji was named.
  it('a capital and an emoji with its variation selector: each named in order, the capital at its column, the emoji and its selector; one id suggested', () => {
    const { text, p } = errorWith('"id": "phone-curious"', '"id": "Phone\u2764\ufe0f"', 'invalid-id');
    expect(p.message).toBe('The text "Phone\u2764\ufe0f" is not a valid id: ids must be lower-case letters, digits and single hyphens. It holds a capital, "P", at its start (column 18). It holds 1 more character an id cannot hold: an emoji, "\u2764\ufe0f" (U+2764 U+FE0F; U+FE0F is a variation selector, which shows as nothing).');
    expect(text.split('\n')[p.line - 1]?.[17]).toBe('P');
    expect(p.fix).toBe('The "\u2764\ufe0f" is just after "Phone": delete it, the variation selector with it, or type the whole value again. Use something like "phone".');
    expect(`${p.message} ${p.fix}`).not.toMatch(UNSAFE);
    expect(at(text, p).startsWith('"Phone\u2764\ufe0f"')).toBe(true);
  });

  it('an emoji first, then capitals, an underscore and another emoji: the emoji at its column, the others counted or named in the order met', () => {
    const { text, p } = errorWith('"id": "phone-curious"', '"id": "\u2764\ufe0fPhone_Now\u{1F621}x"', 'invalid-id');
    expect(p.message).toContain('hyphens. It holds an emoji, "\u2764\ufe0f" (U+2764 U+FE0F; U+FE0F is a variation selector, which shows as nothing), at its start (column 18). It holds 4 more characters an id cannot hold: 2 capitals, an underscore and an emoji, "\u{1F621}" (U+1F621).');
    expect(text.split('\n')[p.line - 1]?.slice(17, 19)).toBe('\u2764\ufe0f');
    expect(p.fix).toBe('It is just after the opening quote: delete it, the variation selector with it, or type the whole value again. Use something like "phone-now-x".');
  });

  it('a variation selector after a plain letter, with no emoji, is still named as a character that shows as nothing', () => {
    const { p } = errorWith('"id": "phone-accuse"', '"id": "phone-ac\ufe0fcuse"', 'invalid-id');
    expect(p.message).toContain('holds a variation selector (U+FE0F), a character that shows as nothing, after "phone-ac"');
  });

  it('a non-breaking space inside an id is named by its name, shown escaped, and where it is', () => {
    const { p } = errorWith('"id": "phone-accuse"', '"id": "phone\u00a0accuse"', 'invalid-id');
    expect(p.message).toContain('"phone\\u00a0accuse" holds a non-breaking space (U+00A0) after "phone": on screen it looks like an ordinary space');
    expect(p.fix).toBe('It is just after "phone": replace it, or type the whole value again. Use something like "phone-accuse".');
    expect(`${p.message} ${p.fix}`).not.toContain('\u00a0');
  });

  it('not for a name written where an id goes: its id is suggested, with no character singled out', () => {
    const { p } = errorWith('"character": "jade"', '"character": "Jazmín Ruiz"', 'invalid-id');
    expect(p.message).toBe('The text "Jazmín Ruiz" is not a valid id: ids must be lower-case letters, digits and single hyphens.');
    expect(p.fix).toBe('Use something like "jazmin-ruiz".');
  });

  it('not for a text: that is the invisible-character warning, said once', () => {
    const text = withText('\u200b');
    expect(validateScenario(text, 'x.json').problems.every((p) => p.code === 'invisible-character' && !p.message.includes('hidden character'))).toBe(true);
  });
});

describe('casa-practice validate', () => {
  async function run(...argv: string[]) {
    let out = '';
    const code = await runCli(argv, { out: (t) => (out += t), err: () => {} });
    return { code, out };
  }

  it('prints the warning, and --json gives it with its place, sanitised; the file is still valid', async () => {
    const file = fixturePath('bad/invisible-character.json');
    const human = await run('validate', file);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/invisible-character\.json:23:93 warning \[invisible-character\] nodes\[0\]\.lines\[0\]\.text: This text holds a zero-width space \(U\+200B\) at character 45/);
    expect(human.out).not.toMatch(UNSAFE);
    const machine = await run('validate', '--json', file);
    expect(machine.code).toBe(0);
    expect(machine.out).not.toMatch(UNSAFE);
    const report = JSON.parse(machine.out) as { files: { problems: Problem[] }[] };
    expect(report.files[0]?.problems.map((p) => [p.code, p.severity, p.line, p.column, formatPath(p.path)])).toEqual([
      ['invisible-character', 'warning', 23, 93, 'nodes[0].lines[0].text'],
    ]);
    expect(report.files[0]?.problems[0]?.fix).toBe('Remove the invisible character: in the file it is written "\\u200b", or pasted in as it is, unseen (VS Code outlines such characters).');
  });
});

// Found by the mistakes walk (mistakes-43): a node id pasted with a zero-width space inside
// ("boyfriend-gua\u200brded") was told to delete the hidden character but also "Use something like
// "boyfriend-gua-rded"", and each "next" naming "boyfriend-guarded" said only that there is no such
// node, not that the node meant is the one with the hidden character (as for a capital or a dash).
describe('a node id with a hidden character inside', () => {
  it('suggests the id without it, and the "next"s naming it point at that node', () => {
    const text = example.replace('"id": "boyfriend-guarded"', '"id": "boyfriend-gua\\u200brded"');
    expect(text).not.toBe(example);
    const { problems } = validateScenario(text, 'x.json');
    const invalid = problems.filter((p) => p.code === 'invalid-id');
    expect(invalid).toHaveLength(1);
    // The "next"s naming it are not errors of their own above it (valid-44): the invalid-id error,
    // at the cause, lists them after saying what the hidden character is.
    expect(problems.filter((p) => p.code === 'unknown-node')).toEqual([]);
    expect(invalid[0]?.message).toMatch(/^The text "boyfriend-gua\\u200brded" is not a valid id: .* holds a hidden character, a zero-width space \(U\+200B\), after "boyfriend-gua": .* 3 places name "boyfriend-guarded" \(line \d+, column \d+; line \d+, column \d+; line \d+, column \d+\), meaning this node: they lead to no node until its id is "boyfriend-guarded"\.$/);
    expect(invalid[0]?.fix).toMatch(/^Delete the hidden character: put the cursor just after "boyfriend-gua" .* Change it to "boyfriend-guarded": then the 3 places that name it lead here\.$/);
  });
});

// Found by the one-mistake sweep (valid-44): a non-breaking space (U+00A0) pasted after a node's id
// was shown in the message as an ordinary space ("The text "boyfriend-guarded " is not a valid
// id"), which the trainer, who sees no space in the file, could not act on.
describe('a node id with a non-breaking space at its end', () => {
  const text = example.replace('"id": "boyfriend-guarded"', '"id": "boyfriend-guarded\u00a0"');
  it('shows it as \\u00a0, names it and where it is, and the fix offers the id without it', () => {
    expect(text).not.toBe(example);
    const problems = validateScenario(text, 'x.json').problems;
    expect(problems.map((p) => p.code)).toEqual(['invalid-id']);
    const [p] = problems as [Problem];
    expect(at(text, p).startsWith('"boyfriend-guarded\u00a0"')).toBe(true);
    for (const words of [p.message, p.fix]) expect(words).not.toContain('\u00a0');
    expect(p.message).toMatch(/^The text "boyfriend-guarded\\u00a0" is not a valid id: ids must be lower-case letters, digits and single hyphens\. "boyfriend-guarded\\u00a0" holds a non-breaking space \(U\+00A0\) at its end, after "boyfriend-guarded": at the end of a name it looks like nothing at all, but it is a character of its own, so the value is not the one it looks like \(pasted from a web page or a word processor, most likely\)\. 3 places name "boyfriend-guarded" /);
    expect(p.fix).toBe('Delete it: put the cursor just after "boyfriend-guarded" and press Delete (the closing quote should come straight after it), or type the whole value again. Change it to "boyfriend-guarded": then the 3 places that name it lead here.');
    expect(validateScenario(text.replace('"boyfriend-guarded\u00a0"', '"boyfriend-guarded"'), 'x.json').problems).toEqual([]);
  });
  it('a "next" naming an id with one inside is shown with it escaped too', () => {
    const named = example.replace('"next": "end-harmful"', '"next": "end\u2009harmful"');
    const p = validateScenario(named, 'x.json').problems.find((q) => q.path[q.path.length - 1] === 'next');
    expect(p?.message).toContain('"end\\u2009harmful"');
    expect(p?.message).toContain('a thin space (U+2009) after "end": on screen it looks like an ordinary space');
    expect(p?.fix).toBe('It is just after "end": replace it, or type the whole value again. Change it to "end-harmful", the id of the node "Crossing a line".');
    expect(p?.message).not.toContain('\u2009');
  });
});
