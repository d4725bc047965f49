/* eslint-disable no-control-regex -- these patterns exist to find control characters */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { themeFor } from '../../src/terminal/theme.js';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { appElement, colourLevelForFile, KEY, press, renderAt, renderApp, SCENARIOS, tempEnv } from './helpers/ink.js';

// Basic colour on for this file, so its tests can see colour codes.
colourLevelForFile(1);

afterEach(() => cleanup());

const COLOUR = /\u001b\[(?:3[0-9]|9[0-7]|4[0-9]|10[0-7])(?:;[0-9;]*)?m/;

function widest(frame: string): number {
  return Math.max(...frame.split('\n').map((l) => [...l.replace(/\u001b\[[0-9;]*m/g, '')].length));
}

describe('terminal manners', () => {
  it('at 60 columns every frame of a playthrough fits: no line longer than 60, nothing cut off', async () => {
    const { element } = appElement({ env: tempEnv() });
    const r = await renderAt(element, 60);
    await press(r, '1', KEY.enter, '1', KEY.enter, KEY.enter, '2', KEY.enter, KEY.tab, KEY.down, KEY.tab, 'e');
    expect(r.lastFrame()).toContain('Debrief exported to');
    for (const frame of r.frames) expect(widest(frame)).toBeLessThanOrEqual(60);
    // Wrapped, not cut: every word of the narration is on screen.
    const decision = (r.frames.find((f) => f.includes('Decision 1 of about 2')) ?? '').replace(/\u001b\[[0-9;]*m/g, '');
    expect(decision.replace(/\s+/g, ' ')).toContain('She is scrolling on a phone you have not seen before: the newest model.');
    r.unmount();
  });

  it('uses colour normally and none at all with NO_COLOR, keeping the words that carry the meaning', async () => {
    const coloured = appElement({ env: tempEnv(), theme: themeFor({}) });
    const a = await renderApp(coloured.element);
    await press(a, '1', KEY.enter, '2');
    expect(a.lastFrame()).toMatch(COLOUR);
    a.unmount();

    const plain = appElement({ env: tempEnv(), theme: themeFor({ NO_COLOR: '1' }) });
    const b = await renderApp(plain.element);
    await press(b, '1', KEY.enter, '2');
    for (const frame of b.frames) expect(frame).not.toMatch(COLOUR);
    expect(b.lastFrame()).toContain('✗ violates Curious, not interrogating');
  });

  it('strips terminal escapes and control characters from scenario text before printing', async () => {
    const { element } = appElement({ env: tempEnv() });
    const r = await renderApp(element);
    expect(r.lastFrame()).toContain('2. Zz Red title here');
    await press(r, '2', KEY.enter);
    const frame = r.frames.join('');
    // The 8-bit CSI (U+009B) goes with its parameters, as its 7-bit form ESC [ does.
    expect(frame).toContain('Escapes should vanish from this narration .');
    expect(JSON.stringify(/\u001b\]|\u001b\[2J|\u001b\[1;1H|\u0007|\u009b|pwned/.exec(frame))).toBe('null');
  });

  it('line breaks in one-line fields of a file (a title, a name, a meter\'s label) stay on one row, and the screen fits 60×24', async () => {
    // A file may hold "\n" in any string: in a decision's title, a character's name or a meter's
    // label it broke the screen's row count, and the frame ran past the window's last row.
    const file = JSON.parse(readFileSync(join(SCENARIOS, 'new-phone.json'), 'utf8')) as { title: string; characters: { name: string }[]; variables: { label: string }[]; nodes: { id: string; title?: string; narration?: string }[] };
    file.characters[0]!.name = 'Jade\nRivera';
    file.variables[0]!.label = "Jade's\ntrust in you";
    const phone = file.nodes.find((n) => n.id === 'phone')!;
    phone.title = 'The new\nphone';
    phone.narration = `${phone.narration ?? ''} ${'She keeps it face down on the table between you. '.repeat(5)}`;
    const path = join(mkdtempSync(join(tmpdir(), 'casa-newlines-')), 'new-phone.json');
    writeFileSync(path, JSON.stringify(file));
    const playable = loadPlayable(path);
    if ('problems' in playable) throw new Error(playable.problems);
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'play', playable, showNote: true } }).element, 60, 24);
    await press(r, KEY.enter);
    const frame = r.lastFrame().replace(/\u001b\[[0-9;]*m/g, '');
    expect(frame).toContain('Decision 1 of about 2');
    expect(frame).toContain('Jade Rivera (youth):');
    expect(frame).toContain("Jade's trust in you");
    expect(frame).toMatch(/^The new phone$/m);
    expect(frame.split('\n').length).toBeLessThanOrEqual(23);
    r.unmount();
  });
});
