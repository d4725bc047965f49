import { describe, expect, it } from 'vitest';
import { bundledReply } from '../helpers/bundled.js';

// Session reader-b-59: a fresh reader's pass over jae-and-hyung, testifying and whereabouts-unknown.

// 1. testifying d6-profile said "Don't reply yet. First look through the account's followers…", and is credited with
// keeping no-trafficker-contact ("Not replying is right (Prohibited Activities)"). "Yet" says a reply is coming once
// the volunteer knows who sent it: the credit would go to a reply that plans the contact the guide rules out. It now
// says "Don't reply", as the set's other search that keeps the line does (trafficker-contact d1-text-search, "Don't
// reply. Instead, …"; docs/authoring.md, section 6, "A prohibited act is not a strength").
describe('reader-b-59: testifying d6-profile, credited for not replying, does not say it will reply later', () => {
  it('the reply credited on no-trafficker-contact says no reply, not "not yet"', () => {
    const r = bundledReply('testifying', 'd6-message', 'd6-profile');
    const kept = r.assessments.find((a) => a.principle === 'no-trafficker-contact');
    expect([kept?.verdict, kept?.weight ?? 1]).toEqual(['follows', 1]);
    expect(r.text).not.toMatch(/\byet\b/i);
    expect(r.text).toMatch(/^Don't reply\./);
    expect(r.feedback).toMatch(/^Not replying is right \(Prohibited Activities\)\./);
  });

  it('every testifying reply credited with keeping no-trafficker-contact says no reply without a "yet"', () => {
    for (const id of ['d6-forward', 'd6-profile', 'd6-block']) {
      const r = bundledReply('testifying', 'd6-message', id);
      expect(r.assessments.find((a) => a.principle === 'no-trafficker-contact')?.verdict, id).toBe('follows');
      expect(r.text, id).not.toMatch(/\b(yet|for now|later)\b/i);
    }
  });
});
