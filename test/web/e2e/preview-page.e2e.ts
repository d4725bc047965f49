import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { builtAppInChromium, openPage, runAxe, violationsText } from '../helpers/browser.js';

// The Preview page as a trainer authoring a scenario uses it: its folded parts, a file's long name,
// and the graph fitted to the window.
const web = builtAppInChromium();
const ROOT = join(import.meta.dirname, '..', '..', '..');
const EXAMPLE = readFileSync(join(ROOT, 'docs', 'examples', 'first-scenario.json'));

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

  // Found at 320 px with 200% text (web-49): the principle ids under "Writing a scenario…" were a
  // table of three columns 918 px wide in a 296 px region (459 px in 366 at 390×844, text at 100%):
  // each row read by scrolling sideways, up to three screens. On a narrow screen each principle is
  // now a card (its id, then its title and guide section, each with its column's name), as My
  // records' rows are; a laptop keeps the table.
  it('the principle ids are a card each on a phone (390×844, and 320 px with 200% text), with nothing to scroll sideways, and a table on a laptop; axe clean', async () => {
    const s = await openPage(web.browser, web.app.url, '#/preview', { viewport: { width: 1280, height: 800 } });
    const { page } = s;
    try {
      await page.getByText(/^Writing a scenario/).click();
      const region = page.getByRole('region', { name: 'The principle ids' });
      await region.waitFor();
      const fit = () => region.evaluate((el) => {
        const table = el.querySelector('table')!;
        const rows = [...table.tBodies[0]!.rows];
        return {
          display: getComputedStyle(table).display,
          scrolls: el.scrollWidth > el.clientWidth + 1,
          page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          // Every cell's right edge inside the region's.
          cut: rows.flatMap((r) => [...r.cells]).filter((c) => c.getBoundingClientRect().right > el.getBoundingClientRect().right + 1).length,
          labels: [...rows[0]!.querySelectorAll<HTMLElement>('.cell-label')].filter((l) => l.checkVisibility()).map((l) => l.textContent),
          header: table.tHead!.getBoundingClientRect().height,
        };
      });
      // The same table to a screen reader at every width: three column headers, and each row named by its id first.
      const semantics = async () => {
        expect(await region.getByRole('columnheader').allInnerTexts()).toEqual(['Id', 'Principle', 'Guide section']);
        expect(await region.getByRole('row', { name: /^curious-not-interrogating / }).count()).toBe(1);
        expect(await region.getByRole('row', { name: /Principle:|Guide section:/ }).count()).toBe(0);
      };
      expect(await fit()).toMatchObject({ display: 'table', scrolls: false, page: 0, cut: 0, labels: [] });
      await semantics();
      for (const [width, height, text] of [[390, 844, '100%'], [320, 640, '200%']] as const) {
        await page.evaluate((size) => document.documentElement.style.setProperty('font-size', size), text);
        await page.setViewportSize({ width, height });
        await expect.poll(fit, { message: `${width} px, ${text}` }).toMatchObject({ display: 'block', scrolls: false, page: 0, cut: 0, labels: ['Principle: ', 'Guide section: '] });
        expect(await page.getByText('This table is wider than the screen').count()).toBe(0);
        expect(await region.getAttribute('tabindex')).toBeNull();
        await semantics();
        await region.locator('tbody tr').first().scrollIntoViewIfNeeded();
        await s.screenshot(`e2e-preview-principle-ids-${width}-${text.replace('%', '')}`);
        expect(violationsText(await runAxe(page)), `${width} px, ${text}`).toBe('');
      }
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });

  // "Results below are for <name>": a name of 200 characters with no space ran off a phone's screen.
  it('a file name of 200 characters with no spaces wraps inside the page at 320 px with the text at 200%: nothing scrolls sideways', async () => {
    const s = await openPage(web.browser, web.app.url, '#/preview', { viewport: { width: 320, height: 640 } });
    const { page } = s;
    try {
      await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
      // No hyphen either (a line may break after one): underscores and letters alone.
      const name = `${'MyFirstCourtDateDraft_'.repeat(9).slice(0, 195)}.json`;
      expect(name).toHaveLength(200);
      /** Every element whose own text holds the name (its start), past the window's right edge or scrolling sideways itself; and whether the page scrolls sideways. */
      const overflowing = (where: string) => page.evaluate(([n, at]) => {
        const width = document.documentElement.clientWidth;
        const over = [...document.querySelectorAll('body *')].filter((el) => [...el.childNodes].some((c) => c.nodeType === Node.TEXT_NODE && (c.textContent ?? '').includes(n.slice(0, 30))))
          .map((el) => ({ at, tag: el.tagName.toLowerCase(), right: Math.round(el.getBoundingClientRect().right), scrolls: el.scrollWidth > el.clientWidth + 1 }))
          .filter((x) => x.right > width || x.scrolls);
        return { over, sideways: document.documentElement.scrollWidth - width };
      }, [name, where] as const);
      // A valid file: the line naming the file checked, the verdict, the headings, "Check again", the house rules.
      await page.getByLabel('Scenario file (.json)').setInputFiles({ name, mimeType: 'application/json', buffer: EXAMPLE });
      await page.locator('.checked-file').waitFor();
      await page.getByRole('region', { name: /^Graph picture/ }).waitFor();
      await page.getByText(/meets every house rule|does not meet/).first().waitFor();
      expect(await page.locator('.checked-file').textContent()).toContain(name);
      expect(await overflowing('valid')).toEqual({ over: [], sideways: 0 });
      // The graph downloaded: the note names the file.
      await page.getByRole('button', { name: 'Download the graph (SVG)' }).click();
      await page.getByText('Graph downloaded:').waitFor();
      expect(await overflowing('downloaded')).toEqual({ over: [], sideways: 0 });
      // Played: the preview's notice names the file.
      await page.getByRole('button', { name: 'Play it now (practice)' }).click();
      await page.getByText(/not saved and not added to your records/).waitFor();
      expect(await overflowing('playing')).toEqual({ over: [], sideways: 0 });
      await page.getByRole('button', { name: "Back to the file's check" }).first().click();
      // A file with errors of that name: each problem starts with its file:line:column.
      await page.getByLabel('Scenario file (.json)').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(EXAMPLE.toString('utf8').replace('"start":', '"begin":')) });
      await page.locator('ol.problems > li').first().waitFor();
      expect(await overflowing('errors')).toEqual({ over: [], sideways: 0 });
      await s.screenshot('e2e-preview-long-name-320');
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });

  // Found by author2-50: an id in a problem's message broke at its hyphen ("end-" at a line's end,
  // "quiet" on the next) where the whole id fitted on the next line: read as two words, or copied
  // in part. An id or a field's name now breaks only where it is longer than the line.
  it('an id in a problem breaks only when it is longer than the line: at 320, 375 and 1280 px, copied whole', async () => {
    // Twelve references to ids no node has, of different lengths, so that some fall at a line's end.
    const gone = ['end-quiet', 'end-quiet-talk', 's1-guarded-again', 'after-the-long-visit', 'd2-next-time-maybe', 'end-harmful-later',
      's1-opens-up-slowly', 'end-mixed-but-kind', 'a-very-long-id-that-a-trainer-wrote-out-in-full-for-this-one-reply', 'end-q', 'court-date-reminder', 'foster-home-visit'];
    let text = EXAMPLE.toString('utf8');
    let i = 0;
    text = text.replace(/"(to|next)": "[a-z0-9-]+"/g, (whole, key: string) => (i < gone.length ? `"${key}": "${gone[i++] as string}"` : whole));
    expect(i).toBeGreaterThan(8);
    for (const width of [320, 375, 1280]) {
      const s = await openPage(web.browser, web.app.url, '#/preview', { viewport: { width, height: 900 } });
      const { page } = s;
      try {
        await page.getByLabel('Scenario file (.json)').setInputFiles({ name: 'ids.json', mimeType: 'application/json', buffer: Buffer.from(text) });
        await page.locator('ol.problems > li').first().waitFor();
        // Each <code> without a space in the problems (an id, a field's name): on how many lines it
        // is, and whether it is wider than its paragraph (then it must break).
        const broken = await page.evaluate(() => [...document.querySelectorAll('ol.problems code')].filter((c) => !/\s/.test(c.textContent ?? '')).flatMap((c) => {
          const lines = new Set([...c.getClientRects()].map((r) => Math.round(r.top))).size;
          const probe = c.cloneNode(true) as HTMLElement;
          probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap;display:inline;';
          c.parentElement?.appendChild(probe);
          const natural = probe.getBoundingClientRect().width;
          probe.remove();
          const room = (c.parentElement as HTMLElement).clientWidth;
          return lines > 1 && natural <= room ? [`${c.textContent ?? ''} (${Math.round(natural)} of ${room} px, on ${lines} lines)`] : [];
        }));
        await s.screenshot(`e2e-preview-ids-${width}`);
        expect(broken, `${width} px`).toEqual([]);
        // The long id still fits the page: nothing scrolls sideways.
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${width} px`).toBe(0);
        // Copied, an id is the id: nothing added inside it.
        expect(await page.locator('ol.problems code', { hasText: 'end-quiet-talk' }).first().textContent()).toBe('"end-quiet-talk"');
        expect(s.errors()).toEqual([]);
      } finally {
        await s.close();
      }
    }
  });

  // Chosen by mouse, or by the arrow keys without a Tab on to the frame, "Fit the whole graph in
  // the window" fitted the picture to a frame that stayed where it was, part of it below the window.
  it('"Fit the whole graph in the window", clicked or chosen by keyboard, brings the whole graph into the window at once, its choice still in view', async () => {
    const inView = (page: Page) => page.evaluate(() => {
      const frame = document.querySelector('.graph-scroll')!;
      const f = frame.getBoundingClientRect();
      const img = frame.querySelector('img')!.getBoundingClientRect();
      const bar = document.querySelector('header.bar')!.getBoundingClientRect();
      const top = Math.max(0, bar.bottom) - 0.5;
      const radio = document.activeElement!.getBoundingClientRect();
      return {
        frameInWindow: f.top >= top && f.bottom <= innerHeight + 0.5,
        pictureInFrame: img.top >= f.top && img.bottom <= f.bottom + 0.5,
        focusedInWindow: radio.top >= top && radio.bottom <= innerHeight + 0.5,
      };
    });
    const want = { frameInWindow: true, pictureInFrame: true, focusedInWindow: true };
    for (const how of ['click', 'keyboard'] as const) {
      const s = await openPage(web.browser, web.app.url, '#/preview', { viewport: { width: 1280, height: 720 } });
      const { page } = s;
      try {
        await page.getByLabel('Scenario file (.json)').setInputFiles({ name: 'the-list.json', mimeType: 'application/json', buffer: readFileSync(join(ROOT, 'scenarios', 'the-list.json')) });
        await page.getByRole('region', { name: /^Graph picture/ }).waitFor();
        const whole = page.getByRole('radio', { name: 'Fit the whole graph in the window' });
        // The page as the trainer left it: scrolled back up to the results.
        await page.evaluate(() => window.scrollTo(0, 0));
        if (how === 'click') {
          await whole.click();
        } else {
          await page.getByRole('radio', { name: 'As drawn (scrolls in its frame)' }).focus();
          await page.keyboard.press('ArrowDown');
          await page.keyboard.press('ArrowDown');
        }
        expect(await whole.isChecked(), how).toBe(true);
        await expect.poll(() => inView(page), { message: how }).toEqual(want);
        await s.screenshot(`e2e-preview-graph-whole-${how}`);
        expect(s.errors()).toEqual([]);
      } finally {
        await s.close();
      }
    }
  });

  // While a file chosen again was still being read, the check before's "Checked again at …" and its
  // results stayed on the page (preview-checking.test.tsx checks the words; here, the page drawn).
  it('a file chosen again says "Checking mine.json…" while it is read, in place of the last results; axe clean', async () => {
    // A file's read waits while the page's test says so (a large file, a slow disk).
    const s = await openPage(web.browser, web.app.url, '#/preview', { initScript: () => {
      const read = Blob.prototype.arrayBuffer;
      const w = window as unknown as { heldRead?: Promise<void> };
      Blob.prototype.arrayBuffer = async function (this: Blob) {
        if (w.heldRead) await w.heldRead;
        return read.call(this);
      };
    } });
    const { page } = s;
    try {
      const field = page.getByLabel('Scenario file (.json)');
      const file = { name: 'mine.json', mimeType: 'application/json', buffer: EXAMPLE };
      await field.setInputFiles(file);
      await page.getByRole('heading', { level: 2, name: 'No problems found in mine.json' }).waitFor();
      await page.evaluate(() => {
        const w = window as unknown as { heldRead?: Promise<void>; release?: () => void };
        w.heldRead = new Promise((resolve) => { w.release = resolve; });
      });
      await field.setInputFiles(file);
      await expect.poll(() => page.getByRole('status').filter({ hasText: /mine\.json/ }).textContent()).toBe('Checking mine.json…');
      expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual([]);
      expect(await page.getByText(/Results below are for|is valid|Checked again/).count()).toBe(0);
      await s.screenshot('e2e-preview-checking-again');
      expect(violationsText(await runAxe(page))).toBe('');
      await page.evaluate(() => (window as unknown as { release: () => void }).release());
      await expect.poll(() => page.getByRole('status').filter({ hasText: /mine\.json/ }).textContent()).toMatch(/^Checked again at \d\d:\d\d:\d\d: mine\.json is valid\.$/);
      await page.getByRole('heading', { level: 2, name: 'No problems found in mine.json' }).waitFor();
      await s.screenshot('e2e-preview-checked-again');
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });

  // Reloaded, the page started empty and the trainer had to find their draft again: the tab keeps
  // a copy (sessionStorage, through main.tsx), and a damaged copy is said, not a crash.
  it('a reload shows the draft again from the tab\'s copy; a damaged copy is said in plain words and the page works', async () => {
    const s = await openPage(web.browser, web.app.url, '#/preview');
    const { page } = s;
    try {
      await page.getByLabel('Scenario file (.json)').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(EXAMPLE.toString('utf8').replace('"estimatedMinutes": 5', '"estimatedMinutes": "five"')) });
      await page.getByRole('heading', { level: 2, name: 'Problems in mine.json' }).waitFor();
      await page.getByText(/^This tab keeps a copy of mine\.json/).waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 2, name: 'Problems in mine.json' }).waitFor();
      expect(await page.locator('.checked-file').textContent()).toMatch(/^Results below are for mine\.json as checked at \d\d:\d\d:\d\d\./);
      expect(await page.locator('ol.problems > li').count()).toBe(1);
      await page.getByRole('button', { name: 'Clear mine.json from this page' }).waitFor();
      expect(violationsText(await runAxe(page))).toBe('');
      // Nothing in the browser's lasting storage.
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => localStorage.getItem(k)?.includes('five')))).toEqual([]);
      await page.evaluate(() => sessionStorage.setItem('casa-practice/preview-draft', '{"v":1,"name":'));
      await page.reload();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^The copy of your file that this tab kept could not be read/);
      await page.getByLabel('Scenario file (.json)').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: EXAMPLE });
      await page.getByRole('heading', { level: 2, name: 'No problems found in mine.json' }).waitFor();
      await page.getByRole('button', { name: 'Clear mine.json from this page' }).click();
      await page.reload();
      await page.getByText("Or check a file from the app's scenarios/ folder").waitFor();
      expect(await page.getByRole('heading', { level: 2 }).count()).toBe(0);
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
