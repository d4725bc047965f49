import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lineReader } from '../../src/terminal/node/line-reader.js';
import { runPlain } from '../../src/terminal/plain.js';
import { readSave } from '../../src/terminal/saves.js';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { SCENARIOS, tempEnv } from './helpers/ink.js';
import { join } from 'node:path';

// The plain modes read the terminal a line at a time (node/line-reader.ts). When the terminal window
// closes, the read fails (EIO) about when the hang-up signal comes; the failed read must end the
// input as end-of-file does, so the session saves, rather than end as an unexpected error.

/** An input that fails as a closed terminal does. */
function closedTerminalError(): NodeJS.ErrnoException {
  return Object.assign(new Error('read EIO'), { code: 'EIO', errno: -5, syscall: 'read' });
}

describe('the plain modes\' line reader', () => {
  it('gives each line, then undefined once input ends', async () => {
    const input = new PassThrough();
    const read = lineReader(input);
    input.end('1\nq\n');
    expect([await read(), await read(), await read()]).toEqual(['1', 'q', undefined]);
  });

  it('gives undefined when reading fails (a closed terminal), not an error', async () => {
    const input = new PassThrough();
    const read = lineReader(input);
    input.write('2\n');
    expect(await read()).toBe('2');
    const next = read();
    input.destroy(closedTerminalError());
    await expect(next).resolves.toBeUndefined();
  });

  it('a playthrough whose terminal closes after a reply ends as input that ended: progress is saved', async () => {
    const playable = loadPlayable(join(SCENARIOS, 'new-phone.json'));
    if ('problems' in playable) throw new Error(playable.problems);
    const env = tempEnv();
    const input = new PassThrough();
    let out = '';
    const io = { out: (t: string) => void (out += t), err: (t: string) => void (out += t) };
    const read = lineReader(input);
    // The reply is read, then the terminal goes away while the next line is awaited.
    const readLine = async () => {
      const line = await read();
      if (line !== undefined) setImmediate(() => input.destroy(closedTerminalError()));
      return line;
    };
    input.write('1\n');
    expect(await runPlain({ playable, mode: 'practice', io, env, width: 80, readLine })).toBe(1);
    expect(out).toContain('Input ended before the scenario finished.');
    expect(readSave(env).kind).toBe('ok');
  });
});
