import { describe, expect, it } from 'vitest';
import { whenHolds } from '../../src/machines/conditions.js';
import { bundledScenario } from '../helpers/bundled.js';
import { walkPlaythroughs } from '../helpers/walk.js';

// Session 60 (reader-a-60's pass over youth-discloses, red-flags and harm-reduction against the guide).
// What each red-flags playthrough is told at its ending, with the replies it took.
const redFlags = bundledScenario('red-flags');
const toldAt = (kind: 'strong' | 'mixed') => {
  const out: { text: string; path: string[] }[] = [];
  walkPlaythroughs(redFlags, ({ ending, vars, conduct, path }) => {
    if (ending.ending !== kind) return;
    const variant = ending.variants?.find((v) => whenHolds(v.when, vars, conduct));
    out.push({ text: variant?.narration ?? ending.narration ?? '', path: [...path] });
  });
  return out;
};
const strong = toldAt('strong');
const mixed = toldAt('mixed');

// r-immigration-guess tells Yesi, who has just said she has no papers and asked whether testifying could get her
// sent back, "If you testify, you automatically get a visa, so you'll be fine." Its feedback: only an immigration
// attorney with trafficking expertise can screen her, and "A wrong promise here could shape a big decision" (Legal
// Advocacy: it is critical that such an attorney screen the child; consult the Advocate Supervisor to connect with
// one at CLC). The strong ending then shows her on the morning of the hearing ("court nails. u coming right") and
// said only that "something her team needed from you did not reach them", as it says of a text to Keisha's cell;
// the mixed ending said the same. Both now say what it was, as before-relapse's endings do for Rina (reader-a-59).
describe('reader-a-60: red-flags, the endings tell a playthrough that promised Yesi a visa for testifying what it left undone', () => {
  const visa = /you told her testifying would get her a visa/;

  it('every strong playthrough that made the promise is told it, with the screening it never reached; no other is', () => {
    const promised = strong.filter((t) => t.path.includes('r-immigration-guess'));
    expect(promised.length).toBeGreaterThan(0);
    for (const t of promised) {
      expect(t.text, t.path.join(' ')).toMatch(visa);
      expect(t.text, t.path.join(' ')).toMatch(/never took her question to Alma, who could connect her with an immigration attorney at CLC/);
      expect(t.text, t.path.join(' ')).toMatch(/court nails\. u coming right/);
    }
    for (const t of strong.filter((s) => visa.test(s.text))) expect(t.path, t.path.join(' ')).toContain('r-immigration-guess');
  });

  it('every mixed playthrough that made the promise and is told what did not reach her team is told it was this', () => {
    const promised = mixed.filter((t) => t.path.includes('r-immigration-guess') && /something her team needed from you did not reach them/.test(t.text));
    expect(promised.length).toBeGreaterThan(0);
    for (const t of promised) expect(t.text, t.path.join(' ')).toMatch(visa);
    for (const t of mixed.filter((s) => visa.test(s.text))) expect(t.path, t.path.join(' ')).toContain('r-immigration-guess');
  });
});
