import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPlain } from '../../src/terminal/plain.js';
import { readSave } from '../../src/terminal/saves.js';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { fixedSeed, sessionSeed } from '../../src/terminal/seed.js';
import { bundledFile } from './helpers/layout.js';
import { runPiped } from './helpers/cli.js';
import { tempEnv } from './helpers/ink.js';

// The terminal draws each playthrough's seed (CASA_PRACTICE_SEED fixes it for scripts); the save
// keeps it, so a resumed session shows the replies in the order they were shown before.

function disclose() {
  const p = loadPlayable(bundledFile('youth-discloses.json'));
  if ('problems' in p) throw new Error(p.problems);
  return p;
}

/** Plays in plain mode in-process with the given input lines; returns the exit code and output. */
async function plain(env: NodeJS.ProcessEnv, lines: string[], resume = false) {
  let out = '';
  const io = { out: (t: string) => (out += t), err: (t: string) => (out += t) };
  const found = resume ? readSave(env) : undefined;
  if (found && found.kind !== 'ok') throw new Error(`no save: ${JSON.stringify(found)}`);
  const queue = [...lines];
  const code = await runPlain({
    playable: found?.playable ?? disclose(), snapshot: found?.snapshot, startedAt: found?.startedAt, mode: found?.mode ?? 'practice',
    io, env, width: 100, readLine: async () => queue.shift(),
  });
  return { code, out };
}

/** The replies listed at each decision printed, as "1. text" lines grouped by decision. */
const listed = (out: string) => out.split(/What do you say or do\?/).slice(1).map((block) => block.split('\n').filter((l) => /^ {2}\d\. /.test(l)).map((l) => l.trim()));

describe('the order of replies in the terminal', () => {
  it('CASA_PRACTICE_SEED fixes the order: the same seed shows the same, other seeds show others', async () => {
    const a = await plain(tempEnv({ CASA_PRACTICE_SEED: '7' }), ['1', '1', '1']);
    const b = await plain(tempEnv({ CASA_PRACTICE_SEED: '7' }), ['1', '1', '1']);
    expect(listed(a.out)).toEqual(listed(b.out));
    expect(a.out).toBe(b.out.replaceAll(/\/s\w{6}\//g, (m) => (a.out.match(/\/s\w{6}\//)?.[0] ?? m)));
    const firsts = new Set<string>();
    for (let seed = 0; seed < 12; seed++) firsts.add(listed((await plain(tempEnv({ CASA_PRACTICE_SEED: String(seed) }), [])).out)[0]?.join('|') ?? '');
    expect(firsts.size).toBeGreaterThan(2);
  });

  it('without CASA_PRACTICE_SEED each playthrough draws a seed, kept in the save file', async () => {
    const seeds = new Set<unknown>();
    for (let i = 0; i < 5; i++) {
      const env = tempEnv({ CASA_PRACTICE_SEED: '' });
      // A reply, then q (q saves nothing before a reply is made in the run).
      expect((await plain(env, ['1', 'q'])).code).toBe(0);
      const file = join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves', 'youth-discloses.json');
      const seed = (JSON.parse(readFileSync(file, 'utf8')) as { session: { snapshot: { context: { seed?: unknown } } } }).session.snapshot.context.seed;
      expect(Number.isInteger(seed) && (seed as number) >= 0 && (seed as number) < 2 ** 32).toBe(true);
      seeds.add(seed);
    }
    expect(seeds.size).toBeGreaterThan(1);
    expect(sessionSeed({})).not.toBe(sessionSeed({})); // 1 in 4 billion to be equal
  });

  it('a save written to disk and resumed shows the same order, whatever seed the new run would draw', async () => {
    const env = tempEnv({ CASA_PRACTICE_SEED: '3' });
    const first = await plain(env, ['2']);
    expect(first.code).toBe(1); // input ended: progress saved
    const before = listed(first.out);
    expect(before).toHaveLength(2);
    const resumed = await plain({ ...env, CASA_PRACTICE_SEED: '4' }, ['u'], true);
    const after = listed(resumed.out);
    // Resumed at the second decision, then undo back to the first: both as they were shown.
    expect(after[0]).toEqual(before[1]);
    expect(after[1]).toEqual(before[0]);
  });

  it('a malformed CASA_PRACTICE_SEED is a usage error, before anything starts', async () => {
    expect(() => fixedSeed({ CASA_PRACTICE_SEED: '12a' })).toThrow(/CASA_PRACTICE_SEED must be a whole number/);
    // A hidden character is shown escaped: cleaned, "42" and a zero-width space read 'not "42"'.
    expect(() => fixedSeed({ CASA_PRACTICE_SEED: '42\u200b' })).toThrow('not "42\\u200b"');
    expect(fixedSeed({ CASA_PRACTICE_SEED: ' 42 ' })).toBe(42);
    expect(fixedSeed({ CASA_PRACTICE_SEED: '' })).toBeUndefined();
    const env = tempEnv({ CASA_PRACTICE_SEED: '-1' });
    const r = await runPiped(['play', 'youth-discloses', '--plain'], '1\n', { HOME: env.XDG_STATE_HOME, ...env });
    expect(r.err).toContain('CASA_PRACTICE_SEED must be a whole number');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });
});
