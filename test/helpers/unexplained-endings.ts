// The Strong-band check is part of the core's audit; tests read it from there.
export { strongBandUnexplained, type UnexplainedEnding } from '../../src/machines/audit/house-rules.js';
