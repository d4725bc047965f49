import { describe, expect, it } from 'vitest';
import { getPrinciple } from '../../src/machines/guide.js';
import { replyValue } from '../../src/machines/scenario-index.js';
import { computeBest } from '../../src/machines/scoring.js';
import { BUNDLED_IDS, bundledScenario } from '../helpers/bundled.js';

// A volunteer is told they "missed" a principle at a decision when another reply there follows it and theirs
// does not assess it (docs/authoring.md section 5, "What missed means"). Where the best reply does not assess
// it either, a third reply is told it missed what best practice did not do. Session content2-44 decided each
// such case on the guide: credit the best reply where its words truly do what the principle asks, otherwise
// leave it (the chance is real: another reply takes it).

/** "scenario decision principle" for each principle some reply follows that the best reply at its decision neither follows nor violates, while a third reply is told it missed it. */
function missedBesideBest(): string[] {
  const found = new Set<string>();
  for (const id of BUNDLED_IDS) {
    const s = bundledScenario(id);
    const onPath = new Map(computeBest(s).path.map((p) => [p.nodeId, p.replyId]));
    for (const n of s.nodes) {
      if (n.kind !== 'decision') continue;
      const best = n.replies.find((r) => r.id === onPath.get(n.id)) ?? n.replies.reduce((a, c) => (replyValue(c) > replyValue(a) ? c : a));
      const assessed = new Set(best.assessments.map((a) => a.principle));
      for (const r of n.replies) {
        for (const a of r.assessments) {
          if (a.verdict !== 'follows' || assessed.has(a.principle) || getPrinciple(a.principle)?.severity === 'critical') continue;
          const third = n.replies.some((x) => x !== r && x !== best && !x.assessments.some((y) => y.principle === a.principle));
          if (third) found.add(`${id} ${n.id} ${a.principle}`);
        }
      }
    }
  }
  return [...found].sort();
}

describe('a missed chance the best reply does not take either: each one decided on the guide', () => {
  it('left-placement-calls d7-safety-plan: a plan for next time gives Ari resources that reduce harm, as couch-rent d7-bad-night and whereabouts d8-plan are scored (What if my youth returns from leaving placement?)', () => {
    const best = bundledScenario('left-placement-calls').nodes.find((n) => n.id === 'd7-return');
    const reply = best?.kind === 'decision' ? best.replies.find((r) => r.id === 'd7-safety-plan') : undefined;
    expect(reply?.assessments).toContainEqual({ principle: 'resources-reduce-harm', verdict: 'follows' });
    expect(reply?.feedback).toContain('that you cannot stop a youth from leaving, and gives her resources that reduce the possibility of harm (What if my youth returns from leaving placement?)');
  });

  it('whereabouts-unknown d8-plan: "Maybe is honest" respects Dez\'s mindset, as d8-later is credited for going gently (What if my youth left placement or their whereabouts are unknown?)', () => {
    const node = bundledScenario('whereabouts-unknown').nodes.find((n) => n.id === 'd8-kitchen');
    const reply = node?.kind === 'decision' ? node.replies.find((r) => r.id === 'd8-plan') : undefined;
    expect(reply?.text).toMatch(/^Maybe is honest\./);
    expect(reply?.assessments).toContainEqual({ principle: 'respect-mindset-boundaries', verdict: 'follows' });
    expect(reply?.feedback).toContain("the guide asks CASAs to respect a youth's mindset (What if my youth left placement or their whereabouts are unknown?)");
  });

  // Left as they are: the best reply's words do not do what the principle asks, and the reply that does is a
  // real choice the volunteer passed over. A new case fails here until it is decided too.
  const LEFT: Record<string, string> = {
    'boy-red-flags d4-next csw-partnership': 'the suspicion goes to the supervisor, who works out the next steps (Red Flags); the email to the CSW is a real, other step',
    // couch-rent d1-bench safety-is-priority left this list in content-56: d1-promise is no longer credited with the
    // relapse reassurance (nobody has gone back to anyone at d1; Likelihood of Relapse: "Should a youth return to their trafficker").
    'court-report d-review dependency-attorney-role': 'recommendations are reviewed with the supervisor (Potential Recommendations); sending the draft to the attorney is another step',
    'dual-involvement d1-news legal-support': 'the best reply consults the supervisor first; courtroom support at the hearing is a real "may" (Legal Advocacy)',
    'dual-involvement d3-hearing legal-support': 'asking Beth whether to attend gives no support yet; the gallery does',
    'dual-involvement d4-courts defense-attorney-role': 'the accurate answer does not consult the supervisor; "I\'ll ask Beth" does',
    'dual-involvement d7-testify legal-support': 'd7-team is the criminal-proceedings support (victim-witness-support); courtroom support is a separate "may"',
    'jae-and-hyung d2-open non-judgmental': 'd2-honest neither judges nor makes a point of not judging; d2-keep\'s "glad you\'ve got a place" does',
    'jae-and-hyung d5-papers harm-reduction-self-determination': 'd5-clc takes the question to CLC; leaving papers to Jae\'s choice is another reply\'s act',
    // Session lpc-54: d2-send and d7-promise no longer follow safety-is-priority (Ari has gone back to no one
    // exploiting her; the guide asks that reassurance "Should a youth return to their trafficker").
    'left-placement-calls d7-return harm-reduction-unmet-needs': 'd7-promise asks what makes her want to go; d7-safety-plan makes the plan and leaves her reasons to d8-why, where d8-needs explores them (Harm Reduction)',
    'saturday-shoots d1-aunt csw-partnership': 'the suspicion goes to the supervisor (Red Flags); the call to Mr. Dawson is a real, other step',
    'saturday-shoots d2-shoes youth-centered': 'the light question about the shoes is not a move to her strengths; the sewing question is',
    'saturday-shoots d4-secret csw-partnership': 'the supervisor works out the next steps (Red Flags); the call to Mr. Dawson is a real, other step',
    'saturday-shoots d5-car csw-partnership': 'the call to Leah is the supervisor step (Red Flags); the email to Mr. Dawson is a real, other step',
    'testifying d3-evening youth-centered': 'd3-team keeps the team informed; holding back to spare Selene pressure is the other reply\'s act',
    'the-list d8-steps recommend-restoration-funds': 'a "can" recommendation (Potential Recommendations) that d8-next does not make; d8-funds does',
    'trafficker-contact d7-supervisor youth-centered': 'd7-supervisor-honest is about self-care; turning the call to Imani is the other reply\'s act',
    'youth-discloses d4-promise csw-partnership': 'Kiara asked that Ana not be told; d4-honest goes to the supervisor, and the call to Ana is a real, other step',
    // youth-relapses d8-drive-home ongoing-support left this list in content2-47: d8-push-through, the only reply that
    // took it, is no longer credited with it (the on-call phone's own motive: prohibited-not-strength.test.ts).
  };

  it('no other case: each is credited on the best reply or listed above with its reason', () => {
    expect(missedBesideBest()).toEqual(Object.keys(LEFT).sort());
  });
});
