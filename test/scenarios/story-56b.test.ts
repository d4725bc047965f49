import { describe, expect, it } from 'vitest';
import { replyValue } from '../../src/machines/scenario-index.js';
import type { EndingNode } from '../../src/machines/schema/scenario.js';
import { BUNDLED_IDS, bundledScenario } from '../helpers/bundled.js';
import { pinsFor } from '../helpers/pins.js';

// Session reread-a-56: a fresh reader's pass over jae-and-hyung, dual-involvement and before-relapse.

const scored = (r: { assessments: readonly { principle: string; verdict: string; weight?: number }[] }) =>
  r.assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).sort().join(', ');

// 1. dual-involvement d7-should ("I think you should. It's the right thing…") was scored on non-judgmental alone,
// while its feedback faulted "telling Rithy what to do" with no section for it. The same push is scored on
// youth-centered in testifying d1-right ("I think you should. It's the right thing to do…") and red-flags
// r-court-nerves-push ("You need to testify, Yesi"), and docs/authoring.md section 9 says deciding for a youth
// whether she testifies breaks youth-centered (CASA Role and Expectations). Rithy's loyalty to Roz ("I'm not
// snitching") keeps non-judgmental the main point (2); deciding for him is the second (1).
describe('reread-a-56: telling a youth he should testify is scored on youth-centered in every scenario', () => {
  const PUSHES = [
    ['dual-involvement', 'd7-should'],
    ['testifying', 'd1-right'],
    ['red-flags', 'r-court-nerves-push'],
  ] as const;

  it.each(PUSHES)('%s %s breaks youth-centered, and its feedback cites CASA Role and Expectations', (id, replyId) => {
    const r = pinsFor(id).reply(replyId);
    expect(r.assessments).toContainEqual(expect.objectContaining({ principle: 'youth-centered', verdict: 'violates' }));
    expect(r.feedback).toContain('(CASA Role and Expectations)');
  });

  it('dual-involvement d7-should keeps the loyalty the guide warns of as its main point, and stays the lowest reply at its decision', () => {
    const { reply, scenario } = pinsFor('dual-involvement');
    expect(scored(reply('d7-should'))).toBe('non-judgmental violates 2, youth-centered violates 1');
    expect(reply('d7-should').feedback).toContain('(Stages of Exiting CSEC Involvement)');
    expect(reply('d7-should').feedback).toMatch(/answers his question with what you think he should do, where the guide asks a CASA to be youth-centered/);
    const d7 = scenario().nodes.find((n) => n.id === 'd7-testify');
    const values = d7?.kind === 'decision' ? d7.replies.map((r) => [r.id, replyValue(r)] as const) : [];
    expect(values).toEqual([['d7-team', 2], ['d7-hearings', 1], ['d7-should', -3]]);
  });
});

// 2. dual-involvement d1-supervisor was the only reply at its decision (and one of two in the whole set, both best)
// whose text used the guide's own title, "Advocate Supervisor", and said "your role": a volunteer who knows the
// guide's words could pick it for its vocabulary. d1-hearing beside it says "Beth, your supervisor".
describe('reread-a-56: the guide\'s title "Advocate Supervisor" does not mark the best reply', () => {
  // Session 56 (lead): widened from reread-a's three files to every bundled scenario after the reader found
  // trafficker-contact d1-text-screenshot the last best reply marked so.
  it.each(BUNDLED_IDS)('%s: where a best reply names the "Advocate Supervisor" by that title, a wrong reply at the decision does too', (id) => {
    const marked: string[] = [];
    for (const n of bundledScenario(id).nodes) {
      if (n.kind !== 'decision') continue;
      const top = Math.max(...n.replies.map(replyValue));
      const says = (t: string) => /Advocate Supervisor/i.test(t);
      const best = n.replies.filter((r) => replyValue(r) === top && says(r.text));
      const wrong = n.replies.filter((r) => replyValue(r) < top && says(r.text));
      if (best.length > 0 && wrong.length === 0) marked.push(`${n.id} ${best.map((r) => r.id).join(' ')}`);
    }
    expect(marked).toEqual([]);
  });

  it('dual-involvement d1-supervisor still calls Beth, as the supervisor, to talk the new case through, and is neither the longest nor the shortest', () => {
    const { reply, scenario } = pinsFor('dual-involvement');
    const text = reply('d1-supervisor').text;
    expect(text).toMatch(/Beth, your supervisor/);
    expect(text).not.toMatch(/your role/);
    expect(scored(reply('d1-supervisor'))).toBe('defense-attorney-role follows 2');
    const d1 = scenario().nodes.find((n) => n.id === 'd1-news');
    const lengths = d1?.kind === 'decision' ? d1.replies.map((r) => r.text.length) : [];
    expect(text.length).toBeGreaterThan(Math.min(...lengths));
    expect(text.length).toBeLessThan(Math.max(...lengths));
  });
});

// 3. before-relapse: the mixed ending told for leaving Restoration Funds out of the report (an optional
// recommendation: a missed chance, never a violation) ended "She stops practising in the garage": Rina giving up
// the dance covers with Joy and her friends, which she names at d1 among what helps her, laid at the door of one
// recommendation not made. The strong ending's variant for the same flag tells only the troupe she could not join.
describe('reread-a-56: before-relapse tells the troupe Rina missed, not her giving up what helps her', () => {
  it('no ending told for the funds left out says she stops practising or dancing', () => {
    const endings = bundledScenario('before-relapse').nodes.filter((n): n is EndingNode => n.kind === 'ending');
    const told = endings.flatMap((e) => (e.variants ?? []).filter((v) => JSON.stringify(v.when).includes('"no-funds"')).map((v) => v.narration));
    expect(told).toHaveLength(2);
    for (const t of told) {
      expect(t).toMatch(/fees and shoes were out of reach/);
      expect(t).not.toMatch(/stops (practising|dancing)|garage/);
    }
  });
});

// 4. before-relapse d3-which said "The guide says relapse … should be anticipated (Likelihood of Relapse), and that
// exiting is often done in stages, not all at once; …": the stages claim sat in a sentence cited to Likelihood of
// Relapse, and its own section, Stages of Exiting CSEC Involvement, came only in the next sentence.
describe('reread-a-56: "exiting is often done in stages" is cited to its own section, in its own sentence', () => {
  const sentences = (text: string) => text.split(/(?<=[.!?])(?<!\b(?:Mr|Ms|Mrs)\.)\s+(?=[A-Z"])/);

  it.each(['jae-and-hyung', 'dual-involvement', 'before-relapse'])('%s: every feedback sentence that says exiting happens in stages cites (Stages of Exiting CSEC Involvement)', (id) => {
    const wrong = pinsFor(id).allReplies().flatMap((r) => sentences(r.feedback).filter((s) => /in stages/.test(s) && !s.includes('(Stages of Exiting CSEC Involvement)')).map((s) => `${r.id}: ${s}`));
    expect(wrong).toEqual([]);
  });
});

// 5. dual-involvement d2-intro's facilitator note said the guide asks the CASA "to offer a written strengths-based
// advocacy statement if the attorney requests one". The guide's word is "provide … if requested by the defense
// attorney" (Collaboration with Case Parties), as d3-statement's note and d2-introduce's feedback say.
describe('reread-a-56: dual-involvement says what the guide asks of a statement for the defense attorney: provide it if requested', () => {
  it('d2-intro\'s facilitator note says "provide", as the guide does', () => {
    const d2 = bundledScenario('dual-involvement').nodes.find((n) => n.id === 'd2-intro');
    const note = d2?.kind === 'decision' ? d2.facilitatorNote ?? '' : '';
    expect(note).toMatch(/to provide a written strengths-based advocacy statement if the attorney requests one/);
    expect(note).not.toMatch(/\boffer a written/);
  });
});

// 6. jae-and-hyung d2-open: d2-rule's feedback faults "I'm not allowed" for leaving Jae's fear for Umma unanswered,
// and tells the volunteer to carry what he is afraid of into the talk with the supervisor; but the best reply beside
// it, d2-honest ("… this goes to my supervisor. I'll keep you posted on every step."), did not carry it either, so a
// volunteer shown d2-honest as best practice saw the fault they were told of in it too. It now says it will (as
// couch-rent d3-honest does: "tell her what your tatik means to you"); scoring unchanged.
describe('reread-a-56: jae-and-hyung d2-open\'s best reply carries the fear d2-rule is told it leaves unanswered', () => {
  const { reply, scenario } = pinsFor('jae-and-hyung');

  it('d2-rule is still told it leaves his fear for Umma unanswered, and d2-honest, best practice there, carries that fear to the supervisor', () => {
    expect(reply('d2-rule').feedback).toMatch(/"I'm not allowed" leaves his fear for Umma unanswered/);
    const d2 = scenario().nodes.find((n) => n.id === 'd2-open');
    const replies = d2?.kind === 'decision' ? d2.replies : [];
    const top = Math.max(...replies.map(replyValue));
    expect(replies.filter((r) => replyValue(r) === top).map((r) => r.id)).toEqual(['d2-honest']);
    expect(reply('d2-honest').text).toMatch(/my supervisor\. I'll tell her you're scared for Umma/);
    expect(reply('d2-honest').feedback).toMatch(/carry his fear for Umma into that conversation .*\(CASA Role and Expectations\)\.$/);
    expect(scored(reply('d2-honest'))).toBe('consult-supervisor-on-suspicion follows 2, youth-centered follows 1');
    expect(d2?.kind === 'decision' ? d2.facilitatorNote : '').toMatch(/carrying his fear for his mother into that conversation/);
    // The note says what now goes to the supervisor: the worry, and his fear for his mother; still nobody's status.
    expect(d2?.kind === 'decision' ? d2.facilitatorNote : '').toMatch(/What goes to the supervisor is the worry about Jae's safety, and his fear for his mother; the guide says nothing about reporting anyone's immigration status/);
  });

  it('d2-honest is not the longest reply at d2-open', () => {
    const d2 = scenario().nodes.find((n) => n.id === 'd2-open');
    const lengths = d2?.kind === 'decision' ? d2.replies.map((r) => r.text.length) : [];
    expect(reply('d2-honest').text.length).toBeLessThan(Math.max(...lengths));
  });
});

// 7. dual-involvement d4-unsure's last sentence, "Knowing the basics helps more: the guide lists DREAM court under
// dependency and STAR court under juvenile justice, and public descriptions say …", gave the guide's list with no
// section, beside a claim from the courts' public descriptions; d4-swap and d4-explain cite it (Legal Advocacy).
describe('reread-a-56: where dual-involvement says the guide lists DREAM and STAR court, the sentence cites Legal Advocacy', () => {
  const sentences = (text: string) => text.split(/(?<=[.!?])(?<!\b(?:Mr|Ms|Mrs)\.)\s+(?=[A-Z"])/);

  it('every feedback sentence that gives the guide\'s list of the two courts cites (Legal Advocacy), before any public description', () => {
    const said = pinsFor('dual-involvement').allReplies().flatMap((r) => sentences(r.feedback).filter((s) => /the guide lists DREAM court/.test(s)).map((s) => [r.id, s] as const));
    expect(said.map(([id]) => id).sort()).toEqual(['d4-explain', 'd4-swap', 'd4-unsure']);
    for (const [id, s] of said) {
      expect(s, id).toMatch(/the guide lists DREAM court under dependency and STAR court under juvenile justice[^.]*\(Legal Advocacy\)/);
      if (/public descriptions/.test(s)) expect(s.indexOf('(Legal Advocacy)'), id).toBeLessThan(s.indexOf('public descriptions'));
    }
  });
});
