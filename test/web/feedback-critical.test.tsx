// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { selectView, startSession, validateScenario, type FeedbackView } from '../../src/machines/index.js';
import { Feedback } from '../../src/web/components/Feedback.js';
import { scenarioTexts } from '../../src/web/scenarios.js';

afterEach(cleanup);

/** The live feedback on each reply at the start of every bundled scenario, in practice mode. */
async function firstReplies(): Promise<FeedbackView[]> {
  const out: FeedbackView[] = [];
  for (const { file, text } of await scenarioTexts()) {
    const s = validateScenario(text, file).scenario!;
    for (const reply of selectView(s, startSession(s, 'practice').getSnapshot()).replies) {
      const actor = startSession(s, 'practice');
      actor.send({ type: 'reply.choose', replyId: reply.id });
      const feedback = selectView(s, actor.getSnapshot()).lastFeedback;
      if (feedback) out.push(feedback);
    }
  }
  return out;
}

describe('live feedback marks a critical principle only where the reply breaks it', () => {
  // As the terminal, --plain and every debrief do: "✓ follows No contact (…, critical)" read as a fault.
  it('", critical" after a broken critical principle, not after one kept', async () => {
    const all = (await firstReplies()).flatMap((f) => f.assessments.map((a) => ({ f, a })));
    const kept = all.find(({ a }) => a.severity === 'critical' && a.verdict === 'follows');
    const broken = all.find(({ a }) => a.severity === 'critical' && a.verdict === 'violates');
    expect(kept, 'a first reply keeping a critical principle').toBeDefined();
    expect(broken, 'a first reply breaking one').toBeDefined();
    for (const { f, a } of [kept!, broken!]) {
      const { container } = render(<Feedback feedback={f} />);
      const item = [...container.querySelectorAll('.verdicts li')].find((li) => li.textContent?.includes(a.title))!;
      expect(item.textContent).toBe(`${a.verdict === 'follows' ? '✓ follows' : '✗ violates'} ${a.title} (${a.citation}${a.verdict === 'violates' ? ', critical' : ''})`);
      cleanup();
    }
  });
});
