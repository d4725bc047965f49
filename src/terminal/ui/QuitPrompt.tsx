import { Box } from 'ink';
import { command } from '../invocation.js';
import { stateStore } from '../node/state-store.js';
import { useApp } from './AppContext.js';
import { KeyHints } from './KeyHints.js';
import { Paragraph } from './Paragraph.js';

/**
 * Rows the quit prompt (a box of three rows, no blank row inside: with one it took a row more than
 * the screens left for it, and the top row scrolled off) takes beyond the help line it replaces.
 */
export const QUIT_PROMPT_EXTRA = 4;

/**
 * Asks before quitting a playthrough; the keys are handled by the screen that shows it. When the
 * state folder cannot be written it says that quitting loses the playthrough, rather than
 * promising a save and a resume that cannot happen.
 */
export function QuitPrompt() {
  const { env } = useApp();
  // (Not when only the records file refused: the playthrough's save is taken.)
  if (stateStore(env).savingFailure()) {
    return (
      <Box flexDirection="column" borderStyle="round" paddingX={1}>
        <Paragraph bold>Quit without saving?</Paragraph>
        {/* One row at 60 columns, as the prompt it replaces (PlayScreen leaves room for that). */}
        <Paragraph>This playthrough cannot be saved and will be lost.</Paragraph>
        <KeyHints set={[['y', 'quit without saving'], ['n', 'keep going']]} spaced={false} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Paragraph bold>Save your progress and quit?</Paragraph>
      <Paragraph>Continue later with: {command('resume', env)}</Paragraph>
      <KeyHints set="quit" spaced={false} />
    </Box>
  );
}
