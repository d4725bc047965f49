/* eslint-disable no-control-regex -- these patterns exist to find control characters */
/**
 * Scenario files, saves and records are untrusted: a string could carry escape sequences that move
 * a terminal's cursor, set its title or write to the clipboard, or invisible characters that
 * disguise text. Every string a UI shows passes through here first; the selectors, the report and
 * the library apply it, so no UI can forget it.
 */

// ESC-introduced sequences (CSI, OSC, DCS/SOS/PM/APC, single-character escapes) and their 8-bit C1
// introducers, then any leftover control characters (C0 except newline, DEL, C1), bidirectional
// overrides and zero-width characters.
const ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|[PX^_][^\u001b\u009c]*(?:\u001b\\|\u009c)?|[@-Z\\-_])?|\u009b[0-?]*[ -/]*[@-~]?|[\u009d\u0090\u0098\u009e\u009f][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const SEPARATORS = /[\u2028\u2029]/g;

/** The text with terminal escapes, control and invisible characters removed; tabs become spaces. */
export function cleanText(text: string): string {
  return text.replace(ESCAPES, '').replace(/\t/g, '  ').replace(/\r\n?/g, '\n').replace(SEPARATORS, '\n').replace(CONTROLS, '');
}

/** Clean text for a message that must stay on one line (a file name, a value): a line break shows as \\n. */
export function visibleLine(text: string): string {
  return cleanText(text).replace(/\n/g, '\\n');
}

/** One line of clean text: every run of white space (newlines too) becomes one space. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}

/** A deep copy of a JSON-like value with every string cleaned (object keys are kept as they are). */
export function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => cleanDeep(v)) as T;
  // fromEntries defines properties, so a "__proto__" key from a file stays a plain key.
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanDeep(v)])) as T;
  return value;
}
