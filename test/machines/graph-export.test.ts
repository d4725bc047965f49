import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mermaidIds, toDot, toMermaid } from '../../src/machines/graph-export.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { loadValidFixture } from '../helpers/fixtures.js';
import { withUnreachable } from '../helpers/unreachable.js';

const scenario = loadValidFixture('good/example.json');

describe('scenario graphs', () => {
  it('Mermaid shows decisions, scenes and endings with distinct shapes and ending kinds', () => {
    const text = toMermaid(scenario);
    expect(text.startsWith('flowchart TD\n')).toBe(true);
    expect(text).toContain('n_phone{"Decision: The new phone"}');
    expect(text).toMatch(/n_boyfriend_open\["Scene: /);
    // Prefixed: a Mermaid id starting with "end" would close a subgraph.
    expect(text).toContain('n_end_harmful(["HARMFUL ending: Crossing a line"])');
    expect(text).toContain('class n_end_strong strong');
    expect(text).toContain('n_phone -->|"phone-curious #40;+2#41; if trust ≥ 60"| n_boyfriend_open'.replace('#40;', '(').replace('#41;', ')'));
    expect(text).toContain('start_marker(("start")) --> n_phone');
  });

  it('DOT shows the same nodes and edges with shapes and ending colours', () => {
    const text = toDot(scenario);
    expect(text).toContain('digraph "example-new-phone" {');
    expect(text).toContain('"phone" [label="Decision: The new phone", shape=diamond');
    expect(text).toContain('"end-strong" [label="STRONG ending: A plan you made together", shape=doubleoctagon, style=filled, fillcolor="#d8f3dc"]');
    expect(text).toContain('"after-visit" -> "end-harmful" [label="after-search (−3)"]');
    expect(text.trim().endsWith('}')).toBe(true);
  });

  it('Mermaid and DOT say "Unreachable" in the label of a node no playthrough reaches, and draw it dashed; reached nodes are not marked', () => {
    const g = withUnreachable(scenario);
    const mermaid = toMermaid(g);
    expect(mermaid).toContain('n_orphan_scene["Unreachable · Scene: Left over"]');
    expect(mermaid).toContain('n_end_extra(["Unreachable · MIXED ending: Never reached"])');
    expect(mermaid).toContain('  class n_orphan_scene,n_end_extra unreachable\n');
    expect(mermaid).toMatch(/classDef unreachable [^\n]*stroke-dasharray/);
    // Its ending colours stay (the dashes are added by a class after the kind's).
    expect(mermaid).toMatch(/class [^\n]*n_end_extra[^\n]* mixed\n/);
    const dot = toDot(g);
    expect(dot).toContain('"orphan-scene" [label="Unreachable · Scene: Left over", shape=box, style="rounded,filled,dashed", penwidth=2, fillcolor="#eef2f7"];');
    expect(dot).toContain('"end-extra" [label="Unreachable · MIXED ending: Never reached", shape=doubleoctagon, style="filled,dashed", penwidth=2, fillcolor="#fff0d9"];');
    for (const text of [mermaid, dot]) expect(text.match(/Unreachable/g)).toHaveLength(2);
    expect(dot.match(/dashed/g)).toHaveLength(2);
    for (const text of [toMermaid(scenario), toDot(scenario)]) expect(text).not.toMatch(/Unreachable|dash/);
  });

  it.skipIf(!existsSync('/usr/bin/dot'))('Graphviz draws the unreachable nodes of the DOT output dashed, and only them', () => {
    const svg = execFileSync('/usr/bin/dot', ['-Tsvg'], { input: toDot(withUnreachable(scenario)), encoding: 'utf8', timeout: 20_000 });
    const nodes = [...svg.matchAll(/<g id="node\d+" class="node">\s*<title>([^<]*)<\/title>([\s\S]*?)<\/g>/g)].map((m) => ({ id: m[1]?.replace(/&#45;/g, '-'), dashed: /stroke-dasharray/.test(m[2] ?? '') }));
    expect(nodes.length).toBe(scenario.nodes.length + 3);
    expect(nodes.filter((n) => n.dashed).map((n) => n.id).sort()).toEqual(['end-extra', 'orphan-scene']);
  });

  it('every node and every reply edge appears', () => {
    const mermaid = toMermaid(scenario);
    const dot = toDot(scenario);
    const ids = mermaidIds(scenario);
    expect(new Set(ids.values()).size).toBe(scenario.nodes.length);
    for (const n of scenario.nodes) {
      expect(mermaid).toContain(`  ${ids.get(n.id) as string}`);
      expect(dot).toContain(`"${n.id}" [`);
    }
    for (const n of scenario.nodes) if (n.kind === 'decision') for (const r of n.replies) {
      expect(mermaid).toContain(r.id);
      expect(dot).toContain(r.id);
    }
  });

  // A reply offered only at trust ≥ 90 was drawn as "after-search (−3)", as if always available,
  // while the validator described the same arrow "if trust ≥ 90".
  it('a reply with its own "when" says when it is offered, and whether it is hidden otherwise', () => {
    const gated = structuredClone(scenario);
    for (const n of gated.nodes) if (n.kind === 'decision') for (const r of n.replies) {
      if (r.id === 'after-search') r.when = { var: 'trust', gte: 90 };
      if (r.id === 'after-wait') Object.assign(r, { when: { var: 'trust', lt: 40 }, hidden: true });
    }
    const text = toMermaid(gated);
    expect(text).toContain('after-search (−3) (offered if trust ≥ 90)');
    expect(text).toContain('(offered if trust #60; 40, hidden otherwise)');
    expect(toDot(gated)).toContain('after-search (−3) (offered if trust ≥ 90)');
    expect(toMermaid(scenario)).not.toContain('offered if');
  });

  // A trainer's own scenario drew "d3-steps (+4) if … score ≥ 80%" into the strong ending and a bare
  // "d3-steps (+4)" into the mixed one: the bare arrow read as "d3-steps always ends mixed".
  it('the fallback route after routes with conditions says "otherwise"; a reply or scene with one route says nothing', () => {
    const dot = toDot(scenario);
    expect(dot).toContain('"phone" -> "boyfriend-open" [label="phone-curious (+2) if trust ≥ 60"]');
    expect(dot).toContain('"phone" -> "boyfriend-guarded" [label="phone-curious (+2) otherwise"]');
    expect(dot).toContain('"after-visit" -> "end-strong" [label="after-supervisor (+2) otherwise"]');
    expect(dot).toContain('"after-visit" -> "end-harmful" [label="after-search (−3)"]');
    expect(dot).toContain('"phone" -> "boyfriend-guarded" [label="phone-accuse (−3)"]');
    const scened = structuredClone(scenario);
    for (const n of scened.nodes) if (n.id === 'boyfriend-open' && n.kind === 'scene') n.next = [{ when: { var: 'trust', gte: 80 }, to: 'after-visit' }, { to: 'after-visit' }];
    const scenedDot = toDot(scened);
    expect(scenedDot).toContain('"boyfriend-open" -> "after-visit" [label="if trust ≥ 80"]');
    expect(scenedDot).toContain('"boyfriend-open" -> "after-visit" [label="otherwise"]');
    expect(scenedDot).toContain('"boyfriend-guarded" -> "after-visit";');
    expect(toMermaid(scenario)).toContain('phone-curious #40;+2#41; otherwise'.replace('#40;', '(').replace('#41;', ')'));
  });

  it('untrusted text cannot break out of a label', () => {
    const hostile = structuredClone(scenario) as Scenario;
    const node = hostile.nodes[0];
    if (node) node.title = 'He said "hi"]; <script> \\" x';
    const mermaid = toMermaid(hostile);
    const line = mermaid.split('\n').find((l) => l.startsWith('  n_phone{')) ?? '';
    expect(line).not.toContain('<script>');
    expect(line.slice(line.indexOf('"') + 1, line.lastIndexOf('"'))).not.toContain('"');
    const dot = toDot(hostile);
    const dotLine = dot.split('\n').find((l) => l.startsWith('  "phone" [')) ?? '';
    expect(dotLine).toContain('He said \\"hi\\"]; <script>');
    expect(dotLine).toContain('\\\\\\" x');
  });
});
