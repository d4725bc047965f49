import { describe, expect, it } from 'vitest';
import { bundledScenario } from '../helpers/bundled.js';
import { driveReplies, nodesBetween, toldAt } from '../helpers/play.js';

// Story continuity (contentfix-49): faults today's scenario readers found, each case pinning what its fix changed.

/** What a playthrough shows between two nodes, in order (the nodes strictly between them). */
const toldBetween = (id: string, replies: string[], from: string, to: string) => {
  const s = bundledScenario(id);
  const { nodes } = driveReplies(s, replies, true);
  return nodesBetween(nodes, from, to).map((n) => toldAt(s, n)).join(' ');
};

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
});
