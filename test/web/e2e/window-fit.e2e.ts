import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { builtAppInChromium, openPage, replyGroup, runAxe, violationsText } from '../helpers/browser.js';

// What must be seen at once, at the window sizes volunteers and trainers have: a question and its
// answers on a short screen, and a scenario's whole graph on a laptop.
const web = builtAppInChromium();

/** Where the confirm panel's heading and the focused button are in the window, and whether the page scrolls sideways. */
function confirmInView(page: Page) {
  return page.evaluate(() => {
    const h = innerHeight;
    const heading = document.querySelector('#restart-confirm h2')!.getBoundingClientRect();
    const focused = document.activeElement!.getBoundingClientRect();
    // The sticky bar, where it stays at the top of the window (a short window lets it scroll away).
    const bar = document.querySelector('header.bar')!.getBoundingClientRect();
    const below = Math.max(0, bar.bottom);
    return {
      focused: document.activeElement?.textContent,
      headingInView: heading.top >= below && heading.bottom <= h,
      // Not under the heading either (WCAG 2.4.11).
      focusedInView: focused.top >= Math.max(below, heading.bottom) && focused.bottom <= h,
      sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    };
  });
}

describe('window fit', () => {
  // A phone in landscape at 200% zoom: 320×256 CSS px. The question is taller than the window;
  // focus on "No, keep going" scrolled the page to it and the question's heading went above the top.
  it('the Start again question at 320×256: its heading and the focused safe answer both in the window, nothing sideways', async () => {
    const s = await openPage(web.browser, web.app.url, '#/play/youth-discloses', { viewport: { width: 320, height: 256 } });
    const { page } = s;
    try {
      await replyGroup(page).waitFor();
      await page.locator('.replies button.reply:not([disabled])').first().click();
      const ask = page.getByRole('button', { name: 'Start again from the beginning' });
      await ask.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('group', { name: 'Start again from the beginning?' }).waitFor();
      await expect.poll(() => confirmInView(page)).toEqual({ focused: 'No, keep going', headingInView: true, focusedInView: true, sideways: false });
      await s.screenshot('e2e-confirm-320x256');
      expect(violationsText(await runAxe(page))).toBe('');
      // Every answer reached by Tab is in view too, the heading still readable above it.
      for (const name of ['Yes, start again', /^Start again in /]) {
        await page.keyboard.press('Tab');
        await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toMatch(name);
        await expect.poll(async () => { const v = await confirmInView(page); return v.focusedInView && v.headingInView && !v.sideways; }).toBe(true);
      }
      await page.keyboard.press('Escape');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Start again from the beginning');
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
