import { Box, Text } from 'ink';
import { KeyHints } from './KeyHints.js';

/** Asks before quitting a playthrough; the keys are handled by the screen that shows it. */
export function QuitPrompt() {
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>Save your progress and quit?</Text>
      <Text>You can continue later with: casa-practice resume</Text>
      <KeyHints set="quit" />
    </Box>
  );
}
