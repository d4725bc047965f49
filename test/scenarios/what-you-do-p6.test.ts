import { describe, expect, it } from 'vitest';
import { replyValue } from '../../src/machines/scenario-index.js';
import type { Reply } from '../../src/machines/schema/scenario.js';
import { bundledScenario } from '../helpers/bundled.js';

// Session 42 (giveaway report P6): the decision "what do you do with what you've just learned" comes five
// times, and its best reply was always "Call <supervisor> … what you saw and heard … (plan/work out) next steps
// together", beside a "Give it a few weeks" and a search. A volunteer who had played two of them could pick
// the best reply without reading. These pin the rewording: the best replies share no wording, the waiting
// replies share none either, and each keeps the guide's scoring.

const P6 = [
  { id: 'boy-red-flags', node: 'd4-next', best: 'd4-jonah', wait: 'd4-wait', supervisor: 'Jonah' },
  { id: 'couch-rent', node: 'd4-evening', best: 'd4-naomi', wait: 'd4-wait', supervisor: 'Naomi' },
  { id: 'jae-and-hyung', node: 'd3-car', best: 'd3-ruth', wait: 'd3-wait', supervisor: 'Ruth' },
  { id: 'saturday-shoots', node: 'd5-car', best: 'd5-leah', wait: 'd5-wait', supervisor: 'Leah' },
  { id: 'the-list', node: 'd4-next', best: 'd4-marcus', wait: 'd4-wait', supervisor: 'Marcus' },
] as const;

function decision(id: string, nodeId: string) {
  const n = bundledScenario(id).nodes.find((x) => x.id === nodeId);
  if (n?.kind !== 'decision') throw new Error(`${id} has no decision ${nodeId}`);
  return n;
}
const reply = (id: string, nodeId: string, replyId: string): Reply => {
  const r = decision(id, nodeId).replies.find((x) => x.id === replyId);
  if (!r) throw new Error(`${id} ${nodeId} has no reply ${replyId}`);
  return r;
};
const scored = (r: Reply) => r.assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', ');
/** Every run of four words, lower-cased, with each scenario's people's names (and "he/she/they") made one word. */
function fourWordRuns(id: string, text: string): Set<string> {
  const names = bundledScenario(id).characters.flatMap((c) => c.name.split(/\s+/)).filter((w) => /^\p{Lu}/u.test(w) && !/^(Ms|Mr|Uncle)\.?$/.test(w));
  const words = text
    .toLowerCase()
    .replace(/[’']/g, "'")
    .split(/[^\p{L}']+/u)
    .filter(Boolean)
    .map((w) => (names.some((n) => n.toLowerCase() === w.replace(/'s$/, '')) ? 'NAME' : /^(he|she|they|him|her|them)$/.test(w) ? 'PRONOUN' : w));
  const runs = new Set<string>();
  for (let i = 0; i + 4 <= words.length; i++) runs.add(words.slice(i, i + 4).join(' '));
  return runs;
}
/** Pairs of the five replies that share a run of four words, with the runs. */
function shared(which: 'best' | 'wait'): string[] {
  const runs = P6.map((p) => ({ id: p.id, runs: fourWordRuns(p.id, reply(p.id, p.node, p[which]).text) }));
  const out: string[] = [];
  for (let i = 0; i < runs.length; i++) for (let j = i + 1; j < runs.length; j++) {
    const both = [...runs[i]!.runs].filter((r) => runs[j]!.runs.has(r));
    if (both.length > 0) out.push(`${runs[i]!.id} / ${runs[j]!.id}: ${both.join(' | ')}`);
  }
  return out;
}

describe('P6: the five "what you do with it" decisions', () => {
  it('the best replies share no run of four words, none says "next steps", and no more than two open with the same word', () => {
    expect(shared('best')).toEqual([]);
    const best = P6.map((p) => reply(p.id, p.node, p.best).text);
    expect(best.filter((t) => /next steps/i.test(t))).toEqual([]);
    const openers = best.map((t) => t.split(/\s/)[0]!.toLowerCase());
    for (const o of new Set(openers)) expect(openers.filter((x) => x === o).length, o).toBeLessThanOrEqual(2);
  });

  it('the best replies vary in shape: none is the longest at its decision, and not all end alike', () => {
    for (const p of P6) {
      const replies = decision(p.id, p.node).replies;
      const best = reply(p.id, p.node, p.best);
      expect(Math.max(...replies.filter((r) => r.id !== p.best).map((r) => r.text.length)), p.id).toBeGreaterThanOrEqual(best.text.length);
    }
    const endings = P6.map((p) => reply(p.id, p.node, p.best).text.trim().slice(-1));
    expect(endings.filter((e) => e === '?').length).toBeLessThanOrEqual(2);
  });

  it('the replies that wait share no run of four words ("Give it a few weeks" was in two), and each is still scored as keeping the suspicion from the supervisor', () => {
    expect(shared('wait')).toEqual([]);
    for (const p of P6) expect(scored(reply(p.id, p.node, p.wait)), p.id).toBe('consult-supervisor-on-suspicion violates 2');
  });

  it('each best reply still takes the suspicion to the supervisor, and is the only best reply; a wrong reply names the supervisor too', () => {
    for (const p of P6) {
      const replies = decision(p.id, p.node).replies;
      const top = Math.max(...replies.map(replyValue));
      expect(replies.filter((r) => replyValue(r) === top).map((r) => r.id), p.id).toEqual([p.best]);
      expect(scored(reply(p.id, p.node, p.best)), p.id).toBe('consult-supervisor-on-suspicion follows 2, no-jumping-to-conclusions follows 1');
      expect(replies.filter((r) => r.id !== p.best && r.text.includes(p.supervisor)).length, p.id).toBeGreaterThan(0);
    }
  });

  it('couch-rent d4 and jae-and-hyung d3 have an honest near miss (the right person, with a conclusion / with the CSW kept out), and the notes name them', () => {
    const near = reply('couch-rent', 'd4-evening', 'd4-urgent');
    expect(near.text).toMatch(/^Call Naomi tonight/);
    expect(scored(near)).toBe('consult-supervisor-on-suspicion follows 2, no-jumping-to-conclusions violates 1');
    expect(near.feedback).toContain('(Red Flags)');
    expect(near.next).toBe(reply('couch-rent', 'd4-evening', 'd4-naomi').next);
    expect(decision('couch-rent', 'd4-evening').facilitatorNote).toMatch(/tells Naomi Vic is grooming Arev is the near miss/);
    // jae-and-hyung d3: the call to Ruth that asks her to keep Jae's CSW out until he is ready.
    const out = reply('jae-and-hyung', 'd3-car', 'd3-keep-csw-out');
    expect(out.text).toMatch(/^Call Ruth in the morning/);
    expect(scored(out)).toBe('consult-supervisor-on-suspicion follows 2, team-communication violates 1');
    expect(out.feedback).toContain('(Collaboration with Case Parties)');
    expect(decision('jae-and-hyung', 'd3-car').facilitatorNote).toMatch(/keep Ms\. Haddad out until Jae is ready is the near miss/);
    // The CSW emails stay the near misses where they are.
    for (const [id, nodeId, email] of [['boy-red-flags', 'd4-next', 'd4-csw'], ['saturday-shoots', 'd5-car', 'd5-email']] as const) {
      expect(replyValue(reply(id, nodeId, email)), id).toBe(1);
    }
  });
});
