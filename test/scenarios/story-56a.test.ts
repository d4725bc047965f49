import { describe, expect, it } from 'vitest';
import { getPrinciple, getSection, principles } from '../../src/machines/guide.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { bundledReply, bundledScenario } from '../helpers/bundled.js';
import { endedOn, toldBetween } from '../helpers/story.js';
import { strongAfter } from '../helpers/strong-after.js';

// Session content-56: content judgement calls left by last session's readers, decided with the guide as the source of truth.

const scored = (id: string, node: string, reply: string) =>
  bundledReply(id, node, reply).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`);
const heading = (principle: string) => `(${getSection(getPrinciple(principle)?.section ?? '')?.heading})`;
const decision = (s: Scenario, id: string) => {
  const n = s.nodes.find((x) => x.id === id);
  if (n?.kind !== 'decision') throw new Error(`${s.id} has no decision ${id}`);
  return n;
};
const nodeText = (s: Scenario, id: string) => {
  const n = s.nodes.find((x) => x.id === id);
  return n && 'narration' in n ? n.narration ?? '' : '';
};

/** Principles whose rule (principles.json) holds only once the youth has gone back to the person exploiting them. */
const onlyAfterReturnToExploiter = principles.filter((p) => /^If the youth (goes back|returns) to the person exploiting them\b/.test(p.rule)).map((p) => p.id);

// 1. couch-rent. d1-promise ("I was worried sick. I'm so glad you're back. Just promise me: no more nights away, okay?")
// was credited on safety-is-priority. That reassurance is asked "Should a youth return to their trafficker": "that your
// main priority is their safety regardless of their choices" (Likelihood of Relapse). At d1 nobody has named Vic, and a
// promise to stop ties your relief to their choice. left-placement-calls d7-promise lost the same credit in session
// lpc-54; like it, and like the worked example, the reply now asks why Arev left (Harm Reduction) and then asks for the
// promise the guide says no one can make a youth keep (What if my youth returns from leaving placement?).
// d7-card put "my number" first on a card for "a night that goes wrong", the same invitation d6-on-call ("text me any
// hour") is faulted for as crisis intervention (Prohibited Activities), unscored there. The card now names the CSW,
// the house and a hotline, so that it tests only what it is scored on: a plan written for Arev, not with them.
describe('story-56a: couch-rent scores the promise and the card as the guide does', () => {
  const ID = 'couch-rent';

  it('d1-promise asks why Arev left, then asks for the promise; no relapse reassurance is credited where nobody has gone back to anyone', () => {
    const r = bundledReply(ID, 'd1-bench', 'd1-promise');
    expect(r.text).toMatch(/Is that why you left\? Just promise me: no more nights away, okay\?$/);
    expect(scored(ID, 'd1-bench', 'd1-promise')).toEqual(['harm-reduction-unmet-needs follows 1', 'resources-reduce-harm violates 1']);
    for (const p of ['harm-reduction-unmet-needs', 'resources-reduce-harm']) expect(r.feedback, p).toContain(heading(p));
    expect(r.feedback).toMatch(/cannot stop a child from running away/);
    expect(r.feedback).not.toMatch(/Likelihood of Relapse|safety first|main priority/);
    const d1 = decision(bundledScenario(ID), 'd1-bench');
    expect(d1.replies.flatMap((x) => x.assessments).filter((a) => onlyAfterReturnToExploiter.includes(a.principle))).toEqual([]);
  });

  it('every reply that invites Arev to reach the volunteer on a bad night or at any hour is scored as crisis intervention', () => {
    const s = bundledScenario(ID);
    const inviting = s.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).filter((r) => /\bmy number\b|\bany hour\b|\bcall me\b|\bkeep texting me\b/i.test(r.text));
    expect(inviting.map((r) => r.id).sort()).toEqual(['d5-stay', 'd6-on-call']);
    for (const r of inviting) expect(r.assessments.find((a) => a.principle === 'not-first-responder')?.verdict, r.id).toBe('violates');
    const card = bundledReply(ID, 'd7-plan', 'd7-card');
    expect(card.text).toBe("I wrote you a plan for a night that goes wrong: Mr. Ferreira's number, the house's and a 24-hour hotline. Keep it in your phone case.");
    expect(scored(ID, 'd7-plan', 'd7-card')).toEqual(['resources-reduce-harm follows 1', 'harm-reduction-self-determination violates 1']);
  });
});

// 2. the-list ended strong (82%) after d5-doing ("if you bring Kenny, you'd be doing to him the same thing that's being
// done to you") or d6-friend ("He isn't your friend, Bảo"), because trust climbed back to 60. The guide would call both
// poor: youth "may be ... made to feel accountable for their situation by their trafficker", may "develop bonds and
// positive associations toward their trafficker", and "it is important for CASAs to remain open-minded and
// non-judgmental" (Stages of Exiting CSEC Involvement). The strong route now reads that conduct, and the mixed ending
// tells what each cost. (d6-hurt, which takes the blame off him but passes over his feelings, still may: see the report.)
describe('story-56a: the-list does not end strong after a judgement of Bảo or of the man he is loyal to', () => {
  const ID = 'the-list';
  const BEST = ['d1-hear', 'd2-light', 'd3-carry', 'd4-marcus', 'd5-honest', 'd6-miss', 'd7-go', 'd8-next', 'd9-strengths'];

  it.each(['d5-doing', 'd6-friend'])('no playthrough through %s ends strong', (id) => {
    expect(strongAfter(bundledScenario(ID), [], { through: id, first: true }).get(id)).toBeUndefined();
  });

  it('no playthrough that breaks non-judgmental ends strong', () => {
    expect([...strongAfter(bundledScenario(ID), ['non-judgmental']).keys()]).toEqual([]);
  });

  it.each([
    { from: 'd5-honest', to: 'd5-doing', percent: 82, told: /^The hearing goes smoothly\. Bảo is polite with you, and careful: when he told you about Kenny, he heard back from you that he would be doing to Kenny what was being done to him\./ },
    // Since reader-c-60, d6-friend also goes against validate-loss (story-60c.test.ts): 79%, no longer in the Strong band.
    { from: 'd6-miss', to: 'd6-friend', percent: 79, told: /^The hearing goes smoothly\. Bảo is polite with you, and careful: when he told you Chú Vinh was not some monster, you told him the man was not his friend\./ },
  ])('$to then the best of everything else, at $percent%, ends mixed and says why', ({ from, to, percent, told }) => {
    const d = endedOn(ID, BEST.map((r) => (r === from ? to : r)));
    expect(d.score.percent).toBe(percent);
    expect(d.ending).toMatchObject({ id: 'end-mixed', kind: 'mixed' });
    expect(d.ending?.narration).toMatch(told);
    expect(d.ending?.narration).toMatch(/takes it to Ms\. Ochoa and his peer advocate, not you\.$/);
  });
});

// 3. trafficker-contact. d8-plan-rescue (a new phone and school runs "so none of them can get near her", Ms. Okafor told
// "once it's set up") was scored only on the supervisor and the team. What the guide says of such a rescue is that
// youth are "the curators of their own safety, including how they define safety" (Harm Reduction), and Imani is not
// asked. Said to Dana, it stays a plan brought to her already settled (as red-flags r-plan-judge, "Tell Alma you'll
// email the dependency judge yourself"), so plan-advocacy-with-supervisor stays. d7-supervisor-watching keeps its
// scoring (a search for the volunteer alone is not credited on the supervisor: docs section 6); its feedback now says
// what goes against self-care, since "Telling Dana is honest" read alone sounded like the guide's step.
describe('story-56a: trafficker-contact scores the rescue on the youth\'s own safety, and says why the watch is not self-care', () => {
  const ID = 'trafficker-contact';

  it('d8-plan-rescue is faulted for defining Imani\'s safety without her, besides the supervisor and the CSW', () => {
    expect(scored(ID, 'd8-plan', 'd8-plan-rescue')).toEqual(['plan-advocacy-with-supervisor violates 1', 'team-communication violates 1', 'harm-reduction-self-determination violates 1']);
    const r = bundledReply(ID, 'd8-plan', 'd8-plan-rescue');
    for (const a of r.assessments) expect(r.feedback, a.principle).toContain(heading(a.principle));
    expect(r.feedback).toMatch(/made without her: harm reduction lets a youth be the curator of her own safety, including how she defines it \(Harm Reduction\)/);
    expect(r.feedback).not.toMatch(/made alone/);
    expect(decision(bundledScenario(ID), 'd8-plan').facilitatorNote).toMatch(/curator of her own safety/);
  });

  it('d7-supervisor-watching keeps its scoring, and its feedback names what goes against self-care', () => {
    expect(scored(ID, 'd7-supervisor', 'd7-supervisor-watching')).toEqual(['no-investigating violates 3', 'self-care violates 1']);
    expect(bundledReply(ID, 'd7-supervisor', 'd7-supervisor-watching').feedback).toMatch(/A nightly watch in place of sleep is not the care of yourself the guide strongly encourages either: for the fear itself, it points you to your Advocate Supervisor, the EAP program and share & support \(Self-Care\)\.$/);
  });
});

// 4. court-report. In the story DCFS assigned the CSEC unit last week and Lupe has been open with her CSW and attorney,
// which is the guide's test ("confirmed by DCFS/the court (i.e. there is a CSEC unit assigned or youth has openly
// disclosed to team)", Court Report). On the way that skips the call to Ms. Alvarez, the scenario said "nothing
// confirmed by DCFS or the court", false in its own story, and nothing of the disclosure Lupe may just have told you of
// ("my social worker Ms. Alvarez and my lawyer know about the stuff with Damian. I told them"). It now says what is
// not confirmed to you, names both parts of the guide's test, and leaves what Lupe told her team to her CSW.
describe('story-56a: court-report says what is unconfirmed to the volunteer, and names the youth\'s own disclosure in the guide\'s test', () => {
  const ID = 'court-report';
  const s = () => bundledScenario(ID);
  const allText = () => JSON.stringify(s());

  it('no text says nothing was confirmed by DCFS or the court, which the story contradicts', () => {
    expect(allText()).not.toMatch(/nothing (about CSEC )?(has been )?confirmed by DCFS or the court/i);
    expect(decision(s(), 'd-opening').facilitatorNote).toMatch(/nobody at DCFS or the court has confirmed anything about CSEC to the volunteer/);
    expect(decision(s(), 'd-status-unconfirmed').narration).toBe('You have worries, but nobody at DCFS or the court has confirmed anything about CSEC to you.');
  });

  it('after Lupe says her team knows, skipping the call to her CSW is told the guide\'s whole test and who can say what she disclosed', () => {
    const path = ['d-opening-strengths', 'd-school-evidence', 'd-health-records', 'd-visit-ask-voice', 'd-check-status-search', 'd-status-unconfirmed-omit'];
    expect(toldBetween(ID, path, 'd-visit', 'd-check-status')).toContain('my lawyer know about the stuff with Damian. I told them.');
    const told = toldBetween(ID, path, 'd-check-status', 'd-status-unconfirmed');
    expect(told).toContain("The guide's test is a CSEC unit on her case or Lupe's own open disclosure to her team, and what she may have told her team about Damian is for Ms. Alvarez to say; you haven't asked her.");
    expect(decision(s(), 'd-status-unconfirmed').facilitatorNote).toMatch(/a CSEC unit assigned, or the youth's open disclosure to the team/);
    expect(bundledReply(ID, 'd-status-unconfirmed', 'd-status-unconfirmed-suspect').feedback).toContain('naming CSEC status that nobody at DCFS or the court has confirmed to you, even as a worry');
  });

  it('on the way through the CSW, the status decision names both the unit and Lupe\'s open disclosure', () => {
    expect(nodeText(s(), 'd-status-confirmed')).toBe('DCFS has confirmed it: a CSEC unit is assigned, and Lupe has disclosed openly to her team. Status can go in the report. The question now is how.');
  });
});
