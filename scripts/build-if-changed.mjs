// `npm start` and `npm run cli` run this first: it rebuilds dist/ (the terminal app) and, with
// --web, dist-web/ (the web app) only when a source is newer than the build, and says "Building…"
// when it does, so starting is instant when nothing changed. With --say-preparing it builds nothing:
// it says what npm's "prepare" is about to do (sayPreparing), which npm would otherwise hide.
import { execFileSync } from 'node:child_process';
import process from 'node:process';
import { closeSync, existsSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The newest modification time of the files under a folder (0 when it does not exist). */
export function newest(dir) {
  let t = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Whether dist/ is missing or older than src/, the guide data or the build settings. */
export function buildIsStale(root = ROOT) {
  const entry = join(root, 'dist', 'src', 'terminal', 'main.bundle.js');
  if (!existsSync(entry)) return true;
  const configs = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/bundle-cli.mjs'].map((f) => statSync(join(root, f)).mtimeMs);
  // All of scenarios/: the guide's data is compiled in, and the bundle carries the digests of the bundled scenarios.
  const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'scenarios')), ...configs);
  return newest(join(root, 'dist')) < sources;
}

/** Whether dist-web/ is missing or older than what the web app is built from. */
export function webBuildIsStale(root = ROOT) {
  if (!existsSync(join(root, 'dist-web', 'index.html'))) return true;
  const configs = ['index.html', 'vite.config.ts', 'tsconfig.json', 'package.json'].filter((f) => existsSync(join(root, f))).map((f) => statSync(join(root, f)).mtimeMs);
  const sources = Math.max(newest(join(root, 'src', 'web')), newest(join(root, 'src', 'machines')), newest(join(root, 'scenarios')), ...configs);
  return newest(join(root, 'dist-web')) < sources;
}

/**
 * Where the build of dist/ lists the digests of the bundled scenarios it verified (scripts/bundle-cli.mjs,
 * the same list it puts into the bundle): test/global-setup.ts hands it to the test workers.
 */
export const VERIFIED_LIST = 'dist/verified-scenarios.json';

/** Where a build of the web app lists its chunks (vite.config.ts, chunkList): outside dist-web/, so never served. */
export const CHUNK_LIST = 'node_modules/.cache/casa-practice/web-chunks.json';

/** Builds dist/, the terminal app. Only the JavaScript is needed to run; `npm test` and `npm run typecheck` check the types. */
export function buildCli(root = ROOT) {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--noCheck'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [join(root, 'scripts', 'bundle-cli.mjs')], { cwd: root, stdio: 'inherit' });
}

/**
 * Builds dist-web/, the web app, as `npm run build` does (and writes the build's list of chunks,
 * see vite.config.ts). In a process of its own with NODE_ENV=production and none of Vitest's
 * variables: under Vitest the config leaves its plugins out, and NODE_ENV=test would build React's
 * development bundle.
 */
export function buildWeb(root = ROOT) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'TEST'));
  env.NODE_ENV = 'production';
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env });
}

/** The line said before npm's "prepare" builds the app (package.json): the first `npx casa-practice`, and `npm ci`. */
export const PREPARING = 'Preparing casa-practice for its first run (about a minute)…';

/**
 * Says PREPARING, on stderr and, where npm hides what a "prepare" script prints (the first `npx
 * casa-practice` in this folder installs it into npm's own cache, which runs "prepare", a full
 * build, behind npm's spinner alone: about half a minute, two on a loaded machine, with no word),
 * on the terminal itself (/dev/tty: `openTty`), after a carriage return so that it does not follow
 * the spinner's mark. No terminal (CI, a script): stderr alone. Returns where it was said.
 */
export function sayPreparing({ stderr = process.stderr, env = process.env, openTty = () => openSync('/dev/tty', 'w') } = {}) {
  stderr.write(`${PREPARING}\n`);
  const said = ['stderr'];
  if (stderr.isTTY || env.npm_lifecycle_event !== 'prepare') return said;
  let fd;
  try {
    fd = openTty();
  } catch {
    return said;
  }
  try {
    writeSync(fd, `\r${PREPARING}\n`);
    said.push('terminal');
  } catch {
    // A terminal that takes no write: stderr has it.
  } finally {
    closeSync(fd);
  }
  return said;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--say-preparing')) {
  sayPreparing();
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--web') && webBuildIsStale()) {
    process.stderr.write('Building the web app…\n');
    buildWeb();
  }
  if (buildIsStale()) {
    process.stderr.write('Building…\n');
    buildCli();
  }
}
