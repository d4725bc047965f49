import { VERDICT_WORDS, signed, type FeedbackView } from '../../machines/index.js';

/** Feedback on one reply: the guide's principles it follows or breaks, with the section cited. */
export function Feedback({ feedback }: { feedback: FeedbackView }) {
  return (
    <div className="feedback">
      <p className="feedback-title"><strong>Feedback</strong></p>
      <p>{feedback.feedback}</p>
      {feedback.assessments.length > 0 && (
        <ul className="verdicts">
          {feedback.assessments.map((a) => (
            <li key={a.principleId} className={a.verdict}>
              {VERDICT_WORDS[a.verdict]} {a.title} <span className="cite">({a.citation}{a.severity === 'critical' ? ', critical' : ''})</span>
            </li>
          ))}
        </ul>
      )}
      {feedback.changes.length > 0 && (
        <p className="changes">{feedback.changes.map((c) => `${c.label}: ${c.from} → ${c.to} (${signed(c.to - c.from)})`).join(' · ')}</p>
      )}
    </div>
  );
}
