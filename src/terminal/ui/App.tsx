import { Box, Text, useStdout } from 'ink';
import { basename, dirname, resolve } from 'node:path';
import { Component, lazy, Suspense, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { debriefKey, entryOf, keptAsItWasWords, localDate, localTime, newerSaveAt, resumeFailureInOne, saveKey, saveSummary, sharedIdWords, withRecord, type CatalogEntry, type PlayableScenario, type Records, type RunOrigin, type SaveSummary, type SessionMode } from '../../machines/light.js';
import type { Debrief, ExportedDebrief, MissingFile, PersistedScenarioSnapshot, RestoredFacilitation, ResumeResult, SaveHold, SessionActor } from '../../machines/index.js';
import type { Listing } from '../node/catalog-files.js';
import { checkStateFolder, damagedSaveAt, keptRecords, loadRecords, notSavedWords, recordsNoticeInOne, resumeOffer, roomSessionMarks, stateStore } from '../node/state-store.js';
import { command, otherStartValues, roomSessionArgs, testRunWords } from '../invocation.js';
import { scenariosDir } from '../paths.js';
import { hasErrorsNotice, leftOutNotice } from '../scenario-files.js';
import { sessionSeed } from '../seed.js';
import type { Theme } from '../theme.js';
import { AppContext, type AppServices } from './AppContext.js';
import { ContentNote } from './ContentNote.js';
import { ContinuePrompt } from './ContinuePrompt.js';
import { Paragraph } from './Paragraph.js';
import { Picker } from './Picker.js';
import { ThemeContext } from './ThemeContext.js';
import { KeyRouterProvider, useHeldKeys, useKeyRouter } from './useKeys.js';
import { KeysAllowedContext, MIN_COLUMNS, MIN_ROWS, ScreenSizeContext, useFollowingRef, useScreenSize } from './useScreenSize.js';

// The playing screens pull in the core (xstate, the validator); loading them on demand keeps the
// picker's first frame as quick as an empty Ink app's.
const PlayScreen = lazy(async () => ({ default: (await import('./PlayScreen.js')).PlayScreen }));
const FacilitateScreen = lazy(async () => ({ default: (await import('./FacilitateScreen.js')).FacilitateScreen }));
const DebriefScreen = lazy(async () => ({ default: (await import('./DebriefScreen.js')).DebriefScreen }));
const LocateScreen = lazy(async () => ({ default: (await import('./LocateScreen.js')).LocateScreen }));

/** How the app opens. */
export type AppStart =
  | { kind: 'picker'; notice?: string }
  /**
   * A named scenario (or a resumed save, `showNote` false). `saved`: the save waiting in its slot,
   * so the app asks to continue or start over; `origin` how the run relates to that save;
   * `setAside`: the line saying that a damaged save in its slot was moved aside (see setAsideDamagedSave);
   * `notice`: a line said where a resumed save opens (saves of other scenarios a newer version wrote).
   */
  | { kind: 'play'; playable: PlayableScenario; snapshot?: PersistedScenarioSnapshot; startedAt?: string; activeMs?: number; hold?: SaveHold; showNote: boolean; saved?: SaveSummary; origin?: RunOrigin; setAside?: string; notice?: string }
  /** startOver: `play … --facilitate --new`, a kept room session of the named scenario is not offered (the new one replaces it once the room votes). */
  | { kind: 'facilitate'; playable?: PlayableScenario; startOver?: boolean }
  /** `casa-practice resume` found a save whose trainer file moved: ask where it is now. */
  | { kind: 'locate'; missing: MissingFile };

/** Props of App. */
export interface AppProps {
  /** The first screen. */
  start: AppStart;
  /** Practice (default) or assessment; a resumed session keeps its own mode. */
  mode: SessionMode;
  /** A quick listing of the scenarios the picker offers (validated by the app after the first frame). */
  loadCatalog: () => Listing;
  /** State directory, exit and save-on-signal hooks. */
  services: AppServices;
  /** Colours (none under NO_COLOR). */
  theme: Theme;
}

type Screen =
  | { name: 'picker'; notice?: string }
  | { name: 'loading' }
  | { name: 'choose'; entry: CatalogEntry; playable: PlayableScenario; summary: SaveSummary; fromPicker: boolean }
  /** `setAside`: a damaged save of the scenario was moved aside as it opened (said above the note). */
  | { name: 'note'; entry: CatalogEntry; fromPicker: boolean; origin: RunOrigin; setAside?: string }
  | { name: 'play'; playable: PlayableScenario; actor: SessionActor; mode: SessionMode; fromPicker: boolean; startedAt?: string; activeMs?: number; hold?: SaveHold; origin: RunOrigin; resumed?: boolean; notice?: string }
  | { name: 'kept'; playable: PlayableScenario; debrief: Debrief; mode: SessionMode; savedAt?: string; thisRunOnly?: boolean; exported?: ExportedDebrief }
  /**
   * `resumed`: a kept room session carried on; `notice`: one line above the session (a kept one that
   * could not be used); `summaryBefore`: the summary a start over (s) just wrote, said on the first
   * screen; `before`: every summary written by starting over in this run, named on leaving.
   */
  | { name: 'facilitate'; playable: PlayableScenario; actor: SessionActor; resumed?: RestoredFacilitation; notice?: string; summaryBefore?: string; before?: readonly string[]; exportBefore?: string; exportsBefore?: readonly string[] }
  /** A kept room session of the scenario opened: carry on, or start over. */
  | { name: 'roomChoose'; entry: CatalogEntry; playable: PlayableScenario; kept: RestoredFacilitation; fromPicker: boolean; /** Where a summary of the kept session written since it was kept is (laterSummaryWords). */ later?: string }
  | { name: 'locate'; missing: MissingFile };

// Each new playthrough draws its own seed for the order of replies (a resumed one keeps its save's).
async function newActor(env: NodeJS.ProcessEnv, playable: PlayableScenario, mode: SessionMode, snapshot?: PersistedScenarioSnapshot): Promise<SessionActor> {
  return (await import('../../machines/index.js')).startSession(playable.scenario, mode, snapshot, sessionSeed(env));
}

async function newFacilitation(env: NodeJS.ProcessEnv, playable: PlayableScenario, snapshot?: PersistedScenarioSnapshot): Promise<SessionActor> {
  const core = await import('../../machines/index.js');
  // A kept session carries on in its own reply order (its seed is in the snapshot).
  return snapshot ? core.startSession(playable.scenario, 'practice', snapshot) : core.startFacilitation(playable.scenario, sessionSeed(env));
}

/**
 * The records, with a notice (one, for the picker) when a damaged records file had to be set aside,
 * and `kept`, those on disk, when some finish of this run was not kept (keptRecords).
 */
function recordsNow(env: NodeJS.ProcessEnv): { records: Records; notice?: string; kept?: Records } {
  try {
    const read = loadRecords(env);
    return { records: read.records, notice: recordsNoticeInOne(read), kept: keptRecords(env) };
  } catch (e) {
    return { records: {}, notice: `Your completion records could not be read: ${(e as Error).message}` };
  }
}

/**
 * The files of the scenarios finished in this run whose finishes are all missing from the records
 * on disk (the picker shows the best results kept there, never one held in memory only).
 */
function notKeptNow(entries: readonly CatalogEntry[], { records, kept }: { records: Records; kept?: Records }): Set<string> | undefined {
  if (kept === undefined) return undefined;
  return new Set(entries.filter((e) => Object.hasOwn(records, e.id) && !Object.hasOwn(kept, e.id)).map((e) => e.file));
}

/**
 * The files of the scenarios with a save waiting, of those whose save a newer version wrote (this
 * version cannot continue it: said as such, not as a save to continue), of those whose save is too
 * damaged to be continued (read, but not a save saveSummary can summarise: opening it sets it aside,
 * as setAsideDamagedSave does, and starts anew; marked "(saved)", the picker said opening it asks to
 * continue or start over), and of those with a last debrief kept. A save that cannot be read at all
 * (a folder in its place, no permission) is left unmarked: opening it starts anew, as with none.
 */
function marksNow(env: NodeJS.ProcessEnv, entries: readonly CatalogEntry[]): { saved: Set<string>; newer: Set<string>; damaged: Set<string>; debriefs: Set<string> } {
  const store = stateStore(env);
  const saves = new Set(store.list('saves/').map((k) => k.key));
  const kept = new Set(store.list('debriefs/').map((k) => k.key));
  const bundledDir = scenariosDir();
  const saved = new Set<string>();
  const newer = new Set<string>();
  const damaged = new Set<string>();
  const debriefs = new Set<string>();
  for (const e of entries) {
    const file = resolve(e.file);
    const slot = { scenario: { id: e.id }, file, bundled: dirname(file) === bundledDir };
    const key = saveKey(slot);
    if (saves.has(key)) {
      if (newerSaveAt(store, key) !== undefined) newer.add(e.file);
      else if (saveSummary(store, key) !== undefined) saved.add(e.file);
      else if (damagedSaveAt(store, key)) damaged.add(e.file);
    }
    if (kept.has(debriefKey(slot))) debriefs.add(e.file);
  }
  return { saved, newer, damaged, debriefs };
}

/** The terminal app: picker → content note → playthrough → debrief, or a trainer-led session. */
export function App({ start, mode, loadCatalog, services, theme }: AppProps) {
  const size = useScreenSize();
  const { stdout } = useStdout();
  useEffect(() => {
    // A terminal rewraps what is on screen when its window gets narrower, so Ink can no longer
    // erase its last frame row by row: clear the screen first (before the screens and Ink redraw;
    // Ink rewrites the whole frame after a narrowing), on a real terminal only.
    if (!stdout.isTTY) return;
    let width = stdout.columns;
    const clear = () => {
      if (stdout.columns < width) stdout.write('\u001b[2J\u001b[H');
      width = stdout.columns;
    };
    stdout.prependListener('resize', clear);
    return () => {
      stdout.off('resize', clear);
    };
  }, [stdout]);
  const keysAllowed = useFollowingRef(!size.tooSmall);
  const keyRouter = useKeyRouter();
  const facilitating = start.kind === 'facilitate';
  const [screen, showScreen] = useState<Screen>(() => firstScreen(start));
  // The screen last asked for, until it is drawn (see once).
  const asked = useRef<Screen>(undefined);
  const setScreen = (next: Screen) => {
    asked.current = next;
    showScreen(next);
  };
  // Whether progress can be saved is checked once, at start; the store remembers a failure and
  // every screen that promises saving says so instead.
  useState(() => checkStateFolder(services.env));
  // Read for the picker (its scores and its notice), as the catalog is: read at start by
  // play <scenario>, a damaged records file was moved aside with its notice meant for a picker that
  // never came, and the finish found new records with nothing to say.
  const [records, setRecords] = useState<{ records: Records; notice?: string; kept?: Records }>(() => (screen.name === 'picker' ? recordsNow(services.env) : { records: {} }));
  const [catalog, setCatalog] = useState<Listing>(() => (screen.name === 'picker' ? loadCatalog() : { entries: [], leftOut: [] }));
  const toPicker = (notice?: string) => {
    // Records set aside in this run keep their notice for the rest of it: read again, the file is
    // gone from its place and says nothing, and the notice, cut to a row at 60×24, went with the
    // first return to the picker (R on a damaged save, b from a content note) before it was read
    // whole: where the records went was then said nowhere.
    setRecords((before) => {
      const now = recordsNow(services.env);
      return now.notice === undefined && before.notice !== undefined ? { ...now, notice: before.notice } : now;
    });
    setCatalog(loadCatalog());
    setScreen({ name: 'picker', notice });
  };
  const onPicker = screen.name === 'picker';
  // The scenario last opened from the picker, highlighted again when the picker comes back (a ref:
  // the picker reads it as it mounts, and opening draws nothing more).
  const lastOpened = useRef<string>(undefined);
  const checking = !catalog.entries.every((e) => e.playable);

  useEffect(() => {
    // Right after the picker is drawn, validate its files and drop any with errors.
    if (!onPicker || catalog.entries.every((e) => e.playable)) return;
    let live = true;
    void import('../catalog-worker.js').then(async (m) => {
      const checked = await m.validateEntriesInTurns(catalog);
      if (live) setCatalog(checked);
    });
    return () => {
      live = false;
    };
  }, [onPicker, catalog]);

  useEffect(() => {
    // A resumed session opens straight into play once the core has loaded.
    if (start.kind === 'play' && !start.showNote) void newActor(services.env, start.playable, mode, start.snapshot).then((actor) =>
      setScreen({ name: 'play', playable: start.playable, actor, mode, fromPicker: false, startedAt: start.startedAt, activeMs: start.activeMs, hold: start.hold, origin: 'continued', resumed: start.snapshot !== undefined, notice: start.notice }));
    // Once, on mount: `start` describes how the app opened, not what it shows now.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Opening a scenario loads it first, while the screen that asked stays up and keeps taking keys:
  // a second choice then (a habitual Enter after a number) must not open another one over it.
  // The task is done once the screen it asked for is drawn: React draws it a turn after the task
  // ends, and a key in between met the old screen, no longer loading, which opened another one.
  const loading = useRef(false);
  const once = (task: () => Promise<unknown>) => {
    if (loading.current) return;
    loading.current = true;
    void task().finally(() => {
      if (asked.current === undefined) loading.current = false;
    });
  };
  useLayoutEffect(() => {
    if (asked.current !== screen) return;
    asked.current = undefined;
    loading.current = false;
  }, [screen]);

  /** The entry's scenario, validated (the picker may not have checked it yet), or undefined after saying why. */
  const playableOf = async (entry: CatalogEntry): Promise<PlayableScenario | undefined> => {
    if (entry.playable) return entry.playable;
    const loaded = (await import('../scenario-source.js')).loadPlayable(entry.file);
    if ('problems' in loaded) {
      toPicker(hasErrorsNotice(entry.title, entry.file, (args) => command(args, services.env)));
      return undefined;
    }
    return loaded;
  };
  const begin = async (entry: CatalogEntry, fromPicker: boolean, origin: RunOrigin) => {
    const playable = await playableOf(entry);
    if (!playable) return;
    if (facilitating) {
      // A room session kept from before (q, a closed window, or one that finished): ask to carry on (or open it) or start over.
      const saves = await import('../saves.js');
      const found = start.kind === 'facilitate' && start.startOver && !fromPicker ? { kind: 'none' as const } : saves.readRoomSession(playable, services.env);
      if (found.kind === 'ok') {
        // A summary of it written since it was last kept (the state folder refused the session's
        // writes, and its summary went where e: export writes): said under the offer to carry it on.
        const exports = await import('../export.js');
        const path = found.finished ? undefined : exports.laterSessionSummary(found, services.env);
        const later = path === undefined ? undefined : exports.laterSummaryWords(path);
        return setScreen({ name: 'roomChoose', entry, playable, kept: found, fromPicker, ...(later === undefined ? {} : { later }) });
      }
      const notice = found.kind === 'bad' ? saves.cannotContinueLines(found, 'a new session starts', 'The trainer-led session', saves.NEWER_ROOM_NOT_KEPT) : undefined;
      return setScreen({ name: 'facilitate', playable, actor: await newFacilitation(services.env, playable), notice });
    }
    else setScreen({ name: 'play', playable, actor: await newActor(services.env, playable, mode), mode, fromPicker, origin });
  };
  /** Opening a scenario from the picker: with a save waiting, ask first; never overwrite it silently. */
  const open = async (entry: CatalogEntry) => {
    if (facilitating) return setScreen({ name: 'note', entry, fromPicker: true, origin: 'new' });
    const playable = await playableOf(entry);
    if (!playable) return;
    const saves = await import('../saves.js');
    // One that cannot be continued (made with another edit of the scenario, its values edited) is set
    // aside as the picker's mark says, not offered to continue (which then said "Could not resume").
    const found = saves.saveToOffer(playable, services.env);
    setScreen(found.saved ? { name: 'choose', entry, playable, summary: found.saved, fromPicker: true } : { name: 'note', entry, fromPicker: true, origin: 'new', setAside: found.setAside });
  };
  const resume = async (key?: string, playable?: PlayableScenario) => {
    const saves = await import('../saves.js');
    const found = key !== undefined && playable ? saves.readSaveFor(playable, key, services.env) : saves.readSave(services.env, key);
    // Its trainer's file moved: ask where it is now.
    if (found.kind === 'bad' && found.missing) return setScreen({ name: 'locate', missing: found.missing });
    // Written by a newer version of casa-practice: said as the core words it (left where it is, nothing wrong with it).
    if (found.kind !== 'ok') return toPicker(found.kind === 'bad' ? (found.newer !== undefined ? found.error : resumeFailureInOne(found.error, found.movedTo)) : 'No saved session was found.');
    await play(found);
  };
  /** A save read (or found again at its file's new place) opens where it stopped. */
  const play = async (found: Extract<ResumeResult, { kind: 'ok' }>) => {
    // Back at the picker, it is on this scenario (opened with R, it came back on the first one): its
    // file in the list, else the entry of the same scenario.
    const entry = catalog.entries.find((e) => e.file === found.playable.file) ?? catalog.entries.find((e) => e.id === found.playable.scenario.id);
    if (entry) lastOpened.current = entry.file;
    const actor = await newActor(services.env, found.playable, found.mode, found.snapshot);
    setScreen({ name: 'play', playable: found.playable, actor, mode: found.mode, fromPicker: true, startedAt: found.startedAt, activeMs: found.activeMs, hold: found.hold, origin: 'continued', resumed: true });
  };
  const reopenDebrief = async (entry: CatalogEntry) => {
    const playable = await playableOf(entry);
    if (!playable) return;
    const { keptDebriefFailureInOne, readKeptDebrief } = await import('../../machines/index.js');
    const kept = readKeptDebrief(stateStore(services.env), playable);
    if (!kept) return toPicker('No debrief of this scenario was kept.');
    // Set aside by the core (the picker stops offering it), and the notice says where it went and
    // what to do, in one notice as a save or records set aside are said on the picker.
    if (!kept.ok) return toPicker(keptDebriefFailureInOne(kept));
    // Kept in memory only (the state folder refused it): gone once the app quits, and said so.
    // With the export e wrote of it, if any (noted beside it): e says where that is, while its files are as written.
    setScreen({ name: 'kept', playable, debrief: kept.debrief, mode: kept.mode, savedAt: kept.savedAt, thisRunOnly: stateStore(services.env).inMemoryOnly(debriefKey(playable)), ...(kept.exported !== undefined ? { exported: kept.exported } : {}) });
  };

  // Which scenarios have a save or a kept debrief, and whether R has a save to resume: read once per
  // visit to the picker (toPicker reads the list again, so a save finished or removed meanwhile is
  // not offered), not on every key. hasSave was read at each redraw, reading the newest save file.
  // Whether that save is too damaged to continue, too: R is then offered as what it does (sets it
  // aside and says why), not as "A saved session is waiting: press R to resume it.".
  const marks = useMemo(() => {
    if (facilitating || !onPicker) return undefined;
    const offer = resumeOffer(services.env);
    return { ...marksNow(services.env, catalog.entries), offer };
  }, [facilitating, onPicker, catalog, services.env]);
  // A save that reads as sound may not fit its scenario (made with another version of it, its values
  // edited): once the picker's files are checked, it is replayed as R would (the core's saveStanding,
  // moving nothing), and R offered as what it does. It was offered as "A saved session is waiting",
  // and R then said "Could not resume" and set it aside. So is each scenario's own save marked
  // "(saved)": one that cannot be continued is marked as what it is. Until then (the files are being
  // checked), R's line claims nothing of the save (Picker's resumeUnchecked). (For this listing only:
  // toPicker reads anew.)
  const [standing, setStanding] = useState<{ catalog: Listing; offer: 'save' | 'unlisted' | 'damaged' | 'outdated' | 'unreadable' | undefined; unusable: ReadonlyMap<string, 'outdated' | 'damaged'> }>();
  const sound = marks?.offer === 'save';
  const anySaved = (marks?.saved.size ?? 0) > 0;
  useEffect(() => {
    if ((!sound && !anySaved) || checking || marks === undefined) return;
    let live = true;
    // One save to a turn (checkSavesInTurns): keys move the highlight meanwhile.
    void import('../saves.js').then(async (saves) => {
      const found = await saves.checkSavesInTurns(catalog.entries, marks.saved, sound, services.env);
      if (live) setStanding({ catalog, offer: sound ? found.offer : marks.offer, unusable: found.unusable });
    });
    return () => {
      live = false;
    };
  }, [sound, anySaved, checking, catalog, marks, services.env]);
  const checked = standing?.catalog === catalog ? standing : undefined;
  // Until then, the scenarios with a save that reads as sound are marked as not yet checked (the
  // picker's "(save…)", and "checking saves…" in its heading): the first frame marked them
  // "(saved)", and a scenario so marked became "(outdated save)" or "(damaged save)" a moment later,
  // with nothing on screen saying a check was under way.
  const unchecked = marks !== undefined && (sound || anySaved) && !checked ? marks.saved : undefined;
  const offer = checked ? checked.offer : marks?.offer;
  // The marks once the saves are checked: "(saved)" only of those that can be continued.
  const saveMarks = useMemo(() => {
    if (!marks || unchecked) return marks && { saved: undefined, damaged: marks.damaged, outdated: undefined };
    if (!checked || checked.unusable.size === 0) return { saved: marks.saved, damaged: marks.damaged, outdated: undefined };
    const of = (why: 'outdated' | 'damaged') => new Set([...checked.unusable].filter(([, w]) => w === why).map(([f]) => f));
    return { saved: new Set([...marks.saved].filter((f) => !checked.unusable.has(f))), damaged: new Set([...marks.damaged, ...of('damaged')]), outdated: of('outdated') };
  }, [marks, checked, unchecked]);
  // …and, for a trainer-led session, which have a room session kept (as presenter mode's cards say).
  const roomMarks = useMemo(() => (facilitating && onPicker ? roomSessionMarks(services.env, catalog.entries) : undefined), [facilitating, onPicker, catalog, services.env]);
  // Left from the picker (or a screen before a playthrough) after a playthrough whose record or
  // debrief could not be written: said, and exit code 74, as q on its debrief does (it was 0, silent).
  const quit = (interrupted = false) => {
    const lost = stateStore(services.env).lostWrites() ? notSavedWords(services.env) : undefined;
    services.exit(lost, interrupted ? 130 : lost !== undefined ? 74 : 0);
  };
  let body;
  if (screen.name === 'picker') {
    body = (
      <Picker purpose={facilitating ? 'for a trainer-led session' : mode === 'assessment' ? 'for an assessment' : undefined} entries={facilitating ? catalog.entries : catalog.entries.map((e) => withRecord(e, records.kept ?? records.records))} notKept={facilitating ? undefined : notKeptNow(catalog.entries, records)} checking={checking} notice={pickerNotice(screen.notice, records.notice, stateStore(services.env).failure(), sharedIdWords(catalog.entries, (f) => basename(f)), leftOutNotice(catalog.leftOut, scenariosDir(), (args) => command(args, services.env)))} canResume={offer !== undefined} resumeProblem={offer === 'save' || offer === 'unlisted' ? undefined : offer} resumeUnchecked={offer === 'unlisted' ? 'unlisted' : offer === 'save' && !checked ? 'checking' : undefined}
        saved={saveMarks?.saved} unchecked={unchecked} newer={marks?.newer} damaged={saveMarks?.damaged} outdated={saveMarks?.outdated} debriefs={marks?.debriefs} roomSessions={roomMarks}
        initial={lastOpened.current} onPick={(entry) => once(async () => {
          lastOpened.current = entry.file;
          await open(entry);
        })} onDebrief={(entry) => once(async () => {
          lastOpened.current = entry.file;
          await reopenDebrief(entry);
        })}
        onResume={() => once(() => resume())} onQuit={quit} />
    );
  } else if (screen.name === 'choose') {
    const { entry, playable, summary, fromPicker } = screen;
    body = (
      // A save of an author's test (--from, --set, --preview) is said to be one, as its content note says it.
      <ContinuePrompt title={entry.title} summary={summary} intro={choosingTest(playable, summary)} values={otherStartValues(playable, summary)}
        onContinue={() => once(() => resume(summary.key, playable))}
        onStartOver={() => setScreen(fromPicker ? { name: 'note', entry, fromPicker, origin: 'started-over' } : { name: 'note', entry: entryOf(playable), fromPicker, origin: 'started-over' })}
        onBack={fromPicker ? () => toPicker() : undefined} onQuit={quit} cannotSave={stateStore(services.env).savingFailure() !== undefined} />
    );
  } else if (screen.name === 'roomChoose') {
    const { entry, playable, kept, fromPicker, later } = screen;
    // A state folder that takes no write never replaces the kept session: the new one is not saved.
    const unsaved = stateStore(services.env).savingFailure() !== undefined;
    const replaced = (what: string) => (unsaved ? `${what} stays as it was, since this session cannot be saved` : `${what} is replaced once the room votes`);
    // Begun with other --set values than given now: carried on with its own (readRoomSession), each choice says which.
    const values = otherStartValues(playable, kept.playable);
    body = (
      <ContinuePrompt title={entry.title} intro={kept.finished ? `A trainer-led session of this scenario finished here: its debrief is kept${unsaved ? '' : ' until you start a new one'}.` : 'You have a trainer-led session of this scenario in progress.'}
        options={kept.finished
          ? ['Open the finished session: its debrief and how the room did', `Start a new session (${replaced('the finished one')})`]
          : [`Continue at ${kept.standsAt}${values ? ` (${values.saved}, as it began)` : ''}, with the room's votes and the summary so far`, `Start over${values ? ` with ${values.given}` : ''} (${replaced('the session in progress')})`]}
        onContinue={() => once(async () => setScreen({ name: 'facilitate', playable: kept.playable, actor: await newFacilitation(services.env, kept.playable, kept.snapshot), resumed: kept }))}
        // As --new: the kept session stays until the new room enters something, so a wrong key here
        // (or quitting before the first vote) loses nothing. It was deleted at once.
        onStartOver={() => once(async () => setScreen({ name: 'facilitate', playable, actor: await newFacilitation(services.env, playable) }))}
        onBack={fromPicker ? () => toPicker() : undefined} onQuit={quit}
        // Offered as it was last kept: a folder that takes no write now may have stopped taking them
        // during the session before, and the room gone further than this (the time kept on one row).
        // Where a summary of it was written since (`later`), whatever the folder takes now: where it is.
        firstNote={(unsaved || later !== undefined) && !kept.finished ? [keptAsItWasWords(kept).replace(/ ([ap]\.m\.)/, '\u00a0$1'), ...(later === undefined ? [] : [later])].join('\n') : undefined} />
    );
  } else if (screen.name === 'locate') {
    body = <LocateScreen missing={screen.missing} onResumed={(found) => once(() => play(found))} onBack={() => toPicker()} onQuit={quit} />;
  } else if (screen.name === 'kept') {
    // The volunteer's own clock, as `records` dates the same playthrough (not UTC: 17:45 UTC is a Los Angeles morning).
    // A copy e writes here is noted in its place (export.js is loaded with the debrief screen by now).
    const { playable } = screen;
    body = <DebriefScreen scenario={screen.playable.scenario} debrief={screen.debrief} mode={screen.mode} onBack={() => toPicker()}
      notice={keptDebriefNotice(screen.savedAt, screen.thisRunOnly === true)} exportedAlready={screen.exported}
      onExported={(files) => void import('../export.js').then(({ noteKeptExport }) => noteKeptExport(services.env, playable, files))} />;
  } else if (screen.name === 'loading') {
    body = <Loading onInterrupt={() => quit(true)} />;
  } else if (screen.name === 'note') {
    const { entry, fromPicker } = screen;
    body = (
      <ContentNote entry={entry} facilitating={facilitating} again={facilitating && !fromPicker && start.kind === 'facilitate' && start.playable && roomSessionArgs(start.playable).startsWith('play ') ? command(roomSessionArgs(start.playable), services.env) : undefined} onStart={() => once(() => begin(entry, fromPicker, screen.origin))}
        onBack={fromPicker ? () => toPicker() : undefined} onQuit={quit} notice={stateStore(services.env).savingFailure()} setAside={screen.setAside}
        // An author's test (--from, --set, --preview) says so before it starts, as line by line; a trainer-led session is never recorded.
        test={!facilitating && !fromPicker && start.kind === 'play' ? testRunWords(start.playable)?.line : undefined} />
    );
  } else if (screen.name === 'play') {
    body = <PlayScreen key={screen.actor.sessionId} playable={screen.playable} actor={screen.actor} mode={screen.mode} startedAt={screen.startedAt} activeMs={screen.activeMs} hold={screen.hold} origin={screen.origin} resumed={screen.resumed} notice={screen.notice} onBack={screen.fromPicker ? () => toPicker() : undefined} />;
  } else {
    const { playable } = screen;
    // s (asked first): a new session of the same scenario, at its start.
    const before = screen.before ?? [];
    // …and the debriefs exported at endings the room went back from before starting over, said as q says them.
    const exportsBefore = screen.exportsBefore ?? [];
    body = <FacilitateScreen key={screen.actor.sessionId} playable={playable} actor={screen.actor} resumed={screen.resumed} notice={screen.notice} summaryBefore={screen.summaryBefore} before={before} exportBefore={screen.exportBefore} exportsBefore={exportsBefore}
      onStartOver={(summary) => once(async () => setScreen({ name: 'facilitate', playable, actor: await newFacilitation(services.env, playable), ...(summary?.tell ? { summaryBefore: summary.path, exportBefore: summary.exportTakenBack } : {}), before: summary === undefined || before.includes(summary.path) ? before : [...before, summary.path],
        exportsBefore: summary?.exportTakenBack === undefined || exportsBefore.includes(summary.exportTakenBack) ? exportsBefore : [...exportsBefore, summary.exportTakenBack] }))} />;
  }
  return (
    <ThemeContext.Provider value={theme}>
      <AppContext.Provider value={services}>
        <KeysAllowedContext.Provider value={keysAllowed}>
          <ScreenSizeContext.Provider value={size}>
          <KeyRouterProvider value={keyRouter}>
          {size.tooSmall && <TooSmall columns={size.terminalColumns} rows={size.rows} session={screen.name === 'play' || screen.name === 'facilitate'} />}
          {/* Hidden, not unmounted, while the window is too small: nothing on screen is lost. */}
          {/* The screens read the size shared here, so they are laid out at the new size in the
              same redraw. A terminal that reports no size (0 columns) gets the default width instead. */}
          <Box width={stdout.columns ? '100%' : size.terminalColumns} display={size.tooSmall ? 'none' : 'flex'}>
            <Box flexDirection="column" width={size.columns} flexShrink={1}>
              <LoadFailure onFailure={(e) => services.exit(loadFailureWords(e, command('', services.env).trimEnd()), 1)}>
                <Suspense fallback={<Loading onInterrupt={() => quit(true)} />}>{body}</Suspense>
              </LoadFailure>
            </Box>
          </Box>
          </KeyRouterProvider>
          </ScreenSizeContext.Provider>
        </KeysAllowedContext.Provider>
      </AppContext.Provider>
    </ThemeContext.Provider>
  );
}

/** Whether an error is a module that could not be loaded (a screen's file gone from dist/). */
function isLoadFailure(e: unknown): e is Error {
  return e instanceof Error && ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' || /^Cannot find module /.test(e.message));
}

/** What the app says as it leaves when a screen's code could not be loaded. */
export function loadFailureWords(e: Error, start: string): string {
  return `casa-practice could not load part of itself: it was probably rebuilt or updated while it was running (${e.message.split('\n')[0] ?? ''}). Start it again with: ${start}`;
}

/**
 * A screen whose code could not be loaded (the app rebuilt or updated while it ran, as `npm start`
 * or `npm run cli` does in another window when a source changed: its old chunks are gone) ends the
 * app with words saying so and how to start it again. Ink drew the error's stack trace over the
 * screen, then "unexpected error". Any other error goes on to Ink as before.
 */
class LoadFailure extends Component<{ onFailure: (e: Error) => void; children: ReactNode }, { failed?: Error; other?: unknown }> {
  override state: { failed?: Error; other?: unknown } = {};
  static getDerivedStateFromError(e: unknown) {
    return isLoadFailure(e) ? { failed: e } : { other: e };
  }
  override componentDidCatch(e: unknown) {
    if (isLoadFailure(e)) this.props.onFailure(e);
  }
  override render() {
    if (this.state.other !== undefined) throw this.state.other;
    return this.state.failed ? null : this.props.children;
  }
}

/**
 * While the core or a screen's code loads. Keys typed meanwhile go to the screen that comes (a
 * quick `1` or `q` at start-up is not lost); Ctrl-C leaves at once (nothing has changed yet).
 */
function Loading({ onInterrupt }: { onInterrupt: () => void }) {
  useHeldKeys(onInterrupt);
  return <Text>Loading…</Text>;
}

/** Shown instead of a screen that cannot be drawn whole in a window this small. */
function TooSmall({ columns, rows, session }: { columns: number; rows: number; session: boolean }) {
  // "Ctrl-C saves and quits." was said over the picker and the content note too, where there is
  // nothing to save and Ctrl-C only quits (newcomer pass, term-55).
  return (
    <Box flexDirection="column" width={Math.max(10, columns)}>
      <Text bold wrap="wrap">Make the window larger.</Text>
      <Paragraph>casa-practice needs at least {MIN_COLUMNS}×{MIN_ROWS}; this window is {columns}×{rows}. Nothing is lost: the screen comes back as it was. {session ? 'Ctrl-C saves and quits.' : 'Ctrl-C quits.'}</Paragraph>
    </Box>
  );
}

/** The line under the title of "continue or start over" for a save of an author's test (--from, --set, --preview); undefined for a volunteer's own. */
function choosingTest(playable: PlayableScenario, summary: SaveSummary): string | undefined {
  const test = testRunWords(playable);
  // Begun with other --set values than given now: continuing goes on with its own (otherStartValues).
  const values = otherStartValues(playable, summary);
  return test && `${test.line} You have a saved playthrough of it${values ? `, begun with ${values.saved} (you gave ${values.given} this time)` : ''}.`;
}

function firstScreen(start: AppStart): Screen {
  if (start.kind === 'picker') return { name: 'picker', notice: start.notice };
  if (start.kind === 'locate') return { name: 'locate', missing: start.missing };
  if (start.kind === 'facilitate') return start.playable ? { name: 'note', entry: entryOf(start.playable), fromPicker: false, origin: 'new' } : { name: 'picker' };
  if (!start.showNote) return { name: 'loading' };
  if (start.saved && start.origin === undefined) return { name: 'choose', entry: entryOf(start.playable), playable: start.playable, summary: start.saved, fromPicker: false };
  return { name: 'note', entry: entryOf(start.playable), fromPicker: false, origin: start.origin ?? 'new', setAside: start.setAside };
}

/** The picker's notices, one per line. */
function pickerNotice(...lines: (string | undefined)[]): string | undefined {
  const shown = lines.filter(Boolean);
  return shown.length > 0 ? shown.join('\n') : undefined;
}

/**
 * Above a kept debrief opened again: when it was kept, on the volunteer's own clock (as `records`
 * dates the same playthrough). The time ends in "a.m." or "p.m.", whose point ends the sentence too
 * (it read "6:20 a.m..").
 */
function keptDebriefNotice(savedAt: string | undefined, thisRunOnly: boolean): string {
  // The time and its "a.m." kept on one row (a no-break space): at 60 columns "a.m." stood alone on the next.
  const when = savedAt && localDate(savedAt) ? `, from ${localDate(savedAt)} ${localTime(savedAt).replace(' ', '\u00a0')}` : '';
  const line = `Your last debrief of this scenario${when}`;
  const said = line.endsWith('.') ? line : `${line}.`;
  return thisRunOnly ? `${said} ${THIS_RUN_ONLY}` : said;
}

/** After the notice of a kept debrief the state folder refused (in memory only): a restart finds it gone. */
const THIS_RUN_ONLY = 'Kept for this run only: the state folder cannot be written, so it is gone once you quit.';
