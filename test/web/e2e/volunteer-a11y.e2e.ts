import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BACK_IN_DEBRIEF } from '../../../src/web/components/Debrief.js';
import { builtAppInChromium, openDebriefFolds, openPage, replyGroup, runAxe, violationsText, type PageSession } from '../helpers/browser.js';

// A volunteer practising alone, by keyboard and with a screen reader, in Debian's Chromium: where the
// focus goes back to, what Chromium's accessibility tree gives a screen reader, and long words on a
// narrow screen with large text.

const web = builtAppInChromium();
const ROOT = join(import.meta.dirname, '..', '..', '..');

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

/**
 * The words in Chromium's accessibility tree, as a screen reader is given them, that are in a live
 * region: each text's words with the politeness of the region it is in (the `live` property of its
 * nearest ancestor that has one: the region's root), in page order.
 */
async function liveWords(s: PageSession): Promise<string[]> {
  const cdp = await s.context.newCDPSession(s.page);
  try {
    type Node = { nodeId: string; parentId?: string; ignored?: boolean; role?: { value?: unknown }; name?: { value?: unknown }; properties?: { name: string; value: { value?: unknown } }[] };
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: Node[] };
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const live = (n: Node): unknown => {
      for (let at: Node | undefined = n; at; at = at.parentId === undefined ? undefined : byId.get(at.parentId)) {
        const politeness = at.properties?.find((p) => p.name === 'live')?.value.value;
        if (politeness !== undefined) return politeness;
      }
      return undefined;
    };
    return nodes.filter((n) => !n.ignored && n.role?.value === 'StaticText' && live(n) !== undefined && live(n) !== 'off').map((n) => `${String(live(n))}: ${String(n.name?.value)}`);
  } finally {
    await cdp.detach();
  }
}

function clean(s: PageSession) {
  expect(s.outbound).toEqual([]);
  expect(s.dialogs).toEqual([]);
  expect(s.errors()).toEqual([]);
}

/**
 * A scenario played at a desk (1280×800, reduced motion): `body` drives it, then the page is checked
 * clean (nothing sent, no dialog, no error) and closed, whatever happened.
 */
async function atDesk(scenario: string, body: (s: PageSession, page: Page) => Promise<void>): Promise<void> {
  const s = await openPage(web.browser, web.app.url, `#/play/${scenario}`, { viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  try {
    await body(s, s.page);
    clean(s);
  } finally {
    await s.close();
  }
}

/** From the scenario's opening scene to its first decision by keyboard (Continue), its replies shown. */
async function continueToDecision(page: Page): Promise<void> {
  // Tab only once the scene is drawn: under load the page could still be starting, and 120 Tabs
  // went round an empty page before its Continue was there.
  await page.getByRole('button', { name: 'Continue', exact: true }).waitFor();
  await tabToAndPress(page, /^Continue$/);
  await replyGroup(page).waitFor();
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
      // The focus there says that button's name only: where the volunteer is is said politely, once
      // (the only words in a live region now), the screen's text unchanged (the region is off screen).
      await expect.poll(() => liveWords(s)).toEqual([`polite: ${BACK_IN_DEBRIEF}`]);
      expect(await page.getByText(BACK_IN_DEBRIEF).evaluate((el) => el.closest('.sr-only') !== null)).toBe(true);
      await s.screenshot('e2e-what-if-back-focus');
      expect(violationsText(await runAxe(page))).toBe('');
      // Enter again there (the focus is on it): the same what-if, left mid-way after a reply.
      await page.keyboard.press('Enter');
      await page.getByRole('status').getByText(/^What if:/).waitFor();
      await answerFirstByKey(page);
      await tabToAndPress(page, /^Back to your debrief$/);
      await expect.poll(() => page.locator('#debrief-heading').textContent()).toMatch(/^Debrief: /);
      await expect.poll(() => focusShown(page)).toEqual({ text: pressed, visible: true, inView: true });
      await expect.poll(() => liveWords(s)).toEqual([`polite: ${BACK_IN_DEBRIEF}`]);
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

  // At 320 px with text at 200% (WCAG 1.4.10 reflow), a word longer than the line (a 45-letter word
  // in a title, a web address in a narration or feedback) must wrap where it is, never push the page
  // sideways. A trainer's file, in place of a bundled one (red-flags, served from its own text), on
  // every page a volunteer meets it: the first page, the play page at each step, the debrief with its
  // folds open, the debrief opened again, My records and the certificate.
  it('at 320 px with text at 200%, long words and web addresses wrap on every page: nothing to scroll sideways', async () => {
    const s = await openPage(web.browser, web.app.url, '#/', { viewport: { width: 320, height: 640 } });
    const { page } = s;
    try {
      await s.context.route(/\/assets\/red-flags-[\w-]+\.js$/, (route) => route.fulfill({ contentType: 'text/javascript', body: `export default ${JSON.stringify(LONG_WORDS)};` }));
      await page.reload();
      await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
      const checked: string[] = [];
      // `regions`: the tables that may scroll sideways inside the page, the page saying so above them
      // (TableWrap's "wider than the screen").
      const fits = async (where: string, regions: string[] = []) => {
        checked.push(where);
        await s.screenshot(`e2e-long-words-${where}`);
        expect.soft(await sideways(page), where).toEqual({ page: 0, regions, past: [] });
      };
      await page.getByRole('heading', { level: 2, name: LONG_TITLE }).waitFor();
      await fits('library');
      await page.evaluate(() => (location.hash = '#/play/red-flags'));
      for (let step = 0; step < 12 && !(await page.locator('#debrief-heading').count()); step++) {
        await page.locator('.replies button.reply, .play > .controls .primary').first().waitFor();
        await fits(`play-${step + 1}`);
        if (step === 0) {
          // Who's who, opened: the people met so far, their names long too.
          const who = page.locator('details.who');
          await who.locator('summary').click();
          await expect.poll(() => who.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
          await fits('play-whos-who');
          await who.locator('summary').click();
        }
        const reply = page.locator('.replies button.reply:not([disabled])').first();
        if (await reply.count()) await reply.click();
        else await page.locator('.play > .controls .primary').first().click();
      }
      await page.locator('#debrief-heading').waitFor();
      expect(await openDebriefFolds(page)).toBeGreaterThan(0);
      await fits('debrief');
      await page.evaluate(() => (location.hash = '#/records'));
      await page.getByRole('rowheader', { name: LONG_TITLE }).waitFor();
      await fits('records');
      await page.evaluate(() => (location.hash = '#/certificate'));
      await page.getByRole('cell', { name: LONG_TITLE }).or(page.getByRole('rowheader', { name: LONG_TITLE })).first().waitFor();
      // Each of its rows a card there, as My records' (it scrolled sideways in its region).
      await fits('certificate');
      expect(await page.getByText('This table is wider than the screen').count()).toBe(0);
      await page.evaluate(() => (location.hash = '#/debrief/red-flags'));
      await page.locator('#debrief-heading').waitFor();
      expect(await openDebriefFolds(page)).toBeGreaterThan(0);
      await fits('debrief-again');
      // The same file checked on the Preview page (its name a long word too): its graph's picture
      // scrolls in a region of its own, named so, as with any file.
      await page.evaluate(() => (location.hash = '#/preview'));
      await page.getByLabel('Scenario file (.json)').setInputFiles({ name: `${LONG}.json`, mimeType: 'application/json', buffer: Buffer.from(LONG_WORDS) });
      await page.getByText(/ is valid/).first().waitFor();
      await fits('preview', ['Graph picture (scrolls)']);
      expect(checked.length).toBeGreaterThan(6);
      expect(violationsText(await runAxe(page))).toBe('');
      clean(s);
    } finally {
      await s.close();
    }
  });

  // Back from a break by keyboard (Escape, or "Back to where I was"), the focus goes to the newest
  // moment's heading. The way to "Take a break" by keyboard, Shift+Tab through the navigation,
  // scrolls the page to its top; the page came back there, and only a heading wholly out of sight
  // was brought into view. At 1280x800 the heading of a decision just opened by Continue was left at
  // the window's bottom edge, its question and replies (where the reply keys act) below it, unseen.
  it('back from a break by keyboard, the decision the focus returns to is on the screen with its replies, as after Continue', async () => {
    await atDesk('trafficker-contact', async (s, page) => {
      await continueToDecision(page);
      const shown = () => page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const bar = document.querySelector('header.bar')!.getBoundingClientRect().bottom;
        const heading = el.getBoundingClientRect();
        const replies = document.querySelector('.replies')!.getBoundingClientRect();
        return {
          focus: el.classList.contains('moment-heading') ? el.textContent : `not a moment: ${el.tagName} ${el.textContent}`,
          heading: heading.top >= bar && heading.bottom <= innerHeight,
          replies: replies.bottom <= innerHeight,
        };
      });
      const newest = await page.locator('.moment-heading').last().textContent();
      // As Continue left it: the new moment from the top, its replies below it in the window.
      await expect.poll(shown).toEqual({ focus: newest, heading: true, replies: true });
      for (const leave of ['Escape', 'Back to where I was'] as const) {
        for (let i = 0; i < 20 && (await focusedText(page)) !== 'Take a break'; i++) await page.keyboard.press('Shift+Tab');
        await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: 'Take a break', level: 1 }).waitFor();
        if (leave === 'Escape') await page.keyboard.press('Escape');
        else await tabToAndPress(page, /^Back to where I was$/, 5);
        await replyGroup(page).waitFor();
        await expect.poll(shown, { message: leave }).toEqual({ focus: newest, heading: true, replies: true });
      }
      await s.screenshot('e2e-back-from-break-decision');
    });
  });

  // One scenario open in two tabs: when the other tab goes on with it, this one stops (its replies
  // and controls are taken away) and says so in an alert. The focus was on a reply there, and went
  // with it to the document's body: the next Tab started again from "Skip to content" at the top.
  it('the same scenario gone on with in another tab: the focus on a reply taken away goes to the moment it stopped at, shown, the alert said once', async () => {
    await atDesk('trafficker-contact', async (s, page) => {
      await continueToDecision(page);
      const other = await s.context.newPage();
      await other.goto(`${web.app.url}#/play/trafficker-contact`);
      await replyGroup(other).waitFor();
      await page.bringToFront();
      // The volunteer Tabs to reply 2 here, and the other tab answers the decision.
      for (let i = 0; i < 10 && !/^2/.test(await focusedText(page)); i++) await page.keyboard.press('Tab');
      expect(await focusedText(page)).toMatch(/^2/);
      const newest = await page.locator('.moment-heading').last().textContent();
      await other.locator('.replies button.reply').first().click();
      await page.getByRole('alert').getByText(/^You went on with this scenario in another tab or window/).waitFor();
      const where = () => page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const bar = document.querySelector('header.bar')!.getBoundingClientRect().bottom;
        const inView = (e: Element) => e.getBoundingClientRect().top >= bar && e.getBoundingClientRect().bottom <= innerHeight;
        return { focus: el.classList.contains('moment-heading') ? el.textContent : `${el.tagName} ${el.textContent?.slice(0, 30)}`, shown: el.matches(':focus-visible') && inView(el), alert: inView(document.querySelector('[role="alert"]')!) };
      });
      await expect.poll(where).toEqual({ focus: newest, shown: true, alert: true });
      // The alert alone is in a live region, said once; the heading's words are not in it.
      expect(await page.getByRole('alert').count()).toBe(1);
      expect(violationsText(await runAxe(page))).toBe('');
      await s.screenshot('e2e-gone-on-elsewhere-focus');
      await other.close();
    });
  });

  // The first page open in one tab while the scenario is played in another: it went on offering
  // "Continue where you stopped (1 reply made …)" after the other tab had finished the scenario, the
  // card still "Not completed yet" and with no "See your last debrief", until the page was reloaded.
  it('the first page follows a scenario played in another tab: its Continue link goes once it is finished there, the focus on it moving to the card', async () => {
    await atDesk('red-flags', async (s, page) => {
      await continueToDecision(page);
      await answerFirstByKey(page);
      const first = await s.context.newPage();
      await first.goto(web.app.url);
      const title = 'New nails, new phone, new boyfriend';
      const goOn = first.getByRole('link', { name: `Continue: ${title}` });
      await goOn.focus();
      await first.keyboard.press('Shift+Tab');
      await first.keyboard.press('Tab');
      expect(await first.evaluate(() => document.activeElement?.textContent)).toBe(`Continue: ${title}`);
      await page.bringToFront();
      await keyboardToDebrief(page);
      await first.bringToFront();
      await expect.poll(() => first.getByRole('link', { name: `Continue: ${title}` }).count()).toBe(0);
      const card = first.getByRole('listitem').filter({ has: first.getByRole('heading', { level: 2, name: title }) });
      await expect.poll(() => card.getByText(/^Completed · best score \d+%/).count()).toBe(1);
      expect(await card.getByRole('link', { name: `See your last debrief: ${title}` }).count()).toBe(1);
      await expect.poll(() => first.evaluate(() => ({ name: document.activeElement?.getAttribute('aria-label'), shown: document.activeElement?.matches(':focus-visible') }))).toEqual({ name: `Practise: ${title}`, shown: true });
      expect(violationsText(await runAxe(first))).toBe('');
      await first.close();
    });
  });

  // Session 61: a save made before its scenario was updated was offered on the first page as
  // "Continue where you stopped (…)", and the click said it could not be. In Chromium, from the
  // page's first drawing: no Continue link at any moment, the link says what it does, axe clean.
  it('the first page says a save its scenario has outgrown cannot be continued, before the click: no Continue link at any moment, axe clean', async () => {
    await atDesk('red-flags', async (s, page) => {
      await continueToDecision(page);
      await answerFirstByKey(page);
      await page.evaluate(() => {
        const key = 'casa-practice/saves/red-flags.json';
        const slot = JSON.parse(localStorage.getItem(key) ?? '') as { session: { scenarioVersion: number } };
        slot.session.scenarioVersion -= 1;
        localStorage.setItem(key, JSON.stringify(slot));
      });
      const first = await s.context.newPage();
      // Every link drawn in "In progress", from the first.
      await first.addInitScript(() => {
        const seen: string[] = [];
        (window as { __links?: string[] }).__links = seen;
        new MutationObserver(() => document.querySelectorAll('.in-progress a').forEach((a) => seen.push(a.textContent ?? ''))).observe(document, { childList: true, subtree: true, characterData: true });
      });
      await first.goto(web.app.url);
      const title = 'New nails, new phone, new boyfriend';
      await first.getByRole('link', { name: `Start again: ${title}` }).waitFor();
      const card = first.getByRole('listitem').filter({ has: first.getByRole('heading', { level: 2, name: title }) });
      await card.getByText(/^Your saved progress \(1 reply made, practice, saved (just now|1 minute ago)\) cannot be picked up where you left off: the scenario has changed since you saved it/).waitFor();
      expect(await first.getByRole('link', { name: /^Continue/ }).count()).toBe(0);
      expect(await card.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('aria-label')))).toEqual([`Practise: ${title}`, `Assessment: ${title}`]);
      expect([...new Set(await first.evaluate(() => (window as { __links?: string[] }).__links ?? []))]).toEqual([`Start again: ${title}`]);
      expect(violationsText(await runAxe(first))).toBe('');
      await first.close();
    });
  });

  // Session 60: Back (the browser's) into a debrief opened it anew at its heading, folds closed: a
  // volunteer who had read down to "What next" and followed My records was a dozen screens above
  // where they had been, the next Tab at the top of the debrief.
  it('Back into the debrief from My records puts the reader where they were: the page scrolled there, the fold they opened open, the focus on the link they followed; from the bar\'s name, on the part they were reading', async () => {
    await atDesk('youth-discloses', async (_s, page) => {
      await keyboardToDebrief(page);
      const fold = page.locator('article.debrief details > summary').nth(2);
      await fold.focus();
      await page.keyboard.press('Enter');
      const opened = () => page.evaluate(() => [...document.querySelectorAll<HTMLDetailsElement>('article.debrief details')].flatMap((d, i) => (d.open ? [i] : [])));
      expect(await opened()).toEqual([2]);
      await tabToAndPress(page, /^My records$/);
      await page.getByRole('heading', { level: 1, name: 'My records' }).waitFor();
      await page.goBack();
      await page.locator('#debrief-heading').waitFor();
      await expect.poll(() => focusedText(page)).toBe('My records');
      expect(await page.evaluate(() => document.activeElement?.closest('article.debrief') !== null)).toBe(true);
      expect((await focusShown(page)).inView).toBe(true);
      expect(await opened()).toEqual([2]);

      // Scrolled to the middle of the debrief, the bar's name followed by the pointer: back there, the
      // focus on the heading of the part read (the next Tab goes on from there, not from the top).
      await page.evaluate(() => window.scrollTo(0, 1200));
      await page.locator('a.brand').click();
      await page.getByRole('heading', { level: 1, name: 'Practise a conversation' }).waitFor();
      await page.goBack();
      await page.locator('#debrief-heading').waitFor();
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(1200);
      const at = await page.evaluate(() => ({ tag: document.activeElement?.tagName, inDebrief: document.activeElement?.closest('article.debrief') !== null, top: document.activeElement?.getBoundingClientRect().top ?? 0 }));
      expect(at).toMatchObject({ tag: 'H2', inDebrief: true });
      expect(at.top).toBeLessThan(400);
      await page.keyboard.press('Tab');
      expect((await focusShown(page)).inView).toBe(true);
    });
  });
});

/** A word longer than a 320 px line at 200% text (45 letters), and a web address with no hyphen or space. */
const LONG = 'Pneumonoultramicroscopicsilicovolcanoconiosis';
const ADDRESS = 'https://www.lacourt.org/forms/pdf/JV0285informationforcaregiversandrelatives.pdf';
const LONG_TITLE = `${LONG} and the new phone`;

/** test/fixtures/good/example.json made red-flags (the bundled file it stands in for), with long words in every text a volunteer sees. */
const LONG_WORDS = (() => {
  type Text = { title?: string; narration?: string; text?: string; feedback?: string; label?: string; name?: string };
  const scenario = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'good', 'example.json'), 'utf8')) as Text & {
    id: string; summary: string; contentNote: string; characters: Text[]; variables: Text[];
    nodes: (Text & { lines?: Text[]; replies?: Text[] })[];
  };
  scenario.id = 'red-flags';
  scenario.title = LONG_TITLE;
  scenario.summary = `${scenario.summary} ${LONG}. See ${ADDRESS}`;
  scenario.contentNote = `${scenario.contentNote} ${LONG}: ${ADDRESS}`;
  for (const c of scenario.characters) c.name = `${c.name}${LONG}`;
  for (const v of scenario.variables) v.label = `${v.label} ${LONG}`;
  for (const n of scenario.nodes) {
    if (n.title) n.title = `${LONG} ${n.title}`;
    n.narration = `${n.narration ?? 'Later.'} ${ADDRESS}`;
    for (const l of n.lines ?? []) l.text = `${l.text} ${LONG}`;
    for (const r of n.replies ?? []) {
      r.text = `${r.text} ${LONG}`;
      r.feedback = `${r.feedback} ${ADDRESS}`;
    }
  }
  return JSON.stringify(scenario, null, 2);
})();

/**
 * How far the page scrolls sideways (px), each region that scrolls sideways inside it (a table's,
 * named by its label), and the elements drawn past the window's right edge (tag.class "words").
 */
function sideways(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const named = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} ${JSON.stringify((el.textContent ?? '').slice(0, 40))}`;
    const visible = (el: Element) => el.checkVisibility() && !el.closest('.sr-only, [hidden]');
    const all = [...document.querySelectorAll('body *')].filter(visible);
    const regions = all.filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1);
    return {
      page: document.documentElement.scrollWidth - width,
      regions: regions.map((el) => el.getAttribute('aria-label') ?? named(el)),
      // Past the window's edge, but not inside such a region (scrolled inside it, not the page).
      past: all.filter((el) => el.getBoundingClientRect().right > width + 1 && !regions.some((r) => r !== el && r.contains(el))).map(named).slice(0, 8),
    };
  });
}
