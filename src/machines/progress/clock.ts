/**
 * The practice time of one playthrough, as every UI counts it for the in-service log: the time a
 * resumed save already stands for (`before`, see savedActiveMs), plus this sitting's time, less its
 * breaks. The time between sittings is never counted: a sitting starts when the session is opened.
 * Times are milliseconds since the epoch, given by the caller (the core reads no clock).
 */
export interface PracticeClock {
  /** A break starts (nothing happens when one is already running). */
  pause(now: number): void;
  /** The break ends (nothing happens when none is running). */
  resume(now: number): void;
  /** Milliseconds of practice up to `now`, breaks left out (a break still running too). */
  activeMs(now: number): number;
}

/** A practice clock for a sitting that starts at `now`, on a break already when `paused`. */
export function practiceClock(now: number, before = 0, paused = false): PracticeClock {
  const start = now;
  let onBreak = 0;
  let since: number | undefined = paused ? now : undefined;
  const prior = Number.isFinite(before) && before > 0 ? before : 0;
  return {
    pause(at) {
      if (since === undefined) since = at;
    },
    resume(at) {
      if (since === undefined) return;
      onBreak += Math.max(0, at - since);
      since = undefined;
    },
    activeMs(at) {
      const breaks = onBreak + (since !== undefined ? Math.max(0, at - since) : 0);
      return prior + Math.max(0, at - start - breaks);
    },
  };
}
