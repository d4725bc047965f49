import { useEffect, useState, type RefObject } from 'react';

/**
 * Presenter mode's row of the trainer's steps (Reveal the feedback, Continue, Open the vote…; class
 * `trainer-steps`, styles.css) stays at the window's bottom edge in a window at least 60em by 36em,
 * with a live room (RoomPanel) or without one (Presenter's Facilitation). Its height as drawn,
 * `--steps-h` on the page's root, is the page's scroll-padding-bottom there, so what has the focus
 * is never hidden under it when the focus moves (WCAG 2.4.11), nor when a key acts on it after the
 * page was scrolled under it (bringIntoClear). `present`: whether the row is on the page now (the row
 * comes and goes with the moment: none at the ending).
 */
export function useStepsHeight(row: RefObject<HTMLElement | null>, present: boolean): void {
  useEffect(() => {
    const bar = row.current;
    if (!present || !bar || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => root.style.setProperty('--steps-h', `${bar.offsetHeight}px`));
    observer.observe(bar);
    // Wherever the focus goes (Tab, a vote box's Enter, a step), once the browser has scrolled to it:
    // no other control left half under the row (clearOfSteps).
    let frame = 0;
    const focused = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => clearOfSteps(bar));
    };
    document.addEventListener('focusin', focused);
    // And a key that acts on what has the focus, where the trainer's wheel or a touch scroll left it
    // under the row (bringIntoClear): the page is not moved while they scroll.
    const keyed = (e: KeyboardEvent) => bringIntoClear(bar, e);
    document.addEventListener('keydown', keyed, true);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      document.removeEventListener('focusin', focused);
      document.removeEventListener('keydown', keyed, true);
      root.style.removeProperty('--steps-h');
    };
  }, [row, present]);
}

/** What takes a click or the focus in the page: the controls clearOfSteps keeps out from half under the row. */
const CONTROLS = 'button, input, select, textarea, summary, a[href], [tabindex]:not([tabindex="-1"])';
/** Space kept between a control moved clear and the row's top edge (px). */
const CLEAR_GAP = 8;

/**
 * Scrolls the page the least so that no control of it lies partly under the row of the trainer's
 * steps (`row`, at the window's bottom edge), the focus kept in view. The browser keeps the focused
 * control clear of the row (scroll-padding-bottom: useStepsHeight), but not the others: with the
 * replies shuffled, the focus scroll to reply 1's Follow button ("Choose a reply") left reply 2's
 * half under the row at 1024×768 for one order in three, its visible part under 24 px high (axe's
 * target-size, WCAG 2.5.8), its words hidden; or under the row's buttons and on past the window's
 * foot, the part there counted as free to press. A control across the row's top or bottom edge
 * goes wholly above it, wholly under it or wholly below the window, whichever is the least move
 * that keeps the focus between the sticky bar and the row; a few times over, in case the move
 * leaves another across an edge. Nothing happens where the row is not at the window's foot (a
 * short window, where the page scrolls as before) or not sticky.
 */
export function clearOfSteps(row: HTMLElement | null): void {
  if (!row?.isConnected || getComputedStyle(row).position !== 'sticky') return;
  const page = document.documentElement;
  const root = row.closest('main') ?? document.body;
  const top = parseFloat(getComputedStyle(page).scrollPaddingTop) || 0;
  for (let i = 0; i < 4; i++) {
    const edge = row.getBoundingClientRect();
    if (edge.top >= innerHeight) return;
    const across = [...root.querySelectorAll<HTMLElement>(CONTROLS)].find((el) => {
      if (row.contains(el)) return false;
      const box = el.getBoundingClientRect();
      return box.height > 0 && box.top < edge.bottom && box.bottom > edge.top && !(box.top >= edge.top && box.bottom <= edge.bottom);
    });
    if (!across) return;
    const box = across.getBoundingClientRect();
    const active = document.activeElement;
    const focus = active instanceof HTMLElement && active !== document.body && !row.contains(active) ? active.getBoundingClientRect() : undefined;
    const focusClear = focus !== undefined && focus.top >= top && focus.bottom <= edge.top;
    // Where the page could go (by how much to scroll it): the control above the row, under it, below the window.
    const moves = [Math.ceil(box.bottom - edge.top + CLEAR_GAP), Math.floor(box.top - edge.bottom)];
    if (box.height <= edge.height) moves.push(Math.round(box.top - edge.top));
    const room = page.scrollHeight - innerHeight - scrollY;
    const allowed = moves.filter((by) => by !== 0 && by <= room && scrollY + by >= 0
      && (active !== across || by === moves[0])
      && (!focusClear || (focus.top - by >= top && focus.bottom - by <= edge.top)));
    if (!allowed.length) return;
    const by = allowed.reduce((a, b) => (Math.abs(b) < Math.abs(a) ? b : a));
    scrollBy({ top: by, behavior: 'instant' });
  }
}

/** Fields that take what is typed: every key but a few acts on them (an input of these types acts on Enter and Space alone). */
const NOT_TYPED = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'image', 'file', 'color', 'range']);
/** Keys that act on no field: they move the focus, close something, scroll the page or are held with another. */
const NO_ACT = new Set(['Tab', 'Escape', 'PageUp', 'PageDown', 'Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'ScrollLock', 'Fn', 'ContextMenu', 'Dead', 'Unidentified']);

/** What Enter or Space presses (or ticks, or opens). Not a heading given the focus (tabindex -1): there Space scrolls the page. */
const PRESSED = 'button, a[href], summary, input, [role="button"], [role="link"], [role="checkbox"], [role="radio"], [role="switch"], [role="tab"], [role="menuitem"], [role="option"]';

/** Whether `key` pressed with the focus on `el` acts on it: types in it, changes it, presses it. */
export function keyActsOn(el: Element, e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || NO_ACT.has(e.key) || /^F\d+$/.test(e.key)) return false;
  const typed = el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement
    || (el instanceof HTMLInputElement && !NOT_TYPED.has(el.type)) || (el instanceof HTMLElement && el.isContentEditable);
  return typed || ((e.key === 'Enter' || e.key === ' ') && el.matches(PRESSED));
}

/**
 * Before a key acts on what has the focus (a count typed in a vote box, an arrow that changes it,
 * Enter or Space on a button), brings it clear of the row of the trainer's steps (`row`) and of
 * the sticky bar, if the trainer's mouse wheel or a touch scroll left it partly under them: the
 * browser keeps the focus clear when the focus moves (scroll-padding), not when the page is scrolled
 * under it, and the count went into a box half hidden. The page is not moved while the trainer
 * scrolls (their scroll is theirs, and a focused control scrolled out of sight is theirs to leave);
 * only the key that acts on the control moves it, the least (scrollIntoView's "nearest", within the
 * page's scroll-padding), and then the other controls clear of the row's edge (clearOfSteps).
 */
export function bringIntoClear(row: HTMLElement | null, e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): void {
  const active = document.activeElement;
  if (!row?.isConnected || !(active instanceof HTMLElement) || active === document.body || row.contains(active)) return;
  if (getComputedStyle(row).position !== 'sticky' || !keyActsOn(active, e)) return;
  const edge = row.getBoundingClientRect();
  if (edge.top >= innerHeight) return;
  const top = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
  const box = active.getBoundingClientRect();
  if (box.height === 0 || (box.top >= top && box.bottom <= edge.top)) return;
  active.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'instant' });
  clearOfSteps(row);
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
