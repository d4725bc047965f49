import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, serveBuiltApp, type WebApp } from '../helpers/browser.js';

// "Works offline once loaded": the built app's service worker keeps every file of the build, so with
// the network gone a reload still shows the app, and a scenario never opened before still plays.

let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([serveBuiltApp(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the web app offline', () => {
  it('after one visit, reloads and plays a scenario it never opened with the network off', async () => {
    const s = await openPage(browser, app.url);
    const { page, context } = s;
    try {
      await page.locator('.card').first().waitFor();
      // The service worker has cached the whole build once it is active.
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await context.setOffline(true);
      await page.reload();
      await page.locator('.card').first().waitFor();
      await page.goto(`${app.url}#/play/whereabouts-unknown`);
      await page.getByRole('log').waitFor();
      await page.getByRole('button', { name: /^Continue$|^1\b/ }).first().waitFor();
      await s.screenshot('e2e-offline-play');
      expect(s.pageErrors).toEqual([]);
      expect(s.outbound).toEqual([]);
    } finally {
      await context.setOffline(false);
      await s.close();
    }
  });
});
