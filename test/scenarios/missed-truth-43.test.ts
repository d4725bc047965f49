import { describe, expect, it } from 'vitest';
import { replyValue, type Scenario } from '../../src/machines/index.js';
import { bundledScenario } from '../helpers/bundled.js';
import { driveReplies, pathPicking, playReplies } from '../helpers/play.js';

/** Reply ids of a playthrough that takes `replyId` at `nodeId` and the enabled reply of highest value elsewhere (the first of equals). */
function pathThrough(scenario: Scenario, nodeId: string, replyId: string): string[] {
  return pathPicking(scenario, (node, offered) => (node.id === nodeId ? offered.find((r) => r.id === replyId) : offered.reduce((a, b) => (replyValue(b) > replyValue(a) ? b : a))));
}

// docs/authoring.md section 5, "What missed means": the debrief counts a missed chance for a principle
// at a decision when the reply taken does not assess it while another reply there follows it. Each reply
// below does what the principle asks, in its own words, and was not scored on it, so the debrief told a
// volunteer who had done it that they had missed a chance to (a scan of every such pair in the bundled
// scenarios, read against each principle's rule).
describe('a reply that does what a principle asks is not told it missed a chance for it', () => {
  it.each([
    // Asks the CSW for a date: working with the CSW (Collaboration with Case Parties).
    ['jae-and-hyung', 'd7-screening', 'd7-wait', 'csw-partnership', 'ask Ms. Haddad'],
    // A prohibited search whose findings go to the CSW (as trafficker-contact d6-parking-plate is
    // credited with the team): still a critical violation, and credited with the CSW.
    ['trafficker-contact', 'd1-text', 'd1-text-search', 'csw-partnership', 'tell Ms. Okafor'],
    ['whereabouts-unknown', 'd6-morning', 'd6-trace', 'csw-partnership', 'tell Mr. Nasser'],
    ['court-report', 'd-check-status', 'd-check-status-staff', 'csw-partnership', 'give Ms. Alvarez'],
    // An email to the CSW saying she is away from placement: an update to the CSW, with a gap
    // (scored on team-communication).
    ['left-placement-calls', 'd4-update', 'd4-say-nothing', 'csw-partnership', 'Send a short update'],
    // Describes what Kiara said rather than labelling her, which d5-accurate is credited for.
    ['youth-discloses', 'd5-supervisor', 'd5-not-csec', 'people-first-language', 'Kiara has an older boyfriend'],
  ])('%s %s: %s keeps to %s there', (id, nodeId, replyId, principleId, words) => {
    const s = bundledScenario(id);
    const node = s.nodes.find((n) => n.id === nodeId);
    if (node?.kind !== 'decision') throw new Error(`${id} has no decision ${nodeId}`);
    const reply = node.replies.find((r) => r.id === replyId);
    if (!reply) throw new Error(`${id} ${nodeId} has no reply ${replyId}`);
    expect(reply.text).toContain(words);
    // Still worth less than the best reply there.
    expect(replyValue(reply)).toBeLessThan(Math.max(...node.replies.map((r) => replyValue(r))));
    const path = pathThrough(s, nodeId, replyId);
    expect(path).toContain(replyId);
    const d = playReplies(s, path);
    if (!d) throw new Error(`${path.join(' > ')} did not end`);
    const p = d.principles.find((x) => x.principleId === principleId);
    expect(p?.notes.filter((n) => n.nodeId === nodeId).map((n) => `${n.replyId} ${n.verdict}`)).toEqual([`${replyId} follows`]);
    // The feedback cites the principle's section.
    expect(reply.feedback).toContain(principleId === 'people-first-language' ? '(Using Appropriate Language)' : 'Collaboration with Case Parties');
  });

  it('the prohibited searches credited with the CSW are still critical violations there', () => {
    for (const [id, nodeId, replyId] of [['trafficker-contact', 'd1-text', 'd1-text-search'], ['whereabouts-unknown', 'd6-morning', 'd6-trace'], ['court-report', 'd-check-status', 'd-check-status-staff']] as const) {
      const s = bundledScenario(id);
      const d = playReplies(s, pathThrough(s, nodeId, replyId));
      expect(d?.criticalViolations.map((c) => `${c.nodeId} ${c.replyId}`)).toContain(`${nodeId} ${replyId}`);
    }
  });
});

// court-report, second reading (readerC-43): Marisa's highlighter answered every flagged draft with "I know
// it can feel like hiding the truth. It isn't: objective doesn't mean everything you know", also when all
// it flagged was a label ("a CSEC victim") or a recommendation that overrides Lupe (her phone taken away, a
// move out of the county): nothing the volunteer knew and wrote down. Those drafts hear words of their own.
describe('court-report: what Marisa says at review fits what the draft held', () => {
  const BEST = ['d-opening-strengths', 'd-school-evidence', 'd-health-records', 'd-visit-ask-voice', 'd-check-status-call-csw', 'd-status-confirmed-factual', 'd-wellbeing-strengths', 'd-recs-csec-restoration', 'd-recs-more-secondary', 'd-review-supervisor', 'd-hearing-support-order'];
  const swap = (from: string, to: string) => BEST.map((r) => (r === from ? to : r));
  const toldAt = (nodes: readonly string[]) => {
    const s = bundledScenario('court-report');
    return nodes.flatMap((id) => {
      const n = s.nodes.find((x) => x.id === id);
      return n?.kind === 'scene' ? [n.narration ?? '', ...(n.lines ?? []).map((l) => l.text)] : [];
    }).join(' ');
  };
  const HIDING = /hiding the truth|everything you know/;

  it.each([
    ['d-recs-csec-restoration', 'd-recs-csec-lockdown'],
    ['d-recs-more-secondary', 'd-recs-more-move'],
    ['d-status-confirmed-factual', 'd-status-confirmed-label'],
  ])('with %s swapped for %s, the draft is flagged, and not as a truth held back', (from, to) => {
    const nodes = driveReplies(bundledScenario('court-report'), swap(from, to), true).nodes;
    expect(nodes).not.toContain('s-marisa-approves');
    expect(toldAt(nodes)).toMatch(/highlighted in yellow/);
    expect(toldAt(nodes)).not.toMatch(HIDING);
  });

  it('a draft that tells what Lupe never chose to share still hears it', () => {
    const nodes = driveReplies(bundledScenario('court-report'), swap('d-wellbeing-strengths', 'd-wellbeing-substance'), true).nodes;
    expect(toldAt(nodes)).toMatch(HIDING);
  });
});
