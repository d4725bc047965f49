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
  verdicts: string[];
}

export type ProjectorState =
  | { kind: 'moment'; scenarioTitle: string; step: string; title?: string; narration?: string; lines: { speaker: string; text: string }[]; discussionPrompt?: string; replies: ProjectedReply[]; reveal?: ProjectedReveal[]; note?: string }
  | { kind: 'done'; scenarioTitle: string; outcome: string; score: string; agreement: string };

export type ProjectorMessage = { type: 'state'; state: ProjectorState } | { type: 'hello' };

export function openChannel(): BroadcastChannel | undefined {
  return typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(PROJECTOR_CHANNEL);
}
