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
