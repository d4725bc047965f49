import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { languageRules, principles, sections } from '../../src/machines/guide.js';
import { findLanguageHits } from '../../src/machines/language.js';
import { validateScenario } from '../../src/machines/validate/index.js';

const guidePath = fileURLToPath(new URL('../../scenarios/guide/csec-in-service-guide.txt', import.meta.url));
const guide = readFileSync(guidePath, 'utf8');
const guideLines = guide.split(/\r?\n/).map((l) => l.trim());
// The title block of the guide, which is not a section.
const FRONT_MATTER = ['CSEC In-Service', 'Learning about CSEC and How to Advocate for Exploited Youth', 'Updated: March 2022'];

/** Lines that look like headings: short, standalone, no sentence punctuation, not a list item or table row. */
function headingLikeLines(): string[] {
  return guideLines.filter((line, i) =>
    line.length > 0 && line.length <= 80 && !/[.:,;)]$/.test(line) && !line.startsWith('-') && !line.includes('\t') &&
    (guideLines[i - 1] ?? '') === '' && /^[A-Z]/.test(line) && !FRONT_MATTER.includes(line));
}

describe('the in-service guide as data', () => {
  it('the bundled guide is the same text as the shared source of truth (when it is present)', () => {
    const shared = fileURLToPath(new URL('../../../shared/guidance/csec-in-service-guide.txt', import.meta.url));
    if (!existsSync(shared)) return;
    expect(readFileSync(shared, 'utf8')).toBe(guide);
  });

  it('principles speak of "the youth" and "they", as the guide does, not of a girl: the scenarios have boys and youth of every gender', () => {
    const gendered = principles.filter((p) => /\b(she|her|hers|herself|he|him|his|himself)\b/i.test(`${p.title} ${p.rule}`)).map((p) => p.id);
    expect(gendered).toEqual([]);
  });

  it('every section heading listed is a heading of the guide', () => {
    for (const s of sections) expect(guideLines).toContain(s.heading);
  });

  it('every heading of the guide is listed as a section', () => {
    const listed = new Set(sections.map((s) => s.heading));
    const found = headingLikeLines();
    expect(found.length).toBeGreaterThanOrEqual(14);
    expect(found.filter((h) => !listed.has(h))).toEqual([]);
  });

  it('every section of the guide has at least one principle', () => {
    const covered = new Set(principles.map((p) => p.section));
    expect(sections.filter((s) => !covered.has(s.id)).map((s) => s.heading)).toEqual([]);
  });

  it('every principle cites a known section, has a unique slug id, a title and a rule', () => {
    const ids = new Set<string>();
    for (const p of principles) {
      expect(p.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(ids.has(p.id)).toBe(false);
      ids.add(p.id);
      expect(sections.some((s) => s.id === p.section)).toBe(true);
      expect(p.title.length).toBeGreaterThan(3);
      expect(p.rule.length).toBeGreaterThan(20);
    }
  });

  it('exactly the prohibited activities the guide names are critical', () => {
    const critical = principles.filter((p) => p.severity === 'critical');
    expect(critical.map((p) => p.id).sort()).toEqual(['no-investigating', 'no-picking-up', 'no-trafficker-contact']);
    expect(critical.every((p) => p.section === 'prohibited-activities')).toBe(true);
  });

  it('principles are in the project\'s own words, not copied sentences of the guide', () => {
    const guideSentences = guide.split(/(?<=[.!?])\s+/).map((s) => s.trim()).filter((s) => s.length > 40);
    for (const p of principles) for (const s of guideSentences) expect(p.rule.includes(s)).toBe(false);
  });

  it('the "AWOL" rule suggests the guide\'s words for a youth at home as well as in placement', () => {
    // The guide: "left placement/home without permission" or "away from home/placement". The fix
    // offered placement only, for a youth living with his grandmother too (author walkthrough 44).
    expect(guide).toContain('“left placement/home without permission” or is “away from home/placement)”');
    const awol = languageRules.find((r) => r.id === 'awol');
    expect(awol?.suggestion).toBe('left placement or home without permission (or: away from placement or home)');
    const example = readFileSync(fileURLToPath(new URL('../../docs/examples/first-scenario.json', import.meta.url)), 'utf8');
    const text = example.replace('Dani left her group home without permission on Friday', 'Dani went AWOL on Friday');
    expect(text).not.toBe(example);
    const fixes = validateScenario(text, 'x.json').problems.filter((p) => p.code === 'language').map((p) => p.fix);
    expect(fixes).toEqual([expect.stringMatching(/^Say "left placement or home without permission \(or: away from placement or home\)" instead\./)]);
  });

  it('every language rule names a real principle and a suggestion', () => {
    for (const r of languageRules) {
      expect(principles.some((p) => p.id === r.principle)).toBe(true);
      expect(r.suggestion.length).toBeGreaterThan(3);
    }
  });
});

describe('language rules', () => {
  it.each([
    ['She went AWOL again last night.', ['awol']],
    ['I think she might be a CSEC.', ['a-csec']],
    ['Those CSECs at the group home', ['a-csec']],
    ['a teen prostitute', ['prostitute']],
    ['She is a prostitute.', ['prostitute']],
  ])('flags "%s"', (text, rules) => {
    expect(findLanguageHits(text).map((h) => h.rule.id)).toEqual(rules);
  });

  it('finds every term of every rule, in any case (the quick search before the full one drops none)', () => {
    for (const rule of languageRules) {
      for (const term of rule.terms) {
        for (const written of [term, term.toLowerCase(), term.toUpperCase()]) {
          expect(findLanguageHits(`She said ${written} yesterday.`).map((h) => [h.rule.id, h.match]), written).toEqual([[rule.id, written]]);
        }
      }
    }
  });

  it.each([
    'She left placement without permission.',
    'A CSEC advocate from Saving Innocence called.',
    'The youth now has a CSEC CSW.',
    'She was referred to a CSEC-involved youth program.',
    'Instead of "AWOL", say she left placement.',
    'The guide says never to use “prostitute” for a youth.',
    'A youth experiencing CSEC.',
    'She walked away.',
    'The CSEC unit is assigned.',
  ])('does not flag "%s"', (text) => {
    expect(findLanguageHits(text)).toEqual([]);
  });
});
