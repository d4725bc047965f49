import { Box, Text } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import type { Debrief } from '../../machines/scoring.js';
import { selectView } from '../../machines/selectors.js';
import type { SessionMode } from '../../machines/types.js';
import type { Action } from '../keys.js';
import { finishPlaythrough } from '../outcome.js';
import { cleanDeep, cleanText } from '../sanitize.js';
import { writeSave } from '../saves.js';
import type { PlayableScenario } from '../scenario-source.js';
import type { SessionActor } from '../session-actor.js';
import { useApp } from './AppContext.js';
import { DebriefScreen } from './DebriefScreen.js';
import { FeedbackPanel } from './FeedbackPanel.js';
import { KeyHints } from './KeyHints.js';
import { Moment } from './Moment.js';
import { QuitPrompt } from './QuitPrompt.js';
import { ReplyList } from './ReplyList.js';
import { StatusLine } from './StatusLine.js';
import { useKeys } from './useKeys.js';
import { useSessionSnapshot } from './useSession.js';

/** Props of PlayScreen. */
export interface PlayScreenProps {
  /** The scenario being played and its file. */
  playable: PlayableScenario;
  /** The running session. */
  actor: SessionActor;
  /** Practice shows feedback and allows undo; assessment holds both for the debrief. */
  mode: SessionMode;
  /** Back to the scenario picker from the debrief, when there is one. */
  onBack?: () => void;
}

/** A playthrough: the moment, the replies, feedback, and the debrief at the end. */
export function PlayScreen({ playable, actor, mode, onBack }: PlayScreenProps) {
  const app = useApp();
  const snapshot = useSessionSnapshot(actor);
  const view = useMemo(() => cleanDeep(selectView(playable.scenario, snapshot)), [playable.scenario, snapshot]);
  const title = cleanText(playable.scenario.title);
  const [selected, setSelected] = useState(0);
  const [showFeedback, setShowFeedback] = useState(false);
  const [confirmQuit, setConfirmQuit] = useState(false);
  const save = () => writeSave(playable, actor.getPersistedSnapshot(), app.env);
  const saveAndExit = () => app.exit(`Progress saved to ${save()}.\nContinue with: casa-practice resume`);

  useEffect(() => setSelected(0), [view.nodeId]);
  useEffect(() => {
    if (view.done) {
      app.setSaver(undefined);
      finishPlaythrough(playable, snapshot.output as Debrief, app.env);
    } else app.setSaver(save);
  }, [view.done]);

  const choose = (index: number) => {
    const reply = view.replies[index];
    if (!reply?.enabled) return;
    actor.send({ type: 'reply.choose', replyId: reply.id });
    if (mode === 'practice') setShowFeedback(true);
  };
  const onAction = (a: Action) => {
    if (a.type === 'interrupt') return view.done ? app.exit() : saveAndExit();
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
    return <DebriefScreen scenario={playable.scenario} debrief={snapshot.output as Debrief} onBack={onBack} />;
  }
  if (showFeedback && view.lastFeedback) {
    return (
      <Box flexDirection="column">
        <StatusLine view={view} mode={mode} title={title} />
        <FeedbackPanel feedback={view.lastFeedback} />
        {confirmQuit ? <QuitPrompt /> : <KeyHints set={view.done ? 'toDebrief' : 'feedback'} />}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <StatusLine view={view} mode={mode} title={title} />
      {view.title && <Text bold underline>{view.title}</Text>}
      <Moment view={view} />
      {view.kind === 'decision' && (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>{view.prompt}</Text>
          <ReplyList replies={view.replies} selected={selected} />
        </Box>
      )}
      {confirmQuit ? <QuitPrompt /> : <KeyHints set={view.kind === 'scene' ? 'scene' : mode === 'practice' ? 'decisionPractice' : 'decisionAssess'} />}
    </Box>
  );
}
