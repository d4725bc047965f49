// `npm test` runs this before Vitest: the type checks (whole project, and the core alone with no
// Node or DOM types) and ESLint, side by side (the machine has two cores and each is mostly one
// process), each with its cache. Prints each one's output after it ends, and fails if any fails.
// Building dist/ is left to test/global-setup.ts, which does it only when a source is newer.
import { spawn } from 'node:child_process';
import process from 'node:process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = 'node_modules/.cache/casa-practice';
const bin = (pkg, file) => join(ROOT, 'node_modules', pkg, file);

const CHECKS = [
  ['types', bin('typescript', 'bin/tsc'), ['--noEmit', '--incremental', '--tsBuildInfoFile', `${CACHE}/typecheck.tsbuildinfo`]],
  ['core types', bin('typescript', 'bin/tsc'), ['-p', 'src/machines', '--incremental', '--tsBuildInfoFile', `${CACHE}/core.tsbuildinfo`]],
  ['lint', bin('eslint', 'bin/eslint.js'), ['--cache', '--cache-location', `${CACHE}/eslint/`, '.']],
];

/** Runs one check, collecting its output so the three do not interleave. */
function run([name, script, args]) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (e) => resolve({ name, ok: false, output: `${e.message}\n`, ms: 0 }));
    child.on('close', (code) => resolve({ name, ok: code === 0, output, ms: performance.now() - started }));
  });
}

const results = await Promise.all(CHECKS.map(run));
for (const r of results) {
  if (r.output.trim()) process.stdout.write(r.output.endsWith('\n') ? r.output : `${r.output}\n`);
  console.log(`${r.ok ? '✓' : '✗'} ${r.name} (${(r.ms / 1000).toFixed(1)} s)`);
}
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
