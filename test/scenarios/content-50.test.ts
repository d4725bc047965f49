import { describe, expect, it } from 'vitest';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';

// Session content-50: fresh eyes on dual-involvement and testifying, against the guide and the story.

/** Every text of a scenario a volunteer or a room can read that speaks for the guide: feedback, facilitator notes, discussion prompts. */
function guideTalk(id: string): { where: string; text: string }[] {
  return bundledScenario(id).nodes.flatMap((n) =>
    n.kind !== 'decision'
      ? []
      : [
          ...(n.facilitatorNote ? [{ where: `${n.id} facilitatorNote`, text: n.facilitatorNote }] : []),
          ...(n.discussionPrompt ? [{ where: `${n.id} discussionPrompt`, text: n.discussionPrompt }] : []),
          ...n.replies.map((r) => ({ where: r.id, text: r.feedback })),
        ],
  );
}

// The guide's PLEASE NOTE (under Stages of Exiting CSEC Involvement) says "in some cases the youth may
// show extreme loyalty to their trafficker, and therefore try to protect the trafficker from
// authorities". It never says to expect it (its "should be anticipated" is for relapse, Likelihood of
// Relapse). Feedback at d6-using and d7-should, and d7-testify's facilitator note, said the guide
// "expects loyalty like this", "the loyalty the guide says to expect", "It also expects loyalty like Rithy's".
describe('dual-involvement: loyalty is what the guide says may happen in some cases, not what it says to expect', () => {
  it('no feedback or facilitator note says the guide expects the youth\'s loyalty', () => {
    const said = guideTalk('dual-involvement').filter((t) => /expects? loyalty|loyalty[^.;:]{0,40}\bto expect\b/i.test(t.text));
    expect(said).toEqual([]);
  });

  it('d6-using, d7-should and d7-testify\'s note give the guide\'s own words, "in some cases", and its section', () => {
    for (const text of [bundledReply('dual-involvement', 'd6-roz', 'd6-using').feedback, bundledReply('dual-involvement', 'd7-testify', 'd7-should').feedback, bundledDecision('dual-involvement', 'd7-testify').facilitatorNote ?? '']) {
      expect(text).toMatch(/in some cases/);
      expect(text).toContain('(Stages of Exiting CSEC Involvement)');
    }
  });
});

// The guide's example of investigating is "researching your youth online" (Prohibited Activities).
// testifying's d3-search and d6-profile feedback, and the d3-evening and d6-message facilitator notes,
// gave it as "researching online", which widens the guide's words to the searches in the scenario (of
// Lonnie and his case; of the account's followers). The scoring stands (both look into the allegations);
// only the quotation is the guide's again, as couch-rent, jae-and-hyung and saturday-shoots quote it.
describe('testifying: the guide\'s example of investigating is quoted as the guide gives it', () => {
  it('no text gives "researching online" as the guide\'s example', () => {
    const said = guideTalk('testifying').filter((t) => /researching online/i.test(t.text));
    expect(said).toEqual([]);
  });

  it('d3-search and d6-profile quote "researching your youth online" and say why their search is investigating all the same', () => {
    const search = bundledReply('testifying', 'd3-evening', 'd3-search').feedback;
    const profile = bundledReply('testifying', 'd6-message', 'd6-profile').feedback;
    for (const text of [search, profile, bundledDecision('testifying', 'd3-evening').facilitatorNote ?? '', bundledDecision('testifying', 'd6-message').facilitatorNote ?? '']) {
      expect(text).toContain('researching your youth online');
      expect(text).toContain('(Prohibited Activities)');
    }
    expect(search).toMatch(/allegations/);
    expect(profile).toMatch(/investigating/);
  });
});
