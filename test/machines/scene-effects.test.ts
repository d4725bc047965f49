import { describe, expect, it } from 'vitest';
import { analyseBest, changeWords, exploreScenario, feedbackOf, exportGraph, restoreSession, saveSession, selectView, startSession, type Scenario } from '../../src/machines/index.js';
import { validateScenario } from '../../src/machines/validate/index.js';
import { readFixture } from '../helpers/fixtures.js';

// Scenes with "effects": applied when the learner continues, before the scene's routes are
// checked; undone with the decision before them; replayed exactly on resume; and seen by the
// best-path walk, the exploration, the validator and the graph.

type Node = Record<string, unknown>;
type Raw = Record<string, unknown> & { nodes: Node[]; variables: Node[] };

/**
 * The example, where Jade opening up (scene "boyfriend-open") sets "opened" and adds 10 trust; the
 * scene goes on to the last decision only if trust is 70 by then (so only after its own effect),
 * and the supervisor call ends strong only when "opened" is set.
 */
function raw(): Raw {
  const r = JSON.parse(readFixture('good/example.json').toString('utf8')) as Raw;
  r.variables.push({ id: 'opened', label: 'Jade told you about the boyfriend', type: 'flag', start: false });
  const open = r.nodes.find((n) => n.id === 'boyfriend-open') as Node;
  open.effects = [{ var: 'opened', set: true }, { var: 'trust', add: 10 }];
  open.next = [{ when: { var: 'trust', gte: 70 }, to: 'after-visit' }, { to: 'end-mixed' }];
  const after = r.nodes.find((n) => n.id === 'after-visit') as Node & { replies: Node[] };
  (after.replies[0] as Node).next = [
    { when: { conduct: 'score', lt: 80 }, to: 'end-mixed' },
    { when: { var: 'opened', is: true }, to: 'end-strong' },
    { to: 'end-mixed' },
  ];
  return r;
}

function load(r: Raw = raw()) {
  return validateScenario(Buffer.from(JSON.stringify(r, null, 2)), 'scene-effects.json');
}

function scenario(): Scenario {
  const result = load();
  expect(result.problems.map((p) => `${p.code}: ${p.message}`)).toEqual([]);
  return result.scenario as Scenario;
}

describe('scene effects', () => {
  it('apply when the scene is left, before its routes; kept on the last turn', () => {
    const s = scenario();
    const actor = startSession(s, 'practice');
    actor.send({ type: 'reply.choose', replyId: 'phone-curious' }); // trust 50 → 60
    expect(actor.getSnapshot().context.variables).toEqual({ trust: 60, opened: 0 });
    actor.send({ type: 'scene.continue' });
    const snap = actor.getSnapshot();
    expect(snap.value).toBe('after-visit'); // trust 70 only after the scene's own effect
    expect(snap.context.variables).toEqual({ trust: 70, opened: 1 });
    expect(snap.context.transcript[0]?.changes).toEqual([{ var: 'trust', from: 50, to: 60 }]);
    expect(snap.context.transcript[0]?.sceneChanges).toEqual([{ var: 'opened', from: 0, to: 1 }, { var: 'trust', from: 60, to: 70 }]);
    expect(selectView(s, snap).meters[0]?.value).toBe(70);
    actor.send({ type: 'reply.choose', replyId: 'after-supervisor' });
    expect(actor.getSnapshot().output?.ending?.id).toBe('end-strong');
  });

  // The meter moved as a scene was left with nothing said: the view of a scene says what continuing changes.
  it('the view of a scene says what continuing changes in the meters shown, in practice only', () => {
    const s = scenario();
    const practice = startSession(s, 'practice');
    practice.send({ type: 'reply.choose', replyId: 'phone-curious' }); // trust 50 → 60, at the scene "boyfriend-open"
    const view = selectView(s, practice.getSnapshot());
    expect(view.nodeId).toBe('boyfriend-open');
    // The flag is a fact the story keeps, never shown as a number.
    expect(view.sceneChanges).toEqual([{ id: 'trust', label: "Jade's trust", from: 60, to: 70 }]);
    expect(view.sceneChanges.map(changeWords)).toEqual(["Jade's trust: 60 → 70 (+10)"]);
    expect(view.lastFeedback?.changes.map(changeWords)).toEqual(["Jade's trust: 50 → 60 (+10)"]);
    practice.send({ type: 'scene.continue' });
    expect(selectView(s, practice.getSnapshot()).sceneChanges).toEqual([]);
    // An assessment shows no meter, so nothing of the change either.
    const assessment = startSession(s, 'assessment');
    assessment.send({ type: 'reply.choose', replyId: 'phone-curious' });
    expect(selectView(s, assessment.getSnapshot()).sceneChanges).toEqual([]);
  });

  // The validator warns of a line break in a label; the apps still draw the change on one row.
  it('a meter\'s label with line breaks in it is one line wherever a change is said', () => {
    const r = raw();
    (r.variables.find((v) => v.id === 'trust') as Node).label = 'Jade\'s\u0085trust\r';
    const s = load(r).scenario as Scenario;
    const practice = startSession(s, 'practice');
    practice.send({ type: 'reply.choose', replyId: 'phone-curious' }); // trust 50 → 60, at the scene "boyfriend-open"
    const view = selectView(s, practice.getSnapshot());
    expect(view.lastFeedback?.changes.map(changeWords)).toEqual(["Jade's trust: 50 → 60 (+10)"]);
    expect(feedbackOf(s, practice.getSnapshot().context.transcript[0]!).changes.map(changeWords)).toEqual(["Jade's trust: 50 → 60 (+10)"]);
    expect(view.sceneChanges.map(changeWords)).toEqual(["Jade's trust: 60 → 70 (+10)"]);
    expect(view.meters[0]?.label).toBe("Jade's trust");
  });

  it('undo rewinds the scene effects after the decision too, exactly', () => {
    const s = scenario();
    const actor = startSession(s, 'practice');
    actor.send({ type: 'reply.choose', replyId: 'phone-curious' });
    actor.send({ type: 'scene.continue' });
    actor.send({ type: 'decision.undo' });
    const snap = actor.getSnapshot();
    expect(snap.value).toBe('phone');
    expect(snap.context.variables).toEqual({ trust: 50, opened: 0 });
    expect(snap.context.transcript).toEqual([]);
    // And again, the same way: nothing left over from the first time.
    actor.send({ type: 'reply.choose', replyId: 'phone-curious' });
    actor.send({ type: 'scene.continue' });
    expect(actor.getSnapshot().context.variables).toEqual({ trust: 70, opened: 1 });
  });

  it('a save made after a scene with effects resumes with the same values', () => {
    const s = scenario();
    const actor = startSession(s, 'practice', undefined, 9);
    actor.send({ type: 'reply.choose', replyId: 'phone-curious' });
    actor.send({ type: 'scene.continue' });
    const saved = JSON.parse(JSON.stringify(saveSession(s, actor.getPersistedSnapshot()))) as unknown;
    const restored = restoreSession(s, saved);
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    const again = startSession(s, 'practice', restored.snapshot);
    expect(again.getSnapshot().context).toEqual(actor.getSnapshot().context);
    again.send({ type: 'decision.undo' });
    expect(again.getSnapshot().context.variables).toEqual({ trust: 50, opened: 0 });
    // A save whose values were edited is refused.
    const edited = JSON.parse(JSON.stringify(saved)) as { snapshot: { context: { variables: Record<string, number> } } };
    edited.snapshot.context.variables.opened = 0;
    expect(restoreSession(s, edited).ok).toBe(false);
  });

  it('the best-practice path and the exploration apply them', () => {
    const s = scenario();
    const best = analyseBest(s);
    expect(best.endingId).toBe('end-strong');
    expect(best.blockedAt).toBeUndefined();
    expect(best.path.map((p) => p.replyId)).toEqual(['phone-curious', 'after-supervisor']);
    const found = exploreScenario(s);
    const strong = found.endings.find((e) => e.endingId === 'end-strong');
    expect(strong?.bestPath).toEqual(['phone-curious', 'after-supervisor']);
    expect(strong?.worst).toBe(100);
  });

  it('the validator checks them: unknown variable (did you mean), "set" out of range', () => {
    const r = raw();
    const open = r.nodes.find((n) => n.id === 'boyfriend-open') as Node;
    open.effects = [{ var: 'opend', set: 1 }, { var: 'trust', set: 140 }];
    const result = load(r);
    const unknown = result.problems.find((p) => p.code === 'unknown-variable');
    expect(unknown?.message).toContain('Did you mean "opened"?');
    expect(unknown?.path).toEqual(['nodes', 1, 'effects', 0, 'var']);
    expect(result.problems.find((p) => p.code === 'effect-out-of-range')?.path).toEqual(['nodes', 1, 'effects', 1, 'set']);
  });

  it('the graph shows them on the scene\'s arrows', () => {
    const s = scenario();
    expect(exportGraph(s, 'mermaid')).toContain('opened = yes, trust +10; if trust ≥ 70');
    expect(exportGraph(s, 'dot')).toContain('opened = yes, trust +10');
    // A fall with a real minus sign, as every screen writes one (the graph wrote "trust -5").
    const fall = scenario();
    const scene = fall.nodes.find((n) => n.kind === 'scene' && (n.effects?.length ?? 0) > 0) as { effects: { var: string; add?: number }[] };
    scene.effects = [{ var: 'trust', add: -5 }];
    expect(exportGraph(fall, 'mermaid')).toContain('trust −5');
    // A yes/no flag in a condition reads as the fact itself.
    expect(exportGraph(s, 'mermaid')).toMatch(/-->\|"after-supervisor \(\+\d\) if opened"\| n_end_strong/);
    expect(exportGraph({ ...s, nodes: s.nodes.map((n) => JSON.parse(JSON.stringify(n).replace('"is":true', '"is":false')) as typeof n) }, 'mermaid')).toContain('if not opened"|');
  });
});
