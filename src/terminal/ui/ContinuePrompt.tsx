import { Box, Text } from 'ink';
import { useState } from 'react';
import { continueChoices, type SaveSummary } from '../../machines/light.js';
import type { Action } from '../keys.js';
import { pathLineRows } from '../wrap.js';
import { KeyHints } from './KeyHints.js';
import { Paragraph } from './Paragraph.js';
import { useTheme } from './ThemeContext.js';
import { useKeys } from './useKeys.js';
import { useScreenSize } from './useScreenSize.js';

/** Props of ContinuePrompt. */
export interface ContinuePromptProps {
  /** The scenario's title. */
  title: string;
  /** The save waiting in its slot (its words for the two choices), or `options` and `intro` given. */
  summary?: SaveSummary;
  /** The two choices' words, continue first (a kept room session). */
  options?: readonly [string, string];
  /** The line under the title. */
  intro?: string;
  onContinue: () => void;
  onStartOver: () => void;
  /** Back to the picker; absent when there is none. */
  onBack?: () => void;
  onQuit: (interrupted: boolean) => void;
  /** Progress cannot be saved: starting over never replaces the save (see continueChoices). */
  cannotSave?: boolean;
  /** A test's save begun with other --set values than given now (otherStartValues): each choice says which it goes on with. */
  values?: { saved: string; given: string };
  /** Said under the first choice (a kept room session offered where the state folder cannot be written now: keptAsItWasWords; or where a summary of it was written since, then where: laterSummaryWords), a line at a time. */
  firstNote?: string;
}

/** Opening a scenario that has a save asks first: continue it, or start over (the save is kept until the first reply, or for good where progress cannot be saved). */
export function ContinuePrompt({ title, summary, options: given, intro = 'You have a saved playthrough of this scenario.', onContinue, onStartOver, onBack, onQuit, cannotSave = false, values, firstNote }: ContinuePromptProps) {
  const theme = useTheme();
  const { columns } = useScreenSize();
  const words = summary ? continueChoices(summary, new Date(), cannotSave) : undefined;
  const startOver = words?.startOverLabel ?? '';
  const options = given ?? (values
    ? [`${words?.continueLabel ?? ''}, with ${values.saved} as it began`, startOver.replace(/^Start over/, `Start over with ${values.given}`)]
    : [words?.continueLabel ?? '', startOver]);
  const [selected, setSelected] = useState(0);
  const pick = (i: number) => (i === 0 ? onContinue() : onStartOver());
  useKeys((a: Action) => {
    if (a.type === 'up' || a.type === 'down') setSelected((s) => 1 - s);
    else if (a.type === 'number' && (a.n === 1 || a.n === 2)) pick(a.n - 1);
    else if (a.type === 'enter') pick(selected);
    else if (a.type === 'back' && onBack) onBack();
    else if (a.type === 'quit' || a.type === 'interrupt') onQuit(a.type === 'interrupt');
  });
  return (
    <Box flexDirection="column">
      <Paragraph bold>{title}</Paragraph>
      <Paragraph>{intro}</Paragraph>
      <Box marginTop={1} flexDirection="column">
        {options.map((o, i) => (
          <Box key={i}>
            <Box width={5} flexShrink={0}>
              <Text color={i === selected ? theme.accent : undefined} bold={i === selected}>{i === selected ? '›' : ' '} {i + 1}.</Text>
            </Box>
            <Box flexGrow={1} flexShrink={1} flexDirection="column">
              <Paragraph color={i === selected ? theme.accent : undefined} bold={i === selected}>{o}</Paragraph>
              {/* A path in it (a summary's) whole on rows of its own, cut at the width only (pathLineRows): Ink broke it after its separators. */}
              {i === 0 && firstNote?.split('\n').flatMap((line) => pathLineRows(line, columns - 5)).map((row, j) => <Paragraph key={j} color={theme.warn}>{row}</Paragraph>)}
            </Box>
          </Box>
        ))}
      </Box>
      <KeyHints set={onBack ? 'continueBack' : 'continue'} />
    </Box>
  );
}
