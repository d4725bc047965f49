import type { ReactNode } from 'react';
import { leftWhereItWas } from '../../machines/light.js';
import { hrefOf } from '../routing.js';
import { COPY_LISTED, ROOM_SHOWN } from '../storage-words.js';

/**
 * Where My records shows a value set aside (a save, a presenter session, a last debrief), said after
 * the line that says it was set aside: moved to a copy, My records lists the copy under "Room in this
 * browser" (with its size, to download or remove); left where it was (the storage full, no room for
 * a copy), My records shows there what takes the room. "My records" is a link, as the app's other
 * pointers to a page are.
 */
export function SetAsideWhere({ movedTo }: { movedTo: string }) {
  const records = <a href={hrefOf({ page: 'records' })}>My records</a>;
  return leftWhereItWas(movedTo)
    ? <span>{records} {ROOM_SHOWN}.</span>
    : <span>{records} {COPY_LISTED}.</span>;
}

/** A line saying a value was set aside (`movedTo`: where), then where My records shows it; the line alone when nothing was set aside. */
export function setAsideNotice(line: string, movedTo: string | undefined): ReactNode {
  return movedTo === undefined ? line : <>{line} <SetAsideWhere movedTo={movedTo} /></>;
}

/**
 * A notice in words (the records', recordsNotice) with "My records" made a link to it, as
 * SetAsideWhere's is: the text is shown as text, only the page's name becomes a link.
 */
export function linkingRecords(text: string): ReactNode {
  const parts = text.split('My records');
  return parts.flatMap((part, i) => (i === 0 ? [part] : [<a key={i} href={hrefOf({ page: 'records' })}>My records</a>, part]));
}
