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
    let line = '';
    for (const word of paragraph.split(/ +/).filter(Boolean)) {
      let rest = word;
      if (line && len(line) + 1 + len(rest) <= limit()) {
        line += ` ${rest}`;
        continue;
      }
      if (line) lines.push(line);
      line = '';
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
