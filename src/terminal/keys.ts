/**
 * Every key binding of the terminal app, in one place, so the help lines and the handlers
 * cannot drift apart. Components ask "which action is this key?" and never compare keys themselves.
 */

/** The subset of Ink's Key the bindings look at. */
export interface KeyLike {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  tab?: boolean;
  shift?: boolean;
  backspace?: boolean;
  delete?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
}

/** What a key means, whatever the screen. */
export type Action =
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'enter' }
  | { type: 'back' }
  | { type: 'number'; n: number }
  | { type: 'undo' }
  | { type: 'quit' }
  | { type: 'interrupt' }
  | { type: 'yes' }
  | { type: 'no' }
  | { type: 'export' }
  | { type: 'reveal' }
  | { type: 'resume' }
  | { type: 'debrief' }
  | { type: 'restart' }
  | { type: 'note' }
  | { type: 'who' }
  | { type: 'next-tab' }
  | { type: 'previous-tab' }
  | { type: 'plus' }
  | { type: 'minus' }
  | { type: 'erase' }
  | { type: 'page-up' }
  | { type: 'page-down' }
  | { type: 'top' }
  | { type: 'bottom' };

/** Turns one keypress into an action, or undefined when the key means nothing. */
export function actionOf(input: string, key: KeyLike): Action | undefined {
  if (key.ctrl && input === 'c') return { type: 'interrupt' };
  if (input === '\u0003') return { type: 'interrupt' };
  if (key.upArrow || input === 'k') return { type: 'up' };
  if (key.downArrow || input === 'j') return { type: 'down' };
  if (key.pageUp) return { type: 'page-up' };
  if (key.pageDown) return { type: 'page-down' };
  if (key.home) return { type: 'top' };
  if (key.end) return { type: 'bottom' };
  if (key.leftArrow) return { type: 'left' };
  if (key.rightArrow) return { type: 'right' };
  if (key.return || input === ' ') return { type: 'enter' };
  if (key.escape || input === 'b') return { type: 'back' };
  // Shift+Tab goes the other way, as Tab does everywhere else.
  if (key.tab && key.shift) return { type: 'previous-tab' };
  if (key.tab) return { type: 'next-tab' };
  if (key.backspace || key.delete) return { type: 'erase' };
  if (/^[0-9]$/.test(input)) return { type: 'number', n: Number(input) };
  // A letter means the same in either case (Caps Lock on, as line by line reads "Q" and "Y"), but
  // for R and r, which the picker (resume) and the room's votes (reveal) each take in either case.
  switch (input === 'R' ? input : input.toLowerCase()) {
    case 'u': return { type: 'undo' };
    case 'q': return { type: 'quit' };
    case 'y': return { type: 'yes' };
    case 'n': return { type: 'no' };
    case 'e': return { type: 'export' };
    case 'd': return { type: 'debrief' };
    case 'r': return { type: 'reveal' };
    case 'R': return { type: 'resume' };
    case 's': return { type: 'restart' };
    case 'f': return { type: 'note' };
    case 'w': return { type: 'who' };
    case '+': case '=': return { type: 'plus' };
    case '-': return { type: 'minus' };
    default: return undefined;
  }
}

/**
 * The keys in one input as Ink hands it over. Ink splits escape sequences (arrows, PgDn) from the
 * text around them, but keys typed or pasted together ("2\r", "12", "yes") come as one string:
 * each character of it is one key (Enter, Tab, Backspace and Ctrl-C included).
 */
export function keysIn(input: string): string[] {
  const chars = [...input];
  return chars.length <= 1 || input.startsWith('\u001b') ? [input] : chars;
}

/** What `u` (practice's undo) says in an assessment, where nothing takes a reply back: in the app and line by line. */
export const NO_UNDO_WORDS = 'Undo is not available in assessment mode.';

/** The help line shown under each screen: key, then what it does. */
export const HINTS = {
  picker: [['↑↓', 'move'], ['Enter or 1–9', 'open'], ['R', 'resume saved'], ['q', 'quit']],
  contentNote: [['Enter', 'start'], ['b', 'back'], ['q', 'quit']],
  continue: [['1 2 or ↑↓ Enter', 'choose'], ['q', 'quit']],
  continueBack: [['1 2 or ↑↓ Enter', 'choose'], ['b', 'back'], ['q', 'quit']],
  decisionPractice: [['1–9 or ↑↓ Enter', 'reply'], ['u', 'undo'], ['q', 'save & quit']],
  decisionAssess: [['1–9 or ↑↓ Enter', 'reply'], ['q', 'save & quit']],
  scene: [['Enter', 'continue'], ['q', 'save & quit']],
  feedback: [['Enter', 'continue'], ['u', 'undo'], ['q', 'save & quit']],
  toDebrief: [['Enter', 'see the debrief'], ['u', 'undo']],
  ending: [['Enter or q', 'see the debrief']],
  endingScroll: [['Enter or q', 'see the debrief'], ['↑↓ PgUp PgDn', 'scroll']],
  quit: [['y', 'save and quit'], ['n', 'keep going']],
  debrief: [['Tab/←→', 'section'], ['↑↓ PgUp PgDn', 'scroll'], ['e', 'export'], ['q', 'quit']],
  debriefBack: [['Tab/←→', 'section'], ['↑↓ PgUp PgDn', 'scroll'], ['e', 'export'], ['b', 'scenarios'], ['q', 'quit']],
  facilitateVote: [['↑↓ Enter', 'which reply'], ['0–9 ⌫ + −', 'its votes'], ['r', 'reveal'], ['q', 'end session']],
  facilitateVoteScroll: [['↑↓ Enter', 'which reply'], ['0–9 ⌫ + −', 'its votes'], ['PgUp PgDn', 'scroll'], ['r', 'reveal'], ['q', 'end']],
  facilitateReveal: [['1–9', 'the branch the room follows'], ['↑↓ PgUp PgDn', 'scroll'], ['b', 'back to the votes'], ['q', 'end session']],
  facilitateScene: [['Enter', 'continue'], ['q', 'end session']],
} as const satisfies Record<string, readonly (readonly [string, string])[]>;

/** Hint sets by name. */
export type HintSet = keyof typeof HINTS;

/** A key and what it does, for a help line. */
export type Hint = readonly [key: string, what: string];

/** A screen's help line as one string: "key: what · key: what"; a set by name, or the pairs themselves. */
export function hintLine(set: HintSet | readonly Hint[]): string {
  return (typeof set === 'string' ? HINTS[set] : set).map(([key, what]) => `${key}: ${what}`).join(' · ');
}

/**
 * A help line in rows of whole hints, each at most `width` columns where its hints allow: a hint
 * ("f: facilitator note") is never broken across rows, and no row ends in "·".
 */
export function hintRows(set: HintSet | readonly Hint[], width: number): string[] {
  const rows: string[] = [];
  for (const [key, what] of typeof set === 'string' ? HINTS[set] : set) {
    const hint = `${key}: ${what}`;
    const last = rows[rows.length - 1];
    if (last !== undefined && [...`${last} · ${hint}`].length <= width) rows[rows.length - 1] = `${last} · ${hint}`;
    else rows.push(hint);
  }
  return rows;
}

/**
 * "1–3", or "1" when there is one: the number keys that pick one of `n` things, 9 at most unless
 * `typed` (numbers of two digits or more typed one digit at a time, see typeNumber).
 */
export function numberKeys(n: number, typed = false): string {
  const last = typed ? n : Math.min(9, n);
  return last <= 1 ? '1' : `1–${last}`;
}

/** What a playthrough screen offers, for its help line. */
export interface PlayKeys {
  kind: 'decision' | 'scene' | 'feedback' | 'last-feedback';
  /** Replies offered at a decision. */
  replies?: number;
  /** Whether u undoes something here. */
  canUndo: boolean;
}

/** The help line of a playthrough screen, listing only keys that do something there. */
export function playHints({ kind, replies = 0, canUndo }: PlayKeys): Hint[] {
  const undo: Hint[] = canUndo ? [['u', 'undo']] : [];
  if (kind === 'decision') return [[`${numberKeys(replies, true)} or ↑↓ Enter`, 'reply'], ...undo, ['q', 'save & quit']];
  // q does not quit here: it opens the debrief too, so that it is never skipped by accident.
  if (kind === 'last-feedback') return [['Enter or q', 'see the debrief'], ...undo];
  return [['Enter', 'continue'], ...undo, ['q', 'save & quit']];
}

/**
 * A help line over a window that Enter reads on in (a scene, feedback, an ending or a recap taller
 * than the screen): while rows are still below it (`more`), Enter pages down to them rather than
 * going on, and says so ("Enter: read on"); a key that went on with it ("Enter or q: see the
 * debrief") keeps its words on its own. At the window's end the line is `set` as it was.
 */
export function readOnHints(set: readonly Hint[], more: boolean): Hint[] {
  if (!more) return [...set];
  return set.flatMap(([key, what]): Hint[] => (key === 'Enter' ? [[key, 'read on']] : key.startsWith('Enter or ') ? [['Enter', 'read on'], [key.slice('Enter or '.length), what]] : [[key, what]]));
}

/**
 * A help line with `extra` before its last hint (q), where that takes no more rows (`rowsOf`) than
 * the line without it: a key that is always there but seldom needed (w, who's who) is named only
 * where there is room, so the moment keeps its rows on a narrow terminal.
 */
export function withOptionalHint(set: readonly Hint[], extra: Hint, rowsOf: (set: readonly Hint[]) => number): Hint[] {
  const added = [...set.slice(0, -1), extra, ...set.slice(-1)];
  return rowsOf(added) <= rowsOf(set) ? added : [...set];
}

/**
 * A trainer-led help line with w (who's who) before q: at a decision only where it takes no more rows
 * (withOptionalHint: the moment keeps its rows), on a scene (`always`) even with a row more. A scene
 * has rows to spare, and at 60 columns s and u (and f) left w out of every scene's line, so the
 * trainer was never told of it. (q keeps its words: "q: end" could be read as "go to the ending".)
 */
export function withRoomWho(set: readonly Hint[], who: Hint, rowsOf: (set: readonly Hint[]) => number, always = false): Hint[] {
  return always ? [...set.slice(0, -1), who, ...set.slice(-1)] : withOptionalHint(set, who, rowsOf);
}

/**
 * The reveal's help line with w (who's who) before q: the reveal is where the room has just seen
 * names in every reply's feedback, so w is named there whenever it can be. Where it takes no more
 * rows, it is added; else, where the reveal has a row to spare (`spareRow`: it fits whole all the
 * same), it is added on a row more; else it takes the place of s (start over), which the reveal
 * needs least (every scene and vote line names it, and it still works here), where that takes no
 * more rows; else the line is as it was, so no row of feedback is cut for it.
 */
export function withRevealWho(set: readonly Hint[], who: Hint, rowsOf: (set: readonly Hint[]) => number, spareRow: boolean): Hint[] {
  const added = [...set.slice(0, -1), who, ...set.slice(-1)];
  if (rowsOf(added) <= rowsOf(set) || (spareRow && rowsOf(added) <= rowsOf(set) + 1)) return added;
  const instead = added.filter(([key]) => key !== 's');
  return rowsOf(instead) <= rowsOf(set) ? instead : [...set];
}

/**
 * The picker's help line: numbers for the scenarios listed (every one: see typeNumber), R only with a
 * save to resume, said as setting it aside where that save is too damaged to continue (`damaged`).
 */
export function pickerHints(entries: number, canResume: boolean, typed?: number, damaged = false): Hint[] {
  const open: Hint[] = typed === undefined ? [['↑↓', 'move'], [`Enter or ${numberKeys(entries, true)}`, 'open']] : [...typedNumberHints(typed, entries, 'open'), ['↑↓', 'move']];
  return [...open, ...(canResume ? [['R', damaged ? 'set save aside' : 'resume saved'] as const] : []), ['q', 'quit']];
}

/**
 * The help line's first hints while a number is half typed ("1" in a list of ten or more): Enter
 * takes item `n`, and the digits that would make a longer number, e.g. "0–2: open 10–12".
 */
export function typedNumberHints(n: number, count: number, what: string): Hint[] {
  const lo = n * 10;
  const hi = Math.min(count, lo + 9);
  const digits = lo === hi ? `${lo % 10}` : `${lo % 10}–${hi % 10}`;
  return [['Enter', `${what} ${n}`], [digits, `${what} ${lo === hi ? lo : `${lo}–${hi}`}`]];
}

/** Where typing a number in a list has got to (see typeNumber). */
export interface TypedNumber {
  /** The digits that count so far ('' when none). */
  typed: string;
  /** The item they name (1-based), if any. */
  n?: number;
  /** True when no other item's number starts with these digits, so the item can open at once. */
  only: boolean;
}

/**
 * Typing an item's number in a list of `count` items, one digit at a time: "1" then "2" names
 * item 12. A number that no longer number starts with opens at once (in a list of 12, "3" is item
 * 3, "12" is item 12); one that does ("1" with ten or more items) is only highlighted, and Enter or
 * the next digit decides. A digit that cannot continue the number starts a new one; a number no
 * item has names nothing.
 */
export function typeNumber(typed: string, digit: number, count: number): TypedNumber {
  const next = `${typed}${digit}`;
  const n = Number(next);
  if (n >= 1 && n <= count) return { typed: next, n, only: n * 10 > count };
  if (typed !== '') return typeNumber('', digit, count);
  return { typed: '', only: false };
}

/**
 * What a trainer-led screen offers besides its own keys: `back`, the decision u goes back to (the
 * core's backToDecision; none when there is nothing to go back to), and s.
 */
export interface RoomKeys {
  back?: number;
  /** Whether s starts the session over (asked first). */
  startOver?: boolean;
}

/** u, when the room can go back to the decision it last followed a reply at; s, to start over. */
function roomHints({ back, startOver }: RoomKeys): Hint[] {
  return [...(back === undefined ? [] : [['u', `back to decision ${back}`] as const]), ...(startOver ? [['s', 'start over'] as const] : [])];
}

/**
 * The room's voting screen: ↑↓ and Enter move between the replies, and the digits are the votes of
 * the highlighted one (Enter chooses no branch: that is after the reveal, by number). `f` only when
 * there is a facilitator note to show or hide.
 */
export function voteHints(note: 'none' | 'hidden' | 'shown', scrolls: boolean, room: RoomKeys = {}): Hint[] {
  const f: Hint[] = note === 'none' ? [] : [['f', note === 'shown' ? 'hide note' : 'facilitator note']];
  return scrolls
    ? [['↑↓ Enter', 'which reply'], ['0–9 ⌫ + −', 'its votes'], ['PgUp PgDn', 'scroll'], ...f, ['r', 'reveal'], ...roomHints(room), ['q', 'end']]
    : [['↑↓ Enter', 'which reply'], ['0–9 ⌫ + −', 'its votes'], ...f, ['r', 'reveal'], ...roomHints(room), ['q', 'end session']];
}

/** The reveal's help line: numbers for the replies offered; the scroll keys only when it scrolls. */
export function revealHints(replies: number, room: RoomKeys = {}, scrolls = true): Hint[] {
  return [[numberKeys(replies, true), 'the branch the room follows'], ...(scrolls ? [['↑↓ PgUp PgDn', 'scroll'] as const] : []), ['b', 'back to the votes'], ...roomHints(room), ['q', 'end session']];
}

/** A scene of a trainer-led session. */
export function sceneHints(room: RoomKeys = {}, note: 'none' | 'hidden' | 'shown' = 'none'): Hint[] {
  const f: Hint[] = note === 'none' ? [] : [['f', note === 'shown' ? 'hide note' : 'facilitator note']];
  return [['Enter', 'continue'], ...f, ...roomHints(room), ['q', 'end session']];
}
