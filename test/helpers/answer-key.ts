// The answer-key figures are part of the core's audit; tests read them from there.
export * from '../../src/machines/audit/answer-key.js';
