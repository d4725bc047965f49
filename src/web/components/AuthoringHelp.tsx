import { getSection, principles, scenarioJsonSchemaText, SCHEMA_FILE_NAME, type AuthoringPointers } from '../../machines/index.js';
import { downloadText } from '../download.js';
import { useDownloadNote } from './DownloadNote.js';
import { TableWrap } from './TableWrap.js';

/** The section's summary, as the validator's fixes name it in this app (AUTHORING_POINTERS). */
export const AUTHORING_HELP = 'Writing a scenario: a worked example, the format and the principle ids';

/** The app's terminal version, as the web's pages name it to a trainer who may never have used one. */
const TERMINAL_VERSION = "the app's terminal version (a program run by typing commands)";

/**
 * What two of the app's scenarios with one id share in this app: its pages open a scenario by its id
 * (the first file with it), and this browser keeps a scenario's save and completion records by id.
 */
const OPENED_BY_ID = "the Scenarios page would open only one of the two (this app opens a scenario by its id), and this browser would keep one saved playthrough and one set of completion records (best score, times finished) between them";

/** The worked example's file name, as the authoring guide calls it (docs/examples/). */
export const EXAMPLE_FILE = 'first-scenario.json';

/**
 * Where the validator's fixes send a trainer in this app. They named docs/authoring.md,
 * scenarios/guide/principles.json and the JSON Schema in the scenarios folder, which a trainer using
 * the web app alone does not have: here they name this section of the Preview page, which offers
 * what those files gave them.
 */
export const AUTHORING_POINTERS: AuthoringPointers = {
  example: `the worked example (“${AUTHORING_HELP}”, at the top of this page, offers it to download)`,
  principleIds: `listed under “${AUTHORING_HELP}”, at the top of this page`,
  schema: `which “${AUTHORING_HELP}”, at the top of this page, offers to download`,
  // The web finds the app's scenarios by the id inside them; the terminal's play command, by file name.
  findsById: TERMINAL_VERSION,
  // The terminal's words (saved progress "kept per file" outside the scenarios folder) are of its own
  // plays: a play in the Preview saves nothing and is not added to the records (persist={false}).
  sharedId: `played in this Preview, a file saves nothing and adds nothing to your records; but once it is added to the app's scenarios, ${OPENED_BY_ID}. Played in ${TERMINAL_VERSION}, it would share that scenario's completion records wherever the file is.`,
  // The terminal's words ("the picker would list both") are of its picker and its scenarios folder:
  // this app lists the two, but opens a scenario by its id (bundledById: the first file with it).
  sharedIdInApp: `${OPENED_BY_ID}.`,
};

/** The Preview's folded list of the app's own files, each with its button “Check <file>”. */
export const APP_FILES_SUMMARY = "Or check a file from the app's scenarios/ folder";

/**
 * Where the file the Preview shows came from, which decides its button that checks it again: one of
 * the app's files (its button in the folded list), a file opened through the browser's file window
 * (Chromium: a handle, read again as it is now), or from the plain file field (chosen again).
 */
export type CheckedFrom = 'app' | 'window' | 'field';

/** The Preview's button that checks the file shown again, as it is labelled there. */
export function checkAgainButton(from: CheckedFrom, file: string): string {
  if (from === 'app') return `Check ${file}`;
  return from === 'window' ? `Check ${file} again` : `Check again: choose ${file} again`;
}

/**
 * The validator's pointers for a file checked on the Preview: a fix or count that says to check the
 * file again names the button that does it for that file, as the page labels it (a fixed “Check
 * again” named no button for an app's file, nor with the file window).
 */
export function previewPointers(from: CheckedFrom, file: string): AuthoringPointers {
  const button = `“${checkAgainButton(from, file)}”`;
  return { ...AUTHORING_POINTERS, again: `check it again (${from === 'app' ? `${button}, under “${APP_FILES_SUMMARY}”` : button})` };
}

/**
 * The worked example's text: loaded when asked for, never part of the page until then. Its
 * "$schema" is the path from docs/examples/ in the program's folder; saved beside the format
 * downloaded here, it is the format's file in the same folder.
 */
const exampleText = () => import('../../../docs/examples/first-scenario.json?raw')
  .then((m) => m.default.replace(/^(\s*"\$schema": )"[^"\n]*"/m, `$1"./${SCHEMA_FILE_NAME}"`));

/**
 * On the Preview page, folded: what the authoring guide gives a trainer who has the program's
 * folder (docs/authoring.md), for one who has only this page: its worked example to start from,
 * the format's JSON Schema for an editor (scenarios/scenario.schema.json, made by the core, as
 * `npm run schema` writes it), and the principle ids a reply is scored on, with the guide section
 * each cites.
 */
export function AuthoringHelp() {
  const example = useDownloadNote();
  const format = useDownloadNote();
  return (
    <details className="authoring-help no-print">
      <summary>{AUTHORING_HELP}</summary>
      <p>
        Start from the worked example: a complete, short scenario (two decisions, a route that depends on the youth's trust,
        three endings) with no errors and no warnings. Save it, change it in a text editor, and check it here.
      </p>
      <p className="controls">
        <button type="button" onClick={() => void exampleText().then((text) => {
          downloadText(EXAMPLE_FILE, text, 'application/json');
          example.say(`Worked example downloaded: ${EXAMPLE_FILE}.`);
        })}>Download the worked example ({EXAMPLE_FILE})</button>
      </p>
      {example.note}
      <p>
        The scenario format, for an editor such as VS Code: save it in the same folder as your scenario, and start the
        scenario with <code>"$schema": "./{SCHEMA_FILE_NAME}"</code>, as the worked example does. The editor then suggests
        each field and its allowed values, and underlines a mistake in the format as you type. It does not check one part
        of the file against another (a <code>"next"</code> that names no node, a character or variable not declared) nor
        the guide’s rules: this page does, when you open or check the file.
      </p>
      <p className="controls">
        <button type="button" onClick={() => {
          downloadText(SCHEMA_FILE_NAME, scenarioJsonSchemaText(), 'application/json');
          format.say(`Scenario format downloaded: ${SCHEMA_FILE_NAME}.`);
        }}>Download the scenario format ({SCHEMA_FILE_NAME})</button>
      </p>
      {format.note}
      <p>
        The principle ids a scenario can use in <code>"assessments"</code> and <code>"learningGoals"</code>, each with the guide
        section to cite in a reply's feedback (as the guide prints its heading).
      </p>
      {/* On a narrow screen (a phone, or large text) each principle is a card (styles.css,
          .principle-ids-wrap): its id, then its title and guide section, each with its column's name
          before it (.cell-label, for the eye only: a screen reader names a cell's column from its
          header). As a table it was 459 px wide at 390 px and 918 px at 320 px with 200% text, each
          row read by scrolling sideways. The roles are the elements' own, said again so that a browser
          that drops a table's semantics when it is not displayed as a table (Safari) keeps them. */}
      <TableWrap label="The principle ids" className="principle-ids-wrap">
        <table className="principle-ids" role="table">
          <thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">Id</th><th scope="col" role="columnheader">Principle</th><th scope="col" role="columnheader">Guide section</th></tr></thead>
          <tbody role="rowgroup">
            {principles.map((p) => (
              <tr key={p.id} role="row">
                <td role="cell"><code>{p.id}</code></td>
                <td role="cell"><span className="cell-label" aria-hidden="true">Principle: </span>{p.title}{p.optional ? ' (optional: never scored as violated)' : ''}</td>
                <td role="cell"><span className="cell-label" aria-hidden="true">Guide section: </span>{getSection(p.section)?.heading ?? p.section}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </details>
  );
}
