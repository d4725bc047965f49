import { languageRuleIds, principleIds } from '../guide.js';
import { MAX_REPLIES, type Scenario } from '../schema/scenario.js';
import { isBlank } from '../text/clean.js';

/**
 * A fast, allocation-free check that parsed JSON satisfies the zod schema in
 * ../schema/scenario.ts. It is conservative: `true` only when every rule of the schema holds
 * (zod would accept the value and return an equal copy of it), `false` whenever anything is off
 * or unusual, and then the caller runs zod, which reports the problems. So validation is exactly
 * as strict as the schema, and a valid file skips zod's deep copy of every object.
 *
 * Keep in step with the schema: test/machines/conforms.test.ts checks both agree on every
 * fixture, every scenario and many random mutations of them.
 */
export function conformsToScenario(raw: unknown): raw is Scenario {
  return scenarioKeyCount(raw) >= 0;
}

/**
 * conformsToScenario, counting on the way: the number of keys of all the objects of the scenario
 * (every object is checked key by key), or -1 when it does not conform. The validator compares it
 * with the keys in the file's text to tell whether a key can repeat, without walking the value again.
 */
export function scenarioKeyCount(raw: unknown): number {
  keys = 0;
  return conforms(raw) ? keys : -1;
}

/** Keys checked since scenarioKeyCount began (one counter, not a closure or an object per call). */
let keys = 0;

function conforms(raw: unknown): raw is Scenario {
  if (!isPlainObject(raw)) return false;
  for (const key in raw) {
    keys++;
    if (!Object.hasOwn(raw, key)) return false;
    const v = raw[key];
    switch (key) {
      case '$schema': if (typeof v !== 'string') return false; break;
      case 'id': case 'start': if (!isId(v)) return false; break;
      case 'version': if (!isInt(v) || v < 1) return false; break;
      case 'title': if (!isText(v, 120)) return false; break;
      case 'summary': case 'contentNote': if (!isText(v, 600)) return false; break;
      case 'estimatedMinutes': if (!isInt(v) || v < 1 || v > 240) return false; break;
      case 'learningGoals': if (!isNonEmptyArray(v) || !v.every(isPrincipleId)) return false; break;
      case 'characters': if (!isNonEmptyArray(v) || !v.every(isCharacter)) return false; break;
      case 'shuffleReplies': if (typeof v !== 'boolean') return false; break;
      case 'variables': if (!Array.isArray(v) || !v.every(isVariable)) return false; break;
      case 'nodes': if (!isNonEmptyArray(v) || !v.every(isNode)) return false; break;
      case 'authorNotes': if (!isText(v, 4000)) return false; break;
      default: return false;
    }
  }
  return 'id' in raw && 'version' in raw && 'title' in raw && 'summary' in raw && 'contentNote' in raw && 'estimatedMinutes' in raw &&
    'learningGoals' in raw && 'characters' in raw && 'start' in raw && 'nodes' in raw;
}

type Obj = Record<string, unknown>;

const principles = new Set(principleIds);
const languageRules = new Set(languageRuleIds);

function isPlainObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}
function isNonEmptyArray(v: unknown): v is unknown[] {
  return Array.isArray(v) && v.length > 0;
}
function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}
/**
 * The schema's id pattern (SLUG in ../schema/scenario.ts) by hand: lower-case letters and digits
 * in groups joined by single hyphens. An id is checked wherever one is written, tens of thousands
 * of times in a large file, and a call into the regular expression engine costs more than the loop.
 */
function isId(v: unknown): boolean {
  if (typeof v !== 'string' || v.length > 80 || v.length === 0) return false;
  let hyphen = true;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) hyphen = false;
    else if (c === 45 && !hyphen) hyphen = true;
    else return false;
  }
  return !hyphen && v !== 'constructor' && v !== 'prototype';
}
function isText(v: unknown, max: number): boolean {
  if (typeof v !== 'string' || v.length < 1 || v.length > max) return false;
  // Text almost always starts with a visible ASCII character; otherwise look for one that the
  // screens show (escapes, control and invisible characters are cleaned away: INVISIBLE_ONLY).
  const first = v.charCodeAt(0);
  return (first > 32 && first < 127) || !isBlank(v);
}
function isPrincipleId(v: unknown): boolean {
  return typeof v === 'string' && principles.has(v);
}
function isAllowLanguage(v: unknown): boolean {
  if (!isNonEmptyArray(v)) return false;
  for (const id of v) if (typeof id !== 'string' || !languageRules.has(id)) return false;
  return true;
}

/** Every own key of `o` passes `check`, which returns false for keys the schema does not know. */
function keysPass(o: Obj, check: (key: string, value: unknown) => boolean): boolean {
  for (const key in o) {
    keys++;
    if (!Object.hasOwn(o, key) || !check(key, o[key])) return false;
  }
  return true;
}

// The key checks are functions of their own rather than arrows at each call: an arrow is a new
// closure every time it is evaluated, for every object of every file checked.
function characterKey(k: string, x: unknown): boolean {
  switch (k) {
    case 'id': return isId(x);
    case 'name': return isText(x, 80);
    case 'role': return isText(x, 120);
    case 'age': return isInt(x) && x >= 0 && x <= 120;
    case 'description': return isText(x, 600);
    default: return false;
  }
}

function isCharacter(v: unknown): boolean {
  return isPlainObject(v) && 'id' in v && 'name' in v && 'role' in v && keysPass(v, characterKey);
}

function isVariable(v: unknown): boolean {
  if (!isPlainObject(v) || !('id' in v) || !('label' in v) || !('start' in v)) return false;
  const ok = keysPass(v, (k, x) => {
    switch (k) {
      case 'id': return isId(x);
      case 'label': return isText(x, 80);
      case 'type': return x === 'number' || x === 'flag';
      case 'min': case 'max': return isInt(x);
      case 'start': return isInt(x) || typeof x === 'boolean';
      case 'shown': return typeof x === 'boolean';
      default: return false;
    }
  });
  if (!ok) return false;
  return v.type === 'flag'
    ? typeof v.start === 'boolean' && !('min' in v) && !('max' in v) && !('shown' in v)
    : typeof v.start === 'number' && 'min' in v && 'max' in v;
}

const CONDUCT_MEASURES = new Set(['critical', 'score', 'percent', 'points', 'violations']);

function isConductCondition(v: Obj): boolean {
  let ops = 0;
  const ok = keysPass(v, (k, x) => {
    switch (k) {
      case 'conduct': return typeof x === 'string' && CONDUCT_MEASURES.has(x);
      case 'principle': return isPrincipleId(x);
      case 'gte': case 'gt': case 'lte': case 'lt': case 'eq': case 'ne': ops++; return typeof x === 'number' && Number.isFinite(x);
      default: return false;
    }
  });
  return ok && ops > 0 && (v.conduct === 'violations') === ('principle' in v);
}

function isCondition(v: unknown): boolean {
  if (isPlainObject(v) && 'conduct' in v) return isConductCondition(v);
  if (!isPlainObject(v) || !('var' in v)) return false;
  let ops = 0;
  const ok = keysPass(v, (k, x) => {
    switch (k) {
      case 'var': return isId(x);
      case 'gte': case 'gt': case 'lte': case 'lt': case 'eq': case 'ne': ops++; return typeof x === 'number' && Number.isFinite(x);
      case 'is': ops++; return typeof x === 'boolean';
      default: return false;
    }
  });
  return ok && ops > 0;
}

function isWhen(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 && v.every(isCondition) : isCondition(v);
}

function effectKey(k: string, x: unknown): boolean {
  switch (k) {
    case 'var': return isId(x);
    case 'add': return isInt(x);
    case 'set': return isInt(x) || typeof x === 'boolean';
    default: return false;
  }
}

function isEffect(v: unknown): boolean {
  if (!isPlainObject(v) || !('var' in v)) return false;
  return keysPass(v, effectKey) && ('add' in v) !== ('set' in v);
}

function routeKey(k: string, x: unknown): boolean {
  return k === 'to' ? isId(x) : k === 'when' ? isWhen(x) : false;
}

function isRoute(v: unknown): boolean {
  return isPlainObject(v) && 'to' in v && keysPass(v, routeKey);
}

function isNext(v: unknown): boolean {
  return typeof v === 'string' ? isId(v) : isNonEmptyArray(v) && v.every(isRoute);
}

function assessmentKey(k: string, x: unknown): boolean {
  switch (k) {
    case 'principle': return isPrincipleId(x);
    case 'verdict': return x === 'follows' || x === 'violates';
    case 'weight': return isInt(x) && x >= 1 && x <= 3;
    default: return false;
  }
}

function isAssessment(v: unknown): boolean {
  return isPlainObject(v) && 'principle' in v && 'verdict' in v && keysPass(v, assessmentKey);
}

function lineKey(k: string, x: unknown): boolean {
  switch (k) {
    case 'character': return isId(x);
    case 'text': return isText(x, 2000);
    case 'allowLanguage': return isAllowLanguage(x);
    default: return false;
  }
}

function isLine(v: unknown): boolean {
  return isPlainObject(v) && 'character' in v && 'text' in v && keysPass(v, lineKey);
}

function replyKey(k: string, x: unknown): boolean {
  switch (k) {
    case 'id': return isId(x);
    case 'text': return isText(x, 1000);
    case 'kind': return x === 'say' || x === 'do';
    case 'when': return isWhen(x);
    case 'hidden': return typeof x === 'boolean';
    case 'unavailableReason': return isText(x, 160);
    case 'effects': return Array.isArray(x) && x.every(isEffect);
    case 'assessments': return Array.isArray(x) && x.every(isAssessment);
    case 'feedback': return isText(x, 2000);
    case 'next': return isNext(x);
    case 'allowLanguage': return isAllowLanguage(x);
    case 'authorNotes': return isText(x, 4000);
    default: return false;
  }
}

function isReply(v: unknown): boolean {
  return isPlainObject(v) && 'id' in v && 'text' in v && 'assessments' in v && 'feedback' in v && 'next' in v && keysPass(v, replyKey);
}

function variantKey(k: string, x: unknown): boolean {
  return k === 'when' ? isWhen(x) : k === 'narration' ? isText(x, 4000) : false;
}

function isVariant(v: unknown): boolean {
  return isPlainObject(v) && 'when' in v && 'narration' in v && keysPass(v, variantKey);
}

/** Keys every node kind shares, checked the same way (the kind itself was matched by isNode). */
function commonNodeKey(k: string, x: unknown): boolean {
  switch (k) {
    case 'kind': return true;
    case 'id': return isId(x);
    case 'title': return isText(x, 120);
    case 'narration': return isText(x, 4000);
    case 'lines': return Array.isArray(x) && x.every(isLine);
    case 'allowLanguage': return isAllowLanguage(x);
    case 'authorNotes': return isText(x, 4000);
    default: return false;
  }
}

/** Keys of the nodes a trainer-led session pauses on (scenes and decisions): the facilitator's, then the common ones. */
function pausingNodeKey(k: string, x: unknown): boolean {
  if (k === 'facilitatorNote') return isText(x, 2000);
  if (k === 'discussionPrompt') return isText(x, 1000);
  return commonNodeKey(k, x);
}

function sceneKey(k: string, x: unknown): boolean {
  if (k === 'effects') return Array.isArray(x) && x.every(isEffect);
  if (k === 'next') return isNext(x);
  return pausingNodeKey(k, x);
}

function decisionKey(k: string, x: unknown): boolean {
  if (k === 'prompt') return isText(x, 300);
  if (k === 'replies') return Array.isArray(x) && x.length >= 2 && x.length <= MAX_REPLIES && x.every(isReply);
  return pausingNodeKey(k, x);
}

function endingKey(k: string, x: unknown): boolean {
  if (k === 'ending') return x === 'strong' || x === 'mixed' || x === 'harmful';
  if (k === 'variants') return isNonEmptyArray(x) && x.every(isVariant);
  return commonNodeKey(k, x);
}

function isNode(v: unknown): boolean {
  if (!isPlainObject(v) || !('id' in v)) return false;
  switch (v.kind) {
    case 'scene':
      return 'next' in v && (v.narration !== undefined || (Array.isArray(v.lines) && v.lines.length > 0)) && keysPass(v, sceneKey);
    case 'decision':
      return 'replies' in v && keysPass(v, decisionKey);
    case 'ending':
      return 'ending' in v && 'title' in v && 'narration' in v && keysPass(v, endingKey);
    default:
      return false;
  }
}

/** One item of "nodes" that zod's ScenarioNode accepts as it is (see conformsToScenario). */
export function conformsToNode(v: unknown): boolean {
  return isNode(v);
}

/** One item of "characters" that zod's Character accepts as it is. */
export function conformsToCharacter(v: unknown): boolean {
  return isCharacter(v);
}

/** One item of "variables" that zod's Variable accepts as it is. */
export function conformsToVariable(v: unknown): boolean {
  return isVariable(v);
}
