import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import type { Row } from '../debrief-lines.js';
import type { Action, Hint } from '../keys.js';
import { hintRows, pickerHints, typeNumber } from '../keys.js';
import { NEWER_SAVE_MARK, newerSavesWords, roomMadeWords, shownCount, type CatalogEntry } from '../../machines/light.js';
import { commandName } from '../invocation.js';
import { DAMAGED_SAVE_MARK, OUTDATED_SAVE_MARK, roomSessionMarkWords, type RoomSessionMark } from '../node/state-store.js';
import { commandRows, inkRows, pathLineRows, wrapText } from '../wrap.js';
import { useApp } from './AppContext.js';
import { KeyHints } from './KeyHints.js';
import { Paragraph } from './Paragraph.js';
import { pageSize, scrolledOffset, ScrollRows } from './ScrollRows.js';
import { useTheme } from './ThemeContext.js';
import { useKeys } from './useKeys.js';
import { useScreenSize } from './useScreenSize.js';

/** Props of Picker. */
export interface PickerProps {
  /** The scenarios to offer, with best scores of completed ones. */
  entries: CatalogEntry[];
  /**
   * Notices to show above the list, one per line (e.g. why a save could not be resumed). Those that
   * do not fit whole with three scenarios below are shortened to their first row, and n shows
   * them all in full.
   */
  notice?: string;
  /** True while the listed files are still being validated. */
  checking?: boolean;
  /** Whether a saved session is waiting (R resumes it). */
  canResume: boolean;
  /**
   * Why the save R would resume cannot be continued, when it cannot (too damaged, unreadable, made
   * with another version of its scenario): R is offered as setting it aside (and saying why), not as resuming it.
   */
  resumeProblem?: ResumeProblem;
  /**
   * The save R would resume reads as sound but is not yet checked against its scenario (the files are
   * being checked): R's line claims nothing of it (RESUME_UNCHECKED_LINE). The first frame said "A
   * saved session is waiting" of a save made with an earlier edit of its scenario, until the check.
   * 'unlisted': its scenario is not in the list (a trainer's file elsewhere), so it was not replayed
   * (RESUME_UNLISTED_LINE): "waiting" was said of it whatever it was.
   */
  resumeUnchecked?: 'checking' | 'unlisted';
  /** The file of the scenario to highlight first (the one last opened, when coming back). */
  initial?: string;
  /** Files of the scenarios that have a save waiting (marked in the list). */
  saved?: ReadonlySet<string>;
  /**
   * While the saves are being checked against their scenarios (once the files are): the files of the
   * scenarios whose save reads as sound, not yet checked. Marked UNCHECKED_SAVE_MARK (as wide as
   * "(saved)", so no title wraps anew once checked), said under the summary as being checked, and
   * "checking saves…" in the heading. The first frame marked them "(saved)", then some "(outdated
   * save)" or "(damaged save)", with nothing saying a check was under way.
   */
  unchecked?: ReadonlySet<string>;
  /** Files of the scenarios whose save a newer version of casa-practice wrote (marked, and said under the summary: not resumed here). */
  newer?: ReadonlySet<string>;
  /** Files of the scenarios whose save is too damaged to continue (marked, and said under the summary: opening it starts anew). */
  damaged?: ReadonlySet<string>;
  /** Files of the scenarios whose save was made with another edit of the scenario (marked, and said under the summary: opening it sets the save aside and starts anew). */
  outdated?: ReadonlySet<string>;
  /**
   * Files of the scenarios finished in this run with no finish of theirs in the records on disk (the
   * state folder or the records file refused it): marked "not kept" where a best score would be.
   */
  notKept?: ReadonlySet<string>;
  /** Files of the scenarios whose last debrief is kept (d opens it). */
  debriefs?: ReadonlySet<string>;
  /** For a trainer-led session: the scenarios with a room session kept, by file (marked in the list, as presenter mode's cards say). */
  roomSessions?: ReadonlyMap<string, RoomSessionMark>;
  /** Opens the last debrief kept for a scenario. */
  onDebrief?: (entry: CatalogEntry) => void;
  /** Opens a scenario. */
  onPick: (entry: CatalogEntry) => void;
  /** Resumes the saved session. */
  onResume: () => void;
  /** Leaves the app (Ctrl-C: interrupted). */
  onQuit: (interrupted?: boolean) => void;
  /** What the scenario is chosen for, when not plain practice (e.g. "for a trainer-led session"). */
  purpose?: string;
}

const INDENT = 5;
/**
 * The columns of a row's minutes ("18 min") and of its best score ("best 100%", with a space before
 * it). Not "✓ best 19%" in green: a tick beside a score that needs review read as a pass (the web's
 * card says "Completed · best score 19%"; "completed" did not fit 60 columns beside a title).
 */
const MINUTES_WIDTH = 7;
export const bestWords = (percent: number) => `best ${percent}%`;
/** In place of a best score, for a scenario whose only finishes were not kept (PickerProps.notKept). */
export const NOT_KEPT = 'not kept';
const BEST_WIDTH = 1 + Math.max(bestWords(100).length, NOT_KEPT.length);
const rowsOf = (text: string, width: number) => inkRows(text, width);
const RESUME_LINE = 'A saved session is waiting: press R to resume it.';
/**
 * Each of R's lines takes one row at 60 columns: R's line is "checking" (RESUME_UNCHECKED_LINE) until
 * the save is checked, and a line that then took two rows (an outdated or damaged save's) moved the
 * list down a row while the trainer read it.
 */
/** In its place where the save R would resume is too damaged to continue (R sets it aside and says why: it could not resume it). */
export const DAMAGED_RESUME_LINE = 'Your latest save is damaged: R sets it aside and says why.';
/** Why the save R would resume cannot be continued (PickerProps.resumeProblem). */
export type ResumeProblem = 'damaged' | 'unreadable' | 'outdated';
/**
 * The line in RESUME_LINE's place for each: a save that cannot be
 * read at all, and one whose scenario has changed version since (or does not fit it: edited
 * values read as damaged), were offered as "A saved session is waiting: press R to resume it.".
 * "Outdated" as its mark in the list says it (OUTDATED_SAVE_MARK), OUTDATED_SAVE_WORDS under its summary.
 */
export const RESUME_PROBLEM_LINES: Readonly<Record<ResumeProblem, string>> = {
  damaged: DAMAGED_RESUME_LINE,
  unreadable: 'Your latest save cannot be read: R sets it aside, says why.',
  outdated: 'Your latest save is outdated: R sets it aside and says why.',
};
/** R's line while the save it would resume is being checked (PickerProps.resumeUnchecked): what R does, whatever the check finds. */
export const RESUME_UNCHECKED_LINE = 'Checking your latest save: R resumes it if it still fits.';
/** R's line where the save it would resume is of a scenario not in the list, so not checked (PickerProps.resumeUnchecked). */
export const RESUME_UNLISTED_LINE = 'R tries to resume your latest save (a scenario not listed).';
/** After the title of a scenario whose save is not yet checked (PickerProps.unchecked). */
export const UNCHECKED_SAVE_MARK = '(save…)';
/** Under its summary, until checked. */
export const UNCHECKED_SAVE_WORDS = 'You have a saved playthrough: checking that it can be continued.';
/** In the heading while the listed files are being checked (PickerProps.checking). */
export const CHECKING_FILES = '(checking files…)';
/** In the heading while the saves are being checked (PickerProps.unchecked). */
export const CHECKING_SAVES = '(checking saves…)';
/** After the title of a scenario whose save was made with another edit of it (PickerProps.outdated). */
export { OUTDATED_SAVE_MARK };
/** Under its summary: what opening it does (setAsideUnusableSave, then a new playthrough). */
export const OUTDATED_SAVE_WORDS = 'Your save of this scenario was made with another edit of it and cannot be continued: opening it says where the save is kept, then starts a new playthrough.';
/** Under its summary: what opening it does (setAsideDamagedSave, then a new playthrough). */
export const DAMAGED_SAVE_WORDS = 'Your save of this scenario is damaged and cannot be continued: opening it says what became of the save, then starts a new playthrough.';
/** The help line's key for the notices in full, while some are shortened. */
const READ_NOTICES: Hint = ['n', 'read notices in full'];

/**
 * The notices as shown above the list in `budget` rows: each whole where it fits (keeping a row
 * for each one after it), else its first row ending in "…"; when not even a row each fits, one
 * line saying how many there are. `cut` when any is not shown whole.
 */
export function fitNotices(notices: readonly string[], budget: number, columns: number): { shown: string[]; cut: boolean } {
  const whole = notices.map((n) => rowsOf(n, columns));
  if (whole.reduce((a, b) => a + b, 0) <= budget) return { shown: [...notices], cut: false };
  if (budget < notices.length) return { shown: [notices.length === 1 ? 'A notice: press n to read it.' : `${notices.length} notices: press n to read them.`], cut: true };
  let left = budget;
  const shown = notices.map((n, i) => {
    const later = notices.length - i - 1;
    if ((whole[i] ?? 1) <= left - later) {
      left -= (whole[i] ?? 1);
      return n;
    }
    left -= 1;
    return `${wrapText(n, columns - 2).split('\n')[0] ?? ''} …`;
  });
  return { shown, cut: true };
}

/**
 * The list of scenarios, one row each (number, title, minutes, best score when completed), with
 * the summary of the highlighted one below, so the whole picker fits 24 rows. A list longer than
 * the terminal is shown as a window that follows the highlight.
 */
export function Picker({ entries, notice, checking, canResume, resumeProblem, resumeUnchecked, initial, saved, unchecked, newer, damaged, outdated, notKept, debriefs, roomSessions, onPick, onDebrief, onResume, onQuit, purpose }: PickerProps) {
  const theme = useTheme();
  const { columns, rows: screenRows } = useScreenSize();
  // How the app names itself in the commands it prints (see commandName).
  const name = commandName(useApp().env);
  const [selected, setSelected] = useState(() => Math.max(0, entries.findIndex((e) => e.file === initial)));
  // The digits typed so far of a number that more than one scenario's number starts with (see typeNumber).
  const typed = useRef('');
  // …and the number they name, for the help line (state, so that the line is drawn again).
  const [typedShown, setTypedShown] = useState<number | undefined>(undefined);
  // n: the notices in full, in place of the list (scrolled where they are longer than the window).
  const [reading, setReading] = useState(false);
  const [offset, setOffset] = useState(0);
  const current = entries[Math.min(selected, entries.length - 1)];
  const onAction = (a: Action) => {
    if (reading) {
      const step = { up: -1, down: 1, 'page-up': -pageSize(readHeight), 'page-down': pageSize(readHeight), top: -readRows.length, bottom: readRows.length }[a.type as string];
      if (step !== undefined) setOffset((o) => scrolledOffset(o, step, readRows.length, readHeight));
      else if (a.type === 'no' || a.type === 'back' || a.type === 'enter') setReading(false);
      else if (a.type === 'quit' || a.type === 'interrupt') onQuit(a.type === 'interrupt');
      return;
    }
    if (a.type === 'no' && notices.cut) {
      setOffset(0);
      return setReading(true);
    }
    const digits = typed.current;
    typed.current = '';
    setTypedShown(undefined);
    if (a.type === 'number') {
      const t = typeNumber(digits, a.n, entries.length);
      const entry = t.n === undefined ? undefined : entries[t.n - 1];
      if (!entry || t.n === undefined) return;
      if (t.only) onPick(entry);
      else {
        typed.current = t.typed;
        setTypedShown(t.n);
        setSelected(t.n - 1);
      }
      return;
    }
    if (a.type === 'quit' || a.type === 'interrupt') onQuit(a.type === 'interrupt');
    // r too (Caps Lock off): nothing else is r here.
    else if ((a.type === 'resume' || a.type === 'reveal') && canResume) onResume();
    else if (entries.length === 0) return;
    else if (a.type === 'debrief' && current && debriefs?.has(current.file)) onDebrief?.(current);
    else if (a.type === 'up') setSelected((s) => (s + entries.length - 1) % entries.length);
    else if (a.type === 'down') setSelected((s) => (s + 1) % entries.length);
    else if (a.type === 'enter' && entries[selected]) onPick(entries[selected]);
  };
  useKeys(onAction);

  // A scenario's row: its title, and its save or kept room session marked after it.
  const titleOf = (e: CatalogEntry) => `${e.title}${saved?.has(e.file) ? ' (saved)' : unchecked?.has(e.file) ? ` ${UNCHECKED_SAVE_MARK}` : newer?.has(e.file) ? ` ${NEWER_SAVE_MARK}` : damaged?.has(e.file) ? ` ${DAMAGED_SAVE_MARK}` : outdated?.has(e.file) ? ` ${OUTDATED_SAVE_MARK}` : ''}${roomSessionMarkWords(roomSessions?.get(e.file))}`;
  const anyDone = entries.some((e) => e.completed || notKept?.has(e.file));
  // "› 1. " or, with ten or more, "›  1. " and "› 10. ": numbers right-aligned, a space before the title.
  const digits = String(Math.max(1, entries.length)).length;
  const numberWidth = Math.max(INDENT, 4 + digits);
  const extra = current ? aboutLine(current, { saved, unchecked, newer, damaged, outdated }, debriefs, roomSessions) : undefined;
  // What is being checked, after the heading where it fits the heading's rows; else on the row of the
  // gap under it, there whether said or not. At 60 columns "… for a trainer-led session (checking
  // files…)" took two rows, then one once checked: the list moved up a row as the trainer read it.
  const titled = `casa-practice: choose a scenario${purpose ? ` ${purpose}` : ''}`;
  const status = checking ? CHECKING_FILES : unchecked ? CHECKING_SAVES : undefined;
  const statusAfter = status !== undefined && rowsOf(`${titled} ${status}`, columns) === rowsOf(titled, columns);
  const heading = statusAfter ? `${titled} ${status}` : titled;
  const statusBelow = statusAfter ? undefined : status;
  // A title that wraps (a mark such as " (in progress)" after a long one, at 60 columns) takes more
  // than its one row: the list is measured by the rows its titles take, not by how many there are
  // (one such title filled the 24th row, the spare one, and Ink then clears the terminal at every key).
  const titleWidth = columns - numberWidth - MINUTES_WIDTH - (anyDone ? BEST_WIDTH : 0);
  const heights = entries.map((e) => rowsOf(titleOf(e), titleWidth));
  const rowsFrom = (from: number, count: number) => heights.slice(from, from + count).reduce((n, h) => n + h, 0);
  // Everything but the notices and the list: the heading, the resume line, the three gaps, the summary
  // and its line below, the help line, and one spare row so the frame never scrolls.
  const aboutRows = (e: CatalogEntry | undefined) => {
    const about = e ? aboutLine(e, { saved, unchecked, newer, damaged, outdated }, debriefs, roomSessions) : undefined;
    return (e ? rowsOf(e.summary, columns - INDENT) : 0) + (about ? rowsOf(about, columns - INDENT) : 0);
  };
  const resumeLine = resumeProblem ? RESUME_PROBLEM_LINES[resumeProblem] : resumeUnchecked === 'checking' ? RESUME_UNCHECKED_LINE : resumeUnchecked === 'unlisted' ? RESUME_UNLISTED_LINE : RESUME_LINE;
  const chrome = (about: number, withHints: readonly Hint[]) => rowsOf(heading, columns) + (canResume ? rowsOf(resumeLine, columns) : 0)
    + (entries.length === 0 ? rowsOf('No valid scenarios were found.', columns) : 0) + 1 + 1 + about + 1 + hintRows(withHints, columns).length + 1;
  // The notices are fitted once for the list, not per highlighted scenario (they would grow and
  // shrink as the highlight moved): beside the tallest summary, above three scenarios (with the
  // "more" rows of a list that does not fit whole). Two notices at 60×24 (damaged records left as
  // they were, a state folder that takes no write) overflowed the window and left one scenario.
  const tallestAbout = Math.max(0, ...entries.map(aboutRows));
  const fewest = entries.length <= 3 ? rowsFrom(0, entries.length) : 2 + Math.max(...entries.slice(0, -2).map((_, i) => rowsFrom(i, 3)));
  // A command in a notice (resume's for a kept room session, validate's) on rows of its own where the
  // row has no room for it, broken between its words with line continuations where it is longer.
  const noticeLines = notice ? notice.split('\n').filter(Boolean) : [];
  // A path in one (the file a damaged save or records file was moved to) on rows of its own where
  // the row has no room for it, cut after a "/" (pathLineRows): Ink cut it at the width, mid-name,
  // the words after it on its last row.
  const fitted = (n: string) => commandRows(n, columns, `${name} `).flatMap((row) => pathLineRows(row, columns));
  // (Each notice one string still, its rows apart by line breaks: drawn a row to a Paragraph, so that
  // a command's rows keep their indent.)
  const allNotices = noticeLines.map((n) => fitted(n).join('\n'));
  const baseHints = pickerHints(entries.length, canResume, typedShown, resumeProblem !== undefined);
  let notices = fitNotices(allNotices, screenRows - chrome(tallestAbout, baseHints) - fewest, columns);
  if (notices.cut) notices = fitNotices(allNotices, screenRows - chrome(tallestAbout, withRead(baseHints)) - fewest, columns);
  const hints = notices.cut ? withRead(baseHints) : baseHints;
  const noticeRows = notices.shown.reduce((n, line) => n + rowsOf(line, columns), 0);
  // Rows left for the list once everything else is drawn.
  const room = Math.max(3, screenRows - chrome(aboutRows(current), hints) - noticeRows);
  const windowed = rowsFrom(0, entries.length) > room;
  const firstOf = (count: number) => Math.max(0, Math.min(selected - Math.floor(count / 2), entries.length - count));
  let size = windowed ? Math.max(1, room - 2) : entries.length;
  while (windowed && size > 1 && rowsFrom(firstOf(size), size) > room - 2) size -= 1;
  const first = firstOf(size);
  const shown = entries.slice(first, first + size);

  // The notices in full: each wrapped to the window, a blank row between them.
  // (n and Enter go back too: n toggles, as f does a trainer's note.)
  const readHints: Hint[] = [['b', 'back to the list'], ['q', 'quit']];
  const readRows: Row[] = noticeLines.flatMap((n, i) => [...(i > 0 ? [[{ text: '' }]] : []), ...fitted(n).flatMap((r) => wrapText(r, columns).split('\n')).map((text) => [{ text, tone: 'warn' as const }])]);
  // The heading, a gap, the notices, a gap, the help line, and the spare row.
  const readHeight = Math.max(3, screenRows - rowsOf(heading, columns) - 1 - 1 - hintRows([['↑↓ PgUp PgDn', 'scroll'], ...readHints], columns).length - 1);
  if (reading) {
    const scrolls = readRows.length > readHeight;
    return (
      <Box flexDirection="column">
        <Paragraph bold width={columns}>{heading}</Paragraph>
        <Box marginTop={1}>
          <ScrollRows rows={readRows} height={readHeight} offset={offset} />
        </Box>
        <KeyHints set={scrolls ? [['↑↓ PgUp PgDn', 'scroll'], ...readHints] : readHints} width={columns} whole />
      </Box>
    );
  }

  return (
    <Box flexDirection="column">
      <Paragraph bold width={columns}>{heading}</Paragraph>
      {notices.shown.flatMap((n, i) => n.split('\n').map((line, j) => <Paragraph key={`${i}.${j}`} color={theme.warn} width={columns}>{line}</Paragraph>))}
      {canResume && <Paragraph width={columns}>{resumeLine}</Paragraph>}
      {entries.length === 0 && <Paragraph width={columns}>No valid scenarios were found.</Paragraph>}
      {statusBelow !== undefined && <Text color={theme.muted}>{statusBelow}</Text>}
      <Box flexDirection="column" marginTop={statusBelow === undefined ? 1 : 0}>
        {windowed && <Text color={theme.muted}>{first > 0 ? `     ↑ ${shownCount(first)} more` : ' '}</Text>}
        {shown.map((e, k) => {
          const i = first + k;
          const on = i === selected;
          return (
            <Box key={e.file}>
              <Box width={numberWidth} flexShrink={0}>
                <Text color={on ? theme.accent : undefined} bold={on}>{on ? '›' : ' '} {String(i + 1).padStart(digits)}.</Text>
              </Box>
              <Box flexGrow={1} flexShrink={1}>
                <Paragraph color={on ? theme.accent : undefined} bold={on}>{titleOf(e)}</Paragraph>
              </Box>
              <Box width={MINUTES_WIDTH} flexShrink={0} justifyContent="flex-end">
                <Text>{e.minutes} min</Text>
              </Box>
              {anyDone && (
                <Box width={BEST_WIDTH} flexShrink={0} paddingLeft={1}>
                  <Text>{e.completed ? bestWords(e.bestPercent ?? 0) : notKept?.has(e.file) ? NOT_KEPT : ''}</Text>
                </Box>
              )}
            </Box>
          );
        })}
        {windowed && <Text color={theme.muted}>{first + size < entries.length ? `     ↓ ${shownCount(entries.length - first - size)} more` : ' '}</Text>}
      </Box>
      {current && (
        <Box marginTop={1} paddingLeft={INDENT}>
          <Box flexDirection="column">
            <Paragraph width={columns - INDENT}>{current.summary}</Paragraph>
            {extra && <Paragraph color={theme.muted} width={columns - INDENT}>{extra}</Paragraph>}
          </Box>
        </Box>
      )}
      {/* Broken between hints only: at 60 columns, with a save and "1" typed, a row began "· q: quit". */}
      <KeyHints set={hints} width={columns} whole />
    </Box>
  );
}

/** The picker's hints with n (the notices in full) before q. */
function withRead(hints: readonly Hint[]): Hint[] {
  return [...hints.slice(0, -1), READ_NOTICES, ...hints.slice(-1)];
}

/** What the picker says under a scenario's summary about its save, its last debrief, or its kept room session. */
function aboutLine(entry: CatalogEntry, { saved, unchecked, newer, damaged, outdated }: Pick<PickerProps, 'saved' | 'unchecked' | 'newer' | 'damaged' | 'outdated'>, debriefs?: ReadonlySet<string>, roomSessions?: ReadonlyMap<string, RoomSessionMark>): string | undefined {
  const room = roomSessions?.get(entry.file);
  const parts = [
    saved?.has(entry.file) ? 'You have a saved playthrough: opening it asks to continue or start over.' : unchecked?.has(entry.file) ? UNCHECKED_SAVE_WORDS : '',
    // A newer version's save is not offered (R, continue): said as what it is, in the core's words.
    newer?.has(entry.file) ? newerSavesWords([entry.title]) ?? '' : '',
    // Opening it sets the save aside (or says why it was left where it is) and starts anew: never "asks to continue".
    damaged?.has(entry.file) ? DAMAGED_SAVE_WORDS : '',
    outdated?.has(entry.file) ? OUTDATED_SAVE_WORDS : '',
    room === undefined ? '' : room.finished
      ? 'A trainer-led session finished here: opening it offers its debrief or a new session.'
      : `A trainer-led session is in progress here, ${roomMadeWords(room.decision - 1)}: opening it asks to carry on or start over.`,
    debriefs?.has(entry.file) ? 'd: see your last debrief.' : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}
