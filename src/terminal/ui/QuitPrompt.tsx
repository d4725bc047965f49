import { Box } from 'ink';
import { repliesMadeWords, type RunOrigin, type SaveSummary } from '../../machines/light.js';
import { command, commandName } from '../invocation.js';
import { stateStore } from '../node/state-store.js';
import { keptSaveWords } from '../saves.js';
import { commandRows, inkRows } from '../wrap.js';
import { useApp } from './AppContext.js';
import { KeyHints } from './KeyHints.js';
import { Paragraph } from './Paragraph.js';

/**
 * Rows the quit prompt (a box of three rows, no blank row inside: with one it took a row more than
 * the screens left for it, and the top row scrolled off) takes beyond the help line it replaces.
 */
export const QUIT_PROMPT_EXTRA = 4;

/** The save of this scenario still in the state folder from before (see saveKeptOnDisk). */
export type KeptSave = { summary: SaveSummary; latest: boolean } | undefined;

/**
 * What quitting does where progress cannot be saved, exactly: this playthrough is lost either way;
 * a save of the scenario from before stays as it was, and the next run opens that one (`resume`
 * when it is the newest save, otherwise opening the scenario again). It said "will be lost" alone,
 * as though nothing of this scenario were kept.
 */
export function unsavedQuitWords(kept: KeptSave, env: NodeJS.ProcessEnv, why?: string): string {
  // `why`: the save at "save and quit" was refused (quitRetryWords), said in place of "cannot be saved".
  const lost = why ?? 'This playthrough cannot be saved and will be lost.';
  const older = keptSaveWords(kept, env);
  return older ? `${lost} ${older}` : lost;
}

/**
 * What quitting does where it saves nothing new: the run started over and has made no reply yet, or
 * made replies and undid them all (`undone`: it said "made no reply yet" there too) (or,
 * begun anew, got no further than the save of this scenario another window wrote meanwhile), so the
 * save in its slot (`kept`: the core's saveKeptInstead) stays as it was; `latest` when it is the one
 * `resume` opens (the newest save of any scenario). The prompt asked "Save your progress and quit?"
 * there, though nothing was saved (the words on leaving said the earlier save was kept).
 */
export function nothingNewQuitWords(kept: SaveSummary, origin: RunOrigin, latest: boolean, env: NodeJS.ProcessEnv, undone = false): string {
  const why = origin === 'started-over'
    ? `Nothing new to save: you started over and ${undone ? 'undid every reply you made' : 'made no reply yet'}. Your earlier save (${repliesMadeWords(kept)}) is kept.`
    : `Nothing new to save: this run got no further than your save (${repliesMadeWords(kept)}), which is kept.`;
  // The command ends the words, so that it can be copied whole (see keptSaveWords).
  return latest ? `${why} Continue it with: ${command('resume', env)}` : `${why} Opening this scenario again offers it.`;
}

/** How q's question begins where no reply was made or undone in this run (noReplyQuitWords). */
export const NO_REPLY_QUIT = 'Nothing new to save: no reply made in this run.';

/**
 * What quitting does where no reply was made or undone in this run: nothing is written, as at Ctrl-C
 * (the saves' noReplyEndWords), and a save this run continued (`kept`, with `latest` when it is the
 * one `resume` opens) stays as it was. It asked "Save your progress and quit?" and y wrote a save:
 * a scenario just opened became the newest save, so `resume` and the picker's R opened it rather
 * than the playthrough really in progress; a save resumed and quit at once was made the newest.
 */
export function noReplyQuitWords(kept: SaveSummary | undefined, latest: boolean, env: NodeJS.ProcessEnv): string {
  if (kept === undefined) return NO_REPLY_QUIT;
  const why = `${NO_REPLY_QUIT} Your save (${repliesMadeWords(kept)}) is kept as it was.`;
  return latest ? `${why} Continue it with: ${command('resume', env)}` : `${why} Opening this scenario again offers it.`;
}

/**
 * "Continue later with: <command>" as the quit prompt draws it, a row each, inside the box's border
 * and padding (`inner` columns): the command on rows of its own where it does not fit after the
 * words, broken only between its words with shell line continuations (commandRows), so that it
 * runs when pasted into a shell. Ink wrapped it at any space ("…with: node" above the path), and
 * the rows pasted ran `node` alone.
 */
function continueRows(env: NodeJS.ProcessEnv, inner: number): string[] {
  return commandRows(`Continue later with: ${command('resume', env)}`, inner, `${commandName(env)} `);
}

/** The rows the quit prompt takes beyond the help line it replaces, at this width (`words`: unsavedQuitWords, where progress cannot be saved; nothingNewQuitWords, where quitting saves nothing new). */
export function quitPromptExtra(words: string | undefined, columns: number, env: NodeJS.ProcessEnv): number {
  // The box's border and padding take 4 columns.
  const inner = Math.max(1, columns - 4);
  if (words !== undefined) return QUIT_PROMPT_EXTRA - 1 + commandRows(words, inner, `${commandName(env)} `).reduce((n, row) => n + inkRows(row, inner), 0);
  return QUIT_PROMPT_EXTRA - 1 + continueRows(env, inner).reduce((n, row) => n + inkRows(row, inner), 0);
}

/**
 * Asks before quitting a playthrough; the keys are handled by the screen that shows it. When the
 * state folder cannot be written it says that quitting loses the playthrough, and what is kept
 * (`unsaved`: unsavedQuitWords), rather than promising a save and a resume that cannot happen;
 * `retry` where the words say why the save at "save and quit" was refused and that y saves once
 * that is fixed (y is then "quit", not "quit without saving").
 */
export function QuitPrompt({ unsaved, kept, columns, retry = false }: { unsaved?: string; kept?: string; columns: number; retry?: boolean }) {
  const { env } = useApp();
  const inner = Math.max(1, columns - 4);
  // (Not when only the records file refused: the playthrough's save is taken.)
  if (unsaved !== undefined && stateStore(env).savingFailure()) {
    return (
      <Box flexDirection="column" borderStyle="round" paddingX={1}>
        <Paragraph bold>Quit without saving?</Paragraph>
        {/* Its rows are counted by quitPromptExtra, which the screens leave room for. */}
        {/* A command that ends them (resume, for a save kept from before) on rows of its own. */}
        {commandRows(unsaved, Math.max(1, columns - 4), `${commandName(env)} `).map((row, i) => <Paragraph key={i} width={Math.max(1, columns - 4)}>{row}</Paragraph>)}
        {/* `retry`: the words say that y saves once the folder is fixed (it tries the save again). */}
        <KeyHints set={[['y', retry ? 'quit' : 'quit without saving'], ['n', 'keep going']]} spaced={false} />
      </Box>
    );
  }
  // Nothing new to save (`kept`: nothingNewQuitWords, or the core's NEWER_SAVE_QUIT beside a newer
  // version's save): asked as a quit, saying what stays.
  if (kept !== undefined) {
    return (
      <Box flexDirection="column" borderStyle="round" paddingX={1}>
        <Paragraph bold>Quit?</Paragraph>
        {/* Its rows are counted by quitPromptExtra, as the words of a quit without saving are. */}
        {commandRows(kept, inner, `${commandName(env)} `).map((row, i) => <Paragraph key={i} width={inner}>{row}</Paragraph>)}
        <KeyHints set={[['y', 'quit'], ['n', 'keep going']]} spaced={false} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Paragraph bold>Save your progress and quit?</Paragraph>
      {/* Its rows are counted by quitPromptExtra. */}
      {continueRows(env, Math.max(1, columns - 4)).map((row, i) => <Paragraph key={i} width={Math.max(1, columns - 4)}>{row}</Paragraph>)}
      <KeyHints set="quit" spaced={false} />
    </Box>
  );
}
