import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { bundledScenario } from '../helpers/bundled.js';
import { driveReplies, nodesBetween as between, playReplies, toldAt as told } from '../helpers/play.js';

// Session continuity-45: youth-relapses tells one story whichever way it is played. The place Jazz sits
// on Thursday is the place the next decision puts her, and an ending that breaks off contact says when,
// after a visit two weeks on where she still talks to you.

const s = (): Scenario => bundledScenario('youth-relapses');

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

  it('2. after the text to Kyle, end-contacted says when Jazz cuts you off: later than the visit "Two weeks later", on both routes there', () => {
    const text = told(s(), 'end-contacted');
    // Its break with you is dated, and later than two weeks after the text.
    expect(text).toMatch(/\b(a month|three weeks|four weeks) after\b/i);
    expect(text).toMatch(/changes her number/);
    const warm = ['d1-glad', 'd2-process', 'd3-not-stupid', 'd4-plan', 'd5-text-him', 'd6-yes', 'd7-notice', 'd8-support'];
    const cold = ['d1-disappointed', 'd2-earn', 'd3-using', 'd4-delete-number', 'd5-text-him', 'd6-if', 'd8-support'];
    for (const [path, visit] of [[warm, 's6-later'], [cold, 's6-room']] as const) {
      const nodes = driveReplies(s(), path, true).nodes;
      expect(nodes.indexOf(visit), nodes.join(' ')).toBeGreaterThan(nodes.indexOf('s5-contacted'));
      expect(told(s(), visit)).toMatch(/^Two weeks later\./);
      // Routes and scoring as before: the ending is reached, and the text is the critical violation at d5-phone.
      const debrief = playReplies(s(), path);
      expect(debrief?.ending?.id).toBe('end-contacted');
      expect(debrief?.criticalViolations.map((v) => `${v.nodeId} ${v.replyId}`)).toEqual(['d5-phone d5-text-him']);
    }
  });
});
