import { Box, Text } from 'ink';
import { verdictLine } from '../../machines/index.js';
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
  /** It breaks a critical principle (breaksCritical): said in words, ", critical", as the web app and the debriefs say it. */
  critical?: boolean;
  /** The width it is laid out at, mark included, when the screen knows it (see Paragraph). */
  width?: number;
}

/** A verdict's words after its mark, as the panel draws them and measures them: "violates Title (guide: …, critical)" (the core's verdictLine, its mark drawn apart). */
export function verdictText({ verdict, title, citation, critical = false }: Pick<VerdictProps, 'verdict' | 'title' | 'citation' | 'critical'>): string {
  return verdictLine({ verdict: verdict === 'follows' ? 'follows' : 'violates', title, citation, critical }).slice(MARK);
}

/** Columns taken by the mark. */
const MARK = 2;

/** "✓ follows Title (guide: …)" ("✗ violates Title (guide: …, critical)"), wrapped rows hanging under the words, not under the mark. */
export function Verdict({ verdict, title, citation, critical = false, width }: VerdictProps) {
  const theme = useTheme();
  const follows = verdict === 'follows';
  const color = follows ? theme.good : theme.bad;
  return (
    <Box>
      <Box width={MARK} flexShrink={0}><Text color={color}>{follows ? '✓' : '✗'}</Text></Box>
      <Box flexShrink={1}>
        <Paragraph color={color} width={width === undefined ? undefined : width - MARK}>{verdictText({ verdict, title, citation, critical })}</Paragraph>
      </Box>
    </Box>
  );
}
