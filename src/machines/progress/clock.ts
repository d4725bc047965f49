/**
 * How long a volunteer may go without a key press, click, tap or mouse movement before the practice
 * clock stops (those minutes still count: reading a scene or thinking over a reply takes time). It
 * starts again at the next one. Ten minutes is longer than any scene or decision takes to read.
 */
export const PRACTICE_IDLE_MS = 10 * 60_000;

/**
 * The practice time of one playthrough, as every UI counts it for the in-service log: the time a
 * resumed save already stands for (`before`, see savedActiveMs), plus this sitting's time, less its
 * breaks. The time between sittings is never counted: a sitting starts when the session is opened.
 * A UI that reports input (`input`) and passes `idleAfterMs` also leaves out the time after that
 * long without input, until the next input. Times are milliseconds since the epoch, given by the
 * caller (the core reads no clock).
 */
export interface PracticeClock {
  /** A break starts (nothing happens when one is already running). */
  pause(now: number): void;
  /**
   * The break ends (nothing happens when none is running); coming back counts as input, unless
   * `asInput` is false: a clock that starts again for a reason of its own (the web app's window
   * given its turn to count, see src/web/practice-turn.ts) counts on only within the idle limit of
   * the last real input.
   */
  resume(now: number, asInput?: boolean): void;
  /** The volunteer did something (a key, a click, a tap, the mouse moved): an idle clock starts again. */
  input(now: number): void;
  /** Milliseconds of practice up to `now`, breaks and idle time left out (a break still running too). */
  activeMs(now: number): number;
}

export interface PracticeClockOptions {
  /** Time without input after which nothing counts until the next input (see PRACTICE_IDLE_MS); none by default. */
  idleAfterMs?: number;
}

/** A practice clock for a sitting that starts at `now`, on a break already when `paused`. */
export function practiceClock(now: number, before = 0, paused = false, options: PracticeClockOptions = {}): PracticeClock {
  const prior = Number.isFinite(before) && before > 0 ? before : 0;
  const idle = options.idleAfterMs !== undefined && options.idleAfterMs > 0 ? options.idleAfterMs : Infinity;
  let running = !paused;
  // Opening the session is the first input.
  let lastInput = now;
  // The time counted up to `upTo`: each call first counts up to its own time.
  let counted = 0;
  let upTo = now;
  const countedTo = (at: number) => (running && at > upTo ? Math.max(0, Math.min(at, lastInput + idle) - upTo) : 0);
  const advance = (at: number) => {
    counted += countedTo(at);
    upTo = Math.max(upTo, at);
  };
  return {
    pause(at) {
      advance(at);
      running = false;
    },
    resume(at, asInput = true) {
      advance(at);
      if (!running && asInput) lastInput = Math.max(lastInput, at);
      running = true;
    },
    input(at) {
      advance(at);
      lastInput = Math.max(lastInput, at);
    },
    activeMs(at) {
      return prior + counted + countedTo(at);
    },
  };
}
