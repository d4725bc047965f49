import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { DOUBLE_PRESS_MS } from '../machines/index.js';
import { Announce } from './components/Announce.js';
import { browserSwitch } from './browser-switch.js';
import type { ProjectorOverflow } from './projector.js';

/**
 * Presenter mode with a presentation clicker. A clicker sends Page Down and Page Up (some send the
 * right and left arrows): Page Down takes the one next step the page offers as its primary action
 * (Start the session, Continue, Reveal the feedback, Open the vote, Lock the vote, Reveal the votes),
 * Page Up goes back one step where the page offers a back action (Back to the votes, Back to
 * decision N). A key presses the very button it stands for (marked with `clickerButton`), so it does
 * what a click there does, a question it asks first included (going back asks before it clears the
 * votes entered). What a key never does by itself, since one press cannot be taken back in front of
 * the room:
 * - reveal, or close a vote, before any vote is in (the trainer can still choose the button);
 * - choose the branch the story follows (the reveal has a Follow button for each reply);
 * - take a second press that lands within DOUBLE_PRESS_MS of a step a key took (a clicker's double
 *   press or bounce skipped a scene, or locked and revealed a vote at once);
 * - anything while the page asks a question (Start over, End the session), is on a break, or while
 *   the focus is in a text field (the vote boxes: Page Down or Page Up there says how to leave them);
 *   the arrows, neither in a control that uses them.
 * Each of these is said (a polite status), so the trainer knows why nothing happened.
 */

export type ClickerKey = 'next' | 'back';

/** What a key does now: press the button marked for it (`label`: its words, for the hint), or say why not (`refused`). */
export interface ClickerStep {
  label: string;
  /** Shown in the hint after the label: when the key presses it ("once votes are entered"). */
  when?: string;
  /** Set when the key must not press it now: what is said instead. */
  refused?: string;
  /** What the key does instead of pressing a button (scrolling the projector window: projectorOverflowKeys). */
  run?: () => void;
}

export interface ClickerKeys {
  next?: ClickerStep;
  /** No next step a key may take here (the reveal: the trainer chooses the branch): what Page Down says. */
  nextNone?: string;
  back?: ClickerStep;
  /** Keys do nothing: a question is open, the page is on a break. */
  off?: boolean;
  /** What Page Down or Page Up says when pressed in a text field of the page (the vote boxes), where it takes no step. */
  inField?: string;
}

/** Where the double-press guard reads the time (milliseconds; a test sets its own). */
export const clickerClock = { now: (): number => performance.now() };

/** Each key a clicker sends, as KeyboardEvent.key names it, and what it stands for. */
const KEYS: Record<string, ClickerKey> = { PageDown: 'next', ArrowRight: 'next', PageUp: 'back', ArrowLeft: 'back' };

/** aria-keyshortcuts of the button each key presses. */
export const CLICKER_SHORTCUTS: Record<ClickerKey, string> = { next: 'PageDown ArrowRight', back: 'PageUp ArrowLeft' };

/** What a clicker key is called in words (the words the page's messages are written with). */
const KEY_WORDS: Record<ClickerKey, string> = { next: 'Page Down', back: 'Page Up' };

/** Both keys that stand for it, as the hint names them (it is read before either is pressed). */
const HINT_KEY_WORDS: Record<ClickerKey, string> = { next: 'Page Down or Right arrow', back: 'Page Up or Left arrow' };

/** Each key a clicker sends in words, as KeyboardEvent.key names it. */
const PRESSED_WORDS: Record<string, string> = { PageDown: 'Page Down', PageUp: 'Page Up', ArrowRight: 'Right arrow', ArrowLeft: 'Left arrow' };

/**
 * The key pressed in words: a message about the Right arrow named it Page Down (a clicker that sends
 * the arrows, or a trainer on the laptop's keyboard, was told of a key not pressed). Without the key
 * pressed (one the projector window passed on names only what it stands for), the key's usual name.
 */
function keyWords(key: ClickerKey, pressed?: string): string {
  return pressed !== undefined && Object.hasOwn(PRESSED_WORDS, pressed) && KEYS[pressed] === key ? PRESSED_WORDS[pressed]! : KEY_WORDS[key];
}

/** A message written about Page Down (or Page Up), about the key pressed instead. */
const aboutKey = (text: string, key: ClickerKey, pressed?: string): string => text.replaceAll(KEY_WORDS[key], keyWords(key, pressed));

/** The attributes of the button a key presses now: found by them, and named to screen readers with its keys. */
export function clickerButton(key: ClickerKey): { 'data-clicker': ClickerKey; 'aria-keyshortcuts': string } {
  return { 'data-clicker': key, 'aria-keyshortcuts': CLICKER_SHORTCUTS[key] };
}

/** What Page Down says at a reveal: the trainer chooses the branch the story follows (a key choosing it would pick for the room). */
export const NO_BRANCH_WORDS = 'Page Down does not choose the branch: press the Follow button of the reply the story follows.';

/** Said when a second press comes within DOUBLE_PRESS_MS of a step a key took. */
export function tooSoonWords(key: ClickerKey, pressed?: string): string {
  return `${keyWords(key, pressed)} was pressed again as this appeared, so the second press was not taken (the room has not seen this yet). Press it again to go on.`;
}

/**
 * Where the focus is typing: a text field (the vote boxes) or anything editable. The four keys are
 * its own there. A checkbox or a button is no text field (the single-key shortcuts' checkbox: a
 * clicker's B just after it was ticked is the clicker's).
 */
export const TYPING = 'input:not([type="checkbox"]):not([type="button"]):not([type="submit"]):not([type="reset"]), textarea, select, [contenteditable]:not([contenteditable="false"]), [role="textbox"], [role="spinbutton"], [role="combobox"], [role="searchbox"], [role="slider"]';
/** Controls (and scrolling regions) that move with the arrow keys: the arrows are theirs there. */
const USES_ARROWS = `${TYPING}, [role="listbox"], [role="menu"], [role="menubar"], [role="radiogroup"], [role="radio"], [role="tablist"], [role="tab"], [role="grid"], [role="tree"], [role="treegrid"], audio, video, .table-wrap, .graph-scroll`;

/** Whether `key`, pressed with the focus on `target`, belongs to what has the focus rather than to the clicker. */
function focusKeeps(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false;
  return target.closest(key.startsWith('Arrow') ? USES_ARROWS : TYPING) !== null;
}

/**
 * Where the browser keeps whether the single-character shortcuts (B and ., the presenter pages' only
 * ones) are on: localStorage, so the choice holds for every presenter page and the projector window
 * (which reads it at each key) until the trainer changes it. On unless turned off (WCAG 2.1.4
 * Character Key Shortcuts: a single-key shortcut can be turned off; a B typed by a speech-input
 * user, or a stray key, blanked the projector in front of the room with no way to stop it).
 */
export const SINGLE_KEYS_KEY = 'casa-practice-single-key-shortcuts';

/**
 * Whether B and . blank the projector (on unless the trainer turned them off); turning them on or
 * off, for this browser; and whether they are on, kept up to date (the checkbox, the hint, the
 * blank button).
 */
export const { on: singleKeysOn, set: setSingleKeys, useOn: useSingleKeys } = browserSwitch(SINGLE_KEYS_KEY);

/** The label of the checkbox that turns them off. */
export const SINGLE_KEYS_LABEL = 'Single-key shortcuts: B or . blanks the projector';

/** Beside the keys' hint on every presenter page: turns B and . off (and on again), for this browser. */
export function SingleKeysToggle() {
  const on = useSingleKeys();
  return (
    <p className="hint no-print single-keys">
      <label><input type="checkbox" checked={on} onChange={(e) => setSingleKeys(e.currentTarget.checked)} /> {SINGLE_KEYS_LABEL}</label>
    </p>
  );
}

/**
 * Whether a keydown blanks (or shows again) the projector: B or . as PowerPoint and most clickers'
 * blank-screen button have it, pressed alone, outside a text field (where it is a letter typed), while
 * the single-key shortcuts are on (singleKeysOn).
 */
export function blankKeyOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'isComposing' | 'target'>): boolean {
  if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return false;
  if (!singleKeysOn()) return false;
  if (e.key !== 'b' && e.key !== 'B' && e.key !== '.') return false;
  return !(e.target instanceof Element && e.target.closest(TYPING) !== null);
}

/** The clicker key a keydown stands for, if it is one pressed alone (no modifier, not held down, not composing). */
export function clickerKeyOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey' | 'isComposing'>): ClickerKey | undefined {
  if (e.ctrlKey || e.altKey || e.metaKey || e.shiftKey || e.isComposing) return undefined;
  return Object.hasOwn(KEYS, e.key) ? KEYS[e.key] : undefined;
}

/**
 * The clicker's keys on a presenter page: listens on the document, and returns `press` for a key
 * that reached the page another way (pressed in the projector window, which forwards it) and what
 * was last said (for ClickerHint). The buttons a key presses are found in `root` by `clickerButton`.
 */
export function useClickerKeys(given: ClickerKeys, root: RefObject<HTMLElement | null>, overflow?: ProjectorOverflow): { press: (key: ClickerKey, pressed?: string) => boolean; said: Said | undefined; keys: ClickerKeys } {
  // While a projector window shows a screen too long for it, the keys scroll it first (the hint says so: `keys`).
  const keys = overflow ? projectorOverflowKeys(given, overflow) : given;
  const [said, setSaid] = useState<Said>();
  // What was said is about the step the keys offered then: once they offer another (the page moved
  // on by a button, Enter or a click, not a key), it goes, or it stayed under the next moment (the
  // vote boxes' words under the reveal, "No votes are entered yet" beside the votes entered).
  const offered = JSON.stringify([keys.next?.label, keys.next?.refused, keys.nextNone, keys.back?.label, keys.back?.refused]);
  const [saidAt, setSaidAt] = useState(offered);
  if (saidAt !== offered) {
    setSaidAt(offered);
    if (said) setSaid(undefined);
  }
  // When a key last took a step (clickerClock), for the double-press guard.
  const lastStep = useRef<number>(-Infinity);
  const current = useRef(keys);
  current.current = keys;
  // Whether the key was the page's (it pressed a button, or said why not): the browser's own use of it (scrolling) is then left out.
  // `pressed`: the key as KeyboardEvent.key names it, for the words said (the Right arrow is not called Page Down).
  const press = useCallback((key: ClickerKey, pressed?: string): boolean => {
    const say = (text: string) => setSaid((s) => ({ n: (s?.n ?? 0) + 1, text: aboutKey(text, key, pressed) }));
    const now = current.current;
    if (now.off) return false;
    const step = key === 'next' ? now.next : now.back;
    if (!step) {
      if (key === 'next' && now.nextNone) {
        say(now.nextNone);
        return true;
      }
      return false;
    }
    if (step.refused) {
      say(step.refused);
      return true;
    }
    const button = step.run ? undefined : root.current?.querySelector<HTMLButtonElement>(`button[data-clicker="${key}"]`);
    // Waiting for the room's answer to the last command (its buttons are marked unavailable meanwhile): nothing to press yet.
    if (!step.run && (!button || button.disabled || button.getAttribute('aria-disabled') === 'true')) return button !== null && button !== undefined;
    const at = clickerClock.now();
    if (at - lastStep.current < DOUBLE_PRESS_MS) {
      say(tooSoonWords(key, pressed));
      return true;
    }
    lastStep.current = at;
    setSaid(undefined);
    if (step.run) step.run();
    else button?.click();
    return true;
  }, [root]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const key = clickerKeyOf(e);
      if (!key || e.defaultPrevented) return;
      if (focusKeeps(e.target, e.key)) {
        // Page Down or Page Up (a clicker's) in a vote box: it is the box's, but said, as nothing else happens.
        const now = current.current;
        if (!e.repeat && e.key.startsWith('Page') && !now.off && now.inField && (key === 'next' ? now.next || now.nextNone : now.back)) setSaid((s) => ({ n: (s?.n ?? 0) + 1, text: now.inField as string }));
        return;
      }
      // Held down: its repeats take no step (each would take the next one, unseen); the page does not scroll either.
      if (e.repeat) {
        if (!current.current.off && (key === 'next' ? current.current.next || current.current.nextNone : current.current.back)) e.preventDefault();
        return;
      }
      if (press(key, e.key)) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [press]);
  return { press, said, keys };
}

/** The step that scrolls the projector window down, and up, while it shows a screen too long for it. */
export const MORE_ON_PROJECTOR = 'Show more on the projector';
export const BACK_UP_ON_PROJECTOR = 'Back up on the projector';

/**
 * The keys while a projector window shows a screen that goes on below its edge even in its smallest
 * type (a long scene of a trainer's own file): Page Down scrolls it down until the room has seen the
 * rest, and only then takes the next step; Page Up scrolls it back up first, as the keys do when
 * pressed in that window. From the laptop, Page Down pressed Continue, and the room never saw the
 * rest of the scene (the projector said only "More below: scroll this window").
 */
export function projectorOverflowKeys(keys: ClickerKeys, overflow: Pick<ProjectorOverflow, 'below' | 'above' | 'next' | 'back'>): ClickerKeys {
  if (keys.off) return keys;
  return {
    ...keys,
    ...(overflow.below ? { next: { label: MORE_ON_PROJECTOR, run: overflow.next } } : {}),
    ...(overflow.above ? { back: { label: BACK_UP_ON_PROJECTOR, run: overflow.back } } : {}),
  };
}

/** Said on the trainer's page while a projector window shows a screen too long for it. */
export const PROJECTOR_OVERFLOW_WORDS = 'The projector window cannot show all of this screen: the rest is below its bottom edge, where the room cannot see it.';

/** The trainer's page's line and buttons while a projector window shows a screen too long for it (nothing otherwise). */
function ProjectorOverflowNotice({ overflow }: { overflow: ProjectorOverflow }) {
  if (!overflow.below && !overflow.above) return null;
  return (
    <div className="projector-overflow no-print">
      {overflow.below && <p className="notice">{PROJECTOR_OVERFLOW_WORDS}</p>}
      <p className="controls">
        <button type="button" aria-disabled={!overflow.above} onClick={() => overflow.above && overflow.back()}>{BACK_UP_ON_PROJECTOR}</button>
        <button type="button" aria-disabled={!overflow.below} onClick={() => overflow.below && overflow.next()}>{MORE_ON_PROJECTOR}</button>
      </p>
    </div>
  );
}

/** Words said about a key that took no step; `n` counts them, so the same words are said again. */
export interface Said {
  n: number;
  text: string;
}

/**
 * The blank-screen key in the hint: every presenter page offers "Blank the projector" beside it
 * (BlankProjector.tsx), and the checkbox that turns the key off under it ("below"). Short, as the
 * whole hint is kept to two lines on a laptop (a 1280-wide window): it ran to four.
 */
export const BLANK_KEY_WORDS = `B or . (a clicker's blank-screen button): blank or show the projector; can be turned off below.`;

/** The hint's words once the trainer turned B and . off (the checkbox below turns them on again). */
export const BLANK_KEY_OFF_WORDS = `B and . do nothing: single-key shortcuts are turned off (below); “Blank the projector” blanks it.`;

/** The keys the hint names: what each presses now (in the button's words, with when), and the blank-screen key. */
export function clickerHintWords(keys: Pick<ClickerKeys, 'next' | 'nextNone' | 'back'>, singleKeys: boolean): string {
  const parts: string[] = [];
  if (keys.next) parts.push(`${HINT_KEY_WORDS.next}: ${keys.next.label}${keys.next.when ? `, ${keys.next.when}` : ''}.`);
  // Written about Page Down (what is said when it is pressed): the hint names the Right arrow too,
  // which does the same (it said "Page Down does not choose…", as if the arrow might).
  else if (keys.nextNone) parts.push(keys.nextNone.replaceAll(KEY_WORDS.next, HINT_KEY_WORDS.next));
  if (keys.back) parts.push(`${HINT_KEY_WORDS.back}: ${keys.back.label}${keys.back.when ? `, ${keys.back.when}` : ''}.`);
  parts.push(singleKeys ? BLANK_KEY_WORDS : BLANK_KEY_OFF_WORDS);
  return `Clicker keys (also in the projector window): ${parts.join(' ')}`;
}

/**
 * The keys in a visible line (what each presses now, in the button's words, and the blank-screen
 * key, which works on every presenter page but was named only once the screen was blank), and a
 * polite status that says why a key pressed nothing.
 */
export function ClickerHint({ keys, said, overflow }: { keys: ClickerKeys; said: Said | undefined; overflow?: ProjectorOverflow }) {
  const singleKeys = useSingleKeys();
  return (
    <>
      {overflow && <ProjectorOverflowNotice overflow={overflow} />}
      <p className="hint no-print clicker-keys" id="clicker-keys">{clickerHintWords(keys, singleKeys)}</p>
      <SingleKeysToggle />
      {/* Said each time, the same words again too (a new polite status, empty before its words come).
          Shown at the foot of the window (clicker-said): here at the page's end it was screens below
          a reveal, and a trainer whose Page Down did nothing saw no reason why. */}
      {said && <Announce key={said.n} className="hint no-print clicker-said">{said.text}</Announce>}
    </>
  );
}
