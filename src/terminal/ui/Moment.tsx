import { Box, Text } from 'ink';
import type { SessionView } from '../../machines/selectors.js';
import { useTheme } from './ThemeContext.js';

/** Props of Moment. */
export interface MomentProps {
  /** The current node's view (already cleaned of escapes). */
  view: Pick<SessionView, 'narration' | 'lines'>;
}

/** Narration, then each character's line with who says it. */
export function Moment({ view }: MomentProps) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      {view.narration && <Text italic>{view.narration}</Text>}
      {view.lines.map((line, i) => (
        <Box key={i} marginTop={1}>
          <Text>
            <Text bold color={theme.accent}>{line.speaker}</Text>
            {line.role ? ` (${line.role})` : ''}: “{line.text}”
          </Text>
        </Box>
      ))}
    </Box>
  );
}
