import { sha256 } from './ids.js';

/**
 * A scenario's content fingerprint: SHA-256 (hex) of its JSON with every object's keys in sorted
 * order, so the same scenario gives the same fingerprint however its file orders or spaces its keys.
 *
 * Kept in a playthrough's record (`scenarioHash`) so that an export can tell, among the scenarios it
 * has at hand (the bundled ones, a folder the volunteer names, those opened in this visit), the one
 * the playthrough was played from: the same id and version, and the same content. A path would also
 * find it, but a path names the volunteer's folders (a home folder is often their name) and would
 * travel in every backup; a fingerprint says nothing but whether two scenarios are the same. A file
 * changed after it was played, without a new version, has another fingerprint: its words may not
 * be what the volunteer read, and its decisions are not described from it.
 */
export function scenarioFingerprint(scenario: unknown): string {
  const cached = typeof scenario === 'object' && scenario !== null ? fingerprints.get(scenario) : undefined;
  if (cached !== undefined) return cached;
  const digest = sha256(new TextEncoder().encode(canonicalJson(scenario)));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  if (typeof scenario === 'object' && scenario !== null) fingerprints.set(scenario, hex);
  return hex;
}

/** Scenarios are not changed once validated (the UIs hold them as loaded): one hash each. */
const fingerprints = new WeakMap<object, string>();

/**
 * A light stamp of a scenario's content (16 hex digits: two 32-bit multiplicative hashes of the same
 * canonical JSON as scenarioFingerprint), which a save keeps (SavedSession.scenarioStamp) so that a
 * save that no longer fits can be told apart: made with this very scenario (then the save itself was
 * changed: damaged), or before the scenario was changed under the same version (outdated). Not a
 * safeguard against anyone (a save is the volunteer's own file), so not SHA-256, which costs 50 to
 * 250 ms a bundled scenario here at a session's first save; this costs a few.
 */
export function scenarioStamp(scenario: unknown): string {
  const cached = typeof scenario === 'object' && scenario !== null ? stamps.get(scenario) : undefined;
  if (cached !== undefined) return cached;
  const text = canonicalJson(scenario);
  let a = 0xdeadbeef;
  let b = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  const hex = (b >>> 0).toString(16).padStart(8, '0') + (a >>> 0).toString(16).padStart(8, '0');
  if (typeof scenario === 'object' && scenario !== null) stamps.set(scenario, hex);
  return hex;
}

/** One stamp each, as fingerprints. */
const stamps = new WeakMap<object, string>();

/** What a record's `scenarioHash` looks like: 64 lower-case hex digits. */
export const FINGERPRINT_PATTERN = /^[0-9a-f]{64}$/;

/** JSON with object keys sorted at every level (arrays keep their order; undefined members left out, as JSON.stringify does). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
