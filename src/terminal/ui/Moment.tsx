import { Box, Text, Transform } from 'ink';
import type { SessionView } from '../../machines/index.js';
import { inkWrap } from '../wrap.js';
import { useTheme } from './ThemeContext.js';
import { Paragraph, useWrappedWhileLaidOut } from './Paragraph.js';

/** Props of Moment. */
export interface MomentProps {
  /** The current node's view (already cleaned of escapes). */
  view: Pick<SessionView, 'narration' | 'lines'>;
  /** A blank row before each spoken line (dropped when the screen is short of rows). */
  spaced?: boolean;
  /** With `spaced`, a blank row before the first spoken line too (default); false when the screen already leaves one above it. */
  firstSpaced?: boolean;
  /** The width it is laid out at, when the screen knows it (see Paragraph). */
  width?: number;
}

/**
 * What follows the speaker's name in a spoken line, wrapped to `width` as Ink would wrap the whole
 * line, when the name stays whole on the first row with more of the line after it (then the
 * styled name and this draw exactly what Ink's wrapping draws); otherwise undefined.
 */
export function spokenRest(speaker: string, rest: string, width: number | undefined): string | undefined {
  if (width === undefined) return undefined;
  const whole = speaker + rest;
  const wrapped = inkWrap(whole, width);
  if (wrapped === undefined || wrapped === whole || !wrapped.startsWith(speaker) || wrapped.indexOf('\n') <= speaker.length) return undefined;
  return wrapped.slice(speaker.length);
}

/** One character's line with who says it. */
function Spoken({ line, spaced, width }: { line: SessionView['lines'][number]; spaced: boolean; width?: number }) {
  const theme = useTheme();
  const rest = `${line.role ? ` (${line.role})` : ''}: “${line.text}”`;
  const swap = useWrappedWhileLaidOut(rest, spokenRest(line.speaker, rest, width));
  return (
    <Box marginTop={spaced ? 1 : 0}>
      <Paragraph>
        <Text bold color={theme.accent}>{line.speaker}</Text>
        {/* Keyed by the width: Ink measures text again only when a text node changes, not its transform. */}
        {swap ? <Transform key={width} transform={swap}>{rest}</Transform> : rest}
      </Paragraph>
    </Box>
  );
}

/** Narration, then each character's line with who says it. */
export function Moment({ view, spaced = true, firstSpaced = true, width }: MomentProps) {
  return (
    <Box flexDirection="column">
      {view.narration && <Paragraph italic width={width}>{view.narration}</Paragraph>}
      {view.lines.map((line, i) => <Spoken key={i} line={line} spaced={spaced && (i > 0 || firstSpaced)} width={width} />)}
    </Box>
  );
}
