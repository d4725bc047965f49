import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlayableScenario } from '../../src/terminal/scenario-source.js';
import { longReplies } from './helpers/long-replies.js';
import { appElement, KEY, press, renderAt, tempEnv } from './helpers/ink.js';

afterEach(() => cleanup());

const PG_DOWN = '\u001b[6~';
const lines = (frame: string) => frame.split('\n').map((l) => l.trimEnd());
/** The row that ends the scrolling window ("↓ n more below", or "(end)"). */
const windowEnd = (frame: string) => lines(frame).findIndex((l) => /more below \(PgDn\)$|\(end\)$/.test(l));
/** A screen's text with its row breaks and hanging indents taken out, to find a reply's words wherever they were wrapped. */
const flat = (frame: string) => frame.replace(/\s+/g, ' ');
/**
 * The end of the highlighted reply, `n`, when the window shows it whole from its pointer to its
 * last words (the replies are shown in an order of the session's own, so found by its pointer).
 */
const highlightedEnd = (frame: string, n: number) => new RegExp(`› ${n}\\. (?:(?! \\d\\. ).)*?(Reply \\d ends here\\.)`).exec(flat(frame))?.[1];

/** The-list's last decision with long replies (helpers/long-replies.ts): too tall beside the moment at 60×24 and 80×24, so the moment and the replies scroll together. */
const longPlayable = (): PlayableScenario => longReplies().playable;

/**
 * A state folder that cannot be written (a file where it goes): the quit question is longer, naming
 * where the summary goes instead (the folder the app was started in, PWD: a long one, so that the
 * question is three rows at 70 columns).
 */
function unwritableEnv(): NodeJS.ProcessEnv {
  const file = join(mkdtempSync(join(tmpdir(), 'casa-facilitate-')), 'state');
  writeFileSync(file, 'not a folder');
  return tempEnv({ XDG_STATE_HOME: file, PWD: mkdtempSync(join(tmpdir(), 'casa-facilitate-started-in-this-folder-')) });
}

describe('a trainer-led decision whose moment and replies scroll together, with the quit question open', () => {
  // 60 and 80 columns: the question is shorter than the help line, so the window grows while it is
  // open (at 60, q moved a window paged to its end, or onto a reply paged out of view, and n left it
  // there). 70 columns with a state folder that cannot be written: the whole question would be a row
  // taller than the help line, so it is asked in its short form.
  for (const [columns, why, env] of [[60, '', tempEnv], [80, '', tempEnv], [70, ', the state folder unwritable (the question in its short form)', unwritableEnv]] as const) {
    it(`${columns}×24${why}: the highlighted reply stays whole while q asks, and n brings the screen back exactly as it was`, async () => {
      const r = await renderAt(appElement({ env: env(), start: { kind: 'facilitate', playable: longPlayable() } }).element, columns, 24);
      await press(r, KEY.enter, '3');
      let shrank = false;
      for (let i = 1; i <= 4; i++) {
        if (i > 1) await press(r, KEY.down);
        // As ↓ left the window (the reply brought into it whole), then paged on past it.
        for (const paged of [false, true]) {
          if (paged) await press(r, PG_DOWN);
          const before = r.lastFrame() ?? '';
          const whole = highlightedEnd(before, i);
          if (!paged) expect(whole).toBeDefined();
          await press(r, 'q');
          const asked = r.lastFrame() ?? '';
          expect(flat(asked)).toContain('Stop now');
          if (columns === 70) expect(flat(asked)).toContain("the summary's file is named as it stops");
          expect(lines(asked).length).toBeLessThanOrEqual(23);
          for (const line of lines(asked)) expect(line.length).toBeLessThanOrEqual(columns);
          if (whole !== undefined) expect(highlightedEnd(asked, i)).toBe(whole);
          shrank ||= windowEnd(asked) < windowEnd(before);
          await press(r, 'n');
          expect(r.lastFrame()).toBe(before);
        }
      }
      // At 70 columns the whole question (the folder, why, where the summary goes) was a row taller than
      // the help line and the window shrank under it; since trainer-52 it is asked in its short form
      // there, two rows, and the window keeps its height (leaving names the file and why).
      expect(shrank).toBe(false);
    });
  }
});
