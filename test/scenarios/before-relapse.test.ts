import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { pinsFor } from '../helpers/pins.js';

// before-relapse: Rina, 16, Filipino American, three good months in kinship care with her aunt's
// family in West Covina. Since version 16 she is a lesbian, out at home, with a girlfriend, Joy: part of
// who she is in the story. The guide says nothing about sexual orientation, so nothing is scored on it.

const ID = 'before-relapse';
const { scenario, allReplies } = pinsFor(ID);

/** The narration and lines of a node, joined. */
function told(s: Scenario, nodeId: string): string {
  const n = s.nodes.find((x) => x.id === nodeId);
  if (!n) throw new Error(`${ID} has no node ${nodeId}`);
  return `${'narration' in n ? n.narration ?? '' : ''} ${'lines' in n ? (n.lines ?? []).map((l) => l.text).join(' ') : ''}`;
}

const ORIENTATION = /lesbian|girlfriend|\bJoy\b|orientation|sexuality|coming out|come out|queer|LGBT|gay/i;

describe('before-relapse: Rina is a lesbian, and it is part of who she is', () => {
  it('her description says so, with her girlfriend by name', () => {
    const rina = scenario().characters.find((c) => c.id === 'rina');
    expect(rina?.role).toBe('youth');
    expect(rina?.description).toMatch(/She is a lesbian and out at home; her girlfriend, Joy,/);
  });

  // Rina names Joy in the scene after d1, whichever reply was chosen (since v22 each reply has its own:
  // s1-triggers, s1-jinx, s1-normal): the opening narration must have said who Joy is, or a volunteer meets a
  // name the story never gave.
  it('the opening introduces Joy as her girlfriend before Rina names her, on every path', () => {
    const s = scenario();
    expect(s.start).toBe('s0-sunday');
    expect(told(s, 's0-sunday')).toContain('her girlfriend, Joy,');
    const d1 = s.nodes.find((n) => n.id === 'd1-good');
    const scenes = d1?.kind === 'decision' ? d1.replies.map((r) => r.next) : [];
    expect(scenes).toEqual(['s1-triggers', 's1-jinx', 's1-normal']);
    expect(told(s, 's1-triggers')).toMatch(/And dance\. And Joy, obviously\./);
    for (const scene of scenes) expect(told(s, String(scene)), String(scene)).toMatch(/\bJoy\b/);
  });

  it('Joy is among what helps her, never among her triggers nor in the endings that go badly', () => {
    const s = scenario();
    expect(told(s, 's2-open')).not.toMatch(ORIENTATION);
    for (const id of ['end-mixed', 'end-guarded']) {
      const end = s.nodes.find((n) => n.id === id);
      const texts = end?.kind === 'ending' ? [end.narration ?? '', ...(end.variants ?? []).map((v) => v.narration)] : [];
      expect(texts.length, id).toBeGreaterThan(0);
      for (const t of texts) expect(t, id).not.toMatch(ORIENTATION);
    }
  });

  it('no text assumes Rina has a boyfriend: the only boyfriend in the story is Paolo\'s', () => {
    const { authorNotes: _notes, ...shown } = scenario();
    const sentences = JSON.stringify(shown).split(/(?<=[.!?])\s+|"/).filter((t) => /\bboyfriend\b/i.test(t));
    expect(sentences).toEqual(['He is gay and out to the family, brings his boyfriend Migs to Sunday lunch, and is the one Rina texts first.']);
  });
});

describe('before-relapse: nothing is scored on her orientation (the guide has no rule about it)', () => {
  // A reply naming her girlfriend (in the court report, to her family) would be scored on a rule the guide does not have.
  it('no reply, feedback, facilitator note or discussion prompt mentions it or Joy', () => {
    const s = scenario();
    const decisions = s.nodes.flatMap((n) => (n.kind === 'decision' ? [n] : []));
    expect(allReplies().filter((r) => ORIENTATION.test(`${r.text} ${r.feedback}`)).map((r) => r.id)).toEqual([]);
    expect(decisions.filter((n) => ORIENTATION.test(`${n.facilitatorNote ?? ''} ${n.discussionPrompt ?? ''}`)).map((n) => n.id)).toEqual([]);
  });
});
