import { describe, expect, it } from 'vitest';
import { ROOM_MARKS_PLAIN } from '../../src/terminal/plain.js';
import { runPiped } from './helpers/cli.js';
import { tempEnv } from './helpers/ink.js';

// Walked in tmux (term-59): `--facilitate` line by line (piped, --plain, TERM=dumb) listed the
// scenarios with no word of a trainer-led session kept, where the full-screen picker marks "(in
// progress)" and "(finished)". Line by line, opening one carries it on (or prints its debrief)
// without asking, so a trainer who picked a scenario for a new session found last week's votes.

const list = (out: string) => out.slice(out.indexOf('Scenarios:'), out.indexOf('Scenario number'));
const entry = (out: string, title: string) => list(out).split('\n').find((line) => line.includes(title)) ?? '';

describe('line by line, the list for a trainer-led session marks a session kept', () => {
  it('"(in progress)" once a session is stopped, "(finished)" once it ended, with what opening it does', async () => {
    const env = tempEnv();
    const fresh = await runPiped(['--facilitate', '--plain'], 'q\n', env);
    expect(entry(fresh.out, 'A text from her “cousin”')).toMatch(/^ {2}\d+\. A text from her “cousin” \(about/);
    expect(fresh.out).not.toContain(ROOM_MARKS_PLAIN);

    // Stopped at decision 1 with votes in: kept.
    await runPiped(['--facilitate', 'trafficker-contact', '--plain'], '3 12 2 0\nq\n', env);
    const stopped = await runPiped(['--facilitate', '--plain'], 'q\n', env);
    expect(entry(stopped.out, 'A text from her “cousin”')).toContain('A text from her “cousin” (in progress) (about');
    expect(entry(stopped.out, 'After Jazz goes back')).not.toContain('(in progress)');
    expect(stopped.out.replace(/\s+/g, ' ')).toContain(ROOM_MARKS_PLAIN);

    // A volunteer's list (practice) is not marked by the trainer's session.
    const practice = await runPiped(['--plain'], 'q\n', env);
    expect(entry(practice.out, 'A text from her “cousin”')).not.toContain('(in progress)');
    expect(practice.out.replace(/\s+/g, ' ')).not.toContain(ROOM_MARKS_PLAIN);

    // Carried on to its ending (each decision: a vote, the reveal, the branch): finished.
    await runPiped(['--facilitate', 'trafficker-contact', '--plain'], `${Array(40).fill('1 0 0 0\nr\n1').join('\n')}\n`, env);
    const finished = await runPiped(['--facilitate', '--plain'], 'q\n', env);
    expect(entry(finished.out, 'A text from her “cousin”')).toContain('A text from her “cousin” (finished) (about');
    expect(finished.out.replace(/\s+/g, ' ')).toContain(ROOM_MARKS_PLAIN);
  });
});
