export { decisionsAgreement, facilitatedDecision, facilitationMarkdown, roomDidWords, summaryBaseName, type FacilitatedDecision } from './summary.js';
export { agreementOfTotals, agreementWords, roomAgreement, type RevealedVotes, type RoomAgreement } from './agreement.js';
export { clampVotes, MAX_VOTES, TOO_MANY_VOTES, replyValues, revealData, roomsChoice, tallyVotes, votesEnteredWords, votesWords, type RevealEntry, type Tally, type Votes } from './votes.js';
export { clearFacilitation, FACILITATION_PREFIX, facilitationStanding, facilitationDecision, facilitationFinished, facilitationKey, finishedFacilitationText, keptAsItWasWords, keptFacilitation, roomMadeWords, type KeptFacilitation, readFacilitation, writeFacilitation, type FacilitationResume, type FacilitationSlot, type ExportedDebrief, type RestoredFacilitation, type RoomProgress, type RoomRound } from './saved.js';
export { OUT_OF_DATE_SUMMARY, sessionSummaryFile, type SessionSummaryFiles } from './summary-file.js';
export { backFromEndingWords, STALE_DOWNLOAD_WORDS, backLossWords, backToDecision, roomBack, roomLossWords, startOverFailedWords, startOverUnsavedWords, type RoomRecord } from './steps.js';
