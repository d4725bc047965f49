import type { Scenario } from './schema/scenario.js';
import { edgesOf, nodeLabel } from './graph-model.js';
import { toSvg } from './graph-layout.js';

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

/** The scenario as a Mermaid flowchart: decisions as diamonds, scenes as boxes, endings as stadiums coloured by kind. */
export function toMermaid(scenario: Scenario): string {
  const ids = mermaidIds(scenario);
  // An edge to a node that does not exist (only in an invalid file) still gets a safe id.
  const id = (nodeId: string) => ids.get(nodeId) ?? `missing_${nodeId.replace(/[^A-Za-z0-9]/g, '_')}`;
  const lines = ['flowchart TD'];
  for (const node of scenario.nodes) {
    const label = `"${mermaidText(nodeLabel(node))}"`;
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

/** The scenario as a Graphviz digraph with the same node kinds and ending kinds. */
export function toDot(scenario: Scenario): string {
  const lines = [`digraph "${dotText(scenario.id)}" {`, '  rankdir=TB;', '  node [fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];
  lines.push('  "__start" [shape=circle, label="start"];', `  "__start" -> "${scenario.start}";`);
  for (const node of scenario.nodes) {
    const style = DOT_STYLE[node.kind === 'ending' ? node.ending : node.kind];
    lines.push(`  "${node.id}" [label="${dotText(nodeLabel(node))}", ${style}];`);
  }
  for (const e of edgesOf(scenario)) lines.push(`  "${e.from}" -> "${e.to}"${e.label ? ` [label="${dotText(e.label)}"]` : ''};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** The scenario graph in the requested format. */
export function exportGraph(scenario: Scenario, format: GraphFormat): string {
  return format === 'dot' ? toDot(scenario) : format === 'svg' ? toSvg(scenario) : toMermaid(scenario);
}
