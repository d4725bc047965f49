/**
 * Typed arrays an exploration's tables outgrew, kept for the tables that grow next. An
 * exploration's tables take a few bytes per state, and fresh memory is not free: each page is
 * faulted in and zeroed on first write, which on some systems costs more than the work done in it.
 * Arrays given back are kept (up to KEEP_BYTES in all) and handed out again; they are not cleared,
 * so every user writes before it reads. The tables an exploration ends with are never given back:
 * it keeps them, to write out its playthroughs when they are first read.
 */

/** At most this much memory is kept between explorations. */
const KEEP_BYTES = 64 * 1024 * 1024;

type Kind = Int32ArrayConstructor | Uint8ArrayConstructor;
const kept = new Map<Kind, (Int32Array | Uint8Array)[]>();
let keptBytes = 0;

function takeOf<T extends Int32Array | Uint8Array>(kind: Kind, length: number): T {
  const list = kept.get(kind);
  let best = -1;
  if (list) {
    for (let i = 0; i < list.length; i++) {
      const n = (list[i] as T).length;
      if (n >= length && (best < 0 || n < (list[best] as T).length)) best = i;
    }
  }
  if (best < 0) return new kind(length) as T;
  const found = (list as T[])[best] as T;
  (list as T[]).splice(best, 1);
  keptBytes -= found.byteLength;
  return found;
}

/** An Int32Array of at least `length` entries (its contents are left over: write before reading). */
export function takeInts(length: number): Int32Array {
  return takeOf<Int32Array>(Int32Array, length);
}

/** A Uint8Array of at least `length` entries (its contents are left over: write before reading). */
export function takeBytes(length: number): Uint8Array {
  return takeOf<Uint8Array>(Uint8Array, length);
}

/** Gives an array back for later explorations (dropped when too much is kept already). */
export function giveBack(array: Int32Array | Uint8Array): void {
  if (keptBytes + array.byteLength > KEEP_BYTES) return;
  const kind: Kind = array instanceof Int32Array ? Int32Array : Uint8Array;
  let list = kept.get(kind);
  if (!list) kept.set(kind, (list = []));
  list.push(array);
  keptBytes += array.byteLength;
}
