import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runPiped } from './helpers/cli.js';
import { NEW_PHONE_SAVE } from './helpers/slots.js';
import { SCENARIOS, tempEnv } from './helpers/ink.js';

const NEW_PHONE = join(SCENARIOS, 'new-phone.json');
// util-linux `script` gives the app a real pseudo-terminal, so the interactive Ink app runs.
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** Starts the interactive app in a pseudo-terminal; keys go in through `type`, the screen comes out in `output()`. */
function inPty(args: string[], env: NodeJS.ProcessEnv) {
  // The shell prints its pid and then becomes the app (exec), so the signal reaches the app itself.
  const command = `echo PID=$$; exec "${BIN[0]}" "${BIN[1]}" ${args.map((a) => `"${a}"`).join(' ')}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: ROOT, env: { PATH: process.env.PATH, HOME: env.XDG_STATE_HOME, TERM: 'xterm-256color', ...env }, stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    output: () => out,
    type: (keys: string) => child.stdin.write(keys),
    pid: () => Number(/PID=(\d+)/.exec(out)?.[1]),
    exited,
    /**
     * Waits until the screen shows `pattern` (20 s at most, for a slow first start on a loaded
     * machine); `retry` runs every `every` ms meanwhile.
     */
    async waitFor(pattern: RegExp, retry?: () => void, every = 1000) {
      const deadline = Date.now() + 20_000;
      let next = Date.now() + every;
      while (!pattern.test(out)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; screen so far:\n${out.slice(-2000)}`);
        if (retry && Date.now() > next) {
          retry();
          next = Date.now() + every;
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    kill: () => child.kill('SIGKILL'),
  };
}

describe('signals', () => {
  it.skipIf(!hasScript)('SIGTERM saves the session, restores the terminal, and resume continues from there', async () => {
    const env = tempEnv();
    const app = inPty(['play', NEW_PHONE], env);
    try {
      // A key typed in the moment between a screen's first frame and Ink turning raw mode on for it
      // is lost (the terminal is still in line mode), which a loaded machine makes likely; so each
      // key is typed again until its screen shows. A second Enter that did arrive is harmless: on
      // the note it starts the same scenario, on the decision it does nothing (no reply is pre-selected).
      await app.waitFor(/Content note/);
      app.type('\r');
      await app.waitFor(/Loading…|Decision 1 of about 2/, () => app.type('\r'), 2000);
      await app.waitFor(/Decision 1 of about 2/);
      app.type('1');
      // Numbers do nothing on the feedback screen.
      await app.waitFor(/Feedback on your reply/, () => app.type('1'));
      process.kill(app.pid(), 'SIGTERM');
      expect(await app.exited).toBe(143);
    } finally {
      app.kill();
    }
    const save = join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves', NEW_PHONE_SAVE);
    expect(existsSync(save)).toBe(true);
    expect(JSON.parse(readFileSync(save, 'utf8'))).toMatchObject({ session: { scenarioId: 'example-new-phone' } });
    // The cursor is shown again before the message, which starts a line of its own (the first row
    // of the last frame, erased, so no screen stays drawn above it): between that line's start (a
    // newline, the cursor to column 1, or home) and the message, only escape sequences. (A path
    // longer than the window's row is named on rows of its own, the file whole: "Progress saved to:".)
    const esc = String.raw`(?:\u001b\[[?0-9;]*[A-Za-z])*`;
    expect(app.output()).toMatch(new RegExp(String.raw`(?:\r?\n|\u001b\[[GH])${esc}\u001b\[\?25h${esc}Progress saved to:?\s+\S*example-new-phone--file-[0-9a-f]{8}\.json`));

    // Resume (line by line, in this process) picks up after the first decision: the next thing asked is decision 2.
    const resumed = await runPiped(['resume'], '1\n', { HOME: env.XDG_STATE_HOME, ...env });
    expect(resumed.code).toBe(0);
    expect(resumed.out).toContain('Continuing where you stopped.');
    expect(resumed.out).not.toContain('-- Decision 1 of about 2');
    expect(resumed.out).toContain('-- Decision 2 of about 2: After the visit --');
    expect(resumed.out.replace(/\s+/g, ' ')).toContain('"That\'s a nice one! How did you get it?" (+2; best here +2)');
    expect(resumed.out).toContain('Score: 100% (4 of 4 points)');
  }, 60_000);
});
