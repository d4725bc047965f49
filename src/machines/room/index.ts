export * from './protocol.js';
export { CONTENT_NOTE_FIRST, countVotes, createRoom, decisionTotals, keepMoment, keptDecisionView, keptSessionView, leaveBreak, MAX_DEVICES, notStarted, peekRoom, presenterView, presenterViewFor, reduceRoom, restoreRoom, ROOM_SAVE_CUT_OFF, roomContext, roomCount, roomDebrief, roomDecisions, roomSceneNumber, roomSessionView, roomSummaryFileName, serializeRoom, voterView, voterViewFor, type KeptMoment, type RoomChange, type RoomContext, type RoomDecision, type RoomInput, type RoomRestore, type RoomResult, type RoomState } from './state.js';
export { roomMatch, roomSummaryMarkdown, type RoomMatch } from './summary.js';
export { readRoomLog, roomSave, type RoomSave, type RoomWritten } from './log.js';
