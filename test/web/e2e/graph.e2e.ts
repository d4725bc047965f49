import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GRAPH_COLOURS, toSvg } from '../../../src/machines/graph-layout.js';
import type { Scenario } from '../../../src/machines/index.js';
import { BUNDLED_IDS, bundledScenario } from '../../helpers/bundled.js';
import { builtAppInChromium, countPixels, openPage } from '../helpers/browser.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

const web = builtAppInChromium();

/** The first bundled scenario with its scenes' and decisions' titles replaced, one title each in turn. */
function retitled(titles: readonly string[]): Scenario {
  const s = structuredClone(bundledScenario(BUNDLED_IDS[0] as string));
  let i = 0;
  for (const node of s.nodes) if (node.kind !== 'ending') node.title = titles[i++ % titles.length] as string;
  return s;
}

describe('the scenario graph drawn by Chromium', () => {
  it('draws every line of every node inside its box, for titles in capitals, accents and wide characters too', async () => {
    // The layout cannot measure text; it estimates each line's width. Counting characters let a
    // title in capitals run ~70 px out of its box, over the next node. Chromium here draws with
    // DejaVu Sans (system-ui on this machine), the widest of the usual sans-serif fonts.
    const stress = retitled([
      'WHAT HAPPENS NOW WHEN EVERYONE AT SCHOOL ALREADY KNOWS ABOUT IT',
      'MMMM WWWW MMMM WWWW MMMM WWWW MMMM WWWW',
      'Ñoño Ávila Éxito Ñandú Ünïcödé Ærøskøbing ÀÉÎÕÜ',
      '中文标题在这里很长很长很长很长很长的标题文字',
      'Wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww',
    ]);
    const drawings = [...BUNDLED_IDS.map((id) => bundledScenario(id)), stress];
    const page = await web.browser.newPage();
    try {
      const outside: string[] = [];
      for (const s of drawings) {
        await page.setContent(`<!doctype html><body style="margin:0">${toSvg(s)}</body>`);
        outside.push(...await page.evaluate(() => [...document.querySelectorAll('svg > g')].flatMap((g) => {
          const box = g.querySelector(':scope > rect');
          if (!box || g.querySelector('polyline')) return [];
          const right = Number(box.getAttribute('x')) + Number(box.getAttribute('width'));
          return [...g.querySelectorAll('text')]
            .filter((t) => Number(t.getAttribute('x')) + t.getComputedTextLength() > right - 2)
            .map((t) => t.textContent ?? '');
        })));
      }
      expect(outside).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('with forced colours (Windows high contrast), light and dark, the Preview\'s picture is drawn in the system\'s colours: its background the page\'s Canvas, its words and lines in CanvasText, none of its own fills', async () => {
    // An <img> is not recoloured by the browser: a dark high-contrast theme got a white picture of
    // pastel boxes, and one with other system colours (yellow on black) got none of them.
    const ownFills = Object.values(GRAPH_COLOURS).map((c) => c.fill);
    for (const colorScheme of ['dark', 'light'] as const) {
      const s = await openPage(web.browser, web.app.url, '#/preview', { forcedColors: 'active', colorScheme });
      const { page } = s;
      try {
        await page.getByLabel('Scenario file (.json)').setInputFiles({ name: 'the-list.json', mimeType: 'application/json', buffer: readFileSync(join(ROOT, 'scenarios', 'the-list.json')) });
        const picture = page.getByRole('region', { name: /^Graph picture/ }).getByRole('img');
        await picture.waitFor();
        await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
        // The picture as its frame shows it, at its own size (the part in view).
        const frame = page.getByRole('region', { name: /^Graph picture/ });
        await frame.scrollIntoViewIfNeeded();
        await s.screenshot(`e2e-preview-graph-forced-${colorScheme}`);
        // The picture as drawn on the screen (its screenshot, read back in the page), counted by colour.
        const seen = await countPixels(page, await frame.screenshot(), (px, fills) => {
          const rgb = (css: string) => {
            const probe = document.createElement('span');
            probe.style.cssText = `forced-color-adjust: none; color: ${css}`;
            document.body.append(probe);
            const m = /(\d+), (\d+), (\d+)/.exec(getComputedStyle(probe).color);
            probe.remove();
            return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [];
          };
          const hex = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
          const near = (c: number[]) => {
            let n = 0;
            for (let i = 0; i < px.length; i += 4) if (Math.abs(px[i]! - c[0]!) + Math.abs(px[i + 1]! - c[1]!) + Math.abs(px[i + 2]! - c[2]!) <= 12) n++;
            return n / (px.length / 4);
          };
          return { canvas: near(rgb('Canvas')), text: near(rgb('CanvasText')), ownFills: Math.max(...fills.map((f) => near(hex(f)))) };
        }, ownFills);
        // Mostly the page's own background; words and lines in its text colour; no pastel box.
        expect(seen.canvas, colorScheme).toBeGreaterThan(0.6);
        expect(seen.text, colorScheme).toBeGreaterThan(0.003);
        expect(seen.ownFills, colorScheme).toBeLessThan(0.001);
        expect(s.errors()).toEqual([]);
      } finally {
        await s.close();
      }
    }
  });

  it("on paper, the Preview prints the whole graph, fitted to the page's width, with its list open, and not the page's controls", async () => {
    // Printed, the picture's frame (at most a window tall, scrolling) gave the paper the graph's top
    // screenful, cut at the right, and the list of its arrows stayed folded.
    const s = await openPage(web.browser, web.app.url, '#/preview/couch-rent.json');
    const { page } = s;
    try {
      const frame = page.getByRole('region', { name: /^Graph picture/ });
      const picture = frame.getByRole('img');
      await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      await page.emulateMedia({ media: 'print' });
      const drawn = await frame.evaluate((el) => {
        const img = el.querySelector('img')!;
        const box = el.getBoundingClientRect();
        const pic = img.getBoundingClientRect();
        return { clipped: el.scrollHeight - el.clientHeight, overRight: Math.round(pic.right - box.right), overBottom: Math.round(pic.bottom - box.bottom), scale: pic.width / img.naturalWidth };
      });
      expect(drawn.clipped).toBeLessThanOrEqual(1);
      expect(drawn.overRight).toBeLessThanOrEqual(1);
      expect(drawn.overBottom).toBeLessThanOrEqual(1);
      expect(drawn.scale).toBeGreaterThan(0.3);
      await expect.poll(() => page.locator('.graph-list li').first().isVisible()).toBe(true);
      for (const control of [page.getByLabel('Scenario file (.json)'), page.getByRole('button', { name: 'Download the graph (SVG)' }), page.getByRole('radio').first(), page.getByText("Or check a file from the app's scenarios/ folder")]) {
        expect(await control.isVisible()).toBe(false);
      }
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
