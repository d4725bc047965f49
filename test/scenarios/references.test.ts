import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DIR, BUNDLED_IDS } from '../helpers/bundled.js';

// A trainer reads a scenario's JSON in the repository, or in a copy of it: what its text points to
// has to be there. Four authorNotes cited "shared/guidance/context.md", a file beside the project
// that a trainer never gets; and "STRTP" stood in left-placement-calls and three others, never
// spelled out, named neither in the guide nor in the background notes the scenes rest on.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every string in a parsed JSON value, with where it is ("nodes[3].narration"). */
function strings(value: unknown, where = ''): [string, string][] {
  if (typeof value === 'string') return [[where, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${where}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, where ? `${where}.${k}` : k));
  return [];
}

const texts = BUNDLED_IDS.flatMap((id) => strings(JSON.parse(readFileSync(join(BUNDLED_DIR, `${id}.json`), 'utf8'))).map(([where, text]) => ({ id, where, text })));

/**
 * File paths in a text ("docs/authoring.md", "shared/guidance/context.md", "/work/x.txt"), not the
 * path of a web address ("courts.ca.gov/documents/BTB25-3E-01.pdf", "https://…/a.md").
 */
function filePaths(text: string): string[] {
  return [...text.matchAll(/(?<![\w.:/-])((?:\.{1,2}\/|\/)?(?:[\w-]+\/)*[\w-][\w.-]*\.(?:md|txt|json|ts|tsx|js|mjs|csv|ya?ml))\b/g)].map((m) => m[1] ?? '');
}

/** A path a trainer can open: from the repository's root, or beside the scenarios, or beside the guide. */
function inRepository(path: string): boolean {
  if (path.startsWith('/') || path.startsWith('../')) return false;
  return ['', 'scenarios', 'scenarios/guide'].some((dir) => existsSync(join(ROOT, dir, path)));
}

describe('what a scenario\'s text points to', () => {
  it('finds file paths and leaves web addresses alone', () => {
    expect(filePaths('CASA/LA\'s own statement (shared/guidance/context.md), and (context.md) again')).toEqual(['shared/guidance/context.md', 'context.md']);
    expect(filePaths('as docs/authoring.md says; see /work/shared/x.txt')).toEqual(['docs/authoring.md', '/work/shared/x.txt']);
    expect(filePaths('<https://www.courts.ca.gov/documents/BTB25-3E-01.pdf> and speakupnow.org/casa-portal/a.md')).toEqual([]);
    expect(inRepository('docs/authoring.md')).toBe(true);
    expect(inRepository('csec-in-service-guide.txt')).toBe(true);
    expect(inRepository('shared/guidance/context.md')).toBe(false);
    expect(inRepository('context.md')).toBe(false);
  });

  it('no scenario\'s text points to a file outside the repository', () => {
    const outside = texts.flatMap(({ id, where, text }) => filePaths(text).filter((p) => !inRepository(p)).map((p) => `${id} ${where}: ${p}`));
    expect(outside).toEqual([]);
  });

  it('no scenario says "STRTP": the guide\'s word is placement', () => {
    expect(texts.filter(({ text }) => /\bSTRTPs?\b/.test(text)).map(({ id, where }) => `${id} ${where}`)).toEqual([]);
  });
});
