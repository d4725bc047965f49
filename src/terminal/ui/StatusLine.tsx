import { Box, Text } from 'ink';
import { decisionProgressWords, progressWords, type SessionMode, type SessionView } from '../../machines/index.js';
import { Meter, meterRows, meterText } from './Meter.js';
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
  /** True on the feedback screen: the step counted is the decision the feedback is about. */
  feedback?: boolean;
  /** Set when the screen is short of rows: the short form on one row (see compactStatus). */
  compact?: CompactStatus;
  /** The width it is laid out at, when the screen knows it (see Paragraph). */
  width?: number;
  /** An author's test (--from, --set, --preview): what it is, the last part (testRunWords' short). */
  test?: string;
}

/**
 * "Decision n of about m". On a feedback screen the core's view has already moved on to the next
 * node, so the step is the decision just answered: the same n the decision screen showed.
 */
export function stepText(view: SessionView, feedback = false): string {
  const { decision, about } = view.progress;
  if (feedback) {
    const answered = view.kind === 'decision' ? decision - 1 : decision;
    return decisionProgressWords({ decision: answered, about: Math.max(about, answered) });
  }
  return progressWords(view);
}

/**
 * The step line: "Title · Decision n of about m · mode", and last what an author's test is ("preview,
 * not recorded"; see testRunWords). Narrower than `columns`, it breaks between
 * the parts (a row never starts with "·" or splits "assessment (feedback at the end)"); a part
 * wider than a row is left to wrap as words.
 */
export function statusText(view: SessionView, mode: SessionMode, title: string, feedback = false, columns = Infinity, test?: string): string {
  return statusParts([title, stepText(view, feedback), mode === 'practice' ? 'practice' : 'assessment (feedback at the end)', ...(test === undefined ? [] : [test])], columns);
}

/**
 * Parts of a status line joined with " · ", a row broken between two parts, not inside one, when
 * they do not fit in `columns` ("Decision 1 of about 9" and "16 votes entered" stay whole). The rows
 * are filled from the last part back, so a break falls after the title and a short last part
 * ("practice") is never left alone on its row: "Title" over "About 9 decisions ahead · practice".
 */
export function statusParts(parts: readonly string[], columns = Infinity): string {
  const lines: string[] = [];
  for (const part of [...parts].reverse()) {
    const joined = lines.length > 0 ? `${part} · ${lines[0]}` : part;
    if (lines.length > 0 && [...joined].length <= columns) lines[0] = joined;
    else lines.unshift(part);
  }
  return lines.join('\n');
}

/** The status in its short form: the step (and "assessment"), with the meters on the same row when they fit. */
export interface CompactStatus {
  text: string;
  metersInline: boolean;
  /** Rows it takes. */
  rows: number;
}

/**
 * The short status for a screen short of rows: without the scenario's title, meters beside the step
 * when the row allows. An author's test is still said: as on the full status where the row has room,
 * else as "not recorded" (its one row is cut at the window's edge: "Decision 7 of about 8 ·
 * assessment · author's test, not recorded" lost its end at 60 columns).
 */
export function compactStatus(view: SessionView, mode: SessionMode, columns: number, feedback = false, test?: string): CompactStatus {
  const step = `${stepText(view, feedback)}${mode === 'assessment' ? ' · assessment' : ''}`;
  const whole = test === undefined ? step : `${step} · ${test}`;
  const text = [...whole].length <= columns || test === undefined ? whole : `${step} · not recorded`;
  const inline = [text, ...view.meters.map((m) => meterText(m))].join(' · ');
  const metersInline = view.meters.length > 0 && [...inline].length <= columns;
  return { text, metersInline, rows: 1 + (metersInline ? 0 : meterRows(view.meters, columns)) };
}

/** Title, step indicator ("Decision n of about m"), mode and meters. */
export function StatusLine({ view, mode, title, spaced = true, feedback = false, compact, width, test }: StatusLineProps) {
  if (compact) {
    return (
      <Box flexDirection="column" marginBottom={spaced ? 1 : 0}>
        <Text wrap="truncate-end">
          <Text bold>{compact.text}</Text>
          {compact.metersInline && view.meters.map((m) => <Text key={m.id}> · <Meter meter={m} /></Text>)}
        </Text>
        {!compact.metersInline && view.meters.map((m) => <Meter key={m.id} meter={m} />)}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" marginBottom={spaced ? 1 : 0}>
      <Paragraph bold width={width}>{statusText(view, mode, title, feedback, width, test)}</Paragraph>
      {view.meters.map((m) => <Meter key={m.id} meter={m} />)}
    </Box>
  );
}
