import { languageRules, type LanguageRule } from './guide.js';

/** One use of wording the guide asks volunteers to avoid. */
export interface LanguageHit {
  rule: LanguageRule;
  /** Index of the match in the text. */
  index: number;
  /** The words as they appear in the text. */
  match: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NO_HITS: readonly LanguageHit[] = Object.freeze([]);
const QUOTES = new Set(['"', "'", '“', '”', '‘', '’', '«', '»']);

// One pattern for every term of every rule: one scan per text, whatever the number of rules.
const ruleOfTerm = new Map<string, LanguageRule>();
for (const rule of languageRules) for (const term of rule.terms) ruleOfTerm.set(term.toLowerCase(), rule);
const alternatives = [...ruleOfTerm.keys()].sort((a, b) => b.length - a.length).map(escape).join('|');
// The prefilter needs only the terms with no other term inside them ("prostitute" finds "child
// prostitutes" too): a text holding any term holds one of these. Fewer alternatives, a quicker scan.
const terms = [...ruleOfTerm.keys()];
const prefilter = new RegExp(terms.filter((t) => !terms.some((o) => o !== t && t.includes(o))).map(escape).join('|'), 'i');
const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'giu');
const allowedAfter = new Map(languageRules.map((rule) => [rule, rule.allowedWhenFollowedBy.map((w) => new RegExp(`^[\\s-]*${escape(w)}(?![\\p{L}\\p{N}])`, 'iu'))]));

/**
 * Finds wording the guide's "Using Appropriate Language" section rules out. A term written
 * inside quotation marks is a mention ("instead of 'AWOL', say…"), not a use, and is allowed.
 */
export function findLanguageHits(text: string): readonly LanguageHit[] {
  // Almost no text contains any term: a plain search first keeps the full pattern (and a new list) off the common path.
  if (!prefilter.test(text)) return NO_HITS;
  const hits: LanguageHit[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const rule = ruleOfTerm.get(m[0].toLowerCase());
    if (!rule) continue;
    const end = m.index + m[0].length;
    const before = text[m.index - 1];
    const after = text[end];
    if (before !== undefined && after !== undefined && QUOTES.has(before) && QUOTES.has(after)) continue;
    const rest = text.slice(end, end + 40);
    if (allowedAfter.get(rule)?.some((a) => a.test(rest))) continue;
    hits.push({ rule, index: m.index, match: m[0] });
  }
  return hits;
}
