import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { debriefKey, recordCompletion, resumeFailure, RECORDS_KEY, saveKey, SET_ASIDE_KEEP, type SessionMode } from '../../src/machines/index.js';
import { loadRecords, recordsNoticeInOne, stateStore } from '../../src/terminal/node/state-store.js';
import { readSave } from '../../src/terminal/saves.js';
import type { AppStart } from '../../src/terminal/ui/App.js';
import { hasErrorsNotice, leftOutNotice } from '../../src/terminal/scenario-files.js';
import { BUNDLED, rows } from './helpers/layout.js';
import { refused } from './helpers/refusing-fs.js';
import { appElement, envWithSave, KEY, newPhone, pickerTitles, playToDebrief, press, renderAt, tempEnv, validatedCatalog } from './helpers/ink.js';
import { readFixture } from '../helpers/fixtures.js';
import { PickerHost } from './helpers/picker-host.js';

// A state folder that takes no write (root writes anywhere, so a read-only folder cannot be tested
// as root): every file is put in place by a rename, refused while `refused.on`. A damaged file
// cannot be moved aside either, so a partly damaged records file is left as it was.
vi.mock('node:fs', async (importOriginal) => (await import('./helpers/refusing-fs.js')).readOnlyFs(await importOriginal<typeof import('node:fs')>()));
afterEach(() => void ((refused.on = false), cleanup()));

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
        // The records' notice as the picker shows it: one notice, what to do at its end.
        const records = recordsNoticeInOne(loadRecords(env));
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
          // The window: from under the heading's gap to its "more below" or "(end)" row (the blank
          // row and the help line under it are not the notices': taking the last row of all, the
          // blank one, read nothing of what each ↓ brought in, once the notices scrolled at 60×24).
          const start = page.findIndex((l) => l.trim() === '') + 1;
          const last = page.findIndex((l, k) => k >= start && (/more below/.test(l) || /^\s*\(end\)\s*$/.test(l) || /: back to the list/.test(l)));
          const content = page.slice(start, last).filter((l) => !/more above/.test(l));
          full.push(...(i === 0 ? content : content.slice(-1)));
          if (!page.some((l) => /more below/.test(l))) break;
          await press(r, KEY.down);
        }
        // A path longer than a row is cut across rows there (not lost): compared without spaces.
        const read = oneLine(full.join('\n'));
        for (const n of notices) expect(read.replace(/\s/g, '')).toContain(n.replace(/\s/g, ''));
        expect(read).toMatch(/could not be moved aside \(the disk is read-only\), so the file was left as it was, at \S*records\.json\. The rest is shown, but what you finish in this session will not be kept in your records\. Nothing is written over it; once it can be moved, casa-practice sets it aside and starts new records\./);
        await press(r, 'n');
        expect(pickerTitles(r.lastFrame()).length).toBeGreaterThanOrEqual(3);
      });
    }
  }
});


describe('the picker\'s notices in full', () => {
  // With a save waiting, and notices longer together than the window: the list keeps three
  // scenarios, and n scrolls through every word. Then while files are checked for a trainer-led
  // session (their word on a row of its own at 60 columns): still in the window.
  it('at 60×24, scroll to their end and go back to the list; the same fit while files are checked', async () => {
    const path = `/home/volunteer/${'a-long-folder-name/'.repeat(4)}casa-practice`;
    const notices = [1, 2, 3].map((k) => `Notice ${k}: ${'Something here could not be done as it should, and this says so at length. '.repeat(4)}It was at ${path}/file-${k}.json; end of notice ${k}.`);
    const { entries } = validatedCatalog(BUNDLED)();
    const picker = (checking: boolean) => <PickerHost entries={entries} notice={notices.join('\n')} checking={checking} canResume purpose="for a trainer-led session" />;
    const r = await renderAt(picker(false), 60, 24);
    const fits = (frame: string[]) => {
      expect(frame.length).toBeLessThanOrEqual(23);
      expect(Math.max(...frame.map((l) => [...l].length))).toBeLessThanOrEqual(60);
      expect(frame[0]).toMatch(/^casa-practice: choose a scenario for a trainer-led session/);
      expect(pickerTitles(frame.join('\n')).length).toBeGreaterThanOrEqual(3);
      for (const k of [1, 2, 3]) expect(oneLine(frame.join('\n'))).toContain(`Notice ${k}: Something here`);
      expect(oneLine(frame.join('\n'))).toContain('n: read notices in full');
    };
    fits(rows(r.lastFrame()));

    await press(r, 'n');
    let page = rows(r.lastFrame());
    expect(oneLine(page.join('\n'))).toContain('↓ or PgDn');
    const seen = new Set<string>();
    for (let i = 0; i < 80 && page.some((l) => /more below/.test(l)); i++) {
      expect(page.length).toBeLessThanOrEqual(23);
      expect(Math.max(...page.map((l) => [...l].length))).toBeLessThanOrEqual(60);
      expect(page[0]).toMatch(/^casa-practice: choose a scenario/);
      for (const l of page) seen.add(l);
      await press(r, KEY.down);
      page = rows(r.lastFrame());
    }
    const end = oneLine(page.join('\n'));
    expect(end).toContain('(end)');
    expect(end).toContain('end of notice 3.');
    for (const l of page) seen.add(l);
    for (const k of [1, 2, 3]) expect([...seen].some((l) => l.includes(`end of notice ${k}.`))).toBe(true);
    await press(r, 'b');
    fits(rows(r.lastFrame()));

    // (Not press: the test helpers wait while "checking files…" is on screen.)
    const before = r.frames.length;
    r.rerender(picker(true));
    while (r.frames.length === before) await new Promise((resolve) => setImmediate(resolve));
    const checking = rows(r.lastFrame());
    // The heading one row still, "(checking files…)" on the row above the list (picker-heading.test).
    expect(checking[0]?.trimEnd()).toBe('casa-practice: choose a scenario for a trainer-led session');
    expect(checking.map((l) => l.trim())).toContain('(checking files…)');
    fits(checking);
  });
});

// Found by a trainer: two files of one id in the scenarios folder were both listed without a word,
// though completion records are kept by id and, there, one save slot serves one id (slots.ts).
describe('the picker with two files of one id', () => {
  it('lists both and says, above the list, which files share the id and what they share', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-picker-ids-'));
    const text = readFixture('good/example.json').toString('utf8');
    writeFileSync(join(dir, 'game-money.json'), text.replace('"id": "example-new-phone"', '"id": "game-money"'));
    writeFileSync(join(dir, 'game-money-copy.json'), text.replace('"id": "example-new-phone"', '"id": "game-money"'));
    writeFileSync(join(dir, 'court-day.json'), text.replace('"id": "example-new-phone"', '"id": "court-day"'));
    const { element } = appElement({ env: tempEnv(), catalog: validatedCatalog(dir) });
    const r = await renderAt(element, 80, 24);
    const frame = rows(r.lastFrame());
    expect(pickerTitles(r.lastFrame()).length).toBe(3);
    expect(oneLine(frame.join('\n'))).toContain('2 files have the id "game-money" (game-money-copy.json, game-money.json): each is listed, with one record and one saved playthrough between them. Give each scenario its own id.');
    expect(oneLine(frame.join('\n'))).not.toContain('court-day');
  });

  it('says nothing when every id is its own', async () => {
    const { element } = appElement({ env: tempEnv(), catalog: validatedCatalog(BUNDLED) });
    const r = await renderAt(element, 80, 24);
    expect(oneLine(rows(r.lastFrame()).join('\n'))).not.toMatch(/have the id|share ids/);
  });
});

// Found by the validator pass: the terminal picker dropped a scenario file with errors without a
// word (the web Library says "1 file left out: … (it has errors)."), so a trainer who had just
// saved a new scenario in the folder saw it missing and did not know why, nor how to find out.
describe('the picker says which files it left out, and the command that shows why', () => {
  it('at 60×24: names each file (escaped, never acted on) with why, and the validate command, and still fits', async () => {
    // (A short name: the command with the folder's path fits a 60-column row.)
    const dir = mkdtempSync(join(tmpdir(), 'lo-'));
    writeFileSync(join(dir, 'new-phone.json'), readFixture('good/example.json'));
    writeFileSync(join(dir, 'cycle.json'), readFixture('bad/cycle.json'));
    const evil = 'draft\u001b[31m.json';
    writeFileSync(join(dir, evil), '{ "id": "draft", ');
    const { element } = appElement({ env: tempEnv(), dir });
    const r = await renderAt(element, 60, 24);
    const frame = rows(r.lastFrame());
    expect(frame.length).toBeLessThanOrEqual(23);
    expect(Math.max(...frame.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    expect(pickerTitles(r.lastFrame())).toHaveLength(1);
    const text = oneLine(frame.join('\n'));
    expect(text).toContain('2 files left out: "draft\\u001b[31m.json" (it is not valid JSON); cycle.json (it has errors). To see why, run: ');
    // The command on a row of its own, whole: the two paths do not fit 60 columns, so their folder.
    // (After the words, a long path was cut after a "/", and a copied command took the break along.)
    const cmd = `casa-practice validate ${dir}`;
    const at = frame.findIndex((l) => l.trim().startsWith('casa-practice validate'));
    expect(frame[at - 1]?.trim()).toMatch(/To see why, run:$/);
    // Whole on its row where the folder's path lets it fit 60 columns (a temporary folder's path may not).
    if ([...cmd].length <= 60) expect(frame[at]?.trim()).toBe(cmd);
    expect(r.lastFrame()).not.toContain('\u001b[31m.json');
  });

  it('says nothing when every file is listed', async () => {
    const { element } = appElement({ env: tempEnv(), catalog: validatedCatalog(BUNDLED) });
    const r = await renderAt(element, 60, 24);
    expect(oneLine(rows(r.lastFrame()).join('\n'))).not.toContain('left out');
  });

  it('names a file of the app\'s scenarios folder by its name, which validate finds there; any other by its path; more than three by their folder', () => {
    const run = (args: string) => `casa-practice ${args}`;
    // (A short folder: the command for a file by its path fits 60 columns, and is not given as its folder.)
    const app = '/srv/app/scenarios';
    const none = () => false;
    expect(leftOutNotice([], app, run)).toBeUndefined();
    expect(leftOutNotice([{ file: join(app, 'my-draft.json'), reason: 'it has errors' }], app, run, none))
      .toBe('1 file left out: my-draft.json (it has errors). To see why, run:\ncasa-practice validate my-draft');
    // A file or folder of that name where the command runs would be validated instead: the path.
    expect(leftOutNotice([{ file: join(app, 'my-draft.json'), reason: 'it has errors' }], app, run, (p) => p === 'my-draft'))
      .toBe(`1 file left out: my-draft.json (it has errors). To see why, run:\ncasa-practice validate ${join(app, 'my-draft.json')}`);
    expect(leftOutNotice([{ file: '/drafts/my draft.json', reason: 'it has errors' }], app, run, none))
      .toBe("1 file left out: my draft.json (it has errors). To see why, run:\ncasa-practice validate '/drafts/my draft.json'");
    const many = ['a', 'b', 'c', 'd'].map((n) => ({ file: join(app, `${n}.json`), reason: 'it has errors' }));
    expect(leftOutNotice(many, app, run, none))
      .toBe(`4 files left out: a.json (it has errors); b.json (it has errors); c.json (it has errors); and 1 more. To see why, run:\ncasa-practice validate ${app}`);
  });
  // At 60 columns "node bin/casa-practice.js validate /home/trainer/projects/casa-practice/scenarios"
  // (78 columns) was broken by the terminal mid-word, and a copied command did not run.
  it('names the folder, or the files, from the working folder when they are in it, so the command fits a 60-column row', () => {
    const run = (args: string) => `node bin/casa-practice.js ${args}`;
    const cwd = '/home/trainer/projects/casa-practice';
    const app = `${cwd}/scenarios`;
    const many = ['a', 'b', 'c', 'd'].map((n) => ({ file: `${app}/${n}.json`, reason: 'it has errors' }));
    const folder = leftOutNotice(many, app, run, () => false, cwd)?.split('\n')[1] ?? '';
    // With its / (a bare word could be taken for a scenario id), as the README writes it.
    expect(folder).toBe('node bin/casa-practice.js validate scenarios/');
    expect([...folder].length).toBeLessThanOrEqual(60);
    // Drafts in a folder under it: by their paths from there.
    expect(leftOutNotice([{ file: `${cwd}/drafts/a.json`, reason: 'it has errors' }], app, run, () => false, cwd)?.split('\n')[1]).toBe('node bin/casa-practice.js validate drafts/a.json');
    // The working folder itself is ".".
    expect(leftOutNotice(['a', 'b', 'c', 'd'].map((n) => ({ file: `${cwd}/${n}.json`, reason: 'it has errors' })), app, run, () => false, cwd)?.split('\n')[1]).toBe('node bin/casa-practice.js validate .');
    // Elsewhere: the full path, as before.
    expect(leftOutNotice([{ file: '/srv/drafts/a.json', reason: 'it has errors' }], app, run, () => false, cwd)?.split('\n')[1]).toBe('node bin/casa-practice.js validate /srv/drafts/a.json');
  });
  // A scenario the picker had not checked yet, opened and found to have errors: the command was
  // after the words ('"Title" has errors; run: … validate /home/…/draft.json'), cut at 60 columns.
  it('a scenario found to have errors when opened: the validate command on a line of its own, its file from the working folder', () => {
    const run = (args: string) => `npm run cli -- ${args}`;
    const cwd = '/home/trainer/projects/casa-practice';
    expect(hasErrorsNotice('Missing school', `${cwd}/drafts/school-absence.json`, run, cwd)).toBe('"Missing school" has errors. To see them, run:\nnpm run cli -- validate drafts/school-absence.json');
    expect(hasErrorsNotice('Draft', '/srv/my drafts/a.json', run, cwd)).toBe('"Draft" has errors. To see them, run:\nnpm run cli -- validate \'/srv/my drafts/a.json\'');
  });
  it('gives the folder instead of files whose paths make the command longer than a 60-column row', () => {
    const run = (args: string) => `casa-practice ${args}`;
    const drafts = '/home/trainer/drafts';
    const files = ['csw-call-first-draft.json', 'csw-call-second-draft.json'].map((n) => ({ file: `${drafts}/${n}`, reason: 'it has errors' }));
    expect(leftOutNotice(files, '/app/scenarios', run, () => false)?.split('\n')[1]).toBe(`casa-practice validate ${drafts}`);
    // One that fits is named as it is.
    expect(leftOutNotice([{ file: '/home/t/a.json', reason: 'it has errors' }], '/app/scenarios', run, () => false)?.split('\n')[1]).toBe('casa-practice validate /home/t/a.json');
  });
});

// A kept debrief that could not be shown was said on the picker in lines (the sentence, the file's
// path, what to do), which the picker, a notice a line, drew as three notices (three "…" rows at
// 60 columns), where a damaged save met by R, or damaged records, were one: the line naming the file,
// then what to do (setAsideInOne). Every file set aside is said on the picker in that one form.
describe('every file set aside is one notice on the picker: where it went, then what to do', () => {
  const stateDir = (env: NodeJS.ProcessEnv) => join(env.XDG_STATE_HOME as string, 'casa-practice');
  /** The damaged file's new name, or its own where it could not be moved. */
  const asideIn = (dir: string, name: string) => readdirSync(dir).find((f) => f.startsWith(`${name}.damaged-`));
  type Case = { name: string; setUp: () => Promise<{ env: NodeJS.ProcessEnv; keys: string[] }>; said: (env: NodeJS.ProcessEnv) => string };
  /** A save of new-phone, damaged by hand; R meets it. */
  const damagedSave = async () => {
    const env = await envWithSave();
    writeFileSync(join(stateDir(env), saveKey(newPhone())), '{ damaged save');
    return { env, keys: ['R'] };
  };
  /** A kept debrief of new-phone, damaged by hand; d on the picker (new-phone highlighted) opens it. */
  const damagedDebrief = async () => {
    const env = tempEnv();
    mkdirSync(join(stateDir(env), 'debriefs'), { recursive: true });
    writeFileSync(join(stateDir(env), debriefKey(newPhone())), '{ damaged debrief');
    return { env, keys: ['d'] };
  };
  const savePath = (env: NodeJS.ProcessEnv) => join(stateDir(env), saveKey(newPhone()));
  const debriefPath = (env: NodeJS.ProcessEnv) => join(stateDir(env), debriefKey(newPhone()));
  const movedPath = (path: string) => join(dirname(path), asideIn(dirname(path), basename(path)) ?? 'not moved');
  const cases: Case[] = [
    {
      name: 'a damaged save met by R',
      setUp: damagedSave,
      said: (env) => `Could not resume: the saved progress is damaged (it is not valid JSON). The save was moved to ${movedPath(savePath(env))}; choose a scenario. ${SET_ASIDE_KEEP}`,
    },
    {
      name: 'a damaged save met by R that could not be moved aside',
      setUp: async () => {
        const set = await damagedSave();
        refused.on = true;
        return set;
      },
      said: (env) => `Could not resume: the saved progress is damaged (it is not valid JSON). The save could not be moved aside (the disk is read-only) and is still at ${savePath(env)}; choose a scenario. Nothing is written over it; casa-practice tries again to set it aside the next time it starts.`,
    },
    {
      name: 'a kept debrief that cannot be shown (d)',
      setUp: damagedDebrief,
      said: (env) => `The last debrief kept is damaged (it is not valid JSON). It was moved to ${movedPath(debriefPath(env))}; choose a scenario. ${SET_ASIDE_KEEP}`,
    },
    {
      name: 'a kept debrief that cannot be shown (d) nor moved aside',
      setUp: async () => {
        const set = await damagedDebrief();
        refused.on = true;
        return set;
      },
      said: (env) => `The last debrief kept is damaged (it is not valid JSON). It could not be moved aside (the disk is read-only) and is still at ${debriefPath(env)}; choose a scenario. Nothing is written over it; casa-practice tries again to set it aside the next time you ask to see it.`,
    },
    {
      name: 'damaged records',
      setUp: async () => {
        const env = tempEnv();
        mkdirSync(stateDir(env), { recursive: true });
        writeFileSync(join(stateDir(env), RECORDS_KEY), '{"playthroughs": [');
        return { env, keys: [] };
      },
      said: (env) => `Your completion records were damaged; they were moved to ${movedPath(join(stateDir(env), RECORDS_KEY))} and new records were started. ${SET_ASIDE_KEEP}`,
    },
    {
      name: 'partly damaged records that could not be moved aside',
      setUp: async () => {
        const env = tempEnv();
        recordCompletion(stateStore(env), 'example-new-phone', 80);
        const file = join(stateDir(env), RECORDS_KEY);
        const data = JSON.parse(readFileSync(file, 'utf8')) as { playthroughs: unknown[] };
        data.playthroughs.push({ id: 'not a record' });
        writeFileSync(file, JSON.stringify(data));
        refused.on = true;
        return { env, keys: [] };
      },
      said: (env) => `Part of your completion records is damaged: 1 finished scenario could not be read (completed practice 1: its id is not a UUID); they could not be moved aside (the disk is read-only), so the file was left as it was, at ${join(stateDir(env), RECORDS_KEY)}. The rest is shown, but what you finish in this session will not be kept in your records. Nothing is written over it; once it can be moved, casa-practice sets it aside and starts new records.`,
    },
  ];
  for (const c of cases) {
    for (const columns of [60, 80]) {
      it(`${c.name}, at ${columns}×24`, async () => {
        const { env, keys } = await c.setUp();
        const { element } = appElement({ env });
        const r = await renderAt(element, columns, 24);
        await press(r, ...keys);
        // The notices as drawn, or, where some are shortened, in full (n, scrolled to their end).
        const pages = [rows(r.lastFrame())];
        if (oneLine(pages[0]!.join('\n')).includes('n: read notices in full')) {
          await press(r, 'n');
          pages.push(rows(r.lastFrame()));
          for (let i = 0; i < 40 && pages.at(-1)!.some((l) => /more below/.test(l)); i++) {
            await press(r, KEY.down);
            pages.push(rows(r.lastFrame()));
          }
        }
        for (const page of pages) {
          expect(page.length).toBeLessThanOrEqual(23);
          expect(Math.max(...page.map((l) => [...l].length))).toBeLessThanOrEqual(columns);
          // Its words are words: no row hung with a line continuation as if a command.
          for (const row of page) expect(row).not.toMatch(/\\$/);
        }
        const text = pages.flat().join('\n');
        // One notice: the path in the sentence, then what to do; never "the file below" (lines).
        // (A path longer than a row is cut across rows: compared without spaces.)
        expect(text.replace(/\s/g, '')).toContain(c.said(env).replace(/\s/g, ''));
        expect(text).not.toContain('the file below');
      });
    }
  }
});

// A newcomer's tmux walkthrough (term-42): with a state folder that took no write, the picker came
// back from a finished playthrough with "best 0%" beside it, a score held in memory only and gone at
// the quit. It shows what the records on disk hold, and says where a finish was not kept.
describe('the picker after a finish the state folder did not keep', () => {
  /** The new-phone fixture played to its debrief and back to the picker, the state folder refusing every write. */
  async function finishUnkept(env: NodeJS.ProcessEnv) {
    refused.on = true;
    const { element } = appElement({ env });
    const r = await renderAt(element, 60, 24);
    await press(r, '1', KEY.enter);
    await playToDebrief(r);
    expect(r.lastFrame()).toContain('Debrief: Example: the new phone');
    await press(r, 'b');
    expect(r.lastFrame()).toContain('choose a scenario');
    return r;
  }
  const row = (frame: string) => frame.split('\n').find((l) => l.includes('Example: the new phone')) ?? '';

  it('with no records on disk: "not kept" where a best score would be, none shown', async () => {
    const env = tempEnv();
    const r = await finishUnkept(env);
    // The run is in the records held in memory: a score the picker could have shown.
    expect(loadRecords(env).records['example-new-phone']).toBeDefined();
    expect(row(r.lastFrame())).toMatch(/Example: the new phone +5 min +not kept$/);
    expect(r.lastFrame()).not.toMatch(/best \d+%/);
    r.unmount();
  });

  it('with records on disk: their best score, not the one held in memory', async () => {
    const env = tempEnv();
    recordCompletion(stateStore(env), 'example-new-phone', 0);
    const r = await finishUnkept(env);
    expect(loadRecords(env).records['example-new-phone']?.bestPercent).toBeGreaterThan(0);
    expect(row(r.lastFrame())).toMatch(/Example: the new phone +5 min +best 0%$/);
    r.unmount();
  });
});
