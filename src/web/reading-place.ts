import { useEffect, type RefObject } from 'react';
import { entryState } from './routing.js';

/**
 * Where the volunteer was in a debrief (its kept address, #/debrief/<id>), for the browser's Back
 * (or Forward) into it: from My records (the debrief's own link, at its end) Back opened the debrief
 * anew, at its heading with its folds closed, a dozen screens above where they had been reading. The
 * place is noted as they read (the page's scroll, the folds open, the control last focused in the
 * debrief), under an id this history entry carries, in the page's memory only: a reload opens the
 * debrief at its heading, as a new visit does.
 */
const ENTRY = 'casa-practice/reading-place';

interface Place {
  /** The page's scroll (window.scrollY). */
  y: number;
  /** Which of the debrief's folds (its <details>, in order) were open. */
  open: number[];
  /** The control (in FOCUSABLE order in the debrief) focused, if the focus is in the debrief. */
  focus?: number;
}

const places = new Map<string, Place>();
let made = 0;

const FOCUSABLE = 'a[href], button, summary, [tabindex]';

/**
 * Notes the reader's place in `article` for this history entry while it is shown (`on`). `fresh`: a
 * debrief just finished (the end of a playthrough): a new id, so the place of a debrief shown
 * earlier in this entry (a playthrough tried again from it) is never given to this one. Otherwise
 * (the kept debrief opened again) the entry's id is kept, for restoreReadingPlace.
 */
export function useReadingPlace(article: RefObject<HTMLElement | null>, on: boolean, fresh: boolean): void {
  useEffect(() => {
    const el = article.current;
    if (!on || !el) return;
    const kept = entryState()[ENTRY];
    const mine = !fresh && typeof kept === 'string' ? kept : `${Date.now().toString(36)}-${++made}`;
    if (mine !== kept) history.replaceState({ ...entryState(), [ENTRY]: mine }, '');
    const note = () => {
      // Another entry now (a link followed): what the next page does to the scroll is not this place.
      if (entryState()[ENTRY] !== mine || !el.isConnected) return;
      const at = [...el.querySelectorAll(FOCUSABLE)].indexOf(document.activeElement as Element);
      const focus = at >= 0 ? at : undefined;
      places.set(mine, { y: window.scrollY, open: [...el.querySelectorAll('details')].flatMap((d, i) => (d.open ? [i] : [])), ...(focus !== undefined ? { focus } : {}) });
    };
    window.addEventListener('scroll', note, { passive: true });
    document.addEventListener('focusin', note, true);
    el.addEventListener('toggle', note, true);
    return () => {
      window.removeEventListener('scroll', note);
      document.removeEventListener('focusin', note, true);
      el.removeEventListener('toggle', note, true);
    };
  }, [article, on, fresh]);
}

/**
 * Puts the debrief shown (`article.debrief`) back as the reader left it in this history entry: its
 * folds open as they were, the page scrolled where it was, and the control they left it by focused
 * (My records, at its end), or else (a link outside it followed: the bar's name) the heading of the
 * part they were reading. False when this entry
 * holds no place (a debrief opened anew): the caller focuses its heading, as before.
 */
export function restoreReadingPlace(): boolean {
  const id = entryState()[ENTRY];
  const place = typeof id === 'string' ? places.get(id) : undefined;
  const article = document.querySelector<HTMLElement>('article.debrief');
  if (!place || !article) return false;
  const folds = [...article.querySelectorAll('details')];
  place.open.forEach((i) => {
    const d = folds[i];
    if (d) d.open = true;
  });
  window.scrollTo(0, place.y);
  const control = place.focus === undefined ? undefined : article.querySelectorAll<HTMLElement>(FOCUSABLE)[place.focus];
  // Only where it is in view: the next Tab goes on from where the reader is.
  const seen = control?.getBoundingClientRect();
  if (control && seen && seen.bottom > 0 && seen.top < window.innerHeight) control.focus({ preventScroll: true });
  else {
    // The part read: the last of the debrief's headings that starts above the middle of the window.
    const headings = [...article.querySelectorAll<HTMLElement>('h1[tabindex], h2[tabindex]')];
    const read = headings.filter((h) => h.getBoundingClientRect().top < window.innerHeight / 2).at(-1) ?? headings[0];
    read?.focus({ preventScroll: true });
  }
  return true;
}
