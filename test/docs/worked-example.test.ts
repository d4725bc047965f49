import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getPrinciple, principles } from '../../src/machines/guide.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { validateScenario } from '../../src/machines/validate/index.js';

// The worked example (docs/examples/first-scenario.json, docs/authoring.md section 3) is what trainers
// copy. Its youth, Dani, left her group home without permission and came back on her own: she has gone
// back to no one exploiting her. It credited safety-is-priority and remain-accepting, and its feedback
// said "The guide asks you to ... reassure her that her safety is your main priority whatever her
// choices (Likelihood of Relapse)"; the guide asks that only "Should a youth return to their
// trafficker", and the principles now carry that condition. Copied, it taught authors to cite them
// outside the guide's situation. The guide's own section for a youth back from leaving placement is
// "What if my youth returns from leaving placement?", with Harm Reduction beside it.

const root = new URL('../../', import.meta.url);
const file = readFileSync(new URL('docs/examples/first-scenario.json', root), 'utf8');
const example = validateScenario(file, 'first-scenario.json').scenario as Scenario;
const doc = readFileSync(new URL('docs/authoring.md', root), 'utf8');
const flat = (text: string) => text.replace(/\s+/g, ' ');

/** The principles whose rule holds only once the youth has gone back to the person exploiting them. */
const onlyAfterReturnToExploiter = principles.filter((p) => /^If the youth (goes back|returns) to the person exploiting them\b/.test(p.rule)).map((p) => p.id);

/** Everything the story tells: what a volunteer reads of where Dani has been and whom she went back to. */
const story = [example.title, example.summary, example.contentNote, ...example.characters.map((c) => c.description ?? ''),
  ...example.nodes.flatMap((n) => [n.narration ?? '', ...('lines' in n ? (n.lines ?? []).map((l) => l.text) : [])])].join(' ');

const decisions = example.nodes.flatMap((n) => (n.kind === 'decision' ? [n] : []));
const replies = decisions.flatMap((d) => d.replies);
const reply = (id: string) => {
  const r = replies.find((x) => x.id === id);
  if (!r) throw new Error(`no reply ${id}`);
  return r;
};

describe('the worked example cites the guide for its own situation: a youth back from leaving placement', () => {
  it('Dani left placement without permission and came back on her own; no one exploiting her is in the story', () => {
    expect(example).toBeDefined();
    expect(story).toMatch(/left her group home without permission/);
    expect(story).toMatch(/came back on her own/);
    expect(story).not.toMatch(/traffick|exploiter|exploiting her|pimp|went back to (him|her)\b/i);
  });

  it('safety-is-priority and remain-accepting hold only after a return to the person exploiting the youth (the guide\'s "Should a youth return to their trafficker")', () => {
    expect(onlyAfterReturnToExploiter).toEqual(expect.arrayContaining(['safety-is-priority', 'remain-accepting']));
  });

  it('so no reply is scored on them, no learning goal names them, and no text gives their reassurance or their section', () => {
    const scored = replies.flatMap((r) => r.assessments.map((a) => a.principle));
    expect(scored.filter((p) => onlyAfterReturnToExploiter.includes(p))).toEqual([]);
    expect(example.learningGoals.filter((p) => onlyAfterReturnToExploiter.includes(p))).toEqual([]);
    const said = [...replies.map((r) => r.feedback), ...decisions.flatMap((d) => [d.facilitatorNote ?? '', d.discussionPrompt ?? ''])];
    expect(said.filter((t) => /main priority|regardless of|whatever her choices|\(Likelihood of Relapse\)/.test(t))).toEqual([]);
  });

  it('her return is scored where the guide speaks of it: the returns section and Harm Reduction, and every feedback cites each scored principle\'s section', () => {
    const sectionsCited = new Set(replies.flatMap((r) => r.assessments.map((a) => getPrinciple(a.principle)?.section)));
    expect(sectionsCited).toContain('returns-safety-planning');
    expect(sectionsCited).toContain('harm-reduction');
    // No warnings either: principle-not-cited would name a scored principle whose section the feedback leaves out.
    expect(validateScenario(file, 'first-scenario.json').problems).toEqual([]);
    // The promise not to leave again: the guide says no one can stop a youth leaving, and offers resources instead.
    expect(reply('d1-promise').assessments).toContainEqual({ principle: 'resources-reduce-harm', verdict: 'violates' });
    expect(reply('d1-promise').feedback).toMatch(/cannot stop a child from running away.*\(What if my youth returns from leaving placement\?\)/);
  });

  it('the best reply at the first decision is still d1-glad, worth more than the others and not the longest there', () => {
    const value = (r: (typeof replies)[number]) => r.assessments.reduce((n, a) => n + (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1), 0);
    const first = decisions[0]!;
    const best = [...first.replies].sort((a, b) => value(b) - value(a))[0]!;
    expect(best.id).toBe('d1-glad');
    expect(first.replies.filter((r) => r !== best).every((r) => value(r) < value(best))).toBe(true);
    expect(best.text.length).toBeLessThan(Math.max(...first.replies.map((r) => r.text.length)));
    expect(value(reply('d1-promise'))).toBe(0);
  });
});

describe('docs/authoring.md says of the worked example what the file holds', () => {
  it('section 5 names d1-glad\'s principles by title and weight', () => {
    const section5 = flat(doc.slice(doc.indexOf('## 5. '), doc.indexOf('## 6. ')));
    const sentence = section5.slice(section5.indexOf('`d1-glad` follows'), section5.indexOf('value +3.') + 'value +3.'.length);
    expect(sentence.length).toBeGreaterThan(20);
    for (const a of reply('d1-glad').assessments) expect(sentence).toContain(`*${getPrinciple(a.principle)?.title}* (weight ${a.weight ?? 1})`);
  });

  it('section 6 quotes d1-promise as the file has it, and names the sides it is scored on', () => {
    const section6 = flat(doc.slice(doc.indexOf('## 6. '), doc.indexOf('## 7. ')));
    const text = reply('d1-promise').text.replace(/\.$/, '');
    const at = section6.indexOf(`"${text}"`);
    expect(at).toBeGreaterThan(0);
    const said = section6.slice(at, section6.indexOf('Assess both sides', at));
    expect(said).not.toMatch(/safety first/);
    expect(said).toMatch(/what made her leave|something wrong/);
    expect(said).toMatch(/no one can stop|cannot stop/);
  });
});
