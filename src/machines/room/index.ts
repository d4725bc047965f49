export * from './protocol.js';
export { countVotes, createRoom, decisionTotals, keepMoment, keptDecisionView, keptSessionView, MAX_DEVICES, peekRoom, presenterView, presenterViewFor, reduceRoom, restoreRoom, roomContext, roomCount, roomDebrief, roomDecisions, roomSceneNumber, roomSessionView, roomSummaryFileName, serializeRoom, voterView, voterViewFor, type KeptMoment, type RoomChange, type RoomContext, type RoomDecision, type RoomInput, type RoomRestore, type RoomResult, type RoomState } from './state.js';
export { roomMatch, roomSummaryMarkdown, type RoomMatch } from './summary.js';
