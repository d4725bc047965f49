/**
 * Ink draws every frame into a fresh Output, whose caches (each line's styled characters, each
 * string's width) live as long as that one frame: a test that draws thousands of frames of the same
 * screens tokenised the same lines again for each (Intl.Segmenter over every character; a quarter
 * of fit.test's CPU). Here those two lookups are kept for the whole worker instead, in maps shared
 * by every Output. Each value is what Ink's own method returns for the string (it is called on a
 * miss) and Ink only reads it, so every frame is the same as without the cache
 * (test/terminal/ink-output-cache.test.ts draws frames both ways and compares them).
 *
 * Ink's Output is not exported: it is reached by its file next to Ink's entry, and its caches'
 * methods through the prototype of one Output's caches. When Ink changes that shape, nothing is
 * patched (frames are drawn as Ink draws them, only slower) and the test above says so.
 */

/** The methods of Ink's OutputCaches kept here, each of a string. */
const KEPT = ['getStyledChars', 'getStringWidth'] as const;
type Method = (this: unknown, s: string) => unknown;

/**
 * Strings kept per method, the oldest let go first. A line's styled characters are an object per
 * character (some 6 kB for a row of 60): fit.test draws about 16,000 distinct lines, most of them
 * again only within a few frames (the same screen typed, undone, asked to quit).
 */
const LIMIT = 4_000;

/**
 * The patch's state, one per process: a file isolated from the others imports this module again
 * but shares Ink (loaded by Node, not by Vitest), which is then patched already.
 */
interface State {
  shared: Map<string, Map<string, unknown>>;
  /** Ink's own methods, as they were before the patch. */
  own: Partial<Record<(typeof KEPT)[number], Method>>;
  enabled: boolean;
  installed?: Promise<boolean>;
}
const KEY = Symbol.for('casa-practice.test.inkOutputCaches');
const state: State = ((globalThis as Record<symbol, State | undefined>)[KEY] ??= { shared: new Map(KEPT.map((m) => [m, new Map()])), own: {}, enabled: true });
const shared = state.shared;
/** Ink's own methods, as they were before the patch (undefined when not patched). */
export const inkOwn = state.own;

/** Turns the shared maps off (every lookup goes to Ink's own method) or back on. For the test that compares frames. */
export function shareOutputCaches(on: boolean): void {
  state.enabled = on;
  for (const m of shared.values()) m.clear();
}

/** How many strings each kept method holds now. */
export function sharedSizes(): Record<string, number> {
  return Object.fromEntries([...shared].map(([k, m]) => [k, m.size]));
}

async function install(): Promise<boolean> {
  let Output: unknown;
  try {
    Output = ((await import(new URL('output.js', import.meta.resolve('ink')).href)) as { default?: unknown }).default;
  } catch {
    return false;
  }
  if (typeof Output !== 'function') return false;
  const caches = (new (Output as new (o: { width: number; height: number }) => { caches?: unknown })({ width: 0, height: 0 })).caches;
  const proto = caches && typeof caches === 'object' ? (Object.getPrototypeOf(caches) as Record<string, unknown>) : undefined;
  if (!proto || !KEPT.every((m) => typeof proto[m] === 'function')) return false;
  for (const name of KEPT) {
    const own = proto[name] as Method;
    const map = shared.get(name) as Map<string, unknown>;
    inkOwn[name] = own;
    proto[name] = function kept(this: unknown, s: string) {
      if (!state.enabled) return own.call(this, s);
      let value = map.get(s);
      if (value === undefined) {
        value = own.call(this, s);
        if (map.size >= LIMIT) map.delete(map.keys().next().value as string);
        map.set(s, value);
      }
      return value;
    };
  }
  return true;
}

/** Whether Ink's Output caches are shared across frames in this worker (false: Ink's shape changed). */
export const outputCachesShared = await (state.installed ??= install());
