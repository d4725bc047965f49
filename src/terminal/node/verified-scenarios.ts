import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import type { Scenario, ValidationResult } from '../../machines/index.js';

/**
 * The SHA-256 digests of the bundled scenario files as they were at build time, each validated then
 * with no problem at all (no error, no warning). scripts/bundle-cli.mjs fills the list into the
 * bundle the app ships as; tsc's output and the sources keep it empty, so they always validate.
 * Validating a scenario explores every playthrough: the picker's ten bundled files were about one
 * and a half seconds of CPU on every start, and each `play` a fifth of a second more. A file whose
 * bytes are exactly those validated at build time gets the same verdict without the work; a file
 * changed by one byte is validated in full.
 */
const VERIFIED_SHA256: readonly string[] = [];

const verified = new Set(VERIFIED_SHA256);
const utf8 = new TextDecoder('utf-8');

/**
 * The tests run the app from its sources, where the list is empty: each test worker validated every
 * bundled scenario again (about two seconds of CPU a worker). test/global-setup.ts reads the list the
 * build of dist/ made (scripts/bundle-cli.mjs, dist/verified-scenarios.json) and each worker adds
 * it here (test/verified-scenarios.setup.ts), so the app from sources treats the bundled files as
 * the built app does. Only digests of files validated with no problem at all belong here.
 */
export function addVerified(digests: readonly string[]): void {
  for (const d of digests) verified.add(d);
}

/** The results handed out, by digest: the same object, frozen, each time the same bytes are loaded. */
const results = new Map<string, ValidationResult>();

/**
 * The validator's result for bytes validated at build time with no problems, built as the validator
 * builds it (the scenario as parsed; scripts/bundle-cli.mjs checks that this equals what
 * validateScenario returned for them), or undefined when the bytes are not among those. The same
 * object, frozen, for the same bytes, as files.ts keeps what it validates: the picker lists its
 * folder again each time it opens, and the core keeps its analyses per scenario object.
 */
export function verifiedResult(bytes: Uint8Array): ValidationResult | undefined {
  if (verified.size === 0) return undefined;
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (!verified.has(digest)) return undefined;
  let result = results.get(digest);
  if (!result) {
    let text = utf8.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    result = deepFreeze<ValidationResult>({ ok: true, scenario: JSON.parse(text) as Scenario, problems: [], errors: 0, warnings: 0 });
    results.set(digest, result);
  }
  return result;
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
  return value;
}

/** Larger than any bundled scenario: a larger file is not read here (the validator says what it is). */
const MAX_VERIFIED_BYTES = 1024 * 1024;

/**
 * The picker's verdict on a file whose bytes were validated at build time with no problems (its
 * scenario), as catalog-validate.ts's checkFile gives it, without loading the validator; undefined
 * for any other file, or one that is not a regular file or cannot be read (checkFile then says why).
 */
export function verifiedCheck(file: string): { scenario: Scenario } | undefined {
  if (verified.size === 0) return undefined;
  let fd: number;
  try {
    // O_NONBLOCK: a named pipe in the file's place does not wait for a writer.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > MAX_VERIFIED_BYTES) return undefined;
    const scenario = verifiedResult(readFileSync(fd))?.scenario;
    return scenario ? { scenario } : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
