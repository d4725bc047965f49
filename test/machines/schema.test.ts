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

  it('every bundled scenario points its "$schema" at it', () => {
    const files = readdirSync(scenariosDir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
    for (const f of files) {
      expect((JSON.parse(readFileSync(`${scenariosDir}${f}`, 'utf8')) as { $schema?: string }).$schema, f).toBe('./scenario.schema.json');
    }
  });
});
