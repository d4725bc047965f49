import { describe, expect, it } from 'vitest';
import { whenHolds } from '../../src/machines/conditions.js';
import { scoreOf } from '../../src/machines/conduct.js';
import { outcomeOf } from '../../src/machines/scoring.js';
import { bundledReply, bundledScenario } from '../helpers/bundled.js';
import { walkPlaythroughs } from '../helpers/walk.js';

// Session 61 (review-61): a second reading of the day's content changes (reader-b-61's rewordings, reader-c-61's weights,
// credit and maxims) against the guide, and walks of every playthrough of each changed file, old against new. Each case
// below was seen failing on the files as they stood before the fix.

const scored = (id: string, node: string, reply: string) => bundledReply(id, node, reply).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', ');

// 1. youth-discloses: four Strong-band playthroughs (81-85%) that missed the strong ending through one step each (a promise
// of secrecy at the bus stop, the call to Ana settled there, "a CSEC" said to Renee) were told end-mixed's general variant,
// "not every step along the way was the one the guide asks of you, and your debrief shows where", where every other
// scenario names the step that kept a high-scoring path from its strong ending. Each now hears its own step, and each such
// sentence is told only to playthroughs that took that reply.
describe('review-61: youth-discloses names the step that kept a Strong-band playthrough from the strong ending', () => {
  type Told = { path: string[]; strongBand: boolean; ending: string; kind: string; text: string };
  const told: Told[] = [];
  let n = 0;
  walkPlaythroughs(bundledScenario('youth-discloses'), ({ ending, vars, conduct, path }) => {
    const text = ending.variants?.find((v) => whenHolds(v.when, vars, conduct))?.narration ?? ending.narration;
    told.push({ path, strongBand: outcomeOf(scoreOf(conduct), conduct.critical).band === 'strong', ending: ending.id, kind: ending.ending, text });
  }, { key: () => String(n++) }); // every path, none taken for another

  const STEPS: [reply: string, says: RegExp][] = [
    ['d4-promise-secret', /at the bus stop you promised Kiara you would tell no one, Renee included, and then you told Renee/],
    ['d4-call-now', /at the bus stop you told Kiara you were calling Ana, and you called her from your car: the next step, settled on the spot, without Renee/],
    ['d5-a-csec-label', /when you called Renee, you put a label on Kiara instead of describing her as a youth who may be experiencing CSEC/],
  ];

  it('every Strong-band playthrough that ends short of the strong ending is told which step it was', () => {
    const short = told.filter((t) => t.strongBand && t.kind !== 'strong');
    expect(short.length).toBeGreaterThanOrEqual(4);
    for (const t of short) expect(t.text, t.path.join(' ')).not.toMatch(/not every step along the way/);
    // The four that were told only that: each now hears its own step.
    for (const [reply, says] of STEPS) expect(short.some((t) => t.path.includes(reply) && says.test(t.text)), reply).toBe(true);
  });

  it('each step is told only to playthroughs that took it, each with a strengths-based report and Kiara still talking to you', () => {
    for (const [reply, says] of STEPS) {
      const toldIt = told.filter((t) => says.test(t.text));
      expect(toldIt.length, reply).toBeGreaterThan(0);
      for (const t of toldIt) {
        expect(t.path, `${reply}: ${t.path.join(' ')}`).toContain(reply);
        expect(t.path, t.path.join(' ')).toContain('d8-strengths');
        expect(t.text).toMatch(/your report keeps to her strengths/);
        expect(t.text).toMatch(/still talks to you/);
        expect(t.text).not.toMatch(/\ba CSEC\b/); // the label is named, not repeated, in the ending
      }
    }
  });
});

// 2. youth-relapses d3-positive now opens "That's not stupid." (reader-b-61), as the best reply does; its feedback still
// said it "skips past the loss she just named", which is not quite what its words do. It now says what the reply does
// (it tells her the feeling isn't stupid, then "let's not focus on him") and keeps the guide's point and score.
describe('review-61: a wrong reply that now opens by reassuring her has feedback true of its words', () => {
  it('youth-relapses d3-positive: feedback names the reassurance and then the moving on, score unchanged', () => {
    const r = bundledReply('youth-relapses', 'd3-miss', 'd3-positive');
    expect(r.text).toMatch(/^That's not stupid\. Let's not focus on him/);
    expect(r.feedback).toMatch(/isn't stupid/);
    expect(r.feedback).toContain('"Let\'s not focus on him" moves on from the loss she just named');
    expect(r.feedback).toContain('(Stages of Exiting CSEC Involvement)');
    expect(r.feedback).toContain('(CASA Role and Expectations)');
    expect(scored('youth-relapses', 'd3-miss', 'd3-positive')).toBe('youth-centered follows 1, validate-loss violates 1');
  });
});
