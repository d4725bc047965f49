import { describe, expect, it } from 'vitest';
import {
  clearFacilitation, facilitatedDecision, startingAt, facilitationDecision, facilitationFinished, facilitationKey, finishedFacilitationText, keptFacilitation, memoryStore, readFacilitation, revealData, saveKey, selectView, startFacilitation, startSession, writeFacilitation,
  type PlayableScenario, type RoomProgress, type ScenarioLoader, type SessionActor,
} from '../../../src/machines/index.js';
import { CLEAR, CLIPBOARD, example, expectMovedAside, expectOneCleanLine, RLO, TITLE } from './fixtures.js';

const now = new Date('2025-01-31T10:20:30Z');
const playable: PlayableScenario = { scenario: example, file: 'example.json', bundled: true };
const KEY = 'facilitation/example-new-phone.json';
const ASIDE = `${KEY}.damaged-2025-01-31T10-20-30`;

const loader: ScenarioLoader = (ref) => (ref.source === 'bundled' && ref.id === example.id ? playable : { error: 'The scenario file x.json is no longer part of the app.' });

const viewOf = (actor: SessionActor) => selectView(example, actor.getSnapshot());

/**
 * A room session as presenter mode runs it: votes at the first decision, revealed, the room follows
 * "How did you get it?", continues past the scene, and has typed votes at the second decision.
 */
function roomSession() {
  const actor = startFacilitation(example, 7);
  const first = viewOf(actor);
  const votes1 = { 'phone-curious': 3, 'phone-accuse': 1, 'phone-ignore': 0 };
  const chosen = first.replies.find((r) => r.id === 'phone-curious');
  if (!chosen) throw new Error('no reply');
  const record = facilitatedDecision(first, votes1, chosen.number);
  const reveal = revealData(example, first, votes1);
  actor.send({ type: 'reply.choose', replyId: 'phone-curious' });
  actor.send({ type: 'scene.continue' });
  const progress: RoomProgress = { past: [{ votes: votes1, revealed: true }], current: { votes: { 'after-supervisor': 5, 'after-wait': 2 }, revealed: false } };
  return { actor, progress, record, reveal };
}

/** The stored text of that session, as an object to damage. */
function kept(): Record<string, unknown> & { session: Record<string, unknown> & { scenarioVersion: number }; past: { votes: Record<string, unknown>; revealed: unknown }[]; current: { votes: Record<string, unknown>; revealed: unknown } } {
  const store = memoryStore();
  const { actor, progress } = roomSession();
  writeFacilitation(store, playable, actor.getPersistedSnapshot(), progress, now);
  return JSON.parse(store.read(KEY) as string) as ReturnType<typeof kept>;
}

/** Writes the session and reads it back, failing unless it reads whole. */
function readFacilitationOk(store: ReturnType<typeof memoryStore>, actor: SessionActor, progress: RoomProgress) {
  writeFacilitation(store, playable, actor.getPersistedSnapshot(), progress, now);
  const r = readFacilitation(store, loader, playable, now);
  if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
  return r;
}

describe('a trainer-led session kept through the store', () => {
  it('comes back at the same decision with the votes, the reveal state and the summary so far', () => {
    const store = memoryStore();
    const { actor, progress, record, reveal } = roomSession();
    expect(writeFacilitation(store, playable, actor.getPersistedSnapshot(), progress, now)).toBe(KEY);
    const r = readFacilitation(store, loader, playable, now);
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    expect(r.decision).toBe(2);
    expect(r.standsAt).toBe('decision 2');
    expect(selectView(example, startSession(example, 'practice', r.snapshot).getSnapshot()).nodeId).toBe('after-visit');
    // Zero counts are not kept: the same tally, less to store.
    expect(r.progress).toEqual({ past: [{ votes: { 'phone-curious': 3, 'phone-accuse': 1 }, revealed: true }], current: { votes: { 'after-supervisor': 5, 'after-wait': 2 }, revealed: false } });
    // The summary so far and the reveal are rebuilt from the scenario exactly as the live session made them.
    expect(r.decisions).toEqual([record]);
    expect(r.reveals).toEqual([reveal]);
    // Reading changes nothing.
    expect(store.read(KEY)).toBeDefined();
  });

  it('keeps the debrief a UI exported (paths and digests); an export that cannot be used whole is left out, never the session', () => {
    const { actor, progress } = roomSession();
    const digest = { markdown: 'a'.repeat(64), json: 'b'.repeat(64) };
    const exported = { markdown: '/home/t/exports/example-new-phone-debrief-2025-01-31T10-20-30.md', json: '/home/t/exports/example-new-phone-debrief-2025-01-31T10-20-30.json', digest };
    expect(readFacilitationOk(memoryStore(), actor, { ...progress, exported }).progress.exported).toEqual(exported);
    // Older sessions have none.
    expect(readFacilitationOk(memoryStore(), actor, progress).progress).not.toHaveProperty('exported');
    const bad = [
      'x', null, [], { ...exported, digest: undefined }, { ...exported, digest: { markdown: 'A'.repeat(64), json: digest.json } },
      { ...exported, markdown: 1 }, { ...exported, json: '/home/t/exports/other.json' },
      // Another file than a debrief of this scenario: never written over in its place.
      { ...exported, markdown: '/home/t/.bashrc', json: '/home/t/.bashrc.json' }, { ...exported, markdown: '/x/other-scenario-debrief-1.md', json: '/x/other-scenario-debrief-1.json' },
      { ...exported, markdown: '/x/example-new-phone-debrief-.md', json: '/x/example-new-phone-debrief-.json' },
      { ...exported, markdown: '/x/a\0/example-new-phone-debrief-1.md', json: '/x/a\0/example-new-phone-debrief-1.json' },
      { ...exported, markdown: `/${'x'.repeat(5000)}/example-new-phone-debrief-1.md`, json: `/${'x'.repeat(5000)}/example-new-phone-debrief-1.json` },
    ];
    for (const raw of bad) {
      const store = memoryStore();
      writeFacilitation(store, playable, actor.getPersistedSnapshot(), progress, now);
      store.write(KEY, JSON.stringify({ ...JSON.parse(store.read(KEY) as string), exported: raw }));
      const r = readFacilitation(store, loader, playable, now);
      if (r.kind !== 'ok') throw new Error(JSON.stringify(raw));
      expect(r.progress, JSON.stringify(raw)).not.toHaveProperty('exported');
      expect(r.decision).toBe(2);
    }
  });

  it('keeps where its summary was written and where it goes should the state folder refuse (absolute paths); one that cannot be used is left out, never the session', () => {
    const { actor, progress } = roomSession();
    const summary = '/home/t/practice/example-new-phone-session-2025-01-31T10-20-30.md';
    const summaryDir = '/home/t/practice';
    expect(readFacilitationOk(memoryStore(), actor, { ...progress, summary, summaryDir }).progress).toMatchObject({ summary, summaryDir });
    expect(readFacilitationOk(memoryStore(), actor, { ...progress, summary: 'C:\\t\\example-new-phone-session-1.md' }).progress.summary).toBe('C:\\t\\example-new-phone-session-1.md');
    // Older sessions have neither.
    expect(readFacilitationOk(memoryStore(), actor, progress).progress).not.toHaveProperty('summary');
    expect(readFacilitationOk(memoryStore(), actor, progress).progress).not.toHaveProperty('summaryDir');
    const bad: [unknown, unknown][] = [
      [1, 2], [null, []], ['', ''],
      // Relative, or climbing out of a folder: never written to.
      ['example-new-phone-session-1.md', 'practice'], ['/home/t/../.bashrc/example-new-phone-session-1.md', '/home/../etc'],
      // Another file than a summary of this scenario (a summary is written over in its place).
      ['/home/t/.bashrc', undefined], ['/x/other-scenario-session-1.md', undefined], ['/x/example-new-phone-session-1.txt', undefined],
      [`/x/a\0/example-new-phone-session-1.md`, '/x/a\0'], [`/x/a\u001b[2J/example-new-phone-session-1.md`, '/x/\u001b[2J'],
      [`/${'x'.repeat(5000)}/example-new-phone-session-1.md`, `/${'x'.repeat(5000)}`],
    ];
    for (const [summaryRaw, dirRaw] of bad) {
      const store = memoryStore();
      writeFacilitation(store, playable, actor.getPersistedSnapshot(), progress, now);
      store.write(KEY, JSON.stringify({ ...JSON.parse(store.read(KEY) as string), summary: summaryRaw, summaryDir: dirRaw }));
      const r = readFacilitation(store, loader, playable, now);
      if (r.kind !== 'ok') throw new Error(JSON.stringify(summaryRaw));
      expect(r.progress, JSON.stringify(summaryRaw)).not.toHaveProperty('summary');
      expect(r.progress, JSON.stringify(dirRaw)).not.toHaveProperty('summaryDir');
      expect(r.decision).toBe(2);
    }
  });

  it('a decision revealed and then taken back to its votes comes back so ("was revealed" kept); one kept before that was recorded reads as its reveal flag says', () => {
    const store = memoryStore();
    const { actor, progress } = roomSession();
    const back = { ...progress, current: { ...progress.current, wasRevealed: true } };
    expect(readFacilitationOk(store, actor, back).progress.current).toEqual({ votes: { 'after-supervisor': 5, 'after-wait': 2 }, revealed: false, wasRevealed: true });
    // A session kept by an earlier version (no such field): as before, not revealed.
    const old = JSON.parse(store.read(KEY) as string) as { current: Record<string, unknown> };
    delete old.current.wasRevealed;
    store.write(KEY, JSON.stringify(old));
    const r = readFacilitation(store, loader, playable, now);
    expect(r.kind === 'ok' && r.progress.current).toEqual({ votes: { 'after-supervisor': 5, 'after-wait': 2 }, revealed: false });
  });

  it('a finished session is kept and read back as finished, with its whole record, until it is cleared', () => {
    const store = memoryStore();
    const { actor, progress } = roomSession();
    expect(readFacilitationOk(store, actor, progress).finished).toBe(false);
    actor.send({ type: 'reply.choose', replyId: 'after-supervisor' });
    expect(actor.getSnapshot().status).toBe('done');
    const done = { past: [...progress.past, { votes: progress.current.votes, revealed: false }], current: { votes: {}, revealed: false } };
    const r = readFacilitationOk(store, actor, done);
    expect(r.finished).toBe(true);
    expect(r.standsAt).toBe('the ending');
    expect(r.decisions.map((d) => d.chosen)).toHaveLength(2);
    expect(facilitationFinished(store, playable)).toBe(true);
    expect(finishedFacilitationText(store.read(KEY) as string)).toBe(true);
    expect(finishedFacilitationText('{ not json')).toBe(false);
    clearFacilitation(store, playable);
    expect(facilitationFinished(store, playable)).toBe(false);
  });

  it('a session the trainer ended before its story did is kept and read back as ended, with the votes at the decision it stopped at; one not ended reads so', () => {
    const store = memoryStore();
    const { actor, progress } = roomSession();
    const r = readFacilitationOk(store, actor, { ...progress, ended: true });
    expect({ ended: r.ended, finished: r.finished, current: r.progress.current, kept: r.progress.ended }).toEqual({ ended: true, finished: false, current: progress.current, kept: true });
    expect(keptFacilitation(store, playable)).toEqual({ decision: 2, finished: false, ended: true });
    expect(readFacilitationOk(store, actor, progress).ended).toBe(false);
    expect(JSON.parse(store.read(KEY) as string)).not.toHaveProperty('ended');
  });

  it('keeps the room session apart from a volunteer\'s save of the same scenario, and clears only its own', () => {
    const store = memoryStore({ [saveKey(playable)]: 'the volunteer\'s save' });
    const { actor, progress } = roomSession();
    writeFacilitation(store, playable, actor.getPersistedSnapshot(), progress, now);
    expect(facilitationKey(playable)).not.toBe(saveKey(playable));
    expect(facilitationDecision(store, playable)).toBe(2);
    clearFacilitation(store, playable);
    expect(readFacilitation(store, loader, playable, now)).toEqual({ kind: 'none' });
    expect(facilitationDecision(store, playable)).toBeUndefined();
    expect(store.read(saveKey(playable))).toBe('the volunteer\'s save');
  });

  it('says which decision a kept session stands at without reading it whole, and nothing for text that is not one', () => {
    expect(facilitationDecision(memoryStore({ [KEY]: '{"format":"casa-practice-facilitation","session":{"snapshot":{"context":{"transcript":[1,2]}}}}' }), playable)).toBe(3);
    expect(facilitationDecision(memoryStore({ [KEY]: 'not json' }), playable)).toBeUndefined();
    expect(facilitationDecision(memoryStore({ [KEY]: '{"format":"casa-practice-terminal-save","session":{"snapshot":{"context":{"transcript":[]}}}}' }), playable)).toBeUndefined();
  });

  it('reads the decision and whether it finished in one go, for a picker', () => {
    const kept = (text: string) => keptFacilitation(memoryStore({ [KEY]: text }), playable);
    expect(kept('{"format":"casa-practice-facilitation","session":{"snapshot":{"status":"active","context":{"transcript":[1]}}}}')).toEqual({ decision: 2, finished: false, ended: false });
    expect(kept('{"format":"casa-practice-facilitation","session":{"snapshot":{"status":"done","context":{"transcript":[1,2]}}}}')).toEqual({ decision: 3, finished: true, ended: false });
    // Ended by the trainer before its story did (presenter mode's "End the session").
    expect(kept('{"format":"casa-practice-facilitation","ended":true,"session":{"snapshot":{"status":"active","context":{"transcript":[1]}}}}')).toEqual({ decision: 2, finished: false, ended: true });
    expect(kept('{"format":"casa-practice-facilitation","session":{"snapshot":{"status":"done"}}}')).toBeUndefined();
    expect(kept('null')).toBeUndefined();
    expect(keptFacilitation(memoryStore(), playable)).toBeUndefined();
  });

  const damaged = (f: (s: ReturnType<typeof kept>) => unknown) => () => {
    const s = kept();
    return JSON.stringify(f(s) ?? s);
  };

  it.each<[string, () => string]>([
    ['truncated JSON', () => JSON.stringify(kept()).slice(0, 100)],
    ['escape sequences instead of JSON', () => `${TITLE}${CLIPBOARD}${CLEAR}${RLO}`],
    ['JSON null', () => 'null'],
    ['a volunteer\'s save in its place', damaged((s) => ({ ...s, format: 'casa-practice-terminal-save' }))],
    // A future format version is a newer version's session, left where it is: newer-saves.test.
    ['a format version that is an escape sequence', damaged((s) => ({ ...s, formatVersion: `${TITLE}${CLEAR}2` }))],
    ['no scenario named', damaged((s) => ({ ...s, scenario: 'example-new-phone' }))],
    ['a scenario that is no longer part of the app', damaged((s) => ({ ...s, scenario: { source: 'bundled', id: `gone${TITLE}` } }))],
    ['a tampered session', damaged((s) => { (s.session.snapshot as { context: { variables: Record<string, unknown> } }).context.variables.trust = 100; })],
    ['no votes of past decisions', damaged((s) => { delete (s as Partial<typeof s>).past; })],
    ['fewer past decisions than replies made', damaged((s) => { s.past = []; })],
    ['more past decisions than replies made', damaged((s) => { s.past.push({ votes: {}, revealed: true }); })],
    ['a vote for a reply of another decision', damaged((s) => { s.past[0] = { votes: { 'after-search': 2 }, revealed: true }; })],
    ['a vote now for a reply of the decision before', damaged((s) => { s.current.votes['phone-accuse'] = 1; })],
    ['a negative vote', damaged((s) => { s.current.votes['after-wait'] = -1; })],
    ['a vote that is not a whole number', damaged((s) => { s.current.votes['after-wait'] = 1.5; })],
    ['a vote over the most a room can cast', damaged((s) => { s.current.votes['after-wait'] = 1e9; })],
    ['a vote count given as text', damaged((s) => { s.current.votes['after-wait'] = '3'; })],
    ['a reveal flag that is not true or false', damaged((s) => { s.current.revealed = 'yes'; })],
    ['a "was revealed" flag that is not true or false', damaged((s) => { (s.current as Record<string, unknown>).wasRevealed = 'yes'; })],
    ['an "ended" mark that is not true', damaged((s) => ({ ...s, ended: 'yes' }))],
    ['a "__proto__" key among the votes', () => JSON.stringify(kept()).replace('"after-supervisor"', '"__proto__"')],
  ])('moves a damaged or outdated room session aside, untouched, reports it in one clean line, and touches nothing else: %s', (_name, make) => {
    const text = make();
    const store = memoryStore({ [KEY]: text, [saveKey(playable)]: 'the volunteer\'s save', 'records.json': '{}' });
    const r = readFacilitation(store, loader, playable, now);
    expectMovedAside(r, store, KEY, ASIDE, text);
    if (r.kind !== 'bad') return;
    expect([...store.data.keys()].sort()).toEqual([ASIDE, 'records.json', saveKey(playable)].sort());
    expect(store.read(saveKey(playable))).toBe('the volunteer\'s save');
  });

  // As a save's (progress-slots.test.ts): the web said "(it is not valid JSON)" to the trainer. A
  // damaged session is marked so, what is wrong in the core's words, for a UI to say in its own; the
  // error is as it was (the terminal's words). One of another version, or scenario, is not marked.
  it.each<[string, () => string, string | undefined]>([
    ['truncated JSON', () => JSON.stringify(kept()).slice(0, 100), 'it is not valid JSON'],
    ['a volunteer\'s save in its place', damaged((s) => ({ ...s, format: 'casa-practice-terminal-save' })), 'it is not a casa-practice trainer-led session'],
    ['no scenario named', damaged((s) => ({ ...s, scenario: 'example-new-phone' })), 'its scenario is not named'],
    ['a tampered session', damaged((s) => { (s.session.snapshot as { context: { variables: Record<string, unknown> } }).context.variables.trust = 100; }), 'its values do not match its replies'],
    ['a session of no known format', damaged((s) => ({ ...s, session: 42 })), 'its playthrough is missing or unreadable'],
    ['a vote for a reply of another decision', damaged((s) => { s.past[0] = { votes: { 'after-search': 2 }, revealed: true }; }), 'its votes do not match its decisions'],
    ['a future format version', damaged((s) => ({ ...s, formatVersion: 2 })), undefined],
    ['a scenario that is no longer part of the app', damaged((s) => ({ ...s, scenario: { source: 'bundled', id: 'gone' } })), undefined],
  ])('marks a damaged room session as damaged, its error unchanged: %s', (_name, make, why) => {
    const r = readFacilitation(memoryStore({ [KEY]: make() }), loader, playable, now);
    expect(r.kind).toBe('bad');
    if (r.kind !== 'bad') return;
    if (why === undefined) expect(r).not.toHaveProperty('damaged');
    else expect(r.damaged).toBe(why);
    if (why === 'it is not valid JSON') expect(r.error).toBe('The saved trainer-led session is damaged (it is not valid JSON).');
  });

  it('a format version of 100,000 characters is echoed cut short, not whole', () => {
    const s = { ...kept(), formatVersion: `${TITLE}${'9'.repeat(100_000)}` };
    const r = readFacilitation(memoryStore({ [KEY]: JSON.stringify(s) }), loader, playable, now);
    expect(r.kind === 'bad' && r.error).toMatch(/^This trainer-led session uses format version "\\u001b\]0;.*9…", which/);
    expect(r.kind === 'bad' && r.error.length).toBeLessThan(200);
  });

  it('a session kept for an older version of the scenario is moved aside as outdated, not called damaged, naming the versions', () => {
    const s = kept();
    s.session.scenarioVersion = 0;
    const text = JSON.stringify(s);
    const store = memoryStore({ [KEY]: text });
    const r = readFacilitation(store, loader, playable, now);
    expectMovedAside(r, store, KEY, `${KEY}.outdated-2025-01-31T10-20-30`, text);
    expect(r.kind === 'bad' && r.error).toBe('This save was made with an older version of the scenario "example-new-phone" (version 0; it is now version 1), and the story may have changed since, so it cannot carry on.');
  });

  it('votes at a scene are refused: a scene has nothing to vote on', () => {
    const store = memoryStore();
    const actor = startFacilitation(example, 7);
    actor.send({ type: 'reply.choose', replyId: 'phone-accuse' });
    expect(viewOf(actor).kind).toBe('scene');
    writeFacilitation(store, playable, actor.getPersistedSnapshot(), { past: [{ votes: {}, revealed: false }], current: { votes: {}, revealed: false } }, now);
    const atScene = readFacilitation(store, loader, playable, now);
    expect(atScene.kind).toBe('ok');
    // Where it opens, in words true of it: the scene, not "decision 2".
    expect(atScene.kind === 'ok' && [atScene.decision, atScene.standsAt]).toEqual([2, 'the scene before decision 2']);
    const s = JSON.parse(store.read(KEY) as string) as { current: { votes: Record<string, number> } };
    s.current.votes['phone-accuse'] = 2;
    store.write(KEY, JSON.stringify(s));
    expect(readFacilitation(store, loader, playable, now).kind).toBe('bad');
  });

  it('one kept at a scene marked "was revealed" carries on at that scene with the summary so far, not set aside as damaged (the flag says nothing at a scene)', () => {
    const store = memoryStore();
    const actor = startFacilitation(example, 7);
    actor.send({ type: 'reply.choose', replyId: 'phone-curious' });
    expect(viewOf(actor).kind).toBe('scene');
    const past = [{ votes: { 'phone-curious': 3, 'phone-accuse': 1 }, revealed: true }];
    writeFacilitation(store, playable, actor.getPersistedSnapshot(), { past, current: { votes: {}, revealed: false } }, now);
    const s = JSON.parse(store.read(KEY) as string) as { current: Record<string, unknown> };
    s.current.wasRevealed = true;
    const text = JSON.stringify(s);
    store.write(KEY, text);
    const r = readFacilitation(store, loader, playable, now);
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    expect([r.decision, r.standsAt]).toEqual([2, 'the scene before decision 2']);
    // The room's record is whole; the flag, which no scene can have, is not carried on.
    expect(r.progress).toEqual({ past, current: { votes: {}, revealed: false } });
    expect(r.decisions).toHaveLength(1);
    // Nothing moved aside: the kept session is where it was.
    expect([...store.data.keys()]).toEqual([KEY]);
    expect(store.read(KEY)).toBe(text);
  });

  it('one begun at an author\'s start (--from) is read with that start, as it was kept: not set aside as of another start', () => {
    const moved = startingAt(example, 'after-visit');
    if (!moved.ok) throw new Error(moved.error);
    const fromVisit: PlayableScenario = { ...playable, scenario: moved.scenario, from: 'after-visit' };
    const startOf: ScenarioLoader = (ref, from) => (ref.id === example.id && from === 'after-visit' ? fromVisit : { error: 'of another start' });
    const store = memoryStore();
    const actor = startFacilitation(moved.scenario, 7);
    const key = writeFacilitation(store, fromVisit, actor.getPersistedSnapshot(), { past: [], current: { votes: { 'after-supervisor': 4 }, revealed: false } }, now);
    expect(key).toBe('facilitation/example-new-phone--from-after-visit.json');
    const r = readFacilitation(store, startOf, fromVisit, now);
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    expect(r.progress.current.votes).toEqual({ 'after-supervisor': 4 });
    expect([...store.data.keys()]).toEqual([key]);
  });

  // Kept before the slot kept its --set values, read with others: its replies are replayed against
  // the values given now, and an opening scene that routes on a value took another way to its first
  // decision, which reads as the scenario changed ("the story no longer leads from its start"). The
  // values it began with are tried first, as for a session whose values did not match its replies.
  it('one kept without its --set values, whose opening routes on them, is carried on with the values it began with, not set aside as outdated', () => {
    const gated = structuredClone(example);
    gated.nodes.unshift({ id: 'intro', kind: 'scene', lines: [{ character: 'jade', text: 'Hi.' }], next: [{ when: { var: 'trust', gte: 70 }, to: 'phone' }, { to: 'after-visit' }] } as (typeof gated.nodes)[number]);
    gated.start = 'intro';
    const withSet = (set: Record<string, string>): PlayableScenario => {
      const s = startingAt(gated, undefined, set);
      if (!s.ok) throw new Error(s.error);
      return { scenario: s.scenario, file: 'gated.json', bundled: true, ...(Object.keys(set).length > 0 ? { set } : {}) };
    };
    const load: ScenarioLoader = (_ref, _from, set) => withSet(set ?? {});
    const at80 = withSet({ trust: '80' });
    const actor = startFacilitation(at80.scenario, 7);
    actor.send({ type: 'scene.continue' });
    const store = memoryStore();
    const key = writeFacilitation(store, at80, actor.getPersistedSnapshot(), { past: [], current: { votes: { 'phone-curious': 2 }, revealed: false } }, now);
    const slot = JSON.parse(store.read(key) as string) as Record<string, unknown>;
    delete slot.set;
    store.write(key, JSON.stringify(slot));
    const r = readFacilitation(store, load, withSet({ trust: '10' }), now);
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    expect(r.playable.set).toEqual({ trust: '80' });
    expect(r.progress.current.votes).toEqual({ 'phone-curious': 2 });
    expect([...store.data.keys()]).toEqual([key]);
  });

  it('a storage that cannot be read is reported in one clean line and left where it is', () => {
    const store = { ...memoryStore({ [KEY]: '{}' }), read: () => { throw new Error(`denied${TITLE}\nx`); } };
    const r = readFacilitation(store, loader, playable, now);
    expect(r.kind).toBe('bad');
    if (r.kind === 'bad') {
      expectOneCleanLine(r.error);
      expect(r.movedTo).toBeUndefined();
    }
    expect(store.data.has(KEY)).toBe(true);
  });
});

