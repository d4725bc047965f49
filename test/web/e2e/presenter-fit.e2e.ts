import { join } from 'node:path';
import { expect, it } from 'vitest';
import { builtAppInChromium, openPage, runAxe, SCREENSHOTS, violationsText } from '../helpers/browser.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

const web = builtAppInChromium();
// Four of the bundled scenarios, on one path each (walking all sixteen took 45 s of the suite): 24 of
// their 28 decisions fit (web-55: the status line on the heading's line, the note's button on the
// replies' heading's), 23 before (follow-53, again in follow-54: the prompt, note button and spacing
// tighter), 17 before that, 9 without the rule for short windows; the bound leaves two for font rendering.
// The four left (web-56: 62, 195, 70 and 164 px too tall, long scenes) were looked at: the vote boxes
// moved into the margin right of the reading column at 1280 px (each reply's words given the whole
// 70ch) took 17 px off two of them and fitted none; the rest would need smaller type, closer lines,
// a wider column or the introductions folded away, each worse for a room reading a mirrored laptop.
const SAMPLE = ['before-relapse', 'boy-red-flags', 'jae-and-hyung', 'testifying'];

// Walked by trainer-52: on a 1280×720 laptop most long decisions did not fit whole in presenter mode's
// window, from the status line to the last reply above the trainer's steps: 33 of the 129 met on
// one path through every bundled scenario (the first reply followed at each). In a window under
// 800 px high the scene's heading is a size smaller, the story in presenter mode's own type, and
// the paragraphs and replies closer together (styles.css): 64 of 128 fit (61 of 125 on another run: the replies are shuffled, so the path differs a little).
it('presenter mode at 1280×720: most decisions on one path through four bundled scenarios fit whole from the status line to the last reply above the trainer\'s steps, in type no smaller than 21 px for the story and the replies; axe clean', async () => {
  const s = await openPage(web.browser, web.app.url, '', { viewport: { width: 1280, height: 720 } });
  const { page } = s;
  const tight: string[] = [];
  const small: string[] = [];
  let fit = 0;
  let all = 0;
  try {
    for (const id of SAMPLE) {
      await page.goto(`${web.app.url}?presenter#/presenter/${id}`);
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await page.getByRole('button', { name: 'Start the session' }).click();
      for (let steps = 0; steps < 60; steps++) {
        // Each new moment takes the focus from the button pressed (its heading, or the ending's).
        await page.waitForFunction(() => document.activeElement?.tagName !== 'BUTTON');
        if (await page.locator('input.vote-input').count()) {
          const m = await page.evaluate(() => {
            scrollTo(0, 0);
            // From the top of the status line or of the heading, whichever is higher (the status line is on the heading's line).
            const status = { top: Math.min(...['main .status-line', 'main h1'].map((sel) => document.querySelector(sel)!.getBoundingClientRect().top)) };
            const last = [...document.querySelectorAll('ol.options > li')].at(-1)!.getBoundingClientRect();
            const bar = document.querySelector('.bar')!.getBoundingClientRect();
            const row = document.querySelector('main .trainer-steps')!.getBoundingClientRect();
            const sizes = [...document.querySelectorAll('main :is(.narration, .line, .discussion, ol.options > li)')].map((el) => parseFloat(getComputedStyle(el).fontSize));
            return { need: Math.round(last.bottom - status.top), room: Math.round(row.top - bar.bottom), smallest: Math.min(...sizes), title: document.querySelector('h1')?.textContent };
          });
          all++;
          if (m.need <= m.room) fit++;
          else {
            tight.push(`${id} ${m.title}: ${m.need - m.room} px too tall`);
            // The window as the trainer sees it at the top of the decision (with CASA_SCREENSHOTS=1).
            if (SCREENSHOTS) await page.screenshot({ path: join(ROOT, 'test-artifacts', 'screenshots', `e2e-presenter-fit-tight-${tight.length}.png`) });
          }
          if (m.smallest < 21) small.push(`${id} ${m.title}: ${m.smallest} px`);
          if (all === 1) {
            // The status line on the heading's line, the note's button on the replies' heading's, both
            // ending at the vote boxes' right edge; axe clean (target sizes) here, at 1024×768, and at
            // 200% zoom (640×360: one column, nothing beside the headings).
            const beside = () => page.evaluate(() => {
              const box = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
              const sameLine = (a: DOMRect, b: DOMRect) => a.top < b.bottom && b.top < a.bottom;
              const note = box('main button[aria-controls="facilitator-note"]');
              const vote = box('input.vote-input');
              return { status: sameLine(box('main .status-line'), box('main h1')), note: sameLine(note, box('#options-heading')), edge: Math.abs(note.right - vote.right) <= 1 && Math.abs(box('main .status-line').right - vote.right) <= 1 };
            });
            expect(await beside()).toEqual({ status: true, note: true, edge: true });
            expect(violationsText(await runAxe(page))).toBe('');
            await page.setViewportSize({ width: 1024, height: 768 });
            expect(await beside()).toEqual({ status: true, note: true, edge: true });
            expect(violationsText(await runAxe(page)), '1024×768').toBe('');
            await page.setViewportSize({ width: 640, height: 360 });
            expect(await beside()).toEqual({ status: false, note: false, edge: false });
            expect(violationsText(await runAxe(page)), '200% zoom').toBe('');
            await page.setViewportSize({ width: 1280, height: 720 });
          }
          await page.getByRole('button', { name: 'Reveal the feedback' }).click();
          await page.locator('#reveal-heading:focus').waitFor();
          // The replies are shuffled per session; the path is made the same at every run by following the
          // reply whose text (numbers left out) sorts first, so the count below does not wander.
          const pick = await page.evaluate(() => {
            const items = [...document.querySelectorAll('ol.reveal > li')]
              .map((li, i) => ({ i, key: (li.textContent ?? '').replace(/\d+/g, ''), open: li.querySelector('button:not([aria-disabled="true"])') !== null }))
              .filter((item) => item.open)
              .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
            return items[0]?.i ?? -1;
          });
          if (pick < 0) break;
          await page.locator('ol.reveal > li').nth(pick).locator('button:not([aria-disabled="true"])').first().click();
        } else if (await page.getByRole('button', { name: 'Continue', exact: true }).count()) {
          await page.getByRole('button', { name: 'Continue', exact: true }).click();
        } else break;
      }
    }
  } finally {
    await s.close();
  }
  // (Printed for the record: which decisions still scroll, and by how much.)
  console.log(`presenter mode at 1280×720: ${fit} of ${all} decisions fit whole\n${tight.join('\n')}`);
  expect(all).toBeGreaterThan(25);
  expect(small).toEqual([]);
  expect(fit).toBeGreaterThanOrEqual(22);
}, 600_000);
