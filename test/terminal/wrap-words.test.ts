import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { columnsOf, elidedPathLine, elidedRow, NARROW_TEXT, pathLineRows, wrapKeepingParentheses, wrapMarkedItems, wrapText, wrapWords } from '../../src/terminal/wrap.js';

describe('the words printed after the app leaves the screen are wrapped at word boundaries', () => {
  const kept = 'This finished session is kept: opening the scenario again shows its debrief. To start a new session: node bin/casa-practice.js --facilitate couch-rent --new';

  it('at 60 columns no word is broken, and the command line is kept whole on a line of its own', () => {
    const out = wrapWords(kept, 60, 'node bin/casa-practice.js ');
    const lines = out.split('\n');
    // The terminal broke "sh|ows" and "pract|ice.js" at 60 columns.
    expect(lines.slice(0, -1).every((l) => [...l].length <= 60)).toBe(true);
    expect(lines.at(-1)).toBe('node bin/casa-practice.js --facilitate couch-rent --new');
    expect(out.replace(/\n/g, ' ')).toBe(kept);
    expect(lines.every((l) => l === l.trim())).toBe(true);
  });

  it('a command that fits after the words before it stays on their line; a word longer than a line goes on a line of its own, uncut, for the terminal to wrap', () => {
    expect(wrapWords('Resume with: casa-practice resume', 60, 'casa-practice ')).toBe('Resume with: casa-practice resume');
    const path = `/home/volunteer/${'very-long-folder-name/'.repeat(4)}state`;
    const out = wrapWords(`Progress could not be saved: ${path} cannot be written (permission denied), so this playthrough was not kept.`, 40);
    const lines = out.split('\n');
    // Selecting the path's line copies the path alone (it followed "saved:", so a selection of the line took the words too).
    expect(lines).toContain(path);
    expect(lines.filter((l) => l !== path).every((l) => [...l].length <= 40)).toBe(true);
    expect(out.replace(/\n/g, ' ')).toBe(`Progress could not be saved: ${path} cannot be written (permission denied), so this playthrough was not kept.`);
  });

  it('a path with spaces in it (a home folder or "Application Support") is never broken at them: on the line after the words when it fits there, else alone', () => {
    const path = '/Users/Jane Doe/Library/Application Support/casa-practice/saves/testifying.json';
    const message = `Progress saved to ${path}\nContinue with: casa-practice resume`;
    // It fits on a line of its own at 80 columns: it goes there, whole.
    expect(wrapWords(message, 80, 'casa-practice ')).toBe(`Progress saved to\n${path}\nContinue with: casa-practice resume`);
    // Longer than a line at 60: alone on its line, uncut, for the terminal to wrap (it was broken at "Jane" and "Application").
    expect(wrapWords(message, 60, 'casa-practice ')).toBe(`Progress saved to\n${path}\nContinue with: casa-practice resume`);
    // Words after a path, and one inside brackets, are words again once a word without "/" comes.
    expect(wrapWords('(in the state folder /Users/Jane Doe/.local/state/casa-practice) and more words here.', 40).split('\n')).toEqual(['(in the state folder', '/Users/Jane Doe/.local/state/casa-practice)', 'and more words here.']);
    // A short path with a space stays with the words before it where the line has room.
    expect(wrapWords('Saved to /tmp/a b/c.md today.', 60)).toBe('Saved to /tmp/a b/c.md today.');
  });

  // Walked in tmux: a trainer-led session left at 60 columns with XDG_STATE_HOME='/tmp/…/with-spaces in
  // it/state-of-the-practice-app' printed "(in the state folder" and then the folder broken at its
  // spaces: "…/with-spaces" on one line, "in" and "it/…" on the next ones (a folder whose name has
  // two spaces: "in", holding no "/", ended the path). The full-screen notice broke it the same way.
  it('a folder whose name holds several spaces stays in its path: whole where it fits a row, else on rows of its own cut after a "/" or at the width', () => {
    const state = '/tmp/term3-44/a-rather-long-folder-name-for-testing/with-spaces in it/state-of-the-practice-app/casa-practice';
    expect(wrapWords(`(in the state folder ${state})`, 60).split('\n')).toEqual(['(in the state folder', `${state})`]);
    expect(wrapWords(`(in the state folder ${state}) and words after it.`, 200)).toBe(`(in the state folder ${state}) and words after it.`);
    const rows = pathLineRows(`(in the state folder ${state})`, 60);
    expect(rows[0]).toBe('(in the state folder');
    // The path's rows, joined, are the path: never cut at its spaces; after a "/" where one fills
    // half the row or more (a name whole on the next row), else at the width.
    expect(rows.slice(1).join('')).toBe(`${state})`);
    expect(rows.slice(1, -1).every((row) => [...row].length <= 60 && (row.endsWith('/') || [...row].length === 60))).toBe(true);
    expect(rows.slice(1, -1).some((row) => row.endsWith('/'))).toBe(true);
    // Short enough for a row: whole on one.
    const short = '/tmp/with-spaces in it/casa-practice';
    expect(pathLineRows(`(in the state folder ${short}) and then a few more words to wrap.`, 40)).toEqual(['(in the state folder', `${short})`, 'and then a few more words to wrap.']);
    // Words after a path are still words: a clause's end, or a word holding "/" too far on, is not the path's.
    expect(wrapWords('Saved to /tmp/a/b.md. Then see docs/authoring.md for more.', 30).split('\n')).toEqual(['Saved to /tmp/a/b.md. Then see', 'docs/authoring.md for more.']);
    expect(wrapWords('Saved to /tmp/a/b.md and then, some words later, see docs/authoring.md', 30).split('\n')).toEqual(['Saved to /tmp/a/b.md and then,', 'some words later, see', 'docs/authoring.md']);
  });

  it('lines the message breaks itself stay broken there', () => {
    expect(wrapWords('First line.\nSecond line.', 60)).toBe('First line.\nSecond line.');
  });
});

// Line by line (--plain), a trainer's text in Chinese or with emoji ran past the width: characters
// were counted, and each of these takes two columns.
describe('line-by-line text is wrapped by the columns it takes', () => {
  it('wide characters (CJK, emoji) count two columns, so no line is wider than the width; ASCII is as before', () => {
    const text = '我们 今天 去 公园 散步 好吗 🙂🙂 你 觉得 怎么样 呢 朋友 们 都 在 那里 等 我们 🎉🎉🎉 快点 来 吧 谢谢 你';
    for (const width of [20, 30, 41]) {
      const lines = wrapText(text, width).split('\n');
      expect(lines.length).toBeGreaterThan(1);
      for (const l of lines) expect(stringWidth(l), l).toBeLessThanOrEqual(width);
      expect(lines.join(' ')).toBe(text);
    }
    // A word wider than a line is cut where it fills the line, not after as many characters as columns.
    const long = '很'.repeat(30);
    const cut = wrapText(long, 20).split('\n');
    expect(cut.map((l) => stringWidth(l))).toEqual([20, 20, 20]);
    expect(cut.join('')).toBe(long);
    expect(wrapText('a'.repeat(45), 20).split('\n').map((l) => l.length)).toEqual([20, 20, 5]);
  });
});

// wrapText keeps each line's columns as it adds a space and a word, instead of measuring the whole
// line again for every word (a tenth of the terminal tests' CPU, string-width on lines with curly
// quotes). This is the measuring it replaced, as the oracle: the same lines for any words, wide
// characters, combining marks, emoji and ZWJ sequences among them.
function wrapTextMeasuringWholeLines(text: string, width: number, indent = ''): string {
  const w = Math.max(20, width);
  const lines: string[] = [];
  const limit = () => (lines.length === 0 ? w : w - indent.length);
  for (const paragraph of text.split('\n')) {
    const lead = /^ */.exec(paragraph)?.[0] ?? '';
    const words = paragraph.slice(lead.length).split(/ +/).filter(Boolean);
    if (words.length > 0) words[0] = lead + words[0];
    let line = '';
    for (const word of words) {
      let rest = word;
      if (line && stringWidth(line) + 1 + stringWidth(rest) <= limit()) {
        line += ` ${rest}`;
        continue;
      }
      if (line) lines.push(line);
      while (stringWidth(rest) > limit()) {
        const chars = [...rest];
        let used = 0;
        let i = 0;
        for (; i < chars.length; i++) {
          const cw = stringWidth(chars[i] as string);
          if (i > 0 && used + cw > limit()) break;
          used += cw;
        }
        lines.push(chars.slice(0, i).join(''));
        rest = chars.slice(i).join('');
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines.map((l, i) => (i === 0 || l === '' ? l : indent + l)).join('\n');
}

describe('wrapText counts a line\'s columns as it grows', () => {
  it('wraps exactly as measuring each whole line would, for any words (wide, combining, emoji, ZWJ, curly quotes)', () => {
    const pieces = ['a', 'word', 'don’t', '“quoted”', '—', 'é', 'e\u0301', '\u0301', '░'.repeat(10), '★', '✗', '−3', 'ả', '≤', '│', '我们', '很', '🙂', '👩\u200D💻', '\u200D', '🇺🇸', '\u0600', 'ᄀ', 'ᅡ', 'x'.repeat(25)];
    // Words of a few pieces, most between single spaces (lines of many words), some between two or a line break.
    const word = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 3 }).map((p) => p.join(''));
    const text = fc.array(fc.tuple(word, fc.constantFrom(' ', ' ', ' ', ' ', '  ', '\n')), { minLength: 5, maxLength: 60 }).map((ws) => ws.flat().join(''));
    fc.assert(fc.property(text, fc.integer({ min: 10, max: 80 }), fc.constantFrom('', '  ', '    '), (t, width, indent) => {
      expect(wrapText(t, width, indent)).toBe(wrapTextMeasuringWholeLines(t, width, indent));
    }), { numRuns: 200 });
  });
});


describe('a text of narrow characters is counted without string-width (NARROW_TEXT)', () => {
  it('every character it counts at once is one column for string-width, alone, beside the others and beside ASCII, and a grapheme of its own', () => {
    const narrow: string[] = [];
    for (let cp = 0x80; cp < 0x3000; cp++) if (NARROW_TEXT.test(String.fromCodePoint(cp))) narrow.push(String.fromCodePoint(cp));
    // The accented letters, quotes and dashes, the bar, the marks: not a handful by accident.
    expect(narrow.length).toBeGreaterThan(900);
    for (const c of ['░', '█', '★', '✓', '✗', '−', '“', '’', '—', '…', 'ả', 'é', '≤']) expect(narrow).toContain(c);
    const segments = new Intl.Segmenter();
    for (const c of narrow) {
      expect(stringWidth(c), `U+${c.codePointAt(0)?.toString(16)}`).toBe(1);
      expect([...segments.segment(`a${c}${c}a`)].length, `U+${c.codePointAt(0)?.toString(16)}`).toBe(4);
    }
    const all = narrow.join('');
    expect(columnsOf(all)).toBe(stringWidth(all));
    expect(columnsOf(`a ${all} b`)).toBe(stringWidth(`a ${all} b`));
    // A combining mark, a wide character or an emoji after them is string-width's to count.
    for (const other of ['\u0301', '很', '🙂', '\u00ad', '\u200b']) expect(columnsOf(`░★${other}`), JSON.stringify(other)).toBe(stringWidth(`░★${other}`));
  });
});

describe('a path in a line of a full-screen (Ink) notice', () => {
  it('is on rows of its own, whole where it fits a row; where it does not, cut after a "/" (or at the width), never at a space of it that Ink would drop', () => {
    // Fits whole: as it is.
    expect(pathLineRows('(in the state folder /tmp/s1/casa-practice)', 60)).toEqual(['(in the state folder /tmp/s1/casa-practice)']);
    // Does not fit after the words: on a row of its own, whole (Ink put "/Users/Jane" after the words).
    const home = '/Users/Jane Doe/Library/Application Support/casa-practice';
    expect(pathLineRows(`(in the state folder ${home})`, 60)).toEqual(['(in the state folder', `${home})`]);
    // Longer than a row: rows cut after the last "/" that fills half the row or more, so each name is
    // whole (cut at the width only, "casa-prac" / "tice" was read as two names); never a row that
    // begins with "/" (Ink broke it before its separators); the words after it on the next row.
    const long = `/home/volunteer/${'a-long-folder-name/'.repeat(5)}casa-practice`;
    const rows = pathLineRows(`Could not export to ${long} (permission denied).`, 40);
    expect(rows).toEqual(['Could not export to', '/home/volunteer/a-long-folder-name/', 'a-long-folder-name/a-long-folder-name/', 'a-long-folder-name/a-long-folder-name/', 'casa-practice', '(permission denied).']);
    // A "/" early in the row does not leave it less than half full: cut at the width then.
    const names = `/srv/${'n'.repeat(60)}/casa-practice`;
    expect(pathLineRows(names, 40)).toEqual([names.slice(0, 40), names.slice(40)]);
    // A "/" early in the row where all after it fits the next row: cut there, the name whole (the
    // debrief's export at 60 columns was "exports/left-placement-calls-debrief-…-58.jso" then "n").
    const exported = 'exports/left-placement-calls-debrief-2026-12-06T22-21-58.json';
    expect(pathLineRows(exported, 60)).toEqual(['exports/', 'left-placement-calls-debrief-2026-12-06T22-21-58.json']);
    expect(pathLineRows(`/tmp/${exported}`, 60)).toEqual(['/tmp/exports/', 'left-placement-calls-debrief-2026-12-06T22-21-58.json']);
    // A row that would end at a space of the path ends before it: the space starts the next row.
    const spaced = `/tmp/${'x'.repeat(14)} y/casa-practice`;
    expect(pathLineRows(spaced, 20)).toEqual([`/tmp/${'x'.repeat(14)}`, ' y/casa-practice']);
    // A line of one word with a "/" in it (a path within the state folder) is a path too; words with no path are left to Ink.
    expect(pathLineRows(`exports/${'n'.repeat(49)}.md`, 30)).toEqual([`exports/${'n'.repeat(22)}`, `${'n'.repeat(27)}.md`]);
    expect(pathLineRows('Words and more words, none of them a path at all.', 20)).toEqual(['Words and more words, none of them a path at all.']);
  });

  // bench: 'Hostile paths' (bench/run.ts hostile). Each row once read the rest of the path again.
  it('a path of 20,000 characters, wide ones and a combining mark among them: every row fits, and the rows joined are the path', () => {
    for (const path of [`/${'漢字/'.repeat(6_000)}x`, `/${'a\u0301b'.repeat(7_000)}`, `/${'abcdefghi/'.repeat(2_000)}`]) {
      const rows = pathLineRows(`The state folder ${path} cannot be written.`, 60);
      for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(60);
      expect(rows.join('')).toBe(`The state folder${path}cannot be written.`);
    }
  });
});

// A debrief short of rows cuts a long path to one row (its first folders and its last), the words
// around it kept; the whole line is printed on leaving.
describe('a path cut short to a row', () => {
  it('keeps its start and its end around "…", in exactly the width, and leaves a line that fits as it is', () => {
    const path = '/home/Jane Doe/a-folder-name-long-enough/two-rows-of-sixty/casa-practice';
    const row = elidedRow(path, 40);
    expect(stringWidth(row)).toBe(40);
    expect(row.startsWith('/home/Jane Doe/')).toBe(true);
    expect(row.endsWith('/casa-practice')).toBe(true);
    expect(row).toContain('…');
    expect(elidedRow('short', 40)).toBe('short');
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 200 }), fc.integer({ min: 2, max: 80 }), (text, width) => stringWidth(elidedRow(text, width)) <= width));
  });

  it('in a line, only the path is cut, to the width, and the words stay whole', () => {
    const line = `Progress is not being saved: /tmp/Jane Doe/${'x'.repeat(70)}/casa-practice cannot be written.`;
    const shorter = elidedPathLine(line, 60);
    expect(shorter.startsWith('Progress is not being saved: /tmp/Jane Doe/')).toBe(true);
    expect(shorter.endsWith('/casa-practice cannot be written.')).toBe(true);
    expect(pathLineRows(shorter, 60).every((row) => stringWidth(row) <= 60)).toBe(true);
    expect(pathLineRows(shorter, 60)).toHaveLength(3);
    expect(elidedPathLine('No path here at all, however long the line is, it stays as it is.', 20)).toBe('No path here at all, however long the line is, it stays as it is.');
  });
});

// At 120 columns "Progress is not being saved: <folder> cannot be written (…); this session is kept
// in memory only." was three short rows, the folder alone on the middle one.
describe('a path that fits the row it comes to', () => {
  it('stays on it, whole, and the words after it follow on the same row: the width is used', () => {
    const line = 'Progress is not being saved: /tmp/tmp.o2EPyVL0yx/state/casa-practice cannot be written (part of the path is a file, not a folder); this session is kept in memory only.';
    const rows = pathLineRows(line, 120);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain(' /tmp/tmp.o2EPyVL0yx/state/casa-practice ');
    expect(rows.join(' ')).toBe(line);
    for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(120);
  });
});

// The debrief summary's rows keep a parenthesis whole where it fits a row (wrapText, which screens
// measured to fit 60×24 use for narration and feedback, still fills each row).
describe('wrapKeepingParentheses and wrapMarkedItems', () => {
  it('breaks before a parenthesis that fits the next row, and inside one longer than a row; an unclosed one is words', () => {
    expect(wrapKeepingParentheses('Critical violations: 2, at decisions 4 and 5 (Transcript, key 2)', 60, '  ')).toBe('Critical violations: 2, at decisions 4 and 5\n  (Transcript, key 2)');
    expect(wrapText('Critical violations: 2, at decisions 4 and 5 (Transcript, key 2)', 60, '  ')).toBe('Critical violations: 2, at decisions 4 and 5 (Transcript,\n  key 2)');
    // Nested, with the punctuation after it: one group.
    expect(wrapKeepingParentheses('a b c d e f g h i j k l m (n (o p) q), r', 30)).toBe('a b c d e f g h i j k l m\n(n (o p) q), r');
    // Longer than a row: filled from the row it comes to, as wrapText fills it.
    const long = `Outcome: x (${'word '.repeat(8)}end)`;
    expect(wrapKeepingParentheses(long, 20)).toBe(wrapText(long, 20));
    expect(wrapKeepingParentheses('a b c d e f g h i j k (never closed words here', 24)).toBe(wrapText('a b c d e f g h i j k (never closed words here', 24));
  });

  it('lists items after a heading, each whole on a row where it fits one and begun with its mark, one longer than a row broken between words under its first word', () => {
    const items = ['aaaa bbbb', 'cccc dddd', 'eeee'].map((text) => ({ text, glued: '○1' }));
    expect(wrapMarkedItems('Head:', items, 30, ' ')).toBe('Head: aaaa bbbb ○1\n · cccc dddd ○1 · eeee ○1');
    // The first item too long for the heading's row starts the next, with its mark.
    expect(wrapMarkedItems('A heading of twenty:', items, 30, ' ')).toBe('A heading of twenty:\n · aaaa bbbb ○1 · cccc dddd ○1\n · eeee ○1');
    // Longer than a row: broken between words, hanging under its first word, its counts with its last word.
    const long = [{ text: 'one two three four five six seven eight nine ten', glued: '✓1 ○2' }, { text: 'x', glued: '○1' }];
    expect(wrapMarkedItems('Head:', long, 30, ' ')).toBe('Head:\n · one two three four five six\n   seven eight nine ten ✓1 ○2\n · x ○1');
    // The next item on the row it ends, after its mark, where it fits.
    expect(wrapMarkedItems('Head:', long, 40, ' ')).toBe('Head:\n · one two three four five six seven\n   eight nine ten ✓1 ○2 · x ○1');
  });
});

// On leaving, the message is wrapped again to the window (run-app, and line by line): leavingPath puts
// the state folder on a row of its own, and wrapWords broke that row at a space of its last folders'
// names ("/tmp/x/my practice folder for the" / "volunteers/casa-practice)" at 60 columns).
describe('a path alone on its row stays whole when the message is wrapped again', () => {
  it('a folder with spaces and more words in its last names, alone on its row, is one word; a sentence that starts with a path is still words', () => {
    const state = '/tmp/t45/my practice folder for the volunteers/casa-practice';
    expect(wrapWords(`Progress saved to:\nsaves/youth-discloses.json\n(in the state folder\n${state})\nContinue with: casa-practice resume`, 60, 'casa-practice ').split('\n'))
      .toEqual(['Progress saved to:', 'saves/youth-discloses.json', '(in the state folder', `${state})`, 'Continue with: casa-practice resume']);
    expect(wrapWords('youth-discloses-session.md\n(in the folder\n/tmp/x/my practice folder for the volunteers)', 40).split('\n')).toEqual(['youth-discloses-session.md', '(in the folder', '/tmp/x/my practice folder for the volunteers)']);
    expect(wrapWords('/tmp/x/my practice folder for the volunteers)', 30)).toBe('/tmp/x/my practice folder for the volunteers)');
    // Not a path alone: a clause ends, or a bracket opens, before its last word.
    expect(wrapWords('/tmp/a/b.md cannot be written, so see docs/authoring.md', 30).split('\n')).toEqual(['/tmp/a/b.md cannot be written,', 'so see docs/authoring.md']);
    expect(wrapWords('/tmp/a/b.md is kept (see the records)', 20).split('\n')).toEqual(['/tmp/a/b.md is kept', '(see the records)']);
  });
});

// Left from session 45: a folder the app names in a sentence, its last name with spaces ("…/my practice
// folder for the volunteers as it stops."), had no end pathWords could tell, and was broken at a space.
describe('pathLineRows with the paths the line names', () => {
  const here = '/tmp/x/my practice folder for the volunteers';
  it('keeps a known path whole on a row of its own where it fits one, the words around it wrapped', () => {
    const line = `Stop now? The state folder cannot be written, so the session is not kept; its summary is written to ${here} as it stops. (y\u00a0/\u00a0n)`;
    const rows = pathLineRows(line, 58, [here]);
    expect(rows).toContain(here);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(58);
    expect(rows.join(' ')).toBe(line);
    // Told by its "/" alone, the path ended at "my".
    expect(pathLineRows(line, 58)).not.toContain(here);
  });
  it('a known path longer than the row is cut at the row\'s width only, and what hugs it stays with it', () => {
    const long = `${here} of the county court`;
    const rows = pathLineRows(`written to (${long}) when it ends.`, 30, [long]);
    expect(rows[0]).toBe('written to');
    const cut = rows.slice(1, -1);
    // A space where a row ends starts the next row instead (Ink drops the spaces a row ends with).
    expect(cut).toEqual(['(/tmp/x/my practice folder for', ' the volunteers of the county', ' court)']);
    expect(cut.join('')).toBe(`(${long})`);
    expect(rows.at(-1)).toBe('when it ends.');
  });
});
