import type { Scenario } from './schema/scenario.js';
import { edgesOf, nodeLabel } from './graph-model.js';
import { reachableIn, toSvg, UNREACHABLE } from './graph-layout.js';

/** Graph formats `casa-practice graph` can print. */
export type GraphFormat = 'mermaid' | 'dot' | 'svg';

// Ids are slugs, but the labels are untrusted text: escape everything a renderer could read as syntax.
function mermaidText(text: string): string {
  return text.replace(/[#"<>&`]/g, (c) => `#${c.charCodeAt(0)};`);
}

function dotText(text: string): string {
  return text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

/**
 * Mermaid node ids for a scenario's nodes. Scenario ids are slugs, but Mermaid reads some words as
 * syntax (an id starting with "end" closes a subgraph, "--" starts an arrow), so every id gets an
 * "n_" prefix and anything but letters and digits becomes "_"; a clash gets a number.
 */
export function mermaidIds(scenario: Pick<Scenario, 'nodes'>): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>(['start_marker']);
  for (const node of scenario.nodes) {
    const base = `n_${node.id.replace(/[^A-Za-z0-9]/g, '_')}`;
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}_${k}`;
    used.add(id);
    ids.set(node.id, id);
  }
  return ids;
}

/** A node's label in Mermaid and DOT: "Unreachable · " before it for a node no playthrough reaches, as the SVG heads it. */
function labelOf(node: Scenario['nodes'][number], reached: (id: string) => boolean): string {
  return `${reached(node.id) ? '' : `${UNREACHABLE} · `}${nodeLabel(node)}`;
}

/**
 * The scenario as a Mermaid flowchart: decisions as diamonds, scenes as boxes, endings as stadiums
 * coloured by kind; a node no playthrough reaches says so and has a dashed outline.
 */
export function toMermaid(scenario: Scenario): string {
  const ids = mermaidIds(scenario);
  const reached = reachableIn(scenario);
  // An edge to a node that does not exist (only in an invalid file) still gets a safe id.
  const id = (nodeId: string) => ids.get(nodeId) ?? `missing_${nodeId.replace(/[^A-Za-z0-9]/g, '_')}`;
  const lines = ['flowchart TD'];
  for (const node of scenario.nodes) {
    const label = `"${mermaidText(labelOf(node, reached))}"`;
    const shape = node.kind === 'decision' ? `{${label}}` : node.kind === 'ending' ? `([${label}])` : `[${label}]`;
    lines.push(`  ${id(node.id)}${shape}`);
  }
  for (const e of edgesOf(scenario)) {
    lines.push(e.label ? `  ${id(e.from)} -->|"${mermaidText(e.label)}"| ${id(e.to)}` : `  ${id(e.from)} --> ${id(e.to)}`);
  }
  lines.push('  classDef decision fill:#fff3c4,stroke:#8a6d00');
  lines.push('  classDef scene fill:#eef2f7,stroke:#4a5568');
  lines.push('  classDef strong fill:#d8f3dc,stroke:#1b5e20');
  lines.push('  classDef mixed fill:#fff0d9,stroke:#8a4b00');
  lines.push('  classDef harmful fill:#fde2e1,stroke:#9b1c1c');
  const byClass = new Map<string, string[]>();
  for (const node of scenario.nodes) {
    const cls = node.kind === 'ending' ? node.ending : node.kind;
    byClass.set(cls, [...(byClass.get(cls) ?? []), id(node.id)]);
  }
  for (const [cls, members] of byClass) lines.push(`  class ${members.join(',')} ${cls}`);
  // After the kind's class, so its dashes are added to that class's colours.
  const unreachable = scenario.nodes.filter((n) => !reached(n.id)).map((n) => id(n.id));
  if (unreachable.length > 0) lines.push('  classDef unreachable stroke-width:3px,stroke-dasharray: 8 5', `  class ${unreachable.join(',')} unreachable`);
  lines.push(`  start_marker(("start")) --> ${id(scenario.start)}`);
  return `${lines.join('\n')}\n`;
}

const DOT_STYLE = {
  decision: 'shape=diamond, style=filled, fillcolor="#fff3c4"',
  scene: 'shape=box, style="rounded,filled", fillcolor="#eef2f7"',
  strong: 'shape=doubleoctagon, style=filled, fillcolor="#d8f3dc"',
  mixed: 'shape=doubleoctagon, style=filled, fillcolor="#fff0d9"',
  harmful: 'shape=doubleoctagon, style=filled, fillcolor="#fde2e1"',
} as const;

/** The scenario as a Graphviz digraph with the same node kinds and ending kinds, and unreachable nodes dashed. */
export function toDot(scenario: Scenario): string {
  const reached = reachableIn(scenario);
  const lines = [`digraph "${dotText(scenario.id)}" {`, '  rankdir=TB;', '  node [fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];
  lines.push('  "__start" [shape=circle, label="start"];', `  "__start" -> "${scenario.start}";`);
  for (const node of scenario.nodes) {
    const style = DOT_STYLE[node.kind === 'ending' ? node.ending : node.kind];
    // A node no playthrough reaches: dashed (added to the kind's style list) and said in its label.
    const dashed = reached(node.id) ? style : style.replace(/style=(?:"([^"]*)"|(\w+))/, (_, list: string | undefined, one: string | undefined) => `style="${list ?? one},dashed", penwidth=2`);
    lines.push(`  "${node.id}" [label="${dotText(labelOf(node, reached))}", ${dashed}];`);
  }
  for (const e of edgesOf(scenario)) lines.push(`  "${e.from}" -> "${e.to}"${e.label ? ` [label="${dotText(e.label)}"]` : ''};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** The scenario graph in the requested format. */
export function exportGraph(scenario: Scenario, format: GraphFormat): string {
  return format === 'dot' ? toDot(scenario) : format === 'svg' ? toSvg(scenario) : toMermaid(scenario);
}
