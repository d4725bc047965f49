import { useEffect, useLayoutEffect, useRef } from 'react';
import { SELF_CARE } from '../self-care.js';
import { pageTitle } from '../title.js';

/** Said on the break panel in a presenter session: what the room sees meanwhile, and after. */
export const PROJECTOR_ON_BREAK_WORDS = 'The projector window, if one is open, shows the room “Taking a break” with the scenario’s title, and nothing of the session. When you come back, it shows again what it showed before (a blank screen, if you had blanked it).';

/** Said on the break panel in a live room: the phones are told of the break, and wait with it. */
export const LIVE_ROOM_ON_BREAK_WORDS = 'The phones in the room show that the session is on a break, with the scenario’s title, and nothing of the session. They cannot vote during the break, and votes already cast are kept. When you come back, they show again what they showed before: a vote that was open is open again. If this page has lost its connection to the room, the phones are told of the break once it is back, and can vote until then. Ended from the laptop’s terminal (b), the break ends here too.';

/** "Take a break": the session waits (nothing here runs on a clock) while the guide's self-care words are shown. */
/** `onBack(byKeyboard)`: whether the break was left by keyboard (Escape, or the button pressed with Enter or Space). */
/** `projector`: a presenter session, whose projector window shows the room the break meanwhile (useProjector's `paused`). */
/** `liveRoom`: a live room's presenter page, whose phones are told of the break (the room waits too). */
export function BreakPanel({ onBack, projector = false, liveRoom = false }: { onBack: (byKeyboard: boolean) => void; projector?: boolean; liveRoom?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The panel takes the page's place at its top, under the navigation: it opens at the page's top,
  // before it is painted. Taken far down a conversation, the page kept as much of that scroll as the
  // panel's height allowed (22 px at 1280×800), and the navigation's row was half under the sticky
  // bar. At the top nothing is under the bar, whatever its height (the way back returns to where
  // the page was: App's scrolledBeforeBreak).
  useLayoutEffect(() => {
    if (window.scrollY !== 0) window.scrollTo(0, 0);
    heading.current?.focus({ preventScroll: true });
  }, []);
  // The window's title says what is on screen (a screen reader's list of windows, the tab), and
  // the page's own comes back with it. Only while the title is still the break's: a break ended by
  // a link followed (or the browser's Back) ends after the new page has titled itself, and putting
  // back the old page's title then named a page no longer shown ("Preview a file" over the scenarios).
  useEffect(() => {
    const before = document.title;
    const mine = pageTitle('Take a break');
    document.title = mine;
    return () => {
      if (document.title === mine) document.title = before;
    };
  }, []);
  // Escape leaves the break too, as it closes the app's other panels.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      onBack(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onBack]);
  return (
    <section className="break-panel" aria-labelledby="break-heading">
      <h1 id="break-heading" tabIndex={-1} ref={heading}>Take a break</h1>
      {/* True on every page: a what-if replay, a preview or a session with storage refused is not saved. */}
      {/* In a live room the phones are told of the break (LIVE_ROOM_ON_BREAK_WORDS, below), not this page's clock-free wait. */}
      <p>{liveRoom ? 'Nothing on this page runs on a clock while you are away, and it stays as you left it.' : 'Everything waits for you: nothing runs on a clock while you are away, and the page stays as you left it.'} Come back whenever you are ready.</p>
      {projector && <p>{PROJECTOR_ON_BREAK_WORDS}</p>}
      {liveRoom && <p>{LIVE_ROOM_ON_BREAK_WORDS}</p>}
      <h2>From the in-service guide: {SELF_CARE.heading}</h2>
      <blockquote cite="#guide-self-care"><p>{SELF_CARE.text}</p></blockquote>
      <h2>Support you can reach</h2>
      <ul>{SELF_CARE.resources.map((r) => <li key={r}>{r}</li>)}</ul>
      <p>If something in a scenario brought up something difficult, it is fine to stop here and talk it through with your Advocate Supervisor.</p>
      <button type="button" className="primary" onClick={(e) => onBack(e.detail === 0)} aria-keyshortcuts="Escape">Back to where I was</button> <span className="hint">(or press Escape)</span>
    </section>
  );
}
