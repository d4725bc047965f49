import { describe, expect, it } from 'vitest';
import { startingAt, startSession, type SessionMode } from '../../src/machines/index.js';
import { scenarioFilesIn } from '../../src/terminal/scenario-files.js';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { MIN_COLUMNS, MIN_ROWS } from '../../src/terminal/ui/useScreenSize.js';
import { renderAt, settle, tempEnv } from './helpers/ink.js';
import { BUNDLED, rows } from './helpers/layout.js';
import { playElement } from './helpers/play.js';

// An author's test (--from, --set, --preview) says so in the status line of every play screen
// ("practice · author's test, not recorded"), a row more at 60 columns (on a screen short of rows,
// the short status without the title says "· not recorded" where the whole does not fit its row). Every scene and decision of
// every bundled scenario, started there with --from (the longer of the two words) in practice and
// in assessment, still fits the smallest window the app accepts, and says it.
describe(`an author's test fits ${MIN_COLUMNS}×${MIN_ROWS} on every bundled scene and decision, and says so`, () => {
  const files = scenarioFilesIn(BUNDLED);
  it('checks every bundled scenario', () => expect(files.length).toBeGreaterThanOrEqual(6));

  it.each(files.flatMap((file) => (['practice', 'assessment'] as SessionMode[]).map((mode) => ({ file, mode, name: file.slice(BUNDLED.length + 1) }))))('$name in $mode', async ({ file, mode }) => {
    const playable = loadPlayable(file);
    if ('problems' in playable) throw new Error(playable.problems);
    const env = tempEnv();
    const problems: string[] = [];
    let r: Awaited<ReturnType<typeof renderAt>> | undefined;
    for (const node of playable.scenario.nodes) {
      if (node.kind === 'ending') continue;
      const moved = startingAt(playable.scenario, node.id);
      if (!moved.ok) throw new Error(moved.error);
      const element = playElement({ playable: { ...playable, scenario: moved.scenario, from: node.id }, actor: startSession(moved.scenario, mode), env, mode });
      if (r) {
        r.rerender(element);
        await settle(r);
      } else r = await renderAt(element, MIN_COLUMNS, MIN_ROWS);
      const frame = rows(r.lastFrame());
      // On the status's rows (its short form, on a screen short of rows, "… · not recorded" where the whole is too wide).
      if (!/author's test, not recorded|· not recorded/.test(frame.slice(0, 3).join('\n'))) problems.push(`"${node.id}": not said`);
      if (frame.length > MIN_ROWS - 1) problems.push(`"${node.id}": ${frame.length} rows`);
      for (const line of frame) if ([...line].length > MIN_COLUMNS) problems.push(`"${node.id}": a row of ${[...line].length} columns`);
    }
    r?.unmount();
    expect(problems).toEqual([]);
  });
});
