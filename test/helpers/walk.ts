// The walk over every playthrough is part of the core's audit; tests read it from there.
export { walkPlaythroughs, type Arrival } from '../../src/machines/audit/house-rules.js';
