import { useEffect, useState } from 'react';

/** Where the app is: the hash holds the page, so any static host serves every page. */
export type Route =
  | { page: 'library' }
  | { page: 'play'; id: string; mode: 'practice' | 'assessment' }
  /** The last debrief kept of a bundled scenario, opened again. */
  | { page: 'debrief'; id: string }
  | { page: 'records' }
  | { page: 'certificate' }
  | { page: 'preview'; file?: string }
  | { page: 'presenter'; id?: string }
  | { page: 'projector' };

export function parseRoute(hash: string, search = ''): Route {
  const path = hash.replace(/^#\/?/, '');
  const [head = '', id = ''] = path.split('/').map((p) => safeDecode(p));
  // ?projector and ?presenter open those pages at an address that names no page: once the hash names
  // one (a link of the navigation), that page shows, the query staying in the address.
  const query = hash === '' || hash === '#' ? new URLSearchParams(search) : new URLSearchParams();
  if (query.has('projector') || head === 'projector') return { page: 'projector' };
  if (query.has('presenter') || head === 'presenter') return id ? { page: 'presenter', id } : { page: 'presenter' };
  if (head === 'play' && id) return { page: 'play', id, mode: 'practice' };
  if (head === 'assess' && id) return { page: 'play', id, mode: 'assessment' };
  if (head === 'debrief' && id) return { page: 'debrief', id };
  if (head === 'records') return { page: 'records' };
  if (head === 'certificate') return { page: 'certificate' };
  if (head === 'preview') return id ? { page: 'preview', file: id } : { page: 'preview' };
  return { page: 'library' };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}

export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'library': return '#/';
    case 'play': return `#/${route.mode === 'assessment' ? 'assess' : 'play'}/${encodeURIComponent(route.id)}`;
    case 'presenter': return route.id ? `#/presenter/${encodeURIComponent(route.id)}` : '#/presenter';
    case 'preview': return route.file ? `#/preview/${encodeURIComponent(route.file)}` : '#/preview';
    case 'projector': return '#/projector';
    case 'debrief': return `#/debrief/${encodeURIComponent(route.id)}`;
    default: return `#/${route.page}`;
  }
}

let focusedAtChange: Element | null = null;

/** What had focus when the address last changed, before the new page rendered (see App). */
export function focusedAtLastChange(): Element | null {
  return focusedAtChange;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash, location.search));
  useEffect(() => {
    const update = () => {
      // Noted first: React may render the new page, and run its effects, before this listener returns.
      focusedAtChange = document.activeElement;
      setRoute(parseRoute(location.hash, location.search));
    };
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function go(route: Route): void {
  location.hash = hrefOf(route);
}

/** The mark goStartAgain leaves on its history entry (read and cleared by takeStartingAgain). */
const STARTING_AGAIN = 'casa-practice:starting-again';

/**
 * "Try again" on a debrief opened again (KeptDebrief): goes to the scenario's play page, its new
 * history entry marked so that the playthrough there starts as one started again at the end of a
 * playthrough does (focus on its first moment, "Started again from the beginning." said).
 */
export function goStartAgain(route: Extract<Route, { page: 'play' }>): void {
  go(route);
  history.replaceState({ ...(history.state as object | null), [STARTING_AGAIN]: true }, '');
}

/** Whether this history entry was opened by goStartAgain: said once, the mark cleared (a reload or a return to it is a plain visit). */
export function takeStartingAgain(): boolean {
  const state = history.state as Record<string, unknown> | null;
  if (state?.[STARTING_AGAIN] !== true) return false;
  const { [STARTING_AGAIN]: _taken, ...rest } = state;
  history.replaceState(Object.keys(rest).length > 0 ? rest : null, '');
  return true;
}
