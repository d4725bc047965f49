export { debriefModel, type DebriefModel } from './debrief-model.js';
export { cell, debriefMarkdown } from './markdown.js';
export { debriefExport, fileStamp, type DebriefExport } from './export.js';
export { outcomeWords, percentOf, scoreWords, signed, STATUS_WORDS, VERDICT_WORDS } from './words.js';
