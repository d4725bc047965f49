import { createInterface, type Interface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
 * The most a line of input may run to without a line break (bytes): far past any reply typed or
 * piped one to a line (an id is at most 80 characters), and a bound on what waits in memory.
 */
export const MAX_INPUT_LINE = 100_000;

/** Said (on stderr) when a line of input runs past MAX_INPUT_LINE: input is read as ended there. */
export const LINE_TOO_LONG = `casa-practice: a line of input ran past ${MAX_INPUT_LINE.toLocaleString('en-US')} characters with no line break: that is not replies typed or piped one to a line (a file of another kind, or a device such as /dev/zero?), so the input is read as ended there.`;

/**
 * Reads `input` a line at a time for the plain (line-by-line) modes: each call resolves to the next
 * line, or to undefined once input has ended. A read that fails counts as the end of input: when the
 * terminal window closes, reading it fails (EIO) at about the moment the hang-up signal arrives, and
 * a failed read must still reach the "input ended" path, which saves progress, instead of leaving
 * the session as an unexpected error with nothing saved.
 *
 * A line that runs past MAX_INPUT_LINE with no line break ends the input too (`tooLong` is told once;
 * the lines before it are still read, then undefined): readline keeps a line whole until its break
 * comes, so input with none (< /dev/zero, a file of another kind) filled the memory until the
 * process was stopped by the system, its progress unsaved and a native stack trace printed.
 */
export function lineReader(input: Readable, tooLong: () => void = () => undefined): () => Promise<string | undefined> {
  const reader = createInterface({ input, terminal: false });
  const lines = reader[Symbol.asyncIterator]();
  endAtEndlessLine(input, reader, tooLong);
  return async () => {
    try {
      const next = await lines.next();
      return next.done ? undefined : next.value;
    } catch {
      return undefined;
    }
  };
}

/**
 * Closes `reader` (readline over `input`) once a line runs past MAX_INPUT_LINE with no line break,
 * `tooLong` told first: readline keeps a line whole until its break comes. Closed, readline ends its
 * lines after those read before (still to be taken), without the one it holds (only the input's end
 * gives that one). The room's keys read so too.
 */
export function endAtEndlessLine(input: NodeJS.ReadableStream, reader: Interface, tooLong: () => void): void {
  // Bytes since the last line break (\n or \r), counted beside readline (which has the chunk already).
  let since = 0;
  const watch = (chunk: Buffer | string) => {
    const last = typeof chunk === 'string' ? Math.max(chunk.lastIndexOf('\n'), chunk.lastIndexOf('\r')) : Math.max(chunk.lastIndexOf(10), chunk.lastIndexOf(13));
    since = last < 0 ? since + chunk.length : chunk.length - last - 1;
    if (since <= MAX_INPUT_LINE) return;
    input.off('data', watch);
    tooLong();
    reader.close();
  };
  input.on('data', watch);
}
