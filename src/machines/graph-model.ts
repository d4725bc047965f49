import { replyValue, routesOf } from './scenario-index.js';
import type { Effect, Route, Scenario, ScenarioNode, When } from './schema/scenario.js';
import { conditionsOf } from './conditions.js';
import { cleanText } from './text/clean.js';
import { firstFew } from './text/first-few.js';
import { shorten as cut } from './text/quote.js';
import { signed } from './report/words.js';

// What every drawing of a scenario's graph shows (Mermaid, Graphviz, SVG and the web's graph): each
// node's label and each arrow's label, from the scenario's untrusted text, cleaned.

const MAX_LABEL = 48;

export function shorten(text: string): string {
  // Labels are untrusted text: no escape sequences, bidi overrides or zero-width characters.
  const flat = cleanText(text).replace(/\s+/g, ' ').trim();
  return cut(flat, MAX_LABEL);
}

/** "trust ≥ 60 and …" (a flag: "told", "not told") for edge labels. */
export function describeWhen(when: When | undefined, max?: number): string {
  // A message names the first `max` conditions, then how many more (a "when" can hold thousands).
  const all = conditionsOf(when);
  const conditions = max === undefined || all.length <= max ? all : all.slice(0, max);
  const words = conditions
    .map((c) => {
      const parts: string[] = [];
      const ops = [['gte', '≥'], ['gt', '>'], ['lte', '≤'], ['lt', '<'], ['eq', '='], ['ne', '≠']] as const;
      const subject = 'var' in c ? c.var : c.conduct === 'violations' ? `violations of ${c.principle ?? ''}` : c.conduct === 'percent' ? 'percent of best so far' : c.conduct === 'score' ? 'score' : c.conduct === 'critical' ? 'critical violations' : 'points so far';
      // A yes/no flag reads as the fact: "if told", "if not told".
      if ('var' in c && c.is !== undefined) parts.push(c.is ? subject : `not ${subject}`);
      // The score is a percentage: "score < 80%", as the debrief says it.
      const unit = 'conduct' in c && c.conduct === 'score' ? '%' : '';
      for (const [key, sign] of ops) if (c[key] !== undefined) parts.push(`${subject} ${sign} ${c[key]}${unit}`);
      return parts.join(' and ');
    });
  return max === undefined ? words.join(' and ') : firstFew(words, { max, separator: ' and ', total: all.length, noun: 'conditions' });
}

/**
 * How many conditions (and changes) an arrow names before counting the rest: a "when" of thousands of
 * conditions made one arrow's label thousands of conditions long, in the picture and in the text. The
 * bundled scenarios' longest "when" has 17, named whole; one more than this is named whole too (not
 * "… and 1 more").
 */
export const GRAPH_NAMED = 24;
const graphMax = (count: number): number | undefined => (count > GRAPH_NAMED + 1 ? GRAPH_NAMED : undefined);
/** describeWhen for an arrow: a long "when" names its first GRAPH_NAMED conditions and counts the rest. */
const graphWhen = (when: When): string => describeWhen(when, graphMax(conditionsOf(when).length));

/** A node's label: its kind and title (or first words), cleaned and shortened, in one line. */
export function nodeLabel(node: ScenarioNode): string {
  if (node.kind === 'ending') return `${node.ending.toUpperCase()} ending: ${shorten(node.title)}`;
  const title = node.title ?? node.narration ?? node.lines?.[0]?.text ?? node.id;
  return `${node.kind === 'decision' ? 'Decision' : 'Scene'}: ${shorten(title)}`;
}

/** "trust +10, safety −5, told-csw = 1" for edge labels (a real minus sign, as every screen writes one). */
export function describeEffects(effects: readonly Effect[] | undefined): string {
  const all = effects ?? [];
  const max = graphMax(all.length);
  const words = all.slice(0, max ?? all.length).map((e) => (typeof e.set === 'boolean' ? `${e.var} = ${e.set ? 'yes' : 'no'}` : e.set !== undefined ? `${e.var} = ${e.set}` : `${e.var} ${(e.add ?? 0) === 0 ? '+0' : signed(e.add ?? 0)}`));
  return max === undefined ? words.join(', ') : firstFew(words, { max, total: all.length, noun: 'changes' });
}

/** One arrow: a scene's route or a reply's route, labelled "r2 (+3) if trust ≥ 60" ("r2 (+3) (offered if told) if …" for a reply with its own "when"). */
export interface GraphEdge {
  from: string;
  to: string;
  label: string;
}

/**
 * A route's words on its arrow: "if trust ≥ 60", or "otherwise" for the fallback after routes with
 * conditions (without a word, "d3-steps (+4)" into a mixed ending read as always taken, beside the
 * same reply's "if …" arrow into the strong ending). A lone route says nothing.
 */
function routeCondition(route: Route, routes: readonly Route[]): string {
  if (route.when) return `if ${graphWhen(route.when)}`;
  return routes.length > 1 ? 'otherwise' : '';
}

/** Every arrow of the scenario, in file order (a reply with two routes gives two). */
export function edgesOf(scenario: Scenario): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const node of scenario.nodes) {
    if (node.kind === 'scene') {
      // A scene's effects apply before its routes are checked: "trust +10; if trust ≥ 60".
      const effects = describeEffects(node.effects);
      const routes = routesOf(node.next);
      for (const r of routes) edges.push({ from: node.id, to: r.to, label: [effects, routeCondition(r, routes)].filter(Boolean).join('; ') });
    } else if (node.kind === 'decision') {
      for (const reply of node.replies) {
        const value = replyValue(reply);
        // With a real minus sign ("−2"), as the debrief and every other screen write a reply's value.
        const score = signed(value);
        // A reply offered only when its own "when" holds says so (a best reply gated at trust ≥ 90
        // looked always available), and whether it is hidden the rest of the time.
        const offered = reply.when === undefined ? '' : ` (offered if ${graphWhen(reply.when)}${reply.hidden === true ? ', hidden otherwise' : ''})`;
        const routes = routesOf(reply.next);
        for (const r of routes) {
          const words = routeCondition(r, routes);
          const cond = words ? ` ${words}` : '';
          edges.push({ from: node.id, to: r.to, label: `${reply.id} (${score})${offered}${cond}` });
        }
      }
    }
  }
  return edges;
}
