import { slotName, type SlotOf } from '../progress/slots.js';
import type { Store } from '../progress/store.js';
import { localDate, localTime } from '../progress/local-clock.js';

/**
 * Where a trainer-led session is kept, and what can be read of it without restoring it (no XState,
 * no validator): light enough for a picker's first frame (see light.ts).
 */

/** The folder-like prefix of every kept trainer-led session. */
export const FACILITATION_PREFIX = 'facilitation/';

/** Where a scenario's trainer-led session is kept: one per scenario, apart from a volunteer's save. */
export function facilitationKey(playable: SlotOf): string {
  return `${FACILITATION_PREFIX}${slotName(playable)}.json`;
}

/** What a picker shows of a kept session: the decision it stands at and whether it has finished. */
export interface KeptFacilitation {
  /** Replies so far + 1. */
  decision: number;
  /** It has reached its ending (the web app keeps a finished session until the trainer starts again). */
  finished: boolean;
  /** The trainer ended it before its story did (web presenter mode's "End the session"; kept as a finished one is). */
  ended: boolean;
}

/**
 * A kept session as a picker shows it, read once and without restoring it (no XState, no
 * validator); undefined when there is none, or the text is not one.
 */
export function keptFacilitation(store: Store, playable: SlotOf): KeptFacilitation | undefined {
  try {
    const text = store.read(facilitationKey(playable));
    if (text === undefined) return undefined;
    const raw = JSON.parse(text) as { format?: unknown; ended?: unknown; session?: { snapshot?: { status?: unknown; context?: { transcript?: unknown } } } } | null;
    if (raw?.format !== 'casa-practice-facilitation') return undefined;
    const transcript = raw.session?.snapshot?.context?.transcript;
    const finished = raw.session?.snapshot?.status === 'done';
    return Array.isArray(transcript) ? { decision: transcript.length + 1, finished, ended: !finished && raw.ended === true } : undefined;
  } catch {
    return undefined;
  }
}

/** The decision a kept session stands at (replies so far + 1); undefined when there is none to read. */
export function facilitationDecision(store: Store, playable: SlotOf): number | undefined {
  return keptFacilitation(store, playable)?.decision;
}

/** Whether a kept session has reached its ending, read without restoring it. */
export function facilitationFinished(store: Store, playable: SlotOf): boolean {
  return keptFacilitation(store, playable)?.finished ?? false;
}

/** Whether the text of a kept session is one that has reached its ending (false for anything else). */
export function finishedFacilitationText(text: string): boolean {
  try {
    const raw = JSON.parse(text) as { format?: unknown; session?: { snapshot?: { status?: unknown } } } | null;
    return raw?.format === 'casa-practice-facilitation' && raw.session?.snapshot?.status === 'done';
  } catch {
    return false;
  }
}

/** How far a kept session has gone, by the decisions it has made (it may stand at a scene or at a decision): "with 1 decision made". */
export function roomMadeWords(made: number): string {
  return made === 0 ? 'with no decision made yet' : `with ${made} ${made === 1 ? 'decision' : 'decisions'} made`;
}

/**
 * Under the offer to carry on a kept session (readFacilitation's), where the state folder cannot be
 * written now: the session is offered as it was last kept, and a folder that takes no write at the
 * start of this run may have refused the last writes of the run before too (made read-only
 * mid-session), so the room may have gone further than what is offered. "Kept as it was at decision 3 (2026-12-06 2:05 p.m.): if
 * the room went on after that, what followed was not saved." The time on the volunteer's own clock,
 * as the kept debrief's notice and `records` write times; left out where the session holds none.
 */
export function keptAsItWasWords(kept: { standsAt: string; savedAt?: string }): string {
  const when = kept.savedAt !== undefined && localDate(kept.savedAt) !== '' ? ` (${localDate(kept.savedAt)} ${localTime(kept.savedAt)})` : '';
  return `Kept as it was at ${kept.standsAt}${when}: if the room went on after that, what followed was not saved.`;
}
