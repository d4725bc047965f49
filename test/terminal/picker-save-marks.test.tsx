import { copyFileSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActor } from 'xstate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileScenario, type PlayableScenario } from '../../src/machines/index.js';
import { savesDir, writeSave } from '../../src/terminal/saves.js';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { CHECKING_SAVES, UNCHECKED_SAVE_MARK, UNCHECKED_SAVE_WORDS } from '../../src/terminal/ui/Picker.js';
import { columnsOf } from '../../src/terminal/wrap.js';
import { appElement, renderAt, SCENARIOS, settle, tempEnv, validatedCatalog } from './helpers/ink.js';
import { editSavedTrust } from './helpers/slots.js';

// The picker's check of the saves, held back until the test lets it go.
const hold = vi.hoisted(() => ({ until: undefined as Promise<void> | undefined }));
vi.mock('../../src/terminal/saves.js', async (original) => {
  const real = await original<typeof import('../../src/terminal/saves.js')>();
  return {
    ...real,
    checkSavesInTurns: async (...args: Parameters<typeof real.checkSavesInTurns>) => {
      await hold.until;
      return real.checkSavesInTurns(...args);
    },
  };
});

afterEach(() => {
  hold.until = undefined;
});

const BUNDLED = join(import.meta.dirname, '..', '..', 'scenarios');
const flat = (frame: string | undefined) => (frame ?? '').replace(/\s+/g, ' ');
/** The highlighted row of a picker frame: its line number and text. */
const highlighted = (frame: string) => {
  const lines = frame.split('\n');
  const at = lines.findIndex((l) => l.startsWith('›'));
  return { at, row: lines[at] ?? '' };
};

/**
 * A folder of 17 scenarios (the bundled ones and the new-phone fixture) and a state folder with a
 * save of each, one step in: new-phone's made before its feedback was edited (outdated), the-list's
 * with its values edited (damaged), and a sound one the latest (R's).
 */
function seventeenSaves() {
  const dir = mkdtempSync(join(tmpdir(), 'sc'));
  for (const f of readdirSync(BUNDLED)) if (f.endsWith('.json') && f !== 'scenario.schema.json') copyFileSync(join(BUNDLED, f), join(dir, f));
  copyFileSync(join(SCENARIOS, 'new-phone.json'), join(dir, 'new-phone.json'));
  const env = tempEnv();
  const written = new Map<string, string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const playable = loadPlayable(join(dir, f)) as PlayableScenario;
    const actor = createActor(compileScenario(playable.scenario), { input: { mode: 'practice', seed: 1 } }).start();
    for (let i = 0; i < 40 && actor.getSnapshot().can({ type: 'scene.continue' } as never); i++) actor.send({ type: 'scene.continue' } as never);
    const node = playable.scenario.nodes.find((n) => n.id === String(actor.getSnapshot().value)) as { replies?: { id: string }[] } | undefined;
    const reply = node?.replies?.find((r) => actor.getSnapshot().can({ type: 'reply.choose', replyId: r.id }));
    if (reply) actor.send({ type: 'reply.choose', replyId: reply.id });
    written.set(f, writeSave(playable, actor.getPersistedSnapshot(), env));
    actor.stop();
  }
  const phone = join(dir, 'new-phone.json');
  writeFileSync(phone, readFileSync(phone, 'utf8').replace('"A light, friendly question abo', '"A light and friendly question abo'));
  const list = written.get('the-list.json') as string;
  const save = JSON.parse(readFileSync(list, 'utf8')) as { session: { snapshot: { context: { variables: Record<string, number> } } } };
  editSavedTrust(list, (save.session.snapshot.context.variables.trust ?? 0) + 7);
  const later = new Date(Date.now() + 60_000);
  utimesSync(written.get('youth-discloses.json') as string, later, later);
  expect(readdirSync(savesDir(env))).toHaveLength(17);
  return { dir, env };
}

describe('the picker marks a save only once it has checked it', () => {
  for (const [columns, rows] of [[60, 24], [120, 40]] as const) {
    it(`at ${columns}x${rows}: "(save…)" and "checking saves…" until checked, then the true marks, the highlight where it was`, async () => {
      const { dir, env } = seventeenSaves();
      let release = () => {};
      hold.until = new Promise((resolve) => {
        release = resolve;
      });
      const r = await renderAt(appElement({ env, catalog: validatedCatalog(dir) }).element, columns, rows, { settled: false });
      await vi.waitFor(() => expect(flat(r.lastFrame())).toContain(`Example: the new phone ${UNCHECKED_SAVE_MARK}`), { timeout: 30_000, interval: 5 });
      // Held: nothing claims a save can be continued, and the heading says the check is under way.
      expect(r.lastFrame().split('\n')[0]).toContain(CHECKING_SAVES);
      expect(r.frames.filter((f) => f.includes('(saved)'))).toEqual([]);
      expect(flat(r.lastFrame())).toContain(UNCHECKED_SAVE_WORDS);
      // Down to the outdated one (4th) while the check is held.
      const before = r.frames.length;
      r.stdin.write('\u001b[B');
      r.stdin.write('\u001b[B');
      r.stdin.write('\u001b[B');
      await vi.waitFor(() => expect(highlighted(r.lastFrame()).row).toContain('Example: the new phone'), { timeout: 30_000, interval: 5 });
      expect(r.frames.length).toBeGreaterThan(before);
      const held = highlighted(r.lastFrame());
      release();
      await vi.waitFor(() => expect(r.lastFrame().split('\n')[0]).not.toContain(CHECKING_SAVES), { timeout: 30_000, interval: 5 });
      await settle(r);
      const last = r.lastFrame();
      // The same scenario highlighted, on the same line, now marked as what its save is.
      expect(highlighted(last)).toEqual({ at: held.at, row: expect.stringContaining('Example: the new phone (outdated save)') });
      expect(flat(last)).not.toContain(UNCHECKED_SAVE_MARK);
      expect(flat(last)).toContain('A text from her “cousin” (saved)');
      // No frame ever marked the outdated or the damaged one "(saved)".
      expect(r.frames.filter((f) => /the new phone \(saved\)|Vinh's phone \(saved\)/.test(flat(f)))).toEqual([]);
      for (const frame of r.frames) {
        for (const row of frame.split('\n')) expect(columnsOf(row)).toBeLessThanOrEqual(columns);
        expect(frame.split('\n').length).toBeLessThanOrEqual(rows - 1);
      }
      r.unmount();
    });
  }
});
