import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { facilitationKey } from '../../src/machines/index.js';
import { stateDir } from '../../src/terminal/state.js';
import { columnsOf } from '../../src/terminal/wrap.js';
import { runPiped } from './helpers/cli.js';
import { newPhone, SCENARIOS, tempEnv } from './helpers/ink.js';
import { NEW_PHONE_SAVE } from './helpers/slots.js';

const NEW_PHONE = join(SCENARIOS, 'new-phone.json');

/** A run of the program in this process, stderr taken for a terminal `columns` wide (or, without, a pipe). */
async function run(argv: string[], env: NodeJS.ProcessEnv, columns?: number) {
  const saved = { isTTY: process.stderr.isTTY, columns: process.stderr.columns };
  if (columns !== undefined) Object.assign(process.stderr, { isTTY: true, columns });
  try {
    return await runPiped(argv, '', { HOME: dirname(env.XDG_STATE_HOME as string), CASA_PRACTICE_SEED: '1', ...env });
  } finally {
    Object.assign(process.stderr, saved);
  }
}

/** The same situation made twice, in two state folders: stderr on a 60-column terminal, and piped. */
async function bothWays(argv: string[], make: (env: NodeJS.ProcessEnv) => void) {
  const [tty, piped] = [tempEnv(), tempEnv()];
  make(tty);
  make(piped);
  const onTerminal = (await run(argv, tty, 60)).err;
  const inPipe = (await run(argv, piped)).err;
  // The folders differ in name: compared with each one's own put as the same; and the two runs may
  // fall in different seconds, so a file moved aside has its time stamp put as the same too (the
  // fresh-clone CI once saw …damaged-2026-12-07T05-17-30 beside …T05-17-29).
  return { onTerminal, inPipe, same: (text: string, env: 'tty' | 'piped') => text.split(stateDir(env === 'tty' ? tty : piped)).join('<state>').replace(/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d/g, '<time>') };
}

/**
 * Fails unless what was said on the terminal is what was said in the pipe, broken only between words
 * (at a space), every row 60 columns or fewer but a path alone on its row (a word with no space in it),
 * and the pipe had a line longer than that (which the terminal broke mid-word).
 */
function wrappedBetweenWords({ onTerminal, inPipe, same }: Awaited<ReturnType<typeof bothWays>>, says: RegExp) {
  expect(inPipe, inPipe).toMatch(says);
  expect(Math.max(...inPipe.split('\n').map(columnsOf)), inPipe).toBeGreaterThan(60);
  expect(same(onTerminal, 'tty').replace(/\n/g, ' ')).toBe(same(inPipe, 'piped').replace(/\n/g, ' '));
  for (const row of onTerminal.split('\n')) if (columnsOf(row) > 60) expect(row, onTerminal).toMatch(/^\S+$/);
}

// Walked in tmux (term2-49, 60 columns): line by line, what goes to stderr was one long line each,
// which the terminal broke mid-word ("it i" / "s now version 29", "no" / "thing was deleted", "yo" /
// "u no longer need it"). The unwritable state folder's line at start was wrapped (term-49); these not.
describe('line by line, stderr on a terminal is wrapped between words; piped, as it was', () => {
  it('resume --plain, a save that cannot carry on', async () => {
    const said = await bothWays(['resume', '--plain'], (env) => {
      const saves = join(stateDir(env), 'saves');
      mkdirSync(saves, { recursive: true });
      writeFileSync(join(saves, 'youth-discloses.json'), JSON.stringify({ format: 'casa-practice-terminal-save', formatVersion: 1, scenarioFile: '/gone.json', session: { scenarioId: 'youth-discloses', scenarioVersion: 1 } }));
    });
    wrappedBetweenWords(said, /^casa-practice: Could not resume: the scenario file \/gone\.json was moved or deleted, so this save cannot carry on\./);
  });

  it('play <file> --plain, its save waiting damaged', async () => {
    const said = await bothWays(['play', NEW_PHONE, '--plain'], (env) => {
      const saves = join(stateDir(env), 'saves');
      mkdirSync(saves, { recursive: true });
      writeFileSync(join(saves, NEW_PHONE_SAVE), JSON.stringify({ format: 'casa-practice-terminal-save', formatVersion: 1 }));
    });
    wrappedBetweenWords(said, /^casa-practice: Your saved progress in this scenario could not be used: the saved progress is damaged/);
  });

  it('play <file> --plain --facilitate, a trainer-led session kept damaged', async () => {
    const said = await bothWays(['play', NEW_PHONE, '--plain', '--facilitate'], (env) => {
      const file = join(stateDir(env), facilitationKey(newPhone()));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, '{"format": "casa-practice-facilitation", "formatVersion": 1}');
    });
    wrappedBetweenWords(said, /^casa-practice: Could not resume: the saved trainer-led session is damaged/);
  });
});
