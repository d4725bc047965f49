import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { getPrinciple, selectView, startSession, type FeedbackView, type PlayableScenario } from '../../src/machines/index.js';
import { rowText } from '../../src/terminal/debrief-lines.js';
import { runPlain } from '../../src/terminal/plain.js';
import { feedbackRows } from '../../src/terminal/tall-rows.js';
import { chosen } from '../../src/terminal/ui/FeedbackPanel.js';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { bundledFile } from './helpers/layout.js';
import { renderAt, tempEnv } from './helpers/ink.js';
import { feedbackElement } from './helpers/play.js';
import { criticalPath } from '../helpers/play.js';

// The web app's feedback after a reply says ", critical" after the guide section of a principle
// the reply breaks that is critical (a prohibited activity); the terminal's feedback (full screen
// and line by line) said only "✗ violates: …", the same as for any other principle.

function load(name: string): PlayableScenario {
  const p = loadPlayable(bundledFile(name));
  if ('problems' in p) throw new Error(p.problems);
  return p;
}

const isCritical = (principle: string) => getPrinciple(principle)?.severity === 'critical';


/** A verdict as the terminal words it after its mark, ", critical" when it breaks a critical principle. */
const verdictWords = (a: FeedbackView['assessments'][number]) => `${a.verdict} ${a.title} (${a.citation}${a.verdict === 'violates' && isCritical(a.principleId) ? ', critical' : ''})`;
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('the feedback after a reply says a broken principle is critical, in words', () => {
  const playable = load('trafficker-contact.json');
  const replies = criticalPath(playable.scenario);

  it('on the full screen at 60×24 without colour: every critical violation with ", critical", no other verdict', async () => {
    const actor = startSession(playable.scenario, 'practice');
    let criticalSeen = 0;
    for (const id of replies) {
      while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
      actor.send({ type: 'reply.choose', replyId: id });
      const view = selectView(playable.scenario, actor.getSnapshot());
      const f = view.lastFeedback!;
      const r = await renderAt(feedbackElement({ view: { ...view, lastFeedback: f }, env: tempEnv({ NO_COLOR: '1' }) }), 60, 24);
      const frame = r.lastFrame();
      r.unmount();
      const rows = frame.split('\n');
      expect(rows.length, frame).toBeLessThanOrEqual(23);
      for (const row of rows) expect([...row].length, row).toBeLessThanOrEqual(60);
      // The words only: no styles, and not the panel's border (a verdict wraps inside it).
      const text = flat(stripVTControlCharacters(frame).replace(/[│╭╮╰╯─]/g, ' '));
      for (const a of f.assessments) expect(text, id).toContain(verdictWords(a));
      const critical = f.assessments.filter((a) => a.verdict === 'violates' && isCritical(a.principleId)).length;
      criticalSeen += critical;
      expect(text.split(', critical)').length - 1, id).toBe(critical);
      // Feedback too long for the screen scrolls as rows (FeedbackScreen): the same words there.
      const tall = flat(feedbackRows(f, chosen(f), 60).map(rowText).join('\n'));
      for (const a of f.assessments) expect(tall, id).toContain(verdictWords(a));
      expect(tall.split(', critical)').length - 1, id).toBe(critical);
    }
    expect(criticalSeen).toBeGreaterThan(3);
  });

  it('line by line (--plain)', async () => {
    let out = '';
    const io = { out: (t: string) => (out += t), err: (t: string) => (out += t) };
    const queue = [...replies];
    // Each reply typed by its number in the list just printed (the order is the session's own).
    const readLine = async () => {
      const id = queue.shift();
      if (id === undefined) return undefined;
      const node = playable.scenario.nodes.find((n) => n.kind === 'decision' && n.replies.some((r) => r.id === id));
      const text = node?.kind === 'decision' ? node.replies.find((r) => r.id === id)?.text ?? '' : '';
      const listed = out.slice(out.lastIndexOf('What do you say or do?'));
      const number = flat(listed).split(/ (?=\d+\. )/).find((l) => l.includes(text.slice(0, 40)))?.match(/^(\d+)\./)?.[1];
      return number ?? id;
    };
    const code = await runPlain({ playable, mode: 'practice', io, env: tempEnv(), width: 60, readLine });
    expect(code).toBe(0);
    const actor = startSession(playable.scenario, 'practice');
    let expected = 0;
    const text = flat(out);
    for (const id of replies) {
      while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
      actor.send({ type: 'reply.choose', replyId: id });
      const f = selectView(playable.scenario, actor.getSnapshot()).lastFeedback!;
      for (const a of f.assessments) expect(text).toContain(verdictWords(a));
      expected += f.assessments.filter((a) => a.verdict === 'violates' && isCritical(a.principleId)).length;
    }
    expect(expected).toBeGreaterThan(3);
    // The feedback, then the debrief's transcript (which says each critical violation once more).
    const feedback = text.slice(0, text.indexOf('DEBRIEF:'));
    expect(feedback.split(', critical)').length - 1).toBe(expected);
  });
});
