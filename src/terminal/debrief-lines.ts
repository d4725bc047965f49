import { inVoice, outcomeWords, scoreWords, signed, STATUS_WORDS, VERDICT_WORDS, VOICE_WORDS, type DebriefModel, type Voice } from '../machines/index.js';
import { wrapText } from './wrap.js';

/** What a piece of text means, for the theme to colour (the words carry the meaning too). */
export type Tone = 'good' | 'bad' | 'warn' | 'muted';

/** A run of text in one style. */
export interface Span {
  text: string;
  tone?: Tone;
  bold?: boolean;
}

/** One screen row: already wrapped to the width, so a list of rows can be scrolled exactly. */
export type Row = Span[];

const plain = (text: string, style: Omit<Span, 'text'> = {}): Row[] => text.split('\n').map((t) => [{ text: t, ...style }]);
const blank: Row = [{ text: '' }];
const STATUS_TONE = { followed: 'good', violated: 'bad', missed: 'warn' } as const;

/** The summary section: ending, score, critical violations first, one entry per principle, then growth areas and strengths. */
export function summaryRows(m: DebriefModel, width: number, voice: Voice = 'you'): Row[] {
  const w = (text: string, indent = '') => wrapText(text, width, indent);
  const out: Row[] = [];
  if (m.ending) out.push(...plain(w(`Ending: ${m.ending.title} (${m.ending.kind}). ${m.ending.narration}`)));
  out.push(...plain(w(outcomeWords(m.outcome)), { bold: true, tone: m.outcome.band === 'needs-review' ? 'bad' : m.outcome.band === 'strong' ? 'good' : 'warn' }));
  out.push([{ text: `Score: ${scoreWords(m.score)}`, bold: true }], blank);
  out.push([{ text: `Critical violations: ${m.critical.length === 0 ? 'none' : m.critical.length}`, bold: true, tone: m.critical.length > 0 ? 'bad' : undefined }]);
  for (const c of m.critical) out.push(...plain(w(`! ${c.title} (guide: ${c.section}) at “${c.where}”: ${c.feedback}`, '  '), { tone: 'bad' }));
  out.push(blank, [{ text: 'Principles', bold: true }]);
  // From 80 columns a table (status in its own column); below that, the status above the title.
  const wide = width >= 80;
  const STATUS_WIDTH = 13;
  for (const p of m.principles) {
    const status: Span = { text: STATUS_WORDS[p.status], tone: STATUS_TONE[p.status] };
    const title = `${p.title} (guide: ${p.section})`;
    if (wide) {
      const [first = '', ...rest] = wrapText(title, width - STATUS_WIDTH).split('\n');
      out.push([{ ...status, text: status.text.padEnd(STATUS_WIDTH) }, { text: first }]);
      for (const line of rest) out.push([{ text: ' '.repeat(STATUS_WIDTH) + line }]);
    } else {
      out.push([status], ...plain(w(`  ${title}`, '  ')));
    }
  }
  if (m.growthAreas.length > 0) out.push(blank, [{ text: 'To work on', bold: true }], ...m.growthAreas.flatMap((g) => plain(w(`- ${inVoice(g, voice)}`, '  '))));
  if (m.strengths.length > 0) out.push(blank, [{ text: 'Strengths', bold: true }], ...m.strengths.flatMap((s) => plain(w(`- ${inVoice(s, voice)}`, '  '))));
  return out;
}

/** The transcript section: every turn with its verdicts and feedback. */
export function transcriptRows(m: DebriefModel, width: number, voice: Voice = 'you'): Row[] {
  if (m.turns.length === 0) return [[{ text: 'No decisions were taken.' }]];
  const w = (text: string, indent = '') => wrapText(text, width, indent);
  return m.turns.flatMap((t, i) => [
    ...(i > 0 ? [blank] : []),
    ...plain(w(`Turn ${i + 1} of ${m.turns.length}: ${t.where}`), { bold: true }),
    ...plain(w(`${VOICE_WORDS[voice].who}: “${t.reply}” (${signed(t.value)}; best here ${signed(t.bestValue)})`, '  ')),
    ...t.verdicts.flatMap((v) => plain(w(`${VERDICT_WORDS[v.verdict]}: ${v.title} (${v.citation})`, '  '), { tone: v.verdict === 'follows' ? 'good' : 'bad' })),
    ...plain(w(t.feedback)),
  ]);
}

/** The path section: each step, the volunteer's reply beside (or, under 80 columns, above) the best-practice reply. */
export function pathRows(m: DebriefModel, width: number, voice: Voice = 'you'): Row[] {
  const who = VOICE_WORDS[voice].who;
  const wide = width >= 80;
  // Labels padded to one width, and wrapped rows hang under the reply, not under the label.
  const step = (label: string, s: DebriefModel['paths'][number]['yours'], width: number) =>
    wrapText(`${s.reply} (${signed(s.value)})`, width - 6).split('\n').map((line, k) => (k === 0 ? `${label}:`.padEnd(6) : ' '.repeat(6)) + line);
  const steps = m.paths.flatMap((p, i) => {
    const same = p.same;
    const head = plain(wrapText(`${i + 1}. ${p.where}${same ? ' — same as best practice ✓' : ''}`, width, '   '), { bold: true });
    const bestTone: Tone | undefined = same ? undefined : 'good';
    let body: Row[];
    if (same) {
      // The same reply as best practice: said once, not twice.
      body = step(who, p.yours, width - 3).map((line) => [{ text: `   ${line}` }]);
    } else if (wide) {
      const half = Math.floor((width - 3) / 2);
      const left = step(who, p.yours, half - 2); // two spaces between the columns
      const right = step('Best', p.best, half);
      body = Array.from({ length: Math.max(left.length, right.length) }, (_, k) => [
        { text: `   ${(left[k] ?? '').padEnd(half)}` },
        { text: right[k] ?? '', tone: bestTone },
      ]);
    } else {
      body = [
        ...step(who, p.yours, width - 3).map((line) => [{ text: `   ${line}` }]),
        ...step('Best', p.best, width - 3).map((line) => [{ text: `   ${line}`, tone: bestTone }]),
      ];
    }
    return [...(i > 0 ? [blank] : []), ...head, ...body];
  });
  const best = m.bestPath.flatMap((s, i) => plain(wrapText(`${i + 1}. ${s.where}: ${s.reply} (${signed(s.value)})`, width, '   ')));
  return [...steps, ...(steps.length > 0 ? [blank] : []), [{ text: 'The best-practice path from the start', bold: true }], ...best];
}

/** Rows as plain text (for measuring and tests). */
export function rowText(row: Row): string {
  return row.map((s) => s.text).join('');
}
