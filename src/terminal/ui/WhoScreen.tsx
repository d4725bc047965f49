import { Box } from 'ink';
import { NO_ONE_MET, type Person } from '../../machines/index.js';
import type { Row } from '../debrief-lines.js';
import { hintRows, type Hint } from '../keys.js';
import { wrapText } from '../wrap.js';
import { KeyHints } from './KeyHints.js';
import { Paragraph } from './Paragraph.js';
import { ScrollRows } from './ScrollRows.js';

/** The heading of the panel, and what it is called in the help lines. */
export const WHO_HEADING = 'Who\'s who';
/** The key that opens the panel on a scene or a decision, as the help line names it. */
export const WHO_HINT: Hint = ['w', 'who\'s who'];

/**
 * The people met so far as rows: each name in bold with its role after it, then the scenario's
 * sentence about them, indented; a blank row between people.
 */
export function whoRows(people: readonly Person[], width: number): Row[] {
  if (people.length === 0) return wrapText(NO_ONE_MET, width).split('\n').map((text) => [{ text }]);
  const out: Row[] = [];
  for (const p of people) {
    if (out.length > 0) out.push([{ text: '' }]);
    // The name in bold on every row it takes (a long name wraps: "Dr." was bold on no row).
    let name = p.name;
    for (const t of wrapText(`${p.name}${p.role ? ` (${p.role})` : ''}`, width).split('\n')) {
      if (name !== '' && t.startsWith(name)) out.push([{ text: name, bold: true }, { text: t.slice(name.length) }]);
      else if (name !== '' && name.startsWith(t)) out.push([{ text: t, bold: true }]);
      else out.push([{ text: t }]);
      name = t.startsWith(name) ? '' : name.startsWith(t) ? name.slice(t.length).trimStart() : '';
    }
    if (p.description) out.push(...wrapText(p.description, width - 2).split('\n').map((text) => [{ text: `  ${text}` }]));
  }
  return out;
}

/** The panel's help line: the keys back, and the scroll keys when it scrolls. */
export function whoHints(scrolls: boolean): Hint[] {
  return [['Esc, w or Enter', 'back'], ...(scrolls ? [['↑↓ PgUp PgDn', 'scroll'] as const] : [])];
}

/** Rows the list has on a screen `rows` tall, `columns` wide: the heading, a blank row above and below it, and the help line (and the row kept spare) aside. */
export function whoHeight(people: readonly Person[], columns: number, rows: number): { height: number; scrolls: boolean; spaced: boolean } {
  // Scrolling, the row that says there is more above is the blank row under the heading.
  const room = (scrolls: boolean) => rows - 1 - 1 - (scrolls ? 1 : 2) - hintRows(whoHints(scrolls), columns).length;
  const total = whoRows(people, columns).length;
  if (total <= room(false)) return { height: room(false), scrolls: false, spaced: true };
  // One row too many for the blank under the heading: the list is drawn whole without it. (Counted
  // as scrolling, it fitted the scrolling window whole: no row said there was more, the heading had
  // no blank under it, and the help line offered ↑↓ PgUp PgDn for nothing to scroll.)
  if (total === room(false) + 1) return { height: total, scrolls: false, spaced: false };
  return { height: Math.max(3, room(true)), scrolls: true, spaced: false };
}

/** Props of WhoScreen. */
export interface WhoScreenProps {
  /** The rows of whoRows at this width. */
  rows: Row[];
  /** Rows for the list (whoHeight). */
  height: number;
  scrolls: boolean;
  /** The first row shown when it scrolls. */
  offset: number;
  /** A blank row under the heading (whoHeight: where the list fits with it). */
  spaced?: boolean;
  width: number;
}

/**
 * "Who's who" over a scene or a decision: the people of the story met so far (the core's
 * peopleMet), as a volunteer knows their case team. No scores, no meters: only who they are.
 */
export function WhoScreen({ rows, height, scrolls, offset, width, spaced = !scrolls }: WhoScreenProps) {
  return (
    <Box flexDirection="column">
      <Paragraph bold underline width={width}>{WHO_HEADING}</Paragraph>
      <Box marginTop={spaced ? 1 : 0}><ScrollRows rows={rows} height={height} offset={offset} /></Box>
      <KeyHints set={whoHints(scrolls)} width={width} whole />
    </Box>
  );
}
