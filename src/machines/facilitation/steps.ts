import type { SessionView } from '../selectors.js';
import type { RoomRound } from './saved.js';

/**
 * The trainer's steps back in a room session, shared by presenter mode and the terminal: going back
 * to the decision the room last followed a reply at (a branch followed by mistake, or the room wants
 * another), and what starting over loses.
 */

/**
 * The decision "Back to decision N" goes to (1-based): the one the room last followed a reply at,
 * whether a decision, a scene or the ending is on screen now (at the ending, the decision whose
 * reply ended the story: the session goes back there with `undoEnding`); undefined when the session
 * cannot go back (no branch followed yet, or the room's record holds no round to take back:
 * `followed` is how many it holds).
 */
export function backToDecision(view: Pick<SessionView, 'kind' | 'canUndo' | 'progress'> & { done?: boolean }, followed: number): number | undefined {
  if (followed <= 0) return undefined;
  if (view.done === true) return view.kind === 'ending' && view.progress.decision >= 1 ? view.progress.decision : undefined;
  if (!view.canUndo) return undefined;
  const n = view.kind === 'decision' ? view.progress.decision - 1 : view.progress.decision;
  return n >= 1 ? n : undefined;
}

/**
 * What the end screen of a trainer-led session says of going back from it. `summary`: where the
 * summary of the session went at the end, `written` by the app (the file is written again, in
 * place, when the session ends again or stops) or `downloaded` by the trainer (a file already downloaded
 * stays as it is, so it is downloaded again at the new ending); `failed` where it could not be written
 * there (going back loses nothing then, and is no less needed).
 */
export function backFromEndingWords(back: number, summary: 'written' | 'written since' | 'refused' | 'downloaded' | 'written and downloaded' | 'not found' | 'failed' = 'written', newIn?: string): string {
  const then = summary === 'written'
    ? 'The summary written at this ending is then written again, in the same file, when the session ends or stops.'
    // A finished session opened again whose up-to-date summary was written after it was kept (named above it, not at this ending).
    : summary === 'written since'
      ? 'The up-to-date summary named above is then written again, in the same file, when the session ends or stops.'
    // Its file can no longer be written (a finished session opened again while the state folder is
    // read-only): a new one is written when the session ends or stops (`newIn`: the folder, as shown).
    : summary === 'refused'
      ? `The summary written at this ending cannot be written again in its file, whose folder takes no writes now: a new summary is then written${newIn === undefined ? '' : ` to ${newIn}`} when the session ends or stops, and that file named as out of date.`
    : summary === 'downloaded'
      ? 'A summary already downloaded here stays as it is: download it again at the new ending.'
      // A live room's presenter page: the laptop's file is written again, a copy downloaded is not.
      : summary === 'written and downloaded'
        ? 'The summary written on the laptop at this ending is then written again, in the same file, when the session ends or stops; a summary already downloaded on this page stays as it is: download it again at the new ending.'
      // A finished session opened again whose summary file is no longer there as it was written.
      : summary === 'not found'
        ? 'A new summary is then written when the session ends or stops (the one written at this ending was not found to write again).'
      // The summary could not be written at the ending (a state folder that cannot be written).
        : 'The summary could not be written at this ending; it is tried again when the session ends or stops.';
  return `Back to decision ${back}: the room returns to it, revealed with its votes, to follow another reply. ${then}`;
}

/**
 * Said at an ending on a page that downloads the summary, when the copy downloaded there came from an
 * ending the room then went back from and left by another path: that copy says a branch taken back.
 */
export const STALE_DOWNLOAD_WORDS = 'The summary downloaded earlier from this page is out of date: the room went back from that ending and took another path. Download the session summary again.';

/** What a room session has recorded of the decisions it followed, one entry each (reveals: only those revealed). */
export interface RoomRecord<D, R> {
  past: readonly RoomRound[];
  decisions: readonly D[];
  reveals?: readonly R[];
}

/**
 * The record once the room goes back to the decision it last followed a reply at: that decision's
 * record and reveal dropped from the summary so far, and what the room had entered there (its votes
 * and whether its replies were revealed) to show again. Undefined when no branch has been followed.
 * The session itself goes back with the core's `decision.undo` event.
 */
export function roomBack<D, R>(record: RoomRecord<D, R>): { past: RoomRound[]; decisions: D[]; reveals: R[]; current: RoomRound } | undefined {
  const last = record.past.at(-1);
  if (!last) return undefined;
  const reveals = [...(record.reveals ?? [])];
  return {
    past: record.past.slice(0, -1),
    decisions: record.decisions.slice(0, -1),
    reveals: last.revealed ? reveals.slice(0, -1) : reveals,
    current: { votes: { ...last.votes }, revealed: last.revealed },
  };
}

/**
 * What going back to the decision before loses: the votes entered at this one ("The 3 votes
 * entered at this decision will be cleared."); undefined when none were (nothing to ask about).
 */
export function backLossWords(votesEntered: number): string | undefined {
  if (votesEntered <= 0) return undefined;
  return `The ${votesEntered} vote${votesEntered === 1 ? '' : 's'} entered at this decision will be cleared.`;
}

/**
 * What starting a room session over loses, by the decisions it has followed and whether votes were
 * entered at the decision it stands at: "The votes entered so far", "The 2 decisions the room has
 * made and the votes entered"; undefined when the room has entered nothing yet (nothing is lost, so
 * no UI should say that something is).
 */
export function roomLossWords(decisions: number, votesEntered: boolean): string | undefined {
  if (decisions === 0) return votesEntered ? 'The votes entered so far' : undefined;
  return `The ${decisions === 1 ? 'decision' : `${decisions} decisions`} the room has made and the votes entered`;
}

/**
 * What a trainer is told when starting over could not write the summary so far (`error`: why, when
 * it is not said already): nothing is started over, so nothing the room did is lost unsaid.
 */
export function startOverFailedWords(error?: string): string {
  return `The summary so far could not be written${error ? ` (${error})` : ''}, so the session was not started over: it goes on as it was, and is kept.`;
}

/**
 * What starting over loses where nothing can be written at all (the state folder cannot be
 * written: no summary, and the session is not kept), said in place of "the summary so far is written
 * first": `loss` is roomLossWords'. Starting over is then the trainer's to choose, as stopping is;
 * refusing it, as when the summary alone failed, would refuse it for the whole session.
 */
export function startOverUnsavedWords(loss: string): string {
  return `${loss} will be lost: the state folder cannot be written, so no summary is written.`;
}
