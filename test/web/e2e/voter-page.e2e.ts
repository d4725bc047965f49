import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAND_LABELS, createRoom, roomContext, scoreWords, unavailableWords, type RoomState, type Scenario } from '../../../src/machines/index.js';
import { readVoterFiles, startRoomServer, type RoomServer } from '../../../src/terminal/room/server.js';
import { packageRoot } from '../../../src/terminal/paths.js';
import { SELF_CARE } from '../../../src/web/self-care.js';
import { loadValidFixture, phoneOffPath } from '../../helpers/fixtures.js';
import { Presenter, startedRoom } from '../../terminal/helpers/room.js';
import { axeCleanInDark, axNames, CHROMIUM, connectChromium, fullPageScreenshot, runAxe, SCREENSHOTS, WEB_BUILD_DIR } from '../helpers/browser.js';

// The phone's page in real headless Chromium against the room server on 127.0.0.1 (in test/web/e2e/,
// so it runs in the end-to-end project once that exists).
const ROOM = 'VXTE23';
const TOKEN = 'v'.repeat(43);
const XSS_REPLY = '<img src=x onerror="window.__pwned=1"> Tell me more?';
const XSS_FEEDBACK = '<script>window.__pwned=2</script> javascript:alert(1) feedback';

/** The example scenario with markup in a reply and its feedback: it must show as text. */
function hostile(): Scenario {
  const s = structuredClone(loadValidFixture('good/example.json'));
  const phone = s.nodes.find((n) => n.id === 'phone');
  if (phone?.kind !== 'decision') throw new Error('fixture changed');
  const curious = phone.replies.find((r) => r.id === 'phone-curious')!;
  curious.text = XSS_REPLY;
  curious.feedback = XSS_FEEDBACK;
  // An action, as the app marks it ("Do: …"), not "[do]".
  const ignore = phone.replies.find((r) => r.id === 'phone-ignore')!;
  ignore.kind = 'do';
  return s;
}

let browser: Browser | undefined;
/**
 * A phone joined and waiting for a vote to open: at a decision the room discusses first (the rooms
 * here start there), it says so and shows the decision's words (voter protocol 10); at a scene it says
 * there is nothing to vote on yet; before the first step it waits for the trainer.
 */
const WAITING = /Waiting for the trainer|The room is talking this decision over; the vote opens soon\.|There is nothing to vote on yet\./;
/** What a phone says while the room discusses a decision before its vote. */
const DISCUSSING = /^The room is talking this decision over; the vote opens soon\.$/;
const available = existsSync(CHROMIUM) && readVoterFiles(packageRoot()) !== undefined;

beforeAll(async () => {
  if (!available) return;
  browser = await connectChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function serve(state: RoomState, port = 0, scenario = hostile()): Promise<RoomServer> {
  return startRoomServer({ ctx: roomContext(scenario), state, token: TOKEN, host: '127.0.0.1', port, persist: () => undefined, log: () => undefined, voterFiles: readVoterFiles(packageRoot()) });
}

async function status(page: Page, text: RegExp): Promise<void> {
  await page.locator('#status').filter({ hasText: text }).waitFor({ timeout: 15_000 });
}

async function axe(page: Page): Promise<string[]> {
  const result = await runAxe(page);
  return result.violations.map((v) => `${v.id}: ${v.help}`);
}

/** The reveal's parts on the phone, one per reply: its heading, the reply as shown, why, and how many principles. */
async function whyParts(page: Page) {
  return page.locator('#why-replies > .why').evaluateAll((parts) => parts.map((p) => ({
    heading: p.querySelector('h3')?.textContent,
    reply: p.querySelector('.why-reply')?.textContent,
    text: p.querySelector('.why-text')?.textContent,
    principles: p.querySelectorAll('.why-principles li').length,
  })));
}

/** The name and description Chromium's accessibility tree gives the element with this id (what a screen reader says when focus lands on it). */
async function axNameAndDescription(page: Page, id: string): Promise<{ name?: string; description?: string }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument')) as { root: { nodeId: number } };
    const { nodeId } = (await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: `#${id}` })) as { nodeId: number };
    const { nodes } = (await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false })) as { nodes: { name?: { value?: string }; description?: { value?: string } }[] };
    return { name: nodes[0]?.name?.value, description: nodes[0]?.description?.value };
  } finally {
    await cdp.detach();
  }
}

/**
 * Run in the page before its scripts: keeps the page's latest WebSocket as `window.__socket` and
 * counts closes in `window.__closes` (once the page's own close handler has run).
 */
function watchSockets() {
  const Native = window.WebSocket;
  const w = window as unknown as { __socket?: WebSocket; __closes: number };
  w.__closes = 0;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      w.__socket = this;
      this.addEventListener('close', () => setTimeout(() => w.__closes++));
    }
  };
}

/**
 * A room served on loopback and a phone-sized browser context whose pages' sockets are watched
 * (watchSockets: to send what a phone sends, and to wait until a page has handled a close); `close`
 * ends both.
 */
/**
 * A room on 127.0.0.1 and a browser context for its phones. With `clock`, the pages' timers run on
 * Playwright's clock: time passes as usual, and `later` jumps it ahead (firing what falls due), so a
 * test of the phone's waits (an answer that never comes, the backoff before reconnecting) does not
 * spend them.
 */
async function phoneRoom(scenario = hostile(), viewport = { width: 360, height: 740 }, { clock = false } = {}) {
  const server = await serve(startedRoom(roomContext(scenario), ROOM, 0, new Date()), 0, scenario);
  const context = await browser!.newContext({ viewport });
  await context.addInitScript(watchSockets);
  if (clock) await context.clock.install();
  return {
    server, context,
    close: async () => {
      await context.close();
      await server.close();
    },
  };
}

/**
 * A room serving the built web app too, with the trainer's presenter page open and connected on a
 * laptop (1280×800), and a browser context for the phones at `phoneViewport`.
 */
async function trainerInRoom(scenario: Scenario, state: RoomState, phoneViewport: { width: number; height: number }, joinUrl?: string) {
  const server = await startRoomServer({ ctx: roomContext(scenario), state, token: TOKEN, host: '127.0.0.1', port: 0, persist: () => undefined, log: () => undefined, voterFiles: readVoterFiles(packageRoot()), webDir: WEB_BUILD_DIR, ...(joinUrl !== undefined ? { joinUrl } : {}) });
  const laptop = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
  const phones = await browser!.newContext({ viewport: phoneViewport });
  const close = async () => {
    await laptop.close();
    await phones.close();
    await server.close();
  };
  try {
    const trainer = await laptop.newPage();
    await trainer.goto(`http://127.0.0.1:${server.port}/?room=${ROOM}&token=${TOKEN}#/presenter/${encodeURIComponent(scenario.id)}`);
    await trainer.locator('.room-status').filter({ hasText: 'Connected to the room.' }).waitFor();
    return { server, laptop, phones, trainer, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * How long a phone waits for the room's answer to a vote or a check before it gives the connection up
 * (ANSWER_MS in src/web/voter/voter.ts), and the longest wait before it connects again (its backoff
 * reaches 10 s, jittered by at most a quarter more).
 */
const ANSWER_MS = 6_000;
const LONGEST_RETRY_MS = 12_500;
/** Time on a page of a `clock` room jumps `ms` ahead, firing the page's timers that fall due meanwhile. */
const later = (page: Page, ms: number) => page.clock.fastForward(ms);

/**
 * The phone `page` joins the room on `port` and waits for the trainer; a presenter connects and opens
 * the vote on the first decision, and the phone says "Vote now". The presenter and that decision.
 */
async function joinAndOpen(page: Page, port: number) {
  await page.goto(`http://127.0.0.1:${port}/join?room=${ROOM}`);
  await status(page, WAITING);
  const presenter = await Presenter.connect(`ws://127.0.0.1:${port}`, ROOM, TOKEN);
  const decision = presenter.view.session;
  await presenter.act({ type: 'open', node: decision.nodeId });
  await status(page, /Vote now/);
  return { presenter, decision };
}

/**
 * As joinAndOpen, in a room on `phoneOffPath(scenario)`: the presenter follows "greeting-phone" at
 * the first decision (round 1), then opens "phone", off the best-practice path, where replies tied
 * for the most points are all best practice (round 2).
 */
async function joinAndOpenOffPath(page: Page, port: number) {
  await page.goto(`http://127.0.0.1:${port}/join?room=${ROOM}`);
  await status(page, WAITING);
  const presenter = await Presenter.connect(`ws://127.0.0.1:${port}`, ROOM, TOKEN);
  await presenter.act({ type: 'open', node: 'greeting' });
  await presenter.act({ type: 'reveal', round: 1 });
  const chosen = await presenter.act({ type: 'choose', round: 1, reply: 'greeting-phone' });
  if (!('session' in chosen) || chosen.session.nodeId !== 'phone') throw new Error('the room did not reach "phone"');
  const decision = chosen.session;
  await presenter.act({ type: 'open', node: 'phone' });
  await status(page, /Vote now/);
  return { presenter, decision };
}

/** The presenter reveals the first round's votes (or round `round`): the reveal, or the test fails if the room refused. */
async function revealFirst(presenter: Presenter, round = 1) {
  const revealed = await presenter.act({ type: 'reveal', round });
  if (!('reveal' in revealed) || !revealed.reveal) throw new Error('the reveal was refused');
  return revealed.reveal;
}

describe('voter page in Chromium', () => {
  it.skipIf(!available)('joins, votes by tap, keeps its vote across a reload and a server restart, shows its feedback as text; no CSP violation; axe clean', async () => {
    const ctx = roomContext(hostile());
    let server = await serve(startedRoom(ctx, ROOM, 0, new Date()));
    const context = await browser!.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    // Every request the page makes succeeds (no favicon 404 on the phone's console either).
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    // What the room sends the phone: no reply or node id may be in it (some name the answer).
    const frames: string[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
    const ids = ctx.scenario.nodes.flatMap((n) => [n.id, ...(n.kind === 'decision' ? n.replies.map((r) => r.id) : [])]);
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const jsResponse = page.waitForResponse((r) => r.url().endsWith('/join/voter.js'));
      await page.goto(`${base}/join?room=${ROOM}`);
      expect((await jsResponse).status()).toBe(200);
      await status(page, WAITING);
      const device = await page.evaluate(() => localStorage.getItem('casa-practice-room-device'));
      expect(device).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
      expect(Object.keys(server.state().devices)).toEqual([device]);

      const presenter = await Presenter.connect(`ws://127.0.0.1:${server.port}`, ROOM, TOKEN);
      const decision = presenter.view.session;
      await presenter.act({ type: 'open', node: decision.nodeId });
      await status(page, /Vote now/);
      const buttons = page.locator('#replies button');
      await buttons.first().waitFor();
      // WCAG 2.5.3: each reply is named as it is shown, "2. Do: …", from its number on (a speech-input
      // user says "click 2"), in Chromium's accessibility tree and by Playwright's role query alike.
      const replyNames = [...decision.replies].sort((a, b) => a.number - b.number).map((r) => `${r.number}. ${r.kind === 'do' ? 'Do: ' : ''}${r.text}`);
      expect(await axNames(page, 'button')).toEqual(replyNames);
      for (const name of replyNames) expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(1);
      expect(await buttons.filter({ hasText: /^\d+\.Do: Say nothing about the phone/ }).count()).toBe(1);
      expect(await buttons.filter({ hasText: '[do]' }).count()).toBe(0);
      expect(await buttons.count()).toBe(decision.replies.length);
      const xss = buttons.filter({ hasText: 'Tell me more?' });
      expect(await xss.textContent()).toContain(XSS_REPLY);
      const box = await xss.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
      await xss.click();
      await status(page, /Vote received/);
      expect(await xss.getAttribute('aria-pressed')).toBe('true');
      // The vote is said by its pressed state: the "✓ your vote" drawn after it is not read into its name too.
      expect(await axNames(page, 'button')).toEqual(replyNames);
      // The page named the reply by its shown number; the room counted exactly that reply.
      const curious = decision.replies.find((r) => r.id === 'phone-curious')!;
      expect(await xss.getAttribute('data-reply')).toBe(String(curious.number));
      expect(server.state().votes[device!]).toBe('phone-curious');
      expect(await axe(page)).toEqual([]);

      // A reload (a phone that slept and reopened the tab) finds the vote again. Its stored message
      // number is untrusted (here edited to a number past any integer): the page goes on from the
      // room's count, and a changed vote still counts.
      await page.evaluate((key) => localStorage.setItem(key, '1e400'), `casa-practice-room-seq-${ROOM}`);
      await page.reload();
      await status(page, /Vote received/);
      expect(await page.locator('#replies button[aria-pressed="true"]').textContent()).toContain('Tell me more?');
      await buttons.filter({ hasNotText: 'Tell me more?' }).first().click();
      await expect.poll(() => server.state().votes[device!]).not.toBe('phone-curious');
      await xss.click();
      await expect.poll(() => server.state().votes[device!]).toBe('phone-curious');
      await status(page, /Vote received/);

      // The server goes down mid-vote and comes back on the same port: the page reconnects by itself.
      const kept = server.state();
      const port = server.port;
      await server.close();
      await status(page, /Reconnecting/);
      // A tap while the connection is down cannot be sent, and the page says so rather than nothing.
      await buttons.filter({ hasNotText: 'Tell me more?' }).first().click();
      await status(page, /was not sent/);
      // Said at once (the person just tapped, and would otherwise take the vote as cast); the rest politely.
      expect(await page.locator('#status').getAttribute('aria-live')).toBe('assertive');
      expect(await page.locator('#replies button[aria-pressed="true"]').textContent()).toContain('Tell me more?');
      server = await serve(kept, port);
      // Back, it says so in the words the page told the person to wait for, and that the tap made
      // meanwhile is not in the room: not "Vote received", which reads as if it were.
      // With the vote the room still has, by its number.
      await status(page, new RegExp(`^Connected again\\. The reply you tapped while the connection was lost was not sent: tap it again\\. Your vote is still reply ${curious.number}\\.$`));
      expect(await page.locator('#status').getAttribute('aria-live')).toBe('polite');
      expect(await page.locator('#replies button[aria-pressed="true"]').textContent()).toContain('Tell me more?');
      expect(server.state().votes[device!]).toBe('phone-curious');

      const again = await Presenter.connect(`ws://127.0.0.1:${server.port}`, ROOM, TOKEN);
      await again.act({ type: 'lock', round: 1 });
      await status(page, /Voting is closed/);
      expect(await buttons.first().isDisabled()).toBe(true);
      await again.act({ type: 'reveal', round: 1 });
      await status(page, /Revealed/);
      const feedback = page.locator('#feedback');
      await feedback.waitFor({ state: 'visible' });
      expect(await page.locator('.why-text').allTextContents()).toEqual([XSS_FEEDBACK]);
      expect(await page.locator('#verdict').textContent()).toBe('Your reply was best practice.');
      expect(await page.locator('.why h3').allTextContents()).toEqual(['Your reply']);
      expect(await page.locator('.why-principles li').count()).toBeGreaterThan(0);
      // Each principle in the laptop's, the projector's and the play page's words (the core's
      // VERDICT_WORDS), not the phone's own "Follows: …" and "Goes against: …".
      for (const li of await page.locator('.why-principles li').allTextContents()) expect(li).toMatch(/^(✓ follows|✗ violates) \S.* \(.+\)$/s);
      // Focus moves to the feedback so a screen reader reads it.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('feedback');
      // Its focus outline keeps clear of the text on every side, and within the phone's screen.
      const room = await feedback.evaluate((el) => {
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        const ring = parseFloat(style.outlineOffset) + (style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth));
        const pad = (side: string) => parseFloat(style.getPropertyValue(`padding-${side}`)) + parseFloat(style.outlineOffset);
        return { gaps: ['top', 'right', 'bottom', 'left'].map(pad), left: box.left - ring, right: window.innerWidth - box.right - ring };
      });
      for (const gap of room.gaps) expect(gap).toBeGreaterThanOrEqual(6);
      expect(Math.min(room.left, room.right)).toBeGreaterThanOrEqual(0);
      expect(await axe(page)).toEqual([]);
      // The page's own dark theme (voter.css), as a phone set to dark shows it: dark, and axe clean.
      await axeCleanInDark(page, 'voter-feedback');
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('#main img, #main script').count()).toBe(0);
      expect(frames.length).toBeGreaterThan(3);
      for (const id of ids) expect(frames.filter((f) => f.includes(`"${id}"`)), id).toEqual([]);
      const html = await page.content();
      for (const id of ids) expect(html, id).not.toContain(`"${id}"`);
      expect(problems).toEqual([]);
      presenter.close();
      again.close();
    } finally {
      await context.close();
      await server.close();
    }
  });

  it.skipIf(!available)('keyboard only at a phone\'s size: every screen offers only what it needs (no hidden room-code form; Who\'s who after the replies), axe clean on each', async () => {
    const room = await phoneRoom();
    const { server, context } = room;
    const page = await context.newPage();
    /** What Tab reaches, in order, from the top of the page (once round). */
    const tabStops = async (): Promise<string[]> => {
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const stops: string[] = [];
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        const here = await page.evaluate(() => {
          const a = document.activeElement;
          return !a || a === document.body ? '' : a.id || (a as HTMLElement).dataset.reply || a.textContent?.trim().slice(0, 20) || a.tagName;
        });
        if (here === '' || stops.includes(here)) break;
        stops.push(here);
      }
      return stops;
    };
    try {
      await page.goto(`http://127.0.0.1:${server.port}/join?room=${ROOM}`);
      await status(page, WAITING);
      expect(await page.locator('#code-form').isVisible()).toBe(false);
      expect(await tabStops()).toEqual(['people-summary']);
      expect(await axe(page)).toEqual([]);

      const presenter = await Presenter.connect(`ws://127.0.0.1:${server.port}`, ROOM, TOKEN);
      const decision = presenter.view.session;
      const ids = decision.replies.map((r) => r.id);
      // The buttons carry the replies' shown numbers, never their ids.
      const numbers = decision.replies.map((r) => String(r.number));
      await presenter.act({ type: 'open', node: decision.nodeId });
      await status(page, /Vote now/);
      expect(await page.locator('#code-form').isVisible()).toBe(false);
      // "What was said" (the decision's words, closed, voter protocol 11) is one stop before the replies, in reading order.
      expect(await tabStops()).toEqual(['said-summary', ...numbers, 'people-summary']);
      expect(await axe(page)).toEqual([]);

      // Vote with the keyboard: Tab past "What was said" to the second reply, Enter; then change it with Space.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await status(page, /Vote received/);
      expect(Object.values(server.state().votes)).toEqual([ids[1]]);
      expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.reply)).toBe(numbers[1]);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      await page.locator(`#replies button[data-reply="${numbers[2]}"][aria-pressed="true"]`).waitFor();
      expect(Object.values(server.state().votes)).toEqual([ids[2]]);
      expect(await axe(page)).toEqual([]);

      await presenter.act({ type: 'lock', round: 1 });
      await status(page, /Voting is closed/);
      // The reply that had focus comes back disabled: focus goes to the decision's heading, not to
      // the page's body, where a keyboard or switch would lose its place.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('decision-title');
      expect(await tabStops()).toEqual(['said-summary', 'people-summary']);
      expect(await axe(page)).toEqual([]);

      // A vote that reaches the room just after the lock is refused: the page shows (and, in its
      // polite status, announces) why, and keeps saying it until something really changes.
      const seqKey = `casa-practice-room-seq-${ROOM}`;
      await page.evaluate(([key, room]) => {
        const seq = Number(localStorage.getItem(key) ?? 0) + 1;
        localStorage.setItem(key, String(seq));
        (window as unknown as { __socket: WebSocket }).__socket.send(JSON.stringify({ type: 'vote', room, seq, round: 1, reply: 1 }));
      }, [seqKey, ROOM] as const);
      await status(page, /^No vote is open right now\.$/);
      expect(await page.locator('#status').getAttribute('aria-live')).toBe('polite');
      expect(Object.values(server.state().votes)).toEqual([ids[2]]);

      await presenter.act({ type: 'reveal', round: 1 });
      await status(page, /Revealed/);
      await page.locator('#feedback').waitFor({ state: 'visible' });
      expect(await page.locator('#code-form').isVisible()).toBe(false);
      expect(await axe(page)).toEqual([]);

      // A tab with the page from before protocol versions, left open across the trainer's upgrade
      // (played by this page with the version taken off the address it connects to): it is told
      // in words that it is out of date, with a reload button that has focus; it is not counted.
      const stale = await context.newPage();
      await stale.addInitScript(() => {
        if (sessionStorage.getItem('reloaded')) return;
        const Watched = window.WebSocket;
        window.WebSocket = class extends Watched {
          constructor(url: string | URL, protocols?: string | string[]) {
            super(String(url).replace(/\?v=\d+$/, ''), protocols);
          }
        };
      });
      const devices = Object.keys(server.state().devices);
      await stale.goto(`http://127.0.0.1:${server.port}/join?room=${ROOM}`);
      await status(stale, /^This page is out of date.*Reload the page/);
      expect(await stale.locator('#replies button').count()).toBe(0);
      expect(await stale.evaluate(() => document.activeElement?.id)).toBe('reload');
      expect(await stale.locator('#reload').isVisible()).toBe(true);
      expect(await axe(stale)).toEqual([]);
      expect(Object.keys(server.state().devices)).toEqual(devices);
      // Not back to "Reconnecting…" (it stopped trying): the words stay until the reload.
      await stale.waitForFunction(() => (window as unknown as { __closes: number }).__closes >= 1);
      expect(await stale.evaluate(() => (window as unknown as { __socket: WebSocket }).__socket.readyState)).toBe(3);
      expect(await stale.locator('#status').textContent()).toMatch(/^This page is out of date/);
      // Reloaded by keyboard, it is this version's page: the phone is back in the room with its vote.
      await stale.evaluate(() => sessionStorage.setItem('reloaded', '1'));
      await stale.keyboard.press('Enter');
      await status(stale, /Revealed: see why below/);
      expect(await stale.locator('#reload').isVisible()).toBe(false);
      expect(Object.keys(server.state().devices)).toEqual(devices);
      await stale.close();

      // The feedback had focus (moved there at the reveal); the session's end hides it, and focus goes to the page's heading.
      await page.locator('#feedback').focus();
      await presenter.act({ type: 'end' });
      await status(page, /session has ended/);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('heading');
      expect(await tabStops()).toEqual(['people-summary']);
      expect(await axe(page)).toEqual([]);
      presenter.close();
    } finally {
      await room.close();
    }
  });

  it.skipIf(!available)('two tabs of one phone (the QR code scanned twice) can each vote; once the session has ended, the room closing leaves the thank-you, not "Reconnecting"', async () => {
    const room = await phoneRoom();
    const { server, context } = room;
    const first = await context.newPage();
    const second = await context.newPage();
    try {
      const url = `http://127.0.0.1:${server.port}/join?room=${ROOM}`;
      await first.goto(url);
      await status(first, WAITING);
      await second.goto(url);
      await status(second, WAITING);
      expect(Object.keys(server.state().devices)).toHaveLength(1);
      const presenter = await Presenter.connect(`ws://127.0.0.1:${server.port}`, ROOM, TOKEN);
      const decision = presenter.view.session;
      const ids = decision.replies.map((r) => r.id);
      const numbers = decision.replies.map((r) => r.number);
      await presenter.act({ type: 'open', node: decision.nodeId });
      await first.locator(`#replies button[data-reply="${numbers[0]}"]`).click();
      await first.locator(`#replies button[data-reply="${numbers[0]}"][aria-pressed="true"]`).waitFor();
      await status(first, /Vote received/);
      // The other tab changes the phone's vote: it counts, and both tabs show it.
      await second.locator(`#replies button[data-reply="${numbers[1]}"]`).click();
      await second.locator(`#replies button[data-reply="${numbers[1]}"][aria-pressed="true"]`).waitFor();
      await first.locator(`#replies button[data-reply="${numbers[1]}"][aria-pressed="true"]`).waitFor();
      await status(second, /Vote received/);
      expect(Object.values(server.state().votes)).toEqual([ids[1]]);

      await presenter.act({ type: 'end' });
      await status(first, /session has ended/);
      presenter.close();
      await server.close();
      await first.waitForFunction(() => (window as unknown as { __closes: number }).__closes >= 1);
      expect(await first.locator('#status').textContent()).toBe('The session has ended. Thank you for taking part.');
    } finally {
      await room.close();
    }
  });

  // Found walking a live room: a room closed at the ending its story reached can be resumed and taken
  // back to the decision before it (room --resume, then u); a phone that had shown the ending stopped
  // trying once the room closed, and went on saying the session had ended while the room voted again.
  it.skipIf(!available)('at the ending the story reached, the room closing leaves the thank-you; the room back on the same port and taken back to the decision, the phone follows by itself', async () => {
    const room = await phoneRoom();
    let server = room.server;
    const page = await room.context.newPage();
    try {
      await page.goto(`http://127.0.0.1:${server.port}/join?room=${ROOM}`);
      await status(page, WAITING);
      let presenter = await Presenter.connect(`ws://127.0.0.1:${server.port}`, ROOM, TOKEN);
      while (presenter.view.phase !== 'ended') {
        const moment = presenter.view.session;
        if (moment.kind !== 'decision') await presenter.act({ type: 'advance', node: moment.nodeId });
        else {
          await presenter.act({ type: 'open', node: moment.nodeId });
          await presenter.act({ type: 'reveal', round: presenter.view.round });
          await presenter.act({ type: 'choose', round: presenter.view.round, reply: moment.replies[0]!.id });
        }
      }
      await status(page, /session has ended/);
      // The ending's title and text, as the projector shows them (voter protocol 13), and under them
      // the room's outcome and score, in the core's words, as the projector shows them (version 14); axe clean.
      const reached = presenter.view.session;
      expect(await page.getByRole('heading', { level: 2, name: `Ending: ${reached.title}` }).isVisible()).toBe(true);
      expect(await page.locator('#ending-text').textContent()).toBe(reached.narration);
      const debrief = reached.debrief!;
      expect(await page.getByRole('heading', { level: 3, name: `Outcome: ${BAND_LABELS[debrief.outcome.band]}` }).isVisible()).toBe(true);
      expect(await page.locator('#ending-score').textContent()).toBe(`The room's score: ${scoreWords(debrief.score)}`);
      expect(await page.locator('#ending-score').isVisible()).toBe(true);
      expect(await axe(page)).toEqual([]);
      if (SCREENSHOTS) await fullPageScreenshot(page, 'voter-ending');
      // Short, and inside the screen at 390×844 and at 320 px with 200% text: no sideways scroll, the score on a few lines.
      for (const [width, height, size] of [[390, 844, '100%'], [320, 700, '200%']] as const) {
        await page.setViewportSize({ width, height });
        await page.evaluate((s) => document.documentElement.style.setProperty('font-size', s), size);
        const fit = await page.evaluate(() => {
          const score = document.getElementById('ending-score')!;
          const outcome = document.getElementById('ending-outcome')!;
          const line = parseFloat(getComputedStyle(score).lineHeight);
          return { sideways: document.documentElement.scrollWidth - innerWidth, right: Math.max(score.getBoundingClientRect().right, outcome.getBoundingClientRect().right), scoreLines: Math.round(score.getBoundingClientRect().height / line) };
        });
        expect(fit.sideways, `${width} px, ${size}`).toBe(0);
        expect(fit.right).toBeLessThanOrEqual(width);
        // "The room's score: 0% (4 points below zero, of 4 possible)", the longest the core says without a cap: 2 lines, and 5 at 320 px with 200% text.
        expect(fit.scoreLines, await page.locator('#ending-score').textContent() ?? '').toBeLessThanOrEqual(size === '100%' ? 2 : 5);
        if (SCREENSHOTS) await fullPageScreenshot(page, `voter-ending-${width}-${size === '100%' ? '100' : '200'}`);
      }
      await page.evaluate(() => document.documentElement.style.removeProperty('font-size'));
      presenter.close();
      const kept = server.state();
      const port = server.port;
      await server.close();
      await page.waitForFunction(() => (window as unknown as { __closes: number }).__closes >= 1);
      expect(await page.locator('#status').textContent()).toBe('The session has ended; the story\'s ending is below. Thank you for taking part.');
      server = await serve(kept, port);
      presenter = await Presenter.connect(`ws://127.0.0.1:${server.port}`, ROOM, TOKEN);
      expect(await presenter.act({ type: 'back', node: presenter.view.session.nodeId })).toMatchObject({ phase: 'revealed' });
      await status(page, /Revealed/);
      expect(await page.locator('#ending').isHidden()).toBe(true);
      presenter.close();
    } finally {
      await room.close();
      await server.close();
    }
  });

  it.skipIf(!available)('a phone that did not vote sees, at the reveal, the best-practice reply and why (as text), not as its own vote; axe clean', async () => {
    // It saw only "Revealed. You did not vote on this decision." while the room read the reveal.
    const room = await phoneRoom();
    const { server, context } = room;
    const page = await context.newPage();
    try {
      const { presenter } = await joinAndOpen(page, server.port);
      const best = (await revealFirst(presenter)).entries.find((e) => e.best)!;
      await status(page, /^Revealed\. You did not vote on this decision: the best-practice reply and why are below\.$/);
      await page.locator('#feedback').waitFor({ state: 'visible' });
      expect(await page.locator('#verdict').textContent()).toBe(`You did not vote. Best practice here: reply ${best.number}.`);
      expect(await whyParts(page)).toEqual([{ heading: 'Best practice', reply: `${best.number}. ${best.replyText}`, text: best.feedback, principles: best.assessments.length }]);
      // No reply is marked as this phone's vote.
      expect(await page.locator('#replies button[aria-pressed="true"]').count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('feedback');
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await axe(page)).toEqual([]);
      presenter.close();
    } finally {
      await room.close();
    }
  });

  it.skipIf(!available)('with more best-practice replies than a phone is sent (a scenario of many tied replies), the phone lists the first and says how many more there are, shown on the projector; axe clean', async () => {
    // Every tied reply went to every phone: a thousand of them, megabytes at each update.
    const many = hostile();
    const phone = many.nodes.find((n) => n.id === 'phone');
    if (phone?.kind !== 'decision') throw new Error('fixture changed');
    const curious = phone.replies.find((r) => r.id === 'phone-curious')!;
    phone.replies = Array.from({ length: 12 }, (_, i) => ({ ...structuredClone(curious), id: `tied-${i}`, text: `Tied reply ${i}` }));
    // Off the best-practice path (on it, its own reply alone is best practice, as the debrief says).
    const room = await phoneRoom(phoneOffPath(many));
    const { server, context } = room;
    const page = await context.newPage();
    try {
      const { presenter } = await joinAndOpenOffPath(page, server.port);
      expect((await revealFirst(presenter, 2)).entries.filter((e) => e.best)).toHaveLength(12);
      await page.locator('#feedback').waitFor({ state: 'visible' });
      expect(await page.locator('#verdict').textContent()).toBe('You did not vote. Best practice here: replies 1, 2, 3, 4 and 5, and 7 more.');
      // The first five in shown order, each with its why.
      expect((await whyParts(page)).map((p) => `${p.heading}: ${p.reply?.split('.')[0]}`)).toEqual([1, 2, 3, 4, 5].map((n) => `Best practice: ${n}`));
      expect(await page.locator('#why-replies > .why-more').textContent()).toBe('And 7 more best-practice replies, shown on the projector.');
      expect(await axe(page)).toEqual([]);
      presenter.close();
    } finally {
      await room.close();
    }
  });

  it.skipIf(!available)('a decision of a thousand replies: the phone shows every one, is sent their words once (its vote and the lock come in about a hundred bytes each), keeps them through both, and has them again after a reload', async () => {
    // Every view repeated every reply's words (half a megabyte here), and the page read no message
    // over 200,000 characters: the phone stayed at "Waiting for the trainer" while the room voted.
    const many = hostile();
    const phone = many.nodes.find((n) => n.id === 'phone');
    if (phone?.kind !== 'decision') throw new Error('fixture changed');
    const curious = phone.replies.find((r) => r.id === 'phone-curious')!;
    phone.replies = Array.from({ length: 1000 }, (_, i) => ({ ...structuredClone(curious), id: `tied-${i}`, text: `Tied reply ${i}: ${'a kind, curious question '.repeat(20)}` }));
    const room = await phoneRoom(many);
    const { server, context } = room;
    const page = await context.newPage();
    const frames: number[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? f.payload.length : f.payload.byteLength)));
    try {
      const { presenter } = await joinAndOpen(page, server.port);
      const buttons = page.locator('#replies button.reply');
      expect(await buttons.count()).toBe(1000);
      expect(Math.max(...frames)).toBeGreaterThan(500_000);
      let from = frames.length;
      await page.locator('#replies button[data-reply="500"]').click();
      await status(page, /^Vote received/);
      expect(await page.locator('#replies button[aria-pressed="true"]').evaluateAll((b) => b.map((x) => x.getAttribute('data-reply')))).toEqual(['500']);
      // Still shown (the view that confirmed the vote came without the replies' words).
      expect(await buttons.count()).toBe(1000);
      expect(await page.locator('#decision').isVisible()).toBe(true);
      expect(frames.slice(from)).toEqual([expect.any(Number)]);
      expect(frames.at(-1)).toBeLessThan(300);
      from = frames.length;
      await presenter.act({ type: 'lock', round: 1 });
      await status(page, /^Voting is closed\. Waiting for the reveal\.$/);
      expect(frames.slice(from).every((n) => n < 300)).toBe(true);
      expect(await buttons.count()).toBe(1000);
      expect(await page.locator('#decision').isVisible()).toBe(true);
      expect(await page.locator('#replies button[data-reply="500"]').evaluate((b: HTMLButtonElement) => [b.getAttribute('aria-pressed'), b.disabled])).toEqual(['true', true]);
      // A reload joins again: the welcome brings the replies whole.
      await page.reload();
      await status(page, /^Voting is closed\. Waiting for the reveal\.$/);
      expect(await buttons.count()).toBe(1000);
      expect(await page.locator('#decision').isVisible()).toBe(true);
      expect(await page.locator('#replies button[data-reply="500"]').getAttribute('aria-pressed')).toBe('true');
      // A view naming a decision the page was not sent (never expected): it joins again, and the welcome brings it whole.
      const welcomes = frames.length;
      await page.evaluate((room) => {
        const socket = (window as unknown as { __socket: WebSocket }).__socket;
        socket.dispatchEvent(new MessageEvent('message', { data: JSON.stringify({ type: 'view', view: { room, phase: 'open', round: 9, decisionKey: '9-0000000000000000' } }) }));
      }, ROOM);
      await expect.poll(() => frames.slice(welcomes).some((n) => n > 500_000)).toBe(true);
      await status(page, /^Voting is closed\. Waiting for the reveal\.$/);
      expect(await buttons.count()).toBe(1000);
      expect(await page.locator('#decision').isVisible()).toBe(true);
      presenter.close();
    } finally {
      await room.close();
    }
  });

  it.skipIf(!available)('a phone that voted for a weaker reply sees, at the reveal, its own reply\'s feedback and then every best-practice reply and why, apart, on a 390-wide phone; axe clean', async () => {
    // It was told only "Your reply was not the best-practice reply", not which was or why; and with two
    // best-practice replies a phone was shown only the first. Here "Say nothing" ties with "That's a nice one!".
    const tied = hostile();
    const phone = tied.nodes.find((n) => n.id === 'phone');
    if (phone?.kind !== 'decision') throw new Error('fixture changed');
    phone.replies.find((r) => r.id === 'phone-ignore')!.assessments = structuredClone(phone.replies.find((r) => r.id === 'phone-curious')!.assessments);
    // Off the best-practice path (on it, its own reply alone is best practice, as the debrief says).
    const room = await phoneRoom(phoneOffPath(tied), { width: 390, height: 844 });
    const { server, context } = room;
    const page = await context.newPage();
    try {
      const { presenter, decision } = await joinAndOpenOffPath(page, server.port);
      const accuse = decision.replies.find((r) => r.id === 'phone-accuse')!;
      await page.locator(`#replies button[data-reply="${accuse.number}"]`).click();
      await status(page, /Vote received/);
      const reveal = await revealFirst(presenter, 2);
      const mine = reveal.entries.find((e) => e.replyId === 'phone-accuse')!;
      const best = reveal.entries.filter((e) => e.best).sort((a, b) => a.number - b.number);
      expect(best.map((e) => e.replyId).sort()).toEqual(['phone-curious', 'phone-ignore']);
      await status(page, /^Revealed: see why below\.$/);
      await page.locator('#feedback').waitFor({ state: 'visible' });
      const listed = `replies ${best[0]!.number} and ${best[1]!.number}`;
      expect(await page.locator('#verdict').textContent()).toBe(`Your reply was not the best-practice reply. Best practice here: ${listed}.`);
      // Its own reply first, then each best-practice reply (an action as "Do: …"), every one with its why, as text.
      const shown = (e: (typeof best)[number]) => `${e.number}. ${e.replyId === 'phone-ignore' ? 'Do: ' : ''}${e.replyText}`;
      expect(await whyParts(page)).toEqual([
        { heading: 'Your reply', reply: shown(mine), text: mine.feedback, principles: mine.assessments.length },
        ...best.map((e) => ({ heading: 'Best practice', reply: shown(e), text: e.feedback, principles: e.assessments.length })),
      ]);
      expect(await page.locator('.why-text').allTextContents()).toContain(XSS_FEEDBACK);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      // Its vote stays marked as its vote.
      expect(await page.locator('#replies button[aria-pressed="true"]').getAttribute('data-reply')).toBe(String(accuse.number));
      // Focus moves to the reveal, which a screen reader names "Why" and describes by its verdict (once, not the whole text).
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('feedback');
      expect(await axNameAndDescription(page, 'feedback')).toEqual({ name: 'Why', description: `Your reply was not the best-practice reply. Best practice here: ${listed}.` });
      expect(await axNames(page, 'heading')).toEqual(expect.arrayContaining(['Why', 'Your reply', 'Best practice']));
      // Readable on the phone: nothing wider than its screen, every part inside it.
      const fit = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        width: window.innerWidth,
        parts: [...document.querySelectorAll('.why')].map((p) => { const b = p.getBoundingClientRect(); return [b.left, b.right]; }),
      }));
      expect(fit.scroll).toBeLessThanOrEqual(fit.width);
      for (const [left, right] of fit.parts) {
        expect(left).toBeGreaterThanOrEqual(0);
        expect(right).toBeLessThanOrEqual(fit.width);
      }
      if (SCREENSHOTS) await fullPageScreenshot(page, 'voter-weaker-vote-reveal');
      expect(await axe(page)).toEqual([]);
      await axeCleanInDark(page, 'voter-weaker-vote-reveal');
      // At 320 px with the text at 200% (WCAG 1.4.10 with 1.4.4) too: a principle's line ("✓ follows
      // Curious, not interrogating (guide: …)") ran a long word past the screen's edge, and the page
      // scrolled sideways at the reveal (365 px of 320), as the replies and feedback above it did not.
      await page.setViewportSize({ width: 320, height: 700 });
      await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
      const large = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        width: window.innerWidth,
        lines: [...document.querySelectorAll('.why-principles li')].map((li) => Math.max(li.getBoundingClientRect().right, ...[...li.getClientRects()].map((r) => r.right), li.scrollWidth + li.getBoundingClientRect().left)),
      }));
      expect(large.lines.length).toBeGreaterThan(0);
      // The focused Why section's outline (3 px) stays on the screen: its box keeps clear of the edges.
      const box = await page.locator('#feedback').boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(3);
      expect(box!.x + box!.width).toBeLessThanOrEqual(large.width - 3);
      expect(large.scroll).toBeLessThanOrEqual(large.width);
      for (const right of large.lines) expect(right).toBeLessThanOrEqual(large.width);
      // The feedback's words and each principle's line keep most of the screen: the indents stay at 12
      // and 28 px as the text grows (in rem they left a principle's line 218 px, and the guide's
      // section names broke mid-word, "Involvemen / t").
      const columns = await page.evaluate(() => ({
        text: [...document.querySelectorAll<HTMLElement>('.why-text')].map((p) => p.clientWidth),
        principles: [...document.querySelectorAll<HTMLElement>('.why-principles li')].map((li) => li.clientWidth),
      }));
      expect(columns.text.length).toBeGreaterThan(0);
      for (const width of columns.text) expect(width).toBeGreaterThanOrEqual(264);
      for (const width of columns.principles) expect(width).toBeGreaterThanOrEqual(240);
      if (SCREENSHOTS) await fullPageScreenshot(page, 'voter-weaker-vote-reveal-320-200');
      presenter.close();
    } finally {
      await room.close();
    }
  });

  it.skipIf(!available)('at 320 px with 200% text, a long word in the scenario\'s title (content note) and in the decision\'s title (discussion, then the vote) wraps inside the screen: no sideways scroll; a reply\'s words keep most of the width', async () => {
    // Found walking a live room with large text: court-report's "Recommendations: what her status opens
    // up" (and harm-reduction's and dual-involvement's "Recommendations") is wider than a 320 px phone
    // at 200% in the discussion's heading, which did not wrap a long word as the vote's heading did.
    const scenario = hostile();
    scenario.title = 'Recommendations: the new phone';
    const phone = scenario.nodes.find((n) => n.id === 'phone');
    if (phone?.kind !== 'decision') throw new Error('fixture changed');
    phone.title = 'Recommendations: what her phone opens up';
    const server = await serve(createRoom(roomContext(scenario), ROOM, 0, new Date()), 0, scenario);
    const context = await browser!.newContext({ viewport: { width: 320, height: 700 } });
    await context.addInitScript(() => document.addEventListener('DOMContentLoaded', () => document.documentElement.style.setProperty('font-size', '200%')));
    const page = await context.newPage();
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    try {
      await page.goto(`http://127.0.0.1:${server.port}/join?room=${ROOM}`);
      await status(page, /Read the content note below first/);
      expect(await page.locator('#note-title').innerText()).toMatch(/^Recommend/);
      expect(await sideways()).toBeLessThanOrEqual(0);
      const presenter = await Presenter.connect(`ws://127.0.0.1:${server.port}`, ROOM, TOKEN);
      await presenter.act({ type: 'advance', node: 'phone' });
      await status(page, DISCUSSING);
      expect(await page.locator('#discussion-title').innerText()).toMatch(/^Recommend/);
      expect(await sideways()).toBeLessThanOrEqual(0);
      if (SCREENSHOTS) await fullPageScreenshot(page, 'voter-discussion-320-200');
      await presenter.act({ type: 'open', node: 'phone' });
      await status(page, /Vote now/);
      expect(await sideways()).toBeLessThanOrEqual(0);
      // A reply's words get most of the screen: the page's and the button's side padding stay at 16 px
      // as the text grows (in rem they took 132 px of the 320 and left the words 188 px).
      const columns = await page.locator('#replies button').evaluateAll((buttons) => buttons.map((b) => {
        const style = getComputedStyle(b);
        return b.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      }));
      expect(columns.length).toBeGreaterThan(0);
      for (const width of columns) expect(width).toBeGreaterThanOrEqual(240);
      if (SCREENSHOTS) await fullPageScreenshot(page, 'voter-vote-320-200');
      // The decision's words under "What was said" (voter protocol 11), opened: they wrap inside the screen too.
      await page.locator('#said summary').click();
      expect(await page.locator('#said p').count()).toBeGreaterThan(0);
      expect(await sideways()).toBeLessThanOrEqual(0);
      expect(await axe(page)).toEqual([]);
      if (SCREENSHOTS) await fullPageScreenshot(page, 'voter-vote-said-320-200');
      // On to a scene: its words (voter protocol 11), inside the screen, axe clean.
      await presenter.act({ type: 'reveal', round: 1 });
      await presenter.act({ type: 'choose', round: 1, reply: 'phone-curious' });
      await status(page, /There is nothing to vote on yet\.$/);
      expect(await page.locator('#scene p').count()).toBeGreaterThan(0);
      expect(await sideways()).toBeLessThanOrEqual(0);
      expect(await axe(page)).toEqual([]);
      if (SCREENSHOTS) await fullPageScreenshot(page, 'voter-scene-320-200');
      presenter.close();
    } finally {
      await context.close();
      await server.close();
    }
  });

  // Found by phone-50: a story whose first decision has no words of its own comes with its opening
  // scene (voter protocol 12), and the phone drew the scene's title straight under the decision's
  // title, with no "Before this" as the projector and the presenter page head it: it read as the
  // decision's subtitle. Now a region named "Before this" (h3) holds each scene under its heading (h4).
  it.skipIf(!available)('the opening scene at the first decision is headed "Before this", a region, in the discussion and under "What was said", at 390×844 and at 320 px with 200% text; nothing sideways; axe clean', async () => {
    const scenario = hostile();
    const phoneNode = scenario.nodes.find((n) => n.id === 'phone');
    if (phoneNode?.kind !== 'decision') throw new Error('fixture changed');
    // An opening scene that sets the decision up; the decision has no words of its own.
    const opening = { id: 'opening', kind: 'scene' as const, title: 'Tuesday afternoon at the group home', narration: 'Jade shows you a new phone she says a friend gave her.', next: 'phone' };
    delete phoneNode.narration;
    delete phoneNode.lines;
    scenario.nodes.unshift(opening as (typeof scenario.nodes)[number]);
    (scenario as { start: string }).start = 'opening';
    for (const [label, viewport, large] of [['390', { width: 390, height: 844 }, false], ['320-200', { width: 320, height: 700 }, true]] as const) {
      const server = await serve(createRoom(roomContext(scenario), ROOM, 0, new Date()), 0, scenario);
      const context = await browser!.newContext({ viewport });
      if (large) await context.addInitScript(() => document.addEventListener('DOMContentLoaded', () => document.documentElement.style.setProperty('font-size', '200%')));
      const page = await context.newPage();
      const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      /** The headings in `where`, in order, as "h2 text". */
      const headings = (where: string) => page.locator(`${where} :is(h2, h3, h4)`).evaluateAll((hs) => hs.map((h) => `${h.tagName.toLowerCase()} ${h.textContent}`));
      try {
        await page.goto(`http://127.0.0.1:${server.port}/join?room=${ROOM}`);
        await status(page, WAITING);
        const presenter = await Presenter.connect(`ws://127.0.0.1:${server.port}`, ROOM, TOKEN);
        // The trainer's first step: past the content note (standing in for the opening scene) to the first decision, shown for the room to discuss.
        for (let guard = 0; guard < 4 && presenter.view.session.kind !== 'decision'; guard++) await presenter.act({ type: 'advance', node: presenter.view.session.nodeId });
        expect(presenter.view.session.nodeId).toBe('phone');
        await status(page, DISCUSSING);
        expect(await headings('#discussion'), label).toEqual([`h2 ${phoneNode.title}`, 'h3 Before this', `h4 ${opening.title}`]);
        const region = page.locator('#discussion').getByRole('region', { name: 'Before this' });
        expect(await region.locator('p').allInnerTexts()).toEqual([opening.narration]);
        // Short: one line, even at 320 px with 200% text.
        const before = page.locator('#discussion h3');
        expect(await before.evaluate((h) => Math.round(h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight)))).toBe(1);
        expect(await sideways()).toBeLessThanOrEqual(0);
        expect(await axe(page)).toEqual([]);
        if (SCREENSHOTS) await fullPageScreenshot(page, `voter-discussion-setup-${label}`);
        await presenter.act({ type: 'open', node: 'phone' });
        await status(page, /Vote now/);
        await page.locator('#said summary').click();
        expect(await headings('#said'), label).toEqual(['h3 Before this', `h4 ${opening.title}`]);
        expect(await page.locator('#said').getByRole('region', { name: 'Before this' }).locator('p').allInnerTexts()).toEqual([opening.narration]);
        expect(await sideways()).toBeLessThanOrEqual(0);
        expect(await axe(page)).toEqual([]);
        if (SCREENSHOTS) await fullPageScreenshot(page, `voter-vote-said-setup-${label}`);
        if (!large) await axeCleanInDark(page, 'voter-vote-said-setup');
        presenter.close();
      } finally {
        await context.close();
        await server.close();
      }
    }
  });

  // Left from session 46: the "✓ your vote" mark was drawn after the reply's last word. At 320 px with
  // 200% text, a bundled reply (youth-discloses' 211-character d8-all-in) is a button taller than the
  // screen: tapped near its top, the mark was 900 px down, below the screen, its "✓" ending one line
  // and "your vote" starting the next.
  it.skipIf(!available)('at 320 px with 200% text, the "✓ your vote" mark heads the long reply voted for, on one line inside it, and stays on the screen wherever the phone is scrolled in that reply; no other reply has it; axe clean', async () => {
    const bundled = JSON.parse(readFileSync(join(packageRoot(), 'scenarios/youth-discloses.json'), 'utf8')) as Scenario;
    const long = bundled.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((r) => r.id === 'd8-all-in')!.text;
    const scenario = hostile();
    const phone = scenario.nodes.find((n) => n.id === 'phone');
    if (phone?.kind !== 'decision') throw new Error('fixture changed');
    for (const r of phone.replies) r.text = long;
    const server = await serve(createRoom(roomContext(scenario), ROOM, 0, new Date()), 0, scenario);
    const context = await browser!.newContext({ viewport: { width: 320, height: 700 } });
    await context.addInitScript(() => document.addEventListener('DOMContentLoaded', () => document.documentElement.style.setProperty('font-size', '200%')));
    const page = await context.newPage();
    try {
      await page.goto(`http://127.0.0.1:${server.port}/join?room=${ROOM}`);
      const presenter = await Presenter.connect(`ws://127.0.0.1:${server.port}`, ROOM, TOKEN);
      await presenter.act({ type: 'advance', node: 'phone' });
      await presenter.act({ type: 'open', node: 'phone' });
      await status(page, /Vote now/);
      const reply = page.locator('#replies button').nth(1);
      const number = await reply.getAttribute('data-reply');
      // Tapped near its top, as a person reading it from its start does.
      await reply.evaluate((b) => b.scrollIntoView({ block: 'start' }));
      await reply.click({ position: { x: 120, y: 40 } });
      await status(page, new RegExp(`Vote received: reply ${number}\\.`));
      /**
       * Where the mark (the reply's ::before, which no script can measure) is, by Chromium's layout
       * (DevTools' box model, in the screen's coordinates), against its reply and the screen.
       */
      const where = async () => {
        const cdp = await page.context().newCDPSession(page);
        try {
          const { root } = (await cdp.send('DOM.getDocument', { depth: -1 })) as { root: { nodeId: number } };
          const { nodeId } = (await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: `#replies button[data-reply="${number}"]` })) as { nodeId: number };
          const { node } = (await cdp.send('DOM.describeNode', { nodeId, depth: 1 })) as { node: { pseudoElements?: { backendNodeId: number; pseudoType: string }[] } };
          const before = node.pseudoElements?.find((e) => e.pseudoType === 'before');
          if (!before) return undefined;
          const box = (b: { model: { border: number[] } }) => ({ left: b.model.border[0]!, top: b.model.border[1]!, right: b.model.border[2]!, bottom: b.model.border[5]! });
          const mark = box((await cdp.send('DOM.getBoxModel', { backendNodeId: before.backendNodeId })) as { model: { border: number[] } });
          const style = await reply.evaluate((b) => ({ text: getComputedStyle(b, '::before').content, line: parseFloat(getComputedStyle(b, '::before').lineHeight), screen: innerHeight }));
          const r = await reply.evaluate((b) => { const x = b.getBoundingClientRect(); return { left: x.left, top: x.top, right: x.right, bottom: x.bottom }; });
          return { mark, reply: r, screen: style.screen, text: style.text, lines: (mark.bottom - mark.top) / style.line };
        } finally {
          await cdp.detach();
        }
      };
      // The other replies have none.
      for (const other of await page.locator('#replies button:not([aria-pressed="true"])').all()) expect(await other.evaluate((b) => getComputedStyle(b, '::before').content)).toBe('none');
      const first = await where();
      if (!first) throw new Error('no mark on the reply voted for');
      // The reply is taller than the screen: its last word is off it whatever the scroll.
      expect(first.reply.bottom - first.reply.top).toBeGreaterThan(first.screen);
      expect(first.text).toBe('"✓\u00a0your vote"');
      // At the reply's top, scrolled into its middle, and at its end: the mark is inside the reply, on the screen, on one line.
      for (const scroll of [0, 0.5, 1]) {
        await reply.evaluate((b, at) => window.scrollTo(0, window.scrollY + b.getBoundingClientRect().top + at * (b.getBoundingClientRect().height - innerHeight)), scroll);
        const w = (await where())!;
        expect(w.mark.top, `scrolled ${scroll}`).toBeGreaterThanOrEqual(Math.max(0, w.reply.top));
        expect(w.mark.bottom, `scrolled ${scroll}`).toBeLessThanOrEqual(Math.min(w.screen, w.reply.bottom));
        expect(w.mark.left).toBeGreaterThanOrEqual(w.reply.left);
        expect(w.mark.right).toBeLessThanOrEqual(w.reply.right);
        expect(w.lines, `scrolled ${scroll}`).toBeLessThan(1.5);
      }
      if (SCREENSHOTS) await page.screenshot({ path: join(packageRoot(), 'test-artifacts/screenshots/voter-vote-mark-320-200.png') });
      // Locked, the vote keeps its mark; the other replies never had one.
      await presenter.act({ type: 'lock', round: 1 });
      await status(page, /Voting is closed/);
      expect(await reply.evaluate((b) => getComputedStyle(b, '::before').content)).toBe(first.text);
      expect(await axe(page)).toEqual([]);
      presenter.close();
    } finally {
      await context.close();
      await server.close();
    }
  });

  it.skipIf(!available)("Who's who on a phone (390 and 320 wide): closed until opened, by keyboard too; the people met so far by name and role, as text; it grows at the reveal and stays open as the room moves on; axe clean", async () => {
    // A supervisor named (with markup in her name) only in one reply's feedback: met by the room at the reveal.
    const XSS_NAME = '<img src=x onerror="window.__pwned=3">Ms. Ibarra';
    const s = hostile();
    s.characters.push({ id: 'ibarra', name: XSS_NAME, role: 'Advocate Supervisor', description: 'Never sent to a phone.' });
    const phone = s.nodes.find((n) => n.id === 'phone');
    if (phone?.kind !== 'decision') throw new Error('fixture changed');
    phone.replies.find((r) => r.id === 'phone-accuse')!.feedback += ` Talk it over with ${XSS_NAME} first.`;
    for (const width of [390, 320]) {
      const room = await phoneRoom(s, { width, height: 844 });
      const { server, context } = room;
      const page = await context.newPage();
      try {
        await page.goto(`http://127.0.0.1:${server.port}/join?room=${ROOM}`);
        await status(page, WAITING);
        const who = page.locator('details#people');
        // One line, closed: "Who's who (1 met so far)" (Jade speaks in the first decision).
        await who.waitFor({ state: 'visible' });
        expect(await who.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
        expect(await who.locator('summary').textContent()).toBe('Who\u2019s who (1 met so far)');
        expect(await who.locator('li').first().isVisible()).toBe(false);
        // By keyboard: while the room waits it is the one thing Tab reaches (after the replies once a vote opens), and Enter opens it.
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('people-summary');
        await page.keyboard.press('Enter');
        expect(await who.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
        expect(await who.locator('li').allTextContents()).toEqual(['Jade (youth)']);
        // A screen reader hears a disclosure by its name, and whether it is open.
        expect(await axNames(page, 'DisclosureTriangle')).toEqual(['Who\u2019s who (1 met so far)']);
        const presenter = await Presenter.connect(`ws://127.0.0.1:${server.port}`, ROOM, TOKEN);
        await presenter.act({ type: 'open', node: 'phone' });
        await status(page, /Vote now/);
        await revealFirst(presenter);
        await status(page, /^Revealed/);
        await page.locator('#feedback').waitFor({ state: 'visible' });
        // The focus stays where the person is reading (Who's who, opened by keyboard): the reveal took
        // it to the Why section, and a screen reader's place in the list was lost. The status says it.
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('people-summary');
        // Named in the feedback the room has now seen: listed, as text (no markup run, no description).
        await expect.poll(() => who.locator('li').allTextContents()).toEqual(['Jade (youth)', `${XSS_NAME} (Advocate Supervisor)`]);
        expect(await who.locator('summary').textContent()).toBe('Who\u2019s who (2 met so far)');
        expect(await who.locator('img').count()).toBe(0);
        expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
        expect(await page.locator('body').textContent()).not.toContain('Never sent to a phone.');
        // Still open: an update never closes it.
        expect(await who.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
        // Nothing wider than the phone's screen: at 320 a reply's long word (its markup, as text) ran out of its button, and the page scrolled sideways.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        if (SCREENSHOTS) await fullPageScreenshot(page, `voter-whos-who-${width}`);
        expect(await axe(page)).toEqual([]);
        await axeCleanInDark(page, `voter-whos-who-${width}`);
        // Once the trainer ends the session nobody more is met: "(2 met)", not "(2 met so far)".
        await presenter.act({ type: 'end' });
        await status(page, /The session has ended/);
        await expect.poll(() => who.locator('summary').textContent()).toBe('Who\u2019s who (2 met)');
        expect(await who.locator('li').allTextContents()).toEqual(['Jade (youth)', `${XSS_NAME} (Advocate Supervisor)`]);
        presenter.close();
      } finally {
        await room.close();
      }
    }
  });

  it.skipIf(!available)('an update keeps the reply buttons a phone is on (a vote, a changed vote, the lock, the reveal, a reconnection change only their state): the same elements, the focus where it was, the vote marked; the reveal\'s parts are not drawn again either', async () => {
    // Every view rebuilt every reply button (a thousand at a large decision, for one vote) and put a
    // new one where the focus was: the element a screen reader was on was gone.
    const room = await phoneRoom(hostile(), { width: 390, height: 844 });
    const { server, context } = room;
    const page = await context.newPage();
    try {
      const { presenter, decision } = await joinAndOpen(page, server.port);
      // The replies' shown numbers in the order the page lists them (Tab's order).
      const numbers = await page.locator('#replies button').evaluateAll((b) => b.map((x) => Number((x as HTMLElement).dataset.reply)));
      expect(numbers).toHaveLength(decision.replies.length);
      // Each button is marked (a property no redraw would carry over), and every change to the list's children is counted.
      await page.evaluate(() => {
        const w = window as unknown as { __added: number };
        w.__added = 0;
        for (const b of document.querySelectorAll<HTMLButtonElement>('#replies button')) (b as unknown as { __mark: string }).__mark = b.dataset.reply!;
        new MutationObserver((ms) => { w.__added += ms.reduce((n, m) => n + m.addedNodes.length + m.removedNodes.length, 0); })
          .observe(document.getElementById('replies')!, { childList: true, subtree: true, characterData: true });
      });
      /** The buttons still the ones marked at the start, the one with focus, and how many nodes were added or removed since. */
      const kept = () => page.evaluate(() => {
        const buttons = [...document.querySelectorAll<HTMLButtonElement>('#replies button')];
        const a = document.activeElement as (HTMLElement & { __mark?: string }) | null;
        return {
          same: buttons.every((b) => (b as unknown as { __mark?: string }).__mark === b.dataset.reply),
          focus: a?.__mark ?? a?.id,
          changed: (window as unknown as { __added: number }).__added,
        };
      });
      const pressed = () => page.locator('#replies button[aria-pressed="true"]').evaluateAll((b) => b.map((x) => x.getAttribute('data-reply')));
      // Vote from the keyboard on the second reply: it stays the focused element, now pressed.
      await page.locator(`#replies button[data-reply="${numbers[1]}"]`).focus();
      await page.keyboard.press('Enter');
      await status(page, /Vote received/);
      expect(await kept()).toEqual({ same: true, focus: String(numbers[1]), changed: 0 });
      expect(await pressed()).toEqual([String(numbers[1])]);
      // Change it to the third with Space.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      await page.locator(`#replies button[data-reply="${numbers[2]}"][aria-pressed="true"]`).waitFor();
      expect(await kept()).toEqual({ same: true, focus: String(numbers[2]), changed: 0 });
      expect(await pressed()).toEqual([String(numbers[2])]);
      // The connection drops and comes back (a locked screen, Wi-Fi): the welcome brings the decision
      // whole again, and the page keeps its buttons, its focus and the vote.
      await page.evaluate(() => (window as unknown as { __socket: WebSocket }).__socket.close());
      await status(page, /Reconnecting/);
      await status(page, /Vote received/);
      expect(await kept()).toEqual({ same: true, focus: String(numbers[2]), changed: 0 });
      expect(await pressed()).toEqual([String(numbers[2])]);
      // The lock disables them in place (focus goes to the decision's heading, as before).
      await presenter.act({ type: 'lock', round: 1 });
      await status(page, /Voting is closed/);
      expect(await kept()).toEqual({ same: true, focus: 'decision-title', changed: 0 });
      expect(await page.locator('#replies button:not(:disabled)').count()).toBe(0);
      // The reveal: the buttons stay; the feedback takes the focus; its parts are drawn once and
      // kept through a reconnection (the same view again).
      await presenter.act({ type: 'reveal', round: 1 });
      await status(page, /^Revealed: see why below\.$/);
      await page.locator('#feedback').waitFor({ state: 'visible' });
      expect(await kept()).toEqual({ same: true, focus: 'feedback', changed: 0 });
      const parts = page.locator('#why-replies > .why');
      expect(await parts.count()).toBeGreaterThan(0);
      await parts.evaluateAll((ps) => ps.forEach((p, i) => ((p as unknown as { __mark: number }).__mark = i)));
      await page.evaluate(() => (window as unknown as { __socket: WebSocket }).__socket.close());
      await status(page, /Reconnecting/);
      await status(page, /^Revealed: see why below\.$/);
      expect(await parts.evaluateAll((ps) => ps.map((p) => (p as unknown as { __mark?: number }).__mark))).toEqual([...Array(await parts.count()).keys()]);
      expect(await kept()).toEqual({ same: true, focus: 'feedback', changed: 0 });
      expect(await pressed()).toEqual([String(numbers[2])]);
      expect(await axe(page)).toEqual([]);
      presenter.close();
    } finally {
      await room.close();
    }
  });

  it.skipIf(!available)('a vote whose connection drops as it is sent, or that is never answered (Wi-Fi gone without a word): the page marks the vote the room confirmed, says the new one may not have arrived, and once back says whether it did', async () => {
    // It kept "✓ your vote" on the reply just tapped beside "Connection lost. Reconnecting…", and once
    // back said "Vote received" with the mark moved back to the earlier reply: the change looked made.
    const room = await phoneRoom(hostile(), { width: 390, height: 844 }, { clock: true });
    const { server, context } = room;
    const page = await context.newPage();
    try {
      const { presenter } = await joinAndOpen(page, server.port);
      const numbers = await page.locator('#replies button').evaluateAll((b) => b.map((x) => (x as HTMLElement).dataset.reply!));
      const [first, second, third] = numbers as [string, string, string];
      const device = await page.evaluate(() => localStorage.getItem('casa-practice-room-device'));
      const pressed = () => page.locator('#replies button[aria-pressed="true"]').evaluateAll((b) => b.map((x) => x.getAttribute('data-reply')));
      const voteFor = (n: string) => presenter.view.session.replies.find((r) => String(r.number) === n)!.id;
      await page.locator(`#replies button[data-reply="${first}"]`).click();
      await status(page, /Vote received/);
      /** The next vote the page sends goes with the connection: `arrives` says whether the room gets it first. */
      const dropWithNextVote = (arrives: boolean) => page.evaluate((arrives) => {
        const socket = (window as unknown as { __socket: WebSocket }).__socket;
        const send = socket.send.bind(socket);
        socket.send = (text: string) => {
          if (arrives) send(text);
          socket.close();
        };
      }, arrives);
      // Lost with the connection.
      await dropWithNextVote(false);
      await page.locator(`#replies button[data-reply="${second}"]`).click();
      await status(page, /^Connection lost just as you voted, so your vote may not have reached the room\. Reconnecting…$/);
      expect(await pressed()).toEqual([first]);
      await later(page, LONGEST_RETRY_MS);
      await status(page, new RegExp(`^Connected again\\. Your last tap did not reach the room: tap your reply again\\. Your vote is still reply ${first}\\.$`));
      expect(await pressed()).toEqual([first]);
      expect(server.state().votes[device!]).toBe(voteFor(first));
      // Reached the room, its answer lost with the connection: once back, the page says it was received.
      await dropWithNextVote(true);
      await page.locator(`#replies button[data-reply="${third}"]`).click();
      await status(page, /^Connection lost just as you voted, so your vote may not have reached the room\. Reconnecting…$/);
      await later(page, LONGEST_RETRY_MS);
      await status(page, new RegExp(`^Vote received: reply ${third}\\. You can change it until the trainer locks the vote\\.$`));
      expect(await pressed()).toEqual([third]);
      expect(server.state().votes[device!]).toBe(voteFor(third));
      // Wi-Fi gone without a word: the socket still looks open, and the vote goes nowhere. The page
      // said "Sending your vote…" for as long as the socket lasted (minutes); it now gives up on an
      // answer that does not come, connects again, and says the vote did not reach the room.
      await page.evaluate(() => {
        const socket = (window as unknown as { __socket: WebSocket }).__socket;
        socket.send = () => undefined;
      });
      await page.locator(`#replies button[data-reply="${first}"]`).click();
      await status(page, /^Sending your vote…$/);
      await later(page, ANSWER_MS);
      await status(page, /^Connection lost just as you voted, so your vote may not have reached the room\. Reconnecting…$/);
      expect(await pressed()).toEqual([third]);
      await later(page, LONGEST_RETRY_MS);
      await status(page, new RegExp(`^Connected again\\. Your last tap did not reach the room: tap your reply again\\. Your vote is still reply ${third}\\.$`));
      expect(await pressed()).toEqual([third]);
      expect(server.state().votes[device!]).toBe(voteFor(third));
      expect(await axe(page)).toEqual([]);
      presenter.close();
    } finally {
      await room.close();
    }
  });

  it.skipIf(!available)('a phone waking up on a connection that died unnoticed asks the room where things stand, and finds the vote the room opened meanwhile', async () => {
    // It waited on the dead connection at "Waiting for the trainer" through the whole vote: only a
    // closed connection made it try again, and it sends nothing by itself.
    const room = await phoneRoom(hostile(), { width: 390, height: 844 }, { clock: true });
    const { server, context } = room;
    const page = await context.newPage();
    try {
      await page.goto(`http://127.0.0.1:${server.port}/join?room=${ROOM}`);
      await status(page, WAITING);
      // The connection dies without a word (the phone asleep, its Wi-Fi gone): nothing goes out or comes in, and it still looks open.
      await page.evaluate(() => {
        const socket = (window as unknown as { __socket: WebSocket }).__socket;
        socket.send = () => undefined;
        socket.onmessage = null;
      });
      const presenter = await Presenter.connect(`ws://127.0.0.1:${server.port}`, ROOM, TOKEN);
      await presenter.act({ type: 'open', node: presenter.view.session.nodeId });
      expect(await page.locator('#status').textContent()).toBe('The room is talking this decision over; the vote opens soon.');
      // The phone is looked at again.
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      // No answer comes on the dead connection: it is given up, and a new one made after the backoff.
      await later(page, ANSWER_MS);
      await later(page, LONGEST_RETRY_MS);
      await status(page, /^Vote now: choose a reply\.$/);
      expect(await page.locator('#replies button:not(:disabled)').count()).toBe(presenter.view.session.replies.length);
      // On a live connection the same check costs one welcome and changes nothing.
      const welcomes = await page.evaluate(() => new Promise<number>((resolve) => {
        const socket = (window as unknown as { __socket: WebSocket }).__socket;
        socket.addEventListener('message', (e) => resolve(JSON.parse(String(e.data)).type === 'welcome' ? 1 : 0), { once: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }));
      expect(welcomes).toBe(1);
      await status(page, /^Vote now: choose a reply\.$/);
      presenter.close();
    } finally {
      await room.close();
    }
  });

  it.skipIf(!available)('a reply the story does not open at this decision is greyed out and says why under it, in the core\'s words, as its description; axe clean, on a 320 px phone with 200% text too', async () => {
    // The phone had it disabled with no word why, while the projector and the terminal say "not
    // available now"; then "(not available now)" on the button, and still not why, where the
    // projector and the laptop say it (unavailableWords; voter protocol 15).
    const gated = hostile();
    const phone = gated.nodes.find((n) => n.id === 'phone');
    if (phone?.kind !== 'decision') throw new Error('fixture changed');
    const accuse = phone.replies.find((r) => r.id === 'phone-accuse')!;
    accuse.when = { var: 'trust', gte: 100 };
    const ctx = roomContext(gated);
    const server = await serve(startedRoom(ctx, ROOM, 0, new Date()), 0, gated);
    const context = await browser!.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    try {
      const { presenter, decision } = await joinAndOpen(page, server.port);
      const off = decision.replies.find((r) => r.id === 'phone-accuse')!;
      const words = unavailableWords(off);
      expect(words).toBe(`Reply ${off.number} is not available now: it needs Jade's trust at least 100 (now 50).`);
      const button = page.locator(`#replies button[data-reply="${off.number}"]`);
      expect(await button.isDisabled()).toBe(true);
      // The button is the reply as shown; the line under it says why, and is the button's description.
      expect(await button.textContent()).toBe(`${off.number}.${off.text}`);
      const why = page.locator(`#${await button.getAttribute('aria-describedby')}`);
      expect(await why.textContent()).toBe(words);
      expect(await why.isVisible()).toBe(true);
      const cdp = await context.newCDPSession(page);
      const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { ignored?: boolean; role?: { value?: string }; name?: { value?: string }; description?: { value?: string } }[] };
      await cdp.detach();
      const named = nodes.filter((n) => !n.ignored && n.role?.value === 'button' && n.name?.value === `${off.number}. ${off.text}`);
      expect(named.map((n) => n.description?.value)).toEqual([words]);
      // The others are offered as before, with no such words.
      for (const r of decision.replies.filter((x) => x.id !== 'phone-accuse')) {
        const other = page.locator(`#replies button[data-reply="${r.number}"]`);
        expect(await other.isDisabled()).toBe(false);
        expect(await other.textContent()).not.toContain('not available');
        expect(await other.getAttribute('aria-describedby')).toBeNull();
      }
      expect(await axe(page)).toEqual([]);
      if (SCREENSHOTS) await fullPageScreenshot(page, 'voter-unavailable');
      // On a 320 px phone with the text at 200%: the line under the button, inside the screen, no sideways scroll.
      await page.setViewportSize({ width: 320, height: 700 });
      await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
      const fit = await page.evaluate((n) => {
        const b = document.querySelector(`#replies button[data-reply="${n}"]`)!.getBoundingClientRect();
        const w = document.getElementById(document.querySelector(`#replies button[data-reply="${n}"]`)!.getAttribute('aria-describedby')!)!.getBoundingClientRect();
        return { scroll: document.documentElement.scrollWidth, width: innerWidth, below: w.top >= b.bottom, right: w.right, left: w.left };
      }, off.number);
      expect(fit.scroll).toBe(fit.width);
      expect(fit.below).toBe(true);
      expect(fit.left).toBeGreaterThanOrEqual(0);
      expect(fit.right).toBeLessThanOrEqual(fit.width);
      expect(await axe(page)).toEqual([]);
      if (SCREENSHOTS) await fullPageScreenshot(page, 'voter-unavailable-320-200');
      presenter.close();
    } finally {
      await context.close();
      await server.close();
    }
  });

  it.skipIf(!available)('without a room code asks for one, and refuses a malformed one', async () => {
    const server = await serve(startedRoom(roomContext(hostile()), ROOM, 0, new Date()));
    const context = await browser!.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`http://127.0.0.1:${server.port}/join`);
      await status(page, /Type the room code/);
      expect(await page.locator('#code').getAttribute('aria-invalid')).toBeNull();
      // On a 320 px phone with the text at 200% (WCAG 1.4.10 with 1.4.4), the field and Join stay on
      // the screen: at 12rem wide each (384 px) they ran 80 px past it, the label cut off beside them.
      await page.setViewportSize({ width: 320, height: 700 });
      await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
      const form = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        width: innerWidth,
        rights: ['#code', '#code-form button', '#code-form label'].map((s) => document.querySelector(s)!.getBoundingClientRect().right),
      }));
      expect(form.scroll).toBeLessThanOrEqual(form.width);
      for (const right of form.rights) expect(right).toBeLessThanOrEqual(form.width);
      // Six of the widest letters a code may have show whole in the field (they scrolled inside it, 374 px in 284).
      await page.fill('#code', 'WWWWWW');
      expect(await page.locator('#code').evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
      if (SCREENSHOTS) await fullPageScreenshot(page, 'voter-code-320-200');
      await page.fill('#code', '');
      expect(await axe(page)).toEqual([]);
      await page.evaluate(() => document.documentElement.style.removeProperty('font-size'));
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.fill('#code', 'AB!');
      await page.click('#code-form button');
      await status(page, /six letters and digits/);
      // The field is marked invalid and described by the refusal (read with it when it is focused again).
      expect(await page.locator('#code').getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => page.locator('#code').evaluate((e) => (e.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '))).toMatch(/six letters and digits/);
      // The same mistake again is said again: the refusal comes into the live region anew. Its
      // words, set as they were, had left the status unchanged, so a screen reader said nothing
      // and Join seemed to do nothing.
      await page.evaluate(() => {
        const w = window as unknown as { __statusAdded: number };
        w.__statusAdded = 0;
        new MutationObserver((ms) => { w.__statusAdded += ms.reduce((n, m) => n + m.addedNodes.length, 0); })
          .observe(document.getElementById('status')!, { childList: true, subtree: true, characterData: true });
      });
      await page.fill('#code', 'AB!C');
      await page.locator('#code').press('Enter');
      await expect.poll(() => page.evaluate(() => (window as unknown as { __statusAdded: number }).__statusAdded)).toBeGreaterThan(0);
      await status(page, /six letters and digits/);
      // Typing a new code clears the mark.
      await page.locator('#code').press('Backspace');
      expect(await page.locator('#code').getAttribute('aria-invalid')).toBeNull();
      // Six characters, one of them a look-alike that codes never use: said as such, not "six letters and digits".
      await page.fill('#code', 'yu8cwi');
      await page.click('#code-form button');
      await status(page, /^Room codes never use 0, O, 1, I or L, which look alike/);
      // A code one character off (or a room that has closed): said as such, not "this room has
      // closed" to a phone that only mistyped, with the code in the field to correct.
      const typo = `${ROOM.slice(0, 5)}${ROOM.endsWith('Z') ? 'Y' : 'Z'}`;
      await page.fill('#code', typo);
      await page.click('#code-form button');
      await status(page, new RegExp(`^No room ${typo} is running here\\. Check the code on the projector and type it again`));
      expect(await page.locator('#code').inputValue()).toBe(typo);
      expect(await page.locator('#code').getAttribute('aria-invalid')).toBe('true');
      // The focus is in the code field, where the code is put right (it stayed on the page, leaving a
      // keyboard or screen-reader user to find the field).
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('code');
      // The same from a link (a QR code or address) for a room that is not running.
      await page.goto(`http://127.0.0.1:${server.port}/join?room=${typo}`);
      await status(page, new RegExp(`^No room ${typo} is running here\\.`));
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('code');
      expect(Object.keys(server.state().devices)).toHaveLength(0);
      await page.fill('#code', ROOM.toLowerCase());
      await page.click('#code-form button');
      await status(page, WAITING);
      expect(Object.keys(server.state().devices)).toHaveLength(1);
    } finally {
      await context.close();
      await server.close();
    }
  });
});

describe('presenter page of a live room in Chromium', () => {
  // A story that opens on a decision (the example, as youth-discloses and left-placement-calls):
  // "Open the vote" took the room from the content note straight to an open vote, where every other
  // decision is shown first for the room to discuss; and the phones said only "Waiting for the
  // trainer" while the projector showed the content note (room2-45).
  it.skipIf(!available)('a story that opens on a decision: the phone reads the title and content note first (390 wide, axe clean); "Show the decision" puts it on the projector with its vote closed and the join block; then the vote opens', async () => {
    const scenario = hostile();
    const { server, laptop, phones, trainer, close } = await trainerInRoom(scenario, createRoom(roomContext(scenario), ROOM, 0, new Date()), { width: 390, height: 844 }, `http://192.0.2.7:8080/join?room=${ROOM}`);
    try {
      const projector = await laptop.newPage();
      await projector.setViewportSize({ width: 1280, height: 720 });
      await projector.goto(`http://127.0.0.1:${server.port}/?projector#/projector`);
      await projector.getByRole('heading', { level: 1, name: 'Content note' }).waitFor();
      const phone = await phones.newPage();
      await phone.goto(`http://127.0.0.1:${server.port}/join?room=${ROOM}`);
      await status(phone, /^Waiting for the trainer to start\. Read the content note below first\.$/);
      const note = phone.locator('#content-note');
      expect(await note.getByRole('heading', { level: 2 }).innerText()).toBe(scenario.title);
      expect(await note.locator('#note-text').innerText()).toBe(scenario.contentNote);
      expect(await note.locator('#note-minutes').innerText()).toBe(`About ${scenario.estimatedMinutes} minutes.`);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
      expect(await axe(phone)).toEqual([]);
      if (SCREENSHOTS) await fullPageScreenshot(phone, 'voter-content-note-390');
      // The laptop offers the step that shows the decision, not its vote.
      expect(await trainer.getByRole('button', { name: 'Open the vote' }).count()).toBe(0);
      await trainer.getByRole('button', { name: 'Show the decision' }).click();
      // The decision's words to discuss from (voter protocol 10): for a person who cannot read the projector.
      await status(phone, DISCUSSING);
      expect(await note.isHidden()).toBe(true);
      const shownNode = scenario.nodes.find((n) => n.id === 'phone');
      if (shownNode?.kind !== 'decision') throw new Error('the scenario opens on a decision');
      const discussion = phone.locator('#discussion');
      expect(await discussion.getByRole('heading', { level: 2 }).innerText()).toBe(shownNode.title);
      expect(await discussion.locator('#discussion-words p').allInnerTexts()).toEqual([shownNode.narration, `Jade (youth): ${shownNode.lines?.[0]?.text}`]);
      expect(await discussion.locator('#discussion-prompt').innerText()).toBe(`Discuss: ${shownNode.discussionPrompt}`);
      expect(await phone.locator('#replies button').count()).toBe(0);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
      expect(await axe(phone)).toEqual([]);
      if (SCREENSHOTS) await fullPageScreenshot(phone, 'voter-discussion-390');
      expect(server.state()).toMatchObject({ phase: 'idle', round: 0 });
      // The projector: the decision, no vote open, and the whole join block still (nobody may have joined yet).
      const phoneNode = scenario.nodes.find((n) => n.id === 'phone');
      await projector.getByRole('heading', { level: 1, name: phoneNode?.kind === 'decision' ? phoneNode.title : '' }).waitFor();
      expect(await projector.locator('.status-line').innerText()).not.toMatch(/Voting/);
      expect(await projector.locator('.room-join img').count()).toBe(1);
      expect(await projector.evaluate(() => ({ overflow: document.documentElement.scrollHeight - innerHeight, wide: document.documentElement.scrollWidth - innerWidth }))).toEqual({ overflow: expect.toSatisfy((x: number) => x <= 0), wide: expect.toSatisfy((x: number) => x <= 0) });
      expect(await axe(projector)).toEqual([]);
      expect(await axe(trainer)).toEqual([]);
      await trainer.getByRole('button', { name: 'Open the vote' }).click();
      await status(phone, /Vote now/);
      expect(await discussion.isHidden()).toBe(true);
      // The decision's words stay in reach during the vote (voter protocol 11): closed under "What
      // was said", the replies near the top; opened, as text, axe clean.
      const said = phone.locator('#said');
      expect(await said.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      if (SCREENSHOTS) await fullPageScreenshot(phone, 'voter-vote-390');
      await said.getByText('What was said').click();
      expect(await said.locator('p').allInnerTexts()).toEqual([shownNode.narration, `Jade (youth): ${shownNode.lines?.[0]?.text}`]);
      expect(await axe(phone)).toEqual([]);
      if (SCREENSHOTS) await fullPageScreenshot(phone, 'voter-vote-said-390');
    } finally {
      await close();
    }
  });

  it.skipIf(!available)('the trainer\'s break reaches the phones: a phone shows the break with the scenario\'s title and no replies, and back from it the open vote with its vote marked', async () => {
    const scenario = hostile();
    const { server, phones, trainer, close } = await trainerInRoom(scenario, startedRoom(roomContext(scenario), ROOM, 0, new Date()), { width: 360, height: 740 });
    try {
      const phone = await phones.newPage();
      await phone.goto(`http://127.0.0.1:${server.port}/join?room=${ROOM}`);
      await status(phone, WAITING);
      await trainer.getByRole('button', { name: 'Open the vote' }).click();
      await status(phone, /Vote now/);
      await phone.locator('#replies button[data-reply="2"]').click();
      await status(phone, /Vote received/);
      await trainer.getByRole('button', { name: 'Take a break' }).click();
      await status(phone, new RegExp(`^“${scenario.title}” is paused for a break\\. .*Any vote you have cast is kept\\.$`));
      expect(await phone.locator('#decision').isHidden()).toBe(true);
      expect(await phone.locator('#people').isHidden()).toBe(true);
      // The guide's Self-Care passage, as the trainer's break shows it, on a 360-wide phone without sideways scrolling.
      expect(await phone.locator('#self-care blockquote').innerText()).toBe(SELF_CARE.text);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
      expect(server.state()).toMatchObject({ onBreak: true, phase: 'open' });
      expect(Object.keys(server.state().votes)).toHaveLength(1);
      await trainer.getByRole('button', { name: 'Back to where I was' }).click();
      await status(phone, /Vote received/);
      expect(await phone.locator('#self-care').isHidden()).toBe(true);
      expect(await phone.locator('#replies button[data-reply="2"]').getAttribute('aria-pressed')).toBe('true');
      expect(await phone.locator('#replies button[data-reply="1"]').isEnabled()).toBe(true);
    } finally {
      await close();
    }
  });

  it.skipIf(!available)('the room button a keyboard user pressed keeps the focus while the room answers and while the connection is down (a disabled button had dropped it to the page, for good when the connection came back); with forced colours it looks unavailable meanwhile', async () => {
    const scenario = hostile();
    const start = (state: RoomState, port = 0) => startRoomServer({ ctx: roomContext(scenario), state, token: TOKEN, host: '127.0.0.1', port, persist: () => undefined, log: () => undefined, voterFiles: readVoterFiles(packageRoot()), webDir: WEB_BUILD_DIR });
    let server = await start(startedRoom(roomContext(scenario), ROOM, 0, new Date()));
    const port = server.port;
    // With forced colours (Windows high contrast), where a waiting button must still look unlike one that works.
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 }, forcedColors: 'active' });
    const page = await context.newPage();
    const focused = () => page.evaluate(() => (document.activeElement === document.body || !document.activeElement ? 'the page' : document.activeElement.textContent));
    const status = page.locator('.room-status');
    try {
      await page.goto(`http://127.0.0.1:${port}/?room=${ROOM}&token=${TOKEN}#/presenter/${encodeURIComponent(scenario.id)}`);
      await status.filter({ hasText: 'Connected to the room.' }).waitFor();
      const open = page.getByRole('button', { name: 'Open the vote' });
      await open.focus();
      // Pressed, it waits for the room's answer; the next step's button then takes the focus.
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Lock the vote' }).waitFor();
      await expect.poll(focused).toBe('Lock the vote');
      // The room goes away (the laptop's server restarted): the buttons wait, and the focus stays where it was.
      const state = server.state();
      await server.close();
      await status.filter({ hasText: 'Connection to the room lost: reconnecting…' }).waitFor();
      expect(await focused()).toBe('Lock the vote');
      expect(await page.getByRole('button', { name: 'Lock the vote' }).getAttribute('aria-disabled')).toBe('true');
      const ink = (name: string) => page.getByRole('button', { name }).evaluate((b) => getComputedStyle(b).color);
      expect(await ink('Lock the vote')).not.toBe(await ink('Open a projector window'));
      // Back: the same button, with the focus, works again from the keyboard.
      server = await start(state, port);
      await status.filter({ hasText: 'Connected to the room.' }).waitFor({ timeout: 20_000 });
      expect(await focused()).toBe('Lock the vote');
      expect(await page.getByRole('button', { name: 'Lock the vote' }).getAttribute('aria-disabled')).toBeNull();
      expect(await ink('Lock the vote')).toBe(await ink('Open a projector window'));
      await page.keyboard.press('Enter');
      await expect.poll(() => server.state().phase).toBe('locked');
    } finally {
      await context.close();
      await server.close();
    }
  });
});
