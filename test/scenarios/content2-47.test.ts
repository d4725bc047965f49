import { describe, expect, it } from 'vitest';
import type { Next } from '../../src/machines/schema/scenario.js';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';

// Session content2-47: follow-ups from content-47's fresh read of couch-rent, saturday-shoots and whereabouts-unknown.
// (The supervisor's name is guarded in content-47.test.ts, now over every bundled scenario; the not-first-responder
// credits in prohibited-not-strength.test.ts.)

const targets = (next: Next): string[] => (typeof next === 'string' ? [next] : next.map((r) => r.to));
const scene = (id: string, nodeId: string) => {
  const n = bundledScenario(id).nodes.find((x) => x.id === nodeId);
  if (n?.kind !== 'scene') throw new Error(`${id} has no scene ${nodeId}`);
  return n;
};
const sceneText = (id: string, nodeId: string) => {
  const n = scene(id, nodeId);
  return [n.narration ?? '', ...(n.lines ?? []).map((l) => l.text)].join(' ');
};

describe('session content2-47: what the next scene says follows from the reply before it', () => {
  // couch-rent d1-fix: "Wait here, I'm going to go talk to Mr. Boyd right now." The next scene went on at the bench
  // ("Arev goes back to the drawing on the tablet") without saying whether you went.
  it('couch-rent d1-fix: the scene after it says you went inside to Mr. Boyd, then carries on at the bench as before', () => {
    const after = targets(bundledReply('couch-rent', 'd1-bench', 'd1-fix').next);
    expect(after).toEqual(['s1-fix']);
    expect(scene('couch-rent', 's1-fix').narration).toMatch(/^You go inside and find Mr\. Boyd[^]*When you come back out, Arev is still on the bench\.$/);
    expect(targets(scene('couch-rent', 's1-fix').next).sort()).toEqual(['s1-guarded', 's1-open']);
    for (const id of ['d1-promise', 'd1-heard', 'd1-staff']) {
      expect(targets(bundledReply('couch-rent', 'd1-bench', id).next).sort(), id).toEqual(['s1-guarded', 's1-open']);
    }
  });

  // saturday-shoots d2-sewing: "Forget the shoes. Show me what you've been making?" led to s2-guarded, where Meron
  // answered who got the shoes ("A friend got them. Nia."), a question nobody had asked.
  it('saturday-shoots d2-sewing: Meron shows the sewing, and brings up the shoes herself before she speaks of Nia', () => {
    expect(targets(bundledReply('saturday-shoots', 'd2-shoes', 'd2-sewing').next)).toEqual(['s2-sewing']);
    const text = sceneText('saturday-shoots', 's2-sewing');
    expect(text).toMatch(/green satin/);
    expect(text).toMatch(/Auntie's gonna tell you about the shoes anyway\. A friend got them\. Nia\./);
    expect(targets(scene('saturday-shoots', 's2-sewing').next)).toEqual(['d3-guarded']);
    // The replies that do ask about the shoes still lead to her answer.
    for (const id of ['d2-pile', 'd2-light', 'd2-direct']) {
      expect(targets(bundledReply('saturday-shoots', 'd2-shoes', id).next).sort(), id).toEqual(['s2-guarded', 's2-open']);
    }
  });

  // saturday-shoots s6-exposed: "Miss Dee blocked Nia", then "Nia says I can still come Saturday": if Miss Dee had
  // blocked Nia, Nia could not offer Meron Saturday's shoot.
  it('saturday-shoots s6-exposed: Miss Dee does not block Nia in the same breath as Nia inviting Meron to her shoot', () => {
    const text = sceneText('saturday-shoots', 's6-exposed');
    expect(text).not.toMatch(/blocked Nia/);
    expect(text).toMatch(/Miss Dee made Nia take it down, and now everybody thinks I'm a snitch\. Nia says I can still come Saturday/);
  });

  // whereabouts-unknown d3-updates: Mr. Nasser's line had no setting (a call? a text? he is not in the scene).
  it('whereabouts-unknown d3-updates: Mr. Nasser\'s line is a text, and the decision says so', () => {
    const d = bundledDecision('whereabouts-unknown', 'd3-updates');
    expect(d.narration).toBe('That morning, a text from Mr. Nasser:');
    expect(d.lines?.map((l) => l.character)).toEqual(['nasser']);
  });
});

// whereabouts-unknown: d5-where's "Just tell me you're coming home" lost 2 for not respecting her mindset, right after
// "i just cant come back rn"; d6-come-home's "Come home tonight.", in the same conversation, was not scored for it.
describe('session content2-47: asking Dez to come home, after she said she can\'t yet, is scored the same way wherever it is said', () => {
  it('every reply in that night\'s conversation that asks her to come home goes against respecting her mindset', () => {
    const asking = ['d5-text', 'd6-feelings'].flatMap((d) => bundledDecision('whereabouts-unknown', d).replies.filter((r) => /come home|coming home/i.test(r.text)));
    expect(asking.map((r) => r.id)).toEqual(['d5-where', 'd6-come-home']);
    for (const r of asking) {
      expect(r.assessments.find((a) => a.principle === 'respect-mindset-boundaries')?.verdict, r.id).toBe('violates');
      expect(r.feedback, r.id).toMatch(/respect her mindset and keep healthy boundaries \(What if my youth left placement or their whereabouts are unknown\?\)/);
    }
    expect(bundledReply('whereabouts-unknown', 'd6-feelings', 'd6-come-home').assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`)).toEqual([
      'remain-accepting follows 1',
      'validate-loss violates 1',
      'respect-mindset-boundaries violates 1',
    ]);
  });
});
