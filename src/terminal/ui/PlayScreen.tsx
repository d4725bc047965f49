import { useSelector } from '@xstate/react';
import { Box } from 'ink';
import { useCallback, useEffect, useRef, useState } from 'react';
import { finishPlaythrough, selectView, startSession, type PersistedScenarioSnapshot, type PlayableScenario, type SessionActor, type SessionMode, type SessionView } from '../../machines/index.js';
import { hintLine, type Action, type HintSet } from '../keys.js';
import { stateStore, writeSave } from '../saves.js';
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
import { useScreenSize } from './useScreenSize.js';
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
  /** Back to the scenario picker from the debrief, when there is one. */
  onBack?: () => void;
}

/** A playthrough: the moment, the replies, feedback, and the debrief at the end. */
export function PlayScreen({ playable, actor: firstActor, mode, startedAt: resumedStart, onBack }: PlayScreenProps) {
  const app = useApp();
  // A new actor replaces the first only to undo the reply that ended the scenario (an ended actor is final).
  const [actor, setActor] = useState(firstActor);
  const beforeLastReply = useRef<PersistedScenarioSnapshot>(undefined);
  const finished = useRef(false);
  const { columns, rows } = useScreenSize();
  const view = useSelector(actor, useCallback((snapshot) => selectView(playable.scenario, snapshot), [playable.scenario]));
  const title = view.scenarioTitle;
  const [startedAt] = useState(() => resumedStart ?? new Date().toISOString());
  const [finishNotice, setFinishNotice] = useState<string>();
  // No reply is highlighted until a number or an arrow is pressed: Enter alone never answers.
  const [selected, setSelected] = useState(-1);
  const [showFeedback, setShowFeedback] = useState(false);
  const [confirmQuit, setConfirmQuit] = useState(false);
  const save = () => writeSave(playable, actor.getPersistedSnapshot(), app.env, startedAt);
  const saveAndExit = () => app.exit(`Progress saved to ${save()}.\nContinue with: casa-practice resume`);

  useEffect(() => setSelected(-1), [view.nodeId]);
  const debriefOpen = view.done && !showFeedback;
  const finish = () => {
    if (finished.current || !view.debrief) return;
    finished.current = true;
    setFinishNotice(finishPlaythrough(stateStore(app.env), playable, view.debrief)?.notice);
  };
  useEffect(() => {
    app.setSaver(view.done ? undefined : save);
    // The save and the record are written once the debrief opens: until then the last reply can be undone.
    if (debriefOpen) finish();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.done, debriefOpen, actor]);

  const choose = (index: number) => {
    const reply = view.replies[index];
    if (!reply?.enabled) return;
    beforeLastReply.current = actor.getPersistedSnapshot();
    actor.send({ type: 'reply.choose', replyId: reply.id });
    if (mode === 'practice') setShowFeedback(true);
  };
  const onAction = (a: Action) => {
    if (a.type === 'interrupt') {
      if (!view.done) return saveAndExit();
      finish();
      return app.exit();
    }
    if (confirmQuit) {
      if (a.type === 'yes') saveAndExit();
      else if (a.type === 'no' || a.type === 'back') setConfirmQuit(false);
      return;
    }
    if (a.type === 'quit') return view.done ? app.exit() : setConfirmQuit(true);
    if (a.type === 'undo' && view.canUndo) {
      actor.send({ type: 'decision.undo' });
      return setShowFeedback(false);
    }
    if (a.type === 'undo' && view.done && showFeedback && mode === 'practice' && beforeLastReply.current) {
      // The reply that ended the scenario: back to that decision in a session restored from just before it.
      setActor(startSession(playable.scenario, mode, beforeLastReply.current));
      beforeLastReply.current = undefined;
      return setShowFeedback(false);
    }
    if (showFeedback) {
      if (a.type === 'enter') setShowFeedback(false);
      return;
    }
    if (view.kind === 'scene' && a.type === 'enter') actor.send({ type: 'scene.continue' });
    if (view.kind !== 'decision') return;
    if (a.type === 'number') choose(a.n - 1);
    else if (a.type === 'up') setSelected((s) => (s < 0 ? view.replies.length - 1 : (s + view.replies.length - 1) % view.replies.length));
    else if (a.type === 'down') setSelected((s) => (s + 1) % view.replies.length);
    else if (a.type === 'enter' && selected >= 0) choose(selected);
  };
  useKeys(onAction, !(view.done && !showFeedback));

  if (view.done && !showFeedback && view.debrief) {
    return <DebriefScreen scenario={playable.scenario} debrief={view.debrief} onBack={onBack} notice={finishNotice} />;
  }
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
