import { Box, Text } from 'ink';
import type { FeedbackView } from '../../machines/selectors.js';
import { useTheme } from './ThemeContext.js';

/** Props of FeedbackPanel. */
export interface FeedbackPanelProps {
  /** The core's feedback on one reply. */
  feedback: FeedbackView;
  /** A heading; defaults to "Feedback on your reply". */
  heading?: string;
}

/** The feedback, each principle with ✓/✗ and its guide section, and what changed. */
export function FeedbackPanel({ feedback, heading = 'Feedback on your reply' }: FeedbackPanelProps) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>{heading}</Text>
      <Text>“{feedback.replyText}”</Text>
      <Box marginTop={1}><Text>{feedback.feedback}</Text></Box>
      {feedback.assessments.map((a) => (
        <Text key={a.principleId} color={a.verdict === 'follows' ? theme.good : theme.bad}>
          {a.verdict === 'follows' ? '✓ follows' : '✗ violates'}: {a.title} ({a.citation})
        </Text>
      ))}
      {feedback.changes.map((c) => (
        <Text key={c.label}>{c.label}: {c.from} → {c.to}</Text>
      ))}
    </Box>
  );
}
