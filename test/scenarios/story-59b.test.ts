import { describe, expect, it } from 'vitest';
import { whenHolds } from '../../src/machines/conditions.js';
import { BUNDLED_IDS, bundledReply, bundledScenario } from '../helpers/bundled.js';
import { endedOn, toldBetween } from '../helpers/story.js';
import { walkPlaythroughs } from '../helpers/walk.js';

// Session reader-b-59: a fresh reader's pass over jae-and-hyung, testifying and whereabouts-unknown.

const TESTIFYING_BEST = ['d1-scary', 'd2-around', 'd3-team', 'd4-arrange', 'd5-check', 'd6-forward', 'd7-tell', 'd8-honest'];
const swap = (best: readonly string[], changes: Record<string, string>) => best.map((r) => changes[r] ?? r);

// 1. testifying d6-profile said "Don't reply yet. First look through the account's followers…", and is credited with
// keeping no-trafficker-contact ("Not replying is right (Prohibited Activities)"). "Yet" says a reply is coming once
// the volunteer knows who sent it: the credit would go to a reply that plans the contact the guide rules out. It now
// says "Don't reply", as the set's other search that keeps the line does (trafficker-contact d1-text-search, "Don't
// reply. Instead, …"; docs/authoring.md, section 6, "A prohibited act is not a strength").
describe('reader-b-59: testifying d6-profile, credited for not replying, does not say it will reply later', () => {
  it('the reply credited on no-trafficker-contact says no reply, not "not yet"', () => {
    const r = bundledReply('testifying', 'd6-message', 'd6-profile');
    const kept = r.assessments.find((a) => a.principle === 'no-trafficker-contact');
    expect([kept?.verdict, kept?.weight ?? 1]).toEqual(['follows', 1]);
    expect(r.text).not.toMatch(/\byet\b/i);
    expect(r.text).toMatch(/^Don't reply\./);
    expect(r.feedback).toMatch(/^Not replying is right \(Prohibited Activities\)\./);
  });

  it('every testifying reply credited with keeping no-trafficker-contact says no reply without a "yet"', () => {
    for (const id of ['d6-forward', 'd6-profile', 'd6-block']) {
      const r = bundledReply('testifying', 'd6-message', id);
      expect(r.assessments.find((a) => a.principle === 'no-trafficker-contact')?.verdict, id).toBe('follows');
      expect(r.text, id).not.toMatch(/\b(yet|for now|later)\b/i);
    }
  });
});

// 2. testifying end-mixed, after d8-fine ("I'm fine, really" to Hannah), opened "Selene still answers your texts.",
// the scenario's words for a bond with Selene that held under strain ("she still answers your texts, a little more
// carefully", "… but she checks things with Mr. Osei first now"). A playthrough best practice with Selene at every
// decision and "I'm fine" to Hannah (86%, the Strong band) ends here: nothing it said or did to Selene strained
// anything, and what the ending is for is the strain the volunteer kept from Hannah. It now opens on what every
// playthrough told it did: Selene got through the hearing.
describe('reader-b-59: testifying, the ending after "I\'m fine" to Hannah tells no strain with Selene that no reply caused', () => {
  it('best practice with Selene, then d8-fine: the mixed ending tells the sleepless nights, not a cooler Selene', () => {
    const d = endedOn('testifying', swap(TESTIFYING_BEST, { 'd8-honest': 'd8-fine' }));
    expect(d.score.percent).toBe(86);
    expect(d.outcome.band).toBe('strong');
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/You told Hannah you were fine; you are sleeping badly before every court date, and nobody knows\./);
    expect(d.ending?.narration).not.toMatch(/still answers/);
    expect(d.ending?.narration).toMatch(/^Selene got through the hearing\./);
  });

  it('every playthrough told that variant said "I\'m fine" to Hannah after the hearing, so its opening holds for each', () => {
    const s = bundledScenario('testifying');
    const end = s.nodes.find((n) => n.id === 'end-mixed');
    const carrying = end?.kind === 'ending' ? end.variants?.find((v) => /You told Hannah you were fine/.test(v.narration ?? '')) : undefined;
    expect(carrying?.narration).toMatch(/^Selene got through the hearing\./);
    const told: string[][] = [];
    walkPlaythroughs(s, ({ ending, vars, conduct, path }) => {
      const variant = ending.variants?.find((v) => whenHolds(v.when, vars, conduct));
      if (variant === carrying) told.push(path);
    });
    expect(told.length).toBeGreaterThan(0);
    for (const path of told) expect(path.at(-1), path.join(' ')).toBe('d8-fine');
    // The hearing scene (s7-hearing: "Selene testifies at Lonnie's preliminary hearing") is on the way to d8-self.
    expect(toldBetween('testifying', swap(TESTIFYING_BEST, { 'd8-honest': 'd8-fine' }), 'd7-worry', 'd8-self')).toMatch(/Selene testifies at Lonnie's preliminary hearing/);
  });
});

// 3. testifying d4-drive's author note set it beside red-flags r-testify-solo, quoting that reply as "No need to loop
// everyone in". r-testify-solo says "keep it between the two of you" (its own note, and docs/authoring.md section 10,
// quote it so); a trainer following the note to red-flags would not find the words it gives. Every author note in the
// bundled set that quotes a reply by its id now quotes words the reply has.
describe('reader-b-59: author notes quote other replies in the words those replies have', () => {
  /** Every author note of the bundled set (scenario, nodes, replies), with the scenario it is in. */
  const notes = () => BUNDLED_IDS.flatMap((id) => {
    const s = bundledScenario(id);
    return [s.authorNotes ?? '', ...s.nodes.flatMap((n) => [n.authorNotes ?? '', ...(n.kind === 'decision' ? n.replies.map((r) => r.authorNotes ?? '') : [])])]
      .filter((t) => t !== '').map((text) => ({ id, text }));
  });
  const replyText = (scenarioId: string, replyId: string) => bundledScenario(scenarioId).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((r) => r.id === replyId)?.text;

  it('a reply id followed by a quotation in a note ("[scenario] reply-id, "…"" or "(…)") is quoted as the reply reads, each part around an ellipsis', () => {
    const checked: string[] = [];
    const wrong: string[] = [];
    for (const { id, text } of notes()) {
      for (const m of text.matchAll(/(?:([a-z-]+) )?([a-z0-9]+-[a-z0-9-]+),? \(?"([^"]+)"/g)) {
        const scenarioId = m[1] && BUNDLED_IDS.includes(m[1]) ? m[1] : id;
        const said = replyText(scenarioId, m[2] ?? '');
        if (said === undefined) continue;
        checked.push(`${scenarioId}/${m[2]}`);
        const parts = (m[3] ?? '').split(/…|\.\.\./).map((p) => p.replace(/^[\s.,]+|[\s.,]+$/g, '')).filter((p) => p !== '');
        if (!parts.every((p) => said.includes(p))) wrong.push(`${id}: ${scenarioId}/${m[2]} "${m[3]}"`);
      }
    }
    expect(checked).toContain('red-flags/r-testify-solo');
    expect(wrong).toEqual([]);
  });
});
