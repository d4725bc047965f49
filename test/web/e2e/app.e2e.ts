import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { debriefKey, decisionSetup, selectView, startSession } from '../../../src/machines/index.js';
import { clickerHintWords, NO_BRANCH_WORDS, PROJECTOR_OVERFLOW_WORDS } from '../../../src/web/clicker.js';
import { PROJECTOR_CHANNEL, PROJECTOR_PROTOCOL, projectedFollowed, projectedReplies, headedSetup, projectedSetup, stepWords, type ProjectorState } from '../../../src/web/projector.js';
import { PREVIOUS_PAGE } from '../../../src/web/components/RevealPager.js';
import { BUNDLED_IDS, bundledScenario } from '../../helpers/bundled.js';
import { setupSaves } from '../../helpers/setup-saves.js';
import { axeCleanInDark, axNames, builtAppInChromium, COLOUR_RULES, countPixels, fullPageScreenshot, launchChromiumWithScrollBars, openDebriefFolds, openPage, replyGroup, runAxe, SCREENSHOTS, seedLocalStorage, tones, violationsText, type PageSession } from '../helpers/browser.js';

// The web app end to end in Debian's Chromium over the built files (dist-web/, served by serveBuiltApp).

const web = builtAppInChromium();

const ROOT = join(import.meta.dirname, '..', '..', '..');
const PAYLOAD = ' <script>window.__xss=1</script><img src=x onerror="window.__xss=2"> <a href="javascript:window.__xss=3">x</a>';
const SHORT = ' <img src=x onerror="window.__xss=4">';

/** Axe clean, the whole page or (`include`: runAxe's) the parts that changed since it was checked whole. */
async function axeClean(s: PageSession, name: string, include?: readonly string[]) {
  await s.screenshot(name);
  expect(violationsText(await runAxe(s.page, undefined, { include })), name).toBe('');
}

/**
 * The contrast of the focused element's focus ring against what is behind it (the first ancestor
 * with a background, or the page's): WCAG 1.4.11 asks 3:1, and axe does not measure focus rings.
 */
async function ringContrast(page: Page): Promise<{ visible: boolean; ratio: number }> {
  return page.evaluate(() => {
    const rgb = (colour: string): number[] => (colour.match(/[\d.]+/g) ?? []).map(Number);
    const lum = (colour: string): number => {
      const [r = 0, g = 0, b = 0] = rgb(colour).slice(0, 3).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    let behind = getComputedStyle(document.documentElement).backgroundColor;
    for (let at = el.parentElement; at; at = at.parentElement) {
      const bg = getComputedStyle(at).backgroundColor;
      if ((rgb(bg)[3] ?? 1) > 0) {
        behind = bg;
        break;
      }
    }
    const [hi, lo] = [lum(style.outlineColor), lum(behind)].sort((a, b) => b - a) as [number, number];
    return { visible: el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2, ratio: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100 };
  });
}

/** Tabs to the Continue button (keyboard only; "See the debrief" after the last reply's feedback in practice) and presses Enter. */
async function continueByKeyboard(page: Page) {
  const name = (await page.locator('#last-reply-heading').count()) ? 'See the debrief' : 'Continue';
  // Tab only once the button is drawn (under load a page just opened could still be starting).
  await page.getByRole('button', { name, exact: true }).waitFor();
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent)) === name) return page.keyboard.press('Enter');
  }
  throw new Error(`${name} not reached by Tab`);
}

/**
 * Plays on by keyboard until the debrief: at each decision the key of the first reply the story
 * opens there (replies are shuffled per playthrough, so reply 1 may be one it does not open, and
 * pressing 1 then did nothing, again and again, until the loop gave up), and Continue otherwise.
 */
async function keyboardToDebrief(page: Page) {
  await page.locator('#transcript .moment, #debrief-heading').first().waitFor();
  for (let i = 0; i < 80; i++) {
    if (await page.locator('#debrief-heading').count()) return;
    if (await replyGroup(page).count()) await answerFirstByKey(page);
    else await continueByKeyboard(page);
  }
  throw new Error('no debrief');
}

/** A projector window beside the presenter page of `s`, at `size` if given (the window's own otherwise). */
async function openProjectorWindow(s: PageSession, size?: { width: number; height: number }): Promise<Page> {
  const projector = await s.context.newPage();
  if (size) await projector.setViewportSize(size);
  await projector.goto(`${web.app.url}?projector#/projector`);
  return projector;
}

/** A presenter session of youth-discloses started past its content note, with a 1280×720 projector window showing its first moment. */
async function startedWithProjector(): Promise<{ s: PageSession; projector: Page }> {
  const s = await openPage(web.browser, web.app.url, '?presenter#/presenter/youth-discloses');
  try {
    await s.page.getByRole('button', { name: 'Start the session' }).click();
    await s.page.getByRole('button', { name: 'Reveal the feedback' }).waitFor();
    const projector = await openProjectorWindow(s, { width: 1280, height: 720 });
    await projector.locator('.discussion').waitFor();
    return { s, projector };
  } catch (e) {
    await s.close();
    throw e;
  }
}

/**
 * Answers the current decision with its first reply offered, by that reply's key, the focus on the
 * reply (as a keyboard user who has read on to it; the keys act from anywhere on the page).
 */
async function answerFirstByKey(page: Page): Promise<void> {
  await replyGroup(page).waitFor();
  const reply = page.locator('.replies button.reply:not([disabled])').first();
  await reply.focus();
  await page.keyboard.press((await reply.getAttribute('aria-keyshortcuts')) ?? '1');
}

/** A page's init script: its playthrough seed (one random number) is always the same, the other random numbers stay random. */
function sameSeed(): void {
  const random = crypto.getRandomValues.bind(crypto);
  crypto.getRandomValues = ((a: Uint32Array) => (a instanceof Uint32Array && a.length === 1 ? ((a[0] = 7), a) : random(a))) as typeof crypto.getRandomValues;
}

/**
 * A page at a phone's size (390×844) whose playthrough seed (one random number) is always the same,
 * so one order of the replies, the same path and the same page are measured each run; the other
 * random numbers stay random.
 */
function openSeededPhone(hash: string): Promise<PageSession> {
  return openPage(web.browser, web.app.url, hash, {
    viewport: { width: 390, height: 844 },
    initScript: sameSeed,
  });
}

function clean(s: PageSession) {
  expect(s.outbound).toEqual([]);
  expect(s.dialogs).toEqual([]);
  expect(s.errors()).toEqual([]);
}

describe('the web app in Chromium', () => {
  it('plays by keyboard alone, resumes after a reload, reaches the debrief and a what-if, prints and exports My records; axe on every page', async () => {
    const s = await openPage(web.browser, web.app.url);
    const { page } = s;
    try {
      await page.locator('.card').first().waitFor();
      await axeClean(s, 'e2e-library');
      await axeCleanInDark(page, 'e2e-library');
      // Each scenario's links are named as a screen reader gets them from Chromium (jsdom lays nothing
      // out, so it cannot tell where Chromium puts spaces in a name): no space before the colon.
      const names = (await axNames(page, 'link')).filter((n) => /^(Practise|Assessment|Continue where you stopped)\b/.test(n));
      expect(names).toContain('Practise: What Kiara tells you');
      expect(names).toContain('Assessment: What Kiara tells you');
      expect(names.filter((n) => !/^(Practise|Assessment|Continue where you stopped( \([^)]*\))?): \S/.test(n))).toEqual([]);
      await page.goto(`${web.app.url}#/play/youth-discloses`);
      await replyGroup(page).waitFor();
      // WCAG 2.5.3: each reply is named as it is shown (its number, which is its key, then its words),
      // in Chromium's accessibility tree, what a screen reader and speech input get ("click 2"), and
      // by Playwright's role query alike.
      const shownReplies = await page.locator('.replies button.reply').evaluateAll((bs) => bs.map((b) => `${b.getAttribute('aria-keyshortcuts')}. ${b.lastElementChild?.textContent}`));
      expect(shownReplies.length).toBeGreaterThan(1);
      expect((await axNames(page, 'button')).filter((n) => shownReplies.includes(n))).toEqual(shownReplies);
      for (const name of shownReplies) expect(await replyGroup(page).getByRole('button', { name, exact: true }).count(), name).toBe(1);
      // The key hint and the keys' off switch are for a keyboard: a page whose only pointer is a
      // finger (a phone) does not show them, until a key is pressed (a keyboard attached to it).
      const keyParts = () => page.locator('.reply-keys').evaluateAll((ps) => ps.map((p) => (p as HTMLElement).offsetParent !== null));
      expect(await keyParts()).toEqual([true, true]);
      const touch = await page.context().newCDPSession(page);
      await touch.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
      expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
      expect(await keyParts()).toEqual([false, false]);
      await page.keyboard.press('Shift');
      expect(await keyParts()).toEqual([true, true]);
      await touch.send('Emulation.setTouchEmulationEnabled', { enabled: false });
      await touch.detach();
      // On a phone's screen (until after the break below).
      await page.setViewportSize({ width: 360, height: 740 });
      // The reply keys act from the moment the decision is shown, wherever the focus is: here, on
      // the main content, where the change of page from the first one put it (a newcomer pressed 2
      // and nothing happened, the keys acting only in the decision, two Tabs away).
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      await page.keyboard.press('2');
      // Focus is on the newest moment, visible below the sticky bar; above it, the reply just made
      // and its feedback are shown from their start, not scrolled half off the top (once the page's
      // smooth scroll to them has ended).
      const focused = () => page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const bar = document.querySelector('header.bar')!.getBoundingClientRect().bottom;
        const yours = [...document.querySelectorAll('#transcript .yours')].at(-1)!.getBoundingClientRect();
        return { cls: el.className, headingBelowBar: el.getBoundingClientRect().top >= bar, headingAboveBottom: el.getBoundingClientRect().bottom <= 740, yoursBelowBar: yours.top >= bar };
      });
      await expect.poll(focused).toEqual({ cls: 'moment-heading', headingBelowBar: true, headingAboveBottom: true, yoursBelowBar: true });
      await axeClean(s, 'e2e-play');
      // In the evening, with the system set to dark: the play page on a phone (the scene, the reply
      // just made and its feedback, the trust meter, the sticky bar) is drawn dark and axe clean, and
      // the focus ring stands out 3:1 from what is behind it, in the page and on the sticky bar.
      await axeCleanInDark(page, 'e2e-play');
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.keyboard.press('Tab');
      const rings = [await ringContrast(page)];
      await page.getByRole('button', { name: 'Take a break' }).focus();
      rings.push(await ringContrast(page));
      await page.emulateMedia({ colorScheme: 'light' });
      expect(rings.filter((r) => !r.visible || r.ratio < 3), JSON.stringify(rings)).toEqual([]);
      // Starting again asks first, in the page (axe on the question); Escape keeps everything.
      await page.getByRole('button', { name: 'Start again from the beginning' }).click();
      await page.getByRole('group', { name: 'Start again from the beginning?' }).waitFor();
      // The play page was checked whole just above: now the question and the button that opened it (expanded, controlling it).
      await axeClean(s, 'e2e-restart-confirm', ['#restart-confirm', '[aria-controls="restart-confirm"]']);
      await page.keyboard.press('Escape');
      expect(await page.getByRole('group', { name: 'Start again from the beginning?' }).count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Start again from the beginning');
      // Back from a break, the page is where the volunteer was reading, not at the top of the conversation.
      await page.locator('.moment-heading').last().focus();
      const reading = await page.evaluate(() => window.scrollY);
      expect(reading).toBeGreaterThan(0);
      // By keyboard (a click by Playwright would first scroll to the bar's place in the page).
      // Focusing a control of the sticky bar leaves the page where it is.
      await page.getByRole('button', { name: 'Take a break' }).focus();
      expect(await page.evaluate(() => window.scrollY)).toBe(reading);
      await page.keyboard.press('Enter');
      await axeClean(s, 'e2e-break');
      await axeCleanInDark(page, 'e2e-break');
      await page.getByRole('button', { name: 'Back to where I was' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(reading);
      // Large text on that phone (150%, 200%: WCAG 1.4.4) puts "Take a break" on a row below the
      // name. Only that row then stays at the top of the screen (the name scrolls with the page):
      // a tenth of the screen at most, not a quarter, and the break still one tap away.
      for (const size of ['150%', '200%']) {
        await page.evaluate((f) => document.documentElement.style.setProperty('font-size', f), size);
        await page.locator('.moment-heading').last().focus();
        const barBottom = () => page.evaluate(() => document.querySelector('header.bar')!.getBoundingClientRect().bottom);
        await expect.poll(barBottom, { message: size }).toBeLessThanOrEqual(740 * 0.11);
        const folded = await page.evaluate(() => {
          const rect = (q: string) => document.querySelector(q)!.getBoundingClientRect();
          return { bar: rect('header.bar').bottom, button: rect('header.bar .break'), heading: rect('.moment-heading:focus'), padding: parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) };
        });
        // The button whole on the screen; the focused moment clear of the bar, which scroll-padding follows.
        expect(folded.button.top, size).toBeGreaterThanOrEqual(0);
        expect(folded.button.bottom, size).toBeLessThanOrEqual(folded.bar);
        expect(folded.button.height, size).toBeGreaterThanOrEqual(44);
        expect(folded.heading.top, size).toBeGreaterThanOrEqual(folded.bar);
        expect(folded.padding, size).toBeGreaterThanOrEqual(folded.bar);
        expect(folded.padding, size).toBeLessThanOrEqual(folded.bar + 40);
        // A moment scrolled behind the bar, then focused, comes out from under it (2.4.11).
        const hidden = page.locator('.moment-heading').first();
        await hidden.evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 4));
        await hidden.focus();
        expect(await hidden.evaluate((el) => el.getBoundingClientRect().top), size).toBeGreaterThanOrEqual(await barBottom());
        // Focusing "Take a break" leaves the page where it is; the name, scrolled away with its row,
        // is brought back into view when focused (a screen reader moving to it, Shift+Tab), from
        // far down the conversation too.
        await page.locator('.moment-heading').last().focus();
        const at = await page.evaluate(() => window.scrollY);
        expect(at).toBeGreaterThan(1000);
        await page.getByRole('button', { name: 'Take a break' }).focus();
        expect(await page.evaluate(() => window.scrollY), size).toBe(at);
        await page.keyboard.press('Shift+Tab');
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('casa-practice');
        await expect.poll(() => page.getByRole('link', { name: 'casa-practice' }).evaluate((el) => el.getBoundingClientRect().top), { message: size }).toBeGreaterThanOrEqual(0);
      }
      // At 320 px with the text at 200% (WCAG 1.4.10 with 1.4.4), the page does not scroll sideways:
      // the trust meter, 10 rem wide, was 12 px wider than the screen.
      await page.setViewportSize({ width: 320, height: 740 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await page.setViewportSize({ width: 360, height: 740 });
      // On a break, its longer name wraps on the button's row instead of running off the screen.
      await page.getByRole('button', { name: 'Take a break' }).focus();
      await page.keyboard.press('Enter');
      const back = await page.getByRole('button', { name: 'Back from break' }).evaluate((el) => ({ right: el.getBoundingClientRect().right, text: el.scrollWidth, box: el.clientWidth }));
      expect(back.right).toBeLessThanOrEqual(360);
      expect(back.text).toBeLessThanOrEqual(back.box);
      await page.getByRole('button', { name: 'Back to where I was' }).click();
      await axeClean(s, 'e2e-play-200');
      // The same phone held sideways (740×360) at 200%: one row of the bar is over a quarter of the
      // screen's height there, too much to keep at the top. It scrolls with the page: further down
      // the conversation it covers none of the screen, a reply focused there is whole on the screen
      // (not under the bar), and "Take a break", focused, is brought into view.
      await page.setViewportSize({ width: 740, height: 360 });
      const barCover = () => page.evaluate(() => {
        const r = document.querySelector('header.bar')!.getBoundingClientRect();
        return Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0)) / innerHeight;
      });
      await page.locator('.moment-heading').last().focus();
      for (let i = 0; i < 5 && (await replyGroup(page).count()) === 0; i++) await continueByKeyboard(page);
      const reply = replyGroup(page).getByRole('button').first();
      await reply.waitFor();
      await expect.poll(barCover).toBeLessThanOrEqual(0.11);
      // Continue scrolls the new moment up smoothly: a scroll made before that one ends is undone by it.
      await expect.poll(() => page.evaluate(() => new Promise<number>((done) => {
        const y = window.scrollY;
        requestAnimationFrame(() => requestAnimationFrame(() => done(window.scrollY - y)));
      }))).toBe(0);
      // Scrolled to just under the top edge, where the bar was, then focused.
      await reply.evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 8));
      await reply.focus();
      const sideways = await reply.evaluate((el) => ({ reply: el.getBoundingClientRect(), bar: document.querySelector('header.bar')!.getBoundingClientRect().bottom }));
      expect(sideways.reply.top).toBeGreaterThanOrEqual(Math.max(0, sideways.bar));
      expect(sideways.reply.bottom).toBeLessThanOrEqual(360);
      await s.screenshot('e2e-play-landscape-200');
      await page.getByRole('button', { name: 'Take a break' }).focus();
      const breakShown = await page.getByRole('button', { name: 'Take a break' }).evaluate((el) => el.getBoundingClientRect());
      expect(breakShown.top).toBeGreaterThanOrEqual(0);
      expect(breakShown.bottom).toBeLessThanOrEqual(360);
      // At 100% there the bar is a seventh of the height: it stays at the top, and focus is kept clear of it.
      await page.evaluate(() => document.documentElement.style.removeProperty('font-size'));
      await reply.evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 8));
      await expect.poll(() => page.evaluate(() => getComputedStyle(document.querySelector('header.bar')!).position)).toBe('sticky');
      expect(await barCover()).toBeLessThanOrEqual(1 / 6);
      await reply.focus();
      expect(await reply.evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThanOrEqual(await page.evaluate(() => document.querySelector('header.bar')!.getBoundingClientRect().bottom));
      await page.evaluate(() => document.documentElement.style.removeProperty('font-size'));
      await page.setViewportSize({ width: 1280, height: 800 });
      const before = await page.locator('#transcript').innerText();
      await page.reload();
      await page.getByText('Welcome back').waitFor();
      // The whole conversation so far is shown again as it was: scenes, replies and their feedback
      // ("Welcome back" said where the page opens, in it, before the reply last made).
      expect((await page.locator('#transcript').innerText()).replace('Welcome back: you are where you left off.\n\n', '')).toBe(before);
      await keyboardToDebrief(page);
      await axeClean(s, 'e2e-debrief');
      await axeCleanInDark(page, 'e2e-debrief');
      // Its folded parts opened (by keyboard): axe clean too, in light and dark (the folds, opened:
      // the rest of the debrief, checked whole just above, is as it was).
      expect(await openDebriefFolds(page)).toBeGreaterThan(0);
      await axeClean(s, 'e2e-debrief-opened', ['article.debrief details']);
      await axeCleanInDark(page, 'e2e-debrief-opened', undefined, { include: ['article.debrief details'] });
      // On a phone, "Your path beside best practice" fits the screen: the best practice column is
      // not past the edge of its region, unseen unless the volunteer thinks to scroll it sideways.
      await page.setViewportSize({ width: 360, height: 740 });
      const paths = await page.getByRole('region', { name: 'Your path beside best practice, table' }).evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(paths.scroll).toBeLessThanOrEqual(paths.client);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByRole('button', { name: /What if: replay from here/ }).nth(1).click();
      await page.getByRole('status').getByText(/^What if:/).waitFor();
      await axeClean(s, 'e2e-what-if');
      await page.goto(`${web.app.url}#/records`);
      await page.getByRole('cell', { name: /Practice/ }).first().waitFor();
      await axeClean(s, 'e2e-records');
      // A file that is no backup is refused by an alert of its own beside the field, read out once:
      // not an alert inside the polite region there (runAxe finds a live region inside another).
      await page.getByLabel('Load a backup file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "something else"}') });
      await page.getByRole('alert').filter({ hasText: /cannot be loaded/ }).waitFor();
      // My records was checked whole just above: now the refusal and the field it describes (marked invalid).
      await axeClean(s, 'e2e-records-refused', ['#backup-message', 'input[type="file"]']);
      // Text at 200% in a 640 px window (WCAG 1.4.4): each completed practice is a card (a table
      // there was wider than the screen, scrolled sideways), the minutes the in-service log counts
      // in view, nothing to scroll sideways.
      await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
      await page.setViewportSize({ width: 640, height: 800 });
      const minutesInView = await page.getByRole('region', { name: 'Completed practice', exact: true }).evaluate((region) => {
        const minutes = region.querySelector('tbody td');
        return minutes ? { scrolls: region.scrollWidth > region.clientWidth, right: minutes.getBoundingClientRect().right, edge: region.getBoundingClientRect().right } : undefined;
      });
      expect(minutesInView?.scrolls).toBe(false);
      expect(minutesInView?.right).toBeLessThanOrEqual(minutesInView?.edge ?? 0);
      await s.screenshot('e2e-records-200');
      await page.evaluate(() => document.documentElement.style.removeProperty('font-size'));
      await page.setViewportSize({ width: 1280, height: 800 });
      // Arrived at by keyboard (a key pressed, then the app focuses the main content), the page has
      // a focus ring round all of it on screen.
      const ringed = () => page.evaluate(() => [...document.querySelectorAll('*')]
        .filter((e) => e.checkVisibility() && getComputedStyle(e).outlineStyle !== 'none' && parseFloat(getComputedStyle(e).outlineWidth) > 0)
        .map((e) => e.tagName + (e.id ? `#${e.id}` : '')));
      await page.keyboard.press('Tab');
      await page.locator('#main').focus();
      expect(await ringed()).toEqual(['MAIN#main']);
      // Printed (jsdom applies no print style sheet): the records and the total, no buttons or file
      // picker; on paper, light even when the system is set to dark.
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      // No focus ring on paper (Ctrl+P at once drew it round the records).
      expect(await ringed()).toEqual([]);
      expect(await tones(page)).toEqual({ page: 'light', text: 'dark' });
      const shown = await page.evaluate(() => [...document.querySelectorAll('button, input, select, textarea, a.button, label')]
        .filter((e) => e.checkVisibility())
        .map((e) => e.textContent || e.outerHTML.slice(0, 60)));
      expect(shown).toEqual([]);
      expect(await page.locator('.records-table tbody tr').count()).toBe(1);
      expect(await page.locator('.records-table').isVisible()).toBe(true);
      expect(await page.getByText('So far:').isVisible()).toBe(true);
      await s.screenshot('e2e-records-print');
      await page.emulateMedia({ media: null, colorScheme: 'light' });
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download as CSV/ }).click()]);
      // Read through Playwright's stream: the browser is a shared server, so the file is not local.
      const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
      // UTF-8 with its byte order mark, which Excel needs to read an accented title as written.
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const csv = bytes.toString('utf8');
      const lines = csv.trim().split('\r\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/scenario/i);
      expect(lines[1]).toContain('What Kiara tells you');
      await page.goto(`${web.app.url}#/certificate`);
      await page.getByRole('heading', { name: 'Certificate of completed practice' }).waitFor();
      await axeClean(s, 'e2e-certificate');
      expect(await page.locator('.table-scrolls').count()).toBe(0);
      // A table that does not scroll is no stop for Tab (it was an empty one).
      expect(await page.getByRole('region', { name: 'Completed practice on the certificate' }).getAttribute('tabindex')).toBeNull();
      // At a phone's width the page does not scroll sideways, nor does the table: each row is a card
      // (the certificate's own test below).
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await expect.poll(() => page.getByRole('region', { name: 'Completed practice on the certificate' }).evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(false);
      expect(await page.locator('.table-scrolls').count()).toBe(0);
      await axeClean(s, 'e2e-certificate-phone');
      await axeCleanInDark(page, 'e2e-certificate-phone');
      // Text at 200% on that phone (WCAG 1.4.4): "Take a break" wraps below the name instead of
      // running off the screen, and a control focused from below scrolls clear of the taller bar (2.4.11).
      await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const breakBox = (await page.getByRole('button', { name: 'Take a break' }).boundingBox())!;
      expect(breakBox.x + breakBox.width).toBeLessThanOrEqual(390);
      // Scrolled so that the name field sits just under the bar's lower edge, then focused: the page scrolls it clear.
      await page.getByLabel('Your name (optional)').evaluate((el) => {
        const bar = document.querySelector('header.bar')!.getBoundingClientRect().bottom;
        window.scrollBy(0, el.getBoundingClientRect().top - (bar - 8));
      });
      await page.getByLabel('Your name (optional)').focus();
      const clear = await page.evaluate(() => ({
        field: document.activeElement!.getBoundingClientRect().top,
        bar: document.querySelector('header.bar')!.getBoundingClientRect().bottom,
      }));
      expect(clear.field).toBeGreaterThanOrEqual(clear.bar);
      // Slightly larger text (125%, a phone's "large" setting) at 360 px: the name breaks after
      // "casa-" and "Take a break" stays beside it, not on a second row that doubles the bar.
      await page.setViewportSize({ width: 360, height: 740 });
      await page.evaluate(() => document.documentElement.style.setProperty('font-size', '125%'));
      // Both measured in one frame, after the new size has been laid out: measured one after the other,
      // the page scrolled between them (the field scrolled clear above), and CI once read the name 23 px
      // above the button beside it.
      const [brand, beside] = await page.evaluate(() => new Promise<{ y: number; bottom: number; right: number }[]>((done) => requestAnimationFrame(() => {
        const box = (el: Element | null) => {
          const r = el!.getBoundingClientRect();
          return { y: r.top, bottom: r.bottom, right: r.right };
        };
        const bar = document.querySelector('header.bar')!;
        const button = [...bar.querySelectorAll('button')].find((x) => x.textContent?.trim() === 'Take a break') ?? null;
        done([box(bar.querySelector('a')), box(button)]);
      })));
      expect(beside!.y).toBeLessThan(brand!.bottom);
      expect(beside!.right).toBeLessThanOrEqual(360);
      await page.evaluate(() => document.documentElement.style.removeProperty('font-size'));
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${web.app.url}#/preview`);
      await page.getByRole('heading', { name: 'Preview a scenario file' }).waitFor();
      await axeClean(s, 'e2e-preview');
      // A long file name without spaces or hyphens wraps at a phone's width: the page does not scroll sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      const longName = 'my_scenario_draft_version_three_final_reviewed_by_dana_20261201.json';
      await page.getByLabel('Scenario file (.json)').setInputFiles({ name: longName, mimeType: 'application/json', buffer: Buffer.from('{ "id": ') });
      await page.getByRole('heading', { name: `Problems in ${longName}` }).waitFor();
      // A file from the plain file field cannot be read again once changed (Chromium refuses with NotReadableError), so "Check again" offers to choose it again.
      await page.getByRole('button', { name: `Check again: choose ${longName} again` }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await axeClean(s, 'e2e-preview-checked');
      await axeCleanInDark(page, 'e2e-preview-checked');
      // A valid file's graph at a phone's width: the picture scrolls in its own frame, opened on the
      // start node (the top middle of the drawing), not on its left edge; the page itself does not scroll sideways.
      await page.getByLabel('Scenario file (.json)').setInputFiles({ name: 'harm-reduction.json', mimeType: 'application/json', buffer: readFileSync(join(ROOT, 'scenarios', 'harm-reduction.json')) });
      const frame = page.getByRole('region', { name: 'Graph picture (scrolls)' });
      await frame.getByRole('img').waitFor();
      const view = await frame.evaluate((el) => {
        const img = el.querySelector('img') as HTMLImageElement;
        // The start node's box, from the drawing itself: its heading's text starts 8 px inside it.
        const svg = decodeURIComponent(img.src.slice(img.src.indexOf(',') + 1));
        const x = Number(/<text x="([\d.]+)"[^>]*>Start · /.exec(svg)?.[1]);
        return { left: el.scrollLeft, width: el.clientWidth, drawn: img.width, start: { from: x - 8, to: x - 8 + 220 } };
      });
      expect(view.drawn).toBeGreaterThan(view.width);
      expect(view.start.from).toBeGreaterThanOrEqual(view.left);
      expect(view.start.to).toBeLessThanOrEqual(view.left + view.width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      // Its audit, run in a worker of its own here (jsdom has none: test/web/preview-audit.test.tsx checks the rest), under the page's CSP.
      await page.getByText('Passed: harm-reduction.json meets every house rule this check covers.').waitFor();
      await axeClean(s, 'e2e-preview-graph');
      // The graph is drawn in dark ink: in dark, it sits on a light frame of its own.
      await axeCleanInDark(page, 'e2e-preview-graph', '.graph-scroll');
      clean(s);
    } finally {
      await s.close();
    }
  });

  it("the built page carries a Content-Security-Policy of script-src 'self' that refuses other origins", async () => {
    const s = await openPage(web.browser, web.app.url);
    try {
      const csp = await s.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      const refused = await s.page.evaluate(() => new Promise<string>((done) => {
        document.addEventListener('securitypolicyviolation', (e) => done(e.violatedDirective), { once: true });
        void fetch('https://example.com/beacon').catch(() => undefined);
      }));
      expect(refused).toBe('connect-src');
      // Refused by the page itself: the request never left it.
      expect(s.outbound).toEqual([]);
      expect(await s.page.locator('script:not([src])').count()).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('back from a break by keyboard, the newest moment has the focus and is on the screen: Shift+Tab to "Take a break" through the navigation had scrolled the page to its top, and the focus came back out of sight; a break taken far down the page opens at its top, nothing under the sticky bar', async () => {
    const s = await openPage(web.browser, web.app.url, '#/play/youth-discloses', { viewport: { width: 1366, height: 768 } });
    const { page } = s;
    try {
      // Far enough into the conversation that its newest moment is below the first screen.
      for (let i = 0; i < 3; i++) {
        await answerFirstByKey(page);
        await continueByKeyboard(page);
      }
      await replyGroup(page).waitFor();
      const onScreen = () => page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const r = el.getBoundingClientRect();
        const bar = document.querySelector('header.bar')!.getBoundingClientRect().bottom;
        return { heading: el.classList.contains('moment-heading') ? el.textContent : `not a moment: ${el.tagName} ${el.textContent}`, whole: r.top >= bar && r.bottom <= window.innerHeight };
      });
      const newest = await page.locator('.moment-heading').last().textContent();
      // After Continue the page scrolls the new moment up smoothly: wait for it to be in place.
      await expect.poll(onScreen).toEqual({ heading: newest, whole: true });
      await expect.poll(() => page.evaluate(() => new Promise<number>((done) => {
        const y = window.scrollY;
        requestAnimationFrame(() => requestAnimationFrame(() => done(window.scrollY - y)));
      }))).toBe(0);
      // Shift+Tab from the decision back to the bar's button, through the navigation (not pinned):
      // focusing its links scrolls the page to its top.
      for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Take a break'; i++) await page.keyboard.press('Shift+Tab');
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
      for (const leave of ['Escape', 'Enter'] as const) {
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: 'Take a break', level: 1 }).waitFor();
        if (leave === 'Enter') await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.textContent), leave).toBe(leave === 'Enter' ? 'Back to where I was' : 'Take a break');
        await page.keyboard.press(leave);
        await replyGroup(page).waitFor();
        await expect.poll(onScreen, { message: leave }).toEqual({ heading: newest, whole: true });
        // Once more, from the top of the page.
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.getByRole('button', { name: 'Take a break' }).focus();
      }
      // Left with the pointer, the page is where the volunteer was reading (the top, here), as before.
      await page.getByRole('button', { name: 'Take a break' }).click();
      await page.getByRole('button', { name: 'Back to where I was' }).click();
      await replyGroup(page).waitFor();
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      // Taken with the pointer far down the page, the break opened 22 px down (at 1280×800): the
      // page, now the panel's height, kept what scroll it could, and the navigation's row was half
      // under the sticky bar. It opens at the top, nothing under the bar; the way back returns there.
      const reading = await page.evaluate(() => {
        window.scrollTo(0, document.documentElement.scrollHeight);
        return window.scrollY;
      });
      expect(reading).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Take a break' }).click();
      await page.getByRole('heading', { name: 'Take a break', level: 1 }).waitFor();
      const under = await page.evaluate(() => {
        const bar = document.querySelector('header.bar')!.getBoundingClientRect().bottom;
        const covered = (q: string) => [...document.querySelectorAll(q)].filter((el) => el.getBoundingClientRect().top < bar).length;
        return { scrollY: window.scrollY, nav: covered('nav.nav, nav.nav a'), heading: covered('#break-heading'), focused: document.activeElement?.id };
      });
      expect(under).toEqual({ scrollY: 0, nav: 0, heading: 0, focused: 'break-heading' });
      await page.getByRole('button', { name: 'Back to where I was' }).click();
      await replyGroup(page).waitFor();
      expect(await page.evaluate(() => window.scrollY)).toBe(reading);
      clean(s);
    } finally {
      await s.close();
    }
  });

  it('after a reply by keyboard, the page shows the new content in reading order: the reply and its feedback from the top of the window (under the sticky bar), then the new moment, whose heading has the focus; after Continue, the new moment from the top; at once with reduced motion; on a desktop and a phone, in practice and assessment', async () => {
    // Before, the focus alone scrolled just enough to show the new moment's heading: at 1280×800 it
    // sat at the bottom of the window, the new scene and its replies below it, the feedback wherever it was.
    const after = () => page.evaluate(() => {
      const top = (el: Element | null | undefined) => (el ? Math.round(el.getBoundingClientRect().top) : NaN);
      const el = document.activeElement as HTMLElement;
      const last = [...document.querySelectorAll('#transcript .moment')].at(-1);
      const answered = last?.previousElementSibling;
      return {
        focus: el === last?.querySelector('.moment-heading') ? 'new moment' : `${el.tagName}.${el.className}`,
        focusBottom: Math.round(el.getBoundingClientRect().bottom),
        bar: Math.round(document.querySelector('header.bar')!.getBoundingClientRect().bottom),
        yours: top(answered?.querySelector('.yours')),
        feedback: top(answered?.querySelector('.feedback')),
        heading: top(last?.querySelector('.moment-heading')),
        height: window.innerHeight,
        atEnd: window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1,
      };
    });
    let page!: Page;
    const cases = [
      { size: { width: 1280, height: 800 }, mode: 'play', motion: 'no-preference' },
      { size: { width: 390, height: 844 }, mode: 'play', motion: 'no-preference' },
      { size: { width: 1280, height: 800 }, mode: 'play', motion: 'reduce' },
      { size: { width: 1280, height: 800 }, mode: 'assess', motion: 'reduce' },
    ] as const;
    for (const { size, mode, motion } of cases) {
      const name = `${size.width}×${size.height} ${mode} ${motion}`;
      const s = await openPage(web.browser, web.app.url, `#/${mode}/youth-discloses`, { viewport: size, reducedMotion: motion });
      page = s.page;
      try {
        // Two replies: the first from the top of the page, the second further down the conversation.
        for (let i = 0; i < 2; i++) {
          await answerFirstByKey(page);
          const placed = (a: Awaited<ReturnType<typeof after>>) => ({
            focus: a.focus,
            // The reply just made starts in the top area of the window, just under the sticky bar (or
            // as near it as the page goes: a short page scrolled to its end, all of what is new shown).
            replyAtTop: a.yours >= a.bar && (a.yours <= a.bar + 40 || a.atEnd),
            // Its feedback (practice) follows it, in the top part of the window.
            feedbackInTopArea: mode === 'assess' ? 'none' : a.feedback >= a.bar && a.feedback <= a.bar + a.height / 4,
            // The focused heading of the new moment is on the screen below them.
            headingShown: a.heading >= a.bar && a.focusBottom <= a.height,
          });
          const want = { focus: 'new moment', replyAtTop: true, feedbackInTopArea: mode === 'assess' ? 'none' : true, headingShown: true };
          // With reduced motion the page is there at once (no smooth scroll to wait for).
          if (motion === 'reduce') expect(placed(await after()), `${name} reply ${i + 1}`).toEqual(want);
          else await expect.poll(async () => placed(await after()), { message: `${name} reply ${i + 1}` }).toEqual(want);
          await s.screenshot(`e2e-after-reply-${size.width}x${size.height}-${mode}-${i + 1}`);
          if (i > 0) continue;
          // On to the next decision (the first reply leads to a scene): after Continue, the new
          // moment, which has the focus, starts at the top of the window, its replies after it.
          for (let j = 0; j < 5 && (await replyGroup(page).count()) === 0; j++) await continueByKeyboard(page);
          const next = (a: Awaited<ReturnType<typeof after>>) => ({ focus: a.focus, headingAtTop: a.heading >= a.bar && (a.heading <= a.bar + 40 || a.atEnd) });
          if (motion === 'reduce') expect(next(await after()), `${name} continue`).toEqual({ focus: 'new moment', headingAtTop: true });
          else await expect.poll(async () => next(await after()), { message: `${name} continue` }).toEqual({ focus: 'new moment', headingAtTop: true });
        }
        clean(s);
      } finally {
        await s.close();
      }
    }
  });

  it('after Undo by keyboard (practice), the decision it returns to starts at the top of the window (under the sticky bar), its heading focused and its replies after it; at once with reduced motion; on a desktop and a phone', async () => {
    // Before, Undo moved the focus to the decision's heading with a plain focus: the browser scrolled
    // only as far as that heading, and its replies could be below the window.
    const at = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const last = [...document.querySelectorAll('#transcript .moment')].at(-1);
      const heading = last?.querySelector('.moment-heading');
      return {
        focus: el === heading ? 'decision' : `${el.tagName}.${el.className}`,
        bar: Math.round(document.querySelector('header.bar')!.getBoundingClientRect().bottom),
        heading: heading ? Math.round(heading.getBoundingClientRect().top) : NaN,
        atEnd: window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1,
      };
    });
    const placed = (a: Awaited<ReturnType<typeof at>>) => ({ focus: a.focus, headingAtTop: a.heading >= a.bar && (a.heading <= a.bar + 40 || a.atEnd) });
    const want = { focus: 'decision', headingAtTop: true };
    let page!: Page;
    const cases = [
      { size: { width: 1280, height: 800 }, motion: 'reduce' },
      { size: { width: 390, height: 844 }, motion: 'reduce' },
      { size: { width: 1280, height: 800 }, motion: 'no-preference' },
    ] as const;
    for (const { size, motion } of cases) {
      const name = `${size.width}×${size.height} ${motion}`;
      const s = await openPage(web.browser, web.app.url, '#/play/youth-discloses', { viewport: size, reducedMotion: motion });
      page = s.page;
      try {
        // Two decisions in, then Undo: back at the second decision, further down the conversation.
        for (let i = 0; i < 2; i++) {
          await answerFirstByKey(page);
          if (i === 0) for (let j = 0; j < 5 && (await replyGroup(page).count()) === 0; j++) await continueByKeyboard(page);
        }
        const decision = await page.locator('#transcript .moment').nth(-2).locator('.moment-heading').textContent();
        const undo = page.getByRole('button', { name: 'Undo last reply' });
        await undo.focus();
        await page.keyboard.press('Enter');
        await replyGroup(page).waitFor();
        expect(await page.locator('#transcript .moment-heading').last().textContent(), name).toBe(decision);
        if (motion === 'reduce') expect(placed(await at()), name).toEqual(want);
        else await expect.poll(async () => placed(await at()), { message: name }).toEqual(want);
        await s.screenshot(`e2e-after-undo-${size.width}x${size.height}-${motion}`);
        clean(s);
      } finally {
        await s.close();
      }
    }
  });

  it("Who's who opens and closes by keyboard (its summary reached by Shift+Tab from the decision, Enter), lists the people met so far and no one later, and is axe clean open, light and dark", async () => {
    const s = await openPage(web.browser, web.app.url, '#/play/testifying');
    try {
      const { page } = s;
      await page.getByRole('heading', { level: 1, name: "Selene's testimony" }).waitFor();
      await continueByKeyboard(page);
      await page.getByRole('group', { name: /What do you say/ }).waitFor();
      const onSummary = () => page.evaluate(() => document.activeElement?.tagName === 'SUMMARY');
      for (let i = 0; i < 30 && !(await onSummary()); i++) await page.keyboard.press('Shift+Tab');
      expect(await onSummary()).toBe(true);
      const details = page.locator('details.who');
      expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      await page.keyboard.press('Enter');
      await expect.poll(() => details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
      const text = await details.innerText();
      expect(text).toContain("Mr. Osei (dependency attorney at the Children's Law Center)");
      for (const later of ['Mr. Dunn', 'Hannah']) expect(text).not.toContain(later);
      // Read as a disclosure: a summary that says whether it is open.
      expect(await page.evaluate(() => (document.activeElement as HTMLElement).innerText)).toBe('Who’s who (3 met so far)');
      await axeClean(s, 'e2e-who');
      await axeCleanInDark(page, 'e2e-who');
      await page.keyboard.press('Enter');
      await expect.poll(() => details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('an address that names no page says "Page not found" with the way to the scenarios, repeating nothing of the address; axe clean, light and dark', async () => {
    const s = await openPage(web.browser, web.app.url, `#/${encodeURIComponent(SHORT.trim())}`);
    try {
      const { page } = s;
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      expect(await page.title()).toBe('Page not found — casa-practice');
      expect(await page.locator('#main').textContent()).not.toContain('img');
      expect(await page.locator('#main img').count()).toBe(0);
      expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
      await axeClean(s, 'e2e-not-found');
      await axeCleanInDark(page, 'e2e-not-found');
      // Its link, by keyboard, opens the scenarios.
      await page.getByRole('link', { name: 'Back to the scenarios' }).focus();
      await page.keyboard.press('Enter');
      await page.locator('.card').first().waitFor();
      clean(s);
    } finally {
      await s.close();
    }
  });

  it('damaged storage gives a notice and a clean start, nothing thrown', async () => {
    const s = await openPage(web.browser, web.app.url, '#/play/youth-discloses', {
      initScript: () => localStorage.setItem('casa-practice/saves/youth-discloses.json', '{"format": "casa-practice-terminal-save", oops'),
    });
    try {
      // Said in a volunteer's words (no file format named), and the scenario starts again below.
      await s.page.getByText(/^Your progress in this scenario could not be picked up where you left off/).waitFor();
      expect(await s.page.getByText(/JSON/).count()).toBe(0);
      expect(await s.page.getByText(/^Decision 1 of about/).count()).toBe(1);
      clean(s);
    } finally {
      await s.close();
    }
  });

  it('a page whose code cannot be loaded (the app updated on its host while the tab was open, or offline) says so in place of the page; the app around it stays', async () => {
    const s = await openPage(web.browser, web.app.url, '#/');
    try {
      await s.page.getByRole('heading', { level: 1, name: 'Practise a conversation' }).waitFor();
      // The tab's build names a file of My records that the host no longer has.
      await s.context.route(/\/assets\/Records-[^/]*\.js$/, (route) => route.fulfill({ status: 404, body: 'Not found' }));
      // What the navigation's polite region says (focus stays on the link followed).
      await s.page.evaluate(() => {
        const said: string[] = [];
        (window as { __said?: string[] }).__said = said;
        const region = document.querySelector('.sr-only[aria-live="polite"]');
        if (region) new MutationObserver(() => region.textContent && said.push(region.textContent)).observe(region, { childList: true, subtree: true, characterData: true });
      });
      const said = () => s.page.evaluate(() => (window as { __said?: string[] }).__said);
      await s.page.getByRole('link', { name: 'My records' }).click();
      // The whole app went blank: no navigation, no "Take a break", and nothing said why.
      await s.page.getByRole('alert').filter({ has: s.page.getByRole('heading', { level: 1, name: 'This page could not be shown' }) }).waitFor();
      // The page that failed was announced as shown ("Now showing: My records.") as its link was
      // followed, then its failure (the alert): only the failure is said.
      // ("Loading…" may come first, said once a page opened from the navigation takes a moment.)
      const shown = async () => ((await said()) ?? []).filter((t) => t !== 'Loading…');
      expect(await shown()).toEqual([]);
      expect(await s.page.getByRole('button', { name: 'Reload the page' }).count()).toBe(1);
      expect(violationsText(await runAxe(s.page))).toBe('');
      expect(await s.page.getByRole('button', { name: 'Take a break' }).count()).toBe(1);
      // Another page still opens.
      await s.page.getByRole('link', { name: 'Scenarios' }).click();
      await s.page.getByRole('heading', { level: 1, name: 'Practise a conversation' }).waitFor();
      // A page that loads is named, once it has.
      await expect.poll(shown).toEqual(['Now showing: Scenarios.']);
      expect(s.outbound).toEqual([]);
    } finally {
      await s.close();
    }
    // A scenario's own file that does not come: its page said "Opening the scenario…" for ever.
    const t = await openPage(web.browser, web.app.url, 'about:blank');
    try {
      // Refused from the page's first load on (the first page reads every scenario).
      await t.context.route(/\/assets\/youth-discloses-[^/]*\.js$/, (route) => route.fulfill({ status: 404, body: 'Not found' }));
      await t.page.goto(new URL('#/play/youth-discloses', web.app.url).toString());
      await t.page.getByRole('alert').filter({ has: t.page.getByRole('heading', { level: 1, name: 'This page could not be shown' }) }).waitFor();
      expect(await t.page.getByText('Opening the scenario…').count()).toBe(0);
      // The preview too: with the app's scenarios missing it checked nothing ("Checking …" for ever, once a file was picked).
      await t.page.goto(new URL('#/preview', web.app.url).toString());
      await t.page.getByRole('alert').filter({ has: t.page.getByRole('heading', { level: 1, name: 'This page could not be shown' }) }).waitFor();
      expect(await t.page.getByText(/could not be read/).count()).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('a scenario file with XSS payloads in every text is shown inert in the preview, the play and the debrief', async () => {
    const raw = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/good/example.json'), 'utf8')) as unknown;
    const add = (v: unknown, key = ''): unknown => {
      if (Array.isArray(v)) return v.map((x) => add(x));
      if (typeof v === 'string') return ['title', 'name', 'label'].includes(key) ? v + SHORT : ['summary', 'contentNote', 'narration', 'text', 'feedback', 'prompt', 'facilitatorNote', 'discussionPrompt'].includes(key) ? v + PAYLOAD : v;
      if (typeof v !== 'object' || v === null) return v;
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, add(x, k)]));
    };
    const s = await openPage(web.browser, web.app.url, '#/preview');
    const { page } = s;
    try {
      await page.getByLabel('Scenario file (.json)').setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(add(raw), null, 2)) });
      await page.getByText(/hostile\.json is valid/).waitFor();
      await page.getByRole('button', { name: 'Play it now (practice)' }).click();
      await page.getByRole('log').waitFor();
      expect(await page.getByText('<script>window.__xss=1</script>', { exact: false }).count()).toBeGreaterThan(1);
      await keyboardToDebrief(page);
      expect(await page.locator('main script, main img, main [onerror], main a[href^="javascript"]').count()).toBe(0);
      expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
      await s.screenshot('e2e-xss-debrief');
      clean(s);
    } finally {
      await s.close();
    }
  });

  it('the projector window fits a 1280×720 projector: a moment at full size, the whole reveal without scrolling (the room saw only its first reply); where even its smallest type cannot fit, it says there is more below; at 1920×1080 the type grows; text spacing set while it is open is fitted too', async () => {
    const { s, projector } = await startedWithProjector();
    const { page } = s;
    try {
      // A new session opens on the content note: started, its first moment on a 1280×720 projector window.
      const fit = () => projector.evaluate(() => ({ overflow: document.documentElement.scrollHeight - innerHeight, wide: document.documentElement.scrollWidth - innerWidth, scale: parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 }));
      expect(await fit()).toEqual({ overflow: 0, wide: 0, scale: 1 });
      const boxes = page.getByRole('spinbutton');
      for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).fill(String(i + 2));
      await page.getByRole('button', { name: 'Reveal the feedback' }).click();
      await projector.locator('ol.reveal').waitFor();
      const revealed = await fit();
      expect(revealed.overflow).toBeLessThanOrEqual(0);
      expect(revealed.wide).toBeLessThanOrEqual(0);
      expect(revealed.scale).toBeGreaterThanOrEqual(0.6);
      // Every reply's verdicts are on the screen, the last one's too.
      const bottom = await projector.locator('ol.reveal .verdicts li').evaluateAll((lis) => Math.max(...lis.map((li) => li.getBoundingClientRect().bottom)));
      expect(bottom).toBeLessThanOrEqual(720);
      expect(await projector.locator('.more-below').count()).toBe(0);
      if (SCREENSHOTS) await projector.screenshot({ path: join(ROOT, 'test-artifacts', 'screenshots', 'e2e-projector-720.png') });
      // A 1920×1080 projector: the type grows with the window (it stayed at the 720 px window's size,
      // the bottom half of the screen empty), as far as the reveal still fits, and no further than twice.
      await projector.setViewportSize({ width: 1920, height: 1080 });
      await projector.waitForFunction((before) => parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 > before, revealed.scale);
      const large = await fit();
      expect(large.overflow).toBeLessThanOrEqual(0);
      expect(large.wide).toBeLessThanOrEqual(0);
      expect(large.scale).toBeGreaterThanOrEqual(Math.min(1.4 * revealed.scale, 2 - 0.02));
      expect(large.scale).toBeLessThanOrEqual(2);
      expect(await projector.locator('.more-below').count()).toBe(0);
      // A window too small for the reveal even in the smallest type, one reply to a page (see
      // PROJECTOR_READABLE_SCALE), says there is more below (it ran off the bottom without a word),
      // until it is scrolled to its end.
      await projector.setViewportSize({ width: 800, height: 200 });
      await projector.locator('.more-below').waitFor();
      expect((await fit()).scale).toBeCloseTo(0.6, 2);
      expect(await projector.locator('.reveal-pages').innerText()).toMatch(/^Page 1 of \d/);
      expect(await projector.locator('.more-below').evaluate((el) => Math.round(el.getBoundingClientRect().bottom))).toBe(200);
      // Back at 1280×720 the reveal fits in the same type as before: the "More below" line left from
      // the smaller window is not counted as part of what has to fit (it took its height from the type).
      await projector.setViewportSize({ width: 1280, height: 720 });
      await projector.locator('.more-below').waitFor({ state: 'detached' });
      expect(await fit()).toEqual(revealed);
      // Text spacing set while the window is open (WCAG 1.4.12's, as a bookmarklet or an extension
      // adds it: a style sheet of the user's): the type is fitted again. The reveal ran off the
      // bottom, with no line saying so, until the next screen. Taken off, the type is as before.
      await projector.evaluate((css) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      }, TEXT_SPACING);
      await expect.poll(async () => (await fit()).overflow <= 0 || (await projector.locator('.more-below').count()) === 1).toBe(true);
      expect((await fit()).wide).toBeLessThanOrEqual(0);
      await projector.evaluate(() => {
        document.adoptedStyleSheets = [];
      });
      await expect.poll(fit).toEqual(revealed);
      await projector.setViewportSize({ width: 800, height: 200 });
      await projector.locator('.more-below').waitFor();
      // Scrolled to its end, the line goes. First the window is let finish fitting itself to its new
      // size (the line's own arrival changes the page's height, which fits it again): the same type
      // size, page height and scroll position for three frames.
      await projector.evaluate(() => new Promise<void>((resolve) => {
        let [last, same] = ['', 0];
        const frame = () => {
          const now = `${getComputedStyle(document.documentElement).fontSize} ${document.documentElement.scrollHeight} ${window.scrollY} ${document.querySelectorAll('.more-below').length}`;
          same = now === last ? same + 1 : 0;
          last = now;
          if (same >= 3) resolve();
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }));
      await projector.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await projector.locator('.more-below').waitFor({ state: 'detached', timeout: 10_000 }).catch(async (error: Error) => {
        const where = await projector.evaluate(() => ({ scrollY, innerHeight, scrollHeight: document.documentElement.scrollHeight, fontSize: getComputedStyle(document.documentElement).fontSize }));
        throw new Error(`${error.message}\nThe window scrolled to its end still says there is more below: ${JSON.stringify(where)}`);
      });
      clean(s);
    } finally {
      await s.close();
    }
  });

  it('a projector window with a classic scroll bar (1024×768): a decision that fits in smaller type is shown whole in that type, not cut off under "More below" in the type it fitted only without the bar', async () => {
    // A type size tried that ran past the bottom brought the window's scroll bar, which stayed for
    // the size chosen: its lines wrapped narrower and ran past the bottom too (trafficker-contact's
    // first decision: 96.9%, the last reply cut off, where 90% fits whole). Seeded: one order of the replies.
    const browser = await launchChromiumWithScrollBars();
    const s = await openPage(browser, web.app.url, '?presenter#/presenter/trafficker-contact', {
      initScript: sameSeed,
    });
    try {
      const projector = await openProjectorWindow(s, { width: 1024, height: 768 });
      await s.page.getByRole('button', { name: 'Start the session' }).click();
      await s.page.getByRole('button', { name: 'Continue' }).click();
      await s.page.getByRole('button', { name: 'Reveal the feedback' }).waitFor();
      await projector.locator('.discussion').waitFor();
      // Settled: the same type size, height and "More below" for three frames.
      const settled = () => projector.evaluate(() => new Promise<{ scale: number; overflow: number; more: number; lastBottom: number }>((resolve) => {
        let [last, same] = ['', 0];
        const frame = () => {
          const root = document.documentElement;
          const m = {
            scale: parseFloat(getComputedStyle(root).fontSize) / 16,
            overflow: root.scrollHeight - innerHeight,
            more: document.querySelectorAll('.more-below').length,
            lastBottom: Math.round([...document.querySelectorAll('ol.options > li')].at(-1)!.getBoundingClientRect().bottom),
          };
          const now = JSON.stringify(m);
          same = now === last ? same + 1 : 0;
          last = now;
          if (same >= 3) resolve(m);
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }));
      const m = await settled();
      expect(m.scale).toBeGreaterThan(0.75);
      expect(m).toMatchObject({ overflow: 0, more: 0 });
      expect(m.lastBottom).toBeLessThanOrEqual(768);
      expect(violationsText(await runAxe(projector))).toBe('');
      clean(s);
    } finally {
      await s.close();
      await browser.close();
    }
  });

  it('presenter mode to the end: the projector window tells the room how the story ended (the ending\'s title and closing text, as the laptop shows them) above the outcome, fitted and axe-clean', async () => {
    const s = await openPage(web.browser, web.app.url, '?presenter#/presenter/youth-discloses');
    const { page } = s;
    try {
      await page.getByRole('button', { name: 'Start the session' }).click();
      const projector = await openProjectorWindow(s, { width: 1280, height: 720 });
      await projector.locator('.projector-screen h1').waitFor();
      // The room follows best practice at every decision (the first best reply), continues through scenes.
      for (let step = 0; step < 60 && !(await page.locator('#debrief-heading').count()); step++) {
        const reveal = page.getByRole('button', { name: 'Reveal the feedback' });
        const next = page.getByRole('button', { name: 'Continue' });
        await reveal.or(next).first().waitFor();
        if (await reveal.count()) {
          await reveal.click();
          await page.locator('ol.reveal > li.best').first().getByRole('button', { name: /^Follow reply/ }).click();
        } else await next.click();
        await page.locator('#debrief-heading').or(page.getByRole('button', { name: /^(Reveal the feedback|Continue)$/ })).first().waitFor();
      }
      const title = (await page.locator('#ending-heading').innerText()).replace(/^Ending: /, '');
      const narration = await page.locator('.debrief .narration').first().innerText();
      expect(title).toBe('Still in her corner');
      expect(narration).toMatch(/^At the hearing in Monterey Park/);
      const end = projector.locator('.projector-screen.done');
      await end.getByRole('heading', { level: 1, name: `Ending: ${title}` }).waitFor();
      expect(await end.locator('.narration').innerText()).toBe(narration);
      // The story first, then how the room did: the outcome, the score, the agreement.
      const order = await end.locator('h1, .narration, h2').evaluateAll((els) => els.map((e) => e.tagName === 'P' ? 'narration' : e.tagName));
      expect(order).toEqual(['H1', 'narration', 'H2']);
      expect(await end.getByRole('heading', { level: 2 }).innerText()).toBe(`Outcome: ${(await page.locator('#outcome-heading').innerText()).replace(/^Outcome: /, '')}`);
      const fits = await projector.evaluate(() => ({ overflow: document.documentElement.scrollHeight - innerHeight, wide: document.documentElement.scrollWidth - innerWidth }));
      expect(fits.overflow).toBeLessThanOrEqual(0);
      expect(fits.wide).toBeLessThanOrEqual(0);
      expect(await projector.locator('.more-below').count()).toBe(0);
      expect(violationsText(await runAxe(projector))).toBe('');
      await axeCleanInDark(projector, 'e2e-projector-end');
      if (SCREENSHOTS) await projector.screenshot({ path: join(ROOT, 'test-artifacts', 'screenshots', 'e2e-projector-end-720.png') });
      clean(s);
    } finally {
      await s.close();
    }
  });

  it('presenter mode: note hidden until the reveal, votes, best practice marked, the projector window follows', async () => {
    const s = await openPage(web.browser, web.app.url, '?presenter#/presenter/youth-discloses');
    const { page } = s;
    try {
      // A new session opens on the content note (axe-clean too).
      await page.getByRole('button', { name: 'Start the session' }).waitFor();
      await axeClean(s, 'e2e-presenter-intro');
      await page.getByRole('button', { name: 'Start the session' }).click();
      await page.getByRole('button', { name: 'Reveal the feedback' }).waitFor();
      expect(await page.locator('#facilitator-note').count()).toBe(0);
      await axeClean(s, 'e2e-presenter');
      const projector = await openProjectorWindow(s);
      await projector.locator('.discussion').waitFor();
      // Each reply's number is in its text ("1. …", as the room votes by it): shown once, with no list marker before it.
      const listMarkers = (p: Page, list: string) => p.locator(`ol.${list} > li`).evaluateAll((lis) => lis.filter((li) => getComputedStyle(li).display === 'list-item' && getComputedStyle(li).listStyleType !== 'none').length);
      expect(await listMarkers(projector, 'options')).toBe(0);
      const boxes = page.getByRole('spinbutton');
      // At 1280 px the vote boxes of one reply and the next touched: each row is spaced from the next
      // as the revealed replies are (0.75rem), the boxes apart by at least that.
      const apart = await page.locator('input.vote-input').evaluateAll((inputs) => inputs.slice(1).map((b, i) => Math.round(b.getBoundingClientRect().top - inputs[i]!.getBoundingClientRect().bottom)));
      expect(apart.length).toBeGreaterThan(0);
      expect(apart.filter((gap) => gap < 12)).toEqual([]);
      for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).fill(String(i + 1));
      await page.getByRole('button', { name: 'Reveal the feedback' }).click();
      expect(await page.locator('#facilitator-note').count()).toBe(1);
      expect(await page.getByText('★ Best practice').count()).toBeGreaterThanOrEqual(1);
      await projector.getByText('★ Best practice').first().waitFor();
      expect(await listMarkers(page, 'reveal')).toBe(0);
      expect(await listMarkers(projector, 'reveal')).toBe(0);
      await axeClean(s, 'e2e-presenter-reveal');
      expect(violationsText(await runAxe(projector))).toBe('');
      if (SCREENSHOTS) await fullPageScreenshot(projector, 'e2e-projector');
      await axeCleanInDark(page, 'e2e-presenter-reveal');
      await axeCleanInDark(projector, 'e2e-projector');
      // Forced colours (Windows high contrast) paint every background as the page's Canvas: the vote
      // bars are still drawn, and the focus ring still shows 3:1.
      await page.emulateMedia({ forcedColors: 'active' });
      const bar = await page.locator('.vote-bar').last().evaluate((el) => ({ width: el.getBoundingClientRect().width, same: getComputedStyle(el).backgroundColor === getComputedStyle(document.documentElement).backgroundColor }));
      await page.keyboard.press('Tab');
      const forcedRing = await ringContrast(page);
      await page.emulateMedia({ forcedColors: 'none' });
      expect(bar.width).toBeGreaterThan(0);
      expect(bar.same).toBe(false);
      expect(forcedRing.visible).toBe(true);
      expect(forcedRing.ratio).toBeGreaterThanOrEqual(3);
      // A reload mid-session (localStorage, the built app) comes back to the revealed decision, and says so.
      await page.reload();
      await page.getByRole('status').filter({ hasText: 'Resumed the presenter session at decision 1' }).waitFor();
      expect(await page.getByRole('heading', { name: 'The replies, revealed' }).count()).toBe(1);
      await axeClean(s, 'e2e-presenter-resumed');
      // The picker's links, as a screen reader gets them: the kept session's and the others', no space before the colon.
      await page.goto(`${web.app.url}?presenter#/presenter`);
      await page.getByRole('list', { name: 'Scenarios to present' }).waitFor();
      const names = (await axNames(page, 'link')).filter((n) => /^(Present|Resume the presenter session)\b/.test(n));
      expect(names).toContain('Resume the presenter session: What Kiara tells you');
      expect(names).toContain('Present: Two weeks without a word');
      expect(names.filter((n) => !/^(Present|Resume the presenter session): \S/.test(n))).toEqual([]);
      clean(s);
    } finally {
      await s.close();
    }
  });

  // A count typed as "-3" became 0, and "2.5" became 2, with nothing said. In Chromium's own number
  // box: kept as typed, marked not counted in the box's description, the reveal held; axe clean, light and dark.
  it('presenter mode: a vote count that is not a whole number from 0 stays as typed, described as not counted, and the reveal waits; axe clean', async () => {
    const s = await openPage(web.browser, web.app.url, '?presenter#/presenter/youth-discloses');
    const { page } = s;
    try {
      await page.getByRole('button', { name: 'Start the session' }).click();
      const box = page.getByRole('spinbutton').first();
      for (const typed of ['-3', '2.5']) {
        await box.fill('');
        await box.pressSequentially(typed);
        await expect.poll(() => box.evaluate((el: HTMLInputElement) => [el.value, el.getAttribute('aria-invalid')]), { message: typed }).toEqual([typed, 'true']);
        const description = await box.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' '));
        expect(description, typed).toMatch(/Not counted: a count of votes is a whole number from 0\.$/);
        expect(await page.getByText('0 votes entered.').count()).toBe(1);
        await page.getByRole('button', { name: 'Reveal the feedback' }).click();
        expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
        expect(await page.getByRole('heading', { name: 'The replies, revealed' }).count()).toBe(0);
      }
      await axeClean(s, 'e2e-presenter-not-a-count');
      await axeCleanInDark(page, 'e2e-presenter-not-a-count');
      await box.fill('');
      await box.pressSequentially('3');
      await page.getByText('3 votes entered.').waitFor();
      await page.getByRole('button', { name: 'Reveal the feedback' }).click();
      await page.getByRole('heading', { name: 'The replies, revealed' }).waitFor();
      clean(s);
    } finally {
      await s.close();
    }
  });

  it('presenter mode with a presentation clicker: Page Down and Page Up on the laptop page and in the projector window take one step each, never a reveal before any vote is entered; the keys are in a visible hint; axe-clean', async () => {
    const s = await openPage(web.browser, web.app.url, '?presenter#/presenter/youth-discloses');
    const { page } = s;
    const said = (words: RegExp) => page.getByRole('status').filter({ hasText: words });
    /**
     * Presses `key` in `where` until `done` shows: a press landing within 400 ms of the step the
     * last one took is refused as a clicker's double press (said on the laptop), and the test does
     * not wait out the time itself. Bounded by time, not by a count of presses: on a fast run ten
     * refused presses took less than those 400 ms.
     */
    const pressUntil = async (where: Page, key: string, done: ReturnType<Page['locator']>) => {
      const refused = said(/was pressed again as this appeared/);
      for (const until = Date.now() + 10_000; Date.now() < until;) {
        // A refusal said before is replaced by the next one (a new status): wait for the new one.
        const before = (await refused.count()) ? await refused.elementHandle() : null;
        await where.keyboard.press(key);
        const refusedNow = (async () => {
          await before?.waitForElementState('hidden');
          await refused.waitFor();
          return false;
        })();
        if (await Promise.race([done.waitFor().then(() => true), refusedNow]).catch(() => false)) {
          refusedNow.catch(() => {});
          return;
        }
      }
      throw new Error(`${key} did not lead to ${done.toString()}`);
    };
    try {
      await page.getByRole('button', { name: 'Start the session' }).waitFor();
      expect(await page.locator('#clicker-keys').isVisible()).toBe(true);
      await pressUntil(page, 'PageDown', page.getByRole('button', { name: 'Reveal the feedback' }));
      // No votes entered: Page Down reveals nothing and says why.
      await page.keyboard.press('PageDown');
      await said(/^No votes are entered yet, so Page Down did not reveal the feedback/).waitFor();
      expect(await page.locator('ol.reveal').count()).toBe(0);
      // Typed in the boxes: the keys are the boxes' there (said); Enter goes on, from the last box to the reveal.
      const boxes = page.getByRole('spinbutton');
      await boxes.first().fill('5');
      await page.keyboard.press('PageDown');
      await said(/^In a vote box Page Down and Page Up are the box's/).waitFor();
      expect(await page.locator('ol.reveal').count()).toBe(0);
      for (let i = 0; i < (await boxes.count()); i++) await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Reveal the feedback');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-keyshortcuts'))).toBe('PageDown ArrowRight');
      await pressUntil(page, 'PageDown', page.getByRole('heading', { name: 'The replies, revealed' }));
      expect(violationsText(await runAxe(page))).toBe('');
      await s.screenshot('e2e-presenter-clicker-reveal');
      // The projector window, where the focus is once the trainer has moved it to the projector: its
      // keys reach the laptop's page. Page Up: back to the votes (kept); the right arrow: the reveal again.
      const projector = await openProjectorWindow(s, { width: 1280, height: 720 });
      await projector.locator('ol.reveal').waitFor();
      await pressUntil(projector, 'PageUp', page.getByRole('button', { name: 'Reveal the feedback' }));
      expect(await boxes.first().inputValue()).toBe('5');
      await projector.locator('ol.options').waitFor();
      await pressUntil(projector, 'ArrowRight', page.getByRole('heading', { name: 'The replies, revealed' }));
      await projector.locator('ol.reveal').waitFor();
      // A projector window too small for the reveal: it is shown in pages (a reply to a page here),
      // and where even a page goes on below the window's edge, Page Down first shows the rest of it,
      // then is passed on: the next page, shown from its top (the laptop says which). Page Up at the top
      // of a page goes back a page. (At 800×200 none of this decision's replies fits alone, in any order.)
      await projector.setViewportSize({ width: 800, height: 200 });
      await projector.locator('.more-below').waitFor();
      await page.locator('.reveal-page-now').filter({ hasText: /^Projector: page 1 of 3 of the reveal/ }).waitFor();
      // Page Down scrolls the page (the browser's own, smooth, scrolling) until its end is in sight,
      // each press waited out until the scrolling stops (three frames at the same place).
      const scrolled = () => projector.evaluate(() => new Promise<void>((resolve) => {
        let [last, same] = [-1, 0];
        const frame = () => {
          same = window.scrollY === last ? same + 1 : 0;
          last = window.scrollY;
          if (same >= 3) resolve();
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }));
      await projector.keyboard.press('PageDown');
      await projector.waitForFunction(() => window.scrollY > 0);
      await scrolled();
      for (let i = 0; i < 10 && (await projector.locator('.more-below').count()); i++) {
        await projector.keyboard.press('PageDown');
        await scrolled();
      }
      await projector.locator('.more-below').waitFor({ state: 'detached' });
      await pressUntil(projector, 'PageDown', page.locator('.reveal-page-now').filter({ hasText: /^Projector: page 2 of 3 of the reveal, repl/ }));
      await projector.locator('.reveal-pages').filter({ hasText: /^Page 2 of 3 / }).waitFor();
      expect(await projector.evaluate(() => window.scrollY)).toBe(0);
      await pressUntil(projector, 'PageUp', page.locator('.reveal-page-now').filter({ hasText: /^Projector: page 1 of 3 of the reveal, repl/ }));
      await projector.locator('.reveal-pages').filter({ hasText: /^Page 1 of 3 / }).waitFor();
      // On a 1280×720 projector it fits whole again: Page Down at the reveal chooses no branch.
      await projector.setViewportSize({ width: 1280, height: 720 });
      await page.locator('.reveal-pager').waitFor({ state: 'detached' });
      await projector.keyboard.press('PageDown');
      await said(/^Page Down does not choose the branch:/).waitFor();
      expect(await page.getByRole('heading', { name: 'The replies, revealed' }).count()).toBe(1);
      // Said where the trainer sees it: in the laptop's window, over the reveal it is scrolled to (it
      // was under the keys' hint at the page's end, screens below).
      expect(await page.locator('.clicker-said').evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight && document.documentElement.scrollHeight > innerHeight + r.height;
      })).toBe(true);
      clean(s);
    } finally {
      await s.close();
    }
  });

  // Walked by presenter-60: a scene too long for the projector window even in its smallest type (a
  // trainer's own file in a live room, or a small window) went on under "More below: scroll this
  // window", and Page Down on the laptop pressed Continue: the room never saw the rest of the scene.
  it('presenter mode: a scene too long for the projector window even in its smallest type is scrolled there by Page Down on the laptop (said in the keys\' hint) before the next step, "Back up on the projector" scrolls it back up; the next moment is shown from the window\'s top; axe clean', async () => {
    const s = await openPage(web.browser, web.app.url, '?presenter#/presenter/court-report');
    const { page } = s;
    const hint = page.locator('#clicker-keys');
    try {
      await page.getByRole('button', { name: 'Start the session' }).click();
      await page.getByRole('button', { name: 'Continue', exact: true }).waitFor();
      const scene = await page.locator('main h1').textContent();
      // court-report's opening scene runs below a 600×360 window's edge even in the smallest type.
      const projector = await openProjectorWindow(s, { width: 600, height: 360 });
      await projector.locator('.more-below').waitFor();
      await hint.filter({ hasText: 'Page Down or Right arrow: Show more on the projector.' }).waitFor();
      await page.getByText(PROJECTOR_OVERFLOW_WORDS).waitFor();
      expect(violationsText(await runAxe(page))).toBe('');
      await page.locator('main h1').focus();
      await page.keyboard.press('PageDown');
      // The projector window scrolled to the rest of the scene; the laptop is still at the scene.
      await projector.waitForFunction(() => window.scrollY > 0 && document.querySelector('.more-below') === null);
      await hint.filter({ hasText: 'Page Down or Right arrow: Continue. Page Up or Left arrow: Back up on the projector.' }).waitFor();
      expect(await page.locator('main h1').textContent()).toBe(scene);
      await page.getByText(PROJECTOR_OVERFLOW_WORDS).waitFor({ state: 'detached' });
      // Page Up: back to the scene's top on the projector (the laptop's own step back, none here, is not taken).
      await page.getByRole('button', { name: 'Back up on the projector' }).click();
      await projector.waitForFunction(() => window.scrollY === 0);
      await hint.filter({ hasText: 'Page Down or Right arrow: Show more on the projector.' }).waitFor();
      // Scrolled to its end again, on to the next moment: shown from the projector window's top.
      await page.getByRole('button', { name: 'Show more on the projector' }).click();
      await projector.waitForFunction(() => window.scrollY > 0 && document.querySelector('.more-below') === null);
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await page.getByRole('button', { name: 'Reveal the feedback' }).waitFor();
      await projector.locator('.discussion').waitFor();
      expect(await projector.evaluate(() => window.scrollY)).toBe(0);
      clean(s);
    } finally {
      await s.close();
    }
  });

  it('every bundled decision with no words of its own, gone back to, fits a 1280×720 projector with the scene that set it up above its replies, under its own heading, in presenter mode and in a live room (with its join line); axe clean', async () => {
    // Each such decision, reached by the first path found, as presenter mode projects it after "Back to decision N", and a live room.
    const states: { where: string; state: ProjectorState }[] = [];
    for (const id of BUNDLED_IDS) {
      const file = `${id}.json`;
      const scenario = bundledScenario(id);
      for (const [nodeId, here] of setupSaves(scenario)) {
        const view = selectView(scenario, startSession(scenario, 'practice', here, 7).getSnapshot());
        if (view.kind !== 'decision') throw new Error(`${file} ${nodeId}: the save is not at its decision`);
        states.push({ where: `${file} ${nodeId}`, state: { kind: 'moment', scenarioTitle: view.scenarioTitle, step: stepWords(view), title: view.title, setup: projectedSetup(headedSetup(decisionSetup(scenario, here))), lines: [], discussionPrompt: view.discussionPrompt, prompt: view.prompt, replies: projectedReplies(view.replies), followed: projectedFollowed(view, false) } });
        // As a live room projects it: with the one line saying how to join.
        states.push({ where: `${file} ${nodeId} (live room)`, state: { ...(states.at(-1)?.state as ProjectorState & { kind: 'moment' }), join: { room: 'ABC234', url: 'http://192.168.100.200:51234/join?room=ABC234', layout: 'line' } } });
      }
    }
    expect(states.length).toBeGreaterThan(80);
    const s = await openPage(web.browser, web.app.url, '?projector#/projector', { viewport: { width: 1280, height: 720 } });
    const { page } = s;
    try {
      await page.getByText(/Waiting for the trainer/).waitFor();
      const problems: string[] = [];
      for (const [i, { where, state }] of states.entries()) {
        // The trainer's page stood in for by a channel of the same name in the window itself; each state told apart by its step.
        const step = `${state.kind === 'moment' ? state.step : ''} (${i})`;
        const got = await page.evaluate(async ([name, message, stepNow]) => {
          new BroadcastChannel(name).postMessage(message);
          const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
          for (let t = 0; t < 300 && !document.querySelector('.status-line')?.textContent?.includes(stepNow); t++) await frame();
          // Fitted before the window is painted: measured after one more frame.
          await frame();
          const root = document.documentElement;
          const setup = document.querySelector('section.setup');
          const options = document.querySelector('ol.options');
          return {
            overflow: root.scrollHeight - innerHeight, wide: root.scrollWidth - innerWidth, more: document.querySelectorAll('.more-below').length,
            heading: setup?.querySelector('h2')?.textContent, labelled: setup?.getAttribute('aria-labelledby') === setup?.querySelector('h2')?.id,
            order: Boolean(setup && options && (setup.compareDocumentPosition(options) & Node.DOCUMENT_POSITION_FOLLOWING)),
          };
        }, [PROJECTOR_CHANNEL, { type: 'state', state: { ...state, step }, v: PROJECTOR_PROTOCOL }, step] as const);
        const ok = { overflow: got.overflow <= 0, wide: got.wide <= 0, more: got.more === 0, heading: got.heading === 'Before this', labelled: got.labelled, order: got.order };
        if (Object.values(ok).some((v) => !v)) problems.push(`${where}: ${JSON.stringify(got)}`);
        if (i === 0) expect(violationsText(await runAxe(page))).toBe('');
      }
      expect(problems).toEqual([]);
      if (SCREENSHOTS) await s.screenshot('e2e-projector-setup');
      clean(s);
    } finally {
      await s.close();
    }
  });

  it('presenter mode: the clicker keys\' hint takes two lines at most in a 1280×720 laptop window, in its longest wording too, with the shortcuts on or off; on a phone it stays inside the page; axe clean', async () => {
    // It ran to four lines on a laptop: a 70ch column, and a sentence naming the checkbox just below it.
    const s = await openPage(web.browser, web.app.url, '?presenter#/presenter/youth-discloses', { viewport: { width: 1280, height: 720 } });
    const { page } = s;
    const hint = page.locator('#clicker-keys');
    /** The hint's height in its own lines (its line height as the page styles it). */
    const lines = () => hint.evaluate((el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight));
    // The longest words the hint can hold (presenter mode's longest steps: votes entered at a later
    // decision, or the reveal shown in pages), with the shortcuts on and off.
    const longest = [true, false].flatMap((on) => [
      clickerHintWords({ next: { label: 'Reveal the feedback', when: 'once votes are entered' }, back: { label: 'Back to decision 99', when: 'asking first (it clears the votes entered here)' } }, on),
      clickerHintWords({ nextNone: NO_BRANCH_WORDS, back: { label: PREVIOUS_PAGE } }, on),
      clickerHintWords({ next: { label: 'Reveal the votes', when: 'if any vote came in' }, back: { label: 'Back to decision 99' } }, on),
    ]);
    try {
      await page.getByRole('button', { name: 'Start the session' }).waitFor();
      expect(await hint.textContent()).toBe(clickerHintWords({ next: { label: 'Start the session' } }, true));
      expect(await lines()).toBeLessThanOrEqual(2.05);
      await s.screenshot('e2e-presenter-keys-hint-laptop');
      expect(violationsText(await runAxe(page))).toBe('');
      const toggle = page.getByRole('checkbox', { name: 'Single-key shortcuts: B or . blanks the projector' });
      await toggle.uncheck();
      await expect.poll(() => hint.textContent()).toBe(clickerHintWords({ next: { label: 'Start the session' } }, false));
      expect(await lines()).toBeLessThanOrEqual(2.05);
      await toggle.check();
      // At a phone's size it wraps within the page: nothing runs off its right edge.
      await page.setViewportSize({ width: 390, height: 844 });
      await hint.scrollIntoViewIfNeeded();
      expect(await hint.evaluate((el) => el.getBoundingClientRect().right <= document.documentElement.clientWidth && document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      await s.screenshot('e2e-presenter-keys-hint-phone');
      // Its checkbox stays the 24 px box it is on a laptop (WCAG 2.5.8), where its words take two
      // lines: their flex row squeezed it to 22 px wide.
      expect(await toggle.evaluate((el) => [el.getBoundingClientRect().width, el.getBoundingClientRect().height].map(Math.round))).toEqual([24, 24]);
      expect(violationsText(await runAxe(page))).toBe('');
      // The longest wordings, each laid out in the hint's place at 1280 wide.
      await page.setViewportSize({ width: 1280, height: 720 });
      for (const words of longest) {
        await hint.evaluate((el, text) => (el.textContent = text), words);
        expect(await lines(), words).toBeLessThanOrEqual(2.05);
      }
      clean(s);
    } finally {
      await s.close();
    }
  });

  // Walked by presenter-50: without a live room the trainer's steps were in rows at three places
  // (Reveal the feedback under the vote boxes, Back to the votes under the reveal, Continue and the
  // rest under both), so at court-report's first decision the next step sat at y≈864, below a
  // 1280×720 or 1024×768 laptop's fold, and a keyboard-only trainer scrolled at every decision.
  it('presenter mode without a live room at 1280×720 and 1024×768: the trainer\'s steps are one row at the window\'s bottom edge, so the next step is in view at court-report\'s content note, its opening scene, its first decision and its reveal, reached by keyboard alone, and the row never hides what has the focus, nor does a clicker key\'s refusal hide the row; axe clean', async () => {
    for (const viewport of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }]) {
      const s = await openPage(web.browser, web.app.url, '?presenter#/presenter/court-report', { viewport });
      const { page } = s;
      const size = `${viewport.width}x${viewport.height}`;
      /** Whether the button named `name` is in the window, not under anything (the sticky bar above, say), and in the row of the trainer's steps. */
      const stepInView = (name: string) => page.evaluate((name) => {
        const button = [...document.querySelectorAll('main button')].find((b) => b.textContent === name);
        if (!button) return `${name}: not on the page`;
        const box = button.getBoundingClientRect();
        const atCentre = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        const steps = [...document.querySelectorAll('main .controls')].filter((row) => getComputedStyle(row).display !== 'none');
        return [box.top >= 0 && box.bottom <= innerHeight ? 'in view' : `at y=${Math.round(box.top)}`, atCentre && button.contains(atCentre) ? 'uncovered' : 'covered', steps.length === 1 && steps[0]!.contains(button) ? 'one row' : `${steps.length} rows`].join(', ');
      }, name);
      // Every part of the page that takes the focus, focused from the top of the page, is shown clear of the steps' row.
      const hidden = () => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('main button, main summary, main input, main a[href], main [tabindex="-1"]')].filter((el) => !el.closest('.controls')).flatMap((el) => {
        scrollTo(0, 0);
        el.focus();
        const box = el.getBoundingClientRect();
        const row = document.querySelector('main .controls')!.getBoundingClientRect();
        return box.height > 0 && box.bottom > row.top && box.top < row.bottom ? [el.textContent || el.getAttribute('aria-describedby') || el.tagName] : [];
      }));
      try {
        // The content note, read with the room first: Start the session in view (it was at y≈788 at 1280×720 for most scenarios).
        await page.getByRole('button', { name: 'Start the session' }).waitFor();
        expect(await stepInView('Start the session'), size).toBe('in view, uncovered, one row');
        expect(await hidden(), size).toEqual([]);
        // By keyboard alone: Start the session, the counts typed in the boxes (Enter goes on from box to box, and from the last to the reveal).
        await page.getByRole('button', { name: 'Start the session' }).focus();
        await page.keyboard.press('Enter');
        // The scene before it: Continue, in view, Tab by Tab from the scene's heading (focused).
        await page.locator('h1:focus').waitFor();
        expect(await stepInView('Continue'), size).toBe('in view, uncovered, one row');
        await continueByKeyboard(page);
        const boxes = page.locator('input.vote-input');
        await boxes.first().waitFor();
        await page.evaluate(() => scrollTo(0, 0));
        expect(await stepInView('Reveal the feedback'), size).toBe('in view, uncovered, one row');
        expect(await hidden(), size).toEqual([]);
        expect(violationsText(await runAxe(page)), size).toBe('');
        await s.screenshot(`e2e-presenter-steps-decision-${size}`);
        // Page Down with no votes entered takes no step and says why at the window's foot: above the
        // row, not over it (it covered the row, "Reveal the feedback" that its words name included).
        await page.evaluate(() => scrollTo(0, 0));
        await page.keyboard.press('PageDown');
        await page.locator('.clicker-said').waitFor();
        expect(await page.evaluate(() => {
          const said = document.querySelector('.clicker-said')!.getBoundingClientRect();
          const under = [...document.querySelectorAll('main .controls button')].filter((b) => {
            const r = b.getBoundingClientRect();
            return r.bottom > said.top && r.top < said.bottom && r.right > said.left && r.left < said.right;
          }).map((b) => b.textContent);
          return [said.top >= 0 && said.bottom <= innerHeight, under];
        }), size).toEqual([true, []]);
        await boxes.first().focus();
        for (let i = 0; i < (await boxes.count()); i++) {
          await page.keyboard.type(String(i + 1));
          await page.keyboard.press('Enter');
        }
        expect(await page.evaluate(() => document.activeElement?.textContent), size).toBe('Reveal the feedback');
        expect(await stepInView('Reveal the feedback'), size).toBe('in view, uncovered, one row');
        await page.keyboard.press('Enter');
        await page.locator('#reveal-heading:focus').waitFor();
        // At the reveal: its heading (the focus) in view, the step back in the same row at the window's edge.
        expect(await page.locator('#reveal-heading').evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= innerHeight), size).toBe(true);
        expect(await stepInView('Back to the votes'), size).toBe('in view, uncovered, one row');
        expect(await hidden(), size).toEqual([]);
        expect(violationsText(await runAxe(page)), size).toBe('');
        clean(s);
      } finally {
        await s.close();
      }
    }
  });

  // Walked by trainer-51: with Download the summary so far, Open a projector window, Start over and
  // End the session in it, the row of the trainer's steps took two lines at 1280×720 (121 px: seven
  // buttons of 1,777 px in presenter mode's type, in 1,168), a sixth of the window over the moment.
  // And at a reveal it had no next step: the Follow buttons were only inside each reply.
  // At 1024×768 (trainer-52) the reveal's row took two lines all the same: its steps in presenter mode's
  // type are wider than the window, so there they are named in shorter words (the same steps).
  for (const viewport of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }]) it(`presenter mode without a live room at ${viewport.width}×${viewport.height}: the row of the trainer's steps is one line at every moment (the content note, a scene, a decision, its reveal, and with "Back to decision 1"), the session's other buttons in the row after it; at a reveal its first step, reached by keyboard, follows the room's choice (the reply with the most votes), or with no votes goes to the replies' Follow buttons; axe clean`, async () => {
    const s = await openPage(web.browser, web.app.url, '?presenter#/presenter/court-report', { viewport });
    const size = `${viewport.width}x${viewport.height}`;
    const { page } = s;
    /** The row's buttons, its lines (by their tops), whether its height is one line's, and whether it is at the window's foot. */
    const row = () => page.evaluate(() => {
      const steps = document.querySelector('main .trainer-steps')!;
      const buttons = [...steps.querySelectorAll('button')];
      const box = steps.getBoundingClientRect();
      const tall = Math.max(...buttons.map((b) => b.getBoundingClientRect().height));
      return {
        buttons: buttons.map((b) => b.textContent),
        lines: new Set(buttons.map((b) => Math.round(b.getBoundingClientRect().top))).size,
        oneLine: box.height < 1.5 * tall,
        // Whole in the window: at its foot where the page runs on under it (at 1024×768 the content
        // note's row is in its own place, just above the foot).
        inView: box.top >= 0 && Math.round(box.bottom) <= innerHeight,
        // Presenter mode's type, not made smaller to fit.
        type: buttons.every((b) => parseFloat(getComputedStyle(b).fontSize) >= 21),
      };
    });
    const oneLine = (buttons: string[]) => ({ buttons, lines: 1, oneLine: true, inView: true, type: true });
    // In a window narrower than 75em, the reveal's first step in shorter words (useNarrowSteps).
    const narrow = viewport.width < 1200;
    const [followChoice, chooseReply] = narrow ? ['Follow the room: 2', 'Choose a reply'] : ['Follow the room’s choice (reply 2)', 'Choose a reply to follow'];
    const focused = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const box = el.getBoundingClientRect();
      const bar = document.querySelector('main .trainer-steps')!.getBoundingClientRect();
      return { text: el.textContent, inRow: el.closest('.trainer-steps') !== null, inView: box.top >= 0 && box.bottom <= innerHeight, clearOfRow: el.closest('.trainer-steps') !== null || box.bottom <= bar.top };
    });
    try {
      await page.getByRole('button', { name: 'Start the session' }).waitFor();
      expect(await row(), size).toEqual(oneLine(['Start the session', 'Open a projector window', 'Blank the projector']));
      await page.getByRole('button', { name: 'Start the session' }).click();
      await page.locator('h1:focus').waitFor();
      expect(await row(), size).toEqual(oneLine(['Continue', 'Blank the projector']));
      // The session's other buttons: in the page, in the row after the steps' row (Tab goes on to them from it).
      expect(await page.locator('main .session-tools button').allTextContents()).toEqual(['Download the summary so far', 'Open a projector window', 'Start over', 'End the session']);
      await page.getByRole('button', { name: 'Blank the projector' }).focus();
      await page.keyboard.press('Tab');
      expect((await focused()).text).toBe('Download the summary so far');
      await page.getByRole('button', { name: 'Continue' }).click();
      const boxes = page.locator('input.vote-input');
      await boxes.first().waitFor();
      expect(await row(), size).toEqual(oneLine(['Reveal the feedback', 'Blank the projector']));
      expect(await boxes.count()).toBe(3);
      // The room's votes, by keyboard: reply 2 has the most. Enter from the last box goes to the reveal.
      const second = (await page.locator('ol.options > li:nth-child(2) > span').innerText()).replace(/^2\.\s*/, '');
      const projector = await openProjectorWindow(s, { width: 1280, height: 720 });
      await projector.locator('.discussion').waitFor();
      await boxes.first().focus();
      for (const n of [1, 5, 2]) {
        await page.keyboard.type(String(n));
        await page.keyboard.press('Enter');
      }
      await page.keyboard.press('Enter');
      await page.locator('#reveal-heading:focus').waitFor();
      expect(await row(), size).toEqual(oneLine([followChoice, 'Back to the votes', 'Blank the projector']));
      // No two buttons of the page named alike: the row's step names the room's choice, not "Follow
      // reply 2" as reply 2's own button is (at 1024×768 it was, the room left unsaid).
      const named = await axNames(page, 'button');
      expect(named.filter((n, i) => named.indexOf(n) !== i), size).toEqual([]);
      // The reveal starts at the top of the window, its first reply whole above the trainer's steps: the
      // browser's own scroll to the focused heading left it at the window's bottom, the first Follow
      // button half under the steps or not as their height was measured (axe's target-size, now and then).
      expect(await page.evaluate(() => {
        const heading = document.getElementById('reveal-heading')!.getBoundingClientRect();
        const follow = document.querySelector('section[aria-labelledby="reveal-heading"] li button')!.getBoundingClientRect();
        const steps = document.querySelector('.trainer-steps')!.getBoundingClientRect();
        return { headingNearTop: heading.top >= 0 && heading.top < innerHeight / 3, followClear: follow.bottom <= steps.top };
      })).toEqual({ headingNearTop: true, followClear: true });
      expect(violationsText(await runAxe(page))).toBe('');
      await s.screenshot(`e2e-presenter-steps-reveal-${size}`);
      // From the reveal's heading, Tab passes each reply's Follow button and comes to the row's first step.
      for (let i = 0; i < 6 && !(await focused()).inRow; i++) await page.keyboard.press('Tab');
      expect(await focused()).toEqual({ text: followChoice, inRow: true, inView: true, clearOfRow: true });
      await page.keyboard.press('Enter');
      // The story follows reply 2, as the projector tells the room.
      await projector.locator('.followed').filter({ hasText: second }).waitFor();
      await page.locator('h1:focus').waitFor();
      await projector.close();
      // On to the next decision: "Back to decision 1" in the row too, still one line.
      for (let i = 0; i < 5 && !(await boxes.count()); i++) await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await boxes.first().waitFor();
      expect(await row(), size).toEqual(oneLine(['Reveal the feedback', 'Back to decision 1', 'Blank the projector']));
      // Revealed with no votes: no choice of the room's, so the row's first step goes to the replies' own Follow buttons.
      await page.getByRole('button', { name: 'Reveal the feedback' }).click();
      await page.locator('#reveal-heading:focus').waitFor();
      expect(await row(), size).toEqual(oneLine([chooseReply, 'Back to the votes', 'Back to decision 1', 'Blank the projector']));
      await s.screenshot(`e2e-presenter-steps-reveal-2-${size}`);
      for (let i = 0; i < 8 && !(await focused()).inRow; i++) await page.keyboard.press('Tab');
      expect(await focused()).toEqual({ text: chooseReply, inRow: true, inView: true, clearOfRow: true });
      await page.keyboard.press('Enter');
      const first = await page.locator('ol.reveal button').first().textContent();
      expect(await focused()).toEqual({ text: first, inRow: false, inView: true, clearOfRow: true });
      expect(first).toMatch(/^Follow reply \d$/);
      expect(violationsText(await runAxe(page))).toBe('');
      clean(s);
    } finally {
      await s.close();
    }
  });

  // Walked by follow-54: the replies are shuffled, and for one order in three "Choose a reply" at
  // 1024×768 (the focus scrolled to reply 1's Follow button, centred) left reply 2's Follow button half
  // under the row of the trainer's steps: its words hidden, under 24 px of it to press (axe's
  // target-size, in CI now and then). The page is put in that place here, whatever the order.
  it('presenter mode at 1024×768: a reply\'s Follow button left half under the row of the trainer\'s steps is moved clear of it when the focus moves ("Choose a reply", or Tab to another reply), the focus kept in view; axe clean', async () => {
    const s = await openPage(web.browser, web.app.url, '?presenter#/presenter/court-report', { viewport: { width: 1024, height: 768 } });
    const { page } = s;
    /** The page's controls across the row's top edge (part above it, part under it), and the focus: in view between the sticky bar and the row. */
    const state = () => page.evaluate(() => {
      const row = document.querySelector('main .trainer-steps')!;
      const edge = row.getBoundingClientRect().top;
      // Across its top edge, or under its buttons and on past the window's foot (axe counts that part as free to press).
      const across = [...document.querySelectorAll<HTMLElement>('main :is(button, input, summary, a[href])')].filter((el) => {
        const box = el.getBoundingClientRect();
        return !row.contains(el) && box.height > 0 && ((box.top < edge && box.bottom > edge) || (box.top < innerHeight && box.bottom > innerHeight));
      }).map((el) => el.textContent);
      const focus = document.activeElement!.getBoundingClientRect();
      const bar = document.querySelector('.bar')!.getBoundingClientRect();
      return { across, focus: document.activeElement!.textContent, focusInView: focus.top >= bar.bottom && focus.bottom <= edge };
    });
    /** Scrolls the page so that the nth reply's Follow button is half under the row (or, at the window's foot, half below the window), and says whether it is. */
    const halfUnder = (n: number, foot = false) => page.evaluate(([n, foot]) => {
      const follow = document.querySelectorAll('ol.reveal > li button')[n]!;
      const edge = foot ? innerHeight : document.querySelector('main .trainer-steps')!.getBoundingClientRect().top;
      const box = follow.getBoundingClientRect();
      scrollBy({ top: box.top - (edge - box.height / 2), behavior: 'instant' });
      const now = follow.getBoundingClientRect();
      return now.top < edge && now.bottom > edge;
    }, [n, foot] as const);
    try {
      await page.getByRole('button', { name: 'Start the session' }).click();
      await page.locator('h1:focus').waitFor();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator('input.vote-input').first().waitFor();
      await page.getByRole('button', { name: 'Reveal the feedback' }).click();
      await page.locator('#reveal-heading:focus').waitFor();
      const follows = page.locator('ol.reveal > li button');
      expect(await follows.count()).toBe(3);
      const [first, second] = await follows.allTextContents();
      // "Choose a reply" with reply 2's Follow button half under the row: the focus goes to reply 1's,
      // and reply 2's is clear of the row at once (the step's own doing, not a frame later).
      // (The step focused first, and a frame let pass: the focus on the row's step scrolls the page.)
      await page.getByRole('button', { name: 'Choose a reply' }).focus();
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      expect(await halfUnder(1)).toBe(true);
      await page.keyboard.press('Enter');
      expect(await state()).toEqual({ across: [], focus: first, focusInView: true });
      expect(violationsText(await runAxe(page))).toBe('');
      // With reply 3's Follow button half under the row, the focus
      // put on reply 2's (in view: the browser does not scroll): reply 3's is moved clear too.
      expect(await halfUnder(2)).toBe(true);
      await follows.nth(1).focus();
      await expect.poll(state).toEqual({ across: [], focus: second, focusInView: true });
      expect(violationsText(await runAxe(page))).toBe('');
      // And reply 3's under the row's buttons and half below the window (axe's target-size counted the
      // half below as free to press, under 24 px of it: seen in 1 of 5 runs of the steps-row test).
      expect(await halfUnder(2, true)).toBe(true);
      await follows.nth(1).evaluate((el) => { el.blur(); el.focus(); });
      await expect.poll(state).toEqual({ across: [], focus: second, focusInView: true });
      expect(violationsText(await runAxe(page))).toBe('');
      clean(s);
    } finally {
      await s.close();
    }
  });

  // Walked by web-55: the browser keeps what has the focus clear of the steps' row when the focus
  // moves (scroll-padding-bottom, the row's height measured), and clearOfSteps the other controls;
  // but the trainer's wheel or a touch scroll can leave the focused vote box half under the row, and
  // the count typed next went into a box the trainer could not see. The page is not moved while the
  // trainer scrolls (the trainer's scroll is theirs); the key that acts on the box brings it clear.
  it('presenter mode at 1280×720: a vote box with the focus left half under the row of the trainer\'s steps by the mouse wheel stays where the wheel left it, and is brought clear of the row by the key typed in it (a count, an arrow), the count typed; axe clean', async () => {
    const s = await openPage(web.browser, web.app.url, '?presenter#/presenter/testifying', { viewport: { width: 1280, height: 720 } });
    const { page } = s;
    /** Where the focused control is: across the row's top edge, under it, or clear above it (and whether it is below the sticky bar). */
    const focusPlace = () => page.evaluate(() => {
      const edge = document.querySelector('main .trainer-steps')!.getBoundingClientRect().top;
      const box = document.activeElement!.getBoundingClientRect();
      const bar = document.querySelector('.bar')!.getBoundingClientRect();
      return box.bottom <= edge && box.top >= bar.bottom ? 'clear' : box.top < edge && box.bottom > edge ? 'across the row\'s edge' : `at ${Math.round(box.top)}..${Math.round(box.bottom)}, edge ${Math.round(edge)}`;
    });
    /** Turns the mouse wheel by `by` px, the pointer in the page's margin (over no control), and waits for the page to get there. */
    const wheel = async (by: number) => {
      const to = await page.evaluate((by) => Math.max(0, Math.min(scrollY + by, document.documentElement.scrollHeight - innerHeight)), by);
      await page.mouse.move(8, 300);
      await page.mouse.wheel(0, by);
      await page.waitForFunction((to) => Math.abs(scrollY - to) <= 1, to);
    };
    /**
     * Wheels the page down a little (the trainer reading on), then back up until the focused control
     * is half under the row's top edge (a few turns: the row's clicker hint changes its words, and
     * its height, with what is left below the window).
     */
    const wheelHalfUnder = async () => {
      await wheel(200);
      for (let turn = 0; turn < 4 && (await focusPlace()) !== 'across the row\'s edge'; turn++) {
        await wheel(await page.evaluate(() => {
          // Where the row's top edge is once it is held at the window's foot (it moves with the page where the page ends above it).
          const edge = innerHeight - document.querySelector('main .trainer-steps')!.getBoundingClientRect().height;
          const box = document.activeElement!.getBoundingClientRect();
          return Math.round(box.top - (edge - box.height / 2));
        }));
        // Two frames for anything that would answer the scroll.
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      }
    };
    try {
      await page.getByRole('button', { name: 'Start the session' }).click();
      await page.locator('h1:focus').waitFor();
      // On to the first decision (testifying's "Do I have to?": a long scene, taller than the window).
      const boxes = page.locator('input.vote-input');
      while (!(await boxes.count())) {
        await page.getByRole('button', { name: 'Continue', exact: true }).click();
        await page.locator('h1:focus').waitFor();
      }
      // The last box (the page scrolled to it, so that the wheel can take it back down under the row).
      const box = boxes.last();
      await box.focus();
      expect(await focusPlace()).toBe('clear');
      // The wheel leaves it half under the row: the page stays where the trainer put it.
      await wheelHalfUnder();
      expect(await focusPlace()).toBe('across the row\'s edge');
      // A count typed: the box is brought clear first, and takes it.
      await page.keyboard.type('4');
      expect(await focusPlace()).toBe('clear');
      await expect.poll(() => box.inputValue()).toBe('4');
      // The same with an arrow, which changes the count in a number box.
      await wheelHalfUnder();
      expect(await focusPlace()).toBe('across the row\'s edge');
      await page.keyboard.press('ArrowUp');
      expect(await focusPlace()).toBe('clear');
      await expect.poll(() => box.inputValue()).toBe('5');
      await s.screenshot('e2e-presenter-wheel-then-key-1280x720');
      expect(violationsText(await runAxe(page))).toBe('');
      clean(s);
    } finally {
      await s.close();
    }
  });

  it('on a phone with text at 200%, the first page breaks no word of its title or of a card\'s buttons in the middle; with text spacing too, the skip link stays out of sight until focused', async () => {
    const s = await openPage(web.browser, web.app.url, '', { viewport: { width: 360, height: 740 } });
    try {
      await s.page.locator('.card').first().waitFor();
      await s.page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
      const split = await splitWords(s.page, 'main h1, .card .actions .button');
      await s.screenshot('e2e-library-phone-200');
      expect(split).toEqual([]);
      expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      // With the user's text spacing as well (WCAG 1.4.12), nothing runs off the side, and the skip
      // link, on two lines now, is out of sight until it is focused (its second line was over the bar).
      await s.page.evaluate((css) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      }, TEXT_SPACING);
      const skip = s.page.getByRole('link', { name: 'Skip to content' });
      const box = () => skip.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
      const hidden = await box();
      expect(hidden.bottom).toBeLessThanOrEqual(0);
      await s.page.keyboard.press('Tab');
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      const shown = await box();
      expect(shown.top).toBeGreaterThanOrEqual(0);
      expect(shown.right).toBeLessThanOrEqual(360);
      expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      clean(s);
    } finally {
      await s.close();
    }
  });

  // At 1280×800 the cards of a row are as tall as the longest, and each card's buttons came right
  // after its own words: cards side by side had their Practise and Assessment buttons at different
  // heights (58 px apart in the second row). The buttons sit at the card's foot now; where cards
  // stack (a phone, or 200% zoom), they still come right under the card's words.
  it('the first page\'s cards have their buttons at their foot: level across a row at 1280×800; on a phone and at 200% zoom right under the card\'s words, nothing sideways', async () => {
    // "debrief": one card with a kept debrief, whose "See your last debrief" row its neighbour has not:
    // the Practise rows are level still, the other card's foot left empty under them.
    const kept = seedLocalStorage({ [debriefKey({ scenario: { id: 'youth-discloses' } })]: '{}' });
    const sizes = [
      { name: 'desktop', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
      { name: 'debrief', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, initScript: kept },
      { name: 'phone', viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 },
      { name: 'zoom-200', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
    ];
    for (const { name, ...options } of sizes) {
      const size = { name, viewport: options.viewport };
      const s = await openPage(web.browser, web.app.url, '', options);
      try {
        await s.page.locator('.card').first().waitFor();
        await s.screenshot(`e2e-library-cards-${size.name}`);
        const cards = await s.page.$$eval('.card', (els) => els.map((card) => {
          const rows = [...card.querySelectorAll(':scope > .actions')].map((a) => a.getBoundingClientRect());
          const words = [...card.children].filter((c) => !c.classList.contains('actions')).map((c) => c.getBoundingClientRect().bottom);
          const box = card.getBoundingClientRect();
          return { title: card.querySelector('h2')?.textContent ?? '', top: Math.round(box.top), bottom: box.bottom, buttons: rows[0]!.top, foot: rows.at(-1)!.bottom, words: Math.max(...words), rows: rows.length };
        }));
        expect(cards.length).toBeGreaterThan(2);
        const rows = new Map<number, typeof cards>();
        for (const c of cards) rows.set(c.top, [...(rows.get(c.top) ?? []), c]);
        if (size.name === 'desktop') expect([...rows.values()].filter((r) => r.length > 1).length).toBeGreaterThan(1);
        for (const row of rows.values()) {
          // Level across the row, to the pixel.
          expect(Math.max(...row.map((c) => c.buttons)) - Math.min(...row.map((c) => c.buttons)), row.map((c) => c.title).join(' | ')).toBeLessThanOrEqual(1);
        }
        if (name === 'debrief') expect(cards.filter((c) => c.rows === 2).map((c) => c.title)).toEqual(['What Kiara tells you']);
        for (const c of cards) {
          // At the card's foot: its last button row, then the card's padding and that row's margin
          // (or, beside a card with one more row, that row's room too).
          expect(c.bottom - c.foot, c.title).toBeLessThanOrEqual(name === 'debrief' ? 90 : 26);
          // After every word of the card, and in a column of one card (nothing beside it to be level
          // with) right under them, as before.
          expect(c.buttons, c.title).toBeGreaterThanOrEqual(c.words);
          if (rows.get(c.top)!.length === 1) expect(c.buttons - c.words, c.title).toBeLessThanOrEqual(17);
        }
        expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.viewport.width);
        clean(s);
      } finally {
        await s.close();
      }
    }
  });

  it('presenter mode on a phone with text at 200%: each vote box under its reply, no word of a reply broken in the middle, every count shown whole', async () => {
    const s = await openPage(web.browser, web.app.url, '#/presenter/couch-rent', { viewport: { width: 360, height: 740 } });
    try {
      await s.page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
      await s.page.getByRole('button', { name: 'Start the session' }).click();
      // Scenes first; the first decision has its vote boxes.
      const boxes = s.page.locator('input.vote-input');
      while (await boxes.count() === 0) await s.page.getByRole('button', { name: 'Continue', exact: true }).click();
      for (const box of await boxes.all()) await box.fill('1234');
      // Beside the replies, the boxes left each a column of one word per line, words split ("promis|e").
      expect(await splitWords(s.page, '.vote-row > span')).toEqual([]);
      // A count is not cut off in its box.
      expect(await boxes.evaluateAll((els) => els.filter((el) => (el as HTMLInputElement).scrollWidth > (el as HTMLInputElement).clientWidth).length)).toBe(0);
      expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await s.screenshot('e2e-presenter-phone-200');
      clean(s);
    } finally {
      await s.close();
    }
  });

  it('"Take a break" under the pointer keeps its words legible, light and dark (in dark they were drawn 1:1 on the hover tint)', async () => {
    const s = await openPage(web.browser, web.app.url);
    try {
      const button = s.page.getByRole('button', { name: 'Take a break' });
      // The contrast of the button's words against its own background, as drawn now.
      const contrast = () => button.evaluate((el) => {
        const lum = (colour: string): number => {
          const [r = 0, g = 0, b = 0] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => Number(v) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const style = getComputedStyle(el);
        const [hi, lo] = [lum(style.color), lum(style.backgroundColor)].sort((a, b) => b - a) as [number, number];
        return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
      });
      for (const colorScheme of ['light', 'dark'] as const) {
        await s.page.emulateMedia({ colorScheme });
        await s.page.mouse.move(0, 400);
        await button.hover();
        expect(await button.evaluate((el) => el.matches(':hover'))).toBe(true);
        expect(await contrast(), `hovered in ${colorScheme}`).toBeGreaterThanOrEqual(4.5);
      }
      clean(s);
    } finally {
      await s.close();
    }
  });

  it('forced colours (Windows high contrast): the sticky bar keeps an edge; "Blank the projector" looks pressed while the projector is blank, there and in light and dark', async () => {
    const s = await openPage(web.browser, web.app.url, '#/presenter/couch-rent', { forcedColors: 'active' });
    const { page } = s;
    try {
      await page.getByRole('button', { name: 'Start the session' }).click();
      // The bar's dark background is painted as the page's Canvas: a line of its own shows where the
      // page scrolling under it is cut off (without one, half a button simply ended at nothing).
      const edge = await page.locator('header.bar').evaluate((el) => {
        const st = getComputedStyle(el);
        return { style: st.borderBottomStyle, width: parseFloat(st.borderBottomWidth), line: st.borderBottomColor, bar: st.backgroundColor };
      });
      expect(edge.style).not.toBe('none');
      expect(edge.width).toBeGreaterThanOrEqual(1);
      expect(edge.line).not.toBe(edge.bar);
      // The toggle's state is drawn on the button itself, with forced colours or not: it looked the
      // same on as off (only the notice under it said the projector was blank).
      const blank = page.getByRole('button', { name: 'Blank the projector' });
      const look = async () => {
        await page.mouse.move(0, 0);
        return blank.evaluate((el) => {
          const st = getComputedStyle(el);
          return `${st.backgroundColor} ${st.color} ${st.borderTopColor}`;
        });
      };
      for (const [forcedColors, colorScheme] of [['active', 'light'], ['active', 'dark'], ['none', 'light'], ['none', 'dark']] as const) {
        await page.emulateMedia({ forcedColors, colorScheme });
        const off = await look();
        await blank.click();
        expect(await blank.getAttribute('aria-pressed')).toBe('true');
        const on = await look();
        expect(on, `${forcedColors} ${colorScheme}`).not.toBe(off);
        await s.screenshot(`e2e-blank-pressed-${forcedColors}-${colorScheme}`);
        if (forcedColors === 'none') expect(violationsText(await runAxe(page, COLOUR_RULES)), colorScheme).toBe('');
        await blank.click();
        expect(await blank.getAttribute('aria-pressed')).toBe('false');
      }
      clean(s);
    } finally {
      await s.close();
    }
  });

  it('a blanked projector window is dark in every scheme: light and dark, with forced colours (Windows high contrast) light and dark too', async () => {
    const s = await openPage(web.browser, web.app.url, '?presenter#/presenter/couch-rent');
    const { page } = s;
    try {
      await page.getByRole('button', { name: 'Start the session' }).click();
      const projector = await openProjectorWindow(s, { width: 1024, height: 768 });
      await projector.locator('.projector-screen').waitFor();
      const blank = page.getByRole('button', { name: 'Blank the projector' });
      // The brightest pixels of the window as drawn (its screenshot, read back in the window).
      const drawn = async () =>
        countPixels(projector, await projector.screenshot(), (px) => {
          let bright = 0;
          let max = 0;
          for (let i = 0; i < px.length; i += 4) {
            const l = 0.2126 * px[i]! + 0.7152 * px[i + 1]! + 0.0722 * px[i + 2]!;
            max = Math.max(max, l);
            if (l > 64) bright++;
          }
          return { max: Math.round(max), bright: bright / (px.length / 4) };
        }, null);
      for (const [forcedColors, colorScheme] of [['none', 'light'], ['none', 'dark'], ['active', 'light'], ['active', 'dark']] as const) {
        await projector.emulateMedia({ forcedColors, colorScheme });
        await blank.click();
        await projector.locator('.projector-screen.blank').waitFor();
        if (SCREENSHOTS) await projector.screenshot({ path: join(ROOT, 'test-artifacts', 'screenshots', `e2e-projector-blank-${forcedColors}-${colorScheme}.png`) });
        // Nothing bright to the room: under a light high-contrast theme the window was white (the
        // browser painted its black as the system's Canvas).
        expect(await drawn(), `${forcedColors} ${colorScheme}`).toEqual({ max: 0, bright: 0 });
        await blank.click();
        await projector.locator('.projector-screen.blank').waitFor({ state: 'detached' });
      }
      clean(s);
    } finally {
      await s.close();
    }
  });

  // "Take a break" changed only the laptop: the room kept looking at the reveal and its votes.
  it('on the trainer\'s break the projector window shows "Taking a break" under the scenario\'s title, large, fitted and axe-clean, readable with forced colours; back from the break, the reveal again', async () => {
    const { s, projector } = await startedWithProjector();
    const { page } = s;
    try {
      await page.getByRole('spinbutton').first().fill('3');
      await page.getByRole('button', { name: 'Reveal the feedback' }).click();
      await projector.locator('ol.reveal').waitFor();
      const revealed = await projector.locator('.projector-screen').innerText();
      await page.getByRole('button', { name: 'Take a break' }).click();
      const onBreak = projector.locator('.projector-screen.on-break');
      await onBreak.waitFor();
      expect(await onBreak.locator('h1').innerText()).toBe('Taking a break');
      expect(await onBreak.innerText()).toMatch(/^What Kiara tells you\s+Taking a break\s+Back soon: the session carries on from where it stopped\.$/);
      expect(await projector.locator('ol, .vote-row, .facilitator-note, .discussion').count()).toBe(0);
      // Whole in the window, in type read across a room: the heading at 72 px, the line under it at 35 px.
      const sizes = await projector.evaluate(() => ({
        overflow: document.documentElement.scrollHeight - innerHeight,
        wide: document.documentElement.scrollWidth - innerWidth,
        heading: parseFloat(getComputedStyle(document.querySelector('.projector-screen.on-break h1')!).fontSize),
        line: parseFloat(getComputedStyle(document.querySelector('.projector-screen.on-break .back-soon')!).fontSize),
      }));
      expect(sizes.overflow).toBeLessThanOrEqual(0);
      expect(sizes.wide).toBeLessThanOrEqual(0);
      expect(sizes.heading).toBeGreaterThanOrEqual(48);
      expect(sizes.line).toBeGreaterThanOrEqual(28);
      // In the page's own colours: no box of its own (the bar's "Take a break" button is .break).
      expect(await onBreak.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
      if (SCREENSHOTS) await projector.screenshot({ path: join(ROOT, 'test-artifacts', 'screenshots', 'e2e-projector-break-720.png') });
      expect(violationsText(await runAxe(projector))).toBe('');
      await axeCleanInDark(projector, 'e2e-projector-break');
      // With forced colours (Windows high contrast), light and dark: the words in the system's text colour on its background.
      for (const colorScheme of ['light', 'dark'] as const) {
        await projector.emulateMedia({ forcedColors: 'active', colorScheme });
        const t = await tones(projector);
        expect(t.text, colorScheme).not.toBe(t.page);
        const heading = await onBreak.locator('h1').evaluate((h) => getComputedStyle(h).color);
        expect(heading).toBe(await projector.evaluate(() => getComputedStyle(document.body).color));
        if (SCREENSHOTS) await projector.screenshot({ path: join(ROOT, 'test-artifacts', 'screenshots', `e2e-projector-break-forced-${colorScheme}.png`) });
      }
      await projector.emulateMedia({ forcedColors: 'none', colorScheme: 'light' });
      await page.getByRole('button', { name: 'Back from break' }).click();
      await projector.locator('ol.reveal').waitFor();
      expect(await projector.locator('.projector-screen').innerText()).toBe(revealed);
      clean(s);
    } finally {
      await s.close();
    }
  });

  it.skipIf(!existsSync(PDFTOTEXT))('printed on A4, Letter and A5, the debrief leaves no heading alone at the foot of a page and no button on paper; the certificate prints whole on one page', async () => {
    const s = await openPage(web.browser, web.app.url, '#/play/couch-rent');
    const { page } = s;
    try {
      await page.locator('#transcript').waitFor();
      await page.locator('.moment-heading').last().focus();
      await keyboardToDebrief(page);
      // The outcome this playthrough had (replies are shuffled and the first open one is taken, so it
      // varies from run to run), for the certificate below.
      const band = (await page.locator('section.outcome').getAttribute('class'))?.match(/band-([\w-]+)/)?.[1];
      const bandLabel = ({ strong: 'Strong', developing: 'Developing', 'needs-review': 'Needs review' } as Record<string, string>)[band ?? ''];
      expect(bandLabel, `outcome band ${band}`).toBeDefined();
      const headings = (await page.locator('main :is(h1, h2, h3)').allTextContents()).map((h) => h.replace(/\s+/g, ' ').trim());
      // Folded on the page (each decision's feedback, what a principle to work on asks, the paths
      // beside best practice), all of it on paper, without the summaries that only open them.
      const oneLine = (t: string) => t.replace(/\s+/g, ' ').trim();
      // Each paragraph, item and cell (less the label of its column, which a phone's screen shows in it).
      const folded = (await page.locator('article.debrief details:not([open]) :is(p, li, th, td)').evaluateAll((els) => els.map((el) => {
        const copy = el.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.cell-label').forEach((l) => l.remove());
        // A paragraph or item: its first 40 characters, as they are; a table's cell: its words in
        // order (the PDF's text runs the lines of the cells of a row into one another, as they stand
        // side by side, on A5 a cell's first line one or two words), a word with a hyphen as its parts
        // (a narrow column breaks "24-hour" after its hyphen, which then ends a line: "24- hour").
        const words = (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
        return /^T[HD]$/.test(el.tagName) ? { cell: words.split(/ |(?<=\S-)(?=\S)/) } : { text: words.slice(0, 40) };
      }))).filter((t) => (t.cell ? t.cell.join('') : t.text ?? '').length > 0);
      /** Whether `printed` has the paragraph's start, or the cell's words in their order. */
      const printedIn = (printed: string, t: { text?: string; cell?: string[] }) => {
        if (!t.cell) return printed.includes(t.text ?? '');
        let at = 0;
        for (const word of t.cell) {
          at = printed.indexOf(word, at);
          if (at < 0) return false;
          at += word.length;
        }
        return true;
      };
      expect(folded.length).toBeGreaterThan(3);
      for (const format of ['A4', 'Letter', 'A5']) {
        const pages = pdfPages(await page.pdf({ format }));
        const printed = oneLine(pages.join('\n'));
        expect(folded.filter((t) => !printedIn(printed, t)), format).toEqual([]);
        expect(printed, format).not.toMatch(/Feedback on this reply|best-practice reply beside yours/);
        expect(pages.length, format).toBeGreaterThan(2);
        // The last line of each page but the last, with a list's number left off ("6. Supervision"):
        // a heading whole, or one that wrapped and ends there with the line before it (a paragraph
        // whose last word, "papers", ends a heading too is not one: replies are shuffled, so which
        // words end a page varies from run to run).
        const stranded = pages.slice(0, -1).flatMap((p) => {
          const lines = p.trimEnd().split('\n').map((l) => l.trim().replace(/^\d+\.\s+/, ''));
          const last = lines.at(-1) ?? '';
          const wrapped = `${lines.at(-2) ?? ''} ${last}`;
          return last.length > 2 && headings.some((h) => h === last || h.endsWith(wrapped)) ? [last] : [];
        });
        expect(stranded, format).toEqual([]);
        // Nothing to press on paper: the what-ifs went with the other buttons.
        expect(pages.join('\n'), format).not.toMatch(/What if: replay from here/);
      }
      await page.goto(`${web.app.url}#/certificate`);
      await page.getByRole('heading', { name: 'Certificate of completed practice' }).waitFor();
      const certificate = pdfPages(await page.pdf({ format: 'Letter' }));
      expect(certificate).toHaveLength(1);
      for (const words of ['Certificate of completed practice', 'The rent at Vic', bandLabel!, 'Practice', 'Advocate Supervisor:']) expect(certificate[0]).toContain(words);
      clean(s);
    } finally {
      await s.close();
    }
  });

  // A year's practice toward the 12 in-service hours (48 scenarios of about 15 minutes) prints over
  // pages: the note on how the minutes are counted was split, its last two lines alone on a third
  // page of Letter, away from the signature line above them.
  it.skipIf(!existsSync(PDFTOTEXT))('a certificate longer than a page prints each of its paragraphs whole on one page (48 finished scenarios, A4 and Letter)', async () => {
    const s = await certificateOfAYear();
    try {
      expect(await s.page.locator('.cert-total').textContent()).toContain('12 hours of finished practice');
      const paragraphs = (await s.page.locator('.certificate > p').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
      expect(paragraphs.length).toBeGreaterThan(3);
      for (const format of ['A4', 'Letter']) {
        const pages = pdfPages(await s.page.pdf({ format })).map((p) => p.replace(/_+/g, ' ').replace(/\s+/g, ' ').trim());
        expect(pages.length, format).toBeGreaterThan(1);
        // (A blank line's words for a screen reader, "(blank for the name)", are not on paper.)
        const split = paragraphs.map((p) => p.replace(/\(blank for the \w+\)|_+/g, ' ').replace(/\s+/g, ' ').trim()).filter((p) => !pages.some((page) => page.includes(p)));
        expect(split, format).toEqual([]);
      }
      clean(s);
    } finally {
      await s.close();
    }
  });

  // A year's certificate runs to two or three pages, and only the first said whose it was and for
  // which year: a page come loose from the others (the last, with the signature) was anyone's. Each
  // page says it in its top margin (@page margin boxes, Chromium 131 on), with "Page N of M"; on
  // screen there is no such line, and My records printed after it has none.
  it.skipIf(!existsSync(PDFTOTEXT))('every printed page of a certificate over pages says whose it is, its year and "Page N of M" (48 finished scenarios, A4 and Letter); nothing of it on screen or on other pages printed', async () => {
    const s = await certificateOfAYear();
    const year = LAST_YEAR;
    try {
      // A quote and a backslash in the name are the name's own characters, not the style sheet's.
      const name = 'Dana "DJ" O\'Neill\\Ruiz';
      await s.page.getByLabel('Your name (optional)').fill(name);
      await expect.poll(() => s.page.locator('.cert-name').textContent()).toBe(name);
      const oneLine = (t: string) => t.replace(/\s+/g, ' ').trim();
      for (const format of ['A4', 'Letter']) {
        const pages = pdfPages(await s.page.pdf({ format })).map(oneLine);
        expect(pages.length, format).toBeGreaterThan(1);
        pages.forEach((page, n) => {
          expect(page, `${format} page ${n + 1}`).toContain(`Certificate of completed practice in ${year}: ${name}`);
          expect(page, `${format} page ${n + 1}`).toContain(`Page ${n + 1} of ${pages.length}`);
        });
      }
      // Without a name, the year and the page still.
      await s.page.getByLabel('Your name (optional)').fill('');
      const unnamed = pdfPages(await s.page.pdf({ format: 'A4' })).map(oneLine);
      unnamed.forEach((page, n) => {
        expect(page).toMatch(new RegExp(`Certificate of completed practice in ${year} .*Page ${n + 1} of ${unnamed.length}`));
        expect(page).not.toContain('Dana');
      });
      // Print-only: the page on screen has no such line (to the eye or to a screen reader).
      expect(await s.page.getByText(/Page \d+ of \d+/).count()).toBe(0);
      expect(await s.page.locator('main').innerText()).not.toContain(`Certificate of completed practice in ${year}`);
      // Another page printed after it (My records) is not headed as a certificate.
      await s.page.goto(`${web.app.url}#/records`);
      await s.page.getByRole('heading', { level: 1, name: 'My records' }).waitFor();
      const records = pdfPages(await s.page.pdf({ format: 'A4' })).map(oneLine);
      expect(records.join(' ')).not.toMatch(/Certificate of completed practice|Page \d+ of \d+/);
      await s.screenshot('e2e-certificate-screen-named');
      clean(s);
    } finally {
      await s.close();
    }
  });

  // On paper a button is words in the page's ink, or not there at all: the first page's "Practise"
  // (white words on a fill that browsers leave off paper) came out white on white, and a presenter
  // reveal printed its "Follow reply N" buttons but not the bars of the room's votes.
  it('on paper, the first page prints no button to press, and any button in the page\'s ink with no fill', async () => {
    const s = await openPage(web.browser, web.app.url);
    try {
      await s.page.getByRole('link', { name: /^Practise: / }).first().waitFor();
      await s.page.emulateMedia({ media: 'print' });
      const library = await printedButtons(s.page);
      expect(library.length).toBeGreaterThan(10);
      expect(library.filter((b) => b.drawn).map((b) => b.words)).toEqual([]);
      // Any button still on paper (a reply's words on the play page): black words, no fill.
      expect(library.filter((b) => b.ink !== 'rgb(0, 0, 0)' || b.fill !== 'rgba(0, 0, 0, 0)')).toEqual([]);
      clean(s);
    } finally {
      await s.close();
    }
  });

  it('on paper, a presenter reveal prints no "Follow reply" button, the votes as bars and in words, and Who\'s who open', async () => {
    const s = await openPage(web.browser, web.app.url, '?presenter#/presenter/youth-discloses');
    const { page } = s;
    try {
      await page.getByRole('button', { name: 'Start the session' }).click();
      await page.getByRole('spinbutton').first().fill('3');
      await page.getByRole('button', { name: 'Reveal the feedback' }).click();
      await page.getByRole('heading', { name: 'The replies, revealed' }).waitFor();
      await page.emulateMedia({ media: 'print' });
      expect((await printedButtons(page)).filter((b) => b.drawn).map((b) => b.words)).toEqual([]);
      // The reply with the room's three votes: its bar the row's width, printed with its fill.
      const bars = await page.locator('.reveal .vote-bar').evaluateAll((els) => els.map((el) => {
        const style = getComputedStyle(el);
        return { share: el.getBoundingClientRect().width / el.parentElement!.getBoundingClientRect().width, adjust: style.getPropertyValue('print-color-adjust') || style.getPropertyValue('-webkit-print-color-adjust') };
      }));
      expect(bars.filter((b) => b.share > 0.5)).toEqual([{ share: expect.any(Number), adjust: 'exact' }]);
      // And in words beside it.
      expect(await page.locator('.reveal').innerText()).toContain('Votes: 3 (100%)');
      // Who's who open (::details-content): the people with their roles, not its summary line alone.
      expect(await page.locator('details.who').innerText()).toMatch(/Kiara \(youth\)/);
      clean(s);
    } finally {
      await s.close();
    }
  });

  // On a phone "Your path beside best practice" was a table of three narrow columns, the replies a
  // few words a line (4,100 px at 390 px wide on one path) and, at 320 px (400% zoom), wider than the
  // screen. There each decision is a block of its own, its replies at the full width under it, each
  // named by its column; it is still a table to a screen reader, and a table at a desktop's width and on paper.
  it('on a phone, "Your path beside best practice" shows each decision as a block, its replies at the full width, still a table to a screen reader; a table on a desktop and on paper', async () => {
    // The scenario with the longest replies (a court report, sentence by sentence).
    const s = await openPage(web.browser, web.app.url, '#/play/court-report', { viewport: { width: 360, height: 740 } });
    try {
      await s.page.locator('#transcript').waitFor();
      await s.page.locator('.moment-heading').last().focus();
      await keyboardToDebrief(s.page);
      await openDebriefFolds(s.page);
      const region = s.page.getByRole('region', { name: 'Your path beside best practice, table' });
      const measure = () => region.evaluate((el) => {
        const table = el.querySelector('table')!;
        const cells = [...table.querySelectorAll<HTMLElement>('tbody th, tbody td')];
        // Words (a break after a hyphen is a word's own) drawn on two lines or more: "comm|ercial".
        const split: string[] = [];
        for (const cell of cells) {
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
            for (const m of node.data.matchAll(/[^\s-]+-?/g)) {
              const range = document.createRange();
              range.setStart(node, m.index);
              range.setEnd(node, m.index + m[0].length);
              const rects = [...range.getClientRects()].filter((r) => r.width > 0);
              if (new Set(rects.map((r) => Math.round(r.top))).size > 1) split.push(m[0]);
            }
          }
        }
        const labels = [...table.querySelectorAll<HTMLElement>('.cell-label')].filter((l) => l.checkVisibility());
        return {
          scroll: el.scrollWidth, client: el.clientWidth, page: document.documentElement.scrollWidth, display: getComputedStyle(table).display,
          // The narrowest of the rows' decisions and replies, as a share of the table's width.
          narrowest: Math.min(...cells.map((c) => c.getBoundingClientRect().width)) / table.getBoundingClientRect().width,
          split, labels: labels.length, rows: table.tBodies[0]!.rows.length,
        };
      });
      // The same table to a screen reader at every width: three column headers, a row header per decision, and cells
      // named by their words only (the label of its column shown in each is not read: the header says it).
      const semantics = async () => {
        const table = s.page.getByRole('table');
        expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['Decision', 'Your reply', 'Best practice here']);
        const rows = await table.getByRole('rowheader').count();
        expect(rows).toBeGreaterThan(3);
        const cells = await table.getByRole('cell').evaluateAll((cs) => cs.length);
        expect(cells).toBe(rows * 2);
        const snapshot = await table.ariaSnapshot();
        expect(snapshot).not.toMatch(/cell "(Your reply|Best practice here):/);
        return rows;
      };
      const drawn = await measure();
      await s.screenshot('e2e-debrief-paths-phone');
      expect(drawn.display).toBe('block');
      expect(drawn.scroll).toBeLessThanOrEqual(drawn.client);
      expect(drawn.narrowest).toBeGreaterThan(0.9);
      expect(drawn.split).toEqual([]);
      expect(drawn.labels).toBe(drawn.rows * 2);
      const rows = await semantics();
      expect(rows).toBe(drawn.rows);
      // At 320 px (a laptop's page at 400% zoom, WCAG 1.4.10): no sideways scrolling, every word whole.
      await s.page.setViewportSize({ width: 320, height: 740 });
      const narrow = await measure();
      await s.screenshot('e2e-debrief-paths-320');
      expect(narrow.split).toEqual([]);
      expect(narrow.page).toBeLessThanOrEqual(320);
      expect(narrow.scroll).toBeLessThanOrEqual(narrow.client);
      expect(await s.page.getByText('This table is wider than the screen').count()).toBe(0);
      expect(await region.getAttribute('tabindex')).toBeNull();
      // A desktop's width: a table with its header row, no labels in the cells.
      await s.page.setViewportSize({ width: 1280, height: 800 });
      const wide = await measure();
      expect(wide.display).toBe('table');
      expect(wide.labels).toBe(0);
      expect(await s.page.locator('table.paths thead').evaluate((h) => h.getBoundingClientRect().height)).toBeGreaterThan(10);
      await semantics();
      // Printed from a phone: the table, as on a desktop (paper is not a phone's screen).
      await s.page.setViewportSize({ width: 360, height: 740 });
      await s.page.emulateMedia({ media: 'print' });
      const printed = await measure();
      expect(printed.display).toBe('table');
      expect(printed.labels).toBe(0);
      await s.page.emulateMedia({ media: 'screen' });
      clean(s);
    } finally {
      await s.close();
    }
  });

  // The debrief on a phone was about seventeen screens long (390×844), and a critical violation's
  // reply and feedback were in it twice (under "Critical violations" and with the reply), its
  // principle three times (a table of principles, then "To work on" saying each one again). Then
  // still fourteen (12,050 px on this path), the outcome below a screen of the ending's story: the
  // outcome and score come first, and each decision's feedback, what each principle to work on asks
  // and the paths beside best practice are folded, opened on demand (by keyboard here).
  it('on a phone the debrief opens on its outcome and score, its details folded and opened by keyboard, and says each piece of feedback once, pointing back to it, with the score, ending, replies, principles and record all there', async () => {
    const s = await openSeededPhone('#/play/trafficker-contact');
    try {
      await s.page.locator('#transcript').waitFor();
      while (!(await replyGroup(s.page).count())) await s.page.getByRole('button', { name: 'Continue' }).click();
      // The first reply breaks a critical principle of the guide: answering the trafficker's text.
      await s.page.getByRole('button', { name: /Hi Tasha! She's doing good/ }).click();
      await keyboardToDebrief(s.page);
      const height = await s.page.evaluate(() => document.documentElement.scrollHeight);
      console.log(`debrief at 390×844: ${height} px, ${(height / 844).toFixed(1)} screens`);
      // The overview on the first screen, the page at its top: the outcome and the score, and whether it was recorded.
      expect(await s.page.evaluate(() => window.scrollY)).toBe(0);
      const outcome = await s.page.locator('section.outcome').evaluate((el) => ({ top: el.getBoundingClientRect().top, bottom: el.getBoundingClientRect().bottom, text: (el as HTMLElement).innerText }));
      expect(outcome.bottom, JSON.stringify(outcome)).toBeLessThanOrEqual(844);
      expect(outcome.text).toMatch(/^Outcome: Needs review\n[^]*Score: 0%[^]*Added to My records\.$/);
      // Folded: nothing of it on the screen until opened, nothing lost to axe.
      expect(await s.page.locator('.feedback-text').first().isVisible()).toBe(false);
      expect(await s.page.getByRole('heading', { name: 'The best-practice path from the start' }).isVisible()).toBe(false);
      await s.screenshot('e2e-debrief-phone-folded');
      expect(violationsText(await runAxe(s.page))).toBe('');
      // 12,050 px on this path before (14.3 screens); 5,396 folded (6.4); 6,618 once each principle
      // gone against names its decisions in "To work on" (every reply on this path goes against one).
      expect(height).toBeLessThan(7_000);
      expect(await openDebriefFolds(s.page)).toBeGreaterThanOrEqual(8 + 1 + 5);
      const paths = await s.page.locator('section[aria-labelledby="paths-heading"]').evaluate((el) => el.getBoundingClientRect().height);
      console.log(`"Your path beside best practice" at 390×844, opened: ${paths} px`);
      const debrief = s.page.locator('article.debrief');
      const text = await debrief.innerText();
      const annotated = s.page.locator('section[aria-labelledby="transcript-debrief-heading"] ol.annotated > li');
      const feedback = await annotated.locator('.feedback-text').allInnerTexts();
      expect(feedback.length).toBeGreaterThanOrEqual(8);
      // Every reply's feedback is in the page, and once (a long sentence does not turn up twice by chance).
      for (const f of feedback) expect(text.split(f).length - 1, f).toBe(1);
      // Each principle is named once outside the replies: the list of principles, not a table as well.
      const principles = s.page.locator('section[aria-labelledby="principles-heading"] li');
      const named = (await principles.allInnerTexts()).map((l) => /"([^"]+)"/.exec(l)?.[1]);
      expect(named.length).toBeGreaterThan(3);
      expect(new Set(named).size).toBe(named.length);
      expect(await s.page.locator('section[aria-labelledby="principles-heading"] table').count()).toBe(0);
      await expect.poll(() => principles.filter({ hasText: /^Critical: you went against "No communication with a trafficker" \(guide: "Prohibited Activities"\)\. / }).count()).toBe(1);
      // The critical violation names its principle and points to the decision where its feedback is.
      const critical = s.page.locator('ul.critical > li').filter({ hasText: 'No communication with a trafficker' });
      expect(await critical.innerText()).toMatch(/^✗ No communication with a trafficker \(guide: "Prohibited Activities"\): see decision 1 \(“A text at 9:40 p\.m\.”\)/);
      await critical.getByRole('button', { name: 'decision 1 (“A text at 9:40 p.m.”)' }).click();
      const first = annotated.first();
      await expect.poll(() => first.locator('h3').evaluate((h) => h === document.activeElement)).toBe(true);
      expect(await first.locator('h3').boundingBox().then((b) => b!.y >= 0 && b!.y < 844)).toBe(true);
      expect(s.page.url()).toMatch(/#\/play\/trafficker-contact$|#\/debrief\//);
      expect(await first.innerText()).toContain('✗ violates No communication with a trafficker (guide: "Prohibited Activities", critical)');
      // Still there: the ending, the outcome and score, the record of practice, each reply and the paths.
      for (const words of ['Ending: ', 'Outcome: Needs review', 'Score: ', 'Added to My records.', 'You chose: “Hi Tasha!', 'The best-practice path from the start']) expect(text).toContain(words);
      // Opened, all of it: 14,833 px on this path before (17.6 screens), 12,630 after (15.0): a
      // violation's feedback and reply said again, and each principle twice over, were 2,200 px of it;
      // 14,026 once each principle gone against names its decisions (in "To work on" and the principles).
      expect(await s.page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(14_500);
      // "Your path beside best practice" was the longest part: 4,146 px as a table of three narrow
      // columns (its replies a few words a line), 3,379 with each decision a block of its own and
      // its replies at the full width.
      expect(paths).toBeLessThan(3_600);
      await s.screenshot('e2e-debrief-phone');
      // Checked whole above, folded: now its folds, opened (the rest is as it was).
      expect(violationsText(await runAxe(s.page, undefined, { include: ['article.debrief details'] }))).toBe('');
      clean(s);
    } finally {
      await s.close();
    }
  });

  // "The best-practice path from the start" said again, word for word, each decision and best reply
  // that "Your path beside best practice" had just shown, on a path through the same decisions.
  it('on a phone the best-practice path from the start says in a line the decisions the path above it has shown, and is a heading and a paragraph to screen readers and on paper', async () => {
    const s = await openSeededPhone('#/play/youth-discloses');
    try {
      await s.page.locator('#transcript').waitFor();
      await keyboardToDebrief(s.page);
      const section = s.page.locator('section[aria-labelledby="paths-heading"]');
      // Folded on the page: its summary opens it.
      await section.locator('summary').focus();
      await s.page.keyboard.press('Enter');
      const decisions = await section.locator('table.paths tbody tr').count();
      expect(decisions).toBeGreaterThanOrEqual(6);
      // From the heading "The best-practice path from the start" to the end of its section.
      const measure = () => section.evaluate((el) => {
        const heading = [...el.querySelectorAll('h3')].find((h) => h.textContent === 'The best-practice path from the start');
        return heading ? el.getBoundingClientRect().bottom - heading.getBoundingClientRect().top : NaN;
      });
      const best = await measure();
      const height = await s.page.evaluate(() => document.documentElement.scrollHeight);
      console.log(`debrief of "What Kiara tells you" at 390×844: ${height} px (${(height / 844).toFixed(1)} screens); "The best-practice path from the start": ${best} px`);
      // 885 px on this path before (8,946 px the debrief), its first five decisions and best replies said
      // again, each on three or four lines of a phone; 517 after (8,578), the three decisions not shown above in full.
      expect(best).toBeLessThan(650);
      expect(await s.page.getByRole('heading', { name: 'The best-practice path from the start', level: 3 }).isVisible()).toBe(true);
      // This path went through the best-practice path's decisions: they are named in a line, by number.
      const said = await section.locator('h3 ~ p, h3 ~ ol > li').allInnerTexts();
      expect(said[0]).toMatch(/^Decisions 1 (and|to) \d+: the same decisions as in your path above, where the best-practice reply for each is shown\.$/);
      const last = Number(/^Decisions 1 (?:and|to) (\d+)/.exec(said[0]!)?.[1]);
      expect(last).toBeGreaterThanOrEqual(3);
      // Any decision of the best-practice path after those is in a list numbered from where it starts.
      const lists = section.locator('h3 ~ ol');
      for (let i = 0; i < (await lists.count()); i++) expect(Number(await lists.nth(i).getAttribute('start'))).toBeGreaterThan(last);
      // On paper too.
      await s.page.emulateMedia({ media: 'print' });
      expect(await section.locator('h3 ~ p').first().isVisible()).toBe(true);
      await s.page.emulateMedia({ media: 'screen' });
      // The section this test is about (a debrief at a phone's width is checked whole, folded and
      // opened, by the test before; this one at 1280 px by the keyboard playthrough).
      expect(violationsText(await runAxe(s.page, undefined, { include: ['section[aria-labelledby="paths-heading"]'] }))).toBe('');
      clean(s);
    } finally {
      await s.close();
    }
  });

  // On a phone My records' table was 590 px wide at 390 px (1,180 px at 320 px with 200% text):
  // Outcome and Mode were off the screen, reached by scrolling the table sideways. On a narrow
  // screen each completed practice is a small card (its title, then each cell with its column's
  // name), still the same table to a screen reader; a laptop's page and paper keep the table.
  it("My records with a long scenario title: a table at 1280 px; on a phone (390 px, and 320 px with text at 200%) and at 640 px with 200% each row a card, nothing to scroll sideways, still a table to a screen reader", async () => {
    await withRecordsLongTitle(async (s) => {
      const { page } = s;
      const region = page.getByRole('region', { name: 'Completed practice', exact: true });
      const fit = () => region.evaluate((el) => {
        const table = el.querySelector('table')!;
        const minutes = table.querySelector('tbody td');
        return {
          scroll: el.scrollWidth, client: el.clientWidth, page: document.documentElement.scrollWidth, view: window.innerWidth, display: getComputedStyle(table).display,
          minutesRight: minutes?.getBoundingClientRect().right ?? Infinity, edge: el.getBoundingClientRect().right,
          // Each cell inside the region's width.
          cut: [...table.querySelectorAll('tbody th, tbody td')].filter((c) => c.getBoundingClientRect().right > el.getBoundingClientRect().right + 1).map((c) => c.textContent),
          labels: [...table.querySelectorAll<HTMLElement>('.cell-label')].filter((l) => l.checkVisibility()).map((l) => l.textContent),
        };
      });
      // To a screen reader, at every width: six column headers, the title as the row's header, five
      // cells named by their words only (the column's name shown in each card is not read).
      const semantics = async () => {
        const table = page.getByRole('table');
        expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['Scenario', 'Minutes', 'Finished', 'Score', 'Outcome', 'Mode']);
        expect(await table.getByRole('rowheader').allInnerTexts()).toEqual(['New nails, new phone, new boyfriend']);
        expect(await table.getByRole('cell').count()).toBe(5);
        expect(await table.getByRole('cell', { name: 'Assessment', exact: true }).count()).toBe(1);
        expect(await table.ariaSnapshot()).not.toMatch(/cell "(Minutes|Finished|Score|Outcome|Mode):/);
      };
      // Six short columns fit a laptop's page: the title on one line pushed "Assessment" past the edge.
      const wide = await fit();
      expect(wide).toMatchObject({ display: 'table', labels: [], cut: [] });
      expect(wide.scroll).toBeLessThanOrEqual(wide.client);
      await semantics();
      const card = { display: 'block', labels: ['Minutes: ', 'Finished: ', 'Score: ', 'Outcome: ', 'Mode: '], cut: [] };
      await cardsOnPhones(s, { region, fit, card, semantics, name: 'records', sizes: [[390, '100%'], [320, '200%'], [640, '200%']], each: (drawn) => expect(drawn.minutesRight).toBeLessThanOrEqual(drawn.edge) });
      // Printed (A4 less its margins: 680 CSS px, as the print part below): the table, as on a
      // laptop, whatever the screen it is printed from.
      await printedAsTable(page, fit);
    });
  });

  // The certificate's table scrolled sideways in its own region on a phone: at 320 px only Date,
  // Scenario and half of Minutes were in view, with text at 200% the dates alone, and a volunteer
  // checking it before printing it had to scroll each row to read its outcome and mode. There each
  // completed practice is a card, as in My records, each cell with its column's name; the same
  // table to a screen reader; on paper the table, as the supervisor signs it.
  it('the certificate on a phone (390 px, 320 px, and 320 px with 200% text): each completed practice a card with its column names, nothing to scroll sideways, still a table to a screen reader; a table at 1280 px and on paper', async () => {
    await withRecordsLongTitle(async (s) => {
      const { page } = s;
      await page.evaluate(() => (location.hash = '#/certificate'));
      await page.getByRole('heading', { level: 2, name: 'Certificate of completed practice' }).waitFor();
      const region = page.getByRole('region', { name: 'Completed practice on the certificate' });
      const fit = () => region.evaluate((el) => {
        const table = el.querySelector('table')!;
        return {
          scroll: el.scrollWidth, client: el.clientWidth, page: document.documentElement.scrollWidth, view: window.innerWidth, display: getComputedStyle(table).display,
          // Each cell inside the region's width.
          cut: [...table.querySelectorAll('tbody td')].filter((c) => c.getBoundingClientRect().right > el.getBoundingClientRect().right + 1).map((c) => c.textContent),
          labels: [...table.querySelectorAll<HTMLElement>('.cell-label')].filter((l) => l.checkVisibility()).map((l) => l.textContent),
        };
      });
      const semantics = async () => {
        const table = page.getByRole('table');
        expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['Date', 'Scenario', 'Minutes', 'Score', 'Outcome', 'Mode']);
        expect(await table.getByRole('cell').count()).toBe(6);
        expect(await table.getByRole('cell', { name: 'New nails, new phone, new boyfriend', exact: true }).count()).toBe(1);
        expect(await table.getByRole('cell', { name: 'Needs review', exact: true }).count()).toBe(1);
        expect(await table.ariaSnapshot()).not.toMatch(/cell "(Date|Scenario|Minutes|Score|Outcome|Mode):/);
      };
      const wide = await fit();
      expect(wide).toMatchObject({ display: 'table', labels: [], cut: [] });
      await semantics();
      const card = { display: 'block', labels: ['Date: ', 'Scenario: ', 'Minutes: ', 'Score: ', 'Outcome: ', 'Mode: '], cut: [] };
      await cardsOnPhones(s, { region, fit, card, semantics, name: 'certificate', sizes: [[390, '100%'], [320, '100%'], [320, '200%']], centre: true });
      // Printed from that phone (A4 less its margins, 680 CSS px): the table, its cells without labels.
      await printedAsTable(page, fit);
    });
  });

  // My records ran last year's rows straight on after this year's, under a total of this year's
  // only. Each year's rows now come under a row heading of their year, inside the same table: drawn
  // above them at every width (a line above the cards on a phone), read as a row header where the
  // year changes, the table's columns and cells as before.
  it("My records over three years: each year's rows under a heading of their year, at 1280 px, 390 px and 320 px with text at 200%; one table to a screen reader, axe clean", async () => {
    const year = new Date().getFullYear();
    // This year's two a minute and two minutes ago (a date to come is not read), the others mid-year.
    const finished = [Date.now() - 60_000, Date.now() - 120_000, new Date(year - 1, 11, 3, 9, 20).getTime(), new Date(year - 1, 5, 3, 9, 20).getTime(), new Date(year - 3, 5, 3, 9, 20).getTime()];
    const playthroughs = finished.map((at, i) => ({
      id: `4c1f2a7e-9b3d-4e5f-8a6b-${String(i).padStart(12, '0')}`, scenarioId: 'red-flags', scenarioVersion: 10, title: i % 2 ? 'The 11:40 p.m. call' : 'New nails, new phone, new boyfriend', mode: 'assessment',
      startedAt: new Date(at - 15 * 60_000).toISOString(), completedAt: new Date(at).toISOString(), minutes: 15,
      score: { earned: 6, best: 37, percent: 16, capped: false }, band: 'needs-review', ending: { id: 'end-mixed', kind: 'mixed' }, decisions: [], principles: [],
    }));
    const records = { format: 'casa-practice-records', formatVersion: 2, learner: '0b6f6c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e', best: {}, playthroughs };
    const s = await openPage(web.browser, web.app.url, '#/records', { initScript: seedLocalStorage({ 'records.json': JSON.stringify(records) }) });
    const { page } = s;
    try {
      await page.getByRole('table').waitFor();
      const headings = [`${year} (this year)`, `${year - 1}`, `${year - 3}`];
      // Top to bottom on the page: each heading, drawn, after the rows of the year before it and before its own.
      const drawn = () => page.locator('.records-table').evaluate((table) => {
        const region = table.closest('.table-wrap')!.getBoundingClientRect();
        return [...table.querySelectorAll('tbody tr')].map((tr) => {
          const box = tr.getBoundingClientRect();
          const heading = tr.querySelector('th[colspan]');
          return { what: heading ? `[${heading.textContent}]` : tr.querySelector('time')!.dateTime.slice(0, 4), top: Math.round(box.top), bottom: Math.round(box.bottom), shown: box.height > 0 && box.left >= region.left - 1 && box.right <= region.right + 1 };
        });
      });
      for (const [width, text] of [[1280, '100%'], [390, '100%'], [320, '200%']] as const) {
        await page.evaluate((size) => document.documentElement.style.setProperty('font-size', size), text);
        await page.setViewportSize({ width, height: 844 });
        const where = `${width} px, ${text}`;
        // At 390 and 320 px the rows are cards; at 1280 px a table.
        await expect.poll(() => page.locator('.records-table').evaluate((t) => getComputedStyle(t).display), { message: where }).toBe(width === 1280 ? 'table' : 'block');
        const rows = await drawn();
        expect(rows.map((r) => r.what), where).toEqual([`[${headings[0]}]`, `${year}`, `${year}`, `[${headings[1]}]`, `${year - 1}`, `${year - 1}`, `[${headings[2]}]`, `${year - 3}`]);
        expect(rows.filter((r) => !r.shown).map((r) => r.what), where).toEqual([]);
        rows.slice(1).forEach((r, i) => expect(r.top, `${where}: ${r.what} after ${rows[i]!.what}`).toBeGreaterThanOrEqual(rows[i]!.bottom - 1));
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), where).toBe(true);
        // To a screen reader: the six columns, each year's heading and each scenario a row header, five cells a practice.
        const table = page.getByRole('table');
        expect(await table.getByRole('columnheader').allInnerTexts(), where).toEqual(['Scenario', 'Minutes', 'Finished', 'Score', 'Outcome', 'Mode']);
        expect((await table.getByRole('rowheader').allInnerTexts()).filter((h) => /^\d{4}/.test(h)), where).toEqual(headings);
        expect(await table.getByRole('cell').count(), where).toBe(5 * 5);
        await s.screenshot(`e2e-records-years-${width}-${text.replace('%', '')}`);
        expect(violationsText(await runAxe(page)), where).toBe('');
      }
      clean(s);
    } finally {
      await s.close();
    }
  });

  it('printed on A4, My records shows every column of its table: paper cannot be scrolled sideways, so its cells wrap to the page', async () => {
    await withRecordsLongTitle(async (s) => {
      // A4 less the page's margins (styles.css: @page margin 15 mm): 180 mm, 680 CSS pixels (Letter's is wider).
      await s.page.emulateMedia({ media: 'print' });
      await s.page.setViewportSize({ width: 680, height: 960 });
      const printed = await s.page.getByRole('region', { name: 'Completed practice', exact: true }).evaluate((region) => ({
        scroll: region.scrollWidth, client: region.clientWidth,
        cut: [...region.querySelectorAll('th, td')].filter((c) => c.getBoundingClientRect().right > region.getBoundingClientRect().right + 1).map((c) => c.textContent),
      }));
      await s.screenshot('e2e-records-print-a4');
      expect(printed.cut).toEqual([]);
      expect(printed.scroll).toBeLessThanOrEqual(printed.client);
    });
  });
});

/** WCAG 1.4.12's text spacing, as its bookmarklet sets it: what a page must take without losing any content. */
const TEXT_SPACING = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';

/** Each button (or link drawn as one) in the page's main part: its words, whether it is drawn, its ink and fill. */
function printedButtons(page: Page): Promise<{ words: string; drawn: boolean; ink: string; fill: string }[]> {
  return page.locator('main :is(button, .button)').evaluateAll((els) => els.map((el) => {
    const style = getComputedStyle(el);
    return { words: el.textContent ?? '', drawn: el.getClientRects().length > 0, ink: style.color, fill: style.backgroundColor };
  }));
}

/** poppler's pdftotext, to read a printed page's text (the print tests skip without it). */
const PDFTOTEXT = '/usr/bin/pdftotext';

/** The text of each page of a PDF, as poppler's pdftotext lays it out (-layout). */
function pdfPages(pdf: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'casa-pdf-'));
  try {
    writeFileSync(join(dir, 'printed.pdf'), pdf);
    return execFileSync(PDFTOTEXT, ['-layout', join(dir, 'printed.pdf'), '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim() !== '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The year before this one: all of it past, whatever the day the tests run. */
const LAST_YEAR = new Date().getFullYear() - 1;

/**
 * The certificate of a year's practice toward the 12 in-service hours, which prints over pages: 48
 * finished scenarios of 15 minutes, from 2 January of LAST_YEAR on, one a day, that year chosen in
 * the Year list; its total shown. Last year's: this year's from 2 January on were, in January and
 * February, dates still to come, which records do not read (records.ts, FUTURE_SLACK_MS).
 */
async function certificateOfAYear(): Promise<PageSession> {
  const s = await openPage(web.browser, web.app.url, '#/certificate', { initScript: seedLocalStorage({ 'records.json': yearOfPractice(LAST_YEAR) }) });
  await s.page.getByLabel('Year').selectOption(String(LAST_YEAR));
  await s.page.getByText(new RegExp(`^Total: .* in ${LAST_YEAR} `)).waitFor();
  return s;
}

/** The records of certificateOfAYear. */
function yearOfPractice(year: number): string {
  const playthroughs = Array.from({ length: 48 }, (_, i) => {
    const completedAt = new Date(Date.UTC(year, 0, 2 + i, 18, 15)).toISOString();
    return {
      id: `4c1f2a7e-9b3d-4e5f-8a6b-${String(i).padStart(12, '0')}`, scenarioId: 'left-placement-calls', scenarioVersion: 25, title: 'The 11:40 p.m. call', mode: 'assessment',
      startedAt: new Date(Date.parse(completedAt) - 15 * 60_000).toISOString(), completedAt, minutes: 15,
      score: { earned: 27, best: 27, percent: 100, capped: false }, band: 'strong', ending: { id: 'end-strong', kind: 'strong' }, decisions: [], principles: [],
    };
  });
  return JSON.stringify({ format: 'casa-practice-records', formatVersion: 2, learner: '0b6f6c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e', best: { 'left-placement-calls': { bestPercent: 100, completions: 48, lastCompleted: playthroughs.at(-1)!.completedAt } }, playthroughs });
}

/** Runs `check` on recordsWithLongTitle's page, then checks the page stayed clean (clean) and closes it. */
async function withRecordsLongTitle(check: (s: PageSession) => Promise<void>): Promise<void> {
  const s = await recordsWithLongTitle();
  try {
    await check(s);
    clean(s);
  } finally {
    await s.close();
  }
}

/**
 * My records holding one finished practice of the scenario with the longest title ("New nails, new
 * phone, new boyfriend"), opened at 1280 px; its row shown.
 */
async function recordsWithLongTitle(): Promise<PageSession> {
  const playthrough = {
    id: '4c1f2a7e-9b3d-4e5f-8a6b-7c8d9e0f1a2b', scenarioId: 'red-flags', scenarioVersion: 10, title: 'New nails, new phone, new boyfriend', mode: 'assessment',
    startedAt: '2026-11-20T17:05:00.000Z', completedAt: '2026-11-20T17:20:00.000Z', minutes: 15,
    score: { earned: 6, best: 37, percent: 16, capped: false }, band: 'needs-review', ending: { id: 'end-mixed', kind: 'mixed' }, decisions: [], principles: [],
  };
  const records = { format: 'casa-practice-records', formatVersion: 2, learner: '0b6f6c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e', best: { 'red-flags': { bestPercent: 16, completions: 1, lastCompleted: playthrough.completedAt } }, playthroughs: [playthrough] };
  const s = await openPage(web.browser, web.app.url, '#/records', { initScript: seedLocalStorage({ 'records.json': JSON.stringify(records) }) });
  await s.page.getByRole('cell', { name: 'Assessment' }).waitFor();
  return s;
}

/** What a table region's fit reads: its width against the page's, the table's display, cut cells and shown column labels. */
type TableFit = { scroll: number; client: number; page: number; view: number; display: string; cut: (string | null)[]; labels: (string | null)[] };

/**
 * A records table (My records, the certificate) at each phone size (`sizes`: window width, text size):
 * each row a card (`card`), nothing to scroll sideways in the region or the page, no word split, no
 * "wider than the screen" notice, no Tab stop in the region, the same table to a screen reader
 * (`semantics`), axe clean; a screenshot of each (`centre`: the region scrolled into view first).
 */
async function cardsOnPhones<F extends TableFit>(s: PageSession, o: {
  region: ReturnType<Page['getByRole']>; fit: () => Promise<F>; card: Partial<TableFit>; semantics: () => Promise<void>; name: string;
  sizes: readonly (readonly [number, string])[]; centre?: boolean; each?: (drawn: F) => void;
}): Promise<void> {
  const { page } = s;
  for (const [width, text] of o.sizes) {
    // The text size first, then the window's (a container query in em is measured again when its container's size changes).
    await page.evaluate((size) => document.documentElement.style.setProperty('font-size', size), text);
    await page.setViewportSize({ width, height: 844 });
    await expect.poll(o.fit).toMatchObject(o.card);
    const drawn = await o.fit();
    if (o.centre) await o.region.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await s.screenshot(`e2e-${o.name}-${width}-${text.replace('%', '')}`);
    expect(drawn.scroll, `${width} px, ${text}`).toBeLessThanOrEqual(drawn.client);
    expect(drawn.page, `${width} px, ${text}`).toBeLessThanOrEqual(drawn.view);
    o.each?.(drawn);
    expect(await splitWords(page, `.${o.name}-table tbody`)).toEqual([]);
    expect(await page.getByText('This table is wider than the screen').count()).toBe(0);
    // No stop for Tab: nothing in it to scroll.
    expect(await o.region.getAttribute('tabindex')).toBeNull();
    await o.semantics();
    expect(violationsText(await runAxe(page)), `${width} px, ${text}`).toBe('');
  }
}

/** Printed (A4 less its margins: 680 CSS px) from whatever screen: the table, its cells without labels, none cut. */
async function printedAsTable(page: Page, fit: () => Promise<TableFit>): Promise<void> {
  await page.evaluate(() => document.documentElement.style.removeProperty('font-size'));
  await page.setViewportSize({ width: 680, height: 960 });
  await page.emulateMedia({ media: 'print' });
  expect(await fit()).toMatchObject({ display: 'table', labels: [], cut: [] });
  await page.emulateMedia({ media: 'screen' });
}

/**
 * The words in the elements whose letters are drawn on two lines or more ("Assessmen|t", "conversatio|n").
 * A line may end after a hyphen: "old-|school," is two words broken between them, as newcomer.e2e's
 * brokenWords has it (presenter mode's smaller type on a phone broke a reply there).
 */
function splitWords(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) => els.flatMap((el) => {
    const texts: Text[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
    return texts.flatMap((text) => [...text.data.matchAll(/[^\s-]+-*|-+/g)].filter((m) => {
      const range = document.createRange();
      range.setStart(text, m.index);
      range.setEnd(text, m.index + m[0].length);
      return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size > 1;
    }).map((m) => m[0]));
  }));
}
