import { Box, Text } from 'ink';
import { pathReply, type ReplyView } from '../../machines/index.js';
import type { Row } from '../debrief-lines.js';
import { inkRows, wrapText } from '../wrap.js';
import { useTheme } from './ThemeContext.js';
import { Paragraph } from './Paragraph.js';

/** Props of ReplyList. */
export interface ReplyListProps {
  /** The replies offered, numbered by the core. */
  replies: ReplyView[];
  /** Index of the highlighted reply (arrows move it). */
  selected: number;
  /**
   * A count after each reply ("votes: 3"), kept whole and with its separator: after " · " on the
   * reply's last row when it fits there, else on the next row as "· votes: 3" (needs `width`; a
   * lone "votes: 0" read as a line of its own, not the reply's count). None by default.
   */
  tally?: (reply: ReplyView) => string;
  /** The width the list is laid out at, pointer and number included, when the screen knows it (see Paragraph). */
  width?: number;
}

/** Columns taken by the pointer and number before each reply's text. */
export const REPLY_INDENT = 5;

/** Numbered replies; the highlighted one has a pointer, unavailable ones say so. */
export function ReplyList({ replies, selected, tally, width }: ReplyListProps) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      {replies.map((r, i) => {
        const text = replyText(r);
        const count = tally?.(r);
        const inline = count !== undefined && tallyInline(text, count, width);
        return (
          <Box key={r.id}>
            <Box width={REPLY_INDENT} flexShrink={0}>
              <Text color={i === selected ? theme.accent : undefined}>{i === selected ? '›' : ' '} {r.number}.</Text>
            </Box>
            <Box flexGrow={1} flexShrink={1} flexDirection="column">
              <Paragraph bold={i === selected} color={r.enabled ? undefined : theme.muted} width={width === undefined ? undefined : width - REPLY_INDENT}>
                {inline ? `${text} · ${count}` : text}
              </Paragraph>
              {count !== undefined && !inline && <Text>{ownRowTally(count)}</Text>}
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}

/**
 * Said in place of the help line when a key that acts on the highlighted reply (Enter to choose it
 * when playing; a count, + - or Enter at a trainer's vote) came while PgUp/PgDn had scrolled it out
 * of the window: it is brought back into view, and the key did nothing else.
 */
export function hiddenReplyWords(n: number, then: 'choose' | 'vote' | 'next'): string {
  const did = then === 'choose' ? 'Enter again chooses it.' : then === 'vote' ? 'Nothing was entered: type its count again.' : 'Enter again goes on to the next reply.';
  return `Reply ${n}, the one highlighted, was out of view: it is shown now. ${did}`;
}

/** A reply as the list shows it: "Do:" before an action (pathReply, as the web app marks it), and why it cannot be chosen now. */
export function replyText(r: Pick<ReplyView, 'kind' | 'text' | 'enabled'>): string {
  return `${pathReply(r.text, r.kind !== 'do')}${r.enabled ? '' : ' (not available now)'}`;
}

/** A count on the row under its reply, with the separator it has after a reply's last words ("· votes: 0"). */
export function ownRowTally(count: string): string {
  return `· ${count}`;
}

/**
 * Whether a reply's count goes on its last row (" · votes: 3") rather than on a row of its own:
 * when it fits there whole. Either way the reply takes the rows of `text · count` (one more row
 * than the text alone, or none), so screens measure it as that. Inline when the width is unknown.
 */
export function tallyInline(text: string, count: string, width: number | undefined): boolean {
  if (width === undefined) return true;
  const w = width - REPLY_INDENT;
  return inkRows(`${text} · ${count}`, w) <= inkRows(text, w);
}

/**
 * The list as rows for a window that scrolls (a decision whose replies are taller than the screen,
 * trainer-led): laid out and styled as ReplyList draws it (pointer and number, in the accent colour when
 * highlighted, the text hung under itself,
 * the count after " · " or under it as "· votes: n", an unavailable reply dimmed, the highlighted one
 * bold), `selected` -1 for none. Also where each reply's rows begin (`starts`), to keep the
 * highlighted one in the window.
 */
export function replyRows(replies: readonly ReplyView[], selected: number, width: number, tally?: (reply: ReplyView) => string): { rows: Row[]; starts: number[] } {
  const rows: Row[] = [];
  const starts: number[] = [];
  replies.forEach((r, i) => {
    starts.push(rows.length);
    const text = replyText(r);
    const count = tally?.(r);
    const inline = count !== undefined && tallyInline(text, count, width);
    const lines = wrapText(inline ? `${text} · ${count}` : text, width - REPLY_INDENT).split('\n');
    const style = { ...(i === selected ? { bold: true } : {}), ...(r.enabled ? {} : { tone: 'muted' as const }) };
    // The pointer and number in the accent colour when highlighted, not bold, as ReplyList draws them
    // (no colour with NO_COLOR: the pointer says it); the columns after them plain.
    const mark = `${i === selected ? '›' : ' '} ${r.number}.`;
    lines.forEach((line, k) => rows.push([
      ...(k === 0 ? [{ text: mark, ...(i === selected ? { tone: 'accent' as const } : {}) }, { text: ' '.repeat(Math.max(0, REPLY_INDENT - mark.length)) }] : [{ text: ' '.repeat(REPLY_INDENT) }]),
      { text: line, ...style },
    ]));
    if (count !== undefined && !inline) rows.push([{ text: ' '.repeat(REPLY_INDENT) }, { text: ownRowTally(count) }]);
  });
  return { rows, starts };
}

/**
 * One window's rows for a decision whose replies scroll together with its moment: the moment's rows
 * (and whatever else is read before the replies), a blank row (`gap`; none under a prompt, as the
 * list is drawn right under it otherwise), then the list (replyRows); and the rows the highlighted
 * reply takes there (none when `selected` is -1), to keep it in view (useFollowInView).
 */
export function withReplies(before: readonly Row[], list: { rows: Row[]; starts: number[] }, selected: number, gap = true): { rows: Row[]; reply?: { first: number; end: number } } {
  const lead = before.length > 0 && gap ? [...before, [{ text: '' }]] : [...before];
  const start = list.starts[selected];
  const reply = start === undefined ? undefined : { first: lead.length + start, end: lead.length + (list.starts[selected + 1] ?? list.rows.length) };
  return { rows: [...lead, ...list.rows], ...(reply ? { reply } : {}) };
}
