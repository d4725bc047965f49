import { useCallback, useEffect, useRef, useState } from 'react';
import { breaksCritical, criticalGroups, decisionNumbers, guideCitation, progressWords, replyScoreWords, sceneHeading, sceneWords, unavailableWords, verdictLine, VERDICT_WORDS, votesWords, type Debrief, type ReplyView, type RevealEntry, type SessionView, type SetupMoment } from '../machines/index.js';
import { blankKeyOf, singleKeysOn, type ClickerKey } from './clicker.js';

/**
 * Presenter mode on two screens: the trainer's controls (laptop) send what the room should see to a
 * projector window of the same app over a BroadcastChannel (same origin, same browser: nothing
 * leaves the device). The projector only renders what it is sent, as text.
 */
export const PROJECTOR_CHANNEL = 'casa-practice-projector';

export interface ProjectedReply {
  number: number;
  text: string;
  kind: 'say' | 'do';
  /** A reply the story does not open at this decision: why, in the words the laptop shows beside it (unavailableWords). */
  unavailable?: string;
}

export interface ProjectedReveal {
  number: number;
  text: string;
  /** Something said, or an action ("Do: …"), as the replies before the reveal show it. */
  kind: 'say' | 'do';
  best: boolean;
  /** As ProjectedReply's: the story does not open it here (the trainer cannot follow it), and why. */
  unavailable?: string;
  votes: string;
  percent: number;
  /** Its points, "Score: +3" (replyScoreWords; version 13). */
  score: string;
  feedback: string;
  verdicts: ProjectedVerdict[];
}

/** One principle's verdict on a reply: its kind (the laptop's styling class) and its words, symbol first ("✓ follows …"). */
export interface ProjectedVerdict {
  verdict: keyof typeof VERDICT_WORDS;
  text: string;
}

/** Where the session stands, as the laptop's status line and the projector's both say it. */
export function stepWords(view: Pick<SessionView, 'kind' | 'progress'>, scene?: number): string {
  if (view.kind === 'decision') return progressWords(view);
  // A scene by its number in the playthrough when it is known (presenter mode: "Scene 3").
  return view.kind === 'scene' ? sceneWords(scene) : 'Ending';
}

/**
 * A moment's heading, on the laptop page and the projector alike: its title, or what it is. A scene
 * is headed by the core's sceneHeading (its title, or "Scene 3" by its number in the playthrough,
 * when known), the one rule the volunteer's page (sceneHeadingAt), the terminal and the live room
 * head it by: this page kept a copy of it. The projector, sent no title for an untitled decision,
 * headed it "Scene" where the laptop said "Decision".
 */
export function momentHeading(view: Pick<SessionView, 'kind'> & { title?: string | undefined }, scene?: number): string {
  if (view.kind === 'scene') return sceneHeading(view.title, scene);
  return view.title ?? (view.kind === 'decision' ? 'Decision' : 'Ending');
}

/**
 * With a live room: where phones join. `block`: the room code, the address and the QR code, while
 * the room is still joining (before its first vote) and while a decision waits for its votes; `line`:
 * the address and code on one line (a reveal, a scene later on), so that late joiners can still join
 * without the QR code taking a third of a 720 px projector from the replies.
 */
export interface ProjectedJoin {
  room: string;
  url: string;
  layout: 'block' | 'line';
}

/** The ending the story reached, as the laptop's debrief tells it: its title and closing text (the variant that applies). */
export interface ProjectedEnding {
  title: string;
  narration: string;
}

/**
 * The reply the trainer chose at the last decision (the branch the story follows), as the room saw
 * it at the reveal: its words, and whether it is something said or done. The room chose by the
 * reveal's numbers, but the next decision numbers its own replies, so the number is not sent. The
 * end screen shows it under the ending's title only: a session ended before the story reached an
 * ending (a live room's "End the session") has no ending it led to.
 */
export interface ProjectedFollowed {
  text: string;
  kind: 'say' | 'do';
}

/**
 * Which page of a reveal the trainer has the projector show (version 10). A reveal too long to read
 * whole at PROJECTOR_READABLE_SCALE is split by each projector window into pages of whole replies
 * (the facilitator note on the first); the window shows page `at` (its last when it has fewer) and
 * tells the trainer's page how it split this reveal (`id`), in a `pages` message.
 */
export interface ProjectedPage {
  /** This reveal, as the trainer's page names it (a new reveal starts at its first page). */
  id: string;
  /** The page asked for, from 0. */
  at: number;
}

/**
 * A scene that set up the decision on screen, shown above it under "Before this" (version 11): at a
 * decision with no words of its own that the trainer went back to, or a kept session came back at
 * (the core's decisionSetup). The room was asked "What do you say to Mr. Dunn?" with his line gone.
 */
export interface ProjectedSetup {
  title?: string;
  narration?: string;
  lines: { speaker: string; role?: string; text: string }[];
}

/**
 * The core's setup scenes (decisionSetup) as presenter mode shows them on the laptop and sends them
 * to the projector: each under the core's heading (its title, or "Scene 2" when untitled, as a live
 * room sends them), its narration and lines.
 */
export function headedSetup(scenes: readonly SetupMoment[]): { title: string; narration?: string; lines: SetupMoment['lines'] }[] {
  return scenes.map(({ heading, narration, lines }) => ({ title: heading, ...(narration ? { narration } : {}), lines }));
}

/** The core's setup scenes (headedSetup, or as a live room sends them) as the projector is sent them: their words only (no meter changes: a trainer-led session shows no meters). */
export function projectedSetup(scenes: readonly { title?: string; narration?: string; lines: readonly { speaker: string; role?: string; text: string }[] }[]): ProjectedSetup[] {
  return scenes.map((s) => ({
    ...(s.title ? { title: s.title } : {}), ...(s.narration ? { narration: s.narration } : {}),
    lines: s.lines.map((l) => ({ speaker: l.speaker, ...(l.role ? { role: l.role } : {}), text: l.text })),
  }));
}

export type ProjectorState =
  | { kind: 'moment'; scenarioTitle: string; step: string; title?: string; setup?: ProjectedSetup[]; narration?: string; lines: { speaker: string; role?: string; text: string }[]; discussionPrompt?: string; prompt?: string; replies: ProjectedReply[]; reveal?: ProjectedReveal[]; note?: string; join?: ProjectedJoin; followed?: ProjectedFollowed; page?: ProjectedPage }
  | { kind: 'done'; scenarioTitle: string; ending?: ProjectedEnding; followed?: ProjectedFollowed; outcome: string; reason?: string; critical?: string[]; score: string; agreement: string }
  /** The trainer blanked the projector (B or ., a clicker's blank-screen button): the room sees a dark screen until it is shown again. */
  | { kind: 'blank' }
  /**
   * The trainer took a break ("Take a break" on the laptop): the room sees a calm screen saying so,
   * with the scenario's title, and nothing of the session (version 12). Back from the break, the
   * laptop sends what the projector showed before (the moment, the reveal at its page, or the blank
   * screen if the trainer had blanked it).
   */
  | { kind: 'break'; scenarioTitle: string };

/** What the projector window says during the trainer's break: its heading, and the line under it. */
export const PROJECTOR_BREAK_WORDS = {
  heading: 'Taking a break',
  back: 'Back soon: the session carries on from where it stopped.',
} as const;

/** The break screen for what the projector shows now: the scenario's title kept (none from a blank screen or a page still connecting). */
export function projectedBreak(state: ProjectorState): ProjectorState {
  return { kind: 'break', scenarioTitle: 'scenarioTitle' in state ? state.scenarioTitle : '' };
}

/**
 * The version of the messages between the laptop and the projector window. A projector window left
 * open across an update of casa-practice runs the older page while the laptop's page, reloaded, is
 * the newer one (or the other way round). Each message carries its sender's version (none before
 * version 2); when they differ, the projector window says which page to reload and tells the laptop,
 * which says it to the trainer. Raise it whenever what is sent changes (4: the join's layout, and
 * the ending on the end screen; 5: the reply the story follows, `followed`, and the clicker keys a
 * projector window passes on, `key`; 6: the blank screen, a state of its own and a key passed on; 7:
 * each line's speaker with their role, "Ana (CSW):", as the volunteer's page and the terminal say it;
 * 8: a revealed reply's kind, so that an action is "Do: …" at the reveal too; 9: at the end, why
 * the outcome is what it is and the critical violations, `reason` and `critical`; and a reply the
 * story does not open at the decision, why, `unavailable`, before and at the reveal; 10: a reveal in
 * pages, the page asked for, `page`, and how a window split it, the `pages` message; 11: a
 * decision's setup, the scenes before it, `setup`, when it is opened other than from them; 12: the
 * trainer's break, a state of its own, `break`; 13: each revealed reply's points, `score`; 14: what a
 * window shows going on below its edge, the `overflow` message, and the trainer's page scrolling it, `scroll`;
 * 15: a decision's question, `prompt`, above its replies: the room voted on replies to a question
 * only the laptop and the phones showed).
 */
export const PROJECTOR_PROTOCOL = 15;

export type ProjectorMessage =
  | { type: 'state'; state: ProjectorState; v?: number }
  /**
   * The trainer's page left the session (went to another page of the app, or was closed): the
   * projector stops showing it (version 3; an older window ignores it and keeps the last moment).
   */
  | { type: 'left'; v?: number }
  | { type: 'hello'; v?: number }
  /** From a projector window whose version differs from the laptop's state message (`v`: the window's). */
  | { type: 'mismatch'; v: number }
  /**
   * A presentation clicker's key pressed in the projector window (it has the focus once moved to the
   * projector), passed on to the trainer's page, which takes it as its own (see clicker.tsx). Taken
   * only from a window of this version (version 5). `pressed`: the key as KeyboardEvent.key names it
   * (PageDown, ArrowRight…), for the words said about it (a Right arrow is not called Page Down);
   * without it, the key's usual name.
   */
  | { type: 'key'; key: ClickerKey | 'blank'; v: number; pressed?: string }
  /**
   * From a projector window: how it split the reveal `id` into pages, each page the numbers of the
   * replies on it (one page: the reveal fits whole); none when the window closes (version 10).
   * `window` tells the windows apart: the trainer's page follows the one that needs the most pages.
   */
  | { type: 'pages'; id: string; window: string; pages: number[][]; v: number }
  /**
   * From a projector window (version 14): whether what it shows goes on below its bottom edge (`below`:
   * even its smallest type does not fit, as a long scene of the trainer's own file may not), and
   * whether it is scrolled down from its top (`above`); both false when the window closes. `window`
   * tells the windows apart. The trainer's page then takes Page Down (or Page Up) to scroll it.
   */
  | { type: 'overflow'; window: string; below: boolean; above: boolean; v: number }
  /** From the trainer's page (version 14): scroll the projector window a screen down (`next`) or up (`back`), as Page Down and Page Up pressed there do. */
  | { type: 'scroll'; to: ClickerKey; v: number };

/** One of the two pages: the trainer's (laptop) or the projector window. */
export type OutOfDate = 'projector' | 'laptop';
/**
 * Which page is out of date, seen from `here`, given the version the other page sent (a page from
 * before version 2 sends none; anything but a whole number counts as that); none when they agree.
 */
export function outOfDate(theirs: unknown, here: OutOfDate): OutOfDate | undefined {
  const v = typeof theirs === 'number' && Number.isInteger(theirs) ? theirs : 1;
  if (v === PROJECTOR_PROTOCOL) return undefined;
  return v < PROJECTOR_PROTOCOL ? (here === 'laptop' ? 'projector' : 'laptop') : here;
}

/** What the laptop says when the projector window's version differs from its own. */
export const PROJECTOR_OUT_OF_DATE_WORDS: Record<OutOfDate, string> = {
  projector: 'The projector window is from an older version of casa-practice, so it may not show this session as it should. Choose “Open a projector window” again: it reloads that window.',
  laptop: 'The projector window is from a newer version of casa-practice than this page. Reload this page (your place in the session is kept), then choose “Open a projector window” again.',
};

export function openChannel(): BroadcastChannel | undefined {
  return typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(PROJECTOR_CHANNEL);
}

/**
 * One revealed reply as the projector shows it: the reply, best practice marked, votes, feedback, verdicts
 * (each in the core's words, verdictLine: "✓ follows Title (guide: …)", as the terminal's reveal says it).
 */
export function projectedReveal(entries: readonly RevealEntry[], total: number, replies: readonly ReplyView[]): ProjectedReveal[] {
  const byId = new Map(replies.map((r) => [r.id, r]));
  return entries.map((e) => {
    const reply = byId.get(e.replyId);
    return {
      number: e.number, text: e.replyText, kind: e.replyKind, best: e.best, ...(reply && !reply.enabled ? { unavailable: unavailableWords(reply) } : {}), votes: votesWords(e, total), percent: e.percent, score: replyScoreWords(e.value), feedback: e.feedback,
      verdicts: (e.assessments ?? []).map((a) => ({ verdict: a.verdict, text: verdictLine({ ...a, critical: breaksCritical(a) }) })),
    };
  });
}

/**
 * A decision's replies as the room reads them before the reveal: a reply the story does not open
 * here says so and why, as on the laptop (and greyed out on the phones). The projector showed it as
 * one more choice: the room discussed and voted for a reply the trainer then could not follow.
 */
export function projectedReplies(replies: readonly ReplyView[]): ProjectedReply[] {
  return replies.map((r) => ({ number: r.number, text: r.text, kind: r.kind, ...(r.enabled ? {} : { unavailable: unavailableWords(r) }) }));
}

/** At an ending: its title and closing text as the session view has them (the variant that applies, as the laptop shows it); none elsewhere. */
export function projectedEnding(view: Pick<SessionView, 'kind' | 'title' | 'narration'>): ProjectedEnding | undefined {
  return view.kind === 'ending' ? { title: view.title ?? '', narration: view.narration ?? '' } : undefined;
}

/**
 * The end screen's outcome, as the laptop's debrief says it: the band, why (the core's reason: "A
 * prohibited activity in the guide (a critical violation) always needs review…"), and each critical
 * violation first, by principle and guide section. The room saw "Outcome: Needs review" and a score
 * without the prohibited activity that set it, which the laptop's debrief lists first.
 * Each principle once (the core's criticalGroups, as the laptop's debrief names them), and, broken
 * at more than one decision, at which ("…, at decisions 2 and 5", by the numbers the projector showed
 * at each decision): the same line came once per decision, six times over for trafficker-contact's
 * "No communication with a trafficker", with nothing to tell them apart.
 */
export function projectedOutcome(debrief: Pick<Debrief, 'outcome' | 'criticalViolations'> & Partial<Pick<Debrief, 'turns'>>): { outcome: string; reason: string; critical: string[] } {
  // The decision of each violation: the first turn of its decision and reply not yet counted for its principle.
  const turns = debrief.turns ?? [];
  const counted = new Set<string>();
  const found = debrief.criticalViolations.map((c) => {
    const turn = turns.findIndex((t, i) => t.nodeId === c.nodeId && t.replyId === c.replyId && !counted.has(`${i} ${c.principleId}`));
    if (turn >= 0) counted.add(`${turn} ${c.principleId}`);
    return { title: c.title, section: c.section, turn };
  });
  return {
    outcome: `Outcome: ${debrief.outcome.label}`,
    reason: debrief.outcome.reason,
    critical: criticalGroups(found).map((g) => `✗ ${g.title} (${guideCitation(g.section)})${g.turns.length > 1 ? `, at ${decisionNumbers(g.turns)}` : ''}`),
  };
}

/**
 * The reply the story follows, from the trainer's last choice (the session view's last reply), for
 * every moment after it until the next reveal (which gives the screen to that decision's replies),
 * and for the end screen when the story reached an ending; none before the first choice. Without it
 * the projector went from the reveal to the next moment without telling the room which reply the
 * trainer had chosen for it.
 */
export function projectedFollowed(view: Pick<SessionView, 'lastFeedback'>, revealed: boolean): ProjectedFollowed | undefined {
  const last = view.lastFeedback;
  return last && !revealed ? { text: last.replyText, kind: last.replyKind } : undefined;
}

/**
 * Keeps a projector window in step with the trainer's page: sends `state` whenever it changes, and
 * again to a projector window opened later (it says hello). Returns the function that opens one, and
 * which page is out of date when the window's version differs from this page's (see PROJECTOR_PROTOCOL).
 * Only the page in charge drives the projector: with two tabs on one room session, the one that
 * has stopped (`inCharge` false) neither sends nor answers, so the room sees one session, not two
 * taking turns; when it takes over, it sends its state at once.
 */
/** The projector window's address (the same page, bare): to open by hand when the browser will not open it. */
export function projectorAddress(): string {
  return `${location.origin}${location.pathname}?projector#/projector`;
}

/** How the projector window is opened: as a window of its own (not a tab), in a projector's shape. */
export const PROJECTOR_WINDOW_FEATURES = 'popup,width=1280,height=720';

/**
 * Said on the content note's page, beside "Open a projector window": where the window opens and how
 * to put it on the projector. A trainer new to presenter mode found a window on the laptop and no
 * word of what to do with it.
 */
export const PROJECTOR_HOWTO_WORDS = 'The projector window opens on this screen: move it to the projector\'s screen and make it full screen there (F11; on a Mac, Control-Command-F).';

/** What the trainer's page says when the browser did not open the projector window (a pop-up blocker). */
export const PROJECTOR_BLOCKED_WORDS = 'The browser did not open the projector window (it may block pop-ups for this site). Allow pop-ups for this site and choose “Open a projector window” again, or open this address in a new window and move that window to the projector:';

/**
 * Where this tab keeps whether the trainer blanked the projector (sessionStorage: this tab only,
 * gone with it), so that a reload of the trainer's page, "Start the session" or "Start over" (each a
 * new page of the session) keeps the projector dark until the trainer shows it again. It came back
 * lit: a reload at a reveal the trainer had blanked showed the room the replies and the note.
 */
export const BLANK_KEY = 'casa-practice/projector-blank';

function keptBlank(): boolean {
  try {
    return sessionStorage.getItem(BLANK_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * `paused`: the trainer is on a break (the app's "Take a break"): the projector shows the break
 * screen (projectedBreak) instead of the session, or of the blank screen, until the break ends; then
 * what it showed before, blank or not. The blank-screen key does nothing meanwhile (the trainer's
 * page is hidden behind the break, where a B pressed changed what the room would see on coming back).
 */
export function useProjector(state: ProjectorState, inCharge = true, onKey?: (key: ClickerKey, pressed?: string) => void, paused = false): [open: () => void, outdated: OutOfDate | undefined, blocked: number, blank: ProjectorBlank] {
  // Blanked (B or ., or the page's button): the room sees a dark screen, whatever the session shows meanwhile.
  const [blank, setBlank] = useState(keptBlank);
  const toggleBlank = useCallback(() => setBlank((b) => !b), []);
  useEffect(() => {
    try {
      if (blank) sessionStorage.setItem(BLANK_KEY, '1');
      else sessionStorage.removeItem(BLANK_KEY);
    } catch {
      // Storage refused: the blank lasts as long as this page.
    }
  }, [blank]);
  const text = JSON.stringify(paused ? projectedBreak(state) : blank ? ({ kind: 'blank' } satisfies ProjectorState) : state);
  // A clicker key the projector window passed on: the page's own handler as it is now.
  const keyHandler = useRef(onKey);
  keyHandler.current = onKey;
  const channel = useRef<BroadcastChannel | undefined>(undefined);
  const [outdated, setOutdated] = useState<OutOfDate>();
  // The browser gave no window (window.open returned null): said on the page, with the address, as
  // the button otherwise did nothing at all. Counts such presses (0: none since one opened), so that
  // each is announced again.
  const [blocked, setBlocked] = useState(0);
  // Whether this page drives the projector now, for the moment it leaves (it says so only then).
  const driving = useRef(inCharge);
  driving.current = inCharge;
  // Sends the page's state now (when it is in charge): set by the effect below as the state changes.
  const resend = useRef<() => void>(() => {});
  useEffect(() => {
    const c = openChannel();
    channel.current = c;
    // Leaving the session (another page of the app, or the tab closed or reloaded) clears the
    // projector, so the room is not left looking at a moment, or a note, the trainer has moved on
    // from; a page that comes back sends its state again.
    const left = () => {
      if (driving.current) c?.postMessage({ type: 'left', v: PROJECTOR_PROTOCOL } satisfies ProjectorMessage);
    };
    // A page the browser kept and shows again (Back after leaving the app: the back/forward cache)
    // runs no effect again, so it sends its state itself; the projector was told it had left.
    const back = (e: PageTransitionEvent) => {
      if (e.persisted) resend.current();
    };
    window.addEventListener('pagehide', left);
    window.addEventListener('pageshow', back);
    return () => {
      window.removeEventListener('pagehide', left);
      window.removeEventListener('pageshow', back);
      left();
      c?.close();
    };
  }, []);
  useEffect(() => {
    const c = channel.current;
    if (!c) return;
    if (!inCharge) {
      c.onmessage = null;
      resend.current = () => {};
      return;
    }
    const current = JSON.parse(text) as ProjectorState;
    const send = () => c.postMessage({ type: 'state', state: current, v: PROJECTOR_PROTOCOL } satisfies ProjectorMessage);
    resend.current = send;
    send();
    c.onmessage = (e: MessageEvent<unknown>) => {
      const m = typeof e.data === 'object' && e.data !== null ? (e.data as { type?: unknown; v?: unknown }) : {};
      if (m.type === 'hello') {
        // A window opened (or reopened) now: it is as up to date as its hello says.
        setOutdated(outOfDate(m.v, 'laptop'));
        send();
      } else if (m.type === 'mismatch') setOutdated(outOfDate(m.v, 'laptop'));
      else if (m.type === 'key' && m.v === PROJECTOR_PROTOCOL) {
        const key = (m as { key?: unknown }).key;
        // (Another window's word for the key: only a key name clicker.tsx knows is ever said.)
        const pressed = (m as { pressed?: unknown }).pressed;
        if (key === 'next' || key === 'back') keyHandler.current?.(key, typeof pressed === 'string' ? pressed : undefined);
        else if (key === 'blank' && singleKeysOn() && !paused) toggleBlank();
      }
    };
  }, [text, inCharge, paused, toggleBlank]);
  // B or . (what a clicker's blank-screen button sends) on this page, outside a text field.
  useEffect(() => {
    if (!inCharge || paused) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat || !blankKeyOf(e)) return;
      e.preventDefault();
      toggleBlank();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [inCharge, paused, toggleBlank]);
  // The projector page only listens on the channel: no room link, no token in its address. Opening it
  // again navigates the window already open under that name, which loads the page as it is now.
  // A window of its own ('popup'), to move to the projector's screen: without it a browser opened a
  // tab over the trainer's page, which a trainer then had to drag out of the window first.
  const open = () => {
    setOutdated(undefined);
    const opened = window.open(`${location.pathname}?projector#/projector`, 'casa-practice-projector', PROJECTOR_WINDOW_FEATURES);
    setBlocked((n) => (opened ? 0 : n + 1));
  };
  return [open, outdated, blocked, { on: blank, toggle: toggleBlank }];
}

/** Whether the projector is blanked, and the toggle (for the page's button). */
export interface ProjectorBlank {
  on: boolean;
  toggle: () => void;
}

/**
 * The smallest the projector's type is made for a reveal that can be split into pages: 75% (a
 * reply's words at about 16 px in a 1024×768 window), read from the back of a room. A reveal that
 * fits whole only in smaller type (down to 13 px, PROJECTOR_MIN_SCALE) is split instead: 43 of the
 * 115 bundled reveals did, at 1024×768 with a live room's join line, and couch-rent's d8-report
 * did not fit even then.
 */
export const PROJECTOR_READABLE_SCALE = 0.75;

/** Where this tab keeps the page of the reveal the projector shows (sessionStorage, as BLANK_KEY), so a reload of the trainer's page keeps it. */
export const REVEAL_PAGE_KEY = 'casa-practice/projector-page';

function keptPage(): ProjectedPage | undefined {
  try {
    const kept = JSON.parse(sessionStorage.getItem(REVEAL_PAGE_KEY) ?? 'null') as unknown;
    if (typeof kept !== 'object' || kept === null) return undefined;
    const { id, at } = kept as { id?: unknown; at?: unknown };
    return typeof id === 'string' && typeof at === 'number' && Number.isInteger(at) && at >= 0 ? { id, at } : undefined;
  } catch {
    return undefined;
  }
}

/** A reveal's pages on the projector, as the trainer's page steps through them (useRevealPages). */
export interface RevealPaging {
  /** The page shown, from 0 (0 when the reveal is on one page). */
  at: number;
  /** How many pages: those of the projector window that needs the most; 1 with no window (or all fit whole). */
  count: number;
  /** The numbers of the replies on each page, as that window split them. */
  pages: number[][];
  /** Counts the trainer's steps between this reveal's pages (0: none yet), for the page to say each one. */
  moved: number;
  next: () => void;
  back: () => void;
}

/** Reply numbers in words: "reply 3", "replies 1 and 2", "replies 1, 2 and 3". */
function repliesWords(numbers: readonly number[]): string {
  if (numbers.length <= 1) return `reply ${numbers[0] ?? ''}`.trim();
  return `replies ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/** What the trainer's page says of the page the projector shows: "Projector: page 1 of 2 of the reveal, replies 1 and 2." */
export function revealPageWords(paging: Pick<RevealPaging, 'at' | 'count' | 'pages'>): string {
  return `Projector: page ${paging.at + 1} of ${paging.count} of the reveal, ${repliesWords(paging.pages[paging.at] ?? [])}.`;
}

/**
 * The trainer's side of a reveal in pages: listens to the projector windows' `pages` messages for the
 * reveal `id` (none: no reveal on screen) and keeps the page asked for, across a reload of this page
 * (sessionStorage). A new reveal starts at its first page. With two windows of different sizes, it
 * follows the one that needs the most pages; the other shows its last page meanwhile.
 */
export function useRevealPages(id: string | undefined): RevealPaging {
  const [reports, setReports] = useState<ReadonlyMap<string, { id: string; pages: number[][] }>>(new Map());
  useEffect(() => {
    const c = openChannel();
    if (!c) return;
    c.addEventListener('message', (e: MessageEvent<unknown>) => {
      const m = typeof e.data === 'object' && e.data !== null ? (e.data as Partial<Record<string, unknown>>) : {};
      if (m.type !== 'pages' || m.v !== PROJECTOR_PROTOCOL || typeof m.window !== 'string' || typeof m.id !== 'string' || !Array.isArray(m.pages)) return;
      const pages = m.pages.filter((p): p is number[] => Array.isArray(p) && p.every((n) => typeof n === 'number')).slice(0, 50);
      const from = m.window;
      const of = m.id;
      setReports((r) => {
        if (JSON.stringify(r.get(from)) === JSON.stringify({ id: of, pages })) return r;
        const next = new Map(r);
        if (pages.length === 0) next.delete(from);
        else next.set(from, { id: of, pages });
        return next;
      });
    });
    return () => c.close();
  }, []);
  const [asked, setAsked] = useState<ProjectedPage | undefined>(keptPage);
  // Leaving a reveal (back to the votes, on to the next moment) forgets its page: it is revealed
  // again from its first. (Not before any reveal: a reloaded page has none until its state is back.)
  const [seen, setSeen] = useState(id);
  if (seen !== id) {
    setSeen(id);
    if (seen !== undefined && id === undefined && asked) setAsked(undefined);
  }
  let pages: number[][] = [];
  for (const r of reports.values()) if (r.id === id && r.pages.length > pages.length) pages = r.pages;
  const count = id === undefined ? 1 : Math.max(1, pages.length);
  // The page asked for is kept as asked: a window that has not said how it splits this reveal yet
  // (after a reload) shows its first page meanwhile, then the one asked for.
  const at = id !== undefined && asked?.id === id ? Math.min(asked.at, count - 1) : 0;
  useEffect(() => {
    try {
      if (asked) sessionStorage.setItem(REVEAL_PAGE_KEY, JSON.stringify(asked));
      else sessionStorage.removeItem(REVEAL_PAGE_KEY);
    } catch {
      // Storage refused: the page lasts as long as this page.
    }
  }, [asked]);
  const [moved, setMoved] = useState<{ id: string; n: number }>();
  const go = (to: number) => {
    if (id === undefined || to < 0 || to >= count || to === at) return;
    setAsked({ id, at: to });
    setMoved((m) => ({ id, n: (m?.n ?? 0) + 1 }));
  };
  return { at, count, pages, moved: moved !== undefined && moved.id === id ? moved.n : 0, next: () => go(at + 1), back: () => go(at - 1) };
}

/**
 * What the projector windows show going on past their edges (their `overflow` messages): `below`,
 * some window has more below its bottom edge that the room cannot see (a scene too long for it even
 * in its smallest type); `above`, some window is scrolled down from its top. `next` and `back` scroll
 * them a screen down or up, as Page Down and Page Up pressed in the window do; `moved` counts them.
 */
export interface ProjectorOverflow {
  below: boolean;
  above: boolean;
  moved: number;
  next: () => void;
  back: () => void;
}

/** The trainer's side of ProjectorOverflow: listens to every projector window, and scrolls them. */
export function useProjectorOverflow(): ProjectorOverflow {
  const [reports, setReports] = useState<ReadonlyMap<string, { below: boolean; above: boolean }>>(new Map());
  const [moved, setMoved] = useState(0);
  const channel = useRef<BroadcastChannel | undefined>(undefined);
  useEffect(() => {
    const c = openChannel();
    if (!c) return;
    channel.current = c;
    c.addEventListener('message', (e: MessageEvent<unknown>) => {
      const m = typeof e.data === 'object' && e.data !== null ? (e.data as Partial<Record<string, unknown>>) : {};
      if (m.type !== 'overflow' || m.v !== PROJECTOR_PROTOCOL || typeof m.window !== 'string') return;
      const from = m.window;
      const report = { below: m.below === true, above: m.above === true };
      setReports((r) => {
        const was = r.get(from);
        if (was ? was.below === report.below && was.above === report.above : !report.below && !report.above) return r;
        const next = new Map(r);
        if (!report.below && !report.above) next.delete(from);
        else next.set(from, report);
        return next;
      });
    });
    return () => {
      channel.current = undefined;
      c.close();
    };
  }, []);
  const scroll = (to: ClickerKey) => {
    channel.current?.postMessage({ type: 'scroll', to, v: PROJECTOR_PROTOCOL } satisfies ProjectorMessage);
    setMoved((n) => n + 1);
  };
  const all = [...reports.values()];
  return { below: all.some((r) => r.below), above: all.some((r) => r.above), moved, next: () => scroll('next'), back: () => scroll('back') };
}
