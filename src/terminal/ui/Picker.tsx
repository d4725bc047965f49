import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Action } from '../keys.js';
import type { CatalogEntry } from '../catalog.js';
import type { Records } from '../records.js';
import { KeyHints } from './KeyHints.js';
import { useTheme } from './ThemeContext.js';
import { useKeys } from './useKeys.js';

/** Props of Picker. */
export interface PickerProps {
  /** The scenarios to offer (cleaned of escapes). */
  entries: CatalogEntry[];
  /** Best scores of completed scenarios. */
  records: Records;
  /** A line to show above the list (e.g. why a save could not be resumed). */
  notice?: string;
  /** True while the listed files are still being validated. */
  checking?: boolean;
  /** Whether a saved session is waiting (R resumes it). */
  canResume: boolean;
  /** Opens a scenario. */
  onPick: (entry: CatalogEntry) => void;
  /** Resumes the saved session. */
  onResume: () => void;
  /** Leaves the app. */
  onQuit: () => void;
}

/** The list of scenarios: title, minutes, summary, and the best score when completed. */
export function Picker({ entries, records, notice, checking, canResume, onPick, onResume, onQuit }: PickerProps) {
  const theme = useTheme();
  const [selected, setSelected] = useState(0);
  const onAction = (a: Action) => {
    if (a.type === 'quit' || a.type === 'interrupt') onQuit();
    else if (a.type === 'resume' && canResume) onResume();
    else if (entries.length === 0) return;
    else if (a.type === 'up') setSelected((s) => (s + entries.length - 1) % entries.length);
    else if (a.type === 'down') setSelected((s) => (s + 1) % entries.length);
    else if (a.type === 'enter' && entries[selected]) onPick(entries[selected]);
    else if (a.type === 'number' && entries[a.n - 1]) onPick(entries[a.n - 1] as CatalogEntry);
  };
  useKeys(onAction);
  return (
    <Box flexDirection="column">
      <Text bold>casa-practice: choose a scenario{checking ? ' (checking files…)' : ''}</Text>
      {notice && <Text color={theme.warn}>{notice}</Text>}
      {canResume && <Text>A saved session is waiting: press R to resume it.</Text>}
      {entries.length === 0 && <Text>No valid scenarios were found.</Text>}
      {entries.map((e, i) => {
        const record = Object.hasOwn(records, e.id) ? records[e.id] : undefined;
        return (
          <Box key={e.file} flexDirection="column" marginTop={1}>
            <Text bold={i === selected} color={i === selected ? theme.accent : undefined}>
              {i === selected ? '›' : ' '} {i + 1}. {e.title} · about {e.minutes} min
              {record ? ` · ✓ completed, best ${record.bestPercent}%` : ''}
            </Text>
            <Box paddingLeft={5}><Text>{e.summary}</Text></Box>
          </Box>
        );
      })}
      <KeyHints set="picker" />
    </Box>
  );
}
