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

  it('played through, the debrief does not report ongoing-support as broken; the story still tells the distance kept', () => {
    const d = endedOn('testifying', [...BEST, 'd8-step-back']);
    expect(d.principles.find((p) => p.principleId === 'ongoing-support')).toBeUndefined();
    expect(d.principles.find((p) => p.principleId === 'self-care')?.status).not.toBe('violated');
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/kept a little distance/);
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

describe('contenta-54: no feedback in either file runs past three sentences (docs/authoring.md: two or three)', () => {
  // testifying d1-right, d1-prison and d1-tell-court, and saturday-shoots d4-rescue, had four.
  it.each(['testifying'])('%s', (id) => {
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
