import { Box, Text } from 'ink';
import type { ReplyView } from '../../machines/index.js';
import { useTheme } from './ThemeContext.js';
import { Paragraph } from './Paragraph.js';

/** Props of ReplyList. */
export interface ReplyListProps {
  /** The replies offered, numbered by the core. */
  replies: ReplyView[];
  /** Index of the highlighted reply (arrows move it). */
  selected: number;
  /** Text after each reply, e.g. a vote count; none by default. */
  suffix?: (reply: ReplyView) => string;
  /** The width the list is laid out at, pointer and number included, when the screen knows it (see Paragraph). */
  width?: number;
}

/** Columns taken by the pointer and number before each reply's text. */
export const REPLY_INDENT = 5;

/** Numbered replies; the highlighted one has a pointer, unavailable ones say so. */
export function ReplyList({ replies, selected, suffix, width }: ReplyListProps) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      {replies.map((r, i) => (
        <Box key={r.id}>
          <Box width={REPLY_INDENT} flexShrink={0}>
            <Text color={i === selected ? theme.accent : undefined}>{i === selected ? '›' : ' '} {r.number}.</Text>
          </Box>
          <Box flexGrow={1} flexShrink={1}>
            <Paragraph bold={i === selected} color={r.enabled ? undefined : theme.muted} width={width === undefined ? undefined : width - REPLY_INDENT}>
              {r.kind === 'do' ? '[do] ' : ''}{r.text}{r.enabled ? '' : ' (not available now)'}{suffix ? suffix(r) : ''}
            </Paragraph>
          </Box>
        </Box>
      ))}
    </Box>
  );
}
