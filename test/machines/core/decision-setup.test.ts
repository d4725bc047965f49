import { describe, expect, it } from 'vitest';
import { decisionSetup, replayConversation, resumeOpening, resumeRecap, sceneHeadingAt, sceneNumberAt, sceneWords, selectView, startSession, type PersistedScenarioSnapshot } from '../../../src/machines/index.js';
import { bundledFiles, expectClean } from './light-fixtures.js';
import { setupSaves } from '../../helpers/setup-saves.js';
import { bundled, hostileScenario } from './fixtures.js';
import { sessionAfter } from '../../helpers/play.js';

/** Plays testifying by reply ids (scenes continued), then continues to the next decision. */
function play(replies: readonly string[]) {
  const scenario = bundled('testifying');
  const actor = sessionAfter(scenario, replies);
  return { scenario, actor, setup: () => decisionSetup(scenario, actor.getPersistedSnapshot() as PersistedScenarioSnapshot) };
}

describe('decisionSetup', () => {
  it('gives the scene before a decision with no words of its own, on the path taken: after an undo back to it too', () => {
    const { actor, setup } = play(['d1-scary', 'd2-around', 'd3-team', 'd4-arrange']);
    expect(String(actor.getSnapshot().value)).toBe('d5-date');
    const at = setup();
    expect(at).toHaveLength(1);
    expect(at[0]?.heading).toBe('Confirming the date');
    expect(at[0]?.lines.map((l) => `${l.speaker}: ${l.text}`).join()).toContain('Mr. Dunn: Yep, he\'s on here. The 21st');
    // Answered, then undone from the next decision: back at d5, with the same setup.
    actor.send({ type: 'reply.choose', replyId: 'd5-theirs' });
    while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
    expect(String(actor.getSnapshot().value)).toBe('d6-message');
    actor.send({ type: 'decision.undo' });
    expect(String(actor.getSnapshot().value)).toBe('d5-date');
    expect(setup()).toEqual(at);
  });

  it('gives the scene of the path taken when two lead to the decision', () => {
    // d4-drive leads through the other "Confirming the date" scene (the volunteer drove her).
    const { setup } = play(['d1-scary', 'd2-around', 'd3-team', 'd4-drive']);
    const scenario = bundled('testifying');
    const drove = scenario.nodes.find((n) => n.id === 's4-call-drove');
    const other = scenario.nodes.find((n) => n.id === 's4-call');
    const said = (node: typeof drove) => (node?.lines ?? []).map((l) => l.text);
    expect(said(drove)).not.toEqual(said(other));
    expect(setup()[0]?.lines.map((l) => l.text)).toEqual(said(drove));
  });

  // A title is always shown on one line (the validator's line-break-in-line says "the break becomes
  // a space"), but the setup's heading kept the title's line breaks: the terminal printed
  // "-- Confirming" and then a line "-- Scene 9 -- --", a heading of its own making.
  it('heads a scene by its title on one line, whatever line breaks or escapes the title holds', () => {
    const scenario = structuredClone(bundled('testifying'));
    const titled = scenario.nodes.filter((n) => n.title === 'Confirming the date');
    expect(titled.length).toBeGreaterThan(0);
    for (const n of titled) n.title = 'Confirming\nthe date\u2028-- Scene 9 --\u001b[2J\r\u0085end';
    const actor = sessionAfter(scenario, ['d1-scary', 'd2-around', 'd3-team', 'd4-arrange']);
    const [scene] = decisionSetup(scenario, actor.getPersistedSnapshot() as PersistedScenarioSnapshot);
    expect(scene?.heading).toBe('Confirming the date -- Scene 9 -- end');
  });

  it('is empty at a decision with words of its own, and at a scene', () => {
    const { actor, setup } = play(['d1-scary', 'd2-around', 'd3-team']);
    expect(String(actor.getSnapshot().value)).toBe('d4-ride');
    expect(setup()).toEqual([]);
    const scenario = bundled('testifying');
    const fresh = startSession(scenario, 'practice', undefined, 7);
    expect(decisionSetup(scenario, fresh.getPersistedSnapshot() as PersistedScenarioSnapshot)).toEqual([]);
  });
});

// Session 47: the live room headed an untitled setup scene "Scene 2" (its own count), presenter mode
// without a room and the terminal gave it no heading at all (before-relapse's s1-triggers before
// d2-triggers). The core now heads each one, with the number every UI gave it while it was shown.
describe('decisionSetup headings', () => {
  const snap = (actor: { getPersistedSnapshot: () => unknown }) => actor.getPersistedSnapshot() as PersistedScenarioSnapshot;

  it('an untitled scene is headed "Scene N" by the number it had while it was shown (sceneNumberAt), after an undo back to it too', () => {
    const scenario = bundled('before-relapse');
    const actor = startSession(scenario, 'practice', undefined, 7);
    actor.send({ type: 'scene.continue' });
    actor.send({ type: 'reply.choose', replyId: 'd1-yours' });
    expect(String(actor.getSnapshot().value)).toBe('s1-triggers');
    const shown = sceneWords(sceneNumberAt(scenario, snap(actor)));
    expect(shown).toBe('Scene 2');
    actor.send({ type: 'scene.continue' });
    expect(String(actor.getSnapshot().value)).toBe('d2-triggers');
    expect(decisionSetup(scenario, snap(actor)).map((s) => s.heading)).toEqual([shown]);
    actor.send({ type: 'reply.choose', replyId: 'd2-list' });
    while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
    actor.send({ type: 'decision.undo' });
    expect(String(actor.getSnapshot().value)).toBe('d2-triggers');
    expect(decisionSetup(scenario, snap(actor)).map((s) => s.heading)).toEqual(['Scene 2']);
  });

  it('every bundled decision with a setup: each scene headed by its title, or by its number among the scenes the conversation showed', () => {
    let untitled = 0;
    for (const { file } of bundledFiles) {
      const scenario = bundled(file.replace(/\.json$/, ''));
      for (const [nodeId, save] of setupSaves(scenario)) {
        // The conversation as it was shown (the play page numbers its scenes so): the setup is its last scenes.
        const scenes = replayConversation(scenario, save).map((m) => m.view).filter((v) => v.kind === 'scene');
        const setup = decisionSetup(scenario, save);
        const expected = scenes.map((v, i) => v.title ?? sceneWords(i + 1)).slice(-setup.length);
        expect(setup.map((s) => s.heading), `${file} ${nodeId}`).toEqual(expected);
        untitled += setup.filter((s) => /^Scene \d+$/.test(s.heading)).length;
      }
    }
    // before-relapse, boy-red-flags, dual-involvement, left-placement-calls, the-list, whereabouts-unknown.
    expect(untitled).toBeGreaterThanOrEqual(8);
  });
});

// Session 47, later: the scene on screen and the resume's "Where you left off" still headed an
// untitled scene by nothing (the terminal's play screen, full screen and --plain; both recaps), so
// a volunteer who read before-relapse's s1-triggers with no heading found it "Scene 2" under
// "Before this" after an undo. The live heading (sceneHeadingAt) and the recap's (resumeRecap) are
// the core's sceneHeading, the one decisionSetup gives.
describe('a scene headed alike live, in the recap and under "Before this"', () => {
  const snap = (actor: { getPersistedSnapshot: () => unknown }) => actor.getPersistedSnapshot() as PersistedScenarioSnapshot;

  it('before-relapse: s1-triggers is "Scene 2" on screen, in "Where you left off" at d2-triggers and under "Before this"; a titled scene keeps its title', () => {
    const scenario = bundled('before-relapse');
    const actor = startSession(scenario, 'practice', undefined, 7);
    expect(sceneHeadingAt(scenario, snap(actor))).toBe('Sunday afternoon');
    actor.send({ type: 'scene.continue' });
    expect(sceneHeadingAt(scenario, snap(actor))).toBeUndefined();
    actor.send({ type: 'reply.choose', replyId: 'd1-yours' });
    expect(String(actor.getSnapshot().value)).toBe('s1-triggers');
    expect(sceneHeadingAt(scenario, snap(actor))).toBe('Scene 2');
    actor.send({ type: 'scene.continue' });
    expect(resumeOpening(scenario, snap(actor))?.scenes.map((s) => s.heading)).toEqual(['Scene 2']);
    expect(decisionSetup(scenario, snap(actor)).map((s) => s.heading)).toEqual(['Scene 2']);
  });

  it('every bundled scenario, on a path through it: each scene in a recap is headed as it was while on screen', () => {
    let untitled = 0;
    for (const { file } of bundledFiles) {
      const scenario = bundled(file.replace(/\.json$/, ''));
      const actor = startSession(scenario, 'practice', undefined, 3);
      let live: string[] = [];
      for (let step = 0; step < 200 && actor.getSnapshot().status === 'active'; step++) {
        const snapshot = actor.getSnapshot();
        if (snapshot.can({ type: 'scene.continue' })) {
          live.push(sceneHeadingAt(scenario, snap(actor)) ?? '(none)');
          actor.send({ type: 'scene.continue' });
          continue;
        }
        // At a decision: the recap of the scenes since the last reply, headed as they were live.
        expect(resumeRecap(scenario, snap(actor)).scenes.map((s) => s.heading), `${file} ${String(snapshot.value)}`).toEqual(live);
        untitled += live.filter((h) => /^Scene \d+$/.test(h)).length;
        live = [];
        const node = scenario.nodes.find((n) => n.id === String(snapshot.value));
        const reply = node?.kind === 'decision' ? node.replies.find((r) => snapshot.can({ type: 'reply.choose', replyId: r.id })) : undefined;
        if (!reply) throw new Error(`${file}: stuck at ${String(snapshot.value)}`);
        actor.send({ type: 'reply.choose', replyId: reply.id });
      }
    }
    expect(untitled).toBeGreaterThan(5);
  });

  it('a title is clean and on one line, as the live view gives it (selectView): a UI prints the heading as it is', () => {
    const scenario = hostileScenario(bundled('before-relapse'));
    const actor = startSession(scenario, 'practice', undefined, 7);
    const live = selectView(scenario, actor.getSnapshot()).title;
    const first = sceneHeadingAt(scenario, snap(actor));
    expect(first).toBe(live);
    expectClean(first);
    expect(first).not.toContain('\n');
    actor.send({ type: 'scene.continue' });
    actor.send({ type: 'reply.choose', replyId: 'd1-yours' });
    actor.send({ type: 'scene.continue' });
    expect(resumeRecap(scenario, snap(actor)).scenes.map((s) => s.heading)).toEqual(['Scene 2']);
    // The conversation the web's play page replays heads its scenes the same.
    expect(replayConversation(scenario, snap(actor)).map((m) => m.heading)).toEqual([live, undefined, 'Scene 2', undefined]);
  });
});
