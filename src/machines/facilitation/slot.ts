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

/** The decision a kept session stands at (replies so far + 1), read without XState; undefined when there is none to read. */
export function facilitationDecision(store: Store, playable: SlotOf): number | undefined {
  try {
    const text = store.read(facilitationKey(playable));
    if (text === undefined) return undefined;
    const raw = JSON.parse(text) as { format?: unknown; session?: { snapshot?: { context?: { transcript?: unknown } } } } | null;
    const transcript = raw?.format === 'casa-practice-facilitation' ? raw.session?.snapshot?.context?.transcript : undefined;
    return Array.isArray(transcript) ? transcript.length + 1 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a kept session has reached its ending, read without restoring it: the web app keeps a
 * finished session (its debrief, the room's agreement and the summary) until the trainer starts again.
 */
export function facilitationFinished(store: Store, playable: SlotOf): boolean {
  try {
    const text = store.read(facilitationKey(playable));
    return text !== undefined && finishedFacilitationText(text);
  } catch {
    return false;
  }
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
