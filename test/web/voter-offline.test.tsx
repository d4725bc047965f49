// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { BAND_LABELS, breaksCritical, createRoom, MAX_UNAVAILABLE_ON_PHONE, unavailableWords, parseToVoter, scoreWords, presenterView, reduceRoom, revealData, roomContext, roomSessionView, shownCount, validateScenario, verdictLine, voterView, type PresenterAction, type PresenterCommand, type RoomInput, type Scenario, type ToVoter, type VoterMessage, type VoterView } from '../../src/machines/index.js';
import { packageRoot } from '../../src/terminal/paths.js';
import voterHtml from '../../src/web/voter/voter.html?raw';
import { SELF_CARE } from '../../src/web/self-care.js';
import { projectedOutcome } from '../../src/web/projector.js';

/**
 * The phone's voter page (src/web/voter/voter.ts, which runs as it loads) in jsdom, over a fake
 * WebSocket the test plays the room through, with fake timers for its reconnection backoff. Loaded
 * once for the file: the page keeps its state in its module, as on a phone (and the web project
 * shares modules between files: a second file would get this one's page). Its tests run in order.
 */
const ROOM = 'FAKE23';
const TITLE = 'Example: the new phone';

class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static all: FakeSocket[] = [];
  readonly OPEN = 1;
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.readyState = 3;
  }
  /** The room accepts the connection: the page joins. */
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  deliver(message: ToVoter) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  /** The room goes away (its server stopped): the connection closes. */
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

const status = () => document.getElementById('status')?.textContent ?? '';
const latest = () => FakeSocket.all.at(-1)!;
const added: { target: EventTarget; type: string; listener: EventListenerOrEventListenerObject }[] = [];

beforeAll(async () => {
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
  window.history.replaceState(null, '', `/join?room=${ROOM}`);
  document.body.innerHTML = /<body>([^]*)<\/body>/.exec(voterHtml)?.[1] ?? '';
  // The listeners the page adds (a phone waking up, back online): taken off again after the file.
  for (const target of [document, window]) {
    const add = target.addEventListener.bind(target);
    vi.spyOn(target, 'addEventListener').mockImplementation((type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) => {
      if (listener) {
        added.push({ target, type, listener });
        add(type, listener, options);
      }
    });
  }
  await import('../../src/web/voter/voter.js');
  for (const target of [document, window]) vi.mocked(target.addEventListener).mockRestore();
});

afterAll(() => {
  for (const { target, type, listener } of added) target.removeEventListener(type, listener);
  vi.unstubAllGlobals();
  vi.useRealTimers();
  document.body.replaceChildren();
  window.history.replaceState(null, '', '/');
});

const view = (v: Omit<VoterView, 'room'>): VoterView => ({ room: ROOM, ...v });

// Found walking a live room: with the trainer's terminal closed (or the room restarting) during a
// break, phones said only "Connection lost. Reconnecting…", and a volunteer took it that a vote
// might be going on without them.
it('a phone that lost the room during a break says the room was on a break and that it is reconnecting; it keeps trying, and shows the session once the room is back', async () => {
  latest().open();
  expect(latest().sent).toEqual([{ type: 'join', room: ROOM, device: expect.any(String) }]);
  const device = (latest().sent[0] as { device: string }).device;
  latest().deliver({ type: 'welcome', device, seq: 0, view: view({ phase: 'break', round: 1, scenarioTitle: TITLE }) });
  expect(status()).toMatch(/^“Example: the new phone” is paused for a break\. Voting waits until the trainer is back/);
  // The room's server stops.
  latest().drop();
  const offline = `“${TITLE}” is paused for a break. The connection to the room was lost during the break. Reconnecting… Once it is back, this page shows where the session is.`;
  expect(status()).toBe(offline);
  // It keeps trying (its backoff: about half a second, then a second), and says the same while the room is still away.
  const tries = FakeSocket.all.length;
  await vi.advanceTimersByTimeAsync(700);
  expect(FakeSocket.all.length).toBe(tries + 1);
  latest().drop();
  expect(status()).toBe(offline);
  // The room is back (resumed, the break over): the open vote.
  await vi.advanceTimersByTimeAsync(1300);
  expect(FakeSocket.all.length).toBe(tries + 2);
  latest().open();
  latest().deliver({ type: 'welcome', device, seq: 0, view: view({ phase: 'open', round: 1, decisionKey: '1-0123456789abcdef', decision: { replies: [{ number: 1, text: 'Ask how her day was.', kind: 'say', enabled: true }] } }) });
  expect(status()).toBe('Vote now: choose a reply.');
  // Lost outside a break: the plain words, as before.
  latest().drop();
  expect(status()).toBe('Connection lost. Reconnecting…');
});

/** The room is back after the first test's drop: a new connection, welcomed with `v`. */
async function reconnectWith(v: Omit<VoterView, 'room'>): Promise<void> {
  const tries = FakeSocket.all.length;
  await vi.advanceTimersByTimeAsync(11_000);
  expect(FakeSocket.all.length).toBeGreaterThan(tries);
  latest().open();
  const device = (latest().sent[0] as { device: string }).device;
  latest().deliver({ type: 'welcome', device, seq: 0, view: view(v) });
}

const selfCare = () => document.getElementById('self-care')!;

// Found in a trainer's walkthrough: "On a break: What Kiara tells you." read as if the break were
// named after the scenario; and the volunteers, whom the guide's Self-Care passage addresses, saw
// none of it on their phones while the trainer's "Take a break" showed it on the laptop.
it('on a break the phone says the scenario is paused for a break, and shows the guide\'s Self-Care passage and where to find support; gone once the break is over', async () => {
  await reconnectWith({ phase: 'break', round: 1, scenarioTitle: 'What Kiara tells you' });
  expect(status()).toBe('“What Kiara tells you” is paused for a break. Voting waits until the trainer is back. Any vote you have cast is kept.');
  expect(selfCare().hidden).toBe(false);
  expect(selfCare().querySelector('h2')!.textContent).toBe(`From the in-service guide: ${SELF_CARE.heading}`);
  expect(selfCare().querySelector('blockquote')!.textContent).toBe(SELF_CARE.text);
  expect([...selfCare().querySelectorAll('li')].map((li) => li.textContent)).toEqual([...SELF_CARE.resources]);
  latest().deliver({ type: 'view', view: view({ phase: 'waiting', round: 1 }) });
  expect(selfCare().hidden).toBe(true);
});

// Found in a trainer's walkthrough: "Your reply was best practice." with, right under it, a
// heading "Your reply: best practice": said twice.
it('after the reveal the phone says once whether its reply was best practice: the verdict says it, the heading of its reply does not say it again', () => {
  const principles = [{ title: 'Listen first', verdict: 'follows' as const, citation: 'Engagement' }];
  const decision = { replies: [{ number: 1, text: 'Ask how her day was.', kind: 'say' as const, enabled: true }, { number: 2, text: 'Sit with her.', kind: 'do' as const, enabled: true }] };
  latest().deliver({ type: 'view', view: view({
    phase: 'revealed', round: 2, decisionKey: '2-0123456789abcdef', decision, vote: 1,
    feedback: { mine: { number: 1, replyText: 'Ask how her day was.', feedback: 'Open and warm.', principles, best: true }, bestPractice: [{ number: 2, replyText: 'Sit with her.', feedback: 'Calm.', principles }], moreBestPractice: 0 },
  }) });
  const feedback = document.getElementById('feedback')!;
  expect(document.getElementById('verdict')!.textContent).toBe('Your reply was best practice. So was reply 2.');
  expect([...feedback.querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['Your reply', 'Also best practice']);
  // Not best practice: said once too.
  latest().deliver({ type: 'view', view: view({
    phase: 'revealed', round: 2, decisionKey: '2-0123456789abcdef', vote: 1,
    feedback: { mine: { number: 1, replyText: 'Ask how her day was.', feedback: 'Open and warm.', principles, best: false }, bestPractice: [{ number: 2, replyText: 'Sit with her.', feedback: 'Calm.', principles }], moreBestPractice: 0 },
  }) });
  expect(document.getElementById('verdict')!.textContent).toBe('Your reply was not the best-practice reply. Best practice here: reply 2.');
  expect([...feedback.querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['Your reply', 'Best practice']);
});

// Found in a trainer's walkthrough: "your vote is counted by a random number kept on this phone, and
// never leaves the trainer's laptop" said that the number never leaves the laptop. The phone keeps
// its random id (DEVICE_KEY); its vote goes to the room on the laptop, which shows only counts.
it('the privacy line says what the phone keeps and where its vote goes', () => {
  expect(document.querySelector('.note')!.textContent).toBe('No names, no free text: this phone is known to the room only by a random number it keeps. Your vote goes to the trainer\'s laptop and stays there: the room sees only the totals.');
  expect(Object.keys(localStorage)).toContain('casa-practice-room-device');
});

// The phone's verdict lines are its own code (the voter page imports nothing at run time), typed with
// the core's words: the line they make ("✓ follows Title (guide: …, critical)") must still be the
// core's verdictLine, as the laptop, the projector and the terminal say the same verdict.
it('each principle under a reply at the reveal reads as the core\'s verdictLine says it, at every reveal of a scenario (critical ones too)', async () => {
  const scenario = validateScenario(readFileSync(join(packageRoot(), 'scenarios/trafficker-contact.json')), 'trafficker-contact.json').scenario as Scenario;
  const room = roomWithPhone(scenario);
  const { ctx, device, apply, present } = room;
  // The phone connected again (the test before left it reconnecting).
  await vi.advanceTimersByTimeAsync(20_000);
  latest().open();
  let reveals = 0;
  let criticalLines = 0;
  for (let guard = 0, phoneSeq = 0; guard < 100 && room.state.phase !== 'ended'; guard++) {
    const session = presenterView(ctx, room.state, 1).session;
    if (session.done) break;
    if (session.kind !== 'decision') {
      present({ type: 'advance', node: session.nodeId });
      continue;
    }
    present({ type: 'open', node: session.nodeId });
    // The phone votes for the reply breaking the most critical principles (its verdicts are shown first).
    const entries = revealData(scenario, session, {}).entries.filter((e) => session.replies.some((r) => r.id === e.replyId && r.enabled));
    const worst = entries.reduce((a, b) => (b.assessments.filter(breaksCritical).length > a.assessments.filter(breaksCritical).length ? b : a));
    apply({ from: 'voter', device, message: { type: 'vote', room: ROOM, seq: ++phoneSeq, round: room.state.round, reply: worst.number } });
    present({ type: 'reveal', round: room.state.round });
    const view = voterView(ctx, room.state, device);
    latest().deliver({ type: 'welcome', device, seq: phoneSeq, view });
    const shown = [...document.querySelectorAll('.why-principles')].map((ul) => [...ul.querySelectorAll('li')].map((li) => li.textContent));
    const revealed = presenterView(ctx, room.state, 1).reveal!.entries;
    const parts = [view.feedback!.mine!, ...view.feedback!.bestPractice].filter((p) => p.principles.length > 0);
    const expected = parts.map((p) => revealed.find((e) => e.number === p.number)!.assessments.map((a) => verdictLine({ ...a, critical: breaksCritical(a) })));
    expect(shown).toEqual(expected);
    criticalLines += expected.flat().filter((line) => line.endsWith(', critical)')).length;
    reveals++;
    present({ type: 'choose', round: room.state.round, reply: worst.replyId });
  }
  expect(reveals).toBeGreaterThan(3);
  expect(criticalLines).toBeGreaterThan(0);
});

// Left from session 45: at a decision shown for the room to discuss before its vote, the phone said
// "Waiting for the trainer to open the vote." and nothing more: a person who cannot read the
// projector (low vision, at the back of the room) had nothing to discuss from. The room now sends
// the decision's words at that moment (voter protocol 10), not its replies, which come with the vote.
it('at a decision the room discusses before its vote, the phone shows its words (title, narration, lines, discussion prompt, question) and no replies; the vote brings the replies', async () => {
  const scenario = exampleScenario();
  const room = roomWithPhone(scenario);
  const { ctx, device, present } = room;
  const discussion = document.getElementById('discussion')!;
  // The content note first: no decision's words yet.
  latest().deliver({ type: 'view', view: voterView(ctx, room.state, device) });
  expect(status()).toBe('Waiting for the trainer to start. Read the content note below first.');
  expect(discussion.hidden).toBe(true);
  // The first step shows the story's first decision, its vote closed, for the room to discuss.
  present({ type: 'advance', node: 'phone' });
  const view = voterView(ctx, room.state, device);
  expect(view.phase).toBe('waiting');
  latest().deliver({ type: 'view', view });
  expect(status()).toBe('The room is talking this decision over; the vote opens soon.');
  expect(discussion.hidden).toBe(false);
  const node = scenario.nodes.find((n) => n.id === 'phone');
  if (node?.kind !== 'decision') throw new Error('the example starts on a decision');
  expect(discussion.querySelector('h2')!.textContent).toBe(node.title);
  expect([...discussion.querySelectorAll('#discussion-words p')].map((p) => p.textContent)).toEqual([node.narration, `Jade (youth): ${node.lines?.[0]?.text}`]);
  expect(document.getElementById('discussion-prompt')!.textContent).toBe(`Discuss: ${node.discussionPrompt}`);
  expect(document.getElementById('discussion-question')!.textContent).toBe('What do you say or do?');
  // No reply's words on the page, nor sent, and no facilitator note.
  expect(document.getElementById('decision')!.hidden).toBe(true);
  for (const r of node.replies) expect(document.body.textContent).not.toContain(r.text);
  expect(JSON.stringify(view)).not.toContain(node.replies[0]!.text);
  expect(document.body.textContent).not.toContain(node.facilitatorNote);
  // The vote opens: the replies, and the discussion's words give way to them.
  present({ type: 'open', node: 'phone' });
  latest().deliver({ type: 'view', view: voterView(ctx, room.state, device) });
  expect(status()).toBe('Vote now: choose a reply.');
  expect(discussion.hidden).toBe(true);
  expect(document.querySelectorAll('#replies button')).toHaveLength(node.replies.length);
});

// Found walking a live room with a screen reader (session 46): a vote and a changed vote were both
// confirmed as "Vote received. You can change it until the trainer locks the vote.", the same words
// each time, so the status said nothing of which reply the room now had (the mark beside it is drawn,
// and aria-pressed is heard only on the button that has focus).
it('a vote is confirmed with the number of the reply the room received, and a changed vote with the new one', () => {
  const decision = { replies: [1, 2, 3].map((number) => ({ number, text: `Reply ${number}.`, kind: 'say' as const, enabled: true })) };
  const open = (vote?: number) => view({ phase: 'open', round: 5, decisionKey: '5-0123456789abcdef', decision, ...(vote !== undefined ? { vote } : {}) });
  if (latest().readyState !== 1) latest().open();
  latest().deliver({ type: 'view', view: open() });
  expect(status()).toBe('Vote now: choose a reply.');
  const tap = (n: number) => document.querySelector<HTMLButtonElement>(`#replies button[data-reply="${n}"]`)!.click();
  tap(2);
  expect(status()).toBe('Sending your vote…');
  expect(latest().sent.at(-1)).toMatchObject({ type: 'vote', round: 5, reply: 2 });
  latest().deliver({ type: 'view', view: open(2) });
  expect(status()).toBe('Vote received: reply 2. You can change it until the trainer locks the vote.');
  tap(3);
  expect(status()).toBe('Sending your vote…');
  latest().deliver({ type: 'view', view: open(3) });
  expect(status()).toBe('Vote received: reply 3. You can change it until the trainer locks the vote.');
});

// Found walking a live room with a screen reader (session 46): the trainer went back from the next
// decision's discussion to the one before, and the phone said only "Revealed: see why below.", right
// after "The room is talking this decision over; the vote opens soon.", as if a vote had gone by unheard.
it('when the trainer goes back to a decision the phone saw revealed, it says so before the reveal; a reveal it had not seen (reconnecting) or back from a break does not', () => {
  const decision = { replies: [1, 2].map((number) => ({ number, text: `Reply ${number}.`, kind: 'say' as const, enabled: true })) };
  const feedback = { mine: { number: 1, replyText: 'Reply 1.', feedback: 'Warm.', principles: [], best: true }, bestPractice: [], moreBestPractice: 0 };
  // Rounds no earlier test in this file reached (the page remembers the reveals it has shown).
  const revealed = (round: number) => view({ phase: 'revealed', round, decisionKey: `${round}-0123456789abcdef`, decision, vote: 1, feedback });
  const discussing = view({ phase: 'waiting', round: 60, discussing: { title: 'Next', lines: [], prompt: 'What do you say?' } });
  latest().deliver({ type: 'view', view: revealed(60) });
  expect(status()).toBe('Revealed: see why below.');
  latest().deliver({ type: 'view', view: discussing });
  expect(status()).toBe('The room is talking this decision over; the vote opens soon.');
  // Back to the decision before: the same round, revealed again.
  latest().deliver({ type: 'view', view: revealed(60) });
  expect(status()).toBe('The trainer went back to the decision before. Revealed: see why below.');
  // A break there and back: still that decision, gone back to.
  latest().deliver({ type: 'view', view: view({ phase: 'break', round: 60, scenarioTitle: TITLE }) });
  latest().deliver({ type: 'view', view: revealed(60) });
  expect(status()).toBe('The trainer went back to the decision before. Revealed: see why below.');
  // Moving on, then a reveal this phone had not seen (its connection was down through the vote): plain words.
  latest().deliver({ type: 'view', view: discussing });
  latest().deliver({ type: 'view', view: revealed(61) });
  expect(status()).toBe('Revealed: see why below.');
});

// Found walking a live room with a screen reader (session 46): back after a tap made while the
// connection was lost, the page said "… was not sent: tap it again." and nothing of the vote the room
// still had, which only the mark beside a reply showed.
it('back after a tap that was not sent, the phone says which vote the room still has', async () => {
  const decision = { replies: [1, 2].map((number) => ({ number, text: `Reply ${number}.`, kind: 'say' as const, enabled: true })) };
  const open = (vote?: number) => view({ phase: 'open', round: 70, decisionKey: '70-0123456789abcdef', decision, ...(vote !== undefined ? { vote } : {}) });
  latest().deliver({ type: 'view', view: open(1) });
  expect(status()).toBe('Vote received: reply 1. You can change it until the trainer locks the vote.');
  latest().drop();
  document.querySelector<HTMLButtonElement>('#replies button[data-reply="2"]')!.click();
  expect(status()).toMatch(/^Connection lost, so your vote was not sent\./);
  await vi.advanceTimersByTimeAsync(15_000);
  latest().open();
  const device = (latest().sent[0] as { device: string }).device;
  latest().deliver({ type: 'welcome', device, seq: 0, view: open(1) });
  expect(status()).toBe('Connected again. The reply you tapped while the connection was lost was not sent: tap it again. Your vote is still reply 1.');
});

// Asked for after session 46: when the vote opened, the decision's narration and the lines spoken
// went away with the discussion (the vote showed its title, question and replies only), so a person
// who cannot read the projector could not read again what the youth said while choosing. The room
// now sends them with the decision (voter protocol 11); the phone keeps them under "What was said",
// closed, so the replies stay near the top.
it('during the vote the phone keeps the decision\'s narration and lines under a closed "What was said" between its heading and the question, as text, in no live region, the focus left where it was; at a scene it says the trainer is showing the story, and shows its words', () => {
  const scenario = exampleScenario();
  const node = scenario.nodes.find((n) => n.id === 'phone');
  if (node?.kind !== 'decision' || !node.narration || !node.lines?.[0]) throw new Error('the example opens on a decision with narration and a line');
  node.narration = `${node.narration} <img src=x onerror="window.__pwned=1">`;
  const room = roomWithPhone(scenario);
  const { ctx, device, present } = room;
  if (latest().readyState !== 1) latest().open();
  present({ type: 'advance', node: 'phone' });
  latest().deliver({ type: 'view', view: voterView(ctx, room.state, device) });
  expect(status()).toBe('The room is talking this decision over; the vote opens soon.');
  const heading = document.getElementById('heading')!;
  heading.focus();
  present({ type: 'open', node: 'phone' });
  latest().deliver({ type: 'view', view: voterView(ctx, room.state, device) });
  expect(status()).toBe('Vote now: choose a reply.');
  const said = document.querySelector<HTMLDetailsElement>('#decision details')!;
  expect(said.hidden).toBe(false);
  expect(said.open).toBe(false);
  expect(said.querySelector('summary')!.textContent).toBe('What was said');
  expect([...said.querySelectorAll('p')].map((p) => p.textContent)).toEqual([node.narration, `Jade (youth): ${node.lines[0].text}`]);
  expect(said.querySelector('img')).toBeNull();
  // Under the decision's heading, before the question that names the replies, and the replies.
  const title = document.getElementById('decision-title')!;
  const prompt = document.getElementById('prompt')!;
  expect(title.compareDocumentPosition(said) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  expect(said.compareDocumentPosition(prompt) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  // Not announced as it arrives, and the focus is where the person left it.
  expect(said.closest('[aria-live], [role="status"], [role="alert"]')).toBeNull();
  expect(said.querySelector('[aria-live]')).toBeNull();
  expect(document.activeElement).toBe(heading);
  // Opened, it stays open as the vote goes on (a vote, the lock, the reveal).
  said.open = true;
  document.querySelector<HTMLButtonElement>('#replies button[data-reply="1"]')!.click();
  const voted = reduceRoom(ctx, room.state, { from: 'voter', device, message: latest().sent.at(-1) as VoterMessage });
  if (!voted.ok) throw new Error(`vote refused: ${voted.code}`);
  room.state = voted.state;
  latest().deliver({ type: 'view', view: voterView(ctx, room.state, device) });
  expect(status()).toBe('Vote received: reply 1. You can change it until the trainer locks the vote.');
  expect(said.open).toBe(true);
  present({ type: 'lock', round: room.state.round });
  latest().deliver({ type: 'view', view: voterView(ctx, room.state, device) });
  expect(said.open).toBe(true);
  expect(said.hidden).toBe(false);
  // On to a scene: no vote, and the phone says what is going on, not that it waits for a vote.
  present({ type: 'reveal', round: room.state.round });
  present({ type: 'choose', round: room.state.round, reply: 'phone-curious' });
  latest().deliver({ type: 'view', view: voterView(ctx, room.state, device) });
  expect(voterView(ctx, room.state, device)).toMatchObject({ phase: 'waiting' });
  expect(status()).toBe('The trainer is showing the next part of the story; its words are below. There is nothing to vote on yet.');
  expect(document.getElementById('decision')!.hidden).toBe(true);
  // The scene's words, as the projector shows them (an untitled scene headed by its number), as text.
  const sceneNode = scenario.nodes.find((n) => n.id === roomSessionView(ctx, room.state).nodeId);
  if (sceneNode?.kind !== 'scene' || !sceneNode.lines?.[0]) throw new Error('the example\'s reply leads to a scene with a line');
  const scene = document.getElementById('scene')!;
  expect(scene.hidden).toBe(false);
  expect(scene.querySelector('h2')!.textContent).toBe(sceneNode.title ?? 'Scene 1');
  const speaker = scenario.characters.find((c) => c.id === sceneNode.lines![0]!.character)!;
  expect([...scene.querySelectorAll('p')].map((p) => p.textContent)).toEqual([`${speaker.name} (${speaker.role}): ${sceneNode.lines[0].text}`]);
  expect(scene.closest('[aria-live]')).toBeNull();
  // Moving on to a decision: the scene's words go.
  present({ type: 'advance', node: sceneNode.id });
  latest().deliver({ type: 'view', view: voterView(ctx, room.state, device) });
  expect(status()).toBe('The room is talking this decision over; the vote opens soon.');
  expect(scene.hidden).toBe(true);
});

// Asked for after session 46: a decision with no words of its own (its words are in the scene before
// it, which the projector shows under "Before this") left the phone with nothing of that scene during
// its discussion and its vote: "What was said" was empty and hidden. The room now sends the scene's
// words with the decision (voter protocol 12), headed as the phone headed the scene.
it('a decision with no words of its own shows the scene that set it up, under its heading: in the discussion, and during the vote in the closed "What was said", as text, in no live region', () => {
  const scenario = exampleScenario();
  const after = scenario.nodes.find((n) => n.id === 'after-visit');
  if (after?.kind !== 'decision') throw new Error('the example has after-visit');
  // Its words are in the scene before it, as testifying's "What do you say to Mr. Dunn?".
  delete after.narration;
  const room = roomWithPhone(scenario);
  const { ctx, device, present } = room;
  if (latest().readyState !== 1) latest().open();
  present({ type: 'advance', node: 'phone' });
  present({ type: 'open', node: 'phone' });
  present({ type: 'reveal', round: room.state.round });
  present({ type: 'choose', round: room.state.round, reply: 'phone-curious' });
  const sceneNode = scenario.nodes.find((n) => n.id === roomSessionView(ctx, room.state).nodeId);
  if (sceneNode?.kind !== 'scene' || sceneNode.title || !sceneNode.lines?.[0]) throw new Error('the example\'s reply leads to an untitled scene with a line');
  const speaker = scenario.characters.find((c) => c.id === sceneNode.lines![0]!.character)!;
  const line = `${speaker.name} (${speaker.role}): ${sceneNode.lines[0].text}`;
  latest().deliver({ type: 'view', view: voterView(ctx, room.state, device) });
  expect(document.getElementById('scene-title')!.textContent).toBe('Scene 1');
  // On to the decision: the room discusses it with the scene's words, under the scene's heading.
  present({ type: 'advance', node: sceneNode.id });
  latest().deliver({ type: 'view', view: voterView(ctx, room.state, device) });
  expect(status()).toBe('The room is talking this decision over; the vote opens soon.');
  const discussion = document.getElementById('discussion')!;
  expect(discussion.hidden).toBe(false);
  expect(discussion.querySelector('h2')!.textContent).toBe(after.title);
  // Under "Before this", as the projector heads it (a region named by its h3), the scene's heading an h4.
  expect([...discussion.querySelectorAll('h3, h4')].map((h) => `${h.tagName} ${h.textContent}`)).toEqual(['H3 Before this', 'H4 Scene 1']);
  expect(discussion.querySelector('section.setup')!.getAttribute('aria-labelledby')).toBe(discussion.querySelector('h3')!.id);
  expect([...document.getElementById('discussion-words')!.querySelectorAll('p')].map((p) => p.textContent)).toEqual([line]);
  // The vote: the same words under "What was said", closed (the test before opened it: closed again here).
  const said = document.querySelector<HTMLDetailsElement>('#decision details')!;
  said.open = false;
  present({ type: 'open', node: 'after-visit' });
  latest().deliver({ type: 'view', view: voterView(ctx, room.state, device) });
  expect(status()).toBe('Vote now: choose a reply.');
  expect(document.getElementById('decision-title')!.textContent).toBe(after.title);
  expect(said.hidden).toBe(false);
  expect(said.open).toBe(false);
  expect(said.querySelector('summary')!.textContent).toBe('What was said');
  expect([...said.querySelectorAll('h3, h4')].map((h) => `${h.tagName} ${h.textContent}`)).toEqual(['H3 Before this', 'H4 Scene 1']);
  expect(said.querySelector('section.setup')!.getAttribute('aria-labelledby')).toBe(said.querySelector('h3')!.id);
  expect([...said.querySelectorAll('p')].map((p) => p.textContent)).toEqual([line]);
  expect(said.querySelector('h4')!.compareDocumentPosition(said.querySelector('p')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  expect(said.closest('[aria-live], [role="status"], [role="alert"]')).toBeNull();
});

// Asked for after session 46: at the ending the story reached, the projector showed its title and
// text ("Ending: A plan you made together") while the phones said only "The session has ended": a
// person who cannot read the projector learnt nothing of how the story ended. The room now sends the
// ending's title and text (voter protocol 13); the phone shows them under a heading, as text.
// Asked for after session 48: the projector shows the room's outcome and score under the ending, the
// phone did not (it kept to the story's words). Since voter protocol 14 the room sends them, in the
// core's words (its band label, scoreWords), and the phone shows them, short, under the ending.
it('at the ending the story reached, the phone shows its title as a heading and its text, as text, in no live region, then the room\'s outcome and score in the core\'s words; a session ended early shows none', async () => {
  const scenario = exampleScenario();
  const ending = scenario.nodes.find((n) => n.id === 'end-harmful');
  if (ending?.kind !== 'ending' || !ending.narration) throw new Error('the example has end-harmful, with its text');
  ending.narration = `${ending.narration}\nSecond line. <img src=x onerror="window.__pwned=1">`;
  const room = roomWithPhone(scenario);
  const { ctx, device, present } = room;
  if (latest().readyState !== 1) latest().open();
  present({ type: 'advance', node: 'phone' });
  for (const [node, reply] of [['phone', 'phone-accuse'], ['after-visit', 'after-search']] as const) {
    if (roomSessionView(ctx, room.state).kind === 'scene') present({ type: 'advance', node: roomSessionView(ctx, room.state).nodeId });
    expect(roomSessionView(ctx, room.state).nodeId).toBe(node);
    present({ type: 'open', node });
    present({ type: 'reveal', round: room.state.round });
    present({ type: 'choose', round: room.state.round, reply });
  }
  const view = voterView(ctx, room.state, device);
  expect(view.phase).toBe('ended');
  // What the projector shows under the ending (LiveRoom's projectedRoom: projectedOutcome and "Score: …"), from the same debrief.
  const debrief = roomSessionView(ctx, room.state).debrief!;
  expect(view.ending).toEqual({ title: ending.title, narration: ending.narration, outcome: BAND_LABELS[debrief.outcome.band], score: scoreWords(debrief.score) });
  expect(projectedOutcome(debrief).outcome).toBe(`Outcome: ${view.ending!.outcome}`);
  // The room's schema takes it (the server sends nothing that does not fit).
  expect(parseToVoter(JSON.stringify({ type: 'view', view }))).toBeTruthy();
  latest().deliver({ type: 'view', view });
  expect(status()).toBe('The session has ended; the story\'s ending is below. Thank you for taking part.');
  const section = document.getElementById('ending')!;
  expect(section.hidden).toBe(false);
  // Headed as the projector heads it, a heading a screen reader's heading list finds, naming the section.
  const heading = section.querySelector('h2')!;
  expect(heading.textContent).toBe(`Ending: ${ending.title}`);
  expect(section.getAttribute('aria-labelledby')).toBe(heading.id);
  const shown = () => [...section.querySelectorAll('h2, h3, p')].filter((e) => !(e as HTMLElement).hidden).map((e) => `${e.tagName}: ${e.textContent}`);
  // The outcome headed under the ending (as the projector heads it under the ending's title), the score after it: short.
  expect(shown()).toEqual([`H2: Ending: ${ending.title}`, `P: ${ending.narration}`, `H3: Outcome: ${BAND_LABELS[debrief.outcome.band]}`, `P: The room's score: ${scoreWords(debrief.score)}`]);
  expect(section.querySelector('img')).toBeNull();
  expect(section.closest('[aria-live], [role="status"], [role="alert"]')).toBeNull();
  // Read as untrusted: a band that is not the core's, or a score that is not one short line, is left
  // out (as text, never markup), and the story's words stay.
  for (const bad of [
    { outcome: 'Excellent <b>!</b>', score: 'x\ny' },
    { outcome: { label: 'Strong' }, score: 'x'.repeat(201) },
    { outcome: 7, score: ['50%'] },
    {},
  ]) {
    latest().deliver({ type: 'view', view: { ...view, ending: { ...view.ending!, outcome: undefined, score: undefined, ...bad } } as unknown as VoterView });
    expect(shown()).toEqual([`H2: Ending: ${ending.title}`, `P: ${ending.narration}`]);
  }
  latest().deliver({ type: 'view', view });
  expect(shown()).toHaveLength(4);
  // A session the trainer ended before an ending: no ending's words, no outcome, the plain thanks.
  const early = roomWithPhone(exampleScenario());
  early.present({ type: 'advance', node: 'phone' });
  early.present({ type: 'end' });
  const ended = voterView(early.ctx, early.state, early.device);
  expect(ended).not.toHaveProperty('ending');
  expect(JSON.stringify(ended)).not.toMatch(/score|outcome/i);
  latest().deliver({ type: 'view', view: ended });
  expect(status()).toBe('The session has ended. Thank you for taking part.');
  expect(section.hidden).toBe(true);
});

// A phone showed a reply not available now greyed, with "(not available now)" and nothing of why,
// where the projector, the laptop and the play page say it in the core's words (voter protocol 15).
it('a reply not available now says why under it, in the core\'s words, as text and as its button\'s description; a hostile "why" is dropped or cleaned', () => {
  const scenario = exampleScenario();
  scenario.variables = [...(scenario.variables ?? []), { id: 'told', label: 'You told the CSW', type: 'flag', start: true }];
  const node = scenario.nodes.find((n) => n.id === 'phone');
  if (node?.kind !== 'decision') throw new Error('the example opens on a decision');
  const reason = 'you have already told Ms. Rivera what Jade said';
  Object.assign(node.replies.find((r) => r.id === 'phone-ignore')!, { when: { var: 'told', is: false }, unavailableReason: reason });
  const room = roomWithPhone(scenario);
  const { ctx, device, present } = room;
  if (latest().readyState !== 1) latest().open();
  present({ type: 'advance', node: 'phone' });
  present({ type: 'open', node: 'phone' });
  const closed = roomSessionView(ctx, room.state).replies.find((r) => r.id === 'phone-ignore')!;
  expect(closed.enabled).toBe(false);
  const sent = voterView(ctx, room.state, device);
  latest().deliver({ type: 'view', view: sent });
  expect(status()).toBe('Vote now: choose a reply.');
  const button = () => document.querySelector<HTMLButtonElement>(`#replies button[data-reply="${closed.number}"]`)!;
  const why = () => document.getElementById(button().getAttribute('aria-describedby') ?? '');
  expect(button().disabled).toBe(true);
  // The button is the reply as shown; why is the line under it, the core's words (the projector's).
  expect(button().textContent).toBe(`${closed.number}.Do: ${closed.text}`);
  expect(button().getAttribute('aria-label')).toBe(`${closed.number}. Do: ${closed.text}`);
  expect(why()?.textContent).toBe(`Reply ${closed.number} is not available now: ${reason}.`);
  expect(why()?.textContent).toBe(unavailableWords(closed));
  expect(button().nextElementSibling).toBe(why());
  expect(why()?.tagName).toBe('P');
  expect(why()?.closest('[aria-live], [role="status"], [role="alert"]')).toBeNull();
  // The open replies have none.
  for (const other of document.querySelectorAll<HTMLButtonElement>('#replies button:not(:disabled)')) {
    expect(other.hasAttribute('aria-describedby')).toBe(false);
    expect(other.textContent).not.toContain('not available');
  }
  expect(document.querySelectorAll('#replies p')).toHaveLength(1);
  // Read as untrusted (each sent as a new decision, so the buttons are drawn again): anything but a
  // string is dropped, and the page still says the reply is not available; markup stays text; line
  // breaks, control and invisible characters are spaces; a long one is cut with "…".
  let n = 0;
  const shownFor = (unavailable: unknown): string | null | undefined => {
    const decision = { ...sent.decision!, replies: sent.decision!.replies.map((r) => (r.number === closed.number ? { ...r, unavailable } : r)) };
    latest().deliver({ type: 'view', view: { ...sent, decisionKey: `hostile-${++n}`, decision } as unknown as VoterView });
    return why()?.textContent;
  };
  const plain = `Reply ${closed.number} is not available now.`;
  for (const bad of [7, { text: 'x' }, ['why'], null, '', ' \n\t ']) expect(shownFor(bad)).toBe(plain);
  expect(shownFor(undefined)).toBe(plain);
  expect(shownFor('Because <img src=x onerror="window.__pwned=1">')).toBe('Because <img src=x onerror="window.__pwned=1">');
  expect(document.querySelector('#replies img')).toBeNull();
  expect(shownFor('Reply 3 is not\navailable\u001b[31m now:\u2028 red\u202e.')).toBe('Reply 3 is not available [31m now: red .');
  const long = shownFor(`Why ${'x'.repeat(5_000)}`)!;
  expect(long).toHaveLength(MAX_UNAVAILABLE_ON_PHONE);
  expect(long.endsWith('x…')).toBe(true);
  // An emoji at the cut is not split in two.
  const emoji = shownFor(`${'x'.repeat(MAX_UNAVAILABLE_ON_PHONE - 2)}😀😀`)!;
  expect(emoji).toBe(`${'x'.repeat(MAX_UNAVAILABLE_ON_PHONE - 2)}…`);
  expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  // Still one line under the one closed reply, described by it.
  expect(document.querySelectorAll('#replies p')).toHaveLength(1);
  expect(button().getAttribute('aria-describedby')).toBe(why()?.id);
});

/** The worked example as the validator reads it, a copy of its own to change. */
function exampleScenario(): Scenario {
  return structuredClone(validateScenario(readFileSync(join(packageRoot(), 'test/fixtures/good/example.json')), 'example.json').scenario as Scenario);
}

/**
 * A room on `scenario` that this page's phone has joined (its device): its state, and the
 * presenter's commands (and any input) applied to it; a command the room refuses fails the test.
 */
function roomWithPhone(scenario: Scenario) {
  const ctx = roomContext(scenario);
  const device = (FakeSocket.all[0]!.sent[0] as { device: string }).device;
  let seq = 0;
  const room = {
    ctx,
    device,
    state: createRoom(ctx, ROOM, 3, new Date('2026-12-01T10:00:00Z')),
    apply: (input: RoomInput) => {
      const result = reduceRoom(ctx, room.state, input);
      if (!result.ok) throw new Error(`refused: ${result.code}`);
      room.state = result.state;
    },
    present: (command: PresenterCommand) => room.apply({ from: 'presenter', message: { ...command, room: ROOM, token: 'x'.repeat(43), seq: ++seq } as PresenterAction }),
  };
  room.apply({ from: 'voter', device, message: { type: 'join', room: ROOM, device } });
  return room;
}

// A scenario can tie more best-practice replies than the room sends a phone: the count of the rest is
// written as every other count is ("1,234", the core's shownCount, which the page writes again as it
// imports nothing at run time), not "1234".
it('the best-practice replies the phone was not sent are counted with thousands separators, in the verdict and under the replies', () => {
  if (latest().readyState !== FakeSocket.OPEN) latest().open();
  const principles = [{ title: 'Listen first', verdict: 'follows' as const, citation: 'Engagement' }];
  const decision = { replies: [{ number: 1, text: 'Ask how her day was.', kind: 'say' as const, enabled: true }, { number: 2, text: 'Sit with her.', kind: 'do' as const, enabled: true }] };
  latest().deliver({ type: 'view', view: view({
    phase: 'revealed', round: 3, decisionKey: '3-0123456789abcdef', decision, vote: 1,
    feedback: { mine: { number: 1, replyText: 'Ask how her day was.', feedback: 'Open and warm.', principles, best: false }, bestPractice: [{ number: 2, replyText: 'Sit with her.', feedback: 'Calm.', principles }], moreBestPractice: 1234 },
  }) });
  expect(shownCount(1234)).toBe('1,234');
  expect(document.getElementById('verdict')!.textContent).toBe(`Your reply was not the best-practice reply. Best practice here: reply 2, and ${shownCount(1234)} more.`);
  expect(document.querySelector('.why-more')!.textContent).toBe(`And ${shownCount(1234)} more best-practice replies, shown on the projector.`);
});

// Walked as a participant with a screen reader's ears (room-58): from one scene straight on to the
// next (couch-rent, jae-and-hyung, left-placement-calls… have them), the status kept its words, "The
// trainer is showing the next part of the story; its words are below.", so it was not read out again:
// the story moved on on the projector, and the phone said nothing. Each new scene is now a new line
// of the status (as a refused room code said twice is), read out; the same scene sent again (a
// reconnection's welcome) is not.
it('a scene straight after another is said again in the status (a new line, read out), the same scene sent again is not', () => {
  if (latest().readyState !== FakeSocket.OPEN) latest().open();
  const el = document.getElementById('status')!;
  const first = { title: 'Naomi', narration: 'Naomi texts back.', lines: [] };
  latest().deliver({ type: 'view', view: view({ phase: 'waiting', round: 3, scene: first }) });
  const words = 'The trainer is showing the next part of the story; its words are below. There is nothing to vote on yet.';
  expect(status()).toBe(words);
  expect(document.getElementById('scene-title')!.textContent).toBe('Naomi');
  const said: string[] = [];
  const heard = new MutationObserver((changes) => {
    for (const c of changes) for (const n of c.addedNodes) said.push(n.textContent ?? '');
  });
  heard.observe(el, { childList: true, subtree: true, characterData: true });
  try {
    // The same scene again (a count, a reconnection's welcome): nothing new to say.
    latest().deliver({ type: 'view', view: view({ phase: 'waiting', round: 3, scene: first }) });
    expect(heard.takeRecords().flatMap((c) => [...c.addedNodes].map((n) => n.textContent ?? ''))).toEqual([]);
    // The next scene: the same words, as a new line of the live region.
    latest().deliver({ type: 'view', view: view({ phase: 'waiting', round: 3, scene: { title: 'Eight days later', narration: 'Friday comes.', lines: [] } }) });
    said.push(...heard.takeRecords().flatMap((c) => [...c.addedNodes].map((n) => n.textContent ?? '')));
    expect(said).toEqual([words]);
    expect(status()).toBe(words);
    expect(el.getAttribute('aria-live')).toBe('polite');
    expect(document.getElementById('scene-title')!.textContent).toBe('Eight days later');
  } finally {
    heard.disconnect();
  }
});
