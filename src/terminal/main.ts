import { runCli } from './cli.js';

// The process entry: real streams, and a last-resort message instead of a stack trace.
runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`casa-practice: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 70;
  },
);
