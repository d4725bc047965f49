/**
 * What every id of a scenario is (scenario.ts's Id): lower-case letters, digits and single hyphens,
 * never a name of Object.prototype's. Outside schema/ so that the records, read on the first
 * page, check a scenario id without loading the schema.
 */
export const SLUG = /^(?!(?:constructor|prototype)$)[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The longest id the schema allows. */
export const MAX_ID_LENGTH = 80;
/** Whether a value could be a scenario's id. */
export const isScenarioId = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_ID_LENGTH && SLUG.test(v);
