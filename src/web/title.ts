import { useEffect } from 'react';
import { cleanLine } from '../machines/light.js';
import type { Route } from './routing.js';

const APP = 'casa-practice';

/** The window title for a page: its name (one clean line, not too long) then the app's name (WCAG 2.4.2). */
export function pageTitle(name: string): string {
  const line = cleanLine(name);
  const short = line.length > 120 ? `${line.slice(0, 119)}…` : line;
  return short ? `${short} — ${APP}` : APP;
}

/** Characters no file name may hold on one system or another (Windows refuses these; / is the folder on every one). */
const NOT_IN_FILE_NAMES = /[\\/:*?"<>|]/g;

/**
 * The window title while the certificate is printed: the name a browser offers for the PDF saved
 * from its print dialog (Chromium, Edge and Safari take the document's title). It says what the
 * file is, the year it totals and, when typed, the volunteer's name, so that a year's certificate
 * is not saved over the last one's ("Certificate — casa-practice.pdf" every year) and a supervisor
 * can tell whose it is: "casa-practice certificate 2026 - Sam Rivera". The name is made fit for a
 * file name: one line, no control or invisible characters, none a file system refuses, no dot or
 * space at either end, at most 60 characters and 180 bytes (nameForFile).
 */
export function certificatePrintTitle(year: number, name?: string): string {
  const cleaned = cleanLine((name ?? '').replace(NOT_IN_FILE_NAMES, ' '));
  const fit = nameForFile(cleaned).replace(/^[\s.]+|[\s.]+$/g, '');
  return `casa-practice certificate ${year}${fit ? ` - ${fit}` : ''}`;
}

/** The most characters of the name in the PDF's file name. */
const MOST_NAME_CHARACTERS = 60;
/**
 * The most bytes of the name (UTF-8): a file name holds at most 255 bytes on most file systems, and
 * "casa-practice certificate 2026 - " and ".pdf" take 37 of them. 60 characters of 3 bytes (Chinese,
 * Devanagari) fit; 60 of 4 (emoji, rarer Chinese characters: 𠮷) made a name of 277 bytes.
 */
const MOST_NAME_BYTES = 180;

/**
 * The start of a name, as much of it as fits a file name (MOST_NAME_CHARACTERS, MOST_NAME_BYTES),
 * cut between characters as a reader counts them (grapheme clusters where the browser can tell
 * them): a cut between code points left half a flag (a lone 🇺, shown as a letter in a box) or a
 * family emoji's first two people and its joiner.
 */
function nameForFile(name: string): string {
  // Only the start is segmented: each UTF-16 unit is a byte at least, so nothing past MOST_NAME_BYTES
  // units is kept, and a boundary there is the same in the start as in the whole name (20 units of
  // room). Segmenting the whole took time growing with the square of its length (2 s at 100,000).
  const start = name.slice(0, MOST_NAME_BYTES + 20);
  const parts = typeof Intl.Segmenter === 'function' ? Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(start), (s) => s.segment) : Array.from(start);
  const encoder = new TextEncoder();
  let out = '';
  let bytes = 0;
  for (const [i, part] of parts.entries()) {
    bytes += encoder.encode(part).length;
    if (i === MOST_NAME_CHARACTERS || bytes > MOST_NAME_BYTES) break;
    out += part;
  }
  return out;
}

/** What each address is, before its page knows more (a scenario's title once it has loaded). */
export function routeTitle(route: Route): string {
  switch (route.page) {
    case 'library': return 'Scenarios';
    case 'play': return route.mode === 'assessment' ? 'Assessment' : 'Practice';
    case 'debrief': return 'Debrief';
    case 'records': return 'My records';
    case 'certificate': return 'Certificate';
    case 'preview': return route.file ? `Preview: ${route.file}` : 'Preview a file';
    case 'presenter': return 'Presenter mode';
    case 'projector': return 'Projector screen';
    case 'not-found': return 'Page not found';
  }
}

/**
 * Sets the window title while a page shows `name` (nothing when undefined). The app sets the
 * address's title first, and a page that knows more (a scenario's title) sets its own after it,
 * as React runs an earlier sibling's effects before a later one's.
 */
export function useTitle(name: string | undefined): void {
  useEffect(() => {
    if (name !== undefined) document.title = pageTitle(name);
  }, [name]);
}

/** The address's title, as a component placed before the page. */
export function RouteTitle({ route }: { route: Route }): null {
  useTitle(routeTitle(route));
  return null;
}
