import { breaksCritical, changeWords, verdictLine, type FeedbackView, type SessionView, type SetupMoment } from '../machines/index.js';
import type { Row, Span } from './debrief-lines.js';
import { wrapText } from './wrap.js';

// The words of a play screen as rows for a window that scrolls (ScrollRows), for the moments and
// feedback too long for the terminal even drawn tightest: a scenario may hold narration of up to
// 4,000 characters, which at 60×24 is three screens. Laid out as the screens lay them out.

const rowsOf = (text: string, width: number, style: Omit<Span, 'text'> = {}, indent = ''): Row[] =>
  wrapText(text, width, indent).split('\n').map((t) => [{ text: t, ...style }]);
const blank: Row = [{ text: '' }];

/**
 * A moment's words: its title, the narration (italic, as the play screen sets it), each spoken line
 * with a blank row before it, and what a scene changes in the meters (a blank row before).
 */
export function momentRows(view: Pick<SessionView, 'title' | 'narration' | 'lines'> & Partial<Pick<SessionView, 'sceneChanges'>>, width: number): Row[] {
  const out: Row[] = [];
  if (view.title) out.push(...rowsOf(view.title, width, { bold: true }));
  if (view.narration) out.push(...rowsOf(view.narration, width, { italic: true }));
  for (const line of view.lines) {
    if (out.length > 0) out.push(blank);
    const rows = wrapText(`${line.speaker}${line.role ? ` (${line.role})` : ''}: “${line.text}”`, width).split('\n');
    rows.forEach((t, i) => out.push(i === 0 && t.startsWith(line.speaker) ? [{ text: line.speaker, bold: true }, { text: t.slice(line.speaker.length) }] : [{ text: t }]));
  }
  const changes = view.sceneChanges ?? [];
  if (changes.length > 0 && out.length > 0) out.push(blank);
  for (const c of changes) out.push(...rowsOf(changeWords(c), width));
  return out;
}

/** The heading above a decision's setup (SETUP_HEADING) as the terminal draws it: dim, so it is not taken for the decision. */
export const SETUP_HEADING = 'Before this:';

/**
 * The setup of a decision with no words of its own (the core's decisionSetup), drawn above it when
 * it is opened other than straight from that setup (after an undo, a resume's recap): a dim "Before
 * this:", each scene as a moment is drawn under its heading (its title, or "Scene 2" when untitled:
 * the core's), narration, lines, and a blank row before the decision's own title. Empty when there
 * is no setup.
 */
export function setupRows(scenes: readonly SetupMoment[], width: number): Row[] {
  if (scenes.length === 0) return [];
  const out: Row[] = rowsOf(SETUP_HEADING, width, { tone: 'muted' });
  // A blank row between scenes, as the recap and the live play set them apart: "…in three weeks."
  // ran straight into the next scene's title.
  scenes.forEach((scene, i) => out.push(...(i > 0 ? [blank] : []), ...momentRows({ title: scene.heading, narration: scene.narration, lines: scene.lines }, width)));
  out.push(blank);
  return out;
}

/** A reply's feedback below its heading: the reply, the feedback, each principle with ✓/✗ and its guide section, what changed. */
export function feedbackRows(f: FeedbackView, chosen: string, width: number): Row[] {
  return [
    ...rowsOf(chosen, width),
    blank,
    ...rowsOf(f.feedback, width),
    ...f.assessments.flatMap((a) => rowsOf(verdictLine({ ...a, critical: breaksCritical(a) }), width, { tone: a.verdict === 'follows' ? 'good' : 'bad' }, '  ')),
    ...f.changes.flatMap((c) => rowsOf(changeWords(c), width)),
  ];
}
