import type { Scenario, ScenarioNode } from '../../src/machines/schema/scenario.js';

// Where, on each way through a scenario file, a playthrough first meets a name: for the checks that a
// person the volunteer has to know is said to be who they are where the name is first shown.

type Text = { text: string; speaker?: string };

const nextsOf = (next: string | readonly { to: string }[]): string[] => (typeof next === 'string' ? [next] : next.map((r) => r.to));

/** What a playthrough is shown at a node, in order; at a decision, for each reply: the replies offered, then that reply's feedback, and where it leads. */
function shown(node: ScenarioNode): { texts: Text[]; ways: { texts: Text[]; to: string[] }[] } {
  const texts: Text[] = [];
  if (node.title) texts.push({ text: node.title });
  if ('narration' in node && node.narration) texts.push({ text: node.narration });
  for (const l of node.lines ?? []) texts.push({ text: l.text, speaker: l.character });
  if (node.kind === 'ending') return { texts: [...texts, ...(node.variants ?? []).map((v) => ({ text: v.narration }))], ways: [] };
  if (node.kind === 'scene') return { texts, ways: [{ texts: [], to: nextsOf(node.next) }] };
  const offered = node.replies.map((r) => ({ text: r.text }));
  return { texts: [...texts, ...offered], ways: node.replies.map((r) => ({ texts: [{ text: r.feedback }], to: nextsOf(r.next) })) };
}

/**
 * Every place, on some way through the file (by its links, conditions aside), where `name` is first shown
 * without `role` in the same text and not in a line of the character `speaker`.
 */
export function unintroduced(s: Scenario, name: string, role: RegExp, speaker?: string): string[] {
  const byId = new Map(s.nodes.map((n) => [n.id, n]));
  const found = new Set<string>();
  const done = new Set<string>();
  const meet = (texts: Text[], where: string): boolean => {
    for (const t of texts) {
      if (speaker && t.speaker === speaker) return true;
      if (!t.text.includes(name)) continue;
      if (!role.test(t.text)) found.add(`${where}: ${t.text.slice(0, 80)}`);
      return true;
    }
    return false;
  };
  const walk = (id: string): void => {
    if (done.has(id)) return;
    done.add(id);
    const node = byId.get(id);
    if (!node) throw new Error(`no node ${id}`);
    const { texts, ways } = shown(node);
    if (meet(texts, id)) return;
    for (const way of ways) {
      if (meet(way.texts, id)) continue;
      for (const to of way.to) walk(to);
    }
  };
  walk(s.start);
  return [...found].sort();
}
