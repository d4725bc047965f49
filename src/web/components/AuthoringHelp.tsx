import { getSection, principles, type AuthoringPointers } from '../../machines/index.js';
import { downloadText } from '../download.js';
import { TableWrap } from './TableWrap.js';

/** The section's summary, as the validator's fixes name it in this app (AUTHORING_POINTERS). */
export const AUTHORING_HELP = 'Writing a scenario: a worked example and the principle ids';

/** The worked example's file name, as the authoring guide calls it (docs/examples/). */
export const EXAMPLE_FILE = 'first-scenario.json';

/**
 * Where the validator's fixes send a trainer in this app. They named docs/authoring.md and
 * scenarios/guide/principles.json, which a trainer using the web app alone does not have: here they
 * name this section of the Preview page, which offers what those files gave them.
 */
export const AUTHORING_POINTERS: AuthoringPointers = {
  example: `the worked example (“${AUTHORING_HELP}”, at the top of this page, offers it to download)`,
  principleIds: `listed under “${AUTHORING_HELP}”, at the top of this page`,
};

/** The worked example's text: loaded when asked for, never part of the page until then. */
const exampleText = () => import('../../../docs/examples/first-scenario.json?raw').then((m) => m.default);

/**
 * On the Preview page, folded: what the authoring guide gives a trainer who has the program's
 * folder (docs/authoring.md), for one who has only this page: its worked example to start from,
 * and the principle ids a reply is scored on, with the guide section each cites.
 */
export function AuthoringHelp() {
  return (
    <details className="authoring-help no-print">
      <summary>{AUTHORING_HELP}</summary>
      <p>
        Start from the worked example: a complete, short scenario (two decisions, a route that depends on the youth's trust,
        three endings) with no errors and no warnings. Save it, change it in a text editor, and check it here.
      </p>
      <p className="controls">
        <button type="button" onClick={() => void exampleText().then((text) => downloadText(EXAMPLE_FILE, text, 'application/json'))}>Download the worked example ({EXAMPLE_FILE})</button>
      </p>
      <p>
        The principle ids a scenario can use in <code>"assessments"</code> and <code>"learningGoals"</code>, each with the guide
        section to cite in a reply's feedback (as the guide prints its heading).
      </p>
      <TableWrap label="The principle ids">
        <table className="principle-ids">
          <thead><tr><th scope="col">Id</th><th scope="col">Principle</th><th scope="col">Guide section</th></tr></thead>
          <tbody>
            {principles.map((p) => (
              <tr key={p.id}><td><code>{p.id}</code></td><td>{p.title}{p.optional ? ' (optional: never scored as violated)' : ''}</td><td>{getSection(p.section)?.heading ?? p.section}</td></tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </details>
  );
}
