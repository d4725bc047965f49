import { describe, expect, it } from 'vitest';
import { peopleMet, selectView, startingAt, startSession, type PersistedScenarioSnapshot, type Scenario } from '../../src/machines/index.js';
import { bundledScenario, BUNDLED_IDS } from '../helpers/bundled.js';

// "Who's who" for a volunteer playing: the people met so far (spoken, or named in text shown), in
// order of first appearance, never anyone who only appears later in the story.

const ESC = '\u001b';

/** A small story: Maya speaks first; her CSW is named only in a reply; Quan only in a later scene. */
const story = (): Scenario => ({
  id: 'people-test',
  version: 1,
  title: 'People',
  summary: 'A test.',
  contentNote: 'None.',
  estimatedMinutes: 5,
  learningGoals: ['youth-centered'],
  characters: [
    { id: 'quan', name: 'Quan', role: 'a man who knows Maya', description: 'Someone tied to the man who exploited Maya.' },
    { id: 'reyes', name: `${ESC}[31mMs. Reyes${ESC}[0m`, role: `CSW at${ESC}]0;pwned\u0007 DCFS`, description: 'Maya\u202e’s CSW\nfor two years.' },
    { id: 'dana', name: 'Dana Cole', role: 'Advocate Supervisor', description: 'Your Advocate Supervisor.' },
    { id: 'maya', name: 'Maya', role: 'youth', description: 'Maya, 16.' },
    { id: 'park', name: 'Ms. Park', role: 'attorney', description: 'Maya’s attorney.' },
  ],
  variables: [{ id: 'trust', label: 'Trust', min: 0, max: 100, start: 50, shown: true }],
  start: 's0',
  nodes: [
    { id: 's0', kind: 'scene', narration: 'A visit in Monterey Park.', lines: [{ character: 'maya', text: 'Hi.' }], next: 'd1' },
    {
      id: 'd1', kind: 'decision', prompt: 'What do you say?',
      lines: [{ character: 'maya', text: 'Do I have to?' }],
      replies: [
        { id: 'd1-a', text: 'Ms. Reyes can answer that, and Dana too.', assessments: [{ principle: 'youth-centered', verdict: 'follows' }], feedback: 'Good.', next: 's2' },
        { id: 'd1-b', text: 'Yes.', assessments: [{ principle: 'youth-centered', verdict: 'violates' }], feedback: 'No.', next: 's2' },
        // Not offered (hidden, and trust is 50): Ms. Park is not named by it.
        { id: 'd1-c', text: 'Ms. Park can help.', hidden: true, when: { var: 'trust', gte: 80 }, assessments: [{ principle: 'youth-centered', verdict: 'follows' }], feedback: 'Good.', next: 's2' },
      ],
    },
    { id: 's2', kind: 'scene', narration: 'Two weeks later a message arrives.', lines: [{ character: 'quan', text: 'tell her to come home' }], next: 'end' },
    { id: 'end', kind: 'ending', ending: 'neutral', title: 'The end', narration: 'It ends.' },
  ],
}) as unknown as Scenario;

const met = (scenario: Scenario, actor: ReturnType<typeof startSession>) => peopleMet(scenario, actor.getPersistedSnapshot() as PersistedScenarioSnapshot);

describe('peopleMet', () => {
  it('lists no one named only later, adds people named in the current replies, in order of first appearance, in clean text', () => {
    const scenario = story();
    const actor = startSession(scenario, 'practice');
    // The first scene: Maya speaks; "Park" inside "Monterey Park" is a place, not Ms. Park.
    expect(met(scenario, actor).map((p) => p.id)).toEqual(['maya']);
    actor.send({ type: 'scene.continue' });
    // The decision: its replies name Ms. Reyes, then Dana; Quan (the later scene's surprise) is not
    // listed, nor Ms. Park, named only by a hidden reply not offered.
    const people = met(scenario, actor);
    expect(people.map((p) => p.id)).toEqual(['maya', 'reyes', 'dana']);
    expect(people[1]).toEqual({ id: 'reyes', name: 'Ms. Reyes', role: 'CSW at DCFS', description: 'Maya’s CSW for two years.' });
    // eslint-disable-next-line no-control-regex -- looking for what cleaning removes
    for (const p of people) expect(Object.values(p).join(' ')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/u);
    actor.send({ type: 'reply.choose', replyId: 'd1-b' });
    // Past the decision (the reply chosen did not name them): still met, and now Quan has spoken.
    expect(met(scenario, actor).map((p) => p.id)).toEqual(['maya', 'reyes', 'dana', 'quan']);
  });

  it('a session whose path cannot be replayed gets the people of its current moment, rather than failing', () => {
    const scenario = story();
    const actor = startSession(scenario, 'practice');
    const snapshot = actor.getPersistedSnapshot() as PersistedScenarioSnapshot & { context: { transcript: unknown[] } };
    const broken = { ...snapshot, value: 'd1', context: { ...snapshot.context, transcript: [{ nodeId: 'nowhere', replyId: 'nothing' }] } };
    expect(peopleMet(scenario, broken as unknown as PersistedScenarioSnapshot).map((p) => p.id)).toEqual(['maya', 'reyes', 'dana']);
  });

  it('testifying, decision 1: Mr. Osei, named in a reply, is listed as Selene\'s dependency attorney; the message request and Hannah are not yet', () => {
    const scenario = bundledScenario('testifying');
    const actor = startSession(scenario, 'assessment', undefined, 3);
    while (selectView(scenario, actor.getSnapshot()).kind === 'scene') actor.send({ type: 'scene.continue' });
    expect(selectView(scenario, actor.getSnapshot()).nodeId).toBe('d1-have-to');
    const people = met(scenario, actor);
    expect(people.map((p) => p.id)).toEqual(['selene', 'ibarra', 'osei']);
    expect(people[2]).toMatchObject({ name: 'Mr. Osei', role: 'dependency attorney at the Children\'s Law Center' });
  });

  it('started at a later node (an author\'s --from): the people named on the way there from the file\'s start come first; not those of a hidden reply, nor anyone only after it', () => {
    const moved = startingAt(story(), 's2');
    if (!moved.ok) throw new Error(moved.error);
    const actor = startSession(moved.scenario, 'practice');
    // Maya spoke, and the replies offered at d1 named Ms. Reyes and Dana (not Ms. Park: hidden); then Quan speaks here.
    expect(met(moved.scenario, actor).map((p) => p.id)).toEqual(['maya', 'reyes', 'dana', 'quan']);
    // With --set as well, the same; the file's own start lists only what it shows.
    const both = startingAt(story(), 's2', { trust: '20' });
    if (!both.ok) throw new Error(both.error);
    expect(met(both.scenario, startSession(both.scenario, 'practice')).map((p) => p.id)).toEqual(['maya', 'reyes', 'dana', 'quan']);
    const own = startingAt(story(), 's0');
    if (!own.ok) throw new Error(own.error);
    expect(met(own.scenario, startSession(own.scenario, 'practice')).map((p) => p.id)).toEqual(['maya']);
  });

  // The way there was the shortest route by the file's links alone: through a scene its first scene
  // leads to only where trust is 90 or more (it starts at 50, and nothing raises it first), naming
  // Ms. Park there, and not the decision on the way, whose replies name Ms. Reyes and Dana.
  it('started at a later node (--from), the way there is one a playthrough can take: no one named only on a branch whose condition cannot hold on the way', () => {
    const scenario = story() as unknown as { nodes: Record<string, unknown>[] };
    const s0 = scenario.nodes.find((n) => n.id === 's0') as Record<string, unknown>;
    s0.next = [{ when: { var: 'trust', gte: 90 }, to: 's-side' }, { to: 'd1' }];
    scenario.nodes.push({ id: 's-side', kind: 'scene', narration: 'Ms. Park calls about the hearing.', next: 's2' });
    const moved = startingAt(scenario as unknown as Scenario, 's2');
    if (!moved.ok) throw new Error(moved.error);
    expect(met(moved.scenario, startSession(moved.scenario, 'practice')).map((p) => p.id)).toEqual(['maya', 'reyes', 'dana', 'quan']);
    // With trust set to 90 (--set) at s2, a playthrough from the file's start still begins at 50 (as
    // the file declares it): the first scene does not lead to that scene, and Ms. Park is not named
    // on the way. (The way was searched with trust 90 from the file's own start.)
    const set = startingAt(scenario as unknown as Scenario, 's2', { trust: '90' });
    if (!set.ok) throw new Error(set.error);
    expect(met(set.scenario, startSession(set.scenario, 'practice')).map((p) => p.id)).toEqual(['maya', 'reyes', 'dana', 'quan']);
  });

  // --set gives the values at the node played from: the way there is one a playthrough from the
  // file's start (at the values it declares) takes to arrive with them, where there is one.
  it('started at a later node with --set, the way there begins at the declared values and is one that arrives with the values set', () => {
    const scenario = story() as unknown as { nodes: Record<string, unknown>[] };
    const d1 = scenario.nodes.find((n) => n.id === 'd1') as { replies: Record<string, unknown>[] };
    // The first reply raises trust to 90 and goes by a scene naming Ms. Park; the second goes straight on.
    Object.assign(d1.replies[0] as object, { effects: [{ var: 'trust', add: 40 }], next: 's-side' });
    scenario.nodes.push({ id: 's-side', kind: 'scene', narration: 'Ms. Park calls about the hearing.', next: 's2' });
    const file = scenario as unknown as Scenario;
    const way = (values?: Record<string, string>) => {
      const moved = startingAt(file, 's2', values);
      if (!moved.ok) throw new Error(moved.error);
      return met(moved.scenario, startSession(moved.scenario, 'practice')).map((p) => p.id);
    };
    // No values set: the shortest way, straight on from the decision.
    expect(way()).toEqual(['maya', 'reyes', 'dana', 'quan']);
    // Trust 90 at s2: the way that arrives with it, by the scene naming Ms. Park.
    expect(way({ trust: '90' })).toEqual(['maya', 'reyes', 'dana', 'park', 'quan']);
    // A value no way arrives with (trust 70): the shortest way all the same.
    expect(way({ trust: '70' })).toEqual(['maya', 'reyes', 'dana', 'quan']);
  });

  it('the-list from d9-report (--from): everyone the story named on the way, Bà Hoa (in the scene) among them, not only those of the last decision', () => {
    const moved = startingAt(bundledScenario('the-list'), 'd9-report');
    if (!moved.ok) throw new Error(moved.error);
    const people = met(moved.scenario, startSession(moved.scenario, 'practice', undefined, 1)).map((p) => p.name);
    expect(people).toContain('Bà Hoa');
    expect(people.slice(0, 2)).toEqual(['Bà Hoa', 'Bảo']);
  });

  describe('in a trainer-led session (the reveal shows every reply\'s feedback)', () => {
    /** The story with Ms. Park named only in the feedback of d1-b, a reply the room does not follow. */
    const roomStory = (): Scenario => {
      const scenario = story() as unknown as { nodes: { id: string; replies?: { id: string; feedback: string }[] }[] };
      const d1 = scenario.nodes.find((n) => n.id === 'd1');
      const b = d1?.replies?.find((r) => r.id === 'd1-b');
      if (!b) throw new Error('no d1-b');
      b.feedback = 'No. Ms. Park, her attorney, would tell Maya she has a say.';
      return scenario as unknown as Scenario;
    };
    const inRoom = (scenario: Scenario, actor: ReturnType<typeof startSession>, room: { past: { revealed: boolean }[]; current: { revealed: boolean } }) =>
      peopleMet(scenario, actor.getPersistedSnapshot() as PersistedScenarioSnapshot, room).map((p) => p.id);

    it('a name in any revealed reply\'s feedback is met once revealed, not before; it stays met after the room follows another reply', () => {
      const scenario = roomStory();
      const actor = startSession(scenario, 'practice');
      actor.send({ type: 'scene.continue' });
      // Votes being entered: the feedback is not on screen yet, so Ms. Park is not given away.
      expect(inRoom(scenario, actor, { past: [], current: { revealed: false } })).toEqual(['maya', 'reyes', 'dana']);
      // Revealed: d1-b's feedback, with Ms. Park in it, is on the screen the room sees.
      expect(inRoom(scenario, actor, { past: [], current: { revealed: true } })).toEqual(['maya', 'reyes', 'dana', 'park']);
      // The room follows d1-a (whose feedback names no one): Ms. Park was seen in the reveal, so still met.
      actor.send({ type: 'reply.choose', replyId: 'd1-a' });
      expect(inRoom(scenario, actor, { past: [{ revealed: true }], current: { revealed: false } })).toEqual(['maya', 'reyes', 'dana', 'park', 'quan']);
      // Played (not trainer-led), only the feedback of the reply chosen is shown: Ms. Park is not met.
      expect(met(scenario, actor).map((p) => p.id)).toEqual(['maya', 'reyes', 'dana', 'quan']);
    });

    it('a name seen at a reveal stays met after the trainer goes back to the votes (was revealed, though not now)', () => {
      const scenario = roomStory();
      const actor = startSession(scenario, 'practice');
      actor.send({ type: 'scene.continue' });
      const room = { past: [], current: { revealed: false, wasRevealed: true } };
      expect(peopleMet(scenario, actor.getPersistedSnapshot() as PersistedScenarioSnapshot, room).map((p) => p.id)).toEqual(['maya', 'reyes', 'dana', 'park']);
      // And where the path cannot be replayed (the current decision alone).
      const snapshot = actor.getPersistedSnapshot() as PersistedScenarioSnapshot & { context: { transcript: unknown[] } };
      const broken = { ...snapshot, value: 'd1', context: { ...snapshot.context, transcript: [{ nodeId: 'nowhere', replyId: 'nothing' }] } } as unknown as PersistedScenarioSnapshot;
      expect(peopleMet(scenario, broken, { past: [{ revealed: true }], current: { revealed: false, wasRevealed: true } }).map((p) => p.id)).toEqual(['maya', 'reyes', 'dana', 'park']);
    });

    it('a decision followed without a reveal shows no feedback: no one named only there is met, not even in the reply followed', () => {
      const scenario = roomStory();
      const actor = startSession(scenario, 'practice');
      actor.send({ type: 'scene.continue' });
      actor.send({ type: 'reply.choose', replyId: 'd1-b' });
      expect(inRoom(scenario, actor, { past: [{ revealed: false }], current: { revealed: false } })).toEqual(['maya', 'reyes', 'dana', 'quan']);
      expect(inRoom(scenario, actor, { past: [{ revealed: true }], current: { revealed: false } })).toEqual(['maya', 'reyes', 'dana', 'park', 'quan']);
    });

    it('the feedback of a hidden reply not offered is not revealed, so names no one', () => {
      const scenario = story() as unknown as { nodes: { id: string; replies?: { id: string; feedback: string }[] }[] };
      const c = scenario.nodes.find((n) => n.id === 'd1')?.replies?.find((r) => r.id === 'd1-c');
      if (!c) throw new Error('no d1-c');
      c.feedback = 'Quan will hear of it.';
      const actor = startSession(scenario as unknown as Scenario, 'practice');
      actor.send({ type: 'scene.continue' });
      expect(inRoom(scenario as unknown as Scenario, actor, { past: [], current: { revealed: true } })).toEqual(['maya', 'reyes', 'dana']);
    });

    it('a session whose path cannot be replayed still meets the names revealed at its current decision', () => {
      const scenario = roomStory();
      const actor = startSession(scenario, 'practice');
      const snapshot = actor.getPersistedSnapshot() as PersistedScenarioSnapshot & { context: { transcript: unknown[] } };
      const broken = { ...snapshot, value: 'd1', context: { ...snapshot.context, transcript: [{ nodeId: 'nowhere', replyId: 'nothing' }] } } as unknown as PersistedScenarioSnapshot;
      expect(peopleMet(scenario, broken, { past: [{ revealed: true }], current: { revealed: false } }).map((p) => p.id)).toEqual(['maya', 'reyes', 'dana']);
      expect(peopleMet(scenario, broken, { past: [{ revealed: true }], current: { revealed: true } }).map((p) => p.id)).toEqual(['maya', 'reyes', 'dana', 'park']);
    });
  });
});

describe('a moment\'s lines', () => {
  // "Ms. Okafor (CSW, Children's Social Worker at DCFS)" before each of her lines in a row: the role
  // is said beside a speaker's first line of the moment, the name alone after it (Who's who keeps it).
  it('name each speaker\'s role on their first line of the moment only, in every bundled scenario', () => {
    const scenario = bundledScenario('trafficker-contact');
    const moved = startingAt(scenario, 's-okafor-plan');
    if (!moved.ok) throw new Error(moved.error);
    const view = selectView(moved.scenario, startSession(moved.scenario, 'practice').getSnapshot());
    expect(view.lines.map((l) => [l.speaker, l.role])).toEqual([['Ms. Okafor', 'CSW, Children\'s Social Worker at DCFS'], ['Ms. Okafor', '']]);
    for (const id of BUNDLED_IDS) {
      const each = bundledScenario(id);
      for (const node of each.nodes) {
        const at = startingAt(each, node.id);
        if (!at.ok || !node.lines?.length) continue;
        const lines = selectView(at.scenario, startSession(at.scenario, 'practice').getSnapshot()).lines;
        const roles = new Map(each.characters.map((c) => [c.name, c.role]));
        lines.forEach((l, i) => expect(l.role, `${id} ${node.id} line ${i + 1}`).toBe(lines.findIndex((o) => o.speaker === l.speaker) === i ? (roles.get(l.speaker) ?? '') : ''));
      }
    }
  });
});
