import type { VariableChange, Variables } from './conditions.js';
import type { Assessment } from './schema/scenario.js';

/** Practice shows feedback after each reply and allows undo; assessment holds both until the debrief. */
export type SessionMode = 'practice' | 'assessment';

/** One decision the volunteer made, as the transcript keeps it. */
export interface Turn {
  /** The decision node. */
  nodeId: string;
  /** The reply chosen. */
  replyId: string;
  /** The reply's assessments, copied so the transcript stands on its own. */
  assessments: Assessment[];
  /** The reply's feedback. */
  feedback: string;
  /** How the reply changed the variables (for the debrief and for exact undo). */
  changes: VariableChange[];
  /**
   * How the scenes passed after the reply (before the next decision) changed the variables, merged
   * per variable; absent when they changed nothing. Undo rewinds these too.
   */
  sceneChanges?: VariableChange[];
}

/** Followed and violated weight per principle so far. */
export type Tallies = Record<string, { followed: number; violated: number }>;

/** The state a scenario machine carries. Plain JSON, so persisted snapshots round-trip exactly. */
export interface SessionContext {
  scenarioId: string;
  scenarioVersion: number;
  mode: SessionMode;
  /**
   * The playthrough's seed for the order replies are shown in (see reply-order.ts). Absent in
   * sessions started without one (and in saves made before shuffling existed): file order.
   */
  seed?: number;
  variables: Variables;
  transcript: Turn[];
  tallies: Tallies;
}

/** What starts a session. */
export interface SessionInput {
  mode?: SessionMode;
  /** The seed for the order replies are shown in; a safe integer the UI draws (none: file order). */
  seed?: number;
}

/** Events a scenario machine accepts. */
export type SessionEvent =
  | { type: 'reply.choose'; replyId: string }
  | { type: 'scene.continue' }
  | { type: 'decision.undo' }
  | { type: 'scenario.restart' };
