import { describe, expect, it } from 'vitest';
import { debriefMarkdown, debriefModel, missedWhereWords, SHORT_REPLY, type Debrief, type Scenario } from '../../../src/machines/index.js';
import { bundled, keptOnceMissedOnce, play } from './fixtures.js';

function debriefOf(scenario: Scenario, replies: string[]): Debrief {
  const snapshot = play(scenario, 'practice', replies).getSnapshot();
  expect(snapshot.status).toBe('done');
  return snapshot.output as Debrief;
}

// A web check: "You missed 2 chances for …" (left-placement-calls, the rideshare then the best
// replies) said not at which decisions, while the critical violation pointed to its own; and one
// of the two was at a decision where the volunteer took the best-practice reply ("What missed
// means", docs/authoring.md section 5), so it could not be found by looking for a weak reply.
// Since session lpc-54 the two chances are for "Exploring why the youth leaves" (harm-reduction-unmet-needs):
// d7-promise asks what makes Ari want to go (beside the best-practice plan), and d8-needs takes it after a
// stricter placement was asked for. They were for "Their safety comes first", which the scenario no longer
// scores: Ari has gone back to no one exploiting her.
describe('where a missed chance was', () => {
  const calls = bundled('left-placement-calls');
  const d = debriefOf(calls, ['d1-rideshare', 'd2r-morning', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-stricter']);
  const m = debriefModel(calls, d);
  const exploring = m.growthAreas.findIndex((g) => g.startsWith('You missed 2 chances for "Exploring why the youth leaves"'));

  it('is kept beside its growth area in the core\'s model: each decision, with the reply there that took the chance', () => {
    expect(exploring).toBeGreaterThanOrEqual(0);
    expect(m.growthWhere[exploring]).toEqual([
      // Taken there by a reply that goes against two other principles: not best practice, so not quoted.
      // The volunteer's reply there was best practice all the same: said, so they do not look for a mistake there.
      { turn: 5, reply: "No lecture. Just promise me you won't leave again, okay? And if something here is making you want to go, tell me.", said: true, best: false, yoursBest: true },
      { turn: 6, reply: expect.stringMatching(/^Not seeing Mateo is a big deal\./) as unknown as string, said: true, best: true },
    ]);
    // The decision of the first is one where the volunteer's reply was best practice; of the second, not.
    expect(m.paths[5]).toMatchObject({ where: "She's back", same: true });
    expect(m.paths[6]).toMatchObject({ where: 'Why she left', same: false });
    // Gone against: no missed chance is said of it, only the decisions where it was gone against (each `against`).
    m.growthAreas.forEach((g, i) => {
      if (!g.startsWith('You missed')) expect(m.growthWhere[i]!.every((c) => c.against === true)).toBe(true);
    });
    expect(m.principles.find((p) => p.title === 'Exploring why the youth leaves')?.missedAt.map((c) => c.turn)).toEqual([5, 6]);
  });

  it('is said in one wording: each decision by number and title, and the reply that took it when it is short to say', () => {
    expect(missedWhereWords(m.growthWhere[exploring]!, (t) => m.turns[t]!.where)).toBe(
      "Missed at decision 6 (“She's back”), where your reply was best practice but another reply took this chance, and decision 7 (“Why she left”).",
    );
    // One chance, a long reply (left to the transcript), an action.
    expect(missedWhereWords([{ turn: 2, reply: 'x'.repeat(SHORT_REPLY + 1), said: true, best: true }], () => 'Your update')).toBe('Missed at decision 3 (“Your update”).');
    expect(missedWhereWords([{ turn: 0, reply: 'Call Tomas', said: false, best: true }, { turn: 1, reply: 'Hi', said: true, best: true }, { turn: 2, reply: 'Promise me', said: true, best: false }, { turn: 3, reply: 'a\nb', said: true, best: true }], (t) => `T${t}`, ['"', '"'])).toBe(
      'Missed at decision 1 ("T0"), where the chance was Do: Call Tomas, decision 2 ("T1"), where the chance was "Hi", decision 3 ("T2") and decision 4 ("T3").',
    );
    expect(missedWhereWords([], () => '')).toBe('');
    // After a "where" clause the last decision is set off by a comma: "…took this chance and decision 7" read as if
    // the other reply had taken decision 7 too.
    expect(missedWhereWords([{ turn: 5, reply: 'Promise me', said: true, best: false, yoursBest: true }, { turn: 6, reply: 'x'.repeat(SHORT_REPLY + 1), said: true, best: true }], (t) => `T${t}`, ['"', '"'])).toBe(
      'Missed at decision 6 ("T5"), where your reply was best practice but another reply took this chance, and decision 7 ("T6").',
    );
    expect(missedWhereWords([{ turn: 0, reply: 'Call Tomas', said: false, best: true }, { turn: 2, reply: 'a\nb', said: true, best: true }], (t) => `T${t}`, ['"', '"'])).toBe(
      'Missed at decision 1 ("T0"), where the chance was Do: Call Tomas, and decision 3 ("T2").',
    );
  });

  it('is said in the Markdown export, under "To work on" and in the table of principles', () => {
    const md = debriefMarkdown(m);
    expect(md).toContain('so that CASAs and service providers can begin to address those needs. Missed at decision 6 ("She\'s back"), where your reply was best practice but another reply took this chance, and decision 7 ("Why she left").\n');
    expect(md).toContain('| Exploring why the youth leaves | ○ missed (decisions 6 and 7) | Harm Reduction |');
  });

  // A chance "missed" beside a best-practice reply is none for a principle kept to elsewhere: only
  // the decisions counted ("at only 1 of 2 chances") are named.
  it('names, for a principle kept to at some decisions, only the chances missed below best practice', () => {
    const k = debriefModel(keptOnceMissedOnce, debriefOf(keptOnceMissedOnce, ['phone-ignore', 'after-supervisor']));
    const i = k.growthAreas.findIndex((g) => g.includes('"Curious, not interrogating" at only 1 of 2 chances'));
    expect(k.growthWhere[i]?.map((c) => c.turn)).toEqual([0]);
    expect(debriefMarkdown(k)).toContain('| Curious, not interrogating | ✓ followed at 1 of 2 chances (missed at decision 1) | Red Flags |');
  });

  // A volunteer told "You went against …" was not told where: the missed chances named their
  // decisions, a principle gone against none. Each is named the same way now.
  it('names, for a principle gone against, the decisions where it was, in the growth area and the table', () => {
    const csw = m.growthAreas.findIndex((g) => g.startsWith('You went against "Work with the CSW"'));
    const pickUp = m.growthAreas.findIndex((g) => g.startsWith('Critical: you went against "Never pick up a youth who left placement"'));
    expect(m.growthWhere[csw]!.map((c) => [c.turn, c.against])).toEqual([[0, true], [1, true]]);
    expect(missedWhereWords(m.growthWhere[csw]!, (t) => m.turns[t]!.where)).toBe('Gone against at decision 1 (“11:40 p.m.”) and decision 2 (“12:31 a.m.”).');
    expect(missedWhereWords(m.growthWhere[pickUp]!, (t) => m.turns[t]!.where)).toBe('Gone against at decision 1 (“11:40 p.m.”).');
    // No reply quoted as where a chance was, nor "your reply was best practice": the reply chosen went against it.
    expect(missedWhereWords([{ turn: 2, reply: 'Short', said: true, best: true, yoursBest: true, against: true }], () => 'T')).toBe('Gone against at decision 3 (“T”).');
    const md = debriefMarkdown(m);
    expect(md).toContain('CASAs collaborate with the CSW to keep the youth safe and well. Gone against at decision 1 ("11:40 p.m.") and decision 2 ("12:31 a.m.").\n');
    expect(md).toContain('| Work with the CSW | ✗ went against (decisions 1 and 2) | Collaboration with Case Parties |');
    expect(md).toContain('| Never pick up a youth who left placement | ✗ went against (decision 1) | Prohibited Activities |');
    // In the room's voice too (a trainer-led debrief).
    const room = debriefMarkdown(m, '#', 'room');
    expect(room).toContain('- The room went against "Work with the CSW"');
    expect(room).toContain('Gone against at decision 1 ("11:40 p.m.") and decision 2 ("12:31 a.m.").');
  });
});
