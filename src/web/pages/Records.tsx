import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { backupFileName, backupLeftOutNote, backupLeftOutQuestion, backupText, backupTooLarge, BAND_LABELS, certificateData, cleanLine, exportFileName, importBackup, IN_SERVICE_COUNTING_OWN, IN_SERVICE_COUNTING_TERMINAL, IN_SERVICE_COUNTING_TIMING, IN_SERVICE_CREDIT, keepLearner, localDate, localTime, localYear, minutesRoundingWords, NEWER_PRACTICE_NOT_SHOWN, newestFirst, newerSavesNotInBackup, NO_PRACTICE_YET, otherYearsWords, parseBackup, RECORDS_KEY, recordsCsv, scenariosAtHand, shownMinutes, xapiDefinitionGaps, xapiFile, xapiGapWords, xapiLearner, type BackupFile, type BackupLeftOut, type RecordsRead, type Scenario } from '../../machines/index.js';
import { requestPersistentStorage, watcherOf, type PersistResult } from '../adapters/local-store.js';
import { downloadText } from '../download.js';
import { ownScenariosThisVisit } from '../own-scenarios.js';
import { bundledScenarios } from '../records-data.js';
import { hrefOf } from '../routing.js';
import { idOf, scenarioTexts } from '../scenarios.js';
import { backupDownloaded, forgetRecordsNotice, LOAD_ONCE_ROOM, recordsNotice, recordsNoticeThisVisit, RECORDS_NEWER_TODO } from '../storage-words.js';
import { useStore } from '../store.js';
import { useToday } from '../today.js';
import { Announce } from '../components/Announce.js';
import { NoMinutes } from '../components/NoMinutes.js';
import { TableWrap } from '../components/TableWrap.js';
import { ConfirmPanel, OneQuestionAtATime, useConfirmation } from '../components/Confirm.js';
import { KeptHere } from '../components/KeptHere.js';
import { ROOM_HEADING } from '../kept-here.js';
import { readRecordsHere, unwrittenHere } from '../records-guard.js';
import { useOpenForPrint } from '../components/open-for-print.js';

const PERSIST_WORDS: Record<PersistResult, string> = {
  granted: 'Done: this browser agreed to keep your records unless you clear them yourself.',
  already: 'This browser already keeps your records unless you clear them yourself.',
  denied: 'This browser did not agree to keep the records for sure. It may still keep them, but download a backup now and then.',
  unsupported: 'This browser cannot promise to keep the records. Download a backup now and then.',
  error: 'The browser could not be asked just now. Download a backup now and then.',
};

/** Said when the scenarios the xAPI file needs could not be loaded. */
const XAPI_NOT_MADE = 'The xAPI file could not be made: the scenarios it describes could not be loaded (the connection may be down, or the app was just updated). Check your connection, reload this page and try again. Nothing was downloaded, and your records are unchanged.';

/** How to have the decisions of practice from one's own scenario files described (xapiGapWords' remedy). */
const XAPI_GAPS_REMEDY = 'To have them described, open each of those scenario files, as they were when played, in "Preview a file", then come back and download the xAPI file again, without reloading the page.';

/** Said after a backup's records were loaded into a browser that did not keep them (Store.inMemoryOnly). */
const LOADED_IN_TAB_ONLY = 'This browser did not keep them, so they are shown in this tab only until you close it (the notice at the top of the page says why); your backup file still holds them.';

/** Where a message of the page is shown: beside the controls it answers. */
type Near = 'persist' | 'backup' | 'export';

/** My records: every completed practice, exports (CSV, certificate, xAPI), backup and restore. */
/** The columns of the table of completed practice, the scenario's first (its row header). */
const RECORD_COLUMNS = ['Scenario', 'Minutes', 'Finished', 'Score', 'Outcome', 'Mode'] as const;

/** A cell's column named before its words where a row is drawn as a card (a narrow screen): for the eye only, a screen reader has the header. */
function CellLabel({ column }: { column: (typeof RECORD_COLUMNS)[number] }) {
  return <span className="cell-label" aria-hidden="true">{column}: </span>;
}

/** Records in the order given (newest first), in runs of the local year each was finished in. */
function rowsByYear<T extends { completedAt: string }>(rows: readonly T[]): { year: number; rows: T[] }[] {
  const groups: { year: number; rows: T[] }[] = [];
  for (const r of rows) {
    const y = localYear(r.completedAt);
    const last = groups.at(-1);
    if (last?.year === y) last.rows.push(r);
    else groups.push({ year: y, rows: [r] });
  }
  return groups;
}

export default function Records() {
  const store = useStore();
  const backupInput = useId();
  const loadRestId = useId();
  const fileField = useRef<HTMLInputElement>(null);
  const counting = useRef<HTMLDetailsElement>(null);
  useOpenForPrint(counting);
  // A backup with damaged entries, waiting for the volunteer to say whether to load the rest.
  const [damaged, setDamaged] = useState<{ backup: BackupFile; leftOut: BackupLeftOut[] }>();
  const loadRest = useConfirmation(fileField, () => setMessage({ text: 'Nothing was loaded from that backup, and nothing was changed.', near: 'backup' }));
  const [version, setVersion] = useState(0);
  // A message is shown beside the control it answers (near): on a phone the backup controls are
  // screens below the top of the page, where an answer to them would go unseen.
  // Each answer is a new paragraph (`n`): the same words again (the same damaged file loaded twice,
  // a second backup) are inserted anew in the live region and read out again, not left unchanged
  // in the page, where a screen reader would say nothing and the volunteer would not know it ran.
  const [message, setMessageState] = useState<{ text: string; alert?: boolean; near: Near; n: number }>();
  const setMessage = (m: { text: string; alert?: boolean; near: Near }) => setMessageState((old) => ({ ...m, n: (old?.n ?? 0) + 1 }));
  // Read again after an import, and when another tab changes the records (a scenario finished there).
  const read: RecordsRead = useMemo(() => (void version, readRecordsHere(store)), [store, version]);
  useEffect(() => watcherOf(store)?.(RECORDS_KEY, () => setVersion((v) => v + 1)), [store]);
  const recordsShown = recordsNoticeThisVisit(store, read, 'records');
  // Newest first, as the terminal's `records` lists them (newestFirst says why).
  const rows = newestFirst(read.playthroughs);
  const none = rows.length === 0;
  // This year's finished practice, as the certificate counts it: the year of the clock, not of when
  // the page was first drawn (left open over New Year, it totalled last year's as "so far").
  const today = useToday();
  const year = certificateData(read.playthroughs, { now: today });
  // The total is this year's: a volunteer in January read "0 hours" above last year's practice.
  const otherYears = otherYearsWords(read.playthroughs, year.year);
  // The rows by the year they were finished in, newest first. Where the table holds a year the total
  // does not count, each year's rows come under a row heading of their year: last year's ran
  // straight on after this year's, nothing but the dates to say the year had changed.
  const byYear = rowsByYear(rows);
  const headed = byYear.some((g) => g.year !== year.year);
  // Why this year's rows, each rounded, add up to other than "So far", as the certificate and the
  // terminal's `records` say it: a row of 1 minute under "0 minutes from 1 finished scenario" read as
  // a minute lost. With other years in the table, the rows meant are named by their year.
  const rounding = headed ? minutesRoundingWords(year.items.reduce((sum, i) => sum + (i.minutes ?? 0), 0), year.totalMinutes, `the rows of ${year.year}`) : year.rounding;

  // Each download is said beside its button, as the backup's is (a screen reader heard nothing of
  // the CSV or the xAPI file, only the browser's own download notice, where there is one).
  const csv = () => {
    const file = exportFileName('records', 'csv');
    downloadText(file, recordsCsv(read.playthroughs), 'text/csv');
    setMessage({ text: `CSV file downloaded: ${file}.`, near: 'export' });
  };
  // The xAPI file names each decision and reply by the words of its scenario, loaded on demand: offline,
  // or after the app was updated on its host, they may not come. The button then said nothing at all.
  const xapi = async () => {
    let scenarios: Map<string, Scenario>;
    try {
      scenarios = await bundledScenarios();
    } catch {
      return setMessage({ text: XAPI_NOT_MADE, alert: true, near: 'export' });
    }
    // Beside the bundled ones, the volunteer's own files checked in this visit: a record keeps no
    // path, only its scenario's id, version and fingerprint, by which the one played is found.
    const scenarioOf = scenariosAtHand([...scenarios.values(), ...ownScenariosThisVisit()]);
    // The id the file names the volunteer by is kept in the records from now on (keepLearner): one
    // derived from the oldest practice changed when older practice was added later, renaming every
    // statement exported before. Records that cannot be written are named as before.
    let kept: string | undefined;
    try {
      kept = read.learner ?? keepLearner(store);
    } catch {
      kept = undefined;
    }
    const text = xapiFile(read.playthroughs, { learner: xapiLearner(kept, read.playthroughs), scenarioOf });
    const file = exportFileName('xapi', 'json');
    downloadText(file, text, 'application/json');
    // Which records have no decision descriptions, and why (an earlier "could not be made" is no longer true).
    const gaps = xapiGapWords(xapiDefinitionGaps(read.playthroughs, scenarioOf), XAPI_GAPS_REMEDY);
    setMessage({ text: `xAPI file downloaded: ${file}.${gaps ? ` ${gaps}` : ''}`, near: 'export' });
  };
  const backup = () => {
    const made = backupText(store, new Date(), unwrittenHere(store));
    const { text } = made;
    const file = backupFileName();
    downloadText(file, text, 'application/json');
    // The confirmation, then any notice of the records read for it (records left as they were give
    // one at every read): the notice alone took the confirmation's place, and the download, the
    // very thing that notice asks for, was never confirmed. News, both: the polite region.
    // Saves a newer version of casa-practice wrote are not in it (this tab cannot read them): said with it.
    setMessage({ text: [backupDownloaded(file), made.newerSaves ? newerSavesNotInBackup(made.newerSaves) : undefined, recordsNotice(made, 'downloaded')].filter(Boolean).join(' '), near: 'backup' });
  };
  const restore = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    // Another file chosen while a damaged one waits for an answer replaces it.
    loadRest.close();
    // Refused by its size before it is read: a file of gigabytes would stall the tab.
    const tooLarge = backupTooLarge(file.size);
    if (tooLarge) return setMessage({ text: tooLarge, alert: true, near: 'backup' });
    let text: string;
    try {
      text = await file.text();
    } catch {
      return setMessage({ text: `The file ${cleanLine(file.name)} could not be read. Nothing was changed.`, alert: true, near: 'backup' });
    }
    const parsed = parseBackup(text);
    if (!parsed.ok) return setMessage({ text: parsed.error, alert: true, near: 'backup' });
    if (parsed.leftOut.length === 0) return void load(parsed.backup, []);
    // Some entries are damaged: say which, and load the rest only if the volunteer says so.
    setMessageState(undefined);
    setDamaged(parsed);
    loadRest.ask();
  };
  const load = async (file: BackupFile, leftOut: readonly BackupLeftOut[]) => {
    // The app's scenarios, by id: a save of one it does not have (a newer version's) is kept, and said not to continue here.
    const ids = await scenarioTexts().then((texts) => new Set(texts.map((t) => idOf(t.text))), () => undefined);
    const result = importBackup(store, file, new Date(), ids && ((id) => ids.has(id)));
    // Not loaded: the records here are damaged and left where they were (no room to set them aside),
    // and the backup would have been written over them. The page's notice of them (at its top) stays.
    if (result.refused) return setMessage({ text: result.newer !== undefined ? `${result.message} ${RECORDS_NEWER_TODO}` : `${result.message} ${LOAD_ONCE_ROOM}`, alert: true, near: 'backup' });
    // Records were brought back: the damaged ones set aside earlier in this visit are no longer the news.
    forgetRecordsNotice(store);
    // Loaded, but not kept by this browser (its storage full, or the records larger than it writes):
    // said here too, beside "Added …", which alone read as if they were kept.
    const inTabOnly = store.inMemoryOnly?.(RECORDS_KEY) === true ? LOADED_IN_TAB_ONLY : undefined;
    // The saves here the backup's took the place of were set aside: where they are, as other copies set aside are said.
    const setAsideSaves = result.savesSetAside.length;
    const listed = setAsideSaves === 0 ? undefined : `${setAsideSaves === 1 ? 'That copy is' : 'Those copies are'} listed below, under “${ROOM_HEADING}”, to restore, download or remove.`;
    setMessage({ text: [recordsNotice(result, 'loaded'), result.message, listed, inTabOnly, backupLeftOutNote(leftOut)].filter(Boolean).join(' '), near: 'backup' });
    setVersion((v) => v + 1);
  };
  const persist = async () => setMessage({ text: PERSIST_WORDS[await requestPersistentStorage()], near: 'persist' });
  // Said by one live region each: news by the polite region, always in the page (so its words are
  // read when they arrive); a refusal by an alert of its own, read out as it appears, beside that
  // region and not inside it (an alert inside a polite region may be read twice).
  const shown = (near: Near) => {
    const here = message?.near === near ? message : undefined;
    return (
      <>
        <div aria-live="polite">{here && !here.alert && <p key={here.n} id={`${near}-message`} className="notice">{here.text}</p>}</div>
        {here?.alert && <p key={here.n} id={`${near}-message`} className="notice" role="alert">{here.text}</p>}
      </>
    );
  };

  return (
    <OneQuestionAtATime>
      <h1>My records</h1>
      <p>
        Your records are kept only in this browser, on this device: nothing is sent anywhere. That also means they can be lost:
        clearing your browsing data, a private window, or the browser making room can remove them. Download a backup file now and
        then; you can load it back here, or in another browser.
      </p>
      <p className="controls">
        <button type="button" onClick={() => void persist()}>Ask this browser to keep my records</button>
      </p>
      {/* Announced (an Announce, empty before its words come): the page is often opened from the
          navigation, whose link keeps the focus, and a status that came with its words in it was shown, not said. */}
      {recordsShown && <Announce>{recordsShown}</Announce>}
      {shown('persist')}
      <h2>Completed practice</h2>
      {/* With nothing finished, "So far: 0 hours … (0 minutes from 0 finished scenarios)" and, under
          the counting rules, "No completed practice yet" said the same twice: said once, here, as the
          terminal's `records` says it; the yearly hours stay in IN_SERVICE_CREDIT under it. */}
      {none ? <p className="records-total">{read.newer !== undefined ? NEWER_PRACTICE_NOT_SHOWN : NO_PRACTICE_YET}</p> : (
        <p className="records-total">
          <strong>So far:</strong> {year.summary} ({year.breakdown}{year.withoutTime > 0 ? `; ${year.withoutTime} without a recorded time, not counted` : ''}).
          {otherYears && <> {otherYears} The certificate totals any year you choose.</>}
        </p>
      )}
      {!none && rounding && <p className="hint">{rounding}</p>}
      <p>{IN_SERVICE_CREDIT}</p>
      {/* At 390×844 the whole of IN_SERVICE_COUNTING took about a screen before the table. Whose
          practice this is (and that the terminal's comes here by its backup) stays in view; the timing
          rules are folded in a native <details> (a button to keyboards and screen readers), open on
          paper (styles.css's print rules; useOpenForPrint in the browsers without ::details-content). */}
      <p className="hint">{IN_SERVICE_COUNTING_OWN}</p>
      <details className="hint counting" ref={counting}>
        <summary>How the minutes are counted</summary>
        <p>{IN_SERVICE_COUNTING_TIMING} {IN_SERVICE_COUNTING_TERMINAL}</p>
      </details>
      {!none && (
        <TableWrap label="Completed practice" className="records-wrap">
          {/* The scenario and its minutes first: on a narrow screen (a phone, or text at 200%) the
              minutes the in-service log counts come right under the title. There (styles.css) each
              row is a small card: the title, then each cell with its column's name before it
              (.cell-label, shown there only and hidden from screen readers, which name a cell's column
              from its header). As a table it was 590 px wide at 390 px, Outcome and Mode off the
              screen. The roles are the elements' own, said again so that a browser that drops a
              table's semantics when it is not displayed as a table (Safari) keeps them. */}
          <table className="records-table" role="table">
            <caption className="sr-only">{headed ? 'Each completed practice, newest first, under the year it was finished in' : 'Each completed practice, newest first'}</caption>
            <thead role="rowgroup"><tr role="row">{RECORD_COLUMNS.map((c) => <th key={c} scope="col" role="columnheader">{c}</th>)}</tr></thead>
            {/* A row group a year, its heading across every column (scope="rowgroup"): the same table
                to a screen reader, the year read as a row header where it changes; on a narrow
                screen a line of its own above that year's cards (styles.css, .year-row). */}
            {byYear.map((g) => (
              <tbody key={g.year} role="rowgroup">
                {headed && (
                  <tr role="row" className="year-row">
                    <th scope="rowgroup" role="rowheader" colSpan={RECORD_COLUMNS.length}>{g.year}{g.year === year.year ? ' (this year)' : ''}</th>
                  </tr>
                )}
                {g.rows.map((r) => (
                  <tr key={r.id} role="row">
                    <th scope="row" role="rowheader">{cleanLine(r.title)}</th>
                    <td role="cell"><CellLabel column="Minutes" />{shownMinutes(r) ?? <NoMinutes />}</td>
                    <td role="cell"><CellLabel column="Finished" /><time dateTime={r.completedAt}><span className="nowrap">{localDate(r.completedAt)},</span> <span className="nowrap">{localTime(r.completedAt)}</span></time></td>
                    <td role="cell"><CellLabel column="Score" />{r.score.percent}%</td>
                    <td role="cell"><CellLabel column="Outcome" />{BAND_LABELS[r.band]}</td>
                    <td role="cell"><CellLabel column="Mode" />{r.mode === 'assessment' ? 'Assessment' : 'Practice'}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </TableWrap>
      )}
      {/* Controls, not records: left out of a printed copy (styles.css, .no-print). */}
      <div className="no-print">
        <h2>Export</h2>
        <p className="controls">
          <button type="button" onClick={csv} disabled={none}>Download as CSV (spreadsheet)</button>
          <a className="button" href={hrefOf({ page: 'certificate' })}>Certificate for the in-service hours log</a>
          <button type="button" onClick={() => void xapi()} disabled={none} aria-describedby={message?.near === 'export' ? 'export-message xapi-hint' : 'xapi-hint'}>Download xAPI statements (JSON, for an LMS)</button>
        </p>
        {shown('export')}
        {/* Which export an hours log wants: on a phone the xAPI button sat beside the certificate with nothing to tell them apart. */}
        <p className="hint" id="xapi-hint">The xAPI file is for a learning system (an LMS or learning record store) that takes xAPI statements; for an in-service hours log, use the certificate. The xAPI file names you only by an anonymous id, never by your name.</p>
        <h2>Backup</h2>
        <p className="controls">
          <button type="button" onClick={backup}>Download a backup file</button>
        </p>
        <p>
          <label htmlFor={backupInput}>Load a backup file</label><br />
          {/* What became of the last file chosen is tied to the field: read with it, and marked invalid when it could not be loaded.
              No accept filter: a phone's picker greys out what it does not match, which hid a backup saved
              under another name or type ("….json.txt", or a .json a file manager calls octet-stream) and the
              CSV chosen by mistake, whose refusal says what it is. Any file chosen is read and named. */}
          <input id={backupInput} ref={fileField} type="file" onChange={(e) => void restore(e)}
            aria-describedby={message?.near === 'backup' ? 'backup-message' : undefined} aria-invalid={message?.near === 'backup' && message.alert ? true : undefined} />
        </p>
        {loadRest.open && damaged && (
          <ConfirmPanel id={loadRestId} level={3} confirmation={loadRest} title="Part of this backup is damaged" keepLabel="Load nothing" confirmLabel="Load the rest"
            onConfirm={() => {
              loadRest.close();
              void load(damaged.backup, damaged.leftOut);
              fileField.current?.focus();
            }}>
            {backupLeftOutQuestion(damaged)}
          </ConfirmPanel>
        )}
        {/* What backupText puts in it: the records and the saves; a last debrief or a presenter session
            kept here was thought to travel with it too. */}
        <p className="hint">The backup file is the one named casa-practice-backup-….json. It holds your records and your scenarios in progress; your last debriefs and presenter sessions stay in this browser only. Loading a backup adds what it holds to what is here; nothing here is removed.</p>
        {shown('backup')}
        {/* What takes the room the browser keeps for the app, and every copy set aside, to download or remove. */}
        <KeptHere store={store} playthroughs={read.playthroughs} version={version} />
      </div>
    </OneQuestionAtATime>
  );
}

