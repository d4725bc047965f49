import { useState, type ReactNode } from 'react';

/**
 * A download said in the page, beside its button ("Graph downloaded: story.graph.svg."): without it
 * a screen reader heard nothing of the file, and a phone showed only the browser's own notice, if
 * any. `note` goes after the button's paragraph: a polite region always in the page (words that
 * arrive in a region already there are read out), a new paragraph each time, left off paper.
 * `say(words)` puts the words in it.
 */
export function useDownloadNote(): { note: ReactNode; say: (words: string) => void } {
  const [said, setSaid] = useState<{ words: string; n: number }>();
  const note = <div aria-live="polite" className="no-print">{said && <p key={said.n} className="notice">{said.words}</p>}</div>;
  return { note, say: (words) => setSaid((d) => ({ words, n: (d?.n ?? 0) + 1 })) };
}
