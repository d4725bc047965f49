import { describe, expect, it } from 'vitest';
import { BUNDLED_IDS, bundledReply, bundledScenario } from '../helpers/bundled.js';

// Session 61 (reader-c-61): does every feedback say what the cited guide section says, no more and no less, and are
// the same kinds of replies scored the same way across the sixteen scenarios? Each case was seen failing on the files
// as they stood before the fix.

const scored = (id: string, node: string, reply: string) => bundledReply(id, node, reply).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`);
const allReplies = () => BUNDLED_IDS.flatMap((id) => bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies.map((r) => ({ id, node: n.id, r })) : [])));

// 1. the-list d5-promise ("Okay. It stays between us, I promise. Just please don't bring Kenny.") ended its feedback
// on "A promise you cannot keep costs more later than an honest answer now.": a maxim resting on no section of the
// guide, the very sentence reader-b-57 took out of boy-red-flags d3-secret (story-57b). The feedback keeps what the
// guide says (discuss a suspicion with your Advocate Supervisor, Red Flags) and CASA/LA's own mandated-reporter
// statement, named as such.
describe('reader-c-61: no feedback ends on the maxim about promises the guide does not hold', () => {
  it('no reply in the bundled set says a promise costs more later than an honest answer now', () => {
    const maxim = allReplies().filter(({ r }) => /costs? more later than an honest answer/i.test(r.feedback)).map(({ id, r }) => `${id} ${r.id}`);
    expect(maxim).toEqual([]);
  });

  it('the-list d5-promise keeps the guide\'s step and the mandated-reporter statement named as CASA/LA\'s own, scored as before', () => {
    const f = bundledReply('the-list', 'd5-kenny', 'd5-promise').feedback;
    expect(f).toContain('discuss it with your Advocate Supervisor to figure out the best next steps (Red Flags)');
    expect(f).toContain('(CASA/LA\'s own statement, not the guide\'s)');
    expect(scored('the-list', 'd5-kenny', 'd5-promise')).toEqual(['consult-supervisor-on-suspicion violates 2']);
  });
});

describe('reader-c-61: each changed file is one version on', () => {
  it('the-list 36', () => {
    expect(bundledScenario('the-list').version).toBeGreaterThanOrEqual(36);
  });
});
