import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { formatProblem, readSave, repliesMade, saveKey, type PersistedScenarioSnapshot, type PlayableScenario, type SessionMode } from '../../machines/index.js';
import { NoSuchScenario } from '../components/NoSuchScenario.js';
import { Session, startedAgainWords } from '../components/Session.js';
import { hrefOf, takeStartingAgain } from '../routing.js';
import { bundledById, type ScenarioText } from '../scenarios.js';
import { useStore } from '../store.js';
import { useFailPage, usePageLoading } from '../page-failure.js';
import { newerSaveWords, resumeNotice } from '../storage-words.js';
import { setAsideNotice } from '../components/SetAside.js';
import { useTitle } from '../title.js';
import { loaderFor } from '../bundled-loader.js';

type State =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'invalid'; problems: string[] }
  | { kind: 'ready'; playable: PlayableScenario; mode: SessionMode; snapshot?: PersistedScenarioSnapshot; startedAt: string; activeMs?: number; notice?: ReactNode; resumed: boolean; again?: string };

/** Opens a bundled scenario: resumes its save when there is one, else starts in the mode asked for. */

export default function PlayPage({ id, mode, paused }: { id: string; mode: SessionMode; paused: boolean }) {
  const store = useStore();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const fail = useFailPage();
  usePageLoading(state.kind === 'loading');
  const addresses = useMemo(() => ({ playing: { practice: hrefOf({ page: 'play', id, mode: 'practice' }), assessment: hrefOf({ page: 'play', id, mode: 'assessment' }) }, debrief: hrefOf({ page: 'debrief', id }) }), [id]);
  useEffect(() => {
    let live = true;
    bundledById(id).then(({ texts, loaded }) => {
      if (!live) return;
      if (!loaded) return setState({ kind: 'missing' });
      if (!loaded.ok) return setState({ kind: 'invalid', problems: loaded.result.problems.map((p) => formatProblem(p)) });
      const again = takeStartingAgain();
      const opened = openSession(store, loaded.playable, texts, mode);
      // The address says the mode the playthrough is in (a reload, or the link shared, opens it so).
      if (opened.kind === 'ready' && opened.mode !== mode) history.replaceState(history.state, '', addresses.playing[opened.mode]);
      // "Try again" on a debrief opened again: a new playthrough starts as after Try again at the
      // end of one (a save waiting instead goes on, and says so, as a save opened again does).
      setState(again && opened.kind === 'ready' && !opened.resumed ? { ...opened, again: startedAgainWords(opened.mode, mode) } : opened);
    }).catch((e: unknown) => live && fail(e));
    return () => {
      live = false;
    };
  }, [id, mode, store, addresses, fail]);
  // A session sets its own (with the scenario's title).
  useTitle(state.kind === 'missing' ? 'Scenario not found' : state.kind === 'invalid' ? 'Scenario cannot be played' : undefined);
  // Plain text, read where it is (the main content focused as it opened): a live region inserted
  // with its words already in it may not be said at all. App says "Loading…" in its polite region
  // when a page opened from the navigation takes more than a moment.
  if (state.kind === 'loading') return <p>Opening the scenario…</p>;
  if (state.kind === 'missing') {
    return (
      <>
        <h1>Scenario not found</h1>
        <NoSuchScenario id={id} back={<a href={hrefOf({ page: 'library' })}>Back to the scenarios</a>} />
      </>
    );
  }
  if (state.kind === 'invalid') {
    return (
      <>
        <h1>This scenario cannot be played</h1>
        <p>The validator found problems in its file:</p>
        <ul className="problems">{state.problems.map((p, i) => <li key={i}><pre>{p}</pre></li>)}</ul>
      </>
    );
  }
  return (
    <Session
      playable={state.playable}
      mode={state.mode}
      snapshot={state.snapshot}
      startedAt={state.startedAt}
      activeMs={state.activeMs}
      notice={state.notice}
      resumed={state.resumed}
      again={state.again}
      persist
      paused={paused}
      addresses={addresses}
    />
  );
}

function openSession(store: ReturnType<typeof useStore>, playable: PlayableScenario, texts: ScenarioText[], mode: SessionMode): State {
  const now = new Date().toISOString();
  const key = saveKey(playable);
  let exists: boolean;
  try {
    exists = store.read(key) !== undefined;
  } catch {
    exists = true; // readSave says why it cannot be read
  }
  if (!exists) return { kind: 'ready', playable, mode, startedAt: now, resumed: false };
  const found = readSave(store, loaderFor(texts, playable.scenario.id), key);
  if (found.kind === 'ok') {
    // A save goes on in its own mode, and when that is not the mode asked for (a trainer's #/assess
    // link where a practice run waits, or the other way round) the volunteer is told so, with the
    // way to change it. A save with no reply yet holds nothing to lose: the mode asked for starts.
    if (found.mode !== mode && repliesMade(found.snapshot) === 0) return { kind: 'ready', playable: found.playable, mode, startedAt: now, resumed: false };
    const instead = found.mode === mode ? undefined : found.mode === 'practice'
      ? 'An unfinished practice run of this scenario was waiting, so it goes on here, in practice, with feedback. To take the assessment instead, choose “Start again from the beginning”, then “Start again in assessment instead”.'
      : 'An unfinished assessment of this scenario was waiting, so it goes on here, as an assessment: no feedback until the debrief, and no undo. To practise instead, choose “Start again from the beginning”, then “Start again in practice instead”.';
    return { kind: 'ready', playable: found.playable, mode: found.mode, snapshot: found.snapshot, startedAt: found.startedAt ?? now, ...(found.activeMs !== undefined ? { activeMs: found.activeMs } : {}), ...(instead ? { notice: instead } : {}), resumed: true };
  }
  // Written by a newer version of casa-practice (this tab left open after an update): left where it is, and said so.
  if (found.kind === 'bad' && found.newer !== undefined) return { kind: 'ready', playable, mode, startedAt: now, notice: newerSaveWords(found.newer, 'save'), resumed: false };
  if (found.kind === 'bad') return { kind: 'ready', playable, mode, startedAt: now, notice: setAsideNotice(resumeNotice(found.error, found.movedTo, found.damaged, 'save', found.outdated), found.movedTo), resumed: false };
  return { kind: 'ready', playable, mode, startedAt: now, resumed: false };
}
