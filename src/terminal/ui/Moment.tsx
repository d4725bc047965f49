import { Box, Text } from 'ink';
import type { SessionView } from '../../machines/index.js';
import { useTheme } from './ThemeContext.js';
import { Paragraph } from './Paragraph.js';

/** Props of Moment. */
export interface MomentProps {
  /** The current node's view (already cleaned of escapes). */
  view: Pick<SessionView, 'narration' | 'lines'>;
  /** A blank row before each spoken line (dropped when the screen is short of rows). */
  spaced?: boolean;
}

/** Narration, then each character's line with who says it. */
export function Moment({ view, spaced = true }: MomentProps) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      {view.narration && <Paragraph italic>{view.narration}</Paragraph>}
      {view.lines.map((line, i) => (
        <Box key={i} marginTop={spaced ? 1 : 0}>
          <Paragraph>
            <Text bold color={theme.accent}>{line.speaker}</Text>
            {line.role ? ` (${line.role})` : ''}: “{line.text}”
          </Paragraph>
        </Box>
      ))}
    </Box>
  );
}
