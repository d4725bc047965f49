import { runCli } from './cli.js';
import { releaseGoneTerminal } from './node/gone-terminal.js';

// React's development build checks every render; users get the production build unless a
// developer asks otherwise (React is loaded later, on demand, so this takes effect).
process.env.NODE_ENV ??= 'production';

// A closed terminal window: the process ends with its own exit code, not Node 20's abort as it
// restores a terminal that is gone (see gone-terminal.ts). Noted now, before anything reads stdin.
process.on('exit', releaseGoneTerminal());

// A reader that stops early (`| head`) closes the pipe; that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    // The terminal window was closed (EIO on the pty): nothing can be shown any more.
    if (e.code === 'EIO') process.exit(129);
    throw e;
  });
}

// The process entry: real streams, and a last-resort message instead of a stack trace.
runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  // A report read in a terminal is wrapped to it, at most 100 columns as line-by-line text is
  // (textWidth); piped, it is left for tools.
  columns: () => (process.stdout.isTTY && process.stdout.columns > 0 ? Math.min(process.stdout.columns, 100) : undefined),
}).then(
  (code) => {
    process.exitCode = code;
    // Done: a handle left open (a closed terminal still being read) must not keep the process alive.
    setTimeout(() => process.exit(code), 1000).unref();
  },
  (e: unknown) => {
    process.exitCode = 70;
    process.stderr.write(`casa-practice: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    // Ended here: a handle left open by the command that failed (a server, a timer) kept the process
    // running after the message, exit code 70 set but never reached. It ends once stdout and stderr
    // have taken what was written to them (each write's callback comes after those before it).
    let open = 2;
    const flushed = () => {
      open -= 1;
      if (open === 0) process.exit(70);
    };
    process.stdout.write('', flushed);
    process.stderr.write('', flushed);
    // A stream that never drains (a reader that stopped reading) does not hold the end back.
    setTimeout(() => process.exit(70), 1000).unref();
  },
);
