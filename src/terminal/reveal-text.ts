import { BEST_PRACTICE, breaksCritical, replyScoreWords, unavailableWords, pathReply, verdictLine, votesWords, type ReplyView, type RevealEntry } from '../machines/index.js';
import type { Row } from './debrief-lines.js';
import { wrapText } from './wrap.js';

const GAP = ' │ ';
const MIN_COLUMN = 24;

/** The width of each of `n` columns side by side, or undefined when they are too narrow and go one under another. */
function columnWidth(n: number, width: number): number | undefined {
  const column = Math.floor((width - GAP.length * (n - 1)) / Math.max(1, n));
  return n < 2 || column < MIN_COLUMN ? undefined : column;
}

/** Blocks of text in columns when each gets at least MIN_COLUMN characters, otherwise one under another. */
export function sideBySide(blocks: string[], width: number): string {
  return sideBySideCells(blocks, width).map(rowText).join('\n');
}

/** A row of sideBySideCells as text: its columns with the line between them, no spaces at the end. */
function rowText(cells: string[]): string {
  return cells.length === 1 ? (cells[0] as string) : cells.join(GAP).trimEnd();
}

/** sideBySide's rows, each as its columns' text (one cell a row when the blocks go one under another). */
function sideBySideCells(blocks: string[], width: number): string[][] {
  const n = blocks.length;
  const column = columnWidth(n, width) ?? 0;
  // The numbered reply and the ✓/✗ verdicts hang under their text; the feedback starts flush.
  const hang = (p: string, i: number) => (i === 0 ? '   ' : /^[✓✗]/.test(p) ? '  ' : '');
  const wrapBlock = (b: string, w: number) => b.split('\n').flatMap((p, i) => wrapText(p, w, hang(p, i)).split('\n'));
  if (n < 2 || column < MIN_COLUMN) return blocks.map((b) => wrapBlock(b, width).join('\n')).join('\n\n').split('\n').map((line) => [line]);
  const cols = blocks.map((b) => wrapBlock(b, column));
  const height = Math.max(...cols.map((c) => c.length));
  return Array.from({ length: height }, (_, i) => cols.map((c) => [...(c[i] ?? '')].concat(Array(column).fill(' ')).slice(0, column).join('')));
}

/** A bar of ten cells for a share of the room's votes; the number beside it carries the meaning. */
export function voteBar(percent: number, cells = 10): string {
  const filled = Math.round((cells * Math.max(0, Math.min(100, percent))) / 100);
  return `${'█'.repeat(filled)}${'░'.repeat(cells - filled)}`;
}

/**
 * Every reply's feedback, votes (with a bar) and score as text, side by side when the width allows,
 * best practice marked, after the total of votes. `replies`: the decision's replies as offered; one
 * the story does not open here ends with why (the core's words, as presenter mode says it in place
 * of its Follow button), so a room that voted for it learns why its number cannot be followed.
 */
export function revealText(reveal: { total: number; entries: RevealEntry[] }, width: number, replies: readonly Pick<ReplyView, 'id' | 'number' | 'enabled' | 'reason'>[] = []): string {
  return `Votes in all: ${reveal.total}\n\n${revealCells(reveal, width, replies).map(rowText).join('\n')}`;
}

/**
 * The reveal as rows for a window that scrolls (the trainer-led screen): revealText's rows, with each
 * column of replies set side by side a span of its own (Span.column), so that a resize keeps the
 * place read in the column read first (keptOffset).
 */
export function revealTextRows(reveal: { total: number; entries: RevealEntry[] }, width: number, replies: readonly Pick<ReplyView, 'id' | 'number' | 'enabled' | 'reason'>[] = []): Row[] {
  const rows = revealCells(reveal, width, replies).map((cells): Row => {
    if (cells.length === 1) return [{ text: cells[0] as string }];
    // The spans of rowText, cut where its spaces at the end were left off.
    let left = rowText(cells).length;
    return cells.flatMap((text, column): Row => (column === 0 ? [{ text, column }] : [{ text: GAP }, { text, column }])).map((span) => {
      const text = span.text.slice(0, Math.max(0, left));
      left -= span.text.length;
      return { ...span, text };
    });
  });
  return [[{ text: `Votes in all: ${reveal.total}` }], [{ text: '' }], ...rows];
}

/** The replies' text of revealText as sideBySideCells rows. */
function revealCells(reveal: { total: number; entries: RevealEntry[] }, width: number, replies: readonly Pick<ReplyView, 'id' | 'number' | 'enabled' | 'reason'>[]): string[][] {
  const column = columnWidth(reveal.entries.length, width);
  const votes = (r: RevealEntry) => [`Votes: ${votesWords(r, reveal.total)}`, voteBar(r.percent)];
  // The votes and their bar on one row when every reply's have room for both (so that side by side
  // the rows stay level), never one broken across two.
  const together = reveal.entries.every((r) => [...votes(r).join(' ')].length <= (column ?? width));
  // Side by side, every reply takes as many rows as the longest and every column has a row for the
  // mark, so that the marks, votes and scores stay level across them; one under another, empty
  // rows would only be gaps in the middle of a reply.
  const reply = (r: RevealEntry) => `${r.number}. ${pathReply(r.replyText, r.replyKind !== 'do')}`;
  // By id, once: looked up for every reply, a search of the list each time was a million steps at a thousand replies.
  const offeredById = new Map(replies.map((o) => [o.id, o]));
  const closed = (r: RevealEntry) => {
    const offered = offeredById.get(r.replyId);
    return offered && !offered.enabled ? [unavailableWords(offered)] : [];
  };
  const replyRows = (r: RevealEntry) => (column === undefined ? 0 : wrapText(reply(r), column, '   ').split('\n').length);
  const tallest = Math.max(0, ...reveal.entries.map(replyRows));
  return sideBySideCells(reveal.entries.map((r) => [
    reply(r),
    ...Array<string>(tallest - replyRows(r)).fill(''),
    ...(r.best ? [BEST_PRACTICE] : column !== undefined ? [''] : []),
    ...(together ? [votes(r).join(' ')] : votes(r)),
    replyScoreWords(r.value),
    ...r.assessments.map((a) => verdictLine({ ...a, critical: breaksCritical(a) })),
    r.feedback,
    ...closed(r),
  ].join('\n')), width);
}
