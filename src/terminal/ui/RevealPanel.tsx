import { Box, Text } from 'ink';
import type { FeedbackView } from '../../machines/selectors.js';
import { signed } from '../debrief-model.js';
import { useTheme } from './ThemeContext.js';

/** Props of RevealPanel. */
export interface RevealPanelProps {
  /** Every reply's feedback, from the core's revealReplies. */
  replies: FeedbackView[];
  /** Room votes per reply id. */
  votes: Record<string, number>;
  /** Each reply's score, from the core (replyValue). */
  values: Record<string, number>;
  /** Terminal width: side by side when every column gets at least 28. */
  columns: number;
}

/** Every reply's feedback and score, side by side when the terminal is wide enough. */
export function RevealPanel({ replies, votes, values, columns }: RevealPanelProps) {
  const theme = useTheme();
  const sideBySide = columns / Math.max(1, replies.length) >= 28;
  return (
    <Box flexDirection={sideBySide ? 'row' : 'column'}>
      {replies.map((r, i) => {
        return (
          <Box key={r.replyId} flexDirection="column" borderStyle="round" paddingX={1} flexBasis={0} flexGrow={1} flexShrink={1}>
            <Text bold>{i + 1}. {r.replyText}</Text>
            <Text>Votes: {votes[r.replyId] ?? 0} · Score: {signed(values[r.replyId] ?? 0)}</Text>
            {r.assessments.map((a) => (
              <Text key={a.principleId} color={a.verdict === 'follows' ? theme.good : theme.bad}>
                {a.verdict === 'follows' ? '✓ follows' : '✗ violates'}: {a.title} ({a.citation})
              </Text>
            ))}
            <Text>{r.feedback}</Text>
          </Box>
        );
      })}
    </Box>
  );
}
