import { describe, expect, it } from 'vitest';
import { bundledScenario } from '../helpers/bundled.js';
import { unintroduced } from '../helpers/introduced.js';

// Session content3-48: fresh eyes on left-placement-calls and jae-and-hyung, played through every branch.


const node = (id: string, nodeId: string) => {
  const n = bundledScenario(id).nodes.find((x) => x.id === nodeId);
  if (!n) throw new Error(`no node ${nodeId}`);
  return n;
};
const reply = (id: string, replyId: string) => {
  const r = bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((x) => x.id === replyId);
  if (!r) throw new Error(`no reply ${replyId}`);
  return r;
};

// jae-and-hyung: on the best path Jae's "And don't tell Ms. Haddad, okay?" (s1-open) was the first the story said of
// her; only s2-evening, after the decision on his secret (d2-keep: "Not your mom, not Ms. Haddad"), said she is his
// CSW. And Ms. Yoon was never said to be Jae's mother: on the police path the officer knocked on "Ms. Yoon's door"
// (s3-police) before anything said who she is, and s4-weeks told of "his mother at home" and "Ms. Yoon's sister" as
// if the reader knew Korean women keep their family names (only Who's who says so). The library scene now says who
// Ms. Haddad is, and both scenes say that Ms. Yoon is Jae's mother.
describe('content3-48: jae-and-hyung says who Ms. Haddad and Ms. Yoon are where a playthrough first meets them', () => {
  it.each([
    ['Ms. Haddad', /CSW/, 'haddad'],
    ['Ms. Yoon', /(Jae's|his) mother, Ms\. Yoon|Ms\. Yoon, (Jae's|his) mother/, 'yoon'],
    ['Ruth', /Advocate Supervisor/, 'ruth'],
    ['Serrano', /CSEC CSW/, 'serrano'],
  ] as const)('%s', (name, role, speaker) => {
    expect(unintroduced(bundledScenario('jae-and-hyung'), name, role, speaker)).toEqual([]);
  });
});

// jae-and-hyung d2s-direct follows s1-shut, where Jae has said only that hyung doesn't make him explain himself. It
// asked "Do any of hyung's friends ever give you money just to hang out with them?": his friends, and money for time
// with them, are what Jae tells only on the other branch (s1-open), so the question read as if the volunteer knew.
// It now asks about anyone at hyung's place: still the direct question about CSEC activity, scored as before.
describe('content3-48: jae-and-hyung, after Jae shuts down, no reply uses what he said only on the other branch', () => {
  it('no reply at d2-shut speaks of his friends, the gym, the dinners or the lawyer', () => {
    const d2 = node('jae-and-hyung', 'd2-shut');
    const texts = d2.kind === 'decision' ? d2.replies.map((r) => `${r.id}: ${r.text}`) : [];
    expect(texts.length).toBe(4);
    expect(texts.filter((t) => /friend|gym|dinner|lawyer|pays/i.test(t))).toEqual([]);
  });

  it('d2s-direct is still the direct question about money for time, scored as one', () => {
    const r = reply('jae-and-hyung', 'd2s-direct');
    expect(r.text).toMatch(/give you money just to hang out with them\?$/);
    expect(r.assessments).toEqual([{ principle: 'no-direct-csec-questions', verdict: 'violates', weight: 2 }]);
    expect(r.text.length).toBeLessThan(reply('jae-and-hyung', 'd2s-door').text.length);
  });
});

// left-placement-calls s3-cold follows every reply at d3-phone-dying: the volunteer has just spoken ("Okay. I'm not
// mad. I'll keep texting…", or the demand for an address), yet the scene began "The line goes dead before you can
// answer." Now the line goes dead, and the texts after it say the rest.
describe('content3-48: left-placement-calls, the call that drops after your reply', () => {
  it('s3-cold does not say you had not answered yet', () => {
    const s = node('left-placement-calls', 's3-cold');
    expect(s.kind === 'scene' ? s.narration : '').toMatch(/^The line goes dead\./);
    expect(s.kind === 'scene' ? s.narration : '').not.toMatch(/before you can/);
  });
});

// Who's who shows a character once met, with their description. Sung-min speaks on the first screen of
// jae-and-hyung, and his description called him "the son of Ms. Yoon's older sister": Who's who there does not list
// Ms. Yoon (not met until November), and nothing had said who she is. A description names no other character but
// the youth, who is met first: it says Jae's mother.
describe('content3-48: a character\'s description in Who\'s who names no one the playthrough may not have met', () => {
  it.each(['jae-and-hyung', 'left-placement-calls'])('%s', (id) => {
    const chars = bundledScenario(id).characters;
    const others = chars.filter((c) => c.role !== 'youth');
    const named = chars.flatMap((c) => others.filter((o) => o.id !== c.id && (c.description ?? '').includes(o.name)).map((o) => `${c.id} names ${o.name}`));
    expect(named).toEqual([]);
  });
});
