export { asideKey, memoryStore, type Store } from './store.js';
export { mergeCompletion, parseRecords, readRecords, recordCompletion, RECORDS_KEY, type CompletionRecord, type Records, type RecordsRead } from './records.js';
export { clearSave, latestSaveKey, resumeFailure, saveKey, SAVES_PREFIX } from './slots.js';
export { readSave, writeSave, type ResumeResult, type SaveSlot, type ScenarioLoader } from './saves.js';
export { finishPlaythrough } from './finish.js';
