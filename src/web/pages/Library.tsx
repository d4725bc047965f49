import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { watcherOf } from '../adapters/local-store.js';
import { cleanLine, continueChoices, debriefKey, DEBRIEFS_PREFIX, isEntry, leftOutWords, newerSaveAt, newerSavesWords, outdatedAtSight, quickEntry, RECORDS_KEY, saveKey, saveSummary, sortEntries, type CatalogEntry, type LeftOut, type SaveSummary, type SessionMode } from '../../machines/light.js';
import { Announce } from '../components/Announce.js';
import { linkingRecords } from '../components/SetAside.js';
import { hrefOf, useFollowedLink } from '../routing.js';
import { idOf, scenarioTexts } from '../scenarios.js';
import { sharedIds, stemOf } from '../shared-ids.js';
import { NEWER_SAVE_TODO_HERE, recordsNoticeThisVisit, unusableSaveWords } from '../storage-words.js';
import { useStore } from '../store.js';
import { useFailPage, usePageLoading } from '../page-failure.js';
import { readRecordsHere } from '../records-guard.js';
import { useNowOnReturn } from '../today.js';

/**
 * A save waiting to be continued: where it stopped and when (none for a save that cannot be summed
 * up, a damaged one, which the play page explains). Its words are made as the page is drawn
 * (continueWords), "saved 2 hours ago" following the clock.
 */
interface Saved {
  summary?: Pick<SaveSummary, 'replies' | 'savedAt' | 'mode'>;
  /**
   * Why opening the scenario would not continue the save (it starts again instead, and says so): made
   * with another version of the scenario (seen at once, outdatedAtSight) or changed under the same
   * one, or damaged (found after the first frame: unusableSaves). No Continue link is offered for it.
   */
  unusable?: 'outdated' | 'damaged';
}

interface Listing {
  /**
   * saved: the save a link continues (its words: continueWords; its mode is the address that link
   * opens: a practice address opened a saved assessment with the words said where a link asked for
   * the other mode: "was waiting, so it goes on here").
   * newerSave: the line saying that a newer version of casa-practice wrote its save (this tab cannot
   * continue it: no Continue link is offered, and playing it from the beginning is not saved).
   */
  entries: (CatalogEntry & { saved?: Saved; newerSave?: string; debrief: boolean; sharedWith?: string[] })[];
  leftOut: LeftOut[];
  notice?: string;
  /** When the saves were read: a save read since the page's clock was (another tab's) is not "saved in the future". */
  readAt: Date;
}

/**
 * The words of a save's Continue link, and where it stopped and when, as of `now`. A save that
 * cannot be continued has no Continue link (`label`): `unusable` says why, before the click.
 */
function continueWords(saved: Saved | undefined, now: Date): { label?: string; where?: string; mode?: SessionMode; unusable?: string } {
  if (!saved) return {};
  const where = saved.summary && continueChoices(saved.summary, now).where;
  if (saved.unusable) return { where, mode: saved.summary?.mode, unusable: unusableSaveWords(saved.unusable, where) };
  if (!saved.summary) return { label: 'Continue where you stopped' };
  return { label: continueChoices(saved.summary, now).continueLabel, where, mode: saved.summary.mode };
}

/** Every bundled scenario as a card, read without the validator (the first page stays light). */
export function Library() {
  const store = useStore();
  const [listing, setListing] = useState<Listing>();
  const fail = useFailPage();
  usePageLoading(listing === undefined);
  // "saved 5 minutes ago" as of the volunteer's return to the page, or of the saves' last reading.
  const shownAt = useNowOnReturn();
  const now = listing && listing.readAt > shownAt ? listing.readAt : shownAt;
  // Come back to by the browser's Back, the link that was followed has the focus again (useFollowedLink).
  const cards = useFollowedLink(listing !== undefined);
  // Read again whenever another tab changes what the cards say (a step, a finish or a start again
  // there: a save, the records, a kept debrief), as the browser tells this tab (LocalStore.watch):
  // the page went on offering "Continue where you stopped" for a scenario finished in another tab.
  const [changes, setChanges] = useState(0);
  const ids = listing?.entries.map((e) => e.id).join('\n');
  useEffect(() => {
    const watch = watcherOf(store);
    if (!watch || ids === undefined) return;
    const heard = () => setChanges((n) => n + 1);
    const keys = [RECORDS_KEY, ...ids.split('\n').flatMap((id) => [saveKey({ scenario: { id } }), debriefKey({ scenario: { id } })])];
    const stops = keys.map((key) => watch(key, heard));
    return () => stops.forEach((stop) => stop());
  }, [store, ids]);
  // A "Continue: …" link of In progress that had the focus and is gone as the page is read again (the
  // scenario finished or started again elsewhere): the focus goes to that scenario's card, its first
  // link, and not to the document's body (the next Tab from the top of the page).
  const focusedGoOn = useRef<string>(undefined);
  useLayoutEffect(() => {
    const id = focusedGoOn.current;
    focusedGoOn.current = undefined;
    if (id === undefined || (document.activeElement && document.activeElement !== document.body)) return;
    document.querySelector<HTMLElement>(`.cards a[data-id="${CSS.escape(id)}"]`)?.focus();
  }, [listing]);
  useEffect(() => {
    let live = true;
    scenarioTexts().then((texts) => {
      if (!live) return;
      focusedGoOn.current = document.activeElement?.closest('.in-progress a')?.getAttribute('data-id') ?? undefined;
      const read = readRecordsHere(store);
      const { records } = read;
      const notice = recordsNoticeThisVisit(store, read);
      // The last debrief of each finished scenario is kept (the core's keepDebrief): it can be opened again.
      const kept = keptDebriefs();
      const all = texts.map((t) => quickEntry(t.file, t.text, records));
      // Files sharing an id: every card of it opens the first (bundledById), each card says so.
      const shared = sharedIds(texts.map((t) => ({ file: t.file, id: idOf(t.text) })));
      const entries = sortEntries(all.filter(isEntry)).map((e) => ({ ...e, ...savedLink(e), debrief: kept.has(debriefKey({ scenario: { id: e.id } })), sharedWith: shared.get(e.id) }));
      setListing({ entries, leftOut: all.filter((e): e is LeftOut => !isEntry(e)), notice, readAt: new Date() });
      checkSaves(texts, entries.filter((e) => e.saved && !e.saved.unusable).map((e) => e.id));
    }).catch((e: unknown) => live && fail(e));
    return () => {
      live = false;
    };
    function keptDebriefs(): Set<string> {
      try {
        return new Set(store.list(DEBRIEFS_PREFIX).map((k) => k.key));
      } catch {
        return new Set();
      }
    }
    /**
     * Each save the first frame offers to continue, checked as opening it would check it (replayed:
     * the core is loaded for it, after the first frame): one that cannot be continued (changed under
     * the same version, its values edited) is then said so. Not checked, it still opens, and its page says why.
     */
    function checkSaves(texts: Awaited<ReturnType<typeof scenarioTexts>>, ids: string[]): void {
      if (ids.length === 0) return;
      import('../bundled-loader.js').then(({ unusableSaves }) => {
        if (!live) return;
        const found = unusableSaves(store, texts, ids);
        if (found.size > 0) setListing((l) => l && { ...l, entries: l.entries.map((e) => e.saved && found.has(e.id) ? { ...e, saved: { ...e.saved, unusable: found.get(e.id) } } : e) });
      }).catch(() => undefined);
    }
    function savedLink({ id, title, version }: CatalogEntry): { saved?: Saved; newerSave?: string } {
      const key = saveKey({ scenario: { id } });
      try {
        if (store.read(key) === undefined) return {};
      } catch {
        return {};
      }
      // Written by a newer version (this tab left open after an update): said, not offered to continue.
      if (newerSaveAt(store, key) !== undefined) return { newerSave: newerSavesWords([title], false, NEWER_SAVE_TODO_HERE) };
      // A save that cannot be summed up (damaged) still opens: the play page says what is wrong with it.
      const summary = saveSummary(store, key);
      // Made with another version of the scenario (updated since): said at once, with no Continue link.
      return { saved: { summary, ...(summary && outdatedAtSight(summary, version) ? { unusable: 'outdated' as const } : {}) } };
    }
  }, [store, fail, changes]);
  return (
    <>
      <h1>Practise a conversation</h1>
      <p className="lede">
        Meet a youth in a short scenario, choose what to say or do, and see how each reply fits the CASA in-service guide on
        commercial sexual exploitation of children (CSEC), with the guide's section cited. Nothing you do here leaves this
        device: there is no account, and your progress is kept only in this browser.
      </p>
      {/* Announced: it comes after the page has opened, once the scenarios are read. */}
      {listing?.notice && <Announce>{linkingRecords(listing.notice)}</Announce>}
      {listing && <InProgress entries={listing.entries} now={now} />}
      {/* Said once, above the cards (on each of the 13 cards a screen reader read it 13 times); only while some card offers both modes. */}
      {listing?.entries.some((e) => !e.saved || e.saved.unusable) && <p className="hint">Each scenario can be played in practice or as an assessment. Practice shows feedback after each reply and lets you undo; assessment holds feedback until the debrief.</p>}
      {!listing ? <p>Loading scenarios…</p> : (
        <ul className="cards" aria-label="Scenarios" ref={cards.ref} onClick={cards.onClick}>
          {listing.entries.map((e) => ({ e, go: continueWords(e.saved, now) })).map(({ e, go }) => (
            <li key={e.file} className="card">
              {/* The card's words, which take the room a longer card beside it leaves: its buttons stay at its foot (styles.css). */}
              <div className="card-body">
                <h2>{e.title}</h2>
                <p className="meta">
                  {/* Separate phrases read aloud too: a full stop after each, for screen readers only (flex gaps are silent). */}
                  <span>About {e.minutes} minutes<span className="sr-only">. </span></span>
                  <span>{e.completed ? `Completed · best score ${e.bestPercent ?? 0}%` : 'Not completed yet'}<span className="sr-only">.</span></span>
                </p>
                <p>{e.summary}</p>
                <p className="content-note"><strong>Content note:</strong> {e.contentNote}</p>
                {e.sharedWith && <SharedId file={e.file} id={e.id} files={e.sharedWith} />}
                {e.newerSave && <p className="notice">{e.newerSave}</p>}
                {go.unusable && <p className="notice">{go.unusable}</p>}
              </div>
              {/* Nothing to press on paper (a printed list of the scenarios): no-print. */}
              <p className="actions no-print">
                {/* Named with the title in one string: a visually hidden ": title" inside the link is laid out as a block, and Chromium put a space before its colon. */}
                <a className="button primary" data-id={e.id} href={hrefOf({ page: 'play', id: e.id, mode: go.label ? go.mode ?? 'practice' : 'practice' })} aria-label={`${go.label ?? 'Practise'}: ${e.title}`}>{go.label ?? 'Practise'}</a>
                {!go.label && <a className="button" href={hrefOf({ page: 'play', id: e.id, mode: 'assessment' })} aria-label={`Assessment: ${e.title}`}>Assessment</a>}
              </p>
              {e.debrief && <p className="actions no-print"><a className="button" href={hrefOf({ page: 'debrief', id: e.id })} aria-label={`See your last debrief: ${e.title}`}>See your last debrief</a></p>}
            </li>
          ))}
        </ul>
      )}
      {listing && leftOutWords(listing.leftOut) && <p className="notice">{leftOutWords(listing.leftOut)}</p>}
    </>
  );
}

/**
 * The scenarios with a save waiting, above the cards: a volunteer who closed the tab mid-scenario and
 * opened the app again found nothing at the top of the first page to say so, the card's "Continue
 * where you stopped" being wherever its title sorts (What Kiara tells you: the 15th of 16 cards,
 * 9,000 px down on a phone). Each links to where it stopped, as its card's Continue link does.
 */
function InProgress({ entries, now }: { entries: Listing['entries']; now: Date }) {
  // A save a newer version wrote is listed as what it is, with no Continue link (this tab cannot continue it).
  const saved = entries.filter((e) => e.saved !== undefined || e.newerSave !== undefined);
  if (saved.length === 0) return null;
  return (
    <section className="in-progress no-print" aria-labelledby="in-progress-heading">
      <h2 id="in-progress-heading">In progress</h2>
      <ul>
        {saved.map((e) => ({ e, go: continueWords(e.saved, now) })).map(({ e, go }) => (
          <li key={e.file}>
            {/* One that cannot be continued: a link that says what it does (start again, in its mode), and why. */}
            {e.newerSave ?? <a data-id={e.id} href={hrefOf({ page: 'play', id: e.id, mode: go.mode ?? 'practice' })}>{go.unusable ? 'Start again' : 'Continue'}: {e.title}</a>}
            {go.unusable ? <>. {go.unusable}</> : go.where && <> ({go.where})</>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * On the card of a file that shares its id with other files of the app: which one the card opens
 * (the first by file name: the app opens a scenario by its id), that this browser keeps one save and
 * one set of records for them, and the fix, with a link that checks a file of them on the Preview
 * page (which warns of it: duplicate-scenario-id). The file named after the id is the one copied:
 * the link checks another (the Preview leaves the warning to the copy, as the command line does).
 */
function SharedId({ file, id, files }: { file: string; id: string; files: string[] }) {
  const others = files.filter((f) => f !== file);
  const opens = files[0] ?? file;
  const names = `${others.slice(0, 3).map(cleanLine).join(', ')}${others.length > 3 ? ', …' : ''}`;
  const kept = `one saved playthrough and one set of completion records (best score, times finished) are kept for ${files.length === 2 ? 'both' : `all ${files.length}`}`;
  const check = stemOf(file) !== id ? file : others.find((f) => stemOf(f) !== id) ?? opens;
  return (
    <p className="notice">
      {`${names} ${others.length === 1 ? 'has' : 'have'} this scenario's id, "${cleanLine(id)}", too. In this browser a scenario opens by its id, so `}
      {opens === file ? `only this file, ${cleanLine(file)}, is played, and ${kept}.` : `this card opens ${cleanLine(opens)}, not ${cleanLine(file)}, and ${kept}.`}
      {' Give one of them an id of its own: '}
      <a href={hrefOf({ page: 'preview', file: check })}>{`Check ${cleanLine(check)} on the Preview page`}</a>.
    </p>
  );
}
