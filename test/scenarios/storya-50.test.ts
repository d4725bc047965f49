import { describe, expect, it } from 'vitest';
import { bundledReply, bundledScenario } from '../helpers/bundled.js';
import { driveReplies, toldAt } from '../helpers/play.js';
import { endedOn, toldBetween } from '../helpers/story.js';

// Session storya-50: story-continuity faults this session's readers listed in dual-involvement, testifying,
// whereabouts-unknown and youth-relapses (a scene that does not follow from what the volunteer chose, a person
// not set up, a time that does not fit). Each case plays the path that showed the fault. Scoring is unchanged.



describe('storya-50: dual-involvement', () => {
  const REST = ['d3-strengths', 'd4-explain', 'd5-form', 'd6-needs', 'd7-team', 'd8-secondary'];

  // d1-hearing: "Clear Tuesday morning and go to his detention hearing". The scene after the call to Ms. Adeyemi
  // said "By Wednesday the detention hearing has come and gone", as if you had not been there.
  it('after d1-hearing, the hearing is told as one you were at, not as one that came and went', () => {
    const told = toldBetween('dual-involvement', ['d1-hearing', 'd2-introduce', ...REST], 'd2-intro', 'd3-statement');
    expect(told).not.toMatch(/come and gone/);
    expect(told).toMatch(/you sit at the back of the courtroom/);
    expect(told).toMatch(/keeps him in juvenile hall and sets the case for another hearing in three weeks/);
  });

  it.each(['d1-supervisor', 'd1-wait'])('after %s, the hearing is told as one you were not at', (first) => {
    const told = toldBetween('dual-involvement', [first, 'd2-introduce', ...REST], 'd2-intro', 'd3-statement');
    expect(told).toMatch(/the detention hearing has come and gone/);
    expect(told).not.toMatch(/courtroom/);
  });

  it('after d1-hearing and a call that does not introduce you, Ms. Adeyemi still does not call back', () => {
    const { nodes } = driveReplies(bundledScenario('dual-involvement'), ['d1-hearing', 'd2-ask'], true);
    expect(nodes).toContain('s2-cold');
  });

  // s6-closed said "Rithy asks the staff member to end the visit early": no staff member is in the scene before it.
  it('the visit that ends early names a staff member, not "the staff member" nobody introduced', () => {
    const told = toldBetween('dual-involvement', ['d1-supervisor', 'd2-introduce', 'd3-strengths', 'd4-explain', 'd5-form', 'd6-using'], 'd6-roz', 'd8-report');
    expect(told).not.toMatch(/\bthe staff member\b/);
    expect(told).toMatch(/a staff member/);
  });
});

describe('storya-50: testifying', () => {
  // s3-friday: "On Saturday you visit." d4-arrange said "Let's sort it with Ms. Ibarra today", her CSEC CSW on a Saturday.
  it('d4-arrange, said on the Saturday visit, plans the ride with Ms. Ibarra on Monday, not today', () => {
    expect(toldAt(bundledScenario('testifying'), 's3-friday')).toMatch(/On Saturday you visit/);
    const text = bundledReply('testifying', 'd4-ride', 'd4-arrange').text;
    expect(text).not.toMatch(/today/);
    expect(text).toMatch(/Ms\. Ibarra on Monday/);
  });
});

describe('storya-50: whereabouts-unknown', () => {
  // Trust under 40 after d8-plan ends on "Arm's length", which never mentioned the plan just offered, and had her
  // name "her cousin", a cousin no scene on the way had mentioned.
  const LOW_PLAN = ['d1-stop', 'd2-learn', 'd3-checkin', 'd4-step-back', 'd5-where', 'd6-tell', 'd7-csw', 'd8-plan'];
  it('the plan offered at the kitchen table is in the harmful ending it leads to, and the cousin is introduced', () => {
    const d = endedOn('whereabouts-unknown', LOW_PLAN);
    expect(d.ending?.id).toBe('end-distance');
    expect(d.ending?.narration).toMatch(/plan/);
    expect(d.ending?.narration).toMatch(/a cousin in Pasadena/);
    expect(d.ending?.narration).not.toMatch(/her cousin/);
  });

  it('without a plan, the same ending introduces the cousin too', () => {
    const d = endedOn('whereabouts-unknown', LOW_PLAN.map((r) => (r === 'd8-plan' ? 'd8-later' : r)));
    expect(d.ending?.id).toBe('end-distance');
    expect(d.ending?.narration).toMatch(/a cousin in Pasadena/);
    expect(d.ending?.narration).not.toMatch(/her cousin|plan/);
  });

  // s7-arranged and three end-mixed variants said Mr. Nasser read your text "after the on-call worker has already
  // been told she was still missing", though Dez was back at Carla's at half past midnight: nobody says who told them.
  const RIDE = ['d1-open', 'd2-learn', 'd3-checkin', 'd4-honest', 'd5-not-mad', 'd6-both', 'd6-tell', 'd7-rideshare'];
  it.each(['d8-plan', 'd8-wrote', 'd8-later'])('after the rideshare and %s, nobody is told she is still missing once she is home', (last) => {
    const told = toldBetween('whereabouts-unknown', [...RIDE, last], 'd7-ride', 'd8-kitchen');
    expect(told).toMatch(/half past midnight/);
    expect(told).not.toMatch(/still missing|on-call/);
    const d = endedOn('whereabouts-unknown', [...RIDE, last]);
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toContain('you arranged her ride, not Mr. Nasser');
    expect(d.ending?.narration).toMatch(/hours after she got in/);
    expect(d.ending?.narration).not.toMatch(/still missing|on-call/);
  });

  // The end-mixed variant for "searched" said she "heard that you went digging for where she was", told too after
  // the drive along Lake Avenue, which looked for her and dug into nothing.
  const SEARCH = ['d1-open', 'd2-learn', 'd3-checkin', 'd4-honest', 'd5-not-mad', 'd6-both', 'd6-tell', 'd7-csw', 'd8-plan'];
  it('after the drive along Lake Avenue, the ending tells the drive and why it was not hers to do', () => {
    const d = endedOn('whereabouts-unknown', SEARCH.map((r) => (r === 'd2-learn' ? 'd2-drive' : r)));
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/drove up and down Lake Avenue/);
    expect(d.ending?.narration).toMatch(/not first responders/);
    expect(d.ending?.narration).not.toMatch(/digging/);
  });

  it.each([
    ['d2-learn', 'd2-tablet'],
    ['d6-tell', 'd6-trace'],
  ])('after %s is swapped for %s, the ending still says she heard of a search, now in what it was (storya-52: not "went digging")', (best, search) => {
    const d = endedOn('whereabouts-unknown', SEARCH.map((r) => (r === best ? search : r)));
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/tried to find out who she was in touch with/);
    expect(d.ending?.narration).not.toMatch(/Lake Avenue/);
  });
});

describe('storya-50: youth-relapses', () => {
  const BEST = ['d1-glad', 'd2-process', 'd3-not-stupid', 'd4-plan', 'd5-safety', 'd6-yes', 'd7-notice', 'd8-support'];

  // s5-dinner: "I don't know if I'm gonna go" to DREAM court, and no reply on any path answered it (d6 opens "She
  // is quiet for a moment"); only end-strong took it up. The court date stays, as end-strong needs it.
  it('s5-dinner sets up the DREAM court date without a doubt about going that no reply answers', () => {
    const s = bundledScenario('youth-relapses');
    expect(toldAt(s, 's5-dinner')).toMatch(/DREAM court date's next month/);
    expect(toldAt(s, 's5-dinner')).not.toMatch(/gonna go/);
    const { nodes } = driveReplies(s, BEST, true);
    expect(nodes.at(-1)).toBe('end-strong');
    expect(nodes).toContain('s5-dinner');
  });

  // s4-plan: "This is so corny. ...Keep it, though." read as Jazz handing her own plan to the volunteer.
  it('s4-plan: Jazz keeps the plan she wrote', () => {
    const told = toldAt(bundledScenario('youth-relapses'), 's4-plan');
    expect(told).not.toMatch(/Keep it, though/);
    expect(told).toMatch(/I'm keeping it, though/);
  });
});
