import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/machines/validate/index.js';
import { formatPath, type Problem } from '../../src/machines/validate/problem.js';
import { LineMap } from '../../src/machines/validate/source.js';
import { readFixture } from '../helpers/fixtures.js';
import { Scenario } from '../../src/machines/schema/scenario.js';
import { buildDebrief } from '../../src/machines/scoring.js';

interface Expectation {
  file: string;
  code: string;
  severity: 'error' | 'warning';
  /** formatPath of the problem's JSON path. */
  path: string;
  /** The text the problem's line:column must point at. */
  token: string;
  /** Words the message or fix must contain, so the trainer is told what to do. */
  says: string;
}

// One bad fixture per validator rule; each problem must point at the right place and say how to fix it.
const cases: Expectation[] = [
  { file: 'unknown-field', code: 'unknown-field', severity: 'error', path: 'nodes[0].narations', token: '"narations"', says: 'Did you mean "narration"? Rename it to "narration"' },
  { file: 'missing-feedback', code: 'missing-field', severity: 'error', path: 'nodes[0].replies[2]', token: '{', says: 'The reply "phone-ignore" is missing "feedback". Add "feedback"' },
  { file: 'wrong-type', code: 'wrong-type', severity: 'error', path: 'estimatedMinutes', token: '"five"', says: 'without quotes' },
  { file: 'invalid-value', code: 'invalid-value', severity: 'error', path: 'nodes[5].ending', token: '"neutral"', says: '"strong", "mixed", "harmful"' },
  { file: 'unknown-principle', code: 'unknown-principle', severity: 'error', path: 'nodes[3].replies[1].assessments[0].principle', token: '"no-investigate"', says: 'Did you mean "no-investigating"' },
  { file: 'unknown-language-rule', code: 'unknown-language-rule', severity: 'error', path: 'nodes[1].lines[0].allowLanguage[0]', token: '"slang"', says: '"awol"' },
  { file: 'node-kind', code: 'node-kind', severity: 'error', path: 'nodes[1].kind', token: '"narration"', says: '"scene"' },
  { file: 'invalid-next', code: 'invalid-next', severity: 'error', path: 'nodes[0].replies[2].next', token: '7', says: 'node id or a list of routes' },
  { file: 'invalid-condition', code: 'invalid-condition', severity: 'error', path: 'nodes[0].replies[0].next[0].when', token: '{', says: '"gte": 60' },
  { file: 'invalid-id', code: 'invalid-id', severity: 'error', path: 'id', token: '"Example New Phone"', says: '"example-new-phone"' },
  { file: 'hidden-character-in-id', code: 'invalid-id', severity: 'error', path: 'nodes[0].replies[1].id', token: '"phone-\u200baccuse"', says: '"phone-\\u200baccuse" holds a hidden character, a zero-width space (U+200B), after "phone-": on screen it looks like "phone-accuse", but it is not the same' },
  { file: 'constructor-id', code: 'invalid-id', severity: 'error', path: 'nodes[5].id', token: '"constructor"', says: 'reserved word' },
  { file: 'invalid-effect', code: 'invalid-effect', severity: 'error', path: 'nodes[0].replies[0].effects[0]', token: '{', says: 'both "add" and "set"' },
  { file: 'empty-scene', code: 'empty-scene', severity: 'error', path: 'nodes[1]', token: '{', says: 'Add "narration"' },
  { file: 'missing-next', code: 'missing-field', severity: 'error', path: 'nodes[0].replies[2]', token: '{', says: 'Add "next"' },
  { file: 'duplicate-label', code: 'duplicate-label', severity: 'warning', path: 'variables[1].label', token: '"Jade\'s  Trust"', says: 'the same as that of the number variables[0] ("trust"), "Jade\'s trust": a volunteer would see two meters' },
  { file: 'duplicate-goal', code: 'duplicate-goal', severity: 'warning', path: 'learningGoals[3]', token: '"curious-not-interrogating"', says: 'is listed again: it is listed first at line 11, column 5' },
  { file: 'best-path-blocked-scene', code: 'best-path-blocked', severity: 'warning', path: 'nodes[1].next[0].when', token: '{', says: 'from taking "bonus", so no playthrough can score 100% (the best path earns 4 of 7). The route to "bonus" needs trust ≥ 90, and on the best path trust is 60 there.' },
  { file: 'blank-text', code: 'blank-text', severity: 'error', path: 'nodes[0].replies[2].text', token: '"   "', says: 'Write the text' },
  { file: 'too-few', code: 'too-few', severity: 'error', path: 'nodes[3].replies', token: '[', says: 'has 1 item; it needs at least 2. Give the decision at least two replies' },
  { file: 'too-long', code: 'too-long', severity: 'error', path: 'title', token: '"A very', says: 'limit is 120' },
  { file: 'out-of-range', code: 'out-of-range', severity: 'error', path: 'estimatedMinutes', token: '0', says: 'at least 1' },
  { file: 'proto-key', code: 'unknown-field', severity: 'error', path: '__proto__', token: '"__proto__"', says: 'Remove it' },
  { file: 'duplicate-id', code: 'duplicate-id', severity: 'error', path: 'nodes[2].id', token: '"boyfriend-open"', says: 'its own id' },
  { file: 'reply-id-is-node-id', code: 'reply-id-is-node-id', severity: 'warning', path: 'nodes[0].replies[1].id', token: '"boyfriend-guarded"', says: 'The reply id "boyfriend-guarded" is the id of the scene "boyfriend-guarded" too (nodes[2], line 69, column 13)' },
  { file: 'duplicate-reply-id', code: 'duplicate-id', severity: 'error', path: 'nodes[3].replies[2].id', token: '"phone-ignore"', says: 'unique in the whole scenario' },
  { file: 'unknown-node', code: 'unknown-node', severity: 'error', path: 'nodes[3].replies[2].next', token: '"end-mixd"', says: 'Did you mean "end-mixed" (the mixed ending)? Change it to "end-mixed" (the mixed ending), or add a node with the id "end-mixd".' },
  { file: 'unknown-start', code: 'unknown-node', severity: 'error', path: 'start', token: '"intro"', says: 'first node' },
  { file: 'unknown-variable', code: 'unknown-variable', severity: 'error', path: 'nodes[0].replies[1].effects[0].var', token: '"trsut"', says: 'Did you mean "trust"' },
  { file: 'unknown-character', code: 'unknown-character', severity: 'error', path: 'nodes[1].lines[0].character', token: '"jayde"', says: 'Did you mean "jade"? Change it to "jade", or add a character with the id "jayde".' },
  { file: 'variable-range', code: 'variable-range', severity: 'error', path: 'variables[0].start', token: '150', says: 'between 0 and 100' },
  { file: 'condition-never-true', code: 'condition-never-true', severity: 'warning', path: 'nodes[0].replies[0].next[0].when', token: '{', says: 'from 0 to 100' },
  { file: 'route-no-fallback', code: 'route-no-fallback', severity: 'error', path: 'nodes[0].replies[0].next[1]', token: '{', says: 'no "when"' },
  { file: 'route-never-used', code: 'route-never-used', severity: 'warning', path: 'nodes[0].replies[0].next[1]', token: '{', says: 'to the end' },
  { file: 'flag-never-tested', code: 'flag-never-tested', severity: 'warning', path: 'variables[1].id', token: '"told-supervisor"', says: 'no condition tests it' },
  { file: 'effect-out-of-range', code: 'effect-out-of-range', severity: 'warning', path: 'nodes[0].replies[1].effects[0].set', token: '120', says: 'clamped' },
  { file: 'no-assessment', code: 'no-assessment', severity: 'warning', path: 'nodes[0].replies[2].assessments', token: '[]', says: '"principle"' },
  { file: 'optional-principle-violated', code: 'optional-principle-violated', severity: 'warning', path: 'nodes[3].replies[0].assessments[1].verdict', token: '"violates"', says: 'a CASA may do' },
  { file: 'duplicate-assessment', code: 'duplicate-assessment', severity: 'warning', path: 'nodes[3].replies[0].assessments[1]', token: '{', says: 'one assessment per principle' },
  { file: 'no-ending', code: 'no-ending', severity: 'error', path: 'nodes', token: '[', says: '"kind": "ending"' },
  { file: 'no-facilitator-note', code: 'no-facilitator-note', severity: 'warning', path: 'nodes[3]', token: '{', says: 'facilitatorNote' },
  { file: 'no-discussion-prompt', code: 'no-discussion-prompt', severity: 'warning', path: 'nodes[3]', token: '{', says: 'discussionPrompt' },
  { file: 'all-replies-disabled', code: 'all-replies-disabled', severity: 'error', path: 'nodes[3].replies', token: '[', says: 'trust is' },
  { file: 'strong-after-critical', code: 'strong-after-critical', severity: 'error', path: 'nodes[3].replies[1].next[0]', token: '{ "when": { "var": "trust", "gte": 60 }, "to": "end-strong" }', says: 'the strong ending "end-strong" (nodes[4], line 114, column 5): phone-curious → after-search. The reply "after-search" is itself a prohibited activity' },
  { file: 'strong-under-50', code: 'strong-under-50', severity: 'error', path: 'nodes[3].replies[0].next', token: '"end-strong"', says: 'the strong ending "end-strong" (nodes[4], line 108, column 5): phone-accuse → after-supervisor' },
  { file: 'unreachable', code: 'unreachable', severity: 'warning', path: 'nodes[7]', token: '{', says: '"extra-scene"' },
  { file: 'cycle', code: 'cycle', severity: 'error', path: 'nodes[3].replies[2].next', token: '"phone"', says: 'phone → boyfriend-open → after-visit → phone. Scenarios move forward, so every playthrough ends and can be scored. Point the "next" of the reply "after-wait" (at "after-visit") at a node further on instead of back to "phone".' },
  { file: 'no-way-to-end', code: 'no-way-to-end', severity: 'error', path: 'nodes[8].next', token: '"loop-a"', says: 'No ending can be reached from the loop loop-a → loop-b → loop-a: no way on from these nodes leads to an ending, so a playthrough that gets here never finishes. Shown here: the "next" of "loop-b", which goes back to "loop-a" and closes the loop. Point this "next" at a node that leads to an ending, instead of back to "loop-a"' },
  { file: 'goal-not-assessed', code: 'goal-not-assessed', severity: 'warning', path: 'learningGoals[3]', token: '"self-care"', says: 'Assess it' },
  { file: 'language', code: 'language', severity: 'warning', path: 'nodes[3].narration', token: 'a CSEC', says: 'a youth experiencing CSEC' },
  { file: 'allow-language-unused', code: 'allow-language-unused', severity: 'warning', path: 'nodes[1].lines[0].allowLanguage[0]', token: '"awol"', says: 'Remove it' },
  { file: 'best-path-blocked', code: 'best-path-blocked', severity: 'warning', path: 'nodes[3].replies[0].when', token: '{', says: '"after-supervisor" is offered only when trust ≥ 90, and on the best path trust is 60 there.' },
  { file: 'line-break-in-line', code: 'line-break-in-line', severity: 'warning', path: 'nodes[0].title', token: '"The new\\nphone"', says: 'Write it on one line' },
  { file: 'markdown', code: 'markdown', severity: 'warning', path: 'nodes[0].lines[0].text', token: '*die*', says: 'Write "die" without the asterisks' },
  { file: 'invisible-character', code: 'invisible-character', severity: 'warning', path: 'nodes[0].lines[0].text', token: '\\u200b hour', says: 'This text holds a zero-width space (U+200B) at character 45, after "…t doesn\'t die every": the apps leave it out when they show the text' },
  { file: 'character-unused', code: 'character-unused', severity: 'warning', path: 'characters[1].id', token: '"grandma"', says: 'remove them from "characters"' },
  { file: 'quoted-text', code: 'quoted-text', severity: 'warning', path: 'nodes[0].lines[0].text', token: '"“Look', says: 'Delete the “ at its start and the ” at its end' },
  { file: 'role-in-parentheses', code: 'role-in-parentheses', severity: 'warning', path: 'characters[0].role', token: '"youth (in foster care)"', says: 'without parentheses' },
  { file: 'feedback-no-citation', code: 'feedback-no-citation', severity: 'warning', path: 'nodes[0].replies[0].feedback', token: '"A light', says: 'in parentheses' },
  { file: 'unknown-guide-section', code: 'unknown-guide-section', severity: 'warning', path: 'nodes[0].replies[1].feedback', token: 'Red Flag)', says: 'Did you mean "Red Flags"' },
  { file: 'duplicate-key', code: 'duplicate-key', severity: 'warning', path: 'nodes[3].narration', token: '"narration": "Driving home', says: 'first on line 75); only the last one is used' },
  { file: 'goal-missed-on-best-path', code: 'goal-missed-on-best-path', severity: 'warning', path: 'learningGoals[0]', token: '"no-jumping-to-conclusions"', says: '"phone-ignore" at "phone" does' },
  { file: 'missed-on-best-path', code: 'missed-on-best-path', severity: 'warning', path: 'nodes[0].replies[0].assessments', token: '[{ "principle": "curious-not-interrogating"', says: 'If the best reply there ("phone-curious") also follows "no-jumping-to-conclusions", add that assessment to it' },
  { file: 'best-here-not-best-path', code: 'best-here-not-best-path', severity: 'warning', path: 'nodes[0].replies[0].assessments', token: '[{ "principle": "curious-not-interrogating"', says: 'At "phone" the best-practice path takes "phone-curious" (+2), because it leads to more points later, but "phone-ignore" is worth more there (+3)' },
  { file: 'syntax-trailing-comma', code: 'json-syntax', severity: 'error', path: 'variables[0].shown', token: ',\n    }', says: 'Remove this comma' },
  { file: 'syntax-comment', code: 'json-syntax', severity: 'error', path: 'version', token: '// first draft', says: 'comments are not allowed' },
  { file: 'syntax-unclosed', code: 'json-syntax', severity: 'error', path: 'nodes[6].narration', token: '"', says: 'not closed' },
  { file: 'syntax-unescaped-quote', code: 'syntax-unescaped-quote', severity: 'error', path: 'nodes[0].lines[0].text', token: '"die" every', says: 'Write \\" for a quotation mark inside text' },
  { file: 'syntax-extra-bracket', code: 'syntax-extra-bracket', severity: 'error', path: 'nodes[0].replies[1]', token: '},\n', says: 'one closing bracket too many' },
  { file: 'syntax-extra-quote', code: 'syntax-extra-quote', severity: 'error', path: 'characters[0].name', token: '", "role"', says: 'Remove the extra ", so that the line reads: { "id": "jade", "name": "Jade", "role": "youth", "age": 15 }' },
  { file: 'syntax-curly-quote', code: 'syntax-curly-quote', severity: 'error', path: 'title', token: '“Example', says: 'straight double quotes' },
  { file: 'syntax-line-break', code: 'syntax-line-break', severity: 'error', path: 'nodes[0].narration', token: '\n\nOn a phone', says: 'write \\n' },
  { file: 'syntax-leading-zero', code: 'syntax-leading-zero', severity: 'error', path: 'estimatedMinutes', token: '05,', says: 'write 5' },
  { file: 'not-an-object', code: 'not-an-object', severity: 'error', path: '(top level)', token: '[', says: 'one JSON object' },
  { file: 'string-not-object', code: 'not-an-object', severity: 'error', path: '(top level)', token: '"just a string"', says: 'one JSON object' },
  { file: 'empty-file', code: 'empty-file', severity: 'error', path: '(top level)', token: '', says: 'docs/authoring.md' },
];

function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += (lines[i]?.length ?? 0) + 1;
  return offset + column - 1;
}

/**
 * Errors left once `typed` is written where problem `p` points (replacing `replaced` characters
 * there): typing what a fix says, where it says, should leave none.
 */
function errorsAfterTyping(text: string, p: { line: number; column: number } | undefined, typed: string, replaced = 0) {
  const at = offsetOf(text, p?.line ?? 0, p?.column ?? 0);
  return validateScenario(`${text.slice(0, at)}${typed}${text.slice(at + replaced)}`, 'x.json').problems.filter((q) => q.severity === 'error');
}

describe('every validator rule has a bad fixture that is reported where it is and says how to fix it', () => {
  it.each(cases)('$file → $code at $path', (c) => {
    const bytes = readFixture(`bad/${c.file}.json`);
    const result = validateScenario(bytes, `${c.file}.json`);
    const problem = result.problems.find((p) => p.code === c.code && formatPath(p.path) === c.path) ?? result.problems.find((p) => p.code === c.code);
    expect(problem, JSON.stringify(result.problems, null, 1)).toBeDefined();
    if (!problem) return;
    expect(problem.severity).toBe(c.severity);
    expect(problem.file).toBe(`${c.file}.json`);
    expect(formatPath(problem.path)).toBe(c.path);
    const text = bytes.toString('utf8');
    expect(text.slice(offsetOf(text, problem.line, problem.column)).startsWith(c.token)).toBe(true);
    expect(`${problem.message} ${problem.fix}`).toContain(c.says);
    expect(problem.fix.length).toBeGreaterThan(10);
    // Each is a sentence of its own, in Preview and the terminal: it does not begin in lower case
    // ('the text "narration" is not a node kind.' did).
    expect(problem.message).not.toMatch(/^\p{Ll}/u);
    expect(problem.fix).not.toMatch(/^\p{Ll}/u);
    expect(result.ok).toBe(c.severity === 'warning' && result.errors === 0);
  });

  it('invalid UTF-8 is reported at the line and column of the bad byte', () => {
    const bytes = readFixture('bad/not-utf8.json');
    const result = validateScenario(bytes, 'not-utf8.json');
    expect(result.problems).toHaveLength(1);
    const [p] = result.problems;
    expect(p?.code).toBe('not-utf8');
    const bad = bytes.indexOf(0xe9);
    const before = bytes.subarray(0, bad).toString('utf8');
    expect(new LineMap(before).position(before.length)).toEqual({ line: p?.line, column: p?.column });
  });

  it('with a key repeated, a problem in the value that counts (the last) points at that one', () => {
    // The first "nodes" is a list that passes; the second (the one JSON.parse keeps) has a misspelt field.
    const example = readFixture('good/example.json').toString('utf8');
    const text = example.replace('"nodes": [', '"nodes": [{ "id": "x" }], "nodes": [').replace('"narration": "Driving home', '"narations": "Driving home');
    const p = validateScenario(text, 'twice.json').problems.find((q) => q.code === 'unknown-field');
    expect(p?.path).toEqual(['nodes', 3, 'narations']);
    const lines = text.split('\n');
    expect(lines[(p?.line as number) - 1]?.slice((p?.column as number) - 1)).toMatch(/^"narations"/);
  });

  it('with a key repeated, a place found whole in the first copy is still looked for in the last', () => {
    // The locating pass may stop once every place is found only when no key repeats: here the
    // first "nodes" already holds a nodes[3].narations, but the one that counts is further down.
    const example = readFixture('good/example.json').toString('utf8');
    const decoy = '"nodes": [{ "id": "a" }, { "id": "b" }, { "id": "c" }, { "narations": "first copy" }], ';
    const text = example.replace('"nodes": [', `${decoy}"nodes": [`).replace('"narration": "Driving home', '"narations": "Driving home');
    const p = validateScenario(text, 'twice.json').problems.find((q) => q.code === 'unknown-field');
    expect(p?.path).toEqual(['nodes', 3, 'narations']);
    expect(text.split('\n')[(p?.line as number) - 1]?.slice((p?.column as number) - 1)).toMatch(/^"narations": "Driving home/);
  });

  it('the good example has no problems at all', () => {
    const result = validateScenario(readFixture('good/example.json'), 'example.json');
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.scenario?.id).toBe('example-new-phone');
  });

  it('a variable that no effect changes and no condition tests is a warning at its id (one that is used is not)', () => {
    const text = readFixture('good/example.json').toString('utf8').replace(
      '{ "id": "trust", "label": "Jade\'s trust", "min": 0, "max": 100, "start": 50, "shown": true }',
      '{ "id": "trust", "label": "Jade\'s trust", "min": 0, "max": 100, "start": 50, "shown": true },\n    { "id": "worry", "label": "Your worry", "min": 0, "max": 10, "start": 0, "shown": true }');
    const result = validateScenario(text, 'example.json');
    expect(result.ok).toBe(true);
    expect(result.problems.map((p) => [p.code, p.severity, formatPath(p.path), p.message])).toEqual([
      ['variable-unused', 'warning', 'variables[1].id', 'No effect changes the variable "worry" and no condition tests it, so it does nothing (its meter stays at its start value).'],
    ]);
    expect(text.split('\n')[(result.problems[0]?.line ?? 0) - 1]?.slice((result.problems[0]?.column ?? 0) - 1)).toMatch(/^"worry"/);
  });

  // Found by the authoring pass: a "told-supervisor" flag set by a reply and never tested passed
  // --strict, though it did nothing (a flag, unlike a number, is never shown).
  it('a flag that effects set but no condition tests is a warning at its id (tested, or a number, it is not)', () => {
    const declare = (v: string, effect: string) => readFixture('good/example.json').toString('utf8').replace(
      '{ "id": "trust", "label": "Jade\'s trust", "min": 0, "max": 100, "start": 50, "shown": true }',
      `{ "id": "trust", "label": "Jade's trust", "min": 0, "max": 100, "start": 50, "shown": true },\n    ${v}`).replace('{ "var": "trust", "add": 10 }', `{ "var": "trust", "add": 10 }, ${effect}`);
    const flag = declare('{ "id": "told", "label": "You told the CSW", "type": "flag", "start": false }', '{ "var": "told", "set": true }');
    const result = validateScenario(flag, 'example.json');
    expect(result.ok).toBe(true);
    expect(result.problems.map((p) => [p.code, p.severity, formatPath(p.path), p.message])).toEqual([
      ['flag-never-tested', 'warning', 'variables[1].id', 'The flag "told" is set, but no condition tests it, and a flag is never shown, so setting it changes nothing.'],
    ]);
    expect(result.problems[0]?.fix).toContain('{ "var": "told", "is": true }');
    expect(flag.split('\n')[(result.problems[0]?.line ?? 0) - 1]?.slice((result.problems[0]?.column ?? 0) - 1)).toMatch(/^"told"/);
    // Tested in a route's "when", it is used.
    const tested = flag.replace('"next": "end-mixed"', '"next": [{ "when": { "var": "told", "is": true }, "to": "end-mixed" }, { "to": "end-mixed" }]');
    expect(tested).not.toBe(flag);
    expect(validateScenario(tested, 'example.json').problems.map((p) => p.code)).not.toContain('flag-never-tested');
    // A number's changes show in the feedback: changed and never tested, it is no warning.
    expect(validateScenario(declare('{ "id": "worry", "label": "Your worry", "min": 0, "max": 10, "start": 0 }', '{ "var": "worry", "add": 2 }'), 'example.json').problems).toEqual([]);
  });

  it('a number from 0 to 1 is a warning at its "max" that says to make it a yes/no flag (0 to 2, or a flag, is not)', () => {
    const declare = (v: string) => readFixture('good/example.json').toString('utf8').replace(
      '{ "id": "trust", "label": "Jade\'s trust", "min": 0, "max": 100, "start": 50, "shown": true }',
      `{ "id": "trust", "label": "Jade's trust", "min": 0, "max": 100, "start": 50, "shown": true },\n    ${v}`).replace('{ "var": "trust", "add": 10 }', '{ "var": "trust", "add": 10 }, { "var": "told", "set": 1 }');
    const result = validateScenario(declare('{ "id": "told", "label": "You told the CSW", "min": 0, "max": 1, "start": 0 }'), 'example.json');
    expect(result.problems.map((p) => [p.code, p.severity, formatPath(p.path), p.message])).toEqual([
      ['number-is-yes-no', 'warning', 'variables[1].max', 'The variable "told" is a number from 0 to 1, so a reply\'s feedback shows it changing as "0 → 1".'],
    ]);
    expect(result.problems[0]?.fix).toContain('"type": "flag"');
    expect(validateScenario(declare('{ "id": "told", "label": "Times you told the CSW", "min": 0, "max": 2, "start": 0 }'), 'example.json').problems).toEqual([]);
    const flag = declare('{ "id": "told", "label": "You told the CSW", "type": "flag", "start": false }').replace('{ "var": "told", "set": 1 }', '{ "var": "told", "set": true }');
    // (A flag set and never tested is a warning of its own: see flag-never-tested.)
    expect(validateScenario(flag, 'example.json').problems.map((p) => p.code)).toEqual(['flag-never-tested']);
  });

  it('an empty text is one problem, not two', () => {
    const text = readFixture('good/example.json').toString('utf8').replace('"title": "Example: the new phone"', '"title": ""');
    expect(validateScenario(text, 'x.json').problems.map((p) => p.code)).toEqual(['blank-text']);
  });

  it('an effect with neither "add" nor "set" says so', () => {
    const text = readFixture('good/example.json').toString('utf8').replace('{ "var": "trust", "add": 10 }', '{ "var": "trust" }');
    expect(validateScenario(text, 'x.json').problems.map((p) => p.message)).toEqual(['This effect has neither "add" nor "set", so it changes nothing.']);
  });

  it('reports every problem at once, not only the first', () => {
    const text = readFixture('good/example.json').toString('utf8')
      .replace('"narration": "You meet', '"narations": "You meet')
      .replace('"next": "end-mixed"', '"next": "end-mixd"')
      .replace('"var": "trust", "add": -20', '"var": "trsut", "add": -20');
    const result = validateScenario(text, 'three.json');
    // end-mixed stays reachable through the route on conduct, so nothing is unreachable.
    expect(result.problems.map((p) => p.code).sort()).toEqual(['unknown-field', 'unknown-node', 'unknown-variable']);
  });
});

describe('several mistakes in one object are all reported in one run', () => {
  const good = () => readFixture('good/example.json').toString('utf8');

  it('every missing field of an object is reported, each at the object\'s opening brace', () => {
    const text = good()
      .replace('"id": "phone-accuse",', '')
      .replace('"text": "Who bought you that? You need to tell me the truth.",', '')
      .replace(/"feedback": "Demanding[^\n]*\n/, '');
    const result = validateScenario(text, 'x.json');
    const missing = result.problems.filter((p) => p.code === 'missing-field');
    expect(missing.map((p) => p.message).sort()).toEqual(['A reply is missing "feedback".', 'A reply is missing "id".', 'A reply is missing "text".']);
    for (const p of missing) {
      expect(formatPath(p.path)).toBe('nodes[0].replies[1]');
      expect(text.slice(offsetOf(text, p.line, p.column)).startsWith('{')).toBe(true);
    }
  });
});

describe('the syntax mistakes made most often get one message naming the cause, not a cascade', () => {
  const good = readFixture('good/example.json').toString('utf8');
  const check = (text: string, code: string, token: string) => {
    const result = validateScenario(text, 'x.json');
    expect(result.problems.map((p) => p.code)).toEqual([code]);
    const [p] = result.problems;
    if (p) expect(text.slice(offsetOf(text, p.line, p.column)).startsWith(token)).toBe(true);
    return p;
  };

  it('a quotation mark inside a text: the fix shows the text written safely', () => {
    const p = check(good.replace('"text": "That\'s a nice one! How did you get it?"', '"text": "That\'s a "nice" one! How did you get it?"'), 'syntax-unescaped-quote', '"nice"');
    expect(p?.fix).toContain('Here: "That\'s a \\"nice\\" one! How did you get it?"');
  });

  // Found by author-50: a character's line written in its own quotation marks, as a transcript
  // has it, was shown with two pairs (Kofi (youth): "“Everybody's…”"), though docs/authoring.md says
  // not to add them (Lines; Replies: "write it as speech, without quotation marks"); nothing said so.
  it('a line, or a reply said aloud, written inside quotation marks: a warning each, saying the apps add their own', () => {
    const bad = readFixture('bad/quoted-text.json').toString('utf8');
    const found = validateScenario(bad, 'x.json').problems.filter((p) => p.code === 'quoted-text');
    expect(found.map((p) => [formatPath(p.path), p.severity])).toEqual([['nodes[0].lines[0].text', 'warning'], ['nodes[0].replies[0].text', 'warning']]);
    expect(found[0]?.message).toBe('This line is written inside quotation marks, but the apps put a character\'s words in quotation marks themselves, so a volunteer sees two pairs: Jade (youth): "“Look, finally a phone that doesn\'t die every hour.”"');
    expect(found[0]?.fix).toBe('Delete the “ at its start and the ” at its end: the apps add their own.');
    expect(found[1]?.message).toContain('This reply is written inside quotation marks, but the apps put what the volunteer says in quotation marks themselves');
    expect(found[1]?.fix).toBe('Delete the " at its start and the " at its end (written \\" in the file): the apps add their own.');
    // Not: a "do" reply that quotes what is written, a line that quotes twice, one that starts with a quotation only.
    const good = readFixture('good/example.json').toString('utf8');
    for (const text of [
      good.replace('"text": "That\'s a nice one! How did you get it?"', '"kind": "do", "text": "\\"That\'s a nice one!\\""'),
      good.replace('"text": "Look, finally a phone that doesn\'t die every hour."', '"text": "“No,” she says. “A gift.”"'),
      good.replace('"text": "Look, finally a phone that doesn\'t die every hour."', '"text": "\\"Not for emergencies.\\" See, I listen."'),
    ]) {
      expect(text).not.toBe(good);
      expect(validateScenario(text, 'x.json').problems.filter((p) => p.code === 'quoted-text')).toEqual([]);
    }
  });

  // Found by author-50: a text with one pair of quotation marks written \"…\" and another left
  // bare got "Write \" …" with no "Here:", and the mistakes on later lines were not read on to.
  it('a quotation mark inside a text that has \\" already: the fix shows the text written safely, its \\" kept, and later lines are read on', () => {
    const text = good.replace('"text": "That\'s a nice one! How did you get it?"', '"text": "That\'s a \\"nice\\" one! Did you \\\\ \\"get\\" it "yourself"?"');
    const p = check(text, 'syntax-unescaped-quote', '"yourself"');
    expect(p?.fix).toContain('Here: "That\'s a \\"nice\\" one! Did you \\\\ \\"get\\" it \\"yourself\\"?"');
    // Read on as if mended: a number with a leading zero further down is found too.
    const both = validateScenario(text.replace('"verdict": "violates", "weight": 2', '"verdict": "violates", "weight": 02'), 'x.json');
    expect(both.problems.map((q) => q.code)).toEqual(['syntax-unescaped-quote', 'syntax-leading-zero']);
    // A long text: the part around the bare quotation marks, the \" before them kept.
    const long = validateScenario(good.replace('She is scrolling on a phone you have not seen', 'She is \\"scrolling\\" on a \\"phone\\" you have "not" seen'), 'x.json');
    expect(long.problems.map((q) => q.code)).toEqual(['syntax-unescaped-quote']);
    expect(long.problems[0]?.fix).toContain('Here, in part: "…\\"scrolling\\" on a \\"phone\\" you have \\"not\\" seen before: the newest model."');
  });

  it('a quoted yes, no or +1 inside a text is a quotation mark inside the text, not a value written the wrong way', () => {
    for (const [said, shown] of [['"no"', '\\"no\\"'], ['"Yes!"', '\\"Yes!\\"'], ['"+1"', '\\"+1\\"'], ['"NO"', '\\"NO\\"']] as const) {
      const text = good.replace('"text": "That\'s a nice one! How did you get it?"', `"text": "She said ${said} to me"`);
      const p = check(text, 'syntax-unescaped-quote', said);
      expect(p?.fix).toContain(`Here: "She said ${shown} to me"`);
    }
  });

  it('a quotation mark inside a long text: the fix shows the part around it written safely (docs: "the fix shows your text written the safe way")', () => {
    const p = check(good.replace('She is scrolling on a phone', 'She is "scrolling" on a phone'), 'syntax-unescaped-quote', '"scrolling"');
    expect(p?.fix).toContain('Here, in part: "…café near her placement. She is \\"scrolling\\" on a phone you have not seen…".');
  });

  it('characters pasted from a word processor, or typed as a person would, are named, once each', () => {
    const said = (text: string, token: string) => {
      expect(text).not.toBe(good);
      const p = check(text, 'json-syntax', token);
      return `${p?.message} ${p?.fix}`;
    };
    // An invisible non-breaking space between a name and its value.
    expect(said(good.replace('"title": "Example', '"title":\u00a0"Example'), '\u00a0"Example')).toContain('a non-breaking space (U+00A0)');
    // A dash where a minus sign belongs, and a plus sign.
    expect(said(good.replace('"add": -20', '"add": \u201320'), '\u201320')).toContain('Write the number with the hyphen-minus key: -20');
    expect(said(good.replace('"add": 10', '"add": +10'), '+10')).toContain('Leave out the "+": write 10');
    // True, and yes.
    expect(said(good.replace('"shown": true', '"shown": True'), 'True')).toContain('Write true (in lower case');
    expect(said(good.replace('"shown": true', '"shown": yes'), 'yes')).toContain('Write true (in lower case');
    // Single quotes around a name and a text.
    expect(said(good.replace('"title": "Example: the new phone"', "'title': 'Example: the new phone'"), "'title'")).toContain('double quotes');
    // Control characters outside the texts: a terminal's escape sequence, named whole, and a NUL.
    const escape = said(good.replace('"version": 1,', '"version": 1,\u001b[2J'), '\u001b[2J');
    expect(escape).toContain('a terminal\'s escape sequence "\\u001b[2J"');
    expect(escape).toContain('Delete all 4 of these characters');
    expect(said(good.replace('"version": 1,', '"version": 1,\u0000'), '\u0000')).toContain('an invisible control character "\\u0000" (U+0000)');
    // ESC before the file's own JSON is one character, not a "sequence" that takes the JSON with it.
    expect(said(good.replace('"nodes": [', '"nodes": \u001b['), '\u001b[')).toContain('an invisible control character "\\u001b" (U+001B)');
    // ESC then a "]" of no sequence: ESC alone, then the "]", a bracket too many once ESC is gone.
    const osc = validateScenario(good.replace('"version": 1,', '"version": 1,\u001b]'), 'x.json').problems;
    expect(osc.map((p) => p.code)).toEqual(['json-syntax', 'syntax-extra-bracket']);
    expect(osc[0]?.message).toContain('an invisible control character "\\u001b" (U+001B)');
  });

  it('a missing comma at the end of a line: the fix names the line the comma goes on', () => {
    const text = good.replace('"estimatedMinutes": 5,\n', '"estimatedMinutes": 5\n');
    expect(text).not.toBe(good);
    const line = text.split('\n').findIndex((l) => l.includes('"estimatedMinutes": 5')) + 1;
    const p = check(text, 'json-syntax', '"learningGoals"');
    expect(p?.fix).toBe(`Add a comma at the end of line ${line}, after the value before it.`);
  });

  it('"=" between a name and its value is a missing colon, not a quotation mark inside a text', () => {
    const p = check(good.replace('"title": "Example', '"title" = "Example'), 'json-syntax', '= "Example');
    expect(p?.message).toContain('a colon ":" was expected after the field name, not "="');
    expect(p?.fix).not.toContain('\\"');
  });

  // Authoring leftovers (author-49): the syntax errors a trainer meets most spoke of a "property
  // name", a "key" and a "string", where every other message says field and text.
  it.each([
    ['a colon left out', (t: string) => t.replace('"title": "Example', '"title" "Example')],
    ['"=" for a colon', (t: string) => t.replace('"title": "Example', '"title" = "Example')],
    ['a name without its quotes', (t: string) => t.replace('"estimatedMinutes": 5', 'estimatedMinutes: 5')],
    ['a value left out', (t: string) => t.replace('"estimatedMinutes": 5', '"estimatedMinutes": ')],
    ['a character that is no value', (t: string) => t.replace('"estimatedMinutes": 5', '"estimatedMinutes": #5')],
    ['a text not closed at the end of the file', (t: string) => `${t.trimEnd().slice(0, -1)}, "x": "open`],
    ['a tab typed inside a text', (t: string) => t.replace('"title": "Example', '"title": "Exa\tmple')],
  ])('%s: the message and fix say "field" and "text", not "property", "key" or "string"', (_name, edit) => {
    const text = edit(good);
    expect(text).not.toBe(good);
    const { problems } = validateScenario(text, 'x.json');
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(`${p.message} ${p.fix}`).not.toMatch(/\b(propert(y|ies)|keys?|strings?)\b/i);
  });

  it('a text pasted with its line breaks: one problem, at the break', () => {
    const text = good.replace('She is scrolling on a phone', 'She is scrolling.\n\nOn a phone');
    expect(text).not.toBe(good);
    const p = check(text, 'syntax-line-break', '\n\nOn a phone');
    expect(p?.fix).toContain('write \\n');
  });

  // Found by the authoring pass: a paragraph pasted over four lines was "this text runs over a line
  // break" and "Join it with the next line (delete the line break here)", once per run of validate.
  it('a text pasted over several lines: the message counts the breaks and names the line it ends on, and joining them as told fixes it', () => {
    const text = good.replace('She is scrolling on a phone', 'She is scrolling.\r\n\r\nOn a phone\r\nthat');
    expect(text).not.toBe(good);
    const p = check(text, 'syntax-line-break', '\r\n\r\nOn a phone');
    const line = text.slice(0, text.indexOf('that')).split('\n').length;
    expect(p?.message).toBe(`Not valid JSON: this text runs over 3 line breaks, down to line ${line}. In JSON a text stays on one line, however long.`);
    expect(p?.fix).toBe(`Join its 4 lines into one (delete each line break, from here to line ${line}), and write \\n where the text should start a new line (\\n\\n for a new paragraph, where it has an empty line).`);
    const joined = text.replace('She is scrolling.\r\n\r\nOn a phone\r\nthat', 'She is scrolling.\\n\\nOn a phone that');
    expect(validateScenario(joined, 'x.json').problems.filter((q) => q.severity === 'error')).toEqual([]);
    // Without an empty line, no word of one.
    const two = check(good.replace('She is scrolling on a phone', 'She is scrolling\non a\nphone'), 'syntax-line-break', '\non a');
    expect(two?.message).toContain('runs over 2 line breaks');
    expect(two?.fix).not.toContain('empty line');
  });

  // Found by the authoring pass: an ending's narration (the last field of its object) pasted with a
  // line break gave "a string is not closed" and a cascade of "unexpected character", one per word.
  it('a text pasted with its line breaks as the last field of its object: one problem, at the break', () => {
    const from = '"narration": "Nothing bad happens this week, but the team does not know what you noticed."';
    expect(good).toContain(from);
    const text = good.replace(from, from.replace('this week, but', 'this week,\nbut'));
    expect(text).not.toBe(good);
    const p = check(text, 'syntax-line-break', '\nbut the team');
    expect(p?.fix).toContain('write \\n');
  });

  // Found by author-50: a paragraph pasted with its line breaks whose later line quotes someone
  // ('Then she said "nobody gets it".') gave five errors: "a text is not closed", three
  // "unexpected character" ("remove this character") and "Add a comma between said and "nobody
  // gets it"", none of them the line break. Now the one line-break problem, which says the quotation
  // marks inside need \" too; a field on the next line is still a closing quote left out.
  it('a text pasted with its line breaks and quotation marks on a later line: one problem, at the break, naming the quotation marks too', () => {
    const text = good.replace('She is scrolling on a phone', 'She is scrolling.\nThen she said "nobody gets it".\n\nOn a phone');
    expect(text).not.toBe(good);
    const p = check(text, 'syntax-line-break', '\nThen she said');
    const line = text.slice(0, text.indexOf('On a phone')).split('\n').length;
    expect(p?.message).toBe(`Not valid JSON: this text runs over 3 line breaks, down to line ${line}. In JSON a text stays on one line, however long.`);
    expect(p?.fix).toBe(`Join its 4 lines into one (delete each line break, from here to line ${line}), and write \\n where the text should start a new line (\\n\\n for a new paragraph, where it has an empty line). It also has quotation marks inside it (line ${line - 2}): write each as \\" (or use ' or “ ” there).`);
    const mended = text.replace('She is scrolling.\nThen she said "nobody gets it".\n\nOn a phone', 'She is scrolling.\\nThen she said \\"nobody gets it\\".\\n\\nOn a phone');
    expect(validateScenario(mended, 'x.json').problems.filter((q) => q.severity === 'error')).toEqual([]);
    // One break, the quotation marks on the line that closes the text.
    const one = check(good.replace('She is scrolling on a phone', 'She is scrolling.\nShe says "hi" on a phone'), 'syntax-line-break', '\nShe says');
    expect(one?.fix).toContain('It also has quotation marks inside it (line');
    // A closing quote left out before a field on the next line is not taken for a line break.
    const left = check(good.replace('"title": "Example: the new phone",', '"title": "Example: the new phone'), 'json-syntax', '\n  "summary"');
    expect(left?.code).toBe('json-syntax');
  });

  // Found by hostile-50: a list written one text a line ("learningGoals": [ … ]) with a closing quote
  // left out ("no-jumping-to-conclusions,) was told the text runs over a line break and has
  // quotation marks inside it, the next item's quotes taken for a quotation: before, and now again,
  // "no closing double quote", with the text as it should be.
  it('a list of texts one a line, a closing quote left out: not a line break with quotation marks', () => {
    const goals = '"learningGoals": ["no-jumping-to-conclusions", "curious-not-interrogating", "consult-supervisor-on-suspicion"]';
    expect(good).toContain(goals);
    const lines = good.replace(goals, '"learningGoals": [\n    "no-jumping-to-conclusions",\n    "curious-not-interrogating",\n    "consult-supervisor-on-suspicion"\n  ]');
    expect(validateScenario(lines, 'x.json').ok).toBe(true);
    for (const [goal, next] of [['no-jumping-to-conclusions', 'curious-not-interrogating'], ['curious-not-interrogating', 'consult-supervisor-on-suspicion']]) {
      const { problems } = validateScenario(lines.replace(`"${goal}",`, `"${goal},`), 'x.json');
      expect(problems.map((p) => [p.code, p.message]), next).toEqual([['json-syntax', 'Not valid JSON: this text has no closing double quote, so it runs on to the end of the line.']]);
      expect(problems[0]?.fix).toBe(`Add " at the end of the text, before the comma: "${goal}",`);
    }
  });

  // Found by author-50: when the first line of the pasted text quotes someone, the message was the
  // quotation mark alone ("Write \" for a quotation mark…", no example), and the line breaks came
  // only at the next check. Now its fix says the text runs over them too, and where it ends.
  it('a text pasted with its line breaks and quotation marks on its first line: the quotation-mark fix names the line breaks too', () => {
    const text = good.replace('She is scrolling on a phone', 'She said "I handled it" twice.\nThen she left.\n\nOn a phone');
    const p = check(text, 'syntax-unescaped-quote', '"I handled');
    const line = text.slice(0, text.indexOf('On a phone')).split('\n').length;
    expect(p?.fix).toBe(`Write \\" for a quotation mark inside text, or use ' or “ ” instead. The text also runs over 3 line breaks, down to line ${line}: join its 4 lines into one, and write \\n where it should start a new line (\\n\\n for a new paragraph, where it has an empty line).`);
  });

  // Found by author-50: the worked example copied from docs/authoring.md as written there, with its
  // Markdown fence (```json … ```), was "unexpected character: … remove this character, or put the
  // text it is part of in double quotes" at line 1 and at the end, which says nothing of the fence.
  it('a Markdown code fence copied with the example: each fence line named as such, to delete', () => {
    const text = `\`\`\`json\n${good}\`\`\`\n`;
    const { problems } = validateScenario(text, 'x.json');
    expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([['json-syntax', 1, 1], ['json-syntax', text.split('\n').length - 1, 1]]);
    expect(problems[0]?.message).toBe('Not valid JSON: "```json" is a Markdown code fence, the line around an example on a Markdown page (such as docs/authoring.md); it is not part of the scenario.');
    expect(problems[0]?.fix).toBe('Delete this line. A scenario file starts with { and ends with }.');
    expect(problems[1]?.message).toBe('Not valid JSON: "```" is a Markdown code fence, the line around an example on a Markdown page (such as docs/authoring.md); it is not part of the scenario.');
    // Deleting both lines leaves the file as good as before.
    expect(validateScenario(good, 'x.json').problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  // Found by author-50: a field name that lost one of its double quotes. Without the opening one
  // (title": "…") it was three or four "unexpected character" / "a text is not closed" errors;
  // without the closing one ("title: "…") it was syntax-unescaped-quote, whose "Here:" made the
  // name "title: \"The new phone" and the field lost. One problem each, naming the quote to add.
  it('a field name missing its opening or its closing double quote: one problem, the quote to add', () => {
    const open = validateScenario(good.replace('"title": "Example: the new phone",', 'title": "Example: the new phone",'), 'x.json').problems;
    expect(open.map((p) => [p.code, formatPath(p.path)])).toEqual([['json-syntax', 'title']]);
    expect(open[0]?.message).toBe('Not valid JSON: the field name title has no opening double quote.');
    expect(open[0]?.fix).toBe('Add a " before it: "title":');
    const close = validateScenario(good.replace('"title": "Example: the new phone",', '"title: "Example: the new phone",'), 'x.json').problems;
    expect(close.map((p) => [p.code, formatPath(p.path)])).toEqual([['json-syntax', 'title']]);
    expect(close[0]?.message).toBe('Not valid JSON: the field name "title has no closing double quote.');
    expect(close[0]?.fix).toBe('Add a " after it, before the colon: "title":');
    // Placed at the name, and read on: a mistake on a later line is found too.
    expect(good.replace('"title": "Example: the new phone",', 'title": "Example: the new phone",').split('\n')[(open[0]?.line ?? 0) - 1]?.slice((open[0]?.column ?? 0) - 1).startsWith('title"')).toBe(true);
    const both = validateScenario(good.replace('"title": "Example: the new phone",', 'title": "Example: the new phone",').replace('"estimatedMinutes": 5', '"estimatedMinutes": 05'), 'x.json').problems;
    expect(both.map((p) => p.code)).toEqual(['json-syntax', 'syntax-leading-zero']);
  });

  // Found by author-50: a note written after # (as in a spreadsheet or a YAML file) was two
  // "unexpected character … remove this character" errors; a // note is "comments are not allowed".
  it('a note after #: told comments are not allowed, as a // note is, once, with the field it follows', () => {
    const text = good.replace('"estimatedMinutes": 5,', '"estimatedMinutes": 5, # ask Maria');
    const { problems } = validateScenario(text, 'x.json');
    expect(problems.map((p) => [p.code, formatPath(p.path), p.message])).toEqual([['json-syntax', 'estimatedMinutes', 'Not valid JSON: comments are not allowed in JSON, and the note after # on this line (# ask Maria) is one.']]);
    expect(problems[0]?.fix).toBe('Delete the note, from # to the end of the line. Notes for other authors go in "authorNotes" (never shown); notes for the trainer leading a session, in "facilitatorNote".');
    expect(text.split('\n')[(problems[0]?.line ?? 0) - 1]?.slice((problems[0]?.column ?? 0) - 1)).toBe('# ask Maria');
    // On a line of its own too, and read on past it.
    const own = validateScenario(good.replace('"estimatedMinutes": 5,', '# first draft\n  "estimatedMinutes": 05,'), 'x.json').problems;
    expect(own.map((p) => [p.code, p.message])).toEqual([['json-syntax', 'Not valid JSON: comments are not allowed in JSON, and the note after # on this line (# first draft) is one.'], ['syntax-leading-zero', expect.any(String)]]);
  });

  // Found by validator-52: "minutes": 5 # "five" minutes with the comma left out was a comment at
  // the # and then "a comma was expected between two items" at the next line, its path "five" (the
  // note's quoted word read as a field's name), its fix "at the end of line 8" (inside the note).
  it.each([
    ['a number, the note quoting', '"estimatedMinutes": 5,', '"estimatedMinutes": 5 # "five" minutes', 'estimatedMinutes', '5', '"estimatedMinutes": 5,'],
    ['a number, the note plain', '"estimatedMinutes": 5,', '"estimatedMinutes": 5 # five minutes', 'estimatedMinutes', '5', '"estimatedMinutes": 5,'],
    ['a text, the comma typed at the note\'s end', '"title": "Example: the new phone",', '"title": "Example: the new phone" # "draft" title,', 'title', '"Example: the new phone"', '"title": "Example: the new phone",'],
    ['an item of a list', '"learningGoals": ["no-jumping-to-conclusions", "curious-not-interrogating", "consult-supervisor-on-suspicion"],', '"learningGoals": [\n    "no-jumping-to-conclusions" # "main" goal\n    "curious-not-interrogating", "consult-supervisor-on-suspicion"],', 'learningGoals[0]', '"no-jumping-to-conclusions"', '"no-jumping-to-conclusions",'],
  ])('a # note after %s with the comma missing: one problem at the #, naming the note and the comma to add before it', (_, from, to, path, value, line) => {
    expect(good).toContain(from);
    const text = good.replace(from, to);
    const { problems } = validateScenario(text, 'x.json');
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['json-syntax', path]]);
    const p = problems[0] as Problem;
    const written = text.split('\n')[p.line - 1] ?? '';
    expect(written.slice(p.column - 1)).toMatch(/^# /);
    expect(p.message).toContain(`the note after # on this line (${written.slice(p.column - 1).trimEnd()}) is one; the comma after ${value} is missing too`);
    // The comma goes right after the value, before the note: at the column the fix names.
    const column = written.indexOf(value) + value.length + 1;
    expect(p.fix).toMatch(/^Delete the note, from # to the end of the line \(notes for other authors go in "authorNotes"/);
    expect(p.fix.endsWith(`type a comma right after ${value}, at line ${p.line}, column ${column}, so that the line reads: ${line}`)).toBe(true);
    expect(written.slice(0, column - 1).trimStart() + ',').toBe(line);
    expect(p.message.includes('the comma at the end of the note is part of the note')).toBe(to.includes('title,'));
  });

  it('a # note after a value with the comma there, or before a closing bracket: the note alone, no comma asked for', () => {
    for (const [from, to] of [['"estimatedMinutes": 5,', '"estimatedMinutes": 5, # "five" minutes'], ['"consult-supervisor-on-suspicion"],', '"consult-supervisor-on-suspicion" # "last" one\n  ],']] as const) {
      expect(good).toContain(from);
      const { problems } = validateScenario(good.replace(from, to), 'x.json');
      expect(problems).toHaveLength(1);
      expect(problems[0]?.message).toMatch(/the note after # on this line \(# "[a-z]+" [a-z]+\) is one\.$/);
      expect(problems[0]?.fix).not.toContain('comma');
    }
  });

  // Found by hostile-50: a text with a quotation mark left bare just before a # ("He wrote "#1 fan"
  // on the card.") was told "comments are not allowed in JSON", the rest of its line taken for the
  // note, then "a comma was expected" on the next line. The # is inside the text: the quote is the mistake.
  it('a # just after a quotation mark left bare inside a text: the quotation mark, not a comment', () => {
    const narration = '"narration": "You meet Jade at a café near her placement. She is scrolling on a phone you have not seen before: the newest model.",';
    expect(good).toContain(narration);
    const { problems } = validateScenario(good.replace(narration, '"narration": "He wrote "#1 fan" on the card.",'), 'x.json');
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['syntax-unescaped-quote', 'nodes[0].narration']]);
    expect(problems[0]?.fix).toContain('Here: "He wrote \\"#1 fan\\" on the card."');
    // A note after a text and its comma may quote: still a note.
    const note = validateScenario(good.replace(narration, `${narration} # the "best" opening`), 'x.json').problems;
    expect(note.map((p) => [p.code, p.message])).toEqual([['json-syntax', 'Not valid JSON: comments are not allowed in JSON, and the note after # on this line (# the "best" opening) is one.']]);
    // A note quoting after a text with its comma left out: the note (and the comma), not a quotation mark inside the text.
    const id = validateScenario(good.replace('"id": "phone-curious",', '"id": "phone-curious" # "curious" reply'), 'x.json').problems;
    expect(id.map((p) => [p.code, formatPath(p.path)])).toEqual([['json-syntax', 'nodes[0].replies[0].id']]);
    expect(id[0]?.message).toContain('the comma after "phone-curious" is missing too');
  });

  // Found by author-50: a line ended with ; or . where the comma goes ("title": "The gloves";) was
  // "unexpected character … remove this character, or put the text it is part of in double quotes"
  // and then "a comma was expected": two problems for one mark. Now one, naming the mark.
  it('a semicolon or full stop where the comma after a value goes: one problem, to write a comma', () => {
    for (const mark of [';', '.']) {
      const text = good.replace('"title": "Example: the new phone",', `"title": "Example: the new phone"${mark}`);
      const { problems } = validateScenario(text, 'x.json');
      expect(problems.map((p) => [p.code, formatPath(p.path)]), mark).toEqual([['json-syntax', 'title']]);
      expect(problems[0]?.message, mark).toBe(`Not valid JSON: ${mark === ';' ? 'a semicolon ;' : 'a full stop .'} after the value, where the comma that separates it from the next field goes.`);
      expect(problems[0]?.fix, mark).toBe(`Write a comma instead: "Example: the new phone",`);
    }
    // Between two fields of one line too.
    const last = validateScenario(good.replace('"ending": "strong",', '"ending": "strong";'), 'x.json').problems;
    expect(last.map((p) => p.code)).toEqual(['json-syntax']);
    // After the last value of its object: delete it.
    const end = validateScenario(good.replace('"age": 15 }', '"age": 15; }').replace('"age": 15;', '"age": 15;\n   '), 'x.json').problems;
    expect(end.map((p) => [p.code, p.message, p.fix])).toEqual([['json-syntax', 'Not valid JSON: a semicolon ; after the last value of its object.', 'Delete the ;, so that the line ends with the value: 15']]);
  });

  // Found by author2-50: a colon typed where the comma goes ("title": "x": "summary": …, or
  // "title": "x": at a line's end) was "a comma was expected between two items … add a comma after
  // the value before it", then "a value was expected here": two generic problems for one mark.
  it('a colon where the comma after a value goes: one problem, naming the colon, to write a comma', () => {
    const said = (t: string) => validateScenario(t, 'x.json').problems.map((p) => [p.code, formatPath(p.path), p.message, p.fix]);
    const message = 'Not valid JSON: a colon : after the value, where the comma that separates it from the next field goes. A colon goes only between a field\'s name and its value.';
    const title = '"title": "Example: the new phone",';
    // Two fields on one line.
    expect(said(good.replace(title, '"title": "Example: the new phone": "summary": "x",'))).toEqual([['json-syntax', 'title', message, 'Write a comma instead: "Example: the new phone",']]);
    // At the end of a line, the next field on the line after.
    const end = good.replace(title, '"title": "Example: the new phone":');
    expect(said(end)).toEqual([['json-syntax', 'title', message, 'Write a comma instead: "Example: the new phone",']]);
    const at = validateScenario(end, 'x.json').problems[0];
    expect(at && [at.line, at.column]).toEqual([5, 36]);
    // After a number.
    expect(said(good.replace('"estimatedMinutes": 5,', '"estimatedMinutes": 5:'))).toEqual([['json-syntax', 'estimatedMinutes', message, 'Write a comma instead: 5,']]);
    // After the last value of its object: delete it.
    expect(said(good.replace('"age": 15 }', '"age": 15:\n }'))).toEqual([['json-syntax', 'characters[0].age', 'Not valid JSON: a colon : after the last value of its object. A colon goes only between a field\'s name and its value.', 'Delete the :, so that the line ends with the value: 15']]);
  });

  // Found by validator-51: "title": "x": "y", (a second value after a colon, and no field name
  // for it) was "a comma was expected between two items … add a comma after the value before it",
  // then "a value was expected here": two generic problems, and a comma alone leaves "y" nameless.
  it('a colon and a second value after a field\'s value: one problem at the colon, with both ways to mend it', () => {
    const title = '"title": "Example: the new phone",';
    const text = good.replace(title, '"title": "Example": "the new phone",');
    const problems = validateScenario(text, 'x.json').problems;
    expect(problems.map((p) => [p.code, formatPath(p.path), p.line, p.column])).toEqual([['json-syntax', 'title', 5, 21]]);
    expect(text.split('\n')[4]?.slice(20)).toMatch(/^: "the new phone"/);
    expect(problems[0]?.message).toBe('Not valid JSON: the value "Example" is followed by a colon : and a second value, "the new phone", but a field has one value. A colon goes only between a field\'s name and its value.');
    expect(problems[0]?.fix).toBe('If "the new phone" is the value of another field, end this one with a comma and write that field\'s name in double quotes before the colon: "title": "Example", "name-of-the-field": "the new phone". If the colon is part of the text, put the whole text in one pair of quotes: "title": "Example: the new phone".');
    // After a number: only the comma and a name (no text to join).
    const minutes = validateScenario(good.replace('"estimatedMinutes": 5,', '"estimatedMinutes": 5: 10,'), 'x.json').problems;
    expect(minutes.map((p) => [formatPath(p.path), p.fix])).toEqual([['estimatedMinutes', 'If 10 is the value of another field, end this one with a comma and write that field\'s name in double quotes before the colon: "estimatedMinutes": 5, "name-of-the-field": 10.']]);
    // Read on past it: a mistake on a later line is still found.
    const both = validateScenario(text.replace('"estimatedMinutes": 5', '"estimatedMinutes": 05'), 'x.json').problems;
    expect(both.map((p) => p.code)).toEqual(['json-syntax', 'syntax-leading-zero']);
    // What is echoed is shown escaped: a bidi control in the value does not reach the terminal.
    const hidden = validateScenario(good.replace(title, '"title": "Example": "the \u202enew phone",'), 'x.json').problems;
    expect(hidden.map((p) => p.code)).toContain('json-syntax');
    for (const p of hidden) expect(`${p.message} ${p.fix}`).not.toMatch(/\u202e/);
  });

  // Found by validator-51: a comma left out before a // or /* */ comment that quotes someone
  // ("title": "x" // ask "Maria") was "a \" inside the text ends the text early", the comment's own
  // quotation mark taken for one in the title. The comment and the comma are each named, the comma
  // where it goes: before the comment (at the end of the line it would be inside the comment).
  it('a comma left out before a comment holding quotation marks: the comment, then the comma, placed before the comment', () => {
    const title = '"title": "Example: the new phone",';
    const said = (t: string) => validateScenario(t, 'x.json').problems.map((p) => [p.code, formatPath(p.path), p.line, p.column, p.fix]);
    const comment = 'Remove the comment; put notes for other authors in "authorNotes" (never shown), or notes for the trainer leading a session in "facilitatorNote".';
    const comma = 'Add a comma right after "Example: the new phone", at line 5, column 36: before the comment, not after it (a comma inside a comment does not count).';
    for (const note of ['// ask "Maria" about this', '/* the "old" title */', '// ask Maria about this']) {
      const problems = validateScenario(good.replace(title, `"title": "Example: the new phone" ${note}`), 'x.json').problems;
      expect(problems.map((p) => [p.code, formatPath(p.path), p.line, p.column, p.message, p.fix]), note).toEqual([
        ['json-syntax', 'title', 5, 37, 'Not valid JSON: comments are not allowed in JSON.', comment],
        ['json-syntax', 'summary', 6, 3, 'Not valid JSON: a comma was expected before the field "summary".', comma],
      ]);
    }
    // A comment on a line of its own below, and a text with // in it ("https://…"), before the comma's place.
    expect(said(good.replace(title, '"title": "See https://example.org/x"\n  // the "old" title'))).toEqual([
      ['json-syntax', 'title', 6, 3, comment],
      ['json-syntax', 'summary', 7, 3, 'Add a comma right after "See https://example.org/x", at line 5, column 39: before the comment, not after it (a comma inside a comment does not count).'],
    ]);
    // With its comma, the comment alone.
    expect(said(good.replace(title, `${title} // ask "Maria"`)).map((p) => p[4])).toEqual([comment]);
  });

  // Found by validator-51 writing files as a trainer would: a value written the way one says it
  // ("estimatedMinutes": 5 minutes, "start": fifty) was "unexpected character … remove this
  // character, or put the text it is part of in double quotes" (quotes would make it a text, which
  // a number field refuses), the second with "a value was expected here" too.
  it('a number with words after it, or a number in words: one problem, with the number as it should be written', () => {
    const said = (t: string) => validateScenario(t, 'x.json').problems.map((p) => [p.code, formatPath(p.path), p.line, p.column, p.message, p.fix]);
    expect(said(good.replace('"estimatedMinutes": 5,', '"estimatedMinutes": 5 minutes,'))).toEqual([['json-syntax', 'estimatedMinutes', 8, 25,
      'Not valid JSON: the number 5 has words after it, "minutes". A number is written alone, without a unit or any words.',
      'Delete "minutes", so that it reads: "estimatedMinutes": 5 (the field\'s meaning gives the unit; a note for other authors goes in "authorNotes").']]);
    expect(said(good.replace('"age": 15 }', '"age": 15 years old }')).map((p) => p.slice(0, 2).concat(p[4] as string))).toEqual([['json-syntax', 'characters[0].age', 'Not valid JSON: the number 15 has words after it, "years old". A number is written alone, without a unit or any words.']]);
    expect(said(good.replace('"start": 50,', '"start": fifty,'))).toEqual([['json-syntax', 'variables[0].start', 14, 78,
      'Not valid JSON: "fifty" is a number written in words; JSON needs it in digits.', 'Write 50 (in digits, without quotes): "start": 50.']]);
    expect(said(good.replace('"estimatedMinutes": 5,', '"estimatedMinutes": twenty-five,')).map((p) => p[5])).toEqual(['Write 25 (in digits, without quotes): "estimatedMinutes": 25.']);
    // Read on past it: a later mistake is found too.
    expect(validateScenario(good.replace('"estimatedMinutes": 5,', '"estimatedMinutes": 5 minutes,').replace('"start": 50,', '"start": fifty,'), 'x.json').problems.map((p) => p.line)).toEqual([8, 14]);
    // Other words keep their own messages: yes for true, a text without quotes.
    expect(said(good.replace('"shown": true', '"shown": yes')).map((p) => p[5])).toEqual(['Write true (in lower case, without quotes): JSON\'s yes and no are true and false.']);
    expect(said(good.replace('"title": "Example: the new phone",', '"title": Example the new phone,')).map((p) => p[4])).toEqual(['Not valid JSON: this text is not in double quotes.']);
  });

  // Found by validator-51: words after the scenario's last } ("Thanks, Maria", pasted from an email)
  // were "unexpected character … remove this character, or put the text it is part of in double
  // quotes", then "more text after the end"; a file whose first { was deleted was "more text after
  // the end of the scenario object" at the colon after "$schema", which reads as nonsense.
  it('text after the scenario\'s last }, or the file\'s first { missing: one problem that says which', () => {
    const after = validateScenario(`${good.trimEnd()}\n\nThanks, Maria\nSent from my phone\n`, 'x.json').problems;
    const last = good.trimEnd().split('\n').length;
    expect(after.map((p) => [p.code, p.line, p.column, p.message, p.fix])).toEqual([['json-syntax', last + 2, 1,
      `Not valid JSON: there is text after the } that closes the scenario (on line ${last}): "Thanks, Maria" and 1 more line.`,
      'Delete it: a scenario file is one { … } object and nothing after its last }. A note for other authors goes in "authorNotes", inside the object.']]);
    // A } too many and a second scenario keep their own messages.
    expect(validateScenario(`${good.trimEnd()}\n}\n`, 'x.json').problems.map((p) => p.code)).toEqual(['syntax-extra-bracket']);
    expect(validateScenario(`${good.trimEnd()}\n${good}`, 'x.json').problems.map((p) => p.message)).toEqual([expect.stringContaining('more text after the end of the scenario object')]);
    const opened = validateScenario(good.replace(/^\{/, ''), 'x.json').problems;
    expect(opened.map((p) => [p.code, p.line, p.column, p.message, p.fix])).toEqual([['syntax-not-closed', 2, 3,
      'Not valid JSON: the file starts with the field "$schema", but fields go inside an object: the { that opens the scenario is missing.',
      'Add a { at the very start of the file, before "$schema" (the } that closes it is already at the end).']]);
    expect(validateScenario(good.replace(/^\{/, '').trimEnd().replace(/\}$/, ''), 'x.json').problems[0]?.fix).toBe('Add a { at the very start of the file, before "$schema", and a } at its end to close it.');
  });

  // Found by validator-51: a Windows path in a note ("See C:\Users\maria\notes") was "this
  // backslash escape is not valid JSON" at the text's opening quote, with the list of JSON's escapes.
  it('a backslash that makes no escape: placed at it, with the text as it should be written', () => {
    const from = '"facilitatorNote": "Listen for whether';
    expect(good).toContain(from);
    const text = good.replace(from, '"facilitatorNote": "See C:\\Users\\maria\\notes. Listen for whether');
    const problems = validateScenario(text, 'x.json').problems;
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['json-syntax', 'nodes[0].facilitatorNote']]);
    const [p] = problems as [Problem];
    expect(text.split('\n')[p.line - 1]?.slice(p.column - 1).startsWith('\\Users')).toBe(true);
    expect(p.message).toBe('Not valid JSON: a backslash \\ starts an escape in JSON (\\n for a new line, \\" for a quotation mark), and "\\U" is not one; this text has 1 more such backslash.');
    expect(p.fix).toBe('To write a backslash itself, write two: "See C:\\\\Users\\\\maria\\notes. Listen for whether the room treats the…" (each one doubled). In a file path, / works too. Its "\\n" is an escape JSON reads as one (\\n a new line, \\t a tab): if it is meant as a backslash and a letter, double that backslash too.');
    // Read on: a later mistake is found too. A doubled backslash is no mistake.
    expect(validateScenario(text.replace('"age": 15', '"age": 015'), 'x.json').problems.map((p) => p.code)).toEqual(['syntax-leading-zero', 'json-syntax']);
    expect(validateScenario(good.replace(from, '"facilitatorNote": "See C:\\\\Users. Listen for whether'), 'x.json').problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('a tab inside a text is reported where the tab is, not at the start of the text', () => {
    const p = check(good.replace('She is scrolling on a phone', 'She is scrolling\ton a phone'), 'json-syntax', '\ton a phone');
    expect(p?.message).toContain('a tab is inside a text');
  });

  // Found by the authoring pass: this was "a string is not closed" at the opening quote, with the
  // fix "add the closing double quote" and no word of where it goes.
  it('a text whose closing quote is left out: one problem, where the quote goes (before the comma), with the text as it should be', () => {
    const p = check(good.replace('"title": "Example: the new phone",', '"title": "Example: the new phone,'), 'json-syntax', ',\n  "summary"');
    expect(p?.message).toBe('Not valid JSON: this text has no closing double quote, so it runs on to the end of the line.');
    expect(p?.fix).toBe('Add " at the end of the text, before the comma: "Example: the new phone",');
  });

  it('the last field\'s text without its closing quote: the quote goes at the end of the line', () => {
    const from = '"narration": "Nothing bad happens this week, but the team does not know what you noticed."';
    expect(good).toContain(from);
    const p = check(good.replace(from, from.slice(0, -1)), 'json-syntax', '\n');
    expect(p?.fix).toBe('Add " at the end of the text: "Nothing bad happens this week, but the team does not know what you noticed."');
  });

  it('a long text without its closing quote: the fix shows its last words, where the quote goes', () => {
    const p = check(good.replace('the newest model.",', 'the newest model.,'), 'json-syntax', ',\n');
    expect(p?.fix).toBe('Add " at the end of the text, before the comma: "…on a phone you have not seen before: the newest model.",');
  });

  // Found in the web walkthrough (session 43): a quote typed twice after a text or a field's name
  // read "a string is not closed. Add the closing double quote" (and a second error on the next line),
  // or three errors after a name, none saying to remove the quote.
  it('one quote too many after a text or after a field\'s name: one message at that quote, to remove it; removing it leaves no error', () => {
    const after = good.replace('"title": "Example: the new phone",', '"title": "Example: the new phone"",');
    const value = check(after, 'syntax-extra-quote', '",\n');
    expect(value?.fix).toBe('Remove the extra ", so that the line reads: "title": "Example: the new phone",');
    expect(errorsAfterTyping(after, value, '', 1)).toEqual([]);
    const key = good.replace('"title": "Example: the new phone",', '"title"": "Example: the new phone",');
    const name = check(key, 'syntax-extra-quote', '": "Example');
    expect(name?.fix).toBe('Remove the extra ", so that the line reads: "title": "Example: the new phone",');
    expect(errorsAfterTyping(key, name, '', 1)).toEqual([]);
    // The parser looks on past it: a second mistake further on is reported too.
    const two = validateScenario(after.replace('"estimatedMinutes": 5,', '"estimatedMinutes": 05,'), 'x.json').problems.map((p) => p.code);
    expect(two).toEqual(['syntax-extra-quote', 'syntax-leading-zero']);
  });

  it('a quotation mark at the end of a text', () => {
    check(good.replace('"text": "Look, finally a phone that doesn\'t die every hour."', '"text": "Look, finally a phone that doesn\'t "die""'), 'syntax-unescaped-quote', '"die""');
  });

  it('two commas in a row: at the second, said as such (it read "a property name in double quotes was expected")', () => {
    const p = check(good.replace('"estimatedMinutes": 5,', '"estimatedMinutes": 5,,'), 'json-syntax', ',\n');
    expect(p?.message).toBe('Not valid JSON: two commas in a row, with nothing between them.');
    expect(p?.fix).toBe('Delete this comma: one comma separates two items.');
    const list = check(good.replace('"no-jumping-to-conclusions", "curious', '"no-jumping-to-conclusions",, "curious'), 'json-syntax', ', "curious');
    expect(list?.message).toBe('Not valid JSON: two commas in a row, with nothing between them.');
  });

  it('an extra } followed by a comma is still one bracket too many, not a trailing comma', () => {
    const p = check(good.replace('"next": "boyfriend-guarded"\n        },', '"next": "boyfriend-guarded"\n        },},'), 'syntax-extra-bracket', '},\n');
    expect(p?.message).toContain('the list "replies" opened on line');
  });

  it('an extra ] and an extra } after the end of the scenario', () => {
    check(good.replace('"consult-supervisor-on-suspicion"],', '"consult-supervisor-on-suspicion"]],'), 'syntax-extra-bracket', '],');
    const p = check(`${good.trimEnd()}\n}\n`, 'syntax-extra-bracket', '}\n');
    expect(p?.message).toContain('the whole scenario');
  });

  it('a curly quote that closes a name, and curly quotes around a value', () => {
    const closing = check(good.replace('"id": "example-new-phone"', '"id”: "example-new-phone"'), 'syntax-curly-quote', '”:');
    // Found by the authoring pass: the path was read up to the next straight quote, ["id”: "].
    expect(closing && formatPath(closing.path)).toBe('id');
    const value = check(good.replace('"id": "example-new-phone"', '"id": “example-new-phone”'), 'syntax-curly-quote', '“example');
    expect(value && formatPath(value.path)).toBe('id');
  });

  it("the curly-quote fix shows the author's own line with straight quotes around its name and value, its curly quotes inside the text kept", () => {
    const p = check(good.replace('"id": "example-new-phone"', '“id”: “example-new-phone”'), 'syntax-curly-quote', '“id');
    expect(p?.fix).toContain('with straight ones, here: "id": "example-new-phone". ');
    const inside = check(good.replace('"That\'s a nice one! How did you get it?"', '“That\'s a nice one! How “did” you get it?”'), 'syntax-curly-quote', '“That');
    expect(inside?.fix).toContain('here: "text": "That\'s a nice one! How “did” you get it?". ');
    // Shown as written, control characters escaped, never acted on.
    const hostile = check(good.replace('"id": "example-new-phone"', '“id”: “x\u001b]0;pwned\u0007”'), 'syntax-curly-quote', '“id');
    expect(hostile?.fix).toContain('here: "id": "x\\u001b]0;pwned\\u0007". ');
  });

  // Found by validator-52: "gte": 60% was "unexpected character", with a fix about double quotes.
  it('a percent sign after a number: named, at the %, the number to write, and read on past it', () => {
    const text = good.replace('"estimatedMinutes": 5,', '"estimatedMinutes": 5%,').replace('"add": -20', '"add": -020');
    const { problems } = validateScenario(text, 'x.json');
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['json-syntax', 'estimatedMinutes'], ['syntax-leading-zero', expect.any(String)]]);
    const p = problems[0] as Problem;
    expect(text.split('\n')[p.line - 1]?.slice(p.column - 1)).toBe('%,');
    expect(p.message).toBe('Not valid JSON: a percent sign % after 5; a number in JSON is digits only.');
    expect(p.fix).toBe('Delete the %: write 5. The numbers of a scenario are written without units or signs after them.');
    // Inside a text a percent sign is fine.
    expect(validateScenario(good.replace('How did you get it?', 'Is it 100% yours?'), 'x.json').ok).toBe(true);
  });

  // Found by validator-52: "estimatedMinutes": 7,5 was "a field name in double quotes was
  // expected" and "a value was expected", at the top level.
  it('a number with a decimal comma: one problem at the comma, with the number written with a point, and read on past it', () => {
    const text = good.replace('"estimatedMinutes": 5,', '"estimatedMinutes": 7,5,').replace('"add": -20', '"add": -020');
    const { problems } = validateScenario(text, 'x.json');
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['json-syntax', 'estimatedMinutes'], ['syntax-leading-zero', expect.any(String)]]);
    const p = problems[0] as Problem;
    expect(text.split('\n')[p.line - 1]?.slice(p.column - 1)).toBe(',5,');
    expect(p.message).toBe('Not valid JSON: 7,5 is a number written with a decimal comma; JSON writes a decimal point, and reads a comma as the end of the value.');
    expect(p.fix).toBe('Write 7.5, with a point (or a whole number, such as 7, where the field asks for one).');
    // Two numbers in a list are no decimal comma.
    expect(validateScenario(good.replace('"estimatedMinutes": 5,', '"estimatedMinutes": 5, "x": [1,5],'), 'x.json').problems.some((q) => q.message.includes('decimal comma'))).toBe(false);
  });

  // Found by validator-52: { "to": s1-guarded } was told to write "s1-guarded }", the } inside the quotes.
  it('an id without quotes before the } of a one-line object: the fix quotes the id, not the }', () => {
    const p = check(good.replace('{ "to": "boyfriend-guarded" }', '{ "to": boyfriend-guarded }'), 'json-syntax', 'boyfriend-guarded }');
    expect(p?.message).toBe('Not valid JSON: this text is not in double quotes.');
    expect(p?.fix).toContain('at its end: "boyfriend-guarded" } (every text');
  });

  // Found by validator-52: an ending given replies (or a "next") was told only to remove them,
  // with the list of an ending's fields: not why, nor what to do if the story goes on there.
  it.each(['replies', 'next'])('an ending with "%s": says an ending closes the story, and how to go on instead', (field) => {
    const f = JSON.parse(good) as { nodes: Record<string, unknown>[] };
    const ending = f.nodes.findIndex((n) => n.kind === 'ending');
    (f.nodes[ending] as Record<string, unknown>)[field] = field === 'next' ? 'phone' : [{ id: 'again', text: 'Try again', feedback: 'x', assessments: [], next: 'phone' }];
    const problems = validateScenario(JSON.stringify(f, null, 2), 'x.json').problems.filter((p) => p.severity === 'error');
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['unknown-field', `nodes[${ending}].${field}`]]);
    expect(problems[0]?.message).toMatch(new RegExp(`^"${field}" is not a field of an ending node: an ending closes the story, so nothing follows it`));
    expect(problems[0]?.fix).toContain(`Remove "${field}". If the story should go on here, make this node a decision ("kind": "decision"`);
  });

  // Found by author-61: an ending's own change to trust was told "Remove it, or use one of: id, kind, …".
  it('an ending with "effects": says nothing comes after it, and to move them into the reply that leads there', () => {
    const f = JSON.parse(good) as { nodes: Record<string, unknown>[] };
    const ending = f.nodes.findIndex((n) => n.kind === 'ending');
    (f.nodes[ending] as Record<string, unknown>).effects = [{ var: 'trust', add: -10 }];
    const problems = validateScenario(JSON.stringify(f, null, 2), 'x.json').problems.filter((p) => p.severity === 'error');
    expect(problems.map((p) => [p.code, formatPath(p.path), p.message, p.fix])).toEqual([['unknown-field', `nodes[${ending}].effects`,
      '"effects" is not a field of an ending node: an ending closes the story, so nothing comes after it for an effect to change.',
      'Move the effects into the reply (or the scene) that leads to this ending, beside its "next", so that the change is made on the way here; or remove them.']]);
  });

  // Found by author-58: a trainer who took an ending for what sets the score ("score": 100 on the
  // strong ending), or wrote a reply's points or weight on the reply itself, was told only to remove
  // it, or the fields the object can have: nothing of what scores a reply or leads to an ending.
  describe('a score, points or a condition written on an ending or a reply says what does that instead', () => {
    const edited = (edit: (nodes: Record<string, unknown>[]) => void) => {
      const f = JSON.parse(good) as { nodes: Record<string, unknown>[] };
      edit(f.nodes);
      const problems = validateScenario(JSON.stringify(f, null, 2), 'x.json').problems.filter((p) => p.severity === 'error');
      expect(problems).toHaveLength(1);
      return problems[0] as Problem;
    };
    const node = (nodes: Record<string, unknown>[], id: string) => nodes.find((n) => n.id === id) as Record<string, unknown>;
    const reply = (nodes: Record<string, unknown>[], id: string) => (node(nodes, 'after-visit').replies as Record<string, unknown>[]).find((r) => r.id === id) as Record<string, unknown>;

    it('"score" on the strong ending: an ending carries no points; guard the route into it with the score, by its id', () => {
      const p = edited((nodes) => { node(nodes, 'end-strong').score = 100; });
      expect([p.code, formatPath(p.path)]).toEqual(['unknown-field', 'nodes[4].score']);
      expect(p.message).toBe('"score" is not a field of an ending node. An ending carries no points, and which ending a playthrough reaches does not change its score (the replies\' assessments make it).');
      expect(p.fix).toBe('Remove "score". Where a "next" leads here, guard that route with the volunteer\'s score: [{ "when": { "conduct": "score", "gte": 80 }, "to": "end-strong" }, { "to": "<another ending>" }] (docs/authoring.md, section 5).');
    });

    // The web Preview's trainer has no docs/authoring.md: the fix names no file there.
    it('checked as the Preview page checks it: the same fix, without the guide\'s file', () => {
      const f = JSON.parse(good) as { nodes: Record<string, unknown>[] };
      node(f.nodes, 'end-strong').score = 100;
      const fix = validateScenario(JSON.stringify(f, null, 2), 'x.json', { authoring: { example: 'the example', principleIds: 'listed here', schema: 'which this page offers' } }).problems.find((p) => p.code === 'unknown-field')?.fix;
      expect(fix).toBe('Remove "score". Where a "next" leads here, guard that route with the volunteer\'s score: [{ "when": { "conduct": "score", "gte": 80 }, "to": "end-strong" }, { "to": "<another ending>" }].');
    });

    it('"points" on the harmful ending: the same, its guard under 50%', () => {
      const p = edited((nodes) => { node(nodes, 'end-harmful').points = 0; });
      expect(p.message).toMatch(/^"points" is not a field of an ending node\. An ending carries no points/);
      expect(p.fix).toContain('[{ "when": { "conduct": "score", "lt": 50 }, "to": "end-harmful" }, { "to": "<another ending>" }]');
    });

    it('"when" on an ending: the condition written on the route into it, or in a variant, as the trainer wrote it', () => {
      const p = edited((nodes) => { node(nodes, 'end-strong').when = { conduct: 'critical', eq: 0 }; });
      expect(p.message).toBe('"when" is not a field of an ending node. An ending has no condition of its own: the routes that lead to it decide who reaches it.');
      expect(p.fix).toBe('Remove "when" from the ending. Where a "next" leads here, put the condition on that route: [{ "when": { "conduct": "critical", "eq": 0 }, "to": "end-strong" }, { "to": "<another ending>" }]; or, for a closing text told only when it holds, give this ending "variants": [{ "when": { "conduct": "critical", "eq": 0 }, "narration": "…" }].');
    });

    it('"score" on a reply with assessments: they score it; change a weight', () => {
      const p = edited((nodes) => { reply(nodes, 'after-supervisor').score = 5; });
      expect(p.message).toBe('"score" is not a field of a reply. A reply\'s points are not written: they come from its "assessments", the weights of the principles it follows minus those it violates.');
      expect(p.fix).toBe('Remove "score": the reply\'s "assessments" score it. To make it count more or less, change the "weight" of one of them (1 to 3).');
    });

    it('"weight" on a reply: moved into its assessment, with its value', () => {
      const p = edited((nodes) => { reply(nodes, 'after-wait').weight = 2; });
      expect(p.message).toBe('"weight" is not a field of a reply. A weight belongs inside one of the reply\'s "assessments", one for each principle the reply follows or violates.');
      expect(p.fix).toBe('Move "weight": 2 into the reply\'s assessment, inside the { } in "assessments" (in place of its own "weight", if it has one).');
    });

    it('"principle" and "verdict" on a reply without assessments: the assessment they make, written out', () => {
      const f = JSON.parse(good) as { nodes: Record<string, unknown>[] };
      const r = reply(f.nodes, 'after-wait');
      delete r.assessments;
      Object.assign(r, { principle: 'consult-supervisor-on-suspicion', verdict: 'violates' });
      const problems = validateScenario(JSON.stringify(f, null, 2), 'x.json').problems.filter((p) => p.code === 'unknown-field');
      expect(problems.map((p) => formatPath(p.path))).toEqual(['nodes[3].replies[2].principle', 'nodes[3].replies[2].verdict']);
      for (const p of problems) expect(p.fix).toBe('Move it into the reply\'s "assessments", one { } for each principle the reply follows or violates: "assessments": [{ "principle": "consult-supervisor-on-suspicion", "verdict": "violates" }].');
    });
  });

  // Found by validator-52: a file of prose saved as .json was five "unexpected character" errors,
  // one per word, none saying the file is no scenario; words before the { were the same.
  it('a file of plain text: one problem saying it is no scenario and where to start', () => {
    const { problems } = validateScenario('This is my scenario about Jade.\nShe has a new phone.\n', 'x.json');
    expect(problems.map((p) => [p.code, p.line, p.column, p.message])).toEqual([['json-syntax', 1, 1, 'Not valid JSON: the file holds plain text ("This is my scenario about Jade."), not a scenario: a scenario file is one JSON object, starting with { and ending with }.']]);
    expect(problems[0]?.fix).toContain('Start from the worked example');
    const before = validateScenario(`Here is my scenario:\n${good}`, 'x.json').problems;
    expect(before.map((p) => [p.code, p.line, p.column, p.message])).toEqual([['json-syntax', 1, 1, 'Not valid JSON: the file starts with words ("Here is my scenario:") before the { that opens the scenario (line 2, column 1).']]);
    expect(before[0]?.fix).toMatch(/^Delete everything before that \{/);
    // A field's name without quotes at the start is not taken for prose.
    expect(validateScenario('title: "x"\n', 'x.json').problems[0]?.message).not.toContain('plain text');
  });

  // Found by validator-52: “title”: … (a field's name in curly quotes) was placed at "(top level)",
  // or at the node or reply only ("nodes[0]"), where every other mistake names its field.
  it.each([
    ['“id”: "example-new-phone"', 'id'],
    ['“id”: “example-new-phone”', 'id'],
    ['“id": "example-new-phone"', 'id'],
  ])('a field name in curly quotes (%s) names that field, and the fix the straight quotes', (written, path) => {
    const p = check(good.replace('"id": "example-new-phone"', written), 'syntax-curly-quote', written.slice(0, 3));
    expect(p && formatPath(p.path)).toBe(path);
    expect(p?.message).toContain('JSON needs straight double quotes " around every name and text');
    expect(p?.fix).toContain('here: "id": "example-new-phone". ');
  });

  it('a field name in curly quotes inside a node or a reply names the node or reply and the field', () => {
    const node = check(good.replace('"narration": "You meet Jade', '“narration”: "You meet Jade'), 'syntax-curly-quote', '“narration');
    expect(node && formatPath(node.path)).toBe('nodes[0].narration');
    const reply = check(good.replace('"id": "phone-curious",', '“id”: "phone-curious",'), 'syntax-curly-quote', '“id');
    expect(reply && formatPath(reply.path)).toBe('nodes[0].replies[0].id');
  });

  it('curly quotes inside a text are fine', () => {
    expect(validateScenario(good.replace('How did you get it?', '“How” did you get it?'), 'x.json').ok).toBe(true);
  });

  it('a negative number with a leading zero', () => {
    const p = check(good.replace('"add": -20', '"add": -020'), 'syntax-leading-zero', '-020');
    expect(p?.fix).toContain('write -20');
  });

  it('the last } left out: the fix says to add a } at the end, and which object it closes, opened where', () => {
    const text = `${good.trimEnd().slice(0, -1)}\n`;
    const lastLine = text.trimEnd().split('\n').length;
    const p = check(text, 'syntax-not-closed', '\n');
    expect(p?.line).toBe(lastLine);
    expect(p?.message).toContain("the scenario's outer object (its { at line 1, column 1)");
    expect(p?.fix).toContain(`Add a } at the end of the file, after the last text on line ${lastLine}, to close the scenario's outer object (its { at line 1, column 1)`);
  });

  it('the last ] and } left out: the fix names both, the list first, with the line:column each opens at', () => {
    const text = good.trimEnd().slice(0, -1).trimEnd().slice(0, -1);
    const lines = text.split('\n');
    const nodesLine = lines.findIndex((l) => l.includes('"nodes": [')) + 1;
    const nodesColumn = (lines[nodesLine - 1] ?? '').indexOf('[') + 1;
    const p = check(text, 'syntax-not-closed', '');
    expect(p?.message).toContain(`the list "nodes" (its [ at line ${nodesLine}, column ${nodesColumn}) is closed`);
    expect(p?.fix).toContain(`Add a ], then a } at the end of the file, after the last text on line ${text.trimEnd().split('\n').length}, to close the list "nodes"`);
    expect(p?.fix).toContain("then the scenario's outer object (its { at line 1, column 1)");
  });

  it('a reply\'s } left out before the next reply: the fix says to add }, after its last value, and which object is open', () => {
    const text = good.replace('"next": "boyfriend-guarded"\n        },', '"next": "boyfriend-guarded"\n');
    const lines = text.split('\n');
    const nextLine = lines.findIndex((l) => l.includes('"next": "boyfriend-guarded"')) + 1;
    const p = check(text, 'syntax-not-closed', '\n');
    expect(p?.line).toBe(nextLine);
    const opened = lines.slice(0, nextLine).map((l, i) => [l, i + 1] as const).filter(([l]) => l.trim() === '{').at(-1);
    expect(p?.message).toContain(`an object in the list "replies" (its { at line ${opened?.[1]}, column ${(opened?.[0].indexOf('{') ?? 0) + 1}) is still open`);
    expect(p?.fix).toContain(`Add "}," at the end of line ${nextLine}, after its last value`);
  });

  // Found by the authoring walk: the last reply's } lost before the ] of "replies" read as "a comma
  // was expected … Add a comma at the end of line 58" (a comma there only moves the error), then "a
  // value was expected" and "the list is not closed".
  it('the last reply\'s } left out before the ] of its list: one problem, the } to add after its last value; with a ] typed for it, the ] to change', () => {
    const text = good.replace('"next": "boyfriend-guarded"\n        }\n      ]', '"next": "boyfriend-guarded"\n      ]');
    const p = check(text, 'syntax-not-closed', '\n');
    expect(p?.line).toBe(58);
    expect(p?.message).toBe('Not valid JSON: the list "replies" (its [ at line 26, column 18) ends on line 59 while an object in the list "replies" (its { at line 52, column 9) is still open.');
    expect(p?.fix).toBe('Add a } at the end of line 58, after its last value, to close that object before the ] closes the list. Clicking next to a bracket in VS Code highlights its partner.');
    expect(errorsAfterTyping(text, p, '}')).toEqual([]);
    const swapped = good.replace('"next": "boyfriend-guarded"\n        }\n      ]', '"next": "boyfriend-guarded"\n        ]\n      ]');
    const q = check(swapped, 'syntax-not-closed', ']\n      ]');
    expect(`${q?.message} ${q?.fix}`).toBe('Not valid JSON: this ] is where an object in the list "replies" (its { at line 52, column 9) ends, but an object ends with }, not ]. Change this ] to }. Clicking next to a bracket in VS Code highlights its partner.');
  });

  // The most common slip when editing: the } deleted, its comma kept. It read "a property name in
  // double quotes was expected here", then "a value was expected", and never that a } was missing.
  it('a reply\'s } left out but its comma kept: one problem, at the comma, the } to add before it', () => {
    for (const lost of ['"next": "boyfriend-guarded",', '"next": "boyfriend-guarded"\n        ,']) {
      const text = good.replace('"next": "boyfriend-guarded"\n        },', lost);
      const line = text.split('\n').findIndex((l) => l.includes('"next": "boyfriend-guarded"')) + 1;
      const p = check(text, 'syntax-not-closed', lost.endsWith('",') ? ',' : '\n');
      expect(p?.line).toBe(line);
      expect(p?.message).toContain('an object in the list "replies"');
      expect(p?.fix).toContain(`Add a } at the end of line ${line}, after its last value and before the comma, to close that object.`);
    }
  });

  // Authoring leftovers (author-49): a reply's { deleted (the line after the "}," of the reply
  // before it) read as four "a comma was expected between item 1 and item 2 of "replies"" and "there
  // is more text after the end of the scenario object": adding those commas mends nothing.
  it('an item\'s { left out: one problem, at its first field, the { to add before it', () => {
    const text = good.replace('        },\n        {\n          "id": "phone-accuse"', '        },\n          "id": "phone-accuse"');
    expect(text).not.toBe(good);
    const line = text.split('\n').findIndex((l) => l.includes('"id": "phone-accuse"')) + 1;
    const p = check(text, 'syntax-not-closed', '"id": "phone-accuse"');
    expect(p?.message).toMatch(new RegExp(`^Not valid JSON: the field "id" on line ${line} is an item of the list "replies" \\(its \\[ at line \\d+, column \\d+\\), but fields go in an object, and the \\{ that opens this one is missing\\.$`));
    expect(p?.fix).toBe(`Add a { before "id" on line ${line} (on a line of its own above it, as the list's other objects have), to open this object; its } is there already. Clicking next to a bracket in VS Code highlights its partner.`);
    // Doing as it says leaves nothing.
    expect(errorsAfterTyping(text, p, '{\n          ')).toEqual([]);
  });
  it('an item\'s { left out in a list written on one line: the same, without "a line of its own"', () => {
    const text = good.replace('"effects": [{ "var": "trust", "add": 10 }]', '"effects": ["var": "trust", "add": 10 }]');
    expect(text).not.toBe(good);
    const p = check(text, 'syntax-not-closed', '"var": "trust"');
    expect(p?.fix).toMatch(/^Add a \{ before "var" on line \d+, to open this object; its \} is there already\./);
    expect(errorsAfterTyping(text, p, '{ ')).toEqual([]);
  });

  // Each read as "a value was expected here: put a value here" (a comma to delete), or as two or
  // three "unexpected character" and "a value was expected" errors.
  it.each([
    ['a comma straight after {', /^\{/, '{,', ',\n', 'a comma before the first item', 'Delete this comma: commas go between items, not before the first.'],
    ['a comma straight after [', '"learningGoals": [', '"learningGoals": [,', ',"no-jumping', 'a comma before the first item', 'Delete this comma: commas go between items, not before the first.'],
    ['a field name without its quotes', '"title": "The new phone",', 'title: "The new phone",', 'title:', 'the field name title is not in double quotes', 'Write "title": with double quotes around the name, as every field name in JSON has.'],
    ['a text without its opening quote', '"title": "The new phone",', '"title": The new phone",', 'The new phone"', 'this text has no opening double quote', 'Add a " before it: "The new phone".'],
    // Found by the authoring walk: single quotes were answered with "title": "The phone" whatever
    // was written, which read as a request to change the title. The trainer's own words now.
    ['a text in single quotes', '"title": "The new phone",', '"title": \'The new phone\',', '\'The new phone\'', 'unexpected character: a single quote \'. JSON needs straight double quotes " around every name and text', 'Write "The new phone", with double quotes instead of single ones. An apostrophe inside a text is fine: "Isn\'t it cool?".'],
    ['a field name in single quotes', '"title": "The new phone",', '\'title\': "The new phone",', '\'title\'', 'unexpected character: a single quote \'. JSON needs straight double quotes " around every name and text', 'Write "title", with double quotes instead of single ones. An apostrophe inside a text is fine: "Isn\'t it cool?".'],
    // Found by validator-51: with the name and its text both in single quotes, only "title" was shown (the text was the next run's error).
    ['a field name and its text in single quotes', '"title": "The new phone",', '\'title\': \'The new phone\',', '\'title\'', 'unexpected character: a single quote \'. JSON needs straight double quotes " around every name and text', 'Write "title": "The new phone", with double quotes instead of single ones, around the name and the text. An apostrophe inside a text is fine: "Isn\'t it cool?".'],
    // An apostrophe inside single quotes: where the text ends is not sure, so the general example.
    ['a text with an apostrophe in single quotes', '"title": "The new phone",', '"title": \'Jade\'s new phone\',', '\'Jade', 'unexpected character: a single quote \'. JSON needs straight double quotes " around every name and text', 'Write "title": "The phone", with double quotes. An apostrophe inside a text is fine: "Isn\'t it cool?".'],
  ] as const)('%s: one problem, that says which', (_name, from, to, token, message, fix) => {
    const p = check(good.replace(from, to), 'json-syntax', token);
    expect(p?.message).toBe(`Not valid JSON: ${message}.`);
    expect(p?.fix).toBe(fix);
  });

  // The path named the item BEFORE the missing comma (nodes[0].replies[1] for a comma missing
  // between replies 2 and 3) while line:column pointed at the item after it.
  it('a comma left out between two items of a list: the path and the message name the item after it, where line:column points', () => {
    const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    const replies = good.replace('"next": "boyfriend-guarded"\n        },', '"next": "boyfriend-guarded"\n        }');
    const reply = check(replies, 'json-syntax', '{\n          "id": "phone-ignore"');
    expect(formatPath(reply?.path ?? [])).toBe('nodes[0].replies[2]');
    expect(reply?.message).toBe('Not valid JSON: a comma was expected between item 2 and item 3 of "replies".');
    // The } that ends reply 2 is on the line after its "next".
    expect(reply?.fix).toBe(`Add a comma at the end of line ${lineOf(replies, '"next": "boyfriend-guarded"\n        }\n') + 1}, after item 2.`);
    // A list of texts on one line, and the list of nodes.
    const goals = check(good.replace('"curious-not-interrogating",', '"curious-not-interrogating"'), 'json-syntax', '"consult-supervisor-on-suspicion"');
    expect(formatPath(goals?.path ?? [])).toBe('learningGoals[2]');
    expect(goals?.message).toBe('Not valid JSON: a comma was expected between item 2 and item 3 of "learningGoals".');
    // Named by its value too, on one line (found by validator-51: "after item 2" left the trainer counting).
    expect(goals?.fix).toBe('Add a comma after item 2, "curious-not-interrogating".');
    const nodes = check(good.replace(/\n {4}\},(\n {4}\{\n {6}"id": "boyfriend-open")/, '\n    }$1'), 'json-syntax', '{\n      "id": "boyfriend-open"');
    expect(formatPath(nodes?.path ?? [])).toBe('nodes[1]');
    expect(nodes?.message).toBe('Not valid JSON: a comma was expected between item 1 and item 2 of "nodes".');
  });

  it('two commas left out of one list: each is named by the items around it (the first does not shift the second)', () => {
    const text = good.replace(/"learningGoals": \[[^\]]*\]/, '"learningGoals": [\n    "no-jumping-to-conclusions"\n    "curious-not-interrogating",\n    "consult-supervisor-on-suspicion"\n  ]')
      .replace('"curious-not-interrogating",\n    "consult', '"curious-not-interrogating"\n    "consult');
    const problems = validateScenario(text, 'x.json').problems;
    expect(problems.map((p) => `${formatPath(p.path)}: ${p.message}`)).toEqual([
      'learningGoals[1]: Not valid JSON: a comma was expected between item 1 and item 2 of "learningGoals".',
      'learningGoals[2]: Not valid JSON: a comma was expected between item 2 and item 3 of "learningGoals".',
    ]);
    for (const [p, token] of [[problems[0], '"curious-not'], [problems[1], '"consult']] as const) {
      expect(text.slice(offsetOf(text, p?.line ?? 0, p?.column ?? 0)).startsWith(token)).toBe(true);
    }
  });

  it('a comma left out between two fields: the message names the field after it, where line:column points', () => {
    const p = check(good.replace('"estimatedMinutes": 5,\n', '"estimatedMinutes": 5\n'), 'json-syntax', '"learningGoals"');
    expect(formatPath(p?.path ?? [])).toBe('learningGoals');
    expect(p?.message).toBe('Not valid JSON: a comma was expected before the field "learningGoals".');
    const same = check(good.replace('"start": 50, "shown"', '"start": 50 "shown"'), 'json-syntax', '"shown"');
    expect(formatPath(same?.path ?? [])).toBe('variables[0].shown');
    // Authoring leftovers (author-49): "after the value before it" left the trainer to work out which.
    expect(same?.fix).toBe('Add a comma between 50 and "shown".');
    const text = check(good.replace('{ "character": "jade", "text": "Look', '{ "character": "jade" "text": "Look'), 'json-syntax', '"text"');
    expect(text?.fix).toBe('Add a comma between "jade" and "text".');
    const object = check(good.replace('"effects": [{ "var": "trust", "add": 10 }],', '"effects": [{ "var": "trust", "add": 10 }] "assessments": [],'), 'json-syntax', '"assessments"');
    expect(object?.fix).toBe('Add a comma between the ] and "assessments".');
  });

  it('a comma left out between two objects of a list is still a missing comma, not an object left open', () => {
    const text = good.replace('"next": "boyfriend-guarded"\n        },', '"next": "boyfriend-guarded"\n        }');
    expect(check(text, 'json-syntax', '{')?.fix).toContain('Add a comma at the end of line');
  });

  it('a quotation mark inside a text further down is still named when an earlier mistake (a missing comma) is reported first', () => {
    // A trainer's first draft rarely has one mistake: the missing comma is the parser's first error,
    // and the quote inside a text 20 lines down must not turn into three "unexpected character"s.
    const text = good.replace('"estimatedMinutes": 5,\n', '"estimatedMinutes": 5\n')
      .replace('"text": "That\'s a nice one! How did you get it?"', '"text": "That\'s a "nice" one! How did you get it?"');
    expect(text).not.toBe(good);
    const problems = validateScenario(text, 'x.json').problems;
    expect(problems.map((p) => p.code)).toEqual(['json-syntax', 'syntax-unescaped-quote']);
    const [comma, quote] = problems;
    expect(comma?.fix).toContain('Add a comma at the end of line');
    if (quote) expect(text.slice(offsetOf(text, quote.line, quote.column)).startsWith('"nice"')).toBe(true);
    expect(quote?.fix).toContain('Here: "That\'s a \\"nice\\" one! How did you get it?"');
  });

  it('a list whose ] was lost is named, with where to add the ], not reported as a bracket too many or a comma to add', () => {
    // The list "replies" lost its ]: the node's } comes next.
    const lost = good.replace('"next": "boyfriend-guarded"\n        }\n      ]', '"next": "boyfriend-guarded"\n        }\n');
    const p = check(lost, 'syntax-not-closed', '\n');
    expect(p?.line).toBe(59);
    expect(p?.message).toBe('Not valid JSON: a } closes an object on line 61 while the list "replies" (its [ at line 26, column 18) is still open.');
    expect(p?.fix).toMatch(/^Add a \] at the end of line 59, after the list's last item, to close that list\./);
    // The list "characters" lost its ], keeping its comma, or lost both: the next field comes next.
    const fields = good.indexOf('"characters"');
    const close = good.indexOf(']', fields);
    for (const [text, fix] of [
      [`${good.slice(0, close)}${good.slice(close + 1)}`, /^Add a \] after the list's last item \(at the end of line \d+\), before the comma, to close that list\./],
      [`${good.slice(0, close)}${good.slice(close + 2)}`, /^Add "\]," at the end of line \d+ to close that list and separate it from the next field\./],
    ] as const) {
      const q = check(text, 'syntax-not-closed', '\n');
      expect(q?.message).toMatch(/^Not valid JSON: the field "\w+" starts on line \d+ while the list "characters" \(its \[ at line \d+, column \d+\) is still open\.$/);
      expect(q?.fix).toMatch(fix);
    }
  });

  it('a ] lost on a line that goes on: the fix gives the line and column, where the ] goes, not the end of the line', () => {
    const route = '{ "when": { "var": "trust", "gte": 60 }, "to": "boyfriend-open" },';
    const lost = good.replace(route, '{ "when": [{ "var": "trust", "gte": 60 } "to": "boyfriend-open" },');
    const p = check(lost, 'syntax-not-closed', ' "to"');
    expect(p?.fix).toMatch(/^Add "\]," at line 37, column 53 to close that list and separate it from the next field\./);
    const typed = `${lost.slice(0, offsetOf(lost, p?.line ?? 0, p?.column ?? 0))}],${lost.slice(offsetOf(lost, p?.line ?? 0, p?.column ?? 0))}`;
    expect(validateScenario(typed, 'x.json').problems.filter((q) => q.severity === 'error')).toEqual([]);
  });

  // Found by the session-29 review: a reply's } and the list's ] deleted with their lines left the
  // file valid until its end (the node's "}," closed the reply, the next node read as one more
  // reply), so the only message was "the file ends before the list "nodes" is closed", at line 131,
  // with a fix to add brackets at the end of the file. Other lost pairs read as a comma to add.
  it.each([
    ['the last reply\'s } and the ] of "replies" (two lines deleted)', [59, 60], 58, '} ]', 'the } on line 59 lines up with an object in the list "nodes" (its { at line 18, column 5), but an object in the list "replies" (its { at line 52, column 9) and the list "replies" (its [ at line 26, column 18) are not closed before it'],
    ['the same in the last decision of the file', [108, 109], 107, '} ]', 'the } on line 108 lines up with an object in the list "nodes" (its { at line 74, column 5)'],
    ['the ] of "replies" and the node\'s "},"', [60, 61], 59, '] },', 'the object on line 60 lines up with the items of the list "nodes" (its [ at line 17, column 12), but the list "replies" (its [ at line 26, column 18) and an object in the list "nodes" (its { at line 18, column 5) are not closed before it'],
    ['the last reply\'s }, the ] and the node\'s "},"', [59, 60, 61], 58, '} ] },', 'the object on line 59 lines up with the items of the list "nodes"'],
    ['a route list\'s ] and its reply\'s "},"', [39, 40], 38, '] },', 'the object on line 39 lines up with the items of the list "replies" (its [ at line 26, column 18), but the list "next" (its [ at line 36, column 19) and an object in the list "replies" (its { at line 27, column 9) are not closed before it'],
  ] as const)('brackets lost in the middle of the file (%s): reported where they were lost, with the brackets to type there', (_name, lines, line, typed, says) => {
    const text = good.split('\n').filter((_, i) => !(lines as readonly number[]).includes(i + 1)).join('\n');
    const result = validateScenario(text, 'x.json');
    expect(result.problems.map((p) => p.code)).toEqual(['syntax-not-closed']);
    const [p] = result.problems;
    expect(p?.line).toBe(line);
    expect(p?.column).toBe((text.split('\n')[line - 1] ?? '').length + 1);
    expect(p?.message).toContain(says);
    expect(p?.fix).toContain(`Add "${typed}" at the end of line ${line}, after the last value, to close them, in that order`);
    // Typing what the fix says where it says makes the file valid again.
    expect(errorsAfterTyping(text, p, ` ${typed}`)).toEqual([]);
  });

  it('a list of lines written on one line that lost its "}]": reported on that line, before the comma, not at the end of the file', () => {
    const text = good.replace('die every hour." }],', 'die every hour." ,');
    const p = check(text, 'syntax-not-closed', ' ,');
    expect(p?.line).toBe(23);
    expect(p?.message).toContain('the field "facilitatorNote" on line 24 lines up with the fields of an object in the list "nodes" (its { at line 18, column 5), but an object in the list "lines" (its { at line 23, column 17) and the list "lines" (its [ at line 23, column 16) are not closed before it');
    expect(p?.fix).toContain('Add "} ]" at line 23, column 100, after the last value and before the comma');
    expect(errorsAfterTyping(text, p, ' } ]')).toEqual([]);
  });

  // The lines "}," and "{" between two replies (or nodes) deleted together read as "a comma was
  // expected before the field "id"": the comma it asked for gave the reply two ids, the second
  // hiding the first, and its other fields with them.
  it.each([
    ['two replies', [51, 52], 50, 'an object in the list "replies" (its { at line 41, column 9)'],
    ['two nodes', [67, 68], 66, 'an object in the list "nodes" (its { at line 62, column 5)'],
  ] as const)('the "}," and "{" between %s deleted: the "}, {" to add, not a comma', (_name, lines, line, object) => {
    const text = good.split('\n').filter((_, i) => !(lines as readonly number[]).includes(i + 1)).join('\n');
    const p = check(text, 'syntax-not-closed', '\n');
    expect(p?.line).toBe(line);
    expect(p?.message).toBe(`Not valid JSON: the field "id" on line ${line + 1} is the field ${object} begins with, so it begins the next object, but that object's } and the next one's { are missing before it.`);
    expect(p?.fix).toContain(`Add "}, {" at the end of line ${line}, after the last value`);
    expect(errorsAfterTyping(text, p, ' }, {')).toEqual([]);
  });

  it('untidy indentation alone is not taken for a lost bracket: a file that lacks its last } is still told so at its end', () => {
    const untidy = good.replace('\n        }\n      ]\n    },', '\n    }\n      ]\n        },');
    expect(validateScenario(untidy, 'x.json').ok).toBe(true);
    const text = `${untidy.trimEnd().slice(0, -1)}\n`;
    const p = check(text, 'syntax-not-closed', '\n');
    expect(p?.message).toContain('the file ends before the scenario\'s outer object');
  });

  it('a [ typed for { (fields inside it), or a } typed for ]: the bracket to change, and the file is then valid', () => {
    const change = (text: string, token: string, to: string, words: string) => {
      const p = check(text, 'syntax-not-closed', token);
      expect(`${p?.message} ${p?.fix}`).toContain(words);
      expect(errorsAfterTyping(text, p, to, 1)).toEqual([]);
    };
    const reply = good.replace('        {\n          "id": "phone-accuse",', '        [\n          "id": "phone-accuse",');
    change(reply, '[', '{', 'a list in the list "replies" (its [ at line 41, column 9) holds the field "id": fields go in an object, which starts with {, not [. Change this [ to {');
    const goals = good.replace('"consult-supervisor-on-suspicion"],', '"consult-supervisor-on-suspicion"},');
    change(goals, '}', ']', 'this } is where the list "learningGoals" (its [ at line 9, column 20) ends, but a list ends with ], not }. Change this } to ].');
  });

  it('a comma missing between two objects of a list, or between two fields, or a lost { in a list, is not taken for a lost ]', () => {
    const problems = (text: string) => validateScenario(text, 'x.json').problems.map((p) => p.code);
    expect(problems(good.replace('"next": "end-harmful"\n        },', '"next": "end-harmful"\n        }'))).not.toContain('syntax-not-closed');
    expect(problems(good.replace('"estimatedMinutes": 5,', '"estimatedMinutes": 5'))).not.toContain('syntax-not-closed');
    // "replies": [ { … }, "id": … — the second reply lost its {, not the list its ]: said as such (author-49).
    const lost = validateScenario(good.replace('        {\n          "id": "phone-accuse",', '\n          "id": "phone-accuse",'), 'x.json').problems;
    expect(lost.map((p) => p.message)).toEqual([expect.stringMatching(/^Not valid JSON: the field "id" on line \d+ is an item of the list "replies" .*, and the \{ that opens this one is missing\.$/)]);
  });
});

describe('after a recognised syntax mistake, the independent mistakes further down are reported in the same run', () => {
  const good = readFixture('good/example.json').toString('utf8');
  const found = (text: string) => {
    expect(text).not.toBe(good);
    return validateScenario(text, 'x.json').problems.map((p) => ({ code: p.code, at: text.slice(offsetOf(text, p.line, p.column)), message: p.message }));
  };

  it('a leading zero, a quotation mark inside a text and a bracket too many: three problems, each at its own place, and no others', () => {
    const problems = found(good.replace('"estimatedMinutes": 5', '"estimatedMinutes": 05')
      .replace('Look, finally a phone', 'Look, "finally" a phone')
      .replace('"next": "end-harmful"\n        },', '"next": "end-harmful"\n        }},'));
    expect(problems.map((p) => p.code)).toEqual(['syntax-leading-zero', 'syntax-unescaped-quote', 'syntax-extra-bracket']);
    expect(problems[0]?.at.startsWith('05,')).toBe(true);
    expect(problems[1]?.at.startsWith('"finally" a phone')).toBe(true);
    expect(problems[2]?.at.startsWith('},')).toBe(true);
  });

  it('"+", a dash for a minus, "=" for a colon, a missing closing quote: each named once, in file order', () => {
    const problems = found(good.replace('"title": "Example: the new phone",', '"title": "Example: the new phone,')
      .replace('"estimatedMinutes": 5', '"estimatedMinutes": +5').replace('"role": "youth"', '"role"= "youth"').replace('"add": -20', '"add": \u201320'));
    expect(problems.map((p) => p.at.slice(0, 3))).toEqual([',\n ', '+5,', '= "', '\u201320']);
    expect(problems.every((p) => p.code !== 'json-syntax' || !p.message.includes('follow'))).toBe(true);
  });

  it('a later mistake the causes do not name is reported as the parser says it (a trailing comma)', () => {
    const problems = found(good.replace('"estimatedMinutes": 5', '"estimatedMinutes": 05').replace('"next": "end-harmful"', '"next": "end-harmful",'));
    expect(problems.map((p) => p.code)).toEqual(['syntax-leading-zero', 'json-syntax']);
    expect(problems[1]?.message).toBe('Not valid JSON: a trailing comma before a closing bracket is not allowed in JSON.');
  });

  it('a text left open as the last of its { }, comma and all: one problem, whose fix leaves the comma out, not a trailing-comma problem at the same place', () => {
    // "…(Red Flags).", then "}": the author's comma would be a trailing comma once the quote is added.
    const last = good.replace('(Red Flags).",\n          "next": "boyfriend-guarded"\n', '(Red Flags).",\n          "next": "boyfriend-guarded"\n').replace('"next": "boyfriend-guarded"\n        },', '"next": "boyfriend-guarded,\n        },');
    const problems = validateScenario(last.replace('"estimatedMinutes": 5', '"estimatedMinutes": 05'), 'x.json').problems;
    expect(problems.map((p) => [p.code, p.line])).toEqual([['syntax-leading-zero', expect.any(Number)], ['json-syntax', expect.any(Number)]]);
    expect(new Set(problems.map((p) => `${p.line}:${p.column}`)).size).toBe(2);
    expect(problems[1]?.fix).toBe('Add " at the end of the text and leave out the comma after it (nothing follows it in its { }): "boyfriend-guarded"');
    // Left open with no comma before the next field: one problem, whose fix adds both.
    const open = validateScenario(good.replace('"title": "Example: the new phone",', '"title": "Example: the new phone'), 'x.json').problems;
    expect(open.map((p) => p.fix)).toEqual(['Add " and a comma at the end of the text: "Example: the new phone",']);
  });

  it('a text pasted over two lines whose second line opens with a quotation is not a missing quote and comma', () => {
    const narration = /"narration": "([^"]*)"/.exec(good)?.[0] ?? '';
    const problems = found(good.replace(narration, '"narration": "Jade looks up.\n"No," she says. "It was a gift."'));
    expect(problems.every((p) => !/Add " and a comma/.test(p.message))).toBe(true);
    const fixes = validateScenario(good.replace(narration, '"narration": "Jade looks up.\n"No," she says. "It was a gift."'), 'x.json').problems.map((p) => p.fix);
    // Since author-50, the one line-break problem (it was "a text is not closed", with more after it), which names the quotation marks too.
    expect(fixes).toEqual([expect.stringMatching(/^Join it with the next line \(delete the line break here\), and write \\n .* It also has quotation marks inside it \(line \d+\): write each as \\" \(or use ' or “ ” there\)\.$/)]);
    expect(fixes.some((f) => f.includes('Add " and a comma'))).toBe(false);
  });

  it('a quotation mark inside a text and a trailing comma on the same line are both reported, each at its own place', () => {
    const problems = found(good.replace('"next": "boyfriend-guarded"\n        },', '"next": "boyfriend "guarded" here",\n        },'));
    expect(problems.map((p) => p.code)).toEqual(['syntax-unescaped-quote', 'json-syntax']);
    expect(problems[0]?.at.startsWith('"guarded" here"')).toBe(true);
    expect(problems[1]?.at.startsWith(',\n')).toBe(true);
  });

  it('the fix for a text left open shows the text as written, its \\" not escaped again', () => {
    const problems = validateScenario(good.replace('"title": "Example: the new phone",', '"title": "say \\"hi\\",'), 'x.json').problems;
    expect(problems.map((p) => p.fix)).toEqual(['Add " at the end of the text, before the comma: "say \\"hi\\"",']);
  });

  it('at most five, the last saying more follow', () => {
    const text = good.replace(/"weight": (\d)/g, '"weight": 0$1').replace(/"age": 15/, '"age": 015').replace('"version": 1', '"version": 01').replace('"estimatedMinutes": 5', '"estimatedMinutes": 05');
    const problems = found(text);
    expect(problems).toHaveLength(5);
    expect(problems.every((p) => p.code === 'syntax-leading-zero')).toBe(true);
    expect(problems[4]?.message).toMatch(/\(more syntax errors follow; fix these first\)\.$/);
  });

  it('a mistake that has no sure mending (curly quotes) is still reported alone: what follows it is not guessed at', () => {
    const problems = found(good.replace('"id": "jade"', '\u201cid\u201d: "jade"').replace('"estimatedMinutes": 5', '"estimatedMinutes": 05').replace('"version": 1', '"version": 01'));
    expect(problems.map((p) => p.code)).toEqual(['syntax-leading-zero', 'syntax-leading-zero', 'syntax-curly-quote']);
    const alone = found(good.replace('"id": "jade"', '\u201cid\u201d: "jade"').replace('"add": -20', '"add": +20'));
    expect(alone.map((p) => p.code)).toEqual(['syntax-curly-quote']);
    // Mended, the line still does not parse: the rest of the line may be the same mistake, so it is alone too.
    const sameLine = found(good.replace('"estimatedMinutes": 5,', '"estimatedMinutes": 05 minutes,').replace('"add": -20', '"add": +20'));
    expect(sameLine.map((p) => p.code)).toEqual(['syntax-leading-zero']);
  });
});

describe('an error in one part of a node does not hide the problems of its other parts', () => {
  const good = readFixture('good/example.json').toString('utf8');
  const codes = (text: string) => validateScenario(text, 'x.json').problems.map((p) => `${p.code} ${formatPath(p.path)}`).sort();

  it('a missing "feedback" and a misspelt "next" in the same reply are both reported', () => {
    const text = good.replace(/"feedback": "Demanding[^\n]*\n/, '').replace('"next": "boyfriend-guarded"\n        },', '"next": "boyfriend-guardd"\n        },');
    expect(codes(text)).toEqual(['missing-field nodes[0].replies[1]', 'unknown-node nodes[0].replies[1].next']);
  });

  it('a broken reply does not hide a misspelt variable in another reply of the same decision', () => {
    const text = good.replace(/"feedback": "Demanding[^\n]*\n/, '').replace('"var": "trust", "add": 10', '"var": "trsut", "add": 10');
    expect(codes(text)).toEqual(['missing-field nodes[0].replies[1]', 'unknown-variable nodes[0].replies[0].effects[0].var']);
  });

  it('a blank narration does not hide a misspelt character in the same scene', () => {
    const text = good.replace('"lines": [{ "character": "jade", "text": "My boyfriend', '"narration": "", "lines": [{ "character": "jayde", "text": "My boyfriend');
    expect(codes(text)).toEqual(['blank-text nodes[1].narration', 'unknown-character nodes[1].lines[0].character']);
  });
});

describe('repeated keys are found however the text is written', () => {
  const good = readFixture('good/example.json').toString('utf8');
  const repeated = (text: string) => validateScenario(text, 'x.json').problems.filter((p) => p.code === 'duplicate-key').map((p) => formatPath(p.path));

  it('a key written with white space before its colon, repeated', () => {
    expect(repeated(good.replace('"version": 1,', '"version"\t:\n 1, "version": 1,'))).toEqual(['version']);
  });

  // Found by author-50: a second "variables" list pasted lower down (empty, or holding one new
  // variable) hides the first, and each condition on a variable of the first was told "No variables
  // are declared in this scenario yet: add a "variables" list", a third list. Now the knock-on
  // errors name the two lists to merge; so for "characters" and "nodes".
  it('a top-level list written twice: the errors it causes say to merge the two lists, not to add one', () => {
    const twice = good.replace('"start": "phone"', '"variables": [],\n  "start": "phone"');
    expect(twice).not.toBe(good);
    const problems = validateScenario(twice, 'x.json').problems;
    const first = twice.slice(0, twice.indexOf('"variables"')).split('\n').length;
    const unknown = problems.filter((p) => p.code === 'unknown-variable');
    expect(unknown.length).toBeGreaterThan(0);
    // Each condition on "trust" says the same: one error that counts them (validator-54).
    expect(unknown.map((p) => p.fix)).toEqual([`This file has "variables" twice, the first on line ${first}: only the last is read, so what the first declares is not declared. Merge the two into one "variables" list (see the duplicate-key warning). The same goes for the other 2.`]);
    const characters = validateScenario(good.replace('"start": "phone"', '"characters": [{ "id": "x", "name": "X", "role": "youth" }],\n  "start": "phone"'), 'x.json').problems.filter((p) => p.code === 'unknown-character');
    expect(characters.length).toBeGreaterThan(0);
    expect(characters[0]?.fix).toMatch(/^This file has "characters" twice, the first on line \d+: only the last is read/);
  });

  // Found by hostile-50: with the list pasted twice, both declaring "trust", a condition on "trsut"
  // (a typo) was told "Did you mean "trust"?" and then to merge the two lists, which would not help:
  // the merge fix is for an id the hidden list declares, not for every id no list has.
  it('a top-level list written twice: an id that neither list declares keeps its own fix', () => {
    const vars = /"variables": \[[\s\S]*?\n {2}\],/.exec(good)?.[0] ?? '';
    expect(vars).toContain('"trust"');
    const typo = good.replace('"start": "phone"', `${vars}\n  "start": "phone"`).replace(/"when": \{\s*"var": "trust"/, '"when": { "var": "trsut"');
    const unknown = validateScenario(typo, 'x.json').problems.filter((p) => p.code === 'unknown-variable');
    expect(unknown.map((p) => p.message)).toEqual(['The variable "trsut" is not declared. Did you mean "trust"?']);
    expect(unknown[0]?.fix).not.toMatch(/twice/);
    const chars = /"characters": \[[\s\S]*?\],/.exec(good)?.[0] ?? '';
    const character = validateScenario(good.replace('"start": "phone"', `${chars}\n  "start": "phone"`).replace('"character": "jade"', '"character": "jdae"'), 'x.json').problems.filter((p) => p.code === 'unknown-character');
    expect(character.length).toBe(1);
    expect(character[0]?.fix).not.toMatch(/twice/);
  });

  // Found by author-57: a node with "id" written twice ("after-visit", then "after-talk") is known by
  // the last, and a "next" naming the first was told "There is no node with the id "after-visit"",
  // with that id in plain sight, and to add a node with it. So for a character's "id".
  it('an item\'s "id" written twice: a reference to the first says so, with both lines and the two ways to mend it', () => {
    const twice = good.replace('"id": "after-visit",', '"id": "after-visit",\n      "id": "after-talk",');
    expect(twice).not.toBe(good);
    const lineOf = (s: string) => twice.slice(0, twice.indexOf(s)).split('\n').length;
    const unknown = validateScenario(twice, 'x.json').problems.filter((p) => p.code === 'unknown-node');
    expect(unknown.map((p) => [p.message.replace(/ The same error comes[\s\S]*$/, ''), p.fix.replace(/ The same goes[\s\S]*$/, '')])).toEqual([[
      `There is no node with the id "after-visit": nodes[3] has it as its "id" (line ${lineOf('"id": "after-visit"')}), but has "id": "after-talk" too (line ${lineOf('"id": "after-talk"')}), and only the last "id" counts (see the duplicate-key warning).`,
      `Keep one "id" in nodes[3]: delete "id": "after-talk" (line ${lineOf('"id": "after-talk"')}) for this to name it, or write "after-talk" here if that is its id.`,
    ]]);
    const character = validateScenario(good.replace('{ "id": "jade",', '{ "id": "jade", "id": "jade-m",'), 'x.json').problems.filter((p) => p.code === 'unknown-character');
    expect(character.length).toBeGreaterThan(0);
    expect(character[0]?.message).toMatch(/^There is no character with the id "jade": characters\[0\] has it as its "id" \(line \d+\), but has "id": "jade-m" too/);
    // An id written twice the same way breaks nothing: no error.
    expect(validateScenario(good.replace('"id": "after-visit",', '"id": "after-visit",\n      "id": "after-visit",'), 'x.json').problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('a repeated key in a file whose text also holds a quotation mark and a colon inside a string', () => {
    const text = good.replace('"version": 1,', '"version": 1, "version": 1,').replace('"title": "Example', '"title": "She says \\": ok\\" Example');
    expect(repeated(text)).toEqual(['version']);
    expect(repeated(good.replace('"title": "Example', '"title": "She says \\": ok\\" Example'))).toEqual([]);
  });
});

describe('a feedback that ends with its citation', () => {
  const good = readFixture('good/example.json').toString('utf8');
  const citing = (cite: string) => {
    const text = good.replace('from a single sign (Red Flags)."', `from a single sign ${cite}"`);
    expect(text).not.toBe(good);
    return validateScenario(text, 'x.json').problems.filter((p) => p.code.includes('citation') || p.code.includes('guide-section')).map((p) => p.code);
  };

  it('a heading shortened, lengthened or joined with a comma: "Did you mean" the heading, instead of "cites no section"', () => {
    const said = (cite: string) => {
      const text = good.replace('from a single sign (Red Flags)."', `from a single sign ${cite}"`);
      expect(text).not.toBe(good);
      return validateScenario(text, 'x.json').problems.filter((p) => p.code.includes('citation') || p.code.includes('guide-section') || p.path.includes('feedback'))
        .map((p) => `${p.code}: ${p.message} ${p.fix}`);
    };
    expect(said('(What if my youth left placement?)')).toEqual(['unknown-guide-section: "What if my youth left placement?" is not a section of the guide. Did you mean "What if my youth left placement or their whereabouts are unknown?"? Write the section heading exactly as the guide prints it: (What if my youth left placement or their whereabouts are unknown?).']);
    expect(said('(Stages of Exiting)')[0]).toContain('Did you mean "Stages of Exiting CSEC Involvement"?');
    expect(said('(Harm reduction approach)')[0]).toContain('Did you mean "Harm Reduction"?');
    expect(said('(Red Flags, Prohibited Activities)')).toEqual(['unknown-guide-section: "Red Flags, Prohibited Activities" names several sections with a comma, so none of them counts as cited. Separate them with a semicolon: (Red Flags; Prohibited Activities).']);
    // A heading with "and" in it is kept whole: it was split at its "and", and the fix offered
    // "(CASA Role and Expectations)" alone, dropping the other citation.
    expect(said('(Collaboration with Case Parties, CASA Role and Expectations)')).toEqual(['unknown-guide-section: "Collaboration with Case Parties, CASA Role and Expectations" names several sections with a comma, so none of them counts as cited. Separate them with a semicolon: (Collaboration with Case Parties; CASA Role and Expectations).']);
    expect(said('(Red Flags and CASA Role and Expectations)')).toEqual(['unknown-guide-section: "Red Flags and CASA Role and Expectations" names several sections joined with "and", so none of them counts as cited. Separate them with a semicolon: (Red Flags; CASA Role and Expectations).']);
    // Ordinary text in parentheses next to a real citation is left alone.
    expect(said('(red flags can be ordinary teenage behaviour) (Red Flags).')).toEqual([]);
    // And with nothing like a heading, the general warning stays.
    expect(said('(see the handout)').map((s) => s.split(':')[0])).toEqual(['feedback-no-citation']);
  });

  it('a part of a list of sections that is not one is named (it passed unseen next to a real heading), and words before a heading get "Did you mean"', () => {
    const said = (cite: string) => {
      const text = good.replace('from a single sign (Red Flags)."', `from a single sign ${cite}"`);
      expect(text).not.toBe(good);
      return validateScenario(text, 'x.json').problems.filter((p) => p.path.includes('feedback')).map((p) => `${p.code}: ${p.message}`);
    };
    expect(said('(Red Flags; Boundaries).')).toEqual(['unknown-guide-section: "Boundaries" is not a section of the guide, so it cites nothing (the other headings in these parentheses do).']);
    expect(said('(Red Flags; see also Harm Reduction).')).toEqual(['unknown-guide-section: "see also Harm Reduction" is not a section of the guide. Did you mean "Harm Reduction"?']);
    expect(said('(see Red Flags).')).toEqual(['unknown-guide-section: "see Red Flags" is not a section of the guide. Did you mean "Red Flags"?']);
    expect(said('(guide: What is CSEC?).')).toEqual(['unknown-guide-section: "guide: What is CSEC?" is not a section of the guide. Did you mean "What is CSEC?"?']);
    // Words after the heading too (a page number, found by the authoring walk): it was told it named
    // the section "but not in parentheses", which it had written in parentheses.
    expect(said('(Red Flags, p. 4).')).toEqual(['unknown-guide-section: "Red Flags, p. 4" is not a section of the guide. Did you mean "Red Flags"?']);
    expect(said('(see Red Flags, page 4).')).toEqual(['unknown-guide-section: "see Red Flags, page 4" is not a section of the guide. Did you mean "Red Flags"?']);
    expect(said('(What is CSEC?, p. 2).')).toEqual(['unknown-guide-section: "What is CSEC?, p. 2" is not a section of the guide. Did you mean "What is CSEC?"?']);
    // A list of real headings is still fine.
    expect(said('(Red Flags; Prohibited Activities).')).toEqual([]);
  });

  // Found by author-57: "(Red flag section)" (a heading misspelt, with "section" after it) was told
  // only "This feedback does not cite a section of the guide", at the feedback's start, though
  // "(Red Flag)" and "(Red Flags section)" each get "Did you mean" at the parenthesis.
  it('a heading misspelt among words written round it ("Red flag section", "see chapter: Red flag"): "Did you mean", at it', () => {
    const at = (cite: string) => {
      const text = good.replace('from a single sign (Red Flags)."', `from a single sign ${cite}."`);
      expect(text).not.toBe(good);
      return validateScenario(text, 'x.json').problems.filter((p) => p.path.includes('feedback')).map((p) => `${p.code}: ${p.message} ${text.slice(offsetOf(text, p.line, p.column)).slice(0, 10)}`);
    };
    expect(at('(Red flag section)')).toEqual(['unknown-guide-section: "Red flag section" is not a section of the guide. Did you mean "Red Flags"? Red flag s']);
    expect(at('(see chapter: Red flag)')).toEqual(['unknown-guide-section: "see chapter: Red flag" is not a section of the guide. Did you mean "Red Flags"? see chapte']);
    expect(at('(the Prohibited Activity section)')[0]).toContain('Did you mean "Prohibited Activities"?');
    // Words round nothing like a heading, or round a word two headings share, are still no citation.
    expect(at('(see the handout section)').map((s) => s.split(':')[0])).toEqual(['feedback-no-citation']);
    expect(at('(Advocacy section)').map((s) => s.split(':')[0])).toEqual(['feedback-no-citation']);
  });

  // Found by the authoring walk: "… see the Red Flags section." was told it "does not cite a
  // section of the guide", which reads as wrong to a trainer who did name it.
  it('a heading named outside parentheses: said so, at the heading, with the parentheses to write', () => {
    const text = good.replace('from a single sign (Red Flags)."', 'from a single sign: see the Red Flags section of the guide."');
    expect(text).not.toBe(good);
    const problems = validateScenario(text, 'x.json').problems.filter((p) => p.path.includes('feedback'));
    expect(problems.map((p) => `${p.code}: ${p.message} ${p.fix}`)).toEqual(['feedback-no-citation: This feedback names the section "Red Flags", but not in parentheses, so it does not count as citing the guide. Cite it by its heading in parentheses, exactly as the guide prints it, for example at the end of the sentence: "… (Red Flags)."']);
    const p = problems[0]!;
    expect(text.slice(offsetOf(text, p.line, p.column)).startsWith('Red Flags section')).toBe(true);
    // The longest heading at a place is the one named; a heading in parentheses is still a citation.
    const longer = good.replace('from a single sign (Red Flags)."', 'from a single sign, as What if my youth returns from leaving placement? says."');
    expect(validateScenario(longer, 'x.json').problems.filter((q) => q.path.includes('feedback')).map((q) => q.message)[0]).toContain('"What if my youth returns from leaving placement?"');
    expect(citing('(Red Flags), as the Red Flags section says')).toEqual([]);
  });

  it('cites a heading exactly, in other letter case, or misspelt', () => {
    expect(citing('(Red Flags)')).toEqual([]);
    // Other capitals: a warning, so that a file clean under --strict also meets the bundled
    // scenarios' rule that feedback holds a heading exactly as written.
    expect(citing('(red flags)')).toEqual(['unknown-guide-section']);
    expect(citing('(Red Flag)')).toEqual(['unknown-guide-section']);
    expect(citing('(Red Flags; Self-Care)')).toEqual([]);
    expect(citing('(see the handout)')).toEqual(['feedback-no-citation']);
  });
});

describe('a mistake inside a list of conditions is reported at the mistake, not as "it is a list"', () => {
  const good = readFixture('good/example.json').toString('utf8');
  const GUARD = '{ "when": { "conduct": "score", "lt": 80 }, "to": "end-mixed" }';
  // The route into the mixed ending, written as a list of two conditions with one mistake in it.
  const withList = (second: string) => good.replace(GUARD, `{ "when": [{ "var": "trust", "lt": 60 }, ${second}], "to": "end-mixed" }`);
  const only = (text: string) => {
    expect(text).not.toBe(good);
    const problems = validateScenario(text, 'x.json').problems;
    expect(problems, JSON.stringify(problems, null, 1)).toHaveLength(1);
    const [p] = problems;
    if (!p) throw new Error('no problem');
    return { ...p, at: text.slice(offsetOf(text, p.line, p.column)), where: formatPath(p.path), says: `${p.message} ${p.fix}` };
  };

  // [case, the second condition, code, path, where it points (the text there), words the message or fix says]
  it.each([
    ['a value of the wrong type in the second condition', '{ "conduct": "score", "lt": "50" }', 'wrong-type', 'nodes[3].replies[0].next[0].when[1].lt', '"50" }]', 'without quotes'],
    ['a misspelt conduct measure', '{ "conduct": "scores", "lt": 50 }', 'invalid-value', 'nodes[3].replies[0].next[0].when[1].conduct', '"scores"', 'Did you mean "score"'],
    ['a condition without "var"', '{ "lt": 50 }', 'missing-field', 'nodes[3].replies[0].next[0].when[1]', '{ "lt": 50 }]', 'missing "var"'],
    ['a condition written as words', '"score < 50"', 'invalid-condition', 'nodes[3].replies[0].next[0].when[1]', '"score < 50"', 'Condition 2 of the "when" list'],
  ])('%s', (_case, condition, code, where, at, says) => {
    const p = only(withList(condition));
    expect([p.code, p.where]).toEqual([code, where]);
    expect(p.at.startsWith(at)).toBe(true);
    expect(p.says).toContain(says);
    // Never the old message about the whole list.
    expect(p.says).not.toContain('it is a list');
  });
});

describe('a condition or route written the way a person would guess is answered with what they meant', () => {
  const good = readFixture('good/example.json').toString('utf8');
  const ROUTE = '{ "when": { "var": "trust", "gte": 60 }, "to": "boyfriend-open" }';
  /** The first problem with `code` once `from` is replaced with `to` in the example; its message and fix. */
  const problemWhen = (from: string, to: string, code: string) => {
    const text = good.replace(from, to);
    expect(text).not.toBe(good);
    const p = validateScenario(text, 'x.json').problems.find((q) => q.code === code);
    expect(p, code).toBeDefined();
    return { message: p?.message ?? '', fix: p?.fix ?? '', says: `${p?.message} ${p?.fix}` };
  };
  const said = (route: string, code: string) => problemWhen(ROUTE, route, code).says;

  // [what was written, the route as written, the problem's code, what the message and fix say, what they must not say]
  it.each([
    ['">=" means "gte", not "gt"', '{ "when": { "var": "trust", ">=": 60 }, "to": "boyfriend-open" }', 'unknown-field', 'Did you mean "gte" (at least)?', 'Did you mean "gt" '],
    ['"if" on a route means "when", not "to"', '{ "if": { "var": "trust", "gte": 60 }, "to": "boyfriend-open" }', 'unknown-field', 'Did you mean "when"?', 'Did you mean "to"?'],
    ['"or" is answered with the two-routes way, not "Did you mean var"', '{ "when": { "or": [{ "var": "trust", "gte": 60 }] }, "to": "boyfriend-open" }', 'unknown-field', 'write two routes to it', 'Did you mean "var"'],
    ['a variable\'s id written as a field', '{ "when": { "trust": 60 }, "to": "boyfriend-open" }', 'unknown-field', '{ "var": "trust", "gte": 60 }', undefined],
    ['"eq": true on a flag points to "is", not "Write a number"', '{ "when": { "var": "trust", "eq": true }, "to": "boyfriend-open" }', 'wrong-type', '"is": true', 'e.g. 15'],
    ['a variable and conduct in one condition: split them into a list', '{ "when": { "var": "trust", "gte": 60, "conduct": "critical", "eq": 0 }, "to": "boyfriend-open" }', 'unknown-field', 'write two conditions in a list', undefined],
  ])('%s', (_case, route, code, says, never) => {
    const s = said(route, code);
    expect(s).toContain(says);
    if (never) expect(s).not.toContain(never);
  });

  // Found by the authoring walk: the message said what to write, but the fix under it said "Remove
  // it, or use one of: var, gte, …": deleting "to" (or the variable, or the comparison in "or")
  // loses what the trainer meant. The fix now says what the message says.
  it.each([
    ['"to" inside "when"', '{ "when": { "var": "trust", "gte": 60, "to": "boyfriend-open" } }', 'Close the condition before "to": { "when": { … }, "to": "boyfriend-open" }.'],
    ['a variable\'s id as a condition\'s field', '{ "when": { "trust": { "gte": 70 } }, "to": "boyfriend-open" }', 'Write { "var": "trust", "gte": 70 }.'],
    ['"or" in a route\'s "when"', '{ "when": { "var": "trust", "gte": 60, "or": { "var": "trust", "lt": 10 } }, "to": "boyfriend-open" }', 'Take out "or" and write one route for each condition, each with the same "to", before the route with no "when".'],
    ['"and" in a "when"', '{ "when": { "and": [{ "var": "trust", "gte": 60 }] }, "to": "boyfriend-open" }', 'Take out "and" and write "when" as a list of the conditions, each in its own { }: "when": [{ "var": "trust", "gte": 60 }].'],
    // author-46: the trainer's own two conditions, written as the list, not an example of other ones.
    ['"and" beside a comparison', '{ "when": { "var": "trust", "gte": 60, "and": { "conduct": "critical", "eq": 0 } }, "to": "boyfriend-open" }', 'Take out "and" and write "when" as a list of the conditions, each in its own { }: "when": [{ "var": "trust", "gte": 60 }, { "conduct": "critical", "eq": 0 }].'],
    ['"and" holding a text', '{ "when": { "var": "trust", "gte": 60, "and": "trust < 90" }, "to": "boyfriend-open" }', 'Take out "and" and write "when" as a list of the conditions, each in its own { }.'],
    // author-61: the trainer's own two, as "and" above gets them (strong-under-50's list, merged into one { }).
    ['a variable and conduct in one condition', '{ "when": { "var": "trust", "gt": 60, "conduct": "score", "gte": 80 }, "to": "boyfriend-open" }', 'Split it into two conditions: "when": [{ "var": "trust", "gt": 60 }, { "conduct": "score", "gte": 80 }].'],
    ['conduct and a variable in one condition of a list', '{ "when": [{ "conduct": "critical", "eq": 0, "var": "trust", "gte": 60 }], "to": "boyfriend-open" }', 'Split it into two conditions, in its place in the list: { "conduct": "critical", "eq": 0 }, { "var": "trust", "gte": 60 }.'],
    ['a variable and conduct in one condition, a comparison first', '{ "when": { "gte": 60, "var": "trust", "conduct": "critical", "eq": 0 }, "to": "boyfriend-open" }', 'Split it into two conditions in a list: one with "var", one with "conduct".'],
  ])('%s: the unknown-field fix says what to write, not "Remove it"', (_case, route, fix) => {
    const p = problemWhen(ROUTE, route, 'unknown-field');
    expect(p.fix).toBe(fix);
  });

  it('an effect written with the variable as its field: the unknown-field fix writes the effect, the amount kept', () => {
    const p = problemWhen('"effects": [{ "var": "trust", "add": 10 }]', '"effects": [{ "trust": -20 }]', 'unknown-field');
    expect(p.fix).toBe('Write { "var": "trust", "add": -20 }.');
  });

  // "subtract": 20 got "Remove it, or use one of: var, add, set" and an example of "add": 10: the
  // trainer meant a change of -20.
  // This test asked for two problems, the unknown field and "This effect has neither "add" nor
  // "set"", each with the same fix. Changed by author2-50: a trainer counts two errors for one
  // word and reads the same fix twice; the unknown-field problem alone names the word, says what
  // it means, and points at it. So it is now the only problem.
  it.each([
    ['"subtract": 20', '"effects": [{ "var": "trust", "subtract": 20 }]', 'Write { "var": "trust", "add": -20 }.', /There is no "subtract": to take away, "add" a negative amount/],
    ['"minus": 5', '"effects": [{ "var": "trust", "minus": 5 }]', 'Write { "var": "trust", "add": -5 }.', /There is no "minus"/],
    ['"increase": 15', '"effects": [{ "var": "trust", "increase": 15 }]', 'Rename it to "add" (the fields of an effect: var, add, set).', /Did you mean "add"\?/],
  ])('an effect written with %s: one problem, at the word, that writes the change meant, the amount kept', (_case, effects, fix, says) => {
    const unknown = problemWhen('"effects": [{ "var": "trust", "add": 10 }]', effects, 'unknown-field');
    expect(unknown.says).toMatch(says);
    expect(unknown.fix).toBe(fix);
    const all = validateScenario(good.replace('"effects": [{ "var": "trust", "add": 10 }]', effects), 'x.json').problems;
    expect(all.map((p) => [p.code, formatPath(p.path)])).toEqual([['unknown-field', `nodes[0].replies[0].effects[0].${_case.slice(1, _case.indexOf('"', 1))}`]]);
  });
  // Without such a word the effect's own problem stays: it is the only one that says what to write.
  it('an effect with neither "add" nor "set" and no word for either: still told so', () => {
    const all = validateScenario(good.replace('"effects": [{ "var": "trust", "add": 10 }]', '"effects": [{ "var": "trust" }]'), 'x.json').problems;
    expect(all.map((p) => [p.code, p.fix])).toEqual([['invalid-effect', 'Write { "var": "trust", "add": 10 } or { "var": "trust", "set": 50 }.']]);
  });

  // A line's "character" written as the character's name got "Use something like "jade"", right
  // only by chance: the fix names the declared id, and says whose it is.
  it('a reference written as a name or with capitals: the fix names the declared id it means, and whose it is', () => {
    const line = problemWhen('"character": "jade"', '"character": "Jade"', 'invalid-id');
    expect(line.fix).toBe('Change it to "jade", the id of the character "Jade".');
    const variable = problemWhen('"effects": [{ "var": "trust", "add": 10 }]', '"effects": [{ "var": "Trust", "add": 10 }]', 'invalid-id');
    expect(variable.fix).toBe('Change it to "trust", the id of the variable "Jade\'s trust".');
    // Nothing declared by that name: the id it would make, as before.
    expect(problemWhen('"character": "jade"', '"character": "Mia"', 'invalid-id').fix).toBe('Use something like "mia".');
    // Found by author-50: copied as the apps show the speaker, "Jade (youth)" was told 'Use
    // something like "jade-youth"', an id no character has.
    expect(problemWhen('"character": "jade"', '"character": "Jade (youth)"', 'invalid-id').fix).toBe('Change it to "jade", the id of the character "Jade".');
    expect(problemWhen('"character": "jade"', '"character": "Jade (youth):"', 'invalid-id').fix).toBe('Change it to "jade", the id of the character "Jade".');
  });

  // Found by the authoring pass: a variable named by its label ("Jade's trust", as the meter shows
  // it) got "Use something like "jade-s-trust"", an id nothing declares; and an accented name was
  // cut at its accent ("Jazmín" → "jazm-n").
  it('a variable written as its label, or a node as its title, is told the declared id; an accent is kept as its letter', () => {
    const variable = problemWhen('"effects": [{ "var": "trust", "add": 10 }]', '"effects": [{ "var": "Jade\'s trust", "add": 10 }]', 'invalid-id');
    expect(variable.fix).toBe('Change it to "trust", the id of the variable "Jade\'s trust".');
    const node = problemWhen('"next": "end-harmful"', '"next": "Crossing a line"', 'invalid-id');
    expect(node.fix).toBe('Change it to "end-harmful", the id of the node "Crossing a line".');
    expect(problemWhen('"character": "jade"', '"character": "Jazmín Ruiz"', 'invalid-id').fix).toBe('Use something like "jazmin-ruiz".');
    expect(problemWhen('"character": "jade"', '"character": "Ms. O\'Neil"', 'invalid-id').fix).toBe('Use something like "ms-oneil".');
  });

  // Found by the hostile review: letters with no decomposition (ß, Ł, Ø, Æ) were dropped from the
  // suggested id ("Łódź Straße" → "odz-stra-e"), which no longer says whose id it is.
  it('a suggested id keeps letters that are not written as a letter and an accent', () => {
    expect(problemWhen('"character": "jade"', '"character": "Łódź Straße"', 'invalid-id').fix).toBe('Use something like "lodz-strasse".');
    expect(problemWhen('"character": "jade"', '"character": "Søren Ærø"', 'invalid-id').fix).toBe('Use something like "soren-aero".');
  });

  it('"next": ["id"] says to drop the brackets, not "Item 0 should be an object"', () => {
    const p = problemWhen('"next": "after-visit"', '"next": ["after-visit"]', 'invalid-next');
    expect(p.says).toContain('write "next": "after-visit" without the [ ]');
    expect(p.message).not.toContain('Item 0');
  });

  it('a variable\'s start in quotes says what it may be, not "check the JSON Schema"', () => {
    const p = problemWhen('"start": 50,', '"start": "no",', 'wrong-type');
    expect(p.says).toContain('true or false without quotes');
    expect(p.fix).not.toContain('JSON Schema');
  });

  it('a number too large for JSON to hold is said so, not named "the number Infinity" (a word no trainer wrote)', () => {
    const p = problemWhen('"estimatedMinutes": 5,', '"estimatedMinutes": 1e309,', 'wrong-type');
    expect(p.message).toContain('a number too large to read');
    expect(p.says).not.toContain('Infinity');
  });

  // Found by the authoring pass: every number in quotes was told "e.g. 15", out of range for a
  // weight (1–3), so a trainer who copied it was then told the weight is too big.
  it.each([
    ['a weight in quotes is that weight without quotes', '{ "principle": "curious-not-interrogating", "verdict": "violates", "weight": 2 }', '{ "principle": "curious-not-interrogating", "verdict": "violates", "weight": "2" }', '"weight": 2.'],
    ['minutes in quotes are those minutes without quotes', '"estimatedMinutes": 5,', '"estimatedMinutes": "5",', '"estimatedMinutes": 5.'],
    ['"+10" in quotes is 10, without the +', '{ "var": "trust", "add": 10 }', '{ "var": "trust", "add": "+10" }', 'without the +: "add": 10.'],
    ['a weight with a decimal point is rounded both ways', '{ "principle": "curious-not-interrogating", "verdict": "violates", "weight": 2 }', '{ "principle": "curious-not-interrogating", "verdict": "violates", "weight": 1.5 }', '"weight": 1 or "weight": 2.'],
    ['a weight written as a number word is that number', '{ "principle": "curious-not-interrogating", "verdict": "violates", "weight": 2 }', '{ "principle": "curious-not-interrogating", "verdict": "violates", "weight": "two" }', 'for "two", write "weight": 2.'],
  ])('%s', (_case, from, to, says) => {
    const p = problemWhen(from, to, 'wrong-type');
    expect(p.fix).toContain(says);
    expect(p.fix).not.toContain('15');
  });

  // Found by the validator pass: "weight": "high" was told only 'should be a number ... e.g.
  // "weight": 2', not that a weight is 1 to 3 nor what the numbers mean, so a trainer who meant
  // "counts a lot" could not tell 2 from 3.
  describe('a weight (or minutes, age, version) written as a word is told the allowed numbers, what they mean, and an example', () => {
    const ASSESSMENT = '{ "principle": "curious-not-interrogating", "verdict": "violates", "weight": 2 }';
    const weight = (written: string) => problemWhen(ASSESSMENT, `{ "principle": "curious-not-interrogating", "verdict": "violates", "weight": ${written} }`, 'wrong-type');
    const MEANING = '(1, the default, for a secondary point; 2 for the main point of the decision; 3 for a prohibited activity or the very best or worst move)';

    it('"high": the range, the meanings, and the number it means', () => {
      const p = weight('"high"');
      expect(p.message).toBe('"weight" should be a whole number from 1 to 3, but it is the text "high".');
      expect(p.fix).toBe(`Write a whole number from 1 to 3, without quotes ${MEANING}: for "high", write "weight": 3.`);
    });

    it('"low" and "medium" are 1 and 2', () => {
      expect(weight('"low"').fix).toContain('for "low", write "weight": 1.');
      expect(weight('"Medium"').fix).toContain('for "Medium", write "weight": 2.');
    });

    it('a word that names no number: the range, the meanings and an example within it', () => {
      expect(weight('"very important"').fix).toBe(`Write a whole number from 1 to 3, without quotes ${MEANING}, e.g. "weight": 2.`);
      // A number word outside the range is not offered as the fix.
      expect(weight('"five"').fix).toContain('e.g. "weight": 2.');
    });

    it('minutes as a word: from 1 to 240', () => {
      const p = problemWhen('"estimatedMinutes": 5,', '"estimatedMinutes": "ten",', 'wrong-type');
      expect(p.message).toBe('"estimatedMinutes" should be a whole number from 1 to 240, but it is the text "ten".');
      expect(p.fix).toBe('Write a whole number from 1 to 240, without quotes (about how many minutes one playthrough takes): for "ten", write "estimatedMinutes": 10.');
    });

    it('is placed at the word, and writing the fix there leaves no error', () => {
      const text = good.replace(ASSESSMENT, '{ "principle": "curious-not-interrogating", "verdict": "violates", "weight": "high" }');
      const p = validateScenario(text, 'x.json').problems.find((q) => q.code === 'wrong-type');
      expect(text.split('\n')[(p?.line ?? 0) - 1]?.slice((p?.column ?? 0) - 1)).toMatch(/^"high" \}/);
      expect(validateScenario(text.replace('"weight": "high"', '"weight": 3'), 'x.json').problems.filter((q) => q.severity === 'error')).toEqual([]);
    });
  });

  it('a blank required text says it is required; a blank optional one may be removed (not "remove the field if it is optional" for both)', () => {
    const feedback = problemWhen('"feedback": "Demanding answers turns a conversation into an interrogation and assumes the worst from a single sign (Red Flags).",', '"feedback": "",', 'blank-text');
    expect(feedback.fix).toBe('Write the text: "feedback" is required here, so it cannot be left out or empty.');
    const narration = problemWhen('"narration": "Driving home, you keep thinking about the phone and what Jade said.",', '"narration": " ",', 'blank-text');
    expect(narration.fix).toBe('Write the text, or remove "narration": it is optional here.');
  });

  it.each([
    ['a principle\'s title names its id', '"Curious, not interrogating"', 'It is the title of the principle whose id is "curious-not-interrogating"'],
    ['a section heading names the principles from that section', '"Prohibited Activities"', '"Prohibited Activities" is a section of the guide; the principles from it are "no-picking-up", "not-first-responder", "no-trafficker-contact", "no-investigating".'],
    ['a misspelt id is still answered by spelling', '"curious-not-interogating"', 'Did you mean "curious-not-interrogating"?'],
  ])('unknown-principle: %s', (_case, written, says) => {
    const p = problemWhen('{ "principle": "curious-not-interrogating", "verdict": "violates", "weight": 2 }', `{ "principle": ${written}, "verdict": "violates", "weight": 2 }`, 'unknown-principle');
    expect(p.message).toContain(says);
  });

  it('unknown-principle: a misspelt id\'s fix says what to write, not only where the ids are kept', () => {
    const p = problemWhen('{ "principle": "curious-not-interrogating", "verdict": "violates", "weight": 2 }', '{ "principle": "curious-not-interogating", "verdict": "violates", "weight": 2 }', 'unknown-principle');
    expect(p.fix).toBe('Change it to "curious-not-interrogating". (The principle ids are listed in docs/authoring.md, section 9, and offered by the editor\'s autocomplete.)');
  });

  // Found by the authoring walk: the message named the id ("write "self-care"") and the fix under it
  // only said where the ids are kept.
  it('unknown-principle: a principle\'s title written for its id: the fix says which id to write, as the message does', () => {
    const p = problemWhen('{ "principle": "curious-not-interrogating", "verdict": "violates", "weight": 2 }', '{ "principle": "Curious, not interrogating", "verdict": "violates", "weight": 2 }', 'unknown-principle');
    expect(p.fix).toBe('Change it to "curious-not-interrogating". (The principle ids are listed in docs/authoring.md, section 9, and offered by the editor\'s autocomplete.)');
  });

  // Found by the authoring pass: a decision written with "kind": "scene" was told to remove
  // "replies" (every reply of it) and to add a "next", when the mistake is the one word of its kind.
  // Then (session-29 review) it was told so once per field: two errors for a scene, four for an
  // ending ("facilitatorNote", "discussionPrompt", "replies", "ending"), and a scene written as an
  // ending was told it was missing a "title" and a "narration" it does not need. One problem now,
  // at the "kind" to change.
  it.each([
    ['a decision whose "kind" says scene', 'after-visit', 'decision', 'scene', 'nodes[3]', 'it has "replies"', 'remove "replies" and add "next"'],
    ['a decision whose "kind" says ending', 'after-visit', 'decision', 'ending', 'nodes[3]', 'it has "replies"', 'remove "facilitatorNote", "discussionPrompt" and "replies" and add "ending"'],
    ['a scene whose "kind" says ending', 'boyfriend-open', 'scene', 'ending', 'nodes[1]', 'it has "next" and no "replies"', 'remove "next" and add "ending", "title" and "narration"'],
    ['a scene whose "kind" says decision', 'boyfriend-open', 'scene', 'decision', 'nodes[1]', 'it has "next" and no "replies"', 'remove "next" and add "replies"'],
    ['an ending whose "kind" says scene', 'end-strong', 'ending', 'scene', 'nodes[4]', 'it has "ending"', 'remove "ending" and add "next"'],
  ] as const)('%s: one problem, at the "kind" to change, naming the kind its fields show', (_name, id, kind, written, node, why, instead) => {
    const text = good.replace(`"id": "${id}",\n      "kind": "${kind}"`, `"id": "${id}",\n      "kind": "${written}"`);
    expect(text).not.toBe(good);
    const problems = validateScenario(text, 'x.json').problems;
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['node-kind', `${node}.kind`]]);
    const [p] = problems;
    expect(text.slice(offsetOf(text, p?.line ?? 0, p?.column ?? 0)).startsWith(`"${written}",\n`)).toBe(true);
    expect(text.split('\n')[(p?.line ?? 0) - 2]).toContain(`"id": "${id}"`);
    expect(p?.message).toBe(`This node's "kind" is "${written}", but it has the fields of ${kind === 'ending' ? 'an' : 'a'} ${kind} (${why}). Did you mean "${kind}"?`);
    expect(p?.fix).toBe(`Change its "kind" to "${kind}". If it is meant to be ${written === 'ending' ? 'an' : 'a'} ${written}, ${instead} instead.`);
  });

  it('a node of the wrong kind with a misspelt field as well: the misspelling is still its own problem, at its name', () => {
    const text = good.replace('"id": "after-visit",\n      "kind": "decision"', '"id": "after-visit",\n      "kind": "scene"').replace('"narration": "Driving home', '"narations": "Driving home');
    const problems = validateScenario(text, 'x.json').problems;
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['node-kind', 'nodes[3].kind'], ['unknown-field', 'nodes[3].narations']]);
  });

  it('a decision with no "kind" mistake: a reply\'s field on it is said to belong in its replies, not removed', () => {
    const p = problemWhen('"id": "after-visit",\n      "kind": "decision"', '"id": "after-visit",\n      "kind": "decision",\n      "effects": [{ "var": "trust", "add": 5 }]', 'unknown-field');
    expect(p.message).toBe('"effects" is not a field of a decision node; it is a field of a reply.');
    expect(p.fix).toBe('Move it into the reply it belongs to, inside "replies" (each reply has its own "effects"), so that it is not lost.');
    // Found by author-59: with every reply's "next" written, "next" on the decision too was told to
    // be moved into a reply, which would then have two. It is told that each reply has its own.
    const q = problemWhen('"id": "after-visit",\n      "kind": "decision"', '"id": "after-visit",\n      "kind": "decision",\n      "next": "end-mixed"', 'unknown-field');
    expect(q.message).toBe('"next" is not a field of a decision node; it is a field of a reply, and each of this decision\'s replies has its own "next" already.');
    expect(q.fix).toBe('Remove it from the decision: each reply\'s own "next" is the one used (the story goes on by the reply chosen). If its value is the one meant for a reply, write it there in place of the one there.');
    // A field no neighbour has keeps the plain fix.
    expect(problemWhen('"id": "after-visit",\n      "kind": "decision"', '"id": "after-visit",\n      "kind": "decision",\n      "colour": "red"', 'unknown-field').fix).toMatch(/^Remove it, or use one of: /);
  });

  // "feedback" typed inside an assessment was answered "Remove it", with a second error saying the
  // reply has no feedback: following the first deleted the trainer's text.
  it('a reply\'s field typed inside one of its assessments is said to belong to the reply around it', () => {
    const p = problemWhen('{ "principle": "no-investigating", "verdict": "violates", "weight": 3 }', '{ "principle": "no-investigating", "verdict": "violates", "weight": 3, "colour": "red", "effects": [] }', 'unknown-field');
    expect(p).toBeDefined();
    const all = validateScenario(readFixture('good/example.json').toString('utf8').replace('{ "principle": "no-investigating", "verdict": "violates", "weight": 3 }', '{ "principle": "no-investigating", "verdict": "violates", "weight": 3, "effects": [] }'), 'x.json').problems.filter((q) => q.code === 'unknown-field');
    expect(all.map((q) => [q.message, q.fix])).toEqual([['"effects" is not a field of an assessment; it is a field of a reply.', 'Move it out of this { } and into the reply around it, beside "assessments" (with the comma it needs), so that it is not lost.']]);
  });
});

// Found by validator-54: a field of the scenario written inside a node was told to move "into the
// scenario around it, beside "nodes"", words a trainer cannot follow; for "nodes" itself (the nodes
// after this one written inside it) that asked for a second "nodes" list, which JSON reads as
// replacing the first. A scenario's "shuffleReplies" inside a decision was told to be written at
// the decision's "replies", in place of the replies.
describe('a field of the scenario written inside a node: where it belongs, in plain words', () => {
  type Json = { nodes: Record<string, unknown>[]; characters: Record<string, unknown>[] } & Record<string, unknown>;
  const edited = (edit: (f: Json) => void) => {
    const f = JSON.parse(readFixture('good/example.json').toString('utf8')) as Json;
    edit(f);
    const text = JSON.stringify(f, null, 2);
    return { text, problems: validateScenario(text, 'x.json').problems };
  };
  const field = (problems: readonly Problem[]) => problems.filter((p) => p.code === 'unknown-field');

  it('the scenes after a decision written in a "nodes" inside it: move them to the top-level "nodes" list, after this node', () => {
    const { text, problems } = edited((f) => {
      f.nodes[0] = { ...f.nodes[0], nodes: f.nodes.slice(1, 3) };
      f.nodes.splice(1, 2);
    });
    const [p] = field(problems) as [Problem];
    expect(formatPath(p.path)).toBe('nodes[0].nodes');
    expect(text.slice(offsetOf(text, p.line, p.column)).startsWith('"nodes": [')).toBe(true);
    expect(p.message).toBe('"nodes" is not a field of a decision node: a scenario has one "nodes" list, at the top level of the file, and every scene, decision and ending is an item of it, never inside another node.');
    expect(p.fix).toBe('Move the 2 nodes in it to the top-level "nodes" list: cut each { … } out of this "nodes" and paste it after the } that closes this node, with a comma between nodes. Then delete this "nodes": [ ] and the comma that goes with it.');
    expect(`${p.message} ${p.fix}`).not.toMatch(/beside|around it/);
    // Doing what it says leaves the file valid.
    const done = JSON.parse(text) as Json;
    const inner = done.nodes[0]?.nodes as Record<string, unknown>[];
    delete done.nodes[0]?.nodes;
    done.nodes.splice(1, 0, ...inner);
    expect(validateScenario(JSON.stringify(done, null, 2), 'x.json').problems).toEqual([]);
  });

  // Found by validator-54: the "next"s naming the nodes inside were told "or add a node with this
  // id", a duplicate once the nested list is moved, and the node they lead to "remove it and the
  // nodes after it".
  it('the "next"s naming a node inside: it exists, in a misplaced list; never "add a node"', () => {
    const { text, problems } = edited((f) => {
      f.nodes[0] = { ...f.nodes[0], nodes: [{ ...f.nodes[1], nodes: [f.nodes[2]] }] };
      f.nodes.splice(1, 2);
    });
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([
      ['unknown-node', 'nodes[0].replies[0].next[0].to'],
      ['unknown-node', 'nodes[0].replies[0].next[1].to'],
      ['unknown-field', 'nodes[0].nodes'],
      ['unreachable', 'nodes[1]'],
    ]);
    const [open, guarded, , away] = problems as [Problem, Problem, Problem, Problem];
    const at = (id: string) => {
      const offset = text.indexOf(`"id": "${id}"`);
      const before = text.slice(0, offset).split('\n');
      return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
    };
    expect(open.message).toBe(`There is no node with the id "boyfriend-open" in the scenario's "nodes" list: the node "boyfriend-open" is written inside the "nodes" of the node "phone" (${at('boyfriend-open')}), where the story cannot reach it. Because of it, no ending can be reached from "phone", the start, so no playthrough can finish.`);
    expect(open.fix).toBe('Move the node "boyfriend-open" out to the top-level "nodes" list, as the unknown-field error at that "nodes" says: this reference then leads to it. Do not add another node with this id: once that one is moved, the two would share it.');
    // Nested deeper: named with the node holding it; still one error for its three places.
    expect(guarded.message).toMatch(new RegExp(`^There is no node with the id "boyfriend-guarded" in the scenario's "nodes" list: the node "boyfriend-guarded" is written inside the "nodes" of the node "boyfriend-open" \\(${at('boyfriend-guarded')}\\), where the story cannot reach it\\. .* The same error comes 3 times in 3 replies of nodes\\[0\\]`));
    expect(guarded.repeats).toBe(3);
    for (const p of problems) expect(`${p.message} ${p.fix}`).not.toMatch(/add a node|remove it|correct it to/);
    expect(away.message).toBe('Node "after-visit" can never be reached from the start, "phone". The 3 nodes after it, "end-strong", "end-mixed", "end-harmful", are out of reach because of it (not listed again). The nodes "boyfriend-open" and "boyfriend-guarded", which lead here, are written inside another node\'s "nodes" list, where the story cannot reach them (see the unknown-node errors).');
    expect(away.fix).toBe('Move those nodes out to the top-level "nodes" list, as the unknown-field error at that "nodes" says; this warning goes with it.');
  });

  it('one node inside, or an empty "nodes": said so', () => {
    const one = field(edited((f) => { f.nodes[0] = { ...f.nodes[0], nodes: [f.nodes[1]] }; }).problems)[0];
    expect(one?.fix).toMatch(/^Move the node in it to the top-level "nodes" list: cut its \{ … \} out of this "nodes"/);
    expect(field(edited((f) => { f.nodes[0] = { ...f.nodes[0], nodes: [] }; }).problems)[0]?.fix).toBe('Delete this "nodes" and its value, and the comma that goes with it.');
  });

  it('a field the scenario has already ("start", "learningGoals"): delete this one, naming where the scenario\'s is', () => {
    const { text, problems } = edited((f) => {
      (f.nodes.at(-1) as Record<string, unknown>).start = 'phone';
      (f.nodes[0] as Record<string, unknown>).learningGoals = ['youth-centered'];
    });
    const [goals, start] = field(problems) as [Problem, Problem];
    const at = (name: string) => {
      const offset = text.indexOf(`\n  "${name}":`) + 3;
      const before = text.slice(0, offset).split('\n');
      return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
    };
    expect(goals.message).toBe(`"learningGoals" is not a field of a decision node; it is a field of the scenario, and the scenario has it already, at the top level of the file (${at('learningGoals')}).`);
    expect(goals.fix).toBe(`Delete this one and the comma that goes with it, after adding to the "learningGoals" at ${at('learningGoals')} anything this one lists that that one does not.`);
    expect(start.message).toBe(`"start" is not a field of an ending node; it is a field of the scenario, and the scenario has it already, at the top level of the file (${at('start')}).`);
    expect(start.fix).toBe(`Delete this one and the comma that goes with it; if its value is the one meant, write it at ${at('start')} in place of the one there.`);
  });

  // Found by validator-54: the scenario's "missing "summary"" error said 'Add "summary"', so a
  // trainer wrote a second one and left the first inside the character.
  it('the scenario missing a field written inside a character or a node: the missing-field error says where it is and to move it', () => {
    const where = (edit: (f: Json) => void) => {
      const { text, problems } = edited(edit);
      const missing = problems.find((p) => p.code === 'missing-field');
      const stray = problems.find((p) => p.code === 'unknown-field');
      return { text, missing, stray, codes: problems.map((p) => p.code) };
    };
    const inCharacter = where((f) => { (f.characters[0] as Record<string, unknown>).summary = f.summary; delete f.summary; });
    expect(inCharacter.codes).toEqual(['missing-field', 'unknown-field']);
    expect(inCharacter.missing?.message).toBe(`The scenario "example-new-phone" is missing "summary". It is written inside the character "jade" (line ${inCharacter.stray?.line}, column ${inCharacter.stray?.column}), where it is not read.`);
    expect(inCharacter.missing?.fix).toBe('Move it out of the character "jade" to the top level of the file, next to "id" and "title", with a comma between it and the field before or after it (the unknown-field error there says the same).');
    expect(inCharacter.text.slice(offsetOf(inCharacter.text, inCharacter.stray?.line ?? 0, inCharacter.stray?.column ?? 0)).startsWith('"summary":')).toBe(true);
    const inScene = where((f) => { (f.nodes[2] as Record<string, unknown>).contentNote = f.contentNote; delete f.contentNote; });
    expect(inScene.missing?.message).toBe(`The scenario "example-new-phone" is missing "contentNote". It is written inside the scene node "boyfriend-guarded" (line ${inScene.stray?.line}, column ${inScene.stray?.column}), where it is not read.`);
    expect(inScene.missing?.fix).toMatch(/^Move it out of the scene node "boyfriend-guarded" to the top level of the file/);
    // A node's own "title" is not the scenario's: the scenario is told to add one.
    expect(where((f) => { delete f.title; }).missing?.fix).toMatch(/^Add "title"/);
  });

  it('a field the scenario lacks, inside a character or a decision: move it to the top level, next to "id" and "title"', () => {
    const { problems } = edited((f) => {
      (f.characters[0] as Record<string, unknown>).summary = f.summary;
      delete f.summary;
      (f.nodes[0] as Record<string, unknown>).shuffleReplies = false;
    });
    expect(field(problems).map((p) => [formatPath(p.path), p.message, p.fix])).toEqual([
      ['characters[0].summary', '"summary" is not a field of a character; it is a field of the scenario.', 'Move it out of this character to the top level of the file, next to "id" and "title", with a comma between it and the field before or after it.'],
      // Not 'spelt like "replies"', and never 'write it at "replies" in place of the one there'.
      ['nodes[0].shuffleReplies', '"shuffleReplies" is not a field of a decision node; it is a field of the scenario.', 'Move it out of this decision node to the top level of the file, next to "id" and "title", with a comma between it and the field before or after it.'],
    ]);
  });
});

describe('an unknown variable: the fix lists the variables the scenario declares', () => {
  const good = readFixture('good/example.json').toString('utf8');
  const declaredVar = (id: string) => `{ "id": "${id}", "label": "${id}", "min": 0, "max": 100, "start": 50 }`;
  const withVariables = (ids: string[]) => good.replace(/"variables": \[\n/, `"variables": [\n    ${ids.map(declaredVar).join(',\n    ')},\n`);
  const unknownAt = (text: string, token: string) => {
    const problems = validateScenario(text, 'x.json').problems.filter((p) => p.code === 'unknown-variable');
    expect(problems).toHaveLength(1);
    const [p] = problems;
    if (p) expect(text.slice(offsetOf(text, p.line, p.column)).startsWith(token)).toBe(true);
    return p;
  };

  it('in a condition: a few declared names, then how many more', () => {
    const text = withVariables(['calm', 'hope', 'told-csw', 'safety', 'rapport']).replace('{ "var": "trust", "gte": 60 }', '{ "var": "mood", "gte": 60 }');
    const p = unknownAt(text, '"mood"');
    expect(p?.message).toBe('The variable "mood" is not declared.');
    expect(p?.fix).toContain('Use a declared variable (this scenario declares "calm", "hope", "told-csw", "safety", "rapport" and 1 more), or declare it in "variables"');
  });

  // Found by author-57: { "var": "malia", "gte": 60 } (the youth's id, for her trust) was told to
  // declare a variable "malia", a second meter about the same youth.
  it('a character\'s id: said to be one, with the variable whose label names the character as the one meant', () => {
    const p = unknownAt(good.replace('{ "var": "trust", "gte": 60 }', '{ "var": "jade", "gte": 60 }'), '"jade"');
    expect(p?.message).toBe('The variable "jade" is not declared: "jade" is the id of the character "Jade", and "var" names a variable. Did you mean "trust" ("Jade\'s trust")?');
    expect(p?.fix).toBe('Change it to "trust", the id of the variable "Jade\'s trust".');
    // No label names her: the declared variables to choose from, and no variable "jade" to declare.
    const unnamed = unknownAt(withVariables(['calm']).replace('"label": "Jade\'s trust"', '"label": "Trust"').replace('{ "var": "trust", "add": 10 }', '{ "var": "jade", "add": 10 }'), '"jade"');
    expect(unnamed?.message).toBe('The variable "jade" is not declared: "jade" is the id of the character "Jade", and "var" names a variable.');
    expect(unnamed?.fix).toBe('Write the id of the variable meant (this scenario declares "calm", "trust"), or declare one about "Jade" in "variables".');
  });

  it('in an effect: the declared names, beside the did-you-mean', () => {
    const text = good.replace('{ "var": "trust", "add": 10 }', '{ "var": "trsut", "add": 10 }');
    const p = unknownAt(text, '"trsut"');
    expect(p?.message).toContain('Did you mean "trust"?');
    expect(p?.fix).toContain('this scenario declares "trust")');
  });

  // Found by author-50: { "var": "score", "gte": 80 } (the volunteer's score, meant as "conduct")
  // was told to declare a variable "score" from 0 to 100, which no reply would ever change: the
  // route would hold or fail whatever the volunteer did.
  it('"score", "critical" and the other conduct measures named as a variable: told to write "conduct", not to declare one', () => {
    for (const [name, written] of [['score', '{ "conduct": "score", "gte": 60 }'], ['critical', '{ "conduct": "critical", "gte": 60 }'], ['points', '{ "conduct": "points", "gte": 60 }']] as const) {
      const text = good.replace('{ "var": "trust", "gte": 60 }', `{ "var": "${name}", "gte": 60 }`);
      const p = unknownAt(text, `"${name}"`);
      expect(p?.message, name).toBe(`The variable "${name}" is not declared: the volunteer's conduct so far (the score, critical violations, points) is tested with "conduct", not "var".`);
      expect(p?.fix, name).toBe(`Write ${written} (see Conditions in docs/authoring.md, section 4).`);
    }
    // In an effect: the score is the replies' assessments, never set.
    const effect = unknownAt(good.replace('{ "var": "trust", "add": 10 }', '{ "var": "score", "add": 10 }'), '"score"');
    expect(effect?.message).toBe('The variable "score" is not declared: the volunteer\'s score is worked out from the replies\' assessments, and no effect can change it.');
    expect(effect?.fix).toBe('To make this reply count for more, raise the weight of a principle it follows (in "assessments"); to track something else, declare a variable of its own in "variables", e.g. { "id": "rapport", "label": "…", "min": 0, "max": 100, "start": 50 }.');
    // A scenario that declares a variable "score" is left alone.
    const declared = withVariables(['score']).replace('{ "var": "trust", "gte": 60 }', '{ "var": "score", "gte": 60 }');
    expect(validateScenario(declared, 'x.json').problems.filter((p) => p.code === 'unknown-variable')).toEqual([]);
  });

  // Found by author2-50: "Did you mean" offered one id for a bare word that starts several: "end"
  // got "Did you mean "end-mixed" (the mixed ending) or "boyfriend-guarded"?" with three endings
  // there, and the learning goal "no" got "Did you mean "no-awol-label"?", one of seven.
  it('a bare word that starts several ids: the ones it starts are offered (the first few), not one of them', () => {
    const said = (t: string) => validateScenario(t, 'x.json').problems.map((p) => `${p.message} | ${p.fix}`);
    expect(said(good.replace('{ "to": "boyfriend-guarded" }', '{ "to": "end" }'))).toEqual([
      'There is no node with the id "end". | Use the id of a node in "nodes" (those whose id starts with "end": "end-strong", "end-mixed" and "end-harmful"), or add a node with this id.']);
    const goal = said(good.replace('"no-jumping-to-conclusions", "curious', '"no", "curious'));
    expect(goal).toHaveLength(1);
    expect(goal[0]).toMatch(/^"no" is not a principle of the guide\. The principles whose id starts with "no": "no-[a-z-]+", "no-[a-z-]+", "no-[a-z-]+", "no-[a-z-]+", "no-[a-z-]+", … and \d+ more\. \| /);
    // Two that it starts: both, as a pair (as before).
    expect(said(good.replace('{ "to": "boyfriend-guarded" }', '{ "to": "boyfriend" }'))[0]).toContain('Did you mean "boyfriend-open" or "boyfriend-guarded"?');
    // One that it starts: that one.
    expect(said(good.replace('{ "to": "boyfriend-guarded" }', '{ "to": "after" }'))[0]).toContain('Did you mean "after-visit"?');
  });

  // Found by author2-50: { "var": "Score", "gte": 80 } took two rounds: "Use something like
  // "score"", then, once changed, the message above saying to write "conduct". Now one message
  // says both, at the same place, with the same fix.
  it('"Score" in capitals named as a variable: one message, told to write "conduct" in lower case', () => {
    const condition = validateScenario(good.replace('{ "var": "trust", "gte": 60 }', '{ "var": "Score", "gte": 80 }'), 'x.json').problems;
    expect(condition.map((p) => [p.code, formatPath(p.path), p.message, p.fix])).toEqual([['unknown-variable', 'nodes[0].replies[0].next[0].when.var',
      'The variable "Score" is not declared (and an id is written in lower case): the volunteer\'s conduct so far (the score, critical violations, points) is tested with "conduct", not "var".',
      'Write { "conduct": "score", "gte": 80 } (see Conditions in docs/authoring.md, section 4).']]);
    const effect = validateScenario(good.replace('{ "var": "trust", "add": 10 }', '{ "var": "Points", "add": 10 }'), 'x.json').problems;
    expect(effect.map((p) => [p.code, p.message])).toEqual([['unknown-variable', 'The variable "Points" is not declared (and an id is written in lower case): the volunteer\'s score is worked out from the replies\' assessments, and no effect can change it.']]);
    // A declared variable written in capitals is still told its id.
    const trust = validateScenario(good.replace('{ "var": "trust", "gte": 60 }', '{ "var": "Trust", "gte": 60 }'), 'x.json').problems;
    expect(trust.map((p) => [p.code, p.fix])).toEqual([['invalid-id', 'Change it to "trust", the id of the variable "Jade\'s trust".']]);
  });

  // Found by author-50, the other way round: { "conduct": "trust", "gte": 60 } (a declared variable
  // written with "conduct") was told 'Use one of: "critical", "score", …', none of which was meant.
  it('a declared variable written with "conduct": told to write "var"', () => {
    const text = good.replace('{ "var": "trust", "gte": 60 }', '{ "conduct": "trust", "gte": 60 }');
    const problems = validateScenario(text, 'x.json').problems;
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['invalid-value', 'nodes[0].replies[0].next[0].when.conduct']]);
    expect(problems[0]?.message).toBe('"conduct" is the text "trust", which is not allowed here: "trust" is a variable of this scenario, and a variable is tested with "var".');
    expect(problems[0]?.fix).toBe('Write { "var": "trust", "gte": 60 }. ("conduct" tests the volunteer\'s replies so far: "critical", "score", "percent", "points", "violations".)');
  });

  it('with no variables declared, the fix says so and shows one to add', () => {
    const text = good.replace(/"variables": \[[\s\S]*?\n {2}\],\n/, '').replace('{ "var": "trust", "add": 10 }', '{ "var": "told-csw", "set": true }');
    const problems = validateScenario(text, 'x.json').problems.filter((p) => p.code === 'unknown-variable' && p.message.includes('"told-csw"'));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.fix).toContain('No variables are declared in this scenario yet: add a "variables" list, e.g. { "id": "told-csw", "label": "…", "type": "flag", "start": false }');
  });
});

// Found by the authoring walk: "next": "end-harmfull" left "end-harmful" unreachable, and the
// warning said "Point a reply or scene's "next" at it, or remove it": a trainer fixing warnings one
// by one could delete the ending. It now names the misspelt "next" that means it.
describe('a node left unreachable by a misspelt "next": the warning names that "next"', () => {
  it('says which reference probably means it, and that correcting it clears both', () => {
    const { problems } = exampleWith('"next": "end-harmful"', '"next": "end-harmfull"');
    expect(problems.map((p) => p.code)).toEqual(['unknown-node', 'unreachable']);
    const p = problems[1]!;
    expect(`${p.message} ${p.fix}`).toBe('Node "end-harmful" can never be reached from the start, "phone": the "next" that names "end-harmfull" probably means it (see the unknown-node error). Correct that "next" to "end-harmful"; this warning goes with it.');
  });
});

// Found by a newcomer's walk: "end-good" written for "end-strong" is too unlike it to suggest, so
// the strong ending's warning said only "Point a reply's or scene's "next" at it, or remove it": a
// trainer could delete their only strong ending. It now names the unknown "next" that may be meant.
describe('a node left unreachable by a "next" too unlike its id to suggest: the warning offers that "next"', () => {
  it('names the unknown id and says to correct it if it is meant for this node, before "remove it"', () => {
    // ("end-good", a word for the strong kind, is told "Did you mean end-strong" now: author-61.)
    const { problems } = exampleWith('{ "to": "end-strong" }', '{ "to": "end-final" }');
    expect(problems.map((p) => p.code)).toEqual(['unknown-node', 'unreachable']);
    expect(problems[0]?.message).toBe('There is no node with the id "end-final".');
    const p = problems[1]!;
    expect(`${p.message} ${p.fix}`).toBe('Node "end-strong" can never be reached from the start, "phone". A "next" names "end-final", which is not a node of this scenario (see the unknown-node error). If the "next" that names "end-final" is meant for this node, correct it to "end-strong"; otherwise point another reply\'s or scene\'s "next" at it, or remove it.');
  });

  it('offers nothing when there is no unknown "next" (a node simply not linked yet)', () => {
    const extra = '{ "id": "extra-one", "kind": "scene", "narration": "Unlinked.", "next": "end-mixed" },\n    {\n      "id": "end-strong"';
    const { problems } = exampleWith('{\n      "id": "end-strong"', extra);
    expect(problems.filter((p) => p.code === 'unreachable').map((p) => p.fix)).toEqual(['Point a reply\'s or scene\'s "next" at it, or remove it.']);
  });
});

// Found by the authoring walk: with the "next"s into "after-visit" misspelt, the warning for
// "after-visit" named the misspelling, but each ending after it got a warning of its own, "Point a
// reply's or scene's "next" at it, or remove it": a trainer following them deletes the endings.
// The nodes out of reach only because an earlier one is are listed in that one's warning.
describe('nodes out of reach only because an earlier node is: named in its warning, not each told "remove it"', () => {
  it('a misspelt "next" into a decision: one warning, naming the endings after it', () => {
    // The two scenes naming "after-vist" are one error (grouped), so the warning sends to it, not to "errors" (validator-54).
    const { problems } = exampleWith(/"next": "after-visit"/g, '"next": "after-vist"');
    const unreachable = problems.filter((p) => p.code === 'unreachable');
    expect(unreachable.map((p) => `${p.message} ${p.fix}`)).toEqual(['Node "after-visit" can never be reached from the start, "phone": the 2 places that name "after-vist" probably mean it (see the unknown-node error). The 3 nodes after it, "end-strong", "end-mixed", "end-harmful", are out of reach because of it (not listed again). Correct them to "after-visit", or rename this node to "after-vist"; this warning goes with them.']);
  });

  it('a scene nothing leads to, with a scene after it: the first is named, with the one after it', () => {
    const extra = '{ "id": "extra-one", "kind": "scene", "narration": "Unlinked.", "next": "extra-two" },\n    { "id": "extra-two", "kind": "scene", "narration": "Unlinked too.", "next": "end-mixed" },\n    {\n      "id": "end-strong"';
    const { problems } = exampleWith('{\n      "id": "end-strong"', extra);
    expect(problems.filter((p) => p.code === 'unreachable').map((p) => `${p.message} ${p.fix}`)).toEqual(['Node "extra-one" can never be reached from the start, "phone". The node after it, "extra-two", is out of reach because of it (not listed again). Point a reply\'s or scene\'s "next" at it, or remove it and the nodes after it.']);
  });
});

// Found by the authoring walk: a line given to a character not declared yet ("aunt-rosa") was told
// only 'Use the id of a character in "characters", or add the character.', without the ids there
// are or what a character needs (an unknown variable's fix gives both).
describe('an unknown character: the fix lists the characters the scenario declares, and shows one to add', () => {
  it('names the declared ids and the fields of a new character', () => {
    const { problems } = exampleWith('{ "character": "jade", "text": "Someone gave it to me.', '{ "character": "aunt-rosa", "text": "Someone gave it to me.');
    expect(problems.map((p) => `${p.code}: ${p.message} ${p.fix}`)).toEqual(['unknown-character: There is no character with the id "aunt-rosa". Use a declared character (this scenario declares "jade"), or add it to "characters", e.g. { "id": "aunt-rosa", "name": "…", "role": "…" }.']);
  });
});

/** The one problem of `code` in `text`, with the text from where it points (`at`) and its words with its fix (`says`). */
function onlyProblem(text: string, code: string) {
  const problems = validateScenario(text, 'x.json').problems.filter((p) => p.code === code);
  expect(problems).toHaveLength(1);
  const p = problems[0] as (typeof problems)[number];
  return { ...p, at: text.slice(offsetOf(text, p.line, p.column)), says: `${p.message} ${p.fix}` };
}

describe('a strong ending reached under 80% (the Developing band): a warning at the route that lets it in', () => {
  // Eight bundled scenarios ended strong at 50–53%: "Still in her corner" over a debrief that said Developing.
  it('names the score and the band, points at the route, and says to guard it at 80%; guarded, the file has no problem', () => {
    const good = readFixture('good/example.json').toString('utf8');
    const at50 = good.replace('{ "when": { "conduct": "score", "lt": 80 }, "to": "end-mixed" },', '{ "when": { "conduct": "score", "lt": 50 }, "to": "end-mixed" },');
    expect(at50).not.toBe(good);
    const problems = validateScenario(at50, 'x.json').problems;
    expect(problems.map((p) => [p.severity, p.code])).toEqual([['warning', 'strong-under-80']]);
    const p = problems[0]!;
    expect(p.message).toMatch(/^A playthrough scoring 75% reaches the strong ending "end-strong" .*Its debrief's outcome is Developing \(50–79%\)/);
    expect(formatPath(p.path)).toBe('nodes[3].replies[0].next[1]');
    expect(p.fix).toContain('Put { "when": { "conduct": "score", "lt": 80 }, "to": "end-mixed" } before this route');
    expect(validateScenario(good, 'x.json').problems).toEqual([]);
  });
});

describe('a strong ending reached under 50%: the problem points at the route that lets it in, and names the ending', () => {
  const bad = readFixture('bad/strong-under-50.json').toString('utf8');
  const NEXT = '"next": "end-strong"';
  const withNext = (next: string) => {
    const text = bad.replace(NEXT, `"next": ${next}`);
    expect(text).not.toBe(bad);
    return text;
  };
  const problemIn = (text: string) => onlyProblem(text, 'strong-under-50');

  it('a route whose "when" lets a low score through: at that "when", with the score to add to it', () => {
    const p = problemIn(withNext('[{ "when": { "var": "trust", "gte": 0 }, "to": "end-strong" }, { "to": "end-mixed" }]'));
    expect(formatPath(p.path)).toBe('nodes[3].replies[0].next[0].when');
    expect(p.at.startsWith('{ "var": "trust", "gte": 0 }')).toBe(true);
    // The ending is still named, with its own line and column (where its object opens).
    const [, line, column] = /the strong ending "end-strong" \(nodes\[4\], line (\d+), column (\d+)\)/.exec(p.message) ?? [];
    const text = bad.replace(NEXT, '"next": [{ "when": { "var": "trust", "gte": 0 }, "to": "end-strong" }, { "to": "end-mixed" }]');
    expect(text.slice(offsetOf(text, Number(line), Number(column))).startsWith('{\n      "id": "end-strong"')).toBe(true);
    // Its own condition written out, to copy (author-59: "<its condition>" was copied as it was).
    expect(p.fix).toContain('"when": [ { "var": "trust", "gte": 0 }, { "conduct": "score", "gte": 80 } ]');
  });

  // Found by the authoring pass: a "when" that is already a list was told "as a list: [ <its
  // condition>, … ]" too, which reads as putting the list inside another.
  it('a "when" that is already a list: one more item in it, not a list around it', () => {
    const p = problemIn(withNext('[{ "when": [{ "var": "trust", "gte": 0 }], "to": "end-strong" }, { "to": "end-mixed" }]'));
    expect(formatPath(p.path)).toBe('nodes[3].replies[0].next[0].when');
    expect(p.fix).toMatch(/^Add the score to this route's "when" list, as one more item before its \]: "when": \[ …, \{ "conduct": "score", "gte": 80 \} \]; /);
    expect(p.fix).not.toContain('<its condition>');
  });

  it('a last route without "when": at that route, with a route to put before it', () => {
    const p = problemIn(withNext('[{ "when": { "var": "trust", "gte": 95 }, "to": "end-mixed" }, { "to": "end-strong" }]'));
    expect(formatPath(p.path)).toBe('nodes[3].replies[0].next[1]');
    expect(p.at.startsWith('{ "to": "end-strong" }')).toBe(true);
    expect(p.fix).toContain('Put { "when": { "conduct": "score", "lt": 80 }, "to": "end-mixed" } before this route');
  });

  it('a scene between the last reply and the ending: at the scene\'s "next"', () => {
    const scene = '{ "id": "wrap-up", "kind": "scene", "title": "Later", "narration": "The week ends.", "next": "end-strong" },\n    ';
    const text = withNext('"wrap-up"').replace('{\n      "id": "end-strong"', `${scene}{\n      "id": "end-strong"`);
    expect(text).toContain('"id": "wrap-up"');
    const p = problemIn(text);
    expect(p.at.startsWith('"end-strong" }')).toBe(true);
    expect(p.message).toContain('the "next" of the scene "wrap-up"');
  });

  // Found by the authoring walk: the fix wrote "to": "<a mixed or harmful ending>", which copied as
  // it is was an invalid id. It names one of the scenario's own endings now.
  it('the "next" the fix writes out, copied as it is, makes the file valid', () => {
    const p = problemIn(bad);
    const written = /"next": (\[.*\]), or make/.exec(p.fix)?.[1];
    expect(written).toBe('[{ "when": { "conduct": "score", "lt": 80 }, "to": "end-mixed" }, { "to": "end-strong" }]');
    // Valid, and with no strong-under-80 to fix next: the fix guards at the Strong band.
    expect(validateScenario(withNext(written ?? ''), 'x.json').problems.filter((x) => x.code.startsWith('strong-'))).toEqual([]);
    expect(validateScenario(withNext(written ?? ''), 'x.json').errors).toBe(0);
  });

  it('the changes the fixes describe make the file valid', () => {
    for (const next of ['[{ "when": { "conduct": "score", "lt": 80 }, "to": "end-mixed" }, { "to": "end-strong" }]', '[{ "when": [{ "var": "trust", "gte": 0 }, { "conduct": "score", "gte": 80 }], "to": "end-strong" }, { "to": "end-mixed" }]']) {
      expect(validateScenario(withNext(next), 'x.json').problems.filter((x) => x.code.startsWith('strong-'))).toEqual([]);
      expect(validateScenario(withNext(next), 'x.json').errors).toBe(0);
    }
  });
});

describe('a strong ending reached after a critical violation: the problem points at the route that lets it in, and names the ending', () => {
  const bad = readFixture('bad/strong-after-critical.json').toString('utf8');
  // Here the prohibited act comes at the first decision, and the reply that enters the strong
  // ending is a good one, so a condition on conduct is the fix (when the entering reply is itself
  // the prohibited act, the fix is to send it elsewhere: see the next describe). The act also earns
  // points, so the only problem left is the critical violation.
  const searchAlone = '{ "principle": "no-investigating", "verdict": "violates", "weight": 3 }';
  const curious = '{ "principle": "no-jumping-to-conclusions", "verdict": "follows" }\n          ],';
  const fixture = bad.replace(searchAlone, '{ "principle": "consult-supervisor-on-suspicion", "verdict": "follows", "weight": 2 }')
    .replace(curious, '{ "principle": "no-jumping-to-conclusions", "verdict": "follows" }, { "principle": "no-investigating", "verdict": "violates" }\n          ],')
    // The supervisor's route already checks conduct, and ignoring the phone is a near miss (no 100% harmful ending).
    .replace('{ "when": { "conduct": "score", "lt": 80 }, "to": "end-mixed" },', '{ "when": { "conduct": "critical", "gte": 1 }, "to": "end-mixed" }, { "when": { "conduct": "score", "lt": 50 }, "to": "end-mixed" },')
    .replace('"assessments": [{ "principle": "no-jumping-to-conclusions", "verdict": "follows" }],', '"assessments": [{ "principle": "no-jumping-to-conclusions", "verdict": "follows" }, { "principle": "curious-not-interrogating", "verdict": "violates" }],');
  const NEXT = '"next": [\n            { "when": { "var": "trust", "gte": 60 }, "to": "end-strong" },\n            { "to": "end-harmful" }\n          ]';
  const withNext = (next: string) => {
    const text = fixture.replace(NEXT, `"next": ${next}`);
    expect(fixture).not.toBe(bad);
    expect(fixture).toContain('{ "principle": "no-investigating", "verdict": "violates" }\n');
    expect(text).not.toBe(fixture);
    return text;
  };
  const problemIn = (text: string) => onlyProblem(text, 'strong-after-critical');
  // The assessments added above leave their sections uncited in the feedback (principle-not-cited):
  // not what these tests are about.
  const codesOf = (text: string) => validateScenario(text, 'x.json').problems.map((q) => q.code).filter((c) => c !== 'principle-not-cited');

  it('a route whose "when" lets it through: at that "when", with the condition to add; adding it makes the file valid', () => {
    expect(codesOf(fixture)).toEqual(['strong-after-critical', 'strong-under-80']);
    const p = problemIn(fixture);
    expect(formatPath(p.path)).toBe('nodes[3].replies[1].next[0].when');
    expect(p.at.startsWith('{ "var": "trust", "gte": 60 }')).toBe(true);
    expect(p.message).toContain('through the route to it in the "next" of the reply "after-search" (at "after-visit")');
    // The ending is still named, with its own line and column (where its object opens).
    const [, line, column] = /the strong ending "end-strong" \(nodes\[4\], line (\d+), column (\d+)\)/.exec(p.message) ?? [];
    expect(fixture.slice(offsetOf(fixture, Number(line), Number(column))).startsWith('{\n      "id": "end-strong"')).toBe(true);
    expect(p.fix).toContain('"when": [ { "var": "trust", "gte": 60 }, { "conduct": "critical", "eq": 0 } ]');
    const fixed = withNext('[\n            { "when": [{ "var": "trust", "gte": 60 }, { "conduct": "critical", "eq": 0 }], "to": "end-strong" },\n            { "to": "end-harmful" }\n          ]');
    // (The supervisor's route here lets 50–79% through to the strong ending: strong-under-80, another matter.)
    expect(codesOf(fixed)).toEqual(['strong-under-80']);
  });

  it('a plain "next": at it, with the list of routes to write instead, which makes the file valid', () => {
    const p = problemIn(withNext('"end-strong"'));
    expect(formatPath(p.path)).toBe('nodes[3].replies[1].next');
    expect(p.at.startsWith('"end-strong"')).toBe(true);
    expect(p.fix).toContain('"next": [{ "when": { "conduct": "critical", "gte": 1 }, "to": "end-mixed" }, { "to": "end-strong" }]');
    // With the score checked too (a poor first reply can reach this good one), the file is valid.
    expect(validateScenario(withNext('[{ "when": { "conduct": "critical", "gte": 1 }, "to": "end-harmful" }, { "when": { "conduct": "score", "lt": 50 }, "to": "end-harmful" }, { "to": "end-strong" }]'), 'x.json').errors).toBe(0);
  });

  it('a last route without "when": at that route, with a route to put before it', () => {
    const p = problemIn(withNext('[{ "when": { "var": "trust", "gte": 95 }, "to": "end-mixed" }, { "to": "end-strong" }]'));
    expect(formatPath(p.path)).toBe('nodes[3].replies[1].next[1]');
    expect(p.at.startsWith('{ "to": "end-strong" }')).toBe(true);
    expect(p.fix).toContain('Put { "when": { "conduct": "critical", "gte": 1 }, "to": "end-mixed" } before this route');
    const fixed = withNext('[{ "when": { "var": "trust", "gte": 95 }, "to": "end-mixed" }, { "when": { "conduct": "critical", "gte": 1 }, "to": "end-harmful" }, { "when": { "conduct": "score", "lt": 50 }, "to": "end-harmful" }, { "to": "end-strong" }]');
    expect(validateScenario(fixed, 'x.json').errors).toBe(0);
  });
});

describe('the prohibited reply itself leads to the strong ending (a next copied from the best reply, or mistyped)', () => {
  // A trainer writes the tempting wrong reply last and gives it the "next" of the reply above it.
  const bad = readFixture('bad/strong-after-critical.json').toString('utf8');
  const NEXT = '"next": [\n            { "when": { "var": "trust", "gte": 60 }, "to": "end-strong" },\n            { "to": "end-harmful" }\n          ]';
  const text = bad.replace(NEXT, '"next": "end-strong"');

  it('is one problem, at that "next", saying the reply is itself the prohibited act and naming a harmful ending to point it at', () => {
    expect(text).not.toBe(bad);
    const errors = validateScenario(text, 'x.json').problems.filter((p) => p.severity === 'error');
    // Not also strong-under-50 at the same place: pointing the reply elsewhere fixes both.
    expect(errors.map((p) => p.code)).toEqual(['strong-after-critical']);
    const p = onlyProblem(text, 'strong-after-critical');
    expect(formatPath(p.path)).toBe('nodes[3].replies[1].next');
    expect(p.at.startsWith('"end-strong"')).toBe(true);
    expect(p.message).toContain('The reply "after-search" is itself a prohibited activity: it violates "no-investigating" (Don\'t investigate).');
    expect(p.fix.startsWith('Point this "next" at a mixed or harmful ending, e.g. "end-harmful"')).toBe(true);
    expect(validateScenario(text.replace('"next": "end-strong"', '"next": "end-harmful"'), 'x.json').errors).toBe(0);
  });
});

describe('a guide section cited with other capital letters', () => {
  it('is a warning at the citation with the heading as the guide prints it (section 9 asks for it exactly)', () => {
    const { text, problems } = exampleWith('from a single sign (Red Flags).', 'from a single sign (red flags).');
    expect(problems.map((p) => p.code)).toEqual(['unknown-guide-section']);
    const [p] = problems;
    expect(text.slice(offsetOf(text, p?.line ?? 0, p?.column ?? 0)).startsWith('red flags)')).toBe(true);
    expect(p?.message).toBe('"red flags" is not written as the guide prints it: "Red Flags".');
    expect(p?.fix).toBe('Write the section heading exactly as the guide prints it: (Red Flags).');
  });
});

// "Best practice here" in the debrief was the reply with the most points at a decision, while "The
// best-practice path from the start" took another there (one that leads to more later): a volunteer
// was told two different best replies for one decision, and nothing told the author.
describe('best-here-not-best-path: the best path takes a reply worth less (or no more) than another at its decision', () => {
  const file = () => JSON.parse(readFixture('bad/best-here-not-best-path.json').toString('utf8')) as { nodes: { id: string; replies?: { id: string; assessments: { weight?: number }[] }[] }[] };
  const phone = (f: ReturnType<typeof file>) => f.nodes[0]!.replies!;

  it('names the decision and both replies, with their points, once, at the best path\'s reply', () => {
    const problems = validateScenario(readFixture('bad/best-here-not-best-path.json'), 'x.json').problems;
    expect(problems.map((p) => p.code)).toEqual(['best-here-not-best-path']);
    const [p] = problems;
    expect(p?.message).toBe('At "phone" the best-practice path takes "phone-curious" (+2), because it leads to more points later, but "phone-ignore" is worth more there (+3): a volunteer who chooses "phone-ignore" is told it was not best practice here, and so is a room at a trainer\'s reveal.');
    expect(p?.fix).toContain('if it is "phone-curious", raise its weights (or lower those of "phone-ignore") until it is worth more');
  });

  it('warns on a tie too, when the reply the points alone would pick comes first in the file', () => {
    const f = file();
    phone(f).find((r) => r.id === 'phone-ignore')!.assessments[0]!.weight = 2;
    // The tied reply first: the points alone pick it; the best path still takes phone-curious.
    const replies = phone(f);
    replies.unshift(...replies.splice(replies.findIndex((r) => r.id === 'phone-ignore'), 1));
    const problems = validateScenario(JSON.stringify(f, null, 2), 'x.json').problems.filter((p) => p.code === 'best-here-not-best-path');
    expect(problems.map((p) => [formatPath(p.path), p.message])).toEqual([['nodes[0].replies[1].assessments',
      'At "phone" the best-practice path takes "phone-curious" (+2), because it leads to more points later, but "phone-ignore" is worth as much there (+2): a volunteer who chooses "phone-ignore" is told it was not best practice here, and so is a room at a trainer\'s reveal.']]);
  });

  it('is gone once the best path\'s reply is worth the most there, as the fix says', () => {
    const f = file();
    phone(f).find((r) => r.id === 'phone-curious')!.assessments[0]!.weight = 2;
    expect(validateScenario(JSON.stringify(f, null, 2), 'x.json').problems).toEqual([]);
  });

  it('does not come with a tie that the points and the best path settle the same way (the first in the file)', () => {
    const f = file();
    phone(f).find((r) => r.id === 'phone-ignore')!.assessments[0]!.weight = 2;
    expect(validateScenario(JSON.stringify(f, null, 2), 'x.json').problems).toEqual([]);
  });
});

// The warning compared the path's reply with every reply of its decision, a reply greyed out there
// on the best path too: the debrief names best practice only among the replies offered at that
// moment (offeredAtTurns), so a reply never offered beside the path's cannot be "told it was not
// best practice" there. But the debrief names the path's reply at that decision for every volunteer
// who reaches it, by any way in: a reply greyed out on the best path and offered beside the path's
// to a volunteer who comes another way (after a rushed hello) was no warning, and that volunteer,
// choosing the reply worth more, was told it was not best practice. Which replies are offered is
// judged at the decision as it is reached, by every way in (the exploration's states).
describe('best-here-not-best-path compares the replies offered beside the path\'s at that decision, by any way in', () => {
  type File = { nodes: ({ id: string; kind: string; next?: unknown; effects?: unknown; replies?: { id: string; when?: unknown; effects?: unknown; next?: unknown }[] } & Record<string, unknown>)[] };
  const anotherWay = () => JSON.parse(readFixture('bad/best-here-another-way.json').toString('utf8')) as File;
  const reply = (f: File, id: string) => f.nodes.flatMap((n) => n.replies ?? []).find((r) => r.id === id)!;
  const warnings = (f: File | Buffer) => validateScenario(Buffer.isBuffer(f) ? f : JSON.stringify(f, null, 2), 'x.json').problems;
  const ANOTHER_WAY = 'At "phone" the best-practice path takes "phone-curious" (+2), because it leads to more points later, but "phone-ignore" is worth more there (+3): on the best-practice path "phone-ignore" is not offered here, but a volunteer who reaches "phone" another way (with trust ≤ 50, its "when") is offered both, and after choosing "phone-ignore" is told it was not best practice here; so is a room at a trainer\'s reveal.';

  it('no warning when the reply worth more is never offered beside the path\'s (good/best-here-gated)', () => {
    // "phone-ignore" (+3) is offered only while trust is at most 50 (after the rushed hello), and
    // "phone-curious" (+2), the best path's, only from 60 (after the warm one): never both at once.
    expect(warnings(readFixture('good/best-here-gated.json'))).toEqual([]);
  });

  it('the warning when that reply is offered there on the best path (bad/best-here-offered)', () => {
    const problems = warnings(readFixture('bad/best-here-offered.json'));
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['best-here-not-best-path', 'nodes[1].replies[0].assessments']]);
    expect(problems[0]?.message).toContain('At "phone" the best-practice path takes "phone-curious" (+2), because it leads to more points later, but "phone-ignore" is worth more there (+3): a volunteer who chooses "phone-ignore" is told');
  });

  it('the warning, saying so, when only a volunteer who comes another way is offered both (bad/best-here-another-way)', () => {
    // The best path greets warmly (trust 60) and is never offered "phone-ignore"; after the rushed
    // hello (trust 40) both are offered, and the debrief still names "phone-curious" best practice.
    const problems = warnings(readFixture('bad/best-here-another-way.json'));
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['best-here-not-best-path', 'nodes[1].replies[0].assessments']]);
    expect(problems[0]?.message).toBe(ANOTHER_WAY);
    expect(problems[0]?.fix).toContain('make its "when" rule out any way in where "phone-curious" is offered too');
  });

  it('what the message says is what the debrief tells that volunteer', () => {
    const f = Scenario.parse(anotherWay());
    const phone = f.nodes.find((n) => n.id === 'phone')!;
    if (phone.kind !== 'decision') throw new Error('phone is a decision');
    const rushed = f.nodes[0]!.kind === 'decision' ? f.nodes[0]!.replies.find((r) => r.id === 'greeting-rushed')! : undefined;
    const ignore = phone.replies.find((r) => r.id === 'phone-ignore')!;
    const transcript = [
      { nodeId: 'greeting', replyId: 'greeting-rushed', assessments: rushed!.assessments, feedback: rushed!.feedback, changes: [{ var: 'trust', from: 50, to: 40 }] },
      { nodeId: 'phone', replyId: 'phone-ignore', assessments: ignore.assessments, feedback: ignore.feedback, changes: [] },
    ];
    const turn = buildDebrief(f, transcript, 'end-mixed').turns[1]!;
    expect(turn.bestReplyId).toBe('phone-curious');
  });

  it('a hidden reply ("hidden": true) is left out only while its "when" does not hold: the same warning', () => {
    const f = anotherWay();
    Object.assign(reply(f, 'phone-ignore'), { hidden: true });
    expect(warnings(f).map((p) => p.message)).toEqual([ANOTHER_WAY]);
  });

  it('the values are the best path\'s as a session has them there: after the scenes before the decision too', () => {
    // The warm hello's +10 moved to a scene it leads to: the best path comes to "phone" with trust
    // 60 all the same, and "phone-ignore" is offered there only to one who comes another way.
    const f = anotherWay();
    const warm = reply(f, 'greeting-warm');
    delete warm.effects;
    warm.next = 'sit-down';
    f.nodes.splice(1, 0, { id: 'sit-down', kind: 'scene', narration: 'You order two hot chocolates. Jade smiles.', effects: [{ var: 'trust', add: 10 }], next: 'phone' });
    expect(warnings(f).map((p) => p.message)).toEqual([ANOTHER_WAY]);
    // Without the scene's change the best path itself is offered it.
    (f.nodes[1] as { effects?: unknown }).effects = [{ var: 'trust', add: 0 }];
    expect(warnings(f).map((p) => p.message)).toEqual([expect.stringContaining('a volunteer who chooses "phone-ignore" is told it was not best practice here')]);
  });

  it('a better reply offered on the best path is named before one offered only another way', () => {
    const f = anotherWay();
    const phone = f.nodes.find((n) => n.id === 'phone')!;
    // A second reply worth more (+3), offered to everyone: it is the one named.
    const offered = { ...reply(f, 'phone-ignore'), id: 'phone-later', text: 'Leave the phone for now and ask about school.' };
    delete offered.when;
    phone.replies!.push(offered);
    const problems = warnings(f);
    expect(problems.map((p) => p.code)).toEqual(['best-here-not-best-path']);
    expect(problems[0]?.message).toContain('but "phone-later" is worth more there (+3): a volunteer who chooses "phone-later"');
  });
});

// The same for the chances the best path misses: the debrief counts a miss only beside a reply
// offered at that moment, so a principle followed only by a reply greyed out on the best path is
// no "You missed a chance for" in a perfect playthrough's debrief.
describe('missed-on-best-path and goal-missed-on-best-path weigh only the replies offered at that moment on the best path', () => {
  type File = { learningGoals: string[]; nodes: { replies?: { id: string; when?: unknown; assessments: unknown[] }[] }[] };
  const withIgnoreFollowing = (fixture: string, principle: string, goal = false) => {
    const f = JSON.parse(readFixture(fixture).toString('utf8')) as File;
    const ignore = f.nodes.flatMap((n) => n.replies ?? []).find((r) => r.id === 'phone-ignore')!;
    // Saying nothing asks nothing directly: a principle no reply on the best path touches.
    ignore.assessments = [{ principle, verdict: 'follows', weight: 3 }];
    if (goal) f.learningGoals.push(principle);
    return validateScenario(JSON.stringify(f, null, 2), 'x.json').problems.map((p) => p.code);
  };

  it('greyed out there on the best path: no warning', () => {
    expect(withIgnoreFollowing('good/best-here-gated.json', 'no-direct-csec-questions')).toEqual([]);
    expect(withIgnoreFollowing('good/best-here-gated.json', 'no-direct-csec-questions', true)).toEqual([]);
  });

  it('offered there on the best path: the warnings', () => {
    expect(withIgnoreFollowing('bad/best-here-offered.json', 'no-direct-csec-questions')).toEqual(['missed-on-best-path', 'best-here-not-best-path']);
    expect(withIgnoreFollowing('bad/best-here-offered.json', 'no-direct-csec-questions', true)).toEqual(['goal-missed-on-best-path', 'best-here-not-best-path']);
  });

  // A prohibition is kept by not doing it (scoring's canBeMissed): a perfect playthrough is never
  // told it missed a chance for one, so there is nothing to warn of.
  it('a critical principle (a prohibited activity) followed there by a weaker reply: no missed-on warning', () => {
    // (Its feedback there cites no Prohibited Activities: principle-not-cited, beside the point here.)
    const missedWarnings = (goal: boolean) => withIgnoreFollowing('bad/best-here-offered.json', 'no-trafficker-contact', goal).filter((c) => c.includes('missed'));
    expect(missedWarnings(false)).toEqual([]);
    expect(missedWarnings(true)).toEqual([]);
  });
});

/** The example fixture with one edit (which must change it), and the problems the validator finds in it. */
function exampleWith(from: string | RegExp, to: string) {
  const good = readFixture('good/example.json').toString('utf8');
  const text = good.replace(from, to);
  expect(text).not.toBe(good);
  return { text, problems: validateScenario(text, 'x.json').problems };
}

// Found by the authoring walk: the fallback route written first ({ "to": … } before the route with
// a "when") got a warning (route-never-used, "Move the route without when to the end") and an error
// (route-no-fallback, "End the list with a route that has no when, e.g. { "to": "<id>" }", which
// reads as "add one"). One mistake, one message, that says which route to move.
describe('the fallback route written first: one message, naming the route to move', () => {
  it('route-no-fallback says to move route 1, and no route-never-used comes with it', () => {
    const { problems } = exampleWith('{ "when": { "var": "trust", "gte": 60 }, "to": "boyfriend-open" },\n            { "to": "boyfriend-guarded" }',
      '{ "to": "boyfriend-guarded" },\n            { "when": { "var": "trust", "gte": 60 }, "to": "boyfriend-open" }');
    expect(problems.map((p) => `${p.code}: ${p.fix}`)).toEqual(['route-no-fallback: Move route 1, which has no "when", to the end of the list.']);
  });

  // Found by author-58: the strong ending guarded, and nothing after it ("next": [{ "when": { "conduct":
  // "score", "gte": 80 }, "to": "end-strong" }]), was told '{ "to": "<id>" }': which node, the trainer
  // could not tell. Where the routes lead to a strong ending, the fix names the mixed ending.
  it('only a guarded route to the strong ending: the fix names the mixed ending to end the list with', () => {
    const { problems } = exampleWith('{ "when": { "conduct": "score", "lt": 80 }, "to": "end-mixed" },\n            { "to": "end-strong" }',
      '{ "when": { "conduct": "score", "gte": 80 }, "to": "end-strong" }');
    expect(problems.filter((p) => p.severity === 'error').map((p) => `${p.code}: ${p.fix}`)).toEqual(['route-no-fallback: End the list with a route that has no "when", for the playthroughs that meet none of the conditions above: e.g. { "to": "end-mixed" }, the mixed ending.']);
  });
});

// Found by the authoring walk: a misspelt field is reported (unknown-field, "Did you mean …?"), but
// the checks after it saw the object without it and warned about what it lacked, with fixes that
// undo the trainer's work: a route's "if" for "when" was "Route 2 is never used … Move the route
// without "when" to the end", and a flag's only "effect" for "effects" was "variable-unused …
// remove it from "variables"".
describe('a misspelt field sets off no warning about its absence', () => {
  const codes = (from: string, to: string) => exampleWith(from, to).problems.map((p) => p.code);

  it('"if" for a route\'s "when": only the unknown-field, no route-never-used', () => {
    expect(codes('{ "when": { "var": "trust", "gte": 60 }, "to": "boyfriend-open" }', '{ "if": { "var": "trust", "gte": 60 }, "to": "boyfriend-open" }')).toEqual(['unknown-field']);
  });

  it('"effect" for the only "effects" that changes a flag: only the unknown-field, no variable-unused', () => {
    const flag = '{ "id": "trust", "label": "Jade\'s trust", "min": 0, "max": 100, "start": 50, "shown": true }';
    const withFlag = exampleWith(flag, `${flag},\n    { "id": "told", "label": "You told your supervisor", "type": "flag", "start": false }`).text
      .replace('"id": "after-supervisor",', '"id": "after-supervisor",\n          "effects": [{ "var": "told", "set": true }],')
      .replace('{ "when": { "conduct": "score", "lt": 80 }, "to": "end-mixed" }', '{ "when": [{ "conduct": "score", "lt": 80 }, { "var": "told", "is": true }], "to": "end-mixed" }');
    expect(validateScenario(withFlag, 'x.json').problems.filter((p) => p.severity === 'error')).toEqual([]);
    const misspelt = withFlag.replace('"effects": [{ "var": "told", "set": true }]', '"effect": [{ "var": "told", "set": true }]');
    expect(validateScenario(misspelt, 'x.json').problems.map((p) => p.code)).toEqual(['unknown-field']);
    // With the "when" that tests it misspelt too, the same.
    const both = misspelt.replace('{ "when": [{ "conduct": "score", "lt": 80 }, { "var": "told", "is": true }], "to": "end-mixed" }', '{ "wen": [{ "conduct": "score", "lt": 80 }, { "var": "told", "is": true }], "to": "end-mixed" }');
    expect(validateScenario(both, 'x.json').problems.map((p) => p.code).filter((c) => c === 'variable-unused' || c === 'route-never-used')).toEqual([]);
  });

  it('"wehn" on a hidden reply: only the unknown-field, no hidden-without-when', () => {
    expect(codes('"id": "after-search",', '"id": "after-search",\n          "hidden": true, "wehn": { "var": "trust", "lt": 40 },')).toEqual(['unknown-field']);
  });
});

describe('best-path-blocked points at the condition in the way, with the values the best path brings to it', () => {
  // The guarded scene leads straight to the mixed ending, so the open one is worth more.
  const shortCut = (routes: string) => {
    const good = readFixture('good/example.json').toString('utf8');
    const text = good.replace(/("id": "boyfriend-guarded",[^]*?"next": )"after-visit"/, '$1"end-mixed"')
      .replace('{ "when": { "var": "trust", "gte": 60 }, "to": "boyfriend-open" },\n            { "to": "boyfriend-guarded" }', routes);
    expect(text).not.toBe(good);
    const found = validateScenario(text, 'x.json').problems.filter((p) => p.code === 'best-path-blocked');
    expect(found).toHaveLength(1);
    return found[0] as Problem;
  };

  it('a route of the best reply that its effects do not reach', () => {
    const p = shortCut('{ "when": { "var": "trust", "gte": 70 }, "to": "boyfriend-open" },\n            { "to": "boyfriend-guarded" }');
    expect(p.path).toEqual(['nodes', 0, 'replies', 0, 'next', 0, 'when']);
    expect(p.message).toMatch(/\. Its route to "boyfriend-open" needs trust ≥ 70, and on the best path trust is 60 after the reply\.$/);
    expect(p.fix).toBe('Loosen this "when", or change the effects before it so that the best replies meet it.');
  });

  it('an earlier route that is taken first', () => {
    const p = shortCut('{ "when": { "var": "trust", "gte": 10 }, "to": "boyfriend-guarded" },\n            { "to": "boyfriend-open" }');
    expect(p.path).toEqual(['nodes', 0, 'replies', 0, 'next', 0, 'when']);
    expect(p.message).toMatch(/\. An earlier route, to "boyfriend-guarded", comes before the route to "boyfriend-open" and is taken first: trust ≥ 10 holds \(trust is 60 after the reply\)\.$/);
    expect(p.fix).toBe('Make this route\'s "when" stricter, or move the route to "boyfriend-open" before it.');
  });
});

describe('mistakes from a trainer\'s first scenario: each is one problem, in words, with the fix written out', () => {
  const only = (from: string, to: string, code: string) => {
    const { text, problems } = exampleWith(from, to);
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.code), JSON.stringify(errors, null, 1)).toContain(code);
    const p = errors.find((e) => e.code === code) as (typeof errors)[number];
    return { ...p, at: text.slice(offsetOf(text, p.line, p.column)), says: `${p.message} ${p.fix}` };
  };

  it('a number far too big for its field is told the field\'s own limit, once, not the largest whole number JSON can hold', () => {
    for (const [from, to, limit] of [['"estimatedMinutes": 5', '"estimatedMinutes": 12345678901234567890', 'at most 240'], ['"estimatedMinutes": 5', '"estimatedMinutes": -12345678901234567890', 'at least 1']] as const) {
      const { problems } = exampleWith(from, to);
      expect(problems.filter((p) => p.path.join('.') === 'estimatedMinutes').map((p) => `${p.code}: ${p.message} ${p.fix}`)).toEqual([
        expect.stringMatching(new RegExp(`^out-of-range: "estimatedMinutes" is the number -?1\\.?\\d*(?:e\\+19|0+); it must be ${limit}\\. Use a value of \\d+ or (?:less|more)\\.$`)),
      ]);
      expect(problems.map((p) => p.message).join(' ')).not.toContain('9007199254740991');
    }
  });

  it('an ending without "ending" is a missing field with the three kinds, not "ending is undefined"', () => {
    const p = only('"kind": "ending",\n      "ending": "mixed",', '"kind": "ending",', 'missing-field');
    expect(p.message).toBe('The ending node "end-mixed" is missing "ending".');
    expect(p.fix).toBe('Add "ending": "strong", "mixed" or "harmful".');
    expect(p.says).not.toContain('undefined');
    // An assessment without its verdict, likewise.
    const v = only('{ "principle": "no-jumping-to-conclusions", "verdict": "follows" }]', '{ "principle": "no-jumping-to-conclusions" }]', 'missing-field');
    expect(v.message).toBe('An assessment is missing "verdict".');
    expect(v.says).not.toContain('undefined');
  });

  it('"to" written inside the route\'s "when": the problem says to move it out, not "Did you mean gte"', () => {
    const route = '{ "when": { "var": "trust", "gte": 60 }, "to": "boyfriend-open" }';
    const { problems } = exampleWith(route, '{ "when": { "var": "trust", "gte": 60, "to": "boyfriend-open" } }');
    const unknown = problems.find((p) => p.code === 'unknown-field');
    expect(unknown?.message).not.toContain('Did you mean');
    expect(unknown?.message).toContain('"to" belongs to the route, not inside its "when"');
    const missing = problems.find((p) => p.code === 'missing-field');
    expect(missing?.message).toBe('A route is missing "to". It is written inside the route\'s "when".');
    expect(missing?.fix).toBe('Close the condition before "to": { "when": { … }, "to": "boyfriend-open" }.');
  });

  // One mistake, one message (author-61): { "trust": "+15" } was two errors with one fix, "An effect
  // is missing "var"" at its { and "trust" is not a field of an effect at the name.
  it('a condition or effect written with the variable as its field: one error, at the name, saying "var" is missing, with the object to write', () => {
    const one = (from: string, to: string) => {
      const { text, problems } = exampleWith(from, to);
      expect(problems.map((p) => p.code), JSON.stringify(problems, null, 1)).toEqual(['unknown-field']);
      const p = problems[0]!;
      return { ...p, at: text.slice(offsetOf(text, p.line, p.column)) };
    };
    const condition = one('{ "var": "trust", "gte": 60 }', '{ "trust": { "gte": 60 } }');
    expect(condition.at.startsWith('"trust": { "gte"')).toBe(true);
    expect(condition.message).toBe('"trust" is not a field of a condition, which is missing "var": "trust" is a variable, and a condition names its variable with "var".');
    expect(condition.fix).toBe('Write { "var": "trust", "gte": 60 }.');
    expect(one('{ "var": "trust", "gte": 60 }', '{ "trust": { ">=": 60 } }').fix).toBe('Write { "var": "trust", "gte": 60 }.');
    const plus = one('"effects": [{ "var": "trust", "add": 10 }]', '"effects": [{ "trust": "+15" }]');
    expect(plus.at.startsWith('"trust": "+15"')).toBe(true);
    expect(plus.message).toBe('"trust" is not a field of an effect, which is missing "var": "trust" is a variable, and an effect names its variable with "var".');
    expect(plus.fix).toBe('Write { "var": "trust", "add": 15 }.');
    // A bare amount may be meant as "set": the fix says what each does.
    expect(one('"effects": [{ "var": "trust", "add": 10 }]', '"effects": [{ "trust": 15 }]').fix)
      .toBe('Write { "var": "trust", "add": 15 } (that adds 15 to it; to make it 15, write "set": 15 in place of "add": 15).');
    expect(one('"effects": [{ "var": "trust", "add": 10 }]', '"effects": [{ "trust": -15 }]').fix).toBe('Write { "var": "trust", "add": -15 }.');
  });

  // Found by author-61: the language warning names the word ("AWOL") and the rule's id to allow it
  // ("awol"); a trainer wrote the word, and was given the list of ids to choose from.
  it.each([
    ['"AWOL"', '"AWOL" is not a language rule. It is a word of the rule "awol": "allowLanguage" names a rule by its id.', 'Change it to "awol".'],
    ['"a CSEC"', '"a CSEC" is not a language rule. It is a word of the rule "a-csec": "allowLanguage" names a rule by its id.', 'Change it to "a-csec".'],
    ['"a csec"', '"a csec" is not a language rule. It is a word of the rule "a-csec": "allowLanguage" names a rule by its id.', 'Change it to "a-csec".'],
    ['"A-CSEC"', '"A-CSEC" is not a language rule. Did you mean "a-csec"?', 'Change it to "a-csec".'],
    ['"awoll"', '"awoll" is not a language rule. Did you mean "awol"?', 'Change it to "awol".'],
  ])('allowLanguage with %s: the rule\'s id to write', (item, message, fix) => {
    const { text, problems } = exampleWith('"text": "Look, finally a phone that doesn\'t die every hour." }', `"text": "Look, finally a phone that doesn't die every hour.", "allowLanguage": [${item}] }`);
    expect(problems.map((p) => [p.code, p.message, p.fix])).toEqual([['unknown-language-rule', message, fix]]);
    expect(text.slice(offsetOf(text, problems[0]!.line, problems[0]!.column)).startsWith(item)).toBe(true);
  });

  // Found by author-61: the whole conduct condition written as the measure's words was told 'Did you
  // mean "score"?' and "Use one of: …": the trainer's 80 was lost. The fix writes the condition.
  it.each([
    ['"score at least 80"', '{ "conduct": "score", "gte": 80 }'],
    ['"score >= 80"', '{ "conduct": "score", "gte": 80 }'],
    ['"critical = 0"', '{ "conduct": "critical", "eq": 0 }'],
    ['"score 80% or more"', '{ "conduct": "score", "gte": 80 }'],
  ])('"conduct": %s is one error at the words, whose fix writes the condition they say', (words, condition) => {
    const { text, problems } = exampleWith('{ "conduct": "score", "lt": 80 }', `{ "conduct": ${words} }`);
    expect(problems.map((p) => [p.code, p.fix])).toEqual([['invalid-value', `Write the condition as ${condition}.`]]);
    expect(problems[0]!.message).toContain('"conduct" names only what is measured');
    expect(text.slice(offsetOf(text, problems[0]!.line, problems[0]!.column)).startsWith(words)).toBe(true);
  });

  // The variable named otherwise, as a field: by its label, in capitals, misspelt (author-61: "Add
  // var" and "Remove it, or use one of: var, add, set", the amount lost).
  it.each([
    ['"Trust": -10', 'Trust', '{ "var": "trust", "add": -10 }'],
    ['"trsut": "+15"', 'trsut', '{ "var": "trust", "add": 15 }'],
    ['"Jade\'s trust": -10', 'Jade\'s trust', '{ "var": "trust", "add": -10 }'],
  ])('an effect written { %s } is one error at the name, with the variable it names', (field, key, written) => {
    const { text, problems } = exampleWith('"effects": [{ "var": "trust", "add": 10 }]', `"effects": [{ ${field} }]`);
    expect(problems.map((p) => [p.code, p.message, p.fix])).toEqual([['unknown-field', `"${key}" is not a field of an effect, which is missing "var": it names the variable "trust", and an effect names its variable with "var".`, `Write ${written}.`]]);
    expect(text.slice(offsetOf(text, problems[0]!.line, problems[0]!.column)).startsWith(`"${key}"`)).toBe(true);
  });

  it('a condition written { "Trust": { "gte": 60 } } is told the same; a field naming no variable is not', () => {
    const { problems } = exampleWith('{ "var": "trust", "gte": 60 }', '{ "Trust": { "gte": 60 } }');
    expect(problems.map((p) => [p.code, p.fix])).toEqual([['unknown-field', 'Write { "var": "trust", "gte": 60 }.']]);
    const none = exampleWith('"effects": [{ "var": "trust", "add": 10 }]', '"effects": [{ "mood": 10 }]').problems;
    expect(none.map((p) => p.code).sort()).toEqual(['missing-field', 'unknown-field']);
  });

  // Left by author-61, done by the lead: { "score": 80 } or { "critical": 0 } in a "when" gave two
  // errors, "A condition is missing "var"" and "Remove it, or use one of: var, gte, …", neither
  // naming "conduct". One error at the measure's name, with the condition on conduct written out.
  it.each([
    ['"score": 80', 'score', 'Write { "conduct": "score", "gte": 80 }, for 80 or more (for exactly 80, "eq" in place of "gte") (see Conditions in docs/authoring.md, section 4).'],
    ['"critical": 0', 'critical', 'Write { "conduct": "critical", "eq": 0 } (see Conditions in docs/authoring.md, section 4).'],
    ['"Score": { "gte": 50 }', 'Score', 'Write { "conduct": "score", "gte": 50 } (see Conditions in docs/authoring.md, section 4).'],
    ['"percent": "at least 70"', 'percent', 'Write { "conduct": "percent", "gte": 70 }.'],
  ])('a condition written { %s } is one error at the measure, with the condition on conduct to write', (field, key, fix) => {
    const { text, problems } = exampleWith('{ "var": "trust", "gte": 60 }', `{ ${field} }`);
    expect(problems.map((p) => [p.code, p.fix])).toEqual([['unknown-field', fix]]);
    expect(problems[0]!.message).toBe(`"${key}" is not a field of a condition, which is missing "var": the volunteer's conduct so far (the score, critical violations, points) is tested with "conduct", not "var".`);
    expect(text.slice(offsetOf(text, problems[0]!.line, problems[0]!.column)).startsWith(`"${key}"`)).toBe(true);
  });

  // Found by author-61: "end-bad" was told only to use one of the endings or add a node.
  it.each([
    ['"next": "end-harmful"', '"next": "end-bad"', 'end-bad', 'There is no node with the id "end-bad". Did you mean "end-harmful" (the harmful ending)?'],
    ['"next": "end-mixed"', '"next": "end-ok"', 'end-ok', 'There is no node with the id "end-ok". Did you mean "end-mixed" (the mixed ending)?'],
    ['"to": "end-strong"', '"to": "end-good"', 'end-good', 'There is no node with the id "end-good". Did you mean "end-strong" (the strong ending)?'],
  ])('a "next" naming an ending by a word for its kind (%s written %s) is told the ending of that kind', (from, to, _id, message) => {
    const problems = exampleWith(from, to).problems.filter((p) => p.code === 'unknown-node');
    expect(problems.map((p) => p.message)).toEqual([message]);
  });

  it('a flag written as the field of an effect or a condition: the fix sets it, or tests it, with true or false', () => {
    const flag = '{ "id": "trust", "label": "Jade\'s trust", "min": 0, "max": 100, "start": 50, "shown": true },\n    { "id": "told-csw", "type": "flag", "label": "Told the social worker" }';
    const text = readFixture('good/example.json').toString('utf8').replace(/\{ "id": "trust", "label": "Jade's trust", "min": 0, "max": 100, "start": 50, "shown": true \}/, flag)
      .replace('"effects": [{ "var": "trust", "add": 10 }]', '"effects": [{ "var": "trust", "add": 10 }, { "told-csw": true }]')
      .replace('{ "when": { "var": "trust", "gte": 60 }, "to": "boyfriend-open" }', '{ "when": { "told-csw": true }, "to": "boyfriend-open" }');
    const fixes = validateScenario(text, 'x.json').problems.filter((p) => p.code === 'unknown-field').map((p) => p.fix);
    expect(fixes).toEqual(['Write { "var": "told-csw", "set": true }.', 'Write { "var": "told-csw", "is": true }.']);
  });

  it('an assessment written as just the principle id: the fix writes the object out', () => {
    const p = only('"assessments": [{ "principle": "no-jumping-to-conclusions", "verdict": "follows" }]', '"assessments": ["no-jumping-to-conclusions"]', 'wrong-type');
    expect(p.at.startsWith('"no-jumping-to-conclusions"')).toBe(true);
    expect(p.fix).toBe('Write each assessment as an object: { "principle": "no-jumping-to-conclusions", "verdict": "follows" } (or "violates"; add "weight": 2 or 3 if it counts more).');
  });

  it('a yes/no flag compared with "eq": true, or set to "yes": the fix names the flag and says true or false', () => {
    const flag = '{ "id": "trust", "label": "Jade\'s trust", "min": 0, "max": 100, "start": 50, "shown": true }';
    const withFlag = (from: string, to: string) => exampleWith(flag, `${flag},\n    { "id": "told-csw", "label": "You told the CSW", "type": "flag", "start": false }`).text.replace(from, to);
    const eq = validateScenario(withFlag('{ "var": "trust", "gte": 60 }', '{ "var": "told-csw", "eq": true }'), 'x.json').problems.filter((p) => p.severity === 'error');
    expect(eq.map((p) => p.fix)).toEqual(['A yes/no flag is tested with "is": write { "var": "told-csw", "is": true }.']);
    const set = validateScenario(withFlag('{ "var": "trust", "add": 10 }', '{ "var": "told-csw", "set": "yes" }'), 'x.json').problems.filter((p) => p.severity === 'error');
    expect(set.map((p) => p.fix)).toEqual(['"told-csw" is a yes/no flag: write "set": true (yes) or "set": false (no), without quotes.']);
  });

  it('a condition written as a sum ("trust > 70"): the fix writes that very condition the JSON way', () => {
    const p = only('{ "var": "trust", "gte": 60 }', '"trust > 70"', 'invalid-condition');
    expect(p.fix).toBe('Write "when": { "var": "trust", "gt": 70 }. Conditions are objects: gte (≥), gt (>), lte (≤), lt (<), eq (=), ne (≠).');
    const q = only('{ "var": "trust", "gte": 60 }', '"trust >= 60"', 'invalid-condition');
    expect(q.fix).toContain('Write "when": { "var": "trust", "gte": 60 }.');
  });

  it('a condition on conduct written as a sum ("score >= 50"): the fix tests conduct, not a variable "score"', () => {
    const p = only('{ "var": "trust", "gte": 60 }', '"score >= 50"', 'invalid-condition');
    expect(p.fix).toContain('Write "when": { "conduct": "score", "gte": 50 }.');
    const c = only('{ "var": "trust", "gte": 60 }', '"critical = 0"', 'invalid-condition');
    expect(c.fix).toContain('Write "when": { "conduct": "critical", "eq": 0 }.');
    // Written the way the fix says, the file is valid.
    const { text } = exampleWith('{ "var": "trust", "gte": 60 }', '{ "conduct": "score", "gte": 50 }');
    expect(validateScenario(text, 'x.json').problems.filter((x) => x.severity === 'error')).toEqual([]);
    // In a list of conditions, each text is written out too.
    const l = only('{ "var": "trust", "gte": 60 }', '["trust >= 60", "score >= 50"]', 'invalid-condition');
    expect(l.fix).toBe('Write it as { "var": "trust", "gte": 60 }: each condition is an object (gte ≥, gt >, lte ≤, lt <, eq =, ne ≠).');
  });

  // author-46: a yes/no flag's test written as text ("no-one-reached is true", an ending variant's
  // "when") was told to write { "var": "trust", "gte": 60 }, a number test on another variable.
  it('a flag\'s test written as text ("told-csw is true", "told-csw = no", "not told-csw"): the fix writes it with "is"', () => {
    const flag = '{ "id": "trust", "label": "Jade\'s trust", "min": 0, "max": 100, "start": 50, "shown": true }';
    const fixOf = (written: string) => {
      const text = exampleWith(flag, `${flag},\n    { "id": "told-csw", "label": "You told the CSW", "type": "flag", "start": false }`).text.replace('{ "var": "trust", "gte": 60 }', written);
      return validateScenario(text, 'x.json').problems.find((p) => p.code === 'invalid-condition')?.fix;
    };
    for (const [written, is] of [['"told-csw is true"', 'true'], ['"told-csw == false"', 'false'], ['"told-csw = no"', 'false'], ['"told-csw is not true"', 'false'], ['"told-csw != false"', 'true'], ['"told-csw"', 'true'], ['"not told-csw"', 'false'], ['"!told-csw"', 'false']] as const) {
      expect(fixOf(written), written).toBe(`Write "when": { "var": "told-csw", "is": ${is} }. Conditions are objects: gte (≥), gt (>), lte (≤), lt (<), eq (=), ne (≠); "is" tests a yes/no flag.`);
    }
    // A word that is no declared flag is not taken for one: it is told how a fact becomes a flag (author-59).
    expect(fixOf('"told-somebody"')).toMatch(/^A "when" tests a variable or the volunteer's conduct, written as an object, .* For a fact of the story, such as "told-somebody", declare a yes\/no flag in "variables"/);
  });

  it('"otherwise" written as a route\'s "when": the fix is to leave "when" out, as the last route does', () => {
    const p = only('{ "var": "trust", "gte": 60 }', '"otherwise"', 'invalid-condition');
    expect(p.fix).toBe('Leave "when" out of this route: a route with no "when" is the one taken otherwise, and it comes last.');
  });

  // The fix wrote { "var": "trust", "gte": 60 } whatever the trainer had written, and dropped the "and".
  it('comparisons joined by "and" (or && or a comma): the fix writes each with its own values, as a list that must all hold', () => {
    for (const joined of ['trust >= 50 and score >= 40', 'trust >= 50 && score >= 40', 'trust >= 50, score >= 40']) {
      const p = only('{ "var": "trust", "gte": 60 }', JSON.stringify(joined), 'invalid-condition');
      expect(p.fix).toBe('Write "when": [{ "var": "trust", "gte": 50 }, { "conduct": "score", "gte": 40 }]. A list of conditions must all hold. Conditions are objects: gte (≥), gt (>), lte (≤), lt (<), eq (=), ne (≠).');
    }
    // Written the way the fix says, the file is valid.
    const { text } = exampleWith('{ "var": "trust", "gte": 60 }', '[{ "var": "trust", "gte": 50 }, { "conduct": "score", "gte": 40 }]');
    expect(validateScenario(text, 'x.json').problems.filter((x) => x.severity === 'error')).toEqual([]);
    // "or" is not something one "when" can say: the general fix.
    expect(only('{ "var": "trust", "gte": 60 }', '"trust >= 50 or score >= 40"', 'invalid-condition').fix).toBe('Write "when": { "var": "trust", "gte": 60 } or a list of such objects that must all hold.');
  });
});

describe('fixes a trainer can follow', () => {
  // The message did not say where the first node was, and the goals the second node's replies
  // assess were said to be assessed by no reply.
  it('a node id used twice names the node that has it first, and its replies still count toward the learning goals', () => {
    const text = readFixture('good/example.json').toString('utf8');
    const scenario = JSON.parse(text) as { nodes: { id: string; kind: string }[] };
    const decisions = scenario.nodes.filter((n) => n.kind === 'decision');
    const [first, second] = decisions;
    if (!first || !second) throw new Error('the example has two decisions');
    const renamed = text.replaceAll(`"${second.id}"`, `"${first.id}"`);
    const problems = validateScenario(renamed, 'x.json').problems;
    const dup = problems.find((p) => p.code === 'duplicate-id');
    // Where it is by line and column too (valid-44): "nodes[2]" alone had the trainer count nodes.
    const at = renamed.indexOf(`"id": "${first.id}"`) + '"id": '.length;
    const line = renamed.slice(0, at).split('\n').length;
    const column = at - renamed.lastIndexOf('\n', at - 1);
    expect(dup?.message).toBe(`Another node already has the id "${first.id}": nodes[${scenario.nodes.indexOf(first as never)}] (line ${line}, column ${column}), the one every "next" and "to" naming it leads to.`);
    expect(problems.filter((p) => p.code === 'goal-not-assessed')).toEqual([]);
  });

  // A reply cannot be split across two nodes, as the fix for every long text said.
  it('a reply too long is told to be shortened, a line or narration too long to be shortened or split across two nodes', () => {
    const reply = onlyProblem(exampleWith('"That\'s a nice one! How did you get it?"', JSON.stringify('x'.repeat(1001))).text, 'too-long');
    expect(reply.fix).toBe('Shorten it: a reply is what the volunteer says or does, in a sentence or two.');
    const line = onlyProblem(exampleWith('"Look, finally a phone that doesn\'t die every hour."', JSON.stringify('x'.repeat(2001))).text, 'too-long');
    expect(line.fix).toBe('Shorten it, or split the text across two nodes.');
  });

  // Found by validator-54: a reply's feedback too long was told "a reply is what the volunteer says or does".
  it('a reply\'s feedback too long is told what feedback is for, not what a reply is', () => {
    const feedback = onlyProblem(exampleWith(/"feedback": "A light, friendly question[^"]*"/, `"feedback": ${JSON.stringify(`${'Curious, not interrogating. '.repeat(80)}(Red Flags)`)}`).text, 'too-long');
    expect(feedback.message).toMatch(/^"feedback" is \d+ characters long; the limit is 2000\.$/);
    expect(feedback.fix).toBe('Shorten it: feedback says in a few sentences why this reply helps or harms, naming the principle and citing the guide\'s section (it is shown after the reply in practice mode and in the debrief).');
    expect(feedback.fix).not.toContain('a reply is what the volunteer says');
  });

  // The fix sent notes to "facilitatorNote", which the room sees when a trainer leads the session.
  it('a comment is told to go in "authorNotes", which nobody playing sees', () => {
    const p = onlyProblem(exampleWith(/^\{/, '{\n  // first draft, check with Ana').text, 'json-syntax');
    expect(p.fix).toContain('"authorNotes" (never shown)');
  });
});

describe('a required field written with a spelling mistake', () => {
  // It was two errors that pointed at each other: missing-field at the reply's { ("It has
  // "assesments", which is not a field: a spelling mistake?") and unknown-field at the name.
  it('is one problem, at the misspelt name, naming the missing field and saying to rename it', () => {
    const { text, problems } = exampleWith('"assessments"', '"assesments"');
    expect(problems.map((p) => `${p.code} ${formatPath(p.path)}: ${p.message} ${p.fix}`)).toEqual([
      'unknown-field nodes[0].replies[0].assesments: "assesments" is not a field of a reply, which is missing "assessments". Did you mean "assessments"? Rename "assesments" to "assessments".',
    ]);
    const [p] = problems;
    expect(text.slice(offsetOf(text, p?.line ?? 0, p?.column ?? 0)).startsWith('"assesments"')).toBe(true);
    // Renaming it as the fix says leaves nothing to fix.
    expect(validateScenario(text.replace('"assesments"', '"assessments"'), 'x.json').problems).toEqual([]);
  });

  it('a misspelt "next" on the start scene is one problem, at "nxt"', () => {
    const opening = '{\n      "id": "arrive",\n      "kind": "scene",\n      "narration": "You park outside the group home.",\n      "nxt": "phone"\n    },\n    ';
    const { text, problems } = exampleWith(/"start": "phone",([\s\S]*?"nodes": \[\n {4})/, `"start": "arrive",$1${opening}`);
    expect(problems.map((p) => `${p.code} ${formatPath(p.path)}: ${p.message} ${p.fix}`)).toEqual([
      'unknown-field nodes[0].nxt: "nxt" is not a field of a scene node, which is missing "next". Did you mean "next"? Rename "nxt" to "next".',
    ]);
    const [p] = problems;
    expect(text.slice(offsetOf(text, p?.line ?? 0, p?.column ?? 0)).startsWith('"nxt": "phone"')).toBe(true);
    expect(validateScenario(text.replace('"nxt"', '"next"'), 'x.json').problems).toEqual([]);
  });

  // "speaker" for a line's "character" is not spelt like it: it was missing-field at the { ('Add
  // "character"') and unknown-field at "speaker" ('Remove it, or use one of: …'), two errors for one.
  it.each([
    ['{ "character": "jade", "text": "Look, finally', '{ "speaker": "jade", "text": "Look, finally', 'nodes[0].lines[0].speaker', '"speaker" is not a field of a line, which is missing "character". Did you mean "character"? Rename "speaker" to "character".'],
    ['"verdict": "follows"', '"result": "follows"', 'nodes[0].replies[0].assessments[0].result', '"result" is not a field of an assessment, which is missing "verdict". Did you mean "verdict"? Rename "result" to "verdict".'],
    ['"feedback": "Demanding', '"explanation": "Demanding', 'nodes[0].replies[1].explanation', '"explanation" is not a field of a reply, which is missing "feedback". Did you mean "feedback"? Rename "explanation" to "feedback".'],
    ['"ending": "strong"', '"outcome": "strong"', 'nodes[4].outcome', '"outcome" is not a field of an ending node, which is missing "ending". Did you mean "ending"? Rename "outcome" to "ending".'],
    // Found by the authoring pass: "type" (as a variable has) for an ending's "ending" was two errors, 'Add "ending"' and 'Remove it'.
    ['"ending": "strong"', '"type": "strong"', 'nodes[4].type', '"type" is not a field of an ending node, which is missing "ending". Did you mean "ending"? Rename "type" to "ending".'],
  ])('another word for a required field (%s → %s) is one problem, at that word, saying to rename it', (from, to, path, says) => {
    const { text, problems } = exampleWith(from, to);
    expect(problems.map((p) => `${formatPath(p.path)}: ${p.message} ${p.fix}`)).toEqual([`${path}: ${says}`]);
    const word = /"(\w+)"/.exec(to)?.[0] ?? '';
    const [p] = problems;
    expect(text.slice(offsetOf(text, p?.line ?? 0, p?.column ?? 0)).startsWith(word)).toBe(true);
    expect(validateScenario(text.replace(to, from), 'x.json').problems).toEqual([]);
  });

  // The fields not of its kind are listed once per object and only those closest could take are
  // spelt against each missing field (a file of 100,000 unknown fields went over every one for
  // each field missing): a name found only by containing the field's, as here, is still found, and
  // two missing fields of one object are each found at their own name, among many unknown fields.
  it('two required fields of one reply, each written inside a longer name among other unknown ones, are each one problem at that name', () => {
    const others = Array.from({ length: 50 }, (_, i) => `"field${i}": ${i}, `).join('');
    const { problems } = exampleWith(/"feedback": "Demanding([^\n]*)\n(\s*)"next": "boyfriend-guarded"/, `${others}"trainerFeedbackText": "Demanding$1\n$2"nextNodeId": "boyfriend-guarded"`);
    const renames = problems.filter((p) => p.message.includes('which is missing'));
    expect(renames.map((p) => `${formatPath(p.path)}: ${p.fix}`)).toEqual([
      'nodes[0].replies[1].trainerFeedbackText: Rename "trainerFeedbackText" to "feedback".',
      'nodes[0].replies[1].nextNodeId: Rename "nextNodeId" to "next".',
    ]);
    expect(problems.filter((p) => p.code === 'missing-field')).toEqual([]);
    expect(problems.filter((p) => p.code === 'unknown-field')).toHaveLength(52);
  });

  // Found by the authoring pass: the docs call a shown variable a meter, and "meter": true was told
  // only 'Remove it, or use one of: …', which loses the meter the trainer asked for.
  it('"meter" for a variable\'s "shown" is told its name', () => {
    const { problems } = exampleWith('"start": 50, "shown": true', '"start": 50, "meter": true');
    expect(problems.map((p) => `${p.code} ${formatPath(p.path)}: ${p.message} ${p.fix}`)).toEqual(['unknown-field variables[0].meter: "meter" is not a field of a variable. Did you mean "shown"? Rename it to "shown" (the fields of a variable: id, label, type, min, max, start, shown).']);
  });

  it('another word for an optional field is told its name ("question" for a decision\'s "prompt")', () => {
    const { problems } = exampleWith('"title": "The new phone",', '"title": "The new phone",\n      "question": "What do you say?",');
    expect(problems.map((p) => `${p.code}: ${p.message} ${p.fix}`)).toEqual(['unknown-field: "question" is not a field of a decision node. Did you mean "prompt"? Rename it to "prompt" (the fields of a decision node: id, kind, title, narration, lines, prompt, replies, facilitatorNote, discussionPrompt, allowLanguage, authorNotes).']);
  });

  // "next" written once on the decision: each reply was told only 'Add "next": the id of the node
  // that follows, …', as if it had been forgotten, not written in the wrong place.
  it('a reply without "next" whose decision has one is told that each reply has its own, with that id to add', () => {
    const scenario = JSON.parse(readFixture('good/example.json').toString('utf8')) as { nodes: { id: string; next?: unknown; replies?: { next?: unknown }[] }[] };
    const decision = scenario.nodes.find((n) => n.id === 'phone');
    for (const reply of decision?.replies ?? []) delete reply.next;
    if (decision) decision.next = 'boyfriend-guarded';
    const text = `${JSON.stringify(scenario, null, 2)}\n`;
    const problems = validateScenario(text, 'x.json').problems;
    expect(problems.map((p) => `${p.code} ${formatPath(p.path)}`)).toEqual(['missing-field nodes[0].replies[0]', 'missing-field nodes[0].replies[1]', 'missing-field nodes[0].replies[2]', 'unknown-field nodes[0].next']);
    // Each names its reply (three alike "A reply is missing "next"." told apart only by line).
    for (const [i, p] of problems.slice(0, 3).entries()) {
      expect(p.message).toBe(`The reply "${['phone-curious', 'phone-accuse', 'phone-ignore'][i] ?? ''}" is missing "next". Its decision has a "next" ("boyfriend-guarded"), but a decision goes on by the reply chosen: each reply has its own "next".`);
      expect(p.fix).toBe('Add "next": "boyfriend-guarded" to this reply (or the id of the node this reply leads to), and remove the decision\'s "next".');
    }
  });

  it('without a near miss the fix still says what to add', () => {
    const text = readFixture('bad/missing-feedback.json').toString('utf8');
    const p = validateScenario(text, 'x.json').problems.find((x) => x.code === 'missing-field');
    expect(p?.fix).toContain('Add "feedback"');
  });
});

describe('a comparison written as a sign', () => {
  it('is one problem, at the sign, saying what to write; writing it makes the file valid', () => {
    const { text, problems } = exampleWith('{ "var": "trust", "gte": 60 }', '{ "var": "trust", ">=": 60 }');
    expect(problems.map((p) => p.code)).toEqual(['unknown-field']);
    const [p] = problems;
    expect(p?.message).toContain('Did you mean "gte" (at least)?');
    // The fix says the same: rename it (removing it would leave a condition with no comparison).
    expect(p?.fix).toBe('Rename it to "gte" (the fields of a condition: var, gte, gt, lte, lt, eq, ne, is).');
    // A variable's "min" borrowed for "at least" is "gte" too, not the nearest spelling ("is").
    expect(exampleWith('{ "var": "trust", "gte": 60 }', '{ "var": "trust", "min": 60 }').problems.map((q) => q.fix)).toEqual([p?.fix]);
    expect(text.slice(offsetOf(text, p?.line ?? 0, p?.column ?? 0)).startsWith('">="')).toBe(true);
    expect(validateScenario(text.replace('">="', '"gte"'), 'x.json').problems).toEqual([]);
  });

  it('a condition with no comparison at all is still said to have none', () => {
    const good = readFixture('good/example.json').toString('utf8');
    const text = good.replace('{ "var": "trust", "gte": 60 }', '{ "var": "trust" }');
    expect(validateScenario(text, 'x.json').problems.map((p) => p.message)).toContain('This condition has no comparison, so it cannot be tested.');
  });
});

// A trainer misspelt an ending's own id ("end-mixd") while three replies named "end-mixed": each
// error said only 'Change it to "end-mixd", or add a node with the id "end-mixed"' (a second node),
// and the unreachable warning only to correct the "next": renaming the node, one change, went unsaid.
describe('a node nothing leads to, spelt nearly like an id several places name', () => {
  it('each unknown-node and the unreachable warning offer renaming the node; renaming it leaves nothing to fix', () => {
    const { text, problems } = exampleWith('"id": "boyfriend-guarded"', '"id": "boyfriend-gaurded"');
    const unknown = problems.filter((p) => p.code === 'unknown-node');
    // The route's "to" and the two replies' "next"s: one error that counts them (validator-54).
    expect(unknown.map((p) => p.repeats)).toEqual([3]);
    expect(unknown[0]?.message).toMatch(/^There is no node with the id "boyfriend-guarded"\. Did you mean "boyfriend-gaurded"\? The same error comes 3 times in 3 replies of nodes\[0\]: here, then at line \d+, column 19; line \d+, column 19\.$/);
    expect(unknown[0]?.fix).toBe('Change it to "boyfriend-gaurded", or rename the node "boyfriend-gaurded" to "boyfriend-guarded" (nothing leads to it yet, and 3 places name "boyfriend-guarded": one change instead of 3). The same goes for the other 2.');
    const away = problems.filter((p) => p.code === 'unreachable');
    expect(away.map((p) => `${p.message} ${p.fix}`)).toEqual(['Node "boyfriend-gaurded" can never be reached from the start, "phone": the 3 places that name "boyfriend-guarded" probably mean it (see the unknown-node error). Correct them to "boyfriend-gaurded", or rename this node to "boyfriend-guarded"; this warning goes with them.']);
    expect(text.slice(offsetOf(text, away[0]?.line ?? 0, away[0]?.column ?? 0)).startsWith('{\n      "id": "boyfriend-gaurded"')).toBe(true);
    expect(validateScenario(text.replace('"boyfriend-gaurded"', '"boyfriend-guarded"'), 'x.json').problems).toEqual([]);
  });

  it('one misspelt reference still gets "Change it to" the node that exists', () => {
    const { problems } = exampleWith('"next": "boyfriend-guarded"', '"next": "boyfriend-gaurded"');
    expect(problems.filter((p) => p.code === 'unknown-node').map((p) => p.fix)).toEqual(['Change it to "boyfriend-guarded", or add a node with the id "boyfriend-gaurded".']);
  });
});

// "start" misspelt: the message said 'Did you mean "phone"?' but the fix only 'Set "start" to the
// id of the first node.', where a misspelt "next" is told 'Change it to …'.
// A reply id used twice in one decision (a reply copied and not renamed) read 'already used in
// node "phone"': the node the trainer was reading, with nothing to say which reply.
describe('a reply id used twice', () => {
  it('in the same decision: names the reply that has it first, with its line and column', () => {
    const { text, problems } = exampleWith('"id": "phone-accuse"', '"id": "phone-curious"');
    const dup = problems.filter((p) => p.code === 'duplicate-id');
    expect(dup.map((p) => `${formatPath(p.path)}: ${p.message}`)).toEqual([expect.stringMatching(/^nodes\[0\]\.replies\[1\]\.id: The reply id "phone-curious" is already used by reply 1 of this decision \(line \d+, column \d+\)\.$/)]);
    const [, line, column] = /line (\d+), column (\d+)/.exec(dup[0]?.message ?? '') ?? [];
    const at = offsetOf(text, Number(line), Number(column));
    expect(text.slice(at).startsWith('"phone-curious"')).toBe(true);
    expect(at).toBeLessThan(offsetOf(text, dup[0]?.line ?? 0, dup[0]?.column ?? 0));
  });

  // Authoring leftovers (author-49): a reply copied within its decision and not renamed was told
  // 'prefix them with the node id, e.g. "d2-listen"' (an id of no file of theirs; the decision's own
  // ids begin "phone-"), or, in the worked example, 'e.g. "d2-next-time-ride" for "d2-ride"': an id
  // that says "ride" for the reply about a safety plan.
  it('in the same decision: the fix asks for an id that says what this reply does, begun as the others of its decision are', () => {
    const { problems } = exampleWith('"id": "phone-accuse"', '"id": "phone-curious"');
    const [dup] = problems.filter((p) => p.code === 'duplicate-id');
    expect(dup?.fix).toBe('Give this reply an id of its own that says what it does, beginning "phone-" as the other replies of this decision do ("phone-curious" and "phone-ignore"): a reply copied keeps the id it was copied with, and a reply id must be unique in the whole scenario.');
    expect(dup?.fix).not.toContain('d2-listen');
    // A decision of two replies, the second with the first's id: that id is not given as the way to begin (author-61).
    const scenario = JSON.parse(readFixture('good/example.json').toString('utf8')) as { nodes: { replies?: { id: string }[] }[] };
    const replies = scenario.nodes[0]!.replies!;
    replies.splice(2);
    replies[1]!.id = replies[0]!.id;
    const found = validateScenario(JSON.stringify(scenario, null, 2), 'x.json').problems;
    expect(found.map((p) => p.code)).toEqual(['duplicate-id']);
    expect(found[0]?.fix).toBe('Give this reply an id of its own that says what it does, beginning "phone-" as reply 1\'s does ("phone-curious" is taken): a reply copied keeps the id it was copied with, and a reply id must be unique in the whole scenario.');
  });

  it('in another decision: names that node, and where its reply is', () => {
    const text = readFixture('bad/duplicate-reply-id.json').toString('utf8');
    const [p] = validateScenario(text, 'x.json').problems.filter((q) => q.code === 'duplicate-id');
    expect(p?.message).toMatch(/^The reply id "phone-ignore" is already used by a reply of node "phone" \(line \d+, column \d+\)\.$/);
    const [, line, column] = /line (\d+), column (\d+)/.exec(p?.message ?? '') ?? [];
    expect(text.slice(offsetOf(text, Number(line), Number(column))).startsWith('"phone-ignore"')).toBe(true);
  });
});

// A flag started with "no" was told 'Write a whole number such as 50, or true or false without
// quotes for a variable with "type": "flag".', though the variable is declared a flag.
describe('a yes/no flag started with a word in quotes', () => {
  it.each([['"no"', 'false'], ['"Yes"', 'true'], ['"maybe"', undefined]])('"start": %s says to write %s', (written, meant) => {
    const flag = `{ "id": "told-csw", "label": "Told the CSW", "type": "flag", "start": ${written} }`;
    const { text, problems } = exampleWith(/("start": 50, "shown": true \})/, `$1,\n    ${flag}`);
    expect(problems.map((p) => `${p.code} ${formatPath(p.path)}: ${p.message} ${p.fix}`)).toEqual([
      `wrong-type variables[1].start: "start" should be true or false for the yes/no flag "told-csw", but it is the text ${written}. ${meant ? `Write "start": ${meant}, without quotes.` : 'Write "start": true (yes) or "start": false (no), without quotes.'}`,
    ]);
    // Written as the fix says, only the usual warning about a variable nothing uses is left.
    if (meant) expect(validateScenario(text.replace(`"start": ${written}`, `"start": ${meant}`), 'x.json').problems.map((p) => p.code)).toEqual(['variable-unused']);
  });
});

// A number variable started with its number in quotes (author-46) was told 'Write a whole number
// such as 50, or true or false without quotes for a variable with "type": "flag".', where every
// other number in quotes is given back without them ("weight": "2" → "weight": 2).
describe('a number variable started with its number in quotes', () => {
  it.each([['"50"', '50'], ['" 40 "', '40'], ['"-5"', '-5']])('"start": %s says to write %s', (written, meant) => {
    const { text, problems } = exampleWith('"start": 50, "shown": true', `"start": ${written}, "shown": true`);
    expect(problems.map((p) => `${p.code} ${formatPath(p.path)}: ${p.fix}`)).toEqual([`wrong-type variables[0].start: Write "start": ${meant}, without quotes.`]);
    expect(validateScenario(text.replace(`"start": ${written}`, `"start": ${meant}`), 'x.json').problems.filter((p) => p.code === 'wrong-type')).toEqual([]);
  });
});

describe('a misspelt "start"', () => {
  it('the fix says to change it to the node the message suggests; changing it leaves nothing to fix', () => {
    const { text, problems } = exampleWith('"start": "phone"', '"start": "phnoe"');
    expect(problems.map((p) => `${p.code}: ${p.message} ${p.fix}`)).toEqual(['unknown-node: "start" names "phnoe", but there is no node with that id. Did you mean "phone"? Change it to "phone", or to the id of whichever node the story starts at.']);
    expect(validateScenario(text.replace('"phnoe"', '"phone"'), 'x.json').problems).toEqual([]);
  });
});

describe('a node kind that is not one', () => {
  // The value begins the sentence: it read 'the text "narration" is not a node kind.', and the value
  // null read 'null is not a node kind.'
  it.each([['"narration"', 'The text "narration" is not a node kind.'], ['null', 'The value null is not a node kind.'], ['true', 'The value true is not a node kind.'], ['2', 'The number 2 is not a node kind.'], ['["scene"]', 'A list is not a node kind. Did you mean "scene"?']])('"kind": %s', (value, message) => {
    const { problems } = exampleWith('"kind": "scene"', `"kind": ${value}`);
    expect(problems.filter((p) => p.code === 'node-kind').map((p) => p.message)).toEqual([message]);
  });

  it('an id that is not one begins its sentence the same way', () => {
    const { problems } = exampleWith('"id": "after-visit"', '"id": "After visit"');
    expect(problems.filter((p) => p.code === 'invalid-id').map((p) => p.message)).toEqual([expect.stringMatching(/^The text "After visit" is not a valid id: ids must be lower-case letters, digits and single hyphens\. /)]);
  });
});

describe('a node without "kind"', () => {
  const without = (id: string) => {
    const edited = exampleWith(new RegExp(`("id": "${id}",\\n\\s*)"kind": "[a-z]+",\\n\\s*`), '$1');
    const { text } = edited;
    const problems = edited.problems.filter((p) => p.code === 'node-kind');
    expect(problems).toHaveLength(1);
    return { text, p: problems[0] as (typeof problems)[number] };
  };

  it.each([['boyfriend-open', 'scene', 'it has "next" and no "replies"'], ['phone', 'decision', 'it has "replies"'], ['end-strong', 'ending', 'it has "ending"']])('%s: the fix names the kind its fields show (%s), and adding it makes the file valid', (id, kind, why) => {
    const { text, p } = without(id);
    expect(p.message).toBe('This node has no "kind".');
    expect(p.fix).toBe(`Add "kind": "${kind}" (${why}).`);
    const fixed = text.replace(`"id": "${id}",`, `"id": "${id}", "kind": "${kind}",`);
    expect(validateScenario(fixed, 'x.json').problems).toEqual([]);
  });
});

// Found by the one-mistake sweep (valid-44): an id written "After visit" gave one unknown-node
// error per "next" naming "after-visit", all above the invalid-id error at the node (they come
// first in the file), so a trainer met the knock-ons before the cause.
describe('a reference to a node whose own id is the mistake', () => {
  it('is folded into the invalid-id error at that node, which lists the places naming the id and says to change it', () => {
    const { text, problems } = exampleWith('"id": "after-visit"', '"id": "After visit"');
    expect(problems.map((p) => [p.code, p.severity])).toEqual([['invalid-id', 'error']]);
    const [p] = problems as [Problem];
    expect(text.slice(offsetOf(text, p.line, p.column)).startsWith('"After visit"')).toBe(true);
    const places = [...p.message.matchAll(/line (\d+), column (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    expect(places).toHaveLength(2);
    for (const [line, column] of places) expect(text.slice(offsetOf(text, line, column)).startsWith('"after-visit"')).toBe(true);
    expect(p.message).toMatch(/^The text "After visit" is not a valid id: ids must be lower-case letters, digits and single hyphens\. It holds a capital, "A", at its start \(column \d+\)\. It holds 1 more character an id cannot hold: a space\. 2 places name "after-visit" \(line \d+, column \d+; line \d+, column \d+\), meaning this node: they lead to no node until its id is "after-visit"\.$/);
    expect(p.fix).toBe('Change it to "after-visit": then the 2 places that name it lead here.');
    expect(validateScenario(text.replace('"id": "After visit"', '"id": "after-visit"'), 'x.json').problems).toEqual([]);
  });
  it('"start" naming the id is folded in the same way', () => {
    const { problems } = exampleWith('"id": "phone"', '"id": "Phone"');
    expect(problems.map((p) => p.code)).toEqual(['invalid-id']);
    expect(problems[0]?.message).toMatch(/ "start" names "phone" \(line \d+, column \d+\), meaning this node: it leads to no node until its id is "phone"\.$/);
    expect(problems[0]?.fix).toBe('Change it to "phone": then the "start" that names it leads here.');
  });
  it('lists the first five places by line and column and counts the rest', () => {
    const lines = [...Array(7).keys()].map((i) => `{ "id": "n${i}", "kind": "scene", "title": "T", "narration": "N", "next": "after-visit" }`).join(',\n    ');
    const { text } = exampleWith('"id": "after-visit"', '"id": "After visit"');
    const many = validateScenario(text.replace('"nodes": [', `"nodes": [\n    ${lines},`), 'x.json').problems.filter((p) => p.code === 'invalid-id' || p.code === 'unknown-node');
    expect(many.map((p) => p.code)).toEqual(['invalid-id']);
    expect(many[0]?.message).toMatch(/ 9 places name "after-visit" \((line \d+, column \d+; ){4}line \d+, column \d+ and 4 more\)/);
  });
});

// Found by val-55: an id of plain ASCII that is not one ("phone_accuse", "phone accuse",
// "Phone-Accuse") was told only "ids must be lower-case letters, digits and single hyphens": which
// character, and where, was left to the trainer to find in a long id. The first is named, with the
// letters before it and its column on the line; the others are counted; the fix still gives the id.
describe('an id of plain ASCII that is not one: the character that makes it none is named, with its column', () => {
  const invalid = (written: string) => {
    const { text, problems } = exampleWith('"id": "phone-accuse"', `"id": ${JSON.stringify(written)}`);
    const p = problems.find((q) => q.code === 'invalid-id') as Problem;
    expect(p, written).toBeDefined();
    const column = Number(/ \(column (\d+)\)/.exec(p.message)?.[1]);
    // The character at that column of the problem's line.
    return { p, at: text.split('\n')[p.line - 1]?.[column - 1], column };
  };

  it.each([
    ['an underscore', 'phone_accuse', 'It holds an underscore (_) after "phone" (column 23).', '_', 'phone-accuse'],
    ['a space', 'phone accuse', 'It holds a space after "phone" (column 23).', ' ', 'phone-accuse'],
    ['a capital at the start', 'Phone-accuse', 'It holds a capital, "P", at its start (column 18).', 'P', 'phone-accuse'],
    ['a second hyphen', 'phone--accuse', 'It holds a second hyphen after "phone-" (column 24): hyphens in an id come one at a time.', '-', 'phone-accuse'],
    ['a hyphen at the end', 'phone-accuse-', 'It holds a hyphen at its end, after "phone-accuse" (column 30): an id starts and ends with a letter or a digit.', '-', 'phone-accuse'],
    ['a space at the end', 'phone-accuse ', 'It holds a space at its end, after "phone-accuse" (column 30).', ' ', 'phone-accuse'],
    ['another sign', 'phone.accuse', 'It holds the character "." after "phone" (column 23).', '.', 'phone-accuse'],
  ])('%s: named, where it is, and its column; the fix gives the id', (_name, written, says, character, id) => {
    const { p, at } = invalid(written);
    expect(p.message).toBe(`The text ${JSON.stringify(written)} is not a valid id: ids must be lower-case letters, digits and single hyphens. ${says}`);
    expect(at).toBe(character);
    expect(p.fix).toBe(`Use something like "${id}".`);
  });

  it('a quotation mark written \\" in the id: its column is where the \\ is', () => {
    const { p, at, column } = invalid('phone"accuse');
    expect(p.message).toContain('It holds the character "\\"" after "phone" (column 23).');
    expect([at, column]).toEqual(['\\', 23]);
  });

  it('a letter written as an escape before it (\\u006f for "o"): the column counts the escape as written', () => {
    const { text, problems } = exampleWith('"id": "phone-accuse"', '"id": "ph\\u006fne_accuse"');
    const p = problems.find((q) => q.code === 'invalid-id') as Problem;
    expect(p.message).toContain('It holds an underscore (_) after "phone" (column 28).');
    expect(text.split('\n')[p.line - 1]?.[27]).toBe('_');
  });

  it('several: the first named, the others counted by kind', () => {
    const { p, at } = invalid('Phone Accuse_Now');
    expect(p.message.endsWith(' It holds a capital, "P", at its start (column 18). It holds 4 more characters an id cannot hold: a space, 2 capitals and an underscore.')).toBe(true);
    expect(at).toBe('P');
    expect(p.fix).toBe('Use something like "phone-accuse-now".');
  });

  it('the scenario\'s own id and a line\'s "character": the same, at their column', () => {
    const scenario = exampleWith('"id": "example-new-phone"', '"id": "Example New Phone"').problems.find((q) => q.code === 'invalid-id');
    expect(scenario?.message).toContain('It holds a capital, "E", at its start (column 10). It holds 4 more characters an id cannot hold: 2 spaces and 2 capitals.');
    const line = exampleWith('"character": "jade"', '"character": "Jade"').problems.find((q) => q.code === 'invalid-id');
    expect(line?.message).toBe('The text "Jade" is not a valid id: ids must be lower-case letters, digits and single hyphens. It holds a capital, "J", at its start (column 33).');
    expect(line?.fix).toBe('Change it to "jade", the id of the character "Jade".');
  });

  it('the reserved words and a name written with letters outside a to z are told as before, with no column', () => {
    expect(invalid('constructor').p.message).toBe('"constructor" is a reserved word and cannot be used as an id.');
    expect(invalid('Jazmín Ruiz').p.message).toBe('The text "Jazmín Ruiz" is not a valid id: ids must be lower-case letters, digits and single hyphens.');
  });
});

// Found by ids-52: a scene whose id was written "s1 opens up", named so by three replies, was four
// invalid-id errors word for word the same, three of them above the node; a character written
// "Jade" (named "Jade") had each line told 'Change it to "Jade"'.
describe('an id that is not one, written the same way at the node and at the places naming it', () => {
  /** The places (line, column) a message names, each as the text found there. */
  const textsAt = (text: string, message: string) => [...message.matchAll(/line (\d+), column (\d+)/g)].map((m) => text.slice(offsetOf(text, Number(m[1]), Number(m[2]))).slice(0, 30));

  const escapeRegExp = (words: string) => words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // An accent is named, and where it is (found by validator-54); so are a space and a capital, with their column (val-55).
  const accent = { says: escapeRegExp(' "boyfriend-guardé" holds a letter with an accent, "é" (U+00E9), at its end, after "boyfriend-guard".'), fix: 'It is just after "boyfriend-guard": write "e" in its place, or type the whole value again. ' };
  const space = { says: ' It holds a space after "s1" \\(column \\d+\\)\\. It holds 1 more character an id cannot hold: a space\\.', fix: '' };
  const capital = { says: ' It holds a capital, "B", at its start \\(column \\d+\\)\\. It holds 1 more character an id cannot hold: a capital\\.', fix: '' };
  it.each([['a space', 's1 opens up', 's1-opens-up', space], ['a capital letter', 'Boyfriend-Guarded', 'boyfriend-guarded', capital], ['an accent', 'boyfriend-guardé', 'boyfriend-guarde', accent]])('an id with %s used by three replies is one error at the node, naming the three places', (_, id, slug, named) => {
    const { text, problems } = exampleWith(/"boyfriend-guarded"/g, JSON.stringify(id));
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['invalid-id', 'nodes[2].id']]);
    const [p] = problems as [Problem];
    expect(text.slice(offsetOf(text, p.line, p.column)).startsWith(JSON.stringify(id))).toBe(true);
    expect(p.message).toMatch(new RegExp(`^The text ${JSON.stringify(id)} is not a valid id: ids must be lower-case letters, digits and single hyphens\\.${named.says} The 3 places that name this node write it the same way \\(line \\d+, column \\d+; line \\d+, column \\d+; line \\d+, column \\d+\\): the same error, listed here once\\.$`));
    expect(textsAt(text, p.message).map((t) => t.startsWith(JSON.stringify(id)))).toEqual([true, true, true]);
    expect(p.fix).toBe(`${named.fix}Use something like "${slug}". Then write the same id in the 3 places that name this node, and they lead here.`);
    expect(p.repeats).toBe(4);
    expect(p.repeatedAt?.map((q) => formatPath(q.path))).toEqual(['nodes[0].replies[0].next[1].to', 'nodes[0].replies[1].next', 'nodes[0].replies[2].next']);
    expect(p.repeatedAt?.map((q) => `line ${q.line}, column ${q.column}`).join('; ')).toBe(/\((line .*?)\)/.exec(p.message)?.[1]);
    // Done as the fix says, nothing is left.
    expect(validateScenario(text.replaceAll(JSON.stringify(id), `"${slug}"`), 'x.json').problems).toEqual([]);
  });

  it('named by one "next": the place is named in the singular', () => {
    const { text, problems } = exampleWith(/"boyfriend-open"/g, '"Boyfriend-Open"');
    expect(problems.map((p) => p.code)).toEqual(['invalid-id']);
    expect(problems[0]?.message).toMatch(/ The place that names this node writes it the same way \(line \d+, column \d+\): the same error, listed here once\.$/);
    expect(textsAt(text, problems[0]?.message ?? '')).toEqual([expect.stringMatching(/^"Boyfriend-Open"/)]);
    expect(problems[0]?.fix).toBe('Use something like "boyfriend-open". Then write the same id at the place that names this node, and it leads here.');
    expect(problems[0]?.repeats).toBe(2);
  });

  it('named by seven places: the first four by line and column, the rest counted', () => {
    const lines = [...Array(4).keys()].map((i) => `{ "id": "n${i}", "kind": "scene", "title": "T", "narration": "N", "next": "s1 opens up" }`).join(',\n    ');
    const { text } = exampleWith(/"boyfriend-guarded"/g, '"s1 opens up"');
    const { problems } = validateScenario(text.replace('"nodes": [', `"nodes": [\n    ${lines},`), 'x.json');
    expect(problems.filter((p) => p.code === 'invalid-id')).toHaveLength(1);
    const p = problems.find((q) => q.code === 'invalid-id');
    expect(p?.message).toMatch(/ The 7 places that name this node write it the same way \((line \d+, column \d+; ){3}line \d+, column \d+ and 3 more\): the same error, listed here once\.$/);
    expect([p?.repeats, p?.repeatedAt?.length]).toEqual([8, 4]);
  });

  it('beside places naming the id meant ("after-visit"), the one naming it as written is folded in too, and each place is named by its own line', () => {
    const { text, problems } = exampleWith('"id": "after-visit"', '"id": "After visit"');
    const edited = text.replace('"next": "after-visit"', '"next": "After visit"');
    const after = validateScenario(edited, 'x.json').problems;
    expect(problems.map((p) => p.code)).toEqual(['invalid-id']);
    expect(after.map((p) => p.code)).toEqual(['invalid-id']);
    const [p] = after as [Problem];
    expect(p.message).toMatch(/ A "next" names "after-visit" \(line \d+, column \d+\), meaning this node: it leads to no node until its id is "after-visit"\. Another place names it as written here \(line \d+, column \d+\): the same error, listed here once\.$/);
    expect(textsAt(edited, p.message).map((t) => t.slice(0, 13))).toEqual(['"after-visit"', '"After visit"']);
    expect(p.fix).toBe('Change it to "after-visit": then the "next" that names it leads here. Write the same id at the place that names it as written here, and it leads here too.');
    expect([p.repeats, p.repeatedAt?.map((q) => formatPath(q.path))]).toEqual([2, ['nodes[1].next']]);
  });

  it('a character written "Jade" at its id and at each line: one error at the character, never "Change it to "Jade""', () => {
    const { text, problems } = exampleWith(/"jade"/g, '"Jade"');
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['invalid-id', 'characters[0].id']]);
    expect(problems[0]?.message).toMatch(/ The 3 places that name this character write it the same way \(line \d+, column \d+; line \d+, column \d+; line \d+, column \d+\): the same error, listed here once\.$/);
    expect(textsAt(text, problems[0]?.message ?? '').every((t) => t.startsWith('"Jade"'))).toBe(true);
    expect(problems[0]?.fix).toBe('Use something like "jade". Then write the same id in the 3 places that name this character.');
  });

  it('a variable written "Trust" at its id, its effects and its conditions: one error at the variable', () => {
    const { problems } = exampleWith(/"trust"/g, '"Trust"');
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['invalid-id', 'variables[0].id']]);
    expect(problems[0]?.message).toContain(' The 3 places that name this variable write it the same way (');
    expect(problems[0]?.fix).toBe('Use something like "trust". Then write the same id in the 3 places that name this variable.');
  });

  it('the node\'s id right, three places writing it with capitals: one error at the first, counting the others', () => {
    const { text, problems } = exampleWith(/"(next|to)": "boyfriend-guarded"/g, '"$1": "Boyfriend-Guarded"');
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['invalid-id', 'nodes[0].replies[0].next[1].to']]);
    const [p] = problems as [Problem];
    expect(p.message).toMatch(/ The same error comes 3 times, wherever "Boyfriend-Guarded" names a node: here, then at line \d+, column \d+; line \d+, column \d+\.$/);
    expect(textsAt(text, p.message).every((t) => t.startsWith('"Boyfriend-Guarded"'))).toBe(true);
    expect(p.fix).toBe('Change it to "boyfriend-guarded", the id of that node. The same goes for the other 2.');
    expect([p.repeats, p.repeatedAt?.map((q) => formatPath(q.path))]).toEqual([3, ['nodes[0].replies[1].next', 'nodes[0].replies[2].next']]);
  });

  it('two places writing two different ids wrongly are two errors, as before', () => {
    const { problems } = exampleWith('"next": "boyfriend-guarded"', '"next": "Boyfriend-Guarded"');
    const two = validateScenario(exampleWith('"next": "boyfriend-guarded"', '"next": "Boyfriend-Guarded"').text.replace('"next": "boyfriend-guarded"', '"next": "Boyfriend guarded"'), 'x.json').problems;
    expect(problems.map((p) => p.code)).toEqual(['invalid-id']);
    expect(problems[0]?.repeats).toBeUndefined();
    expect(two.map((p) => p.code)).toEqual(['invalid-id', 'invalid-id']);
  });
});

describe('"$schema": any path to scenario.schema.json, from wherever the file is', () => {
  const good = readFixture('good/example.json').toString('utf8');
  const REF = '"$schema": "../../../scenarios/scenario.schema.json"';
  const withRef = (ref: string) => {
    const text = good.replace(REF, `"$schema": ${JSON.stringify(ref)}`);
    expect(text).not.toBe(good);
    return text;
  };

  it.each(['./scenario.schema.json', '../casa/scenarios/scenario.schema.json', '/home/trainer/casa/scenarios/scenario.schema.json', 'file:///C:/casa/scenarios/scenario.schema.json'])('%s is accepted without a word', (ref) => {
    expect(validateScenario(withRef(ref), 'x.json').problems).toEqual([]);
  });

  it('another schema is a warning at the value, and the fix says how to get the line for this file', () => {
    const text = withRef('https://json-schema.org/draft-07/schema');
    const [p, ...rest] = validateScenario(text, 'x.json').problems;
    expect(rest).toEqual([]);
    expect(p?.code).toBe('schema-not-scenario');
    expect(p?.severity).toBe('warning');
    expect(text.slice(offsetOf(text, p?.line ?? 0, p?.column ?? 0)).startsWith('"https://json-schema.org')).toBe(true);
    // The core names no program: it cannot know how it was started (npm run cli --, npx, node bin/…).
    expect(p?.fix).toContain('(the "schema --for <this file>" command prints the line to write)');
    expect(p?.fix).not.toContain('casa-practice');
  });

  it('the fix names the command in the words the caller supplies (the terminal: as it was started)', () => {
    const [p] = validateScenario(withRef('https://json-schema.org/draft-07/schema'), 'x.json', { command: (args) => `npm run cli -- ${args}` }).problems;
    expect(p?.fix).toContain('(npm run cli -- schema --for <this file> prints the line to write)');
  });

  it('when the caller can tell the path leads nowhere: a warning with the path that does', () => {
    const seen: string[] = [];
    const result = validateScenario(withRef('../scenarios/scenario.schema.json'), 'x.json', {
      schemaRef: (value) => {
        seen.push(value);
        return { found: false, path: '../../casa/scenarios/scenario.schema.json' };
      },
    });
    expect(seen).toEqual(['../scenarios/scenario.schema.json']);
    expect(result.problems.map((p) => p.code)).toEqual(['schema-not-found']);
    expect(result.problems[0]?.fix).toBe('Write "$schema": "../../casa/scenarios/scenario.schema.json", the path to scenario.schema.json from this file\'s folder.');
    expect(validateScenario(withRef('../scenarios/scenario.schema.json'), 'x.json', { schemaRef: () => ({ found: true }) }).problems).toEqual([]);
  });

  // Found by val-56: a web address was accepted without a word, though the program works offline
  // and an editor may fetch it (and, offline, check nothing).
  it.each(['https://example.org/casa/scenario.schema.json', 'HTTP://intranet.local/scenario.schema.json'])('%s: a warning at the value; the fix gives the local path when the caller knows it', (ref) => {
    const text = withRef(ref);
    const [p, ...rest] = validateScenario(text, 'x.json').problems;
    expect(rest).toEqual([]);
    expect([p?.severity, p?.code]).toEqual(['warning', 'schema-remote']);
    expect(text.slice(offsetOf(text, p?.line ?? 0, p?.column ?? 0)).startsWith(JSON.stringify(ref))).toBe(true);
    expect(p?.message).toBe(`"$schema" is ${JSON.stringify(ref)}, a web address: an editor such as VS Code may fetch the format from there, so without a connection it offers no suggestions and no red underlines, and what it checks against may not be this program's format. This program works offline and never fetches it.`);
    expect(p?.fix).toContain('(the "schema --for <this file>" command prints the line to write)');
    const [told] = validateScenario(text, 'x.json', { schemaRef: () => ({ found: false, path: '../../casa/scenarios/scenario.schema.json' }) }).problems;
    expect(told?.fix).toBe('Write "$schema": "../../casa/scenarios/scenario.schema.json", the path to this program\'s own scenario.schema.json from this file\'s folder.');
  });

  it('a value with control characters is echoed escaped', () => {
    const [p] = validateScenario(withRef('\u001b[31mred.json'), 'x.json').problems;
    expect(p?.message).toContain('"\\u001b[31mred.json"');
    expect(p?.message).not.toContain('\u001b');
  });
});

describe('"Did you mean" only for a likely typo', () => {
  it('a stray one-letter field gets the list of fields, not "Did you mean "id"?" or a name that merely contains the letter', () => {
    const { problems } = exampleWith('"feedback": "Demanding', '"x": 1, "feedback": "Demanding');
    const p = problems.find((q) => q.code === 'unknown-field');
    expect(p?.message).toBe('"x" is not a field of a reply.');
    expect(p?.fix).toMatch(/^Remove it, or use one of: id, text, /);
    // A real typo of a short name is still caught.
    const t = exampleWith('"text": "That', '"txt": "That').problems.find((q) => q.code === 'unknown-field');
    expect(t?.message).toContain('Did you mean "text"?');
  });
});

describe('wrong types a trainer writes, said in a trainer\'s words', () => {
  it('an item counts from 1 and names its list; one object where a list goes gets the brackets to add', () => {
    const item = exampleWith('{ "id": "jade", "name": "Jade", "role": "youth", "age": 15 }', '"jade"').problems.find((p) => p.code === 'wrong-type');
    expect(item?.message).toBe('Item 1 of "characters" should be an object, but it is the text "jade".');
    const effects = exampleWith('"effects": [{ "var": "trust", "add": 10 }]', '"effects": { "var": "trust", "add": 10 }').problems.find((p) => p.code === 'wrong-type');
    expect(effects?.message).toBe('"effects" should be a list, but it is an object.');
    expect(effects?.fix).toBe('Put square brackets around the object: "effects": [ { … } ] is a list of one, and more items go inside the brackets, separated by commas.');
  });

  // Found by validator-54: "feedback": null was told 'Put the text in double quotes, e.g. "…".',
  // naming neither the field nor what goes in it.
  it('null in a text field: the fix names the field, gives the line to write and says what goes there', () => {
    const wrong = (from: string | RegExp, to: string) => exampleWith(from, to).problems.filter((p) => p.code === 'wrong-type');
    const [feedback] = wrong(/"feedback": "Demanding answers[^"]*"/, '"feedback": null');
    expect(feedback?.message).toBe('"feedback" should be text in double quotes, but it is null.');
    expect(feedback?.fix).toBe('Write the text in double quotes in place of null: "feedback": "…". What to write there: Why the reply helps or harms, in the guide\'s terms, naming the principle and citing its guide section by the heading in parentheses, exactly as the guide prints it: "… (Red Flags)." Several: "(Court Report; What is CSEC?)".');
    const narrationFix = 'Write the text in double quotes in place of null: "narration": "…". What to write there: What happens, told to the learner in the present tense.';
    const orDelete = (field: string) => ` If there is none, delete "${field}": null and the comma that goes with it.`;
    // An ending's narration is required; a decision's may be left out, so it may also be deleted.
    expect(wrong(/"narration": "Nothing bad happens[^"]*"/, '"narration": null')[0]?.fix).toBe(narrationFix);
    expect(wrong(/"narration": "Driving home[^"]*"/, '"narration": null')[0]?.fix).toBe(narrationFix + orDelete('narration'));
    const [note] = wrong(/"facilitatorNote": "Listen for[^"]*"/, '"facilitatorNote": null');
    expect(note?.fix).toMatch(/^Write the text in double quotes in place of null: "facilitatorNote": "…"\. What to write there: For the trainer leading a room: .*\.$/);
    expect(note?.fix.endsWith(orDelete('facilitatorNote'))).toBe(true);
    expect(feedback?.fix).not.toContain('If there is none');
    // A scene without lines needs its narration: deleting it is not offered.
    const scene = (lines: boolean) => {
      const f = JSON.parse(readFixture('good/example.json').toString('utf8')) as { nodes: Record<string, unknown>[] };
      f.nodes[1] = { ...f.nodes[1], narration: null, ...(lines ? {} : { lines: undefined }) };
      return validateScenario(JSON.stringify(f, null, 2), 'x.json').problems.filter((p) => p.code === 'wrong-type').map((p) => p.fix);
    };
    expect(scene(false)).toEqual([narrationFix]);
    expect(scene(true)).toEqual([narrationFix + orDelete('narration')]);
  });
});

// Found by author-57: a text written as a list of texts (paragraphs, or one text in [ ]) was told
// 'Put the text in double quotes, e.g. "…".', which it was already; and "allowLanguage": "awol" or
// "learningGoals" as one text, 'Use a list in square brackets: [ … ].', showing no item to write.
describe('a text written as a list, and a list written as a text: the fix writes the value meant', () => {
  const wrongType = (from: string | RegExp, to: string) => exampleWith(from, to).problems.filter((p) => p.code === 'wrong-type');

  it('paragraphs in a list are joined into one text with \\n\\n; a one-line text with a space; one text loses its [ ]', () => {
    const [narration] = wrongType('"narration": "Driving home, you keep thinking about the phone and what Jade said."',
      '"narration": ["Driving home, you keep thinking about the phone.", "And about what Jade said."]');
    expect(formatPath(narration?.path ?? [])).toBe('nodes[3].narration');
    expect(narration?.message).toBe('"narration" should be one text in double quotes, but it is a list of 2 texts.');
    expect(narration?.fix).toBe('Join them into one text: take away the square brackets, and the quotes and comma between the texts, and write \\n\\n where a new paragraph starts (or a space, to run on): "narration": "Driving home, you keep thinking about the phone.\\n\\nAnd about what Jade said.".');
    const [title] = wrongType('"title": "After the visit"', '"title": ["After", "the visit"]');
    expect(title?.fix).toBe('Join them into one text, as "title" is shown on one line: take away the square brackets, and the quotes and comma between the texts, leaving a space: "title": "After the visit".');
    const [one] = wrongType('"title": "After the visit"', '"title": ["After \\"the\\" visit"]');
    expect(one?.message).toBe('"title" should be text in double quotes, but it is a list of one text.');
    expect(one?.fix).toBe('Take away the square brackets around it, and keep the text in its double quotes: "title": "After \\"the\\" visit".');
    // Too long to copy whole from a fix: the shape, not a text cut short.
    const long = 'x'.repeat(200);
    const [cut] = wrongType('"narration": "Driving home, you keep thinking about the phone and what Jade said."', `"narration": ["${long}", "y"]`);
    expect(cut?.fix).toMatch(/: "narration": "<first text>\\n\\n<second text>"\.$/);
  });

  it('"allowLanguage" or "learningGoals" as text: the list to write, with each id in its own quotes', () => {
    const [goals] = wrongType(/"learningGoals": \[[^\]]*\]/, '"learningGoals": "curious-not-interrogating, consult-supervisor-on-suspicion"');
    expect(goals?.message).toBe('"learningGoals" should be a list, even of one, but it is text.');
    expect(goals?.fix).toBe('Put square brackets around the 2 ids, each in its own double quotes: "learningGoals": ["curious-not-interrogating", "consult-supervisor-on-suspicion"].');
    const [allow] = wrongType('"title": "After the visit",', '"title": "After the visit", "allowLanguage": "awol",');
    expect(allow?.fix).toBe('Put square brackets around it: "allowLanguage": ["awol"].');
  });
});

// Found by val-55: a line's "character": null was told 'What to write there: The id of a
// character.', naming none of the scenario's characters; the trainer had to look them up.
describe('a line whose "character" is not text: the fix lists the scenario\'s characters to copy one', () => {
  const lineCharacter = (value: unknown, characters?: { id: unknown }[]) => {
    const f = JSON.parse(readFixture('good/example.json').toString('utf8')) as { characters: { id: unknown }[]; nodes: { lines?: { character: unknown }[] }[] };
    if (characters) f.characters = characters.map((c, i) => ({ name: `Person ${i}`, role: 'other', ...c }));
    (f.nodes[0]?.lines?.[0] as { character: unknown }).character = value;
    return validateScenario(JSON.stringify(f, null, 2), 'x.json').problems.filter((p) => p.code === 'wrong-type');
  };

  it('null, with the one character declared: named', () => {
    const [p] = lineCharacter(null);
    expect(formatPath(p?.path ?? [])).toBe('nodes[0].lines[0].character');
    expect(p?.fix).toBe('Write the text in double quotes in place of null: "character": "…". What to write there: The id of a character. The only character this scenario declares is "jade".');
  });

  it('null, with eight characters declared: the first five named, the rest counted; an id that is not one is not offered', () => {
    const ids = ['jade', 'dani', 'ms-ortiz', 'grandma', 'csw-lee', 'Officer Ray', 'r-supervisor', 'tio-beto', 'nurse-kim'];
    const [p] = lineCharacter(null, ids.map((id) => ({ id })));
    expect(p?.fix).toMatch(/ The characters this scenario declares: "jade", "dani", "ms-ortiz", "grandma", "csw-lee", … and 3 more; write the id of the one who says this line\.$/);
    expect(p?.fix).not.toContain('Officer Ray');
  });

  it('a number: the same list after the fix', () => {
    const [p] = lineCharacter(7, [{ id: 'jade' }, { id: 'dani' }]);
    expect(p?.fix).toBe('Put the text in double quotes, e.g. "…". The characters this scenario declares: "jade" and "dani"; write the id of the one who says this line.');
  });

  it('no character with an id: the fix says to give one an id first', () => {
    const [p] = lineCharacter(null, [{ id: 'Jade M' }]);
    expect(p?.fix).toMatch(/ This scenario declares no character with an id yet: give the character who says it an id in "characters", and write that id here\.$/);
  });
});

// Found by val-56: a line's "character": "" was told 'Use something like "my-id"' (an id no
// character has), and a condition's or an effect's "var": null 'The id of a declared variable',
// naming none: the trainer had to look the ids up.
describe('an empty "character", or a "var" that is null or empty: the fix lists the ids to copy one', () => {
  type Example = { characters: { id: unknown }[]; variables: { id: unknown }[]; nodes: { lines?: { character: unknown }[]; replies?: { effects?: { var: unknown }[]; next: unknown }[] }[] };
  const withExample = (change: (f: Example) => void, variables?: string[]) => {
    const f = JSON.parse(readFixture('good/example.json').toString('utf8')) as Example;
    if (variables) f.variables = variables.map((id) => ({ id, label: id, min: 0, max: 100, start: 50 }));
    change(f);
    return validateScenario(JSON.stringify(f, null, 2), 'x.json').problems;
  };
  const reply = (f: Example) => f.nodes[0]?.replies?.[0] as { effects: { var: unknown }[]; next: { when?: { var: unknown } }[] };
  const eight = ['trust', 'safe', 'told-csw', 'school', 'sleep', 'Mood Now', 'phone', 'plan', 'ride'];

  it('a line\'s "character": "": said empty, the one character declared named', () => {
    const problems = withExample((f) => { (f.nodes[0]?.lines?.[0] as { character: unknown }).character = ''; });
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['invalid-id', 'nodes[0].lines[0].character']]);
    expect(problems[0]?.message).toBe('This line\'s "character" is empty: it names no character to say the line.');
    expect(problems[0]?.fix).toBe('Write between the quotes the id of the character who says this line. The only character this scenario declares is "jade".');
  });

  it('a condition\'s "var": null, with eight variables declared: the first five named, the rest counted; an id that is not one is not offered', () => {
    const problems = withExample((f) => { (reply(f).next[0]?.when as { var: unknown }).var = null; }, eight);
    const p = problems.find((q) => formatPath(q.path) === 'nodes[0].replies[0].next[0].when.var');
    expect(p?.code).toBe('wrong-type');
    expect(p?.fix).toBe('Write the text in double quotes in place of null: "var": "…". What to write there: The id of a declared variable. The variables this scenario declares: "trust", "safe", "told-csw", "school", "sleep", … and 3 more; write the id of the one this condition tests.');
  });

  it('an effect\'s "var": null, with the one variable declared: named', () => {
    const problems = withExample((f) => { (reply(f).effects[0] as { var: unknown }).var = null; });
    const p = problems.find((q) => formatPath(q.path) === 'nodes[0].replies[0].effects[0].var');
    expect(p?.fix).toBe('Write the text in double quotes in place of null: "var": "…". What to write there: The id of a declared variable. The only variable this scenario declares is "trust".');
  });

  it('"var": "" in a condition and in an effect: said empty, what it would test or change, with the variables', () => {
    const problems = withExample((f) => {
      (reply(f).next[0]?.when as { var: unknown }).var = '';
      (reply(f).effects[0] as { var: unknown }).var = '';
    }, ['trust', 'safe']);
    const at = (path: string) => problems.find((q) => formatPath(q.path) === path);
    expect(at('nodes[0].replies[0].next[0].when.var')?.message).toBe('This condition\'s "var" is empty: it names no variable to test.');
    expect(at('nodes[0].replies[0].next[0].when.var')?.fix).toBe('Write between the quotes the id of the variable it tests. The variables this scenario declares: "trust" and "safe".');
    expect(at('nodes[0].replies[0].effects[0].var')?.message).toBe('This effect\'s "var" is empty: it names no variable to change.');
    expect(at('nodes[0].replies[0].effects[0].var')?.code).toBe('invalid-id');
  });
});

describe('cycle points at the "next" that goes back', () => {
  it('a reply whose "next" names its own decision: at that "next", naming the reply', () => {
    const { text, problems } = exampleWith('"next": "end-harmful"', '"next": "after-visit"');
    const p = problems.find((q) => q.code === 'cycle');
    expect(formatPath(p?.path ?? [])).toBe('nodes[3].replies[1].next');
    expect(text.slice(offsetOf(text, p?.line ?? 0, p?.column ?? 0)).startsWith('"after-visit"')).toBe(true);
    expect(p?.fix).toBe('Point the "next" of the reply "after-search" (at "after-visit") at a node further on instead of back to "after-visit". If going back is the point, copy "after-visit" as a new node (e.g. "after-visit-again") that moves the story on.');
  });
});

describe('no-way-to-end names the loop and points at the "next" that closes it, once per loop', () => {
  /** The no-way-to-end problems of `text`, each with the text its line:column points at. */
  const deadEnds = (text: string) => validateScenario(text, 'x.json').problems.filter((q) => q.code === 'no-way-to-end')
    .map((p) => ({ ...p, at: text.slice(offsetOf(text, p.line, p.column)) }));
  /** The one no-way-to-end problem of `text` (the test fails if there is not exactly one). */
  const onlyDeadEnd = (text: string) => {
    const found = deadEnds(text);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const good = () => readFixture('good/example.json').toString('utf8');

  it('a scene that points at itself, after the start: at that scene\'s "next", once (not at the start and every node before it)', () => {
    const { text } = exampleWith(/"next": "after-visit"/g, '"next": "boyfriend-guarded"');
    const p = onlyDeadEnd(text);
    expect(formatPath(p?.path ?? [])).toBe('nodes[2].next');
    expect(p?.at.startsWith('"boyfriend-guarded"')).toBe(true);
    expect(p?.message).toBe('No ending can be reached from the node "boyfriend-guarded": no way on from it leads to an ending, so a playthrough that gets here never finishes. Shown here: its own "next" leads straight back to it. Not even the start ("phone") leads to an ending, so no playthrough can finish.');
    expect(p?.fix).toBe('Point this "next" at a node that leads to an ending, instead of back to "boyfriend-guarded": that is the way out of the loop. A story moves forward and never returns to a node it has passed.');
  });

  it('a loop closed by a route: at that route\'s "to"', () => {
    const text = good().replace(/("id": "boyfriend-guarded",[^]*?"next": )"after-visit"/, '$1[{ "when": { "var": "trust", "gte": 60 }, "to": "boyfriend-open" }, { "to": "end-mixed" }]')
      .replace(/("id": "boyfriend-open",[^]*?"next": )"after-visit"/, '$1"boyfriend-guarded"');
    // Dead only through the loop: make the guarded scene's way out lead back in as well.
    const looped = text.replace('{ "to": "end-mixed" }]', '{ "to": "boyfriend-guarded" }]');
    expect(deadEnds(text)).toEqual([]);
    const p = onlyDeadEnd(looped);
    expect(formatPath(p?.path ?? [])).toBe('nodes[2].next[0].to');
    expect(p?.at.startsWith('"boyfriend-open" }, { "to": "boyfriend-guarded" }]')).toBe(true);
    expect(p?.message).toContain('the loop boyfriend-open → boyfriend-guarded → boyfriend-open');
    expect(p?.message).toContain('Shown here: a route in the "next" of "boyfriend-guarded", which goes back to "boyfriend-open" and closes the loop.');
    expect(p?.fix).toMatch(/^Point this route's "to" at a node that leads to an ending, instead of back to "boyfriend-open"/);
  });

  it('a loop whose way out leads only into another loop: one problem per loop, each at the "next" that closes it; a decision\'s names the reply', () => {
    const text = good().replace('"to": "end-mixed" },\n            { "to": "end-strong" }', '"to": "after-visit" },\n            { "to": "after-visit" }')
      .replace('"next": "end-harmful"', '"next": "after-visit"').replace(/("id": "after-wait",[^]*?"next": )"end-mixed"/, '$1"after-visit"')
      .replace(/("id": "boyfriend-open",[^]*?"next": )"after-visit"/, '$1[{ "when": { "var": "trust", "gte": 60 }, "to": "boyfriend-guarded" }, { "to": "after-visit" }]')
      .replace(/("id": "boyfriend-guarded",[^]*?"next": )"after-visit"/, '$1"boyfriend-open"');
    const found = deadEnds(text);
    expect(found.map((p) => formatPath(p.path))).toEqual(['nodes[2].next', 'nodes[3].replies[0].next[0].to']);
    expect(found[0]?.at.startsWith('"boyfriend-open"')).toBe(true);
    expect(found[1]?.at.startsWith('"after-visit" },')).toBe(true);
    expect(found[1]?.message).toContain('Shown here: a route in the "next" of the reply "after-supervisor" (at "after-visit") leads straight back to "after-visit".');
  });

  it('a stretch with no loop (its "next" names no node): reported once, where the story enters it, naming that "next" as the cause (listed above the unknown-node error further down)', () => {
    const { text } = exampleWith(/"next": "after-visit"/g, '"next": "nowhere"');
    const found = deadEnds(text);
    expect(found).toHaveLength(1);
    expect(formatPath(found[0]?.path ?? [])).toBe('nodes[0]');
    expect(found[0]?.message).toBe('From node "phone" no ending can be reached: the way on from it runs into a "next" naming "nowhere", which is not a node of this scenario (see the unknown-node error where it is named).');
    expect(found[0]?.fix).toBe('Correct that "next" (a misspelt id, or a node not written yet) so it names a node that leads to an ending; this error goes with it.');
    expect(validateScenario(text, 'x.json').problems.map((q) => q.code)).toContain('unknown-node');
  });
});

describe('an ending that arrows lead to but no playthrough reaches, and a perfect playthrough that does not end strong', () => {
  // The example's strong ending is behind the best reply at "after-visit"; ask for more trust than
  // any playthrough has there (trust starts at 50 and the best replies raise it to 60 at most).
  const raised = () => {
    const good = readFixture('good/example.json').toString('utf8');
    const text = good.replace('{ "conduct": "score", "lt": 80 }, "to": "end-mixed" },\n            { "to": "end-strong" }',
      '{ "conduct": "score", "lt": 80 }, "to": "end-mixed" },\n            { "when": { "var": "trust", "gte": 95 }, "to": "end-strong" },\n            { "to": "end-mixed" }');
    expect(text).not.toBe(good);
    return validateScenario(text, 'x.json').problems;
  };

  it('ending-never-reached names the ending and the routes into it, at the ending', () => {
    const p = raised().find((q) => q.code === 'ending-never-reached');
    expect(p?.severity).toBe('warning');
    expect(p?.path).toEqual(['nodes', 4]);
    expect(p?.message).toBe('No playthrough reaches the strong ending "end-strong": arrows lead to it ("after-supervisor" at "after-visit" if trust ≥ 95), but their conditions never hold on the way there (every playthrough the scenario allows was tried).');
  });

  // A reply offered only where it never can be was listed with no condition ("arrows lead to it
  // ("after-search" at "after-visit")"), and the fix named a "when" on its route, which had none.
  // A yes/no flag was described as a number: "for example when told-sup is 0 and trust is 0".
  it('all-replies-disabled names a flag\'s value as yes or no', () => {
    const good = readFixture('good/example.json').toString('utf8');
    const text = good
      .replace('{ "id": "trust", "label": "Jade\'s trust", "min": 0, "max": 100, "start": 50, "shown": true }', '{ "id": "trust", "label": "Jade\'s trust", "min": 0, "max": 100, "start": 50, "shown": true },\n    { "id": "told", "label": "You told your supervisor", "type": "flag", "start": false }')
      .replace(/("id": "after-\w+",)/g, '$1\n          "when": { "var": "told", "is": true },');
    expect(text).not.toBe(good);
    const p = validateScenario(text, 'x.json').problems.find((q) => q.code === 'all-replies-disabled');
    expect(p?.message).toContain('(for example when told is no)');
  });

  it('ending-never-reached gives a reply\'s own "when" with the way in, and its fix names it', () => {
    const good = readFixture('good/example.json').toString('utf8');
    const text = good.replace('"id": "after-search",', '"id": "after-search",\n          "when": { "var": "trust", "gte": 95 },');
    expect(text).not.toBe(good);
    const p = validateScenario(text, 'x.json').problems.find((q) => q.code === 'ending-never-reached');
    expect(p?.message).toBe('No playthrough reaches the harmful ending "end-harmful": arrows lead to it ("after-search" at "after-visit" if trust ≥ 95), but their conditions never hold on the way there (every playthrough the scenario allows was tried).');
    // The test to blame is found by trying the scenario without it: without it, playthroughs get there.
    expect(p?.fix).toBe('"trust ≥ 95" on "after-search" at "after-visit" keeps every playthrough out: it never holds at that point, and without it playthroughs reach the ending. Loosen it (for example a threshold the variable can reach there), take it out, or remove the ending.');
  });

  // A trainer's strong route asked for "score ≥ 80%" and "not told-supervisor", where every
  // playthrough scoring 80% told the supervisor: the fix spoke of trust thresholds, which it had none of.
  it('ending-never-reached names two tests that each hold alone but never together, on a route with three', () => {
    const good = readFixture('good/example.json').toString('utf8');
    const text = good
      .replace('{ "id": "trust", "label": "Jade\'s trust", "min": 0, "max": 100, "start": 50, "shown": true }', '{ "id": "trust", "label": "Jade\'s trust", "min": 0, "max": 100, "start": 50, "shown": true },\n    { "id": "told", "label": "You told your supervisor", "type": "flag", "start": false }')
      .replace('"effects": [{ "var": "trust", "add": 10 }],', '"effects": [{ "var": "trust", "add": 10 }, { "var": "told", "set": true }],')
      .replace('{ "when": { "conduct": "score", "lt": 80 }, "to": "end-mixed" },\n            { "to": "end-strong" }',
        '{ "when": [{ "conduct": "critical", "eq": 0 }, { "conduct": "score", "gte": 80 }, { "var": "told", "is": false }], "to": "end-strong" },\n            { "to": "end-mixed" }');
    expect(text).not.toBe(good);
    const p = validateScenario(text, 'x.json').problems.find((q) => q.code === 'ending-never-reached');
    expect(p?.message).toContain('if critical violations = 0 and score ≥ 80% and not told)');
    expect(p?.fix).toBe('The tests "score ≥ 80%" and "not told" on "after-supervisor" at "after-visit" hold one at a time but never together: without any one of them, playthroughs reach the ending. Loosen or take out one of them, or remove the ending.');
  });

  it('ending-never-reached with a yes/no flag to blame points to the replies that set it (a flag has no threshold)', () => {
    const good = readFixture('good/example.json').toString('utf8');
    const text = good
      .replace('{ "id": "trust", "label": "Jade\'s trust", "min": 0, "max": 100, "start": 50, "shown": true }', '{ "id": "trust", "label": "Jade\'s trust", "min": 0, "max": 100, "start": 50, "shown": true },\n    { "id": "told", "label": "You told your supervisor", "type": "flag", "start": false }')
      .replace(/("id": "after-supervisor",)/, '$1\n          "effects": [{ "var": "told", "set": true }],')
      .replace('{ "when": { "conduct": "score", "lt": 80 }, "to": "end-mixed" },\n            { "to": "end-strong" }',
        '{ "when": [{ "conduct": "score", "gte": 80 }, { "var": "told", "is": false }], "to": "end-strong" },\n            { "to": "end-mixed" }');
    expect(text).not.toBe(good);
    const p = validateScenario(text, 'x.json').problems.find((q) => q.code === 'ending-never-reached');
    expect(p?.fix).toBe('"not told" on "after-supervisor" at "after-visit" keeps every playthrough out: with it taken out (the other tests on that way in kept), playthroughs reach the ending. Check which replies on the way there set "told", take it out, or remove the ending.');
  });

  it('ending-never-reached with a test that never holds at that point says so, the other tests on the way in named', () => {
    const p = raised().find((q) => q.code === 'ending-never-reached');
    expect(p?.fix).toBe('"trust ≥ 95" on "after-supervisor" at "after-visit" keeps every playthrough out: it never holds at that point, and without it playthroughs reach the ending. Loosen it (for example a threshold the variable can reach there), take it out, or remove the ending.');
  });

  it('best-path-not-strong names the best path, its ending and the last reply on it', () => {
    const p = raised().find((q) => q.code === 'best-path-not-strong');
    expect(p?.message).toMatch(/^The best-practice path \(phone-curious → after-supervisor, \d+ of \d+ points, 100%\) ends at the mixed ending "end-mixed", so a volunteer who chooses the best reply every time is told "/);
    expect(p?.fix).toMatch(/^The best path comes here after "after-supervisor"\. /);
  });

  it('the example as written has neither', () => {
    const codes = validateScenario(readFixture('good/example.json').toString('utf8'), 'x.json').problems.map((q) => q.code);
    expect(codes).not.toContain('ending-never-reached');
    expect(codes).not.toContain('best-path-not-strong');
  });
});

describe('a perfect playthrough that ends harmfully is reported once', () => {
  it('as harmful-at-90 (with its path), not again as best-path-not-strong', () => {
    // The best reply at "after-visit" sent to the harmful ending.
    const { problems } = exampleWith('{ "when": { "conduct": "score", "lt": 80 }, "to": "end-mixed" },\n            { "to": "end-strong" }', '{ "to": "end-harmful" }');
    const codes = problems.map((q) => q.code);
    expect(codes).toContain('harmful-at-90');
    expect(codes).not.toContain('best-path-not-strong');
  });
});

// One mistake, one message: what follows from it alone is not reported as mistakes of their own.
describe('knock-on messages of one mistake are left out', () => {
  const example = () => JSON.parse(readFixture('good/example.json').toString('utf8')) as Record<string, unknown> & { nodes: Record<string, unknown>[]; variables: unknown[] };
  const problemsOf = (change: (s: ReturnType<typeof example>) => void) => {
    const s = example();
    change(s);
    return validateScenario(JSON.stringify(s, null, 2), 'x.json').problems.map((p) => `${p.severity} ${p.code}`);
  };

  it('"start" naming an ending is one error, not a strong ending reached at 0% and every node unreachable', () => {
    const ending = example().nodes.find((n) => n.kind === 'ending')?.id as string;
    expect(problemsOf((s) => { s.start = ending; })).toEqual(['error start-is-ending']);
    // Its fix writes the line with the first scene or decision of the file (author-61).
    const s = example();
    s.start = ending;
    expect(validateScenario(JSON.stringify(s, null, 2), 'x.json').problems[0]?.fix).toBe('Set "start" to the id of the first scene or decision: "start": "phone", the first in "nodes" that is not an ending.');
  });

  it('"variables" written as one object (not a list) is one error, not "not declared" for every use', () => {
    expect(problemsOf((s) => { s.variables = s.variables[0] as never; })).toEqual(['error wrong-type']);
  });

  it('a node that fails the schema does not make its variables "unused"', () => {
    const decision = (s: ReturnType<typeof example>) => s.nodes.find((n) => n.kind === 'decision') as Record<string, unknown>;
    expect(problemsOf((s) => { decision(s).kind = 'Decision'; })).toEqual(['error node-kind']);
    expect(problemsOf((s) => { decision(s).replies = {}; })).not.toContain('warning variable-unused');
  });
});

// "gte": 60 with "lt": 40 said "trust only takes whole values from 0 to 100", which is not why;
// written as a list of two conditions it was not noticed at all.
describe('conditions at odds with each other', () => {
  const withWhen = (when: unknown, flag = false) => {
    const s = JSON.parse(readFixture('good/example.json').toString('utf8')) as { nodes: { id: string; replies?: { when?: unknown }[] }[]; variables: Record<string, unknown>[] };
    if (flag) s.variables.push({ id: 'told', label: 'Told', type: 'flag', start: false });
    (s.nodes.find((n) => n.id === 'phone')?.replies?.[0] as { when?: unknown }).when = when;
    return validateScenario(JSON.stringify(s, null, 2), 'x.json').problems.filter((p) => p.code === 'condition-never-true').map((p) => [formatPath(p.path), p.message]);
  };

  it('one condition whose own bounds never meet says so, not that the range is the reason', () => {
    expect(withWhen({ var: 'trust', gte: 60, lt: 40 })).toEqual([['nodes[0].replies[0].when', 'This condition can never hold: "trust" cannot be at least 60 and below 40 at once.']]);
    expect(withWhen({ var: 'trust', gte: 160 })).toEqual([['nodes[0].replies[0].when', 'This condition can never hold: "trust" only takes whole values from 0 to 100.']]);
  });

  it('a list of conditions that each can hold but never together is named once, at the list', () => {
    expect(withWhen([{ var: 'trust', gte: 60 }, { var: 'trust', lt: 40 }])).toEqual([['nodes[0].replies[0].when', 'These conditions can never hold together: "trust" cannot be at least 60 and below 40 at once.']]);
    expect(withWhen([{ var: 'trust', eq: 50 }, { var: 'trust', gt: 50 }])).toHaveLength(1);
    expect(withWhen([{ var: 'told', is: true }, { var: 'told', is: false }], true)).toEqual([['nodes[0].replies[0].when', 'These conditions can never hold together: "told" would have to be yes and no at once.']]);
    // Conditions that can hold together, and one already reported on its own, add nothing.
    expect(withWhen([{ var: 'trust', gte: 40 }, { var: 'trust', lt: 60 }])).toEqual([]);
    expect(withWhen([{ var: 'trust', gte: 160 }, { var: 'trust', lt: 40 }])).toHaveLength(1);
  });

  // Found in review: bounds that meet between whole numbers were said never to meet; and conditions
  // on a variable whose range is itself wrong were said never to hold together.
  it('says when only whole numbers keep the bounds apart, and leaves a wrong range to its own error', () => {
    expect(withWhen({ var: 'trust', gt: 1, lt: 2 })).toEqual([['nodes[0].replies[0].when', 'This condition can never hold: "trust" takes whole values only, and none is more than 1 and below 2.']]);
    expect(withWhen({ var: 'trust', eq: 1.5 })).toEqual([['nodes[0].replies[0].when', 'This condition can never hold: "trust" takes whole values only, and none is exactly 1.5.']]);
    expect(withWhen([{ var: 'trust', gt: 1 }, { var: 'trust', lt: 2 }])).toEqual([['nodes[0].replies[0].when', 'These conditions can never hold together: "trust" takes whole values only, and none is more than 1 and below 2.']]);
    const s = JSON.parse(readFixture('good/example.json').toString('utf8')) as { nodes: { id: string; replies?: { when?: unknown }[] }[]; variables: Record<string, unknown>[] };
    Object.assign(s.variables[0] as object, { min: 100, max: 0 });
    (s.nodes[0]?.replies?.[0] as { when?: unknown }).when = [{ var: 'trust', gte: 10 }, { var: 'trust', lte: 90 }];
    expect(validateScenario(JSON.stringify(s), 'x.json').problems.map((p) => p.code)).not.toContain('condition-never-true');
  });
});

// Only endings were named when conditions kept every playthrough away; a scene was not.
describe('a scene or decision that arrows lead to but no playthrough reaches', () => {
  it('is named where the story could have entered it, with the ways in and their conditions', () => {
    // trust starts at 50 and "phone-curious" raises it to 60: 95 is never reached there.
    const text = readFixture('good/example.json').toString('utf8').replace('{ "var": "trust", "gte": 60 }', '{ "var": "trust", "gte": 95 }');
    const problems = validateScenario(text, 'x.json').problems;
    const p = problems.find((q) => q.code === 'node-never-reached');
    expect(p?.severity).toBe('warning');
    expect(formatPath(p?.path ?? [])).toBe('nodes[1]');
    expect(p?.message).toBe('No playthrough reaches the scene "boyfriend-open": arrows lead to it ("phone-curious" at "phone" if trust ≥ 95), but their conditions never hold on the way there (every playthrough the scenario allows was tried).');
    expect(problems.filter((q) => q.code === 'node-never-reached')).toHaveLength(1);
    expect(validateScenario(readFixture('good/example.json'), 'x.json').problems.map((q) => q.code)).not.toContain('node-never-reached');
  });

  // Found in review: it repeated what another message says of the way in, and listed a route that a
  // route with no "when" before it shadows; an ending behind the node was named as well.
  it('is left out where another message already says why the way in is closed, and so is an ending behind it', () => {
    for (const fixture of ['bad/condition-never-true.json', 'bad/best-path-blocked-scene.json', 'bad/route-never-used.json']) {
      expect(validateScenario(readFixture(fixture), 'x.json').problems.map((q) => q.code), fixture).not.toContain('node-never-reached');
    }
    // The scene no playthrough reaches leads to an ending of its own: the condition is the one message.
    const text = readFixture('good/example.json').toString('utf8').replace('{ "var": "trust", "gte": 60 }', '{ "var": "trust", "gte": 150 }');
    const s = JSON.parse(text) as { nodes: Record<string, unknown>[] };
    (s.nodes.find((n) => n.id === 'boyfriend-open') as Record<string, unknown>).next = 'end-open';
    s.nodes.push({ id: 'end-open', kind: 'ending', ending: 'mixed', title: 'Open', narration: 'n' });
    expect(validateScenario(JSON.stringify(s, null, 2), 'x.json').problems.filter((q) => q.severity === 'warning').map((q) => q.code)).toEqual(['condition-never-true']);
  });
});

describe('an ending\'s closing texts that no playthrough is told', () => {
  type Raw = { nodes: Record<string, unknown>[] };
  /** The example with these variants on one of its endings, and what the validator says of them. */
  const told = (endingId: string, variants: unknown[]) => {
    const raw = JSON.parse(readFixture('good/example.json').toString('utf8')) as Raw;
    const ending = raw.nodes.find((n) => n.id === endingId) as Record<string, unknown>;
    ending.variants = variants;
    return validateScenario(JSON.stringify(raw, null, 2), 'x.json').problems.filter((p) => p.code === 'variant-never-told' || p.code === 'narration-never-told');
  };
  const text = (narration: string) => ({ narration });

  it('a variant whose "when" no playthrough reaching the ending meets: on a variable, and on the score', () => {
    const p = told('end-strong', [{ when: { var: 'trust', gte: 95 }, ...text('Trusting.') }, { when: { conduct: 'score', lt: 40 }, ...text('Low.') }]);
    expect(p.map((q) => [q.code, q.severity, q.path])).toEqual([
      ['variant-never-told', 'warning', ['nodes', 4, 'variants', 0, 'when']],
      ['variant-never-told', 'warning', ['nodes', 4, 'variants', 1, 'when']],
    ]);
    expect(p[0]?.message).toBe('Variant 1 of the strong ending "end-strong" (when trust ≥ 95) is never told: no playthrough that reaches the ending meets its "when" (every playthrough the scenario allows was tried).');
    expect(p[1]?.message).toContain('(when score < 40%)');
  });

  it('a variant after one that takes all its playthroughs, and a narration that a variant always replaces', () => {
    const p = told('end-strong', [{ when: { var: 'trust', gte: 0 }, ...text('Always.') }, { when: { var: 'trust', gte: 55 }, ...text('Never reached.') }]);
    // (In the order of the file: the narration comes before the variants.)
    expect(p.map((q) => [q.code, q.path])).toEqual([
      ['narration-never-told', ['nodes', 4, 'narration']],
      ['variant-never-told', ['nodes', 4, 'variants', 1, 'when']],
    ]);
    expect(p[1]?.message).toMatch(/every playthrough that meets its "when" meets an earlier variant's too/);
    expect(p[1]?.fix).toMatch(/^Move this variant before the one that takes its playthroughs/);
  });

  it('variants that some playthroughs are told, on the score too, and the narration for the rest: nothing to say', () => {
    // The mixed ending is reached at 0–25%.
    expect(told('end-mixed', [{ when: { conduct: 'score', gte: 20 }, ...text('Nearly.') }, { when: { var: 'trust', lt: 50 }, ...text('Wary.') }])).toEqual([]);
  });
});

// Found by the validator pass's newcomer walk (a small scenario written from docs/authoring.md
// alone, then the mistakes a trainer who is not a programmer makes): each of these was told
// something true but not what to type. Each test is one mistake: one problem, at the place, whose
// fix, typed there, leaves the file valid.
describe('a newcomer\'s mistakes are each told what to type, where', () => {
  /** The single error `from` → `to` gives, placed at `token`; `typed` in place of `to` leaves no error. */
  const one = (from: string, to: string, typed: string, token: string) => {
    const { text, problems } = exampleWith(from, to);
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    const [p] = errors;
    // Placed: at the value (or the field) written wrong.
    const at = text.split('\n')[(p?.line ?? 0) - 1]?.slice((p?.column ?? 0) - 1) ?? '';
    expect(at.startsWith(token), at).toBe(true);
    expect(validateScenario(text.replace(to, typed), 'x.json').problems.filter((q) => q.severity === 'error')).toEqual([]);
    return p!;
  };

  it('a comparison in words ("at least", "more than", "lessThan"): one problem, naming the comparison and what it means', () => {
    const least = one('{ "var": "trust", "gte": 60 }', '{ "var": "trust", "at least": 60 }', '{ "var": "trust", "gte": 60 }', '"at least"');
    expect(least.message).toBe('"at least" is not a field of a condition. Did you mean "gte" (at least)?');
    expect(least.fix).toBe('Rename it to "gte" (the fields of a condition: var, gte, gt, lte, lt, eq, ne, is).');
    expect(one('{ "var": "trust", "gte": 60 }', '{ "var": "trust", "more than": 60 }', '{ "var": "trust", "gt": 60 }', '"more than"').message).toContain('Did you mean "gt" (more than)?');
    expect(one('{ "var": "trust", "gte": 60 }', '{ "var": "trust", "lessThan": 60 }', '{ "var": "trust", "lt": 60 }', '"lessThan"').message).toContain('Did you mean "lt" (less than)?');
  });

  it('a percentage in quotes ("80%"): the number alone, and that a score counts in percent already', () => {
    const p = one('{ "conduct": "score", "lt": 80 }', '{ "conduct": "score", "lt": "80%" }', '{ "conduct": "score", "lt": 80 }', '"80%"');
    expect(p.fix).toBe('Write the number without quotes and without the %: "lt": 80. A condition on "score" or "percent" counts in percent already ("lt": 80 is under 80%); a variable counts in its own units.');
  });

  it('"yes" or "no" where true or false belongs: the one to write', () => {
    expect(one('"shown": true', '"shown": "yes"', '"shown": true', '"yes"').fix).toBe('Write "shown": true, without quotes: JSON\'s yes and no are true and false.');
    expect(one('"shown": true', '"shown": "no"', '"shown": false', '"no"').fix).toBe('Write "shown": false, without quotes: JSON\'s yes and no are true and false.');
  });

  it('a reply\'s words under "say": rename it to "text" (one problem, not "missing text" and "remove say")', () => {
    const p = one('"text": "That\'s a nice one! How did you get it?"', '"say": "That\'s a nice one! How did you get it?"', '"text": "That\'s a nice one! How did you get it?"', '"say"');
    expect(p.message).toBe('"say" is not a field of a reply, which is missing "text". Did you mean "text"?');
    expect(p.fix).toBe('Rename "say" to "text".');
  });

  it('a weight of 0 or 5: what weights are for, and for 0 that a principle not touched needs no assessment', () => {
    const zero = one('"verdict": "follows", "weight": 2 }]', '"verdict": "follows", "weight": 0 }]', '"verdict": "follows", "weight": 1 }]', '0 }');
    expect(zero.message).toBe('"weight" is the number 0; a weight is from 1 to 3.');
    expect(zero.fix).toBe('Use 1, 2 or 3 (1, the default, for a secondary point; 2 for the main point of the decision; 3 for a prohibited activity or the very best or worst move). A reply that does not touch this principle needs no assessment of it: remove the assessment instead.');
    expect(one('"verdict": "follows", "weight": 2 }]', '"verdict": "follows", "weight": 5 }]', '"verdict": "follows", "weight": 3 }]', '5 }').fix).toContain('Use 3 or less (1, the default, for a secondary point;');
  });

  // Found by author-50: a negative weight ("follows", -3: the reply meant to count against) was told
  // "A reply that does not touch this principle needs no assessment of it: remove the assessment",
  // which would drop the very point the trainer meant to score.
  it('a negative weight: the verdict says which way, the weight how much', () => {
    const follows = one('"verdict": "follows", "weight": 2 }]', '"verdict": "follows", "weight": -2 }]', '"verdict": "violates", "weight": 2 }]', '-2 }');
    expect(follows.message).toBe('"weight" is the number -2; a weight is from 1 to 3.');
    expect(follows.fix).toBe('A weight says how much, never which way: "verdict" says that. To count this principle against the reply, write "verdict": "violates", "weight": 2.');
    const violates = one('"verdict": "violates", "weight": 2 }', '"verdict": "violates", "weight": -2 }', '"verdict": "violates", "weight": 2 }', '-2 }');
    expect(violates.fix).toBe('A weight says how much, never which way: "verdict": "violates" already counts it against the reply. Write "weight": 2.');
  });
  it('a "next" naming a reply, not a node: said so, with the decision to name (its replies) or where that reply leads', () => {
    // A scene's "next" names the reply "after-wait" of the decision "after-visit".
    // (The scene's only way on, so the error says the scene is stuck too: no no-way-to-end with it.)
    const named = exampleWith('"next": "after-visit"\n    },\n    {\n      "id": "after-visit"', '"next": "after-wait"\n    },\n    {\n      "id": "after-visit"');
    const other = named.problems.find((p) => p.code === 'unknown-node')!;
    expect(named.text.split('\n')[other.line - 1]?.slice(other.column - 1)).toBe('"after-wait"');
    expect(validateScenario(named.text.replace('"next": "after-wait"', '"next": "after-visit"'), 'x.json').problems).toEqual([]);
    expect(other.message).toBe('There is no node with the id "after-wait": it is a reply of the decision "after-visit", and a "next" (or a route\'s "to") names a node, the scene, decision or ending the story goes on to. Because of it, no ending can be reached from "boyfriend-guarded".');
    expect(other.fix).toBe('Name a node instead: to offer the replies of that decision, write "after-visit"; or to go on where "after-wait" leads, write "end-mixed".');
    // A reply naming another reply of its own decision: not its own decision again (a loop).
    const { problems } = exampleWith('"next": "end-harmful"', '"next": "after-wait"');
    expect(problems.find((p) => p.code === 'unknown-node')?.fix).toBe('Name a node instead: to go on where "after-wait" leads, write "end-mixed".');
  });

  // Found by validator-54: a reply whose "next" names its own id was told 'to go on where
  // "after-wait" leads, write "after-wait"', the id already there.
  it('a reply whose "next" (or a route\'s "to") names its own id: said so, with the nodes it may go on to, not its own decision', () => {
    const plain = exampleWith('"next": "end-mixed"\n        }\n      ]\n    },\n    {\n      "id": "end-strong"', '"next": "after-wait"\n        }\n      ]\n    },\n    {\n      "id": "end-strong"');
    const [p] = plain.problems.filter((q) => q.code === 'unknown-node') as [Problem];
    expect(formatPath(p.path)).toBe('nodes[3].replies[2].next');
    expect(plain.text.split('\n')[p.line - 1]?.slice(p.column - 1)).toBe('"after-wait"');
    expect(p.message).toBe('This "next" names its own reply, "after-wait": a "next" (or a route\'s "to") names the node the story goes on to after this reply, a scene, decision or ending, not a reply.');
    expect(p.fix).toBe('Write the id of the node that comes after this reply ("phone", "boyfriend-open", "boyfriend-guarded", "end-strong", "end-mixed", … and 1 more); to end the story here, write the id of an ending.');
    expect(`${p.message} ${p.fix}`).not.toContain('write "after-wait"');
    const route = exampleWith('{ "to": "boyfriend-guarded" }', '{ "to": "phone-curious" }').problems.find((q) => q.code === 'unknown-node');
    expect(route && formatPath(route.path)).toBe('nodes[0].replies[0].next[1].to');
    expect(route?.message).toMatch(/^This route's "to" names its own reply, "phone-curious": /);
    // Another reply naming it is not told to write its id either.
    const both = exampleWith('"next": "end-harmful"', '"next": "after-wait"').text.replace('"next": "end-mixed"\n        }\n      ]\n    },\n    {\n      "id": "end-strong"', '"next": "after-wait"\n        }\n      ]\n    },\n    {\n      "id": "end-strong"');
    expect(validateScenario(both, 'x.json').problems.filter((q) => q.code === 'unknown-node').map((q) => q.fix)).toEqual(['Name the scene, decision or ending the story goes on to.', p.fix]);
  });

  // Found by validator-54: two endings with the same narration (an ending copied and not rewritten) passed unseen.
  it('two endings telling the same story word for word: a warning at the second, naming the first by line and column', () => {
    const good = readFixture('good/example.json').toString('utf8');
    const strong = /"id": "end-strong",[\s\S]*?"narration": ("[^"]*")/.exec(good)?.[1] ?? '';
    const text = good.replace(/("id": "end-mixed",[\s\S]*?"narration": )"[^"]*"/, `$1${strong}`);
    expect(text).not.toBe(good);
    const [p] = validateScenario(text, 'x.json').problems as [Problem];
    expect([p.code, p.severity, formatPath(p.path)]).toEqual(['duplicate-ending-text', 'warning', 'nodes[5].narration']);
    const first = text.indexOf(strong);
    const line = text.slice(0, first).split('\n').length;
    const column = first - text.lastIndexOf('\n', first - 1);
    expect(p.message).toBe(`The ending "end-mixed" tells the same story as the ending "end-strong" (line ${line}, column ${column}): their narration is word for word the same, so a volunteer who reaches either reads the same outcome.`);
    expect(p.fix).toBe('Rewrite this narration to tell how the story turned out after the replies that lead to "end-mixed" (a mixed ending; "end-strong" is a strong one).');
    expect(text.split('\n')[p.line - 1]?.slice(p.column - 1)).toBe(strong);
  });

  it('"lines" written as the text alone: the list of one line, with the character who says it', () => {
    const p = one('"lines": [{ "character": "jade", "text": "Someone gave it to me. Whatever. Can we talk about something else?" }]', '"lines": "Whatever."', '"lines": [{ "character": "jade", "text": "Whatever." }]', '"Whatever."');
    expect(p.message).toBe('"lines" should be a list of lines, each with the character who says it, but it is the text "Whatever.".');
    expect(p.fix).toBe('Write "lines": [{ "character": "jade", "text": "Whatever." }]: "character" is the id of the character who says it, and more lines go inside the [ ], separated by commas. (Words no one says belong in "narration".)');
  });
  it('a word for what a value means ("good", "bad", "action"): the value meant, and what it is for', () => {
    const verdict = one('"verdict": "follows", "weight": 2 }]', '"verdict": "good", "weight": 2 }]', '"verdict": "follows", "weight": 2 }]', '"good"');
    expect(verdict.message).toBe('"verdict" is the text "good", which is not allowed here. Did you mean "follows"?');
    expect(verdict.fix).toBe('Write "verdict": "follows" (the reply does what the principle asks: its weight is added). The values are "follows", "violates".');
    expect(one('"verdict": "follows", "weight": 2 }]', '"verdict": "bad", "weight": 2 }]', '"verdict": "violates", "weight": 2 }]', '"bad"').message).toContain('Did you mean "violates"?');
    expect(one('"ending": "mixed"', '"ending": "neutral"', '"ending": "mixed"', '"neutral"').fix).toBe('Write "ending": "mixed" (where a mix of good and poor replies leads). The values are "strong", "mixed", "harmful".');
    expect(one('"kind": "do"', '"kind": "action"', '"kind": "do"', '"action"').message).toContain('Did you mean "do"?');
  });
  it('a heading cut to its first word ("(Prohibited)"): the heading meant, at the word; a word no heading begins with is not taken for one', () => {
    const { text, problems } = exampleWith('(Prohibited Activities).', '(Prohibited).');
    expect(problems.map((p) => p.code)).toEqual(['unknown-guide-section']);
    const [p] = problems;
    expect(p?.message).toBe('"Prohibited" is not a section of the guide, so this feedback cites none. Did you mean "Prohibited Activities"?');
    expect(p?.fix).toBe('Write the section heading in full, exactly as the guide prints it: (Prohibited Activities).');
    expect(text.split('\n')[(p?.line ?? 0) - 1]?.slice((p?.column ?? 0) - 1)).toMatch(/^Prohibited\)/);
    expect(validateScenario(text.replace('(Prohibited).', '(Prohibited Activities).'), 'x.json').problems).toEqual([]);
    // "(again)" begins no heading; "(What)" begins three: no guess, only that no section is cited.
    for (const word of ['again', 'What']) expect(exampleWith('(Prohibited Activities).', `(${word}).`).problems.map((q) => q.code)).toEqual(['feedback-no-citation']);
  });
  // A trainer's first file (test/fixtures/bad/newcomer-school-absence.json) cited "(Warning Signs)",
  // a heading the guide does not have: told "This feedback does not cite a section of the guide" at
  // the start of the feedback, they looked at a citation they had written.
  it('a section the guide does not have ("(Warning Signs)"): said at it, with the section of the principle the reply is scored on', () => {
    const text = readFixture('bad/newcomer-school-absence.json').toString('utf8');
    const { problems } = validateScenario(text, 'x.json');
    const p = problems.find((q) => q.path.join('.') === 'nodes.0.replies.0.feedback');
    expect(p?.code).toBe('unknown-guide-section');
    expect(text.split('\n')[(p?.line ?? 0) - 1]?.slice((p?.column ?? 0) - 1)).toMatch(/^Warning Signs\)/);
    expect(p?.message).toBe('"Warning Signs" is not a section of the guide, so this feedback cites none.');
    // Its assessment has a weight of 5 (an error of its own), so the reply's scoring is not read yet: the headings.
    expect(p?.fix).toMatch(/^Write a section heading exactly as the guide prints it\. Headings: What is CSEC\?; Using Appropriate Language; Red Flags; /);
    // With the weight corrected, the section of the principle it is scored on.
    const weighed = validateScenario(text.replace('"weight": 5', '"weight": 2'), 'x.json').problems.find((q) => q.code === 'unknown-guide-section');
    expect(weighed?.fix).toMatch(/^This reply is scored on "curious-not-interrogating", whose section is "Red Flags": write its heading in parentheses, \(Red Flags\), in its place, exactly as the guide prints it\. Headings: What is CSEC\?; /);
    // Typed as it says: no warning left there.
    expect(validateScenario(text.replace('(Warning Signs)', '(Red Flags)'), 'x.json').problems.filter((q) => q.path.join('.') === 'nodes.0.replies.0.feedback')).toEqual([]);
    // A feedback with no parenthesis at all: the section to cite is the one its reply is scored on, not an example.
    const uncited = validateScenario(text.replace('"weight": 5', '"weight": 2').replace('"next": "end-mixed"\n        }\n      ]', '"feedback": "Demanding to know where she was is an interrogation.",\n          "next": "end-mixed"\n        }\n      ]'), 'x.json').problems.find((q) => q.code === 'feedback-no-citation');
    expect(uncited?.path).toEqual(['nodes', 0, 'replies', 1, 'feedback']);
    expect(uncited?.fix).toMatch(/^This reply is scored on "curious-not-interrogating", whose section is "Red Flags": write its heading in parentheses, \(Red Flags\), after the sentence about that point, exactly as the guide prints it\. Headings: /);
    // A parenthesis that is not written as a heading is still no citation attempt: "(for now)".
    expect(exampleWith('(Prohibited Activities).', '(for now).').problems.map((q) => q.code)).toEqual(['feedback-no-citation']);
  });
  // author-46: a reply scored on two principles, one id misspelt, and its feedback citing a heading
  // the guide does not have: told only the list of headings, though the other principle is sound.
  it('a section the guide does not have, in a reply with one principle id misspelt: the section of its sound principle', () => {
    const text = readFixture('good/example.json').toString('utf8')
      .replace('{ "principle": "no-jumping-to-conclusions", "verdict": "violates" }', '{ "principle": "no-jumping-to-conclusion", "verdict": "violates" }')
      .replace('assumes the worst from a single sign (Red Flags).', 'assumes the worst from a single sign (Grooming Signs).');
    const { problems } = validateScenario(text, 'x.json');
    expect(problems.map((q) => q.code)).toEqual(['unknown-principle', 'unknown-guide-section']);
    expect(problems[1]?.fix).toMatch(/^This reply is scored on "curious-not-interrogating", whose section is "Red Flags": write its heading in parentheses, \(Red Flags\), in its place, /);
  });
  // The same trainer's next try: "next": "good-ending" and "principle": "tell-supervisor" were told
  // only 'Use the id of a node in "nodes"' and 'Use a principle id from scenarios/guide/principles.json'.
  it('an id like none of the scenario\'s: the fix names the ids to choose from (the endings, for an ending)', () => {
    // Its other mistakes corrected (a node with an error is not among the ids offered).
    const text = readFixture('bad/newcomer-school-absence.json').toString('utf8').replace('"weight": 5', '"weight": 2')
      .replace('"next": "end-mixed"\n        }\n      ]', '"feedback": "An interrogation (Red Flags).",\n          "next": "end-mixed"\n        }\n      ]');
    // ("good-ending" names the strong ending by its kind's word, and is told it: author-61.)
    const ending = validateScenario(text.replace('"next": "end-strong"', '"next": "final-ending"'), 'x.json').problems.find((q) => q.code === 'unknown-node' && q.message.includes('final-ending'));
    expect(ending?.fix).toBe('Use the id of a node in "nodes" (the endings: "end-strong", "end-mixed"), or add a node with this id.');
    const node = validateScenario(text.replace('"next": "end-strong"', '"next": "aftermath"'), 'x.json').problems.find((q) => q.code === 'unknown-node' && q.message.includes('aftermath'));
    expect(node?.fix).toBe('Use the id of a node in "nodes" ("visit", "talk", "end-strong", "end-mixed"), or add a node with this id.');
  });
  it('a principle id like none of the guide\'s, sharing a word with some: those principles are named', () => {
    const text = readFixture('bad/newcomer-school-absence.json').toString('utf8');
    const p = validateScenario(text.replace('"principle": "consult-supervisor-on-suspicion", "verdict": "follows"', '"principle": "tell-supervisor", "verdict": "follows"'), 'x.json').problems.find((q) => q.code === 'unknown-principle');
    expect(p?.message).toBe('"tell-supervisor" is not a principle of the guide. The principles with "supervisor" in their id: "consult-supervisor-on-suspicion", "plan-advocacy-with-supervisor".');
    expect(p?.fix).toMatch(/^Use one of those if it is the principle meant, or a principle id from scenarios\/guide\/principles\.json/);
  });
  // A principle id misspelt by more than a letter or two ("no-pickup") got no "Did you mean": its
  // words are matched to the ids' words instead, a word's other form or start counting.
  it.each([
    ['no-pickup', ['no-picking-up']],
    ['no-judging', ['non-judgmental']],
    ['supervisor-consult', ['consult-supervisor-on-suspicion']],
    ['reduction-harm', ['resources-reduce-harm', 'harm-reduction-self-determination', 'harm-reduction-unmet-needs']],
  ])('a principle id whose words are those of one to three ids ("%s"): "Did you mean" those, and the fix says to change it', (written, meant) => {
    const text = readFixture('bad/newcomer-school-absence.json').toString('utf8');
    const p = validateScenario(text.replace('"principle": "consult-supervisor-on-suspicion", "verdict": "follows"', `"principle": "${written}", "verdict": "follows"`), 'x.json').problems.find((q) => q.code === 'unknown-principle');
    const named = meant.length === 1 ? `"${meant[0]}"` : `${meant.slice(0, -1).map((m) => `"${m}"`).join(', ')} or "${meant[meant.length - 1]}"`;
    expect(p?.message).toBe(`"${written}" is not a principle of the guide. Did you mean ${named}?`);
    expect(p?.fix).toBe(`Change it to ${meant.length === 1 ? '' : 'the one meant, '}${named}. (The principle ids are listed in docs/authoring.md, section 9, and offered by the editor's autocomplete.)`);
  });
  it('a principle id with a word no id has ("judging-lies"): no "Did you mean"', () => {
    const text = readFixture('bad/newcomer-school-absence.json').toString('utf8');
    const p = validateScenario(text.replace('"principle": "consult-supervisor-on-suspicion", "verdict": "follows"', '"principle": "judging-lies", "verdict": "follows"'), 'x.json').problems.find((q) => q.code === 'unknown-principle');
    expect(p?.message).toBe('"judging-lies" is not a principle of the guide.');
  });
  it('"start" left out: the fix names the first node\'s id to write', () => {
    const text = readFixture('good/example.json').toString('utf8').replace('  "start": "phone",\n', '');
    const p = validateScenario(text, 'x.json').problems.find((q) => q.code === 'missing-field');
    expect(p?.message).toBe('The scenario "example-new-phone" is missing "start".');
    expect(p?.fix).toBe('Add "start": "phone", the id of the node the story begins with ("phone" is the first in "nodes").');
  });
  it('a node kind that is none of the three ("choice"): the kind its fields show', () => {
    const text = readFixture('good/example.json').toString('utf8').replace('"id": "after-visit",\n      "kind": "decision"', '"id": "after-visit",\n      "kind": "choice"');
    const p = validateScenario(text, 'x.json').problems.find((q) => q.code === 'node-kind');
    expect(p?.message).toBe('The text "choice" is not a node kind.');
    expect(p?.fix).toBe('Write "kind": "decision" (it has "replies").');
  });
  it('a text with no quotes at all: one problem, at its first word, with the text in quotes (not one "unexpected character" per word)', () => {
    const p = one('"text": "That\'s a nice one! How did you get it?",', '"text": That\'s a nice one! How did you get it?,', '"text": "That\'s a nice one! How did you get it?",', 'That\'s');
    expect(p.message).toBe('Not valid JSON: this text is not in double quotes.');
    expect(p.fix).toBe('Put a " at its start and another at its end: "That\'s a nice one! How did you get it?", (every text in JSON is in double quotes; an apostrophe inside it is fine).');
    // An id is a text too ("next": end-mixed).
    expect(one('"next": "end-mixed"', '"next": end-mixed', '"next": "end-mixed"', 'end-mixed').fix).toContain('"end-mixed" (every text');
  });

  it('two principles in one assessment: one assessment each, with its verdict, and how their points add up', () => {
    const p = one('{ "principle": "consult-supervisor-on-suspicion", "verdict": "follows", "weight": 2 }', '{ "principle": "consult-supervisor-on-suspicion, no-investigating", "verdict": "follows", "weight": 2 }',
      '{ "principle": "consult-supervisor-on-suspicion", "verdict": "follows" }, { "principle": "no-investigating", "verdict": "follows" }', '"consult-supervisor-on-suspicion, no-investigating"');
    expect(p.message).toBe('"consult-supervisor-on-suspicion, no-investigating" names 2 principles, but an assessment is of one principle.');
    expect(p.fix).toBe('Write one assessment for each, in the list: { "principle": "consult-supervisor-on-suspicion", "verdict": "follows" }, { "principle": "no-investigating", "verdict": "follows" }. Each counts 1 unless given a "weight" (1 to 3), and the reply\'s points add them up.');
    expect(one('"curious-not-interrogating", "consult', '"curious-not-interrogating and no-investigating", "consult', '"curious-not-interrogating", "no-investigating", "consult', '"curious-not-interrogating and').fix)
      .toBe('Write each as an item of its own: "curious-not-interrogating", "no-investigating".');
  });

  it('a number with words around it ("about 5", "3 (critical)"): that number, when it is in range', () => {
    expect(one('"estimatedMinutes": 5,', '"estimatedMinutes": "about 5",', '"estimatedMinutes": 5,', '"about 5"').fix).toContain('for "about 5", write "estimatedMinutes": 5.');
    expect(one('"verdict": "follows", "weight": 2 }]', '"verdict": "follows", "weight": "3 (critical)" }]', '"verdict": "follows", "weight": 3 }]', '"3 (critical)"').fix).toContain('for "3 (critical)", write "weight": 3.');
    // A number alone in quotes keeps the plain fix.
    expect(one('"verdict": "follows", "weight": 2 }]', '"verdict": "follows", "weight": "2" }]', '"verdict": "follows", "weight": 2 }]', '"2"').fix).toBe('Write the number without quotes: "weight": 2.');
    // Out of range: not offered, nor a number in quotes out of range as it is ("4": then out-of-range next).
    expect(one('"verdict": "follows", "weight": 2 }]', '"verdict": "follows", "weight": "5 points" }]', '"verdict": "follows", "weight": 2 }]', '"5 points"').fix).toContain('e.g. "weight": 2.');
    expect(one('"verdict": "follows", "weight": 2 }]', '"verdict": "follows", "weight": "4" }]', '"verdict": "follows", "weight": 2 }]', '"4"').fix).toContain('without quotes (1, the default, for a secondary point; 2 for the main point of the decision; 3 for a prohibited activity or the very best or worst move): 4 is outside that range; e.g. "weight": 2.');
  });
});

// Found by validator-53 (a first scenario of scenes and an ending, no decision): the report said a
// playthrough scoring 0% "reaches the strong ending … : (no replies)" and that no playthrough earns
// points, neither naming what was missing. Now one error says so, with how to add one.
describe('a scenario with no decision', () => {
  it('is one no-decision error at "nodes", saying what to add, and not the score errors that follow from it', () => {
    const file = JSON.parse(readFixture('good/example.json').toString('utf8')) as { start: string; nodes: { id: string; kind: string; next?: unknown }[] };
    file.nodes = file.nodes.filter((n) => n.kind !== 'decision');
    for (const n of file.nodes) if (n.kind === 'scene') n.next = 'end-strong';
    file.start = file.nodes[0]?.id ?? '';
    const text = JSON.stringify(file, null, 2);
    const { problems } = validateScenario(text, 'x.json');
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.code, formatPath(p.path)])).toEqual([['no-decision', 'nodes']]);
    expect(errors[0]?.message).toBe('The scenario has no decision node, so a volunteer never chooses a reply and nothing is scored.');
    expect(errors[0]?.fix).toMatch(/^Add a node with "kind": "decision", a "prompt" and "replies" .* Section 3 of docs\/authoring\.md has a worked example\.$/);
    expect(text.split('\n')[(errors[0]?.line ?? 0) - 1]?.slice((errors[0]?.column ?? 0) - 1)).toBe('[');
    expect(problems.some((p) => p.message.includes('(no replies)'))).toBe(false);
  });
});
