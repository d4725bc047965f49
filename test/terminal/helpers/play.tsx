import { Box } from 'ink';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import type { Debrief, FeedbackView, PlayableScenario, Scenario, SessionActor, SessionMode, SessionView } from '../../../src/machines/index.js';
import { stateStore } from '../../../src/terminal/node/state-store.js';
import { themeFor, type Theme } from '../../../src/terminal/theme.js';
import { AppContext, type AppServices } from '../../../src/terminal/ui/AppContext.js';
import { DebriefScreen } from '../../../src/terminal/ui/DebriefScreen.js';
import { FeedbackScreen } from '../../../src/terminal/ui/FeedbackScreen.js';
import { PlayScreen } from '../../../src/terminal/ui/PlayScreen.js';
import { ThemeContext } from '../../../src/terminal/ui/ThemeContext.js';
import { ScreenSizeContext, useScreenSize } from '../../../src/terminal/ui/useScreenSize.js';

/** What App wraps every screen in: theme, services, the screen's size, and a column as wide as the terminal. */
function Shell({ services, theme, children }: { services: AppServices; theme: Theme; children: ReactNode }) {
  const size = useScreenSize();
  return (
    <ThemeContext.Provider value={theme}>
      <AppContext.Provider value={services}>
        <ScreenSizeContext.Provider value={size}>
          <Box flexDirection="column" width={size.columns}>{children}</Box>
        </ScreenSizeContext.Provider>
      </AppContext.Provider>
    </ThemeContext.Provider>
  );
}

/**
 * The play screen of a running session in the shell App draws it in, without App's loading steps,
 * so a test can mount one per node quickly. Keyed by the session: a new actor is a fresh screen.
 */
export function playElement(opts: { playable: PlayableScenario; actor: SessionActor; env: NodeJS.ProcessEnv; mode?: SessionMode; theme?: Theme; resumed?: boolean }) {
  const services = { env: opts.env, exit: vi.fn<(message?: string, code?: number) => void>(), setSaver: () => undefined };
  return (
    <Shell key={opts.actor.sessionId} services={services} theme={opts.theme ?? themeFor({ NO_COLOR: '1' })}>
      <PlayScreen playable={opts.playable} actor={opts.actor} mode={opts.mode ?? 'practice'} resumed={opts.resumed} />
    </Shell>
  );
}

/**
 * The feedback screen a practice playthrough shows right after a reply (the view of the session once
 * the reply was sent), in the same shell: what PlayScreen draws then, without typing the reply.
 * Elements for the same `env` update one another in place. `confirmQuit`: with the quit prompt up.
 */
export function feedbackElement(opts: { view: SessionView & { lastFeedback: FeedbackView }; env: NodeJS.ProcessEnv; theme?: Theme; confirmQuit?: boolean }) {
  const services = { env: opts.env, exit: vi.fn<(message?: string, code?: number) => void>(), setSaver: () => undefined };
  // Right after a reply in practice it can always be undone (the last one too, until the debrief opens).
  const canUndo = opts.view.canUndo || opts.view.done;
  return (
    <Shell key="feedback" services={services} theme={opts.theme ?? themeFor({ NO_COLOR: '1' })}>
      <FeedbackScreen view={opts.view} mode="practice" canUndo={canUndo} confirmQuit={opts.confirmQuit ?? false} unsaved={stateStore(opts.env).failure() !== undefined} />
    </Shell>
  );
}

/**
 * The debrief a playthrough opens on as it ends (how it ended first, then the sections), in the same
 * shell, for a debrief given as it is: elements for the same scenario update one another in place,
 * so a test can draw one ending after another without mounting the screen again.
 */
export function debriefElement(opts: { scenario: Scenario; debrief: Debrief; env: NodeJS.ProcessEnv; theme?: Theme }) {
  const services = { env: opts.env, exit: vi.fn<(message?: string, code?: number) => void>(), setSaver: () => undefined };
  return (
    <Shell key={`debrief:${opts.scenario.id}`} services={services} theme={opts.theme ?? themeFor({ NO_COLOR: '1' })}>
      <DebriefScreen scenario={opts.scenario} debrief={opts.debrief} mode="practice" recorded notice="Added to your records: casa-practice records" openOnEnding />
    </Shell>
  );
}
