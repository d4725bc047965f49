// Bundles the terminal app that tsc wrote to dist/ (dist/src/terminal/main.js and what it imports,
// Ink, React, XState and zod included) into dist/src/terminal/main.bundle.js and a few chunks
// beside it (bundle-*.js, one per lazily imported screen or command), which bin/casa-practice.js
// starts. Loading Ink from node_modules is about 500 files; from one bundle the picker's first
// frame comes about a third sooner (`npm run bench:startup`). React's production build is chosen
// at build time, as main.ts does at run time. The picker's validation worker is bundled too, as
// validate-worker.bundle.js beside main.bundle.js, sharing the core's chunk: loading the core from
// tsc's files (about 150 modules with zod and XState) was a fifth of a second of the worker's CPU.
// The bundled scenarios are validated here, once: the digests of those with no problem at all go
// into the bundle (src/terminal/node/verified-scenarios.ts), so the picker and `play` skip validating
// them again while their bytes are unchanged (a tenth to half a second of CPU each). The list is
// also written to dist/verified-scenarios.json, for the test workers (test/global-setup.ts).
// Run after `tsc -p tsconfig.build.json`: `node scripts/bundle-cli.mjs`.
import process from 'node:process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';
import { VERIFIED_LIST } from './build-if-changed.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const YOGA_WASM_URL = /(?<=H="data:application\/octet-stream;base64,)[A-Za-z0-9+/=]+(?=")/;

/** `code` with the one occurrence of `pattern` replaced; the build fails if there is not exactly one. */
function replaceOnce(code, pattern, replacement, file) {
  const count = code.split(pattern).length - 1;
  if (count !== 1) throw new Error(`bundle-cli: expected "${pattern}" once in ${file}, found it ${count} times; has the package changed?`);
  return code.replace(pattern, () => replacement);
}

/**
 * Ink's layout engine, Yoga, is WebAssembly that yoga-layout's emscripten loader carries as a data:
 * URL and fetch()es whenever `fetch` exists: in Node that loads undici (about a tenth of a second of
 * every full-screen start) only to decode base64. Emscripten also takes the bytes themselves, as its
 * `wasmBinary` option; here yoga-layout's entry passes them, decoded by Buffer, and the data: URL is
 * emptied so the bundle holds the wasm once (with `wasmBinary` set the loader never reads it).
 * Nothing is fetched either way; the build fails if yoga-layout's files no longer look as expected.
 */
function yogaWithoutFetch() {
  const binaries = '/node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js';
  const entry = '/node_modules/yoga-layout/dist/src/index.js';
  const wasmOf = (code, file) => {
    const found = code.match(YOGA_WASM_URL);
    if (!found) throw new Error(`bundle-cli: no base64 wasm data: URL in ${file}; has yoga-layout changed?`);
    return found[0];
  };
  return {
    name: 'yoga-without-fetch',
    transform(code, id) {
      const file = id.replaceAll('\\', '/');
      if (file.endsWith(binaries)) return replaceOnce(code, wasmOf(code, file), '', file);
      if (file.endsWith(entry)) {
        const wasm = wasmOf(readFileSync(join(dirname(file), '..', 'binaries', 'yoga-wasm-base64-esm.js'), 'utf8'), file);
        const loaded = replaceOnce(code, 'wrapAssembly(await loadYoga())', 'wrapAssembly(await loadYoga({ wasmBinary: YOGA_WASM }))', file);
        return `import { Buffer as YOGA_BUFFER } from 'node:buffer';\nconst YOGA_WASM = YOGA_BUFFER.from('${wasm}', 'base64');\n${loaded}`;
      }
      return null;
    },
  };
}

/**
 * Ink turns on its React DevTools support when the environment says DEV=true: it reads its own
 * package.json beside the module (in the bundle, dist/src/package.json, which is not there: the
 * full-screen app stopped at start with "unexpected error: ENOENT"), prints advice to install
 * react-devtools-core, and, wherever that package can be found from here, opens a WebSocket to
 * localhost:8097 and hands it the screen's tree (scenario text, the volunteer's replies). The
 * program sends nothing anywhere, whatever its environment: in the bundle Ink's check is `false`.
 */
function inkWithoutDevtools() {
  return checkTurnedOff('ink-without-devtools', '/node_modules/ink/build/utils.js', "process.env['DEV'] === 'true'", 'false');
}

/** A plugin writing `to` over `from` (once, or the build fails) in the package file whose path ends with `path`. */
function checkTurnedOff(name, path, from, to) {
  return {
    name,
    transform(code, id) {
      const file = id.replaceAll('\\', '/');
      return file.endsWith(path) ? replaceOnce(code, from, to, file) : null;
    },
  };
}

/**
 * Ink draws nothing while the program runs when the environment has CI set (is-in-ci: CI or
 * CONTINUOUS_INTEGRATION, other than "0" or "false"): it keeps each frame and writes the last one
 * as it unmounts, and does not follow a resize. Some containers and cloud workspaces set CI, and the
 * full-screen app there was a blank window that still took keys. The app only renders Ink on a
 * terminal (without one it runs line by line), so in the bundle Ink's check is `false`.
 */
function inkOnTerminalEvenInCi() {
  return checkTurnedOff('ink-on-terminal-even-in-ci', '/node_modules/is-in-ci/index.js', "const isInCi = check('CI') || check('CONTINUOUS_INTEGRATION');", 'const isInCi = false;');
}

const WORKER = 'validate-worker.bundle';

/** The bundled app starts the bundled worker; tsc's catalog-worker.js (the tests') keeps tsc's worker. */
function bundledWorker(dir) {
  const starter = join(dir, 'catalog-worker.js');
  return {
    name: 'bundled-worker',
    transform(code, id) {
      return id === starter ? replaceOnce(code, "'./node/validate-worker.js'", `'./${WORKER}.js'`, id) : null;
    },
  };
}

/**
 * The SHA-256 digests of the bundled scenario files that tsc's validator (dist/) finds without any
 * problem, and whose scenario is the file's JSON exactly as parsed: the result verifiedResult()
 * builds for them at run time is then the one validateScenario returns.
 */
export async function verifiedScenarios(root = ROOT) {
  const terminal = join(root, 'dist', 'src', 'terminal');
  const { validateScenario } = await import(pathToFileURL(join(root, 'dist', 'src', 'machines', 'index.js')).href);
  const { scenarioFilesIn } = await import(pathToFileURL(join(terminal, 'scenario-files.js')).href);
  const digests = [];
  for (const file of scenarioFilesIn(join(root, 'scenarios'))) {
    const bytes = readFileSync(file);
    const result = validateScenario(bytes, file);
    // A file with errors (a draft, not valid JSON) is not verified, and not parsed here: the app's
    // picker names it among the files left out. Parsing it threw, and \`npm run cli\` (which builds
    // when scenarios/ changed) stopped with two stack traces before the app started.
    if (!result.ok) continue;
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const expected = { ok: true, scenario: JSON.parse(text), problems: [], errors: 0, warnings: 0 };
    if (isDeepStrictEqual(result, expected)) digests.push(createHash('sha256').update(bytes).digest('hex'));
  }
  return digests;
}

/** Puts the digests into node/verified-scenarios.js as bundled (tsc's file keeps its empty list). */
function withVerified(dir, digests) {
  const file = join(dir, 'node', 'verified-scenarios.js');
  return {
    name: 'verified-scenarios',
    transform(code, id) {
      return id === file ? replaceOnce(code, 'const VERIFIED_SHA256 = [];', `const VERIFIED_SHA256 = ${JSON.stringify(digests)};`, id) : null;
    },
  };
}

export async function bundleCli(root = ROOT) {
  const dir = join(root, 'dist', 'src', 'terminal');
  for (const f of readdirSync(dir)) if (f === 'main.bundle.js' || f === `${WORKER}.js` || (f.startsWith('bundle-') && f.endsWith('.js'))) rmSync(join(dir, f));
  const digests = await verifiedScenarios(root);
  // Also as a file, for the tests, which run the app from its sources (test/global-setup.ts).
  writeFileSync(join(root, VERIFIED_LIST), `${JSON.stringify(digests)}\n`);
  const bundle = await rolldown({
    input: { 'main.bundle': join(dir, 'main.js'), [WORKER]: join(dir, 'node', 'validate-worker.js') },
    platform: 'node',
    // Ink imports react-devtools-core only when DEV=true (never in the bundle: inkWithoutDevtools).
    external: [/^node:/, 'react-devtools-core'],
    // jsonc-parser's "main" is a UMD build that requires its parts at run time; its ESM build bundles.
    resolve: { mainFields: ['module', 'main'] },
    transform: { define: { 'process.env.NODE_ENV': '"production"' } },
    plugins: [yogaWithoutFetch(), inkWithoutDevtools(), inkOnTerminalEvenInCi(), bundledWorker(dir), withVerified(dir, digests)],
    logLevel: 'warn',
    // Rolldown's warning that a plugin took "significant time" is for the bundler's own users; on a
    // loaded machine it was printed to a newcomer running `npm start` for the first time.
    checks: { bundlerTimings: false },
  });
  try {
    await bundle.write({ dir, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'bundle-[name]-[hash].js' });
  } finally {
    await bundle.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleCli();
