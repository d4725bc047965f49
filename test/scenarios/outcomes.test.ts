import { describe, expect, it } from 'vitest';
import { applyEffects, initialVariables, whenHolds, type Variables } from '../../src/machines/conditions.js';
import { conductAfter, conductStart, type Conduct } from '../../src/machines/conduct.js';
import { NEVER_STRONG_IDS } from '../../src/machines/audit/house-rules.js';
import { indexScenario, routesOf } from '../../src/machines/scenario-index.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { analyseBest, computeBest } from '../../src/machines/scoring.js';
import { BUNDLED_IDS, bundledScenario } from '../helpers/bundled.js';
import { playReplies } from '../helpers/play.js';
import { strongAfter } from '../helpers/strong-after.js';
import { strongBandUnexplained } from '../helpers/unexplained-endings.js';

const IDS = BUNDLED_IDS;
const scenario = bundledScenario;

/**
 * What the guide rules out, whatever a principle's severity (the core's NEVER_STRONG, with the
 * guide's reasons): Prohibited Activities, the Court Report's do-not-disclose list, "AWOL" and
 * labels before the person (Using Appropriate Language), a suspicion kept from the Advocate
 * Supervisor (Red Flags). The audit fails a scenario on the same set.
 */
const RULED_OUT = NEVER_STRONG_IDS;

/** A playthrough that breaks one of `watched` (or takes `through`) and still ends strong, or undefined (strongAfter, stopping at the first). */
function strongAfterViolation(s: Scenario, watched: ReadonlySet<string>, through?: string): { principle: string; path: string[] } | undefined {
  const [found] = strongAfter(s, watched, { through, first: true });
  return found && { principle: found[0], path: found[1] };
}

/**
 * The two checks below run over every bundled scenario, one search for both: strongAfter watching the
 * ruled-out principles and "AWOL" together (its first playthrough found for each), worked out once
 * per scenario. It finds a playthrough for a principle exactly when a search watching fewer does
 * (watching more only tells more states apart), and the search is most of this file's time. It
 * watches the principles single scenarios' tests below ask about too (youth-discloses' and
 * the-list's consult-supervisor-on-suspicion, the-list's report-objective-strengths-based,
 * court-report's review-recommendations): each was a search of its own (the-list's two cost as
 * much as the shared one), and watching them costs the shared search about nothing (1.67 s of CPU
 * over the bundled scenarios against 1.75 s without them).
 */
const BOTH = new Set([...RULED_OUT, 'report-objective-strengths-based', 'review-recommendations']);
const searched = new Map<string, Map<string, string[]>>();
function strongAfterBundled(id: string, watched: ReadonlySet<string>): { principle: string; path: string[] } | undefined {
  for (const p of watched) if (!BOTH.has(p)) throw new Error(`${p} is not watched by the shared search`);
  let found = searched.get(id);
  if (!found) searched.set(id, (found = strongAfter(scenario(id), BOTH)));
  const hit = [...found].find(([p]) => watched.has(p));
  return hit && { principle: hit[0], path: hit[1] };
}

describe('outcome follows conduct', () => {
  it.each(IDS)('%s: no playthrough that does what the guide rules out (Prohibited Activities, the Court Report\'s do-not-disclose list, "AWOL" or a label before the person, a suspicion kept from the Advocate Supervisor) ends strong', (id) => {
    expect(strongAfterBundled(id, RULED_OUT)).toBeUndefined();
  });

  it('youth-discloses: promising Kiara secrecy, or announcing a call to her CSW decided without the Advocate Supervisor, does not end strong', () => {
    // The strong ending says "you told Kiara what was happening before it happened"; after "I promise, okay? This stays between us" it did not.
    expect(strongAfterBundled('youth-discloses', new Set(['consult-supervisor-on-suspicion']))).toBeUndefined();
  });

  it('boy-red-flags: promising Theo it stays between you two does not end strong, though Ms. Ortega and Jonah then hear of it', () => {
    // The strong ending has the team helping and Theo opening up about Vince, as if no promise had been broken.
    expect(strongAfterViolation(scenario('boy-red-flags'), new Set(), 'd3-secret')).toBeUndefined();
  });

  it('the-list: a promise of secrecy to Bảo, or to Bà that it stays in the family, does not end strong', () => {
    // The strong ending has Bà sitting down with you again and Bảo texting you freely, as if no promise had been broken.
    for (const id of ['d1-family', 'd3-secret', 'd5-promise']) expect(strongAfterViolation(scenario('the-list'), new Set(), id), id).toBeUndefined();
  });

  it('the-list: a court paragraph Bảo would read as exposing him or blaming Bà, or a belief offered as evidence, does not end strong (Court Report)', () => {
    expect(strongAfterBundled('the-list', new Set(['report-objective-strengths-based']))).toBeUndefined();
  });

  it('court-report: a report filed before the Advocate Supervisor reviewed its recommendations (sent as written, or to Lupe\'s attorney instead) does not end strong', () => {
    // Sent as written it scored 82% and ended on "the judge follows your recommendations", as if the
    // guide's step for every court report (Potential Recommendations) had not been skipped.
    expect(strongAfterBundled('court-report', new Set(['review-recommendations']))).toBeUndefined();
  });

  it('the-list: the strong ending needs the Strong band (80%): naming trafficking to Bà at the first visit, then doing everything else well (79%), ends mixed', () => {
    const best = computeBest(scenario('the-list')).path.map((step) => step.replyId);
    const debrief = playReplies(scenario('the-list'), best.map((r) => (r === 'd1-hear' ? 'd1-warning' : r === 'd3-carry' ? 'd3-eat' : r)));
    // Bảo, told by Bà, keeps the subject shut on the walk, so the best reply there is letting it go.
    expect(debrief?.score.percent).toBe(79);
    expect(debrief?.ending).toMatchObject({ id: 'end-mixed', kind: 'mixed' });
    expect(debrief?.ending?.narration).toContain('named trafficking at her table');
  });

  it('the-list: holding the worry alone for weeks, or acting on it (Bà, Kenny\'s mother) and telling Marcus afterwards, never ends strong (Red Flags: discuss it with your Advocate Supervisor)', () => {
    // d4-wait scored 82% and d5-call-mom 86% (89% since a call decided alone counts 1, as a call to the CSW does),
    // both Strong, and both ended with Bà's oranges and "no chú. all me".
    expect(strongAfterBundled('the-list', new Set(['consult-supervisor-on-suspicion']))).toBeUndefined();
    const best = computeBest(scenario('the-list')).path.map((step) => step.replyId);
    const waited = playReplies(scenario('the-list'), best.map((r) => (r === 'd4-marcus' ? 'd4-wait' : r)));
    expect(waited?.score.percent).toBe(82);
    expect(waited?.ending).toMatchObject({ id: 'end-mixed', kind: 'mixed' });
    expect(waited?.ending?.narration).toContain('kept meaning to call Marcus');
    const kenny = playReplies(scenario('the-list'), best.map((r) => (r === 'd5-honest' ? 'd5-call-mom' : r)));
    expect(kenny?.score.percent).toBe(89);
    expect(kenny?.ending).toMatchObject({ id: 'end-mixed', kind: 'mixed' });
    expect(kenny?.ending?.narration).toContain('Kenny\'s mother called Bà');
  });

  it('the-list: the team never moves before the volunteer has told Marcus: after two weeks of waiting and a promise to Bảo (or blame), the volunteer calls Marcus the next morning', () => {
    // "The team moves" (s6-weeks) followed d4-wait then d5-promise or d5-doing, though nobody had told anyone.
    const s = scenario('the-list');
    const index = indexScenario(s);
    // Marcus hears it at s4-marcus (after d4-marcus, d4-search or d4-ba) or at s6-call; d5-honest and d5-call-mom say it goes to him.
    // (Replies are marked: a reply's id may be a node's, which the validator warns of, reply-id-is-node-id.)
    const told = new Set(['s4-marcus', 's6-call', 'reply:d5-honest', 'reply:d5-call-mom']);
    const untold: string[][] = [];
    let reached = 0;
    const walk = (id: string | undefined, vars: Variables, conduct: Conduct, path: string[]): void => {
      const node = id === undefined ? undefined : index.nodes.get(id);
      if (!node || node.kind === 'ending') return;
      const here = [...path, node.id];
      if (node.id === 's6-weeks') {
        reached += 1;
        if (!here.some((step) => told.has(step))) untold.push(here);
        return;
      }
      if (node.kind === 'scene') {
        const after = applyEffects(node.effects, vars, index.variables).variables;
        return walk(routesOf(node.next).find((r) => whenHolds(r.when, after, conduct))?.to, after, conduct, here);
      }
      for (const reply of node.replies) {
        if (!whenHolds(reply.when, vars, conduct)) continue;
        const after = applyEffects(reply.effects, vars, index.variables).variables;
        const conductNext = conductAfter(conduct, reply.assessments, node.replies);
        walk(routesOf(reply.next).find((r) => whenHolds(r.when, after, conductNext))?.to, after, conductNext, [...here, `reply:${reply.id}`]);
      }
    };
    walk(s.start, initialVariables(s.variables), conductStart(analyseBest(s).best), []);
    expect(reached).toBeGreaterThan(1000);
    expect(untold.slice(0, 2)).toEqual([]);
    const best = computeBest(s).path.map((step) => step.replyId);
    const promised = playReplies(s, best.map((r) => (r === 'd4-marcus' ? 'd4-wait' : r === 'd5-honest' ? 'd5-promise' : r)));
    // The mixed ending's promise text ("Bảo remembers that you promised") is true: the volunteer told Marcus.
    expect(promised?.ending).toMatchObject({ id: 'end-mixed', kind: 'mixed' });
    expect(promised?.ending?.narration).toContain('you promised it would stay between you');
  });

  it('youth-discloses: a playthrough that kept what Kiara said from Ana never ends on an ending that says her CSW knows (Collaboration with Case Parties)', () => {
    // "She's good! School's okay…" to Ana, then a strengths-based report, ended "Your supervisor and
    // Kiara's CSW know what she told you" (end-mixed), right after Ana's report said "no new concerns".
    const s = scenario('youth-discloses');
    const index = indexScenario(s);
    const endings = new Map<string, number>();
    const walk = (id: string | undefined, vars: Variables, conduct: Conduct): void => {
      const node = id === undefined ? undefined : index.nodes.get(id);
      if (!node) return;
      if (node.kind === 'ending') {
        if (vars['csw-informed'] !== 1) endings.set(node.id, (endings.get(node.id) ?? 0) + 1);
        return;
      }
      if (node.kind === 'scene') {
        const after = applyEffects(node.effects, vars, index.variables).variables;
        return walk(routesOf(node.next).find((r) => whenHolds(r.when, after, conduct))?.to, after, conduct);
      }
      for (const reply of node.replies) {
        if (!whenHolds(reply.when, vars, conduct)) continue;
        const after = applyEffects(reply.effects, vars, index.variables).variables;
        const conductNext = conductAfter(conduct, reply.assessments, node.replies);
        walk(routesOf(reply.next).find((r) => whenHolds(r.when, after, conductNext))?.to, after, conductNext);
      }
    };
    walk(s.start, initialVariables(s.variables), conductStart(analyseBest(s).best));
    expect(endings.get('end-csw-unaware')).toBeGreaterThan(0);
    expect(endings.has('end-mixed')).toBe(false);
    expect(endings.has('end-strong')).toBe(false);
    // The helper's playthrough, by its replies: the mixed ending that says Ana was left out.
    const best = computeBest(s).path.map((step) => step.replyId);
    const kept = playReplies(s, best.map((r) => (r === 'd7-share' ? 'd7-all-good' : r)));
    expect(kept?.ending).toMatchObject({ id: 'end-csw-unaware', kind: 'mixed' });
    expect(kept?.ending?.narration).toContain("Ana's report says there are no new concerns");
  });

  it('the-list: any exchange with Chú Vinh at Bà\'s door, small talk included, ends harmful (What Chú Vinh heard)', () => {
    const best = computeBest(scenario('the-list')).path.map((step) => step.replyId);
    for (const id of ['d7-stay', 'd7-ride', 'd7-confront']) {
      const debrief = playReplies(scenario('the-list'), best.map((r) => (r === 'd7-go' ? id : r)));
      expect(debrief?.ending, id).toMatchObject({ id: 'end-exposed', kind: 'harmful' });
      expect(debrief?.score.percent, id).toBe(50);
    }
  });

  it('the check finds such a playthrough: without its guard, driving around looking for Dez (not a first responder) ends strong', () => {
    const s = structuredClone(scenario('whereabouts-unknown'));
    for (const n of s.nodes) if (n.kind === 'decision') for (const r of n.replies) {
      if (Array.isArray(r.next)) for (const route of r.next) {
        if (route.to === 'end-strong' && Array.isArray(route.when)) route.when = route.when.filter((c) => !('var' in c && c.var === 'searched'));
      }
    }
    expect(strongAfterViolation(s, RULED_OUT)).toMatchObject({ principle: 'not-first-responder' });
  });

  // Session 30: couch-rent's court report saying "AWOL" never ended strong, while whereabouts-unknown's
  // team email and left-placement-calls' email to the CSW saying it did (85%). The guide's language
  // section makes no difference between a report and an email (Using Appropriate Language).
  it.each(IDS)('%s: no playthrough that calls the youth "AWOL", in a report or an email, ends strong (Using Appropriate Language)', (id) => {
    expect(strongAfterBundled(id, new Set(['no-awol-label']))).toBeUndefined();
  });
});

describe('a perfect playthrough is told it did everything', () => {
  /** The principles the debrief of the best-practice path (played through the machine) lists as missed, with where. */
  const missedOnBestPath = (s: Scenario) => {
    const debrief = playReplies(s, computeBest(s).path.map((step) => step.replyId));
    expect(debrief?.score.percent).toBe(100);
    // Nor is it told it missed some of a principle's chances: a weaker reply that follows a principle
    // at a decision where it took the best reply is no chance missed (PrincipleResult's missedBelowBest).
    expect(debrief?.growthAreas.filter((g) => /^You missed \d+ of/.test(g))).toEqual([]);
    return (debrief?.principles ?? []).filter((p) => p.status === 'missed')
      .map((p) => `${p.principleId} (${p.notes.map((n) => `${n.replyId} at ${n.nodeId}`).join(', ')})`);
  };

  // docs/authoring.md, "What missed means": when you play your best path, the debrief shows no
  // misses. "You missed a chance for" after a perfect playthrough would tell a volunteer who did
  // everything right that they fell short, whether or not the principle is a learning goal.
  it.each(IDS)('%s: the best path\'s debrief lists no principle as missed', (id) => {
    expect(missedOnBestPath(scenario(id))).toEqual([]);
  });

  it('the check notices a miss: a best reply that stops assessing a principle a weaker reply at its decision follows', () => {
    const s = structuredClone(scenario('youth-relapses'));
    for (const n of s.nodes) if (n.kind === 'decision') for (const r of n.replies) {
      if (r.id === 'd3-not-stupid') r.assessments = r.assessments.filter((a) => a.principle !== 'youth-centered');
    }
    expect(missedOnBestPath(s)).toEqual(['youth-centered (d3-positive at d3-miss)']);
  });
});

// Session 35: a volunteer sees two verdicts, the debrief's band and the story's ending. A playthrough
// in the Strong band (no prohibited act, 80% or more) ends strong, or on a worse ending whose variant
// says which step cost it; the plain narration of a mixed ending beside "Strong" says nothing of why.
describe('the debrief\'s band and the story\'s ending agree, or the ending says why', () => {
  it.each(IDS)('%s: every Strong-band playthrough ends strong, or on an ending variant that says why it did not', (id) => {
    const found = strongBandUnexplained(scenario(id)).map((f) => `${f.percent}% ${f.ending}: ${f.path.join(' ')}`);
    expect(found.slice(0, 3), `${found.length} playthroughs`).toEqual([]);
  });

  // Session 44: d-school-evidence and r-new-team-proper are also credited with what a wrong reply at
  // their decision is (youth-centered; team-communication), one point more on each best total: court-report
  // 29 of 34 (was 29 of 33), red-flags 33 of 38 (was 32 of 37, the path takes r-new-team-proper).
  it.each([
    ['court-report', 'd-opening-strengths d-school-truant d-health-records d-visit-ask-voice d-check-status-call-csw d-status-confirmed-factual d-wellbeing-strengths d-recs-csec-restoration d-recs-more-secondary d-review-supervisor d-hearing-support-order', 85, 'end-mixed', "Marisa's yellow highlighter caught lines in your draft"],
    ['testifying', 'd1-scary d2-practise d3-team d4-arrange d5-check d6-forward d7-tell d8-honest', 82, 'end-mixed', 'you asked her to practise on you'],
    ['youth-discloses', 'd1-curious d2-needs d3-thank d4-honest d5-accurate d6-safety d7-all-good d8-strengths', 85, 'end-csw-unaware', 'you told her Kiara was doing well'],
    ['red-flags', 'r-nails-curious r-boyfriend-light r-denise-balanced r-supervisor-facts r-csw-share r-two-workers-victim r-new-team-proper r-defense-yes r-court-nerves-offer r-testify-team r-plan-together', 87, 'end-mixed', "Ms. Nguyen works with girls who've been trafficked"],
    ['before-relapse', 'd1-yours d2-ask d3-strategies d4-thank d5-clc d6-three d7-funds d8-keep', 82, 'end-mixed', 'without asking Rina what she still wants'],
    ['saturday-shoots', 'd1-talk d2-light d3-open-glad d4-honest d5-leah d6-kid d7-dawson', 81, 'end-mixed', "Mr. Dawson's safety plan"],
    ['youth-relapses', 'd1-wait d2-process d3-not-stupid d4-plan d5-safety d6-yes d7-notice d8-support', 84, 'end-mixed', 'you waited until the next day to answer'],
    ['youth-relapses', 'd1-why d2-process d3-not-stupid d4-plan d5-safety d6-yes d7-notice d8-support', 80, 'end-mixed', 'Why would you go back to him??'],
    ['youth-relapses', 'd1-glad d2-process d3-not-stupid d4-plan d5-safety d6-yes d7-see-if-lasts d8-support', 80, 'end-mixed', "you said you'd see if it lasts"],
  ] as const)('%s: a Strong-band playthrough found ending on the plain narration now ends on a variant naming the step that cost it', (id, replies, percent, ending, words) => {
    const debrief = playReplies(scenario(id), replies.split(' '));
    expect(debrief?.score.percent).toBe(percent);
    expect(debrief?.outcome.band).toBe('strong');
    expect(debrief?.ending?.id).toBe(ending);
    expect(debrief?.ending?.narration).toContain(words);
  });

  // youth-relapses d8-push-through's playthrough was on this list at 80% (Strong); since content2-47 the reply is no
  // longer credited with ongoing support for the on-call phone's own motive (prohibited-not-strength.test.ts), so
  // it scores 76% (Developing), and it still ends on the variant that names the crisis line.
  it('youth-relapses: the playthrough that takes d8-push-through is Developing now, and its ending still names the crisis line', () => {
    const debrief = playReplies(scenario('youth-relapses'), 'd1-glad d2-process d3-not-stupid d4-plan d5-safety d6-yes d7-notice d8-push-through'.split(' '));
    expect(debrief?.score.percent).toBe(76);
    expect(debrief?.outcome.band).toBe('developing');
    expect(debrief?.ending?.id).toBe('end-empty');
    expect(debrief?.ending?.narration).toContain('as if you were her crisis line');
  });
});
