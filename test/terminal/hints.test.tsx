import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { appElement, envWithSave, KEY, newPhone, playToDebrief, press, renderApp, renderAt, SCENARIOS, tap, tempEnv, validatedCatalog } from './helpers/ink.js';
import { BUNDLED } from './helpers/layout.js';
import { PHONE_REASON, reasonedPhoneText } from '../helpers/fixtures.js';

afterEach(() => cleanup());

const hintRow = (frame: string | undefined) => (frame ?? '').split('\n').filter((l) => / · q: /.test(l)).join('\n');

describe('help lines list only keys that do something', () => {
  it('the picker offers numbers for the scenarios listed and R only with a save', async () => {
    const r = await renderApp(appElement({ env: tempEnv() }).element);
    // Two valid fixtures are listed (new phone, escape codes).
    expect(r.lastFrame()).toMatch(/Enter or 1–2: open/);
    expect(r.lastFrame()).not.toContain('R: resume');
  });

  it('decision 1 has no undo; replies are numbered 1–3; decision 2 and the feedback offer undo', async () => {
    const r = await renderApp(appElement({ env: tempEnv() }).element);
    await press(r, '1', KEY.enter);
    // w (who's who) is named where the help line has room for it.
    expect(hintRow(r.lastFrame())).toBe('1–3 or ↑↓ Enter: reply · w: who\'s who · q: save & quit');
    await press(r, '1');
    expect(hintRow(r.lastFrame())).toBe('Enter: continue · u: undo · q: save & quit');
    await press(r, KEY.enter, KEY.enter);
    expect(hintRow(r.lastFrame())).toMatch(/^1–\d or ↑↓ Enter: reply · u: undo · w: who's who · q: save & quit$/);
  });

  it('in assessment mode there is no undo in the help line and no trust meter at all', async () => {
    const r = await renderApp(appElement({ env: tempEnv(), mode: 'assessment' }).element);
    await press(r, '1', KEY.enter);
    expect(r.lastFrame()).not.toContain("Jade's trust");
    await press(r, '1', KEY.enter);
    expect(r.lastFrame()).toContain('Decision 2 of about 2');
    expect(r.lastFrame()).not.toContain("Jade's trust");
    expect(r.lastFrame()).not.toContain('u: undo');
  });

  it('at 60 columns the debrief opened from the picker keeps each key beside what it does', async () => {
    const r = await renderAt(appElement({ env: tempEnv() }).element, 60);
    await press(r, '1', KEY.enter);
    await playToDebrief(r);
    const frame = r.lastFrame() ?? '';
    expect(frame).toContain('Debrief:');
    expect(frame.split('\n').length).toBeLessThanOrEqual(24);
    expect(frame.split('\n').filter(Boolean).slice(-2)).toEqual(['Tab/←→: section · ↑↓ PgUp PgDn: scroll · e: export', 'b: scenarios · q: quit']);
  });

  it('at 60 columns the picker of ten or more scenarios, with a save and a digit typed, keeps each key beside what it does', async () => {
    const env = await envWithSave();
    const catalog = validatedCatalog(BUNDLED);
    // "1" starts 1 and 10, 11, …: the hint names the digits that finish a number, however many are bundled.
    const count = catalog().entries.length;
    expect(count).toBeGreaterThanOrEqual(11);
    const r = await renderAt(appElement({ env, catalog }).element, 60);
    await press(r, '1');
    const frame = (r.lastFrame() ?? '').split('\n');
    expect(frame.length).toBeLessThanOrEqual(24);
    expect(frame.filter(Boolean).slice(-2)).toEqual([`Enter: open 1 · 0–${Math.min(count, 19) - 10}: open 10–${Math.min(count, 19)} · ↑↓: move · R: resume saved`, 'q: quit']);
  });

  it('the content note offers b only when there is a picker to go back to', async () => {
    const fromPicker = await renderApp(appElement({ env: tempEnv() }).element);
    await press(fromPicker, '1');
    expect(fromPicker.lastFrame()).toContain('Enter: start · b: back · q: quit');
    cleanup();
    const direct = await renderApp(appElement({ env: tempEnv(), start: { kind: 'play', playable: newPhone(), showNote: true } }).element);
    expect(direct.lastFrame()).toContain('Content note');
    expect(direct.lastFrame()).toContain('Enter: start · q: quit');
    expect(direct.lastFrame()).not.toContain('b: back');
  });

  it('the reveal offers the numbers of the replies there are', async () => {
    const r = await renderApp(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter, 'r');
    expect(r.lastFrame()).toContain('1–3: the branch the room follows');
  });
});

describe('the step counts the same on the decision and its feedback', () => {
  it('"Decision 1 of about 2" on the decision and on the feedback about it', async () => {
    const r = await renderApp(appElement({ env: tempEnv() }).element);
    await press(r, '1', KEY.enter);
    expect(r.lastFrame()).toContain('Decision 1 of about 2');
    await press(r, '1');
    expect(r.lastFrame()).toContain('Feedback on your reply');
    expect(r.lastFrame()).toContain('Decision 1 of about 2');
    await press(r, KEY.enter, KEY.enter, '1');
    expect(r.lastFrame()).toContain('Feedback on your reply');
    expect(r.lastFrame()).toContain('Decision 2 of about 2');
  });
});

describe('a reply that cannot be chosen now says why', () => {
  it('names the meter it needs and its value now, and the key after it clears the notice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-when-'));
    const scenario = JSON.parse(readFileSync(join(SCENARIOS, 'new-phone.json'), 'utf8'));
    scenario.nodes[0].replies[0].when = { var: 'trust', gte: 70 };
    writeFileSync(join(dir, 'new-phone.json'), JSON.stringify(scenario));
    const r = await renderApp(appElement({ env: tempEnv(), dir }).element);
    await press(r, '1', KEY.enter);
    const line = (r.lastFrame() ?? '').split('\n').find((l) => l.includes("That's a nice one!")) ?? '';
    expect(line).toContain('(not available now)');
    const n = /(\d)\. That's a nice one/.exec(line)?.[1] as string;
    await press(r, n);
    const flat = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(flat).toContain(`Reply ${n} is not available now: it needs Jade's trust at least 70 (now 50).`);
    expect(flat).not.toContain('Feedback on your reply');
    // Any key clears it and the help line comes back.
    await press(r, KEY.down);
    expect(r.lastFrame()).not.toContain('is not available now');
    expect(r.lastFrame()).toContain('Enter: reply');
    expect(await tap(r, 'x')).toBe(false);
  });
});

describe('a reply closed by something the volunteer cannot see says its author\'s reason', () => {
  it('choosing it says the "unavailableReason" (the core\'s words), not "it does not fit this point in the story"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-reason-'));
    writeFileSync(join(dir, 'new-phone.json'), reasonedPhoneText(readFileSync(join(SCENARIOS, 'new-phone.json'), 'utf8')));
    const r = await renderApp(appElement({ env: tempEnv(), dir }).element);
    await press(r, '1', KEY.enter);
    const n = /(\d)\. Who bought you that\?/.exec((r.lastFrame() ?? '').replace(/\s+/g, ' '))?.[1] as string;
    expect(n).toBeDefined();
    await press(r, n);
    const flat = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(flat).toContain(`Reply ${n} is not available now: ${PHONE_REASON}.`);
    expect(flat).not.toContain('does not fit this point in the story');
  });
});

describe('in a trainer-led session, a branch that cannot be followed says why', () => {
  it('the reveal names the meter the reply needs instead of ignoring its number', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-when-'));
    const scenario = JSON.parse(readFileSync(join(SCENARIOS, 'new-phone.json'), 'utf8'));
    scenario.nodes[0].replies[0].when = { var: 'trust', gte: 70 };
    const file = join(dir, 'new-phone.json');
    writeFileSync(file, JSON.stringify(scenario));
    const playable = loadPlayable(file);
    if ('problems' in playable) throw new Error(playable.problems);
    const r = await renderApp(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable } }).element);
    await press(r, KEY.enter, 'r');
    const n = /(\d)\. That's a nice one/.exec((r.lastFrame() ?? '').replace(/\s+/g, ' '))?.[1] as string;
    expect(n).toBeDefined();
    await press(r, n);
    const flat = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(flat).toContain(`Reply ${n} is not available now: it needs Jade's trust at least 70 (now 50).`);
    await press(r, KEY.down);
    // The words give way to the help line (below the reveal's last blank row); the reveal itself
    // says them too, in that reply's block.
    const rows = (r.lastFrame() ?? '').split('\n').map((l) => l.trim());
    while (rows.at(-1) === '') rows.pop();
    const footer = rows.slice(rows.lastIndexOf('') + 1).join(' ');
    expect(footer).not.toContain('is not available now');
    expect(footer).toContain('the branch the room follows');
  });
});
