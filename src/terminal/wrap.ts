import stringWidth from 'string-width';

/**
 * Characters string-width counts one column each, alone and next to any other of them (none
 * combines, joins or is an emoji or wide): printable ASCII, and the letters and signs of scenarios
 * and the app's own words (Latin letters with accents, as Vietnamese or Spanish words have them,
 * curly quotes, dashes and the ellipsis, ≤ ≥ ≠ −, box lines, the vote bar's █ ░, ★ ✓ ✗). A text
 * of these alone is counted at once: string-width segments the rest grapheme by grapheme, most of
 * the time revealText took for a decision of a thousand replies (its bars and marks). Each is
 * checked against string-width in test/terminal/wrap-words.test.ts.
 */
export const NARROW_TEXT = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u024f\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u2212\u2260-\u2265\u2500-\u259f\u2605\u2713\u2717]*$/;

/**
 * The columns a text takes in a terminal, as Ink measures it (string-width): a wide character (CJK,
 * most emoji) takes two, a combining mark none. Printable ASCII, nearly all text, is counted at
 * once, and so are other characters of one column each (NARROW_TEXT).
 */
export const columnsOf = (s: string): number => (/^[\x20-\x7e]*$/.test(s) ? s.length : NARROW_TEXT.test(s) ? [...s].length : stringWidth(s));
const len = columnsOf;

/**
 * The longest start of `text` that fits in `width` columns (at least one character), and the rest.
 * Reads no further than the cut: a path cut into rows was read whole for each row (cutToRows), a
 * 40,000-character one some 0.7 s, 10,000 wide characters 3 s.
 */
function cutAt(text: string, width: number): [string, string] {
  let used = 0;
  let count = 0;
  let at = 0;
  for (const c of text) {
    const w = len(c);
    if (count > 0 && used + w > width) break;
    used += w;
    count++;
    at += c.length;
  }
  return [text.slice(0, at), text.slice(at)];
}

/**
 * Whether `text` takes more than `width` columns, measured on its start where that tells (a start
 * wider than the row is, but for a grapheme split at its end, a text wider than the row): measured
 * whole, a long path's rest was read again for each row cut from it.
 */
function widerThan(text: string, width: number): boolean {
  const enough = 2 * width + 16;
  if (text.length <= enough) return columnsOf(text) > width;
  return columnsOf(text.slice(0, enough)) > width || columnsOf(text) > width;
}

/**
 * Word-wraps plain text to a width; paragraph breaks are kept and every line after the first
 * gets `indent`. A word longer than a line is cut rather than allowed to overflow.
 */
export function wrapText(text: string, width: number, indent = ''): string {
  const rows = rowFiller(width, indent);
  for (const paragraph of text.split('\n')) {
    // Leading spaces are kept (they indent lists); they stick to the first word.
    const lead = /^ */.exec(paragraph)?.[0] ?? '';
    const words = paragraph.slice(lead.length).split(/ +/).filter(Boolean);
    if (words.length > 0) words[0] = lead + words[0];
    for (const word of words) rows.put(word);
    rows.end();
  }
  return rows.text();
}

/**
 * Rows of at most `width` columns (every row after the first indented) filled a word at a time, as
 * wrapText fills them: `put` adds a word on this row where it fits after a space, else starts the
 * next row with it (a word longer than a row is cut); `end` ends the row (a paragraph's end).
 * The row's columns are kept as it grows (a space and a word at a time), not measured again whole
 * for every word: a row of text that is not all ASCII (curly quotes, dashes) is measured by
 * string-width, grapheme by grapheme, and that was a tenth of the terminal tests' CPU. A space
 * between them keeps a word's graphemes its own, so the columns add up.
 */
function rowFiller(width: number, indent: string) {
  const w = Math.max(20, width);
  const lines: string[] = [];
  const limit = () => (lines.length === 0 ? w : w - indent.length);
  let line = '';
  let columns = 0;
  return {
    /** Columns the next row holds (after the indent). */
    rowWidth: w - indent.length,
    /** Whether `columns` more (after a space) fit on the row under way; true on an empty row. */
    fits: (more: number) => !line || columns + 1 + more <= limit(),
    put(word: string) {
      let rest = word;
      let restColumns = len(rest);
      if (line && columns + 1 + restColumns <= limit()) {
        line += ` ${rest}`;
        columns += 1 + restColumns;
        return;
      }
      if (line) lines.push(line);
      while (restColumns > limit()) {
        const [head, tail] = cutAt(rest, limit());
        lines.push(head);
        rest = tail;
        restColumns = len(rest);
      }
      line = rest;
      columns = restColumns;
    },
    end() {
      lines.push(line);
      line = '';
      columns = 0;
    },
    text: () => lines.map((l, i) => (i === 0 || l === '' ? l : indent + l)).join('\n'),
  };
}

/**
 * Words in groups wrapped to a width as wrapText wraps words (every row after the first gets
 * `indent`, the words of a group joined by a space), except that a group is kept whole on one row
 * where it fits a row: one that does not fit after the words before it starts the next row, and one
 * longer than a row is wrapped inside, word by word from the row it comes to. A word (which may hold
 * spaces: it is never broken at them) longer than a row is cut, as wrapText cuts it. For the
 * debrief summary's rows (wrapKeepingParentheses): wrapText's many callers (narration, feedback,
 * replies, on screens measured to fit 60×24) fill each row instead, and a long parenthesis moved
 * whole to the next row would leave rows half empty there and take more of them.
 */
function wrapGroups(groups: readonly (readonly string[])[], width: number, indent = ''): string {
  const rows = rowFiller(width, indent);
  for (const group of groups) {
    const words = group.filter(Boolean);
    if (words.length === 0) continue;
    const groupColumns = words.reduce((n, word) => n + len(word), words.length - 1);
    // Too long for the rest of this row, short enough for the next one: the next one.
    if (!rows.fits(groupColumns) && groupColumns <= rows.rowWidth) rows.end();
    for (const word of words) rows.put(word);
  }
  rows.end();
  return rows.text();
}

/**
 * The words of a line in groups for wrapGroups: each word alone, except the words of a parenthesis
 * ("(Transcript, key 2)", from the word it opens to the word it closes in, the punctuation after it
 * included), which are one group. A parenthesis never closed leaves its words alone.
 */
function parenthesisGroups(text: string): string[][] {
  const words = text.split(/ +/).filter(Boolean);
  const groups: string[][] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (word.startsWith('(')) {
      let depth = 0;
      let end = -1;
      for (let j = i; j < words.length && end < 0; j++) {
        for (const c of words[j] as string) {
          if (c === '(') depth++;
          else if (c === ')' && --depth === 0) {
            end = j;
            break;
          }
        }
      }
      if (end > i) {
        groups.push(words.slice(i, end + 1));
        i = end;
        continue;
      }
    }
    groups.push([word]);
  }
  return groups;
}

/**
 * A heading and a list of items after it ("○ Missed a chance: Title ○1 · Title ○1"), wrapped to
 * `width`: every item after the first starts with the mark ("· "), on a row or at a row's start, and
 * is kept whole on one row; one that does not fit after the items before it starts the next row
 * (indented, its mark first), and only one longer than a row is broken, between words, its rows
 * hanging under its first word. An item's last word and what is `glued` after it (its counts) stay on
 * one row. Rows that break items mid-name ("…from red" above "flags ○1 · …") read as the start of
 * another item; a row that starts with "·" or with the heading always starts an item.
 */
export function wrapMarkedItems(heading: string, items: readonly { text: string; glued?: string }[], width: number, indent = '  ', mark = '·'): string {
  const w = Math.max(20, width);
  const rows: string[] = [];
  let row = heading;
  let columns = len(heading);
  const limit = () => (rows.length === 0 ? w : w - indent.length);
  items.forEach((item, i) => {
    const words = item.text.split(/ +/).filter(Boolean);
    if (item.glued) words.push(`${words.pop() ?? ''}\u00a0${item.glued.replace(/ /g, '\u00a0')}`.trimStart());
    const whole = words.join(' ');
    const marked = `${mark} ${whole}`;
    const onRow = i === 0 && row === heading ? whole : marked;
    if (columns + 1 + len(onRow) <= limit()) {
      row += ` ${onRow}`;
      columns += 1 + len(onRow);
      return;
    }
    rows.push(row);
    if (len(marked) <= w - indent.length) {
      row = marked;
      columns = len(marked);
      return;
    }
    // Longer than a row: between words, hanging under its first word (a word longer than that is cut).
    const hang = ' '.repeat(len(mark) + 1);
    const broken = wrapText(marked, w - indent.length, hang).split('\n');
    rows.push(...broken.slice(0, -1));
    row = broken.at(-1) ?? '';
    columns = len(row);
  });
  rows.push(row);
  return rows.map((r, i) => (i === 0 ? r : indent + r)).join('\n').replace(/\u00a0/g, ' ');
}

/**
 * Text wrapped as wrapText wraps it, except that a parenthesis is kept whole where it fits a row
 * (the row breaks before its "(" rather than inside it: "0% (6 points below zero," above "of 4
 * possible)" became "0%" above "(6 points below zero, of 4 possible)"). For the debrief summary's
 * short rows only (see wrapGroups); each paragraph's leading spaces are not kept.
 */
export function wrapKeepingParentheses(text: string, width: number, indent = ''): string {
  return text.split('\n').map((paragraph) => wrapGroups(parenthesisGroups(paragraph), width, indent)).join('\n');
}

/** The longest quoted decision title (in columns, quotes and brackets included) wrapKeepingDecisions keeps whole with its number. */
export const SHORT_DECISION_TITLE = 30;

/**
 * The words of a line in groups for wrapGroups: each word alone, except "decision N" (one word, never
 * broken at its space) and, after it, a short quoted title in brackets ('("New things")', the
 * punctuation after it included; at most SHORT_DECISION_TITLE columns), which is one group with it;
 * and "decisions N" (one word) with the rest of its list ("decisions 1, 2 and 4)": one group).
 * Quotes are straight or curly. A paragraph's leading spaces stick to its first word.
 */
function decisionGroups(paragraph: string): string[][] {
  const lead = /^ */.exec(paragraph)?.[0] ?? '';
  const words = paragraph.slice(lead.length).split(/ +/).filter(Boolean);
  if (words.length > 0) words[0] = lead + words[0];
  const groups: string[][] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1];
    // "decisions 5 and 11", "decisions 1, 2 and 4)": the list one group, its first number never
    // apart from the word (line by line, a principle's row broke as "(missed at decisions 5 and"
    // above "11) …").
    if (/(^|\W)decisions$/i.test(word) && next !== undefined && /^\d+\W*$/.test(next)) {
      const group = [`${word} ${next}`];
      i++;
      for (;;) {
        const last = words[i] as string;
        const after = words[i + 1] ?? '';
        if (/^\d+,$/.test(last) && /^\d+\W*$/.test(after)) {
          group.push(after);
          i++;
        } else if (/^\d+,?$/.test(last) && /^(and|to)$/.test(after) && /^\d+\W*$/.test(words[i + 2] ?? '')) {
          group.push(after, words[i + 2] as string);
          i += 2;
          break;
        } else break;
      }
      groups.push(group);
      continue;
    }
    if (!/(^|\W)decision$/i.test(word) || next === undefined || !/^\d+\W*$/.test(next)) {
      groups.push([word]);
      continue;
    }
    const group = [`${word} ${next}`];
    i++;
    // The title: from '("' to the word that closes it ('")', '”).', …), when short.
    if (/\d$/.test(next) && /^\(["“]/.test(words[i + 1] ?? '')) {
      let end = i + 1;
      while (end < words.length && !/["”]\)/.test(words[end] as string)) end++;
      const title = words.slice(i + 1, end + 1);
      if (end < words.length && len(title.join(' ')) <= SHORT_DECISION_TITLE) {
        group.push(...title);
        i = end;
      }
    }
    groups.push(group);
  }
  return groups;
}

/**
 * Text wrapped as wrapText wraps it (every row after the first indented, leading spaces kept),
 * except that "decision N" is never broken at its space, and it is kept whole with a short quoted
 * title after it where that fits a row ("Missed at decision" above '1 ("New things") and …' became
 * "Missed at" above 'decision 1 ("New things") and …'). For the line-by-line debrief's sentences
 * that name decisions.
 */
export function wrapKeepingDecisions(text: string, width: number, indent = ''): string {
  return text.split('\n').map((paragraph, i) => (i > 0 && paragraph ? indent : '') + wrapGroups(decisionGroups(paragraph), width, indent)).join('\n');
}

/**
 * The words of a command line as a shell splits them (at spaces outside quotes and escapes), each
 * as written: 'a folder/with spaces', "…", $'…' and backslash escapes stay one word.
 */
export function shellWords(cmd: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: "'" | '"' | "$'" | undefined;
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i] as string;
    if (quote === undefined) {
      if (c === ' ') {
        if (word) words.push(word);
        word = '';
        continue;
      }
      if (c === '\\') {
        word += c + (cmd[++i] ?? '');
        continue;
      }
      if (c === "'" || c === '"') quote = c;
      else if (c === '$' && cmd[i + 1] === "'") {
        quote = "$'";
        word += c + (cmd[++i] as string);
        continue;
      }
      word += c;
      continue;
    }
    word += c;
    if (quote === "'") {
      if (c === "'") quote = undefined;
    } else if (c === '\\') word += cmd[++i] ?? '';
    else if ((quote === '"' && c === '"') || (quote === "$'" && c === "'")) quote = undefined;
  }
  if (word) words.push(word);
  return words;
}

/**
 * A command line to copy into a shell, in lines that fit `width`: whole when it fits; otherwise
 * broken only at the spaces between its words (never inside one, nor inside quotes), every broken
 * line ending with " \" (a shell's line continuation) and every line after the first indented,
 * so that the lines pasted into bash run the command itself. The terminal broke a long command
 * mid-word ("node bin/casa-practice.|js"), and one wrapped at a space ran without the words after
 * it. A single word longer than a line stays whole on a line of its own (the terminal wraps it);
 * with `breakPaths` (printed to be copied: wrapWords), a path is broken after a "/" (pathRows).
 * `name`, the program's name the command starts with ("node bin/casa-practice.js", "npm run cli
 * --"), is kept whole as a word is where it fits on a line with " \".
 */
export function commandLines(cmd: string, width: number, indent = '  ', name?: string, breakPaths = false): string[] {
  if (len(cmd) <= width) return [cmd];
  const named = name !== undefined && name !== '' && cmd.startsWith(`${name} `) && len(name) + 2 <= width;
  // An option and its value ("--from d3", "--set trust=70") stay on one line when they fit on one.
  const words: string[] = named ? [name] : [];
  for (const word of shellWords(named ? cmd.slice(name.length + 1) : cmd)) {
    const before = words[words.length - 1];
    if (before !== undefined && /^--[a-z]/.test(before) && !word.startsWith('-') && len(before) + 1 + len(word) <= width - indent.length - 2) words[words.length - 1] = `${before} ${word}`;
    else words.push(word);
  }
  const lines: string[] = [];
  let line = '';
  words.forEach((word, i) => {
    const last = i === words.length - 1;
    const joined = `${line} ${word}`;
    // A line that goes on has room for " \" after it.
    if (line && len(joined) + (last ? 0 : 2) <= width) line = joined;
    else {
      if (line) lines.push(line);
      line = `${lines.length > 0 ? indent : ''}${word}`;
    }
  });
  lines.push(line);
  return lines.flatMap((l, i) => {
    // Printed to copy (wrapWords), a path longer than a row after a "/" (pathRows); on screen hungRows cuts it (commandRows).
    const rows = breakPaths ? pathRows(l, width, i === lines.length - 1 ? 0 : 2) : [l];
    return rows.map((r, j) => (j < rows.length - 1 ? r : i < lines.length - 1 ? `${r} \\` : r));
  });
}

/**
 * A command's line of one word longer than the row (`room`: columns kept for " \\" after it), as rows
 * broken only after a "/" of the path, each ending in a backslash (a shell removes a backslash and
 * the line break after it, the word whole again) and the rows after the first not indented (spaces
 * there would split the word); a quoted path ('…' or $'…') closes its quotes before the backslash and
 * opens them again on the next row. Left whole where it has no "/" to break at, or has quotes of
 * another kind. At 60 columns the terminal broke the path of "To start a new session" mid-name
 * ("…-for-the-training-t" over "eam/…"), which copied from the screen named no file.
 */
function pathRows(line: string, width: number, room: number): string[] {
  const word = line.trimStart();
  const indent = line.slice(0, line.length - word.length);
  if (len(line) + room <= width || shellWords(word).length !== 1 || !word.includes('/') || word.includes('"')) return [line];
  // The word in pieces, each ending after a "/" (the last at the word's end), with the quotes open after it.
  const pieces: { text: string; quote: '' | "'" | "$'" }[] = [];
  let quote: '' | "'" | "$'" = '';
  let text = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i] as string;
    text += c;
    if (c === '\\' && quote !== "'") text += word[++i] ?? '';
    else if (quote === '' && c === '$' && word[i + 1] === "'") {
      text += "'";
      i++;
      quote = "$'";
    } else if (quote === '' && c === "'") quote = "'";
    else if (quote !== '' && c === "'") quote = '';
    if (c === '/' || i === word.length - 1) {
      pieces.push({ text, quote });
      text = '';
    }
  }
  if (text !== '') pieces.push({ text, quote });
  const rows: string[] = [];
  let row = indent;
  let open: '' | "'" | "$'" = '';
  pieces.forEach((piece, i) => {
    const last = i === pieces.length - 1;
    const after = last ? room : (piece.quote === '' ? 0 : 1) + 1;
    if (row.trim() !== '' && row !== open && len(row) + len(piece.text) + after > width) {
      // This row ends here: its quotes closed, a backslash; the next opens them again, not indented.
      rows.push(`${row}${open === '' ? '' : "'"}\\`);
      row = open;
    }
    row += piece.text;
    open = piece.quote;
  });
  rows.push(row);
  return rows;
}

/** The app's commands (cli.ts's COMMANDS are these), which a command in a line names after the program's name. */
export const COMMAND_NAMES = ['validate', 'graph', 'audit', 'schema', 'new', 'play', 'resume', 'records', 'room'] as const;
const COMMAND_WORDS: ReadonlySet<string> = new Set([...COMMAND_NAMES, 'help']);

/**
 * Where a command starting with `keep` starts in a line: at its start or after a space, never
 * inside a word (the state folder's path ends in "casa-practice", the name an installed app has),
 * and only where a command or an option follows the name: "casa-practice cannot use that file…"
 * (SET_ASIDE_KEEP, installed) is words, and was hung as a command with line continuations.
 */
function commandAt(line: string, keep: string | undefined): number {
  if (!keep) return -1;
  for (let at = line.indexOf(keep); at >= 0; at = line.indexOf(keep, at + 1)) {
    const next = line.slice(at + keep.length).split(/\s/, 1)[0] ?? '';
    if ((at === 0 || line[at - 1] === ' ') && (next.startsWith('-') || COMMAND_WORDS.has(next))) return at;
  }
  return -1;
}

/** Where a word starts a path: "/", "~/", "./" or "../", after an opening bracket or quote if any. */
const PATH_START = /^[("'“]?(?:\/|~\/|\.\.?\/)/;

/**
 * The words of a message with each path as one word: a word that starts a path ("/", "~/", "./")
 * and the words after it that go on with it (each holds a "/": the folders of a path with spaces in
 * it, such as "/Users/Jane Doe/Library/Application Support/casa-practice"), and between them the
 * words of a folder whose name holds more than one space ("…/with-spaces in it/…": "in" holds no
 * "/", and ended the path, which was broken there). A path's last folder or file with a space in it
 * after its last "/" is not told from the words after the path.
 */
function pathWords(words: readonly string[]): string[] {
  const out: string[] = [];
  let inPath = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const to = inPath ? pathGoesOnTo(words, i) : undefined;
    if (to !== undefined) {
      out[out.length - 1] += ` ${words.slice(i, to + 1).join(' ')}`;
      i = to;
      continue;
    }
    out.push(word);
    inPath = PATH_START.test(word);
  }
  return out;
}

/**
 * Whether a line's words are a path alone (as leavingPath puts a folder on a row of its own,
 * "<path>)"): the first starts a path, the last holds a "/" or closes a bracket, and none before it
 * ends a clause and none after the first opens a bracket or a quote. Its words are then the path's,
 * however many its last folders' names hold: "/tmp/x/my practice folder for the" and
 * "volunteers/casa-practice)" were two rows (pathWords takes only a few words between two holding
 * a "/", and none after the last).
 */
function pathAlone(words: readonly string[]): boolean {
  const last = words.at(-1);
  if (words.length < 2 || last === undefined || !PATH_START.test(words[0] as string)) return false;
  if (!last.includes('/') && !/^[^()]*\)$/.test(last)) return false;
  return words.slice(0, -1).every((w) => !/[.,;:!?)\]}"'”]$/.test(w)) && words.slice(1).every((w) => !/^[("'“]/.test(w));
}

/** Words of a folder's name between two of a path's words: a few at most, none ending a clause. */
const FOLDER_NAME_WORDS = 3;

/**
 * Where a path goes on to from words[i] (the word after its last so far): the index of the next
 * word that holds a "/" (the words before it are a folder's name), or undefined where the path
 * ended: a clause's end (".", ",", ")" …) or more than a few words come first, or the word with a
 * "/" starts a path of its own.
 */
function pathGoesOnTo(words: readonly string[], i: number): number | undefined {
  const ends = (word: string | undefined) => word !== undefined && /[.,;:!?)\]}"'”]$/.test(word);
  for (let j = i; j < words.length && j <= i + FOLDER_NAME_WORDS; j++) {
    const word = words[j] as string;
    if (word.includes('/')) return j === i || !PATH_START.test(word) ? j : undefined;
    if (ends(words[j - 1]) || ends(word)) return undefined;
  }
  return undefined;
}

/**
 * Words wrapped to `width` for a message printed after the app has left the screen (the terminal
 * would break it mid-word). Unlike wrapText, no word is cut, and a command line (from `keep` to the
 * end of its line) is one word: it goes onto a line of its own when it does not fit after the words
 * before it, so that it can be copied whole, and one longer than a line is broken at the spaces
 * between its words with shell line continuations (commandLines). A path (pathWords: one with
 * spaces in it too, "…/Application Support/…") is one word, never broken at its spaces. A word
 * longer than a whole line (a long path) goes on a line of its own, uncut, the words after it on
 * the next: the terminal wraps it, and selecting that line copies the path alone, in one piece. (It
 * followed the words before it, and a path with a space was broken at the space, onto two lines.)
 */
export function wrapWords(text: string, width: number, keep?: string): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    const at = commandAt(paragraph, keep);
    const said = (at >= 0 ? paragraph.slice(0, at) : paragraph).split(' ').filter(Boolean);
    const words = pathAlone(said) ? [said.join(' ')] : pathWords(said);
    const cmd = at >= 0 ? paragraph.slice(at).trimEnd() : undefined;
    let line = '';
    for (const word of words) {
      if (len(word) > width) {
        if (line) out.push(line);
        out.push(word);
        line = '';
      } else if (line && len(line) + 1 + len(word) > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (cmd !== undefined && line && len(line) + 1 + len(cmd) > width) {
      out.push(line);
      line = '';
    }
    if (cmd !== undefined && !line) out.push(...commandLines(cmd, width, '  ', keep?.trimEnd(), true));
    // (Nothing left after a word on a line of its own: no blank line after it.)
    else if (line || words.length === 0) out.push(cmd !== undefined ? `${line} ${cmd}` : line);
  }
  return out.join('\n');
}

/**
 * A report of rows (validate's problems and fixes, the audit's figures) laid out for a terminal
 * `width` columns wide, so that the terminal never breaks a word: each row longer than that is
 * wrapped between words, its further rows indented under it (a problem's under its file:line:column,
 * a "fix: " under its words, a "- " item under its text); a word longer than a row (a long path) is
 * left whole for the terminal to wrap. Rows that fit are left as they are. A word that fits a row but not
 * after its hang (a path quoted in a fix) is set further left so the terminal does not break it, unless
 * `outdent` is false (a report read before a session, fitReadReport, breaks it after a "/" instead).
 */
export function fitReport(text: string, width: number, outdent = true): string {
  const w = Math.max(20, width);
  return text.split('\n').map((row) => {
    if (columnsOf(row) <= w) return row;
    const lead = /^ */.exec(row)?.[0] ?? '';
    const rest = row.slice(lead.length);
    const hang = lead + (rest.startsWith('fix: ') ? '     ' : rest.startsWith('- ') ? '  ' : lead === '' ? '    ' : '  ');
    const out: string[] = [];
    let line = lead;
    for (const word of reportUnits(rest, w - lead.length)) {
      const start = line === lead || line === hang;
      if (!start && columnsOf(line) + 1 + columnsOf(word) > w) {
        out.push(line);
        line = (outdent ? hangFor(hang, word, w) : hang) + word;
      } else line = start ? line + word : `${line} ${word}`;
    }
    out.push(line);
    return out.join('\n');
  }).join('\n');
}

/**
 * A validation report as fitReport lays it out, for a report read before a session (`play` of a
 * file with warnings or errors), not one an editor picks file:line:column out of: a word longer than
 * the row (a long file's location, a path quoted in a fix) broken after its "/" (slashRows), the
 * rows after its first indented two more than it, so that a reader can tell it goes on. The
 * terminal broke such a name at the last column, its rest at the left edge as if a row of its own;
 * wrapText cut it there too. A name that fits a row is kept whole on it. A word is never set left of its
 * row's hang (as fitReport sets a quoted path that fits the row only there): at two columns it read as
 * the rest of the file's location above it, so it is broken after its "/" under the hang instead.
 */
export function fitReadReport(text: string, width: number): string {
  const w = Math.max(20, width);
  return fitReport(text, w, false).split('\n').flatMap((row) => {
    if (!widerThan(row, w)) return [row];
    const lead = /^ */.exec(row)?.[0] ?? '';
    const body = row.slice(lead.length);
    // One word wider than the row: fitReport gives it a row of its own (the words after it on the next).
    if (body.includes(' ')) return [row];
    const more = `${lead}  `;
    return slashRows(body, w - more.length).map((piece, i) => `${i === 0 ? lead : more}${piece}`);
  }).join('\n');
}

/**
 * A name to read (a path) as rows of `width` columns or fewer, each ending after the last "/" that
 * fits on it, so that every folder's and the file's name is whole on a row; a name longer than a row
 * is cut at the width. The rows joined are the name, nothing added or lost.
 */
function slashRows(word: string, width: number): string[] {
  const rows: string[] = [];
  let rest = word;
  while (widerThan(rest, width)) {
    const [whole] = cutAt(rest, width);
    const slash = whole.lastIndexOf('/') + 1;
    const head = slash > 1 ? whole.slice(0, slash) : whole;
    rows.push(head);
    rest = rest.slice(head.length);
  }
  rows.push(rest);
  return rows;
}

/**
 * A report row's text (after its indent) as the units it is wrapped between: its words, except that
 * each of a fix's snippets (the JSON to write, after "reads:", "here:", "e.g.", "write" and the
 * like: from a word's ": ", "e.g. " or "write " that an object, a list or a field's name follows, to
 * the end of that code, where prose takes up again or the row ends) is one unit where it fits a row
 * under the fix. At 60 columns '…the line reads: "name":' ended a row and '"Dani",' began the next:
 * the line to write, split at a space inside it; and 'write "next":' above '"boyfriend-open".', where
 * only a fix's first ": " was looked at and "write" never.
 */
function reportUnits(rest: string, room: number): string[] {
  if (!rest.startsWith('fix: ')) return rest.split(' ');
  const units: string[] = [];
  const markers = /(?:[a-z]:|\be\.g\.|\b[Ww]rite) (?=["{[])/g;
  let done = 0;
  for (let marker = markers.exec(rest); marker; marker = markers.exec(rest)) {
    const from = marker.index + marker[0].length;
    // Where the code ends: a closing quote (not an escaped one), brace or bracket, and the stop,
    // comma or parenthesis after it, before a space and prose (a letter, or an opening parenthesis).
    const end = /(?<!\\)["}\]][).,;]*(?= [A-Za-z(])/.exec(rest.slice(from));
    const to = end ? from + end.index + end[0].length : rest.length;
    const snippet = rest.slice(from, to);
    // Code only (an object, a list, or a field with its value): a text quoted as an example ("CSW,
    // Children's Social Worker at DCFS") is prose, wrapped between its words as the fix's. Whole where
    // it fits a row indented at least as the fix's own row (the row's lead, `room`); a longer one is
    // wrapped between its words as any text is.
    if (!/^(?:[{[]|"[^"]*": )/.test(snippet) || !snippet.includes(' ') || columnsOf(snippet) > room) continue;
    units.push(...rest.slice(done, from).trimEnd().split(' ').filter(Boolean), snippet);
    done = to;
    markers.lastIndex = to;
  }
  const after = rest.slice(done).trimStart();
  return [...units, ...(after === '' ? [] : after.split(' '))];
}

/**
 * The indent of a report's further row that starts with `word`: `hang`, or less where the word fits
 * a row but not after the whole hang (a path quoted in a fix), so that the terminal does not break
 * it (it wrapped '",' onto a row of its own). A word longer than a row keeps the hang: the terminal
 * wraps it whatever the indent.
 */
function hangFor(hang: string, word: string, width: number): string {
  const room = width - columnsOf(word);
  return room >= 0 && room < hang.length ? hang.slice(0, room) : hang;
}

/**
 * A line of a full-screen notice as rows to draw one each: as it is when it fits or names no command
 * (`keep` starts one, as for wrapWords); else the words before the command as one row for Ink to
 * wrap, and the command on rows of its own, broken between its words with line continuations
 * (commandLines) where it is longer than a row, unless it fits after the words' last row; a line
 * of one word longer than the row (a long path) on rows that each keep its indent (hungRows). Ink
 * wraps a line at any space, and a row Ink wraps loses its indent: a command was broken with nothing
 * to say that it goes on, or mid-word.
 */
export function commandRows(text: string, width: number, keep: string): string[] {
  const at = commandAt(text, keep);
  if (at < 0 || len(text) <= width) return [text];
  const words = text.slice(0, at).trimEnd();
  const cmd = text.slice(at).trimEnd();
  const lastRow = words === '' ? '' : (wrapWords(words, width).split('\n').at(-1) as string);
  if (words !== '' && len(lastRow) + 1 + len(cmd) <= width) return [text];
  return [...(words === '' ? [] : [words]), ...commandLines(cmd, width, '  ', keep.trimEnd()).flatMap((line) => hungRows(line, width))];
}

/**
 * A line's words where it names one of `paths` (a folder the app knows, such as the one it was
 * started in): each such path, with what hugs it ("(", ")", ","), is one word however many spaces
 * its names hold, and the rest are words as pathWords tells them. pathWords alone cannot tell where
 * a path whose last name has spaces ends ("…/my practice folder for the volunteers as it stops."),
 * and broke it at a space. Undefined where the line names none of them.
 */
function knownPathWords(line: string, paths: readonly string[]): { words: string[]; paths: Set<string> } | undefined {
  const spaced = paths.filter((p) => p.includes(' ') && line.includes(p));
  if (spaced.length === 0) return undefined;
  const words: string[] = [];
  const found = new Set<string>();
  let rest = line;
  while (rest !== '') {
    // The first of the paths in what is left (the longest where two start at the same place).
    let at = -1;
    let path = '';
    for (const p of spaced) {
      const i = rest.indexOf(p);
      if (i >= 0 && (at < 0 || i < at || (i === at && p.length > path.length))) [at, path] = [i, p];
    }
    if (at < 0) {
      words.push(...pathWords(rest.split(' ').filter(Boolean)));
      break;
    }
    const before = rest.slice(0, at);
    const lead = /\S*$/.exec(before)?.[0] ?? '';
    const trail = /^\S*/.exec(rest.slice(at + path.length))?.[0] ?? '';
    words.push(...pathWords(before.slice(0, before.length - lead.length).split(' ').filter(Boolean)));
    const word = `${lead}${path}${trail}`;
    words.push(word);
    found.add(word);
    rest = rest.slice(at + path.length + trail.length);
  }
  return { words, paths: found };
}

/**
 * A line of a full-screen notice that names a path, as rows to draw one each: as it is when it
 * fits, or names no path; else wrapped between words, the path (one with spaces in it too, see
 * pathWords; a line that is one word holding a "/", such as "exports/…json", is one) whole on the
 * row it comes to where it fits there, else on a row of its own, and where it is longer than a row
 * on rows of its own cut at the row's width only (a row that would end with a space of the path
 * ends before it), so that the rows copied and joined are the path, the words after it on the next.
 * Ink wrapped such a line at any space, and a long path after its separators: "(in the state
 * folder /tmp/…/" on one row, a path with spaces in it split at them, and rows that began with
 * "/" as if a path of their own. `paths`: folders the line may name whose spaces are the path's,
 * told apart from the sentence's by their whole text (knownPathWords).
 */
export function pathLineRows(line: string, width: number, paths: readonly string[] = []): string[] {
  if (width < 1 || !widerThan(line, width)) return [line];
  const known = knownPathWords(line, paths);
  const words = known?.words ?? pathWords(line.split(' ').filter(Boolean));
  const isPath = (word: string) => known?.paths.has(word) === true || PATH_START.test(word) || (words.length === 1 && /[/\\]/.test(word));
  if (!words.some(isPath)) return [line];
  const rows: string[] = [];
  let row = '';
  for (const word of words) {
    if (isPath(word)) {
      // Whole on the row it comes to where it fits there (the width used: at 120 columns a notice was
      // three short rows, the path alone on the middle one); else on rows of its own.
      if (!widerThan(word, width) && (!row || columnsOf(row) + 1 + columnsOf(word) <= width)) {
        row = row ? `${row} ${word}` : word;
        continue;
      }
      if (row) rows.push(row);
      row = '';
      rows.push(cutToRows(word, width, rows));
    } else if (row && columnsOf(row) + 1 + columnsOf(word) > width) {
      rows.push(row);
      row = word;
    } else row = row ? `${row} ${word}` : word;
  }
  if (row) rows.push(row);
  return rows;
}

/**
 * A line as one row of `width` columns: as it is when it fits, else its start and its end with "…"
 * between them (a path's first folders and its last, the file or folder named). For a screen short
 * of rows, where the line is said whole elsewhere (the debrief prints it on leaving).
 */
export function elidedRow(line: string, width: number): string {
  if (columnsOf(line) <= width) return line;
  if (width < 2) return cutAt(line, Math.max(width, 1))[0];
  const chars = [...line];
  const tailWidth = Math.floor((width - 1) / 2);
  let tail = '';
  for (let i = chars.length - 1; i >= 0 && columnsOf(chars[i] + tail) <= tailWidth; i--) tail = chars[i] + tail;
  const [head] = cutAt(line, width - 1 - columnsOf(tail));
  return `${columnsOf(head) + 1 + columnsOf(tail) > width ? '' : head}…${tail}`;
}

/** `text` in at most `width` columns: as it is when it fits, else its start and "…" (a title cut to keep a heading on one row). */
export function cutEnd(text: string, width: number): string {
  if (columnsOf(text) <= width) return text;
  return `${cutAt(text, Math.max(1, width - 1))[0].trimEnd()}…`;
}

/**
 * A line of a notice with each path in it longer than `width` cut to a row (elidedRow), its words
 * kept: the line as it is when it names no such path.
 */
export function elidedPathLine(line: string, width: number): string {
  const words = pathWords(line.split(' ').filter(Boolean));
  const isPath = (word: string) => PATH_START.test(word) || (words.length === 1 && /[/\\]/.test(word));
  if (!words.some((word) => isPath(word) && columnsOf(word) > width)) return line;
  return words.map((word) => (isPath(word) && columnsOf(word) > width ? elidedRow(word, width) : word)).join(' ');
}

/**
 * Rows of `width` columns or fewer cut from `word` (pushed onto `rows`), and what is left for the
 * last row: after the row's last "/" where that fills half the row or more or all after it fits a
 * row, else at the width; the
 * rows joined are the word, with nothing added or lost. A space at a row's end goes to the next row's start: Ink drops the spaces a row
 * ends with, and the path pasted back would have lost it ("/Users/Jane" above "Doe/…").
 */
function cutToRows(word: string, width: number, rows: string[]): string {
  let rest = word;
  while (widerThan(rest, width)) {
    const [whole, tail] = cutAt(rest, width);
    // After the row's last "/" where that leaves the row at least half full, or where all that
    // follows it fits the next row: a name stays whole on the next row ("…/sessions/" then
    // "the-list.json", not "…/the-list.js" then "on"; "exports/" then the debrief's file name, not
    // "exports/…-58.jso" then "n").
    const slash = whole.lastIndexOf('/') + 1;
    const fillsHalf = columnsOf(whole.slice(0, slash)) * 2 >= width;
    const head = slash > 0 && slash < whole.length && tail !== '' && (fillsHalf || !widerThan(rest.slice(slash), width)) ? whole.slice(0, slash) : whole;
    if (head !== whole) {
      rows.push(head);
      rest = rest.slice(head.length);
      continue;
    }
    const kept = head.trimEnd() === '' ? head : head.trimEnd();
    rows.push(kept);
    rest = head.slice(kept.length) + tail;
  }
  return rest;
}

/**
 * A quoted shell word with spaces in it (a path the program was started from, "/tmp/my practice
 * folder/bin/casa-practice.js"), and the line continuation after it, as rows of `width` columns cut
 * at the width only: Ink, and inkWrap, broke it at a space of its folders' names, well short of the
 * row's end. A space where a row ends starts the next row instead (Ink drops the spaces a row ends
 * with); the continuation (" \\") stays whole on the last row. Undefined for any other line.
 */
function quotedRows(body: string, width: number): string[] | undefined {
  const m = /^("[^"]* [^"]*"|'[^']* [^']*')( \\)?$/.exec(body);
  if (!m || width < 4) return undefined;
  const word = m[1] as string;
  const after = m[2] ?? '';
  const rows: string[] = [];
  let rest = cutToRows(word, width, rows);
  if (columnsOf(rest) + columnsOf(after) > width) {
    // The continuation has no room after the word's last row: the row gives up its end to the next.
    const [head, tail] = cutAt(rest, Math.max(1, width - columnsOf(after)));
    const kept = head.trimEnd() === '' ? head : head.trimEnd();
    rows.push(kept);
    rest = head.slice(kept.length) + tail;
  }
  rows.push(`${rest}${after}`);
  return rows;
}

/**
 * A command's line that starts with an indent (each line after the first) and is longer than
 * `width` (one word longer than the row: a long path), as rows that each keep the indent, the word
 * broken as Ink breaks it at the width left (after a path's separators; see inkWrap). Handed to Ink
 * whole, its further rows began at the left edge, out of line with the rest of the command.
 * As it is where it fits, has no indent, or is text inkWrap leaves to Ink.
 */
function hungRows(line: string, width: number): string[] {
  const indent = /^ */.exec(line)?.[0] ?? '';
  if (indent === '' || len(line) <= width || width - indent.length < 10) return [line];
  const quoted = quotedRows(line.slice(indent.length), width - indent.length);
  if (quoted !== undefined) return quoted.map((row) => `${indent}${row}`);
  const rows = inkWrap(line.slice(indent.length), width - indent.length);
  // (Ink leaves the space before a word that starts a full row's successor at its start: not here.)
  return rows === undefined ? [line] : rows.split('\n').map((row) => `${indent}${row.replace(/^ +/, '')}`);
}

/**
 * How many rows Ink draws `text` in at `width` (each line of it wrapped as Ink wraps: wrap-ansi
 * with `trim: false, hard: true`, or as inkWrap hands it to Ink, a long path broken after its
 * separators). It can be one more than wrapText's count: when a row fills the
 * width exactly, the space before the next word starts the next row and takes a column there.
 * Screens that fit themselves to the terminal measure with this.
 */
export function inkRows(text: string, width: number): number {
  // Where inkWrap hands Ink the rows (text it can measure, a whole number of columns), they are
  // counted as drawn; elsewhere Ink wraps, and cuts a long path at the last column.
  const wrapped = inkWrap(text, width);
  if (wrapped !== undefined) return rowCount(wrapped);
  const columns = Math.max(1, width);
  let count = 0;
  for (const line of text.split('\n')) {
    // Only row lengths matter: `rows` holds the length of each row so far.
    const rows = [0];
    const last = () => rows[rows.length - 1] as number;
    const add = (n: number) => (rows[rows.length - 1] = last() + n);
    line.split(' ').forEach((word, i) => {
      const length = len(word);
      if (i !== 0) {
        if (last() >= columns) rows.push(0);
        add(1);
      }
      if (length > columns) {
        // A word longer than a row is cut, starting on this row or the next, whichever breaks it less.
        const thisLine = 1 + Math.floor((length - (columns - last()) - 1) / columns);
        const nextLine = Math.floor((length - 1) / columns);
        if (nextLine < thisLine) rows.push(0);
        for (let k = 0; k < length; k++) {
          if (last() + 1 > columns) rows.push(0);
          add(1);
          if (last() === columns && k < length - 1) rows.push(0);
        }
        return;
      }
      if (last() + length > columns && last() > 0 && length > 0) rows.push(0);
      add(length);
    });
    count += rows.length;
  }
  return count;
}

/**
 * A word longer than a row that is a path (or an address), in pieces that each end with a
 * separator ("/home/", "casa-practice/", "saves/", "example.json.damaged-…"), so that it breaks
 * where a reader sees the path go on ("…/saves/" then "example.json…") rather than mid-name at
 * the last column, as Ink's own wrapping cuts it. Undefined when there is no separator to break
 * after. inkWrap and inkRows break such words so; wrapText's cut and wrapWords (which leaves a
 * path whole for the terminal to wrap, so that it can be copied) do not use it.
 */
function pathPieces(word: string, columns: number): string[] | undefined {
  const pieces = word.match(/[^/\\]*(?:[/\\]+|$)/g)?.filter((p) => p !== '');
  // The separator a path starts with ("/tmp/…") stays with the first name: alone at the end of a
  // row, it left the next row looking like a path of its own ("tmp/…").
  if (pieces && pieces.length > 1 && /^[/\\]+$/.test(pieces[0] as string)) pieces.splice(0, 2, `${pieces[0]}${pieces[1]}`);
  if (!pieces || pieces.length < 2) return undefined;
  // A name longer than a whole row ("example.json.damaged-2026-…") breaks after a dot, dash or
  // underscore in it; only a part longer than a row is cut at the last column.
  return pieces.flatMap((p) => (widthOf(p) > columns ? p.match(/[^._-]*(?:[._-]+|$)/g)?.filter((q) => q !== '') ?? [p] : [p]));
}

/**
 * Characters one column wide that wrap-ansi leaves as they are (no escape, no combining mark, not
 * changed by Unicode normalisation): printable ASCII and the punctuation the app and the bundled
 * scenarios use, and line breaks. Text made only of these is measured by counting characters.
 */
const PLAIN = /^[\n\x20-\x7e“”‘’—–…→·✓✗█░›↑↓]*$/;

/**
 * Text (once in Unicode's composed form, as wrap-ansi puts it) that inkWrap can measure one
 * character at a time as Ink does: letters, digits, punctuation and symbols of any script, one
 * column wide or two (José Ñúñez, 漢字, ＡＢＣ), spaces and line breaks. Left to Ink: controls and
 * escapes, tabs, combining marks that do not compose, emoji and their modifiers, flags, Hangul
 * jamo and zero-width characters, whose width depends on the characters around them.
 */
const MEASURABLE = /^(?:(?![\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\p{Default_Ignorable_Code_Point}\u1100-\u11ff\u3164\ua960-\ua97f\ud7b0-\ud7ff\uffa0])[\p{L}\p{N}\p{P}\p{S} \n])*$/u;

/** The columns one character (a code point) of measurable text takes, as wrap-ansi counts it. */
const charWidth = (c: string): number => {
  if (c >= ' ' && c <= '~') return 1;
  // string-width takes microseconds a character (a segmenter, its tables): a long line of another
  // script measured a character at a time asks about the same few characters again and again.
  let w = charWidths.get(c);
  if (w === undefined) {
    w = stringWidth(c);
    if (charWidths.size >= CHAR_WIDTHS_LIMIT) charWidths.clear();
    charWidths.set(c, w);
  }
  return w;
};
const charWidths = new Map<string, number>();
const CHAR_WIDTHS_LIMIT = 10_000;

/** The columns a word of measurable text takes, one character at a time (see charWidth). */
function widthOf(word: string): number {
  if (/^[\x20-\x7e]*$/.test(word)) return word.length;
  let n = 0;
  for (const c of word) n += charWidth(c);
  return n;
}

/** Whether a line of measurable text fits in `width` columns (see charWidth), measured only as far as needed. */
function fits(line: string, width: number): boolean {
  if (line.length <= width && /^[\x20-\x7e]*$/.test(line)) return true;
  let n = 0;
  for (const c of line) {
    n += charWidth(c);
    if (n > width) return false;
  }
  return true;
}

/** Rows in a text (its line breaks and one). */
function rowCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** wrap-ansi's results by width and text, so a screen drawn again wraps nothing again. */
const wrapped = new Map<string, string>();
const WRAPPED_LIMIT = 4000;

/**
 * `text` wrapped to `width` columns exactly as Ink wraps it (wrap-ansi with `trim: false, hard:
 * true`, quirks included: the space before a word that starts a full row's successor stays at the
 * start of that row, a word longer than a row is cut, the text is put in composed form), except
 * that a path longer than a row breaks after its separators (see pathPieces), whatever script its
 * names are in; or undefined when the text is not measurable one character at a time (see
 * MEASURABLE) or the width is not a whole number of columns, so the caller leaves it to Ink.
 * Text that already fits comes back unchanged, as Ink leaves it.
 */
export function inkWrap(text: string, width: number): string | undefined {
  if (!Number.isInteger(width) || width < 1) return undefined;
  const key = `${width}:${text}`;
  let out = wrapped.get(key);
  if (out === undefined) {
    const plain = PLAIN.test(text);
    const composed = plain ? text : text.normalize();
    if (!plain && !MEASURABLE.test(composed)) return undefined;
    // Each line measured a character at a time, stopping once past the width: string-width on a
    // whole line takes time that grows with the square of its length (a minute for a 200,000-character
    // line of accented words), where Ink, handed rows that fit, measures only short ones.
    const lines = composed.split('\n');
    out = lines.every((l) => (plain ? l.length <= width : fits(l, width))) ? text : lines.map((l) => wrapLine(l, width)).join('\n');
    if (wrapped.size >= WRAPPED_LIMIT) wrapped.clear();
    wrapped.set(key, out);
  }
  return out;
}

/** One line of measurable text, as wrap-ansi's `exec` wraps it with `trim: false, hard: true`. */
function wrapLine(line: string, columns: number): string {
  const rows = [''];
  // The columns each row takes so far.
  const used = [0];
  const last = () => used[used.length - 1] as number;
  const newRow = (text = '', w = 0) => {
    rows.push(text);
    used.push(w);
  };
  const add = (text: string, w: number) => {
    rows[rows.length - 1] += text;
    used[used.length - 1] = last() + w;
  };
  const words = line.split(' ');
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (i !== 0) {
      if (last() >= columns) newRow();
      add(' ', 1);
    }
    const length = widthOf(word);
    const pieces = length > columns ? pathPieces(word, columns) : undefined;
    if (pieces) {
      // A path longer than a row: each piece on the row it starts if it fits there, else on the
      // next; only a piece longer than a whole row is cut.
      for (const piece of pieces) {
        const n = widthOf(piece);
        if (last() > 0 && last() + n > columns && n <= columns) newRow();
        for (const character of piece) {
          const w = charWidth(character);
          if (last() > 0 && last() + w > columns) newRow();
          add(character, w);
        }
      }
      continue;
    }
    if (length > columns) {
      // Cut the word, starting on this row or the next, whichever breaks it less (wrap-ansi's wrapWord).
      const breaksStartingThisLine = 1 + Math.floor((length - (columns - last()) - 1) / columns);
      const breaksStartingNextLine = Math.floor((length - 1) / columns);
      if (breaksStartingNextLine < breaksStartingThisLine) newRow();
      const characters = [...word];
      let visible = last();
      for (let k = 0; k < characters.length; k++) {
        const character = characters[k] as string;
        const w = charWidth(character);
        if (visible + w <= columns) add(character, w);
        else {
          newRow(character, w);
          visible = 0;
        }
        visible += w;
        if (visible === columns && k < characters.length - 1) {
          newRow();
          visible = 0;
        }
      }
      continue;
    }
    if (last() + length > columns && last() > 0 && length > 0) newRow();
    add(word, length);
  }
  return rows.join('\n');
}
