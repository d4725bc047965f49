import { describe, expect, it } from 'vitest';
import { bundledReply, bundledScenario } from '../helpers/bundled.js';
import { endedOn } from '../helpers/story.js';

// Session reader-b-57: a fresh reader's pass over boy-red-flags, testifying and whereabouts-unknown.

// A sentence ends at . ? or ! before a capital or a quote, but not at "Mr." or "Ms." before a name.
const sentences = (t: string): string[] => t.split(/(?<!\b(?:Mr|Ms|Mrs|Dr)\.)(?<=[.?!])\s+(?=[A-Z"])/).filter((x) => x.trim() !== '');

const BOY_BEST = ['d1-maybe', 'd2-light', 'd3-careful', 'd4-jonah', 'd5-person', 'd6-ray'];

// 1. boy-red-flags d3-secret's feedback ran to four sentences, the last ("A promise you cannot keep costs more later
// than an honest answer now.") a maxim of its own, resting on no section of the guide. Feedback keeps to what the
// guide says, in two or three sentences (docs/authoring.md, section 6).
describe('reader-b-57: boy-red-flags feedback keeps to three sentences and to the guide', () => {
  it('no reply\'s feedback runs past three sentences', () => {
    const long = bundledScenario('boy-red-flags').nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []))
      .filter((r) => sentences(r.feedback).length > 3).map((r) => r.id);
    expect(long).toEqual([]);
  });

  it('d3-secret keeps its guide citation and the mandated-reporter fact named as CASA/LA\'s own, without the maxim', () => {
    const f = bundledReply('boy-red-flags', 'd3-open', 'd3-secret').feedback;
    expect(f).toContain('discuss it with your Advocate Supervisor to figure out the best next steps');
    expect(f).toContain('(Red Flags)');
    expect(f).toContain('(CASA/LA\'s own statement, not the guide\'s)');
    expect(f).not.toMatch(/costs more later/);
  });
});

// 2. boy-red-flags end-mixed, after d4-search (looking Vince up online), opened "When you tell Jonah you looked Vince
// up online": the playthrough never tells Jonah anything (d4-search takes the suspicion to no one, and the next
// scene has Ray calling Ms. Ortega himself), so the ending told an act the volunteer did not do.
describe('reader-b-57: boy-red-flags, the ending after the search tells no confession the volunteer never made', () => {
  it('Jonah learns of the search; the volunteer is not said to have told him', () => {
    const d = endedOn('boy-red-flags', BOY_BEST.map((r) => (r === 'd4-jonah' ? 'd4-search' : r)));
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).not.toMatch(/you tell(s)? Jonah|you told Jonah/);
    expect(d.ending?.narration).toMatch(/Jonah learns that you looked Vince up online/);
    expect(d.ending?.narration).toMatch(/CASAs don't investigate/);
  });
});

// 3. testifying d8-step-back ("Honestly? Drained. Maybe someone with more court experience should take her through
// the trial. What do you think?") is credited on self-care (+1, as d8-share is), and the d8 note says the guide says
// nothing about a volunteer stepping back and nothing here is scored on it (contenta-54 dropped its fault). Yet the
// flag it sets kept every playthrough from the strong ending, and the mixed ending told "for a few weeks you kept a
// little distance, and Selene noticed", a distance no reply kept. Two replies worth the same, one ending strong and
// one mixed on a consequence the path never showed: the ending now follows the conduct the guide scores.
describe('reader-b-57: testifying, asking Hannah whether to step back is not made a lesser ending', () => {
  const BEST = ['d1-scary', 'd2-around', 'd3-team', 'd4-arrange', 'd5-check', 'd6-forward', 'd7-tell'];

  it('d8-step-back and d8-share, worth the same, end the same way after the best path; the strong ending tells the question asked', () => {
    const step = endedOn('testifying', [...BEST, 'd8-step-back']);
    const share = endedOn('testifying', [...BEST, 'd8-share']);
    expect(step.score.percent).toBe(share.score.percent);
    expect(step.ending?.id).toBe('end-strong');
    expect(share.ending?.id).toBe('end-strong');
    expect(step.ending?.narration).toMatch(/told Hannah how drained you were and asked whether someone with more court experience should take Selene through the trial/);
    expect(share.ending?.narration).not.toMatch(/Hannah/);
  });

  it('no ending tells a distance kept from Selene that no reply kept', () => {
    const endings = bundledScenario('testifying').nodes.filter((n) => n.kind === 'ending');
    const told = endings.flatMap((e) => [e.narration ?? '', ...((e.kind === 'ending' ? e.variants : undefined) ?? []).map((v) => v.narration ?? '')]);
    expect(told.filter((t) => /kept a little distance/.test(t))).toEqual([]);
  });

  it('a playthrough with d8-step-back that ends mixed is told what else went wrong (here the DA email), not the step back', () => {
    const d = endedOn('testifying', [...BEST.map((r) => (r === 'd7-tell' ? 'd7-da' : r)), 'd8-step-back']);
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/from the DA's office, not from you/);
  });
});

// 4. whereabouts-unknown d8-kitchen: d8-plan ("Could we write a simple plan, in your words, for when things feel
// unsafe?") was the only reply to speak of feeling unsafe, the guide's own frame for a safety plan ("when unsafe
// circumstances arise", What if my youth returns from leaving placement?), so the word alone pointed to it. The plan
// written for her (d8-wrote) now says what it is for too, and what sets the two apart is whose words the plan is in.
describe('reader-b-57: whereabouts-unknown d8-kitchen, the plan made with her is told from the plan written for her by whose it is, not by the guide\'s word', () => {
  it('d8-wrote names what its plan is for, as d8-plan does, and is still the plan written before she said a word', () => {
    const wrote = bundledReply('whereabouts-unknown', 'd8-kitchen', 'd8-wrote');
    const plan = bundledReply('whereabouts-unknown', 'd8-kitchen', 'd8-plan');
    expect(plan.text).toMatch(/feel unsafe/);
    expect(wrote.text).toMatch(/feel unsafe/);
    expect(wrote.text).toMatch(/I wrote out a plan for you before I came/);
    expect(plan.text).toMatch(/in your words/);
    expect(wrote.text).not.toMatch(/your words/);
    expect(wrote.assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`))
      .toEqual(['resources-reduce-harm follows 1', 'harm-reduction-self-determination violates 1']);
  });
});

// 5. testifying end-mixed after d6-block (the cousin's message deleted, kept from everyone) said the team learns of it
// "only when you mention it weeks later": like boy-red-flags' "When you tell Jonah" (2), it gave a volunteer who told
// no one an owning-up the playthrough never made. The team still learns of it only weeks later.
describe('reader-b-57: testifying, the ending after the deleted message credits no owning-up', () => {
  it('after d6-block the ending tells the team learning of it late, not the volunteer mentioning it', () => {
    const path = ['d1-scary', 'd2-around', 'd3-team', 'd4-arrange', 'd5-check', 'd6-block', 'd7-tell', 'd8-honest'];
    const d = endedOn('testifying', path);
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/learns about the message you deleted only weeks later/);
    expect(d.ending?.narration).not.toMatch(/when you mention|you tell|you told (Hannah|Ms\. Ibarra|the team)/);
  });
});
