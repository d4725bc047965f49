import { useEffect, useRef } from 'react';
import { VERDICT_WORDS, votesWords, type RevealEntry, type SessionView } from '../machines/index.js';

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
}

export interface ProjectedReveal {
  number: number;
  text: string;
  best: boolean;
  votes: string;
  percent: number;
  feedback: string;
  verdicts: ProjectedVerdict[];
}

/** One principle's verdict on a reply: its kind (the laptop's styling class) and its words, symbol first ("✓ follows …"). */
export interface ProjectedVerdict {
  verdict: keyof typeof VERDICT_WORDS;
  text: string;
}

/** Where the session stands, as the laptop's status line and the projector's both say it. */
export function stepWords(view: Pick<SessionView, 'kind' | 'progress'>): string {
  if (view.kind === 'decision') return `Decision ${view.progress.decision} of about ${view.progress.about}`;
  return view.kind === 'scene' ? 'Scene' : 'Ending';
}

/** With a live room: where phones join (the projector shows the room code, address and QR code). */
export interface ProjectedJoin {
  room: string;
  url: string;
}

export type ProjectorState =
  | { kind: 'moment'; scenarioTitle: string; step: string; title?: string; narration?: string; lines: { speaker: string; text: string }[]; discussionPrompt?: string; replies: ProjectedReply[]; reveal?: ProjectedReveal[]; note?: string; join?: ProjectedJoin }
  | { kind: 'done'; scenarioTitle: string; outcome: string; score: string; agreement: string };

export type ProjectorMessage = { type: 'state'; state: ProjectorState } | { type: 'hello' };

export function openChannel(): BroadcastChannel | undefined {
  return typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(PROJECTOR_CHANNEL);
}

/** One revealed reply as the projector shows it: the reply, best practice marked, votes, feedback, verdicts. */
export function projectedReveal(entries: readonly RevealEntry[], total: number): ProjectedReveal[] {
  return entries.map((e) => ({
    number: e.number, text: e.replyText, best: e.best, votes: votesWords(e, total), percent: e.percent, feedback: e.feedback,
    verdicts: (e.assessments ?? []).map((a) => ({ verdict: a.verdict, text: `${VERDICT_WORDS[a.verdict]} ${a.title} (${a.citation})` })),
  }));
}

/**
 * Keeps a projector window in step with the trainer's page: sends `state` whenever it changes, and
 * again to a projector window opened later (it says hello). Returns the function that opens one.
 * Only the page in charge drives the projector: with two tabs on one room session, the one that
 * has stopped (`inCharge` false) neither sends nor answers, so the room sees one session, not two
 * taking turns; when it takes over, it sends its state at once.
 */
export function useProjector(state: ProjectorState, inCharge = true): () => void {
  const text = JSON.stringify(state);
  const channel = useRef<BroadcastChannel | undefined>(undefined);
  useEffect(() => {
    const c = openChannel();
    channel.current = c;
    return () => c?.close();
  }, []);
  useEffect(() => {
    const c = channel.current;
    if (!c) return;
    if (!inCharge) {
      c.onmessage = null;
      return;
    }
    const current = JSON.parse(text) as ProjectorState;
    c.postMessage({ type: 'state', state: current } satisfies ProjectorMessage);
    c.onmessage = (e: MessageEvent<ProjectorMessage>) => {
      if (e.data?.type === 'hello') c.postMessage({ type: 'state', state: current } satisfies ProjectorMessage);
    };
  }, [text, inCharge]);
  // The projector page only listens on the channel: no room link, no token in its address.
  return () => window.open(`${location.pathname}?projector#/projector`, 'casa-practice-projector');
}
