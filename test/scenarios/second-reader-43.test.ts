import { describe, expect, it } from 'vitest';
import { debriefModel } from '../../src/machines/index.js';
import { bundledScenario } from '../helpers/bundled.js';
import { playReplies } from '../helpers/play.js';

// A fresh second reader (reader-43) on before-relapse, youth-relapses, harm-reduction, trafficker-contact
// and dual-involvement. Each case pins what a finding changed.
describe('second reader (reader-43)', () => {
  // trafficker-contact: d3-morning-facts ("…and so will Dana", said to Ms. Okafor, who asked) followed
  // "Take suspicions to the Advocate Supervisor". A volunteer who emailed Dana on Sunday night
  // (d1-text-screenshot) and then played it down to Ms. Okafor on Monday was told "You kept to … at only
  // 1 of 2 chances", as if Dana had not been told; one who sent the whole thread to Dana that night
  // (d2-thread-stop-report) was told "You missed 2 chances".
  // The CSW's own question is answered on what it gives the CSW (docs section 6), so the supervisor's one
  // chance is the first text: kept or missed there, and said so.
  describe('trafficker-contact: what the debrief says of the Advocate Supervisor fits when Dana was told', () => {
    const SUPERVISOR = '"Take suspicions to the Advocate Supervisor"';
    const said = (replies: string[]) => {
      const s = bundledScenario('trafficker-contact');
      const d = playReplies(s, replies);
      if (!d) throw new Error(`${replies.join(' > ')} did not end`);
      const m = debriefModel(s, d);
      return { growth: m.growthAreas.filter((g) => g.includes(SUPERVISOR)), strengths: m.strengths.filter((g) => g.includes(SUPERVISOR)) };
    };
    const after = ['d4-visit-boundary', 'd5-open-include', 'd6-parking-walk', 'd7-supervisor-honest', 'd8-plan-stay', 'd9-last-forward'];

    it.each(['d3-morning-downplay', 'd3-morning-ask-imani'])('Dana emailed on Sunday night, then %s to Ms. Okafor: kept to, with no chance missed', (d3) => {
      const { growth, strengths } = said(['d1-text-screenshot', d3, ...after]);
      expect(growth).toEqual([]);
      expect(strengths).toHaveLength(1);
    });

    // (Session 43, the web check: "You missed a chance for" read as if Dana was never told, though the
    // thread went to her that night: d2-thread-stop-report now follows the principle too.)
    it.each(['d3-morning-downplay', 'd3-morning-facts'])('a reply to "Tasha", then the thread sent to Dana that night, then %s: kept to at the second of two chances (the first text missed), never "missed" alone', (d3) => {
      const { growth } = said(['d1-text-who', 'd2-thread-stop-report', d3, ...after]);
      expect(growth).toHaveLength(1);
      expect(growth[0]).toMatch(/^You kept to "Take suspicions to the Advocate Supervisor" at only 1 of 2 chances/);
    });
  });

  // The guide's word for what these decisions test ("open-minded and non-judgmental", Stages of Exiting CSEC
  // Involvement) was only in the best reply: dual-involvement d6-needs "I'm not here to judge her, or you",
  // trafficker-contact d5-open-include "I'm not judging you". A volunteer could pick it on the word. A wrong
  // reply beside each now says it too, as people do before a question or a promise, and is scored as before.
  it.each([
    ['dual-involvement', 'd6-roz', 'd6-how', 'curious-not-interrogating violates 1'],
    ['trafficker-contact', 'd5-open', 'd5-open-secret', 'team-communication violates 2'],
  ])('%s %s: the best reply is not the only one that says it is not judging (%s says it too, and is still wrong)', (id, nodeId, wrongId, scoredAs) => {
    const n = bundledScenario(id).nodes.find((x) => x.id === nodeId);
    if (n?.kind !== 'decision') throw new Error(`${id} has no decision ${nodeId}`);
    const value = (r: (typeof n.replies)[number]) => r.assessments.reduce((s, a) => s + (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1), 0);
    const top = Math.max(...n.replies.map(value));
    const saying = n.replies.filter((r) => /\bjudg/i.test(r.text));
    expect(saying.filter((r) => value(r) < top).map((r) => r.id)).toEqual([wrongId]);
    const wrong = n.replies.find((r) => r.id === wrongId)!;
    expect(wrong.assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', ')).toBe(scoredAs);
    // The best reply is still not the longest there.
    const best = n.replies.find((r) => value(r) === top)!;
    expect(Math.max(...n.replies.map((r) => r.text.length))).toBeGreaterThan(best.text.length);
  });
});
