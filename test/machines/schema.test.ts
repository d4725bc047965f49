import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { principleIds } from '../../src/machines/guide.js';
import { scenarioJsonSchemaText } from '../../src/machines/schema/json-schema-text.js';

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
    expect(text).toContain('"additionalProperties":false');
  });

  it('describes every field, for the editor to show on hover (a trainer hovering over "nodes" or a decision\'s "replies" saw nothing)', () => {
    const undescribed: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
      else if (typeof value === 'object' && value !== null) {
        const properties = (value as { properties?: Record<string, { description?: string }> }).properties;
        for (const [key, field] of Object.entries(properties ?? {})) if (!field.description) undescribed.push(`${path}.${key}`);
        for (const [key, v] of Object.entries(value)) walk(v, `${path}/${key}`);
      }
    };
    walk(JSON.parse(committed), '');
    expect(undescribed).toEqual([]);
    // A node's title is described as a node's, not a scene's (decisions and endings have one too).
    expect(committed).not.toContain('title for this scene');
  });

  it('every bundled scenario points its "$schema" at it', () => {
    const files = readdirSync(scenariosDir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
    for (const f of files) {
      expect((JSON.parse(readFileSync(`${scenariosDir}${f}`, 'utf8')) as { $schema?: string }).$schema, f).toBe('./scenario.schema.json');
    }
  });
});
