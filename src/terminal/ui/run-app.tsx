import { render } from 'ink';
import type { SessionMode } from '../../machines/light.js';
import { listCatalog } from '../node/catalog-files.js';
import { themeFor } from '../theme.js';
import { App, type AppStart } from './App.js';

/** What the interactive app needs from the command line. */
export interface InteractiveOptions {
  start: AppStart;
  mode: SessionMode;
  env: NodeJS.ProcessEnv;
}

/**
 * Runs the Ink app until it exits and returns the exit code. Ctrl-C is handled by the app (it
 * saves first); Ink restores raw mode and the cursor on unmount, and on SIGTERM/SIGHUP the
 * session is saved before the terminal is restored.
 */
export async function runInteractive({ start, mode, env }: InteractiveOptions): Promise<number> {
  let message: string | undefined;
  let saver: (() => string) | undefined;
  const instance = render(
    <App start={start} mode={mode} loadCatalog={() => listCatalog()} theme={themeFor(env)}
      services={{
        env,
        exit: (m) => {
          message = m;
          instance.unmount();
        },
        setSaver: (s) => {
          saver = s;
        },
      }} />,
    { exitOnCtrlC: false, patchConsole: false },
  );
  let code = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    try {
      if (saver) message = `Progress saved to ${saver()}.`;
    } catch {
      message = 'Progress could not be saved.';
    }
    code = signal === 'SIGHUP' ? 129 : 143;
    instance.unmount();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  try {
    await instance.waitUntilExit();
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
  }
  // Ink leaves the cursor at the end of its last frame; start the message on a line of its own.
  if (message) process.stdout.write(`\n${message}\n`);
  return code;
}
