import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The guide's example of investigating is "researching your youth online" (Prohibited Activities).
// Session 50's readers found it shortened to "researching online" in six scenarios (testifying,
// fixed by its reader; boy-red-flags, the-list, whereabouts-unknown and harm-reduction), which widens
// the guide's words to whatever the scenario's volunteer searches (a man the youth meets, a phone
// number). The scoring stands where the search looks into the allegation; the quotation is the guide's.
const ROOT = join(import.meta.dirname, '..', '..');
const ids = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).map((f) => f.replace(/\.json$/, ''));

describe('the guide\'s example of investigating, in every bundled scenario (50)', () => {
  it.each(ids)('%s never gives "researching online" as the guide\'s words', (id) => {
    const t = readFileSync(join(ROOT, 'scenarios', `${id}.json`), 'utf8');
    expect(t.match(/[^.]*\bresearching online\b[^.]*/g) ?? []).toEqual([]);
  });
});

// The guide strongly encourages CASAs "to take care of oneself and discuss challenges with your
// Advocate Supervisor"; the EAP program and share & support are what CASAs "can access" (Self-Care).
// harm-reduction's last facilitator note put using them under "strongly encourages" (content2-50's
// report), as youth-relapses' d8-drive-home note did before its own fix.
describe('what the guide strongly encourages for self-care, in every bundled scenario (50)', () => {
  it.each(ids)('%s never has the guide strongly encourage using the EAP program or share & support', (id) => {
    const t = readFileSync(join(ROOT, 'scenarios', `${id}.json`), 'utf8');
    expect(t.match(/strongly encourag[^.]*\b(use|using|access|accessing) (the )?EAP\b[^.]*/g) ?? []).toEqual([]);
  });
});

// The guide's harm reduction approach "allows" youth to be the curators of their own safety and
// "allows service providers to begin exploring" (Harm Reduction); it asks nothing of CASAs. Session
// 49 removed "asks ... to explore"; session 50's readers found the same "asks" with other objects
// (harm-reduction d2-why and d4-words, before-relapse d3-rule, left-placement-calls d8-why, each
// fixed by its reader, and youth-relapses d5-block).
describe('harm reduction asks nothing, in every bundled scenario (50)', () => {
  it.each(ids)('%s never says harm reduction asks', (id) => {
    const t = readFileSync(join(ROOT, 'scenarios', `${id}.json`), 'utf8');
    expect(t.match(/[^.]*\bharm reduction (approach )?asks\b[^.]*/gi) ?? []).toEqual([]);
  });
});
