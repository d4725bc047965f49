import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { VERDICT_WORDS } from '../../machines/index.js';
import { blankKeyOf, clickerKeyOf } from '../clicker.js';
import { openChannel, outOfDate, PROJECTOR_BREAK_WORDS, PROJECTOR_PROTOCOL, PROJECTOR_READABLE_SCALE, type OutOfDate, type ProjectorMessage, type ProjectorState } from '../projector.js';
import { DecisionSetup, type SetupScene } from '../components/TrainerMoment.js';
import { JoinUrl } from '../components/JoinUrl.js';
import '../components/LiveRoom.css';

/** The room server's QR code of its join address (same origin as this window in a live room). */
const ROOM_QR = '/join/qr.svg';

const text = (v: unknown, max = 4000): string => (typeof v === 'string' ? v.slice(0, max) : '');

/** The objects of a list as sent (anything else in it, or a list that is not one, is left out). */
const objects = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : []);

/** A number as sent, or nothing. */
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** A verdict's styling class, the laptop's own (follows, violates, missed); none for anything else sent. */
const verdictClass = (v: unknown): string | undefined => (typeof v === 'string' && Object.hasOwn(VERDICT_WORDS, v) ? v : undefined);

/** A verdict as sent: its kind and words (a bare string from an older laptop page: words only). */
const verdictOf = (v: unknown): { className?: string; words: string } => {
  if (typeof v !== 'object' || v === null) return { words: text(v) };
  const { verdict, text: words } = v as { verdict?: unknown; text?: unknown };
  return { className: verdictClass(verdict), words: text(words) };
};

/** Where phones join, as sent: the whole block (QR code and all) unless the laptop asks for the one line; nothing without a room. */
const joinOf = (v: unknown): { room: string; url: string; layout: 'block' | 'line' } | undefined => {
  if (typeof v !== 'object' || v === null) return undefined;
  const { room, url, layout } = v as { room?: unknown; url?: unknown; layout?: unknown };
  return { room: text(room, 20), url: text(url, 300), layout: layout === 'line' ? 'line' : 'block' };
};

/** A decision's setup as sent (see ProjectedSetup): each scene's words as text, anything else left out. */
const setupOf = (v: unknown): SetupScene[] => objects(v).slice(0, 20).map((s) => ({
  title: text(s.title, 300) || undefined,
  narration: text(s.narration, 8000) || undefined,
  lines: objects(s.lines).slice(0, 50).map((l) => ({ speaker: text(l.speaker, 200), role: text(l.role, 200) || undefined, text: text(l.text) })),
})).filter((s) => s.title || s.narration || s.lines.length > 0);

/** The reply the story follows, as sent (see ProjectedFollowed); nothing unless its words are there. */
const followedOf = (v: unknown): { text: string; kind: 'say' | 'do' } | undefined => {
  if (typeof v !== 'object' || v === null) return undefined;
  const { text: words, kind } = v as { text?: unknown; kind?: unknown };
  const t = text(words, 2000);
  return t ? { text: t, kind: kind === 'do' ? 'do' : 'say' } : undefined;
};

/**
 * "The story follows: …" (or, at the end, "The story followed: …"): the reply the trainer chose at
 * the reveal, in words, so the room knows which branch the next moment is on.
 */
function Followed({ followed, tense }: { followed: { text: string; kind: 'say' | 'do' }; tense: 'follows' | 'followed' }) {
  return <p className="followed"><strong>The story {tense}:</strong> {followed.kind === 'do' ? <><em className="do">Do:</em>{' '}</> : null}{followed.text}</p>;
}

/** What the projector window says when its version and the laptop page's differ (OutOfDate: the page to reload). */
const PROJECTOR_WINDOW_WORDS: Record<OutOfDate, string> = {
  projector: 'This window is out of date: casa-practice was updated. On the laptop, choose “Open a projector window” again, or reload this window.',
  laptop: 'The trainer’s page is out of date: casa-practice was updated. Reload the presenter page on the laptop.',
};

/**
 * The smallest the projector's type is made to fit its window: 60% (a reply's words at about 13 px,
 * still readable across a room at 1280×720). At 70% the longest reveals of the bundled scenarios
 * (four replies, each with its feedback and verdicts) still ran off the bottom.
 */
export const PROJECTOR_MIN_SCALE = 0.6;

/**
 * The largest the projector's type is made: twice its size (a 2560×1440 window). The type is drawn
 * for a 1280×720 window; a larger one lets it grow in proportion, as far as what it shows still fits,
 * so that at 1920×1080 a reply is read at up to 32 px rather than 21.6 px over the top half of the
 * screen. A window of 1280×720 or smaller never grows it.
 */
export const PROJECTOR_MAX_SCALE = 2;

/**
 * The ways the reveal's replies can be laid out (`data-layout` on its list), in the order preferred
 * when they fit the same type size: side by side (a column each, at least 16em wide), or in rows (a
 * reply and its votes at the left of its row, its feedback and verdicts beside them). Side by side,
 * the tallest reply sets the height of them all: at 1024×768 harm-reduction's d6-text (four replies,
 * one with four verdicts whose citations take three lines each in a 240 px column) ran past the
 * bottom even in the smallest type, the three other columns half empty. In rows, each reply takes
 * the height of its own words, and the feedback and verdicts the width of most of the window.
 */
export const REVEAL_LAYOUTS = ['columns', 'rows'] as const;

/**
 * The ways a vote's replies can be laid out (`data-layout` on its list), in the order preferred when
 * they fit the same type size: one under the other (each at most 70ch, as the narration), or side by
 * side (a column each, at least 12em wide) in the width the narration's lines leave empty. One under
 * the other only, in the type of the trainer's laptop, they were the smallest type on the screen
 * (about 14 px at 1280×720, under the narration's 16) in half the window's width.
 */
export const OPTION_LAYOUTS = ['list', 'columns'] as const;

/** The scale the window's size allows at most: its size over 1280×720 (the lesser of the two), from 1 to PROJECTOR_MAX_SCALE. */
function largestScale(): number {
  return Math.min(PROJECTOR_MAX_SCALE, Math.max(1, Math.min(window.innerWidth / 1280, window.innerHeight / 720)));
}

/** Sets the projector's type to `scale` of its size (the whole page scales: rem). */
function scaleTo(scale: number) {
  document.documentElement.style.fontSize = scale === 1 ? '' : `${scale * 100}%`;
}

/**
 * Runs `measure` with the window's scroll bar taken away (overflow hidden on the root; its scroll
 * position is kept), then puts it back. A classic scroll bar (Windows, Linux) takes its width from
 * the page when what is shown runs past the bottom, and keeps it until a layout no longer does: a
 * size tried that did not fit left the bar in place for the next one, whose lines, wrapped 15 px
 * narrower, then ran past the bottom too. The fitting chose a type size that fitted the window
 * without the bar (trafficker-contact's first decision at 1024×768: 96.9%, the last reply on the
 * window's bottom edge), and laid out with the bar it did not: the last reply cut off under "More
 * below" in type a tenth smaller would have fitted whole. Measured without the bar, each size is
 * laid out as it is shown when it fits (no bar), whatever was tried before it.
 */
function withoutScrollBar<T>(measure: () => T): T {
  const style = document.documentElement.style;
  const was = style.overflow;
  style.overflow = 'hidden';
  try {
    return measure();
  } finally {
    style.overflow = was;
  }
}

/** Whether what the window shows fits it: nothing below its bottom or past its right edge. */
function fits(): boolean {
  const root = document.documentElement;
  return root.scrollHeight <= window.innerHeight && root.scrollWidth <= window.innerWidth;
}

/** The reveal's list of replies, when the window shows one. */
const revealList = () => document.querySelector<HTMLElement>('.projector-screen.revealed ol.reveal');
/** A vote's list of replies (before its reveal), when the window shows two or more: one reply is laid out one way only. */
const optionsList = () => document.querySelector<HTMLElement>('.projector-screen:not(.revealed) ol.options:has(> li + li)');

/**
 * How the reveal on screen splits into pages (each the indexes of its replies, in order), so that
 * each page reads at PROJECTOR_READABLE_SCALE or larger: one page when the whole reveal does;
 * otherwise as many whole replies to a page as fit, in either layout, with the line that says which
 * page it is, and the facilitator note on the first (above the replies, as on one page). A reply is
 * never cut in two: one that does not fit that large alone has a page of its own, fitted smaller.
 * Measured by hiding what is not on each page, then put back as it was.
 */
function splitReveal(list: HTMLElement): number[][] {
  const items = [...list.children] as HTMLElement[];
  const note = document.querySelector<HTMLElement>('.projector-screen .facilitator-note');
  // The line saying which page it is (ProjectorScreen's), in its longest words, for its height to
  // count; the window's own (split before, the window resized) is left out meanwhile.
  const shown = document.querySelector<HTMLElement>('.projector-screen .reveal-pages');
  const pager = document.createElement('p');
  pager.className = 'reveal-pages';
  pager.textContent = pageWords(0, 9);
  list.after(pager);
  const was = { items: items.map((i) => i.hidden), note: note?.hidden, shown: shown?.hidden, layout: list.dataset.layout };
  if (shown) shown.hidden = true;
  const scale = Math.min(PROJECTOR_READABLE_SCALE, largestScale());
  const fitsWith = (from: number, to: number, paged: boolean): boolean => {
    items.forEach((item, i) => {
      item.hidden = i < from || i >= to;
    });
    if (note) note.hidden = from > 0;
    pager.hidden = !paged;
    scaleTo(scale);
    return REVEAL_LAYOUTS.some((layout) => {
      list.dataset.layout = layout;
      return fits();
    });
  };
  let pages: number[][] = [];
  if (items.length <= 1 || fitsWith(0, items.length, false)) pages.push(items.map((_, i) => i));
  else {
    // Whether replies from..to-1 fit a page together (one alone always has its page).
    const tried = new Map<string, boolean>();
    const fitTogether = (from: number, to: number): boolean => {
      if (to - from === 1) return true;
      const key = `${from}-${to}`;
      if (!tried.has(key)) tried.set(key, fitsWith(from, to, true));
      return tried.get(key) === true;
    };
    // As few pages as can be: as many replies on each as fit, from the first.
    let count = 0;
    for (let from = 0; from < items.length; count++) {
      let to = from + 1;
      while (to < items.length && fitTogether(from, to + 1)) to++;
      from = to;
    }
    // Then as even as those pages can be (two and two rather than three and one: the fewer on a
    // page, the larger its type), the first page the smaller on a tie, as it has the note too.
    // A paging that cannot beat the best found (its largest page no smaller) is not laid out.
    let best: number[] | undefined;
    const canWin = (sizes: number[]) => !best || Math.max(...sizes) < Math.max(...best);
    const spread = (from: number, left: number, sizes: number[]) => {
      if (left === 1) {
        const all = [...sizes, items.length - from];
        if (canWin(all) && fitTogether(from, items.length)) best = all;
        return;
      }
      for (let size = 1; from + size <= items.length - (left - 1) && canWin([...sizes, size]); size++) {
        if (fitTogether(from, from + size)) spread(from + size, left - 1, [...sizes, size]);
      }
    };
    spread(0, count, []);
    let from = 0;
    pages = (best ?? []).map((size) => {
      from += size;
      return items.slice(from - size, from).map((_, i) => from - size + i);
    });
  }
  items.forEach((item, i) => {
    item.hidden = was.items[i] ?? false;
  });
  if (note && was.note !== undefined) note.hidden = was.note;
  pager.remove();
  if (shown && was.shown !== undefined) shown.hidden = was.shown;
  if (was.layout === undefined) delete list.dataset.layout;
  else list.dataset.layout = was.layout;
  scaleTo(1);
  return pages;
}

/** The window laid out at one scale: whether it fits, its scroll height, and the height of what it shows (the page's own box). */
interface Measured {
  fits: boolean;
  height: number;
  natural: number;
}

/**
 * The projector's search for the largest type that fits, between `lo0` (fits) and `hi0` (does not),
 * halving to within 1%, `fitsAt` saying whether a scale fits; undefined once what it finds can be no
 * larger than `beat`. Its final bounds: the scale found, and the next larger scale it tried.
 */
function halving(lo0: number, hi0: number, beat: number | undefined, fitsAt: (scale: number) => boolean): { lo: number; hi: number } | undefined {
  let [lo, hi] = [lo0, hi0];
  while (hi - lo > 0.01) {
    // What this search returns is under hi: no larger than `beat`.
    if (beat !== undefined && hi <= beat) return undefined;
    const mid = (lo + hi) / 2;
    if (fitsAt(mid)) lo = mid;
    else hi = mid;
  }
  return { lo, hi };
}

/**
 * Where the height of what the window shows reaches the window's (`room`), foretold from the scales
 * measured: between the two measured either side of it, as a power of the scale through both (the
 * words get taller and, wrapping into more lines, longer); beyond them all, by the nearest two, or
 * as the scale to the power 1.5 from one. Only a guess, for which scales to lay out first: a wrong one
 * costs layouts, never another result. Undefined with nothing measured.
 */
function predictedFit(measured: ReadonlyMap<number, Measured>, room: number): number | undefined {
  const points = [...measured].map(([s, m]) => ({ s, h: m.natural })).filter((p) => p.h > 0).sort((a, b) => a.s - b.s);
  if (points.length === 0) return undefined;
  const through = (a: { s: number; h: number }, b: { s: number; h: number }): number => {
    const k = Math.log(b.h / a.h) / Math.log(b.s / a.s);
    return Number.isFinite(k) && k > 0.5 ? Math.min(k, 3) : 1.5;
  };
  const at = (p: { s: number; h: number }, k: number) => p.s * Math.pow(room / p.h, 1 / k);
  const above = points.findIndex((p) => p.h > room);
  if (above > 0) return at(points[above - 1]!, through(points[above - 1]!, points[above]!));
  if (above === 0) return at(points[0]!, points.length > 1 ? through(points[0]!, points[1]!) : 1.5);
  const n = points.length;
  return at(points[n - 1]!, n > 1 ? through(points[n - 2]!, points[n - 1]!) : 1.5);
}

/**
 * The projector's type, made smaller (down to PROJECTOR_MIN_SCALE) until what it shows fits the
 * window: nobody in the room can scroll it, and at 1280×720 a reveal of three replies ran to twice
 * the window's height, the room seeing only the first. In a window larger than 1280×720 it may grow
 * too (largestScale), as far as what it shows still fits. Measured again whenever what it shows, or
 * the window's size, changes; the whole page scales (rem), so the user's own text size still counts.
 * A reveal is first split into pages (splitReveal), so that each reads in type the room can read;
 * `page` is the one shown (none: the trainer's page, of a version before pages, cannot step through
 * them, and the reveal is fitted whole as before). Returns whether some of it is still below the
 * window's bottom (the smallest type does not fit, and the window is not scrolled to its end), for
 * the window to say so, and the reveal's pages (none until split, or when no reveal is shown).
 */
function useFitToWindow(shown: unknown, page: number | undefined): { moreBelow: boolean; above: boolean; pages: number[][] | undefined } {
  const [size, setSize] = useState(0);
  const [moreBelow, setMoreBelow] = useState(false);
  // Whether the window is scrolled down from its top (the trainer's page may scroll it back up).
  const [above, setAbove] = useState(false);
  // The moment last fitted (its words, not its votes so far): another is shown from its top. A long
  // scene scrolled to its end left the next long scene scrolled down, its first lines above the edge.
  const moment = useMemo(() => momentKey(shown), [shown]);
  const fittedMoment = useRef(moment);
  // What is shown, in words, without the page of a reveal asked for: the trainer stepping through a
  // reveal's pages sends the same reveal again with another page, and it is not split again (each
  // split lays the window out again for every run of replies that might share a page).
  const content = useMemo(() => splitKey(shown), [shown]);
  // The reveal's pages, for what was shown in a window of what size.
  const [split, setSplit] = useState<{ content: string; size: number; pages: number[][] }>();
  const pages = split && split.content === content && split.size === size ? split.pages : undefined;
  // The page's size as last fitted: a change to it that no fitting made is measured again too. The
  // user's text spacing (WCAG 1.4.12: a bookmarklet or an extension's style sheet) or minimum font
  // size, applied while the window is open, changes what it shows with nothing shown changed and the
  // window the same size: the reveal ran off the bottom, with no line saying there was more below.
  const fitted = useRef('');
  // The page of a reveal last shown: another is shown from its top (the last was perhaps scrolled to its end).
  const shownPage = useRef<number | undefined>(undefined);
  // Where the window is scrolled to, kept through the fitting: taken from each scroll (its event)
  // and from the end of each fitting, when nothing has changed since the last layout. Read from
  // window.scrollY once what is shown has changed, it laid out the whole window first, in the type
  // and layout of the screen before, only for the fitting to lay it out again at once: three
  // layouts of the window thrown away for each reveal (the position read, put back after the split,
  // read again), about a sixth of the layouts of a projector window stepping through reveals.
  const scrolledTo = useRef(0);
  useEffect(() => {
    const resized = () => setSize((n) => n + 1);
    const scrolled = () => {
      scrolledTo.current = window.scrollY;
      setMoreBelow(below());
      setAbove(window.scrollY > 0);
    };
    window.addEventListener('resize', resized);
    window.addEventListener('scroll', scrolled, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => {
      if (pageSize() !== fitted.current) resized();
    });
    observer?.observe(document.body);
    return () => {
      window.removeEventListener('resize', resized);
      window.removeEventListener('scroll', scrolled);
      observer?.disconnect();
    };
  }, []);
  // A reveal: split into pages first, every reply shown (before the window is painted).
  useLayoutEffect(() => {
    const list = revealList();
    if (!list || page === undefined) return;
    const more = document.querySelector<HTMLElement>('.more-below');
    if (more) more.hidden = true;
    // Measuring a few replies at a time shortens the page, which scrolls a window scrolled down
    // (to the end of a page that goes on below its edge) back up: the fitting that follows at once
    // (before the window is painted) puts it back where it was (scrolledTo).
    const split = withoutScrollBar(() => splitReveal(list));
    if (more) more.hidden = false;
    setSplit({ content, size, pages: split });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- split again for what is shown, not for another page of it
  }, [content, size]);
  useLayoutEffect(() => {
    const root = document.documentElement;
    const list = revealList();
    // Not split yet: it is, and this runs again with the page shown.
    if (list && page !== undefined && !pages) return;
    // Where the window is scrolled to, kept through the fitting (smaller type scrolled it up) for the same page.
    const y = scrolledTo.current;
    // The line that says there is more below (left from what was shown before) is not part of what
    // has to fit: counted, it took its own height from the next screen's type.
    const more = document.querySelector<HTMLElement>('.more-below');
    if (more) more.hidden = true;
    const top = largestScale();
    /**
     * The window laid out at `scale` in the layout being tried: whether it fits, its height, and the
     * height of what it shows (its scroll height is never under the window's, so says nothing of how
     * far a page that fits is from the bottom). Each is a layout of the whole window in a new type
     * size (the words shaped again), the costly part of fitting: a scale measured once is not laid
     * out again, and everything is read after the one change of type size (no layout in between).
     */
    let measured = new Map<number, Measured>();
    const measure = (scale: number): Measured => {
      let m = measured.get(scale);
      if (!m) {
        scaleTo(scale);
        m = { fits: fits(), height: root.scrollHeight, natural: root.getBoundingClientRect().height };
        measured.set(scale, m);
      }
      return m;
    };
    /**
     * Whether the window fits at `scale` in the layout being tried. Larger type never makes what it
     * shows shorter or narrower, so a scale is known to fit when a larger one measured did, and known
     * not to when a smaller one did not: answered without a layout then.
     */
    const knownAt = (scale: number): boolean | undefined => {
      for (const [s, m] of measured) {
        if (m.fits && s >= scale) return true;
        if (!m.fits && s <= scale) return false;
      }
      return undefined;
    };
    const fitsAt = (scale: number): boolean => knownAt(scale) ?? measure(scale).fits;
    /**
     * Before the search between `lo0` and `hi0`: where it will end is foretold from the heights
     * measured (predictedFit), and the two scales either side of that end are laid out. When the one
     * fits and the other does not, every step of the search is known from them (fitsAt), and two
     * layouts find what five to seven did. Foretold wrong, the heights just measured foretell again,
     * nearer (a few times at most); the search then lays out any step it still does not know, so
     * what it finds is the same however good the foretelling.
     */
    const foretell = (lo0: number, hi0: number, beat?: number) => {
      for (let tries = 0; tries < 6; tries++) {
        const guess = predictedFit(measured, window.innerHeight);
        if (guess === undefined) return;
        const ends = halving(lo0, hi0, beat, (s) => s <= guess);
        if (!ends) return;
        const unknown = [ends.lo, ends.hi].filter((s) => s !== lo0 && s !== hi0 && knownAt(s) === undefined);
        if (unknown.length === 0) return;
        // The end nearer the guess first: its height foretells again, better, before the other is laid out.
        measure(unknown.reduce((a, b) => (Math.abs(b - guess) < Math.abs(a - guess) ? b : a)));
      }
    };
    /**
     * The halving search between `lo0` (fits) and `hi0` (does not) to within 1%, as it always was
     * (the same steps, so the same scale found), its ends foretold first; undefined once its answer
     * can be no larger than `beat`.
     */
    const halve = (lo0: number, hi0: number, beat?: number): number | undefined => {
      foretell(lo0, hi0, beat);
      const found = halving(lo0, hi0, beat, fitsAt);
      return !found || (beat !== undefined && found.lo <= beat) ? undefined : found.lo;
    };
    /**
     * The largest scale that fits, to within 1% (PROJECTOR_MIN_SCALE when none does): a few layouts,
     * before the window is painted. Undefined once the answer can be no larger than `beat` (the
     * scale a layout tried before fits at): only a larger one would be taken, so the rest of the
     * search is not laid out (each step lays out the whole window in a new type size). With `beat`
     * at or above the readable scale, the first step is 1% above `beat`: most often the layout
     * does not fit there, and that one layout settles it (the search from `top` and the readable
     * scale took three to seven to find so).
     */
    const largestFitting = (beat?: number): number | undefined => {
      if (beat !== undefined && beat >= top) return undefined;
      const readable = Math.min(PROJECTOR_READABLE_SCALE, top);
      if (beat !== undefined && beat >= readable) {
        // Not fitting 1% above `beat`, it fits at no larger scale (`top` included).
        const above = Math.round((beat + 0.01) * 1e4) / 1e4;
        if (above >= top || !measure(above).fits) return undefined;
        if (measure(top).fits) return top;
        return halve(above, top, beat);
      }
      if (measure(top).fits) return top;
      // Type the room can read, when it fits (a page of a reveal is split to fit it): never a hair
      // under it for the search's 1%. Foretold to fit, the search's ends are laid out first: one
      // that fits above it tells that it does, with no layout of its own.
      const guess = predictedFit(measured, window.innerHeight);
      if (guess !== undefined && guess >= readable) foretell(readable, top, beat);
      return fitsAt(readable) ? halve(readable, top, beat) : halve(PROJECTOR_MIN_SCALE, readable, beat);
    };
    // At a reveal, the layout of its replies that lets the type be largest (the first of
    // REVEAL_LAYOUTS on a tie); when none fits even the smallest type, the one that leaves least below.
    // A vote's replies likewise (OPTION_LAYOUTS).
    const laid = list ?? optionsList();
    const layouts: readonly (string | undefined)[] = list ? REVEAL_LAYOUTS : laid ? OPTION_LAYOUTS : [undefined];
    withoutScrollBar(() => {
      let best: { layout?: string; scale: number; fits: boolean; height: number } | undefined;
      for (const layout of layouts) {
        if (laid && layout) laid.dataset.layout = layout;
        measured = new Map();
        // A layout after one that fits is taken only with larger type than that one's.
        const scale = largestFitting(best?.fits ? best.scale : undefined);
        if (scale === undefined) continue;
        const tried = { layout, scale, ...measure(scale) };
        if (!best || (tried.fits && (!best.fits || tried.scale > best.scale)) || (!tried.fits && !best.fits && tried.height < best.height)) best = tried;
      }
      if (laid && best?.layout) laid.dataset.layout = best.layout;
      scaleTo(best?.scale ?? PROJECTOR_MIN_SCALE);
    });
    const at = pages ? page : undefined;
    const to = (at !== shownPage.current && at !== undefined && shownPage.current !== undefined) || moment !== fittedMoment.current ? 0 : y;
    fittedMoment.current = moment;
    // Only when it is somewhere else (as BreakPanel's): a window already there needs no scroll, and
    // jsdom, whose scrollTo logs "Not implemented", is always at 0 (it filled the web tests' stderr).
    if (window.scrollY !== to) window.scrollTo({ top: to, behavior: 'instant' });
    shownPage.current = at;
    // Laid out by scrollTo, nothing changed since: no layout of its own.
    scrolledTo.current = window.scrollY;
    const still = below();
    if (more) more.hidden = false;
    fitted.current = pageSize();
    setMoreBelow(still);
    setAbove(window.scrollY > 0);
    return () => {
      scaleTo(1);
      if (laid) delete laid.dataset.layout;
    };
  }, [shown, moment, size, pages, page]);
  return { moreBelow, above, pages };
}

/** A moment's words (not its votes so far, nor the page of its reveal asked for): what tells one screen from the next. */
function momentKey(shown: unknown): string {
  if (typeof shown !== 'object' || shown === null) return '';
  const m = shown as Record<string, unknown>;
  return JSON.stringify([m.kind, m.title, m.narration, m.lines, m.setup, Array.isArray(m.reveal), m.ending]);
}

/** How far the trainer's page scrolls this window at a time (`scroll`): a screen, less a little to read on from, and the line that says there is more. */
function scrollStep(): number {
  const more = document.querySelector<HTMLElement>('.more-below')?.getBoundingClientRect().height ?? 0;
  return Math.max(1, Math.round(window.innerHeight * 0.85 - more));
}

/** What `shown` (a projector state) says, without the page of a reveal it asks for: the same words, the same split into pages. */
function splitKey(shown: unknown): string {
  if (typeof shown !== 'object' || shown === null) return JSON.stringify(shown) ?? '';
  const { page: _page, ...rest } = shown as Record<string, unknown>;
  return JSON.stringify(rest);
}

/** The page's size as laid out now, for useFitToWindow to tell a change it did not make. */
function pageSize(): string {
  const { width, height } = document.body.getBoundingClientRect();
  return `${Math.round(width)}×${Math.round(height)}`;
}

/** Whether the page goes on below the window's bottom edge. */
function below(): boolean {
  return document.documentElement.scrollHeight - (window.scrollY + window.innerHeight) > 1;
}

/** The line under a reveal in pages: "Page 1 of 2 ▸ more replies on the next page", "Page 2 of 2". */
function pageWords(at: number, count: number): string {
  return at < count - 1 ? `Page ${at + 1} of ${count} ▸ more replies on the next page` : `Page ${at + 1} of ${count}`;
}

/** The projector window: shows what the trainer's controls send, in large type, and nothing else. */
export default function ProjectorScreen() {
  const [state, setState] = useState<ProjectorState>();
  // This window among others (two projectors): for the trainer's page to tell their pages apart.
  const [me] = useState(() => Math.random().toString(36).slice(2));
  const channelRef = useRef<BroadcastChannel | undefined>(undefined);
  const [outdated, setOutdated] = useState<OutOfDate>();
  // The trainer's page left the session it was showing (see ProjectorMessage 'left').
  const [left, setLeft] = useState(false);
  useEffect(() => {
    const channel = openChannel();
    channelRef.current = channel;
    if (!channel) return;
    channel.onmessage = (e: MessageEvent<ProjectorMessage>) => {
      // The trainer's page scrolls a screen too long for this window (Page Down there while more is below).
      if (e.data?.type === 'scroll' && e.data.v === PROJECTOR_PROTOCOL) {
        window.scrollBy({ top: (e.data.to === 'back' ? -1 : 1) * scrollStep(), behavior: 'instant' });
        return;
      }
      if (e.data?.type === 'left') {
        setState(undefined);
        setLeft(true);
        return;
      }
      if (e.data?.type !== 'state' || typeof e.data.state !== 'object' || e.data.state === null) return;
      // The laptop's page and this window come from different versions of casa-practice: show
      // what can be read, say which page to reload, and tell the laptop.
      const stale = outOfDate(e.data.v, 'projector');
      setOutdated(stale);
      if (stale) channel.postMessage({ type: 'mismatch', v: PROJECTOR_PROTOCOL } satisfies ProjectorMessage);
      setState(e.data.state);
    };
    channel.postMessage({ type: 'hello', v: PROJECTOR_PROTOCOL } satisfies ProjectorMessage);
    // A presentation clicker's keys reach whichever window has the focus, and once moved to the
    // projector (and made full screen) that is this one: they are passed on to the trainer's page,
    // which takes them as its own. Page Down first shows the rest of a screen that goes on below the
    // window's edge, and Page Up goes back up it, as the browser scrolls; then they are passed on.
    const onKey = (e: KeyboardEvent) => {
      if (!e.defaultPrevented && !e.repeat && blankKeyOf(e)) {
        e.preventDefault();
        channel.postMessage({ type: 'key', key: 'blank', v: PROJECTOR_PROTOCOL } satisfies ProjectorMessage);
        return;
      }
      const key = clickerKeyOf(e);
      if (!key || e.defaultPrevented || e.repeat) return;
      if (e.key.startsWith('Page') && (key === 'next' ? below() : window.scrollY > 0)) return;
      e.preventDefault();
      channel.postMessage({ type: 'key', key, pressed: e.key, v: PROJECTOR_PROTOCOL } satisfies ProjectorMessage);
    };
    document.addEventListener('keydown', onKey);
    // Closed: the trainer's page no longer counts this window's pages.
    const gone = () => {
      channel.postMessage({ type: 'pages', id: '', window: me, pages: [], v: PROJECTOR_PROTOCOL } satisfies ProjectorMessage);
      channel.postMessage({ type: 'overflow', window: me, below: false, above: false, v: PROJECTOR_PROTOCOL } satisfies ProjectorMessage);
    };
    window.addEventListener('pagehide', gone);
    return () => {
      document.removeEventListener('keydown', onKey);
      window.removeEventListener('pagehide', gone);
      gone();
      channel.close();
    };
  }, [me]);
  // At a reveal, the page the trainer asked for (the first unless said), of the reveal the trainer's page names.
  const asked = state?.kind === 'moment' && Array.isArray(state.reveal) && typeof state.page === 'object' && state.page !== null ? state.page : undefined;
  const askedAt = asked ? Math.max(0, Math.floor(num(asked.at) ?? 0)) : undefined;
  const { moreBelow, above, pages } = useFitToWindow(state, askedAt);
  // Whether what this window shows goes on past its edges, told to the trainer's page (whose Page Down
  // then scrolls it: useProjectorOverflow); again for each state (a laptop reloaded). A blank or break
  // screen shows nothing past them.
  // Nothing is sent of a window that shows all and was last said to (a laptop knows none past its edges until told).
  const shownWhole = !state || state.kind === 'blank' || state.kind === 'break';
  const overflowSaid = useRef(JSON.stringify([false, false]));
  useEffect(() => {
    const now = [!shownWhole && moreBelow, !shownWhole && above] as const;
    if (JSON.stringify(now) === overflowSaid.current && !now[0] && !now[1]) return;
    overflowSaid.current = JSON.stringify(now);
    channelRef.current?.postMessage({ type: 'overflow', window: me, below: now[0], above: now[1], v: PROJECTOR_PROTOCOL } satisfies ProjectorMessage);
  }, [state, shownWhole, moreBelow, above, me]);
  // How this window split the reveal, told to the trainer's page (which steps through the pages of
  // the window that needs the most), as reply numbers; each time it is split again (a resize too).
  const askedId = text(asked?.id, 200);
  const numbers = state?.kind === 'moment' && pages ? pages.map((p) => p.map((i) => num(objects(state.reveal)[i]?.number) ?? i + 1)) : undefined;
  const told = JSON.stringify(numbers);
  useEffect(() => {
    if (!asked || !numbers) return;
    channelRef.current?.postMessage({ type: 'pages', id: askedId, window: me, pages: numbers, v: PROJECTOR_PROTOCOL } satisfies ProjectorMessage);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- told is numbers in words; sent again for each state (a laptop reloaded)
  }, [state, askedId, told, me]);
  const notice = outdated && <p className="notice" role="status">{PROJECTOR_WINDOW_WORDS[outdated]}</p>;
  if (!state) {
    return (
      <>
        <h1>Projector screen</h1>
        <p role="status">{left
          ? 'The trainer’s page has left the session. This window shows the next one: in presenter mode on the laptop, open a session and this window follows.'
          : 'Waiting for the trainer’s controls. In presenter mode on the laptop, choose a scenario and then “Open a projector window”.'}</p>
      </>
    );
  }
  if (state.kind === 'blank') {
    // Dark, and nothing for the room to read; said to a screen reader on this window.
    return <div className="projector-screen blank"><p className="sr-only" role="status">The trainer has blanked this screen.</p></div>;
  }
  if (state.kind === 'break') {
    // The trainer's break: calm, and nothing of the session (no moment, replies or votes), until the
    // trainer comes back and the laptop sends what was shown before. Said to a screen reader as the blank screen is.
    const title = text(state.scenarioTitle, 300);
    return (
      <div className="projector-screen on-break">
        {notice}
        {title && <p className="status-line">{title}</p>}
        <h1>{PROJECTOR_BREAK_WORDS.heading}</h1>
        <p className="back-soon" role="status">{PROJECTOR_BREAK_WORDS.back}</p>
      </div>
    );
  }
  if (state.kind === 'done') {
    // How the story ended, as the laptop's debrief tells it, above the outcome: the room followed the
    // story to its end and saw only a score.
    const ending = typeof state.ending === 'object' && state.ending !== null ? { title: text(state.ending.title, 300), narration: text(state.ending.narration, 8000) } : undefined;
    const followed = followedOf(state.followed);
    // Why the outcome is what it is, and the prohibited activities that set it, as the laptop's debrief says them.
    const reason = text(state.reason, 500);
    const critical = (Array.isArray(state.critical) ? state.critical : []).map((c) => text(c, 500)).filter(Boolean).slice(0, 50);
    return (
      <div className="projector-screen done">
        {notice}
        <p className="status-line">{text(state.scenarioTitle)}</p>
        {ending ? (
          <>
            <h1>Ending: {ending.title}</h1>
            {followed && <Followed followed={followed} tense="followed" />}
            {ending.narration && <p className="narration">{ending.narration}</p>}
            <h2>{text(state.outcome)}</h2>
          </>
        ) : <h1>{text(state.outcome)}</h1>}
        {reason && <p>{reason}</p>}
        {critical.length > 0 && <ul className="critical" aria-label="Critical violations">{critical.map((c, i) => <li key={i}>{c}</li>)}</ul>}
        <p>{text(state.score)}</p>
        <p>{text(state.agreement)}</p>
        {moreBelow && <p className="more-below">▼ More below: scroll this window to show the rest</p>}
      </div>
    );
  }
  // Once the replies are revealed, the room has seen the moment: the reveal gets the screen (as on the
  // terminal's), its replies side by side across the window, or a reply to a row (REVEAL_LAYOUTS).
  const revealed = Array.isArray(state.reveal);
  const heading = text(state.title) || 'Scene';
  const join = joinOf(state.join);
  // Not at a reveal: the screen is that decision's replies then.
  const followed = revealed ? undefined : followedOf(state.followed);
  // The decision's question, above its replies (none on a scene, the content note, or at the reveal).
  const prompt = !revealed && objects(state.replies).length > 0 ? text(state.prompt, 300) : '';
  // A reveal in pages (useFitToWindow): the page shown (the last of this window's, when the trainer's
  // page follows another window that needs more), its replies, the note on the first.
  const paged = pages && pages.length > 1 ? { at: Math.min(askedAt ?? 0, pages.length - 1), count: pages.length } : undefined;
  const onPage = (i: number) => !paged || (pages?.[paged.at] ?? []).includes(i);
  // The whole block beside the moment when "Before this" is above it (the first decision, before its vote opens).
  const beside = join?.layout === 'block' && !revealed && setupOf(state.setup).length > 0;
  const joinBlock = join && (
    <section aria-labelledby="projector-join-heading" className="room-join">
      <h2 id="projector-join-heading">Vote from your phone</h2>
      <p className="room-code">Room code <strong>{join.room}</strong></p>
      <div className="room-qr">
        <img src={ROOM_QR} width={220} height={220} alt={`QR code for the join address ${join.url}`} />
        <p>Join at <JoinUrl url={join.url} /></p>
      </div>
    </section>
  );
  // The moment: its heading, what happens, the join block (unless beside it), the prompt, the replies or the reveal.
  const moment = (
    <>
      <h1>{heading}</h1>
      {/* Before the first vote with "Before this" above it: how to join at the right of the moment, its
          words around it (beside it, and under it the whole width once it ends). */}
      {beside && joinBlock}
      {followed && <Followed followed={followed} tense="follows" />}
      {/* A decision with no words of its own, gone back to: the scenes that set it up (the reveal gives the screen to the replies). */}
      {!revealed && <DecisionSetup scenes={setupOf(state.setup)} id="projector-setup-heading" />}
      {!revealed && (
        <div role="log" aria-label="What happens">
          {state.narration && <p className="narration">{text(state.narration)}</p>}
          {objects(state.lines).map((l, i) => <p className="line" key={i}><span className="speaker">{text(l.speaker)}{text(l.role) ? <span className="role"> ({text(l.role)})</span> : null}:</span> {text(l.text)}</p>)}
        </div>
      )}
      {join?.layout === 'block' && !beside && joinBlock}
      {/* Said to be for talking about ("Discuss:", as the phones and the terminal's trainer-led screen
          say it), not the question the room votes on: in larger type than the question under it,
          unlabelled, it read as the question the replies answer. */}
      {!revealed && state.discussionPrompt && <p className="discussion"><span className="discussion-label">Discuss:</span> {text(state.discussionPrompt)}</p>}
      {state.note && <p className="facilitator-note" hidden={paged !== undefined && paged.at > 0}><strong>Facilitator note:</strong> {text(state.note)}</p>}
      {Array.isArray(state.reveal) ? (
        <ol className="reveal">
          {objects(state.reveal).map((r, i) => (
            <li key={i} hidden={!onPage(i)}>
              {/* The reply and its votes; its feedback and verdicts: side by side in the rows layout (REVEAL_LAYOUTS). */}
              <div className="said">
                <p><strong>{num(r.number)}.</strong> {r.kind === 'do' ? <><em className="do">Do:</em>{' '}</> : null}{text(r.text)} {r.best === true && <strong className="best-mark">★ Best practice</strong>}</p>
                {text(r.unavailable, 500) && <p className="hint">{text(r.unavailable, 500)}</p>}
                <div className="vote-row"><div className="vote-bar" aria-hidden="true" style={{ width: `${Math.max(0, Math.min(100, Number(r.percent) || 0))}%` }} /><span>Votes: {text(r.votes)}</span></div>
                {text(r.score, 40) && <p className="reply-score">{text(r.score, 40)}</p>}
              </div>
              <div className="assessed">
                <p>{text(r.feedback)}</p>
                <ul className="verdicts">{(Array.isArray(r.verdicts) ? r.verdicts : []).map((v: unknown, i) => {
                  const { className, words } = verdictOf(v);
                  return <li key={i} className={className}>{words}</li>;
                })}</ul>
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <>
          {/* The question the room votes on ("What do you say to Ray?"), as the laptop and the phones head the replies. */}
          {prompt && <h2 className="prompt" id="projector-prompt">{prompt}</h2>}
          <ol className="options" aria-labelledby={prompt ? 'projector-prompt' : undefined}>
            {objects(state.replies).map((r, i) => <li key={i}><strong>{num(r.number)}.</strong> {r.kind === 'do' ? <><em className="do">Do:</em>{' '}</> : null}{text(r.text)}{text(r.unavailable, 500) && <span className="hint"> {text(r.unavailable, 500)}</span>}</li>)}
          </ol>
        </>
      )}
    </>
  );
  return (
    <div className={revealed ? 'projector-screen revealed' : 'projector-screen'}>
      {notice}
      {/* An untitled scene is headed "Scene": the status line does not say it again above the heading. */}
      <p className="status-line"><span>{text(state.scenarioTitle)}{text(state.step) !== heading && <span className="sr-only">. </span>}</span>{text(state.step) !== heading && <span>{text(state.step)}</span>}</p>
      {join?.layout === 'line' && (
        // During a reveal (and the scenes after the first vote): how to join on one line, the replies get the screen.
        <p className="join-line">Join: <JoinUrl url={join.url} /> <span aria-hidden="true">·</span><span className="sr-only">,</span> code <strong>{join.room}</strong></p>
      )}
      {beside ? (
        // Before the first vote, with the scene the content note stood in for under "Before this": how to
        // join beside the moment, not under it (under it, the-list's and court-report's first decisions
        // ran past a 1280×720 window's bottom in the smallest type; beside, it takes the width the
        // moment's lines leave empty). Floated at its right (LiveRoom.css), not a column of its own
        // the moment's height: the replies under it had the width left of it too, in more lines, and
        // trafficker-contact's, the-list's and court-report's were under 16 px.
        <div className="join-beside">{moment}</div>
      ) : moment}
      {/* Which page of the reveal this is, so the room knows more is coming. */}
      {paged && <p className="reveal-pages">{pageWords(paged.at, paged.count)}</p>}
      {/* Even the smallest type does not fit: the trainer scrolls this window, and the room is told there is more. */}
      {moreBelow && <p className="more-below">▼ More below: scroll this window to show the rest</p>}
    </div>
  );
}
