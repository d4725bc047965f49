import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { bundledScenario } from '../helpers/bundled.js';
import { driveReplies } from '../helpers/play.js';

// Session continuity-45: youth-relapses tells one story whichever way it is played. The place Jazz sits
// on Thursday is the place the next decision puts her, and an ending that breaks off contact says when,
// after a visit two weeks on where she still talks to you.

const s = (): Scenario => bundledScenario('youth-relapses');

/** A node's narration, then its lines, in the order shown. */
function told(scenario: Scenario, nodeId: string): string {
  const n = scenario.nodes.find((x) => x.id === nodeId);
  if (!n) throw new Error(`${scenario.id} has no node ${nodeId}`);
  return [...('narration' in n && n.narration ? [n.narration] : []), ...('lines' in n ? (n.lines ?? []).map((l) => l.text) : [])].join(' ');
}

/** The nodes strictly between two nodes on a playthrough. */
function between(nodes: readonly string[], from: string, to: string): string[] {
  const a = nodes.indexOf(from);
  const b = nodes.indexOf(to);
  expect(a, `${from} on ${nodes.join(' ')}`).toBeGreaterThanOrEqual(0);
  expect(b, `${to} after ${from} on ${nodes.join(' ')}`).toBeGreaterThan(a);
  return nodes.slice(a + 1, b);
}

const SEATS = /\b(picnic table|bench|table|couch|sofa|chair|steps|stoop)\b/gi;

describe('session continuity-45: youth-relapses', () => {
  it('1. on every first reply, where Jazz sits on Thursday before "Like I\'m trash" is a place that decision names (the picnic table)', () => {
    const d2 = told(s(), 'd2-trash').toLowerCase();
    expect(d2).toContain('picnic table');
    const d1 = s().nodes.find((n) => n.id === 'd1-text');
    if (d1?.kind !== 'decision') throw new Error('d1-text is a decision');
    let seatsNamed = 0;
    for (const reply of d1.replies) {
      const scenes = between(driveReplies(s(), [reply.id], true).nodes, 'd1-text', 'd2-trash');
      for (const id of scenes) {
        for (const seat of told(s(), id).match(SEATS) ?? []) {
          seatsNamed++;
          expect(d2, `${reply.id} → ${id} seats her at "${seat}"`).toContain(seat.toLowerCase());
        }
      }
    }
    // The cold Thursday (s1-k-thursday) still says where she sits: the far end, away from you.
    expect(seatsNamed).toBeGreaterThan(0);
    expect(told(s(), 's1-k-thursday')).toMatch(/far end/);
  });
});
