import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resumeScreen } from './helpers/script-terminal.js';

// `casa-practice resume` with a save that cannot be used, in the full-screen app: the reason is
// shown once, above the picker. It was also printed on stderr before the app started, so the same
// words stood twice (and, with stderr kept in a file, the file held a line the screen had already
// said). Line by line (--plain, or not a terminal) it is said on stderr only (plain-cli.test).
// `script` gives the app a real terminal; stderr goes to a file of its own.

describe.runIf(existsSync('/usr/bin/script'))('resume with a save that cannot be used, full screen', () => {
  it('says why once, above the picker, and nothing on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-once-'));
    const saves = join(dir, 'casa-practice', 'saves');
    mkdirSync(saves, { recursive: true });
    writeFileSync(join(saves, 'youth-discloses.json'), '{ "format": "casa-practice-terminal-save", ');
    // The picker drawn with its notice, to its last words.
    const { err } = await resumeScreen(dir, /Could not resume.* choose a scenario\./);
    // Written, if at all, before the app drew its first screen.
    expect(err).toBe('');
    expect(readdirSync(saves)).toEqual([expect.stringMatching(/^youth-discloses\.json\.damaged-/)]);
  });
});
