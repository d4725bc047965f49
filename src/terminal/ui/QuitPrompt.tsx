import { Box } from 'ink';
import { command } from '../invocation.js';
import { useApp } from './AppContext.js';
import { KeyHints } from './KeyHints.js';
import { Paragraph } from './Paragraph.js';

/** Asks before quitting a playthrough; the keys are handled by the screen that shows it. */
export function QuitPrompt() {
  const { env } = useApp();
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Paragraph bold>Save your progress and quit?</Paragraph>
      <Paragraph>Continue later with: {command('resume', env)}</Paragraph>
      <KeyHints set="quit" />
    </Box>
  );
}
