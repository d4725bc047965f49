import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';
import { endedOn } from '../helpers/story.js';
import { strongAfter } from '../helpers/strong-after.js';

// Session reader-a-57: a fresh reader's pass over harm-reduction, youth-discloses and red-flags, against the
// guide (the only source for scoring). Each case was seen failing on the files as they stood before the fix.

const FILES = ['harm-reduction', 'youth-discloses', 'red-flags'] as const;
// Sentences, not split after a title ("Ms. Castillo") or inside a parenthesis's full stop (as story-54b).
const sentences = (text: string) => text.split(/(?<=[.!?]["”)]?)(?<!\b(?:Mr|Ms|Mrs)\.)\s+(?=[A-Z"“])/);
const scored = (id: string, node: string, reply: string) =>
  bundledReply(id, node, reply).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', ');
const decisions = (s: Scenario) => s.nodes.flatMap((n) => (n.kind === 'decision' ? [n] : []));
const value = (r: { assessments: { verdict: string; weight?: number }[] }) =>
  r.assessments.reduce((t, a) => t + (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1), 0);

// 1. harm-reduction d7-step-back ("Honestly? He needs a CASA who can actually get through to him. Maybe I should
// step back.") is said to Grace, in supervision, when she asks how you are doing. It was faulted on ongoing-support,
// whose sentence speaks of a youth who has exited ("support must not simply stop at exiting", Stages of Exiting
// CSEC Involvement); Elías has told you he will keep going to Cole's, and the guide says nothing of a volunteer
// stepping back from a case (testifying d8-step-back lost the same fault in contenta-54). Its feedback also said
// "This is a feeling to talk through with Grace", to a volunteer doing just that, and the debrief called self-care
// a chance missed. It is now credited on self-care (Self-Care: discuss challenges with your Advocate Supervisor),
// as d7-square-one is, and faulted where it goes wrong: his going back read as your failure (Likelihood of Relapse).
describe('story-57a: harm-reduction d7-step-back is told to Grace, and Elías has not exited', () => {
  const PATH = ['d1-glad', 'd2-need', 'd3-plan', 'd4-words', 'd5-share', 'd6-glad', 'd7-step-back', 'd8-steps', 'd9-review'];

  it('is scored on self-care and on relapse-not-personal, as d7-square-one is scored on self-care and what it misses', () => {
    expect(scored('harm-reduction', 'd7-self', 'd7-step-back')).toBe('self-care follows 1, relapse-not-personal violates 1');
    expect(scored('harm-reduction', 'd7-self', 'd7-square-one')).toBe('self-care follows 1, validate-each-step violates 1');
    const assessed = decisions(bundledScenario('harm-reduction')).flatMap((d) => d.replies).flatMap((r) => r.assessments.map((a) => a.principle));
    expect(assessed).not.toContain('ongoing-support');
  });

  it('its feedback cites what it is scored on, and does not send the volunteer to Grace as if they were not talking to her', () => {
    const f = bundledReply('harm-reduction', 'd7-self', 'd7-step-back').feedback;
    expect(f).toMatch(/discuss challenges with their Advocate Supervisor \(Self-Care\)/);
    expect(f).toMatch(/not a reflection of your efforts.*\(Likelihood of Relapse\)/);
    expect(f).not.toMatch(/talk through with Grace|Stages of Exiting|ongoing support/);
    const note = bundledDecision('harm-reduction', 'd7-self').facilitatorNote ?? '';
    expect(note).not.toMatch(/support continues through a cycle/);
    expect(note).toMatch(/says nothing about a volunteer stepping back from a case/);
  });

  it('played through, the debrief follows self-care there and no longer reports ongoing support as broken; the story still tells the distance kept', () => {
    const d = endedOn('harm-reduction', PATH);
    const by = (p: string) => d.principles.find((x) => x.principleId === p);
    expect(by('ongoing-support')).toBeUndefined();
    expect(by('self-care')?.status).toBe('followed');
    expect(by('relapse-not-personal')?.status).toBe('violated');
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/kept a little distance, and he noticed/);
  });
});

// 2. Feedback in two or three sentences (docs/authoring.md section 6). harm-reduction d6r-go had five, d6-address,
// d6-silent and d7-step-back four, youth-discloses d3-victim four.
describe('story-57a: no feedback in the three files runs past three sentences', () => {
  it.each(FILES)('%s', (id) => {
    const long = decisions(bundledScenario(id)).flatMap((d) => d.replies).filter((r) => sentences(r.feedback).length > 3).map((r) => r.id);
    expect(long).toEqual([]);
  });

  it('the shortened feedback keeps what it said and the sections of what it is scored on', () => {
    for (const r of ['d6r-go', 'd6-address']) {
      const f = bundledReply('harm-reduction', r === 'd6r-go' ? 'd6-ride' : 'd6-text', r).feedback;
      expect(f, r).toContain('redirect to the CSW to make the arrangements');
      expect(f, r).toMatch(/not first responders \(Prohibited Activities\)/);
      expect(f, r).toMatch(/the one who can get him somewhere safe.*\(Collaboration with Case Parties\)/);
    }
    expect(bundledReply('harm-reduction', 'd6-ride', 'd6r-go').feedback).toMatch(/fill Ms\. Castillo in.*A promise that breaks the rule is one to take back\.$/);
    const silent = bundledReply('harm-reduction', 'd6-text', 'd6-silent').feedback;
    for (const s of ['(Prohibited Activities)', '(What if my youth left placement or their whereabouts are unknown?)', '(Likelihood of Relapse)']) expect(silent).toContain(s);
    const victim = bundledReply('youth-discloses', 'd3-listen', 'd3-victim').feedback;
    expect(victim).toMatch(/^Thanking her and telling her she is not in trouble is the right start/);
    expect(victim).toContain('(Stages of Exiting CSEC Involvement)');
    expect(victim).toMatch(/Stop after the reassurance, and let her say more if she wants to\.$/);
  });
});

// 3. youth-discloses d6-why. Since v43 d6-weekend does not score the guide's reassurance that the youth's safety is
// the main priority (Kiara has gone back to no one: Likelihood of Relapse), and the note says so. d6-why's feedback
// still said "It would be stronger still if she also heard that her safety comes first for you", pointing at what
// the decision does not score, while the debrief marks The youth defines their own safety as the chance missed there
// (d6-safety: "what would help you feel safer?", Harm Reduction). It now points at that.
describe('story-57a: youth-discloses d6-why points to what the best reply does and it does not', () => {
  it('names letting her define safety, with its section, and not the reassurance the decision does not score', () => {
    expect(scored('youth-discloses', 'd6-weekend', 'd6-why')).toBe('harm-reduction-unmet-needs follows 2');
    expect(scored('youth-discloses', 'd6-weekend', 'd6-safety')).toBe('harm-reduction-self-determination follows 2, harm-reduction-unmet-needs follows 1');
    const f = bundledReply('youth-discloses', 'd6-weekend', 'd6-why').feedback;
    expect(f).not.toMatch(/safety comes first|safety matters most/);
    expect(f).toMatch(/what would help her feel safer.*how she defines it \(Harm Reduction\)\.$/);
  });

  it('played through, the chance the debrief says was missed there is the one the feedback names', () => {
    const d = endedOn('youth-discloses', ['d1-curious', 'd2-needs', 'd3-thank', 'd4-honest', 'd5-accurate', 'd6-why', 'd7-share', 'd8-strengths']);
    expect(d.principles.find((x) => x.principleId === 'harm-reduction-self-determination')?.status).toBe('missed');
  });
});

// 4. red-flags r-boyfriend-direct was faulted because "two questions fired at her across a table are interrogating",
// while the best reply beside it asks two questions too ("What's he like? What do you two do when you hang out?").
// The guide draws no line at a number of questions: asking for more about a boyfriend may be appropriate, interrogating
// is not (Red Flags). The feedback now names what these two questions do: press her on what he has her do, then on
// whether she is being trafficked.
describe('story-57a: no feedback faults a number of questions that the best reply at its decision asks as well', () => {
  const WORDS: Record<string, number> = { two: 2, three: 3, four: 4 };
  it.each(FILES)('%s', (id) => {
    const wrong: string[] = [];
    for (const d of decisions(bundledScenario(id))) {
      const best = d.replies.reduce((b, r) => (value(r) > value(b) ? r : b));
      const asked = (best.text.match(/\?/g) ?? []).length;
      for (const r of d.replies) {
        if (r === best) continue;
        const m = /\b(two|three|four) questions\b/i.exec(r.feedback);
        const faulted = m ? WORDS[(m[1] ?? '').toLowerCase()] ?? 0 : 0;
        if (m && faulted > 0 && asked >= faulted) wrong.push(`${r.id}: "${m[0]}", and ${best.id} asks ${asked}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('r-boyfriend-direct keeps its scoring, and its feedback names what its questions press her on', () => {
    expect(scored('red-flags', 'r-boyfriend', 'r-boyfriend-direct')).toBe('no-direct-csec-questions violates 2, curious-not-interrogating violates 1');
    const f = bundledReply('red-flags', 'r-boyfriend', 'r-boyfriend-direct').feedback;
    expect(f).toMatch(/^Asking directly about CSEC activity may offend or alienate her/);
    expect(f).toMatch(/what he has her do, then on whether she is being trafficked, is interrogating her.*\(Red Flags\)/);
    expect(f).toMatch(/Take the worry to your Advocate Supervisor/);
  });
});

// 5. red-flags' content note named official identification, a delinquency charge, testifying and immigration, but not
// the four days Yesi spends away from placement without permission (s-time-skip), a topic harm-reduction's note names.
describe('story-57a: red-flags names in its content note every difficult topic it tells', () => {
  it('names her leaving placement without permission, in the guide\'s words', () => {
    expect(bundledScenario('red-flags').contentNote).toMatch(/leaving placement without permission/);
    expect(bundledScenario('red-flags').nodes.find((n) => n.id === 's-time-skip')).toMatchObject({ narration: expect.stringMatching(/left placement without permission for four days/) });
  });
});

// 6. red-flags r-new-team. Skipping Keisha and the case manager for Ms. Brooks (Keisha never hears from you, the bus
// pass never comes, Yesi walks forty minutes to school), or texting Keisha's cell without the authorization form
// (she asks Yesi how her CASA got her number), could still end strong on the ending's own narration: "Now her team
// works together, ... Keisha from Saving Innocence, her CLC case manager, ... and you know where you fit in it".
// Each now counts among the things Yesi's team did not get from you (the form Saving Innocence needs: Collaboration
// with Case Parties), so a Strong-band playthrough through them is told the strong ending's variant that says so.
describe('story-57a: red-flags does not tell a volunteer who went around Keisha that they know where they fit', () => {
  const BEST = ['r-nails-curious', 'r-boyfriend-light', 'r-denise-balanced', 'r-supervisor-facts', 'r-csw-share', 'r-two-workers-explain', 'r-new-team-proper', 'r-defense-yes', 'r-immigration-clc', 'r-testify-team', 'r-plan-together'];
  it.each(['r-new-team-attorney', 'r-new-team-text-keisha'])('%s, the rest best practice', (reply) => {
    const d = endedOn('red-flags', BEST.map((r) => (r === 'r-new-team-proper' ? reply : r)));
    expect(d.ending?.id).toBe('end-strong');
    expect(d.ending?.narration).not.toMatch(/and you are part of it/);
    expect(d.ending?.narration).toMatch(/something her team needed from you did not reach them, and you are still learning where you fit in it/);
  });

  it('the best path still ends on the strong ending\'s own narration', () => {
    expect(endedOn('red-flags', BEST).ending?.narration).toMatch(/and you are part of it/);
  });
});

// 7. harm-reduction ended strong (83%) after d2-using ("Elías, Cole isn't your friend. He's a grown man taking advantage
// of you."), its trust climbing back to 60. The guide notes youth "may develop bonds and positive associations toward
// their trafficker" and asks CASAs "to remain open-minded and non-judgmental" (Stages of Exiting CSEC Involvement); the
// same words ended strong in the-list until story-56a, and youth-discloses and red-flags already keep a judgement of
// the youth's loyalty from a strong ending. The strong route now reads that conduct, and the mixed ending tells it.
describe('story-57a: harm-reduction does not end strong after "Cole isn\'t your friend"', () => {
  const BEST = ['d1-glad', 'd2-need', 'd3-plan', 'd4-words', 'd5-share', 'd6-glad', 'd7-honest', 'd8-steps', 'd9-review'];

  it('no playthrough that breaks non-judgmental ends strong', () => {
    expect([...strongAfter(bundledScenario('harm-reduction'), ['non-judgmental']).keys()]).toEqual([]);
  });

  it('d2-using then the best of everything else, at 83%, ends mixed and says why', () => {
    const d = endedOn('harm-reduction', BEST.map((r) => (r === 'd2-need' ? 'd2-using' : r)));
    expect(d.score.percent).toBe(83);
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/you told him Cole isn't his friend\. What the weekends are like, he takes to Daniel at the Thursday group, not to you\.$/);
    expect(endedOn('harm-reduction', BEST).ending?.id).toBe('end-strong');
  });
});

describe('story-57a: each changed file is one version on', () => {
  it('harm-reduction 40, youth-discloses 44, red-flags 38', () => {
    expect(bundledScenario('harm-reduction').version).toBeGreaterThanOrEqual(40); // 41 since reader-e-60 (story-60f)
    expect(bundledScenario('youth-discloses').version).toBeGreaterThanOrEqual(44); // 45 since reader-d-60 (story-60d)
    expect(bundledScenario('red-flags').version).toBeGreaterThanOrEqual(38); // 39 since reader-a-60 (story-60a)
  });
});
