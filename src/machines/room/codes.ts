/**
 * Room codes and the presenter's secret: plain patterns, no zod, so a page's first frame (the app
 * deciding whether it was opened from a live room's address) can check them (exported by light.ts).
 */

/** Room codes: six characters without look-alikes (no 0/O, 1/I/L), easy to read off a projector. */
export const ROOM_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ROOM_CODE_LENGTH = 6;
export const ROOM_CODE = new RegExp(`^[${ROOM_CODE_ALPHABET}]{${ROOM_CODE_LENGTH}}$`);

/** Whether a string is a well-formed room code. */
export function isRoomCode(text: string): boolean {
  return ROOM_CODE.test(text);
}

/** The presenter's secret: 32 random bytes in base64url (43 characters) as the server makes it. */
export const TOKEN = /^[A-Za-z0-9_-]{32,128}$/;
