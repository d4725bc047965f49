import { afterAll, beforeAll } from 'vitest';

/**
 * Runs `f` with the process's time zone set to `zone` (Node reads TZ again when it changes), and
 * puts it back after: for names and words that depend on the zone, so a test does not depend on
 * the machine's.
 */
export function inTimeZone<T>(zone: string, f: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return f();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

/**
 * Sets the time zone to `zone` for the tests of the file (or describe block) that calls it, and
 * puts the machine's back after them: for tests whose expected names and dates are on the local
 * clock (a CI machine may run in any zone; in Pacific/Kiritimati, UTC+14, 18:00 UTC is tomorrow).
 */
export function timeZoneForFile(zone: string): void {
  let before: string | undefined;
  beforeAll(() => {
    before = process.env.TZ;
    process.env.TZ = zone;
  });
  afterAll(() => {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  });
}
