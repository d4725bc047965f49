import { z } from 'zod';
import type { RevealEntry } from '../facilitation/votes.js';
import { BAND_LABELS } from '../report/words.js';
import { MAX_REPLIES } from '../schema/scenario.js';
import type { SessionView } from '../selectors.js';
import { ROOM_CODE, ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH, TOKEN } from './codes.js';

/**
 * The live room's wire protocol: every message a phone (voter) or the trainer's presenter page may
 * send, and every message the room server sends back, as zod schemas. The server parses each
 * incoming message with `parseClientMessage` (size limit, JSON, schema) before anything else looks
 * at it; sequence numbers and the room code are checked by the room reducer (`reduceRoom`).
 *
 * Envelope rules, both roles:
 * - `room`: the room code; a message for another room is refused (a phone left open on last
 *   week's room, or a server restarted with a new room).
 * - `seq`: a whole number the sender increases with every message after its hello/join. The
 *   server remembers the last one it accepted per device (and for the presenter), in the persisted
 *   room state: an equal number is a replay, a smaller one is out of order, both refused. Gaps are
 *   allowed (messages sent while a connection was dropping may never arrive). The welcome message
 *   tells a (re)connecting sender the last number accepted, so it carries on from there.
 * - `round` / `node`: actions name the vote round or node they are about, so a vote or a double
 *   click that arrives after the room moved on is refused instead of landing on the wrong decision.
 *
 * Phones: the version of this protocol the voter page speaks is in the address it connects to
 * (`/ws/voter?v=15`, VOTER_PROTOCOL). A phone can keep a page from an older casa-practice open
 * across the trainer's upgrade and restart; every message from a connection whose version differs
 * (or that names none, as pages from before versions did) is refused as `outdated`, whose message
 * tells the person to reload the page. Such a connection never joins: it is not counted.
 *
 * The presenter page does the same (`/ws/presenter?v=15`, PRESENTER_PROTOCOL): a trainer's page (and
 * the projector window it feeds) left open across an upgrade and restart of the room reconnects by
 * itself, names an old version or none, and is refused as `outdated` whatever it sends (token or
 * not), so it never becomes the room's presenter: it changes nothing, is sent no views or counts,
 * and the page says in words to reload it. A current presenter page carries on as before.
 */

/**
 * The version of the phone ↔ room protocol. Raise it whenever a message a phone sends or one it is
 * sent changes shape, so a page left open from before is told to reload instead of being refused as
 * malformed. The voter page states it in the address it connects to (`voterSocketPath`).
 * Version 8: the trainer's break (the `break` phase, `scenarioTitle`, and the `on-break` refusal).
 * Version 9: the content note (`contentNote`, with `scenarioTitle`) while the room waits for the trainer's first step.
 * Version 10: the decision the room is discussing before its vote opens (`discussing`).
 * Version 11: the decision sent with the vote carries its narration and lines (`decision.narration`,
 * `decision.lines`), and a scene's words are sent while the trainer shows it (`scene`).
 * Version 12: a decision with no words of its own is sent with the scenes that set it up, headed as
 * the phone headed them (`discussing.setup`, `decision.setup`).
 * Version 13: at the ending the story reached, its title and text (`ending`), as the projector shows them.
 * Version 14: with them, the room's outcome band and score (`ending.outcome`, `ending.score`), as the projector shows them.
 * Version 15: a reply not available now says why (`decision.replies[].unavailable`), in the words the
 * projector and the laptop show beside it (the core's unavailableWords). Up to version 14 the phone
 * said only "(not available now)".
 */
export const VOTER_PROTOCOL = 15;

/** The address (path and query) a voter page of this version opens its WebSocket on. */
export function voterSocketPath(version: number = VOTER_PROTOCOL): string {
  return `/ws/voter?v=${version}`;
}

/**
 * The version of the presenter page ↔ room protocol. Raise it whenever a message the presenter page
 * sends or is sent changes shape. Pages from before versions named none (version 1 in effect), so
 * the first named version is 2. The page states it in the address it connects to (`presenterSocketPath`).
 * Version 9: the trainer's break (the `break` command, the view's `onBreak`, the `on-break` refusal).
 * Version 10: who ended the room's last break (the view's `breakEndedBy`).
 * Version 11: an untitled scene's number in the playthrough (the view's `sceneNumber`).
 * Version 12: each page names itself in its hello (`page`, PAGE_ID) and the view says which page
 * ended the room's last break (`breakEndedPage`), so two pages that end the same break at once each
 * know whether it was their own command or the other page's that ended it.
 * Version 13: each break has a number (the view's `breakNumber`) and a page's command to end a break
 * names it (`break`), so a command sent about a break that is over no longer ends a newer one.
 * Version 14: the view names the pages whose own break the room's is (`breakPages`): two pages that
 * take a break at once are on one break, and each page's "Back from break" takes only that page off
 * it while the other is still on it.
 * Version 15: a story that opens on a decision pauses there for the room to discuss it, as at every
 * other decision: the first step (`advance` at that decision, while the content note is up) shows it
 * with its vote not yet open, and `open` before it is refused. A page of version 14 offered only
 * "Open the vote" there.
 */
export const PRESENTER_PROTOCOL = 15;

/** The address (path and query) a presenter page of this version opens its WebSocket on. */
export function presenterSocketPath(version: number = PRESENTER_PROTOCOL): string {
  return `/ws/presenter?v=${version}`;
}

/** The protocol version a connection's address (its query, after `?`) names in `v`; undefined if none or not a whole number. */
export function protocolOf(query: string): number | undefined {
  const v = /(?:^|&)v=([0-9]{1,6})(?:&|$)/.exec(query.replace(/^\?/, ''))?.[1];
  return v === undefined ? undefined : Number(v);
}

/** The largest message a phone or the presenter may send, in bytes (UTF-8). Votes are ~100 bytes. */
export const MAX_CLIENT_MESSAGE_BYTES = 1024;

export { isRoomCode, ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH, TOKEN } from './codes.js';

/** A room code from random bytes the caller draws (the core draws no randomness itself). */
export function roomCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < ROOM_CODE_LENGTH) throw new Error(`roomCodeFrom needs ${ROOM_CODE_LENGTH} random bytes`);
  let code = '';
  // 31 letters: the modulo bias (256 % 31 = 8) does not matter for a short-lived room's name.
  for (let i = 0; i < ROOM_CODE_LENGTH; i++) code += ROOM_CODE_ALPHABET[(bytes[i] ?? 0) % ROOM_CODE_ALPHABET.length];
  return code;
}

/** A phone's device id: random, kept in the phone's localStorage; 16–64 URL-safe characters. */
export const DEVICE_ID = /^[A-Za-z0-9_-]{16,64}$/;
/**
 * A presenter page's id (version 12): random, drawn once per browser tab (the same across the page's
 * reconnections and reloads: a page reloaded during its own break is still on it); 16–64 URL-safe characters. It proves nothing (any holder of the
 * token may name any id): it only lets a page tell its own commands from another page's.
 */
export const PAGE_ID = /^[A-Za-z0-9_-]{16,64}$/;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const RoomCode = z.string().regex(ROOM_CODE);
const Seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const Round = z.number().int().min(1).max(1_000_000);
/** A break's number in the room: 1 for its first break, one more for each taken since (version 13). */
const BreakNumber = z.number().int().min(1).max(1_000_000);
const NodeId = z.string().regex(ID).max(80);
const DeviceId = z.string().regex(DEVICE_ID);
const Token = z.string().regex(TOKEN);

// ---- phone → server -------------------------------------------------------------------------

/** A phone joins (or rejoins after a dropped connection) with its device id. Not sequenced: idempotent. */
export const VoterJoin = z.strictObject({ type: z.literal('join'), room: RoomCode, device: DeviceId });
/**
 * A reply as a phone names it: the number it is shown with in this round (1, 2, 3 …), never the
 * scenario's reply id, which can give the answer away (`d3-judge`) to anyone who inspects the page.
 * The room maps it back to the reply (the order is fixed for the round by the session's seed).
 */
const ReplyHandle = z.number().int().min(1).max(MAX_REPLIES);
/** A vote, or a changed vote (the same message with another reply), for the open round: `reply` is the reply's shown number. */
export const VoterVote = z.strictObject({ type: z.literal('vote'), room: RoomCode, seq: Seq, round: Round, reply: ReplyHandle });
export const VoterMessage = z.discriminatedUnion('type', [VoterJoin, VoterVote]);
export type VoterMessage = z.infer<typeof VoterMessage>;

// ---- presenter → server ---------------------------------------------------------------------

const presenter = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), room: RoomCode, token: Token, seq: Seq, ...shape });

/**
 * The presenter page connects; the server answers with the room's state and the last seq it accepted.
 * `page`: the page's id (PAGE_ID, version 12), which the room names when that page's command ends a
 * break (`breakEndedPage`); a page whose hello names none is named by the room server after its
 * connection (its commands are its own until that connection closes).
 */
export const PresenterHello = z.strictObject({ type: z.literal('hello'), room: RoomCode, token: Token, page: z.string().regex(PAGE_ID).optional() });
/** Open the vote at the current decision (`node` must be it). */
export const PresenterOpen = presenter('open', { node: NodeId });
/** Lock the open round: no more votes or changes. */
export const PresenterLock = presenter('lock', { round: Round });
/** Reveal the round's tally and every reply's feedback (locks it too, if still open). */
export const PresenterReveal = presenter('reveal', { round: Round });
/** Follow a reply (the branch the room takes) after the reveal. */
export const PresenterChoose = presenter('choose', { round: Round, reply: NodeId });
/**
 * Move on from a scene (`node` must be the scene shown); at a story's first decision, while the
 * content note is up, move past the note to that decision, its vote not yet open (version 15).
 */
export const PresenterAdvance = presenter('advance', { node: NodeId });
/** End the session here (the summary is written with what was decided so far). */
export const PresenterEnd = presenter('end', {});
/**
 * Back to the decision the room last followed a reply at (`node`: the moment shown now), before a
 * vote opens here: that decision comes back revealed, with its votes, and the branch is forgotten.
 */
export const PresenterBack = presenter('back', { node: NodeId });
/**
 * The trainer takes a break (`on: true`) or is back from it (`on: false`), as the presenter page's
 * "Take a break" and "Back from break" do (version 9). During the break the phones show only that
 * the session is on a break, with the scenario's title; votes are refused (`on-break`) and those
 * already cast are kept; the room's other commands are refused until the break is over. Back from
 * it, every phone shows again what it showed before (an open vote is open again).
 *
 * `break` (version 13, a page must give it with `on: false`): the number of the break it ends (the
 * view's `breakNumber`). A command to end a break that is over already (ended elsewhere, perhaps
 * with another taken since) is answered with the room as it is and changes nothing: it cannot end
 * a newer break, which seq numbers alone could not tell (a page's counter runs on from its own
 * commands, refused ones too, and can be ahead of the room's).
 *
 * Version 14: a page's "Take a break" while the room is on one puts that page on it too (the view's
 * `breakPages`; a second one from a page already on it changes nothing, and records no seq), and a
 * page's `on: false` while another page is still on the break takes only that page off it. A take
 * out of step (it crossed another page's command) is taken all the same, its seq not recorded.
 */
export const PresenterBreak = presenter('break', { on: z.boolean(), break: BreakNumber.optional() });
/**
 * Where a presenter command came from, as the room server knows it (never sent by a page: a page
 * cannot speak for the terminal): the laptop's terminal (its own controls) or a presenter page.
 */
export const COMMAND_SOURCES = ['terminal', 'page'] as const;
export type CommandSource = (typeof COMMAND_SOURCES)[number];
export const PresenterMessage = z.discriminatedUnion('type', [PresenterHello, PresenterOpen, PresenterLock, PresenterReveal, PresenterChoose, PresenterAdvance, PresenterEnd, PresenterBack, PresenterBreak]);
export type PresenterMessage = z.infer<typeof PresenterMessage>;
/** Every presenter message but the hello: the ones that change the room. */
export type PresenterAction = Exclude<PresenterMessage, { type: 'hello' }>;
/** A presenter action without its envelope (room, token, seq), as a page's buttons ask for it: `{ type: 'lock', round: 3 }`. */
export type PresenterCommand = PresenterAction extends infer A ? (A extends PresenterAction ? Omit<A, 'room' | 'token' | 'seq'> : never) : never;
/** The type names only a presenter may send. */
export const PRESENTER_TYPES: readonly string[] = PresenterMessage.options.map((o) => o.shape.type.value);

// ---- server → phone -------------------------------------------------------------------------

/** Why a message was refused. */
export const REJECTIONS = ['too-large', 'malformed', 'wrong-room', 'replayed', 'out-of-order', 'not-joined', 'not-presenter', 'forbidden', 'rate-limited', 'room-full', 'too-many-devices', 'not-open', 'wrong-round', 'wrong-node', 'unknown-reply', 'not-now', 'outdated', 'on-break'] as const;
export type Rejection = (typeof REJECTIONS)[number];

const Text = z.string().max(20_000);
/** An outcome band as the core labels it ("Strong", "Developing", "Needs review"). */
type BandLabel = (typeof BAND_LABELS)[keyof typeof BAND_LABELS];
/**
 * The longest `unavailable` a phone is sent (UTF-16 units; the room cuts a longer one with "…"): an
 * author's reason is at most 160 characters, and a shown meter's need adds a few dozen each.
 */
export const MAX_UNAVAILABLE_ON_PHONE = 500;
/**
 * A reply on a phone: its shown number is its only handle (no reply id, see ReplyHandle). One not
 * `enabled` says why in `unavailable` (version 15): "Reply 3 is not available now: …", one line, the
 * words the projector shows beside it (the core's unavailableWords); an enabled reply has none.
 */
const ReplyOnPhone = z.strictObject({ number: ReplyHandle, text: Text, kind: z.enum(['say', 'do']), enabled: z.boolean(), unavailable: z.string().min(1).max(MAX_UNAVAILABLE_ON_PHONE).optional() });
/** One reply's feedback on a phone after the reveal: its shown number, its words, why, and the principles it follows or goes against. */
const ReplyFeedback = z.strictObject({
  /** The reply's shown number. */
  number: ReplyHandle,
  replyText: Text,
  feedback: Text,
  principles: z.array(z.strictObject({ title: Text, verdict: z.enum(['follows', 'violates']), citation: Text })),
});
/** The most pages a presenter view names as on its break (the room keeps fewer: MAX_BREAK_PAGES). */
const MAX_BREAK_PAGES_SENT = 100;

/** The most people the presenter page's Who's who is sent. */
export const MAX_PEOPLE_SENT = 1_000;

/**
 * The most people the presenter page is sent as heard for the first time at one moment
 * (`introductions`): a scenario's cast has no limit, and a valid one whose opening scene gave lines
 * to 201 characters had every presenter view there refused by the page's own schema (it dropped
 * each one, and showed nothing of the room).
 */
export const MAX_INTRODUCTIONS_SENT = 200;

/**
 * The longest session summary (Markdown, UTF-16 units) the presenter page is sent to offer as a
 * download. A longer one (a valid scenario of many decisions of a thousand long replies each: 10 MB)
 * is not sent: the page says it is written on the laptop, as it says when none is sent. Sent, it
 * failed the page's own schema, and the page dropped the view of the ending.
 */
export const MAX_SUMMARY_SENT = 2_000_000;

/** The most people a phone's Who's who is sent (a scenario's cast has no limit; a room's phones are sent every view). */
export const MAX_PEOPLE_ON_PHONE = 200;

/** The most best-practice replies a phone is sent at a reveal besides its own (replies can tie for the most points: up to MAX_REPLIES of them). */
export const MAX_BEST_PRACTICE_ON_PHONE = 5;

/** The most lines of a decision a phone is sent while the room discusses it, and with its vote (the projector shows 50 at most too). */
export const MAX_LINES_ON_PHONE = 50;
/** A line spoken at a decision, as a phone is sent it (clean text): who says it, their role, and the words. */
const PhoneLines = z.array(z.strictObject({ speaker: z.string().max(1_000), role: z.string().max(1_000).optional(), text: Text })).max(MAX_LINES_ON_PHONE);

/**
 * What a phone is shown of a scene the trainer is showing (version 11): its heading (its title, or
 * "Scene 3" for an untitled one, as the projector heads it), narration and lines, as the projector
 * shows them (clean text), for a person who cannot read the projector.
 */
const PhoneScene = z.strictObject({
  title: z.string().max(1_000),
  narration: Text.optional(),
  lines: PhoneLines,
});
export type PhoneScene = z.infer<typeof PhoneScene>;

/** The most scenes that set up a decision a phone is sent with it (the last ones, nearest the decision). */
export const MAX_SETUP_SCENES_ON_PHONE = 10;
/**
 * At a decision with no words of its own ("What do you say to Mr. Dunn?" asks about his line in the
 * scene before it): the scenes that set it up (the core's decisionSetup, the same "Before this" the
 * projector shows), each headed as the phone headed it while it was shown (its title, or "Scene 3"),
 * for a person who cannot read the projector (version 12). Up to version 11 such a decision came to
 * the phone with no words at all.
 */
const PhoneSetup = z.array(PhoneScene).max(MAX_SETUP_SCENES_ON_PHONE);

/**
 * What a phone is shown of a decision: its title and prompt (if any) and its replies by shown number.
 * Version 11: with its narration and the lines spoken (at most MAX_LINES_ON_PHONE, as while the room
 * discusses it), so a person who cannot read the projector can read again what was said while they
 * choose, and a phone that reloads or joins mid-vote has them too. Up to version 10 they went away
 * when the vote opened. Version 12: with the scenes that set it up when it has no words of its own (`setup`).
 */
const PhoneDecision = z.strictObject({ title: Text.optional(), setup: PhoneSetup.optional(), narration: Text.optional(), lines: PhoneLines.optional(), prompt: Text.optional(), replies: z.array(ReplyOnPhone) });
export type PhoneDecision = z.infer<typeof PhoneDecision>;

/**
 * What a phone is shown of a decision the room is discussing before its vote (version 10): its words
 * as the projector shows them (clean text from the scenario), and not its replies, which come with
 * the vote (`decision`). Version 12: with the scenes that set it up when it has no words of its own (`setup`).
 */
const PhoneDiscussion = z.strictObject({
  title: z.string().max(1_000).optional(),
  setup: PhoneSetup.optional(),
  narration: Text.optional(),
  lines: PhoneLines,
  discussionPrompt: Text.optional(),
  prompt: Text.optional(),
});
export type PhoneDiscussion = z.infer<typeof PhoneDiscussion>;

/** `break`: the trainer is taking a break (version 8); the view then carries the scenario's title and nothing of the session. */
export const VoterPhase = z.enum(['waiting', 'open', 'locked', 'revealed', 'ended', 'break']);
export type VoterPhase = z.infer<typeof VoterPhase>;

/** What a phone shows: the decision's replies while a round is open, its own vote, its feedback after the reveal. */
export const VoterView = z.strictObject({
  room: RoomCode,
  phase: VoterPhase,
  /** The current round (0 before the first vote opens). */
  round: z.number().int().min(0),
  /**
   * The decision (no node or reply ids: they can name the answer). Sent whole once per decision and
   * connection: while a round is open, locked or revealed every view names it by `decisionKey`, and
   * carries it only when that connection was not sent it yet (its first view of the decision, and
   * the welcome of every (re)connection); the phone keeps the one it was sent. Version 6: up to
   * version 5 every view repeated every reply's words (a decision of a thousand replies, half a
   * megabyte, at each vote and each lock, reveal and move of the room).
   */
  decision: PhoneDecision.optional(),
  /**
   * Which decision the round is about, whenever there is one (open, locked, revealed): the round
   * and a fingerprint of what the phone is shown of it (`decision`), so a phone can tell that the
   * one it kept is still the one meant. A view that names it without `decision` means: the same
   * one as before. Names nothing in the scenario (no ids). Version 7: its fingerprint has 64 bits
   * (`fingerprint`, 16 hex digits); up to version 6, 32 bits in base 36.
   */
  decisionKey: z.string().regex(/^[0-9]{1,7}-[0-9a-f]{16}$/).optional(),
  /** This phone's vote in the current round: the shown number of the reply it voted for. */
  vote: ReplyHandle.optional(),
  /**
   * On a break (phase `break`, version 8): the scenario's title (clean one-line text), for the phone
   * to say what is on a break. The view then has nothing of the session (no decision, vote, people
   * or feedback); the room keeps it all, and its next view after the break is the one from before.
   */
  scenarioTitle: z.string().max(1_000).optional(),
  /**
   * Until the trainer's first step (phase `waiting`, version 9): the scenario's content note (clean
   * text) and its minutes, with its title in `scenarioTitle`, as the projector shows them, so that a
   * person who cannot read the projector reads them on the phone. Up to version 8 the phone said only
   * that it was waiting for the trainer.
   */
  contentNote: z.strictObject({ text: z.string().max(20_000), minutes: z.number().int().min(0) }).optional(),
  /**
   * While the room discusses a decision before its vote opens (phase `waiting`, after the trainer's
   * first step, version 10): the decision's title, narration, lines, discussion prompt and question
   * (its `prompt`), as the projector shows them, so that a person who cannot read the projector has
   * something to discuss from. Its replies come with the vote. Up to version 9 the phone said only
   * that it was waiting for the trainer to open the vote.
   */
  discussing: PhoneDiscussion.optional(),
  /**
   * At a scene (phase `waiting`, version 11): its heading, narration and lines, as the projector shows
   * them. Up to version 10 the phone said only that it was waiting for the trainer to open the vote.
   */
  scene: PhoneScene.optional(),
  /**
   * At the ending the story reached (phase `ended`, version 13): its title (empty for an untitled
   * ending) and text (the variant that applies), clean, as the projector heads and shows them
   * ("Ending: …"), for a person who cannot read the projector. Absent when the session was ended
   * before an ending (the trainer's `end`). Up to version 12 the phone said only that the session had
   * ended. Version 14: with the room's outcome band (`outcome`, the core's label: BAND_LABELS) and
   * score (`score`, the core's scoreWords: "52% (14 of 27 points)"), which the projector shows
   * under the ending ("Outcome: Developing", "Score: …"); up to version 13 the phone had neither.
   */
  ending: z.strictObject({
    title: z.string().max(1_000),
    narration: Text.optional(),
    outcome: z.enum(Object.values(BAND_LABELS) as [BandLabel, ...BandLabel[]]),
    score: z.string().max(200),
  }).optional(),
  /**
   * Who's who: the people the room has met so far in the story (the core's `peopleMet`, with the
   * room's reveals), in order of first appearance, by name and role only (clean one-line text from
   * the scenario; no ids, no descriptions): the play page and presenter mode show the same people.
   * With every view; at most MAX_PEOPLE_ON_PHONE. Version 7: up to version 6 a phone had none.
   */
  people: z.array(z.strictObject({ name: z.string().max(1_000), role: z.string().max(1_000).optional() })).max(MAX_PEOPLE_ON_PHONE).optional(),
  /**
   * After the reveal: the feedback for the reply this phone voted for (`mine`, absent if it did not
   * vote) and for the best-practice replies at this decision other than its own (`bestPractice`, in
   * shown order; several when replies tie for the most points), so that a phone that voted for a
   * weaker reply, or did not vote, learns which reply was best practice and why. At most
   * MAX_BEST_PRACTICE_ON_PHONE of them, the first in shown order; `moreBestPractice` says how many
   * more there are (the projector shows them all). A citation ends ", critical" where the reply
   * breaks a critical principle. Version 5: version 4 sent every tied best-practice reply (a
   * thousand of them, megabytes, to every phone at every update) and had no `moreBestPractice`;
   * version 3 sent one reply (the phone's own, else the first best-practice one) and nothing else.
   */
  feedback: z.strictObject({
    mine: ReplyFeedback.extend({ best: z.boolean() }).optional(),
    bestPractice: z.array(ReplyFeedback).max(MAX_BEST_PRACTICE_ON_PHONE),
    moreBestPractice: z.number().int().min(0).max(MAX_REPLIES),
  }).optional(),
});
export type VoterView = z.infer<typeof VoterView>;

export const ServerError = z.strictObject({ type: z.literal('error'), code: z.enum(REJECTIONS), message: Text });
export type ServerError = z.infer<typeof ServerError>;
export const VoterWelcome = z.strictObject({ type: z.literal('welcome'), device: DeviceId, seq: z.number().int().min(0), view: VoterView });
export const VoterUpdate = z.strictObject({ type: z.literal('view'), view: VoterView });
export const ToVoter = z.discriminatedUnion('type', [VoterWelcome, VoterUpdate, ServerError]);
export type ToVoter = z.infer<typeof ToVoter>;

// ---- server → presenter ---------------------------------------------------------------------

/** How many phones are in the room, and how many voted in the current round: sent on every vote. */
export const RoomCount = z.strictObject({
  round: z.number().int().min(0),
  /** Devices that joined this room (kept across reconnects and restarts). */
  joined: z.number().int().min(0),
  /** Phones connected right now. */
  connected: z.number().int().min(0),
  /** Devices with a vote in the current round. */
  voted: z.number().int().min(0),
});
export type RoomCount = z.infer<typeof RoomCount>;

export const RoomPhase = z.enum(['idle', 'open', 'locked', 'revealed', 'ended']);
export type RoomPhase = z.infer<typeof RoomPhase>;

/**
 * A `sessionKey`: the length of the session's JSON in base 36 and its 64-bit FNV-1a hash in 16 hex
 * digits (`fingerprint`). Version 8: up to version 7 the hash had 32 bits, and two moments of the
 * same length whose hashes collided (about one pair in four billion) had the page keep showing the
 * moment before.
 */
const SESSION_KEY = /^[0-9a-z]{1,10}-[0-9a-f]{16}$/;

/** A principle as the reveal names it: sent once per reveal, and named by its place in that list by each verdict. */
const RevealPrinciple = z.strictObject({ id: z.string().max(200), title: Text, citation: Text, severity: z.string().max(40) });
/**
 * One reply at the reveal, as the presenter page is sent it: what is new to the page (its feedback,
 * its points, the votes, best practice, and its verdicts by principle), named by its reply id. Its
 * words, kind and shown number are the session's (`session.replies`), which the page has already.
 */
const RevealEntrySent = z.strictObject({
  replyId: NodeId,
  feedback: Text,
  value: z.number(),
  votes: z.number().int().min(0),
  percent: z.number(),
  best: z.boolean(),
  /** Each verdict: `p` is the principle's place in the reveal's `principles`. */
  assessments: z.array(z.strictObject({ p: z.number().int().min(0), verdict: z.enum(['follows', 'violates']), weight: z.number() })),
});
/**
 * The reveal as the presenter page is sent it (version 8): the tally and every reply's feedback, each
 * principle once. Up to version 7 every entry repeated its reply's words (already in the session)
 * and each verdict its principle's title, citation and severity: 1.2 MB at a decision of a thousand
 * replies. `keptSessionView` puts back the core's `RevealEntry` records from the session.
 */
export const RevealSent = z.strictObject({ total: z.number().int().min(0), principles: z.array(RevealPrinciple), entries: z.array(RevealEntrySent).max(MAX_REPLIES) });
export type RevealSent = z.infer<typeof RevealSent>;

/** What the presenter page shows: the session's current moment (the core's SessionView), the phase and, after the reveal, the tally. */
export const PresenterView = z.strictObject({
  room: RoomCode,
  phase: RoomPhase,
  round: z.number().int().min(0),
  count: RoomCount,
  /**
   * The core's `SessionView` of the current moment (already clean text). Sent whole once per moment
   * and connection: every view names the moment by `sessionKey`, and carries `session` only when that
   * connection was not sent it yet (its first view of the moment, and the welcome of every hello);
   * the page keeps the one it was sent (`keptSessionView`). Version 6: up to version 5 every view
   * repeated it whole (a decision of a thousand replies: more than half a megabyte at each open and
   * lock of the vote, on top of the reveal).
   */
  session: z.looseObject({ nodeId: NodeId, kind: z.enum(['scene', 'decision', 'ending']), done: z.boolean(), replies: z.array(z.looseObject({ id: NodeId, number: z.number().int() })) }).optional(),
  /** A fingerprint of `session` (its length and a hash of it): a view that names it without `session` means the same moment as before (version 6). */
  sessionKey: z.string().regex(SESSION_KEY),
  /**
   * Who's who: the people the room has met so far (the core's `peopleMet` with the room's reveals,
   * clean one-line text), for the trainer's page to show as presenter mode does (not on the
   * projector). Version 8.
   */
  people: z.array(z.strictObject({ id: z.string().max(200), name: z.string().max(1_000), role: z.string().max(1_000), description: z.string().max(10_000) })).max(MAX_PEOPLE_SENT).optional(),
  /**
   * At a scene: its number in the playthrough, the scenes shown from the start counted, this one too
   * (the core's `sceneNumberAt`), for the page, its projector window and the laptop's terminal to head
   * an untitled scene "Scene 3" alike (`sceneWords`): up to version 10 every untitled scene in a live
   * room was headed "Scene", several alike in one session. Absent away from a scene, and when the
   * room's path cannot be replayed (version 11).
   */
  sceneNumber: z.number().int().min(1).optional(),
  /** Who the room hears for the first time at this moment, with the scenario's words to introduce them (the core's `introductionsAt`; version 5). */
  introductions: z.array(z.strictObject({ name: z.string().max(1_000), role: z.string().max(1_000), description: z.string().max(10_000) })).max(MAX_INTRODUCTIONS_SENT).optional(),
  /**
   * At a decision with no words of its own ("What do you say to Mr. Dunn?" asks about his line in
   * the scene before it): the scenes that set it up (the core's `decisionSetup`, their words only,
   * clean text), for the page to show under "Before this" when it opens the decision other than
   * straight from them (the room went back to it, or the page was opened there). Version 7. Each
   * has a title: an untitled scene's is "Scene 3", its number in the playthrough, as the page, the
   * projector and the phones headed it while it was shown (it came without one, and had no heading).
   */
  setup: z.array(z.strictObject({ title: z.string().max(1_000).optional(), narration: Text.optional(), lines: z.array(z.strictObject({ speaker: z.string().max(1_000), role: z.string().max(1_000).optional(), text: Text })) })).optional(),
  /**
   * After the reveal: every reply with its feedback, points, votes and whether it is best practice
   * (the core's `revealData`), as `RevealSent` (version 8).
   */
  reveal: RevealSent.optional(),
  /** Decisions taken so far, with how the room voted. */
  decisions: z.array(z.strictObject({ title: Text, chosen: z.number().int().optional(), votes: z.number().int().min(0), bestVotes: z.number().int().min(0), mostVotedBest: z.boolean(), followedBest: z.boolean() })),
  /** How the room did so far, in the summary's words ("How the room did"): the end screens say it as the summary file does. */
  did: z.array(z.string().max(2_000)).max(4),
  /**
   * Until the trainer's first step: the scenario's content note (clean text) and its minutes, for
   * the room to read before it starts, as presenter mode and the terminal show it first.
   */
  contentNote: z.strictObject({ text: z.string().max(20_000), minutes: z.number().int().min(0) }).optional(),
  /**
   * The trainer is on a break (version 9): the phones show only that, with the scenario's title, and
   * cannot vote; the room refuses every command but the break's end until it is over.
   */
  onBreak: z.literal(true).optional(),
  /**
   * After a break, until the next one: where it was ended, the laptop's terminal (b) or a presenter
   * page, so a page that did not end it can say where it was ended (version 10). Absent on a break,
   * before any, and after one ended by a room from before version 10 (resumed from its file).
   */
  breakEndedBy: z.enum(COMMAND_SOURCES).optional(),
  /**
   * With `breakEndedBy: 'page'`: the id of the page whose command ended it (the `page` of its hello,
   * version 12), so that a page can tell its own end of the break from another page's, even when
   * both pressed at once (the other page's command then comes second and changes nothing). Absent
   * when that page named no id, or the room does not know (ended from the terminal, a room resumed
   * from before version 12).
   */
  breakEndedPage: z.string().regex(PAGE_ID).optional(),
  /**
   * The number of the room's break, on it and after it until the next (1 for the first; version 13):
   * a page's command to end the break names it (`break`), so that one sent about a break that is over
   * changes nothing. Absent before any break.
   */
  breakNumber: BreakNumber.optional(),
  /**
   * On a break: the presenter pages whose own break it is (the `page` of each one's hello; version 14),
   * in the order they asked for it. Two pages that take a break at once are both on it, and a page's
   * "Back from break" takes only that page off it while another is still on it: the break ends with
   * the last of them (or for everyone from the laptop's terminal, or "End the break for the room" on a
   * page that is not on it). A page not named (it came back, or was reloaded) shows the break as one
   * taken elsewhere, with its way to end it. Absent when no page named is on it (the terminal's break).
   */
  breakPages: z.array(z.string().regex(PAGE_ID)).min(1).max(MAX_BREAK_PAGES_SENT).optional(),
  /** Once the session has ended: the session summary (Markdown) the room writes on the laptop, with its file name, for the page to offer as a download (absent when longer than MAX_SUMMARY_SENT: the page then says it is written on the laptop). */
  summary: z.strictObject({ fileName: z.string().max(300), markdown: z.string().max(MAX_SUMMARY_SENT) }).optional(),
});
/** The presenter view with the core's own types for the session and the reveal (the schema checks their outline), as the page shows it: with its session. */
export type PresenterView = Omit<z.infer<typeof PresenterView>, 'session' | 'reveal'> & { session: SessionView; reveal?: { total: number; entries: RevealEntry[] } };
/**
 * A presenter view as one connection is sent it: without its session when that connection was sent
 * that moment already, and with the reveal as `RevealSent` (`presenterViewFor`).
 */
export type PresenterViewSent = Omit<PresenterView, 'session' | 'reveal'> & { session?: SessionView; reveal?: RevealSent };

/** The presenter's welcome: the last seq accepted, the view, and where phones join (for the projector's QR code). */
export const PresenterWelcome = z.strictObject({ type: z.literal('welcome'), seq: z.number().int().min(0), view: PresenterView, join: z.string().max(300).optional() });
/** A new view; `seq` is the last presenter seq the room accepted (commands from the laptop's terminal or another window count too). */
export const PresenterUpdate = z.strictObject({ type: z.literal('view'), view: PresenterView, seq: z.number().int().min(0).optional() });
export const PresenterCount = z.strictObject({ type: z.literal('count'), count: RoomCount });
export const ToPresenter = z.discriminatedUnion('type', [PresenterWelcome, PresenterUpdate, PresenterCount, ServerError]);
export type ToPresenter =
  | { type: 'welcome'; seq: number; view: PresenterViewSent; join?: string }
  | { type: 'view'; view: PresenterViewSent; seq?: number }
  | z.infer<typeof PresenterCount>
  | ServerError;

/** A message from the server to the presenter page, checked against the schema (for the page's room client). */
export function parseToPresenter(text: string): ToPresenter | undefined {
  try {
    const parsed = ToPresenter.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data as ToPresenter) : undefined;
  } catch {
    return undefined;
  }
}

/** A message from the server to a phone, checked against the schema. */
export function parseToVoter(text: string): ToVoter | undefined {
  try {
    const parsed = ToVoter.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

// ---- parsing ---------------------------------------------------------------------------------

/** A parsed message, or why it was refused (with a short, clean detail for the log). */
export type Parsed<T> = { ok: true; message: T } | { ok: false; code: Rejection; detail: string };

/** The UTF-8 length of a string (without TextEncoder, so the core needs no DOM or Node types). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function parseWith<T>(schema: z.ZodType<T>, text: string, bytes = utf8Length(text), max = MAX_CLIENT_MESSAGE_BYTES): Parsed<T> {
  if (bytes > max) return { ok: false, code: 'too-large', detail: `${bytes} bytes (at most ${max})` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: 'malformed', detail: 'not JSON' };
  }
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  return { ok: false, code: 'malformed', detail: issue ? `${issue.path.join('.') || 'message'}: ${issue.message}` : 'invalid' };
}

/** A phone's message: size limit, JSON, schema. A presenter message from a phone is refused as `not-presenter`. */
export function parseVoterMessage(text: string, bytes?: number): Parsed<VoterMessage> {
  const parsed = parseWith(VoterMessage, text, bytes);
  if (!parsed.ok && parsed.code === 'malformed' && presenterTyped(text)) return { ok: false, code: 'not-presenter', detail: 'a presenter message from a voter connection' };
  return parsed;
}

/** The presenter's message: size limit, JSON, schema (the token itself is checked by the server). */
export function parsePresenterMessage(text: string, bytes?: number): Parsed<PresenterMessage> {
  return parseWith(PresenterMessage, text, bytes);
}

function presenterTyped(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && 'type' in v && typeof v.type === 'string' && PRESENTER_TYPES.includes(v.type);
  } catch {
    return false;
  }
}
