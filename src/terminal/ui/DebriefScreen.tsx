import { Box, Text, useStdout } from 'ink';
import { useMemo, useState } from 'react';
import type { Debrief } from '../../machines/scoring.js';
import type { Scenario } from '../../machines/schema/scenario.js';
import type { Action } from '../keys.js';
import { debriefModel } from '../debrief-model.js';
import { exportDebrief } from '../export.js';
import { useApp } from './AppContext.js';
import { DebriefPaths } from './DebriefPaths.js';
import { DebriefSummary } from './DebriefSummary.js';
import { DebriefTranscript } from './DebriefTranscript.js';
import { KeyHints } from './KeyHints.js';
import { useKeys } from './useKeys.js';

/** Props of DebriefScreen. */
export interface DebriefScreenProps {
  /** The scenario played. */
  scenario: Scenario;
  /** The machine's output. */
  debrief: Debrief;
  /** Back to the picker (b), when there is one. */
  onBack?: () => void;
  /** Extra lines above the sections, e.g. where a session summary was written. */
  notice?: string;
}

const TABS = ['Summary', 'Transcript', 'Your path / best practice'] as const;

/** The debrief in three sections; `e` exports it to Markdown and JSON. */
export function DebriefScreen({ scenario, debrief, onBack, notice }: DebriefScreenProps) {
  const app = useApp();
  const { stdout } = useStdout();
  const columns = stdout.columns || 80;
  const model = useMemo(() => debriefModel(scenario, debrief), [scenario, debrief]);
  const [tab, setTab] = useState(0);
  const [turn, setTurn] = useState(0);
  const [exported, setExported] = useState<string>();
  const onAction = (a: Action) => {
    if (a.type === 'interrupt' || a.type === 'quit') app.exit(exported);
    else if (a.type === 'next-tab' || a.type === 'right') setTab((t) => (t + 1) % TABS.length);
    else if (a.type === 'left') setTab((t) => (t + TABS.length - 1) % TABS.length);
    else if (a.type === 'number' && a.n >= 1 && a.n <= TABS.length) setTab(a.n - 1);
    else if (a.type === 'up') setTurn((t) => Math.max(0, t - 1));
    else if (a.type === 'down') setTurn((t) => Math.min(model.turns.length - 1, t + 1));
    else if (a.type === 'back' && onBack) onBack();
    else if (a.type === 'export') {
      try {
        const paths = exportDebrief(scenario, debrief, app.env);
        setExported(`Debrief exported to:\n  ${paths.markdown}\n  ${paths.json}`);
      } catch (e) {
        setExported(`Could not export: ${(e as Error).message}`);
      }
    }
  };
  useKeys(onAction);
  return (
    <Box flexDirection="column">
      <Text bold>Debrief: {model.title}</Text>
      {notice && <Text>{notice}</Text>}
      <Text>{TABS.map((t, i) => (i === tab ? `[${i + 1} ${t}]` : ` ${i + 1} ${t} `)).join(' ')}</Text>
      <Box marginTop={1} flexDirection="column">
        {tab === 0 && <DebriefSummary model={model} columns={columns} />}
        {tab === 1 && <DebriefTranscript model={model} turn={turn} />}
        {tab === 2 && <DebriefPaths model={model} columns={columns} />}
      </Box>
      {exported && <Box marginTop={1}><Text>{exported}</Text></Box>}
      <KeyHints set={onBack ? 'debriefBack' : 'debrief'} />
    </Box>
  );
}
