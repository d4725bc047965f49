import { useEffect, useState, type RefObject } from 'react';

/**
 * Presenter mode's row of the trainer's steps (Reveal the feedback, Continue, Open the vote…; class
 * `trainer-steps`, styles.css) stays at the window's bottom edge in a window at least 60em by 36em,
 * with a live room (RoomPanel) or without one (Presenter's Facilitation). Its height as drawn,
 * `--steps-h` on the page's root, is the page's scroll-padding-bottom there, so what has the focus
 * is never hidden under it (WCAG 2.4.11). `present`: whether the row is on the page now (the row
 * comes and goes with the moment: none at the ending).
 */
export function useStepsHeight(row: RefObject<HTMLElement | null>, present: boolean): void {
  useEffect(() => {
    const bar = row.current;
    if (!present || !bar || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => root.style.setProperty('--steps-h', `${bar.offsetHeight}px`));
    observer.observe(bar);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--steps-h');
    };
  }, [row, present]);
}

/**
 * The width under which presenter mode names the reveal's first step in shorter words ("Follow the
 * room: 2", "Choose a reply"): at 1024×768 "Follow the room’s choice (reply 2)" with Back to the votes, Back
 * to decision 1 and Blank the projector took two lines (1,114 px of buttons in presenter mode's type,
 * in 992), a line more of the window over the reveal. The steps are the same; only their words.
 */
export const NARROW_STEPS = '(max-width: 75em)';

/** Whether the window is narrower than NARROW_STEPS, kept as it is resized (false where there is no matchMedia). */
export function useNarrowSteps(): boolean {
  const queryOf = () => (typeof window === 'undefined' || typeof window.matchMedia !== 'function' ? undefined : window.matchMedia(NARROW_STEPS));
  const [narrow, setNarrow] = useState(() => queryOf()?.matches ?? false);
  useEffect(() => {
    const query = queryOf();
    if (!query) return;
    const changed = () => setNarrow(query.matches);
    changed();
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  return narrow;
}
