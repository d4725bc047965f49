/**
 * The Preview's audit (auditData, as `casa-practice audit <file>` runs it) in a worker of its own: a
 * large file's exploration takes seconds, and on the page's own thread it held every click and key
 * until it was done. The page hands it the scenario (valid), its file's name and its text (for the
 * places, line:column); it hands back the audit's data, or `{ failed: true }`.
 */
import { auditData, scenarioPlaces, type Scenario } from '../machines/index.js';

export interface AuditRequest { scenario: Scenario; file: string; text: string | Uint8Array }

const scope = self as unknown as { onmessage: ((e: MessageEvent<AuditRequest>) => void) | null; postMessage(data: unknown): void };
scope.onmessage = (e) => {
  const { scenario, file, text } = e.data;
  try {
    scope.postMessage({ data: auditData([scenario], [file], [scenarioPlaces(text, file)]) });
  } catch {
    scope.postMessage({ failed: true });
  }
};
