import { describe, expect, it } from 'vitest';
import { replyValue } from '../../src/machines/scenario-index.js';
import { bundledDecision } from '../helpers/bundled.js';

// Session 56 (lead), from reread-a-56's report: saturday-shoots d4-dawson's feedback (and d4-secret's trainer
// note) faulted it for leaving Meron's fear of her aunt finding out unanswered, but the best reply, d4-honest,
// does not answer that fear either. What d4-honest has and d4-dawson lacks is telling her she will hear how it
// goes, the youth-centered answer the decision's note names (CASA Role and Expectations).
describe('story-56d: saturday-shoots d4-dawson is faulted for what the best reply does and it does not', () => {
  const d4 = bundledDecision('saturday-shoots', 'd4-secret');
  const reply = (id: string) => {
    const r = d4.replies.find((x) => x.id === id);
    if (!r) throw new Error(`no reply ${id}`);
    return r;
  };

  it('d4-honest is the best reply and says she will hear how it goes; d4-dawson does not', () => {
    const top = Math.max(...d4.replies.map(replyValue));
    expect(replyValue(reply('d4-honest'))).toBe(top);
    expect(reply('d4-honest').text).toMatch(/let you know how it goes/);
    expect(reply('d4-dawson').text).not.toMatch(/let you know|how it goes/);
  });

  it('neither d4-dawson feedback nor the note faults a fear the best reply leaves unanswered too', () => {
    expect(reply('d4-dawson').feedback).not.toMatch(/aunt finding out/);
    expect(d4.facilitatorNote ?? '').not.toMatch(/aunt finding out/);
    expect(reply('d4-dawson').feedback).toMatch(/does not tell her she will hear how it goes[^.]*youth-centered \(CASA Role and Expectations\)/);
  });
});
