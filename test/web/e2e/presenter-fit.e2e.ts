import { expect, it } from 'vitest';
import { builtAppInChromium, openPage, runAxe, violationsText } from '../helpers/browser.js';

const web = builtAppInChromium();
// Four of the bundled scenarios, on one path each (walking all sixteen took 45 s of the suite): 23 of
// their 28 decisions fit (follow-53, again in follow-54: the prompt, note button and spacing tighter), 17
// before that, 9 without the rule for short windows; the bound leaves two for font rendering.
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
            const status = document.querySelector('main .status-line')!.getBoundingClientRect();
            const last = [...document.querySelectorAll('ol.options > li')].at(-1)!.getBoundingClientRect();
            const bar = document.querySelector('.bar')!.getBoundingClientRect();
            const row = document.querySelector('main .trainer-steps')!.getBoundingClientRect();
            const sizes = [...document.querySelectorAll('main :is(.narration, .line, .discussion, ol.options > li)')].map((el) => parseFloat(getComputedStyle(el).fontSize));
            return { need: Math.round(last.bottom - status.top), room: Math.round(row.top - bar.bottom), smallest: Math.min(...sizes), title: document.querySelector('h1')?.textContent };
          });
          all++;
          if (m.need <= m.room) fit++;
          else tight.push(`${id} ${m.title}: ${m.need - m.room} px too tall`);
          if (m.smallest < 21) small.push(`${id} ${m.title}: ${m.smallest} px`);
          if (all === 1) expect(violationsText(await runAxe(page))).toBe('');
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
  expect(fit).toBeGreaterThanOrEqual(21);
}, 600_000);
