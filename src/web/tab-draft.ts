import { cleanLine } from '../machines/light.js';

/**
 * The trainer's own file last shown on the Preview page, kept for the tab (sessionStorage): a
 * trainer who reloaded the page, or opened Preview again from the navigation, lost the draft they
 * had opened and had to find it again. A copy of its bytes (as read, so a file that is not UTF-8 is
 * the validator's to say), its name and when it was checked; never the result, which is worked out
 * again from the bytes. The tab's own storage: gone when the tab is closed, never in another tab,
 * never sent. A handle to the file itself cannot be kept there, so after a reload "Check again"
 * opens the file window.
 */
export const TAB_DRAFT_KEY = 'casa-practice/preview-draft';

/** The largest file whose copy the tab keeps (the tab's storage holds about 5 MB in all; base64 takes a third more). */
export const MOST_TAB_DRAFT_BYTES = 2 * 1024 * 1024;

/** The tab's storage, as the page uses it (sessionStorage in the browser; given to App, so tests choose theirs). */
export type TabStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface TabDraft {
  name: string;
  /** When it was checked (local time, HH:MM:SS), as the page said it. */
  at: string;
  bytes: Uint8Array;
}

/** What the tab holds: a draft, nothing, or something that cannot be read as one (damaged, or from another version). */
export type TabDraftRead = { draft: TabDraft; damaged?: undefined } | { draft?: undefined; damaged?: boolean };

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The draft the tab keeps, read as untrusted (anything in the tab's storage may have been changed). */
export function readTabDraft(tab: TabStorage | undefined): TabDraftRead {
  let text: string | null;
  try {
    text = tab?.getItem(TAB_DRAFT_KEY) ?? null;
  } catch {
    return {};
  }
  if (text === null) return {};
  try {
    const kept = JSON.parse(text) as unknown;
    if (typeof kept !== 'object' || kept === null) return { damaged: true };
    const { v, name, at, bytes } = kept as Record<string, unknown>;
    if (v !== 1 || typeof name !== 'string' || typeof at !== 'string' || typeof bytes !== 'string') return { damaged: true };
    const shown = cleanLine(name);
    if (shown === '' || shown.length > 1000 || !/^(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(at)) return { damaged: true };
    return { draft: { name: shown, at, bytes: fromBase64(bytes) } };
  } catch {
    return { damaged: true };
  }
}

/** Keeps the draft for the tab: 'kept', or why not ('too-large' past MOST_TAB_DRAFT_BYTES, 'refused' by the browser: storage off or full). */
export function writeTabDraft(tab: TabStorage | undefined, draft: TabDraft): 'kept' | 'too-large' | 'refused' {
  if (!tab) return 'refused';
  if (draft.bytes.length > MOST_TAB_DRAFT_BYTES) {
    clearTabDraft(tab);
    return 'too-large';
  }
  try {
    tab.setItem(TAB_DRAFT_KEY, JSON.stringify({ v: 1, name: draft.name, at: draft.at, bytes: toBase64(draft.bytes) }));
    return 'kept';
  } catch {
    // Full: an older copy would be shown after a reload in its place.
    clearTabDraft(tab);
    return 'refused';
  }
}

export function clearTabDraft(tab: TabStorage | undefined): void {
  try {
    tab?.removeItem(TAB_DRAFT_KEY);
  } catch {
    // Nothing kept that can be reached.
  }
}
