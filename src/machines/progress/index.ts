export { asideKey, memoryStore, type Store } from './store.js';
export { mergeCompletion, minutesSpent, parsePlaythrough, parseRecords, parseRecordsFile, parseRecordsValue, playthroughRecord, readRecords, readRecordsFile, recordCompletion, recordPlaythrough, RECORDS_FORMAT_VERSION, RECORDS_KEY, recordsSetAsideNotice, RECORDS_MOVED_TO, recordsText, type CompletionRecord, type DecisionRecord, type PlaythroughDetails, type PlaythroughRecord, type PrincipleRecord, type Records, type RecordsFile, type RecordsParse, type RecordsRead, type RecordsSetAside, type KeptAt } from './records.js';
export { derivedUuid, randomUuid, sha256, UUID_PATTERN, uuidFromBytes, type RandomBytes } from './ids.js';
export { agoWords, clearSave, continueChoices, debriefKey, DEBRIEFS_PREFIX, latestSaveKey, mayReplaceSave, resumeFailure, SAVE_MOVED_TO, saveKey, SAVES_PREFIX, saveSummary, shortHash, slotName, type RunOrigin, type SaveSummary, type SlotOf } from './slots.js';
export { keepProgress, parseScenarioRef, readSave, repliesMade, savedScenarioRef, scenarioRef, writeSave, type KeepResult, type MissingFile, type ResumeResult, type SaveSlot, type ScenarioLoader, type ScenarioRef } from './saves.js';
export { hasKeptDebrief, keepDebrief, readKeptDebrief, type KeptDebrief } from './debriefs.js';
export { finishPlaythrough } from './finish.js';
export { backupFileName, backupText, importBackup, parseBackup, BACKUP_FORMAT_VERSION, MAX_BACKUP_BYTES, type BackupFile, type BackupParse, type ImportResult, type SaveValue } from './backup.js';
export { fitToSave, fitWords, missingFileWords, peekScenario, relocateSave, type RelocateRefusal, type RelocateResult, type SaveFit, type ScenarioPeek } from './relocate.js';
