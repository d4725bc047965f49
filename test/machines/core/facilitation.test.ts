import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backToDecision, clampVotes, facilitatedDecision, facilitationMarkdown, localTimeWords, MAX_VOTES, replyValues, revealData, roomBack, roomLossWords, selectView, startFacilitation, startSession, undoEnding, summaryBaseName, tallyVotes, votesWords,
  type Debrief, type Scenario,
} from '../../../src/machines/index.js';
import { CONTROL, example, expectClean, HOSTILE, hostileScenario, play } from './fixtures.js';
import { loadValidFixture } from '../../helpers/fixtures.js';

const firstView = (scenario: Scenario = example) => selectView(scenario, startFacilitation(scenario).getSnapshot());
const now = new Date('2025-01-31T10:20:30Z');

describe('votes', () => {
  it('makes any count a whole number from 0 to the most a room can cast', () => {
    expect([clampVotes(5), clampVotes(2.9), clampVotes(-3), clampVotes(Number.NaN), clampVotes(Number.POSITIVE_INFINITY), clampVotes(1e9)])
      .toEqual([5, 2, 0, 0, 0, MAX_VOTES]);
  });

  it('tallies each reply in order with its share of the room', () => {
    expect(tallyVotes(['a', 'b', 'c'], { a: 3, c: 1 })).toEqual({
      total: 4,
      entries: [{ replyId: 'a', votes: 3, percent: 75 }, { replyId: 'b', votes: 0, percent: 0 }, { replyId: 'c', votes: 1, percent: 25 }],
    });
  });

  it('gives each share rounded to the nearest whole percent (a half to the even one): equal counts show equal shares, and more votes never fewer', () => {
    // Forced to add up to 100, a three-way tie showed 34%, 33% and 33%, and 10 of 18 showed 55%.
    expect(tallyVotes(['a', 'b', 'c'], { a: 1, b: 1, c: 1 }).entries.map((e) => e.percent)).toEqual([33, 33, 33]);
    expect(tallyVotes(['a', 'b', 'c'], { a: 10, b: 5, c: 3 }).entries.map((e) => e.percent)).toEqual([56, 28, 17]);
    // Halves go to the even percent: 37.5 and 62.5 are 38 and 62.
    expect(tallyVotes(['a', 'b'], { a: 3, b: 5 }).entries.map((e) => e.percent)).toEqual([38, 62]);
    expect(tallyVotes(['a', 'b'], { a: 1, b: 7 }).entries.map((e) => e.percent)).toEqual([12, 88]);
    fc.assert(fc.property(fc.array(fc.nat({ max: 60 }), { minLength: 1, maxLength: 8 }), (counts) => {
      const ids = counts.map((_, i) => `r${i}`);
      const { total, entries } = tallyVotes(ids, Object.fromEntries(ids.map((id, i) => [id, counts[i] ?? 0])));
      const shares = entries.map((e) => e.percent);
      counts.forEach((c, i) => {
        const exact = total > 0 ? (100 * c) / total : 0;
        expect(Math.abs((shares[i] ?? 0) - exact)).toBeLessThanOrEqual(0.5);
        counts.forEach((d, j) => {
          if (c === d) expect(shares[i]).toBe(shares[j]);
          if (c > d) expect(shares[i]).toBeGreaterThanOrEqual(shares[j] ?? 0);
        });
      });
    }), { numRuns: 300, seed: 5 });
  });

  it('counts only votes for the replies on screen, clamped', () => {
    const t = tallyVotes(['a', 'b'], { a: -4, b: 2.5, stray: 100 });
    expect(t.total).toBe(2);
    expect(t.entries.map((e) => e.votes)).toEqual([0, 2]);
  });

  it('reads no inherited property as votes, and a "__proto__" reply id as a plain key', () => {
    expect(tallyVotes(['constructor', 'toString'], {}).total).toBe(0);
    const votes = JSON.parse('{"__proto__": 4, "x": 1}') as Record<string, number>;
    expect(tallyVotes(['__proto__', 'x'], votes).entries.map((e) => e.votes)).toEqual([4, 1]);
  });

  it('words a count with its share, or just the count when nobody has voted', () => {
    expect(votesWords({ votes: 12, percent: 40 }, 30)).toBe('12 (40%)');
    expect(votesWords({ votes: 0, percent: 0 }, 0)).toBe('0');
  });
});

describe('the reveal', () => {
  it('gives each reply the points the core assigns, and 0 for an unknown reply', () => {
    expect(replyValues(example, ['phone-curious', 'phone-accuse', 'phone-ignore', 'nope'])).toEqual({ 'phone-curious': 2, 'phone-accuse': -3, 'phone-ignore': 1, nope: 0 });
  });

  it('shows every reply with its feedback, points and votes, and flags the best', () => {
    const reveal = revealData(example, firstView(), { 'phone-accuse': 3, 'phone-ignore': 1 });
    expect(reveal.total).toBe(4);
    expect(reveal.entries.map((e) => [e.number, e.replyId, e.value, e.votes, e.percent, e.best])).toEqual([
      [1, 'phone-curious', 2, 0, 0, true],
      [2, 'phone-accuse', -3, 3, 75, false],
      [3, 'phone-ignore', 1, 1, 25, false],
    ]);
    expect(reveal.entries[1]?.feedback).toContain('interrogation');
    expect(reveal.entries[1]?.assessments.map((a) => a.verdict)).toEqual(['violates', 'violates']);
  });

  // The reveal and the summary marked every reply tied for (or with) the most points, a greyed-out
  // one too, while the debrief names the best-practice path's reply at a decision it goes through,
  // among the replies offered: a room and a volunteer were told different best replies.
  describe('flags best practice by the debrief\'s rule (bestPracticeAt), so a room and a volunteer are told the same', () => {
    const viewAfter = (s: Scenario, replies: string[]) => {
      const actor = play(s, 'practice', replies);
      return selectView(s, actor.getSnapshot());
    };
    const debriefBest = (s: Scenario, replies: string[]) => (play(s, 'practice', replies).getSnapshot().output as Debrief).turns.map((t) => t.bestReplyId);

    it('on the best-practice path, its reply only, though another ties with it', () => {
      const s = structuredClone(example);
      const node = s.nodes[0]!;
      if (node.kind === 'decision') node.replies[2]!.assessments = structuredClone(node.replies[0]!.assessments);
      expect(revealData(s, firstView(s), {}).entries.map((e) => [e.replyId, e.best])).toEqual([['phone-curious', true], ['phone-accuse', false], ['phone-ignore', false]]);
      expect(debriefBest(s, ['phone-ignore', 'after-wait'])[0]).toBe('phone-curious');
      const md = facilitationMarkdown(s, [facilitatedDecision(firstView(s), {}, 3)], undefined, now);
      expect(md.match(/★ best practice: /g)).toHaveLength(1);
      expect(md).toContain("| 1 | ★ best practice: That's a nice one! How did you get it? |");
    });

    it('on the best-practice path, its reply, not one worth more there (bad/best-here-not-best-path)', () => {
      const s = loadValidFixture('bad/best-here-not-best-path.json');
      expect(revealData(s, firstView(s), {}).entries.filter((e) => e.best).map((e) => e.replyId)).toEqual(['phone-curious']);
      expect(debriefBest(s, ['phone-ignore'])).toEqual(['phone-curious']);
    });

    it('never a reply greyed out at that moment (good/gated-best)', () => {
      const s = loadValidFixture('good/gated-best.json');
      const view = viewAfter(s, ['phone-ignore']);
      expect(view.replies.filter((r) => !r.enabled).map((r) => r.id)).toEqual(['after-supervisor-boyfriend']);
      expect(revealData(s, view, {}).entries.filter((e) => e.best).map((e) => e.replyId)).toEqual(['after-supervisor']);
      expect(debriefBest(s, ['phone-ignore', 'after-wait'])[1]).toBe('after-supervisor');
      const record = facilitatedDecision(view, { 'after-supervisor-boyfriend': 2 }, view.replies.find((r) => r.id === 'after-wait')!.number);
      expect(record.replies.find((r) => r.id === 'after-supervisor-boyfriend')?.offered).toBe(false);
      const md = facilitationMarkdown(s, [record], undefined, now);
      expect(md).toContain('★ best practice: Do: Call the Advocate Supervisor about the new phone.');
      expect(md).not.toContain('★ best practice: Do: Call the Advocate Supervisor and tell her');
    });
  });

  it('reveals hostile feedback as clean text', () => {
    const s = hostileScenario();
    expectClean(revealData(s, firstView(s), {}).entries);
  });
});

describe('the session summary', () => {
  it('records a decision from what was on screen, the votes and the branch followed', () => {
    expect(facilitatedDecision(firstView(), { 'phone-curious': 2, 'phone-ignore': 1 }, 1)).toEqual({
      title: 'The new phone',
      discussionPrompt: expect.stringContaining('most natural thing'),
      replies: [
        { number: 1, text: "That's a nice one! How did you get it?", votes: 2, id: 'phone-curious' },
        { number: 2, text: 'Who bought you that? You need to tell me the truth.', votes: 0, id: 'phone-accuse' },
        { number: 3, text: 'Say nothing about the phone and move on to school.', votes: 1, id: 'phone-ignore' },
      ],
      chosen: 1,
    });
  });

  it('leaves out the branch when the session stopped at a decision', () => {
    expect(Object.hasOwn(facilitatedDecision(firstView(), {}), 'chosen')).toBe(false);
  });

  it('falls back to the node id for a decision without a title', () => {
    expect(facilitatedDecision({ ...firstView(), title: undefined }, {}).title).toBe('phone');
  });

  it('writes each decision with its tallies and branch, then the debrief one heading level down', () => {
    const actor = play(example, 'practice', ['phone-curious', 'after-supervisor']);
    const decisions = [facilitatedDecision(firstView(), { 'phone-curious': 3, 'phone-accuse': 2 }, 1)];
    const md = facilitationMarkdown(example, decisions, actor.getSnapshot().output as Debrief, now);
    // Dated on the clock where it is written, as its file's name and the debrief export are, with the offset.
    expect(md.startsWith(`# Session summary: Example: the new phone\n\nTrainer-led session, ${localTimeWords(now)}.\n`)).toBe(true);
    expect(md).toContain('## Decision 1: The new phone');
    expect(md).toContain("| 1 | ★ best practice: That's a nice one! How did you get it? | +2 | 3 (60%) |");
    expect(md).toContain('| 2 | Who bought you that? You need to tell me the truth. | −3 | 2 (40%) |');
    // An action is "Do: …", as the debrief below writes it: never as if it were said.
    expect(md).toContain('| 3 | Do: Say nothing about the phone and move on to school. | +1 | 0 (0%) |');
    expect(md).toContain('Votes: 5 in all.');
    expect(md).toContain("Branch taken: 1. That's a nice one! How did you get it? (★ best practice)");
    // The same words as presenter mode's screen (agreementWords): the terminal's summary and the web's download say one thing.
    expect(md).toContain('## How the room did\n\nThe branch the room took was best practice at 1 of 1 decision (100%).\nThe room\'s most-voted reply was best practice at 1 of 1 decision with votes (100%); 3 of 5 votes (60%) went to best-practice replies.\n');
    expect(md).toContain('## Debrief: Example: the new phone');
    expect(md).toContain('### Principles');
  });

  it('names the branch taken as "Do: …" when the room followed an action', () => {
    const md = facilitationMarkdown(example, [facilitatedDecision(firstView(), { 'phone-ignore': 4 }, 3)], undefined, now);
    expect(md).toContain('Branch taken: 3. Do: Say nothing about the phone and move on to school. (best practice here: 1)');
  });

  // A session ended before the story did (or a summary downloaded so far) has no debrief to list
  // the prohibited activities first, as the debrief does: the branch taken says it.
  it('says when the branch the room took was a prohibited activity, with or without a debrief below', () => {
    const decision = { title: 'After the visit', replies: [{ number: 1, text: 'Call your Advocate Supervisor.', votes: 1, id: 'after-supervisor' }, { number: 2, text: 'Look Jade up on social media tonight.', votes: 3, id: 'after-search' }], chosen: 2 };
    const said = 'A prohibited activity in the guide (a critical violation): Don\'t investigate (guide: "Prohibited Activities").';
    expect(facilitationMarkdown(example, [decision], undefined, now, true)).toContain(`Branch taken: 2. Do: Look Jade up on social media tonight. (best practice here: 1)\n\n${said}\n`);
    expect(facilitationMarkdown(example, [decision], undefined, now)).toContain(said);
    expect(facilitationMarkdown(example, [{ ...decision, chosen: 1 }], undefined, now)).not.toContain('prohibited activity');
  });

  it('gives each reply its share of the votes in the table, the same share for the same count', () => {
    const view = firstView();
    const [a, b, c] = view.replies.map((r) => r.id);
    const md = facilitationMarkdown(example, [facilitatedDecision(view, { [a as string]: 1, [b as string]: 1, [c as string]: 1 })], undefined, now);
    const shares = [...md.matchAll(/\| 1 \((\d+)%\) \|/g)].map((m) => Number(m[1]));
    expect(shares).toEqual([33, 33, 33]);
  });

  it('says where the session stopped and that the scenario did not end', () => {
    const md = facilitationMarkdown(example, [facilitatedDecision(firstView(), {})], undefined, now);
    expect(md).toContain('The session stopped at this decision.');
    expect(md).toContain('| 1 | ★ best practice: That\'s a nice one! How did you get it? | +2 | 0 |');
    expect(md).toContain('The room made no decisions.');
    expect(md).toContain('The session ended before the scenario did.');
  });

  it('writes a hostile scenario and hostile decision records without control characters', () => {
    const s = hostileScenario();
    const d = facilitatedDecision(firstView(s), { 'phone-curious': 1 }, 1);
    const md = facilitationMarkdown(s, [{ ...d, title: `${HOSTILE}t`, replies: [...d.replies, { number: 4, text: `${HOSTILE}| x`, votes: 0 }] }], undefined, now);
    expect(md).not.toMatch(CONTROL);
    expect(md).toContain('Session summary: ');
  });

  it('keeps each heading on one line when a title has a line break', () => {
    const s = { ...structuredClone(example), title: 'Example:\nthe new phone' };
    const d = { ...facilitatedDecision(firstView(), {}), title: 'The new\nphone' };
    const md = facilitationMarkdown(s, [d], undefined, now);
    expect(md).toContain('# Session summary: Example: the new phone\n');
    expect(md).toContain('## Decision 1: The new phone\n');
  });

  it('marks a branch that was not best practice, does not count a tie with another reply as the room choosing best practice, and speaks of the room in the debrief', () => {
    const actor = play(example, 'practice', ['phone-accuse', 'after-search']);
    const decisions = [facilitatedDecision(firstView(), { 'phone-curious': 4, 'phone-accuse': 4 }, 2)];
    const md = facilitationMarkdown(example, decisions, actor.getSnapshot().output as Debrief, now);
    expect(md).toContain('Branch taken: 2. Who bought you that? You need to tell me the truth. (best practice here: 1)');
    expect(md).toContain('The branch the room took was best practice at 0 of 1 decision (0%).');
    expect(md).toContain("The room's most-voted reply was best practice at 0 of 1 decision with votes (0%); 4 of 8 votes (50%) went to best-practice replies.");
    // Words said are quoted; an action (a "do" reply) is marked as one, not quoted as if said.
    // The critical violation points to its decision in the transcript (the room's reply and feedback are said there, once).
    expect(md).toContain('- **Don\'t investigate** (guide: "Prohibited Activities"): see decision 2 ("After the visit") in the transcript below.');
    expect(md.split('Researching a youth online is investigating')).toHaveLength(2);
    expect(md).toMatch(/\*\*The new phone\*\*: "Who bought you that\? You need to tell me the truth\." \(/);
    expect(md).toContain('2. **After the visit**: Do: Look Jade up on social media tonight to see who the boyfriend is. (−3; best here +2)');
    expect(md).not.toMatch(/you chose|Your repl|^- You /m);
  });

  it('names the summary file after the scenario and the time', () => {
    expect(summaryBaseName(example, '2025-01-31T10-20-30')).toBe('example-new-phone-session-2025-01-31T10-20-30');
  });
});

describe('going back in a room session', () => {
  it('goes back to the decision the room last followed a reply at, from a scene or a decision, never before the first or after the ending', () => {
    const actor = startFacilitation(example, 7);
    expect(backToDecision(selectView(example, actor.getSnapshot()), 1)).toBeUndefined();
    actor.send({ type: 'reply.choose', replyId: 'phone-curious' });
    expect(selectView(example, actor.getSnapshot()).kind).toBe('scene');
    expect(backToDecision(selectView(example, actor.getSnapshot()), 1)).toBe(1);
    // A room record with no round in it (nothing the room did to take back) offers no way back.
    expect(backToDecision(selectView(example, actor.getSnapshot()), 0)).toBeUndefined();
    actor.send({ type: 'scene.continue' });
    expect(selectView(example, actor.getSnapshot()).kind).toBe('decision');
    expect(backToDecision(selectView(example, actor.getSnapshot()), 1)).toBe(1);
    actor.send({ type: 'reply.choose', replyId: 'after-supervisor' });
    expect(selectView(example, actor.getSnapshot()).done).toBe(true);
    // At the ending: back to the decision whose reply ended the story (a last branch keyed by mistake).
    expect(backToDecision(selectView(example, actor.getSnapshot()), 2)).toBe(2);
    expect(backToDecision(selectView(example, actor.getSnapshot()), 0)).toBeUndefined();
  });

  it('takes back the reply that reached the ending: the session is at that decision exactly as it was (undoEnding)', () => {
    const actor = startFacilitation(example, 7);
    actor.send({ type: 'reply.choose', replyId: 'phone-curious' });
    actor.send({ type: 'scene.continue' });
    const before = actor.getPersistedSnapshot();
    const at = selectView(example, actor.getSnapshot());
    expect(undoEnding(example, before)).toBeUndefined();
    actor.send({ type: 'reply.choose', replyId: 'after-supervisor' });
    expect(actor.getSnapshot().status).toBe('done');
    const back = undoEnding(example, actor.getPersistedSnapshot());
    expect(back).toEqual(before);
    const resumed = startSession(example, 'practice', back);
    expect(selectView(example, resumed.getSnapshot())).toEqual(at);
    expect(selectView(example, resumed.getSnapshot()).canUndo).toBe(true);
    // Assessment mode has no undo, at the ending either.
    const assessed = { ...actor.getPersistedSnapshot(), context: { ...actor.getSnapshot().context, mode: 'assessment' } };
    expect(undoEnding(example, assessed)).toBeUndefined();
  });

  it('drops the last branch from the record and gives back what the room had entered there', () => {
    const votes = { 'phone-curious': 3, 'phone-accuse': 1 };
    const record = { past: [{ votes: { a: 1 }, revealed: false }, { votes, revealed: true }], decisions: ['d1', 'd2'], reveals: ['r2'] };
    expect(roomBack(record)).toEqual({ past: [{ votes: { a: 1 }, revealed: false }], decisions: ['d1'], reveals: [], current: { votes, revealed: true } });
    // A decision followed without a reveal keeps the reveals of the others.
    expect(roomBack({ past: [{ votes: {}, revealed: true }, { votes: {}, revealed: false }], decisions: ['d1', 'd2'], reveals: ['r1'] })?.reveals).toEqual(['r1']);
    expect(roomBack({ past: [], decisions: [] })).toBeUndefined();
    // What comes back is a copy: changing it leaves the record as it was.
    const back = roomBack(record);
    (back?.current.votes as Record<string, number>)['phone-curious'] = 99;
    expect(votes['phone-curious']).toBe(3);
  });

  it('words what starting over loses, and nothing when the room has entered nothing yet', () => {
    expect([roomLossWords(0, true), roomLossWords(1, false), roomLossWords(3, true)]).toEqual([
      'The votes entered so far', 'The decision the room has made and the votes entered', 'The 3 decisions the room has made and the votes entered',
    ]);
    expect(roomLossWords(0, false)).toBeUndefined();
  });
});
