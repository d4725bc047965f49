import { useSelector } from '@xstate/react';
import { Box, useStdout } from 'ink';
import { useCallback, useEffect, useState } from 'react';
import { finishPlaythrough, selectView, type PlayableScenario, type RunOrigin, type SessionActor, type SessionMode, type SessionView } from '../../machines/index.js';
import { hintLine, type Action, type HintSet } from '../keys.js';
import { saveProgress, stateStore } from '../saves.js';
import { wrapText } from '../wrap.js';
import { useApp } from './AppContext.js';
import { DebriefScreen } from './DebriefScreen.js';
import { FeedbackPanel, feedbackFit, feedbackHeight } from './FeedbackPanel.js';
import { KeyHints } from './KeyHints.js';
import { Moment } from './Moment.js';
import { QuitPrompt } from './QuitPrompt.js';
import { REPLY_INDENT, ReplyList } from './ReplyList.js';
import { StatusLine, statusText } from './StatusLine.js';
import { useKeys } from './useKeys.js';
import { Paragraph } from './Paragraph.js';

/** Props of PlayScreen. */
export interface PlayScreenProps {
  /** The scenario being played and its file. */
  playable: PlayableScenario;
  /** The running session. */
  actor: SessionActor;
  /** Practice shows feedback and allows undo; assessment holds both for the debrief. */
  mode: SessionMode;
  /** When the playthrough started (a resumed one keeps its first start). */
  startedAt?: string;
  /** How this run relates to the save in its slot (it replaces a further save only by the core's policy). */
  origin?: RunOrigin;
  /** Back to the scenario picker from the debrief, when there is one. */
  onBack?: () => void;
}

/** A playthrough: the moment, the replies, feedback, and the debrief at the end. */
export function PlayScreen({ playable, actor, mode, startedAt: resumedStart, origin = 'new', onBack }: PlayScreenProps) {
  const app = useApp();
  const { stdout } = useStdout();
  const view = useSelector(actor, useCallback((snapshot) => selectView(playable.scenario, snapshot), [playable.scenario]));
  const title = view.scenarioTitle;
  const [startedAt] = useState(() => resumedStart ?? new Date().toISOString());
  const [finishNotice, setFinishNotice] = useState<string>();
  const [selected, setSelected] = useState(0);
  const [showFeedback, setShowFeedback] = useState(false);
  const [confirmQuit, setConfirmQuit] = useState(false);
  const save = () => saveProgress(playable, actor.getPersistedSnapshot(), origin, app.env, startedAt);
  const saveAndExit = (interrupted = false) => {
    const saved = save();
    app.exit(saved.message, interrupted ? 130 : saved.ok ? 0 : 74);
  };

  useEffect(() => setSelected(0), [view.nodeId]);
  useEffect(() => {
    if (view.done) {
      app.setSaver(undefined);
      if (view.debrief) {
        const store = stateStore(app.env);
        // The record keeps the mode and the minutes spent; its id comes from the system's random source.
        const details = { mode, startedAt, randomBytes: (b: Uint8Array) => crypto.getRandomValues(b), finishedSnapshot: actor.getPersistedSnapshot() };
        const notice = finishPlaythrough(store, playable, view.debrief, new Date(), details)?.notice;
        const lines = [notice, store.failure()].filter(Boolean);
        setFinishNotice(lines.length > 0 ? lines.join('\n') : undefined);
      }
    } else app.setSaver(() => save().message);
    // When the playthrough ends (or starts): the save and the record are written once, not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.done]);

  const choose = (index: number) => {
    const reply = view.replies[index];
    if (!reply?.enabled) return;
    actor.send({ type: 'reply.choose', replyId: reply.id });
    if (mode === 'practice') setShowFeedback(true);
  };
  const onAction = (a: Action) => {
    if (a.type === 'interrupt') return view.done ? app.exit(playable.from === undefined && playable.set === undefined ? KEPT_DEBRIEF : undefined, 130) : saveAndExit(true);
    if (confirmQuit) {
      if (a.type === 'yes') saveAndExit();
      else if (a.type === 'no' || a.type === 'back') setConfirmQuit(false);
      return;
    }
    // On the last reply's feedback, q goes on to the debrief: it is never skipped by accident.
    if (a.type === 'quit') return view.done ? setShowFeedback(false) : setConfirmQuit(true);
    if (a.type === 'undo' && view.canUndo) {
      actor.send({ type: 'decision.undo' });
      return setShowFeedback(false);
    }
    if (showFeedback) {
      if (a.type === 'enter') setShowFeedback(false);
      return;
    }
    if (view.kind === 'scene' && a.type === 'enter') actor.send({ type: 'scene.continue' });
    if (view.kind !== 'decision') return;
    if (a.type === 'number') choose(a.n - 1);
    else if (a.type === 'up') setSelected((s) => (s + view.replies.length - 1) % view.replies.length);
    else if (a.type === 'down') setSelected((s) => (s + 1) % view.replies.length);
    else if (a.type === 'enter') choose(selected);
  };
  useKeys(onAction, !(view.done && !showFeedback));

  if (view.done && !showFeedback && view.debrief) {
    return <DebriefScreen scenario={playable.scenario} debrief={view.debrief} mode={mode} onBack={onBack} notice={finishNotice} />;
  }
  const columns = stdout.columns || 80;
  const rows = stdout.rows || 24;
  if (showFeedback && view.lastFeedback) {
    const hintSet = view.done ? 'toDebrief' : 'feedback';
    const around = wrapText(statusText(view, mode, title), columns).split('\n').length + view.meters.length
      + (confirmQuit ? 1 + QUIT_PROMPT_EXTRA : wrapText(hintLine(hintSet), columns).split('\n').length);
    // Blank rows go first on a short terminal, then the panel draws itself tighter.
    const spaced = feedbackHeight(view.lastFeedback, columns, 0) <= rows - 1 - around - 2;
    const fit = spaced ? 0 : feedbackFit(view.lastFeedback, columns, rows - 1 - around);
    return (
      <Box flexDirection="column">
        <StatusLine view={view} mode={mode} title={title} spaced={spaced} />
        <FeedbackPanel feedback={view.lastFeedback} fit={fit} />
        {confirmQuit ? <QuitPrompt /> : <KeyHints set={hintSet} spaced={spaced} />}
      </Box>
    );
  }
  const hints = view.kind === 'scene' ? 'scene' : mode === 'practice' ? 'decisionPractice' : 'decisionAssess';
  // On a short terminal blank rows between parts go first (least useful first), so the whole
  // moment stays on screen; one row is kept spare so the frame never scrolls the terminal.
  const spare = rows - 1 - packedHeight(view, statusText(view, mode, title), hints, columns) - (confirmQuit ? QUIT_PROMPT_EXTRA : 0);
  const gaps = { prompt: spare >= 1, hints: spare >= 2, status: spare >= 3, speech: spare >= 3 + view.lines.length };
  return (
    <Box flexDirection="column">
      <StatusLine view={view} mode={mode} title={title} spaced={gaps.status} />
      {view.title && <Paragraph bold underline>{view.title}</Paragraph>}
      <Moment view={view} spaced={gaps.speech} />
      {view.kind === 'decision' && (
        <Box flexDirection="column" marginTop={gaps.prompt ? 1 : 0}>
          <Paragraph bold>{view.prompt}</Paragraph>
          <ReplyList replies={view.replies} selected={selected} />
        </Box>
      )}
      {confirmQuit ? <QuitPrompt /> : <KeyHints set={hints} spaced={gaps.hints} />}
    </Box>
  );
}

/** Said when the app is left before the debrief was looked at. */
const KEPT_DEBRIEF = 'Your debrief was kept: open the scenario\'s last debrief from the picker with d.';

/** Rows the quit prompt (a box of three rows) takes beyond the help line it replaces. */
const QUIT_PROMPT_EXTRA = 4;

/** Rows the moment takes without blank rows, estimated by wrapping each part at its width. */
function packedHeight(view: SessionView, status: string, hints: HintSet, columns: number): number {
  const rows = (text: string, width = columns) => wrapText(text, width).split('\n').length;
  let n = rows(status) + view.meters.length;
  if (view.title) n += rows(view.title);
  if (view.narration) n += rows(view.narration);
  for (const line of view.lines) n += rows(`${line.speaker}${line.role ? ` (${line.role})` : ''}: “${line.text}”`);
  if (view.kind === 'decision') {
    n += rows(view.prompt ?? '');
    for (const r of view.replies) n += rows(`${r.kind === 'do' ? '[do] ' : ''}${r.text}${r.enabled ? '' : ' (not available now)'}`, columns - REPLY_INDENT);
  }
  return n + rows(hintLine(hints));
}
