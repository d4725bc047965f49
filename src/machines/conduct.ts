import { getPrinciple } from './guide.js';
import { assessmentsValue, replyValue, type ScenarioIndex } from './scenario-index.js';
import type { Assessment, ConductCondition, ConductMeasure } from './schema/scenario.js';

/**
 * The volunteer's conduct so far, as conditions read it: how many critical violations (the guide's
 * prohibited activities), the points earned, the best points the decisions met allowed, and how
 * often each principle was violated. It follows from the replies alone, so it is never stored:
 * undo, restore and the validator's exploration all recompute it the same way.
 */
export interface Conduct {
  /** The scenario's best total (for "score"). */
  best: number;
  critical: number;
  points: number;
  /** The sum, over the decisions met, of the best reply's points there. */
  possible: number;
  /** Violations per principle id (a count of replies, not weights). */
  violations: Readonly<Record<string, number>>;
}

/** Conduct before any reply, in a scenario whose best total is unknown (no condition reads "score"). */
export const NO_CONDUCT: Conduct = Object.freeze({ best: 0, critical: 0, points: 0, possible: 0, violations: Object.freeze({}) });

/** Conduct before any reply, in a scenario whose best total is `best`. */
export function conductStart(best: number): Conduct {
  return { ...NO_CONDUCT, best };
}

/** The most a playthrough with a critical violation can score, whatever its points. */
export const CRITICAL_CAP = 50;

/** A score as a percentage of the best total (0 when the best total is not positive), before any cap. */
export function percentOfBest(earned: number, best: number): number {
  return best <= 0 ? 0 : Math.max(0, Math.min(100, Math.round((100 * earned) / best)));
}

/** The debrief's percentage for these points: of the best total, capped after a critical violation. */
export function scoreOf(conduct: Conduct): number {
  const percent = percentOfBest(conduct.points, conduct.best);
  return conduct.critical > 0 ? Math.min(CRITICAL_CAP, percent) : percent;
}

const bestAt = new WeakMap<object, number>();

/** The best points any reply at a decision earns. */
function bestPointsAt(replies: readonly { assessments: readonly Assessment[] }[]): number {
  const cached = bestAt.get(replies);
  if (cached !== undefined) return cached;
  let best = -Infinity;
  for (const r of replies) best = Math.max(best, assessmentsValue(r.assessments));
  const value = Number.isFinite(best) ? best : 0;
  bestAt.set(replies, value);
  return value;
}

/** Conduct after one more reply at a decision. */
export function conductAfter(conduct: Conduct, assessments: readonly Assessment[], decisionReplies: readonly { assessments: readonly Assessment[] }[]): Conduct {
  let critical = conduct.critical;
  let violations = conduct.violations;
  for (const a of assessments) {
    if (a.verdict !== 'violates') continue;
    if (getPrinciple(a.principle)?.severity === 'critical') critical++;
    if (violations === conduct.violations) violations = { ...conduct.violations };
    (violations as Record<string, number>)[a.principle] = (Object.hasOwn(violations, a.principle) ? (violations[a.principle] as number) : 0) + 1;
  }
  return { best: conduct.best, critical, points: conduct.points + assessmentsValue(assessments), possible: conduct.possible + bestPointsAt(decisionReplies), violations };
}

type TurnRead = { nodeId: string; replyId: string; assessments: readonly Assessment[] };

/**
 * The running count: a transcript's conduct, kept with the transcript (the machine's context never
 * changes one in place: a reply makes a new one, turn added). Kept with its length and last turn,
 * so a transcript that was changed in place all the same (a caller's own array) is counted again.
 */
const counted = new WeakMap<readonly TurnRead[], { index: ScenarioIndex; best: number; length: number; last: TurnRead | undefined; conduct: Conduct }>();

/** The running count kept with this transcript for this scenario (conductOf's or carried on by conductCarried), if any. */
export function countedConduct(transcript: readonly TurnRead[], index: ScenarioIndex, best = 0): Conduct | undefined {
  const kept = counted.get(transcript);
  return kept && kept.index === index && kept.best === best && kept.length === transcript.length && kept.last === transcript[transcript.length - 1] ? kept.conduct : undefined;
}

function keep(transcript: readonly TurnRead[], index: ScenarioIndex, best: number, conduct: Conduct): Conduct {
  counted.set(transcript, { index, best, length: transcript.length, last: transcript[transcript.length - 1], conduct });
  return conduct;
}

/**
 * Conduct after a transcript of replies, in a scenario whose best total is `best`: its running count
 * where it has one, else counted from its turns (and kept with it). Counted again at every reply, a
 * condition on conduct walked every turn before it (a long session quadratic in its replies).
 */
export function conductOf(transcript: readonly TurnRead[], index: ScenarioIndex, best = 0): Conduct {
  const kept = countedConduct(transcript, index, best);
  if (kept) return kept;
  let conduct = conductStart(best);
  for (const turn of transcript) {
    const node = index.nodes.get(turn.nodeId);
    conduct = conductAfter(conduct, turn.assessments, node?.kind === 'decision' ? node.replies : []);
  }
  return keep(transcript, index, best, conduct);
}

/**
 * Carries the running count of `before` (if it has one) on to `next`: `before` with `turn` added (a
 * reply), or with its last turn replaced by `turn`, the same reply at the same decision (a scene's
 * effects kept on it). Anything else is left to conductOf to count.
 */
export function conductCarried(before: readonly TurnRead[], next: readonly TurnRead[], turn: TurnRead): void {
  const kept = counted.get(before);
  if (!kept || countedConduct(before, kept.index, kept.best) === undefined) return;
  if (next.length === before.length + 1) {
    const node = kept.index.nodes.get(turn.nodeId);
    keep(next, kept.index, kept.best, conductAfter(kept.conduct, turn.assessments, node?.kind === 'decision' ? node.replies : []));
  } else if (next.length === before.length && before[before.length - 1]?.nodeId === turn.nodeId && before[before.length - 1]?.assessments === turn.assessments) {
    keep(next, kept.index, kept.best, kept.conduct);
  }
}

/**
 * Points so far as a whole percentage of the best the decisions met allowed. Before any decision,
 * or when the best so far is not positive, it is 100 if nothing was lost and 0 otherwise.
 */
export function percentSoFar(conduct: Conduct): number {
  if (conduct.possible <= 0) return conduct.points >= conduct.possible ? 100 : 0;
  return Math.max(0, Math.min(100, Math.round((100 * conduct.points) / conduct.possible)));
}

/** The number a conduct condition compares. */
export function conductMeasure(conduct: Conduct, measure: ConductMeasure, principle?: string): number {
  switch (measure) {
    case 'critical': return conduct.critical;
    case 'points': return conduct.points;
    case 'percent': return percentSoFar(conduct);
    case 'score': return scoreOf(conduct);
    case 'violations': return principle !== undefined && Object.hasOwn(conduct.violations, principle) ? (conduct.violations[principle] as number) : 0;
  }
}

/** The value a conduct condition reads. */
export function conductValue(conduct: Conduct, condition: ConductCondition): number {
  return conductMeasure(conduct, condition.conduct, condition.principle);
}

/** The points a reply earns (re-exported for conduct's callers). */
export { replyValue };
