import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditData, formatAudit } from '../../src/machines/audit/index.js';
import { branchingDecisions, houseRuleFailures, NEVER_STRONG, routesOnTrust } from '../../src/machines/audit/house-rules.js';
import { scenarioPlaces, validateScenario } from '../../src/machines/validate/index.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { runInProcess as run, ROOT } from './helpers/cli.js';
import { AUDIT_HELP } from '../../src/terminal/commands.js';

// A trainer wrote a scenario from docs/authoring.md, whose section 2 says to check it with the audit
// before adding it to the bundled set: the audit passed and validate --strict was clean, while the
// bundled set's own tests failed it on seven house rules. Trimmed of nothing: the trainer's file,
// its "$schema" pointed at the project's schema.
const FILE = join(ROOT, 'test/fixtures/house-rules/tashas-news.json');
const TEXT = readFileSync(FILE, 'utf8');
const scenario = () => validateScenario(TEXT, 'tashas-news.json').scenario as Scenario;

/** "file:line:column" of the object whose "id" is `id` (its opening brace, the line above). */
function placeOf(id: string): string {
  const lines = TEXT.split('\n');
  const idLine = lines.findIndex((l) => l.trim().startsWith(`"id": "${id}"`));
  expect(idLine).toBeGreaterThan(0);
  return `${FILE}:${idLine}:${(lines[idLine - 1] ?? '').indexOf('{') + 1}`;
}

/** "file:line:column" of the "next" value of reply `replyId` (its first line after the reply's id). */
function nextOf(replyId: string): string {
  const lines = TEXT.split('\n');
  const at = lines.findIndex((l) => l.trim().startsWith(`"id": "${replyId}"`));
  const next = lines.findIndex((l, i) => i > at && l.trim().startsWith('"next":'));
  const line = lines[next] ?? '';
  return `${FILE}:${next + 1}:${line.indexOf(':') + 3}`;
}

/** The audit of the trainer's file, run once for the tests that read its words. */
let audited: ReturnType<typeof run> | undefined;
const audit = () => (audited ??= run('audit', FILE));

/** Checks the audit of the trainer's file says these lines, one after another. */
async function expectAuditSays(lines: readonly string[]): Promise<string> {
  const r = await audit();
  expect(r.out).toContain(lines.join('\n'));
  return r.out;
}

/**
 * The lines of a failure about where a playthrough ends: what, the ending, the "next" (of `reply` at
 * `node`) that sends the playthrough there, its replies and the fix.
 */
const endingFailure = (what: string, ending: string, kind: string, [node, reply]: [string, string], replies: string, fix: string, also: readonly string[] = []) => [
  `  - tashas-news: ${what}:`,
  `      ${placeOf(ending)} ${ending} (the ${kind} ending)`,
  `      ${nextOf(reply)} ${node}, reply ${reply}: its "next" sends that playthrough there`,
  `      its replies: ${replies}`,
  ...also,
  `    fix: ${fix}`,
];

describe('casa-practice audit checks the house rules it can (docs/authoring.md section 10)', () => {
  it.each([
    {
      name: 'fails the trainer\'s file: hinting at an undisclosed pregnancy in the court report (d3-hint, 86%) ends strong',
      what: 'a playthrough that breaks report-no-undisclosed-pregnancy scores 86% and reaches a strong ending; no playthrough that does what the guide rules out may end strong (Court Report, what not to disclose: Do not put a youth\'s pregnancy in a court report if the youth has not disclosed it to their CSW.)',
      ending: 'end-strong', kind: 'strong', at: ['d6-after', 'd6-ellen'] as [string, string],
      replies: 'd1-thanks, d2-her-news, d3-hint, d4-funds, d5-plan, d6-ellen',
      fix: 'At that "next", send a playthrough that broke report-no-undisclosed-pregnancy elsewhere first: a route { "when": { "conduct": "violations", "principle": "report-no-undisclosed-pregnancy", "gt": 0 }, "to": "<a mixed or harmful ending>" } before the one to the strong ending. This playthrough scores 86%, in the Strong band, so give that ending, too, a variant told to it that names the step that cost it ({ "when": { "conduct": "violations", "principle": "report-no-undisclosed-pregnancy", "gt": 0 }, "narration": "…" }): on the ending\'s own narration the Strong band\'s check fails it.',
    },
    {
      name: 'fails it on a Strong-band playthrough (81%, no critical violation) that ends on a mixed ending\'s own narration',
      what: 'a playthrough scoring 81% with no critical violation (the Strong band: the debrief says Strong) ends on end-mixed\'s own narration (a mixed ending), which does not say why it did not end strong (2 such playthroughs, all named below)',
      also: ['      another: 86% on end-mixed\'s own narration, its replies: d1-thanks, d2-her-news, d3-strengths, d4-funds, d5-plan, d6-csw-tonight'],
      ending: 'end-mixed', kind: 'mixed', at: ['d6-after', 'd6-push'] as [string, string],
      replies: 'd1-thanks, d2-her-news, d3-strengths, d4-funds, d5-plan, d6-push',
      fix: 'Give end-mixed a variant told to that playthrough that names the step that cost it ({ "when": { "conduct": "violations", "principle": "self-care", "gt": 0 }, "narration": "…" }), or at that "next" send a playthrough of 80% or more with no critical violation to the strong ending. A variant counts only if its "when" reads the playthrough\'s conduct or a variable a reply changes: a "when" that holds for every playthrough reaching the ending, or reads nothing the volunteer did, does not count (whether its words say why is yours to check).',
    },
  ].map((c) => [c.name, c] as const))('%s', async (_, c) => {
    expect((await audit()).code).toBe(1);
    await expectAuditSays(endingFailure(c.what, c.ending, c.kind, c.at, c.replies, c.fix, 'also' in c ? c.also : []));
  });

  it('names up to 3 Strong-band playthroughs on a worse ending\'s narration, each with its replies and ending, then counts the rest (text and --json)', () => {
    // d6-ellen, the best last reply, now always ends mixed: many Strong-band playthroughs end there.
    const s = structuredClone(scenario());
    const d6 = s.nodes.find((n) => n.id === 'd6-after');
    if (d6?.kind !== 'decision') throw new Error('no d6-after');
    for (const r of d6.replies) if (r.id === 'd6-ellen') r.next = 'end-mixed';
    const failure = auditData([s], ['x.json']).scenarios[0]?.failures.find((f) => f.check === 'strong-band-unexplained');
    const count = failure?.playthroughCount ?? 0;
    expect(count).toBeGreaterThan(3);
    expect(failure?.playthroughs).toHaveLength(3);
    expect(failure?.playthroughs?.[0]).toEqual({ replies: failure?.replies, percent: expect.any(Number), ending: 'end-mixed', told: null });
    expect(failure?.message).toContain(`(${count} such playthroughs, the first 3 named below)`);
    const text = formatAudit([s]).text;
    const [, second, third] = failure?.playthroughs ?? [];
    expect(text).toContain([
      `      another: ${second?.percent}% on end-mixed's own narration, its replies: ${second?.replies.join(', ')}`,
      `      another: ${third?.percent}% on end-mixed's own narration, its replies: ${third?.replies.join(', ')}`,
      `      and ${count - 3} more such playthroughs`,
      '    fix: Give end-mixed a variant',
    ].join('\n'));
  });

  it('says of each playthrough it names whether it got the ending\'s own narration or a variant that does not count, and why not (text and --json)', () => {
    // d6-ellen always ends mixed; d5-block leads through a scene that sets "blocked", and end-mixed
    // tells a variant when "blocked" holds: a flag no reply sets, so the variant reads nothing the
    // volunteer did. A playthrough through d5-block gets that variant, one through d5-plan the narration.
    const s = structuredClone(scenario());
    s.variables = [...(s.variables ?? []), { id: 'blocked', label: 'blocked', type: 'flag', start: false }];
    s.nodes.push({ id: 's5-blocked', kind: 'scene', narration: 'Tasha blocks his number.', effects: [{ var: 'blocked', set: true }], next: 'd6-after' });
    for (const n of s.nodes) {
      if (n.kind !== 'decision') continue;
      for (const r of n.replies) {
        if (r.id === 'd6-ellen') r.next = 'end-mixed';
        if (r.id === 'd5-block') r.next = 's5-blocked';
      }
    }
    const mixed = s.nodes.find((n) => n.id === 'end-mixed');
    if (mixed?.kind !== 'ending') throw new Error('no end-mixed');
    mixed.variants = [{ when: { var: 'blocked', is: true }, narration: 'Her phone stays quiet.' }];
    const failure = auditData([s], ['x.json']).scenarios[0]?.failures.find((f) => f.check === 'strong-band-unexplained');
    const rows = failure?.playthroughs ?? [];
    expect(rows).toHaveLength(3);
    for (const p of rows) expect(p.told, p.replies.join(' ')).toEqual(p.replies.includes('d5-block') ? { variant: 0, why: 'reads-nothing' } : null);
    // Both kinds among the rows after the first, each said in words.
    const others = rows.slice(1);
    expect(others.some((p) => p.told === null) && others.some((p) => p.told !== null)).toBe(true);
    const text = formatAudit([s]).text;
    for (const p of others) {
      const told = p.told === null ? 'end-mixed\'s own narration' : 'end-mixed\'s variant 1 (its "when" reads neither the playthrough\'s conduct nor a variable a reply changes)';
      expect(text).toContain(`      another: ${p.percent}% on ${told}, its replies: ${p.replies.join(', ')}\n`);
    }
  });

  it('says "holds for every playthrough that reaches it" of a row told a variant that always holds', () => {
    const s = structuredClone(scenario());
    for (const n of s.nodes) if (n.kind === 'decision') for (const r of n.replies) if (r.id === 'd6-ellen') r.next = 'end-mixed';
    const mixed = s.nodes.find((n) => n.id === 'end-mixed');
    if (mixed?.kind !== 'ending') throw new Error('no end-mixed');
    mixed.variants = [{ when: { var: 'trust', gte: 0 }, narration: 'Tasha still answers your texts.' }];
    const failure = auditData([s], ['x.json']).scenarios[0]?.failures.find((f) => f.check === 'strong-band-unexplained');
    const [, second] = failure?.playthroughs ?? [];
    expect(second?.told).toEqual({ variant: 0, why: 'always' });
    expect(formatAudit([s]).text).toContain(`      another: ${second?.percent}% on end-mixed's variant 1 (its "when" holds for every playthrough that reaches it), its replies: ${second?.replies.join(', ')}\n`);
  });

  it('fails it on the structural house rules: 5 decisions on one playthrough, poor replies with no consequence, the state steering once', async () => {
    const out = await expectAuditSays([
      '  - tashas-news: a playthrough can meet only 5 decisions (d1-news, d2-promise, d3-report, d4-recommend, d5-texts); every playthrough meets at least 6:',
      `      ${placeOf('end-harmful')} end-harmful (the ending of that route)`,
      `      ${nextOf('d5-text-him')} d5-texts, reply d5-text-him: its "next" leads there (the last step of that route)`,
      '    fix: On that route (d1-news → s1-open → d2-promise → s2-report → d3-report → d4-recommend → s4-visit → d5-texts → end-harmful), lead through 1 more decision before the ending, so that no playthrough meets fewer than 6.',
      '  - tashas-news: 3 replies scoring below zero change no variable that a condition after them reads (a route\'s, a later reply\'s or an ending variant\'s "when" on some way on from the reply\'s "next"), nor leave one otherwise than the best reply does, and lead where the best reply does: the story goes on as if the best reply had been chosen:',
      // Its trust is read by d1-news's routes only, before it: the story never shows the change.
      `      ${placeOf('d2-promise-yes')} d2-promise, reply d2-promise-yes: it changes trust, which no condition after it reads (trust is read only before it, or on ways it does not lead to)`,
      `      ${placeOf('d3-pregnant')} d3-report, reply d3-pregnant`,
      `      ${placeOf('d4-parenting')} d4-recommend, reply d4-parenting`,
      '    fix: Give each a consequence the story can show: an "effects" entry that changes a variable a later condition reads (e.g. { "var": "trust", "add": -10 }, with a route, reply or ending variant some way on from the reply\'s "next" whose "when" tests trust: the story cannot show a change no condition after it reads, and a condition met only before the reply, or on a way it does not lead to, never sees the change), or a "next" that leads elsewhere than the best reply\'s.',
      '  - tashas-news: the story\'s state (a variable, or the replies so far) decides which decision (or ending) comes next at 1 place (d6-after); the story\'s state should do so in at least 2:',
      `      ${placeOf('d6-after')} d6-after: the story's state decides what comes next here`,
    ]);
    expect(out).not.toContain('Audit passed');
  });

  it('--json gives each failure as data: its check, places with file, line and column, the playthrough\'s replies and the fix', async () => {
    const r = await run('audit', '--json', FILE);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { ok: boolean; scenarios: { failures: { check: string; message: string; places: { file?: string; line?: number; column?: number }[]; replies?: string[]; route?: string[]; fix?: string }[] }[] };
    expect(report.ok).toBe(false);
    const failures = report.scenarios[0]?.failures ?? [];
    expect(failures.map((f) => f.check)).toEqual(['strong-after-ruled-out', 'strong-band-unexplained', 'few-decisions', 'reply-without-consequence', 'state-steers-too-little']);
    for (const f of failures) {
      expect(f.places.length, f.check).toBeGreaterThan(0);
      for (const p of f.places) expect(`${p.file}:${p.line}:${p.column}`, f.check).toMatch(/tashas-news\.json:\d+:\d+$/);
      expect(f.fix, f.check).toBeTruthy();
    }
    expect(failures[0]?.replies).toEqual(['d1-thanks', 'd2-her-news', 'd3-hint', 'd4-funds', 'd5-plan', 'd6-ellen']);
    expect(failures[2]?.route?.at(-1)).toBe('end-harmful');
    // The last node on that route is a decision: the place is its reply's "next", as the ending checks give it.
    expect(failures[2]?.places[1]).toMatchObject({ path: ['nodes', 8, 'replies', 0, 'next'], what: 'd5-texts, reply d5-text-him: its "next" leads there (the last step of that route)' });
  });

  describe('a poor reply\'s consequence counts only if the story can show it: a condition after it reads the variable it changes', () => {
    /** The trainer's file with d3-pregnant and d4-parenting changing `variable` by `add` (declared, if new, from 0 to 10). */
    const withEffects = (variable: string, add: number) => {
      const s = structuredClone(scenario());
      if (!s.variables?.some((v) => v.id === variable)) s.variables = [...(s.variables ?? []), { id: variable, label: variable, min: 0, max: 10, start: 0 }];
      for (const n of s.nodes) if (n.kind === 'decision') for (const r of n.replies) if (r.id === 'd3-pregnant' || r.id === 'd4-parenting') r.effects = [{ var: variable, add }];
      return s;
    };
    const idle = (s: Scenario) => houseRuleFailures(s, { explored: false, limit: 0 }).find((f) => f.check === 'reply-without-consequence');
    /** d2-promise-yes, as the trainer wrote it: its trust (+5) is read only by d1-news's routes, before it. */
    const promise = 'd2-promise, reply d2-promise-yes: it changes trust, which no condition after it reads (trust is read only before it, or on ways it does not lead to)';

    it('fails a reply whose only effect changes a variable no condition reads (a new "worry", /tmp/author2-42/p2-unread.json), naming it in the place, the message and the fix', () => {
      const f = idle(withEffects('worry', 1));
      expect(f?.places.map((p) => p.what)).toEqual([
        promise,
        'd3-report, reply d3-pregnant: it changes worry, which no condition reads',
        'd4-recommend, reply d4-parenting: it changes worry, which no condition reads',
      ]);
      expect(f?.message).toBe('3 replies scoring below zero change no variable that a condition after them reads (a route\'s, a later reply\'s or an ending variant\'s "when" on some way on from the reply\'s "next"), nor leave one otherwise than the best reply does, and lead where the best reply does: the story goes on as if the best reply had been chosen');
      expect(f?.fix).toMatch(/^Give each a consequence the story can show: an "effects" entry that changes a variable a later condition reads/);
    });

    it('fails a reply whose variable only conditions before it read (trust: d1-news\'s routes), though some condition in the file reads it', () => {
      const f = idle(withEffects('trust', -10));
      expect(f?.places.map((p) => p.what)).toEqual([
        promise,
        'd3-report, reply d3-pregnant: it changes trust, which no condition after it reads (trust is read only before it, or on ways it does not lead to)',
        'd4-recommend, reply d4-parenting: it changes trust, which no condition after it reads (trust is read only before it, or on ways it does not lead to)',
      ]);
      expect(f?.message).toBe('3 replies scoring below zero change no variable that a condition after them reads (a route\'s, a later reply\'s or an ending variant\'s "when" on some way on from the reply\'s "next"), nor leave one otherwise than the best reply does, and lead where the best reply does: the story goes on as if the best reply had been chosen');
      expect(f?.fix).toContain('a condition met only before the reply, or on a way it does not lead to, never sees the change');
    });

    it('passes them once a condition after them reads it: an ending variant on their way on, or a later reply\'s "when"', () => {
      const s = withEffects('trust', -10);
      const ending = s.nodes.find((n) => n.id === 'end-mixed');
      if (ending?.kind !== 'ending') throw new Error('no end-mixed');
      ending.variants = [{ when: { var: 'trust', lt: 50 }, narration: 'Tasha tells you less than she did.' }];
      // d2-promise-yes's trust is then read after it too.
      expect(idle(s)).toBeUndefined();
      const later = withEffects('trust', -10);
      const d5 = later.nodes.find((n) => n.id === 'd5-texts');
      if (d5?.kind !== 'decision') throw new Error('no d5-texts');
      const feel = d5.replies.find((r) => r.id === 'd5-feel');
      if (!feel) throw new Error('no d5-feel');
      feel.when = { var: 'trust', gte: 40 };
      expect(idle(later)).toBeUndefined();
    });

    it('passes them once a condition reads it: an ending variant whose "when" tests worry', () => {
      const s = withEffects('worry', 1);
      const ending = s.nodes.find((n) => n.id === 'end-mixed');
      if (ending?.kind !== 'ending') throw new Error('no end-mixed');
      ending.variants = [{ when: { var: 'worry', gte: 1 }, narration: 'Tasha tells you less than she did.' }];
      expect(idle(s)?.places.map((p) => p.what)).toEqual([promise]);
    });
    // author-46: a trainer followed section 4's flag (set by the best reply, tested later) and was
    // told the poor replies beside it "go on as if the best reply had been chosen": they leave the flag
    // unset, so the route that tests it cannot take them where it takes the best.
    it('passes a poor reply that leaves unset a flag the best reply beside it sets and a condition after reads', () => {
      const s = structuredClone(scenario());
      s.variables = [...(s.variables ?? []), { id: 'kept-to-strengths', label: 'Your report kept to strengths', type: 'flag', start: false }];
      const reply = (id: string) => {
        for (const n of s.nodes) if (n.kind === 'decision') for (const r of n.replies) if (r.id === id) return r;
        throw new Error(`no ${id}`);
      };
      reply('d3-strengths').effects = [{ var: 'kept-to-strengths', set: true }];
      const ellen = reply('d6-ellen');
      if (!Array.isArray(ellen.next) || !ellen.next[0]) throw new Error('d6-ellen has no routes');
      ellen.next[0].when = [...[ellen.next[0].when ?? []].flat(), { var: 'kept-to-strengths', is: true }];
      const places = () => idle(s)?.places.map((p) => p.what);
      expect(places()).toEqual([promise, 'd4-recommend, reply d4-parenting']);
      // A flag no condition after reads tells them apart no more: read only before d3-report (by d2-promise-yes's "when").
      ellen.next[0].when = [{ conduct: 'critical', eq: 0 }, { conduct: 'score', gte: 80 }];
      reply('d2-promise-yes').when = { var: 'kept-to-strengths', is: false };
      expect(places()).toEqual([promise, 'd3-report, reply d3-pregnant', 'd4-recommend, reply d4-parenting']);
    });
  });

  // author-46: a trainer left out "weight": 3 on a prohibited act (the default is 1). Section 4 says
  // a prohibited activity weighs 3, and the bundled set's tests hold every file to it; the audit,
  // which checks the house rules it can, passed it.
  it('fails a violation of a critical principle weighted below 3, naming the reply and the principle, at its assessment', () => {
    const s = structuredClone(scenario());
    const search = s.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((r) => r.id === 'd6-search');
    if (!search?.assessments[0]) throw new Error('no d6-search');
    delete search.assessments[0].weight;
    const f = houseRuleFailures(s, { explored: false, limit: 0 }).find((x) => x.check === 'critical-weight');
    expect(f?.message).toBe('1 reply violates a critical principle (a Prohibited Activity in the guide) with a weight below 3; every such violation weighs 3');
    expect(f?.places).toEqual([{ path: ['nodes', 9, 'replies', 0, 'assessments', 0], what: 'd6-after, reply d6-search: violates no-investigating with weight 1' }]);
    expect(f?.fix).toBe('Give each of these assessments "weight": 3: a prohibited act is the very worst move a reply can make.');
    expect(houseRuleFailures(scenario(), { explored: false, limit: 0 }).map((x) => x.check)).not.toContain('critical-weight');
  });

  // author-46: a trainer's draft with a strong and a mixed ending (no harmful one) passed the audit;
  // the bundled set's tests (requirements.test) hold every file to all three.
  it('fails a scenario without one of the three kinds of ending, naming the kind missing and the endings it has', () => {
    const s = structuredClone(scenario());
    const harmful = s.nodes.findIndex((n) => n.id === 'end-harmful');
    for (const n of s.nodes) if (n.kind === 'decision') for (const r of n.replies) if (r.next === 'end-harmful') r.next = 'end-mixed';
    s.nodes.splice(harmful, 1);
    const f = houseRuleFailures(s, { explored: false, limit: 0 }).find((x) => x.check === 'ending-kinds');
    expect(f?.message).toBe('the scenario has no harmful ending; every scenario has a strong, a mixed and a harmful ending');
    expect(f?.places.map((p) => p.what)).toEqual(['end-strong (the strong ending)', 'end-mixed (the mixed ending)']);
    expect(f?.fix).toBe('Add a harmful ending ({ "id": "end-harmful", "kind": "ending", "ending": "harmful", "title": "…", "narration": "…" }) and lead the worst replies to it: the worst path ends harmful.');
    expect(houseRuleFailures(scenario(), { explored: false, limit: 0 }).map((x) => x.check)).not.toContain('ending-kinds');
  });

  // preview-46: two house rules only the bundled set's tests checked (requirements.test), cheap to
  // check on any file: the audit passed a draft whose replies all led the same way but at one decision.
  it('fails a scenario where fewer than 2 decisions have replies that lead to different next nodes, naming those that do', () => {
    const s = structuredClone(scenario());
    for (const n of s.nodes) if (n.kind === 'decision' && n.id !== 'd1-news') for (const r of n.replies) r.next = n.replies[0]!.next;
    expect(branchingDecisions(s)).toEqual(['d1-news']);
    const f = houseRuleFailures(s, { explored: false, limit: 0 }).find((x) => x.check === 'few-branching-decisions');
    expect(f?.message).toBe('1 decision has replies that lead to different next nodes (d1-news); at least 2 decisions\' replies lead to different next nodes');
    expect(f?.places).toEqual([{ path: ['nodes', 0], what: 'd1-news: its replies lead to different next nodes' }]);
    expect(f?.fix).toBe('At another decision, let a reply lead elsewhere than the others: its "next" to a scene or decision of its own (for a poor reply, one that shows what it cost), so that the choice there changes the way on.');
    // As the audit prints it, with the place in the file (the node's index is unchanged).
    const text = formatAudit([s], [], [], [scenarioPlaces(TEXT, FILE)]).text;
    expect(text).toContain(`  - tashas-news: 1 decision has replies that lead to different next nodes (d1-news); at least 2 decisions' replies lead to different next nodes:\n      ${placeOf('d1-news')} d1-news: its replies lead to different next nodes\n    fix: At another decision`);
    expect(houseRuleFailures(scenario(), { explored: false, limit: 0 }).map((x) => x.check)).not.toContain('few-branching-decisions');
  });

  it('fails a scenario without a "trust" variable shown as a meter, or without a route that tests trust, saying which and what to add', () => {
    const trustFailure = (s: Scenario) => houseRuleFailures(s, { explored: false, limit: 0 }).find((x) => x.check === 'trust-meter');
    expect(trustFailure(scenario())).toBeUndefined();
    const hidden = structuredClone(scenario());
    delete (hidden.variables![0] as { shown?: boolean }).shown;
    expect(trustFailure(hidden)).toEqual({
      check: 'trust-meter',
      message: 'the scenario has a "trust" variable without "shown": true; every scenario has a "trust" variable shown as a meter ("shown": true) and at least one route whose condition tests it',
      places: [{ path: ['variables', 0], what: 'trust: not shown' }],
      fix: 'Give the "trust" variable "shown": true, so that the volunteer sees the meter.',
    });
    // No route reads it: the routes on trust of d1-news's replies taken out (each keeps its last, fallback route).
    const unread = structuredClone(scenario());
    for (const n of unread.nodes) if (n.kind === 'decision') for (const r of n.replies) if (Array.isArray(r.next)) r.next = r.next.filter((x) => !JSON.stringify(x.when ?? null).includes('"var":"trust"'));
    expect(routesOnTrust(unread)).toEqual([]);
    expect(trustFailure(unread)?.message).toBe('the scenario has no route whose condition tests trust; every scenario has a "trust" variable shown as a meter ("shown": true) and at least one route whose condition tests it');
    expect(trustFailure(unread)?.fix).toBe('At a scene or reply, let trust choose the way on: a "next" such as [{ "when": { "var": "trust", "gte": 60 }, "to": "<a scene>" }, { "to": "<another scene>" }].');
    const none = structuredClone(unread);
    delete none.variables;
    expect(trustFailure(none)?.message).toMatch(/^the scenario has no "trust" variable and no route whose condition tests trust;/);
    expect(trustFailure(none)?.places).toEqual([]);
    expect(trustFailure(none)?.fix).toMatch(/^Add \{ "id": "trust", "label": "…'s trust", "min": 0, "max": 100, "start": 50, "shown": true \} to "variables"/);
    expect(auditData([none], ['x.json']).scenarios[0]?.failures.map((f) => f.check)).toContain('trust-meter');
  });

  it('fails a decision of fewer than 3 replies, naming it', () => {
    const s = structuredClone(scenario());
    const d = s.nodes.find((n) => n.id === 'd2-promise');
    if (d?.kind !== 'decision') throw new Error('no d2-promise');
    d.replies = d.replies.slice(1);
    const audit = formatAudit([s]);
    expect(audit.ok).toBe(false);
    expect(audit.text).toContain('  - tashas-news: 1 decision offers fewer than 3 replies; every decision offers at least 3:\n      d2-promise: 2 replies\n    fix: Give each at least 3 replies');
    expect(auditData([s], ['x.json']).scenarios[0]?.failures.map((f) => f.check)).toContain('few-replies');
  });

  it('guarded the way the guide asks, the trainer\'s playthrough no longer ends strong and that failure is gone', () => {
    const s = structuredClone(scenario());
    const d6 = s.nodes.find((n) => n.id === 'd6-after');
    if (d6?.kind !== 'decision') throw new Error('no d6-after');
    for (const r of d6.replies) if (Array.isArray(r.next)) r.next.unshift({ when: { conduct: 'violations', principle: 'report-no-undisclosed-pregnancy', gt: 0 }, to: 'end-mixed' });
    const failures = () => auditData([s], ['x.json']).scenarios[0]?.failures ?? [];
    expect(failures().map((f) => f.check)).not.toContain('strong-after-ruled-out');
    // The route alone leaves the 86% playthrough on end-mixed's own narration, as the fix said it would.
    expect(failures().find((f) => f.check === 'strong-band-unexplained')?.playthroughs?.map((p) => `${p.percent}% ${p.replies.join(' ')}`)).toContain('86% d1-thanks d2-her-news d3-hint d4-funds d5-plan d6-ellen');
    // With the variant the fix names too, that playthrough is told why.
    const mixed = s.nodes.find((n) => n.id === 'end-mixed');
    if (mixed?.kind !== 'ending') throw new Error('no end-mixed');
    mixed.variants = [{ when: { conduct: 'violations', principle: 'report-no-undisclosed-pregnancy', gt: 0 }, narration: 'At the hearing the judge asks about the private health matter in your report.' }];
    expect(failures().find((f) => f.check === 'strong-band-unexplained')?.playthroughs?.map((p) => p.replies.join(' '))).not.toContain('d1-thanks d2-her-news d3-hint d4-funds d5-plan d6-ellen');
  });

  describe('a variant counts as saying why a Strong-band playthrough did not end strong only if its "when" reads what the volunteer did and does not always hold', () => {
    /** The trainer's file guarded as the fix says, end-mixed given the pregnancy variant and then `variant`. */
    const withVariant = (variant: { when: NonNullable<Extract<Scenario['nodes'][number], { kind: 'ending' }>['variants']>[number]['when']; narration: string }, extra?: (s: Scenario) => void) => {
      const s = structuredClone(scenario());
      const d6 = s.nodes.find((n) => n.id === 'd6-after');
      if (d6?.kind !== 'decision') throw new Error('no d6-after');
      for (const r of d6.replies) if (Array.isArray(r.next)) r.next.unshift({ when: { conduct: 'violations', principle: 'report-no-undisclosed-pregnancy', gt: 0 }, to: 'end-mixed' });
      const mixed = s.nodes.find((n) => n.id === 'end-mixed');
      if (mixed?.kind !== 'ending') throw new Error('no end-mixed');
      mixed.variants = [{ when: { conduct: 'violations', principle: 'report-no-undisclosed-pregnancy', gt: 0 }, narration: 'At the hearing the judge asks about the private health matter in your report.' }, variant];
      extra?.(s);
      return auditData([s], ['x.json']).scenarios[0]?.failures.find((f) => f.check === 'strong-band-unexplained');
    };

    it('fails a variant whose "when" holds for every playthrough reaching the ending (trust ≥ 0, /tmp/author2-42/p3-always-variant.json), naming it', () => {
      const f = withVariant({ when: { var: 'trust', gte: 0 }, narration: 'Tasha still answers your texts.' });
      expect(f?.message).toContain('ends on end-mixed\'s variant 2 (a mixed ending), whose "when" holds for every playthrough that reaches it, so it does not say why it did not end strong');
      expect(f?.places.map((p) => p.path)).toContainEqual(['nodes', 11, 'variants', 1, 'when']);
      expect(f?.fix).toContain('a "when" that holds for every playthrough reaching the ending, or reads nothing the volunteer did, does not count');
    });

    it('fails one whose "when" reads neither conduct nor a variable a reply changes (a flag only a scene sets)', () => {
      const f = withVariant({ when: { var: 'closed', is: false }, narration: 'Tasha still answers your texts.' }, (s) => {
        s.variables = [...(s.variables ?? []), { id: 'closed', label: 'closed', type: 'flag', start: false }];
        const scene = s.nodes.find((n) => n.id === 's1-closed');
        if (scene?.kind !== 'scene') throw new Error('no s1-closed');
        scene.effects = [{ var: 'closed', set: true }];
      });
      expect(f?.message).toContain('ends on end-mixed\'s variant 2 (a mixed ending), whose "when" reads neither the playthrough\'s conduct nor a variable a reply changes, so it does not say why it did not end strong');
    });

    it('audit --help, README and docs/authoring.md say what counts, and that whether the words say why is the author\'s to check', () => {
      const help = AUDIT_HELP.replace(/\s+/g, ' ');
      expect(help).toContain('on an ending variant whose "when" reads what the volunteer did (conduct, or a variable a reply changes) and does not hold for every playthrough reaching that ending (whether the variant\'s words say why is the author\'s to check)');
      expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('does not hold for every playthrough reaching that ending (whether its words say why is the author\'s to check)');
      expect(readFileSync(join(ROOT, 'docs/authoring.md'), 'utf8').replace(/\s+/g, ' ')).toContain('whether its words say why, only you can check');
    });

    // The README's audit row lists the house rules audit checks, then says the others only the
    // bundled set's tests check: it left out two that audit checks (few-branching-decisions,
    // trust-meter), so a trainer read that audit would not tell them.
    it('the README\'s audit row names every house rule audit checks, the branching decisions and the trust meter among them', () => {
      const row = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n').find((l) => l.startsWith('| `npx casa-practice audit')) ?? '';
      const checked = row.slice(0, row.indexOf('(the other house rules'));
      expect(checked).toContain('the story\'s state steers in two places or more');
      expect(checked).toContain('at least two decisions whose replies lead to different next nodes');
      expect(checked).toContain('a `trust` variable shown as a meter that a route\'s condition tests');
    });

    it('passes one that reads the step that cost it (self-care broken, as the trainer wrote it)', () => {
      expect(withVariant({ when: { conduct: 'violations', principle: 'self-care', gt: 0 }, narration: 'You carry the visit alone.' })?.playthroughs?.map((p) => p.replies.at(-1)) ?? []).not.toContain('d6-push');
    });
  });

  it('a failure on the house rules says they are the bundled set\'s (docs/authoring.md section 10) and that the file still validates and plays (text and --json)', async () => {
    const example = join(ROOT, 'docs/examples/first-scenario.json');
    const note = 'These are the house rules of the bundled set (docs/authoring.md section 10): the file still validates and plays as it is; a scenario added to scenarios/ must meet them.';
    const text = await run('audit', example);
    expect(text.code).toBe(1);
    expect(text.out.trimEnd().split('\n').at(-1)).toBe(note);
    const json = JSON.parse((await run('audit', '--json', example)).out) as { houseRulesNote?: string | null };
    expect(json.houseRulesNote).toBe(note);
    // Both sections that hand the trainer the example say it fails them on purpose.
    const doc = readFileSync(join(ROOT, 'docs/authoring.md'), 'utf8').replace(/\s+/g, ' ');
    const section = (n: number) => doc.slice(doc.indexOf(`## ${n}. `), doc.indexOf(`## ${n + 1}. `));
    for (const n of [2, 3]) expect(section(n), `section ${n}`).toMatch(/fails the house rules[^.]*on purpose/);
  });

  it('is bounded: past its limit of states the check on playthroughs stops and says it is incomplete', () => {
    const failures = houseRuleFailures(scenario(), { explored: true, limit: 20 });
    expect(failures.find((f) => f.check === 'house-rules-incomplete')?.message).toMatch(/the check stopped at 20 states, so it is incomplete/);
  });

  it('names each principle that never ends strong with the guide\'s reason, under its section\'s heading', () => {
    expect(NEVER_STRONG.map((n) => n.principle)).toEqual(expect.arrayContaining(['no-picking-up', 'not-first-responder', 'report-no-undisclosed-pregnancy', 'no-awol-label', 'people-first-language', 'consult-supervisor-on-suspicion']));
    for (const n of NEVER_STRONG) expect(n.why, n.principle).toMatch(/^(Prohibited Activities|Court Report|Using Appropriate Language|Red Flags)\b.*: \S/);
  });
});
