import { quoteAsWritten } from '../machines/light.js';
import { UsageError } from './args.js';

/** The environment variable that fixes the order of replies, for reproducible scripts and tests. */
export const SEED_VARIABLE = 'CASA_PRACTICE_SEED';

const WHOLE = /^\d{1,15}$/;

/**
 * The seed CASA_PRACTICE_SEED fixes, or undefined when it is unset or empty. A value that is not a
 * whole number from 0 to 999999999999999 is a usage error, so a typo never silently gives a
 * different order than a script expects.
 */
export function fixedSeed(env: NodeJS.ProcessEnv): number | undefined {
  const text = env[SEED_VARIABLE]?.trim();
  if (text === undefined || text === '') return undefined;
  if (!WHOLE.test(text)) throw new UsageError(`${SEED_VARIABLE} must be a whole number (it fixes the order replies are shown in), not ${quoteAsWritten(text, 40)}`);
  return Number(text);
}

/** 32 random bits from the platform's cryptographic generator (Node 20 and browsers alike). */
export function randomSeed(): number {
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
}

/**
 * A new playthrough's seed for the order its replies are shown in: CASA_PRACTICE_SEED when it is
 * set (the commands reject a malformed one before any session starts), otherwise random. The core
 * draws no randomness itself; a resumed session keeps the seed in its save.
 */
export function sessionSeed(env: NodeJS.ProcessEnv): number {
  try {
    return fixedSeed(env) ?? randomSeed();
  } catch {
    return randomSeed();
  }
}
