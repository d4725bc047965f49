import { createContext, useContext } from 'react';
import type { Store } from '../machines/light.js';

/** The Store port the app keeps progress through: localStorage in the browser, memory in tests. */
export const StoreContext = createContext<Store | undefined>(undefined);

export function useStore(): Store {
  const store = useContext(StoreContext);
  if (!store) throw new Error('No store: wrap the app in <StoreContext value={…}>.');
  return store;
}
