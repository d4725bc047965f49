import type { Debrief } from '../scoring.js';
import type { Scenario } from '../schema/scenario.js';
import { debriefModel } from './debrief-model.js';
import { debriefMarkdown } from './markdown.js';

/** A timestamp safe in file names: 2025-01-31T10-20-30. */
export function fileStamp(now = new Date()): string {
  return now.toISOString().slice(0, 19).replace(/:/g, '-');
}

/** A debrief as the files a volunteer keeps: a Markdown document and the debrief as JSON. */
export interface DebriefExport {
  /** File name without extension, e.g. "youth-discloses-debrief-2025-01-31T10-20-30". */
  baseName: string;
  markdown: string;
  json: string;
}

/** The export of a finished playthrough; each UI decides where the files go. */
export function debriefExport(scenario: Scenario, debrief: Debrief, now = new Date()): DebriefExport {
  return {
    baseName: `${scenario.id}-debrief-${fileStamp(now)}`,
    markdown: debriefMarkdown(debriefModel(scenario, debrief)),
    json: `${JSON.stringify(debrief, null, 2)}\n`,
  };
}
