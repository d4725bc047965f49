import type { Scenario } from '../machines/index.js';

// Scenario files of the volunteer's own (from this computer, not bundled) checked in this visit. The
// records keep no path to the file a playthrough was played from (a path would travel in every backup
// and export), only the scenario's id, version and content fingerprint; My records' xAPI export looks
// among these, beside the bundled ones, for the one a record was played from (the core's
// scenariosAtHand). Kept in memory only, for as long as the page is open: nothing is stored.

const checked: Scenario[] = [];

/** The most kept: a trainer checking files one after another all afternoon does not fill the tab's memory. */
const MOST = 50;

/** Remembers a valid scenario file of the volunteer's own, checked in this visit (the newest last). */
export function rememberOwnScenario(scenario: Scenario): void {
  checked.push(scenario);
  if (checked.length > MOST) checked.splice(0, checked.length - MOST);
}

/** The volunteer's own scenario files checked in this visit, oldest first. */
export function ownScenariosThisVisit(): readonly Scenario[] {
  return checked;
}
