import type { EndingKind, Scenario, ScenarioNode } from './schema/scenario.js';
import { scenarioGraph } from './graph.js';
import { edgesOf } from './graph-model.js';
import { cleanText } from './text/clean.js';
import { countWords } from './text/first-few.js';

/**
 * The scenario's graph laid out for drawing, with no renderer needed: the command line writes it as
 * an SVG file (`graph --format svg`) and the web's preview draws it. Layered from the start node down
 * (each node one layer below the lowest of the nodes leading to it), nodes ordered within a layer to
 * cross fewer arrows, arrows that skip layers routed through points between the nodes. Pure data:
 * every text is the scenario's, cleaned (no control characters), for the UI to render as text.
 */
export interface GraphLayout {
  width: number;
  height: number;
  nodes: LaidNode[];
  edges: LaidEdge[];
  /**
   * The labels drawn as notes under the picture, numbered in the order of the edges: a label with no
   * place inside the picture whole (an arrow back up a loop, or one squeezed against the side), whose
   * arrow carries its number instead (LaidEdge.note). Each note's lines fit the picture's width, and
   * are inside its height: no label is ever cut off by the picture's edge.
   */
  notes: GraphNote[];
}

/** A label written under the picture (see GraphLayout.notes): "1 · u2 → u1: r1 (+3)", in lines that fit. */
export interface GraphNote {
  number: number;
  from: string;
  to: string;
  lines: string[];
  /** Where its first line's baseline is. */
  x: number;
  y: number;
}

export interface LaidNode {
  id: string;
  kind: ScenarioNode['kind'];
  ending?: EndingKind;
  start: boolean;
  /**
   * False for a node no playthrough reaches from the start (validate warns of it): its heading
   * starts "Unreachable · " and the SVG draws its outline dashed, so it is marked in words and in
   * shape, not by colour or by having no arrow in alone (an unreachable loop has arrows in).
   */
  reachable: boolean;
  /** "Decision · d1-text", "Strong ending · end-strong", "Unreachable · Scene · s9". */
  heading: string;
  /** The heading as drawn, in lines that fit the box (a long id on lines of its own, see headingLinesOf). */
  headingLines: string[];
  /** The title (or first words), wrapped to at most NODE.titleLines lines. */
  lines: string[];
  /** The title whole, for a tooltip. */
  title: string;
  x: number;
  y: number;
  width: number;
  height: number;
  layer: number;
}

export interface LaidEdge {
  from: string;
  to: string;
  /** The labels of every arrow between the two nodes, joined ("r1 (+3); r4 (−1)"). */
  label: string;
  /** The label shortened to fit beside the arrow (`labelLines` on one line); `label` is the whole. */
  shortLabel: string;
  /**
   * The label as drawn, at most LABEL_LINES lines of at most LABEL_CHARS characters: each reply
   * on a line of its own (a long one wrapped), and "+N more" for replies that do not fit.
   */
  labelLines: string[];
  /** Where the label sits (the centre of its lines). */
  labelAt: { x: number; y: number };
  /** From the bottom of `from` to the top of `to` (or, for an arrow back up, around the side). */
  points: { x: number; y: number }[];
  /** An arrow to a node above or beside it (a loop back). */
  back: boolean;
  /**
   * The number of the note under the picture that holds this arrow's label (GraphLayout.notes), for
   * a label with no place in the picture whole: the picture shows the number at `labelAt`, in a box
   * of NOTE_MARK's size, in place of the label.
   */
  note?: number;
}

/**
 * A node's box, in px: its width, the height of a line of its text, and the padding all round; its
 * title on at most three lines of 12 px text, its heading in 11 px bold, each line at most the box's
 * width less the padding on both sides, as measured by textWidth.
 */
const NODE = { width: 220, lineHeight: 16, padding: 8, titleLines: 3, titleSize: 12, headingSize: 11 } as const;
/** The width, in px, a line of a node's text may take. */
const NODE_TEXT_WIDTH = NODE.width - 2 * NODE.padding;

/**
 * Advance widths of the printable ASCII characters (space to ~), in thousandths of the font size,
 * regular and bold: for each character the wider of Helvetica (metrically Arial and Liberation Sans;
 * Roboto and Segoe UI are close) and DejaVu Sans (what system-ui is on many Linux machines, wider in
 * lower case), so a line fits in either. Counting characters instead let a title in capitals ("WHAT
 * HAPPENS NOW") run out of its box: a capital is half as wide again as the average letter.
 */
const ASCII_WIDTHS = {
  regular: [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636,
    636, 636, 337, 337, 838, 838, 838, 556, 1015, 684, 686, 722, 770, 667, 611, 778, 752, 295, 500, 667, 557, 863, 748, 787,
    667, 787, 722, 667, 611, 732, 684, 989, 685, 667, 685, 390, 337, 390, 838, 556, 500, 613, 635, 550, 635, 615, 352, 635,
    634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
  ],
  bold: [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696,
    696, 696, 400, 400, 838, 838, 838, 611, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 556, 775, 637, 995, 837, 850,
    733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 556, 500, 675, 716, 593, 716, 678, 435, 716,
    712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
  ],
} as const;
/** Characters drawn a full square wide: CJK, Hangul, kana, fullwidth forms, emoji. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u;
/** Marks drawn over the letter before them (accents, variation selectors) and zero-width characters: no width of their own. */
const isMark = (code: number) => (code >= 0x300 && code <= 0x36f) || (code >= 0x200b && code <= 0x200f) || (code >= 0xfe00 && code <= 0xfe0f);

/**
 * How wide `text` is drawn at `size` px, near enough and rather over than under: ASCII from the
 * widths above, an accented letter as its letter, a wide character a full square, anything else as
 * a capital.
 */
export function textWidth(text: string, size: number, bold = false): number {
  const widths = bold ? ASCII_WIDTHS.bold : ASCII_WIDTHS.regular;
  let units = 0;
  for (const ch of text.normalize('NFD')) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 32 && code <= 126) units += widths[code - 32] ?? 722;
    else if (isMark(code)) continue;
    else if (WIDE.test(ch)) units += 1000;
    else units += 722;
  }
  return (units / 1000) * size;
}

const titleWidth = (s: string) => textWidth(s, NODE.titleSize);
const headingWidth = (s: string) => textWidth(s, NODE.headingSize, true);
/** A line's length in characters (code points), the measure of an arrow's label. */
const charCount = (s: string) => [...s].length;

/** An arrow label's line, in characters (11 px text). */
const LABEL_CHARS = 30;
/** The most lines an arrow's label is drawn on (the gap between rows is SPACE.down, 84 px). */
export const LABEL_LINES = 3;
/**
 * Space, in px, between nodes across and between rows down, round the drawing, and the width of a
 * point an arrow passes through; passes down and up the rows to order each row's nodes; how much
 * taller a gap whose labels cannot be placed apart is made, and at most how many times; after how
 * many crowded rounds such a gap also gets more room across (where a label hides another arrow),
 * and how much more each time.
 */
const SPACE = { across: 28, down: 84, margin: 24, passPoint: 16, sweeps: 6, growth: 2 * 14, rounds: 4, widenAfter: 4, widen: 4 * 28 } as const;

const KIND_WORDS = { scene: 'Scene', decision: 'Decision', ending: 'Ending' } as const;
const ENDING_WORDS: Record<EndingKind, string> = { strong: 'Strong ending', mixed: 'Mixed ending', harmful: 'Harmful ending' };

/** A node's heading's words before its id: "Start · Decision", "Unreachable · Scene", "Strong ending". */
function kindWords(node: ScenarioNode, start: boolean, reachable: boolean): string {
  return `${start ? 'Start · ' : ''}${reachable ? '' : `${UNREACHABLE} · `}${node.kind === 'ending' ? ENDING_WORDS[node.ending] : KIND_WORDS[node.kind]}`;
}

function titleOf(node: ScenarioNode): string {
  const raw = node.kind === 'ending' ? node.title : (node.title ?? node.narration ?? node.lines?.[0]?.text ?? node.id);
  return cleanText(raw).replace(/\s+/g, ' ').trim();
}

/**
 * `text` in lines of at most `width`, breaking between words, at most `max` lines (the last ends "…"
 * when cut); a word too long for a line is broken where it must be. Width is in characters, or in
 * whatever `measure` gives for a piece of text (px for a node's title).
 */
export function wrapWords(text: string, width: number, max: number, measure: (s: string) => number = charCount): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    for (const piece of measure(word) > width ? breakWord(word, width, measure) : [word]) {
      if (!line) line = piece;
      else if (measure(`${line} ${piece}`) <= width) line += ` ${piece}`;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  if (line) lines.push(line);
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  const last = [...at(kept, max - 1)];
  while (last.length > 0 && measure(`${last.join('')}…`) > width) last.pop();
  kept[max - 1] = `${last.join('')}…`;
  return kept;
}

/**
 * Pieces joined end to end (no space between) into as few runs as fit `width` by `measure`, in
 * order; a piece wider than `width` is a run of its own.
 */
function packRuns(pieces: Iterable<string>, width: number, measure: (s: string) => number): string[] {
  const runs: string[] = [];
  let run = '';
  for (const piece of pieces) {
    if (run && measure(run + piece) > width) {
      runs.push(run);
      run = '';
    }
    run += piece;
  }
  if (run) runs.push(run);
  return runs;
}

/** A word in pieces each at most `width` by `measure` (at least one character each). */
const breakWord = (word: string, width: number, measure: (s: string) => number): string[] => packRuns(word, width, measure);

/**
 * A node's heading in lines that fit its box: on one line when it fits, else "Start · Decision ·"
 * over the id, a long id broken after its hyphens (ids can be 80 characters long; on one line a
 * long one ran out of the box, over the next node or off the drawing).
 */
export function headingLinesOf(kind: string, id: string): string[] {
  const whole = `${kind} · ${id}`;
  if (headingWidth(whole) <= NODE_TEXT_WIDTH) return [whole];
  const pieces = (id.match(/[^-]*-|[^-]+/g) ?? [id]).flatMap((part) => breakWord(part, NODE_TEXT_WIDTH, headingWidth));
  return [`${kind} ·`, ...packRuns(pieces, NODE_TEXT_WIDTH, headingWidth)];
}

/** An element of an array at an index known to be inside it (every index here comes from the array's own keys). */
function at<T>(list: readonly T[], i: number): T {
  return list[i] as T;
}

/**
 * An arrow's label as drawn: each reply's label (already joined arrows have several) starts a line
 * and wraps between words, so no reply is cut in the middle of its points; what does not fit in
 * LABEL_LINES lines is counted on the last one ("+2 more"), and a single reply too long for them
 * ends with "…". The whole label is in the tooltip and the web preview's list.
 */
export function labelLinesOf(labels: readonly string[]): string[] {
  // A comparison ("trust ≥ 60", "score ≥ 50%") is never broken across lines.
  // (The space before the sign may already be a no-break one.)
  const keep = (l: string) => l.replace(/(\S+)[ \u00a0](≥|>|≤|<|=|≠|is) (\S+)/g, '$1\u00a0$2\u00a0$3');
  const wrap = (l: string, lines: number) => wrapWords(keep(l), LABEL_CHARS, lines).map((line) => line.replace(/\u00a0/g, ' '));
  const parts = labels.filter(Boolean).map((l) => wrap(l, LABEL_LINES));
  const all = parts.flat();
  if (all.length <= LABEL_LINES) return all;
  const out: string[] = [];
  let shown = 0;
  for (const part of parts) {
    if (out.length + part.length > LABEL_LINES - 1) break;
    out.push(...part);
    shown++;
  }
  if (shown === 0) return [...wrap(at(labels.filter(Boolean), 0), LABEL_LINES - 1), `+${countWords(parts.length - 1)} more`];
  return [...out, `+${countWords(parts.length - shown)} more`];
}

interface Arrow {
  from: number;
  to: number;
  labels: string[];
  /** An arrow to a node still on the way down to it (a loop), drawn back up the side. */
  back: boolean;
}

interface Item {
  /** A node's index, or -1 for a point an arrow passes through. */
  node: number;
  width: number;
  /** The items in the layer above and below joined to this one. */
  up: Item[];
  down: Item[];
  x: number;
  order: number;
  /** Room kept to its right beyond SPACE.across, where a gap next to its row was crowded (see laidOut). */
  extra: number;
}

/** The word every drawing of the graph puts before the kind of a node no playthrough reaches. */
export const UNREACHABLE = 'Unreachable';

/**
 * Whether a node id is reached from the start (the core's graph analysis, as validate reports it).
 * A file whose start names no node (only an invalid one) marks nothing: its drawing starts at its
 * first node and "unreachable" would be said of every node.
 */
export function reachableIn(scenario: Scenario): (id: string) => boolean {
  if (!scenario.nodes.some((n) => n.id === scenario.start)) return () => true;
  const { reachable } = scenarioGraph(scenario);
  return (id) => reachable.has(id);
}

/**
 * The most a drawing is made for (`graph --format svg`): nodes, and points where arrows pass rows
 * they skip (an arrow from the top row to the tenth passes eight). The layout takes time and memory
 * in proportion to their sum; a trainer's scenario has under a hundred of each, a generated one of
 * 11,000 nodes about 10,000 points. Past either, the drawing is refused (GraphTooLarge), and DOT or
 * Mermaid, which any size can be written as, are suggested.
 */
export const DRAWING_LIMITS = { nodes: 20_000, passPoints: 100_000 } as const;

/** Thrown by layoutScenario and toSvg for a graph past its limits: `message` says so, in words for a trainer. */
export class GraphTooLarge extends Error {
  constructor(readonly size: { nodes: number; passPoints: number }, readonly limits: { nodes: number; passPoints: number }) {
    const what = size.nodes > limits.nodes
      ? `it has ${size.nodes.toLocaleString('en-US')} nodes, and a picture is drawn for up to ${limits.nodes.toLocaleString('en-US')}`
      : `its arrows skip ${size.passPoints.toLocaleString('en-US')} rows of the picture in all, and a picture is drawn for up to ${limits.passPoints.toLocaleString('en-US')}`;
    super(`The scenario is too large to draw as a picture: ${what}.`);
    this.name = 'GraphTooLarge';
  }
}

/** How large a drawing of the scenario would be (see DRAWING_LIMITS); found in time linear in the graph, without laying it out. */
export function drawingSize(scenario: Scenario): { nodes: number; passPoints: number } {
  return { nodes: scenario.nodes.length, passPoints: layering(scenario).passPoints };
}

/** The scenario laid out (see GraphLayout). Arrows to ids that are not nodes (only in an invalid file) are left out. Throws GraphTooLarge past `limits`. */
export function layoutScenario(scenario: Scenario, limits: { nodes: number; passPoints: number } = DRAWING_LIMITS): GraphLayout {
  const nodes = scenario.nodes;
  if (nodes.length > limits.nodes) throw new GraphTooLarge({ nodes: nodes.length, passPoints: 0 }, limits);
  const { arrows, startIndex, visitOrder, layerOf, layerCount, reached, passPoints } = layering(scenario);
  if (passPoints > limits.passPoints) throw new GraphTooLarge({ nodes: nodes.length, passPoints }, limits);
  return laidOut(scenario, arrows, startIndex, visitOrder, layerOf, layerCount, reached);
}

/**
 * The graph in words, without a drawing: each node (heading and title as the drawing has them) and
 * each arrow (its labels joined, whether it goes back up a loop), the nodes from the top row down and
 * in each row in the order first met from the start. Made in time linear in the graph, at any size:
 * for a graph too large to draw (the web page's list of one).
 */
export interface GraphOutline {
  nodes: Pick<LaidNode, 'id' | 'start' | 'reachable' | 'heading' | 'title' | 'layer'>[];
  edges: Pick<LaidEdge, 'from' | 'to' | 'label' | 'back'>[];
}

/** The scenario's graph in words (GraphOutline), at any size. */
export function outlineScenario(scenario: Scenario): GraphOutline {
  const nodes = scenario.nodes;
  const { arrows, startIndex, visitOrder, layerOf, reached } = layering(scenario);
  const firstMet = new Array<number>(nodes.length);
  visitOrder.forEach((v, i) => (firstMet[v] = i));
  const order = [...nodes.keys()].sort((a, b) => at(layerOf, a) - at(layerOf, b) || at(firstMet, a) - at(firstMet, b));
  return {
    nodes: order.map((i) => {
      const node = at(nodes, i);
      const start = i === startIndex;
      const reachable = reached(node.id);
      return { id: node.id, start, reachable, heading: `${kindWords(node, start, reachable)} · ${cleanText(node.id)}`, title: titleOf(node), layer: at(layerOf, i) };
    }),
    edges: arrows.map((a) => ({ from: at(nodes, a.from).id, to: at(nodes, a.to).id, label: a.labels.filter(Boolean).join('; '), back: a.back })),
  };
}

/** The arrows (those back up a loop marked), the order nodes are first met in, and each node's row. */
function layering(scenario: Scenario) {
  const nodes = scenario.nodes;
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  // Arrows between the same two nodes are drawn once, with every label.
  const joined = new Map<string, Arrow>();
  for (const e of edgesOf(scenario)) {
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from === undefined || to === undefined) continue;
    const key = `${from} ${to}`;
    const found = joined.get(key);
    if (found) found.labels.push(e.label);
    else joined.set(key, { from, to, labels: [e.label], back: false });
  }
  const arrows = [...joined.values()];
  const out: Arrow[][] = nodes.map(() => []);
  for (const a of arrows) at(out, a.from).push(a);

  // Depth-first from the start, then from any node not reached, in file order: an arrow to a node
  // still on the path is an arrow back (a loop), left out of the layering.
  const startIndex = index.get(scenario.start) ?? 0;
  const visitOrder: number[] = [];
  const state = new Uint8Array(nodes.length); // 0 new, 1 on the path, 2 done
  for (const root of [startIndex, ...nodes.keys()]) {
    if (state[root] !== 0) continue;
    const stack: { node: number; next: number }[] = [{ node: root, next: 0 }];
    state[root] = 1;
    visitOrder.push(root);
    for (let top = stack.at(-1); top; top = stack.at(-1)) {
      const leaving = at(out, top.node);
      if (top.next >= leaving.length) {
        state[top.node] = 2;
        stack.pop();
        continue;
      }
      const arrow = at(leaving, top.next++);
      if (state[arrow.to] === 1) arrow.back = true;
      else if (state[arrow.to] === 0) {
        state[arrow.to] = 1;
        visitOrder.push(arrow.to);
        stack.push({ node: arrow.to, next: 0 });
      }
    }
  }

  // Layers: the longest way down from a node nothing leads to (arrows back left out).
  const incoming = new Array<number>(nodes.length).fill(0);
  for (const a of arrows) if (!a.back) incoming[a.to] = at(incoming, a.to) + 1;
  const layerOf = new Array<number>(nodes.length).fill(0);
  const ready = visitOrder.filter((v) => incoming[v] === 0);
  for (let i = 0; i < ready.length; i++) {
    const v = at(ready, i);
    for (const a of at(out, v)) {
      if (a.back) continue;
      layerOf[a.to] = Math.max(at(layerOf, a.to), at(layerOf, v) + 1);
      incoming[a.to] = at(incoming, a.to) - 1;
      if (incoming[a.to] === 0) ready.push(a.to);
    }
  }
  // A node the start does not reach is drawn just above the first node it leads to, not in the top
  // row: there, each arrow from it ran down every row between, one point in each (100 unreachable
  // nodes leading into a story of 1,000 took 4.5 s to draw; at 11,000 nodes, all the memory). Moved
  // last first, so a run of them keeps its order; nothing the start reaches leads to them.
  const reached = reachableIn(scenario);
  for (let i = ready.length - 1; i >= 0; i--) {
    const v = at(ready, i);
    if (v === startIndex || reached(at(nodes, v).id)) continue;
    let first = Infinity;
    for (const a of at(out, v)) if (!a.back) first = Math.min(first, at(layerOf, a.to));
    if (first !== Infinity) layerOf[v] = Math.max(at(layerOf, v), first - 1);
  }
  const layerCount = nodes.length === 0 ? 0 : layerOf.reduce((m, l) => Math.max(m, l), 0) + 1;
  let passPoints = 0;
  // An arrow back up a loop passes every row from its node's up to the one it returns to, in its lane.
  for (const a of arrows) passPoints += a.back ? at(layerOf, a.from) - at(layerOf, a.to) + 1 : Math.max(0, at(layerOf, a.to) - at(layerOf, a.from) - 1);
  return { arrows, startIndex, visitOrder, layerOf, layerCount, reached, passPoints };
}

function laidOut(scenario: Scenario, arrows: Arrow[], startIndex: number, visitOrder: number[], layerOf: number[], layerCount: number, reached: (id: string) => boolean): GraphLayout {
  const nodes = scenario.nodes;

  // Items: the nodes, and a point in each layer an arrow skips, in the order first seen.
  const layers: Item[][] = Array.from({ length: layerCount }, () => []);
  const itemOf: Item[] = [];
  const newItem = (node: number, width: number, layer: number): Item => {
    const item: Item = { node, width, up: [], down: [], x: 0, order: 0, extra: 0 };
    at(layers, layer).push(item);
    return item;
  };
  for (const v of visitOrder) itemOf[v] = newItem(v, NODE.width, at(layerOf, v));
  const chains = new Map<Arrow, Item[]>();
  for (const a of arrows) {
    if (a.back) continue;
    const chain: Item[] = [at(itemOf, a.from)];
    for (let layer = at(layerOf, a.from) + 1; layer < at(layerOf, a.to); layer++) chain.push(newItem(-1, SPACE.passPoint, layer));
    chain.push(at(itemOf, a.to));
    for (let i = 1; i < chain.length; i++) {
      at(chain, i - 1).down.push(at(chain, i));
      at(chain, i).up.push(at(chain, i - 1));
    }
    chains.set(a, chain);
  }

  // Order within layers: a few sweeps down and up, each item at the mean position of its neighbours.
  const renumber = (layer: Item[]) => layer.forEach((item, i) => (item.order = i));
  layers.forEach(renumber);
  const meanOrder = (list: Item[], fallback: number) => (list.length === 0 ? fallback : list.reduce((s, n) => s + n.order, 0) / list.length);
  for (let sweep = 0; sweep < SPACE.sweeps; sweep++) {
    const down = sweep % 2 === 0;
    const sequence = down ? layers.slice(1) : layers.slice(0, -1).reverse();
    for (const layer of sequence) {
      const keyed = layer.map((item) => ({ item, key: meanOrder(down ? item.up : item.down, item.order) }));
      keyed.sort((a, b) => a.key - b.key || a.item.order - b.item.order);
      layer.splice(0, layer.length, ...keyed.map((k) => k.item));
      renumber(layer);
    }
  }

  // Across: each item as near as it can be to under the middle of what leads to it (over what it
  // leads to, on the way back up), keeping the layer's order and the gaps between items: for each
  // layer the least-squares placement under those constraints, found exactly by pooling adjacent
  // items that would otherwise cross (isotonic regression on each item's left edge less the widths
  // before it). An item with nowhere it is wanted keeps its place, weakly. A row next to a gap whose
  // labels could not be placed apart gets more room between the items around them (Item.extra).
  const centre = (item: Item) => item.x + item.width / 2;
  const place = (layer: Item[], wanted: (item: Item) => number | undefined) => {
    const blocks: { sum: number; weight: number; count: number }[] = [];
    const offsets: number[] = [];
    let offset = 0;
    for (const item of layer) {
      const want = wanted(item);
      const weight = want === undefined ? 1e-3 : 1;
      offsets.push(offset);
      blocks.push({ sum: ((want ?? centre(item)) - item.width / 2 - offset) * weight, weight, count: 1 });
      for (let last = at(blocks, blocks.length - 1), before = blocks.at(-2); before && before.sum / before.weight > last.sum / last.weight; last = at(blocks, blocks.length - 1), before = blocks.at(-2)) {
        blocks.pop();
        before.sum += last.sum;
        before.weight += last.weight;
        before.count += last.count;
      }
      offset += item.width + SPACE.across + item.extra;
    }
    let i = 0;
    for (const block of blocks) {
      const left = block.sum / block.weight;
      for (let k = 0; k < block.count; k++, i++) at(layer, i).x = left + at(offsets, i);
    }
  };
  const meanCentre = (list: Item[]) => (list.length === 0 ? undefined : list.reduce((s, n) => s + centre(n), 0) / list.length);
  const placeAll = () => {
    for (const layer of layers) for (const item of layer) item.x = 0;
    layers.forEach((layer) => place(layer, () => undefined));
    const downPass = () => layers.slice(1).forEach((layer) => place(layer, (item) => meanCentre(item.up)));
    const upPass = () => layers.slice(0, -1).reverse().forEach((layer) => place(layer, (item) => meanCentre(item.down) ?? centre(item)));
    downPass();
    upPass();
    downPass();
    let minX = 0;
    for (const layer of layers) for (const item of layer) minX = Math.min(minX, item.x);
    for (const layer of layers) for (const item of layer) item.x += SPACE.margin - minX;
  };
  placeAll();

  // Down: each layer as tall as its tallest node.
  const laid: LaidNode[] = nodes.map((node, i) => {
    const title = titleOf(node);
    const lines = wrapWords(title, NODE_TEXT_WIDTH, NODE.titleLines, titleWidth);
    const start = i === startIndex;
    const reachable = reached(node.id);
    const kind = kindWords(node, start, reachable);
    const headingLines = headingLinesOf(kind, cleanText(node.id));
    return {
      id: node.id, kind: node.kind, ...(node.kind === 'ending' ? { ending: node.ending } : {}), start, reachable,
      heading: `${kind} · ${cleanText(node.id)}`, headingLines, lines, title,
      x: at(itemOf, i).x, y: 0, width: NODE.width, height: NODE.padding * 2 + NODE.lineHeight * (headingLines.length + lines.length), layer: at(layerOf, i),
    };
  });
  const layerHeight = new Array<number>(layerCount).fill(NODE.lineHeight);
  for (const n of laid) layerHeight[n.layer] = Math.max(at(layerHeight, n.layer), n.height);
  // The gap below each row: SPACE.down, taller where its labels cannot all be placed apart.
  const gaps = new Array<number>(layerCount).fill(SPACE.down);
  // As wide as its rows: nodes, and the points arrows pass through (an arrow bent round the side of
  // a row can pass right of every node).
  const rowsWidth = () => layers.reduce((w, layer) => layer.reduce((v, item) => Math.max(v, item.x + item.width), w), 0) + SPACE.margin;
  let widthOfRows = rowsWidth();
  const memo: LabelMemo = new Map();
  // How many rounds each gap has been crowded in.
  const crowdedRounds = new Array<number>(layerCount).fill(0);
  // Each arrow's label in its three forms: the same in every round.
  const texts = arrows.map((a) => {
    const labelLines = labelLinesOf(a.labels);
    return { label: a.labels.filter(Boolean).join('; '), labelLines, shortLabel: labelLines.join(' ') };
  });
  // Arrows back up a loop (only among nodes no playthrough reaches, in a valid file): each leaves its
  // node from the bottom, runs right in a lane of its own below that row, up a lane of its own right
  // of every row, and left in a lane above the row of the node it returns to, into its top. Lanes are
  // between rows, where no node is, and right of them all, so such an arrow crosses no node (drawn
  // up the side of the two nodes alone, it ran through the nodes beside them). A row's gaps keep
  // room for its lanes apart from the labels'.
  const backs = arrows.filter((a) => !chains.has(a));
  const lanesBelow = new Array<number>(layerCount).fill(0);
  const lanesAbove = new Array<number>(layerCount).fill(0);
  const lane = new Map<Arrow, { k: number; below: number; above: number }>();
  for (const [k, a] of backs.entries()) {
    const [from, to] = [at(layerOf, a.from), at(layerOf, a.to)];
    lane.set(a, { k, below: at(lanesBelow, from), above: at(lanesAbove, to) });
    lanesBelow[from] = at(lanesBelow, from) + 1;
    lanesAbove[to] = at(lanesAbove, to) + 1;
  }
  const laneRoom = (count: number) => (count === 0 ? 0 : LANE.down * count + LANE.down / 2);
  for (let round = 0; ; round++) {
    const layerTop: number[] = [];
    let top = SPACE.margin + laneRoom(at(lanesAbove, 0));
    for (const [layer, height] of layerHeight.entries()) {
      layerTop.push(top);
      top += height + at(gaps, layer) + laneRoom(at(lanesBelow, layer)) + laneRoom(lanesAbove[layer + 1] ?? 0);
    }
    const rowBottom = (layer: number) => at(layerTop, layer) + at(layerHeight, layer);
    const rightOfRows = widthOfRows - SPACE.margin;
    for (const n of laid) n.y = at(layerTop, n.layer);
    let width = widthOfRows;
    const edges: LaidEdge[] = arrows.map((a, i) => {
      const from = at(laid, a.from);
      const to = at(laid, a.to);
      const { label, labelLines, shortLabel } = at(texts, i);
      const chain = chains.get(a);
      if (!chain) {
        // Back up a loop, in its lanes (see `lane` above); its label is a note under the picture,
        // its number on the lane below its row (placed with the other marks, after the labels).
        const { k, below, above } = lane.get(a) as { k: number; below: number; above: number };
        const side = rightOfRows + SPACE.across / 2 + LANE.across * k;
        const out = rowBottom(from.layer) + LANE.down * (below + 1);
        const into = at(layerTop, to.layer) - LANE.down * (above + 1);
        width = Math.max(width, side + SPACE.margin);
        const [x1, x2] = [from.x + from.width - LANE.inset, to.x + to.width - LANE.inset];
        const points = [{ x: x1, y: from.y + from.height }, { x: x1, y: out }, { x: side, y: out }, { x: side, y: into }, { x: x2, y: into }, { x: x2, y: to.y }];
        return { from: from.id, to: to.id, label, shortLabel, labelLines, labelAt: { x: side, y: out }, points, back: true };
      }
      const points = [{ x: centre(at(chain, 0)), y: from.y + from.height }];
      // From a node shorter than its row, straight down to the row's bottom first: slanting from its
      // own bottom, the arrow ran through the lower part of a taller node beside it.
      if (from.y + from.height < rowBottom(from.layer)) points.push({ x: centre(at(chain, 0)), y: rowBottom(from.layer) });
      chain.slice(1, -1).forEach((point, k) => {
        const layer = from.layer + 1 + k;
        points.push({ x: centre(point), y: at(layerTop, layer) }, { x: centre(point), y: at(layerTop, layer) + at(layerHeight, layer) });
      });
      points.push({ x: centre(at(chain, chain.length - 1)), y: to.y });
      return { from: from.id, to: to.id, label, shortLabel, labelLines, labelAt: { x: 0, y: 0 }, points, back: false };
    });
    // A label stays in the gap below its row: clear of every node of the row (some are taller than
    // the node it leaves from) and of the row below.
    // A gap's labels stay clear of the lanes of arrows back up a loop at its top and bottom.
    const { crowded, tight } = placeLabels(edges, laid, widthOfRows, memo, round === SPACE.rounds, (layer) => rowBottom(layer) + laneRoom(at(lanesBelow, layer)), (layer) => at(layerTop, layer + 1) - laneRoom(lanesAbove[layer + 1] ?? 0));
    if (crowded.length === 0 || round === SPACE.rounds) {
      const last = layerCount - 1;
      const bottom = layerCount === 0 ? SPACE.margin : rowBottom(last) + laneRoom(at(lanesBelow, last));
      for (const e of edges) if (e.back && e.labelLines.length > 0) e.labelAt = backMark(e, edges);
      return withNotes({ width: Math.ceil(width), height: Math.ceil(bottom + SPACE.margin), nodes: laid, edges, notes: [] });
    }
    // A crowded gap grows taller. One still crowded after growing also gets more room across, in
    // the rows above and below it, between the items around each label that found no free place
    // (its box and its arrow): labels fanning out from one node need height, but arrows that cross
    // (two decisions each leading to the same two scenes) leave no place on either crossing arrow
    // clear of the others however tall the gap; only room across does.
    for (const layer of crowded) {
      gaps[layer] = at(gaps, layer) + SPACE.growth;
      crowdedRounds[layer] = at(crowdedRounds, layer) + 1;
    }
    const widen = new Set<Item>();
    for (const span of tight) {
      if (at(crowdedRounds, span.layer) < SPACE.widenAfter) continue;
      for (const row of [at(layers, span.layer), layers[span.layer + 1] ?? []]) {
        for (let k = 1; k < row.length; k++) {
          const [a, b] = [at(row, k - 1), at(row, k)];
          if (a.x + a.width < span.x2 && b.x > span.x1) widen.add(a);
        }
      }
    }
    if (widen.size === 0) continue;
    for (const item of widen) item.extra += SPACE.widen;
    const was = layers.map((layer) => layer.map((item) => item.x));
    placeAll();
    // A gap's labels are laid again only where a row above or below it moved.
    for (const [l, layer] of layers.entries()) {
      if (!layer.some((item, k) => item.x !== at(at(was, l), k))) continue;
      memo.delete(l);
      memo.delete(l - 1);
    }
    for (const [i, n] of laid.entries()) n.x = at(itemOf, i).x;
    widthOfRows = rowsWidth();
  }
}

/**
 * The lanes of arrows back up a loop: the room between two lanes across and down, and how far in
 * from a node's right-hand corner such an arrow leaves it and comes into it.
 */
const LANE = { across: 12, down: 16, inset: 14 } as const;

/** The box the number of a note is drawn in, on its arrow (11 px text; up to three digits). */
export const NOTE_MARK = { width: 3 * 6.2 + 8, height: 14 } as const;

/**
 * Where the number of a loop's note goes: on the arrow's lane below its row (the stretch from the
 * node's corner to the lane up the side), at the first place clear of every other arrow, else at the
 * first place along it.
 */
function backMark(e: LaidEdge, edges: readonly LaidEdge[]): { x: number; y: number } {
  const [p, q] = [at(e.points, 1), at(e.points, 2)];
  const half = NOTE_MARK.width / 2;
  const [y1, y2] = [p.y - NOTE_MARK.height / 2, p.y + NOTE_MARK.height / 2];
  // Near the node it leaves (the first 64 places, 4 px apart), where it is read as that node's; the
  // other arrows' stretches through that stretch of the lane found once, so that many loops (a
  // generated file) cost each a look at the arrows, not one for every place.
  const stop = Math.min(q.x - half - 4, p.x + half + 4 + 4 * 64);
  const near: [{ x: number; y: number }, { x: number; y: number }][] = [];
  for (const o of edges) {
    if (o === e) continue;
    for (let i = 1; i < o.points.length; i++) {
      const [a, b] = [at(o.points, i - 1), at(o.points, i)];
      if (Math.min(a.y, b.y) < y2 && Math.max(a.y, b.y) > y1 && Math.max(a.x, b.x) > p.x && Math.min(a.x, b.x) < stop + half) near.push([a, b]);
    }
  }
  for (let x = p.x + half + 4; x <= stop; x += 4) {
    const box = { x1: x - half, x2: x + half, y1, y2 };
    if (!near.some(([a, b]) => crosses(a, b, box))) return { x, y: p.y };
  }
  return { x: Math.min(p.x + half + 4, (p.x + q.x) / 2), y: p.y };
}

/** The line height of a note under the picture, and the room above the notes. */
const NOTE_LINE = 14;

/**
 * The layout with its notes (see GraphLayout.notes): every label with no place in the picture whole
 * (an arrow back up a loop; one whose label fits nowhere within the picture's sides) numbered in
 * edge order and written under the picture, wrapped to its width (a long id broken where it must be),
 * the picture made taller for them.
 */
function withNotes(g: GraphLayout): GraphLayout {
  const noted = g.edges.filter((e) => e.labelLines.length > 0 && (e.back || e.note !== undefined));
  if (noted.length === 0) return g;
  const room = g.width - 2 * SPACE.margin;
  let y = g.height - SPACE.margin + NOTE_LINE * 1.5;
  const notes: GraphNote[] = noted.map((e, i) => {
    e.note = i + 1;
    const from = cleanText(e.from);
    const to = cleanText(e.to);
    const lines = wrapWords(`${i + 1} · ${from} → ${to}: ${e.label}`, room, Infinity, (t) => textWidth(t, 11));
    const note = { number: i + 1, from, to, lines, x: SPACE.margin, y };
    y += NOTE_LINE * lines.length + 4;
    return note;
  });
  return { ...g, height: Math.ceil(y - NOTE_LINE + SPACE.margin), notes };
}

/**
 * How wide a label is drawn (11 px text, measured as a node's text is: textWidth), its longest line,
 * with 4 px each side. Counted at 6.2 px a character, a label of wide letters ("mmm-www…", a reply
 * id in capitals' widths) ran out of its white box, and past the picture's edge where it was set
 * close to it.
 */
const labelWidth = (lines: readonly string[]) => lines.reduce((w, line) => Math.max(w, textWidth(line, 11)), 0) + 8;
/** The height of one line of a label. */
const LABEL_HEIGHT = 14;
/**
 * How far a label's box ends above the bottom of its gap: the arrowheads there (8 px) and 6 px of
 * air (at 2 px, a label's last line sat on the arrowhead of the arrow below it).
 */
const ABOVE_ARROWHEADS = 14;
/**
 * What a place for a label costs, for each thing under it: another label (never drawn over if it can
 * be helped), a stretch of another arrow hidden (cut in two), or another arrow crossing the label's
 * own arrow under it (the label marks the crossing: no reason to grow the gap, but a place with no
 * crossing is better). Each is worth more than any count of the ones after it.
 */
const COST = { label: 1_000_000, arrow: 1_000, crossing: 1 } as const;

/**
 * Each downward arrow's label on its first stretch, where arrows from one node have spread out: at
 * the first of a few places along it where it overlaps no label placed before it (left to right
 * between each pair of layers) and no other arrow passes under it (the label's box would hide that
 * stretch of the arrow), or else at the least crowded of them (see COST). Returns the layers where
 * some label covers another label or hides another arrow (a label marking where another arrow
 * crosses its own is not crowded), and where across each label hiding an arrow is (its box and its
 * arrow).
 */
function placeLabels(edges: LaidEdge[], nodes: LaidNode[], right: number, memo: LabelMemo, lastRound: boolean, gapTop: (layer: number) => number, gapBottom: (layer: number) => number): { crowded: number[]; tight: Span[] } {
  const crowded: number[] = [];
  const tight: Span[] = [];
  const layerOf = new Map(nodes.map((n) => [n.id, n.layer]));
  const indexOf = new Map(edges.map((e, i) => [e, i]));
  const byGap = new Map<number, LaidEdge[]>();
  for (const e of edges) {
    if (e.back || !e.shortLabel) continue;
    const layer = layerOf.get(e.from) ?? 0;
    const gap = byGap.get(layer);
    if (gap) gap.push(e);
    else byGap.set(layer, [e]);
  }
  // A gap as tall as in the round before holds the same arrows in the same places, only moved up or
  // down with the gaps above it (a gap whose rows moved across was dropped from the memo): its labels
  // move with it, and only the gaps that grew are laid again.
  for (const [layer, gap] of byGap) {
    const before = memo.get(layer);
    // …and only as wide: its labels were kept within the sides of the rows as they were then.
    if (before?.height !== gapBottom(layer) - gapTop(layer) || before.right !== right) continue;
    // In the last round a gap still crowded is laid again, for its labels' last resort (below).
    if (lastRound && before.crowded) continue;
    for (const e of gap) {
      const was = before.labels.get(indexOf.get(e) ?? -1);
      if (was) e.labelAt = { x: was.x, y: gapTop(layer) + was.y };
      if (was?.note) e.note = 0;
    }
    if (before.crowded) crowded.push(layer);
    tight.push(...before.tight);
    byGap.delete(layer);
  }
  const columns = (b: LabelBox) => {
    const out: number[] = [];
    for (let c = Math.floor(b.x1 / GRID); c <= Math.floor(b.x2 / GRID); c++) out.push(c);
    return out;
  };
  const file = <T>(index: Map<number, T[]>, box: LabelBox, item: T) => {
    for (const c of columns(box)) {
      const list = index.get(c);
      if (list) list.push(item);
      else index.set(c, [item]);
    }
  };
  // Every stretch of every arrow, by the gap it crosses, each filed by the cells it passes through there.
  const stretches = new Map<number, Map<number, Stretch[]>>();
  // The gaps that hold labels, top down (they do not overlap): a stretch looks only at those it reaches.
  const rows = [...byGap.keys()].map((layer) => ({ layer, top: gapTop(layer), bottom: gapBottom(layer) })).sort((a, b) => a.top - b.top);
  const firstEndingBelow = (y: number) => {
    let [lo, hi] = [0, rows.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at(rows, mid).bottom < y) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const e of edges) {
    for (let i = 1; i < e.points.length; i++) {
      const [p, q] = [at(e.points, i - 1), at(e.points, i)];
      for (let r = firstEndingBelow(Math.min(p.y, q.y)); r < rows.length && at(rows, r).top <= Math.max(p.y, q.y); r++) {
        const row = at(rows, r);
        const [y1, y2] = [Math.max(Math.min(p.y, q.y), row.top), Math.min(Math.max(p.y, q.y), row.bottom)];
        if (y1 > y2) continue;
        let index = stretches.get(row.layer);
        if (!index) stretches.set(row.layer, (index = new Map()));
        fileStretch(index, { edge: indexOf.get(e) ?? -1, p, q }, y1, y2);
      }
    }
  }
  // Which labels, hidden arrows and crossings one look (overlaps) has counted already: marked with that look's number.
  const seenLabel = new Int32Array(edges.length);
  const seenArrow = new Int32Array(edges.length);
  const seenCrossing = new Int32Array(edges.length);
  let look = 0;
  let labelCount = 0;
  for (const [layer, gap] of byGap) {
    // Each arrow's stretch across the gap: its first, or its second after a drop to the row's bottom (see laidOut).
    const across = (e: LaidEdge) => (e.points.length > 2 && at(e.points, 1).x === at(e.points, 0).x && at(e.points, 1).y <= gapTop(layer) ? 1 : 0);
    gap.sort((a, b) => at(a.points, across(a) + 1).x - at(b.points, across(b) + 1).x || at(a.points, across(a)).x - at(b.points, across(b)).x);
    // The labels placed so far, by the columns (GRID px wide) they cover.
    const placed = new Map<number, PlacedBox[]>();
    const under = stretches.get(layer) ?? new Map<number, Stretch[]>();
    for (const e of gap) {
      const ei = indexOf.get(e) ?? -1;
      const [p, q] = [at(e.points, across(e)), at(e.points, across(e) + 1)];
      // The label's box; or, where it fits nowhere within the picture's sides, its note's number's (below).
      let w = labelWidth(e.labelLines);
      let h = LABEL_HEIGHT * e.labelLines.length;
      // Clear of the arrowheads (8 px) at the bottom of the gap, with air (ABOVE_ARROWHEADS).
      let [low, high] = [gapTop(layer) + h / 2 + 2, gapBottom(layer) - h / 2 - ABOVE_ARROWHEADS];
      delete e.note;
      const xAt = (y: number) => (q.y === p.y ? p.x : p.x + (q.x - p.x) * ((y - p.y) / (q.y - p.y)));
      // On the arrow at t of the way along it (side 0), or just beside it, left (-1) or right (1).
      const boxAt = (t: number, side: -1 | 0 | 1) => {
        // Along the arrow, but never out of the gap (a label of several lines is tall).
        const y = Math.min(Math.max(p.y + (q.y - p.y) * t, low), Math.max(low, high));
        const [top, bottom] = [xAt(y - h / 2), xAt(y + h / 2)];
        const x = side === 0 ? xAt(y) : side < 0 ? Math.min(top, bottom) - BESIDE - w / 2 : Math.max(top, bottom) + BESIDE + w / 2;
        const box = { x1: x - w / 2, x2: x + w / 2, y1: y - h / 2, y2: y + h / 2 };
        // A label beside its arrow has no other arrow between them either, or it reads as that one's.
        const reach = side < 0 ? { ...box, x2: Math.max(top, bottom) } : side > 0 ? { ...box, x1: Math.min(top, bottom) } : box;
        return { x, y, box, reach, side };
      };
      // How much a box would cover (see COST): the labels under it, the other arrows it hides, and
      // the other arrows that cross its own under it. Counting stops once it reaches `enough` (the
      // least of the places looked at before).
      const overlaps = ({ box: b, reach, side }: { box: LabelBox; reach: LabelBox; side: -1 | 0 | 1 }, enough: number) => {
        look++;
        let cost = 0;
        for (let c = Math.floor(b.x1 / GRID); c <= Math.floor(b.x2 / GRID); c++) {
          for (const o of placed.get(c) ?? NONE) {
            if (seenLabel[o.id] !== look && b.x1 < o.x2 && o.x1 < b.x2 && b.y1 < o.y2 && o.y1 < b.y2) {
              seenLabel[o.id] = look;
              cost += COST.label;
              if (cost >= enough) return enough;
            }
          }
        }
        for (let band = Math.floor(reach.y1 / BAND); band <= Math.floor(reach.y2 / BAND); band++) {
          for (let c = Math.floor(reach.x1 / GRID); c <= Math.floor(reach.x2 / GRID); c++) {
            for (const s of under.get(cellKey(c, band)) ?? NONE) {
              if (s.edge === ei || seenArrow[s.edge] === look || !crosses(s.p, s.q, reach)) continue;
              // Where the other arrow crosses this label's own under it, the label marks the
              // crossing (a label sits on its own arrow by design): that alone is no reason to make
              // the gap taller, only a reason to prefer a place with no crossing.
              const met = side === 0 ? meeting(p, q, s.p, s.q) : undefined;
              if (met && met.x > b.x1 && met.x < b.x2 && met.y > b.y1 && met.y < b.y2) {
                if (seenCrossing[s.edge] === look) continue;
                seenCrossing[s.edge] = look;
                cost += COST.crossing;
              } else {
                seenArrow[s.edge] = look;
                cost += COST.arrow;
              }
              if (cost >= enough) return enough;
            }
          }
        }
        return cost;
      };
      // On the arrow first; beside it only where no place on it is free. Never past the sides of the
      // rows (0 and `right`: an arrow bent to a point at the end of a row runs close to them), unless
      // no place on the arrow or beside it is inside them (none has been seen: close under the node
      // it leaves, an arrow is near the middle of the node): then on the arrow. The first free place
      // is taken (most labels cost one look); else the one that covers least, the first of equals.
      let best = boxAt(at(LABEL_PLACES, 0), 0);
      let least = Infinity;
      // A label with no place within the sides (set on its arrow past them, it was cut off by the
      // picture's edge) becomes a note under the picture: its number, in a small box, is placed here
      // as a label would be (within the sides, or else on the arrow, which is inside the picture by
      // more than half the box).
      for (const asNote of [false, true]) {
        if (asNote) {
          if (least !== Infinity) break;
          e.note = 0;
          [w, h] = [NOTE_MARK.width, NOTE_MARK.height];
          [low, high] = [gapTop(layer) + h / 2 + 2, gapBottom(layer) - h / 2 - ABOVE_ARROWHEADS];
          best = boxAt(at(LABEL_PLACES, 0), 0);
        }
        for (const within of asNote ? [true, false] : [true]) {
          search: for (const side of within ? ([0, 1, -1] as const) : ([0] as const)) {
            for (const t of LABEL_PLACES) {
              const c = boxAt(t, side);
              if (within && (c.box.x1 < 0 || c.box.x2 > right)) continue;
              const cost = overlaps(c, least);
              if (cost < least) [best, least] = [c, cost];
              if (least === 0) break search;
            }
          }
          if (least !== Infinity) break;
        }
      }
      // The last resort, once the gaps have grown and widened all they may: a label that still covers
      // another label or hides another arrow becomes a note under the picture, its number in a small
      // box where that box has a free place (three crossing arrows each labelled beside a node left
      // none for the label whole).
      if (lastRound && e.note === undefined && least >= COST.arrow) {
        const [label, labelLeast, size, range] = [best, least, [w, h], [low, high]];
        [w, h] = [NOTE_MARK.width, NOTE_MARK.height];
        [low, high] = [gapTop(layer) + h / 2 + 2, gapBottom(layer) - h / 2 - ABOVE_ARROWHEADS];
        least = Infinity;
        mark: for (const side of [0, 1, -1] as const) {
          for (const t of LABEL_PLACES) {
            const c = boxAt(t, side);
            if (c.box.x1 < 0 || c.box.x2 > right) continue;
            const cost = overlaps(c, least);
            if (cost < least) [best, least] = [c, cost];
            if (least === 0) break mark;
          }
        }
        if (least < COST.arrow) e.note = 0;
        else [best, least, [w, h], [low, high]] = [label, labelLeast, size as [number, number], range as [number, number]];
      }
      // A label that covers another label or hides another arrow crowds its gap (which grows); one
      // that hides an arrow but covers no label (crossing arrows leave no free place however tall
      // the gap) also asks for room across. `least` is the whole count here: a place is taken only
      // when its count comes out below every one before, so it was never cut short.
      if (least >= COST.arrow) {
        if (crowded.at(-1) !== layer) crowded.push(layer);
        if (least < COST.label) tight.push({ layer, x1: Math.min(best.box.x1, p.x, q.x), x2: Math.max(best.box.x2, p.x, q.x) });
      }
      file(placed, best.box, { ...best.box, id: labelCount++ });
      e.labelAt = { x: best.x, y: best.y };
    }
    memo.set(layer, {
      right,
      height: gapBottom(layer) - gapTop(layer),
      crowded: crowded.at(-1) === layer,
      tight: tight.filter((t) => t.layer === layer),
      labels: new Map(gap.map((e) => [indexOf.get(e) ?? -1, { x: e.labelAt.x, y: e.labelAt.y - gapTop(layer), note: e.note !== undefined }])),
    });
  }
  return { crowded, tight };
}
/** Across which stretch of a gap (below row `layer`) a label found no free place: its box and its arrow's first stretch. */
interface Span {
  layer: number;
  x1: number;
  x2: number;
}
/** Each gap's labels as last laid, by layer: the sides of the rows they were kept within, the gap's height, whether it was crowded (and where), each label's place from its top, by arrow. */
type LabelMemo = Map<number, { right: number; height: number; crowded: boolean; tight: Span[]; labels: Map<number, { x: number; y: number; note: boolean }> }>;
interface LabelBox {
  x1: number;
  x2: number;
  y1: number;
  y2: number;
}
/** A label placed, with its number (among this layout's labels). */
interface PlacedBox extends LabelBox {
  id: number;
}
/** Nothing filed under a cell. */
const NONE: readonly never[] = [];
/** One straight stretch of an arrow, from p to q. */
interface Stretch {
  /** The arrow's index among the edges. */
  edge: number;
  p: { x: number; y: number };
  q: { x: number; y: number };
}
/**
 * The stretches of arrows in one gap, by the cells (GRID px wide, BAND px high) they pass through: a
 * long shallow arrow across a wide drawing is in many columns but few cells of each.
 */
const BAND = 16;
const cellKey = (column: number, band: number) => band * 1_048_576 + column;
/** Files the part of a stretch between heights y1 and y2 under every cell it passes through. */
function fileStretch(index: Map<number, Stretch[]>, s: Stretch, y1: number, y2: number): void {
  const { p, q } = s;
  const yAt = (x: number) => p.y + ((q.y - p.y) * (x - p.x)) / (q.x - p.x);
  const xAt = (y: number) => (q.y === p.y ? p.x : p.x + ((q.x - p.x) * (y - p.y)) / (q.y - p.y));
  const [xa, xb] = q.y === p.y ? [p.x, q.x] : [xAt(y1), xAt(y2)];
  const [left, right] = [Math.min(xa, xb), Math.max(xa, xb)];
  for (let c = Math.floor(left / GRID); c <= Math.floor(right / GRID); c++) {
    // The stretch's heights within this column (all of [y1, y2] for an upright one).
    let [top, bottom] = [y1, y2];
    if (q.x !== p.x && q.y !== p.y) {
      const [ya, yb] = [yAt(Math.max(left, c * GRID)), yAt(Math.min(right, (c + 1) * GRID))];
      [top, bottom] = [Math.max(y1, Math.min(ya, yb)), Math.min(y2, Math.max(ya, yb))];
    }
    for (let band = Math.floor(top / BAND); band <= Math.floor(bottom / BAND); band++) {
      const key = cellKey(c, band);
      const list = index.get(key);
      if (list) list.push(s);
      else index.set(key, [s]);
    }
  }
}
/** Where the stretches a0–a1 and b0–b1 meet, if they do (parallel ones never do). */
function meeting(a0: { x: number; y: number }, a1: { x: number; y: number }, b0: { x: number; y: number }, b1: { x: number; y: number }): { x: number; y: number } | undefined {
  const d = (a1.x - a0.x) * (b1.y - b0.y) - (a1.y - a0.y) * (b1.x - b0.x);
  if (d === 0) return undefined;
  const t = ((b0.x - a0.x) * (b1.y - b0.y) - (b0.y - a0.y) * (b1.x - b0.x)) / d;
  const u = ((b0.x - a0.x) * (a1.y - a0.y) - (b0.y - a0.y) * (a1.x - a0.x)) / d;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? { x: a0.x + (a1.x - a0.x) * t, y: a0.y + (a1.y - a0.y) * t } : undefined;
}
/** Whether the stretch from p to q passes inside the box (touching its edge is not inside). */
function crosses(p: { x: number; y: number }, q: { x: number; y: number }, b: LabelBox): boolean {
  // Liang–Barsky: narrow the stretch's [t0, t1] to the part between each pair of the box's sides.
  let [t0, t1] = [0, 1];
  const [dx, dy] = [q.x - p.x, q.y - p.y];
  for (const [d, lo, hi, v] of [[dx, b.x1, b.x2, p.x], [dy, b.y1, b.y2, p.y]] as const) {
    if (d === 0) {
      if (v <= lo || v >= hi) return false;
      continue;
    }
    const [a, c] = [(lo - v) / d, (hi - v) / d];
    t0 = Math.max(t0, Math.min(a, c));
    t1 = Math.min(t1, Math.max(a, c));
  }
  return t1 - t0 > 1e-9;
}
const GRID = 100;
/** The room between an arrow and a label set beside it. */
const BESIDE = 4;
/**
 * Where along an arrow's first stretch its label may sit, in order of preference: five places
 * first, then every twentieth of the way (labels of several lines need the finer choice), and last
 * close under the node it leaves, where arrows that cross lower down are still apart.
 */
const LABEL_PLACES = [0.45, 0.78, 0.25, 0.62, 0.9, ...Array.from({ length: 15 }, (_, i) => 0.2 + i * 0.05).filter((t) => ![0.25, 0.45].some((u) => Math.abs(t - u) < 1e-9)), 0.15, 0.1, 0.05, 0];

/** Fill and outline of each kind of node; the words say the kind too, so colour is never the only sign. */
export const GRAPH_COLOURS = {
  scene: { fill: '#eef2f7', stroke: '#4a5568' },
  decision: { fill: '#fff3c4', stroke: '#8a6d00' },
  strong: { fill: '#d8f3dc', stroke: '#1b5e20' },
  mixed: { fill: '#fff0d9', stroke: '#8a4b00' },
  harmful: { fill: '#fde2e1', stroke: '#9b1c1c' },
} as const;

/** The colours of a laid-out node. */
export function colourOf(node: Pick<LaidNode, 'kind' | 'ending'>): { fill: string; stroke: string } {
  return GRAPH_COLOURS[node.kind === 'ending' ? (node.ending ?? 'mixed') : node.kind];
}

/** Text for XML: the scenario's words can hold anything. */
function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const n2 = (v: number) => String(Math.round(v * 10) / 10);

/**
 * An arrow's label: its lines on a white box (the arrow passes behind it, and an outline round the
 * letters alone leaves the line showing between words, where it reads as a dot or a dash).
 */
function svgLabel(e: LaidEdge, font: string): string {
  // A label written as a note under the picture: its number here, in bold.
  const lines = e.note !== undefined ? [String(e.note)] : e.labelLines;
  const w = e.note !== undefined ? NOTE_MARK.width : labelWidth(lines);
  const h = LABEL_HEIGHT * lines.length;
  const top = e.labelAt.y - h / 2;
  return `<rect class="label${e.note !== undefined ? ' mark' : ''}" x="${n2(e.labelAt.x - w / 2)}" y="${n2(top)}" width="${n2(w)}" height="${n2(h)}" rx="3" fill="#ffffff" fill-opacity="0.92"${e.note !== undefined ? ' stroke="#333" stroke-width="0.75"' : ''}/>`
    + lines.map((line, i) => `<text x="${n2(e.labelAt.x)}" y="${n2(top + LABEL_HEIGHT * i + 11)}" text-anchor="middle" font-size="11"${e.note !== undefined ? ' font-weight="bold"' : ''} ${font} fill="#111">${xml(line)}</text>`).join('');
}

/** ", 2 unreachable (dashed)" for a drawing's summary, or "" when every node is reached. */
export function unreachableWords(g: Pick<GraphLayout, 'nodes'>): string {
  const count = g.nodes.filter((n) => !n.reachable).length;
  return count === 0 ? '' : `, ${count} unreachable (dashed outline)`;
}

/**
 * With forced colours (Windows high contrast) the drawing takes the system's colours, as the page
 * around it does: a picture is never recoloured by the browser, and a dark high-contrast theme got a
 * white picture of pastel boxes. Kinds stay told apart by their words and outlines (decisions and the
 * start thick, in Highlight; endings rounded; the unreachable dashed). The colours are variables, so
 * that a page showing the drawing as an image can give it the system colours it resolves itself
 * (FORCED_COLOUR_VARIABLES): inside an image, the system colour keywords are not the user's theme's.
 */
const FORCED_COLOURS_STYLE = '<style>@media (forced-colors: active) {'
  + ' svg { --canvas: Canvas; --text: CanvasText; --mark: Highlight; }'
  + ' .bg, .box, .label { fill: var(--canvas); } .label { fill-opacity: 1; }'
  + ' .box { stroke: var(--text); } .decision > .box, .start > .box { stroke: var(--mark); }'
  + ' text { fill: var(--text); } polyline, .mark { stroke: var(--text); } marker path { fill: var(--text); }'
  + ' }</style>';

/** The variables of the drawing's forced-colours style, and the system colour each stands for (see FORCED_COLOURS_STYLE). */
export const FORCED_COLOUR_VARIABLES = { '--canvas': 'Canvas', '--text': 'CanvasText', '--mark': 'Highlight' } as const;

/** The laid-out graph as a standalone SVG file (no script, no external reference, styles as attributes, and a style for forced colours). */
export function toSvg(scenario: Scenario): string {
  const g = layoutScenario(scenario);
  const font = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"';
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${g.width}" height="${g.height}" viewBox="0 0 ${g.width} ${g.height}" role="img" aria-labelledby="graph-title">`,
    `<title id="graph-title">${xml(`Graph of the scenario “${cleanText(scenario.title)}” (${scenario.id}): ${g.nodes.length} nodes, ${g.edges.length} arrows${unreachableWords(g)}`)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#333"/></marker></defs>',
    FORCED_COLOURS_STYLE,
    `<rect class="bg" width="${g.width}" height="${g.height}" fill="#ffffff"/>`,
  ];
  for (const e of g.edges) {
    out.push(`<g class="arrow"><title>${xml(`${e.from} → ${e.to}${e.label ? `: ${e.label}` : ''}`)}</title>`
      + `<polyline points="${e.points.map((p) => `${n2(p.x)},${n2(p.y)}`).join(' ')}" fill="none" stroke="#333" stroke-width="1.5"${e.back ? ' stroke-dasharray="6 4"' : ''} marker-end="url(#arrow)"/>`
      + (e.labelLines.length > 0 ? svgLabel(e, font) : '')
      + '</g>');
  }
  for (const n of g.nodes) {
    const { fill, stroke } = colourOf(n);
    const rx = n.kind === 'ending' ? 18 : n.kind === 'scene' ? 6 : 0;
    out.push(`<g class="node ${n.kind}${n.start ? ' start' : ''}"><title>${xml(`${n.heading}: ${n.title}`)}</title>`
      // A node no playthrough reaches: dashed, and thick enough for the dashes to show ("Unreachable" heads its text).
      + `<rect class="box" x="${n2(n.x)}" y="${n2(n.y)}" width="${n.width}" height="${n.height}" rx="${rx}" fill="${fill}" stroke="${stroke}" stroke-width="${n.kind === 'decision' || n.start || !n.reachable ? 2.5 : 1.5}"${n.reachable ? '' : ' stroke-dasharray="8 5"'}/>`
      + n.headingLines.map((line, i) => `<text x="${n2(n.x + NODE.padding)}" y="${n2(n.y + NODE.padding + 12 + NODE.lineHeight * i)}" font-size="11" font-weight="bold" ${font} fill="#111">${xml(line)}</text>`).join('')
      + n.lines.map((line, i) => `<text x="${n2(n.x + NODE.padding)}" y="${n2(n.y + NODE.padding + 12 + NODE.lineHeight * (n.headingLines.length + i))}" font-size="12" ${font} fill="#111">${xml(line)}</text>`).join('')
      + '</g>');
  }
  // The labels with no place in the picture whole, numbered as their arrows are.
  for (const note of g.notes) {
    out.push(`<g class="note">${note.lines.map((line, i) => `<text x="${n2(note.x)}" y="${n2(note.y + NOTE_LINE * i)}" font-size="11" ${font} fill="#111">${xml(line)}</text>`).join('')}</g>`);
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** Where the text of a node starts, for a UI drawing the layout itself: the first heading line's baseline, then one line each (headingLines, then lines). */
export const NODE_TEXT = { padding: NODE.padding, lineHeight: NODE.lineHeight, firstBaseline: NODE.padding + 12 } as const;
