import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtAppInChromium, openPage, readLocalStorage, runAxe, seedLocalStorage, violationsText } from '../helpers/browser.js';

const web = builtAppInChromium();

describe('the built web app in headless Chromium', () => {
  it('loads from the built files served over HTTP on 127.0.0.1, runs its JavaScript modules, sends nothing out, and axe reports', async () => {
    // The page's own Content-Security-Policy (connect-src 'self') stops the probe below before any
    // request is made; bypass it here so the guard itself is tested (app.e2e.ts checks the CSP).
    const s = await openPage(web.browser, web.app.url, '', { bypassCSP: true });
    try {
      // The page's module script ran: it filled #root (the HTML file has it empty).
      await s.page.locator('#root > *').first().waitFor({ state: 'attached' });
      expect(await s.page.locator('h1').first().innerText()).not.toBe('');
      // The module came from the build (hashed asset), not from the source tree or a dev server.
      const scripts = await s.page.locator('script[type="module"]').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
      expect(scripts.length).toBeGreaterThan(0);
      for (const src of scripts) expect(src).toMatch(new RegExp(`^${web.app.origin}/assets/[^/]+\\.js$`));
      // An attempt to reach another origin is blocked and recorded (the guard itself works).
      await s.page.evaluate(() => fetch('https://example.com/beacon').catch(() => undefined));
      expect(s.outbound).toEqual(['https://example.com/beacon']);
      // A WebSocket to another host is refused too (closed before it opens), and recorded.
      const opened = await s.page.evaluate(() => new Promise<boolean>((done) => {
        const ws = new WebSocket('wss://example.com/socket');
        ws.onopen = () => done(true);
        ws.onclose = () => done(false);
      }));
      expect(opened).toBe(false);
      expect(s.outbound).toEqual(['https://example.com/beacon', 'wss://example.com/socket']);
      s.outbound.length = 0;
      await s.page.reload({ waitUntil: 'load' });
      await s.page.locator('#root > *').first().waitFor({ state: 'attached' });
      const results = await runAxe(s.page);
      expect(results.testEngine.name).toBe('axe-core');
      expect(results.passes.length).toBeGreaterThan(0);
      // No screenshot here: app.e2e.ts keeps one of this same first page (e2e-library.png).
      expect(violationsText(results)).toBe('');
      expect(s.outbound).toEqual([]);
      expect(s.errors().filter((e) => !e.includes('Failed to load resource: net::ERR_BLOCKED_BY_CLIENT'))).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('seeds localStorage once per tab: a reload keeps what the page wrote since', async () => {
    // A key the app never reads: a damaged records.json would be set aside by the app itself, at a
    // moment that depends on how fast the page loads.
    const s = await openPage(web.browser, web.app.url, '', { initScript: seedLocalStorage({ 'seed-probe': 'seeded' }) });
    try {
      expect(await readLocalStorage(s.page)).toMatchObject({ 'seed-probe': 'seeded' });
      await s.page.evaluate(() => localStorage.setItem('casa-practice/seed-probe', 'written by the page'));
      await s.page.reload({ waitUntil: 'load' });
      expect((await readLocalStorage(s.page))['seed-probe']).toBe('written by the page');
    } finally {
      await s.close();
    }
  });
});

describe('the browser tests\' Chromium', () => {
  // Launched and driven by the worker that runs the browser tests (connectChromium), not a browser
  // server in Vitest's main process: every call of every test went through that process, there and
  // back, some 8 s of its CPU in an e2e run (about 4 s more in all than driving Chromium directly).
  it.skipIf(process.platform !== 'linux')('is this worker\'s own: its browser process runs under this process', async () => {
    const parentOf = (pid: string): string | undefined => {
      try {
        return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)?.split(' ')[1];
      } catch {
        return undefined;
      }
    };
    const children = new Map<string, string[]>();
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      const parent = parentOf(pid);
      if (parent) children.set(parent, [...(children.get(parent) ?? []), pid]);
    }
    const under: string[] = [];
    for (let todo = [String(process.pid)]; todo.length > 0;) {
      const kids = todo.flatMap((pid) => children.get(pid) ?? []);
      under.push(...kids);
      todo = kids;
    }
    const commands = under.map((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        return '';
      }
    });
    expect(commands.some((c) => /chrom/.test(c) && !/--type=/.test(c))).toBe(true);
    expect(web.browser.isConnected()).toBe(true);
  });
});
