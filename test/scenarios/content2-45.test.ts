import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { bundledDecision, bundledScenario } from '../helpers/bundled.js';
import { driveReplies, nodesBetween as between, shownAt as shown, toldAt as told } from '../helpers/play.js';

// Session content2-45: follow-ups from a fresh-eyes review of youth-relapses and dual-involvement. The story
// follows the reply chosen, a turn in a youth's mood has a beat that makes it believable, a reply's id says
// what the reply says, and a statement names only what the story has shown the volunteer.

/** The nodes a playthrough passes through, scenes included, choosing the replies in order (each on offer). */
const nodesOn = (s: Scenario, replies: readonly string[]): string[] => driveReplies(s, replies, true).nodes;

describe('session content2-45: youth-relapses follows the reply chosen', () => {
  const s = () => bundledScenario('youth-relapses');

  it('1. after "Wait until tomorrow", Jazz does not answer "k" to a text nobody sent: the day of silence is told, then your answer the next day, then hers', () => {
    const waited = between(nodesOn(s(), ['d1-wait']), 'd1-text', 'd2-trash');
    expect(waited).not.toContain('s1-k');
    const seen = waited.flatMap((id) => shown(s(), id));
    // Her question goes unanswered for a day, and the silence answers it for her (end-mixed's variant says so too).
    expect(seen.join(' ')).toMatch(/before you have written anything/);
    expect(seen).toContain('guess thats a yes');
    // Then you answer, and only then does she.
    const answered = seen.findIndex((t) => /The next morning you text her back/.test(t));
    expect(answered).toBeGreaterThanOrEqual(0);
    expect(seen.indexOf('k')).toBeGreaterThan(answered);
    // A reply sent at once still gets the "k" at once.
    for (const sent of ['d1-disappointed', 'd1-why']) expect(between(nodesOn(s(), [sent]), 'd1-text', 'd2-trash'), sent).toContain('s1-k');
  });

  it('2. after her phone was used to text Kyle, a beat between her fury and "Are you still gonna come every week?" turns anger into fear of going back, without hinting at an answer', () => {
    const path = ['d1-glad', 'd2-process', 'd3-not-stupid', 'd4-plan', 'd5-text-him'];
    const beat = between(nodesOn(s(), path), 's5-contacted', 'd6-every-week');
    expect(beat.length).toBe(1);
    const text = told(s(), beat[0] ?? '');
    expect(text).toMatch(/gone out of her voice/);
    expect(text).toMatch(/I'm gonna want to answer/);
    // Nothing in it says what a good answer to her question would be.
    expect(text).not.toMatch(/every week|still com|no matter|whatever|condition|promise|sorry/i);
    // The path before dinner reaches her question as before.
    expect(between(nodesOn(s(), [...path.slice(0, 4), 'd5-safety']), 's5-dinner', 'd6-every-week')).toEqual([]);
  });

  // Its three faults stay: harm-reduction-unmet-needs is not among d4's other replies, but a stop proposed
  // without exploring what sends her back is scored on it across the set, where no reply beside it takes the
  // principle either (couch-rent d7-break "take a break from the server", the-list d3-stop), and d4-plan is
  // the reply that asks about the hard moments. Only the id, left from "You just have to be stronger", changes.
  it('3. d4-triggers: the quick fix "delete his number tonight" has an id that says so, scored as before', () => {
    const d4 = bundledDecision('youth-relapses', 'd4-triggers');
    expect(d4.replies.map((r) => r.id)).not.toContain('d4-be-stronger');
    const r = d4.replies.find((x) => x.id === 'd4-delete-number');
    expect(r?.text).toMatch(/delete his number tonight/);
    expect(r?.assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`)).toEqual(['discuss-triggers violates 1', 'harm-reduction-unmet-needs violates 1', 'harm-reduction-self-determination violates 1']);
  });
});

describe('session content2-45: dual-involvement d3-strengths names only strengths the story has shown', () => {
  it('no "B average", which nothing sets up; the jazz band and his brother Bora are in Rithy\'s description', () => {
    const s = bundledScenario('dual-involvement');
    const text = bundledDecision('dual-involvement', 'd3-statement').replies.find((r) => r.id === 'd3-strengths')?.text ?? '';
    expect(text).not.toMatch(/average|grade/i);
    expect(JSON.stringify(s)).not.toMatch(/B average/);
    const rithy = s.characters.find((c) => c.id === 'rithy')?.description ?? '';
    for (const named of ['jazz band', 'Bora']) {
      expect(text, named).toContain(named);
      expect(rithy, named).toContain(named);
    }
  });
});
