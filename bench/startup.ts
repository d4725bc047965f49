import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * Time from a cold `node` launch to the first frame: casa-practice's scenario picker against an
 * Ink hello-world. Both run under `script` so they get a real pseudo-terminal (without one,
 * casa-practice switches to its plain mode), and both pay the same `script` overhead.
 */

const ROOT = join(import.meta.dirname, '..');
const RUNS = 9;

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function firstFrame(args: string[], marker: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    // A fresh pty has no size; give it 80×24 so both programs lay out normally.
    const command = `stty cols 80 rows 24; exec ${[process.execPath, ...args].map(quote).join(' ')}`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'ignore'] });
    let seen = '';
    let done = false;
    const timer = setTimeout(() => finish(new Error(`no first frame within 20 s from ${args.join(' ')}`)), 20_000);
    function finish(result: number | Error) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.stdin.end('q');
      setTimeout(() => child.kill('SIGKILL'), 500).unref();
      if (result instanceof Error) reject(result);
      else resolve(result);
    }
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (seen.includes(marker)) finish(performance.now() - start);
    });
    child.on('error', (e) => finish(e));
    child.on('close', () => finish(new Error(`exited before the first frame: ${args.join(' ')}`)));
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Prints the startup table: medians of several cold launches, and the ratio (target ≤ 1.3×). */
export async function runStartupBench(): Promise<void> {
  const state = mkdtempSync(join(tmpdir(), 'casa-bench-'));
  // casa-practice runs React's production build unless NODE_ENV says otherwise; the hello-world
  // gets the same, so the comparison is like for like.
  const env = { ...process.env, XDG_STATE_HOME: state, NO_COLOR: '1', NODE_ENV: 'production', TERM: process.env.TERM || 'xterm-256color' };
  const subjects = [
    { name: 'Ink hello-world', args: [join(ROOT, 'bench', 'ink-hello.js')], marker: 'Hello from Ink' },
    { name: 'casa-practice (picker)', args: [join(ROOT, 'bin', 'casa-practice.js')], marker: 'choose a scenario' },
  ];
  const times: number[][] = subjects.map(() => []);
  try {
    for (const s of subjects) await firstFrame(s.args, s.marker, env); // warm the file cache; not counted
    // Interleaved, so a busy moment on the machine hits both programs alike.
    for (let i = 0; i < RUNS; i++) {
      for (const [k, s] of subjects.entries()) times[k]?.push(await firstFrame(s.args, s.marker, env));
    }
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
  const results = subjects.map((s, k) => ({ name: s.name, median: median(times[k] ?? []), min: Math.min(...(times[k] ?? [])) }));
  const [hello, app] = results as [(typeof results)[0], (typeof results)[0]];
  const ratio = app.median / hello.median;
  console.log(`\nStartup: launch to first frame (median of ${RUNS} cold node starts, NODE_ENV=production for both)`);
  console.log('| program | median ms | min ms |');
  console.log('|---|---:|---:|');
  for (const r of results) console.log(`| ${r.name} | ${r.median.toFixed(0)} | ${r.min.toFixed(0)} |`);
  console.log(`| ratio | ${ratio.toFixed(2)}× | target ≤ 1.30× ${ratio <= 1.3 ? '(met)' : '(NOT met)'} |`);
}
