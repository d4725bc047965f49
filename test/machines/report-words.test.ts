import { describe, expect, it } from 'vitest';
import { countWords, criticalGroups, inVoice, outcomeScoreLine, scoreBar, scoreWords } from '../../src/machines/index.js';

describe('debrief words shared by every UI', () => {
  it('a score bar has ten cells, filled by the percentage, clamped to 0–100', () => {
    expect(scoreBar(0)).toBe('░░░░░░░░░░');
    expect(scoreBar(52)).toBe('█████░░░░░');
    expect(scoreBar(100)).toBe('██████████');
    expect(scoreBar(-20)).toBe('░░░░░░░░░░');
    expect(scoreBar(140)).toBe('██████████');
  });

  it('the outcome line carries the band, the bar and the numbers, and says when a critical violation capped it', () => {
    expect(outcomeScoreLine({ outcome: { label: 'Developing' }, score: { earned: 14, best: 27, percent: 52 } })).toBe('Outcome: Developing · █████░░░░░ 52% (14 of 27)');
    expect(outcomeScoreLine({ outcome: { label: 'Needs review' }, score: { earned: 20, best: 27, percent: 50, capped: true } })).toContain('capped after a critical violation');
    // A score below zero has a real minus sign, as every other signed number the UIs show, and its
    // percentage (kept at 0) is said as below 0%: "−2 of 27 (0%)" read as if it were nothing.
    expect(outcomeScoreLine({ outcome: { label: 'Needs review' }, score: { earned: -2, best: 27, percent: 0 } })).toBe('Outcome: Needs review · ░░░░░░░░░░ below 0% (−2 of 27)');
    expect(scoreWords({ earned: -2, best: 27, percent: 0 })).toBe('−2 of 27 (below 0%)');
    expect(scoreWords({ earned: 0, best: 27, percent: 0 })).toBe('0 of 27 (0%)');
    // A scenario that cannot be scored (its best total is not positive) keeps its 0%.
    expect(scoreWords({ earned: -6, best: -6, percent: 0 })).toBe('−6 of −6 (0%)');
  });

  it('counts show followed, gone against and missed, zeros left out', () => {
    expect(countWords({ followed: 2, violated: 1, missed: 0 })).toBe('✓2 ✗1');
    expect(countWords({ followed: 0, violated: 0, missed: 3 })).toBe('○3');
  });

  it('critical violations are grouped by principle with how many times', () => {
    const c = (title: string) => ({ title, section: 'Prohibited Activities' });
    expect(criticalGroups([c('Don\'t investigate'), c('No contact'), c('Don\'t investigate'), c('Don\'t investigate')])).toEqual([
      { title: 'Don\'t investigate', section: 'Prohibited Activities', times: 3 },
      { title: 'No contact', section: 'Prohibited Activities', times: 1 },
    ]);
  });

  it('the core\'s sentences about "you" are said of the room in a trainer-led session', () => {
    expect(inVoice('You kept to "X" (guide: Y).', 'room')).toBe('The room kept to "X" (guide: Y).');
    expect(inVoice('Critical: you went against "X".', 'room')).toBe('Critical: the room went against "X".');
    expect(inVoice('You missed a chance for "X".', 'you')).toBe('You missed a chance for "X".');
  });
});
