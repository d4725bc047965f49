import { closeSync, openSync } from 'node:fs';
import { isatty } from 'node:tty';

/**
 * Node 20 puts the terminal settings of stdin, stdout and stderr back as they were at start as the
 * process exits (ResetStdio), and aborts there when the terminal is gone: tcsetattr on a hung-up
 * terminal fails with EIO, which Node 20 does not allow for (nodejs/node#51519; the check was
 * removed in nodejs/node#58200, not in Node 20). A room whose terminal window was closed (SIGHUP)
 * wrote its file and summary and then died by "Assertion failed … ResetStdio" and SIGABRT or
 * SIGSEGV, not its documented exit code 129; the app's screens the same.
 *
 * Called as the process starts: notes which of fds 0–2 are terminals. The returned function, run
 * as the process exits (its 'exit' event, which comes before Node's reset), points each of them
 * that is no longer a terminal (a hung-up terminal answers no terminal request, so isatty says
 * false) at /dev/null, a file Node did not note at start, whose settings it then leaves alone.
 * A terminal still there is left to Node, which restores it as always (raw mode off, say).
 */
export function releaseGoneTerminal(fds: readonly number[] = [0, 1, 2]): () => void {
  const wasTerminal = fds.filter((fd) => isatty(fd));
  return () => {
    for (const fd of wasTerminal) {
      if (isatty(fd)) continue;
      try {
        closeSync(fd);
        // The lowest free descriptor: fd itself (those below it are open, or were closed here).
        const opened = openSync('/dev/null', 'r+');
        if (opened !== fd) closeSync(opened);
      } catch {
        // closed already, or /dev/null missing: Node passes over a closed descriptor (EBADF)
      }
    }
  };
}
