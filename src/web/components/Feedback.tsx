import { Fragment } from 'react';
import { VERDICT_WORDS, breaksCritical, changeSpokenWords, citationWords, changeWords, type ChangeView, type FeedbackView } from '../../machines/index.js';

/**
 * What a reply or a scene changed in the meters, in the core's words. The arrow and the dots are
 * for the eye: a screen reader says "right arrow" or nothing, so it reads "from 50 to 35" instead.
 */
export function Changes({ changes }: { changes: readonly ChangeView[] }) {
  if (changes.length === 0) return null;
  return (
    <p className="changes">
      {changes.map((c, i) => (
        <Fragment key={i}>
          {i > 0 && <span aria-hidden="true"> · </span>}
          <span aria-hidden="true">{changeWords(c)}</span>
          <span className="sr-only">{`${changeSpokenWords(c)} `}</span>
        </Fragment>
      ))}
    </p>
  );
}

/** Feedback on one reply: the guide's principles it follows or breaks, with the section cited. */
export function Feedback({ feedback }: { feedback: FeedbackView }) {
  return (
    <div className="feedback">
      {/* A heading under the moment's (h3): a screen reader moves from one reply's feedback to the next by headings, as the eye does by the bold title. */}
      <h4 className="feedback-title">Feedback</h4>
      <p>{feedback.feedback}</p>
      {feedback.assessments.length > 0 && (
        <ul className="verdicts">
          {feedback.assessments.map((a) => (
            <li key={a.principleId} className={a.verdict}>
              {VERDICT_WORDS[a.verdict]} {a.title} <span className="cite">({citationWords(a.citation, breaksCritical(a))})</span>
            </li>
          ))}
        </ul>
      )}
      <Changes changes={feedback.changes} />
    </div>
  );
}
