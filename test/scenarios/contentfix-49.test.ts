import { describe, expect, it } from 'vitest';
import { bundledReply, bundledScenario } from '../helpers/bundled.js';
import type { Debrief } from '../../src/machines/index.js';
import { driveReplies, toldAt } from '../helpers/play.js';
import { toldBetween } from '../helpers/story.js';

// Story continuity (contentfix-49): faults today's scenario readers found, each case pinning what its fix changed.

/** The ending a playthrough reaches (its replies each on offer where chosen), and the nodes it passed. */
const ended = (id: string, replies: string[]) => {
  const { actor, nodes } = driveReplies(bundledScenario(id), replies, true);
  const d = actor.getSnapshot().status === 'done' ? (actor.getSnapshot().output as Debrief) : undefined;
  if (!d?.ending) throw new Error(`${id}: ${replies.join(' > ')} did not end`);
  return { ending: d.ending, nodes };
};

/** All an ending shows a playthrough: the narration told (a variant's or its own), then its lines. */
const endingTold = (id: string, replies: string[]) => {
  const { ending } = ended(id, replies);
  const node = bundledScenario(id).nodes.find((n) => n.id === ending.id);
  return { id: ending.id, told: [ending.narration, ...(node && 'lines' in node ? (node.lines ?? []).map((l) => l.text) : [])].join(' ') };
};

/** What a playthrough shows between two nodes, in order (the nodes strictly between them). */

describe('story continuity (contentfix-49)', () => {
  // s-alma-nothing (after r-supervisor-nothing, "All good, nothing new really") told "later that week you call
  // Yesi's CSW" in its narration, and only then Alma's answer on the same call: the week went by before she spoke.
  it('red-flags: after "nothing new", Alma answers on the call before the week goes by and you call the CSW', () => {
    const told = toldBetween('red-flags', ['r-nails-curious', 'r-boyfriend-light', 'r-denise-balanced', 'r-supervisor-nothing'], 'r-supervisor', 'r-csw');
    const alma = told.indexOf('keep your visits light and regular');
    const later = told.indexOf("later that week you call Yesi's CSW");
    expect(alma).toBeGreaterThanOrEqual(0);
    expect(later).toBeGreaterThan(alma);
  });

  // end-strong told every playthrough "When things did come out, she already knew you were safe to tell", the
  // words for s-worry-open, where Yesi tells you she has no papers. Under 60 trust after r-defense the way goes
  // through s-worry-closed instead ("Whatever. I'm not talking about it."), and with r-court-nerves-offer it still
  // reaches the strong ending: nothing came out to you there.
  it('red-flags: the strong ending says she told you things only where she did (s-worry-open), and what you did where she would not (s-worry-closed)', () => {
    const closed = ended('red-flags', ['r-nails-skip', 'r-boyfriend-light', 'r-denise-balanced', 'r-supervisor-facts', 'r-csw-share', 'r-two-workers-shrug', 'r-new-team-proper', 'r-defense-yes', 'r-court-nerves-offer', 'r-testify-team', 'r-plan-together']);
    expect(closed.nodes).toContain('s-worry-closed');
    expect(closed.ending.id).toBe('end-strong');
    expect(closed.ending.narration).not.toMatch(/safe to tell|did come out/);
    expect(closed.ending.narration).toContain('When she did not want to talk about court, you did not make her');
    const open = ended('red-flags', ['r-nails-skip', 'r-boyfriend-light', 'r-denise-balanced', 'r-supervisor-facts', 'r-csw-share', 'r-two-workers-explain', 'r-new-team-proper', 'r-defense-yes', 'r-immigration-clc', 'r-testify-team', 'r-plan-together']);
    expect(open.nodes).toContain('s-worry-open');
    expect(open.ending.id).toBe('end-strong');
    expect(open.ending.narration).toContain('When things did come out, she already knew you were safe to tell.');
  });

  // r-testify-stay-out ("Tell Ms. Nguyen that criminal court isn't really CASA's role, so you'll hear how it went
  // afterwards") answers Yesi's "asked if her CASA would come" with no, and with every other reply best practice it
  // still ends strong (82%). The ending's line was Yesi's text on the hearing morning, "court nails. u coming right":
  // she had asked, been told no, and nothing since says you changed your answer.
  it('red-flags: after telling Ms. Nguyen you will hear how the hearing went afterwards, the strong ending does not have Yesi expect you there', () => {
    const BEST = ['r-nails-curious', 'r-boyfriend-light', 'r-denise-balanced', 'r-supervisor-facts', 'r-csw-share', 'r-two-workers-explain', 'r-new-team-proper', 'r-defense-yes', 'r-immigration-clc'];
    const away = endingTold('red-flags', [...BEST, 'r-testify-stay-out', 'r-plan-together']);
    expect(away.id).toBe('end-strong');
    expect(away.told).not.toMatch(/u coming right|court nails/);
    expect(away.told).toContain('You are not at the hearing');
    for (const there of ['r-testify-team', 'r-testify-solo']) {
      const told = endingTold('red-flags', [...BEST, there, 'r-plan-together']);
      expect(told.id).toBe('end-strong');
      expect(told.told).toContain('court nails. u coming right');
    }
  });

  // r-nails-curious asks where Yesi got her nails done ("Where'd you get them done? And a new phone too?"), and its
  // feedback said "The guide says such a question may be appropriate". The guide's example is another question:
  // "It may be appropriate to ask the youth how they paid for an expensive item or for more information about their
  // boyfriend, but do not interrogate them" (Red Flags). The feedback now says that, and no more.
  it('red-flags: r-nails-curious\'s feedback gives the question the guide says may be appropriate, not "such a question"', () => {
    const curious = bundledReply('red-flags', 'r-nails', 'r-nails-curious');
    expect(curious.text).toContain("Where'd you get them done?");
    expect(curious.feedback).not.toMatch(/such a question/i);
    expect(curious.feedback).toContain('The guide says it may be appropriate to ask a youth how they paid for an expensive item, but not to interrogate them (Red Flags).');
    expect(curious.assessments).toEqual([{ principle: 'curious-not-interrogating', verdict: 'follows', weight: 2 }]);
  });

  // s-weeks-later followed every reply at d8-plan: a month on, Imani "texts you a screenshot of a practice test on
  // the DMV app (“forty-four out of forty-six, so basically I'm a professional”)", also at trust 5, after d4-visit-grill
  // ("Forget it. You're just like everybody."), a search of her phone (d5-shut-check-phone) and paused visits
  // (d8-plan-pause). Under 60 trust, the scenario's line for a youth who counts on you, the month is told without it.
  it('trafficker-contact: a month after the plan, Imani texts you her DMV practice test only where she trusts you', () => {
    const cold = ['d1-text-screenshot', 'd3-morning-facts', 'd4-visit-grill', 'd5-shut-check-phone', 'd6-parking-walk', 'd7-supervisor-honest', 'd8-plan-pause'];
    const warm = ['d1-text-screenshot', 'd3-morning-facts', 'd4-visit-boundary', 'd5-open-include', 'd6-parking-walk', 'd7-supervisor-honest', 'd8-plan-stay'];
    const later = (replies: string[]) => toldBetween('trafficker-contact', [...replies, 'd9-last-forward'], 'd8-plan', 'd9-last');
    expect(bundledScenario('trafficker-contact').nodes.find((n) => n.id === 's-imani-shuts')?.lines?.map((l) => l.text)).toContain("Forget it. You're just like everybody.");
    expect(later(cold)).not.toMatch(/DMV|practice test|professional/);
    expect(later(cold)).toMatch(/changed Imani's phone number[^]*a new unknown number with a 626 area code:/);
    expect(later(warm)).toMatch(/she texts you a screenshot of a practice test on the DMV app/);
    // Nor at trust under 60 with everything else best practice but the talk at the boba shop.
    expect(later(warm.map((r) => (r === 'd4-visit-boundary' ? 'd4-visit-lecture' : r === 'd5-open-include' ? 'd5-shut-door-open' : r)))).not.toMatch(/DMV/);
  });

  // end-harmful's own narration said every step outside your role gave away "that this number reaches Imani's CASA,
  // that you see her, that she is nearby", to every playthrough that answered them. Only an answer to the man in the
  // parking lot (d6-parking-tell-off, d6-parking-ask: "So she IS out here. That's all I needed.") gives away that she
  // is nearby; only a text to them, that the number reaches her CASA; only a message about her (d1-text-polite,
  // d4-visit-pass, d5-open-handle), that you see her. Each is now told only where it happened.
  it('trafficker-contact: the harmful ending lists only what the playthrough gave away', () => {
    const BEST = ['d1-text-screenshot', 'd3-morning-downplay', 'd4-visit-grill', 'd5-shut-door-open', 'd6-parking-walk', 'd7-supervisor-fine', 'd8-plan-stay', 'd9-last-delete'];
    const harmful = (swap: Record<string, string>) => {
      const d = ended('trafficker-contact', BEST.flatMap((r) => (swap[r] ?? r).split(' ')));
      expect(d.ending.id, JSON.stringify(swap)).toBe('end-harmful');
      return d.ending.narration;
    };
    const gave = (text: string) => ["this number reaches Imani's CASA", 'that you see her', 'that she is nearby'].filter((g) => text.includes(g));
    // A reply to the 626 number and a search of his plate: the man in the lot got nothing.
    expect(gave(harmful({ 'd6-parking-walk': 'd6-parking-plate', 'd9-last-delete': 'd9-last-reply' }))).toEqual(["this number reaches Imani's CASA"]);
    // No text to them at all, an answer in the parking lot and a search of Quan's posts.
    expect(gave(harmful({ 'd6-parking-walk': 'd6-parking-tell-off', 'd7-supervisor-fine': 'd7-supervisor-watching' }))).toEqual(['that she is nearby']);
    expect(gave(harmful({ 'd1-text-screenshot': 'd1-text-polite d2-thread-stop-report', 'd6-parking-walk': 'd6-parking-plate' }))).toEqual(["this number reaches Imani's CASA", 'that you see her']);
    expect(gave(harmful({ 'd6-parking-walk': 'd6-parking-ask', 'd9-last-delete': 'd9-last-reply' }))).toEqual(["this number reaches Imani's CASA", 'that she is nearby']);
    expect(gave(harmful({ 'd1-text-screenshot': 'd1-text-polite d2-thread-stop-report', 'd6-parking-walk': 'd6-parking-tell-off' }))).toEqual(["this number reaches Imani's CASA", 'that you see her', 'that she is nearby']);
  });

  // At d6-loyal Bảo says "When Ông died, Chú came every day", the first time anyone names Ông, and no line, narration
  // or Who's who entry before it said who he is (Bà's "When my husband passed" in s0-kitchen never calls him Ông). Ông
  // is Bảo's grandfather, as d6-miss's feedback says ("the man who was there when his grandfather died"). Bảo now
  // names him on the walk to Garvey (s1-bao), which every reply at d1-ba leads to.
  it('the-list: Bảo says who Ông is, in his own words, before he says "When Ông died"', () => {
    const s = bundledScenario('the-list');
    const d1 = s.nodes.find((n) => n.id === 'd1-ba');
    expect(d1?.kind === 'decision' ? d1.replies.map((r) => r.next) : []).toEqual(['s1-bao', 's1-bao', 's1-bao', 's1-bao']);
    for (const replies of [
      ['d1-hear', 'd2-light', 'd3-carry', 'd4-marcus', 'd5-honest'],
      ['d1-blessing', 'd2-praise', 'd3-eat', 'd4-wait', 'd5-promise'],
      ['d1-warning', 'd2-direct', 'd3-press', 'd4-search', 'd5-doing'],
    ]) {
      const { nodes } = driveReplies(s, replies, true);
      expect(nodes.at(-1)).toBe('d6-loyal');
      const lines = nodes.slice(0, -1).flatMap((id) => {
        const n = s.nodes.find((x) => x.id === id);
        return n && 'lines' in n ? (n.lines ?? []) : [];
      });
      const first = lines.find((l) => l.text.includes('Ông'));
      expect(first?.character, replies.join(' ')).toBe('bao');
      expect(first?.text).toMatch(/my grandpa/i);
      expect(nodes.slice(0, -1).map((id) => toldAt(s, id)).join(' ').indexOf('Ông')).toBeGreaterThanOrEqual(0);
    }
    expect(toldAt(s, 'd6-loyal')).toContain('When Ông died, Chú came every day.');
  });

  // boy-red-flags end-strong opened "Ray gets Theo home by two." Theo's text comes at 11:48 p.m. (d6-train), from Los
  // Angeles: he takes the Metrolink down from Lancaster and Vince meets him at Union Station (s0-porch), some seventy
  // miles each way. Fetching him is a round trip of about 140 miles begun near midnight: past two even at a steady
  // 60 mph with no stop. The hour told now leaves room for it.
  it('boy-red-flags: the strong ending brings Theo home from Union Station at an hour a round trip from Lancaster allows', () => {
    const s = bundledScenario('boy-red-flags');
    expect(s.nodes.find((n) => n.id === 'd6-train')?.title).toBe('11:48 p.m., Sunday');
    expect(toldAt(s, 's0-porch')).toMatch(/Lancaster|Metrolink down to Los Angeles, Vince meets him at Union Station/);
    const BEST = ['d1-maybe', 'd2-light', 'd3-careful', 'd4-jonah', 'd5-person', 'd6-ray'];
    const story = ended('boy-red-flags', BEST);
    expect(story.ending.id).toBe('end-strong');
    const hours: Record<string, number> = { one: 1, two: 2, three: 3, four: 4 };
    const said = /\bby (one|two|three|four)\b/.exec(story.ending.narration);
    expect(said, story.ending.narration).not.toBeNull();
    // 11:48 p.m. (12 minutes before midnight) plus 140 miles at 60 mph (140 minutes) is 2:08 a.m.
    expect((hours[said?.[1] ?? 'one'] ?? 0) * 60, said?.[0]).toBeGreaterThanOrEqual(140 - 12);
  });
});
