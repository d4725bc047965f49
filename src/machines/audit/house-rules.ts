import { applyEffects, conditionsOf, initialVariables, isConductCondition, whenHolds, type Variables } from '../conditions.js';
import { conductAfter, conductStart, scoreOf, type Conduct } from '../conduct.js';
import { analyseGraph } from '../graph.js';
import { getPrinciple, getSection, principles } from '../guide.js';
import { indexScenario, routesOf } from '../scenario-index.js';
import type { EndingNode, Next, Scenario } from '../schema/scenario.js';
import { analyseBest, outcomeOf, STRONG_FROM as STRONG_BAND_FROM } from '../scoring.js';
import type { JsonPath } from '../validate/problem.js';
import { routeWords } from '../text/first-few.js';
import { inconsequentialReplyFindings, stateSteeredDecisions } from './answer-key.js';

/**
 * The house rules of docs/authoring.md §10 that follow every playthrough (what ends strong, and
 * whether the debrief's band and the story's ending agree), and the structural ones (decisions on
 * every playthrough, replies at every decision). The audit fails on them; the bundled set's tests
 * (test/scenarios/) call these same functions.
 */

/** Where a playthrough enters a node: the node whose "next" (the reply's, at a decision) sends it there. */
export interface Entry { nodeId: string; replyId?: string }

/** A principle no playthrough that breaks it may end strong on, and the guide's reason. */
export interface NeverStrong { principle: string; why: string }

const heading = (section: string) => getSection(section)?.heading ?? section;
const ruleOf = (id: string) => getPrinciple(id)?.rule ?? '';

/**
 * What the guide rules out, whatever a principle's severity or weight, so that a playthrough that
 * does it never ends strong: everything under Prohibited Activities; the Court Report's list of what
 * not to disclose (unconfirmed CSEC status, an undisclosed pregnancy, sexual health history,
 * substance use); calling the youth "AWOL" or by a label before the person (Using Appropriate
 * Language); and keeping a suspicion from the Advocate Supervisor (Red Flags). Each with the guide's
 * reason, the principle's rule under its section's heading.
 */
export const NEVER_STRONG: readonly NeverStrong[] = [
  ...principles.filter((p) => p.section === 'prohibited-activities').map((p) => ({ principle: p.id, why: `${heading(p.section)}: ${p.rule}` })),
  ...['report-csec-status-confirmed-only', 'report-no-undisclosed-pregnancy', 'report-no-sexual-health', 'report-no-substance-use']
    .map((id) => ({ principle: id, why: `${heading('court-report')}, what not to disclose: ${ruleOf(id)}` })),
  ...['no-awol-label', 'people-first-language'].map((id) => ({ principle: id, why: `${heading('appropriate-language')}: ${ruleOf(id)}` })),
  { principle: 'consult-supervisor-on-suspicion', why: `${heading('red-flags')}: ${ruleOf('consult-supervisor-on-suspicion')}` },
];

/** The ids of NEVER_STRONG. */
export const NEVER_STRONG_IDS: ReadonlySet<string> = new Set(NEVER_STRONG.map((n) => n.principle));

/** The house rules' numbers (docs/authoring.md §10). */
export const HOUSE_RULES = {
  /** Every playthrough meets at least this many decisions. */
  minDecisions: 6,
  /** Every decision offers at least this many replies. */
  minReplies: 3,
  /** A variable decides which decision (or ending) comes next at this many decisions or more. */
  minSteered: 2,
  /** At least this many decisions have replies that lead to different next nodes. */
  minBranching: 2,
} as const;

/**
 * The decisions whose replies lead to different next nodes (every route of every reply counted):
 * the choice there changes the way on. The bundled set's tests call it too.
 */
export function branchingDecisions(scenario: Scenario): string[] {
  return scenario.nodes.flatMap((n) => (n.kind === 'decision' && new Set(n.replies.flatMap((r) => routesOf(r.next).map((x) => x.to))).size > 1 ? [n.id] : []));
}

/** Where a route's condition tests trust: the scene or decision (and reply) whose "next" it is in, with its path. */
export function routesOnTrust(scenario: Scenario): { path: JsonPath; what: string }[] {
  const tests = (next: Next) => routesOf(next).some((r) => conditionsOf(r.when).some((c) => !isConductCondition(c) && c.var === 'trust'));
  return scenario.nodes.flatMap((n, i): { path: JsonPath; what: string }[] => {
    if (n.kind === 'scene') return tests(n.next) ? [{ path: ['nodes', i, 'next'], what: n.id }] : [];
    if (n.kind === 'decision') return n.replies.flatMap((r, j) => (tests(r.next) ? [{ path: ['nodes', i, 'replies', j, 'next'], what: `${n.id}, reply ${r.id}` }] : []));
    return [];
  });
}

/**
 * The principles a scenario's conditions read (its routes', replies' and ending variants' "when"s):
 * the conduct a search over its playthroughs must tell apart, as two states differing only there
 * can go on differently.
 */
export function principlesConditionsRead(s: Scenario): Set<string> {
  const read = new Set<string>();
  const note = (when: Parameters<typeof conditionsOf>[0]) => {
    for (const c of conditionsOf(when)) if (isConductCondition(c) && c.principle) read.add(c.principle);
  };
  for (const n of s.nodes) {
    if (n.kind === 'scene') routesOf(n.next).forEach((r) => note(r.when));
    if (n.kind === 'decision') for (const r of n.replies) { note(r.when); routesOf(r.next).forEach((x) => note(x.when)); }
    if (n.kind === 'ending') n.variants?.forEach((v) => note(v.when));
  }
  return read;
}

/** The replies so far, from the last back, sharing what came before: made an array only where needed. */
type Taken = { reply: string; before: Taken } | undefined;
const listOf = (taken: Taken) => {
  const path: string[] = [];
  for (let t = taken; t; t = t.before) path.push(t.reply);
  return path.reverse();
};

/** Where a playthrough ended: the ending, the variables and conduct then, its reply ids and the "next" that led there. */
export interface Arrival { ending: EndingNode; vars: Variables; conduct: Conduct; path: string[]; entry?: Entry }

/** How far a bounded walk got: the states it visited, and whether it saw them all. */
export interface WalkExtent { states: number; complete: boolean }

/** One state on the walk's stack (see walkPlaythroughs). */
interface Frame { id: string | undefined; vars: Variables; varsText: string; conduct: Conduct; counts: string; taken: Taken; took: boolean; entry?: Entry }

/**
 * Walks every playthrough a scenario allows (scene effects applied, each reply's "when" and each
 * route's conditions read as the machine reads them), depth first and in file order, without
 * recursion (a long scenario cannot overflow the stack). `key` says which states cannot differ in
 * future (each is walked once); `visitEnding` is called where each playthrough ends and returns
 * true to stop the walk. Past `limit` states it stops and says it is incomplete. A route that leads
 * nowhere throws, unless `lenient` (then that playthrough is dropped).
 */
function walk(s: Scenario, opts: {
  /** Undefined: no state is taken for another (every path is walked). */
  key?: ((f: Frame) => string) | null;
  tracked?: readonly string[];
  through?: string;
  lenient?: boolean;
  limit?: number;
  visitEnding: (arrival: Omit<Arrival, 'path'> & { taken: Taken; took: boolean }) => boolean | void;
}): WalkExtent {
  const index = indexScenario(s);
  const seen = new Set<string>();
  let states = 0;
  const limit = opts.limit ?? Infinity;
  const trackedAt = new Map((opts.tracked ?? []).map((p, i) => [p, i]));
  // The violation counts of the tracked principles that are not 0, by place in `tracked`: worked
  // out again only when a reply changes the violations (most replies do not change a tracked one).
  const countsText = (violations: Conduct['violations']) => {
    if (trackedAt.size === 0) return '';
    const counts: [number, number][] = [];
    for (const p of Object.keys(violations)) {
      const at = trackedAt.get(p);
      if (at !== undefined && violations[p]) counts.push([at, violations[p] as number]);
    }
    return counts.sort((x, y) => x[0] - y[0]).map(([at, n]) => `${at}:${n}`).join();
  };
  // Every values object has the declared variables' keys in the same order (initialVariables, then
  // applyEffects copying it), so the values alone tell two apart.
  const varsTextOf = (vars: Variables) => Object.values(vars).join();
  const route = (next: Next, vars: Variables, conduct: Conduct) => routesOf(next).find((r) => whenHolds(r.when, vars, conduct))?.to;
  const start = initialVariables(s.variables);
  const conduct0 = conductStart(analyseBest(s).best);
  const stack: Frame[] = [{ id: s.start, vars: start, varsText: varsTextOf(start), conduct: conduct0, counts: countsText(conduct0.violations), taken: undefined, took: false }];
  const key = opts.key === null ? undefined : opts.key ?? ((f: Frame) => [f.id, f.varsText, f.conduct.points, f.conduct.possible, f.conduct.critical > 0, f.counts, f.took].join('|'));
  while (stack.length > 0) {
    const f = stack.pop() as Frame;
    const node = f.id === undefined ? undefined : index.nodes.get(f.id);
    if (!node) {
      if (opts.lenient) continue;
      throw new Error(`no way on after ${listOf(f.taken).join(' ')}`);
    }
    const k = key?.(f);
    if (k !== undefined && seen.has(k)) continue;
    if (states >= limit) return { states, complete: false };
    states += 1;
    if (k !== undefined) seen.add(k);
    if (node.kind === 'ending') {
      if (opts.visitEnding({ ending: node, vars: f.vars, conduct: f.conduct, taken: f.taken, took: f.took, ...(f.entry ? { entry: f.entry } : {}) })) break;
      continue;
    }
    if (node.kind === 'scene') {
      const after = applyEffects(node.effects, f.vars, index.variables).variables;
      stack.push({ ...f, id: route(node.next, after, f.conduct), vars: after, varsText: after === f.vars ? f.varsText : varsTextOf(after), entry: { nodeId: node.id } });
      continue;
    }
    // Pushed last first, so they are taken in file order.
    for (let i = node.replies.length - 1; i >= 0; i--) {
      const reply = node.replies[i];
      if (!reply || !whenHolds(reply.when, f.vars, f.conduct)) continue;
      const after = applyEffects(reply.effects, f.vars, index.variables).variables;
      const next = conductAfter(f.conduct, reply.assessments, node.replies);
      stack.push({
        id: route(reply.next, after, next), vars: after, varsText: after === f.vars ? f.varsText : varsTextOf(after), conduct: next,
        counts: next.violations === f.conduct.violations ? f.counts : countsText(next.violations), taken: { reply: reply.id, before: f.taken },
        took: f.took || reply.id === opts.through, entry: { nodeId: node.id, replyId: reply.id },
      });
    }
  }
  return { states, complete: true };
}

/**
 * Walks every playthrough a scenario allows, calling `atEnding` where each one ends. Given `key`,
 * states with the same key are walked once (the caller says what cannot differ in future); a route
 * that leads nowhere throws, unless `lenient` (then that playthrough is dropped).
 */
export function walkPlaythroughs(s: Scenario, atEnding: (arrival: Arrival) => void, { key, lenient = false, limit }: { key?: (id: string, vars: Variables, conduct: Conduct) => string; lenient?: boolean; limit?: number } = {}): WalkExtent {
  return walk(s, {
    lenient, ...(limit !== undefined ? { limit } : {}),
    key: key ? (f) => key(f.id as string, f.vars, f.conduct) : null,
    visitEnding: ({ taken, took: _took, ...a }) => atEnding({ ...a, path: listOf(taken) }),
  });
}

/** A playthrough that breaks a principle (or takes a reply) and ends strong: its replies, score, ending and the "next" into it. */
export interface StrongAfterFound { path: string[]; percent: number; endingId: string; entry?: Entry }

/**
 * Playthroughs that break one of `watched` (or, given `through`, take that reply) and still end on
 * a strong ending: the first found for each principle broken (keyed by `through` when given).
 * States that cannot differ in future (same node, variables, points and the conduct the conditions
 * can read) are visited once. `first` stops at the first one found; past `limit` states the search
 * stops and `complete` is false.
 */
export function strongAfterSearch(s: Scenario, watched: Iterable<string>, { through, first = false, limit }: { through?: string; first?: boolean; limit?: number } = {}): WalkExtent & { found: Map<string, StrongAfterFound> } {
  const watchedList = [...watched];
  const tracked = [...new Set([...watchedList, ...principlesConditionsRead(s)])];
  const found = new Map<string, StrongAfterFound>();
  const extent = walk(s, {
    tracked, ...(through !== undefined ? { through } : {}), lenient: true, ...(limit !== undefined ? { limit } : {}),
    visitEnding: ({ ending, conduct, taken, took, entry }) => {
      if (ending.ending !== 'strong') return false;
      const broken = through === undefined ? watchedList.filter((p) => (conduct.violations[p] ?? 0) > 0) : took ? [through] : [];
      for (const p of broken) if (!found.has(p)) found.set(p, { path: listOf(taken), percent: scoreOf(conduct), endingId: ending.id, ...(entry ? { entry } : {}) });
      return first && found.size > 0;
    },
  });
  return { ...extent, found };
}

/** strongAfterSearch's playthroughs by principle (or `through`), their replies only, the search unbounded. */
export function strongAfter(s: Scenario, watched: Iterable<string>, opts: { through?: string; first?: boolean } = {}): Map<string, string[]> {
  return new Map([...strongAfterSearch(s, watched, opts).found].map(([p, f]) => [p, f.path]));
}

/**
 * A Strong-band playthrough that ends on a mixed or harmful ending that does not say why: its
 * replies, score, ending and the "next" into it; `told` when a variant is told, not the plain
 * narration (its index, and why it does not count: its "when" holds for every playthrough reaching
 * the ending, or reads neither conduct nor a variable a reply changes).
 */
export interface UnexplainedEnding { path: string[]; percent: number; ending: string; entry?: Entry; broken?: string[]; told?: UnexplainedTold }

/**
 * The variant a Strong-band playthrough on a worse ending was told, that does not say why: its index
 * in the ending's "variants", and why it does not count (its "when" holds for every playthrough
 * reaching the ending, or reads neither conduct nor a variable a reply changes).
 */
export interface UnexplainedTold { variant: number; why: 'always' | 'reads-nothing' }

/** Why a variant told does not count, in words: what its "when" does. */
const whyNotCounted = (told: UnexplainedTold) => (told.why === 'always' ? 'holds for every playthrough that reaches it' : 'reads neither the playthrough\'s conduct nor a variable a reply changes');

/**
 * What a playthrough on a worse ending was told, in words, as the audit's "another:" rows say it:
 * "end-mixed's own narration", or "end-mixed's variant 2 (its "when" holds for every playthrough that
 * reaches it)".
 */
export function unexplainedToldWords(ending: string, told: UnexplainedTold | null | undefined): string {
  return told ? `${ending}'s variant ${told.variant + 1} (its "when" ${whyNotCounted(told)})` : `${ending}'s own narration`;
}

/**
 * Which Strong-band playthroughs end on a worse ending that does not say why, over one walk. The
 * variant told (the first whose "when" holds, as the machine tells it) says why only if its "when"
 * reads the playthrough's conduct (a principle's violations, the score) or a variable some reply
 * changes, and does not hold for every playthrough that reaches the ending: that last is known when
 * the walk is over, so those playthroughs wait in groups (by ending and variant) until `result`.
 * Whether a variant's words say why is the author's to check. Keeps the first `keep` found.
 */
function strongBandTracker(s: Scenario, keep: number) {
  const changed = new Set<string>();
  for (const n of s.nodes) if (n.kind === 'decision') for (const r of n.replies) for (const e of r.effects ?? []) if (e.set !== undefined || (e.add ?? 0) !== 0) changed.add(e.var);
  const readsConduct = (when: Parameters<typeof conditionsOf>[0]) => conditionsOf(when).some((c) => isConductCondition(c) || changed.has(c.var));
  /** By ending, whether each variant's "when" failed to hold on some arrival there. */
  const failed = new Map<string, boolean[]>();
  const definite: { seq: number; u: UnexplainedEnding }[] = [];
  let definiteCount = 0;
  const waiting = new Map<string, { ending: string; variant: number; count: number; samples: { seq: number; u: UnexplainedEnding }[] }>();
  let seq = 0;
  return {
    /** A playthrough ends: `make` gives it as found (called only for those kept). */
    arrive(ending: EndingNode, vars: Variables, conduct: Conduct, make: (told?: UnexplainedEnding['told']) => UnexplainedEnding): void {
      const variants = ending.variants ?? [];
      let told = -1;
      if (variants.length > 0) {
        let fails = failed.get(ending.id);
        if (!fails) failed.set(ending.id, (fails = variants.map(() => false)));
        for (let i = 0; i < variants.length; i++) {
          if (!whenHolds((variants[i] as { when: Parameters<typeof whenHolds>[0] }).when, vars, conduct)) fails[i] = true;
          else if (told < 0) told = i;
        }
      }
      if (ending.ending === 'strong' || outcomeOf(scoreOf(conduct), conduct.critical).band !== 'strong') return;
      seq += 1;
      if (told < 0 || !readsConduct(variants[told]?.when)) {
        definiteCount += 1;
        if (definite.length < keep) definite.push({ seq, u: make(told < 0 ? undefined : { variant: told, why: 'reads-nothing' }) });
        return;
      }
      const key = `${ending.id}\n${told}`;
      let group = waiting.get(key);
      if (!group) waiting.set(key, (group = { ending: ending.id, variant: told, count: 0, samples: [] }));
      group.count += 1;
      if (group.samples.length < keep) group.samples.push({ seq, u: make({ variant: told, why: 'always' }) });
    },
    /** The playthroughs kept (in the order found) and how many there are. */
    result(): { found: UnexplainedEnding[]; count: number } {
      const always = [...waiting.values()].filter((g) => failed.get(g.ending)?.[g.variant] !== true);
      const found = [...definite, ...always.flatMap((g) => g.samples)].sort((a, b) => a.seq - b.seq).slice(0, keep).map((x) => x.u);
      return { found, count: definiteCount + always.reduce((n, g) => n + g.count, 0) };
    },
  };
}

/**
 * Playthroughs whose debrief says Strong (no critical violation, 80% or more) but whose story ends
 * on a mixed or harmful ending that does not say why the story went worse than the band: told in
 * its plain narration (no variant holds), or in a variant that does not count (strongBandTracker). States that cannot differ in future (node, variables, points,
 * possible, critical, and violation counts of the principles conditions name) are visited once, so a
 * path is given for each such state reached; past `limit` states the search stops (`complete` false).
 */
export function strongBandSearch(s: Scenario, { limit }: { limit?: number } = {}): WalkExtent & { found: UnexplainedEnding[] } {
  const tracked = [...principlesConditionsRead(s)];
  const band = strongBandTracker(s, Infinity);
  const extent = walk(s, {
    tracked, lenient: true, ...(limit !== undefined ? { limit } : {}),
    key: (f) => [f.id, f.varsText, f.conduct.points, f.conduct.possible, f.conduct.critical, f.counts].join('|'),
    visitEnding: ({ ending, vars, conduct, taken, entry }) => {
      band.arrive(ending, vars, conduct, (told) => ({ path: listOf(taken), percent: scoreOf(conduct), ending: ending.id, ...(entry ? { entry } : {}), broken: Object.keys(conduct.violations).filter((p) => (conduct.violations[p] ?? 0) > 0), ...(told ? { told } : {}) }));
    },
  });
  return { ...extent, found: band.result().found };
}

/** How many Strong-band playthroughs on a worse ending that does not say why the audit names (the rest it counts). */
export const UNEXPLAINED_NAMED = 3;

/**
 * The two checks on playthroughs the audit makes, in one walk: those that break a principle of
 * `watched` and end strong (the first for each), and the Strong-band playthroughs that end on a
 * worse ending that does not say why (strongBandTracker). Its states tell apart all that either check's states do, so each
 * finds what it finds alone.
 */
export function playthroughChecks(s: Scenario, watched: readonly string[], limit: number): WalkExtent & { strongAfter: Map<string, StrongAfterFound>; unexplained: UnexplainedEnding[]; unexplainedCount: number } {
  const tracked = [...new Set([...watched, ...principlesConditionsRead(s)])];
  const strong = new Map<string, StrongAfterFound>();
  // The first UNEXPLAINED_NAMED such playthroughs, and how many states end so: a path for each of
  // them (each as long as the scenario) filled the memory in a scenario of 12,000 decisions.
  const band = strongBandTracker(s, UNEXPLAINED_NAMED);
  const extent = walk(s, {
    tracked, lenient: true, limit,
    key: (f) => [f.id, f.varsText, f.conduct.points, f.conduct.possible, f.conduct.critical, f.counts].join('|'),
    visitEnding: ({ ending, vars, conduct, taken, entry }) => {
      const percent = scoreOf(conduct);
      const broken = () => Object.keys(conduct.violations).filter((p) => (conduct.violations[p] ?? 0) > 0);
      if (ending.ending === 'strong') {
        for (const p of watched) if ((conduct.violations[p] ?? 0) > 0 && !strong.has(p)) strong.set(p, { path: listOf(taken), percent, endingId: ending.id, ...(entry ? { entry } : {}) });
      } else {
        band.arrive(ending, vars, conduct, (told) => ({ path: listOf(taken), percent, ending: ending.id, ...(entry ? { entry } : {}), broken: broken(), ...(told ? { told } : {}) }));
      }
    },
  });
  const { found: unexplained, count: unexplainedCount } = band.result();
  return { ...extent, strongAfter: strong, unexplained, unexplainedCount };
}

/** strongBandSearch's playthroughs, the search unbounded. */
export function strongBandUnexplained(s: Scenario): UnexplainedEnding[] {
  return strongBandSearch(s).found;
}

/**
 * The fewest decisions any playthrough passes through (ignoring conditions: a lower bound), and a
 * route with that many: the nodes from the start to its ending, and the way into that ending (the
 * last node before it, and at a decision the reply whose "next" leads there).
 */
export function fewestDecisions(scenario: Scenario): { count: number; route: string[]; entry?: Entry } {
  const index = indexScenario(scenario);
  const { order } = analyseGraph(index.nodes, scenario.start);
  const fewest = new Map<string, { n: number; to?: string; reply?: string }>();
  for (let i = order.length - 1; i >= 0; i--) {
    const node = index.nodes.get(order[i] as string);
    if (!node) continue;
    if (node.kind === 'ending') fewest.set(node.id, { n: 0 });
    else {
      const targets: { to: string; reply?: string }[] = node.kind === 'scene' ? routesOf(node.next) : node.replies.flatMap((r) => routesOf(r.next).map((x) => ({ to: x.to, reply: r.id })));
      let best: { n: number; to?: string; reply?: string } = { n: Infinity };
      for (const t of targets) {
        const n = fewest.get(t.to)?.n ?? Infinity;
        if (n < best.n) best = { n, to: t.to, ...(t.reply !== undefined ? { reply: t.reply } : {}) };
      }
      fewest.set(node.id, { ...best, n: best.n + (node.kind === 'decision' ? 1 : 0) });
    }
  }
  const route: string[] = [];
  for (let id: string | undefined = scenario.start; id !== undefined && route.length <= order.length; id = fewest.get(id)?.to) route.push(id);
  const before = route.at(-2);
  const reply = before !== undefined ? fewest.get(before)?.reply : undefined;
  return { count: fewest.get(scenario.start)?.n ?? 0, route, ...(before !== undefined ? { entry: { nodeId: before, ...(reply !== undefined ? { replyId: reply } : {}) } } : {}) };
}

/** The fewest decisions any playthrough passes through (ignoring conditions: a lower bound). */
export function minDecisionsOnAnyPath(scenario: Scenario): number {
  return fewestDecisions(scenario).count;
}

/** A place a house rule's failure names: a path as validate gives places, and what is there. */
export interface HouseRulePlace { path: JsonPath; what: string }

/** One house rule a scenario breaks, for the audit (its text and its data). */
export interface HouseRuleFailure {
  check: 'strong-after-ruled-out' | 'strong-band-unexplained' | 'few-decisions' | 'few-replies' | 'ending-kinds' | 'critical-weight' | 'reply-without-consequence' | 'state-steers-too-little' | 'few-branching-decisions' | 'trust-meter' | 'house-rules-incomplete';
  /** What is wrong, without the scenario's name (the audit puts it in front). */
  message: string;
  places: HouseRulePlace[];
  /** The replies of the playthrough that breaks the rule (the checks on playthroughs), or the nodes of a route (few-decisions). */
  replies?: string[];
  route?: string[];
  /**
   * strong-band-unexplained: the playthroughs named (the first is the one of `replies`), each with
   * what it was told (`told`: null, the ending's own narration; else the variant's index in
   * "variants" and why it does not count), and how many there are.
   */
  playthroughs?: { replies: string[]; percent: number; ending: string; told: UnexplainedTold | null }[];
  count?: number;
  fix?: string;
}

/** "harmful", "mixed and harmful": the kinds of ending a scenario lacks, in words. */
function quoteKinds(kinds: readonly string[]): string {
  return kinds.length <= 1 ? kinds.join('') : `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1) as string}`;
}
/** Which replies lead to each kind of ending, and why, for ending-kinds' fix. */
const ENDING_FOR: Record<string, string> = { strong: 'the best replies', mixed: 'the replies of a mixed playthrough', harmful: 'the worst replies' };
const ENDING_WHY: Record<string, string> = { strong: 'the best path ends strong', mixed: 'a playthrough with good and poor replies ends mixed', harmful: 'the worst path ends harmful' };

/** The principles whose breach the search watches: NEVER_STRONG but the critical ones, which the audit's critical check already fails. */
const WATCHED = NEVER_STRONG.filter((n) => getPrinciple(n.principle)?.severity !== 'critical');

/**
 * The number of states the checks on playthroughs may visit: more than the exploration's 60,000
 * (they keep points and the counts of the watched principles apart; the largest bundled scenario,
 * red-flags, needs about 154,000), and few enough to stay near a second on two cores (about 3.5 µs
 * a state). Not grown with the file: a scenario of 12,000 nodes took 5.7 s at four times the
 * exploration's limit for it.
 */
export const SEARCH_STATE_LIMIT = 250_000;

/**
 * The house rules a scenario breaks (see HouseRuleFailure), each with the places to change and the
 * fix in plain words. The checks on playthroughs are bounded: past `limit` states they stop and say
 * the check is incomplete; `explored` false (the exploration stopped at its own limit) skips them.
 */
export function houseRuleFailures(scenario: Scenario, { explored, limit }: { explored: boolean; limit: number }): HouseRuleFailure[] {
  const out: HouseRuleFailure[] = [];
  const at = new Map(scenario.nodes.map((n, i) => [n.id, i]));
  const nodePlace = (id: string, what: string): HouseRulePlace[] => (at.has(id) ? [{ path: ['nodes', at.get(id) as number], what }] : []);
  const nextPlace = (entry: Entry | undefined, what: string): HouseRulePlace[] => {
    const i = entry ? at.get(entry.nodeId) : undefined;
    if (!entry || i === undefined) return [];
    const node = scenario.nodes[i];
    const r = entry.replyId !== undefined && node?.kind === 'decision' ? node.replies.findIndex((x) => x.id === entry.replyId) : -1;
    return r >= 0 ? [{ path: ['nodes', i, 'replies', r, 'next'], what: `${entry.nodeId}, reply ${entry.replyId}: ${what}` }] : [{ path: ['nodes', i, 'next'], what: `${entry.nodeId}: ${what}` }];
  };
  if (explored) {
    const found = playthroughChecks(scenario, WATCHED.map((n) => n.principle), limit);
    for (const n of WATCHED) {
      const f = found.strongAfter.get(n.principle);
      if (!f) continue;
      out.push({
        check: 'strong-after-ruled-out',
        message: `a playthrough that breaks ${n.principle} scores ${f.percent}% and reaches a strong ending; no playthrough that does what the guide rules out may end strong (${n.why})`,
        places: [...nodePlace(f.endingId, `${f.endingId} (the strong ending)`), ...nextPlace(f.entry, 'its "next" sends that playthrough there')],
        replies: f.path,
        fix: `At that "next", send a playthrough that broke ${n.principle} elsewhere first: a route { "when": { "conduct": "violations", "principle": "${n.principle}", "gt": 0 }, "to": "<a mixed or harmful ending>" } before the one to the strong ending. ${f.percent >= STRONG_BAND_FROM ? `This playthrough scores ${f.percent}%, in the Strong band, so give` : `If such a playthrough can still score ${STRONG_BAND_FROM}% or more with no critical violation (the Strong band), give`} that ending, too, a variant told to it that names the step that cost it ({ "when": { "conduct": "violations", "principle": "${n.principle}", "gt": 0 }, "narration": "…" }): on the ending's own narration the Strong band's check fails it.`,
      });
    }
    const [u] = found.unexplained;
    if (u) {
      const ending = scenario.nodes[at.get(u.ending) ?? -1];
      const kind = ending?.kind === 'ending' ? ending.ending : 'mixed';
      const cost = u.broken?.[0];
      const all = found.unexplainedCount;
      const told = !u.told ? `${u.ending}'s own narration (a ${kind} ending), which`
        : `${u.ending}'s variant ${u.told.variant + 1} (a ${kind} ending), whose "when" ${whyNotCounted(u.told)}`;
      const variantPlace: HouseRulePlace[] = u.told && at.has(u.ending) ? [{ path: ['nodes', at.get(u.ending) as number, 'variants', u.told.variant, 'when'], what: `${u.ending}, variant ${u.told.variant + 1}: the variant told to that playthrough` }] : [];
      out.push({
        check: 'strong-band-unexplained',
        message: `a playthrough scoring ${u.percent}% with no critical violation (the Strong band: the debrief says Strong) ends on ${told}${u.told ? ', so it' : ''} does not say why it did not end strong${all > 1 ? ` (${all} such playthroughs${all > found.unexplained.length ? `, the first ${found.unexplained.length} named below` : ', all named below'})` : ''}`,
        places: [...nodePlace(u.ending, `${u.ending} (the ${kind} ending)`), ...variantPlace, ...nextPlace(u.entry, 'its "next" sends that playthrough there')],
        replies: u.path,
        playthroughs: found.unexplained.map((p) => ({ replies: p.path, percent: p.percent, ending: p.ending, told: p.told ?? null })),
        count: all,
        fix: `Give ${u.ending} a variant told to that playthrough that names the step that cost it (${cost ? `{ "when": { "conduct": "violations", "principle": "${cost}", "gt": 0 }, "narration": "…" }` : '{ "when": …, "narration": "…" }'}), or at that "next" send a playthrough of ${STRONG_BAND_FROM}% or more with no critical violation to the strong ending. A variant counts only if its "when" reads the playthrough's conduct or a variable a reply changes: a "when" that holds for every playthrough reaching the ending, or reads nothing the volunteer did, does not count (whether its words say why is yours to check).`,
      });
    }
    if (!found.complete) out.push({ check: 'house-rules-incomplete', message: `too many playthroughs to check every one for what never ends strong and for the Strong band's ending: the check stopped at ${found.states.toLocaleString('en-US')} states, so it is incomplete`, places: [] });
  } else {
    out.push({ check: 'house-rules-incomplete', message: 'too many reachable states to check what never ends strong and the Strong band\'s ending on every playthrough: not checked', places: [] });
  }
  const fewest = fewestDecisions(scenario);
  if (fewest.count < HOUSE_RULES.minDecisions) {
    const decisions = fewest.route.filter((id) => scenario.nodes[at.get(id) ?? -1]?.kind === 'decision');
    const last = fewest.route.at(-1) ?? '';
    out.push({
      check: 'few-decisions',
      message: `a playthrough can meet only ${fewest.count} decision${fewest.count === 1 ? '' : 's'} (${decisions.join(', ') || 'none'}); every playthrough meets at least ${HOUSE_RULES.minDecisions}`,
      places: [...nodePlace(last, `${last} (the ending of that route)`), ...nextPlace(fewest.entry, 'its "next" leads there (the last step of that route)')],
      route: fewest.route,
      fix: `On that route (${routeWords(fewest.route)}), lead through ${HOUSE_RULES.minDecisions - fewest.count} more decision${HOUSE_RULES.minDecisions - fewest.count === 1 ? '' : 's'} before the ending, so that no playthrough meets fewer than ${HOUSE_RULES.minDecisions}.`,
    });
  }
  const few = scenario.nodes.flatMap((n, i) => (n.kind === 'decision' && n.replies.length < HOUSE_RULES.minReplies ? [{ n, i }] : []));
  if (few.length > 0) {
    out.push({
      check: 'few-replies',
      message: `${few.length} decision${few.length === 1 ? ' offers' : 's offer'} fewer than ${HOUSE_RULES.minReplies} replies; every decision offers at least ${HOUSE_RULES.minReplies}`,
      places: few.map(({ n, i }) => ({ path: ['nodes', i, 'replies'], what: `${n.id}: ${n.kind === 'decision' ? n.replies.length : 0} repl${n.kind === 'decision' && n.replies.length === 1 ? 'y' : 'ies'}` })),
      fix: `Give each at least ${HOUSE_RULES.minReplies} replies: a near miss (following one principle while breaking another) makes the choice a real one.`,
    });
  }
  // A strong, a mixed and a harmful ending: a draft often has two.
  const endings = scenario.nodes.flatMap((n, i) => (n.kind === 'ending' ? [{ n, i }] : []));
  const lacking = (['strong', 'mixed', 'harmful'] as const).filter((k) => !endings.some(({ n }) => n.ending === k));
  if (lacking.length > 0) {
    const example = lacking[0] as string;
    out.push({
      check: 'ending-kinds',
      message: `the scenario has no ${quoteKinds(lacking)} ending${lacking.length === 1 ? '' : 's'}; every scenario has a strong, a mixed and a harmful ending`,
      places: endings.map(({ n, i }) => ({ path: ['nodes', i], what: `${n.id} (the ${n.ending} ending)` })),
      fix: `Add ${lacking.length === 1 ? `a ${example} ending` : `${quoteKinds(lacking)} endings`} ({ "id": "end-${example}", "kind": "ending", "ending": "${example}", "title": "…", "narration": "…" }) and lead ${ENDING_FOR[example]} to it: ${ENDING_WHY[example]}.`,
    });
  }
  // A prohibited act weighed as a secondary point: "weight": 3 left out (the default is 1).
  const light: HouseRulePlace[] = [];
  scenario.nodes.forEach((node, i) => {
    if (node.kind === 'decision') node.replies.forEach((r, j) => r.assessments.forEach((a, k) => {
      if (a.verdict === 'violates' && getPrinciple(a.principle)?.severity === 'critical' && (a.weight ?? 1) < 3) {
        light.push({ path: ['nodes', i, 'replies', j, 'assessments', k], what: `${node.id}, reply ${r.id}: violates ${a.principle} with weight ${a.weight ?? 1}` });
      }
    }));
  });
  if (light.length > 0) {
    const n = new Set(light.map((p) => p.path.slice(0, 4).join('.'))).size;
    out.push({
      check: 'critical-weight',
      message: `${n} repl${n === 1 ? 'y violates' : 'ies violate'} a critical principle (a Prohibited Activity in the guide) with a weight below 3; every such violation weighs 3`,
      places: light,
      fix: 'Give each of these assessments "weight": 3: a prohibited act is the very worst move a reply can make.',
    });
  }
  const idle = inconsequentialReplyFindings(scenario);
  if (idle.length > 0) {
    const n = idle.length;
    const byId = new Map(idle.map((r) => [r.id, r]));
    const places: HouseRulePlace[] = [];
    scenario.nodes.forEach((node, i) => {
      if (node.kind === 'decision') node.replies.forEach((r, j) => {
        const found = byId.get(r.id);
        if (!found || found.decision !== node.id) return;
        const elsewhere = found.readElsewhere;
        const unread = found.unread.length === 0 ? ''
          : elsewhere.length === 0 ? `: it changes ${found.unread.join(', ')}, which no condition reads`
          : `: it changes ${found.unread.join(', ')}, which no condition after it reads (${elsewhere.join(', ')} ${elsewhere.length === 1 ? 'is' : 'are'} read only before it, or on ways it does not lead to)`;
        places.push({ path: ['nodes', i, 'replies', j], what: `${node.id}, reply ${r.id}${unread}` });
      });
    });
    out.push({
      check: 'reply-without-consequence',
      message: `${n} repl${n === 1 ? 'y' : 'ies'} scoring below zero change${n === 1 ? 's' : ''} no variable that a condition after ${n === 1 ? 'it' : 'them'} reads (a route's, a later reply's or an ending variant's "when" on some way on from the reply's "next"), nor leave${n === 1 ? 's' : ''} one otherwise than the best reply does, and lead${n === 1 ? 's' : ''} where the best reply does: the story goes on as if the best reply had been chosen`,
      places,
      fix: `Give each a consequence the story can show: an "effects" entry that changes a variable a later condition reads (e.g. { "var": "trust", "add": -10 }, with a route, reply or ending variant some way on from the reply's "next" whose "when" tests trust: the story cannot show a change no condition after it reads, and a condition met only before the reply, or on a way it does not lead to, never sees the change), or a "next" that leads elsewhere than the best reply's.`,
    });
  }
  const steered = stateSteeredDecisions(scenario);
  if (steered.length < HOUSE_RULES.minSteered) {
    out.push({
      check: 'state-steers-too-little',
      message: `the story's state (a variable, or the replies so far) decides which decision (or ending) comes next at ${steered.length} place${steered.length === 1 ? '' : 's'}${steered.length > 0 ? ` (${steered.join(', ')})` : ''}; the story's state should do so in at least ${HOUSE_RULES.minSteered}`,
      places: steered.flatMap((id) => nodePlace(id, `${id}: the story's state decides what comes next here`)),
      fix: `At another decision or scene, let a variable choose the way on: a "next" such as [{ "when": { "var": "trust", "gte": 60 }, "to": "<a scene>" }, { "to": "<another scene>" }] whose ways lead to different decisions or endings (not only to different scenes before the same decision).`,
    });
  }
  const branching = branchingDecisions(scenario);
  if (branching.length < HOUSE_RULES.minBranching) {
    out.push({
      check: 'few-branching-decisions',
      message: `${branching.length === 0 ? 'no decision has' : `${branching.length} decision${branching.length === 1 ? ' has' : 's have'}`} replies that lead to different next nodes${branching.length > 0 ? ` (${branching.join(', ')})` : ''}; at least ${HOUSE_RULES.minBranching} decisions' replies lead to different next nodes`,
      places: branching.flatMap((id) => nodePlace(id, `${id}: its replies lead to different next nodes`)),
      fix: `At another decision, let a reply lead elsewhere than the others: its "next" to a scene or decision of its own (for a poor reply, one that shows what it cost), so that the choice there changes the way on.`,
    });
  }
  // A trust meter the volunteer sees, that changes the way on somewhere.
  const trustAt = scenario.variables?.findIndex((v) => v.id === 'trust') ?? -1;
  const trust = scenario.variables?.[trustAt];
  const onTrust = routesOnTrust(scenario);
  const shown = trust !== undefined && 'shown' in trust && trust.shown === true;
  if (!shown || onTrust.length === 0) {
    const lacks = [
      ...(trust === undefined ? ['no "trust" variable'] : !shown ? ['a "trust" variable without "shown": true'] : []),
      ...(onTrust.length === 0 ? ['no route whose condition tests trust'] : []),
    ];
    out.push({
      check: 'trust-meter',
      message: `the scenario has ${lacks.join(' and ')}; every scenario has a "trust" variable shown as a meter ("shown": true) and at least one route whose condition tests it`,
      places: [
        ...(trust !== undefined ? [{ path: ['variables', trustAt] as JsonPath, what: `trust${shown ? '' : ': not shown'}` }] : []),
      ],
      fix: [
        ...(trust === undefined ? ['Add { "id": "trust", "label": "…\'s trust", "min": 0, "max": 100, "start": 50, "shown": true } to "variables", with "effects" that change it ({ "var": "trust", "add": -10 } on a poor reply).'] : !shown ? ['Give the "trust" variable "shown": true, so that the volunteer sees the meter.'] : []),
        ...(onTrust.length === 0 ? ['At a scene or reply, let trust choose the way on: a "next" such as [{ "when": { "var": "trust", "gte": 60 }, "to": "<a scene>" }, { "to": "<another scene>" }].'] : []),
      ].join(' '),
    });
  }
  return out;
}
