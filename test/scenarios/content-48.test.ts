import { describe, expect, it } from 'vitest';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';
import { unintroduced } from '../helpers/introduced.js';

// Session content-48: a fresh read of testifying and dual-involvement against the guide and the story.

/** Every text a volunteer or trainer is shown at a node: narration, lines, prompt, facilitator note, replies and their feedback, ending variants. */
function textsOf(id: string): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  for (const n of bundledScenario(id).nodes) {
    if (n.narration) out.push({ where: `${n.id} narration`, text: n.narration });
    for (const [i, l] of (n.lines ?? []).entries()) out.push({ where: `${n.id} line ${i + 1}`, text: l.text });
    if (n.kind === 'decision') {
      if (n.facilitatorNote) out.push({ where: `${n.id} facilitatorNote`, text: n.facilitatorNote });
      for (const r of n.replies) {
        out.push({ where: `${n.id}/${r.id} text`, text: r.text });
        out.push({ where: `${n.id}/${r.id} feedback`, text: r.feedback });
      }
    }
    if (n.kind === 'ending') for (const [i, v] of (n.variants ?? []).entries()) out.push({ where: `${n.id} variant ${i + 1}`, text: v.narration });
  }
  return out;
}


describe('testifying: the story holds together', () => {
  it('Mr. Osei is said to be Selene\'s dependency attorney (in d1-have-to\'s narration) before d1\'s replies name him ("Mr. Osei can answer that part")', () => {
    expect(unintroduced(bundledScenario('testifying'), 'Mr. Osei', /dependency attorney/, 'osei')).toEqual([]);
  });

  it('after the cousin\'s message is deleted and kept from the team (d6-block), no reply at the check-in tells Hannah about it that evening: the ending says the team learns of it only weeks later', () => {
    const kept = bundledScenario('testifying').nodes.find((n) => n.id === 'end-mixed');
    const variant = kept?.kind === 'ending' ? kept.variants?.find((v) => JSON.stringify(v.when) === JSON.stringify({ var: 'kept', is: true })) : undefined;
    expect(variant?.narration).toContain('learns about the message you deleted only weeks later'); // reader-b-57: no longer 'when you mention it', an act no reply made
    expect(bundledReply('testifying', 'd6-message', 'd6-block').effects).toContainEqual({ var: 'kept', set: true });
    // d6-block routes on to s6-call/s6-text, d7-worry and d8-self; every reply at d8-self is offered there.
    for (const r of bundledDecision('testifying', 'd8-self').replies) expect(`${r.id}: ${r.text}`).not.toMatch(/\bmessage\b/i);
    expect(bundledReply('testifying', 'd8-self', 'd8-honest').text).toBe('Wiped out. This week shook me more than I let on. I could use this call.');
  });

  it('Ms. Ibarra passes on the date of the preliminary hearing; nothing says she set it (a criminal court sets its own hearings)', () => {
    const said = textsOf('testifying').filter((t) => /\bwho set (it|the date)\b/.test(t.text)).map((t) => t.where);
    expect(said).toEqual([]);
    expect(bundledReply('testifying', 'd5-date', 'd5-theirs').feedback).toContain('two dates for one hearing is something Ms. Ibarra, who gave you the 14th, needs to hear about');
  });
});

describe('dual-involvement: the story holds together', () => {
  it('the detention hearing d1-hearing goes to on Tuesday is set up by Mr. Trujillo\'s call on Monday, before any reply names it', () => {
    expect(bundledReply('dual-involvement', 'd1-news', 'd1-hearing').text).toMatch(/Clear Tuesday morning and go to his detention hearing/);
    const start = bundledScenario('dual-involvement').nodes.find((n) => n.id === 's0-arrest');
    expect(start?.narration).toMatch(/^Rithy's CSW calls/);
    const told = [start?.narration ?? '', ...(start?.lines ?? []).map((l) => l.text)].join(' ');
    expect(told).toMatch(/detention hearing (is )?tomorrow/);
  });
});
