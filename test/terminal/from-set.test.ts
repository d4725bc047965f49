import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectView, startingAt, startSession } from '../../src/machines/index.js';
import { parseArgs } from '../../src/terminal/args.js';
import { runCli } from '../../src/terminal/cli.js';
import { runPlain } from '../../src/terminal/plain.js';
import { runFacilitatePlain } from '../../src/terminal/facilitate-plain.js';
import { readSave, saveWaiting, stateStore } from '../../src/terminal/saves.js';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { loadValidFixture } from '../helpers/fixtures.js';
import { compactStatus } from '../../src/terminal/ui/StatusLine.js';
import { runPiped } from './helpers/cli.js';
import { appElement, KEY, press, renderAt, SCENARIOS, tempEnv, throughEnding } from './helpers/ink.js';

// `play <file> --from NODE --set VAR=VALUE` (repeatable): an author starts anywhere with chosen
// values to test each ending. Values are checked against the declared ranges and types.

const NEW_PHONE = join(SCENARIOS, 'new-phone.json');

async function inProcess(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** The example with a yes/no flag added. */
function withFlag() {
  const s = loadValidFixture('good/example.json');
  return { ...s, variables: [...(s.variables ?? []), { id: 'told-csw', label: 'You told the CSW', type: 'flag' as const, start: false }] };
}

describe('startingAt with values', () => {
  it('starts the given variables at the given values, checked against their range and type', () => {
    const moved = startingAt(withFlag(), 'after-visit', { trust: '70', 'told-csw': 'true' });
    expect(moved.ok).toBe(true);
    if (!moved.ok) return;
    const actor = startSession(moved.scenario, 'practice');
    expect(actor.getSnapshot().value).toBe('after-visit');
    expect(actor.getSnapshot().context.variables).toEqual({ trust: 70, 'told-csw': 1 });
    expect(selectView(moved.scenario, actor.getSnapshot()).meters[0]?.value).toBe(70);
  });

  it('says what is wrong, as a value: unknown variable (did you mean), out of range, not a number, not yes/no', () => {
    const s = withFlag();
    const error = (values: Record<string, string>) => { const r = startingAt(s, 'after-visit', values); return r.ok ? '' : r.error; };
    expect(error({ trst: '70' })).toBe('--set: "example-new-phone" has no variable "trst". Did you mean "trust"? (variables: trust, told-csw)');
    // Out of range is said as a wrong value is (author-46: it was "trust=150 is outside 0–100", no fix).
    expect(error({ trust: '150' })).toBe('--set: "trust" takes a whole number from 0 to 100, not 150');
    expect(error({ trust: 'high' })).toBe('--set: "trust" takes a whole number from 0 to 100, not "high"');
    expect(error({ 'told-csw': '1' })).toBe('--set: "told-csw" is a yes/no flag; give told-csw=true or told-csw=false, not "1"');
    expect(startingAt(s, undefined, { 'told-csw': 'no' }).ok).toBe(true);
  });

  it('parseArgs keeps every value of a repeated option', () => {
    const args = parseArgs(['x.json', '--set', 'trust=70', '--set=told-csw=true'], ['set'], ['set']);
    expect(args.lists.get('set')).toEqual(['trust=70', 'told-csw=true']);
    expect(args.flags.get('set')).toBe('told-csw=true');
  });
});

describe('casa-practice play --from --set', () => {
  it('the main --help names --set on the play line, where an author looking for how to test an ending reads', async () => {
    const r = await inProcess('--help');
    const line = r.out.split('\n').find((l) => l.includes(' play <file|id>'));
    expect(line).toContain('--from NODE');
    expect(line).toContain('--set');
  });

  it('starts at the node with the values given', async () => {
    const r = await runPiped(['play', NEW_PHONE, '--from', 'after-visit', '--set', 'trust=70', '--plain'], 'q\n', tempEnv());
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('-- Decision 1 of about 1: After the visit --');
    expect(r.out).toContain("[Jade's trust: 70 of 100]");
  });

  it('bad values are usage errors (exit 2)', async () => {
    for (const [argv, says] of [
      [['--set', 'trst=70'], 'Did you mean "trust"?'],
      [['--set', 'trust=101'], '"trust" takes a whole number from 0 to 100, not 101'],
      [['--set', 'trust'], '--set needs VARIABLE=VALUE'],
      // A space after "=" (or before it): "70" or "=70" became a second file name, and the message
      // was "play needs exactly one scenario file or id".
      [['--set', 'trust=', '70'], 'VARIABLE=VALUE with no spaces around "=" (e.g. --set trust=70), not "trust="'],
      [['--set', 'trust', '=70'], 'with no spaces around "=" (e.g. --set trust=70), not "trust"'],
      [['--set', 'trust=1', '--set', 'trust=2'], '"trust" is given twice'],
      [['--set'], '"--set" needs a value'],
      // A name that is a key of every object: it was dropped without a word (the play started as if no --set were given).
      [['--set', '__proto__=5'], 'has no variable "__proto__"'],
      [['--set', 'constructor=5'], 'has no variable "constructor"'],
    ] as const) {
      const r = await inProcess('play', NEW_PHONE, '--from', 'after-visit', ...argv);
      expect(r.code).toBe(2);
      expect(r.err).toContain(says);
    }
  });

  it('the debrief of a --from run in the full-screen app says it was not added to the records, and why', async () => {
    const env = tempEnv();
    const playable = loadPlayable(NEW_PHONE, 'after-visit');
    if ('problems' in playable) throw new Error(playable.problems);
    const r = await renderAt(appElement({ env, start: { kind: 'play', playable, showNote: false } }).element, 60, 24);
    expect(r.lastFrame()).toContain('Decision 1 of about 1');
    await press(r, '1', KEY.enter);
    await throughEnding(r);
    const debrief = r.lastFrame().replace(/\s+/g, ' ');
    expect(debrief).toContain('Debrief: Example: the new phone');
    expect(debrief).toContain('Not added to your records: this run started at "after-visit" (--from), an author\'s test rather than a whole playthrough.');
    expect(stateStore(env).read('records.json')).toBeUndefined();
    r.unmount();
  });

  it('a save keeps the values, so it resumes; finishing records no completion, even without --from', async () => {
    const env = tempEnv({ CASA_PRACTICE_SEED: '' });
    const playable = loadPlayable(NEW_PHONE, undefined, { trust: '70' });
    if ('problems' in playable) throw new Error(playable.problems);
    let out = '';
    const io = { out: (t: string) => (out += t), err: (t: string) => (out += t) };
    // A reply made and undone, then q (q saves nothing before a reply is made or undone in the run).
    const first = ['1', 'u', 'q'];
    expect(await runPlain({ playable, mode: 'practice', io, env, width: 100, readLine: async () => first.shift() })).toBe(0);
    const found = readSave(env);
    expect(found.kind).toBe('ok');
    if (found.kind !== 'ok') return;
    expect(found.playable.set).toEqual({ trust: '70' });
    expect((found.snapshot as unknown as { context: { variables: unknown } }).context.variables).toEqual({ trust: 70 });
    const queue = ['1', '1'];
    out = '';
    expect(await runPlain({ playable: found.playable, snapshot: found.snapshot, mode: found.mode, io, env, width: 100, readLine: async () => queue.shift() })).toBe(0);
    expect(out).toContain('Score:');
    expect(stateStore(env).read('records.json')).toBeUndefined();
    // The debrief does not claim it was, and says why it was not (the run started with --set).
    expect(out).not.toContain('Added to your records');
    expect(out.replace(/\s+/g, ' ')).toMatch(/ Not added to your records: this run started with trust=70 \(--set\), an author's test rather than a whole playthrough\. $/);
    // The same playthrough without --set is a completion, and is recorded; the debrief ends saying so.
    const plainRun = loadPlayable(NEW_PHONE);
    if ('problems' in plainRun) throw new Error(plainRun.problems);
    const answers = ['1', '1'];
    out = '';
    expect(await runPlain({ playable: plainRun, mode: 'practice', io, env, width: 100, readLine: async () => answers.shift() })).toBe(0);
    expect(stateStore(env).read('records.json')).toContain('example-new-phone');
    expect(out).toMatch(/\n\nAdded to your records: casa-practice records\n$/);
  });
});

describe('line by line, a reply can be typed by its id', () => {
  // Replies come in a shuffled order, so "printf '2\n2\n'" plays different replies each time; an
  // author scripting the best path types the ids from the file instead (docs/authoring.md, section 7).
  const EXAMPLE = join(import.meta.dirname, '..', '..', 'docs', 'examples', 'first-scenario.json');
  const play = async (answers: string[]) => {
    const playable = loadPlayable(EXAMPLE);
    if ('problems' in playable) throw new Error(playable.problems);
    let out = '';
    const io = { out: (t: string) => (out += t), err: (t: string) => (out += t) };
    const code = await runPlain({ playable, mode: 'practice', io, env: tempEnv({ CASA_PRACTICE_SEED: '' }), width: 100, readLine: async () => answers.shift() });
    return { code, out };
  };

  it('the ids of the best replies play the best path whatever the order shown', async () => {
    const r = await play(['d1-glad', 'D2-Plan ']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Score: 100% (7 of 7 points)');
    expect(r.out).toMatch(/> \d\. You: I'm really glad you're safe/);
  });

  it('an id of another decision is not taken here: the answer names this decision\'s ids and their numbers', async () => {
    const r = await play(['d2-plan', 'q']);
    expect(r.out.replace(/\s+/g, ' ')).toMatch(/No reply at this decision has the id "d2-plan"\.( Did you mean "d1-[a-z-]+"\?)? Its replies: 1: d1-[a-z-]+, 2: d1-[a-z-]+, 3: d1-[a-z-]+\./);
    expect(r.out).not.toContain('> ');
  });
});

// Found by the newcomer walkthrough: the test command README and authoring.md give authors
// (`play <file> --plain --new`) recorded each run as a finished scenario, certificate and all, where
// the web app's Preview of the same file says "not added to your records". --preview plays a file as
// the Preview does; without it a trainer's file given to a volunteer to practise with is recorded.
describe('play <file> --preview: an author\'s test, as the web app\'s Preview', () => {
  const FIRST = join(process.cwd(), 'docs/examples/first-scenario.json');
  const playAs = (preview: boolean) => {
    const loaded = loadPlayable(FIRST);
    if ('problems' in loaded) throw new Error(loaded.problems);
    return preview ? { ...loaded, preview: true as const } : loaded;
  };
  const run = async (env: NodeJS.ProcessEnv, preview: boolean, replies: string[], found?: Extract<ReturnType<typeof readSave>, { kind: 'ok' }>) => {
    let out = '';
    const io = { out: (t: string) => (out += t), err: (t: string) => (out += t) };
    const code = await runPlain({ playable: found?.playable ?? playAs(preview), snapshot: found?.snapshot, mode: 'practice', io, env, width: 100, readLine: async () => replies.shift(), ...(found ? { origin: 'continued' as const } : {}) });
    return { code, out, flat: out.replace(/\s+/g, ' ') };
  };

  it('is not recorded, even resumed, is saved apart from a volunteer\'s save, and says why; without it the file is recorded', async () => {
    const env = tempEnv({ CASA_PRACTICE_SEED: '' });
    // A volunteer's run of the file, left at its second decision.
    expect((await run(env, false, ['d1-glad'])).code).toBe(1);
    const own = readSave(env);
    expect(own.kind === 'ok' && own.playable.preview).toBeUndefined();
    // The author's preview, left at the same place: a save of its own, the volunteer's kept as it was.
    const mine = own.kind === 'ok' ? stateStore(env).read(own.key) : undefined;
    expect((await run(env, true, ['d1-glad'])).code).toBe(1);
    const preview = readSave(env);
    if (preview.kind !== 'ok' || own.kind !== 'ok') throw new Error('no save');
    expect(preview.key).not.toBe(own.key);
    expect(preview.playable.preview).toBe(true);
    expect(stateStore(env).read(own.key)).toBe(mine);
    // Resumed and finished, it is still a preview: nothing recorded, and the debrief says why.
    const done = await run(env, true, ['d2-plan'], preview);
    expect(done.code).toBe(0);
    expect(done.out).toContain('Score: 100% (7 of 7 points)');
    expect(stateStore(env).read('records.json')).toBeUndefined();
    expect(done.out).not.toContain('Added to your records');
    expect(done.flat).toMatch(/ Not added to your records: this run was a preview \(--preview\), an author's test, as the web app's Preview plays a file\. $/);
    expect(readSave(env)).toMatchObject({ kind: 'ok', key: own.key });
    // Straight through, as the authoring guide's test command runs it: nothing recorded either.
    expect((await run(env, true, ['d1-glad', 'd2-plan'])).code).toBe(0);
    expect(stateStore(env).read('records.json')).toBeUndefined();
    // The volunteer's run of the same file goes on from their own save and is recorded.
    const volunteer = readSave(env);
    if (volunteer.kind !== 'ok') throw new Error('no save');
    const theirs = await run(env, false, ['d2-plan'], volunteer);
    expect(theirs.out).toMatch(/\n\nAdded to your records: casa-practice records\n$/);
    expect(JSON.parse(stateStore(env).read('records.json') ?? '{}').playthroughs).toHaveLength(1);
  });

  it('is an option of play, and not one for a trainer-led session', async () => {
    const r = await inProcess('play', FIRST, '--preview', '--facilitate');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--preview and --facilitate cannot be used together');
  });
});

// Walked in tmux: `play youth-discloses --preview` (plain and full screen) began as any volunteer's
// playthrough, "(about 15 min, practice mode)", and said it was a preview only in the debrief's last
// line, where the web app's Preview says so throughout; --from and --set runs (not recorded either)
// said nothing at the start. Each now says what it is from its first screen, in words that fit 60 columns.
describe('an author\'s test (--preview, --from, --set) says so from its start', () => {
  const YOUTH = join(process.cwd(), 'scenarios/youth-discloses.json');
  const load = (from?: string, set?: Record<string, string>, preview = false) => {
    const loaded = loadPlayable(YOUTH, from, set);
    if ('problems' in loaded) throw new Error(loaded.problems);
    return preview ? { ...loaded, preview: true as const } : loaded;
  };
  const PREVIEW_LINE = 'Preview (--preview): not added to your records.';
  const plainAt60 = async (playable: ReturnType<typeof load>, env: NodeJS.ProcessEnv, replies: string[], found?: Extract<ReturnType<typeof readSave>, { kind: 'ok' }>) => {
    let out = '';
    const io = { out: (t: string) => (out += t), err: (t: string) => (out += t) };
    await runPlain({ playable: found?.playable ?? playable, snapshot: found?.snapshot, mode: 'practice', io, env, width: 60, readLine: async () => replies.shift(), ...(found ? { origin: 'continued' as const } : {}) });
    return out.split('\n');
  };

  it('line by line at 60 columns: the line under the title, new and resumed; a recorded run has none', async () => {
    const env = tempEnv();
    const fresh = await plainAt60(load(undefined, undefined, true), env, ['d1-curious']);
    expect(fresh[1]).toBe(PREVIEW_LINE);
    const found = readSave(env);
    if (found.kind !== 'ok') throw new Error('no save');
    expect((await plainAt60(load(), env, [], found))[1]).toBe(PREVIEW_LINE);
    expect((await plainAt60(load('d2-cares', { trust: '70' }), tempEnv(), ['q']))[1]).toBe('Author\'s test (--from, --set): not added to your records.');
    expect((await plainAt60(load('d2-cares', undefined, true), tempEnv(), ['q']))[1]).toBe('Author\'s test (--from): not added to your records.');
    expect((await plainAt60(load(undefined, { trust: '70' }), tempEnv(), ['q']))[1]).toBe('Author\'s test (--set): not added to your records.');
    const own = await plainAt60(load(), tempEnv(), ['q']);
    expect(own[1]).toMatch(/^Content note: /);
    expect(own.join('\n')).not.toMatch(/not added to your records|not recorded/);
  });

  for (const [columns, rows] of [[60, 24], [120, 40]] as const) {
    it(`full screen at ${columns}×${rows}: the content note, and the status line of the decision, the feedback and the next decision`, async () => {
      const env = tempEnv();
      const r = await renderAt(appElement({ env, start: { kind: 'play', playable: load(undefined, undefined, true), showNote: true } }).element, columns, rows);
      const fits = () => expect(r.lastFrame().split('\n').filter((l) => [...l].length > columns)).toEqual([]);
      expect(r.lastFrame()).toContain(PREVIEW_LINE);
      fits();
      await press(r, KEY.enter);
      expect(r.lastFrame()).toContain('Decision 1 of about 8');
      expect(r.lastFrame()).toContain('practice · preview, not recorded');
      fits();
      await press(r, '1');
      expect(r.lastFrame()).toContain('Feedback on your reply');
      expect(r.lastFrame()).toContain('practice · preview, not recorded');
      fits();
      await press(r, KEY.enter);
      expect(r.lastFrame()).toContain('preview, not recorded');
      fits();
      r.unmount();
      // A --from run opened straight on its decision (no content note), and resumed.
      const from = await renderAt(appElement({ env: tempEnv(), start: { kind: 'play', playable: load('d2-cares', { trust: '70' }), showNote: false } }).element, columns, rows);
      expect(from.lastFrame()).toContain('practice · author\'s test, not recorded');
      from.unmount();
      // A volunteer's own run says none of it.
      const own = await renderAt(appElement({ env: tempEnv(), start: { kind: 'play', playable: load(), showNote: true } }).element, columns, rows);
      expect(own.lastFrame()).not.toContain('Preview');
      await press(own, KEY.enter);
      expect(own.lastFrame()).not.toContain('not recorded');
      own.unmount();
    });
  }

  it('a resumed preview says so above "Where you left off", and the short status of a screen short of rows keeps it', async () => {
    const env = tempEnv();
    await plainAt60(load(undefined, undefined, true), env, ['d1-curious']);
    const found = readSave(env);
    if (found.kind !== 'ok') throw new Error('no save');
    const r = await renderAt(appElement({ env, start: { kind: 'play', playable: found.playable, snapshot: found.snapshot, showNote: false, origin: 'continued' } }).element, 60, 24);
    expect(r.lastFrame()).toContain('Where you left off');
    expect(r.lastFrame()).toContain('preview, not recorded');
    r.unmount();
    const view = selectView(found.playable.scenario, startSession(found.playable.scenario, 'practice').getSnapshot());
    expect(compactStatus(view, 'practice', 60, false, 'preview, not recorded').text).toBe('Decision 1 of about 8 · preview, not recorded');
  });

  it('opening a preview that has a save, "continue or start over" says it is the preview\'s (a volunteer\'s own save says as before)', async () => {
    for (const [preview, says] of [[true, 'Preview (--preview): not added to your records. You have a saved playthrough of it.'], [false, 'You have a saved playthrough of this scenario.']] as const) {
      const playable = load(undefined, undefined, preview);
      const env = tempEnv();
      // Saved with q after a reply (neither input that ends nor q before a reply saves anything).
      const lines = ['1', 'q'];
      await runPlain({ playable, mode: 'practice', io: { out: () => undefined, err: () => undefined }, env, width: 60, readLine: async () => lines.shift() });
      const saved = readSave(env);
      if (saved.kind !== 'ok') throw new Error('no save');
      const r = await renderAt(appElement({ env, start: { kind: 'play', playable, showNote: true, saved: saveWaiting(playable, env) } }).element, 60, 24);
      expect(r.lastFrame().replace(/\s+/g, ' ')).toContain(`What Kiara tells you ${says} › 1. Continue`);
      r.unmount();
    }
  });
});

/** The new-phone fixture started with --set trust=<trust>. */
function newPhoneWithTrust(trust: string) {
  const playable = loadPlayable(NEW_PHONE, undefined, { trust });
  if ('problems' in playable) throw new Error(playable.problems);
  return playable;
}

// Walked in tmux: `play youth-discloses --from d4-promise --set trust=80`, one reply, q; then the same
// with --set trust=10 and "Continue where you stopped" said "Could not resume: The saved progress is
// damaged (its values do not match its replies)" and moved the save aside: it was checked against the
// values given now. The save is sound: continuing carries it on with the values it began with, and the
// question (full screen) and the notice (line by line) say so, naming both.
describe('a test\'s save begun with other --set values than the ones given now', () => {
  const at = newPhoneWithTrust;
  const plain = async (env: NodeJS.ProcessEnv, trust: string, replies: string[], width = 200) => {
    let out = '';
    const io = { out: (t: string) => (out += t), err: (t: string) => (out += t) };
    const code = await runPlain({ playable: at(trust), mode: 'practice', io, env, width, readLine: async () => replies.shift() });
    return { code, out, flat: out.replace(/\s+/g, ' ') };
  };
  const savedAt80 = async () => {
    const env = tempEnv();
    await plain(env, '80', ['1', 'q']);
    const found = readSave(env);
    if (found.kind !== 'ok') throw new Error('no save');
    expect(found.playable.set).toEqual({ trust: '80' });
    return { env, key: found.key, text: stateStore(env).read(found.key), trust: (found.snapshot as unknown as { context: { variables: { trust: number } } }).context.variables.trust };
  };
  const setAside = (env: NodeJS.ProcessEnv) => stateStore(env).list('saves/').map((s) => s.key).filter((k) => !k.endsWith('.json'));

  it('line by line: goes on with its own values, says which, and how to start over with the new ones; the save is not set aside', async () => {
    const { env, key, text, trust } = await savedAt80();
    const r = await plain(env, '10', ['q']);
    expect(r.flat).not.toContain('damaged');
    expect(r.flat).not.toContain('Could not resume');
    expect(r.flat).toContain('Continuing where you stopped (1 reply made, practice, saved just now), with the values it began with: trust=80 (you gave trust=10 this time). To start over with trust=10 instead: casa-practice play');
    expect(r.flat).toContain('--set trust=10 --new');
    expect(r.out).toContain(`[Jade's trust: ${trust} of 100]`);
    expect(setAside(env)).toEqual([]);
    // Quit again: the save is still the one begun with trust=80.
    expect(JSON.parse(stateStore(env).read(key) ?? '{}').set).toEqual({ trust: '80' });
    expect(JSON.parse(stateStore(env).read(key) ?? '{}').session.snapshot.context.transcript).toEqual(JSON.parse(text ?? '{}').session.snapshot.context.transcript);
    // The same values as given now: no word about them.
    expect((await plain(env, '80', ['q'])).flat).toContain('Continuing where you stopped (1 reply made, practice, saved just now). To start over instead:');
  });

  for (const [columns, rows] of [[60, 24], [120, 40]] as const) {
    it(`full screen at ${columns}×${rows}: the question names both; continuing goes on with the save's values, starting over with the new ones`, async () => {
      const { env, trust } = await savedAt80();
      const playable = at('10');
      const open = () => renderAt(appElement({ env, start: { kind: 'play', playable, showNote: true, saved: saveWaiting(playable, env) } }).element, columns, rows);
      const r = await open();
      const flat = () => r.lastFrame().replace(/\s+/g, ' ');
      expect(flat()).toContain('Author\'s test (--set): not added to your records. You have a saved playthrough of it, begun with trust=80 (you gave trust=10 this time).');
      expect(flat()).toContain('1. Continue where you stopped (1 reply made, practice, saved just now), with trust=80 as it began');
      expect(flat()).toContain('2. Start over with trust=10 (the save is kept until you make your first reply)');
      expect(r.lastFrame().split('\n').filter((l) => [...l].length > columns)).toEqual([]);
      await press(r, '1');
      expect(flat()).not.toContain('damaged');
      expect(flat()).toContain('Decision 2 of about 2');
      expect(flat()).toMatch(new RegExp(`Jade's trust [█░]+ ${trust} of 100`));
      expect(flat()).toContain(`Jade's trust: 80 → ${trust}`);
      expect(setAside(env)).toEqual([]);
      r.unmount();
      // Starting over: the new values.
      const again = await open();
      await press(again, '2');
      await press(again, KEY.enter);
      expect(again.lastFrame()).toContain('Decision 1 of about 2');
      expect(again.lastFrame().replace(/\s+/g, ' ')).toMatch(/Jade's trust [█░]+ 10 of 100/);
      again.unmount();
    });
  }
});

// The same with a trainer-led session (walked in tmux: `play youth-discloses --from d4-promise --set
// trust=80 --facilitate --plain`, votes, input ended; then --set trust=10 said "Could not resume: The
// saved progress is damaged (its values do not match its replies)" and moved the kept session aside).
describe('a trainer-led session begun with other --set values than the ones given now', () => {
  const at = newPhoneWithTrust;
  const room = async (env: NodeJS.ProcessEnv, trust: string, typed: string[]) => {
    let out = '';
    const io = { out: (t: string) => (out += t), err: (t: string) => (out += t) };
    await runFacilitatePlain({ playable: at(trust), io, env, width: 200, readLine: async () => typed.shift() });
    return out.replace(/\s+/g, ' ');
  };
  const keptAside = (env: NodeJS.ProcessEnv) => stateStore(env).list('facilitation/').map((s) => s.key).filter((k) => !k.endsWith('.json'));

  it('line by line and full screen: carried on with its own values, said so; never set aside as damaged', async () => {
    const env = tempEnv({ PWD: mkdtempSync(join(tmpdir(), 'casa-here-')) });
    await room(env, '80', ['4 0 0', 'r', '1', 'q']);
    const said = await room(env, '10', ['q']);
    expect(said).not.toContain('damaged');
    expect(said).toContain('Continuing the trainer-led session kept at decision 2, with the room\'s votes and the summary so far, and with the values it began with: trust=80 (you gave trust=10 this time).');
    expect(keptAside(env)).toEqual([]);
    const r = await renderAt(appElement({ env, start: { kind: 'facilitate', playable: at('10') } }).element, 60, 24);
    await press(r, KEY.enter);
    const flat = () => r.lastFrame().replace(/\s+/g, ' ');
    expect(flat()).toContain('Continue at decision 2 (trust=80, as it began), with the room\'s votes and the summary so far');
    expect(flat()).toContain('Start over with trust=10');
    await press(r, '1');
    expect(flat()).toContain('Decision 2 of about 2');
    expect(flat()).not.toContain('damaged');
    expect(keptAside(env)).toEqual([]);
    r.unmount();
  });

  // A session kept before the slot kept its --set values (fb36d070) has none in it: checked against the
  // values given now, its replies did not lead to its values, and it was called damaged and moved aside.
  // Its own values are worked out from its replies (each change says what it changed from).
  it('one kept before its values were kept (no "set" in it) is carried on with the values it began with, never called damaged', async () => {
    const env = tempEnv({ PWD: mkdtempSync(join(tmpdir(), 'casa-here-')) });
    await room(env, '80', ['4 0 0', 'r', '1', 'q']);
    const store = stateStore(env);
    const [key] = store.list('facilitation/').map((s) => s.key);
    const slot = JSON.parse(store.read(key!) ?? '{}') as Record<string, unknown>;
    expect(slot.set).toEqual({ trust: '80' });
    delete slot.set;
    store.write(key!, `${JSON.stringify(slot)}\n`);
    const said = await room(env, '10', ['q']);
    expect(said).not.toContain('damaged');
    expect(said).toContain('Continuing the trainer-led session kept at decision 2, with the room\'s votes and the summary so far, and with the values it began with: trust=80 (you gave trust=10 this time).');
    expect(keptAside(env)).toEqual([]);
    // Kept again with the values it began with, so it is read as the new ones are from now on.
    expect((JSON.parse(store.read(key!) ?? '{}') as Record<string, unknown>).set).toEqual({ trust: '80' });
    delete slot.set;
    store.write(key!, `${JSON.stringify(slot)}\n`);
    const r = await renderAt(appElement({ env, start: { kind: 'facilitate', playable: at('10') } }).element, 60, 24);
    await press(r, KEY.enter);
    const flat = () => r.lastFrame().replace(/\s+/g, ' ');
    expect(flat()).toContain('Continue at decision 2 (trust=80, as it began), with the room\'s votes and the summary so far');
    await press(r, '1');
    expect(flat()).toContain('Decision 2 of about 2');
    expect(flat()).not.toContain('damaged');
    expect(keptAside(env)).toEqual([]);
    r.unmount();
  });
});
