import { exploreScenario } from '../audit/explore.js';
import { getPrinciple } from '../guide.js';
import { analyseBest, CRITICAL_CAP, DEVELOPING_FROM, STRONG_FROM } from '../scoring.js';
import { probedReaches } from '../audit/probe.js';
import type { EndingReach } from '../audit/explore.js';
import { scenarioGraph } from '../graph.js';
import { describeWhen } from '../graph-model.js';
import { conditionsOf } from '../conditions.js';
import { routesOf } from '../scenario-index.js';
import type { Condition, Next, Scenario, When } from '../schema/scenario.js';
import { quoteValue } from '../text/quote.js';
import { countWords, firstFew, MAX_NAMED } from '../text/first-few.js';
import { formatPath, RELATED_AT, type JsonPath, type UnlocatedProblem } from './problem.js';

/** From this final percentage, a playthrough reaching a harmful ending is worth a warning. */
export const HARMFUL_WARNING_FROM = 90;

/** "d1-listen → d2-call-csw → …" (at most eight replies). */
function replies(path: readonly string[]): string {
  const shown = path.slice(0, 8).join(' → ');
  return path.length > 8 ? `${shown} → … (${path.length} replies)` : shown || '(no replies)';
}

/**
 * The outcome must follow the volunteer's conduct: no playthrough with a critical violation, or
 * scoring under 50%, may reach a strong ending (errors), and one scoring 90% or more should not
 * reach a harmful one (a warning). Exact, over every reachable state; runs on valid files only.
 */
export function integrityProblems(scenario: Scenario, said: readonly UnlocatedProblem[] = []): UnlocatedProblem[] {
  const out: UnlocatedProblem[] = [];
  const nodePath = (id: string) => ['nodes', scenario.nodes.findIndex((n) => n.id === id)];
  if (analyseBest(scenario).best <= 0) {
    out.push({ severity: 'warning', code: 'best-not-positive', path: ['nodes'],
      message: 'No playthrough can earn more than 0 points, so every playthrough scores 0%.',
      fix: 'Assess at least one reply on the way to each ending as following a principle ("verdict": "follows").' });
  }
  const found = exploreScenario(scenario);
  if (!found.complete) {
    out.push({ severity: 'warning', code: 'exploration-incomplete', path: ['nodes'],
      message: `The scenario has more reachable states (node, variables and conduct) than the ${found.limit.toLocaleString('en-US')} the ending checks look at, so they looked at part of it only (and at two whole playthroughs: the worst reply every time, and a prohibited act wherever one is offered).`,
      fix: 'Use fewer variables or narrower ranges, or split the scenario in two.' });
  }
  if (found.complete) out.push(...endingsNeverReached(scenario, new Set(found.endings.map((e) => e.endingId)), new Set(found.unvisited), nodePath, found.states), ...nodesNeverReached(scenario, found.unvisited, said, nodePath), ...closingTextsNeverTold(scenario, found.endings, nodePath));
  const best = analyseBest(scenario);
  const bestEnding = best.endingId === undefined ? undefined : scenario.nodes.find((n) => n.id === best.endingId);
  // A perfect playthrough that ends mixed or harmful (best-path-blocked covers one that cannot score 100%).
  // (Not when a prohibited act is on that path: then it does not score 100%, and ending short of strong is right.)
  const criticalOnPath = () => best.path.some((step) => {
    const node = scenario.nodes.find((n) => n.id === step.nodeId);
    const reply = node?.kind === 'decision' ? node.replies.find((r) => r.id === step.replyId) : undefined;
    return reply?.assessments.some((a) => a.verdict === 'violates' && getPrinciple(a.principle)?.severity === 'critical');
  });
  // A harmful one reached at 100% is already harmful-at-90, which lists the same path.
  const harmfulWarned = bestEnding?.kind === 'ending' && bestEnding.ending === 'harmful' && found.endings.some((e) => e.endingId === bestEnding.id && e.best >= HARMFUL_WARNING_FROM);
  if (bestEnding?.kind === 'ending' && bestEnding.ending !== 'strong' && !harmfulWarned && best.pathScore === best.best && best.best > 0 && !criticalOnPath()) {
    out.push({ severity: 'warning', code: 'best-path-not-strong', path: nodePath(bestEnding.id),
      message: `The best-practice path (${replies(best.path.map((s) => s.replyId))}, ${best.best} of ${best.best} points, 100%) ends at the ${bestEnding.ending} ending ${quoteValue(bestEnding.id)}, so a volunteer who chooses the best reply every time is told ${quoteValue(bestEnding.title)}.`,
      fix: `${best.path.length > 0 ? `The best path comes here after ${quoteValue(best.path[best.path.length - 1]?.replyId ?? '')}. ` : ''}Send the best replies on to a strong ending: loosen the "when" that keeps them from it (for example a trust threshold they do not reach), raise trust more on them, or point their route at a strong ending.` });
  }
  // Past the exploration's limit, playthroughs played with real values that take the worst reply
  // (or a prohibited act where there is one) every time: a strong ending they reach after poor
  // conduct is a real playthrough, reported as the exploration would, although its check was partial.
  const reaches = found.complete ? found.endings : [...found.endings, ...probedReaches(scenario, best.best, found.endings)];
  for (const e of reaches) {
    if (e.kind === 'strong' && e.afterCritical && e.criticalPath) out.push(strongAfterCritical(scenario, e, nodePath));
    // A reply that is itself a prohibited activity and leads into the strong ending is reported
    // once, as strong-after-critical: pointing it elsewhere fixes its low score too.
    const worstIsCritical = e.afterCritical && e.criticalPath && ownCritical(scenario, e.worstEntry) !== undefined;
    if (e.kind === 'strong' && e.worst < DEVELOPING_FROM && !worstIsCritical) out.push(strongTooLow(scenario, e, nodePath, UNDER_50));
    else if (e.kind === 'strong' && e.worst < STRONG_FROM && !worstIsCritical) out.push(strongTooLow(scenario, e, nodePath, UNDER_80));
    if (e.kind === 'harmful' && e.best >= HARMFUL_WARNING_FROM) {
      const last = lastStepInto(scenario, e.bestPath);
      out.push({ severity: 'warning', code: 'harmful-at-90', path: nodePath(e.endingId),
        message: `A playthrough scoring ${e.best}% reaches the harmful ending "${e.endingId}": ${replies(e.bestPath)}.${last ? ` ${last.words}` : ''}`,
        fix: `Check that the ending follows the volunteer's conduct: a near-perfect playthrough rarely deserves a harmful ending.${last ? ` If ${quoteValue(last.id)} is the harmful act, its assessments should say so: "verdict": "violates" for the principle it goes against (a verdict of "follows" adds its weight to the score). If it is good practice, point its "next" at a strong or mixed ending.` : ''}` });
    }
  }
  return out;
}

/**
 * The last reply of a playthrough into a harmful ending, with what it scores, when it scores points:
 * a prohibited act assessed "follows" (its verdict the wrong way round) sent a 100% playthrough to
 * the harmful ending, and the warning said only to check that the ending follows the volunteer's
 * conduct (found by author-59).
 */
function lastStepInto(scenario: Scenario, path: readonly string[]): { id: string; words: string } | undefined {
  const last = path[path.length - 1];
  if (last === undefined) return undefined;
  for (const node of scenario.nodes) {
    if (node.kind !== 'decision') continue;
    const reply = node.replies.find((r) => r.id === last);
    if (!reply) continue;
    const follows = reply.assessments.filter((a) => a.verdict === 'follows');
    const points = reply.assessments.reduce((sum, a) => sum + (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1), 0);
    if (points <= 0 || follows.length === 0) return undefined;
    return { id: last, words: `Its last reply, ${quoteValue(last)} (at ${quoteValue(node.id)}), scores +${points}: it is assessed as following ${follows.map((a) => quoteValue(a.principle)).join(', ')}.` };
  }
  return undefined;
}

/**
 * Endings that arrows lead to (so "unreachable" is silent) but that no playthrough reaches, because
 * the conditions on every route into them never hold together. Only after a complete exploration.
 */
function endingsNeverReached(scenario: Scenario, reached: ReadonlySet<string>, unvisited: ReadonlySet<string>, nodePath: (id: string) => JsonPath, states: number): UnlocatedProblem[] {
  const graph = scenarioGraph(scenario);
  const out: UnlocatedProblem[] = [];
  const trials = { left: states <= TRIAL_STATES ? TRIALS : 0 };
  for (const node of scenario.nodes) {
    if (node.kind !== 'ending' || reached.has(node.id) || !graph.reachable.has(node.id)) continue;
    // Only where the story could have entered it: an ending out of reach because every way in is
    // from a node no playthrough reaches is that node's (node-never-reached), not its own.
    if (!waysIn(scenario, node.id).some((w) => graph.reachable.has(w.from) && !unvisited.has(w.from))) continue;
    // Each way in with every test on it: the reply's own "when" as well as its route's (a reply
    // offered only at trust ≥ 90 was listed with no condition, and the fix named its route).
    const ways = waysIn(scenario, node.id).filter((w) => graph.reachable.has(w.from)).map((w) => (w.tests.length === 0 ? w.label : `${w.label} if ${w.tests.join(' and ')}`));
    const shown = ways.slice(0, 3).join('; ') + (ways.length > 3 ? `; and ${countWords(ways.length - 3)} more` : '');
    const blocking = testsKeepingOut(scenario, node.id, waysIn(scenario, node.id).filter((w) => graph.reachable.has(w.from) && !unvisited.has(w.from)), trials);
    out.push({ severity: 'warning', code: 'ending-never-reached', path: nodePath(node.id),
      message: `No playthrough reaches the ${node.ending} ending ${quoteValue(node.id)}: arrows lead to it (${shown}), but their conditions never hold on the way there (every playthrough the scenario allows was tried).`,
      fix: blocking ? blockingFix(blocking) : 'Loosen the "when" on a way into it (a reply\'s own "when", or the one on its route: for example a trust threshold higher than trust can be at that point, or conditions that rule each other out), or remove the ending.' });
  }
  return out;
}

/**
 * An ending's closing texts that no playthrough reaching it is told: a variant whose "when" never
 * holds there, or always after an earlier variant's did (the first that holds is told), and the
 * ending's own narration when some variant always holds. Only after a complete exploration, and
 * only for endings some playthrough reaches (ending-never-reached covers the others).
 */
function closingTextsNeverTold(scenario: Scenario, reaches: readonly EndingReach[], nodePath: (id: string) => JsonPath): UnlocatedProblem[] {
  const out: UnlocatedProblem[] = [];
  for (const e of reaches) {
    const node = scenario.nodes.find((n) => n.id === e.endingId);
    if (node?.kind !== 'ending' || !node.variants || !e.variants) continue;
    const ending = `the ${node.ending} ending ${quoteValue(node.id)}`;
    node.variants.forEach((v, k) => {
      const seen = e.variants?.[k];
      if (!seen || seen.shown) return;
      const which = `Variant ${k + 1} of ${ending} (when ${describeWhen(v.when, MAX_NAMED)})`;
      const path = [...nodePath(node.id), 'variants', k, 'when'];
      if (!seen.holds) {
        out.push({ severity: 'warning', code: 'variant-never-told', path,
          message: `${which} is never told: no playthrough that reaches the ending meets its "when" (every playthrough the scenario allows was tried).`,
          fix: 'Loosen its "when" so that a playthrough reaching this ending can meet it (the routes into the ending may already rule it out), or remove the variant.' });
      } else {
        out.push({ severity: 'warning', code: 'variant-never-told', path,
          message: `${which} is never told: every playthrough that meets its "when" meets an earlier variant's too, and the first variant that holds is the one told.`,
          fix: 'Move this variant before the one that takes its playthroughs, or narrow that variant\'s "when".' });
      }
    });
    if (e.narrationShown === false) {
      out.push({ severity: 'warning', code: 'narration-never-told', path: [...nodePath(node.id), 'narration'],
        message: `The narration of ${ending} is never told: every playthrough that reaches it meets some variant's "when", and a variant's text replaces the narration.`,
        fix: 'Narrow the variants\' "when"s so the narration is told when none fits, or make the narration the text of the variant that always holds and remove that variant.' });
    }
  }
  return out;
}

/**
 * A way into node `to`: from which node (by its place in "nodes"), the test on it in words, and each
 * "when" on it (the reply's own, the route's) with where to find it in a copy of the scenario.
 */
interface WayIn { from: string; fromIndex: number; label: string; tests: string[]; whens: { when: When; in: (copy: Scenario) => { when?: When } }[] }

/** At most this many trial explorations per check, each with one test on a way in taken out (testsKeepingOut). */
const TRIALS = 12;
/** Trials only in a scenario of at most this many reachable states: each explores it again. */
const TRIAL_STATES = 20_000;

/**
 * The tests on a way into an ending that keep every playthrough out of it: those without which (one
 * taken out at a time, the rest kept) some playthrough reaches it. Tried on the first three ways in
 * whose tests could be to blame, within `trials` explorations; undefined when none alone is (two
 * ways each blocked, say) or the trials ran out.
 */
function testsKeepingOut(scenario: Scenario, endingId: string, ways: readonly WayIn[], trials: { left: number }): { way: WayIn; tests: Condition[] } | undefined {
  for (const way of ways.filter((w) => w.whens.length > 0).slice(0, 3)) {
    const tests: Condition[] = [];
    for (const { when, in: holderIn } of way.whens) {
      const conditions = conditionsOf(when);
      for (let k = 0; k < conditions.length; k++) {
        if (trials.left <= 0) return undefined;
        trials.left--;
        const copy = JSON.parse(JSON.stringify(scenario)) as Scenario;
        const holder = holderIn(copy);
        if (conditions.length > 1) holder.when = conditions.filter((_, i) => i !== k);
        else delete holder.when;
        const tried = exploreScenario(copy);
        if (tried.complete && tried.endings.some((e) => e.endingId === endingId)) tests.push(conditions[k] as Condition);
      }
    }
    if (tests.length > 0) return { way, tests };
  }
  return undefined;
}

/** The fix for an ending out of reach that names the tests keeping it so (testsKeepingOut). */
function blockingFix({ way, tests }: { way: WayIn; tests: Condition[] }): string {
  const where = `on ${way.label}`;
  const [only] = tests;
  if (tests.length === 1 && only) {
    const named = describeWhen(only, MAX_NAMED);
    const others = way.tests.join(' and ') !== named;
    // A yes/no flag has no threshold to loosen: what sets it on the way there is what to look at.
    const loosen = 'var' in only && only.is !== undefined ? `Check which replies on the way there set ${quoteValue(only.var)}` : 'Loosen it (for example a threshold the variable can reach there)';
    return `"${named}" ${where} keeps every playthrough out: ${others ? 'with it taken out (the other tests on that way in kept), playthroughs reach the ending' : 'it never holds at that point, and without it playthroughs reach the ending'}. ${loosen}, take it out, or remove the ending.`;
  }
  return `The tests ${firstFew(tests.slice(0, MAX_NAMED).map((t) => `"${describeWhen(t, MAX_NAMED)}"`), { separator: ' and ', total: tests.length, noun: 'tests' })} ${where} hold one at a time but never together: without any one of them, playthroughs reach the ending. Loosen or take out one of them, or remove the ending.`;
}

/**
 * The ways into a node from scenes and decisions: each route to it, with the reply's "when" and the
 * route's. A route after one with no "when" in the same list is never taken, so it is no way in.
 */
function waysIn(scenario: Scenario, to: string): WayIn[] {
  const out: WayIn[] = [];
  scenario.nodes.forEach((from, fromIndex) => {
    if (from.kind === 'ending') return;
    type Holder = (copy: Scenario) => { when?: When; next: Next };
    const nexts: { label: string; next: Next; when?: When; holder: Holder }[] = from.kind === 'scene'
      ? [{ label: `the scene ${quoteValue(from.id)}`, next: from.next, holder: (copy) => copy.nodes[fromIndex] as { next: Next } }]
      : from.replies.map((r, replyIndex) => ({ label: `${quoteValue(r.id)} at ${quoteValue(from.id)}`, next: r.next, when: r.when, holder: (copy) => (copy.nodes[fromIndex] as { replies: { when?: When; next: Next }[] }).replies[replyIndex] as { when?: When; next: Next } }));
    for (const { label, next, when, holder } of nexts) {
      routesOf(next).some((r, routeIndex) => {
        if (r.to === to) {
          const whens: WayIn['whens'] = [];
          if (when !== undefined) whens.push({ when, in: holder });
          if (r.when !== undefined) whens.push({ when: r.when, in: (copy) => (holder(copy).next as { when?: When }[])[routeIndex] as { when?: When } });
          out.push({ from: from.id, fromIndex, label, tests: whens.map((w) => describeWhen(w.when, MAX_NAMED)), whens });
        }
        return r.when === undefined;
      });
    }
  });
  return out;
}

/** What the checks before say of a node's "next" or replies: the reason a way in is closed, already given. */
const SAID_OF_WAYS = new Set(['condition-never-true', 'route-never-used', 'best-path-blocked', 'all-replies-disabled']);

/**
 * Scenes and decisions that arrows lead to but no playthrough reaches (the conditions on every way
 * in never hold), each where the story could have entered it: one with a way in from a node some
 * playthrough reaches. The nodes after it, out of reach because it is, are not listed again, nor is
 * a node whose way in already has a message of its own (`said`: a condition that never holds, a
 * route never used, the best path blocked there).
 */
function nodesNeverReached(scenario: Scenario, unvisited: readonly string[], said: readonly UnlocatedProblem[], nodePath: (id: string) => JsonPath): UnlocatedProblem[] {
  const missed = new Set(unvisited);
  const graph = scenarioGraph(scenario);
  const explained = new Set(said.filter((p) => SAID_OF_WAYS.has(p.code) && p.path[0] === 'nodes').map((p) => p.path[1]));
  const out: UnlocatedProblem[] = [];
  for (const node of scenario.nodes) {
    if (node.kind === 'ending' || !missed.has(node.id)) continue;
    const ways = waysIn(scenario, node.id).filter((w) => graph.reachable.has(w.from) && !missed.has(w.from));
    if (ways.length === 0 || ways.some((w) => explained.has(w.fromIndex))) continue;
    const shown = ways.slice(0, 3).map((w) => (w.tests.length === 0 ? w.label : `${w.label} if ${w.tests.join(' and ')}`)).join('; ') + (ways.length > 3 ? `; and ${countWords(ways.length - 3)} more` : '');
    out.push({ severity: 'warning', code: 'node-never-reached', path: nodePath(node.id),
      message: `No playthrough reaches the ${node.kind} ${quoteValue(node.id)}: arrows lead to it (${shown}), but their conditions never hold on the way there (every playthrough the scenario allows was tried).`,
      fix: 'Loosen the "when" on a way into it (a threshold higher than the variable can be at that point, or conditions that rule each other out), or remove it.' });
  }
  return out;
}

const CRITICAL = '{ "conduct": "critical", "gte": 1 }';
const NO_CRITICAL = '{ "conduct": "critical", "eq": 0 }';
const ELSEWHERE = '"<a mixed or harmful ending>"';

/**
 * The ending a fix sends a playthrough to instead: the scenario's first mixed ending, else its
 * first harmful one, so the route the fix writes out can be copied as it is (the placeholder,
 * copied, was an invalid id); the placeholder only when there is neither.
 */
function elsewhereIn(scenario: Scenario): string {
  const other = scenario.nodes.find((n) => n.kind === 'ending' && n.ending === 'mixed') ?? scenario.nodes.find((n) => n.kind === 'ending' && n.ending === 'harmful');
  return other ? quoteValue(other.id) : ELSEWHERE;
}

/**
 * Where a playthrough enters an ending (EndingReach.worstEntry or criticalEntry): the "next" that
 * sends it there, with its path and who owns it, and the route in it, if that "next" is a list.
 */
type Entry =
  | { next: string; path: JsonPath; from: string }
  | { next: Exclude<Next, string>; path: JsonPath; from: string; r: number; one: string; when: boolean; whenIsList: boolean; conditions: readonly Condition[] };

function entryInto(scenario: Scenario, endingId: string, entry: EndingReach['worstEntry']): Entry | undefined {
  const nodeIndex = entry ? scenario.nodes.findIndex((n) => n.id === entry.nodeId) : -1;
  const node = scenario.nodes[nodeIndex];
  let next: Next | undefined;
  let path: JsonPath = [];
  let from = '';
  if (node?.kind === 'decision' && entry?.replyId !== undefined) {
    const r = node.replies.findIndex((x) => x.id === entry.replyId);
    next = node.replies[r]?.next;
    path = ['nodes', nodeIndex, 'replies', r, 'next'];
    from = `the reply ${quoteValue(entry.replyId)} (at ${quoteValue(node.id)})`;
  } else if (node?.kind === 'scene') {
    next = node.next;
    path = ['nodes', nodeIndex, 'next'];
    from = `the scene ${quoteValue(node.id)}`;
  }
  if (next === undefined) return undefined;
  if (typeof next === 'string') return { next, path, from };
  const routes = routesOf(next);
  const r = routes.findIndex((route) => route.to === endingId);
  const route = routes[r];
  const one = routes.filter((x) => x.to === endingId).length === 1 ? 'the route' : 'a route';
  return { next, path, from, r, one, when: route?.when !== undefined, whenIsList: Array.isArray(route?.when), conditions: conditionsOf(route?.when) };
}

/** The critical principle a reply itself violates ("at" names the reply by its node and id), if any. */
function ownCritical(scenario: Scenario, at: EndingReach['criticalEntry']): { reply: string; principle: string; title: string } | undefined {
  const node = scenario.nodes.find((n) => n.id === at?.nodeId);
  const reply = node?.kind === 'decision' ? node.replies.find((r) => r.id === at?.replyId) : undefined;
  for (const a of reply?.assessments ?? []) {
    const principle = getPrinciple(a.principle);
    if (a.verdict === 'violates' && principle?.severity === 'critical') return { reply: reply?.id ?? '', principle: a.principle, title: principle.title };
  }
  return undefined;
}

/**
 * A strong ending reached after a critical violation. As for strong-under-50, the problem points
 * at the "next" (or route, or route's "when") that the playthrough takes into the ending, and says
 * what to change there; the ending stays named, with its own line and column.
 */
function strongAfterCritical(scenario: Scenario, e: EndingReach, nodePath: (id: string) => JsonPath): UnlocatedProblem {
  const ending = quoteValue(e.endingId);
  const elsewhere = elsewhereIn(scenario);
  const related = nodePath(e.endingId);
  const reached = `A playthrough with a critical violation (a prohibited activity) reaches the strong ending ${ending} (${formatPath(related)}, ${RELATED_AT}): ${replies(e.criticalPath ?? [])}.`;
  const otherwise = 'or make the replies with a critical violation lead elsewhere.';
  const at = entryInto(scenario, e.endingId, e.criticalEntry);
  const problem = (path: JsonPath, message: string, fix: string): UnlocatedProblem => ({ severity: 'error', code: 'strong-after-critical', related, path, message, fix });
  if (!at) {
    return problem(related, reached, `In the "next" that leads to ${ending}, route on conduct first, e.g. put { "when": ${CRITICAL}, "to": ${elsewhere} } first, ${otherwise}`);
  }
  const own = ownCritical(scenario, e.criticalEntry);
  if (own) {
    // The reply that enters is itself the prohibited act (often a "next" copied from the best
    // reply): no condition can make that right, so the fix is to send it elsewhere. Or its verdict
    // is the wrong way round (the best reply assessed "violates"; found by author-59), which
    // sending it to a harmful ending would make worse: the fix says so too.
    const other = scenario.nodes.find((n) => n.kind === 'ending' && n.ending === 'harmful') ?? scenario.nodes.find((n) => n.kind === 'ending' && n.ending === 'mixed');
    const example = other ? `, e.g. ${quoteValue(other.id)}` : '';
    const itself = `The reply ${quoteValue(own.reply)} is itself a prohibited activity: it violates ${quoteValue(own.principle)} (${own.title}).`;
    const where = typeof at.next === 'string' ? 'this "next"' : 'this route';
    const routed = 'r' in at && at.r >= 0 ? [...at.path, at.r] : at.path;
    return problem(typeof at.next === 'string' ? at.path : routed, `${reached} ${itself} It leads to ${ending} through ${typeof at.next === 'string' ? 'its "next"' : 'a route in its "next"'}.`,
      `Point ${where} at a mixed or harmful ending${example}: a playthrough that does what the guide prohibits never ends strong. If ${quoteValue(own.reply)} keeps to that rule instead, its assessment is the mistake: write "verdict": "follows" for ${quoteValue(own.principle)}.`);
  }
  const into = (where: string) => `${reached} It gets in through ${where}.`;
  if (typeof at.next === 'string') {
    return problem(at.path, into(`the "next" of ${at.from}, which sends every playthrough to ${ending}, whatever was done on the way`),
      `Make this "next" a list of routes that checks conduct first: "next": [{ "when": ${CRITICAL}, "to": ${elsewhere} }, { "to": ${ending} }], ${otherwise}`);
  }
  if (!('r' in at) || at.r < 0) {
    return problem(at.path, into(`the "next" of ${at.from}`), `Put { "when": ${CRITICAL}, "to": ${elsewhere} } first in this list of routes, ${otherwise}`);
  }
  if (!at.when) {
    return problem([...at.path, at.r], into(`${at.one} to it in the "next" of ${at.from}, which has no "when", so it takes every playthrough the routes before it do not`),
      `Put { "when": ${CRITICAL}, "to": ${elsewhere} } before this route, ${otherwise}`);
  }
  return problem([...at.path, at.r, 'when'], into(`${at.one} to it in the "next" of ${at.from}, whose "when" lets it through`),
    `${addToWhen(at, NO_CRITICAL)}; or put { "when": ${CRITICAL}, "to": ${elsewhere} } before it; ${otherwise}`);
}

/**
 * How to add a condition to a route's "when": one condition becomes a list of two; a "when" that is
 * already a list takes one more item (it was told "as a list: [ <its condition>, … ]" either way,
 * which reads as wrapping the list in another).
 */
function addToWhen(at: { whenIsList: boolean; conditions: readonly Condition[] }, condition: string, what = condition): string {
  if (at.whenIsList) return `Add ${what} to this route's "when" list, as one more item before its ]: "when": [ …, ${condition} ]`;
  // The route's own condition written out, to copy: "<its condition>" was copied as it was (author-59).
  const [own] = at.conditions;
  return `Add ${what} to this route's "when", as a list: "when": [ ${own ? conditionWritten(own) : '<its condition>'}, ${condition} ]`;
}

/** A condition as it is written in the file, { "conduct": "score", "gte": 40 }: its fields are ids and numbers (the schema checked them). */
function conditionWritten(c: Condition): string {
  return `{ ${Object.entries(c).map(([k, v]) => `"${k}": ${JSON.stringify(v)}`).join(', ')} }`;
}

/** How low a score reaching a strong ending is reported: under 50% an error, under 80% a warning. */
interface TooLow { code: 'strong-under-50' | 'strong-under-80'; severity: 'error' | 'warning'; why: string }
const UNDER_50: TooLow = { code: 'strong-under-50', severity: 'error', why: `Scores under ${DEVELOPING_FROM}% (and every critical violation, capped at ${CRITICAL_CAP}%) must not end strong.` };
const UNDER_80: TooLow = { code: 'strong-under-80', severity: 'warning', why: `Its debrief's outcome is Developing (${DEVELOPING_FROM}–${STRONG_FROM - 1}%), so the story would end strong while the score says otherwise: a strong ending is for the Strong band (${STRONG_FROM}% or more).` };

/**
 * A strong ending reached with a score under 50% (an error), or under 80% (a warning: the outcome
 * band is Developing). The ending is where it shows, but the fix is in the "next" that lets the
 * playthrough in, so the problem points there (the route into the ending that the worst playthrough
 * takes) and says what to change in it; the ending stays named.
 */
function strongTooLow(scenario: Scenario, e: EndingReach, nodePath: (id: string) => JsonPath, level: TooLow): UnlocatedProblem {
  const ending = quoteValue(e.endingId);
  const elsewhere = elsewhereIn(scenario);
  const related = nodePath(e.endingId);
  const reached = `A playthrough scoring ${e.worst}% reaches the strong ending ${ending} (${formatPath(related)}, ${RELATED_AT}): ${replies(e.worstPath)}. ${level.why}`;
  const otherwise = 'or make the poor replies on the way lead elsewhere.';
  // The fix guards at the Strong band for either level: guarded at 50%, a file met strong-under-50
  // only to meet strong-under-80 once it was fixed.
  const under = `{ "conduct": "score", "lt": ${STRONG_FROM} }`;
  const atLeast = `{ "conduct": "score", "gte": ${STRONG_FROM} }`;
  const at = entryInto(scenario, e.endingId, e.worstEntry);
  const problem = (path: JsonPath, message: string, fix: string): UnlocatedProblem => ({ severity: level.severity, code: level.code, related, path, message, fix });
  if (!at) {
    return problem(related, reached, `In the "next" that leads to ${ending}, route on conduct first, e.g. { "when": ${under}, "to": ${elsewhere} }, ${otherwise}`);
  }
  const into = (where: string) => `${reached} It gets in through ${where}.`;
  if (typeof at.next === 'string') {
    return problem(at.path, into(`the "next" of ${at.from}, which sends every playthrough to ${ending}, whatever the score`),
      `Make this "next" a list of routes that checks the score first: "next": [{ "when": ${under}, "to": ${elsewhere} }, { "to": ${ending} }], ${otherwise}`);
  }
  if (!('r' in at) || at.r < 0) {
    return problem(at.path, into(`the "next" of ${at.from}`), `Put { "when": ${under}, "to": ${elsewhere} } first in this list of routes, ${otherwise}`);
  }
  if (!at.when) {
    return problem([...at.path, at.r], into(`${at.one} to it in the "next" of ${at.from}, which has no "when", so it takes every playthrough the routes before it do not`),
      `Put { "when": ${under}, "to": ${elsewhere} } before this route, ${otherwise}`);
  }
  // A score the route tests already, too low (or a fraction, 0.8 for 80%): that test is the one to
  // change. Told to add { "conduct": "score", "gte": 80 } beside { "conduct": "score", "gte": 0.8 },
  // a trainer was left with two (found by author-59).
  const low = at.conditions.find((c): c is Extract<Condition, { conduct: string }> => 'conduct' in c && c.conduct === 'score' && (c.gte !== undefined || c.gt !== undefined) && c.lt === undefined && c.lte === undefined && c.eq === undefined && c.ne === undefined);
  if (low) {
    const written = conditionWritten(low);
    const fraction = [low.gte, low.gt].some((v) => v !== undefined && v > 0 && v < 1) ? ' ("score" is a percentage from 0 to 100, written without the % sign: 80 for 80%, not 0.8)' : '';
    return problem([...at.path, at.r, 'when'], into(`${at.one} to it in the "next" of ${at.from}, whose "when" lets this score through: its ${written} is too low a bar`),
      `Change ${written} in this route's "when" to ${atLeast}${fraction}; or put { "when": ${under}, "to": ${elsewhere} } before it; ${otherwise}`);
  }
  return problem([...at.path, at.r, 'when'], into(`${at.one} to it in the "next" of ${at.from}, whose "when" lets this score through`),
    `${addToWhen(at, atLeast, 'the score')}; or put { "when": ${under}, "to": ${elsewhere} } before it; ${otherwise}`);
}
