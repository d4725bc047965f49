/**
 * The part of the core a UI needs for its first frame (the library list, records, whether a save
 * waits, clean text): nothing here loads XState, zod or the validator, so a picker opens as fast
 * as an empty app. Everything else comes from `index.ts`, loaded once a scenario is opened.
 */
export { cleanDeep, cleanLine, cleanText, isBlank, visibleLine } from './text/clean.js';
export { lineAsWritten, quoteAsWritten, quoteValue, safeJson, shortenWritten, shownFileName } from './text/quote.js';
export { closest, didYouMean } from './text/suggest.js';
export { entryOf, isEntry, leftOutWords, quickEntry, sharedIdWords, sortEntries, withRecord, type CatalogEntry, type LeftOut } from './library/catalog.js';
export { asideKey, asideWords, leftInPlace, leftInPlaceOf, leftWhereItWas, memoryStore, OUTDATED_KEEP, SET_ASIDE_KEEP, setAsideInOne, setAsideLines, type AsideReason, type Store } from './progress/store.js';
export { addPlaythroughs, bestResultProblem, FUTURE_SLACK_MS, keepLearner, MAX_COMPLETIONS, MAX_RECORD_MINUTES, mergeCompletion, mergeRecordsFiles, recordsWriteBack, minutesSpent, parsePlaythrough, recordSeconds, secondsSpent, parseRecords, parseRecordsFile, parseRecordsValue, playthroughRecord, readRecords, readRecordsFile, readRecordsKeeping, recordCompletion, recordPlaythrough, RECORDS_FORMAT_VERSION, RECORDS_KEY, recordsSetAsideLines, recordsSetAsideNotice, recordsSetAsideTodo, recordsNewerNotice, RECORDS_NEWER_TODO, restorePlaythroughs, RECORDS_MOVED_TO, recordsText, unwrittenRecord, type CompletionRecord, type DecisionRecord, type PlaythroughDetails, type PlaythroughRecord, type PrincipleRecord, type Records, type RecordsFile, type RecordsParse, type RecordsRead, type RecordsSetAside, type KeptAt } from './progress/records.js';
export { localDate, localTime, localYear } from './report/records-export.js';
export { derivedUuid, randomUuid, sha256, UUID_PATTERN, uuidFromBytes, type RandomBytes } from './progress/ids.js';
export { agoWords, clearSave, continueChoices, debriefKey, repliesMadeWords, DEBRIEFS_PREFIX, latestSaveKey, mayReplaceSave, newerSaveAt, newerSaveFormat, newerSaveKeys, newerSaveNotice, newerSavesWords, NEWER_SAVE_MARK, outdatedAtSight, NEWER_SAVE_NOT_KEPT, NEWER_SAVE_NOT_SAVED, NEWER_SAVE_QUIT, NEWER_SAVE_TODO, afterColon, resumeFailure, resumeFailureInOne, resumeFailureLines, SAVE_MOVED_TO, saveKey, SAVES_PREFIX, saveSummary, shortHash, START_OVER_UNSAVED, slotName, slotScenarioId, type RunOrigin, type SaveSummary, type SlotOf } from './progress/slots.js';
export { BAND_LABELS, BEST_PRACTICE, bestPathAsAboveWords, bestPathFollowedWords, bestPathSays, breaksCritical, choseWords, citationWords, COUNT_KEY, countWords, criticalGroups, decisionNumbers, decisionPointer, inVoice, outcomeScoreLine, endSentence, outcomeWords, pathBesideWords, TRANSCRIPT_HEADING, pathReply, percentOf, quotedReply, quotedTitle, replyBy, yourReply, yourReplyLabel, replyScoreWords, roomMatchWords, scoreBar, scoreWords, signed, STATUS_WORDS, VERDICT_WORDS, verdictLine, VOICE_WORDS, type Voice, growthParts, growthWords, missedChances, missedWhereParts, missedWhereWords, SHORT_REPLY, type MissedChance, quotedPrinciple, resultWords, strengthWords } from './report/words.js';
export { isRoomCode, TOKEN } from './room/codes.js';
export { SELF_CARE } from './self-care.js';
export { FACILITATION_PREFIX, facilitationDecision, facilitationFinished, facilitationKey, finishedFacilitationText, keptAsItWasWords, keptFacilitation, roomMadeWords, type KeptFacilitation } from './facilitation/slot.js';
export { roomLossWords } from './facilitation/steps.js';
export type { PlayableScenario } from './playable.js';
export type { Scenario } from './schema/scenario.js';
export type { SessionMode } from './types.js';
// "1,234": a count as the messages write it (text/first-few's countWords; report's countWords is another).
export { countWords as shownCount, routeWords } from './text/first-few.js';
