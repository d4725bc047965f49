import { describe, expect, it } from 'vitest';
import { bundledScenario } from '../helpers/bundled.js';
import { driveReplies, playReplies, shownAt, toldAt } from '../helpers/play.js';

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

describe('contentb2-47: before-relapse follows what was said', () => {
  const s = bundledScenario('before-relapse');

  // s1-triggers ("I don't know. Paolo helps, I guess…") answers "What's been helping most?", which only d1-yours asks.
  it.each([
    ['d1-yours', 's1-triggers', /^I don't know\. Paolo helps, I guess\./],
    ['d1-jinx', 's1-jinx', /^Whole new chapter\./],
    ['d1-normal', 's1-normal', /^When it happens\./],
  ])('after %s Rina answers what was said (%s)', (reply, scene, first) => {
    const { nodes } = driveReplies(s, [reply], true);
    expect(nodes.slice(1, 4)).toEqual(['d1-good', scene, 'd2-triggers']);
    const lines = shownAt(s, scene).slice(1);
    expect(lines[0]).toMatch(first);
    // Joy is named among what helps on every path (the opening has said who she is).
    expect(lines.join(' ')).toMatch(/Joy/);
  });

  it('only the reply that asks what has been helping is answered with "Paolo helps, I guess"', () => {
    for (const scene of ['s1-jinx', 's1-normal']) expect(toldAt(s, scene)).not.toMatch(/I guess|I don't know/);
  });

  // "Leave it" brings nothing up, and s2-shut ("I'm good. Seriously.") answered a question nobody asked.
  it('after "Leave it" nothing asked is answered; s2-shut follows the replies that did ask', () => {
    const leave = driveReplies(s, ['d1-yours', 'd2-leave'], true).nodes;
    expect(leave).toContain('s2-left');
    expect(leave).not.toContain('s2-shut');
    expect(toldAt(s, 's2-left')).not.toMatch(/I'm good|Seriously/);
    expect(toldAt(s, 's2-left')).toMatch(/merienda/);
    for (const asked of ['d2-list', 'd2-ask']) expect(driveReplies(s, ['d1-jinx', asked], true).nodes, asked).toContain('s2-shut');
  });

  // d8-step-down's title quoted "Maybe she doesn't need all this", which Ms. Bautista never says, and nothing
  // said where or when the talk happens.
  it('Ms. Bautista\'s decision quotes only what she says, and is set in a sentence', () => {
    const d8 = decisionOf('before-relapse', 'd8-step-down');
    const said = (d8.lines ?? []).map((l) => l.text).join(' ');
    for (const quoted of (d8.title ?? '').match(/"[^"]+"/g) ?? []) expect(said).toContain(quoted.slice(1, -1));
    expect(d8.title).not.toMatch(/doesn't need all this/);
    expect(d8.narration).toMatch(/Ms\. Bautista/);
    expect(d8.narration).toMatch(/calls/);
  });

  // The best reply was the only one ending on a question at d1-good and d8-step-down (2 of 8 decisions).
  it.each(['d1-good', 'd8-step-down'])('at %s a wrong reply ends on a question too, and the scoring is as before', (node) => {
    const d = decisionOf('before-relapse', node);
    const values = d.replies.map((r) => r.assessments.reduce((v, a) => v + (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1), 0));
    const top = Math.max(...values);
    expect(d.replies.filter((r, i) => values[i]! < top && /\?\s*$/.test(r.text)).length).toBeGreaterThanOrEqual(1);
    expect(Object.fromEntries(d.replies.map((r, i) => [r.id, values[i]]))).toEqual(node === 'd1-good' ? { 'd1-yours': 3, 'd1-jinx': -2, 'd1-normal': 0 } : { 'd8-agree': -3, 'd8-keep': 0, 'd8-ongoing': 4 });
  });

  it('exiting "is often done in stages", as the guide says, not "happens in stages"', () => {
    expect(replyOf('before-relapse', 'd3-which').feedback).toMatch(/exiting is often done in stages, not all at once/);
  });
});
