import { describe, expect, it } from 'vitest';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';
import { endedOn } from '../helpers/story.js';

// Session contenta-54: judgement calls readers left in testifying and saturday-shoots, decided against the
// guide (the only source for scoring). Each case was seen failing on the files as they stood before the fix.

// Sentences, not split after a title ("Mr. Osei") or inside a parenthesis's full stop.
const sentences = (text: string) => text.split(/(?<=[.!?]["”)]?)(?<!\b(?:Mr|Ms|Mrs)\.)\s+(?=[A-Z"“])/);
const scored = (id: string, node: string, reply: string) =>
  bundledReply(id, node, reply).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', ');

describe('contenta-54: testifying d8-step-back is not faulted on ongoing-support', () => {
  // The guide's ongoing-support sentence is about a youth after exiting: "support must not simply stop at exiting"
  // (Stages of Exiting CSEC Involvement). The reply stops nothing: a drained volunteer asks the Advocate Supervisor
  // whether someone with more court experience should take Selene through the trial, which is discussing a
  // challenge with her (Self-Care). The guide says nothing on stepping back from a case, so the violation went.
  const BEST = ['d1-scary', 'd2-around', 'd3-team', 'd4-arrange', 'd5-check', 'd6-forward', 'd7-tell'];

  it('is credited on self-care only, below the best reply, and its feedback makes no claim from Stages of Exiting', () => {
    expect(scored('testifying', 'd8-self', 'd8-step-back')).toBe('self-care follows 1');
    expect(scored('testifying', 'd8-self', 'd8-honest')).toBe('self-care follows 2');
    const f = bundledReply('testifying', 'd8-self', 'd8-step-back').feedback;
    expect(f).not.toMatch(/Stages of Exiting|must not simply stop|handing her on now/);
    expect(f).toMatch(/discuss(ing)? a challenge with your Advocate Supervisor.*\(Self-Care\)/);
    expect(f).toMatch(/EAP program and share & support/);
    expect(sentences(f).length).toBeLessThanOrEqual(3);
  });

  it('ongoing-support is no longer a learning goal (no reply assesses it) and the note does not claim it', () => {
    const s = bundledScenario('testifying');
    expect(s.learningGoals).not.toContain('ongoing-support');
    const assessed = s.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).flatMap((r) => r.assessments.map((a) => a.principle));
    expect(assessed).not.toContain('ongoing-support');
    const note = bundledDecision('testifying', 'd8-self').facilitatorNote ?? '';
    expect(note).not.toMatch(/Stages of Exiting|must not simply stop/);
    expect(note).toMatch(/says nothing about a volunteer stepping back from a case/);
  });

  it('played through, the debrief does not report ongoing-support as broken; the story tells the question asked of Hannah', () => {
    // reader-b-57: the strong ending no longer shuts out d8-step-back (story-57b), and tells what was said.
    const d = endedOn('testifying', [...BEST, 'd8-step-back']);
    expect(d.principles.find((p) => p.principleId === 'ongoing-support')).toBeUndefined();
    expect(d.principles.find((p) => p.principleId === 'self-care')?.status).not.toBe('violated');
    expect(d.ending?.id).toBe('end-strong');
    expect(d.ending?.narration).toMatch(/asked whether someone with more court experience should take Selene through the trial/);
  });
});

describe('contenta-54: testifying d1 note says what the guide says about the legal question', () => {
  // "Whether she has to testify is a legal question, and that is the route for it" made the guide's Legal
  // Advocacy support (maintaining communication among the case parties) the route for a legal answer, which the
  // guide does not say. It names the dependency attorney as providing legal advocacy in the dependency system.
  it('the note no longer calls the case parties "the route" and names the attorney\'s legal advocacy in the dependency system', () => {
    const note = bundledDecision('testifying', 'd1-have-to').facilitatorNote ?? '';
    expect(note).not.toMatch(/route for it/);
    expect(note).toMatch(/Whether she has to testify is a legal question, and the guide does not answer it/);
    expect(note).toMatch(/provides legal advocacy for children and youth in the dependency system \(Collaboration with Case Parties\)/);
  });
});

describe('contenta-54: saturday-shoots d4 is true to a story in which Meron has already been to the shoots', () => {
  // The d4 reassurance was once credited "before anything has happened", when Meron has been to shoots (and on one
  // path a party) already; safety-53 dropped it from the feedback, but the note still said she "has not gone back to
  // anyone", which reads as if she had not been going. It now says she has been and will go again, and why the
  // guide's reassurance for a youth who returns to their trafficker is still not scored.
  it('no text at d4 says nothing has happened yet; the note says she has been to the shoots and means to go again', () => {
    const d = bundledDecision('saturday-shoots', 'd4-secret');
    for (const r of d.replies) expect(`${r.text} ${r.feedback}`, r.id).not.toMatch(/before anything (has )?happened/);
    expect(d.facilitatorNote ?? '').not.toMatch(/before anything (has )?happened/);
    expect(d.facilitatorNote ?? '').toMatch(/Meron has already been to Miss Dee's shoots and means to go again on Saturday, but she has not left anyone to go back to/);
  });

  it('d4-dawson\'s and d4-rescue\'s feedback keep to three sentences and keep their guide citations', () => {
    const dawson = bundledReply('saturday-shoots', 'd4-secret', 'd4-dawson').feedback;
    expect(sentences(dawson).length).toBeLessThanOrEqual(3);
    expect(dawson).toMatch(/Advocate Supervisor to figure out the best next steps \(Red Flags\)/);
    const rescue = bundledReply('saturday-shoots', 'd4-secret', 'd4-rescue').feedback;
    expect(sentences(rescue).length).toBeLessThanOrEqual(3);
    expect(rescue).toMatch(/redirect to the CSW to make arrangements/);
    expect(rescue).toMatch(/\(Prohibited Activities\)\.$/);
  });
});

describe('contenta-54: no feedback in either file runs past three sentences (docs/authoring.md: two or three)', () => {
  // testifying d1-right, d1-prison and d1-tell-court, and saturday-shoots d4-rescue, had four.
  it.each(['testifying', 'saturday-shoots'])('%s', (id) => {
    const long = bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []))
      .filter((r) => sentences(r.feedback).length > 3).map((r) => r.id);
    expect(long).toEqual([]);
  });

  it('the tightened d1 feedback keeps its citations and what it says', () => {
    expect(bundledReply('testifying', 'd1-have-to', 'd1-prison').feedback).toMatch(/a promise that fails lands on her/);
    for (const id of ['d1-right', 'd1-prison', 'd1-tell-court']) {
      const f = bundledReply('testifying', 'd1-have-to', id).feedback;
      expect(f, id).toContain('(CASA Role and Expectations)');
      expect(f, id).toContain('most importantly her CSW and dependency attorney (Legal Advocacy)');
    }
  });
});
