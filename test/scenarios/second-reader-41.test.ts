import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pinsFor } from '../helpers/pins.js';

// A report-only second reader checked the day's rewording of the scenarios (contentfix-41). Each case pins
// what its finding changed: a wrong reply that announced its own mistake, a word or title only one side used,
// a template copied across scenarios, and feedback, notes or endings that still described an old wording.
const text = (id: string, reply: string) => pinsFor(id).reply(reply).text;
const feedback = (id: string, reply: string) => pinsFor(id).reply(reply).feedback;
const decision = (id: string, nodeId: string) => {
  const n = pinsFor(id).scenario().nodes.find((x) => x.id === nodeId);
  if (n?.kind !== 'decision') throw new Error(`${id} has no decision ${nodeId}`);
  return n;
};
const variants = (id: string, endingId: string, flag: string) => {
  const n = pinsFor(id).scenario().nodes.find((x) => x.id === endingId);
  return n?.kind === 'ending' ? (n.variants ?? []).filter((v) => JSON.stringify(v.when) === JSON.stringify({ var: flag, is: true })).map((v) => v.narration ?? '') : [];
};

describe('second reader (contentfix-41)', () => {
  it('2. youth-discloses d4-promise-secret names only whom Kiara asked it to keep it from, and she names your boss herself', () => {
    const asked = decision('youth-discloses', 'd4-promise').lines?.map((l) => l.text).join(' ') ?? '';
    expect(asked).toMatch(/not your boss at CASA/);
    expect(text('youth-discloses', 'd4-promise-secret')).not.toMatch(/supervisor/);
  });

  it('3. youth-relapses d8-drive-home: "Advocate Supervisor" is in no reply, best or wrong', () => {
    expect(decision('youth-relapses', 'd8-drive-home').replies.filter((r) => /Advocate Supervisor/.test(r.text)).map((r) => r.id)).toEqual([]);
  });

  it('4. youth-relapses d4-triggers: the two wrong replies no longer share "next time … instead of him"; the feedback and note fit the new words', () => {
    expect(text('youth-relapses', 'd4-delete-number')).not.toMatch(/next time|instead of him/i);
    expect(feedback('youth-relapses', 'd4-delete-number')).toMatch(/^Wanting to make the next hard moment easier is kind, but it skips/);
    expect(decision('youth-relapses', 'd4-triggers').facilitatorNote).not.toMatch(/text me instead/);
  });

  it('5. "deserve" is not in jae d6-truth or couch d2-verdict', () => {
    expect(text('jae-and-hyung', 'd6-truth')).not.toMatch(/deserve/);
    expect(text('couch-rent', 'd2-verdict')).not.toMatch(/deserve/);
  });

  it('6. jae d2-rule does not copy couch d3-law ("it\'s not up to me"), and its feedback quotes what it says', () => {
    expect(text('jae-and-hyung', 'd2-rule')).not.toMatch(/not up to me|That's the rule/);
    const quoted = /"([^"]+)" leaves his fear/.exec(feedback('jae-and-hyung', 'd2-rule'))?.[1] ?? '';
    expect(quoted).not.toBe('');
    expect(text('jae-and-hyung', 'd2-rule')).toContain(quoted);
  });

  it('7. testifying d8-step-back proposes handing Selene on, as its feedback says, and still asks Hannah', () => {
    expect(text('testifying', 'd8-step-back')).toMatch(/should take her through the trial/);
    // contenta-54: the feedback names it without faulting it on ongoing-support (story-54b).
    expect(feedback('testifying', 'd8-step-back')).toContain('who should take Selene through the trial');
  });

  it('8. boy-red-flags: the labelled mixed ending does not say the CASA "thinks he is being trafficked" (d5-csec says "could be")', () => {
    const told = variants('boy-red-flags', 'end-mixed', 'labelled');
    expect(told.length).toBeGreaterThan(0);
    for (const t of told) expect(t).not.toMatch(/thinks he is being trafficked/);
  });

  it('9. saturday-shoots: the niaword ending quotes the label d6-csec gave Nia', () => {
    const told = variants('saturday-shoots', 'end-mixed', 'niaword');
    expect(told).toHaveLength(1);
    const label = /"([^"]+)"/.exec(told[0] ?? '')?.[1] ?? '';
    expect(label).toBe('CSEC kid');
    expect(text('saturday-shoots', 'd6-csec')).toContain(label);
  });

  it.each([['boy-red-flags', 'd2-straight', 'him'], ['saturday-shoots', 'd2-direct', 'her']] as const)('10. %s %s: the feedback describes the calm direct question, not the old "because I care"', (id, reply, who) => {
    expect(feedback(id, reply)).not.toMatch(/Honesty is a good instinct/);
    expect(feedback(id, reply)).toBe(`One calm question, but it asks ${who} straight out about potential CSEC activity, and the guide warns that asking directly may offend or alienate the youth (Red Flags).`);
  });

  it('10. saturday-shoots d2-shoes: the note describes the direct question as it now reads', () => {
    expect(decision('saturday-shoots', 'd2-shoes').facilitatorNote).toContain('the direct question, asked calmly');
  });

  it('10. jae-and-hyung d2-keep: the feedback does not say the reply keeps it "even from your supervisor" (the reply no longer names the supervisor)', () => {
    expect(feedback('jae-and-hyung', 'd2-keep')).not.toMatch(/kept even from your supervisor/);
  });

  it('11. left-placement-calls d7-safety-plan drops the formula shared across scenarios ("who you\'d call, where you\'d go")', () => {
    expect(text('left-placement-calls', 'd7-safety-plan')).not.toMatch(/who you'd call|where you'd go/);
    expect(text('left-placement-calls', 'd7-safety-plan')).toMatch(/safety plan/);
  });

  it('12. couch-rent d6-fine does not copy testifying d8-fine ("I\'m fine, honestly/really")', () => {
    expect(text('couch-rent', 'd6-fine')).not.toMatch(/^I'm fine/);
  });

  it('authoring.md §10 quotes r-denise-agree and r-testify-solo as they now read', () => {
    const doc = readFileSync(new URL('../../docs/authoring.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    const checklist = doc.slice(doc.indexOf('## 10. Checklist'));
    expect(checklist).not.toMatch(/no need to bring my supervisor in yet|No need to loop everyone in/i);
    expect(text('red-flags', 'r-denise-agree')).toContain('see what else turns up');
    expect(checklist).toContain('"see what else turns up", a closer watch kept alone or shared with a caregiver');
    expect(text('red-flags', 'r-testify-solo')).toContain('keep it between the two of you');
    expect(checklist).toContain('("keep it between the two of you", "No need to rattle…"');
  });
});
