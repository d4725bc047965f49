import { createContext, useContext } from 'react';

/** What every screen may need from the running app. */
export interface AppServices {
  /** Environment for the state directory (tests point XDG_STATE_HOME at a temp folder). */
  env: NodeJS.ProcessEnv;
  /** Leaves the app; the message is printed after the terminal is restored. Code: 130 after Ctrl-C, 74 when progress could not be written. */
  exit: (message?: string, code?: number) => void;
  /** Registers how to save the session on screen (on a signal), or clears it; it returns the message to print. */
  setSaver: (save: (() => string | undefined) | undefined) => void;
}

export const AppContext = createContext<AppServices>({ env: process.env, exit: () => undefined, setSaver: () => undefined });

/** The running app's services. */
export function useApp(): AppServices {
  return useContext(AppContext);
}
