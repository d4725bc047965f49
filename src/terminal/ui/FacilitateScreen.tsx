import { Box, Text, useStdout } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import { indexScenario, replyValue } from '../../machines/index.js';
import type { Debrief } from '../../machines/scoring.js';
import { revealReplies, selectView } from '../../machines/selectors.js';
import type { Action } from '../keys.js';
import { exportsDir } from '../export.js';
import { facilitationMarkdown, type FacilitatedDecision } from '../facilitation-summary.js';
import { cleanDeep, cleanText } from '../sanitize.js';
import type { PlayableScenario } from '../scenario-source.js';
import type { SessionActor } from '../session-actor.js';
import { fileStamp, writeAtomic } from '../state.js';
import { useApp } from './AppContext.js';
import { DebriefScreen } from './DebriefScreen.js';
import { KeyHints } from './KeyHints.js';
import { Moment } from './Moment.js';
import { ReplyList } from './ReplyList.js';
import { RevealPanel } from './RevealPanel.js';
import { useTheme } from './ThemeContext.js';
import { useKeys } from './useKeys.js';
import { useSessionSnapshot } from './useSession.js';

/** Props of FacilitateScreen. */
export interface FacilitateScreenProps {
  /** The scenario the room plays. */
  playable: PlayableScenario;
  /** The running session (practice mode; the trainer picks each branch). */
  actor: SessionActor;
}

/** A trainer-led session: prompt and note, room votes, reveal, the room's branch, and a written summary. */
export function FacilitateScreen({ playable, actor }: FacilitateScreenProps) {
  const app = useApp();
  const theme = useTheme();
  const { stdout } = useStdout();
  const { scenario } = playable;
  const snapshot = useSessionSnapshot(actor);
  const view = useMemo(() => cleanDeep(selectView(scenario, snapshot)), [scenario, snapshot]);
  const revealed = useMemo(() => cleanDeep(revealReplies(scenario, view.nodeId)), [scenario, view.nodeId]);
  const values = useMemo(() => Object.fromEntries(revealed.map((r) => {
    const reply = indexScenario(scenario).replies.get(r.replyId)?.reply;
    return [r.replyId, reply ? replyValue(reply) : 0];
  })), [scenario, revealed]);
  const [selected, setSelected] = useState(0);
  const [votes, setVotes] = useState<Record<string, number>>({});
  const [reveal, setReveal] = useState(false);
  const [confirmQuit, setConfirmQuit] = useState(false);
  const log = useRef<FacilitatedDecision[]>([]);
  const [summaryPath, setSummaryPath] = useState<string>();

  const current = (): FacilitatedDecision => ({
    title: view.title ?? view.nodeId, discussionPrompt: view.discussionPrompt,
    replies: view.replies.map((r) => ({ number: r.number, text: r.text, votes: votes[r.id] ?? 0 })),
  });
  const writeSummary = (debrief?: Debrief) => {
    const path = `${exportsDir(app.env)}/${scenario.id}-session-${fileStamp()}.md`;
    writeAtomic(path, facilitationMarkdown(scenario, log.current, debrief));
    return path;
  };
  const stop = () => {
    if (view.kind === 'decision') log.current.push(current());
    app.exit(`Session summary written to ${writeSummary()}`);
  };
  useEffect(() => {
    if (view.done && !summaryPath) setSummaryPath(writeSummary(snapshot.output as Debrief));
    app.setSaver(view.done ? undefined : () => writeSummary());
  }, [view.done]);
  useEffect(() => {
    setSelected(0);
    setVotes({});
    setReveal(false);
  }, [view.nodeId]);

  const setVote = (f: (n: number) => number) => {
    const id = view.replies[selected]?.id;
    if (id) setVotes((v) => ({ ...v, [id]: Math.max(0, Math.min(9999, f(v[id] ?? 0))) }));
  };
  const onAction = (a: Action) => {
    if (a.type === 'interrupt') return stop();
    if (confirmQuit) return a.type === 'yes' ? stop() : a.type === 'no' || a.type === 'back' ? setConfirmQuit(false) : undefined;
    if (a.type === 'quit') return setConfirmQuit(true);
    if (view.kind === 'scene') return a.type === 'enter' ? actor.send({ type: 'scene.continue' }) : undefined;
    if (reveal) {
      if (a.type === 'back') setReveal(false);
      const reply = a.type === 'number' ? view.replies[a.n - 1] : undefined;
      if (reply?.enabled) {
        log.current.push({ ...current(), chosen: reply.number });
        actor.send({ type: 'reply.choose', replyId: reply.id });
      }
      return;
    }
    if (a.type === 'up') setSelected((s) => (s + view.replies.length - 1) % view.replies.length);
    else if (a.type === 'down') setSelected((s) => (s + 1) % view.replies.length);
    else if (a.type === 'number') setVote((n) => n * 10 + a.n);
    else if (a.type === 'erase') setVote((n) => Math.floor(n / 10));
    else if (a.type === 'plus') setVote((n) => n + 1);
    else if (a.type === 'minus') setVote((n) => n - 1);
    else if (a.type === 'reveal') setReveal(true);
  };
  useKeys(onAction, !view.done);

  if (view.done) {
    return <DebriefScreen scenario={scenario} debrief={snapshot.output as Debrief} notice={summaryPath && `Session summary written to:\n  ${summaryPath}`} />;
  }
  return (
    <Box flexDirection="column" paddingX={1} gap={1}>
      <Text bold>{cleanText(scenario.title)}{view.kind === 'decision' ? ` · decision ${view.progress.decision} of about ${view.progress.about}` : ''}</Text>
      {view.title && <Text bold underline>{view.title}</Text>}
      <Moment view={view} />
      {view.discussionPrompt && <Text><Text bold>Discuss: </Text>{view.discussionPrompt}</Text>}
      {view.facilitatorNote && <Text color={theme.muted}><Text bold>Facilitator note: </Text>{view.facilitatorNote}</Text>}
      {view.kind === 'decision' && !reveal && (
        <ReplyList replies={view.replies} selected={selected} suffix={(r) => ` · votes: ${votes[r.id] ?? 0}`} />
      )}
      {view.kind === 'decision' && reveal && <RevealPanel replies={revealed} votes={votes} values={values} columns={stdout.columns || 80} />}
      {confirmQuit ? <Text bold>End the session now and write the summary so far? (y / n)</Text>
        : <KeyHints set={view.kind === 'scene' ? 'facilitateScene' : reveal ? 'facilitateReveal' : 'facilitateVote'} />}
    </Box>
  );
}
