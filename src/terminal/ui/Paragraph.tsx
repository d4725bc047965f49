/* eslint-disable no-control-regex -- the pattern skips colour codes at the start of a row */
import { Text, Transform, useIsScreenReaderEnabled, useStdout, type TextProps } from 'ink';
import { useContext, type ReactNode } from 'react';
import { inkWrap } from '../wrap.js';
import { layoutColumns, ScreenSizeContext } from './useScreenSize.js';

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

/** The text children make when they are only strings and numbers (as Ink joins them), else undefined. */
export function plainChildren(children: ReactNode): string | undefined {
  if (typeof children === 'string') return children;
  if (typeof children === 'number') return String(children);
  if (children === null || children === undefined || typeof children === 'boolean') return '';
  if (!Array.isArray(children)) return undefined;
  let text = '';
  for (const child of children as ReactNode[]) {
    const t = plainChildren(child);
    if (t === undefined) return undefined;
    text += t;
  }
  return text;
}

const STYLES = ['color', 'backgroundColor', 'dimColor', 'bold', 'italic', 'underline', 'strikethrough', 'inverse'] as const;
// Colours that open with a single code (wrap-ansi re-opens only the last code it saw on each row).
const SIMPLE_COLOUR = /^(black|red|green|yellow|blue|magenta|cyan|white|gray|grey)(Bright)?$/;

/**
 * Whether text in these styles draws the same when it comes wrapped as when Ink wraps it: wrap-ansi
 * carries one style code over to each new row, Ink's Text styles each row given to it whole, so the
 * two agree for one style (or none), not for two.
 */
function sameWrapped(style: TextProps): boolean {
  if ((style.wrap ?? 'wrap') !== 'wrap' || style['aria-label'] !== undefined) return false;
  if (style.color !== undefined && !SIMPLE_COLOUR.test(style.color)) return false;
  return STYLES.filter((k) => style[k]).length <= 1;
}

/**
 * Text wrapped to `width` as Ink would wrap it, for a Paragraph to hand Ink rows that already fit
 * (Ink then wraps nothing; wrap-ansi is the costliest part of drawing a frame). Undefined when Ink
 * is left to wrap: no width, text that is not plain (see inkWrap), styles that would draw otherwise,
 * or text that fits as it is.
 */
export function wrappedFor(children: ReactNode, width: number | undefined, style: TextProps = {}): string | undefined {
  if (width === undefined || !sameWrapped(style)) return undefined;
  const text = plainChildren(children);
  if (text === undefined) return undefined;
  const wrapped = inkWrap(text, width);
  return wrapped === text ? undefined : wrapped;
}

/**
 * A transform for text that hands Ink `wrapped` in place of `text` while the terminal is still as
 * wide as when the screen was laid out, else `text` as it is. On a resize Ink redraws the screen it
 * has at the new width before React lays it out again; that frame then wraps the text itself, as
 * it always did. Undefined when there is nothing to swap, no shared screen size to check against
 * (see ScreenSizeContext), or a screen reader is reading the text whole.
 */
export function useWrappedWhileLaidOut(text: string | undefined, wrapped: string | undefined): ((s: string) => string) | undefined {
  const { stdout } = useStdout();
  const size = useContext(ScreenSizeContext);
  const reader = useIsScreenReaderEnabled();
  if (text === undefined || wrapped === undefined || size === undefined || reader) return undefined;
  return (s) => (s === text && layoutColumns(stdout) === size.columns ? wrapped : s);
}

/** Props of Paragraph: Text's, and the width of the box it is laid out in when the screen knows it. */
export type ParagraphProps = TextProps & {
  /**
   * The exact width, in columns, Ink lays this text out at (the box's inner width, worked out from
   * useScreenSize's columns); the text then comes to Ink wrapped (see wrappedFor). Leave it out
   * when unsure: Ink wraps as before.
   */
  width?: number;
};

/**
 * A block of wrapped text; takes Text's props. Use it for every piece of prose the app prints.
 * Indent with the surrounding Box, not with leading spaces; one paragraph per component (a
 * newline inside would lose the next line's leading spaces).
 */
export function Paragraph({ children, width, ...style }: ParagraphProps) {
  const wrapped = wrappedFor(children, width, style);
  const swap = useWrappedWhileLaidOut(wrapped === undefined ? undefined : plainChildren(children), wrapped);
  return (
    <Transform transform={trimContinuation}>
      {/* Keyed by the width: Ink measures text again only when a text node changes, not its transform. */}
      <Text {...style}>{swap ? <Transform key={width} transform={swap}>{children}</Transform> : children}</Text>
    </Transform>
  );
}
