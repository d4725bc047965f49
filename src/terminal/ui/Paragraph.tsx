/* eslint-disable no-control-regex -- the pattern skips colour codes at the start of a row */
import chalk from 'chalk';
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

/** The props of Text that style its text (colours and attributes), as against its layout and reading props. */
type Style = Pick<TextProps, 'color' | 'backgroundColor' | 'dimColor' | 'bold' | 'italic' | 'underline' | 'strikethrough' | 'inverse'>;

const RGB = /^rgb\(\s?(\d+),\s?(\d+),\s?(\d+)\s?\)$/;
const ANSI256 = /^ansi256\(\s?(\d+)\s?\)$/;

/** A colour as Ink's Text reads it: a chalk name, #hex, ansi256(n) or rgb(r, g, b); anything else leaves the text as it is. */
function colour(text: string, name: string, background: boolean): string {
  if (name in chalk) {
    const method = (background ? `bg${name[0]!.toUpperCase()}${name.slice(1)}` : name) as keyof typeof chalk;
    const paint = chalk[method];
    return typeof paint === 'function' ? (paint as (s: string) => string)(text) : text;
  }
  if (name.startsWith('#')) return background ? chalk.bgHex(name)(text) : chalk.hex(name)(text);
  const n = ANSI256.exec(name);
  if (n) return background ? chalk.bgAnsi256(Number(n[1]))(text) : chalk.ansi256(Number(n[1]))(text);
  const c = RGB.exec(name);
  if (c) return background ? chalk.bgRgb(Number(c[1]), Number(c[2]), Number(c[3]))(text) : chalk.rgb(Number(c[1]), Number(c[2]), Number(c[3]))(text);
  return text;
}

/**
 * One row styled as Ink's Text styles its text (the same codes, in the same order). Paragraph styles
 * each row after wrapping: a Text inside another text element is styled before it is wrapped, and
 * wrap-ansi carries only the last style it saw onto the next row, so a bold, underlined title lost
 * its underline from the second row on, and a highlighted reply that is not available its bold.
 */
export function paintRow(row: string, style: Style): string {
  let out = row;
  if (style.dimColor) out = chalk.dim(out);
  if (style.color) out = colour(out, style.color, false);
  if (style.backgroundColor) out = colour(out, style.backgroundColor, true);
  if (style.bold) out = chalk.bold(out);
  if (style.italic) out = chalk.italic(out);
  if (style.underline) out = chalk.underline(out);
  if (style.strikethrough) out = chalk.strikethrough(out);
  if (style.inverse) out = chalk.inverse(out);
  return out;
}

/** Whether Ink wraps text with these props as it wraps plain text (styles come after wrapping; see paintRow). */
function wrapsAsPlain(props: TextProps): boolean {
  return (props.wrap ?? 'wrap') === 'wrap' && props['aria-label'] === undefined;
}

/**
 * Text wrapped to `width` as Ink would wrap it, for a Paragraph to hand Ink rows that already fit
 * (Ink then wraps nothing; wrap-ansi is the costliest part of drawing a frame). Undefined when Ink
 * is left to wrap: no width, text that is not plain (see inkWrap), styles that would draw otherwise,
 * or text that fits as it is.
 */
export function wrappedFor(children: ReactNode, width: number | undefined, style: TextProps = {}): string | undefined {
  if (width === undefined || !wrapsAsPlain(style)) return undefined;
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
export function Paragraph({ children, width, color, backgroundColor, dimColor, bold, italic, underline, strikethrough, inverse, ...text }: ParagraphProps) {
  const style: Style = { color, backgroundColor, dimColor, bold, italic, underline, strikethrough, inverse };
  const wrapped = wrappedFor(children, width, text);
  const swap = useWrappedWhileLaidOut(wrapped === undefined ? undefined : plainChildren(children), wrapped);
  // Ink applies the transform of the outermost text element to each row once the text is wrapped;
  // the inner Text keeps what is not style (wrap, aria-label, aria-hidden) and draws no codes.
  return (
    <Transform transform={(row, index) => paintRow(trimContinuation(row, index), style)}>
      {/* Keyed by the width: Ink measures text again only when a text node changes, not its transform. */}
      <Text {...text}>{swap ? <Transform key={width} transform={swap}>{children}</Transform> : children}</Text>
    </Transform>
  );
}
