import { describe, expect, it } from 'vitest';
import { getPrinciple, principles } from '../../src/machines/guide.js';
import { BUNDLED_IDS, bundledScenario } from '../helpers/bundled.js';

// A prohibited act is not scored as a strength (docs/authoring.md section 6, "A prohibited act is not a
// strength"). A reply that violates a principle of the guide's Prohibited Activities (all four: the three
// critical ones, and not-first-responder, which is core) earns no credit for the motive of that act: a car
// booked to get her off the street tonight does not follow "Their safety comes first", staying for pastries
// so the grandmother isn't embarrassed does not follow "Youth-centered, strengths-based, culturally
// sensitive". Before session content2-44 five replies did (the-list d3-watch and d7-stay, couch-rent d5-ride,
// left-placement-calls d1-rideshare, whereabouts-unknown d7-rideshare); this scan failed on them. It read
// only the critical principles until session content2-47, and then failed on three that break
// not-first-responder: couch-rent d5-stay (texting Arev through the night, credited with their safety),
// left-placement-calls d3-stay-on (staying on the line until help arrives, credited with keeping
// communication open) and youth-relapses d8-push-through (a phone on loud every night, credited with ongoing
// support). Each credit was for the crisis role's own motive, not for something else the reply does.
//
// What such a reply may still be credited with is a separate thing it does that the guide asks for:
const PASSING_ON: Record<string, string> = {
  // Section 6: a search or a message whose findings go to the supervisor, the CSW or the team is credited
  // with passing them on (unscored, the debrief would count a missed chance where another reply takes it).
  'consult-supervisor-on-suspicion': 'findings taken to the Advocate Supervisor (Red Flags)',
  'csw-partnership': 'findings or the act itself told to the CSW (Collaboration with Case Parties)',
  'team-communication': 'findings taken to the case parties (Collaboration with Case Parties)',
};
// A principle of the guide's Prohibited Activities section, whatever its severity.
const prohibition = (principle: string) => getPrinciple(principle)?.section === 'prohibited-activities';
// A prohibition kept beside another one broken ("Don't reply. Instead, search the number…"): not
// answering the trafficker is what the guide asks, whatever the reply does next.
const keptProhibition = prohibition;
// Replies whose credit is for a second act, apart from the prohibited one, named with the reason.
const SEPARATE_ACTS: Record<string, string> = {
  // "Watch Priya's webinar tonight, then look through Dez's old tablet": the webinar is watched whatever
  // comes after, and it is the continuing education the guide suggests while a youth is away.
  'whereabouts-unknown d2-tablet continuing-education': 'the webinar, before the tablet',
  // "I'm Rithy's CASA. What has he told you…": the introduction is the contact the guide asks the CASA
  // to make with the defense attorney, credited alike in d2-used; the question after it is the search.
  'dual-involvement d2-ask defense-attorney-role': 'the introduction, before the question',
};

function creditedProhibitedReplies(): string[] {
  const found: string[] = [];
  for (const id of BUNDLED_IDS) {
    for (const n of bundledScenario(id).nodes) {
      if (n.kind !== 'decision') continue;
      for (const r of n.replies) {
        if (!r.assessments.some((a) => a.verdict === 'violates' && prohibition(a.principle))) continue;
        for (const a of r.assessments) if (a.verdict === 'follows') found.push(`${id} ${r.id} ${a.principle}`);
      }
    }
  }
  return found;
}

describe('a prohibited act is not scored as a strength', () => {
  it('the scan reads every principle of Prohibited Activities: the three critical ones and not-first-responder', () => {
    expect(principles.filter((p) => prohibition(p.id)).map((p) => `${p.id} ${p.severity}`)).toEqual([
      'no-picking-up critical',
      'not-first-responder core',
      'no-trafficker-contact critical',
      'no-investigating critical',
    ]);
  });

  it('no reply that breaks a Prohibited Activities principle follows a principle for the act\'s own motive', () => {
    const credited = creditedProhibitedReplies().filter((key) => {
      const principle = key.split(' ')[2]!;
      return !(principle in PASSING_ON) && !keptProhibition(principle) && !(key in SEPARATE_ACTS);
    });
    expect(credited).toEqual([]);
  });

  it('every separate act on the allow-list is still a credited reply that breaks a prohibition (the list does not go stale)', () => {
    const credited = new Set(creditedProhibitedReplies());
    for (const key of Object.keys(SEPARATE_ACTS)) expect(credited.has(key), key).toBe(true);
  });

  // The booked rides lost "Their safety comes first" for their motive (left-placement-calls d1-rideshare's, below,
  // differs since session lpc-54), and the debrief then counts it
  // as a missed chance (the reply beside them asks where she can wait safely): the feedback says what would
  // have kept it, so "the right instinct" and "missed" do not read as contradicting each other (diffread-44).
  it.each([
    ['couch-rent', 'd5-ride', /where they can wait that feels okay while Mr\. Ferreira arranges the rest \(Likelihood of Relapse\)/],
    ['whereabouts-unknown', 'd7-rideshare', /somewhere bright and busy while Mr\. Nasser arranges the rest \(Likelihood of Relapse\)/],
  ])('%s %s: the feedback says what keeps her safety first, which the debrief counts as missed', (id, replyId, words) => {
    const r = bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((x) => x.id === replyId);
    expect(r?.assessments.some((a) => a.principle === 'safety-is-priority')).toBe(false);
    expect(r?.feedback).toMatch(words);
  });

  // Session lpc-54: left-placement-calls left this list. Ari has gone back to no one exploiting her, so no reply
  // at d1-call follows "Their safety comes first" any more (the guide asks that reassurance "Should a youth return
  // to their trafficker"): the debrief counts nothing missed beside the car, and its feedback no longer points to it.
  it('left-placement-calls d1-rideshare: still not credited for its motive, and nothing at d1-call follows "Their safety comes first" for its feedback to point to', () => {
    const node = bundledScenario('left-placement-calls').nodes.find((n) => n.id === 'd1-call');
    if (node?.kind !== 'decision') throw new Error('left-placement-calls has no decision d1-call');
    const r = node.replies.find((x) => x.id === 'd1-rideshare');
    expect(r?.assessments.filter((a) => a.verdict === 'follows')).toEqual([]);
    expect(node.replies.filter((x) => x.assessments.some((a) => a.principle === 'safety-is-priority')).map((x) => x.id)).toEqual([]);
    expect(r?.feedback).not.toMatch(/\(Likelihood of Relapse\)|safety comes first/);
    expect(r?.feedback).toMatch(/redirect to the CSW to make arrangements \(Prohibited Activities\)/);
  });

  // Session content2-47: the three not-first-responder replies lost the credit for their motive. The feedback
  // says the instinct without a principle or a section for it, and, where another reply at the decision keeps
  // that principle (so the debrief counts it as missed here), what would have kept it, with its section.
  // youth-relapses d8-drive-home has no reply that follows ongoing-support, so there is nothing to point to.
  it.each([
    ['couch-rent', 'd5-stay', 'safety-is-priority', /^Wanting to stay with Arev through the night is a caring instinct\. But/, /asking where they can wait that feels okay while Mr\. Ferreira arranges the rest \(Likelihood of Relapse\)\.$/],
    ['left-placement-calls', 'd3-stay-on', 'keep-communication-open', /^Not wanting to lose her tonight is the right instinct, but/, /keep messaging and calling a youth who has left, so she can answer when she is ready \(What if my youth left placement or their whereabouts are unknown\?\)/],
    ['youth-relapses', 'd8-push-through', 'ongoing-support', /^Wanting to stay close to Jazz is a caring instinct\. But/, /\(Self-Care\)\.$/],
  ])('%s %s: no longer credited with %s; the feedback says the instinct and what keeps it', (id, replyId, principle, opens, keeps) => {
    const r = bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((x) => x.id === replyId);
    expect(r?.assessments.some((a) => a.principle === principle)).toBe(false);
    expect(r?.assessments.find((a) => a.principle === 'not-first-responder')?.verdict).toBe('violates');
    expect(r?.feedback).toMatch(opens);
    expect(r?.feedback).toMatch(keeps);
    expect(r?.feedback).not.toMatch(/\(Stages of Exiting CSEC Involvement\)/);
  });
});
