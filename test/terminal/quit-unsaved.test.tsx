import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { appElement, KEY, press, renderApp, renderAt, tap, tempEnv } from './helpers/ink.js';

afterEach(() => cleanup());

/** A state folder that cannot be written (a file where the folder should be), even for root. */
function unwritableEnv(): NodeJS.ProcessEnv {
  const file = join(mkdtempSync(join(tmpdir(), 'casa-quit-')), 'state');
  writeFileSync(file, 'not a folder');
  return tempEnv({ XDG_STATE_HOME: file });
}

describe('quitting when progress cannot be saved', () => {
  it('q says the playthrough will be lost instead of promising a save, and the last words do not say it is kept', async () => {
    const { element, exit } = appElement({ env: unwritableEnv() });
    const r = await renderApp(element);
    await press(r, '1', KEY.enter, '1');
    await press(r, 'q');
    const prompt = r.lastFrame() ?? '';
    expect(prompt).toContain('Quit without saving?');
    expect(prompt).toContain('This playthrough cannot be saved and will be lost.');
    expect(prompt).toContain('y: quit without saving');
    expect(prompt).not.toMatch(/Save your progress|Continue later with/);
    await tap(r, 'y');
    const message = exit.mock.calls[0]?.[0] ?? '';
    expect(message).toMatch(/^Progress could not be saved: \/\S+ cannot be written \(.+\)/);
    expect(message).not.toMatch(/kept in memory/);
    expect(message).toMatch(/not kept/);
  });

  it('the key hints of the decision and the feedback say q quits, not that it saves', async () => {
    const { element } = appElement({ env: unwritableEnv() });
    const r = await renderApp(element);
    await press(r, '1', KEY.enter);
    expect(r.lastFrame()).toMatch(/What do you say or do\?/);
    expect(r.lastFrame()).toMatch(/· q: quit$/m);
    await press(r, '1');
    expect(r.lastFrame()).toContain('Feedback on your reply');
    expect(r.lastFrame()).toMatch(/· q: quit$/m);
    expect(r.lastFrame()).not.toContain('save & quit');
  });

  it('at 60×24 the prompt fits the screen whole, with the decision\'s header still on top', async () => {
    const { element } = appElement({ env: unwritableEnv() });
    const r = await renderAt(element, 60, 24);
    await press(r, '1', KEY.enter, 'q');
    const rows = r.lastFrame().split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(rows[0]).toMatch(/Decision 1 of about/);
    expect(r.lastFrame()).toContain('This playthrough cannot be saved and will be lost.');
    expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    r.unmount();
  });

  it('with a writable state folder the prompt still offers to save', async () => {
    const { element } = appElement({ env: tempEnv() });
    const r = await renderApp(element);
    await press(r, '1', KEY.enter);
    expect(r.lastFrame()).toMatch(/· q: save & quit$/m);
    await press(r, '1', 'q');
    expect(r.lastFrame()).toContain('Save your progress and quit?');
    expect(r.lastFrame()).toContain('y: save and quit');
  });
});
