import { Box } from 'ink';
import type { SessionMode, SessionView } from '../../machines/index.js';
import { Meter } from './Meter.js';
import { Paragraph } from './Paragraph.js';

/** Props of StatusLine. */
export interface StatusLineProps {
  /** The current view. */
  view: SessionView;
  /** Practice or assessment, shown so the volunteer knows whether feedback will come. */
  mode: SessionMode;
  /** The scenario's title. */
  title: string;
  /** A blank row below it (dropped when the screen is short of rows). */
  spaced?: boolean;
}

/** The step line: "Title · Decision n of about m · mode". */
export function statusText(view: SessionView, mode: SessionMode, title: string): string {
  const { decision, about } = view.progress;
  const step = view.kind === 'decision' ? `Decision ${decision} of about ${about}` : decision === 0 ? `About ${about} decisions ahead` : `After ${decision} of about ${about} decisions`;
  return `${title} · ${step} · ${mode === 'practice' ? 'practice' : 'assessment (feedback at the end)'}`;
}

/** Title, step indicator ("Decision n of about m"), mode and meters. */
export function StatusLine({ view, mode, title, spaced = true }: StatusLineProps) {
  return (
    <Box flexDirection="column" marginBottom={spaced ? 1 : 0}>
      <Paragraph bold>{statusText(view, mode, title)}</Paragraph>
      {view.meters.map((m) => <Meter key={m.id} meter={m} />)}
    </Box>
  );
}
