import { describe, expect, it } from 'vitest';
import { whenHolds } from '../../src/machines/conditions.js';
import { bundledScenario, bundledDecision } from '../helpers/bundled.js';
import { sessionAfter } from '../helpers/play.js';
import { endedOn } from '../helpers/story.js';
import { walkPlaythroughs } from '../helpers/walk.js';

// Session reread-b-53: judgement calls earlier readers left in dual-involvement, left-placement-calls and
// whereabouts-unknown, decided against the guide and each story's own logic. Scoring is unchanged.

describe('reread-b-53: dual-involvement, the flag set when Ms. Adeyemi hears what you can offer', () => {
  // d2-ask opens "I'm Rithy's CASA", so after it Ms. Adeyemi knows who the volunteer is; the flag stays unset
  // (it sends the story to s2-cold, where she has not been in touch), yet its label said "Ms. Adeyemi knows who
  // you are". The label now says what each reply that sets it does: tells her what the CASA can offer Rithy.
  const FIRST = ['d1-supervisor', 'd1-hearing', 'd1-wait'];

  it.each(FIRST)('after %s and d2-ask, the unset flag does not deny that she knows who you are', (first) => {
    const s = bundledScenario('dual-involvement');
    const ask = bundledDecision('dual-involvement', 'd2-intro').replies.find((r) => r.id === 'd2-ask');
    expect(ask?.text).toMatch(/^I'm Rithy's CASA\./);
    const vars = sessionAfter(s, [first, 'd2-ask']).getSnapshot().context.variables;
    expect(vars.introduced).toBe(0);
    const label = s.variables?.find((v) => v.id === 'introduced')?.label ?? '';
    expect(label).not.toMatch(/knows who you are/i);
    expect(label).toMatch(/what you can offer/);
  });

  // Session contentb-54: d3-ask's email ("introduce yourself properly") offers her nothing, so it no longer sets the
  // flag (nothing after it reads it); story-54c.test.ts checks that.
  it('each reply that sets the flag offers Ms. Adeyemi something', () => {
    const s = bundledScenario('dual-involvement');
    const setters = s.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).filter((r) => r.effects?.some((e) => e.var === 'introduced' && 'set' in e && e.set === true));
    expect(setters.map((r) => r.id).sort()).toEqual(['d2-introduce', 'd2-used']);
    for (const r of setters) expect(r.text, r.id).toMatch(/I can (write|speak)/);
  });
});

describe('reread-b-53: dual-involvement, "You kept out of the delinquency case" after d1-wait', () => {
  // d1-wait ("Leave it to his public defender") sets hands-off; d3-strengths and d3-groomed, which write the statement,
  // unset it, but d3-gallery (going to the hearing) and d3-ask (asking Beth, emailing Ms. Adeyemi) left it set,
  // so the story held that a volunteer who sat in the courtroom had kept out of the case.
  it.each(['d3-gallery', 'd3-ask'])('after d1-wait, d2-ask and %s, the flag is unset', (reply) => {
    const s = bundledScenario('dual-involvement');
    expect(sessionAfter(s, ['d1-wait', 'd2-ask']).getSnapshot().context.variables['hands-off']).toBe(1);
    expect(sessionAfter(s, ['d1-wait', 'd2-ask', reply]).getSnapshot().context.variables['hands-off']).toBe(0);
  });

  it('d3-skip still keeps out of it', () => {
    const s = bundledScenario('dual-involvement');
    expect(sessionAfter(s, ['d1-supervisor', 'd2-ask', 'd3-skip']).getSnapshot().context.variables['hands-off']).toBe(1);
  });
});

describe('reread-b-53: left-placement-calls, "Back, for now" after the stricter placement', () => {
  // Two end-mixed variants (a stricter placement asked for, with or without the plan Ari wrote) read
  // "She knows you asked Tomas… She answers your texts, briefly.": two sentences in a row opening on "She".
  const sentences = (text: string) => text.split(/(?<=[.!?]["”]?)\s+/);
  const endings = () => bundledScenario('left-placement-calls').nodes.flatMap((n) => (n.kind === 'ending' ? [{ id: n.id, texts: [n.narration, ...(n.variants ?? []).map((v) => v.narration)] }] : []));

  it('no ending or variant has two sentences in a row that open on "She"', () => {
    const found: string[] = [];
    for (const e of endings()) for (const t of e.texts) {
      const s = sentences(t);
      for (let i = 1; i < s.length; i++) if (/^She\b/.test(s[i - 1] ?? '') && /^She\b/.test(s[i] ?? '')) found.push(`${e.id}: ${s[i - 1]} ${s[i]}`);
    }
    expect(found).toEqual([]);
  });

  it('the stricter variants still tell the request to Tomas and that she answers your texts, briefly', () => {
    const mixed = endings().find((e) => e.id === 'end-mixed');
    const stricter = mixed?.texts.filter((t) => /stricter/.test(t)) ?? [];
    expect(stricter).toHaveLength(3);
    for (const t of stricter.slice(1)) expect(t).toMatch(/She knows you asked Tomas to move her somewhere stricter, and still answers your texts, briefly\./);
  });
});

describe('reread-b-53: whereabouts-unknown, "Arm\'s length" after a search', () => {
  // end-distance told what was said at the kitchen table and nothing of a search while Dez was away (the drive along
  // Lake Avenue, d2-drive; her tablet, d2-tablet; the traced number, d6-trace), which end-mixed tells as what she
  // hears and why she answers slowly. Every end-distance playthrough is checked, as the machine picks its words.
  const DROVE = /you drove up and down Lake Avenue looking for her/;
  const NUMBER = /looked up the number she texted you from/;
  const TRIED = /you tried to find out who she was in touch with/;
  const D8_WORDS: Record<string, RegExp> = {
    'd8-plan': /Dez lets you start a plan with her/,
    'd8-wrote': /the plan you wrote/,
    'd8-promise': /your promise to come and get her, which you are not allowed to keep/,
    'd8-later': /Your name is not on the list\./,
    'd8-love': /Your name is not on the list\./,
  };

  it('every end-distance playthrough tells the search it made, and only that; the kitchen-table reply is still told', () => {
    const wrong: string[] = [];
    const seen = new Set<string>();
    walkPlaythroughs(bundledScenario('whereabouts-unknown'), ({ ending, vars, conduct, path }) => {
      if (ending.id !== 'end-distance') return;
      const told = ending.variants?.find((v) => whenHolds(v.when, vars, conduct))?.narration ?? ending.narration;
      const drove = path.includes('d2-drive');
      const traced = path.includes('d6-trace');
      const tablet = path.includes('d2-tablet');
      const kind = drove ? (traced ? 'drove+number' : 'drove') : traced || tablet ? 'tried' : 'none';
      seen.add(`${kind} ${path.at(-1) ?? ''}`);
      const ok = DROVE.test(told) === drove && NUMBER.test(told) === (drove && traced) && TRIED.test(told) === (kind === 'tried')
        && /not first responders/.test(told) === drove && (D8_WORDS[path.at(-1) ?? '']?.test(told) ?? false);
      if (!ok) wrong.push(`${path.join(' ')}: ${told}`);
    });
    // Each search with each reply at the kitchen table reaches this ending.
    expect(seen.size).toBe(20);
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it('played through: the drive, the traced number and d8-later end at arm\'s length, both searches told', () => {
    const d = endedOn('whereabouts-unknown', ['d1-stop', 'd2-drive', 'd3-wait', 'd4-honest', 'd5-where', 'd6-trace', 'd7-csw', 'd8-later']);
    expect(d.ending?.id).toBe('end-distance');
    expect(d.ending?.narration).toMatch(DROVE);
    expect(d.ending?.narration).toMatch(NUMBER);
    expect(d.ending?.narration).toMatch(/a cousin in Pasadena/);
  });
});
