import { spawn } from 'node:child_process';
import { BIN, ROOT } from './cli.js';

/** The room command as a child process; output is waited for by event, never by polling. */
export function spawnRoom(args: string[], env: NodeJS.ProcessEnv, stdin: 'ignore' | 'pipe' = 'ignore') {
  const child = spawn(BIN[0], [BIN[1], 'room', ...args], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: env.XDG_STATE_HOME, ...env }, stdio: [stdin, 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    for (const l of listeners) l();
  });
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    for (const l of listeners) l();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    for (const l of listeners) l();
    resolve(code);
  }));
  return {
    child,
    output: () => out,
    errors: () => err,
    exited,
    /** Waits for `pattern` in what the room printed (stdout, or with 'err' its log on stderr). */
    waitFor(pattern: RegExp, stream: 'out' | 'err' = 'out'): Promise<RegExpExecArray> {
      return new Promise((resolve, reject) => {
        const guard = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output:\n${out}\n${err}`)), 20_000);
        const check = () => {
          const m = pattern.exec(stream === 'out' ? out : err);
          if (m) {
            listeners.delete(check);
            clearTimeout(guard);
            resolve(m);
          } else if (child.exitCode !== null) {
            listeners.delete(check);
            clearTimeout(guard);
            reject(new Error(`the room exited (${child.exitCode}) before ${pattern}:\n${out}\n${err}`));
          }
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** A room process that is killed when the test ends, if it still runs. */
export function started(room: ReturnType<typeof spawnRoom>, onTestFinished: (fn: () => void) => void): ReturnType<typeof spawnRoom> {
  onTestFinished(() => {
    if (room.child.exitCode === null) room.child.kill('SIGKILL');
  });
  return room;
}

