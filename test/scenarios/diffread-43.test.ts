import { describe, expect, it } from 'vitest';
import { bundledScenario } from '../helpers/bundled.js';

// A fresh read (diffread-43) of this session's content changes against the guide. Each case pins a
// wording fix: what the feedback says, and that it still cites the guide's section.
const feedback = (id: string, nodeId: string, replyId: string) => {
  const n = bundledScenario(id).nodes.find((x) => x.id === nodeId);
  if (n?.kind !== 'decision') throw new Error(`${id} has no decision ${nodeId}`);
  const r = n.replies.find((x) => x.id === replyId);
  if (!r) throw new Error(`${id}/${nodeId} has no reply ${replyId}`);
  return r.feedback;
};

describe('diffread-43: wording of this session\'s feedback', () => {
  // "it tells her … not to act on it before it has heard what she does feel": the reply cannot hear;
  // the volunteer has not asked what Dez feels.
  it('whereabouts-unknown d6-deserve: it is the volunteer who has not heard what Dez feels', () => {
    const f = feedback('whereabouts-unknown', 'd6-feelings', 'd6-deserve');
    expect(f).not.toMatch(/before it has heard/);
    expect(f).toMatch(/before you have heard what she does feel/);
    expect(f).toMatch(/\(Stages of Exiting CSEC Involvement\)/);
  });

  // "…words she hasn't used, the open-minded, non-judgmental stance…" ran the stance on as if it were
  // the words she hasn't used.
  it('red-flags r-two-workers-explain: the stance the guide asks for is its own sentence', () => {
    const f = feedback('red-flags', 'r-two-workers', 'r-two-workers-explain');
    expect(f).toMatch(/words she hasn't used\. That is the open-minded, non-judgmental stance the guide asks for \(Stages of Exiting CSEC Involvement\)\./);
  });

  // The same section was cited twice in a row, once for each half of one thought.
  it('left-placement-calls d4-say-nothing: cites Collaboration with Case Parties once', () => {
    const f = feedback('left-placement-calls', 'd4-update', 'd4-say-nothing');
    expect(f.match(/\(Collaboration with Case Parties\)/g)).toHaveLength(1);
    expect(f).toMatch(/\(Using Appropriate Language\)/);
  });
});
