import stringWidth from 'string-width';

/**
 * The columns a text takes in a terminal, as Ink measures it (string-width): a wide character (CJK,
 * most emoji) takes two, a combining mark none. Printable ASCII, nearly all text, is counted at once.
 */
export const columnsOf = (s: string): number => (/^[\x20-\x7e]*$/.test(s) ? s.length : stringWidth(s));
const len = columnsOf;

/** The longest start of `text` that fits in `width` columns (at least one character), and the rest. */
function cutAt(text: string, width: number): [string, string] {
  const chars = [...text];
  let used = 0;
  let i = 0;
  for (; i < chars.length; i++) {
    const w = len(chars[i] as string);
    if (i > 0 && used + w > width) break;
    used += w;
  }
  return [chars.slice(0, i).join(''), chars.slice(i).join('')];
}

/**
 * Word-wraps plain text to a width; paragraph breaks are kept and every line after the first
 * gets `indent`. A word longer than a line is cut rather than allowed to overflow.
 */
export function wrapText(text: string, width: number, indent = ''): string {
  const w = Math.max(20, width);
  const lines: string[] = [];
  const limit = () => (lines.length === 0 ? w : w - indent.length);
  for (const paragraph of text.split('\n')) {
    // Leading spaces are kept (they indent lists); they stick to the first word.
    const lead = /^ */.exec(paragraph)?.[0] ?? '';
    const words = paragraph.slice(lead.length).split(/ +/).filter(Boolean);
    if (words.length > 0) words[0] = lead + words[0];
    let line = '';
    for (const word of words) {
      let rest = word;
      if (line && len(line) + 1 + len(rest) <= limit()) {
        line += ` ${rest}`;
        continue;
      }
      if (line) lines.push(line);
      while (len(rest) > limit()) {
        const [head, tail] = cutAt(rest, limit());
        lines.push(head);
        rest = tail;
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines.map((l, i) => (i === 0 || l === '' ? l : indent + l)).join('\n');
}

/**
 * Words wrapped to `width` for a message printed after the app has left the screen (the terminal
 * would break it mid-word). Unlike wrapText, no word is cut, and a command line (from `keep` to the
 * end of its line) is one word: it goes onto a line of its own when it does not fit after the words
 * before it, so that it can be copied whole. A word longer than a whole line (a long path) follows
 * the words before it, where the terminal wraps it: a line of its own would not keep it whole.
 */
export function wrapWords(text: string, width: number, keep?: string): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    const at = keep ? paragraph.indexOf(keep) : -1;
    const words = (at >= 0 ? paragraph.slice(0, at) : paragraph).split(' ').filter(Boolean);
    if (at >= 0) words.push(paragraph.slice(at));
    let line = '';
    for (const word of words) {
      if (line && len(line) + 1 + len(word) > width && len(word) <= width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out.join('\n');
}

/**
 * How many rows Ink draws `text` in at `width` (each line of it wrapped as Ink wraps: wrap-ansi
 * with `trim: false, hard: true`, or as inkWrap hands it to Ink, a long path broken after its
 * separators). It can be one more than wrapText's count: when a row fills the
 * width exactly, the space before the next word starts the next row and takes a column there.
 * Screens that fit themselves to the terminal measure with this.
 */
export function inkRows(text: string, width: number): number {
  const columns = Math.max(1, width);
  // Paths break after their separators only where inkWrap hands Ink the rows (plain text, a whole
  // number of columns); elsewhere Ink wraps, and cuts a long path at the last column.
  const paths = Number.isInteger(width) && width >= 1 && PLAIN.test(text);
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
      const pieces = paths && length > columns ? pathPieces(word, columns) : undefined;
      if (pieces) {
        // A path longer than a row breaks after its separators (see pathPieces), as wrapLine breaks it.
        for (const piece of pieces) {
          const n = len(piece);
          if (last() > 0 && last() + n > columns && n <= columns) rows.push(0);
          for (let k = 0; k < n; k++) {
            if (last() + 1 > columns) rows.push(0);
            add(1);
          }
        }
        return;
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
  if (!pieces || pieces.length < 2) return undefined;
  // A name longer than a whole row ("example.json.damaged-2026-…") breaks after a dot, dash or
  // underscore in it; only a part longer than a row is cut at the last column.
  return pieces.flatMap((p) => (p.length > columns ? p.match(/[^._-]*(?:[._-]+|$)/g)?.filter((q) => q !== '') ?? [p] : [p]));
}

/**
 * Characters one column wide that wrap-ansi leaves as they are (no escape, no combining mark, not
 * changed by Unicode normalisation): printable ASCII and the punctuation the app and the bundled
 * scenarios use, and line breaks. Text made only of these can be wrapped here by counting characters.
 */
const PLAIN = /^[\n\x20-\x7e“”‘’—–…→·✓✗█░›↑↓]*$/;

/** wrap-ansi's results by width and text, so a screen drawn again wraps nothing again. */
const wrapped = new Map<string, string>();
const WRAPPED_LIMIT = 4000;

/**
 * `text` wrapped to `width` columns exactly as Ink wraps it (wrap-ansi with `trim: false, hard:
 * true`, quirks included: the space before a word that starts a full row's successor stays at the
 * start of that row, a word longer than a row is cut), except that a path longer than a row
 * breaks after its separators (see pathPieces), or undefined when the text is not plain
 * (see PLAIN) or the width is not a whole number of columns, so the caller leaves it to Ink.
 * Text that already fits comes back unchanged, as Ink leaves it.
 */
export function inkWrap(text: string, width: number): string | undefined {
  if (!Number.isInteger(width) || width < 1 || !PLAIN.test(text)) return undefined;
  const key = `${width}:${text}`;
  let out = wrapped.get(key);
  if (out === undefined) {
    const lines = text.split('\n');
    out = lines.every((l) => l.length <= width) ? text : lines.map((l) => wrapLine(l, width)).join('\n');
    if (wrapped.size >= WRAPPED_LIMIT) wrapped.clear();
    wrapped.set(key, out);
  }
  return out;
}

/** One line of plain text (every character one column), as wrap-ansi's `exec` wraps it with `trim: false, hard: true`. */
function wrapLine(line: string, columns: number): string {
  const rows = [''];
  const words = line.split(' ');
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    let rowLength = (rows[rows.length - 1] as string).length;
    if (i !== 0) {
      if (rowLength >= columns) {
        rows.push('');
        rowLength = 0;
      }
      rows[rows.length - 1] += ' ';
      rowLength++;
    }
    const pieces = word.length > columns ? pathPieces(word, columns) : undefined;
    if (pieces) {
      // A path longer than a row: each piece on the row it starts if it fits there, else on the
      // next; only a piece longer than a whole row is cut.
      for (const piece of pieces) {
        if (rowLength > 0 && rowLength + piece.length > columns && piece.length <= columns) {
          rows.push('');
          rowLength = 0;
        }
        for (const character of piece) {
          if (rowLength + 1 > columns) {
            rows.push('');
            rowLength = 0;
          }
          rows[rows.length - 1] += character;
          rowLength++;
        }
      }
      continue;
    }
    if (word.length > columns) {
      // Cut the word, starting on this row or the next, whichever breaks it less.
      const breaksStartingThisLine = 1 + Math.floor((word.length - (columns - rowLength) - 1) / columns);
      const breaksStartingNextLine = Math.floor((word.length - 1) / columns);
      if (breaksStartingNextLine < breaksStartingThisLine) rows.push('');
      let visible = (rows[rows.length - 1] as string).length;
      for (let k = 0; k < word.length; k++) {
        const character = word[k] as string;
        if (visible + 1 <= columns) rows[rows.length - 1] += character;
        else {
          rows.push(character);
          visible = 0;
        }
        visible++;
        if (visible === columns && k < word.length - 1) {
          rows.push('');
          visible = 0;
        }
      }
      continue;
    }
    if (rowLength + word.length > columns && rowLength > 0 && word.length > 0) rows.push('');
    rows[rows.length - 1] += word;
  }
  return rows.join('\n');
}
