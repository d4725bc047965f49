/* eslint-disable no-control-regex -- the pattern skips colour codes at the start of a row */
import { Text, Transform, type TextProps } from 'ink';

// A row may open with colour codes (wrap-ansi re-opens styles on every row) before the stray space.
const LEADING_SPACES = /^((?:\u001b\[[0-9;]*m)*) +/;

/**
 * Ink wraps text with wrap-ansi `{ trim: false }`: when a row exactly fills the width, the space
 * between two words moves to the start of the next row, which then sits one column right of the
 * others. Dropping leading spaces from every row after the first, once Ink has wrapped the text at
 * the width it actually laid out, fixes that at any width, inside borders, padding or columns alike.
 */
export function trimContinuation(row: string, index: number): string {
  return index === 0 ? row : row.replace(LEADING_SPACES, '$1');
}

/**
 * A block of wrapped text; takes Text's props. Use it for every piece of prose the app prints.
 * Indent with the surrounding Box, not with leading spaces; one paragraph per component (a
 * newline inside would lose the next line's leading spaces).
 */
export function Paragraph({ children, ...style }: TextProps) {
  return (
    <Transform transform={trimContinuation}>
      <Text {...style}>{children}</Text>
    </Transform>
  );
}
