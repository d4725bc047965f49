import { readFileSync } from 'node:fs';

/**
 * Hostile scenario files: the shapes that once made validation cost grow with the square of the
 * mistakes. Shared by the robustness tests (with a time bound) and `npm run bench`.
 */

/**
 * A hostile scenario's text: the fields every shape shares around its nodes (Maya the one character,
 * starting at scene-0 unless said), in the order a scenario file has them.
 */
function hostileScenario(id: string, nodes: unknown[], { characters = [{ id: 'maya', name: 'Maya', role: 'youth' }], variables, start = 'scene-0', indent = 1 }: { characters?: unknown[]; variables?: unknown[]; start?: string; indent?: number } = {}): string {
  return JSON.stringify({
    id, version: 1, title: 'Hostile', summary: 'Hostile.', contentNote: 'None.', estimatedMinutes: 5,
    learningGoals: ['non-judgmental'], characters, ...(variables ? { variables } : {}), start, nodes,
  }, null, indent);
}

/** `count` scenes whose `next` each names a node that does not exist (a typo of a real id). */
export function unknownReferences(count: number): string {
  const nodes: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) nodes.push({ id: `scene-${i}`, kind: 'scene', narration: 'You wait.', next: `scene-${i}-typo` });
  nodes.push({ id: 'end', kind: 'ending', ending: 'mixed', title: 'End', narration: 'It ends.' });
  return hostileScenario('hostile-references', nodes);
}

/** A scenario object with `count` fields that are not part of the format. */
export function unknownFields(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(`"field${i}": ${i}`);
  return `{"id": "hostile-fields", ${parts.join(',\n')}}`;
}

/**
 * A file on one line of `count` numbers where field names belong, `{1,1,1,…}`: one syntax error
 * after another on the same line (a minified file gone wrong). Finding each error's line once read
 * the rest of the line per error: 13 s for 1 MB.
 */
export function syntaxErrorsOnOneLine(count: number): string {
  return `{${Array.from({ length: count }, () => '1').join(',')}}`;
}

/**
 * A valid scenario of `decisions` decisions whose replies move three wide variables by different
 * steps, so nearly every path has values of its own: far more reachable states than the
 * exploration's bound, which must stop it (with the "exploration-incomplete" warning) in time.
 */
export function manyStates(decisions: number): string {
  const nodes: Record<string, unknown>[] = [];
  const id = (i: number) => (i < decisions ? `d${i}` : 'last');
  const reply = (i: number, k: number, variable: string, add: number, principle: string, verdict: 'follows' | 'violates') => ({
    id: `d${i}-${k}`, text: `Reply ${k}.`, feedback: 'It matters (Red Flags).', effects: [{ var: variable, add }],
    assessments: [{ principle, verdict }], next: id(i + 1),
  });
  for (let i = 0; i < decisions; i++) {
    nodes.push({ id: id(i), kind: 'decision', title: `Decision ${i}`, narration: 'Maya waits.', facilitatorNote: 'Note.', discussionPrompt: 'Prompt?',
      replies: [reply(i, 0, 'a', 1, 'non-judgmental', 'follows'), reply(i, 1, 'b', 7, 'youth-centered', 'follows'), reply(i, 2, 'c', 31, 'curious-not-interrogating', 'violates')] });
  }
  nodes.push({ id: 'last', kind: 'decision', title: 'Last', narration: 'Maya waits.', facilitatorNote: 'Note.', discussionPrompt: 'Prompt?',
    replies: [
      { id: 'last-a', text: 'A.', feedback: 'Good (Red Flags).', assessments: [{ principle: 'non-judgmental', verdict: 'follows' }],
        next: [{ when: [{ conduct: 'critical', eq: 0 }, { conduct: 'score', gte: 50 }], to: 'end-strong' }, { to: 'end-mixed' }] },
      { id: 'last-b', text: 'B.', feedback: 'Poor (Red Flags).', assessments: [{ principle: 'curious-not-interrogating', verdict: 'violates' }],
        next: [{ when: { conduct: 'score', lt: 50 }, to: 'end-harmful' }, { to: 'end-mixed' }] },
    ] });
  for (const kind of ['strong', 'mixed', 'harmful']) nodes.push({ id: `end-${kind}`, kind: 'ending', ending: kind, title: `Ending ${kind}`, narration: 'It ends.' });
  return hostileScenario('hostile-states', nodes, { variables: ['a', 'b', 'c'].map((v) => ({ id: v, label: v, min: 0, max: 1000, start: 0 })), start: 'd0' });
}

/**
 * A scenario of `count` scenes and then a decision, indented as `JSON.stringify(…, null, 2)` writes
 * it, with the lines of the decision's last reply's } and of the "replies" list's ] deleted: the
 * brackets lost mid-file that the validator finds by the indentation (syntax.ts,
 * bracketsLostMidFile), reading every line before them. `crlf`: Windows line ends.
 */
export function bracketsLostMidFile(count: number, crlf = false): string {
  const nodes: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) nodes.push({ id: `scene-${i}`, kind: 'scene', narration: 'You wait. '.repeat(10).trim(), next: i + 1 < count ? `scene-${i + 1}` : 'd1' });
  nodes.push({
    id: 'd1', kind: 'decision', title: 'Decision', narration: 'Maya waits.', prompt: 'What do you say?',
    replies: ['a', 'b'].map((k) => ({ id: `d1-${k}`, text: `Reply ${k}.`, feedback: 'It matters (Red Flags).', assessments: [{ principle: 'non-judgmental', verdict: 'follows' }], next: 'end' })),
  });
  nodes.push({ id: 'end', kind: 'ending', ending: 'mixed', title: 'End', narration: 'It ends.' });
  const lines = hostileScenario('hostile-lost', nodes, { indent: 2 }).split('\n');
  // The list's "]" (lined up with "replies") and the last reply's "}" on the line before it.
  const replies = lines.findIndex((l) => l.includes('"replies"'));
  const indent = (lines[replies] ?? '').search(/\S/);
  const end = lines.findIndex((l, i) => i > replies && /^\s*\],?$/.test(l) && l.search(/\S/) === indent);
  lines.splice(end - 1, 2);
  return lines.join(crlf ? '\r\n' : '\n');
}

/**
 * A valid scenario of `count` scenes whose narrations each hold a terminal's escape sequence and
 * a zero-width space, and one line that holds `count` zero-width spaces: invisible-character must
 * look at each text once, list the first few and count the rest.
 */
export function invisibleCharacters(count: number): string {
  const nodes: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    nodes.push({ id: `scene-${i}`, kind: 'scene', narration: `You wait.\u001b[31m Still\u200b waiting ${i}.`, next: i + 1 < count ? `scene-${i + 1}` : 'end' });
  }
  nodes.push({ id: 'end', kind: 'ending', ending: 'mixed', title: 'End', narration: 'It ends.', lines: [{ character: 'maya', text: `Bye${'\u200b.'.repeat(count)}` }] });
  return hostileScenario('hostile-invisible', nodes);
}

/**
 * `count` scenes each with its id written under a misspelt key, "ID": "scene-<i>", and named by the
 * scene before it: each unknown-node error naming "scene-<i>" is folded into that node's
 * unknown-field error (validate/fold.ts), one cause at a time. Folding 100,000 took some 6 s.
 */
export function misspeltIdKeys(count: number): string {
  const nodes: Record<string, unknown>[] = [{ id: 'scene-start', kind: 'scene', narration: 'You wait.', next: 'scene-0' }];
  for (let i = 0; i < count; i++) nodes.push({ ID: `scene-${i}`, kind: 'scene', narration: 'You wait.', next: i + 1 < count ? `scene-${i + 1}` : 'end' });
  nodes.push({ id: 'end', kind: 'ending', ending: 'mixed', title: 'End', narration: 'It ends.' });
  return hostileScenario('hostile-id-keys', nodes, { start: 'scene-start' });
}

/**
 * A route whose "when" joins `count` conditions with "and" ({ "var": "trust", "gte": 60, "and": [ … ] }):
 * one unknown-field error, whose fix writes the conditions as the list meant. It wrote every one of
 * them, a line of 3 MB at 100,000; now the first few, then how many more.
 */
export function conditionsJoinedWithAnd(count: number): string {
  const and = Array.from({ length: count }, (_, i) => ({ var: 'trust', lt: i + 1 }));
  return hostileScenario('hostile-and', [
    { id: 'scene-0', kind: 'scene', narration: 'You wait.', next: [{ when: { var: 'trust', gte: 60, and }, to: 'end' }, { to: 'end' }] },
    { id: 'end', kind: 'ending', ending: 'mixed', title: 'End', narration: 'It ends.' },
  ], { variables: [{ id: 'trust', label: 'Trust', min: 0, max: 100, start: 50 }] });
}

/**
 * `count` copies of a scene not renamed (each repeats "scene-0") and `count` scenes whose "next" each
 * names an id no node has: each such "next" asked whether its suggestion was a copy's id by looking
 * through every copy (20,000 of each: 9 s).
 */
export function copiesAndUnknownIds(count: number): string {
  const nodes: Record<string, unknown>[] = [{ id: 'scene-0', kind: 'scene', narration: 'You wait.', next: 'end' }];
  for (let i = 0; i < count; i++) {
    nodes.push({ id: 'scene-0', kind: 'scene', narration: 'You wait.', next: 'end' });
    nodes.push({ id: `lost-${i}`, kind: 'scene', narration: 'You wait.', next: `meant-${i}` });
  }
  nodes.push({ id: 'end', kind: 'ending', ending: 'mixed', title: 'End', narration: 'It ends.' });
  return hostileScenario('hostile-copies', nodes);
}

/**
 * `count` scenes titled alike whose "next" each names the scene after it with a character that shows
 * as nothing after the id ("scene-1" + U+034F, pasted from a web page): each invalid-id error looked
 * through every node for one the reference means (by id or title): 10,000 took 4 s, 40,000 some 22 s.
 */
export function hiddenCharacterReferences(count: number): string {
  const nodes: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) nodes.push({ id: `scene-${i}`, kind: 'scene', title: 'Waiting', narration: 'You wait.', next: i + 1 < count ? `scene-${i + 1}\u034f` : 'end' });
  nodes.push({ id: 'end', kind: 'ending', ending: 'mixed', title: 'End', narration: 'It ends.' });
  return hostileScenario('hostile-hidden-references', nodes);
}

/**
 * `count` characters declared and never used (character-unused), each named "Aunt Number <i>",
 * and `count / 10` scenes whose narration holds every word of those names but no name whole: each
 * name passes the look for its words, so each is looked for text by text.
 */
export function unusedCharacters(count: number): string {
  const characters: Record<string, unknown>[] = [{ id: 'maya', name: 'Maya', role: 'youth' }];
  for (let i = 0; i < count; i++) characters.push({ id: `aunt-${i}`, name: `Aunt Number ${i}`, role: 'relative' });
  const nodes: Record<string, unknown>[] = [];
  const scenes = Math.max(1, Math.floor(count / 10));
  for (let i = 0; i < scenes; i++) {
    const words = Array.from({ length: 10 }, (_, k) => i * 10 + k).join(', ');
    nodes.push({ id: `scene-${i}`, kind: 'scene', narration: `Aunt, Number: ${words}.`, next: i + 1 < scenes ? `scene-${i + 1}` : 'end' });
  }
  nodes.push({ id: 'end', kind: 'ending', ending: 'mixed', title: 'End', narration: 'It ends.', lines: [{ character: 'maya', text: 'Bye.' }] });
  return hostileScenario('hostile-characters', nodes, { characters });
}

/*
 * Long runs of spaces inside one line (a minified file, or one padded on purpose). Regular
 * expressions that backtracked over such a run made validating cubic or quadratic in its length:
 * see test/machines/validator-slow-input.test.ts, which bounds each at ×1 and shares these files.
 */

/** A text written with no quotes at all, `{"title": a…x…x}`, each run of `spaces` spaces (2,000 once took 10 s; 8,000, 7 minutes). */
export function spacesInUnquotedText(spaces: number): string {
  const run = ' '.repeat(spaces);
  return `{"title": a${run}x${run}x\n}`;
}

/** A text without its opening quote and `spaces` spaces after its closing one, `{"title": a"…x}` (150,000 once took 27 s). */
export function spacesAfterClosingQuote(spaces: number): string {
  return `{"title": a"${' '.repeat(spaces)}x\n}`;
}

/**
 * scenarios/youth-discoses.json with its first weight written as a number, `spaces` spaces and a
 * word, in quotes: `"weight": "1 … x"` (150,000 once took 20 s). One wrong-type problem.
 */
export function spacesInQuotedWeight(spaces: number): string {
  const scenario = readFileSync(new URL('../scenarios/youth-discloses.json', import.meta.url), 'utf8');
  const padded = scenario.replace('"weight": 2', `"weight": "1${' '.repeat(spaces)}x"`);
  if (padded === scenario) throw new Error('scenarios/youth-discloses.json has no "weight": 2 to pad');
  return padded;
}

/**
 * scenarios/youth-discoses.json with its first "when" written as text, a comparison, `spaces` spaces
 * and a word: `"when": "trust >= 60 … x"` (160,000 once took 81 s: the text was split at "and", "&"
 * and "," with a pattern that read the rest of the run of spaces from each space). One invalid-condition.
 */
export function spacesInWhenText(spaces: number): string {
  const scenario = readFileSync(new URL('../scenarios/youth-discloses.json', import.meta.url), 'utf8');
  const padded = scenario.replace(/"when": \{\s*"var": "trust",\s*"gte": 60\s*\}/, `"when": "trust >= 60${' '.repeat(spaces)}x"`);
  if (padded === scenario) throw new Error('scenarios/youth-discloses.json has no "when" on trust ≥ 60 to pad');
  return padded;
}

/**
 * A records backup of `count` practices, each of a scenario of its own (a 7 MB file at 30,000, under
 * the size limit). Each scenario's best result was once worked out by reading every playthrough per
 * scenario: 30,000 held the tab for some 12 s (test/machines/core/records-backup.test.ts, the bench).
 */
export function backupOfManyScenarios(count: number, now: Date): { text: string; completedAt: (i: number) => string } {
  const start = now.getTime() - count * 60_000 - 24 * 60 * 60_000;
  const completedAt = (i: number) => new Date(start + i * 60_000).toISOString();
  const playthroughs = Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`, scenarioId: `s-${i.toString(36)}`, scenarioVersion: 1, title: 'A scenario', mode: 'practice',
    completedAt: completedAt(i), score: { earned: 1, best: 2, percent: 50, capped: false }, band: 'developing', decisions: [], principles: [],
  }));
  const text = JSON.stringify({ format: 'casa-practice-backup', formatVersion: 1, exportedAt: now.toISOString(), records: { format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs }, saves: {} });
  return { text, completedAt };
}

/**
 * A backup of `count` practices of one scenario, each carried in an earlier backup and finished in
 * two places: `records` (the records text already here) holds each practice too, with its own id
 * and another finish, a minute later. Each of the backup's is left out as the same practice
 * (mergeRecordsFiles' practiceOf: scenario and start time); `sameProgress` counts them. Each is
 * looked up once by its practice, never among all the records here.
 */
export function backupOfPracticesFinishedTwice(count: number, now: Date): { text: string; records: string } {
  const start = now.getTime() - count * 120_000 - 24 * 60 * 60_000;
  const practice = (i: number, idBase: number, later: number) => ({
    id: `00000000-0000-4000-8000-${(idBase + i).toString(16).padStart(12, '0')}`, scenarioId: 'youth-discloses', scenarioVersion: 1, title: 'What Kiara tells you', mode: 'practice',
    startedAt: new Date(start + i * 120_000).toISOString(), completedAt: new Date(start + i * 120_000 + 30_000 + later).toISOString(),
    score: { earned: 1, best: 2, percent: 50, capped: false }, band: 'developing', decisions: [], principles: [],
  });
  const records = (idBase: number, later: number) => ({ format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: Array.from({ length: count }, (_, i) => practice(i, idBase, later)) });
  const text = JSON.stringify({ format: 'casa-practice-backup', formatVersion: 1, exportedAt: now.toISOString(), records: records(0, 0), saves: {} });
  return { text, records: JSON.stringify(records(0x1000000, 60_000)) };
}

/**
 * A "variables" list written `count` times (a paste repeated), the last empty, and ten scenes each
 * testing the variable the first declares: `count` duplicate-key warnings, and the unknown-variable
 * errors told to merge the lists (index.ts listedTwice). Each warning once read every problem:
 * 40,000 took some 4 s, growing with the square of the count.
 */
export function listWrittenManyTimes(count: number): string {
  const nodes: Record<string, unknown>[] = [];
  for (let i = 0; i < 10; i++) nodes.push({ id: `scene-${i}`, kind: 'scene', narration: 'You wait.', next: [{ when: { var: 'trust', gte: 60 }, to: 'end' }, { to: i + 1 < 10 ? `scene-${i + 1}` : 'end' }] });
  nodes.push({ id: 'end', kind: 'ending', ending: 'mixed', title: 'End', narration: 'It ends.' });
  return hostileScenario('hostile-lists', nodes, { variables: [{ id: 'trust', label: 'Trust', min: 0, max: 100, start: 50 }] })
    .replace('"start": "scene-0"', `${'"variables": [],\n'.repeat(count)}"start": "scene-0"`);
}

/**
 * `count` variables declared, and `count` scenes each routing on the last of them written with
 * "conduct" ({ "conduct": "v<count-1>", "gte": 60 }): each invalid-value error asked whether the
 * value is a declared variable by reading the whole list: 20,000 took 3.3 s, 40,000 some 12 s.
 */
export function conductOnDeclaredVariables(count: number): string {
  const last = `v${count - 1}`;
  const nodes: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) nodes.push({ id: `scene-${i}`, kind: 'scene', narration: 'You wait.', next: [{ when: { conduct: last, gte: 60 }, to: 'end' }, { to: i + 1 < count ? `scene-${i + 1}` : 'end' }] });
  nodes.push({ id: 'end', kind: 'ending', ending: 'mixed', title: 'End', narration: 'It ends.' });
  return hostileScenario('hostile-conduct', nodes, { variables: Array.from({ length: count }, (_, i) => ({ id: `v${i}`, label: `V${i}`, min: 0, max: 100, start: 50 })) });
}

/**
 * A valid scenario of `count` untitled scenes one after another, then one decision: played line by
 * line (--plain), each scene is headed "Scene N" by its number in the playthrough. Working the
 * number out by replaying the playthrough from its start at every scene made the run quadratic
 * (some 71 s for 1,000 scenes).
 */
export function sceneChain(count: number): string {
  const nodes: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) nodes.push({ id: `scene-${i}`, kind: 'scene', narration: `Time passes ${i}.`, next: i + 1 < count ? `scene-${i + 1}` : 'd1' });
  nodes.push({
    id: 'd1', kind: 'decision', title: 'Decision', narration: 'Maya waits.', prompt: 'What do you say?', facilitatorNote: 'Note.', discussionPrompt: 'Prompt?',
    replies: [
      { id: 'd1-a', text: 'Reply a.', feedback: 'It matters (Red Flags).', assessments: [{ principle: 'non-judgmental', verdict: 'follows' }], next: 'end-mixed' },
      { id: 'd1-b', text: 'Reply b.', feedback: 'It matters (Red Flags).', assessments: [{ principle: 'curious-not-interrogating', verdict: 'violates' }], next: 'end-mixed' },
    ],
  });
  nodes.push({ id: 'end-mixed', kind: 'ending', ending: 'mixed', title: 'End', narration: 'It ends.' });
  return hostileScenario('hostile-scene-chain', nodes);
}

/**
 * A valid scenario of `count` decisions one after another, each followed by an untitled scene
 * (either reply leads on), then an ending: a long trainer-led session of many decisions. Working
 * out each step's list of decisions so far, and how the room did, from every decision made, at
 * every step made a live room quadratic in the decisions made.
 */
export function decisionChain(count: number, conduct = false): string {
  const nodes: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const next = `scene-${i}`;
    // With `conduct`, every decision reads the conduct so far: reply a is offered while no critical
    // violation was made (none is, here), and reply b would end the story after one.
    nodes.push({
      id: `d${i}`, kind: 'decision', title: `Decision ${i}`, narration: 'Maya waits.', prompt: 'What do you say?', facilitatorNote: 'Note.', discussionPrompt: 'Prompt?',
      replies: [
        { id: `d${i}-a`, text: 'Reply a.', feedback: 'It matters (Red Flags).', assessments: [{ principle: 'non-judgmental', verdict: 'follows' }], next, ...(conduct ? { when: { conduct: 'critical', eq: 0 } } : {}) },
        { id: `d${i}-b`, text: 'Reply b.', feedback: 'It matters (Red Flags).', assessments: [{ principle: 'curious-not-interrogating', verdict: 'violates' }], next: conduct ? [{ when: { conduct: 'critical', gte: 1 }, to: 'end-mixed' }, { to: next }] : next },
      ],
    });
    nodes.push({ id: next, kind: 'scene', narration: `Time passes ${i}.`, next: i + 1 < count ? `d${i + 1}` : 'end-mixed' });
  }
  nodes.push({ id: 'end-mixed', kind: 'ending', ending: 'mixed', title: 'End', narration: 'It ends.' });
  return hostileScenario('hostile-decision-chain', nodes, { start: 'd0' });
}
