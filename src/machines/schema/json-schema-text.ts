import { scenarioJsonSchema } from './scenario.js';

/** The committed text of scenarios/scenario.schema.json, byte for byte. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
