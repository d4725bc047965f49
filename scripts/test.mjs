// `npm test` runs this: the type checks (whole project, and the core alone with no Node or DOM
// types) and ESLint, each with its cache, side by side with Vitest. The machine has two cores and
// each check is mostly one process, while Vitest waits on Chromium, tmux and child processes for
// part of its run, so starting everything at once ends sooner than checks first, then tests.
// Vitest's output streams as it runs; each check's output is printed once Vitest has ended (so the
// two never interleave), and the run fails if any check or Vitest fails. Arguments after
// `npm test --` go to Vitest. `--checks-only` runs the checks alone, `--no-checks` Vitest alone.
// Building dist/ is left to test/global-setup.ts, which does it only when a source is newer.
import { spawn } from 'node:child_process';
import { existsSync, statSync, utimesSync } from 'node:fs';
import process from 'node:process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = 'node_modules/.cache/casa-practice';
const bin = (pkg, file) => join(ROOT, 'node_modules', pkg, file);

// The type checks run tsc in build mode (scripts/tsconfig.check*.json): when no file or config of the
// project is newer than the last check's record, tsc does no work. Build mode compares only the
// project's own files, so after `npm install` changed node_modules the same config runs in project
// mode, which compares every file it reads (the packages' types too) and re-checks what changed.
const installed = statOrZero(join(ROOT, 'node_modules', '.package-lock.json'));
// (Project mode leaves an unchanged record untouched, so once it passes the record is dated now.)
function tsc(name, config, record) {
  const path = join(ROOT, CACHE, record);
  if (installed <= statOrZero(path)) return [name, bin('typescript', 'bin/tsc'), ['-b', config]];
  return [name, bin('typescript', 'bin/tsc'), ['-p', config], () => existsSync(path) && utimesSync(path, new Date(), new Date())];
}
const CHECKS = [
  tsc('types', 'scripts/tsconfig.check.json', 'check.tsbuildinfo'),
  tsc('core types', 'scripts/tsconfig.check-core.json', 'check-core.tsbuildinfo'),
  ['lint', bin('eslint', 'bin/eslint.js'), ['--cache', '--cache-location', `${CACHE}/eslint/`, '.']],
];

function statOrZero(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** Runs one check, collecting its output so the checks and Vitest do not interleave. */
function check([name, script, args, passed]) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (e) => resolve({ name, ok: false, output: `${e.message}\n`, ms: 0 }));
    child.on('close', (code) => {
      if (code === 0) passed?.();
      resolve({ name, ok: code === 0, output, ms: performance.now() - started });
    });
  });
}

/** Vitest with the terminal as its output (colours, progress), resolving to whether it passed. */
function vitest(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin('vitest', 'vitest.mjs'), 'run', ...args], { cwd: ROOT, stdio: 'inherit' });
    // Ctrl+C reaches Vitest through the terminal's process group; wait for it to end.
    process.on('SIGINT', () => {});
    child.on('error', (e) => {
      console.error(`could not start Vitest: ${e.message}`);
      resolve(false);
    });
    child.on('close', (code) => resolve(code === 0));
  });
}

const args = process.argv.slice(2);
const checksOnly = args.includes('--checks-only');
const noChecks = args.includes('--no-checks');
const vitestArgs = args.filter((a) => a !== '--checks-only' && a !== '--no-checks');

const [results, testsPassed] = await Promise.all([
  noChecks ? [] : Promise.all(CHECKS.map(check)),
  checksOnly ? true : vitest(vitestArgs),
]);
for (const r of results) {
  if (r.output.trim()) process.stdout.write(r.output.endsWith('\n') ? r.output : `${r.output}\n`);
  console.log(`${r.ok ? '✓' : '✗'} ${r.name} (${(r.ms / 1000).toFixed(1)} s)`);
}
process.exitCode = testsPassed && results.every((r) => r.ok) ? 0 : 1;
