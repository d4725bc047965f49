import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
 * Reads `input` a line at a time for the plain (line-by-line) modes: each call resolves to the next
 * line, or to undefined once input has ended. A read that fails counts as the end of input: when the
 * terminal window closes, reading it fails (EIO) at about the moment the hang-up signal arrives, and
 * a failed read must still reach the "input ended" path, which saves progress, instead of leaving
 * the session as an unexpected error with nothing saved.
 */
export function lineReader(input: Readable): () => Promise<string | undefined> {
  const lines = createInterface({ input, terminal: false })[Symbol.asyncIterator]();
  return async () => {
    try {
      const next = await lines.next();
      return next.done ? undefined : next.value;
    } catch {
      return undefined;
    }
  };
}
