import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestSaveKey } from '../../src/machines/index.js';
import { INPUT_ENDED_UNSAVED } from '../../src/terminal/plain.js';
import { stateStore } from '../../src/terminal/saves.js';
import { stateDir } from '../../src/terminal/state.js';
import { runWithState } from './helpers/cli.js';
import { tempEnv } from './helpers/ink.js';

const cli = runWithState;
const saves = (env: NodeJS.ProcessEnv) => readdirSync(join(stateDir(env), 'saves')).sort();
const saveText = (env: NodeJS.ProcessEnv, id: string) => readFileSync(join(stateDir(env), 'saves', `${id}.json`), 'utf8');
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

// `echo | casa-practice play red-flags` (or the picker given a number and then nothing) wrote a save
// of a run with no reply made: the newest save, so `resume` and the picker's R opened it, not the
// playthrough the volunteer had in progress. Input that ends is not the volunteer's choice to save.
describe('plain mode: input that ends before a reply is made or undone in the run', () => {
  it('writes no save beside the one in progress, and resume still opens that one', async () => {
    const env = tempEnv();
    const begun = await cli(['play', 'youth-discloses', '--plain'], '1\n', env);
    expect(begun.out).toMatch(/Progress saved to/);
    const inProgress = saveText(env, 'youth-discloses');
    const other = await cli(['play', 'red-flags', '--plain'], '\n', env);
    expect(other.code).toBe(1);
    expect(other.out).toContain(`Input ended before the scenario finished.\n${INPUT_ENDED_UNSAVED}\n`);
    expect(other.out).not.toMatch(/Progress saved/);
    expect(saves(env)).toEqual(['youth-discloses.json']);
    expect(latestSaveKey(stateStore(env))).toBe('saves/youth-discloses.json');
    // Chosen from the list, then nothing more: the same.
    const list = await cli(['--plain'], '', env);
    const number = /(\d+)\. New nails, new phone, new boyfriend/.exec(list.out)?.[1];
    expect(number).toBeDefined();
    const picked = await cli(['--plain'], `${number}\n`, env);
    expect(picked.out).toContain(INPUT_ENDED_UNSAVED);
    expect(saves(env)).toEqual(['youth-discloses.json']);
    expect(saveText(env, 'youth-discloses')).toBe(inProgress);
    const resumed = await cli(['resume', '--plain'], '', env);
    expect(resumed.out).toContain('Continuing where you stopped.');
    expect(resumed.out).toMatch(/^What Kiara tells you/m);
  });

  it('leaves a save it continued as it was, saying so; a reply or an undo made is still kept', async () => {
    const env = tempEnv();
    await cli(['play', 'red-flags', '--plain'], '1\n', env);
    await cli(['play', 'youth-discloses', '--plain'], '1\n', env);
    const before = saveText(env, 'red-flags');
    // Continued (its save waiting), nothing typed: not written again, so not made the newest.
    const again = await cli(['play', 'red-flags', '--plain'], '', env);
    expect(again.code).toBe(1);
    expect(oneLine(again.out)).toContain('No reply was made in this run, so nothing was saved: your save is kept as it was. Opening this scenario again offers it.');
    expect(saveText(env, 'red-flags')).toBe(before);
    expect(latestSaveKey(stateStore(env))).toBe('saves/youth-discloses.json');
    // An undo is progress of this run: kept, as a reply is.
    const undone = await cli(['play', 'red-flags', '--plain'], 'u\n', env);
    expect(undone.out).toContain('Undone: back to the previous decision.');
    expect(undone.out).toMatch(/Progress saved to/);
    expect(saveText(env, 'red-flags')).not.toBe(before);
    expect(latestSaveKey(stateStore(env))).toBe('saves/red-flags.json');
    const latest = await cli(['play', 'red-flags', '--plain'], '', env);
    expect(oneLine(latest.out).trim()).toMatch(/your save is kept as it was\. Continue with: .*casa-practice\S* resume --plain$/);
  });
});
