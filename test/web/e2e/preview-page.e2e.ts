import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { builtAppInChromium, openPage } from '../helpers/browser.js';

// The Preview page as a trainer authoring a scenario uses it: its folded parts, a file's long name,
// and the graph fitted to the window.
const web = builtAppInChromium();

/** Every folded part's summary on the page: its size, and the focus ring it has while focused. */
function summaries(page: Page) {
  return page.evaluate(() => [...document.querySelectorAll('details > summary')].map((s) => {
    const r = s.getBoundingClientRect();
    return { name: (s.textContent ?? '').slice(0, 40), height: Math.round(r.height * 10) / 10 };
  }));
}

/** Tabs through the page; for each summary reached, whether its focus ring shows (a solid outline of 2 px at least). */
async function summaryRings(page: Page, count: number) {
  await page.locator('h1').first().click();
  const seen = new Map<string, string>();
  for (let i = 0; i < 120 && seen.size < count; i++) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement;
      if (el?.tagName !== 'SUMMARY') return undefined;
      const css = getComputedStyle(el);
      return { name: (el.textContent ?? '').slice(0, 40), ring: css.outlineStyle !== 'none' && parseFloat(css.outlineWidth) >= 2 ? 'shown' : `none (${css.outlineStyle} ${css.outlineWidth})` };
    });
    if (ring) seen.set(ring.name, ring.ring);
  }
  return Object.fromEntries(seen);
}

describe('preview page', () => {
  // The folded parts ("Writing a scenario…", the app's files, the graph as a list) had summaries of
  // one line of text, 24 px tall, where the page's other controls are 44 px targets.
  it('every folded part\'s summary is a 44 px target, its focus ring shown by keyboard, with forced colours too', async () => {
    for (const forcedColors of ['none', 'active'] as const) {
      const s = await openPage(web.browser, web.app.url, '#/preview/couch-rent.json', { viewport: { width: 1280, height: 800 }, forcedColors });
      const { page } = s;
      try {
        await page.getByRole('region', { name: /^Graph picture/ }).waitFor();
        const all = await summaries(page);
        expect(all.length, forcedColors).toBe(3);
        expect(all.filter((x) => x.height < 44), forcedColors).toEqual([]);
        const rings = await summaryRings(page, all.length);
        expect(rings, forcedColors).toEqual(Object.fromEntries(all.map((x) => [x.name, 'shown'])));
        // On a phone too.
        await page.setViewportSize({ width: 320, height: 640 });
        expect((await summaries(page)).filter((x) => x.height < 44), forcedColors).toEqual([]);
        await s.screenshot(`e2e-preview-summaries-${forcedColors}`);
        expect(s.errors()).toEqual([]);
      } finally {
        await s.close();
      }
    }
  });
});
