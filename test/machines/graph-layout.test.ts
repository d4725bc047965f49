import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LABEL_LINES, labelLinesOf, NOTE_MARK, textWidth, toSvg, wrapWords } from '../../src/machines/graph-layout.js';
import { edgesOf } from '../../src/machines/graph-model.js';
import { DRAWING_LIMITS, drawingSize, GraphTooLarge, layoutScenario, outlineScenario, type GraphLayout, type GraphOutline, type Scenario } from '../../src/machines/index.js';
import { withLongArrows, withUnreachable } from '../../bench/generate.js';
import { BUNDLED_IDS, bundledScenario } from '../helpers/bundled.js';
import { loadValidFixture } from '../helpers/fixtures.js';

type Box = { x: number; y: number; width: number; height: number };
type Point = { x: number; y: number };
/** Where the stretches a0–a1 and b0–b1 cross, if they do. */
function crossing(a0: Point, a1: Point, b0: Point, b1: Point): Point | undefined {
  const d = (a1.x - a0.x) * (b1.y - b0.y) - (a1.y - a0.y) * (b1.x - b0.x);
  if (d === 0) return undefined;
  const t = ((b0.x - a0.x) * (b1.y - b0.y) - (b0.y - a0.y) * (b1.x - b0.x)) / d;
  const u = ((b0.x - a0.x) * (a1.y - a0.y) - (b0.y - a0.y) * (a1.x - a0.x)) / d;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? { x: a0.x + (a1.x - a0.x) * t, y: a0.y + (a1.y - a0.y) * t } : undefined;
}
const inside = (p: { x: number; y: number }, b: Box) => p.x > b.x && p.x < b.x + b.width && p.y > b.y && p.y < b.y + b.height;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
/** A label's box as drawn (11 px text as textWidth measures it, 4 px each side, 14 px a line); for a label written as a note, its number's box. */
const labelBox = (e: GraphLayout['edges'][number]): Box => {
  if (e.note !== undefined) return { x: e.labelAt.x - NOTE_MARK.width / 2, y: e.labelAt.y - NOTE_MARK.height / 2, width: NOTE_MARK.width, height: NOTE_MARK.height };
  const width = Math.max(...e.labelLines.map((l) => textWidth(l, 11))) + 8;
  const height = 14 * e.labelLines.length;
  return { x: e.labelAt.x - width / 2, y: e.labelAt.y - height / 2, width, height };
};

/** The stretch of an arrow its label sits on: the one across the label's height (the first, or the one after a drop to its row's bottom). */
function ownStretch(e: GraphLayout['edges'][number]): [Point, Point] {
  const i = e.points.findIndex((p, k) => k > 0 && (e.points[k - 1] as Point).y <= e.labelAt.y && p.y >= e.labelAt.y);
  return [e.points[Math.max(0, i - 1)], e.points[Math.max(1, i)]] as [Point, Point];
}

/**
 * Each label's box hides no stretch of another arrow (it would cut that arrow in two), except where
 * that arrow crosses the label's own under it (no place was free; the label marks the crossing).
 */
function hiddenArrows(g: GraphLayout): string[] {
  const labelled = g.edges.filter((e) => e.shortLabel && !e.back);
  const hidden: string[] = [];
  for (const e of labelled) {
    const b = labelBox(e);
    const strictlyIn = (x: number, y: number) => x > b.x && x < b.x + b.width && y > b.y && y < b.y + b.height;
    const [p0, p1] = ownStretch(e);
    for (const o of g.edges) {
      if (o === e) continue;
      for (let i = 1; i < o.points.length; i++) {
        const [q0, q1] = [o.points[i - 1], o.points[i]] as [Point, Point];
        let under = false;
        for (let t = 0; t <= 1 && !under; t += 1 / 256) under = strictlyIn(q0.x + (q1.x - q0.x) * t, q0.y + (q1.y - q0.y) * t);
        if (!under) continue;
        const cross = crossing(p0, p1, q0, q1);
        if (!cross || !strictlyIn(cross.x, cross.y)) hidden.push(`the label of ${e.from} → ${e.to} hides ${o.from} → ${o.to}`);
      }
    }
  }
  return hidden;
}

/** Everything the layout promises, checked on one scenario. */
function expectSoundLayout(s: Scenario) {
  const g = layoutScenario(s);
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  // Every node once, inside the drawing, none overlapping another.
  expect(g.nodes.map((n) => n.id)).toEqual(s.nodes.map((n) => n.id));
  for (const n of g.nodes) {
    expect(n.x).toBeGreaterThanOrEqual(0);
    expect(n.y).toBeGreaterThanOrEqual(0);
    expect(n.x + n.width).toBeLessThanOrEqual(g.width);
    expect(n.y + n.height).toBeLessThanOrEqual(g.height);
  }
  const problems: string[] = [];
  for (const [i, a] of g.nodes.entries()) for (const b of g.nodes.slice(i + 1)) if (overlap(a, b)) problems.push(`${a.id} and ${b.id} overlap`);

  // Every arrow of the scenario, once per pair of nodes, with every label between them.
  const expected = new Map<string, string[]>();
  for (const e of edgesOf(s)) expected.set(`${e.from} → ${e.to}`, [...(expected.get(`${e.from} → ${e.to}`) ?? []), e.label]);
  expect(new Map(g.edges.map((e) => [`${e.from} → ${e.to}`, e.label]))).toEqual(new Map([...expected].map(([k, labels]) => [k, labels.filter(Boolean).join('; ')])));

  // Layers: the start on top, every other node one below the lowest node with an arrow down to it.
  // (A node no playthrough reaches is drawn just above the node it leads to: below those leading to
  // it, and, leading into the start, above the start.)
  const unreached = g.nodes.some((n) => !n.reachable);
  if (!unreached) expect(byId.get(s.start)?.layer).toBe(0);
  for (const n of g.nodes) {
    const above = g.edges.filter((e) => e.to === n.id && !e.back).map((e) => byId.get(e.from)?.layer ?? NaN);
    const under = above.length === 0 ? 0 : Math.max(...above) + 1;
    if (unreached) expect(n.layer, n.id).toBeGreaterThanOrEqual(under);
    else expect(n.layer, n.id).toBe(under);
  }
  for (const e of g.edges) {
    const from = byId.get(e.from) as (typeof g.nodes)[number];
    const to = byId.get(e.to) as (typeof g.nodes)[number];
    expect(e.back).toBe(to.layer <= from.layer);
    // An arrow back up a loop: through no node either, and its label (if any) a note under the picture.
    if (e.back) {
      for (let i = 1; i < e.points.length; i++) {
        const [p, q] = [e.points[i - 1], e.points[i]] as [Point, Point];
        for (let t = 0; t <= 1; t += 1 / 64) {
          const at = { x: p.x + (q.x - p.x) * t, y: p.y + (q.y - p.y) * t };
          for (const n of g.nodes) if (inside(at, n)) problems.push(`${e.from} → ${e.to} (back) crosses ${n.id}`);
        }
      }
      if (e.labelLines.length > 0 && e.note === undefined) problems.push(`the label of ${e.from} → ${e.to} (back) is not a note`);
      continue;
    }
    // Down from the bottom of one node to the top of the other, never up, never through a third node.
    const first = e.points[0] as { x: number; y: number };
    const last = e.points.at(-1) as { x: number; y: number };
    expect(first.y).toBe(from.y + from.height);
    expect(first.x).toBeGreaterThan(from.x);
    expect(first.x).toBeLessThan(from.x + from.width);
    expect(last.y).toBe(to.y);
    expect(last.x).toBeGreaterThan(to.x);
    expect(last.x).toBeLessThan(to.x + to.width);
    for (let i = 1; i < e.points.length; i++) {
      const [p, q] = [e.points[i - 1], e.points[i]] as [{ x: number; y: number }, { x: number; y: number }];
      if (q.y < p.y) problems.push(`${e.from} → ${e.to} goes up`);
      for (let t = 0; t <= 1; t += 1 / 64) {
        const at = { x: p.x + (q.x - p.x) * t, y: p.y + (q.y - p.y) * t };
        for (const n of g.nodes) if (inside(at, n)) problems.push(`${e.from} → ${e.to} crosses ${n.id}`);
      }
    }
  }
  // Every label in the gap below its row: over no node, and clear of the arrowheads at the bottom
  // (8 px) by 4 px at least.
  const rowBottom = new Map<number, number>();
  const rowTop = new Map<number, number>();
  for (const n of g.nodes) {
    rowBottom.set(n.layer, Math.max(rowBottom.get(n.layer) ?? 0, n.y + n.height));
    rowTop.set(n.layer, n.y);
  }
  for (const e of g.edges) {
    if (e.labelLines.length === 0) continue;
    const box = labelBox(e);
    for (const n of g.nodes) if (overlap(box, n)) problems.push(`the label of ${e.from} → ${e.to} covers ${n.id}`);
    if (e.back) continue;
    const layer = byId.get(e.from)?.layer ?? 0;
    if (box.y < (rowBottom.get(layer) ?? 0) || box.y + box.height > (rowTop.get(layer + 1) ?? Infinity) - 12) problems.push(`the label of ${e.from} → ${e.to} is out of its gap`);
  }
  // Every arrow and every label inside the picture (past its edge, they are cut off).
  for (const e of g.edges) {
    for (const p of e.points) if (p.x < 0 || p.x > g.width || p.y < 0 || p.y > g.height) problems.push(`${e.from} → ${e.to} runs out of the picture`);
    if (e.labelLines.length === 0) continue;
    const box = labelBox(e);
    if (box.x < 0 || box.x + box.width > g.width || box.y < 0 || box.y + box.height > g.height) problems.push(`the label of ${e.from} → ${e.to} is cut off by the edge of the picture`);
  }
  // Every note under the picture: numbered as the arrows carrying its number, holding their whole
  // label, every line inside the picture.
  expect(g.notes.map((n) => n.number)).toEqual(g.notes.map((_, i) => i + 1));
  for (const n of g.notes) {
    const e = g.edges.find((x) => x.note === n.number);
    // (Every character in order: a long id is broken where it must be.)
    expect(n.lines.join('').replace(/\s+/g, '')).toBe(`${n.number} · ${e?.from} → ${e?.to}: ${e?.label}`.replace(/\s+/g, ''));
    n.lines.forEach((line, i) => {
      if (n.x + textWidth(line, 11) > g.width || n.y + 14 * i + 4 > g.height) problems.push(`note ${n.number} is cut off by the edge of the picture`);
    });
    for (const other of g.nodes) if (n.y - 11 < other.y + other.height) problems.push(`note ${n.number} is over ${other.id}`);
  }
  expect(g.edges.filter((e) => e.note !== undefined)).toHaveLength(g.notes.length);
  expect([...new Set(problems)]).toEqual([]);
  return g;
}

describe('the scenario graph laid out for drawing (graph --format svg, the web preview)', () => {
  it.each(BUNDLED_IDS)('%s: every node once and apart, every arrow with its labels, layered from the start, arrows down and around the nodes, labels apart', (id) => {
    const g = expectSoundLayout(bundledScenario(id));
    // Labels between the same two layers never cover each other.
    const layerOf = new Map(g.nodes.map((n) => [n.id, n.layer]));
    const labelled = g.edges.filter((e) => e.shortLabel && !e.back);
    const covered: string[] = [];
    for (const [i, a] of labelled.entries()) for (const b of labelled.slice(i + 1)) {
      if (layerOf.get(a.from) === layerOf.get(b.from) && overlap(labelBox(a), labelBox(b))) covered.push(`labels of ${a.from} → ${a.to} and ${b.from} → ${b.to}`);
    }
    expect(covered).toEqual([]);
    expect(hiddenArrows(g)).toEqual([]);
    // A label set beside its arrow (where no place on it was free) has no other arrow between them.
    const between: string[] = [];
    for (const e of labelled) {
      const [p0, p1] = ownStretch(e);
      const y = e.labelAt.y;
      const own = p0.x + ((p1.x - p0.x) * (y - p0.y)) / (p1.y - p0.y);
      const b = labelBox(e);
      if (own >= b.x && own <= b.x + b.width) continue;
      const near = own < b.x ? b.x : b.x + b.width;
      for (const o of g.edges) {
        if (o === e) continue;
        for (let i = 1; i < o.points.length; i++) {
          const cross = crossing({ x: own, y }, { x: near, y }, o.points[i - 1] as Point, o.points[i] as Point);
          if (cross && Math.abs(cross.x - own) > 0.5) between.push(`${o.from} → ${o.to} passes between ${e.from} → ${e.to} and its label`);
        }
      }
    }
    expect(between).toEqual([]);
  });

  it('the same scenario gives the same drawing', () => {
    const s = bundledScenario(BUNDLED_IDS[0] as string);
    expect(toSvg(s)).toBe(toSvg(structuredClone(s)));
  });

  it('an arrow back up (a loop, only in a file the validator refuses) is drawn up the side, and the rest stays layered', () => {
    const s = loadValidFixture('good/example.json');
    const ending = s.nodes.findIndex((n) => n.kind === 'ending');
    const looped = { ...s, nodes: s.nodes.map((n, i) => (i === ending ? { id: n.id, kind: 'scene', narration: 'Round again.', next: s.start } : n)) } as Scenario;
    const g = expectSoundLayout(looped);
    const back = g.edges.filter((e) => e.back);
    expect(back.map((e) => `${e.from} → ${e.to}`)).toEqual([`${s.nodes[ending]?.id} → ${s.start}`]);
    // Up a lane right of every node (drawn up the side of its two nodes, it ran through the nodes
    // beside them), from below its node's row to above the row it returns to, between rows.
    const right = Math.max(...g.nodes.map((n) => n.x + n.width));
    const lane = back[0]?.points.slice(2, 4) ?? [];
    expect(lane).toHaveLength(2);
    for (const p of lane) expect(p.x).toBeGreaterThan(right);
    // Its lane passes every row between, and counts toward the drawing's limits as the points of an arrow down do.
    const rows = (g.nodes.find((n) => n.id === back[0]?.from)?.layer ?? NaN) + 1;
    expect(drawingSize(looped).passPoints).toBe(drawingSize(s).passPoints + rows);
  });

  // A loop among nodes no playthrough reaches is only a warning, so a valid file draws it: its
  // arrow back up ran through the nodes beside it, and its label, centred on the side, over them
  // and off the picture's right edge.
  it('a loop in a valid file (among nodes no playthrough reaches): its arrow crosses no node, and its label is a numbered note under the picture', () => {
    const s = loadValidFixture('good/example.json');
    const end = s.nodes.find((n) => n.kind === 'ending')!;
    const template = (s.nodes.find((n) => n.kind === 'decision') as Extract<Scenario['nodes'][number], { kind: 'decision' }>).replies[0]!;
    const looped = { ...s, nodes: [...s.nodes,
      { id: 'u-ask', kind: 'decision', title: 'Asked again', prompt: 'What now?', replies: [{ ...template, id: 'u-ask-again-and-again', next: 'u-wait' }, { ...template, id: 'u-leave', next: end.id }] },
      { id: 'u-wait', kind: 'scene', narration: 'She waits.', next: 'u-more' },
      { id: 'u-more', kind: 'decision', title: 'Still waiting', prompt: 'And now?', replies: [{ ...template, id: 'u-back-to-the-first-question', next: 'u-ask' }, { ...template, id: 'u-end', next: end.id }] },
    ] } as unknown as Scenario;
    const g = expectSoundLayout(looped);
    const back = g.edges.filter((e) => e.back);
    expect(back.map((e) => [`${e.from} → ${e.to}`, e.note])).toEqual([['u-more → u-ask', 1]]);
    expect(g.notes).toHaveLength(1);
    expect(g.notes[0]?.lines.join(' ')).toBe('1 · u-more → u-ask: u-back-to-the-first-question (+2)');
    // The SVG draws the number on the arrow and the note under the picture, inside it.
    const svg = toSvg(looped);
    expect(svg).toContain('font-weight="bold" font-family');
    expect(svg).toMatch(/<g class="note"><text [^>]*>1 · u-more → u-ask: u-back-to-the-first-question \(\+2\)<\/text><\/g>/);
    expect(svg).not.toMatch(/>u-back-to-the-first-question \(\+2\)</);
  });

  it('an arrow to a node that does not exist is left out, not drawn to nowhere', () => {
    const s = loadValidFixture('good/example.json');
    const broken = { ...s, nodes: s.nodes.map((n) => (n.id === s.start && n.kind !== 'ending' && n.kind === 'scene' ? { ...n, next: 'nowhere' } : n.id === s.start && n.kind === 'decision' ? { ...n, replies: n.replies.map((r, i) => (i === 0 ? { ...r, next: 'nowhere' } : r)) } : n)) } as Scenario;
    const g = layoutScenario(broken);
    expect(g.edges.some((e) => e.to === 'nowhere')).toBe(false);
    expect(g.nodes).toHaveLength(s.nodes.length);
  });
});

describe('an arrow\'s label as drawn', () => {
  it('each reply on a line of its own, never cut inside its points; what does not fit counted as "+N more"', () => {
    expect(labelLinesOf(['d1-strengths (+2)', 'd1-weed (−2)', 'd1-search (−3)'])).toEqual(['d1-strengths (+2)', 'd1-weed (−2)', 'd1-search (−3)']);
    expect(labelLinesOf(['r1 (+2)', 'r2 (−2)', 'r3 (−3)', 'r4 (+1)'])).toEqual(['r1 (+2)', 'r2 (−2)', '+2 more']);
    // Counted as every count is written ("1,234", the core's countWords), not "+1234 more".
    expect(labelLinesOf(Array.from({ length: 1236 }, (_, i) => `r${i + 1} (+1)`))).toEqual(['r1 (+1)', 'r2 (+1)', '+1,234 more']);
    expect(labelLinesOf([`a-very-long-reply-id (+2) if ${Array.from({ length: 40 }, (_, i) => `v${i} ≥ 60`).join(' and ')}`, ...Array.from({ length: 1234 }, (_, i) => `r${i + 2} (+1)`)]).at(-1)).toBe('+1,234 more');
    // A condition too long for one line wraps onto the next, whole.
    expect(labelLinesOf(['d2-review (+2) if trust ≥ 60 and critical violations = 0 and score ≥ 50%'])).toEqual(['d2-review (+2) if trust ≥ 60', 'and critical violations = 0', 'and score ≥ 50%']);
    // …and a comparison is never broken across two lines.
    expect(labelLinesOf(['phone-curious (+2) if trust ≥ 60 and score ≥ 50%'])).toEqual(['phone-curious (+2) if', 'trust ≥ 60 and score ≥ 50%']);
    // "score ≥ 50%" stays whole too where a line would otherwise end at its "≥" (it did, before).
    expect(labelLinesOf(['d2-honest (+3) if critical violations = 0 and the score ≥ 50%'])).toEqual(['d2-honest (+3) if critical', 'violations = 0 and the', 'score ≥ 50%']);
    expect(labelLinesOf(['a-very-long-reply-id (+2) if trust ≥ 60 and score ≥ 50% and critical violations = 0', 'r2 (+1)'])).toEqual(['a-very-long-reply-id (+2) if', 'trust ≥ 60 and score ≥ 50% an…', '+1 more']);
    fc.assert(fc.property(fc.array(fc.string({ minLength: 0, maxLength: 120 }).map((w) => w.replace(/\s+/g, ' ').trim()), { maxLength: 6 }), (labels) => {
      const lines = labelLinesOf(labels);
      expect(lines.length).toBeLessThanOrEqual(LABEL_LINES);
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(30);
      const parts = labels.filter(Boolean);
      const more = /^\+(\d+) more$/.exec(lines.at(-1) ?? '');
      if (!more) expect(lines.join(' ').replace(/…$/, '')).toBe(parts.join(' ').slice(0, lines.join(' ').replace(/…$/, '').length));
      else expect(Number(more[1])).toBeGreaterThan(0);
    }), { numRuns: 300, seed: 7 });
  });

  it('a row whose labels cannot be placed apart gets a taller gap, so they can', () => {
    const s = loadValidFixture('good/example.json');
    // Each reply of the first decision goes to two of the nodes below, one way on a condition: three
    // arrows out of it, each labelled with two replies, one of them wrapped: labels of three lines.
    const below = ['boyfriend-open', 'boyfriend-guarded', 'after-visit'];
    const crowded = { ...s, nodes: s.nodes.map((n) => (n.id !== s.start || n.kind !== 'decision' ? n : {
      ...n, replies: n.replies.map((r, i) => ({ ...r, next: [{ when: [{ var: 'trust', gte: 60 }, { conduct: 'score', gte: 50 }], to: below[i % 3] }, { to: below[(i + 1) % 3] }] })),
    })) } as Scenario;
    expect(crowded.nodes.filter((n) => below.includes(n.id))).toHaveLength(3);
    const g = expectSoundLayout(crowded);
    const labelled = g.edges.filter((e) => e.from === s.start && e.labelLines.length > 0);
    expect(labelled.some((e) => e.labelLines.length === LABEL_LINES)).toBe(true);
    const covered: string[] = [];
    for (const [i, a] of labelled.entries()) for (const b of labelled.slice(i + 1)) if (overlap(labelBox(a), labelBox(b))) covered.push(`${a.to} and ${b.to}`);
    expect(covered).toEqual([]);
  });
  it('two decisions whose replies all lead to the same two scenes (arrows that cross) get room across, so no label hides another arrow', () => {
    // The shape of saturday-shoots (d3-open, d3-guarded → s3-party, s3-saturday), which a trainer's
    // scenario can have too: the crossing arrows left no place on either clear of the others, however
    // tall the gap grew, and two labels were drawn over the straight arrows beside them.
    const s = loadValidFixture('good/example.json');
    const template = (s.nodes.find((n) => n.kind === 'decision') as Extract<Scenario['nodes'][number], { kind: 'decision' }>).replies[0]!;
    const ending = s.nodes.find((n) => n.kind === 'ending')!;
    const decision = (id: string, words: string[]) => ({
      id, kind: 'decision', title: id, prompt: 'What do you say?',
      replies: words.map((w) => ({ ...template, id: `${id}-${w}`, next: [{ when: { var: 'trust', gte: 60 }, to: 'the-party' }, { to: 'the-saturday' }] })),
    });
    const crossing = { ...s, start: 'kitchen', nodes: [
      { id: 'kitchen', kind: 'scene', title: 'The kitchen', narration: 'Coffee.', next: 'first' },
      { id: 'first', kind: 'decision', title: 'First', prompt: 'What do you say?', replies: [{ ...template, id: 'first-ask', next: 'talk-open' }, { ...template, id: 'first-wait', next: 'talk-guarded' }] },
      decision('talk-open', ['aunt', 'glad', 'warn', 'secret']),
      decision('talk-guarded', ['sister', 'lecture', 'promise']),
      { id: 'the-party', kind: 'scene', title: 'The party', narration: 'Saturday night.', next: ending.id },
      { id: 'the-saturday', kind: 'scene', title: 'Saturday', narration: 'Saturday.', next: ending.id },
      ending,
    ] } as unknown as Scenario;
    const g = expectSoundLayout(crossing);
    const layerOf = new Map(g.nodes.map((n) => [n.id, n.layer]));
    expect(layerOf.get('talk-open')).toBe(layerOf.get('talk-guarded'));
    expect(layerOf.get('the-party')).toBe(layerOf.get('the-saturday'));
    expect(layerOf.get('the-party')).toBe((layerOf.get('talk-open') ?? NaN) + 1);
    const crossed = g.edges.filter((e) => e.from.startsWith('talk-'));
    expect(crossed).toHaveLength(4);
    expect(hiddenArrows(g)).toEqual([]);
    // Every label still on or just beside its own arrow, in the gaps laid before the rows moved too.
    for (const e of g.edges.filter((l) => l.labelLines.length > 0 && !l.back)) {
      const [p0, p1] = ownStretch(e);
      const own = p0.x + ((p1.x - p0.x) * (e.labelAt.y - p0.y)) / (p1.y - p0.y);
      const b = labelBox(e);
      expect(own, `${e.from} → ${e.to}`).toBeGreaterThanOrEqual(b.x - 6);
      expect(own, `${e.from} → ${e.to}`).toBeLessThanOrEqual(b.x + b.width + 6);
    }
    // The same scenario gives the same drawing (the rows spread are spread alike every time).
    expect(toSvg(crossing)).toBe(toSvg(structuredClone(crossing)));
  });
  it('three scenes side by side each leading on the same long condition to the same two nodes: a label with no free place left becomes a numbered note, hiding no arrow', () => {
    // The shape of left-placement-calls v37 (s7-no-plan, s7-no-promise, s7-card → s7-walks-off on
    // "trust ≤ 25 and not pickedup and not sentride", else d8-why), kept as a fixture so a later edit
    // of the scenario does not take the case away: the arrows cross below the middle scene however
    // tall and wide the gap grew, and its two-line label was drawn over the start of its neighbour
    // arrow. As a note, its number sits in a small box where one is free.
    const shape = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'graph', 'left-placement-calls-v37.json'), 'utf8')) as Scenario;
    const g = expectSoundLayout(shape);
    expect(hiddenArrows(g)).toEqual([]);
    const noted = g.edges.filter((e) => !e.back && e.note !== undefined);
    expect(noted.map((e) => `${e.from} → ${e.to}`)).toContain('s7-no-promise → s7-walks-off');
    expect(g.notes.some((n) => n.lines.join(' ').includes('s7-no-promise → s7-walks-off: if trust ≤ 25'))).toBe(true);
  });
  it('a label that can only sit where another arrow crosses its own marks the crossing there, and its gap is no taller for it', () => {
    // The shape of youth-discloses (s5-weekend-unsaid and d6-weekend both leading to s6-call-planned
    // and s6-call-routine): a scene and a decision side by side, each leading to the same two scenes,
    // their arrows crossing. The decision's label of three lines finds no place on its arrow clear of
    // the scene's crossing arrow; it marks the crossing. Counting that crossing as a conflict made
    // the gap grow four times (84 to 196 px in youth-discloses) for no better place.
    const s = loadValidFixture('good/example.json');
    const template = (s.nodes.find((n) => n.kind === 'decision') as Extract<Scenario['nodes'][number], { kind: 'decision' }>).replies[0]!;
    const ending = s.nodes.find((n) => n.kind === 'ending')!;
    const toBoth = [{ when: { var: 'told', is: true }, to: 'the-party' }, { to: 'the-saturday' }];
    const scenario = { ...s, start: 'kitchen', variables: [...(s.variables ?? []), { id: 'told', label: 'You told your supervisor', type: 'flag', start: false }], nodes: [
      { id: 'kitchen', kind: 'scene', title: 'The kitchen', narration: 'Coffee.', next: 'first' },
      { id: 'first', kind: 'decision', title: 'First', prompt: 'What do you say?', replies: [
        { ...template, id: 'first-ask', next: 'weekend-unsaid' }, { ...template, id: 'first-wait', next: 'weekend' }, { ...template, id: 'first-leave', next: 'later' },
      ] },
      // Beside the two, so a label of the decision's straight arrow has room beside it on the right.
      { id: 'later', kind: 'scene', title: 'Later', narration: 'Later.', next: ending.id },
      { id: 'weekend-unsaid', kind: 'scene', title: 'Nothing said', narration: 'The weekend comes.', next: toBoth },
      { id: 'weekend', kind: 'decision', title: 'The weekend', prompt: 'What do you say?', replies: ['forbid', 'whatever', 'plan', 'ask'].map((w) => ({ ...template, id: `d-${w}`, next: toBoth })) },
      { id: 'the-party', kind: 'scene', title: 'The party', narration: 'Saturday night.', next: ending.id },
      { id: 'the-saturday', kind: 'scene', title: 'Saturday', narration: 'Saturday.', next: ending.id },
      ending,
    ] } as unknown as Scenario;
    const g = expectSoundLayout(scenario);
    expect(hiddenArrows(g)).toEqual([]);
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    const row = (id: string) => byId.get(id)!;
    expect(row('weekend').layer).toBe(row('weekend-unsaid').layer);
    expect(row('the-party').layer).toBe(row('weekend').layer + 1);
    // Some label of the decision marks where a scene's arrow crosses its own, under it.
    const marks = g.edges.filter((e) => e.from === 'weekend').filter((e) => {
      const b = labelBox(e);
      return g.edges.filter((o) => o.from === 'weekend-unsaid').some((o) => {
        const met = crossing(e.points[0] as Point, e.points[1] as Point, o.points[0] as Point, o.points[1] as Point);
        return met !== undefined && inside(met, b);
      });
    });
    expect(marks.map((e) => `${e.from} → ${e.to}`)).toEqual(['weekend → the-party']);
    expect(g.edges.find((e) => e.from === 'weekend' && e.to === 'the-party')?.labelLines).toHaveLength(LABEL_LINES);
    // The gap below the two is no taller than the gap above them, where nothing is crowded.
    const gapBelow = row('the-party').y - (row('weekend').y + Math.max(row('weekend').height, row('weekend-unsaid').height));
    const gapAbove = row('weekend').y - (row('first').y + row('first').height);
    expect(gapBelow).toBe(gapAbove);
  });
});

describe('the picture\'s edges', () => {
  const s = loadValidFixture('good/example.json');
  const template = (s.nodes.find((n) => n.kind === 'decision') as Extract<Scenario['nodes'][number], { kind: 'decision' }>).replies[0]!;
  const ending = s.nodes.find((n) => n.kind === 'ending')!;
  const scenarioOf = (nodes: unknown[]) => ({ ...s, start: 'call', nodes: [...nodes, ending] }) as unknown as Scenario;

  it('a reply that skips the next row (straight to an ending) runs inside the picture, round the side of the row it passes', () => {
    // The arrow passes the row between through a point laid right of that row's nodes, and the
    // picture was as wide as its nodes only: the arrow ran off its right edge.
    const g = expectSoundLayout(scenarioOf([
      { id: 'call', kind: 'decision', title: 'The call', prompt: 'What do you say?', replies: [
        { ...template, id: 'call-ask', next: [{ when: { var: 'trust', gte: 60 }, to: 'open' }, { to: ending.id }] },
        { ...template, id: 'call-wait', next: [{ when: { var: 'trust', gte: 60 }, to: 'guarded' }, { to: ending.id }] },
        { ...template, id: 'call-promise', next: 'open' },
        { ...template, id: 'call-lecture', next: 'guarded' },
      ] },
      { id: 'open', kind: 'scene', title: 'She talks', narration: 'She talks.', next: ending.id },
      { id: 'guarded', kind: 'scene', title: 'She goes quiet', narration: 'She goes quiet.', next: ending.id },
    ]));
    const skipping = g.edges.find((e) => e.from === 'call' && e.to === ending.id)!;
    expect(skipping.points.length).toBeGreaterThan(2);
  });

  it('a long label on an arrow near the side of the picture is set where it fits, not cut off', () => {
    // The label of the arrow to the ending (it skips the scene's row, close to the picture's right
    // edge) was set on its arrow at the first free place, past that edge.
    const withReply = (id: string) => scenarioOf([
      { id: 'call', kind: 'decision', title: 'The call', prompt: 'What do you say?', replies: [
        { ...template, id: 'call-hang-up-and-call-back-later', next: 'callback' },
        { ...template, id, next: ending.id },
      ] },
      { id: 'callback', kind: 'scene', title: 'Later', narration: 'You call back.', next: [{ when: { var: 'trust', gte: 60 }, to: ending.id }, { to: ending.id }] },
    ]);
    const g = expectSoundLayout(withReply('call-tell-her-you-are-coming'));
    const label = labelBox(g.edges.find((e) => e.from === 'call' && e.to === ending.id)!);
    expect(g.edges.find((e) => e.from === 'call' && e.to === ending.id)?.labelLines[0]).toBe('call-tell-her-you-are-coming');
    // …inside the margin round the nodes and arrows, not by making the picture wider for it.
    const margin = Math.min(...g.nodes.map((n) => n.x));
    const right = Math.max(...g.nodes.map((n) => n.x + n.width), ...g.edges.flatMap((e) => e.points.map((p) => p.x)));
    expect(label.x + label.width).toBeLessThanOrEqual(right + margin);
  });
});

describe('the layout of random shapes', () => {
  const base = loadValidFixture('good/example.json');
  const template = (base.nodes.find((n) => n.kind === 'decision') as Extract<Scenario['nodes'][number], { kind: 'decision' }>).replies[0]!;
  /**
   * A scenario of `kinds.length` nodes (0 a scene, else a decision whose reply ids are longer the
   * higher its kind) and an ending: arrows forward to `targets` (any other number, the ending),
   * `back` arrows up (loops, a node to itself too), ids of random lengths and wide letters. Nodes the start does not reach
   * and loops among them are what a valid file can hold (warnings); loops through the start, only
   * a refused one: the layout keeps its promises for both.
   */
  const shape = ({ kinds, targets, back, ids }: { kinds: number[]; targets: number[][]; back: [number, number][]; ids: number[] }) => {
    const n = kinds.length;
    const id = (i: number) => (i >= n ? 'end' : `n${i}-${'mw'.repeat(ids[i] ?? 0)}`);
    const nodes: unknown[] = kinds.map((kind, i) => {
      const outs = [...new Set((targets[i] ?? []).map((t) => (t > i ? t : n)))];
      for (const [from, to] of back) if (from === i) outs.push(to);
      if (outs.length === 0) outs.push(n);
      if (kind === 0) return { id: id(i), kind: 'scene', narration: `Scene ${i}`, next: outs.length === 1 ? id(outs[0] as number) : outs.map((t, j) => (j < outs.length - 1 ? { when: { var: 'trust', gte: 10 * j }, to: id(t) } : { to: id(t) })) };
      return { id: id(i), kind: 'decision', title: `Decision ${i}`, prompt: 'What now?', replies: outs.map((t, j) => ({ ...template, id: `r${i}-${j}${'-wide-reply'.repeat(kind - 1)}`, next: id(t) })) };
    });
    nodes.push({ id: 'end', kind: 'ending', ending: 'strong', title: 'The end', text: 'End.' });
    return { ...base, start: id(0), nodes } as unknown as Scenario;
  };
  const shapes = fc.integer({ min: 2, max: 8 }).chain((n) => fc.record({
    kinds: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
    targets: fc.array(fc.array(fc.integer({ min: 0, max: n }), { maxLength: 4 }), { minLength: n, maxLength: n }),
    back: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })).filter(([a, b]) => b <= a), { maxLength: 2 }),
    ids: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n, maxLength: n }),
  }));

  // Found with these shapes: an arrow back up a loop ran through the nodes beside its two, its label
  // was cut at the picture's right edge, and an arrow from a node shorter than its row ran through
  // the lower part of a taller node beside it.
  it('every node apart and inside, no arrow through a node, no label over a node or cut off: the ones with no place are notes', () => {
    fc.assert(fc.property(shapes, (spec) => {
      expectSoundLayout(shape(spec));
    }), { numRuns: 40, seed: 7 });
  });
});

describe('a label with no place in the picture', () => {
  // A reply id of wide letters in a picture one node wide: its label is wider than the picture, so no
  // place within its sides holds it; set on its arrow, it ran off both edges and was cut.
  it('is written whole as a numbered note under the picture, its number on its arrow, nothing cut', () => {
    const s = loadValidFixture('good/example.json');
    const template = (s.nodes.find((n) => n.kind === 'decision') as Extract<Scenario['nodes'][number], { kind: 'decision' }>).replies[0]!;
    const ending = s.nodes.find((n) => n.kind === 'ending')!;
    const wide = `wm-${'mw'.repeat(20)}`;
    const narrow = { ...s, start: 'call', nodes: [
      { id: 'call', kind: 'decision', title: 'The call', prompt: 'What do you say?', replies: [{ ...template, id: wide, next: 'later' }, { ...template, id: 'call-b', next: 'later' }] },
      { id: 'later', kind: 'scene', title: 'Later', narration: 'You call back.', next: ending.id },
      ending,
    ] } as unknown as Scenario;
    const g = expectSoundLayout(narrow);
    const arrow = g.edges.find((e) => e.from === 'call')!;
    expect(Math.max(...arrow.labelLines.map((l) => textWidth(l, 11)))).toBeGreaterThan(g.width);
    expect(arrow.note).toBe(1);
    // The whole label, in lines that fit (the id broken where it must be).
    expect(g.notes.map((n) => n.lines.join('').replace(/\s+/g, ''))).toEqual([`1·call→later:${wide}(+2);call-b(+2)`]);
    expect(g.notes[0]?.lines.length).toBeGreaterThan(1);
    // In the SVG: the number in its box on the arrow, the words under the picture.
    const svg = toSvg(narrow);
    expect(svg).toMatch(/<rect class="label mark" [^>]*stroke="#333"[^>]*\/><text [^>]*font-weight="bold"[^>]*>1<\/text><\/g>/);
    expect(svg).toContain('<g class="note"><text ');
  });
});

describe('words wrapped for a node', () => {
  it('keeps every word in order, within the width, and cuts with "…" only past the last line', () => {
    fc.assert(fc.property(fc.array(fc.string({ minLength: 1, maxLength: 40 }).map((w) => w.replace(/\s/g, 'x')), { maxLength: 30 }), fc.integer({ min: 4, max: 40 }), fc.integer({ min: 1, max: 4 }), (words, width, max) => {
      const lines = wrapWords(words.join(' '), width, max);
      expect(lines.length).toBeLessThanOrEqual(max);
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(width);
      const whole = wrapWords(words.join(' '), width, Infinity);
      if (whole.length <= max) expect(whole.join('').replace(/ /g, '')).toBe(words.join(''));
      else expect(lines.at(-1)?.endsWith('…')).toBe(true);
    }), { numRuns: 300, seed: 5 });
  });
});

describe('the drawing of large and hostile graphs', () => {
  // Each node no playthrough reaches was laid in the top row, its arrow passing every row down to
  // where it leads: 1,100 nodes with 100 unreachable took 4.5 s; 11,000 ran out of memory.
  it('draws a node no playthrough reaches just above the node it leads to, so its arrow passes no rows', () => {
    const scenario = withUnreachable(220, 20) as unknown as Scenario;
    const layout = layoutScenario(scenario);
    const byId = new Map(layout.nodes.map((n) => [n.id, n]));
    const orphans = scenario.nodes.filter((n) => n.id.startsWith('orphan-'));
    expect(orphans).toHaveLength(20);
    for (const o of orphans) {
      const to = byId.get((o as { next: string }).next)!;
      expect(byId.get(o.id)!.reachable).toBe(false);
      expect(byId.get(o.id)!.layer, o.id).toBe(to.layer - 1);
    }
    // So the points to lay out stay in proportion to the graph.
    expect(drawingSize(scenario).passPoints).toBeLessThan(scenario.nodes.length * 3);
  });

  it('refuses, with GraphTooLarge, a drawing past its limits: too many nodes, or arrows that skip too many rows in all', () => {
    const long = withLongArrows(600) as unknown as Scenario;
    expect(drawingSize(long).passPoints).toBeGreaterThan(DRAWING_LIMITS.passPoints);
    expect(() => toSvg(long)).toThrow(GraphTooLarge);
    expect(() => layoutScenario(long)).toThrow(/^The scenario is too large to draw as a picture: its arrows skip 1\d\d,\d\d\d rows of the picture in all, and a picture is drawn for up to 100,000\.$/);
    const small = withUnreachable(60, 5) as unknown as Scenario;
    expect(() => layoutScenario(small, { nodes: 50, passPoints: DRAWING_LIMITS.passPoints })).toThrow('The scenario is too large to draw as a picture: it has 60 nodes, and a picture is drawn for up to 50.');
    expect(layoutScenario(small).nodes).toHaveLength(60);
  });
});

// A graph too large to draw in the web page had no list either (the list was made from the
// drawing's layout): its outline gives the same words, with no drawing, at any size.
describe('the graph in words, without a drawing (the web page\'s list of a graph too large to draw)', () => {
  const words = (g: GraphOutline) => ({
    nodes: g.nodes.map(({ id, start, reachable, heading, title, layer }) => ({ id, start, reachable, heading, title, layer })).sort((a, b) => a.id.localeCompare(b.id)),
    edges: g.edges.map(({ from, to, label, back }) => ({ from, to, label, back })).sort((a, b) => `${a.from} ${a.to}`.localeCompare(`${b.from} ${b.to}`)),
  });
  it('has every node and arrow in the words the drawing has (unreachable ones and loops marked), from the top row down', () => {
    const s = loadValidFixture('good/example.json');
    const ending = s.nodes.findIndex((n) => n.kind === 'ending');
    const looped = { ...s, nodes: s.nodes.map((n, i) => (i === ending ? { id: n.id, kind: 'scene', narration: 'Round again.', next: s.start } : n)) } as Scenario;
    expect(layoutScenario(looped).edges.some((e) => e.back)).toBe(true);
    for (const scenario of [s, looped, withUnreachable(60, 5) as unknown as Scenario]) {
      const outline = outlineScenario(scenario);
      expect(words(outline)).toEqual(words(layoutScenario(scenario)));
      expect(outline.nodes.map((n) => n.layer)).toEqual(outline.nodes.map((n) => n.layer).sort((a, b) => a - b));
      expect(outline.nodes[0]?.start).toBe(true);
    }
  });

  it('is made for a graph past the drawing\'s limits', () => {
    const long = withLongArrows(600) as unknown as Scenario;
    expect(() => layoutScenario(long)).toThrow(GraphTooLarge);
    const outline = outlineScenario(long);
    expect(outline.nodes).toHaveLength(long.nodes.length);
    expect(outline.edges.length).toBeGreaterThan(long.nodes.length);
  });
});
