import { describe, expect, it } from 'vitest';
import { computeBest } from '../../src/machines/scoring.js';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';
import { playReplies } from '../helpers/play.js';

// Session 44, a fresh second reader of the session's scenario changes (diffread-44), against the guide.
const node = (id: string, nodeId: string) => {
  const n = bundledScenario(id).nodes.find((x) => x.id === nodeId);
  if (!n) throw new Error(`${id} has no node ${nodeId}`);
  return n;
};
const replies = (id: string, nodeId: string) => bundledDecision(id, nodeId).replies;
const reply = bundledReply;
const narration = (id: string, nodeId: string) => node(id, nodeId).narration ?? '';

describe('diffread-44: the session\'s scenario changes read again against the guide', () => {
  // The outing is on a Saturday (s0), the taco stand "ten days later" (d6-weekend, a Tuesday), and Ana's
  // call comes on the Monday after "this weekend": sixteen days after the voicemail. Her voicemail said
  // "out of the office until Monday" (two days later), so the message left asking her to call back went
  // unanswered for two weeks, and s6 called her "back in the office" then. Away for two weeks, she is.
  it('youth-discloses: Ana is away as long as the story takes to reach her Monday call', () => {
    expect(narration('youth-discloses', 'd1-gifts')).toMatch(/^Saturday/);
    expect(narration('youth-discloses', 'd6-weekend')).toMatch(/^Ten days later/);
    expect(narration('youth-discloses', 's6-call-routine')).toMatch(/^The weekend comes and goes\. On Monday/);
    const alarmed = narration('youth-discloses', 's4-alarmed');
    expect(alarmed).not.toMatch(/until Monday/);
    expect(alarmed).toMatch(/out of the office for the next two weeks/);
    // Session 47: s6-call-routine is reached on paths that never pass s4-alarmed (the voicemail that says
    // she is away): it no longer says she is "back in the office after two weeks away", which only that
    // path set up. On that path the two weeks are known from her voicemail; the call comes after them.
    expect(narration('youth-discloses', 's6-call-routine')).not.toMatch(/two weeks away/);
    expect(narration('youth-discloses', 's6-call-routine')).toMatch(/On Monday, Ana Villanueva, Kiara's CSW, calls you/);
  });

  // d8-plan is credited with respecting Dez's mindset for "Maybe is honest" (content2-44). d8-wrote began
  // "That's honest.", the same words, and its debrief said respect for her mindset was kept "at only 1 of 2
  // chances". A reply that takes her 'maybe' as honest is credited for it; d8-wrote now goes straight to the
  // plan written for her, and its feedback says that is what it misses.
  it('whereabouts-unknown d8-kitchen: a reply that calls her "maybe" honest is credited for respecting her mindset, and d8-wrote no longer says it', () => {
    for (const r of replies('whereabouts-unknown', 'd8-kitchen')) {
      if (!/\bhonest\b/i.test(r.text)) continue;
      expect(r.assessments, r.id).toContainEqual({ principle: 'respect-mindset-boundaries', verdict: 'follows' });
    }
    const wrote = reply('whereabouts-unknown', 'd8-kitchen', 'd8-wrote');
    expect(wrote.text).not.toMatch(/honest/i);
    expect(wrote.feedback).toMatch(/past her 'maybe'/);
    expect(wrote.feedback).toContain("respect a youth's mindset (What if my youth left placement or their whereabouts are unknown?)");
    const s = bundledScenario('whereabouts-unknown');
    const path = computeBest(s).path.map((p) => (p.replyId === 'd8-plan' ? 'd8-wrote' : p.replyId));
    const d = playReplies(s, path);
    expect(d?.score.percent).toBe(79);
    expect(d?.ending?.narration).toMatch(/the ones you chose/);
  });

  // "it puts off his word only 'yet'" did not say plainly what the reply does with Ray's word, "prostitute".
  it('boy-red-flags d5-grow: says plainly what "yet" does with Ray\'s word, and what the guide says of it', () => {
    const f = reply('boy-red-flags', 'd5-words', 'd5-grow').feedback;
    expect(f).not.toMatch(/puts off his word only/);
    expect(f).toContain('calling a youth involved in CSEC a "prostitute" is not appropriate');
    expect(f).toMatch(/people-first words .*\(Using Appropriate Language\)/);
    expect(f).toMatch(/\(Red Flags\)/);
  });

  // d7-go calls Mr. Pham from the car; the debrief tells a volunteer who stayed for the pastries that they
  // missed a chance to work with the CSW. The feedback said only to say goodbye and leave.
  it('the-list d7-stay: the feedback names the call to Mr. Pham that the debrief counts as missed', () => {
    const f = reply('the-list', 'd7-door', 'd7-stay').feedback;
    expect(f).toMatch(/Mr\. Pham.*\(Collaboration with Case Parties\)/);
    expect(reply('the-list', 'd7-door', 'd7-stay').assessments.map((a) => a.principle)).toEqual(['no-trafficker-contact']);
  });

  // d4-dawson says why it calls ("I can't let Saturday come without Mr. Dawson knowing"; since content2-47 "I can't
  // keep this from Mr. Dawson with Saturday so close", so that "I can't keep this" is not said by best replies only);
  // what it does not say is that her safety is what matters most, which since safety-53 d4-secret does not score.
  it('saturday-shoots d4-dawson: does not say the reply leaves out why you are calling, which it gives', () => {
    const r = reply('saturday-shoots', 'd4-secret', 'd4-dawson');
    expect(r.text).toMatch(/I can't keep this from Mr\. Dawson with Saturday so close/);
    expect(r.feedback).not.toMatch(/tell her why you are calling/);
    expect(r.feedback).not.toMatch(/\(Likelihood of Relapse\)/);
  });
});
