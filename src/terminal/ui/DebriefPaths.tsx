import { Box, Text } from 'ink';
import { signed, type DebriefModel } from '../debrief-model.js';
import { useTheme } from './ThemeContext.js';

/** Props of DebriefPaths. */
export interface DebriefPathsProps {
  /** The resolved debrief. */
  model: DebriefModel;
  /** Terminal width: side by side from 80 columns, one above the other below that. */
  columns: number;
}

type Step = DebriefModel['paths'][number]['yours'];

function StepText({ label, step }: { label: string; step: Step }) {
  return <Text>{label}: {step ? `${step.reply} (${signed(step.value)})` : '—'}</Text>;
}

/** The volunteer's path beside the best-practice path, step by step. */
export function DebriefPaths({ model, columns }: DebriefPathsProps) {
  const theme = useTheme();
  const wide = columns >= 80;
  return (
    <Box flexDirection="column">
      {model.paths.map((p, i) => {
        const same = p.yours && p.best && p.yours.reply === p.best.reply;
        return (
          <Box key={i} flexDirection="column" marginBottom={1}>
            <Text bold>{i + 1}. {p.yours?.where ?? p.best?.where}{same ? ' — same as best practice ✓' : ''}</Text>
            <Box flexDirection={wide ? 'row' : 'column'}>
              <Box width={wide ? '50%' : undefined} paddingRight={1}><StepText label="You" step={p.yours} /></Box>
              <Box width={wide ? '50%' : undefined}><Text color={same ? undefined : theme.good}><StepText label="Best" step={p.best} /></Text></Box>
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}
