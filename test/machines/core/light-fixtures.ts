import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Scenario } from '../../../src/machines/light.js';

// Hostile text, checks on clean text, and scenario files as text. No scenario, XState or validator here, so the tests of the
// light modules (clean text, the library) load as fast as a UI's first frame.

/** Escape sequences and invisible characters a hostile file might carry. */
export const TITLE = '\u001b]0;pwned\u0007';
export const CLIPBOARD = '\u001b]52;c;cm0gLXJmIH4=\u0007';
export const CLEAR = '\u001b[2J';
export const RLO = '\u202e';
export const HOSTILE = `${TITLE}${CLIPBOARD}${CLEAR}${RLO}\u200b\u0000\u009b31m\u007f`;

/** Any control, bidi-override or zero-width character except newline. */
// eslint-disable-next-line no-control-regex -- this pattern exists to find control characters
export const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u2028\u2029]/;

/** Every string inside a value. */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}

/** Fails unless every string in the value is free of control and invisible characters. */
export function expectClean(value: unknown): void {
  const strings = stringsIn(value);
  expect(strings.length).toBeGreaterThan(0);
  for (const s of strings) expect(s, JSON.stringify(s)).not.toMatch(CONTROL);
}

/** Fails unless the text is one clean line. */
export function expectOneCleanLine(text: string | undefined): void {
  expect(typeof text).toBe('string');
  expect(text).not.toMatch(CONTROL);
  expect(text).not.toContain('\n');
  expect((text as string).length).toBeGreaterThan(0);
}

/**
 * A read that refused damaged data: it says so in one clean line, and the data was moved from `key`
 * to `aside` byte for byte (never deleted, never rewritten).
 */
export function expectMovedAside(r: { kind: string; error?: string; movedTo?: string }, store: { read(key: string): string | undefined }, key: string, aside: string, text: string): void {
  expect(r.kind).toBe('bad');
  expectOneCleanLine(r.error);
  expect(r.movedTo).toBe(aside);
  expect(store.read(key)).toBeUndefined();
  expect(store.read(aside)).toBe(text);
}

const scenariosDir = fileURLToPath(new URL('../../../scenarios/', import.meta.url));

/** The bundled scenario files, as text. */
export const bundledFiles: { file: string; text: string }[] = readdirSync(scenariosDir)
  .filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json')
  .sort()
  .map((file) => ({ file, text: readFileSync(`${scenariosDir}${file}`, 'utf8') }));

/**
 * A scenario file parsed but not validated, for the light modules (validation is tested elsewhere;
 * loading the validator here would slow the tests of a first frame's code).
 */
export function parsedScenario(file: string): Scenario {
  const found = file === 'example.json' ? { text: readFileSync(fileURLToPath(new URL('../../fixtures/good/example.json', import.meta.url)), 'utf8') } : bundledFiles.find((f) => f.file === file);
  if (!found) throw new Error(`no scenario ${file}`);
  return JSON.parse(found.text) as Scenario;
}
