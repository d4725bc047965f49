import { Box } from 'ink';
import { breaksCritical, changeWords, yourReply, type FeedbackView } from '../../machines/index.js';
import { inkRows } from '../wrap.js';
import { Paragraph } from './Paragraph.js';
import { Verdict, verdictText } from './Verdict.js';

/**
 * How tightly the panel is drawn: 0 boxed with a blank row after the reply; 1 without the box
 * and the blank row; 2 also without the reply quoted back (the volunteer has just chosen it).
 */
export type FeedbackFit = 0 | 1 | 2;

/** Props of FeedbackPanel. */
export interface FeedbackPanelProps {
  /** The core's feedback on one reply. */
  feedback: FeedbackView;
  /** A heading; defaults to "Feedback on your reply". */
  heading?: string;
  /** How tightly to draw it on a short terminal (see feedbackFit). */
  fit?: FeedbackFit;
  /** The width the panel is laid out at, border included, when the screen knows it (see Paragraph). */
  width?: number;
}

/**
 * The reply as the panel shows it, in the core's words (yourReply), as the recap of a resumed
 * session and the web's conversation show it: "You: “…”" for words, "You do: …" for an action.
 * The panel said "Do: …" and the web "You do: …" (issue #7); before that the panel said "You do: …"
 * and the recap "Your last reply: Do: …", one reply worded two ways.
 */
export function chosen(f: FeedbackView): string {
  return yourReply(f.replyText, f.replyKind);
}

/** Rows the panel takes at a width and fit, estimated by wrapping each part as Ink will. */
export function feedbackHeight(f: FeedbackView, columns: number, fit: FeedbackFit): number {
  const width = fit === 0 ? columns - 4 : columns;
  const rows = (text: string, w = width) => inkRows(text, w);
  // Heading, plus two borders and a blank row when boxed.
  return (fit === 0 ? 4 : 1) + (fit < 2 ? rows(chosen(f)) : 0) + rows(f.feedback)
    + f.assessments.reduce((n, a) => n + rows(verdictText({ ...a, critical: breaksCritical(a) }), width - 2), 0)
    + f.changes.reduce((n, c) => n + rows(changeWords(c)), 0);
}

/** The loosest fit whose panel takes at most `rows` rows. */
export function feedbackFit(f: FeedbackView, columns: number, rows: number): FeedbackFit {
  return ([0, 1] as const).find((fit) => feedbackHeight(f, columns, fit) <= rows) ?? 2;
}

/** The feedback, each principle with ✓/✗ and its guide section, and what changed. */
export function FeedbackPanel({ feedback, heading = 'Feedback on your reply', fit = 0, width: outer }: FeedbackPanelProps) {
  // Inside the border and its padding when boxed.
  const width = outer === undefined ? undefined : fit === 0 ? outer - 4 : outer;
  return (
    <Box flexDirection="column" borderStyle={fit === 0 ? 'round' : undefined} paddingX={fit === 0 ? 1 : 0}>
      <Paragraph bold underline={fit > 0} width={width}>{heading}</Paragraph>
      {fit < 2 && <Paragraph width={width}>{chosen(feedback)}</Paragraph>}
      <Box marginTop={fit === 0 ? 1 : 0}><Paragraph width={width}>{feedback.feedback}</Paragraph></Box>
      {feedback.assessments.map((a) => (
        <Verdict key={a.principleId} verdict={a.verdict} title={a.title} citation={a.citation} critical={breaksCritical(a)} width={width} />
      ))}
      {feedback.changes.map((c) => (
        <Paragraph key={c.id} width={width}>{changeWords(c)}</Paragraph>
      ))}
    </Box>
  );
}
