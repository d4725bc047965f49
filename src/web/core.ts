/**
 * The full core (XState, the validator, scoring), loaded when a scenario is opened: the library's
 * first frame needs only `light.js`, so this stays out of the first page's JavaScript.
 */
export type Core = typeof import('../machines/index.js');

let loading: Promise<Core> | undefined;

export function loadCore(): Promise<Core> {
  loading ??= import('../machines/index.js');
  return loading;
}
