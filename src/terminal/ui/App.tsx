import { Box, Text, useStdout } from 'ink';
import { lazy, Suspense, useEffect, useState } from 'react';
import { entryOf, resumeFailure, withRecord, type CatalogEntry, type PlayableScenario, type Records, type SessionMode } from '../../machines/light.js';
import type { PersistedScenarioSnapshot, SessionActor } from '../../machines/index.js';
import type { Listing } from '../node/catalog-files.js';
import { hasSave, loadRecords } from '../node/state-store.js';
import { sessionSeed } from '../seed.js';
import type { Theme } from '../theme.js';
import { AppContext, type AppServices } from './AppContext.js';
import { ContentNote } from './ContentNote.js';
import { Paragraph } from './Paragraph.js';
import { Picker } from './Picker.js';
import { ThemeContext } from './ThemeContext.js';
import { useKeySplitter } from './useKeys.js';
import { KeysAllowedContext, MIN_COLUMNS, MIN_ROWS, useFollowingRef, useScreenSize } from './useScreenSize.js';

// The playing screens pull in the core (xstate, the validator); loading them on demand keeps the
// picker's first frame as quick as an empty Ink app's.
const PlayScreen = lazy(async () => ({ default: (await import('./PlayScreen.js')).PlayScreen }));
const FacilitateScreen = lazy(async () => ({ default: (await import('./FacilitateScreen.js')).FacilitateScreen }));

/** How the app opens. */
export type AppStart =
  | { kind: 'picker'; notice?: string }
  | { kind: 'play'; playable: PlayableScenario; snapshot?: PersistedScenarioSnapshot; startedAt?: string; showNote: boolean }
  | { kind: 'facilitate'; playable?: PlayableScenario };

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
  | { name: 'note'; entry: CatalogEntry; fromPicker: boolean }
  | { name: 'play'; playable: PlayableScenario; actor: SessionActor; mode: SessionMode; fromPicker: boolean; startedAt?: string; resumed?: boolean }
  | { name: 'facilitate'; playable: PlayableScenario; actor: SessionActor };

// Each new playthrough draws its own seed for the order of replies (a resumed one keeps its save's).
async function newActor(env: NodeJS.ProcessEnv, playable: PlayableScenario, mode: SessionMode, snapshot?: PersistedScenarioSnapshot): Promise<SessionActor> {
  return (await import('../../machines/index.js')).startSession(playable.scenario, mode, snapshot, sessionSeed(env));
}

async function newFacilitation(env: NodeJS.ProcessEnv, playable: PlayableScenario): Promise<SessionActor> {
  return (await import('../../machines/index.js')).startFacilitation(playable.scenario, sessionSeed(env));
}

/** The records, with a one-line notice when a damaged records file had to be set aside. */
function recordsNow(env: NodeJS.ProcessEnv): { records: Records; notice?: string } {
  try {
    return loadRecords(env);
  } catch (e) {
    return { records: {}, notice: `Your completion records could not be read: ${(e as Error).message}` };
  }
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
  useKeySplitter();
  const facilitating = start.kind === 'facilitate';
  const [screen, setScreen] = useState<Screen>(() => firstScreen(start));
  const [records, setRecords] = useState(() => recordsNow(services.env));
  const [catalog, setCatalog] = useState<Listing>(() => (screen.name === 'picker' ? loadCatalog() : { entries: [], leftOut: [] }));
  const toPicker = (notice?: string) => {
    setRecords(recordsNow(services.env));
    setCatalog(loadCatalog());
    setScreen({ name: 'picker', notice });
  };
  const onPicker = screen.name === 'picker';
  const checking = !catalog.entries.every((e) => e.playable);

  useEffect(() => {
    // Right after the picker is drawn, validate its files and drop any with errors.
    if (!onPicker || catalog.entries.every((e) => e.playable)) return;
    let live = true;
    void import('../catalog-validate.js').then(async (m) => {
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
      setScreen({ name: 'play', playable: start.playable, actor, mode, fromPicker: false, startedAt: start.startedAt, resumed: start.snapshot !== undefined }));
    // Once, on mount: `start` describes how the app opened, not what it shows now.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const begin = async (entry: CatalogEntry, fromPicker: boolean) => {
    let playable = entry.playable;
    if (!playable) {
      const loaded = (await import('../scenario-source.js')).loadPlayable(entry.file);
      if ('problems' in loaded) return toPicker(`"${entry.title}" has errors; run: casa-practice validate ${entry.file}`);
      playable = loaded;
    }
    if (facilitating) setScreen({ name: 'facilitate', playable, actor: await newFacilitation(services.env, playable) });
    else setScreen({ name: 'play', playable, actor: await newActor(services.env, playable, mode), mode, fromPicker });
  };
  const resume = async () => {
    const found = (await import('../saves.js')).readSave(services.env);
    if (found.kind !== 'ok') return toPicker(found.kind === 'bad' ? resumeFailure(found.error, found.movedTo) : 'No saved session was found.');
    const actor = await newActor(services.env, found.playable, found.mode, found.snapshot);
    setScreen({ name: 'play', playable: found.playable, actor, mode: found.mode, fromPicker: true, startedAt: found.startedAt, resumed: true });
  };

  let body;
  if (screen.name === 'picker') {
    body = (
      <Picker entries={facilitating ? catalog.entries : catalog.entries.map((e) => withRecord(e, records.records))} checking={checking} notice={pickerNotice(screen.notice, records.notice)} canResume={!facilitating && hasSave(services.env)}
        onPick={(entry) => setScreen({ name: 'note', entry, fromPicker: true })}
        onResume={() => void resume()} onQuit={() => services.exit()} />
    );
  } else if (screen.name === 'loading') {
    body = <Text>Loading…</Text>;
  } else if (screen.name === 'note') {
    const { entry, fromPicker } = screen;
    body = (
      <ContentNote entry={entry} facilitating={facilitating} onStart={() => void begin(entry, fromPicker)}
        onBack={fromPicker ? () => toPicker() : undefined} onQuit={() => services.exit()} />
    );
  } else if (screen.name === 'play') {
    body = <PlayScreen key={screen.actor.sessionId} playable={screen.playable} actor={screen.actor} mode={screen.mode} startedAt={screen.startedAt} resumed={screen.resumed} onBack={screen.fromPicker ? () => toPicker() : undefined} />;
  } else {
    body = <FacilitateScreen playable={screen.playable} actor={screen.actor} />;
  }
  return (
    <ThemeContext.Provider value={theme}>
      <AppContext.Provider value={services}>
        <KeysAllowedContext.Provider value={keysAllowed}>
          {size.tooSmall && <TooSmall columns={size.terminalColumns} rows={size.rows} />}
          {/* Hidden, not unmounted, while the window is too small: nothing on screen is lost. */}
          {/* The column shrinks to the window even before the screens have re-read its size: Ink
              redraws once at the new width first, and nothing it draws may be wider than that. A
              terminal that reports no size (0 columns) gets the default width instead. */}
          <Box width={stdout.columns ? '100%' : size.terminalColumns} display={size.tooSmall ? 'none' : 'flex'}>
            <Box flexDirection="column" width={size.columns} flexShrink={1}>
              <Suspense fallback={<Text>Loading…</Text>}>{body}</Suspense>
            </Box>
          </Box>
        </KeysAllowedContext.Provider>
      </AppContext.Provider>
    </ThemeContext.Provider>
  );
}

/** Shown instead of a screen that cannot be drawn whole in a window this small. */
function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  return (
    <Box flexDirection="column" width={Math.max(10, columns)}>
      <Text bold wrap="wrap">Make the window larger.</Text>
      <Paragraph>casa-practice needs at least {MIN_COLUMNS}×{MIN_ROWS}; this window is {columns}×{rows}. Nothing is lost: the screen comes back as it was. Ctrl-C saves and quits.</Paragraph>
    </Box>
  );
}

function firstScreen(start: AppStart): Screen {
  if (start.kind === 'picker') return { name: 'picker', notice: start.notice };
  if (start.kind === 'facilitate') return start.playable ? { name: 'note', entry: entryOf(start.playable), fromPicker: false } : { name: 'picker' };
  return start.showNote ? { name: 'note', entry: entryOf(start.playable), fromPicker: false } : { name: 'loading' };
}

/** The picker's notices, one per line. */
function pickerNotice(...lines: (string | undefined)[]): string | undefined {
  const shown = lines.filter(Boolean);
  return shown.length > 0 ? shown.join('\n') : undefined;
}
