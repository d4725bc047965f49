import { describe, expect, it } from 'vitest';
import { whenHolds } from '../../src/machines/conditions.js';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';
import { sessionAfter } from '../helpers/play.js';
import { endedOn } from '../helpers/story.js';
import { walkPlaythroughs } from '../helpers/walk.js';

// Session contentb-54: judgement calls readers left in jae-and-hyung, whereabouts-unknown, dual-involvement and
// before-relapse, decided against the guide. Scoring is unchanged.

// A sentence ends at . ? or ! before a capital or a quote, but not at "Mr." or "Ms." before a name.
const sentences = (t: string): string[] => t.split(/(?<!\b(?:Mr|Ms|Mrs|Dr)\.)(?<=[.?!])\s+(?=[A-Z"])/).filter((x) => x.trim() !== '');

describe('contentb-54: jae-and-hyung d2-rule\'s feedback in two or three sentences', () => {
  // docs/authoring.md section 6 asks for feedback in two or three sentences; d2-rule's had five.
  it('is at most three sentences, and still cites both principles it scores, with the words it answers', () => {
    const r = bundledReply('jae-and-hyung', 'd2-open', 'd2-rule');
    expect(sentences(r.feedback).length).toBeLessThanOrEqual(3);
    expect(r.assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`)).toEqual(['consult-supervisor-on-suspicion follows 2', 'youth-centered violates 1']);
    expect(r.feedback).toContain('(Red Flags)');
    expect(r.feedback).toContain('(CASA Role and Expectations)');
    expect(r.feedback).toMatch(/"I'm not allowed" leaves his fear for Umma unanswered/);
    expect(r.feedback).toMatch(/say what you will do and why/);
  });
});

describe('contentb-54: feedback in the four scenarios read this session keeps to two or three sentences', () => {
  // Besides d2-rule (five), three replies ran to four: jae-and-hyung d3-keep-csw-out, whereabouts-unknown d7-rideshare
  // and d8-wrote. Each was joined up, its citations kept. dual-involvement d4-swap's clause "something a CASA may be
  // able to do there" read as if the courts were where a CASA helps; it now names the section.
  it.each(['jae-and-hyung', 'whereabouts-unknown', 'dual-involvement', 'before-relapse'])('%s: no reply\'s feedback runs past three sentences', (id) => {
    const long = bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).filter((r) => sentences(r.feedback).length > 3).map((r) => r.id);
    expect(long).toEqual([]);
  });

  it('dual-involvement d4-swap says which section tells of help with legal needs, with no stray "there"', () => {
    const f = bundledReply('dual-involvement', 'd4-courts', 'd4-swap').feedback;
    expect(f).not.toMatch(/may be able to do there/);
    expect(f).toMatch(/in the section that says a CASA may be able to help with a youth's legal needs \(Legal Advocacy\)/);
    expect(f).toContain('(CASA Role and Expectations)');
    expect(f).toContain('(Collaboration with Case Parties)');
  });
});

describe('contentb-54: whereabouts-unknown endings tell the rideshare and the searches that happened', () => {
  const RIDE = /you arranged her ride, not Mr\. Nasser/;
  const DROVE = /you drove up and down Lake Avenue looking for her/;
  const NUMBER = /looked up the number she texted you from/;
  const TRIED = /you tried to find out who she was in touch with/;
  const told = (ending: { narration: string; variants?: { when: Parameters<typeof whenHolds>[0]; narration: string }[] }, vars: Parameters<typeof whenHolds>[1], conduct: Parameters<typeof whenHolds>[2]) =>
    ending.variants?.find((v) => whenHolds(v.when, vars, conduct))?.narration ?? ending.narration;

  // After d7-rideshare trust can still fall under 40 at the kitchen table, and "Arm's length" told nothing of the
  // ride the volunteer booked, which end-mixed tells; each of its variants now has a twin that tells it.
  it('every end-distance playthrough tells the rideshare when it was booked, and only then, with the rest still told', () => {
    const wrong: string[] = [];
    const seen = new Set<string>();
    walkPlaythroughs(bundledScenario('whereabouts-unknown'), ({ ending, vars, conduct, path }) => {
      if (ending.id !== 'end-distance') return;
      const text = told(ending, vars, conduct);
      const ride = path.includes('d7-rideshare');
      const drove = path.includes('d2-drive');
      const traced = path.includes('d6-trace');
      const searched = traced || path.includes('d2-tablet');
      seen.add(`${ride} ${drove} ${searched} ${path.at(-1) ?? ''}`);
      const ok = RIDE.test(text) === ride && DROVE.test(text) === drove && NUMBER.test(text) === (drove && traced)
        && TRIED.test(text) === (!drove && searched)
        && (path.at(-1) === 'd8-promise' ? /your promise to come and get her/.test(text) && (!ride || /about the promise and the ride/.test(text)) : true)
        && (/Your name is not on (her|the) list\./.test(text) || path.at(-1) === 'd8-promise');
      if (!ok) wrong.push(`${path.join(' ')}: ${text}`);
    });
    // The rideshare reaches this ending with every search and every kitchen-table reply (5 x 4 each way).
    expect([...seen].filter((k) => k.startsWith('true')).length).toBe(20);
    expect(seen.size).toBe(40);
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it('played through: the rideshare and "the future can wait" end at arm\'s length, the ride told', () => {
    const d = endedOn('whereabouts-unknown', ['d1-stop', 'd2-learn', 'd3-checkin', 'd4-step-back', 'd5-where', 'd6-tell', 'd7-rideshare', 'd8-later']);
    expect(d.ending?.id).toBe('end-distance');
    expect(d.ending?.narration).toMatch(RIDE);
    expect(d.ending?.narration).toMatch(/Your name is not on the list\./);
  });

  // "The ride" (end-ride) is reached only after d7-go, never after the rideshare; it told nothing of a search made
  // while Dez was away, which the other two endings after the kitchen table tell.
  it('every end-ride playthrough came through d7-go, and tells the search it made, and only that', () => {
    const wrong: string[] = [];
    const seen = new Set<string>();
    walkPlaythroughs(bundledScenario('whereabouts-unknown'), ({ ending, vars, conduct, path }) => {
      if (ending.id !== 'end-ride') return;
      const text = told(ending, vars, conduct);
      const drove = path.includes('d2-drive');
      const traced = path.includes('d6-trace');
      const searched = traced || path.includes('d2-tablet');
      seen.add(`${drove} ${traced} ${searched}`);
      const ok = path.at(-1) === 'd7-go' && !path.includes('d7-rideshare') && !RIDE.test(text)
        && DROVE.test(text) === drove && NUMBER.test(text) === (drove && traced) && TRIED.test(text) === (!drove && searched)
        && /not first responders/.test(text) === drove && /Dez now knows you will come if she calls\./.test(text);
      if (!ok) wrong.push(`${path.join(' ')}: ${text}`);
    });
    expect(seen.size).toBe(5);
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  // The note said the guide asks "to reassure the youth that their main priority is her safety", which read as
  // Dez's priority, and left out when the guide asks it (Likelihood of Relapse: "Should a youth return to their
  // trafficker").
  it('d5-text\'s note gives the guide\'s words for the reassurance, and when it asks for it', () => {
    const note = bundledDecision('whereabouts-unknown', 'd5-text').facilitatorNote ?? '';
    expect(note).not.toMatch(/their main priority is her safety/);
    expect(note).toContain('"that your main priority is their safety regardless of their choices" (Likelihood of Relapse)');
    expect(note).toMatch(/Should a youth return to the person exploiting them/);
  });
});

describe('contentb-54: dual-involvement, "Ms. Adeyemi heard what you can offer Rithy"', () => {
  // d3-ask ("email Ms. Adeyemi tonight to introduce yourself properly") set the flag, though it offers her nothing;
  // nothing after d3-hearing reads it, so it no longer sets it, and the label is true of each reply that does.
  it('is set only by replies that tell her what the CASA can offer', () => {
    const s = bundledScenario('dual-involvement');
    const setters = s.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).filter((r) => r.effects?.some((e) => e.var === 'introduced' && 'set' in e && e.set === true));
    expect(setters.map((r) => r.id).sort()).toEqual(['d2-introduce', 'd2-used']);
    for (const r of setters) expect(r.text, r.id).toMatch(/I can (write|speak) .*his strengths/);
    expect(s.variables?.find((v) => v.id === 'introduced')?.label).toBe('Ms. Adeyemi heard what you can offer Rithy');
  });

  it('after d2-ask and d3-ask the flag is unset, and d3-ask still unsets hands-off', () => {
    const s = bundledScenario('dual-involvement');
    const vars = sessionAfter(s, ['d1-wait', 'd2-ask', 'd3-ask']).getSnapshot().context.variables;
    expect(vars.introduced).toBe(0);
    expect(vars['hands-off']).toBe(0);
  });
});

describe('contentb-54: recommendations the guide says CASAs "can make"', () => {
  // Potential Recommendations: "There are also some recommendations that CASAs can make specifically for
  // CSEC-identified youth." The notes said the guide says a CASA can, "not that she must" (or "a CASA"): words the guide does not have.
  it.each([
    ['before-relapse', 'd7-report', /Restoration Funds/],
    ['dual-involvement', 'd8-report', /secondary CSW/],
  ])('%s %s\'s note says what the guide says, and how leaving it out is scored', (id, nodeId, what) => {
    const note = bundledDecision(id, nodeId).facilitatorNote ?? '';
    expect(note).not.toMatch(/\bmust\b/);
    expect(note).toMatch(what);
    expect(note).toMatch(/among (the recommendations|those) CASAs can make/);
    expect(note).toMatch(/scored as a missed chance, not as going against the guide/);
  });
});
