import { useEffect, type RefObject } from 'react';

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
