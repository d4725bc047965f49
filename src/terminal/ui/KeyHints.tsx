import { Box } from 'ink';
import { hintLine, type HintSet } from '../keys.js';
import { useTheme } from './ThemeContext.js';
import { Paragraph } from './Paragraph.js';

/** Props of KeyHints. */
export interface KeyHintsProps {
  /** Which screen's bindings to list. */
  set: HintSet;
  /** A blank row above (dropped when the screen is short of rows). */
  spaced?: boolean;
}

/** The keys a screen understands, as one wrapping line. */
export function KeyHints({ set, spaced = true }: KeyHintsProps) {
  const theme = useTheme();
  return (
    <Box marginTop={spaced ? 1 : 0}>
      <Paragraph color={theme.muted}>{hintLine(set)}</Paragraph>
    </Box>
  );
}
