import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

/**
 * The web app's two numbers:
 * 1. First-load JavaScript, gzipped: the module scripts and modulepreloads the built index.html
 *    loads (not the chunks loaded later, such as the validator for the preview page), next to a
 *    React + react-dom + XState (@xstate/react) hello-world built the same way. Target ≤ 1.25×.
 * 2. Reply click to next line: in headless Chromium over the built app, the time from a click on a
 *    reply to the transcript (role="log") getting its new content, median of many replies. Target ≤ 16 ms.
 */

const ROOT = join(import.meta.dirname, '..');
const WORK = join(ROOT, 'node_modules', '.cache', 'casa-practice', 'bench-web');
const SAMPLES = 40;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** The JavaScript a built index.html loads before anything else: module scripts and modulepreloads, gzipped. */
export function firstLoadJs(outDir: string): { files: string[]; raw: number; gzip: number } {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const refs = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*type="module"[^>]*\bsrc="([^"]+)"/g)) refs.add(m[1] as string);
  for (const m of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*\bhref="([^"]+)"/g)) refs.add(m[1] as string);
  let raw = 0;
  let gzip = 0;
  const files = [...refs].map((r) => r.replace(/^\.?\//, ''));
  for (const f of files) {
    const bytes = readFileSync(join(outDir, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files, raw, gzip };
}

const HELLO_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>hello</title></head>
<body><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>
`;

const HELLO_MAIN = `import { createRoot } from 'react-dom/client';
import { useActor } from '@xstate/react';
import { createMachine } from 'xstate';

const toggle = createMachine({ id: 'toggle', initial: 'off', states: { off: { on: { flip: 'on' } }, on: { on: { flip: 'off' } } } });

function Hello() {
  const [snapshot, send] = useActor(toggle);
  return <button type="button" onClick={() => send({ type: 'flip' })}>Hello, {String(snapshot.value)}</button>;
}

createRoot(document.getElementById('root')!).render(<Hello />);
`;

async function buildQuiet(options: Parameters<typeof build>[0]): Promise<void> {
  await build({ logLevel: 'error', ...options });
}

/** Builds the web app and the hello-world, both in production mode, and compares their first-load JS. */
export async function runBundleBench(): Promise<{ appDir: string } | undefined> {
  process.env.NODE_ENV = 'production';
  rmSync(WORK, { recursive: true, force: true });
  const helloSrc = join(WORK, 'hello');
  const helloOut = join(WORK, 'hello-dist');
  const appOut = join(WORK, 'app-dist');
  mkdirSync(helloSrc, { recursive: true });
  writeFileSync(join(helloSrc, 'index.html'), HELLO_HTML);
  writeFileSync(join(helloSrc, 'main.tsx'), HELLO_MAIN);
  // The hello-world sits under node_modules/.cache so react, react-dom and xstate resolve from the project.
  await buildQuiet({ root: helloSrc, configFile: false, base: './', plugins: [react()], build: { outDir: helloOut, emptyOutDir: true } });
  try {
    if (!existsSync(join(ROOT, 'index.html'))) throw new Error('no index.html at the project root');
    await buildQuiet({ root: ROOT, mode: 'production', build: { outDir: appOut, emptyOutDir: true } });
  } catch (e) {
    console.log(`\nWeb first-load JavaScript: skipped (the web app did not build: ${(e as Error).message.split('\n')[0]})`);
    return undefined;
  }
  const hello = firstLoadJs(helloOut);
  const app = firstLoadJs(appOut);
  const ratio = app.gzip / hello.gzip;
  const kb = (n: number) => (n / 1024).toFixed(1);
  console.log('\nWeb: first-load JavaScript (what index.html loads before anything else; vite build, production, gzip -9)');
  console.log('| build | files | raw KiB | gzip KiB |');
  console.log('|---|---:|---:|---:|');
  console.log(`| React + react-dom + XState hello-world | ${hello.files.length} | ${kb(hello.raw)} | ${kb(hello.gzip)} |`);
  console.log(`| casa-practice web app | ${app.files.length} | ${kb(app.raw)} | ${kb(app.gzip)} |`);
  console.log(`| ratio | | | ${ratio.toFixed(2)}× (target ≤ 1.25× ${ratio <= 1.25 ? 'met' : 'NOT met'}) |`);
  return { appDir: appOut };
}

/** Reply click → new content in the transcript, in headless Chromium over the built app. */
export async function runReplyBench(appDir: string): Promise<void> {
  const { launchChromium, openPage, serveBuiltApp } = await import('../test/web/helpers/browser.js');
  const scenarioId = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json').sort()[0]?.replace(/\.json$/, '') ?? '';
  const app = await serveBuiltApp(appDir);
  const browser = await launchChromium();
  const samples: { dom: number; frame: number }[] = [];
  try {
    let rounds = 0;
    while (samples.length < SAMPLES && rounds++ < 20) {
      const s = await openPage(browser, app.url, `#/play/${encodeURIComponent(scenarioId)}`);
      try {
        const replies = s.page.locator('[role="group"] button:not([disabled])');
        const log = s.page.locator('[role="log"]');
        try {
          await log.waitFor({ state: 'attached', timeout: 5000 });
        } catch {
          if (samples.length === 0) {
            console.log(`\nWeb reply → next line: skipped (the built app at #/play/${scenarioId} shows no role="log" transcript; the Play page is not there yet)`);
            return;
          }
          break;
        }
        // In the page: a click inside the reply group starts the clock; the log's next change stops it,
        // and the next animation frame after that (the frame that paints it) is noted too.
        await s.page.evaluate(() => {
          const w = window as unknown as { __bench: { t0?: number; done: { dom: number; frame: number }[]; target: Element | null } };
          w.__bench = { done: [], target: document.querySelector('[role="log"]') };
          addEventListener('click', (e) => {
            if ((e.target as Element | null)?.closest?.('[role="group"]')) w.__bench.t0 = performance.now();
          }, { capture: true });
          const target = w.__bench.target;
          if (!target) return;
          new MutationObserver(() => {
            const t0 = w.__bench.t0;
            if (t0 === undefined) return;
            w.__bench.t0 = undefined;
            const dom = performance.now() - t0;
            requestAnimationFrame(() => w.__bench.done.push({ dom, frame: performance.now() - t0 }));
          }).observe(target, { childList: true, subtree: true, characterData: true });
        });
        for (let step = 0; step < 200 && samples.length < SAMPLES; step++) {
          const next = s.page.locator('[role="group"] button:not([disabled]), button:has-text("Continue")').first();
          try {
            await next.waitFor({ state: 'visible', timeout: 3000 });
          } catch {
            break; // the debrief: start another playthrough
          }
          const isReply = await replies.count() > 0;
          const before = await s.page.evaluate(() => (window as unknown as { __bench: { done: unknown[] } }).__bench.done.length);
          if (isReply) await replies.first().click();
          else await next.click();
          if (isReply) {
            // The last reply of a playthrough leads to the debrief: the observed transcript goes away, no sample.
            await s.page.waitForFunction((n) => {
              const b = (window as unknown as { __bench: { done: unknown[]; target: Element | null } }).__bench;
              return b.done.length > n || !b.target?.isConnected;
            }, before, { timeout: 5000 });
            const sample = await s.page.evaluate((n) => (window as unknown as { __bench: { done: { dom: number; frame: number }[] } }).__bench.done[n], before);
            if (!sample) break;
            samples.push(sample);
          }
        }
      } finally {
        await s.close();
      }
    }
  } finally {
    await browser.close();
    await app.close();
  }
  if (samples.length === 0) {
    console.log('\nWeb reply → next line: skipped (no reply could be clicked on the Play page)');
    return;
  }
  const dom = median(samples.map((x) => x.dom));
  const frame = median(samples.map((x) => x.frame));
  console.log(`\nWeb: reply click → next line in the transcript (headless Chromium, built app, median of ${samples.length} replies in ${scenarioId})`);
  console.log('| measure | median ms | max ms |');
  console.log('|---|---:|---:|');
  console.log(`| click → new content in role="log" | ${dom.toFixed(1)} | ${Math.max(...samples.map((x) => x.dom)).toFixed(1)} |`);
  console.log(`| click → next animation frame (painted) | ${frame.toFixed(1)} | ${Math.max(...samples.map((x) => x.frame)).toFixed(1)} |`);
  console.log(`Target: click → new content ≤ 16 ms median ${dom <= 16 ? '(met)' : '(NOT met)'}.`);
}

export async function runWebBench(): Promise<void> {
  const built = await runBundleBench();
  if (!built) return;
  try {
    await runReplyBench(built.appDir);
  } catch (e) {
    console.log(`\nWeb reply → next line: unavailable (${(e as Error).message.split('\n')[0]})`);
  }
}
