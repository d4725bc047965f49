import { describe, expect, it } from 'vitest';
import { bundledScenario } from '../helpers/bundled.js';
import { unintroduced } from '../helpers/introduced.js';

// Session content-46, fresh eyes on testifying, the-list and left-placement-calls: a person the volunteer
// has to know to follow the story (or to judge a reply) is said to be who they are where a playthrough
// first meets the name, on every way through the file. A line the person speaks shows their role beside
// their name, so it introduces them too.


describe('session content-46: who a name is, where a playthrough first meets it', () => {
  it.each([
    // After the car she booked, Tomas "will let Lauren know about the car": on that way the story had not yet said who Lauren is.
    ['left-placement-calls', 'Lauren', /Advocate Supervisor/, 'lauren'],
    // After a pickup or a booked car (no call about the fifty dollars), the card at d7 listed "Gabi" among Ari's numbers, unexplained.
    ['left-placement-calls', 'Gabi', /case manager/, undefined],
    ['left-placement-calls', 'Tomas', /CSW/, 'tomas'],
    ['the-list', 'Marcus', /Advocate Supervisor/, 'marcus'],
    ['the-list', 'Mr. Pham', /CSW/, 'pham'],
    ['the-list', 'Ms. Ochoa', /CSEC CSW/, undefined],
    ['testifying', 'Ms. Ibarra', /CSEC CSW/, 'ibarra'],
    ['testifying', 'Mr. Dunn', /staff member/, 'dunn'],
  ] as const)('%s: %s', (id, name, role, speaker) => {
    expect(unintroduced(bundledScenario(id), name, role, speaker)).toEqual([]);
  });
});

// The guide "strongly encourages" both self-care with the Advocate Supervisor (Self-Care: "CASAs are strongly
// encouraged to take care of oneself and discuss challenges with your Advocate Supervisor") and the words
// "left placement without permission" (Using Appropriate Language: "It is strongly encouraged that CASAs
// state…"); the principles say it in that strength (session 39). Feedback and notes in these three said the
// guide "asks" it in five places, beside others in the same files that say "strongly encourages".
describe('session content-46: what the guide strongly encourages is not told as what it asks', () => {
  const ASKS = [
    /\basks? (you|CASAs|volunteers) to (discuss challenges|take care of|look after|talk challenges)/i,
    /\basks? (you|CASAs|volunteers) to (write|say|use|state)\b[^.]*\b(without permission|away from placement)/i,
    /\b(language|term|word)s? the guide asks\b/i,
  ];
  it.each(['testifying', 'the-list', 'left-placement-calls'])('%s', (id) => {
    const said: string[] = [];
    for (const n of bundledScenario(id).nodes) {
      const texts = [n.kind === 'decision' || n.kind === 'scene' ? (n.facilitatorNote ?? '') : '', n.kind === 'decision' || n.kind === 'scene' ? (n.discussionPrompt ?? '') : ''];
      if (n.kind === 'decision') for (const r of n.replies) texts.push(r.feedback);
      for (const t of texts) if (ASKS.some((re) => re.test(t))) said.push(`${n.id}: ${t.slice(0, 90)}`);
    }
    expect(said).toEqual([]);
  });
});

// The direct question "straight, because I care" was one frame in seven scenarios, always wrong (session 41's
// giveaway report, P2), rewritten in four of them (giveaway-wording.test.ts); the-list d2-direct still asked
// "Can I ask you something straight, because I care?". Still a direct question about CSEC activity, still warm.
describe('session content-46: the "straight, because I care" question frame', () => {
  it.each(['testifying', 'the-list', 'left-placement-calls'])('%s: no reply asks in that frame', (id) => {
    const replies = bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []));
    expect(replies.filter((r) => /\bstraight\b[^.?!]*because I care|because I care\?/i.test(r.text)).map((r) => r.id)).toEqual([]);
  });

  it('the-list d2-direct is still the direct question, scored as one, and warm', () => {
    const r = bundledScenario('the-list').nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((x) => x.id === 'd2-direct');
    expect(r?.text).toMatch(/Is anyone at those parties asking you to do things for money\?$/);
    expect(r?.assessments).toEqual([{ principle: 'no-direct-csec-questions', verdict: 'violates', weight: 2 }]);
    expect(r?.text).toMatch(/no judg/i);
  });
});
