import { useEffect, useMemo, useRef, useState } from 'react';
import { keptDebriefFailure, readKeptDebrief, whatIfFrom, type Debrief as DebriefData, type PersistedScenarioSnapshot, type PlayableScenario, type SessionMode } from '../../machines/index.js';
import { BACK_IN_DEBRIEF, Debrief, focusWhatIf } from '../components/Debrief.js';
import { landAfter, Session } from '../components/Session.js';
import { goStartAgain, hrefOf } from '../routing.js';
import { restoreReadingPlace } from '../reading-place.js';
import { bundledById } from '../scenarios.js';
import { useStore } from '../store.js';
import { useFailPage, usePageLoading } from '../page-failure.js';
import { DEBRIEF_DAMAGED, keptDebriefAt, newerSaveWords } from '../storage-words.js';
import { setAsideNotice } from '../components/SetAside.js';
import { useSay } from '../say.js';
import { useTitle } from '../title.js';

type State =
  | { kind: 'loading' }
  | { kind: 'none'; why?: string; movedTo?: string }
  | { kind: 'ready'; playable: PlayableScenario; debrief: DebriefData; mode: SessionMode; played: Parameters<typeof whatIfFrom>[1] };

/**
 * The one line when a kept debrief cannot be shown (the core's keptDebriefFailure, in a browser's
 * words); one the core found damaged (`damaged`), in a volunteer's, as a damaged save is said.
 */
export function keptDebriefNotice(kept: { error: string; movedTo?: string; damaged?: string; newer?: number }): string {
  if (kept.newer !== undefined) return newerSaveWords(kept.newer, 'debrief');
  if (kept.damaged === undefined) return keptDebriefFailure(kept, keptDebriefAt);
  return `${DEBRIEF_DAMAGED} ${kept.movedTo === undefined ? 'It was left where it is' : keptDebriefAt(kept.movedTo)}. Your records are not affected. To have a debrief of this scenario again, play it again.`;
}

/**
 * The last debrief of a bundled scenario, kept when it was finished, opened again (the tab closed at
 * the debrief, a phone reloading the page): replayed from its replies by the core, as the terminal's
 * picker opens it. Read only: nothing is added to the records. Its what-if buttons replay from a
 * decision as at the end of a playthrough (a what-if is not saved: a reload opens this debrief again).
 */
export default function KeptDebrief({ id, paused }: { id: string; paused: boolean }) {
  const store = useStore();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const fail = useFailPage();
  usePageLoading(state.kind === 'loading');
  const [whatIf, setWhatIf] = useState<{ snapshot: PersistedScenarioSnapshot; startedAt: string }>();
  const addresses = useMemo(() => ({ playing: { practice: hrefOf({ page: 'play', id, mode: 'practice' }), assessment: hrefOf({ page: 'play', id, mode: 'assessment' }) }, debrief: hrefOf({ page: 'debrief', id }) }), [id]);
  useEffect(() => {
    let live = true;
    bundledById(id).then(({ loaded }) => {
      if (!live) return;
      if (!loaded?.ok) return setState({ kind: 'none' });
      const kept = readKeptDebrief(store, loaded.playable);
      if (!kept) return setState({ kind: 'none' });
      // Set aside by the core (the library stops offering it): a copy stays in this site's storage
      // (or, the storage full, the debrief is left as it was), and My records says so.
      if (!kept.ok) return setState({ kind: 'none', why: keptDebriefNotice(kept), ...(kept.movedTo !== undefined ? { movedTo: kept.movedTo } : {}) });
      setState({ kind: 'ready', playable: loaded.playable, debrief: kept.debrief, mode: kept.mode, played: kept.played });
    }).catch((e: unknown) => live && fail(e));
    return () => {
      live = false;
    };
  }, [id, store, fail]);
  // A debrief that is kept but cannot be shown is not "no debrief kept".
  const noneHeading = state.kind === 'none' && state.why !== undefined ? 'The last debrief cannot be shown' : 'No debrief kept';
  useTitle(whatIf ? undefined : state.kind === 'ready' ? `Debrief: ${state.playable.scenario.title}` : state.kind === 'none' ? noneHeading : undefined);
  // Focus on the debrief's heading once it is there, as at the end of a playthrough; and back from
  // a what-if ("Back to your debrief"), on the "What if: replay from here" pressed (the decision
  // kept here, 0-based: focusWhatIf), or else at the top of the page as a debrief opens.
  const fromWhatIf = useRef<number>(undefined);
  const say = useSay();
  useEffect(() => {
    if (state.kind !== 'ready' || whatIf) return;
    if (fromWhatIf.current !== undefined) {
      void (focusWhatIf(fromWhatIf.current) || landAfter('debrief'));
      say(BACK_IN_DEBRIEF);
      // Back (or Forward) into this debrief: where the volunteer was reading, not its top (reading-place.ts).
    } else if (!restoreReadingPlace()) document.getElementById('debrief-heading')?.focus();
  }, [state.kind, whatIf, say]);
  // Plain text, read where it is (the main content focused as it opened): a live region inserted
  // with its words already in it may not be said at all. App says "Loading…" in its polite region
  // when a page opened from the navigation takes more than a moment.
  if (state.kind === 'loading') return <p>Opening the debrief…</p>;
  if (state.kind === 'none') {
    return (
      <>
        <h1>{noneHeading}</h1>
        <p>{state.why === undefined ? 'There is no finished playthrough of this scenario kept in this browser.' : setAsideNotice(state.why, state.movedTo)} <a href={hrefOf({ page: 'library' })}>Back to the scenarios</a>.</p>
      </>
    );
  }
  if (whatIf) {
    return <Session playable={state.playable} mode={state.mode} snapshot={whatIf.snapshot} startedAt={whatIf.startedAt} persist paused={paused} addresses={addresses} whatIf onBackToDebrief={() => setWhatIf(undefined)} />;
  }
  const { playable, played } = state;
  return (
    <Debrief
      scenario={playable.scenario}
      debrief={state.debrief}
      mode={state.mode}
      recorded
      whatIf={false}
      readingPlace="kept"
      // As at the end of a playthrough: the new one's first moment has focus, and starting again is said.
      onTryAgain={() => goStartAgain({ page: 'play', id, mode: state.mode })}
      onWhatIf={(decision) => {
        const snapshot = whatIfFrom(playable.scenario, played, decision);
        if (!snapshot) return;
        fromWhatIf.current = decision;
        setWhatIf({ snapshot, startedAt: new Date().toISOString() });
      }}
    />
  );
}
