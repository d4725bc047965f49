import { describe, expect, it } from 'vitest';
import { whenHolds } from '../../src/machines/conditions.js';
import { bundledScenario } from '../helpers/bundled.js';
import { walkPlaythroughs } from '../helpers/walk.js';

// Session 59 (reader-a-59's pass over before-relapse): the strong ending tells a playthrough that left Rina's
// immigration question with the volunteer's own reading or a neighbour's view (d5-online, d5-friend: papers-waiting)
// that nobody has screened her for immigration relief; the mixed ending said nothing of it, its own narration telling
// such a playthrough only that "not everything that would help her next has been talked through with her". The guide
// calls it critical that an immigration attorney with trafficking expertise screen the child, through the Advocate
// Supervisor and CLC (Legal Advocacy, Immigration). The mixed ending now tells it too, where no earlier variant speaks.
describe('reader-a-59: before-relapse, the mixed ending tells what a path left waiting on immigration relief', () => {
  const s = bundledScenario('before-relapse');
  const told = (ending: string) => {
    const out: { text: string; papers: boolean; path: string[] }[] = [];
    walkPlaythroughs(s, ({ ending: end, vars, conduct, path }) => {
      if (end.id !== ending) return;
      const variant = end.variants?.find((v) => whenHolds(v.when, vars, conduct));
      out.push({ text: variant?.narration ?? end.narration ?? '', papers: Boolean(vars['papers-waiting']), path: [...path] });
    });
    return out;
  };

  it('every mixed playthrough told its own narration left nothing waiting on immigration; those that did are told it', () => {
    const mixed = told('end-mixed');
    const end = s.nodes.find((n) => n.id === 'end-mixed');
    const own = end?.kind === 'ending' ? end.narration : undefined;
    expect(mixed.some((t) => t.papers)).toBe(true);
    for (const t of mixed.filter((m) => m.text === own)) expect(t.papers, t.path.join(' ')).toBe(false);
    const screened = mixed.filter((t) => /screened her for immigration relief/.test(t.text));
    expect(screened.length).toBeGreaterThan(0);
    for (const t of screened) expect(t.papers, t.path.join(' ')).toBe(true);
  });

  it('the mixed and strong endings word the waiting screening alike', () => {
    const words = (id: string) => {
      const end = s.nodes.find((n) => n.id === id);
      return end?.kind === 'ending' ? end.variants?.find((v) => 'var' in v.when && v.when.var === 'papers-waiting')?.narration : undefined;
    };
    for (const id of ['end-strong', 'end-mixed']) expect(words(id), id).toMatch(/nobody has screened her for immigration relief, and Tita Marivic asks you about it again at Christmas\.$/);
  });
});
