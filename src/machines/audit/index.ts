import type { EndingKind, Scenario } from '../schema/scenario.js';
import { cleanLine } from '../text/clean.js';
import { formatProblem, type Problem } from '../validate/problem.js';
import { answerKeyFigures, type AnswerKeyFigures } from './answer-key.js';
import { analyseBest, STRONG_FROM } from '../scoring.js';
import { exploreScenario } from './explore.js';
import { probedReaches } from './probe.js';

/**
 * The audit of a scenario for a trainer: does the outcome follow conduct (from the exploration of
 * every reachable state), and does the wording or order give the answer key away (from the
 * answer-key figures)? The thresholds are the project's own rules for its scenarios.
 */
export const AUDIT_THRESHOLDS = {
  /** At most this share of decisions may have the best reply as the longest. */
  bestLongestMax: 33,
  /** At least this share of decisions should have the best reply as the shortest. */
  bestShortestMin: 20,
  /** At least this share of decisions should have a near-miss distractor. */
  nearMissMin: 50,
  /** The best reply should come first in the file in this range of decisions. */
  bestFirstMin: 25,
  bestFirstMax: 45,
  /**
   * The shares above mean something over this many decisions or more. Over fewer (one short file)
   * a single decision moves a share by 20 points or more, so a miss is shown to look at, not failed.
   */
  minDecisions: 10,
} as const;

/** One scenario's audit. */
export interface ScenarioAudit {
  id: string;
  title: string;
  states: number;
  complete: boolean;
  /** The lowest final score (after the critical cap) that reaches each kind of ending, if any. */
  worstByKind: Partial<Record<EndingKind, number>>;
  /** Whether a playthrough with a critical violation can reach each kind of ending. */
  criticalByKind: Partial<Record<EndingKind, boolean>>;
  /** The highest score a playthrough with a critical violation can have, before and after the cap. */
  bestWithCritical?: { uncapped: number; capped: number };
  figures: AnswerKeyFigures;
}

/** Audits one valid scenario. */
export function auditScenario(scenario: Scenario): ScenarioAudit {
  const found = exploreScenario(scenario);
  const worstByKind: ScenarioAudit['worstByKind'] = {};
  const criticalByKind: ScenarioAudit['criticalByKind'] = {};
  // Past the exploration's limit, what the two whole playthroughs of the probes show is added.
  const probed = found.complete ? [] : probedReaches(scenario, analyseBest(scenario).best, found.endings);
  for (const e of [...found.endings, ...probed]) {
    worstByKind[e.kind] = Math.min(worstByKind[e.kind] ?? 100, e.worst);
    criticalByKind[e.kind] = (criticalByKind[e.kind] ?? false) || e.afterCritical;
  }
  return {
    id: scenario.id, title: cleanLine(scenario.title), states: found.states, complete: found.complete, worstByKind, criticalByKind,
    ...(found.bestWithCritical ? { bestWithCritical: { uncapped: found.bestWithCritical.uncapped, capped: Math.min(50, found.bestWithCritical.uncapped) } } : {}),
    figures: answerKeyFigures([scenario]),
  };
}

/**
 * Which thresholds a set of scenarios misses, in words (empty when all are met): the endings' checks
 * always; the wording shares only over AUDIT_THRESHOLDS.minDecisions decisions or more (see
 * wordingMisses for fewer).
 */
export function auditFailures(audits: readonly ScenarioAudit[], all: AnswerKeyFigures): string[] {
  const out: string[] = [];
  for (const a of audits) {
    if (a.criticalByKind.strong) out.push(`${a.id}: a playthrough with a critical violation can reach a strong ending`);
    // A strong ending is for the Strong band: under 80% the debrief says Developing (or Needs review).
    if ((a.worstByKind.strong ?? 100) < STRONG_FROM) out.push(`${a.id}: a playthrough scoring ${a.worstByKind.strong}% (under ${STRONG_FROM}%) can reach a strong ending (validate names its replies and the route to guard)`);
    if (!a.complete) out.push(`${a.id}: too many reachable states to check every playthrough`);
  }
  return all.decisions >= AUDIT_THRESHOLDS.minDecisions ? [...out, ...wordingMisses(all)] : out;
}

/** How many decisions are named where a share is out of range; the rest are counted. */
const NAMED_DECISIONS = 5;

/** ": at d1-phone (example), d3-visit (example) and 4 more": the decisions to change, for a share out of range. */
function where(all: AnswerKeyFigures, which: (d: AnswerKeyFigures['perDecision'][number]) => boolean, at = 'at'): string {
  const found = all.perDecision.filter(which);
  if (found.length === 0) return '';
  const named = found.slice(0, NAMED_DECISIONS).map((d) => `${cleanLine(d.decisionId)} (${cleanLine(d.scenarioId)})`).join(', ');
  return `: ${at} ${named}${found.length > NAMED_DECISIONS ? ` and ${found.length - NAMED_DECISIONS} more` : ''}`;
}

/** The wording shares outside their range, in words, each naming the decisions that make it so. */
export function wordingMisses(all: AnswerKeyFigures): string[] {
  const out: string[] = [];
  const p = all.percent;
  const t = AUDIT_THRESHOLDS;
  if (p.bestLongest > t.bestLongestMax) out.push(`the best reply is the longest in ${p.bestLongest}% of decisions (at most ${t.bestLongestMax}%)${where(all, (d) => d.bestLongest)}`);
  if (p.bestShortest < t.bestShortestMin) out.push(`the best reply is the shortest in ${p.bestShortest}% of decisions (at least ${t.bestShortestMin}%)`);
  if (p.nearMiss < t.nearMissMin) out.push(`${p.nearMiss}% of decisions have a near miss (at least ${t.nearMissMin}%)${where(all, (d) => !d.nearMiss, 'none at')}`);
  if (p.bestFirst > t.bestFirstMax) out.push(`the best reply comes first in ${p.bestFirst}% of decisions (${t.bestFirstMin}–${t.bestFirstMax}%)${where(all, (d) => d.bestFirst)}`);
  else if (p.bestFirst < t.bestFirstMin) out.push(`the best reply comes first in ${p.bestFirst}% of decisions (${t.bestFirstMin}–${t.bestFirstMax}%)`);
  return out;
}

const KINDS: EndingKind[] = ['strong', 'mixed', 'harmful'];

/**
 * The audit as text: a block per scenario, then the figures across all of them and the verdict.
 * `warnings` are the validator's warnings of each scenario's file (validate prints them, and fails
 * only under --strict): each block lists its own under a heading that says they are warnings, not
 * errors, and they are counted above the verdict, which they do not change. A trainer who ran only
 * the audit never saw them.
 */
export function formatAudit(scenarios: readonly Scenario[], labels: readonly (string | undefined)[] = [], warnings: readonly (readonly Problem[] | undefined)[] = []): { text: string; ok: boolean } {
  // A label (the id with its file's name, see the audit command) names the scenario in its heading
  // and its failures in place of the bare id.
  const audits = scenarios.map((s, i) => ({ ...auditScenario(s), id: labels[i] ?? s.id }));
  const all = answerKeyFigures(scenarios);
  const lines: string[] = [];
  const pct = (n: number, of: number) => `${n} of ${of} (${Math.round((100 * n) / Math.max(1, of))}%)`;
  for (const [i, a] of audits.entries()) {
    const f = a.figures;
    lines.push(`${a.id}: ${a.title}`);
    lines.push(`  reachable states: ${a.states.toLocaleString('en-US')}${a.complete ? '' : ' (limit reached: partial)'}`);
    // A partial check knows only what it saw: "—" and "none" are then "not found", not "not possible".
    const seen = a.complete ? '' : ' (in the part checked)';
    lines.push(`  worst score reaching each ending${seen}: ${KINDS.map((k) => `${k} ${a.worstByKind[k] === undefined ? '—' : `${a.worstByKind[k]}%`}${a.criticalByKind[k] ? ' (also after a critical violation)' : ''}`).join(', ')}`);
    lines.push(`  best score with a critical violation: ${a.bestWithCritical ? `${a.bestWithCritical.capped}% (${a.bestWithCritical.uncapped}% before the cap)${seen}` : a.complete ? 'none possible' : 'none found in the part checked'}`);
    lines.push(`  best reply first: ${pct(f.bestFirst, f.decisions)}, longest: ${pct(f.bestLongest, f.decisions)}, shortest: ${pct(f.bestShortest, f.decisions)}; near misses: ${pct(f.nearMiss, f.decisions)}`);
    const own = (warnings[i] ?? []).filter((p) => p.severity === 'warning');
    if (own.length > 0) {
      lines.push(`  Warnings (${own.length}; not errors: they do not fail the audit, validate --strict does):`);
      // As validate prints them (file:line:column, then the fix), indented under the heading.
      lines.push(...own.flatMap((p) => formatProblem(p).split('\n').map((l) => `    ${l}`)));
    }
    lines.push('');
  }
  const t = AUDIT_THRESHOLDS;
  const decisions = `${all.decisions} decision${all.decisions === 1 ? '' : 's'}`;
  lines.push(scenarios.length === 1 ? `The scenario, ${decisions}:` : `All ${scenarios.length} scenarios, ${decisions}:`);
  lines.push(`  best reply first ${all.percent.bestFirst}% (${t.bestFirstMin}–${t.bestFirstMax}%), longest ${all.percent.bestLongest}% (≤ ${t.bestLongestMax}%), shortest ${all.percent.bestShortest}% (≥ ${t.bestShortestMin}%), near misses ${all.percent.nearMiss}% (≥ ${t.nearMissMin}%)`);
  const failures = auditFailures(audits, all);
  const toLookAt = all.decisions < t.minDecisions ? wordingMisses(all) : [];
  if (toLookAt.length > 0) {
    lines.push(`To look at (over ${all.decisions} decisions one reply moves a share a long way, so these are not failed; they are checked across ${t.minDecisions} decisions or more, e.g. a folder):`);
    lines.push(...toLookAt.map((f) => `  - ${f}`));
  }
  const warned = audits.map((_, i) => (warnings[i] ?? []).filter((p) => p.severity === 'warning').length).filter((n) => n > 0);
  if (warned.length > 0) {
    const n = warned.reduce((a, b) => a + b, 0);
    lines.push(`${n} warning${n === 1 ? '' : 's'} in ${warned.length} scenario${warned.length === 1 ? '' : 's'} (listed in ${warned.length === 1 ? 'its block' : 'their blocks'} above).`);
  }
  lines.push(failures.length === 0 ? 'Audit passed.' : `Audit failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  return { text: `${lines.join('\n')}\n`, ok: failures.length === 0 };
}

export { answerKeyFigures, type AnswerKeyFigures } from './answer-key.js';
export { exploreScenario, STATE_LIMIT, type EndingReach, type Exploration } from './explore.js';
