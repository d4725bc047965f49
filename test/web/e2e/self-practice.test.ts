import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { builtAppInChromium, openPage, runAxe, seedLocalStorage, violationsText, type PageSession } from '../helpers/browser.js';

// The self-practice pages as Chromium gives them to a screen reader and to a printer: what jsdom
// cannot show (it lays nothing out, so it cannot tell where Chromium puts spaces in a name, and
// it applies no print style sheet).

const web = builtAppInChromium();

/** The names Chromium's accessibility tree gives the links of a page, as a screen reader gets them. */
async function linkNames(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { ignored?: boolean; role?: { value?: string }; name?: { value?: string } }[] };
    return nodes.filter((n) => !n.ignored && n.role?.value === 'link').map((n) => n.name?.value ?? '');
  } finally {
    await cdp.detach();
  }
}

async function axeClean(s: PageSession, name: string) {
  await s.screenshot(name);
  expect(violationsText(await runAxe(s.page)), name).toBe('');
}

/** Two finished practices on the same day, as My records keeps them. */
const RECORDS = JSON.stringify({
  format: 'casa-practice-records',
  formatVersion: 2,
  best: { 'youth-discloses': { bestPercent: 80, completions: 2, lastCompleted: '2026-11-20T22:40:00.000Z' } },
  playthroughs: ['2026-11-20T17:05:00.000Z', '2026-11-20T22:40:00.000Z'].map((completedAt, i) => ({
    id: `6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4${i}`, scenarioId: 'youth-discloses', scenarioVersion: 1, title: 'What Kiara tells you', mode: 'practice',
    completedAt, minutes: 12, score: { earned: 8, best: 10, percent: 80, capped: false }, band: 'strong', decisions: [], principles: [],
  })),
});

describe('the self-practice pages in Chromium', () => {
  it("names each scenario's links 'Practise: title' and 'Assessment: title', with no space before the colon", async () => {
    const s = await openPage(web.browser, web.app.url);
    try {
      await s.page.locator('.card').first().waitFor();
      const names = (await linkNames(s.page)).filter((n) => /^(Practise|Assessment|Continue where you left off)\b/.test(n));
      expect(names).toContain('Practise: What Kiara tells you');
      expect(names).toContain('Assessment: What Kiara tells you');
      expect(names.filter((n) => !/^(Practise|Assessment|Continue where you left off): \S/.test(n))).toEqual([]);
      await axeClean(s, 'self-practice-library');
    } finally {
      await s.close();
    }
  });

  it('the play page and a what-if replay pass axe, with the meter, the status line and the what-if status', async () => {
    const s = await openPage(web.browser, web.app.url, '#/play/youth-discloses');
    const { page } = s;
    try {
      await page.getByRole('group').waitFor();
      await axeClean(s, 'self-practice-play');
      for (let i = 0; i < 80 && !(await page.locator('#debrief-heading').count()); i++) {
        if (await page.getByRole('group').count()) await page.keyboard.press('1');
        else await page.getByRole('button', { name: 'Continue' }).click();
      }
      await page.getByRole('button', { name: /What if: replay from here/ }).nth(1).click();
      await page.getByRole('status').getByText(/^What if:/).waitFor();
      await axeClean(s, 'self-practice-what-if');
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('prints My records without its buttons and file picker, keeping the records and the total', async () => {
    const s = await openPage(web.browser, web.app.url, '#/records', { initScript: seedLocalStorage({ 'records.json': RECORDS }) });
    const { page } = s;
    try {
      await page.getByRole('cell', { name: 'Practice' }).first().waitFor();
      await axeClean(s, 'self-practice-records');
      await page.emulateMedia({ media: 'print' });
      const shown = await page.evaluate(() => [...document.querySelectorAll('button, input, select, textarea, a.button, label')]
        .filter((e) => e.checkVisibility())
        .map((e) => e.textContent || e.outerHTML.slice(0, 60)));
      expect(shown).toEqual([]);
      expect(await page.locator('.records-table').isVisible()).toBe(true);
      expect(await page.locator('.records-table tbody tr').count()).toBe(2);
      expect(await page.getByText('So far:').isVisible()).toBe(true);
      // Last: a full-page capture ends the print emulation.
      await s.screenshot('self-practice-records-print');
    } finally {
      await s.close();
    }
  });
});
