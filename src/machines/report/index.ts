export { debriefModel, type DebriefModel } from './debrief-model.js';
export { cell, debriefMarkdown } from './markdown.js';
export { debriefExport, fileStamp, type DebriefExport } from './export.js';
export { BEST_PRACTICE, COUNT_KEY, countWords, criticalGroups, inVoice, outcomeScoreLine, outcomeWords, percentOf, roomMatchWords, scoreBar, scoreWords, signed, STATUS_WORDS, VERDICT_WORDS, VOICE_WORDS, type Voice } from './words.js';
