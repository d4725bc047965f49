import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPiped } from './helpers/cli.js';
import { resumeScreen } from './helpers/script-terminal.js';

// Found by the saves-48 review: full screen, `casa-practice resume` opened the newest save this
// version reads and said nothing of a newer version's save of another scenario. It is said above
// "Where you left off", not on stderr (printed before the app, a line is wrapped mid-word by the
// terminal and pushed away). `script` gives the app a real terminal; stderr goes to a file.
describe.runIf(existsSync('/usr/bin/script'))('resume beside a newer version\'s save of another scenario, full screen', () => {
  it('names that scenario by title above where it left off, and nothing on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-newer-'));
    expect((await runPiped(['play', 'red-flags', '--plain'], '1\nq\n', { PATH: process.env.PATH, HOME: dir, XDG_STATE_HOME: dir })).code).toBe(0);
    const saves = join(dir, 'casa-practice', 'saves');
    const other = join(saves, 'youth-discloses.json');
    const text = JSON.stringify({ ...(JSON.parse(readFileSync(join(saves, 'red-flags.json'), 'utf8')) as object), formatVersion: 2 });
    writeFileSync(other, text);
    const later = new Date(Date.now() + 60_000);
    utimesSync(other, later, later);
    const { screen, err } = await resumeScreen(dir, /Where you left off/);
    expect(screen).toContain('Another scenario, “What Kiara tells you”, has saved progress from a newer version of casa-practice, which this version leaves untouched. Update casa-practice to continue it.');
    expect(err).toBe('');
    expect(readFileSync(other, 'utf8')).toBe(text);
  });

  // Found by the saves-48 review: with only a newer version's save, the picker's notice said "Your
  // saved progress in this scenario was written by a newer version…" above a list of scenarios.
  it('with only that save: the picker names its scenario by title, offers no R, and says no other save was found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-newer-'));
    const saves = join(dir, 'casa-practice', 'saves');
    mkdirSync(saves, { recursive: true });
    const other = join(saves, 'youth-discloses.json');
    const text = JSON.stringify({ format: 'casa-practice-terminal-save', formatVersion: 2 });
    writeFileSync(other, text);
    const { screen, err } = await resumeScreen(dir, /q: quit/);
    expect(screen).toContain('“What Kiara tells you” has saved progress from a newer version of casa-practice, which this version leaves untouched. Update casa-practice to continue it. No other saved session was found; choose a scenario.');
    expect(screen).not.toMatch(/in this scenario|press R/);
    expect(err).toBe('');
    expect(readFileSync(other, 'utf8')).toBe(text);
  });
});
