import { describe, expect, it } from 'vitest';
import {
  bestPathSays, buildDebrief, getPrinciple, feedbackOf, guideCitation, replyValue, cell, criticalGroups, debriefExport, decisionNumbers, decisionPointer, endSentence, quotedTitle, debriefMarkdown, debriefModel, facilitatedDecision, facilitationMarkdown, fileStamp, localTimeWords, percentOf, scoreWords, selectView, signed, startFacilitation, STATUS_WORDS, VERDICT_WORDS,
  type Debrief, type Scenario,
} from '../../../src/machines/index.js';
import { mdText } from '../../../src/machines/report/markdown.js';
import { bundled, CONTROL, example, expectClean, HOSTILE, hostileScenario, keptOnceMissedOnce, play } from './fixtures.js';
import { inTimeZone } from '../../helpers/time-zone.js';
import { loadValidFixture } from '../../helpers/fixtures.js';
import { criticalPath } from '../../helpers/play.js';

function debriefOf(scenario: Scenario, replies: string[]): Debrief {
  const snapshot = play(scenario, 'practice', replies).getSnapshot();
  expect(snapshot.status).toBe('done');
  return snapshot.output as Debrief;
}

const harmful = debriefOf(example, ['phone-accuse', 'after-search']);
const strong = debriefOf(example, ['phone-curious', 'after-supervisor']);

describe('the words every UI shares', () => {
  // A critical violation's line read 'you chose “…and I won't call anyone.”.' in every debrief.
  it('ends a sentence with a full stop unless it ends in one already, inside closing quotes too', () => {
    expect(endSentence('you chose “Hi”')).toBe('you chose “Hi”.');
    expect(endSentence("you chose “…and I won't call anyone.”")).toBe("you chose “…and I won't call anyone.”");
    expect(endSentence('you chose "Why?"')).toBe('you chose "Why?"');
    expect(endSentence('you chose Do: call her')).toBe('you chose Do: call her.');
    expect(endSentence('it ends (as planned.)')).toBe('it ends (as planned.)');
  });

  // A decision titled with a quotation ("“Sometimes I want to”") was named at ““Sometimes I want to”” in the debrief.
  it('names a decision in quotation marks, once: a title that is a quotation already keeps its own', () => {
    expect(quotedTitle('Monday morning')).toBe('“Monday morning”');
    expect(quotedTitle('Monday morning', ['"', '"'])).toBe('"Monday morning"');
    expect(quotedTitle('“Sometimes I want to”')).toBe('“Sometimes I want to”');
    expect(quotedTitle('"That\'s girls"', ['"', '"'])).toBe('"That\'s girls"');
    expect(quotedTitle('“Why?” she asks')).toBe('““Why?” she asks”');
    const quoted = { ...example, nodes: example.nodes.map((n) => (n.id === 'after-visit' ? { ...n, title: '"After the visit"' } : n)) } as Scenario;
    expect(debriefMarkdown(debriefModel(quoted, harmful))).toContain('(guide: "Prohibited Activities"): see decision 2 ("After the visit") in the transcript below.');
  });

  it('signs numbers with a plus, a true minus sign, or none for zero', () => {
    expect([signed(2), signed(-1), signed(0), signed(-0)]).toEqual(['+2', '\u22121', '0', '0']);
  });

  it('states a score as its percentage, then earned of best points', () => {
    expect(scoreWords({ earned: 7, best: 9, percent: 78 })).toBe('78% (7 of 9 points)');
  });

  it('rounds a percentage and gives 0 when there is nothing to divide by', () => {
    expect([percentOf(1, 3), percentOf(2, 3), percentOf(3, 3), percentOf(0, 0), percentOf(5, 0)]).toEqual([33, 67, 100, 0, 0]);
  });

  it('never lets meaning rest on colour: each status and verdict has its own symbol', () => {
    const all = [...Object.values(STATUS_WORDS), ...Object.values(VERDICT_WORDS)];
    for (const w of all) expect(w).toMatch(/^[✓✗○] [a-z]+(?: [a-z]+)*$/);
    expect(new Set(Object.values(STATUS_WORDS).map((w) => w[0])).size).toBe(3);
    expect(new Set(Object.values(VERDICT_WORDS).map((w) => w[0])).size).toBe(3);
  });
});

// Verdicts cited 'guide: "Prohibited Activities"' while the debriefs' critical violations,
// principles, strengths and growth areas, the session summary and the projector cited
// "guide: Prohibited Activities": two styles on one page. One helper writes them all.
describe('a guide section is cited one way everywhere', () => {
  it('guideCitation quotes the heading, and is what a verdict cites', () => {
    expect(guideCitation('What if my youth left placement or their whereabouts are unknown?')).toBe('guide: "What if my youth left placement or their whereabouts are unknown?"');
    expect(guideCitation('')).toBe('guide');
    expect(feedbackOf(example, harmful.turns[1]!.turn).assessments.map((a) => a.citation)).toEqual([guideCitation('Prohibited Activities')]);
  });

  it('in the debrief (critical violations, principles, strengths, growth areas), its Markdown and a session summary', () => {
    const m = debriefModel(example, harmful);
    const texts = [debriefMarkdown(m), debriefMarkdown(debriefModel(example, strong)), ...harmful.growthAreas, ...strong.strengths,
      facilitationMarkdown(example, [{ title: 'After the visit', replies: [{ number: 1, text: 'Look Jade up.', votes: 3, id: 'after-search' }], chosen: 1 }], undefined, new Date(0))];
    for (const t of texts) {
      const cited = [...t.matchAll(/\(guide[^)]*\)/g)].map((c) => c[0]);
      expect(cited.length, t).toBeGreaterThan(0);
      for (const c of cited) expect(c, t).toMatch(/^\(guide: "[^"]+"(, critical)?\)$/);
    }
    expect(debriefMarkdown(m)).toContain(`- **Don't investigate** (${guideCitation('Prohibited Activities')}): see decision 2`);
  });
});

describe('debriefModel', () => {
  it('resolves node and reply ids to the titles and reply texts a volunteer read', () => {
    const m = debriefModel(example, harmful);
    expect(m.title).toBe('Example: the new phone');
    expect(m.ending).toEqual({ title: 'Crossing a line', kind: 'harmful', narration: expect.stringContaining('investigating') });
    expect(m.critical).toEqual([expect.objectContaining({ title: "Don't investigate", where: 'After the visit', reply: 'Look Jade up on social media tonight to see who the boyfriend is.' })]);
    expect(m.turns.map((t) => [t.where, t.reply, t.value, t.bestValue])).toEqual([
      ['The new phone', 'Who bought you that? You need to tell me the truth.', -3, 2],
      ['After the visit', 'Look Jade up on social media tonight to see who the boyfriend is.', -3, 2],
    ]);
    expect(m.turns[0]?.verdicts.map((v) => v.verdict)).toEqual(['violates', 'violates']);
  });

  it('sets your path beside the best-practice path step by step', () => {
    const m = debriefModel(example, harmful);
    expect(m.paths.map((p) => [p.yours?.reply, p.best?.reply])).toEqual([
      ['Who bought you that? You need to tell me the truth.', "That's a nice one! How did you get it?"],
      ['Look Jade up on social media tonight to see who the boyfriend is.', 'Call your Advocate Supervisor to talk through what you noticed.'],
    ]);
  });

  it('pairs only the decisions the volunteer met, and lists the best path from the start apart', () => {
    const m = debriefModel(example, { ...strong, turns: strong.turns.slice(0, 1) });
    expect(m.paths).toHaveLength(1);
    expect(m.paths[0]).toMatchObject({ where: 'The new phone', same: true });
    expect(m.bestPath.map((s) => s.where)).toEqual(['The new phone', 'After the visit']);
  });

  // "The best-practice path from the start" said again, word for word, what the path beside best
  // practice had just shown wherever the two went through the same decisions: on a phone about a
  // thousand pixels of the debrief. It gives in full only what that path did not show.
  describe('the best-practice path from the start, less what the path beside it has shown', () => {
    const steps = (m: ReturnType<typeof debriefModel>) => m.bestPathParts.map((p) => (p.asAbove ? `${p.first}-${p.last}` : p.steps.map((x) => `${x.n}. ${x.where}`).join(', ')));

    it('is one run of decisions when it went through the same decisions, with the best replies shown there, and not "followed" when the replies were not best practice', () => {
      const m = debriefModel(example, harmful);
      expect(m.paths.map((p) => p.same)).toEqual([false, false]);
      expect(m.bestPathParts).toEqual([{ asAbove: true, first: 1, last: 2 }]);
      expect(m.bestPathFollowed).toBe(false);
      expect(bestPathSays(m, 'you')).toEqual([{ line: 'Decisions 1 and 2: the same decisions as in your path above, where the best-practice reply for each is shown.' }]);
    });

    it('says in one sentence that a playthrough that kept to best practice all the way was the best-practice path', () => {
      const m = debriefModel(example, strong);
      expect(m.bestPathFollowed).toBe(true);
      expect(bestPathSays(m, 'you')).toEqual([{ line: 'Your path above is the best-practice path: your reply was best practice at every decision.' }]);
      expect(bestPathSays(m, 'room')).toEqual([{ line: "The room's path above is the best-practice path: the room's reply was best practice at every decision." }]);
    });

    it('gives in full the decisions the volunteer never reached', () => {
      const m = debriefModel(example, { ...strong, turns: strong.turns.slice(0, 1) });
      expect(steps(m)).toEqual(['1-1', '2. After the visit']);
      expect(m.bestPathFollowed).toBe(false);
      const part = m.bestPathParts[1];
      expect(part?.asAbove === false && part.steps[0]).toEqual({ n: 2, where: 'After the visit', reply: 'Call your Advocate Supervisor to talk through what you noticed.', said: false, value: 2 });
      expect(bestPathSays(m, 'you')[0]).toEqual({ line: 'Decision 1: the same decision as in your path above, where its best-practice reply is shown.' });
    });

    it('changes nothing when the paths differ from the first decision: every step in full, numbered from 1', () => {
      const m = debriefModel(example, { ...strong, turns: [] });
      expect(steps(m)).toEqual(['1. The new phone, 2. After the visit']);
      expect(bestPathSays(m, 'you')).toEqual([{ steps: m.bestPath.map((s, i) => ({ n: i + 1, ...s })) }]);
    });

    it('gives in full a best-practice reply the path above did not show, in a debrief kept by an older version (no sameAsBest: a reply worth as much was "the same")', () => {
      const { sameAsBest: _same, bestReplyValue: _value, ...old } = strong.turns[0]!;
      const tied = { ...strong, turns: [{ ...old, replyId: 'phone-ignore' }, strong.turns[1]!] } as Debrief;
      const m = debriefModel(example, tied);
      expect(m.paths[0]?.same).toBe(true);
      expect(steps(m)).toEqual(['1. The new phone', '2-2']);
      expect(m.bestPathFollowed).toBe(false);
    });

    // A reply worth as much as the best path's at a decision on that path was shown "the same as
    // best practice", and then the best-practice path from the start gave another reply there.
    it('shows, beside a reply worth as much as the best path\'s at a decision on it, the best path\'s reply, with the same points: both, and the path below names no other', () => {
      const tiedFile = { ...example, nodes: example.nodes.map((n) => (n.kind === 'decision' && n.id === 'phone'
        ? { ...n, replies: n.replies.map((r) => (r.id === 'phone-ignore' ? { ...r, assessments: [{ ...r.assessments[0]!, weight: 2 }] } : r)) } : n)) } as Scenario;
      const d = debriefOf(tiedFile, ['phone-ignore', 'after-supervisor']);
      expect(d.turns[0]).toMatchObject({ value: 2, bestReplyId: 'phone-curious', bestReplyValue: 2, sameAsBest: false });
      const m = debriefModel(tiedFile, d);
      expect(m.paths[0]).toMatchObject({ yours: { reply: 'Say nothing about the phone and move on to school.', value: 2 }, best: { reply: "That's a nice one! How did you get it?", value: 2 }, same: false });
      expect(steps(m)).toEqual(['1-2']);
      expect(m.bestPathFollowed).toBe(false);
    });

    it('goes back to one line where the paths meet again after a decision of their own', () => {
      // red-flags, the first reply in the file at each decision: decision 9 is another decision than the best path's 9th.
      const s = bundled('red-flags');
      const actor = play(s, 'practice', []);
      for (let guard = 0; actor.getSnapshot().status !== 'done' && guard < 50; guard++) {
        actor.send({ type: 'reply.choose', replyId: firstReply(s, String(actor.getSnapshot().value)) });
        while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
      }
      const debrief = actor.getSnapshot().output as Debrief;
      const m = debriefModel(s, debrief);
      const differs = debrief.bestPath.map((b, i) => b.nodeId !== debrief.turns[i]?.nodeId);
      expect(differs.filter(Boolean)).toHaveLength(1);
      const at = differs.indexOf(true) + 1;
      expect(steps(m)).toEqual([`1-${at - 1}`, `${at}. ${m.bestPath[at - 1]!.where}`, `${at + 1}-${m.bestPath.length}`]);
      expect(bestPathSays(m, 'room').map((p) => ('line' in p ? p.line : p.steps.length))).toEqual([
        `Decisions 1 to ${at - 1}: the same decisions as in the room's path above, where the best-practice reply for each is shown.`, 1,
        `Decisions ${at + 1} and ${at + 2}: the same decisions as in the room's path above, where the best-practice reply for each is shown.`,
      ]);
    });
  });

  // "Best practice here" was the reply with the most points at the decision, while the best-practice
  // path from the start took another there, one that leads to more later: two best replies for one
  // decision. Every view shows what the model says, so the model says one.
  describe('best practice here, at a decision the best-practice path goes through, is the reply that path takes', () => {
    const s = loadValidFixture('bad/best-here-not-best-path.json');
    const d = debriefOf(s, ['phone-ignore']);

    it('in the core: the path\'s reply and its points, not the reply worth the most there', () => {
      expect(d.bestPath.map((b) => [b.nodeId, b.replyId])).toEqual([['phone', 'phone-curious'], ['after-visit', 'after-supervisor']]);
      expect(d.turns.map((t) => [t.replyId, t.value, t.bestReplyId, t.bestReplyValue, t.bestValue, t.sameAsBest])).toEqual([['phone-ignore', 3, 'phone-curious', 2, 3, false]]);
    });

    it('in the model and its Markdown: the path beside best practice and the path from the start name the same reply', () => {
      const m = debriefModel(s, d);
      expect(m.paths.map((p) => [p.best.reply, p.best.value, p.same])).toEqual([["That's a nice one! How did you get it?", 2, false]]);
      expect(m.bestPathParts.map((p) => p.asAbove)).toEqual([true, false]);
      const md = debriefMarkdown(m);
      expect(md).toContain('| 1. The new phone | Do: Say nothing about the phone and move on to school. (+3) | That\'s a nice one! How did you get it? (+2) |');
      expect(md).toContain('1. **The new phone**: Do: Say nothing about the phone and move on to school. (+3; best here +2)');
      expect(md).toContain('Decision 1: the same decision as in your path above, where its best-practice reply is shown.');
    });

    it('elsewhere, the reply worth the most there', () => {
      // the-list, the last reply in the file at each decision: it reaches a decision off the best path.
      const list = bundled('the-list');
      const actor = play(list, 'practice', []);
      for (let guard = 0; actor.getSnapshot().status !== 'done' && guard < 50; guard++) {
        actor.send({ type: 'reply.choose', replyId: lastReply(list, String(actor.getSnapshot().value)) });
        while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
      }
      const off = actor.getSnapshot().output as Debrief;
      const onPath = new Set(off.bestPath.map((b) => b.nodeId));
      const offTurns = off.turns.filter((t) => !onPath.has(t.nodeId));
      expect(offTurns.length).toBeGreaterThan(0);
      for (const t of offTurns) {
        const node = list.nodes.find((n) => n.id === t.nodeId);
        const values = node?.kind === 'decision' ? node.replies.map((r) => replyValue(r)) : [];
        expect(t.bestReplyValue).toBe(Math.max(...values));
        expect(t.sameAsBest).toBe(t.value === t.bestReplyValue);
      }
      for (const t of off.turns.filter((x) => onPath.has(x.nodeId))) expect(t.bestReplyId).toBe(off.bestPath.find((b) => b.nodeId === t.nodeId)?.replyId);
    });
  });

  // A greyed-out reply ("not available now") was named as best practice and its points as "best
  // here": court-report's "Hearing support" offers "d-hearing-support-order" only once the youth's
  // status is confirmed, yet a volunteer who never confirmed it was told it was best practice there.
  describe('best practice here is a reply the volunteer was offered at that moment', () => {
    const court = bundled('court-report');
    const replies = ['d-opening-csec-victim', 'd-school-evidence', 'd-health-blank', 'd-visit-deflect', 'd-check-status-search', 'd-status-unconfirmed-staff', 'd-wellbeing-substance', 'd-recs-unconfirmed-substance', 'd-review-supervisor'];

    it('in the core, the model and its Markdown (court-report, "Hearing support" with the order greyed out)', () => {
      const actor = play(court, 'practice', replies);
      const view = selectView(court, actor.getSnapshot());
      const greyed = view.replies.filter((r) => !r.enabled).map((r) => r.id);
      expect(greyed).toEqual(['d-hearing-support-order']);
      const offered = view.replies.filter((r) => r.enabled);
      actor.send({ type: 'reply.choose', replyId: 'd-hearing-support-speak-for' });
      while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
      const d = actor.getSnapshot().output as Debrief;
      const last = d.turns[d.turns.length - 1]!;
      const top = Math.max(...offered.map((r) => replyValue(court.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((x) => x.id === r.id)!)));
      expect(last).toMatchObject({ nodeId: 'd-hearing-support', bestReplyId: 'd-hearing-support-sit-with', bestReplyValue: top, bestValue: top, sameAsBest: false });
      const m = debriefModel(court, d);
      const sitWith = offered.find((r) => r.id === 'd-hearing-support-sit-with')!.text;
      expect(m.paths[m.paths.length - 1]!.best).toMatchObject({ reply: sitWith, value: top });
      expect(m.turns[m.turns.length - 1]!.bestValue).toBe(top);
      const md = debriefMarkdown(m);
      expect(md).toContain(`(${signed(last.value)}; best here ${signed(top)})`);
      const order = court.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((x) => x.id === 'd-hearing-support-order')!;
      expect(md.split('## ').find((sec) => sec.startsWith('Your path beside best practice'))).not.toContain(mdText(order.text).slice(0, 40));
    });
  });

  it('counts each principle in times, as the turns show it, not in the weights the score sums', () => {
    // "Don't investigate" (weight 3) gone against once, "Curious, not interrogating" (weight 2) once.
    const m = debriefModel(example, harmful);
    const times = (title: string, verdict: 'follows' | 'violates') => m.turns.filter((t) => t.verdicts.some((v) => v.title === title && v.verdict === verdict)).length;
    expect(m.principles.find((p) => p.title === "Don't investigate")).toMatchObject({ followed: 0, violated: 1 });
    expect(m.principles.find((p) => p.title === 'Curious, not interrogating')).toMatchObject({ violated: 1 });
    for (const p of [...m.principles, ...debriefModel(example, strong).principles]) {
      expect(p.followed + p.violated + p.missed, p.title).toBeGreaterThan(0);
    }
    for (const p of m.principles) {
      expect([p.followed, p.violated], p.title).toEqual([times(p.title, 'follows'), times(p.title, 'violates')]);
    }
    expect(debriefModel(example, strong).principles.find((p) => p.title === 'Take suspicions to the Advocate Supervisor')).toMatchObject({ followed: 1 });
  });

  it('shows an id it cannot resolve rather than failing', () => {
    const m = debriefModel(example, { ...harmful, criticalViolations: [{ ...harmful.criticalViolations[0]!, nodeId: 'gone', replyId: 'lost' }] });
    expect(m.critical[0]).toMatchObject({ where: 'gone', reply: 'lost' });
  });

  it('cleans every text of escapes and invisible characters, whether from the scenario or the debrief', () => {
    const hostile = hostileScenario();
    const debrief = debriefOf(hostile, ['phone-accuse', 'after-search']);
    expect(JSON.stringify(debrief)).toContain('\\u001b]0;pwned');
    const m = debriefModel(hostile, { ...debrief, strengths: [`${HOSTILE}good`], growthAreas: [`${HOSTILE}work`] });
    expectClean(m);
    expect(m.turns[0]?.reply).toContain('Who bought you that?');
  });

  it('models a real bundled scenario played to its end', () => {
    const s = bundled('youth-discloses');
    const actor = play(s, 'practice', []);
    for (let guard = 0; actor.getSnapshot().status !== 'done' && guard < 50; guard++) {
      actor.send({ type: 'reply.choose', replyId: firstReply(s, String(actor.getSnapshot().value)) });
      while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
    }
    expect(actor.getSnapshot().status).toBe('done');
    const m = debriefModel(s, actor.getSnapshot().output as Debrief);
    expect(m.turns.length).toBeGreaterThan(0);
    for (const t of m.turns) expect(s.nodes.map((n) => n.title)).toContain(t.where);
  });
});


function lastReply(s: Scenario, nodeId: string): string {
  const node = s.nodes.find((n) => n.id === nodeId);
  if (node?.kind !== 'decision') throw new Error(`${nodeId} is not a decision`);
  return node.replies[node.replies.length - 1]!.id;
}

function firstReply(s: Scenario, nodeId: string): string {
  const node = s.nodes.find((n) => n.id === nodeId);
  if (node?.kind !== 'decision') throw new Error(`${nodeId} is not a decision`);
  return node.replies[0]!.id;
}

describe('debriefMarkdown', () => {
  it('says of a principle kept to at one decision and missed at another both, in the table, the strengths and what to work on', () => {
    const md = debriefMarkdown(debriefModel(keptOnceMissedOnce, debriefOf(keptOnceMissedOnce, ['phone-ignore', 'after-supervisor'])));
    expect(md).toContain('| Curious, not interrogating | ✓ followed at 1 of 2 chances (missed at decision 1) | Red Flags |');
    expect(md).toContain(`\n- You kept to "Curious, not interrogating" at only 1 of 2 chances (guide: "Red Flags"). ${getPrinciple('curious-not-interrogating')?.rule}`);
    expect(md).not.toContain('\n- You kept to "Curious, not interrogating" (guide');
    // A debrief kept by a version without missedBelowBest reads as it did.
    const old = debriefOf(keptOnceMissedOnce, ['phone-ignore', 'after-supervisor']);
    for (const p of old.principles) delete (p as Partial<typeof p>).missedBelowBest;
    expect(debriefMarkdown(debriefModel(keptOnceMissedOnce, old))).toContain('| Curious, not interrogating | ✓ followed | Red Flags |');
  });

  it('writes the ending, the score, critical violations, principles, transcript and both paths', () => {
    const md = debriefMarkdown(debriefModel(example, harmful));
    expect(md.startsWith('# Debrief: Example: the new phone\n')).toBe(true);
    expect(md).toContain('**Ending:** Crossing a line (harmful).');
    expect(md).toContain('**Score:** 0% (6 points below zero, of 4 possible)');
    expect(md).toContain('- **Don\'t investigate** (guide: "Prohibited Activities"): see decision 2 ("After the visit") in the transcript below.\n');
    expect(md).toContain('| Don\'t investigate | ✗ went against (decision 2) | Prohibited Activities |');
    expect(md).toContain('| Take suspicions to the Advocate Supervisor | ○ missed (decision 2) | Red Flags |');
    expect(md).toContain('1. **The new phone**: "Who bought you that? You need to tell me the truth." (\u22123; best here +2)');
    expect(md).toContain('   - ✗ violates Curious, not interrogating');
    expect(md).toContain('| 1. The new phone | Who bought you that? You need to tell me the truth. (\u22123) | That\'s a nice one! How did you get it? (+2) |');
    // The best-practice path went through the same two decisions, its replies shown beside the volunteer's.
    expect(md).toContain('## The best-practice path from the start\n\nDecisions 1 and 2: the same decisions as in your path above, where the best-practice reply for each is shown.\n\n## To work on');
    expect(md).not.toContain('**The new phone**: "That\'s a nice one!');
    expect(md).toContain('| 2. After the visit | Do: Look Jade up on social media tonight to see who the boyfriend is. (\u22123) | Do: Call your Advocate Supervisor');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('says when no ending was reached and that there were no critical violations', () => {
    const md = debriefMarkdown(debriefModel(example, buildDebrief(example, strong.turns.slice(0, 1).map((t) => t.turn))));
    expect(md).toContain('**Ending:** not reached.');
    expect(md).toMatch(/## Critical violations\n\nNone\./);
    expect(md).toContain('| 1. The new phone | That\'s a nice one! How did you get it? (+2) | same ✓ |');
    expect(md).not.toContain('| 2. ');
    // An action on the best-practice path is "Do: …", not quoted as words to say; the decision not
    // reached in full, numbered as in the path (a Markdown list keeps its first number).
    expect(md).toContain('## The best-practice path from the start\n\nDecision 1: the same decision as in your path above, where its best-practice reply is shown.\n\n2. **After the visit**: Do: Call your Advocate Supervisor');
    expect(md).not.toContain('"Call your Advocate Supervisor');
  });

  it('nests under a deeper heading when asked', () => {
    const md = debriefMarkdown(debriefModel(example, strong), '##');
    expect(md.startsWith('## Debrief:')).toBe(true);
    expect(md).toContain('\n### Principles\n');
    expect(md).not.toMatch(/^# /m);
  });

  it('keeps every table row whole even when texts carry pipes and line breaks', () => {
    const s = structuredClone(example);
    const node = s.nodes[0]!;
    node.title = 'The | new\nphone';
    if (node.kind === 'decision') node.replies[1]!.text = 'Who | bought\r\nthat?';
    const md = debriefMarkdown(debriefModel(s, debriefOf(s, ['phone-accuse', 'after-search'])));
    const rows = md.split('\n').filter((l) => l.startsWith('| 1. '));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.split(/(?<!\\)\|/).length - 2).toBe(3);
    expect(md).not.toMatch(CONTROL);
  });

  it('keeps headings and transcript titles on one line when a title has a line break', () => {
    const s = structuredClone(example);
    s.title = 'Example:\nthe new phone';
    s.nodes[0]!.title = 'The new\r\nphone';
    const md = debriefMarkdown(debriefModel(s, debriefOf(s, ['phone-accuse', 'after-search'])));
    expect(md).toContain('# Debrief: Example: the new phone\n');
    expect(md).toContain('1. **The new phone**:');
  });

  // A scenario's "\n" starts a new line (docs/authoring.md). In the Markdown it ended the transcript's
  // list item: an empty line cut the rest of the feedback off from its decision, and a line "- …",
  // "# …" or "> …" became a list, a heading or a quotation of its own.
  it('keeps a text\'s line breaks inside its list item or paragraph: no line of it starts a block of its own', () => {
    const TRICKY = 'First line.\n- not a list\n# not a heading\n\n> not a quote\n1. not a list\n---\n| a | b |\n:-- | --\n===\n+ last  ';
    const s = structuredClone(example);
    for (const node of s.nodes) {
      if (node.kind === 'decision') {
        node.discussionPrompt = TRICKY;
        for (const r of node.replies) [r.text, r.feedback] = [`${r.text}\n- ${r.text}`, TRICKY];
      }
      if (node.kind === 'ending') node.narration = TRICKY;
    }
    // Each break a hard break (a backslash ending the line), the next line in the item's content
    // column, a character that would begin a block escaped; the empty line kept as an empty line.
    const lines = (indent: string) => ['First line.', '\\- not a list', '\\# not a heading', '', '\\> not a quote', '1\\. not a list', '\\---', '\\| a | b |', '\\:-- | --', '\\===', '\\+ last'].join(`\\\n${indent}`);
    const docs = {
      // Not followed the best-practice path: its steps are listed too, each a numbered item.
      debrief: debriefMarkdown(debriefModel(s, debriefOf(s, ['phone-accuse', 'after-search']))),
      summary: facilitationMarkdown(s, [facilitatedDecision(selectView(s, startFacilitation(s).getSnapshot()), { 'phone-curious': 2 }, 1)], debriefOf(s, ['phone-curious', 'after-supervisor'])),
    };
    expect(docs.debrief).toContain(`**Ending:** Crossing a line (harmful). ${lines('')}\n\n`);
    expect(docs.debrief).toContain(`   - Feedback: ${lines('     ')}\n`);
    expect(docs.debrief).toContain('1. **The new phone**: "Who bought you that? You need to tell me the truth.\\\n   \\- Who bought you that? You need to tell me the truth." (−3; best here +2)\n');
    expect(docs.summary).toContain(`Discussion prompt: ${lines('')}\n\n`);
    expect(docs.summary).toContain("Branch taken: 1. That's a nice one! How did you get it?\\\n\\- That's a nice one! How did you get it? (★ best practice)\n");
    for (const [name, md] of Object.entries(docs)) {
      // The content column of the list item (or paragraph: 0) a line goes on.
      let column = 0;
      let continued = 0;
      md.split('\n').reduce((before, line) => {
        // After a hard break (a line ending in an unescaped backslash), a line goes on the text before it:
        // never empty (which would end the item), opening no block, as far in as its item's words.
        if (/(?<!\\)(?:\\\\)*\\$/.test(before)) {
          continued++;
          expect(line, `${name}: ${line}`).not.toBe('');
          expect(line, `${name}: ${line}`).not.toMatch(/^\s*(?:[#>+\-=~|:*_`]|\d+[.)])/);
          expect(line.length - line.trimStart().length, `${name}: ${line}`).toBe(column);
        } else column = /^(?:\d+\. | {3}- )/.exec(line)?.[0].length ?? 0;
        return line;
      }, '');
      expect(continued, name).toBeGreaterThan(20);
    }
  });

  it('shows scenario text that looks like Markdown or HTML as text: no link, image, raw HTML or emphasis reaches a rendered export', () => {
    // Every shown text of the scenario carries a link, an image, HTML, an autolink, emphasis, code and a link reference on a line of its own.
    const MD = ' [click me](https://evil.example/a) ![x](https://evil.example/t.png) <img src=x onerror=alert(1)> <https://evil.example> **b** _i_ `c` \\\n[ref]: https://evil.example\n<script>alert(1)</script>';
    const s = JSON.parse(JSON.stringify(example, (key, v: unknown) => (['title', 'text', 'narration', 'feedback', 'prompt', 'discussionPrompt'].includes(key) && typeof v === 'string' ? `${v}${MD}` : v))) as Scenario;
    const docs = {
      debrief: debriefMarkdown(debriefModel(s, debriefOf(s, ['phone-accuse', 'after-search']))),
      summary: facilitationMarkdown(s, [facilitatedDecision(selectView(s, startFacilitation(s).getSnapshot()), { 'phone-curious': 2 }, 1)], debriefOf(s, ['phone-curious', 'after-supervisor'])),
    };
    for (const [name, md] of Object.entries(docs)) {
      // Each character that could open markup is escaped with a backslash (the program's own ** and | stay).
      expect(md.match(/(?<!\\)[<>[\]`_]/g), name).toBeNull();
      expect(md, name).toContain('\\[click me\\](https://evil.example/a) !\\[x\\](https://evil.example/t.png) \\<img src=x onerror=alert(1)\\> \\<https://evil.example\\> \\*\\*b\\*\\* \\_i\\_ \\`c\\` \\\\');
      expect(md, name).toContain('\\<script\\>alert(1)\\</script\\>');
      expect(md, name).toContain('\\[ref\\]: https://evil.example');
    }
  });

  // The apps show "~~Do not~~" with its tildes and leave a right-to-left override out of a text; a
  // GitHub-flavoured viewer drew the export's "~~Do not~~ report" struck through (read: "report"),
  // and turned "&#x202E;" into the override itself, the words after it shown backwards.
  it('shows a strikethrough and a character reference in scenario text as written, not as markup', () => {
    const MARKS = ' ~~Do not~~ report ~it~ &#x202E;gnirts &#8238;x &lt;b&gt; &amp; Q&A, 5 & 6, &nbsp;';
    const s = JSON.parse(JSON.stringify(example, (key, v: unknown) => (['title', 'text', 'narration', 'feedback', 'prompt', 'discussionPrompt'].includes(key) && typeof v === 'string' ? `${v}${MARKS}` : v))) as Scenario;
    const docs = {
      debrief: debriefMarkdown(debriefModel(s, debriefOf(s, ['phone-accuse', 'after-search']))),
      summary: facilitationMarkdown(s, [facilitatedDecision(selectView(s, startFacilitation(s).getSnapshot()), { 'phone-curious': 2 }, 1)], debriefOf(s, ['phone-curious', 'after-supervisor'])),
    };
    for (const [name, md] of Object.entries(docs)) {
      // No tilde and no character reference unescaped; an "&" that starts none is left as it is.
      expect(md.match(/(?<!\\)~/g), name).toBeNull();
      expect(md.match(/(?<!\\)&(?:#\d+|#x[0-9a-f]+|[a-z]+);/gi), name).toBeNull();
      expect(md, name).toContain('\\~\\~Do not\\~\\~ report \\~it\\~ \\&#x202E;gnirts \\&#8238;x \\&lt;b\\&gt; \\&amp; Q&A, 5 & 6, \\&nbsp;');
    }
  });

  // The lookup of each violation's turn is now by (decision, reply) with a cursor (it searched the
  // transcript from the start for each one: quadratic, see bench/debrief.ts); the same reply made
  // again later, or a reply making two, must still point at its own turn.
  it('points each critical violation at its own turn when the same reply is made again later', () => {
    const path = harmful.turns.map((t) => t.turn);
    const critical = path.findIndex((t) => buildDebrief(example, [t]).criticalViolations.length > 0);
    expect(critical).toBeGreaterThanOrEqual(0);
    const other = path.find((_, i) => i !== critical)!;
    const twice = [path[critical]!, other, other, path[critical]!, path[critical]!];
    const m = debriefModel(example, buildDebrief(example, twice));
    const per = buildDebrief(example, [path[critical]!]).criticalViolations.length;
    expect(m.critical.map((c) => c.turn)).toEqual([0, 3, 4].flatMap((t) => Array<number>(per).fill(t)));
  });

  // A critical violation's reply and feedback were written twice: under "Critical violations" and
  // again in the transcript (the web debrief says each once and points to the decision).
  it('says each reply\'s feedback once: a critical violation names its principle and guide section, and points to its decision in the transcript', () => {
    const trafficker = bundled('trafficker-contact');
    for (const [scenario, debrief] of [[example, harmful], [trafficker, debriefOf(trafficker, criticalPath(trafficker))]] as const) {
      const m = debriefModel(scenario, debrief);
      expect(m.critical.length, scenario.id).toBeGreaterThan(0);
      const md = debriefMarkdown(m);
      for (const t of m.turns) expect(md.split(mdText(t.feedback)).length - 1, t.feedback).toBe(1);
      const section = md.slice(md.indexOf('## Critical violations'), md.indexOf('## Principles')).split('\n').filter((l) => l.startsWith('- '));
      const transcript = md.slice(md.indexOf('## Transcript'), md.indexOf('## Your path beside best practice')).split(/\n(?=\d+\. )/).slice(1);
      // Each principle once (grouped), with the decisions where it was gone against, as the transcript numbers them.
      expect(section).toHaveLength(new Set(m.critical.map((c) => c.title)).size);
      for (const c of m.critical) {
        const line = section.find((l) => l.startsWith(`- **${mdText(c.title)}** (guide: "${mdText(c.section)}"): see decision`));
        expect(line, c.title).toMatch(/ in the transcript below\.$/);
        expect(line).toContain(`decision ${c.turn + 1} (${quotedTitle(mdText(c.where), ['"', '"'])})`);
        expect(line).not.toContain(mdText(c.feedback));
        // That decision's item has the reply, its feedback, and the verdict marked critical.
        const item = transcript[c.turn] ?? '';
        expect(item.startsWith(`${c.turn + 1}. **${mdText(c.where)}**: `)).toBe(true);
        expect(item).toContain(mdText(c.reply));
        expect(item).toContain(`   - Feedback: ${mdText(c.feedback)}`);
        expect(item.split('\n').some((l) => l.startsWith(`   - ${VERDICT_WORDS.violates} ${mdText(c.title)} (`) && l.endsWith(', critical)'))).toBe(true);
      }
      // No verdict that is not critical says so.
      expect(md.split('\n').filter((l) => l.endsWith(', critical)'))).toHaveLength(m.critical.length);
    }
  });

  it('names one decision, or several, in the words every debrief points with', () => {
    const where = (t: number) => ['A text at 9:40 p.m.', '“Not Glendale”', 'Dinner'][t] ?? '';
    expect(decisionPointer([0], where)).toBe('see decision 1 (“A text at 9:40 p.m.”)');
    expect(decisionPointer([0, 2], where, ['"', '"'])).toBe('see decision 1 ("A text at 9:40 p.m.") and decision 3 ("Dinner")');
    expect(decisionPointer([0, 1, 2], where)).toBe('see decision 1 (“A text at 9:40 p.m.”), decision 2 (“Not Glendale”) and decision 3 (“Dinner”)');
    expect(decisionPointer([], where)).toBe('');
    // By number alone (the full-screen terminal summary), each once and in order.
    expect(decisionNumbers([4])).toBe('decision 5');
    expect(decisionNumbers([8, 0, 1, 0])).toBe('decisions 1, 2 and 9');
    expect(decisionNumbers([])).toBe('');
    expect(criticalGroups([{ title: 'A', section: 'S', turn: 0 }, { title: 'B', section: 'T', turn: 1 }, { title: 'A', section: 'S', turn: 3 }])).toEqual([
      { title: 'A', section: 'S', times: 2, turns: [0, 3] },
      { title: 'B', section: 'T', times: 1, turns: [1] },
    ]);
  });

  it('cell makes one line and escapes pipes', () => {
    expect(cell('  a |\n b\t| c ')).toBe('a \\| b \\| c');
  });
});

describe('debriefExport', () => {
  const now = new Date('2025-01-31T10:20:30.456Z');

  it('names the files after the scenario and a time safe in file names, on the local clock as the screens show it', () => {
    expect(fileStamp(now)).toBe('2025-01-31T10-20-30');
    expect(inTimeZone('UTC', () => debriefExport(example, strong, now).baseName)).toBe('example-new-phone-debrief-2025-01-31T10-20-30');
    // 10:20 UTC is 02:20 in Los Angeles in January (UTC−8).
    const la = inTimeZone('America/Los_Angeles', () => debriefExport(example, strong, now));
    expect(la.baseName).toBe('example-new-phone-debrief-2025-01-31T02-20-30');
  });

  // The Markdown said when in UTC (labelled, so exact): exported at 18:45 in Los Angeles, it said
  // the next day, "exported 2026-12-05 02:45 UTC", in a file named 2026-12-04, beside My records, the
  // CSV and the certificate, which all said the 4th. It says the local time the name has, and its
  // offset from UTC, so it is still exact; the JSON keeps exportedAt in UTC, for programs.
  it("says in the Markdown when it was exported on the local clock, as the file's name does, with the offset from UTC", () => {
    const evening = new Date('2026-12-05T02:45:10.000Z');
    const la = inTimeZone('America/Los_Angeles', () => debriefExport(example, strong, evening, { mode: 'practice' }));
    expect(la.baseName).toBe('example-new-phone-debrief-2026-12-04T18-45-10');
    expect(la.markdown).toContain('_Practice mode · exported 2026-12-04 18:45 (UTC\u221208:00) · scenario version');
    expect(JSON.parse(la.json).exportedAt).toBe('2026-12-05T02:45:10.000Z');
    // Summer time, a zone east of UTC, one off by half an hour, and UTC itself.
    expect(inTimeZone('America/Los_Angeles', () => localTimeWords(new Date('2026-07-01T02:45:00Z')))).toBe('2026-06-30 19:45 (UTC\u221207:00)');
    expect(inTimeZone('Europe/Berlin', () => localTimeWords(evening))).toBe('2026-12-05 03:45 (UTC+01:00)');
    expect(inTimeZone('Asia/Kolkata', () => localTimeWords(evening))).toBe('2026-12-05 08:15 (UTC+05:30)');
    expect(inTimeZone('UTC', () => localTimeWords(evening))).toBe('2026-12-05 02:45 (UTC+00:00)');
  });

  it('gives the Markdown of the debrief and the debrief itself as JSON', () => {
    const out = inTimeZone('UTC', () => debriefExport(example, strong, now));
    const [heading, ...rest] = debriefMarkdown(debriefModel(example, strong)).split('\n');
    expect(out.markdown.startsWith(`${heading}\n\n_Practice mode · exported 2025-01-31 10:20 (UTC+00:00)`)).toBe(true);
    expect(out.markdown.endsWith(rest.join('\n'))).toBe(true);
    expect(out.json.endsWith('}\n')).toBe(true);
    expect(JSON.parse(out.json).debrief).toEqual(JSON.parse(JSON.stringify(strong)));
  });

  it('says in both files what they are: format and version, mode, scenario version and time', () => {
    const out = inTimeZone('UTC', () => debriefExport(example, strong, now, { mode: 'assessment', appVersion: '0.1.0' }));
    expect(JSON.parse(out.json)).toMatchObject({
      format: 'casa-practice-debrief', formatVersion: 1, exportedAt: '2025-01-31T10:20:30.456Z', mode: 'assessment',
      scenario: { id: 'example-new-phone', version: example.version }, appVersion: '0.1.0',
    });
    expect(out.markdown).toContain('_Assessment mode · exported 2025-01-31 10:20 (UTC+00:00) · scenario version');
    expect(out.markdown).toContain('casa-practice-debrief format 1_');
  });

  it('says a what-if replay is one, in both files, and a playthrough says nothing of it', () => {
    const replay = inTimeZone('UTC', () => debriefExport(example, strong, now, { mode: 'practice', whatIf: true }));
    expect(replay.markdown).toContain('_Practice mode · a what-if replay, not added to the records · exported 2025-01-31 10:20 (UTC+00:00)');
    expect(JSON.parse(replay.json)).toMatchObject({ mode: 'practice', whatIf: true });
    const played = debriefExport(example, strong, now, { mode: 'practice', whatIf: false });
    expect(played.markdown).not.toContain('what-if');
    expect(JSON.parse(played.json)).not.toHaveProperty('whatIf');
  });

  it('says a playthrough not added to the records for another reason (a preview, an author\'s test) is not, in both files', () => {
    const out = inTimeZone('UTC', () => debriefExport(example, strong, now, { mode: 'practice', recorded: false }));
    expect(out.markdown).toContain('_Practice mode · not added to the records · exported 2025-01-31 10:20 (UTC+00:00)');
    expect(JSON.parse(out.json)).toMatchObject({ mode: 'practice', recorded: false });
    expect(JSON.parse(out.json)).not.toHaveProperty('whatIf');
    expect(JSON.parse(debriefExport(example, strong, now, { mode: 'practice', whatIf: true }).json)).toMatchObject({ whatIf: true, recorded: false });
    const played = debriefExport(example, strong, now, { mode: 'practice', recorded: true });
    expect(played.markdown).not.toContain('not added');
    expect(JSON.parse(played.json)).not.toHaveProperty('recorded');
  });

  it('exports a hostile scenario with Markdown free of control characters', () => {
    const hostile = hostileScenario();
    const out = debriefExport(hostile, debriefOf(hostile, ['phone-curious', 'after-wait']), now);
    expect(out.markdown).not.toMatch(CONTROL);
    expect(out.json).not.toContain('\u001b');
  });
});
