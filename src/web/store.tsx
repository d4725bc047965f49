import { createContext, useContext, useMemo, useSyncExternalStore } from 'react';
import type { Store } from '../machines/light.js';
import type { TabStorage } from './tab-draft.js';

/** The Store port the app keeps progress through: localStorage in the browser, memory in tests. */
export const StoreContext = createContext<Store | undefined>(undefined);

export function useStore(): Store {
  const store = useContext(StoreContext);
  if (!store) throw new Error('No store: wrap the app in <StoreContext value={…}>.');
  return store;
}

/**
 * The tab's own storage (sessionStorage in the browser: what a reload of the tab keeps, and no
 * other tab sees), for what the app keeps for the tab alone (tab-draft.ts); undefined where there is
 * none (storage refused, or a test that gives none).
 */
export const TabContext = createContext<TabStorage | undefined>(undefined);

export function useTab(): TabStorage | undefined {
  return useContext(TabContext);
}

/** A store that can say it could not write (the localStorage adapter does). */
interface ProblemSource {
  problem(): { message: string } | undefined;
  subscribe(listener: () => void): () => void;
}

const hasProblems = (s: Store): s is Store & ProblemSource => typeof (s as Partial<ProblemSource>).problem === 'function' && typeof (s as Partial<ProblemSource>).subscribe === 'function';
const NO_PROBLEMS: ProblemSource = { problem: () => undefined, subscribe: () => () => undefined };

/**
 * Why the store keeps what is written only until the tab is closed (storage refused or full), in
 * words, or undefined while it keeps it: the page's notice says it, and the words that promise
 * progress kept or records added say "in this tab" meanwhile.
 */
export function useStoreProblem(store: Store): string | undefined {
  const source = hasProblems(store) ? store : NO_PROBLEMS;
  const subscribe = useMemo(() => source.subscribe.bind(source), [source]);
  return useSyncExternalStore(subscribe, () => source.problem()?.message);
}
