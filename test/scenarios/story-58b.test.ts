import { describe, expect, it } from 'vitest';
import { bundledReply, bundledScenario } from '../helpers/bundled.js';
import { endedOn, toldBetween } from '../helpers/story.js';

// Session reader-b-58: a fresh reader's pass over couch-rent, saturday-shoots and court-report.

const COUCH_BEST = ['d1-heard', 'd2-need', 'd3-honest', 'd4-naomi', 'd5-redirect', 'd6-rattled', 'd7-bad-night', 'd8-strengths'];
const SAT_BEST = ['d1-talk', 'd2-light', 'd3-open-glad', 'd4-honest', 'd5-leah', 'd6-kid', 'd7-plan'];
const swap = (best: readonly string[], changes: Record<string, string>) => best.map((r) => changes[r] ?? r);

// 1. couch-rent end-strong said "Arev heard all of it from you first". A playthrough can end strong (82%) after
// d1-promise and d3-law ("I can't keep something like this from my supervisor ... it's not up to me. Sorry."), where
// trust is too low for Arev to answer ("Arev goes in to dinner without answering"): nobody asked to be told first, no
// reply promised it, and no scene shows it. What every strong playthrough did is tell Arev on the bench that it would
// go to the supervisor (d3-honest and d3-law both do; d3-promise and d3-bargain set the flag the strong route refuses).
describe('reader-b-58: couch-rent\'s strong ending tells only what every strong path did', () => {
  it('after d1-promise and d3-law (82%, strong) the ending does not say Arev heard it all from you first', () => {
    const path = swap(COUCH_BEST, { 'd1-heard': 'd1-promise', 'd3-honest': 'd3-law' });
    expect(toldBetween('couch-rent', path, 'd3-glendale', 'd4-evening')).toContain('Arev goes in to dinner without answering.');
    const d = endedOn('couch-rent', path);
    expect(d.score.percent).toBe(82);
    expect(d.ending).toMatchObject({ id: 'end-strong', kind: 'strong' });
    expect(d.ending?.narration).not.toMatch(/from you first/);
    expect(d.ending?.narration).toMatch(/Arev knew from you, on the bench, that it would go to your supervisor\./);
  });

  it('the base narration and its variant say the same, and both replies that can lead there tell Arev it goes to the supervisor', () => {
    const end = bundledScenario('couch-rent').nodes.find((n) => n.id === 'end-strong');
    const texts = end?.kind === 'ending' ? [end.narration, ...(end.variants ?? []).map((v) => v.narration)] : [];
    expect(texts).toHaveLength(2);
    for (const t of texts) {
      expect(t).not.toMatch(/from you first/);
      expect(t).toMatch(/Arev knew from you, on the bench, that it would go to your supervisor\./);
    }
    expect(bundledReply('couch-rent', 'd3-glendale', 'd3-honest').text).toMatch(/I'll talk to Naomi, my supervisor/);
    expect(bundledReply('couch-rent', 'd3-glendale', 'd3-law').text).toMatch(/I can't keep something like this from my supervisor/);
    for (const id of ['d3-promise', 'd3-bargain']) {
      expect(bundledReply('couch-rent', 'd3-glendale', id).effects).toContainEqual({ var: 'promised', set: true });
      expect(endedOn('couch-rent', swap(COUCH_BEST, { 'd3-honest': id })).ending?.kind).not.toBe('strong');
    }
  });
});

// 2. couch-rent d3-promise's feedback ended on a maxim of its own: "If Arev later learns it was not kept, that is likely
// to cost more trust than honesty costs now." It rests on no section of the guide; reader-b-57 took the same maxim out
// of boy-red-flags d3-secret. The guide's reason (Red Flags) and CASA/LA's own statement stay.
describe('reader-b-58: couch-rent d3-promise\'s feedback keeps to the guide', () => {
  it('says why the promise cannot be kept, with its citation, and no maxim on the cost of trust', () => {
    const r = bundledReply('couch-rent', 'd3-glendale', 'd3-promise');
    expect(r.feedback).not.toMatch(/cost more trust|costs now/);
    expect(r.feedback).toContain('the guide asks you to discuss it with your Advocate Supervisor (Red Flags)');
    expect(r.feedback).toContain("(CASA/LA's own statement, not the guide's)");
    expect(r.assessments).toEqual([{ principle: 'consult-supervisor-on-suspicion', verdict: 'violates', weight: 2 }]);
  });
});

// 3. saturday-shoots end-mixed, after d1-phase ("Some photos with an older friend is probably just that", said to
// Tigist), opened "For a while you were one of the adults waiting for it to pass, and Meron noticed." The variant is
// told only when no earlier one holds: not after d5-wait (held), a promise (promised), d1-dcfs, d6-csec or d6-phone;
// d4-rescue and d5-nia end harmful. So every playthrough told it took Meron's words to Leah or Mr. Dawson that same
// evening (d4-honest then d5-leah or d5-email, or d4-dawson): none waited for anything to pass. It now tells what the
// reply did: it was said to Tigist, who from then on takes her worries to Mr. Dawson.
describe('reader-b-58: saturday-shoots, the ending after "it\'s a phase" tells what the path did', () => {
  it.each<{ via: string; changes: Record<string, string> }>([
    { via: 'd4-honest, d5-leah', changes: { 'd1-talk': 'd1-phase' } },
    { via: 'd4-honest, d5-email', changes: { 'd1-talk': 'd1-phase', 'd5-leah': 'd5-email' } },
    { via: 'd4-dawson, d5-leah', changes: { 'd1-talk': 'd1-phase', 'd4-honest': 'd4-dawson' } },
  ])('d1-phase, then $via: the volunteer acted that evening, and the ending does not say they waited', ({ changes }) => {
    const d = endedOn('saturday-shoots', swap(SAT_BEST, changes));
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).not.toMatch(/waiting for it to pass/);
    expect(d.ending?.narration).toMatch(/^In Tigist's kitchen you told her the photos were probably just Meron wanting to feel grown\. You acted on what Meron told you that same evening, but from then on Tigist takes her worries to Mr\. Dawson, not to you\. Meron goes to the shoot on Saturday/);
  });

  it('the new words are told after acting that evening, and not after d5-wait, whose own variant comes first', () => {
    const acted = endedOn('saturday-shoots', swap(SAT_BEST, { 'd1-talk': 'd1-phase' }));
    expect(acted.ending?.narration).toMatch(/that same evening/);
    const waited = endedOn('saturday-shoots', swap(SAT_BEST, { 'd1-talk': 'd1-phase', 'd5-leah': 'd5-wait' }));
    expect(waited.ending?.narration).toMatch(/^You tell Leah everything the following Wednesday\./);
    expect(waited.ending?.narration).not.toMatch(/that same evening/);
  });
});

// 4. saturday-shoots end-strong put the volunteer on Meron's plan for a Saturday night that feels off ("her cousin
// Selam, Tigist, you, Mr. Dawson"): the call d4-rescue is faulted for inviting, and the strong ending's model of a
// safety plan. CASAs are not first responders and do not provide crisis intervention services (Prohibited
// Activities); couch-rent d7-card lost "my number" for the same reason (story-56a), and no other bundled plan names the
// volunteer (couch-rent s7-theirs, whereabouts-unknown's napkin). Her people are her cousin, her aunt and her CSW.
describe('reader-b-58: saturday-shoots, the volunteer is not on Meron\'s list of people to call', () => {
  it('the strong ending\'s card names Selam, Tigist and Mr. Dawson', () => {
    const d = endedOn('saturday-shoots', SAT_BEST);
    expect(d.ending).toMatchObject({ id: 'end-strong', kind: 'strong' });
    expect(d.ending?.narration).toContain('Her plan is on an index card in her sewing box, in her handwriting: her cousin Selam, Tigist and Mr. Dawson.');
    expect(d.ending?.narration).not.toMatch(/Tigist, you,/);
  });
});

// 5. court-report d-hearing-support-sit-with asked whether Lupe would "like to tell the judge about the team herself".
// In this story "her team" is her case team (d-status-confirmed: "Lupe has disclosed openly to her team"; the call to
// Ms. Alvarez asks "who is on Lupe's team now"), so the line could read as asking her to tell the judge about her CSEC
// team. It is volleyball she is proud of ("Put that I made the team"; the strong ending: "asks Lupe how volleyball is
// going"), and the reply now says so.
describe('reader-b-58: court-report, the hallway offer names volleyball', () => {
  it('d-hearing-support-sit-with says volleyball, not "the team", and is scored as before', () => {
    const r = bundledReply('court-report', 'd-hearing-support', 'd-hearing-support-sit-with');
    expect(r.text).toBe("Ask Lupe whether she wants you next to her, and whether she'd like to tell the judge about volleyball herself.");
    expect(r.assessments).toEqual([{ principle: 'youth-centered', verdict: 'follows', weight: 2 }]);
  });
});
