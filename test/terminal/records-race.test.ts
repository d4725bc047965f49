import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecords, recordPlaythrough, RECORDS_KEY, type PlaythroughRecord } from '../../src/machines/light.js';
import { fileStore } from '../../src/terminal/node/file-store.js';
import { stateStore } from '../../src/terminal/node/state-store.js';
import { ROOT } from './helpers/cli.js';
import { tempEnv } from './helpers/ink.js';

const WRITER = join(ROOT, 'test', 'terminal', 'helpers', 'records-writer.ts');
const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

/** A process recording playthrough `id` in `dir` (helpers/records-writer.ts): what it says, as it says it. */
function writer(dir: string, id: string) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, id], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], timeout: 30_000 });
  const words: string[] = [];
  const waiters: (() => void)[] = [];
  let buffered = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    buffered += d;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    words.push(...lines);
    for (const w of waiters.splice(0)) w();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  /** The first of `options` it says (waiting for it), counting from word `from`. */
  const says = (...options: string[]) => new Promise<string>((resolve, reject) => {
    const check = () => {
      const found = words.find((w) => options.includes(w));
      if (found) return resolve(found);
      waiters.push(check);
    };
    void exited.then((code) => (words.some((w) => options.includes(w)) ? undefined : reject(new Error(`the writer ended (${code}) without saying ${options.join(' or ')}: ${err}`))));
    check();
  });
  return { says, go: () => child.stdin.write('\n'), exited, words };
}

const recorded = (dir: string) => readRecords(fileStore(dir)).playthroughs.map((p) => p.id).sort();

const record = (id: string): PlaythroughRecord => ({
  id, scenarioId: 'new-phone', scenarioVersion: 1, title: 'New phone', mode: 'practice', completedAt: '2026-12-01T10:00:00.000Z', minutes: 5,
  score: { earned: 3, best: 3, percent: 100, capped: false }, band: 'strong', decisions: [], principles: [],
});

describe('two terminals recording a finished playthrough at the same moment', () => {
  it('keeps both: the second reads the records only after the first has written them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-race-'));
    // The first has read the records and is about to write them.
    const first = writer(dir, ID(1));
    expect(await first.says('read')).toBe('read');
    // The second finishes meanwhile: it must wait for the lock, not read the records as they were.
    const second = writer(dir, ID(2));
    const then = await second.says('read', 'busy');
    first.go();
    expect(await first.exited).toBe(0);
    if (then === 'busy') await second.says('read');
    second.go();
    expect(await second.exited).toBe(0);
    expect(recorded(dir)).toEqual([ID(1), ID(2)]);
    expect(then).toBe('busy');
    expect(existsSync(join(dir, `${RECORDS_KEY}.lock`))).toBe(false);
  }, 30_000);

  it('takes a lock left by a process that is gone at once, and one older than any update, whoever holds it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-race-'));
    const lock = join(dir, `${RECORDS_KEY}.lock`);
    // Killed while holding it: its pid no longer runs.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(lock, `${gone} ${hostname()} 0123\n`);
    // Waiting at all would be waiting for a lock nobody will release (or for its age).
    const noWait = { onWait: () => { throw new Error('waited for a stale lock'); } };
    recordPlaythrough(fileStore(dir, noWait), record(ID(1)));
    expect(existsSync(lock)).toBe(false);
    // Held by a running process (this one) for a minute: stuck, far longer than any update takes.
    writeFileSync(lock, `${process.pid} ${hostname()} 4567\n`);
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lock, minuteAgo, minuteAgo);
    recordPlaythrough(fileStore(dir, noWait), record(ID(2)));
    expect(existsSync(lock)).toBe(false);
    expect(recorded(dir)).toEqual([ID(1), ID(2)]);
  });

  it('the state store records under the lock, and a damaged records file is still moved aside', () => {
    const env = tempEnv();
    const store = stateStore(env);
    const dir = join(env.XDG_STATE_HOME as string, 'casa-practice');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, RECORDS_KEY), '{ not json');
    let lockedWhileWriting: string | undefined;
    const files = { ...store, write: (key: string, text: string) => {
      lockedWhileWriting = readFileSync(join(dir, `${RECORDS_KEY}.lock`), 'utf8');
      store.write(key, text);
    } };
    const read = recordPlaythrough(files, record(ID(3)));
    expect(lockedWhileWriting).toMatch(new RegExp(`^${process.pid} `));
    expect(read.notice).toMatch(/^Your completion records were damaged; they were moved to .*records\.json\.damaged-/);
    expect(recorded(dir)).toEqual([ID(3)]);
    expect(existsSync(join(dir, `${RECORDS_KEY}.lock`))).toBe(false);
  });
});
