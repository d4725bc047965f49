import { describe, expect, it } from 'vitest';
import { bundledReply } from '../helpers/bundled.js';

// Session contentb-54: judgement calls readers left in jae-and-hyung, whereabouts-unknown, dual-involvement and
// before-relapse, decided against the guide. Scoring is unchanged.

const sentences = (t: string): string[] => t.split(/(?<=[.?!])\s+(?=[A-Z"])/).filter((x) => x.trim() !== '');

describe('contentb-54: jae-and-hyung d2-rule\'s feedback in two or three sentences', () => {
  // docs/authoring.md section 6 asks for feedback in two or three sentences; d2-rule's had five.
  it('is at most three sentences, and still cites both principles it scores, with the words it answers', () => {
    const r = bundledReply('jae-and-hyung', 'd2-open', 'd2-rule');
    expect(sentences(r.feedback).length).toBeLessThanOrEqual(3);
    expect(r.assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`)).toEqual(['consult-supervisor-on-suspicion follows 2', 'youth-centered violates 1']);
    expect(r.feedback).toContain('(Red Flags)');
    expect(r.feedback).toContain('(CASA Role and Expectations)');
    expect(r.feedback).toMatch(/"I'm not allowed" leaves his fear for Umma unanswered/);
    expect(r.feedback).toMatch(/say what you will do and why/);
  });
});
