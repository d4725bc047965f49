import { useSyncExternalStore } from 'react';
import { browserSwitch } from './browser-switch.js';
import { TYPING } from './clicker.js';

/**
 * The reply keys (1–9 choose a reply, Session) act from anywhere on the play page, from the moment
 * a decision is shown: a newcomer who opened a scenario pressed 2 and nothing happened (the focus
 * was on the page, not on the decision, where alone they acted) until two Tabs later. Single
 * character keys that act wherever the focus is can be turned off (WCAG 2.1.4 Character Key
 * Shortcuts: a number typed by speech-input software, or a key pressed by mistake, answers the
 * decision), with the checkbox beside the replies: localStorage keeps the choice for every page
 * and tab of the app in this browser until it is changed. On unless turned off.
 */
export const REPLY_KEYS_KEY = 'casa-practice-reply-keys';

/** The label of the checkbox that turns the reply keys off (and on again). */
export const REPLY_KEYS_LABEL = 'Number keys choose a reply';

/**
 * Whether 1–9 choose a reply (on unless turned off); turning them on or off, for this browser; and
 * whether they are on, kept up to date (the checkbox, the hint, the keys themselves).
 */
export const { on: replyKeysOn, set: setReplyKeys, useOn: useReplyKeys } = browserSwitch(REPLY_KEYS_KEY);

/** Whether `target` (a key's) is where text is typed: a text field's keys are its own. */
export function typingIn(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(TYPING) !== null;
}

/**
 * Whether a key has been pressed on this page outside a text field: a keyboard is there. A phone or
 * a tablet whose only pointer is a finger does not show the reply keys' hint (an on-screen keyboard
 * opens only in a text field, so no number key can be pressed); one with a keyboard attached shows it
 * from its first key (styles.css: .reply-keys, .keyboard-seen).
 */
let keyboardSeen = false;
const keyboardListeners = new Set<() => void>();
function onAnyKey(e: KeyboardEvent): void {
  if (keyboardSeen || typingIn(e.target)) return;
  keyboardSeen = true;
  document.removeEventListener('keydown', onAnyKey, true);
  for (const l of keyboardListeners) l();
}
function subscribeKeyboard(listener: () => void): () => void {
  if (!keyboardSeen && keyboardListeners.size === 0) document.addEventListener('keydown', onAnyKey, true);
  keyboardListeners.add(listener);
  return () => {
    keyboardListeners.delete(listener);
    if (keyboardListeners.size === 0) document.removeEventListener('keydown', onAnyKey, true);
  };
}

/** Whether a key has been pressed on this page (outside a text field) since it loaded. */
export function useKeyboardSeen(): boolean {
  return useSyncExternalStore(subscribeKeyboard, () => keyboardSeen, () => false);
}
