import { indexScenario, replyValue } from '../scenario-index.js';
import { feedbackOf } from '../selectors.js';
import type { Debrief } from '../scoring.js';
import type { Scenario } from '../schema/scenario.js';
import { cleanDeep, cleanLine } from '../text/clean.js';
import { breaksCritical, missedChances, quotedPrinciple, type MissedChance } from './words.js';

/**
 * The debrief with every id resolved to the words a volunteer reads (reply texts, decision
 * titles). Pure formatting: the scores and verdicts all come from the core's Debrief.
 */
export interface DebriefModel {
  title: string;
  ending?: { title: string; kind: string; narration: string };
  score: Debrief['score'];
  outcome: Debrief['outcome'];
  /**
   * `said`: the reply is words said (false: an action, a "do" reply; see quotedReply). `turn`: the
   * index in `turns` of the reply that did it (a page can point there rather than repeat its feedback).
   */
  critical: { title: string; section: string; where: string; reply: string; said: boolean; feedback: string; turn: number }[];
  /**
   * `followed`, `violated`, `missed`: how many times (not the summed weights of Debrief.principles).
   * `missedBelowBest`: of `missed`, those at a decision where the reply taken was not best practice
   * (the core's, see PrincipleResult; 0 for a debrief kept by a version without it). resultWords says them.
   * `missedAt`: where the chances counted as missed were (missedChances: for one followed, only those
   * below best practice), in the order of the transcript, each with the reply there that took it.
   * `againstAt`: where it was gone against (each `against`, with the reply chosen there), in the
   * order of the transcript; resultWords and a growth area name these decisions.
   */
  principles: { title: string; status: 'violated' | 'missed' | 'followed'; section: string; followed: number; violated: number; missed: number; missedBelowBest: number; missedAt: MissedChance[]; againstAt: MissedChance[] }[];
  /**
   * `critical` on a verdict: it goes against a critical principle (a prohibited activity).
   * `bestValue`: the points of best practice here (the core's `bestReplyValue`, see bestPracticeAt).
   */
  turns: { where: string; reply: string; said: boolean; value: number; bestValue: number; feedback: string; verdicts: { title: string; verdict: 'follows' | 'violates'; citation: string; critical: boolean }[] }[];
  /** Each decision the volunteer met: their reply beside the best-practice reply at that same decision (`said` as in `critical`). */
  paths: { where: string; yours: { reply: string; said: boolean; value: number }; best: { reply: string; said: boolean; value: number }; same: boolean }[];
  /** The best-practice path from the start, as a separate list (it may meet other decisions; `said` as in `critical`). */
  bestPath: BestStep[];
  /**
   * The best-practice path from the start as a debrief says it, each thing once. A run of its steps
   * that are the decisions of `paths` at the same numbers, each with the reply `paths` shows as best
   * practice there (the best reply, or the volunteer's own when `same`), is one `asAbove` part:
   * decisions `first` to `last` (numbered from 1, as `paths` numbers them), said in one line
   * (bestPathAsAboveWords). The other steps are `steps` parts, each step numbered `n` as in
   * `bestPath` (from 1): the decisions the volunteer never reached, or reached with another best reply.
   * `followed`: the volunteer's path is the best-practice path, the same decisions and replies to
   * its end (then the parts are one `asAbove` part; a debrief says bestPathFollowedWords instead).
   */
  bestPathParts: ({ asAbove: true; first: number; last: number } | { asAbove: false; steps: (BestStep & { n: number })[] })[];
  bestPathFollowed: boolean;
  strengths: string[];
  growthAreas: string[];
  /**
   * Beside each of `growthAreas` (same index), where its principle's chances counted as missed were
   * (its `missedAt`, empty for none), or for a principle gone against, the decisions where it was
   * (each `against`): each debrief names them under the sentence (missedWhereWords),
   * as it names the decisions of a critical violation. Empty for all when the growth areas cannot be
   * matched to the principles (a debrief kept by a version that chose them otherwise).
   */
  growthWhere: MissedChance[][];
}

/** One step of the best-practice path: the decision's title and its best-practice reply (`said` as in `critical`). */
export interface BestStep { where: string; reply: string; said: boolean; value: number }

/**
 * A turn as good as best practice (the core's `sameAsBest`, see bestPracticeAt). A debrief kept by
 * an older version has no `sameAsBest` or `bestReplyValue`: its best reply was the one with the
 * most points there, and a reply worth as much was as good.
 */
const asGoodAsBest = (t: Debrief['turns'][number]) => (t as Partial<Debrief['turns'][number]>).sameAsBest ?? (t.replyId === t.bestReplyId || t.value === t.bestValue);
const bestHere = (t: Debrief['turns'][number]) => (t as Partial<Debrief['turns'][number]>).bestReplyValue ?? t.bestValue;

/** Resolves a debrief's ids against its scenario; all text is cleaned of escapes and invisible characters. */
export function debriefModel(scenario: Scenario, debrief: Debrief): DebriefModel {
  const index = indexScenario(scenario);
  // Titles are one line everywhere: they go into headings and table cells.
  const where = (nodeId: string) => cleanLine(index.nodes.get(nodeId)?.title ?? nodeId);
  const reply = (replyId: string) => index.replies.get(replyId)?.reply.text ?? replyId;
  const said = (replyId: string) => index.replies.get(replyId)?.reply.kind !== 'do';
  // Whether the reply that took a missed chance is best practice at its decision: only such a reply is
  // quoted as where the chance was; another (one that goes against other principles, as "Just promise
  // me you won't leave again" at left-placement-calls' "She's back") would read as the better answer.
  const tookBest = (t: Debrief['turns'][number], replyId: string) => {
    const r = index.replies.get(replyId)?.reply;
    return replyId === t.bestReplyId || (r !== undefined && replyValue(r) >= bestHere(t));
  };
  // The critical violations are in the order of the transcript, each from one of its turn's
  // assessments (one reply may make more than one): each is found by walking the turns and their
  // assessments once, from where the one before it was found. It searched the whole transcript from
  // the start for each (quadratic: 0.7 s for a playthrough of 16,000 decisions, each a critical
  // violation; see bench/debrief.ts), and by decision and reply only, so the same reply made again
  // later (a scenario may loop) pointed at its first turn.
  let turnAt = 0;
  let assessmentAt = 0;
  let lost = false;
  const turnOf = (c: Debrief['criticalViolations'][number]): number => {
    for (let i = turnAt; !lost && i < debrief.turns.length; i++) {
      const t = debrief.turns[i] as Debrief['turns'][number];
      if (t.nodeId !== c.nodeId || t.replyId !== c.replyId) continue;
      const assessments = t.turn.assessments;
      for (let k = i === turnAt ? assessmentAt : 0; k < assessments.length; k++) {
        const a = assessments[k] as (typeof assessments)[number];
        if (a.principle !== c.principleId || a.verdict !== 'violates') continue;
        turnAt = i;
        assessmentAt = k + 1;
        return i;
      }
    }
    // Not in the turns (a debrief not built from them): no turn to point at, here or after (so a
    // debrief so made cannot cost a walk of the transcript for each violation).
    lost = true;
    return -1;
  };
  /**
   * Where a principle's chances counted as missed were (missedChances): each note found in the turns,
   * walked once in order from where the note before it was (a note of a turn names its decision,
   * and the reply chosen, or for a miss the other reply that took the chance). For one followed, a
   * miss beside a best-practice reply is no missed chance (docs/authoring.md, "What missed means").
   */
  const missedAt = (p: Debrief['principles'][number], counts: { status: Debrief['principles'][number]['status']; missed: number; missedBelowBest: number }): MissedChance[] => {
    if (missedChances(counts) === 0) return [];
    const chances: MissedChance[] = [];
    let at = 0;
    for (const n of p.notes) {
      const missed = n.verdict === 'missed';
      let i = at;
      while (i < debrief.turns.length && !(debrief.turns[i]!.nodeId === n.nodeId && (debrief.turns[i]!.replyId === n.replyId) !== missed)) i++;
      if (i >= debrief.turns.length) return [];
      at = missed ? i + 1 : i;
      const turn = debrief.turns[i]!;
      if (missed && (p.status !== 'followed' || !asGoodAsBest(turn))) chances.push({ turn: i, reply: reply(n.replyId), said: said(n.replyId), best: tookBest(turn, n.replyId), ...(asGoodAsBest(turn) ? { yoursBest: true } : {}) });
    }
    return chances.length === missedChances(counts) ? chances : [];
  };
  /**
   * Where a principle was gone against: the turn of each of its "violates" notes, walked once in
   * order as missedAt walks them (a note names its decision and the reply chosen there).
   */
  const againstAt = (p: Debrief['principles'][number]): MissedChance[] => {
    const out: MissedChance[] = [];
    let at = 0;
    for (const n of p.notes) {
      if (n.verdict !== 'violates') continue;
      let i = at;
      while (i < debrief.turns.length && !(debrief.turns[i]!.nodeId === n.nodeId && debrief.turns[i]!.replyId === n.replyId)) i++;
      if (i >= debrief.turns.length) return [];
      at = i + 1;
      out.push({ turn: i, reply: reply(n.replyId), said: said(n.replyId), against: true });
    }
    return out;
  };
  const bestStep = (s: Debrief['bestPath'][number]): BestStep => ({ where: where(s.nodeId), reply: reply(s.replyId), said: said(s.replyId), value: s.value });
  const model: DebriefModel = {
    title: cleanLine(debrief.title),
    ending: debrief.ending && { title: cleanLine(debrief.ending.title), kind: debrief.ending.kind, narration: debrief.ending.narration },
    score: debrief.score,
    outcome: debrief.outcome,
    critical: debrief.criticalViolations.map((c) => ({ title: c.title, section: c.section, where: where(c.nodeId), reply: reply(c.replyId), said: said(c.replyId), feedback: c.feedback, turn: turnOf(c) })),
    // Times, not weights: the core sums a principle's weights (a critical one counts 3), but the
    // summary's ✓n ✗n ○n say how often, and must agree with the transcript's turns.
    principles: debrief.principles.map((p) => {
      const times = (verdict: 'follows' | 'violates' | 'missed') => p.notes.filter((n) => n.verdict === verdict).length;
      const counts = { status: p.status, followed: times('follows'), violated: times('violates'), missed: times('missed'), missedBelowBest: (p as Partial<typeof p>).missedBelowBest ?? 0 };
      return { title: p.title, section: p.section, ...counts, missedAt: missedAt(p, counts), againstAt: againstAt(p) };
    }),
    turns: debrief.turns.map((t) => {
      const view = feedbackOf(scenario, t.turn);
      return {
        where: where(t.nodeId), reply: view.replyText, said: view.replyKind !== 'do', value: t.value, bestValue: bestHere(t), feedback: t.feedback,
        verdicts: view.assessments.map((a) => ({ title: a.title, verdict: a.verdict, citation: a.citation, critical: breaksCritical(a) })),
      };
    }),
    paths: debrief.turns.map((t) => ({
      where: where(t.nodeId),
      yours: { reply: reply(t.replyId), said: said(t.replyId), value: t.value },
      best: { reply: reply(t.bestReplyId), said: said(t.bestReplyId), value: bestHere(t) },
      same: asGoodAsBest(t),
    })),
    bestPath: debrief.bestPath.map(bestStep),
    bestPathParts: [],
    bestPathFollowed: false,
    strengths: debrief.strengths,
    growthAreas: debrief.growthAreas,
    growthWhere: [],
  };
  // The growth areas are the core's sentences, one for each principle gone against or with chances
  // missed, in the order of the principles (buildDebrief): each is matched to its principle, by that
  // order and by the principle's title in it.
  const growing = model.principles.filter((p) => p.status !== 'followed' || p.missedBelowBest > 0);
  const matched = growing.length === debrief.growthAreas.length && growing.every((p, i) => debrief.growthAreas[i]!.includes(quotedPrinciple(p.title)));
  // A principle gone against: the decisions where it was (its "violates" notes), named as a missed
  // chance's decisions are ('Gone against at decision 2 (…)').
  model.growthWhere = debrief.growthAreas.map((_, i) => (matched ? (growing[i]!.status === 'violated' ? growing[i]!.againstAt : growing[i]!.missedAt) : []));
  // The best-practice path, less what "Your path beside best practice" has just said: the same
  // decision at the same number, with the reply shown there as best practice (the best reply, or
  // "the same" as the volunteer's). It was all said again, word for word, on a path that kept to
  // the best path's decisions: a thousand pixels of a phone's debrief.
  const parts = model.bestPathParts;
  debrief.bestPath.forEach((s, i) => {
    const t = debrief.turns[i];
    const last = parts[parts.length - 1];
    if (t && t.nodeId === s.nodeId && s.replyId === (asGoodAsBest(t) ? t.replyId : t.bestReplyId)) {
      if (last?.asAbove) last.last = i + 1;
      else parts.push({ asAbove: true, first: i + 1, last: i + 1 });
    } else {
      const step = { n: i + 1, ...bestStep(s) };
      if (last && !last.asAbove) last.steps.push(step);
      else parts.push({ asAbove: false, steps: [step] });
    }
  });
  model.bestPathFollowed = debrief.bestPath.length > 0 && debrief.bestPath.length === debrief.turns.length && parts.length === 1 && parts[0]!.asAbove && debrief.turns.every(asGoodAsBest);
  return cleanDeep(model);
}
