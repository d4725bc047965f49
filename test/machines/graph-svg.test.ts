// @vitest-environment jsdom
// jsdom for its DOMParser: the SVG must be well-formed XML.
import { describe, expect, it } from 'vitest';
import { textWidth, toSvg } from '../../src/machines/graph-layout.js';
import { layoutScenario, validateScenario, type Scenario } from '../../src/machines/index.js';
import example from '../fixtures/good/example.json?raw';
import { withUnreachable } from '../helpers/unreachable.js';

describe('the graph as an SVG file', () => {
  const hostile = '</text><script>alert(1)</script> & "quotes" \'too\' \u001b]0;pwned\u0007\u001b[2J \u202Eevil';
  // (The fixture as text: under jsdom, the helpers' file: URLs do not resolve.)
  const s = validateScenario(example, 'example.json').scenario as Scenario;
  const attacked = { ...s, title: hostile, nodes: s.nodes.map((n) => ('title' in n ? { ...n, title: `${hostile} ${n.id}` } : n)) } as Scenario;
  const svg = toSvg(attacked);

  it('is well-formed SVG, with no script, no escape sequence and no direction override from the file', () => {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.documentElement.tagName).toBe('svg');
    expect(doc.getElementsByTagName('script')).toHaveLength(0);
    for (const c of ['\u001b', '\u0007', '\u202e']) expect(svg).not.toContain(c);
    expect(svg).not.toMatch(/<script/i);
    // The file's words are there, as text.
    const texts = [...doc.getElementsByTagName('text')].map((t) => t.textContent ?? '');
    expect(texts.some((t) => t.includes('</text><script>'))).toBe(true);
    expect(doc.getElementsByTagName('title')[0]?.textContent).toContain('"quotes" \'too\'');
  });

  it('draws every node with its kind and id, and every arrow with its label', () => {
    const doc = new DOMParser().parseFromString(toSvg(s), 'image/svg+xml');
    const texts = [...doc.getElementsByTagName('text')].map((t) => t.textContent ?? '');
    for (const n of layoutScenario(s).nodes) expect(texts).toContain(n.heading);
    for (const e of layoutScenario(s).edges) for (const line of e.labelLines) expect(texts).toContain(line);
    expect(doc.getElementsByTagName('polyline')).toHaveLength(layoutScenario(s).edges.length);
  });

  it('each arrow label sits on a white box drawn over its arrow, so the line never shows between its words', () => {
    const doc = new DOMParser().parseFromString(toSvg(s), 'image/svg+xml');
    const edges = layoutScenario(s).edges.filter((e) => e.labelLines.length > 0);
    const groups = [...doc.getElementsByTagName('g')].filter((g) => g.getElementsByTagName('polyline').length === 1 && g.getElementsByTagName('text').length > 0);
    expect(groups).toHaveLength(edges.length);
    for (const g of groups) {
      const children = [...g.children].map((c) => c.tagName);
      // The box after the arrow (so it covers it) and before the words.
      expect(children.indexOf('rect')).toBeGreaterThan(children.indexOf('polyline'));
      expect(children.indexOf('rect')).toBeLessThan(children.indexOf('text'));
      const box = g.getElementsByTagName('rect')[0] as Element;
      expect(box.getAttribute('fill')).toBe('#ffffff');
      const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(box.getAttribute(a)));
      for (const t of g.getElementsByTagName('text')) {
        // The words as wide as the layout measures them (textWidth, the wider of two fonts).
        const half = textWidth(t.textContent ?? '', 11) / 2;
        const [cx, base] = [Number(t.getAttribute('x')), Number(t.getAttribute('y'))];
        expect(cx - half).toBeGreaterThanOrEqual(x as number);
        expect(cx + half).toBeLessThanOrEqual((x as number) + (w as number));
        expect(base - 9).toBeGreaterThanOrEqual(y as number);
        expect(base + 2).toBeLessThanOrEqual((y as number) + (h as number));
      }
    }
  });

  it('marks a node no playthrough reaches: a dashed outline and "Unreachable" in its heading, arrows in or not; reached nodes are not marked', () => {
    // It was an unconnected box beside the start with no mark, while validate and the page's list said it was unreachable.
    const g = withUnreachable(s);
    expect(validateScenario(JSON.stringify(g), 'g.json').scenario).toBeDefined();
    const doc = new DOMParser().parseFromString(toSvg(g), 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    // Each node's group: its tooltip starts with its heading; its box is the first rect.
    const groups = [...doc.getElementsByTagName('g')].filter((el) => el.getElementsByTagName('polyline').length === 0);
    expect(groups).toHaveLength(g.nodes.length);
    for (const node of g.nodes) {
      const group = groups.find((el) => (el.getElementsByTagName('title')[0]?.textContent ?? '').includes(` · ${node.id}: `))!;
      const box = group.getElementsByTagName('rect')[0]!;
      const heading = [...group.getElementsByTagName('text')].map((t) => t.textContent ?? '').join(' ');
      const unreachable = node.id === 'orphan-scene' || node.id === 'end-extra';
      expect(box.getAttribute('stroke-dasharray') !== null, node.id).toBe(unreachable);
      expect(heading.startsWith('Unreachable · '), node.id).toBe(unreachable);
      if (unreachable) expect(Number(box.getAttribute('stroke-width'))).toBeGreaterThanOrEqual(2);
    }
    expect(doc.getElementsByTagName('title')[0]?.textContent).toMatch(/, 2 unreachable \(dashed outline\)$/);
    // The whole example is reached: nothing is marked.
    const plain = toSvg(s);
    expect(plain).not.toContain('stroke-dasharray="8 5"');
    expect(plain).not.toContain('Unreachable');
    expect(layoutScenario(g).nodes.filter((n) => !n.reachable).map((n) => n.id)).toEqual(['orphan-scene', 'end-extra']);
  });

  it('a long node id wraps its heading inside the box, after its hyphens, with the title below it', () => {
    // Ids may be 80 characters long; "Start · Decision · " and a long id on one line ran out of the box.
    const id = 'd1-the-very-first-conversation-after-the-weekend-away';
    const renamed = JSON.parse(JSON.stringify(s).split(`"${s.start}"`).join(`"${id}"`)) as Scenario;
    const node = layoutScenario(renamed).nodes.find((n) => n.id === id);
    expect(node?.heading).toBe(`Start · Decision · ${id}`);
    expect(node?.headingLines).toEqual(['Start · Decision ·', 'd1-the-very-first-conversation-', 'after-the-weekend-away']);
    const doc = new DOMParser().parseFromString(toSvg(renamed), 'image/svg+xml');
    for (const g of doc.getElementsByTagName('g')) {
      const box = g.getElementsByTagName('rect')[0];
      if (!box || g.getElementsByTagName('polyline').length > 0) continue;
      const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(box.getAttribute(a))) as [number, number, number, number];
      const texts = [...g.getElementsByTagName('text')];
      for (const [i, t] of texts.entries()) {
        const [left, base] = [Number(t.getAttribute('x')), Number(t.getAttribute('y'))];
        // As wide as the layout reckons the text (test/web/e2e/graph.e2e.ts checks that reckoning in
        // Chromium); the padding (8 px) inside on the right too.
        const size = Number(t.getAttribute('font-size'));
        expect(left + textWidth(t.textContent ?? '', size, t.getAttribute('font-weight') === 'bold'), t.textContent ?? '').toBeLessThanOrEqual(x + w - 8 + 1);
        expect(base + 4).toBeLessThanOrEqual(y + h);
        if (i > 0) expect(base).toBeGreaterThan(Number(texts[i - 1]?.getAttribute('y')));
      }
    }
  });
});
