import { useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react';
import { cleanLine, localDate, localTime, roomLossWords, roomMadeWords, saveSummary, type PlaythroughRecord, type Store } from '../../machines/light.js';
import { isReplacedSaveKey, restoreRefusal, restoreReplacedSave, RESTORE_NO_ROOM } from '../../machines/index.js';
import { downloadText } from '../download.js';
import { asideCopy, copiesHeading, entrySizeWords, keptKind, partSizeWords, ROOM_HEADING, sizeWords, slotScenarioId, utf8Length, type AsideCopy, type KeptKind } from '../kept-here.js';
import { hrefOf, useFollowedLink } from '../routing.js';
import { scenarioTexts } from '../scenarios.js';
import { useStoreProblem } from '../store.js';
import { ConfirmPanel, useConfirmation } from './Confirm.js';

/**
 * My records' account of what the app keeps in this browser ("Room in this browser"): how much room
 * each kind of value takes (of the limit the web store counts for everything, WEB_STORE_MAX_BYTES)
 * and where each can be removed; then, under headings of their own in that section, each scenario in
 * progress, presenter session and last debrief, to remove once asked, and every copy set aside (damaged or outdated
 * records, saves, last debriefs, presenter sessions), each with its size and date, to download or
 * to remove once asked. The limit's refusal (local-store) and the notices that a value was set aside
 * send the volunteer here. A value removed makes room, and the store then writes what this tab was
 * keeping unsaved: said with the removal.
 */

/** A store that says what it holds unsaved (the web store: LocalStore.pending), else none. */
function pendingIn(store: Store): string[] {
  const pending = (store as { pending?: () => string[] }).pending;
  try {
    return typeof pending === 'function' ? pending.call(store) : [];
  } catch {
    return [];
  }
}

/** The keys under a prefix, or none when the storage cannot be listed. */
function safeList(store: Store, prefix: string): { key: string; modified: number }[] {
  try {
    return store.list(prefix);
  } catch {
    return [];
  }
}

function safeRead(store: Store, key: string): string | undefined {
  try {
    return store.read(key);
  } catch {
    return undefined;
  }
}

interface Kept {
  /** Bytes by kind. */
  bytes: Record<KeptKind, number>;
  /** Values by kind. */
  count: Record<KeptKind, number>;
  copies: (AsideCopy & { bytes: number })[];
  /** Each scenario in progress, presenter session and last debrief, newest first: each can be removed. */
  values: KeptValue[];
  total: number;
}

/** The kinds of value My records lists one by one, each to remove once asked. */
type ValueKind = 'progress' | 'presenter' | 'debrief';
const isValueKind = (kind: KeptKind): kind is ValueKind => kind === 'progress' || kind === 'presenter' || kind === 'debrief';

/**
 * A scenario in progress, a presenter session or a last debrief kept: its key, its scenario's slot,
 * its size and when it was written (0: not known). `room`: for a presenter session, how far the room
 * went in it, when its text says (read as data only: the decisions made, votes entered, finished).
 */
interface KeptValue {
  key: string;
  kind: ValueKind;
  slot: string;
  bytes: number;
  modified: number;
  room?: RoomStage;
}

/** How far a kept presenter session went: the decisions the room made, whether votes are entered at the one on screen, whether it finished. */
interface RoomStage {
  made: number;
  votesEntered: boolean;
  finished: boolean;
}

/** A presenter session's stage, read from its text (a kept session's own fields, as keptFacilitation reads them); undefined when it cannot be read. */
function roomStage(text: string | undefined): RoomStage | undefined {
  if (text === undefined) return undefined;
  try {
    const raw = JSON.parse(text) as { format?: unknown; current?: { votes?: unknown }; session?: { snapshot?: { status?: unknown; context?: { transcript?: unknown } } } } | null;
    const transcript = raw?.session?.snapshot?.context?.transcript;
    if (raw?.format !== 'casa-practice-facilitation' || !Array.isArray(transcript)) return undefined;
    const votes = raw.current?.votes;
    const votesEntered = typeof votes === 'object' && votes !== null && Object.values(votes).some((n) => typeof n === 'number' && n > 0);
    return { made: transcript.length, votesEntered, finished: raw.session?.snapshot?.status === 'done' };
  } catch {
    return undefined;
  }
}

const NONE = (): Record<KeptKind, number> => ({ records: 0, progress: 0, debrief: 0, presenter: 0, copy: 0, other: 0 });

/** The values kept and their sizes: the web store's own count (what is stored, as the limit counts it), else each value read. */
function sizesIn(store: Store): Map<string, number> {
  const stored = (store as { stored?: () => { key: string; bytes: number }[] }).stored;
  if (typeof stored === 'function') {
    try {
      return new Map(stored.call(store).map((v) => [v.key, v.bytes]));
    } catch {
      return new Map();
    }
  }
  const sizes = new Map<string, number>();
  for (const { key } of safeList(store, '')) {
    const text = safeRead(store, key);
    if (text !== undefined) sizes.set(key, utf8Length(text));
  }
  return sizes;
}

/**
 * When a scenario in progress was saved: the save's own time where it says one (as the Scenarios
 * page's "saved 7 days ago" reads it, saveSummary), else when the store wrote it (`written`; 0: not
 * known). A save loaded from a backup is written when the backup is loaded: listed by that, every
 * scenario in progress of a backup loaded in a new browser read "saved on" that moment.
 */
function savedTime(store: Store, key: string, written = 0): number {
  const savedAt = saveSummary(store, key)?.savedAt;
  return savedAt === undefined ? written : Date.parse(savedAt);
}

/** What the store keeps, by kind, and every copy set aside. */
function keptIn(store: Store): Kept {
  const bytes = NONE();
  const count = NONE();
  const copies: Kept['copies'] = [];
  const values: KeptValue[] = [];
  const modified = new Map(safeList(store, '').map((v) => [v.key, v.modified]));
  let total = 0;
  for (const [key, n] of sizesIn(store)) {
    const kind = keptKind(key);
    bytes[kind] += n;
    count[kind] += 1;
    total += n;
    const copy = kind === 'copy' ? asideCopy(key, modified.get(key) ?? 0) : undefined;
    if (copy) copies.push({ ...copy, bytes: n });
    const slot = isValueKind(kind) ? /^[^/]+\/(.+)\.json$/.exec(key)?.[1] : undefined;
    if (slot === undefined || !isValueKind(kind)) continue;
    const room = kind === 'presenter' ? roomStage(safeRead(store, key)) : undefined;
    values.push({ key, kind, slot, bytes: n, modified: kind === 'progress' ? savedTime(store, key, modified.get(key)) : modified.get(key) ?? 0, ...(room ? { room } : {}) });
  }
  copies.sort((a, b) => b.at.localeCompare(a.at) || a.key.localeCompare(b.key));
  values.sort((a, b) => b.modified - a.modified || a.key.localeCompare(b.key));
  return { bytes, count, copies, values, total };
}

/** What a copy is, in words: "the damaged records", "the outdated save of “Youth discloses”". */
function copyLabel(copy: AsideCopy, title: (slot: string) => string): string {
  if (copy.kind === 'records') return `the ${copy.why} records`;
  const of = copy.slot !== undefined ? ` of “${title(copy.slot)}”` : '';
  if (copy.kind === 'progress') return `the ${copy.why} save${of}`;
  if (copy.kind === 'debrief') return `the ${copy.why} last debrief${of}`;
  if (copy.kind === 'presenter') return `the ${copy.why} presenter session${of}`;
  return `the ${copy.why} copy of ${cleanLine(copy.of).slice(0, 80)}`;
}

/** The file a copy is downloaded as: the records' as before (casa-practice-damaged-records-<date>.json). */
function copyFileName(copy: AsideCopy): string {
  const date = localDate(copy.at);
  if (copy.kind === 'records') return `casa-practice-damaged-records-${date}.json`;
  const what = copy.kind === 'progress' ? 'save' : copy.kind === 'presenter' ? 'presenter-session' : copy.kind === 'debrief' ? 'debrief' : 'copy';
  const slot = (copy.slot ?? '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `casa-practice-${copy.why}-${what}${slot ? `-${slot}` : ''}-${date}.json`;
}

/** What a list of keys held unsaved is, in words ("your records and your progress"), or undefined for none. */
function unsavedWords(keys: readonly string[]): string | undefined {
  const kinds = new Set(keys.map(keptKind));
  const parts = [
    kinds.has('records') && 'your records',
    kinds.has('progress') && 'your progress in a scenario',
    kinds.has('presenter') && 'the presenter session',
    kinds.has('debrief') && 'the last debrief',
    kinds.has('other') && 'a setting',
  ].filter((p): p is string => typeof p === 'string');
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

const capital = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** News said in My records' room: a new paragraph each time (`n`), read out again. */
interface Said { text: string; alert?: boolean; n: number }

/**
 * One copy set aside: its size and date, download it, or remove it once asked (what is lost said
 * first); a save a loaded backup replaced can be restored too, once asked (`onRestore`, with whether
 * there is a save there now that restoring it sets aside).
 */
function CopySetAside({ copy, label, downloaded, onDownload, onRemove, restore, notRestorable, news, size = sizeWords(copy.bytes) }: { copy: AsideCopy & { bytes: number }; label: string; downloaded: boolean; onDownload(): void; onRemove(): void; restore?: { saveHere: boolean; title: string; onRestore(): void }; notRestorable?: string; news?: Said; /** Its size in words: its share of its kind's line in the room (entrySizeWords), the whole line when it is the only one. */ size?: string }) {
  const panelId = useId();
  const restoreId = useId();
  const confirmation = useConfirmation();
  const restoring = useConfirmation();
  const when = `${localDate(copy.at)}, ${localTime(copy.at)}`;
  const what = `${label} set aside on ${when}`;
  return (
    <li onKeyDown={(e) => {
      confirmation.onEscape(e);
      restoring.onEscape(e);
    }}>
      <button type="button" onClick={onDownload}>Download {what}</button>{' '}
      <span className="hint">({size})</span>{' '}
      {restore && (
        <>
          <button type="button" {...restoring.trigger(restoreId)}>Restore this save{' '}<span className="sr-only">({what})</span></button>{' '}
        </>
      )}
      <button type="button" {...confirmation.trigger(panelId)}>Remove this copy{' '}<span className="sr-only">({what})</span></button>
      {notRestorable !== undefined && <p className="hint">This save cannot be restored: {notRestorable}.</p>}
      {/* What became of its download, beside the button that keeps the focus (verfinalweb-44). */}
      <div aria-live="polite">{news && !news.alert && <p key={news.n} className="notice">{news.text}</p>}</div>
      {news?.alert && <p key={news.n} className="notice" role="alert">{news.text}</p>}
      {restore && restoring.open && (
        <ConfirmPanel id={restoreId} level={4} confirmation={restoring} title={`Restore ${what}?`} keepLabel="Keep things as they are" confirmLabel="Restore it"
          onConfirm={() => {
            restoring.close();
            restore.onRestore();
          }}>
          Your progress in “{restore.title}” goes back to where this save left off.
          {restore.saveHere
            ? ' The save there now is set aside in its place, not deleted: it is listed here under “Replaced copies”, to restore or download in turn.'
            : ' There is no save of this scenario here now: this one becomes it.'}
        </ConfirmPanel>
      )}
      {confirmation.open && (
        <ConfirmPanel id={panelId} level={4} confirmation={confirmation} title={`Remove ${what}?`} keepLabel="Keep this copy" confirmLabel="Remove it for good"
          onConfirm={() => {
            confirmation.close();
            onRemove();
          }}>
          {downloaded ? 'You downloaded this copy during this visit. ' : 'You have not downloaded this copy during this visit. '}
          Removing it deletes it from this browser for good: what it holds cannot be brought back from here, only from a file you downloaded.
          {copy.kind === 'records' ? ' Your records shown on this page are not changed.' : ' Nothing else kept in this browser is changed.'}
        </ConfirmPanel>
      )}
    </li>
  );
}

/**
 * What removing a presenter session loses, in the words presenter mode's "Start over" uses
 * (roomLossWords): the decisions the room made and the votes entered, or nothing it entered.
 */
function presenterLoss(room: RoomStage | undefined): string {
  const lost = room ? roomLossWords(room.made, room.votesEntered) : 'What the room entered in it';
  const first = lost ? `${lost} will be lost, and presenter mode starts this scenario from the beginning the next time. Download the summary so far in presenter mode first if you want to keep it.` : 'The room had entered nothing in it yet, so nothing the room did is lost: presenter mode starts this scenario from the beginning the next time.';
  return `Removing it deletes this presenter session from this browser for good. ${first} Your records are not changed.`;
}

/** The words for a scenario in progress, a presenter session or a last debrief kept, and for removing it. */
function valueWords(value: KeptValue, title: string, notHere = false): { label: string; what: string; button: string; keep: string; question: string; lost: string } {
  const when = value.modified > 0 ? `${localDate(new Date(value.modified).toISOString())}, ${localTime(new Date(value.modified).toISOString())}` : undefined;
  if (value.kind === 'presenter') {
    const stage = value.room ? (value.room.finished ? ', finished' : `, ${roomMadeWords(value.room.made)}`) : '';
    return {
      label: `“${title}”${stage}${when ? `, kept on ${when}` : ''}`,
      what: `the presenter session of “${title}”`,
      button: 'Remove this presenter session',
      keep: 'Keep this presenter session',
      question: `Remove the presenter session of “${title}”?`,
      lost: presenterLoss(value.room),
    };
  }
  if (value.kind === 'progress') {
    return {
      // Of a scenario this app does not have (a backup from a newer version): kept, but no page here continues it.
      label: `“${title}”${when ? `, saved on ${when}` : ''}${notHere ? ': its scenario is not in this app, so it cannot be continued here' : ''}`,
      what: `your progress in “${title}”`,
      button: 'Remove this progress',
      keep: 'Keep this progress',
      question: `Remove your progress in “${title}”?`,
      lost: `Removing it deletes this progress from this browser for good${notHere ? '' : ': the scenario starts from the beginning the next time you open it'}. Your records are not changed.`,
    };
  }
  return {
    label: `“${title}”${when ? `, kept on ${when}` : ''}`,
    what: `the last debrief of “${title}”`,
    button: 'Remove this debrief',
    keep: 'Keep this debrief',
    question: `Remove the last debrief of “${title}”?`,
    lost: 'Removing it deletes this debrief from this browser for good: it cannot be opened again until you finish the scenario again. Your records (the scenario finished, and its score) are not changed.',
  };
}

/**
 * A scenario in progress, a presenter session or a last debrief: its size, and remove it once asked
 * (what is lost said first). `opens`: where a last debrief is read again (the debrief page, as the
 * Scenarios page's "See your last debrief" opens it), for one that page can open; the list offered
 * only its removal, and a volunteer who came here for it found no way to read it.
 */
function KeptValueItem({ value, title, onRemove, opens, notHere = false, size = sizeWords(value.bytes) }: { value: KeptValue; title: string; onRemove(): void; opens?: string; /** A scenario in progress of a scenario this app does not have. */ notHere?: boolean; /** Its size in words: its share of its kind's line in the room (entrySizeWords), the whole line when it is the only one. */ size?: string }) {
  const panelId = useId();
  const confirmation = useConfirmation();
  const words = valueWords(value, title, notHere);
  return (
    <li onKeyDown={confirmation.onEscape}>
      {words.label} <span className="hint">({size})</span>{' '}
      {opens !== undefined && <><a href={opens}>Read this debrief{' '}<span className="sr-only">({words.what})</span></a>{' '}</>}
      <button type="button" {...confirmation.trigger(panelId)}>{words.button}{' '}<span className="sr-only">({words.what})</span></button>
      {confirmation.open && (
        <ConfirmPanel id={panelId} level={4} confirmation={confirmation} title={words.question} keepLabel={words.keep} confirmLabel="Remove it for good"
          onConfirm={() => {
            confirmation.close();
            onRemove();
          }}>
          {words.lost}
        </ConfirmPanel>
      )}
    </li>
  );
}

/** The lists of My records' "Room in this browser" whose entries can be removed, each under its own heading. */
type ListName = ValueKind | 'copies';

/** Each list of values: its heading, and one of its entries and more, in words (for what is left after a removal). */
const LISTS: Record<ValueKind, { heading: string; one: string; more: string }> = {
  progress: { heading: 'Scenarios in progress', one: 'scenario in progress', more: 'scenarios in progress' },
  presenter: { heading: 'Presenter sessions', one: 'presenter session', more: 'presenter sessions' },
  debrief: { heading: 'Last debriefs', one: 'last debrief', more: 'last debriefs' },
};

/**
 * The "Room in this browser" section of My records: what takes the room, by kind, then, each under a
 * heading of its own in the section, the scenarios in progress, presenter sessions and last debriefs (each to remove) and
 * the copies set aside (each to download or remove; a save a loaded backup replaced, to restore too). The notices that a value was set aside send the
 * volunteer to this section by its heading (SetAsideWhere), so the copies are listed in it, not
 * beside it. `playthroughs` name the scenarios (their titles), with the bundled scenarios' titles
 * once loaded; `version` changes when the page read the store again (a backup loaded, another tab's
 * records).
 */
export function KeptHere({ store, playthroughs, version }: { store: Store; playthroughs: readonly PlaythroughRecord[]; version: number }) {
  const [n, setN] = useState(0);
  // Read again when the store's problem changes too: a write refused, or what was held saved (room made elsewhere).
  const problem = useStoreProblem(store);
  const kept = useMemo(() => (void version, void n, void problem, keptIn(store)), [store, version, n, problem]);
  const unsaved = pendingIn(store);
  const limit = (store as { maxBytes?: number }).maxBytes;
  // The scenarios' titles (see `title`): the bundled scenarios', loaded only when an entry needs one, and the records'.
  const [bundledTitles, setBundledTitles] = useState<ReadonlyMap<string, string>>();
  // Whether they were read (not read, the app's own scenarios are not known, and no save is said to be of another's).
  const [bundledRead, setBundledRead] = useState(false);
  const needsTitles = kept.copies.some((c) => c.slot !== undefined) || kept.values.length > 0;
  useEffect(() => {
    if (!needsTitles || bundledTitles) return;
    let live = true;
    scenarioTexts().then((texts) => {
      const titles = new Map<string, string>();
      for (const t of texts) {
        try {
          const raw = JSON.parse(t.text) as { id?: unknown; title?: unknown };
          if (typeof raw.id === 'string' && typeof raw.title === 'string') titles.set(raw.id, cleanLine(raw.title));
        } catch {
          // A scenario that cannot be read names nothing here.
        }
      }
      if (!live) return;
      setBundledTitles(titles);
      setBundledRead(true);
    }).catch(() => {
      // Not read (offline, the app updated on its host): the ids name them, as nothing else can.
      if (live) setBundledTitles(new Map());
    });
    return () => {
      live = false;
    };
  }, [needsTitles, bundledTitles]);
  // The entries named by a title are listed once the titles are known: listed at once with the id
  // standing in, then named again, a screen reader heard the id, and a button with the focus changed
  // its name under it. The lists' headings and the room's sizes are drawn at once.
  const named = !needsTitles || bundledTitles !== undefined;
  // Come back to by the browser's Back from a debrief opened here ("Read this debrief"), the link
  // followed has the focus again, as on the Scenarios page (useFollowedLink): it was on the page's
  // top, the list of debriefs far below.
  const debriefLinks = useFollowedLink(named && kept.values.some((v) => v.kind === 'debrief'));
  // Every title here is named inside double quotation marks (“…”): its own double marks made single
  // (“A text from her ‘cousin’”), which read as a quotation closed twice (“A text from her “cousin””).
  // One of the app's own scenarios played as it is (its slot the id alone) by the app's title for it,
  // as the Scenarios page and its debrief name it: a practice may be recorded under another (the
  // scenario's title before an update, a backup edited by hand). Other slots (a trainer's own file,
  // a start from a decision) by the records' title first: the app's may be another scenario's.
  const title = (slot: string) => {
    const id = slotScenarioId(slot);
    const own = slot === id ? bundledTitles?.get(id) : undefined;
    return (own ?? playthroughs.find((p) => p.scenarioId === id)?.title ?? bundledTitles?.get(id) ?? cleanLine(id).slice(0, 80)).replace(/“/g, '‘').replace(/”/g, '’');
  };
  const [downloaded, setDownloaded] = useState<ReadonlySet<string>>(new Set());
  // What became of the last entry downloaded or removed, said under its list's heading; a new paragraph
  // each time (read out again). `list`: the list it was removed from, whose heading stays with the news.
  // `at`: the copy it is about when the focus stays on that copy's button (a download), said beside it.
  const [said, setSaid] = useState<Said & { list?: ListName; at?: string }>();
  const say = (m: { text: string; alert?: boolean; list?: ListName; at?: string }) => setSaid((old) => ({ ...m, n: (old?.n ?? 0) + 1 }));
  const progressHeading = useRef<HTMLHeadingElement>(null);
  const presenterHeading = useRef<HTMLHeadingElement>(null);
  const debriefHeading = useRef<HTMLHeadingElement>(null);
  const copiesHeadingRef = useRef<HTMLHeadingElement>(null);
  const headings: Record<ListName, RefObject<HTMLHeadingElement | null>> = { progress: progressHeading, presenter: presenterHeading, debrief: debriefHeading, copies: copiesHeadingRef };
  // The copies' heading stays while it says what became of the last copy removed, named as it was.
  const lastHeading = useRef('Damaged copies');
  if (kept.copies.length > 0) lastHeading.current = copiesHeading(kept.copies);

  const download = (copy: AsideCopy) => {
    const text = safeRead(store, copy.key);
    if (text === undefined) return say({ text: 'That copy could not be read from this browser\'s storage.', alert: true, list: 'copies', at: copy.key });
    downloadText(copyFileName(copy), text, 'application/json');
    setDownloaded((d) => new Set(d).add(copy.key));
    say({ text: `Copy downloaded: ${copyFileName(copy)}.`, list: 'copies', at: copy.key });
  };
  /**
   * Removes a value once the volunteer has said so (its item asks first), and says what became of it:
   * `done` (removed) or `kept` (the storage refused), then what is left in its list (`left`, counted
   * after), and what the tab held unsaved that the room made let it save (the store writes it as soon
   * as there is room). The focus goes to the list's heading, which stays with the news.
   */
  const removeValue = (key: string, list: ListName, done: string, kept: string, left: (k: Kept) => string) => {
    const before = pendingIn(store);
    try {
      store.remove(key);
    } catch {
      // Said below: the value is still listed.
    }
    const gone = !safeList(store, key).some((c) => c.key === key);
    const after = pendingIn(store);
    const saved = unsavedWords(before.filter((k) => !after.includes(k)));
    const still = unsavedWords(after);
    say(gone
      ? {
        text: [
          done,
          left(keptIn(store)),
          saved && `With the room this made, ${saved}, kept only in this tab until now, ${saved.includes(' and ') || saved === 'your records' ? 'are' : 'is'} saved in this browser now.`,
          still && `Still kept only in this tab, for want of room: ${still}.`,
        ].filter(Boolean).join(' '),
        list,
      }
      : { text: kept, alert: true, list });
    setN((v) => v + 1);
    headings[list].current?.focus();
  };
  const removeCopy = (copy: AsideCopy, label: string) => {
    const when = `${localDate(copy.at)}, ${localTime(copy.at)}`;
    removeValue(copy.key, 'copies', `${capital(label)} set aside on ${when} ${copy.kind === 'records' ? 'were' : 'was'} removed from this browser.`, 'That copy could not be removed from this browser\'s storage; it is still kept here.', (k) => {
      const left = k.copies.length;
      return left === 0 ? 'No copies set aside are kept here now.' : left === 1 ? 'One copy set aside is still kept here.' : `${left} copies set aside are still kept here.`;
    });
  };
  /**
   * Restores a save a loaded backup replaced (the core's restoreReplacedSave: the save there now is
   * set aside first, never written over), and says what became of it; the focus goes to the copies'
   * heading, which stays with the news.
   */
  const restoreCopy = (copy: AsideCopy, label: string) => {
    const when = `${localDate(copy.at)}, ${localTime(copy.at)}`;
    let result: ReturnType<typeof restoreReplacedSave>;
    try {
      result = restoreReplacedSave(store, copy.key);
    } catch {
      result = { ok: false, why: 'this browser\'s storage could not be read or written' };
    }
    if (!result.ok) {
      say({ text: `That copy could not be restored: ${result.why}. Nothing was changed${result.why === RESTORE_NO_ROOM ? '; remove a copy or a scenario in progress you no longer need, then try again' : ''}.`, alert: true, list: 'copies' });
    } else {
      const after = keptIn(store);
      const aside = result.setAside === undefined ? '' : ` The save that was there was set aside in its place, listed here under “${copiesHeading(after.copies)}”.`;
      const held = result.heldInTab ? ' It is kept only in this tab for now, for want of room in this browser\'s storage, so the copy stays listed here too.' : '';
      say({ text: `${capital(label)} set aside on ${when} was restored: that scenario continues from it.${aside}${held}`, list: 'copies' });
    }
    setN((v) => v + 1);
    headings.copies.current?.focus();
  };
  const removeKept = (value: KeptValue) => {
    const words = valueWords(value, title(value.slot));
    const { one, more } = LISTS[value.kind];
    removeValue(value.key, value.kind, `${capital(words.what)} was removed from this browser.`, `${capital(words.what)} could not be removed from this browser's storage; it is still kept here.`, (k) => {
      const left = k.values.filter((v) => v.kind === value.kind).length;
      return left === 0 ? `No ${more} are kept here now.` : left === 1 ? `One ${one} is still kept here.` : `${left} ${more} are still kept here.`;
    });
  };

  const rows: { kind: KeptKind; name: string; where: string }[] = [
    { kind: 'records', name: 'Your records', where: 'Never removed here. Download a backup file (above) to keep them elsewhere too.' },
    { kind: 'progress', name: 'Scenarios in progress', where: `Each goes when it is finished, or started again, from “Practise a conversation”; or remove one below, under “${LISTS.progress.heading}”.` },
    { kind: 'presenter', name: 'Presenter sessions', where: `Each goes when the trainer starts the presenter session over, in presenter mode; or remove one below, under “${LISTS.presenter.heading}”.` },
    { kind: 'debrief', name: 'Last debriefs', where: `One per scenario finished, replaced by the next; each takes little room, and can be removed below, under “${LISTS.debrief.heading}”.` },
    { kind: 'copy', name: 'Copies set aside', where: `Listed below, under “${lastHeading.current}”: each can be removed${kept.copies.some((c) => isReplacedSaveKey(c.key)) ? ', and a replaced save restored' : ''}.` },
    // The app writes nothing else under its prefix: a value of no kind it knows is a newer version's, or put there by hand.
    { kind: 'other', name: 'Other values', where: 'This version of casa-practice does not know what they are (a newer version may have written them), so it leaves them as they are.' },
  ];
  // A list is shown while it has entries, or while the news is of one removed from it (its heading holds the focus).
  const shows = (list: ListName, count: number) => count > 0 || said?.list === list;
  // The news of a list, right under its heading, which takes the focus: on a phone, news said under all
  // the lists was a screen or more below it, and a refusal went unseen (verweb-44). The polite region is
  // there while the list is, so what is put in it is read out.
  // News of one copy the focus stays with (a download) is said beside it instead: under the heading it
  // was a screen above the last copies on a phone (verfinalweb-44).
  const news = (list: ListName) => {
    const here = said?.list === list && said.at === undefined ? said : undefined;
    return (
      <>
        <div aria-live="polite">{here && !here.alert && <p key={here.n} className="notice">{here.text}</p>}</div>
        {here?.alert && <p key={here.n} className="notice" role="alert">{here.text}</p>}
      </>
    );
  };
  // A last debrief the debrief page opens: a bundled scenario's, played as it is (its slot that
  // scenario's id alone: one played from a decision, from a trainer's own file or in the Preview is
  // kept under a slot of its own, and that page does not open it).
  const opensAt = (v: KeptValue): { opens?: string } => (v.kind === 'debrief' && bundledTitles?.has(v.slot) === true ? { opens: hrefOf({ page: 'debrief', id: v.slot }) } : {});
  const valueList = (kind: ValueKind) => {
    const values = kept.values.filter((v) => v.kind === kind);
    const sized = entrySizes(kind, values);
    return shows(kind, values.length) && (
      <>
        <h3 ref={headings[kind]} tabIndex={-1}>{LISTS[kind].heading}</h3>
        {news(kind)}
        {values.length > 0 && named && (
          <ul {...(kind === 'debrief' ? { ref: debriefLinks.ref, onClick: debriefLinks.onClick } : {})}>
            {values.map((v) => <KeptValueItem key={v.key} value={v} title={title(v.slot)} notHere={v.kind === 'progress' && bundledRead && v.slot === slotScenarioId(v.slot) && !bundledTitles?.has(v.slot)} onRemove={() => removeKept(v)} {...opensAt(v)} {...sizeIn(sized, v.key)} />)}
          </ul>
        )}
      </>
    );
  };
  // The parts shown add up to the whole shown (each rounded up on its own, they added to more).
  const shownRows = rows.filter((r) => kept.count[r.kind] > 0);
  const sizes = partSizeWords(shownRows.map((r) => kept.bytes[r.kind]));
  // Each one listed in its kind has the size that, with the others', adds up to its kind's line: the
  // only one its line's size (rounded on its own, a save said 46 KB where its line said 45 KB); of
  // several, each its own rounded down or up (each rounded up on its own, two saves of 1.5 KB said
  // 2 KB each under "Scenarios in progress (2): 3 KB"). What its kind holds unlisted (a key not read
  // as a scenario's) is counted as one more, not shown.
  const entrySizes = (kind: KeptKind, listed: readonly { key: string; bytes: number }[]): Map<string, string> => {
    const i = shownRows.findIndex((r) => r.kind === kind);
    if (i < 0 || listed.length === 0) return new Map();
    const bytes = listed.map((e) => e.bytes);
    const unlisted = kept.bytes[kind] - bytes.reduce((a, b) => a + b, 0);
    const words = entrySizeWords(unlisted > 0 ? [...bytes, unlisted] : bytes, sizes.units[i]!, sizes.mb);
    return new Map(listed.map((e, n) => [e.key, words[n]!]));
  };
  const sizeIn = (sizesOf: Map<string, string>, key: string): { size?: string } => {
    const size = sizesOf.get(key);
    return size !== undefined ? { size } : {};
  };
  const copySizes = entrySizes('copy', kept.copies);
  return (
    <>
      <h2>{ROOM_HEADING}</h2>
      <p>
        {kept.total === 0 ? 'casa-practice keeps nothing in this browser yet.' : `casa-practice keeps ${sizes.whole} in this browser`}
        {kept.total > 0 && (limit !== undefined ? `, of the ${sizeWords(limit)} it may keep.` : '.')}
      </p>
      {kept.total > 0 && (
        <ul className="kept-here">
          {shownRows.map((r, i) => (
            <li key={r.kind}>
              <strong>{r.name}{r.kind !== 'records' && r.kind !== 'other' ? ` (${kept.count[r.kind]})` : ''}:</strong> {sizes.parts[i]}. {r.where}
            </li>
          ))}
        </ul>
      )}
      {unsavedWords(unsaved) && <p className="notice">Kept only in this tab until you close it, for want of room: {unsavedWords(unsaved)}. Make room as said above and it is saved at once.</p>}
      {valueList('progress')}
      {valueList('presenter')}
      {valueList('debrief')}
      {shows('copies', kept.copies.length) && (
        <>
          <h3 ref={headings.copies} tabIndex={-1}>{lastHeading.current}</h3>
          {news('copies')}
          {kept.copies.length > 0 && (
            <>
              <p>
                {kept.copies.some((c) => c.why === 'damaged') && 'What this browser found damaged was set aside, not deleted. '}
                {kept.copies.some((c) => c.why === 'outdated') && 'Progress saved with an earlier version of its scenario (outdated) was set aside too: the story may have changed since, so it cannot carry on. '}
                {kept.copies.some((c) => c.why === 'replaced') && 'Progress here that another save took the place of (replaced: by a newer one from a loaded backup, or by a save restored here) was set aside, not deleted, in case the one in its place does not carry on: “Restore this save” puts it back, and sets aside the save there then in its place. '}
                {kept.copies.some((c) => isReplacedSaveKey(c.key)) ? 'Apart from restoring a replaced save, these copies cannot be used here' : 'These copies cannot be used here'}, but you can download one to keep{kept.copies.some((c) => c.why === 'damaged') ? ', or a damaged one to send to whoever helps you with the app' : ''}. Each
                copy takes room in what this browser keeps for casa-practice; remove one you no longer need to make room.
              </p>
              {named && <ul>
                {kept.copies.map((c) => {
                  const label = copyLabel(c, title);
                  // A copy the core would refuse (its practice finished since, damaged since) is said so
                  // beside it, not offered as a restore that is then refused.
                  const replaced = isReplacedSaveKey(c.key) && c.slot !== undefined;
                  const refusal = replaced ? restoreRefusal(store, c.key) : undefined;
                  const restore = replaced && refusal === undefined && c.slot !== undefined
                    ? { saveHere: kept.values.some((v) => v.key === c.of), title: title(c.slot), onRestore: () => restoreCopy(c, label) }
                    : undefined;
                  return <CopySetAside key={c.key} copy={c} label={label} downloaded={downloaded.has(c.key)} onDownload={() => download(c)} onRemove={() => removeCopy(c, label)} {...(restore ? { restore } : {})} {...(refusal !== undefined ? { notRestorable: refusal } : {})} {...(said?.at === c.key ? { news: said } : {})} {...sizeIn(copySizes, c.key)} />;
                })}
              </ul>}
            </>
          )}
        </>
      )}
    </>
  );
}
