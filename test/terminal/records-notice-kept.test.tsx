import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { RECORDS_KEY } from '../../src/machines/index.js';
import { appElement, envWithSave, KEY, press, renderAt, tempEnv } from './helpers/ink.js';

afterEach(() => cleanup());

const DAMAGED = 'Your completion records were damaged';

/** A state folder holding a records file that is not JSON (and, with `save`, a sound save): the picker sets it aside as it opens. */
async function damagedRecords(save: boolean): Promise<{ env: NodeJS.ProcessEnv; dir: string }> {
  const env = save ? await envWithSave() : tempEnv();
  const dir = join(env.XDG_STATE_HOME as string, 'casa-practice');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, RECORDS_KEY), '[');
  return { env, dir };
}

/** The name the damaged records were moved to, as the state folder holds it. */
const movedName = (dir: string) => readdirSync(dir).find((f) => f.startsWith(`${RECORDS_KEY}.damaged-`));

// Found in the solo-60 tmux pass: damaged records are set aside as the picker opens, and their
// notice (cut to a row at 60×24: "Your completion records were damaged; they were moved to …") went
// with the first return to the picker, R on a damaged save here, before n had shown it whole: read
// again, the records file was gone from its place and said nothing, so where the records went was
// said nowhere (nor on quitting).
describe('the notice of records set aside as the picker opened', () => {
  it('is still there, naming where they went, after b from a content note (60×24)', async () => {
    const { env, dir } = await damagedRecords(false);
    const r = await renderAt(appElement({ env }).element, 60, 24);
    expect(r.lastFrame()).toContain(DAMAGED);
    const moved = movedName(dir);
    expect(moved).toBeDefined();
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('Content note');
    await press(r, 'b');
    expect(r.lastFrame()).toContain('choose a scenario');
    expect(r.lastFrame()).toContain(DAMAGED);
    // (Whole here: the fixtures' short list leaves it the rows.)
    expect(r.lastFrame().replace(/\s+/g, '')).toContain(moved);
    r.unmount();
  });

  it('is kept beside what R says of the save it resumed or set aside, after coming back to the picker', async () => {
    const { env, dir } = await damagedRecords(true);
    // The save is made unreadable JSON, so R sets it aside and comes back to the picker saying so.
    const saves = join(dir, 'saves');
    const save = readdirSync(saves).find((f) => f.endsWith('.json'));
    if (save === undefined) throw new Error('no save was written');
    writeFileSync(join(saves, save), '{');
    const r = await renderAt(appElement({ env }).element, 60, 24);
    expect(r.lastFrame()).toContain(DAMAGED);
    await press(r, 'R');
    expect(r.lastFrame()).toContain('Could not resume');
    expect(r.lastFrame()).toContain(DAMAGED);
    r.unmount();
  });
});
