export { asideKey, memoryStore, type Store } from './store.js';
export { mergeCompletion, minutesSpent, parsePlaythrough, parseRecords, parseRecordsFile, parseRecordsValue, playthroughRecord, readRecords, readRecordsFile, recordCompletion, recordPlaythrough, recordsText, RECORDS_FORMAT_VERSION, RECORDS_KEY, type CompletionRecord, type DecisionRecord, type PlaythroughDetails, type PlaythroughRecord, type PrincipleRecord, type Records, type RecordsFile, type RecordsParse, type RecordsRead } from './records.js';
export { derivedUuid, randomUuid, sha256, uuidFromBytes, UUID_PATTERN, type RandomBytes } from './ids.js';
export { clearSave, latestSaveKey, resumeFailure, saveKey, SAVES_PREFIX } from './slots.js';
export { readSave, writeSave, type ResumeResult, type SaveSlot, type ScenarioLoader } from './saves.js';
export { finishPlaythrough } from './finish.js';
export { backupFileName, backupText, importBackup, parseBackup, BACKUP_FORMAT_VERSION, MAX_BACKUP_BYTES, type BackupFile, type BackupParse, type ImportResult, type SaveValue } from './backup.js';
