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
 * space at either end, at most 60 characters.
 */
export function certificatePrintTitle(year: number, name?: string): string {
  const cleaned = cleanLine((name ?? '').replace(NOT_IN_FILE_NAMES, ' '));
  const short = Array.from(cleaned).slice(0, 60).join('');
  const fit = short.replace(/^[\s.]+|[\s.]+$/g, '');
  return `casa-practice certificate ${year}${fit ? ` - ${fit}` : ''}`;
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
