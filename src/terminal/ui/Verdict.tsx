import { Box, Text } from 'ink';
import { Paragraph } from './Paragraph.js';
import { useTheme } from './ThemeContext.js';

/** Props of Verdict. */
export interface VerdictProps {
  /** Whether the reply follows or violates the principle. */
  verdict: string;
  /** The principle's title. */
  title: string;
  /** Where the guide says so, e.g. `guide: "Red Flags"`. */
  citation: string;
  /** The width it is laid out at, mark included, when the screen knows it (see Paragraph). */
  width?: number;
}

/** Columns taken by the mark. */
const MARK = 2;

/** "✓ follows: Title (guide: …)", wrapped rows hanging under the words, not under the mark. */
export function Verdict({ verdict, title, citation, width }: VerdictProps) {
  const theme = useTheme();
  const follows = verdict === 'follows';
  const color = follows ? theme.good : theme.bad;
  return (
    <Box>
      <Box width={MARK} flexShrink={0}><Text color={color}>{follows ? '✓' : '✗'}</Text></Box>
      <Box flexShrink={1}>
        <Paragraph color={color} width={width === undefined ? undefined : width - MARK}>{follows ? 'follows' : 'violates'}: {title} ({citation})</Paragraph>
      </Box>
    </Box>
  );
}
