import { useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react';
import { CERTIFICATE_CREDIT, certificateData, hasPracticeIn, localDate, localYear, NEWER_PRACTICE_NOT_SHOWN, NO_PRACTICE_YET, openingYear, PRACTICE_IDLE_MS, RECORDS_KEY } from '../../machines/index.js';
import { watcherOf } from '../adapters/local-store.js';
import { Announce } from '../components/Announce.js';
import { NoMinutes } from '../components/NoMinutes.js';
import { linkingRecords } from '../components/SetAside.js';
import { TableWrap } from '../components/TableWrap.js';
import { whilePrinting } from '../components/open-for-print.js';
import { hrefOf } from '../routing.js';
import { useStore } from '../store.js';
import { readRecordsHere } from '../records-guard.js';
import { recordsNoticeThisVisit } from '../storage-words.js';
import { certificatePrintTitle } from '../title.js';
import { useToday } from '../today.js';

/**
 * A printable certificate of completed practice for the in-service hours log: one A4/Letter page
 * for a few scenarios, two or three for a year's practice toward the 12 hours, each page headed
 * with whose certificate it is, its year and "Page N of M" (useRunningHead).
 */
export default function Certificate() {
  const store = useStore();
  const nameId = useId();
  const yearId = useId();
  // Read again when another tab changes the records (a scenario finished there), as My records is.
  const [version, setVersion] = useState(0);
  const read = useMemo(() => (void version, readRecordsHere(store)), [store, version]);
  const { playthroughs, newer } = read;
  // Records found damaged (set aside by this read or an earlier one this visit): said above the
  // form, as on the first page and My records. The certificate said only "No completed practice
  // yet", or left a damaged practice out without a word, and a volunteer opening it first took
  // their practice for lost. Records of a newer version are said in the certificate itself.
  const damaged = newer === undefined ? recordsNoticeThisVisit(store, read) : undefined;
  useEffect(() => watcherOf(store)?.(RECORDS_KEY, () => setVersion((v) => v + 1)), [store]);
  // The day it is made on, and this year among those to choose, follow the clock (a page left open
  // over New Year offered no new year, and printed the day before as the day it was made); the
  // year chosen stays as it was.
  const today = useToday();
  const thisYear = today.getFullYear();
  const [name, setName] = useState('');
  // The year it opens on: this year, or last year when this one has no practice yet and last year
  // has (in January it opened on "No practice was completed in 2027", when the certificate a
  // volunteer hands in then is last year's). Said beside the Year list until another is chosen.
  const [opened] = useState(() => openingYear(playthroughs, thisYear));
  const [year, setYear] = useState(opened);
  const [changed, setChanged] = useState(false);
  // Until another year is chosen, or practice is finished this year (in another tab) and the note's "none yet" is no longer true.
  const lastYearShown = !changed && year === opened && opened !== thisYear && !hasPracticeIn(playthroughs, thisYear);
  const noteId = useId();
  const years = useMemo(() => {
    const ys = new Set(playthroughs.map((p) => localYear(p.completedAt)).filter(Number.isFinite));
    ys.add(thisYear);
    // The year chosen stays among them (chosen as this year, with no practice in it, it was not listed once the year turned).
    ys.add(year);
    return [...ys].sort((a, b) => b - a);
  }, [playthroughs, thisYear, year]);
  const data = certificateData(playthroughs, { name: name.trim() || undefined, year });
  const title = useRef<HTMLHeadingElement>(null);
  useTitleOnPaper(title);
  useFileNameOnPaper(certificatePrintTitle(data.year, data.name));
  useRunningHead(certificateRunningHead(data.year, data.name));
  return (
    <>
      <div className="no-print">
        <h1>Certificate for the in-service hours log</h1>
        {damaged && <Announce>{linkingRecords(damaged)}</Announce>}
        <p>Type your name if you want it on the certificate (it is not saved or sent anywhere), choose the year, then print it or save it as a PDF from the print dialog.</p>
        <p className="form-row">
          <label htmlFor={nameId}>Your name (optional)</label><br />
          <input id={nameId} type="text" autoComplete="name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </p>
        <p className="form-row">
          <label htmlFor={yearId}>Year</label><br />
          <select id={yearId} value={year} aria-describedby={lastYearShown ? noteId : undefined} onChange={(e) => {
            setYear(Number(e.target.value));
            setChanged(true);
          }}>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </p>
        {lastYearShown && <p id={noteId} className="notice">This certificate is for {year}, last year: no practice has been finished in {thisYear} yet. To show another year, choose it in the Year list.</p>}
        <p className="controls">
          <button type="button" className="primary" onClick={() => window.print()}>Print the certificate</button>
          <a className="button" href={hrefOf({ page: 'records' })}>Back to My records</a>
        </p>
      </div>
      <section className="certificate" aria-labelledby="certificate-heading">
        <h2 id="certificate-heading" ref={title}>Certificate of completed practice</h2>
        {/* Nothing finished in the year: said once, as the terminal's records command says it. It read
            "______ completed the role-play practice below in 2026", then that none was, then a total of 0. */}
        {data.items.length === 0 ? <p>{playthroughs.length === 0 ? (newer !== undefined ? NEWER_PRACTICE_NOT_SHOWN : NO_PRACTICE_YET) : `No practice was completed in ${data.year}.`}</p> : (<>
          <p>
            <strong className="cert-name">{data.name ?? <Blank line="______________________________" says="name" />}</strong> completed the role-play
            practice below in {data.year}, scored against the CASA in-service guide on commercial sexual exploitation of
            children (CSEC).
          </p>
          {/* On a narrow screen (a phone, or text at 200%: styles.css) each row is a small card, each
              cell with its column's name before it (.cell-label, shown there only and hidden from
              screen readers, which name a cell's column from its header). As a table it scrolled
              sideways in its region: at 320 px only Date, Scenario and half of Minutes were in view,
              with 200% text the dates alone. On paper, a table as before. The roles are the
              elements' own, said again so that a browser that drops a table's semantics when it is
              not displayed as a table (Safari) keeps them. */}
          <TableWrap label="Completed practice on the certificate" className="certificate-wrap">
            <table className="certificate-table" role="table">
              <thead role="rowgroup"><tr role="row">{CERTIFICATE_COLUMNS.map((c) => <th key={c} scope="col" role="columnheader">{c}</th>)}</tr></thead>
              <tbody role="rowgroup">
                {data.items.map((i, n) => (
                  <tr key={n} role="row">
                    <td role="cell"><CellLabel column="Date" /><span className="nowrap">{i.date}</span></td>
                    <td role="cell"><CellLabel column="Scenario" />{i.title}</td>
                    <td role="cell"><CellLabel column="Minutes" />{i.minutes ?? <NoMinutes />}</td>
                    <td role="cell"><CellLabel column="Score" />{i.percent}%</td>
                    <td role="cell"><CellLabel column="Outcome" />{i.outcome}</td>
                    <td role="cell"><CellLabel column="Mode" />{i.mode}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <p className="cert-total"><strong>Total:</strong> {data.summary} ({data.breakdown}{data.withoutTime > 0 ? `; ${data.withoutTime} without a recorded time, not counted` : ''}).</p>
          {/* The column, added up by the supervisor who signs it, can differ from the total by the rounding: said why, when it does. */}
          {data.rounding && <p className="cert-rounding">{data.rounding}</p>}
        </>)}
        <p className="cert-credit">{CERTIFICATE_CREDIT}</p>
        {/* "Date:" and its line never apart (a phone put the line alone on the row after "Date:"). */}
        <p className="cert-sign">Advocate Supervisor: <Blank line="______________________" says="signature" /> &nbsp; Date:&nbsp;<Blank line="____________" says="date" /></p>
        {/* Practice done in the terminal comes here too (its backup, loaded in My records): the note is true of both,
            and says what only the browser leaves out (the terminal has no break and cannot tell a hidden window). */}
        <p className="hint">Made by casa-practice on {localDate(today.toISOString())}. The minutes are the time spent in each scenario, as casa-practice measured it in the browser or in the terminal: time with the scenario closed, or after {PRACTICE_IDLE_MS / 60_000} minutes without a key press, click, tap or mouse movement, is not counted, nor, in the browser, time on a break or with the page out of sight.</p>
      </section>
    </>
  );
}

/** The columns of the certificate's table. */
const CERTIFICATE_COLUMNS = ['Date', 'Scenario', 'Minutes', 'Score', 'Outcome', 'Mode'] as const;

/** A cell's column named before its words where a row is drawn as a card (a narrow screen): for the eye only, a screen reader has the header. */
function CellLabel({ column }: { column: (typeof CERTIFICATE_COLUMNS)[number] }) {
  return <span className="cell-label" aria-hidden="true">{column}: </span>;
}

/**
 * On paper the certificate is the whole page (the page's h1 and its form are not printed), so its
 * title is the printout's first-level heading, for the tagged PDF a volunteer saves from the print
 * dialog and hands in: a screen reader found only a second-level heading in it, under none. On
 * screen it stays an h2, under the page's h1.
 */
function useTitleOnPaper(title: RefObject<HTMLHeadingElement | null>): void {
  useEffect(() => {
    return whilePrinting(() => title.current?.setAttribute('aria-level', '1'), () => title.current?.removeAttribute('aria-level'));
  }, [title]);
}

/**
 * While the certificate is printed, the window's title is `fileTitle` (certificatePrintTitle): the
 * name the print dialog offers when it is saved as a PDF. Its own title is put back after.
 */
function useFileNameOnPaper(fileTitle: string): void {
  const latest = useRef(fileTitle);
  latest.current = fileTitle;
  useEffect(() => {
    let before: string | undefined;
    return whilePrinting(() => {
      before = document.title;
      document.title = latest.current;
    }, () => {
      if (before !== undefined) document.title = before;
      before = undefined;
    });
  }, []);
}

/**
 * The line at the top of every printed page of the certificate (beside "Page N of M"): what it is,
 * its year and, when typed, whose it is. Only the first page said so, in its opening sentence: a
 * year's practice prints over two or three pages, and a page come loose from the others (the last,
 * with the signature) was anyone's. The name is cut at 40
 * characters here, so that the line stays one line on A4 and Letter; the first page has it whole.
 */
function certificateRunningHead(year: number, name?: string): string {
  const chars = Array.from(name ?? '');
  const short = chars.length > 40 ? `${chars.slice(0, 39).join('').trimEnd()}…` : chars.join('');
  return `Certificate of completed practice in ${year}${short ? `: ${short}` : ''}`;
}

/** `text` as a CSS string, its quotes and backslashes its own (a name typed as Dana "DJ" O'Neill). */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/[\n\r\f]/g, ' ')}"`;
}

/** The custom property styles.css's @page certificate rule takes the running head from. */
const RUNNING_HEAD_PROPERTY = '--certificate-running-head';

/**
 * While the certificate is shown, `text` is the running head of its printed pages: styles.css's
 * `@page certificate` puts it in each page's top margin (a page-margin box, Chromium 131 and
 * later), with "Page N of M" (counter(page), counter(pages)). Margin boxes exist on paper only:
 * the page on screen, and a screen reader, get no extra line or header row. The value is set on the
 * root element through the CSSOM (the Content-Security-Policy refuses a <style> of the page's own),
 * and removed when the page goes: another page printed after it is not headed as a certificate.
 */
function useRunningHead(text: string): void {
  useEffect(() => {
    const root = document.documentElement;
    root.style.setProperty(RUNNING_HEAD_PROPERTY, cssString(text));
    return () => void root.style.removeProperty(RUNNING_HEAD_PROPERTY);
  }, [text]);
}

/** A line to write on, on paper; read aloud as what it is for ("blank for the name"), not as a row of underscores. */
function Blank({ line, says }: { line: string; says: string }) {
  return <><span aria-hidden="true">{line}</span><span className="sr-only">(blank for the {says})</span></>;
}
