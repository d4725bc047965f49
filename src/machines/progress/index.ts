export { asideKey, memoryStore, type Store } from './store.js';
export { mergeCompletion, parseRecords, readRecords, recordCompletion, RECORDS_KEY, type CompletionRecord, type Records, type RecordsRead } from './records.js';
export { agoWords, clearSave, continueChoices, debriefKey, DEBRIEFS_PREFIX, latestSaveKey, mayReplaceSave, resumeFailure, saveKey, saveSummary, SAVES_PREFIX, shortHash, slotName, type RunOrigin, type SaveSummary, type SlotOf } from './slots.js';
export { keepProgress, readSave, repliesMade, savedScenarioRef, scenarioRef, writeSave, type KeepResult, type ResumeResult, type SaveSlot, type ScenarioLoader, type ScenarioRef } from './saves.js';
export { hasKeptDebrief, keepDebrief, readKeptDebrief, type KeptDebrief } from './debriefs.js';
export { finishPlaythrough } from './finish.js';
