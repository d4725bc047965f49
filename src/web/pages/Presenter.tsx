import { useSelector } from '@xstate/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import {
  agreementWords, clampVotes, scoreWords, VERDICT_WORDS, facilitatedDecision, facilitationMarkdown, fileStamp, isEntry, quickEntry, revealData, roomAgreement, selectView, startFacilitation, summaryBaseName, votesWords,
  type CatalogEntry, type Debrief as DebriefData, type FacilitatedDecision, type PlayableScenario, type RevealEntry, type SessionActor, type Votes,
} from '../../machines/index.js';
import { Debrief } from '../components/Debrief.js';
import { LiveRoom } from '../components/LiveRoom.js';
import { TrainerMoment } from '../components/TrainerMoment.js';
import { downloadText } from '../download.js';
import { hrefOf } from '../routing.js';
import { projectedReveal, useProjector, type ProjectorState } from '../projector.js';
import { roomLinkFrom } from '../room-client.js';
import { bundledById, scenarioTexts } from '../scenarios.js';
import { useTitle } from '../title.js';

/** Presenter mode for trainer-led sessions: large type, the room votes, the trainer reveals and picks the branch. */
export default function Presenter({ id }: { id?: string; paused?: boolean }) {
  // Opened from a live room's presenter address: the room server runs the session (phones vote).
  const [room] = useState(() => roomLinkFrom(location.search));
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'pick'; entries: CatalogEntry[] } | { kind: 'missing' } | { kind: 'ready'; playable: PlayableScenario }>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    if (!id) {
      void scenarioTexts().then((texts) => live && setState({ kind: 'pick', entries: texts.map((t) => quickEntry(t.file, t.text)).filter(isEntry) }));
    } else {
      void bundledById(id).then(({ loaded }) => live && setState(loaded?.ok ? { kind: 'ready', playable: loaded.playable } : { kind: 'missing' }));
    }
    return () => {
      live = false;
    };
  }, [id]);
  useTitle(room ? 'Presenter: live room' : state.kind === 'missing' ? 'Scenario not found' : state.kind === 'ready' ? `Presenter: ${state.playable.scenario.title}` : undefined);
  if (room) return <LiveRoom link={room} />;
  if (state.kind === 'loading') return <p role="status">Loading…</p>;
  if (state.kind === 'missing') return <><h1>Scenario not found</h1><p><a href={hrefOf({ page: 'presenter' })}>Choose another scenario</a></p></>;
  if (state.kind === 'pick') {
    return (
      <>
        <h1>Presenter mode</h1>
        <p>For a trainer-led session on a projector: the room discusses each decision and votes, you enter the votes, reveal the feedback, and pick the branch the story follows. Replies are shown without scores until the reveal.</p>
        <ul className="cards" aria-label="Scenarios to present">
          {state.entries.map((e) => (
            <li key={e.id} className="card">
              <h2>{e.title}</h2>
              <p className="meta">About {e.minutes} minutes</p>
              <p className="content-note"><strong>Content note:</strong> {e.contentNote}</p>
              <p className="actions"><a className="button primary" href={hrefOf({ page: 'presenter', id: e.id })}>Present<span className="sr-only">: {e.title}</span></a></p>
            </li>
          ))}
        </ul>
      </>
    );
  }
  return <Facilitation playable={state.playable} />;
}

type Snapshot = ReturnType<SessionActor['getSnapshot']>;

interface Revealed {
  total: number;
  entries: RevealEntry[];
}

export function Facilitation({ playable }: { playable: PlayableScenario }) {
  const { scenario } = playable;
  const [actor] = useState(() => startFacilitation(scenario, crypto.getRandomValues(new Uint32Array(1))[0]));
  const view = useSelector(actor, useCallback((s: Snapshot) => selectView(scenario, s), [scenario]));
  const [votes, setVotes] = useState<Record<string, number>>({});
  const [revealed, setRevealed] = useState<Revealed>();
  const [showNote, setShowNote] = useState(false);
  const [decisions, setDecisions] = useState<FacilitatedDecision[]>([]);
  const [reveals, setReveals] = useState<Revealed[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  const revealHeading = useRef<HTMLHeadingElement>(null);

  // What the projector window shows: the moment, and after the reveal the feedback and votes (the
  // note too); the trainer's own toggle of the note stays on the laptop.
  const projected: ProjectorState = view.done && view.debrief
    ? { kind: 'done', scenarioTitle: view.scenarioTitle, outcome: `Outcome: ${view.debrief.outcome.label}`, score: `Score: ${scoreWords(view.debrief.score)}`, agreement: agreementWords(roomAgreement(reveals)) }
    : {
      kind: 'moment', scenarioTitle: view.scenarioTitle, step: view.kind === 'decision' ? `Decision ${view.progress.decision} of about ${view.progress.about}` : '',
      title: view.title, narration: view.narration, lines: view.lines.map((l) => ({ speaker: l.speaker, text: l.text })), discussionPrompt: view.discussionPrompt,
      replies: view.replies.map((r) => ({ number: r.number, text: r.text, kind: r.kind })),
      ...(revealed ? {
        note: view.facilitatorNote,
        reveal: projectedReveal(revealed.entries, revealed.total),
      } : {}),
    };
  const openProjector = useProjector(projected);

  const step = (send: () => void) => {
    flushSync(() => {
      send();
      setVotes({});
      setRevealed(undefined);
      setShowNote(false);
    });
    (document.getElementById('debrief-heading') ?? heading.current)?.focus();
  };

  // The Reveal button goes away with the votes: focus moves to the revealed replies that replace it (as in a live room).
  const reveal = () => {
    flushSync(() => setRevealed(revealData(scenario, view, votes as Votes)));
    revealHeading.current?.focus();
  };
  const follow = (number: number, replyId: string) => {
    const decision = facilitatedDecision(view, votes as Votes, number);
    if (revealed) setReveals((r) => [...r, revealed]);
    setDecisions((d) => [...d, decision]);
    step(() => actor.send({ type: 'reply.choose', replyId }));
  };
  const summary = (debrief: DebriefData | undefined) => {
    const agreement = agreementWords(roomAgreement(reveals));
    const md = facilitationMarkdown(scenario, decisions, debrief).replace(/\n## Decision 1:|\n## Debrief/, (m) => `\n## How often the room matched best practice\n\n${agreement}\n${m}`);
    downloadText(`${summaryBaseName(scenario, fileStamp())}.md`, md, 'text/markdown');
  };

  if (view.done && view.debrief) {
    return (
      <>
        <section aria-labelledby="agreement-heading" className="no-print">
          <h2 id="agreement-heading">How often the room matched best practice</h2>
          <p>{agreementWords(roomAgreement(reveals))}</p>
          <p className="controls"><button type="button" className="primary" onClick={() => summary(view.debrief)}>Download the session summary</button></p>
        </section>
        <Debrief scenario={scenario} debrief={view.debrief} mode="practice" recorded={false} whatIf={false} onTryAgain={() => location.reload()} />
      </>
    );
  }

  const total = Object.values(votes).reduce((a, b) => a + b, 0);
  return (
    <div className="facilitation">
      <p className="status-line"><span>{view.scenarioTitle}</span><span>{view.kind === 'decision' ? `Decision ${view.progress.decision} of about ${view.progress.about}` : 'Scene'}</span></p>
      <h1 ref={heading} tabIndex={-1}>{view.title ?? (view.kind === 'decision' ? 'Decision' : 'Scene')}</h1>
      <TrainerMoment view={view} noteShown={showNote} revealed={revealed !== undefined} onToggleNote={() => setShowNote((s) => !s)} />
      {view.kind === 'decision' && !revealed && (
        <section aria-labelledby="options-heading">
          <h2 id="options-heading">{view.prompt}</h2>
          <ol className="options">
            {view.replies.map((r) => (
              <li key={r.id} className="vote-row">
                <span id={`opt-${r.id}`}><strong>{r.number}.</strong> {r.kind === 'do' ? <em className="do">Do: </em> : null}{r.text}{r.enabled ? '' : ' (not open at this point)'}</span>
                <label className="no-print">
                  <span className="sr-only">Votes for reply {r.number}</span>
                  <input className="vote-input" type="number" inputMode="numeric" min={0} max={9999} value={votes[r.id] ?? ''} placeholder="0"
                    onChange={(e) => setVotes((v) => ({ ...v, [r.id]: clampVotes(Number(e.target.value)) }))} />
                </label>
              </li>
            ))}
          </ol>
          <p className="hint">{total} vote{total === 1 ? '' : 's'} entered.</p>
          <p className="controls"><button type="button" className="primary" onClick={reveal}>Reveal the feedback</button></p>
        </section>
      )}
      {view.kind === 'decision' && revealed && (
        <section aria-labelledby="reveal-heading">
          <h2 id="reveal-heading" ref={revealHeading} tabIndex={-1}>The replies, revealed</h2>
          <ol className="reveal">
            {revealed.entries.map((e) => {
              const reply = view.replies.find((r) => r.id === e.replyId);
              return (
                <li key={e.replyId} className={e.best ? 'best' : undefined}>
                  <p><strong>{e.number}.</strong> {e.replyText} {e.best && <strong className="best-mark">★ Best practice</strong>}</p>
                  <div className="vote-row"><div className="vote-bar" aria-hidden="true" style={{ width: `${e.percent}%` }} /><span>Votes: {votesWords(e, revealed.total)}</span></div>
                  <p>{e.feedback}</p>
                  <ul className="verdicts">{e.assessments.map((a) => <li key={a.principleId} className={a.verdict}>{VERDICT_WORDS[a.verdict]} {a.title} <span className="cite">({a.citation})</span></li>)}</ul>
                  {reply?.enabled && <button type="button" onClick={() => follow(e.number, e.replyId)}>Follow reply {e.number}</button>}
                </li>
              );
            })}
          </ol>
        </section>
      )}
      <p className="controls">
        {view.canContinue && <button type="button" className="primary" onClick={() => step(() => actor.send({ type: 'scene.continue' }))}>Continue</button>}
        <button type="button" onClick={() => summary(undefined)}>Download the summary so far</button>
        <button type="button" onClick={openProjector}>Open a projector window</button>
      </p>
    </div>
  );
}
