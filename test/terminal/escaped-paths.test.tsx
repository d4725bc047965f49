import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { runFacilitatePlain } from '../../src/terminal/facilitate-plain.js';
import { stateDir } from '../../src/terminal/state.js';
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
    expect(rows[1]).toBe(`"${escaped}/casa-practice/exports/${file as string}"`);
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
