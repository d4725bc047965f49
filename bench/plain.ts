// Line-by-line play of a long chain of scenes: each untitled scene headed "Scene N" by its number.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPlain } from '../src/terminal/plain.js';
import { loadPlayable } from '../src/terminal/scenario-source.js';
import { printTable } from './core.js';
import { sceneChain } from './hostile.js';

/** The bound per 1,000 scenes, in ms: `npm run bench` ends with exit code 1 past it. */
const TARGET_MS = 3_000;

/**
 * A generated chain of untitled scenes, then one decision, played line by line (runPlain, in this
 * process, output kept in memory): the number heading each scene was worked out by replaying the
 * playthrough from its start at every scene, quadratic (some 71 s for 1,000 scenes, 26 s on an idle
 * machine). Now carried forward from scene to scene. One run each: a run saves and records.
 */
export async function runPlainChainBench(sizes = [1_000, 2_000]): Promise<void> {
  console.log('\nLine by line: a generated chain of untitled scenes played to its end (--plain, in process); ms per scene should stay roughly flat');
  const rows: string[][] = [['shape', 'scenes', 'ms', 'µs per scene', `under ${TARGET_MS / 1000} s per 1,000`]];
  const over: string[] = [];
  // A short chain first, untimed, so that the first size is not timed on cold code.
  for (const [i, count] of [50, ...sizes].entries()) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-chain-'));
    try {
      const path = join(dir, 'chain.json');
      writeFileSync(path, sceneChain(count));
      const playable = loadPlayable(path);
      if ('problems' in playable) throw new Error(playable.problems);
      let out = '';
      const answers = ['1'];
      const t0 = performance.now();
      const code = await runPlain({
        playable, mode: 'practice', io: { out: (t) => (out += t), err: (t) => (out += t) }, width: 80, readLine: async () => answers.shift(),
        env: { XDG_STATE_HOME: join(dir, 'state'), CASA_PRACTICE_SEED: '1' },
      });
      const ms = performance.now() - t0;
      if (i === 0) continue;
      if (code !== 0 || !out.includes(`-- Scene ${count} --`)) throw new Error(`chain of ${count}: exit ${code}, scene ${count} ${out.includes(`-- Scene ${count} --`) ? '' : 'not '}headed`);
      const ok = ms < (TARGET_MS * count) / 1_000;
      rows.push(['untitled scenes, then a decision', count.toLocaleString('en-US'), ms.toFixed(0), ((ms * 1000) / count).toFixed(0), ok ? 'yes' : 'NO']);
      if (!ok) over.push(`${count} scenes`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  printTable(rows);
  // Quadratic, 2,000 would take four times 1,000's time, past the bound.
  console.log(`Target: under ${TARGET_MS / 1000} s per 1,000 scenes (numbering each scene by replaying from the start took 26-71 s for 1,000).`);
  if (over.length > 0) {
    console.log(`Over the target: ${over.join(', ')}.`);
    process.exitCode = 1;
  }
}
