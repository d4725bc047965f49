import { Box, Text } from 'ink';
import { STATUS_WORDS, type DebriefModel } from '../debrief-model.js';
import { useTheme } from './ThemeContext.js';

/** Props of DebriefSummary. */
export interface DebriefSummaryProps {
  /** The resolved debrief. */
  model: DebriefModel;
  /** Terminal width, to choose between a table and a list. */
  columns: number;
}

/** Ending, score, critical violations first, then one row per principle. */
export function DebriefSummary({ model, columns }: DebriefSummaryProps) {
  const theme = useTheme();
  const wide = columns >= 80;
  return (
    <Box flexDirection="column">
      {model.ending && <Text>Ending: <Text bold>{model.ending.title}</Text> ({model.ending.kind}). {model.ending.narration}</Text>}
      <Text bold>Score: {model.score.earned} of {model.score.best} ({model.score.percent}%)</Text>
      <Box flexDirection="column" marginTop={1}>
        <Text bold color={model.critical.length > 0 ? theme.bad : undefined}>Critical violations: {model.critical.length === 0 ? 'none' : model.critical.length}</Text>
        {model.critical.map((c, i) => (
          <Text key={i} color={theme.bad}>! {c.title} (guide: {c.section}) at “{c.where}”: {c.feedback}</Text>
        ))}
      </Box>
      <Box flexDirection="column" marginTop={1}>
        <Text bold>Principles</Text>
        {model.principles.map((p) => (
          <Box key={p.title} flexDirection={wide ? 'row' : 'column'}>
            <Box width={wide ? 13 : undefined} flexShrink={0}>
              <Text color={p.status === 'followed' ? theme.good : p.status === 'violated' ? theme.bad : theme.warn}>{STATUS_WORDS[p.status]}</Text>
            </Box>
            <Box flexGrow={1} flexShrink={1} paddingLeft={wide ? 0 : 2}>
              <Text>{p.title} <Text color={theme.muted}>(guide: {p.section})</Text></Text>
            </Box>
          </Box>
        ))}
      </Box>
    </Box>
  );
}
