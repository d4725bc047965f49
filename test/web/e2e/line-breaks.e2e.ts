import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { roomContext } from '../../../src/machines/index.js';
import { readVoterFiles, startRoomServer } from '../../../src/terminal/room/server.js';
import { packageRoot } from '../../../src/terminal/paths.js';
import { PROJECTOR_CHANNEL, PROJECTOR_PROTOCOL, type ProjectorState } from '../../../src/web/projector.js';
import { loadValidFixture } from '../../helpers/fixtures.js';
import { Presenter, startedRoom } from '../../terminal/helpers/room.js';
import { builtAppInChromium, fullPageScreenshot, openDebriefFolds, openPage, replyGroup, SCREENSHOTS } from '../helpers/browser.js';

// A trainer's "\n" (docs/authoring.md: it starts a new line) as Chromium draws it: on the volunteer's
// page, the projector and the phone, each line break in a scenario's text begins a new line, and the
// projector still fits what it shows to its window. (jsdom lays nothing out: test/web/line-breaks.test.tsx
// checks the styles on every page there.)
const web = builtAppInChromium();
const ROOT = join(import.meta.dirname, '..', '..', '..');
const FIXTURE = 'good/line-breaks.json';
const TEXT = readFileSync(join(ROOT, 'test', 'fixtures', FIXTURE), 'utf8');

/**
 * Every line break in the page's text (under `root`, but not in text only a screen reader gets),
 * drawn or not: the character after it begins a line below the character before it, at the left
 * of its element's text. Returns those that did not, with their words.
 */
async function breaksNotDrawn(page: Page, root = 'body'): Promise<{ drawn: number; not: string[] }> {
  return page.evaluate((selector) => {
    const not: string[] = [];
    let drawn = 0;
    const start = document.querySelector(selector) ?? document.body;
    const walker = document.createTreeWalker(start, NodeFilter.SHOW_TEXT);
    const box = (n: Text, at: number) => {
      const r = document.createRange();
      r.setStart(n, at);
      r.setEnd(n, at + 1);
      return r.getBoundingClientRect();
    };
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const el = n.parentElement;
      if (!el || el.closest('.sr-only, [hidden]') || el.getClientRects().length === 0) continue;
      for (let i = n.data.indexOf('\n'); i !== -1; i = n.data.indexOf('\n', i + 1)) {
        // A break between two characters of text (an empty line is a second break after it).
        if (i === 0 || i + 1 >= n.data.length || /\s/.test(n.data[i - 1]!) || /\s/.test(n.data[i + 1]!)) continue;
        const before = box(n, i - 1);
        const after = box(n, i + 1);
        if (after.top >= before.bottom - 1 && after.left < before.left) drawn++;
        else not.push(`${el.tagName.toLowerCase()}.${el.className}: ${JSON.stringify(n.data.slice(Math.max(0, i - 20), i + 20))}`);
      }
    }
    return { drawn, not };
  }, root);
}

describe('line breaks in a scenario in Chromium', () => {
  it('a file played from the Preview page shows each line break as a new line, to its debrief', async () => {
    const s = await openPage(web.browser, web.app.url, '#/preview');
    const { page } = s;
    try {
      await page.getByLabel('Scenario file (.json)').setInputFiles({ name: 'line-breaks.json', mimeType: 'application/json', buffer: Buffer.from(TEXT) });
      await page.getByText(/line-breaks\.json is valid/).waitFor();
      await page.getByRole('button', { name: 'Play it now (practice)' }).click();
      await replyGroup(page).waitFor();
      const first = await breaksNotDrawn(page, 'main');
      expect(first.not).toEqual([]);
      // The content note, the narration, Jade's line, the prompt and three replies.
      expect(first.drawn).toBeGreaterThanOrEqual(7);
      await s.screenshot('e2e-line-breaks-play');
      for (let step = 0; step < 20 && !(await page.locator('#debrief-heading').count()); step++) {
        const reply = page.locator('.replies button.reply:not([disabled])').first();
        if (await reply.count()) await reply.click();
        else await page.getByRole('button', { name: /^(Continue|See the debrief)$/ }).click();
        const now = await breaksNotDrawn(page, 'main');
        expect(now.not).toEqual([]);
      }
      await page.locator('#debrief-heading').waitFor();
      // Each reply's feedback is folded on the debrief: opened, its breaks are drawn as elsewhere.
      expect(await openDebriefFolds(page)).toBeGreaterThan(0);
      const debrief = await breaksNotDrawn(page, 'main');
      expect(debrief.not).toEqual([]);
      expect(debrief.drawn).toBeGreaterThan(3);
      await s.screenshot('e2e-line-breaks-debrief');
      expect(s.errors()).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('the projector window draws a narration of several lines, and the reveal\'s feedback, and still fits a 1280×720 projector', async () => {
    const scenario = loadValidFixture(FIXTURE);
    const node = scenario.nodes[0]!;
    if (node.kind !== 'decision') throw new Error('fixture changed');
    const s = await openPage(web.browser, web.app.url, '#/');
    try {
      const projector = await s.context.newPage();
      await projector.setViewportSize({ width: 1280, height: 720 });
      await projector.goto(`${web.app.url}?projector#/projector`);
      await projector.getByRole('heading', { name: 'Projector screen' }).waitFor();
      // A narration of six lines, as a trainer may write a scene's setting.
      const narration = `${node.narration}\nThe café is busy.\nA song plays.\nJade does not look up.\nYou sit down.`;
      const moment: ProjectorState = {
        kind: 'moment', scenarioTitle: scenario.title, step: 'Decision 1 of about 2', title: node.title, narration,
        lines: node.lines!.map((l) => ({ speaker: 'Jade', role: 'youth', text: l.text })), discussionPrompt: node.discussionPrompt,
        replies: node.replies.map((r, i) => ({ number: i + 1, text: r.text, kind: r.kind ?? 'say' })),
      };
      // The laptop's page sends it as presenter mode does (BroadcastChannel, same origin).
      const send = (state: ProjectorState) => s.page.evaluate(([channel, message]) => new BroadcastChannel(channel).postMessage(message), [PROJECTOR_CHANNEL, { type: 'state', state, v: PROJECTOR_PROTOCOL }] as const);
      const fit = () => projector.evaluate(() => ({ overflow: document.documentElement.scrollHeight - innerHeight, wide: document.documentElement.scrollWidth - innerWidth, more: document.querySelectorAll('.more-below').length }));
      await send(moment);
      await projector.locator('.narration').waitFor();
      const drawn = await breaksNotDrawn(projector);
      expect(drawn.not).toEqual([]);
      expect(drawn.drawn).toBeGreaterThanOrEqual(9);
      // The type is fitted to the window: the whole moment on the screen, nothing said to be below.
      await expect.poll(fit).toEqual({ overflow: 0, wide: 0, more: 0 });
      if (SCREENSHOTS) await fullPageScreenshot(projector, 'e2e-line-breaks-projector');
      await send({
        ...moment,
        reveal: node.replies.map((r, i) => ({ number: i + 1, text: r.text, kind: r.kind ?? 'say', best: i === 0, votes: '1 (33%)', percent: 33, score: 'Score: +1', feedback: r.feedback, verdicts: [] })),
        note: node.facilitatorNote,
      } as ProjectorState);
      await projector.locator('ol.reveal').waitFor();
      expect((await breaksNotDrawn(projector)).not).toEqual([]);
      const revealed = await fit();
      expect(revealed.wide).toBeLessThanOrEqual(0);
      // Fitted, or (a window too small even for its smallest type) saying there is more below.
      expect(revealed.overflow <= 0 || revealed.more === 1).toBe(true);
      if (SCREENSHOTS) await fullPageScreenshot(projector, 'e2e-line-breaks-projector-reveal');
    } finally {
      await s.close();
    }
  });

  it('the phone\'s page draws the prompt, the replies and the reveal\'s feedback with their line breaks', async () => {
    const scenario = loadValidFixture(FIXTURE);
    const ROOM = 'NWBR23';
    const TOKEN = 'b'.repeat(43);
    const ctx = roomContext(scenario);
    const server = await startRoomServer({ ctx, state: startedRoom(ctx, ROOM, 0, new Date()), token: TOKEN, host: '127.0.0.1', port: 0, persist: () => undefined, log: () => undefined, voterFiles: readVoterFiles(packageRoot()) });
    const context = await web.browser.newContext({ viewport: { width: 360, height: 740 } });
    try {
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${server.port}/join?room=${ROOM}`);
      // The room starts at the fixture's first decision, shown for discussion before its vote.
      await page.locator('#status').filter({ hasText: /The room is talking this decision over/ }).waitFor();
      const presenter = await Presenter.connect(`ws://127.0.0.1:${server.port}`, ROOM, TOKEN);
      await presenter.act({ type: 'open', node: presenter.view.session.nodeId });
      await page.locator('#replies button').first().waitFor();
      // The decision's words kept under "What was said" during the vote (voter protocol 11), opened.
      await page.locator('#said summary').click();
      const open = await breaksNotDrawn(page, 'main');
      expect(open.not).toEqual([]);
      // The prompt and the three replies, and the decision's narration and line under "What was said".
      expect(open.drawn).toBe(6);
      await page.locator('#replies button').first().click();
      await page.locator('#status').filter({ hasText: /Vote received/ }).waitFor();
      await presenter.act({ type: 'reveal', round: 1 });
      await page.locator('#feedback:not([hidden]) .why-text').first().waitFor();
      const revealed = await breaksNotDrawn(page, '#feedback');
      expect(revealed.not).toEqual([]);
      expect(revealed.drawn).toBeGreaterThanOrEqual(1);
      if (SCREENSHOTS) await fullPageScreenshot(page, 'e2e-line-breaks-phone');
      presenter.close();
    } finally {
      await context.close();
      await server.close();
    }
  });
});
