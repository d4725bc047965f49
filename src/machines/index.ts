/**
 * The casa-practice core: load → validate → compile → run → report. No UI code lives here; the
 * terminal and web apps import the core only through this entry (and `light.ts` for a first frame
 * without XState). Lint refuses deep imports from the UIs.
 */
export * from './light.js';
export { validateScenario, formatValidation, moreProblemsLine, fileProblem, scenarioPlaces, SCHEMA_FILE_NAME, type FilePlace, type ValidationResult, type ValidateOptions } from './validate/index.js';
export type { AuthoringPointers } from './validate/pointers.js';
export { MAX_FILE_BYTES } from './validate/source.js';
export { formatProblem, formatPath, type Problem } from './validate/problem.js';
export { compileScenario, buildMachineConfig, type ScenarioMachine } from './compile.js';
export { buildDebrief, analyseBest, outcomeOf, percentOfBest, CRITICAL_CAP, DEVELOPING_FROM, STRONG_FROM, type Debrief, type Outcome, type OutcomeBand, type PrincipleResult, type PathStep } from './scoring.js';
export { saveSession, restoreSession, undoEnding, actorOptions, type SavedSession, type RestoreResult, type PersistedScenarioSnapshot, type SessionStart } from './session.js';
export { whatIfFrom } from './what-if.js';
export { newScenario, newScenarioText, NEW_SCENARIO_VERSION, type NewScenario, type NewScenarioFields } from './new-scenario.js';
export { startingAt, startSession, startFacilitation, type PlayableScenario, type SessionActor } from './playable.js';
export { decisionSetup, introductionsAt, introductionWords, spokeBefore, spokePassing, sceneHeading, sceneHeadingAt, sceneNumberAt, replayConversation, resumeOpening, resumeRecap, type ConversationMoment, type Introduction, type Recap, type RecapMoment, type SetupMoment } from './recap.js';
export { MET_IN_ALL, MET_SO_FAR, NO_ONE_MET, metBefore, metPassing, peopleMet, peopleMetAt, type Person, type RoomReveals } from './people.js';
export { isSeed, orderFor, repliesInOrder, shufflesReplies } from './reply-order.js';
export { selectView, revealReplies, feedbackOf, changeWords, changeSpokenWords, progressWords, decisionProgressWords, sceneWords, unavailableWords, unknownReplyIdWords, DOUBLE_PRESS_MS, TOO_SOON_WORDS, type SessionView, type ReplyView, type FeedbackView, type ChangeView, type MeterView, type LineView, type SnapshotLike } from './selectors.js';
export { exportGraph, type GraphFormat } from './graph-export.js';
export { DRAWING_LIMITS, drawingSize, FORCED_COLOUR_VARIABLES, GraphTooLarge, layoutScenario, outlineScenario, unreachableWords, type GraphLayout, type GraphOutline, type LaidEdge, type LaidNode } from './graph-layout.js';
export { principles, sections, languageRules, getPrinciple, getSection, citePrinciple, guideCitation, guideInfo, type Principle } from './guide.js';
export { indexScenario, replyValue } from './scenario-index.js';
export { scenarioJsonSchemaText } from './schema/json-schema-text.js';
export { debriefExport, debriefMarkdown, debriefModel, cell, fileStamp, localFileStamp, localTimeWords, type DebriefExport, type DebriefModel } from './report/index.js';
export { agreementOfTotals, agreementWords, roomAgreement, type RevealedVotes, type RoomAgreement } from './facilitation/index.js';
export { certificateData, shownMinutes, CERTIFICATE_CREDIT, csvCell, csvText, exportFileName, IN_SERVICE_COUNTING, IN_SERVICE_COUNTING_OWN, IN_SERVICE_COUNTING_TERMINAL, IN_SERVICE_COUNTING_TIMING, IN_SERVICE_CREDIT, IN_SERVICE_HOURS_PER_YEAR, localDate, localTime, localYear, minutesRoundingWords, NEWER_PRACTICE_NOT_SHOWN, newestFirst, NO_PRACTICE_YET, hasPracticeIn, openingYear, otherPracticeYears, otherYearsWords, recordsCsv, RECORDS_CSV_HEADER, type CertificateData } from './report/index.js';
export { DEFAULT_HOME_PAGE, isoDuration, playedScenario, scenariosAtHand, VERBS, XAPI_VERSION, xapiDefinitionGaps, xapiFile, xapiGapWords, xapiIris, xapiLearner, xapiStatements, type DefinitionGap, type DefinitionGapReason, type XapiActivity, type XapiActor, type XapiOptions, type XapiResult, type XapiStatement, type XapiVerb } from './report/index.js';
export { clearFacilitation, FACILITATION_PREFIX, facilitationStanding, facilitationDecision, facilitationFinished, facilitationKey, finishedFacilitationText, keptAsItWasWords, keptFacilitation, roomMadeWords, type KeptFacilitation, readFacilitation, writeFacilitation, type FacilitationResume, type FacilitationSlot, type ExportedDebrief, type RestoredFacilitation, type RoomProgress, type RoomRound } from './facilitation/index.js';
export { backFromEndingWords, STALE_DOWNLOAD_WORDS, backLossWords, backToDecision, roomBack, roomLossWords, startOverFailedWords, startOverUnsavedWords, type RoomRecord } from './facilitation/index.js';
export { OUT_OF_DATE_SUMMARY, sessionSummaryFile, type SessionSummaryFiles } from './facilitation/index.js';
export { decisionsAgreement, facilitatedDecision, facilitationMarkdown, roomDidWords, summaryBaseName, clampVotes, MAX_VOTES, TOO_MANY_VOTES, replyValues, revealData, roomsChoice, tallyVotes, votesEnteredWords, votesWords, type FacilitatedDecision, type RevealEntry, type Tally, type Votes } from './facilitation/index.js';
export { BACKUP_FORMAT_VERSION, backupFileName, backupLeftOutNote, backupLeftOutQuestion, backupText, newerSavesNotInBackup, backupTooLarge, BACKUP_NOT_OVER_DAMAGED, EARLIEST_PRACTICE, FELL_BEHIND_FINISH, FELL_BEHIND_SAVE, fellBehind, finishPlaythrough, holdSave, joinedActiveMs, movedSinceHold, sameButTime, whileHolding, whileHoldingTime, type Finished, type HeldStep, type SaveHold, fitToSave, fitWords, hasKeptDebrief, importBackup, keepDebriefExport, isReplacedSaveKey, restoreRefusal, restoreReplacedSave, RESTORE_NO_ROOM, type RestoreReplacedResult, keepDebrief, keepProgress, keptDebriefFailure, keptDebriefFailureInOne, MAX_BACKUP_BYTES, MAX_BACKUP_ENTRIES, missingFileWords, parseBackup, peekScenario, PRACTICE_IDLE_MS, practiceClock, readKeptDebrief, readSave, relocateSave, saveStanding, repliesMade, savedActiveMs, saveKeptInstead, savedScenarioRef, scenarioRef, writeSave, type BackupFile, type BackupLeftOut, type BackupParse, type ImportResult, type KeepResult, type KeptDebrief, type MissingFile, type PracticeClock, type PracticeClockOptions, type RelocateRefusal, type RelocateResult, type ResumeResult, type SaveFit, type ScenarioPeek, type SaveSlot, type SaveValue, type ScenarioLoader, type ScenarioRef } from './progress/index.js';
export { scenarioFingerprint } from './progress/index.js';
export * from './room/index.js';
export { AUDIT_THRESHOLDS, auditData, auditFailures, auditScenario, type AuditData, exploreScenario, formatAudit, STATE_LIMIT, type EndingReach, type Exploration, type ScenarioAudit } from './audit/index.js';
export { unexplainedToldWords } from './audit/house-rules.js';
export type { Scenario, ScenarioNode, Reply, EndingKind } from './schema/scenario.js';
export type { SessionContext, SessionEvent, SessionInput, SessionMode, Turn } from './types.js';
