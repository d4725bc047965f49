export { facilitatedDecision, facilitationMarkdown, summaryBaseName, type FacilitatedDecision } from './summary.js';
export { agreementWords, roomAgreement, type RevealedVotes, type RoomAgreement } from './agreement.js';
export { clampVotes, MAX_VOTES, replyValues, revealData, tallyVotes, votesWords, type RevealEntry, type Tally, type Votes } from './votes.js';
