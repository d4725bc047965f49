import stringWidth from 'string-width';

/**
 * A path `max` columns or fewer, shortened in the middle where it is longer: its first folders and
 * its last names kept, "…" for those between ("/tmp/afile/…/segment199/casa-practice"). Whole where
 * it fits. For a screen that has to keep its question and keys in view: a state folder's path of
 * some 2,200 characters took every row of the quit prompt at 60×24, and "Quit without saving?"
 * scrolled off the top.
 */
export function middlePath(path: string, max: number): string {
  if (stringWidth(path) <= max) return path;
  const parts = path.split('/');
  const tail: string[] = [parts[parts.length - 1] ?? ''];
  // The last names, up to half the room (at least the last one).
  for (let i = parts.length - 2; i > 0 && stringWidth([parts[i], ...tail].join('/')) <= max / 2; i--) tail.unshift(parts[i] as string);
  const head: string[] = [parts[0] ?? ''];
  for (let i = 1; i < parts.length - tail.length && stringWidth(`${[...head, parts[i]].join('/')}/…/${tail.join('/')}`) <= max; i++) head.push(parts[i] as string);
  return `${head.join('/')}/…/${tail.join('/')}`;
}

/**
 * `text` with each path in it longer than `max` columns (a word that begins with "/" or "~/", in
 * quotes or not, without the punctuation after it) shortened in the middle (middlePath).
 */
export function withLongPathsShortened(text: string, max: number): string {
  return text.replace(/(^|\s)(["']?)((?:~|)\/[^\s"']+?)([.,;:)]*)(?=["']?(?:\s|$))/g, (all, before: string, quote: string, path: string, after: string) => (stringWidth(path) > max ? `${before}${quote}${middlePath(path, max)}${after}` : all));
}
