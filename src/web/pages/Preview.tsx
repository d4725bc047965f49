import { useEffect, useEffectEvent, useId, useLayoutEffect, useRef, useState, type ChangeEvent, type MouseEvent } from 'react';
import { flushSync } from 'react-dom';
import { formatPath, unexplainedToldWords, type AuditData, type PlayableScenario, type Problem, type SessionMode, type ValidationResult } from '../../machines/index.js';
import { cleanLine, routeWords, shownCount, type Store } from '../../machines/light.js';
import { APP_FILES_SUMMARY, AuthoringHelp, checkAgainButton, previewPointers, type CheckedFrom } from '../components/AuthoringHelp.js';
import { ScenarioGraph } from '../components/ScenarioGraph.js';
import { Session } from '../components/Session.js';
import { loadCore, type Core } from '../core.js';
import type { AuditRequest } from '../audit-worker.js';
import { useFailPage, usePageLoading } from '../page-failure.js';
import { rememberOwnScenario } from '../own-scenarios.js';
import { entryState, go, hrefOf, noteFollowed, useFollowedLink } from '../routing.js';
import { sameIdInApp, scenarioTexts, type ScenarioText } from '../scenarios.js';
import { useStore, useTab } from '../store.js';
import { clearTabDraft, MOST_TAB_DRAFT_BYTES, readTabDraft, writeTabDraft, type TabDraft } from '../tab-draft.js';
import { routeTitle, useTitle } from '../title.js';
import { codeParts, WORDS_QUOTED } from '../code-parts.js';

interface Checked {
  file: string;
  result: ValidationResult;
  /** The text checked, kept for a valid file: the audit names its places (line:column) in it. */
  text?: string | Uint8Array;
  truncatedWords?: string;
  /** One of the app's own files (from scenarios/), not a file from this computer. */
  app?: boolean;
  /**
   * Checked again: the file shown was checked again (its "Check again" button, the same file chosen
   * again in the field, or its scenarios/ button pressed again), so the verdict says so, and when
   * ("Checked again at 21:34:05: …"): the same words as the last check were not announced after
   * "Checking…", and a screen-reader user could not tell that the check had run.
   */
  again?: boolean;
  /**
   * A file with the name of the one shown that is not known to be the same file (other contents, a
   * handle to another file, the trainer's own copy of an app's file): its verdict says when it was
   * checked ("Checked at 21:34:05: …"), not "again", which said it was the file shown re-checked.
   */
  sameName?: boolean;
  /** When it was checked (local time, HH:MM:SS), said in the verdict of a check again or of a file of the same name. */
  at?: string;
  /** The trainer's own file as last checked, shown again on coming back to the page (keptDraft), not checked now. */
  kept?: boolean;
  /**
   * A check begun after this one could not read its file (the name it had): these results are this
   * check's still, and the verdict and the line above them say so, and when they are from. They came
   * back as they were, "Checked again at …: mine.json is valid." announced anew after "Checking
   * mine.json…", as if the file moved, deleted or changed since had been checked.
   */
  unread?: string;
}

/** A time of day as the verdict says it: 21:34:05 (local time, 24-hour, to the second so that two checks a minute apart differ). */
function clockWords(d: Date): string {
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/**
 * The results of a check of `next.file`: checked again when the file shown was that file already,
 * that is, for one of the app's files, the same app file; for a file from this computer, one known to
 * be the same (`same`: its "Check again", the same handle, the same bytes). Another file of the
 * same name is only that.
 */
function checkedNow(prev: Checked | undefined, next: Omit<Checked, 'again' | 'sameName' | 'at' | 'app'>, app: boolean, same: boolean): Checked {
  const sameName = prev?.file === next.file;
  const again = sameName && (prev.app ?? false) === app && (app || same);
  return { ...next, app, again, sameName: sameName && !again, at: clockWords(new Date()) };
}

/** Whether two files' bytes are the same. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The part of the File System Access API used here (Chromium-based browsers; not in TypeScript's DOM types). */
interface PickedHandle {
  name: string;
  getFile(): Promise<File>;
  /** Whether two handles are to the same file on disk (FileSystemHandle.isSameEntry). */
  isSameEntry?(other: PickedHandle): Promise<boolean>;
}
type OpenFilePicker = (options: { types: { description: string; accept: Record<string, string[]> }[]; multiple?: boolean }) => Promise<PickedHandle[]>;

/** The browser's open-file window that hands back a handle to read the file again, when it has one. */
function filePicker(): OpenFilePicker | undefined {
  const picker = (window as unknown as { showOpenFilePicker?: OpenFilePicker }).showOpenFilePicker;
  return typeof picker === 'function' ? picker.bind(window) : undefined;
}

/**
 * The trainer's own file, as picked: with a handle (File System Access), "Check again" reads the
 * file as it is now on disk. A file from a plain file field cannot be: Chromium refuses to read it
 * once it has changed (NotReadableError) and other browsers may hand back the old contents, so
 * "Check again" then opens the file window again, and says so.
 */
type Picked = { name: string; handle: PickedHandle } | {
  name: string;
  handle?: undefined;
  /**
   * Picked with a handle that could not read it again (moved, renamed or deleted): the file window
   * opens to choose it again for that reason, not because this browser cannot read a changed file.
   */
  lost?: boolean;
  /**
   * Shown again from the copy the tab kept (tab-draft.ts: after a reload, or Preview opened again
   * from the navigation): the page holds that copy, not the file, so the file window opens to choose it again.
   */
  restored?: boolean;
};

/**
 * The trainer's own file shown on this page, kept for the history entry it was shown at: a trainer
 * who opened their draft, then one of the app's files (its own address, a new page), and pressed
 * Back came to an empty Preview and had to open the draft again. In the page's memory, as
 * own-scenarios.ts keeps their files (nothing sent): a reload forgets it here, and the tab's copy
 * (tab-draft.ts) shows it again then. With it the handle or the name to check it again, and the
 * bytes that tell the same file chosen again.
 */
interface KeptDraft { checked: Checked; picked: Picked; bytes?: Uint8Array }

/** Where a history entry of this page keeps the id of its draft (keepDraft). */
const DRAFT_ENTRY = 'casa-practice/preview-draft';
/** Ids of this page load (an entry's id from before a reload names nothing here). */
const DRAFT_LOAD = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
let draftsMade = 0;
/**
 * The drafts kept, by the app's store: one app, one store (a test's app, rendered anew over a store
 * of its own on the same history entry, is not shown another's draft).
 */
const keptDrafts = new WeakMap<Store, Map<string, KeptDraft>>();
/** The most kept (a file can be large): the drafts of the ten entries shown last. */
const MOST_DRAFTS = 10;

/** The draft this history entry showed, if this app kept it. */
function keptDraft(store: Store): KeptDraft | undefined {
  const id = entryState()[DRAFT_ENTRY];
  return typeof id === 'string' ? keptDrafts.get(store)?.get(id) : undefined;
}

/**
 * The trainer's own file shown last in this page load, by the app's store: Preview opened again from
 * the navigation shows the tab's copy (tab-draft.ts), and where that copy is this file's bytes, it
 * is shown with its handle and findings as they were (no copy needs checking, and "Check again"
 * still reads the file itself).
 */
const lastDraft = new WeakMap<Store, KeptDraft>();

/** The draft to show on opening the page at its own address: this entry's, else the tab's copy when it is the last file shown in this load. */
function draftOnOpening(store: Store, tabDraft: TabDraft | undefined): KeptDraft | undefined {
  const entry = keptDraft(store);
  if (entry) return entry;
  const last = lastDraft.get(store);
  if (!tabDraft || !last?.bytes || last.picked.name !== tabDraft.name || !sameBytes(last.bytes, tabDraft.bytes)) return undefined;
  return last;
}

/** Said where the tab's copy could not be read: the page starts empty, and nothing of the trainer's file is touched. */
export const TAB_DRAFT_DAMAGED = 'The copy of your file that this tab kept could not be read, so the page starts empty: open your file again with “Scenario file (.json)” above. The file on your device is not affected.';

/** Why the tab keeps no copy of the file shown, said beside it (writeTabDraft's answer). */
function notKeptWords(name: string, why: 'too-large' | 'refused'): string {
  return why === 'too-large'
    ? `${name} is larger than this tab keeps a copy of (${MOST_TAB_DRAFT_BYTES / 1024 / 1024} MB), so after a reload you open it again.`
    : `This browser would not let the tab keep a copy of ${name}, so after a reload you open it again.`;
}

/** Keeps the draft this history entry shows (undefined: it shows none now, an app's file). */
function keepDraft(store: Store, draft: KeptDraft | undefined): void {
  const state = entryState();
  let id = state[DRAFT_ENTRY];
  if (typeof id !== 'string' || !id.startsWith(`${DRAFT_LOAD}:`)) {
    if (!draft) return;
    id = `${DRAFT_LOAD}:${++draftsMade}`;
    history.replaceState({ ...state, [DRAFT_ENTRY]: id }, '');
  }
  const drafts = keptDrafts.get(store) ?? new Map<string, KeptDraft>();
  keptDrafts.set(store, drafts);
  drafts.delete(id as string);
  if (!draft) return;
  drafts.set(id as string, draft);
  for (const old of drafts.keys()) {
    if (drafts.size <= MOST_DRAFTS) break;
    drafts.delete(old);
  }
}

/** A file name from the address as the page may show it (anyone can send a link): clean, and cut to 100 characters. */
const shownName = (name: string): string => {
  const clean = cleanLine(name);
  return clean.length > 100 ? `${clean.slice(0, 99)}…` : clean;
};

/** A trainer checks a scenario file of their own: every validator message with line:column, and a valid file plays at once. */
export default function Preview({ file, paused }: { file?: string; paused?: boolean }) {
  const inputId = useId();
  // The validator's own code, or the app's scenarios, that do not load (offline, or the app updated
  // on its host while the tab was open): said in place of the page, not blamed on the trainer's file.
  const fail = useFailPage();
  // Come back to (the browser's Back) where the trainer's own file was shown: that file as last
  // checked, with its "Check again". Only at the page's own address: one naming an app's file checks it.
  const store = useStore();
  // After a reload, or opened again from the navigation: the trainer's own file shown last in this
  // tab, from the copy the tab keeps (tab-draft.ts), checked again from that copy when the page opens.
  const tab = useTab();
  const [fromTab] = useState(() => (file === undefined ? readTabDraft(tab) : {}));
  const [kept] = useState(() => (file === undefined ? draftOnOpening(store, fromTab.draft) : undefined));
  const restoring = useRef(kept === undefined ? fromTab.draft : undefined);
  const [checked, setChecked] = useState<Checked | undefined>(kept && { ...kept.checked, kept: true, unread: undefined });
  // Whether the tab keeps a copy of the file shown (undefined: no file of the trainer's shown), or why not.
  const [tabKept, setTabKept] = useState<'kept' | 'too-large' | 'refused'>();
  // Said once the trainer cleared the draft from the page.
  const [cleared, setCleared] = useState<string>();
  const [busy, setBusy] = useState(false);
  // The name of the file being checked, for the status line while it is.
  const [checking, setChecking] = useState<string>();
  const [error, setError] = useState<string | undefined>(() => (fromTab.damaged ? TAB_DRAFT_DAMAGED : undefined));
  const [playing, setPlaying] = useState<{ playable: PlayableScenario; mode: SessionMode; n: number }>();
  const [bundled, setBundled] = useState<ScenarioText[]>();
  // Loading, for App's "Now showing", until a file the address names has its results (or is said
  // not to be there): those take the focus, and say the page. Released with the list alone, the
  // page was named as well, between "Checking …" and the results.
  usePageLoading(bundled === undefined || (file !== undefined && checked === undefined && error === undefined));
  // The app's files, a folded list of buttons that each open the file's own address: come back to by
  // the browser's Back, the list was folded and the focus on the page's top, not on the button used.
  const ownFiles = useFollowedLink(bundled !== undefined);
  // The file the address names: the one the page was opened for (`file`), until the trainer opens a
  // file of their own, which no address can name. The address then becomes the page's own, replaced
  // in place (no new page), so that a reload or a shared link does not check the app's file instead.
  const [addressed, setAddressed] = useState(file);
  const address = (named: string | undefined) => {
    if (named === addressed) return;
    history.replaceState(history.state, '', hrefOf(named === undefined ? { page: 'preview' } : { page: 'preview', file: named }));
    setAddressed(named);
  };
  // A file played here is titled by its session; back at the check, the page's own title again.
  useTitle(playing ? undefined : routeTitle(addressed ? { page: 'preview', file: addressed } : { page: 'preview' }));
  // Focus stays with the reader: on the preview's notice when it opens, on the button pressed when it closes.
  const previewNotice = useRef<HTMLParagraphElement>(null);
  const playButtons = { practice: useRef<HTMLButtonElement>(null), assessment: useRef<HTMLButtonElement>(null) };
  const play = (scenario: PlayableScenario['scenario'], file: string, mode: SessionMode) => {
    flushSync(() => setPlaying({ playable: { scenario, file }, mode, n: Date.now() }));
    previewNotice.current?.focus();
  };
  const stopPlaying = (mode: SessionMode) => {
    flushSync(() => setPlaying(undefined));
    playButtons[mode].current?.focus();
  };
  // A file named in the address is checked when the page opens (its Check button opens that address,
  // and the page is made anew): focus goes to its results once they show.
  const problemsHeading = useRef<HTMLHeadingElement>(null);
  const focusResults = useRef(false);
  // In the commit that shows them (a layout effect): focus never lags behind the results.
  useLayoutEffect(() => {
    if (!focusResults.current || !checked || busy) return;
    focusResults.current = false;
    problemsHeading.current?.focus();
  }, [checked, busy]);

  const againButton = useRef<HTMLButtonElement>(null);
  const focusAgain = useRef(false);
  useLayoutEffect(() => {
    if (busy) return;
    // Asked once: where no button is back (no earlier results), nothing takes the focus later.
    const wanted = focusAgain.current;
    focusAgain.current = false;
    if (wanted) againButton.current?.focus();
  }, [checked, busy]);

  // Each file chosen (or checked again) is numbered: a check that ends after a newer one began (a
  // large file still being read when the trainer picks another) is dropped, not shown over it.
  const latest = useRef(0);
  /** The check of `name` has begun: the page says so, and shows no results until it ends (no check's but its own). */
  const startChecking = (name: string) => {
    setBusy(true);
    setChecking(name);
    setPlaying(undefined);
  };
  /**
   * The check of `name` could not read the file: the page ends "Checking…", and the results it shows
   * again are said to be the earlier check's. `again`: asked for by its "Check again", whose button
   * (gone while the check ran) is back, to choose the file again: the focus goes to it, not left
   * on the page's body (a keyboard user started again from the top).
   */
  const notRead = (name: string, again: boolean) => {
    if (again) focusAgain.current = true;
    setBusy(false);
    setChecked((prev) => prev && { ...prev, unread: name });
  };
  /**
   * Checks a file's text; `from`: where it came from, one of the app's own files (from scenarios/),
   * which must be named after its id, or the trainer's, through the file window or the file field
   * (the fixes that say to check it again name the button that does, as labelled for it).
   * `keptAt`: the tab's copy of the trainer's file, shown as last checked then (not a check of the file now).
   */
  const check = async (name: string, text: string | Uint8Array, from: CheckedFrom, again = false, n = ++latest.current, keptAt?: string) => {
    const own = from === 'app';
    startChecking(name);
    // The validator and schema load here, on demand: never part of the first page.
    let core: Core;
    let sameIds: Awaited<ReturnType<typeof sameIdInApp>>;
    try {
      [core, sameIds] = await Promise.all([loadCore(), own ? sameIdInApp(name) : sameIdInApp(undefined, { name, text })]);
    } catch (e) {
      if (n === latest.current) fail(e);
      return;
    }
    if (n !== latest.current) return;
    // As `casa-practice validate` checks the scenarios folder: no other file of the app with this id,
    // and the app's own files named after their ids. A fix that points to the authoring guide, the
    // guide's files, the JSON Schema or a command (the terminal's "validate again", "play <id>")
    // says what this page offers instead (previewPointers): a web-only trainer has no terminal.
    const authoring = previewPointers(from, name);
    const result = core.validateScenario(text, name, { ...sameIds, authoring, ...(own ? { fileStem: name.replace(/\.json$/i, '') } : {}) });
    // A file of the volunteer's own, valid: My records' xAPI export can describe practice played from it (own-scenarios.ts).
    if (!own && result.scenario) rememberOwnScenario(result.scenario);
    const now: Omit<Checked, 'again' | 'sameName' | 'at' | 'app'> = { file: name, result, ...(result.scenario ? { text } : {}), truncatedWords: result.truncated ? core.moreProblemsLine(result.truncated, authoring) : undefined };
    setChecked((prev) => (keptAt === undefined ? checkedNow(prev, now, own, again) : { ...now, app: false, at: keptAt, kept: true }));
    setBusy(false);
  };

  // The file picked from this computer, to check again after an edit (none for the app's own files).
  const [picked, setPicked] = useState<Picked | undefined>(kept?.picked ?? (restoring.current && { name: restoring.current.name, restored: true }));
  const fileInput = useRef<HTMLInputElement>(null);
  const [noPicker, setNoPicker] = useState(false);
  // The file window opened by "Check again" (no handle): the file chosen there is the one shown, chosen again.
  const choosingAgain = useRef(false);
  useEffect(() => {
    const input = fileInput.current;
    const cancelled = () => {
      choosingAgain.current = false;
    };
    input?.addEventListener('cancel', cancelled);
    return () => input?.removeEventListener('cancel', cancelled);
  });
  // The bytes of the last file checked from this computer: the same bytes under the same name are
  // the same file picked again; other bytes may be another file of that name (or the file edited,
  // which its "Check again" says).
  const lastBytes = useRef<Uint8Array>(kept?.bytes ?? restoring.current?.bytes);
  /**
   * Reads a picked file's bytes and checks them; a file that cannot be read is said in one line.
   * `from`: the file window (a handle) or the file field; `again`: the trainer asked to check the
   * file shown again; `sameFile`: it is known to be the same file on disk (the same handle), though
   * not asked again (its results do not take focus).
   */
  const checkFile = async (file: File, name: string, from: Exclude<CheckedFrom, 'app'>, again: boolean, sameFile = again, n = ++latest.current): Promise<boolean> => {
    // "Checking <file>…" from the moment the file is chosen, in place of the last check's verdict and
    // results: those stayed on the page while the bytes were read (a large file, a slow disk), and a
    // trainer, or a screen reader, took "Checked again at …" of the check before for this one's.
    startChecking(name);
    let core: Core;
    try {
      core = await loadCore();
    } catch (e) {
      if (n === latest.current) fail(e);
      return true;
    }
    if (n !== latest.current) return true;
    try {
      // A file far larger than any scenario is refused by its size, as the command line refuses it,
      // before its bytes are read into the page (a file of gigabytes would stall or crash the tab).
      if (file.size > core.MAX_FILE_BYTES) {
        if (again) focusResults.current = true;
        setPlaying(undefined);
        // (An earlier check it replaced may have left "Checking …" on: this is the newest.)
        setBusy(false);
        lastBytes.current = undefined;
        setChecked((prev) => checkedNow(prev, { file: name, result: core.fileProblem(name, 'file-too-large', `it is ${(file.size / 1024 / 1024).toFixed(1)} MB`) }, false, sameFile));
        return true;
      }
      // The bytes, as the command line reads a file: text that is not UTF-8 is the validator's error
      // (with its line and column), not replacement characters in a file called valid.
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (n !== latest.current) return true;
      if (again) focusResults.current = true;
      const same = sameFile || (lastBytes.current !== undefined && sameBytes(lastBytes.current, bytes));
      lastBytes.current = bytes;
      await check(name, bytes, from, same, n);
      return true;
    } catch {
      if (n !== latest.current) return false;
      notRead(name, again);
      setError(again
        ? `The file ${name} could not be read again (it may have been moved, renamed or deleted). Choose it again with “Scenario file (.json)” above.`
        : `The file ${name} could not be read.`);
      return false;
    }
  };
  // Where the browser can, the file field opens the window that keeps a handle to the file.
  const onPickClick = (e: MouseEvent<HTMLInputElement>) => {
    const picker = noPicker ? undefined : filePicker();
    if (!picker) return;
    e.preventDefault();
    void (async () => {
      let handle: PickedHandle | undefined;
      try {
        [handle] = await picker({ types: [{ description: 'Scenario file', accept: { 'application/json': ['.json'] } }] });
      } catch (err) {
        if ((err as { name?: string } | undefined)?.name === 'AbortError') {
          choosingAgain.current = false;
          return;
        }
        // Refused here (a frame, a policy): the plain file field from now on.
        setNoPicker(true);
        setError('This browser would not open its file window from here. Press “Scenario file (.json)” again to choose the file.');
        return;
      }
      // Opened by "Check again: choose <file> again" (the handle lost it): the file of that name
      // chosen is the file checked again, as from the file field (onFile), its results focused.
      const chosenAgain = choosingAgain.current;
      choosingAgain.current = false;
      if (!handle) return;
      setError(undefined);
      const name = cleanLine(handle.name);
      // Checking from here: the last check's results are not shown while the file is compared and read.
      const n = ++latest.current;
      startChecking(name);
      const again = chosenAgain && picked !== undefined && picked.handle === undefined && picked.name === name;
      // The file shown chosen again in the window (the same file on disk) is checked again; another of its name is not.
      const before = picked?.handle;
      const sameFile = again || (before !== undefined && picked?.name === name && (await before.isSameEntry?.(handle).catch(() => false)) === true);
      let file: File;
      try {
        file = await handle.getFile();
      } catch {
        // (It was left unhandled, and the page went on saying nothing.)
        if (n !== latest.current) return;
        notRead(name, again);
        setError(`The file ${name} could not be read.`);
        return;
      }
      if (n !== latest.current) return;
      address(undefined);
      setPicked({ name, handle });
      await checkFile(file, name, 'window', again, sameFile, n);
    })();
  };
  const checkAgain = async () => {
    if (!picked?.handle) {
      // A file from the plain field cannot be read again: open the file window for the trainer to choose it again.
      fileInput.current?.click();
      // (After the click: the field's own click handler has run.) Until a file is chosen or the window cancelled.
      choosingAgain.current = true;
      return;
    }
    setError(undefined);
    // Checking from here, not once the file is read: its last results are not shown as this check's meanwhile.
    const n = ++latest.current;
    startChecking(picked.name);
    let file: File;
    try {
      file = await picked.handle.getFile();
    } catch {
      if (n !== latest.current) return;
      notRead(picked.name, true);
      setPicked({ name: picked.name, lost: true });
      setError(`The file ${picked.name} could not be read again (it may have been moved, renamed or deleted). Choose it again with “Scenario file (.json)” above.`);
      return;
    }
    if (n !== latest.current) return;
    await checkFile(file, picked.name, 'window', true, true, n);
  };

  // The file named in the address is checked with the latest `check` (a new function every
  // render), without the effect running again for it.
  const checkNamed = useEffectEvent((name: string, text: string) => {
    focusResults.current = true;
    void check(name, text, 'app');
  });

  useEffect(() => {
    let live = true;
    void scenarioTexts().then((texts) => {
      if (!live) return;
      setBundled(texts);
      // A file from scenarios/ named in the address is checked again after every reload (npm run dev reloads on a change).
      const found = file ? texts.find((t) => t.file === file) : undefined;
      if (found) checkNamed(found.file, found.text);
      else if (file) {
        setError(`There is no file ${shownName(file)} in the app's scenarios/ folder: open your file with “Scenario file (.json)” above, or check one of the folder's files.`);
      }
    }).catch((e: unknown) => live && fail(e));
    return () => {
      live = false;
    };
  }, [file, fail]);

  // The tab's copy of the trainer's file (a reload, or the page opened again): checked from the copy
  // as the page opens, shown as last checked then; a copy that could not be read is forgotten (said).
  const checkRestored = useEffectEvent((draft: TabDraft) => {
    void check(draft.name, draft.bytes, 'field', false, ++latest.current, draft.at);
  });
  useEffect(() => {
    if (fromTab.damaged) clearTabDraft(tab);
    const draft = restoring.current;
    if (draft) checkRestored(draft);
  }, [fromTab, tab]);

  /** Clears the trainer's draft from the page and the tab (the file on their device untouched); the focus goes to the file field. */
  const clearDraft = () => {
    const name = checked?.file ?? '';
    latest.current++;
    clearTabDraft(tab);
    keepDraft(store, undefined);
    lastDraft.delete(store);
    lastBytes.current = undefined;
    flushSync(() => {
      setChecked(undefined);
      setPicked(undefined);
      setTabKept(undefined);
      setError(undefined);
      setPlaying(undefined);
      setCleared(`Cleared: the page no longer shows or keeps ${name}. The file on your device is not changed.`);
    });
    fileInput.current?.focus();
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // Emptied, so that the same file picked again (after an edit) is checked again: a browser sends no
    // change for a selection it already holds.
    e.target.value = '';
    if (!file) return;
    setError(undefined);
    const name = cleanLine(file.name);
    // Chosen again through "Check again": checked again, and its results take focus, as a check
    // again from a handle does. Chosen in the field itself, a file of the same name is checked
    // again only if it is the same bytes (checkFile): it may be another file of that name.
    const again = choosingAgain.current && picked !== undefined && picked.handle === undefined && picked.name === name;
    choosingAgain.current = false;
    address(undefined);
    setPicked({ name });
    await checkFile(file, name, 'field', again);
  };

  // The trainer's own file shown, kept for this history entry (keptDraft); an app's file shown in its
  // place, forgotten there. And for the tab (tab-draft.ts): a copy of the trainer's file shown last,
  // which an app's file shown since does not replace (the draft is still the trainer's to come back to).
  useEffect(() => {
    if (busy || !checked) return;
    const own = !checked.app && picked?.name === checked.file;
    const draft = own ? { checked, picked, bytes: lastBytes.current } : undefined;
    keepDraft(store, draft);
    if (!own) return;
    setCleared(undefined);
    lastDraft.set(store, draft as KeptDraft);
    const bytes = lastBytes.current;
    // A file refused by its size was never read: nothing to keep, and an older copy is not shown in its place.
    if (!bytes) {
      clearTabDraft(tab);
      setTabKept('too-large');
      return;
    }
    setTabKept(writeTabDraft(tab, { name: checked.file, at: checked.at ?? '00:00:00', bytes }));
  }, [store, tab, checked, picked, busy]);

  if (playing) {
    return (
      <>
        <p className="notice" tabIndex={-1} ref={previewNotice}>Preview of {checked?.file}: not saved and not added to your records. <button type="button" onClick={() => stopPlaying(playing.mode)}>Back to the file's check</button></p>
        {/* At its debrief too the way back is to the file's check: "Back to the scenarios" left the page, and the file checked with it. */}
        <Session key={playing.n} playable={playing.playable} mode={playing.mode} startedAt={new Date().toISOString()} persist={false} paused={paused ?? false}
          back={<button type="button" onClick={() => stopPlaying(playing.mode)}>Back to the file's check</button>} />
      </>
    );
  }

  const scenario = checked?.result.scenario;
  return (
    <>
      <h1>Preview a scenario file</h1>
      <p>
        Open a scenario file (JSON) from this device to check it against the scenario format and the guide. The file is read
        here in the browser and never uploaded. Every problem is listed with its line and column; a file without errors can be
        played at once.
      </p>
      <AuthoringHelp />
      <p className="no-print">
        <label htmlFor={inputId}>Scenario file (.json)</label><br />
        {/* The field is emptied after each pick (so the same file can be chosen again after an edit),
            and a file opened through the file window or from scenarios/ never fills it: the line
            below, which the field names as its description, says which file the results are for. */}
        <input id={inputId} ref={fileInput} type="file" accept=".json,application/json" aria-describedby={checked && !busy ? `${inputId}-checked` : undefined} onClick={onPickClick} onChange={(e) => void onFile(e)} />
      </p>
      {checked && !busy && (
        <p className="checked-file" id={`${inputId}-checked`}>
          Results below are for <strong>{checked.file}</strong>{checked.kept || checked.unread !== undefined ? ` as checked at ${checked.at ?? 'your last check'}` : checked.again ? ', checked again' : ''}{checked.unread === checked.file ? ', before the check that failed' : ''}. Choose a file above to check another one.
        </p>
      )}
      {picked && !busy && checked?.file === picked.name && (
        picked.handle
          ? <p className="controls"><button type="button" ref={againButton} onClick={() => void checkAgain()}>{checkAgainButton('window', picked.name)}</button> <span className="hint">after you save a change to it.</span></p>
          : (
            <p className="controls">
              <button type="button" ref={againButton} aria-describedby={`${inputId}-again`} onClick={() => void checkAgain()}>{checkAgainButton('field', picked.name)}</button>{' '}
              <span className="hint" id={`${inputId}-again`}>{picked.lost
                // Said of the file, where it is so: this browser reads a changed file again through its handle.
                ? `${picked.name} could not be read where it was, so the file window opens for you to choose it again.`
                : picked.restored
                  ? `The page shows the copy of ${picked.name} this tab kept, not the file itself, so the file window opens for you to choose it again.`
                  : 'This browser cannot read a file again once it has changed, so the file window opens for you to choose it again.'}</span>
            </p>
          )
      )}
      {picked && !busy && checked?.file === picked.name && !checked.app && tabKept && (
        <p className="controls no-print">
          <button type="button" aria-describedby={`${inputId}-tab`} onClick={clearDraft}>Clear {picked.name} from this page</button>{' '}
          <span className="hint" id={`${inputId}-tab`}>{tabKept === 'kept'
            ? `This tab keeps a copy of ${picked.name} until you close it, so a reload shows it again. Nothing is uploaded.`
            : notKeptWords(picked.name, tabKept)}</span>
        </p>
      )}
      {bundled !== undefined && bundled.length > 0 && (
        <details className="app-files-fold no-print">
          <summary>{APP_FILES_SUMMARY}</summary>
          {/* Spaced as the app's other stacks of buttons (a play's replies): they touched, border on border.
              A list to every screen reader without its bullets: Safari's VoiceOver drops a list's role with its list-style. */}
          <ul className="app-files" role="list" ref={ownFiles.ref}>
            {bundled.map((b) => (
              <li key={b.file}><button type="button" data-href={hrefOf({ page: 'preview', file: b.file })} onClick={() => {
                // The page's own file (its address replaced by a file of the trainer's since) is checked here, named again in the address.
                if (file !== b.file) {
                  // Come back to by the browser's Back: this list open again, this button focused (useFollowedLink).
                  noteFollowed(hrefOf({ page: 'preview', file: b.file }));
                  return go({ page: 'preview', file: b.file });
                }
                address(b.file);
                void check(b.file, b.text, 'app');
              }}>{checkAgainButton('app', b.file)}</button></li>
            ))}
          </ul>
          {/* Only where it is true: the dev server reloads on a change; the built app (npm start, a
              static host) does not, and a volunteer who opened this page read "npm run dev" there. */}
          {import.meta.env.DEV && <p className="hint">With <code>npm run dev</code>, the page reloads and checks the file again whenever it changes on disk.</p>}
        </details>
      )}
      {error && <p className="notice" role="alert">{error}</p>}
      <div className="verdict" role="status" aria-live="polite">{busy ? `Checking ${checking ?? 'the file'}…` : checked ? verdictWords(checked) : (cleared ?? '')}</div>
      {checked && !busy && (
        <section aria-labelledby="problems-heading">
          <h2 id="problems-heading" ref={problemsHeading} tabIndex={-1}>{checked.result.problems.length === 0 ? `No problems found in ${checked.file}` : `Problems in ${checked.file}`}</h2>
          {checked.result.problems.length > 0 && (
            <ol className="problems">
              {checked.result.problems.map((p, i) => <ProblemItem key={i} problem={p} />)}
            </ol>
          )}
          {checked.truncatedWords && <p>{checked.truncatedWords}</p>}
          {/* A trainer fixing a misspelt "next" looked for the graph that the docs promise, and the
              page said nothing of why it was not there. */}
          {!scenario && checked.result.errors > 0 && (
            <p className="hint">Fix the {checked.result.errors === 1 ? 'error' : 'errors'} above and check the file again: then it can be played here and its graph is drawn (warnings do not stop either).</p>
          )}
          {scenario && (
            <p className="controls">
              <button type="button" className="primary" ref={playButtons.practice} onClick={() => play(scenario, checked.file, 'practice')}>Play it now (practice)</button>
              <button type="button" ref={playButtons.assessment} onClick={() => play(scenario, checked.file, 'assessment')}>Play it now (assessment)</button>
            </p>
          )}
        </section>
      )}
      {scenario && checked?.text !== undefined && !busy && <HouseRules checked={checked} />}
      {scenario && checked && !busy && <ScenarioGraph scenario={scenario} file={checked.file} />}
    </>
  );
}

function verdictWords(c: Checked): string {
  const { errors, warnings } = c.result;
  const w = `${warnings} warning${warnings === 1 ? '' : 's'}`;
  if (c.unread !== undefined) {
    // The alert above says why the file could not be read, and what to do: this says what the results below are.
    const found = c.result.ok ? `valid${warnings ? `, ${w}` : ''}` : `${errors} error${errors === 1 ? '' : 's'}, ${w}`;
    const when = c.at ? ` at ${c.at}` : '';
    return c.unread === c.file
      ? `Not checked again. The results below are from the earlier check of ${c.file}${when ? `,${when}` : ''} (${found}).`
      : `${c.unread} was not checked. The results below are still those of ${c.file}, from its check${when} (${found}).`;
  }
  const words = c.result.ok ? `${c.file} is valid${warnings ? ` (${w})` : ''}.` : `${c.file}: ${errors} error${errors === 1 ? '' : 's'}, ${w}.`;
  if (c.again) return `Checked again${c.at ? ` at ${c.at}` : ''}: ${words}`;
  // Another file of the name shown: when it was checked, so that the same words as before are said anew.
  return c.sameName ? `Checked${c.at ? ` at ${c.at}` : ''}: ${words}` : words;
}

/**
 * A fix with its JSON to type in <code> (codeParts), every part as React text; a message (`message`)
 * with its ids and field names so. A part without a space (an id, a field's name: "end-quiet") is
 * a "word": kept whole on a line where one can hold it, not broken at its hyphen (see styles.css).
 */
function FixText({ text, message = false }: { text: string; message?: boolean }) {
  return <>{codeParts(text, message).map((part, i) => (part.code ? <code key={i} className={/\s/.test(part.text) ? undefined : 'word'}>{part.text}</code> : part.text))}</>;
}

function ProblemItem({ problem: p }: { problem: Problem }) {
  return (
    <li className={p.severity}>
      <p className="problem">
        <strong>{p.file}:{p.line}:{p.column}</strong> {p.severity === 'error' ? '✗ error' : '⚠ warning'} [{p.code}]{p.pathUnknown ? '' : ` ${formatPath(p.path)}`}
      </p>
      <p>{WORDS_QUOTED.has(p.code) ? p.message : <FixText text={p.message} message />}</p>
      <p><strong>Fix:</strong> <FixText text={p.fix} /></p>
    </li>
  );
}

/** The audit's result for one check (`of`): a file checked again is audited again, never shown with the last check's audit. */
interface Audited { of: Checked; data?: AuditData; failed?: boolean }

/**
 * "a playthrough can…" → "A playthrough can…": the audit's findings are written to follow a file's
 * name in the terminal ("first-scenario: a playthrough can…"); here each starts an item of its own.
 */
function asSentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `first-scenario: a playthrough can…` → `a playthrough can…`: the page names the file already. */
function withoutId(message: string, id: string): string {
  return message.startsWith(`${id}: `) ? message.slice(id.length + 2) : message;
}

/**
 * The audit of a valid file (`casa-practice audit <file>`, the same core and its data, auditData):
 * the house rules of the bundled set and the endings' and wording checks, each failure with its
 * places (line:column, as validate gives them) and its fix. Run in a worker (audit-worker.ts), or
 * without one after the validate result is on the screen (a large file's exploration takes a while),
 * bounded by the core's own limits, which say when the check was partial. Nothing here is a live region: the verdict above is announced,
 * and this section is found by its heading.
 */
function HouseRules({ checked }: { checked: Checked }) {
  const [audited, setAudited] = useState<Audited>();
  useEffect(() => {
    const scenario = checked.result.scenario;
    const text = checked.text;
    if (!scenario || text === undefined) return;
    let live = true;
    const done = (result: Omit<Audited, 'of'>) => live && setAudited({ of: checked, ...result });
    // In a worker of its own where the browser has one: the page answers clicks and keys while it
    // runs, and a check replaced by another (or the page left) stops it.
    let worker: Worker | undefined;
    try {
      worker = typeof Worker === 'function' ? new Worker(new URL('../audit-worker.ts', import.meta.url), { type: 'module' }) : undefined;
    } catch {
      worker = undefined;
    }
    if (worker) {
      worker.onmessage = (e: MessageEvent<Omit<Audited, 'of'>>) => done(e.data);
      worker.onerror = () => done({ failed: true });
      worker.postMessage({ scenario, file: checked.file, text } satisfies AuditRequest);
      return () => {
        live = false;
        worker.terminate();
      };
    }
    // Without one, on the page's thread, after the browser has drawn the validate result (the next
    // frame, then a task): the audit holds the page while it runs.
    const run = () => {
      if (!live) return;
      void loadCore().then((core) => {
        if (!live) return;
        try {
          done({ data: core.auditData([scenario], [checked.file], [core.scenarioPlaces(text, checked.file)]) });
        } catch {
          done({ failed: true });
        }
      }, () => done({ failed: true }));
    };
    let frame: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(() => { timer = setTimeout(run, 0); });
    else timer = setTimeout(run, 0);
    return () => {
      live = false;
      if (frame !== undefined) cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [checked]);
  const file = checked.file;
  const now = audited?.of === checked ? audited : undefined;
  const data = now?.data;
  const row = data?.scenarios[0];
  const failures = row?.failures ?? [];
  const wordingFailed = data?.wording.filter((w) => w.failed) ?? [];
  const toLookAt = data?.wording.filter((w) => !w.failed) ?? [];
  const count = failures.length + wordingFailed.length;
  const partial = row !== undefined && (!row.complete || failures.some((f) => f.check === 'house-rules-incomplete'));
  return (
    <section aria-labelledby="house-rules-heading">
      <h2 id="house-rules-heading">House rules of the bundled set</h2>
      <p>
        The rules the app&apos;s own scenarios are held to, as the app&apos;s terminal version checks them (<code>casa-practice audit</code>):
        does the ending follow what the volunteer did, and does the wording give the best reply away?
      </p>
      {!now && <p>Checking {file} against the house rules…</p>}
      {now?.failed && <p className="notice">The house rules could not be checked here. The file still plays as it is.</p>}
      {data && row && count === 0 && <p>Passed: {file} meets every house rule this check covers.</p>}
      {data && row && count > 0 && (
        <>
          <p>{file} does not meet {count === 1 ? 'one of them' : `${count} of them`}:</p>
          <ol className="problems house-rules">
            {failures.map((f, i) => (
              <li key={`f${i}`} className="error">
                <p>{asSentence(cleanLine(withoutId(f.message, row.id)))}{f.places.length > 0 ? ':' : ''}</p>
                {f.places.length > 0 && (
                  <ul>
                    {f.places.map((p, j) => <li key={j}>{p.line !== undefined ? <><strong className="problem">{p.file}:{p.line}:{p.column}</strong>{' '}</> : null}{cleanLine(p.what)}</li>)}
                  </ul>
                )}
                {f.replies && <p>Its replies: {f.replies.map(cleanLine).join(', ')}</p>}
                {f.route && !f.replies && <p>Its route: {routeWords(f.route.map(cleanLine))}</p>}
                {f.playthroughs?.slice(1).map((o, j) => <p key={`o${j}`}>Another: {o.percent}% on {unexplainedToldWords(cleanLine(o.ending), o.told)}, its replies: {o.replies.map(cleanLine).join(', ')}</p>)}
                {f.playthroughs && (f.playthroughCount ?? 0) > f.playthroughs.length && <p>And {shownCount((f.playthroughCount ?? 0) - f.playthroughs.length)} more such playthroughs.</p>}
                {f.fix && <p><strong>Fix:</strong> <FixText text={cleanLine(f.fix)} /></p>}
              </li>
            ))}
            {wordingFailed.map((w, i) => <WordingItem key={`w${i}`} miss={w} />)}
          </ol>
        </>
      )}
      {data && toLookAt.length > 0 && (
        <>
          <p>
            To look at (not failed: over {data.all.decisions} decision{data.all.decisions === 1 ? '' : 's'} one reply moves a share a long way; these are checked across {data.all.thresholds.minDecisions} decisions or more):
          </p>
          <ul className="problems house-rules">
            {toLookAt.map((w, i) => <WordingItem key={i} miss={w} />)}
          </ul>
        </>
      )}
      {partial && row && (
        <p>
          This check was partial: it stopped at its limit after {row.states.toLocaleString('en-US')} reachable states, as the terminal&apos;s audit does, so what it says covers only the part of the playthroughs it saw.
        </p>
      )}
      {data && count > 0 && (
        <p>These are the house rules of the bundled set: {file} still validates and plays as it is; a scenario added to the app&apos;s scenarios/ folder must meet them.</p>
      )}
    </section>
  );
}

/** How many decisions of a wording share are named, as the terminal's audit names them; the rest are counted. */
const NAMED_DECISIONS = 5;

/** A wording share out of range: the share, its decisions with their places (the first few), and the fix. */
function WordingItem({ miss: w }: { miss: AuditData['wording'][number] }) {
  const named = w.atLeast === null ? [] : w.decisions.slice(0, NAMED_DECISIONS);
  return (
    <li className={w.failed ? 'error' : 'warning'}>
      {/* Where no change brings the share into range, its words say so beside it, as the terminal's do, and ask for nothing: no fix. */}
      <p>{asSentence(cleanLine(w.share))}{w.atLeast === null ? `: ${cleanLine(w.fix.charAt(0).toLowerCase() + w.fix.slice(1))}` : named.length > 0 ? `; where to change it (${w.decisions.length} decision${w.decisions.length === 1 ? '' : 's'}):` : ''}</p>
      {named.length > 0 && (
        <ul>
          {named.map((d, j) => (
            <li key={j}>{d.line !== undefined ? <><strong className="problem">{d.file}:{d.line}:{d.column}</strong>{' '}</> : null}{cleanLine(d.decision)}{d.reply !== null ? `, reply ${cleanLine(d.reply)}` : ''}</li>
          ))}
          {w.decisions.length > named.length && <li>and {shownCount(w.decisions.length - named.length)} more</li>}
        </ul>
      )}
      {w.atLeast !== null && <p><strong>Fix:</strong> <FixText text={cleanLine(w.fix)} /></p>}
    </li>
  );
}
