const len = (s: string) => [...s].length;

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
        const chars = [...rest];
        const cut = limit();
        lines.push(chars.slice(0, cut).join(''));
        rest = chars.slice(cut).join('');
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines.map((l, i) => (i === 0 || l === '' ? l : indent + l)).join('\n');
}

/**
 * How many rows Ink draws `text` in at `width` (each line of it wrapped as Ink wraps: wrap-ansi
 * with `trim: false, hard: true`). It can be one more than wrapText's count: when a row fills the
 * width exactly, the space before the next word starts the next row and takes a column there.
 * Screens that fit themselves to the terminal measure with this.
 */
export function inkRows(text: string, width: number): number {
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
