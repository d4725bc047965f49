import { useEffect, useState } from 'react';
import { readKeptDebrief, type Debrief as DebriefData, type Scenario, type SessionMode } from '../../machines/index.js';
import { Debrief } from '../components/Debrief.js';
import { go, hrefOf } from '../routing.js';
import { bundledById } from '../scenarios.js';
import { useStore } from '../store.js';
import { useTitle } from '../title.js';

type State =
  | { kind: 'loading' }
  | { kind: 'none'; why?: string }
  | { kind: 'ready'; scenario: Scenario; debrief: DebriefData; mode: SessionMode };

/**
 * The last debrief of a bundled scenario, kept when it was finished, opened again (the tab closed at
 * the debrief, a phone reloading the page): replayed from its replies by the core, as the terminal's
 * picker opens it. Read only: nothing is added to the records, and there is no what-if (the replies
 * are not kept here).
 */
export default function KeptDebrief({ id }: { id: string }) {
  const store = useStore();
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    void bundledById(id).then(({ loaded }) => {
      if (!live) return;
      if (!loaded?.ok) return setState({ kind: 'none' });
      const kept = readKeptDebrief(store, loaded.playable);
      if (!kept) return setState({ kind: 'none' });
      if (!kept.ok) return setState({ kind: 'none', why: kept.error });
      setState({ kind: 'ready', scenario: loaded.playable.scenario, debrief: kept.debrief, mode: kept.mode });
    });
    return () => {
      live = false;
    };
  }, [id, store]);
  // A debrief that is kept but cannot be shown is not "no debrief kept".
  const noneHeading = state.kind === 'none' && state.why !== undefined ? 'The last debrief cannot be shown' : 'No debrief kept';
  useTitle(state.kind === 'ready' ? `Debrief: ${state.scenario.title}` : state.kind === 'none' ? noneHeading : undefined);
  // Focus on the debrief's heading once it is there, as at the end of a playthrough.
  useEffect(() => {
    if (state.kind === 'ready') document.getElementById('debrief-heading')?.focus();
  }, [state.kind]);
  if (state.kind === 'loading') return <p role="status">Opening the debrief…</p>;
  if (state.kind === 'none') {
    return (
      <>
        <h1>{noneHeading}</h1>
        <p>{state.why ?? 'There is no finished playthrough of this scenario kept in this browser.'} <a href={hrefOf({ page: 'library' })}>Back to the scenarios</a>.</p>
      </>
    );
  }
  return (
    <Debrief
      scenario={state.scenario}
      debrief={state.debrief}
      mode={state.mode}
      recorded
      whatIf={false}
      onTryAgain={() => go({ page: 'play', id, mode: state.mode })}
    />
  );
}
