import { describe, expect, it } from 'vitest';
import { conditionsOf, whenHolds } from '../../src/machines/conditions.js';
import { scoreOf } from '../../src/machines/conduct.js';
import { getPrinciple } from '../../src/machines/guide.js';
import type { EndingNode, Reply } from '../../src/machines/schema/scenario.js';
import { computeBest, outcomeOf, STRONG_FROM, type OutcomeBand } from '../../src/machines/scoring.js';
import { pinsFor } from '../helpers/pins.js';
import { walkPlaythroughs } from '../helpers/walk.js';
import { playReplies } from '../helpers/play.js';
import { strongAfter } from '../helpers/strong-after.js';

// jae-and-hyung: Jae, 16, a transgender boy, Korean American, undocumented, home with his mother
// (Ms. Yoon) under the court's supervision, exploited by his adult cousin Sung-min, who takes money
// from an older man for time with him and uses the family's papers to keep him quiet.
// These pin the scenario's key scoring choices against the in-service guide.

const ID = 'jae-and-hyung';
const { scenario, reply, assessment, allReplies, bestWith, strongThrough } = pinsFor(ID);

interface Playthrough {
  replies: string[];
  percent: number;
  critical: number;
  band: OutcomeBand;
  ending: EndingNode;
  /** What the ending tells: "narration", or "variant:<flag>" for the first variant whose flag holds. */
  told: string;
  narration: string;
}

/** Every playthrough the scenario allows, one by one (no states merged), scene effects applied: replies, score, band and what the ending tells. */
function playthroughs(): Playthrough[] {
  const out: Playthrough[] = [];
  walkPlaythroughs(scenario(), ({ ending, vars, conduct, path }) => {
    const percent = scoreOf(conduct);
    const variant = ending.variants?.find((v) => whenHolds(v.when, vars, conduct));
    const flag = variant ? conditionsOf(variant.when).map((c) => ('var' in c ? c.var : '?')).join('+') : undefined;
    out.push({ replies: path, percent, critical: conduct.critical, band: outcomeOf(percent, conduct.critical).band, ending, told: flag ? `variant:${flag}` : 'narration', narration: variant?.narration ?? ending.narration });
  });
  return out;
}

describe('jae-and-hyung: the best path', () => {
  it('is the one the report names, and plays to 100% on the strong ending', () => {
    const best = computeBest(scenario()).path.map((step) => step.replyId);
    expect(best).toEqual(['d1-ask', 'd2-honest', 'd3-ruth', 'd4-decline', 'd5-clc', 'd6-loss', 'd7-support']);
    const debrief = playReplies(scenario(), best);
    expect(debrief?.score.percent).toBe(100);
    expect(debrief?.ending).toMatchObject({ id: 'end-strong', kind: 'strong' });
  });
});

describe('jae-and-hyung: immigration (Legal Advocacy)', () => {
  it('the best answer to "could they send Umma back?" goes through the Advocate Supervisor to CLC\'s immigration attorney, without a guess', () => {
    expect(assessment('d5-clc', 'immigration-screening')).toMatchObject({ verdict: 'follows', weight: 2 });
    expect(reply('d5-clc').feedback).toContain('an immigration attorney with trafficking expertise');
    expect(reply('d5-clc').feedback).toContain('consult your Advocate Supervisor to connect with an immigration attorney at CLC (Legal Advocacy)');
  });

  it.each(['d5-promise', 'd5-research', 'd5-quiet'])('%s (a promise, a weekend of reading, papers left out) breaks immigration screening', (id) => {
    expect(assessment(id, 'immigration-screening')).toMatchObject({ verdict: 'violates', weight: 2 });
    expect(reply(id).feedback).toContain('(Legal Advocacy)');
  });

  it.each(['d5-promise', 'd5-research'])('%s (a guess or a weekend of reading) scores under 80 on the best path and never ends strong', (id) => {
    expect(bestWith({ 'd5-clc': id })?.score.percent).toBeLessThan(80);
    expect(strongThrough(id)).toBeUndefined();
  });

  it('an answer that sends his question to the monthly check-in says in the ending that it waited: mixed under 80%, strong in the Strong band (papers left out, 83%)', () => {
    for (const id of ['d5-promise', 'd5-research']) {
      const debrief = bestWith({ 'd5-clc': id });
      expect(debrief?.ending, id).toMatchObject({ id: 'end-mixed', kind: 'mixed' });
      expect(debrief?.ending?.narration, id).toContain('waited two weeks');
    }
    const quiet = bestWith({ 'd5-clc': 'd5-quiet' });
    expect(quiet?.outcome.band).toBe('strong');
    expect(quiet?.ending).toMatchObject({ id: 'end-strong', kind: 'strong' });
    expect(quiet?.ending?.narration).toContain('waited two weeks');
    expect(quiet?.ending?.narration).toContain('the immigration attorney at CLC');
    expect(playReplies(scenario(), computeBest(scenario()).path.map((step) => step.replyId))?.ending?.narration).not.toContain('waited two weeks');
  });

  it('putting the screening off is a near miss (self-determination kept, screening not), and the ending says it was put off', () => {
    expect(reply('d7-wait').assessments).toEqual([
      { principle: 'harm-reduction-self-determination', verdict: 'follows' },
      { principle: 'immigration-screening', verdict: 'violates' },
      // Asking Ms. Haddad for a date works with his CSW (missed-truth-43).
      { principle: 'csw-partnership', verdict: 'follows' },
    ]);
    const debrief = bestWith({ 'd7-support': 'd7-wait' });
    expect(debrief?.ending).toMatchObject({ id: 'end-mixed', kind: 'mixed' });
    expect(debrief?.ending?.narration).toContain('still hasn\'t met the immigration attorney');
  });

  it('no reply, scene or ending says what will happen to his or his mother\'s status (the guide leaves that to the attorney\'s screening)', () => {
    const told = scenario().nodes.flatMap((n) => [
      n.kind === 'ending' ? [n.narration, ...(n.variants ?? []).map((v) => v.narration)] : [],
      'narration' in n && n.narration && n.kind !== 'ending' ? [n.narration] : [],
    ].flat());
    expect(told.filter((t) => /green card|visa|(is|are|will be) (safe|deported)|won't be deported|can stay/i.test(t))).toEqual([]);
    expect(reply('d5-promise').feedback).toContain('neither of you knows');
  });
});

describe('jae-and-hyung: Sung-min, the person exploiting Jae', () => {
  const CONTACT = ['d4-listen', 'd4-confront', 'd4-text'];

  it.each(CONTACT)('%s is communication with a trafficker (critical, weight 3), quoted as the guide writes it, and ends harmful', (id) => {
    expect(getPrinciple('no-trafficker-contact')?.severity).toBe('critical');
    expect(assessment(id, 'no-trafficker-contact')).toMatchObject({ verdict: 'violates', weight: 3 });
    expect(reply(id).feedback).toContain('should not initiate or have any communication with a youth\'s trafficker (Prohibited Activities)');
    expect(reply(id).feedback).toContain('the person exploiting Jae');
    const debrief = bestWith({ 'd4-decline': id });
    expect(debrief?.ending).toMatchObject({ id: 'end-harmful', kind: 'harmful' });
    // After the dinner the whole family saw it; only the text to him is passed on in his own version (storya-51).
    expect(debrief?.ending?.narration).toContain(id === 'd4-text' ? 'his own version' : 'you sat at a table with Sung-min, and the whole family saw it');
  });

  it('a polite text pointing him to the CSW earns nothing for working with the CSW: it is still a message to him', () => {
    expect(reply('d4-text').text).toContain('Ms. Haddad');
    expect(reply('d4-text').assessments.filter((a) => a.verdict === 'follows')).toEqual([]);
  });

  it('going to the dinner for Ms. Yoon\'s sake earns nothing for being youth-centered or culturally sensitive: it is a prohibited act that puts Jae\'s safety at risk', () => {
    expect(reply('d4-listen').assessments).toEqual([{ principle: 'no-trafficker-contact', verdict: 'violates', weight: 3 }]);
    expect(reply('d4-listen').feedback).not.toMatch(/culturally sensitive/);
  });

  it('no reply is scored as contact with a trafficker before the team understands Sung-min to be the person exploiting Jae (d4)', () => {
    const scored = allReplies().filter((r) => r.assessments.some((a) => a.principle === 'no-trafficker-contact')).map((r) => r.id);
    expect(scored.sort()).toEqual(['d4-confront', 'd4-decline', 'd4-listen', 'd4-text']);
    const november = scenario().nodes.find((n) => n.id === 's4-weeks');
    expect(november && 'narration' in november ? november.narration : '').toContain('understands Sung-min to be the person exploiting Jae');
  });

  it('telling Jae his cousin is using him is scored on staying non-judgmental (Stages of Exiting CSEC Involvement), wherever it is said', () => {
    for (const id of ['d2-scam', 'd6-truth', 'd7-push']) {
      expect(assessment(id, 'non-judgmental'), id).toMatchObject({ verdict: 'violates', weight: 2 });
      expect(reply(id).feedback, id).toContain('remain open-minded and non-judgmental when discussing these topics (Stages of Exiting CSEC Involvement)');
    }
  });
});

describe('jae-and-hyung: taking the worry to the Advocate Supervisor (Red Flags)', () => {
  it.each(['d2-keep', 'd2s-promise'])('the promise of secrecy %s breaks it, says the mandated-reporter duty is CASA/LA\'s own statement, and never ends strong', (id) => {
    expect(assessment(id, 'consult-supervisor-on-suspicion')).toMatchObject({ verdict: 'violates', weight: 2 });
    expect(reply(id).feedback).toContain('(Red Flags)');
    expect(reply(id).feedback).toContain("mandated reporters once sworn in (CASA/LA's own statement, not the guide's)");
    expect(strongThrough(id)).toBeUndefined();
  });

  it('every mention of mandated reporting says it is CASA of Los Angeles\'s, not the guide\'s', () => {
    const texts = scenario().nodes.flatMap((n) => [
      ...(n.kind === 'decision' ? [n.facilitatorNote ?? '', ...n.replies.map((r) => r.feedback)] : []),
      ...('lines' in n ? (n.lines ?? []).map((l) => l.text) : []),
    ]);
    const mentions = texts.flatMap((t) => t.split(/(?<=\.\)?)\s+/)).filter((s) => /mandated/i.test(s));
    expect(mentions.length).toBeGreaterThanOrEqual(4);
    expect(mentions.filter((s) => !s.includes("(CASA/LA's own statement, not the guide's)") && !s.startsWith('CASA of Los Angeles tells volunteers'))).toEqual([]);
  });

  it('calling the police first is scored only as deciding alone and telling Ruth afterwards (the guide has no rule about police), at weight 1 as a call to the CSW would be, and never ends strong', () => {
    expect(reply('d3-police').assessments).toEqual([{ principle: 'consult-supervisor-on-suspicion', verdict: 'violates' }]);
    expect(reply('d3-police').feedback).toContain('(Red Flags)');
    expect(strongThrough('d3-police')).toBeUndefined();
    const debrief = bestWith({ 'd3-ruth': 'd3-police' });
    expect(debrief?.ending).toMatchObject({ id: 'end-mixed', kind: 'mixed' });
    expect(debrief?.ending?.narration).toContain('a police officer came to the apartment');
  });

  it('looking through Sung-min\'s Instagram is investigating (critical, weight 3, Prohibited Activities) and ends harmful', () => {
    expect(assessment('d3-search', 'no-investigating')).toMatchObject({ verdict: 'violates', weight: 3 });
    expect(reply('d3-search').feedback).toContain('(Prohibited Activities)');
    const debrief = bestWith({ 'd3-ruth': 'd3-search' });
    expect(debrief?.score.percent).toBe(50);
    expect(debrief?.ending).toMatchObject({ id: 'end-harmful', kind: 'harmful' });
  });
});

describe('jae-and-hyung: what else each reply earns is what the guide says', () => {
  it('promising to recommend the move breaks "review recommendations with your Advocate Supervisor" (Potential Recommendations) and never ends strong', () => {
    expect(assessment('d1-promise', 'review-recommendations')).toMatchObject({ verdict: 'violates', weight: 2 });
    expect(reply('d1-promise').feedback).toContain('(Potential Recommendations)');
    expect(strongThrough('d1-promise')).toBeUndefined();
  });

  it('the promise to come and get him from the studio is picking up (weight 3) and acting as a first responder, because his home is his placement', () => {
    expect(assessment('d6-rescue', 'no-picking-up')).toMatchObject({ verdict: 'violates', weight: 3 });
    // Weighed as the set weighs the same promise (harm-reduction d3-ride, youth-relapses d4-call-me: not-first-responder at 1).
    expect(assessment('d6-rescue', 'not-first-responder')).toMatchObject({ verdict: 'violates' });
    expect(assessment('d6-rescue', 'not-first-responder')?.weight ?? 1).toBe(1);
    expect(reply('d6-rescue').feedback).toContain('leaving home without permission');
    expect(reply('d6-rescue').feedback).toContain('redirect to the CSW to make arrangements');
    const debrief = bestWith({ 'd6-loss': 'd6-rescue' });
    expect(debrief?.ending).toMatchObject({ id: 'end-harmful', kind: 'harmful' });
    expect(debrief?.ending?.narration).toContain('You promised');
  });

  it('suggesting a goodbye meeting breaks "validate the loss, not the return"; at 83% it still ends mixed, and the ending tells the meeting', () => {
    expect(assessment('d6-goodbye', 'validate-loss')).toMatchObject({ verdict: 'violates', weight: 2 });
    const debrief = bestWith({ 'd6-loss': 'd6-goodbye' });
    expect(debrief?.score.percent).toBeGreaterThanOrEqual(80);
    expect(debrief?.ending).toMatchObject({ id: 'end-mixed', kind: 'mixed' });
    expect(debrief?.ending?.narration).toContain('to say goodbye');
  });

  it('the practical help with the screening rests on the guide\'s own list (Legal Advocacy)', () => {
    expect(assessment('d7-support', 'legal-support')).toMatchObject({ verdict: 'follows', weight: 2 });
    expect(reply('d7-support').feedback).toContain('assisting with transportation arrangements, confirming court dates, and so on');
  });

  it('Jae\'s gender identity is part of the story, never scored: no feedback rests on a rule about names, pronouns or gender identity (the guide has none)', () => {
    expect(allReplies().filter((r) => /transgender|pronoun|gender identity|misgender|deadnam|chosen name|old name/i.test(r.feedback)).map((r) => r.id)).toEqual([]);
  });

  it('as across the set, no playthrough with a prohibited act or under 80% ends strong (every playthrough tried)', () => {
    const all = playthroughs();
    expect(all.length).toBeGreaterThan(1000);
    expect(all.filter((p) => p.ending.ending === 'strong' && (p.critical > 0 || p.percent < STRONG_FROM)).map((p) => p.replies.join(' '))).toEqual([]);
  });

  it('a playthrough the debrief calls Strong ends strong, unless its story changed and the mixed ending says how (a broken promise, the police at the door, the goodbye meeting, the screening put off)', () => {
    const strongBand = playthroughs().filter((p) => p.band === 'strong');
    // Played through the machine too: the debrief's band and ending are what this enumeration says.
    for (const p of strongBand) expect([playReplies(scenario(), p.replies)?.outcome.band, playReplies(scenario(), p.replies)?.ending?.id], p.replies.join(' ')).toEqual([p.band, p.ending.id]);
    const worse = strongBand.filter((p) => p.ending.ending !== 'strong');
    // Each ends mixed on a variant of its own (not the ending's plain narration), told for a flag the story set.
    expect(worse.map((p) => [p.ending.id, p.told])).toEqual(worse.map(() => ['end-mixed', expect.stringMatching(/^variant:(vouched|promised|police|goodbye|postponed)$/)]));
    expect(new Set(worse.map((p) => p.told)).size).toBe(worse.length);
    const told = (flag: string) => worse.find((p) => p.told === `variant:${flag}`)?.narration ?? '';
    expect(told('vouched')).toContain("that you said you'd put living with Sung-min in your report, and that you didn't");
    expect(told('promised')).toContain('you promised it would stay with you, and he knows now that you went to Ruth about Sung-min anyway');
    expect(told('police')).toContain('a police officer came to the apartment asking about Sung-min, or that it was your call that sent him');
    expect(told('goodbye')).toContain('he meets Sung-min for coffee "to say goodbye", as you suggested');
    expect(told('postponed')).toContain("By June he still hasn't met the immigration attorney at CLC");
    // Jae's question waiting for the check-in changes nothing that happens: it ends strong, and says it waited.
    // Telling him "that's the rule" (d2-rule) takes the worry to the supervisor and misses only his fear for Umma (youth-centered, 1): 91%, and nothing in the story changes.
    // Asking Ruth to keep Ms. Haddad out until Jae is ready (d3-keep-csw-out, session 42) takes the worry to the supervisor and
    // misses only the open line with the CSW (team-communication, 1): 91%, or 83% with d2-rule; Ruth still calls Ms. Haddad.
    expect(strongBand.filter((p) => p.ending.ending === 'strong').map((p) => `${p.percent} ${p.told}`).sort()).toEqual(['100 narration', '83 narration', '83 variant:delayed', '91 narration', '91 narration']);
    expect(strongBand.filter((p) => p.ending.ending === 'strong' && p.percent === 83 && p.told === 'narration').map((p) => p.replies.filter((r) => ['d2-rule', 'd3-keep-csw-out'].includes(r)).sort().join(' '))).toEqual(['d2-rule d3-keep-csw-out']);
  });

  it('no playthrough with a prohibited act, a secret kept from the supervisor, an unreviewed recommendation or a goodbye meeting ends strong', () => {
    const watched = ['no-investigating', 'no-trafficker-contact', 'no-picking-up', 'not-first-responder', 'consult-supervisor-on-suspicion', 'review-recommendations', 'validate-loss'];
    expect([...strongAfter(scenario(), watched).entries()]).toEqual([]);
  });
});

describe('jae-and-hyung: the wording does not give the answer away, and quotes the guide as written', () => {
  const decisions = () => scenario().nodes.flatMap((n) => (n.kind === 'decision' ? [n] : []));
  const value = (r: Reply) => r.assessments.reduce((sum, a) => sum + (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1), 0);
  const bestAt = (replies: readonly Reply[]) => replies.filter((r) => value(r) === Math.max(...replies.map(value)));

  it('the best reply is never the longest, and the second-longest at no more than three decisions', () => {
    const longest: string[] = [];
    const second: string[] = [];
    for (const n of decisions()) for (const best of bestAt(n.replies)) {
      const longer = n.replies.filter((r) => r.text.length > best.text.length).length;
      if (n.replies.every((r) => r === best || r.text.length < best.text.length)) longest.push(n.id);
      if (longer === 1) second.push(n.id);
    }
    expect(longest).toEqual([]);
    expect(second.length, second.join(', ')).toBeLessThanOrEqual(3);
  });

  it('wherever the best reply names the supervisor, the CSW or CLC, a wrong reply names them too', () => {
    const people = [/\b(supervisor|Ruth)\b/i, /Ms\. Haddad/, /\bCLC\b/];
    const alone: string[] = [];
    for (const n of decisions()) for (const who of people) {
      const naming = n.replies.filter((r) => who.test(r.text));
      const best = bestAt(n.replies);
      if (naming.some((r) => best.includes(r)) && naming.every((r) => best.includes(r))) alone.push(`${n.id} ${who.source}`);
    }
    expect(alone).toEqual([]);
    // At d2-open the near miss d2-rule names the supervisor too, so the secret no longer has to say "not even my supervisor".
    expect(reply('d2-rule').text).toMatch(/my supervisor/);
    expect(reply('d2-keep').text).not.toMatch(/supervisor/);
    expect(reply('d2-keep').feedback).toMatch(/would keep it from your supervisor too/);
  });

  it('the room\'s discussion prompts do not state the answer', () => {
    const prompts = decisions().map((n) => n.discussionPrompt ?? '');
    expect(prompts.filter((p) => /honestly|make room for missing|possible for him to walk in|and who would\?|understand before you say|tell you about what Jae needs/i.test(p))).toEqual([]);
  });

  it('Red Flags is quoted as written: it may be appropriate to ask for more information, not "lightly"', () => {
    const texts = decisions().flatMap((n) => [n.facilitatorNote ?? '', ...n.replies.map((r) => r.feedback)]);
    expect(texts.filter((t) => /lightly|light question/i.test(t))).toEqual([]);
    for (const id of ['d1-grill', 'd2s-press']) expect(reply(id).feedback, id).toMatch(/may be appropriate to ask .*but not to interrogate/);
  });

  it('what Jae tells his CSEC CSW stays his choice: leaving papers out is faulted only for leaving him unscreened, and no reply or feedback asks for anyone\'s status to be reported', () => {
    expect(reply('d5-quiet').feedback).toContain('what he tells Mr. Serrano can stay his choice');
    expect(reply('d5-quiet').feedback).toContain('(Legal Advocacy)');
    expect(allReplies().filter((r) => /report\w* (his|her|their|the family's|anyone's)? ?(immigration )?status|tell (Mr\. Serrano|Ms\. Haddad|DCFS) about (his|the family's|their) papers/i.test(`${r.text} ${r.feedback}`)).map((r) => r.id)).toEqual([]);
  });

  it('Mr. Serrano, named from November on, is in Who\'s who as his CSEC CSW; CLC\'s attorney is described in the guide\'s words', () => {
    expect(scenario().characters.find((c) => c.name === 'Mr. Serrano')).toMatchObject({ role: 'CSEC CSW at DCFS' });
    for (const id of ['s5-clc', 's5-later']) {
      const n = scenario().nodes.find((x) => x.id === id);
      expect(n && 'narration' in n ? n.narration : '', id).toContain('manages cases for youth with immigration needs');
    }
  });
});
