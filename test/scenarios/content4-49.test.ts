import { describe, expect, it } from 'vitest';
import { BUNDLED_IDS, bundledReply, bundledScenario } from '../helpers/bundled.js';
import { playReplies } from '../helpers/play.js';

// Fresh eyes (content4-49) on red-flags and trafficker-contact, against the guide. Each case pins what a
// finding changed.
const played = (id: string, replies: string[]) => {
  const d = playReplies(bundledScenario(id), replies);
  if (!d) throw new Error(`${id}: ${replies.join(' > ')} did not end`);
  return d;
};

describe('fresh eyes (content4-49)', () => {
  // r-denise-dismiss ("it sounds like normal teenager stuff") is a conclusion (Red Flags: red flags "may show
  // risk of CSEC activity, but they may also represent typical teenage development"; docs section 10: deciding
  // it is ordinary is a conclusion too). It counted among the gaps, not the conclusions, so with every other
  // reply best practice (87%) the playthrough ended strong on "You never decided for Yesi what was happening",
  // under a debrief listing "went against Don't jump to conclusions", and told a reason it did not do ("something
  // her team needed from you did not reach them").
  it('red-flags: waving the red flags off as normal teenager stuff counts as a conclusion, and the ending says so', () => {
    const dismiss = bundledReply('red-flags', 'r-denise', 'r-denise-dismiss');
    expect(dismiss.effects).toContainEqual({ var: 'conclusions', add: 1 });
    expect(dismiss.effects ?? []).not.toContainEqual({ var: 'gaps', add: 1 });
    const d = played('red-flags', ['r-nails-curious', 'r-boyfriend-light', 'r-denise-dismiss', 'r-supervisor-facts', 'r-csw-share', 'r-two-workers-explain', 'r-new-team-proper', 'r-defense-yes', 'r-immigration-clc', 'r-testify-team', 'r-plan-together']);
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).not.toContain('You never decided for Yesi what was happening');
    expect(d.ending?.narration).toContain('a conclusion about her came before the facts did');
  });

  // r-two-workers-shrug is scored "violates" Knowing the CSEC CSW's role (✗ in the debrief), but its feedback
  // called it "a missed chance", the debrief's word for a principle a reply did not assess at all (○; docs
  // section 5, "What missed means"). No other reply in the set did so.
  it('red-flags: feedback on a reply that only breaks principles does not call it a missed chance', () => {
    const shrug = bundledReply('red-flags', 'r-two-workers', 'r-two-workers-shrug');
    expect(shrug.assessments).toEqual([{ principle: 'csec-csw-role', verdict: 'violates', weight: 1 }]);
    expect(shrug.feedback).toContain('(Collaboration with Case Parties)');
    const said: string[] = [];
    for (const id of BUNDLED_IDS) for (const n of bundledScenario(id).nodes) {
      if (n.kind !== 'decision') continue;
      for (const r of n.replies) {
        if (r.assessments.every((a) => a.verdict === 'violates') && /missed chance/i.test(r.feedback)) said.push(`${id}/${r.id}`);
      }
    }
    expect(said).toEqual([]);
  });

  // trafficker-contact end-mixed's own narration opened "Imani is still placed with Ms. Reyes and still sees you
  // most Saturdays" for every playthrough with something kept from the team or a line crossed, under 60 trust:
  // d8-plan-pause ("I think I should pause visits until things calm down") always lands there with either, and
  // was told it still saw her most Saturdays.
  it('trafficker-contact: a playthrough that paused visits is not told it still sees Imani most Saturdays', () => {
    const d = played('trafficker-contact', ['d1-text-screenshot', 'd3-morning-downplay', 'd4-visit-boundary', 'd5-open-include', 'd6-parking-walk', 'd7-supervisor-honest', 'd8-plan-pause', 'd9-last-forward']);
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toContain('Imani is still placed with Ms. Reyes');
    expect(d.ending?.narration).not.toMatch(/sees you most Saturdays/);
  });
});
