import { signed, VERDICT_WORDS, votesWords, type RevealEntry } from '../machines/index.js';
import { wrapText } from './wrap.js';

const GAP = ' │ ';
const MIN_COLUMN = 24;

/** Blocks of text in columns when each gets at least MIN_COLUMN characters, otherwise one under another. */
export function sideBySide(blocks: string[], width: number): string {
  const n = blocks.length;
  const column = Math.floor((width - GAP.length * (n - 1)) / Math.max(1, n));
  // The numbered reply and the ✓/✗ verdicts hang under their text; the feedback starts flush.
  const hang = (p: string, i: number) => (i === 0 ? '   ' : /^[✓✗]/.test(p) ? '  ' : '');
  const wrapBlock = (b: string, w: number) => b.split('\n').flatMap((p, i) => wrapText(p, w, hang(p, i)).split('\n'));
  if (n < 2 || column < MIN_COLUMN) return blocks.map((b) => wrapBlock(b, width).join('\n')).join('\n\n');
  const cols = blocks.map((b) => wrapBlock(b, column));
  const height = Math.max(...cols.map((c) => c.length));
  return Array.from({ length: height }, (_, i) => cols.map((c) => [...(c[i] ?? '')].concat(Array(column).fill(' ')).slice(0, column).join('')).join(GAP).trimEnd()).join('\n');
}

/** Every reply's feedback, votes and score as text, side by side when the width allows. */
export function revealText(reveal: { total: number; entries: RevealEntry[] }, width: number): string {
  return sideBySide(reveal.entries.map((r) => [
    `${r.number}. ${r.replyText}`,
    `Votes: ${votesWords(r, reveal.total)}`,
    `Score: ${signed(r.value)}`,
    ...r.assessments.map((a) => `${VERDICT_WORDS[a.verdict]}: ${a.title} (${a.citation})`),
    r.feedback,
  ].join('\n')), width);
}
