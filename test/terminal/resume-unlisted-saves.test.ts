import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { READ_ONLY_SKIP, readOnlyTestable, runChild } from './helpers/cli.js';

// Found by the newcomer walkthrough: a saves folder that cannot be listed (chmod 000, or another
// user's with mode 700) was listed as empty, and `resume` said "No saved session was found" of a
// folder holding a save.

describe('resume with a saves folder that cannot be listed', () => {
  it.skipIf(!readOnlyTestable())(`says the folder cannot be opened and what to do, not "No saved session was found", and leaves the save as it was${readOnlyTestable() ? '' : READ_ONLY_SKIP}`, async () => {
    const base = mkdtempSync(join(tmpdir(), 'casa-unlisted-'));
    chmodSync(base, 0o755);
    const saves = join(base, 'casa-practice', 'saves');
    mkdirSync(saves, { recursive: true });
    const save = '{"format":"casa-practice-terminal-save","formatVersion":1}\n';
    writeFileSync(join(saves, 'red-flags.json'), save);
    chmodSync(saves, 0o000);
    const other = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = await runChild(['resume', '--plain'], '', { XDG_STATE_HOME: base, HOME: base }, { cwd: base, ...other });
    chmodSync(saves, 0o755);
    const flat = r.out.replace(/\s+/g, ' ');
    expect(flat).toContain(`Your saves could not be read: the folder ${saves} cannot be opened (permission denied). Make it readable by you to continue a save; choose a scenario.`);
    expect(r.out).not.toContain('No saved session was found');
    expect(readdirSync(saves)).toEqual(['red-flags.json']);
    expect(readFileSync(join(saves, 'red-flags.json'), 'utf8')).toBe(save);
  });
});
