import { Component, lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type FocusEvent, type ReactNode } from 'react';
import type { Store } from '../machines/light.js';
import { BreakPanel } from './components/BreakPanel.js';
import { Library } from './pages/Library.js';
import { NotFound } from './pages/NotFound.js';
import { PageLoadContext, type PageLoad } from './page-failure.js';
import { roomLinkHere } from './room-link.js';
import { focusedAtLastChange, hrefOf, useRoute, type Route } from './routing.js';
import { StoreContext, TabContext, useStoreProblem } from './store.js';
import type { TabStorage } from './tab-draft.js';
import { SayContext } from './say.js';
import { RouteTitle, routeTitle, useTitle } from './title.js';

// Pages past the library load on demand: the first page needs neither XState nor the validator.
const PlayPage = lazy(() => import('./pages/PlayPage.js'));
const Presenter = lazy(() => import('./pages/Presenter.js'));
const Records = lazy(() => import('./pages/Records.js'));
const KeptDebrief = lazy(() => import('./pages/KeptDebrief.js'));
const Certificate = lazy(() => import('./pages/Certificate.js'));
const Preview = lazy(() => import('./pages/Preview.js'));
const ProjectorScreen = lazy(() => import('./pages/ProjectorScreen.js'));

export interface AppProps {
  store: Store;
  /** Why saved progress could not be used when the app started (damaged or outdated storage). */
  storageNotice?: string;
  /** The tab's own storage (sessionStorage): the Preview's draft is kept there for the tab (tab-draft.ts). */
  tab?: TabStorage;
}

/**
 * Where the tab keeps the address of the presenter page (no live room) on a break, while it is on
 * it (the tab's storage: this tab only, gone with it), so that a reload keeps the break.
 */
export const PRESENTER_BREAK_KEY = 'casa-practice/presenter-break';

/** An item of the tab's storage, or undefined (none, or the storage refused). */
function readTab(tab: TabStorage | undefined, key: string): string | undefined {
  try {
    return tab?.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

const NAV: { route: Route; label: string }[] = [
  { route: { page: 'library' }, label: 'Scenarios' },
  { route: { page: 'records' }, label: 'My records' },
  { route: { page: 'preview' }, label: 'Preview a file' },
  { route: { page: 'presenter' }, label: 'Presenter mode' },
];


/**
 * How long a page opened from the navigation (the focus staying on its link) may take to load before
 * the polite region says "Loading…" (once): most pages come well within it, and are only named.
 */
export const LOADING_SAID_AFTER_MS = 1000;

/** What the polite region says of a page still loading (LOADING_SAID_AFTER_MS). */
const LOADING = 'Loading…';

/** Where what a volunteer or trainer does goes: nowhere, or (presenter mode in a live room) only to the room on the laptop. */
const PRIVACY = 'Everything stays in this browser on this device: nothing you do here is sent anywhere.';
/** The most of the screen's height the sticky bar may keep covered; a taller bar scrolls with the page. */
const MAX_BAR_SHARE = 1 / 6;
const LIVE_ROOM_PRIVACY = 'In this live room, what you do here goes only to the room running on the trainer\'s laptop (the address this page was opened from), which shows it to the phones that joined; nothing is sent anywhere else.';

export function App({ store, storageNotice, tab }: AppProps) {
  // Read first, before anything is drawn: the presenter address's secret is kept in the tab and
  // taken out of the address bar (roomLinkHere), which a reload then finds kept.
  const [roomLink] = useState(roomLinkHere);
  const route = useRoute();
  // Presenter mode opened from a live room's address talks to the room server (see Presenter).
  const liveRoom = route.page === 'presenter' && roomLink !== undefined;
  const storeProblem = useStoreProblem(store);
  // A presenter's break without a live room is kept for the tab (PRESENTER_BREAK_KEY): a reload
  // during it (the projector showing the break screen) comes back on the break, as a live room's
  // does (the room itself keeps that one: see breakResumedByRoom). It ended the break: the page came
  // back at the decision, and the projector showed it to the room.
  const [onBreak, setOnBreak] = useState(() => route.page === 'presenter' && !liveRoom && readTab(tab, PRESENTER_BREAK_KEY) === hrefOf(route));
  useEffect(() => {
    if (!tab) return;
    try {
      if (onBreak && route.page === 'presenter' && !liveRoom) tab.setItem(PRESENTER_BREAK_KEY, hrefOf(route));
      else if (!onBreak) tab.removeItem(PRESENTER_BREAK_KEY);
    } catch {
      // The tab's storage refused: the break lasts as long as this page.
    }
  }, [onBreak, route, liveRoom, tab]);
  const breakButton = useRef<HTMLButtonElement>(null);
  const main = useRef<HTMLElement>(null);
  const bar = useRef<HTMLElement>(null);
  const projector = route.page === 'projector';
  // Large text can wrap the sticky bar onto two rows: focused controls are scrolled clear of the
  // bar as tall as it is drawn (scroll-padding-top, styles.css), not as tall as one row. When "Take
  // a break" has gone to a row of its own below the name (150-200% text on a phone), the bar folds:
  // only the button's row stays at the top of the screen (a negative top: the name's row scrolls
  // away with the page and is there again at its top), so the conversation keeps nine tenths of
  // the screen instead of three quarters, and the break is still one tap away.
  // On a short screen (a phone held sideways) even one row of large text is a quarter of the
  // height or more (104 px of 360 at 200%): when what would stay at the top is more than a sixth of
  // the screen, the bar is not pinned at all. It scrolls with the page (the break is at its top),
  // and focus needs no room kept clear of it (--bar-now 0).
  const [fold, setFold] = useState(0);
  const [pinned, setPinned] = useState(true);
  useEffect(() => {
    const header = bar.current;
    const button = breakButton.current;
    if (!header || !button || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement.style;
    const measure = () => {
      const brand = header.firstElementChild as HTMLElement | null;
      const below = brand !== null && button.offsetTop >= brand.offsetTop + brand.offsetHeight;
      const folded = below ? Math.max(0, button.offsetTop - (parseFloat(getComputedStyle(header).paddingTop) || 0)) : 0;
      // The layout viewport's height: on a phone it does not change as the address bar slides away,
      // so scrolling does not pin and unpin the bar.
      const stays = header.offsetHeight - folded <= document.documentElement.clientHeight * MAX_BAR_SHARE;
      setFold(folded);
      setPinned(stays);
      root.setProperty('--bar-now', stays ? `${header.offsetHeight - folded}px` : '0px');
    };
    const observer = new ResizeObserver(measure);
    observer.observe(header);
    observer.observe(button);
    // A screen that gets shorter without the bar changing size (an on-screen keyboard, a window made shorter).
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
      root.removeProperty('--bar-now');
    };
  }, [projector]);
  // Folded, the name's row is above the screen once the page is scrolled, and no scrolling short
  // of the top brings it back (the bar goes with it): focusing it (Shift+Tab, a screen reader
  // moving to it) goes to the top of the page, where it shows.
  const showBrand = useCallback((e: FocusEvent<HTMLAnchorElement>) => {
    if (e.currentTarget.getBoundingClientRect().top < 0) window.scrollTo(0, 0);
  }, []);
  // Where the page was scrolled when the break began: the way back returns there (on a phone, the
  // newest lines of a long conversation), not to the top of the page the break panel left.
  const scrolledBeforeBreak = useRef<number>(undefined);
  const startBreak = useCallback(() => {
    scrolledBeforeBreak.current = window.scrollY;
    setOnBreak(true);
  }, []);
  // The bar's button, pressed again, keeps the focus. "Back to where I was" (or Escape) in the panel
  // goes back into the conversation, to its newest moment (where the reply keys act: the focus is
  // in the current decision), on a page that has one; after the reply that ends the story (practice),
  // to "Your last reply" after its feedback, where that reply and a reload put the focus (it went to
  // the last decision's heading, above the reply); elsewhere to the bar's button, where the break began.
  const endBreak = useCallback(() => {
    setOnBreak(false);
    queueMicrotask(() => breakButton.current?.focus({ preventScroll: true }));
  }, []);
  // Left by keyboard (Escape, or Enter or Space on "Back to where I was"), that moment must also be
  // on the screen: the way to "Take a break" by keyboard is Shift+Tab through the navigation, which
  // is not pinned and scrolls the page to its top, so "where the page was" was the top and the
  // focus came back out of sight. Left with the pointer, the page stays where it was (the focus
  // shows no ring there).
  const revealAfterBreak = useRef(false);
  // The element of the page that last had the focus (the break's button takes it as the break
  // begins): with a question open in the page, the way back returns there (see placeAfterBreak).
  const focusedInPage = useRef<HTMLElement | null>(null);
  const noteFocusInPage = useCallback((e: FocusEvent<HTMLDivElement>) => {
    if (e.target instanceof HTMLElement) focusedInPage.current = e.target;
  }, []);
  const backFromPanel = useCallback((byKeyboard: boolean) => {
    revealAfterBreak.current = byKeyboard;
    setOnBreak(false);
    queueMicrotask(() => {
      (placeAfterBreak(main.current, focusedInPage.current) ?? breakButton.current)?.focus({ preventScroll: true });
    });
  }, []);
  // A live room's break ended elsewhere (the laptop's terminal, or another presenter page): the room
  // is back, so this page is too. The live room's page says so and keeps the focus (see LiveRoom).
  const breakEndedByRoom = useCallback(() => setOnBreak(false), []);
  // The live room's page reloaded during its own break, which the room is still on: the page is on
  // its break again, as the bar's "Take a break" puts it, and its "Back from break" ends the room's.
  const breakResumedByRoom = startBreak;
  // Once the page is shown again (laid out at its full height), before it is painted.
  useLayoutEffect(() => {
    if (onBreak || scrolledBeforeBreak.current === undefined) return;
    if (window.scrollY !== scrolledBeforeBreak.current) window.scrollTo(0, scrolledBeforeBreak.current);
    scrolledBeforeBreak.current = undefined;
    if (!revealAfterBreak.current) return;
    revealAfterBreak.current = false;
    const newest = placeAfterBreak(main.current, focusedInPage.current);
    if (!newest) return;
    const r = newest.getBoundingClientRect();
    const clear = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
    // In a conversation, what the heading leads to (the decision's question and replies, where the
    // reply keys act, or the way on) is shown with it when it is cut off below the window: the
    // heading at the top of the window, under the sticky bar, as after Continue (Session's
    // landAfter). The page back at its top left a decision just opened with its heading at the
    // window's bottom edge (1280x800) and its replies below, unseen.
    const leadsTo = newest === placeInConversation(main.current) ? main.current?.querySelector('.replies') ?? main.current?.querySelector('.play > .controls') : null;
    if (leadsTo && leadsTo.getBoundingClientRect().bottom > window.innerHeight && r.top > clear + 1) newest.scrollIntoView({ block: 'start' });
    else if (r.top < clear || r.bottom > window.innerHeight) newest.scrollIntoView({ block: 'center' });
  }, [onBreak]);
  // After a change of page, the control that led there goes with the page it was on (a scenario's
  // "Practise" link on the first page): focus would fall to the body, and a screen reader would
  // say nothing of the new page. If focus is still where it was when the address changed, inside
  // the old page (which may stay, hidden, while the new one loads), or on nothing, it goes to the
  // main content (named once in the polite region below if it was still loading then). A control
  // outside the page (a link of the navigation) keeps it, and so does anything the new page focused itself.
  // Focus kept on a link of the navigation moves nowhere a screen reader would say, and the page's
  // new title is not read out: the new page is named once in a polite region instead ("Now
  // showing: My records."), a new paragraph each time so the same page twice is said twice.
  // It is said once the page has loaded (its code, and what it reads: the scenarios), not as its
  // address changes: a page that then failed to load was announced as shown, then its failure (the
  // boundary's alert). A page that fails is not named; the alert in its place is what is said.
  const shown = useRef(hrefOf(route));
  const [arrived, setArrived] = useState<{ n: number; text: string }>();
  /** News for the page to say in the same region (SayContext): "Back in your debrief." */
  const say = useCallback((text: string) => setArrived((a) => ({ n: (a?.n ?? 0) + 1, text })), []);
  /**
   * "Now showing …" for the page at `href`, waiting for that page to load. With `whileOn`, said only
   * if the focus is still there then, and naming the page by its heading (see the route's effect).
   */
  const toSay = useRef<{ href: string; text: string; whileOn?: Element }>(undefined);
  /** The page drawn (its code loaded: PageShown), and how many of its loads are still under way (usePageLoading). */
  const loading = useRef({ drawn: '', holds: 0 });
  /** Says what waits to be said, once its page is drawn and has loaded all it loads. */
  const sayIfLoaded = useCallback(() => {
    const say = toSay.current;
    if (!say || say.href !== shown.current || loading.current.drawn !== say.href || loading.current.holds > 0) return;
    toSay.current = undefined;
    if (say.whileOn && document.activeElement !== say.whileOn) return;
    const heading = say.whileOn?.querySelector('h1')?.textContent?.trim();
    setArrived((a) => ({ n: (a?.n ?? 0) + 1, text: heading ? `Now showing: ${heading}.` : say.text }));
  }, []);
  // A load that ends is looked at after the commit it ended in: a page that failed released its
  // hold as it went, before its boundary said it failed (pageFailed).
  const [settled, settle] = useReducer((n: number) => n + 1, 0);
  useEffect(sayIfLoaded, [settled, sayIfLoaded]);
  const pageLoad = useMemo<PageLoad>(() => ({
    hold() {
      loading.current.holds++;
      let held = true;
      return () => {
        if (!held) return;
        held = false;
        loading.current.holds--;
        settle();
      };
    },
  }), []);
  const pageDrawn = useCallback((href: string) => {
    loading.current.drawn = href;
    sayIfLoaded();
  }, [sayIfLoaded]);
  // A page opened from the navigation that has not loaded after a moment is said to be loading,
  // once, in the polite region (its own "Loading…" is plain text, not said where the focus is not):
  // then it is named, or its failure is said. Not when the focus went to the main content, which
  // reads its "Loading…" as it gets the focus.
  const loadingTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const stopLoadingTimer = useCallback(() => {
    clearTimeout(loadingTimer.current);
    loadingTimer.current = undefined;
  }, []);
  useEffect(() => stopLoadingTimer, [stopLoadingTimer]);
  const pageFailed = useCallback((href: string) => {
    if (toSay.current?.href !== href) return;
    toSay.current = undefined;
    stopLoadingTimer();
    // The alert in the page's place is what is said; "Loading…" is not left to be found in the region.
    setArrived((a) => (a?.text === LOADING ? undefined : a));
  }, [stopLoadingTimer]);
  useEffect(() => {
    const href = hrefOf(route);
    if (shown.current === href) return;
    shown.current = href;
    // A link followed during a break (the navigation stays in view, and so does the browser's Back)
    // opens that page: the break ends there, or the new page would load hidden behind the break
    // panel, with "Now showing" said and nothing else changed on the screen. The page the break
    // was taken on is left, so its scroll position is not carried over to the new one.
    scrolledBeforeBreak.current = undefined;
    setOnBreak(false);
    stopLoadingTimer();
    const at = document.activeElement;
    const leftInOldPage = at !== null && at === focusedAtLastChange() && at !== main.current && main.current?.contains(at) === true;
    setArrived(undefined);
    toSay.current = undefined;
    if (!at || at === document.body || !at.isConnected || leftInOldPage) {
      main.current?.focus();
      // Focused while the new page is still loading, the main content said only "Loading…" (or
      // "Opening the scenario…"), and nothing once the page came. It is named when it has loaded,
      // by its heading ("Now showing: What Kiara tells you."), if the focus is still there.
      if (main.current && (loading.current.drawn !== href || loading.current.holds > 0)) {
        toSay.current = { href, text: `Now showing: ${routeTitle(route)}.`, whileOn: main.current };
      }
    } else if (main.current?.contains(at) !== true) {
      const say = { href, text: `Now showing: ${routeTitle(route)}.` };
      toSay.current = say;
      sayIfLoaded();
      if (toSay.current === say) {
        loadingTimer.current = setTimeout(() => {
          loadingTimer.current = undefined;
          if (toSay.current === say) setArrived((a) => ({ n: (a?.n ?? 0) + 1, text: LOADING }));
        }, LOADING_SAID_AFTER_MS);
      }
    }
  }, [route, sayIfLoaded, stopLoadingTimer]);
  const presenter = route.page === 'presenter' || route.page === 'projector';
  // The projector window is for the room's wall: what the trainer's controls send, and nothing
  // else (no navigation, no break button, no footer for the room to read).
  if (route.page === 'projector') {
    return (
      <StoreContext value={store}>
        <div className="app presenter">
          <main id="main" ref={main} tabIndex={-1}>
            <RouteTitle route={route} />
            <PageBoundary href={hrefOf(route)}><Suspense fallback={<p>Loading…</p>}>{page(route, false)}</Suspense></PageBoundary>
          </main>
        </div>
      </StoreContext>
    );
  }
  return (
    <StoreContext value={store}>
      <TabContext value={tab}>
      <div className={presenter ? 'app presenter' : 'app'}>
        <a className="skip" href="#main" onClick={(e) => { e.preventDefault(); main.current?.focus(); }}>Skip to content</a>
        <header className={`bar${fold > 0 ? ' folded' : ''}${pinned ? '' : ' unpinned'}`} ref={bar} style={pinned && fold > 0 ? { top: -fold } : undefined}>
          <a className="brand" href={hrefOf({ page: 'library' })} onFocus={showBrand}>casa-practice</a>
          {/* Its name says what it does now; no aria-pressed, which with a name that changes would be
              read as "Back from break, pressed" (a toggle keeps one name: ARIA APG, button pattern). */}
          <button type="button" ref={breakButton} className="break" onClick={onBreak ? endBreak : startBreak}>
            {onBreak ? 'Back from break' : 'Take a break'}
          </button>
        </header>
        <nav aria-label="Main" className="nav">
          <ul>
            {NAV.map((n) => (
              <li key={n.label}><a href={hrefOf(n.route)} aria-current={n.route.page === route.page ? 'page' : undefined}>{n.label}</a></li>
            ))}
          </ul>
        </nav>
        <div className="sr-only" aria-live="polite">{arrived && <p key={arrived.n}>{arrived.text}</p>}</div>
        <main id="main" ref={main} tabIndex={-1}>
          {/* Before the page: a page that knows more (a scenario's title) sets the title after it. */}
          <RouteTitle route={route} />
          {storageNotice && <p className="notice" role="status">{storageNotice}</p>}
          {storeProblem && <p className="notice" role="alert">{storeProblem}</p>}
          {onBreak && <BreakPanel onBack={backFromPanel} projector={route.page === 'presenter' && (route.id !== undefined || liveRoom)} liveRoom={liveRoom} />}
          {/* The page stays mounted during a break, so a session waits exactly where it was. Its
              "Loading…" is plain text, not a live region (one inserted with its words may not be said):
              see LOADING_SAID_AFTER_MS. */}
          <div hidden={onBreak} onFocus={noteFocusInPage}>
            <PageLoadContext value={pageLoad}>
              <SayContext value={say}>
                <PageBoundary href={hrefOf(route)} onFailed={pageFailed}>
                  <Suspense fallback={<p>Loading…</p>}>{page(route, onBreak, breakEndedByRoom, breakResumedByRoom)}<PageShown href={hrefOf(route)} onShown={pageDrawn} /></Suspense>
                </PageBoundary>
              </SayContext>
            </PageLoadContext>
          </div>
        </main>
        <footer className="footer">
          <p>Practice for CASA volunteers, scored against the CSEC in-service guide. {liveRoom ? LIVE_ROOM_PRIVACY : PRIVACY}</p>
        </footer>
      </div>
      </TabContext>
    </StoreContext>
  );
}

/**
 * Said in place of a page that could not be shown: its code did not load (the connection dropped,
 * or casa-practice was updated on its host while this tab was open, so the files this tab asks for
 * are gone: the service worker of the new version takes over the open tab and drops the old copy)
 * or it failed while drawing. Without it the whole app went blank, the navigation and the break
 * button with it, and nothing said why.
 */
export const PAGE_FAILED = 'If you are offline, or casa-practice has just been updated, reloading the page usually fixes it.';

/**
 * Where the way back from a break puts the focus in a conversation: "Your last reply" once the reply
 * that ends the story has been made (practice: Session's LAST_REPLY_HEADING), else the newest
 * moment's heading; none on a page without a conversation.
 */
function placeInConversation(main: HTMLElement | null): HTMLElement | null {
  return main?.querySelector<HTMLElement>('#last-reply-heading') ?? main?.querySelector<HTMLElement>('#transcript .moment:last-of-type .moment-heading') ?? null;
}

/**
 * Where the way back from a break ("Back to where I was", Escape) puts the focus: with a question
 * open in the page (a ConfirmPanel: "Start again from the beginning?", "End the session?"), back in
 * it, on the button of it that last had the focus (`focused`), else its safe answer ("No, keep
 * going"); it went to the newest moment's heading, above the question still open further down, and
 * nothing said it was there. Without one, the place in the conversation (placeInConversation).
 */
function placeAfterBreak(main: HTMLElement | null, focused: HTMLElement | null): HTMLElement | null {
  const question = main?.querySelector<HTMLElement>('.confirm');
  if (question) {
    if (focused && focused.isConnected && question.contains(focused) && !(focused instanceof HTMLButtonElement && focused.disabled)) return focused;
    return question.querySelector<HTMLElement>('button.primary') ?? question.querySelector<HTMLElement>('button');
  }
  return placeInConversation(main);
}

const PAGE_FAILED_HEADING = 'This page could not be shown';

/**
 * The window is titled as the heading says (WCAG 2.4.2): it kept the title of the page that failed
 * ("Debrief — casa-practice", "Preview a file — casa-practice"), which a screen reader's list of
 * windows and the tab went on saying.
 */
function FailedTitle(): null {
  useTitle(PAGE_FAILED_HEADING);
  return null;
}

/**
 * Drawn after the page, in its Suspense: its effect runs once the page's code has loaded and the
 * page is drawn (not its "Loading…"), and tells App (`onShown`). A layout effect: after the page's
 * own (usePageLoading), and so that what App says then is in the document with the page.
 */
function PageShown({ href, onShown }: { href: string; onShown: (href: string) => void }): null {
  useLayoutEffect(() => onShown(href), [href, onShown]);
  return null;
}

/**
 * Catches a page that fails to load or to draw; another address (`href`) tries its page afresh.
 * `onFailed` is told the address whose page failed.
 */
class PageBoundary extends Component<{ href: string; onFailed?: (href: string) => void; children: ReactNode }, { href: string; failed: boolean }> {
  override state = { href: this.props.href, failed: false };
  static getDerivedStateFromProps(props: { href: string }, state: { href: string; failed: boolean }) {
    return props.href === state.href ? null : { href: props.href, failed: false };
  }
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(): void {
    this.props.onFailed?.(this.props.href);
  }
  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      // The page's own heading is gone with it: this one names what is here instead.
      <div role="alert" className="notice">
        <FailedTitle />
        <h1>{PAGE_FAILED_HEADING}</h1>
        <p>{PAGE_FAILED}</p>
        <p className="controls"><button type="button" onClick={() => location.reload()}>Reload the page</button></p>
      </div>
    );
  }
}

function page(route: Route, paused: boolean, breakEndedByRoom?: () => void, breakResumedByRoom?: () => void): ReactNode {
  switch (route.page) {
    case 'library': return <Library />;
    case 'not-found': return <NotFound />;
    case 'play': return <PlayPage key={`${route.id}/${route.mode}`} id={route.id} mode={route.mode} paused={paused} />;
    case 'presenter': return <Presenter key={route.id ?? ''} id={route.id} paused={paused} onRoomBreakEnded={breakEndedByRoom} onRoomBreakResumed={breakResumedByRoom} />;
    case 'debrief': return <KeptDebrief key={route.id} id={route.id} paused={paused} />;
    case 'records': return <Records />;
    case 'certificate': return <Certificate />;
    case 'projector': return <ProjectorScreen />;
    case 'preview': return <Preview key={route.file ?? ''} file={route.file} paused={paused} />;
  }
}
