#!/usr/bin/env node
// Starts the built CLI (npm run build writes dist/; scripts/bundle-cli.mjs makes main.bundle.js).
// Kept tiny so start-up stays fast.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/terminal/main.bundle.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('casa-practice is not built yet: run "npm run build" (or "npm start") first.\n');
  process.exitCode = 2;
} else {
  await import(entry.href);
}
