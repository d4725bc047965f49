import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/machines/index.js';

// The debrief says a reply "missed" a principle another reply at its decision follows, and quotes that
// reply. harm-reduction's d6-address ("…and I'll come get you. I'll let Ms. Castillo know.") was not
// scored on csw-partnership, so its debrief said "Work with the CSW" was missed at decision 6 and quoted
// d6-glad's "…I'll let Ms. Castillo know.": the volunteer's own words, told as the chance they missed
// (consist-50's report). A reply that says it will tell a case party is scored on working with them,
// whichever way (docs: telling them afterwards violates at weight 1).
const ROOT = join(import.meta.dirname, '..', '..');
const ids = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).map((f) => f.replace(/\.json$/, ''));
const TELLING = /\b(?:I'll|I will|I'm going to) (?:let|tell|fill|call|text|email|loop in|ask) (?:(?:Ms|Mr|Mx|Dr)\. )?[A-Z][\w'-]+/g;
const WORKING_WITH = ['csw-partnership', 'team-communication'];

describe('no debrief calls a chance to work with the team missed in words the volunteer said (50)', () => {
  it.each(ids)('%s', (id) => {
    const s = JSON.parse(readFileSync(join(ROOT, 'scenarios', `${id}.json`), 'utf8')) as Scenario;
    const found: string[] = [];
    for (const n of s.nodes) {
      if (n.kind !== 'decision') continue;
      for (const r of n.replies) {
        const said = new Set(r.text.match(TELLING) ?? []);
        if (said.size === 0) continue;
        const scored = new Set(r.assessments.map((a) => a.principle));
        for (const b of n.replies) {
          if (b === r) continue;
          for (const a of b.assessments) {
            if (a.verdict !== 'follows' || !WORKING_WITH.includes(a.principle) || scored.has(a.principle)) continue;
            const both = (b.text.match(TELLING) ?? []).filter((t) => said.has(t));
            if (both.length > 0) found.push(`${n.id}: ${r.id} is not scored on ${a.principle}, which ${b.id} follows; both say "${both[0]}"`);
          }
        }
      }
    }
    expect(found).toEqual([]);
  });
});
