import { Box } from 'ink';
import { hintLine, hintRows, type Hint, type HintSet } from '../keys.js';
import { useTheme } from './ThemeContext.js';
import { Paragraph } from './Paragraph.js';

/** Props of KeyHints. */
export interface KeyHintsProps {
  /** Which screen's bindings to list: a set by name, or the pairs for this screen as it is now. */
  set: HintSet | readonly Hint[];
  /** A blank row above (dropped when the screen is short of rows). */
  spaced?: boolean;
  /** The width it is laid out at, when the screen knows it (see Paragraph). */
  width?: number;
  /** Break only between hints (see hintRows; needs `width`), never inside one. */
  whole?: boolean;
}

/** The keys a screen understands, as one wrapping line. */
export function KeyHints({ set, spaced = true, width, whole = false }: KeyHintsProps) {
  const theme = useTheme();
  return (
    <Box marginTop={spaced ? 1 : 0}>
      <Paragraph color={theme.muted} width={width}>{whole && width !== undefined ? hintRows(set, width).join('\n') : hintLine(set)}</Paragraph>
    </Box>
  );
}
