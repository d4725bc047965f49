import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { exploreScenario } from '../../src/machines/audit/explore.js';
import { applyEffects, initialVariables, whenHolds, type Variables } from '../../src/machines/conditions.js';
import { conductAfter, conductStart, type Conduct } from '../../src/machines/conduct.js';
import { getPrinciple, principles, uncitedSectionOf } from '../../src/machines/guide.js';
import { compileScenario, type Debrief } from '../../src/machines/index.js';
import { indexScenario, replyValue, routesOf } from '../../src/machines/scenario-index.js';
import type { Next, Scenario } from '../../src/machines/schema/scenario.js';
import { analyseBest } from '../../src/machines/scoring.js';
import { BUNDLED_IDS, bundledScenario } from '../helpers/bundled.js';
import { driveReplies, playReplies } from '../helpers/play.js';
import { strongAfter } from '../helpers/strong-after.js';

/** The text of a node's narration and lines, joined. */
function told(scenarioId: string, nodeId: string): string {
  const n = bundledScenario(scenarioId).nodes.find((x) => x.id === nodeId);
  if (!n) throw new Error(`${scenarioId} has no node ${nodeId}`);
  return `${'narration' in n ? n.narration ?? '' : ''} ${'lines' in n ? (n.lines ?? []).map((l) => l.text).join(' ') : ''}`;
}

/** A named reply (an error when the scenario has none by that id). */
function replyOf(scenarioId: string, replyId: string) {
  const r = indexScenario(bundledScenario(scenarioId)).replies.get(replyId)?.reply;
  if (!r) throw new Error(`${scenarioId} has no reply ${replyId}`);
  return r;
}

const replyText = (scenarioId: string, replyId: string) => replyOf(scenarioId, replyId).text;

/** The feedback of a named reply. */
function feedback(scenarioId: string, replyId: string): string {
  const reply = indexScenario(bundledScenario(scenarioId)).replies.get(replyId)?.reply;
  if (!reply) throw new Error(`${scenarioId} has no reply ${replyId}`);
  return reply.feedback;
}

/** Every piece of feedback in the bundled scenarios, as "scenario/reply: text". */
function allFeedback(): string[] {
  const out: string[] = [];
  for (const id of BUNDLED_IDS) for (const n of bundledScenario(id).nodes) {
    if (n.kind === 'decision') for (const r of n.replies) out.push(`${id}/${r.id}: ${r.feedback}`);
  }
  return out;
}

describe('feedback quotes the guide as it is written', () => {
  it('youth-discloses: the people-first example attributed to the guide is its own ("a youth experiencing CSEC", Using Appropriate Language)', () => {
    const text = feedback('youth-discloses', 'd5-a-csec-label');
    expect(text).toContain('"a youth experiencing CSEC" rather than "a CSEC"');
    expect(text).not.toMatch(/guide asks for people-first wording such as "a youth who may be/);
  });

  it('no feedback says recommending services before a youth self-discloses IS inappropriate; the guide says it MAY be (Potential Recommendations)', () => {
    expect(allFeedback().filter((f) => /recommendations are inappropriate|is inappropriate to recommend/.test(f))).toEqual([]);
  });
});

/** The assessment a named reply gets for a principle. */
function assessment(scenarioId: string, replyId: string, principleId: string) {
  const reply = indexScenario(bundledScenario(scenarioId)).replies.get(replyId)?.reply;
  if (!reply) throw new Error(`${scenarioId} has no reply ${replyId}`);
  return reply.assessments.find((a) => a.principle === principleId);
}

describe('each reply is scored against the principle the guide ties to what it does', () => {
  it('left-placement-calls: "go back, I\'ll tell Tomas in the morning" leaves the CSW out tonight; it does not stop calling a youth who is not responding (Ari is on the phone)', () => {
    expect(assessment('left-placement-calls', 'd1-go-back', 'keep-communication-open')).toBeUndefined();
    expect(assessment('left-placement-calls', 'd1-go-back', 'csw-partnership')?.verdict).toBe('violates');
    expect(feedback('left-placement-calls', 'd1-go-back')).toContain('(Collaboration with Case Parties)');
  });
});

describe('no credit for a principle a reply puts at risk', () => {
  it('harm-reduction: "send me the address and I\'ll come get you" (to Cole\'s) earns nothing for keeping away from the trafficker', () => {
    expect(assessment('harm-reduction', 'd6-address', 'no-trafficker-contact')).toBeUndefined();
    expect(assessment('harm-reduction', 'd6-address', 'no-picking-up')).toMatchObject({ verdict: 'violates', weight: 3 });
  });
});

describe('what characters say fits every way of reaching them', () => {
  it('court-report: the hallway after a harmful draft does not have Lupe say she told you "only you" (labels, unconfirmed status or an arrest lead there too)', () => {
    const s = bundledScenario('court-report');
    const hurt = s.nodes.find((n) => n.id === 's-hearing-hurt');
    const texts = hurt && 'lines' in hurt ? (hurt.lines ?? []).map((l) => l.text).join(' ') : '';
    expect(texts).toContain('Why is that stuff in there?');
    expect(texts).not.toMatch(/Only you|I told you that/);
    expect(indexScenario(s).replies.get('d-hearing-repair-own')?.reply.text).not.toMatch(/what you told me in confidence/);
  });

  it('court-report: asking Ms. Park for an attorney order does not assume you recommended Restoration Funds (the prenatal or lockdown reply may have been chosen)', () => {
    expect(indexScenario(bundledScenario('court-report')).replies.get('d-hearing-support-order')?.reply.text).not.toMatch(/you recommended/);
  });
});

describe('naming the Advocate Supervisor is not a tell', () => {
  /** Decisions of a scenario where the best reply is the only one that names the Advocate Supervisor (by role or by name). */
  function onlyBestNamesSupervisor(id: string): string[] {
    const s = bundledScenario(id);
    const names = s.characters.filter((c) => /Advocate Supervisor/.test(c.role)).map((c) => c.name.split(' ')[0] as string);
    const mentions = new RegExp(`\\b(supervisor|${names.join('|')})\\b`, 'i');
    const value = (r: { assessments: { verdict: string; weight?: number }[] }) =>
      r.assessments.reduce((sum, a) => sum + (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1), 0);
    const out: string[] = [];
    for (const n of s.nodes) if (n.kind === 'decision') {
      const top = Math.max(...n.replies.map(value));
      const naming = n.replies.filter((r) => mentions.test(r.text));
      if (naming.length === 1 && value(naming[0] as (typeof n.replies)[number]) === top) out.push(n.id);
    }
    return out;
  }

  it.each(BUNDLED_IDS)('%s: in at most two decisions is the best reply the only one naming the supervisor', (id) => {
    expect(onlyBestNamesSupervisor(id).length, onlyBestNamesSupervisor(id).join(', ')).toBeLessThanOrEqual(2);
  });
});

describe('who is who is plain', () => {
  it('whereabouts-unknown: the first-of-the-month scene says the CLC attorney and CSEC Unit case manager are Dez\'s, not her mother\'s (the sentence before is about Ms. Washington)', () => {
    const scene = bundledScenario('whereabouts-unknown').nodes.find((n) => n.id === 's2-thursday');
    const narration = scene && 'narration' in scene ? scene.narration ?? '' : '';
    expect(narration).toContain("Dez's dependency attorney is at Children's Law Center");
    expect(narration).not.toMatch(/\. Her dependency attorney/);
  });
});

describe('couch-rent: Arev\'s identity is part of the story; the scoring is the guide\'s', () => {
  const replies = () => bundledScenario('couch-rent').nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []));

  it('no feedback or assessment rests on a rule about names, pronouns or gender identity (the guide has none)', () => {
    expect(replies().filter((r) => /pronoun|gender identity|misgender|deadnam|chosen name/i.test(r.feedback)).map((r) => r.id)).toEqual([]);
  });

  it('a promise of secrecy, warm or bargained, is scored against taking it to the Advocate Supervisor (Red Flags)', () => {
    for (const id of ['d3-promise', 'd3-bargain', 'd4-wait']) {
      expect(assessment('couch-rent', id, 'consult-supervisor-on-suspicion')?.verdict, id).toBe('violates');
      expect(feedback('couch-rent', id), id).toContain('(Red Flags)');
    }
  });

  it('reading Vic\'s posts is investigating, a message to Vic is communication with a trafficker, and driving to get Arev is picking up: weight 3 (Prohibited Activities)', () => {
    expect(assessment('couch-rent', 'd4-server', 'no-investigating')).toMatchObject({ verdict: 'violates', weight: 3 });
    expect(assessment('couch-rent', 'd4-vic', 'no-trafficker-contact')).toMatchObject({ verdict: 'violates', weight: 3 });
    expect(feedback('couch-rent', 'd4-vic')).toMatch(/trafficker/);
    expect(assessment('couch-rent', 'd5-drive', 'no-picking-up')).toMatchObject({ verdict: 'violates', weight: 3 });
  });

  it('booking Arev a car at 1 a.m. is getting them by proxy: a picking-up violation at weight 3, like driving, and it takes the arrangements the guide leaves to the CSW (Prohibited Activities)', () => {
    expect(assessment('couch-rent', 'd5-ride', 'no-picking-up')).toMatchObject({ verdict: 'violates', weight: 3 });
    expect(assessment('couch-rent', 'd5-ride', 'csw-partnership')?.verdict).toBe('violates');
    expect(feedback('couch-rent', 'd5-ride')).toContain('should not be picking them up, but should redirect to the CSW to make arrangements (Prohibited Activities)');
  });

  it('keeping the bench talk from Naomi, then calling Mr. Ferreira at 1 a.m. with Arev\'s text about Vic\'s: the ending does not say he first learns of Vic\'s couch weeks later', () => {
    const end = bundledScenario('couch-rent').nodes.find((n) => n.id === 'end-mixed');
    const told = end?.kind === 'ending' ? end.variants?.find((v) => JSON.stringify(v.when) === JSON.stringify({ var: 'told', is: false })) : undefined;
    const call = bundledScenario('couch-rent').nodes.find((n) => n.id === 's5-redirect');
    expect(call && 'narration' in call ? call.narration : '').toContain('takes down what Arev wrote');
    expect(told?.narration).not.toMatch(/learns about Vic's couch/);
    expect(told?.narration).toContain('the rent at Vic\'s');
  });

  it('the safety-plan decision quotes Harm Reduction as written: unsafe behaviour "will" continue while a youth is engaging in services, not "may"', () => {
    const d = bundledScenario('couch-rent').nodes.find((n) => n.id === 'd7-plan');
    const note = d?.kind === 'decision' ? d.facilitatorNote ?? '' : '';
    expect(note).toContain('unsafe behaviour will continue while a youth is engaging in services (Harm Reduction)');
    expect(note).not.toMatch(/unsafe behaviour may continue/);
  });

  it('the scene after a Thursday visit that says "the Friday after next" is not titled "Ten days later" (it is eight)', () => {
    const scene = bundledScenario('couch-rent').nodes.find((n) => n.id === 's5-friday');
    expect(scene?.title).toBe('Eight days later');
    expect(scene && 'narration' in scene ? scene.narration : '').toMatch(/^The Friday after next/);
  });

  it('a CSEC risk named in the court report before DCFS confirms it is scored as unconfirmed status and ends harmful (Court Report)', () => {
    expect(assessment('couch-rent', 'd8-status', 'report-csec-status-confirmed-only')?.verdict).toBe('violates');
    // The guide lists "CSEC status unless it has been confirmed"; it says nothing about a risk, so the feedback gives its own reasoning for that step.
    expect(feedback('couch-rent', 'd8-status')).toContain('CSEC status among what not to disclose in a court report unless it has been confirmed by DCFS or the court');
    expect(feedback('couch-rent', 'd8-status')).not.toMatch(/guide says it stays out/);
    const end = bundledScenario('couch-rent').nodes.find((n) => n.id === 'end-exposed');
    expect(end?.kind === 'ending' && end.ending).toBe('harmful');
  });

  it('the reply that goes to confront staff before Arev has said what they want earns nothing for harm reduction (it explores no unmet need) and is scored on being youth-centered', () => {
    expect(assessment('couch-rent', 'd1-fix', 'harm-reduction-unmet-needs')).toBeUndefined();
    expect(assessment('couch-rent', 'd1-fix', 'youth-centered')?.verdict).toBe('violates');
    expect(feedback('couch-rent', 'd1-fix')).toContain('(CASA Role and Expectations)');
  });

  it('a "risk" of CSEC in the report rests on the guide\'s own sentence about information that may lead to a negative perception of the youth', () => {
    expect(feedback('couch-rent', 'd8-status')).toContain('may lead to a negative perception of the youth');
    expect(feedback('couch-rent', 'd8-status')).not.toContain('Naming CSEC as a risk still puts it before the court');
  });

  it('the room\'s discussion prompts and the evening narration do not point at the answer: no "honours the first without agreeing to the second", no supervisor who said to call any time, no EAP named only by the best reply', () => {
    const s = bundledScenario('couch-rent');
    const node = (id: string) => s.nodes.find((n) => n.id === id);
    const night = node('d5-night');
    expect(night?.kind === 'decision' && night.discussionPrompt).not.toMatch(/without agreeing/);
    const evening = node('d4-evening');
    expect(evening && 'narration' in evening ? evening.narration : '').not.toMatch(/call any time/);
    const rattled = node('d6-supervision');
    expect(rattled?.kind === 'decision' && rattled.replies.filter((r) => /\bEAP\b/.test(r.text)).map((r) => r.id)).toEqual([]);
  });
});

describe('the-list: a family friend the family trusts; the scoring is the guide\'s', () => {
  const replies = () => bundledScenario('the-list').nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []));

  it('the request to bring a younger friend is scored on what the guide says (Advocate Supervisor, non-judgmental), not on a rule about recruiting that it does not have', () => {
    expect(replies().filter((r) => /recruit/i.test(r.feedback)).map((r) => r.id)).toEqual([]);
    expect(assessment('the-list', 'd5-honest', 'consult-supervisor-on-suspicion')).toMatchObject({ verdict: 'follows', weight: 2 });
    expect(assessment('the-list', 'd5-doing', 'non-judgmental')).toMatchObject({ verdict: 'violates', weight: 2 });
    expect(feedback('the-list', 'd5-doing')).toContain('made to feel accountable for their situation');
    expect(assessment('the-list', 'd5-call-mom', 'consult-supervisor-on-suspicion')?.verdict).toBe('violates');
  });

  it('a promise of secrecy, to Bảo or to Bà, is scored against taking it to the Advocate Supervisor (Red Flags)', () => {
    for (const id of ['d1-family', 'd3-secret', 'd5-promise']) {
      expect(assessment('the-list', id, 'consult-supervisor-on-suspicion')?.verdict, id).toBe('violates');
      expect(feedback('the-list', id), id).toContain('(Red Flags)');
    }
  });

  it('small talk, a ride or a warning to Chú Vinh is communication with a trafficker, quoted as the guide writes it; going to his event or looking his business up is investigating: weight 3 (Prohibited Activities)', () => {
    for (const id of ['d7-stay', 'd7-ride', 'd7-confront']) {
      expect(assessment('the-list', id, 'no-trafficker-contact'), id).toMatchObject({ verdict: 'violates', weight: 3 });
      expect(feedback('the-list', id), id).toContain('should not initiate or have any communication with a youth\'s trafficker (Prohibited Activities)');
    }
    for (const id of ['d3-watch', 'd4-search']) expect(assessment('the-list', id, 'no-investigating'), id).toMatchObject({ verdict: 'violates', weight: 3 });
  });

  const node = (id: string) => {
    const n = bundledScenario('the-list').nodes.find((x) => x.id === id);
    if (!n) throw new Error(`the-list has no node ${id}`);
    return n;
  };

  it('the story keeps its own calendar and places: in October Chú Vinh names no month for a hearing that is in late December, and the strong ending leaves the courthouse before Bà sits down with you at her table', () => {
    const door = node('d7-door');
    expect(door.kind === 'decision' && door.narration).toMatch(/^October\./);
    const report = node('s8-report');
    expect(report.kind === 'scene' && report.narration).toMatch(/^December\. .*hearing .* is in three weeks/);
    const vinh = door.lines?.filter((l) => l.character === 'vinh').map((l) => l.text).join(' ');
    expect(vinh).toContain('court date');
    expect(vinh).not.toMatch(/next month|November/);
    const strong = node('end-strong');
    const sentences = (strong.kind === 'ending' ? strong.narration : '').split(/(?<=\.) /);
    const oranges = sentences.find((t) => t.includes('oranges'));
    expect(oranges).toBeDefined();
    expect(oranges).not.toMatch(/table/);
  });

  it('the court paragraphs state only what the volunteer has seen or been told by then: the grades and the class Bảo asked for are in the narration before the report', () => {
    const report = node('s8-report');
    const told = report.kind === 'scene' ? report.narration ?? '' : '';
    expect(told).toContain('grades are up');
    expect(told).toContain('audio production class');
    expect(told).toContain('Tết show');
    expect(replies().find((r) => r.id === 'd9-strengths')?.text).toContain('audio class he asked for');
  });

  it('d1-blessing and the facilitator note quote the guide\'s Red Flags text as written, with no "in either direction" the guide does not say', () => {
    const guide = readFileSync(new URL('../../scenarios/guide/csec-in-service-guide.txt', import.meta.url), 'utf8');
    const d1 = node('d1-ba');
    expect(d1.kind === 'decision' && d1.facilitatorNote).not.toContain('either direction');
    expect(feedback('the-list', 'd1-blessing')).not.toContain('either direction');
    for (const quote of ['may show risk of CSEC activity, but they may also represent typical teenage development', 'context needs to be consistently considered']) {
      expect(guide).toContain(quote);
      expect(feedback('the-list', 'd1-blessing')).toContain(`'${quote}'`);
    }
  });

  it('each reply earns what it is scored for: a warning scored as jumping to conclusions draws one; credit is for what the reply says; "just stop" is also scored on Harm Reduction; the two strengths-based paragraphs weigh the same', () => {
    const text = (id: string) => replies().find((r) => r.id === id)?.text ?? '';
    // "can be signs of trafficking" was as hedged as the guide's own "may show risk", yet scored as a conclusion.
    expect(assessment('the-list', 'd1-warning', 'no-jumping-to-conclusions')?.verdict).toBe('violates');
    expect(text('d1-warning')).not.toMatch(/can be|may be|might/);
    // Kind toward Bà (no longer scored as culturally sensitive: a prohibited act is not a strength,
    // prohibited-not-strength.test.ts); nothing in "stay for the pastries" is about Bảo.
    expect(feedback('the-list', 'd7-stay')).not.toContain('Bảo out of it');
    expect(assessment('the-list', 'd3-secret', 'non-judgmental')?.verdict).toBe('follows');
    expect(text('d3-secret')).toMatch(/no judgement/i);
    // "a look at the setup" read as wanting to see his sound rig.
    expect(text('d3-watch')).not.toContain('setup');
    expect(assessment('the-list', 'd3-stop', 'harm-reduction-unmet-needs')?.verdict).toBe('violates');
    expect(feedback('the-list', 'd3-stop')).toContain("'change is difficult, and that it may take a period before a youth is willing or able to leave their current situation' (Harm Reduction)");
    expect(assessment('the-list', 'd9-school', 'report-objective-strengths-based')?.weight).toBe(assessment('the-list', 'd9-strengths', 'report-objective-strengths-based')?.weight);
    const goals = bundledScenario('the-list').learningGoals;
    for (const id of ['expect-relapse', 'harm-reduction-self-determination', 'harm-reduction-unmet-needs']) expect(goals, id).toContain(id);
  });

  it('Chú Vinh, in his forties, is the son of Bà\'s late husband\'s oldest friend, not an old friend of a man who would be in his seventies', () => {
    const vinh = bundledScenario('the-list').characters.find((c) => c.id === 'vinh');
    expect(vinh?.description).toContain('in his forties');
    expect(vinh?.description).toContain("son of Bà's late husband's oldest friend");
    const kitchen = node('s0-kitchen');
    expect(kitchen.kind === 'scene' && kitchen.narration).toContain("the son of her late husband's oldest friend");
  });

  it('the court paragraph that tells of the younger boy is scored as incriminating (Court Report); the one that leaves confirmed status out is not scored as wrong for it', () => {
    expect(assessment('the-list', 'd9-all', 'report-objective-strengths-based')?.verdict).toBe('violates');
    expect(feedback('the-list', 'd9-all')).toContain('not disclose incriminating information that may lead to a negative perception of the youth or violate their confidentiality (Court Report)');
    expect(assessment('the-list', 'd9-school', 'report-objective-strengths-based')?.verdict).toBe('follows');
    expect(feedback('the-list', 'd9-school')).toContain('allows confirmed CSEC status in a report but does not require it');
  });

  it('the paragraph of belief is faulted for what the guide says of court reports, with no rule of the project\'s own about who deals with the person', () => {
    expect(feedback('the-list', 'd9-belief')).not.toMatch(/for others on the team/);
    expect(feedback('the-list', 'd9-belief')).toContain('objective, supported by evidence and strengths-based (Court Report)');
  });

  it('the room\'s discussion prompts do not state the answer: leaving Bà\'s home "without any exchange with him", "something solid" against "what you saw", honouring Chú Vinh "without agreeing"', () => {
    const prompts = bundledScenario('the-list').nodes.flatMap((n) => (n.kind === 'decision' && n.discussionPrompt ? [n.discussionPrompt] : []));
    expect(prompts.filter((p) => /without any exchange|something solid|without agreeing to what/.test(p))).toEqual([]);
  });
});

describe('dual-involvement: the ending follows conduct', () => {
  it('no playthrough under 80% reaches the strong ending, nor one that said what happened to Rithy before anyone knew (the mixed ending has that variant)', () => {
    const s = bundledScenario('dual-involvement');
    const strong = exploreScenario(s).endings.find((e) => e.endingId === 'end-strong');
    expect(strong?.worst).toBeGreaterThanOrEqual(80);
    const routes = s.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).flatMap((r) => (Array.isArray(r.next) ? r.next : []));
    const intoStrong = routes.filter((r) => r.to === 'end-strong');
    expect(intoStrong.length).toBeGreaterThan(0);
    for (const r of intoStrong) expect(JSON.stringify(r.when)).toContain('{"var":"labelled","is":false}');
  });

  it('feedback tells the scene as it happened and adds no order the guide does not give', () => {
    expect(feedback('dual-involvement', 'd6-how')).not.toMatch(/asks you not to go there/);
    expect(feedback('dual-involvement', 'd1-hearing')).not.toMatch(/before you go rather than after/);
  });
});

describe('a second review against the guide: boy-red-flags, before-relapse, whereabouts-unknown', () => {
  it('whereabouts-unknown: a rideshare sent to Dez at night is getting her by proxy, a picking-up violation at weight 3, as couch-rent scores a booked car (Prohibited Activities)', () => {
    expect(assessment('whereabouts-unknown', 'd7-rideshare', 'no-picking-up')).toMatchObject({ verdict: 'violates', weight: 3 });
    expect(assessment('couch-rent', 'd5-ride', 'no-picking-up')).toMatchObject({ verdict: 'violates', weight: 3 });
    expect(feedback('whereabouts-unknown', 'd2-drive')).not.toMatch(/not a CASA's role/);
  });

  it('boy-red-flags: "sit Theo down tonight and get to the bottom of it" is scored as the interrogating the guide warns against (Red Flags)', () => {
    expect(assessment('boy-red-flags', 'd1-tonight', 'curious-not-interrogating')?.verdict).toBe('violates');
  });

  it('before-relapse: a court paragraph that discloses a sexual-health check-up earns nothing for being strengths-based; CLC\'s attorney is not said to have the trafficking expertise the guide asks for separately', () => {
    expect(assessment('before-relapse', 'd7-clinic', 'report-objective-strengths-based')).toBeUndefined();
    expect(feedback('before-relapse', 'd5-clc')).not.toMatch(/CLC's immigration attorney, so that someone with trafficking expertise/);
  });

  it('the room\'s discussion prompts do not state the answer', () => {
    const prompts = ['boy-red-flags', 'before-relapse', 'whereabouts-unknown'].flatMap((id) => bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' && n.discussionPrompt ? [n.discussionPrompt] : [])));
    expect(prompts.filter((p) => /Why does the guide|say no to the ride and yes to her|calm day be a better time|each of permanency, safety and wellbeing|the word you use for a youth's absence|went looking for her/.test(p))).toEqual([]);
  });
});

describe('a third review against the guide: left-placement-calls, red-flags, youth-relapses', () => {
  it('left-placement-calls: driving Ari back yourself is picking up and leaves Tomas to hear afterwards; it is not scored against "respecting her mindset" (that section is about a youth not ready to exit)', () => {
    expect(assessment('left-placement-calls', 'd2-drive-back', 'respect-mindset-boundaries')).toBeUndefined();
    expect(assessment('left-placement-calls', 'd2-drive-back', 'csw-partnership')?.verdict).toBe('violates');
    // "Go back, it's almost midnight": its reason is her safety; what it lacks is the CSW tonight.
    expect(assessment('left-placement-calls', 'd1-go-back', 'safety-is-priority')).toBeUndefined();
  });

  it('youth-relapses: a day of silence earns nothing from "a relapse is not a reflection of your efforts"; a promise to come and get her earns no credit for ongoing support, as whereabouts-unknown scores the same promise', () => {
    expect(assessment('youth-relapses', 'd1-wait', 'relapse-not-personal')).toBeUndefined();
    expect(assessment('youth-relapses', 'd4-call-me', 'ongoing-support')).toBeUndefined();
    expect(assessment('whereabouts-unknown', 'd8-promise', 'ongoing-support')).toBeUndefined();
  });

  it('red-flags: pressing Yesi to testify is faulted as not youth-centered, with no "the decision is hers" the guide does not say', () => {
    expect(feedback('red-flags', 'r-court-nerves-push')).not.toMatch(/decision is hers/);
  });

  it('the room\'s discussion prompts do not state the answer', () => {
    const prompts = ['left-placement-calls', 'red-flags', 'youth-relapses'].flatMap((id) => bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' && n.discussionPrompt ? [n.discussionPrompt] : [])));
    expect(prompts.filter((p) => /draw such a firm line|least-bad next step|Why might a direct question|without agreeing with her conclusion|confident guess|without a label|Who needs to know what you're planning|without making her responsible|without validating going back|unconditional yes|without making it a test/.test(p))).toEqual([]);
  });
});

describe('a fourth review against the guide: court-report', () => {
  // Recommending a move out of the county, after Lupe said "Don't let them move me again", was met
  // with "This is clean" at review and could end strong; a label or a lockdown drew "This is clean" too.
  it('a recommendation that overrides Lupe counts as a line that should not have been written, and every such line is flagged at the supervisor\'s review', () => {
    const s = bundledScenario('court-report');
    const reply = (id: string) => s.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((r) => r.id === id);
    expect(reply('d-recs-more-move')?.effects).toContainEqual({ var: 'slips', add: 1 });
    const review = reply('d-review-supervisor');
    const routes = Array.isArray(review?.next) ? review.next : [];
    // A draft whose only such lines are labels or plans over Lupe hears words of its own (missed-truth-43).
    expect(routes.filter((r) => r.to === 's-marisa-flags' || r.to === 's-marisa-flags-words').map((r) => `${r.to} ${JSON.stringify(r.when)}`)).toEqual(['s-marisa-flags {"var":"exposed","gte":1}', 's-marisa-flags-words {"var":"slips","gte":1}']);
    for (const id of ['s-marisa-flags', 's-marisa-flags-words']) {
      const flags = s.nodes.find((n) => n.id === id);
      expect(flags && 'narration' in flags ? flags.narration : '').toMatch(/highlighted in yellow/);
      // Marisa's words fit whatever the draft held: no list of categories it may not have had.
      expect(flags && 'lines' in flags ? flags.lines?.map((l) => l.text).join(' ') : '').not.toMatch(/substance use/);
    }
  });
});

describe('a fourth review against the guide: trafficker-contact, harm-reduction, court-report', () => {
  it('court-report: texting staff to find out what they have seen is investigating; it puts nothing in the report, so it is not scored on what a report may say', () => {
    expect(assessment('court-report', 'd-check-status-staff', 'report-csec-status-confirmed-only')).toBeUndefined();
    expect(assessment('court-report', 'd-check-status-staff', 'no-investigating')?.verdict).toBe('violates');
  });

  it('harm-reduction: a promise of secrecy is faulted for what the guide asks (the open line, the CSW), with no rule of its own that it "would have to be broken"', () => {
    expect(feedback('harm-reduction', 'd5-keep')).not.toMatch(/would have to break/);
  });

  it('the room\'s discussion prompts do not state the answer', () => {
    const prompts = ['trafficker-contact', 'harm-reduction', 'court-report'].flatMap((id) => bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' && n.discussionPrompt ? [n.discussionPrompt] : [])));
    expect(prompts.filter((p) => /deleting this message almost|How do you say no to passing|keep her trust and still tell the team|Who do you call first|What does Imani lose|who needs to see this message|Whose plan is it if the adult|take back an offer you should not|both true and strengths-based|second pair of eyes|who else in his life could meet|if not into the report|still be strengths-based|true and still protects her|second reader catch/.test(p))).toEqual([]);
  });
});

describe('trafficker-contact: the first texts are tied to the man the team believes exploited Imani', () => {
  // Replying to "Tasha" is scored as communication with a trafficker (critical). The guide prohibits
  // communication with the trafficker; the scenario said only that the sender "may be writing for him".
  it('the sender says Quan has Imani\'s things, and no feedback rests on a sender who only "may be" writing for him', () => {
    const s = bundledScenario('trafficker-contact');
    const text = s.nodes.find((n) => n.id === 'd1-text');
    expect(text && 'lines' in text ? text.lines?.map((l) => l.text).join(' ') : '').toMatch(/\bQ\b/);
    expect(allFeedback().filter((f) => f.startsWith('trafficker-contact/') && /may be writing for him/.test(f))).toEqual([]);
  });
});

describe('strong endings that said what some playthroughs reaching them had not earned', () => {
  const routesOf = (scenarioId: string, replyId: string) => {
    const r = bundledScenario(scenarioId).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((x) => x.id === replyId);
    return Array.isArray(r?.next) ? r.next : [];
  };
  const intoStrong = (scenarioId: string, replyId: string) => routesOf(scenarioId, replyId).filter((x) => x.to === 'end-strong').map((x) => JSON.stringify(x.when));

  it('red-flags: emailing the judge on your own never ends "you know where you fit in it"', () => {
    expect(intoStrong('red-flags', 'r-plan-judge')).toEqual([]);
  });

  it('youth-relapses: "if you go back again, I don\'t know what more I can do" keeps a playthrough from the ending that says her support never depended on her being perfect', () => {
    const s = bundledScenario('youth-relapses');
    const idk = s.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((x) => x.id === 'd6-idk');
    expect(idk?.effects).toContainEqual({ var: 'conditional', set: true });
    expect(intoStrong('youth-relapses', 'd8-support').every((w) => w.includes('{"var":"conditional","is":false}'))).toBe(true);
  });

  it('harm-reduction: stepping back from Elías keeps a playthrough from the strong ending, as saying "I\'m fine" does', () => {
    const guards = intoStrong('harm-reduction', 'd9-review');
    expect(guards.length).toBeGreaterThan(0);
    for (const w of guards) {
      expect(w).toContain('{"var":"doubting","is":false}');
      expect(w).toContain('{"var":"carrying","is":false}');
    }
  });
});

describe('trafficker-contact: every prohibited line crossed counts, and the harmful ending fits a path that only searched', () => {
  it('checking Imani\'s phone is a line crossed, as the other searches are; a harmful ending reached with no reply to them does not say a reply gave something away', () => {
    const s = bundledScenario('trafficker-contact');
    const check = s.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((r) => r.id === 'd5-shut-check-phone');
    expect(check?.effects).toContainEqual({ var: 'lines', add: 1 });
    const harmful = s.nodes.find((n) => n.id === 'end-harmful');
    const variant = harmful?.kind === 'ending' ? harmful.variants?.find((v) => JSON.stringify(v.when).includes('no-trafficker-contact')) : undefined;
    expect(variant?.narration).toMatch(/^You never answered them/);
  });
});

describe('trafficker-contact: what is said later fits what the volunteer did', () => {
  const s = () => bundledScenario('trafficker-contact');
  const BEST = ['d1-text-screenshot', 'd3-morning-facts', 'd4-visit-boundary', 'd5-open-include', 'd6-parking-walk', 'd7-supervisor-honest', 'd8-plan-stay', 'd9-last-forward'];
  const play = (swap: Record<string, string>) => playReplies(s(), BEST.map((r) => swap[r] ?? r));

  it('a clean path that ends mixed (fear kept from Dana, visits paused: 74%) is not told that something went around the team', () => {
    const d = play({ 'd7-supervisor-honest': 'd7-supervisor-fine', 'd8-plan-stay': 'd8-plan-pause' });
    expect(d?.score.percent).toBe(74);
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).not.toMatch(/went around the team|a search|deleted/);
    expect(d?.ending?.narration).toMatch(/^Nobody around Quan ever got a word from you/);
  });

  it('deleting the last threat unseen by the team is something kept from it, and the ending says so', () => {
    const d = play({ 'd9-last-forward': 'd9-last-delete' });
    expect(d?.ending?.id).toBe('end-mixed');
    // Since reader-a-58, told as what it was (story-58a), not in the list of what may have gone around the team.
    expect(d?.ending?.narration).toContain('which you blocked and deleted that night without showing anyone');
  });

  it('after the thread was blocked and deleted, the best reply to Ms. Okafor does not offer screenshots of it', () => {
    // d1-text-who, d2-thread-block, then d3-morning: the reply there is the same on every path.
    expect(indexScenario(s()).replies.get('d3-morning-facts')?.reply.text).not.toMatch(/screenshot/i);
    expect(feedback('trafficker-contact', 'd3-morning-downplay')).not.toMatch(/screenshot/i);
  });

  it('Dana does not "call you back" where nobody called her, and her call is not told before the 8:15 call it follows', () => {
    const tc = s();
    expect(JSON.stringify(tc)).not.toMatch(/calls you back/);
    // A scene's narration is drawn before its lines: Dana's call (before lunch) cannot be the narration
    // of the scene that holds Ms. Okafor's words from the 8:15 call.
    const plan = tc.nodes.find((n) => n.id === 's-okafor-plan');
    expect(plan && 'narration' in plan ? plan.narration ?? '' : '').not.toMatch(/Dana/);
    const visit = tc.nodes.find((n) => n.id === 'd4-visit');
    expect(visit && 'narration' in visit ? visit.narration : '').toMatch(/^Dana called on Monday/);
  });
});

describe('harm-reduction: what Elías says and what the feedback claims fit the path', () => {
  it('after a threat to tell the judge, or a placement farther away, he does not answer the notebook as if nothing was said', () => {
    const s = bundledScenario('harm-reduction');
    const replies = indexScenario(s).replies;
    for (const id of ['d3-judge', 'd3-move']) {
      const next = replies.get(id)?.reply.next;
      const scene = s.nodes.find((n) => n.id === next);
      expect(scene?.kind, id).toBe('scene');
      const said = scene && 'lines' in scene ? (scene.lines ?? []).map((l) => l.text).join(' ') : '';
      expect(said, id).toMatch(/write it down for somebody/);
    }
  });

  it('"back where we started" is not told "he had a plan" (a path that left the plan to Ms. Castillo reaches it too)', () => {
    const path = ['d1-glad', 'd2-need', 'd3-plan', 'd4-later', 'd5-share', 'd6-glad', 'd7-square-one', 'd8-steps', 'd9-review'];
    expect(playReplies(bundledScenario('harm-reduction'), path)?.turns.map((t) => t.replyId)).toEqual(path);
    expect(feedback('harm-reduction', 'd7-square-one')).not.toMatch(/had a plan/);
  });
});

/** The nodes a playthrough passes through, scenes included, choosing the replies in order (each on offer). */
const nodesOn = (scenarioId: string, replies: readonly string[]): string[] => driveReplies(bundledScenario(scenarioId), replies, true).nodes;
const narrationOf = (scenarioId: string, nodeId: string | undefined) => {
  const n = bundledScenario(scenarioId).nodes.find((x) => x.id === nodeId);
  return `${n && 'narration' in n ? n.narration ?? '' : ''} ${n && 'lines' in n ? (n.lines ?? []).map((l) => l.text).join(' ') : ''}`;
};

describe('left-placement-calls: what Ari writes and what the email says fit the path', () => {
  it('after a pick-up, her safety plan does not quote "not for emergencies", advice she was never given that night', () => {
    const path = ['d1-pick-up', 'd2-call-csw', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-needs'];
    const nodes = nodesOn('left-placement-calls', path);
    const plan = nodes[nodes.indexOf('d7-return') + 1];
    expect(narrationOf('left-placement-calls', plan)).toContain('People I can call');
    expect(narrationOf('left-placement-calls', plan)).not.toMatch(/not for emergencies|I do listen/);
    // Where she was pointed to Tomas instead, the plan keeps it.
    const redirected = nodesOn('left-placement-calls', ['d1-redirect', 'd2-resources', 'd3-door-open', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-needs']);
    expect(narrationOf('left-placement-calls', redirected[redirected.indexOf('d7-return') + 1])).toContain('not for emergencies');
  });

  it('the update email says when she called: two days after she was handed back, "she called me" read as a new call', () => {
    const nodes = nodesOn('left-placement-calls', ['d1-pick-up', 'd2-call-csw']);
    expect(nodes).toContain('s4-again');
    for (const id of ['d4-clear', 'd4-awol-label']) expect(indexScenario(bundledScenario('left-placement-calls')).replies.get(id)?.reply.text, id).toMatch(/on Tuesday/);
  });
});

describe('a phone kept on loud for the youth at night is scored the same way in every scenario', () => {
  it('every reply that keeps the volunteer on call through the night is not-first-responder and self-care, both violated', () => {
    const onCall = BUNDLED_IDS.flatMap((id) => bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies.filter((r) => /phone on loud|any hour/.test(r.text)).map((r) => ({ id: `${id}/${r.id}`, r })) : [])));
    expect(onCall.map((x) => x.id)).toEqual(expect.arrayContaining(['couch-rent/d6-on-call', 'left-placement-calls/d6-on-call', 'youth-relapses/d8-push-through']));
    for (const { id, r } of onCall) {
      for (const p of ['not-first-responder', 'self-care']) expect(r.assessments.find((a) => a.principle === p)?.verdict, `${id} ${p}`).toBe('violates');
      expect(r.feedback, id).toContain('(Prohibited Activities)');
      expect(r.feedback, id).toContain('(Self-Care)');
    }
  });
});

describe('youth-relapses: the mixed ending and the scoring fit what was said', () => {
  const BEST = ['d1-glad', 'd2-process', 'd3-not-stupid', 'd4-plan', 'd5-safety', 'd6-yes', 'd7-notice', 'd8-support'];
  const play = (swap: Record<string, string>) => playReplies(bundledScenario('youth-relapses'), BEST.map((r) => swap[r] ?? r));

  it('a promise to come and get her, said warmly, is not told "some of what you said landed harder than you meant"', () => {
    const d = play({ 'd4-plan': 'd4-call-me' });
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).not.toMatch(/landed harder/);
    expect(d?.ending?.narration).toMatch(/promise to drop everything and come get her/);
  });

  it('"as long as you stay away from him" and "block him, that\'s the deal" are support with a condition, told as such, as "I don\'t know what more I can do" is', () => {
    for (const [at, reply] of [['d6-yes', 'd6-if'], ['d6-yes', 'd6-idk'], ['d5-safety', 'd5-block']] as const) {
      const d = play({ [at]: reply });
      expect(d?.ending?.id, reply).toBe('end-mixed');
      expect(d?.ending?.narration, reply).toMatch(/your support comes with conditions/);
    }
  });

  it('the burnout ending after a promise to come and get her names the promise too', () => {
    const d = play({ 'd4-plan': 'd4-call-me', 'd8-support': 'd8-push-through' });
    expect(d?.ending?.id).toBe('end-empty');
    expect(d?.ending?.narration).toMatch(/promise to drop everything and come get her/);
  });

  it('"block him for good" at her four days asks for the step she said at d5 she is not ready for: self-determination violated (Harm Reduction)', () => {
    expect(assessment('youth-relapses', 'd7-raise-bar', 'harm-reduction-self-determination')?.verdict).toBe('violates');
    expect(feedback('youth-relapses', 'd7-raise-bar')).toContain('(Harm Reduction)');
  });
});

describe('court-report: the harmful ending and the draft lines rest on what happened', () => {
  it('a draft whose only slip was labels ("chronically truant", "defiance") is not told it revealed things Lupe never chose to share', () => {
    const path = ['d-opening-strengths', 'd-school-truant', 'd-health-records', 'd-visit-ask-voice', 'd-check-status-call-csw', 'd-status-confirmed-factual', 'd-wellbeing-strengths', 'd-recs-csec-restoration', 'd-recs-more-secondary', 'd-review-skip', 'd-hearing-repair-own'];
    const d = playReplies(bundledScenario('court-report'), path);
    expect(d?.turns.map((t) => t.replyId)).toEqual(path);
    expect(d?.ending?.id).toBe('end-harmful');
    expect(d?.ending?.narration).not.toMatch(/never chose to share|learned them from you/);
    expect(d?.ending?.narration).toMatch(/labels/);
    // A draft with her pregnancy in it is still told what it revealed.
    const told = playReplies(bundledScenario('court-report'), path.map((r) => (r === 'd-health-records' ? 'd-health-pregnancy' : r)));
    expect(told?.ending?.narration).toMatch(/never chose to share/);
    // "An older boyfriend about whom CASA and staff have concerns" is a suspicion nobody confirmed.
    // Blaming the mandated-reporter duty is told what the guide asks of every line, labels included.
    expect(feedback('court-report', 'd-hearing-repair-mandated')).not.toMatch(/lists these among the things not to disclose/);
    const suspected = playReplies(bundledScenario('court-report'), path.map((r) => (r === 'd-opening-strengths' ? 'd-opening-at-risk' : r)));
    expect(suspected?.ending?.narration).toMatch(/suspicions nobody confirmed/);
  });

  it('what the draft lines state (an arrest, a journal, what she said of therapy) was told to the volunteer first, and no best line rests on a fact never given', () => {
    const s = bundledScenario('court-report');
    const told = s.nodes.map((n) => `${'narration' in n ? n.narration ?? '' : ''} ${'lines' in n ? (n.lines ?? []).map((l) => l.text).join(' ') : ''}`).join(' ');
    for (const fact of [/arrested in February/, /journal/, /actually helps sometimes/]) expect(told).toMatch(fact);
    expect(indexScenario(s).replies.get('d-recs-unconfirmed-usual')?.reply.text).not.toMatch(/tutoring/);
  });
});

describe('the Red Flags advice weighs the same in every scenario', () => {
  // red-flags scored its direct question and its "it all adds up" at weight 3, the weight the guide's
  // prohibited activities get; every other scenario gives the same conduct 2 (and the parts of a
  // reply that do more, such as firing two questions, their own principle).
  it('a direct question about CSEC activity is weight 2 everywhere, and jumping to conclusions at most 2', () => {
    const weights = (principle: string) => BUNDLED_IDS.flatMap((id) => bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision'
      ? n.replies.flatMap((r) => r.assessments.filter((a) => a.principle === principle && a.verdict === 'violates').map((a) => `${id}/${r.id}:${a.weight ?? 1}`))
      : [])));
    const direct = weights('no-direct-csec-questions');
    expect(direct.length).toBeGreaterThanOrEqual(6);
    expect(direct.filter((w) => !w.endsWith(':2'))).toEqual([]);
    expect(weights('no-jumping-to-conclusions').filter((w) => w.endsWith(':3'))).toEqual([]);
    expect(assessment('red-flags', 'r-boyfriend-direct', 'curious-not-interrogating')?.verdict).toBe('violates');
  });
});

describe('the people of one scenario are not named like people of another', () => {
  // youth-relapses named the man exploiting Jazz "Marcus", the-list's Advocate Supervisor; Ari's aunt
  // (left-placement-calls) was tía Rosa, as Elías's is in harm-reduction.
  const textOf = (id: string) => readFileSync(new URL(`../../scenarios/${id}.json`, import.meta.url), 'utf8');
  it('no Advocate Supervisor\'s first name appears in another scenario', () => {
    const clashes: string[] = [];
    for (const id of BUNDLED_IDS) for (const c of bundledScenario(id).characters ?? []) {
      if (!/Advocate Supervisor/.test(c.role ?? '')) continue;
      const first = c.name.split(' ')[0] as string;
      for (const other of BUNDLED_IDS) if (other !== id && new RegExp(`\\b${first}\\b`).test(textOf(other))) clashes.push(`${id}'s ${first} in ${other}`);
    }
    expect(clashes).toEqual([]);
  });
  it('no two youths have an aunt of the same name', () => {
    const aunts = new Map<string, string[]>();
    for (const id of BUNDLED_IDS) for (const m of new Set(textOf(id).match(/\b[Tt]ía [A-Z]\w+/g) ?? [])) {
      const name = m.slice(4);
      aunts.set(name, [...(aunts.get(name) ?? []), id]);
    }
    expect([...aunts].filter(([, ids]) => ids.length > 1)).toEqual([]);
  });
});

describe('red-flags: what the supervisor says fits what she was told', () => {
  // After "All good, nothing new really", Alma answered "Let's loop in Mr. Ramirez. Share what you've seen".
  it('told nothing new, Alma does not answer a worry she never heard', () => {
    const s = bundledScenario('red-flags');
    const nothing = s.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((r) => r.id === 'r-supervisor-nothing');
    const next = s.nodes.find((n) => n.id === nothing?.next);
    const said = next && 'lines' in next ? (next.lines ?? []).map((l) => l.text).join(' ') : '';
    expect(said).not.toMatch(/Share what you've seen|loop in Mr\. Ramirez/);
  });
});

describe('left-placement-calls: the night after "I\'ll tell Tomas in the morning"', () => {
  // The scene after the call said "You send Tomas a text and leave him a voicemail" on this path too,
  // undoing what the reply was marked down for.
  it('goes on with Tomas told in the morning, not that night', () => {
    const s = bundledScenario('left-placement-calls');
    const replies = s.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []));
    expect(replies.find((r) => r.id === 'd1-go-back')?.effects).toContainEqual({ var: 'waited', set: true });
    const dying = s.nodes.find((n) => n.id === 'd3-phone-dying');
    for (const r of dying?.kind === 'decision' ? dying.replies : []) {
      expect(Array.isArray(r.next) && r.next[0]).toEqual({ when: { var: 'waited', is: true }, to: 's3-morning' });
    }
    const morning = s.nodes.find((n) => n.id === 's3-morning');
    expect(morning && 'narration' in morning ? morning.narration : '').toMatch(/in the morning|until morning/);
    expect(morning && 'narration' in morning ? morning.narration : '').not.toMatch(/voicemail/);
  });
});

describe('harm-reduction: the strong ending says a plan exists only where one was made', () => {
  it('"I\'ll leave it to her" (no plan made with him) is told a Ms. Castillo who has started one, not "has his plan; so does tía Rosa"', () => {
    const s = bundledScenario('harm-reduction');
    expect(s.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((r) => r.id === 'd4-later')?.effects).toContainEqual({ var: 'no-plan', set: true });
    const strong = s.nodes.find((n) => n.id === 'end-strong');
    const variant = strong?.kind === 'ending' ? strong.variants?.find((v) => JSON.stringify(v.when) === '{"var":"no-plan","is":true}') : undefined;
    expect(variant?.narration).toContain('Ms. Castillo has started a safety plan with him.');
    expect(variant?.narration).not.toContain('so does tía Rosa');
  });
});

describe('red-flags: a conclusion said to Yesi counts as one', () => {
  // "Guys that age who buy girls stuff want something" ended "You never decided for Yesi what was happening".
  it('telling Yesi what her boyfriend wants counts among the conclusions that keep a playthrough from the strong ending', () => {
    const r = bundledScenario('red-flags').nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((x) => x.id === 'r-boyfriend-predator');
    expect(r?.effects).toContainEqual({ var: 'conclusions', add: 1 });
  });
});

describe('a fresh-eyes review: dual-involvement, whereabouts-unknown', () => {
  it('dual-involvement: "you should testify" is not told who decides whether he testifies (the guide is silent); it is told the support the guide describes (Legal Advocacy)', () => {
    const text = feedback('dual-involvement', 'd7-should');
    expect(text).not.toMatch(/for her and her lawyers/);
    expect(text).toContain('most importantly his CSW and dependency attorney (Legal Advocacy)');
  });

  // Session 41: d5-where asks one question now ("Where are you staying?"), not a barrage; the feedback says what it asks.
  it('whereabouts-unknown: the feedback on "Where are you staying?" says what the reply asks (where she is staying, and that she come home)', () => {
    const reply = indexScenario(bundledScenario('whereabouts-unknown')).replies.get('d5-where')?.reply;
    const asked = (reply?.text.match(/\?/g) ?? []).length;
    expect(asked).toBe(1);
    expect(reply?.feedback).toMatch(/^Your relief is real\. But asking where she is staying and telling her to come home/);
  });

  it('whereabouts-unknown: the safety plan credited to the guide holds what the guide lists (people and services to call on), not "where to go", which comes from practitioners (What if my youth returns from leaving placement?)', () => {
    const text = feedback('whereabouts-unknown', 'd8-plan');
    expect(text).not.toMatch(/where to go/);
    expect(text).toContain('the people and services she can call on when things feel unsafe, resources that reduce the possibility of harm (What if my youth returns from leaving placement?)');
  });

  it('whereabouts-unknown: Dez asking for a ride on a phone call is spoken, not written in text-message shorthand', () => {
    const s = bundledScenario('whereabouts-unknown');
    const call = s.nodes.find((n) => n.id === 's6-call');
    expect(call && 'narration' in call ? call.narration : '').toMatch(/your phone rings/);
    const said = call && 'lines' in call ? (call.lines ?? []).map((l) => l.text).join(' ') : '';
    expect(said).toContain('Can you come get me?');
    expect(said).not.toMatch(/\b(u|im|pls)\b/);
    expect(s.nodes.find((n) => n.id === 'd7-ride')?.title).not.toMatch(/can u/);
  });
});

describe('a fresh review: before-relapse and boy-red-flags', () => {
  /** The text of a scene's or decision's lines, joined. */
  function lineText(scenarioId: string, nodeId: string): string {
    const n = bundledScenario(scenarioId).nodes.find((x) => x.id === nodeId);
    return n && 'lines' in n ? (n.lines ?? []).map((l) => l.text).join(' ') : '';
  }
  const replyText = (scenarioId: string, replyId: string) => indexScenario(bundledScenario(scenarioId)).replies.get(replyId)?.reply.text ?? '';

  // Since before-relapse v22 (session contentb2-47) each reply at d1-good has a scene of its own: the shared
  // s1-triggers still answered "what's been helping?" ("I don't know. Paolo helps, I guess…") after "Don't jinx
  // it!" and "That feeling's normal". Its answer is now told only after d1-yours, which asks it; the other two
  // scenes answer what they said (test/scenarios/contentb-47.test.ts).
  it('before-relapse: Rina\'s line after the first decision answers "what\'s been helping?" only after d1-yours, which asks it', () => {
    const routes = bundledScenario('before-relapse').nodes.flatMap((n) => (n.kind === 'decision' && n.id === 'd1-good' ? n.replies.map((r) => [r.id, r.next]) : []));
    expect(routes).toEqual([['d1-yours', 's1-triggers'], ['d1-jinx', 's1-jinx'], ['d1-normal', 's1-normal']]);
    expect(lineText('before-relapse', 's1-triggers')).not.toMatch(/^Paolo, I guess/);
    for (const scene of ['s1-jinx', 's1-normal']) expect(lineText('before-relapse', scene)).not.toMatch(/Paolo helps, I guess/);
  });

  // Since v22 d2-leave leads to s2-left, not s2-shut, whose "I'm good. Seriously." answered a question "Leave it" never asked.
  it('before-relapse: after "Leave it" (nothing brought up), Rina does not ask to talk about something else, nor brush off a question', () => {
    const d2 = bundledScenario('before-relapse').nodes.find((n) => n.id === 'd2-triggers');
    expect(d2?.kind === 'decision' ? d2.replies.find((r) => r.id === 'd2-leave')?.next : undefined).toBe('s2-left');
    for (const scene of ['s2-shut', 's2-left']) expect(lineText('before-relapse', scene)).not.toMatch(/talk about something else/);
    expect(lineText('before-relapse', 's2-left')).not.toMatch(/I'm good/);
  });

  it('before-relapse: the plan brought to Hector does not name Fridays, which Rina names only on the s2-open path (d6-plan is reached from s2-shut too)', () => {
    expect(replyText('before-relapse', 'd6-three')).not.toMatch(/Friday/);
  });

  it('before-relapse: the best reply to Ms. Bautista does not recite the guide ("support ... stop at exiting") and is not far the longest', () => {
    const d8 = bundledScenario('before-relapse').nodes.find((n) => n.id === 'd8-step-down');
    const lengths = d8?.kind === 'decision' ? d8.replies.filter((r) => r.id !== 'd8-ongoing').map((r) => r.text.length) : [];
    expect(replyText('before-relapse', 'd8-ongoing')).not.toMatch(/shouldn't stop just because she's exited/);
    expect(replyText('before-relapse', 'd8-ongoing').length).toBeLessThan(1.5 * Math.max(...lengths));
  });

  it('boy-red-flags: d5-csec credits rejecting "prostitute" to Using Appropriate Language, not Red Flags, and claims nothing of the guide about boys', () => {
    const text = feedback('boy-red-flags', 'd5-csec');
    const first = text.split(/(?<=\.)\s/).findIndex((s) => /prostitute|that word/.test(s));
    const cited = text.split(/(?<=\.)\s/).slice(first).find((s) => /\(([^)]+)\)/.test(s));
    expect(cited).toContain('(Using Appropriate Language)');
    expect(text).not.toMatch(/keeping boys in view/);
  });

  it('boy-red-flags: the mixed ending for "dismissed" fits every reply that sets it (d1-agree to Ray, d4-wait and d5-grow later), not only the first', () => {
    const setters = bundledScenario('boy-red-flags').nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).filter((r) => (r.effects ?? []).some((e) => e.var === 'dismissed')).map((r) => r.id);
    expect(setters).toEqual(['d1-agree', 'd4-wait', 'd5-grow']);
    const end = bundledScenario('boy-red-flags').nodes.find((n) => n.id === 'end-mixed');
    const v = end?.kind === 'ending' ? end.variants?.find((x) => JSON.stringify(x.when) === JSON.stringify({ var: 'dismissed', is: true })) : undefined;
    expect(v?.narration).toBeDefined();
    expect(v?.narration).not.toMatch(/Early on|a boy his age/);
    expect(bundledScenario('boy-red-flags').variables?.find((x) => x.id === 'dismissed')?.label).not.toMatch(/because he is a boy/);
  });

  it('boy-red-flags: Ray is introduced as Theo\'s uncle where he is first named', () => {
    const s0 = bundledScenario('boy-red-flags').nodes.find((n) => n.id === 's0-porch');
    expect(s0 && 'narration' in s0 ? s0.narration : '').toContain('his uncle Ray is on the porch');
  });
});

describe('a fresh-eyes review: the borderline notes, youth-discloses, couch-rent, the-list', () => {

  // Session 37, a second reader: "telling Beth afterwards informs her; it does not consult her" read a
  // timing into Collaboration with Case Parties, which asks for the consultation when a youth becomes
  // dually involved and says nothing of when; the support is Advocacy Activities' "consult with their
  // Advocate Supervisor to determine appropriate advocacy activities".
  it('dual-involvement: going to the hearing alone is told what the guide says (consult the Advocate Supervisor; attend as deemed appropriate; work out advocacy activities with the supervisor), not that the defense attorney weighs whether the CASA attends, nor that a word afterwards is not consulting', () => {
    for (const id of ['d1-hearing', 'd3-gallery']) {
      const text = feedback('dual-involvement', id);
      expect(text, id).not.toMatch(/defense attorney to weigh|after consulting|not consult|informs her|\bbefore\b/);
      expect(text, id).toMatch(/consult your Advocate Supervisor.*\(Collaboration with Case Parties\)/);
      expect(text, id).toContain('attend juvenile justice hearings as deemed appropriate');
      expect(text, id).toMatch(/work out with your supervisor which advocacy activities are appropriate \(Advocacy Activities\)\.$/);
      const a = assessment('dual-involvement', id, 'defense-attorney-role');
      expect([a?.verdict, a?.weight ?? 1], id).toEqual(['violates', 1]);
    }
  });

  it('dual-involvement: two gentle questions about Roz are the secondary point at d6 (weight 1; the guide says some questions may be appropriate, not interrogating), and the feedback rests on what Rithy said ("everybody keeps asking"), not on a judgement the reply does not make', () => {
    const a = assessment('dual-involvement', 'd6-how', 'curious-not-interrogating');
    expect([a?.verdict, a?.weight ?? 1]).toEqual(['violates', 1]);
    expect(assessment('dual-involvement', 'd6-how', 'non-judgmental')).toBeUndefined();
    const text = feedback('dual-involvement', 'd6-how');
    expect(text).toContain('everybody keeps asking about Roz');
    expect(text).not.toMatch(/warned you off criticising|asks you to stay non-judgmental/);
    expect(told('dual-involvement', 's5-saturday')).toContain('Everybody keeps asking about Roz');
  });

  it('dual-involvement: a playthrough that asked Rithy to vouch instead of getting the form can still end strong (84%), and is not told "Jordan and you finally talk once the form is on file"', () => {
    const s = bundledScenario('dual-involvement');
    const vouched = playReplies(s, ['d1-supervisor', 'd2-introduce', 'd3-strengths', 'd4-explain', 'd5-rithy', 'd6-needs', 'd7-team', 'd8-secondary']);
    expect(vouched?.ending?.id).toBe('end-strong');
    expect(vouched?.ending?.narration).not.toMatch(/form is on file/);
    expect(vouched?.ending?.narration).toContain('Jordan is still waiting for a signed authorization form');
    const form = playReplies(s, ['d1-supervisor', 'd2-introduce', 'd3-strengths', 'd4-explain', 'd5-form', 'd6-needs', 'd7-team', 'd8-secondary']);
    expect(form?.ending?.narration).toContain('Jordan and you finally talk once the form is on file');
  });

  it('whereabouts-unknown: after the 1 a.m. messages, the path on which Dez opens up also comes to the morning decision about telling Mr. Nasser (an open line with the case parties, Collaboration with Case Parties); keeping her message private there keeps the playthrough from the strong ending', () => {
    const s = bundledScenario('whereabouts-unknown');
    const feelings = s.nodes.find((n) => n.id === 'd6-feelings');
    expect(feelings?.kind === 'decision' ? feelings.replies.map((r) => r.next) : []).toEqual(['d6-morning', 'd6-morning', 'd6-morning']);
    expect(told('whereabouts-unknown', 'd6-morning')).not.toMatch(/no longer answers|two messages/);
    const start = ['d1-open', 'd2-learn', 'd3-checkin', 'd4-honest', 'd5-not-mad', 'd6-both'];
    const shared = playReplies(s, [...start, 'd6-tell', 'd7-csw', 'd8-plan']);
    expect(shared?.ending?.id).toBe('end-strong');
    expect(shared?.score.percent).toBe(100);
    const kept = playReplies(s, [...start, 'd6-private', 'd7-csw', 'd8-plan']);
    expect(kept?.ending?.id).toBe('end-mixed');
    expect(kept?.ending?.narration).toContain('he would rather have heard from you along the way');
  });

  it('whereabouts-unknown: the mixed ending after a rideshare and a plan says who arranged the ride, not that Dez is "still guarded" with a volunteer she trusts', () => {
    const d = playReplies(bundledScenario('whereabouts-unknown'), ['d1-open', 'd2-learn', 'd3-checkin', 'd4-honest', 'd5-not-mad', 'd6-both', 'd6-tell', 'd7-rideshare', 'd8-plan']);
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).toContain('you arranged her ride, not Mr. Nasser');
    expect(d?.ending?.narration).not.toMatch(/still guarded/);
  });

  it('boy-red-flags: "I\'ll sit Theo down tonight" (said to Ray) costs Theo\'s trust because Ray passes it on where Theo hears it, and the feedback rests on the guide\'s "to figure out the best next steps", not on an order it does not give', () => {
    const r = replyOf('boy-red-flags', 'd1-tonight');
    expect(r.next).toBe('s1-heads-up');
    expect(r.effects).toContainEqual({ var: 'trust', add: -5 });
    expect(told('boy-red-flags', 's1-heads-up')).toContain('Ray calls after him from the porch that his CASA wants a word with him');
    expect(r.feedback).not.toMatch(/before anything is settled with Theo|if at all/);
    expect(r.feedback).toContain('to figure out the best next steps; here the next step is settled before your supervisor hears anything (Red Flags)');
    for (const id of ['d1-agree', 'd1-maybe', 'd1-textbook']) expect(replyOf('boy-red-flags', id).next, id).toBe('s1-garage');
  });

  it('youth-discloses: Kiara says Dre is twenty-three on the guarded path too, since the replies and feedback that follow ("he\'s 23", "her 23-year-old boyfriend") are offered on every path', () => {
    expect(told('youth-discloses', 's1-guarded')).toMatch(/Twenty-three/);
    for (const id of ['d2-illegal', 'd5-accurate', 'd7-share']) expect(replyOf('youth-discloses', id).text, id).toMatch(/23/);
  });

  it('youth-discloses: the narration does not say Kiara spent the weekend at Dre\'s (the CSW\'s report then finds "no new concerns", and on the cancelled-visit path the volunteer never heard of the weekend)', () => {
    for (const id of ['s5-weekend-unsaid', 's6-call-planned', 's6-call-routine']) {
      expect(told('youth-discloses', id), id).not.toMatch(/goes to Dre's|talk about the weekend/);
    }
    expect(told('youth-discloses', 's7-ana-unaware')).toContain('no new concerns');
  });

  it('youth-discloses: the shrug at d6 is something a caring volunteer might say (no "Just have fun"), still scored as respecting her choice while leaving out her safety', () => {
    const r = replyOf('youth-discloses', 'd6-whatever');
    expect(r.text).not.toMatch(/Just have fun|I guess/);
    // Kiara has gone back to no one: the shrug is no longer faulted on the guide's reassurance for a youth
    // who returns (Likelihood of Relapse, v43); its feedback says what it leaves out, by harm reduction.
    expect(r.assessments).toEqual([{ principle: 'harm-reduction-self-determination', verdict: 'follows' }]);
    expect(r.feedback).toMatch(/asks nothing of what would help her feel safer.*\(Harm Reduction\)\.$/);
  });

  it('youth-discloses: "I\'m calling Ana the second I get to my car" is not called a threat; its feedback names the fears Kiara has just voiced (CASA Role and Expectations)', () => {
    const text = feedback('youth-discloses', 'd4-call-now');
    expect(text).not.toMatch(/like a threat/);
    expect(text).toContain('being moved and his anger');
    expect(told('youth-discloses', 'd4-promise')).toMatch(/they'll move me and he'll be mad/);
  });

  it('couch-rent: on the guarded path too, Arev says Vic runs the server they are on, which the evening (reading Vic\'s posts), the bench ("still going on the server") and the endings take as known', () => {
    expect(told('couch-rent', 's1-open')).toContain('Vic runs the server');
    expect(told('couch-rent', 's1-guarded')).toContain('Vic runs the server');
    expect(replyOf('couch-rent', 'd4-server').text).toContain("Vic's posts");
    expect(told('couch-rent', 's7-bench')).toContain('the server');
  });

  it('the-list: a playthrough can reach the park without Bảo having explained the list (d2-praise, then d3-eat after "It\'s just work"), so at the park he says what the list is', () => {
    const seen = nodesOn('the-list', ['d1-blessing', 'd2-praise', 'd3-eat', 'd4-marcus', 'd5-honest', 'd6-miss', 'd7-go', 'd8-next', 'd9-strengths']);
    expect(seen).toContain('s5-park');
    expect(seen).not.toContain('s2-opens');
    expect(told('the-list', 's5-park')).toContain("What we owe Chú, from Bà's rent last winter");
  });

  it('the-list: Bảo hears that the volunteer named trafficking the same afternoon (d1-warning costs his trust before he comes in at four), and the ending that recalls it says so, not "that night"', () => {
    expect(replyOf('the-list', 'd1-warning').effects).toContainEqual({ var: 'trust', add: -10 });
    expect(told('the-list', 's1-bao')).toContain('comes in at four');
    const narrations = bundledScenario('the-list').nodes.flatMap((n) => (n.kind === 'ending' ? (n.variants ?? []) : []))
      .filter((v) => JSON.stringify(v.when) === JSON.stringify({ var: 'labelled', is: true })).map((v) => v.narration);
    expect(narrations.length).toBeGreaterThan(0);
    for (const text of narrations) {
      expect(text).toContain('heard it from her that same afternoon');
      expect(text).not.toMatch(/that night/);
    }
  });
});

describe('a fresh-eyes review, session 26: trafficker-contact, left-placement-calls, youth-relapses', () => {

  it('left-placement-calls: "I\'ll tell Tomas in the morning", then "I\'m texting Tomas now" at the fifty dollars, is not told that it could wait until seven', () => {
    expect(replyText('left-placement-calls', 'd2-resources')).toContain("I'm texting Tomas now");
    const texted = nodesOn('left-placement-calls', ['d1-go-back', 'd2-resources', 'd3-door-open']);
    expect(texted).not.toContain('s3-morning');
    expect(texted).toContain('s3-cold');
    expect(told('left-placement-calls', 's3-cold')).toContain('You send Tomas a text');
    // Where the volunteer said nothing of texting him, the night still waits for the morning.
    for (const money of ['d2-send', 'd2-who']) expect(nodesOn('left-placement-calls', ['d1-go-back', money, 'd3-door-open']), money).toContain('s3-morning');
  });

  it('left-placement-calls: Gabi is named as Ari\'s case manager where the volunteer first mentions her on a path that sent money or asked questions', () => {
    for (const id of ['d1-redirect', 'd1-go-back', 'd2-who']) expect(replyText('left-placement-calls', id), id).not.toMatch(/Gabi/);
    for (const id of ['s1-redirect', 's1-go-back', 'd2-money', 'd3-phone-dying']) expect(told('left-placement-calls', id), id).not.toMatch(/Gabi/);
    // Each reply that may be the first to name her (after d2-send or d2-who) says who she is.
    for (const id of ['d2-send', 'd3-door-open', 'd3-stay-on']) expect(replyText('left-placement-calls', id), id).toMatch(/your case manager Gabi/i);
  });

  it('left-placement-calls: "the officer on her report" rests on a report Mr. Keith mentions on every path to the update, the pick-up paths too', () => {
    expect(replyText('left-placement-calls', 'd5-steady')).toContain('the officer on her report');
    for (const path of [['d1-redirect', 'd2-resources', 'd3-door-open'], ['d1-pick-up', 'd2-call-csw'], ['d1-pick-up', 'd2-drive-back'], ['d1-pick-up', 'd2-couch']]) {
      const seen = nodesOn('left-placement-calls', path);
      const before = seen[seen.indexOf('d4-update') - 1];
      expect(before, path.join(' > ')).toMatch(/^s4-/);
      expect(told('left-placement-calls', before ?? ''), before).toContain('We did the report already.');
    }
  });

  it('youth-relapses: the best reply about triggers does not cite "a missed visit", which Jazz tells only on the path where she opens up', () => {
    const closed = nodesOn('youth-relapses', ['d1-why', 'd2-earn', 'd3-using']);
    expect(closed).toContain('s3-closed');
    expect(told('youth-relapses', 's3-open')).toContain("didn't show for the visit");
    expect(told('youth-relapses', 's3-closed')).not.toMatch(/visit|mom/);
    expect(replyText('youth-relapses', 'd4-plan')).not.toMatch(/missed visit/);
    // What it points to instead is told on every path: "My mom doesn't even" at d3-miss.
    expect(told('youth-relapses', 'd3-miss')).toContain('My mom');
    expect(replyText('youth-relapses', 'd4-plan')).toContain('your mom');
  });

  it('trafficker-contact: the man says "So she IS out here" before he drives off and before you know what your answer told him (a scene\'s narration is drawn before its lines)', () => {
    const s = bundledScenario('trafficker-contact');
    const saying = s.nodes.find((n) => n.kind === 'scene' && (n.lines ?? []).some((l) => l.text.includes('So she IS out here')));
    expect(saying && 'narration' in saying ? saying.narration ?? '' : '').not.toMatch(/pulls out|driver's seat|realise your answer/);
    for (const reply of ['d6-parking-tell-off', 'd6-parking-ask']) {
      const path = ['d1-text-screenshot', 'd3-morning-facts', 'd4-visit-boundary', 'd5-open-include', reply];
      const seen = nodesOn('trafficker-contact', path);
      const at = seen.indexOf(saying?.id ?? '');
      expect(at, reply).toBeGreaterThan(0);
      const after = seen.slice(at + 1, seen.indexOf('d7-supervisor')).map((id) => told('trafficker-contact', id)).join(' ');
      expect(after, reply).toMatch(/pulls out slowly/);
      expect(after, reply).toMatch(/You call Ms\. Okafor from the driver's seat/);
    }
  });

  it('trafficker-contact: agreeing to text Tasha "she\'s good", what Imani asked for, is not met with "You\'re just like everybody" (its feedback says it pleases her); she opens up, and the text is still a prohibited contact', () => {
    for (const first of [['d1-text-screenshot', 'd3-morning-facts'], ['d1-text-screenshot', 'd3-morning-ask-imani']]) {
      const seen = nodesOn('trafficker-contact', [...first, 'd4-visit-pass']);
      expect(seen, first.join(' > ')).toContain('s-imani-opens');
      expect(seen, first.join(' > ')).not.toContain('s-imani-shuts');
    }
    expect(told('trafficker-contact', 's-imani-shuts')).toContain("You're just like everybody");
    expect(feedback('trafficker-contact', 'd4-visit-pass')).toMatch(/pleases her.*\(Prohibited Activities\)/s);
    expect(replyOf('trafficker-contact', 'd4-visit-pass').assessments).toContainEqual({ principle: 'no-trafficker-contact', verdict: 'violates', weight: 3 });
  });
});

describe('a fresh-eyes review, session 26: red-flags, harm-reduction, before-relapse', () => {

  it('red-flags: what the volunteer tells Alma rests on what every path showed; only the open path has Yesi say that Junior paid for the phone', () => {
    const guarded = nodesOn('red-flags', ['r-nails-skip', 'r-boyfriend-light', 'r-denise-balanced']);
    expect(guarded).toContain('s-guarded');
    expect(guarded.at(-1)).toBe('r-supervisor');
    expect(told('red-flags', 's-open')).toContain('He got me the phone too');
    const before = guarded.map((id) => told('red-flags', id)).join(' ');
    expect(before).not.toMatch(/paid|got me the phone/);
    expect(replyText('red-flags', 'r-supervisor-facts')).not.toMatch(/she says|paid for/);
  });

  it('red-flags: Junior is "the name Denise gave you" because Denise gave it in her call, on every path (s-boba comes before either scene where Yesi names him)', () => {
    expect(told('red-flags', 'r-boyfriend')).toContain('the name Denise gave you');
    expect(told('red-flags', 's-boba')).toMatch(/Denise[^.]*called:[^.]*Junior/);
  });

  it('red-flags: at the call the volunteer has already reached Mr. Ramirez, so no reply puts off calling him; holding back what you saw is still scored on working with the CSW (Collaboration with Case Parties)', () => {
    expect(told('red-flags', 'r-csw')).toContain('You reach Mr. Ramirez');
    expect(told('red-flags', 's-alma-nothing')).toContain('you call Yesi\'s CSW');
    expect(replyText('red-flags', 'r-csw-hold')).not.toMatch(/hold off calling|before calling/);
    expect(assessment('red-flags', 'r-csw-hold', 'csw-partnership')).toMatchObject({ verdict: 'violates', weight: 2 });
    expect(feedback('red-flags', 'r-csw-hold')).toContain('(Collaboration with Case Parties)');
  });

  it('red-flags: CLC\'s immigration attorney is not said to have the trafficking expertise the guide asks for in a separate sentence ("CLC has an attorney specialized and managing cases for youth with immigration needs")', () => {
    expect(replyText('red-flags', 'r-immigration-clc')).not.toMatch(/trafficking/);
    expect(feedback('red-flags', 'r-immigration-clc')).not.toMatch(/CLC's immigration attorney, so/);
    expect(feedback('red-flags', 'r-immigration-research')).not.toMatch(/with CLC's \(/);
    for (const id of ['r-immigration-clc', 'r-immigration-research']) expect(feedback('red-flags', id), id).toContain('connect with an immigration attorney at CLC (Legal Advocacy)');
  });

  it('harm-reduction: "wait and see" does not point to "the plan" on a path where none was made ("Ms. Castillo does safety plans; I\'ll leave it to her")', () => {
    const seen = nodesOn('harm-reduction', ['d1-glad', 'd2-need', 'd3-plan', 'd4-later']);
    expect(seen.at(-1)).toBe('d5-tell');
    expect(indexScenario(bundledScenario('harm-reduction')).replies.get('d4-later')?.reply.effects).toContainEqual({ var: 'no-plan', set: true });
    expect(replyText('harm-reduction', 'd5-wait')).not.toMatch(/\bplan\b/);
    expect(feedback('harm-reduction', 'd5-wait')).not.toMatch(/\bplan\b/);
  });

  it('harm-reduction: the mixed ending told when no variant fits is not "some of what you said landed harder … he keeps the weekends out of your visits" for a playthrough that said nothing harsh and left his trust high', () => {
    const path = ['d1-glad', 'd2-placement', 'd3-plan', 'd4-template', 'd5-share', 'd6-glad', 'd7-square-one', 'd8-steps', 'd9-review'];
    const s = bundledScenario('harm-reduction');
    const replies = indexScenario(s).replies;
    const trust = path.reduce((t, id) => t + (replies.get(id)?.reply.effects ?? []).reduce((a, e) => a + (e.var === 'trust' && 'add' in e ? e.add ?? 0 : 0), 0), 50);
    expect(trust).toBeGreaterThanOrEqual(80);
    const d = playReplies(s, path);
    expect(d?.ending?.id).toBe('end-mixed');
    const end = s.nodes.find((n) => n.id === 'end-mixed');
    expect(d?.ending?.narration).toBe(end && 'narration' in end ? end.narration : undefined);
    expect(d?.ending?.narration).not.toMatch(/landed harder|keeps the weekends out/);
  });
});

describe('a fresh-eyes review, session 26: court-report', () => {
  const toldHere = (nodeId: string) => told('court-report', nodeId);
  const replyTextHere = (replyId: string) => replyText('court-report', replyId);
  const best = ['d-opening-strengths', 'd-school-evidence', 'd-health-records', 'd-visit-ask-voice', 'd-check-status-call-csw', 'd-status-confirmed-factual', 'd-wellbeing-strengths', 'd-recs-csec-restoration', 'd-recs-more-secondary', 'd-review-supervisor', 'd-hearing-support-order'];
  /** The best replies with some swapped: swap(best, { 'd-school-evidence': 'd-school-glowing' }). */
  const swap = (path: readonly string[], changes: Record<string, string>) => path.map((id) => changes[id] ?? id);

  it('a report filed without review that asks to take Lupe\'s phone and move her out of the county (or calls her "a CSEC victim") is not met with "you didn\'t put nothing weird", nor told that what was filed does her no harm', () => {
    const cases = [
      swap(best, { 'd-recs-csec-restoration': 'd-recs-csec-lockdown', 'd-recs-more-secondary': 'd-recs-more-move', 'd-review-supervisor': 'd-review-skip' }),
      swap(best, { 'd-status-confirmed-factual': 'd-status-confirmed-label', 'd-review-supervisor': 'd-review-attorney' }),
    ];
    for (const path of cases) {
      const seen = nodesOn('court-report', path);
      expect(seen).toContain('s-filed');
      expect(seen, path.join(' ')).not.toContain('s-hearing-calm');
      const hallway = seen.filter((id) => id.startsWith('s-hearing')).map(toldHere).join(' ');
      expect(hallway).toMatch(/nobody even asked me/);
      const d = playReplies(bundledScenario('court-report'), path);
      expect(d?.ending?.id).toBe('end-mixed');
      expect(d?.ending?.narration).not.toMatch(/does Lupe no harm|Marisa caught/);
      expect(d?.ending?.narration).toMatch(/before Marisa had seen it/);
      expect(d?.ending?.title).not.toMatch(/A clean report/);
    }
  });

  it('a clean report that misses the strong ending on points alone (trust 75, nothing taken out, nothing looked into) is not told she had no say, needed a save, and stays distant', () => {
    const path = swap(best, { 'd-school-evidence': 'd-school-glowing', 'd-review-supervisor': 'd-review-skip' });
    const d = playReplies(bundledScenario('court-report'), path);
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.score.percent).toBeLessThan(80);
    expect(d?.ending?.narration).not.toMatch(/much of a say|needed a save|went looking|polite in the hallway/);
    expect(d?.ending?.title).not.toMatch(/distant/);
    // A playthrough that left her trust low is still told so.
    const low = playReplies(bundledScenario('court-report'), swap(best, { 'd-visit-ask-voice': 'd-visit-deflect' }));
    expect(low?.ending?.id).toBe('end-mixed');
    expect(low?.ending?.narration).toMatch(/polite in the hallway/);
  });

  it('the calm hallway and Marisa\'s approval claim nothing a draft reaching them may lack: no volleyball after a reworked opening, no "sourced" for "thriving at school and loves learning!"', () => {
    const reworked = swap(best, { 'd-opening-strengths': 'd-opening-at-risk', 'd-recs-csec-restoration': 'd-recs-csec-prenatal' });
    const seen = nodesOn('court-report', reworked);
    expect(seen).toContain('s-marisa-flags');
    expect(seen).toContain('s-hearing-calm');
    expect(toldHere('s-hearing-calm')).not.toMatch(/volleyball/);
    const glowing = nodesOn('court-report', swap(best, { 'd-school-evidence': 'd-school-glowing' }));
    expect(glowing).toContain('s-marisa-approves');
    expect(toldHere('s-marisa-approves')).not.toMatch(/sourced/);
  });

  it('the harmful ending does not say Ms. Alvarez learned from you what she had told you Lupe shared with her and DCFS put before the court', () => {
    expect(toldHere('s-csw-confirms')).toMatch(/It's in our report to the court too/);
    const path = swap(best, { 'd-opening-strengths': 'd-opening-csec-victim', 'd-review-supervisor': 'd-review-skip', 'd-hearing-support-order': 'd-hearing-repair-own' });
    const d = playReplies(bundledScenario('court-report'), path);
    expect(d?.ending?.id).toBe('end-harmful');
    expect(d?.ending?.narration).not.toMatch(/learned them from you/);
  });

  it('the draft lines state only what the volunteer was told: no "new phone" nobody mentioned, Lupe has met Mr. Tran on every path, and the March clinic visit is named as sexual health before the health line', () => {
    const s = bundledScenario('court-report');
    const everything = s.nodes.map((n) => toldHere(n.id)).join(' ');
    expect(replyTextHere('d-status-unconfirmed-suspect')).not.toMatch(/phone/);
    expect(everything).not.toMatch(/new phone/);
    expect(replyTextHere('d-status-confirmed-factual')).toMatch(/Lupe has met with both/);
    const guarded = nodesOn('court-report', ['d-opening-strengths', 'd-school-evidence', 'd-health-records', 'd-visit-deflect', 'd-check-status-call-csw']);
    expect(guarded).toContain('s-visit-guarded');
    expect(guarded.at(-1)).toBe('d-status-confirmed');
    expect(guarded.map(toldHere).join(' ')).toMatch(/met with (him|Mr\. Tran)/);
    expect(toldHere('s-kitchen-table')).toMatch(/sexually transmitted infection/);
  });
});

describe('a fresh-eyes review, session 26: youth-discloses', () => {
  const node = (id: string) => bundledScenario('youth-discloses').nodes.find((n) => n.id === id);
  const narration = (id: string) => {
    const n = node(id);
    return n && 'narration' in n ? n.narration ?? '' : '';
  };

  it('the evening narration does not point at the answer with a supervisor who said to call any time (as couch-rent\'s no longer does)', () => {
    expect(narration('d5-supervisor')).not.toMatch(/call any time/);
    expect(narration('d5-supervisor')).toContain('Renee Park');
  });

  it('after "I\'m calling Ana the second I get to my car" the story says what became of that call before Ana asks, days later, whether there is anything she should know', () => {
    const seen = nodesOn('youth-discloses', ['d1-curious', 'd2-needs', 'd3-thank', 'd4-call-now']);
    expect(seen).toContain('s4-alarmed');
    expect(narration('s4-alarmed')).toMatch(/Ana/);
    expect(narration('s4-alarmed')).toMatch(/voicemail/);
  });
});

describe('session 27 review', () => {
  // Mr. Tran was Kiara's chemistry teacher in youth-discloses and Lupe's CSEC CSW in court-report: a
  // volunteer who practised both met one name for two people, one of them on the youth's team.
  it('a titled name (Mr., Ms., Mrs., Dr.) names one person: no two scenarios give the same one to different people', () => {
    const scenariosOf = new Map<string, string[]>();
    for (const id of BUNDLED_IDS) {
      for (const name of new Set(JSON.stringify(bundledScenario(id)).match(/\b(?:Mr|Ms|Mrs|Dr)\. [A-Z][\w'-]+/g) ?? [])) {
        scenariosOf.set(name, [...(scenariosOf.get(name) ?? []), id]);
      }
    }
    expect(scenariosOf.size).toBeGreaterThanOrEqual(30);
    expect([...scenariosOf].filter(([, ids]) => ids.length > 1)).toEqual([]);
    expect(replyText('youth-discloses', 'd2-subject')).toContain('Mr. Fischer');
  });

  it('court-report: a clean report filed without Marisa\'s review ends mixed (above 80%), and the ending says why in the guide\'s terms, not that Marisa caught anything', () => {
    const best = ['d-opening-strengths', 'd-school-evidence', 'd-health-records', 'd-visit-ask-voice', 'd-check-status-call-csw', 'd-status-confirmed-factual', 'd-wellbeing-strengths', 'd-recs-csec-restoration', 'd-recs-more-secondary', 'd-review-supervisor', 'd-hearing-support-order'];
    expect(playReplies(bundledScenario('court-report'), best)?.ending?.id).toBe('end-strong');
    for (const review of ['d-review-skip', 'd-review-attorney']) {
      const d = playReplies(bundledScenario('court-report'), best.map((r) => (r === 'd-review-supervisor' ? review : r)));
      expect(d?.score.percent, review).toBeGreaterThanOrEqual(80);
      expect(d?.ending?.id, review).toBe('end-mixed');
      expect(d?.ending?.narration).toMatch(/before Marisa had seen them/);
      expect(d?.ending?.narration).toMatch(/reviewed with your Advocate Supervisor/);
      expect(d?.ending?.narration).not.toMatch(/Marisa caught|polite in the hallway/);
    }
  });
});

/** A youth's trust after a path of replies: the start value plus every reply's trust effect, kept within 0–100 (the paths used here pass no scene with effects). */
function trustAfter(scenarioId: string, replies: readonly string[]): number {
  const s = bundledScenario(scenarioId);
  const start = s.variables?.find((v) => v.id === 'trust')?.start;
  let trust = typeof start === 'number' ? start : 0;
  for (const id of replies) {
    for (const e of replyOf(scenarioId, id).effects ?? []) {
      if (e.var === 'trust' && 'add' in e && typeof e.add === 'number') trust = Math.min(100, Math.max(0, trust + e.add));
    }
  }
  return trust;
}

describe('session 27 content review: couch-rent', () => {
  // Going inside to talk to Mr. Boyd, then a weekend off the phone instead of talking it through with
  // Naomi: 79%, the mixed ending with no variant, trust 75. Arev had told you about Vic's groceries and
  // named Vic in their own plan; nothing harsh was said to them.
  const PATH = ['d1-fix', 'd2-need', 'd3-honest', 'd4-naomi', 'd5-redirect', 'd6-weekend', 'd7-bad-night', 'd8-strengths'];

  it('the mixed ending told when no variant fits does not say "some of what you said landed harder" and that Arev keeps Vic\'s out of your visits, to a playthrough where Arev talked about Vic\'s and trusts you', () => {
    const seen = nodesOn('couch-rent', PATH);
    expect(seen).toContain('s2-more');
    expect(seen).toContain('s7-theirs');
    expect(told('couch-rent', 's7-theirs')).toMatch(/Vic/);
    expect(trustAfter('couch-rent', PATH)).toBeGreaterThanOrEqual(70);
    const d = playReplies(bundledScenario('couch-rent'), PATH);
    expect(d?.score.percent).toBeLessThan(80);
    expect(d?.ending?.id).toBe('end-mixed');
    const end = bundledScenario('couch-rent').nodes.find((n) => n.id === 'end-mixed');
    expect(d?.ending?.narration).toBe(end && 'narration' in end ? end.narration : undefined);
    expect(d?.ending?.narration).not.toMatch(/landed harder|keep Vic's out/);
    expect(d?.ending?.narration).toMatch(/Not all of what you said or did helped them/);
  });
});

describe('session 27 content review: dual-involvement', () => {
  const BEST = ['d1-supervisor', 'd2-introduce', 'd3-strengths', 'd4-explain', 'd5-form', 'd6-needs', 'd7-team', 'd8-secondary'];
  const play = (swap: Record<string, string>) => playReplies(bundledScenario('dual-involvement'), BEST.map((r) => swap[r] ?? r));

  it('"Leave it to his public defender", then the call and the statement Ms. Adeyemi asked for: the ending does not say his delinquency case went on without you', () => {
    expect(told('dual-involvement', 's1-number')).toMatch(/asks you to give her a call/);
    const d = play({ 'd1-supervisor': 'd1-wait' });
    // 80% since session 40 (d4-unsure and d4-explain rescored, best total 20): the Strong band, and the strong ending.
    expect(d?.score.percent).toBe(80);
    expect(d?.ending?.id).toBe('end-strong');
    expect(d?.ending?.narration).not.toMatch(/went on mostly without you|know little of the other/);
    // Declining the statement is still told that the case went on without you.
    const declined = play({ 'd3-strengths': 'd3-decline' });
    expect(declined?.ending?.id).toBe('end-mixed');
    expect(declined?.ending?.narration).toMatch(/went on mostly without you/);
  });

  it('a report sent before Beth saw it, on a path that kept every case party informed, is told that, not that the adults on each case know little of the other or that Rithy keeps his answers short', () => {
    expect(trustAfter('dual-involvement', BEST)).toBeGreaterThanOrEqual(70);
    const d = play({ 'd8-secondary': 'd8-rush' });
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).not.toMatch(/know little of the other|keeps (her|his) answers short/);
    expect(d?.ending?.narration).toMatch(/before Beth had seen its recommendations/);
  });

  it('no mixed ending says Rithy keeps his answers short (it is told whatever his trust)', () => {
    const end = bundledScenario('dual-involvement').nodes.find((n) => n.id === 'end-mixed');
    const texts = end?.kind === 'ending' ? [end.narration, ...(end.variants ?? []).map((v) => v.narration)] : [];
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.filter((t) => /keeps (her|his) answers short/.test(t))).toEqual([]);
  });
});

describe('session 27 content review: whereabouts-unknown', () => {
  // An "AWOL" email to the team and stepping back from the case with Priya, every word to Dez warm:
  // 77%, trust 95, a plan written with you. She is not "still guarded with you".
  const PATH = ['d1-open', 'd2-learn', 'd3-email', 'd4-step-back', 'd5-not-mad', 'd6-both', 'd6-tell', 'd7-csw', 'd8-plan'];

  it('the mixed ending after a plan does not call Dez guarded with a volunteer she trusts; a playthrough that lost her trust still is told so', () => {
    expect(trustAfter('whereabouts-unknown', PATH)).toBeGreaterThanOrEqual(90);
    const d = playReplies(bundledScenario('whereabouts-unknown'), PATH);
    expect(d?.score.percent).toBeLessThan(80);
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).toMatch(/short plan with you/);
    expect(d?.ending?.narration).not.toMatch(/still guarded/);
    const cold = ['d1-where', 'd2-learn', 'd3-checkin', 'd4-honest', 'd5-where', 'd6-tell', 'd7-csw', 'd8-plan'];
    expect(trustAfter('whereabouts-unknown', cold)).toBeLessThan(60);
    const guarded = playReplies(bundledScenario('whereabouts-unknown'), cold);
    expect(guarded?.ending?.id).toBe('end-mixed');
    expect(guarded?.ending?.narration).toMatch(/still guarded with you/);
  });
});

describe('session 28 content review: harm-reduction, the-list', () => {
  it('harm-reduction: "Cole isn\'t your friend" is told what the guide says of loyalty (youth may develop bonds; in some cases extreme loyalty), not that youth "often" feel loyal', () => {
    const text = feedback('harm-reduction', 'd2-using');
    expect(text).not.toMatch(/\boften\b/);
    expect(text).toContain('may develop bonds and positive associations toward the person exploiting them');
    expect(text).toContain('(Stages of Exiting CSEC Involvement)');
  });

  it('harm-reduction: a report filed before Grace saw it, on a path that left Elías on read at midnight (trust 35), is not told he is "telling you about the weekends"', () => {
    const path = ['d1-promise', 'd2-placement', 'd3-plan', 'd4-rules', 'd5-share', 'd6-silent', 'd7-square-one', 'd8-steps', 'd9-file'];
    expect(trustAfter('harm-reduction', path)).toBeLessThan(40);
    const d = playReplies(bundledScenario('harm-reduction'), path);
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).toContain('before Grace had seen it');
    expect(d?.ending?.narration).not.toMatch(/telling you about the weekends/);
  });

  it('the-list: a clean playthrough that ends mixed on points (79%, trust 95: "the worst of it is behind you") is not told Bảo is merely polite and tells you less; one that lost his trust still is', () => {
    const warm = ['d1-hear', 'd2-praise', 'd3-carry', 'd4-marcus', 'd5-honest', 'd6-miss', 'd7-go', 'd8-done', 'd9-strengths'];
    expect(trustAfter('the-list', warm)).toBeGreaterThanOrEqual(90);
    const d = playReplies(bundledScenario('the-list'), warm);
    expect(d?.score.percent).toBe(79);
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).not.toMatch(/polite|tells you less/);
    expect(d?.ending?.narration).toMatch(/Ms\. Ochoa first/);
    // The ending's title is shown with every variant: it cannot say "Polite" either.
    expect(d?.ending?.title).not.toMatch(/polite/i);
    const cold = ['d1-hear', 'd2-pile', 'd3-press', 'd4-marcus', 'd5-honest', 'd6-miss', 'd7-go', 'd8-done', 'd9-strengths'];
    expect(trustAfter('the-list', cold)).toBeLessThan(60);
    const guarded = playReplies(bundledScenario('the-list'), cold);
    expect(guarded?.ending?.id).toBe('end-mixed');
    expect(guarded?.ending?.narration).toMatch(/Bảo is polite with you and tells you less/);
  });

  it('the-list: "I\'m proud of you … Restoration Funds" is credited for validating his steps, and its feedback says where the guide asks that (Stages of Exiting CSEC Involvement)', () => {
    expect(assessment('the-list', 'd8-funds', 'validate-each-step')?.verdict).toBe('follows');
    expect(feedback('the-list', 'd8-funds')).toContain('(Stages of Exiting CSEC Involvement)');
  });
  it('harm-reduction: the midnight reply credited for staying a source of support and acceptance says where the guide asks it (Likelihood of Relapse), beside its other sections', () => {
    expect(assessment('harm-reduction', 'd6-glad', 'remain-accepting')?.verdict).toBe('follows');
    const text = feedback('harm-reduction', 'd6-glad');
    for (const section of ['(Likelihood of Relapse)', '(Prohibited Activities)', '(Collaboration with Case Parties)', '(What if my youth left placement or their whereabouts are unknown?)']) expect(text, section).toContain(section);
  });
  it('harm-reduction: the plan reply credited for talking about triggers asks what sends him to Cole\'s, not "there" just after naming Rosa and Daniel (which read as what sends him to them)', () => {
    expect(assessment('harm-reduction', 'd4-words', 'discuss-triggers')?.verdict).toBe('follows');
    expect(replyText('harm-reduction', 'd4-words')).toMatch(/^Rosa and Daniel\. What sends you to Cole's/);
  });
  it('harm-reduction: the harmful ending does not tell a path that never asked Elías to change that he sees you as "one more adult who wanted him to be different"', () => {
    // Secrecy, a placement, a ride, a template, a search, no answer at midnight: harmful, but no reply asks him to stop or be otherwise.
    const path = ['d1-promise', 'd2-placement', 'd3-ride', 'd4-template', 'd5-lookup', 'd6r-quiet', 'd7-square-one', 'd8-rosy', 'd9-review'];
    const d = playReplies(bundledScenario('harm-reduction'), path);
    expect(d?.ending?.id).toBe('end-closed');
    expect(d?.ending?.narration).not.toMatch(/wanted him to be different|nobody judges/);
    expect(d?.ending?.narration).toMatch(/no point talking to you/);
  });
  it('harm-reduction: looking Cole up online is taken up by Grace in the mixed ending, without claiming Elías knows of it (the reply only tells him the team will be told)', () => {
    const path = ['d1-promise', 'd2-placement', 'd3-plan', 'd4-words', 'd5-lookup', 'd6-glad', 'd7-square-one', 'd8-steps', 'd9-review'];
    const d = playReplies(bundledScenario('harm-reduction'), path);
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).toMatch(/why you went looking for Cole online/);
    expect(d?.ending?.narration).not.toMatch(/he knows you went looking/);
  });
});

describe('session 28 content review: before-relapse, red-flags, youth-relapses', () => {
  // A "say" reply is shown in quotation marks as the volunteer's words. "Tell Ms. Nguyen that criminal
  // court isn't really CASA's role", said to Ms. Nguyen, or "Tell her not to worry: you'll read up…",
  // said to Tita Marivic, read as nonsense there: they are actions, and are written as "do" replies.
  it.each(BUNDLED_IDS)('%s: no reply shown as words the volunteer says is an instruction to the volunteer ("Tell Alma…", "Go through it with…")', (id) => {
    const instructions = bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []))
      .filter((r) => (r.kind ?? 'say') === 'say' && /^(Tell (?!me\b)\w+\b(?! I said\b)|Go through it with\b|Leave it on read\b)/.test(r.text))
      .map((r) => r.id);
    expect(instructions).toEqual([]);
  });

  it('red-flags: the CLC reply\'s feedback claims no "decision that is hers" the guide does not state (as the pressing-to-testify feedback no longer does)', () => {
    expect(feedback('red-flags', 'r-immigration-clc')).not.toMatch(/decision that is hers|decision is hers/);
    expect(feedback('red-flags', 'r-immigration-clc')).toContain('(CASA Role and Expectations)');
  });

  const BEST = ['r-nails-curious', 'r-boyfriend-light', 'r-denise-balanced', 'r-supervisor-facts', 'r-csw-share', 'r-two-workers-explain', 'r-new-team-proper', 'r-defense-yes', 'r-immigration-clc', 'r-testify-team', 'r-plan-together'];
  const redFlags = (swap: Record<string, string>) => playReplies(bundledScenario('red-flags'), BEST.map((r) => swap[r] ?? r));
  const REASONS = /conclusion|door between you and her team|door with the team|keep things from you|needed from you did not reach them/;

  it('red-flags: looking through Yesi\'s Instagram with Denise, then doing everything else well, ends mixed with what was done (Prohibited Activities), not with a conclusion, a shut door or a youth keeping things from you', () => {
    const d = redFlags({ 'r-denise-balanced': 'r-denise-instagram' });
    expect(d?.criticalViolations.map((v) => v.principleId)).toEqual(['no-investigating']);
    expect(trustAfter('red-flags', BEST.map((r) => (r === 'r-denise-balanced' ? 'r-denise-instagram' : r)))).toBeGreaterThanOrEqual(60);
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).toMatch(/Instagram/);
    expect(d?.ending?.narration).toMatch(/investigating/);
    expect(d?.ending?.narration).not.toMatch(REASONS);
  });

  it('red-flags: a playthrough under 80% that drew no conclusion, kept every door with the team open and kept Yesi\'s trust is not told one of those went wrong; one that did is still told which', () => {
    const plain = redFlags({ 'r-nails-curious': 'r-nails-skip', 'r-csw-share': 'r-csw-terms', 'r-defense-yes': 'r-defense-everything' });
    expect(plain?.score.percent).toBeLessThan(80);
    expect(plain?.ending?.id).toBe('end-mixed');
    expect(plain?.ending?.narration).not.toMatch(REASONS);
    expect(redFlags({ 'r-denise-balanced': 'r-denise-agree' })?.ending?.narration).toMatch(/a conclusion about her came before the facts did/);
    expect(redFlags({ 'r-csw-share': 'r-csw-hold', 'r-plan-together': 'r-plan-judge' })?.ending?.narration).toMatch(/something her team needed from you did not reach them/);
    expect(redFlags({ 'r-boyfriend-light': 'r-boyfriend-direct', 'r-immigration-clc': 'r-court-nerves-offer' })?.ending?.narration).toMatch(/learned to keep things from you/);
  });

  it('red-flags: a playthrough that ends strong after holding something back from Yesi\'s team ("No need to loop everyone in", keeping what you noticed from the CSW) is not told "you know where you fit in it", as emailing the judge alone no longer is; the best path still is', () => {
    expect(redFlags({})?.ending?.narration).toMatch(/and you are part of it/);
    const swaps: Record<string, string>[] = [{ 'r-testify-team': 'r-testify-solo' }, { 'r-csw-share': 'r-csw-hold' }];
    for (const swap of swaps) {
      const d = redFlags(swap);
      expect(d?.ending?.id, JSON.stringify(swap)).toBe('end-strong');
      expect(d?.ending?.narration).not.toMatch(/and you are part of it/);
      expect(d?.ending?.narration).toMatch(/something her team needed from you did not reach them/);
    }
    // Session 31: "All good, nothing new really" to Alma keeps the suspicion from her; that ends mixed now.
    const nothing = redFlags({ 'r-supervisor-facts': 'r-supervisor-nothing' });
    expect(nothing?.ending?.id).toBe('end-mixed');
    expect(nothing?.ending?.narration).toMatch(/something her team needed from you did not reach them/);
  });

  it('youth-relapses: a playthrough that leaves Jazz\'s trust at 90 and said nothing that cost it is not told that what you said landed harder and that she changes the subject when Kyle comes up; a playthrough that lost her trust still is', () => {
    const warm = ['d1-wait', 'd2-hopeful', 'd3-not-stupid', 'd4-plan', 'd5-safety', 'd6-yes', 'd7-notice', 'd8-support'];
    expect(trustAfter('youth-relapses', warm)).toBeGreaterThanOrEqual(90);
    const d = playReplies(bundledScenario('youth-relapses'), warm);
    expect(d?.score.percent).toBeLessThan(80);
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).not.toMatch(/landed harder|changes the subject when Kyle/);
    const cold = ['d1-glad', 'd2-hopeful', 'd3-positive', 'd4-plan', 'd5-safety', 'd6-yes', 'd7-see-if-lasts', 'd8-support'];
    expect(trustAfter('youth-relapses', cold)).toBeLessThan(70);
    const c = playReplies(bundledScenario('youth-relapses'), cold);
    expect(c?.ending?.id).toBe('end-mixed');
    expect(c?.ending?.narration).toMatch(/landed harder/);
  });
});

describe('session 28 content review: left-placement-calls, trafficker-contact, boy-red-flags', () => {
  const LPC_BEST = ['d1-redirect', 'd2-resources', 'd3-door-open', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-needs'];
  const lpc = (swap: Record<string, string>) => LPC_BEST.map((r) => swap[r] ?? r);

  // "Maybe I should step back from the case for a while" scored 81% and ended "The door stays open",
  // "a CASA who will keep texting", while the debrief said "You went against 'Keep reaching out'".
  it('left-placement-calls: a playthrough that went against "Keep reaching out" does not end "The door stays open" with "a CASA who will keep texting"; the best path still does', () => {
    const path = lpc({ 'd6-learn': 'd6-step-back' });
    const d = playReplies(bundledScenario('left-placement-calls'), path);
    expect(d?.turns.map((t) => t.replyId)).toEqual(path);
    expect(d?.score.percent).toBeGreaterThanOrEqual(80);
    expect(d?.principles.find((p) => p.principleId === 'keep-communication-open')?.status).toBe('violated');
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).not.toMatch(/keep texting/);
    const best = playReplies(bundledScenario('left-placement-calls'), LPC_BEST);
    expect(best?.ending?.id).toBe('end-strong');
    expect(best?.ending?.narration).toMatch(/a CASA who will keep texting/);
  });

  it('left-placement-calls: a mixed playthrough that kept Ari\'s trust (82%, staying on the line at midnight) is not told she answers "briefly" or that moments "cost you"; one that lost it still is', () => {
    const warm = lpc({ 'd3-door-open': 'd3-stay-on' });
    expect(trustAfter('left-placement-calls', warm)).toBeGreaterThanOrEqual(65);
    const d = playReplies(bundledScenario('left-placement-calls'), warm);
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).not.toMatch(/briefly|cost you/);
    expect(d?.ending?.narration).toMatch(/reasons she left are still there/);
    const cold = lpc({ 'd2-resources': 'd2-who', 'd3-door-open': 'd3-where', 'd8-needs': 'd8-judge' });
    expect(trustAfter('left-placement-calls', cold)).toBeLessThan(65);
    const c = playReplies(bundledScenario('left-placement-calls'), cold);
    expect(c?.ending?.id).toBe('end-mixed');
    expect(c?.ending?.narration).toMatch(/She answers your texts, briefly/);
  });

  it('left-placement-calls: leaving the call out of the update is not told it kept the contact "from the CSW", who on the redirect path already has a voicemail with everything she said', () => {
    expect(nodesOn('left-placement-calls', ['d1-redirect', 'd2-resources', 'd3-door-open'])).toContain('s3-voicemail');
    expect(told('left-placement-calls', 's3-voicemail')).toContain('leave him a voicemail with everything she said');
    const text = feedback('left-placement-calls', 'd4-say-nothing');
    expect(text).not.toMatch(/from the CSW/);
    expect(text).toContain('out of your update');
    expect(text).toContain('(Collaboration with Case Parties)');
  });

  it('left-placement-calls: driving Ari back is not told the guide says "not tell him afterwards" (the guide says redirect to the CSW to make arrangements)', () => {
    const text = feedback('left-placement-calls', 'd2-drive-back');
    expect(text).not.toMatch(/not tell him afterwards/);
    expect(text).toContain('redirect to the CSW to make arrangements (Prohibited Activities)');
    expect(text).toContain('(Collaboration with Case Parties)');
  });

  it('left-placement-calls: the safety plan is told as the guide writes it, "identify risky behaviours", not "spot risky situations", as the other scenarios tell it', () => {
    const s = bundledScenario('left-placement-calls');
    const d7 = s.nodes.find((n) => n.id === 'd7-return');
    for (const text of [feedback('left-placement-calls', 'd7-safety-plan'), d7?.kind === 'decision' ? d7.facilitatorNote ?? '' : '']) {
      expect(text).not.toMatch(/risky situations/);
      expect(text).toMatch(/identify risky behaviours/);
    }
  });

  it('trafficker-contact: a mixed playthrough that kept Imani\'s trust at 70 (her best) is not told she is "still deciding how much she can count on you"; one that lost it still is', () => {
    const best = ['d1-text-screenshot', 'd3-morning-facts', 'd4-visit-boundary', 'd5-open-include', 'd6-parking-walk', 'd7-supervisor-honest', 'd8-plan-stay', 'd9-last-forward'];
    const warm = best.map((r) => (r === 'd9-last-forward' ? 'd9-last-delete' : r));
    expect(trustAfter('trafficker-contact', warm)).toBeGreaterThanOrEqual(60);
    const d = playReplies(bundledScenario('trafficker-contact'), warm);
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).not.toMatch(/still deciding how much she can count on you/);
    expect(d?.ending?.narration).toMatch(/still sees you most Saturdays/);
    const cold = warm.map((r) => (r === 'd4-visit-boundary' ? 'd4-visit-lecture' : r === 'd5-open-include' ? 'd5-shut-door-open' : r));
    expect(trustAfter('trafficker-contact', cold)).toBeLessThan(60);
    const c = playReplies(bundledScenario('trafficker-contact'), cold);
    expect(c?.ending?.id).toBe('end-mixed');
    expect(c?.ending?.narration).toMatch(/still deciding how much she can count on you/);
  });

  it('boy-red-flags: a mixed playthrough that kept Theo\'s trust at 75 (as high as the best path) is not told he "tells you very little", nor one that searched online, which Theo never learns of; a playthrough that lost his trust still is', () => {
    const best = ['d1-maybe', 'd2-light', 'd3-careful', 'd4-jonah', 'd5-person', 'd6-ray'];
    for (const swap of [{ 'd6-ray': 'd6-once' }, { 'd4-jonah': 'd4-search' }] as Record<string, string>[]) {
      const path = best.map((r) => swap[r] ?? r);
      expect(trustAfter('boy-red-flags', path)).toBeGreaterThanOrEqual(60);
      const d = playReplies(bundledScenario('boy-red-flags'), path);
      expect(d?.ending?.id, JSON.stringify(swap)).toBe('end-mixed');
      expect(d?.ending?.narration, JSON.stringify(swap)).not.toMatch(/tells you very little|polite/);
    }
    const cold = ['d1-maybe', 'd2-pile', 'd3-drop', 'd4-jonah', 'd5-person', 'd6-ray'];
    expect(trustAfter('boy-red-flags', cold)).toBeLessThan(60);
    const c = playReplies(bundledScenario('boy-red-flags'), cold);
    expect(c?.ending?.id).toBe('end-mixed');
    expect(c?.ending?.narration).toMatch(/tells you very little/);
  });
});

describe('session 28 recheck', () => {
  // harm-reduction's report decision asks "What do you do with your recommendations?", and its three
  // replies ("Recommend Restoration Funds for the gym; go over it with Grace on Wednesday.") were
  // shown in quotation marks as words the volunteer says, to nobody: they are actions.
  it.each(BUNDLED_IDS)('%s: no reply shown as the volunteer\'s words is an instruction to recommend something ("Recommend Restoration Funds…")', (id) => {
    const instructions = bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []))
      .filter((r) => (r.kind ?? 'say') === 'say' && /^Recommend\b/.test(r.text))
      .map((r) => r.id);
    expect(instructions).toEqual([]);
  });

  it('harm-reduction: the three recommendation replies are actions, and still say what each one does', () => {
    for (const id of ['d9-review', 'd9-file', 'd9-csw']) {
      expect(replyOf('harm-reduction', id).kind, id).toBe('do');
      expect(replyText('harm-reduction', id), id).toMatch(/^Recommend Restoration Funds/);
    }
  });
});

describe('session 28: red-flags team list', () => {
  it('the strong ending\'s list of Yesi\'s team does not read as "Keisha, her case manager" (Keisha is her Saving Innocence advocate)', () => {
    const texts = bundledScenario('red-flags').nodes.flatMap((n) => (n.kind === 'ending' ? [n.narration ?? '', ...(n.variants ?? []).map((v) => v.narration ?? '')] : []));
    const lists = texts.filter((t) => t.includes('Mr. Ramirez and Ms. Nguyen'));
    expect(lists.length).toBeGreaterThan(0);
    for (const t of lists) {
      expect(t).not.toContain('Keisha, her case manager');
      expect(t).toContain('Keisha from Saving Innocence, her CLC case manager');
    }
  });
});

describe('session 29 review: dual-involvement', () => {
  // Introduced to Ms. Adeyemi, wrote the statement she asked for, got Jordan's form, then swapped the
  // two courts and asked Rithy two questions about Roz: 53%, trust 35, the harmful ending. (Session 30:
  // that playthrough now ends mixed; telling him "she's using you" instead, 47%, still ended here. Since
  // swapping the courts is a missed chance of Legal Advocacy's "may", not a violation, that is 58% and
  // mixed; asking Rithy to vouch for Jordan instead of the form keeps it here, at 42%; 40% since session 40,
  // when the honest "not sure, I'll ask Beth" at d4 came to score above the swap.)
  const PATH = ['d1-supervisor', 'd2-introduce', 'd3-strengths', 'd4-swap', 'd5-rithy', 'd6-using', 'd8-secondary'];

  it('the shut-out ending after working with Ms. Adeyemi as the guide asks does not say she works with "the people she already knows" (she asked you for the statement)', () => {
    const seen = nodesOn('dual-involvement', PATH);
    expect(seen).toContain('s2-email');
    expect(told('dual-involvement', 's2-email')).toMatch(/a short written statement from you would help/);
    const d = playReplies(bundledScenario('dual-involvement'), PATH);
    expect(d?.ending?.id).toBe('end-shut-out');
    expect(d?.score.percent).toBeGreaterThanOrEqual(40);
    expect(d?.ending?.narration).not.toMatch(/works with the people she already knows/);
    expect(d?.ending?.narration).toMatch(/takes your name off his visitor list/);
    // Asking his lawyer what Rithy said about Roz is still told what it cost with Ms. Adeyemi.
    const digging = playReplies(bundledScenario('dual-involvement'), PATH.map((r) => (r === 'd2-introduce' ? 'd2-ask' : r === 'd3-strengths' ? 'd3-ask' : r)));
    expect(digging?.ending?.id).toBe('end-shut-out');
    expect(digging?.ending?.narration).toMatch(/Ms. Adeyemi stops returning your calls/);
  });
});

describe('session 29 review: whereabouts-unknown', () => {
  /** The words of a scenario a volunteer reads: character descriptions, narration, lines, replies and endings. */
  function storyText(id: string): string {
    const s = bundledScenario(id);
    const out = s.characters.map((c) => c.description ?? '');
    for (const n of s.nodes) {
      out.push(told(id, n.id));
      if (n.kind === 'decision') out.push(...n.replies.map((r) => r.text));
      if (n.kind === 'ending') out.push(...(n.variants ?? []).map((v) => v.narration));
    }
    return out.join(' ');
  }

  it('Dez is not a second Arev: she does not draw (Arev draws comics), her late-night message does not come at the same minute on the same nightstand, and she does not open with Rithy\'s "Everybody keeps asking"', () => {
    expect(storyText('couch-rent')).toMatch(/draw comics/);
    expect(storyText('whereabouts-unknown')).not.toMatch(/\b(draws?|drawing|sketch\w*)\b/i);
    const times = (id: string) => new Set(`${storyText(id)} ${bundledScenario(id).nodes.map((n) => ('title' in n ? n.title ?? '' : '')).join(' ')}`.match(/\b\d{1,2}:\d{2} a\.m\./g) ?? []);
    const arev = times('couch-rent');
    expect(arev.has('1:12 a.m.')).toBe(true);
    expect([...times('whereabouts-unknown')].filter((t) => arev.has(t))).toEqual([]);
    expect(told('couch-rent', 'd5-night')).toMatch(/nightstand/);
    expect(told('whereabouts-unknown', 's4-1am')).not.toMatch(/nightstand/);
    expect(told('dual-involvement', 's5-saturday')).toMatch(/^ ?Everybody keeps asking/);
    expect(told('whereabouts-unknown', 'd8-kitchen')).not.toMatch(/Everybody keeps/);
    expect(told('whereabouts-unknown', 'd8-kitchen')).toMatch(/Maybe\./);
  });

  it('at Priya\'s question the best reply is not the only one to name the EAP (as couch-rent\'s supervision decision); its feedback still names what the guide names (Self-Care)', () => {
    const d = bundledScenario('whereabouts-unknown').nodes.find((n) => n.id === 'd4-priya');
    expect(d?.kind === 'decision' && d.replies.filter((r) => /\bEAP\b/.test(r.text)).map((r) => r.id)).toEqual([]);
    expect(feedback('whereabouts-unknown', 'd4-honest')).toMatch(/EAP program and share & support \(Self-Care\)/);
  });
});

describe('session 29 review: couch-rent', () => {
  it('on the open path Arev has turned the tablet face down, so the rent decision does not say the stylus stops moving', () => {
    expect(told('couch-rent', 's1-open')).toMatch(/turns the tablet face down/);
    expect(told('couch-rent', 'd2-rent')).not.toMatch(/stylus stops moving/);
    expect(told('couch-rent', 'd2-rent')).toMatch(/That's the rent/);
  });
});

describe('session 29: decisions and feedback say no more than the scene and the guide', () => {
  const DAYS = /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g;
  it('a decision whose question names a day offers no reply set on another day (whereabouts-unknown asked about "Monday evening" beside a drive on Friday)', () => {
    const mismatched: string[] = [];
    for (const id of BUNDLED_IDS) for (const n of bundledScenario(id).nodes) {
      if (n.kind !== 'decision') continue;
      const asked = new Set((n.prompt ?? '').match(DAYS) ?? []);
      if (asked.size === 0) continue;
      for (const r of n.replies) for (const day of r.text.match(DAYS) ?? []) if (!asked.has(day)) mismatched.push(`${id}/${n.id}: asks about ${[...asked].join(', ')}; ${r.id} is on ${day}`);
    }
    expect(mismatched).toEqual([]);
    // The question now asks about the week, which the replies ("tonight", "on Friday") are in.
    expect(bundledScenario('whereabouts-unknown').nodes.find((n) => n.id === 'd2-evening')).toMatchObject({ prompt: expect.stringMatching(/this week/) });
  });

  it('dual-involvement d7-hearings: courtroom support is not set below a "main way" the guide does not rank; for proceedings against the person exploiting him, the guide names keeping the case parties informed (Legal Advocacy)', () => {
    const text = feedback('dual-involvement', 'd7-hearings');
    expect(text).not.toMatch(/\bmain\b/);
    expect(text).toMatch(/courtroom support is something a CASA can do \(Legal Advocacy\)/);
    expect(text).toMatch(/the support the guide names is keeping communication and understanding among the case parties, above all his CSW and dependency attorney \(Legal Advocacy\)/);
  });
});

describe('session 29 review: youth-discloses', () => {
  const MIXED_GUARDED = /checks what she says|shorter ones|a line in the report/;

  // Every word to Kiara warm, "a CSEC" said only to Renee, a strengths-based report: 78%, trust 80,
  // and the mixed ending said a word or a line in the report had cost you and that she now checks
  // what she says. The same after a promise of secrecy that she never learns was broken (81%, trust 95).
  it('a mixed playthrough that kept Kiara\'s trust and wrote a strengths-based report is not told she checks what she says, nor that a line in the report cost you; one that lost her trust, or whose recommendations hinted, still is', () => {
    const warm = [
      ['d1-curious', 'd2-needs', 'd3-thank', 'd4-honest', 'd5-a-csec-label', 'd6-why', 'd7-share', 'd8-strengths'],
      ['d1-curious', 'd2-needs', 'd3-thank', 'd4-promise-secret', 'd5-accurate', 'd6-safety', 'd7-share', 'd8-strengths'],
    ];
    for (const path of warm) {
      expect(trustAfter('youth-discloses', path), path.join(' ')).toBeGreaterThanOrEqual(60);
      const d = playReplies(bundledScenario('youth-discloses'), path);
      expect(d?.ending?.id, path.join(' ')).toBe('end-mixed');
      expect(d?.ending?.narration, path.join(' ')).not.toMatch(MIXED_GUARDED);
      expect(d?.ending?.narration).toMatch(/your report keeps to her strengths/);
    }
    const cold = ['d1-cross-exam', 'd2-needs', 'd3-victim', 'd4-honest', 'd5-accurate', 'd6-safety', 'd7-share', 'd8-strengths'];
    expect(trustAfter('youth-discloses', cold)).toBeLessThan(60);
    expect(playReplies(bundledScenario('youth-discloses'), cold)?.ending?.narration).toMatch(/checks what she says/);
    const hinted = ['d1-curious', 'd2-needs', 'd3-thank', 'd4-honest', 'd5-accurate', 'd6-safety', 'd7-share', 'd8-hint-services'];
    const h = playReplies(bundledScenario('youth-discloses'), hinted);
    expect(h?.ending?.id).toBe('end-mixed');
    expect(h?.ending?.narration).toMatch(/a line in the report/);
  });

  // "Leave the boyfriend out of the narrative, but … recommend a referral to a CSEC advocate" was
  // credited with keeping unconfirmed CSEC status out of the report, while its own feedback said the
  // recommendation tells the court the same thing (couch-rent's and court-report's versions get no credit).
  it('recommending CSEC services before Kiara has told her team earns no credit for keeping her unconfirmed status out of the report', () => {
    expect(assessment('youth-discloses', 'd8-hint-services', 'report-csec-status-confirmed-only')?.verdict).not.toBe('follows');
    // review-60: weight 1 beside report-csec-status-confirmed-only at 2 (reader-d-60), as court-report's same referral is (story-60e).
    expect(assessment('youth-discloses', 'd8-hint-services', 'no-revealing-recommendations')).toMatchObject({ verdict: 'violates' });
    expect(assessment('youth-discloses', 'd8-hint-services', 'no-revealing-recommendations')?.weight ?? 1).toBe(1);
    const text = feedback('youth-discloses', 'd8-hint-services');
    expect(text).not.toMatch(/is right/);
    expect(text).toContain('(Court Report)');
    expect(text).toContain('(Potential Recommendations)');
  });
});

describe('session 29 review: court-report', () => {
  // Asking Lupe "is Damian the one making you do things for money?" leaves her trust at 35, and the
  // mixed ending gave the reasons as "she didn't get much of a say, you needed a save, or you went
  // looking into things", none of which happened on a path that was otherwise the best.
  it('a mixed playthrough that lost Lupe\'s trust by asking her straight out about Damian is told so among the reasons, not only reasons it never had', () => {
    const best = ['d-opening-strengths', 'd-school-evidence', 'd-health-records', 'd-visit-ask-voice', 'd-check-status-call-csw', 'd-status-confirmed-factual', 'd-wellbeing-strengths', 'd-recs-csec-restoration', 'd-recs-more-secondary', 'd-review-supervisor', 'd-hearing-support-order'];
    const path = best.map((r) => (r === 'd-visit-ask-voice' ? 'd-visit-ask-boyfriend' : r));
    expect(trustAfter('court-report', path)).toBeLessThan(60);
    const d = playReplies(bundledScenario('court-report'), path);
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).toMatch(/polite in the hallway/);
    expect(d?.ending?.narration).toMatch(/asked her straight out about Damian/);
  });
});

describe('session 39: red-flags scores Legal Advocacy\'s "may" as credit, never as a violation', () => {
  it('saying criminal court is not CASA\'s role, after she asked for you, breaks youth-centered; dropping the subject misses the chance and breaks nothing', () => {
    expect(replyOf('red-flags', 'r-testify-stay-out').assessments).toEqual([{ principle: 'youth-centered', verdict: 'violates', weight: 2 }]);
    expect(feedback('red-flags', 'r-testify-stay-out')).toMatch(/She asked for you.*\(CASA Role and Expectations\).*a CASA may support a youth who testifies.*\(Legal Advocacy\)/);
    const drop = replyOf('red-flags', 'r-court-nerves-drop');
    expect(drop.assessments.filter((a) => a.verdict === 'violates')).toEqual([]);
    expect(feedback('red-flags', 'r-court-nerves-drop')).toMatch(/a CASA may be able to assist .* \(Legal Advocacy\)/);
    // It still earns less than offering courtroom support and rides on her terms.
    const value = (id: string) => replyOf('red-flags', id).assessments.reduce((sum, a) => sum + (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1), 0);
    expect(value('r-court-nerves-drop')).toBeLessThan(value('r-court-nerves-offer'));
  });
});

describe('session 29: endings left open by the session 28 review', () => {
  // red-flags: the held-back variant said "Once along the way you held back from them" (Mr. Ramirez,
  // Ms. Nguyen, Keisha, her CLC case manager, Ms. Brooks, Mr. Okoye) to a path whose one gap was telling
  // Denise it "sounds like normal teenager stuff", or promising Yesi a visa.
  it('red-flags: the strong ending\'s held-back variant says what each path reaching it did, not that it held back from the team it lists', () => {
    const BEST = ['r-nails-curious', 'r-boyfriend-light', 'r-denise-balanced', 'r-supervisor-facts', 'r-csw-share', 'r-two-workers-explain', 'r-new-team-proper', 'r-defense-yes', 'r-immigration-clc', 'r-testify-team', 'r-plan-together'];
    // (Telling Denise it "sounds like normal teenager stuff" waves off a suspicion the guide takes to the
    // Advocate Supervisor; since session 31 it ends mixed, as in every other scenario.)
    const swaps: Record<string, string>[] = [
      { 'r-immigration-clc': 'r-immigration-guess' }, { 'r-immigration-clc': 'r-immigration-research' },
      { 'r-defense-yes': 'r-defense-no' }, { 'r-testify-team': 'r-testify-stay-out' }, { 'r-csw-share': 'r-csw-hold' },
    ];
    for (const swap of swaps) {
      const d = playReplies(bundledScenario('red-flags'), BEST.map((r) => swap[r] ?? r));
      expect(d?.ending?.id, JSON.stringify(swap)).toBe('end-strong');
      expect(d?.ending?.narration, JSON.stringify(swap)).not.toMatch(/held back from them/);
      expect(d?.ending?.narration).toMatch(/something her team needed from you did not reach them/);
    }
  });

  // Since reader-a-58 a playthrough whose one lapse was the rescue is told it alone (story-58a), not the list.
  it('trafficker-contact: the mixed ending names the safety plan made alone and told afterwards (d8-plan-rescue)', () => {
    const best = ['d1-text-screenshot', 'd3-morning-facts', 'd4-visit-boundary', 'd5-open-include', 'd6-parking-walk', 'd7-supervisor-honest', 'd8-plan-stay', 'd9-last-forward'];
    const warm = best.map((r) => (r === 'd8-plan-stay' ? 'd8-plan-rescue' : r));
    const cold = warm.map((r) => (r === 'd4-visit-boundary' ? 'd4-visit-grill' : r === 'd5-open-include' ? 'd5-shut-door-open' : r));
    expect(trustAfter('trafficker-contact', warm)).toBeGreaterThanOrEqual(60);
    expect(trustAfter('trafficker-contact', cold)).toBeLessThan(60);
    for (const path of [warm, cold]) {
      const d = playReplies(bundledScenario('trafficker-contact'), path);
      expect(d?.ending?.id).toBe('end-mixed');
      expect(d?.ending?.narration).toMatch(/a new phone and rides to school, decided without Imani and to be told to Ms\. Okafor once it was set up/);
    }
  });

  it('left-placement-calls: the strong ending does not name Tía Lorena to a playthrough that never made the safety plan that introduces her', () => {
    const best = ['d1-redirect', 'd2-resources', 'd3-door-open', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-needs'];
    for (const d7 of ['d7-where', 'd7-promise', 'd7-safety-plan']) {
      const path = best.map((r) => (r === 'd7-safety-plan' ? d7 : r));
      const seen = nodesOn('left-placement-calls', path);
      expect(seen.includes('s7-plan'), d7).toBe(d7 === 'd7-safety-plan');
      const d = playReplies(bundledScenario('left-placement-calls'), path);
      expect(d?.ending?.narration, d7).not.toMatch(/Lorena/);
      // d7-where scores 79% (22 of 28) since d7-safety-plan is credited with resources that reduce harm
      // (content2-44): Developing, so it ends mixed; it was 81% and ended strong.
      if (d7 === 'd7-where') {
        expect(d?.ending?.id, d7).toBe('end-mixed');
        continue;
      }
      expect(d?.ending?.id, d7).toBe('end-strong');
      expect(d?.ending?.narration).toMatch(/a visit with Mateo at their aunt's in El Monte/);
    }
  });
});

describe('session 29: the same wording, where it also did not fit', () => {
  // The red-flags mixed variant for gaps said "a door between you and her team stayed shut" to 807
  // playthroughs whose only gap was waving off Denise's worry or guessing (or reading up) at Yesi's
  // immigration answer, none of them a door with the team.
  it('red-flags: the mixed ending does not tell a playthrough whose only gap was guessing at Yesi\'s immigration answer that a door with her team stayed shut', () => {
    const path = ['r-nails-skip', 'r-boyfriend-light', 'r-denise-balanced', 'r-supervisor-facts', 'r-csw-terms', 'r-two-workers-explain', 'r-new-team-text-keisha', 'r-defense-yes', 'r-immigration-guess', 'r-testify-team', 'r-plan-together'];
    expect(trustAfter('red-flags', path)).toBeGreaterThanOrEqual(60);
    const d = playReplies(bundledScenario('red-flags'), path);
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).not.toMatch(/door between you and her team/);
    expect(d?.ending?.narration).toMatch(/something her team needed from you did not reach them/);
  });

  // After a promise of secrecy (trust 90, a hug, "You're the only adult I can say stuff to") and keeping
  // it, the next scene said Kiara cancels a visit and answers your texts with single letters; ten days
  // later she meets you at a taco stand as usual.
  it('youth-discloses: keeping quiet after a promise that left Kiara\'s trust at 90 is not followed by her going cold for no reason', () => {
    const path = ['d1-curious', 'd2-needs', 'd3-thank', 'd4-promise-secret', 'd5-keep-quiet'];
    expect(trustAfter('youth-discloses', path)).toBeGreaterThanOrEqual(60);
    const seen = nodesOn('youth-discloses', path);
    expect(seen).toContain('s5-silence');
    expect(seen).toContain('d6-weekend');
    expect(told('youth-discloses', 's5-silence')).not.toMatch(/single letters|cancels/);
    expect(told('youth-discloses', 's5-silence')).toMatch(/You tell no one/);
  });
});

describe('session 29 review C: what a scene, an ending and a feedback line say is true and attributed', () => {
  // couch-rent s4-server and s4-vic lower Arev's trust (scene effects) as the volunteer presses
  // Continue; nothing in the scene said why (Arev only asked "was that u??").
  it('a scene that lowers a meter says in its own words that it does (couch-rent: Arev found out, and trusts you less)', () => {
    const silent: string[] = [];
    for (const id of BUNDLED_IDS) {
      const s = bundledScenario(id);
      for (const n of s.nodes) {
        if (n.kind !== 'scene') continue;
        for (const e of n.effects ?? []) {
          const v = s.variables?.find((x) => x.id === e.var);
          if (!v || !('shown' in v) || !v.shown || !('add' in e) || typeof e.add !== 'number' || e.add >= 0) continue;
          const word = v.label.split(' ').at(-1)?.toLowerCase() ?? '';
          if (!told(id, n.id).toLowerCase().includes(word)) silent.push(`${id}/${n.id}`);
        }
      }
    }
    expect(silent).toEqual([]);
    expect(told('couch-rent', 's4-server')).toMatch(/worked out that the account was yours, and they trust you less/);
    expect(told('couch-rent', 's4-server')).not.toMatch(/was that u\?/);
    expect(told('couch-rent', 's4-vic')).toMatch(/Vic has shown them your message, and they trust you less/);
  });

  // d6-supervision sends every reply to s6-no-plan when trust < 30: after "Rattled, honestly. Can we
  // talk about that?" (the self-care the guide asks for) it read as caused by that answer.
  it('couch-rent: Arev keeping away after the supervision call is told as the result of what came before it', () => {
    const path = ['d1-staff', 'd2-grill', 'd3-honest', 'd4-naomi', 'd5-redirect', 'd6-rattled'];
    expect(nodesOn('couch-rent', path)).toContain('s6-no-plan');
    const scene = bundledScenario('couch-rent').nodes.find((n) => n.id === 's6-no-plan');
    expect(scene?.title).not.toBe('Nothing to talk about');
    expect(told('couch-rent', 's6-no-plan')).toMatch(/cannot undo what came before it/);
    expect(told('couch-rent', 's6-no-plan')).toMatch(/already low, from that Thursday on the bench and the weeks since/);
  });

  it('no ending has the title of another moment of its scenario (boy-red-flags: "Face down" was decision 3 and an ending)', () => {
    const clashes: string[] = [];
    for (const id of BUNDLED_IDS) {
      const nodes = bundledScenario(id).nodes;
      for (const end of nodes.filter((n) => n.kind === 'ending')) {
        for (const other of nodes) if (other !== end && other.title === end.title) clashes.push(`${id}: ${end.id} and ${other.id} "${end.title ?? ''}"`);
      }
    }
    expect(clashes).toEqual([]);
  });

  // The guide does not cover reporting; context.md: CASA/LA tells volunteers they become mandated
  // reporters and to contact their Advocate Supervisor, to be mentioned as CASA/LA's own statement.
  it('every feedback and facilitator note that mentions the mandated-reporter duty says it is CASA/LA\'s own statement, not the guide\'s', () => {
    const unmarked: string[] = [];
    for (const id of BUNDLED_IDS) for (const n of bundledScenario(id).nodes) {
      const texts: [string, string][] = [];
      if (n.kind === 'decision') {
        texts.push([n.id, n.facilitatorNote ?? '']);
        for (const r of n.replies) texts.push([r.id, r.feedback]);
      }
      for (const [where, text] of texts) {
        if (/mandated/i.test(text) && !text.includes("(CASA/LA's own statement, not the guide's")) unmarked.push(`${id}/${where}`);
      }
    }
    expect(unmarked).toEqual([]);
    // Nor does feedback say what the duty did or did not require of a court report: neither source says.
    expect(feedback('court-report', 'd-hearing-repair-mandated')).not.toMatch(/no duty required/);
  });

  // court-report end-mixed: a playthrough that questioned staff or searched online (a prohibited
  // activity) with trust >= 60 was told only "not every step..." or the review variant.
  it('court-report: the mixed ending names the looking-into, on both ways of doing it, and the skipped review too where there was one', () => {
    const base = ['d-opening-strengths', 'd-school-evidence', 'd-health-records', 'd-visit-ask-voice', 'd-check-status-search', 'd-status-unconfirmed-omit', 'd-wellbeing-strengths', 'd-recs-unconfirmed-usual', 'd-review-supervisor', 'd-hearing-support-sit-with'];
    const searched = playReplies(bundledScenario('court-report'), base);
    expect(searched?.ending?.id).toBe('end-mixed');
    expect(trustAfter('court-report', base)).toBeGreaterThanOrEqual(60);
    expect(searched?.ending?.narration).toMatch(/you went looking into what staff said about Damian yourself, and the guide says CASAs should not investigate/);
    const staffSkip = base.map((r) => (r === 'd-check-status-search' ? 'd-check-status-staff' : r === 'd-review-supervisor' ? 'd-review-skip' : r));
    const asked = playReplies(bundledScenario('court-report'), staffSkip);
    expect(asked?.ending?.id).toBe('end-mixed');
    expect(asked?.ending?.narration).toMatch(/you went looking into what staff said about Damian yourself/);
    expect(asked?.ending?.narration).toMatch(/recommendations went to the judge before Marisa had seen them/);
    // Without the looking-into, the skipped review alone is named, as before.
    const called = playReplies(bundledScenario('court-report'), ['d-opening-strengths', 'd-school-evidence', 'd-health-records', 'd-visit-ask-voice', 'd-check-status-call-csw', 'd-status-confirmed-factual', 'd-wellbeing-strengths', 'd-recs-csec-restoration', 'd-recs-more-secondary', 'd-review-skip', 'd-hearing-support-sit-with']);
    expect(called?.ending?.id).toBe('end-mixed');
    expect(called?.ending?.narration).not.toMatch(/looking into/);
    expect(called?.ending?.narration).toMatch(/recommendations went to the judge before Marisa/);
  });
});

describe('session 30 review: couch-rent', () => {
  // "I'm fine, really. This isn't about me." at supervision (self-care violated) still reached the strong
  // ending (89%), which said nothing of it; whereabouts-unknown's strong ending has a variant for the same.
  it('the strong ending reached after telling Naomi "I\'m fine" says how you are doing is missing from the picture; the best path is not told so', () => {
    const best = ['d1-heard', 'd2-need', 'd3-honest', 'd4-naomi', 'd5-redirect', 'd6-rattled', 'd7-bad-night', 'd8-strengths'];
    const fine = best.map((r) => (r === 'd6-rattled' ? 'd6-fine' : r));
    const d = playReplies(bundledScenario('couch-rent'), fine);
    expect(d?.ending?.id).toBe('end-strong');
    expect(d?.ending?.narration).toMatch(/Naomi asked, and you told her you were fine/);
    expect(d?.ending?.narration).toMatch(/"spelled right," they write/);
    const b = playReplies(bundledScenario('couch-rent'), best);
    expect(b?.ending?.id).toBe('end-strong');
    expect(b?.ending?.narration).not.toMatch(/told her you were fine/);
  });
});

describe('session 30 review: "AWOL" in an email to the team', () => {
  // Each 85%: every other reply the best; now mixed, told what the word did (couch-rent's report is already).
  it('whereabouts-unknown: the team email that called Dez "AWOL" ends mixed, and the ending names the word and Ms. Washington\'s answer', () => {
    const path = ['d1-open', 'd2-learn', 'd3-email', 'd4-honest', 'd5-not-mad', 'd6-both', 'd6-tell', 'd7-csw', 'd8-plan'];
    expect(nodesOn('whereabouts-unknown', path)).toContain('s3-mother');
    const d = playReplies(bundledScenario('whereabouts-unknown'), path);
    expect(d?.score.percent).toBeGreaterThanOrEqual(80);
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).toMatch(/the one you used for her in your email to the team/);
    expect(d?.ending?.narration).toMatch(/not a soldier who deserted/);
    const best = playReplies(bundledScenario('whereabouts-unknown'), path.map((r) => (r === 'd3-email' ? 'd3-checkin' : r)));
    expect(best?.ending?.id).toBe('end-strong');
  });

  it('left-placement-calls: the email that called Ari "AWOL" ends mixed, and the ending says the word heads the notes on her case', () => {
    const path = ['d1-redirect', 'd2-resources', 'd3-door-open', 'd4-awol-label', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-needs'];
    expect(nodesOn('left-placement-calls', path)).toContain('s5-weeks-label');
    const d = playReplies(bundledScenario('left-placement-calls'), path);
    expect(d?.score.percent).toBeGreaterThanOrEqual(80);
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).toMatch(/the word from your email still heads the notes on her case\./);
    expect(d?.ending?.narration).toMatch(/left placement without permission/);
  });
});

describe('session 30 review: left-placement-calls', () => {
  // After the pick-up Tomas was called from the parking lot and told what happened; on the other paths he
  // has her voicemail or his own call back. The email opened "Ari has left placement without permission.
  // She called me on Tuesday night" as if telling him both for the first time.
  it('the update email puts Tuesday night on the record instead of announcing it as news, on the pick-up path too', () => {
    const seen = nodesOn('left-placement-calls', ['d1-pick-up', 'd2-call-csw']);
    expect(seen).toContain('s2-handed-over');
    for (const id of ['d4-clear', 'd4-awol-label']) {
      expect(replyText('left-placement-calls', id), id).toMatch(/^Hi Tomas and Lauren, for the record: /);
      expect(replyText('left-placement-calls', id), id).toMatch(/on Tuesday/);
      expect(replyText('left-placement-calls', id), id).not.toMatch(/^Hi Tomas and Lauren, (Ari has left|just a heads-up)/);
    }
    expect(told('left-placement-calls', 'd4-update')).toMatch(/in writing/);
  });
});

describe('session 30 review: dual-involvement', () => {
  // Statement written, form set about, secondary CSW reviewed with Beth; courts swapped and two questions
  // about Roz (trust 35): 53%, no prohibited act, and the harmful ending ("takes your name off his visitor
  // list"). The guide says asking about a partner may be appropriate, only not interrogating (Red Flags).
  // Session 40 (second reader): d4-swap no longer costs trust, so the courts swapped and two questions about
  // Roz leave trust at 40 (60%, mixed, told the swap); "she's using you" instead (trust 35, 55%) is told the visit he ended early.
  it('a playthrough in the Developing band with no prohibited act does not end harmful; its mixed ending says Rithy keeps Roz to himself since the visit he ended early', () => {
    const how = playReplies(bundledScenario('dual-involvement'), ['d1-supervisor', 'd2-introduce', 'd3-strengths', 'd4-swap', 'd5-form', 'd6-how', 'd8-secondary']);
    expect(how?.ending?.id).toBe('end-mixed');
    expect(how?.ending?.narration).toMatch(/because that is what you had told him/);
    const path = ['d1-supervisor', 'd2-introduce', 'd3-strengths', 'd4-swap', 'd5-form', 'd6-using', 'd8-secondary'];
    expect(nodesOn('dual-involvement', path)).toContain('s6-closed');
    const d = playReplies(bundledScenario('dual-involvement'), path);
    expect(d?.score.percent).toBeGreaterThanOrEqual(50);
    expect(d?.criticalViolations).toEqual([]);
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).toMatch(/since the Saturday he asked to end the visit early/);
    // "She's using you" instead, with Rithy asked to vouch for Jordan instead of the form (42%), is the shut-out ending.
    const using = playReplies(bundledScenario('dual-involvement'), path.map((r) => (r === 'd5-form' ? 'd5-rithy' : r)));
    expect(using?.score.percent).toBeLessThan(50);
    expect(using?.ending?.id).toBe('end-shut-out');
  });

  it('what the volunteer says to Jordan on a call Rithy is not on does not change Rithy\'s trust', () => {
    const d5 = bundledScenario('dual-involvement').nodes.find((n) => n.id === 'd5-jordan');
    expect(d5?.kind).toBe('decision');
    expect(told('dual-involvement', 's4-jordan')).toMatch(/You call Jordan/);
    const changed = d5?.kind === 'decision' ? d5.replies.filter((r) => (r.effects ?? []).some((e) => e.var === 'trust')).map((r) => r.id) : ['?'];
    expect(changed).toEqual([]);
  });
});

describe('session 30 review: youth-relapses', () => {
  const BEST = ['d1-glad', 'd2-process', 'd3-not-stupid', 'd4-plan', 'd5-safety', 'd6-yes', 'd7-notice', 'd8-support'];
  const play = (swap: Record<string, string>) => playReplies(bundledScenario('youth-relapses'), BEST.map((r) => swap[r] ?? r));

  // "You kind of have to earn everybody's trust back now" (its feedback: support as "a reward for good
  // behaviour") with every other reply the best: 80%, and the strong ending told her "your support
  // doesn't depend on her being perfect".
  it('"you have to earn everybody\'s trust back" is support with a condition: it ends mixed and is told so, not "your support doesn\'t depend on her being perfect"', () => {
    expect(replyOf('youth-relapses', 'd2-earn').effects).toContainEqual({ var: 'conditional', set: true });
    const d = play({ 'd2-process': 'd2-earn' });
    expect(d?.score.percent).toBeGreaterThanOrEqual(80);
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).toMatch(/your support comes with conditions/);
    expect(d?.ending?.narration).not.toMatch(/doesn't depend on her being perfect/);
    expect(play({})?.ending?.id).toBe('end-strong');
  });

  // The best reply on the drive home was the only one to name the EAP program and share & support,
  // the guide's list word for word (couch-rent and whereabouts-unknown were changed for the same).
  it('on the drive home the best reply is not the only one to name the EAP and share & support, nor the longest or the shortest; its feedback still names them (Self-Care)', () => {
    const d8 = bundledScenario('youth-relapses').nodes.find((n) => n.id === 'd8-drive-home');
    const replies = d8?.kind === 'decision' ? d8.replies : [];
    expect(replies.length).toBe(3);
    expect(replies.filter((r) => /\bEAP\b|share & support/.test(r.text)).map((r) => r.id)).toEqual([]);
    const others = replies.filter((r) => r.id !== 'd8-support').map((r) => r.text.length);
    expect(replyText('youth-relapses', 'd8-support').length).toBeLessThan(Math.max(...others));
    // Nor, once shortened, the shortest: this scenario's best replies were already the shortest at 3 of 8 decisions.
    expect(replyText('youth-relapses', 'd8-support').length).toBeGreaterThanOrEqual(Math.min(...others));
    expect(feedback('youth-relapses', 'd8-support')).toMatch(/EAP program and share & support \(Self-Care\)/);
    expect(feedback('youth-relapses', 'd8-support')).toMatch(/Advocate Supervisor/);
  });
});

describe('session 30 review: before-relapse', () => {
  // "Tell Hector she's doing so well there isn't much to advocate for" lowered Rina's trust by 5, in a
  // planning talk she is not part of and never hears about (as Jordan's call in dual-involvement).
  it('what the volunteer tells Hector in supervision, with Rina not there, does not change her trust', () => {
    const scene = bundledScenario('before-relapse').nodes.find((n) => n.id === 's5-hector');
    expect(scene && 'lines' in scene ? (scene.lines ?? []).map((l) => l.character) : []).toEqual(['hector']);
    expect(told('before-relapse', 's5-hector')).not.toMatch(/Rina (is|sits|comes)/);
    const d6 = bundledScenario('before-relapse').nodes.find((n) => n.id === 'd6-plan');
    expect(d6?.kind).toBe('decision');
    const changed = d6?.kind === 'decision' ? d6.replies.filter((r) => (r.effects ?? []).some((e) => e.var === 'trust')).map((r) => r.id) : ['?'];
    expect(changed).toEqual([]);
    // Its consequence is Hector's answer, in the same supervision talk, not a change in Rina.
    expect(replyOf('before-relapse', 'd6-nothing').next).toBe('s6-hector-asks');
    const asks = bundledScenario('before-relapse').nodes.find((n) => n.id === 's6-hector-asks');
    expect(asks && 'lines' in asks ? (asks.lines ?? []).map((l) => l.character) : []).toEqual(['hector']);
  });

  // What the volunteer says to Lola moves Rina's trust by up to 10 either way; the scene did not say
  // Rina was there to hear it.
  it('Rina is in the room when you answer Lola, whose replies change her trust', () => {
    const d4 = bundledScenario('before-relapse').nodes.find((n) => n.id === 'd4-lola');
    expect(d4?.kind === 'decision' && d4.replies.some((r) => (r.effects ?? []).some((e) => e.var === 'trust'))).toBe(true);
    expect(d4 && 'narration' in d4 ? d4.narration ?? '' : '').toMatch(/Rina/);
  });

  // The strong ending after reading up on visas (or asking a neighbour) had Rina text Paolo "instead of
  // the old number", a number no scene, line or reply ever mentions.
  it('the strong ending does not bring in an "old number" the story never told of; it tells the quiet Friday as the other strong narration does', () => {
    const s = bundledScenario('before-relapse');
    const before = s.nodes.filter((n) => n.kind !== 'ending').map((n) => `${told('before-relapse', n.id)} ${n.kind === 'decision' ? n.replies.map((r) => r.text).join(' ') : ''}`).join(' ');
    expect(before).not.toMatch(/\bnumber\b/i);
    const strong = s.nodes.find((n) => n.id === 'end-strong');
    const texts = strong?.kind === 'ending' ? [strong.narration ?? '', ...(strong.variants ?? []).map((v) => v.narration)] : [];
    expect(texts.length).toBe(3);
    for (const t of texts) expect(t).not.toMatch(/old number/);
    const path = ['d1-yours', 'd2-ask', 'd3-strategies', 'd4-thank', 'd5-online', 'd6-three', 'd7-funds', 'd8-ongoing'];
    const d = playReplies(s, path);
    expect(d?.ending?.id).toBe('end-strong');
    expect(d?.ending?.narration).toMatch(/nobody has screened her for immigration relief/);
    expect(d?.ending?.narration).toMatch(/On a quiet Friday in December, with Tita at work, she sits up with Paolo/);
  });

  // Rina opened with "Everybody keeps saying I'm doing so good", Rithy's (then Kenzie's) "Everybody keeps asking about
  // Roz" in dual-involvement (whereabouts-unknown was changed in session 29 not to open as Kenzie did).
  it('Rina does not open as Rithy does: only one youth across the scenarios starts a line "Everybody keeps"', () => {
    const openers = BUNDLED_IDS.flatMap((id) => {
      const s = bundledScenario(id);
      const youths = new Set(s.characters.filter((c) => c.role === 'youth').map((c) => c.id));
      return s.nodes.flatMap((n) => ('lines' in n ? (n.lines ?? []) : []).filter((l) => youths.has(l.character) && /^Everybody keeps/.test(l.text)).map(() => id));
    });
    expect([...new Set(openers)]).toEqual(['dual-involvement']);
    expect(told('before-relapse', 's0-sunday')).toMatch(/I keep waiting for something to go wrong/);
  });
});

/** Every playthrough of a bundled scenario: its replies in order and its debrief (branching from saved snapshots). */
function everyPlaythrough(scenarioId: string): { replies: string[]; debrief: Debrief }[] {
  const s = bundledScenario(scenarioId);
  const machine = compileScenario(s);
  const out: { replies: string[]; debrief: Debrief }[] = [];
  const walk = (snapshot: ReturnType<ReturnType<typeof createActor<typeof machine>>['getPersistedSnapshot']> | undefined, replies: string[]) => {
    const actor = createActor(machine, snapshot ? { input: {}, snapshot } : { input: {} }).start();
    while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
    const snap = actor.getSnapshot();
    if (snap.status === 'done') {
      out.push({ replies, debrief: snap.output as Debrief });
      return;
    }
    const node = s.nodes.find((n) => n.id === String(snap.value));
    if (node?.kind !== 'decision') throw new Error(`${scenarioId}: stopped at ${String(snap.value)}`);
    const saved = actor.getPersistedSnapshot();
    for (const r of node.replies) {
      const next = createActor(machine, { input: {}, snapshot: saved }).start();
      next.send({ type: 'reply.choose', replyId: r.id });
      walk(next.getPersistedSnapshot(), [...replies, r.id]);
    }
  };
  walk(undefined, []);
  return out;
}

/** Whether a reply of a scenario is assessed as violating a principle. */
const violates = (scenarioId: string, replyId: string, principleId: string) => assessment(scenarioId, replyId, principleId)?.verdict === 'violates';

describe('session 30 follow-up: youth-relapses', () => {
  const BEST = ['d1-glad', 'd2-process', 'd3-not-stupid', 'd4-plan', 'd5-safety', 'd6-yes', 'd7-notice', 'd8-support'];
  const play = (swap: Record<string, string>) => playReplies(bundledScenario('youth-relapses'), BEST.map((r) => swap[r] ?? r));
  const all = everyPlaythrough('youth-relapses');
  const setsConditional = (id: string) => (replyOf('youth-relapses', id).effects ?? []).some((e) => e.var === 'conditional');

  // "Why would you go back?? … I was so proud of you", "Let's just see if it lasts" and "You just have
  // to be stronger next time" each reached the strong ending at 80%, which tells her your support
  // "doesn't depend on her being perfect". The guide asks the CASA to remain a source of support and
  // acceptance (Likelihood of Relapse) and to stay open-minded and non-judgmental (Stages of Exiting).
  it('no playthrough that judged her or held back acceptance reaches the strong ending, whatever its score; the best path still does', () => {
    const strong = all.filter((p) => p.debrief.ending?.id === 'end-strong');
    expect(strong.length).toBeGreaterThan(0);
    for (const p of strong) {
      const judged = p.replies.filter((r) => violates('youth-relapses', r, 'non-judgmental') || violates('youth-relapses', r, 'remain-accepting'));
      expect(judged, p.replies.join(' ')).toEqual([]);
    }
    expect(play({})?.ending?.id).toBe('end-strong');
    for (const [at, reply] of [['d1-glad', 'd1-why'], ['d7-notice', 'd7-see-if-lasts']] as const) {
      const d = play({ [at]: reply });
      expect(d?.score.percent, reply).toBeGreaterThanOrEqual(80);
      expect(d?.ending?.id, reply).toBe('end-mixed');
      expect(d?.ending?.narration, reply).not.toMatch(/doesn't depend on her being perfect/);
    }
  });

  // Session 41: "You just have to be stronger next time" was a strawman; the reply is now the quick fix a caring
  // volunteer offers ("text me instead of him, and delete his number tonight"), her plan made for her.
  it('"text me instead, and delete his number tonight" skips her triggers and decides her safety for her (Harm Reduction), and it does not end strong', () => {
    expect(replyText('youth-relapses', 'd4-delete-number')).toMatch(/delete his number tonight/);
    expect(violates('youth-relapses', 'd4-delete-number', 'harm-reduction-self-determination')).toBe(true);
    expect(violates('youth-relapses', 'd4-delete-number', 'discuss-triggers')).toBe(true);
    expect(feedback('youth-relapses', 'd4-delete-number')).toContain('curators of their own safety');
    expect(feedback('youth-relapses', 'd4-delete-number')).toContain('(Harm Reduction)');
    expect(play({ 'd4-plan': 'd4-delete-number' })?.ending?.id).not.toBe('end-strong');
  });

  // The harmful ending said "what she heard after her relapse was disappointment and conditions" to
  // every playthrough reaching it, including ones that set no condition and said nothing disappointed.
  it('the harmful ending speaks of conditions only where one was set and of disappointment only where it was said; every path reaching it is told something it did', () => {
    const distance = all.filter((p) => p.debrief.ending?.id === 'end-distance');
    expect(distance.some((p) => !p.replies.some(setsConditional))).toBe(true);
    expect(distance.some((p) => !p.replies.includes('d1-disappointed'))).toBe(true);
    for (const p of distance) {
      const n = p.debrief.ending?.narration ?? '';
      if (/condition/.test(n)) expect(p.replies.some(setsConditional), p.replies.join(' ')).toBe(true);
      if (/disappoint/.test(n)) expect(p.replies, n).toContain('d1-disappointed');
      if (/judgement/.test(n)) expect(p.replies.some((r) => violates('youth-relapses', r, 'non-judgmental') || violates('youth-relapses', r, 'remain-accepting')), p.replies.join(' ')).toBe(true);
      expect(n).toMatch(/condition|judgement|disappoint/);
    }
  });

  it('the blunt wrong replies keep their fault and scoring in a kinder voice: no "That\'s the deal", "That\'s just how it works" or "I\'m not going to watch you go back"', () => {
    for (const id of ['d2-earn', 'd5-block', 'd6-if']) {
      expect(replyText('youth-relapses', id), id).not.toMatch(/That's the deal|That's just how it works|I'm not going to watch you go back|I don't know how to help you/);
      expect(setsConditional(id), id).toBe(true);
      expect(violates('youth-relapses', id, 'remain-accepting'), id).toBe(true);
    }
    expect(replyText('youth-relapses', 'd2-earn')).toMatch(/earn/);
    expect(replyText('youth-relapses', 'd5-block')).toMatch(/block/);
    expect(replyText('youth-relapses', 'd6-if')).toMatch(/as long as/i);
  });

  it('the best replies about triggers and his texts do not recite the guide or the safety-plan notes ("your plan, your words", "safe, whatever you decide"), and are neither the longest nor the shortest at their decision', () => {
    expect(replyText('youth-relapses', 'd4-plan')).not.toMatch(/your plan|your words/i);
    expect(replyText('youth-relapses', 'd5-safety')).not.toMatch(/whatever you (decide|choose)|regardless/i);
    for (const [node, best] of [['d4-triggers', 'd4-plan'], ['d5-phone', 'd5-safety']] as const) {
      const n = bundledScenario('youth-relapses').nodes.find((x) => x.id === node);
      const others = n?.kind === 'decision' ? n.replies.filter((r) => r.id !== best).map((r) => r.text.length) : [];
      expect(others.length).toBe(2);
      expect(replyText('youth-relapses', best).length, best).toBeLessThan(Math.max(...others));
      expect(replyText('youth-relapses', best).length, best).toBeGreaterThan(Math.min(...others));
    }
  });

  // After texting Kyle from her phone, Jazz storms off and confronts you in the hallway; the next
  // decision opened with "the question she has clearly been holding all afternoon".
  it('the question about every week reads on from both the hallway after her phone was taken and the table before dinner', () => {
    expect(nodesOn('youth-relapses', ['d1-glad', 'd2-process', 'd3-not-stupid', 'd4-plan', 'd5-text-him'])).toEqual(expect.arrayContaining(['s5-contacted', 'd6-every-week']));
    expect(nodesOn('youth-relapses', ['d1-glad', 'd2-process', 'd3-not-stupid', 'd4-plan', 'd5-safety'])).toEqual(expect.arrayContaining(['s5-dinner', 'd6-every-week']));
    expect(narrationOf('youth-relapses', 's5-contacted')).toMatch(/hallway/);
    const d6 = narrationOf('youth-relapses', 'd6-every-week');
    expect(d6).not.toMatch(/all afternoon|holding|table|hallway|dinner/);
  });

  // The summary named two of its lessons too: "talk about triggers, and look after yourself afterwards".
  it('the summary shown before play does not name the lessons (triggers, looking after yourself)', () => {
    expect(bundledScenario('youth-relapses').summary).not.toMatch(/trigger|look after yourself/i);
    expect(bundledScenario('youth-relapses').summary).toMatch(/texts you/);
  });
});

describe('session 30 follow-up: before-relapse', () => {
  const all = everyPlaythrough('before-relapse');

  // The strong ending had Rina text Paolo "on a quiet Friday in December" after the volunteer set
  // "phone off after nine on Fridays. I'll ask Tita to hold onto it."; the harmful ending had her
  // text him on "a hard Friday night" too.
  it('after the phone-off-on-Fridays rule, no ending has her texting on a Friday; such paths reach the strong and the harmful ending', () => {
    const ruled = all.filter((p) => p.replies.includes('d3-rule'));
    expect(ruled.some((p) => p.debrief.ending?.id === 'end-strong')).toBe(true);
    expect(ruled.some((p) => p.debrief.ending?.id === 'end-guarded')).toBe(true);
    for (const p of ruled) {
      for (const sentence of (p.debrief.ending?.narration ?? '').split(/(?<=\.)\s/)) {
        if (/Friday/.test(sentence)) expect(sentence, p.replies.join(' ')).not.toMatch(/\btext|\bphone|\bcall(s|ed)?\b/);
      }
    }
  });

  it('"Ask Hector…" opens the plan as the action it is, without reciting the guide\'s "permanency, safety and wellbeing", and is neither the longest nor the shortest reply at its decision', () => {
    const d6 = bundledScenario('before-relapse').nodes.find((n) => n.id === 'd6-plan');
    const replies = d6?.kind === 'decision' ? d6.replies : [];
    const three = replyOf('before-relapse', 'd6-three');
    expect(three.kind).toBe('do');
    // It begins with a verb other actions in the bundled scenarios begin with, not with a phrase ("Her permanency…").
    const openers = new Set(BUNDLED_IDS.flatMap((id) => bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []))
      .filter((r) => r.kind === 'do' && r.id !== 'd6-three').map((r) => r.text.split(/[\s,]/)[0])));
    expect(openers.has(three.text.split(/[\s,]/)[0] ?? '')).toBe(true);
    expect(three.text).not.toMatch(/^(Her|His|Their|The)\b/);
    expect(three.text).not.toMatch(/permanency|wellbeing|well-being/i);
    expect(three.text).toMatch(/Hector/);
    const others = replies.filter((r) => r.id !== 'd6-three').map((r) => r.text.length);
    expect(others.length).toBe(2);
    expect(three.text.length).toBeLessThan(Math.max(...others));
    expect(three.text.length).toBeGreaterThan(Math.min(...others));
    expect(feedback('before-relapse', 'd6-three')).toContain('permanency, safety and wellbeing (Advocacy Activities)');
  });

  it('the summary shown before play does not give away that this is the time to talk about triggers', () => {
    expect(bundledScenario('before-relapse').summary).not.toMatch(/trigger|the time to/i);
  });

  it('"which life you want" keeps its fault and scoring in a warmer voice', () => {
    expect(replyText('before-relapse', 'd3-which')).not.toMatch(/You'll have to decide which life you want/);
    expect(replyText('before-relapse', 'd3-which')).toMatch(/choose|decide/);
    expect(violates('before-relapse', 'd3-which', 'non-judgmental')).toBe(true);
    expect(violates('before-relapse', 'd3-which', 'expect-relapse')).toBe(true);
    expect(feedback('before-relapse', 'd3-which')).not.toMatch(/which life she wants/);
  });
});

/**
 * Every playthrough of a scenario (states that cannot differ in future visited once) that violates one
 * of `watched` and still reaches a strong ending, as "principle: reply, reply, …" (the first found per
 * principle), for the messages of the cross-scenario checks below.
 */
function strongAfterBreaking(s: Scenario, watched: readonly string[]): string[] {
  return [...strongAfter(s, watched)].map(([p, path]) => `${p}: ${path.join(', ')}`);
}

/** Every reply of every bundled scenario, with its scenario id. */
const everyReply = () => BUNDLED_IDS.flatMap((id) => bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies.map((r) => ({ id, r })) : [])));

describe('session 31 review: cross-scenario consistency', () => {
  // A cross-scenario table of all 404 replies (kind, principles, points, endings reachable) grouped
  // the replies that do the same thing; these checks hold each group to one treatment.

  // Session 30 made "AWOL" (in a report or an email) never end strong. "a CSEC" is the other label the
  // same section of the guide asks volunteers not to use, and youth-discloses' "I think she's a CSEC now"
  // (to Renee) still ended strong at 81%, while the same label in boy-red-flags and court-report never does.
  // The two checks over every scenario below share one search per scenario, watching both (watching
  // more principles only tells more states apart: a playthrough breaking one of either is found
  // exactly when a search for it alone finds one); the search is most of their time.
  const language = principles.filter((p) => p.section === 'appropriate-language').map((p) => p.id);
  const both = [...language, 'consult-supervisor-on-suspicion'];
  const searched = new Map<string, string[]>();
  const breakingAny = (id: string, watched: readonly string[]) => {
    let found = searched.get(id);
    if (!found) searched.set(id, (found = strongAfterBreaking(bundledScenario(id), both)));
    return found.filter((line) => watched.includes(line.slice(0, line.indexOf(':'))));
  };

  it.each(BUNDLED_IDS)('%s: no playthrough that uses a label the guide\'s Using Appropriate Language section rules out ("AWOL", "a CSEC", "prostitute") ends strong', (id) => {
    expect(language).toEqual(expect.arrayContaining(['people-first-language', 'no-awol-label']));
    expect(breakingAny(id, language)).toEqual([]);
  });

  // Keeping a suspicion from the Advocate Supervisor (a promise of secrecy, waiting to see, telling her
  // "nothing new", acting first and telling her afterwards) never ends strong in youth-discloses, the-list,
  // couch-rent or boy-red-flags; in red-flags, telling Alma "All good, nothing new really", or telling
  // Denise it is "normal teenager stuff", ended strong (81-89%) with everything else done well.
  it.each(BUNDLED_IDS)('%s: no playthrough that keeps a suspicion from the Advocate Supervisor (violates consult-supervisor-on-suspicion) ends strong (Red Flags)', (id) => {
    expect(breakingAny(id, ['consult-supervisor-on-suspicion'])).toEqual([]);
  });

  // Six replies in which the volunteer goes to get a youth who left placement, now or on a future call,
  // were scored as picking up and as acting as a first responder, which the guide gives as the reason
  // (Prohibited Activities: "Remember, CASAs are not first responders"); whereabouts-unknown's "grab
  // your keys, and drive over" and "call me first, any time, day or night, and I'll come get you" were
  // scored as picking up only. Sending a car, or what follows a pick-up already made, is not this group.
  it('every reply in which the volunteer comes to get the youth is scored as picking up and as acting as a first responder, and says so (Prohibited Activities)', () => {
    const comes = /(?<!can't )come get you|I'm coming|grab(bing)? (my|your) keys|send me the address|drive over/i;
    const found = everyReply().filter(({ r }) => comes.test(r.text));
    expect(found.map(({ id, r }) => `${id}/${r.id}`)).toEqual(expect.arrayContaining([
      'couch-rent/d5-drive', 'harm-reduction/d3-ride', 'harm-reduction/d6r-go', 'harm-reduction/d6-address', 'left-placement-calls/d1-pick-up',
      'whereabouts-unknown/d7-go', 'whereabouts-unknown/d8-promise', 'youth-relapses/d4-call-me',
    ]));
    for (const { id, r } of found) {
      for (const p of ['no-picking-up', 'not-first-responder']) expect(r.assessments.find((a) => a.principle === p)?.verdict, `${id}/${r.id} ${p}`).toBe('violates');
      expect(r.feedback, `${id}/${r.id}`).toMatch(/first responder/);
      expect(r.feedback, `${id}/${r.id}`).toContain('(Prohibited Activities)');
    }
  });

  // 401 of the 404 replies cite the guide section of every principle they are scored on; harm-reduction's
  // "Leave it on read" was credited with no contact with Cole, "Don't answer" with not picking Elías up,
  // and "Ms. Castillo will help you back" with working with the CSW, and none of the three said so.
  it('every principle a reply is scored on, followed or violated, is cited by its guide section in that reply\'s feedback', () => {
    const uncited = everyReply().flatMap(({ id, r }) => r.assessments
      // The validator's rule (principle-not-cited), so a trainer drafting outside scenarios/ hears it too.
      .filter((a) => uncitedSectionOf(r.feedback, a.principle) !== undefined || getPrinciple(a.principle) === undefined)
      .map((a) => `${id}/${r.id}: ${a.principle} (${a.verdict})`));
    expect(uncited).toEqual([]);
  });

  // A reply that tells the volunteer to stay silent is an action: trafficker-contact's "Don't answer.
  // Screenshot…", "Don't reply…" and harm-reduction's "Leave it on read" are "do" replies; harm-reduction's
  // "Don't answer. Whatever you say now, he'll hear no." was a "say" reply, shown as words said to Elías.
  it('a reply that tells the volunteer not to answer is a "do" reply, in every scenario', () => {
    const silent = everyReply().filter(({ r }) => /^(Don't (answer|reply|write)|Leave it on read|Stop (texting|replying))\b/.test(r.text));
    expect(silent.length).toBeGreaterThanOrEqual(6);
    expect(silent.filter(({ r }) => (r.kind ?? 'say') !== 'do').map(({ id, r }) => `${id}/${r.id}`)).toEqual([]);
  });
});

describe('session 31: testifying', () => {
  // A new scenario: Selene, 17, a transgender girl identified as CSEC-involved, is asked to testify
  // against the man who exploited her. The guide's crime victim advocacy (Legal Advocacy) names one
  // support, communication and understanding among the case parties, most importantly her CSW and
  // dependency attorney, beside courtroom support, transportation arrangements and confirming dates.
  const ID = 'testifying';
  const BEST = ['d1-scary', 'd2-around', 'd3-team', 'd4-arrange', 'd5-check', 'd6-forward', 'd7-tell', 'd8-honest'];

  /** The kinds of ending reached by every playthrough that chooses `replyId` (every reachable state, exactly). */
  function endingsAfter(replyId: string): Set<string> {
    const s = bundledScenario(ID);
    const index = indexScenario(s);
    const kinds = new Set<string>();
    const seen = new Set<string>();
    const route = (next: Next, vars: Variables, conduct: Conduct) => routesOf(next).find((r) => whenHolds(r.when, vars, conduct))?.to;
    // The key's JSON of the variables and of the conduct is passed down with them and made again only
    // when they change (a scene or a reply without effects keeps the variables, a scene the conduct).
    const visit = (id: string | undefined, vars: Variables, varsText: string, conduct: Conduct, conductText: string, chosen: boolean): void => {
      const node = id === undefined ? undefined : index.nodes.get(id);
      if (!node) return;
      const key = [id, varsText, conductText, chosen].join('|');
      if (seen.has(key)) return;
      seen.add(key);
      if (node.kind === 'ending') {
        if (chosen) kinds.add(node.ending);
        return;
      }
      if (node.kind === 'scene') {
        const after = applyEffects(node.effects, vars, index.variables).variables;
        return visit(route(node.next, after, conduct), after, after === vars ? varsText : JSON.stringify(after), conduct, conductText, chosen);
      }
      for (const reply of node.replies) {
        if (!whenHolds(reply.when, vars, conduct)) continue;
        const after = applyEffects(reply.effects, vars, index.variables).variables;
        const next = conductAfter(conduct, reply.assessments, node.replies);
        visit(route(reply.next, after, next), after, after === vars ? varsText : JSON.stringify(after), next, JSON.stringify(next), chosen || reply.id === replyId);
      }
    };
    replyOf(ID, replyId);
    const start = initialVariables(s.variables);
    const conduct = conductStart(analyseBest(s).best);
    visit(s.start, start, JSON.stringify(start), conduct, JSON.stringify(conduct), false);
    return kinds;
  }
  const value = (replyId: string) => replyOf(ID, replyId).assessments.reduce((n, a) => n + (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1), 0);

  it('the best path ends strong at 100%, and the best replies call Selene by her name, never "he" or "him"', () => {
    const d = playReplies(bundledScenario(ID), BEST);
    expect(d?.ending?.id).toBe('end-strong');
    expect(d?.score.percent).toBe(100);
    for (const id of BEST) expect(replyText(ID, id), id).not.toMatch(/\b(he|him)\b/i);
  });

  it('pressing her to testify because it is right, promising he will go to prison, or offering to tell the court she will not come never ends strong (CASA Role and Expectations; Legal Advocacy)', () => {
    expect(assessment(ID, 'd1-right', 'youth-centered')).toMatchObject({ verdict: 'violates', weight: 2 });
    expect(feedback(ID, 'd1-right')).toContain('(CASA Role and Expectations)');
    // Steering her with a promise, and deciding for her, break youth-centered (firm); Legal Advocacy's
    // "CASA may support the youth" is what the feedback says she could have had, never a violation.
    expect(assessment(ID, 'd1-prison', 'youth-centered')).toMatchObject({ verdict: 'violates' });
    expect(assessment(ID, 'd1-tell-court', 'youth-centered')).toMatchObject({ verdict: 'violates', weight: 2 });
    for (const id of ['d1-prison', 'd1-tell-court']) {
      expect(assessment(ID, id, 'victim-witness-support'), id).toBeUndefined();
      expect(feedback(ID, id), id).toContain('(CASA Role and Expectations)');
      expect(feedback(ID, id), id).toMatch(/the guide says a CASA may give .* most importantly her CSW and dependency attorney \(Legal Advocacy\)/);
    }
    for (const id of ['d1-right', 'd1-prison', 'd1-tell-court']) expect([...endingsAfter(id)], id).not.toContain('strong');
  });

  it('asking Selene herself what happened is interrogating (Red Flags), not investigating; asking the detective, searching online or tracing the account is investigating, weight 3, and ends harmful (Prohibited Activities)', () => {
    expect(assessment(ID, 'd2-practise', 'curious-not-interrogating')?.verdict).toBe('violates');
    expect(assessment(ID, 'd2-practise', 'no-investigating')).toBeUndefined();
    for (const id of ['d2-detective', 'd3-search', 'd6-profile']) {
      expect(assessment(ID, id, 'no-investigating'), id).toMatchObject({ verdict: 'violates', weight: 3 });
      expect(feedback(ID, id), id).toContain('(Prohibited Activities)');
      expect([...endingsAfter(id)], id).toEqual(['harmful']);
    }
  });

  it('any reply to the message from "his cousin" is communication with the trafficker\'s messenger: weight 3, harmful; saying nothing and sending it to the team is the best reply', () => {
    expect(assessment(ID, 'd6-reply', 'no-trafficker-contact')).toMatchObject({ verdict: 'violates', weight: 3 });
    expect(feedback(ID, 'd6-reply')).toMatch(/trafficker/);
    expect([...endingsAfter('d6-reply')]).toEqual(['harmful']);
    expect(replyOf(ID, 'd6-forward').kind).toBe('do');
    expect(value('d6-forward')).toBeGreaterThan(Math.max(value('d6-block'), value('d6-profile')));
  });

  it('driving her yourself is scored as the guide says: it helps with transportation (Legal Advocacy) and is no prohibited act, since she has not left placement; arranging the ride with her CSEC CSW is the best reply', () => {
    for (const p of ['no-picking-up', 'not-first-responder']) expect(assessment(ID, 'd4-drive', p), p).toBeUndefined();
    expect(assessment(ID, 'd4-drive', 'legal-support')?.verdict).toBe('follows');
    expect(assessment(ID, 'd4-drive', 'team-communication')?.verdict).toBe('violates');
    expect(value('d4-drive')).toBe(0);
    expect(feedback(ID, 'd4-drive')).toContain('assisting with transportation arrangements');
    expect(feedback(ID, 'd4-drive')).toMatch(/does not forbid driving/);
    expect(feedback(ID, 'd4-drive')).not.toContain('(Prohibited Activities)');
    expect(assessment(ID, 'd4-arrange', 'legal-support')).toMatchObject({ verdict: 'follows', weight: 2 });
    expect(value('d4-arrange')).toBeGreaterThan(value('d4-drive'));
    expect([...endingsAfter('d4-drive')]).not.toContain('strong');
  });

  it('keeping her new worry from her CSW and dependency attorney never ends strong, and telling them (with her say in how) is the best reply (Legal Advocacy)', () => {
    // Scored on the firm principle (Collaboration with Case Parties), not on Legal Advocacy's "may" (session 39).
    expect(assessment(ID, 'd7-keep', 'team-communication')).toMatchObject({ verdict: 'violates', weight: 2 });
    expect(assessment(ID, 'd7-keep', 'victim-witness-support')).toBeUndefined();
    expect([...endingsAfter('d7-keep')]).not.toContain('strong');
    expect(assessment(ID, 'd7-tell', 'victim-witness-support')).toMatchObject({ verdict: 'follows', weight: 2 });
    expect(assessment(ID, 'd7-da', 'team-communication')?.verdict).toBe('violates');
    expect(assessment(ID, 'd7-da', 'victim-witness-support')).toBeUndefined();
    // The mixed ending still tells the path through the DA's office, now by the flag d7-da sets.
    const viaDa = playReplies(bundledScenario(ID), BEST.map((r) => (r === 'd7-tell' ? 'd7-da' : r)));
    expect(viaDa?.ending?.id).toBe('end-mixed');
    expect(viaDa?.ending?.narration).toContain("from the DA's office, not from you");
  });

  it('turning down her ride and taking the home\'s wrong date are scored on what the guide states firmly; Legal Advocacy\'s "may" is what the feedback says she could have had (session 39)', () => {
    // Sent back to the group home after telling you what she needs: youth-centered (CASA Role and Expectations).
    expect(replyOf(ID, 'd4-home').assessments).toEqual([{ principle: 'youth-centered', verdict: 'violates' }]);
    expect(feedback(ID, 'd4-home')).toMatch(/\(CASA Role and Expectations\).*may be able to help.*\(Legal Advocacy\)/);
    // Two dates for one hearing, left unraised with the CSW who gave it: Collaboration with Case Parties.
    // (It calls Selene 'her', not the staff's word, and is credited youth-centered for it, as d5-check is: readerB-43.)
    expect(replyOf(ID, 'd5-theirs').assessments).toEqual([{ principle: 'team-communication', verdict: 'violates' }, { principle: 'youth-centered', verdict: 'follows' }]);
    expect(feedback(ID, 'd5-theirs')).toMatch(/\(Collaboration with Case Parties\).*may be able to help.*\(Legal Advocacy\)/);
    // The mixed ending still tells the ride turned down, now by the flag d4-home sets, not by a
    // violation of legal-support (which no reply violates).
    const sentBack = playReplies(bundledScenario(ID), BEST.map((r) => (r === 'd4-arrange' ? 'd4-home' : r)));
    expect(sentBack?.ending?.id).toBe('end-mixed');
    expect(sentBack?.ending?.narration).toContain("you said it was the group home's job");
    expect([...endingsAfter('d4-home')]).not.toContain('strong');
    expect([...endingsAfter('d5-theirs')]).not.toContain('strong');
  });

  it('echoing the staff\'s "him" is scored only on being youth-centered and culturally sensitive (CASA Role and Expectations); no feedback claims a rule about names or pronouns, which the guide does not have', () => {
    expect(replyOf(ID, 'd5-him').assessments.map((a) => `${a.principle} ${a.verdict}`).sort()).toEqual(['legal-support follows', 'youth-centered violates']);
    expect(feedback(ID, 'd5-him')).toContain('(CASA Role and Expectations)');
    const replies = bundledScenario(ID).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []));
    expect(replies.filter((r) => /pronoun|misgender|deadnam|gender identity/i.test(r.feedback)).map((r) => r.id)).toEqual([]);
    expect([...endingsAfter('d5-him')]).not.toContain('strong');
  });
});

describe('session 31 review: testifying', () => {
  const ID = 'testifying';
  const decisionReplies = (nodeId: string) => {
    const n = bundledScenario(ID).nodes.find((x) => x.id === nodeId);
    if (n?.kind !== 'decision') throw new Error(`${ID} has no decision ${nodeId}`);
    return n.replies;
  };

  // "Looking into it" narrated that Selene "hears about it from staff" and that her CASA "has been looking
  // into the case", on every path with an investigating reply; at d2-detective the volunteer only asked
  // her "Want me to call the detective…?" on the porch, a question she could refuse, and she heard it first-hand.
  it('every reply that ends in "Looking into it" is something the volunteer does or says they will do, and the ending does not say Selene heard it from staff', () => {
    for (const id of ['d2-detective', 'd3-search', 'd6-profile']) expect(replyText(ID, id), id).not.toMatch(/\?/);
    expect(replyText(ID, 'd2-detective')).toMatch(/^I'll call the detective/);
    expect(told(ID, 'end-looked')).not.toMatch(/from staff/);
  });

  // The best reply was the only one naming Ms. Ibarra at four of eight decisions (d3, d4, d6, d7), so
  // "pick the one with the CSW in it" found the answer without the guide. Holding back from the team and
  // deleting the message are choices about her CSW too, and now say so.
  it('keeping Selene\'s feelings or the message from the team is worded as keeping it from Ms. Ibarra, so naming her does not single out the best reply', () => {
    for (const node of ['d3-evening', 'd6-message']) {
      expect(decisionReplies(node).filter((r) => /Ms\. Ibarra/.test(r.text)).length, node).toBeGreaterThanOrEqual(2);
    }
    expect(replyText(ID, 'd3-wait')).toMatch(/Ms\. Ibarra/);
    expect(replyText(ID, 'd6-block')).toMatch(/Ms\. Ibarra/);
  });

  // Feedback quoted the guide loosely where it claimed its words: "in the guide's words, is keeping
  // communication…" (the guide says "maintaining"), "support must not simply stop" (the guide: "at
  // exiting"), and gave Legal Advocacy duties it does not name (the CSW and attorney "tell her what to
  // expect"; what she is walking into "is for her CSW and dependency attorney to tell her").
  it('feedback that attributes words to the guide uses the guide\'s words, and gives Legal Advocacy no duty it does not name', () => {
    expect(feedback(ID, 'd1-right')).toContain("in the guide's words, is maintaining communication and understanding among the case parties");
    // contenta-54: d8-step-back no longer cites that sentence (story-54b); no feedback here shortens it.
    for (const r of decisionReplies('d8-self')) expect(r.feedback, r.id).not.toMatch(/support must not simply stop(?! at exiting)/);
    for (const id of ['d1-prison', 'd3-search', 'd2-detective']) {
      expect(feedback(ID, id), id).not.toMatch(/what to expect|to tell her/);
      expect(feedback(ID, id), id).toContain('maintaining communication and understanding among the case parties, most importantly her CSW and dependency attorney (Legal Advocacy)');
    }
    // Asking the Advocate Supervisor before driving her rests on the guide's Advocacy Activities.
    expect(feedback(ID, 'd4-drive')).toContain('(Advocacy Activities)');
  });
});

// The summary is read before the first decision, on the scenario cards, the picker and presenter
// mode. Eight of them listed the lessons as instructions ("Stay curious, keep no secrets, don't
// investigate", "Practise saying nothing to them, telling the team everything", "Support her without
// pushing or promising"), giving the answers away before the volunteer had chosen anything; the
// others ask what the volunteer will do instead. Session 30 made two of them ask; now every one does.
describe('session 31 review: no summary gives the lessons away', () => {
  const LESSONS = [
    /\bstay curious\b/i, /\bwithout interrogating\b/i, /\bkeep (?:no|from) /i, /\bdon't investigate\b/i, /\bkeep no secrets\b/i,
    /\bstay clear of\b/i, /\bwithout (?:pushing|promising|blame|judg)/i, /\btake (?:it|your worry) to your Advocate Supervisor\b/i,
    /\bsaying nothing to them\b/i, /\btelling the team everything\b/i, /\bpractise (?:acceptance|saying)/i, /\bharm reduction\b/i,
    /\bsafety plan\b/i, /\bstrengths-based\b/i, /\blook after yourself\b/i, /\btrigger/i, /\bwhat has actually been confirmed\b/i,
  ];
  it.each(BUNDLED_IDS)('%s: the summary describes the situation and asks, without naming what to do', (id) => {
    const summary = bundledScenario(id).summary;
    for (const lesson of LESSONS) expect(summary, `${id}: ${lesson}`).not.toMatch(lesson);
  });
});

describe('session 33 review: red-flags, trafficker-contact, harm-reduction', () => {
  const RED_FLAGS_BEST = ['r-nails-curious', 'r-boyfriend-light', 'r-denise-balanced', 'r-supervisor-facts', 'r-csw-share', 'r-two-workers-explain', 'r-new-team-proper', 'r-defense-yes', 'r-immigration-clc', 'r-testify-team', 'r-plan-together'];

  // The strong ending opens "You never decided for Yesi what was happening"; telling her Ms. Nguyen is
  // "the worker for girls who've been trafficked, so she really gets what you've been through" names it
  // for her (non-judgmental, Stages of Exiting CSEC Involvement), and it reached that ending at 86%.
  it('red-flags: telling Yesi she is one of the "girls who\'ve been trafficked" does not end strong; the best path still does', () => {
    expect(strongAfter(bundledScenario('red-flags'), ['non-judgmental']).size).toBe(0);
    const path = ['r-nails-curious', 'r-boyfriend-light', 'r-denise-balanced', 'r-supervisor-facts', 'r-csw-share', 'r-two-workers-victim', 'r-new-team-proper', 'r-defense-yes', 'r-court-nerves-offer', 'r-testify-team', 'r-plan-together'];
    expect(trustAfter('red-flags', path)).toBeGreaterThanOrEqual(60);
    const d = playReplies(bundledScenario('red-flags'), path);
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).not.toMatch(/never decided/);
    expect(playReplies(bundledScenario('red-flags'), RED_FLAGS_BEST)?.ending?.id).toBe('end-strong');
  });

  // "the CASA's job is to keep communication open among the case parties" made a duty of what the guide
  // says a CASA "may" do (Legal Advocacy), as dual-involvement's "main way" did before session 29.
  it('red-flags: planning the testimony day alone is told the support the guide names for criminal proceedings, not a "job" it does not set', () => {
    expect(feedback('red-flags', 'r-testify-solo')).not.toMatch(/CASA's job/);
    expect(feedback('red-flags', 'r-testify-solo')).toContain('the support the guide names is maintaining communication and understanding among the case parties, most importantly her CSW and dependency attorney (Legal Advocacy)');
  });

  // "hold your own boundary instead (CASA Role and Expectations)": that section says nothing of a
  // volunteer's boundaries; the line Imani asked about (texting Tasha) is the Prohibited Activities one.
  it('trafficker-contact: the lecture\'s feedback cites CASA Role and Expectations for keeping the focus on Imani, and Prohibited Activities for the text she cannot send', () => {
    expect(feedback('trafficker-contact', 'd4-visit-lecture')).not.toMatch(/boundary instead \(CASA Role/);
    expect(feedback('trafficker-contact', 'd4-visit-lecture')).toContain('Keep the focus on her (CASA Role and Expectations)');
    expect(feedback('trafficker-contact', 'd4-visit-lecture')).toContain('no text to Tasha (Prohibited Activities)');
  });

  // "I'm fine, honestly" to Dana (self-care violated, weight 2) still ends strong at 90%; the strong ending
  // now says so, as couch-rent's and whereabouts-unknown's do.
  it('trafficker-contact: the strong ending after telling Dana "I\'m fine" says how you were doing was kept back; the best path is not told so', () => {
    const best = ['d1-text-screenshot', 'd3-morning-facts', 'd4-visit-boundary', 'd5-open-include', 'd6-parking-walk', 'd7-supervisor-honest', 'd8-plan-stay', 'd9-last-forward'];
    const fine = best.map((r) => (r === 'd7-supervisor-honest' ? 'd7-supervisor-fine' : r));
    const d = playReplies(bundledScenario('trafficker-contact'), fine);
    expect(d?.ending?.id).toBe('end-strong');
    expect(d?.ending?.narration).toMatch(/you told her you were fine/);
    const b = playReplies(bundledScenario('trafficker-contact'), best);
    expect(b?.ending?.id).toBe('end-strong');
    expect(b?.ending?.narration).not.toMatch(/you told her you were fine/);
  });

  it('harm-reduction: the note that says "in the guide\'s words" quotes Harm Reduction as written: unsafe behaviour will continue while a youth is engaging in services', () => {
    const n = bundledScenario('harm-reduction').nodes.find((x) => x.id === 'd3-weekends');
    const note = n?.kind === 'decision' ? n.facilitatorNote ?? '' : '';
    expect(note).toContain('acknowledges that unsafe behaviour will continue while a youth is engaging in services (Harm Reduction)');
    expect(note).not.toMatch(/for a while/);
  });
  // As at couch-rent's, whereabouts-unknown's and youth-relapses' supervision decisions, the best reply
  // was the only one naming the EAP, so "pick the one with the EAP in it" found the answer without the
  // guide. Its feedback still names what Self-Care names.
  it('harm-reduction and trafficker-contact: at the supervision call the best reply is not the only one to name the EAP; its feedback still does (Self-Care)', () => {
    for (const [id, node, best] of [['harm-reduction', 'd7-self', 'd7-honest'], ['trafficker-contact', 'd7-supervisor', 'd7-supervisor-honest']] as const) {
      const d = bundledScenario(id).nodes.find((n) => n.id === node);
      const replies = d?.kind === 'decision' ? d.replies : [];
      expect(replies.length, id).toBeGreaterThan(2);
      expect(replies.filter((r) => /\bEAP\b/.test(r.text)).map((r) => r.id), id).toEqual([]);
      expect(feedback(id, best), id).toMatch(/EAP program and share & support \(Self-Care\)/);
      expect(feedback(id, best), id).toMatch(/Advocate Supervisor/);
    }
  });

  // The youth asks the volunteer not to tell one person; the best reply was the only one to name her
  // (as testifying's d3 and d6 were before session 31). The promise of secrecy now names her too.
  it('harm-reduction d5 and testifying d7: the promise not to tell names the CSW the youth asked about, so naming her does not single out the best reply', () => {
    for (const [id, node, who, promise] of [['harm-reduction', 'd5-tell', /Ms\. Castillo/, 'd5-keep'], ['testifying', 'd7-worry', /Ms\. Ibarra/, 'd7-keep']] as const) {
      const d = bundledScenario(id).nodes.find((n) => n.id === node);
      const replies = d?.kind === 'decision' ? d.replies : [];
      expect(replies.filter((r) => who.test(r.text)).length, id).toBeGreaterThanOrEqual(2);
      expect(replyText(id, promise), id).toMatch(who);
    }
  });
  // "The CSW is the CASA's main partner for the youth's safety" ranked a case party where the guide
  // says CASAs collaborate with CSWs on safety and wellbeing (Collaboration with Case Parties).
  it('red-flags: the note at the call to the CSW says what the guide says of the CSW, with no "main partner" it does not name', () => {
    const n = bundledScenario('red-flags').nodes.find((x) => x.id === 'r-csw');
    const note = n?.kind === 'decision' ? n.facilitatorNote ?? '' : '';
    expect(note).not.toMatch(/main partner/);
    expect(note).toContain('collaborate with the CSW on the youth\'s safety and wellbeing (Collaboration with Case Parties)');
  });
});

describe('session 33 (second review): youth-discloses, court-report, left-placement-calls, whereabouts-unknown, couch-rent', () => {
  const ending = (id: string, path: readonly string[]) => playReplies(bundledScenario(id), [...path])?.ending;
  const decisionOf = (id: string, nodeId: string) => {
    const n = bundledScenario(id).nodes.find((x) => x.id === nodeId);
    if (n?.kind !== 'decision') throw new Error(`${id} has no decision ${nodeId}`);
    return n;
  };

  // end-alone said "Whatever you said to Ana in the end came late and without a plan" on every path, the
  // one where the volunteer told Ana Kiara was doing well (d7-all-good) too, and "the secret you kept"
  // where the report had hinted at it in its recommendations. It now says what each path did.
  it('youth-discloses: the harmful ending after keeping Kiara\'s disclosure from Renee says what was (or was not) said to Ana, and what the report hinted', () => {
    const kept = ['d1-curious', 'd2-needs', 'd3-thank', 'd4-honest', 'd5-keep-quiet', 'd6-safety'];
    const allGood = ending('youth-discloses', [...kept, 'd7-all-good', 'd8-strengths']);
    expect(allGood?.id).toBe('end-alone');
    expect(allGood?.narration).not.toMatch(/Whatever you said to Ana/);
    expect(allGood?.narration).toMatch(/you told her Kiara was doing well/);
    const shared = ending('youth-discloses', [...kept, 'd7-share', 'd8-strengths']);
    expect(shared?.id).toBe('end-alone');
    expect(shared?.narration).toMatch(/Ana heard about it only when she called you for her report/);
    const hinted = ending('youth-discloses', [...kept, 'd7-share', 'd8-hint-services']);
    expect(hinted?.id).toBe('end-alone');
    expect(hinted?.narration).toMatch(/hinted at it instead, in its recommendations/);
    expect(hinted?.narration).not.toMatch(/only left her without her team/);
  });

  // A strong ending reached after telling Dez "You shouldn't miss him" (validate-loss, weight 2) or after
  // stepping back from her case (keep-communication-open) said nothing of either, at 81%.
  it('whereabouts-unknown: the strong ending names the loss that was argued with, or the pulling back, where it happened; the best path is not told so', () => {
    const best = ['d1-open', 'd2-learn', 'd3-checkin', 'd4-honest', 'd5-not-mad', 'd6-both', 'd6-tell', 'd7-csw', 'd8-plan'];
    const swap = (from: string, to: string) => best.map((r) => (r === from ? to : r));
    const deserve = ending('whereabouts-unknown', swap('d6-both', 'd6-deserve'));
    expect(deserve?.id).toBe('end-strong');
    expect(deserve?.narration).toMatch(/validate and process those feelings of loss/);
    const stepBack = ending('whereabouts-unknown', swap('d4-honest', 'd4-step-back'));
    expect(stepBack?.id).toBe('end-strong');
    expect(stepBack?.narration).toMatch(/told Priya you needed to step back from her case/);
    // Stepping back and then "Come home tonight" (d6-come-home) reached the strong ending, told of both, until
    // content2-47 scored that reply against her mindset too (as d5-where is): it is under 80% now and ends mixed,
    // and the variant for both was never told, so it went.
    const both = ending('whereabouts-unknown', swap('d4-honest', 'd4-step-back').map((r) => (r === 'd6-both' ? 'd6-come-home' : r)));
    expect(both?.id).toBe('end-mixed');
    const b = ending('whereabouts-unknown', best);
    expect(b?.id).toBe('end-strong');
    expect(b?.narration).not.toMatch(/pulled back|feelings of loss/);
  });

  // The strong ending said "if she does, she has people and numbers to call" on paths where the return
  // visit went to "Where were you for five weeks?" or "promise me", and no plan was made.
  it('left-placement-calls: the strong ending says she has a plan only where one was made', () => {
    const best = ['d1-redirect', 'd2-resources', 'd3-door-open', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-needs'];
    // d7-where (79% since content2-44 credits d7-safety-plan with resources-reduce-harm) now ends mixed, and
    // its mixed ending does not say she has numbers to call either.
    const where = ending('left-placement-calls', best.map((r) => (r === 'd7-safety-plan' ? 'd7-where' : r)));
    expect(where?.id).toBe('end-mixed');
    expect(where?.narration).not.toMatch(/people and numbers to call/);
    for (const other of ['d7-promise']) {
      const e = ending('left-placement-calls', best.map((r) => (r === 'd7-safety-plan' ? other : r)));
      expect(e?.id, other).toBe('end-strong');
      expect(e?.narration, other).not.toMatch(/people and numbers to call/);
      expect(e?.narration, other).toMatch(/no plan of her own yet/);
    }
    expect(ending('left-placement-calls', best)?.narration).toMatch(/people and numbers to call/);
  });

  // The best reply was the second-longest at 23 of these 48 decisions, mostly beside a wrong reply that
  // was short or curt; the wrong replies were given the length and warmth a volunteer might use, and
  // keep their scoring.
  it('the best reply is the second-longest at no more than three decisions of each scenario reviewed', () => {
    for (const id of ['youth-discloses', 'court-report', 'left-placement-calls', 'whereabouts-unknown', 'couch-rent']) {
      const second = bundledScenario(id).nodes.filter((n) => n.kind === 'decision').filter((n) => {
        if (n.kind !== 'decision') return false;
        const value = (r: (typeof n.replies)[number]) => r.assessments.reduce((s, a) => s + (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1), 0);
        const top = Math.max(...n.replies.map(value));
        return n.replies.filter((r) => value(r) === top).some((b) => n.replies.filter((r) => r.text.length > b.text.length).length === 1);
      });
      expect(second.length, `${id}: ${second.map((n) => n.id).join(', ')}`).toBeLessThanOrEqual(3);
    }
  });

  it('the rewritten wrong replies keep their scoring', () => {
    const pinned: [string, string, string][] = [
      ['youth-discloses', 'd3-direct-question', 'no-direct-csec-questions violates 2'],
      ['youth-discloses', 'd6-whatever', 'harm-reduction-self-determination follows 1'],
      ['youth-discloses', 'd7-brainwashed', 'csw-partnership follows 1, non-judgmental violates 1, youth-centered violates 1'],
      ['court-report', 'd-visit-promise', 'youth-centered follows 1, report-objective-strengths-based violates 1'],
      ['court-report', 'd-wellbeing-substance', 'report-no-substance-use violates 3'],
      ['court-report', 'd-status-unconfirmed-staff', 'report-csec-status-confirmed-only violates 2, report-objective-strengths-based violates 1'],
      // reader-c-61: the recommendation weighs 1 beside the Court Report rule, as at every revealing recommendation (story-61c).
      ['court-report', 'd-recs-unconfirmed-substance', 'no-revealing-recommendations violates 1, report-no-substance-use violates 2'],
      ['left-placement-calls', 'd2-couch', 'no-picking-up violates 3, csw-partnership violates 1'],
      // The update still goes to Tomas, the CSW: csw-partnership followed (missed-truth-43).
      ['left-placement-calls', 'd4-say-nothing', 'team-communication violates 1, no-awol-label follows 1, csw-partnership follows 1'],
      ['left-placement-calls', 'd6-on-call', 'self-care violates 2, not-first-responder violates 1'],
      ['whereabouts-unknown', 'd7-go', 'no-picking-up violates 3, not-first-responder violates 1'],
      ['whereabouts-unknown', 'd8-love', 'understand-unmet-needs violates 2'],
    ];
    for (const [id, reply, want] of pinned) {
      expect(replyOf(id, reply).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', '), `${id}/${reply}`).toBe(want);
    }
    // Saying the claim is unconfirmed does not make it fit for the report; the feedback answers that too.
    expect(replyText('court-report', 'd-status-unconfirmed-staff')).toMatch(/CASA has not confirmed this/);
    expect(feedback('court-report', 'd-status-unconfirmed-staff')).toMatch(/saying CASA has not confirmed it/);
    // Tomas is now called in the morning, so the feedback says he is kept out until then.
    expect(replyText('left-placement-calls', 'd2-couch')).toMatch(/morning we'll call Tomas/);
    expect(feedback('left-placement-calls', 'd2-couch')).toMatch(/kept out of it until morning/);
  });

  // The best reply was the only one to name the person or service the guide points to; a wrong reply now
  // names them too, doing the wrong thing.
  it('naming the supervisor, the CSW or share & support does not single out the best reply', () => {
    expect(replyText('youth-discloses', 'd4-promise-secret')).toMatch(/not Ana, not Renee/);
    expect(replyText('couch-rent', 'd5-stay')).toMatch(/I won't call Mr\. Ferreira/);
    expect(replyText('whereabouts-unknown', 'd3-wait')).toMatch(/Mr\. Nasser/);
    expect(feedback('left-placement-calls', 'd6-on-call')).toMatch(/share & support among the supports CASAs can access \(Self-Care\)/);
    // Session 41: at d6-lauren no reply names the guide's services any more (d6-on-call turned down share & support
    // by name, which a volunteer who had not read the guide would not say); the feedback names them.
    expect(decisionOf('left-placement-calls', 'd6-lauren').replies.filter((r) => /share & support|webinar|advocacy project|\bEAP\b/i.test(r.text)).map((r) => r.id)).toEqual([]);
    expect(feedback('left-placement-calls', 'd6-learn')).toMatch(/EAP program and share & support among the supports CASAs can access \(Self-Care\)/);
    for (const [id, node, who] of [['youth-discloses', 'd4-promise', /supervisor|Renee/], ['couch-rent', 'd5-night', /Mr\. Ferreira/], ['whereabouts-unknown', 'd3-updates', /Mr\. Nasser/]] as const) {
      expect(decisionOf(id, node).replies.filter((r) => who.test(r.text)).length, `${id}/${node}`).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('session 33 (endings): youth-discloses', () => {
  const ending = (path: readonly string[]) => playReplies(bundledScenario('youth-discloses'), [...path])?.ending;
  const BEST = ['d1-curious', 'd2-needs', 'd3-thank', 'd4-honest', 'd5-accurate', 'd6-safety', 'd7-share', 'd8-strengths'];
  const swap = (path: readonly string[], from: string, to: string) => path.map((r) => (r === from ? to : r));

  // "She's completely brainwashed by him; I don't think she'll ever leave" (non-judgmental) puts "the CASA
  // describes Kiara as unlikely to leave the relationship" into Ana's report, yet the path reached the
  // strong ending at 85%, which says "Renee, Ana and you are working from the same picture". As at
  // red-flags, the strong ending now needs no non-judgmental violation (as it already needed no
  // people-first-language one); the mixed ending says what Ana's report carries, in the guide's words
  // (PLEASE NOTE under Stages of Exiting; CASA Role and Expectations).
  it('youth-discloses: giving Ana the verdict that Kiara will never leave does not end on "the same picture"; the mixed ending names what her report says, after d5-not-csec too', () => {
    expect(strongAfter(bundledScenario('youth-discloses'), ['non-judgmental']).size).toBe(0);
    const verdict = swap(BEST, 'd7-share', 'd7-brainwashed');
    for (const path of [verdict, swap(verdict, 'd5-accurate', 'd5-not-csec')]) {
      const e = ending(path);
      expect(e?.id, path.join(' ')).toBe('end-mixed');
      expect(e?.narration).not.toMatch(/same picture/);
      expect(e?.narration).toMatch(/Ana's report for the hearing says the CASA describes Kiara as unlikely to leave the relationship/);
      expect(e?.narration).toMatch(/remain open-minded and non-judgmental/);
    }
    const best = ending(BEST);
    expect(best?.id).toBe('end-strong');
    expect(best?.narration).toMatch(/same picture/);
    // A mixed ending reached without the verdict is not told Ana's report carries it.
    const promised = ending(swap(BEST, 'd4-honest', 'd4-promise-secret'));
    expect(promised?.id).toBe('end-mixed');
    expect(promised?.narration).not.toMatch(/unlikely to leave/);
  });
});

// At these decisions the best reply was still the only one to name the person the guide points to (her
// dependency attorney, her CSW, the Advocate Supervisor, the case manager), so "pick the one with the
// team in it" found the answer without the guide. A wrong reply now names them too while doing the wrong
// thing (telling the attorney a decision she hasn't made, sparing the CSW, telling her after a pick-up,
// "upfront with Renee" in the court file, speaking for Lupe with her attorney, leaving Gabi for tomorrow,
// sparing Rina's CLC attorney the order, not holding the report for Grace, keeping Mr. Haddad out), and
// keeps its scoring. Session 35 did the same at eight more (the draft line written "so Marisa and the
// judge both see your worry", telling the supervisor after the defense statement, the belief paragraph
// that opens with Bảo's CSEC CSW, holding back or deleting from Mr. Osei and Hannah too, "not even my
// supervisor, Renee", waiting with Ms. Castillo and the supervisor), and left the best reply neither the
// longest nor the second-longest there.
describe('session 34: naming the right person does not single out the best reply', () => {
  const decisionOf = (id: string, nodeId: string) => {
    const n = bundledScenario(id).nodes.find((x) => x.id === nodeId);
    if (n?.kind !== 'decision') throw new Error(`${id} has no decision ${nodeId}`);
    return n;
  };
  const value = (r: { assessments: readonly { verdict: string; weight?: number }[] }) => r.assessments.reduce((s, a) => s + (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1), 0);

  it('a wrong reply names the same person as the best reply', () => {
    const places: [string, string, RegExp][] = [
      ['testifying', 'd1-have-to', /Mr\. Osei/],
      ['testifying', 'd4-ride', /Ms\. Ibarra/],
      ['harm-reduction', 'd6-ride', /Ms\. Castillo/],
      ['harm-reduction', 'd6-text', /Ms\. Castillo/],
      ['youth-discloses', 'd8-report', /Renee/],
      ['court-report', 'd-hearing-support', /Ms\. Park/],
      ['left-placement-calls', 'd2-money', /Gabi/],
      ['left-placement-calls', 'd3-phone-dying', /Gabi/],
      ['before-relapse', 'd7-report', /CLC attorney/],
      ['harm-reduction', 'd9-recommend', /Grace/],
      ['trafficker-contact', 'd3-morning', /Mr\. Haddad/],
      ['court-report', 'd-status-unconfirmed', /Marisa/],
      ['red-flags', 'r-defense', /supervisor/i],
      ['the-list', 'd9-report', /CSEC CSW/],
      ['testifying', 'd3-evening', /Mr\. Osei/],
      ['testifying', 'd6-message', /Hannah/],
      ['testifying', 'd7-worry', /Mr\. Osei/],
      ['harm-reduction', 'd5-tell', /supervisor/i],
      ['youth-discloses', 'd4-promise', /Renee/],
    ];
    for (const [id, node, who] of places) {
      const replies = decisionOf(id, node).replies;
      const top = Math.max(...replies.map(value));
      const naming = replies.filter((r) => who.test(r.text));
      expect(naming.some((r) => value(r) === top), `${id}/${node}: the best reply names them`).toBe(true);
      expect(naming.filter((r) => value(r) < top).length, `${id}/${node}: a wrong reply names them too`).toBeGreaterThanOrEqual(1);
    }
  });

  it('the rewritten wrong replies keep their scoring, and their feedback answers the name they now use', () => {
    const pinned: [string, string, string, RegExp][] = [
      ['testifying', 'd1-tell-court', 'youth-centered violates 2', /question for Mr\. Osei/],
      ['testifying', 'd4-drive', 'legal-support follows 1, team-communication violates 1', /sparing Ms\. Ibarra/],
      // Session 50: both also violate csw-partnership at 1 (the CSW told only afterwards, docs section 10):
      // unscored, the debrief called working with the CSW a chance missed, in the volunteer's own words.
      ['harm-reduction', 'd6r-go', 'no-picking-up violates 3, not-first-responder violates 1, csw-partnership violates 1', /fill Ms\. Castillo in/],
      ['harm-reduction', 'd6-address', 'no-picking-up violates 3, not-first-responder violates 1, csw-partnership violates 1', /Ms\. Castillo will hear of it/],
      ['youth-discloses', 'd8-all-in', 'report-csec-status-confirmed-only violates 2, report-objective-strengths-based violates 1', /upfront with Renee/],
      ['court-report', 'd-hearing-support-speak-for', 'youth-centered violates 2', /Ms\. Park beside you/],
      // Session lpc-54: no longer credited with "Their safety comes first" (Ari has gone back to no one exploiting
      // her); it now sends Gabi's number tonight, a resource that can reduce harm, and still sends the cash.
      ['left-placement-calls', 'd2-send', 'resources-reduce-harm follows 1, respect-mindset-boundaries violates 2', /meeting it tonight is for Gabi and Tomas, not you/],
      // Session content2-47: no longer credited with keeping communication open, the motive of staying on the line
      // as her crisis line (prohibited-not-strength.test.ts).
      ['left-placement-calls', 'd3-stay-on', 'not-first-responder violates 2', /guessing Gabi won't answer/],
      ['before-relapse', 'd7-no-funds', 'report-objective-strengths-based follows 1', /sparing her CLC attorney the order/],
      ['harm-reduction', 'd9-file', 'recommend-restoration-funds follows 1, review-recommendations violates 2', /Holding it for Grace is the step/],
      ['trafficker-contact', 'd3-morning-downplay', 'csw-partnership follows 1, team-communication violates 2', /keeping Mr\. Haddad out of it .*Mr\. Haddad, her CSEC CSW, is one of them/],
      ['court-report', 'd-status-unconfirmed-suspect', 'report-csec-status-confirmed-only violates 3, no-jumping-to-conclusions violates 1', /Wanting Marisa to see your worry is right, but the way to get it to her is to tell her/],
      // Session 37: the guide asks for the consultation when a youth becomes dually involved and to determine
      // advocacy activities; it says nothing of "before", so a word afterwards is no longer called "not consulting".
      ['red-flags', 'r-defense-everything', 'legal-support follows 1, defense-attorney-role violates 1', /consult your Advocate Supervisor to determine appropriate advocacy activities \(Advocacy Activities\); telling Alma once the statement is written leaves that conversation nothing to shape/],
      ['the-list', 'd9-belief', 'report-objective-strengths-based violates 2, recommend-restoration-funds follows 1', /his CSEC CSW is a confirmed fact, and Restoration Funds .* But a belief is not evidence/],
      ['testifying', 'd3-wait', 'youth-centered follows 1, team-communication violates 1', /her CSW and dependency attorney need to know/],
      ['testifying', 'd6-block', 'no-trafficker-contact follows 1, team-communication violates 2', /keeps from her team, and from Hannah/],
      ['testifying', 'd7-keep', 'team-communication violates 2', /her CSW and dependency attorney are the ones who can do something/],
      ['harm-reduction', 'd5-wait', 'team-communication violates 2', /Ms\. Castillo and the rest of his team/],
      ['youth-discloses', 'd4-promise-secret', 'consult-supervisor-on-suspicion violates 2', /a suspicion of CSEC belongs with your Advocate Supervisor/],
    ];
    for (const [id, reply, want, told] of pinned) {
      expect(replyOf(id, reply).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', '), `${id}/${reply}`).toBe(want);
      expect(feedback(id, reply), `${id}/${reply}`).toMatch(told);
    }
    // Telling her CSW afterwards is not the guide's step: redirect to the CSW to make arrangements.
    for (const reply of ['d6r-go', 'd6-address']) expect(feedback('harm-reduction', reply)).toContain('redirect to the CSW to make the arrangements');
    // What the case manager is for is cited where the guide says it.
    for (const reply of ['d2-send', 'd3-stay-on']) expect(feedback('left-placement-calls', reply)).toContain('tend to be focused on youth in crisis (Collaboration with Case Parties)');
  });

  // Session 37: "neither the longest nor the second-longest" left a three-reply decision one place for
  // the best reply, the shortest (red-flags r-defense: 98 characters against 127 and 186), a habit the
  // set-wide bound now limits (answer-key.test). At these decisions the best reply is not the longest,
  // and where it is the shortest, it is not a fifth or more shorter than the next-shortest reply.
  it('at the eight decisions reworded in session 35 the best reply is not the longest, nor the shortest by a wide margin', () => {
    const places: [string, string][] = [
      ['court-report', 'd-status-unconfirmed'], ['red-flags', 'r-defense'], ['the-list', 'd9-report'], ['testifying', 'd3-evening'],
      ['testifying', 'd6-message'], ['testifying', 'd7-worry'], ['harm-reduction', 'd5-tell'], ['youth-discloses', 'd4-promise'],
    ];
    for (const [id, node] of places) {
      const replies = decisionOf(id, node).replies;
      const top = Math.max(...replies.map(value));
      for (const best of replies.filter((r) => value(r) === top)) {
        const others = replies.filter((r) => r !== best).map((r) => r.text.length);
        // As the answer-key figures measure it: strictly longer than every other reply.
        expect(others.every((n) => n < best.text.length), `${id}/${node}: ${best.id} is the longest`).toBe(false);
        expect(best.text.length / Math.min(...others), `${id}/${node}: ${best.id} against the next-shortest`).toBeGreaterThanOrEqual(0.8);
      }
    }
  });

  it('the best reply is the second-longest at no more than three decisions of testifying and harm-reduction either', () => {
    for (const id of ['testifying', 'harm-reduction']) {
      const second = bundledScenario(id).nodes.filter((n) => n.kind === 'decision' && n.replies.filter((r) => value(r) === Math.max(...n.replies.map(value))).some((b) => n.replies.filter((r) => r.text.length > b.text.length).length === 1));
      expect(second.length, `${id}: ${second.map((n) => n.id).join(', ')}`).toBeLessThanOrEqual(3);
    }
  });
});

// Session 36: four tells left after session 35. At each decision the best reply was the only one with
// a word the guide uses or the name the team goes by (Grace at harm-reduction d5, "strengths-based
// statement" at red-flags r-defense, Restoration Funds at the-list d9), or tied for the longest
// (youth-discloses d4). The best reply now says "my supervisor" or "write up her strengths" as a wrong
// reply does, is the shortest at youth-discloses d4, and the-list's paragraph of belief recommends
// Restoration Funds too (credited, as the guide lists them for a CSEC-identified youth; its fault is
// still a belief where evidence belongs).
describe('session 36: four more tells', () => {
  const decisionOf = (id: string, nodeId: string) => {
    const n = bundledScenario(id).nodes.find((x) => x.id === nodeId);
    if (n?.kind !== 'decision') throw new Error(`${id} has no decision ${nodeId}`);
    return n;
  };
  const value = (r: { assessments: readonly { verdict: string; weight?: number }[] }) => r.assessments.reduce((s, a) => s + (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1), 0);
  /** The ids of the replies at a decision whose text matches, and whether those are exactly its best replies. */
  const saying = (id: string, nodeId: string, words: RegExp) => {
    const replies = decisionOf(id, nodeId).replies;
    const top = Math.max(...replies.map(value));
    const ids = replies.filter((r) => words.test(r.text)).map((r) => r.id);
    const best = replies.filter((r) => value(r) === top).map((r) => r.id);
    return { ids, onlyBest: ids.length > 0 && ids.join() === best.join() };
  };

  it('the name or the guide\'s word the best reply uses is in a wrong reply too, or in none', () => {
    for (const [id, node, words] of [
      ['harm-reduction', 'd5-tell', /\bGrace\b/],
      ['harm-reduction', 'd5-tell', /supervisor/i],
      ['red-flags', 'r-defense', /strengths?-based/i],
      ['red-flags', 'r-defense', /\bstrengths\b/i],
      ['the-list', 'd9-report', /Restoration Funds/],
      ['the-list', 'd9-report', /CSEC CSW/],
    ] as const) expect(saying(id, node, words), `${id}/${node} ${words}`).toMatchObject({ onlyBest: false });
    // The strengths are named by the wrong reply as well, beside the history that does not belong.
    expect(saying('red-flags', 'r-defense', /\bstrengths\b/i).ids).toEqual(['r-defense-everything', 'r-defense-yes']);
    expect(saying('the-list', 'd9-report', /Restoration Funds/).ids).toEqual(['d9-strengths', 'd9-belief']);
  });

  // Session 37: this asked for the honest reply to be the shortest, which only traded one tell for
  // another; what it guards is that it is not tied for the longest (nor the longest).
  it('youth-discloses d4: the honest reply is shorter than a wrong one, no longer tied for the longest', () => {
    const replies = decisionOf('youth-discloses', 'd4-promise').replies;
    const honest = replies.find((r) => r.id === 'd4-honest');
    expect(Math.max(...replies.filter((r) => r !== honest).map((r) => r.text.length))).toBeGreaterThan(honest?.text.length ?? Infinity);
    expect(honest?.text).toMatch(/can't promise/);
    expect(honest?.text).toMatch(/Renee/);
  });

  it('the rewritten replies keep their scoring; the paragraph of belief is credited for Restoration Funds and still ends short of strong', () => {
    expect(replyOf('harm-reduction', 'd5-share').assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`)).toEqual(['team-communication follows 2', 'csw-partnership follows 1']);
    expect(replyOf('red-flags', 'r-defense-yes').assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`)).toEqual(['defense-attorney-role follows 2', 'legal-support follows 2']);
    expect(replyOf('red-flags', 'r-defense-everything').assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`)).toEqual(['legal-support follows 1', 'defense-attorney-role violates 1']);
    expect(feedback('red-flags', 'r-defense-everything')).toContain('written strengths-based advocacy statement');
    expect(feedback('red-flags', 'r-defense-everything')).toContain('(Collaboration with Case Parties)');
    expect(replyOf('youth-discloses', 'd4-honest').assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`)).toEqual(['consult-supervisor-on-suspicion follows 2', 'youth-centered follows 1']);
    expect(feedback('the-list', 'd9-belief')).toContain('recommendations the guide says a CASA can make for CSEC-identified youth (Potential Recommendations)');
    const best = ['d1-hear', 'd2-light', 'd3-carry', 'd4-marcus', 'd5-honest', 'd6-miss', 'd7-go', 'd8-next', 'd9-strengths'];
    expect(playReplies(bundledScenario('the-list'), best)?.ending?.id).toBe('end-strong');
    expect(playReplies(bundledScenario('the-list'), best.map((r) => (r === 'd9-strengths' ? 'd9-belief' : r)))?.ending?.id).toBe('end-mixed');
  });

  // A second reader: the feedback also cited "asking directly about potential CSEC activity may
  // offend or alienate", a rule the reply is not scored on (no-direct-csec-questions), about Tasha,
  // not Imani's own activity: it says what the score is about, the interrogation.
  it('trafficker-contact: grilling Imani about Tasha is not told the guide says asking "about the people in her life" can be fine (its example is a boyfriend); the feedback says what Red Flags says of it, and cites no rule it is not scored on', () => {
    const text = feedback('trafficker-contact', 'd4-visit-grill');
    expect(text).not.toMatch(/people in her life/);
    expect(text).toContain('turn the visit into an interrogation, which the guide says not to do (Red Flags)');
    expect(text).not.toMatch(/potential CSEC activity/);
    expect(replyOf('trafficker-contact', 'd4-visit-grill').assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`)).toEqual(['curious-not-interrogating violates 2', 'non-judgmental violates 1']);
  });
});

describe('session 35: Red Flags is not said to allow a "light" question', () => {
  /** Every string in a scenario, with where it is (node, reply, field). */
  function strings(value: unknown, at: string, out: [string, string][]): [string, string][] {
    if (typeof value === 'string') out.push([at, value]);
    else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${at}[${(v as { id?: string })?.id ?? i}]`, out));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, `${at}.${k}`, out);
    return out;
  }

  it.each(BUNDLED_IDS)('%s: no sentence that names the guide or cites Red Flags says "light" or "lightly" (the guide says it may be appropriate to ask, but not to interrogate)', (id) => {
    const found: string[] = [];
    for (const [at, text] of strings(bundledScenario(id), id, [])) {
      for (const sentence of text.split(/(?<=[.!?])\s+/)) {
        if (/\bguide\b|\(Red Flags\)/i.test(sentence) && /\blight(ly)?\b/i.test(sentence)) found.push(`${at}: ${sentence}`);
      }
    }
    expect(found).toEqual([]);
  });

  // The check above catches only sentences that name the guide or cite Red Flags; "A light question
  // about the shoes is fine here" says the same thing without either. The guide gives no permission
  // for a kind of question: it says asking how a youth paid, or about a boyfriend, may be appropriate,
  // but do not interrogate (Red Flags). A sentence describing the volunteer's own reply ("one light
  // question about the phone") grants nothing and is not caught.
  it.each(BUNDLED_IDS)('%s: no sentence outside what people say turns "do not interrogate" into permission: for a light, casual or gentle question, or "asking is fine" where the guide says it may be appropriate', (id) => {
    const found: string[] = [];
    for (const [at, text] of strings(bundledScenario(id), id, [])) {
      if (/\.text$/.test(at)) continue; // a reply's words or a character's line: what people say, not what the guide allows
      for (const sentence of text.split(/(?<=[.!?])\s+/)) if (softensIntoPermission(sentence)) found.push(`${at}: ${sentence}`);
    }
    expect(found).toEqual([]);
  });

  it('nor does a principle\'s rule, which debriefs show beside the feedback (curious-not-interrogating said "ask lightly")', () => {
    const found = principles.flatMap((p) => `${p.title}. ${p.rule}`.split(/(?<=[.!?])\s+/).filter((s) => softensIntoPermission(s) || /\blight(ly)?\b/i.test(s)).map((s) => `${p.id}: ${s}`));
    expect(found).toEqual([]);
    expect(getPrinciple('curious-not-interrogating')?.rule).toMatch(/may be appropriate; do not interrogate them/);
  });

  it('the measure catches permission for a softened question and lets a description of one pass', () => {
    for (const s of [
      'A light question about the shoes is fine here.',
      'One casual question is okay; just do not pile them on.',
      'Red Flags allows a gentle question about the boyfriend.',
      "It's fine to ask lightly how she paid for the phone.",
      'You can ask a quick question about the phone, as long as it is only one.',
      'Asking casually about him is acceptable.',
      'Volunteers may ask, gently, how she paid for it.',
      'Asking to hear more about a boyfriend is fine; asking straight out whether she is being exploited may offend her.',
      'A question about the new phone is okay here.',
    ]) expect(softensIntoPermission(s), s).toBe(true);
    for (const s of [
      'One light, friendly question about the phone.',
      'A compliment and one light question.',
      'You start with what he is proud of and ask one light question about the new shoes.',
      'It may be appropriate to ask how a youth paid for an expensive item, but do not interrogate them (Red Flags).',
      'One light question, and he can answer or not.',
      'The room washed in purple light is fine work, and he can ask for more hours.',
      'Asking for a ride she is okay with keeps Selene\'s own worry in the plan.',
      'When Carla asks, she says she\'s fine.',
    ]) expect(softensIntoPermission(s), s).toBe(false);
  });
});

/**
 * Whether a sentence grants permission for a softened question ("a light question is fine", "you can
 * ask casually"): a light, casual, gentle, quick or passing question or ask, in the same sentence as
 * wording that allows it; or says asking "is fine" outright, where the guide only says it may be appropriate.
 */
function softensIntoPermission(sentence: string): boolean {
  const soft = '(?:light|casual|gentle|quick|easy|little|passing|offhand|friendly)';
  const softly = '(?:lightly|casually|gently|quickly|in passing|offhandedly)';
  const softened = new RegExp(
    `\\b${soft},?\\s+(?:[\\w-]+\\s+)?(?:question|ask|check-in)s?\\b|\\bask(?:s|ed|ing)?\\b,?(?:\\s+[\\w',-]+){0,4}?\\s+${softly}\\b|\\b${softly},?\\s+ask`, 'i');
  const permits = /\b(?:is|are|was|'s|be|seems?)\s+(?:\w+\s+)?(?:fine|okay|ok|all right|alright|allowed|acceptable|appropriate|permitted|harmless)\b|\b(?:allows?|permits?|okays?)\b|\b(?:fine|okay|ok|all right|alright|allowed|acceptable|appropriate|permitted|safe|harmless)\s+to\s+ask\b|\b(?:can|may|could)\s+(?:\w+\s+)?ask\b/i;
  // "Asking to hear more about a boyfriend is fine": the guide's "may be appropriate", with the "may" gone.
  // The permission word must end its clause, so "asking for a ride she is okay with" is not caught.
  const unhedged = /\b(?:ask(?:ing)?|questions?)\b(?:\s+[\w',-]+){0,8}?\s+(?:is|are)\s+(?:fine|okay|ok|all right|alright|allowed|acceptable|permitted)(?=\s*(?:[;,.:!?)]|$)|\s+(?:to|here|as long|so long|if|when|but)\b)/i;
  return (softened.test(sentence) && permits.test(sentence)) || unhedged.test(sentence);
}

// Found when jae-and-hyung's first summary (418 characters) took a row more than any other beside
// the picker's list at 60×24, and the trainer-led picker with notices (picker-notices.test) then had
// room for only "3 notices: press n" where it shows the start of each. The picker fits the tallest
// summary of the set, so one long summary costs every screen a row.
describe('a summary fits the picker beside its notices', () => {
  it.each(BUNDLED_IDS)('%s: the summary is at most 360 characters', (id) => {
    expect(bundledScenario(id).summary.length).toBeLessThanOrEqual(360);
  });
});

// Session 37: two wording left-overs. The guide says "it may be appropriate to ask the youth how they paid
// for an expensive item or for more information about their boyfriend, but do not interrogate them" (Red
// Flags); and asks the CASA to "consult with your Advocate Supervisor if your youth becomes dually
// involved" (Collaboration with Case Parties) and "to determine appropriate advocacy activities" (Advocacy
// Activities), with no word of "before".
describe('session 37: feedback says what the guide says', () => {
  // A second reader: the reply is scored on curious-not-interrogating alone, so "an investigation"
  // (Prohibited Activities' word) said more than the score; Kiara's boyfriend gave her the things, so
  // "how she paid" was not the question at hand; and "Your man?" is a question about him too.
  it('youth-discloses d1-cross-exam: names the question the guide says may be appropriate here (more about her boyfriend) and that it says not to interrogate; says what the reply asks; borrows no "investigation"', () => {
    const text = feedback('youth-discloses', 'd1-cross-exam');
    expect(text).toContain('it may be appropriate to ask a youth for more information about her boyfriend, but not to interrogate her (Red Flags)');
    expect(text).not.toMatch(/can be fine|investigat|how she paid/);
    expect(replyText('youth-discloses', 'd1-cross-exam')).toMatch(/How old is he\?.*money.*job\?/);
    expect(text).toMatch(/^Question after question about him \(his age, where his money comes from, whether he has a job\)/);
    expect(assessment('youth-discloses', 'd1-cross-exam', 'curious-not-interrogating')).toMatchObject({ verdict: 'violates', weight: 2 });
  });

  // A second reader: Alma was consulted when Yesi became dually involved (s-time-skip: "Alma's advice"),
  // so the feedback no longer asks for that consultation; it rests on Advocacy Activities.
  it('red-flags r-defense-everything: claims no "before" and no "afterwards is not consulting"; rests on what the guide says the consultation is for', () => {
    const text = feedback('red-flags', 'r-defense-everything');
    expect(text).not.toMatch(/\bbefore\b|is not consulting|not consult/);
    expect(text).toContain('encourages you to consult your Advocate Supervisor to determine appropriate advocacy activities (Advocacy Activities)');
    expect(text).toContain('are not strengths (Collaboration with Case Parties)');
    expect(told('red-flags', 's-time-skip')).toContain("Alma's advice");
  });

  // A second reader: Mr. Okoye called (the volunteer made no contact), and the reply checks with the
  // supervisor about the statement, not about dual involvement.
  it('red-flags r-defense-yes: is credited for what the reply does (agrees to the statement, checks with the supervisor first, asks the hearing time), not for making contact', () => {
    expect(told('red-flags', 'r-defense')).toMatch(/^\s*I'm Yesi's attorney/);
    const text = feedback('red-flags', 'r-defense-yes');
    expect(text).not.toMatch(/make contact|about dual involvement/);
    expect(text).toContain('the strengths-based statement the guide asks a CASA to provide when the defense attorney requests one (Collaboration with Case Parties)');
    expect(text).toContain('as the guide encourages for advocacy activities (Advocacy Activities)');
    expect(text).toContain('confirm the court date (Legal Advocacy)');
    expect(replyText('red-flags', 'r-defense-yes')).toMatch(/check with my supervisor first.*What time is the hearing/);
  });
});

// Session 37: dual-involvement's youth is now a boy, Rithy Chea, from a Cambodian American family (the
// set had four boys); Kenzie's story was rewritten (names, pronouns, details, his voice) and its scoring
// kept exactly: the fingerprint below was taken from version 13, Kenzie's.
describe('session 37: dual-involvement is Rithy\'s story, scored as Kenzie\'s was', () => {
  /** Everything that decides a score or a route: goals, variables, nodes, replies' assessments, effects, conditions and next. */
  function scoringFingerprint(s: Scenario): string {
    const parts = [JSON.stringify(s.learningGoals), JSON.stringify((s.variables ?? []).map((v) => [v.id, 'type' in v ? v.type : 'number', v.start]))];
    for (const n of s.nodes) {
      parts.push(JSON.stringify([n.id, n.kind, 'next' in n ? n.next : null, n.kind === 'ending' ? n.ending : null]));
      if (n.kind === 'decision') for (const r of n.replies) parts.push(JSON.stringify([r.id, r.kind ?? 'say', r.assessments, r.effects ?? [], r.next, r.when ?? null]));
      if (n.kind === 'ending') for (const v of n.variants ?? []) parts.push(JSON.stringify(v.when));
    }
    // Version 14 renamed the reply d5-kenzie to d5-rithy (its character id too, which no route reads).
    return createHash('sha256').update(parts.join('\n').replaceAll('"d5-rithy"', '"d5-kenzie"')).digest('hex').slice(0, 16);
  }

  it('the youth is a boy, Rithy, and nothing of Kenzie\'s story is left in what a volunteer reads', () => {
    const s = bundledScenario('dual-involvement');
    const youth = s.characters.find((c) => c.role === 'youth');
    expect(youth?.name).toBe('Rithy');
    expect(youth?.description).toMatch(/Cambodian American/);
    const story = [s.title, s.summary, s.contentNote, ...s.characters.map((c) => c.description ?? ''), ...(s.variables ?? []).map((v) => v.label ?? '')];
    for (const n of s.nodes) {
      story.push(told('dual-involvement', n.id), n.kind === 'decision' ? `${n.facilitatorNote ?? ''} ${n.discussionPrompt ?? ''} ${n.replies.map((r) => `${r.text} ${r.feedback}`).join(' ')}` : '');
      if (n.kind === 'ending') story.push(...(n.variants ?? []).map((v) => v.narration));
    }
    expect(story.join(' ')).not.toMatch(/\b(Kenzie|Mackenzie|Doyle|Cody)\b|\bher (CSW|lawyers?|visitor list|delinquency case|hand|strengths)\b|\bto herself\b/);
    expect(told('dual-involvement', 's6-closed')).toMatch(/Rithy has said he will not talk to anyone/);
  });

  it('keeps its scoring, routes and learning goals exactly as they were', () => {
    // Changed on purpose once since: d4's replies are scored with Legal Advocacy's "may" never violated
    // (d4-swap a missed chance, its mixed-ending variant keyed on the swapped flag); and in session 40, d4-unsure
    // follows defense-attorney-role (it asks Beth) and d4-explain weighs legal-support 2, so the swap scores lowest; end-mixed has a variant
    // for a non-judgmental violation (d7-should at 80% ended mixed without one). Session 40, second reader:
    // d4-explain's 2 moved from legal-support (a "may") to youth-centered (points unchanged), d4-swap no longer
    // costs trust, and end-strong is routed on swapped false. Then the reply d2-intro was renamed d2-introduce
    // (it had its decision's id, a reply-id-is-node-id warning); its scoring and routes unchanged. Session
    // contentfix-48: d4-unsure sets a flag, asked-beth, that routes the next Saturday through s5-courts (the
    // courts answer it promised, then the same visit); no assessment changed (contentfix-48.test.ts). Session
    // storya-50: d1-hearing sets a flag, at-hearing, that routes the call's aftermath through s2-at-hearing (the
    // detention hearing told as one you sat in on, not one that "came and gone"); no assessment changed (storya-50.test.ts).
    // Session reread-b-53: d3-gallery and d3-ask unset hands-off, as the statement replies do (a volunteer who went
    // to the hearing, or asked Beth and emailed Ms. Adeyemi, did not keep out of the case); no assessment changed.
    // Session contentb-54: d3-ask no longer sets introduced ("Ms. Adeyemi heard what you can offer Rithy"): its email
    // introduces you and offers nothing, and nothing after it reads the flag; no assessment changed (story-54c.test.ts).
    // Session reread-a-56: d7-should ("I think you should") also breaks youth-centered, weight 1, as the same push
    // does in testifying d1-right and red-flags r-court-nerves-push (story-56b.test.ts).
    expect(scoringFingerprint(bundledScenario('dual-involvement'))).toBe('b43f8b81f25305e8');
  });

  it('five of the bundled scenarios have a boy as the youth', () => {
    const boys = BUNDLED_IDS.filter((id) => {
      const youth = bundledScenario(id).characters.find((c) => c.role === 'youth');
      return /\bhis\b/.test(youth?.description ?? '') && !/\bher\b/.test(youth?.description ?? '');
    });
    expect(boys).toEqual(['boy-red-flags', 'dual-involvement', 'harm-reduction', 'jae-and-hyung', 'the-list']);
  });
});

// Session 37, a second reader on dual-involvement v15: a "him" that reads as the wrong man, a help the
// guide does not promise, a length tell at d4 and a guide's word only the best reply used at d2.
describe('session 37: a second reader on dual-involvement', () => {
  const decisionOf = (nodeId: string) => {
    const n = bundledScenario('dual-involvement').nodes.find((x) => x.id === nodeId);
    if (n?.kind !== 'decision') throw new Error(`dual-involvement has no decision ${nodeId}`);
    return n;
  };
  const value = (r: { assessments: readonly { verdict: string; weight?: number }[] }) => r.assessments.reduce((s, a) => s + (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1), 0);

  it('where Mr. Trujillo was the last man named, the next "he" or "him" is not Rithy: Rithy is named instead', () => {
    const shut = told('dual-involvement', 'end-shut-out');
    expect(shut).not.toMatch(/from him weeks after/);
    expect(shut).toMatch(/it is Mr\. Trujillo again who gives you his new address/);
    expect(feedback('dual-involvement', 'd7-should')).toContain("Bringing in Mr. Trujillo doesn't undo telling Rithy what to do");
    const strong = bundledScenario('dual-involvement').nodes.find((n) => n.id === 'end-strong');
    const noSecond = strong?.kind === 'ending' ? strong.variants?.find((v) => JSON.stringify(v.when).includes('no-second-csw'))?.narration : '';
    expect(noSecond).toContain("Mr. Trujillo carries Rithy's dependency case on his own");
    // Mr. Trujillo will be at the hearing, not Rithy: the sentence says so.
    expect(told('dual-involvement', 's2-cold')).toMatch(/Mr\. Trujillo mentions .* he plans to be there himself\./);
  });

  it('d3-decline promises no help from the supervisor the guide does not promise; it points to the consultation the guide asks for (Collaboration with Case Parties)', () => {
    const text = feedback('dual-involvement', 'd3-decline');
    expect(text).not.toMatch(/help you write/);
    expect(text).toContain('Talk it over with your Advocate Supervisor, whom the guide asks you to consult when a youth becomes dually involved (Collaboration with Case Parties)');
    const ask = feedback('dual-involvement', 'd3-ask');
    expect(ask).not.toMatch(/as the guide describes/);
    expect(ask).toContain('as deemed appropriate (Collaboration with Case Parties; Advocacy Activities)');
  });

  it('d4: the accurate answer is neither the longest nor the shortest reply; DREAM is the dependency court and STAR the delinquency one, swapped only in the reply scored for swapping them', () => {
    const replies = decisionOf('d4-courts').replies;
    const best = replies.filter((r) => value(r) === Math.max(...replies.map(value)));
    expect(best.map((r) => r.id)).toEqual(['d4-explain']);
    const lengths = replies.map((r) => r.text.length);
    const bestLength = replyText('dual-involvement', 'd4-explain').length;
    expect(bestLength).toBeLessThan(Math.max(...lengths));
    expect(bestLength).toBeGreaterThan(Math.min(...lengths));
    // context.md: DREAM court is a dependency courtroom in Monterey Park; STAR court is part of the delinquency court.
    expect(replyText('dual-involvement', 'd4-explain')).toMatch(/DREAM is a dependency court, in Monterey Park; STAR is part of delinquency court, for your charges/);
    expect(replyText('dual-involvement', 'd4-swap')).toMatch(/DREAM court is the one for your charges, and STAR court is for the dependency side/);
    expect(feedback('dual-involvement', 'd4-swap')).toContain('the two are swapped');
    // Swapping them breaks nothing firm the guide states: it is a missed chance of Legal Advocacy's "may"
    // (the reassurance is credited) and told in the mixed ending when it ends there. Session 40: it scores
    // below the honest "not sure, I'll ask Beth", which consults the Advocate Supervisor as the guide asks
    // when a youth becomes dually involved (Collaboration with Case Parties), and both below the accurate answer.
    expect(replyOf('dual-involvement', 'd4-swap').assessments).toEqual([{ principle: 'youth-centered', verdict: 'follows' }]);
    expect(replyOf('dual-involvement', 'd4-unsure').assessments).toEqual([{ principle: 'legal-support', verdict: 'follows' }, { principle: 'defense-attorney-role', verdict: 'follows' }]);
    expect(replyOf('dual-involvement', 'd4-explain').assessments).toEqual([{ principle: 'legal-support', verdict: 'follows' }, { principle: 'youth-centered', verdict: 'follows', weight: 2 }]);
    // Session contentb-54: "something a CASA may be able to do there" now names the section (story-54c.test.ts).
    expect(feedback('dual-involvement', 'd4-swap')).toMatch(/a CASA may be able to help with a youth's legal needs/);
    const swapped = playReplies(bundledScenario('dual-involvement'), ['d1-supervisor', 'd2-introduce', 'd3-strengths', 'd4-swap', 'd5-form', 'd6-needs', 'd7-team', 'd8-secondary']);
    expect(swapped?.ending?.id).toBe('end-mixed');
    expect(swapped?.ending?.narration).toMatch(/because that is what you had told him/);
    // The feedback credits nothing the reply no longer says ("Your lawyers can tell you more" is gone).
    expect(replyText('dual-involvement', 'd4-explain')).not.toMatch(/lawyers/);
    expect(feedback('dual-involvement', 'd4-explain')).not.toMatch(/remain the ones/);
  });

  it('d2: "strengths", the guide\'s word, is said by a wrong reply too, whose feedback still answers it', () => {
    const replies = decisionOf('d2-intro').replies;
    const top = Math.max(...replies.map(value));
    const saying = replies.filter((r) => /\bstrengths\b/.test(r.text));
    expect(saying.some((r) => value(r) === top)).toBe(true);
    expect(saying.filter((r) => value(r) < top).map((r) => r.id)).toEqual(['d2-used']);
    expect(feedback('dual-involvement', 'd2-used')).toMatch(/offering to speak to his strengths is right .*jumping to conclusions/);
  });
});

// Session 38: content left-overs, read against the guide. Red Flags: "It may be appropriate to ask the
// youth how they paid for an expensive item or for more information about their boyfriend, but do not
// interrogate them." Investigating is Prohibited Activities' word ("should not investigate allegations
// of CSEC (e.g. researching your youth online)"), not the other side of asking.
describe('session 38: the guide\'s words for asking, and for taking a suspicion to the supervisor', () => {
  const decisions = () => BUNDLED_IDS.flatMap((id) => bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? [{ id, n }] : [])));
  const scoredOn = (n: { replies: { assessments: { principle: string }[] }[] }, p: string) => n.replies.some((r) => r.assessments.some((a) => a.principle === p));

  it('a decision about asking a youth (scored on curious-not-interrogating, with nothing scored on no-investigating) does not ask the room about "investigating" or "interrogating"', () => {
    const asking = decisions().filter(({ n }) => scoredOn(n, 'curious-not-interrogating') && !scoredOn(n, 'no-investigating'));
    // 19 since session 41: jae-and-hyung d2-open's question barrage (d2-grill) became a near miss scored on the supervisor.
    expect(asking.length).toBeGreaterThanOrEqual(19);
    expect(asking.filter(({ n }) => /investigat/i.test(`${n.discussionPrompt ?? ''} ${n.facilitatorNote ?? ''}`)).map(({ id, n }) => `${id}/${n.id}`)).toEqual([]);
    const prompt = (id: string, nodeId: string) => decisions().find((d) => d.id === id && d.n.id === nodeId)?.n.discussionPrompt;
    // Nor does a discussion prompt name the guide's word for the wrong reply: the room votes after the
    // prompt, and "interrogating" labelled a reply before it (the second reader, session 38).
    expect(decisions().filter(({ n }) => /interrogat|investigat/i.test(n.discussionPrompt ?? '')).map(({ id, n }) => `${id}/${n.id}`)).toEqual([]);
    expect(prompt('youth-discloses', 'd1-gifts')).toBe('Kiara has just told you he got her the AirPods. What would keep her talking, and what would make her turn the phone face-down again?');
    expect(prompt('boy-red-flags', 'd2-phone')).toBe("Theo's new phone keeps buzzing, and he says it's just people. What could you ask about it that he would actually answer?");
  });

  it('feedback on asking says what the guide says: asking "may be appropriate", never that it simply is', () => {
    const said = BUNDLED_IDS.flatMap((id) => bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []))
      .filter((r) => r.assessments.some((a) => a.principle === 'curious-not-interrogating'))
      .flatMap((r) => r.feedback.split(/[.;]/).filter((s) => /\bappropriate\b/.test(s) && !/\bmay\b/.test(s)).map((s) => `${id}/${r.id}:${s}`)));
    expect(said).toEqual([]);
    expect(feedback('youth-discloses', 'd1-curious')).toContain('asking a youth for more information about her boyfriend may be appropriate, as long as you do not interrogate her (Red Flags)');
  });

  // docs/authoring.md counted "acting first and telling the supervisor afterwards" as breaking
  // consult-supervisor-on-suspicion. The guide's sentence ("If you suspect CSEC activity on your case,
  // discuss it with your Advocate Supervisor to figure out the best next steps", Red Flags) has a purpose
  // and no timing; Advocacy Activities only "encourages" consulting "to determine appropriate advocacy
  // activities". the-list d5-call-mom said "the team needs to hear it first", harm-reduction d2-dad "work out
  // with your Advocate Supervisor first", trafficker-contact d8-plan-rescue "agree ... beforehand".
  it('feedback on a reply that decides without the supervisor names the purpose the guide gives, not a timing it does not ("first", "beforehand")', () => {
    const timing = /\bbeforehand\b|\bhears? (it|of it) first\b|\b(supervisor|team)\b[^.;]*\bfirst\b|\bfirst\b[^.;]*\bsupervisor\b|is not consulting|not consult/i;
    const broke = BUNDLED_IDS.flatMap((id) => bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []))
      .filter((r) => r.assessments.some((a) => ['consult-supervisor-on-suspicion', 'plan-advocacy-with-supervisor'].includes(a.principle) && a.verdict === 'violates'))
      .map((r) => ({ id, r })));
    expect(broke.length).toBeGreaterThanOrEqual(30);
    expect(broke.filter(({ r }) => timing.test(r.feedback)).map(({ id, r }) => `${id}/${r.id}`)).toEqual([]);
    // Deciding alone and telling the supervisor afterwards is still scored, against the purpose.
    for (const [id, reply] of [['the-list', 'd5-call-mom'], ['the-list', 'd4-ba'], ['jae-and-hyung', 'd3-police'], ['youth-discloses', 'd4-call-now']] as const) {
      expect(assessment(id, reply, 'consult-supervisor-on-suspicion')?.verdict, `${id}/${reply}`).toBe('violates');
      expect(feedback(id, reply), `${id}/${reply}`).toContain('to figure out the best next steps (Red Flags)');
    }
    expect(feedback('trafficker-contact', 'd8-plan-rescue')).toContain('encourages you to work out your advocacy activities with your Advocate Supervisor (Advocacy Activities)');
  });

  // A reply that takes a suspicion straight to the CSW, the supervisor left out, was scored three ways:
  // youth-discloses d4-call-now broke consult-supervisor-on-suspicion; saturday-shoots d1-dcfs and
  // d5-email and boy-red-flags d4-csw (an email or call to the CSW with a conclusion) were not assessed
  // on it, though their feedback cited the sentence. Red Flags has one sentence for a suspicion ("discuss
  // it with your Advocate Supervisor to figure out the best next steps"); going to the CSW is working with
  // her (Collaboration with Case Parties) and settles the next step without the supervisor. Where the CSW
  // herself asks (youth-discloses d7-csw, trafficker-contact d3-morning), the reply is an answer to her.
  it('a reply that takes a suspicion straight to the CSW is scored one way: working with the CSW, and settling the next step without the supervisor', () => {
    const csws = (id: string) => new Set(bundledScenario(id).characters.filter((c) => /^CSW\b/.test(c.role ?? '')).map((c) => c.id));
    const unscored = BUNDLED_IDS.flatMap((id) => decisions().filter((d) => d.id === id).flatMap(({ n }) => {
      if (!scoredOn(n, 'consult-supervisor-on-suspicion') || (n.lines ?? []).some((l) => csws(id).has(l.character))) return [];
      return n.replies.filter((r) => r.assessments.some((a) => a.principle === 'csw-partnership' && a.verdict === 'follows') && !r.assessments.some((a) => a.principle === 'consult-supervisor-on-suspicion')).map((r) => `${id}/${r.id}`);
    }));
    expect(unscored).toEqual([]);
    for (const [id, reply] of [['youth-discloses', 'd4-call-now'], ['saturday-shoots', 'd1-dcfs'], ['saturday-shoots', 'd5-email'], ['boy-red-flags', 'd4-csw']] as const) {
      expect(assessment(id, reply, 'consult-supervisor-on-suspicion')?.verdict, `${id}/${reply}`).toBe('violates');
      expect(assessment(id, reply, 'csw-partnership')?.verdict, `${id}/${reply}`).toBe('follows');
      expect(feedback(id, reply), `${id}/${reply}`).toMatch(/to figure out the best next steps[^.]*\(Red Flags\)/);
    }
    // The CSW's own question is answered, not scored against the supervisor.
    expect(assessment('trafficker-contact', 'd3-morning-ask-imani', 'consult-supervisor-on-suspicion')).toBeUndefined();
  });

  // the-list d4-ba (calling Bà to stop the drives, then telling Marcus) broke consult-supervisor-on-suspicion
  // at weight 2, and so did the-list d5-call-mom (calling Kenny's mother) and jae-and-hyung d3-police, where the
  // four replies that take a suspicion straight to the CSW break it at weight 1. Read against the guide, the
  // fault is the same: the next step settled without the supervisor (Red Flags). The guide makes no fault of
  // its own of telling a family or the police: it names family members and law enforcement among the parties
  // of the monthly check-ins while a youth is away (What if my youth left placement...), and its words on
  // confidentiality are about what a court report discloses (Court Report). So the weight is the same, and
  // what else such a reply gets wrong is scored on the principle the guide has for it.
  it('a reply that settles the next step without the supervisor breaks consult-supervisor-on-suspicion at weight 1, whoever it goes to (CSW, police, a family)', () => {
    const settles = (feedbackText: string) => feedbackText.split(/(?<=[.;])\s/).some((s) => /\b(settles?|settled|decides?)\b/.test(s) && /\bnext steps?\b|\bhappens next\b/.test(s));
    const broke = decisions().flatMap(({ id, n }) => n.replies.flatMap((r) => r.assessments
      .filter((a) => a.principle === 'consult-supervisor-on-suspicion' && a.verdict === 'violates')
      .map((a) => ({ ref: `${id}/${r.id}`, weight: a.weight ?? 1, settling: settles(r.feedback), toCsw: r.assessments.some((b) => b.principle === 'csw-partnership' && b.verdict === 'follows') }))));
    const settling = broke.filter((b) => b.settling);
    expect(settling.map((b) => b.ref).sort()).toEqual([
      'boy-red-flags/d1-tonight', 'boy-red-flags/d4-csw', 'jae-and-hyung/d3-police', 'saturday-shoots/d1-dcfs', 'saturday-shoots/d4-dawson', 'saturday-shoots/d5-email',
      'the-list/d4-ba', 'the-list/d5-call-mom', 'youth-discloses/d4-call-now',
    ]);
    // Every reply that takes it straight to the CSW is among them, and every one of them counts 1.
    expect(broke.filter((b) => b.toCsw && !b.settling).map((b) => b.ref)).toEqual([]);
    expect(settling.filter((b) => b.weight !== 1).map((b) => `${b.ref} (weight ${b.weight})`)).toEqual([]);
    // What the family call gets wrong besides is the conclusion it acts on, which the guide does speak to.
    expect(assessment('the-list', 'd4-ba', 'no-jumping-to-conclusions')?.verdict).toBe('violates');
    const doc = readFileSync(new URL('../../docs/authoring.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    const checklist = doc.slice(doc.indexOf('## 10. Checklist'));
    expect(checklist).toContain('a reply that settles the next step without the supervisor (a call or an email to the CSW, the police or a family, the supervisor told afterwards or not at all) violates `consult-supervisor-on-suspicion` at weight 1, whoever it goes to');
    expect(checklist).toContain('the guide makes no separate fault of telling a family or the police');
  });

  // red-flags r-denise-agree ("I'll keep a much closer eye on her myself. No need to bring my supervisor in
  // yet") broke consult-supervisor-on-suspicion at weight 1, where every other reply that keeps a suspicion
  // from the supervisor (a promise, waiting to see, "nothing new", couch-rent d4-wait's and youth-discloses
  // d5-keep-quiet's closer watch) counts 2. The replies at weight 1 settle the next step by bringing the
  // suspicion to a party of the case (the CSW, the police, a family); this one takes it to no one, so it is
  // one of the first kind (Red Flags: "discuss it with your Advocate Supervisor to figure out the best next steps").
  it('a reply that keeps a suspicion from the supervisor and takes it to no one breaks consult-supervisor-on-suspicion at weight 2, in every scenario', () => {
    const settles = (feedbackText: string) => feedbackText.split(/(?<=[.;])\s/).some((s) => /\b(settles?|settled|decides?)\b/.test(s) && /\bnext steps?\b|\bhappens next\b/.test(s));
    const keeping = decisions().flatMap(({ id, n }) => n.replies.flatMap((r) => r.assessments
      .filter((a) => a.principle === 'consult-supervisor-on-suspicion' && a.verdict === 'violates' && !settles(r.feedback))
      .map((a) => ({ ref: `${id}/${r.id}`, weight: a.weight ?? 1 }))));
    expect(keeping.length).toBeGreaterThanOrEqual(18);
    expect(keeping.filter((k) => k.weight !== 2).map((k) => `${k.ref} (weight ${k.weight})`)).toEqual([]);
    expect(keeping.map((k) => k.ref)).toEqual(expect.arrayContaining(['red-flags/r-denise-agree', 'red-flags/r-supervisor-nothing', 'couch-rent/d4-wait', 'youth-discloses/d5-keep-quiet']));
    expect(replyText('red-flags', 'r-denise-agree')).toContain('see what else turns up');
    expect(feedback('red-flags', 'r-denise-agree')).toContain('to figure out the best next steps (Red Flags)');
    const doc = readFileSync(new URL('../../docs/authoring.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    const checklist = doc.slice(doc.indexOf('## 10. Checklist'));
    expect(checklist).toContain('a reply that keeps the suspicion from the supervisor and takes it to no one (a promise of secrecy, waiting to see, "nothing new", "see what else turns up", a closer watch kept alone or shared with a caregiver) violates `consult-supervisor-on-suspicion` at weight 2');
  });

  // At weight 2 r-denise-agree became the lowest-valued reply at its decision, so red-flags' worst replies
  // (a direct question, then agreeing with Denise's list) ended mixed: harm counted only the Instagram search.
  // Agreeing that Yesi is being trafficked, to her resource parent, counts as harm too, and the harmful ending
  // tells that path without the search it never made.
  it('red-flags: asking Yesi straight out and agreeing with Denise\'s list ends harmful, told without an Instagram search that never happened', () => {
    const best = ['r-nails-curious', 'r-boyfriend-light', 'r-denise-balanced', 'r-supervisor-facts', 'r-csw-share', 'r-two-workers-explain', 'r-new-team-proper', 'r-defense-yes', 'r-immigration-clc', 'r-testify-team', 'r-plan-together'];
    const swap: Record<string, string> = { 'r-boyfriend-light': 'r-boyfriend-direct', 'r-denise-balanced': 'r-denise-agree', 'r-immigration-clc': 'r-court-nerves-offer' };
    const d = playReplies(bundledScenario('red-flags'), best.map((r) => swap[r] ?? r));
    expect(d?.ending?.kind).toBe('harmful');
    expect(d?.ending?.narration).toMatch(/asked her straight out/);
    expect(d?.ending?.narration).toMatch(/agreed with her list/);
    expect(d?.ending?.narration).not.toMatch(/social media|Instagram/);
    // Agreeing alone, everything else done well, is still the mixed ending's conclusion.
    expect(playReplies(bundledScenario('red-flags'), best.map((r) => (r === 'r-denise-balanced' ? 'r-denise-agree' : r)))?.ending?.kind).toBe('mixed');
  });

  it('docs/authoring.md states the rule as the guide does: its sentence quoted exactly, no timing, disclosures as suspicions, emergencies under Prohibited Activities', () => {
    const doc = readFileSync(new URL('../../docs/authoring.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    const guide = readFileSync(new URL('../../scenarios/guide/csec-in-service-guide.txt', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    expect(doc.includes('acting first and telling the supervisor afterwards'), 'the house rule still counts acting first').toBe(false);
    const from = doc.indexOf('**Taking a suspicion to the Advocate Supervisor.**');
    expect(from).toBeGreaterThan(0);
    const rule = doc.slice(from, doc.indexOf('**Give every decision', from));
    const quoted = 'If you suspect CSEC activity on your case, discuss it with your Advocate Supervisor to figure out the best next steps.';
    expect(guide).toContain(quoted);
    expect(rule.slice(0, 300)).toContain(`"${quoted}"`);
    expect(guide).toContain('CASAs are encouraged to consult with their Advocate Supervisor to determine appropriate advocacy activities');
    expect(rule).toMatch(/^[^*]*\*\*[^*]*\*\*[^*]*no "before" or "afterwards"[^*]*disclosure is scored the same way[^*]*For an emergency the guide has other words[^*]*\(Prohibited Activities\)/);
    // The second reader: the guide does speak of disclosure (Court Report, Potential Recommendations), only
    // not of how to respond to one; the supervisor is not always a woman (the-list's Marcus); and the doc
    // says where a reply that goes straight to the CSW falls.
    expect(guide).toContain('youth has openly disclosed to team');
    expect(rule).not.toMatch(/no rule of its own for disclosures/);
    expect(rule).toContain('it speaks of disclosure only in Court Report and Potential Recommendations');
    expect(rule).toContain('A reply that takes the suspicion straight to the CSW, the supervisor left out');
    // The principle the debrief quotes keeps the guide's strength too: consulting is "encouraged".
    expect(getPrinciple('plan-advocacy-with-supervisor')?.rule).toMatch(/\byou are encouraged to consult your Advocate Supervisor\b/);
    expect(`${rule} ${doc.slice(doc.indexOf('Supervisor or settles its next step'), doc.indexOf('Supervisor or settles its next step') + 400)}`).not.toMatch(/\b(with|without) her\b/);
  });

  // plan-advocacy-with-supervisor's rule says consulting is "encouraged" (Advocacy Activities), but its title,
  // which the debrief, the web and the terminal show, read as an order: "Plan advocacy with your Advocate
  // Supervisor". The guide: "CASAs are encouraged to consult with their Advocate Supervisor to determine
  // appropriate advocacy activities."
  it('plan-advocacy-with-supervisor is titled in the guide\'s strength (encouraged), and the debrief names it so', () => {
    const title = getPrinciple('plan-advocacy-with-supervisor')?.title ?? '';
    expect(title).toBe('Planning advocacy with your Advocate Supervisor');
    expect(title).not.toMatch(/^(Plan|Consult|Take|Work|Ask)\b/);
    const doc = readFileSync(new URL('../../docs/authoring.md', import.meta.url), 'utf8');
    expect(doc).toContain(`| \`plan-advocacy-with-supervisor\` | ${title} | Advocacy Activities | supporting |`);
    // trafficker-contact's best path, with the rescue planned alone at d8: the debrief's growth area quotes the title.
    const best = ['d1-text-screenshot', 'd3-morning-facts', 'd4-visit-boundary', 'd5-open-include', 'd6-parking-walk', 'd7-supervisor-honest', 'd8-plan-stay', 'd9-last-forward'];
    const debrief = playReplies(bundledScenario('trafficker-contact'), best.map((r) => (r === 'd8-plan-stay' ? 'd8-plan-rescue' : r)));
    const said = [...(debrief?.growthAreas ?? []), ...(debrief?.strengths ?? [])].filter((x) => x.includes('Advocacy Activities'));
    expect(said).toEqual([expect.stringMatching(/^You went against "Planning advocacy with your Advocate Supervisor" \(.*Advocacy Activities.*\)\. .*you are encouraged to consult your Advocate Supervisor/)]);
  });

  // A read of every scenario's feedback, notes and endings against the guide: "never"/"always" the guide
  // does not say (boy-red-flags d5-words: "never 'a CSEC', and never 'prostitute'"; youth-relapses d5-phone:
  // "CASAs never contact"), "support must not stop" (the guide: "must not simply stop at exiting"), youth who
  // "often" stay close to a person who meets a need (the guide: "others may willingly enter or engage to
  // fulfill an unmet need"), "the only repair", feelings to validate "first", and an ending's "everything to
  // the team" among the guide's lines (the guide asks for an open line of communication).
  it('what is attributed to the guide keeps its own strength: no "never"/"always", "often", "must not stop" or timing it does not have', () => {
    const sentences = BUNDLED_IDS.flatMap((id) => bundledScenario(id).nodes.flatMap((n) => [
      n.kind === 'decision' ? [n.facilitatorNote ?? '', n.discussionPrompt ?? '', ...n.replies.map((r) => r.feedback)] : [],
      n.kind === 'ending' ? [n.narration ?? '', ...(n.variants ?? []).map((v) => v.narration ?? '')] : [],
    ].flat().flatMap((t) => t.split(/(?<=[.;:])\s/)).map((x) => `${id}/${n.id}: ${x}`)));
    expect(sentences.filter((x) => /only repair|feelings first|everything to the team/.test(x))).toEqual([]);
    const guide = sentences.filter((x) => /\bguide\b/.test(x));
    expect(guide.length).toBeGreaterThan(500);
    // The one "never" kept speaks of the guide itself: it writes of youth, never of girls only.
    expect(guide.filter((x) => /\b(never|always)\b/i.test(x) && !/never of girls only/.test(x))).toEqual([]);
    expect(guide.filter((x) => /\boften\b/.test(x) && !/often done in stages|often leads to the criminali/.test(x))).toEqual([]);
    // "support must not simply stop at exiting": the guide's sentence speaks of a youth who has left, so it
    // is quoted whole, and not of Elías (harm-reduction d7-step-back), who says he will keep going; since
    // reader-a-57 that reply is not scored on ongoing-support at all (story-57a.test.ts).
    expect(guide.filter((x) => /support must not/.test(x) && !/must not simply stop at exiting/.test(x))).toEqual([]);
    expect(feedback('harm-reduction', 'd7-step-back')).not.toMatch(/must not (simply )?stop|Stages of Exiting/);
  });

  // A second reader of the lines above, against the guide: "Asking a youth can be appropriate (Red Flags)"
  // (the guide: "may be appropriate"); an ending that listed "an open line with the team" among the lines
  // the guide draws (Prohibited Activities') though it is Collaboration with Case Parties' ask; an ending
  // that stated the mandated-reporter duty as plain fact (the guide does not cover reporting: context.md
  // asks that CASA/LA be named as its source); "some youth engage to fulfill an unmet need" said of Kiara
  // before she has told you anything; "keeping Kenny safe is one of [the next steps]"; "(Advocacy
  // Activities), and with him", which put Elías in that section.
  it('second reader: what the guide says about asking, lines, reporting, needs and advocacy is said as the guide says it', () => {
    const node = (id: string, nodeId: string) => bundledScenario(id).nodes.find((n) => n.id === nodeId);
    const notes = BUNDLED_IDS.flatMap((id) => bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? [n.facilitatorNote ?? '', ...n.replies.map((r) => r.feedback)] : [])
      .flatMap((t) => t.split(/(?<=[.;])\s/)).map((x) => `${id}/${n.id}: ${x}`)));
    expect(notes.filter((x) => /\bappropriate\b/.test(x) && /Red Flags|interrogat/.test(x) && !/\bmay\b/.test(x))).toEqual([]);
    const d3 = node('trafficker-contact', 'd3-morning');
    expect(d3?.kind === 'decision' ? d3.facilitatorNote : '').toContain('it may be appropriate to ask a youth for more information (its example is about a boyfriend), as long as it does not turn into an interrogation (Red Flags)');
    expect(d3?.kind === 'decision' ? d3.facilitatorNote : '').not.toMatch(/\bfirst\b|decides how Imani/);
    const endings = BUNDLED_IDS.flatMap((id) => bundledScenario(id).nodes.flatMap((n) => (n.kind === 'ending' ? [n.narration ?? '', ...(n.variants ?? []).map((v) => v.narration ?? '')] : []).map((t) => `${id}/${n.id}: ${t}`)));
    expect(endings.filter((x) => /\blines?\b[^.]*\bopen line\b/.test(x))).toEqual([]);
    const harmful = node('trafficker-contact', 'end-harmful');
    const lines = "draws the lines it does (no communication with a youth's trafficker, no investigating) and asks you to keep communication open with her team.";
    // (Every narration the ending can tell; since contentfix-49 there are more than two, each listing only what was given away.)
    const harmfulTold = harmful?.kind === 'ending' ? [harmful.narration, ...(harmful.variants ?? []).map((v) => v.narration)] : [];
    expect(harmfulTold.length).toBeGreaterThanOrEqual(2);
    for (const told of harmfulTold) expect(told).toContain(lines);
    expect(endings.filter((x) => /mandated/i.test(x) && !/CASA of Los Angeles|CASA\/LA/.test(x))).toEqual([]);
    expect(endings.filter((x) => /mandated/i.test(x)).length).toBeGreaterThanOrEqual(3);
    expect(feedback('youth-discloses', 'd2-needs')).not.toMatch(/\bengage\b/);
    expect(feedback('youth-discloses', 'd2-needs')).toContain('a young person may stay close to someone who meets an unmet need, such as a consistent person in their life or financial support');
    expect(feedback('the-list', 'd5-call-mom')).not.toMatch(/keeping Kenny safe is one of them/);
    expect(feedback('the-list', 'd5-call-mom')).toContain('to figure out the best next steps (Red Flags). What to do for Kenny belongs in that conversation with Marcus');
    expect(notes.filter((x) => /\(Advocacy Activities\),? and with (him|her)\b/.test(x))).toEqual([]);
    expect(feedback('trafficker-contact', 'd8-plan-rescue')).toContain("says CASAs collaborate with CSWs to ensure a youth's safety and wellbeing (Collaboration with Case Parties)");
    expect(feedback('court-report', 'd-hearing-repair-own')).toContain('which the guide asks a CASA to strive for (CASA Role and Expectations)');
    // The-list d4-next asks what is the volunteer's to do, not "when" (the guide has no timing for it).
    const d4 = node('the-list', 'd4-next');
    expect(d4?.kind === 'decision' ? d4.discussionPrompt : '').toBe("What is yours to do with what you saw and heard this weekend, and what isn't?");
  });

  // A second reader (38b): d4-call-now said "discuss a suspicion of CSEC with her" in feedback where "her"
  // is Kiara (the guide warns that asking directly may alienate the youth); two feedbacks said "on their
  // own ... on your own" in one sentence; two notes said telling the CSW is "not with a conclusion" working
  // with the team, though the replies that do it follow csw-partnership; harm-reduction d2-dad left the
  // call to Elías when the reply itself offers it; court-report's repair was praised for "turning to what
  // Lupe needs", which the reply never does; youth-discloses' end-alone "seek from her" had no one to name.
  it('second reader 38b: who "her" is, what a note says of the CSW, and what a reply is praised for match the reply and the scoring', () => {
    const node = (id: string, nodeId: string) => bundledScenario(id).nodes.find((n) => n.id === nodeId);
    const all = BUNDLED_IDS.flatMap((id) => bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision'
      ? [n.facilitatorNote ?? '', ...n.replies.map((r) => r.feedback)] : [n.narration ?? '', ...((n.kind === 'ending' ? n.variants : undefined) ?? []).map((v) => v.narration ?? '')])
      .flatMap((t) => t.split(/(?<=[.;])\s/)).map((x) => `${id}/${n.id}: ${x}`)));
    expect(all.filter((x) => /\bwith (her|him) to figure out the best next steps/.test(x))).toEqual([]);
    expect(feedback('youth-discloses', 'd4-call-now')).toContain('discuss a suspicion of CSEC with your Advocate Supervisor to figure out the best next steps (Red Flags)');
    expect(all.filter((x) => /\bon their own\b/.test(x) && /\bon your own\b/.test(x))).toEqual([]);
    expect(feedback('saturday-shoots', 'd1-dcfs')).toContain("a conclusion the red flags alone don't support");
    expect(all.filter((x) => /working with the team[^.;]*not with a conclusion/.test(x))).toEqual([]);
    // Session 41 (giveaway wording): the email now keeps to what was seen and said, so what the note and
    // the feedback name is the step settled without the supervisor, not a conclusion.
    for (const [id, nodeId, reply] of [['saturday-shoots', 'd5-car', 'd5-email'], ['boy-red-flags', 'd4-next', 'd4-csw']] as const) {
      const n = node(id, nodeId);
      expect(n?.kind === 'decision' ? n.facilitatorNote : '', `${id}/${nodeId}`).toContain('it settles the next step without the Advocate Supervisor');
      expect(assessment(id, reply, 'csw-partnership')?.verdict, `${id}/${reply}`).toBe('follows');
      expect(feedback(id, reply), `${id}/${reply}`).toContain('But the email settles the next step without your supervisor');
    }
    expect(replyOf('harm-reduction', 'd2-dad').text).toContain('Want me to call him?');
    expect(feedback('harm-reduction', 'd2-dad')).not.toMatch(/Elías's to talk through/);
    expect(feedback('harm-reduction', 'd2-dad')).toContain('(Advocacy Activities), not one to offer on the spot.');
    expect(replyOf('court-report', 'd-hearing-repair-own').text).not.toMatch(/\bneed/);
    expect(feedback('court-report', 'd-hearing-repair-own')).not.toMatch(/what Lupe needs/);
    expect(replyOf('court-report', 'd-hearing-repair-own').text).toContain("You're right to be upset");
    expect(feedback('court-report', 'd-hearing-repair-own')).toContain('Owning the mistake and taking her upset seriously keeps Lupe at the centre');
    const alone = node('youth-discloses', 'end-alone');
    const told = alone?.kind === 'ending' ? [alone.narration ?? '', ...(alone.variants ?? []).map((v) => v.narration ?? '')] : [];
    expect(told).toHaveLength(3);
    for (const t of told) expect(t).toContain('You never took what Kiara told you to Renee, your Advocate Supervisor, so there was no plan');
  });

  // The house rule (docs/authoring.md section 10) scores the same kind of reply the same way. A reply
  // whose step is a search for something to bring the supervisor ("look them both up online tonight, then
  // call you and my supervisor", saturday-shoots d1-look; "so you have something solid to bring Marcus",
  // the-list d4-search) violates no-investigating at 3 in every scenario (what it settles alone is the
  // search, Prohibited Activities) and follows consult-supervisor-on-suspicion at 1: it does bring the
  // suspicion to the supervisor, and unscored there the debrief counted a missed chance (superv-43). A
  // search for no one (boy-red-flags d4-search, "so you know who you're dealing with") is not credited.
  it('a reply that searches so as to bring the supervisor something violates no-investigating and follows the supervisor at 1, the same way in every scenario', () => {
    const searching = decisions().filter(({ n }) => scoredOn(n, 'consult-supervisor-on-suspicion')).flatMap(({ id, n }) => n.replies
      .filter((r) => r.assessments.some((a) => a.principle === 'no-investigating' && a.verdict === 'violates'))
      .map((r) => ({ id, r })));
    const names = /supervisor|Marcus|Ruth|Naomi|Jonah|Dana/;
    const naming = searching.filter(({ r }) => names.test(r.text)).map(({ id, r }) => `${id}/${r.id}`);
    expect(naming).toEqual(expect.arrayContaining(['saturday-shoots/d1-look', 'the-list/d4-search', 'jae-and-hyung/d3-search', 'red-flags/r-denise-instagram', 'couch-rent/d4-server', 'trafficker-contact/d1-text-search']));
    const onSupervisor = (r: (typeof searching)[number]['r']) => r.assessments.filter((a) => a.principle === 'consult-supervisor-on-suspicion').map((a) => `${a.verdict} ${a.weight ?? 1}`);
    for (const { id, r } of searching) expect(onSupervisor(r), `${id}/${r.id}`).toEqual(names.test(r.text) ? ['follows 1'] : []);
    expect(searching.some(({ r }) => !names.test(r.text)), 'a search for no one, not credited').toBe(true);
    for (const { r } of searching) expect(r.assessments.find((a) => a.principle === 'no-investigating')?.weight, r.id).toBe(3);
    const doc = readFileSync(new URL('../../docs/authoring.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    for (const said of [
      'A reply whose next step is a search, its findings to be taken to the supervisor',
      'a reply that searches so as to bring the supervisor something violates `no-investigating` and also follows `consult-supervisor-on-suspicion` at weight 1',
      'violates `no-investigating` (Prohibited Activities) with its weight and also follows this principle, with weight 1',
      // The exception the house rule now names is the one section 6 gives: a youth who left placement is redirected to the CSW.
      '(unless the CSW is the one asking, or the reply redirects to the CSW a youth who left placement and contacts you: Prohibited Activities)',
      'how to listen is in Red Flags, Stages of Exiting CSEC Involvement and Likelihood of Relapse',
    ]) expect(doc.includes(said), said).toBe(true);
    expect(doc.includes('says nothing about how to respond when a youth tells you something'), 'the old claim').toBe(false);
  });
});

// A reader of principles.json against the guide (session 39): titles and rules the debrief, the web and
// the terminal show read as orders, or stronger than the guide, where the guide only recommends,
// encourages, or says a CASA "may" or "can": "Take care of yourself" (Self-Care: "strongly encouraged"),
// 'Say "left placement without permission", not "AWOL"' (Using Appropriate Language: "strongly
// encouraged"), "never 'a CSEC'" (people-first language is "strongly recommended"), "Use the time to learn
// and help" (continuing education and advocacy work: "encouraged"), "Don't ask directly about CSEC
// activity" (asking "may offend or alienate"), "Support the youth through criminal proceedings" ("CASA may
// support"), "A CASA can help" ("may be able to assist"), "Give resources" ("can give them"), "Explore why
// the youth leaves" (harm reduction "allows" exploring), "Don't recommend what would reveal…" ("may be
// inappropriate"), "Know what CSEC means" (a definition, no order); and review-recommendations added a
// time ("before submitting") the guide does not give.
describe('session 39: principle titles and rules in the guide\'s strength', () => {
  const guide = readFileSync(new URL('../../scenarios/guide/csec-in-service-guide.txt', import.meta.url), 'utf8').replace(/\s+/g, ' ');
  // An order at the head of a title: what the guide does not order is not titled as one.
  const ORDER = /^(Say|Don't|Do|Never|Always|Take|Use|Give|Support (the|them|your)|Explore|Know|Plan|Consult|Work|Ask|Keep|Put|Recommend|Review|Talk|Look|Stay|Make|Avoid)\b/;
  const SOFT: readonly (readonly [string, string, RegExp])[] = [
    // [principle, the guide's words (as printed), what the rule says in its strength]
    ['know-the-terms', 'CSEC stands for the “Commercial Sexual Exploitation of Children”', /\bstands for\b/],
    ['people-first-language', 'is strongly recommended, which emphasizes the person before the label', /\bis strongly recommended\b/],
    ['people-first-language', 'as a “prostitute” is not appropriate', /\bis not appropriate\b/],
    ['no-awol-label', 'It is strongly encouraged that CASAs state', /\bstrongly encouraged\b/],
    ['no-direct-csec-questions', 'Asking directly about potential CSEC activity may offend or alienate the youth', /\bmay offend or alienate\b/],
    ['understand-unmet-needs', 'others may willingly enter or engage to fulfill an unmet need', /\bothers may enter\b/],
    ['plan-advocacy-with-supervisor', 'CASAs are encouraged to consult with their Advocate Supervisor', /\bare encouraged to consult\b/],
    ['harm-reduction-unmet-needs', 'both CASAs and service providers can begin addressing', /\bcan begin\b/],
    ['legal-support', 'A CASA may be able to assist', /\bmay be able to help\b/],
    ['victim-witness-support', 'CASA may support the youth through this', /\bmay support\b/],
    ['continuing-education', 'CASAs are also encouraged to explore opportunities for advocacy work and continuing education', /\bare encouraged to explore\b/],
    ['resources-reduce-harm', 'however they can give them the resources they need', /\bcan give them the resources\b/],
    ['self-care', 'CASAs are strongly encouraged to take care of oneself', /\bare strongly encouraged\b/],
    ['self-care', 'CASAs can access the following for additional supports', /\bcan also turn to\b/],
    ['no-revealing-recommendations', 'it may be inappropriate to recommend certain services', /\bmay be inappropriate\b/],
  ];

  it.each(SOFT)('%s: titled and ruled as the guide puts it ("%s")', (id, words, strength) => {
    const p = getPrinciple(id);
    expect(guide).toContain(words);
    expect(p?.title ?? '').not.toMatch(ORDER);
    expect(p?.rule ?? '').toMatch(strength);
    expect(p?.rule ?? '').not.toMatch(/\b(never|always|must)\b|\bdo not\b|\bdon't\b/i);
  });

  it('review-recommendations keeps no time the guide does not give ("before submitting"); discuss-triggers keeps the one it does ("prior to relapse")', () => {
    expect(guide).toContain('the CASA should make sure to review recommendations with their Advocate Supervisor');
    expect(guide).not.toMatch(/\bsubmit/i);
    expect(getPrinciple('review-recommendations')?.rule).toBe('As with every court report, make sure to go over your recommendations with your Advocate Supervisor.');
    expect(guide).toContain('Discussing triggers and strategies for dealing with triggers prior to relapse will be important');
    expect(getPrinciple('discuss-triggers')?.rule).toMatch(/\bbefore a relapse\b/);
    expect(getPrinciple('discuss-triggers')?.rule).not.toMatch(/\bideally\b/);
  });

  it('what the guide prohibits is still titled and ruled as a prohibition (Prohibited Activities)', () => {
    expect(getPrinciple('no-picking-up')?.title).toMatch(/^Never\b/);
    expect(getPrinciple('no-trafficker-contact')?.rule).toMatch(/^Never\b/);
    expect(getPrinciple('no-investigating')?.rule).toMatch(/not allowed to investigate/);
  });

  it('docs/authoring.md section 9 lists every principle under its title in principles.json', () => {
    const doc = readFileSync(new URL('../../docs/authoring.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## 9. The principles'), doc.indexOf('## 10. Checklist'));
    expect(principles.filter((p) => !section.includes(`| \`${p.id}\` | ${p.title} |`)).map((p) => p.id)).toEqual([]);
  });

  it('the debrief names a principle by its new title and quotes its rule: red-flags\' direct question', () => {
    const best = ['r-nails-curious', 'r-boyfriend-light', 'r-denise-balanced', 'r-supervisor-facts', 'r-csw-share', 'r-two-workers-explain', 'r-new-team-proper', 'r-defense-yes', 'r-immigration-clc', 'r-testify-team', 'r-plan-together'];
    // After the direct question Yesi is guarded, so the path meets her nerves about court, not immigration.
    const swap: Record<string, string> = { 'r-boyfriend-light': 'r-boyfriend-direct', 'r-immigration-clc': 'r-court-nerves-offer' };
    const debrief = playReplies(bundledScenario('red-flags'), best.map((r) => swap[r] ?? r));
    const said = (debrief?.growthAreas ?? []).filter((x) => x.includes('direct questions'));
    expect(said).toEqual([expect.stringMatching(/^You went against "Care with direct questions about CSEC" \(.*Red Flags.*\)\. .*may offend or alienate them\.$/)]);
  });
});

describe('session 39: a second reader on today\'s content', () => {
  const violations = (id: string) => bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies.map((r) => ({ n, r })) : []));
  const allReplies = () => BUNDLED_IDS.flatMap((id) => violations(id).map(({ n, r }) => ({ id, n, r })));
  const weightOf = (r: { assessments: readonly { principle: string; verdict: string; weight?: number }[] }, p: string) => r.assessments.find((a) => a.principle === p)?.weight ?? 1;
  const checklist = () => {
    const doc = readFileSync(new URL('../../docs/authoring.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    return doc.slice(doc.indexOf('## 10. Checklist'));
  };

  // red-flags end-harmful was titled "Investigated, not heard", but a path with the direct question and
  // agreeing with Denise reaches it without any search. The title now names what happens on every path.
  it('red-flags: the harmful ending\'s title is true of every narration that can follow it', () => {
    const end = bundledScenario('red-flags').nodes.find((n) => n.id === 'end-harmful');
    expect(end?.kind).toBe('ending');
    if (end?.kind !== 'ending') return;
    expect(end.title).toBe('Yesi stops answering');
    for (const told of [end.narration, ...(end.variants ?? []).map((v) => v.narration)]) expect(told).toContain('She stops answering your texts');
  });

  // r-denise-agree (-4) scored below the prohibited Instagram search (-3) at the same decision.
  it('at a decision with a prohibited activity, no reply that breaks none has violations weighing more than it (3)', () => {
    const critical = new Set(principles.filter((p) => p.severity === 'critical').map((p) => p.id));
    const cost = (r: { assessments: readonly { principle: string; verdict: string; weight?: number }[] }) => r.assessments.filter((a) => a.verdict === 'violates').reduce((sum, a) => sum + (a.weight ?? 1), 0);
    const crosses = (r: { assessments: readonly { principle: string; verdict: string }[] }) => r.assessments.some((a) => a.verdict === 'violates' && critical.has(a.principle));
    const over: string[] = [];
    let decisionsWithOne = 0;
    for (const id of BUNDLED_IDS) for (const n of bundledScenario(id).nodes) {
      if (n.kind !== 'decision' || !n.replies.some(crosses)) continue;
      decisionsWithOne++;
      const least = Math.min(...n.replies.filter(crosses).map(cost));
      for (const r of n.replies) if (!crosses(r) && cost(r) > least) over.push(`${id}/${r.id} (${cost(r)} > ${least})`);
    }
    expect(decisionsWithOne).toBeGreaterThan(30);
    expect(over).toEqual([]);
    expect(checklist()).toContain('no reply that breaks none has violations weighing more than 3 in all');
  });

  it('a reply that settles red flags as nothing breaks no-jumping-to-conclusions at 2 and only that, in every scenario', () => {
    const phase = [['red-flags', 'r-denise-dismiss'], ['saturday-shoots', 'd1-phase'], ['boy-red-flags', 'd5-grow'], ['boy-red-flags', 'd1-agree'], ['the-list', 'd1-blessing']] as const;
    for (const [id, reply] of phase) {
      expect(replyOf(id, reply).assessments, `${id}/${reply}`).toEqual([{ principle: 'no-jumping-to-conclusions', verdict: 'violates', weight: 2 }]);
    }
    expect(checklist()).toContain('violates `no-jumping-to-conclusions` at weight 2, and only that');
  });

  it('plan-advocacy-with-supervisor is scored in the guide\'s strength: weight 1, "encourages", never an order', () => {
    const broke = allReplies().filter(({ r }) => r.assessments.some((a) => a.principle === 'plan-advocacy-with-supervisor' && a.verdict === 'violates'));
    expect(broke.length).toBeGreaterThanOrEqual(5);
    expect(broke.filter(({ r }) => weightOf(r, 'plan-advocacy-with-supervisor') !== 1).map(({ id, r }) => `${id}/${r.id}`)).toEqual([]);
    expect(broke.filter(({ r }) => !/encourag/i.test(r.feedback)).map(({ id, r }) => `${id}/${r.id}`)).toEqual([]);
    const order = /asks (you|volunteers) to work out advocacy|planned with your Advocate Supervisor/i;
    const said = allReplies().flatMap(({ id, n, r }) => [r.feedback, n.facilitatorNote ?? ''].filter((t) => order.test(t)).map(() => `${id}/${r.id}`));
    expect(said).toEqual([]);
  });

  it('resources to reduce harm are what CASAs "can" give, never what you must "make sure" of', () => {
    const texts = allReplies().flatMap(({ id, n, r }) => [[`${id}/${r.id}`, r.feedback], [`${id}/${n.id}`, n.facilitatorNote ?? '']]);
    expect(texts.filter(([, t]) => /make sure[^.]*resources/i.test(t ?? '')).map(([ref]) => ref)).toEqual([]);
  });

  it('confidentiality is spoken of only where Court Report is cited; section 10 says a call passes the worry to someone, not to a party of the case', () => {
    const conf = allReplies().filter(({ r }) => /\bin confidence\b|confidential/i.test(r.feedback) && !r.feedback.includes('Court Report'));
    expect(conf.map(({ id, r }) => `${id}/${r.id}`)).toEqual([]);
    expect(checklist()).toContain('at least passes the worry to someone');
    expect(checklist()).not.toContain('a party of the case');
  });

  it('the titles of the two language and terms principles say what the guide says', () => {
    const guide = readFileSync(new URL('../../scenarios/guide/csec-in-service-guide.txt', import.meta.url), 'utf8');
    expect(guide).toContain('Domestic Minor Sex Trafficking (DMST)');
    expect(getPrinciple('know-the-terms')?.title).toBe('Knowing what CSEC and DMST mean');
    expect(guide).toContain('“left placement/home without permission”');
    expect(getPrinciple('no-awol-label')?.title).toBe('Saying "left placement without permission", not "AWOL"');
    for (const id of ['know-the-terms', 'no-awol-label']) expect(getPrinciple(id)!.title.length).toBeLessThanOrEqual(60);
  });

  it('feedback on a direct question says the guide\'s words ("may offend or alienate"), and nothing the guide does not', () => {
    const direct = allReplies().filter(({ r }) => r.assessments.some((a) => a.principle === 'no-direct-csec-questions' && a.verdict === 'violates'));
    expect(direct.length).toBeGreaterThanOrEqual(6);
    expect(direct.filter(({ r }) => !r.feedback.includes('may offend or alienate')).map(({ id, r }) => `${id}/${r.id}`)).toEqual([]);
    expect(allReplies().filter(({ r }) => /advises against/.test(r.feedback)).map(({ id, r }) => `${id}/${r.id}`)).toEqual([]);
    expect(feedback('red-flags', 'r-csw-terms')).not.toContain('same page');
  });

  it('a recommendation that "may be inappropriate" weighs no more than the Court Report rule it breaks with it', () => {
    const report = new Set(principles.filter((p) => p.section === 'court-report').map((p) => p.id));
    expect(report.has('report-no-undisclosed-pregnancy')).toBe(true);
    const bad: string[] = [];
    for (const { id, r } of allReplies()) {
      const rev = r.assessments.find((a) => a.principle === 'no-revealing-recommendations' && a.verdict === 'violates');
      if (!rev) continue;
      if ((rev.weight ?? 1) > 2) bad.push(`${id}/${r.id} weight ${rev.weight}`);
      for (const a of r.assessments) if (a.verdict === 'violates' && report.has(a.principle) && (a.weight ?? 1) < (rev.weight ?? 1)) bad.push(`${id}/${r.id} ${a.principle}`);
    }
    expect(bad).toEqual([]);
  });

  // legal-support and victim-witness-support say "may" (Legal Advocacy); r-testify-solo's fault is leaving the
  // CSW and dependency attorney out (team-communication, firm), r-defense-no's is declining the defense attorney.
  it('red-flags: leaving the case parties out, or the defense attorney, is scored on the firm principle, not on Legal Advocacy\'s "may"', () => {
    expect(replyOf('red-flags', 'r-testify-solo').assessments).toEqual([
      { principle: 'legal-support', verdict: 'follows', weight: 1 },
      { principle: 'team-communication', verdict: 'violates', weight: 2 },
    ]);
    expect(feedback('red-flags', 'r-testify-solo')).toContain('it is important to keep an open line of communication with the case parties');
    expect(replyOf('red-flags', 'r-defense-no').assessments).toEqual([{ principle: 'defense-attorney-role', verdict: 'violates', weight: 2 }]);
    expect(checklist()).toContain('a reply that leaves the CSW and dependency attorney out is scored on the firm principle it breaks, `team-communication`');
  });
});

describe('session 40: scoring consistency across scenarios', () => {
  const teamViolations = () => BUNDLED_IDS.flatMap((id) => bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])
    .flatMap((r) => r.assessments.filter((a) => a.principle === 'team-communication' && a.verdict === 'violates')
      .map((a) => ({ ref: `${id}/${r.id}`, text: r.text, weight: a.weight ?? 1 })))));
  const checklist = () => {
    const doc = readFileSync(new URL('../../docs/authoring.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    return doc.slice(doc.indexOf('## 10. Checklist'));
  };

  // red-flags r-testify-solo and testifying d4-drive both drive a youth to testify without her CSW; one
  // weighed team-communication 2, the other 1. The wording is what differs: "No need to loop everyone in"
  // (since session 41 "keep it between the two of you", the volunteer's reason rather than a hint)
  // says the case parties need not hear of it (as "No need to rattle…", "No need to worry…" and a promise not
  // to tell do, all at 2); "Ms. Ibarra has enough on her plate" leaves one busy party out of one arrangement
  // (as "I'll tell Ms. Okafor once it's set up" does, at 1). Collaboration with Case Parties has one rule.
  it('team-communication weighs 2 where a reply says the case parties need not hear of it, 1 where it leaves one busy party out of one arrangement', () => {
    const all = teamViolations();
    const notToHear = all.filter((v) => /\bno need to (loop|rattle|worry|tell|bring)\b|\bI won't (tell|say anything)\b|\bbetween the two of you\b/i.test(v.text));
    expect(notToHear.map((v) => v.ref)).toEqual(expect.arrayContaining(['red-flags/r-testify-solo', 'testifying/d6-block', 'trafficker-contact/d9-last-delete', 'testifying/d7-keep', 'trafficker-contact/d3-morning-downplay', 'harm-reduction/d5-wait', 'whereabouts-unknown/d6-private']));
    expect(notToHear.filter((v) => v.weight !== 2).map((v) => `${v.ref} (weight ${v.weight})`)).toEqual([]);
    const aroundOne = ['testifying/d3-wait', 'testifying/d4-drive', 'trafficker-contact/d8-plan-rescue'];
    const around = all.filter((v) => aroundOne.includes(v.ref));
    expect(around.map((v) => v.ref).sort()).toEqual(aroundOne);
    expect(around.filter((v) => v.weight !== 1).map((v) => `${v.ref} (weight ${v.weight})`)).toEqual([]);
    expect(around.filter((v) => notToHear.includes(v)).map((v) => v.ref)).toEqual([]);
    expect(replyText('red-flags', 'r-testify-solo')).toContain('keep it between the two of you');
    expect(replyText('testifying', 'd4-drive')).toContain('Ms. Ibarra has enough on her plate');
    expect(checklist()).toContain('`team-communication` weighs 2 in a reply that says the case parties need not hear of it at all');
    expect(checklist()).toContain('red-flags `r-testify-solo` and testifying `d4-drive` both drive a youth to testify without her CSW, and weigh 2 and 1 for that difference');
  });

  // Three pairs were weighed against the rule above. harm-reduction d5-wait ("I won't say anything to Ms.
  // Castillo for now… and then decide") weighed 1 where whereabouts-unknown d6-private ("between the two
  // of you for now") weighed 2: both promise not to tell, with nothing said of telling later, so both weigh
  // 2, as d5-keep does. trafficker-contact d3-morning-downplay ("No need to bring Mr. Haddad in yet")
  // weighed 1, and is 2: it says a case party need not hear of it. d3-morning-ask-imani was put at 1 for a
  // while as "one step held while the CSW is told"; a second reader found its words say otherwise: Ms.
  // Okafor asks "What did it say, and did you write back?", and "Before you do anything, can I ask Imani on
  // Saturday…" answers neither, asks her to hold everything for five days, and says nothing of answering
  // later. Its feedback ("holds back what her CSW needs now"), its held-back effect and the mixed ending
  // ("something kept from Ms. Okafor") agree: 2, as downplay. Testifying d3-wait ("Hold off… until she has
  // decided") and d8-plan-rescue ("once it's set up") say the parties will hear afterwards (1).
  it('team-communication: "for now" and "not yet" with no word of telling later weigh 2, and so does a CSW\'s questions left unanswered while she is asked to wait; telling afterwards weighs 1', () => {
    const all = teamViolations();
    const weightOf = (ref: string) => all.find((v) => v.ref === ref)?.weight;
    const notYet = all.filter((v) => /\bfor now\b|\bno need to \w+\b[^;]*\byet\b/i.test(v.text));
    expect(notYet.map((v) => v.ref).sort()).toEqual(['harm-reduction/d5-wait', 'trafficker-contact/d3-morning-downplay', 'whereabouts-unknown/d6-private']);
    expect(notYet.filter((v) => v.weight !== 2).map((v) => `${v.ref} (weight ${v.weight})`)).toEqual([]);
    // None of them says the parties will hear later; the replies at 1 do, or tell the CSW now.
    expect(notYet.filter((v) => /\buntil\b|\bonce\b|\bafter\b|\bthen tell\b/i.test(v.text)).map((v) => v.ref)).toEqual([]);
    const later = all.filter((v) => /\bhold off\b[^;]*\buntil\b|\bonce it's set up\b/i.test(v.text));
    expect(later.map((v) => v.ref).sort()).toEqual(['testifying/d3-wait', 'trafficker-contact/d8-plan-rescue']);
    expect(later.filter((v) => v.weight !== 1).map((v) => `${v.ref} (weight ${v.weight})`)).toEqual([]);
    // The pairs as pairs: the same kind weighs the same, across scenarios and at one decision.
    expect([weightOf('harm-reduction/d5-wait'), weightOf('whereabouts-unknown/d6-private'), weightOf('harm-reduction/d5-keep')]).toEqual([2, 2, 2]);
    expect([weightOf('trafficker-contact/d3-morning-downplay'), weightOf('trafficker-contact/d3-morning-ask-imani')]).toEqual([2, 2]);
    // Both d3-morning replies are said to the CSW, who asked what the text said and whether you wrote back.
    expect(told('trafficker-contact', 'd3-morning')).toContain('What did it say, and did you write back?');
    expect(replyText('trafficker-contact', 'd3-morning-downplay')).toContain('No need to bring Mr. Haddad in yet');
    // ask-imani's words, feedback, effect and ending all say it holds back what the CSW needs now.
    expect(replyText('trafficker-contact', 'd3-morning-ask-imani')).toMatch(/^Before you do anything, can I ask Imani on Saturday/);
    expect(replyText('trafficker-contact', 'd3-morning-ask-imani')).not.toMatch(/\b(9:40|909|wrote back|send you|forward)\b/i);
    expect(feedback('trafficker-contact', 'd3-morning-ask-imani')).toContain('holds back what her CSW needs now');
    expect(replyOf('trafficker-contact', 'd3-morning-ask-imani').effects).toEqual([{ var: 'held-back', add: 1 }]);
    expect(told('trafficker-contact', 'end-mixed')).toContain('something kept from Ms. Okafor');
    // downplay's feedback states the rule it is scored on in the guide's words, and nothing the guide does not say.
    expect(feedback('trafficker-contact', 'd3-morning-downplay')).toContain('The guide says it is important to keep an open line of communication with the case parties, especially once a youth is identified as CSEC-involved, and Mr. Haddad, her CSEC CSW, is one of them (Collaboration with Case Parties)');
    expect(feedback('trafficker-contact', 'd3-morning-downplay')).not.toMatch(/let DCFS weigh/);
    for (const ref of ['trafficker-contact/d3-morning-downplay', 'trafficker-contact/d3-morning-ask-imani']) {
      const [id, reply] = ref.split('/') as [string, string];
      expect(assessment(id, reply, 'csw-partnership')?.verdict, ref).toBe('follows');
    }
    // The reason is written where an author will look.
    expect(replyOf('harm-reduction', 'd5-wait').authorNotes).toMatch(/weighs 2 here/);
    expect(replyOf('whereabouts-unknown', 'd6-private').authorNotes).toMatch(/weighs 2 here/);
    expect(replyOf('trafficker-contact', 'd3-morning-downplay').authorNotes).toMatch(/weighs 2 here, as at d3-morning-ask-imani/);
    expect(replyOf('trafficker-contact', 'd3-morning-ask-imani').authorNotes).toMatch(/weighs 2 here, as at d3-morning-downplay/);
    for (const id of ['d3-morning-downplay', 'd3-morning-ask-imani']) expect(replyOf('trafficker-contact', id).authorNotes).not.toMatch(/keeps no (case party|one) from hearing|weighs 1 here/);
    expect(checklist()).toContain('trafficker-contact `d3-morning-downplay` ("No need to bring Mr. Haddad in yet") and `d3-morning-ask-imani` ("Before you do anything, can I ask Imani on Saturday…", both her questions left unanswered, with nothing said of answering them) both weigh 2');
    expect(checklist()).not.toMatch(/`d3-morning-ask-imani` \(the CSW told now/);
    expect(checklist()).toContain('harm-reduction `d5-wait` ("for now… and then decide") weighs 2, as whereabouts-unknown `d6-private` ("between the two of you for now") does');
  });

  // Elías and Dez were identified as CSEC-involved in the spring, a CSEC CSW on each case; at harm-reduction
  // d5 and whereabouts-unknown d6-morning what a reply keeps back is news for the case parties (Collaboration
  // with Case Parties: "especially if a youth is officially identified"), so no reply there is scored on
  // consult-supervisor-on-suspicion (2 + 2 would also put a permitted reply over the prohibited search, 3).
  // A second reader: d5-wait said "or my supervisor", a half the feedback never addressed, and the docs'
  // reason ("the life the team already knows of") rested on something the scenario never says. The reply
  // now names only Ms. Castillo, and the reason rests on the identification the characters state.
  it('harm-reduction d5 and whereabouts-unknown d6-morning: keeping an identified youth\'s news from the team is scored on team-communication, not as a suspicion kept from the supervisor', () => {
    const at = (id: string, node: string) => {
      const n = bundledScenario(id).nodes.find((x) => x.id === node);
      return n?.kind === 'decision' ? n.replies : [];
    };
    for (const [id, node] of [['harm-reduction', 'd5-tell'], ['whereabouts-unknown', 'd6-morning']] as const) {
      expect(at(id, node).length, `${id}/${node}`).toBeGreaterThanOrEqual(3);
      expect(at(id, node).filter((r) => r.assessments.some((a) => a.principle === 'consult-supervisor-on-suspicion')).map((r) => r.id), `${id}/${node}`).toEqual([]);
    }
    for (const id of ['harm-reduction', 'whereabouts-unknown']) {
      expect(bundledScenario(id).characters.find((c) => c.role === 'youth')?.description, id).toMatch(/identified as CSEC-involved in the spring/);
    }
    // d5-wait tests only what is scored: it keeps the weekends from Ms. Castillo, and names no one else.
    expect(replyText('harm-reduction', 'd5-wait')).toMatch(/^Okay\. I won't say anything to Ms\. Castillo for now\./);
    expect(replyText('harm-reduction', 'd5-wait')).not.toMatch(/supervisor|Grace/i);
    // Naming the supervisor still does not single out the best reply (session 36): the search names her too,
    // where what it brings her is scored on no-investigating alone (docs/authoring.md section 6).
    expect(replyText('harm-reduction', 'd5-lookup')).toMatch(/let Ms\. Castillo and your supervisor know, then search/);
    expect(feedback('harm-reduction', 'd5-wait')).not.toMatch(/supervisor|Grace/i);
    expect(replyOf('harm-reduction', 'd5-wait').authorNotes).toContain('Not scored on consult-supervisor-on-suspicion');
    // The reason rests on what the scenario says, never on a team that "already knows" of Cole.
    expect(replyOf('harm-reduction', 'd5-wait').authorNotes).toContain('Nothing in the scenario says the team already knew of Cole, and the scoring does not rest on it');
    expect(bundledScenario('harm-reduction').characters.find((c) => c.id === 'castillo')?.description).toMatch(/Since the spring a CSEC CSW has also been on his case/);
    const doc = readFileSync(new URL('../../docs/authoring.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    expect(doc).not.toMatch(/already knows of|raises no new suspicion/);
    expect(doc).toContain('For a youth the scenario has already identified as CSEC-involved, with a CSEC CSW on the case');
    expect(doc).toContain('and not also on this principle (harm-reduction `d5-wait`, whereabouts-unknown `d6-private`)');
  });

  // dual-involvement d4-swap (DREAM and STAR the wrong way round, said with confidence) scored +1, level with
  // d4-unsure ("I'm not sure… I'll ask Beth"). Swapping breaks nothing firm (Legal Advocacy's "may" is never
  // violated), but the guide's words for a youth who becomes dually involved are "Please consult with your
  // Advocate Supervisor" (Collaboration with Case Parties), which asking Beth follows and the swap does not,
  // as the scenario already credits asking Beth at d1 and d3.
  it('dual-involvement d4: the confident swap scores below "not sure, I\'ll ask Beth", which consults the supervisor as the guide asks; its debrief says so', () => {
    const s = bundledScenario('dual-involvement');
    const at = (id: string) => replyValue(replyOf('dual-involvement', id));
    expect([at('d4-swap'), at('d4-unsure'), at('d4-explain')]).toEqual([1, 2, 3]);
    expect(assessment('dual-involvement', 'd4-unsure', 'defense-attorney-role')?.verdict).toBe('follows');
    expect(assessment('dual-involvement', 'd4-swap', 'defense-attorney-role')).toBeUndefined();
    expect(replyOf('dual-involvement', 'd4-swap').assessments.filter((a) => a.verdict === 'violates')).toEqual([]);
    expect(feedback('dual-involvement', 'd4-unsure')).toContain('consult your Advocate Supervisor (Collaboration with Case Parties)');
    expect(feedback('dual-involvement', 'd4-swap')).toContain('consult your Advocate Supervisor when a youth becomes dually involved (Collaboration with Case Parties)');
    // Otherwise best practice, the swap earns less than the honest answer, and its debrief counts asking Beth as a chance missed at d4.
    const BEST = ['d1-supervisor', 'd2-introduce', 'd3-strengths', 'd4-explain', 'd5-form', 'd6-needs', 'd7-team', 'd8-secondary'];
    const with4 = (r: string) => playReplies(s, BEST.map((x) => (x === 'd4-explain' ? r : x)));
    const swap = with4('d4-swap'); const unsure = with4('d4-unsure');
    expect(swap?.score.earned).toBeLessThan(unsure?.score.earned ?? 0);
    const role = swap?.principles.find((p) => p.principleId === 'defense-attorney-role');
    expect(role?.notes.filter((n) => n.verdict === 'missed').map((n) => n.nodeId)).toEqual(['d4-courts']);
    expect(role?.missedBelowBest).toBe(1);
  });

  // The guide names the role by placement ("left placement/home without permission", "suitability of
  // placement"), never "group home", and names the CSW as "Children's Social Worker (CSW)… Assigned by DCFS".
  // A person's role label (shown beside the name on every line, and in Who's who) was "group home staff
  // member" in one scenario, "Placement staff member" in two; CSWs and Advocate Supervisors were labelled
  // three ways and two. Dialogue and descriptions may still say "group home".
  it('a role label names the same role the same way in every scenario, in the guide\'s words', () => {
    const roles = BUNDLED_IDS.flatMap((id) => bundledScenario(id).characters.map((c) => ({ ref: `${id}/${c.id}`, role: c.role ?? '' })));
    const staff = roles.filter((r) => /\bstaff\b/i.test(r.role));
    expect(staff.map((r) => r.ref).sort()).toEqual(['couch-rent/boyd', 'court-report/pruitt', 'left-placement-calls/keith', 'testifying/dunn']);
    expect(staff.filter((r) => !/^placement staff member(, |$)/.test(r.role))).toEqual([]);
    expect(roles.filter((r) => /group home/i.test(r.role))).toEqual([]);
    const CSW = "CSW, Children's Social Worker at DCFS";
    expect(roles.filter((r) => /^CSW\b/.test(r.role) && r.role !== CSW)).toEqual([]);
    expect(roles.filter((r) => /^CSW\b/.test(r.role)).length).toBeGreaterThanOrEqual(10);
    expect(roles.filter((r) => /Advocate Supervisor/.test(r.role) && r.role !== 'Advocate Supervisor, CASA of Los Angeles')).toEqual([]);
    // Selene's home is still a group home where people speak of it, and in the staff member's description.
    expect(bundledScenario('testifying').characters.find((c) => c.id === 'dunn')?.description).toBe("A staff member at Selene's group home.");
  });

  // A second reader on the session-40 changes to dual-involvement. d4-explain's lead over d4-unsure rested on
  // doubling Legal Advocacy's "may" (legal-support 2); its feedback cites the firm rule, "CASA must strive to
  // be youth-centered, strengths-based" (CASA Role and Expectations), which now carries the 2 (points as
  // before: +3). d4-unsure's feedback credited Legal Advocacy with "being honest and following up", which
  // it does not say. d4-swap took 5 from trust though Rithy cannot know yet that the answer was wrong: with
  // the best d6 reply trust was 55, Rithy ended the visit early and d7 was skipped. Now no trust change; the
  // swapped flag keeps the strong ending away and tells the story in the mixed one.
  it('dual-involvement d4: the accurate answer leads on the firm principle, not on a "may"; the unsure answer is credited in the guide\'s words; the swap costs no trust and its story is told by its flag', () => {
    const explain = replyOf('dual-involvement', 'd4-explain');
    const weightOn = (id: string) => explain.assessments.find((a) => a.principle === id)?.weight ?? 1;
    expect([weightOn('youth-centered'), weightOn('legal-support')]).toEqual([2, 1]);
    expect(getPrinciple('legal-support')?.optional).toBe(true);
    expect(getPrinciple('youth-centered')?.optional).toBeFalsy();
    expect(feedback('dual-involvement', 'd4-explain')).toMatch(/strengths-based \(CASA Role and Expectations\)/);
    expect(replyValue(explain)).toBe(3);
    const unsure = feedback('dual-involvement', 'd4-unsure');
    expect(unsure).not.toMatch(/honest and following up/i);
    expect(unsure).toContain('Finding out for him, and coming back with the answer, is help with his legal needs a CASA may be able to give (Legal Advocacy)');
    // The swap: no trust change; otherwise best practice, Rithy keeps talking (d7 reached), and the ending is the mixed one that tells the swap.
    expect((replyOf('dual-involvement', 'd4-swap').effects ?? []).filter((e) => e.var === 'trust')).toEqual([]);
    const s = bundledScenario('dual-involvement');
    const path = ['d1-supervisor', 'd2-introduce', 'd3-strengths', 'd4-swap', 'd5-form', 'd6-needs', 'd7-team', 'd8-secondary'];
    expect(nodesOn('dual-involvement', path)).toContain('s6-opens');
    expect(nodesOn('dual-involvement', path)).not.toContain('s6-closed');
    const swapped = playReplies(s, path);
    expect(swapped?.score.percent).toBe(90);
    expect(swapped?.ending?.id).toBe('end-mixed');
    expect(swapped?.ending?.narration).toMatch(/he thought it meant the dependency side, because that is what you had told him/);
    // No playthrough that swapped the courts reaches the strong ending, whose narration has him understand STAR court.
    const strongRoutes = s.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).flatMap((r) => (Array.isArray(r.next) ? r.next : []))
      .filter((route) => route.to === 'end-strong');
    expect(strongRoutes.length).toBeGreaterThan(0);
    for (const route of strongRoutes) expect(route.when).toContainEqual({ var: 'swapped', is: false });
    expect(playReplies(s, path.map((r) => (r === 'd4-swap' ? 'd4-explain' : r)))?.ending?.id).toBe('end-strong');
  });

  // red-flags labelled its defense attorney "defense attorney in the juvenile delinquency case",
  // dual-involvement "defense attorney, a deputy public defender". The guide's row is "Juvenile
  // Justice/Defense Attorney": one label, "defense attorney in the juvenile justice case", in both.
  // The best reply was the longest at trafficker-contact d3-morning (191 against 179 and 129) and red-flags
  // r-testify (188 against 136 and 100). Each is now shorter than a wrong reply beside it, saying the same.
  it('trafficker-contact d3-morning and red-flags r-testify: the best reply is not the longest, and still says all it is credited for', () => {
    for (const [id, node] of [['trafficker-contact', 'd3-morning'], ['red-flags', 'r-testify'], ['trafficker-contact', 'd6-parking']] as const) {
      const n = bundledScenario(id).nodes.find((x) => x.id === node);
      const replies = n?.kind === 'decision' ? n.replies : [];
      const top = Math.max(...replies.map((r) => replyValue(r)));
      const best = replies.filter((r) => replyValue(r) === top);
      expect(best.length, `${id}/${node}`).toBe(1);
      const longestWrong = Math.max(...replies.filter((r) => replyValue(r) < top).map((r) => r.text.length));
      expect(best[0]!.text.length, `${id}/${node}`).toBeLessThan(longestWrong);
    }
    // What d3-morning-facts says: the facts, everything sent, its own part, Dana (said, not scored since reader-43:
    // Ms. Okafor asked, and the supervisor's chance is the first text; test/scenarios/second-reader-43.test.ts), Mr. Haddad.
    // Said on every path to it: after the screenshots were emailed on Sunday (Ms. Okafor and Dana have
    // them) as after none were, "I'll send you all of it … I'm telling Dana too" was untrue on the first.
    expect(replyText('trafficker-contact', 'd3-morning-facts')).toMatch(/^Sunday, 9:40, a 909 number signed ‘Tasha’ asked where Imani is staying\. You'll have all of it, and anything I wrote back, and so will Dana\. Should Mr\. Haddad know\?$/);
    // r-testify-team: there if she wants, the date confirmed with her CSW and dependency attorney, her transport asked about, them kept posted.
    expect(replyText('red-flags', 'r-testify-team')).toMatch(/you'll be there if she wants you\. Then confirm the date with Mr\. Ramirez and Ms\. Brooks, ask how she's getting there, and keep them posted\./);
    expect(replyText('red-flags', 'r-testify-solo')).toContain('keep it between the two of you');
  });

  // Five more where the best reply was far the longest (best against the longest other): court-report
  // d-status-confirmed (191 against 153), couch-rent d8-report (159 against 113), before-relapse
  // d8-step-down (110 against 79), saturday-shoots d7-saturday (165 against 137) and d4-secret (137
  // against 115). Each best reply is now shorter, and a wrong reply beside it as full, saying the same.
  // At court-report d-status-confirmed the labelling reply now says all the best one does, but for "a CSEC
  // victim"; the best is the shortest there, so d-health's best (87) is no longer the shortest: the STI reply is 86.
  it('five more decisions where the best reply was far the longest: it is not now, and it still says all it is credited for', () => {
    const places = [['court-report', 'd-status-confirmed'], ['couch-rent', 'd8-report'], ['before-relapse', 'd8-step-down'], ['saturday-shoots', 'd7-saturday'], ['saturday-shoots', 'd4-secret']] as const;
    for (const [id, node] of places) {
      const n = bundledScenario(id).nodes.find((x) => x.id === node);
      const replies = n?.kind === 'decision' ? n.replies : [];
      const top = Math.max(...replies.map((r) => replyValue(r)));
      const best = replies.filter((r) => replyValue(r) === top);
      expect(best.length, `${id}/${node}`).toBe(1);
      const lengths = replies.filter((r) => replyValue(r) < top).map((r) => r.text.length);
      expect(best[0]!.text.length, `${id}/${node}: ${best[0]!.id} is the longest`).toBeLessThan(Math.max(...lengths));
      // Not pushed to the other tell: where it is the shortest (court-report, whose share of second-longest
      // and shortest best replies is at its bounds), it is not a fifth or more shorter than the next-shortest.
      expect(best[0]!.text.length / Math.min(...lengths), `${id}/${node}: ${best[0]!.id} against the next-shortest`).toBeGreaterThanOrEqual(0.8);
    }
    // What each is credited for. d-status-confirmed-factual: the source, the guide's term spelled out, the two CSWs, nothing more.
    expect(replyText('court-report', 'd-status-confirmed-factual')).toMatch(/^Per DCFS, .*CSEC \(commercial sexual exploitation of children\) unit.*Mr\. Tran.*Ms\. Alvarez\. Lupe has met with both\.$/);
    // d8-strengths: the hard fact in the guide's words, what Arev did, a placement review, reviewed with Naomi.
    expect(replyText('couch-rent', 'd8-strengths')).toMatch(/left placement without permission three times, came back each time and passes every class\. Recommend a placement review; .* Naomi\./);
    // d8-ongoing: her progress, support kept going, setbacks expected, Rina asked.
    expect(replyText('before-relapse', 'd8-ongoing')).toMatch(/done so well.*keep her support going.*setbacks happen.*ask Rina what she/);
    // d7-plan: the loss named, a plan she decides, shared with her CSW. (Since content2-47 it no longer lists "who
    // you'd call, what you'd do": that phrase was said by best replies only, in three scenarios; content2-47.test.ts.)
    // (Since diffread-47 the loss is "Losing all of them would be hard": "That's a lot to lose" shared "That's a lot to" with
    // the-list d3-carry, best replies only; diffread-47.test.ts.)
    expect(replyText('saturday-shoots', 'd7-plan')).toMatch(/Losing all of them would be hard\. Should we make a plan for tomorrow, in case it feels off\? You decide what's in it; we share it with Mr\. Dawson\./);
    // d4-honest: thanks, her safety first, the supervisor, and she is told (no longer "I can't keep this to myself",
    // which only best replies said; d4-dawson says "I can't keep this from Mr. Dawson").
    expect(replyText('saturday-shoots', 'd4-honest')).toMatch(/glad you told me\. Your safety matters most to me, so I'm bringing this to my supervisor, and I'll let you know how it goes\./);
  });

  it('the defense attorney has one role label in every scenario, in the guide\'s words', () => {
    const roles = BUNDLED_IDS.flatMap((id) => bundledScenario(id).characters.map((c) => ({ ref: `${id}/${c.id}`, role: c.role ?? '' })));
    const defense = roles.filter((r) => /defen[cs]e attorney|public defender/i.test(r.role));
    expect(defense.map((r) => r.ref).sort()).toEqual(['dual-involvement/adeyemi', 'red-flags/okoye']);
    expect([...new Set(defense.map((r) => r.role))]).toEqual(['defense attorney in the juvenile justice case']);
    expect(bundledScenario('dual-involvement').characters.find((c) => c.id === 'adeyemi')?.description).toMatch(/a deputy public defender/);
  });

  // The guide's own term is "youth-centered" (CASA Role and Expectations: "youth-centered,
  // strengths-based, and culturally sensitive"); the principle's title and the feedback spelt it
  // "youth-centred" beside the guide's quotation in the debrief. The project's own words keep their
  // spelling; the guide's terms keep the guide's.
  it('the guide\'s term "youth-centered" is spelt as the guide spells it, in every scenario, the principles and the docs', () => {
    const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
    expect(read('scenarios/guide/csec-in-service-guide.txt')).toContain('youth-centered, strengths-based');
    const texts = [...BUNDLED_IDS.map((id) => [id, read(`scenarios/${id}.json`)]), ['principles', read('scenarios/guide/principles.json')], ['authoring', read('docs/authoring.md')]];
    expect(texts.filter(([, t]) => /youth-centred/i.test(t!)).map(([id]) => id)).toEqual([]);
    expect(getPrinciple('youth-centered')?.title).toMatch(/^Youth-centered/);
  });

  // The last text, from "a new unknown number with a 626 area code", was Tasha's: both apps said
  // "Unknown number (texter who signs as Imani's cousin)" for a sender who signs as no one and whom
  // the story does not say is the same person.
  it('trafficker-contact: the 626 number that signs as no one is not "Tasha", the texter who signs as Imani\'s cousin', () => {
    const scenario = bundledScenario('trafficker-contact');
    const node = scenario.nodes.find((n) => n.id === 's-weeks-later');
    expect(node?.narration).toMatch(/a new unknown number with a 626 area code/);
    const who = scenario.characters.find((c) => c.id === node?.lines?.[0]?.character);
    expect(who?.id).not.toBe('tasha');
    expect(`${who?.name} ${who?.role}`).not.toMatch(/Tasha|cousin/);
  });
});

