import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { runFacilitatePlain } from '../../src/terminal/facilitate-plain.js';
import { stateDir } from '../../src/terminal/state.js';
import { appElement, KEY, newPhone, press, renderApp, tap, tempEnv, throughEnding } from './helpers/ink.js';

/**
 * One session, one summary file. A trainer-led session stopped with q writes the summary so far; carried
 * on and finished, it wrote the whole session's summary in a second file beside the first, and the
 * trainer had two files for one session (and might send the partial one). Carried on, every summary
 * of the session is now written in place of the one written when it stopped; never over the summary
 * of another session.
 */

afterEach(() => cleanup());

const summaries = (env: NodeJS.ProcessEnv) => readdirSync(join(stateDir(env), 'exports')).filter((n) => n.endsWith('.md')).sort();
/** The summary an exit message or a frame names, as its path within the state folder ("exports/…md"). */
const named = (text: string | undefined) => {
  const path = /Session summary written to:\s+(\S+\.md)/.exec(text ?? '')?.[1];
  return path === undefined ? undefined : `exports/${basename(path)}`;
};

/** The new-phone example stopped with q: at the scene after decision 1 (`atDecision` false) or at decision 2 with 4 votes. */
async function stopped(env: NodeJS.ProcessEnv, atDecision: boolean): Promise<string> {
  const app = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
  const r = await renderApp(app.element);
  await press(r, KEY.enter, '5', KEY.enter, '2', 'r', '1');
  if (atDecision) await press(r, KEY.enter, '4');
  await press(r, 'q');
  await tap(r, 'y');
  cleanup();
  const path = named(app.exit.mock.calls[0]?.[0]);
  expect(path, app.exit.mock.calls[0]?.[0]).toBeDefined();
  return path as string;
}

/** Opens the kept session again and carries it on (Enter past the content note, Enter on "Continue"). */
async function carriedOn(env: NodeJS.ProcessEnv) {
  const app = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
  const r = await renderApp(app.element);
  await press(r, KEY.enter);
  expect(r.lastFrame()).toContain('You have a trainer-led session of this scenario in progress.');
  await press(r, KEY.enter);
  return { app, r };
}

describe('a trainer-led session carried on after q has one summary file', () => {
  it.each([false, true])('stopped at a decision: %s; finished, its summary is written in place of the summary so far', async (atDecision) => {
    const env = tempEnv();
    const partial = await stopped(env, atDecision);
    expect(summaries(env)).toHaveLength(1);
    const { r } = await carriedOn(env);
    if (!atDecision) await press(r, KEY.enter, '4');
    await press(r, 'r', '1');
    await throughEnding(r);
    const end = r.lastFrame() ?? '';
    expect(end).toContain('Debrief: Example: the new phone');
    // The same file, now the whole session: both decisions, the branch taken at each, and the debrief.
    expect(named(end)).toBe(partial);
    expect(summaries(env)).toEqual([partial.slice('exports/'.length)]);
    const summary = readFileSync(join(stateDir(env), partial), 'utf8');
    expect(summary).toContain("| 1 | ★ best practice: That's a nice one! How did you get it? | +2 | 5 (71%) |");
    expect(summary).toMatch(/## Decision 2:[\s\S]*\| 4 \(100%\) \|[\s\S]*Branch taken: 1\./);
    expect(summary).toContain('## Debrief: Example: the new phone');
    expect(summary).not.toContain('stopped at this decision');
  });

  it('stopped twice, then finished: still one file, named at each stop', async () => {
    const env = tempEnv();
    const partial = await stopped(env, false);
    const again = await carriedOn(env);
    await press(again.r, KEY.enter, '3', 'q');
    await tap(again.r, 'y');
    expect(named(again.app.exit.mock.calls[0]?.[0])).toBe(partial);
    cleanup();
    const { r } = await carriedOn(env);
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('votes: 3');
    await press(r, 'r', '1');
    await throughEnding(r);
    expect(named(r.lastFrame())).toBe(partial);
    expect(summaries(env)).toEqual([partial.slice('exports/'.length)]);
  });

  it('never over another session\'s summary: one that says the same but was written before the session was last kept stays, and a new file is written', async () => {
    const env = tempEnv();
    const partial = await stopped(env, true);
    const path = join(stateDir(env), partial);
    // As if written by an earlier session that the room took just as far: an hour before this one was kept.
    const before = new Date(statSync(path).mtimeMs - 3_600_000);
    utimesSync(path, before, before);
    const text = readFileSync(path, 'utf8');
    // Kept without the file its summary went to (RoomProgress.summary, as a session kept before that
    // was recorded): a session that names that file as its own writes it again in place.
    const keptDir = join(stateDir(env), 'facilitation');
    for (const name of readdirSync(keptDir)) {
      const slot = JSON.parse(readFileSync(join(keptDir, name), 'utf8')) as Record<string, unknown>;
      expect(slot.summary).toBe(path);
      delete slot.summary;
      writeFileSync(join(keptDir, name), JSON.stringify(slot));
    }
    const { r } = await carriedOn(env);
    await press(r, 'r', '1');
    await throughEnding(r);
    const written = named(r.lastFrame());
    expect(written).toBeDefined();
    expect(written).not.toBe(partial);
    expect(summaries(env)).toHaveLength(2);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('line by line too: carried on and finished, one file; started over, the new session\'s summary is a file of its own', async () => {
    const env = tempEnv();
    const run = async (lines: string[]) => {
      let out = '';
      const code = await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 200, readLine: async () => lines.shift() });
      return { code, out, paths: [...out.matchAll(/Session summary written to:\n(\S+\.md)/g)].map((m) => m[1]) };
    };
    const first = await run(['5 2 0', 'r', '1', '4 0 0', 'q']);
    expect(first.paths).toHaveLength(1);
    const finished = await run(['r', '1']);
    expect(finished.code).toBe(0);
    expect(finished.paths).toEqual(first.paths);
    expect(summaries(env)).toHaveLength(1);
    expect(readFileSync(first.paths[0] as string, 'utf8')).toContain('## Debrief: Example: the new phone');

    // A finished session opened again, back from its ending (u), then started over (s, y): the new
    // session's summary is its own file, not written over the one before's.
    const again = await run(['u', 's', 'y', '9 0 0', 'q']);
    expect(again.out).toContain('Starting the session over from the beginning.');
    expect(summaries(env)).toHaveLength(2);
    const [, newer] = again.paths;
    expect(newer).toBeDefined();
    expect(newer).not.toBe(first.paths[0]);
    expect(readFileSync(newer as string, 'utf8')).toContain('| 9 (100%) |');
    // (Written again as the session before stood when it was started over, back at decision 2.)
    expect(readFileSync(first.paths[0] as string, 'utf8')).not.toContain('| 9 (100%) |');
  });
});
