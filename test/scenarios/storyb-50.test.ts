import { describe, expect, it } from 'vitest';
import { bundledReply, bundledScenario } from '../helpers/bundled.js';
import { driveReplies, playReplies } from '../helpers/play.js';

// Session storyb-50: story-continuity faults this session's readers listed in left-placement-calls and jae-and-hyung
// (a person or a fact no scene had set up on that path, a line that answers something the volunteer did not say, a
// time that does not fit), and one scoring question in boy-red-flags. Each case was seen failing before its fix.

/** What a node shows: its narration and its lines, in order. */
const shown = (id: string, nodeId: string): string[] => {
  const n = bundledScenario(id).nodes.find((x) => x.id === nodeId);
  if (!n) throw new Error(`${id} has no node ${nodeId}`);
  return [
    'narration' in n && n.narration ? n.narration : '',
    ...('lines' in n && n.lines ? n.lines.map((l) => l.text) : []),
  ].filter(Boolean);
};

/** The nodes a playthrough passes through, scenes included, after the replies in order. */
const path = (id: string, replies: string[]) => driveReplies(bundledScenario(id), replies, true).nodes;

/** What the volunteer reads from the node after `fromNode` up to and including `toNode`, on this playthrough. */
const readBetween = (id: string, replies: string[], fromNode: string, toNode: string): string[] => {
  const nodes = path(id, replies);
  const from = nodes.indexOf(fromNode);
  const to = nodes.indexOf(toNode, from + 1);
  if (from < 0 || to < 0) throw new Error(`${replies.join(' > ')} does not go from ${fromNode} to ${toNode}: ${nodes.join(' > ')}`);
  return nodes.slice(from + 1, to + 1).flatMap((n) => shown(id, n));
};

const LPC_BEST = ['d1-redirect', 'd2-resources', 'd3-door-open', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-needs'];
const lpc = (swap: Record<string, string>) => LPC_BEST.map((r) => swap[r] ?? r);

describe('storyb-50: left-placement-calls follows what the volunteer chose', () => {
  // d2-who asked "Is he there?" and d7-where "were you with him?": no scene on any path says who "he" is
  // (Ari's call, the team, her aunt, her brother Mateo). Both now ask who she is with, which is the interrogation
  // they are scored for, without a person the story never set up.
  it.each([
    ['d2-money', 'd2-who'],
    ['d7-return', 'd7-where'],
  ])('%s %s asks about no "he" the story has not set up', (node, reply) => {
    const text = bundledReply('left-placement-calls', node, reply).text;
    expect(text).not.toMatch(/\b(he|him)\b/i);
    expect(text).toMatch(/who (are|were) you with/i);
  });

  // d8-why opened with Ari's "I'm not gonna say I won't leave again", an answer to d7-promise's "promise me you
  // won't leave again", on every path: after d7-where, d7-card and d7-safety-plan she answered a request nobody made.
  it('Ari answers "promise me you won\'t leave again" after d7-promise, and only there', () => {
    const upToWhy = (d7: string) => readBetween('left-placement-calls', lpc({ 'd7-safety-plan': d7 }), 'd7-return', 'd8-why').join(' ');
    expect(upToWhy('d7-promise')).toMatch(/I'm not gonna say I won't leave again/);
    for (const d7 of ['d7-where', 'd7-card', 'd7-safety-plan']) expect(upToWhy(d7), d7).not.toMatch(/won't leave again/);
    // Every path still hears why she left before the volunteer answers it.
    for (const d7 of ['d7-where', 'd7-promise', 'd7-card', 'd7-safety-plan']) expect(upToWhy(d7), d7).toMatch(/why I left\? It's loud here/);
  });

  // After d2-send (the fifty she asked for, sent), d3-phone-dying opened with Ari's "Whatever.", the shrug of someone
  // who did not get what she asked for. She now says thanks when it comes through; no path opens d3 on "Whatever".
  it('after d2-send Ari thanks you for the money; d3 no longer opens on "Whatever" on any path', () => {
    const afterSend = readBetween('left-placement-calls', ['d1-redirect', 'd2-send'], 'd2-money', 'd3-phone-dying');
    expect(afterSend.join(' ')).toMatch(/went through/);
    expect(afterSend.join(' ')).toMatch(/Thanks/);
    for (const d2 of ['d2-resources', 'd2-send', 'd2-who']) {
      const read = readBetween('left-placement-calls', ['d1-redirect', d2], 'd2-money', 'd3-phone-dying');
      expect(read.at(-1), d2).toBe("My phone's at four percent. I gotta go.");
      expect(read.join(' '), d2).not.toMatch(/Whatever/);
    }
  });

  // d6-step-back lowered Ari's trust by 10 as it was said: words to Lauren, on a supervision call Ari knows nothing
  // of (before-relapse took the same kind of effect off Rina's trust in session 30). The effect is off Ari's trust;
  // its consequence is Lauren's answer on the same call, which points to what the guide gives CASAs to do while a
  // youth is away (keep messaging, continuing education, short-term advocacy projects).
  it('d6-step-back: words to Lauren do not move Ari\'s trust; Lauren answers them on the same call', () => {
    const reply = bundledReply('left-placement-calls', 'd6-lauren', 'd6-step-back');
    expect((reply.effects ?? []).filter((e) => e.var === 'trust')).toEqual([]);
    // Since storyb-51, after d5-stop ("Stop texting for now") Lauren's answer is s6-start-again, which asks for the
    // texts to start again; both scenes are hers alone and move nothing.
    expect(reply.next).toEqual([{ when: { var: 'stopped-texting', is: true }, to: 's6-start-again' }, { to: 's6-step-back' }]);
    for (const id of ['s6-step-back', 's6-start-again']) {
      const scene = bundledScenario('left-placement-calls').nodes.find((n) => n.id === id);
      expect(scene?.kind === 'scene' ? (scene.effects ?? []) : ['?'], id).toEqual([]);
      expect(scene && 'lines' in scene ? (scene.lines ?? []).map((l) => l.character) : [], id).toEqual(['lauren']);
    }
    expect(shown('left-placement-calls', 's6-step-back').join(' ')).toMatch(/Keep texting her.*a training or two, or a short-term advocacy project/);
    expect(shown('left-placement-calls', 's6-start-again').join(' ')).toMatch(/Start texting her again.*a training or two, or a short-term advocacy project/);
    const trustAt7 = (d6: string) => {
      const { actor, nodes } = driveReplies(bundledScenario('left-placement-calls'), LPC_BEST.slice(0, 5).concat(d6), true);
      expect(nodes.at(-1)).toBe('d7-return');
      return actor.getSnapshot().context.variables.trust;
    };
    expect(trustAt7('d6-step-back')).toBe(trustAt7('d6-learn'));
  });

  // s4-gone: "By noon ... Mr. Keith answers", and Mr. Keith "works the night shift" (Who's who; s4-morning has him
  // "just finishing the night shift" at 8:15). The call now comes when his shift starts.
  it('s4-gone: Mr. Keith, who works the night shift, answers when the night shift is on', () => {
    const text = shown('left-placement-calls', 's4-gone').join(' ');
    expect(text).not.toMatch(/By noon/);
    expect(text).toMatch(/Mr\. Keith, just starting the night shift, answers/);
  });
});

describe('storyb-50: jae-and-hyung follows what the volunteer chose', () => {
  const JAE_BEST = ['d1-ask', 'd2-honest', 'd3-ruth', 'd4-decline', 'd5-clc', 'd6-loss', 'd7-support'];
  const jae = (swap: Record<string, string>) => JAE_BEST.map((r) => swap[r] ?? r);

  // d3-keep-csw-out asks Ruth to keep Ms. Haddad out until Jae is ready; s3-ruth answered "I'll call Ms. Haddad first
  // thing tomorrow" as if nothing had been asked. Ruth now answers the request, and still calls Ms. Haddad.
  it('d3-keep-csw-out: Ruth answers the request to keep Ms. Haddad out, and still calls her', () => {
    const read = readBetween('jae-and-hyung', jae({ 'd3-ruth': 'd3-keep-csw-out' }), 'd3-car', 'd4-dinner').join(' ');
    expect(read).toMatch(/keep Ms\. Haddad out/);
    expect(read).toMatch(/I'll call her first thing tomorrow/);
    // The other ways to Ruth are told as before.
    expect(readBetween('jae-and-hyung', jae({}), 'd3-car', 'd4-dinner').join(' ')).toMatch(/I'll call Ms\. Haddad first thing tomorrow/);
  });

  // d4-listen and d4-confront take the volunteer to the family dinner with Sung-min; the story went straight to the
  // café in December, where Jae said nothing of it. A short scene now shows the dinner (Jae not there) and his
  // text about it that night.
  it.each([
    ['d4-listen', /Sung-min talks about how he only ever looked out for his little cousin/],
    ['d4-confront', /you tell Sung-min to leave Jae alone/],
  ])('%s: the dinner is shown, and Jae hears of it, before the café', (reply, what) => {
    // The café after the dinner is a scene of its own since storya-51 (it answers his text): read up to d5-papers.
    const read = readBetween('jae-and-hyung', jae({ 'd4-decline': reply }), 'd4-dinner', 'd5-papers').join(' ');
    expect(read).toMatch(what);
    expect(read).toMatch(/u went to the dinner/);
    // Declining goes straight on to the café, as before.
    expect(path('jae-and-hyung', jae({}))).toContain('s5-cafe');
    expect(readBetween('jae-and-hyung', jae({}), 'd4-dinner', 's5-cafe').join(' ')).not.toMatch(/dinner/);
  });

  // The mixed ending's "promised" variant said Jae "knows now that you took it to Ruth". After d2s-promise Jae had
  // shut down and told the volunteer nothing: "it" was nothing he said. It now says what is true on both paths
  // that promise secrecy: the volunteer went to Ruth about Sung-min anyway.
  it.each([
    ['d2s-promise', ['d1-home', 'd2s-promise', 'd3-ruth', 'd4-decline', 'd5-clc', 'd6-loss', 'd7-support']],
    ['d2-keep', jae({ 'd2-honest': 'd2-keep' })],
  ])('the promised variant fits %s', (_id, replies) => {
    const d = playReplies(bundledScenario('jae-and-hyung'), replies);
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).not.toMatch(/took it to Ruth/);
    expect(d?.ending?.narration).toContain('you promised it would stay with you, and he knows now that you went to Ruth about Sung-min anyway');
  });

  // s4-weeks told of "the dinners with Sung-min's friend" and the money "for the lawyer" as things the reader knew;
  // after Jae shuts down (s1-shut) the volunteer never heard of either. The scene now says who and what.
  it('s4-weeks introduces the man from Sung-min\'s gym and the money, which only s1-open had told', () => {
    const text = shown('jae-and-hyung', 's4-weeks').join(' ');
    expect(text).not.toMatch(/the dinners with|"for the lawyer"/);
    expect(text).toContain('an older man from Sung-min\'s gym who took him to dinner, and the money the man paid Sung-min "for a lawyer"');
  });
});

// boy-red-flags d3-secret ("I won't tell anyone. I promise. This stays between us.") was credited as non-judgmental
// (+1), for nothing in its words: the guide's "remain open-minded and non-judgmental when discussing these topics"
// (Stages of Exiting CSEC Involvement) is about how Theo and Vince are spoken of, and a promise of secrecy says
// nothing of either. The other bare promises of secrecy in the set score -2, on the supervisor alone.
describe('storyb-50: boy-red-flags d3-secret is scored as the set\'s other promises of secrecy', () => {
  const score = (id: string, node: string, reply: string) =>
    bundledReply(id, node, reply).assessments.reduce((sum, a) => sum + (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1), 0);

  it('no credit for a motive its words do not carry: -2, as couch-rent d3-promise, the-list d5-promise and youth-discloses d4-promise-secret', () => {
    const secret = bundledReply('boy-red-flags', 'd3-open', 'd3-secret');
    expect(secret.assessments).toEqual([{ principle: 'consult-supervisor-on-suspicion', verdict: 'violates', weight: 2 }]);
    expect(secret.feedback).not.toMatch(/without judgement|Stages of Exiting/);
    expect(secret.feedback).toContain('discuss it with your Advocate Supervisor');
    for (const [id, node, reply] of [
      ['boy-red-flags', 'd3-open', 'd3-secret'],
      ['couch-rent', 'd3-glendale', 'd3-promise'],
      ['the-list', 'd5-kenny', 'd5-promise'],
      ['youth-discloses', 'd4-promise', 'd4-promise-secret'],
    ] as const) expect(score(id, node, reply), `${id} ${reply}`).toBe(-2);
  });
});
