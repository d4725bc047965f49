import { missingFileWords, quoteValue, type MissingFile, type ResumeResult } from '../machines/index.js';
import { lookFor, matchLabel, tryFile, type FolderMatch } from './locate.js';
import { commandName } from './invocation.js';
import { sayer, widthNow, type LineModeOptions } from './plain.js';
import { fitReport, wrapWords } from './wrap.js';

/**
 * Line by line, the save's trainer file moved: asks for its new path (or a folder to look in) until
 * the save's scenario is found, or Enter, q or the end of input goes back. Returns the save resumed
 * from the file's new place (the save now names it), or undefined to go back with nothing changed.
 */
export async function locatePlain(missing: MissingFile, opts: Pick<LineModeOptions, 'io' | 'width' | 'readLine' | 'env'>): Promise<Extract<ResumeResult, { kind: 'ok' }> | undefined> {
  const say = sayer(opts.io, opts.width);
  say(`${missingFileWords(missing)} Type its new path (or a folder to look in), or press Enter to go back:`);
  let listed: FolderMatch[] = [];
  for (;;) {
    const line = await opts.readLine();
    const typed = line?.trim() ?? '';
    if (line === undefined || typed === '' || typed.toLowerCase() === 'q') return undefined;
    const pick = /^\d+$/.test(typed) ? listed[Number(typed) - 1] : undefined;
    const look = pick ? tryFile(missing, pick.file, opts.env) : lookFor(missing, typed, opts.env);
    if (look.kind === 'resumed') {
      // Not wrapped: a path broken across lines cannot be copied.
      opts.io.out(`Found it: the save now names ${quoteValue(look.found.playable.file, 160)}.\n`);
      return look.found;
    }
    if (look.kind === 'folder') {
      listed = look.files;
      say(`Scenario files in ${quoteValue(look.folder, 160)} with the id ${quoteValue(missing.id)}:`);
      look.files.forEach((m, i) => say(`  ${i + 1}. ${matchLabel(m, missing)}`, '     '));
      say('Type a number, another path, or press Enter to go back:');
      continue;
    }
    // Its command (validate's, for a file with errors) is kept whole, continued where it is longer than a line.
    opts.io.out(`${wrapWords(look.message, widthNow(opts.width), `${commandName(opts.env)} `)}\n`);
    // The file's problems laid out as validate lays them out on a terminal: between words, a long path whole.
    if (look.problems) opts.io.out(`${fitReport(look.problems, widthNow(opts.width))}\n`);
    say(`Type ${listed.length > 0 ? 'a number, ' : ''}another path, or press Enter to go back:`);
  }
}
