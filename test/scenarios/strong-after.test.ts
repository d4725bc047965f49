import { describe, expect, it } from 'vitest';
import { principles } from '../../src/machines/guide.js';
import { bundledScenario } from '../helpers/bundled.js';
import { playReplies } from '../helpers/play.js';
import { strongAfter } from '../helpers/strong-after.js';

// The search behind the "no playthrough that … ends strong" checks (outcomes, content-review,
// saturday-shoots) passes when it finds nothing; these check that what it finds is real, played
// through the machine: the replies in order, ending strong, the principle broken or the reply taken.
describe('strongAfter', () => {
  it.each(['left-placement-calls', 'dual-involvement'])('%s: each playthrough it finds breaks its principle and ends strong', (id) => {
    const s = bundledScenario(id);
    const found = strongAfter(s, principles.map((p) => p.id));
    expect(found.size).toBeGreaterThan(0);
    for (const [principle, path] of found) {
      const debrief = playReplies(s, path);
      expect(debrief?.ending?.kind, `${principle}: ${path.join(', ')}`).toBe('strong');
      expect(debrief?.principles.find((p) => p.principleId === principle)?.status, `${principle}: ${path.join(', ')}`).toBe('violated');
    }
  });

  it('given a reply to take (through), it finds a playthrough that takes it and ends strong, and stops there (first)', () => {
    const s = bundledScenario('left-placement-calls');
    const [, path] = [...strongAfter(s, principles.map((p) => p.id))][0] ?? [];
    const through = path?.at(-1) as string;
    const found = strongAfter(s, [], { through, first: true });
    expect([...found.keys()]).toEqual([through]);
    expect(found.get(through)).toContain(through);
    expect(playReplies(s, found.get(through) ?? [])?.ending?.kind).toBe('strong');
  });
});
