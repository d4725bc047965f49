import { useEffect, type RefObject } from 'react';

/**
 * Every folded part within `root` (a <details> closed on the page, `root` itself if it is one) is
 * open on paper, and shut again after: what is printed says all the page can show. Chromium shows
 * them by styles.css's print rules too (::details-content); these events do it in the browsers
 * without them. Used by the debrief and My records.
 */
export function useOpenForPrint(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    let opened: HTMLDetailsElement[] = [];
    const before = () => {
      const el = root.current;
      if (!el) return;
      const folds = [...(el instanceof HTMLDetailsElement ? [el] : []), ...el.querySelectorAll('details')];
      opened = folds.filter((d) => !d.open);
      for (const d of opened) d.open = true;
    };
    const after = () => {
      for (const d of opened) d.open = false;
      opened = [];
    };
    return whilePrinting(before, after);
  }, [root]);
}

/** Runs `before` as the page is printed and `after` once it has been; returns what stops it (an effect's cleanup). */
export function whilePrinting(before: () => void, after: () => void): () => void {
  window.addEventListener('beforeprint', before);
  window.addEventListener('afterprint', after);
  return () => {
    window.removeEventListener('beforeprint', before);
    window.removeEventListener('afterprint', after);
  };
}
