import { describe, expect, it } from 'vitest';
import { principles } from '../../src/machines/guide.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { bundledReply, bundledScenario } from '../helpers/bundled.js';
import { pinsFor } from '../helpers/pins.js';
import { endedOn } from '../helpers/story.js';
import { strongAfter } from '../helpers/strong-after.js';

// Session content-55: content judgement calls left by readers, decided with the guide as the source of truth.

/** Principles whose rule (principles.json) holds only once the youth has gone back to the person exploiting them. */
const onlyAfterReturnToExploiter = principles.filter((p) => /^If the youth (goes back|returns) to the person exploiting them\b/.test(p.rule)).map((p) => p.id);

/** The nodes a node can lead to: a scene's or reply's "next", a plain id or a list of routes. */
function nextOf(n: Scenario['nodes'][number]): string[] {
  const targets = (next: unknown): string[] => (typeof next === 'string' ? [next] : Array.isArray(next) ? next.map((r: { to: string }) => r.to) : []);
  if (n.kind === 'decision') return n.replies.flatMap((r) => targets(r.next));
  return 'next' in n ? targets(n.next) : [];
}

/** Node ids reachable from the start without entering any node in `avoid`. */
function reachableAvoiding(s: Scenario, avoid: ReadonlySet<string>): Set<string> {
  const byId = new Map(s.nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const todo = [s.start];
  while (todo.length) {
    const id = todo.pop() as string;
    if (seen.has(id) || avoid.has(id)) continue;
    seen.add(id);
    const n = byId.get(id);
    if (n) todo.push(...nextOf(n));
  }
  return seen;
}

// 1. whereabouts-unknown d5-not-mad was credited on safety-is-priority (and it and d5/d6 replies on remain-accepting),
// whose rule holds "If the youth goes back to the person exploiting them" (Likelihood of Relapse: "Should a youth
// return to their trafficker"). The story only said "The fear nobody says aloud is that she is back with Rico": at
// d5 nobody knew. The scenario is built on that return (learning goals expect-relapse, safety-is-priority,
// remain-accepting; Dez's "i miss him and im scared of him"), so the story now tells it before d5: Mr. Nasser hears
// from a friend of Dez's, through Carla, that Dez went back to Rico the week she left (no search by the CASA).
describe('story-55a: whereabouts-unknown tells Dez went back to Rico before any reply is scored on the relapse principles', () => {
  const ID = 'whereabouts-unknown';
  const s = () => bundledScenario(ID);
  const tellsReturn = (n: Scenario['nodes'][number]) => /told Carla that Dez went back to Rico/.test(n.narration ?? '');

  it('the decisions scoring a principle conditioned on a return to the exploiter are reached only through a scene that tells that return as news', () => {
    expect(onlyAfterReturnToExploiter).toEqual(expect.arrayContaining(['safety-is-priority', 'remain-accepting']));
    const scoring = s().nodes.filter((n) => n.kind === 'decision' && n.replies.some((r) => r.assessments.some((a) => onlyAfterReturnToExploiter.includes(a.principle)))).map((n) => n.id);
    expect(scoring).toEqual(['d5-text', 'd6-feelings', 'd7-ride']);
    const telling = new Set(s().nodes.filter(tellsReturn).map((n) => n.id));
    expect(telling.size).toBeGreaterThan(0);
    const before = reachableAvoiding(s(), telling);
    expect(scoring.filter((id) => before.has(id))).toEqual([]);
  });

  it('the news comes from the CSW, from a friend through Carla, and leaves her whereabouts unknown', () => {
    const scene = s().nodes.find(tellsReturn);
    expect(scene?.narration).toMatch(/^On Monday Mr\. Nasser calls: a friend of Dez's has told Carla that Dez went back to Rico the week she left\. Nobody knows where they are staying\./);
    expect(s().contentNote).toMatch(/news that she has gone back to the man who exploited her/);
  });

  it('d5-not-mad keeps its scoring, and its feedback and the note say when the guide asks the reassurance and that it holds here', () => {
    const r = bundledReply(ID, 'd5-text', 'd5-not-mad');
    expect(r.assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`)).toEqual(['safety-is-priority follows 2', 'remain-accepting follows 1']);
    expect(r.feedback).toMatch(/should a youth return to the person exploiting them, as Dez has gone back to Rico, the guide asks you to reassure her that your main priority is her safety regardless of her choices \(Likelihood of Relapse\)\.$/);
    const d5 = s().nodes.find((n) => n.id === 'd5-text');
    expect(d5?.kind === 'decision' ? d5.facilitatorNote : '').toMatch(/Dez has gone back to Rico, as Mr\. Nasser heard on Monday\. Should a youth return to the person exploiting them/);
    expect(d5?.kind === 'decision' ? d5.facilitatorNote : '').not.toMatch(/fears/);
  });
});

// 2. saturday-shoots ended strong (81%) after d2-pile (three questions in a row: "do not interrogate them") or d2-direct
// ("Is anybody paying you to do things with adults?": "Asking directly about potential CSEC activity may offend or
// alienate the youth"), both Red Flags, because trust climbed back to 60 by d7-plan. The strong route now reads the
// conduct, and the mixed ending tells the stairs. (d3-open-aunt, the hopeful push to tell her aunt, still may end
// strong at 81%: the guide names no harm for it beyond being youth-centered, weighed 1, and this scenario scores
// nothing on coming out; see the report.)
describe('story-55a: saturday-shoots does not end strong after interrogating Meron or asking her straight out', () => {
  const ID = 'saturday-shoots';
  const s = () => bundledScenario(ID);
  const BEST_AFTER = ['d1-talk', 'X', 'd3g-sister', 'd4-honest', 'd5-leah', 'd6-kid', 'd7-plan'];

  it.each(['d2-pile', 'd2-direct'])('no playthrough through %s ends strong', (id) => {
    expect(strongAfter(s(), [], { through: id, first: true }).get(id)).toBeUndefined();
  });

  it('no playthrough that breaks curious-not-interrogating or no-direct-csec-questions ends strong', () => {
    expect([...strongAfter(s(), ['curious-not-interrogating', 'no-direct-csec-questions']).keys()]).toEqual([]);
  });

  it.each([
    { id: 'd2-pile', told: /^On the stairs, the first thing Meron heard from you about her sneakers was three questions in a row, and she has kept her guard up with you since\. She goes to the shoot on Saturday/ },
    { id: 'd2-direct', told: /^On the stairs you asked Meron straight out whether anybody was paying her to do things with adults, and she has kept her guard up with you since\. She goes to the shoot on Saturday/ },
  ])('$id then the best of everything else, at 81%, ends mixed and says why', ({ id, told }) => {
    const d = endedOn(ID, BEST_AFTER.map((r) => (r === 'X' ? id : r)));
    expect(d.score.percent).toBe(81);
    expect(d.ending).toMatchObject({ id: 'end-mixed', kind: 'mixed' });
    expect(d.ending?.narration).toMatch(told);
  });
});

// 3. testifying d5-him ("Sure, put him on.") was told the guide's youth-centered, culturally sensitive support "starts with
// calling her who she is": the guide says no such thing (it has nothing on names), and the reply calls her nothing
// but "him". The feedback now says what the reply does against the principle it is scored on. The mixed ending's
// "when you asked him to put 'him' on" read as if Selene were the one asked; it quotes the reply's words.
describe('story-55a: testifying d5-him is told what its words did, not a rule the guide does not state', () => {
  const ID = 'testifying';
  const pins = pinsFor(ID);

  it('its feedback quotes the word the reply used and claims nothing the guide does not say about what being youth-centered starts with', () => {
    const r = pins.reply('d5-him');
    expect(r.text).toMatch(/put him on\.$/);
    expect(r.feedback).not.toMatch(/starts with|calling her who she is/);
    expect(r.feedback).toMatch(/But 'him' slipped in from Mr\. Dunn, and Selene is a girl; she hears that word all day at the home\. The guide asks a CASA to be youth-centered and culturally sensitive \(CASA Role and Expectations\); echoing the word staff use for her puts their habit ahead of her\.$/);
    // What each d5 feedback says a reply calls Selene is in that reply.
    for (const id of ['d5-check', 'd5-theirs', 'd5-him']) {
      const each = pins.reply(id);
      if (/you call Selene by her name/.test(each.feedback)) expect(each.text, id).toMatch(/\bSelene\b/);
      if (/you call Selene 'her'/.test(each.feedback)) expect(each.text, id).toMatch(/\bher\b/);
      if (/'him' slipped in/.test(each.feedback)) expect(each.text, id).toMatch(/\bhim\b/);
    }
  });

  it('after d5-him the mixed ending quotes what the volunteer said to Mr. Dunn', () => {
    const d = pins.bestWith({ 'd5-check': 'd5-him' });
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).toContain("since the phone call with Mr. Dunn: she was standing by the office when you said 'put him on', and");
  });
});

// 4. boy-red-flags d6-once ("Okay, just this once. Text me when you get there so I know you're safe, and I'll fill Ms.
// Ortega in tomorrow.") stays scored on its breach alone (csw-partnership violates 2): the check-in follows no section
// of the guide (its safety reassurance is asked "Should a youth return to their trafficker", and Theo has gone back to
// no one, as d6-train's note says), as saturday-shoots d4-keep's "text me Saturday night so I know you're safe" earns
// nothing. But its mixed ending told only "Theo is home by Monday. At your next visit he talks about the BMX frame":
// nothing of the night at Vince's kept from Ray and from his CSW. It now tells it, warm or cold.
describe('story-55a: boy-red-flags tells the night d6-once kept from Ray and Ms. Ortega', () => {
  const ID = 'boy-red-flags';
  const BEST = ['d1-maybe', 'd2-light', 'd3-careful', 'd4-jonah', 'd5-person', 'd6-once'];

  it('with Theo\'s trust kept, the mixed ending tells the night and the day-late word to Ms. Ortega, and keeps the warm visit', () => {
    const d = endedOn(ID, BEST);
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/^Theo spent Sunday night at Vince's and texted you from there, as you asked; he is home by Monday\. Ray learned where he had been only afterwards, and Ms\. Ortega heard it from you a day late/);
    expect(d.ending?.narration).toMatch(/talks about the BMX frame and the tire shop, though not about that night or about Vince/);
  });

  it('with his trust lost, it tells the night without the warm visit', () => {
    const d = endedOn(ID, BEST.map((r) => (r === 'd2-light' ? 'd2-pile' : r === 'd3-careful' ? 'd3-drop' : r)));
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/Ms\. Ortega heard it from you a day late/);
    expect(d.ending?.narration).toMatch(/hasn't brought that night up with you since/);
    expect(d.ending?.narration).not.toMatch(/BMX/);
  });
});
