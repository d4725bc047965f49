import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/machines/validate/index.js';
import type { Problem } from '../../src/machines/validate/problem.js';
import { MAX_MARKS_PER_TEXT, MAX_MARKUP_TEXTS, MAX_MARKUP_WARNINGS } from '../../src/machines/validate/markup.js';
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
    ['a line break', 'Look.<br>Finally a phone.', '<br>', 'Write \\n where a new line starts (\\n\\n for a new paragraph) instead of "<br>".'],
    ['two line breaks, one mark', 'Look.<br><br>Finally a phone.', '<br><br>', 'Write \\n where a new line starts (\\n\\n for a new paragraph) instead of "<br><br>".'],
    ['a paragraph', 'Look.<p>Finally a phone.', '<p>', 'Write \\n\\n between paragraphs instead of "<p>".'],
    ['bold', 'Look, <b>finally</b> a phone.', '<b>', 'Write "finally" without the tags. To stress a word, let the sentence carry it (put the word where the voice falls, at the end).'],
    ['emphasis with an attribute', 'Look, <em class="x">finally</em> a phone.', '<em class', 'Write "finally" without the tags.'],
    // Found by the validator's left-overs (validator-45): "<img …>" was not warned about at all, and
    // "<hr>" was told to write \n\n instead of "<hr>" and "</hr>", a closing tag it never has.
    ['a picture', 'Look, <img src="phone.png" alt="phone"> finally a phone.', '<img src', 'Remove "<img src=\\"phone.png\\" alt=\\"phone\\">": a scenario\'s text is plain text and shows no pictures. If the picture matters to the story, say in words what it shows.'],
    ['a closed line break', 'Look.<br/>Finally a phone.', '<br/>', 'Write \\n where a new line starts (\\n\\n for a new paragraph) instead of "<br/>".'],
    ['a rule', 'Look.<hr>Finally a phone.', '<hr>', 'Write \\n\\n between paragraphs instead of "<hr>".'],
    ['a closed rule', 'Look.<hr />Finally a phone.', '<hr />', 'Write \\n\\n between paragraphs instead of "<hr />".'],
    ['a word-break opportunity', 'Look, finally a smart<wbr>phone.', '<wbr>', 'Remove "<wbr>"; a scenario\'s text is plain text.'],
  ])('%s', (_, line, tag, fix) => {
    const text = withLine(line);
    expect(markdown(text)).toEqual([]);
    const p = oneWarningAt(html(text), text, tag, fix);
    expect(p?.message).toMatch(tag.includes('><') ? /^This text writes ".*", HTML tags, but the apps show text as written: a volunteer sees the tags\.$/ : /^This text writes ".*", an HTML tag, but the apps show text as written: a volunteer sees the tag(?:, and no picture)?\.$/);
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

// Found by the validator wording walk (validwords-45): "<hr>" at the end of a text was told "Write
// \\n\\n between paragraphs instead of "<hr>"", though no paragraph follows it (following it left
// "\\n\\n" there, a blank line on screen); and a long "<img …>" was told 'Remove "<img src=\\"hood.png\\"
// alt=\\"Dani in her ho…"', cut at 40 characters, so the rest of the tag was left to find.
describe('html-tag: a fix a trainer can follow to the letter', () => {
  it.each([
    ['a rule at the end', 'Look, finally a phone.<hr>', '<hr>', 'Delete "<hr>": it ends the text, so no paragraph follows it (write \\n\\n only between paragraphs).'],
    ['a rule at the end, white space after it', 'Look, finally a phone. <hr/> ', '<hr/>', 'Delete "<hr/>": it ends the text, so no paragraph follows it (write \\n\\n only between paragraphs).'],
    ['a rule at the start', '<hr>Look, finally a phone.', '<hr>', 'Delete "<hr>": it starts the text, so no paragraph comes before it (write \\n\\n only between paragraphs).'],
    ['line breaks at the end', 'Look, finally a phone.<br><br>', '<br><br>', 'Delete "<br><br>": they end the text, so no line follows them (write \\n only where a new line starts, \\n\\n only between paragraphs).'],
    ['a rule between paragraphs, as before', 'Look.<hr>Finally a phone.', '<hr>', 'Write \\n\\n between paragraphs instead of "<hr>".'],
    // Found by the validator wording walk (validwords2-45): a pair wrapping the whole text was told
    // 'Write \\n\\n between paragraphs instead of "<p>" and "</p>"', which left line breaks at both ends.
    ['a paragraph\'s tags round the whole text', '<p>Look, finally a phone.</p>', '<p>', 'Delete "<p>" and "</p>": they wrap the whole text, so no paragraph comes before or after it (write \\n\\n only between paragraphs).'],
    ['a paragraph\'s tags round the whole text, white space round them', ' <div class="x">Look, finally a phone.</div> ', '<div class', 'Delete "<div class=\\"x\\">" and "</div>": they wrap the whole text, so no paragraph comes before or after it (write \\n\\n only between paragraphs).'],
  ])('%s', (_, line, tag, fix) => {
    const text = withLine(line);
    const p = oneWarningAt(html(text), text, tag, fix);
    expect(p?.fix).toBe(fix);
    // Done as it says (each tag it quotes deleted), the text is left with no warning at all, and no line break at its edge.
    const done = [...fix.matchAll(/"((?:[^"\\]|\\.)*)"/g)].slice(0, fix.startsWith('Delete') ? 2 : 1).map((m) => m[1] ?? '')
      .filter((t) => t.startsWith('<')).reduce((acc, t) => acc.replace(t, ''), text);
    expect(validateScenario(done, 'x.json').problems).toEqual([]);
  });

  it('paragraphs in tags: the tags that start and end the text are deleted, those between them are \\n\\n (one warning for the text)', () => {
    const text = withLine('<p>Look.</p><p>Finally a phone.</p>');
    expect(html(text).map((p) => p.fix)).toEqual([
      'Write \\n\\n between paragraphs instead of the tags between them ("</p><p>"), and delete the "<p>" that starts the text and the "</p>" that ends it (no paragraph comes before or after them; write \\n\\n only between paragraphs).',
    ]);
    // One run alone keeps its own words.
    expect(html(withLine('<p>Look.</p>')).map((p) => p.fix)).toEqual(['Delete "<p>" and "</p>": they wrap the whole text, so no paragraph comes before or after it (write \\n\\n only between paragraphs).']);
    expect(html(withLine('Look.</p><p>Finally a phone.')).map((p) => [p.message, p.fix])).toEqual([['This text writes "</p><p>", HTML tags, but the apps show text as written: a volunteer sees the tags.', 'Write \\n\\n between paragraphs instead of "</p><p>".']]);
    expect(html(withLine('<p>Look. Finally a phone.')).map((p) => p.fix)).toEqual(['Delete "<p>": it starts the text, so no paragraph comes before it (write \\n\\n only between paragraphs).']);
    // Done as they say, the text is two paragraphs, with no warning at all.
    expect(validateScenario(text.replace('"<p>Look.</p><p>Finally a phone.</p>"', '"Look.\\n\\nFinally a phone."'), 'x.json').problems).toEqual([]);
  });

  // Left from session 45: a text pasted from a web page, "a</p><p>b</p><p>c", was a warning for each
  // run of paragraph tags, the same words and fix each time, all on one line.
  it('paragraph tags in the middle of a text, many times: one warning, naming where the first is and how many more, and one fix for all', () => {
    const paragraphs = Array.from({ length: 10 }, (_, i) => `Paragraph ${i + 1}.`);
    for (const [line, places, fix] of [
      ['Look.</p><p>Finally</p><p>a phone.', 2, 'Write \\n\\n between paragraphs instead of the tags between them (2 places, the first "</p><p>").'],
      [`<p>${paragraphs.join('</p><p>')}</p>`, 11, 'Write \\n\\n between paragraphs instead of the tags between them (9 places, the first "</p><p>"), and delete the "<p>" that starts the text and the "</p>" that ends it (no paragraph comes before or after them; write \\n\\n only between paragraphs).'],
      [`${paragraphs.join('<p>')}</p>`, 10, 'Write \\n\\n between paragraphs instead of the tags between them (9 places, the first "<p>"), and delete the "</p>" that ends it (no paragraph comes after it; write \\n\\n only between paragraphs).'],
    ] as const) {
      const text = withLine(line);
      const found = html(text);
      expect(found, line).toHaveLength(1);
      const [p] = found;
      const first = line.startsWith('<p>') ? '<p>' : /<\/?p>(?:<p>)?/.exec(line)?.[0] ?? '';
      expect(p?.message).toBe(`This text writes HTML paragraph tags in ${places} places ("${first}" at line ${p?.line}, column ${p?.column} and ${places - 1} more after it), but the apps show text as written: a volunteer sees the tags.`);
      expect(text.split('\n')[(p?.line ?? 1) - 1]?.slice((p?.column ?? 1) - 1)).toMatch(new RegExp(`^${first.replace('/', '\\/')}`));
      expect(p?.fix).toBe(fix);
      // Done as it says, the text is its paragraphs, with no warning at all.
      const done = line.replace(/^<p>/, '').replace(/<\/p>$/, '').replace(/<\/p><p>|<p>|<\/p>/g, '\n\n');
      expect(validateScenario(withLine(done), 'x.json').problems).toEqual([]);
    }
  });

  it('a picture\'s tag longer than a quote: the fix says to remove it to its ">", quoting its end', () => {
    const text = withLine('Look, <img src="hood.png" alt="Dani in her hoodie, grinning"> finally a phone.');
    const p = oneWarningAt(html(text), text, '<img src', '');
    expect(p?.fix).toBe('Remove the whole tag, from "<img" to the ">" that ends it ("…r hoodie, grinning\\">"): a scenario\'s text is plain text and shows no pictures. If the picture matters to the story, say in words what it shows.');
    // A short one is still quoted whole, and so is a long tag of another kind named by its end.
    expect(html(withLine('Look, <span class="a-very-long-class-name-from-a-web-page">finally a phone.'))[0]?.fix)
      .toBe('Remove the whole tag, from "<span" to the ">" that ends it ("…me-from-a-web-page\\">"), and its closing tag if it has one; a scenario\'s text is plain text.');
  });
});

// Found by the validator wording walk (validwords-45): "Look.\\n\\n", what following the old <hr> fix
// to the letter left, was valid without a word, though the terminal app shows the line's closing
// quote on a row of its own after an empty one, and the web pages a blank line.
const atEnd = (text: string) => validateScenario(text, 'x.json').problems.filter((p) => p.code === 'line-break-at-end');

describe('line-break-at-end: a text ending with a line break is a warning, at the break', () => {
  it('a blank line at the end of a character\'s line: where, what both apps show, and what to delete', () => {
    const text = withLine('Look, finally a phone.\n\n');
    const p = oneWarningAt(atEnd(text), text, '\\n\\n"', 'Delete the "\\n\\n" at its end');
    expect([p?.message, p?.fix]).toEqual([
      'This text ends with "\\n\\n", a blank line after its last words: both apps show it, and the terminal app puts the line\'s closing quote on a row of its own.',
      'Delete the "\\n\\n" at its end, so that the closing quote comes straight after its last words: write \\n only where a new line starts, \\n\\n only between paragraphs.']);
    expect(validateScenario(text.replace('\\n\\n"', '"'), 'x.json').problems).toEqual([]);
  });
  it('one line break at the end of a narration, spaces after it', () => {
    const text = example.replace('the newest model."', 'the newest model.\\n "');
    expect(text).not.toBe(example);
    const p = oneWarningAt(atEnd(text), text, '\\n "', 'Delete the "\\n " at its end');
    expect(p?.path).toEqual(['nodes', 0, 'narration']);
    expect(p?.message).toBe('This text ends with a line break ("\\n "): the terminal app shows an empty row after its last words.');
  });
  // Found by the validator wording walk (validwords2-45): "\\n\\nLook" was valid without a word,
  // though the web pages show an empty line for each break before it (pre-line: 60 px against 20)
  // and the terminal app the line's opening quote on a row of its own, then an empty row.
  it('line breaks at the start of a character\'s line: where, what both apps show, and what to delete', () => {
    const text = withLine('\n\nLook, finally a phone.');
    const p = oneWarningAt(atEnd(text), text, '\\n\\nLook', 'Delete the "\\n\\n" at its start');
    expect([p?.message, p?.fix]).toEqual([
      'This text starts with "\\n\\n", empty lines before its first words: both apps show them, and the terminal app puts the line\'s opening quote on a row of its own.',
      'Delete the "\\n\\n" at its start, so that its first words come straight after the opening quote: write \\n only where a new line starts, \\n\\n only between paragraphs.']);
    expect(validateScenario(text.replace('"\\n\\nLook', '"Look'), 'x.json').problems).toEqual([]);
  });
  it('one line break at the start of a narration', () => {
    const text = example.replace(/"narration": "/, '"narration": "\\n');
    expect(text).not.toBe(example);
    const p = oneWarningAt(atEnd(text), text, '\\n', 'Delete the "\\n" at its start');
    expect(p?.path).toEqual(['nodes', 0, 'narration']);
    expect(p?.message).toBe('This text starts with a line break ("\\n"): the web pages show an empty line before its first words.');
  });
  it('line breaks at both ends: one warning, at the first, its fix naming both', () => {
    const text = withLine('\nLook, finally a phone.\n\n');
    const p = oneWarningAt(atEnd(text), text, '\\nLook', 'Delete the "\\n" at its start and the "\\n\\n" at its end');
    expect(p?.message).toBe('This text starts with a line break ("\\n"): the web pages show an empty line before its first words, and the terminal app puts the line\'s opening quote on a row of its own; it also ends with "\\n\\n", a blank line after its last words: both apps show it, and the terminal app puts the line\'s closing quote on a row of its own.');
    expect(validateScenario(text.replace('"\\nLook', '"Look').replace('\\n\\n"', '"'), 'x.json').problems).toEqual([]);
  });
  it.each([
    ['a line break between paragraphs', 'Look.\n\nFinally a phone.'],
    ['spaces at the end', 'Look, finally a phone.  '],
    ['a tab at the end', 'Look, finally a phone.\t'],
  ])('not for %s', (_, line) => {
    expect(atEnd(withLine(line))).toEqual([]);
  });
  it('not for a one-line text (line-break-in-line\'s), author notes, or a blank text (blank-text\'s)', () => {
    const title = example.replace('"title": "The new phone"', '"title": "The new phone\\n"');
    expect(title).not.toBe(example);
    expect(validateScenario(title, 'x.json').problems.map((p) => p.code)).toEqual(['line-break-in-line']);
    const notes = example.replace('"start": "phone"', '"authorNotes": "Check this.\\n\\n",\n  "start": "phone"');
    expect(notes).not.toBe(example);
    expect(validateScenario(notes, 'x.json').problems).toEqual([]);
    expect(atEnd(withLine('\n\n'))).toEqual([]);
  });
  it(`lists the first ${MAX_MARKUP_TEXTS} texts one by one, and counts the rest in one more warning`, () => {
    const raw = JSON.parse(example) as { nodes: { lines?: { character: string; text: string }[] }[] };
    const lines = raw.nodes[0]!.lines!;
    const who = lines[0]!.character;
    for (let i = 0; i < MAX_MARKUP_TEXTS + 5; i++) lines.push({ character: who, text: i % 2 ? `Line ${i}.\n` : `\nLine ${i}.` });
    const found = atEnd(JSON.stringify(raw, null, 2));
    expect(found).toHaveLength(MAX_MARKUP_TEXTS + 1);
    expect(found.at(-1)?.message).toBe(`5 more texts from here on start or end with a line break too (the first ${MAX_MARKUP_TEXTS} are listed one by one).`);
  });
});

// Found by the one-mistake sweep (valid-44): a text with several marks was warned about its first
// only ("**Going** to <b>Yesi's</b> place, _today_, <i>now</i>" gave one markdown warning and one
// html-tag warning), so the trainer mended one, validated again, and met the next.
describe('markdown and html-tag: every mark of a text is listed, each at its place', () => {
  /** The text each problem's line:column points at, `n` characters of it. */
  const pointed = (text: string, problems: Problem[], n: number) => problems.map((p) => (text.split('\n')[p.line - 1] ?? '').slice(p.column - 1, p.column - 1 + n));

  it('one warning per mark, in the text\'s order, with its own fix; a pair of tags round words is one', () => {
    const text = withLine('**Going** to <b>Yesi\'s</b> place, _today_, <i>now</i> [see](https://x.org).');
    const md = markdown(text);
    expect(pointed(text, md, 5)).toEqual(['**Goi', '_toda', '[see]']);
    expect(md.map((p) => p.fix)).toEqual([
      expect.stringMatching(/^Write "Going" without the asterisks\./),
      expect.stringMatching(/^Write "today" without the underscores\./),
      'Write the words alone, "see"; a scenario\'s text is never a link.',
    ]);
    const tags = html(text);
    expect(pointed(text, tags, 3)).toEqual(['<b>', '<i>']);
    expect(tags.map((p) => p.fix)).toEqual([expect.stringMatching(/^Write "Yesi's" without the tags\./), expect.stringMatching(/^Write "now" without the tags\./)]);
    // Mending them all as said leaves nothing.
    expect(validateScenario(withLine('Going to Yesi\'s place, today, now, see.'), 'x.json').problems).toEqual([]);
  });

  it(`lists ${MAX_MARKS_PER_TEXT} marks of a text; the last says how many more it holds`, () => {
    const text = withLine([...Array(MAX_MARKS_PER_TEXT + 3).keys()].map((i) => `*w${i}*`).join(' and '));
    const md = markdown(text);
    expect(md).toHaveLength(MAX_MARKS_PER_TEXT);
    expect(pointed(text, md, 4)).toEqual([...Array(MAX_MARKS_PER_TEXT).keys()].map((i) => `*w${i}*`));
    expect(md.at(-1)?.message).toBe(`This text writes "*w${MAX_MARKS_PER_TEXT - 1}*" with Markdown's asterisks for emphasis, but the apps show text as written: a volunteer sees the asterisks. This text holds 3 more after this one.`);
    expect(md.at(-1)?.fix).toMatch(/ The others after it need the same\.$/);
    expect(md.slice(0, -1).map((p) => p.message)).toEqual(md.slice(0, -1).map(() => expect.not.stringContaining('more after')));
  });

  it(`lists at most ${MAX_MARKUP_WARNINGS} warnings of a kind in all, and counts the texts left`, () => {
    const raw = JSON.parse(example) as { nodes: { lines?: { character: string; text: string }[] }[] };
    const lines = raw.nodes[0]!.lines!;
    const who = lines[0]!.character;
    for (let i = 0; i < 25; i++) lines.push({ character: who, text: `Line *${i}a*, *${i}b*, *${i}c*.` });
    const found = markdown(JSON.stringify(raw, null, 2));
    expect(found).toHaveLength(MAX_MARKUP_WARNINGS + 1);
    // 13 texts of three, then one of the 14th with its two more counted; the other 11 texts counted.
    expect(found.at(-2)?.message).toMatch(/ This text holds 2 more after this one\.$/);
    expect(found.at(-1)?.message).toBe('11 more texts from here on are written with Markdown\'s marks too (the first 14 are listed one by one).');
  });

  // (Timing is left to the bench, as in validator-hostile.test.ts: a loaded machine would make a bound flaky.)
  it('a text of a hundred thousand marks is counted, not listed', () => {
    const text = withLine('<b>x</b> *y* '.repeat(100_000));
    const problems = validateScenario(text, 'x.json').problems;
    const md = problems.filter((p) => p.code === 'markdown');
    const tags = problems.filter((p) => p.code === 'html-tag');
    expect([md.length, tags.length]).toEqual([MAX_MARKS_PER_TEXT, MAX_MARKS_PER_TEXT]);
    expect(md.at(-1)?.message).toMatch(/ This text holds at least 995 more after this one\.$/);
    expect(tags.at(-1)?.message).toMatch(/ This text holds at least 995 more after this one\.$/);
  });
});
