import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/machines/validate/index.js';
import type { Problem } from '../../src/machines/validate/problem.js';
import { MAX_MARKUP_TEXTS } from '../../src/machines/validate/markup.js';
import { readFixture } from '../helpers/fixtures.js';

// whereabouts-unknown had a line "How are *you* doing with all this?": the apps show text as
// written, so volunteers saw the asterisks, and the validator said nothing.

const example = readFixture('good/example.json').toString('utf8');
const LINE = 'Look, finally a phone that doesn\'t die every hour.';

/** The example with the youth's first line written as `line` (JSON-escaped). */
function withLine(line: string): string {
  const text = example.replace(JSON.stringify(LINE), JSON.stringify(line));
  expect(text).not.toBe(example);
  return text;
}

const markdown = (text: string) => validateScenario(text, 'x.json').problems.filter((p) => p.code === 'markdown');

/** The one warning of `problems`, its fix containing `fix`, its line:column at `at` in the file `text`. */
function oneWarningAt(problems: Problem[], text: string, at: string, fix: string): Problem | undefined {
  const [p, ...rest] = problems;
  expect(rest).toEqual([]);
  expect(p?.severity).toBe('warning');
  expect(p?.fix).toContain(fix);
  const row = text.split('\n')[(p?.line ?? 1) - 1] ?? '';
  expect(row.slice((p?.column ?? 1) - 1).startsWith(at), `${row} at ${p?.column}`).toBe(true);
  return p;
}

describe('markdown: a text written with Markdown\'s marks is a warning, at the marks', () => {
  it.each([
    ['emphasis with asterisks', 'How are *you* doing?', '*you*', 'Write "you" without the asterisks'],
    ['strong emphasis', 'That is **not** okay.', '**not**', 'Write "not" without the asterisks'],
    ['underscores', 'I _really_ mean it.', '_really_', 'Write "really" without the underscores'],
    ['a link', 'Read [the guide](https://example.org/guide) first.', '[the guide]', 'Write the words alone, "the guide"'],
    ['a heading', 'Saturday\n## The shoot', '## The shoot', 'Remove the "#"'],
  ])('%s', (_, line, marks, fix) => {
    const text = withLine(line);
    oneWarningAt(markdown(text), text, marks, fix);
  });

  it.each([
    ['arithmetic', '5 * 3 * 2 is thirty.'],
    ['an underscore inside a word', 'my handle is dani_2009_x'],
    ['a lone asterisk', 'Five stars * from me'],
    ['a hashtag, not a heading', '#1 fan, #LongBeach'],
    ['a heading mark mid-line', 'She said # is a hash.'],
    ['brackets without an address', 'She said [laughs] okay.'],
  ])('not for %s', (_, line) => {
    expect(markdown(withLine(line))).toEqual([]);
  });

  it('not in author notes, which volunteers never see', () => {
    const text = example.replace('"start": "phone"', '"authorNotes": "Check *this* with [Marisa](https://x.org).",\n  "start": "phone"');
    expect(text).not.toBe(example);
    expect(validateScenario(text, 'x.json').problems.filter((p) => p.code !== 'markdown').length).toBe(validateScenario(example, 'x.json').problems.length);
    expect(markdown(text)).toEqual([]);
  });

  it(`lists the first ${MAX_MARKUP_TEXTS} texts one by one, and counts the rest in one more warning`, () => {
    const raw = JSON.parse(example) as { nodes: { lines?: { character: string; text: string }[] }[] };
    const lines = raw.nodes[0]!.lines!;
    const who = lines[0]!.character;
    for (let i = 0; i < MAX_MARKUP_TEXTS + 5; i++) lines.push({ character: who, text: `Line *${i}*.` });
    const found = markdown(JSON.stringify(raw, null, 2));
    expect(found).toHaveLength(MAX_MARKUP_TEXTS + 1);
    expect(found.at(-1)?.message).toBe(`5 more texts from here on are written with Markdown's marks too (the first ${MAX_MARKUP_TEXTS} are listed one by one).`);
  });
});

// Found by the mistakes walk (mistakes-43): "looks <b>straight</b> at you.<br><br>Then she sighs."
// was valid without a word, though both apps show the tags as written.
const html = (text: string) => validateScenario(text, 'x.json').problems.filter((p) => p.code === 'html-tag');

describe('html-tag: a text written with HTML tags is a warning, at the tag', () => {
  it.each([
    ['a line break', 'Look.<br><br>Finally a phone.', '<br>', 'Write \\n where a new line starts (\\n\\n for a new paragraph) instead of "<br>".'],
    ['a paragraph', '<p>Look, finally a phone.</p>', '<p>', 'Write \\n\\n between paragraphs instead of "<p>" and "</p>".'],
    ['bold', 'Look, <b>finally</b> a phone.', '<b>', 'Write "finally" without the tags. To stress a word, let the sentence carry it (put the word where the voice falls, at the end).'],
    ['emphasis with an attribute', 'Look, <em class="x">finally</em> a phone.', '<em class', 'Write "finally" without the tags.'],
  ])('%s', (_, line, tag, fix) => {
    const text = withLine(line);
    expect(markdown(text)).toEqual([]);
    const p = oneWarningAt(html(text), text, tag, fix);
    expect(p?.message).toMatch(/^This text writes ".*", an HTML tag, but the apps show text as written: a volunteer sees the tag\.$/);
  });
  it.each([
    ['a heart', 'Love you <3 see you soon.'],
    ['comparisons', 'If trust < 60 and score > 80, fine.'],
    ['an arrow', 'Home -> school -> home.'],
    ['a word in angle brackets', 'Her handle is <unknown>.'],
  ])('not for %s', (_, line) => {
    expect(html(withLine(line))).toEqual([]);
  });
});
