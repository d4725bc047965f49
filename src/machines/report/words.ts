/**
 * The words every UI uses for a verdict, a principle's status and a score, so the terminal, the
 * web app and the exports never disagree. Each carries a symbol too: meaning never rests on colour.
 */

/** A principle's overall status in a debrief. */
export const STATUS_WORDS = { violated: '✗ violated', missed: '○ missed', followed: '✓ followed' } as const;

/** One reply's verdict on one principle. */
export const VERDICT_WORDS = { follows: '✓ follows', violates: '✗ violates', missed: '○ missed' } as const;

/** "+2" / "−1" / "0". */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}

/** "7 of 9 (78%)", with a note when a critical violation capped the percentage. */
export function scoreWords(score: { earned: number; best: number; percent: number; capped?: boolean }): string {
  return `${score.earned} of ${score.best} (${score.percent}%${score.capped ? ', capped after a critical violation' : ''})`;
}

/** "Outcome: Needs review. A prohibited activity …". */
export function outcomeWords(outcome: { label: string; reason: string }): string {
  return `Outcome: ${outcome.label}. ${outcome.reason}`;
}

/** A count as a whole percentage of a total (0 when the total is 0). */
export function percentOf(count: number, total: number): number {
  return total > 0 ? Math.round((100 * count) / total) : 0;
}

/** Who the debrief speaks to: a volunteer who played alone, or the room of a trainer-led session. */
export type Voice = 'you' | 'room';

/** The words that change with the voice. */
export const VOICE_WORDS = {
  you: { chose: 'you chose', replies: 'Your replies', reply: 'Your reply', who: 'You' },
  room: { chose: 'the room chose', replies: "The room's replies", reply: "The room's reply", who: 'Room' },
} as const satisfies Record<Voice, Record<string, string>>;

/** A strength or growth sentence of the core ("You kept to …", "Critical: you went against …") said of the room. */
export function inVoice(sentence: string, voice: Voice): string {
  return voice === 'you' ? sentence : sentence.replace(/^(Critical: )?[Yy]ou /, (_, critical: string | undefined) => `${critical ?? ''}${critical ? 'the room' : 'The room'} `);
}

/** The mark beside the best-practice reply in a reveal or a session summary. */
export const BEST_PRACTICE = '★ best practice';

/** "The room's branch was best practice at 2 of 3 decisions (67%)." */
export function roomMatchWords(matched: number, decisions: number, what: string): string {
  return `${what} best practice at ${matched} of ${decisions} decision${decisions === 1 ? '' : 's'} (${percentOf(matched, decisions)}%).`;
}
