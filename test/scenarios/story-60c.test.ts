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

// 2. the-list d6-friend ("Someone who really cared about you would never ask you to do this. He isn't your friend,
// Bảo.") argues with what Bảo has just said he feels for the man who came every day when Ông died, at the decision
// whose trainer note asks the room to watch for "replies that argue with his feelings". The guide asks positive
// supports like the CASA to validate and process these feelings of loss (Stages of Exiting CSEC Involvement). The
// reply was scored only as judgement, so its debrief listed validate-loss as a chance "missed", while d6-hurt beside
// it, which only passes over the feeling, went against it; the same denial at the other loss decisions is scored
// on it (youth-relapses d3-using, whereabouts-unknown d6-deserve).
describe('reader-c-60: the-list d6-friend, arguing with the loss, goes against validate-loss', () => {
  const PATH = ['d1-hear', 'd2-light', 'd3-carry', 'd4-marcus', 'd5-honest', 'd6-friend', 'd7-go', 'd8-next', 'd9-strengths'];

  it('it violates validate-loss beside non-judgmental, as youth-relapses d3-using does', () => {
    expect(scored('the-list', 'd6-loyal', 'd6-friend')).toEqual(['non-judgmental violates 2', 'validate-loss violates 1']);
    expect(scored('youth-relapses', 'd3-miss', 'd3-using')).toEqual(['non-judgmental violates 2', 'validate-loss violates 1']);
    expect(scored('whereabouts-unknown', 'd6-feelings', 'd6-deserve')).toContain('validate-loss violates 2');
  });

  it('its feedback names the loss, in the guide\'s words and section', () => {
    const fb = bundledReply('the-list', 'd6-loyal', 'd6-friend').feedback;
    expect(fb).toMatch(/validate and process these feelings of loss/);
    expect(fb.match(/\(Stages of Exiting CSEC Involvement\)/g)?.length).toBeGreaterThanOrEqual(1);
  });

  it('the debrief says the playthrough went against validate-loss, not that it missed it', () => {
    const d = endedOn('the-list', PATH);
    expect(d.principles.find((p) => p.principleId === 'validate-loss')?.status).toBe('violated');
    expect(d.ending?.id).toBe('end-mixed');
  });
});
