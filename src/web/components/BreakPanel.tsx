import { useEffect, useRef } from 'react';
import { SELF_CARE } from '../self-care.js';
import { pageTitle } from '../title.js';

/** "Take a break": the session waits (nothing here runs on a clock) while the guide's self-care words are shown. */
/** `onBack(byKeyboard)`: whether the break was left by keyboard (Escape, or the button pressed with Enter or Space). */
export function BreakPanel({ onBack }: { onBack: (byKeyboard: boolean) => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
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
      <p>Everything waits for you: nothing runs on a clock while you are away, and the page stays as you left it. Come back whenever you are ready.</p>
      <h2>From the in-service guide: {SELF_CARE.heading}</h2>
      <blockquote cite="#guide-self-care"><p>{SELF_CARE.text}</p></blockquote>
      <h2>Support you can reach</h2>
      <ul>{SELF_CARE.resources.map((r) => <li key={r}>{r}</li>)}</ul>
      <p>If something in a scenario brought up something difficult, it is fine to stop here and talk it through with your Advocate Supervisor.</p>
      <button type="button" className="primary" onClick={(e) => onBack(e.detail === 0)} aria-keyshortcuts="Escape">Back to where I was</button> <span className="hint">(or press Escape)</span>
    </section>
  );
}
