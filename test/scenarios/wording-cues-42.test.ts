import { describe, expect, it } from 'vitest';
import { replyValue } from '../../src/machines/scenario-index.js';
import type { Reply } from '../../src/machines/schema/scenario.js';
import { bundledScenario } from '../helpers/bundled.js';
import { driveReplies, playReplies } from '../helpers/play.js';

// Session 42 (contentb), the giveaway report's P7 and P8 and the length tell left in two scenarios:
// at whereabouts d4 the only reply admitting the strain without a cost was the best ("Can we talk…?");
// at whereabouts d8 and left-placement d7 a plan appeared only in the best reply, with no plan written for
// the youth beside it (harm-reduction d4-template, couch-rent d7-card, saturday-shoots d7-dawson have one);
// and at whereabouts d3 and left-placement d7 the best reply was still the longest of its decision.

const W = 'whereabouts-unknown';
const LPC = 'left-placement-calls';

function decision(id: string, nodeId: string) {
  const n = bundledScenario(id).nodes.find((x) => x.id === nodeId);
  if (n?.kind !== 'decision') throw new Error(`${id} has no decision ${nodeId}`);
  return n;
}
const scored = (r: Reply) => r.assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', ');
const split = (id: string, nodeId: string) => {
  const replies = decision(id, nodeId).replies;
  const top = Math.max(...replies.map(replyValue));
  return { best: replies.filter((r) => replyValue(r) === top), wrong: replies.filter((r) => replyValue(r) < top), replies };
};
/** Ends on a question, as the audit counts it. */
const asks = (text: string) => /\?["'”’)\s]*$/.test(text.trim());
const WU_BEST = ['d1-open', 'd2-learn', 'd3-checkin', 'd4-honest', 'd5-not-mad', 'd6-both', 'd6-tell', 'd7-csw', 'd8-plan'];
const LPC_BEST = ['d1-redirect', 'd2-resources', 'd3-door-open', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-needs'];
const swap = (path: readonly string[], from: string, to: string) => path.map((r) => (r === from ? to : r));

describe('P7: whereabouts d4, Priya asks how you are doing', () => {
  it('a wrong reply admits the strain too, breaking nothing, and turns the talk back to Dez; the best takes up the talk, ends flat and is not the longest', () => {
    const { best, wrong } = split(W, 'd4-priya');
    expect(best.map((r) => r.id)).toEqual(['d4-honest']);
    expect(scored(best[0]!)).toBe('self-care follows 2');
    expect(best[0]!.text).not.toMatch(/Can we talk/);
    expect(asks(best[0]!.text)).toBe(false);
    expect(wrong.some((r) => r.text.length > best[0]!.text.length)).toBe(true);
    // The honest near miss: it says how it is going, follows self-care, breaks nothing, and declines the talk.
    const admits = wrong.filter((r) => /not great|sleeping badly|not sleeping|rough/i.test(r.text) && r.assessments.every((a) => a.verdict === 'follows'));
    expect(admits.map((r) => r.id)).toEqual(['d4-running']);
    expect(scored(admits[0]!)).toBe('self-care follows 1');
    expect(admits[0]!.text).toMatch(/focus on Dez/);
    expect(admits[0]!.feedback).toContain('(Self-Care)');
    expect(admits[0]!.feedback).toContain('discuss challenges with your Advocate Supervisor');
    // The best path with it instead still ends strong (96%), with nothing said of keeping the strain to yourself.
    const d = playReplies(bundledScenario(W), swap(WU_BEST, 'd4-honest', 'd4-running'));
    expect(d?.ending?.id).toBe('end-strong');
    expect(d?.ending?.narration).not.toMatch(/never did tell Priya/);
  });
});

describe('P8: a plan written for the youth is a near miss beside the plan made with her', () => {
  it('whereabouts d8: the written plan gives resources that reduce harm and breaks harm reduction\'s self-determination; its ending says whose names are on it', () => {
    const { best, wrong } = split(W, 'd8-kitchen');
    expect(best.map((r) => r.id)).toEqual(['d8-plan']);
    const wrote = wrong.find((r) => r.id === 'd8-wrote');
    expect(wrote?.text).toMatch(/I wrote out a plan for you/);
    // Numbers to call are resources that reduce harm (as couch-rent d7-card scores them), not "a simple
    // safety plan with the youth", which the debrief would have said was kept to (a second reader).
    expect(scored(wrote!)).toBe('resources-reduce-harm follows 1, harm-reduction-self-determination violates 1');
    expect(wrote!.feedback).toContain('(What if my youth returns from leaving placement?)');
    expect(wrote!.feedback).toContain('(Harm Reduction)');
    // "plan" is no longer said only by the best reply.
    expect(wrong.filter((r) => /\bplan\b/i.test(r.text)).length).toBeGreaterThan(0);
    // 79% (23 of 29) since d8-plan is credited with respecting her 'maybe' (content2-44); it was 82%, Strong.
    const d = playReplies(bundledScenario(W), swap(WU_BEST, 'd8-plan', 'd8-wrote'));
    expect(d?.outcome.band).toBe('developing');
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).toMatch(/the ones you chose/);
    expect(d?.ending?.narration).not.toMatch(/writes a short plan with you/);
  });

  it('left-placement d7: the card made for Ari is scored the same way; she gets it, not a plan of her own, and the strong ending says so', () => {
    const { best, wrong } = split(LPC, 'd7-return');
    expect(best.map((r) => r.id)).toEqual(['d7-safety-plan']);
    const card = wrong.find((r) => r.id === 'd7-card');
    expect(card?.text).toMatch(/I made you a card/);
    expect(scored(card!)).toBe('resources-reduce-harm follows 1, harm-reduction-self-determination violates 1');
    expect(card!.feedback).toMatch(/identify risky behaviours/);
    const path = swap(LPC_BEST, 'd7-safety-plan', 'd7-card');
    const seen = driveReplies(bundledScenario(LPC), path, true).nodes;
    expect(seen).toContain('s7-card');
    expect(seen).not.toContain('s7-plan');
    const d = playReplies(bundledScenario(LPC), path);
    expect(d?.ending?.id).toBe('end-strong');
    expect(d?.ending?.narration).toMatch(/a card you had filled in, not a plan in her own words/);
    expect(d?.ending?.narration).not.toMatch(/people and numbers to call|Lorena/);
  });
});

describe('the best reply is not the longest at whereabouts d3 and left-placement d7, nor the shortest', () => {
  it.each([[W, 'd3-updates', 'd3-checkin', 'monthly-check-ins follows 2, clc-case-manager-role follows 1'], [LPC, 'd7-return', 'd7-safety-plan', 'safety-planning follows 2, harm-reduction-self-determination follows 1, resources-reduce-harm follows 1']])(
    '%s %s', (id, nodeId, bestId, scoring) => {
      const { best, replies } = split(id, nodeId);
      expect(best.map((r) => r.id)).toEqual([bestId]);
      expect(scored(best[0]!)).toBe(scoring);
      const others = replies.filter((r) => r !== best[0]).map((r) => r.text.length);
      expect(Math.max(...others), `${bestId} is the longest`).toBeGreaterThan(best[0]!.text.length);
      expect(Math.min(...others), `${bestId} is the shortest`).toBeLessThan(best[0]!.text.length);
    },
  );

  it('and it still says what it is credited for', () => {
    expect(decision(W, 'd3-updates').replies.find((r) => r.id === 'd3-checkin')?.text).toMatch(/update to Mr\. Nasser, Ms\. Washington and the attorney.*case manager/);
    expect(decision(LPC, 'd7-return').replies.find((r) => r.id === 'd7-safety-plan')?.text).toMatch(/safety plan .*your way/);
  });
});

describe('left-placement d4: leaving her call out of the update reads true on every path to it', () => {
  it('it does not say what Tomas knows (after d2r-tell he heard all of it from you that night), and keeps its consequence', () => {
    const told = driveReplies(bundledScenario(LPC), ['d1-rideshare', 'd2r-tell'], true).nodes;
    expect(told).toContain('s2-ride-told');
    expect(told.at(-1)).toBe('d4-update');
    const say = decision(LPC, 'd4-update').replies.find((r) => r.id === 'd4-say-nothing')!;
    expect(say.text).not.toMatch(/Tomas|placement staff/);
    expect(say.text).toMatch(/keep Tuesday night out of writing/);
    // Nor whether she is away "again" or "still": she went back in between on some paths (s4-again), not on others (s4-gone, s4-morning).
    expect(say.text).not.toMatch(/\bagain\b|\bstill\b/);
    // Tomas has heard of the call on nearly every path: what is kept out is the written record, so it
    // is the open line with the case parties at weight 1 (docs/authoring.md section 10), not "they need
    // not hear of it at all" (weight 2, a second reader).
    // It says "away from placement", the guide's words, and is credited for them (readerA-43).
    // And it is an update to Tomas, the CSW, so it works with the CSW (missed-truth-43).
    expect(scored(say)).toBe('team-communication violates 1, no-awol-label follows 1, csw-partnership follows 1');
    expect(say.feedback).not.toMatch(/anyone who picks up her case/);
    expect(say.feedback).toMatch(/whatever Tomas has already heard from you/);
    expect(driveReplies(bundledScenario(LPC), ['d1-rideshare', 'd2r-tell', 'd4-say-nothing'], true).nodes).toContain('s5-weeks-unaware');
  });
});

describe('youth-discloses d1: the soft warning and the question barrage', () => {
  it('weigh the same: both break a rule of the same Red Flags paragraph, and the warning is not counted twice', () => {
    const { best, wrong } = split('youth-discloses', 'd1-gifts');
    expect(best.map((r) => r.id)).toEqual(['d1-curious']);
    const warn = wrong.find((r) => r.id === 'd1-warn')!;
    const barrage = wrong.find((r) => r.id === 'd1-cross-exam')!;
    expect(scored(warn)).toBe('no-jumping-to-conclusions violates 2');
    expect(replyValue(warn)).toBe(replyValue(barrage));
    expect(warn.feedback).toContain('(Red Flags)');
    expect(warn.authorNotes).toMatch(/Do not to jump to conclusions.*do not interrogate them/);
  });
});

// A second reader over this session's changes: what each changed line says fits every path to it.
describe('second reader (session 42): words that fit every path', () => {
  it('jae d3-keep-csw-out does not tell the volunteer to bring Ruth what Jae is afraid of (on the shut path he never said)', () => {
    const r = decision('jae-and-hyung', 'd3-car').replies.find((x) => x.id === 'd3-keep-csw-out')!;
    expect(r.feedback).not.toMatch(/afraid of/);
    expect(r.feedback).toMatch(/what you noticed and what Jae said/);
  });

  it('jae s3-wait says why the volunteer calls Ruth after a week, not at the report sit-down d3-wait planned', () => {
    const n = bundledScenario('jae-and-hyung').nodes.find((x) => x.id === 's3-wait');
    expect(n?.kind === 'scene' ? n.narration : '').toMatch(/busy w hyung this wknd"\. That decides it\. On Friday you call Ruth/);
  });

  it('youth-discloses d1-warn does not call him older before Kiara has said his age', () => {
    const r = decision('youth-discloses', 'd1-gifts').replies.find((x) => x.id === 'd1-warn')!;
    expect(r.feedback).not.toMatch(/older boyfriend/);
  });

  it('boy-red-flags: the flag d4-wait sets (a watch kept with Ray) is named for waiting to see too', () => {
    const d4 = decision('boy-red-flags', 'd4-next').replies.find((x) => x.id === 'd4-wait')!;
    expect(d4.effects).toContainEqual({ var: 'dismissed', set: true });
    expect(bundledScenario('boy-red-flags').variables?.find((v) => v.id === 'dismissed')?.label).toMatch(/waited to see/);
  });
});

// The audit's stricter consequence check (session 42) found court-report's repair at the hearing told
// the same ending whether the volunteer owned the mistake, hid behind the reporting duty or blamed
// the attorney: the outcome follows conduct, so owning it is seen in the ending, still harmful.
describe('court-report: the ending after the report is filed says whether you owned the mistake to Lupe', () => {
  const before = ['d-opening-strengths', 'd-school-glowing', 'd-health-sti', 'd-visit-promise', 'd-check-status-staff', 'd-status-unconfirmed-omit', 'd-wellbeing-vague', 'd-recs-unconfirmed-restoration', 'd-review-attorney'];
  it.each([
    ['d-hearing-repair-own', true],
    ['d-hearing-repair-blame', false],
    ['d-hearing-repair-mandated', false],
  ] as const)('%s', (repair, owned) => {
    const seen = driveReplies(bundledScenario('court-report'), [...before, repair], true).nodes;
    expect(seen).toContain('d-hearing-repair');
    const d = playReplies(bundledScenario('court-report'), [...before, repair]);
    expect(d?.ending?.id).toBe('end-harmful');
    expect(d?.ending?.narration.includes('You said it was your mistake'), d?.ending?.narration).toBe(owned);
    expect(d?.ending?.narration.includes("doesn't look at you"), d?.ending?.narration).toBe(!owned);
  });

  // rules3: the audit counts a poor reply's change only where a condition after it reads it; the two
  // that kept "doesn't look at you" changed only trust, which nothing after the hearing reads. Each
  // now sets a flag the ending reads, and is told what it cost, labels-only drafts still told labels.
  it.each([
    ['d-hearing-repair-mandated', /you pointed to the reporting duty and to her safety\. The guide asks a CASA to strive to be youth-centered; what Lupe heard instead is that what she tells you can end up in front of a judge/],
    ['d-hearing-repair-blame', /you put it on Ms\. Park for showing her the report[^]*Ms\. Park, her attorney and one of the case parties the guide asks you to keep an open line of communication with, leaves without a word to you/],
  ] as const)('%s is told in the ending what it cost, whatever the draft held', (repair, told) => {
    // The draft above (an STI, substance use), and one whose only slips are labels ("chronically truant").
    const labelsOnly = ['d-opening-strengths', 'd-school-truant', 'd-health-records', 'd-visit-promise', 'd-check-status-staff', 'd-status-unconfirmed-omit', 'd-wellbeing-strengths', 'd-recs-unconfirmed-usual', 'd-review-attorney'];
    for (const [path, what] of [[before, /never chose to share/], [labelsOnly, /labels where the evidence should be/]] as const) {
      const d = playReplies(bundledScenario('court-report'), [...path, repair]);
      expect(d?.ending?.id).toBe('end-harmful');
      expect(d?.ending?.narration).toMatch(told);
      expect(d?.ending?.narration).toMatch(what);
      expect(d?.ending?.narration).not.toMatch(/You said it was your mistake/);
    }
  });
});

describe('whereabouts-unknown: the ending told after a search fits each search that sets it', () => {
  it('driving around, the tablet and tracing the number all set "searched"; its ending says who she was in touch with (storya-52: was "went digging"), not "went looking for her" (a traced number is no drive)', () => {
    const s = bundledScenario('whereabouts-unknown');
    const setting = s.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).filter((r) => r.effects?.some((e) => e.var === 'searched' && 'set' in e && e.set === true)).map((r) => r.id);
    expect(setting.sort()).toEqual(['d2-drive', 'd2-tablet', 'd6-trace']);
    const told = s.nodes.flatMap((n) => (n.kind === 'ending' ? (n.variants ?? []) : [])).filter((v) => JSON.stringify(v.when).includes('"searched"')).map((v) => v.narration);
    expect(told.some((t) => /tried to find out who she was in touch with/.test(t))).toBe(true);
    for (const t of told) expect(t).not.toMatch(/went looking for her/);
  });
});
