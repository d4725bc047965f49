import { describe, expect, it } from 'vitest';
import { getPrinciple } from '../../src/machines/guide.js';
import { selectView } from '../../src/machines/index.js';
import { computeBest } from '../../src/machines/scoring.js';
import { sessionAfter } from '../helpers/play.js';
import { pinsFor } from '../helpers/pins.js';
import { strongAfter } from '../helpers/strong-after.js';

// saturday-shoots: Meron, 14, bisexual, Ethiopian American, in kinship care with her aunt Tigist,
// drawn toward "modelling" shoots by Nia (17, a youth herself) and an adult woman, Miss Dee.
// These pin the scenario's key scoring choices against the in-service guide.

const ID = 'saturday-shoots';
const { scenario, reply, assessment, allReplies, bestWith, strongThrough } = pinsFor(ID);

describe('saturday-shoots: a promise of secrecy', () => {
  const PROMISES = ['d3-open-secret', 'd3g-promise', 'd4-keep'];

  it.each(PROMISES)('%s breaks "discuss it with your Advocate Supervisor" (Red Flags) and never ends strong', (id) => {
    expect(assessment(id, 'consult-supervisor-on-suspicion')).toMatchObject({ verdict: 'violates', weight: 2 });
    expect(reply(id).feedback).toContain('(Red Flags)');
    expect(strongThrough(id)).toBeUndefined();
  });

  it('every mention of the mandated-reporter duty says it is CASA/LA\'s own statement (context.md), not the guide\'s', () => {
    const texts = scenario().nodes.flatMap((n) => (n.kind === 'decision' ? [n.facilitatorNote ?? '', ...n.replies.map((r) => r.feedback)] : []));
    const mentions = texts.flatMap((t) => t.split(/(?<=\.\)?)\s+/)).filter((s) => /mandated/i.test(s));
    expect(mentions.length).toBeGreaterThanOrEqual(3);
    expect(mentions.filter((s) => !s.includes("(CASA/LA's own statement, not the guide's)"))).toEqual([]);
  });

  it('after a promise then an honest "I can\'t keep it to myself", the mixed ending does not say Meron worked it out from Mr. Dawson\'s questions', () => {
    const debrief = bestWith({ 'd3-open-glad': 'd3-open-secret' });
    expect(debrief?.ending).toMatchObject({ id: 'end-mixed', kind: 'mixed' });
    expect(debrief?.ending?.narration).toContain('after promising her it would stay between you');
    expect(debrief?.ending?.narration).not.toMatch(/works out/);
  });
});

describe('saturday-shoots: the promise to come and get her', () => {
  it('is picking up (critical, weight 3) and acting as a first responder (Prohibited Activities), because Tigist\'s home is Meron\'s placement', () => {
    expect(getPrinciple('no-picking-up')?.severity).toBe('critical');
    expect(assessment('d4-rescue', 'no-picking-up')).toMatchObject({ verdict: 'violates', weight: 3 });
    expect(assessment('d4-rescue', 'not-first-responder')?.verdict).toBe('violates');
    expect(reply('d4-rescue').feedback).toContain("Tigist's home is Meron's placement (DCFS placed her there)");
    expect(reply('d4-rescue').feedback).toContain('redirect to the CSW to make arrangements');
    expect(reply('d4-rescue').feedback).toContain('(Prohibited Activities)');
  });

  it('never reaches the strong ending; after it, the best of everything else ends harmful and says so', () => {
    expect(strongThrough('d4-rescue')).toBeUndefined();
    const debrief = bestWith({ 'd4-honest': 'd4-rescue' });
    expect(debrief?.score.percent).toBe(50);
    expect(debrief?.ending).toMatchObject({ id: 'end-harmful', kind: 'harmful' });
    expect(debrief?.ending?.narration).toContain('You promised');
  });
});

describe('saturday-shoots: Meron\'s orientation is part of the story, never scored', () => {
  it('no assessment or feedback rests on a rule about sexual orientation or coming out (the guide has none)', () => {
    expect(allReplies().filter((r) => /bisexual|orientation|sexuality|coming out|come out|queer|LGBT|like girls/i.test(r.feedback)).map((r) => r.id)).toEqual([]);
  });

  it('the push to tell her aunt is scored on being youth-centered alone, and its feedback presumes nothing about her church or community', () => {
    expect(reply('d3-open-aunt').assessments).toEqual([{ principle: 'youth-centered', verdict: 'violates' }]);
    expect(reply('d3-open-aunt').feedback).toContain('(CASA Role and Expectations)');
    expect(reply('d3-open-aunt').feedback).not.toMatch(/church|community|culture/i);
  });
});

describe('saturday-shoots: Nia is seventeen, a youth herself', () => {
  it('no reply is scored as contact with a trafficker; messaging her about Miss Dee is investigating (critical, weight 3)', () => {
    expect(allReplies().filter((r) => r.assessments.some((a) => a.principle === 'no-trafficker-contact')).map((r) => r.id)).toEqual([]);
    expect(assessment('d5-nia', 'no-investigating')).toMatchObject({ verdict: 'violates', weight: 3 });
    expect(strongThrough('d5-nia')).toBeUndefined();
  });

  it('judging her to Meron is scored on staying non-judgmental, without the guide\'s note on loyalty to a trafficker', () => {
    for (const id of ['d3-open-warn', 'd3g-lecture']) {
      expect(assessment(id, 'non-judgmental')?.verdict, id).toBe('violates');
      expect(reply(id).feedback, id).toContain('remain open-minded and non-judgmental when discussing these topics (Stages of Exiting CSEC Involvement)');
      expect(reply(id).feedback, id).not.toMatch(/exploiting|trafficker|loyal/i);
      expect(reply(id).feedback, id).toContain('a youth herself');
    }
  });

  it('"Nia\'s a CSEC kid herself" earns nothing: a people-first violation, no credit for "she needs help too"', () => {
    expect(assessment('d6-csec', 'people-first-language')).toMatchObject({ verdict: 'violates', weight: 2 });
    expect(reply('d6-csec').assessments.filter((a) => a.verdict === 'follows')).toEqual([]);
    expect(reply('d6-csec').feedback).toContain('"a youth experiencing CSEC" rather than "a CSEC" (Using Appropriate Language)');
  });
});

describe('saturday-shoots: what each reply earns is what the guide says', () => {
  it('telling Tigist to take Meron\'s phone earns nothing for "your main priority is their safety" (that is reassuring the youth, whatever her choices)', () => {
    expect(assessment('d6-phone', 'safety-is-priority')).toBeUndefined();
    expect(assessment('d6-phone', 'harm-reduction-unmet-needs')?.verdict).toBe('violates');
    expect(strongThrough('d6-phone')).toBeUndefined();
  });

  it('the safety plan, for a youth who has not left, rests on the guide\'s "at risk of CSEC involvement" and is the only way to the strong ending', () => {
    expect(assessment('d7-plan', 'safety-planning')).toMatchObject({ verdict: 'follows', weight: 2 });
    expect(reply('d7-plan').feedback).toContain('for a youth at risk of CSEC involvement');
    expect(reply('d7-plan').feedback).toContain('(What if my youth returns from leaving placement?)');
    for (const id of ['d7-forbid', 'd7-cheer', 'd7-dawson']) expect(strongThrough(id), id).toBeUndefined();
  });

  it('no playthrough with a prohibited act, a secret kept from the supervisor or a label on a youth ends strong', () => {
    const watched = ['no-investigating', 'no-picking-up', 'not-first-responder', 'consult-supervisor-on-suspicion', 'people-first-language'];
    expect([...strongAfter(scenario(), watched).entries()]).toEqual([]);
  });
});

// A second reader (contentfix-41, finding 1): d4-dawson said "I'm calling Mr. Dawson tonight", but the story
// never made the call, still offered an email to him at d5-car, and scored 0 where the like replies that leave a
// youth's fear unanswered (jae d2-rule, couch d3-law, youth-discloses d4-call-now) lose youth-centered 1.
describe('saturday-shoots: the call to Mr. Dawson that d4-dawson promises', () => {
  it('happens in the story, and d5-car then offers no second contact to him', () => {
    const d4 = scenario().nodes.find((n) => n.id === 'd4-secret');
    const next = d4?.kind === 'decision' ? d4.replies.find((r) => r.id === 'd4-dawson')?.next : undefined;
    const scene = scenario().nodes.find((n) => n.id === next);
    expect(scene?.kind).toBe('scene');
    expect(scene?.kind === 'scene' ? scene.narration : '').toMatch(/you call Mr\. Dawson[^.]*\. He picks up/);
    expect(scene?.kind === 'scene' ? scene.next : '').toBe('d5-car');
    const best = computeBest(scenario()).path.map((s) => s.replyId);
    const upTo = best.slice(0, best.indexOf('d4-honest'));
    const offered = (d4Reply: string) => {
      const actor = sessionAfter(scenario(), [...upTo, d4Reply]);
      const view = selectView(scenario(), actor.getSnapshot());
      expect(view.nodeId).toBe('d5-car');
      return view.replies.filter((r) => r.enabled).map((r) => r.id).sort();
    };
    expect(offered('d4-dawson')).toEqual(['d5-leah', 'd5-nia', 'd5-wait']);
    expect(offered('d4-honest')).toContain('d5-email');
  });

  it('is scored like the other replies that settle the step and leave the youth\'s fear unanswered, and the mixed ending says the call was made', () => {
    expect(assessment('d4-dawson', 'youth-centered')).toMatchObject({ verdict: 'violates' });
    expect(reply('d4-dawson').feedback).toContain('(CASA Role and Expectations)');
    expect(reply('d4-dawson').text).not.toMatch(/sit on this/);
    const debrief = bestWith({ 'd4-honest': 'd4-dawson' });
    expect(debrief?.ending?.kind).toBe('mixed');
    expect(debrief?.ending?.narration).toContain('you were calling Mr. Dawson that night, and you did');
  });
});
