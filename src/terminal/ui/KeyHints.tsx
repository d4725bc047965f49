import { Box, Text } from 'ink';
import { HINTS, type HintSet } from '../keys.js';
import { useTheme } from './ThemeContext.js';

/** Props of KeyHints. */
export interface KeyHintsProps {
  /** Which screen's bindings to list. */
  set: HintSet;
}

/** The keys a screen understands, as one wrapping line. */
export function KeyHints({ set }: KeyHintsProps) {
  const theme = useTheme();
  return (
    <Box marginTop={1}>
      <Text color={theme.muted}>{HINTS[set].map(([key, what]) => `${key}: ${what}`).join(' · ')}</Text>
    </Box>
  );
}
