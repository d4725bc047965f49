import { conductValue, NO_CONDUCT, type Conduct } from './conduct.js';
import type { Condition, Effect, Variable, When } from './schema/scenario.js';

/** Variable values by id. Always read with `valueOf` so ids like "constructor" can't reach the prototype. */
export type Variables = Record<string, number>;

/** A variable's change made by one reply, kept so undo can rewind exactly. */
export interface VariableChange {
  var: string;
  from: number;
  to: number;
}

/** A declared variable as numbers: a yes/no flag is 0 (no) or 1 (yes) inside the machine. */
export interface VariableSpec {
  min: number;
  max: number;
  start: number;
  flag: boolean;
}

/** A variable's range and start as numbers (a flag: 0–1, start 1 for true). */
export function specOf(v: Variable): VariableSpec {
  if (v.type === 'flag') return { min: 0, max: 1, start: v.start === true ? 1 : 0, flag: true };
  return { min: v.min ?? 0, max: v.max ?? 0, start: typeof v.start === 'number' ? v.start : 0, flag: false };
}

/** A flag's value in words ("yes"/"no"), a number's as digits. */
export function valueWords(v: Variable | undefined, value: number): string {
  return v?.type === 'flag' ? (value === 1 ? 'yes' : 'no') : String(value);
}

/** The value of a variable, or undefined when it is not set. */
export function valueOf(variables: Variables, id: string): number | undefined {
  return Object.hasOwn(variables, id) ? variables[id] : undefined;
}

/** The conditions of a `when` as a list (one condition or several that must all hold). */
export function conditionsOf(when: When | undefined): Condition[] {
  if (when === undefined) return [];
  return Array.isArray(when) ? when : [when];
}

/** Whether a condition reads the volunteer's conduct rather than a variable. */
export function isConductCondition(condition: Condition): condition is Extract<Condition, { conduct: string }> {
  return 'conduct' in condition;
}

/**
 * Whether one condition holds for these values and this conduct so far (an unknown variable
 * never holds).
 */
export function conditionHolds(condition: Condition, variables: Variables, conduct: Conduct = NO_CONDUCT): boolean {
  const value = isConductCondition(condition) ? conductValue(conduct, condition) : valueOf(variables, condition.var);
  if (value === undefined) return false;
  if (!isConductCondition(condition) && condition.is !== undefined && value !== (condition.is ? 1 : 0)) return false;
  if (condition.gte !== undefined && !(value >= condition.gte)) return false;
  if (condition.gt !== undefined && !(value > condition.gt)) return false;
  if (condition.lte !== undefined && !(value <= condition.lte)) return false;
  if (condition.lt !== undefined && !(value < condition.lt)) return false;
  if (condition.eq !== undefined && !(value === condition.eq)) return false;
  if (condition.ne !== undefined && !(value !== condition.ne)) return false;
  return true;
}

/** Whether a `when` holds for these values and this conduct so far; no `when` always holds. */
export function whenHolds(when: When | undefined, variables: Variables, conduct: Conduct = NO_CONDUCT): boolean {
  if (when === undefined) return true;
  if (!Array.isArray(when)) return conditionHolds(when, variables, conduct);
  for (const c of when) if (!conditionHolds(c, variables, conduct)) return false;
  return true;
}

/** Whether a `when` reads the volunteer's conduct anywhere. */
export function readsConduct(when: When | undefined): boolean {
  return conditionsOf(when).some(isConductCondition);
}

/** The starting values of the declared variables. */
export function initialVariables(variables: readonly Variable[] | undefined): Variables {
  const values: Variables = {};
  for (const v of variables ?? []) values[v.id] = specOf(v).start;
  return values;
}

/** Two lists of changes made one after the other, as one (per variable: the first "from", the last "to"; no-ops dropped). */
export function mergeChanges(first: readonly VariableChange[], then: readonly VariableChange[]): VariableChange[] {
  const out = first.map((c) => ({ ...c }));
  for (const c of then) {
    const earlier = out.find((e) => e.var === c.var);
    if (earlier) earlier.to = c.to;
    else out.push({ ...c });
  }
  return out.filter((c) => c.from !== c.to);
}

/**
 * The value an effect gives its variable from `from`, clamped to the variable's range; undefined
 * when the variable is not declared or has no value (the effect then changes nothing).
 */
export function effectResult(effect: Effect, from: number | undefined, declared: ReadonlyMap<string, Variable>): number | undefined {
  const declaredVar = declared.get(effect.var);
  if (!declaredVar || from === undefined) return undefined;
  const spec = specOf(declaredVar);
  const raw = effect.set !== undefined ? Number(effect.set) : from + (effect.add ?? 0);
  return Math.min(spec.max, Math.max(spec.min, raw));
}

/** Applies effects, clamped to each variable's range; returns the new values and what changed. */
export function applyEffects(
  effects: readonly Effect[] | undefined,
  variables: Variables,
  declared: ReadonlyMap<string, Variable>,
): { variables: Variables; changes: VariableChange[] } {
  if (!effects || effects.length === 0) return { variables, changes: [] };
  const next: Variables = { ...variables };
  const changes: VariableChange[] = [];
  for (const effect of effects) {
    const from = valueOf(next, effect.var);
    const to = effectResult(effect, from, declared);
    if (to === undefined || from === undefined) continue;
    next[effect.var] = to;
    const earlier = changes.find((c) => c.var === effect.var);
    if (earlier) earlier.to = to;
    else changes.push({ var: effect.var, from, to });
  }
  return { variables: next, changes: changes.filter((c) => c.from !== c.to) };
}
