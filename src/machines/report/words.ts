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

/** The outcome bands' labels, as `outcomeOf` gives them, for records that keep only the band. */
export const BAND_LABELS = { strong: 'Strong', developing: 'Developing', 'needs-review': 'Needs review' } as const;
