// Writes scenarios/scenario.schema.json from the zod source of truth (`npm run schema`).
// Node-only, so it lives outside the core.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from '../src/machines/index.js';

const target = fileURLToPath(new URL('../scenarios/scenario.schema.json', import.meta.url));
writeFileSync(target, scenarioJsonSchemaText());
console.log(`wrote ${target}`);
