import { Box, Text, useStdout } from 'ink';
import { useMemo, useState } from 'react';
import { debriefModel, type Debrief, type Scenario, type SessionMode } from '../../machines/index.js';
import { hintLine, type Action } from '../keys.js';
import { pathRows, summaryRows, transcriptRows } from '../debrief-lines.js';
import { exportDebrief, exportsDir, fallbackExportDir, shownPath, shownStateDir } from '../export.js';
import { errorWords, stateStore } from '../node/state-store.js';
import { wrapText } from '../wrap.js';
import { useApp } from './AppContext.js';
import { KeyHints } from './KeyHints.js';
import { Paragraph } from './Paragraph.js';
import { maxOffset, pageSize, ScrollRows } from './ScrollRows.js';
import { useKeys } from './useKeys.js';

/** Props of DebriefScreen. */
export interface DebriefScreenProps {
  /** The scenario played. */
  scenario: Scenario;
  /** The machine's output. */
  debrief: Debrief;
  /** The mode it was played in (written into exports). */
  mode?: SessionMode;
  /** Back to the picker (b), when there is one. */
  onBack?: () => void;
  /** Extra lines above the sections, e.g. where a session summary was written. */
  notice?: string;
}

const TABS = ['Summary', 'Transcript', 'Your path / best practice'] as const;
const rowsOf = (text: string, width: number) => text.split('\n').reduce((n, line) => n + wrapText(line, width).split('\n').length, 0);

/** The debrief in three scrolling sections; `e` exports it to Markdown and JSON. */
export function DebriefScreen({ scenario, debrief, mode, onBack, notice }: DebriefScreenProps) {
  const app = useApp();
  const { stdout } = useStdout();
  const columns = stdout.columns || 80;
  const model = useMemo(() => debriefModel(scenario, debrief), [scenario, debrief]);
  const sections = useMemo(() => [summaryRows(model, columns), transcriptRows(model, columns), pathRows(model, columns)], [model, columns]);
  const [tab, setTab] = useState(0);
  const [offsets, setOffsets] = useState([0, 0, 0]);
  // What `e` last said, the files written (a second `e` does not write them again), and where to
  // write instead when the exports folder cannot be written.
  const [exported, setExported] = useState<string>();
  const [written, setWritten] = useState<{ markdown: string; json: string }>();
  const [elsewhere, setElsewhere] = useState<string>();
  const [exportFailed, setExportFailed] = useState(false);
  const tabLine = TABS.map((t, i) => (i === tab ? `[${i + 1} ${t}]` : ` ${i + 1} ${t} `)).join(' ');
  const hints = onBack ? 'debriefBack' : 'debrief';

  // The section gets what is left of the screen; one row spare so the frame never scrolls the terminal.
  const chrome = rowsOf(`Debrief: ${model.title}`, columns) + (notice ? rowsOf(notice, columns) : 0) + rowsOf(tabLine, columns)
    + 1 + (exported ? 1 + rowsOf(exported, columns) : 0) + 1 + rowsOf(hintLine(hints), columns);
  const height = Math.max(4, (stdout.rows || 24) - 1 - chrome);
  const rows = sections[tab] ?? [];
  const scroll = (f: (offset: number) => number) =>
    setOffsets((o) => o.map((v, i) => (i === tab ? Math.min(Math.max(0, f(Math.min(v, maxOffset(rows.length, height)))), maxOffset(rows.length, height)) : v)));

  const onAction = (a: Action) => {
    if (a.type === 'interrupt' || a.type === 'quit') {
      const failed = exportFailed || stateStore(app.env).failure() !== undefined;
      app.exit(written ? `Debrief exported to:\n${written.markdown}\n${written.json}` : undefined, a.type === 'interrupt' ? 130 : failed ? 74 : 0);
    }
    else if (a.type === 'next-tab' || a.type === 'right') setTab((t) => (t + 1) % TABS.length);
    else if (a.type === 'left') setTab((t) => (t + TABS.length - 1) % TABS.length);
    else if (a.type === 'number' && a.n >= 1 && a.n <= TABS.length) setTab(a.n - 1);
    else if (a.type === 'up') scroll((o) => o - 1);
    else if (a.type === 'down') scroll((o) => o + 1);
    else if (a.type === 'page-up') scroll((o) => o - pageSize(height));
    else if (a.type === 'page-down') scroll((o) => o + pageSize(height));
    else if (a.type === 'top') scroll(() => 0);
    else if (a.type === 'bottom') scroll(() => rows.length);
    else if (a.type === 'back' && onBack) onBack();
    else if (a.type === 'export') {
      if (written) {
        setExported(`Already exported to:\n${shownPath(written.markdown, app.env)}\n${shownPath(written.json, app.env)}`);
        return;
      }
      const dir = elsewhere ?? exportsDir(app.env);
      try {
        const paths = exportDebrief(scenario, debrief, app.env, new Date(), { mode, dir });
        setWritten(paths);
        setExportFailed(false);
        // Each path on a line of its own, relative to the state folder, so it is not broken mid-path.
        setExported(elsewhere ? `Debrief exported to:\n${paths.markdown}\n${paths.json}` : `Debrief exported to:\n${shownPath(paths.markdown, app.env)}\n${shownPath(paths.json, app.env)}\n(in the state folder ${shownStateDir(app.env)})`);
      } catch (e) {
        setExportFailed(true);
        const next = fallbackExportDir(app.env);
        setElsewhere(next === dir ? undefined : next);
        setExported(`Could not export to ${dir} (${errorWords(e)}).${next === dir ? '' : `\nPress e again to write it to:\n${next}`}`);
      }
    }
  };
  useKeys(onAction);
  return (
    <Box flexDirection="column">
      <Paragraph bold>Debrief: {model.title}</Paragraph>
      {notice?.split('\n').map((line, i) => <Text key={i}>{line}</Text>)}
      <Paragraph>{tabLine}</Paragraph>
      <Box marginTop={1} flexDirection="column">
        <ScrollRows rows={rows} height={height} offset={offsets[tab] ?? 0} />
      </Box>
      {exported && (
        <Box marginTop={1} flexDirection="column">
          {exported.split('\n').map((line, i) => <Text key={i}>{line}</Text>)}
        </Box>
      )}
      <KeyHints set={hints} />
    </Box>
  );
}
