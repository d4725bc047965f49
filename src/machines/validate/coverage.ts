import { conditionsOf, readsConduct, specOf, whenHolds, type Variables } from '../conditions.js';
import type { Reply, Variable } from '../schema/scenario.js';

const MAX_COMBINATIONS = 50_000;

/**
 * Values of the declared variables under which none of the replies can be chosen, or undefined
 * when some reply is always available. Conditions compare one variable with constants, so each
 * reply's availability only changes at those constants: checking the values at and beside every
 * constant (and the range ends) is exhaustive.
 */
export function valuesDisablingAll(replies: readonly Reply[], declared: ReadonlyMap<string, Variable>): Variables | undefined {
  if (replies.some((r) => r.when === undefined)) return undefined;
  // Conduct is not a declared value to enumerate: the exploration of reachable states (ending
  // integrity) covers conditions on conduct, so this check looks at variables only.
  if (replies.some((r) => readsConduct(r.when))) return undefined;
  const used = new Set<string>();
  for (const r of replies) for (const c of conditionsOf(r.when)) if ('var' in c) used.add(c.var);
  const candidates: [string, number[]][] = [];
  let combinations = 1;
  for (const id of used) {
    const found = declared.get(id);
    if (!found) return undefined;
    const spec = specOf(found);
    const points = new Set<number>([spec.min, spec.max]);
    for (const r of replies) for (const c of conditionsOf(r.when)) {
      if (!('var' in c) || c.var !== id) continue;
      for (const bound of [c.gte, c.gt, c.lte, c.lt, c.eq, c.ne]) {
        if (bound === undefined) continue;
        for (const v of [Math.floor(bound) - 1, Math.floor(bound), Math.ceil(bound), Math.ceil(bound) + 1]) {
          if (v >= spec.min && v <= spec.max) points.add(v);
        }
      }
    }
    candidates.push([id, [...points].sort((a, b) => a - b)]);
    combinations *= points.size;
    if (combinations > MAX_COMBINATIONS) return undefined;
  }
  const values: Variables = {};
  for (const v of declared.values()) values[v.id] = specOf(v).start;
  const search = (i: number): Variables | undefined => {
    if (i === candidates.length) return replies.some((r) => whenHolds(r.when, values)) ? undefined : { ...values };
    const [id, points] = candidates[i] as [string, number[]];
    for (const v of points) {
      values[id] = v;
      const found = search(i + 1);
      if (found) return found;
    }
    return undefined;
  };
  const found = search(0);
  if (!found) return undefined;
  const shown: Variables = {};
  for (const id of used) shown[id] = found[id] as number;
  return shown;
}
