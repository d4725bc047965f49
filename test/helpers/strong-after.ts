// The "no playthrough that … ends strong" search is part of the core's audit; tests read it from there.
export { principlesConditionsRead, strongAfter, strongAfterSearch } from '../../src/machines/audit/house-rules.js';
