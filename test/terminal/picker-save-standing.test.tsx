import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { createActor } from 'xstate';
import { afterEach, describe, expect, it } from 'vitest';
import { compileScenario, OUTDATED_KEEP, type PlayableScenario } from '../../src/machines/index.js';
import { savesDir, writeSave } from '../../src/terminal/saves.js';
import { chooseScenario } from '../../src/terminal/plain.js';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { OUTDATED_SAVE_MARK, OUTDATED_SAVE_WORDS, RESUME_PROBLEM_LINES, RESUME_UNCHECKED_LINE, RESUME_UNLISTED_LINE } from '../../src/terminal/ui/Picker.js';
import { columnsOf } from '../../src/terminal/wrap.js';
import { appElement, press, renderAt, SCENARIOS, tempEnv } from './helpers/ink.js';
import { editSavedTrust } from './helpers/slots.js';

afterEach(() => cleanup());

const flat = (frame: string | undefined) => (frame ?? '').replace(/\s+/g, ' ');
const WAITING = 'A saved session is waiting: press R to resume it.';

/** A folder with a copy of the new-phone fixture, and a state folder holding a save of it one reply in (begun with `set`, as --set begins one). */
function savedCopy(set?: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'sc'));
  const file = join(dir, 'new-phone.json');
  copyFileSync(join(SCENARIOS, 'new-phone.json'), file);
  const env = tempEnv();
  const playable = loadPlayable(file, undefined, set) as PlayableScenario;
  const actor = createActor(compileScenario(playable.scenario), { input: { mode: 'practice', seed: 1 } }).start();
  actor.send({ type: 'reply.choose', replyId: 'phone-curious' });
  writeSave(playable, actor.getPersistedSnapshot(), env);
  actor.stop();
  return { dir, file, env };
}

/** The scenario edited under the same version: a word of a reply's feedback (an author between two test runs). */
function editFeedback(file: string) {
  writeFileSync(file, readFileSync(file, 'utf8').replace('"A light, friendly question abo', '"A light and friendly question abo'));
}

function fits(frame: string) {
  for (const row of frame.split('\n')) expect(columnsOf(row)).toBeLessThanOrEqual(60);
  expect(frame.split('\n').length).toBeLessThanOrEqual(23);
}

describe('the picker says of a save only what it has checked', () => {
  it('a save made with an earlier edit of its scenario is never offered as waiting, nor marked "(saved)"; opening it sets it aside and says it is sound and kept', async () => {
    const { dir, file, env } = savedCopy();
    editFeedback(file);
    const [save] = readdirSync(savesDir(env));
    const text = readFileSync(join(savesDir(env), save as string), 'utf8');
    const r = await renderAt(appElement({ env, dir }).element, 60, 24);
    // The first frame (files not yet checked) claims nothing of the save; no frame offers it as waiting.
    expect(flat(r.frames[0])).toContain('checking files');
    expect(flat(r.frames[0])).toContain(RESUME_UNCHECKED_LINE);
    expect(r.frames.filter((f) => flat(f).includes(WAITING))).toEqual([]);
    // Checked: R's line, the mark and the words under the summary say what it is.
    const last = flat(r.lastFrame());
    expect(last).toContain(RESUME_PROBLEM_LINES.outdated);
    expect(last).toContain(`Example: the new phone ${OUTDATED_SAVE_MARK}`);
    expect(last).not.toContain('(saved)');
    expect(last).toContain(OUTDATED_SAVE_WORDS);
    fits(r.lastFrame());
    // Opened: set aside as outdated (not offered to continue, which then said "Could not resume"), said
    // above the content note (at 120x40: at 60x24 the note leaves out what to do, as for any save set aside).
    await r.resize(120, 40);
    await press(r, '1');
    const said = flat(r.lastFrame());
    expect(said).toContain('Your saved progress in this scenario could not be used: this save was made before the scenario "example-new-phone" was changed (the reply "phone-curious" it chose at "phone" has changed (its feedback))');
    expect(said).toContain(OUTDATED_KEEP);
    expect(said).not.toMatch(/Continue|continue or start over/);
    const aside = readdirSync(savesDir(env));
    expect(aside).toEqual([expect.stringMatching(/\.outdated-/)]);
    expect(readFileSync(join(savesDir(env), aside[0] as string), 'utf8')).toBe(text);
    r.unmount();
  });

  it('a sound save: "checking" on the first frame, then offered as waiting and marked "(saved)"', async () => {
    const { dir, env } = savedCopy();
    const r = await renderAt(appElement({ env, dir }).element, 60, 24);
    expect(flat(r.frames[0])).toContain(RESUME_UNCHECKED_LINE);
    expect(flat(r.lastFrame())).toContain(WAITING);
    expect(flat(r.lastFrame())).toContain('Example: the new phone (saved)');
    fits(r.frames[0] ?? '');
    r.unmount();
  });

  // A --from or --set save was not replayed for the check, and was offered as waiting whatever it was.
  it('a --set save is checked too: offered as outdated once its scenario changed, as waiting while it fits', async () => {
    const outdated = savedCopy({ trust: '80' });
    editFeedback(outdated.file);
    const r = await renderAt(appElement({ env: outdated.env, dir: outdated.dir }).element, 60, 24);
    expect(flat(r.lastFrame())).toContain(RESUME_PROBLEM_LINES.outdated);
    expect(r.frames.filter((f) => flat(f).includes(WAITING))).toEqual([]);
    r.unmount();
    const sound = savedCopy({ trust: '80' });
    const s = await renderAt(appElement({ env: sound.env, dir: sound.dir }).element, 60, 24);
    expect(flat(s.lastFrame())).toContain(WAITING);
    await press(s, 'R');
    expect(flat(s.lastFrame())).toContain('Example: the new phone');
    expect(flat(s.lastFrame())).toContain('90 of 100');
    s.unmount();
  });

  it('a save whose values were edited is marked "(damaged save)" once checked, not "(saved)"; opening it sets it aside as damaged', async () => {
    const { dir, env } = savedCopy();
    const [name] = readdirSync(savesDir(env));
    const path = join(savesDir(env), name as string);
    editSavedTrust(path, 95);
    const r = await renderAt(appElement({ env, dir }).element, 60, 24);
    expect(flat(r.lastFrame())).toContain('Example: the new phone (damaged save)');
    expect(flat(r.lastFrame())).not.toContain('(saved)');
    await press(r, '1');
    expect(flat(r.lastFrame())).toContain('Your saved progress in this scenario could not be used: the saved progress is damaged (its values do not match its replies).');
    expect(readdirSync(savesDir(env))).toEqual([expect.stringMatching(/\.damaged-/)]);
    r.unmount();
  });

  // Found in the tmux pass: a save of a trainer's file the picker does not list (so not replayed) was
  // offered as waiting once the files were checked, and R then set it aside as outdated.
  it('a save of a scenario not in the list is not claimed to be waiting: it was not checked', async () => {
    const { file, env } = savedCopy();
    editFeedback(file);
    const r = await renderAt(appElement({ env, dir: SCENARIOS }).element, 60, 24);
    expect(flat(r.lastFrame())).toContain(RESUME_UNLISTED_LINE);
    expect(r.frames.filter((f) => flat(f).includes(WAITING))).toEqual([]);
    fits(r.lastFrame());
    await press(r, 'R');
    expect(flat(r.lastFrame())).toContain('Could not resume: this save was made before the scenario');
    expect(readdirSync(savesDir(env))).toEqual([expect.stringMatching(/\.outdated-/)]);
    r.unmount();
  });

  // At 60 columns R's line was one row while the save was being checked, and two once it was found
  // outdated or damaged: the list moved down a row under the trainer's eyes (the highlight kept).
  it('at 60 columns the list does not move once the save is checked and found outdated or damaged', async () => {
    const listRow = (frame: string) => frame.split('\n').findIndex((line) => line.includes('1. Example: the new phone'));
    const spoilt = [
      { problem: RESUME_PROBLEM_LINES.outdated, spoil: (c: ReturnType<typeof savedCopy>) => editFeedback(c.file) },
      { problem: RESUME_PROBLEM_LINES.damaged, spoil: (c: ReturnType<typeof savedCopy>) => editSavedTrust(join(savesDir(c.env), readdirSync(savesDir(c.env))[0] as string), 95) },
    ];
    for (const { problem, spoil } of spoilt) {
      const copy = savedCopy();
      spoil(copy);
      const r = await renderAt(appElement({ env: copy.env, dir: copy.dir }).element, 60, 24);
      expect(flat(r.frames[0])).toContain(RESUME_UNCHECKED_LINE);
      expect(flat(r.lastFrame())).toContain(problem);
      const rows = r.frames.map(listRow);
      expect(rows[0]).toBeGreaterThan(0);
      expect(rows.filter((at) => at !== rows[0]), problem).toEqual([]);
      r.unmount();
    }
    // Whatever R's line says, it takes one row at 60 columns.
    for (const line of [...Object.values(RESUME_PROBLEM_LINES), RESUME_UNCHECKED_LINE, RESUME_UNLISTED_LINE]) expect(columnsOf(line), line).toBeLessThanOrEqual(60);
  });

  // The list line by line marked it "(saved)" too ("opening one continues it").
  it('line by line, the list marks it "(outdated save)", and a sound one "(saved)"', async () => {
    const list = async (dir: string, env: NodeJS.ProcessEnv) => {
      let out = '';
      const io = { out: (t: string) => void (out += t), err: (t: string) => void (out += t) };
      expect(await chooseScenario({ io, width: 80, readLine: () => Promise.resolve('q'), env, dir, marks: true })).toBe('quit');
      return flat(out);
    };
    const { dir, file, env } = savedCopy();
    expect(await list(dir, env)).toContain('1. Example: the new phone (saved) (about');
    editFeedback(file);
    const said = await list(dir, env);
    expect(said).toContain(`1. Example: the new phone ${OUTDATED_SAVE_MARK} (about`);
    expect(said).not.toContain('(saved)');
    // Listing moves nothing.
    expect(readdirSync(savesDir(env))).toEqual([expect.not.stringMatching(/\.outdated-/)]);
  });
});
