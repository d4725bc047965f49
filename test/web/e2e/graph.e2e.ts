import { describe, expect, it } from 'vitest';
import { toSvg } from '../../../src/machines/graph-layout.js';
import type { Scenario } from '../../../src/machines/index.js';
import { BUNDLED_IDS, bundledScenario } from '../../helpers/bundled.js';
import { builtAppInChromium } from '../helpers/browser.js';

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
});
