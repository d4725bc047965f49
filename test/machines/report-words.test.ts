import { describe, expect, it } from 'vitest';
import { countWords, criticalGroups, growthParts, growthWords, inVoice, outcomeScoreLine, resultWords, scoreBar, scoreWords, strengthWords, verdictLine } from '../../src/machines/index.js';

describe('debrief words shared by every UI', () => {
  it('a score bar has ten cells, filled by the percentage, clamped to 0–100', () => {
    expect(scoreBar(0)).toBe('░░░░░░░░░░');
    expect(scoreBar(52)).toBe('█████░░░░░');
    expect(scoreBar(100)).toBe('██████████');
    expect(scoreBar(-20)).toBe('░░░░░░░░░░');
    expect(scoreBar(140)).toBe('██████████');
  });

  it('the outcome line carries the band, the bar and the numbers, and says when a critical violation capped it', () => {
    expect(outcomeScoreLine({ outcome: { label: 'Developing' }, score: { earned: 14, best: 27, percent: 52 } })).toBe('Outcome: Developing · █████░░░░░ 52% (14 of 27 points)');
    expect(outcomeScoreLine({ outcome: { label: 'Needs review' }, score: { earned: 20, best: 27, percent: 50, capped: true } })).toBe('Outcome: Needs review · █████░░░░░ 50% (20 of 27 points, capped after a critical violation)');
  });

  // The web debrief said "Score: −12 of 28 (below 0%)" beside "caps the score at 50%", while My
  // records and the scenario's card said 0% for the same playthrough: one percentage everywhere,
  // first, as the records show it, with the points it comes from (a real minus sign when below zero).
  // Found by the newcomer walkthrough: "Score: 0% (−21 of 27 points)" read as a misprint. Points
  // below zero are said in words beside the 0%, never as a percentage below 0.
  it('a score is the percentage the records show, then the points', () => {
    expect(scoreWords({ earned: 7, best: 9, percent: 78 })).toBe('78% (7 of 9 points)');
    expect(scoreWords({ earned: -12, best: 28, percent: 0 })).toBe('0% (12 points below zero, of 28 possible)');
    expect(scoreWords({ earned: -1, best: 4, percent: 0 })).toBe('0% (1 point below zero, of 4 possible)');
    expect(scoreWords({ earned: 0, best: 27, percent: 0 })).toBe('0% (0 of 27 points)');
    expect(scoreWords({ earned: 20, best: 27, percent: 50, capped: true })).toBe('50% (20 of 27 points, capped after a critical violation)');
    // A scenario that cannot be scored (its best total is not positive) keeps its 0%.
    expect(scoreWords({ earned: -6, best: -6, percent: 0 })).toBe('0% (−6 of −6 points)');
    for (const score of [{ earned: -12, best: 28, percent: 0 }, { earned: 20, best: 27, percent: 50, capped: true }]) {
      expect(scoreWords(score)).not.toMatch(/below 0%|−/);
      expect(scoreWords(score).startsWith(`${score.percent}%`)).toBe(true);
    }
  });

  // The terminal wrote "✓ follows: Title (…)", the web app, projector and Markdown "✓ follows Title (…)":
  // one form for every UI, with no colon, the critical mark in the brackets.
  it('a verdict line is the verdict, the title and the citation in brackets, as every UI writes it', () => {
    expect(verdictLine({ verdict: 'follows', title: 'Curious, not interrogating', citation: 'guide: "Red Flags"', critical: false })).toBe('✓ follows Curious, not interrogating (guide: "Red Flags")');
    expect(verdictLine({ verdict: 'violates', title: "Don't investigate", citation: 'guide: "Prohibited Activities"', critical: true })).toBe('✗ violates Don\'t investigate (guide: "Prohibited Activities", critical)');
  });

  it('counts show followed, gone against and missed, zeros left out', () => {
    expect(countWords({ status: 'violated', followed: 2, violated: 1, missed: 0, missedBelowBest: 0 })).toBe('✓2 ✗1');
    expect(countWords({ status: 'missed', followed: 0, violated: 0, missed: 3, missedBelowBest: 1 })).toBe('○3');
  });

  it('counts of a principle followed elsewhere miss only the chances its words do: none beside best practice', () => {
    // Missed at 3 decisions, 1 of them below best practice: "at only 2 of 3 chances", so ○1.
    const p = { status: 'followed' as const, followed: 2, violated: 0, missed: 3, missedBelowBest: 1 };
    expect(countWords(p)).toBe('✓2 ○1');
    expect(resultWords(p)).toBe('✓ followed at 2 of 3 chances');
    // Missed only beside best practice: a strength, and no ○.
    expect(countWords({ ...p, missedBelowBest: 0 })).toBe('✓2');
  });

  it('critical violations are grouped by principle with how many times and at which decisions', () => {
    const c = (title: string, turn?: number) => ({ title, section: 'Prohibited Activities', turn });
    expect(criticalGroups([c('Don\'t investigate', 0), c('No contact', 2), c('Don\'t investigate', 3), c('Don\'t investigate', 3), c('No contact', -1), c('No contact')])).toEqual([
      { title: 'Don\'t investigate', section: 'Prohibited Activities', times: 3, turns: [0, 3] },
      { title: 'No contact', section: 'Prohibited Activities', times: 3, turns: [2] },
    ]);
  });

  it('the core\'s sentences about "you" are said of the room in a trainer-led session', () => {
    expect(inVoice('You kept to "X" (guide: "Y").', 'room')).toBe('The room kept to "X" (guide: "Y").');
    expect(inVoice('Critical: you went against "X".', 'room')).toBe('Critical: the room went against "X".');
    expect(inVoice('You missed a chance for "X".', 'you')).toBe('You missed a chance for "X".');
    expect(inVoice(growthWords({ title: 'X', rule: 'Do X.', status: 'followed', critical: false, kept: 1, missed: 3 }, 'guide: "Y"'), 'room')).toBe('The room kept to "X" at only 1 of 4 chances (guide: "Y"). Do X.');
  });

  it('a principle kept to at some decisions and missed at others is said once, as a growth area, with how often', () => {
    expect(strengthWords({ title: 'X' }, 'guide: "Y"')).toBe('You kept to "X" (guide: "Y").');
    expect(growthWords({ title: 'X', rule: 'Do X.', status: 'followed', critical: false, kept: 1, missed: 3 }, 'guide: "Y"')).toBe('You kept to "X" at only 1 of 4 chances (guide: "Y"). Do X.');
    expect(growthWords({ title: 'X', rule: 'Do X.', status: 'missed', critical: false, kept: 0, missed: 1 }, 'guide')).toBe('You missed a chance for "X" (guide). Do X.');
    // Missed at 3 decisions: said as 3 chances, not "a chance"; of the room too.
    expect(growthWords({ title: 'X', rule: 'Do X.', status: 'missed', critical: false, kept: 0, missed: 3 }, 'guide')).toBe('You missed 3 chances for "X" (guide). Do X.');
    expect(inVoice(growthWords({ title: 'X', rule: 'Do X.', status: 'missed', critical: false, kept: 0, missed: 3 }, 'guide'), 'room')).toBe('The room missed 3 chances for "X" (guide). Do X.');
    expect(growthWords({ title: 'X', rule: 'Do X.', status: 'violated', critical: true, kept: 1, missed: 1 }, 'guide')).toBe('Critical: you went against "X" (guide). Do X.');
    expect(resultWords({ status: 'followed', followed: 1, missedBelowBest: 3 })).toBe('✓ followed at 1 of 4 chances');
    expect(resultWords({ status: 'followed', followed: 2, missedBelowBest: 0 })).toBe('✓ followed');
    expect(resultWords({ status: 'violated', followed: 1, missedBelowBest: 3 })).toBe('✗ went against');
  });

  // The web debrief shows what happened, and folds what the guide asks (opened on demand).
  it('a growth sentence splits into what happened, with the guide cited, and what the guide asks', () => {
    const rule = 'CASAs are not allowed to investigate (guide). Really.';
    expect(growthParts(growthWords({ title: 'X', rule, status: 'violated', critical: true, kept: 0, missed: 0 }, 'guide: "Prohibited Activities"'))).toEqual({ lead: 'Critical: you went against "X" (guide: "Prohibited Activities").', rule });
    expect(growthParts(growthWords({ title: 'X', rule: 'Do X.', status: 'missed', critical: false, kept: 0, missed: 3 }, 'guide'))).toEqual({ lead: 'You missed 3 chances for "X" (guide).', rule: 'Do X.' });
    expect(growthParts(inVoice(growthWords({ title: 'X', rule: 'Do X.', status: 'followed', critical: false, kept: 1, missed: 3 }, 'guide: "Y"'), 'room'))).toEqual({ lead: 'The room kept to "X" at only 1 of 4 chances (guide: "Y").', rule: 'Do X.' });
    // A title with "(guide). " in it is the title's.
    expect(growthParts(growthWords({ title: 'A (guide). B', rule: 'Do X.', status: 'missed', critical: false, kept: 0, missed: 1 }, 'guide'))).toEqual({ lead: 'You missed a chance for "A (guide). B" (guide).', rule: 'Do X.' });
    // Not a growth sentence: all lead.
    expect(growthParts('You kept to "X" (guide: "Y").')).toEqual({ lead: 'You kept to "X" (guide: "Y").', rule: '' });
    expect(growthParts('Something else.')).toEqual({ lead: 'Something else.', rule: '' });
  });
});
