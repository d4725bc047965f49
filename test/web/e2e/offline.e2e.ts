import { describe, expect, it } from 'vitest';
import { builtAppInChromium, openPage } from '../helpers/browser.js';

// "Works offline once loaded": the built app's service worker keeps every file of the build, so with
// the network gone a reload still shows the app, and a scenario never opened before still plays.

const web = builtAppInChromium();

describe('the web app offline', () => {
  it('after one visit, reloads under the service worker, then reloads and plays a scenario it never opened with the network off', async () => {
    // The one e2e test with the service worker on (openPage blocks it elsewhere).
    const s = await openPage(web.browser, web.app.url, '', { serviceWorkers: 'allow' });
    const { page, context } = s;
    try {
      await page.locator('.card').first().waitFor();
      // The service worker has cached the whole build once it is active.
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      // Online, a reload is served under the worker's control (the built files from its cache) and
      // the app runs as before: nothing logged, nothing thrown.
      await page.reload();
      await page.locator('.card').first().waitFor();
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${web.app.url}sw.js`);
      expect(s.errors()).toEqual([]);
      await context.setOffline(true);
      await page.reload();
      await page.locator('.card').first().waitFor();
      await page.goto(`${web.app.url}#/play/whereabouts-unknown`);
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
