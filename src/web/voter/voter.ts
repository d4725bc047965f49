/**
 * The phone's voter page: no framework, no runtime imports (types only), so the first load is one
 * small script. It joins the room with a random device id kept in localStorage, shows the
 * decision's replies as big buttons while the trainer's vote is open, and after the reveal the
 * feedback for the reply this phone picked and for the best-practice reply (or replies) besides it. A dropped connection (a locked screen, Wi-Fi lost) is
 * retried with backoff and the server gives the phone its vote back. All text is set with
 * textContent: scenario text is never markup.
 */
import type { BAND_LABELS, MAX_UNAVAILABLE_ON_PHONE, MET_IN_ALL, MET_SO_FAR, NO_ONE_MET, PhoneDecision, shownCount, ToVoter, VERDICT_WORDS, VOTER_PROTOCOL, VoterView } from '../../machines/index.js';
import type { SELF_CARE } from '../self-care.js';

/**
 * The room protocol this page speaks, named in the address it connects to: a room server of another
 * version answers "outdated" instead of refusing its messages as not understood. Typed as the core's
 * constant, so a new version there does not compile until this page is brought up to it.
 */
const PROTOCOL: typeof VOTER_PROTOCOL = 15;

/** What Who's who says before anyone has appeared: the core's words (typed as its constant, so they cannot drift apart). */
const NO_ONE: typeof NO_ONE_MET = 'No one has appeared in the story yet.';
/** Who's who's count, "(3 met so far)", and once the session has ended "(3 met)": the core's words, typed as its constants. */
const SO_FAR: typeof MET_SO_FAR = 'met so far';
const IN_ALL: typeof MET_IN_ALL = 'met';
/**
 * A count as every other screen writes it, "1,234": the core's shownCount (text/first-few's
 * countWords), written again here because this page imports nothing at run time (tsc builds it as
 * one file the room serves alone). The phone's tests hold it to the core's words.
 */
const countOf: typeof shownCount = (n) => n.toLocaleString('en-US');
/**
 * A principle's verdict on a reply, "✓ follows …" or "✗ violates …", as the laptop, the projector and
 * the play page put it (the core's words, typed as its constant). The phone said "Follows: …" and
 * "Goes against: …", words of its own for the same verdict on the same reply the room had on the wall.
 */
const VERDICTS: Pick<typeof VERDICT_WORDS, 'follows' | 'violates'> = { follows: '✓ follows', violates: '✗ violates' };
/**
 * A principle's line under a reply, "✓ follows Title (guide: …, critical)": the core's verdictLine,
 * written again here (this page imports nothing at run time), with the citation as the room sends
 * it (the core's citationWords). test/web/voter-offline.test.tsx checks it against verdictLine at
 * every reveal of a scenario, so the two cannot drift apart.
 */
const verdictLine = (p: { verdict: keyof typeof VERDICTS; title: string; citation: string }): string => `${VERDICTS[p.verdict]} ${p.title} (${p.citation})`;

/**
 * The outcome bands as the core labels them (typed as its constant, so the phone has no words of its
 * own for them): an ending's `outcome` is shown only when it is one of these.
 */
const BANDS: typeof BAND_LABELS = { strong: 'Strong', developing: 'Developing', 'needs-review': 'Needs review' };
const BAND_WORDS: readonly string[] = Object.values(BANDS);
/** The longest score line shown (the core's scoreWords is under 100 characters): anything longer, or not one line, is not shown. */
const MAX_SCORE_CHARS = 200;
/**
 * The longest "why" shown under a reply not available now (the room's limit, typed as its constant):
 * a longer one is cut with "…".
 */
const MAX_UNAVAILABLE_CHARS: typeof MAX_UNAVAILABLE_ON_PHONE = 500;

/**
 * The guide's Self-Care passage, shown on the phone's break screen as the trainer's "Take a break"
 * shows it (BreakPanel): typed as that constant, so the words cannot drift from it (or from the
 * guide, which test/web/break.test.tsx checks it against). Not imported at run time: this page is
 * one script, and the room serves no other.
 */
const SELF_CARE_WORDS: typeof SELF_CARE = {
  heading: 'Self-Care',
  text: 'Advocating for youth facing CSEC challenges is difficult work. CASAs are strongly encouraged to take care of oneself and discuss challenges with your Advocate Supervisor. CASAs can access the following for additional supports; EAP program, share & support.',
  resources: ['Your Advocate Supervisor', 'EAP program', 'Share & support'],
};

/**
 * The longest message from the room this page reads (UTF-16 code units). A decision is sent whole
 * once per connection (a thousand replies of up to 1,000 characters: about 1.1 million), and every
 * other view is small. It was 200,000: a decision of more than about 190 long replies never showed.
 */
const MAX_MESSAGE_CHARS = 2_000_000;

const DEVICE_KEY = 'casa-practice-room-device';
const CODE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/;
const DEVICE = /^[A-Za-z0-9_-]{16,64}$/;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const els = {
  heading: $('heading'), status: $('status'), form: $<HTMLFormElement>('code-form'), code: $<HTMLInputElement>('code'),
  decision: $('decision'), title: $('decision-title'), prompt: $('prompt'), replies: $('replies'),
  feedback: $('feedback'), verdict: $('verdict'), whyReplies: $('why-replies'),
  reload: $<HTMLButtonElement>('reload'),
  people: $<HTMLDetailsElement>('people'), peopleCount: $('people-count'), peopleNone: $('people-none'), peopleList: $('people-list'),
  selfCare: $('self-care'),
  note: $('content-note'), noteTitle: $('note-title'), noteText: $('note-text'), noteMinutes: $('note-minutes'),
  said: $<HTMLDetailsElement>('said'), saidSummary: $('said-summary'), saidWords: $('said-words'),
  scene: $('scene'), sceneTitle: $('scene-title'), sceneWords: $('scene-words'),
  ending: $('ending'), endingTitle: $('ending-title'), endingText: $('ending-text'), endingOutcome: $('ending-outcome'), endingScore: $('ending-score'),
  discussion: $('discussion'), discussionTitle: $('discussion-title'), discussionWords: $('discussion-words'), discussionPrompt: $('discussion-prompt'), discussionQuestion: $('discussion-question'),
};

// The break screen's Self-Care words, set once (as text).
$('self-care-heading').textContent = `From the in-service guide: ${SELF_CARE_WORDS.heading}`;
$('self-care-text').textContent = SELF_CARE_WORDS.text;
$('self-care-list').replaceChildren(...SELF_CARE_WORDS.resources.map((r) => Object.assign(document.createElement('li'), { textContent: r })));

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** This phone's random id: made once, kept in localStorage (in memory only when storage is blocked). */
function deviceId(): string {
  const kept = storage()?.getItem(DEVICE_KEY);
  if (kept && DEVICE.test(kept)) return kept;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const id = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  try {
    storage()?.setItem(DEVICE_KEY, id);
  } catch {
    // private browsing: the id lasts as long as the page
  }
  return id;
}

const params = new URLSearchParams(location.search);
const room = (params.get('room') ?? '').toUpperCase();
const device = deviceId();
const seqKey = `casa-practice-room-seq-${room}`;
/** The last message number kept in storage: a whole number, or 0 for anything else (storage is the phone's to edit). */
function storedSeq(): number {
  const value = Number(storage()?.getItem(seqKey) ?? 0);
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}
let seq = storedSeq();
let socket: WebSocket | undefined;
let attempt = 0;
let retry: ReturnType<typeof setTimeout> | undefined;
let view: VoterView | undefined;
/** The shown number of the reply this phone just sent, until the room answers. */
let pending: number | undefined;
/** A refusal from the room: shown (and announced) until the next real change, not overwritten by the phase words. */
let notice: string | undefined;
let shownFeedback = '';
/** A reply was tapped while the connection was down: it was not sent, and the page keeps saying so until it is back. */
let unsent = false;
/**
 * The reply tapped just as the connection dropped (sent, but not confirmed): it may or may not have
 * reached the room. Until the room says, the page marks the vote it knows of, not this one.
 */
let unconfirmed: number | undefined;
const OFFLINE = 'Connection lost. Reconnecting…';
/** The connection dropped as a vote was on its way: the mark went back to the vote the room had confirmed. */
const UNCONFIRMED = 'Connection lost just as you voted, so your vote may not have reached the room. Reconnecting…';
/** Back, and the room does not have the vote sent as the connection dropped. */
const MISSED = 'Connected again. Your last tap did not reach the room: tap your reply again.';
const UNSENT = 'Connection lost, so your vote was not sent. Reconnecting… Tap your reply again once the page says it is connected again.';
/** Back after a tap that could not be sent: what UNSENT told the person to wait for (the vote marked, if any, is the one from before). */
const BACK = 'Connected again. The reply you tapped while the connection was lost was not sent: tap it again.';

/**
 * "“Title” is paused for a break.", as the break's words begin. "On a break: Title." read as if the
 * break were named after the scenario.
 */
function onBreakWords(v: VoterView): string {
  return `${v.scenarioTitle ? `“${v.scenarioTitle}”` : 'The session'} is paused for a break.`;
}

/**
 * The connection lost while the room was on a break (the trainer's laptop closed or restarting, or
 * this phone's Wi-Fi): the break is still the last thing the room said, so the page says so beside
 * the lost connection. "Connection lost" alone read as if a vote might be going on without this phone.
 */
function offlineOnBreak(v: VoterView): string {
  return `${onBreakWords(v)} The connection to the room was lost during the break. Reconnecting… Once it is back, this page shows where the session is.`;
}

/**
 * Says `text` in the page's status. A tap that could not be sent is said at once (assertive), as
 * the person has just acted and will otherwise take the vote as cast; everything else politely.
 */
function say(text: string, anew = false): void {
  const live = text === UNSENT ? 'assertive' : 'polite';
  if (els.status.getAttribute('aria-live') !== live) els.status.setAttribute('aria-live', live);
  // Something new in the same words (the story moved on from one scene to the next): a new line of
  // the status, read out again, as an unchanged status is not.
  if (anew) {
    const line = document.createElement('span');
    line.textContent = text;
    els.status.replaceChildren(line);
  } else if (els.status.textContent !== text) els.status.textContent = text;
}

/**
 * A room code refused: said as a new line of the status even when its words are the ones already
 * there (the same mistake twice: an unchanged status is not read out again, and the Join pressed
 * seemed to do nothing), and the field is marked invalid (its description is the status).
 */
function refuseCode(text: string): void {
  if (els.status.getAttribute('aria-live') !== 'polite') els.status.setAttribute('aria-live', 'polite');
  const line = document.createElement('span');
  line.textContent = text;
  els.status.replaceChildren(line);
  els.code.setAttribute('aria-invalid', 'true');
}

function nextSeq(): number {
  // Another tab of this phone (the QR code scanned twice) may have sent numbers since: it keeps them in storage.
  seq = Math.max(seq, storedSeq()) + 1;
  try {
    storage()?.setItem(seqKey, String(seq));
  } catch {
    // kept in memory
  }
  return seq;
}

function connect(): void {
  clearTimeout(retry);
  if (stale) return;
  if (socket && socket.readyState <= WebSocket.OPEN) return;
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/voter?v=${PROTOCOL}`);
  socket = ws;
  ws.onopen = () => ws.send(JSON.stringify({ type: 'join', room, device }));
  ws.onmessage = (event) => {
    // Anything from the room: this connection is alive.
    clearTimeout(checkTimer);
    if (typeof event.data !== 'string' || event.data.length > MAX_MESSAGE_CHARS) return;
    let message: ToVoter;
    try {
      message = JSON.parse(event.data) as ToVoter;
    } catch {
      return;
    }
    if (message.type === 'welcome') {
      attempt = 0;
      const lostTap = unsent;
      unsent = false;
      // The vote sent as the connection dropped arrived if the room has it now.
      const missed = unconfirmed !== undefined && message.view.vote !== unconfirmed;
      unconfirmed = undefined;
      // Carry on from the last number the room accepted (this phone may have lost its storage).
      seq = Math.max(seq, message.seq);
      // A vote sent as the connection dropped either arrived (the view shows it) or is gone.
      pending = undefined;
      show(message.view);
      // The tap made while offline is not in the room: the phase words ("Vote received", for a vote
      // from before) would read as if it were. Said until the next tap or real change.
      if ((lostTap || missed) && message.view.phase === 'open') {
        // With the vote the room has, by number: "tap it again" alone left a screen-reader user
        // unsure whether an earlier vote still stood (its mark is drawn; aria-pressed is heard only on focus).
        notice = `${lostTap ? BACK : MISSED}${message.view.vote !== undefined ? ` Your vote is still reply ${message.view.vote}.` : ''}`;
        render(message.view);
      }
    } else if (message.type === 'view') show(message.view);
    else if (message.type === 'error') {
      pending = undefined;
      clearTimeout(answerTimer);
      if (message.code === 'wrong-room') {
        // A code typed wrong, or one from a room that has closed (a new room has a new code): the
        // server cannot tell which, so the page says both, with the code there to correct.
        ws.onclose = null;
        ws.close();
        askForCode();
        refuseCode(`No room ${room} is running here. Check the code on the projector and type it again, or scan its QR code.`);
        els.code.value = room;
        // Where the code is put right: the focus had stayed on the page (a link or QR code opened it),
        // leaving a keyboard or screen-reader user to find the field. The status still says why.
        els.code.focus();
        return;
      }
      if (message.code === 'outdated') {
        // casa-practice was updated while this page was open: only a reload helps, so stop trying.
        ws.onclose = null;
        ws.close();
        socket = undefined;
        outOfDate(String(message.message));
        return;
      }
      // The refusal stays in the status until something really changes (render shows it instead of the phase words).
      notice = String(message.message);
      // This phone's count fell behind the room's (storage cleared mid-session): rejoining resyncs it.
      if (message.code === 'replayed' || message.code === 'out-of-order') ws.close();
      if (view) render(view);
      else say(notice);
    }
  };
  ws.onclose = () => lost(ws);
}

/**
 * How long a vote may wait for the room's answer before the page takes the connection for lost. The
 * room answers in well under a second; a phone whose Wi-Fi went away without a word keeps a socket
 * that looks open for minutes, and said "Sending your vote…" all that time.
 */
const ANSWER_MS = 6_000;
let answerTimer: ReturnType<typeof setTimeout> | undefined;

/** Waits for the room to answer the vote just sent on `ws`; without an answer in time, that connection is given up and a new one made. */
function awaitAnswer(ws: WebSocket): void {
  clearTimeout(answerTimer);
  answerTimer = setTimeout(() => {
    if (socket === ws && pending !== undefined) giveUp(ws);
  }, ANSWER_MS);
}

/** A connection that stopped answering: nothing more is read from it, and a new one is made (its welcome says where things stand). */
function giveUp(ws: WebSocket): void {
  ws.onmessage = null;
  ws.onclose = null;
  lost(ws);
  ws.close();
}

let checkTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * The phone wakes up or is back on a network: a connection that died unnoticed meanwhile still
 * looks open (nothing tells the page until it sends), and the page would wait on it, at "Waiting for
 * the trainer", through the vote the room opened. So it asks the room where things stand (a join
 * again, answered with a welcome); a connection that does not answer in time is given up.
 */
function check(): void {
  if (!socket) {
    attempt = 0;
    connect();
    return;
  }
  if (socket.readyState !== WebSocket.OPEN) return;
  const ws = socket;
  ws.send(JSON.stringify({ type: 'join', room, device }));
  clearTimeout(checkTimer);
  checkTimer = setTimeout(() => {
    if (socket === ws) giveUp(ws);
  }, ANSWER_MS);
}

/** The connection `ws` is gone (closed, or given up): say so, and try again with backoff. */
function lost(ws: WebSocket): void {
  if (socket !== ws) return;
  socket = undefined;
  clearTimeout(answerTimer);
  clearTimeout(checkTimer);
  // Backoff: 0.5 s, 1 s, 2 s … up to 10 s, with jitter so a room of phones does not return at once.
  const delay = Math.min(10_000, 500 * 2 ** attempt) * (0.75 + Math.random() / 2);
  attempt = Math.min(attempt + 1, 6);
  // The session is over: the room closing now is expected, and the page goes on saying it has ended
  // (not "Reconnecting"). It still tries, quietly: a room closed at the ending its story reached can
  // be resumed and taken back to the decision before it (room --resume, then u), and votes again.
  if (view?.phase === 'ended') {
    retry = setTimeout(connect, delay);
    return;
  }
  // The lost connection is the news now; a refusal from before it is over.
  notice = undefined;
  if (pending !== undefined) {
    // A vote on its way, unconfirmed: it may be lost with the connection. The vote the room
    // confirmed is marked again (a "✓ your vote" beside "Connection lost" read as counted).
    unconfirmed = pending;
    pending = undefined;
    if (view) render(view);
  }
  say(unsent ? UNSENT : unconfirmed !== undefined ? UNCONFIRMED : view?.phase === 'break' ? offlineOnBreak(view) : OFFLINE);
  retry = setTimeout(connect, delay);
}

/** The rounds whose reveal this page has shown, and the one the trainer went back to (shown again after a later moment), if any. */
const revealedRounds = new Set<number>();
let backTo: number | undefined;
/** Said before the reveal's words when the trainer went back to that decision. */
const WENT_BACK = 'The trainer went back to the decision before.';

/** What a phone sees of a view, to tell a real change from the same view sent again. */
let shownView = '';
/**
 * The decision the room last sent whole, with its key: later views of it name the key and leave its
 * replies out (the room sends them once per connection; a reconnection's welcome carries them again).
 */
let kept: { key: string; decision: PhoneDecision } | undefined;

function show(sent: VoterView): void {
  if (!sent || typeof sent !== 'object' || sent.room !== room) return;
  if (sent.decision && sent.decisionKey !== undefined) kept = { key: sent.decisionKey, decision: sent.decision };
  if (!sent.decision && sent.decisionKey !== undefined && kept?.key !== sent.decisionKey) {
    // A view of a decision this page was not sent (never expected: each connection is sent it first):
    // joining again brings it, in the welcome.
    socket?.send(JSON.stringify({ type: 'join', room, device }));
    return;
  }
  const next: VoterView = sent.decision || sent.decisionKey === undefined || !kept ? sent : { ...sent, decision: kept.decision };
  // The view as sent, without the decision's words (a thousand replies, stringified at every vote).
  const key = JSON.stringify({ ...sent, decision: undefined });
  if (key !== shownView) notice = undefined;
  shownView = key;
  // The trainer took the room back to a decision this page saw revealed (from the next decision's
  // discussion, a scene or the ending): said, until the room moves on. "Revealed: see why below." alone,
  // straight after "The room is talking this decision over", read as if a vote had gone by unheard.
  if (next.phase === 'revealed' && (view?.phase === 'waiting' || view?.phase === 'ended') && revealedRounds.has(next.round)) backTo = next.round;
  else if (next.phase !== 'break' && (next.phase !== 'revealed' || next.round !== backTo)) backTo = undefined;
  if (next.phase === 'revealed') revealedRounds.add(next.round);
  view = next;
  if (pending !== undefined && next.vote === pending) {
    pending = undefined;
    clearTimeout(answerTimer);
  }
  render(next);
}

function render(v: VoterView): void {
  // Focus on a reply or in the feedback, which this may disable, replace or hide.
  const at = document.activeElement;
  const hadFocus = at !== null && (els.decision.contains(at) || els.feedback.contains(at));
  draw(v);
  // Lost to the page (the vote locked: the replies come back disabled; the trainer moved on: the
  // feedback is hidden): it goes to the decision's heading, or the page's, not to nothing, so a
  // keyboard or switch on the phone keeps its place.
  const now = document.activeElement;
  if (hadFocus && (!now || now === document.body || (now instanceof HTMLElement && (now.closest('[hidden]') !== null || (now as HTMLButtonElement).disabled === true)))) {
    (els.decision.hidden ? els.heading : els.title).focus();
  }
}

/** Sets an element's text only when it differs: setting the same words replaces its text node all the same (a change a screen reader may read again). */
function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** Shows or hides an element, touching it only when that changes. */
function setHidden(el: HTMLElement, hidden: boolean): void {
  if (el.hidden !== hidden) el.hidden = hidden;
}

/** Sets an attribute only when its value differs. */
function setAttr(el: HTMLElement, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/**
 * The decision whose reply buttons are on the page: its key (or, for a view without one, the
 * decision itself) and its buttons by shown number. A view of the same decision (a vote, a changed
 * vote, the lock, the reveal, a reconnection's welcome) keeps the buttons and changes only their
 * state (pressed, disabled): rebuilding them at every view was a thousand new buttons on a phone for
 * one vote, and the element a screen reader or keyboard was on was gone.
 */
let drawnDecision: { key: string | PhoneDecision; buttons: Map<number, HTMLButtonElement> } | undefined;
/** What the feedback parts were last drawn from: they are rebuilt only when that changes. */
let drawnWhy = '';

/**
 * Why a reply is not available now, as the room sends it (version 15: the words the projector shows
 * beside it, "Reply 3 is not available now: …"), read as untrusted: a value that is not a string is
 * dropped, line breaks, control and invisible characters become spaces (one line), and a long one is
 * cut with "…". Without one (dropped or blank): "Reply 3 is not available now.", so the greyed
 * reply still says it in words.
 */
function unavailableLine(r: PhoneDecision['replies'][number]): string {
  const sent: unknown = (r as { unavailable?: unknown }).unavailable;
  // eslint-disable-next-line no-control-regex -- control characters are what this takes out
  const line = typeof sent === 'string' ? sent.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, ' ').replace(/\s+/g, ' ').trim() : '';
  if (line === '') return `Reply ${r.number} is not available now.`;
  if (line.length <= MAX_UNAVAILABLE_CHARS) return line;
  // Cut, never between the halves of a character (an emoji's surrogate pair).
  const cut = /[\ud800-\udbff]/.test(line.charAt(MAX_UNAVAILABLE_CHARS - 2)) ? MAX_UNAVAILABLE_CHARS - 2 : MAX_UNAVAILABLE_CHARS - 1;
  return `${line.slice(0, cut)}…`;
}

/**
 * A reply's button, and for one not available now the line under it that says why (as text; the
 * button's description, as the play page's greyed reply has, so a screen reader says it with it).
 */
function replyButton(r: PhoneDecision['replies'][number]): { button: HTMLButtonElement; why?: HTMLElement } {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'reply';
  // The reply's shown number is its only handle on the phone: no reply ids in the page.
  b.dataset.reply = String(r.number);
  const num = document.createElement('span');
  num.className = 'num';
  num.textContent = `${r.number}.`;
  const words = r.kind === 'do' ? `Do: ${r.text}` : r.text;
  b.append(num, document.createTextNode(words));
  // Named as shown, from its number on, "2. Do: …" (WCAG 2.5.3: a speech-input user says "click 2");
  // its words alone ran the number into them ("2.Do: …"), and the "✓ your vote" drawn on the
  // vote (voter.css) was read into it, where aria-pressed already says so.
  b.setAttribute('aria-label', `${r.number}. ${words}`);
  b.addEventListener('click', () => vote(r.number));
  if (r.enabled) return { button: b };
  // A reply the story does not open here is greyed out and says why under it, in the words the
  // projector and the laptop show beside it (a disabled button alone reads as "voting is closed" or
  // as a fault; "(not available now)" on the button said nothing of why).
  const why = document.createElement('p');
  why.className = 'reply-unavailable';
  why.id = `unavailable-${r.number}`;
  why.textContent = unavailableLine(r);
  b.setAttribute('aria-describedby', why.id);
  return { button: b, why };
}

/** A decision's narration and lines as paragraphs (as text), "Jade (youth): …", as the projector shows them. */
function wordsOf(narration: string | undefined, lines: NonNullable<PhoneDecision['lines']>): HTMLElement[] {
  const words: HTMLElement[] = [];
  if (narration) words.push(Object.assign(document.createElement('p'), { className: 'narration', textContent: narration }));
  for (const l of lines) {
    const p = document.createElement('p');
    p.className = 'line';
    const speaker = document.createElement('span');
    speaker.className = 'speaker';
    speaker.textContent = `${l.speaker}${l.role ? ` (${l.role})` : ''}:`;
    p.append(speaker, document.createTextNode(` ${l.text}`));
    words.push(p);
  }
  return words;
}

/**
 * The scenes that set up a decision with no words of its own (version 12), as the projector and the
 * presenter page show them: a region headed "Before this" (an h3 under the decision's heading, with
 * the id `id`), each scene under its heading as the phone showed it at that scene (its title, or
 * "Scene 2"), an h4, then its narration and lines, as text. Without the "Before this" heading the
 * opening scene's title sat straight under the decision's title, read as its subtitle.
 */
function setupWordsOf(setup: NonNullable<PhoneDecision['setup']> | undefined, id: string): HTMLElement[] {
  if (!setup || setup.length === 0) return [];
  const region = document.createElement('section');
  region.className = 'setup';
  region.setAttribute('aria-labelledby', id);
  const heading = Object.assign(document.createElement('h3'), { id, textContent: 'Before this' });
  region.append(heading, ...setup.flatMap((scene) => [Object.assign(document.createElement('h4'), { textContent: scene.title }), ...wordsOf(scene.narration, scene.lines)]));
  return [region];
}

/** What the discussion's words were last drawn from: they are rebuilt only when that changes. */
let drawnDiscussion = '';

/**
 * The decision the room is discussing before its vote (version 10): its title, narration, lines,
 * discussion prompt and question, as the projector shows them, for a person who cannot read the
 * projector (low vision, at the back). Its replies come with the vote. Up to version 9 the phone said
 * only "Waiting for the trainer to open the vote.", with nothing to discuss from.
 */
function drawDiscussion(d: VoterView['discussing']): void {
  setHidden(els.discussion, !d);
  const key = d === undefined ? '' : JSON.stringify(d);
  if (!d || key === drawnDiscussion) return;
  drawnDiscussion = key;
  setText(els.discussionTitle, d.title ?? 'Decision');
  // A decision with no words of its own: the scenes that set it up (version 12), which the phone showed just before.
  els.discussionWords.replaceChildren(...setupWordsOf(d.setup, 'discussion-setup'), ...wordsOf(d.narration, d.lines));
  setHidden(els.discussionPrompt, !d.discussionPrompt);
  setText(els.discussionPrompt, d.discussionPrompt ? `Discuss: ${d.discussionPrompt}` : '');
  setText(els.discussionQuestion, d.prompt ?? 'What do you say or do?');
}

/**
 * At a scene (no vote, nothing to discuss on the phone): what is going on. It said "Waiting for the
 * trainer to open the vote.", as if the vote were late, while the trainer showed the story.
 */
const SCENE = 'The trainer is showing the next part of the story on the projector. There is nothing to vote on yet.';
/** The same, with the scene's words below (version 11). */
const SCENE_BELOW = 'The trainer is showing the next part of the story; its words are below. There is nothing to vote on yet.';

/** What the scene's words were last drawn from: they are rebuilt only when that changes. */
let drawnScene = '';
/** The scene the last view was at ('' away from a scene): a view at another scene straight after it is said anew. */
let atScene = '';

/** The scene the trainer is showing (version 11): its heading and words, as the projector shows them, as text. */
function drawScene(s: VoterView['scene']): void {
  setHidden(els.scene, !s);
  const key = s === undefined ? '' : JSON.stringify(s);
  if (!s || key === drawnScene) return;
  drawnScene = key;
  setText(els.sceneTitle, s.title);
  els.sceneWords.replaceChildren(...wordsOf(s.narration, s.lines));
}

/**
 * The ending the story reached (version 13): headed as the projector heads it, "Ending: Title", with
 * its text, as text, and (version 14) the room's outcome and score under it. Up to version 12 the phone said only that the session had ended, while the
 * projector showed how the story ended: a person who cannot read the projector had nothing of it.
 */
function drawEnding(e: VoterView['ending']): void {
  setHidden(els.ending, !e);
  if (!e) return;
  setText(els.endingTitle, e.title ? `Ending: ${e.title}` : 'Ending');
  setHidden(els.endingText, !e.narration);
  setText(els.endingText, e.narration ?? '');
  // The room's outcome and score under it (version 14), as the projector shows them, in the core's
  // words (its band label, its scoreWords): the phone showed the story's words and not how the room
  // did, which the projector showed. Read as untrusted: a band that is not one of the core's, or a
  // score that is not a short line of text, is left out rather than shown.
  const outcome = typeof e.outcome === 'string' && BAND_WORDS.includes(e.outcome) ? e.outcome : undefined;
  const score = typeof e.score === 'string' && e.score.length > 0 && e.score.length <= MAX_SCORE_CHARS && !/[\r\n]/.test(e.score) ? e.score : undefined;
  setHidden(els.endingOutcome, !outcome);
  setText(els.endingOutcome, outcome ? `Outcome: ${outcome}` : '');
  setHidden(els.endingScore, !score);
  setText(els.endingScore, score ? `The room's score: ${score}` : '');
}

function draw(v: VoterView): void {
  setText(els.heading, `Live room ${v.room}`);
  const words: Record<VoterView['phase'], string> = {
    // Before the trainer's first step the room reads the content note (below, as on the projector).
    // At a decision shown for the room to discuss before its vote, its words below (as on the projector).
    // At a scene, what is going on (SCENE).
    waiting: v.contentNote ? 'Waiting for the trainer to start. Read the content note below first.' : v.discussing ? 'The room is talking this decision over; the vote opens soon.' : v.scene ? SCENE_BELOW : SCENE,
    // The confirmation names the reply the room has: a changed vote was confirmed in the same words
    // as the first, so a screen reader said nothing of which reply counted (the mark is drawn, and
    // aria-pressed is heard only on the button that has focus).
    open: v.vote ? `Vote received: reply ${v.vote}. You can change it until the trainer locks the vote.` : 'Vote now: choose a reply.',
    locked: v.vote ? 'Voting is closed. Waiting for the reveal.' : 'Voting is closed for this decision.',
    revealed: `${backTo === v.round ? `${WENT_BACK} ` : ''}${v.vote ? 'Revealed: see why below.' : 'Revealed. You did not vote on this decision: the best-practice reply and why are below.'}`,
    // At the ending the story reached, its words below (version 13), as the projector shows them.
    ended: v.ending ? 'The session has ended; the story\'s ending is below. Thank you for taking part.' : 'The session has ended. Thank you for taking part.',
    // The room sends nothing of the session on a break: the scenario's title, and this.
    break: `${onBreakWords(v)} Voting waits until the trainer is back. Any vote you have cast is kept.`,
  };
  // From one scene straight on to the next, the status's words stay the same ("The trainer is
  // showing the next part of the story…"), and a screen reader said nothing: only the scene's words
  // below changed, unannounced, as the projector moved on. Said again as a new line at each new scene.
  const scene = v.phase === 'waiting' && v.scene ? JSON.stringify(v.scene) : '';
  const nextScene = scene !== '' && atScene !== '' && scene !== atScene;
  atScene = scene;
  say(pending !== undefined ? 'Sending your vote…' : notice ?? words[v.phase], nextScene && pending === undefined && notice === undefined);
  const d = v.decision;
  setHidden(els.decision, !d);
  if (d) {
    const key = v.decisionKey ?? d;
    if (drawnDecision?.key !== key) {
      // A new decision (or the first): its words and buttons, made once. A reply that had focus
      // (the same decision sent again without a key) keeps it on its new button.
      setText(els.title, d.title ?? 'Decision');
      // Its narration and lines (version 11), under "What was said", closed at first so the replies
      // stay near the top of a phone's screen; opened, it stays open at the decisions after (the
      // person who needs it opens it once). Not a live region, and the focus stays where it was.
      // A decision with no words of its own has the scenes that set it up there instead (version 12),
      // each under its heading, as the projector's "Before this": it was empty and hidden.
      const lines = d.lines ?? [];
      const setup = d.setup ?? [];
      setHidden(els.said, !d.narration && lines.length === 0 && setup.length === 0);
      setText(els.saidSummary, lines.length > 0 || setup.some((scene) => scene.lines.length > 0) ? 'What was said' : 'What happened');
      els.saidWords.replaceChildren(...setupWordsOf(setup, 'said-setup'), ...wordsOf(d.narration, lines));
      setText(els.prompt, d.prompt ?? 'What do you say or do?');
      const drawn = d.replies.map(replyButton);
      const buttons = new Map(d.replies.map((r, i) => [r.number, drawn[i]!.button] as const));
      const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.reply : undefined;
      els.replies.replaceChildren(...drawn.flatMap(({ button, why }) => (why ? [button, why] : [button])));
      drawnDecision = { key, buttons };
      if (focused !== undefined) buttons.get(Number(focused))?.focus();
    }
    // Only what a view changes: which reply is this phone's vote, and whether a reply can be tapped.
    const marked = pending ?? v.vote;
    for (const r of d.replies) {
      const b = drawnDecision.buttons.get(r.number);
      if (!b) continue;
      setAttr(b, 'aria-pressed', String(marked === r.number));
      const disabled = v.phase !== 'open' || !r.enabled;
      if (b.disabled !== disabled) b.disabled = disabled;
    }
  }
  // The scenario's title and content note until the trainer's first step, as the projector shows
  // them (text only): for a person who cannot read the projector.
  const note = v.phase === 'waiting' ? v.contentNote : undefined;
  setHidden(els.note, !note);
  if (note) {
    setText(els.noteTitle, v.scenarioTitle ?? 'The scenario');
    setText(els.noteMinutes, `About ${note.minutes} minutes.`);
    setText(els.noteText, note.text);
  }
  drawDiscussion(v.phase === 'waiting' ? v.discussing : undefined);
  drawScene(v.phase === 'waiting' ? v.scene : undefined);
  drawEnding(v.phase === 'ended' ? v.ending : undefined);
  drawPeople(v.phase === 'break' ? undefined : v.people, v.phase === 'ended');
  setHidden(els.selfCare, v.phase !== 'break');
  const f = v.phase === 'revealed' ? v.feedback : undefined;
  setHidden(els.feedback, !f);
  // Drawn again only when what it says changed (not at every view: the part a screen reader was reading would go).
  const why = f ? JSON.stringify([f, v.decisionKey ?? '']) : '';
  if (f && why !== drawnWhy) {
    drawnWhy = why;
    // Each reply named as its button is, from its number on (an action as "Do: …").
    const named = (n: number, text: string) => `${n}. ${d?.replies.find((r) => r.number === n)?.kind === 'do' ? 'Do: ' : ''}${text}`;
    const others = f.bestPractice.map((b) => b.number);
    // The room sends a few best-practice replies (a scenario can tie hundreds) and how many more.
    const more = f.moreBestPractice;
    const count = others.length + more;
    const list = `${others.length === 1 ? `reply ${others[0]}` : `replies ${others.slice(0, -1).join(', ')} and ${others.at(-1)}`}${more > 0 ? `, and ${countOf(more)} more` : ''}`;
    // The verdict in one line (read with the section's name when focus moves to it): whose reply, and which was best practice.
    setText(els.verdict, !f.mine
      ? `You did not vote. Best practice here: ${list}.`
      : f.mine.best
        ? `Your reply was best practice.${others.length > 0 ? ` So ${count === 1 ? 'was' : 'were'} ${list}.` : ''}`
        : `Your reply was not the best-practice reply. Best practice here: ${list}.`);
    const tone = !f.mine ? '' : f.mine.best ? 'best' : 'not-best';
    if (els.verdict.className !== tone) els.verdict.className = tone;
    // One part per reply, each under its own heading that says whose it is and whether it is best
    // practice (in words, not colour alone): the phone's own reply first, then best practice.
    const parts = [
      // "Your reply": the verdict just above says whether it was best practice (its heading said it again).
      ...(f.mine ? [{ reply: f.mine, heading: 'Your reply', tone: f.mine.best ? 'best' : 'not-best' }] : []),
      ...f.bestPractice.map((b) => ({ reply: b, heading: f.mine?.best ? 'Also best practice' : 'Best practice', tone: 'best' })),
    ];
    els.whyReplies.replaceChildren(...parts.map(({ reply, heading, tone }, i) => {
      const part = document.createElement('section');
      part.className = `why why-${tone}`;
      part.setAttribute('aria-labelledby', `why-${i}`);
      const h = document.createElement('h3');
      h.id = `why-${i}`;
      h.textContent = heading;
      const said = document.createElement('p');
      said.className = 'why-reply';
      said.textContent = named(reply.number, reply.replyText);
      const text = document.createElement('p');
      text.className = 'why-text';
      text.textContent = reply.feedback;
      const principles = document.createElement('ul');
      principles.className = 'why-principles';
      principles.replaceChildren(...reply.principles.map((p) => {
        const li = document.createElement('li');
        li.textContent = verdictLine(p);
        return li;
      }));
      part.append(h, said, text, ...(reply.principles.length > 0 ? [principles] : []));
      return part;
    }), ...(more > 0 ? [moreWords(more)] : []));
  }
  if (f) {
    const key = `${v.round}:${v.vote}`;
    if (shownFeedback !== key) {
      shownFeedback = key;
      // Not taken from Who's who, where the person is reading names (a screen reader's place, and the
      // list they opened, were lost mid-name): the status says the reveal is below.
      if (!els.people.contains(document.activeElement)) els.feedback.focus();
    }
  }
}

/** What Who's who was last drawn from: it is rebuilt only when that changes (open or closed, it stays as the person left it). */
let drawnPeople = '';

/**
 * Who's who: the people the room has met so far, each by name and role, as the room sends them (as
 * text). Hidden for a room that sends none (an older one). The list grows as people appear; the
 * disclosure keeps its state (the phone's user opens and closes it).
 */
function drawPeople(people: VoterView['people'], ended: boolean): void {
  setHidden(els.people, people === undefined);
  if (!people) return;
  const key = JSON.stringify([people, ended]);
  if (key === drawnPeople) return;
  drawnPeople = key;
  // Once the session has ended nobody more will be met: "(2 met)", not "so far".
  setText(els.peopleCount, ` (${people.length} ${ended ? IN_ALL : SO_FAR})`);
  setText(els.peopleNone, NO_ONE);
  setHidden(els.peopleNone, people.length > 0);
  setHidden(els.peopleList, people.length === 0);
  els.peopleList.replaceChildren(...people.map((p) => {
    const li = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = p.name;
    li.append(name, ...(p.role ? [document.createTextNode(` (${p.role})`)] : []));
    return li;
  }));
}

/** After the best-practice replies a phone was sent: how many more there are, and where to read them. */
function moreWords(more: number): HTMLElement {
  const p = document.createElement('p');
  p.className = 'why-more';
  p.textContent = `And ${countOf(more)} more best-practice ${more === 1 ? 'reply' : 'replies'}, shown on the projector.`;
  return p;
}

function vote(reply: number): void {
  if (!view || view.phase !== 'open') return;
  if (!socket || socket.readyState !== WebSocket.OPEN) {
    unsent = true;
    say(UNSENT);
    // Someone is holding the phone now: try again at once rather than at the end of the backoff.
    if (!socket) {
      attempt = 0;
      connect();
    }
    return;
  }
  pending = reply;
  notice = undefined;
  socket.send(JSON.stringify({ type: 'vote', room, seq: nextSeq(), round: view.round, reply }));
  awaitAnswer(socket);
  render(view);
}

/** The room speaks another version of the protocol than this page: nothing this page sends can count. */
let stale = false;

/** The room speaks another version: the page says so, offers a reload, and shows nothing it could send. */
function outOfDate(text: string): void {
  stale = true;
  view = undefined;
  const at = document.activeElement;
  // Focus on a reply that is about to go (or on nothing) moves to the one thing left to do.
  const lost = !at || at === document.body || els.decision.contains(at) || els.feedback.contains(at);
  els.decision.hidden = true;
  els.feedback.hidden = true;
  els.people.hidden = true;
  say(text);
  els.reload.hidden = false;
  if (lost) els.reload.focus();
}
els.reload.addEventListener('click', () => location.reload());

let asking = false;
function askForCode(): void {
  els.form.hidden = false;
  if (asking) return;
  asking = true;
  els.decision.hidden = true;
  els.feedback.hidden = true;
  els.people.hidden = true;
  // Typing a new code clears the mark of the refused one (the words stay until the next Join).
  els.code.addEventListener('input', () => els.code.removeAttribute('aria-invalid'));
  els.form.addEventListener('submit', (e) => {
    e.preventDefault();
    const code = els.code.value.trim().toUpperCase();
    if (!CODE.test(code)) {
      // Six letters and digits, but one that codes leave out because it looks like another (YU8CWI).
      refuseCode(/^[A-Z0-9]{6}$/.test(code)
        ? 'Room codes never use 0, O, 1, I or L, which look alike: check the code on the projector again.'
        : 'A room code is six letters and digits, as shown on the projector.');
      return;
    }
    location.search = `?room=${encodeURIComponent(code)}`;
  });
}

if (!CODE.test(room)) {
  say('Type the room code shown on the projector.');
  askForCode();
} else {
  connect();
  // A phone waking up or back on Wi-Fi tries at once instead of waiting out its backoff, and checks a connection that still looks open.
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && check());
  window.addEventListener('online', check);
}
