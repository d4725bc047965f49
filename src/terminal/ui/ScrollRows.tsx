import { Box, Text } from 'ink';
import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { Row, Tone } from '../debrief-lines.js';
import { shownCount } from '../../machines/light.js';
import type { Theme } from '../theme.js';
import { useTheme } from './ThemeContext.js';

/** Props of ScrollRows. */
export interface ScrollRowsProps {
  /** Pre-wrapped rows. */
  rows: Row[];
  /** Screen rows available, indicators included. */
  height: number;
  /** Index of the first row shown (clamped with maxOffset). */
  offset: number;
  /** True when ↑↓ do something else on the screen, so only PgUp/PgDn scroll. */
  pageKeysOnly?: boolean;
  /**
   * Drawn at its end, `offset` aside: the last rows under the "more above" line, with no "(end)"
   * row below them (a row more of text, where a window opened at its end needs it).
   */
  atEnd?: boolean;
}

/** Rows taken by the "more above" and "more below" lines when the rows do not fit. */
const INDICATORS = 2;

/** The largest useful offset: the last row shown at the bottom. */
export function maxOffset(total: number, height: number): number {
  return total <= height ? 0 : total - Math.max(1, height - INDICATORS);
}

/**
 * The offset after a step of `step` rows from `offset`, within 0…maxOffset. The offset kept may be
 * past the end for the rows as they are now (the window grew, a note was hidden): it is taken as
 * the end first, so the first key after that moves the view (it did nothing once).
 */
export function scrolledOffset(offset: number, step: number, total: number, height: number): number {
  const max = maxOffset(total, height);
  return Math.min(Math.max(0, Math.min(offset, max) + step), max);
}

/** The characters of spans that are not spaces: what stays the same when the text is wrapped again. */
function inked(spans: readonly Row[number][]): number {
  let n = 0;
  for (const span of spans) for (const ch of span.text) if (ch.trim() !== '') n++;
  return n;
}

/**
 * The rows' text in the order it is read, as (row, characters) pieces: a row after another, but
 * where text is set side by side (spans with a column, a trainer-led reveal) each column down the
 * rows it shares before the next, so that the place read is a place in one column's text.
 */
function readingOrder(rows: readonly Row[]): { row: number; inked: number }[] {
  const out: { row: number; inked: number }[] = [];
  const columned = (row: Row) => row.some((s) => s.column !== undefined);
  for (let i = 0; i < rows.length;) {
    if (!columned(rows[i] as Row)) {
      out.push({ row: i, inked: inked(rows[i] as Row) });
      i++;
      continue;
    }
    let end = i;
    while (end < rows.length && columned(rows[end] as Row)) end++;
    // A loop, not Math.max(...spans): spread over the spans of a run of some 130,000 rows or more,
    // that threw a RangeError ("Maximum call stack size exceeded") as the place read was kept.
    let columns = 0;
    for (let r = i; r < end; r++) for (const s of rows[r] as Row) columns = Math.max(columns, (s.column ?? -1) + 1);
    for (let c = 0; c < columns; c++) for (let r = i; r < end; r++) out.push({ row: r, inked: inked((rows[r] as Row).filter((s) => s.column === c)) });
    i = end;
  }
  return out;
}

/** How many characters of `rows` are read before the first of row `top` (of its first column, where text is side by side). */
function readBefore(rows: readonly Row[], top: number): number {
  let read = 0;
  for (const piece of readingOrder(rows)) {
    if (piece.row === top) break;
    read += piece.inked;
  }
  return read;
}

/** The row of `rows` that holds the character read after `read` others (past the end: rows.length). */
function rowHolding(rows: readonly Row[], read: number): number {
  let seen = 0;
  for (const piece of readingOrder(rows)) {
    seen += piece.inked;
    if (seen > read) return piece.row;
  }
  return rows.length;
}

/**
 * Where the reader is in `after`, the same text wrapped to another width (the window was resized),
 * when `offset` was the first row shown of `before`: the row that holds the first character of the
 * row that was at the top (of its first column, where text is side by side). A count of rows kept
 * as it was ended somewhere else in the text (at 60 columns a row holds half what it does at 120),
 * a decision back or a decision on.
 */
export function keptOffset(before: readonly Row[], offset: number, after: readonly Row[]): number {
  const top = Math.min(Math.max(0, offset), before.length);
  return top === 0 ? 0 : rowHolding(after, readBefore(before, top));
}

/**
 * The offset of a window onto `rows` (the first row shown), kept as the reader's place when the same
 * text is wrapped again (the window was resized): keptOffset from the rows as they were to the rows
 * as they are. The character that place was found by is kept until the reader scrolls, so resized
 * back the window is where it was (not a row or so before it, nor, side by side, the first column's
 * text in place of the second's). `rows` must be a new array only when the text or its width
 * changes (memoise it). A new `place` (another moment, its reveal) opens at the top.
 */
export function useKeptOffset(rows: readonly Row[], place?: unknown): [number, Dispatch<SetStateAction<number>>] {
  const [kept, setKept] = useState<{ rows: readonly Row[]; place: unknown; offset: number; read?: { offset: number; chars: number } }>({ rows, place, offset: 0 });
  let now = kept;
  if (kept.rows !== rows || kept.place !== place) {
    if (kept.place !== place || kept.offset <= 0) now = { rows, place, offset: 0 };
    else {
      const chars = kept.read?.offset === kept.offset ? kept.read.chars : readBefore(kept.rows, Math.min(kept.offset, kept.rows.length));
      const offset = rowHolding(rows, chars);
      now = { rows, place, offset, read: { offset, chars } };
    }
    setKept(now);
  }
  const setOffset = useCallback((next: SetStateAction<number>) => setKept((k) => ({ ...k, offset: typeof next === 'function' ? next(k.offset) : next })), []);
  return [now.offset, setOffset];
}

/**
 * Brings rows `range.first` up to (not including) `range.end` of a window of `height` rows onto
 * `total` rows into view each time `follow` changes (the highlighted reply moved, the window was
 * resized), not as the window first opens (the moment is read first): the least scroll that shows
 * them, their first row when they are taller than the window. No `range` (nothing highlighted, or
 * the rows do not scroll together): the window stays where it is.
 */
export function useFollowInView(follow: string, range: { first: number; end: number } | undefined, total: number, height: number, setOffset: Dispatch<SetStateAction<number>>): void {
  const followed = useRef(follow);
  useEffect(() => {
    if (followed.current === follow) return;
    followed.current = follow;
    if (!range) return;
    setOffset((o) => followedOffset(o, range, total, height));
  });
}

/**
 * The offset that shows rows `range.first` up to (not including) `range.end` of a window of
 * `height` rows onto `total` rows, moved as little as it can from `offset`: their first row when
 * they are taller than the window. The offset itself (clamped) when they are in view already.
 */
export function followedOffset(offset: number, range: { first: number; end: number }, total: number, height: number): number {
  const size = height - INDICATORS;
  const top = Math.min(Math.max(0, offset), maxOffset(total, height));
  if (total <= height) return top;
  return range.first < top ? range.first : range.end > top + size ? Math.min(range.first, range.end - size) : top;
}

/**
 * Whether rows `range` are in a window at `offset` as drawn: whole, or from their first row on when
 * they are taller than the window (see followedOffset). PgUp/PgDn can scroll the highlighted reply
 * out of the window; a key that acts on it then first brings it back (nothing is chosen unseen).
 */
export function inView(offset: number, range: { first: number; end: number }, total: number, height: number): boolean {
  return followedOffset(offset, range, total, height) === Math.min(Math.max(0, offset), maxOffset(total, height));
}

/** Whether a window of `height` rows at `offset` onto `total` rows leaves rows below it unseen. */
export function moreBelow(offset: number, total: number, height: number): boolean {
  const max = maxOffset(total, height);
  return Math.min(Math.max(0, offset), max) < max;
}

/** How far a page moves: a screenful less one row, so the reader keeps their place. */
export function pageSize(height: number): number {
  return Math.max(1, height - INDICATORS - 1);
}

function colour(theme: Theme, tone?: Tone): string | undefined {
  return tone ? theme[tone] : undefined;
}

/**
 * A window onto rows that may be longer than the screen, with a line above saying there is more
 * above and a line below saying how much is left, so nothing is lost on a 24-row terminal.
 */
export function ScrollRows({ rows, height, offset, pageKeysOnly = false, atEnd = false }: ScrollRowsProps) {
  const theme = useTheme();
  const fits = rows.length <= height;
  const size = fits ? rows.length : Math.max(1, height - (atEnd ? 1 : INDICATORS));
  const top = atEnd && !fits ? rows.length - size : Math.min(Math.max(0, offset), maxOffset(rows.length, height));
  const below = rows.length - top - size;
  return (
    <Box flexDirection="column">
      {!fits && <Text color={theme.muted}>{top > 0 ? `↑ ${shownCount(top)} more above (${pageKeysOnly ? '' : '↑ or '}PgUp)` : ' '}</Text>}
      {rows.slice(top, top + size).map((row, i) => (
        <Text key={top + i} wrap="truncate-end">
          {row.every((s) => s.text === '') ? ' ' : row.map((s, k) => <Text key={k} bold={s.bold} italic={s.italic} color={colour(theme, s.tone)}>{s.text}</Text>)}
        </Text>
      ))}
      {!fits && !(atEnd && below === 0) && <Text color={theme.muted}>{below > 0 ? `↓ ${shownCount(below)} more below (${pageKeysOnly ? '' : '↓ or '}PgDn)` : '(end)'}</Text>}
    </Box>
  );
}
