import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordCompletion, resumeFailure, RECORDS_KEY, type SessionMode } from '../../src/machines/index.js';
import { loadRecords, stateStore } from '../../src/terminal/node/state-store.js';
import { readSave } from '../../src/terminal/saves.js';
import type { AppStart } from '../../src/terminal/ui/App.js';
import { BUNDLED, rows } from './helpers/layout.js';
import { appElement, envWithSave, KEY, pickerTitles, press, renderAt, validatedCatalog } from './helpers/ink.js';

// A state folder that takes no write (root writes anywhere, so a read-only folder cannot be tested
// as root): every file is put in place by a rename, refused while `refused.on`. A damaged file
// cannot be moved aside either, so a partly damaged records file is left as it was.
const refused = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    renameSync(from: Parameters<typeof fs.renameSync>[0], to: Parameters<typeof fs.renameSync>[1]) {
      if (refused.on) throw Object.assign(new Error('EROFS: read-only file system, rename'), { code: 'EROFS' });
      fs.renameSync(from, to);
    },
  };
});

afterEach(() => {
  refused.on = false;
  cleanup();
});

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The most the picker can have above its list at once: a save waiting (R), another save that was
 * damaged and moved aside (the start's notice, as `resume` gives it), partly damaged records that
 * could not be moved aside, and a state folder that takes no write. Returns the env and the notice.
 */
async function everyNotice(): Promise<{ env: NodeJS.ProcessEnv; moved: string }> {
  const env = await envWithSave();
  const dir = join(env.XDG_STATE_HOME as string, 'casa-practice');
  // Records with one sound playthrough, then one entry damaged by hand.
  recordCompletion(stateStore(env), 'example-new-phone', 80);
  const file = join(dir, RECORDS_KEY);
  const data = JSON.parse(readFileSync(file, 'utf8')) as { playthroughs: unknown[] };
  data.playthroughs.push({ id: 'not a record' });
  writeFileSync(file, JSON.stringify(data));
  // A damaged save, newer than the sound one: resume reads it, moves it aside and says so.
  const saves = join(dir, 'saves');
  const sound = readdirSync(saves).find((f) => f.endsWith('.json'));
  if (sound === undefined) throw new Error('no save was written');
  const hour = (Date.now() - 3_600_000) / 1000;
  utimesSync(join(saves, sound), hour, hour);
  writeFileSync(join(saves, 'damaged-one.json'), '{ damaged save');
  const found = readSave(env);
  if (found.kind !== 'bad' || !found.movedTo) throw new Error('the damaged save was not moved aside');
  refused.on = true;
  return { env, moved: resumeFailure(found.error, found.movedTo, undefined, 'choose a scenario') };
}

const cases: { name: string; mode: SessionMode; start: (notice: string) => AppStart }[] = [
  { name: 'practice', mode: 'practice', start: (notice) => ({ kind: 'picker', notice }) },
  { name: 'an assessment', mode: 'assessment', start: (notice) => ({ kind: 'picker', notice }) },
  { name: 'a trainer-led session', mode: 'practice', start: () => ({ kind: 'facilitate' }) },
];

describe('the picker with every notice it can show at once', () => {
  for (const c of cases) {
    for (const columns of [60, 80]) {
      it(`for ${c.name} at ${columns}×24: fits, keeps its title, shows at least 3 scenarios, and n shows every notice in full`, async () => {
        const { env, moved } = await everyNotice();
        const { element } = appElement({ env, mode: c.mode, start: c.start(moved), catalog: validatedCatalog(BUNDLED) });
        const r = await renderAt(element, columns, 24);
        const frame = rows(r.lastFrame());
        expect(frame.length).toBeLessThanOrEqual(23);
        expect(Math.max(...frame.map((l) => [...l].length))).toBeLessThanOrEqual(columns);
        expect(frame[0]).toMatch(/^casa-practice: choose a scenario/);
        expect(pickerTitles(r.lastFrame()).length).toBeGreaterThanOrEqual(3);
        // Each notice is on screen whole, or by its first words with the key that shows it in full.
        const text = oneLine(frame.join('\n'));
        const records = loadRecords(env).notice;
        const notices = [...(c.name === 'a trainer-led session' ? [] : [moved]), records ?? 'no records notice', stateStore(env).failure() ?? 'no failure'];
        const cut = notices.filter((n) => !text.includes(oneLine(n)));
        for (const n of cut) expect(text).toContain(oneLine(n).split(' ').slice(0, 4).join(' '));
        if (cut.length > 0) expect(text).toContain('n: read notices in full');
        else expect(text).not.toContain('n: read notices');
        // At 60 columns they cannot all be whole (they took 29 rows of 24, and left one scenario).
        if (columns === 60) expect(cut.length).toBeGreaterThan(0);
        if (cut.length === 0) return;

        // n: every notice whole (scrolled where it is longer than the window), then back to the list.
        await press(r, 'n');
        // One row at a time: the first window's rows, then the row each ↓ brings in at the bottom.
        const full: string[] = [];
        for (let i = 0; i < 60; i++) {
          const page = rows(r.lastFrame());
          expect(page.length).toBeLessThanOrEqual(23);
          expect(Math.max(...page.map((l) => [...l].length))).toBeLessThanOrEqual(columns);
          expect(page[0]).toMatch(/^casa-practice: choose a scenario/);
          const body = page.slice(page.findIndex((l) => l.trim() === '') + 1).filter((l) => !/more (above|below)|^\s*\(end\)\s*$/.test(l));
          const scrolls = page.some((l) => /more below|\(end\)/.test(l));
          const content = scrolls ? body.slice(0, body.findIndex((l, k) => k > 0 && /↑↓ PgUp PgDn: scroll/.test(l)) >>> 0).filter((l) => !/: back to the list/.test(l)) : body;
          full.push(...(i === 0 ? content : content.slice(-1)));
          if (!page.some((l) => /more below/.test(l))) break;
          await press(r, KEY.down);
        }
        // A path longer than a row is cut across rows there (not lost): compared without spaces.
        const read = oneLine(full.join('\n'));
        for (const n of notices) expect(read.replace(/\s/g, '')).toContain(n.replace(/\s/g, ''));
        expect(read).toMatch(/could not be moved aside \(the disk is read-only\), so the file was left as it was, at \S*records\.json\. The rest is shown, but what you finish in this session will not be kept in your records\./);
        await press(r, 'n');
        expect(pickerTitles(r.lastFrame()).length).toBeGreaterThanOrEqual(3);
      });
    }
  }
});
