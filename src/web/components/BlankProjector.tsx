import { useSingleKeys } from '../clicker.js';
import type { ProjectorBlank } from '../projector.js';
import { Announce } from './Announce.js';

/**
 * Beside "Open a projector window": blanks the projector (the room sees a dark screen: a break, a
 * moment that needs the room's attention on the trainer, a question not for the screen) and shows
 * it again. B or . does the same, in this window or the projector window (a clicker's blank-screen
 * button sends one of them), unless the trainer turned the single-key shortcuts off.
 */
export function BlankButton({ blank }: { blank: ProjectorBlank }) {
  const keys = useSingleKeys();
  return <button type="button" aria-pressed={blank.on} aria-keyshortcuts={keys ? 'B .' : undefined} onClick={blank.toggle}>Blank the projector</button>;
}

/** While the projector is blank: said on the trainer's page (a polite status), with how to show it again. */
export function BlankNotice({ blank }: { blank: ProjectorBlank }) {
  const keys = useSingleKeys();
  return blank.on ? <Announce className="notice no-print">The projector shows a blank screen. {keys ? 'Press B or . (or “Blank the projector” again)' : 'Press “Blank the projector” again'} to show the session to the room.</Announce> : null;
}
