import { Box, Text, useStdout } from 'ink';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { PersistedScenarioSnapshot } from '../../machines/session.js';
import type { SessionMode } from '../../machines/types.js';
import { cleanEntry, entryOf, type CatalogEntry } from '../catalog.js';
import { readRecords } from '../records.js';
import { resumeFailure } from '../resume-failure.js';
import { hasSave } from '../save-slot.js';
import type { PlayableScenario } from '../scenario-source.js';
import type { SessionActor } from '../session-actor.js';
import type { Theme } from '../theme.js';
import { AppContext, type AppServices } from './AppContext.js';
import { ContentNote } from './ContentNote.js';
import { Picker } from './Picker.js';
import { ThemeContext } from './ThemeContext.js';

// The playing screens pull in the core (xstate, the validator); loading them on demand keeps the
// picker's first frame as quick as an empty Ink app's.
const PlayScreen = lazy(async () => ({ default: (await import('./PlayScreen.js')).PlayScreen }));
const FacilitateScreen = lazy(async () => ({ default: (await import('./FacilitateScreen.js')).FacilitateScreen }));

/** How the app opens. */
export type AppStart =
  | { kind: 'picker'; notice?: string }
  | { kind: 'play'; playable: PlayableScenario; snapshot?: PersistedScenarioSnapshot; showNote: boolean }
  | { kind: 'facilitate'; playable?: PlayableScenario };

/** Props of App. */
export interface AppProps {
  /** The first screen. */
  start: AppStart;
  /** Practice (default) or assessment; a resumed session keeps its own mode. */
  mode: SessionMode;
  /** A quick listing of the scenarios the picker offers (validated by the app after the first frame). */
  loadCatalog: () => CatalogEntry[];
  /** State directory, exit and save-on-signal hooks. */
  services: AppServices;
  /** Colours (none under NO_COLOR). */
  theme: Theme;
}

type Screen =
  | { name: 'picker'; notice?: string }
  | { name: 'loading' }
  | { name: 'note'; entry: CatalogEntry; fromPicker: boolean }
  | { name: 'play'; playable: PlayableScenario; actor: SessionActor; mode: SessionMode; fromPicker: boolean }
  | { name: 'facilitate'; playable: PlayableScenario; actor: SessionActor };

async function newActor(playable: PlayableScenario, mode: SessionMode, snapshot?: PersistedScenarioSnapshot): Promise<SessionActor> {
  return (await import('../session-actor.js')).startSession(playable.scenario, mode, snapshot);
}

/** The terminal app: picker → content note → playthrough → debrief, or a trainer-led session. */
export function App({ start, mode, loadCatalog, services, theme }: AppProps) {
  const { stdout } = useStdout();
  const facilitating = start.kind === 'facilitate';
  const [screen, setScreen] = useState<Screen>(() => firstScreen(start));
  const [catalog, setCatalog] = useState<CatalogEntry[]>(() => (screen.name === 'picker' ? loadCatalog().map(cleanEntry) : []));
  const toPicker = (notice?: string) => {
    setCatalog(loadCatalog().map(cleanEntry));
    setScreen({ name: 'picker', notice });
  };
  const onPicker = screen.name === 'picker';

  useEffect(() => {
    // Right after the picker is drawn, validate its files and drop any with errors.
    if (!onPicker || catalog.every((e) => e.playable)) return;
    let live = true;
    void import('../catalog-validate.js').then((m) => live && setCatalog(m.validateEntries(catalog).map(cleanEntry)));
    return () => {
      live = false;
    };
  }, [onPicker, catalog]);

  useEffect(() => {
    // A resumed session opens straight into play once the core has loaded.
    if (start.kind === 'play' && !start.showNote) void newActor(start.playable, mode, start.snapshot).then((actor) =>
      setScreen({ name: 'play', playable: start.playable, actor, mode, fromPicker: false }));
  }, []);

  const begin = async (entry: CatalogEntry, fromPicker: boolean) => {
    let playable = entry.playable;
    if (!playable) {
      const loaded = (await import('../scenario-source.js')).loadPlayable(entry.file);
      if ('problems' in loaded) return toPicker(`"${entry.title}" has errors; run: casa-practice validate ${entry.file}`);
      playable = loaded;
    }
    const actor = await newActor(playable, facilitating ? 'practice' : mode);
    setScreen(facilitating ? { name: 'facilitate', playable, actor } : { name: 'play', playable, actor, mode, fromPicker });
  };
  const resume = async () => {
    const found = (await import('../saves.js')).readSave(services.env);
    if (found.kind !== 'ok') return toPicker(found.kind === 'bad' ? resumeFailure(found.error, found.movedTo) : 'No saved session was found.');
    const actor = await newActor(found.playable, found.mode, found.snapshot);
    setScreen({ name: 'play', playable: found.playable, actor, mode: found.mode, fromPicker: true });
  };

  let body;
  if (screen.name === 'picker') {
    body = (
      <Picker entries={catalog} checking={!catalog.every((e) => e.playable)} records={readRecords(services.env)} notice={screen.notice} canResume={!facilitating && hasSave(services.env)}
        onPick={(entry) => setScreen({ name: 'note', entry, fromPicker: true })}
        onResume={() => void resume()} onQuit={() => services.exit()} />
    );
  } else if (screen.name === 'loading') {
    body = <Text>Loading…</Text>;
  } else if (screen.name === 'note') {
    const { entry, fromPicker } = screen;
    body = (
      <ContentNote entry={entry} onStart={() => void begin(entry, fromPicker)}
        onBack={fromPicker ? () => toPicker() : undefined} onQuit={() => services.exit()} />
    );
  } else if (screen.name === 'play') {
    body = <PlayScreen key={screen.actor.sessionId} playable={screen.playable} actor={screen.actor} mode={screen.mode} onBack={screen.fromPicker ? () => toPicker() : undefined} />;
  } else {
    body = <FacilitateScreen playable={screen.playable} actor={screen.actor} />;
  }
  return (
    <ThemeContext.Provider value={theme}>
      <AppContext.Provider value={services}>
        <Box flexDirection="column" width={stdout.columns || 80}>
          <Suspense fallback={<Text>Loading…</Text>}>{body}</Suspense>
        </Box>
      </AppContext.Provider>
    </ThemeContext.Provider>
  );
}

function firstScreen(start: AppStart): Screen {
  if (start.kind === 'picker') return { name: 'picker', notice: start.notice };
  if (start.kind === 'facilitate') return start.playable ? { name: 'note', entry: cleanEntry(entryOf(start.playable)), fromPicker: false } : { name: 'picker' };
  return start.showNote ? { name: 'note', entry: cleanEntry(entryOf(start.playable)), fromPicker: false } : { name: 'loading' };
}
