import { createContext, use } from 'react';

/**
 * Says a short piece of news once, in App's polite region (the one that says "Now showing: …"), a
 * new paragraph each time so the same words twice are said twice. For news a page has no region of
 * its own to say in, where one inserted with its words would not be said (see Announce): "Back in
 * your debrief." after a what-if. Outside App (a component rendered alone) it says nothing.
 */
export const SayContext = createContext<(text: string) => void>(() => {});

/** App's polite region's `say` (see SayContext). */
export const useSay = (): ((text: string) => void) => use(SayContext);
