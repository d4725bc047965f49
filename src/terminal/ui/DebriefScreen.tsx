import { basename } from 'node:path';
import { Box } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import { debriefModel, shownFileName, TRANSCRIPT_HEADING, type Debrief, type Scenario, type SessionMode, type Voice } from '../../machines/index.js';
import { HINTS, hintRows, readOnHints, type Action, type Hint } from '../keys.js';
import { endingRows, pathRows, summaryRows, transcriptRows, workOnRows, type Row } from '../debrief-lines.js';
import { exportAgain, exportAgainFailedWords, exportDebrief, exportedAgainHeading, exportOfDebrief, EXPORTED_AGAIN, EXPORTED_ANEW, exportsDir, fallbackExportDir, isWithin, leavingPath, shownPath, shownStateDir, type DebriefFiles } from '../export.js';
import { errorWords, failureReason, notSavedWords, stateStore } from '../node/state-store.js';
import { commandName } from '../invocation.js';
import { columnsOf, commandRows, elidedPathLine, elidedRow, inkRows, pathLineRows, wrapText } from '../wrap.js';
import { useApp } from './AppContext.js';
import { KeyHints } from './KeyHints.js';
import { Paragraph } from './Paragraph.js';
import { maxOffset, moreBelow, pageSize, scrolledOffset, ScrollRows, useKeptOffset } from './ScrollRows.js';
import { useKeys } from './useKeys.js';
import { useScreenSize } from './useScreenSize.js';

/** Props of DebriefScreen. */
export interface DebriefScreenProps {
  /** The scenario played. */
  scenario: Scenario;
  /** The machine's output. */
  debrief: Debrief;
  /** The mode it was played in (written into exports). */
  mode?: SessionMode;
  /** False for an author's test (--from, --set), which is not in the records: its exports say so. */
  recorded?: boolean;
  /** Back to the picker (b), when there is one. */
  onBack?: () => void;
  /** Extra lines above the sections, e.g. where a session summary was written. */
  notice?: string;
  /** Whom the debrief speaks of: the volunteer, or the room of a trainer-led session. */
  voice?: Voice;
  /** s: a new session (a finished trainer-led one), once `question` is answered y. */
  startOver?: { question: string; onConfirm: () => void };
  /** What is printed on leaving with q (after the files exported, if any): where things are kept. */
  farewell?: () => string | undefined;
  /**
   * Lines of the notice that `farewell` prints on leaving all the same (where a session summary was
   * written): short of rows, they are left out before the notice's other lines.
   */
  givesWay?: string;
  /**
   * Whether something the caller wrote for this debrief failed (a trainer-led session's summary that
   * could not be written): leaving exits 74 then, as line by line does (roomExitCode).
   */
  failedBefore?: boolean;
  /**
   * A playthrough that has just ended: how the story ended (the ending's narration) gets the screen
   * first, and Enter or q goes on to the sections. A debrief opened again starts on the summary.
   */
  openOnEnding?: boolean;
  /**
   * What is printed where the app is left from the ending's page (Ctrl-C), before the sections were
   * looked at: where the debrief was kept (a playthrough's, see PlayScreen). It ended saying nothing
   * there, where Ctrl-C on the last reply's feedback, a step before, says it.
   */
  leftOnEnding?: () => string | undefined;
  /** u: back to the last decision (a trainer-led session's last branch followed by mistake); `label` for the help line. */
  back?: { label: string; onBack: () => void };
  /**
   * Words that open the Summary section, above the ending (how the room did, in a trainer-led
   * session): debrief, not a notice, so they scroll with it. Above the sections they pinned four of
   * 24 rows at 60×24, and with the other notices left the debrief six.
   */
  lead?: string;
  /**
   * The files `e` wrote at an earlier ending of the same trainer-led session, which the room went
   * back from (u): this ending's debrief is written over them as the screen opens (new files where
   * they were changed or removed since), and said where the e lines go. They described the ending
   * taken back, and nothing said so.
   */
  exportedBefore?: DebriefFiles;
  /** Each export written (e, or in place of exportedBefore). */
  onExported?: (files: DebriefFiles) => void;
  /**
   * The export a finished trainer-led session opened again keeps from its ending, or a kept debrief
   * opened again from the picker keeps from its e: where its files are still this debrief's as
   * written (exportOfDebrief), e says so and where they are, and e again writes another copy. e wrote
   * a second pair of files for the same debrief without a word.
   */
  exportedAlready?: DebriefFiles;
  /** Paths the notice names, as shown (shownFileName): each kept whole on its rows, never broken at a space in it. */
  paths?: readonly string[];
  /**
   * Where the first e writes, as the state folder cannot be written: the folder a trainer-led
   * session's summary went to for that reason (the notice above says so). The first e tried the
   * state folder's exports, was refused, and only a second e wrote beside the summary.
   */
  exportFirstTo?: string;
}

const NO_PATHS: readonly string[] = [];

// Short names, so the tab line stays one row at 60 columns.
const TABS = (voice: Voice) => ['Summary', TRANSCRIPT_HEADING, voice === 'room' ? "Room's path" : 'Your path', 'To work on'];
const rowsOf = (text: string, width: number) => inkRows(text, width);

/** What the first e says where it wrote beside a trainer-led session's summary (exportFirstTo), the paths under it. */
export const EXPORTED_BESIDE_SUMMARY = 'The state folder cannot be written, so the debrief was exported beside the summary:';

/**
 * What the first e says where the state folder cannot be written and it exported to the folder the
 * app was started in (or, that taking no writes either, the temp folder: fallbackExportDir), the
 * paths under it.
 */
export function exportedInsteadWords(dir: string, env: NodeJS.ProcessEnv): string {
  const startedIn = env.PWD || process.cwd();
  return `The state folder cannot be written, so the debrief was exported to ${dir === startedIn ? 'the folder the app was started in' : 'the temp folder'}:`;
}

/** The fewest rows the scrolling section is given: the notices above and below it give way first. */
const MIN_SECTION = 4;
/** The row under notices cut short to fit the screen (fitNotices). */
export const CUT_NOTE = '(… cut short on this screen: printed whole when you quit)';
/** Where e's export says the state folder when the notice above has named it (said once). */
export const FOLDER_ABOVE = '(in the state folder above)';
const FOLDER_LINE = '(in the state folder ';
/** How leavingPath names the folder of a file outside the state folder, after its name. */
const OTHER_FOLDER = '(in the folder ';

/**
 * The notice's rows and those of what e said (`exported`), in at most `budget` rows in all (with the
 * blank row above the export's and, when anything is cut, the row saying so), and the lines cut
 * short or left out to fit, to print whole on leaving. The state folder is named once: the export's
 * "(in the state folder …)" is "(in the state folder above)" when the notice has said the same.
 * Short of rows, the notice gives way first: its paths longer than a row cut to one (elidedRow), its
 * lines of `givesWay` left out, its other lines longer than a row cut to one, its other lines left out
 * from the last; only then are what e said's paths and lines cut to a row (the files just written,
 * kept whole on rows of their own wherever the screen allows).
 * Where the notice's "(in the state folder …)" is left out, the export's names it again.
 */
export function fitNotices(notice: string | undefined, exported: string | undefined, columns: number, budget: number, rowsOfLine: (line: string) => string[], givesWay: readonly string[] = []) {
  const noticeLines = notice?.split('\n') ?? [];
  const exportLines = (exported?.split('\n') ?? []).map((line) => (line.startsWith(FOLDER_LINE) && noticeLines.includes(line) ? FOLDER_ABOVE : line));
  const count = (rows: readonly string[]) => rows.reduce((n, row) => n + rowsOf(row, columns), 0);
  let notices = noticeLines.map((line, at) => ({ line, at, rows: rowsOfLine(line), cut: false }));
  let exports = exportLines.map((line, at) => ({ line, at, rows: rowsOfLine(line), cut: false }));
  const total = () => count(notices.flatMap((x) => x.rows)) + (exported === undefined ? 0 : 1 + count(exports.flatMap((x) => x.rows)))
    + ([...notices, ...exports].some((x) => x.cut) || notices.length < noticeLines.length ? 1 : 0);
  type Item = { line: string; at: number; rows: string[]; cut: boolean };
  // First the paths longer than a row cut to one, the words around them kept; then each line longer than a row cut to one.
  const shortenPaths = (x: Item): Item => {
    const shorter = elidedPathLine(x.line, columns);
    return shorter === x.line ? x : { ...x, rows: pathLineRows(shorter, columns), cut: true };
  };
  const shortenLines = (x: Item): Item => (x.rows.length > 1 && pathLineRows(x.line, columns).length > 1 ? { ...x, rows: [elidedRow(x.line, columns)], cut: true } : x);
  const fits = () => total() <= budget;
  // Left out (printed on leaving, in the notice's order).
  const left: Item[] = [];
  const leaveOut = (at: number) => {
    const [gone] = notices.splice(notices.findIndex((x) => x.at === at), 1) as [Item];
    left.push(gone);
    // The export's "(in the state folder above)" names it itself once the notice's line is gone.
    if (!notices.some((x) => x.line === gone.line)) exports = exports.map((x) => (x.line === FOLDER_ABOVE && exported?.split('\n')[x.at] === gone.line ? { ...x, line: gone.line, rows: rowsOfLine(gone.line) } : x));
  };
  const fromLast = [...noticeLines.keys()].reverse();
  const givingWay = (at: number) => givesWay.includes(noticeLines[at] as string);
  const announcesLeftOut = (at: number) => notices.some((x) => x.at === at) && noticeLines[at]?.endsWith(':') === true && at + 1 < noticeLines.length && !notices.some((x) => x.at === at + 1);
  // The notice gives way before what e said, whose paths are the files just written (cut short, a
  // path outside the state folder, longer than the row, read "/tmp/…/trainer's fol…ebrief-….md"):
  // its paths cut to a row, the lines leaving prints anyway (givesWay) left out, its long lines cut
  // to a row, its other lines left out from the last; only then are the export's cut.
  if (!fits()) notices = notices.map(shortenPaths);
  for (const at of fromLast.filter(givingWay)) if (!fits()) leaveOut(at);
  if (!fits()) notices = notices.map(shortenLines);
  for (const at of fromLast.filter((at) => !givingWay(at))) if (!fits()) leaveOut(at);
  // A line that announces the next ("… written to:", "…, now out of date, is:") goes with it: left
  // alone, it announced whatever came next (what u does).
  for (const at of fromLast) if (announcesLeftOut(at)) leaveOut(at);
  for (const shorten of [shortenPaths, shortenLines]) if (!fits()) exports = exports.map(shorten);
  const cut = [...notices, ...exports].filter((x) => x.cut).map((x) => x.line);
  return {
    noticeRows: notices.flatMap((x) => x.rows),
    exportedRows: exports.flatMap((x) => x.rows),
    rows: total(),
    cut: [...new Set([...cut, ...left.sort((a, b) => a.at - b.at).map((x) => x.line)])],
  };
}

/** The debrief in three scrolling sections; `e` exports it to Markdown and JSON. */
export function DebriefScreen({ scenario, debrief, mode, recorded, onBack, notice: given, voice = 'you', startOver, farewell, givesWay, failedBefore = false, openOnEnding = false, leftOnEnding, back, lead, exportedBefore, onExported, exportedAlready, paths = NO_PATHS, exportFirstTo }: DebriefScreenProps) {
  // An assessment's debrief says so (as the web app's does, and its exports): a debrief reopened later
  // from the picker cannot otherwise tell an assessment from practice.
  const notice = mode === 'assessment' ? `Assessment mode.${given ? ` ${given}` : ''}` : given;
  const app = useApp();
  const { columns, rows: screenRows } = useScreenSize();
  const model = useMemo(() => debriefModel(scenario, debrief), [scenario, debrief]);
  const sections = useMemo(() => {
    const leadRows: Row[] = lead ? [...wrapText(lead, columns).split('\n').map((text) => [{ text }]), [{ text: '' }]] : [];
    return [[...leadRows, ...summaryRows(model, columns)], transcriptRows(model, columns, voice), pathRows(model, columns, voice), workOnRows(model, columns, voice)];
  }, [model, columns, voice, lead]);
  const [tab, setTab] = useState(0);
  // Where each section's window is, and the ending's page's: a resize keeps the row read at the top
  // (not the count of rows above it), and resized back each is where it was (useKeptOffset).
  const kept = [useKeptOffset(sections[0] as Row[]), useKeptOffset(sections[1] as Row[]), useKeptOffset(sections[2] as Row[]), useKeptOffset(sections[3] as Row[])];
  const offsets = kept.map(([offset]) => offset);
  const story = useMemo(() => endingRows(model, columns), [model, columns]);
  const [ending, setEnding] = useState(openOnEnding && story.length > 0);
  const [endingOffset, setEndingOffset] = useKeptOffset(story);
  // What `e` last said, the files written (a second `e` does not write them again), and where to
  // write instead when the exports folder cannot be written.
  // An earlier ending's export (exportedBefore) is written again for this ending as the screen opens.
  const [again] = useState(() => {
    if (exportedBefore === undefined) return undefined;
    const written = exportAgain(scenario, debrief, exportedBefore, app.env, { mode, recorded, trainerLed: voice === 'room' });
    return written.files ? { files: written.files, said: `${exportedAgainHeading(written)}\n${exportedWhere(written.files, app.env)}` } : { said: exportAgainFailedWords(written.inPlace, errorWords(written.error)) };
  });
  // Told after the first frame (not while it is drawn: the session's screen is drawing it).
  useEffect(() => {
    if (again?.files) onExported?.(again.files);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const [exported, setExported] = useState<string | undefined>(again?.said);
  const [written, setWritten] = useState<{ markdown: string; json: string } | undefined>(again?.files);
  const [elsewhere, setElsewhere] = useState<string>();
  const [exportFailed, setExportFailed] = useState(false);
  // e said that exportedAlready holds this debrief: e again writes another copy.
  const [alreadySaid, setAlreadySaid] = useState(false);
  const tabs = TABS(voice);
  const tabLine = tabs.map((t, i) => (i === tab ? `[${i + 1} ${t}]` : ` ${i + 1} ${t} `)).join(' ');
  // s before q when a new session can start from here; its question in place of the help line.
  const [asking, setAsking] = useState(false);
  const backHint: Hint[] = back ? [['u', back.label]] : [];
  const hints: readonly Hint[] = startOver ? [...HINTS.debrief.slice(0, -1), ...backHint, ['s', 'new session'], ...HINTS.debrief.slice(-1)] : [...HINTS[onBack ? 'debriefBack' : 'debrief'].slice(0, -1), ...backHint, ...HINTS[onBack ? 'debriefBack' : 'debrief'].slice(-1)];

  // The notice's lines a row each; a command in one ("Added to your records: <command> records") on
  // rows of its own where it does not fit after the words, broken only between its words with shell
  // line continuations (commandRows): Ink wrapped it at any space, "… node" above the path.
  // A path in one ("(in the state folder …)") on rows of its own, cut only at the width where it is
  // longer than a row (pathLineRows): Ink put it after the words, and broke it after its separators.
  // The notice and what e said share the screen with the section, which keeps MIN_SECTION rows
  // whatever the state folder's length (fitNotices): a long path cut short to a row, or the notice's
  // last lines left out, with a row saying so; leaving prints what was cut short, whole.
  const fixedRows = rowsOf(`Debrief: ${model.title}`, columns) + rowsOf(tabLine, columns) + 1 + (asking && startOver ? rowsOf(startOver.question, columns) : hintRows(hints, columns).length);
  // The paths said here, each one word to pathLineRows however many spaces it holds: told by their "/"
  // alone, a folder named "/tmp/my practice folder" was broken at its spaces, and one whose name has
  // an escape in it (shown quoted) split before it ("…/of december" over "\u001b[31mred/…").
  const knownPaths = useMemo(() => [shownStateDir(app.env), shownFileName(exportsDir(app.env)), ...[elsewhere, exportFirstTo].filter((d) => d !== undefined).map((d) => shownFileName(d)),
    ...(written === undefined ? [] : [shownFileName(written.markdown), shownFileName(written.json)]), ...paths], [app.env, elsewhere, exportFirstTo, written, paths]);
  const fitted = fitNotices(notice, exported, columns, screenRows - 1 - fixedRows - MIN_SECTION, (line) => {
    const rows = commandRows(line, columns, `${commandName(app.env)} `);
    return rows.length === 1 && rows[0] === line ? pathLineRows(line, columns, knownPaths) : rows;
  }, givesWay?.split('\n'));
  const { noticeRows, exportedRows } = fitted;
  // The section gets what is left of the screen; one row spare so the frame never scrolls the terminal.
  const chrome = fixedRows + fitted.rows;
  const height = Math.max(MIN_SECTION, screenRows - 1 - chrome);
  const rows = sections[tab] ?? [];
  const scroll = (f: (offset: number) => number) =>
    kept[tab]?.[1]((v) => Math.min(Math.max(0, f(Math.min(v, maxOffset(rows.length, height)))), maxOffset(rows.length, height)));

  // The ending page: the scenario's title, a blank row, the story's end, a blank row, the help line.
  const endingHeading = `${model.title}: how it ended`;
  // (Its help line counted as the longer of "Enter: read on" and "Enter or q", whichever is drawn.)
  const endingHeight = Math.max(4, screenRows - 1 - rowsOf(endingHeading, columns) - 2 - hintRows(readOnHints([...HINTS.endingScroll, ...backHint], true), columns).length);
  // Enter reads on to the rows of the ending below the window first, a page at a time ("Enter: read
  // on", q going on meanwhile), as on "Where you left off": it opened the debrief with them unread.
  const endingMore = moreBelow(endingOffset, story.length, endingHeight);
  const endingHints = readOnHints([...(story.length > endingHeight ? HINTS.endingScroll : HINTS.ending), ...backHint], endingMore);
  const onEnding = (a: Action) => {
    if (a.type === 'undo' && back) return back.onBack();
    if (a.type === 'enter' && endingMore) return setEndingOffset((o) => scrolledOffset(o, pageSize(endingHeight), story.length, endingHeight));
    const step = { up: -1, down: 1, 'page-up': -pageSize(endingHeight), 'page-down': pageSize(endingHeight), top: -story.length, bottom: story.length }[a.type as string];
    if (step !== undefined) return setEndingOffset((o) => scrolledOffset(o, step, story.length, endingHeight));
    // Enter or q (as on the last reply's feedback, so a second q is not taken as leaving); a tab's key opens that tab.
    if (a.type === 'enter' || a.type === 'quit' || a.type === 'back' || a.type === 'next-tab') setEnding(false);
    else if (a.type === 'number' && a.n >= 1 && a.n <= tabs.length) {
      setTab(a.n - 1);
      setEnding(false);
    }
  };

  const onAction = (a: Action) => {
    if (ending && a.type !== 'interrupt') return onEnding(a);
    if (asking && a.type !== 'interrupt') {
      if (a.type === 'yes') startOver?.onConfirm();
      else if (a.type === 'no' || a.type === 'back') setAsking(false);
      return;
    }
    if (a.type === 'restart' && startOver) return setAsking(true);
    if (a.type === 'undo' && back) return back.onBack();
    if (a.type === 'interrupt' || a.type === 'quit') {
      const unsaved = notSavedWords(app.env);
      const failed = exportFailed || unsaved !== undefined || failedBefore;
      // Why the exit code says something failed, as the last line: the screen is cleared as the app ends.
      const why = [exportFailed && !written ? exported?.split('\n')[0] : undefined, unsaved];
      // The files e wrote named as the screen names them: within the state folder, which is then said
      // once (a summary named under them says "(in the state folder above)"). As whole paths, above a
      // summary named within the state folder, files in the same folder were named two ways.
      const said = sayFolderOnce([ending ? leftOnEnding?.() : undefined, written ? exportedWords(written, app.env, columns) : undefined, farewell?.(), ...why].filter((x) => x !== undefined));
      // What the screen cut short or left out (fitNotices), whole, unless said above already: the
      // line itself, or why the state folder cannot be written ("Progress is not being saved: …"
      // says what the last line's "Nothing was saved in the state folder: …" says).
      const reason = unsaved === undefined ? undefined : failureReason(app.env);
      // (Nor the lines farewell says in its own words, givesWay: a summary outside the state folder cut
      // short on the screen was printed again whole after farewell had named it, a bare path with no words.)
      const farewellSays = farewell === undefined ? [] : givesWay?.split('\n') ?? [];
      said.push(...fitted.cut.filter((line) => !said.some((x) => x.split('\n').includes(line)) && !farewellSays.includes(line) && !(reason !== undefined && line.includes(reason))));
      app.exit(said.length > 0 ? said.join('\n') : undefined, a.type === 'interrupt' ? 130 : failed ? 74 : 0);
    }
    else if (a.type === 'next-tab' || a.type === 'right') setTab((t) => (t + 1) % tabs.length);
    else if (a.type === 'left' || a.type === 'previous-tab') setTab((t) => (t + tabs.length - 1) % tabs.length);
    else if (a.type === 'number' && a.n >= 1 && a.n <= tabs.length) setTab(a.n - 1);
    else if (a.type === 'up') scroll((o) => o - 1);
    else if (a.type === 'down') scroll((o) => o + 1);
    else if (a.type === 'page-up') scroll((o) => o - pageSize(height));
    else if (a.type === 'page-down') scroll((o) => o + pageSize(height));
    else if (a.type === 'top') scroll(() => 0);
    else if (a.type === 'bottom') scroll(() => rows.length);
    else if (a.type === 'back' && onBack) onBack();
    else if (a.type === 'export') {
      if (written) {
        // Where they are: an export written again for a later ending (exportedBefore) may be outside the state folder with no `elsewhere` said.
        setExported(`Already exported to:\n${exportedWhere(written, app.env)}`);
        return;
      }
      if (exportedAlready !== undefined && !alreadySaid && exportOfDebrief(exportedAlready, scenario, debrief, { trainerLed: voice === 'room', mode })) {
        setAlreadySaid(true);
        setExported(`Already exported to:\n${exportedWhere(exportedAlready, app.env)}\ne again writes another copy.`);
        return;
      }
      let dir = elsewhere ?? exportFirstTo ?? exportsDir(app.env);
      const write = (to: string) => exportDebrief(scenario, debrief, app.env, new Date(), { mode, dir: to, recorded, trainerLed: voice === 'room' });
      // The state folder known not to take writes (the notice above says so), the exports folder in
      // it refused: e writes where a second e would have, at once, saying why it is there. It said
      // "Press e again to write it to: <the folder the app was started in>", though e was the ask.
      const instead = fallbackExportDir(app.env);
      const atOnce = dir === exportsDir(app.env) && instead !== dir && stateStore(app.env).savingFailure() !== undefined;
      try {
        let paths: DebriefFiles;
        try {
          paths = write(dir);
        } catch (e) {
          if (!atOnce) throw e;
          dir = instead;
          paths = write(dir);
        }
        onExported?.(paths);
        setWritten(paths);
        setExportFailed(false);
        // Each path on a line of its own, relative to the state folder, so it is not broken mid-path.
        // The paths come from the environment (PWD, XDG_STATE_HOME): named with any escapes in them shown, never raw.
        const heading = dir === exportFirstTo && elsewhere === undefined ? EXPORTED_BESIDE_SUMMARY : atOnce && dir === instead ? exportedInsteadWords(instead, app.env) : 'Debrief exported to:';
        setExported(`${heading}\n${exportedWhere(paths, app.env)}`);
      } catch (e) {
        setExportFailed(true);
        const next = fallbackExportDir(app.env);
        setElsewhere(next === dir ? undefined : next);
        setExported(`Could not export to ${shownFileName(dir)} (${errorWords(e)}).${next === dir ? '' : `\nPress e again to write it to:\n${shownFileName(next)}`}`);
      }
    }
  };
  useKeys(onAction);
  if (ending) {
    return (
      <Box flexDirection="column">
        <Paragraph bold width={columns}>{endingHeading}</Paragraph>
        <Box marginTop={1}><ScrollRows rows={story} height={endingHeight} offset={endingOffset} /></Box>
        <KeyHints set={endingHints} width={columns} whole />
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Paragraph bold width={columns}>Debrief: {model.title}</Paragraph>
      {/* Wrapped as every paragraph is (no stray space opening a continued row). */}
      {noticeRows.map((line, i) => <Paragraph key={i} width={columns}>{line}</Paragraph>)}
      {fitted.cut.length > 0 && !exported && <Paragraph width={columns}>{CUT_NOTE}</Paragraph>}
      <Paragraph width={columns}>{tabLine}</Paragraph>
      {/* A blank row under the tab line, as a section that scrolls has (its "more above" row, blank at
          the top): where the section fits with a row to spare, else none, so that a blank row never
          makes a section scroll (the summary of a typical run fits 80×24 whole). At 120×40 the first
          words stood right under the tabs, at 60×24 a row below them. */}
      <Box marginTop={rows.length < height ? 1 : 0}><ScrollRows rows={rows} height={rows.length < height ? height - 1 : height} offset={offsets[tab] ?? 0} /></Box>
      {exported && (
        <Box marginTop={1} flexDirection="column">
          {exportedRows.map((line, i) => <Paragraph key={i} width={columns}>{line}</Paragraph>)}
        </Box>
      )}
      {fitted.cut.length > 0 && exported && <Paragraph width={columns}>{CUT_NOTE}</Paragraph>}
      {/* Broken between hints only: at 60 columns "b:" was left at a row's end, "scenarios" on the next. */}
      {asking && startOver ? <Paragraph bold width={columns}>{startOver.question}</Paragraph> : <KeyHints set={hints} width={columns} whole />}
    </Box>
  );
}

export { EXPORTED_AGAIN, EXPORTED_ANEW };

/**
 * Where e wrote the debrief, as printed on leaving: within the state folder as the screen says it,
 * else (written elsewhere) the whole paths. Where a path so named is longer than the row (`columns`;
 * left-placement-calls' at 60), the files by their names and the folder after them, as leavingPath
 * names a file: the terminal broke it mid-name ("….jso" / "n"; written where the app was started,
 * the state folder read-only, "…-01-30-13." / "md" under a summary named by its name and folder).
 */
function exportedWords(files: DebriefFiles, env: NodeJS.ProcessEnv, columns: number): string {
  const inExports = isWithin(files.markdown, exportsDir(env));
  const named = inExports ? [shownPath(files.markdown, env), shownPath(files.json, env)] : [shownFileName(files.markdown), shownFileName(files.json)];
  if (named.every((p) => columnsOf(p) <= columns)) return `Debrief exported to:\n${named.join('\n')}${inExports ? `\n(in the state folder ${shownStateDir(env)})` : ''}`;
  return `Debrief exported to:\n${shownFileName(basename(files.markdown))}\n${shownFileName(basename(files.json))}\n${leavingPath(files.json, columns, env).split('\n').slice(1).join('\n')}`;
}

/**
 * Lines printed on leaving, each "(in the state folder …)" whose folder was named above it "(in the
 * state folder above)" (fitNotices says it so on screen); and each "(in the folder …)" (a file
 * outside the state folder named by its name, leavingPath), on one row or its folder on the next,
 * "(in the folder above)" when an "(in the folder …)" above named the same folder: the debrief
 * exported and the summary, both written where the app was started, named it twice within four rows.
 */
export function sayFolderOnce(parts: readonly string[]): string[] {
  let before = '';
  const folders = new Set<string>();
  return parts.map((part) => {
    const lines = part.split('\n');
    const shown: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      const folder = line.startsWith(FOLDER_LINE) && line.endsWith(')') ? line.slice(FOLDER_LINE.length, -1) : undefined;
      const wrapped = line === OTHER_FOLDER.trimEnd() && lines[i + 1]?.endsWith(')') === true;
      const other = line.startsWith(OTHER_FOLDER) && line.endsWith(')') ? line.slice(OTHER_FOLDER.length, -1) : wrapped ? lines[i + 1]!.slice(0, -1) : undefined;
      if (other !== undefined && other !== 'above') {
        const said = wrapped ? `${line}\n${lines[++i] as string}` : line;
        shown.push(folders.has(other) ? `${OTHER_FOLDER}above)` : said);
        folders.add(other);
        before += `${said}\n`;
        continue;
      }
      shown.push(folder !== undefined && folder !== 'above' && before.includes(folder) ? FOLDER_ABOVE : line);
      before += `${line}\n`;
    }
    return shown.join('\n');
  });
}

/**
 * An export's two files, each on a line of its own: within the state folder as shownPath names them
 * and the state folder after them; elsewhere (the folder the app was started in) by their whole paths.
 */
function exportedWhere(files: { markdown: string; json: string }, env: NodeJS.ProcessEnv): string {
  return isWithin(files.markdown, exportsDir(env))
    ? `${shownPath(files.markdown, env)}\n${shownPath(files.json, env)}\n(in the state folder ${shownStateDir(env)})`
    : `${shownFileName(files.markdown)}\n${shownFileName(files.json)}`;
}
