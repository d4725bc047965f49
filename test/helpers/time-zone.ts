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
