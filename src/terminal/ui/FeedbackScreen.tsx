import { Box } from 'ink';
import { useImperativeHandle, useMemo, type Ref } from 'react';
import type { FeedbackView, SessionMode, SessionView } from '../../machines/index.js';
import { hintLine, hintRows, playHints, readOnHints, type Hint } from '../keys.js';
import { inkRows } from '../wrap.js';
import { feedbackRows } from '../tall-rows.js';
import { chosen, FeedbackPanel, feedbackFit, feedbackHeight } from './FeedbackPanel.js';
import { useApp } from './AppContext.js';
import { Paragraph } from './Paragraph.js';
import { moreBelow, pageSize, ScrollRows, scrolledOffset, useKeptOffset } from './ScrollRows.js';
import { useKeys } from './useKeys.js';
import { KeyHints } from './KeyHints.js';
import { QuitPrompt, quitPromptExtra } from './QuitPrompt.js';
import { compactStatus, StatusLine, statusText } from './StatusLine.js';
import { meterRows } from './Meter.js';
import { useScreenSize } from './useScreenSize.js';

/** Where progress cannot be saved, q only quits (its prompt says the playthrough will be lost). */
export function quitOnly(set: Hint[], unsaved: boolean): Hint[] {
  return unsaved ? set.map(([k, what]) => [k, k === 'q' && what === 'save & quit' ? 'quit' : what]) : set;
}

/** Props of FeedbackScreen. */
export interface FeedbackScreenProps {
  /** The view just after the reply (the core has moved on), with the feedback on it. */
  view: SessionView & { lastFeedback: FeedbackView };
  mode: SessionMode;
  /** Whether u can take the reply back. */
  canUndo: boolean;
  /** True while "Save your progress and quit?" is asked. */
  confirmQuit: boolean;
  /** True when progress cannot be saved (q only quits). */
  unsaved: boolean;
  /** What quitting does, while "Quit without saving?" is asked (unsavedQuitWords). */
  quitWords?: string;
  /** Those words say why "save and quit" was refused and that y saves once that is fixed (QuitPrompt's `retry`). */
  quitRetry?: boolean;
  /** Where quitting saves nothing new, what it keeps instead (nothingNewQuitWords). */
  quitKept?: string;
  /** An author's test (--from, --set, --preview), said in the status line (see StatusLine). */
  test?: string;
  /**
   * Enter's first use here, for the screen that handles Enter (it goes on from the feedback): feedback
   * taller than the window is read on first, a page at a time ("Enter: read on"). (Enter stays with
   * that screen: keys sent together with the reply's, "1⏎", are for it, not for this newer one.)
   */
  control?: Ref<FeedbackControl>;
}

/** What a screen showing FeedbackScreen can ask of it (its `control`). */
export interface FeedbackControl {
  /** Pages down where rows of the feedback are below the window, and says whether it did (Enter then does nothing more). */
  readOn: () => boolean;
}

/**
 * The play screen after a reply in practice: the status, the feedback panel and the keys, fitted to
 * the terminal. Blank rows go first on a short terminal, then the status gets shorter, then the
 * panel draws itself tighter; feedback too long even then (a trainer's long text) scrolls under its
 * heading (↑↓ PgUp PgDn), the keys staying below it.
 */
export function FeedbackScreen({ view, mode, canUndo, confirmQuit, unsaved, quitWords, quitRetry = false, quitKept, test, control }: FeedbackScreenProps) {
  const { columns, rows } = useScreenSize();
  const { env } = useApp();
  const title = view.scenarioTitle;
  const hints = quitOnly(playHints({ kind: view.done ? 'last-feedback' : 'feedback', canUndo }), unsaved);
  const full = inkRows(statusText(view, mode, title, true, columns, test), columns) + meterRows(view.meters, columns);
  const footer = confirmQuit ? 1 + quitPromptExtra(quitWords ?? quitKept, columns, env) : inkRows(hintLine(hints), columns);
  const spaced = feedbackHeight(view.lastFeedback, columns, 0) <= rows - 1 - full - footer - 2;
  const compact = !spaced && feedbackHeight(view.lastFeedback, columns, 0) > rows - 1 - full - footer ? compactStatus(view, mode, columns, true, test) : undefined;
  const room = rows - 1 - (compact?.rows ?? full) - footer;
  const fit = spaced ? 0 : feedbackFit(view.lastFeedback, columns, room);
  const tall = !confirmQuit && feedbackHeight(view.lastFeedback, columns, fit) > room;
  // The scroll keys after the first hint (Enter), when it scrolls.
  const tallHints: Hint[] = [...hints.slice(0, 1), ['↑↓ PgUp PgDn', 'scroll'], ...hints.slice(1)];
  // Laid out whether it scrolls or not, so that the place read is kept across a resize (keptOffset),
  // through a size at which the feedback fits whole and back.
  const laidOut = useMemo(() => feedbackRows(view.lastFeedback, chosen(view.lastFeedback), columns), [view.lastFeedback, columns]);
  const [offset, setOffset] = useKeptOffset(laidOut);
  const text = tall ? laidOut : [];
  // The heading, and one row spare so the frame never scrolls the terminal.
  // (Whichever of its two help lines, "Enter: read on" or not, takes more rows.)
  const height = Math.max(4, rows - 1 - (compact?.rows ?? full) - 1 - Math.max(hintRows(tallHints, columns).length, hintRows(readOnHints(tallHints, true), columns).length));
  const more = tall && moreBelow(offset, text.length, height);
  useImperativeHandle(control, () => ({
    readOn: () => {
      if (!more) return false;
      setOffset((o) => scrolledOffset(o, pageSize(height), text.length, height));
      return true;
    },
  }), [more, height, text.length, setOffset]);
  useKeys((a) => {
    const step = { up: -1, down: 1, 'page-up': -pageSize(height), 'page-down': pageSize(height), top: -text.length, bottom: text.length }[a.type as string];
    if (step !== undefined) setOffset((o) => scrolledOffset(o, step, text.length, height));
  }, tall);
  if (tall) {
    return (
      <Box flexDirection="column">
        <StatusLine view={view} mode={mode} title={title} test={test} spaced={false} feedback compact={compact} width={columns} />
        <Paragraph bold underline width={columns}>Feedback on your reply</Paragraph>
        <ScrollRows rows={text} height={height} offset={offset} />
        <KeyHints set={readOnHints(tallHints, more)} spaced={false} width={columns} whole />
      </Box>
    );
  }
  // Too tall for the quit prompt even drawn tightest: the question takes the feedback's place until
  // it is answered (n brings the feedback back), so the status stays on top.
  if (confirmQuit && feedbackHeight(view.lastFeedback, columns, fit) > room) {
    return (
      <Box flexDirection="column">
        <StatusLine view={view} mode={mode} title={title} test={test} feedback compact={compact} width={columns} />
        <QuitPrompt unsaved={quitWords} kept={quitKept} columns={columns} retry={quitRetry} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <StatusLine view={view} mode={mode} title={title} test={test} spaced={spaced} feedback compact={compact} width={columns} />
      <FeedbackPanel feedback={view.lastFeedback} fit={fit} width={columns} />
      {confirmQuit ? <QuitPrompt unsaved={quitWords} kept={quitKept} columns={columns} retry={quitRetry} /> : <KeyHints set={hints} spaced={spaced} width={columns} />}
    </Box>
  );
}
