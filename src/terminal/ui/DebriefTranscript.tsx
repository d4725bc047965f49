import { Box, Text } from 'ink';
import { signed, type DebriefModel } from '../debrief-model.js';
import { useTheme } from './ThemeContext.js';

/** Props of DebriefTranscript. */
export interface DebriefTranscriptProps {
  /** The resolved debrief. */
  model: DebriefModel;
  /** Which turn to show (one at a time, so it fits 24 rows). */
  turn: number;
}

/** One turn of the transcript with its feedback; ↑↓ move between turns. */
export function DebriefTranscript({ model, turn }: DebriefTranscriptProps) {
  const theme = useTheme();
  const t = model.turns[turn];
  if (!t) return <Text>No decisions were taken.</Text>;
  return (
    <Box flexDirection="column">
      <Text bold>Turn {turn + 1} of {model.turns.length} (↑↓): {t.where}</Text>
      <Text>You: “{t.reply}” ({signed(t.value)}; best here {signed(t.bestValue)})</Text>
      {t.verdicts.map((v, i) => (
        <Text key={i} color={v.verdict === 'follows' ? theme.good : theme.bad}>
          {v.verdict === 'follows' ? '✓ follows' : '✗ violates'}: {v.title} ({v.citation})
        </Text>
      ))}
      <Box marginTop={1}><Text>{t.feedback}</Text></Box>
    </Box>
  );
}
