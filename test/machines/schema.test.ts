import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getSection, languageRules, principleIds, principles } from '../../src/machines/guide.js';
import { scenarioJsonSchemaText } from '../../src/machines/schema/json-schema-text.js';
import { Id } from '../../src/machines/schema/scenario.js';

const scenariosDir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const committed = readFileSync(`${scenariosDir}scenario.schema.json`, 'utf8');

describe('the JSON Schema for editors', () => {
  it('is up to date with the zod source of truth (run `npm run schema` if this fails)', () => {
    expect(committed).toBe(scenarioJsonSchemaText());
  });

  it('offers every principle id for autocomplete and documents the fields', () => {
    const schema = JSON.parse(committed) as Record<string, unknown>;
    const text = JSON.stringify(schema);
    for (const id of principleIds) expect(text).toContain(`"${id}"`);
    expect(schema.type).toBe('object');
    expect((schema.required as string[]).sort()).toEqual(['characters', 'contentNote', 'estimatedMinutes', 'id', 'learningGoals', 'nodes', 'start', 'summary', 'title', 'version']);
    expect(text).toContain('"description"');
    // Every object refuses a field it does not have: in words, by a rule on its field names (see
    // schema-editor.test.ts), where "additionalProperties": false made VS Code say "Property … is not allowed.".
    const objects = everyPart().filter(({ part }) => part.type === 'object');
    expect(objects.length).toBeGreaterThan(10);
    type Told = { then?: { errorMessage?: string } };
    type Lack = { else?: Lack & { propertyNames?: Told } };
    for (const { at, part } of objects) {
      const rules = (part.propertyNames as { allOf?: Told[] } | undefined)?.allOf ?? [];
      // An effect or a condition tells such a field otherwise while it lacks what the field may stand
      // for ("var"): at the end of its chain of lacks, the rule for an object that lacks nothing.
      let lack = (part.allOf as Lack[] | undefined)?.find((check) => check.else !== undefined);
      while (lack?.else?.else !== undefined) lack = lack.else;
      const last = lack === undefined ? rules.at(-1)?.then?.errorMessage : lack.else?.propertyNames?.then?.errorMessage;
      expect(part.additionalProperties === false || last?.startsWith('Not a field of '), at).toBe(true);
    }
  });

  it('describes every field, for the editor to show on hover (a trainer hovering over "nodes" or a decision\'s "replies" saw nothing)', () => {
    const undescribed: string[] = [];
    const schema = JSON.parse(committed) as { $defs?: Record<string, { description?: string }> };
    const defs = schema.$defs ?? {};
    const walk = (value: unknown, path: string) => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
      else if (typeof value === 'object' && value !== null) {
        const properties = (value as { properties?: Record<string, { description?: string; $ref?: string }> }).properties;
        // A field that refers to a definition ("$ref") is shown with the definition's description.
        const described = (field: { description?: string; $ref?: string }) => field.description ?? (field.$ref?.startsWith('#/$defs/') ? defs[field.$ref.slice('#/$defs/'.length)]?.description : undefined);
        for (const [key, field] of Object.entries(properties ?? {})) if (!described(field)) undescribed.push(`${path}.${key}`);
        // (Not what a rule tests, "if", nor the rules on field names: no field a trainer writes.)
        for (const [key, v] of Object.entries(value)) if (key !== 'if' && key !== 'propertyNames') walk(v, `${path}/${key}`);
      }
    };
    walk(schema, '');
    expect(undescribed).toEqual([]);
    // A node's title is described as a node's, not a scene's (decisions and endings have one too).
    expect(committed).not.toContain('title for this scene');
  });

  it('says in words what each comparison means on hover ("gte" said only "A number to compare the variable with")', () => {
    const found = new Map<string, Set<string>>();
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (typeof value === 'object' && value !== null) {
        const properties = (value as { properties?: Record<string, { description?: string }> }).properties ?? {};
        for (const op of ['gte', 'gt', 'lte', 'lt', 'eq', 'ne']) {
          const d = properties[op]?.description;
          if (d) found.set(op, (found.get(op) ?? new Set()).add(d));
        }
        Object.values(value).forEach(walk);
      }
    };
    walk(JSON.parse(committed));
    const signs = { gte: '≥', gt: '>', lte: '≤', lt: '<', eq: '=', ne: '≠' } as const;
    for (const [op, sign] of Object.entries(signs)) {
      const descriptions = [...(found.get(op) ?? [])];
      expect(descriptions.length, op).toBeGreaterThan(0);
      for (const d of descriptions) expect(d, op).toContain(`(${sign}, "`);
    }
    expect([...(found.get('gte') ?? [])]).toContain('Holds when the variable is this number or more (≥, "greater than or equal"): { "var": "trust", "gte": 60 }.');
  });

  /**
   * Every object in the schema (properties, list items, alternatives), with where it is; not the
   * rules on an object's field names ("propertyNames") nor what a rule tests ("if"), which
   * describe no value a trainer writes.
   */
  const everyPart = (): { at: string; part: Record<string, unknown> }[] => {
    const out: { at: string; part: Record<string, unknown> }[] = [];
    const walk = (value: unknown, at: string) => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${at}[${i}]`));
      else if (typeof value === 'object' && value !== null) {
        out.push({ at, part: value as Record<string, unknown> });
        for (const [key, v] of Object.entries(value)) if (key !== 'propertyNames' && key !== 'if') walk(v, `${at}/${key}`);
      }
    };
    walk(JSON.parse(committed), '');
    return out;
  };

  it('the principle ids the editor offers each say what the principle is and which guide section it cites (a trainer picking one saw only ids)', () => {
    const lists = everyPart().filter(({ part }) => JSON.stringify(part.enum) === JSON.stringify(principleIds));
    // Written once, with its help for each id (the rule of each principle made it 511 KB written out
    // in each of the ten places), and referred to from learningGoals, an assessment's principle and a
    // conduct condition's principle (in each place a condition can be).
    expect(lists.map(({ at }) => at)).toEqual(['/$defs/principleId']);
    expect(everyPart().filter(({ part }) => part.$ref === '#/$defs/principleId').length).toBeGreaterThanOrEqual(3);
    for (const { at, part } of lists) {
      const described = part.enumDescriptions as string[] | undefined;
      expect(described, at).toHaveLength(principles.length);
      principles.forEach((p, i) => {
        expect(described?.[i], `${at} ${p.id}`).toContain(p.title);
        expect(described?.[i], `${at} ${p.id}`).toContain(`(${getSection(p.section)?.heading})`);
      });
    }
    const critical = principles.findIndex((p) => p.severity === 'critical');
    expect((lists[0]?.part.enumDescriptions as string[])[critical]).toContain('prohibited activity');
    const rules = everyPart().filter(({ part }) => JSON.stringify(part.enum) === JSON.stringify(languageRules.map((r) => r.id)));
    expect(rules.length).toBeGreaterThan(0);
    for (const { part } of rules) languageRules.forEach((r, i) => expect((part.enumDescriptions as string[])[i]).toContain(r.suggestion));
  });

  // Found by the authoring pass: the editor offered "score", "percent" and "points" for "conduct"
  // (and the values of "ending", "verdict", a reply's "kind", a variable's "type") with nothing
  // beside them, so a trainer could not tell "score" from "percent" without the guide open.
  it('every list of values the editor offers says what each value means', () => {
    const enums = everyPart().filter(({ part }) => Array.isArray(part.enum) && (part.enum as unknown[]).length > 1);
    expect(enums.length).toBeGreaterThan(10);
    for (const { at, part } of enums) {
      const described = part.enumDescriptions as string[] | undefined;
      expect(described, at).toHaveLength((part.enum as unknown[]).length);
      for (const d of described ?? []) expect(d, at).toMatch(/^\S.*\.$/);
    }
  });

  it('a whole number the editor types in for a field picked from its list is one the field accepts (it typed "version": 0, "estimatedMinutes": 0 and "weight": 0, each underlined at once)', () => {
    // VS Code's JSON completion fills a picked field's value with its "default", else its first
    // "examples" entry, else 0 for a number (vscode-json-languageservice, getInsertTextForProperty).
    // A whole number is a "number" whose fraction is refused (VS Code's "integer" refused 2.0).
    // A number's bounds and whole-number test hold for a real number only (the "then" of its
    // "allOf" test for one; 1e400 is refused in its own words): read them there, the bounds in the
    // test of the rule that tells a number out of them its range.
    const checks = (part: Record<string, unknown>) => {
      const real = (part.allOf as Record<string, unknown>[] | undefined)?.find((a) => a.else !== undefined)?.then as Record<string, unknown> | undefined;
      const range = (real?.allOf as { if?: Record<string, unknown> }[] | undefined)?.find((a) => a.if !== undefined)?.if;
      return { ...part, ...real, ...range };
    };
    const whole = (part: Record<string, unknown>) => part.type === 'number' && (part.if as { not?: { multipleOf?: unknown } } | undefined)?.not?.multipleOf === 1;
    const numbers = everyPart().map(({ at, part }) => ({ at, part: checks(part) })).filter(({ part }) => whole(part) && typeof part.description === 'string');
    expect(numbers.map(({ at }) => at.split('/').pop())).toEqual(expect.arrayContaining(['version', 'estimatedMinutes', 'weight']));
    const refused: string[] = [];
    for (const { at, part } of numbers) {
      const typed = part.default ?? (part.examples as unknown[] | undefined)?.[0] ?? 0;
      const ok = Number.isInteger(typed) && (typed as number) >= (part.minimum as number) && (typed as number) <= (part.maximum as number);
      if (!ok) refused.push(`${at}: ${String(typed)}`);
    }
    expect(refused).toEqual([]);
  });

  it('hovering over a field whose value is an id says what that id is for, not only how ids are spelt (a reply\'s "next": "d2-aunty" and a character\'s "id" said "A lower-case id: … e.g. "first-call"")', () => {
    // VS Code shows the description of the part of the schema the value matched first: for
    // "next": "d2-aunty" that is the id branch of "next", not the description of "next" itself.
    const generic = Id.description;
    expect(generic).toMatch(/^A lower-case id/);
    const bare: string[] = [];
    for (const { at, part } of everyPart()) {
      const properties = part.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [key, field] of Object.entries(properties ?? {})) {
        const shown = [field, ...((field.anyOf as Record<string, unknown>[] | undefined) ?? [])].filter((s) => s.type === 'string');
        for (const s of shown) if (s.description === generic) bare.push(`${at}.${key}`);
      }
    }
    expect(bare).toEqual([]);
  });

  it('a broken id or a blank text is explained in words in the editor, not as a regular expression', () => {
    const patterned = everyPart().filter(({ part }) => typeof part.pattern === 'string');
    expect(patterned.length).toBeGreaterThan(10);
    for (const { at, part } of patterned) expect(part.patternErrorMessage, `${at} ${String(part.pattern)}`).toMatch(/^[A-Z].*\.$/);
    expect(committed).toContain('lower-case letters');
  });

  it('hover texts tell a trainer what the validator will ask for: feedback cites a section, conduct comparisons compare conduct', () => {
    const parts = everyPart();
    const feedback = parts.find(({ at }) => at.endsWith('/properties/feedback'))?.part.description as string;
    expect(feedback).toContain('in parentheses');
    expect(feedback).toContain('(Red Flags)');
    const conduct = parts.filter(({ part }) => typeof (part.properties as Record<string, unknown> | undefined)?.conduct === 'object');
    expect(conduct.length).toBeGreaterThan(0);
    for (const { part } of conduct) expect(((part.properties as Record<string, { description: string }>).gte)?.description).not.toContain('variable');
  });

  it('inside "nodes", "replies", "characters" and "variables" the editor offers a whole item to fill in, with every field it needs', () => {
    const schema = JSON.parse(committed) as { properties: Record<string, { items: Record<string, unknown> }> };
    interface Snippet { label: string; body: Record<string, unknown> }
    const nodes = schema.properties.nodes?.items as { oneOf: { properties: { kind: { const: string } }; required: string[] }[]; defaultSnippets?: Snippet[] };
    expect(nodes.defaultSnippets?.map((s) => s.label)).toEqual(['scene', 'decision', 'ending']);
    const reply = nodes.oneOf.find((b) => b.properties.kind.const === 'decision') as unknown as { properties: { replies: { items: { required: string[]; defaultSnippets?: Snippet[] } } } };
    const replyRequired = reply.properties.replies.items.required;
    for (const snippet of nodes.defaultSnippets ?? []) {
      const branch = nodes.oneOf.find((b) => b.properties.kind.const === snippet.body.kind);
      expect(branch?.required.filter((f) => !(f in snippet.body)), snippet.label).toEqual([]);
      for (const r of (snippet.body.replies as Record<string, unknown>[] | undefined) ?? []) expect(replyRequired.filter((f) => !(f in r))).toEqual([]);
    }
    expect(((nodes.defaultSnippets?.[1]?.body.replies) as unknown[]).length).toBeGreaterThanOrEqual(2);
    for (const [list, required] of [['characters', ['id', 'name', 'role']], ['variables', ['id', 'label', 'start']]] as const) {
      const items = schema.properties[list]?.items as { defaultSnippets?: Snippet[] };
      expect(items.defaultSnippets?.length, list).toBeGreaterThan(0);
      for (const s of items.defaultSnippets ?? []) expect(required.filter((f) => !(f in s.body))).toEqual([]);
    }
    const replySnippets = reply.properties.replies.items.defaultSnippets ?? [];
    expect(replySnippets.length).toBeGreaterThan(0);
    for (const s of replySnippets) expect(replyRequired.filter((f) => !(f in s.body))).toEqual([]);
  });

  it('every bundled scenario points its "$schema" at it', () => {
    const files = readdirSync(scenariosDir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
    for (const f of files) {
      expect((JSON.parse(readFileSync(`${scenariosDir}${f}`, 'utf8')) as { $schema?: string }).$schema, f).toBe('./scenario.schema.json');
    }
  });
});
