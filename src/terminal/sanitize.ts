/* eslint-disable no-control-regex -- these patterns exist to find control characters */
/**
 * Scenario text is untrusted: a file could carry escape sequences that move the cursor, change
 * the window title or hide text. Everything from a scenario passes through here before printing.
 */

// ESC-introduced sequences (CSI, OSC, DCS, single-character escapes), then any leftover control
// characters (C0 except newline, DEL, C1) and bidirectional overrides that can disguise text.
const ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[PX^_][^\u001b]*(?:\u001b\\)?|[@-Z\\-_])?/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** The text with terminal escapes and control characters removed; tabs become spaces. */
export function cleanText(text: string): string {
  return text.replace(ESCAPES, '').replace(/\t/g, '  ').replace(/\r\n?/g, '\n').replace(CONTROLS, '');
}

/** A deep copy of a JSON-like value with every string cleaned. */
export function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => cleanDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cleanDeep(v);
    return out as T;
  }
  return value;
}
