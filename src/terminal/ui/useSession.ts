import { useSyncExternalStore } from 'react';
import type { SessionActor } from '../session-actor.js';

/** The actor's current snapshot, re-rendering on every change. */
export function useSessionSnapshot(actor: SessionActor) {
  return useSyncExternalStore(
    (onChange) => {
      const sub = actor.subscribe({ next: onChange, error: onChange, complete: onChange });
      return () => sub.unsubscribe();
    },
    () => actor.getSnapshot(),
  );
}
