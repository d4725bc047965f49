import { describe, expect, it } from 'vitest';
import { bundledReply } from '../helpers/bundled.js';
import { endedOn } from '../helpers/story.js';

// Session 60 (reader-c-60): a fresh reader's pass over court-report, the-list and youth-relapses, against the guide
// (the only source for scoring). Each case was seen failing on the files as they stood before the fix.

const scored = (id: string, node: string, reply: string) => bundledReply(id, node, reply).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`);

// 1. the-list d8-all ("That's a start. But as long as you work for him at all, you're not safe. Saturdays have to stop
// too.") overrides the line Bảo has just drawn for himself ("Daytime only") and tells him what his safety is. The
// guide's harm reduction approach allows youth "to be the curators of their own safety, including how they define
// safety" (Harm Reduction), and d8-steps' own trainer note says so. The reply was scored only on validating each
// step, while d8-funds beside it, which plans his Saturdays more gently, is faulted on harm reduction, and the same
// demand elsewhere is too: youth-relapses d7-raise-bar ("block him for good this time"), couch-rent d3-bargain
// ("you're done with Vic's couch for good"). Unscored, the best playthrough with d8-all ended strong at 82%.
describe('reader-c-60: the-list d8-all, a demand that Saturdays stop, is scored on harm reduction', () => {
  const BEST = ['d1-hear', 'd2-light', 'd3-carry', 'd4-marcus', 'd5-honest', 'd6-miss', 'd7-go', 'd8-next', 'd9-strengths'];

  it('it violates harm-reduction-self-determination, as the same demand does in youth-relapses and couch-rent', () => {
    expect(scored('the-list', 'd8-steps', 'd8-all')).toEqual(['validate-each-step violates 2', 'harm-reduction-self-determination violates 1']);
    expect(scored('youth-relapses', 'd7-step', 'd7-raise-bar')).toContain('harm-reduction-self-determination violates 1');
    expect(scored('couch-rent', 'd3-glendale', 'd3-bargain')).toContain('harm-reduction-self-determination violates 1');
  });

  it('its feedback says what the guide says of it, with the section', () => {
    const fb = bundledReply('the-list', 'd8-steps', 'd8-all').feedback;
    expect(fb).toContain('(Stages of Exiting CSEC Involvement)');
    expect(fb).toMatch(/curators of their own safety, including how they define it \(Harm Reduction\)/);
    expect(fb).toMatch(/daytime only/i);
  });

  it('the best playthrough with d8-all no longer ends strong', () => {
    const d = endedOn('the-list', BEST.map((r) => (r === 'd8-next' ? 'd8-all' : r)));
    expect(d.score.percent).toBeLessThan(80);
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/Not all of what you said or did this fall helped him/);
    expect(endedOn('the-list', BEST).ending?.id).toBe('end-strong');
  });
});
