import { bestPathSays, guideCitation, COUNT_KEY, countWords, criticalGroups, decisionNumbers, inVoice, outcomeScoreLine, outcomeWords, pathBesideWords, TRANSCRIPT_HEADING, pathReply, quotedReply, choseWords, signed, STATUS_WORDS, verdictLine, VOICE_WORDS, missedWhereWords, type DebriefModel, type Voice } from '../machines/index.js';
import { wrapKeepingDecisions, wrapKeepingParentheses, wrapMarkedItems, wrapText } from './wrap.js';

/** What a piece of text means, for the theme to colour (the words carry the meaning too). */
export type Tone = 'good' | 'bad' | 'warn' | 'muted' | 'accent';

/** A run of text in one style. */
export interface Span {
  text: string;
  tone?: Tone;
  bold?: boolean;
  /** Narration, set apart as the play screen sets it (the words say the same without it). */
  italic?: boolean;
  /**
   * Text set side by side (a trainer-led reveal): which column this span is, 0 first. Each column is
   * read down the rows it shares before the next (keptOffset); a span without one in such a row (the
   * line between columns) is not text read.
   */
  column?: number;
}

/** One screen row: already wrapped to the width, so a list of rows can be scrolled exactly. */
export type Row = Span[];

const plain = (text: string, style: Omit<Span, 'text'> = {}): Row[] => text.split('\n').map((t) => [{ text: t, ...style }]);
const blank: Row = [{ text: '' }];
const STATUS_TONE = { followed: 'good', violated: 'bad', missed: 'warn' } as const;

/** Where the full-screen debrief's transcript is, for the critical violations that point into it (DebriefScreen's second tab). */
export const TRANSCRIPT_KEY = `(${TRANSCRIPT_HEADING}, key 2)`;

/**
 * The summary section, made to be looked at and to fit one screen: the ending, the outcome band
 * with a score bar and why that band, critical violations (each principle once, with the decisions where it was broken), and a compact
 * table of the principles with how often each was followed (✓), gone against (✗) and missed (○).
 * What to work on, in the guide's words, has its own section (workOnRows).
 */
export function summaryRows(m: DebriefModel, width: number): Row[] {
  // Each parenthesis whole on a row where it fits one: at 60 columns "(Transcript," ended a row
  // above "key 2)", and "(6 points below zero," above "of 4 possible)".
  const w = (text: string, indent = '') => wrapKeepingParentheses(text, width, indent);
  const out: Row[] = [];
  out.push(...plain(w(m.ending ? `Ending: ${m.ending.title} (${m.ending.kind})` : 'Ending: not reached')));
  const tone = m.outcome.band === 'needs-review' ? 'bad' : m.outcome.band === 'strong' ? 'good' : 'warn';
  out.push(...plain(w(outcomeScoreLine(m), '  '), { bold: true, tone }));
  // Why that band, under it (the web debrief and the Markdown export say it beside the outcome; a
  // summary that said "Needs review" above "Critical violations: none" left the reader to guess).
  out.push(...plain(w(bandWhy(m), '  ')));
  const critical = criticalGroups(m.critical);
  if (critical.length === 0) out.push([{ text: 'Critical violations: none', bold: true }]);
  else {
    // Where they are, as one list of decision numbers on the heading's row (the transcript, a key
    // away, heads each with its number and title and marks the verdict ", critical"); then each
    // principle once, on a row of its own at 80 columns, so the summary's first page still holds
    // every principle of a run against many (the --plain and Markdown debriefs give each principle
    // its decisions by title).
    const at = decisionNumbers(m.critical.map((c) => c.turn).filter((t) => t >= 0));
    out.push(...plain(w(`Critical violations: ${m.critical.length}${at ? `, at ${at} ${TRANSCRIPT_KEY}` : ''}`, '  '), { bold: true, tone: 'bad' }));
    for (const c of critical) out.push(...plain(w(`! ${c.title} (${guideCitation(c.section)})${c.times > 1 ? ` ×${c.times}` : ''}`, '  '), { tone: 'bad' }));
    out.push(blank);
  }
  // (With none, "Principles" follows "Critical violations: none" without a blank row: the row the
  // band's why took, so that a run through twenty principles still fits 80×24 whole.)
  // Principles gone against get a row each, counts in a column on the right (on a long title's
  // last row); those missed and those followed throughout are listed together, so a run that
  // touches twenty principles still fits one screen.
  const COUNTS = Math.max(8, ...m.principles.map((p) => [...countWords(p)].length)) + 1;
  const titleWidth = Math.max(16, width - 2 - COUNTS);
  out.push([{ text: 'Principles', bold: true }, { text: `  ${COUNT_KEY}`, tone: 'muted' }]);
  for (const p of m.principles.filter((x) => x.status === 'violated')) {
    const lines = wrapText(p.title, titleWidth).split('\n');
    lines.forEach((line, i) => {
      const last = i === lines.length - 1;
      out.push([{ text: i === 0 ? '✗ ' : '  ', tone: 'bad' }, { text: last ? line.padEnd(titleWidth) : line }, ...(last ? [{ text: ` ${countWords(p)}`, tone: 'bad' as const }] : [])]);
    });
  }
  // "Followed" holds those kept to at every chance, as the debrief's strengths do; one kept to at
  // some decisions and missed at others ("✓2 ○2") is with those missed, as "To work on" says it
  // ("at only 2 of 4 chances"): listed under "Followed", the summary contradicted that tab.
  const throughout = (x: DebriefModel['principles'][number]) => x.status === 'followed' && x.missedBelowBest === 0;
  const group = (status: 'missed' | 'followed', label: string) => {
    const ps = m.principles.filter((x) => x.status !== 'violated' && throughout(x) === (status === 'followed'));
    if (ps.length === 0) return;
    // Each "Title ○n" whole on one row where it fits one, and every principle after the first begins
    // with "·", at a row's start too, so that a row always starts with a principle (or the heading):
    // at 120 columns the fewest rows broke a title between rows where that saved one ("…from red"
    // above "flags ○1 · …"), and the row after read as another principle. (Before that, at 60
    // columns, "○2" began a row under "…the Advocate Supervisor", and "·" ended a row at some widths.)
    // Indented by one column, " · Title ○n", so that at 60 columns every title of the guide with one
    // count fits a row whole after its mark.
    const text = wrapMarkedItems(`${STATUS_WORDS[status].slice(0, 1)} ${label}:`, ps.map((p) => ({ text: p.title, glued: countWords(p) })), width, ' ');
    out.push(...plain(text, { tone: STATUS_TONE[status] }));
  };
  group('missed', 'Missed a chance');
  group('followed', 'Followed');
  return out;
}

/**
 * Why the band, on one row under the outcome and its score at 60 columns (the smallest window the
 * app draws; 51 columns at most, indent included), so the summary's first page holds every principle
 * at 80×24: the core's reason (outcomeOf) from "is" on, to its ";", as the
 * web debrief and the Markdown export say it ("… is under 50%, which needs review").
 */
export function bandWhy(m: Pick<DebriefModel, 'outcome' | 'critical'>): string {
  // (The reason's "(a critical violation) always needs review", without what the cap is: on the To work on tab.)
  if (m.critical.length > 0) return 'Why: a critical violation always needs review.';
  const from = m.outcome.reason.indexOf(' is ');
  const why = (from >= 0 ? m.outcome.reason.slice(from + 4) : m.outcome.reason).split(';')[0]?.replace(/\.$/, '') ?? '';
  return `Why: ${why}.`;
}

/**
 * How the story ended, shown once before the debrief of a playthrough that has just finished: the
 * ending's title, then its narration as the play screen sets narration. (The summary names the
 * ending and its kind; the web debrief opens with both.)
 */
export function endingRows(m: DebriefModel, width: number): Row[] {
  if (!m.ending) return [];
  return [...plain(wrapText(m.ending.title, width), { bold: true }), ...(m.ending.narration ? plain(wrapText(m.ending.narration, width), { italic: true }) : [])];
}

/** Why the outcome, what to work on (each principle once, in the guide's words), the strengths, and how the story ended (again). */
export function workOnRows(m: DebriefModel, width: number, voice: Voice = 'you'): Row[] {
  const w = (text: string, indent = '') => wrapText(text, width, indent);
  const out: Row[] = [...plain(w(outcomeWords(m.outcome)), { bold: true }), blank];
  const seen = new Set<string>();
  // Each with where its chances were missed, in the transcript a key away, as the summary's critical violations point there.
  const growth = m.growthAreas.flatMap((g, i) => {
    if (seen.has(g)) return [];
    seen.add(g);
    const where = missedWhereWords(m.growthWhere[i] ?? [], (t) => m.turns[t]?.where ?? '');
    return [`${inVoice(g, voice)}${where ? ` ${where} ${TRANSCRIPT_KEY}` : ''}`];
  });
  // "decision N" and a short quoted title kept on one row (wrapKeepingDecisions), as line by line.
  if (growth.length > 0) out.push([{ text: 'To work on', bold: true }], ...growth.flatMap((g) => plain(wrapKeepingDecisions(`- ${g}`, width, '  '))));
  if (m.strengths.length > 0) out.push(...(growth.length > 0 ? [blank] : []), [{ text: 'Strengths', bold: true }], ...m.strengths.flatMap((x) => plain(w(`- ${inVoice(x, voice)}`, '  '))));
  if (m.ending) out.push(blank, [{ text: `How it ended: ${m.ending.title}`, bold: true }], ...plain(w(m.ending.narration)));
  return out;
}

/** The transcript section: every turn with its verdicts and feedback. */
export function transcriptRows(m: DebriefModel, width: number, voice: Voice = 'you'): Row[] {
  if (m.turns.length === 0) return [[{ text: 'No decisions were taken.' }]];
  const w = (text: string, indent = '') => wrapText(text, width, indent);
  return m.turns.flatMap((t, i) => [
    ...(i > 0 ? [blank] : []),
    // "Decision n", as the critical violations in the summary point to it.
    ...plain(w(`Decision ${i + 1} of ${m.turns.length}: ${t.where}`), { bold: true }),
    ...plain(w(`${choseWords(voice, t.reply, t.said)} (${signed(t.value)}; best here ${signed(t.bestValue)})`, '  ')),
    ...t.verdicts.flatMap((v) => plain(w(verdictLine(v), '  '), { tone: v.verdict === 'follows' ? 'good' : 'bad' })),
    ...plain(w(t.feedback)),
  ]);
}

/** The path section: each step, the volunteer's reply beside (or, under 80 columns, above) the best-practice reply. */
export function pathRows(m: DebriefModel, width: number, voice: Voice = 'you'): Row[] {
  const who = VOICE_WORDS[voice].who;
  const wide = width >= 80;
  // Labels padded to one width, and wrapped rows hang under the reply, not under the label.
  const step = (label: string, s: DebriefModel['paths'][number]['yours'], width: number) =>
    wrapText(`${pathReply(s.reply, s.said)} (${signed(s.value)})`, width - 6).split('\n').map((line, k) => (k === 0 ? `${label}:`.padEnd(6) : ' '.repeat(6)) + line);
  // Step numbers right-aligned (" 9." above "10."), as in the picker, so that every step's rows hang
  // under its words: with ten steps or more, a hang of three columns put "10."'s rows under its dot.
  const numbered = (n: number, count: number) => `${String(n).padStart(String(Math.max(1, count)).length)}. `;
  const hangOf = (count: number) => ' '.repeat(numbered(1, count).length);
  const hang = hangOf(m.paths.length);
  const steps = m.paths.flatMap((p, i) => {
    const same = p.same;
    const head = plain(wrapText(`${numbered(i + 1, m.paths.length)}${p.where}${same ? ' — same as best practice ✓' : ''}`, width, hang), { bold: true });
    const bestTone: Tone | undefined = same ? undefined : 'good';
    let body: Row[];
    if (same) {
      // The same reply as best practice: said once, not twice.
      body = step(who, p.yours, width - hang.length).map((line) => [{ text: `${hang}${line}` }]);
    } else if (wide) {
      const half = Math.floor((width - hang.length) / 2);
      const left = step(who, p.yours, half - 2); // two spaces between the columns
      const right = step('Best', p.best, half);
      body = Array.from({ length: Math.max(left.length, right.length) }, (_, k) => [
        { text: `${hang}${(left[k] ?? '').padEnd(half)}` },
        { text: right[k] ?? '', tone: bestTone },
      ]);
    } else {
      body = [
        ...step(who, p.yours, width - hang.length).map((line) => [{ text: `${hang}${line}` }]),
        ...step('Best', p.best, width - hang.length).map((line) => [{ text: `${hang}${line}`, tone: bestTone }]),
      ];
    }
    return [...(i > 0 ? [blank] : []), ...head, ...body];
  });
  // What the steps above have not said: their decisions in a line, the others in full.
  const best = bestPathSays(m, voice).flatMap((part) => ('line' in part
    ? plain(wrapText(part.line, width))
    : part.steps.flatMap((s) => plain(wrapText(`${numbered(s.n, m.bestPath.length)}${s.where}: ${quotedReply(s.reply, s.said)} (${signed(s.value)})`, width, hangOf(m.bestPath.length))))));
  // Headed as every view heads it (the tab's name, "Your path", is short for the tab line).
  return [[{ text: pathBesideWords(voice), bold: true }], blank, ...steps, ...(steps.length > 0 ? [blank] : []), [{ text: 'The best-practice path from the start', bold: true }], ...best];
}

/** Rows as plain text (for measuring and tests). */
export function rowText(row: Row): string {
  return row.map((s) => s.text).join('');
}
