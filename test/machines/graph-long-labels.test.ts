import { describe, expect, it } from 'vitest';
import { edgesOf, GRAPH_NAMED } from '../../src/machines/graph-model.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { BUNDLED_IDS, bundledScenario } from '../helpers/bundled.js';

// A "when" of thousands of conditions (or a scene changing thousands of variables) made one arrow's
// label spell out every one, in the picture and in `graph` text (author-49's report): the graph now
// names the first few and counts the rest, as the validator's messages do.
function withLongLists(n: number): Scenario {
  const s = structuredClone(bundledScenario('youth-discloses'));
  const decision = s.nodes.find((x) => x.kind === 'decision' && x.replies.length > 1);
  if (decision?.kind !== 'decision') throw new Error('no decision');
  const [first, second] = decision.replies;
  if (!first || !second) throw new Error('no replies');
  const target = (r: typeof first) => (typeof r.next === 'string' ? r.next : (r.next[0]?.to ?? ''));
  const conditions = Array.from({ length: n }, () => ({ var: 'trust', gte: 0 }));
  first.next = [{ when: conditions, to: target(second) }, { to: target(first) }];
  second.when = conditions;
  const scene = s.nodes.find((x) => x.kind === 'scene');
  if (scene?.kind !== 'scene') throw new Error('no scene');
  scene.effects = Array.from({ length: n }, () => ({ var: 'trust', add: 1 }));
  return s;
}

const more = (n: number, noun: string) => `… and ${(n - GRAPH_NAMED).toLocaleString('en-US')} more ${noun}`;

describe('graph arrows name a long list\'s first few and count the rest', () => {
  it('a route, an offer and a scene\'s changes of 5,000 each', () => {
    const edges = edgesOf(withLongLists(5000));
    expect(Math.max(...edges.map((e) => e.label.length))).toBeLessThan(1000);
    const labels = edges.map((e) => e.label);
    expect(labels.filter((l) => l.includes(`) if ${'trust ≥ 0 and '.repeat(GRAPH_NAMED - 1)}trust ≥ 0 ${more(5000, 'conditions')}`))).toHaveLength(1);
    expect(labels.filter((l) => l.includes(`(offered if ${'trust ≥ 0 and '.repeat(GRAPH_NAMED - 1)}trust ≥ 0 ${more(5000, 'conditions')})`))).not.toHaveLength(0);
    expect(labels.filter((l) => l.includes(`trust +1, ${more(5000, 'changes')}`))).toHaveLength(1);
  });

  it('one more than the cap is named whole (never "… and 1 more")', () => {
    const labels = edgesOf(withLongLists(GRAPH_NAMED + 1)).map((e) => e.label).join('\n');
    expect(labels).toContain(Array.from({ length: GRAPH_NAMED + 1 }, () => 'trust ≥ 0').join(' and '));
    expect(labels).not.toMatch(/more (conditions|changes)/);
  });

  it.each(BUNDLED_IDS)('%s: every arrow is named whole', (id) => {
    expect(edgesOf(bundledScenario(id)).filter((e) => /… and [\d,]+ more/.test(e.label))).toEqual([]);
  });
});
