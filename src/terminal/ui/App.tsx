import { Box, useStdout } from 'ink';
import { useMemo, useState } from 'react';
import type { SessionMode } from '../../machines/types.js';
import { cleanEntry, entryOf, type CatalogEntry } from '../catalog.js';
import { readRecords } from '../records.js';
import { hasSave, readSave } from '../saves.js';
import type { PlayableScenario } from '../scenario-source.js';
import { startSession, type SessionActor } from '../session-actor.js';
import type { Theme } from '../theme.js';
import { AppContext, type AppServices } from './AppContext.js';
import { ContentNote } from './ContentNote.js';
import { FacilitateScreen } from './FacilitateScreen.js';
import { Picker } from './Picker.js';
import { PlayScreen } from './PlayScreen.js';
import { ThemeContext } from './ThemeContext.js';

/** How the app opens. */
export type AppStart =
  | { kind: 'picker'; notice?: string }
  | { kind: 'play'; playable: PlayableScenario; snapshot?: unknown; showNote: boolean }
  | { kind: 'facilitate'; playable?: PlayableScenario };

/** Props of App. */
export interface AppProps {
  /** The first screen. */
  start: AppStart;
  /** Practice (default) or assessment; a resumed session keeps its own mode. */
  mode: SessionMode;
  /** The scenarios the picker offers. */
  loadCatalog: () => CatalogEntry[];
  /** State directory, exit and save-on-signal hooks. */
  services: AppServices;
  /** Colours (none under NO_COLOR). */
  theme: Theme;
}

type Screen =
  | { name: 'picker'; notice?: string }
  | { name: 'note'; entry: CatalogEntry; fromPicker: boolean; facilitate: boolean }
  | { name: 'play'; playable: PlayableScenario; actor: SessionActor; mode: SessionMode; fromPicker: boolean }
  | { name: 'facilitate'; playable: PlayableScenario; actor: SessionActor };

/** The terminal app: picker → content note → playthrough → debrief, or a trainer-led session. */
export function App({ start, mode, loadCatalog, services, theme }: AppProps) {
  const { stdout } = useStdout();
  const facilitating = start.kind === 'facilitate';
  const [screen, setScreen] = useState<Screen>(() => firstScreen(start, mode));
  const catalog = useMemo(() => (screen.name === 'picker' ? loadCatalog().map(cleanEntry) : []), [screen.name, loadCatalog]);
  const records = useMemo(() => (screen.name === 'picker' ? readRecords(services.env) : {}), [screen.name, services.env]);
  const toPicker = (notice?: string) => setScreen({ name: 'picker', notice });
  const begin = (entry: CatalogEntry, fromPicker: boolean) => {
    const actor = startSession(entry.playable.scenario, facilitating ? 'practice' : mode);
    setScreen(facilitating
      ? { name: 'facilitate', playable: entry.playable, actor }
      : { name: 'play', playable: entry.playable, actor, mode, fromPicker });
  };
  const resume = () => {
    const found = readSave(services.env);
    if (found.kind === 'ok') {
      const actor = startSession(found.playable.scenario, found.mode, found.snapshot);
      setScreen({ name: 'play', playable: found.playable, actor, mode: found.mode, fromPicker: true });
    } else toPicker(found.kind === 'bad' ? resumeFailure(found.error, found.movedTo) : 'No saved session was found.');
  };

  let body;
  if (screen.name === 'picker') {
    body = (
      <Picker entries={catalog} records={records} notice={screen.notice} canResume={!facilitating && hasSave(services.env)}
        onPick={(entry) => setScreen({ name: 'note', entry, fromPicker: true, facilitate: facilitating })}
        onResume={resume} onQuit={() => services.exit()} />
    );
  } else if (screen.name === 'note') {
    body = (
      <ContentNote entry={screen.entry} onStart={() => begin(screen.entry, screen.fromPicker)}
        onBack={screen.fromPicker ? () => toPicker() : undefined} onQuit={() => services.exit()} />
    );
  } else if (screen.name === 'play') {
    body = <PlayScreen key={screen.actor.sessionId} playable={screen.playable} actor={screen.actor} mode={screen.mode} onBack={screen.fromPicker ? () => toPicker() : undefined} />;
  } else {
    body = <FacilitateScreen playable={screen.playable} actor={screen.actor} />;
  }
  return (
    <ThemeContext.Provider value={theme}>
      <AppContext.Provider value={services}>
        <Box flexDirection="column" width={stdout.columns || 80}>{body}</Box>
      </AppContext.Provider>
    </ThemeContext.Provider>
  );
}

function firstScreen(start: AppStart, mode: SessionMode): Screen {
  if (start.kind === 'picker') return { name: 'picker', notice: start.notice };
  if (start.kind === 'facilitate') {
    return start.playable ? { name: 'note', entry: cleanEntry(entryOf(start.playable)), fromPicker: false, facilitate: true } : { name: 'picker' };
  }
  if (start.showNote) return { name: 'note', entry: cleanEntry(entryOf(start.playable)), fromPicker: false, facilitate: false };
  const actor = startSession(start.playable.scenario, mode, start.snapshot);
  return { name: 'play', playable: start.playable, actor, mode, fromPicker: false };
}

/** The one line shown when a save cannot be resumed. */
export function resumeFailure(error: string, movedTo: string): string {
  return `Could not resume: ${error} The save was moved to ${movedTo}; starting fresh.`;
}
