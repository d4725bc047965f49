/* eslint-disable no-control-regex -- these patterns exist to strip terminal escapes */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioFilesIn } from '../../../src/terminal/scenario-files.js';
import { scenariosDir } from '../../../src/terminal/paths.js';

/** A frame as plain rows: no escapes, box-drawing borders turned into spaces (columns kept). */
export function rows(frame: string): string[] {
  return frame.replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((l) => l.replace(/[│╭╮╰╯─]/g, ' '));
}

/** Every prose string of the bundled scenarios (at least `minWords` words), to look for on screen. */
export function bundledProse(minWords = 8): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.split(/\s+/).length >= minWords && !v.includes('\n')) out.add(v.trim());
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const file of scenarioFilesIn(scenariosDir())) walk(JSON.parse(readFileSync(file, 'utf8')));
  return [...out];
}

/** The bundled scenarios folder. */
export const BUNDLED = scenariosDir();
export const bundledFile = (name: string) => join(BUNDLED, name);

/** Where one paragraph sits on screen: the column of its first word, and the indent of each following row. */
export interface Placement {
  row: number;
  firstColumn: number;
  continuationIndents: number[];
}

const words = (s: string) => s.split(/\s+/).filter(Boolean);
// The words of each paragraph looked for, split once (every frame is searched for every paragraph).
const split = new Map<string, string[]>();
const textWords = (text: string): string[] => {
  let w = split.get(text);
  if (!w) split.set(text, (w = words(text)));
  return w;
};
const indentOf = (s: string) => s.length - s.trimStart().length;

/**
 * Finds each place where `text` is drawn, word by word across wrapped rows (a row may hold other
 * words after the paragraph ends, e.g. " · votes: 3"). Returns where each placement starts and how
 * far each continuation row is indented.
 */
export function placements(frameRows: string[], text: string, joined = frameRows.join('\n')): Placement[] {
  const want = textWords(text);
  const first = want[0];
  // Every placement starts where a row holds the first word: none when the frame has it nowhere.
  if (!first || !joined.includes(first)) return [];
  const found: Placement[] = [];
  frameRows.forEach((row, r) => {
    for (let c = row.indexOf(first); c >= 0; c = row.indexOf(first, c + 1)) {
      let k = 0;
      const take = (line: string): boolean => {
        for (const w of words(line)) {
          if (k >= want.length) return true;
          const target = want[k] as string;
          // The paragraph's last word may carry the UI's closing quote or a suffix.
          if (w !== target && !(k === want.length - 1 && w.startsWith(target))) return false;
          k++;
        }
        return true;
      };
      if (!take(row.slice(c))) continue;
      const continuationIndents: number[] = [];
      let next = r + 1;
      while (k < want.length && next < frameRows.length) {
        const line = frameRows[next] as string;
        continuationIndents.push(indentOf(line));
        if (!take(line)) break;
        next++;
      }
      if (k >= want.length) found.push({ row: r, firstColumn: c, continuationIndents });
    }
  });
  return found;
}

/** Every bundled prose paragraph drawn in the frame over two or more rows, with its placement. */
export function wrappedParagraphs(frame: string, prose: string[]): { text: string; at: Placement }[] {
  const fr = rows(frame);
  const joined = fr.join('\n');
  return prose.flatMap((text) => placements(fr, text, joined).filter((p) => p.continuationIndents.length > 0).map((at) => ({ text, at })));
}
