import { pointerWords } from './pointers.js';

/** What a trainer may write as a variable for the volunteer's conduct, and the "conduct" it is. */
const CONDUCT_WORDS: Readonly<Record<string, string>> = {
  score: 'score', percent: 'percent', percentage: 'percent', points: 'points',
  critical: 'critical', 'critical-violations': 'critical', criticals: 'critical', violations: 'violations',
};

/** The "conduct" measure a variable's name written in a condition or effect means ("Score" too), or undefined. */
export function conductMeant(name: string): string | undefined {
  const lower = name.trim().toLowerCase();
  return Object.hasOwn(CONDUCT_WORDS, lower) ? CONDUCT_WORDS[lower] : undefined;
}

/**
 * Why { "var": "score", … } names no variable, and how to write it: in a condition (`condition`, the
 * object written), with "conduct"; in an effect, that no effect changes the score. Undefined when
 * `name` is not a word for the volunteer's conduct. Said once for "score" and "Score" alike (found
 * by author2-50: "Score" was first told to use "score", then, once changed, to write "conduct").
 */
export function conductInsteadOfVar(name: string, condition: Readonly<Record<string, unknown>> | undefined): { why: string; fix: string } | undefined {
  const measure = conductMeant(name);
  if (measure === undefined) return undefined;
  if (condition === undefined) {
    return {
      why: "the volunteer's score is worked out from the replies' assessments, and no effect can change it.",
      fix: 'To make this reply count for more, raise the weight of a principle it follows (in "assessments"); to track something else, declare a variable of its own in "variables", e.g. { "id": "rapport", "label": "…", "min": 0, "max": 100, "start": 50 }.',
    };
  }
  const compared = ['gte', 'gt', 'lte', 'lt', 'eq', 'ne'].filter((k) => typeof condition[k] === 'number').map((k) => `"${k}": ${String(condition[k])}`);
  const written = `{ "conduct": "${measure}"${measure === 'violations' ? ', "principle": "<principle id>"' : ''}, ${compared.length > 0 ? compared.join(', ') : '"gte": 1'} }`;
  return {
    why: 'the volunteer\'s conduct so far (the score, critical violations, points) is tested with "conduct", not "var".',
    fix: `Write ${written} (see ${pointerWords.conditions()}).`,
  };
}
