import type { ReactNode } from 'react';
import { cleanLine } from '../../machines/light.js';

/** An id from the address as the page may show it: anyone can send a link, so no bidi override, invisible or control character, and no longer than an id can be. */
const shownId = (id: string): string => {
  const clean = cleanLine(id);
  return clean.length > 80 ? `${clean.slice(0, 79)}…` : clean;
};

/** Under "Scenario not found": which id was asked for (from the address, shown as text), and the way back. */
export function NoSuchScenario({ id, back }: { id: string; back: ReactNode }) {
  return <p>There is no scenario called “{shownId(id)}” here. {back}.</p>;
}
