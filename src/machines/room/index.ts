export * from './protocol.js';
export { countVotes, createRoom, decisionTotals, keptDecisionView, keptSessionView, MAX_DEVICES, peekRoom, presenterView, presenterViewFor, reduceRoom, restoreRoom, roomContext, roomCount, roomDebrief, roomDecisions, roomSessionView, roomSummaryFileName, serializeRoom, voterView, voterViewFor, type RoomChange, type RoomContext, type RoomDecision, type RoomInput, type RoomRestore, type RoomResult, type RoomState } from './state.js';
export { roomMatch, roomSummaryMarkdown, type RoomMatch } from './summary.js';
