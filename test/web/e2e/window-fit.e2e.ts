import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { builtAppInChromium, openPage, replyGroup, runAxe, violationsText } from '../helpers/browser.js';

// What must be seen at once, at the window sizes volunteers and trainers have: a question and its
// answers on a short screen, and a scenario's whole graph on a laptop.
const web = builtAppInChromium();
const ROOT = join(import.meta.dirname, '..', '..', '..');

/** Where the confirm panel's heading and the focused button are in the window, and whether the page scrolls sideways. */
function confirmInView(page: Page) {
  return page.evaluate(() => {
    const h = innerHeight;
    const heading = document.querySelector('#restart-confirm :is(h2, h3, h4)')!.getBoundingClientRect();
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

/** After the first reply of youth-discloses, "Start again from the beginning" pressed by keyboard: its question open. */
async function startAgainAsked(page: Page) {
  await replyGroup(page).waitFor();
  await page.locator('.replies button.reply:not([disabled])').first().click();
  await page.getByRole('button', { name: 'Start again from the beginning' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('group', { name: 'Start again from the beginning?' }).waitFor();
}

describe('window fit', () => {
  // A phone in landscape at 200% zoom: 320×256 CSS px. The question is taller than the window;
  // focus on "No, keep going" scrolled the page to it and the question's heading went above the top.
  it('the Start again question at 320×256: its heading and the focused safe answer both in the window, nothing sideways', async () => {
    const s = await openPage(web.browser, web.app.url, '#/play/youth-discloses', { viewport: { width: 320, height: 256 } });
    const { page } = s;
    try {
      await startAgainAsked(page);
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

  // Found by phone-50: on a phone, with the question open, a break left by Escape put the focus on the
  // newest moment's heading, above the question still open further down. It goes back to the
  // question's safe answer, where it was, in the window under the question's heading.
  it('the Start again question at 390×844, a break taken and left by Escape: the focus back on "No, keep going", in view', async () => {
    const s = await openPage(web.browser, web.app.url, '#/play/youth-discloses', { viewport: { width: 390, height: 844 } });
    const { page } = s;
    try {
      await replyGroup(page).waitFor();
      await page.locator('.replies button.reply:not([disabled])').first().click();
      await page.getByRole('button', { name: 'Start again from the beginning' }).click();
      await page.getByRole('group', { name: 'Start again from the beginning?' }).waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('No, keep going');
      await page.getByRole('button', { name: 'Take a break' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('region', { name: 'Take a break' }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('region', { name: 'Take a break' }).waitFor({ state: 'detached' });
      await expect.poll(() => confirmInView(page)).toEqual({ focused: 'No, keep going', headingInView: true, focusedInView: true, sideways: false });
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });

  // Session 60: on a phone the focus on the safe answer scrolled the page only as far as that
  // answer: the question's heading stuck below the bar, over the first lines of what it asks
  // ("Removing it deletes this…" in My records). Where the question fits, it is shown whole.
  it('the Start again question at 320×640: shown whole, its words from their first line, none under its heading', async () => {
    const s = await openPage(web.browser, web.app.url, '#/play/youth-discloses', { viewport: { width: 320, height: 640 } });
    const { page } = s;
    try {
      await startAgainAsked(page);
      const whole = () => page.evaluate(() => {
        const panel = document.querySelector('#restart-confirm')!.getBoundingClientRect();
        const heading = document.querySelector('#restart-confirm :is(h2, h3, h4)')!.getBoundingClientRect();
        const words = document.querySelector('#restart-confirm p')!.getBoundingClientRect();
        const bar = document.querySelector('header.bar')!.getBoundingClientRect();
        return { focused: document.activeElement?.textContent, panelInView: panel.top >= Math.max(0, bar.bottom) && panel.bottom <= innerHeight, wordsClear: words.top >= heading.bottom };
      });
      await expect.poll(whole).toEqual({ focused: 'No, keep going', panelInView: true, wordsClear: true });
      await s.screenshot('e2e-confirm-320x640');
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });

  // A phone (320 px wide, the narrowest the app fits): the Preview's problems are numbered in the
  // list's left padding, which held one digit; 200 problems showed "00." for 200, its "2" past the
  // window's left edge. Each number whole in the window, as many digits as it has.
  it('the Preview\'s numbered problems at 320 px: every number of a 200-problem list whole in the window', async () => {
    const s = await openPage(web.browser, web.app.url, '#/preview', { viewport: { width: 320, height: 640 } });
    const { page } = s;
    try {
      const data = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'good', 'example.json'), 'utf8')) as Record<string, unknown>;
      for (let i = 0; i < 230; i++) data[`extra${i}`] = i;
      await page.getByLabel('Scenario file (.json)').setInputFiles({ name: 'many.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(data)) });
      await page.locator('ol.problems > li:nth-child(200)').waitFor();
      // Where each number's left edge is: its item's left, less the number as the list draws it
      // ("200. ", measured in the item's font; Chromium puts the marker that far left of the item).
      const cut = await page.evaluate(() => {
        const context = document.createElement('canvas').getContext('2d')!;
        return [...document.querySelectorAll('ol.problems > li')].flatMap((li, i) => {
          context.font = getComputedStyle(li).font;
          const left = li.getBoundingClientRect().left - context.measureText(`${i + 1}. `).width;
          return left < 0 ? [`${i + 1}. at ${left.toFixed(1)} px`] : [];
        });
      });
      expect(cut).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)).toBe(false);
      await s.screenshot('e2e-preview-problems-320');
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });

  // A laptop window (1280×720): the frame (75vh) showed a graph's top and cut off its endings row,
  // and the author scrolled inside it to see the rest. The whole graph can now be fitted into the
  // window, chosen by keyboard; the frame keeps its tab stop and the list is still there.
  it('the Preview graph at 1280×720: "Fit the whole graph in the window" shows all of it, endings row included, in a frame inside the window', async () => {
    const s = await openPage(web.browser, web.app.url, '#/preview', { viewport: { width: 1280, height: 720 } });
    const { page } = s;
    try {
      await page.getByLabel('Scenario file (.json)').setInputFiles({ name: 'the-list.json', mimeType: 'application/json', buffer: readFileSync(join(ROOT, 'scenarios', 'the-list.json')) });
      const picture = page.getByRole('region', { name: /^Graph picture/ }).getByRole('img');
      await picture.waitFor();
      // By keyboard: the size choice, then Tab to the frame (which scrolls the page to it).
      await page.getByRole('radio', { name: 'As drawn (scrolls in its frame)' }).focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await page.getByRole('radio', { name: 'Fit the whole graph in the window' }).isChecked()).toBe(true);
      await page.keyboard.press('Tab');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Graph picture (the whole graph, fitted to the window)');
      const seen = () => page.evaluate(() => {
        const frame = document.activeElement as HTMLElement;
        const f = frame.getBoundingClientRect();
        const img = frame.querySelector('img')!.getBoundingClientRect();
        const bar = document.querySelector('header.bar')!.getBoundingClientRect();
        return {
          frameInWindow: f.top >= Math.max(0, bar.bottom) - 0.5 && f.bottom <= innerHeight + 0.5,
          scrollsInside: frame.scrollHeight > frame.clientHeight + 1 || frame.scrollWidth > frame.clientWidth + 1,
          pictureInFrame: img.top >= f.top && img.bottom <= f.bottom + 0.5 && img.left >= f.left && img.right <= f.right + 0.5,
          // Scaled, not cropped: its shape kept.
          ratioKept: Math.abs(img.width / img.height - (frame.querySelector('img') as HTMLImageElement).naturalWidth / (frame.querySelector('img') as HTMLImageElement).naturalHeight) < 0.02,
          sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
        };
      });
      await expect.poll(seen).toEqual({ frameInWindow: true, scrollsInside: false, pictureInFrame: true, ratioKept: true, sideways: false });
      await s.screenshot('e2e-preview-graph-whole');
      // The list alternative is still beside it.
      await page.getByText('The graph as a list').waitFor();
      expect(violationsText(await runAxe(page))).toBe('');
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
