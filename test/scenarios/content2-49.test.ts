import { describe, expect, it } from 'vitest';
import { bundledReply, bundledScenario } from '../helpers/bundled.js';
import { driveReplies, toldAt } from '../helpers/play.js';

// Session content2-49: a fresh read of court-report and couch-rent against the guide, played line by line and full
// screen. Each case below was seen failing before its fix.

describe('content2-49: court-report does not set the Thursday-night decision up in its first line', () => {
  // The opening said "your draft is due to your Advocate Supervisor, Marisa, next Friday". On the Thursday night
  // before, d-review offers sending it to Marisa, emailing it to Ms. Park "instead… Then file it", or "Send it in as
  // written" because Marisa is swamped, and both of those go to court "before Marisa had seen it". A draft due to
  // Marisa cannot be sent in without her, and the first line had already told the volunteer where it goes. The
  // opening now says the report is due next Friday and who Marisa is, and d-review is a choice again.
  const s = bundledScenario('court-report');

  it('the opening says the report is due next Friday, not that the draft is due to Marisa', () => {
    const opening = toldAt(s, 's-kitchen-table');
    expect(opening).toMatch(/review is in three weeks/);
    expect(opening).toMatch(/report is due next Friday/);
    expect(opening).not.toMatch(/due to (your Advocate Supervisor|Marisa)/);
  });

  it('Marisa is still introduced as the Advocate Supervisor before decision 3 names her', () => {
    expect(toldAt(s, 's-kitchen-table')).toMatch(/Marisa is your Advocate Supervisor/);
    expect(bundledReply('court-report', 'd-health', 'd-health-blank').text).toMatch(/\bMarisa\b/);
  });

  it.each(['d-review-skip', 'd-review-attorney'])('%s still files the report without Marisa having seen it', (review) => {
    const best = ['d-opening-strengths', 'd-school-evidence', 'd-health-records', 'd-visit-ask-voice', 'd-check-status-call-csw', 'd-status-confirmed-factual', 'd-wellbeing-strengths', 'd-recs-csec-restoration', 'd-recs-more-secondary'];
    const { nodes } = driveReplies(s, [...best, review], true);
    expect(nodes).toContain('s-filed');
    expect(nodes).not.toContain('s-filed-reviewed');
    expect(toldAt(s, 'd-review')).toMatch(/the report is due tomorrow/);
  });
});
