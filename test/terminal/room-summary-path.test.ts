import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leavingPath } from '../../src/terminal/export.js';
import { closedSummaryPath, endedRoomWords, endedSummaryWords } from '../../src/terminal/room/command.js';

// The live room names its session summary as the session ends ("Summary written to <path>") and on
// Ctrl+C (under "Room closed. Session summary written to:"). In a 60-column terminal the whole path
// was longer than the row and the terminal broke it mid-name; the room's file name ("-room-<code>")
// is longer than the trainer-led one's, so even "exports/<file>.md" was (62 columns). The signal
// itself, in a real terminal, is tmux-e2e.test.ts's "live room names its summary" test.
describe('the live room names its summary so that no row breaks it', () => {
  const state = '/tmp/casa-s1/state';
  const env = { XDG_STATE_HOME: state, HOME: '/home/trainer' };
  const name = 'youth-discloses-session-2026-12-06T07-36-54-room-7NSNE2.md';
  const path = join(state, 'casa-practice', 'exports', name);
  const fits = (text: string, columns: number) => text.split('\n').filter((row) => [...row].length > columns);

  it('at 60 columns: the file name whole on its row, its folder after it, each row within 60', () => {
    expect(endedSummaryWords(path, 60, env)).toBe(`Summary written to:\n${name}\n(in exports/ in the state folder\n${state}/casa-practice)`);
    expect(closedSummaryPath(path, 60, env)).toBe(`${name}\n(in exports/ in the state folder\n${state}/casa-practice)`);
    expect(fits(endedSummaryWords(path, 60, env), 60)).toEqual([]);
  });

  it('where the whole path fits, it is kept: on the sentence\'s row at 120 columns, on a row of its own after Ctrl+C', () => {
    expect(endedSummaryWords(path, 120, env)).toBe(`Summary written to ${path}`);
    expect(closedSummaryPath(path, 120, env)).toBe(path);
    // Too long for the sentence's row, whole on a row of its own.
    expect(endedSummaryWords(path, 100, env)).toBe(`Summary written to:\n${path}`);
  });

  it('into a pipe or a file the whole path stays, as scripts (and the room-presenter e2e) read it', () => {
    expect(endedSummaryWords(path, undefined, env)).toBe(`Summary written to ${path}`);
    expect(/Summary written to (\S+\.md)/.exec(endedSummaryWords(path, undefined, env))?.[1]).toBe(path);
    expect(closedSummaryPath(path, undefined, env)).toBe(path);
  });

  it('room --resume of an ended room: in a terminal the path on rows of its own (no full stop after it); piped, the same, no row wrapped', () => {
    const resumed = endedRoomWords('VAS2CD', path, 60, env);
    expect(resumed).toMatch(new RegExp(`Its session summary is:\\n${name.replace(/\./g, '\\.')}\\n\\(in exports/ in the state folder\\n${state}/casa-practice\\)\\nStart a new room with:\\n\\S.* room <scenario>$`));
    expect(fits(resumed, 60)).toEqual([]);
    const wide = endedRoomWords('VAS2CD', path, 120, env).split('\n');
    expect(wide[wide.indexOf(path) - 1]).toMatch(/summary is:$/);
    expect(wide[wide.indexOf(path) + 1]).toBe('Start a new room with:');
    // Piped (`room --resume | cat`) it was wrapped at 80 columns ("…nothing to carry" / "on. …") with
    // the path mid-sentence and a full stop right after it, which a copy of the path took with it.
    const piped = endedRoomWords('VAS2CD', path, undefined, env).split('\n');
    expect(piped).toEqual(['casa-practice: the last room (VAS2CD) has ended, so there is nothing to carry on. Its session summary is:', path, 'Start a new room with:', expect.stringMatching(/ room <scenario>$/)]);
    const spacedPath = join('/tmp/x/my practice folder', 'casa-practice', 'exports', name);
    expect(endedRoomWords('VAS2CD', spacedPath, undefined, env).split('\n')[1]).toBe(spacedPath);
  });

  it('a state folder with spaces in a folder\'s name is kept whole on its row, never broken at them', () => {
    const spaced = { XDG_STATE_HOME: '/tmp/term3-44/a-rather-long-folder-name-for-testing/with-spaces in it/state-of-the-practice-app', HOME: '/home/trainer' };
    const led = join(spaced.XDG_STATE_HOME, 'casa-practice', 'exports', 'testifying-session-2026-12-06T06-58-19.md');
    expect(leavingPath(led, 60, spaced)).toBe(`exports/testifying-session-2026-12-06T06-58-19.md\n(in the state folder\n${spaced.XDG_STATE_HOME}/casa-practice)`);
  });

  it('the state folder under the home folder is named with ~, and "exports/<file>" is kept where it fits', () => {
    const home = { XDG_STATE_HOME: '/home/trainer/.local/state', HOME: '/home/trainer' };
    const inHome = join('/home/trainer/.local/state/casa-practice/exports', name);
    expect(closedSummaryPath(inHome, 60, home)).toBe(`${name}\n(in exports/ in the state folder\n~/.local/state/casa-practice)`);
    // A trainer-led summary's shorter name still reads as before.
    const led = join(state, 'casa-practice', 'exports', 'testifying-session-2026-12-06T06-58-19.md');
    expect(leavingPath(led, 60, env)).toBe(`exports/testifying-session-2026-12-06T06-58-19.md\n(in the state folder ${state}/casa-practice)`);
  });

  // A folder whose name has a space and more words after it, at its path's end: wrapWords tells a
  // path's words by their "/", so "(in the state folder /tmp/x/my practice folder for the" was
  // followed by "volunteers/casa-practice)" on the next row (play quit, trainer-led quit, the room);
  // and a summary written outside the state folder (where the app was started, the state folder not
  // writable) was printed whole, longer than the row, the terminal breaking its file name mid-name.
  it('a folder whose last name has spaces and words after them is kept whole on its row; the file name never breaks', () => {
    for (const base of ['/tmp/x/my practice folder', '/tmp/x/my practice folder for the volunteers', '/tmp/x/a rather long parent/my practice folder for the volunteers']) {
      const spaced = { XDG_STATE_HOME: base, HOME: '/home/trainer' };
      const state = `${base}/casa-practice`;
      for (const width of [40, 50, 60, 70, 80, 100, 120]) {
        for (const file of [join(state, 'saves', 'youth-discloses.json'), join(state, 'exports', 'testifying-session-2026-12-06T06-58-19.md'), join(state, 'exports', name)]) {
          const rows = leavingPath(file, width, spaced).split('\n');
          const said = rows.join('\n');
          expect(rows.some((r) => r.includes(state) || r === file), said).toBe(true);
          expect(rows.some((r) => r.includes(file.split('/').pop() as string)), said).toBe(true);
          for (const r of rows) if (!r.includes(state) && !r.includes(file.split('/').pop() as string)) expect([...r].length, said).toBeLessThanOrEqual(width);
        }
        const outside = join(base, 'youth-discloses-session-2026-12-06T09-40-58.md');
        const rows = leavingPath(outside, width, { XDG_STATE_HOME: '/tmp/unwritable', HOME: '/home/trainer' }).split('\n');
        expect(rows.some((r) => r.includes('youth-discloses-session-2026-12-06T09-40-58.md')), rows.join('\n')).toBe(true);
        expect(rows.some((r) => r === outside || r.includes(`${base})`)), rows.join('\n')).toBe(true);
        if (outside.length > width) expect(rows.every((r) => [...r].length <= width || r === `${base})` || r === 'youth-discloses-session-2026-12-06T09-40-58.md'), rows.join('\n')).toBe(true);
      }
    }
    expect(leavingPath('/tmp/x/my practice folder/youth-discloses-session-2026-12-06T09-40-58.md', 60, { XDG_STATE_HOME: '/tmp/unwritable' })).toBe('youth-discloses-session-2026-12-06T09-40-58.md\n(in the folder /tmp/x/my practice folder)');
  });
});
