import { describe, expect, it } from 'vitest';
import { whenHolds, type Variables } from '../../src/machines/conditions.js';
import type { Conduct } from '../../src/machines/conduct.js';
import { bundledScenario } from '../helpers/bundled.js';
import { walkPlaythroughs } from '../helpers/walk.js';

// Session reader-a-61: all sixteen scenarios read from one angle, what each ending, each ending variant and each
// scene reached on a condition claims the volunteer did, against every playthrough that is told it. A throwaway walk
// listed, for every closing text and every such scene, the replies taken on the way there; no claim was found false on
// any playthrough, so no scenario was changed. The cases below keep the endings so: each is a sentence that says what the volunteer did
// or never did (no word to the trafficker's people, never deciding for the youth, a promise kept or never made), and
// the condition that must hold for every playthrough whose closing text says it. Variants are told first-match, so
// reordering them, loosening a route or a "when", or a new reply that sets the same flag can put such a sentence in
// front of a playthrough it is not true of; the audit checks the strong ending's name, not these words.

const broke = (c: Conduct, principle: string) => c.violations[principle] ?? 0;
const flag = (v: Variables, id: string) => v[id] ?? 0;

type Claim = { id: string; says: RegExp; holds: (vars: Variables, conduct: Conduct) => boolean; because: string };

const CLAIMS: Claim[] = [
  { id: 'trafficker-contact', says: /Nobody around (Quan|the person exploiting Imani) ever got a word from you|You never answered/,
    holds: (_, c) => broke(c, 'no-trafficker-contact') === 0, because: 'no reply sent a word to the people around Quan' },
  { id: 'trafficker-contact', says: /every message (that came in )?reached (her team|Ms\. Okafor)[^:]*?\./,
    holds: (v) => flag(v, 'deleted-threat') === 0, because: 'the 11:02 threat was not deleted unseen' },
  { id: 'trafficker-contact', says: /you went looking/,
    holds: (_, c) => broke(c, 'no-investigating') > 0 && broke(c, 'no-trafficker-contact') === 0, because: 'a search, and no word to them' },
  { id: 'red-flags', says: /You never decided for Yesi what was happening/,
    holds: (v, c) => flag(v, 'conclusions') === 0 && broke(c, 'no-jumping-to-conclusions') === 0 && broke(c, 'non-judgmental') === 0, because: 'no conclusion and no label about her' },
  { id: 'red-flags', says: /you never asked her to prove it/,
    holds: (v, c) => flag(v, 'harm') === 0 && broke(c, 'curious-not-interrogating') === 0 && broke(c, 'no-direct-csec-questions') === 0, because: 'no questioning, no direct question, no search' },
  { id: 'couch-rent', says: /Arev knew from you, on the bench, that it would go to your supervisor/,
    holds: (v) => flag(v, 'promised') === 0 && flag(v, 'told') === 1, because: 'no promise of secrecy, and Naomi was told' },
  { id: 'youth-discloses', says: /you told Kiara what was happening before it happened/,
    holds: (_, c) => broke(c, 'consult-supervisor-on-suspicion') === 0, because: 'neither a promise of secrecy nor a call made before Renee heard' },
  { id: 'youth-discloses', says: /Your supervisor and Kiara's CSW know what she told you/,
    holds: (v) => flag(v, 'told') === 1 && flag(v, 'csw-informed') === 1, because: 'Renee and Ana were both told' },
  { id: 'left-placement-calls', says: /a CASA who will keep texting/,
    holds: (v, c) => broke(c, 'keep-communication-open') === 0 && flag(v, 'pickedup') === 0 && flag(v, 'sentride') === 0 && flag(v, 'rescuing') === 0,
    because: 'kept texting, and neither came, sent a car nor made herself the crisis line' },
  { id: 'testifying', says: /because Ms\. Ibarra and Mr\. Osei had asked/,
    holds: (v) => flag(v, 'secret') === 0 && flag(v, 'went-to-da') === 0, because: 'her worry went to Ms. Ibarra and Mr. Osei' },
  { id: 'harm-reduction', says: /each time he has come back on his own and told someone/,
    holds: (v) => flag(v, 'secret') === 0 && flag(v, 'left-on-read') === 0, because: 'nothing kept from Ms. Castillo, and his text answered' },
  { id: 'saturday-shoots', says: /Leah helps you and the team think through what comes next/,
    holds: (v, c) => broke(c, 'consult-supervisor-on-suspicion') === 0 && flag(v, 'held') === 0, because: 'Leah heard it that night, and no step was settled without her' },
  { id: 'boy-red-flags', says: /Ms\. Ortega and Jonah help you think through next steps/,
    holds: (v, c) => broke(c, 'consult-supervisor-on-suspicion') === 0 && flag(v, 'searched') === 0, because: 'Jonah heard it first, and nobody was looked up' },
  { id: 'whereabouts-unknown', says: /Dez writes three names on a napkin/,
    holds: (v) => flag(v, 'planned') === 1 && flag(v, 'picked-up') === 0, because: 'a plan in her words, and no promise to come and get her' },
  { id: 'dual-involvement', says: /Jordan and you finally talk once the form is on file/,
    holds: (v) => flag(v, 'no-form') === 0, because: 'the authorization form was asked for' },
  { id: 'court-report', says: /nothing she told you in confidence is there/,
    holds: (v) => flag(v, 'exposed') === 0 && flag(v, 'slips') === 0 && flag(v, 'revealing') === 0, because: 'no line that would disclose or label her' },
  { id: 'before-relapse', says: /after she tells the court she wants them/,
    holds: (v, c) => flag(v, 'kept-as-is') === 0 && broke(c, 'ongoing-support') === 0, because: 'her support kept, and Rina asked' },
  { id: 'youth-relapses', says: /she knows your support doesn't depend on her being perfect/,
    holds: (v, c) => flag(v, 'conditional') === 0 && broke(c, 'remain-accepting') === 0, because: 'no condition put on your support' },
  { id: 'jae-and-hyung', says: /while you wait in the lobby/,
    holds: (v) => flag(v, 'postponed') === 0 && flag(v, 'rescue') === 0 && flag(v, 'contacted') === 0, because: 'the screening went ahead, and no promise to come and get him' },
  { id: 'the-list', says: /The judge has read your report and asks him about his sound work/,
    holds: (_, c) => broke(c, 'report-objective-strengths-based') === 0, because: 'a report of his strengths, with no belief or debt in it' },
];

/** For each claim about one scenario: how many playthroughs are told it, and the first told it that it is not true of. */
function checkClaims(id: string, claims: readonly Claim[]): { told: number; untrue?: string }[] {
  const results: { told: number; untrue?: string }[] = claims.map(() => ({ told: 0 }));
  walkPlaythroughs(bundledScenario(id), ({ ending, vars, conduct, path }) => {
    const text = ending.variants?.find((v) => whenHolds(v.when, vars, conduct))?.narration ?? ending.narration;
    claims.forEach((claim, i) => {
      if (!claim.says.test(text)) return;
      const r = results[i] as { told: number; untrue?: string };
      r.told += 1;
      if (r.untrue === undefined && !claim.holds(vars, conduct)) r.untrue = path.join(' ');
    });
  });
  return results;
}

describe('reader-a-61: what an ending says the volunteer did holds for every playthrough told it', () => {
  const checked = new Map<string, { told: number; untrue?: string }[]>();
  const resultFor = (claim: Claim) => {
    const claims = CLAIMS.filter((c) => c.id === claim.id);
    let r = checked.get(claim.id);
    if (!r) checked.set(claim.id, (r = checkClaims(claim.id, claims)));
    return r[claims.indexOf(claim)] as { told: number; untrue?: string };
  };

  for (const claim of CLAIMS) {
    it(`${claim.id}: "${claim.says.source}" only where ${claim.because}`, () => {
      const { told, untrue } = resultFor(claim);
      expect(told, 'the sentence is still told somewhere').toBeGreaterThan(0);
      expect(untrue, 'a playthrough told it that it is not true of').toBeUndefined();
    });
  }
});
