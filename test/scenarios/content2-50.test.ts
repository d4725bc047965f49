import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';
import { driveReplies, toldAt as told } from '../helpers/play.js';

// Session content2-50: a fresh read of whereabouts-unknown and youth-relapses against the guide, played line by line
// and full screen at 80x24. whereabouts-unknown needed no change; in youth-relapses, one scene did not follow the reply
// before it, and three notes or feedbacks gave the guide words stronger than its own. Scoring is unchanged.

const yr = (): Scenario => bundledScenario('youth-relapses');

describe('content2-50: youth-relapses, the scene after "Did you finish the braiding unit?" answers it', () => {
  // d3-positive ("Let's not focus on him. Tell me about cosmetology. Did you finish the braiding unit?") went straight
  // to s3-open ("Jazz looks at you for a long second, then tells you something she hasn't told anyone": why she went
  // back) at trust 65 or more, or to s3-closed ("I don't know why I went. It just happened. Can we drop it?") below it:
  // neither answers the question put to her, and the second asks to drop a subject the volunteer has just dropped.
  // Reached at 88% on d1-glad, d2-process, d3-positive, which can still end strong.
  const after = (replies: string[]): string[] => {
    const { nodes } = driveReplies(yr(), replies, true);
    return nodes.slice(nodes.indexOf('d3-miss') + 1, nodes.indexOf('d4-triggers'));
  };

  it.each([
    ['trust 65 after it', ['d1-glad', 'd2-process', 'd3-positive']],
    ['trust under 65 after it', ['d1-why', 'd2-earn', 'd3-positive']],
  ])('%s: the first scene after d3-positive has Jazz answer about the braiding unit, and s3-closed never follows', (_label, replies) => {
    const between = after(replies);
    expect(between.length).toBeGreaterThan(0);
    expect(told(yr(), between[0] ?? '')).toMatch(/\bfinished it\b/);
    expect(between).not.toContain('s3-closed');
  });

  // Session 50 (term-50 and reread-50): s3-open's "Jazz looks at you for a long second, then tells you something
  // she hasn't told anyone" came straight after "Yeah, I finished it. Whatever.", as if the volunteer had asked. After
  // the change of subject she tells it in a scene of its own that says nobody asked.
  it('at trust 65 or more she still goes on to tell why she went back, after answering, saying nobody asked; below it she does not', () => {
    expect(after(['d1-glad', 'd2-process', 'd3-positive']).slice(1)).toEqual(['s3-braids-open']);
    expect(told(yr(), 's3-braids-open')).toMatch(/^[^]*You didn't ask, but it was after my mom didn't show for the visit/);
    expect(after(['d1-why', 'd2-earn', 'd3-positive']).slice(1)).toEqual([]);
  });

  it('the other two replies at d3-miss route as before: s3-open at trust 65 or more, s3-closed below it', () => {
    expect(after(['d1-glad', 'd2-process', 'd3-not-stupid'])).toEqual(['s3-open']);
    expect(after(['d1-why', 'd2-earn', 'd3-not-stupid'])).toEqual(['s3-closed']);
    expect(after(['d1-glad', 'd2-process', 'd3-using'])).toEqual(['s3-closed']);
  });
});

describe('content2-50: youth-relapses gives the guide\'s words in their own strength', () => {
  // Stages of Exiting CSEC Involvement: "Exiting from the commercial sex industry is often done in stages, not all at
  // once. ... each level of exiting should be validated and used as encouragement for the next." d7-raise-bar said "The
  // guide says exiting happens in stages and each one should be recognised and used as encouragement for the next, not
  // treated as not enough", and d7-step's note opened "Exiting happens in stages" (before-relapse was corrected to
  // "often done in stages" in contentb-47).
  it('d7-raise-bar and d7-step\'s note: exiting "is often done in stages", each level validated, nothing more put in the guide\'s mouth', () => {
    const fb = bundledReply('youth-relapses', 'd7-step', 'd7-raise-bar').feedback;
    expect(fb).toContain('The guide says exiting is often done in stages, not all at once, and that each level of exiting should be validated and used as encouragement for the next (Stages of Exiting CSEC Involvement).');
    expect(fb).not.toMatch(/not treated as not enough|happens in stages/);
    const note = bundledDecision('youth-relapses', 'd7-step').facilitatorNote ?? '';
    expect(note).not.toMatch(/happens in stages/i);
    expect(note).toMatch(/often done in stages/);
  });

  // The guide: breaking the bond "can be fraught with fear, guilt, loss, anxiety, and loneliness". d3-miss's note said
  // "leaving brings loss, guilt and loneliness", as if it always does.
  it('d3-miss\'s note says leaving can bring those feelings, as the guide does', () => {
    const note = bundledDecision('youth-relapses', 'd3-miss').facilitatorNote ?? '';
    expect(note).not.toMatch(/leaving brings/);
    expect(note).toContain('leaving can bring fear, guilt, loss, anxiety and loneliness');
  });

  // Self-Care: CASAs "are strongly encouraged to take care of oneself and discuss challenges with your Advocate
  // Supervisor. CASAs can access the following for additional supports; EAP program, share & support." d8's note put
  // using the EAP program and share & support under "strongly encourages"; every other scenario's note "names" them.
  it('d8-drive-home\'s note names the EAP program and share & support, and strongly encourages only what the guide does', () => {
    const note = bundledDecision('youth-relapses', 'd8-drive-home').facilitatorNote ?? '';
    expect(note).not.toMatch(/\b(using|use) the EAP\b|encourages self-care: [^.]*EAP/);
    expect(note).toMatch(/names the EAP program and share & support/);
  });
});
