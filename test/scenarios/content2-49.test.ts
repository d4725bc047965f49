import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';
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

describe('content2-49: couch-rent tells the harm reduction approach in the guide\'s strength', () => {
  // Harm Reduction: the approach "allows service providers to begin exploring why youth are leaving care, what needs
  // remain unmet…", and "By identifying these reasons, both CASAs and service providers can begin addressing the young
  // person needs" (principles.json: "harm reduction makes room to explore"). It does not ask CASAs to explore. d1-heard
  // said "The guide asks CASAs to explore why a youth leaves care…", d1-staff "The guide asks CASAs to … and to explore
  // what needs remain unmet", and d1-bench's facilitator note "What the guide does ask is … that harm reduction begin
  // by exploring…".
  const s = (): Scenario => bundledScenario('couch-rent');
  const texts = (): string[] =>
    s().nodes.flatMap((n) => [
      n.kind !== 'ending' && 'facilitatorNote' in n ? (n.facilitatorNote ?? '') : '',
      n.kind === 'decision' ? (n.discussionPrompt ?? '') : '',
      ...(n.kind === 'decision' ? n.replies.map((r) => r.feedback) : []),
    ]);

  it('no feedback or note says the guide asks CASAs (or you) to explore', () => {
    for (const t of texts()) {
      expect(t).not.toMatch(/\basks? (CASAs|you) to explore\b/);
      expect(t).not.toMatch(/,? and to explore what needs remain unmet/);
      expect(t).not.toMatch(/that harm reduction begin by exploring/);
    }
  });

  it('d1-heard, d1-staff and the facilitator note at d1-bench say what the approach makes room for, with its section', () => {
    expect(bundledReply('couch-rent', 'd1-bench', 'd1-heard').feedback).toMatch(/harm reduction approach makes room to explore why youth leave care and what needs remain unmet[^()]*\(Harm Reduction\)/);
    expect(bundledReply('couch-rent', 'd1-bench', 'd1-staff').feedback).toMatch(/harm reduction approach makes room to explore what needs remain unmet[^()]*\(Harm Reduction\)/);
    expect(bundledDecision('couch-rent', 'd1-bench').facilitatorNote).toMatch(/harm reduction approach makes room to explore why a youth leaves care and what needs remain unmet \(Harm Reduction\)/);
  });

  it('what the guide does ask at d1 keeps its section: youth-centered and culturally sensitive (CASA Role and Expectations)', () => {
    for (const id of ['d1-heard', 'd1-staff']) {
      expect(bundledReply('couch-rent', 'd1-bench', id).feedback).toMatch(/guide asks CASAs to be youth-centered and culturally sensitive[^()]*\(CASA Role and Expectations\)/);
    }
  });
});
