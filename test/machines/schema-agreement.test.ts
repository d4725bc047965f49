// The editor (VS Code, through vscode-json-languageservice with the committed schema) and validate
// agree: what validate accepts is underlined nowhere, and where validate refuses, the editor says
// at most one thing at each place and names the same mistake. The schema's rules that say
// validate's words (author-45) are checked here against many scenario texts, not one example each.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/machines/validate/index.js';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const schema = JSON.parse(readFileSync(root('scenarios/scenario.schema.json'), 'utf8')) as Record<string, unknown>;
const ls = getLanguageService({});
ls.configure({ validate: true, schemas: [{ uri: 'file:///scenarios/scenario.schema.json', fileMatch: ['*.json'], schema }] });

type Json = Record<string, unknown>;
type Path = (string | number)[];
const jsonFiles = (dir: string) => readdirSync(root(dir)).filter((n) => n.endsWith('.json') && !n.endsWith('.schema.json')).map((n) => `${dir}/${n}`);
/** A file's text without its "$schema" line (the path is the file's own; the schema is given here). */
const textOf = (file: string) => readFileSync(root(file), 'utf8').replace(/^\s*"\$schema": .*\n/m, '');

async function editorSays(text: string) {
  const doc = TextDocument.create('file:///drafts/new.json', 'json', 1, text);
  return (await ls.doValidation(doc, ls.parseJSONDocument(doc))).map((d) => ({
    line: d.range.start.line + 1, column: d.range.start.character + 1, message: typeof d.message === 'string' ? d.message : String(d.message),
  }));
}
const validateErrors = (text: string) => validateScenario(text, 'x.json').problems.filter((p) => p.severity === 'error');

/** Every object in the tree with its path, outermost first. */
function* objects(value: unknown, path: Path = []): Generator<[Json, Path]> {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* objects(v, [...path, i]);
  } else if (typeof value === 'object' && value !== null) {
    yield [value as Json, path];
    for (const [k, v] of Object.entries(value)) yield* objects(v, [...path, k]);
  }
}
const at = (tree: unknown, path: Path): Json => path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], tree) as Json;
/** The kind of place a path is ("nodes.*.replies.*.effects.*"): one mutation of each kind of place is enough. */
const placeOf = (path: Path) => path.map((k) => (typeof k === 'number' ? '*' : k)).join('.');

const bases: [string, Json][] = ['docs/examples/first-scenario.json', ...jsonFiles('test/fixtures/good')]
  .map((f) => [f, JSON.parse(textOf(f)) as Json]);

/** Texts validate may accept: the bases changed in each way the format allows (what validate says decides). */
function acceptedCandidates(): [string, string][] {
  const out: [string, string][] = [];
  for (const [file, base] of bases) {
    const add = (what: string, change: (j: Json) => void) => { const j = structuredClone(base); change(j); out.push([`${file}: ${what}`, JSON.stringify(j, null, 2)]); };
    const seen = new Set<string>();
    // Each field removed (an optional one, validate still accepts), once per kind of place.
    for (const [o, p] of objects(base)) {
      for (const k of Object.keys(o)) {
        if (seen.has(`${placeOf(p)}.${k}`)) continue;
        seen.add(`${placeOf(p)}.${k}`);
        add(`without ${p.join('.')}.${k}`, (j) => { delete at(j, p)[k]; });
      }
    }
    const variables = (base.variables ?? []) as Json[];
    const numberVar = variables.find((v) => v.type !== 'flag')?.id as string | undefined;
    // Each variable as a yes/no flag (its effects set it, its conditions test "is"), and as a number said so.
    for (const v of variables) {
      add(`${String(v.id)} as a flag`, (j) => {
        for (const [o] of objects(j)) {
          if (o.id === v.id && 'label' in o) { delete o.min; delete o.max; delete o.shown; Object.assign(o, { type: 'flag', start: false }); } else if (o.var === v.id && ('add' in o || 'set' in o)) { delete o.add; o.set = true; } else if (o.var === v.id) { for (const c of ['gte', 'gt', 'lte', 'lt', 'eq', 'ne']) delete o[c]; o.is = true; }
        }
      });
      add(`${String(v.id)} "type": "number"`, (j) => { for (const [o] of objects(j)) if (o.id === v.id && 'label' in o) o.type = 'number'; });
      add(`${String(v.id)} from -10 to 10`, (j) => { for (const [o] of objects(j)) if (o.id === v.id && 'label' in o) Object.assign(o, { min: -10, max: 10, start: -10, shown: false }); });
    }
    add('a flag set by a scene and tested by a hidden reply', (j) => {
      j.variables = [...((j.variables ?? []) as Json[]), { id: 'told-csw', label: 'You told the CSW', type: 'flag', start: true }];
      const scene = [...objects(j)].find(([o]) => o.kind === 'scene')?.[0];
      if (scene) scene.effects = [{ var: 'told-csw', set: false }];
      const decision = [...objects(j)].find(([o]) => Array.isArray(o.replies))?.[0];
      Object.assign((decision?.replies as Json[])[0] ?? {}, { when: { var: 'told-csw', is: true }, hidden: true });
    });
    // Conditions of every comparison and every conduct measure, alone and in lists.
    const condition = [...objects(base)].find(([o]) => ('var' in o && !('add' in o) && !('set' in o) && !('label' in o)) || 'conduct' in o)?.[1];
    if (condition) {
      const put = (what: string, c: unknown) => add(`condition ${what}`, (j) => { at(j, condition.slice(0, -1))[condition[condition.length - 1] as string] = c; });
      const ops = ['gte', 'gt', 'lte', 'lt', 'eq', 'ne'];
      if (numberVar) for (const op of ops) { put(`${op}`, { var: numberVar, [op]: 50 }); put(`${op} first`, { [op]: 50.5, var: numberVar }); }
      if (numberVar) put('two comparisons', { var: numberVar, gte: -5, lte: 90 });
      for (const m of ['critical', 'score', 'percent', 'points']) for (const op of ops) put(`${m} ${op}`, { conduct: m, [op]: m === 'critical' ? 0 : 50 });
      put('violations', { conduct: 'violations', principle: 'no-investigating', lt: 1 });
      put('violations, principle first', { principle: 'no-investigating', conduct: 'violations', gte: 0, lte: 3 });
      put('list', [{ conduct: 'critical', eq: 0 }, { conduct: 'score', gte: 0 }]);
      put('list of one', [{ conduct: 'critical', eq: 0 }]);
    }
    // A "next" as a list of routes, with and without "when".
    const from = [...objects(base)].find(([o]) => typeof o.next === 'string');
    if (from) {
      const to = from[0].next as string;
      add('routes without "when"', (j) => { at(j, from[1]).next = [{ to }]; });
      add('routes with "when"', (j) => { at(j, from[1]).next = [{ when: { conduct: 'critical', gte: 1 }, to }, { to }]; });
      add('routes with a list in "when"', (j) => { at(j, from[1]).next = [{ when: [{ conduct: 'critical', eq: 0 }, { conduct: 'points', gte: 0 }], to }, { to }]; });
    }
    // Every node kind with each of its optional fields, and with the fewest it may have.
    const character = ((base.characters ?? []) as Json[])[0]?.id;
    for (const [o, p] of objects(base)) {
      if (o.kind === 'ending') {
        add(`ending ${String(o.id)} with variants and lines`, (j) => Object.assign(at(j, p), {
          variants: [{ when: { conduct: 'critical', eq: 0 }, narration: 'A.' }, { when: [{ conduct: 'score', gte: 50 }], narration: 'B.' }],
          lines: [{ character, text: 'Bye.', allowLanguage: ['awol'] }], allowLanguage: ['awol'], authorNotes: 'Notes.',
        }));
        add(`ending ${String(o.id)} with no lines`, (j) => { at(j, p).lines = []; });
      } else if (o.kind === 'scene') {
        add(`scene ${String(o.id)} with every field`, (j) => Object.assign(at(j, p), { title: 'T', lines: [{ character, text: 'Hi.' }], facilitatorNote: 'F.', discussionPrompt: 'D?', authorNotes: 'A.', allowLanguage: ['awol'], effects: [] }));
        add(`scene ${String(o.id)} with lines and no narration`, (j) => { delete at(j, p).narration; at(j, p).lines = [{ character, text: 'Hi.' }]; });
        add(`scene ${String(o.id)} with narration and no lines`, (j) => { at(j, p).narration ??= 'N.'; at(j, p).lines = []; });
      } else if (o.kind === 'decision') {
        add(`decision ${String(o.id)} with every field`, (j) => {
          const n = at(j, p);
          Object.assign(n, { prompt: 'What now?', lines: [], authorNotes: 'A.', allowLanguage: ['awol'] });
          const [first, second] = n.replies as Json[];
          Object.assign(first ?? {}, { kind: 'do', effects: [], authorNotes: 'A.', allowLanguage: ['awol'] });
          Object.assign(second ?? {}, { kind: 'say' });
          ((first?.assessments as Json[] | undefined)?.[0] ?? {}).weight = 3;
          ((second?.assessments as Json[] | undefined)?.[0] ?? {}).weight = 1;
        });
        add(`decision ${String(o.id)} with no narration or lines`, (j) => { delete at(j, p).narration; delete at(j, p).lines; });
      }
    }
    // Numbers at their bounds, texts at their longest, empty optional lists.
    const top = (what: string, field: string, value: unknown) => add(what, (j) => { j[field] = value; });
    top('1 minute', 'estimatedMinutes', 1); top('240 minutes', 'estimatedMinutes', 240); top('version 1', 'version', 1); top('a large version', 'version', 2 ** 31);
    top('the longest title', 'title', 'T'.repeat(120)); top('the longest summary', 'summary', 'S'.repeat(600)); top('shuffleReplies false', 'shuffleReplies', false);
    top('no variables', 'variables', []);
    add('age 0 and 120, a description', (j) => {
      const [first] = j.characters as Json[];
      Object.assign(first ?? {}, { age: 0 });
      (j.characters as Json[]).push({ id: 'x'.repeat(80), name: 'N'.repeat(80), role: 'R'.repeat(120), age: 120, description: 'D.' });
    });
    // A whole number written with a decimal point or an exponent: JSON's number, the same to validate.
    const text = JSON.stringify(base, null, 2);
    for (const field of ['version', 'estimatedMinutes', 'weight', 'add', 'start', 'min', 'max', 'age']) {
      out.push([`${file}: "${field}" as N.0`, text.replace(new RegExp(`"${field}": (-?\\d+)`), `"${field}": $1.0`)]);
      out.push([`${file}: "${field}" as Ne0`, text.replace(new RegExp(`"${field}": (-?\\d+)`), `"${field}": $1e0`)]);
    }
  }
  return out;
}

/** Texts validate refuses for the mistakes the schema's rules speak for: one of each kind of place. */
function refusedCandidates(): [string, string][] {
  const out: [string, string][] = [];
  const [file, base] = bases[0] as [string, Json];
  const add = (what: string, change: (j: Json) => void) => { const j = structuredClone(base); change(j); out.push([`${file}: ${what}`, JSON.stringify(j, null, 2)]); };
  const seen = new Set<string>();
  for (const [o, p] of objects(base)) {
    if (!seen.has(placeOf(p)) && p.length > 0) {
      seen.add(placeOf(p));
      add(`${p.join('.')} as {}`, (j) => { at(j, p.slice(0, -1))[p[p.length - 1] as string] = {}; });
    }
    for (const k of Object.keys(o)) {
      if (seen.has(`${placeOf(p)}.${k}`)) continue;
      seen.add(`${placeOf(p)}.${k}`);
      add(`without ${p.join('.')}.${k}`, (j) => { delete at(j, p)[k]; });
      for (const value of [7, 2.5, 'x', true, null, [], {}]) add(`${p.join('.')}.${k} = ${JSON.stringify(value)}`, (j) => { at(j, p)[k] = value; });
    }
    const isCondition = 'var' in o && !('add' in o) && !('set' in o) && !('label' in o);
    const comparisons = ['gte', 'gt', 'lte', 'lt', 'eq', 'ne', 'is'];
    const mixes: Json[] = isCondition
      ? [{ '>=': 60 }, { to: 'x' }, { or: {} }, { and: [] }, { GTE: 1 }, { 'gte ': 1 }, { principle: 'no-investigating' }, { conduct: 'critical' }]
      : 'conduct' in o ? [{ principle: 'no-investigating' }, { conduct: 'violations' }, { conduct: 'violations', principle: 'nope' }, { '<': 3 }, { var: 'trust' }]
        : 'add' in o ? [{ set: 1 }, { set: true }, { gte: 3 }] : 'label' in o && 'start' in o ? [{ type: 'flag' }, { type: 'flag', start: 'x' }, { type: 'number', start: true }, { start: false }, { min: 'a' }] : [];
    for (const mix of mixes) {
      add(`${p.join('.')} with ${JSON.stringify(mix)}`, (j) => { Object.assign(at(j, p), mix); });
      add(`${p.join('.')} with only ${JSON.stringify(mix)}`, (j) => { const c = at(j, p); for (const op of [...comparisons, 'add']) delete c[op]; Object.assign(c, mix); });
      if ('add' in o) add(`${p.join('.')} with ${JSON.stringify(mix)} and no "var"`, (j) => { delete at(j, p).var; Object.assign(at(j, p), mix); });
    }
  }
  out.push(...tooLargeCandidates());
  return out;
}

/**
 * Texts with a number too large to be one (1e400 or -1e400, read as Infinity; JSON.stringify cannot
 * write it): each number field of the first base, once per kind of place, and each comparison of
 * both kinds of condition. Left from session 45: "gte": 1e400 was refused by validate and
 * underlined nowhere; "weight": 1e400 was underlined twice.
 */
function tooLargeCandidates(): [string, string][] {
  const out: [string, string][] = [];
  const [file, base] = bases[0] as [string, Json];
  const MARK = '"__too large__"';
  const add = (what: string, change: (j: Json, mark: string) => void) => {
    for (const big of ['1e400', '-1e400']) {
      const j = structuredClone(base);
      change(j, JSON.parse(MARK) as string);
      out.push([`${file}: ${what} = ${big}`, JSON.stringify(j, null, 2).replace(MARK, big)]);
    }
  };
  const seen = new Set<string>();
  for (const [o, p] of objects(base)) {
    for (const [k, v] of Object.entries(o)) {
      if (typeof v !== 'number' || seen.has(`${placeOf(p)}.${k}`)) continue;
      seen.add(`${placeOf(p)}.${k}`);
      add(`${p.join('.')}.${k}`, (j, mark) => { at(j, p)[k] = mark; });
    }
  }
  const numberVar = ((base.variables ?? []) as Json[]).find((v) => v.type !== 'flag')?.id;
  const routed = [...objects(base)].find(([o]) => typeof o.next === 'string');
  if (routed && numberVar !== undefined) {
    for (const op of ['gte', 'gt', 'lte', 'lt', 'eq', 'ne']) {
      for (const condition of [{ var: numberVar }, { conduct: 'score' }, { conduct: 'violations', principle: 'no-investigating' }]) {
        add(`a route's ${JSON.stringify(condition)} ${op}`, (j, mark) => { at(j, routed[1]).next = [{ when: { ...condition, [op]: mark }, to: routed[0].next }, { to: routed[0].next }]; });
      }
    }
  }
  return out;
}

/** What the editor says that only validate's problem of a kind may stand beside, on the same line. */
const RULE_CODES: [RegExp, string][] = [
  [/^This effect has/, 'invalid-effect'],
  [/^This scene has no/, 'empty-scene'],
  [/^This condition has no comparison|^"principle" only goes with|^A "violations" condition needs/, 'invalid-condition'],
  [/^A number variable needs|^A yes\/no flag/, 'invalid-variable'],
];

describe('the editor and validate agree', () => {
  it('what validate accepts, the editor underlines nowhere: every scenario, example and good fixture, and many changes to them', async () => {
    const files = [...jsonFiles('scenarios'), ...jsonFiles('docs/examples'), ...jsonFiles('test/fixtures/good'), ...jsonFiles('test/fixtures/bad'), ...jsonFiles('test/fixtures/house-rules')];
    const texts: [string, string][] = [...files.map((f): [string, string] => [f, textOf(f)]), ...acceptedCandidates()];
    const underlined: string[] = [];
    let accepted = 0;
    for (const [name, text] of texts) {
      if (validateErrors(text).length > 0) continue;
      accepted++;
      // A key written twice: validate warns (duplicate-key), and so does the editor, as a warning.
      const said = (await editorSays(text)).filter((d) => d.message !== 'Duplicate object key');
      for (const d of said) underlined.push(`${name} (line ${d.line}, column ${d.column}): ${d.message}`);
    }
    expect(underlined).toEqual([]);
    // The changes stay changes validate accepts (an edit to the format would make them vacuous).
    expect(accepted).toBeGreaterThan(300);
  });

  it('what validate refuses, the editor says once at each place, and names the same mistake validate names there', async () => {
    const bad = jsonFiles('test/fixtures/bad').map((f): [string, string] => [f, textOf(f)]);
    const doubled: string[] = [];
    const contradicted: string[] = [];
    let refused = 0;
    for (const [name, text] of [...bad, ...refusedCandidates()]) {
      const errors = validateErrors(text);
      // JSON syntax is the JSON parser's to tell, in both; the rules here are the schema's.
      if (errors.length === 0 || errors.some((e) => e.code.includes('syntax') || e.code === 'not-utf8' || e.code === 'empty-file')) continue;
      refused++;
      const said = await editorSays(text);
      const byPlace = new Map<string, string[]>();
      for (const d of said) byPlace.set(`${d.line}:${d.column}`, [...(byPlace.get(`${d.line}:${d.column}`) ?? []), d.message]);
      for (const [place, messages] of byPlace) {
        // Each missing field is told at its object, as validate tells each (missing-field): one
        // message a field. Anything else is one message a place, and none beside those.
        const others = messages.filter((m) => !m.startsWith('Missing property'));
        if (others.length > 1 || (others.length === 1 && messages.length > 1)) doubled.push(`${name} (${place}): ${messages.join(' | ')} || validate: ${errors.map((e) => `${e.code}@${e.line}:${e.column}`).join(' ')}`);
      }
      for (const d of said) {
        const there = errors.filter((e) => e.line === d.line);
        const code = RULE_CODES.find(([words]) => words.test(d.message))?.[1];
        const missing = /^Missing property "(.+)"\.$/.exec(d.message)?.[1];
        const notOf = /^Not a field of (a conduct condition|a condition)[:,]/.exec(d.message)?.[1];
        // Where validate says nothing on the line (it stops at a wrong type inside the object), the
        // editor may say more; where it speaks, the editor must not name another mistake.
        // An id that is a reserved word ("constructor") is spelt as ids are: the editor said how ids are spelt.
        const reserved = there.some((e) => e.message.includes('reserved word')) && !d.message.includes('reserved word');
        const wrong = reserved || there.length > 0 && (code !== undefined ? !there.some((e) => e.code === code)
          : missing !== undefined ? !there.some((e) => e.code === 'missing-field' || e.code === 'node-kind')
            : notOf !== undefined && !there.some((e) => e.message.includes(`field of ${notOf}`)));
        if (wrong) contradicted.push(`${name} (line ${d.line}): the editor says "${d.message}"; validate says ${there.map((e) => `${e.code}: ${e.message}`).join(' | ') || 'nothing there'}`);
      }
    }
    expect(doubled).toEqual([]);
    expect(contradicted).toEqual([]);
    expect(refused).toBeGreaterThan(200);
  });

  it('a number too large to read, refused by validate, is underlined once where validate says it, in its words', async () => {
    const missed: string[] = [];
    const candidates = tooLargeCandidates();
    for (const [name, text] of candidates) {
      const errors = validateErrors(text);
      const tooLarge = errors.filter((e) => e.message.endsWith(', but it is a number too large to read.'));
      expect(tooLarge, `${name}: ${errors.map((e) => e.message).join(' | ')}`).toHaveLength(1);
      const [e] = tooLarge;
      const said = (await editorSays(text)).filter((d) => d.line === e?.line && d.column === e.column);
      if (said.length !== 1 || !/^Should be .+, but it is a number too large to read\.$/.test(said[0]?.message ?? '')) missed.push(`${name} (${e?.line}:${e?.column}): ${said.map((d) => d.message).join(' | ') || 'nothing'}`);
    }
    expect(missed).toEqual([]);
    expect(candidates.length).toBeGreaterThan(40);
  });
});
