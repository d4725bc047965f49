import { describe, expect, it } from 'vitest';
import { bandWhy, pathRows, rowText, summaryRows, transcriptRows, workOnRows } from '../../src/terminal/debrief-lines.js';
import { debriefPlain } from '../../src/terminal/debrief-plain.js';
import { sayer } from '../../src/terminal/plain.js';
import { analyseBest, countWords, criticalGroups, exploreScenario, outcomeOf, debriefMarkdown, debriefModel, decisionNumbers, TRANSCRIPT_HEADING, VERDICT_WORDS, type Debrief, type DebriefModel } from '../../src/machines/index.js';
import { bundled, bundledFiles, example, play, keptOnceMissedOnce } from '../machines/core/fixtures.js';
import { criticalPath } from '../helpers/play.js';

/** A hand-made model's best-practice path all in full, as when the paths differ from the first decision. */
const inFull = <S>(bestPath: readonly S[]) => ({ bestPathParts: [{ asAbove: false as const, steps: bestPath.map((s, i) => ({ n: i + 1, ...s })) }], bestPathFollowed: false });

const model = (yours: string, best: string) => ({
  paths: [{ where: 'New things', yours: { reply: yours, value: -2 }, best: { reply: best, value: 3 }, same: false }],
  bestPath: [{ where: 'New things', reply: best, value: 3 }],
  ...inFull([{ where: 'New things', reply: best, value: 3 }]),
}) as unknown as DebriefModel;

describe('the path comparison, side by side', () => {
  it.each([80, 100, 120])('at %i columns keeps a gap between your reply and best practice, however the words wrap', (width) => {
    // Words that fill the left column to its last character on several lines.
    const long = 'Your man? How old is he? Where\'s he getting money for AirPods? Does he even have a job? '.repeat(2);
    for (let cut = 20; cut < long.length; cut += 7) {
      const rows = pathRows(model(long.slice(0, cut), 'Okay, he has taste. How did you two meet?'), width).map(rowText);
      for (const r of rows) {
        const at = r.indexOf('Best:');
        if (at > 0) expect(r.slice(at - 2, at), r).toBe('  ');
        expect([...r].length).toBeLessThanOrEqual(width);
      }
    }
  });
});

describe('the path section of a scenario with ten steps or more', () => {
  const long = 'Your man? How old is he? Where\'s he getting money for AirPods? Does he even have a job?';
  const where = 'Recommendations: what her status opens up for her and her sister';
  const many = {
    paths: Array.from({ length: 11 }, (_, i) => ({ where, yours: { reply: long, value: -2 }, best: { reply: `${long} ${i}`, value: 3 }, same: i % 3 === 0 })),
    bestPath: Array.from({ length: 11 }, () => ({ where, reply: long, value: 3 })),
    ...inFull(Array.from({ length: 11 }, () => ({ where, reply: long, value: 3 }))),
  } as unknown as DebriefModel;

  it.each([60, 100])('at %i columns hangs every row under its step\'s words, after "10." as after "9."', (width) => {
    const rows = pathRows(many, width).map(rowText);
    let column: number | undefined;
    let heads = 0;
    let checked = 0;
    for (const r of rows) {
      const head = /^ ?\d+\. /.exec(r);
      if (head) {
        // The numbers right-aligned: every step's words start in one column.
        expect(head[0].length, r).toBe(4);
        column = head[0].length;
        heads++;
      } else if (r.trim() !== '' && column !== undefined && !r.startsWith('The best-practice path')) {
        expect(r.length - r.trimStart().length, r).toBeGreaterThanOrEqual(column);
        checked++;
      }
      expect([...r].length, r).toBeLessThanOrEqual(width);
    }
    expect(heads).toBe(22);
    expect(checked).toBeGreaterThan(30);
  });

  it('line by line hangs every row of the transcript and the paths under its item\'s words, after "10." as after "9."', () => {
    const debrief = play(example, 'practice', ['phone-accuse', 'after-search']).getSnapshot().output as Debrief;
    const real = debriefModel(example, debrief);
    const eleven = <T>(xs: readonly T[]) => Array.from({ length: 11 }, (_, i) => xs[i % xs.length] as T);
    const text = debriefPlain({ ...real, turns: eleven(real.turns), paths: eleven(real.paths), bestPath: eleven(real.bestPath), ...inFull(eleven(real.bestPath)) }, 60);
    const lines = text.slice(text.indexOf('Transcript:'), text.indexOf('To work on:') >= 0 ? text.indexOf('To work on:') : undefined).split('\n');
    let heads = 0;
    let checked = 0;
    for (const line of lines) {
      const head = /^ +\d+\. /.exec(line);
      if (head) {
        expect(head[0].length, line).toBe(6);
        heads++;
      } else if (line.startsWith(' ')) {
        expect(line.length - line.trimStart().length, line).toBeGreaterThanOrEqual(6);
        checked++;
      }
    }
    expect(heads).toBe(33);
    expect(checked).toBeGreaterThan(30);
  });
});

describe('a reply in the turns tab', () => {
  const turn = (reply: string, said: boolean) => ({ where: 'After the visit', reply, said, value: -3, bestValue: 2, feedback: 'Feedback.', verdicts: [] });
  const turns = (said: boolean, voice: 'you' | 'room' = 'you') => transcriptRows({ turns: [turn('Look Jade up on social media tonight.', said)] } as unknown as DebriefModel, 80, voice).map(rowText).join('\n');

  // The web debrief said "You chose: …", this tab "You: …" and "You do: …" (the live feedback panel's words): one form, choseWords.
  it('is quoted when it is words said, and an action reads "You chose: Do: …" as in the web debrief, never quoted as if it were said', () => {
    expect(turns(true)).toContain('You chose: “Look Jade up on social media tonight.” (−3; best here +2)');
    expect(turns(false)).toContain('You chose: Do: Look Jade up on social media tonight. (−3; best here +2)');
    expect(turns(false)).not.toContain('“');
    expect(turns(true, 'room')).toContain('The room chose: “Look Jade up on social media tonight.”');
    expect(turns(false, 'room')).toContain('The room chose: Do: Look Jade up on social media tonight.');
  });
});

describe('actions in the paths', () => {
  const step = (reply: string, said: boolean, value: number) => ({ reply, said, value });
  const model = {
    paths: [{ where: 'After the visit', yours: step('Look Jade up on social media tonight.', false, -3), best: step('Call your Advocate Supervisor.', false, 2), same: false }],
    bestPath: [{ where: 'The phone', reply: 'Nice phone!', said: true, value: 2 }, { where: 'After the visit', reply: 'Call your Advocate Supervisor.', said: false, value: 2 }],
    ...inFull([{ where: 'The phone', reply: 'Nice phone!', said: true, value: 2 }, { where: 'After the visit', reply: 'Call your Advocate Supervisor.', said: false, value: 2 }]),
  } as unknown as DebriefModel;

  it('read "Do: …" beside best practice and in the best-practice path, in the tab and line by line; words said are quoted in the path from the start', () => {
    for (const width of [60, 100]) {
      const rows = pathRows(model, width).map(rowText).join('\n').replace(/\s+/g, ' ');
      // Side by side at 100 columns, one above the other at 60.
      expect(rows).toContain(width === 60 ? 'You: Do: Look Jade up on social media tonight. (−3)' : 'You: Do: Look Jade');
      expect(rows).toContain('Best: Do: Call your Advocate Supervisor. (+2)');
      expect(rows).toContain('1. The phone: “Nice phone!” (+2)');
      expect(rows).toContain('2. After the visit: Do: Call your Advocate Supervisor. (+2)');
    }
  });

  it('read the same in the line-by-line debrief of a real playthrough', () => {
    const debrief = play(example, 'practice', ['phone-accuse', 'after-search']).getSnapshot().output as Debrief;
    const text = debriefPlain(debriefModel(example, debrief), 200);
    const search = /^ +You: (.*)$/m.exec(text.slice(text.indexOf('Your path beside best practice:')).split('\n').filter((l) => l.includes('You:'))[1] ?? '')?.[1];
    expect(search).toMatch(/^Do: /);
    // The best-practice path in full where it differs from the first decision (no decision taken here).
    const none = debriefPlain(debriefModel(example, { ...debrief, turns: [] }), 200);
    const best = none.slice(none.indexOf('The best-practice path from the start:'));
    expect(best).toMatch(/^ {2}1\. [^:]+: "/m);
    expect(best).toMatch(/^ {2}2\. [^:]+: Do: /m);
  });
});

// The Markdown export headed the table "Your replies beside best practice at the same decision" and
// the line-by-line debrief "Your replies / best practice at the same decision:", while the web
// debrief said "Your path beside best practice" and the line under it in every view "your path
// above"; the full-screen tab had no heading for it at all.
describe('the path beside best practice has one heading in every view', () => {
  const harmful = play(example, 'practice', ['phone-accuse', 'after-search']).getSnapshot().output as Debrief;
  it.each([['you', 'Your path beside best practice'], ['room', "The room's path beside best practice"]] as const)('%s: %s', (voice, heading) => {
    const m = debriefModel(example, harmful);
    expect(debriefMarkdown(m, '#', voice).split('\n')).toContain(`## ${heading}`);
    expect(debriefPlain(m, 60, voice).split('\n')).toContain(`${heading}:`);
    for (const width of [60, 100]) expect(pathRows(m, width, voice)[0]).toEqual([{ text: heading, bold: true }]);
    // And the line under it names the same path.
    expect(debriefPlain(m, 200, voice)).toContain(`the same decisions as in ${voice === 'you' ? 'your' : "the room's"} path above`);
  });
});

// The web debrief headed the decisions one by one "Your replies, annotated" ("The room's replies,
// annotated"), while the Markdown export and --plain said "Transcript" and the full screen's tab,
// which its critical violations point to, is "Transcript": one heading, from the core's words.
describe('the transcript has one heading in every view', () => {
  const harmful = play(example, 'practice', ['phone-accuse', 'after-search']).getSnapshot().output as Debrief;
  it.each(['you', 'room'] as const)('%s: "Transcript"', (voice) => {
    expect(TRANSCRIPT_HEADING).toBe('Transcript');
    const m = debriefModel(example, harmful);
    expect(debriefMarkdown(m, '#', voice).split('\n')).toContain('## Transcript');
    expect(debriefPlain(m, 60, voice).split('\n')).toContain('Transcript:');
    expect(summaryRows(m, 60).map(rowText).join('\n')).toContain('(Transcript, key 2)');
  });
});

// "The best-practice path from the start" said again, word for word, the decisions and best replies
// the steps above it had just shown, in the full-screen tab and line by line.
describe('the best-practice path from the start, in the terminal', () => {
  const harmful = play(example, 'practice', ['phone-accuse', 'after-search']).getSnapshot().output as Debrief;
  const strong = play(example, 'practice', ['phone-curious', 'after-supervisor']).getSnapshot().output as Debrief;
  const after = (text: string, heading: string) => text.slice(text.indexOf(heading) + heading.length).split(/\n(?:To work on|Strengths):/)[0]!.replace(/\s+/g, ' ').trim();
  const tab = (d: Debrief, voice: 'you' | 'room' = 'you', width = 60) => after(pathRows(debriefModel(example, d), width, voice).map(rowText).join('\n'), 'The best-practice path from the start');
  const plainText = (d: Debrief, voice: 'you' | 'room' = 'you') => after(debriefPlain(debriefModel(example, d), 60, voice), 'The best-practice path from the start:');

  it('says in one line the decisions the path above has shown with their best replies, and in full those it has not', () => {
    const asAbove = 'Decisions 1 and 2: the same decisions as in your path above, where the best-practice reply for each is shown.';
    expect(tab(harmful)).toBe(asAbove);
    expect(plainText(harmful)).toBe(asAbove);
    expect(tab(harmful, 'room', 100)).toBe(asAbove.replace('your path', "the room's path"));
    const stopped = { ...strong, turns: strong.turns.slice(0, 1) };
    const rest = 'Decision 1: the same decision as in your path above, where its best-practice reply is shown. 2. After the visit: Do: Call your Advocate Supervisor to talk through what you noticed. (+2)';
    expect(tab(stopped)).toBe(rest);
    expect(plainText(stopped)).toBe(rest);
    expect(plainText(strong)).toBe('Your path above is the best-practice path: your reply was best practice at every decision.');
    expect(tab(strong, 'room')).toBe("The room's path above is the best-practice path: the room's reply was best practice at every decision.");
  });

  it('takes fewer rows at 60 columns, and each row fits', () => {
    const m = debriefModel(example, harmful);
    const rows = pathRows(m, 60).map(rowText);
    const full = pathRows({ ...m, ...inFull(m.bestPath) }, 60).map(rowText);
    for (const r of rows) expect([...r].length, r).toBeLessThanOrEqual(60);
    expect(rows.length).toBeLessThan(full.length);
  });
});

// The line-by-line debrief printed each critical violation's reply and feedback twice (under
// "Critical violations" and again in the transcript), as the Markdown export did.
describe('critical violations, line by line', () => {
  it('name each principle once with its guide section and point to the decision in the transcript, where its feedback is said once', () => {
    const debrief = play(example, 'practice', ['phone-accuse', 'after-search']).getSnapshot().output as Debrief;
    const m = debriefModel(example, debrief);
    const text = debriefPlain(m, 60);
    const flat = text.replace(/\s+/g, ' ');
    for (const t of m.turns) expect(flat.split(t.feedback).length - 1, t.feedback).toBe(1);
    const section = text.slice(text.indexOf('Critical violations:'), text.indexOf('Principles:')).replace(/\s+/g, ' ').trim();
    const c = m.critical[0]!;
    expect(m.critical).toHaveLength(1);
    expect(section).toBe(`Critical violations: ! ${c.title} (guide: "${c.section}"): see decision ${c.turn + 1} ("${c.where}") in the transcript below.`);
    // The transcript's item of that number is the decision named, with the reply and its feedback.
    const transcript = text.slice(text.indexOf('Transcript:')).replace(/\s+/g, ' ');
    expect(transcript).toContain(`${c.turn + 1}. ${c.where}: Do: ${c.reply}`);
    expect(transcript).toContain(`Feedback: ${c.feedback}`);
    // And the verdict that made it critical says so there (it gave no verdicts at all), as the Markdown's does.
    const item = transcript.slice(transcript.indexOf(`${c.turn + 1}. ${c.where}: `)).split(/ \d+\. /)[0] ?? '';
    expect(item).toMatch(new RegExp(`${VERDICT_WORDS.violates} ${c.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\([^)]*, critical\\)`));
    expect(text.split(', critical)').length - 1).toBe(m.critical.length);
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(60);
  });

  // From the terminal walkthrough (verterm-44): left-placement-calls with d1-rideshare, then the best
  // replies, line by line at 60 columns: "Score: 50% (15 of 28 points, capped after a critical
  // violation)" was printed as one line of 63 columns, and the terminal cut it at "violati" / "on)".
  it('the score capped after a critical violation is wrapped to the width, as the outcome above it', () => {
    const m = debriefModel(example, play(example, 'practice', ['phone-accuse', 'after-search']).getSnapshot().output as Debrief);
    for (const score of [{ earned: 15, best: 28, percent: 50, capped: true }, { earned: -12, best: 28, percent: 0, capped: true }]) {
      const rows = debriefPlain({ ...m, score }, 60).split('\n');
      for (const row of rows) expect([...row].length, row).toBeLessThanOrEqual(60);
      const at = rows.findIndex((row) => row.startsWith('Score: '));
      expect(rows.slice(at, rows.indexOf('', at)).join(' ').replace(/\s+/g, ' '), rows.join('\n')).toMatch(/^Score: \d+% \(.*, capped after a critical violation\)$/);
    }
    // A score that fits stays on its row.
    expect(debriefPlain({ ...m, score: { earned: 15, best: 28, percent: 54, capped: false } }, 60).split('\n')).toContain('Score: 54% (15 of 28 points)');
  });
});


// The full-screen debrief listed each critical principle ("! Title ×6 (guide: …)") without saying
// where, and its transcript did not mark the verdicts that made it critical, while the --plain and
// Markdown debriefs (and the web's) point to the decisions and say ", critical" there.
describe('critical violations, full screen', () => {
  const trafficker = bundled('trafficker-contact');
  it.each([
    ['example', example, ['phone-accuse', 'after-search']],
    ['trafficker-contact', trafficker, criticalPath(trafficker)],
  ] as const)('%s: each principle once, on a row of its own at 80 columns; the heading names the decisions, which say ", critical" (60 and 80 columns)', (_name, scenario, replies) => {
    const m = debriefModel(scenario, play(scenario, 'practice', [...replies]).getSnapshot().output as Debrief);
    expect(m.critical.length).toBeGreaterThan(0);
    const titles = [...new Set(m.critical.map((c) => c.title))];
    const turns = [...new Set(m.critical.map((c) => c.turn))].sort((a, b) => a - b);
    for (const width of [60, 80]) {
      const summary = summaryRows(m, width).map(rowText);
      const transcript = transcriptRows(m, width).map(rowText);
      for (const row of [...summary, ...transcript]) expect([...row].length, row).toBeLessThanOrEqual(width);
      const from = summary.findIndex((r) => r.startsWith('Critical violations: '));
      const end = summary.indexOf('', from);
      // The heading, unwrapped: how many, and at which decisions (each once, in order).
      const heading = summary.slice(from, summary.findIndex((r, i) => i > from && r.startsWith('! '))).join(' ').replace(/\s+/g, ' ');
      expect(heading).toBe(`Critical violations: ${m.critical.length}, at ${decisionNumbers(turns)} (Transcript, key 2)`);
      expect(heading).toMatch(new RegExp(`decisions? ${turns.map((t) => t + 1).join('.*')} \\(`));
      // Each principle once, with its section and how many times; no feedback (that is in the transcript).
      const entries = summary.slice(from, end).join('\n').split(/\n(?=! )/).slice(1).map((e) => e.replace(/\s+/g, ' '));
      expect(entries).toEqual(criticalGroups(m.critical).map((c) => `! ${c.title} (guide: "${c.section}")${c.times > 1 ? ` ×${c.times}` : ''}`));
      expect(entries).toHaveLength(titles.length);
      // At 80 columns a row each (the summary's first page holds a run against many principles).
      if (width === 80) {
        const rows = summary.slice(from + 1, end);
        expect(rows.slice(rows.findIndex((r) => r.startsWith('! '))).every((r) => r.startsWith('! ')), rows.join('\n')).toBe(true);
      }
      // The transcript's items, split at their "Decision n of m" headings: the named ones hold the reply, its feedback and the critical verdict.
      const items = transcript.join('\n').split(/\n\n(?=Decision \d+ of )/).map((i) => i.replace(/\s+/g, ' '));
      expect(items).toHaveLength(m.turns.length);
      for (const c of m.critical) {
        const item = items[c.turn] ?? '';
        expect(item.startsWith(`Decision ${c.turn + 1} of ${m.turns.length}: ${c.where}`)).toBe(true);
        expect(item).toContain(c.reply);
        expect(item).toContain(c.feedback);
        expect(item).toMatch(new RegExp(`${VERDICT_WORDS.violates} ${c.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\([^)]*, critical\\)`));
        for (const e of entries) expect(e).not.toContain(c.feedback);
      }
      // No other verdict says so.
      expect(transcript.join(' ').replace(/\s+/g, ' ').split(', critical)').length - 1).toBe(m.critical.length);
    }
  });
});

describe('the path comparison, line by line', () => {
  it.each(['you', 'room'] as const)('hangs each wrapped row under the first word of its reply (%s)', (voice) => {
    const debrief = play(example, 'practice', ['phone-accuse', 'after-search']).getSnapshot().output as Debrief;
    const lines = debriefPlain(debriefModel(example, debrief), 40, voice).split('\n');
    const from = lines.findIndex((l) => l.includes('path beside best practice:'));
    let checked = 0;
    let column = -1;
    for (const line of lines.slice(from + 1, lines.findIndex((l, i) => i > from && l === ''))) {
      const label = /^ {5}(You|Room|Best): /.exec(line);
      if (label) column = label[0].length;
      else if (/^ {6,}\S/.test(line) && column > 0) {
        expect(line.length - line.trimStart().length, line).toBe(column);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2);
  });
});

describe('a principle kept to at one decision and missed at another', () => {
  const m = debriefModel(keptOnceMissedOnce, play(keptOnceMissedOnce, 'practice', ['phone-ignore', 'after-supervisor']).getSnapshot().output as Debrief);
  const joined = (rows: string[]) => rows.map((r) => r.trim()).join(' ');

  // It was "You kept to" it, with no word of the chance missed, and not among what to work on.
  it('is said once in the full-screen debrief, under "To work on", at how many of its chances, and not among the strengths', () => {
    const text = joined(workOnRows(m, 60).map(rowText));
    expect(text).toMatch(/To work on .*- You kept to "Curious, not interrogating" at only 1 of 2 chances \(guide: "Red Flags"\)\./);
    expect(text.match(/Curious, not interrogating/g)).toHaveLength(1);
    // In a trainer-led session, of the room.
    expect(joined(workOnRows(m, 60, 'room').map(rowText))).toContain('- The room kept to "Curious, not interrogating" at only 1 of 2 chances');
  });

  it('is said in the --plain debrief: its result, and what to work on, not the strengths', () => {
    const text = joined(debriefPlain(m, 60).split('\n'));
    expect(text).toContain('✓ followed at 1 of 2 chances (missed at decision 1) Curious, not interrogating (guide: "Red Flags")');
    expect(text).toMatch(/To work on: .*- You kept to "Curious, not interrogating" at only 1 of 2 chances \(guide: "Red Flags"\)\./);
    expect(text).not.toMatch(/Strengths: .*Curious, not interrogating/);
  });
});

// The summary's counts "✓1 ○1" say how often a principle was kept to and missed. A chance "missed"
// beside a best-practice reply is none (PrincipleResult's missedBelowBest): the words said "You kept
// to …" (or "at only 1 of 2 chances") while the counts still counted it as a miss.
describe('the summary\'s counts of a principle, beside what the words say of it', () => {
  /** The chances missed the words count for the principle: "at only 1 of 3 chances" (2), "You missed 3 chances for" (3), "You missed a chance for" (1), or none. */
  const missedInWords = (m: DebriefModel, title: string): number => {
    const quoted = `"${title}"`;
    const growth = m.growthAreas.find((g) => g.includes(quoted));
    if (growth === undefined) return 0;
    const only = /at only (\d+) of (\d+) chances/.exec(growth);
    if (only) return Number(only[2]) - Number(only[1]);
    const many = /You missed (\d+) chances for/.exec(growth);
    if (many) return Number(many[1]);
    return /You missed a chance for/.test(growth) ? 1 : 0;
  };
  /** The counts the summary shows after the principle's title ("✓1 ○2"), as one line of text. */
  const countsShown = (m: DebriefModel, title: string): string => {
    const text = summaryRows(m, 200).map(rowText).join(' ').replace(/\s+/g, ' ');
    const at = text.indexOf(`${title} `);
    expect(at, title).toBeGreaterThanOrEqual(0);
    return /^((?:[✓✗○]\d+ ?)+)/.exec(text.slice(at + title.length + 1))?.[1]?.trim() ?? '';
  };
  const missedShown = (m: DebriefModel, title: string) => Number(/○(\d+)/.exec(countsShown(m, title))?.[1] ?? 0);

  const JUMP = 'Don\'t jump to conclusions from red flags';
  // JUMP followed by after-wait too, a weaker reply at "After the visit" than after-supervisor.
  const alsoAtWait = (() => {
    const s = structuredClone(example);
    for (const node of s.nodes) {
      if (node.kind !== 'decision') continue;
      for (const r of node.replies) if (r.id === 'after-wait') r.assessments.push({ principle: 'no-jumping-to-conclusions', verdict: 'follows' } as (typeof r.assessments)[number]);
    }
    return s;
  })();

  it('a principle kept to, and "missed" only beside the best-practice reply, counts no miss: it is a strength, ✓1', () => {
    // Kept to at "The new phone" (phone-ignore); at "After the visit" after-supervisor is best
    // practice, beside after-wait, which follows it too.
    const m = debriefModel(alsoAtWait, play(alsoAtWait, 'practice', ['phone-ignore', 'after-supervisor']).getSnapshot().output as Debrief);
    const p = m.principles.find((x) => x.title === JUMP);
    // The case itself: the core found a miss, beside best practice.
    expect(p).toMatchObject({ status: 'followed', followed: 1, missed: 1, missedBelowBest: 0 });
    expect(m.strengths).toContain(`You kept to "${JUMP}" (guide: "Red Flags").`);
    expect(m.growthAreas.join(' ')).not.toContain(JUMP);
    expect(countsShown(m, JUMP)).toBe('✓1');
  });

  it('a principle kept to at one decision and missed below best practice at another counts that miss: "at only 1 of 2 chances", ✓1 ○1', () => {
    const m = debriefModel(keptOnceMissedOnce, play(keptOnceMissedOnce, 'practice', ['phone-ignore', 'after-supervisor']).getSnapshot().output as Debrief);
    expect(missedInWords(m, 'Curious, not interrogating')).toBe(1);
    expect(countsShown(m, 'Curious, not interrogating')).toBe('✓1 ○1');
  });

  it('in real playthroughs of every bundled scenario, each principle not gone against shows as many misses as its words say', () => {
    let besideBest = 0;
    for (const { file } of bundledFiles) {
      const scenario = bundled(file.replace(/\.json$/, ''));
      for (const replies of [analyseBest(scenario).path.map((s) => s.replyId), criticalPath(scenario)]) {
        const debrief = play(scenario, 'practice', replies).getSnapshot().output as Debrief;
        const m = debriefModel(scenario, debrief);
        for (const p of m.principles) {
          if (p.status === 'violated') continue;
          if (p.status === 'followed' && p.missed > p.missedBelowBest) besideBest += 1;
          expect(missedShown(m, p.title), `${file}: ${p.title}`).toBe(missedInWords(m, p.title));
        }
      }
    }
    // Some real playthrough misses a principle it keeps beside best practice (else this tests nothing).
    expect(besideBest).toBeGreaterThan(0);
  });
});

// The summary said "Outcome: Needs review · 19% (7 of 37 points)" over "Critical violations: none"
// and not why: the web debrief and the Markdown export say "… is under 50%, which needs review".
describe('the summary says why the outcome, under it, in the words the web and export use', () => {
  const strong = debriefModel(example, play(example, 'practice', ['phone-curious', 'after-supervisor']).getSnapshot().output as Debrief);
  const harmful = debriefModel(example, play(example, 'practice', ['phone-accuse', 'after-search']).getSnapshot().output as Debrief);
  const under = { ...harmful, critical: [], outcome: outcomeOf(19, 0), score: { earned: 7, best: 37, percent: 19, capped: false } } as DebriefModel;
  // The longest of the four: "Why: from 50% to 79%, with no critical violation." (51 columns indented).
  const developing = { ...harmful, critical: [], outcome: outcomeOf(63, 0), score: { earned: 22, best: 35, percent: 63, capped: false } } as DebriefModel;
  // One row at 60 columns too (the smallest window the app draws): every band's why fits it.
  it.each([['strong', strong], ['a critical violation', harmful], ['under 50%, none critical', under], ['from 50% to 79%, none critical', developing]] as const)('%s, at 60, 80 and 120 columns (one row), and line by line in full', (_name, m) => {
    for (const width of [60, 80, 120]) {
      const rows = summaryRows(m, width).map(rowText);
      // (At 60 columns a score below zero takes the outcome two rows: "… 0%" above "(6 points below zero, of 4 possible)".)
      const at = rows.findIndex((r) => r.startsWith(width < 80 ? 'Why: ' : 'Outcome: ')) - (width < 80 ? 1 : 0);
      const next = rows.findIndex((r, i) => i > at && r.startsWith('Critical violations'));
      expect(rows.slice(at + 1, next).join(' ').replace(/\s+/g, ' ').trim(), rows.join('\n')).toBe(bandWhy(m));
      // One row at 60 columns or more (the summary's first page holds every principle at 80×24).
      expect(next - at - 1, rows.join('\n')).toBe(1);
      for (const r of rows) expect([...r].length).toBeLessThanOrEqual(width);
    }
    expect(debriefPlain(m, 60).replace(/\s+/g, ' ')).toContain(m.outcome.reason);
  });
  it('under 50%: says it needs review', () => {
    expect(summaryRows(under, 60).map(rowText).join(' ').replace(/\s+/g, ' ')).toContain('Why: under 50%, which needs review.');
    expect(bandWhy(strong)).toBe('Why: 80% or more, with no critical violation.');
    expect(bandWhy(harmful)).toBe('Why: a critical violation always needs review.');
    expect(bandWhy(developing)).toBe('Why: from 50% to 79%, with no critical violation.');
  });
});

/**
 * Fails unless each row fits `width` and each parenthesis left open at a row's end (going on over
 * the next rows) is longer, whole, than a further row (the width less the two columns of indent).
 */
function wholeWhereTheyFit(rows: readonly string[], width: number) {
  rows.forEach((r, i) => {
    expect([...r].length, r).toBeLessThanOrEqual(width);
    let depth = 0;
    let open = -1;
    [...r].forEach((c, k) => {
      if (c === '(' && depth++ === 0) open = k;
      if (c === ')') depth--;
    });
    if (depth <= 0) return;
    let whole = [...r].slice(open).join('');
    for (let j = i + 1; j < rows.length && depth > 0; j++) {
      whole += ` ${rows[j]!.trim()}`;
      for (const c of rows[j]!) depth += c === '(' ? 1 : c === ')' ? -1 : 0;
    }
    expect([...whole.slice(0, whole.lastIndexOf(')') + 1)].length, `cut, though it fits a row:\n${rows.join('\n')}`).toBeGreaterThan(width - 2);
  });
}

/** The principles listed together under "○ Missed a chance" or "✓ Followed", as each is said: "Title ○1". */
function groupEntries(m: DebriefModel, group: 'missed' | 'followed'): string[] {
  return m.principles.filter((p) => p.status !== 'violated' && (p.status === 'followed' && p.missedBelowBest === 0) === (group === 'followed')).map((p) => `${p.title} ${countWords(p)}`);
}

/**
 * Fails unless each group of principles listed together is its heading, then its principles in
 * order, each begun with "·" (the first may follow the heading on its row), never a row that starts
 * inside one, nor one broken between rows unless it is longer than a row after its mark (then it hangs
 * under its first word). How many principles were checked.
 */
function expectMarkedGroups(m: DebriefModel, rows: readonly string[], width: number, what = ''): number {
  let checked = 0;
  for (const [group, heading] of [['missed', '○ Missed a chance:'], ['followed', '✓ Followed:']] as const) {
    const entries = groupEntries(m, group);
    const from = rows.findIndex((r) => r.startsWith(heading));
    if (entries.length === 0) {
      expect(from, `${what} ${width}`).toBe(-1);
      continue;
    }
    let to = from + 1;
    while (rows[to]?.startsWith(' ')) to++;
    const said: string[] = [];
    const all = rows.slice(from, to).join('\n');
    rows.slice(from, to).forEach((row, i) => {
      expect(row, `${what} ${width}:\n${all}`).not.toMatch(/·\s*$/);
      let rest: string;
      if (i === 0) rest = row.slice(heading.length).trim();
      else if (row.startsWith(' · ')) rest = row.slice(3);
      else {
        // The rest of a principle too long for a row, hanging under its first word.
        expect(row, `${what} ${width}: a row starts inside a principle:\n${all}`).toMatch(/^ {3}\S/);
        const [tail = '', ...more] = row.trim().split(' · ');
        const last = said.length - 1;
        said[last] = `${said[last]} ${tail}`;
        expect([...` · ${said[last]}`].length, `${what} ${width}: broken though it fits a row:\n${all}`).toBeGreaterThan(width);
        said.push(...more);
        return;
      }
      if (rest !== '') said.push(...rest.split(' · '));
    });
    expect(said, `${what} ${width}:\n${all}`).toEqual(entries);
    checked += entries.length;
  }
  return checked;
}

// At 60 columns the summary's head rows broke inside a parenthesis ("0% (6 points below zero," above
// "of 4 possible)", "(Transcript," above "key 2)", '(guide: "Prohibited' above 'Activities")'), and
// the grouped rows put a count at the start of a row under its title ("…the Advocate Supervisor"
// above "○1 · …").
describe('the summary at 60 and 80 columns: a score below zero, two critical violations, many principles missed', () => {
  const base = debriefModel(example, play(example, 'practice', ['phone-accuse', 'after-search']).getSnapshot().output as Debrief);
  const principle = (title: string, status: 'violated' | 'missed' | 'followed', followed: number, violated: number, missed: number) =>
    ({ title, status, section: 'Prohibited Activities', followed, violated, missed, missedBelowBest: missed, missedAt: [], againstAt: [] });
  const critical = (title: string, turn: number) => ({ ...base.critical[0]!, title, section: 'Prohibited Activities', turn });
  const missedTitles = ['Take suspicions to the Advocate Supervisor', "Knowing the CSEC CSW's role", 'Reducing harm, since you cannot stop a youth leaving', 'A simple safety plan with the youth', 'Don\'t jump to conclusions from red flags', 'Curious, not interrogating', 'Review recommendations with your Advocate Supervisor', 'Saying "left placement without permission", not "AWOL"', 'The youth defines their own safety', 'Understand why youth stay'];
  const followedTitles = ['Work with the CSW', 'Youth-centered, strengths-based, culturally sensitive', 'Planning advocacy with your Advocate Supervisor', 'A CSEC advocate may need an authorization form first', "Knowing the CLC 4 CSEC Unit case manager's role", 'People-first language'];
  const m: DebriefModel = {
    ...base,
    score: { earned: -6, best: 4, percent: 0, capped: false },
    outcome: outcomeOf(0, 2),
    critical: [critical('Never pick up a youth who left placement', 3), critical("Don't investigate", 4)],
    principles: [
      principle('Never pick up a youth who left placement', 'violated', 0, 1, 0),
      principle("Don't investigate", 'violated', 0, 1, 1),
      ...missedTitles.map((t, i) => principle(t, 'missed', 0, 0, 1 + (i % 2))),
      ...followedTitles.map((t, i) => principle(t, 'followed', 1 + (i % 2), 0, i % 3 === 0 ? 2 : 0)),
    ],
  };

  // And a score capped by a critical violation, its parenthesis longer: at 80 columns it too was cut.
  const capped: DebriefModel = { ...m, score: { earned: 12, best: 39, percent: 25, capped: true } };

  // "  · Planning advocacy with your Advocate Supervisor ✓1 ·": at some widths a row of the
  // principles listed together started with the "·" between two of them, and ended with another;
  // then, said only within a row, a title broken between rows ("…from red" above "flags ○1 · …")
  // left a row starting mid-title that read as another principle.
  it('starts every principle listed together with its mark, at a row\'s start too, each whole on one row, at every width from 60 to 120', () => {
    for (let width = 60; width <= 120; width++) {
      const rows = summaryRows(m, width).map(rowText);
      for (const row of rows) expect([...row].length, `${width}: ${row}`).toBeLessThanOrEqual(width);
      expectMarkedGroups(m, rows, width);
    }
  });

  // "✓ Followed: Work with the CSW ✓1 ○2" above a "To work on" tab saying "at only 1 of 3 chances":
  // a principle also missed somewhere is listed with those missed, "Followed" holds the strengths.
  it('lists under "Followed" only the principles kept to at every chance, as the debrief\'s strengths; the others with those missed', () => {
    const rows = summaryRows(m, 120).map(rowText).join('\n').replace(/\s+/g, ' ');
    const followed = rows.slice(rows.indexOf('✓ Followed: '));
    const missed = rows.slice(rows.indexOf('○ Missed a chance: '), rows.indexOf('✓ Followed: '));
    expect(followed).not.toMatch(/○\d/);
    expect(followed).toContain('Youth-centered, strengths-based, culturally sensitive ✓2');
    expect(missed).toContain('Work with the CSW ✓1 ○2');
    expect(missed).toContain('A CSEC advocate may need an authorization form first ✓2 ○2');
  });

  it.each([60, 80])('at %i columns: each parenthesis whole on a row where it fits one', (width) => {
    const rows = summaryRows(m, width).map(rowText);
    const cappedRows = summaryRows(capped, width).map(rowText);
    wholeWhereTheyFit(rows, width);
    wholeWhereTheyFit(cappedRows, width);
    const text = rows.join('\n');
    if (width === 60) {
      // The three the summary broke, each now whole on the row after its words.
      expect(text).toContain('Outcome: Needs review · ░░░░░░░░░░ 0%\n  (6 points below zero, of 4 possible)\n');
      expect(text).toContain('Critical violations: 2, at decisions 4 and 5\n  (Transcript, key 2)\n');
      expect(text).toContain('! Never pick up a youth who left placement\n  (guide: "Prohibited Activities")\n');
    } else {
      expect(rows).toContain('Outcome: Needs review · ░░░░░░░░░░ 0% (6 points below zero, of 4 possible)');
      expect(rows).toContain('Critical violations: 2, at decisions 4 and 5 (Transcript, key 2)');
      expect(rows).toContain('! Never pick up a youth who left placement (guide: "Prohibited Activities")');
    }
    expect(cappedRows.join('\n')).toContain('Outcome: Needs review · ███░░░░░░░ 25%\n  (12 of 39 points, capped after a critical violation)\n');
  });

  it.each([60, 80])('at %i columns: no count at the start of a row; each title with its count on one row', (width) => {
    const rows = summaryRows(m, width).map(rowText);
    for (const r of rows) {
      expect([...r].length, r).toBeLessThanOrEqual(width);
      expect(r, rows.join('\n')).not.toMatch(/^\s*[✓✗○]\d/);
    }
    // Every title with its counts on one row where it fits one after its mark, in order, at 80 too:
    // the fewest rows there once broke a title between two rows where that saved one. (At 60, "A
    // CSEC advocate may need an authorization form first ✓2 ○2" does not: it hangs under its first
    // word, its last word and counts together.)
    expectMarkedGroups(m, rows, width);
    for (const group of ['missed', 'followed'] as const) {
      for (const entry of groupEntries(m, group)) {
        const fits = [...` · ${entry}`].length <= width;
        expect(rows.some((r) => r.includes(entry)), `${width}: ${entry}\n${rows.join('\n')}`).toBe(fits);
        if (!fits) expect(rows.some((r) => r.endsWith(` ${entry.split(' ').slice(-3).join(' ')}`) && /^ {3}\S/.test(r)), rows.join('\n')).toBe(true);
      }
    }
  });
});

// couch-rent's harmful ending at 120 columns: "○ Missed a chance: …" broke "Don't jump to
// conclusions from red" above "flags ○1 · …", the fewest rows taking a title apart where that
// saved one, and the row read as another principle.
describe('the principles listed together, in the debrief of every bundled scenario\'s worst and best runs to each ending', () => {
  // The debriefs do not depend on the width: each run is played and its model built once, for the
  // three widths (each width played every run again, two thirds of this check's time).
  let models: { file: string; m: ReturnType<typeof debriefModel> }[] | undefined;
  const endingModels = () => (models ??= bundledFiles.flatMap(({ file }) => {
    const scenario = bundled(file.replace(/\.json$/, ''));
    return exploreScenario(scenario).endings.flatMap((reach) => [reach.worstPath, reach.criticalPath, reach.bestPath]
      .filter((replies): replies is string[] => !!replies && replies.length > 0)
      .map((replies) => ({ file, m: debriefModel(scenario, play(scenario, 'practice', replies).getSnapshot().output as Debrief) })));
  }));
  it.each([60, 80, 120])('at %i columns each starts with its mark and is whole on one row, no word broken', (width) => {
    let checked = 0;
    for (const { file, m } of endingModels()) {
      const rows = summaryRows(m, width).map(rowText);
      for (const row of rows) expect([...row].length, `${file} ${width}: ${row}`).toBeLessThanOrEqual(width);
      checked += expectMarkedGroups(m, rows, width, file);
    }
    expect(checked).toBeGreaterThan(50);
  });
});

// A web check: "You missed 2 chances for …" said not where the chances were, while a critical
// violation names its decision; one was at a decision where the reply taken was best practice.
describe('where a missed chance was, in the terminal', () => {
  const calls = bundled('left-placement-calls');
  const m = debriefModel(calls, play(calls, 'practice', ['d1-rideshare', 'd2r-morning', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-stricter']).getSnapshot().output as Debrief);
  const joined = (rows: string[]) => rows.map((r) => r.trim()).join(' ');
  // Decision 6's chance was taken by a reply that goes against two other principles: named, not quoted;
  // the volunteer's reply there was best practice, and that is said. (Since session lpc-54 the chances are for
  // "Exploring why the youth leaves", d8-stricter passing over decision 7's; see test/machines/core/missed-where.)
  const where = "Missed at decision 6 (“She's back”), where your reply was best practice but another reply took this chance, and decision 7 (“Why she left”).";

  it('is said under "To work on" in the full-screen debrief at 60 columns, with where the transcript is, every row fitting', () => {
    const rows = workOnRows(m, 60).map(rowText);
    for (const r of rows) expect([...r].length).toBeLessThanOrEqual(60);
    expect(joined(rows)).toContain(`begin to address those needs. ${where} (Transcript, key 2)`);
    expect(joined(rows).match(/Missed at/g)).toHaveLength(1);
  });

  it('is said line by line at 60 columns, under "To work on" with titles and in the list of principles by number', () => {
    const text = debriefPlain(m, 60);
    for (const r of text.split('\n')) expect([...r].length).toBeLessThanOrEqual(60);
    expect(joined(text.split('\n'))).toContain(`begin to address those needs. ${where.replace(/[“”]/g, '"')}`);
    expect(joined(text.split('\n'))).toContain('○ missed (decisions 6 and 7) Exploring why the youth leaves (guide: "Harm Reduction")');
  });

  // "You went against …" said not where: a principle gone against names its decisions as a missed chance does.
  const against = 'Gone against at decision 1 (“11:40 p.m.”) and decision 2 (“12:31 a.m.”).';
  it('says where a principle was gone against on the full screen, at 60 and 80 columns, every row fitting', () => {
    for (const width of [60, 80]) {
      const rows = workOnRows(m, width).map(rowText);
      for (const r of rows) expect([...r].length).toBeLessThanOrEqual(width);
      for (const r of rows) expect(r, rows.join('\n')).not.toMatch(/\bdecision$/);
      expect(joined(rows)).toContain(`CASAs collaborate with the CSW to keep the youth safe and well. ${against} (Transcript, key 2)`);
      expect(joined(rows)).toContain('- Critical: you went against "Never pick up a youth who left placement"');
      expect(joined(rows)).toContain('to make arrangements. Gone against at decision 1 (“11:40 p.m.”). (Transcript, key 2)');
      // In the room's voice (trainer-led) the same decisions.
      expect(joined(workOnRows(m, width, 'room').map(rowText))).toContain(`The room went against "Work with the CSW" (guide: "Collaboration with Case Parties"). The Children's Social Worker (CSW) is assigned by DCFS; CASAs collaborate with the CSW to keep the youth safe and well. ${against}`);
    }
  });

  it('says where line by line at 60 columns, under "To work on" with titles and in the list of principles by number', () => {
    const text = debriefPlain(m, 60);
    for (const r of text.split('\n')) expect([...r].length).toBeLessThanOrEqual(60);
    expect(joined(text.split('\n'))).toContain(`keep the youth safe and well. ${against.replace(/[“”]/g, '"')}`);
    expect(joined(text.split('\n'))).toContain('✗ went against (decisions 1 and 2) Work with the CSW (guide: "Collaboration with Case Parties")');
    expect(joined(text.split('\n'))).toContain('✗ went against (decision 1) Never pick up a youth who left placement');
  });
});

// A check at 60 columns: the line-by-line debrief broke "Missed at decision" above '1 ("New
// things") and …', and a title inside its quotes ('("That' above 'evening")').
describe('"decision N" in the line-by-line debrief, at 60 columns', () => {
  const s = bundled('youth-discloses');
  const m = debriefModel(s, play(s, 'practice', ['d1-warn', 'd2-subject', 'd3-direct-question', 'd4-call-now', 'd5-a-csec-label', 'd7-brainwashed', 'd8-hint-services']).getSnapshot().output as Debrief);

  it('keeps "decision N" on one row, with a short quoted title after it whole, every row fitting', () => {
    const rows = debriefPlain(m, 60).split('\n');
    for (const r of rows) expect([...r].length, r).toBeLessThanOrEqual(60);
    const workOn = rows.slice(rows.indexOf('To work on:'));
    for (const r of rows) expect(r, rows.join('\n')).not.toMatch(/\bdecision$/);
    for (const title of ['decision 1 ("New things")', 'decision 5 ("That evening")', 'decision 6 ("The CSW\'s call")', 'decision 2 ("He looks out for me")']) {
      expect(workOn.some((r) => r.includes(title)), `${title}\n${workOn.join('\n')}`).toBe(true);
    }
  });

  // The full screen's "To work on" tab broke a quoted title inside its quotes at 60 columns
  // ("(“The CSW's" / "call”)"): it wraps as line by line does.
  it('keeps them so on the full screen\'s "To work on" tab too', () => {
    const rows = workOnRows(m, 60).map(rowText);
    for (const r of rows) expect([...r].length, r).toBeLessThanOrEqual(60);
    for (const r of rows) expect(r, rows.join('\n')).not.toMatch(/\bdecision$/);
    for (const title of ['decision 1 (“New things”)', 'decision 5 (“That evening”)', 'decision 6 (“The CSW\'s call”)', 'decision 2 (“He looks out for me”)']) {
      expect(rows.some((r) => r.includes(title)), `${title}\n${rows.join('\n')}`).toBe(true);
    }
  });
});

// Line by line (--plain) at 60 columns the principles' rows broke "decision" from its number
// ("✓ followed at 1 of 3 chances (missed at decisions 5 and" above "11) Keep an open line…", red-flags;
// "(missed at decision" above "4) …" for a shorter title): they are kept together there too.
describe('"decision N" in the line-by-line debrief\'s principles, at 60 columns', () => {
  const s = bundled('youth-discloses');
  const real = debriefModel(s, play(s, 'practice', ['d1-warn', 'd2-subject', 'd3-direct-question', 'd4-call-now', 'd5-a-csec-label', 'd7-brainwashed', 'd8-hint-services']).getSnapshot().output as Debrief);
  const base = real.principles[0]!;
  const principle = (title: string, missedAt: number[], status: 'followed' | 'missed' | 'violated') => status === 'violated'
    ? ({ ...base, title, status, followed: 0, violated: missedAt.length, missedBelowBest: 0, missedAt: [], againstAt: missedAt.map((turn) => ({ turn, reply: 'x', said: false, against: true })) })
    : ({ ...base, title, status, followed: status === 'followed' ? 1 : 0, missedBelowBest: missedAt.length, missedAt: missedAt.map((turn) => ({ turn, reply: 'x', said: false })) });

  it.each([[[3]], [[4, 10]], [[0, 1, 3]], [[7, 9, 10]]])('missed at decisions %j: never "decision" or a number of the list apart, every row fitting', (missedAt) => {
    // A principle gone against names its decisions there too ("✗ went against (decisions 5 and 11)").
    for (const status of ['followed', 'missed', 'violated'] as const) {
      for (let n = 4; n <= 60; n++) {
        const m = { ...real, principles: [principle(`Keep an open line with the case parties ${'x'.repeat(n)}`.slice(0, 8 + n), missedAt, status)] };
        const rows = debriefPlain(m, 60).split('\n');
        const at = rows.indexOf('Principles:');
        const mine = rows.slice(at + 1, rows.indexOf('', at)).join('\n');
        for (const r of mine.split('\n')) expect([...r].length, mine).toBeLessThanOrEqual(60);
        expect(mine, mine).not.toMatch(/\bdecisions?\n/);
        expect(mine, mine).not.toMatch(/\b(decisions? \d+|,|and)\n *\d/);
        expect(mine.replace(/\n */g, ' '), mine).toContain(decisionNumbers(missedAt));
      }
    }
  });

  // Every line-by-line printer says through sayer ("u: back to decision 3 (…)", "Go back to decision 2?"):
  // it wrapped with wrapText, which broke "decision" from its number where the row ended there.
  it('the line-by-line printer (sayer) keeps "decision N" together too, whatever words come before it', () => {
    for (let n = 0; n <= 60; n++) {
      let out = '';
      sayer({ out: (t) => (out += t), err: () => undefined }, 60)(`${'word '.repeat(n)}u: back to decision 12 (its summary is written again). Anything else, or Enter, finishes.`);
      expect(out, out).not.toMatch(/\bdecision\n/);
      for (const r of out.split('\n')) expect([...r].length, out).toBeLessThanOrEqual(60);
    }
  });
});
