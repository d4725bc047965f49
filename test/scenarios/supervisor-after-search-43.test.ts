import { describe, expect, it } from 'vitest';
import { debriefModel, type Scenario } from '../../src/machines/index.js';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';
import { pathPicking, playReplies } from '../helpers/play.js';

const SUPERVISOR = 'consult-supervisor-on-suspicion';
const SUPERVISOR_TITLE = '"Take suspicions to the Advocate Supervisor"';

/**
 * Reply ids of a playthrough that takes `replyId` at `nodeId` and, at every other decision, the
 * enabled reply of highest value (the first of equals), as the session offers them.
 */
function pathThrough(scenario: Scenario, nodeId: string, replyId: string): string[] {
  const value = (r: { assessments: readonly { verdict: string; weight?: number }[] }) =>
    r.assessments.reduce((s, a) => s + (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1), 0);
  return pathPicking(scenario, (node, offered) => (node.id === nodeId ? offered.find((r) => r.id === replyId) : offered.reduce((a, b) => (value(b) > value(a) ? b : a))));
}

// docs/authoring.md section 6: a reply whose next step is a prohibited act (a search, or a message to
// the trafficker), what it finds or did then to be taken to the Advocate Supervisor, is scored on the
// prohibited act, and credited with bringing it to the supervisor. Unscored on the supervisor, it was
// counted as a missed chance (the best reply beside it follows the principle), and the debrief told a
// volunteer who said "then call you and my supervisor" that they had missed the supervisor.
describe('a prohibited act whose findings go to the Advocate Supervisor is not told it missed the supervisor', () => {
  it.each([
    ['couch-rent', 'd4-evening', 'd4-server', 'Naomi'],
    ['couch-rent', 'd4-evening', 'd4-vic', 'Naomi'],
    ['jae-and-hyung', 'd3-car', 'd3-search', 'Ruth'],
    ['the-list', 'd4-next', 'd4-search', 'Marcus'],
    ['red-flags', 'r-denise', 'r-denise-instagram', 'my supervisor'],
    ['saturday-shoots', 'd1-aunt', 'd1-look', 'my supervisor'],
    ['trafficker-contact', 'd1-text', 'd1-text-search', 'Dana, your supervisor'],
  ])('%s %s: %s (to %s) keeps to the supervisor there, and still breaks a prohibition', (id, nodeId, replyId, to) => {
    const s = bundledScenario(id);
    expect(bundledReply(id, nodeId, replyId).text).toContain(to);
    const path = pathThrough(s, nodeId, replyId);
    expect(path).toContain(replyId);
    const d = playReplies(s, path);
    if (!d) throw new Error(`${path.join(' > ')} did not end`);
    const m = debriefModel(s, d);
    expect(m.growthAreas.filter((g) => g.includes(SUPERVISOR_TITLE))).toEqual([]);
    const supervisor = d.principles.find((p) => p.principleId === SUPERVISOR);
    expect(supervisor?.notes.filter((n) => n.nodeId === nodeId).map((n) => `${n.replyId} ${n.verdict}`)).toEqual([`${replyId} follows`]);
    // The prohibited act is still a critical violation, there.
    expect(d.criticalViolations.map((c) => `${c.nodeId} ${c.replyId}`)).toContain(`${nodeId} ${replyId}`);
  });

  // trafficker-contact d6-parking-plate ("give Ms. Okafor and Dana a name") is not credited: no reply at
  // d6-parking follows the supervisor principle, so nothing is missed there, and crediting it would make
  // the best reply (d6-parking-walk) miss a chance.
  it('trafficker-contact d6-parking: no reply is scored on the supervisor, so d6-parking-plate misses nothing there', () => {
    const s = bundledScenario('trafficker-contact');
    expect(bundledDecision('trafficker-contact', 'd6-parking').replies.filter((r) => r.assessments.some((a) => a.principle === SUPERVISOR))).toEqual([]);
    const d = playReplies(s, pathThrough(s, 'd6-parking', 'd6-parking-plate'));
    expect(d?.principles.find((p) => p.principleId === SUPERVISOR)?.notes.filter((n) => n.nodeId === 'd6-parking')).toEqual([]);
  });
});

// The same for the team: trafficker-contact d6-parking-plate ("give Ms. Okafor and Dana a name") was not
// scored on team-communication while d6-parking-walk follows it, and the debrief said "You kept to "Keep
// an open line with the case parties" at only 4 of 5 chances" (as harm-reduction d5-lookup is credited
// with telling the team, it is credited too).
describe('a prohibited act whose findings go to the team is not told it missed the team', () => {
  it('trafficker-contact d6-parking-plate: team-communication followed there, the search still critical', () => {
    const s = bundledScenario('trafficker-contact');
    const d = playReplies(s, ['d1-text-screenshot', 'd3-morning-facts', 'd4-visit-boundary', 'd5-open-include', 'd6-parking-plate', 'd7-supervisor-honest', 'd8-plan-stay', 'd9-last-forward']);
    if (!d) throw new Error('did not end');
    const team = d.principles.find((p) => p.principleId === 'team-communication');
    expect(team?.notes.filter((n) => n.nodeId === 'd6-parking').map((n) => `${n.replyId} ${n.verdict}`)).toEqual(['d6-parking-plate follows']);
    expect(debriefModel(s, d).growthAreas.filter((g) => g.includes('at only'))).toEqual([]);
    expect(d.criticalViolations.map((c) => c.replyId)).toEqual(['d6-parking-plate']);
  });
});
