import { describe, expect, it } from 'vitest';
import { whenHolds } from '../../src/machines/conditions.js';
import { bundledScenario } from '../helpers/bundled.js';
import { endedOn } from '../helpers/story.js';
import { walkPlaythroughs } from '../helpers/walk.js';

// Session storyb-52: story-continuity faults earlier readers listed in left-placement-calls, left unfixed (an
// ending that leaves out what the playthrough did). Each case plays the paths that showed the fault. Scoring is unchanged.

const PLAN = /crossed your name off the plan she wrote in her own words when she came back; Tía Lorena and Gabi are still on it/;
const STRICTER = /she knows you asked Tomas to move her somewhere stricter/i;
const OWN_PLAN = /She has the plan she wrote in her own words when she came back/;

describe('storyb-52: left-placement-calls, the endings say what the playthrough did', () => {
  // Every playthrough, its ending's words as told (the first variant that holds, else the narration); walked once.
  let walked: { id: string; path: string[]; planned: boolean; told: string }[] | undefined;
  const playthroughs = () => {
    if (walked) return walked;
    const ends: { id: string; path: string[]; planned: boolean; told: string }[] = [];
    walkPlaythroughs(bundledScenario('left-placement-calls'), ({ ending, vars, conduct, path }) => {
      const told = ending.variants?.find((v) => whenHolds(v.when, vars, conduct))?.narration ?? ending.narration;
      ends.push({ id: ending.id, path, planned: Boolean(vars.planned), told });
    });
    return (walked = ends);
  };

  // "Shut out" said only that she calls you "another cop" and that one fewer adult would call, on paths where
  // Ari had just written a plan in her own words (d7-safety-plan), her CASA on it.
  it('every shut-out after the plan Ari wrote says what became of it; no other shut-out speaks of a plan', () => {
    const shut = playthroughs().filter((e) => e.id === 'end-shut-out');
    const planned = shut.filter((e) => e.planned);
    expect(planned.length).toBeGreaterThan(0);
    expect(new Set(planned.map((e) => e.path.find((r) => r.startsWith('d8-'))))).toEqual(new Set(['d8-judge', 'd8-needs', 'd8-stricter']));
    for (const e of planned) expect(e.told, e.path.join(' ')).toMatch(PLAN);
    for (const e of shut.filter((x) => !x.planned)) expect(e.told, e.path.join(' ')).not.toMatch(/plan/);
    for (const e of shut) expect(e.told, e.path.join(' ')).toMatch(/calls you "another cop".*one fewer adult she would call\.$/);
  });

  it('played through: a plan, then a stricter placement, shuts her out with the plan told', () => {
    const d = endedOn('left-placement-calls', ['d1-go-back', 'd2-resources', 'd3-stay-on', 'd4-clear', 'd5-stop', 'd6-learn', 'd7-safety-plan', 'd8-stricter']);
    expect(d.ending?.id).toBe('end-shut-out');
    expect(d.ending?.narration).toMatch(PLAN);
  });

  // "Back, for now" never said that the volunteer had asked Tomas for a stricter placement (d8-stricter), though
  // that was the last thing said to Ari; a flag, stricter, set by that reply picks variants before the others.
  it('every mixed ending after asking Tomas for a stricter placement says so; no other mixed ending does', () => {
    const mixed = playthroughs().filter((e) => e.id === 'end-mixed');
    const asked = mixed.filter((e) => e.path.includes('d8-stricter'));
    expect(asked.length).toBeGreaterThan(0);
    for (const e of asked) expect(e.told, e.path.join(' ')).toMatch(STRICTER);
    for (const e of mixed.filter((x) => !x.path.includes('d8-stricter'))) expect(e.told, e.path.join(' ')).not.toMatch(/stricter/);
    // The plan she wrote is still told where she wrote one, and the word from the email where it was used.
    for (const e of asked.filter((x) => x.planned)) expect(e.told, e.path.join(' ')).toMatch(OWN_PLAN);
    for (const e of asked.filter((x) => !x.planned)) expect(e.told, e.path.join(' ')).not.toMatch(/plan/);
  });

  it.each([
    [['d1-redirect', 'd2-resources', 'd3-door-open', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-where', 'd8-stricter'], false, false],
    [['d1-go-back', 'd2-resources', 'd3-stay-on', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-stricter'], true, false],
    [['d1-redirect', 'd2-send', 'd3-door-open', 'd4-awol-label', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-stricter'], true, true],
  ])('played through %j: ends mixed, the stricter placement told (plan: %s, the email\'s word: %s)', (path, plan, label) => {
    const d = endedOn('left-placement-calls', path);
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(STRICTER);
    expect(OWN_PLAN.test(d.ending?.narration ?? '')).toBe(plan);
    expect(/the word from your email still heads the notes on her case\./.test(d.ending?.narration ?? '')).toBe(label);
  });
});
