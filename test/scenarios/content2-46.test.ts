import { describe, expect, it } from 'vitest';
import type { Reply, Scenario } from '../../src/machines/schema/scenario.js';
import { BUNDLED_IDS, bundledScenario } from '../helpers/bundled.js';

// Session content2-46, follow-ups from content-46's review (content-46.test.ts fixed the first of each in
// testifying, left-placement-calls and the-list; these hold every bundled scenario to the same).

const replies = (s: Scenario): Reply[] => s.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []));
const reply = (id: string, replyId: string): Reply => {
  const r = replies(bundledScenario(id)).find((x) => x.id === replyId);
  if (!r) throw new Error(`${id} has no reply ${replyId}`);
  return r;
};
const scored = (r: Reply) => r.assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', ');
/** What the program tells the volunteer or the trainer in its own voice (not what characters say, not replies), with where. */
function told(s: Scenario): { where: string; text: string }[] {
  const out = [{ where: 'summary', text: s.summary }, { where: 'contentNote', text: s.contentNote }];
  for (const n of s.nodes) {
    if ('narration' in n && n.narration) out.push({ where: n.id, text: n.narration });
    if (n.kind === 'ending') for (const v of n.variants ?? []) out.push({ where: n.id, text: v.narration });
    if (n.kind !== 'ending') for (const t of [n.facilitatorNote, n.discussionPrompt]) if (t) out.push({ where: n.id, text: t });
    if (n.kind === 'decision') for (const r of n.replies) out.push({ where: r.id, text: r.feedback });
  }
  return out;
}

// The guide "strongly encourages" self-care and talking challenges through with the Advocate Supervisor
// (Self-Care: "CASAs are strongly encouraged to take care of oneself and discuss challenges with your Advocate
// Supervisor") and saying "left placement/home without permission" for "AWOL" (Using Appropriate Language: "It
// is strongly encouraged that CASAs state…"). couch-rent (d6-weekend, d8-awol, its content note),
// trafficker-contact (d7-supervisor-fine) and whereabouts-unknown (d3-email, d3-updates' note) said it "asks".
describe('session content2-46: what the guide strongly encourages is not told as what it asks, in any scenario', () => {
  const ASKS = [
    /\b(guide|it) (also )?asks (you|CASAs|volunteers|a CASA) to (discuss challenges|take care of|look after|talk (it |them )?through|talk challenges)/i,
    /\b(guide|it) (also )?asks (you|CASAs|volunteers|a CASA) to (say|write|use|state)\b[^.]*\b(without permission|away from (home|placement))/i,
  ];
  it.each(BUNDLED_IDS)('%s', (id) => {
    const said = told(bundledScenario(id)).filter((t) => ASKS.some((re) => re.test(t.text))).map((t) => `${t.where}: ${t.text.slice(0, 90)}`);
    expect(said).toEqual([]);
  });

  it('couch-rent\'s content note and whereabouts-unknown\'s note on the "AWOL" email speak of the word in the guide\'s strength', () => {
    // couch-rent's "term the guide asks volunteers not to use" is "AWOL" (d8-awol); boy-red-flags' and
    // saturday-shoots' is "prostitute", which the guide calls "not appropriate", and they keep "asks".
    expect(bundledScenario('couch-rent').contentNote).not.toMatch(/asks volunteers not to use/);
    expect(bundledScenario('couch-rent').contentNote).toMatch(/a term the guide strongly encourages volunteers to replace/);
    const d3 = bundledScenario('whereabouts-unknown').nodes.find((n) => n.id === 'd3-updates');
    const note = d3?.kind === 'decision' ? d3.facilitatorNote : undefined;
    expect(note).not.toMatch(/guide asks volunteers to avoid/);
    expect(note).toMatch(/strongly encourages/);
  });
});

// Session 41's giveaway report found one frame on the direct CSEC question, always on a wrong reply: a show
// of honesty or care before it ("straight out, because I care"). It was rewritten in four scenarios
// (giveaway-wording.test.ts) and the-list (content-46.test.ts); red-flags still asked "I have to ask you
// straight out: is Junior…", and court-report "Before I finish it I have to ask: is Damian…".
describe('session content2-46: no direct CSEC question is marked by a show of honesty or care', () => {
  const FRAME = /\b(I have to|I need to|I've got to|I must) (ask|be honest)|straight out|to be honest|honest(ly)? with you|because I care|I care about you/i;
  it.each(BUNDLED_IDS)('%s', (id) => {
    const direct = replies(bundledScenario(id)).filter((r) => r.assessments.some((a) => a.principle === 'no-direct-csec-questions' && a.verdict === 'violates'));
    expect(direct.filter((r) => FRAME.test(r.text)).map((r) => `${r.id}: ${r.text}`)).toEqual([]);
  });

  it('red-flags r-boyfriend-direct is still the two direct questions, scored as before, and warm', () => {
    const r = reply('red-flags', 'r-boyfriend-direct');
    expect(r.text).toMatch(/Junior/);
    expect(r.text).toMatch(/for money, Yesi\? Are you being trafficked\?$/);
    expect(r.text.match(/\?/g)).toHaveLength(2);
    expect(r.text).toMatch(/^Junior sounds important to you\./);
    expect(scored(r)).toBe('no-direct-csec-questions violates 2, curious-not-interrogating violates 1');
    expect(r.feedback).toContain('(Red Flags)');
  });

  it('court-report d-visit-ask-boyfriend is still the direct question, tied to the report, scored as before', () => {
    const r = reply('court-report', 'd-visit-ask-boyfriend');
    expect(r.text).toMatch(/^Before I finish it, Lupe: is Damian the one who's making you do things for money\?$/);
    expect(scored(r)).toBe('no-direct-csec-questions violates 2, curious-not-interrogating violates 1');
  });
});

// The guide's Red Flags sentence is "If you suspect CSEC activity on your case, discuss it with your Advocate
// Supervisor to figure out the best next steps." Feedback on waiting put more in its mouth: "not to hold it
// alone and wait" (the-list d4-wait, jae-and-hyung d3-wait), "rather than waiting to see" (boy-red-flags
// d4-wait), "rather than holding it alone" (saturday-shoots d5-wait). The guide sets no deadline
// (docs/authoring.md); why waiting leaves it alone is the project's reasoning, told in its own voice.
// youth-relapses d7-see-if-lasts said the guide asks you to stay accepting "rather than braced for failure",
// citing the section that says relapse "should be anticipated".
describe('session content2-46: feedback does not put words in the guide\'s mouth', () => {
  const WAIT_IN_GUIDE = /\bguide (also )?(asks|says|wants)[^.;()]*\b(wait|waiting|alone|hold(ing)? it)\b[^.;()]*\(Red Flags\)/i;
  it.each(BUNDLED_IDS)('%s: waiting is not said to be in the guide\'s Red Flags sentence', (id) => {
    expect(told(bundledScenario(id)).filter((t) => WAIT_IN_GUIDE.test(t.text)).map((t) => `${t.where}: ${t.text.slice(0, 90)}`)).toEqual([]);
  });

  it.each([
    ['the-list', 'd4-wait'],
    ['jae-and-hyung', 'd3-wait'],
    ['boy-red-flags', 'd4-wait'],
    ['saturday-shoots', 'd5-wait'],
  ])('%s %s still cites the guide\'s step and says, in its own voice, what waiting does', (id, replyId) => {
    const r = reply(id, replyId);
    expect(r.feedback).toMatch(/discuss it with your Advocate Supervisor to figure out the best next steps|discuss a suspicion of CSEC activity with your Advocate Supervisor to figure out the best next steps/);
    expect(r.feedback).toContain('(Red Flags)');
    const after = r.feedback.slice(r.feedback.indexOf('(Red Flags)'));
    expect(after).toMatch(/\b(wait|waiting|alone|sleeping on it|held)\b/i);
    expect(scored(r)).toBe('consult-supervisor-on-suspicion violates 2');
  });

  it('youth-relapses d7-see-if-lasts does not say the guide asks you not to be "braced for failure"', () => {
    const r = reply('youth-relapses', 'd7-see-if-lasts');
    expect(r.feedback).not.toMatch(/braced for failure/);
    expect(r.feedback).toContain('remain a source of support and acceptance (Likelihood of Relapse)');
    expect(r.feedback).toMatch(/should be anticipated/);
    expect(scored(r)).toBe('validate-each-step violates 1, remain-accepting violates 1');
  });
});

// Second reader (diffread-46): the same strength for people-first language. The guide says it "is strongly
// recommended" (Using Appropriate Language: "People-first language is strongly recommended … you can use
// phrasing such as 'a youth experiencing CSEC' rather than referring to a youth as 'a CSEC'"), and
// principles.json's rule, which the debrief quotes, says so; feedback and notes said the guide "asks for" it
// (boy-red-flags d5-words' note, d5-person, d5-grow, d5-csec; saturday-shoots d6-csec; court-report
// d-status-confirmed-label; youth-discloses d5-supervisor's note, d5-a-csec-label), or that it only
// "recommends" it (saturday-shoots d6-word's note, d6-kid). "Not appropriate" ("prostitute") keeps its words.
describe('session content2-46 (second reader): people-first language is told in the guide\'s strength', () => {
  const PEOPLE_FIRST = /people-first|a youth experiencing CSEC/i;
  const TOO_STRONG = /\b(guide|it) (also )?asks\b|\bas the guide asks\b|\band asks for\b/i;
  const TOO_WEAK = /(?<!strongly )\brecommends\b/i;
  it.each(BUNDLED_IDS)('%s', (id) => {
    const said = told(bundledScenario(id))
      .flatMap((t) => t.text.split(/(?<=[.;])\s+/).map((sentence) => ({ where: t.where, sentence })))
      .filter(({ sentence }) => PEOPLE_FIRST.test(sentence) && (TOO_STRONG.test(sentence) || TOO_WEAK.test(sentence)))
      .map(({ where, sentence }) => `${where}: ${sentence}`);
    expect(said).toEqual([]);
  });

  it.each([
    ['boy-red-flags', 'd5-person'],
    ['boy-red-flags', 'd5-grow'],
    ['boy-red-flags', 'd5-csec'],
    ['saturday-shoots', 'd6-csec'],
    ['saturday-shoots', 'd6-kid'],
    ['court-report', 'd-status-confirmed-label'],
    ['youth-discloses', 'd5-a-csec-label'],
  ])('%s %s says "strongly recommends", cites the section, and is scored as before', (id, replyId) => {
    const r = reply(id, replyId);
    expect(r.feedback).toMatch(/strongly recommends people-first|people-first[^.;]*as the guide strongly recommends/);
    expect(r.feedback).toContain('(Using Appropriate Language)');
    expect(r.assessments.some((a) => a.principle === 'people-first-language' || a.principle === 'no-jumping-to-conclusions')).toBe(true);
  });
});
