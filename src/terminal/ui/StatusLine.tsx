import { Box, Text } from 'ink';
import type { SessionView } from '../../machines/selectors.js';
import type { SessionMode } from '../../machines/types.js';
import { Meter } from './Meter.js';

/** Props of StatusLine. */
export interface StatusLineProps {
  /** The current view. */
  view: SessionView;
  /** Practice or assessment, shown so the volunteer knows whether feedback will come. */
  mode: SessionMode;
  /** The scenario's title. */
  title: string;
}

/** Title, step indicator ("Decision n of about m"), mode and meters. */
export function StatusLine({ view, mode, title }: StatusLineProps) {
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text bold>{title}</Text>
      <Text>
        {view.kind === 'decision' ? `Decision ${view.progress.decision} of about ${view.progress.about}` : `After ${view.progress.decision} of about ${view.progress.about} decisions`}
        {' · '}{mode === 'practice' ? 'practice' : 'assessment (feedback at the end)'}
      </Text>
      {view.meters.map((m) => <Meter key={m.id} meter={m} />)}
    </Box>
  );
}
