import { afterAll, beforeAll, expect, inject } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AxeBuilder } from '@axe-core/playwright';
import { AXE_TAGS, COLOUR_RULES } from './axe-rules.js';
import { nestedLiveRegions } from './live-regions.js';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

// playwright-core is CommonJS: loaded with require, not import, it is not first scanned for its
// export names by Node's CommonJS lexer (its 3.6 MB bundle: a quarter of a second of CPU in each
// process that loads it, the global setup's and the e2e worker).
const { chromium } = createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core');

/**
 * The end-to-end harness: Debian's Chromium (never a downloaded browser) driven by playwright-core,
 * over the BUILT web app (dist-web/, built by test/web/e2e/global-setup.ts) served as static files
 * (serveBuiltApp) on 127.0.0.1 with a free port. One Chromium and one server serve the whole e2e run.
 *
 *   const { app, browser } = builtAppInChromium();  // the run's app server (global setup) and Chromium
 *   const s = await openPage(browser, app.url, '#/'); // per test: own context, requests guarded
 *   … s.page.getByRole('button', { name: … }).click() …
 *   expect(s.outbound).toEqual([]); expect(s.errors()).toEqual([]);
 *   await s.screenshot('library');                  // with CASA_SCREENSHOTS=1: test-artifacts/screenshots/library.png
 *   expect(violationsText(await runAxe(s.page))).toBe('');
 *   await axeCleanInDark(s.page, 'library');         // the same page with the system set to dark: drawn dark, axe clean
 *   await s.close();
 */

const ROOT = join(import.meta.dirname, '..', '..', '..');
export const WEB_BUILD_DIR = join(ROOT, 'dist-web');
export const ARTIFACTS_DIR = join(ROOT, 'test-artifacts');
/**
 * Screenshots are for people to look at, and no test reads them: they are taken only when asked for
 * (`CASA_SCREENSHOTS=1 npx vitest run --project e2e`), since a full-page capture of a tall page
 * costs Chromium about a second of CPU and `npm test` took about eight of them.
 */
export const SCREENSHOTS = process.env.CASA_SCREENSHOTS === '1';
export const CHROMIUM = '/usr/bin/chromium';
/**
 * Debian's headless-only build of the same Chromium (package chromium-headless-shell, the kind
 * Playwright itself runs headless). The e2e run uses it when it is installed: the same pages cost
 * it about half the CPU. Without it, the e2e run uses CHROMIUM.
 */
export const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/**
 * Flags that keep Chromium from talking to anything on its own (see STACK.md), and two that save
 * it work: V8 stops at its baseline compiler (--max-opt=1: no Maglev or TurboFan). A test page lives
 * a few seconds, too short for optimised code to pay for compiling it; an axe run cost its renderer
 * 0.5 s of CPU with them and 0.3 s without (the same results: JavaScript means the same at any tier).
 * And pages of one site in one context share a renderer (--process-per-site), as the presenter
 * and its projector window do: the second page's document runs where the app, axe and Playwright's
 * own script are already compiled (0.6 s less Chromium CPU for app.e2e.ts, two A/B pairs).
 * Contexts never share a renderer.
 */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--js-flags=--max-opt=1', '--process-per-site',
];

export { AXE_TAGS, COLOUR_RULES } from './axe-rules.js';

export interface WebApp {
  /** e.g. http://127.0.0.1:41234/ */
  url: string;
  origin: string;
  close(): Promise<void>;
}

// axe-core as @axe-core/playwright has it (the same version), minified.
const fromAxePlaywright = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'));
const AXE_FILE = (): string => fromAxePlaywright.resolve('axe-core/axe.min.js');
/**
 * Where the e2e server also serves axe-core (test/web/e2e only: nothing in the app refers to it), so
 * that runAxe loads it into the app's pages as a script of their own origin, which their
 * Content-Security-Policy (script-src 'self') allows.
 */
export const AXE_PATH = '/__e2e__/axe.min.js';

/** A file of the build as the e2e server answers it: its bytes and the headers sirv gives it. */
interface ServedFile {
  body: Buffer;
  headers: Record<string, string | number>;
}

/**
 * Every file under `dir` (dot files left out), read once, with the headers sirv 3 gives a file in
 * its production mode (Content-Length, Content-Type by mrmime, with charset=utf-8 for HTML,
 * Last-Modified, a weak ETag of size and mtime), keyed by URL path as sirv keys them.
 */
function readBuild(dir: string): Map<string, ServedFile> {
  const { lookup } = createRequire(createRequire(import.meta.url).resolve('sirv'))('mrmime') as { lookup(name: string): string | undefined };
  const files = new Map<string, ServedFile>();
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.name.startsWith('.') && !/\.well-known$/.test(rel)) continue;
      if (entry.isDirectory()) walk(name);
      else if (entry.isFile()) {
        const stats = statSync(join(dir, name));
        let type = lookup(name) ?? '';
        if (type === 'text/html') type += ';charset=utf-8';
        files.set(`/${name}`, {
          body: readFileSync(join(dir, name)),
          headers: { 'Content-Length': stats.size, 'Content-Type': type, 'Last-Modified': stats.mtime.toUTCString(), ETag: `W/"${stats.size}-${stats.mtime.getTime()}"` },
        });
      }
    }
  };
  walk('');
  return files;
}

/**
 * Serves the built web app (dist-web/) as a static host would, on 127.0.0.1 and a free port, and
 * axe-core at AXE_PATH. The e2e global setup starts one for the whole run (after building the app).
 * It answers as sirv did here before (as the room server serves the app): the same headers
 * (revalidated on every load, as vite preview had them: no-cache and an ETag, 304 when it
 * matches), the same lookup (the path, then with .html or .htm, then path/index.html; index.html
 * for a path without a file extension that names no file; 404 otherwise), byte ranges. But every
 * file is read once, when the server starts, not opened and streamed from disk for every request
 * of every fresh browser context: that was about a tenth of the main vitest process's CPU in the e2e
 * run. (vite preview, used before sirv, also gzipped every response: CPU spent at both ends of a
 * loopback connection.)
 */
export async function serveBuiltApp(dir = WEB_BUILD_DIR): Promise<WebApp> {
  const files = readBuild(dir);
  const find = (path: string): ServedFile | undefined => {
    const base = path.endsWith('/') ? path.slice(0, -1) : path;
    for (const ext of ['', '.html', '.htm']) {
      const file = (base && files.get(base + ext)) || files.get(`${base}/index${ext}`);
      if (file) return file;
    }
    return undefined;
  };
  const axe = readFileSync(AXE_FILE());
  const server = createServer((req, res) => {
    if (req.url === AXE_PATH) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Content-Length': axe.length, 'Cache-Control': 'max-age=3600' });
      res.end(axe);
      return;
    }
    let path = (req.url ?? '/').replace(/[?#].*$/s, '');
    if (path.includes('%')) {
      try {
        path = decodeURI(path);
      } catch {
        // a malformed address: looked up as it is
      }
    }
    const file = find(path) ?? (/[/]([A-Za-z\s\d~$._-]+\.\w+){1,}$/.test(path) || /\/\.well-known/.test(path) ? undefined : find('/'));
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    if (req.headers['if-none-match'] === file.headers.ETag) {
      res.writeHead(304);
      res.end();
      return;
    }
    const headers = { ...file.headers, 'Cache-Control': 'no-cache' };
    const size = file.body.length;
    const range = req.headers.range;
    if (!range) {
      res.writeHead(200, headers);
      res.end(file.body);
      return;
    }
    const [x = '', y = ''] = range.replace('bytes=', '').split('-');
    const start = parseInt(x, 10) || 0;
    const end = Math.min(parseInt(y, 10) || size - 1, size - 1);
    if (start >= size) {
      res.writeHead(416, { 'Cache-Control': 'no-cache', 'Content-Range': `bytes */${size}`, 'Content-Length': 0 });
      res.end();
      return;
    }
    res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1, 'Accept-Ranges': 'bytes' });
    res.end(file.body.subarray(start, end + 1));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the e2e server is not listening on a port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    url: `${origin}/`,
    origin,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

const cannotStart = (e: unknown): Error =>
  new Error(`Could not start ${CHROMIUM} (install it: apt-get install -y --no-install-recommends chromium): ${(e as Error).message.split('\n')[0]}`, { cause: e });

/** Debian's Chromium, headless. Fails with a clear message when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  } catch (e) {
    throw cannotStart(e);
  }
}

/**
 * A Chromium of its own that draws classic scroll bars (Windows', Linux's: they take their width
 * from the page), for a test of a layout they change. Playwright's headless Chromium hides them
 * (--hide-scrollbars, its default), so no other e2e page ever has one. Close it after the test.
 */
export async function launchChromiumWithScrollBars(): Promise<Browser> {
  const executablePath = process.env.CASA_E2E_CHROMIUM || (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : CHROMIUM);
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, ignoreDefaultArgs: ['--hide-scrollbars'] });
  } catch (e) {
    throw cannotStart(e);
  }
}

/**
 * The e2e run's one Chromium: launched by the worker that runs the browser tests, on first use, and
 * driven from that worker directly. The browser tests are one file (test/web/e2e/browser.test.ts),
 * so one worker is all that drives it: it was a Playwright browser server in Vitest's main process
 * (the global setup's), which every call of every test went through, there and back, a relay that
 * cost that process some 8 s of CPU in an e2e run. Closed by browser.test.ts once its parts are done
 * (closeChromium). Fails with a clear message when Chromium is not installed.
 */
let launched: Promise<Browser> | undefined;
function launchE2eChromium(): Promise<Browser> {
  // CASA_E2E_CHROMIUM: another binary run as the browser, e.g. a script that runs Chromium so that its
  // processes can be told apart and their CPU time sampled (/usr/bin/time on vitest misses most of
  // it: Chromium's renderers are not reaped by the processes it waits for).
  const executablePath = process.env.CASA_E2E_CHROMIUM || (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : CHROMIUM);
  launched ??= chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true }).catch((e: unknown) => {
    throw cannotStart(e);
  });
  return launched;
}

/**
 * The e2e run's Chromium for one part of the browser tests: contexts opened through it are that
 * part's, and its close() closes them (as closing a connection to a browser server did), not the
 * browser, which the other parts go on using.
 */
export async function connectChromium(): Promise<Browser> {
  const browser = await launchE2eChromium();
  const mine = new Set<BrowserContext>();
  const keep = (context: BrowserContext) => {
    mine.add(context);
    context.on('close', () => mine.delete(context));
    return context;
  };
  return new Proxy(browser, {
    get(target, key) {
      if (key === 'newContext') return async (options?: BrowserContextOptions) => keep(await target.newContext(options));
      if (key === 'newPage') {
        return async (options?: BrowserContextOptions) => {
          const page = await target.newPage(options);
          keep(page.context());
          return page;
        };
      }
      if (key === 'close') return async () => void (await Promise.all([...mine].map((c) => c.close())));
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Closes the e2e run's Chromium, once every part is done with it (browser.test.ts). */
export async function closeChromium(): Promise<void> {
  const browser = await launched?.catch(() => undefined);
  launched = undefined;
  await browser?.close();
}

export interface PageSession {
  context: BrowserContext;
  page: Page;
  /** Every request (and WebSocket) the page tried to send anywhere but 127.0.0.1: blocked, and listed here. */
  outbound: string[];
  /** console.error messages. */
  consoleErrors: string[];
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
  /** Dialogs the page opened (alert, confirm, prompt): dismissed, and listed here (an XSS test expects none). */
  dialogs: string[];
  /** Console and page errors together. */
  errors(): string[];
  /**
   * With CASA_SCREENSHOTS=1, saves a full-page screenshot to test-artifacts/screenshots/<name>.png
   * and returns its path; otherwise does nothing (see SCREENSHOTS).
   */
  screenshot(name: string): Promise<string | undefined>;
  close(): Promise<void>;
}

export interface OpenOptions extends BrowserContextOptions {
  /** Runs in the page before any of its scripts (e.g. to put damaged data in localStorage). */
  initScript?: string | (() => void);
}

const isLocal = (url: string): boolean => {
  try {
    const u = new URL(url);
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
    return u.hostname === '127.0.0.1';
  } catch {
    return false;
  }
};

/**
 * Every URL that is not certainly on 127.0.0.1: all but scheme://127.0.0.1 followed by a port, a path,
 * a query, a fragment or nothing (and data:, blob:, about:). A superset of what isLocal refuses (an
 * address it lets through, e.g. with user info before the host, is still decided by isLocal), so
 * that Chromium lets every request of the page to its own server through by itself, without a
 * round trip to the test for each request and each WebSocket message (the room's pages
 * sent every message of their WebSocket through the test, a mock socket in the page forwarding it).
 */
export const MAYBE_OUTBOUND = /^(?!(?:data|blob|about):|[a-z][a-z0-9+.-]*:\/\/127\.0\.0\.1(?:[:/?#]|$))/i;

/**
 * A fresh context (its own storage) and page at `url` + `path`, with every request to another
 * origin than 127.0.0.1 blocked and recorded, console errors, page errors and dialogs recorded.
 * Waits for the load event; tests then wait for what they need (a role, a text), never a fixed time.
 *
 * The built app's service worker is blocked unless a test asks for it (`serviceWorkers: 'allow'`):
 * in every fresh context it would fetch and cache the whole build, about 0.8 s of Chromium's CPU a
 * page, for tests that never use it. test/web/e2e/offline.e2e.ts allows it and checks that the
 * app works under its control, online and offline.
 */
export async function openPage(browser: Browser, url: string, path = '', options: OpenOptions = {}): Promise<PageSession> {
  const { initScript, ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block', ...contextOptions });
  const outbound: string[] = [];
  // Only addresses that may leave 127.0.0.1 come to these handlers (MAYBE_OUTBOUND); Chromium lets
  // the page's own requests and WebSockets through without asking the test.
  await context.route(MAYBE_OUTBOUND, (route) => {
    const target = route.request().url();
    if (isLocal(target)) return route.continue();
    outbound.push(target);
    return route.abort('blockedbyclient');
  });
  await context.routeWebSocket(MAYBE_OUTBOUND, (ws) => {
    if (isLocal(ws.url())) ws.connectToServer();
    else {
      outbound.push(ws.url());
      void ws.close();
    }
  });
  if (initScript) await context.addInitScript(initScript);
  // With axe, pages come from context.newPage() (see STACK.md).
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(`${e.name}: ${e.message}`));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(new URL(path, url).toString(), { waitUntil: 'load' });
  return {
    context, page, outbound, consoleErrors, pageErrors, dialogs,
    errors: () => [...consoleErrors, ...pageErrors],
    screenshot: (name) => (SCREENSHOTS ? fullPageScreenshot(page, name) : Promise.resolve(undefined)),
    close: () => context.close(),
  };
}

/**
 * Saves a full-page PNG of the page as it is now to test-artifacts/screenshots/<name>.png and
 * returns its path: the same pixels as Playwright's `page.screenshot({ fullPage: true })` (the same
 * capture, beyond the viewport when the page is taller), with less work: one size query and one
 * capture, PNG compressed for speed (larger files), instead of Playwright's extra round trips
 * (caret style, fonts, layout metrics). About a fifth less of Chromium's CPU on a tall page.
 */
export async function fullPageScreenshot(page: Page, name: string): Promise<string> {
  const dir = join(ARTIFACTS_DIR, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name.replace(/[^a-z0-9._-]+/gi, '-')}.png`);
  const { width, height, viewWidth, viewHeight } = await page.evaluate(() => {
    const b = document.body;
    const d = document.documentElement;
    return {
      width: Math.max(b?.scrollWidth ?? 0, d.scrollWidth, b?.offsetWidth ?? 0, d.offsetWidth, b?.clientWidth ?? 0, d.clientWidth),
      height: Math.max(b?.scrollHeight ?? 0, d.scrollHeight, b?.offsetHeight ?? 0, d.offsetHeight, b?.clientHeight ?? 0, d.clientHeight),
      viewWidth: window.innerWidth,
      viewHeight: window.innerHeight,
    };
  });
  const cdp = await page.context().newCDPSession(page);
  try {
    const { data } = await cdp.send('Page.captureScreenshot', {
      format: 'png',
      optimizeForSpeed: true,
      clip: { x: 0, y: 0, width, height, scale: 1 },
      captureBeyondViewport: width > viewWidth || height > viewHeight,
    });
    writeFileSync(file, Buffer.from(data, 'base64'));
  } finally {
    await cdp.detach().catch(() => undefined);
  }
  return file;
}

/**
 * An init script (for `openPage(…, { initScript })`) that puts values in the app's localStorage
 * before its first script runs, once per tab: a reload keeps what the app has written since (so a
 * test can reload mid-scenario). Keys are the core's ("records.json", "saves/x.json"); the app's
 * namespace prefix is added.
 */
export function seedLocalStorage(entries: Record<string, string>, prefix = 'casa-practice/'): string {
  return `(() => {
    if (sessionStorage.getItem('__casa_seeded')) return;
    sessionStorage.setItem('__casa_seeded', '1');
    const entries = ${JSON.stringify(entries)};
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(${JSON.stringify(prefix)} + k, v);
  })();`;
}

/** What the app keeps in localStorage under its prefix, by the core's keys (write times left out). */
export async function readLocalStorage(page: Page, prefix = 'casa-practice/'): Promise<Record<string, string>> {
  return page.evaluate((p) => {
    const out: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k === null || !k.startsWith(p) || k.startsWith(`${p}@modified/`)) continue;
      out[k.slice(p.length)] = localStorage.getItem(k) ?? '';
    }
    return out;
  }, prefix);
}

export type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

let axeSource: string | undefined;

/** The origin of the e2e run's server (the one that serves AXE_PATH), when this runs under vitest's e2e project. */
function e2eServerOrigin(): string | undefined {
  try {
    const url = inject('e2eAppUrl');
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs axe on the page once its running animations have ended, with the WCAG 2.2 AA tags (or only
 * the named `rules`): every rule with those tags, over the whole document, as AxeBuilder's legacy mode runs it, without its costs (4 s a run against 0.6 s,
 * measured): axe is injected (into each frame) only when the document does not have it yet (hash
 * routes keep the document, so once per page load, not twice per run), and no new blank page
 * finishes the results. Violations carry every node; passes and the rest name each rule with one node.
 *
 * A frame on the e2e server's origin loads axe as a script from that server (AXE_PATH; the script
 * element is removed once it has run): Chromium compiles it while it streams in and, after a reload
 * in the same tab, takes it from its cache, where a page.evaluate of the source (580 kB sent through
 * Playwright, compiled from scratch each time) cost a quarter more CPU. Frames of other origins (the
 * room server's pages) get the source through page.evaluate as before.
 *
 * A full run (no `rules`) also reports a live region inside another as a violation of its own,
 * "nested-live-region" (nestedLiveRegions): not an axe rule, but every page the e2e tests check
 * with axe is checked for it too, the voter page included.
 *
 * `include` (CSS selectors) runs the rules over those parts of the page only, as axe's context
 * include does: for a state that differs from one the test has just checked whole only there (a
 * question opened in the page, folds opened), so that the rest is not checked again in the same
 * state. axe's work grows with what it checks: the debrief opened at a phone's width cost a run 3 s
 * under load, its opened folds alone under 1 s. A selector that matches nothing fails the run (axe
 * throws), so a scope cannot pass by checking nothing. The live-region check stays the whole page's.
 */
export async function runAxe(page: Page, rules?: readonly string[], { include }: { include?: readonly string[] } = {}): Promise<AxeResults> {
  const served = e2eServerOrigin();
  for (const frame of page.frames()) {
    if (await frame.evaluate('typeof window.axe?.run === "function"')) continue;
    const origin = URL.canParse(frame.url()) ? new URL(frame.url()).origin : '';
    if (served && origin === served) {
      await frame.evaluate((src) => new Promise<void>((resolve, reject) => {
        const script = document.createElement('script');
        script.src = src;
        script.onload = () => {
          script.remove();
          resolve();
        };
        script.onerror = () => {
          script.remove();
          reject(new Error(`could not load ${src}`));
        };
        document.head.append(script);
      }), `${served}${AXE_PATH}`);
    } else {
      axeSource ??= readFileSync(AXE_FILE(), 'utf8');
      await frame.evaluate(axeSource);
    }
  }
  const runOnly = rules ? { type: 'rule', values: rules } : { type: 'tag', values: AXE_TAGS };
  const result = await page.evaluate(async ([only, scope]) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<unknown> } }).axe;
    // The page as it settles: a moment that has just appeared fades in (styles.css, 160 ms from
    // 0.4 opacity), and colour contrast measured mid-fade is not what the reader sees.
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
    try {
      return { results: await axe.run(scope ? { include: scope.map((s) => [s]) } : document, { runOnly: only, resultTypes: ['violations'] }) };
    } catch (e) {
      return { error: String((e as Error)?.message ?? e) };
    }
  }, [runOnly, include ? [...include] : undefined] as const);
  if ('error' in result) throw new Error(`axe failed: ${result.error}`);
  const results = result.results as AxeResults;
  // Not one of axe's rules: a live region inside another (an alert in a polite region may be read
  // twice), counted as a violation of every full run, in each frame (nestedLiveRegions, as the jsdom
  // tests check it of every page they render: test/web/live-regions.setup.ts).
  if (!rules) {
    const nested = (await Promise.all(page.frames().map((f) => f.evaluate(nestedLiveRegions as () => string[])))).flat();
    if (nested.length > 0) results.violations.push(nestedLiveRegionViolation(nested));
  }
  return results;
}

/** Live regions found inside others (nestedLiveRegions), as a violation in axe's form (its nodes' targets are the findings in words). */
function nestedLiveRegionViolation(found: string[]): AxeResults['violations'][number] {
  return {
    id: 'nested-live-region', impact: 'serious', tags: ['casa-practice'], helpUrl: '',
    description: 'A live region is inside another live region: some screen readers read its words twice.',
    help: 'Each message is said by one live region (an error assertive, news polite), not one inside another',
    nodes: found.map((f) => ({ target: [f], html: f, impact: 'serious', any: [], all: [], none: [] })),
  } as unknown as AxeResults['violations'][number];
}

/** The names Chromium's accessibility tree gives the elements of `role` in a page, in page order, as a screen reader and speech input get them. */
export async function axNames(page: Page, role: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { ignored?: boolean; role?: { value?: string }; name?: { value?: string } }[] };
    return nodes.filter((n) => !n.ignored && n.role?.value === role).map((n) => n.name?.value ?? '');
  } finally {
    await cdp.detach();
  }
}

/**
 * What the page draws, as light or dark (relative luminance under or over 0.2): the page's
 * background (the root's, or the body's when the root has none: the whole canvas takes it), its
 * text, and, with `frame`, the background of that element.
 */
export async function tones(page: Page, frame?: string): Promise<{ page: string; text: string; frame?: string }> {
  return page.evaluate((sel) => {
    const tone = (colour: string): string => {
      const [r = 0, g = 0, b = 0] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => Number(v) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.2 ? 'dark' : 'light';
    };
    const opaque = (colour: string): boolean => colour !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(colour);
    const root = getComputedStyle(document.documentElement).backgroundColor;
    const body = getComputedStyle(document.body).backgroundColor;
    const background = opaque(root) ? root : opaque(body) ? body : undefined;
    const out: { page: string; text: string; frame?: string } = { page: background ? tone(background) : 'not set', text: tone(getComputedStyle(document.body).color) };
    if (sel) out.frame = tone(getComputedStyle(document.querySelector(sel)!).backgroundColor);
    return out;
  }, frame);
}

/**
 * The page as it is now, with the system set to dark (prefers-color-scheme): it is drawn dark (so
 * this fails if the dark theme is gone), and axe's colour rules (COLOUR_RULES) are clean on it; then
 * light again, as the rest of the test expects. With `lightFrame`, that element keeps a light
 * background (a picture drawn in dark ink on it stays legible). With `include`, the colour rules
 * run over those parts only (runAxe's include: the rest was checked in dark in the same state).
 */
export async function axeCleanInDark(page: Page, name: string, lightFrame?: string, { include }: { include?: readonly string[] } = {}) {
  await page.emulateMedia({ colorScheme: 'dark' });
  try {
    expect(await tones(page, lightFrame), `${name} in dark`).toEqual({ page: 'dark', text: 'light', ...(lightFrame ? { frame: 'light' } : {}) });
    if (SCREENSHOTS) await fullPageScreenshot(page, `${name}-dark`);
    expect(violationsText(await runAxe(page, COLOUR_RULES, { include })), `${name} in dark`).toBe('');
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
  }
}

/** Violations in words, one per line ("" when there are none), for a readable failure message. */
export function violationsText(results: AxeResults): string {
  return results.violations
    .map((v) => `${v.id} (${v.impact ?? 'unknown'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`)
    .join('\n');
}

/**
 * For a test file: the e2e run's built app (served once by the global setup) and a connection to
 * its Chromium, made before the file's tests and closed after them (closing a connection closes
 * the contexts it opened, not the browser).
 */
export function builtAppInChromium(): { app: Pick<WebApp, 'url' | 'origin'>; browser: Browser } {
  const url = inject('e2eAppUrl');
  const env = { app: { url, origin: new URL(url).origin } } as { app: Pick<WebApp, 'url' | 'origin'>; browser: Browser };
  beforeAll(async () => {
    env.browser = await connectChromium();
  });
  afterAll(async () => {
    await env.browser?.close();
  });
  return env;
}

/** The current decision's replies (a group): not the play page's "Who's who", a disclosure (a group too). */
export const replyGroup = (page: Page) => page.getByRole('group').and(page.locator(':not(details)'));

/**
 * Opens every folded part of the debrief (its closed <details>: a decision's feedback, what a
 * principle to work on asks, the paths beside best practice) as a keyboard user does, the focus on
 * each summary and Enter. Returns how many it opened.
 */
export async function openDebriefFolds(page: Page): Promise<number> {
  const closed = page.locator('article.debrief details:not([open]) > summary');
  let opened = 0;
  while (await closed.count()) {
    await closed.first().focus();
    await page.keyboard.press('Enter');
    opened++;
  }
  return opened;
}

/**
 * `count` over the pixels of a screenshot as drawn (`png`), read back in `page` through a canvas:
 * `count` runs in the page with the RGBA bytes and `arg` (so, like any function page.evaluate takes,
 * it uses nothing from outside itself). The expression goes to the page as DevTools evaluates it,
 * so the app's Content-Security-Policy (no eval) does not stop it.
 */
export async function countPixels<A, T>(page: Page, png: Buffer, count: (px: Uint8ClampedArray, arg: A) => T, arg: A): Promise<T> {
  return (await page.evaluate(`(async () => {
    const img = new Image();
    img.src = 'data:image/png;base64,${png.toString('base64')}';
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    return (${count.toString()})(ctx.getImageData(0, 0, canvas.width, canvas.height).data, ${JSON.stringify(arg)});
  })()`)) as T;
}
