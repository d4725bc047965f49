import { BEST_PRACTICE, signed, VERDICT_WORDS, votesWords, type RevealEntry } from '../machines/index.js';
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

/** A bar of ten cells for a share of the room's votes; the number beside it carries the meaning. */
export function voteBar(percent: number, cells = 10): string {
  const filled = Math.round((cells * Math.max(0, Math.min(100, percent))) / 100);
  return `${'█'.repeat(filled)}${'░'.repeat(cells - filled)}`;
}

/**
 * Every reply's feedback, votes (with a bar) and score as text, side by side when the width allows,
 * best practice marked, after the total of votes.
 */
export function revealText(reveal: { total: number; entries: RevealEntry[] }, width: number): string {
  const columns = sideBySide(reveal.entries.map((r) => [
    `${r.number}. ${r.replyText}`,
    // A row for the mark in every column, so the votes and scores stay level across them.
    r.best ? BEST_PRACTICE : '',
    `Votes: ${votesWords(r, reveal.total)}`,
    voteBar(r.percent),
    `Score: ${signed(r.value)}`,
    ...r.assessments.map((a) => `${VERDICT_WORDS[a.verdict]}: ${a.title} (${a.citation})`),
    r.feedback,
  ].join('\n')), width);
  return `Votes in all: ${reveal.total}\n\n${columns}`;
}
