import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runFacilitatePlain } from '../../src/terminal/facilitate-plain.js';
import { stateDir } from '../../src/terminal/state.js';
import { checkStateFolder } from '../../src/terminal/node/state-store.js';
import { SUMMARY_ELSEWHERE } from '../../src/terminal/export.js';
import { OUT_OF_DATE_SUMMARY, shownFileName } from '../../src/machines/index.js';
import { appElement, KEY, newPhone, press, renderApp, renderAt, tap, tempEnv, throughEnding } from './helpers/ink.js';
import { columnsOf, wrapWords } from '../../src/terminal/wrap.js';
import { readOnlyFolder } from './helpers/refusing-fs.js';

// As root a folder made read-only still takes writes: node:fs refuses every write into one folder
// with EACCES instead (as test/terminal/kept-room-unwritable.test.tsx does).
vi.mock('node:fs', async (importOriginal) => (await import('./helpers/refusing-fs.js')).folderRefusingFs(await importOriginal<typeof import('node:fs')>()));

/**
 * One session, one summary file, where nothing could be kept as it stopped: the state folder took
 * the session at decision 1 (the room's first votes), then refused writes, and q wrote the summary so
 * far where the app was started. Carried on once the folder could be written again, the session
 * wrote its whole summary in a second file in the exports folder: the kept session had followed no
 * decision, so nothing told the summary written at q from another session's. Each summary now says
 * which session it is (a marker line that Markdown does not show): carried on, the session writes
 * its summary again in that file.
 */

afterEach(() => {
  readOnlyFolder.path = '';
  cleanup();
});

/** Every summary of the new-phone example in the exports folder and in the folder the app was started in. */
const summaries = (env: NodeJS.ProcessEnv) => [join(stateDir(env), 'exports'), env.PWD as string].flatMap((dir) => {
  try {
    return readdirSync(dir).filter((n) => n.startsWith('example-new-phone-session-') && n.endsWith('.md')).map((n) => join(dir, n));
  } catch {
    return [];
  }
});

/** Full screen, a new session in `env`: past the content note, 5 votes for reply 1 at decision 1 (kept). */
const fullScreenVoted = async (env: NodeJS.ProcessEnv) => {
  const app = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
  const r = await renderApp(app.element);
  await press(r, KEY.enter, '5', KEY.enter);
  return { app, r };
};

/** 2 votes more at decision 1, then q and y: the words the app left with (the state folder taking writes again after). */
const votedAndStopped = async (r: Awaited<ReturnType<typeof renderApp>>, app: ReturnType<typeof appElement>) => {
  await press(r, '2', 'q');
  await tap(r, 'y');
  cleanup();
  readOnlyFolder.path = '';
  return (app.exit.mock.calls[0]?.[0] ?? '') as string;
};

/** Line by line in `env`: `lines` typed, the state folder refusing writes once `refuseAfter` lines are left to read. */
const lineByLineIn = async (env: NodeJS.ProcessEnv, lines: string[], refuseAfter?: number) => {
  let out = '';
  const code = await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 200, readLine: async () => {
    if (refuseAfter !== undefined && lines.length === refuseAfter) readOnlyFolder.path = stateDir(env);
    return lines.shift();
  } });
  readOnlyFolder.path = '';
  return { code, out };
};

/**
 * The app started again later (a new process: this one remembers that the folder refused): the same
 * state folder, copied to one this process has not seen, started in the same folder as before. The
 * copy keeps the files' times: a kept session's summary is one written no earlier than the session was
 * last kept (stoppedSessionSummary), and a copy dated now made that seem later than q's summary on a
 * machine slow enough to take two seconds between q and the copy.
 */
const later = (env: NodeJS.ProcessEnv) => {
  const next = tempEnv({ PWD: env.PWD as string });
  cpSync(stateDir(env), stateDir(next), { recursive: true, preserveTimestamps: true });
  return next;
};

describe('a trainer-led session stopped at decision 1 while the state folder refused writes, carried on later', () => {
  /** Stopped with q at decision 1 while the state folder refused writes; the app then started again later, the folder writable. */
  async function stoppedRefused() {
    const here = mkdtempSync(join(tmpdir(), 'casa-here-'));
    const env = tempEnv({ PWD: here });
    const { app: first, r } = await fullScreenVoted(env);
    expect(readdirSync(join(stateDir(env), 'facilitation'))).toHaveLength(1);
    readOnlyFolder.path = stateDir(env);
    await press(r, '2', 'q');
    await tap(r, 'y');
    cleanup();
    const left = first.exit.mock.calls[0]?.[0] ?? '';
    expect(left).toContain('The state folder cannot be written, so the session summary was written to:');
    expect(summaries(env)).toHaveLength(1);
    const [stopped] = summaries(env) as [string];
    expect(stopped.startsWith(here)).toBe(true);
    readOnlyFolder.path = '';
    return { env: later(env), stopped };
  }

  /** Carries the kept session on (past the content note, Continue) and finishes it: the ending's frame. */
  async function carriedOnToEnd(env: NodeJS.ProcessEnv) {
    const again = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(again.element);
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('You have a trainer-led session of this scenario in progress.');
    await press(r, KEY.enter, 'r', '1', KEY.enter, '4', 'r', '1');
    await throughEnding(r);
    expect(r.lastFrame()).toContain('Debrief: Example: the new phone');
    return r.lastFrame() ?? '';
  }

  it('full screen: finished, its whole summary is written in the file q wrote, and no second file', async () => {
    const { env, stopped } = await stoppedRefused();
    // The mark that says which session wrote it: one HTML comment, after the summary's words.
    expect(readFileSync(stopped, 'utf8')).toMatch(/\n\n<!-- casa-practice trainer-led session [0-9a-f]{16} \([0-9a-f]{16}\): [^\n]* -->\n$/);
    await carriedOnToEnd(env);
    expect(summaries(env)).toEqual([stopped]);
    const text = readFileSync(stopped, 'utf8');
    expect(text).toContain('## Debrief: Example: the new phone');
    expect(text).toMatch(/## Decision 2:[\s\S]*\| 4 \(100%\) \|/);
    expect(text.match(/<!-- casa-practice trainer-led session/g)).toHaveLength(1);
  });

  it('never over a summary changed since it was written (a trainer\'s notes added), nor over another session\'s: a new file', async () => {
    for (const change of [(t: string) => t.replace('## Decision 1:', 'Notes from the room.\n\n## Decision 1:'), (t: string) => t.replace(/session [0-9a-f]{16}/, 'session 0123456789abcdef')]) {
      const { env, stopped } = await stoppedRefused();
      const changed = change(readFileSync(stopped, 'utf8'));
      writeFileSync(stopped, changed);
      await carriedOnToEnd(env);
      expect(summaries(env)).toHaveLength(2);
      expect(readFileSync(stopped, 'utf8')).toBe(changed);
      cleanup();
    }
  });

  it('line by line: the same', async () => {
    const here = mkdtempSync(join(tmpdir(), 'casa-here-'));
    const env = tempEnv({ PWD: here });
    const run = lineByLineIn;
    await run(env, ['5 0 0', '5 2 0', 'q'], 2);
    expect(summaries(env)).toHaveLength(1);
    const [stopped] = summaries(env);
    expect(stopped?.startsWith(here)).toBe(true);
    const env2 = later(env);
    const finished = await run(env2, ['r', '1', '4 0 0', 'r', '1']);
    expect(finished.code, finished.out).toBe(0);
    expect(summaries(env2)).toEqual([stopped]);
    expect(readFileSync(stopped as string, 'utf8')).toContain('## Debrief: Example: the new phone');
  });
});

/**
 * The app started again later, as later() does, but with the same files: the state folder named by
 * another path (a link to it), which this process has not seen refuse, so that paths kept with the
 * session (its summary's) still name the same files.
 */
const sameFolderLater = (env: NodeJS.ProcessEnv) => {
  const link = join(mkdtempSync(join(tmpdir(), 'casa-link-')), 'state');
  symlinkSync(env.XDG_STATE_HOME as string, link);
  return { ...env, XDG_STATE_HOME: link };
};

/** Every summary of the new-phone example in the exports folder and where the app was started, by real path. */
const all = (env: NodeJS.ProcessEnv) => summaries(env).map((p) => realpathSync(p)).sort();

/** The copy of `env` opened later (as later()), its state folder refusing writes from the start. */
const readOnlyLater = (env: NodeJS.ProcessEnv) => {
  const next = later(env);
  readOnlyFolder.path = stateDir(next);
  checkStateFolder(next);
  return next;
};

/**
 * Line by line: the new-phone example played to its ending, then the copy of its `env` opened later
 * with the state folder refusing writes; `older` is the summary written at the ending.
 */
const finishedThenReopenedReadOnlyLineByLine = async () => {
  const env = tempEnv({ PWD: mkdtempSync(join(tmpdir(), 'casa-here-')) });
  await newPhoneLineByLine(env, ['5 0 0', 'r', '1', '4 0 0', 'r', '1']);
  const next = readOnlyLater(env);
  const [older] = all(next) as [string];
  return { env, next, older };
};

/**
 * Full screen: the new-phone example played to its ending and left (q), then opened again later with
 * the state folder refusing writes, past its notes to the debrief; `older` is the summary written at
 * the ending.
 */
const finishedThenReopenedReadOnly = async () => {
  const env = tempEnv({ PWD: mkdtempSync(join(tmpdir(), 'casa-here-')) });
  const first = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
  const r = await renderApp(first.element);
  await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '4', 'r', '1');
  await throughEnding(r);
  await tap(r, 'q');
  cleanup();
  const next = readOnlyLater(env);
  const [older] = all(next) as [string];
  const second = appElement({ env: next, start: { kind: 'facilitate', playable: newPhone() } });
  const r2 = await renderApp(second.element);
  await press(r2, KEY.enter, KEY.enter);
  return { env, next, older, second, r2 };
};

/** The new-phone example line by line in `env` at 200 columns, `lines` typed: its exit code and all it printed. */
const newPhoneLineByLine = async (env: NodeJS.ProcessEnv, lines: string[]) => {
  let out = '';
  const code = await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 200, readLine: async () => lines.shift() });
  return { code, out };
};

describe('a summary written in the exports folder at q, then the state folder refusing writes at the next q', () => {
  /** Every summary of the new-phone example in `env`'s exports folder and where it was started, by their real paths. */

  /** Run 1, writable: 5 votes at decision 1, q, y: a summary in the exports folder, kept with the session. */
  async function stoppedWritable() {
    const here = mkdtempSync(join(tmpdir(), 'casa-here-'));
    const env = tempEnv({ PWD: here });
    const { app: first, r } = await fullScreenVoted(env);
    await press(r, 'q');
    await tap(r, 'y');
    cleanup();
    expect(first.exit.mock.calls[0]?.[0] ?? '').toContain('Session summary written to:');
    const [older] = all(env) as [string];
    expect(older.startsWith(realpathSync(stateDir(env)))).toBe(true);
    return { env, here, older };
  }

  it('full screen: the newer file is named as the up-to-date summary and the older as out of date; carried on, the newer is written again', async () => {
    const { env, older } = await stoppedWritable();
    const olderText = readFileSync(older, 'utf8');
    // Run 2: carried on; the state folder refuses writes once the session is on screen; 2 more votes, q.
    const second = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(second.element);
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('You have a trainer-led session of this scenario in progress.');
    await press(r, KEY.enter);
    readOnlyFolder.path = stateDir(env);
    const left = await votedAndStopped(r, second);
    const files = all(env);
    expect(files).toHaveLength(2);
    const newer = files.find((f) => f !== older) as string;
    expect(left, left).toContain('The state folder cannot be written, so the session summary was written to:');
    expect(left.replace(/\n/g, ' ')).toContain(newer.split('/').at(-1));
    // The newer file named as the summary, then the older as out of date, each whole on a row of its own (200 columns).
    expect(left.split('\n').slice(-4)).toEqual(['The state folder cannot be written, so the session summary was written to:', newer, 'That file is the up-to-date summary. An earlier summary of this session, now out of date, is:', older.replace(realpathSync(stateDir(env)), stateDir(env))]);
    expect(readFileSync(newer, 'utf8')).toMatch(/\| 2 \| Who bought you that\?[^\n]*\| 2 \(29%\) \|/);
    expect(readFileSync(older, 'utf8')).toBe(olderText);
    // Run 3, writable again: carried on to its end, the up-to-date file (the newer) holds the whole session.
    const env3 = sameFolderLater(env);
    const again = appElement({ env: env3, start: { kind: 'facilitate', playable: newPhone() } });
    const r3 = await renderApp(again.element);
    await press(r3, KEY.enter);
    await press(r3, KEY.enter, 'r', '1', KEY.enter, '4', 'r', '1');
    await throughEnding(r3);
    // The debrief names the older file as out of date after the summary, as leaving did.
    expect((r3.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('That file is the up-to-date summary. An earlier summary of this session, now out of date, is:');
    // The newer file is where the app was started, not in the state folder (it said "(in the state folder …)" after it).
    expect((r3.lastFrame() ?? '').replace(/\s+/g, ' ')).not.toContain('(in the state folder');
    expect(all(env3)).toEqual(files);
    expect(readFileSync(newer, 'utf8')).toContain('## Debrief: Example: the new phone');
    expect(readFileSync(older, 'utf8')).toBe(olderText);
  });

  /** Line by line: one run with `lines` typed; `refuse`: the state folder refuses writes from the start (as the app finds it at start), or once `after` lines are left to read. */
  const plainRun = async (env: NodeJS.ProcessEnv, lines: string[], refuse?: 'start' | { after: number }, width = 200) => {
    let out = '';
    if (refuse === 'start') {
      readOnlyFolder.path = stateDir(env);
      checkStateFolder(env);
    }
    const code = await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width, ...(width < 200 ? { terminalWidth: () => width } : {}), readLine: async () => {
      if (typeof refuse === 'object' && lines.length === refuse.after) readOnlyFolder.path = stateDir(env);
      return lines.shift();
    } });
    readOnlyFolder.path = '';
    return { code, out };
  };

  for (const refuse of [{ after: 2 }, 'start'] as const) {
    it(`line by line, the state folder refusing ${refuse === 'start' ? 'from the start of the next run' : 'during the next run'}: the same`, async () => {
      const here = mkdtempSync(join(tmpdir(), 'casa-here-'));
      const env = tempEnv({ PWD: here });
      expect((await plainRun(env, ['5 0 0', 'q'])).code).toBe(0);
      const [older] = all(env) as [string];
      expect(older.startsWith(realpathSync(stateDir(env)))).toBe(true);
      const olderText = readFileSync(older, 'utf8');
      const second = await plainRun(env, ['5 2 0', 'q'], refuse);
      const files = all(env);
      expect(files, second.out).toHaveLength(2);
      const newer = files.find((f) => f !== older) as string;
      expect(second.out.split('\n').slice(-5, -1)).toEqual(['The state folder cannot be written, so the session summary was written to:', newer, 'That file is the up-to-date summary. An earlier summary of this session, now out of date, is:', older.replace(realpathSync(stateDir(env)), stateDir(env))]);
      expect(readFileSync(newer, 'utf8')).toMatch(/\| 2 \| Who bought you that\?[^\n]*\| 2 \(29%\) \|/);
      const env3 = sameFolderLater(env);
      const finished = await plainRun(env3, ['r', '1', '4 0 0', 'r', '1']);
      expect(finished.code, finished.out).toBe(0);
      expect(all(env3)).toEqual(files);
      expect(readFileSync(newer, 'utf8')).toContain('## Debrief: Example: the new phone');
      expect(readFileSync(older, 'utf8')).toBe(olderText);
      // Carried on, the older file is named as out of date again after the summary.
      expect(finished.out).toContain(`That file is the up-to-date summary. An earlier summary of this session, now out of date, is:\n${older.replace(realpathSync(stateDir(env)), stateDir(env))}`);
    });
  }

  it('line by line at 60 columns: the words are wrapped, each file named whole on its rows', async () => {
    const here = mkdtempSync(join(tmpdir(), 'casa-here-'));
    const env = tempEnv({ PWD: here });
    await plainRun(env, ['5 0 0', 'q'], undefined, 60);
    const [older] = all(env) as [string];
    const second = await plainRun(env, ['5 2 0', 'q'], 'start', 60);
    const newer = all(env).find((f) => f !== older) as string;
    const leaving = second.out.slice(second.out.indexOf('Session stopped before its end.')).split('\n');
    for (const line of leaving) expect(line.length, line).toBeLessThanOrEqual(60);
    const said = leaving.join(' ');
    expect(said).toContain('That file is the up-to-date summary. An earlier summary of this session, now out of date, is:');
    // Each file whole on a row: its whole path where that fits, else its name (or its path within the state folder).
    for (const file of [newer, older]) expect(leaving.some((line) => line.endsWith(file.split('/').at(-1) as string) && !line.includes(' ')), said).toBe(true);
  });

  it('full screen, the state folder refusing from the start of the next run: the summary is written where the app was started, the older named as out of date', async () => {
    const { env, older } = await stoppedWritable();
    const olderText = readFileSync(older, 'utf8');
    readOnlyFolder.path = stateDir(env);
    checkStateFolder(env);
    const second = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(second.element);
    await press(r, KEY.enter);
    await press(r, KEY.enter);
    const left = await votedAndStopped(r, second);
    const files = all(env);
    expect(files, left).toHaveLength(2);
    const newer = files.find((f) => f !== older) as string;
    expect(left, left).not.toContain('could not be written');
    expect(left.split('\n').slice(-4)).toEqual(['The state folder cannot be written, so the session summary was written to:', newer, 'That file is the up-to-date summary. An earlier summary of this session, now out of date, is:', older.replace(realpathSync(stateDir(env)), stateDir(env))]);
    expect(readFileSync(newer, 'utf8')).toMatch(/\| 2 \| Who bought you that\?[^\n]*\| 2 \(29%\) \|/);
    expect(readFileSync(older, 'utf8')).toBe(olderText);
  });
});

/**
 * The exit code, the same full screen and line by line for the same leaving (README, trainer-led
 * section): 0 written fine; 74 where the state folder refused the session's writes and took none
 * since, the summary written where the app was started. Line by line, refused part-way through,
 * q and the ending exited 0 where the full-screen app exited 74.
 */
describe('exit codes: the same in both modes', () => {
  /** Full screen, a new session: 5 votes at decision 1 (kept); `refuse`: the state folder refuses writes from then on; then q, or on to the ending and q there. */
  const fullScreen = async (leave: 'q' | 'ending', refuse: boolean) => {
    const env = tempEnv({ PWD: mkdtempSync(join(tmpdir(), 'casa-here-')) });
    const { app, r } = await fullScreenVoted(env);
    if (refuse) readOnlyFolder.path = stateDir(env);
    if (leave === 'q') {
      await press(r, '2', 'q');
      await tap(r, 'y');
    } else {
      await press(r, 'r', '1', KEY.enter, '4', 'r', '1');
      await throughEnding(r);
      expect(r.lastFrame()).toContain('Debrief: Example: the new phone');
      await tap(r, 'q');
    }
    cleanup();
    readOnlyFolder.path = '';
    expect(app.exit).toHaveBeenCalledTimes(1);
    const [said, code] = app.exit.mock.calls[0] ?? [];
    return { said: said ?? '', code, env };
  };
  /** Line by line, the same: `lines` typed, the state folder refusing writes once `refuseAfter` lines are left to read. */
  const lineByLine = async (lines: string[], refuseAfter?: number) => {
    const env = tempEnv({ PWD: mkdtempSync(join(tmpdir(), 'casa-here-')) });
    const { code, out } = await lineByLineIn(env, lines, refuseAfter);
    return { said: out, code, env };
  };
  const elsewhere = 'The state folder cannot be written, so the session summary was written to:';

  it('q at a decision, written fine: 0 in both', async () => {
    const full = await fullScreen('q', false);
    expect(full.code, full.said).toBe(0);
    const plain = await lineByLine(['5 0 0', '5 2 0', 'q']);
    expect(plain.code, plain.said).toBe(0);
  });

  it('the ending, written fine: 0 in both', async () => {
    const full = await fullScreen('ending', false);
    expect(full.code, full.said).toBe(0);
    const plain = await lineByLine(['5 0 0', 'r', '1', '4 0 0', 'r', '1']);
    expect(plain.code, plain.said).toBe(0);
  });

  it('q at a decision, the state folder refusing part-way through (the summary written where the app was started): 74 in both', async () => {
    const full = await fullScreen('q', true);
    expect(full.said).toContain(elsewhere);
    expect(full.code, full.said).toBe(74);
    const plain = await lineByLine(['5 0 0', '5 2 0', 'q'], 2);
    expect(plain.said).toContain(elsewhere);
    expect(summaries(plain.env).every((p) => p.startsWith(plain.env.PWD as string))).toBe(true);
    expect(plain.code, plain.said).toBe(74);
  });

  it('the ending, the state folder refusing part-way through: 74 in both', async () => {
    const full = await fullScreen('ending', true);
    expect(full.code, full.said).toBe(74);
    const plain = await lineByLine(['5 0 0', 'r', '1', '4 0 0', 'r', '1'], 4);
    expect(plain.said).toContain(elsewhere);
    expect(plain.code, plain.said).toBe(74);
  });

  it('line by line, input ended before the session finished: 1, as when playing, refused or not', async () => {
    expect((await lineByLine(['5 0 0'])).code).toBe(1);
    expect((await lineByLine(['5 0 0', '5 2 0'], 1)).code).toBe(1);
  });
});

/**
 * A finished session opened again while the state folder cannot be written: u's words said "the
 * summary is then written again in the same file", which the folder refused (a new file is written
 * where e: export writes then). They now say so, and where, in both modes.
 */
describe('a finished session opened again while the state folder refuses writes: what u says of the summary', () => {
  const here = () => mkdtempSync(join(tmpdir(), 'casa-here-'));
  const sameFile = /written again,? in the same file/;

  it('line by line', async () => {
    const env = tempEnv({ PWD: here() });
    const run = newPhoneLineByLine;
    const first = await run(env, ['5 0 0', 'r', '1', '4 0 0', 'r', '1']);
    expect(first.out).toMatch(sameFile);
    const next = readOnlyLater(env);
    const again = await run(next, []);
    readOnlyFolder.path = '';
    expect(again.out).toContain('This trainer-led session finished here');
    expect(again.out).not.toMatch(sameFile);
    expect(again.out.replace(/\s+/g, ' ')).toContain(`cannot be written again in its file, whose folder takes no writes now: a new summary is then written to ${env.PWD} when the session ends or stops`);
  });

  it('full screen', async () => {
    const env = tempEnv({ PWD: here() });
    const first = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(first.element);
    await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '4', 'r', '1');
    await throughEnding(r);
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('the summary is then written again in the same file');
    await tap(r, 'q');
    cleanup();
    const next = readOnlyLater(env);
    const again = appElement({ env: next, start: { kind: 'facilitate', playable: newPhone() } });
    const r2 = await renderApp(again.element);
    await press(r2, KEY.enter, KEY.enter);
    const frame = (r2.lastFrame() ?? '').replace(/\s+/g, ' ');
    readOnlyFolder.path = '';
    expect(frame).toContain('Debrief: Example: the new phone');
    expect(frame).not.toMatch(sameFile);
    expect(frame).toContain(`its summary's folder takes no writes now, so a new summary is then written to ${env.PWD}`);
  });
});

/**
 * Found in the tmux pass: a finished session opened again while the state folder was read-only, gone
 * back from its ending (u) and the same branch taken again. u had said "a new summary is then
 * written to <where the app was started>"; the summary said the same as the one in the state folder,
 * so that file was named instead, and no file written: "The state folder cannot be written, so the
 * session summary was written to:" a file in the state folder. The new file is written where u said.
 */
describe('a finished session opened read-only, gone back from its ending and the same branch taken again', () => {

  it('line by line: written where the app was started, as u said, and named there', async () => {
    const { env, next, older } = await finishedThenReopenedReadOnlyLineByLine();
    const run = newPhoneLineByLine;
    const again = await run(next, ['u', '1']);
    readOnlyFolder.path = '';
    expect(again.out.replace(/\s+/g, ' ')).toContain(`a new summary is then written to ${env.PWD}`);
    const newer = all(next).find((f) => f !== older);
    expect(newer, again.out).toBeDefined();
    expect(newer?.startsWith(realpathSync(env.PWD as string))).toBe(true);
    expect(readFileSync(newer as string, 'utf8')).toContain('## Debrief: Example: the new phone');
    expect(again.out).toContain(`${SUMMARY_ELSEWHERE}\n${join(env.PWD as string, basename(newer as string))}`);
  });

  it('full screen: the same', async () => {
    const { env, next, older, second, r2 } = await finishedThenReopenedReadOnly();
    expect((r2.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain(`a new summary is then written to ${env.PWD}`);
    // Back at decision 2, revealed: the same branch again, to the ending and its debrief; q leaves.
    await press(r2, 'u', '1');
    await throughEnding(r2);
    const frame = (r2.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(frame).toContain('Debrief: Example: the new phone');
    await tap(r2, 'q');
    cleanup();
    readOnlyFolder.path = '';
    const newer = all(next).find((f) => f !== older);
    const left = (second.exit.mock.calls[0]?.[0] ?? '') as string;
    expect(newer, left).toBeDefined();
    expect(newer?.startsWith(realpathSync(env.PWD as string))).toBe(true);
    expect(frame).toContain(`${SUMMARY_ELSEWHERE} ${shownFileName(join(env.PWD as string, basename(newer as string)))}`);
    expect(left).toContain(`${SUMMARY_ELSEWHERE}\n${join(env.PWD as string, basename(newer as string))}`);
  });
});

/**
 * A finished session opened again while the state folder refused writes, gone back from its ending
 * (u) and stopped: that step could not be kept, and its summary went to a new file where the app was
 * started, which leaving named as the up-to-date summary (the one written at the ending out of date).
 * Opened again later, it named the older file as its summary (found by what it says). It names the
 * newer now (marked by the session, written since it was last kept: the core's sessionSummaryFile),
 * the older as out of date, in both modes; and after u the newer is written again, not a third file.
 */
describe('a finished session opened read-only, gone back from its ending and stopped, opened again later', () => {
  /** A file as the words name it (whole at 200 columns; a state folder path under its own name). */
  const named = (env: NodeJS.ProcessEnv, file: string) => file.replace(realpathSync(stateDir(env)), stateDir(env));

  it('line by line: the newer file is named as the summary, the older as out of date; u then writes the newer again', async () => {
    const { next, older } = await finishedThenReopenedReadOnlyLineByLine();
    const run = newPhoneLineByLine;
    const stopped = await run(next, ['u', 'q']);
    readOnlyFolder.path = '';
    const newer = all(next).find((f) => f !== older) as string;
    expect(newer, stopped.out).toBeDefined();
    expect(stopped.out).toContain(`${OUT_OF_DATE_SUMMARY}\n${named(next, older)}`);
    const third = sameFolderLater(next);
    const reopened = await run(third, []);
    const opening = reopened.out.slice(0, reopened.out.indexOf('To start a new session'));
    expect(opening).toContain(`This trainer-led session finished here; its debrief follows, as the session was kept at its ending. A summary of this session written since then is:\n${newer}\n${OUT_OF_DATE_SUMMARY}\n${named(third, older)}`);
    expect(opening).not.toContain('Its summary was written when it finished');
    expect(reopened.out).toContain('The up-to-date summary named above is then written again, in the same file');
    // u, then q: the newer is written again, no third file; the older still named as out of date.
    const back = await run(sameFolderLater(next), ['u', 'q']);
    expect(back.out).toContain(`Session summary written to:\n${newer}\n${OUT_OF_DATE_SUMMARY}`);
    expect(all(next)).toEqual([older, newer].sort());
  });

  it('full screen: the same', async () => {
    const { next, older, second, r2 } = await finishedThenReopenedReadOnly();
    expect(r2.lastFrame()).toContain('Debrief: Example: the new phone');
    // Back at decision 2, revealed: q stops there.
    await press(r2, 'u', 'q');
    await tap(r2, 'y');
    cleanup();
    readOnlyFolder.path = '';
    const left = (second.exit.mock.calls[0]?.[0] ?? '') as string;
    const newer = all(next).find((f) => f !== older) as string;
    expect(newer, left).toBeDefined();
    expect(left).toContain(`${OUT_OF_DATE_SUMMARY}\n${named(next, older)}`);
    const third = sameFolderLater(next);
    const again = appElement({ env: third, start: { kind: 'facilitate', playable: newPhone() } });
    const r3 = await renderApp(again.element);
    await press(r3, KEY.enter, KEY.enter);
    const frame = (r3.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(frame).toContain('Debrief: Example: the new phone');
    expect(frame).toContain(`A summary of this session written since then is: ${shownFileName(newer)} ${OUT_OF_DATE_SUMMARY}`);
    expect(frame).not.toContain('Its summary was written when it finished');
    // u, then q: the newer is written again, no third file.
    await press(r3, 'u', 'q');
    await tap(r3, 'y');
    expect(again.exit.mock.calls[0]?.[0]).toContain(`Session summary written to:\n${newer}`);
    expect(all(next)).toEqual([older, newer].sort());
  });
});

/**
 * Found in the tmux pass at 60 columns: the state folder read-only, a session played to its ending
 * and its debrief left with q. The summary's path, where the app was started, is longer than the
 * row: the debrief's screen names it broken after a "/", but leaving printed that whole path, which
 * the terminal broke mid-name ("…-session-2026-12-07T19" / "-57-56.md"). q at a decision names the
 * file on its row and "(in the folder …)" after it (leavingPath); leaving the debrief does too now.
 */
describe('leaving the debrief of a session whose summary went where the app was started, at 60 columns', () => {
  it('names the file on a row of its own and its folder after it, no row longer than 60 columns', async () => {
    const here = mkdtempSync(join(tmpdir(), 'casa-here-'));
    const env = tempEnv({ PWD: here });
    readOnlyFolder.path = stateDir(env);
    checkStateFolder(env);
    const app = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderAt(app.element, 60, 24);
    await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '4', 'r', '1');
    await throughEnding(r);
    expect(r.lastFrame()).toContain('Debrief: Example: the new phone');
    await tap(r, 'q');
    r.unmount();
    readOnlyFolder.path = '';
    const [file] = readdirSync(here).filter((n) => n.endsWith('.md'));
    expect(file).toBeDefined();
    expect(columnsOf(join(here, file as string))).toBeGreaterThan(60);
    const left = (app.exit.mock.calls[0]?.[0] ?? '') as string;
    // As run-app prints it: wrapped at the window's width between words.
    const printed = wrapWords(left, 60, 'casa-practice ');
    for (const row of printed.split('\n')) expect(columnsOf(row), printed).toBeLessThanOrEqual(60);
    expect(printed.split('\n')).toContain(file);
    expect(printed.replace(/\s+/g, ' ')).toContain(`(in the folder ${here})`);
  });
});
