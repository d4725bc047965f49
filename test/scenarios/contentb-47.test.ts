import { describe, expect, it } from 'vitest';
import { bundledScenario } from '../helpers/bundled.js';
import { driveReplies, playReplies, toldAt } from '../helpers/play.js';

// Session contentb-47: fresh eyes on boy-red-flags, before-relapse and court-report, played through in the
// terminal and checked against the guide. Each case below was seen failing before its fix.

describe('contentb-47: court-report keeps its calendar', () => {
  // The opening puts the review three weeks away, with the draft due "next Friday"; the visit is on a
  // Saturday, the draft is done on a Thursday night and goes in the next day. So the report is filed a week
  // or more into those three weeks: the hallway on hearing day cannot be "three weeks later".
  const s = bundledScenario('court-report');
  const best = ['d-opening-strengths', 'd-school-evidence', 'd-health-records', 'd-visit-ask-voice', 'd-check-status-call-csw', 'd-status-confirmed-factual', 'd-wellbeing-strengths', 'd-recs-csec-restoration', 'd-recs-more-secondary'];

  it('the opening sets the review three weeks away and the draft due the next Friday; the draft is finished on the Thursday night before it is due', () => {
    expect(toldAt(s, 's-kitchen-table')).toMatch(/review is in three weeks/);
    expect(toldAt(s, 's-kitchen-table')).toMatch(/next Friday/);
    expect(toldAt(s, 's-visit')).toMatch(/^Saturday\./);
    expect(toldAt(s, 'd-review')).toMatch(/Thursday night; the report is due tomorrow/);
  });

  it.each([
    ['reviewed by Marisa', 'd-review-supervisor', 's-filed-reviewed'],
    ['sent in without her', 'd-review-skip', 's-filed'],
  ])('a report %s meets Lupe on hearing day, not three weeks or more after it is filed', (_how, review, scene) => {
    const { nodes } = driveReplies(s, [...best, review], true);
    expect(nodes).toContain(scene);
    expect(toldAt(s, scene)).toMatch(/^The report is filed\./);
    expect(toldAt(s, scene)).not.toMatch(/\b(three|four|five|six|\d+) weeks later\b/i);
  });
});

describe('contentb-47: boy-red-flags tells the drive to Union Station wherever it ends', () => {
  // d6-drive ("Stay at the station. I'm getting in the car now.") goes to end-drive, or with Theo's trust
  // under 40 to end-closed, whose narration began at "Theo stops answering your texts": the drive, and
  // what came of it, was never told.
  const s = bundledScenario('boy-red-flags');

  it('a drive with little trust left ends closed, and the ending says what happened at the station', () => {
    const d = playReplies(s, ['d1-agree', 'd2-pile', 'd3-press', 'd4-jonah', 'd5-person', 'd6-drive']);
    expect(d?.ending?.id).toBe('end-closed');
    expect(d?.ending?.narration).toMatch(/Union Station/);
    expect(d?.ending?.narration).toMatch(/Theo stops answering your texts/);
  });

  it('the same low-trust playthrough that calls Ray and Ms. Ortega instead is told no drive', () => {
    const d = playReplies(s, ['d1-agree', 'd2-pile', 'd3-press', 'd4-jonah', 'd5-person', 'd6-ray']);
    expect(d?.ending?.id).toBe('end-closed');
    expect(d?.ending?.narration).not.toMatch(/Union Station|drive/);
  });
});

// Session contentb2-47: follow-ups from the same fresh read. Each case below was seen failing before its fix.

/** A reply of a bundled scenario, by id (an error names one that is not there). */
function replyOf(scenarioId: string, replyId: string) {
  const r = bundledScenario(scenarioId).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((x) => x.id === replyId);
  if (!r) throw new Error(`${scenarioId} has no reply ${replyId}`);
  return r;
}

/** A decision of a bundled scenario, by id. */
function decisionOf(scenarioId: string, nodeId: string) {
  const n = bundledScenario(scenarioId).nodes.find((x) => x.id === nodeId);
  if (n?.kind !== 'decision') throw new Error(`${scenarioId} has no decision ${nodeId}`);
  return n;
}

describe('contentb2-47: court-report says what the guide says, in the guide\'s strength', () => {
  // Potential Recommendations: "As with all court reports, the CASA should make sure to review recommendations
  // with their Advocate Supervisor." It has no "first", no deadline, and does not say the step matters more on
  // a sensitive case; Prohibited Activities has no "whatever the reason"; Red Flags says "do not interrogate",
  // and allows asking for more information about a boyfriend; the guide says CASAs "can request" the attorney order.
  const s = bundledScenario('court-report');

  it('the skipped review is told what the guide asks (as with all court reports), and the project\'s "matters more" is not cited to the guide', () => {
    const f = replyOf('court-report', 'd-review-skip').feedback;
    expect(f).toMatch(/As with all court reports, the guide asks you to make sure to review your recommendations with your Advocate Supervisor \(Potential Recommendations\)\./);
    expect(f).not.toMatch(/matters even more \(Potential Recommendations\)/);
    expect(f).toMatch(/may be inappropriate before a youth has self-disclosed/);
    expect(replyOf('court-report', 'd-review-attorney').feedback).not.toMatch(/recommendations are reviewed/);
    expect(decisionOf('court-report', 'd-review').facilitatorNote).not.toMatch(/whatever the deadline/);
  });

  it('the mixed ending puts no "first" and no "whatever the reason" in the guide\'s mouth', () => {
    const end = s.nodes.find((n) => n.id === 'end-mixed');
    const texts = end?.kind === 'ending' ? [end.narration, ...(end.variants ?? []).map((v) => v.narration)] : [];
    expect(texts.filter((t) => /reviewed with your Advocate Supervisor/.test(t))).toHaveLength(2);
    for (const t of texts) {
      expect(t).not.toMatch(/Advocate Supervisor first|whatever the reason/);
      expect(t).not.toMatch(/every court report's recommendations/);
    }
  });

  it('the question about Damian is told Red Flags\' words (do not interrogate; asking directly may offend or alienate), the report\'s reason not cited to it', () => {
    const f = replyOf('court-report', 'd-visit-ask-boyfriend').feedback;
    expect(f).not.toMatch(/no reason to question her \(Red Flags\)/);
    expect(f).toMatch(/not to interrogate/);
    expect(f).toMatch(/may offend or alienate her/);
    expect(f).toMatch(/discuss it with your Advocate Supervisor to figure out the best next steps \(Red Flags\)/);
  });

  it('the attorney order is something CASAs "can request", not something the guide "suggests"', () => {
    const note = decisionOf('court-report', 'd-hearing-support').facilitatorNote ?? '';
    expect(note).not.toMatch(/guide suggests/);
    expect(note).toMatch(/CASAs can request the dependency attorney to complete an attorney order/);
  });

  it('"I know you hate it" (talking in court) is set up: Lupe says so at the taco visit, which every playthrough passes', () => {
    expect(replyOf('court-report', 'd-hearing-support-speak-for').text).toMatch(/I know you hate it/);
    expect(toldAt(s, 's-visit')).toMatch(/I hate it in there\. I never know what to say\./);
    const { nodes } = driveReplies(s, ['d-opening-strengths', 'd-school-evidence', 'd-health-records'], true);
    expect(nodes.at(-1)).toBe('d-visit');
    expect(nodes).toContain('s-visit');
  });
});
