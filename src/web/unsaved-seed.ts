import type { TabStorage } from './tab-draft.js';

/**
 * The seed of a playthrough not saved yet, kept for the tab (sessionStorage) under its save's key.
 * A playthrough is saved from its first step on (Session: opening a scenario and leaving at once
 * leaves no save behind), so before the first reply of a scenario that opens on a decision
 * (youth-discloses, left-placement-calls) nothing held the seed: a reload drew a new one, and the
 * replies the volunteer had been reading came back in another order (reply 1 was now another
 * reply). Read again by a playthrough that starts with no save; forgotten once the save holds it,
 * so the next playthrough, in this tab too, draws an order of its own. The tab's storage only:
 * another tab draws its own, and none is kept where the browser refuses it.
 */
const KEY_PREFIX = 'casa-practice/unsaved-seed/';

/** A 32-bit seed, drawn as the page draws every seed. */
export const drawSeed = (): number => crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;

/** The seed kept for `saveKey`'s playthrough in this tab, or a new one drawn (and kept). */
export function seedBeforeSave(tab: TabStorage | undefined, saveKey: string, draw: () => number = drawSeed): number {
  try {
    const kept = tab?.getItem(KEY_PREFIX + saveKey);
    // Untrusted as everything in storage: only a whole number in the 32-bit range a seed is drawn in.
    if (kept != null && /^\d{1,10}$/.test(kept) && Number(kept) <= 0xffff_ffff) return Number(kept);
  } catch {
    // The tab's storage refused: a new seed, as before.
  }
  const seed = draw();
  try {
    tab?.setItem(KEY_PREFIX + saveKey, String(seed));
  } catch {
    // Not kept: a reload draws another, as before.
  }
  return seed;
}

/** The save holds the seed now (or the playthrough is over): the tab's copy goes. */
export function forgetSeedBeforeSave(tab: TabStorage | undefined, saveKey: string): void {
  try {
    tab?.removeItem(KEY_PREFIX + saveKey);
  } catch {
    // Nothing to do.
  }
}
