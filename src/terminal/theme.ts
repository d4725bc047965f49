/**
 * Colours are a courtesy, never the message: every coloured thing also carries a word or symbol.
 * With NO_COLOR set (https://no-color.org) no colour is used at all.
 */

/** The colours the app uses, by meaning. Undefined means "no colour". */
export interface Theme {
  good?: string;
  bad?: string;
  warn?: string;
  accent?: string;
  muted?: string;
  /** Whether dim text may be used (off with NO_COLOR, since dim is drawn as a colour on many terminals). */
  dim: boolean;
}

/** The theme for an environment: no colours when NO_COLOR is present and non-empty. */
export function themeFor(env: NodeJS.ProcessEnv): Theme {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return { dim: false };
  return { good: 'green', bad: 'red', warn: 'yellow', accent: 'cyan', muted: 'gray', dim: true };
}
