import { Box, Text, type Key } from 'ink';
import { useRef, useState } from 'react';
import { agoWords, repliesMadeWords, cleanText, missingFileWords, quoteValue, saveSummary, type MissingFile, type ResumeResult } from '../../machines/index.js';
import { actionOf, numberKeys, type Hint } from '../keys.js';
import { commandName } from '../invocation.js';
import { lookFor, matchLabel, tryFile, type FolderMatch, type LookResult } from '../locate.js';
import { stateStore } from '../saves.js';
import { commandRows } from '../wrap.js';
import { useApp } from './AppContext.js';
import { KeyHints } from './KeyHints.js';
import { Paragraph } from './Paragraph.js';
import { useTheme } from './ThemeContext.js';
import { useTyping } from './useKeys.js';
import { useScreenSize } from './useScreenSize.js';

/** Props of LocateScreen. */
export interface LocateScreenProps {
  /** The save whose trainer file is not where it says. */
  missing: MissingFile;
  /** The save resumed from the file's new place (the save now names it). */
  onResumed: (found: Extract<ResumeResult, { kind: 'ok' }>) => void;
  /** Back to the scenarios, nothing changed. */
  onBack: () => void;
  /** Leaves the app (Ctrl-C). */
  onQuit: (interrupted: boolean) => void;
}

/** The longest path taken (a paste of anything longer is cut there). */
const MAX_TYPED = 4096;

const TYPING_HINTS: Hint[] = [['Enter', 'look'], ['Ctrl-U', 'clear'], ['Esc', 'back to the scenarios']];

/**
 * A save's trainer file moved: type or paste its new path, or a folder to look in (its files with
 * the save's scenario id are listed to choose from). The file is validated, and the save resumes
 * from it when it is the same scenario and version; otherwise it says what the file is, and the
 * save stays as it was. Esc (or q with nothing typed) goes back to the scenarios.
 */
export function LocateScreen({ missing, onResumed, onBack, onQuit }: LocateScreenProps) {
  const app = useApp();
  const theme = useTheme();
  const { columns, rows } = useScreenSize();
  const [typed, setTyped] = useState('');
  const [said, setSaid] = useState<{ message: string; problem?: string }>();
  const [listing, setListing] = useState<{ folder: string; files: FolderMatch[] }>();
  const [selected, setSelected] = useState(0);
  // Once the save resumes, the app opens it; keys meanwhile change nothing here.
  const done = useRef(false);
  const [summary] = useState(() => saveSummary(stateStore(app.env), missing.key));

  const show = (look: LookResult) => {
    if (look.kind === 'resumed') {
      done.current = true;
      onResumed(look.found);
    } else if (look.kind === 'folder') {
      setListing({ folder: look.folder, files: look.files });
      // The first file of the save's version is highlighted.
      setSelected(Math.max(0, look.files.findIndex((m) => m.fits)));
      setSaid(undefined);
    } else {
      // The first problem, as validate prints it; the rest are one command away.
      setSaid({ message: look.message, problem: look.problems?.split('\n')[0] });
    }
  };
  const open = (match: FolderMatch | undefined) => {
    if (match) show(tryFile(missing, match.file, app.env));
  };

  useTyping((input: string, key: Key) => {
    if (done.current) return;
    const action = actionOf(input, key);
    if (action?.type === 'interrupt') return onQuit(true);
    if (listing) {
      if (key.escape || input === 'b' || input === 'q') {
        setListing(undefined);
        setSaid(undefined);
      } else if (action?.type === 'up') setSelected((s) => (s + listing.files.length - 1) % listing.files.length);
      else if (action?.type === 'down') setSelected((s) => (s + 1) % listing.files.length);
      else if (action?.type === 'number') open(listing.files[action.n - 1]);
      else if (key.return) open(listing.files[selected]);
      return;
    }
    if (key.escape || (input === 'q' && typed === '')) return onBack();
    if (key.return) return show(lookFor(missing, typed, app.env));
    // What was said about the path tried last goes once the path is changed: it is not about this one.
    const edit = (change: (t: string) => string) => {
      setSaid(undefined);
      setTyped(change);
    };
    if (key.backspace || key.delete) return edit((t) => [...t].slice(0, -1).join(''));
    if (key.ctrl && input === 'u') return edit(() => '');
    // Text only: a control or invisible character never reaches the path or the screen.
    if (input === '' || key.ctrl || key.meta || cleanText(input) !== input) return;
    edit((t) => (t.length + input.length > MAX_TYPED ? t : t + input));
  });

  // What was said, its command (validate's, for a file with errors) on rows of its own, continued
  // where it is longer than a row: a word-wrapped Paragraph broke it at any space.
  const saidRows = (message: string) => message.split('\n').flatMap((line) => commandRows(line, columns, `${commandName(app.env)} `)).map((row, i) => <Paragraph key={i} color={theme.warn} width={columns}>{row}</Paragraph>);
  const saved = summary ? ` Your save has ${repliesMadeWords(summary)} (saved ${agoWords(summary.savedAt)}).` : '';
  if (listing) {
    const { files } = listing;
    const room = Math.max(3, rows - 12);
    const first = Math.max(0, Math.min(selected - Math.floor(room / 2), files.length - room));
    return (
      <Box flexDirection="column">
        <Paragraph bold width={columns}>Find the scenario file</Paragraph>
        <Paragraph width={columns}>{`Scenario files in ${quoteValue(listing.folder, 160)} with the id ${quoteValue(missing.id)}:`}</Paragraph>
        <Box flexDirection="column" marginTop={1}>
          {files.slice(first, first + room).map((m, k) => {
            const i = first + k;
            const on = i === selected;
            return (
              <Box key={m.file}>
                <Box width={6} flexShrink={0}>
                  <Text color={on ? theme.accent : undefined} bold={on}>{on ? '›' : ' '} {String(i + 1).padStart(2)}.</Text>
                </Box>
                <Box flexGrow={1} flexShrink={1}>
                  <Paragraph color={on ? theme.accent : undefined} bold={on}>{matchLabel(m, missing)}</Paragraph>
                </Box>
              </Box>
            );
          })}
        </Box>
        {said && <Box marginTop={1} flexDirection="column">{saidRows(said.message)}</Box>}
        <KeyHints set={[[`↑↓ or ${numberKeys(files.length)} Enter`, 'open'], ['Esc', 'another path']]} width={columns} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Paragraph bold width={columns}>Find the scenario file</Paragraph>
      <Paragraph width={columns}>{`${missingFileWords(missing)}${saved} Type or paste its new path, or a folder to look in.`}</Paragraph>
      <Box marginTop={1}>
        <Paragraph width={columns}>{`Path: ${typed}▏`}</Paragraph>
      </Box>
      {said && (
        <Box marginTop={1} flexDirection="column">
          {saidRows(said.message)}
          {said.problem && <Paragraph color={theme.muted} width={columns}>{said.problem}</Paragraph>}
        </Box>
      )}
      <KeyHints set={TYPING_HINTS} width={columns} />
    </Box>
  );
}
