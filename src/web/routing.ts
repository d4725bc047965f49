import { useEffect, useRef, useState, type MouseEvent, type RefObject } from 'react';

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
  | { page: 'projector' }
  /**
   * An address that names no page (an old or mistyped link: `#/nope`, `#/play` without a scenario):
   * said so, not the scenarios shown as if it were their address. `address`: the hash as it came,
   * only to tell one such address from another (never shown: NotFound names no part of it).
   */
  | { page: 'not-found'; address: string };

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
  return path === '' ? { page: 'library' } : { page: 'not-found', address: hash };
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
    case 'not-found': return route.address;
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

/** Where a history entry keeps the address of the card's link (or a list's button) followed from it (useFollowedLink). */
const FOLLOWED = 'casa-practice/library-link';

/** This history entry's state as an object (another page's, or none). */
export const entryState = (): Record<string, unknown> => (typeof history.state === 'object' && history.state !== null ? history.state as Record<string, unknown> : {});

/**
 * A list of cards whose links open other pages (the first page's scenarios, presenter mode's).
 * Come back to by the browser's Back, the page is put back where it was scrolled (a card far down
 * the list), but focus was on the page's top: the next Tab went to the first card, taking a
 * keyboard user back up past every card above the one they had opened. The link followed is noted
 * in this history entry as it is followed (`onClick`, on the list), and has the focus again once
 * the cards are drawn (`drawn`), unless the focus has gone somewhere of the reader's own since (the
 * page's main content, where the app puts it on a change of page, or nothing, is not).
 */
export function useFollowedLink(drawn: boolean): { ref: RefObject<HTMLUListElement | null>; onClick: (e: MouseEvent<HTMLUListElement>) => void } {
  const ref = useRef<HTMLUListElement>(null);
  const onClick = (e: MouseEvent<HTMLUListElement>) => {
    const link = (e.target as Element).closest('a[href]');
    if (link) noteFollowed(link.getAttribute('href') ?? '');
  };
  // A link followed from elsewhere on the page (the first page's "In progress", My records' certificate
  // link, the navigation) leaves no note of the list's: Back put the focus on the list's link followed
  // before, from an earlier visit of this entry, and scrolled the page to it (from "In progress" at
  // the top of the first page, to a card 4,000 px down), away from where the volunteer had been.
  useEffect(() => {
    const forget = (e: globalThis.MouseEvent) => {
      const link = e.target instanceof Element ? e.target.closest('a[href]') : null;
      if (!link || ref.current?.contains(link) || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      const { [FOLLOWED]: noted, ...rest } = entryState();
      if (noted !== undefined) history.replaceState(Object.keys(rest).length > 0 ? rest : null, '');
    };
    document.addEventListener('click', forget, true);
    return () => document.removeEventListener('click', forget, true);
  }, []);
  useEffect(() => {
    const href = entryState()[FOLLOWED];
    if (!drawn || typeof href !== 'string') return;
    const at = document.activeElement;
    if (at !== null && at !== document.body && at.tagName !== 'MAIN') return;
    const followed = [...ref.current?.querySelectorAll<HTMLElement>('a[href], button[data-href]') ?? []].find((a) => (a.getAttribute('href') ?? a.getAttribute('data-href')) === href);
    // In a folded list (the Preview's files of the app): opened again, as it was when it was used.
    const fold = followed?.closest('details');
    if (fold) fold.open = true;
    followed?.focus();
  }, [drawn]);
  return { ref, onClick };
}

/**
 * Notes in this history entry the address a button of a useFollowedLink list is about to open (the
 * button marked with it as data-href), before it opens it: a link is noted by the list's onClick.
 */
export function noteFollowed(href: string): void {
  history.replaceState({ ...entryState(), [FOLLOWED]: href }, '');
}
