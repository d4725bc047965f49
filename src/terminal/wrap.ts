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
