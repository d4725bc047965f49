import { slotName, type SlotOf } from '../progress/slots.js';
import type { Store } from '../progress/store.js';

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
