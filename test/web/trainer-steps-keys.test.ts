// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { keyActsOn } from '../../src/web/trainer-steps.js';

// bringIntoClear (trainer-steps.ts) brings the focused control clear of the trainer's steps before a
// key that acts on it: a key that does not act on it must not move the page (Space with the focus
// on a moment's heading, tabindex -1, scrolls the page: brought back to the heading first, the page
// went back up before it went down).
describe('keyActsOn: which keys act on what has the focus', () => {
  const el = (html: string) => {
    document.body.innerHTML = html;
    return document.body.firstElementChild!;
  };
  const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

  it('a vote box (a number box) takes a digit, an arrow, Backspace and Enter; not Tab, Escape, Page Down or a shortcut', () => {
    const box = el('<input type="number">');
    expect(['4', 'ArrowUp', 'Backspace', 'Enter'].map((k) => keyActsOn(box, key(k)))).toEqual([true, true, true, true]);
    expect(['Tab', 'Escape', 'PageDown', 'Shift', 'F5'].map((k) => keyActsOn(box, key(k)))).toEqual([false, false, false, false, false]);
    expect(keyActsOn(box, key('c', { ctrlKey: true }))).toBe(false);
  });

  it('a button, a link, a summary and a checkbox take Enter and Space alone', () => {
    for (const html of ['<button type="button">Follow reply 2</button>', '<a href="#x">x</a>', '<summary>Who\'s who</summary>', '<input type="checkbox">']) {
      const control = el(html);
      expect(['Enter', ' ', 'a', 'ArrowDown'].map((k) => keyActsOn(control, key(k))), html).toEqual([true, true, false, false]);
    }
  });

  it('a heading given the focus (tabindex -1) takes none: Space there scrolls the page', () => {
    const heading = el('<h1 tabindex="-1">Sunday dinner</h1>');
    expect(['Enter', ' ', 'a', 'ArrowDown'].map((k) => keyActsOn(heading, key(k)))).toEqual([false, false, false, false]);
  });
});
