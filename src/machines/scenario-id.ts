import { cleanText } from './text/clean.js';

/**
 * What every id of a scenario is (scenario.ts's Id): lower-case letters, digits and single hyphens,
 * never a name of Object.prototype's. Outside schema/ so that the records, read on the first
 * page, check a scenario id without loading the schema.
 */
export const SLUG = /^(?!(?:constructor|prototype)$)[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The longest id the schema allows. */
export const MAX_ID_LENGTH = 80;
/** Whether a value could be a scenario's id. */
export const isScenarioId = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_ID_LENGTH && SLUG.test(v);

const LATIN_LETTERS: Record<string, string> = { ß: 'ss', ł: 'l', ø: 'o', đ: 'd', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd', ħ: 'h', ı: 'i' };

/**
 * The id a name or a title would make, as the validator suggests it: "D4 Worry" → "d4-worry",
 * "Jazmín Ruiz" → "jazmin-ruiz" (an accented letter kept as its letter), "Ms. O'Neil" → "ms-oneil"
 * (an apostrophe dropped, not made a hyphen). Empty when nothing of it is left.
 */
export function idFromText(value: string): string {
  // Invisible format characters (a zero-width space, a soft hyphen) are dropped, not made hyphens:
  // "s1-op\u200ben" is "s1-open" on screen, not "s1-op-en". So are a terminal's escape sequences
  // and control characters, as every screen drops them (cleanText): "s1-open\u001b[31m" is
  // "s1-open", not "s1-open-31m".
  return cleanText(value).normalize('NFKD').replace(/[\p{M}\p{Cf}]+/gu, '').toLowerCase()
    // Latin letters Unicode does not write as a letter and an accent, kept as letters too ("Łódź" →
    // "lodz", "Straße" → "strasse"), not dropped ("odz", "stra-e").
    .replace(/[ßłøđæœþðħı]/g, (c) => LATIN_LETTERS[c] ?? c)
    .replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * The id to suggest for a value that is not one, as validate's invalid-id fix says it ("Use
 * something like …"): idFromText's, "my-id" when nothing of it is left, and a reserved word
 * (constructor, prototype) with "-node" after it.
 */
export function suggestedId(value: string): string {
  const slug = idFromText(value) || 'my-id';
  return slug === 'constructor' || slug === 'prototype' ? `${slug}-node` : slug;
}
