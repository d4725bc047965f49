import { describe, expect, it } from 'vitest';
import { getPrinciple } from '../../src/machines/guide.js';
import { BUNDLED_IDS, bundledScenario } from '../helpers/bundled.js';

// A prohibited act is not scored as a strength (docs/authoring.md section 6, "A prohibited act is not a
// strength"). A reply that violates a critical principle (the guide's Prohibited Activities) earns no
// credit for the motive of that act: a car booked to get her off the street tonight does not follow
// "Their safety comes first", staying for pastries so the grandmother isn't embarrassed does not follow
// "Youth-centered, strengths-based, culturally sensitive". Before session content2-44 five replies did
// (the-list d3-watch and d7-stay, couch-rent d5-ride, left-placement-calls d1-rideshare,
// whereabouts-unknown d7-rideshare); this scan failed on them.
//
// What such a reply may still be credited with is a separate thing it does that the guide asks for:
const PASSING_ON: Record<string, string> = {
  // Section 6: a search or a message whose findings go to the supervisor, the CSW or the team is credited
  // with passing them on (unscored, the debrief would count a missed chance where another reply takes it).
  'consult-supervisor-on-suspicion': 'findings taken to the Advocate Supervisor (Red Flags)',
  'csw-partnership': 'findings or the act itself told to the CSW (Collaboration with Case Parties)',
  'team-communication': 'findings taken to the case parties (Collaboration with Case Parties)',
};
// A prohibition kept beside another one broken ("Don't reply. Instead, search the number…"): not
// answering the trafficker is what the guide asks, whatever the reply does next.
const keptProhibition = (principle: string) => getPrinciple(principle)?.severity === 'critical';
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
        if (!r.assessments.some((a) => a.verdict === 'violates' && getPrinciple(a.principle)?.severity === 'critical')) continue;
        for (const a of r.assessments) if (a.verdict === 'follows') found.push(`${id} ${r.id} ${a.principle}`);
      }
    }
  }
  return found;
}

describe('a prohibited act is not scored as a strength', () => {
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

  // The three booked rides lost "Their safety comes first" for their motive, and the debrief then counts it
  // as a missed chance (the reply beside them asks where she can wait safely): the feedback says what would
  // have kept it, so "the right instinct" and "missed" do not read as contradicting each other (diffread-44).
  it.each([
    ['left-placement-calls', 'd1-rideshare', /lights and people while Tomas arranges the rest \(Likelihood of Relapse\)/],
    ['couch-rent', 'd5-ride', /where they can wait that feels okay while Mr\. Ferreira arranges the rest \(Likelihood of Relapse\)/],
    ['whereabouts-unknown', 'd7-rideshare', /lights and people while Mr\. Nasser arranges the rest \(Likelihood of Relapse\)/],
  ])('%s %s: the feedback says what keeps her safety first, which the debrief counts as missed', (id, replyId, words) => {
    const r = bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((x) => x.id === replyId);
    expect(r?.assessments.some((a) => a.principle === 'safety-is-priority')).toBe(false);
    expect(r?.feedback).toMatch(words);
  });
});
