import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { asideWords, leftInPlace, RECORDS_KEY, RECORDS_MOVED_TO, SAVE_MOVED_TO } from '../../src/machines/index.js';
import { checkStateFolder, stateStore } from '../../src/terminal/node/state-store.js';
import { runFacilitatePlain } from '../../src/terminal/facilitate-plain.js';
import { stateDir } from '../../src/terminal/state.js';
import { withLongArrows } from '../../bench/generate.js';
import { fixturePath } from '../helpers/fixtures.js';
import { runInProcess as run } from './helpers/cli.js';
import { appElement, KEY, newPhone, press, renderApp, tap, throughEnding } from './helpers/ink.js';

afterEach(cleanup);

/**
 * A state folder whose path holds a terminal escape (XDG_STATE_HOME=/tmp/…/st$'\e]0;x\a'). Cleaned,
 * the path shown was "/tmp/…/st/casa-practice/…": another folder than the one written to. Shown as
 * shownFileName shows it, it is in double quotes with the escape written out.
 */
function escapedEnv(): { env: NodeJS.ProcessEnv; escaped: string } {
  const base = mkdtempSync(join(tmpdir(), 'esc'));
  const home = join(base, 'st\u001b]0;x\u0007');
  mkdirSync(home);
  return { env: { XDG_STATE_HOME: home, CASA_PRACTICE_SEED: '1', NO_COLOR: '1' }, escaped: `${base}/st\\u001b]0;x\\u0007` };
}

describe('a state folder whose path holds escape characters is named as it is, not cleaned into another folder', () => {
  it('line by line, the session summary path is quoted with the escape shown, and names the file written', async () => {
    const { env, escaped } = escapedEnv();
    let out = '';
    const lines = ['3 1 0', 'q'];
    const code = await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 200, readLine: async () => lines.shift() });
    expect(code).toBe(0);
    const [file] = readdirSync(join(stateDir(env), 'exports')).filter((f) => f.endsWith('.md'));
    expect(out).toContain(`Session summary written to:\n"${escaped}/casa-practice/exports/${file as string}"\n`);
    expect(out).not.toContain(`${escaped.replace('\\u001b]0;x\\u0007', '')}/casa-practice`);
    expect(out).not.toContain('\u001b');
  });

  it('full screen, q prints the summary path quoted with the escape shown', async () => {
    const { env, escaped } = escapedEnv();
    const { element, exit } = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(element);
    await press(r, KEY.enter, '7', 'q');
    await tap(r, 'y');
    const rows = (exit.mock.calls[0]?.[0] ?? '').split('\n');
    expect(rows[0]).toBe('Session summary written to:');
    const [file] = readdirSync(join(stateDir(env), 'exports')).filter((f) => f.endsWith('.md'));
    // Longer than the 100 columns, it is named within the state folder, as the debrief names it.
    expect(rows[1]).toBe(`exports/${file as string}`);
    expect(rows[2]).toBe(`(in the state folder "${escaped}/casa-practice")`);
    expect(existsSync(join(stateDir(env), 'exports', file as string))).toBe(true);
  });

  it('full screen, the debrief names the state folder quoted with the escape shown', async () => {
    const { env, escaped } = escapedEnv();
    const app = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(app.element);
    await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '9', 'r', '1');
    await throughEnding(r);
    await tap(r, 'q');
    const [said] = app.exit.mock.calls.at(-1) ?? [];
    const [file] = readdirSync(join(stateDir(env), 'exports')).filter((f) => f.endsWith('.md'));
    expect(said).toContain(`Session summary written to:\nexports/${file as string}\n(in the state folder "${escaped}/casa-practice")`);
  });
});

describe('files in a state folder whose path holds escape characters are named as they are in its messages', () => {
  const place = '/tmp/st\u001b]0;x\u0007/casa-practice';
  const shown = '"/tmp/st\\u001b]0;x\\u0007/casa-practice';

  it('progress not saved: the folder that cannot be written', () => {
    const base = mkdtempSync(join(tmpdir(), 'esc'));
    const file = join(base, 'st\u001b]0;x\u0007');
    writeFileSync(file, '');
    expect(checkStateFolder({ XDG_STATE_HOME: file })).toBe(`Progress and records will not be kept this run: "${base}/st\\u001b]0;x\\u0007/casa-practice" cannot be written (part of the path is a file, not a folder). To keep them, move the file "st\\u001b]0;x\\u0007" (in that path) out of the way, or start again with XDG_STATE_HOME set to a folder you can write.`);
  });

  it('records not updated: the one file that cannot be written', () => {
    const { env, escaped } = escapedEnv();
    const dir = stateDir(env);
    // A folder (not empty) where the records file goes: the folder is written, that file cannot be.
    mkdirSync(join(dir, RECORDS_KEY, 'x'), { recursive: true });
    // The check at start finds the folder writable (as the app does), so a failure is one file's.
    expect(checkStateFolder(env)).toBeUndefined();
    const store = stateStore(env);
    store.write(RECORDS_KEY, '{}');
    expect(store.failure()).toMatch(new RegExp(`^Your records were not updated: "${escapeRegExp(`${escaped}/casa-practice/${RECORDS_KEY}`)}" cannot be written \\(`));
  });

  it('a save or records set aside: the file they were moved to, or where they were left', () => {
    expect(SAVE_MOVED_TO(`${place}/saves/x.damaged-1.json`)).toBe(`The save was moved to ${shown}/saves/x.damaged-1.json"`);
    expect(SAVE_MOVED_TO(leftInPlace(`${place}/saves/x.json`, 'permission denied'))).toBe(`The save could not be moved aside (permission denied) and is still at ${shown}/saves/x.json"`);
    expect(RECORDS_MOVED_TO(`${place}/records.damaged-1.json`)).toBe(`they were moved to ${shown}/records.damaged-1.json"`);
    expect(RECORDS_MOVED_TO(leftInPlace(`${place}/records.json`, 'permission denied'))).toBe(`they could not be moved aside (permission denied), so the file was left as it was, at ${shown}/records.json"`);
    expect(asideWords('The trainer-led session', `${place}/room/x.damaged-1.json`)).toBe(`The trainer-led session was moved to ${shown}/room/x.damaged-1.json"`);
    // A normal path as it is.
    expect(SAVE_MOVED_TO('/tmp/st/saves/x.damaged-1.json')).toBe('The save was moved to /tmp/st/saves/x.damaged-1.json');
  });
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('file names the commands suggest or label with are named as they are', () => {
  it('graph: a name to use instead keeps the escape, shown, not cleaned into another name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'esc-graph'));
    const dot = join(dir, 'st\u001b[2J.dot');
    const mismatch = await run('graph', fixturePath('good/example.json'), '--format', 'svg', '--output', dot);
    expect(mismatch.code).toBe(2);
    expect(mismatch.err).toContain('name it "st\\u001b[2J.svg", or leave out --format');
    const file = join(dir, 'huge.json');
    writeFileSync(file, JSON.stringify(withLongArrows(600), null, 2));
    const tooLarge = await run('graph', file, '--output', join(dir, 'st\u001b[2J.svg'));
    expect(tooLarge.code).toBe(1);
    expect(tooLarge.err).toContain('Write it as text instead: --format dot --output "st\\u001b[2J.dot" (for Graphviz)');
  });

  it('audit: a scenario labelled by its file name shows that name as it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'esc-audit'));
    const text = readFileSync(fixturePath('good/example.json'), 'utf8');
    const id = (JSON.parse(text) as { id: string }).id;
    writeFileSync(join(dir, `${id}\u001b[2J.json`), text);
    const r = await run('audit', dir);
    expect(r.out).toContain(`${id} ("${id}\\u001b[2J.json"): `);
  });
});
