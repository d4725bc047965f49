import { describe, expect, it } from 'vitest';
import { bundledScenario } from '../helpers/bundled.js';
import { driveReplies, nodesBetween, toldAt } from '../helpers/play.js';

// Session content3-49: fresh eyes on boy-red-flags and the-list, played through in the terminal and checked
// against the guide and the story. Each case below was seen failing before its fix.

describe('the-list: Bảo answers only what was said on the walk to Garvey', () => {
  const s = bundledScenario('the-list');
  const reply = (id: string) => {
    const r = s.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((x) => x.id === id);
    if (!r) throw new Error(`the-list has no reply ${id}`);
    return r;
  };

  // d2-praise ("That's seriously impressive, Bảo. You could do this for real one day.") asks nothing, and its
  // own feedback says it "leaves unasked the question you came with". With his trust under 60 it led to
  // s2-shut, where Bảo pockets the phone and says "It's just work, okay? Can we eat?", the answer to a
  // question nobody asked; d3-eat and d3-press then spoke of pressing "after he has said no".
  it.each(['d1-blessing', 'd1-warning'])('after %s and the praise, Bảo thanks you and closes the subject himself, when Chú V texts', (d1) => {
    const { nodes } = driveReplies(s, [d1, 'd2-praise'], true);
    const between = nodesBetween(nodes, 'd2-video', 'd3-shut');
    expect(between).not.toContain('s2-shut');
    expect(between).toHaveLength(1);
    const told = toldAt(s, between[0] ?? '');
    expect(told).toMatch(/Thanks/);
    expect(told).toMatch(/buzzes again/);
    expect(told).not.toMatch(/okay\?/);
  });

  it.each([
    ['d1-warning', 'd2-light'],
    ['d1-hear', 'd2-pile'],
    ['d1-hear', 'd2-direct'],
  ])('after %s and %s, which ask, Bảo still answers "It\'s just work, okay?"', (d1, d2) => {
    const { nodes } = driveReplies(s, [d1, d2], true);
    expect(nodesBetween(nodes, 'd2-video', 'd3-shut')).toEqual(['s2-shut']);
    expect(toldAt(s, 's2-shut')).toContain("It's just work, okay? Can we eat?");
  });

  it('at "Just work" the feedback speaks of a subject he has closed, which every way there has him do, not of a "no" to a question', () => {
    for (const id of ['d3-eat', 'd3-press']) {
      expect(reply(id).feedback, id).not.toMatch(/said no/);
      expect(reply(id).feedback, id).toMatch(/closed the subject/);
    }
  });
});

describe('boy-red-flags: the chain tool is where the story last put it', () => {
  const s = bundledScenario('boy-red-flags');

  // s1-garage said "You hand him the chain tool", and on that way d3-press, after "It's from work. Can we
  // not?", has you "Set the chain tool down": a tool you had just handed to Theo. s1-heads-up (after d1-tonight)
  // already has Theo hand it to you.
  it.each(['d1-agree', 'd1-maybe', 'd1-textbook', 'd1-tonight'])('after %s, the garage puts the tool in your hands before "Set the chain tool down"', (d1) => {
    const { nodes } = driveReplies(s, [d1, 'd2-pile'], true);
    expect(nodes).toContain('d3-shut');
    const garage = nodesBetween(nodes, 'd1-ray', 'd2-phone');
    expect(garage).toHaveLength(1);
    expect(toldAt(s, garage[0] ?? '')).toMatch(/hands you the chain tool/);
    expect(toldAt(s, garage[0] ?? '')).not.toMatch(/You hand him the chain tool/);
    const press = s.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((r) => r.id === 'd3-press');
    expect(press?.text).toMatch(/^Set the chain tool down/);
  });
});
