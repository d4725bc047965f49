export * from './protocol.js';
export { countVotes, createRoom, decisionTotals, MAX_DEVICES, peekRoom, presenterView, reduceRoom, restoreRoom, roomContext, roomCount, roomDebrief, roomDecisions, roomSessionView, roomSummaryFileName, serializeRoom, voterView, type RoomChange, type RoomContext, type RoomDecision, type RoomInput, type RoomRestore, type RoomResult, type RoomState } from './state.js';
export { roomMatch, roomSummaryMarkdown, type RoomMatch } from './summary.js';
