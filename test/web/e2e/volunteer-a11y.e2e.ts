import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { builtAppInChromium, openPage, replyGroup, runAxe, violationsText, type PageSession } from '../helpers/browser.js';

// A volunteer practising alone, by keyboard and with a screen reader, in Debian's Chromium: where the
// focus goes back to, what Chromium's accessibility tree gives a screen reader, and long words on a
// narrow screen with large text.

const web = builtAppInChromium();

/** Answers the current decision with the first reply the story opens there, by its key (the focus on it). */
async function answerFirstByKey(page: Page): Promise<void> {
  await replyGroup(page).waitFor();
  const reply = page.locator('.replies button.reply:not([disabled])').first();
  await reply.focus();
  await page.keyboard.press((await reply.getAttribute('aria-keyshortcuts')) ?? '1');
}

/** The focused element's words (its name as shown, with any words for screen readers only). */
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

/** Tabs (Tab alone, no pointer) until the focused element's words match `name`, then presses Enter. */
async function tabToAndPress(page: Page, name: RegExp, most = 120): Promise<string> {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    const text = await focusedText(page);
    if (name.test(text)) {
      await page.keyboard.press('Enter');
      return text;
    }
  }
  throw new Error(`${name} not reached by Tab`);
}

/** Plays on by keyboard alone (reply keys, Tab and Enter) until a debrief's heading is there. */
async function keyboardToDebrief(page: Page): Promise<void> {
  await page.locator('#transcript .moment, #debrief-heading').first().waitFor();
  for (let i = 0; i < 80; i++) {
    if (await page.locator('#debrief-heading').count()) return;
    if (await replyGroup(page).count()) await answerFirstByKey(page);
    else await tabToAndPress(page, (await page.locator('#last-reply-heading').count()) ? /^See the debrief$/ : /^Continue$/, 60);
  }
  throw new Error('no debrief');
}

/** The focused element: its words, whether it shows as focused, and whether it is wholly in the window below the sticky bar. */
function focusShown(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const box = el.getBoundingClientRect();
    const bar = document.querySelector('header.bar')?.getBoundingClientRect().bottom ?? 0;
    return { text: el.textContent, visible: el.matches(':focus-visible'), inView: box.top >= bar && box.bottom <= innerHeight };
  });
}

function clean(s: PageSession) {
  expect(s.outbound).toEqual([]);
  expect(s.dialogs).toEqual([]);
  expect(s.errors()).toEqual([]);
}

describe('a volunteer by keyboard and screen reader', () => {
  // "Back to your debrief" (on a what-if's debrief, or during the replay) put the focus on the
  // debrief's heading at the top of the page: a keyboard user trying what-ifs one after another
  // Tabbed down through the whole debrief again each time. The focus goes back to the "What if:
  // replay from here" pressed, as WAI-ARIA's practices return it to the control a volunteer left by.
  it('back from a what-if by keyboard alone, the focus is on the what-if pressed, shown and in view, from its debrief and from mid-replay', async () => {
    const s = await openPage(web.browser, web.app.url, '#/play/youth-discloses', { viewport: { width: 1024, height: 700 } });
    const { page } = s;
    try {
      await keyboardToDebrief(page);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('debrief-heading');
      // Tab alone to decision 2's what-if.
      const pressed = await tabToAndPress(page, /^What if: replay from here \(decision 2: /);
      await page.getByRole('status').getByText(/^What if:/).waitFor();
      await keyboardToDebrief(page);
      await expect(page.locator('#debrief-heading').textContent()).resolves.toMatch(/^What-if debrief: /);
      await tabToAndPress(page, /^Back to your debrief$/);
      await expect.poll(() => page.locator('#debrief-heading').textContent()).toMatch(/^Debrief: /);
      await expect.poll(() => focusShown(page)).toEqual({ text: pressed, visible: true, inView: true });
      await s.screenshot('e2e-what-if-back-focus');
      expect(violationsText(await runAxe(page))).toBe('');
      // Enter again there (the focus is on it): the same what-if, left mid-way after a reply.
      await page.keyboard.press('Enter');
      await page.getByRole('status').getByText(/^What if:/).waitFor();
      await answerFirstByKey(page);
      await tabToAndPress(page, /^Back to your debrief$/);
      await expect.poll(() => page.locator('#debrief-heading').textContent()).toMatch(/^Debrief: /);
      await expect.poll(() => focusShown(page)).toEqual({ text: pressed, visible: true, inView: true });
      clean(s);
    } finally {
      await s.close();
    }
  });

  // The trust meter was a <meter> named "Kiara's trust" with aria-valuetext "50 of 100", but
  // Chromium's accessibility tree, what a screen reader is given, had its number only (valuetext
  // empty, on an ARIA meter too): "Kiara's trust, meter, 50". Its words are text now, the bar hidden.
  it("the trust meter is read in words in Chromium's accessibility tree, and follows the story", async () => {
    const s = await openPage(web.browser, web.app.url, '#/play/youth-discloses');
    const { page } = s;
    try {
      await replyGroup(page).waitFor();
      const cdp = await s.context.newCDPSession(page);
      // What the tree holds for the meters (every node of the page in the tree: none a meter; the text under .meters).
      const tree = async () => {
        type Node = { role?: { value?: unknown }; name?: { value?: unknown }; ignored?: boolean };
        const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: Node[] };
        const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
        const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.meters' });
        const under = (await cdp.send('Accessibility.queryAXTree', { nodeId })) as { nodes: Node[] };
        return {
          meters: nodes.filter((n) => !n.ignored && ['meter', 'progressbar'].includes(String(n.role?.value))).length,
          text: under.nodes.filter((n) => !n.ignored && n.role?.value === 'StaticText').map((n) => n.name?.value),
        };
      };
      const at = await tree();
      expect(at).toEqual({ meters: 0, text: [expect.stringMatching(/^Kiara's trust: \d+ of 100$/)] });
      // The same words as drawn (the label and the words beside the bar, hidden from the tree).
      const drawn = await page.locator('.meter > [aria-hidden="true"]').evaluateAll((els) => els.map((e) => e.textContent).filter(Boolean).join(' '));
      expect(drawn).toBe(at.text[0]?.toString().replace(':', ''));
      // After a reply that moves it, the words say the new value.
      const before = await page.locator('.meter meter').getAttribute('value');
      for (let i = 0; i < 6 && (await page.locator('.meter meter').getAttribute('value')) === before; i++) {
        if (await replyGroup(page).count()) await answerFirstByKey(page);
        else await page.getByRole('button', { name: 'Continue' }).click();
      }
      const value = await page.locator('.meter meter').getAttribute('value');
      expect(value).not.toBe(before);
      expect(await tree()).toEqual({ meters: 0, text: [`Kiara's trust: ${value} of 100`] });
      await cdp.detach();
      expect(violationsText(await runAxe(page))).toBe('');
      clean(s);
    } finally {
      await s.close();
    }
  });
});
