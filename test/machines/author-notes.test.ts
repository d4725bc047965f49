import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { debriefMarkdown, debriefModel, revealData, selectView, startSession, type Debrief, type Scenario } from '../../src/machines/index.js';
import { validateScenario } from '../../src/machines/validate/index.js';
import { runFacilitatePlain } from '../../src/terminal/facilitate-plain.js';
import { runPlain } from '../../src/terminal/plain.js';
import { readFixture } from '../helpers/fixtures.js';
import { tempEnv } from '../terminal/helpers/ink.js';

// authorNotes: private text for whoever writes the file, on the scenario, every node and every
// reply. It must validate, and no view, debrief, report, reveal or terminal output may show it.

const SECRET = 'PRIVATE-AUTHOR-NOTE';

/** The example fixture with a note on the scenario, every node and every reply. */
function annotated(): Scenario {
  const raw = JSON.parse(readFixture('good/example.json').toString('utf8')) as Record<string, unknown> & { nodes: Record<string, unknown>[] };
  raw.authorNotes = `${SECRET} scenario`;
  for (const node of raw.nodes) {
    node.authorNotes = `${SECRET} node ${String(node.id)}`;
    for (const reply of (node.replies ?? []) as Record<string, unknown>[]) reply.authorNotes = `${SECRET} reply ${String(reply.id)}`;
  }
  const result = validateScenario(Buffer.from(JSON.stringify(raw, null, 2)), 'annotated.json');
  expect(result.problems.map((p) => p.message)).toEqual([]);
  return result.scenario as Scenario;
}

/** Every reply path through the scenario (the number of the enabled reply chosen at each decision). */
function* playthroughs(scenario: Scenario, choices: number[] = []): Generator<{ views: unknown[]; debrief: Debrief }> {
  const actor = startSession(scenario, 'practice', undefined, 5);
  const views: unknown[] = [];
  let depth = 0;
  for (;;) {
    const view = selectView(scenario, actor.getSnapshot());
    views.push(view);
    if (view.done) break;
    if (view.kind === 'scene') { actor.send({ type: 'scene.continue' }); continue; }
    views.push(revealData(scenario, view, {}));
    const enabled = view.replies.filter((r) => r.enabled);
    if (depth === choices.length) {
      actor.stop();
      for (let i = 0; i < enabled.length; i++) yield* playthroughs(scenario, [...choices, i]);
      return;
    }
    actor.send({ type: 'reply.choose', replyId: (enabled[choices[depth] as number] ?? enabled[0])?.id as string });
    depth++;
  }
  yield { views, debrief: actor.getSnapshot().output as Debrief };
}

describe('authorNotes', () => {
  it('validates on the scenario, every node and every reply', () => {
    const s = annotated();
    expect(s.authorNotes).toContain(SECRET);
    expect(s.nodes.every((n) => n.authorNotes?.includes(SECRET))).toBe(true);
  });

  it('no view, reveal, debrief or report of any playthrough shows it', () => {
    const s = annotated();
    let n = 0;
    for (const { views, debrief } of playthroughs(s)) {
      n++;
      expect(JSON.stringify(views)).not.toContain(SECRET);
      expect(JSON.stringify(debrief)).not.toContain(SECRET);
      expect(JSON.stringify(debriefModel(s, debrief))).not.toContain(SECRET);
      expect(debriefMarkdown(debriefModel(s, debrief))).not.toContain(SECRET);
    }
    expect(n).toBeGreaterThan(2);
  });

  it('the terminal never prints it: plain play in both modes, and a trainer-led session with its reveal and summary', async () => {
    const s = annotated();
    const playable = { scenario: s, file: '/tmp/annotated.json' };
    for (const mode of ['practice', 'assessment'] as const) {
      for (const pick of ['1', '2', '3']) {
        let out = '';
        const io = { out: (t: string) => (out += t), err: (t: string) => (out += t) };
        const queue = Array(6).fill(pick) as string[];
        const code = await runPlain({ playable, mode, io, env: tempEnv({ CASA_PRACTICE_SEED: '1' }), width: 100, readLine: async () => queue.shift() });
        expect(code).toBe(0);
        expect(out).toContain('Score');
        expect(out).not.toContain(SECRET);
      }
    }
    let out = '';
    const io = { out: (t: string) => (out += t), err: (t: string) => (out += t) };
    const queue = ['1 2 3', 'r', '1', '2 0 1', 'r', '1', '1 1 1', 'r', '1'];
    const code = await runFacilitatePlain({ playable, io, env: tempEnv({ CASA_PRACTICE_SEED: '1' }), width: 100, readLine: async () => queue.shift() });
    expect(code).toBe(0);
    expect(out).toContain('Session summary written to');
    expect(out).not.toContain(SECRET);
    const summary = /Session summary written to:\n(.+)\n/.exec(out)?.[1] as string;
    expect(readFileSync(summary, 'utf8')).toContain('# ');
    expect(readFileSync(summary, 'utf8')).not.toContain(SECRET);
  });
});
