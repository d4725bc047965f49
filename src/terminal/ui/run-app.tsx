import { render } from 'ink';
import type { SessionMode } from '../../machines/light.js';
import { commandName } from '../invocation.js';
import { listCatalog } from '../node/catalog-files.js';
import { themeFor } from '../theme.js';
import { wrapWords } from '../wrap.js';
import { App, type AppStart } from './App.js';

/** A terminal control sequence (CSI, such as ESC[2K or ESC[?25h), which writes nothing on screen. */
// eslint-disable-next-line no-control-regex -- it finds escape sequences
const CONTROL_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]/g;

/** What the interactive app needs from the command line. */
export interface InteractiveOptions {
  start: AppStart;
  mode: SessionMode;
  env: NodeJS.ProcessEnv;
}

/**
 * Runs the Ink app until it exits and returns the exit code. Ctrl-C is handled by the app (it
 * saves first, where a reply was made or undone in this run); Ink restores raw mode and the cursor
 * on unmount, and on SIGTERM/SIGHUP the screen's saver runs (the same rule) before the terminal is restored.
 */
export async function runInteractive({ start, mode, env }: InteractiveOptions): Promise<number> {
  let message: string | undefined;
  let exitCode = 0;
  let saver: (() => string | undefined) | undefined;
  // Ink leaves its last frame on the terminal when it unmounts, so the closing words printed after
  // it stood under the question just answered ("Save your progress and quit?" above "Progress
  // saved to …"). Every way out draws an empty frame as its last: unmounting flushes the frames Ink
  // holds back (it draws at most 30 a second), so the empty one is drawn over the old screen then,
  // however soon after the last redraw the app ends. (Erasing with Ink's clear() before that flush
  // erased the held-back frame's lines a second time, above the app, when the app ended within a
  // frame's time of a redraw: a quick q then y wiped the shell's lines above it.) The empty frame is
  // one blank line where the screen began; the closing words go on that line (see below).
  // Whether the last thing Ink wrote while closing ended a line: then the cursor is on the line
  // after the empty frame. (In screen-reader mode Ink ends no frame with a line break, and the
  // cursor is already on the screen's first line; moving up would write over the shell's line.)
  let leftBlankLine = false;
  const close = () => {
    const write = process.stdout.write;
    process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : '';
      // Escape sequences alone (the end of a synchronised update, showing the cursor) move nothing.
      const shown = text.replace(CONTROL_SEQUENCE, '');
      if (shown !== '') leftBlankLine = shown.endsWith('\n');
      return (write as (...a: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
    }) as typeof process.stdout.write;
    try {
      instance.rerender(<></>);
    } finally {
      try {
        instance.unmount();
      } finally {
        process.stdout.write = write;
      }
    }
  };
  const instance = render(
    <App start={start} mode={mode} loadCatalog={() => listCatalog()} theme={themeFor(env)}
      services={{
        env,
        exit: (m, c = 0) => {
          message = m;
          exitCode = c;
          close();
        },
        setSaver: (s) => {
          saver = s;
        },
      }} />,
    { exitOnCtrlC: false, patchConsole: false },
  );
  let code: number | undefined;
  let stopping = false;
  // A hang-up (the terminal window closed), SIGTERM, or a terminal that can no longer be read
  // (EOF or EIO on a closed pty) all end the app the same way, on every screen: save what needs
  // saving, restore the terminal, and leave, even if something still holds the event loop.
  const stop = (why: 'SIGHUP' | 'SIGTERM' | 'input') => {
    if (stopping) return;
    stopping = true;
    try {
      if (saver) message = saver();
    } catch {
      message = 'Progress could not be saved.';
    }
    code = why === 'SIGTERM' ? 143 : 129;
    setTimeout(() => process.exit(code), 200).unref();
    try {
      close();
    } catch {
      // the terminal is gone; the timer above still ends the process
    }
  };
  const onSignal = (signal: NodeJS.Signals) => stop(signal === 'SIGTERM' ? 'SIGTERM' : 'SIGHUP');
  const onInputGone = () => stop('input');
  // Output to a closed terminal fails too (EIO on a write to the gone pty), and an 'error' event no
  // one listens to ends the process there and then, before the hang-up saves. Kept for the words
  // written after the app, which have nowhere to go either.
  const onOutputGone = () => stop('input');
  process.stdout.on('error', onOutputGone);
  process.stderr.on('error', () => undefined);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.stdin.on('end', onInputGone);
  process.stdin.on('error', onInputGone);
  try {
    await instance.waitUntilExit();
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.stdin.off('end', onInputGone);
    process.stdin.off('error', onInputGone);
    // Nothing more is read: a closed terminal must not keep the process reading.
    process.stdin.pause();
    process.stdin.unref?.();
  }
  // The cursor is on the line after the empty last frame, which is where the screen began: the
  // words go up onto it, and with no words the blank line is not left behind. (When the last
  // screen filled the window Ink cleared it instead and the cursor is on the top line, where
  // moving up does nothing.)
  const up = leftBlankLine ? '\u001b[1A' : '';
  // Wrapped to the window at word boundaries (the terminal would break words), a command line kept whole.
  const columns = process.stdout.columns;
  if (message) process.stdout.write(`${up}${columns ? wrapWords(message, columns, `${commandName(env)} `) : message}\n`);
  else if (up) process.stdout.write(up);
  return code ?? exitCode;
}
