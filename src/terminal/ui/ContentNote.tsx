import { Box } from 'ink';
import { withLongPathsShortened } from '../long-path.js';
import { hintLine, type Action } from '../keys.js';
import { shownFileName, type CatalogEntry } from '../../machines/light.js';
import { KeyHints } from './KeyHints.js';
import { useKeys } from './useKeys.js';
import { useScreenSize } from './useScreenSize.js';
import { Paragraph } from './Paragraph.js';
import { commandName } from '../invocation.js';
import { commandRows, inkRows, pathLineRows } from '../wrap.js';
import { withoutToDo } from '../node/state-store.js';
import { fallbackExportDir, roomSummaryDir, summaryGoesTo } from '../export.js';
import { useApp } from './AppContext.js';

/** Props of ContentNote. */
export interface ContentNoteProps {
  /** The scenario about to start. */
  entry: CatalogEntry;
  /** Starts the playthrough. */
  onStart: () => void;
  /** Back to the picker; absent when there is no picker to go back to. */
  onBack?: () => void;
  /** Leaves the app (Ctrl-C: interrupted). */
  onQuit: (interrupted?: boolean) => void;
  /** A line to show first, e.g. that progress cannot be saved. */
  notice?: string;
  /** A line saying that a damaged save of this scenario was moved aside as it opened. */
  setAside?: string;
  /** A trainer-led session: nothing is saved as it goes, so the note says what q does there. */
  facilitating?: boolean;
  /**
   * The command that carries on a trainer-led session begun at a scene (--from, --set): kept apart
   * from the scenario's own, it is not carried on by opening the scenario again.
   */
  again?: string;
  /** An author's test (--from, --set, --preview): the line saying so under the title (testRunWords' line), as line by line. */
  test?: string;
}

/** The content note, shown before a scenario starts, with a way back. */
export function ContentNote({ entry, onStart, onBack, onQuit, notice, setAside, facilitating = false, again, test }: ContentNoteProps) {
  useKeys((a: Action) => {
    if (a.type === 'enter') onStart();
    else if (a.type === 'back' && onBack) onBack();
    else if (a.type === 'quit' || a.type === 'interrupt') onQuit(a.type === 'interrupt');
  });
  const { columns, rows } = useScreenSize();
  // Inside the note's border and padding.
  const inner = columns - 4;
  // Where the summary goes (only asked where the notice says the state folder cannot be written).
  const { env } = useApp();
  const summaryDir = facilitating && notice ? roomSummaryDir(env) ?? fallbackExportDir(env) : undefined;
  const unkept = summaryDir !== undefined ? unkeptSession(summaryDir) : '';
  const hints = onBack ? 'contentNote' as const : [['Enter', 'start'], ['q', 'quit']] as [string, string][];
  const tails = facilitating
    ? notice
      // The state folder cannot be written (the notice above): nothing is kept, no summary written.
      ? [`Pause for the room whenever it needs a break. ${unkept}`, unkept]
      : again
        ? [`Pause for the room whenever it needs a break. A trainer-led session is kept as it goes: q stops it and writes a summary of the votes so far; this command carries it on: ${again}`,
          `q stops the session and writes a summary of the votes so far; this command carries it on: ${again}`]
        : ['Pause for the room whenever it needs a break. A trainer-led session is kept as it goes: q stops it and writes a summary of the votes so far, and opening this scenario again carries on.',
          'q stops the session and writes a summary of the votes so far; opening this scenario again carries on.']
    : notice ? ['Take a break whenever you need one (q quits).'] : ['Take a break whenever you need one. Once you have started, q saves your progress and quits.'];
  // A command in the tail on rows of its own where the row has no room for it, never broken mid-word.
  const keep = `${commandName(useApp().env)} `;
  // Where the state folder cannot be written, the folder the summary goes to (spaces and all) whole
  // on the rows it comes to (pathLineRows): Ink broke "…/my practice folder for | the volunteers".
  const tailRows = (tail: string) => (summaryDir !== undefined && tail.includes(shownFileName(summaryDir)) ? pathLineRows(tail, inner, [shownFileName(summaryDir)]) : commandRows(tail, inner, keep));
  const about = `About ${entry.minutes} minutes. ${entry.summary}`;
  // The screen keeps one row spare (it never scrolls): where the whole note is taller than that, the
  // shorter words about q come first, then the summary goes (the title and minutes stay).
  // A save set aside is said in lines (setAsideLines: the sentence, the file's path, what to do);
  // where even the shortest note has no room for all three, what to do goes last of all.
  const asides = setAside === undefined ? [undefined] : [setAside, setAside.split('\n').slice(0, 2).join('\n')];
  // Last of all, a notice that the state folder cannot be written says what failed without what to
  // do (withoutToDo): the longest trainer-led notes at 60×24 had no room for it (24 rows of 24).
  // Where even that leaves no room (a state folder's path of some 2,200 characters took the whole
  // screen at 60×24), its path is shortened in the middle, to a row (withLongPathsShortened).
  const notices = notice === undefined ? [undefined] : [...new Set([notice, withoutToDo(notice), withLongPathsShortened(notice, columns), withLongPathsShortened(withoutToDo(notice), columns)])];
  // The notice's path (the state folder's, spaces and all) whole on the row it comes to where it
  // fits, else on rows of its own cut only at the width (pathLineRows): Ink broke it at a space in it.
  const noticeRows = (shown: string) => shown.split('\n').flatMap((line) => pathLineRows(line, columns));
  const height = (shown: string | undefined, aside: string | undefined, summary: string, tail: string) => (shown ? noticeRows(shown).reduce((n, row) => n + inkRows(row, columns), 0) : 0) + (aside ? aside.split('\n').reduce((n, line) => n + inkRows(line, columns), 0) : 0) + inkRows(entry.title, columns) + (test ? inkRows(test, columns) : 0) + inkRows(summary, columns)
    + 1 + 2 + 1 + inkRows(entry.contentNote, inner) + tailRows(tail).reduce((n, row) => n + inkRows(row, inner), 0) + 1 + inkRows(hintLine(hints), columns);
  const choices = notices.flatMap((shown) => asides.flatMap((aside) => [...tails.map((t) => [shown, aside, about, t] as const), ...tails.map((t) => [shown, aside, `About ${entry.minutes} minutes.`, t] as const)]));
  const [shownNotice, aside, summary, tail] = choices.find(([n, s, a, t]) => height(n, s, a, t) <= rows - 1) ?? (choices.at(-1) as readonly [string | undefined, string | undefined, string, string]);
  return (
    <Box flexDirection="column">
      {aside && <Paragraph width={columns}>{aside}</Paragraph>}
      {shownNotice && noticeRows(shownNotice).map((row, i) => <Paragraph key={`notice-${i}`} width={columns}>{row}</Paragraph>)}
      <Paragraph bold width={columns}>{entry.title}</Paragraph>
      {test && <Paragraph width={columns}>{test}</Paragraph>}
      <Paragraph width={columns}>{summary}</Paragraph>
      <Box marginTop={1} borderStyle="round" paddingX={1} flexDirection="column">
        <Paragraph bold width={inner}>Content note</Paragraph>
        <Paragraph width={inner}>{entry.contentNote}</Paragraph>
        {tailRows(tail).map((row, i) => <Paragraph key={i} width={inner}>{row}</Paragraph>)}
      </Box>
      {/* b only when there is a picker to go back to. */}
      <KeyHints set={hints} width={columns} />
    </Box>
  );
}

/**
 * What a trainer-led session keeps when the state folder cannot be written: nothing; its summary is
 * written to `dir` (roomSummaryDir: where the debrief's e: export writes then).
 */
export function unkeptSession(dir: string): string {
  return `This session cannot be kept, since the state folder cannot be written (see above): q ends it, and ${summaryGoesTo(dir)} when it ends.`;
}
