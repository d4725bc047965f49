/**
 * Whether this page was opened from a live room's presenter address (`/?room=ABC234&token=…#/presenter/…`,
 * printed by `casa-practice room`). Light (no zod, no XState): the app's first frame reads it too,
 * to say truthfully where what the trainer does goes.
 */
import { isRoomCode, TOKEN } from '../machines/light.js';

/** The room code and secret from the presenter address. */
export interface RoomLink {
  room: string;
  token: string;
}

/** Reads `?room=ABC234&token=…` (location.search; a `#room=…&token=…` fragment works too); undefined when it is not a room link. */
export function roomLinkFrom(query: string): RoomLink | undefined {
  const params = new URLSearchParams(query.replace(/^[?#]/, ''));
  const room = params.get('room') ?? '';
  const token = params.get('token') ?? '';
  return isRoomCode(room) && TOKEN.test(token) ? { room, token } : undefined;
}

/**
 * Where this tab keeps the live room's link once the page has read it from the presenter address
 * (sessionStorage: this tab only, so a reload of the tab still presents; a tab duplicated copies it).
 */
export const ROOM_LINK_KEY = 'casa-practice/room-link';

/**
 * The live room this page presents, if any. The presenter address carries the room's secret: a
 * trainer who mirrors the laptop on the projector showed it to the room in the address bar, and
 * anyone holding it can act as presenter. So the first reading keeps room and token in this tab
 * (ROOM_LINK_KEY) and replaces the address with one without the token (the room code and the
 * #/presenter route kept, so a reload still opens the live room); later readings (App's first
 * frame and the presenter page, a reload) take the link kept in the tab for the room the address
 * names. Another tab at that address (no link kept there) has none. When the browser refuses
 * storage, the address keeps its token (a reload would otherwise lose the room).
 */
export function roomLinkHere(): RoomLink | undefined {
  const fromAddress = roomLinkFrom(location.search);
  if (fromAddress) {
    try {
      sessionStorage.setItem(ROOM_LINK_KEY, JSON.stringify(fromAddress));
    } catch {
      return fromAddress;
    }
    const params = new URLSearchParams(location.search);
    params.delete('token');
    history.replaceState(history.state, '', `${location.pathname}?${params.toString()}${location.hash}`);
    return fromAddress;
  }
  const room = roomNamedHere();
  if (room === undefined) return undefined;
  let kept: unknown;
  try {
    kept = JSON.parse(sessionStorage.getItem(ROOM_LINK_KEY) ?? 'null');
  } catch {
    return undefined;
  }
  // Read as untrusted: only a room code and a token of the right shape, for the room the address names.
  if (typeof kept !== 'object' || kept === null) return undefined;
  const { room: keptRoom, token } = kept as Record<string, unknown>;
  return keptRoom === room && typeof token === 'string' && TOKEN.test(token) ? { room, token } : undefined;
}

/** The room code the address names (`?room=ABC234`, with or without its token); undefined when none. */
export function roomNamedHere(): string | undefined {
  const room = new URLSearchParams(location.search).get('room') ?? '';
  return isRoomCode(room) ? room : undefined;
}
