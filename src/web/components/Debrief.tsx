import { Fragment, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { bestPathSays, choseWords, citationWords, guideCitation, criticalGroups, debriefExport, debriefModel, growthParts, inVoice, missedWhereParts, pathBesideWords, TRANSCRIPT_HEADING, pathReply, quotedReply, quotedTitle, roomMatchWords, scoreWords, signed, VERDICT_WORDS, VOICE_WORDS, type Debrief as DebriefData, type Scenario, type SessionMode, type Voice } from '../../machines/index.js';
import { downloadText } from '../download.js';
import { hrefOf } from '../routing.js';
import { useReadingPlace } from '../reading-place.js';
import { useDownloadNote } from './DownloadNote.js';
import { TableWrap } from './TableWrap.js';
import { useOpenForPrint } from './open-for-print.js';

export interface DebriefProps {
  scenario: Scenario;
  debrief: DebriefData;
  mode: SessionMode;
  recorded: boolean;
  /** Recorded in a store that keeps it only until the tab is closed (storage refused or full). */
  inTabOnly?: boolean;
  /** Not added to the stored records: they are damaged and were left as they were (shown from this tab's memory only). */
  recordsLeft?: boolean | 'newer';
  whatIf: boolean;
  /**
   * Whether it offers "My records": not for a playthrough that no record can come of (a file
   * previewed, and its what-ifs), where it was offered beside "Not added to your records".
   */
  offerRecords?: boolean;
  onTryAgain: () => void;
  /** In place of "Try again" (presenter mode's "Start a new session", which asks first; null: none). */
  again?: ReactNode;
  /** In place of "Back to the scenarios": where the page that played it goes back to (a Preview's "Back to the file's check"). */
  back?: ReactNode;
  /**
   * A what-if's debrief: back to the volunteer's own debrief, the one the what-if replayed from
   * ("Back to your debrief"). It offered only Try again, My records and Back to the scenarios: the
   * volunteer's own debrief came back only by a reload or the card's "See your last debrief".
   */
  backToYours?: () => void;
  /** Replay from the n-th decision of this playthrough (0-based); without it (presenter mode) no what-if is offered. */
  onWhatIf?: (decision: number) => void;
  /** Who it speaks to: the volunteer (default) or the room of a trainer-led session, in the core's words. */
  voice?: Voice;
  /** Under the heading, before the ending: presenter mode's "How often the room matched best practice" (its h2 then follows the page's h1). */
  lead?: ReactNode;
  /**
   * At the kept debrief's address: where the volunteer reads is noted for the browser's Back into it
   * (reading-place.ts). `fresh`: a debrief just finished; `kept`: the kept debrief shown again.
   */
  readingPlace?: 'fresh' | 'kept' | undefined;
}

/** A finish the damaged records did not take (left as they were: never written over). */
const RECORDS_LEFT = 'Shown in My records until you close this tab, but not kept: your records in this browser are damaged and were left as they were, so nothing is added to them (see My records).';

/** Said instead of RECORDS_LEFT when the records were written by a newer version of casa-practice (this tab was left open after an update). */
const RECORDS_NEWER = 'Shown in My records until you close this tab, but not added to your records: they were written by a newer version of casa-practice, which this tab cannot add to. Your progress stays saved: reload the page, and finishing this scenario again there adds it.';

/** A reply in the table of paths: its words as they are (the column says whose reply), an action as "Do: …". */
const pathCell = (r: { reply: string; said: boolean; value: number }) => `${pathReply(r.reply, r.said)} (${signed(r.value)})`;

/** The id of the n-th (0-based) decision in the transcript. */
const decisionId = (n: number) => `debrief-decision-${n + 1}`;

/** The id of the n-th (0-based) decision's "What if: replay from here". */
const whatIfId = (n: number) => `${decisionId(n)}-what-if`;

/**
 * Back on a debrief from a what-if it offered ("Back to your debrief"): the focus returns to the
 * "What if: replay from here" pressed (the n-th decision's, 0-based), the control the volunteer
 * left the debrief by (WAI-ARIA's practice for a control that opened something and is come back
 * to), in the middle of the window. It went to the debrief's heading at the top of the page, and a
 * keyboard user trying one what-if after another Tabbed down through the whole debrief each time.
 * A smooth scroll still under way from the page before (a reply just made in the what-if) may carry
 * the window on past it: the button is brought into view again at the next frames while it is out
 * of view (three at most). False when there is no such button (the debrief has fewer decisions).
 */
export function focusWhatIf(n: number): boolean {
  const button = document.getElementById(whatIfId(n));
  if (!button) return false;
  button.focus({ preventScroll: true });
  let frames = 0;
  const intoView = () => {
    const box = button.getBoundingClientRect();
    if (frames > 0 && box.top >= 0 && box.bottom <= window.innerHeight) return;
    button.scrollIntoView?.({ block: 'center', behavior: 'instant' });
    if (++frames <= 3) requestAnimationFrame(intoView);
  };
  intoView();
  return true;
}

/** Said (App's polite region: useSay) as a what-if's "Back to your debrief" shows the debrief again: the focus on the what-if pressed says only that button's name. */
export const BACK_IN_DEBRIEF = 'Back in your debrief.';

/** The punctuation a text starts with (up to its first space: "." or "," of ", where …") and the rest. */
function leadingPunctuation(text: string): [string, string] {
  const lead = /^[.,;:!?)\]”’"']*/.exec(text)?.[0] ?? '';
  return [lead, text.slice(lead.length)];
}

/**
 * A button in a sentence (drawn as words, link-like: see the part links above), with the
 * punctuation after it (`after`) kept on its last row. A button is laid out as one box, so that at
 * 390 px with the text at 200% the full stop after the last decision dropped onto a row of its own;
 * beside the box (a span not wrapping between them) it stood at the right of the box's widest row,
 * away from the words. So the punctuation is inside the button, after its words, not underlined and
 * in the text's colour, hidden from the button's name ("decision 7 (“The court report”)").
 */
function InTextButton({ after, onClick, children }: { after: string; onClick: () => void; children: ReactNode }) {
  if (!after) return <button type="button" className="in-text" onClick={onClick}>{children}</button>;
  return (
    <button type="button" className="in-text with-after" onClick={onClick}>
      <span className="in-text-words">{children}</span><span className="in-text-after" aria-hidden="true">{after}</span>
    </button>
  );
}

/**
 * Follows a link to a part of the debrief: the focus to its heading, and the heading to the top of
 * the window (below the sticky bar: the page's scroll-padding), as a link to a part of a page brings
 * it. A plain focus() scrolled the heading only into view, to the middle of a phone's screen, the end
 * of the part before filling the half above it.
 */
function goToPart(id: string, open?: string): void {
  const heading = document.getElementById(id);
  if (!heading) return;
  // A decision's feedback, folded on the page, is opened: the link points to it ("see … below").
  const details = open ? document.getElementById(open)?.querySelector('details') : null;
  if (details) details.open = true;
  heading.focus({ preventScroll: true });
  heading.scrollIntoView?.({ block: 'start' });
}


/**
 * Whether every fold of the debrief is open (kept as the volunteer opens and closes them one by
 * one: a toggle event does not bubble, so it is heard on its way down), and a way to open or close all.
 */
function useAllOpen(article: RefObject<HTMLElement | null>): [boolean, (open: boolean) => void] {
  const [allOpen, setAllOpen] = useState(false);
  const folds = () => [...(article.current?.querySelectorAll('details') ?? [])];
  useEffect(() => {
    const el = article.current;
    if (!el) return;
    const update = () => setAllOpen(folds().every((d) => d.open));
    el.addEventListener('toggle', update, true);
    return () => el.removeEventListener('toggle', update, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- folds reads the article's DOM
  }, [article]);
  return [allOpen, (open) => {
    for (const d of folds()) d.open = open;
    setAllOpen(open);
  }];
}

/**
 * The debrief: the outcome and score first, the ending, critical violations, the principles to work
 * on; then each decision and the paths beside best practice. On a phone it was fourteen screens: each
 * decision's feedback, what each principle to work on asks, and the table of paths are folded
 * (native <details>, opened on demand, all open on paper and in the Markdown file as before).
 */
export function Debrief({ scenario, debrief, mode, recorded, inTabOnly = false, recordsLeft = false, whatIf, offerRecords = true, onTryAgain, again, back, backToYours, onWhatIf, voice = 'you', lead, readingPlace }: DebriefProps) {
  const m = useMemo(() => debriefModel(scenario, debrief), [scenario, debrief]);
  const v = VOICE_WORDS[voice];
  const room = voice === 'room';
  const article = useRef<HTMLElement>(null);
  useOpenForPrint(article);
  useReadingPlace(article, readingPlace !== undefined, readingPlace === 'fresh');
  const [allOpen, setAllOpen] = useAllOpen(article);
  // The file last downloaded, said beside the button.
  const downloaded = useDownloadNote();
  const matched = m.paths.filter((p) => p.same).length;
  return (
    <article className="debrief" aria-labelledby="debrief-heading" ref={article}>
      <h1 id="debrief-heading" tabIndex={-1}>{whatIf ? 'What-if debrief' : 'Debrief'}: {m.title}</h1>
      {/* A phone's debrief is a dozen screens or more: the parts named at the top, each a button that
          moves the focus (and the screen) to its heading. Buttons, not links: the address's hash is
          the app's route, so a link "#outcome" copied or opened in a new tab led to the first page,
          and a debrief on the play page has no address of its own to come back to. */}
      <nav className="on-this-page no-print" aria-label="Parts of this debrief">
        <ul>
          {[
            ['outcome-heading', 'Outcome'],
            ...(m.ending ? [['ending-heading', 'Ending']] : []),
            ['critical-heading', `Critical violations${m.critical.length === 0 ? ': none' : ''}`],
            ['principles-heading', 'Principles'],
            ['transcript-debrief-heading', TRANSCRIPT_HEADING],
            ['paths-heading', pathBesideWords(voice)],
            ['debrief-next', 'What next'],
          ].map(([id, words]) => (
            <li key={id}><button type="button" onClick={() => goToPart(id!)}>{words}</button></li>
          ))}
        </ul>
      </nav>
      {/* One press for a reader who wants it all (a desktop's, a second reading): each fold opened, or each closed again. */}
      <p className="no-print fold-all">
        <button type="button" aria-expanded={allOpen} onClick={() => setAllOpen(!allOpen)}>{allOpen ? 'Hide all details' : 'Show all details'}</button>
      </p>
      {lead}
      <section aria-labelledby="outcome-heading" className={`outcome band-${m.outcome.band}`}>
        <h2 id="outcome-heading" tabIndex={-1}>Outcome: {m.outcome.label}</h2>
        <p>{m.outcome.reason}</p>
        <div className="score-bar" aria-hidden="true"><div className="score-fill" style={{ width: `${m.score.percent}%` }} /></div>
        <p className="score-text"><strong>Score:</strong> {scoreWords(m.score)}</p>
        <p className="hint">
          {room ? 'Trainer-led session: not added to My records.' : (
            <>
              {mode === 'assessment' ? 'Assessment mode. ' : 'Practice mode. '}
              {whatIf ? 'This was a what-if replay: not added to your records.' : recorded ? (recordsLeft === 'newer' ? RECORDS_NEWER : recordsLeft ? RECORDS_LEFT : inTabOnly ? 'Added to My records in this tab only: this browser is not keeping them (see the notice at the top of the page).' : 'Added to My records.') : 'Not added to your records.'}
            </>
          )}
        </p>
      </section>
      {m.ending && (
        <section aria-labelledby="ending-heading">
          <h2 id="ending-heading" tabIndex={-1}>Ending: {m.ending.title}</h2>
          <p className="narration">{m.ending.narration}</p>
        </section>
      )}
      <section aria-labelledby="critical-heading">
        <h2 id="critical-heading" tabIndex={-1}>Critical violations</h2>
        {m.critical.length === 0 ? <p>None.</p> : (
          // Named here once each, with where: the reply and its feedback are in the replies below
          // (they were here too, and again under "To work on": three times on a phone's screens).
          // A list to every screen reader where its markers are not drawn (large text on a narrow
          // screen, styles.css): Safari's VoiceOver drops a list's role with its list-style.
          <ul className="critical" role="list">
            {criticalGroups(m.critical).map((c) => (
              <li key={c.title}>
                <strong>✗ {c.title}</strong> ({guideCitation(c.section)}){c.turns.length === 0 ? '.' : <>: see {c.turns.map((t, j) => (
                  <Fragment key={t}>
                    {j > 0 && (j === c.turns.length - 1 ? ' and ' : ' ')}
                    {/* A button in the sentence (drawn as words, link-like): see the part links above. */}
                    <InTextButton after={j < c.turns.length - 2 ? ',' : ''} onClick={() => goToPart(`${decisionId(t)}-heading`, decisionId(t))}>
                      decision {t + 1} ({quotedTitle(m.turns[t]?.where ?? '')})
                    </InTextButton>
                  </Fragment>
                ))} below.</>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="principles-heading">
        <h2 id="principles-heading" tabIndex={-1}>Principles of the guide</h2>
        {/* Each principle once, with what the guide asks (a table of the same principles stood above these lists). */}
        {/* What to practise first: each principle named, with what happened; what the guide asks is
            opened on demand (each was a paragraph: nine of them, 1,400 px on a phone). */}
        {m.growthAreas.length > 0 && <><h3>To work on</h3><ul className="growth">{m.growthAreas.map((s, i) => {
          const { lead, rule } = growthParts(inVoice(s, voice));
          // Where its chances were missed, each decision a link into the transcript below, as a
          // critical violation's is (outside the fold: a button inside a summary would open it).
          const missed = missedWhereParts(m.growthWhere[i] ?? [], (t) => m.turns[t]?.where ?? '');
          return (
            <li key={i}>
              {rule ? <details><summary>{lead}</summary>{' '}<p>{rule}</p></details> : lead}
              {missed.length > 0 && <p className="missed-where">{missed.map((p, k) => {
                // The punctuation after a decision ("." ending the sentence, the "," of a list or
                // of ", where the chance was …") kept on its button's last row: see InTextButton.
                const [after, rest] = leadingPunctuation(`${p.after}${missed[k + 1]?.before ?? ''}`);
                return (
                  <Fragment key={p.turn}>
                    {k === 0 && p.before}
                    <InTextButton after={after} onClick={() => goToPart(`${decisionId(p.turn)}-heading`, decisionId(p.turn))}>{p.decision}</InTextButton>
                    {rest}
                  </Fragment>
                );
              })}</p>}
            </li>
          );
        })}</ul></>}
        {m.strengths.length > 0 && <><h3>Strengths</h3><ul className="strengths">{m.strengths.map((s, i) => <li key={i}>{inVoice(s, voice)}</li>)}</ul></>}
        {m.principles.length === 0 && <p>No principle of the guide came up.</p>}
      </section>
      <section aria-labelledby="transcript-debrief-heading">
        <h2 id="transcript-debrief-heading" tabIndex={-1}>{TRANSCRIPT_HEADING}</h2>
        <ol className="annotated">
          {m.turns.map((t, i) => (
            <li key={i} id={decisionId(i)}>
              {/* Focused from the critical violations above, which point here. */}
              <h3 id={`${decisionId(i)}-heading`} tabIndex={-1}>{t.where}</h3>
              <p>{choseWords(voice, t.reply, t.said)} ({signed(t.value)}; best here {signed(t.bestValue)})</p>
              {/* Folded: the guide's principles the reply kept to or went against, and its feedback
                  (a critical violation's link above opens it). The summary names the decision to a
                  screen reader, which lists it among the page's buttons. */}
              <details className="turn-details">
                <summary className="no-print">Feedback on this reply<span className="sr-only"> (decision {i + 1})</span></summary>
                <ul className="verdicts">{t.verdicts.map((v, j) => <li key={j} className={v.verdict}>{VERDICT_WORDS[v.verdict]} {v.title} <span className="cite">({citationWords(v.citation, v.critical)})</span></li>)}</ul>
                <p className="feedback-text">{t.feedback}</p>
              </details>
              {onWhatIf && <button type="button" id={whatIfId(i)} className="no-print" onClick={() => onWhatIf(i)}>What if: replay from here<span className="sr-only"> (decision {i + 1}: {t.where})</span></button>}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="paths-heading">
        <h2 id="paths-heading" tabIndex={-1}>{pathBesideWords(voice)}</h2>
        {/* How often, in a line; each decision's best-practice reply beside yours, opened on demand. */}
        {/* (The room's is in presenter mode's lead, above.) */}
        {!room && m.paths.length > 0 && <p>{roomMatchWords(matched, m.paths.length, 'Your reply was')}</p>}
        <details className="paths-details">
        <summary className="no-print">Each decision&rsquo;s best-practice reply beside {room ? "the room's" : 'yours'}, and the best-practice path</summary>
        <TableWrap label={`${pathBesideWords(voice)}, table`}>
          {/* A table at a desktop's width and on paper. On a phone's (styles.css) each decision is a
              block of its own, the replies at the full width under it, each cell with a label of its
              column (.cell-label, shown there only, hidden from screen readers, which name the column
              from its header): three narrow columns made it the longest part of the debrief, about
              4,100 px at 390 px wide. The roles are the elements' own, said again so that a browser
              that drops a table's semantics when it is not displayed as a table (Safari) keeps them. */}
          <table className="paths" role="table">
            <thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">Decision</th><th scope="col" role="columnheader">{v.reply}</th><th scope="col" role="columnheader">Best practice here</th></tr></thead>
            <tbody role="rowgroup">
              {m.paths.map((p, i) => (
                <tr key={i} role="row">
                  <th scope="row" role="rowheader">{i + 1}. {p.where}</th>
                  {/* An action is "Do: …" here too, as in the replies above: never read as words to say. */}
                  <td role="cell"><span className="cell-label" aria-hidden="true">{v.reply}: </span>{pathCell(p.yours)}</td>
                  <td role="cell"><span className="cell-label" aria-hidden="true">Best practice here: </span>{p.same ? '✓ the same' : pathCell(p.best)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <h3>The best-practice path from the start</h3>
        {/* What the table has not said: its decisions in a line, the others in a list numbered from
            where it starts (the steps' own numbers, read out and printed as such). */}
        {bestPathSays(m, voice).map((part, k) => ('line' in part
          ? <p key={k}>{part.line}</p>
          : <ol key={k} start={part.steps[0]?.n}>{part.steps.map((s) => <li key={s.n}><strong>{s.where}:</strong> {quotedReply(s.reply, s.said)} ({signed(s.value)})</li>)}</ol>))}
        </details>
      </section>
      <h2 id="debrief-next" className="no-print" tabIndex={-1}>What next</h2>
      <p className="controls">
        {again !== undefined ? again : <button type="button" className="primary" onClick={onTryAgain}>Try again</button>}
        {backToYours && <button type="button" onClick={backToYours}>Back to your debrief</button>}
        {room ? <a className="button" href={hrefOf({ page: 'presenter' })}>Back to presenter mode</a> : (
          <>
            {/* The same Markdown file the terminal writes at its debrief, made in the page (nothing is sent). */}
            <button type="button" onClick={() => {
              const files = debriefExport(scenario, debrief, new Date(), { mode, whatIf, recorded });
              const file = `${files.baseName}.md`;
              downloadText(file, files.markdown, 'text/markdown');
              downloaded.say(`Debrief downloaded: ${file}.`);
            }}>Download this debrief</button>
            {offerRecords && <a className="button" href={hrefOf({ page: 'records' })}>My records</a>}
            {back ?? <a className="button" href={hrefOf({ page: 'library' })}>Back to the scenarios</a>}
          </>
        )}
      </p>
      {/* Said beside the button, as My records says its downloads (useDownloadNote). */}
      {!room && downloaded.note}
    </article>
  );
}
