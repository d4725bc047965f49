import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { presenterSocketPath, revealData, sceneWords, selectView, startSession, type PresenterView, type Votes } from '../../../src/machines/index.js';
import { PROJECTOR_CHANNEL, PROJECTOR_PROTOCOL, PROJECTOR_READABLE_SCALE, projectedReplies, projectedReveal, stepWords, type ProjectorState } from '../../../src/web/projector.js';
import buildCli from '../../global-setup.js';
import { BUNDLED_IDS, bundledScenario } from '../../helpers/bundled.js';
import { firstPathSaves } from '../../helpers/setup-saves.js';
import { BIN, ROOT } from '../../terminal/helpers/cli.js';
import { deviceId, lcg, Phone, Presenter } from '../../terminal/helpers/room.js';
import { axeCleanInDark, CHROMIUM, connectChromium, openPage, runAxe, SCREENSHOTS, violationsText, type PageSession } from '../helpers/browser.js';

/**
 * The whole live room on loopback: `casa-practice room` as a child process on 127.0.0.1 (port 0),
 * the presenter page it prints opened in headless Chromium (served by the room server itself), and
 * 40 simulated phones (WebSocket clients) that join, vote, change votes, drop and come back. The
 * trainer's side is driven only by clicking the page's buttons; a second, read-only presenter
 * connection (hello only, no commands) tells the test when the room has moved, so it waits for
 * events, never for time. At every reveal the page's tally must equal the votes the phones cast;
 * at the end the summary the room wrote must say the same.
 */

const PHONES = 40;
// A real scenario whose path here (the room follows its most-voted replies, seeded) has 6 decisions:
// every step below runs at each of them, rounds 2, 4 and 6 are locked first, and the room is killed
// at round 2. (red-flags took 11 decisions to repeat the same checks, at about 1 s of CPU each.)
const SCENARIO = 'boy-red-flags';
const GUARD_MS = 20_000;

function spawnRoom(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(BIN[0], [BIN[1], 'room', ...args], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: env.XDG_STATE_HOME, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const l of listeners) l();
  };
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    notify();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    notify();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    notify();
    resolve(code);
  }));
  return {
    child,
    exited,
    output: () => out,
    errors: () => err,
    waitFor(pattern: RegExp): Promise<RegExpExecArray> {
      return new Promise((resolve, reject) => {
        const guard = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output:\n${out}\n${err}`)), GUARD_MS);
        const check = () => {
          const m = pattern.exec(out);
          if (m || child.exitCode !== null) {
            listeners.delete(check);
            clearTimeout(guard);
            if (m) resolve(m);
            else reject(new Error(`the room exited (${child.exitCode}) before ${pattern}:\n${out}\n${err}`));
          }
        };
        listeners.add(check);
        check();
      });
    },
  };
}

let browser: Browser | undefined;
const available = existsSync(CHROMIUM);
const rooms: ReturnType<typeof spawnRoom>[] = [];

/**
 * A room started on `scenario` with its state in a new folder (`folder`: the folder's prefix), once
 * it listens: its port, room code, presenter address and token, as the command printed them.
 */
async function startRoom(scenario: string, seed: string, folder: string) {
  const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), folder)), CASA_PRACTICE_SEED: seed };
  const room = spawnRoom([scenario, '--host', '127.0.0.1', '--port', '0'], env);
  rooms.push(room);
  const joinMatch = await room.waitFor(/http:\/\/127\.0\.0\.1:(\d+)\/join\?room=([A-Z0-9]{6})/);
  const presenterMatch = await room.waitFor(new RegExp(`(http://127\\.0\\.0\\.1:\\d+/\\?room=([A-Z0-9]{6})&token=([A-Za-z0-9_-]+)#/presenter/${scenario})`));
  await room.waitFor(/Listening on 127\.0\.0\.1/);
  const port = joinMatch[1] as string;
  return { env, room, port, code: joinMatch[2] as string, origin: `http://127.0.0.1:${port}`, base: `ws://127.0.0.1:${port}`, presenterUrl: presenterMatch[1] as string, token: presenterMatch[3] as string };
}
const phones: Phone[] = [];

/**
 * boy-red-flags' room (seed 7) with its presenter page open at 1280×720 and connected, and a
 * presenter's connection to drive it (`folder`: the state folder's prefix). Closed again if the page
 * never says it is connected.
 */
async function connectedAt1280(folder: string) {
  const started = await startRoom('boy-red-flags', '7', folder);
  const s = await openPage(browser!, started.presenterUrl, started.presenterUrl, { viewport: { width: 1280, height: 720 } });
  const control = await Presenter.connect(started.base, started.code, started.token);
  try {
    await s.page.getByRole('status').filter({ hasText: 'Connected to the room.' }).waitFor({ timeout: GUARD_MS });
  } catch (error) {
    control.close();
    await s.close();
    throw error;
  }
  return { ...started, s, control };
}

/** The vote opened at the room's decision, the phone's vote for reply 1 cast, and the votes revealed on the page. */
async function oneVoteRevealed(control: Presenter, phone: Phone, page: Page) {
  const opened = await control.act({ type: 'open', node: control.view.session.nodeId });
  if ('code' in opened) throw new Error(`open refused: ${opened.message}`);
  await phone.until((v) => v.phase === 'open', 'the vote to open');
  await phone.vote(1);
  await control.act({ type: 'reveal', round: opened.round });
  await page.locator('#reveal-heading').waitFor();
}

/** The room moved on to its first decision (past any scene and content note), its vote not yet open. */
async function toFirstDecision(control: Presenter) {
  for (let guard = 0; guard < 10; guard++) {
    const v = control.view;
    if (v.session.kind === 'decision' && !v.contentNote) return;
    const next = await control.act({ type: 'advance', node: v.session.nodeId });
    if ('code' in next) throw new Error(`advance refused: ${next.message}`);
  }
  throw new Error('no decision within 10 steps');
}

beforeAll(async () => {
  if (!available) return;
  // The room runs the built CLI (dist/), the voter page's script included; the e2e setup built dist-web/.
  buildCli();
  browser = await connectChromium();
});
afterEach(() => {
  for (const p of phones.splice(0)) p.ws.terminate();
  for (const r of rooms.splice(0)) if (r.child.exitCode === null) r.child.kill('SIGKILL');
});
afterAll(async () => {
  await browser?.close();
});

/** "Votes: 3 (7%)" → 3 and 7. */
function parseVotes(text: string): { votes: number; percent?: number } {
  const m = /Votes: (\d+)(?: \((\d+)%\))?/.exec(text);
  if (!m) throw new Error(`no votes in "${text}"`);
  return { votes: Number(m[1]), ...(m[2] !== undefined ? { percent: Number(m[2]) } : {}) };
}

describe('presenter page with a live room', () => {
  it.skipIf(!available)(`runs a whole scenario from the page's buttons with ${PHONES} phones voting; the tally is exact at every reveal and the summary matches`, async () => {
    const started = await startRoom(SCENARIO, '7', 'casa-room-e2e-');
    let room = started.room;
    const { env, port, code, base, presenterUrl, token } = started;

    // The room's own view, read-only, to know when a click has taken effect.
    let watch = await Presenter.connect(base, code, token);
    const changed = async (from: number, pred: (v: PresenterView) => boolean, what: string): Promise<PresenterView> => {
      const m = await watch.inbox.next((x) => x.type === 'view' && pred(x.view as PresenterView), from, what);
      return (m as { view: PresenterView }).view;
    };
    const clickThen = async (button: Locator, pred: (v: PresenterView) => boolean, what: string): Promise<PresenterView> => {
      const from = watch.inbox.all.length;
      await button.click();
      return changed(from, pred, what);
    };

    // The full address as the path too: new URL('', base) would drop its #/presenter/… fragment.
    // While the test sets 'e2e-old-page' in the tab's sessionStorage, the page plays one from before
    // protocol versions: the WebSocket it opens has the version taken off its address.
    const s: PageSession = await openPage(browser!, presenterUrl, presenterUrl, {
      initScript: () => {
        const Current = window.WebSocket;
        window.WebSocket = class extends Current {
          constructor(url: string | URL, protocols?: string | string[]) {
            super(sessionStorage.getItem('e2e-old-page') ? String(url).replace(/\?v=\d+$/, '') : url, protocols);
          }
        };
      },
    });
    try {
      const { page } = s;
      const status = page.getByRole('status').filter({ hasText: /room/ });
      await status.filter({ hasText: 'Connected to the room.' }).waitFor({ timeout: GUARD_MS });
      // The room's secret is out of the address bar (kept in the tab), the room code and route kept.
      expect(page.url()).toBe(presenterUrl.replace(`&token=${token}`, ''));
      // The footer says where the page's commands go: to the room on this laptop, not "nowhere".
      const footer = await page.locator('footer').innerText();
      expect(footer).toContain('goes only to the room running on the trainer\'s laptop');
      expect(footer).not.toContain('nothing you do here is sent anywhere');
      await page.locator('.room-code strong').filter({ hasText: code }).waitFor();
      const join = `http://127.0.0.1:${port}/join?room=${code}`;
      await page.locator('.join-url').filter({ hasText: join }).waitFor();
      const qr = page.getByRole('img', { name: `QR code for the join address ${join}` });
      await qr.waitFor();
      // The QR code is drawn by the room server on the same origin, and it loaded.
      expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      // Text at 200% in a 640 px window (WCAG 1.4.4): the join address wraps instead of pushing the
      // page sideways (it was 1,012 px wide), and the room code stays on one line, whole.
      const size = page.viewportSize();
      await page.setViewportSize({ width: 640, height: 800 });
      await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
      const fit = await page.evaluate(() => {
        const code = document.querySelector('.room-code strong')!;
        return { page: document.documentElement.scrollWidth, window: innerWidth, codeLines: Math.round(code.getBoundingClientRect().height / parseFloat(getComputedStyle(code).lineHeight)), codeRight: code.getBoundingClientRect().right };
      });
      expect(fit.page).toBeLessThanOrEqual(fit.window);
      expect(fit.codeLines).toBe(1);
      expect(fit.codeRight).toBeLessThanOrEqual(fit.window);
      await page.evaluate(() => document.documentElement.style.removeProperty('font-size'));
      if (size) await page.setViewportSize(size);

      const count = page.locator('.room-count');
      const phonesJoined = await Promise.all(Array.from({ length: PHONES }, (_, i) => Phone.join(base, code, deviceId(i))));
      phones.push(...phonesJoined);
      await count.filter({ hasText: `${PHONES} phones joined (${PHONES} connected)` }).waitFor({ timeout: GUARD_MS });

      const rand = lcg(12345);
      const pick = <T>(list: readonly T[]): T => list[rand() % list.length] as T;
      const button = (name: string) => page.getByRole('button', { name, exact: true });
      /** Per decision: the phones' last votes (device → reply), the best replies, the branch taken. */
      const decisions: { title: string; numbers: Map<string, number>; votes: Map<string, string>; best: string[]; chosen: string }[] = [];
      let screenshotTaken = false;

      for (let guard = 0; guard < 60; guard++) {
        const view = watch.view;
        if (view.phase === 'ended') break;
        const session = view.session;
        if (session.kind === 'scene') {
          await clickThen(button('Continue'), (v) => v.session.nodeId !== session.nodeId || v.phase === 'ended', 'the next moment');
          continue;
        }
        expect(session.kind).toBe('decision');
        await page.getByRole('heading', { level: 1, name: session.title ?? 'Decision' }).waitFor();
        const opened = await clickThen(button('Open the vote'), (v) => v.phase === 'open', 'the vote to open');
        const round = opened.round;
        await Promise.all(phones.map((p) => p.until((v) => v.phase === 'open' && v.round === round, `round ${round} open`)));
        const enabled = session.replies.filter((r) => r.enabled).map((r) => r.id);
        // A phone names a reply by its shown number (no reply ids on phones); the room counts the reply behind it.
        const num = (id: string | undefined) => session.replies.find((r) => r.id === id)!.number;
        const votes = new Map<string, string>();
        // Everyone votes.
        await Promise.all(phones.map(async (p) => {
          const reply = pick(enabled);
          expect(await p.vote(num(reply))).toMatchObject({ vote: num(reply) });
          votes.set(p.device, reply);
        }));
        await count.filter({ hasText: `${PHONES} votes in this round` }).waitFor({ timeout: GUARD_MS });
        // A quarter change their minds.
        await Promise.all(phones.slice(0, PHONES / 4).map(async (p) => {
          const reply = pick(enabled.filter((id) => id !== votes.get(p.device)));
          if (!reply) return;
          expect(await p.vote(num(reply))).toMatchObject({ vote: num(reply) });
          votes.set(p.device, reply);
        }));
        // Some phones lose Wi-Fi: the room still counts their votes; the page counts who is connected.
        const dropped = phones.slice(PHONES - 5);
        await Promise.all(dropped.map((p) => p.drop()));
        await count.filter({ hasText: `${PHONES} phones joined (${PHONES - 5} connected); ${PHONES} votes in this round` }).waitFor({ timeout: GUARD_MS });
        // They come back with their device ids, find their votes, and two change them again.
        for (const p of dropped) expect((await p.connect()).view).toMatchObject({ phase: 'open', round, vote: num(votes.get(p.device)) });
        for (const p of dropped.slice(0, 2)) {
          const reply = pick(enabled.filter((id) => id !== votes.get(p.device))) ?? (votes.get(p.device) as string);
          expect(await p.vote(num(reply))).toMatchObject({ vote: num(reply) });
          votes.set(p.device, reply);
        }
        await count.filter({ hasText: `${PHONES} phones joined (${PHONES} connected); ${PHONES} votes in this round` }).waitFor({ timeout: GUARD_MS });

        // At the second decision the server is killed mid-vote and resumed: the page says it is
        // reconnecting, then carries on by itself; the phones come back and find their votes.
        if (round === 2) {
          // The page comes back as one left open from an older casa-practice (see the init script above).
          await page.evaluate(() => sessionStorage.setItem('e2e-old-page', '1'));
          room.child.kill('SIGKILL');
          expect(await room.exited).toBe(null);
          await status.filter({ hasText: 'Connection to the room lost: reconnecting…' }).waitFor({ timeout: GUARD_MS });
          await Promise.all(phones.map((p) => p.closed));
          room = spawnRoom(['--resume', '--host', '127.0.0.1'], env);
          rooms.push(room);
          await room.waitFor(new RegExp(`Listening on 127\\.0\\.0\\.1, port ${port}\\b`));
          watch.close();
          watch = await Presenter.connect(base, code, token);
          expect(watch.view).toMatchObject({ phase: 'open', round });
          for (const p of phones) expect((await p.connect()).view).toMatchObject({ phase: 'open', round, vote: num(votes.get(p.device)) });
          // The room refuses the old page in words, and the page offers the reload (focused: the
          // buttons it had focus on are gone with the moment); the room is as it was.
          await status.filter({ hasText: /^This page is out of date: casa-practice was updated\. Reload the page/ }).waitFor({ timeout: GUARD_MS });
          const reload = button('Reload the page');
          expect(await reload.evaluate((b) => b === document.activeElement)).toBe(true);
          expect(await page.getByRole('button').filter({ hasText: /vote|Continue|End the session/ }).count()).toBe(0);
          expect(violationsText(await runAxe(page))).toBe('');
          expect(watch.inbox.all.filter((m) => m.type !== 'count')).toHaveLength(1);
          expect(watch.view).toMatchObject({ phase: 'open', round });
          // Reloaded from the keyboard (the address without the secret, which the tab keeps), it is this version's page, and carries on presenting.
          await page.evaluate(() => sessionStorage.removeItem('e2e-old-page'));
          await page.keyboard.press('Enter');
          await status.filter({ hasText: 'Connected to the room.' }).waitFor({ timeout: GUARD_MS });
          expect(page.url()).not.toContain(token);
          await count.filter({ hasText: `${PHONES} phones joined (${PHONES} connected); ${PHONES} votes in this round` }).waitFor({ timeout: GUARD_MS });
        }

        // Every other decision the trainer locks first; a vote after the lock is refused and changes nothing.
        if (round % 2 === 0) {
          await clickThen(button('Lock the vote'), (v) => v.phase === 'locked', 'the lock');
          await phones[0]!.until((v) => v.phase === 'locked', 'the lock on a phone');
          const late = await phones[0]!.vote(num(enabled.find((id) => id !== votes.get(phones[0]!.device)) ?? enabled[0]!));
          expect(late).toMatchObject({ type: 'error', code: 'not-open' });
        }
        const revealed = await clickThen(button('Reveal the votes'), (v) => v.phase === 'revealed', 'the reveal');

        // The page's tally, read from the DOM, equals the phones' votes exactly.
        const list = page.locator('ol.reveal');
        await list.waitFor();
        await page.getByText(`${PHONES} votes in all.`).waitFor();
        const expected: Record<string, number> = Object.fromEntries(session.replies.map((r) => [r.id, 0]));
        for (const reply of votes.values()) expected[reply] = (expected[reply] ?? 0) + 1;
        const shown: Record<string, number> = {};
        const best: string[] = [];
        // Every row read in one round trip (a locator call per row and field was a second of the
        // run); each row must hold exactly one .votes and one .vote-bar, as a strict locator would.
        const rows = await list.locator(':scope > li').evaluateAll((items) => items.map((li) => {
          const one = (selector: string): HTMLElement => {
            const found = li.querySelectorAll<HTMLElement>(selector);
            if (found.length !== 1) throw new Error(`${found.length} elements match ${selector} in a row of the tally`);
            return found[0]!;
          };
          return { id: li.getAttribute('data-reply'), votes: one('.votes').innerText, width: one('.vote-bar').style.width, marked: li.querySelectorAll('.best-mark').length > 0 };
        }));
        expect(rows).toHaveLength(revealed.reveal!.entries.length);
        for (const row of rows) {
          const id = row.id as string;
          const { votes: n, percent } = parseVotes(row.votes);
          shown[id] = n;
          const entry = revealed.reveal!.entries.find((e) => e.replyId === id)!;
          expect(percent).toBe(entry.percent);
          expect(row.width).toBe(`${entry.percent}%`);
          expect(row.marked).toBe(entry.best);
          if (row.marked) best.push(id);
        }
        expect(shown).toEqual(expected);
        expect(best.length).toBeGreaterThan(0);
        // Each phone sees the feedback for the reply it voted for.
        await Promise.all(phones.map((p) => p.until((v) => v.phase === 'revealed' && v.feedback !== undefined, 'feedback')));
        if (!screenshotTaken) {
          await page.evaluate(() => window.scrollTo(0, 0));
          await s.screenshot('room-presenter-reveal');
          expect(violationsText(await runAxe(page))).toBe('');
          // The live-room panel (room code, QR code, counts, the tally) in the system's dark scheme too.
          await axeCleanInDark(page, 'room-presenter-reveal');
          screenshotTaken = true;
        }

        // The room follows its most-voted reply.
        const top = enabled.reduce((a, b) => ((expected[b] ?? 0) > (expected[a] ?? 0) ? b : a));
        const number = session.replies.find((r) => r.id === top)!.number;
        decisions.push({ title: session.title ?? '', numbers: new Map(session.replies.map((r) => [r.id, r.number])), votes, best, chosen: top });
        const row = list.locator(`:scope > li[data-reply="${top}"]`);
        await clickThen(row.getByRole('button', { name: `Follow reply ${number}` }), (v) => v.round === round && v.phase !== 'revealed', 'the branch');
      }

      // The scenario reached an ending: the page says how the room did, and the room wrote the summary.
      expect(watch.view.phase).toBe('ended');
      expect(watch.view.session.kind).toBe('ending');
      expect(decisions.length).toBeGreaterThanOrEqual(5);
      const totalVotes = decisions.reduce((n, d) => n + d.votes.size, 0);
      const bestVotes = decisions.reduce((n, d) => n + [...d.votes.values()].filter((r) => d.best.includes(r)).length, 0);
      const followed = decisions.filter((d) => d.best.includes(d.chosen)).length;
      await page.getByRole('heading', { name: 'How often the room matched best practice' }).waitFor();
      const agreement = await page.locator('.room-agreement').innerText();
      expect(agreement).toContain(`The branch the room took was best practice at ${followed} of ${decisions.length} decisions`);
      expect(agreement).toContain(`; ${bestVotes} of ${totalVotes} votes (`);
      await Promise.all(phones.map((p) => p.until((v) => v.phase === 'ended', 'the end')));
      await page.evaluate(() => window.scrollTo(0, 0));
      await s.screenshot('room-presenter-ended');

      const written = await room.waitFor(/Summary written to (\S+\.md)/);
      const summary = readFileSync(written[1] as string, 'utf8');
      const sections = summary.split(/\n## Decision \d+: /).slice(1);
      expect(sections).toHaveLength(decisions.length);
      decisions.forEach((d, i) => {
        const section = sections[i] as string;
        expect(section.startsWith(d.title)).toBe(true);
        const counts: Record<number, number> = {};
        for (const r of d.votes.values()) counts[d.numbers.get(r)!] = (counts[d.numbers.get(r)!] ?? 0) + 1;
        for (const [, n] of d.numbers) {
          const line = new RegExp(`^\\| ${n} \\|.*\\| (\\d+)(?: \\(\\d+%\\))? \\|$`, 'm').exec(section);
          expect(line, `decision ${i + 1} reply ${n}`).not.toBeNull();
          expect(Number(line![1])).toBe(counts[n] ?? 0);
        }
        expect(section).toContain(`Votes: ${PHONES} in all.`);
        expect(section).toContain(`Branch taken: ${d.numbers.get(d.chosen)}. `);
        const dBest = [...d.votes.values()].filter((r) => d.best.includes(r)).length;
        expect(summary).toContain(`| ${i + 1}. `);
        expect(summary).toMatch(new RegExp(`\\| ${i + 1}\\. [^\\n]*\\| ${PHONES} \\| ${dBest} \\(\\d+%\\) \\| ${d.best.includes(d.chosen) ? 'yes' : 'no'} \\|`));
      });
      // The page said what the summary says under "How the room did".
      expect(summary).toContain(`## How the room did\n\n${agreement.replace(/\)\. The room's/, ").\nThe room's")}\n`);
      expect(summary).toContain(`${PHONES} phones joined`);
      expect(summary).not.toContain(token);

      expect(s.outbound).toEqual([]);
      // Chromium itself logs each reconnect attempt made while the room was down; nothing else.
      // (Addressed as the old page's, without the version, while it played one.)
      const refused = [presenterSocketPath(), '/ws/presenter'].map((path) => `WebSocket connection to '${base}${path}' failed: Error in connection establishment: net::ERR_CONNECTION_REFUSED`);
      expect(s.errors().filter((e) => !refused.includes(e))).toEqual([]);
      watch.close();
      room.child.kill('SIGTERM');
      expect(await room.exited).toBe(0);
    } finally {
      await s.close();
    }
  });
});

/**
 * The projector window in a live room, as a trainer runs it in a room with a projector: the room's
 * presenter page (served by the room) with projector windows at 1280×720 and 1024×768 beside it, a
 * few phones voting, the room driven through a second presenter connection (its answers say when the
 * room has moved; the projector windows are then waited for by what they show). At every decision the
 * open vote and the reveal must fit each window whole: no "More below", nothing past the bottom or
 * the right edge. The join block (QR code, room code, address) took a third of the 720 px and pushed
 * 5 of court-report's 11 reveals, and harm-reduction's first, past the bottom even in the smallest type.
 */
describe('the presenter page at 1280×720 with a live room', () => {
  // Walked by projector-50: the join block (QR code, room code, address) took about 600 px of a
  // 1280×720 laptop above the moment, so every decision's replies and the trainer's next step were
  // below the fold, and a keyboard-only trainer scrolled at every decision.
  it.skipIf(!available)('once a phone has joined, the join block folds to a line (room code and address; the QR code a button away, the focus kept on that button), and the moment\'s heading, its discussion prompt, the replies\' heading, the first reply and the next step are in view, the steps never hiding what has the focus', async () => {
    const { code, port, base, s, control } = await connectedAt1280('casa-room-fold-');
    try {
      const { page } = s;
      const join = `http://127.0.0.1:${port}/join?room=${code}`;
      const qr = page.getByRole('img', { name: `QR code for the join address ${join}` });
      const toggle = page.locator('.room-join').getByRole('button', { name: /the QR code$/ });
      // No phone yet: the whole block, QR code and all.
      await qr.waitFor();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      phones.push(await Phone.join(base, code, deviceId(0)));
      await page.locator('.room-count').filter({ hasText: '1 phone joined' }).waitFor({ timeout: GUARD_MS });
      await qr.waitFor({ state: 'detached' });
      expect(await toggle.innerText()).toBe('Show the QR code');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      // Still on the page, in a line: the room code and the address to type.
      expect(await page.getByRole('region', { name: 'Vote from your phone' }).innerText()).toContain(code);
      await page.locator('.room-join .join-url').filter({ hasText: join }).waitFor();
      // To the first decision, its vote not yet open.
      await toFirstDecision(control);
      const open = page.getByRole('button', { name: 'Open the vote', exact: true });
      await open.waitFor();
      await page.evaluate(() => scrollTo(0, 0));
      const inView = () => page.evaluate(() => Object.fromEntries(['h1', '.discussion', '#options-heading', 'ol.options > li', '.controls .primary'].map((sel) => {
        const box = document.querySelector(sel)!.getBoundingClientRect();
        return [sel, box.top >= 0 && box.bottom <= innerHeight];
      })));
      // The next step too: the trainer's buttons stay at the window's bottom edge while the moment runs past it.
      expect(await inView()).toEqual({ 'h1': true, '.discussion': true, '#options-heading': true, 'ol.options > li': true, '.controls .primary': true });
      // …and never hide what has the focus (WCAG 2.4.11): each control above them, focused, is shown clear of them.
      const hidden = () => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('main button, main summary, main [tabindex="-1"]')].filter((el) => !el.closest('.controls')).flatMap((el) => {
        scrollTo(0, 0);
        el.focus();
        const box = el.getBoundingClientRect();
        const bar = document.querySelector('.live-room > .controls')!.getBoundingClientRect();
        return box.height > 0 && box.bottom > bar.top && box.top < bar.bottom ? [el.textContent] : [];
      }));
      expect(await hidden()).toEqual([]);
      expect(violationsText(await runAxe(page))).toBe('');
      if (SCREENSHOTS) await page.screenshot({ path: `${ROOT}/test-artifacts/screenshots/room-presenter-folded-1280.png` });
      // The trainer's choice, by keyboard: the QR code shown again, and folded again, the focus on the button throughout.
      await toggle.focus();
      await page.keyboard.press('Enter');
      await qr.waitFor();
      expect(await page.evaluate(() => [document.activeElement?.textContent, document.activeElement?.getAttribute('aria-expanded')])).toEqual(['Hide the QR code', 'true']);
      await page.keyboard.press('Enter');
      await qr.waitFor({ state: 'detached' });
      expect(await page.evaluate(() => [document.activeElement?.textContent, document.activeElement?.getAttribute('aria-expanded')])).toEqual(['Show the QR code', 'false']);
      // At the reveal, each reply's "Follow" button, focused from the top of the page, is scrolled clear of the steps.
      await oneVoteRevealed(control, phones[0]!, page);
      expect(await page.locator('.reveal button').count()).toBeGreaterThan(1);
      expect(await hidden()).toEqual([]);
      expect(s.errors()).toEqual([]);
    } finally {
      control.close();
      await s.close();
    }
  });

  // Walked by web-55: the live room's page shares the row of the trainer's steps (useStepsHeight),
  // and with it clearOfSteps, but nothing showed that it ran there: the focus put on reply 1's
  // Follow button (in view, so the browser does not scroll) left reply 2's half under the row, its
  // words hidden and under 24 px of it to press (axe's target-size).
  it.skipIf(!available)('at the reveal at 1280×720, a reply\'s Follow button left half under the row of the trainer\'s steps is moved clear of it when the focus moves to another reply\'s, the focus kept in view; axe clean', async () => {
    const { code, base, s, control } = await connectedAt1280('casa-room-clear-');
    try {
      const { page } = s;
      phones.push(await Phone.join(base, code, deviceId(0)));
      await page.locator('.room-count').filter({ hasText: '1 phone joined' }).waitFor({ timeout: GUARD_MS });
      await toFirstDecision(control);
      await oneVoteRevealed(control, phones[0]!, page);
      const follows = page.locator('ol.reveal > li button');
      expect(await follows.count()).toBeGreaterThan(1);
      /** The page's controls across the row's top edge (part above it, part under it), and the focus: in view between the sticky bar and the row. */
      const state = () => page.evaluate(() => {
        const row = document.querySelector('main .trainer-steps')!;
        const edge = row.getBoundingClientRect().top;
        const across = [...document.querySelectorAll<HTMLElement>('main :is(button, input, summary, a[href])')].filter((el) => {
          const box = el.getBoundingClientRect();
          return !row.contains(el) && box.height > 0 && box.top < edge && box.bottom > edge;
        }).map((el) => el.textContent);
        const focus = document.activeElement!.getBoundingClientRect();
        const bar = document.querySelector('.bar')!.getBoundingClientRect();
        return { across, focus: document.activeElement!.textContent, focusInView: focus.top >= bar.bottom && focus.bottom <= edge };
      });
      // Reply 2's Follow button half under the row, reply 1's in view above it (the page scrolled as
      // a trainer's wheel would leave it); then the focus on reply 1's.
      const placed = await page.evaluate(() => {
        const [one, two] = [...document.querySelectorAll('ol.reveal > li button')] as [HTMLElement, HTMLElement];
        const edge = document.querySelector('main .trainer-steps')!.getBoundingClientRect().top;
        const box = two.getBoundingClientRect();
        scrollBy({ top: box.top - (edge - box.height / 2), behavior: 'instant' });
        const now = two.getBoundingClientRect();
        const first = one.getBoundingClientRect();
        return { twoAcross: now.top < edge && now.bottom > edge, oneInView: first.top >= document.querySelector('.bar')!.getBoundingClientRect().bottom && first.bottom <= edge };
      });
      expect(placed).toEqual({ twoAcross: true, oneInView: true });
      const [first] = await follows.allTextContents();
      await follows.first().focus();
      await expect.poll(state).toEqual({ across: [], focus: first, focusInView: true });
      expect(violationsText(await runAxe(page))).toBe('');
      if (SCREENSHOTS) await page.screenshot({ path: `${ROOT}/test-artifacts/screenshots/room-presenter-follow-clear-1280.png` });
      expect(s.errors()).toEqual([]);
    } finally {
      control.close();
      await s.close();
    }
  });

  // Walked by trainer-51: with End the session and Open a projector window in it, the row of the
  // trainer's steps took two lines at 1280×720 while a vote was open (Lock the vote, Reveal the
  // votes, End the session, Open a projector window, Blank the projector: 1,177 px in 1,168), and
  // at the reveal it had no next step (the Follow buttons were only inside each reply).
  it.skipIf(!available)('the row of the trainer\'s steps is one line at 1280×720 before, during and after the vote, the room\'s other buttons in the row after it; at the reveal its first step, reached by keyboard, follows the room\'s choice (the reply with the most votes)', async () => {
    const { code, base, s, control } = await connectedAt1280('casa-room-row-');
    try {
      const { page } = s;
      for (let i = 0; i < 3; i++) phones.push(await Phone.join(base, code, deviceId(i)));
      await page.locator('.room-count').filter({ hasText: '3 phones joined' }).waitFor({ timeout: GUARD_MS });
      await toFirstDecision(control);
      /** The row's buttons, its lines (by their tops), whether its height is one line's, in presenter mode's type. */
      const row = () => page.evaluate(() => {
        const steps = document.querySelector('main .trainer-steps')!;
        const buttons = [...steps.querySelectorAll('button')];
        const tall = Math.max(...buttons.map((b) => b.getBoundingClientRect().height));
        return {
          buttons: buttons.map((b) => b.textContent),
          lines: new Set(buttons.map((b) => Math.round(b.getBoundingClientRect().top))).size,
          oneLine: steps.getBoundingClientRect().height < 1.5 * tall,
          type: buttons.every((b) => parseFloat(getComputedStyle(b).fontSize) >= 21),
        };
      });
      const oneLine = (buttons: string[]) => ({ buttons, lines: 1, oneLine: true, type: true });
      await page.getByRole('button', { name: 'Open the vote', exact: true }).waitFor();
      expect(await row()).toEqual(oneLine(['Open the vote', 'Blank the projector']));
      expect(await page.locator('main .session-tools button').allTextContents()).toEqual(['End the session', 'Open a projector window']);
      await page.getByRole('button', { name: 'Open the vote', exact: true }).click();
      await page.getByRole('button', { name: 'Lock the vote' }).waitFor();
      expect(await row()).toEqual(oneLine(['Lock the vote', 'Reveal the votes', 'Blank the projector']));
      // Reply 2 has the most votes.
      for (const [i, reply] of [1, 2, 2].entries()) {
        await phones[i]!.until((v) => v.phase === 'open', 'the vote to open');
        expect(await phones[i]!.vote(reply)).toMatchObject({ vote: reply });
      }
      await page.locator('.room-count').filter({ hasText: '3 votes in this round' }).waitFor({ timeout: GUARD_MS });
      await page.getByRole('button', { name: 'Reveal the votes' }).click();
      await page.locator('#reveal-heading:focus').waitFor();
      expect(await row()).toEqual(oneLine(['Follow the room’s choice (reply 2)', 'Blank the projector']));
      expect(violationsText(await runAxe(page))).toBe('');
      if (SCREENSHOTS) await page.screenshot({ path: `${ROOT}/test-artifacts/screenshots/room-presenter-reveal-row-1280.png` });
      // By keyboard from the reveal's heading: past each reply's Follow button to the row's first step, in view.
      const focused = () => page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const box = el.getBoundingClientRect();
        return { text: el.textContent, inRow: el.closest('.trainer-steps') !== null, inView: box.top >= 0 && box.bottom <= innerHeight };
      });
      for (let i = 0; i < 8 && !(await focused()).inRow; i++) await page.keyboard.press('Tab');
      expect(await focused()).toEqual({ text: 'Follow the room’s choice (reply 2)', inRow: true, inView: true });
      await page.keyboard.press('Enter');
      await page.locator('h1:focus').waitFor();
      await expect.poll(() => control.view.decisions.map((d) => d.chosen)).toEqual([2]);
      expect(s.errors()).toEqual([]);
    } finally {
      control.close();
      await s.close();
    }
  });
});

describe('the projector window with a live room', () => {
  /** Projector windows of these sizes, the usual projectors. */
  const SIZES = [{ width: 1280, height: 720 }, { width: 1024, height: 768 }] as const;
  /** Where a screen does not fit, in words (empty: it fits). */
  type Misfit = { where: string; overflow: number; wide: number; scale: number; moreBelow: boolean };

  /**
   * Runs `scenario` to its end in a live room, choosing at each reveal with `choose`; returns the
   * decisions met and what did not fit. `axed`: the screens (scenario and moment) axe has checked in
   * the runs before, shared by a test's runs: two runs of one scenario show the same screens up to
   * the first choice (the same note, scenes and first decision, the phones' votes drawn from the
   * same seed), and a screen already checked is not checked again.
   */
  async function runRoom(scenario: string, label: string, choose: (entries: { replyId: string; best: boolean; value: number }[], enabled: string[]) => string, axed = new Set<string>()) {
    const { code, origin, base, presenterUrl, token } = await startRoom(scenario, '3', 'casa-room-projector-');
    const s = await openPage(browser!, presenterUrl, presenterUrl);
    const met: string[] = [];
    const misfits: Misfit[] = [];
    let control: Presenter | undefined;
    try {
      await s.page.getByRole('status').filter({ hasText: 'Connected to the room.' }).waitFor({ timeout: GUARD_MS });
      const windows = await Promise.all(SIZES.map(async (size) => {
        const w = await s.context.newPage();
        await w.setViewportSize(size);
        await w.goto(`${origin}/?projector#/projector`);
        return { size, page: w };
      }));
      // Before the first vote the room is still joining: the whole join block, QR code and all.
      for (const { page } of windows) await page.locator('.room-code strong').filter({ hasText: code }).waitFor();
      const joined = await Promise.all([0, 1, 2].map((i) => Phone.join(base, code, deviceId(i))));
      phones.push(...joined);
      control = await Presenter.connect(base, code, token);
      const rand = lcg(99);
      /** Waits until every window shows the screen (`shown` finds what only it shows), then measures each. */
      const checked = new Set<string>();
      // The reply followed last, as the projector says it at each moment after it (until the next reveal).
      let followed: string | undefined;
      const measure = async (shown: (page: Page) => Locator, where: string, kind: 'note' | 'scene' | 'first' | 'vote' | 'reveal' | 'end') => {
        for (const { size, page } of windows) {
          await shown(page).waitFor({ timeout: GUARD_MS });
          // What is measured is the screen with the line that says which reply the story follows (followed, at the end).
          if (followed && kind !== 'reveal') expect(await page.locator('.followed').innerText(), `${scenario} ${where}`).toBe(`The story ${kind === 'end' ? 'followed' : 'follows'}: ${followed}`);
          const m = await page.evaluate(() => ({
            overflow: document.documentElement.scrollHeight - innerHeight,
            wide: document.documentElement.scrollWidth - innerWidth,
            scale: Math.round((parseFloat(getComputedStyle(document.documentElement).fontSize) / 16) * 100) / 100,
            moreBelow: document.querySelector('.more-below') !== null,
          }));
          // Everything fits, at 1024×768 too: harm-reduction's d6-text (four replies, the longest
          // feedback and verdicts of the bundled scenarios) ran past the bottom there even in the
          // smallest type, side by side in four columns of 240 px.
          if (m.wide > 0 || m.overflow > 0 || m.moreBelow) misfits.push({ where: `${scenario} ${where} at ${size.width}×${size.height}`, ...m });
          // The join address beside "Before this" (a narrow column) wraps where it reads whole, after a
          // "/" or its "?": at both sizes it broke inside "join" ("…:46363/jo" above "in?room=…", walked by trainer-50),
          // an address the room types from the projector when the QR code will not scan.
          if (kind === 'first') {
            const rows = await page.locator('.room-join .join-url').evaluate((el) => {
              const byTop = new Map<number, string>();
              const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
              const range = document.createRange();
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (let i = 0; i < (node.textContent ?? '').length; i++) {
                  range.setStart(node, i);
                  range.setEnd(node, i + 1);
                  const top = Math.round(range.getBoundingClientRect().top);
                  byTop.set(top, (byTop.get(top) ?? '') + (node.textContent ?? '')[i]);
                }
              }
              return [...byTop.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
            });
            expect(rows.slice(0, -1).every((row) => /[/?]$/.test(row)), `${scenario} ${where} at ${size.width}×${size.height}: ${JSON.stringify(rows)}`).toBe(true);
          }
          const strict = size.width === 1280;
          // The first screen of each kind at 1280×720, per scenario and path: axe-clean (the join line
          // and the end's story in the dark scheme too), and with CASA_SCREENSHOTS=1 saved.
          if (strict && !checked.has(kind)) {
            checked.add(kind);
            if (SCREENSHOTS) await page.screenshot({ path: join(ROOT, 'test-artifacts', 'screenshots', `room-projector-720-${scenario}-${label}-${kind}.png`) });
            if (!axed.has(`${scenario} ${where}`)) {
              axed.add(`${scenario} ${where}`);
              expect(violationsText(await runAxe(page)), `${scenario} ${where}`).toBe('');
              if (label === 'best' && (kind === 'reveal' || kind === 'end')) await axeCleanInDark(page, `room-projector-720-${scenario}-${kind}`);
            }
          }
        }
      };
      // Until the trainer's first step, the content note (with the whole join block).
      expect(control.view.contentNote).toBeDefined();
      await measure((page) => page.getByRole('heading', { level: 1, name: 'Content note', exact: true }), 'content note', 'note');
      for (let guard = 0; guard < 80; guard++) {
        const view = control.view;
        if (view.phase === 'ended') break;
        const session = view.session;
        if (session.kind !== 'decision') {
          // A scene (once the content note has made way): the whole join block before the first vote, one line after it.
          if (!view.contentNote) await measure((page) => page.getByRole('heading', { level: 1, name: session.title ?? sceneWords(view.sceneNumber), exact: true }), session.nodeId, 'scene');
          const next = await control.act({ type: 'advance', node: session.nodeId });
          if ('code' in next) throw new Error(`advance refused: ${next.message}`);
          continue;
        }
        met.push(session.nodeId);
        const step = `Decision ${session.progress.decision} of about ${session.progress.about}`;
        // Shown before its vote opens, the first decision keeps the whole join block (QR code and all),
        // beside the opening scene under "Before this": people join at the start (it went to one line).
        if (view.round === 0) {
          await measure((page) => page.locator('.projector-screen:has(.room-join img):has(.setup) .status-line').filter({ hasText: new RegExp(`${step}$`) }), `${session.nodeId} (before its vote)`, 'first');
        }
        const opened = await control.act({ type: 'open', node: session.nodeId });
        if ('code' in opened) throw new Error(`open refused: ${opened.message}`);
        const enabled = session.replies.filter((r) => r.enabled);
        await Promise.all(joined.map(async (p) => {
          await p.until((v) => v.phase === 'open' && v.round === opened.round, 'the vote to open');
          await p.vote(enabled[rand() % enabled.length]!.number);
        }));
        const decision = (page: Page, state: string) => page.locator(`.projector-screen${state} .status-line`).filter({ hasText: step });
        await measure((page) => decision(page, ':not(.revealed)').locator('~ ol.options'), `${session.nodeId} (vote open)`, 'vote');
        const revealed = await control.act({ type: 'reveal', round: opened.round });
        if ('code' in revealed) throw new Error(`reveal refused: ${revealed.message}`);
        await measure((page) => decision(page, '.revealed').locator('~ ol.reveal'), `${session.nodeId} (revealed)`, 'reveal');
        const reply = choose(revealed.reveal!.entries, enabled.map((r) => r.id));
        const chosenReply = session.replies.find((r) => r.id === reply)!;
        followed = `${chosenReply.kind === 'do' ? 'Do: ' : ''}${chosenReply.text}`;
        const chosen = await control.act({ type: 'choose', round: opened.round, reply });
        if ('code' in chosen) throw new Error(`choose refused: ${chosen.message}`);
      }
      expect(control.view.phase).toBe('ended');
      // The end: the projector tells the room how the story ended, in the words the laptop shows (its
      // variant), above the outcome, and it fits too (it showed only the outcome, the score and the
      // agreement; what it says at the end is listed, to be compared with what the laptop shows).
      const ending = control.view.session;
      expect(ending.kind).toBe('ending');
      const told = await s.page.locator('[role="log"] .narration').filter({ hasText: ending.narration }).innerText();
      await measure((page) => page.getByText(/^Outcome: /), ending.nodeId, 'end');
      const endings = await Promise.all(windows.map(async ({ size, page }) => ({
        where: `${scenario} ${ending.nodeId} at ${size.width}×${size.height}`,
        said: await page.locator('main :is(h1, h2, p.narration)').evaluateAll((els) => els.map((e) => `${e.tagName === 'P' ? 'narration' : e.tagName}: ${(e as HTMLElement).innerText}`)),
      })));
      const expected = (where: string) => ({ where, said: [`H1: Ending: ${ending.title}`, `narration: ${told}`, expect.stringMatching(/^H2: Outcome: /)] });
      expect(s.errors()).toEqual([]);
      expect(s.outbound).toEqual([]);
      return { met, misfits, endings, expected: endings.map((e) => expected(e.where)) };
    } finally {
      control?.close();
      await s.close();
    }
  }

  const best = (entries: { replyId: string; best: boolean }[], enabled: string[]) => entries.find((e) => e.best && enabled.includes(e.replyId))?.replyId ?? enabled[0]!;
  const worst = (entries: { replyId: string; value: number }[], enabled: string[]) => entries.filter((e) => enabled.includes(e.replyId)).reduce((a, b) => (b.value < a.value ? b : a)).replyId;

  it.skipIf(!available)('every vote and every reveal of court-report (both of its paths) and of harm-reduction fits a 1280×720 and a 1024×768 projector whole, with a way to join still on it; the end screen tells the story\'s ending as the laptop does', async () => {
    const axed = new Set<string>();
    const runs = [await runRoom('court-report', 'best', best, axed), await runRoom('court-report', 'worst', worst, axed), await runRoom('harm-reduction', 'best', best, axed)];
    // The screens the worst path's run alone shows were checked all the same: its ending.
    expect([...axed].filter((k) => k.startsWith('court-report end-'))).toHaveLength(2);
    // Between them, the two court-report runs met every decision of the scenario.
    const file = JSON.parse(readFileSync(join(ROOT, 'scenarios', 'court-report.json'), 'utf8')) as { nodes: { id: string; kind: string }[] };
    const decisions = file.nodes.filter((n) => n.kind === 'decision').map((n) => n.id);
    expect(new Set([...runs[0]!.met, ...runs[1]!.met])).toEqual(new Set(decisions));
    expect({ misfits: runs.flatMap((r) => r.misfits), endings: runs.flatMap((r) => r.endings) }).toEqual({ misfits: [], endings: runs.flatMap((r) => r.expected) });
  });

  // couch-rent's last two reveals ("Not gonna lie" and "The court report", four replies each with
  // long feedback) ran about 40 px past the bottom of a 1024×768 projector at the smallest type, with
  // a live room's join line: the room saw "More below" and the trainer had to scroll the projector.
  it.skipIf(!available)('every vote and every reveal of couch-rent fits a 1280×720 and a 1024×768 projector whole, with a way to join still on it', async () => {
    const run = await runRoom('couch-rent', 'best', best);
    expect({ misfits: run.misfits, endings: run.endings }).toEqual({ misfits: [], endings: run.expected });
  });
});

/**
 * Every reveal of every bundled scenario (each decision the story can reach, on the first path that
 * reaches it), as a live room's presenter page sends it to the projector: the join line, the note,
 * each reply with its votes, feedback and verdicts.
 */
/** The projector window alone at `size`, in a context of its own, waiting for the trainer; closed after `run`. */
async function withProjectorAt(app: string, size: { width: number; height: number }, run: (projector: Page) => Promise<void>): Promise<void> {
  const context = await browser!.newContext({ viewport: size });
  try {
    const projector = await context.newPage();
    await projector.goto(`${app}?projector#/projector`);
    await projector.getByText(/Waiting for the trainer/).waitFor();
    await run(projector);
  } finally {
    await context.close();
  }
}

function everyReveal(): { where: string; state: ProjectorState & { kind: 'moment' } }[] {
  const reveals: { where: string; state: ProjectorState & { kind: 'moment' } }[] = [];
  // Validated once per worker (bundledScenario), shared with the other parts of the e2e run.
  for (const scenario of BUNDLED_IDS.map(bundledScenario)) {
    for (const save of firstPathSaves(scenario).values()) {
      const view = selectView(scenario, startSession(scenario, 'practice', save).getSnapshot());
      if (view.kind !== 'decision') throw new Error(`${scenario.id}: a save is not at its decision`);
      // A room's votes, spread over the replies as a room's are.
      const votes = Object.fromEntries(view.replies.map((r, i) => [r.id, [12, 7, 3, 1][i] ?? 1])) as Votes;
      const revealed = revealData(scenario, view, votes);
      reveals.push({
        where: `${scenario.id} ${view.nodeId}`,
        state: {
          kind: 'moment', scenarioTitle: view.scenarioTitle, step: stepWords(view), title: view.title, narration: view.narration, lines: view.lines.map((l) => ({ speaker: l.speaker, role: l.role, text: l.text })),
          discussionPrompt: view.discussionPrompt, replies: projectedReplies(view.replies), note: view.facilitatorNote, reveal: projectedReveal(revealed.entries, revealed.total, view.replies),
          join: { room: 'K7QX2M', url: 'http://192.168.100.200:8080/join', layout: 'line' },
        },
      });
    }
  }
  return reveals;
}

/**
 * Every decision of every bundled scenario (on the first path that reaches it) as a live room's
 * presenter page sends it to the projector while its vote is open: the moment, its question and
 * replies, and the whole join block (a decision with no scenes of its own above it keeps it while it
 * waits for votes); the story's first decision, where the story opens on a scene and comes to it
 * next, with that scene under "Before this" beside the block (the content note stood in for it on
 * the projector: LiveRoom's `opening`), the heaviest screen of a room.
 */
function everyVote(): { where: string; state: ProjectorState & { kind: 'moment' } }[] {
  const votes: { where: string; state: ProjectorState & { kind: 'moment' } }[] = [];
  for (const scenario of BUNDLED_IDS.map(bundledScenario)) {
    const first = startSession(scenario, 'practice');
    const opening = selectView(scenario, first.getSnapshot());
    if (opening.kind === 'scene') first.send({ type: 'scene.continue' });
    const after = selectView(scenario, first.getSnapshot());
    const setupAt = opening.kind === 'scene' && after.kind === 'decision' ? after.nodeId : undefined;
    for (const save of firstPathSaves(scenario).values()) {
      const view = selectView(scenario, startSession(scenario, 'practice', save).getSnapshot());
      if (view.kind !== 'decision') throw new Error(`${scenario.id}: a save is not at its decision`);
      votes.push({
        where: `${scenario.id} ${view.nodeId}`,
        state: {
          kind: 'moment', scenarioTitle: view.scenarioTitle, step: `${stepWords(view)} · Voting is open: 12 votes so far`, title: view.title, narration: view.narration,
          ...(view.nodeId === setupAt ? { setup: [{ title: opening.title ?? sceneWords(1), ...(opening.narration ? { narration: opening.narration } : {}), lines: opening.lines.map((l) => ({ speaker: l.speaker, ...(l.role ? { role: l.role } : {}), text: l.text })) }] } : {}),
          lines: view.lines.map((l) => ({ speaker: l.speaker, role: l.role, text: l.text })), discussionPrompt: view.discussionPrompt, prompt: view.prompt, replies: projectedReplies(view.replies),
          join: { room: 'K7QX2M', url: 'http://192.168.100.200:8080/join', layout: 'block' },
        },
      });
    }
  }
  return votes;
}

describe('every vote on a projector window', () => {
  // Walked by projector-50: during a vote the replies were the smallest type on the projector (about
  // 14 px at 1280×720, the laptop's 1.35rem), under the narration's, one under the other in half the
  // window's width: tight from the back of a room.
  // And (presenter-61) under the decision's question, and with no words on the screen in smaller
  // type than the replies' (or 16 px): at a room's first decision, the opening scene under "Before
  // this" beside the join block, "Before this" was 11 px, the status line and the join address 14
  // px, the replies 15.5 px.
  it.skipIf(!available)('every bundled decision\'s vote, with a live room\'s join block (and the opening scene under "Before this" at the first), shows its replies under its question in type no smaller than the narration\'s (and at least 16 px), no words on the screen smaller than the replies\' (or 16 px), side by side where that lets the type be larger, and fits a 1024×768 and a 1280×720 projector whole', async () => {
    const votes = everyVote();
    expect(votes.filter((v) => v.state.setup).length).toBeGreaterThan(8);
    const app = inject('e2eAppUrl');
    const problems: string[] = [];
    for (const size of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }]) {
      await withProjectorAt(app, size, async (projector) => {
        // The trainer's page stood in for inside the window (as for every reveal): one call per vote.
        await projector.evaluate(([name, v]) => {
          const laptop = new BroadcastChannel(name);
          const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
          const px = (el: Element | null) => (el ? parseFloat(getComputedStyle(el).fontSize) : undefined);
          const showVote = async (state: { step: string }) => {
            laptop.postMessage({ type: 'state', state, v });
            const end = performance.now() + 15_000;
            while (![...document.querySelectorAll('.projector-screen:not(.revealed) .status-line')].some((e) => e.textContent?.includes(state.step))) {
              if (performance.now() > end) throw new Error(`the vote "${state.step}" did not come`);
              await frame();
            }
            const root = document.documentElement;
            const told = [...document.querySelectorAll('.projector-screen .narration, .projector-screen .line')].map(px) as number[];
            // Every element with words of its own that the room sees (not those for screen readers only).
            const worded = [...document.querySelectorAll('.projector-screen *')].filter((e) => !e.closest('.sr-only') && [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim()));
            const least = worded.reduce<{ px: number; what: string }>((m, e) => (px(e)! < m.px ? { px: px(e)!, what: `${e.tagName.toLowerCase()}.${e.className} "${e.textContent?.slice(0, 30)}"` } : m), { px: Infinity, what: '' });
            return {
              prompt: document.querySelector('h2.prompt + ol.options') ? document.querySelector('h2.prompt')?.textContent : undefined,
              least,
              replies: Math.min(...[...document.querySelectorAll('ol.options > li')].map(px) as number[]),
              story: told.length ? Math.max(...told) : 0,
              overflow: root.scrollHeight - innerHeight,
              wide: root.scrollWidth - innerWidth,
              moreBelow: document.querySelector('.more-below') !== null,
              layout: document.querySelector<HTMLElement>('ol.options')?.dataset.layout ?? '',
            };
          };
          Object.assign(window, { showVote });
        }, [PROJECTOR_CHANNEL, PROJECTOR_PROTOCOL] as const);
        let axed = false;
        for (const [n, { where, state }] of votes.entries()) {
          const m = await projector.evaluate((st) => (window as unknown as { showVote: (s: object) => Promise<{ prompt?: string; least: { px: number; what: string }; replies: number; story: number; overflow: number; wide: number; moreBelow: boolean; layout: string }> }).showVote(st), { ...state, step: `${state.step} #${n}` });
          const at = `${where} at ${size.width}×${size.height}`;
          if (m.prompt !== state.prompt) problems.push(`${at}: the replies are headed ${JSON.stringify(m.prompt)}, not by the decision's question`);
          if (m.least.px < Math.min(16, m.replies) - 0.01) problems.push(`${at}: ${m.least.what} in ${m.least.px} px, under the replies' ${m.replies} px`);
          if (m.replies < 16) problems.push(`${at}: replies in ${m.replies} px, under the 16 px the room can read`);
          if (m.replies < m.story - 0.01) problems.push(`${at}: replies in ${m.replies} px, under the story's ${m.story} px`);
          if (m.overflow > 0 || m.wide > 0 || m.moreBelow) problems.push(`${at}: does not fit (${JSON.stringify(m)})`);
          // The first vote laid out side by side: axe clean.
          if (m.layout === 'columns' && !axed) {
            axed = true;
            problems.push(...[violationsText(await runAxe(projector))].filter(Boolean).map((v) => `${at}: ${v}`));
            if (SCREENSHOTS) await projector.screenshot({ path: join(ROOT, 'test-artifacts', 'screenshots', `projector-vote-columns-${size.width}.png`) });
          }
        }
      });
    }
    expect(problems).toEqual([]);
  });
});

describe('every reveal on a projector window', () => {
  const SIZES = [{ width: 1024, height: 768 }, { width: 1280, height: 720 }] as const;

  it.skipIf(!available)('every bundled scenario\'s reveals, with a live room\'s join line, read in type the room can read (at least 16 px) on a 1024×768 and a 1280×720 projector, whole: split into pages of whole replies where needed, each page saying which it is, every reply on one', async () => {
    const reveals = everyReveal();
    // Every bundled scenario, each with its decisions.
    expect(new Set(reveals.map((r) => r.where.split(' ')[0])).size).toBe(readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json').length);
    const app = inject('e2eAppUrl');
    const problems: string[] = [];
    const axed = new Set<number>();
    let paged = 0;
    for (const size of SIZES) {
      await withProjectorAt(app, size, async (projector) => {
        // The trainer's page is stood in for inside the window itself: a second BroadcastChannel of
        // the same name there sends the states and hears the window's pages (a channel's messages
        // reach every other object of its name, in the same page too). Each reveal, all its pages
        // shown and measured, is one call into the window (from the test, each page shown and
        // measured was several, and the check took a third of the browser tests' time).
        await projector.evaluate(([name, v]) => {
          const heard: Record<string, number[][]> = {};
          const laptop = new BroadcastChannel(name);
          laptop.onmessage = (e: MessageEvent<{ type?: string; id?: string; pages?: number[][] }>) => {
            if (e.data.type === 'pages' && e.data.id) heard[e.data.id] = e.data.pages ?? [];
          };
          // Each time the window splits a reveal into pages, it puts a page line of its own after the
          // replies to measure them with it, and takes it away at once (splitReveal): counted here.
          let splits = 0;
          new MutationObserver((records) => {
            for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLElement && n.matches('.reveal-pages') && !n.isConnected) splits++;
          }).observe(document.body, { childList: true, subtree: true });
          const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
          /** Resolves once `ready` holds (checked each frame); rejects after `ms`. */
          const until = async <T,>(ready: () => T | undefined, what: string, ms = 15_000): Promise<T> => {
            const end = performance.now() + ms;
            for (;;) {
              const got = ready();
              if (got !== undefined) return got;
              if (performance.now() > end) throw new Error(`${what} did not come within ${ms} ms`);
              await frame();
            }
          };
          /** Shows page `at` of the reveal, once that page is on the screen (its step, and after the first, its page line). */
          const show = async (state: object, step: string, id: string, at: number) => {
            laptop.postMessage({ type: 'state', state: { ...state, step, page: { id, at } }, v });
            const shown = () => [...document.querySelectorAll('.projector-screen.revealed .status-line')].some((e) => e.textContent?.includes(step))
              && (at === 0 || (document.querySelector('.reveal-pages')?.textContent ?? '').startsWith(`Page ${at + 1} of `));
            await until(() => (shown() ? true : undefined), `page ${at + 1} of the step "${step}"`);
          };
          const measure = () => {
            const root = document.documentElement;
            let min = Infinity;
            const walker = document.createTreeWalker(document.querySelector('.projector-screen')!, NodeFilter.SHOW_TEXT);
            for (let t = walker.nextNode(); t; t = walker.nextNode()) {
              const el = t.parentElement!;
              if (!t.textContent?.trim() || el.closest('.sr-only') || !el.checkVisibility()) continue;
              min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
            }
            return {
              min: Math.round(min * 10) / 10,
              scale: Math.round((parseFloat(getComputedStyle(root).fontSize) / 16) * 100) / 100,
              overflow: root.scrollHeight - innerHeight,
              wide: root.scrollWidth - innerWidth,
              moreBelow: document.querySelector('.more-below') !== null,
              shown: [...document.querySelectorAll<HTMLElement>('ol.reveal > li')].filter((li) => li.checkVisibility()).map((li) => li.querySelector('.said strong')!.textContent),
              page: document.querySelector<HTMLElement>('.reveal-pages')?.innerText ?? '',
              note: document.querySelector<HTMLElement>('.facilitator-note')?.checkVisibility() ?? false,
              join: document.querySelector<HTMLElement>('.join-line')?.checkVisibility() ?? false,
            };
          };
          /**
           * Shows the reveal's first page, reads how the window split it, and measures every page; and
           * how many times the window split it meanwhile.
           */
          const revealAll = async (state: object & { step: string }, id: string, n: number) => {
            splits = 0;
            // The same state for each page, but the page asked for: as the trainer's page steps through them.
            await show(state, `${state.step} #${n}`, id, 0);
            const pages = await until(() => heard[id], `the pages of ${id}`);
            const measured = [measure()];
            for (let at = 1; at < pages.length; at++) {
              await show(state, `${state.step} #${n}`, id, at);
              measured.push(measure());
            }
            return { pages, measured, splits };
          };
          Object.assign(window, { revealAll, showPage: show });
        }, [PROJECTOR_CHANNEL, PROJECTOR_PROTOCOL] as const);
        type Measured = { min: number; scale: number; overflow: number; wide: number; moreBelow: boolean; shown: (string | null)[]; page: string; note: boolean; join: boolean };
        for (const [n, { where, state }] of reveals.entries()) {
          const id = `${where} #${n}`;
          const { pages, measured, splits } = await projector.evaluate(([st, i, k]) => (window as unknown as { revealAll: (s: object, id: string, n: number) => Promise<{ pages: number[][]; measured: Measured[]; splits: number }> }).revealAll(st, i, k), [state, id, n] as const);
          const numbers = state.reveal!.map((r) => r.number);
          // Split once, when first shown: stepping to its next page shows the same reveal, and the
          // window does not lay it out again for every run of replies that might share a page.
          if (splits !== 1) problems.push(`${where} at ${size.width}×${size.height}: split ${splits} times for ${pages.length} pages`);
          // Every reply on one page, in order.
          if (JSON.stringify(pages.flat()) !== JSON.stringify(numbers)) problems.push(`${where} at ${size.width}×${size.height}: pages ${JSON.stringify(pages)} for replies ${numbers.join(',')}`);
          if (pages.length > 1) paged++;
          for (const [at, onPage] of pages.entries()) {
            const m = measured[at];
            const expected = {
              min: expect.toSatisfy((px: number) => px >= 16), scale: expect.toSatisfy((x: number) => x >= PROJECTOR_READABLE_SCALE),
              overflow: expect.toSatisfy((x: number) => x <= 0), wide: expect.toSatisfy((x: number) => x <= 0), moreBelow: false,
              shown: onPage.map((r) => `${r}.`),
              // "Page 1 of 2 ▸ more replies on the next page": the room knows more is coming; nothing on a reveal that fits whole.
              page: pages.length === 1 ? '' : at < pages.length - 1 ? `Page ${at + 1} of ${pages.length} ▸ more replies on the next page` : `Page ${at + 1} of ${pages.length}`,
              // The facilitator note on the first page; the way to join on every page.
              note: at === 0 && state.note !== undefined, join: true,
            };
            try {
              expect(m).toEqual(expected);
            } catch {
              problems.push(`${where} page ${at + 1} of ${pages.length} at ${size.width}×${size.height}: ${JSON.stringify(m)}`);
            }
          }
          // The first reveal in pages at each size, on its second page (shown again): axe-clean (the page line among it).
          const again = (at: number) => projector.evaluate(([st, i, k, a]) => (window as unknown as { showPage: (s: object, step: string, id: string, at: number) => Promise<void> }).showPage(st, `${(st as { step: string }).step} #${k}.${a} again`, i, a), [state, id, n, at] as const);
          if (pages.length > 1 && !axed.has(size.width)) {
            axed.add(size.width);
            await again(1);
            problems.push(...[violationsText(await runAxe(projector))].filter(Boolean).map((v) => `${where} page 2 at ${size.width}: ${v}`));
          }
          if (SCREENSHOTS && /couch-rent d8-report|harm-reduction d6-text/.test(where)) {
            for (const at of pages.keys()) {
              await again(at);
              await projector.screenshot({ path: join(ROOT, 'test-artifacts', 'screenshots', `projector-pages-${where.replace(' ', '-')}-${size.width}-${at + 1}.png`) });
            }
          }
        }
      });
    }
    expect(problems).toEqual([]);
    // Some reveals did need pages (43 of 115 fell under 16 px at 1024×768 on one page).
    expect(paged).toBeGreaterThan(0);
  });
});
