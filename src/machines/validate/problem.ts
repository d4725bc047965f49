/** A path into the scenario JSON, e.g. ["nodes", 3, "replies", 1, "next"]. */
export type JsonPath = (string | number)[];

/** One thing wrong with a scenario file, located and explained so a trainer can fix it. */
export interface Problem {
  severity: 'error' | 'warning';
  /** A stable code per rule, e.g. "unknown-node"; docs/authoring.md explains each. */
  code: string;
  file: string;
  /** 1-based line and column of the place to look. */
  line: number;
  column: number;
  path: JsonPath;
  /** What is wrong, in plain words. */
  message: string;
  /** How to fix it. */
  fix: string;
}

/** A problem before it is given a place in the file. */
export interface UnlocatedProblem {
  severity: 'error' | 'warning';
  code: string;
  path: JsonPath;
  message: string;
  fix: string;
  /** Point at the property's key rather than its value (for unknown keys). */
  atKey?: boolean;
  /** For text problems: the index inside the decoded string value. */
  stringIndex?: number;
  /** A fixed place, for problems found before the JSON could be parsed. */
  offset?: number;
}

/** "nodes[3].replies[1].next" — the path in the form editors and jq users read. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out || '(top level)';
}

/** One problem as the line a trainer reads: `file:line:col error [code] path: message` then the fix. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column} ${p.severity} [${p.code}] ${formatPath(p.path)}: ${p.message}\n    fix: ${p.fix}`;
}

/** Edit distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** The closest of `candidates` to `word`, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= limit || best.includes(word) || word.includes(best) ? best : undefined;
}

/** ' Did you mean "x"?' or an empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const guess = closest(word, candidates);
  return guess ? ` Did you mean "${guess}"?` : '';
}
