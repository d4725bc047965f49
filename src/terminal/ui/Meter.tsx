import { Text } from 'ink';
import type { MeterView } from '../../machines/index.js';
import { inkRows } from '../wrap.js';
import { useTheme } from './ThemeContext.js';

/** Props of Meter. */
export interface MeterProps {
  /** The variable to show, from the core's view. */
  meter: MeterView;
  /** Cells in the bar. */
  cells?: number;
}

/**
 * The meter's number in words, "50 of 100", as the web app and the line-by-line terminal say it:
 * "50/100" was read aloud by a screen reader as "50 slash 100".
 */
export function meterValue(meter: MeterView): string {
  return `${meter.value} of ${meter.max}`;
}

/** The meter as plain text, as wide as it is drawn. */
export function meterText(meter: MeterView, cells = 10): string {
  return `${meter.label} ${'█'.repeat(cells)} ${meterValue(meter)}`;
}

/**
 * Rows the meters take, each on a row of its own at `columns`: a long label (up to 80 characters)
 * wraps the meter onto a second row, which a count of one row per meter left out of the layout.
 */
export function meterRows(meters: readonly MeterView[], columns: number): number {
  return meters.reduce((n, m) => n + inkRows(meterText(m), columns), 0);
}

/** A small bar with the number beside it, so the value never depends on seeing the bar. */
export function Meter({ meter, cells = 10 }: MeterProps) {
  const theme = useTheme();
  const span = meter.max - meter.min || 1;
  const filled = Math.round((cells * (meter.value - meter.min)) / span);
  return (
    <Text>
      {meter.label} <Text color={theme.accent}>{'█'.repeat(filled)}</Text>
      {'░'.repeat(cells - filled)} {meterValue(meter)}
    </Text>
  );
}
