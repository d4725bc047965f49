/**
 * The casa-practice core: load → validate → compile → run → report. No UI code lives here;
 * the terminal and web apps call only what this module exports.
 */
export { validateScenario, formatValidation, type ValidationResult } from './validate/index.js';
export { formatProblem, formatPath, type Problem } from './validate/problem.js';
export { compileScenario, buildMachineConfig, type ScenarioMachine } from './compile.js';
export { buildDebrief, analyseBest, type Debrief, type PrincipleResult, type PathStep } from './scoring.js';
export { saveSession, restoreSession, actorOptions, type SavedSession, type RestoreResult, type PersistedScenarioSnapshot, type SessionStart } from './session.js';
export { selectView, revealReplies, feedbackOf, type SessionView, type ReplyView, type FeedbackView, type MeterView, type LineView } from './selectors.js';
export { exportGraph, type GraphFormat } from './graph-export.js';
export { principles, sections, languageRules, getPrinciple, getSection, citePrinciple, guideInfo, type Principle } from './guide.js';
export { indexScenario, replyValue } from './scenario-index.js';
export type { Scenario, ScenarioNode, Reply, EndingKind } from './schema/scenario.js';
export type { SessionContext, SessionEvent, SessionInput, SessionMode, Turn } from './types.js';
