import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPiped } from './helpers/cli.js';
import { SCENARIOS, tempEnv } from './helpers/ink.js';

// Found by the saves-47 review: a save (or trainer-led session) written by a newer casa-practice, in
// a terminal not yet updated, was moved aside as `….damaged-…` though its line said it "uses format
// version 2, which this version of casa-practice does not read", and a new playthrough started in
// its place, whose first save would have written over it.

const NEW_PHONE = join(SCENARIOS, 'new-phone.json');
const flat = (s: string) => s.replace(/\s+/g, ' ');
const NEWER = (what: string) => `Your ${what} in this scenario was written by a newer version of casa-practice (format version 2), which this version cannot read. Nothing is wrong with it: it was left where it is, and nothing is written over it. Update casa-practice to continue it.`;

/** The only file under `dir`, made as a newer version would have written it: its text. */
function makeNewer(dir: string): { path: string; text: string } {
  const files = readdirSync(dir);
  expect(files).toHaveLength(1);
  const path = join(dir, files[0] as string);
  const text = JSON.stringify({ ...(JSON.parse(readFileSync(path, 'utf8')) as object), formatVersion: 2 });
  writeFileSync(path, text);
  return { path, text };
}

describe('a save written by a newer version of casa-practice', () => {
  it('is said to be one, left where it is, and a new playthrough plays without saving over it', async () => {
    const env = tempEnv();
    const saves = join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves');
    expect((await runPiped(['play', NEW_PHONE, '--plain'], '1\nq\n', env)).code).toBe(0);
    const { path, text } = makeNewer(saves);
    const untouched = () => {
      expect(readdirSync(saves)).toEqual([path.slice(saves.length + 1)]);
      expect(readFileSync(path, 'utf8')).toBe(text);
    };
    const again = await runPiped(['play', NEW_PHONE, '--plain'], '1\nq\n', env);
    expect(flat(again.err)).toContain(`${NEWER('saved progress')} This playthrough can be played here, but its progress is not saved until then.`);
    expect(flat(again.out)).toContain('Not saved: your saved progress in this scenario was written by a newer version of casa-practice, and is left as it is. Update casa-practice to continue it.');
    expect(again.out + again.err).not.toMatch(/damaged|Continue with|Progress saved/);
    untouched();
    const resumed = await runPiped(['resume', '--plain'], 'q\n', env);
    expect(flat(resumed.err)).toContain(`casa-practice: ${NEWER('saved progress')}`);
    expect(resumed.err).not.toMatch(/damaged|Could not resume|moved/);
    untouched();
    // A backup made meanwhile leaves it out, and says so.
    const backup = await runPiped(['records', '--backup'], '', env);
    expect(backup.code).toBe(0);
    expect(flat(backup.out)).toContain('(1 scenario in progress saved by a newer version of casa-practice is not in it: this version cannot read its save. It stays here as it is.)');
    untouched();
  });

  it('a trainer-led session kept by a newer version is left where it is, and the new session is not kept over it', async () => {
    const env = tempEnv();
    const kept = join(env.XDG_STATE_HOME as string, 'casa-practice', 'facilitation');
    expect((await runPiped(['--facilitate', NEW_PHONE, '--plain'], '4 0 0\nq\n', env)).code).toBe(0);
    const { path, text } = makeNewer(kept);
    const again = await runPiped(['--facilitate', NEW_PHONE, '--plain'], '4 0 0\nq\n', env);
    expect(flat(again.err)).toContain(`casa-practice: ${NEWER('saved trainer-led session')} A new session starts here, but it is not kept until then.`);
    expect(again.err).not.toMatch(/damaged|Could not resume|moved/);
    // Not kept, so not offered to be carried on.
    expect(again.out).not.toContain('To carry on with this session later');
    expect(readdirSync(kept)).toEqual([path.slice(kept.length + 1)]);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});
