import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { citePrinciple, growthParts, growthWords, principles } from '../../src/machines/index.js';

// A newcomer's walkthrough of red-flags read 'You went against "The dependency attorney"' and
// 'You missed a chance for "Restoration Funds"': a title that only names a case party, a
// recommendation or a legal area does not say what the volunteer did. The names come from the
// guide itself: its Collaboration with Case Parties table, and the bold items of Legal Advocacy and
// Potential Recommendations.
const guide = readFileSync(new URL('../../scenarios/guide/csec-in-service-guide.txt', import.meta.url), 'utf8');

function between(from: string, to: string): string {
  const start = guide.indexOf(from);
  const end = guide.indexOf(to, start);
  expect(start, from).toBeGreaterThan(-1);
  expect(end, to).toBeGreaterThan(start);
  return guide.slice(start, end);
}

const norm = (s: string): string => s.toLowerCase().replace(/\bclc\s+(\d)/g, 'clc$1').replace(/\s+/g, ' ').trim();

/** "Children's Social Worker (CSW)" → children's social worker, csw; "Juvenile Justice/Defense Attorney" → both. */
const parties = between('Case Party\t', '\nAdvocacy Activities')
  .split('\n')
  .slice(1)
  .filter((line) => /^[^\t\s][^\t]*\t/.test(line))
  .flatMap((line) => {
    const cell = line.split('\t')[0] ?? '';
    const inBrackets = [...cell.matchAll(/\(([^)]*)\)/g)].map((m) => m[1] ?? '').filter((s) => !s.startsWith('e.g.'));
    return [...cell.replace(/\([^)]*\)/g, '').split('/'), ...inBrackets];
  });
const boldItems = [...between('Legal Advocacy', 'What if my youth left placement').matchAll(/\*\*([^*:]+):?\*\*/g), ...between('Potential Recommendations', 'For more information').matchAll(/\*\*([^*:]+):?\*\*/g)].map((m) => m[1] ?? '');
const NAMES = new Set([...parties, ...boldItems].map(norm).filter(Boolean));

/**
 * Whether a quoted title is only a name from the guide: once a leading article and a qualifying
 * phrase ("when a youth is dually involved", "through CLC") are taken off, what is left is a
 * party, recommendation or legal area, alone or with one noun after it ("Immigration screening").
 */
function bareName(title: string): string | undefined {
  const core = norm(title).replace(/^(the|a|an) /, '').replace(/ (when|if|through|at|for|in|with) .*$/, '');
  return [...NAMES].find((n) => core === n || core === `${n}'s role` || new RegExp(`^(the |a |an )?${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\S+$`).test(core));
}

describe('principle titles in the debrief', () => {
  it('the names read from the guide are the case parties, legal areas and recommendations', () => {
    for (const n of ['csec csw', 'dependency attorney', 'clc4 csec unit case manager', 'defense attorney', 'csec advocate', 'immigration', 'restoration funds', 'secondary csw']) expect(NAMES).toContain(n);
    // The titles the walkthrough found are all caught, so a title written like them again is too.
    for (const old of ['The CSEC CSW', 'The dependency attorney', 'The CLC 4 CSEC Unit case manager', 'The defense attorney when a youth is dually involved', 'Restoration Funds', 'A secondary CSW', 'Immigration screening through CLC']) {
      expect(bareName(old), old).toBeDefined();
    }
  });

  it('no sentence of the debrief says the volunteer went against or missed a bare name', () => {
    const bare = new Set<string>();
    for (const p of principles) {
      for (const status of ['violated', 'missed'] as const) {
        for (const missed of [1, 3]) {
          const sentence = growthWords({ ...p, status, critical: p.severity === 'critical', kept: 0, missed }, citePrinciple(p.id));
          const { lead } = growthParts(sentence);
          const quoted = /"([^"]*)"/.exec(lead)?.[1] ?? '';
          expect(quoted, sentence).not.toBe('');
          if (bareName(quoted)) bare.add(`${p.id}: ${lead}`);
        }
      }
    }
    expect([...bare]).toEqual([]);
  });

  it('every title fits a 60-column line', () => {
    expect(principles.filter((p) => p.title.length > 60).map((p) => p.id)).toEqual([]);
  });
});
