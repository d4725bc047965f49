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
