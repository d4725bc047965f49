import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeCleanInDark, builtAppInChromium, openPage, replyGroup, runAxe, seedLocalStorage, violationsText, type PageSession } from '../helpers/browser.js';

// The built app as a first-time volunteer meets it, in Debian's Chromium: what jsdom cannot show
// (how words are drawn; what the production build says, where import.meta.env.DEV is false).

const web = builtAppInChromium();

/**
 * The lines an element's words are drawn on, each as the space left of it and right of it inside the
 * element's content box (px): the rectangles of its text, grouped by the line they sit on.
 */
async function lineGaps(control: Locator): Promise<{ left: number; right: number }[]> {
  return control.evaluate((el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const inner = {
      left: box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft),
      right: box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight),
    };
    const range = document.createRange();
    range.selectNodeContents(el);
    const lines = new Map<number, { left: number; right: number }>();
    for (const r of range.getClientRects()) {
      if (r.width === 0) continue;
      const at = Math.round(r.top + r.height / 2);
      const line = lines.get(at) ?? { left: Infinity, right: -Infinity };
      lines.set(at, { left: Math.min(line.left, r.left), right: Math.max(line.right, r.right) });
    }
    return [...lines.values()].map((l) => ({ left: Math.round(l.left - inner.left), right: Math.round(inner.right - l.right) }));
  });
}

type Page = PageSession['page'];

/** A tab shown or hidden, as the browser says it when another tab is chosen (the page's own events). */
const showTab = (page: Page, state: 'hidden' | 'visible') => page.evaluate((v) => {
  Object.defineProperty(document, 'visibilityState', { value: v, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}, state);

/** The turns in the save under `key` (0 when there is none). */
const savedTurns = (page: Page, key: string) => page.evaluate((k) => (JSON.parse(localStorage.getItem(k) ?? '{}') as { session?: { snapshot?: { context?: { transcript?: unknown[] } } } }).session?.snapshot?.context?.transcript?.length ?? 0, key);

/** `page` goes on by one reply (Continue through scenes, then the first reply): the save has one more turn. */
async function goOnByOneReply(page: Page, key: string): Promise<void> {
  const before = await savedTurns(page, key);
  for (let i = 0; i < 10 && (await savedTurns(page, key)) === before; i++) {
    const next = page.getByRole('button', { name: 'Continue' });
    if (await next.count()) await next.click();
    else await page.keyboard.press('1');
  }
  expect(await savedTurns(page, key)).toBe(before + 1);
}

describe('controls in a narrow window', () => {
  // At a phone's width with the text at 200% (WCAG 1.4.4), My records' export controls wrap their
  // words: the buttons' words came out centred on each line (the browser's own style for a button),
  // the link drawn as a button beside them ("Certificate for the in-service hours log") flush left, a
  // ragged edge on the right. A link drawn as a button lays out its words as a button does.
  it('a link drawn as a button wraps its words centred, as the buttons beside it do', async () => {
    const playthrough = {
      id: '4c1f2a7e-9b3d-4e5f-8a6b-7c8d9e0f1a2b', scenarioId: 'red-flags', scenarioVersion: 10, title: 'New nails, new phone, new boyfriend', mode: 'practice',
      startedAt: '2026-11-20T17:05:00.000Z', completedAt: '2026-11-20T17:20:00.000Z', minutes: 15,
      score: { earned: 20, best: 37, percent: 54, capped: false }, band: 'developing', ending: { id: 'end-mixed', kind: 'mixed' }, decisions: [], principles: [],
    };
    const records = { format: 'casa-practice-records', formatVersion: 2, learner: '0b6f6c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e', best: { 'red-flags': { bestPercent: 54, completions: 1, lastCompleted: playthrough.completedAt } }, playthroughs: [playthrough] };
    const s = await openPage(web.browser, web.app.url, '#/records', { viewport: { width: 390, height: 844 }, initScript: seedLocalStorage({ 'records.json': JSON.stringify(records) }) });
    try {
      const { page } = s;
      await page.getByRole('cell', { name: 'Practice' }).waitFor();
      await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
      const link = page.getByRole('link', { name: 'Certificate for the in-service hours log' });
      const button = page.getByRole('button', { name: 'Download xAPI statements (JSON, for an LMS)' });
      await s.screenshot('records-export-controls-200');
      for (const [name, control] of [['the link', link], ['the button', button]] as const) {
        const lines = await lineGaps(control);
        expect(lines.length, `${name} wraps at 390 px and 200% text`).toBeGreaterThan(1);
        for (const { left, right } of lines) expect(Math.abs(left - right), `${name}: ${JSON.stringify(lines)}`).toBeLessThanOrEqual(2);
      }
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

/**
 * Each place where two printing characters of one word are drawn on different lines, in the
 * elements `where` finds: "before|after" ("disappoin|ted."); a line may end after a hyphen
 * ("casa-" over "practice"). A reply's number (.num) is left out.
 */
function brokenWords(where: Locator): Promise<string[]> {
  return where.evaluateAll((elements) => elements.flatMap((el) => {
    const found: string[] = [];
    const range = document.createRange();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, { acceptNode: (n) => (n.parentElement?.closest('.num') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT) });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      let last: number | undefined;
      for (let i = 0; i < text.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        if (last !== undefined && /\S/.test(text[i]!) && /[^\s-]/.test(text[i - 1]!) && rect.top > last + 2) found.push(`${text.slice(Math.max(0, i - 12), i)}|${text.slice(i, i + 6)}`);
        last = rect.top;
      }
    }
    return found;
  }));
}

describe('replies in large text on a narrow screen', () => {
  // At 320 px with the text at 200%, each reply's words stood in a column beside its number, under
  // ten characters a line, and words broke across lines: "Thursday" over "?", "tomorrow" over ",",
  // "disappoin" over "ted.". A reply's words keep each word whole.
  it('break no word of a reply across two lines (youth-relapses, first decision, 320 px, 200% text)', async () => {
    const s = await openPage(web.browser, web.app.url, '#/play/youth-relapses', { viewport: { width: 320, height: 640 } });
    try {
      const { page } = s;
      await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
      await page.getByRole('button', { name: 'Continue' }).click();
      await replyGroup(page).waitFor();
      const broken = await brokenWords(page.locator('button.reply'));
      expect(await page.locator('button.reply').count()).toBeGreaterThan(2);
      await s.screenshot('replies-320-200');
      expect(broken).toEqual([]);
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('the certificate in large text on a narrow screen', () => {
  // Its preview at 320 px with 200% text drew its heading in a column 190 px wide inside the frame's
  // wide margins, broken mid-word: "Certific / ate of / comple / ted / practic / e".
  it('breaks no word of its heading or its credit line across two lines (320 px, 200% text)', async () => {
    const s = await openPage(web.browser, web.app.url, '#/certificate', { viewport: { width: 320, height: 640 } });
    try {
      const { page } = s;
      await page.getByRole('heading', { level: 2, name: 'Certificate of completed practice' }).waitFor();
      await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
      await s.screenshot('certificate-320-200');
      expect(await brokenWords(page.locator('.certificate h2, .certificate .cert-credit'))).toEqual([]);
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('presenter mode in large text on a narrow screen', () => {
  // Presenter mode's headings are a projector's type (2.4rem, 1.8rem): at 320 px with 200% text its
  // title "Presenter mode" (77 px type) broke mid-word, as did the scenario cards' titles ("“cousin”",
  // "weekends", "testimony") and the session's "Content note". They stop growing at a tenth (h1) and
  // a twelfth (h2) of the window's width there, as the first page's title does.
  // Its text was a projector's too (1.35rem, the story 1.5rem): "exploitation.", "cosmetology",
  // "interrogating" broke mid-word, and a card's content note ("disappointment,") had less room than
  // the first page's. There its text is the app's own size, and its cards are the first page's.
  it("breaks no word of a heading or of its text across two lines: the scenario list, a session's content note, a decision and its reveal (320 px, 200% text)", async () => {
    const s = await openPage(web.browser, web.app.url, '?presenter#/presenter', { viewport: { width: 320, height: 640 } });
    try {
      const { page } = s;
      await page.getByRole('heading', { level: 1, name: 'Presenter mode' }).waitFor();
      await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
      const broken: string[] = [];
      const check = async (where: string) => {
        broken.push(...(await brokenWords(page.locator('main h1, main h2, main h3'))).map((w) => `${where}: ${w}`));
        broken.push(...(await brokenWords(page.locator('main :is(p, li, button, summary, label):not(:has(p, li, button))'))).map((w) => `${where}, text: ${w}`));
        expect(await page.evaluate(() => document.documentElement.scrollWidth), where).toBeLessThanOrEqual(320);
      };
      await check('list');
      await s.screenshot('presenter-list-320-200');
      await page.evaluate(() => (location.hash = '#/presenter/youth-discloses'));
      await page.getByRole('button', { name: 'Start the session' }).waitFor();
      await check('content note');
      await page.getByRole('button', { name: 'Start the session' }).click();
      await page.getByRole('button', { name: 'Reveal the feedback' }).waitFor();
      await check('decision');
      await page.getByRole('button', { name: 'Reveal the feedback' }).click();
      await page.getByRole('heading', { name: 'The replies, revealed' }).waitFor();
      await check('reveal');
      await s.screenshot('presenter-reveal-320-200');
      expect(broken).toEqual([]);
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe("the debrief's feedback in large text on a narrow screen", () => {
  // At 320 px with 200% text a decision's feedback, indented beside the transcript's numbers, had
  // 220 px: "communicati" over "ng with", "Collaboratio" over "n with". There it takes the item's
  // whole width, its left edge under its summary's. The critical violations beside their list's
  // 40 px indent broke "communicatio" over "n with a trafficker"; and back on the first page, a
  // card's content note, inside the card's padding and its own, "disappointment" over ",".
  it("lines each decision's feedback up with its summary, not indented, and breaks no word of the critical violations or of a card's content note (320 px, 200% text)", async () => {
    // The text at 200% from the start, as a browser set to large text has it (Chromium measures a
    // container query in em again when the container's size changes, not its type's). The order of
    // replies drawn from seed 0 (the playthrough's one Uint32 draw), so that the first open reply at
    // each decision takes a path with critical violations.
    const s = await openPage(web.browser, web.app.url, '#/play/trafficker-contact', { viewport: { width: 320, height: 640 }, initScript: () => {
      const large = () => document.documentElement?.style.setProperty('font-size', '200%');
      large();
      document.addEventListener('readystatechange', large, { once: true });
      const real = crypto.getRandomValues.bind(crypto);
      crypto.getRandomValues = <T extends ArrayBufferView | null>(a: T): T => (a instanceof Uint32Array && a.length === 1 ? ((a[0] = 0), a) : real(a as never));
    } });
    try {
      const { page } = s;
      await page.getByRole('heading', { level: 1 }).waitFor();
      await playToDebrief(page);
      await page.getByRole('button', { name: 'Show all details' }).click();
      await page.locator('.annotated .feedback-text').first().waitFor();
      await s.screenshot('debrief-feedback-320-200');
      // Each part of a decision's feedback: how far its left edge is from its summary's (px).
      const indents = await page.locator('.annotated .turn-details').evaluateAll((folds) => folds.flatMap((fold) => {
        const from = fold.querySelector(':scope > summary')!.getBoundingClientRect().left;
        return [...fold.querySelectorAll(':scope > :not(summary)')].map((part) => Math.round(part.getBoundingClientRect().left - from));
      }));
      expect(indents.length).toBeGreaterThan(5);
      expect(indents.filter((x) => x !== 0)).toEqual([]);
      const critical = page.getByRole('list').filter({ has: page.getByText(/^✗ No communication with a trafficker$/) });
      expect(await critical.getByRole('listitem').count()).toBeGreaterThan(0);
      expect(await brokenWords(critical)).toEqual([]);
      expect(violationsText(await runAxe(page))).toBe('');
      // Back on the first page, in the same large text: each card's content note.
      await page.getByRole('link', { name: 'Back to the scenarios' }).click();
      const note = page.locator('.card', { has: page.getByRole('heading', { name: 'After Jazz goes back' }) }).locator('.content-note');
      await note.waitFor();
      await note.scrollIntoViewIfNeeded();
      await s.screenshot('library-content-note-320-200');
      expect(await note.innerText()).toContain('disappointment,');
      expect(await brokenWords(page.locator('.card .content-note'))).toEqual([]);
      expect(violationsText(await runAxe(page))).toBe('');
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('the preview page in the built app', () => {
  // "Preview a file" is in every page's navigation, and a volunteer who opened its list of the app's
  // files read "With npm run dev, the page reloads and checks the file again whenever it changes on
  // disk": a command for the project's developers, and untrue of the built app, which never reloads
  // on a change. The built app leaves it out; the dev server still says it.
  it("says nothing of npm run dev, and names the volunteer's device, not a computer", async () => {
    const s = await openPage(web.browser, web.app.url, '#/preview');
    try {
      const { page } = s;
      await page.getByRole('heading', { level: 1, name: 'Preview a scenario file' }).waitFor();
      await page.getByText("Or check a file from the app's scenarios/ folder").click();
      await page.getByRole('button', { name: 'Check boy-red-flags.json' }).waitFor();
      const words = await page.locator('main').innerText();
      expect(words).not.toContain('npm');
      expect(words).toContain('Open a scenario file (JSON) from this device');
      await s.screenshot('preview-files-open');
      expect(violationsText(await runAxe(page))).toBe('');
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe("the Preview's list of the app's files", () => {
  // Its buttons were stacked with no space between them, border on border (a list's items, each a
  // 44 px button, at 1280×800 and on a phone): spaced as the app's other stacks of buttons are (a
  // play's replies, 0.5rem), each a target of 24 px at least (WCAG 2.2, 2.5.8), in their list.
  it('spaces its buttons apart, each a target of 24 px at least, at 1280×800 and 390×844', async () => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      const s = await openPage(web.browser, web.app.url, '#/preview', { viewport });
      try {
        const { page } = s;
        await page.getByText("Or check a file from the app's scenarios/ folder").click();
        const list = page.getByRole('list').filter({ has: page.getByRole('button', { name: 'Check boy-red-flags.json' }) });
        await list.waitFor();
        await s.screenshot(`preview-files-${viewport.width}`);
        const boxes = await list.getByRole('button').evaluateAll((buttons) => buttons.map((b) => {
          const r = b.getBoundingClientRect();
          return { name: b.textContent ?? '', top: r.top, bottom: r.bottom, left: r.left, right: r.right };
        }));
        const size = `${viewport.width}×${viewport.height}`;
        expect(boxes.length, size).toBeGreaterThan(5);
        const space = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize) * 0.5);
        for (const [i, b] of boxes.entries()) {
          expect(b.bottom - b.top, `${size} ${b.name}`).toBeGreaterThanOrEqual(24);
          expect(b.right - b.left, `${size} ${b.name}`).toBeGreaterThanOrEqual(24);
          expect(b.right, `${size} ${b.name}`).toBeLessThanOrEqual(viewport.width);
          const next = boxes[i + 1];
          if (next) expect(next.top - b.bottom, `${size}: between ${b.name} and ${next.name}`).toBeGreaterThanOrEqual(space - 0.5);
        }
        expect(violationsText(await runAxe(page)), size).toBe('');
        expect(s.errors()).toEqual([]);
      } finally {
        await s.close();
      }
    }
  });
});

/** Plays the scenario on the page to its debrief by any path: the first open reply at each decision, Continue (or See the debrief) otherwise. */
async function playToDebrief(page: PageSession['page']): Promise<void> {
  for (let i = 0; i < 40 && !(await page.locator('#debrief-heading').count()); i++) {
    const reply = page.locator('button.reply:enabled').first();
    if (await reply.count()) await reply.click();
    else await page.getByRole('button', { name: /^(Continue|See the debrief)$/ }).click();
  }
  await page.locator('#debrief-heading').waitFor();
}

/** boy-red-flags on a phone (390×844), played to its debrief by any path: the first open reply at each decision, Continue (or See the debrief) otherwise. */
async function phoneAtDebrief(): Promise<PageSession> {
  const s = await openPage(web.browser, web.app.url, '#/play/boy-red-flags', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const { page } = s;
  try {
    await page.getByRole('heading', { level: 1 }).waitFor();
    await playToDebrief(page);
    return s;
  } catch (e) {
    await s.close();
    throw e;
  }
}

describe("the debrief's links to its parts, on a phone", () => {
  // A phone's debrief is a dozen screens; its "Parts of this debrief" buttons (links before, to
  // "#outcome-heading", which opened anew led to the first page; and a critical violation's to its decision) moved the focus to the part's heading, and Chromium scrolled
  // that heading only into view: to the middle of the screen, the end of the part before filling the
  // half above it. A link to a part brings the part's heading to the top, below the sticky bar.
  it("brings each part's heading to the top of the screen, below the bar, with the focus on it", async () => {
    const s = await phoneAtDebrief();
    try {
      const { page } = s;
      const parts = page.getByRole('navigation', { name: 'Parts of this debrief' });
      const where = () => page.evaluate(() => {
        const focused = document.activeElement as HTMLElement;
        return { focused: focused.textContent ?? '', top: focused.getBoundingClientRect().top, bar: document.querySelector('header')!.getBoundingClientRect().bottom };
      });
      for (const [link, heading] of [['Principles', 'Principles of the guide'], ['Transcript', 'Transcript']]) {
        await page.evaluate(() => window.scrollTo(0, 0));
        await parts.getByRole('button', { name: link, exact: true }).click();
        await expect.poll(where).toMatchObject({ focused: heading });
        const at = await where();
        await s.screenshot(`debrief-part-${link}-phone`);
        expect(at.top, `${link}: ${JSON.stringify(at)}`).toBeGreaterThanOrEqual(at.bar);
        expect(at.top - at.bar, `${link}: ${JSON.stringify(at)}`).toBeLessThanOrEqual(40);
      }
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('a what-if replay on a phone', () => {
  // "What if: replay from here" brought the volunteer to the decision, the page scrolled to it past
  // the replayed conversation: the notice that this is a what-if, not recorded, was ~3,500 px above,
  // and the screen looked like the playthrough itself. It is on the screen where the volunteer lands.
  it('says it is a what-if, not recorded, on the screen the volunteer lands at, the decision focused', async () => {
    const s = await phoneAtDebrief();
    try {
      const { page } = s;
      const whatIfs = page.getByRole('button', { name: /What if: replay from here/ });
      await whatIfs.nth((await whatIfs.count()) - 1).click();
      await page.getByRole('status').getByText(/^What if:/).waitFor();
      const where = () => page.evaluate(() => {
        const note = document.querySelector('.what-if-note');
        const box = note?.getBoundingClientRect();
        const last = [...document.querySelectorAll('#transcript .moment')].at(-1);
        const bar = document.querySelector('header')!.getBoundingClientRect().bottom;
        // The decision starts at the top of the window, under the bar, as after a step: its heading
        // within 40 px of the bar (centred by a plain focus, the note was ~150 px from the bottom).
        const top = last?.querySelector('.moment-heading')?.getBoundingClientRect().top ?? -1;
        return {
          note: note?.textContent ?? '',
          decisionAtTop: top >= bar && top - bar <= 40,
          onScreen: box !== undefined && box.top >= bar && box.bottom <= window.innerHeight,
          focus: document.activeElement === last?.querySelector('.moment-heading') ? 'decision' : document.activeElement?.tagName,
          scrolled: window.scrollY > 1000,
        };
      });
      await expect.poll(where).toEqual({ note: 'What-if replay: not saved, not added to your records.', decisionAtTop: true, onScreen: true, focus: 'decision', scrolled: true });
      await s.screenshot('what-if-arrival-phone');
      expect(violationsText(await runAxe(page))).toBe('');
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('a reload mid-scenario on a phone', () => {
  // A volunteer whose phone dropped the page (or who came back to "Continue where you stopped")
  // found the newest moment's heading in the middle of the screen, their last reply and most of its
  // feedback above the screen, behind the bar: a plain focus, where each step brings the reply just
  // made to the top. The page opens again with the step that led there at the top of the screen,
  // under the bar (as the terminal's "Where you left off" shows it first): the last reply, its
  // feedback below it; or the scene continued from (a decision may have no words of its own). The
  // focus is on the newest moment's heading.
  it('opens with the last reply, or the scene continued from, at the top of the screen, the newest moment focused', async () => {
    const s = await openPage(web.browser, web.app.url, '#/play/boy-red-flags', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const { page } = s;
      await page.getByRole('heading', { level: 1 }).waitFor();
      const step = async (): Promise<'reply' | 'continue'> => {
        const reply = page.locator('button.reply:enabled').first();
        if (await reply.count()) {
          await reply.click();
          return 'reply';
        }
        await page.getByRole('button', { name: 'Continue' }).click();
        return 'continue';
      };
      // What is at the top of the screen, under the bar: the last reply, or the heading of the moment
      // before the newest; after a reload, "Welcome back" at the top and that right under it (the
      // welcome was above the whole conversation, thousands of pixels above the screen).
      const where = () => page.evaluate(() => {
        const bar = document.querySelector('header')!.getBoundingClientRect().bottom;
        const note = document.querySelector('.welcome-back')?.getBoundingClientRect();
        const noteTop = note ? note.top - bar : undefined;
        const under = note && noteTop !== undefined && noteTop >= 0 && noteTop <= 40 ? note.bottom : bar;
        const atTop = (el: Element | null | undefined) => {
          const top = (el?.getBoundingClientRect().top ?? -1000) - under;
          return top >= 0 && top <= 40;
        };
        const moments = [...document.querySelectorAll('#transcript .moment')];
        const newest = moments.at(-1)?.querySelector('.moment-heading');
        const before = moments.at(-2);
        return {
          lastReply: atTop([...document.querySelectorAll('#transcript .yours')].at(-1)),
          sceneBefore: before?.querySelector('.yours') ? false : atTop(before?.querySelector('.moment-heading')),
          focus: document.activeElement === newest ? 'newest moment' : document.activeElement?.tagName,
          welcome: noteTop === undefined ? 'none' : noteTop >= 0 && noteTop <= 40 && note!.bottom <= window.innerHeight ? 'at the top' : `${Math.round(noteTop)} px under the bar`,
        };
      });
      let last: 'reply' | 'continue' = 'continue';
      for (let replies = 0; replies < 3;) if ((last = await step()) === 'reply') replies++;
      await expect.poll(where).toEqual({ lastReply: true, sceneBefore: false, focus: 'newest moment', welcome: 'none' });
      await page.reload();
      await page.getByText('Welcome back').waitFor();
      await expect.poll(where).toEqual({ lastReply: true, sceneBefore: false, focus: 'newest moment', welcome: 'at the top' });
      await s.screenshot('resume-phone-after-reply');
      while ((last = await step()) !== 'continue');
      await page.reload();
      await page.getByText('Welcome back').waitFor();
      await expect.poll(where).toEqual({ lastReply: false, sceneBefore: true, focus: 'newest moment', welcome: 'at the top' });
      await s.screenshot('resume-phone-after-continue');
      expect(last).toBe('continue');
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('the reply that ends the story, in practice', () => {
  // It went straight to the debrief, its feedback only in a closed fold there and no undo (web walk,
  // whereabouts-unknown): it now shows as every other reply does, the reply at the top of the window
  // under the bar, its feedback below, the focus on the heading after them; reloaded there, the page
  // opens at the same step, "Welcome back" above the reply.
  for (const size of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
    it(`shows its feedback from the top of the window with Undo, the focus after it, axe clean, and a reload opens there (${size.width}×${size.height})`, async () => {
      // Reduced motion: each step's scroll is instant, so no click lands on a button moving past. The
      // order of replies drawn from seed 0 (the playthrough's one Uint32 draw): the first open reply at
      // each decision then leads to an ending straight from a reply (on some paths a scene comes
      // between, and its Continue opens the debrief, that reply's feedback shown the step before).
      const initScript = () => {
        const real = crypto.getRandomValues.bind(crypto);
        crypto.getRandomValues = <T extends ArrayBufferView | null>(a: T): T => (a instanceof Uint32Array && a.length === 1 ? ((a[0] = 0), a) : real(a as never));
      };
      const s = await openPage(web.browser, web.app.url, '#/play/whereabouts-unknown', { viewport: size, reducedMotion: 'reduce', initScript });
      try {
        const { page } = s;
        await page.getByRole('heading', { level: 1 }).waitFor();
        for (let i = 0; i < 60 && !(await page.locator('#last-reply-heading, #debrief-heading').count()); i++) {
          const reply = page.locator('button.reply:enabled').first();
          if (await reply.count()) await reply.click();
          else await page.getByRole('button', { name: 'Continue' }).click();
        }
        const where = () => page.evaluate(() => {
          const bar = document.querySelector('header')!.getBoundingClientRect().bottom;
          const note = document.querySelector('.welcome-back')?.getBoundingClientRect();
          const reply = [...document.querySelectorAll('#transcript .yours')].at(-1)!.getBoundingClientRect();
          const from = note ? note.bottom : bar;
          // At the top, or as near it as the page goes (a desktop's page may end within the window).
          const end = Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight;
          return {
            noteAtTop: note ? note.top - bar >= 0 && note.bottom <= window.innerHeight && (note.top - bar <= 40 || end) : 'none',
            replyAtTop: reply.top - from >= 0 && (reply.top - from <= 40 || end),
            focus: document.activeElement?.id,
            debrief: document.getElementById('debrief-heading') !== null,
          };
        });
        await expect.poll(where).toEqual({ noteAtTop: 'none', replyAtTop: true, focus: 'last-reply-heading', debrief: false });
        expect(await page.getByRole('button', { name: 'Undo last reply' }).isVisible()).toBe(true);
        await s.screenshot(`last-reply-${size.width}`);
        expect(violationsText(await runAxe(page))).toBe('');
        if (size.width === 390) await axeCleanInDark(page, 'last-reply-390');
        await page.reload();
        await page.getByText('Welcome back').waitFor();
        await expect.poll(where).toEqual({ noteAtTop: true, replyAtTop: true, focus: 'last-reply-heading', debrief: false });
        await s.screenshot(`last-reply-reloaded-${size.width}`);
        await page.getByRole('button', { name: 'See the debrief' }).click();
        await expect.poll(() => page.evaluate(() => ({ focus: document.activeElement?.id, top: window.scrollY }))).toEqual({ focus: 'debrief-heading', top: 0 });
        expect(s.errors()).toEqual([]);
      } finally {
        await s.close();
      }
    });
  }
});

// Two tabs of one save in Chromium (two pages of one context: one localStorage, storage events
// between them). A tab opened only to look saves its reading time when hidden: the first tab said
// "You went on with this scenario in another tab" and stopped. It carries on now; a reply more in
// one tab still stops the other.
describe('the same scenario in two tabs', () => {
  it('a tab that only looked and was hidden does not stop the first; a reply in the first stops the second', async () => {
    const s = await openPage(web.browser, web.app.url, '#/play/youth-discloses');
    try {
      const a = s.page;
      await replyGroup(a).first().waitFor();
      await a.keyboard.press('1');
      const saved = () => a.evaluate(() => Object.keys(localStorage).find((k) => k.endsWith('saves/youth-discloses.json')) ?? '');
      await expect.poll(saved).not.toBe('');
      const key = await saved();
      const b = await s.context.newPage();
      await b.goto(`${web.app.url}#/play/youth-discloses`);
      await b.getByRole('log').waitFor();
      // B is hidden (another tab chosen): it saves its reading time, and A hears of it.
      const heard = a.evaluate(() => new Promise<void>((resolve) => addEventListener('storage', () => resolve(), { once: true })));
      await showTab(b, 'hidden');
      await heard;
      expect(await a.getByRole('alert').count()).toBe(0);
      // A goes on: saved, no "went on in another tab".
      await goOnByOneReply(a, key);
      expect(await a.getByRole('alert').count()).toBe(0);
      // That reply went on with the scenario: B stops.
      await expect.poll(() => b.getByRole('alert').textContent()).toMatch(/^You went on with this scenario in another tab or window/);
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

// Two windows of one save both on the screen (two pages of one context: one localStorage, one set
// of the browser's locks), on Playwright's clock (time passes as usual; fastForward jumps it). Each
// counted its minutes while shown and used, so the minutes both were on the screen were counted
// twice in the save they joined. With navigator.locks one window counts at a time.
describe('two windows of one save on the screen at once', () => {
  it('count the time they are both shown once: the window waiting for its turn counts nothing meanwhile', async () => {
    const min = 60_000;
    const s = await openPage(web.browser, web.app.url, '#/play/youth-discloses');
    try {
      await s.context.clock.install();
      const a = s.page;
      await a.reload();
      await replyGroup(a).first().waitFor();
      await a.keyboard.press('1');
      const saved = () => a.evaluate(() => Object.keys(localStorage).find((k) => k.endsWith('saves/youth-discloses.json')) ?? '');
      await expect.poll(saved).not.toBe('');
      const key = await saved();
      const activeMs = () => a.evaluate((k) => (JSON.parse(localStorage.getItem(k) ?? '{}') as { activeMs?: number }).activeMs ?? -1, key);
      // A is hidden (its time saved), and five minutes later the save is opened in window B.
      await showTab(a, 'hidden');
      const base = await activeMs();
      await s.context.clock.fastForward(5 * min);
      const b = await s.context.newPage();
      await b.goto(`${web.app.url}#/play/youth-discloses`);
      await b.getByRole('log').waitFor();
      // Both windows on the screen for four minutes: B has the turn (it opened first), A waits.
      await showTab(a, 'visible');
      await s.context.clock.fastForward(4 * min);
      // B is hidden: it saves its four minutes, and A hears of it (time alone: it goes on).
      const heard = a.evaluate(() => new Promise<void>((resolve) => addEventListener('storage', () => resolve(), { once: true })));
      await showTab(b, 'hidden');
      await heard;
      // A goes on: its save joins B's minutes with its own, and A counted none of those four.
      await goOnByOneReply(a, key);
      expect(await a.getByRole('alert').count()).toBe(0);
      const counted = (await activeMs()) - base;
      // Four minutes, and the moments the test itself took (time passes as usual between the jumps).
      expect(counted).toBeGreaterThanOrEqual(4 * min);
      expect(counted).toBeLessThan(5 * min);
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
