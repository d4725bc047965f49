import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/machines/validate/index.js';
import { formatPath, formatProblem, type Problem } from '../../src/machines/validate/problem.js';
import { readFixture } from '../helpers/fixtures.js';

/** The example fixture with one edit (which must change it), and the problems the validator finds in it. */
function exampleWith(from: string | RegExp, to: string) {
  const good = readFixture('good/example.json').toString('utf8');
  const text = good.replace(from, to);
  expect(text).not.toBe(good);
  return { text, problems: validateScenario(text, 'x.json').problems };
}

/** The text a problem's line:column points at, to the end of that line. */
const pointsAt = (text: string, p: Pick<Problem, 'line' | 'column'> | undefined) => text.split('\n')[(p?.line ?? 0) - 1]?.slice((p?.column ?? 0) - 1);

/** `text` matched as it is in a RegExp. */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A reply scored on a principle whose feedback did not cite that principle's section passed
// `validate --strict` and the audit: only the bundled scenarios' content review caught it.
describe('principle-not-cited: a reply scored on a principle its feedback does not cite', () => {
  it('is warned, at the end of the citation where the heading goes, naming the assessment and the section', () => {
    const { text, problems } = exampleWith('which CASAs are prohibited from doing (Prohibited Activities).', 'which CASAs are prohibited from doing (Red Flags).');
    expect(problems.map((p) => p.code)).toEqual(['principle-not-cited']);
    const [p] = problems;
    expect(p?.severity).toBe('warning');
    expect(pointsAt(text, p)).toMatch(/^\)\.",$/);
    const assessment = /"principle": "no-investigating"/.exec(text)!;
    const line = text.slice(0, assessment.index).split('\n').length;
    const column = assessment.index - text.lastIndexOf('\n', assessment.index) + '"principle": '.length;
    expect(p?.message).toBe(`This reply is scored on "no-investigating" (line ${line}, column ${column}), but its feedback does not cite that principle's section of the guide, "Prohibited Activities", so the volunteer cannot look it up.`);
    expect(p?.fix).toBe('Add the section to the citation here, with a semicolon: (Red Flags; Prohibited Activities). Or cite it after the sentence about that point: "… (Prohibited Activities)."');
    // Doing as the fix says clears it.
    expect(validateScenario(text.replace('from doing (Red Flags).', 'from doing (Red Flags; Prohibited Activities).'), 'x.json').problems).toEqual([]);
  });
  it('is not said on top of feedback-no-citation, which already asks for a heading', () => {
    expect(exampleWith('which CASAs are prohibited from doing (Prohibited Activities).', 'which CASAs are prohibited from doing.').problems.map((p) => p.code)).toEqual(['feedback-no-citation']);
  });
});

// A character declared "Tavita" made every line by "tavita" say there is no such character, with
// the fix to add a character "tavita": a second one, for the same person.
describe('a character id with capitals: the lines naming it are told the ids differ only in capitals', () => {
  it('points at the character\'s id to change, says ids are lower-case, and never says to add a character', () => {
    const { text, problems } = exampleWith('{ "id": "jade", "name": "Jade"', '{ "id": "Jade", "name": "Jade"');
    const id = problems.find((p) => p.code === 'invalid-id')!;
    expect(pointsAt(text, id)).toMatch(/^"Jade", "name"/);
    // The three lines naming "jade", in three nodes, are one error that counts them (validator-54).
    const lines = problems.filter((p) => p.code === 'unknown-character');
    expect(lines.map((p) => p.repeats)).toEqual([3]);
    const [p] = lines as [Problem];
    for (const q of [p, ...(p.repeatedAt ?? [])]) expect(pointsAt(text, q)).toMatch(/^"jade"/);
    const at = (p.repeatedAt ?? []).map((q) => `line ${q.line}, column ${q.column}`).join('; ');
    expect(p.message).toBe(`There is no character with the id "jade", but there is "Jade" (line ${id.line}, column ${id.column}): the two ids differ only in capitals, which count in an id. The same error comes 3 times in 3 nodes: here, then at ${at}.`);
    expect(p.fix).toBe(`Ids are lower-case letters, digits and single hyphens: change the character's id to "jade" (line ${id.line}, column ${id.column}); every line naming "jade" is then right. Do not add another character. The same goes for the other 2.`);
    expect(validateScenario(text.replace('{ "id": "Jade"', '{ "id": "jade"'), 'x.json').problems).toEqual([]);
  });
});

// "next": "" was told only: Use something like "my-id".
describe('an empty "next", route "to" or "start": the node is missing, with the ids to choose from and how to end', () => {
  it('a reply\'s empty "next" names the ending nodes; a scene\'s names the nodes after it too', () => {
    const reply = exampleWith('"next": "end-harmful"', '"next": ""');
    expect(reply.problems.map((p) => p.code)).toEqual(['invalid-id']);
    const [p] = reply.problems;
    expect(pointsAt(reply.text, p)).toMatch(/^""/);
    expect(p?.message).toBe('This "next" is empty, so the next node is missing: the story has nowhere to go after this reply.');
    expect(p?.fix).toBe('Write the id of the node that follows. To end the story here, name an ending node: "end-strong", "end-mixed", "end-harmful".');
    expect(p?.fix).not.toContain('my-id');
    const scene = exampleWith('"next": "after-visit"', '"next": ""').problems[0];
    expect(scene?.fix).toBe('Write the id of the node that follows (the nodes after this one in the file are "boyfriend-guarded", "after-visit"). To end the story here, name an ending node: "end-strong", "end-mixed", "end-harmful".');
    expect(exampleWith('{ "to": "end-strong" }', '{ "to": " " }').problems[0]?.message).toBe('This route\'s "to" is empty, so the next node is missing: the story has nowhere to go after this reply.');
    expect(exampleWith('"start": "phone"', '"start": ""').problems[0]?.fix).toBe('Write the id of the first node, e.g. "start": "phone" (the first node in "nodes").');
  });
});

// "learningGoals": [] was told only: Add at least 1 item.
describe('an empty "learningGoals": what a learning goal is, with an example', () => {
  it('offers the principles the file\'s replies are scored on, written as the field', () => {
    const { text, problems } = exampleWith(/"learningGoals": \[[^\]]*\]/, '"learningGoals": []');
    expect(problems.map((p) => p.code)).toEqual(['too-few']);
    const [p] = problems;
    expect(pointsAt(text, p)).toMatch(/^\[\]/);
    expect(p?.message).toBe('"learningGoals" is empty: it needs at least one learning goal.');
    expect(p?.fix).toBe('A learning goal is the id of a principle of the guide this scenario practises (the ids are listed in section 9 of docs/authoring.md); each should be assessed by at least one reply. This file\'s replies are scored on "curious-not-interrogating", "no-jumping-to-conclusions", "consult-supervisor-on-suspicion", "no-investigating": list the ones the scenario is about, e.g. "learningGoals": ["curious-not-interrogating", "no-jumping-to-conclusions"].');
    // Doing as the fix says clears it (the goals are assessed, so no goal-not-assessed follows).
    expect(validateScenario(text.replace('"learningGoals": []', '"learningGoals": ["curious-not-interrogating", "no-jumping-to-conclusions"]'), 'x.json').problems).toEqual([]);
  });
});

// 4dd9d78 named "(Prohibited)" as Prohibited Activities. Checked for every heading by its first
// word(s): "(Red)" (three letters) got no guess, words that begin two headings ("(What if my
// youth)") were given only the first, a long heading was cut in "Did you mean", and a heading cut
// short beside another that is cited counted for nothing without a word.
describe('a heading cut to its first word(s): the heading meant, for every heading', () => {
  const cut = (to: string) => exampleWith('(Prohibited Activities).', to).problems;
  it('"(Collaboration)" and "(Red)": Did you mean the heading', () => {
    expect(cut('(Collaboration).')[0]?.message).toBe('"Collaboration" is not a section of the guide, so this feedback cites none. Did you mean "Collaboration with Case Parties"?');
    expect(cut('(Red).')[0]?.fix).toBe('Write the section heading in full, exactly as the guide prints it: (Red Flags).');
  });
  it('words that begin two headings name both; a long heading is named whole', () => {
    const [p] = cut('(What if my youth).');
    expect(p?.message).toBe('"What if my youth" is not a section of the guide. Did you mean "What if my youth left placement or their whereabouts are unknown?" or "What if my youth returns from leaving placement?"?');
    expect(p?.fix).toBe('Write the section heading in full, exactly as the guide prints it: (What if my youth left placement or their whereabouts are unknown?) or (What if my youth returns from leaving placement?).');
    expect(cut('(What if my youth left placement or their whereabouts are).')[0]?.message).toContain('Did you mean "What if my youth left placement or their whereabouts are unknown?"');
  });
  it('cut short beside another cited heading: at the cut heading, for the principle it leaves uncited', () => {
    const { text, problems } = exampleWith('which CASAs are prohibited from doing (Prohibited Activities).', 'which CASAs are prohibited from doing (Red Flags). Ask first (Prohibited).');
    expect(problems.map((p) => p.code)).toEqual(['principle-not-cited']);
    const [p] = problems;
    expect(pointsAt(text, p)).toMatch(/^Prohibited\)\.",/);
    expect(p?.message).toMatch(/^This reply is scored on "no-investigating" \(line \d+, column \d+\), whose section of the guide is "Prohibited Activities", but its feedback cites it cut short, as "Prohibited", which does not count as citing it\.$/);
    expect(p?.fix).toBe('Write the section heading in full, exactly as the guide prints it: (Prohibited Activities).');
  });
  // "(Harm reduction approach)" beside "(Likelihood of Relapse)" (author walkthrough 44): the warning
  // pointed at the other citation, and its fix, followed, left the run-on heading in the feedback.
  it('run on beside another cited heading: at the run-on heading, for the principle it leaves uncited', () => {
    const { text, problems } = exampleWith('which CASAs are prohibited from doing (Prohibited Activities).', 'which CASAs are prohibited from doing (Red Flags). Ask first (Prohibited activities for CASAs).');
    expect(problems.map((p) => p.code)).toEqual(['principle-not-cited']);
    const [p] = problems;
    expect(pointsAt(text, p)).toMatch(/^Prohibited activities for CASAs\)\.",/);
    expect(p?.message).toMatch(/^This reply is scored on "no-investigating" \(line \d+, column \d+\), whose section of the guide is "Prohibited Activities", but its feedback cites it with more words, as "Prohibited activities for CASAs", which does not count as citing it\.$/);
    expect(p?.fix).toBe('Write the section heading alone, exactly as the guide prints it: (Prohibited Activities).');
  });
});

// "(Validate the loss, not the return)" for "(Stages of Exiting CSEC Involvement)" (author
// walkthrough 44): the debrief prints a principle's title beside its section, and a trainer put the
// title where the heading goes. It was told the feedback cites nothing, at the feedback's start.
describe('a principle\'s title written where the section heading goes', () => {
  it('is named at the parenthesis, with the section of that principle to cite instead', () => {
    const { text, problems } = exampleWith('assumes the worst from a single sign (Red Flags).', 'assumes the worst from a single sign (Curious, not interrogating).');
    expect(problems.map((p) => p.code)).toEqual(['unknown-guide-section']);
    const [p] = problems;
    expect(pointsAt(text, p)).toMatch(/^Curious, not interrogating\)\.",/);
    expect(p?.message).toBe('"Curious, not interrogating" is the title of the principle "curious-not-interrogating", not a section of the guide, so it cites nothing.');
    expect(p?.fix).toBe('Cite the principle\'s section by its heading, exactly as the guide prints it: (Red Flags).');
  });
});

// A scene's misspelt "next" gave two errors four lines apart: no-way-to-end at the scene (saying
// to see the other) and unknown-node at its "next". The only reason is the unknown name: one error.
describe('a "next" naming no node, the only way on from its node: one error, which says what follows from it', () => {
  it('unknown-node at the "next" says no ending can be reached from the node; no no-way-to-end comes with it', () => {
    const { text, problems } = exampleWith('"next": "after-visit"', '"next": "after-visitt"');
    expect(problems.map((p) => p.code)).toEqual(['unknown-node']);
    const [p] = problems;
    expect(pointsAt(text, p)).toMatch(/^"after-visitt"/);
    expect(p?.message).toBe('There is no node with the id "after-visitt". Did you mean "after-visit"? Because of it, no ending can be reached from "boyfriend-open".');
    expect(p?.fix).toBe('Change it to "after-visit", or add a node with the id "after-visitt".');
  });
  it('where the story enters the stuck stretch further up (both scenes misspelt), no-way-to-end still says so there', () => {
    const codes = exampleWith(/"next": "after-visit"/g, '"next": "after-visitt"').problems.map((p) => p.code);
    // The two scenes' "next"s, word for word the same error, are one that counts them (validator-53).
    expect(codes).toEqual(['no-way-to-end', 'unknown-node', 'unreachable']);
  });
});

// A trainer's "end-stong" was told `Did you mean "end-strong"?` by spelling alone, and followed it
// with a reply that violates a principle: the suggestion named an ending without saying so.
describe('unknown-node: a suggested ending is named as the ending it is', () => {
  it('"end-hamful" for "end-harmful" says "(the harmful ending)" in the message and in the fix', () => {
    const { problems } = exampleWith('"next": "end-harmful"', '"next": "end-hamful"');
    const p = problems.find((x) => x.code === 'unknown-node');
    expect(p?.message).toMatch(/^There is no node with the id "end-hamful"\. Did you mean "end-harmful" \(the harmful ending\)\?/);
    expect(p?.fix).toBe('Change it to "end-harmful" (the harmful ending), or add a node with the id "end-hamful".');
  });
  it('a suggested scene or decision is named as before, by its id alone', () => {
    const { problems } = exampleWith('"next": "after-visit"', '"next": "after-visitt"');
    expect(problems[0]?.message).toContain('Did you mean "after-visit"? Because');
  });
});

// Found by the authoring walk: a scene copied and not renamed (its id repeats another's) left the
// "next" meant for it naming no node, and that error's fix said only "or add a node with this id",
// though the node meant was there, under the wrong id.
describe('unknown-node when a node repeats another\'s id', () => {
  // Found by the one-mistake sweep (valid-44): each "next" meant for the copy was an unknown-node
  // error of its own, above the duplicate-id error (the cause) further down the file.
  it('is folded into the duplicate-id error at the copy, which lists the places and offers the rename', () => {
    const { text, problems } = exampleWith('"id": "boyfriend-guarded"', '"id": "boyfriend-open"');
    expect(problems.map((p) => p.code)).toEqual(['duplicate-id']);
    const [duplicate] = problems as [Problem];
    expect(pointsAt(text, duplicate)).toMatch(/^"boyfriend-open"/);
    expect(duplicate.message).toMatch(/^Another node already has the id "boyfriend-open": nodes\[\d+\] \(line \d+, column \d+\), the one every "next" and "to" naming it leads to\. 3 places name "boyfriend-guarded" \(line \d+, column \d+; line \d+, column \d+; line \d+, column \d+\), which is no node's id: if this copy is the node meant there, its id should be "boyfriend-guarded"\.$/);
    const [original, ...places] = [...duplicate.message.matchAll(/line (\d+), column (\d+)/g)].map((m) => ({ line: Number(m[1]), column: Number(m[2]) }));
    expect(pointsAt(text, original)).toMatch(/^"boyfriend-open",/);
    expect(places.map((p) => pointsAt(text, p)?.slice(0, '"boyfriend-guarded"'.length))).toEqual(['"boyfriend-guarded"', '"boyfriend-guarded"', '"boyfriend-guarded"']);
    expect(duplicate.fix).toBe('Give every node its own id: rename this one, and the "next" or "to" that should lead here. If this copy is the node "boyfriend-guarded" is meant for, rename it "boyfriend-guarded": then the 3 places that name it lead here. If not, correct those places to the id of the node meant.');
    // Doing as it says clears it.
    const lines = text.split('\n');
    lines[duplicate.line - 1] = (lines[duplicate.line - 1] ?? '').replace('"boyfriend-open"', '"boyfriend-guarded"');
    expect(validateScenario(lines.join('\n'), 'x.json').problems).toEqual([]);
  });
  it('takes in what the graph checks found because of it: a node no ending can then be reached from, the nodes only the copy leads to', () => {
    const { text, problems } = exampleWith('"id": "after-visit"', '"id": "boyfriend-open"');
    // Was: no-way-to-end at "phone" (above it), and unreachable at each ending, told to correct the "next" to it.
    expect(problems.map((p) => p.code)).toEqual(['duplicate-id']);
    expect(problems[0]?.message).toMatch(/ 2 places name "after-visit" \(line \d+, column \d+; line \d+, column \d+\), which is no node's id: if this copy is the node meant there, its id should be "after-visit"\. Until then, no ending can be reached from "phone"; "end-strong", "end-mixed" and "end-harmful", where this copy goes on to, are out of reach \(nothing else leads there\)\.$/);
    const lines = text.split('\n');
    const at = (problems[0]?.line ?? 1) - 1;
    lines[at] = (lines[at] ?? '').replace('"boyfriend-open"', '"after-visit"');
    expect(validateScenario(lines.join('\n'), 'x.json').problems).toEqual([]);
  });
  it('is not folded when the "next"s naming no node name two ids: each keeps its error, offering the copy', () => {
    const { text } = exampleWith('"id": "boyfriend-guarded"', '"id": "boyfriend-open"');
    const { problems } = validateScenario(text.replace('{ "to": "boyfriend-guarded" }', '{ "to": "zzz-elsewhere" }'), 'x.json');
    // The two replies' "next"s naming "boyfriend-guarded" are one error (validator-53), the route naming "zzz-elsewhere" another.
    expect(problems.map((p) => p.code)).toEqual(['unknown-node', 'unknown-node', 'duplicate-id']);
    expect(problems.filter((p) => p.code === 'unknown-node').map((p) => [p.fix.includes('repeats the id "boyfriend-open"'), p.repeats])).toEqual([[true, undefined], [true, 2]]);
  });
  // The validator's left-overs (validator-45): two copies not renamed, meant for two ids, gave an
  // unknown-node error per place, each offering the first copy alone (for an id meant for the second).
  it('two copies and two ids, paired by what each copy names itself: each copy takes in the places naming its id', () => {
    const { text } = exampleWith('"id": "boyfriend-guarded"', '"id": "boyfriend-open"');
    const problems = validateScenario(text.replace('"id": "after-visit"', '"id": "boyfriend-open"'), 'x.json').problems;
    // The first copy's own "next" names "after-visit": it is not "after-visit", so it is "boyfriend-guarded".
    expect(problems.map((p) => `${p.code} ${formatPath(p.path)}`)).toEqual(['no-way-to-end nodes[0]', 'duplicate-id nodes[2].id', 'duplicate-id nodes[3].id']);
    expect(problems[0]?.message).toMatch(/\(see the duplicate-id errors for "boyfriend-guarded" and "after-visit"\)\.$/);
    expect(problems[1]?.message).toMatch(/ 3 places name "boyfriend-guarded" \(line \d+, column \d+; line \d+, column \d+; line \d+, column \d+\), which is no node's id: if this copy is the node meant there, its id should be "boyfriend-guarded"\.$/);
    expect(problems[2]?.message).toMatch(/ 2 places name "after-visit" \(line \d+, column \d+; line \d+, column \d+\), which is no node's id: if this copy is the node meant there, its id should be "after-visit"\. Until then, "end-strong", "end-mixed" and "end-harmful", where this copy goes on to, are out of reach/);
  });
  it('two copies and two ids either could be: not folded, each place offering both copies where they are', () => {
    const { text } = exampleWith('"id": "boyfriend-guarded"', '"id": "boyfriend-open"');
    const changed = text.replace('"id": "end-harmful"', '"id": "boyfriend-open"');
    const problems = validateScenario(changed, 'x.json').problems;
    expect(problems.map((p) => p.code)).toEqual(['unknown-node', 'unknown-node', 'unknown-node', 'duplicate-id', 'unknown-node', 'duplicate-id']);
    const copies = problems.filter((p) => p.code === 'duplicate-id');
    // Authoring leftovers (author-49): each place said 'Use the id of a node … Or, if it means one
    // of the 2 nodes that repeat another's id (…), change that node's "id"', the copies' own errors
    // only "rename this one": what to do, renaming each copy, comes first now, the copies by line.
    for (const p of problems.filter((q) => q.code === 'unknown-node')) {
      expect(p.fix).toMatch(/^If one of the 2 copies not renamed \("boyfriend-open" at line \d+, column \d+, or "boyfriend-open" at line \d+, column \d+\) is the node meant here, rename that copy "(boyfriend-guarded|end-harmful)" \(their duplicate-id errors say which ids the copies can take\)\. If neither is, use the id of a node in "nodes" \(.*\), or add a node with this id\.$/);
      expect([...p.fix.matchAll(/line (\d+), column (\d+)/g)].map((m) => `${m[1]}:${m[2]}`)).toEqual(copies.map((c) => `${c.line}:${c.column}`));
    }
    const [first, second] = copies as [Problem, Problem];
    const at = (p: Problem) => `line ${p.line}, column ${p.column}`;
    const named = (id: string) => problems.filter((p) => p.code === 'unknown-node' && p.message.startsWith(`There is no node with the id "${id}"`));
    const guarded = named('boyfriend-guarded');
    const harmful = named('end-harmful');
    expect(guarded).toHaveLength(3);
    const ids = `"boyfriend-guarded" (at ${at(guarded[0] as Problem)}, and 2 more places) and "end-harmful" (at ${at(harmful[0] as Problem)})`;
    for (const [p, other] of [[first, second], [second, first]] as const) {
      expect(p.message).toMatch(/^Another node already has the id "boyfriend-open": nodes\[1\] \(line \d+, column \d+\), the one every "next" and "to" naming it leads to\. /);
      expect(p.message.endsWith(` This node and the one at ${at(other)} are copies whose ids repeat another node's, and 2 ids are named but are no node's: ${ids}. Each copy is most likely meant to have one of them, but nothing in the file says which.`)).toBe(true);
      expect(p.fix).toBe(`Rename each copy to the id meant for it, either "boyfriend-guarded" or "end-harmful": this one, and the copy at ${at(other)}. The places naming each id then lead to the copy given it.`);
    }
    // Doing as they say (each copy its id) leaves nothing.
    const lines = changed.split('\n');
    lines[first.line - 1] = (lines[first.line - 1] ?? '').replace('"boyfriend-open"', '"boyfriend-guarded"');
    lines[second.line - 1] = (lines[second.line - 1] ?? '').replace('"boyfriend-open"', '"end-harmful"');
    expect(validateScenario(lines.join('\n'), 'x.json').problems).toEqual([]);
  });
  it('one copy and two ids: its error names both ids where they are, to rename it to the one meant', () => {
    const { text } = exampleWith('"id": "boyfriend-guarded"', '"id": "boyfriend-open"');
    const { problems } = validateScenario(text.replace('{ "to": "boyfriend-guarded" }', '{ "to": "zzz-elsewhere" }'), 'x.json');
    const copy = problems.find((p) => p.code === 'duplicate-id') as Problem;
    expect(copy.message).toMatch(/ 2 ids are named but are no node's: "zzz-elsewhere" \(at line \d+, column \d+\) and "boyfriend-guarded" \(at line \d+, column \d+, and 1 more place\)\. This copy is most likely meant to have one of them, but nothing in the file says which\.$/);
    expect(copy.fix).toBe('Rename this copy to the id meant for it, either "zzz-elsewhere" or "boyfriend-guarded": the places naming it then lead here. Correct the places naming the other to the node meant, or add a node with that id.');
  });
  // Found by the authoring walk (authorwalk-45): an ending pasted twice, unchanged, for two new
  // endings named by two replies was four errors (each place offering both copies, each copy its
  // duplicate-id error), though either copy is as good as the other for either id.
  it('two copies alike in every field and two ids: each copy takes the id named in its turn', () => {
    const good = readFixture('good/example.json').toString('utf8');
    const start = good.indexOf('    {\n      "id": "end-harmful"');
    const end = good.lastIndexOf('\n  ]');
    const block = good.slice(start, end);
    const text = `${good.slice(0, end)},\n${block},\n${block}${good.slice(end)}`
      .replace('"next": "end-harmful"', '"next": "end-crossed"').replace('"next": "end-mixed"', '"next": "end-investigating"');
    const { problems } = validateScenario(text, 'x.json');
    // (The original ending, which the reply led to before, is out of reach: a warning of its own,
    // listed after the errors.)
    expect(problems.map((p) => `${p.code} ${formatPath(p.path)}`)).toEqual(['duplicate-id nodes[7].id', 'duplicate-id nodes[8].id', 'unreachable nodes[6]']);
    expect(problems[0]?.message).toMatch(/ A "next" names "end-crossed" \(line \d+, column \d+\), which is no node's id: if this copy is the node meant there, its id should be "end-crossed"\.$/);
    expect(problems[1]?.message).toMatch(/ A "next" names "end-investigating" \(line \d+, column \d+\), which is no node's id: if this copy is the node meant there, its id should be "end-investigating"\.$/);
    // Doing as they say leaves nothing.
    const lines = text.split('\n');
    for (const [p, id] of [[problems[0], 'end-crossed'], [problems[1], 'end-investigating']] as const) {
      lines[(p?.line ?? 1) - 1] = (lines[(p?.line ?? 1) - 1] ?? '').replace('"end-harmful"', `"${id}"`);
    }
    // The renamed copies still tell the ending they were copied from word for word: each is told to rewrite it (validator-54).
    expect(validateScenario(lines.join('\n'), 'x.json').problems.map((p) => p.code)).toEqual(['unreachable', 'duplicate-ending-text', 'duplicate-ending-text']);
  });
  it('is not offered when no node repeats an id', () => {
    const { problems } = exampleWith('"next": "after-visit"', '"next": "zzz-nowhere"');
    expect(problems.filter((p) => p.code === 'unknown-node').map((p) => p.fix)).toEqual([expect.not.stringContaining('repeats')]);
  });
});

// The validator's left-overs (validator-45): "boyfriend" for "boyfriend-guarded" was told 'Did you
// mean "boyfriend-open"?' (the first of two ids it could be, by spelling), three times, while the
// unreachable warning at "boyfriend-guarded", the node meant, said nothing of them.
describe('unknown-node naming an id two nodes are as like', () => {
  it('the one nothing leads to is the one meant: offered, its rename too, and its unreachable warning names the places', () => {
    const { problems } = exampleWith(/"(next|to)": "boyfriend-guarded"/g, '"$1": "boyfriend"');
    // The route's "to" and the two replies' "next"s: one error that counts them (validator-54; the
    // two "next"s alone were one from validator-53), and the warning sends to it, not to "errors".
    expect(problems.map((p) => [p.code, p.repeats])).toEqual([['unknown-node', 3], ['unreachable', undefined]]);
    expect(problems[0]?.message).toMatch(/^There is no node with the id "boyfriend"\. Did you mean "boyfriend-guarded"\? The same error comes 3 times in 3 replies of nodes\[0\]: here, then at line \d+, column 19; line \d+, column 19\.$/);
    expect(problems[0]?.fix).toBe('Change it to "boyfriend-guarded", or rename the node "boyfriend-guarded" to "boyfriend" (nothing leads to it yet, and 3 places name "boyfriend": one change instead of 3). The same goes for the other 2.');
    expect(problems[1]?.message).toBe('Node "boyfriend-guarded" can never be reached from the start, "phone": the 3 places that name "boyfriend" probably mean it (see the unknown-node error).');
  });
  it('when both are reached (or neither), both are offered', () => {
    const good = readFixture('good/example.json').toString('utf8');
    const at = good.indexOf('"next": "boyfriend-guarded"', good.indexOf('phone-accuse'));
    const text = `${good.slice(0, at)}"next": "boyfriend"${good.slice(at + '"next": "boyfriend-guarded"'.length)}`;
    const { problems } = validateScenario(text, 'x.json');
    expect(problems.map((p) => [p.code, p.message, p.fix])).toEqual([['unknown-node', 'There is no node with the id "boyfriend". Did you mean "boyfriend-open" or "boyfriend-guarded"?',
      'Change it to "boyfriend-open" or "boyfriend-guarded", whichever is meant here, or add a node with the id "boyfriend".']]);
  });
});

// Left from session 45: "s1" where youth-discloses has "s1-open" and "s1-guarded" was offered
// neither (containment needed three letters); the word is the whole leading part of both.
describe('unknown-node naming the leading part of two ids', () => {
  it('offers both ("s1" for "s1-open" and "s1-guarded")', () => {
    const good = readFileSync(new URL('../../scenarios/youth-discloses.json', import.meta.url), 'utf8');
    const text = good.replace('"to": "s1-open"', '"to": "s1"');
    expect(text).not.toBe(good);
    const { problems } = validateScenario(text, 'youth-discloses.json');
    expect(problems.map((p) => [p.code, p.message, p.fix])).toEqual([['unknown-node', 'There is no node with the id "s1". Did you mean "s1-open" or "s1-guarded"?',
      'Change it to "s1-open" or "s1-guarded", whichever is meant here, or add a node with the id "s1".']]);
  });
});

// "mixed-end" for "end-mixed" was offered nothing: too many changes for the edit distance. The
// words of the id are matched to the nodes' ids' words (wordSuggester), two ids at most.
describe('unknown-node naming an id with the words of a node\'s id', () => {
  it('"mixed-end": "Did you mean "end-mixed" (the mixed ending)?", and the fix says to change it', () => {
    const { problems } = exampleWith(/"(next|to)": "end-mixed"/g, '"$1": "mixed-end"');
    // A route's "to" and another reply's "next": one error that counts them (validator-54).
    expect(problems.map((p) => [p.code, p.repeats])).toEqual([['unknown-node', 2], ['unreachable', undefined]]);
    expect(problems[0]?.message).toMatch(/^There is no node with the id "mixed-end"\. Did you mean "end-mixed" \(the mixed ending\)\? The same error comes 2 times in 2 replies of nodes\[3\]: here, then at line \d+, column 19\.$/);
    expect(problems[0]?.fix).toMatch(/^Change it to "end-mixed" \(the mixed ending\), or rename the node "end-mixed" to "mixed-end"/);
    expect(problems[1]?.message).toContain('the 2 places that name "mixed-end" probably mean it (see the unknown-node error)');
  });
  it('two nodes with those words, both reached: both ("boyfriends" for "boyfriend-open" and "boyfriend-guarded")', () => {
    const good = readFixture('good/example.json').toString('utf8');
    const at = good.indexOf('"next": "boyfriend-guarded"', good.indexOf('phone-accuse'));
    const text = `${good.slice(0, at)}"next": "boyfriends"${good.slice(at + '"next": "boyfriend-guarded"'.length)}`;
    expect(validateScenario(text, 'x.json').problems.map((p) => p.message)).toEqual(['There is no node with the id "boyfriends". Did you mean "boyfriend-open" or "boyfriend-guarded"?']);
  });
  // ("end-good", a word for an ending's kind, is told the ending of that kind: validator-rules, author-61.)
  it('a word no node\'s id has: none, as before ("end-final")', () => {
    const { problems } = exampleWith('"to": "end-strong"', '"to": "end-final"');
    expect(problems.find((p) => p.code === 'unknown-node')?.message).toBe('There is no node with the id "end-final".');
  });
});

// The validator's left-overs (validator-45): a decision copied and renamed kept its replies' ids,
// and each was a duplicate-id error of its own (four errors for one copy of a four-reply decision);
// copied and not renamed, a fifth beside them at the node's id.
describe('a decision copied: its replies\' repeated ids are one error at the copy', () => {
  /** The example with the decision "after-visit" copied after it, its id changed to `id` (kept when undefined), and `edit` applied to the copy. */
  const withCopy = (id: string | undefined, edit = (copy: string) => copy) => {
    const good = readFixture('good/example.json').toString('utf8');
    const start = good.indexOf('    {\n      "id": "after-visit"');
    const end = good.indexOf('    {\n      "id": "end-strong"');
    const block = good.slice(start, end);
    const copy = edit(id === undefined ? block : block.replace('"id": "after-visit"', `"id": "${id}"`));
    const text = `${good.slice(0, end)}${copy}${good.slice(end)}`;
    return { text, problems: validateScenario(text, 'x.json').problems };
  };
  /** Each "line L, column C" a text names, as the text found there (to its line's end). */
  const namedPlaces = (text: string, words: string) => [...words.matchAll(/line (\d+), column (\d+)/g)].map((m) => pointsAt(text, { line: Number(m[1]), column: Number(m[2]) }));

  it('renamed: one error, at its first reply\'s id, naming each repeated id where it is, and an id to write', () => {
    const { text, problems } = withCopy('after-visit-again');
    expect(problems.map((p) => p.code)).toEqual(['duplicate-id', 'unreachable']);
    const p = problems[0] as Problem;
    expect(formatPath(p.path)).toBe('nodes[4].replies[0].id');
    expect(pointsAt(text, p)).toMatch(/^"after-supervisor",$/);
    expect(p.message).toMatch(/^The ids of all 3 replies of this decision are already used by the replies of node "after-visit" \(line 75, column 13\): "after-supervisor" \(line \d+, column \d+\), "after-search" \(line \d+, column \d+\) and "after-wait" \(line \d+, column \d+\)\. A decision copied keeps its replies' ids, and a reply id must be unique in the whole scenario\.$/);
    expect(namedPlaces(text, p.message).map((at) => at?.replace(/,$/, ''))).toEqual(['"after-visit"', '"after-supervisor"', '"after-search"', '"after-wait"']);
    // The copy's own replies, not the original's.
    const copyLine = text.slice(0, text.indexOf('"after-visit-again"')).split('\n').length;
    expect([...p.message.matchAll(/line (\d+), column/g)].slice(1).map((m) => Number(m[1]) > copyLine)).toEqual([true, true, true]);
    expect(p.fix).toBe('Give each of these replies an id of its own, prefixed with this decision\'s id, e.g. "after-visit-again-supervisor" for "after-supervisor".');
    // Doing as it says (each reply so renamed) leaves only the copy nothing leads to.
    const renamed = withCopy('after-visit-again', (copy) => copy.replace(/"id": "after-(supervisor|search|wait)"/g, '"id": "after-visit-again-$1"'));
    expect(renamed.problems.map((q) => q.code)).toEqual(['unreachable']);
  });

  // Found by the authoring walk (authorwalk-45): a copy with all its replies renamed but one was told
  // 'prefix them with the node id, e.g. "d2-listen"', an id no file of theirs has, where two or more
  // were given the id to write.
  it('one reply left with the id it was copied with: its fix gives the id to write too', () => {
    const { text, problems } = withCopy('after-visit-again', (copy) => copy.replace(/"id": "after-(search|wait)"/g, '"id": "after-visit-again-$1"'));
    expect(problems.map((p) => p.code)).toEqual(['duplicate-id', 'unreachable']);
    expect(problems[0]?.message).toBe('The reply id "after-supervisor" is already used by a reply of node "after-visit" (line 83, column 17).');
    expect(problems[0]?.fix).toBe('Reply ids must be unique in the whole scenario; prefix them with the node id, e.g. "after-visit-again-supervisor" for "after-supervisor".');
    const copyAt = text.indexOf('"id": "after-visit-again"');
    const done = text.slice(0, copyAt) + text.slice(copyAt).replace('"id": "after-supervisor"', '"id": "after-visit-again-supervisor"');
    expect(validateScenario(done, 'x.json').problems.map((p) => p.code)).toEqual(['unreachable']);
  });

  it('past five repeated ids: five named where they are, the others counted and named', () => {
    const extra = [1, 2, 3, 4].map((i) => `,\n        { "id": "after-extra-${i}", "kind": "do", "text": "Wait ${i}.", "assessments": [{ "principle": "consult-supervisor-on-suspicion", "verdict": "violates" }], "feedback": "A suspicion belongs with your Advocate Supervisor (Red Flags).", "next": "end-mixed" }`).join('');
    const good = readFixture('good/example.json').toString('utf8');
    const base = good.replace(/("next": "end-mixed"\n {8}\})\n {6}\]/, `$1${extra}\n      ]`);
    expect(base).not.toBe(good);
    const start = base.indexOf('    {\n      "id": "after-visit"');
    const end = base.indexOf('    {\n      "id": "end-strong"');
    const text = `${base.slice(0, end)}${base.slice(start, end).replace('"id": "after-visit"', '"id": "after-visit-again"')}${base.slice(end)}`;
    const problems = validateScenario(text, 'x.json').problems.filter((p) => p.code === 'duplicate-id');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^The ids of all 7 replies of this decision are already used by the replies of node "after-visit" \(line \d+, column \d+\): "after-supervisor" \(line \d+, column \d+\), "after-search" \(.*?\), "after-wait" \(.*?\), "after-extra-1" \(.*?\), "after-extra-2" \(line \d+, column \d+\), and 2 more further down its replies \("after-extra-3", "after-extra-4"\)\. /);
  });

  it('not renamed: one error at the node\'s id, which names its replies too; the places naming the id meant come after them', () => {
    const { text, problems } = withCopy(undefined);
    expect(problems.map((p) => p.code)).toEqual(['duplicate-id']);
    const p = problems[0] as Problem;
    expect(pointsAt(text, p)).toMatch(/^"after-visit",$/);
    expect(p.message).toMatch(/^Another node already has the id "after-visit": nodes\[3\] \(line 75, column 13\), the one every "next" and "to" naming it leads to\. The ids of all 3 of its replies are already used by the replies of that node too: "after-supervisor" \(.*?\), "after-search" \(.*?\) and "after-wait" \(.*?\)\.$/);
    expect(p.fix).toBe('Give every node its own id: rename this one, and the "next" or "to" that should lead here. Then give each of those replies an id of its own too (a reply id must be unique in the whole scenario), e.g. its new id followed by "-supervisor".');
    // A "next" naming the id the copy was meant to have is folded in after them, each place where it is.
    const meantText = text.replace('"next": "after-visit"\n    },\n    {\n      "id": "boyfriend-guarded"', '"next": "talk-it-over"\n    },\n    {\n      "id": "boyfriend-guarded"');
    const meant = validateScenario(meantText, 'x.json');
    expect(meant.problems.map((q) => q.code)).toEqual(['duplicate-id']);
    const folded = meant.problems[0] as Problem;
    expect(folded.message).toMatch(/ and "after-wait" \(line \d+, column \d+\)\. A "next" names "talk-it-over" \(line \d+, column \d+\), which is no node's id: if this copy is the node meant there, its id should be "talk-it-over"\./);
    expect(namedPlaces(meantText, folded.message).map((at) => at?.replace(/,$/, ''))).toEqual(['"after-visit"', '"after-supervisor"', '"after-search"', '"after-wait"', '"talk-it-over"']);
  });

  // Authoring leftovers (author-49): folded, the fix still said "e.g. its new id followed by
  // "-supervisor"", though the fold names the id the copy is to have.
  it('not renamed, and folded: the id to write for its replies is the id the fold names', () => {
    const { text } = withCopy(undefined);
    const meantText = text.replace('"next": "after-visit"\n    },\n    {\n      "id": "boyfriend-guarded"', '"next": "talk-it-over"\n    },\n    {\n      "id": "boyfriend-guarded"');
    const [folded] = validateScenario(meantText, 'x.json').problems as [Problem];
    expect(folded.code).toBe('duplicate-id');
    expect(folded.fix).toBe('Give every node its own id: rename this one, and the "next" or "to" that should lead here. Then give each of those replies an id of its own too (a reply id must be unique in the whole scenario), e.g. "talk-it-over-supervisor" for "after-supervisor" once it is "talk-it-over". If this copy is the node "talk-it-over" is meant for, rename it "talk-it-over": then the "next" that names it leads here. If not, correct that place to the id of the node meant.');
    // Doing as it says (the copy renamed, its replies after it) leaves nothing.
    const lines = meantText.split('\n');
    lines[folded.line - 1] = (lines[folded.line - 1] ?? '').replace('"after-visit"', '"talk-it-over"');
    const renamed = lines.slice(0, folded.line - 1).join('\n') + '\n' + lines.slice(folded.line - 1).join('\n').replace(/"id": "after-(supervisor|search|wait)"/g, '"id": "talk-it-over-$1"');
    expect(validateScenario(renamed, 'x.json').problems).toEqual([]);
  });

  // Found by the authoring walk (authorwalk-45): the id meant for the copy is most often the
  // original's with a word added ("after-visit-again"), and was told 'Did you mean "after-visit"?'
  // (the original, every other "next" naming it already), an unknown-node error of its own beside
  // the duplicate-id error: following it left the copy without an id.
  it('not renamed, and the id meant for it like the id it repeats: folded all the same, no "Did you mean" the original', () => {
    const { text } = withCopy(undefined);
    const meantText = text.replace('"next": "after-visit"\n    },\n    {\n      "id": "boyfriend-guarded"', '"next": "after-visit-again"\n    },\n    {\n      "id": "boyfriend-guarded"');
    expect(meantText).not.toBe(text);
    const { problems } = validateScenario(meantText, 'x.json');
    expect(problems.map((q) => q.code)).toEqual(['duplicate-id']);
    const folded = problems[0] as Problem;
    expect(folded.message).not.toContain('Did you mean');
    expect(folded.message).toMatch(/ A "next" names "after-visit-again" \(line \d+, column \d+\), which is no node's id: if this copy is the node meant there, its id should be "after-visit-again"\./);
    expect(folded.fix).toContain('rename it "after-visit-again"');
    // Doing as it says (the copy and its replies renamed) leaves nothing.
    const lines = meantText.split('\n');
    lines[folded.line - 1] = (lines[folded.line - 1] ?? '').replace('"after-visit"', '"after-visit-again"');
    const renamed = lines.slice(0, folded.line - 1).join('\n') + '\n' + lines.slice(folded.line - 1).join('\n').replace(/"id": "after-(supervisor|search|wait)"/g, '"id": "after-visit-again-$1"');
    expect(validateScenario(renamed, 'x.json').problems).toEqual([]);
  });
});

// Found by the mistakes walk (mistakes-43): a route written with "next" for "to", as a reply's is
// ({ "next": "s1-guarded" } in a list of routes), gave two errors, the second telling the trainer
// to move "next" out into the reply, which already has one (the list the route is in).
describe('a route with "next" instead of "to"', () => {
  it('is one error, at "next", asking to rename it to "to"', () => {
    const { text, problems } = exampleWith('{ "to": "boyfriend-guarded" }', '{ "next": "boyfriend-guarded" }');
    expect(problems.map((p) => `${p.code} ${p.path.join('.')}`)).toEqual(['unknown-field nodes.0.replies.0.next.1.next']);
    const [p] = problems;
    expect(p?.message).toBe('"next" is not a field of a route, which is missing "to". Did you mean "to"?');
    expect(p?.fix).toBe('Rename "next" to "to".');
    expect(pointsAt(text, p)).toMatch(/^"next": "boyfriend-guarded" }/);
    expect(validateScenario(text.replace('{ "next": "boyfriend-guarded" }', '{ "to": "boyfriend-guarded" }'), 'x.json').problems).toEqual([]);
  });
  it('is not asked to be renamed when the route has its "to" already', () => {
    const { problems } = exampleWith('{ "to": "boyfriend-guarded" }', '{ "to": "boyfriend-guarded", "next": "boyfriend-open" }');
    expect(problems.map((p) => p.fix)).toEqual([expect.not.stringContaining('Rename "next" to "to"')]);
  });
});

// Found by the mistakes walk: "lines": { … } ] (the [ left out) was told "The ] before it already
// closes the object "lines"", though what closed that object was a }, and nothing said the [ was
// missing after "lines":.
describe('syntax-extra-bracket after an object written where a list goes', () => {
  it('names the } that closed the object, and offers the missing [', () => {
    const { text, problems } = exampleWith(/"lines": \[(\{ "character": "jade", "text": "Look)/, '"lines": $1');
    expect(problems.map((p) => p.code)).toEqual(['syntax-extra-bracket']);
    const [p] = problems;
    expect(p?.message).toMatch(/^Not valid JSON: this \] is one closing bracket too many\. The } before it already closes the object "lines" opened on line \d+;/);
    expect(p?.fix).toMatch(/^If "lines" is a list \(\[ … \]\), its \[ is missing: add it before the \{ on line \d+, after "lines":\. Otherwise delete this \] \(do not add a comma before it\)\./);
    const line = Number(/before the \{ on line (\d+)/.exec(p?.fix ?? '')?.[1]);
    const lines = text.split('\n');
    lines[line - 1] = (lines[line - 1] ?? '').replace('"lines": ', '"lines": [');
    expect(validateScenario(lines.join('\n'), 'x.json').problems).toEqual([]);
  });
});

// Found by the mistakes walk: an ending's variant without its "when" was "This object is missing
// "when"." with the fix "Add "when".": not what a variant is, nor what to write.
describe('a variant without "when"', () => {
  it('names the variant and its ending, and says what to write', () => {
    const { problems } = exampleWith('"narration": "Your Advocate Supervisor helps you plan your next visit. Jade keeps talking to you."',
      '"narration": "Your Advocate Supervisor helps you plan your next visit. Jade keeps talking to you.", "variants": [{ "narration": "Jade keeps talking to you." }]');
    expect(problems.map((p) => `${p.code} ${p.path.join('.')}`)).toEqual(['missing-field nodes.4.variants.0']);
    const [p] = problems;
    expect(p?.message).toBe('Variant 1 of the ending "end-strong" is missing "when": the condition under which its narration is told instead of the ending\'s own "narration".');
    expect(p?.fix).toBe('Add "when", e.g. "when": { "conduct": "critical", "gte": 1 } (see Conditions in docs/authoring.md, section 4). A text told whatever happened belongs in the ending\'s "narration": move it there and remove the variant.');
  });
  it('an unknown field in a variant is told the variant\'s fields', () => {
    const { problems } = exampleWith('Jade keeps talking to you."', 'Jade keeps talking to you.", "variants": [{ "when": { "conduct": "critical", "eq": 0 }, "narraton": "Jade texts you." }]');
    expect(problems.map((p) => p.message)).toEqual(['"narraton" is not a field of a variant, which is missing "narration". Did you mean "narration"?']);
  });
});

// Found by the mistakes walk: "type": "boolean" for a yes/no variable was told only "Use one of:
// "number", "flag"", and "Strong" or "Follows" (a capital) was "Did you mean" with a fix that did
// not say what to write.
describe('a value written by its meaning or with a capital', () => {
  it('"type": "boolean" is told to write "flag"', () => {
    const { problems } = exampleWith('"shown": true }', '"shown": true }, { "id": "told", "label": "You told", "type": "boolean", "start": false }');
    expect(problems.map((p) => `${p.code}: ${p.message} / ${p.fix}`)).toEqual([
      'invalid-value: "type" is the text "boolean", which is not allowed here. Did you mean "flag"? / Write "type": "flag" (a yes/no fact, true or false). The values are "number", "flag".',
    ]);
  });
  it('"ending": "Strong" is told to write it in lower case', () => {
    const { problems } = exampleWith('"ending": "strong"', '"ending": "Strong"');
    expect(problems.map((p) => p.fix)).toEqual(['Write "ending": "strong", in lower case. The values are "strong", "mixed", "harmful".']);
  });
  // author-46: "do " (a space typed after it) was told to write "do", "in lower case", which it was.
  it('a value with a space before or after it is told to take the space out, not to write it in lower case', () => {
    const { problems } = exampleWith('"ending": "strong"', '"ending": "strong "');
    expect(problems.map((p) => p.fix)).toEqual(['Write "ending": "strong", without the space. The values are "strong", "mixed", "harmful".']);
    expect(exampleWith('"ending": "strong"', '"ending": " Strong"').problems.map((p) => p.fix)).toEqual(['Write "ending": "strong", in lower case and without the space. The values are "strong", "mixed", "harmful".']);
  });
});

// Found by the mistakes walk: a character copied and not renamed (its id repeats another's) left
// the lines meant for it naming no character, and their fix said only to add a character (a third,
// for the same person), as the unknown-node fix once did for a copied node.
describe('unknown-character when a character repeats another\'s id', () => {
  it('offers to rename the character that repeats the id, saying where it is', () => {
    const text = readFixture('good/example.json').toString('utf8')
      .replace(/("role": "youth", "age": 15 \})\n/, '$1,\n    { "id": "jade", "name": "Ms. Reyes", "role": "CSW" }\n')
      .replace('"character": "jade", "text": "Someone gave', '"character": "reyes", "text": "Someone gave');
    const { problems } = validateScenario(text, 'x.json');
    expect(problems.map((p) => p.code)).toEqual(['duplicate-id', 'unknown-character']);
    const unknown = problems[1]!;
    expect(unknown.fix).toMatch(/^Use a declared character \(this scenario declares "jade"\), or add it to "characters", e\.g\. .*\. Or, if it means the character "Ms\. Reyes", whose id repeats "jade" \(line 12, column 13; see the duplicate-id error\), change that character's "id" to "reyes"\.$/);
    expect(pointsAt(text, { line: 12, column: 13 })).toMatch(/^"jade", "name": "Ms. Reyes"/);
    expect(validateScenario(text.replace('{ "id": "jade", "name": "Ms. Reyes"', '{ "id": "reyes", "name": "Ms. Reyes"'), 'x.json').problems).toEqual([]);
  });
});

// Found by the mistakes walk: a number variable with its "min" deleted was told only "A number
// variable needs whole numbers for "min", "max" and "start"", not which one it lacks.
describe('invalid-variable names the field a number variable lacks', () => {
  it('"min" left out', () => {
    const { problems } = exampleWith('"min": 0, "max": 100,', '"max": 100,');
    expect(problems.map((p) => `${p.code}: ${p.message} / ${p.fix}`)).toEqual([
      'invalid-variable: A number variable needs whole numbers for "min", "max" and "start"; "trust" has no "min". / Add "min": 0 (the lowest value it can take), or add "type": "flag" and "start": true or false for a yes/no fact.',
    ]);
  });
  it('"min" and "max" left out', () => {
    const { problems } = exampleWith('"min": 0, "max": 100,', '');
    expect(problems.map((p) => p.fix)).toEqual(['Add "min": 0 (the lowest value it can take) and "max": 100 (the highest), or add "type": "flag" and "start": true or false for a yes/no fact.']);
  });
  // author-46: a flag given "shown": true (as the trust meter beside it has) was told the general
  // rule and an example flag "told-csw", not which of its own fields to take out.
  it('a yes/no flag with a number\'s field, or a number for "start": names the flag and what to change', () => {
    const flag = (fields: string) => exampleWith('"shown": true }', `"shown": true }, { "id": "told", "label": "You told", "type": "flag", ${fields} }`).problems.map((p) => `${p.code}: ${p.message} / ${p.fix}`);
    expect(flag('"start": false, "shown": true')).toEqual([
      'invalid-variable: A yes/no flag ("type": "flag") has "start": true or false, and no "min", "max" or "shown"; "told" has "shown". / Remove "shown" from "told": a flag is never shown as a meter, and has no range.',
    ]);
    expect(flag('"min": 0, "max": 1, "start": 0')).toEqual([
      'invalid-variable: A yes/no flag ("type": "flag") has "start": true or false, and no "min", "max" or "shown"; "told" has "min" and "max", and "start": 0. / Remove "min" and "max" from "told": a flag is never shown as a meter, and has no range. Write "start": false (no) or true (yes).',
    ]);
  });
});

// Found by the mistakes walk: { "when": { … }, "or": { … }, "to": "x" } (an "or" beside the route's
// "when") was told only "Remove it, or use one of: when, to", though an "or" inside a "when" is
// told how to write it.
describe('"or" written on a route', () => {
  it('is told to write one route for each condition', () => {
    const { problems } = exampleWith('{ "when": { "var": "trust", "gte": 60 }, "to": "boyfriend-open" }',
      '{ "when": { "var": "trust", "gte": 60 }, "or": { "var": "trust", "lt": 10 }, "to": "boyfriend-open" }');
    expect(problems.map((p) => `${p.code}: ${p.message} / ${p.fix}`)).toEqual([
      'unknown-field: "or" is not a field of a route. There is no "or": to go to a node when one condition or another holds, write two routes to it, one for each condition. / Take out "or" and write one route for each condition, each with the same "to", before the route with no "when".',
    ]);
  });
});

// Found by the mistakes walk: a scene whose "id" line was deleted gave its missing-field error and,
// at every "next" naming it, "There is no node with the id ..." whose fix said only to add a node
// (a second copy of the scene that is there, without its id).
describe('unknown-node when a node has lost its "id"', () => {
  // Found by valid2-44: each "next" meant for the node was still an unknown-node error of its own,
  // above the missing-field error (the cause), as for an id written wrongly before 3e65db6f.
  it('is folded into the missing-field error at that node, which lists the places and offers the id', () => {
    const { text, problems } = exampleWith('"id": "boyfriend-guarded",', '');
    expect(problems.map((p) => p.code)).toEqual(['missing-field']);
    const [missing] = problems as [Problem];
    expect(pointsAt(text, missing)).toMatch(/^\{/);
    expect(missing.message).toMatch(/^A scene node is missing "id"\. 3 places name "boyfriend-guarded" \(line \d+, column \d+; line \d+, column \d+; line \d+, column \d+\), which is no node's id: if this node is the one meant there, its id should be "boyfriend-guarded"\.$/);
    const places = [...missing.message.matchAll(/line (\d+), column (\d+)/g)].map((m) => ({ line: Number(m[1]), column: Number(m[2]) }));
    expect(places.map((p) => pointsAt(text, p)?.slice(0, '"boyfriend-guarded"'.length))).toEqual(['"boyfriend-guarded"', '"boyfriend-guarded"', '"boyfriend-guarded"']);
    expect(missing.fix).toBe('Give it back its id, as the node\'s first line: "id": "boyfriend-guarded", and the 3 places that name it then lead here. If it is not the node meant there, give it an id of its own and correct those places to the id of the node meant.');
    // Doing as it says clears it.
    const lines = text.split('\n');
    lines[missing.line - 1] = `${lines[missing.line - 1] ?? ''} "id": "boyfriend-guarded",`;
    expect(validateScenario(lines.join('\n'), 'x.json').problems).toEqual([]);
  });
  it('takes in what the graph checks found because of it, as for a copy not renamed', () => {
    const { problems } = exampleWith('"id": "after-visit",', '');
    // Was: no-way-to-end at "phone" (above it), two unknown-node errors, and unreachable at each ending.
    expect(problems.map((p) => p.code)).toEqual(['missing-field']);
    expect(problems[0]?.message).toMatch(/^A decision node is missing "id"\. 2 places name "after-visit" \(line \d+, column \d+; line \d+, column \d+\), which is no node's id: if this node is the one meant there, its id should be "after-visit"\. Until then, no ending can be reached from "phone"; "end-strong", "end-mixed" and "end-harmful", where this node goes on to, are out of reach \(nothing else leads there\)\.$/);
    expect(problems[0]?.fix).toMatch(/^Give it back its id, as the node's first line: "id": "after-visit", and the 2 places that name it then lead here\./);
  });
  it('"start" naming the id is folded in the same way', () => {
    const { problems } = exampleWith('"id": "phone",', '');
    expect(problems.map((p) => p.code)).toEqual(['missing-field']);
    expect(problems[0]?.message).toMatch(/ "start" names "phone" \(line \d+, column \d+\), which is no node's id: if this node is the one meant there, its id should be "phone"\.$/);
    expect(problems[0]?.fix).toMatch(/^Give it back its id, as the node's first line: "id": "phone", and the "start" that names it then leads here\./);
  });
  it('is not folded when the "next"s naming no node name two ids: each keeps its error, offering that node', () => {
    const { text, problems: before } = exampleWith('"id": "boyfriend-guarded",', '');
    expect(before.map((p) => p.code)).toEqual(['missing-field']);
    const { problems } = validateScenario(text.replace('{ "to": "boyfriend-guarded" }', '{ "to": "zzz-elsewhere" }'), 'x.json');
    // The two replies' "next"s are one error that counts them (validator-53).
    expect(problems.map((p) => p.code)).toEqual(['unknown-node', 'unknown-node', 'missing-field']);
    const unknown = problems.filter((p) => p.code === 'unknown-node');
    expect(unknown.map((p) => p.fix)).toEqual(unknown.map(() => expect.stringMatching(/, or add a node with this id\. Or, if it means the node without a valid "id" \(line \d+, column \d+; see the missing-field error\), give that node "id": "(boyfriend-guarded|zzz-elsewhere)"\.( The same goes for the other one\.)?$/)));
    const [, line, column] = /\(line (\d+), column (\d+); see the missing-field error\)/.exec(unknown[0]?.fix ?? '') ?? [];
    const missing = problems.find((p) => p.code === 'missing-field');
    expect([Number(line), Number(column)]).toEqual([missing?.line, missing?.column]);
    expect(missing?.fix).toBe('Add "id": a lower-case id such as "first-call".');
    expect(pointsAt(text, { line: Number(line), column: Number(column) })).toMatch(/^\{/);
  });
  it('is not folded when two nodes lack an id', () => {
    const { text } = exampleWith('"id": "boyfriend-guarded",', '');
    const { problems } = validateScenario(text.replace('"id": "boyfriend-open",', ''), 'x.json');
    // The route's "to" and the two replies' "next"s naming "boyfriend-guarded" are one error that
    // counts them (validator-53 grouped the two "next"s, validator-54 the "to" with them).
    expect(problems.filter((p) => p.code === 'unknown-node').map((p) => [formatPath(p.path), p.repeats])).toEqual([['nodes[0].replies[0].next[0].to', undefined], ['nodes[0].replies[0].next[1].to', 3]]);
    // The two errors, word for word the same in one list, are one that counts them (ids-52).
    expect(problems.filter((p) => p.code === 'missing-field').map((p) => [formatPath(p.path), p.repeats, p.repeatedAt?.map((q) => formatPath(q.path)), p.fix])).toEqual([['nodes[1]', 2, ['nodes[2]'], 'Add "id": a lower-case id such as "first-call". The same goes for the other one.']]);
  });
});

// Found by valid3-44: a node whose id KEY is misspelt ("ID", "Id", "id ", "iD") or whose id is not
// text (7, a list, null) gave no-way-to-end above the cause, one unknown-node per "next" whose fix
// said "see the missing-field error" (there was none: the error at that node is unknown-field or
// wrong-type), and unreachable at each ending, telling the trainer to correct the "next" that names
// "after-visit" to the ending. As for a node that lost its "id" line, they are folded into the error
// at the cause.
describe('unknown-node when a node\'s "id" is misspelt as a field, or is not text', () => {
  /** The places a folded error names by line and column, and what each points at. */
  const placesIn = (text: string, p: Problem) => [...p.message.matchAll(/line (\d+), column (\d+)/g)].map((m) => pointsAt(text, { line: Number(m[1]), column: Number(m[2]) })?.slice(0, '"after-visit"'.length));
  const until = ' Until then, no ending can be reached from "phone"; "end-strong", "end-mixed" and "end-harmful", where this node goes on to, are out of reach (nothing else leads there).';
  it('"ID": the unknown-field error at it takes in the places naming its value, and what follows, and gives the line to write', () => {
    const { text, problems } = exampleWith('"id": "after-visit",', '"ID": "after-visit",');
    // Was: no-way-to-end at "phone", two unknown-node errors (see the missing-field error), unknown-field, and unreachable at each ending.
    expect(problems.map((p) => p.code)).toEqual(['unknown-field']);
    const [field] = problems as [Problem];
    expect(pointsAt(text, field)).toMatch(/^"ID": "after-visit",$/);
    expect(field.message).toMatch(/^"ID" is not a field of a decision node, which is missing "id"\. Did you mean "id"\? 2 places name "after-visit" \(line \d+, column \d+; line \d+, column \d+\), the id written here under "ID": they lead to no node until it is written under "id"\./);
    expect(field.message.endsWith(until)).toBe(true);
    expect(placesIn(text, field)).toEqual(['"after-visit"', '"after-visit"']);
    expect(field.fix).toBe('Rename "ID" to "id", so that the line reads: "id": "after-visit", and the 2 places that name it then lead here.');
    // Doing as it says clears it.
    expect(validateScenario(text.replace('"ID": "after-visit",', '"id": "after-visit",'), 'x.json').problems).toEqual([]);
  });
  it('"Id", "id " and "iD" are folded in the same way; the line has no comma when the id is the node\'s last field', () => {
    for (const key of ['Id', 'id ', 'iD']) {
      const { problems } = exampleWith('"id": "after-visit",', `"${key}": "after-visit",`);
      expect(problems.map((p) => p.code)).toEqual(['unknown-field']);
      expect(problems[0]?.fix).toBe(`Rename "${key}" to "id", so that the line reads: "id": "after-visit", and the 2 places that name it then lead here.`);
    }
    const { text } = exampleWith('"id": "after-visit",', '');
    const last = text.replace(/\]\n {4}\},\n {4}\{\n {6}"id": "end-strong"/, '],\n      "ID": "after-visit"\n    },\n    {\n      "id": "end-strong"');
    expect(last).not.toBe(text);
    const { problems } = validateScenario(last, 'x.json');
    expect(problems.map((p) => p.code)).toEqual(['unknown-field']);
    expect(problems[0]?.fix).toBe('Rename "ID" to "id", so that the line reads: "id": "after-visit" and the 2 places that name it then lead here.');
  });
  it('an id that is not text (7, a list, null): the wrong-type error at it takes them in, when every "next" naming no node names one id', () => {
    for (const [value, what] of [['7', 'the number 7'], ['["after-visit"]', 'a list'], ['null', 'null']] as const) {
      const { text, problems } = exampleWith('"id": "after-visit",', `"id": ${value},`);
      expect(problems.map((p) => p.code)).toEqual(['wrong-type']);
      const [wrong] = problems as [Problem];
      expect(pointsAt(text, wrong)?.startsWith(value)).toBe(true);
      expect(wrong.message).toBe(`"id" should be text in double quotes, but it is ${what}. 2 places name "after-visit" (line 66, column 15; line 72, column 15), which is no node's id: if this node is the one meant there, its id should be "after-visit".${until}`);
      expect(wrong.fix).toBe('Write the id as text, so that the line reads: "id": "after-visit", and the 2 places that name it then lead here. If it is not the node meant there, give it an id of its own and correct those places to the id of the node meant.');
      expect(validateScenario(text.replace(`"id": ${value},`, '"id": "after-visit",'), 'x.json').problems).toEqual([]);
    }
  });
  it('"ID" with its text: only the places naming that text are folded; another id named nowhere keeps its error, pointing at the unknown-field error', () => {
    const { text } = exampleWith('"id": "after-visit",', '"ID": "after-visit",');
    const { problems } = validateScenario(text.replace('{ "to": "boyfriend-guarded" }', '{ "to": "zzz-elsewhere" }'), 'x.json');
    expect(problems.map((p) => p.code)).toEqual(['no-way-to-end', 'unknown-node', 'unknown-field']);
    const [stuck, unknown, field] = problems as [Problem, Problem, Problem];
    // Each id named is sent where its error is (not both to the unknown-field error).
    expect(stuck.message).toBe('From node "phone" no ending can be reached: the way on from it runs into a "next" naming "zzz-elsewhere" and "after-visit", which are not nodes of this scenario (see the unknown-field error for "after-visit", and the unknown-node error where the other is named).');
    expect(field.message).toMatch(/ 2 places name "after-visit" \(line 66, column 15; line 72, column 15\), the id written here under "ID"/);
    expect(unknown.fix).toBe(`Use the id of a node in "nodes" ("phone", "boyfriend-open", "boyfriend-guarded", "end-strong", "end-mixed" and 1 more), or add a node with this id. Or, if it means the node whose "id" is written "ID" (line ${field.line}, column ${field.column}; see the unknown-field error), change that line to "id": "zzz-elsewhere".`);
  });
  it('two nodes with "Id" and "ID", each holding the id a "next" names: each error takes in the places naming its own', () => {
    const { text } = exampleWith('"id": "after-visit",', '"ID": "after-visit",');
    const { problems } = validateScenario(text.replace('"id": "boyfriend-open",', '"Id": "boyfriend-open",'), 'x.json');
    // Was: no unknown-node fix offered either node, and the unreachable endings were told to take a "next" naming "after-visit".
    expect(problems.map((p) => p.code)).toEqual(['no-way-to-end', 'unknown-field', 'unknown-field']);
    const [stuck, open, after] = problems as [Problem, Problem, Problem];
    expect(stuck.message).toBe('From node "phone" no ending can be reached: the way on from it runs into a "next" naming "boyfriend-open" and "after-visit", which are not nodes of this scenario (see the unknown-field errors for "boyfriend-open" and "after-visit").');
    expect(open.message).toMatch(/^"Id" is not a field of a scene node, which is missing "id"\. Did you mean "id"\? A route's "to" names "boyfriend-open" \(line 37, column 60\), the id written here under "Id": it leads to no node until it is written under "id"\.$/);
    expect(open.fix).toBe('Rename "Id" to "id", so that the line reads: "id": "boyfriend-open", and the route\'s "to" that names it then leads here.');
    expect(after.message).toMatch(/ 2 places name "after-visit" \(line 66, column 15; line 72, column 15\), the id written here under "ID": they lead to no node until it is written under "id"\. Until then, "end-strong", "end-mixed" and "end-harmful", where this node goes on to, are out of reach \(nothing else leads there\)\.$/);
  });
  it('not folded when the "next"s naming no node name two ids: each unknown-node fix points at the error that is there, by line and column', () => {
    const { text } = exampleWith('"id": "after-visit",', '"id": 7,');
    const { problems } = validateScenario(text.replace('{ "to": "boyfriend-guarded" }', '{ "to": "zzz-elsewhere" }'), 'x.json');
    // The two replies' "next"s are one error that counts them (validator-53).
    expect(problems.filter((p) => p.code !== 'unreachable' && p.code !== 'no-way-to-end').map((p) => p.code)).toEqual(['unknown-node', 'unknown-node', 'wrong-type']);
    const wrong = problems.find((p) => p.code === 'wrong-type')!;
    expect(wrong.message).toBe('"id" should be text in double quotes, but it is the number 7.');
    const unknown = problems.filter((p) => p.code === 'unknown-node');
    expect(unknown.map((p) => p.fix)).toEqual(unknown.map(() => expect.stringMatching(new RegExp(`, or add a node with this id\\. Or, if it means the node whose "id" is not text \\(line ${wrong.line}, column ${wrong.column}; see the wrong-type error\\), change that line to "id": "(after-visit|zzz-elsewhere)"\\.( The same goes for the other one\\.)?$`))));
    expect(problems.some((p) => p.fix.includes('missing-field'))).toBe(false);
    // A misspelt key whose text is no id named, nor that id written otherwise (valid4-44 folds
    // "aftervisit"): the same, pointing at the unknown-field error.
    const { problems: misspelt } = exampleWith('"id": "after-visit",', '"ID": "visit-after",');
    const field = misspelt.find((p) => p.code === 'unknown-field')!;
    expect(field.message).toBe('"ID" is not a field of a decision node, which is missing "id". Did you mean "id"?');
    const refs = misspelt.filter((p) => p.code === 'unknown-node');
    // The two places naming "after-visit", one error that counts them (validator-53).
    expect(refs.map((p) => p.repeats)).toEqual([2]);
    for (const p of refs) expect(p.fix).toMatch(new RegExp(`Or, if it means the node whose "id" is written "ID" \\(line ${field.line}, column ${field.column}; see the unknown-field error\\), change that line to "id": "after-visit"\\. The same goes for the other one\\.$`));
  });
});

// Found by the mistakes walk: a heading written in square brackets, "[Prohibited Activities]",
// beside another citation in parentheses passed as citing it: any mention of the heading counted,
// though only a heading in parentheses is a citation (section 4, Replies; feedback-no-citation).
describe('principle-not-cited: the section named, but not in parentheses', () => {
  it('is warned at the heading, asking for parentheses', () => {
    const { text, problems } = exampleWith('which CASAs are prohibited from doing (Prohibited Activities).',
      'which CASAs are prohibited from doing [Prohibited Activities]; tell your Advocate Supervisor instead (Red Flags).');
    expect(problems.map((p) => p.code)).toEqual(['principle-not-cited']);
    const [p] = problems;
    expect(p?.message).toMatch(/^This reply is scored on "no-investigating" \(line \d+, column \d+\), and its feedback names that principle's section, "Prohibited Activities", but not in parentheses, so it does not count as citing it\.$/);
    expect(p?.fix).toBe('Write it in parentheses, exactly as the guide prints it: (Prohibited Activities).');
    expect(pointsAt(text, p)).toMatch(/^Prohibited Activities\]/);
  });
});

// Found by the one-mistake sweep (valid-44): "next": ["a", "b"] (two ways on, written as a list of
// ids) gave two errors, one per id, each telling the trainer to write that id alone without the
// [ ]: two contradicting fixes, and nothing on how a story branches.
describe('"next" written as a list of node ids', () => {
  it('is one error, at the list: one node follows a reply, and how to branch (routes with "when", or a decision)', () => {
    const { text, problems } = exampleWith('"next": "end-harmful"', '"next": ["end-harmful", "end-mixed"]');
    expect(problems.map((p) => p.code)).toEqual(['invalid-next']);
    const [p] = problems as [Problem];
    expect(formatPath(p.path)).toMatch(/^nodes\[\d+\]\.replies\[\d+\]\.next$/);
    expect(pointsAt(text, p)).toMatch(/^\["end-harmful", "end-mixed"\]/);
    expect(p.message).toBe('"next" lists 2 node ids, "end-harmful" and "end-mixed", but one node follows this reply: "next" is one node id, or a list of routes (each a { } with a "to") of which the first whose "when" holds is taken.');
    expect(p.fix).toBe('To go on to one node, write "next": "end-harmful". To go one way or another by what has happened so far, write routes with a "when", the last without: "next": [{ "when": { "var": "trust", "gte": 60 }, "to": "end-harmful" }, { "to": "end-mixed" }]. To let the volunteer choose, point "next" at a decision whose replies lead to each.');
    // Either way the fix offers reads.
    expect(validateScenario(text.replace('["end-harmful", "end-mixed"]', '"end-harmful"'), 'x.json').problems).toEqual([]);
    expect(validateScenario(text.replace('["end-harmful", "end-mixed"]', '[{ "when": { "var": "trust", "gte": 60 }, "to": "end-harmful" }, { "to": "end-mixed" }]'), 'x.json').problems.filter((q) => q.severity === 'error')).toEqual([]);
  });
  it('a scene\'s says "this scene", and a third id is named too', () => {
    const { problems } = exampleWith('"next": "after-visit"', '"next": ["after-visit", "end-mixed", "end-strong"]');
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['invalid-next', expect.stringMatching(/^nodes\[\d+\]\.next$/)]]);
    expect(problems[0]?.message).toBe('"next" lists 3 node ids, "after-visit", "end-mixed" and "end-strong", but one node follows this scene: "next" is one node id, or a list of routes (each a { } with a "to") of which the first whose "when" holds is taken.');
  });
  // Found by the hostile walk: past 80 ids the list was two errors, "should be text in double
  // quotes" and "has too many items (at most 80)": an id's length limit, checked on the list.
  it('past 80 ids it is still one error, naming the first three and counting the rest', () => {
    const ids = Array.from({ length: 81 }, (_, i) => `"n${i}"`).join(', ');
    const { problems } = exampleWith('"next": "end-harmful"', `"next": [${ids}]`);
    expect(problems.map((p) => [p.code, formatPath(p.path).replace(/^.*\./, '')])).toEqual([['invalid-next', 'next']]);
    expect(problems[0]?.message).toBe('"next" lists 81 node ids, "n0", "n1", "n2" and 78 more, but one node follows this reply: "next" is one node id, or a list of routes (each a { } with a "to") of which the first whose "when" holds is taken.');
  });
  // Found by the authoring walk (authorwalk-45): a list naming an id twice named it twice ('"s1-opens-up",
  // "d2-next-time", "s1-opens-up" and 82 more'), and the routes its fix gave could lead to one node
  // both ways ('"to": "end-harmful" … { "to": "end-harmful" }').
  it('an id listed twice is named once, and the routes offered lead to two nodes', () => {
    const { text, problems } = exampleWith('"next": "end-harmful"', '"next": ["end-harmful", "end-harmful", "end-mixed"]');
    expect(problems.map((p) => [p.code, p.message, p.fix])).toEqual([['invalid-next',
      '"next" lists 3 node ids, 2 different: "end-harmful" and "end-mixed", but one node follows this reply: "next" is one node id, or a list of routes (each a { } with a "to") of which the first whose "when" holds is taken.',
      'To go on to one node, write "next": "end-harmful". To go one way or another by what has happened so far, write routes with a "when", the last without: "next": [{ "when": { "var": "trust", "gte": 60 }, "to": "end-harmful" }, { "to": "end-mixed" }]. To let the volunteer choose, point "next" at a decision whose replies lead to each.']]);
    expect(validateScenario(text.replace('["end-harmful", "end-harmful", "end-mixed"]', '[{ "when": { "var": "trust", "gte": 60 }, "to": "end-harmful" }, { "to": "end-mixed" }]'), 'x.json').problems.filter((q) => q.severity === 'error')).toEqual([]);
  });
  it('one id listed again and again: written once is the fix', () => {
    const { text, problems } = exampleWith('"next": "end-harmful"', '"next": ["end-harmful", "end-harmful"]');
    expect(problems.map((p) => [p.code, p.message, p.fix])).toEqual([['invalid-next',
      '"next" lists "end-harmful" 2 times, but one node follows this reply: "next" is one node id, or a list of routes (each a { } with a "to") of which the first whose "when" holds is taken.',
      'Write "next": "end-harmful", once and without the [ ].']]);
    expect(validateScenario(text.replace('["end-harmful", "end-harmful"]', '"end-harmful"'), 'x.json').problems).toEqual([]);
  });
  it('one id in [ ], or an id among routes, is still told at that item', () => {
    const one = exampleWith('"next": "end-harmful"', '"next": ["end-harmful"]').problems;
    expect(one.map((p) => [p.code, formatPath(p.path).replace(/^.*\./, '')])).toEqual([['invalid-next', 'next[0]']]);
    const mixed = exampleWith('"next": "end-harmful"', '"next": [{ "when": { "var": "trust", "gte": 60 }, "to": "end-mixed" }, "end-harmful"]').problems;
    expect(mixed.map((p) => [p.code, formatPath(p.path).replace(/^.*\./, '')])).toEqual([['invalid-next', 'next[1]']]);
  });
});

// A trainer writing a new scenario (author-46) wrote one route for "next", as routes are written,
// { "to": "d2-marcus" }: told only 'Write "next": "<node id>", or "next": [{ "when": …'.
describe('"next" written as one route in { }', () => {
  it('a route with only "to": the fix writes the id alone', () => {
    const { text, problems } = exampleWith('"next": "end-harmful"', '"next": { "to": "end-harmful" }');
    expect(problems.map((p) => [p.code, p.fix])).toEqual([['invalid-next', 'Write "next": "end-harmful", the id alone, without the { } and "to".']]);
    expect(validateScenario(text.replace('{ "to": "end-harmful" }', '"end-harmful"'), 'x.json').problems).toEqual([]);
  });
  it('a route with a "when": the fix puts it in a list, with the fallback the list ends on', () => {
    const { text, problems } = exampleWith('"next": "end-harmful"', '"next": { "when": { "var": "trust", "gte": 60 }, "to": "end-harmful" }');
    expect(problems.map((p) => [p.code, p.fix])).toEqual([['invalid-next', 'Routes go in a list in [ ], and the last has no "when", for when the others do not hold: "next": [{ "when": { "var": "trust", "gte": 60 }, "to": "end-harmful" }, { "to": "<id>" }].']]);
    expect(validateScenario(text.replace('{ "when": { "var": "trust", "gte": 60 }, "to": "end-harmful" }', '[{ "when": { "var": "trust", "gte": 60 }, "to": "end-harmful" }, { "to": "end-mixed" }]'), 'x.json').problems.filter((q) => q.severity === 'error')).toEqual([]);
  });
});

// Found by a trainer writing a new scenario (valid2-44): a grandmother declared in "characters",
// then never given a line or named, passed validate --strict; a volunteer never meets her.
describe('character-unused: a character declared who never speaks and is named in no text', () => {
  const GRANDMA = '{ "id": "grandma", "name": "Abuela Rosa", "role": "grandmother, Jade\'s caregiver" }';
  const withGrandma = (from?: string | RegExp, to = '') => {
    const { text } = exampleWith('{ "id": "jade", "name": "Jade", "role": "youth", "age": 15 }', `{ "id": "jade", "name": "Jade", "role": "youth", "age": 15 },\n    ${GRANDMA}`);
    const edited = from === undefined ? text : text.replace(from, to);
    if (from !== undefined) expect(edited).not.toBe(text);
    return { text: edited, problems: validateScenario(edited, 'x.json').problems };
  };
  it('is warned at the character\'s id, saying how a volunteer would meet them and offering a line, a mention or their removal', () => {
    const { text, problems } = withGrandma();
    expect(problems.map((p) => `${p.severity} ${p.code} ${formatPath(p.path)}`)).toEqual(['warning character-unused characters[1].id']);
    const [p] = problems as [Problem];
    expect(pointsAt(text, p)).toMatch(/^"grandma"/);
    expect(p.message).toBe('The character "grandma" ("Abuela Rosa") never speaks (no line has "character": "grandma") and no text names them ("Abuela Rosa", "Abuela" or "Rosa"), so a volunteer never meets them: "Who\'s who" lists a character once they have spoken or been named.');
    expect(p.fix).toBe('Give them a line where they take part, e.g. { "character": "grandma", "text": "…" }, or name them in a narration, a line, a reply or its feedback; if they have no part in this story, remove them from "characters".');
  });
  it('is not warned once they speak, or a text names them as "Who\'s who" reads a name (the whole name, or a word of a proper name)', () => {
    expect(withGrandma('"lines": [{ "character": "jade", "text": "Look,', '"lines": [{ "character": "grandma", "text": "Mija, eat first." }, { "character": "jade", "text": "Look,').problems).toEqual([]);
    expect(withGrandma('what Jade said.', 'what Jade said, and what Abuela Rosa will say.').problems).toEqual([]);
    expect(withGrandma('Jade keeps talking to you.', 'Jade keeps talking to you, and Rosa thanks you.').problems).toEqual([]);
  });
  it('a name only in author notes, in another character\'s entry, or inside another name does not count', () => {
    expect(withGrandma('"title": "After the visit",', '"title": "After the visit", "authorNotes": "Abuela Rosa comes in later drafts.",').problems.map((p) => p.code)).toEqual(['character-unused']);
    expect(withGrandma('"role": "youth", "age": 15', '"role": "youth", "age": 15, "description": "Lives with Abuela Rosa."').problems.map((p) => p.code)).toEqual(['character-unused']);
    expect(withGrandma('what Jade said.', 'what Jade said on Santa Rosa Avenue.').problems.map((p) => p.code)).toEqual(['character-unused']);
  });
  // "Who's who" counts what the volunteer is shown: a facilitator note and a discussion prompt are the
  // trainer's, and a volunteer practising alone never reads them.
  it('a name only in a facilitator note or a discussion prompt does not count', () => {
    expect(withGrandma('"Listen for whether the room treats the phone as proof of something."', '"Ask who has met someone like Abuela Rosa."').problems.map((p) => p.code)).toEqual(['character-unused']);
    expect(withGrandma('"Who do you talk to about a worry like this, and who do you not?"', '"Would you tell Abuela Rosa?"').problems.map((p) => p.code)).toEqual(['character-unused']);
  });
  it('is left unsaid while a line names a character that is not declared (that error may be the line meant for them)', () => {
    const { problems } = withGrandma('"lines": [{ "character": "jade", "text": "Look,', '"lines": [{ "character": "granma", "text": "Mija, eat first." }, { "character": "jade", "text": "Look,');
    expect(problems.map((p) => p.code)).toEqual(['unknown-character']);
  });
  // The texts are cleaned and split into words once per text written (cast.ts keeps them by text):
  // each repeat is read as written, whether it follows the same text or not.
  it('texts written again and again, one after another or not, are each read for names as written', () => {
    const unused = (narrations: string[]) => validateScenario(JSON.stringify({
      id: 'repeats', version: 1, title: 'Repeats', summary: 'Repeats.', contentNote: 'None.', estimatedMinutes: 5, learningGoals: ['non-judgmental'],
      characters: [{ id: 'maya', name: 'Maya', role: 'youth' }, { id: 'grandma', name: 'Abuela Rosa', role: 'grandmother' }], start: 'scene-0',
      nodes: [
        ...narrations.map((narration, i) => ({ id: `scene-${i}`, kind: 'scene', narration, next: i + 1 < narrations.length ? `scene-${i + 1}` : 'end' })),
        { id: 'end', kind: 'ending', ending: 'mixed', title: 'End', narration: 'It ends.', lines: [{ character: 'maya', text: 'Bye.' }] },
      ],
    }, null, 2), 'x.json').problems.filter((p) => p.code === 'character-unused').map((p) => formatPath(p.path));
    expect(unused(['You wait.', 'You wait again.', 'You wait.', 'You wait again.', 'Rosa waits.'])).toEqual([]);
    expect(unused(['You wait.', 'Rosa waits.', 'You wait.', 'Rosa waits.', 'Rosa waits.'])).toEqual([]);
    expect(unused(['You wait.', 'You wait again.', 'You wait.', 'You wait again.', 'You wait.'])).toEqual(['characters[1].id']);
  });
  it('lists the first 20 one by one and counts the rest in one more warning', () => {
    const many = [...Array(25).keys()].map((i) => `{ "id": "aunt-${i}", "name": "Aunt number ${i}", "role": "relative" }`).join(',\n    ');
    const { problems } = exampleWith('{ "id": "jade", "name": "Jade", "role": "youth", "age": 15 }', `{ "id": "jade", "name": "Jade", "role": "youth", "age": 15 },\n    ${many}`);
    expect(problems).toHaveLength(21);
    expect(problems.every((p) => p.code === 'character-unused')).toBe(true);
    expect(problems[20]?.message).toBe('5 more characters from here on never speak and are named in no text (the first 20 are listed one by one).');
    expect(formatPath(problems[20]?.path ?? [])).toBe('characters[21].id');
  });
});

// Found by valid4-44: an id holding a terminal colour code ("boyfriend-open\u001b[31m") was not
// taken for the id without it, as one holding a zero-width or non-breaking space is: the route
// naming "boyfriend-open" kept an unknown-node error of its own, and the fix offered
// "boyfriend-open-31m" (the code's letters made part of the id).
describe('a node id holding a terminal escape sequence or a control character', () => {
  it('is the id without it: the places naming that id are folded into the invalid-id error, and the fix offers it', () => {
    for (const [written, shown] of [
      ['boyfriend-open\\u001b[31m', 'boyfriend-open\\u001b[31m'],
      ['boyfriend-\\u001b[1mopen', 'boyfriend-\\u001b[1mopen'],
      ['boyfr\\u0007iend-open', 'boyfr\\u0007iend-open'],
    ] as const) {
      const { text, problems } = exampleWith('"id": "boyfriend-open"', `"id": "${written}"`);
      expect(problems.map((p) => p.code)).toEqual(['invalid-id']);
      const [p] = problems as [Problem];
      expect(p.message).toMatch(new RegExp(`^The text "${escapeRegExp(shown)}" is not a valid id: .* holds a hidden character, .* A route's "to" names "boyfriend-open" \\(line 37, column 60\\), meaning this node: it leads to no node until its id is "boyfriend-open"\\.$`));
      expect(p.fix).toMatch(/ Change it to "boyfriend-open": then the route's "to" that names it leads here\.$/);
      // eslint-disable-next-line no-control-regex -- no raw control character may reach a screen
      expect(`${p.message} ${p.fix}`).not.toMatch(/open-31m|-1mopen|boyfr-iend|[\u0000-\u001f]/);
      expect(validateScenario(text.replace(`"id": "${written}"`, '"id": "boyfriend-open"'), 'x.json').problems).toEqual([]);
    }
  });
  it('written into the file as it is (a raw ESC byte): one syntax error naming the sequence whole', () => {
    const { text, problems } = exampleWith('"id": "boyfriend-open"', '"id": "boyfriend-open\u001b[31m"');
    expect(problems.map((p) => p.code)).toEqual(['json-syntax']);
    const [p] = problems as [Problem];
    expect(pointsAt(text, p)?.startsWith('\u001b[31m"')).toBe(true);
    expect(p.message).toBe('Not valid JSON: a terminal\'s escape sequence "\\u001b[31m" is inside a text, invisible in most editors.');
    expect(p.fix).toBe('Delete all 5 of these characters: most editors do not show them (VS Code shows a small box, or "ESC"). Such characters come with text pasted from a terminal or another program.');
    expect(validateScenario(text.replace('\u001b[31m', ''), 'x.json').problems).toEqual([]);
  });
});

// Found by valid4-44: a "to" written with capitals naming a node that has no title was told
// "Change it to "boyfriend-open", the id of that the node."
describe('invalid-id at a reference written with capitals, naming a node without a title', () => {
  it('says "the id of that node"', () => {
    const { problems } = exampleWith('"to": "boyfriend-open"', '"to": "Boyfriend-Open"');
    expect(problems.map((p) => p.code)).toEqual(['invalid-id']);
    expect(problems[0]?.fix).toBe('Change it to "boyfriend-open", the id of that node.');
    // A node with a title is named by it, as before.
    expect(exampleWith('"next": "after-visit"', '"next": "After-Visit"').problems[0]?.fix).toBe('Change it to "after-visit", the id of the node "After the visit".');
  });
});

// Found by valid4-44: a raw control character (an ESC byte) on a line that also had a quote typed
// twice ("name": "Jade"",) hid the doubled quote: after "a control character is inside a text" the
// parser's own cascade followed ("a comma was expected", "unexpected character", …), and with the
// ESC outside the texts nothing but the ESC was reported. A control character is deleted whatever
// else is wrong, so it is reported, then the file is read as if it were gone.
describe('a raw control character on a line that also has another mistake', () => {
  const jade = '{ "id": "jade", "name": "Jade", "role": "youth", "age": 15 }';
  it('inside a text: the control character, then the doubled quote, each at its place; doing as both say clears them', () => {
    for (const [written, what] of [
      ['{ "id": "jade", "name": "Ja\u001bde"", "role": "youth", "age": 15 }', 'a control character is inside a text'],
      ['{ "id": "jade", "name": "Ja\u001b[1mde"", "role": "youth", "age": 15 }', 'a terminal\'s escape sequence "\\u001b[1m" is inside a text, invisible in most editors'],
      ['{ "id": "ja\u0007de", "name": "Jade"", "role": "youth", "age": 15 }', 'a control character is inside a text'],
    ] as const) {
      const { text, problems } = exampleWith(jade, written);
      expect(problems.map((p) => p.code)).toEqual(['json-syntax', 'syntax-extra-quote']);
      const [control, quote] = problems as [Problem, Problem];
      expect(control.message).toBe(`Not valid JSON: ${what}.`);
      // eslint-disable-next-line no-control-regex -- the character pointed at
      expect(pointsAt(text, control)).toMatch(/^[\u0000-\u001f]/);
      expect(pointsAt(text, quote)).toMatch(/^", "role"/);
      expect(quote.fix).toBe(`Remove the extra ", so that the line reads: ${jade}`);
      // eslint-disable-next-line no-control-regex -- every control character deleted, as the first error says
      expect(validateScenario(text.replace(/\u001b(?:\[1m)?|\u0007/, '').replace('"Jade""', '"Jade"'), 'x.json').problems).toEqual([]);
    }
  });
  it('outside the texts: the control character, then the doubled quote', () => {
    const { text, problems } = exampleWith(jade, '{ \u001b"id": "jade", "name": "Jade"", "role": "youth", "age": 15 }');
    expect(problems.map((p) => p.code)).toEqual(['json-syntax', 'syntax-extra-quote']);
    const [control, quote] = problems as [Problem, Problem];
    expect(control.message).toBe('Not valid JSON: unexpected character: an invisible control character "\\u001b" (U+001B).');
    expect(pointsAt(text, quote)).toMatch(/^", "role"/);
    expect(quote.fix).toBe(`Remove the extra ", so that the line reads: ${jade}`);
  });
  it('with no other mistake, one error for each text that holds any, counting the others in it', () => {
    const { problems } = exampleWith(jade, '{ "id": "jade", "name": "Ja\u001bd\u0000e", "role": "yo\tuth", "age": 15 }');
    expect(problems.map((p) => p.message)).toEqual(['Not valid JSON: a control character is inside a text. It holds 1 more such character after it.', 'Not valid JSON: a tab is inside a text.']);
  });
});

// Found by valid4-44: a raw ESC (what is left of a terminal's colour code) or a bell inside a text was
// told "Delete it (it is "\u001b"), or write \n for a new line": words meant for a line break.
describe('a raw control character inside a text: the fix says what it is and to delete it', () => {
  it.each([
    ['\u001b', 'Delete it (it is "\\u001b", an escape character, U+001B): what is left of a terminal\'s escape code (a colour, say), which has no place in a scenario. Most editors do not show it (VS Code shows a small box, or "ESC"). It comes with text pasted from a terminal.'],
    ['\u0007', 'Delete it (it is "\\u0007", a bell character, U+0007): no screen shows it, and it has no place in a scenario. Most editors do not show it (VS Code shows a small box). It comes with text pasted from another program.'],
    ['\u000c', 'Delete it (it is "\\u000c", a form feed, U+000C); if a new line was meant there, write \\n instead. Most editors do not show it (VS Code shows a small box).'],
  ])('%j', (c, fix) => {
    const { text, problems } = exampleWith('Look, finally', `Look, ${c}finally`);
    expect(problems.map((p) => [p.code, p.message, p.fix])).toEqual([['json-syntax', 'Not valid JSON: a control character is inside a text.', fix]]);
    expect(pointsAt(text, problems[0])?.startsWith(c)).toBe(true);
    expect(validateScenario(text.replace(c, ''), 'x.json').problems).toEqual([]);
  });
});

// Found by the authoring walk (authorwalk-45): two colour codes pasted from a terminal in one text
// ("\u001b[31m\u001b[1m") were told "It holds 1 more such character after it" and "Delete all 5 of
// these characters and the others": deleting the other ESC alone left "[1m" in the text, which then
// checked valid and showed to every volunteer.
describe('two raw escape sequences inside a text: the second is named whole', () => {
  it('the message names it, the fix says to delete it whole, and doing so leaves the file as it was', () => {
    const { text, problems } = exampleWith('Look, finally', 'Look, \u001b[31m\u001b[1mfinally');
    expect(problems.map((p) => [p.code, p.message, p.fix])).toEqual([['json-syntax',
      'Not valid JSON: a terminal\'s escape sequence "\\u001b[31m" is inside a text, invisible in most editors. It holds 1 more after it: the escape sequence "\\u001b[1m".',
      'Delete all 5 of these characters and the others after them, each escape sequence whole ("[1m" too, not the ESC alone): most editors do not show them (VS Code shows a small box, or "ESC"). Such characters come with text pasted from a terminal or another program.']]);
    expect(validateScenario(text.replace('\u001b[31m\u001b[1m', ''), 'x.json').problems).toEqual([]);
  });
  it('control characters alone are still counted as characters', () => {
    const { problems } = exampleWith('Look, finally', 'Look, \u0007\u0007finally');
    expect(problems[0]?.message).toBe('Not valid JSON: a control character is inside a text. It holds 1 more such character after it.');
  });
});

// Found by the validator wording walk (validwords-45): the same two escape sequences written as
// JSON escapes ("\\u001b[1mfinally\\u001b[0m", valid JSON, so invisible-character's warning) were told
// "It holds 1 more such character after it": deleting "\\u001b" alone left "[0m" on every screen.
describe('two escaped escape sequences in a text: the second is named whole', () => {
  it('the warning names it as an escape sequence, at the first, and the fix says to remove it whole', () => {
    const { text, problems } = exampleWith('Look, finally a phone', 'Look, \\u001b[1mfinally\\u001b[0m a phone');
    expect(problems.map((p) => [p.code, p.message, p.fix])).toEqual([['invisible-character',
      'This text holds a terminal escape sequence "\\u001b[1m" at character 7, after "Look,": the apps leave it out when they show the text (a terminal would act on it, changing colours, moving the cursor or setting its title; copied from a terminal, most likely). It holds 1 more after it: the escape sequence "\\u001b[0m".',
      'Remove the escape sequence: in the file it is written "\\u001b[1m". Remove the one after it too, whole ("\\u001b[0m", not "\\u001b" alone).']]);
    expect(pointsAt(text, problems[0])?.startsWith('\\u001b[1mfinally')).toBe(true);
    expect(validateScenario(text.replace('\\u001b[1m', '').replace('\\u001b[0m', ''), 'x.json').problems).toEqual([]);
  });
  it('with more after it, each is named, an escape sequence whole, and the fix says each whole', () => {
    const { problems } = exampleWith('Look, finally a phone', 'Look, \\u001b[1mfinally\\u200b\\u001b[0m a \\u001b[31mphone');
    expect(problems[0]?.message).toMatch(/ It holds 3 more after it: a zero-width space \(U\+200B\), the escape sequence "\\u001b\[0m" and the escape sequence "\\u001b\[31m"\.$/);
    expect(problems[0]?.fix).toMatch(/ Remove the others after it too, each escape sequence whole \("\\u001b\[0m", not "\\u001b" alone\)\.$/);
  });
  it('invisible characters alone are still counted as characters', () => {
    const { problems } = exampleWith('Look, finally a phone', 'Look, \\u001b[1mfinally a phone');
    expect(problems[0]?.message).not.toContain('more');
    expect(exampleWith('Look, finally a phone', 'Look, \\u200bfinally\\u200b a phone').problems[0]?.message).toMatch(/ It holds 1 more such character after it\.$/);
  });
});

// Found by valid4-44: "identifier" for a node's "id" was folded as a missing id ("Give it back its
// id, as the node's first line"), beside an unknown-field error saying to remove "identifier": two
// errors, and the one fix that mattered (rename it) said by neither.
describe('"identifier" written for "id"', () => {
  it('at a node: one unknown-field error, renaming it to "id", which takes in the places naming its text', () => {
    const { text, problems } = exampleWith('"id": "after-visit",', '"identifier": "after-visit",');
    expect(problems.map((p) => p.code)).toEqual(['unknown-field']);
    const [field] = problems as [Problem];
    expect(pointsAt(text, field)).toMatch(/^"identifier": "after-visit",$/);
    expect(field.message).toMatch(/^"identifier" is not a field of a decision node, which is missing "id"\. Did you mean "id"\? 2 places name "after-visit" \(line 66, column 15; line 72, column 15\), the id written here under "identifier": they lead to no node until it is written under "id"\. Until then, /);
    expect(field.fix).toBe('Rename "identifier" to "id", so that the line reads: "id": "after-visit", and the 2 places that name it then lead here.');
    expect(validateScenario(text.replace('"identifier":', '"id":'), 'x.json').problems).toEqual([]);
  });
  it('at a reply, a character and the scenario: renamed to "id" too', () => {
    for (const [from, to] of [
      ['"id": "phone-curious",', '"identifier": "phone-curious",'],
      ['{ "id": "jade", "name"', '{ "Identifier": "jade", "name"'],
      ['"id": "example-new-phone",', '"identifier": "example-new-phone",'],
    ] as const) {
      const { problems } = exampleWith(from, to);
      const field = problems.find((p) => p.code === 'unknown-field');
      expect(field?.fix).toMatch(/^Rename "[Ii]dentifier" to "id"/);
      expect(problems.filter((p) => p.code === 'missing-field')).toEqual([]);
    }
  });
});

// Found by valid4-44: "ID": "aftervisit" (the key and the id both written wrongly) was not folded:
// two unknown-node errors, no-way-to-end, and at each ending an unreachable warning saying to
// correct the "next" that names "after-visit" to the ending's id. When the text written there is
// the id the places name, written otherwise (its letters and digits the same, in the same order:
// capitals, hyphens, spaces or an underscore aside), that node is the one they mean.
describe('a node whose "id" is misspelt as a field holding the id the places name, written otherwise', () => {
  const until = ' Until then, no ending can be reached from "phone"; "end-strong", "end-mixed" and "end-harmful", where this node goes on to, are out of reach (nothing else leads there).';
  it('"ID": "aftervisit": the unknown-field error takes in the places naming "after-visit" and what follows, and gives the line to write', () => {
    for (const written of ['aftervisit', 'After Visit', 'after_visit']) {
      const { text, problems } = exampleWith('"id": "after-visit",', `"ID": "${written}",`);
      expect(problems.map((p) => p.code)).toEqual(['unknown-field']);
      const [field] = problems as [Problem];
      expect(field.message).toBe(`"ID" is not a field of a decision node, which is missing "id". Did you mean "id"? 2 places name "after-visit" (line 66, column 15; line 72, column 15), which is no node's id, and the id written here under "ID" is "${written}", the same id written otherwise: if this node is the one meant there, its id should be "after-visit".${until}`);
      expect(field.fix).toBe(`Rename "ID" to "id" and write the id as those places name it, so that the line reads: "id": "after-visit", and the 2 places that name it then lead here. If it is not the node meant there, rename "ID" to "id" all the same and correct those places to the id of the node meant.`);
      expect(validateScenario(text.replace(`"ID": "${written}",`, '"id": "after-visit",'), 'x.json').problems).toEqual([]);
    }
  });
  it('not when the text is another id ("visit-after"), nor when the places name two ids', () => {
    // The two places naming "after-visit" are one unknown-node error that counts them (validator-53).
    expect(exampleWith('"id": "after-visit",', '"ID": "visit-after",').problems.filter((p) => p.code === 'unknown-node').map((p) => p.repeats)).toEqual([2]);
    const { text } = exampleWith('"id": "after-visit",', '"ID": "aftervisit",');
    const { problems } = validateScenario(text.replace('{ "to": "boyfriend-guarded" }', '{ "to": "zzz-elsewhere" }'), 'x.json');
    expect(problems.filter((p) => p.code === 'unknown-node').map((p) => p.repeats)).toEqual([undefined, 2]);
  });
});

// Found by valid4-44: a node with "id": 7 and "ID": "after-visit" was told, at "ID", "Did you
// mean "id"?" and "Rename it to "id"", though the node has "id" already: renamed, the node would
// hold "id" twice.
describe('a field spelt like one its object has already', () => {
  it('"id": 7 beside "ID": "after-visit": says the node has "id" already, and to write the text there and remove "ID"', () => {
    const { text, problems } = exampleWith('"id": "after-visit",', '"id": 7, "ID": "after-visit",');
    expect(problems.map((p) => p.code)).toEqual(['wrong-type', 'unknown-field']);
    const [wrong, field] = problems as [Problem, Problem];
    expect(pointsAt(text, field)).toMatch(/^"ID": "after-visit",$/);
    // The place named is the "id" there (its name, as the message says the node has it).
    const at = `line ${wrong.line}, column ${wrong.column - '"id": '.length}`;
    expect(pointsAt(text, { line: wrong.line, column: wrong.column - '"id": '.length })).toMatch(/^"id": 7,/);
    expect(field.message).toBe(`"ID" is not a field of a decision node. It is spelt like "id", which this decision node has already (${at}), written as the number 7: a decision node has one "id".`);
    expect(field.fix).toBe(`Write its value at "id" (${at}), so that it reads: "id": "after-visit", and remove "ID".`);
    expect(`${field.message} ${field.fix}`).not.toContain('Rename');
    // The two fixes agree, and doing as they say clears both.
    expect(wrong.fix).toMatch(/so that the line reads: "id": "after-visit",/);
    expect(validateScenario(text.replace('"id": 7, "ID": "after-visit",', '"id": "after-visit",'), 'x.json').problems).toEqual([]);
  });
  it('beside a valid "id", or a reply\'s "Text" beside its "text": remove it, or put its value in the field first', () => {
    const { text, problems } = exampleWith('"id": "after-visit",', '"id": "after-visit", "ID": "visit",');
    expect(problems.map((p) => p.code)).toEqual(['unknown-field']);
    const id = text.indexOf('"id": "after-visit"');
    const line = text.slice(0, id).split('\n').length;
    const column = id - text.lastIndexOf('\n', id - 1);
    expect(problems[0]?.message).toBe(`"ID" is not a field of a decision node. It is spelt like "id", which this decision node has already (line ${line}, column ${column}): a decision node has one "id".`);
    expect(problems[0]?.fix).toBe(`Remove "ID"; if its value is the one meant, write it at "id" (line ${line}, column ${column}) in place of the one there.`);
    const reply = exampleWith('"text": "Say nothing about the phone and move on to school.",', '"text": "Say nothing about the phone and move on to school.", "Text": "Say nothing.",').problems;
    expect(reply.map((p) => p.code)).toEqual(['unknown-field']);
    expect(reply[0]?.message).toMatch(/^"Text" is not a field of a reply\. It is spelt like "text", which this reply has already \(line \d+, column \d+\): a reply has one "text"\.$/);
  });
});

// A text written as an empty list got two errors at one place (schemaagree-45): wrong-type, and
// "has 0 items; it needs at least 1", whose fix ("Add at least 1 item") keeps the list.
describe('a text written as an empty list', () => {
  it.each(['"title": ', '"narration": '])('%s[] is one wrong-type error, not also told to add an item', (field) => {
    const { problems } = exampleWith(new RegExp(`${escapeRegExp(field)}"[^"]*"`), `${field}[]`);
    expect(problems.map((p) => p.code)).toEqual(['wrong-type']);
    expect(problems[0]!.message).toMatch(/should be text in double quotes, but it is a list\.$/);
  });
  it('a list that must have items, written empty, is still told so', () => {
    const { problems } = exampleWith('"learningGoals": [', '"learningGoals": [], "x": [');
    expect(problems.map((p) => p.code)).toContain('too-few');
  });
});

// A reply whose id a node has too passed silently: a trainer who then wrote "next": "s2" meaning
// the node read messages and graphs where "s2" was an arrow's label and a box's name at once.
describe('reply-id-is-node-id: a reply with a node\'s id', () => {
  it('is warned at the reply\'s id, naming the node with its line and column, with a free id to write that clears it', () => {
    const { text, problems } = exampleWith('"id": "phone-accuse",', '"id": "boyfriend-guarded",');
    expect(problems.map((p) => p.code)).toEqual(['reply-id-is-node-id']);
    const [p] = problems;
    expect(p?.severity).toBe('warning');
    expect(pointsAt(text, p)).toBe('"boyfriend-guarded",');
    const node = text.indexOf('"id": "boyfriend-guarded",\n      "kind": "scene"');
    const line = text.slice(0, node).split('\n').length;
    const column = node - text.lastIndexOf('\n', node) + '"id": '.length;
    expect(p?.message).toBe(`The reply id "boyfriend-guarded" is the id of the scene "boyfriend-guarded" too (nodes[2], line ${line}, column ${column}): a "next" or a route's "to" naming "boyfriend-guarded" leads to that node, never to where this reply goes, and in the graph this reply's arrow and that node's box are both labelled "boyfriend-guarded".`);
    expect(p?.fix).toBe('Give the reply an id no node has, prefixed with its decision\'s id, e.g. "phone-boyfriend-guarded" (if volunteers have played this version, raise "version" too: a saved playthrough names its replies by id).');
    expect(validateScenario(text.replace('"id": "boyfriend-guarded",\n          "text"', '"id": "phone-boyfriend-guarded",\n          "text"'), 'x.json').problems).toEqual([]);
  });

  it('a reply with its own decision\'s id is said so, and the id offered is one no reply or node has', () => {
    const { problems } = exampleWith('"id": "after-wait",', '"id": "after-visit",');
    expect(problems.map((p) => p.code)).toEqual(['reply-id-is-node-id']);
    expect(problems[0]?.message).toMatch(/^The reply id "after-visit" is this decision's own id: a "next" or a route's "to" naming "after-visit" leads to this decision, never to where this reply goes, and in the graph this reply's arrow and the decision's box are both labelled "after-visit"\.$/);
    expect(problems[0]?.fix).toContain('e.g. "after-visit-reply"');
    // "-reply" taken by a node: the next free one.
    const taken = exampleWith(/"id": "after-wait",([^]*)"id": "end-harmful",/, '"id": "after-visit",$1"id": "after-visit-reply",').problems;
    expect(taken.find((p) => p.code === 'reply-id-is-node-id')?.fix).toContain('e.g. "after-visit-reply-2"');
  });

  // An id of 74 to 80 characters left no "-reply-k" short enough: every such reply was offered
  // "d2-listen" (a reply of another scenario, or one this file has), after 100 ids tried in vain.
  it('a long id is offered one of at most 80 characters, each reply its own, and writing them clears the warnings', () => {
    const [one, two] = ['one', 'two'].map((w) => `boyfriend-${'a'.repeat(65)}-${w}`) as [string, string];
    const good = readFixture('good/example.json').toString('utf8');
    const text = good.replaceAll('"boyfriend-open"', `"${one}"`).replaceAll('"boyfriend-guarded"', `"${two}"`)
      .replace('"id": "phone-accuse",', `"id": "${two}",`).replace('"id": "phone-ignore",', `"id": "${one}",`);
    const warned = validateScenario(text, 'x.json').problems;
    expect(warned.map((p) => p.code)).toEqual(['reply-id-is-node-id', 'reply-id-is-node-id']);
    const offered = warned.map((p) => /e\.g\. "([^"]*)"/.exec(p.fix ?? '')?.[1] ?? '');
    for (const id of offered) {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(id.length).toBeLessThanOrEqual(80);
      expect(text).not.toContain(`"${id}"`);
    }
    expect(new Set(offered).size).toBe(2);
    const written = text.replace(`"id": "${two}",\n          "text"`, `"id": "${offered[0]}",\n          "text"`).replace(`"id": "${one}",\n          "kind": "do"`, `"id": "${offered[1]}",\n          "kind": "do"`);
    expect(validateScenario(written, 'x.json').problems).toEqual([]);
  });

  it('a reply id repeated is one duplicate-id error, not a warning as well for the repeat', () => {
    const { problems } = exampleWith(/"id": "after-search",([^]*)"id": "after-wait",/, '"id": "end-mixed",$1"id": "end-mixed",');
    expect(problems.filter((p) => p.code === 'reply-id-is-node-id')).toHaveLength(1);
    expect(problems.filter((p) => p.code === 'duplicate-id')).toHaveLength(1);
  });
});

// { "and": [ … ] }: "A condition is missing "var"" beside the "and" error sent the trainer to add a
// "var" to the { } that should go; "and" is said once, with the trainer's own list to write.
describe('"and" or "or" in place of a condition\'s "var"', () => {
  it('is one unknown-field error at "and", not a missing "var" too', () => {
    const { problems } = exampleWith('{ "var": "trust", "gte": 60 }', '{ "and": [{ "var": "trust", "gte": 40 }, { "conduct": "score", "gte": 80 }] }');
    expect(problems.map((p) => `${p.code}: ${p.message} / ${p.fix}`)).toEqual([
      'unknown-field: "and" is not a field of a condition. There is no "and": for conditions that must all hold, write "when" as a list of the conditions "and" joins, each in its own { }: "when": [{ … }, { … }]. / Take out "and" and write "when" as a list of the conditions, each in its own { }: "when": [{ "var": "trust", "gte": 40 }, { "conduct": "score", "gte": 80 }].',
    ]);
    expect(exampleWith('{ "var": "trust", "gte": 60 }', '{ "or": [{ "var": "trust", "gte": 40 }, { "conduct": "score", "gte": 80 }] }').problems.map((p) => p.code)).toEqual(['unknown-field']);
    // A "var" still missing beside another field is said.
    expect(exampleWith('{ "var": "trust", "gte": 60 }', '{ "gte": 60 }').problems.map((p) => p.code)).toEqual(['missing-field']);
  });
});

// A "kind" spelt like one ('The text "decison" is not a node kind. Did you mean "decision"?') had a
// fix that listed all three kinds, as though the message had not guessed: the fix writes the kind
// guessed (and where the node's fields show another kind, that one too).
describe('node-kind: a "kind" spelt like one', () => {
  const nodeKind = (from: string | RegExp, to: string) => {
    const { text, problems } = exampleWith(from, to);
    const found = problems.filter((p) => p.code === 'node-kind');
    expect(found).toHaveLength(1);
    return { text, p: found[0] as Problem };
  };

  it.each([
    ['decison', 'decision', '"kind": "decision",', 'Write "kind": "decision" (it has "replies").'],
    ['Decision', 'decision', '"kind": "decision",', 'Write "kind": "decision", in lower case (it has "replies").'],
    ['sceen', 'scene', '"kind": "scene",', 'Write "kind": "scene" (it has "next" and no "replies").'],
    ['endign', 'ending', '"kind": "ending",', 'Write "kind": "ending" (it has "ending").'],
  ])('"%s": the fix writes "%s", the kind the message guesses, and doing so makes the file valid', (written, meant, line, fix) => {
    const { text, p } = nodeKind(line, `"kind": "${written}",`);
    expect(p.message).toBe(`The text "${written}" is not a node kind. Did you mean "${meant}"?`);
    expect(p.fix).toBe(fix);
    expect(pointsAt(text, p)).toMatch(new RegExp(`^"${written}",`));
    expect(validateScenario(text.replace(`"kind": "${written}",`, `"kind": "${meant}",`), 'x.json').problems).toEqual([]);
  });

  it('where the node\'s fields show another kind than the one guessed, the fix names both', () => {
    const { p } = nodeKind('"kind": "decision",', '"kind": "scen",');
    expect(p.message).toBe('The text "scen" is not a node kind. Did you mean "scene"?');
    expect(p.fix).toBe('Write "kind": "scene" if it is meant to be a scene, or "kind": "decision" if it is a decision (it has "replies").');
  });

  it('with no guess, the fix names the kind the fields show, or lists the kinds', () => {
    expect(nodeKind('"kind": "decision",', '"kind": "choice",').p.fix).toBe('Write "kind": "decision" (it has "replies").');
    // A node whose fields show no kind ("next" and "ending" both): each kind, with what it is.
    const { p } = nodeKind(/"kind": "ending",(\s*)"ending"/, '"kind": "finale", "next": "phone",$1"ending"');
    expect(p.message).toBe('The text "finale" is not a node kind.');
    expect(p.fix).toBe('Set "kind" to "scene" (narration, then the story moves on), "decision" (the volunteer chooses a reply) or "ending".');
  });
});

// A comment after a field's value or a field's name in single quotes, on line 8 of the worked
// example ("estimatedMinutes": 5), said "(top level)", which the guide explains as the file as a
// whole; in a node it named the node alone. The field the line writes is named.
describe('a comment or single quotes on a field\'s line: the path names the field', () => {
  const example = readFileSync(new URL('../../docs/examples/first-scenario.json', import.meta.url), 'utf8');
  it.each([
    ['"estimatedMinutes": 5,', '"estimatedMinutes": 5, // about', 'estimatedMinutes', 'comments are not allowed'],
    ['"estimatedMinutes": 5,', "'estimatedMinutes': 5,", 'estimatedMinutes', 'a single quote'],
    ['"id": "d1-greeting",', '"id": "d1-greeting", // the first decision', 'nodes[0].id', 'comments are not allowed'],
    ['"prompt": "What do you say first?",', "'prompt': \"What do you say first?\",", 'nodes[0].prompt', 'a single quote'],
  ])('%s written %s: %s', (from, to, path, says) => {
    const text = example.replace(from, to);
    expect(text).not.toBe(example);
    const problems = validateScenario(text, 'x.json').problems;
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['json-syntax', path]]);
    expect(problems[0]?.message).toContain(says);
  });
  it('a comment on a line of its own between the scenario\'s fields is still at the top level', () => {
    const problems = validateScenario(example.replace('  "estimatedMinutes": 5,', '  // five minutes\n  "estimatedMinutes": 5,'), 'x.json').problems;
    expect(problems.map((p) => [p.line, formatPath(p.path)])).toEqual([[8, '(top level)']]);
  });
});

// A comment or single quotes on line 8, inside a node, of a file over 2 MB said "(top level)": the
// place of a syntax error was worked out only for files up to 2 MB.
describe('a syntax error in a very large file', () => {
  const node = (error: string, narration: string) => `{
  "id": "x",
  "version": 1,
  "title": "T",
  "start": "a",
  "nodes": [
    {
      ${error}
      "id": "a",
      "kind": "scene",
      "narration": "${narration}"
    }
  ]
}
`;
  const long = 'word '.repeat(420_000);
  it.each([['a comment', '// first node', 'comments are not allowed', 'nodes[0]'], ['single quotes', "'title': \"T\",", 'a single quote', 'nodes[0].title']])('near its start (%s) names the node it is in', (_, error, says, path) => {
    const text = node(error, long);
    expect(text.length).toBeGreaterThan(2_000_000);
    const [p, ...more] = validateScenario(text, 'x.json').problems;
    expect(more).toEqual([]);
    expect(p?.message).toContain(says);
    expect([p?.line, p?.column]).toEqual([8, 7]);
    expect(formatPath(p?.path ?? [])).toBe(path);
    expect(p?.pathUnknown).toBeUndefined();
  });
  it('past its first 2,000,000 characters leaves the path out, not "(top level)"', () => {
    const text = node('', long).replace(`${long}"`, `${long}" // a comment`);
    expect(text.indexOf('// a comment')).toBeGreaterThan(2_000_000);
    const [p] = validateScenario(text, 'x.json').problems;
    expect(p?.message).toContain('comments are not allowed');
    expect(p?.pathUnknown).toBe(true);
    expect(formatProblem(p as Problem)).toMatch(/^x\.json:11:2100023 error \[json-syntax\] Not valid JSON: comments/);
  });
});

// Found by validator-54: a principle assessed 6 times in one reply was told "assessed twice", five
// times over (one warning at each assessment after the first, the five then grouped).
describe('a principle assessed more than twice in one reply: the real count, once', () => {
  const assessing = (principles: string[]) => exampleWith(
    /"assessments": \[\s*\{\s*"principle": "curious-not-interrogating",\s*"verdict": "violates"[^\]]*\]/,
    `"assessments": [${principles.map((p) => `{ "principle": "${p}", "verdict": "violates" }`).join(', ')}]`,
  );

  it('six times: one warning at the second, "assessed 6 times", naming the first and the others by line and column', () => {
    const { text, problems } = assessing(Array<string>(6).fill('curious-not-interrogating'));
    const dup = problems.filter((p) => p.code === 'duplicate-assessment');
    expect(dup).toHaveLength(1);
    const p = dup[0] as Problem;
    expect(formatPath(p.path)).toBe('nodes[0].replies[1].assessments[1]');
    // All six on one line: the columns of each "{".
    const line = text.split('\n')[p.line - 1] ?? '';
    const columns = [...line.matchAll(/\{ "principle"/g)].map((m) => (m.index ?? 0) + 1);
    expect(columns).toHaveLength(6);
    expect(p.column).toBe(columns[1]);
    const at = (c: number | undefined) => `line ${p.line}, column ${c}`;
    expect(p.message).toBe(`The principle "curious-not-interrogating" is assessed 6 times in this reply: first at ${at(columns[0])}; again here; then at ${columns.slice(2).map(at).join('; ')}.`);
    expect(p.message).not.toContain('twice');
    expect(p.fix).toBe('Keep one assessment of "curious-not-interrogating" in this reply and remove the other 5; to make it count more, set the weight of the one kept (1 to 3).');
  });

  it('eight times: the first four after this one named, the rest counted; two principles each said once', () => {
    const { problems } = assessing([...Array<string>(8).fill('curious-not-interrogating'), 'safety-is-priority', 'safety-is-priority']);
    const dup = problems.filter((p) => p.code === 'duplicate-assessment');
    expect(dup.map((p) => p.message.replace(/line \d+, column \d+/g, 'L'))).toEqual([
      'The principle "curious-not-interrogating" is assessed 8 times in this reply: first at L; again here; then at L; L; L; L, and 2 more.',
      'The principle "safety-is-priority" is assessed twice in this reply.',
    ]);
  });

  it('twice: said as before', () => {
    const { problems } = assessing(['curious-not-interrogating', 'curious-not-interrogating']);
    expect(problems.filter((p) => p.code === 'duplicate-assessment').map((p) => [p.message, p.fix])).toEqual([['The principle "curious-not-interrogating" is assessed twice in this reply.', 'Keep one assessment per principle and set its weight.']]);
  });
});

// Found by author-59: a route's condition written beside its "to", without "when" around it, was an
// error for each field: "var" told to be removed, and "gte" said to be "spelt like "to"" and to be
// removed too. Doing as told lost the condition, and the route became the one taken every time.
describe('a condition written beside a route\'s "to", without "when"', () => {
  it('is one error, at its first field, that writes the route out with the condition inside "when"', () => {
    const { text, problems } = exampleWith('{ "when": { "var": "trust", "gte": 60 }, "to": "boyfriend-open" }', '{ "var": "trust", "gte": 60, "to": "boyfriend-open" }');
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['unknown-field', 'nodes[0].replies[0].next[0].var']]);
    const [p] = problems;
    expect(pointsAt(text, p)).toMatch(/^"var": "trust"/);
    expect(p?.message).toBe('"var" and "gte" are fields of a condition, not of a route: a route\'s condition goes inside its "when".');
    expect(p?.fix).toBe('Write the route as { "when": { "var": "trust", "gte": 60 }, "to": "boyfriend-open" }.');
    // Writing what the fix says gives back the file as it was.
    expect(validateScenario(text.replace('{ "var": "trust", "gte": 60, "to": "boyfriend-open" }', '{ "when": { "var": "trust", "gte": 60 }, "to": "boyfriend-open" }'), 'x.json').problems).toEqual([]);
  });
  it('beside a "when" the route has already: the fix adds it to that "when", as a list', () => {
    const { problems } = exampleWith('{ "when": { "conduct": "score", "lt": 80 }, "to": "end-mixed" }', '{ "when": { "conduct": "score", "lt": 80 }, "conduct": "critical", "eq": 0, "to": "end-mixed" }');
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['unknown-field', 'nodes[3].replies[0].next[0].conduct']]);
    expect(problems[0]?.message).toBe('"conduct" and "eq" are fields of a condition, not of a route: a route\'s condition goes inside its "when", which this route has already.');
    expect(problems[0]?.fix).toBe('Write the route as { "when": [{ "conduct": "score", "lt": 80 }, { "conduct": "critical", "eq": 0 }], "to": "end-mixed" } (a "when" of two conditions or more is a list, and all of them must hold).');
  });
});

// Found by author-59: { "conduct": "score", "gte": 0.8 } written for 80%, as a spreadsheet writes it,
// guarded a strong ending from 1% up. strong-under-50 (or -80) said a poor score got in, and its fix
// said to add { "conduct": "score", "gte": 80 } to the "when" beside the 0.8; nothing named the 0.8.
describe('a score written as a fraction, and a strong ending guarded by too low a score', () => {
  const guardedAt = (score: string) => exampleWith('{ "when": { "conduct": "score", "lt": 80 }, "to": "end-mixed" },\n            { "to": "end-strong" }',
    `{ "when": { "conduct": "score", "gte": ${score} }, "to": "end-strong" },\n            { "to": "end-mixed" }`);
  it('0.8: a warning at the number, with the percentage to write, and the strong-ending problem names the condition to change', () => {
    const { text, problems } = guardedAt('0.8');
    expect(problems.map((p) => p.code)).toEqual(['strong-under-80', 'percentage-as-fraction']);
    const [strong, fraction] = problems;
    expect(pointsAt(text, fraction)).toMatch(/^0\.8 \}/);
    expect(fraction?.message).toBe('"score" is a percentage from 0 to 100, so "gte": 0.8 here means 0.8%, not 80%.');
    expect(fraction?.fix).toBe('Write the percentage, without the % sign: "gte": 80.');
    expect(strong?.message).toContain('whose "when" lets this score through: its { "conduct": "score", "gte": 0.8 } is too low a bar.');
    expect(strong?.fix).toBe('Change { "conduct": "score", "gte": 0.8 } in this route\'s "when" to { "conduct": "score", "gte": 80 } ("score" is a percentage from 0 to 100, written without the % sign: 80 for 80%, not 0.8); or put { "when": { "conduct": "score", "lt": 80 }, "to": "end-mixed" } before it; or make the poor replies on the way lead elsewhere.');
    // Doing as the fixes say clears both.
    expect(validateScenario(text.replace('"gte": 0.8 }', '"gte": 80 }'), 'x.json').problems).toEqual([]);
  });
  it('a whole percentage under 80 is named to change, with no word of fractions', () => {
    const { problems } = guardedAt('40');
    expect(problems.map((p) => p.code)).toEqual(['strong-under-80']);
    expect(problems[0]?.fix).toMatch(/^Change \{ "conduct": "score", "gte": 40 \} in this route's "when" to \{ "conduct": "score", "gte": 80 \}; or put/);
  });
});

// Found by author-59: a prohibited act assessed "follows" (its verdict the wrong way round) sent a
// 100% playthrough to the harmful ending, and harmful-at-90 said only "Check that the ending follows
// the volunteer's conduct", not which reply scored, nor that its verdict may be the mistake.
describe('harmful-at-90 names the last reply on the way when it scores points', () => {
  it('a prohibited act assessed "follows": its points and principle, and the verdict to check', () => {
    const { problems } = exampleWith('"assessments": [{ "principle": "no-investigating", "verdict": "violates", "weight": 3 }]', '"assessments": [{ "principle": "no-investigating", "verdict": "follows", "weight": 3 }]');
    const p = problems.find((q) => q.code === 'harmful-at-90');
    expect(p?.message).toMatch(/→ after-search\. Its last reply, "after-search" \(at "after-visit"\), scores \+3: it is assessed as following "no-investigating"\.$/);
    expect(p?.fix).toBe('Check that the ending follows the volunteer\'s conduct: a near-perfect playthrough rarely deserves a harmful ending. If "after-search" is the harmful act, its assessments should say so: "verdict": "violates" for the principle it goes against (a verdict of "follows" adds its weight to the score). If it is good practice, point its "next" at a strong or mixed ending.');
  });
});

// Found by author-59: one syntax error past the five shown was "(1 more syntax errors follow; …)";
// and with a hidden character in the file too, 1,496 more were counted as one, their count (written
// with a comma) not read, and left in the middle of a message.
describe('the count of syntax errors past the five shown', () => {
  const commasMissing = (n: number, hidden = '') => `{\n  "a":${hidden} 1,\n${Array.from({ length: n }, (_, i) => `  "f${i}": 1\n`).join('')}  "end": 1\n}\n`;
  const last = (text: string) => validateScenario(text, 'x.json').problems.at(-1)?.message;
  it('one more is "1 more syntax error follows"', () => {
    expect(last(commasMissing(6))).toBe('Not valid JSON: a comma was expected before the field "f5" (1 more syntax error follows; fix these first).');
  });
  it('past a thousand, with a hidden character, counted in full and said once, at the end', () => {
    const messages = validateScenario(commasMissing(1500, '\u200b'), 'x.json').problems.map((p) => p.message);
    expect(messages).toHaveLength(5);
    expect(messages.filter((m) => m.includes('more syntax error'))).toEqual(['Not valid JSON: a comma was expected before the field "f4" (1,496 more syntax errors follow; fix these first).']);
  });
});

// Found by author-59, as for a route's: a reply offered only at some trust, its condition written
// among its fields, was told "Remove it" for "var" and for "gte"; and the last route written
// { "else": "end-mixed" } was told to remove "else" and, apart, that the route has no "to".
describe('a reply\'s condition written among its fields, and a last route written with "else"', () => {
  it('a reply: one error, at "var", with the "when" to write in their place', () => {
    const { text, problems } = exampleWith('"id": "phone-curious",', '"id": "phone-curious",\n          "var": "trust", "gte": 40,');
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['unknown-field', 'nodes[0].replies[0].var']]);
    expect(problems[0]?.message).toBe('"var" and "gte" are fields of a condition, not of a reply: the condition under which a reply is offered goes inside its "when".');
    expect(problems[0]?.fix).toBe('Write "when": { "var": "trust", "gte": 40 } in their place.');
    expect(validateScenario(text.replace('"var": "trust", "gte": 40,', '"when": { "var": "trust", "gte": 40 },'), 'x.json').problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
  it('a reply\'s "principle" without "var" or "conduct" is still an assessment\'s', () => {
    const { problems } = exampleWith('"id": "phone-curious",', '"id": "phone-curious",\n          "principle": "youth-centered",');
    expect(problems[0]?.message).not.toContain('fields of a condition');
  });
  it.each(['else', 'otherwise', 'default'])('{ "%s": "boyfriend-guarded" } is one error: rename it to "to"', (word) => {
    const { problems } = exampleWith('{ "to": "boyfriend-guarded" }', `{ "${word}": "boyfriend-guarded" }`);
    expect(problems.map((p) => `${p.code} ${p.message} ${p.fix}`)).toEqual([`unknown-field "${word}" is not a field of a route, which is missing "to". Did you mean "to"? Rename "${word}" to "to".`]);
  });
});

// Found by author-59: { "conduct": "critical", "is": false } was told it had no comparison, and
// that "is" is not a conduct condition's field since one condition tests a variable or conduct,
// "not both: write two conditions in a list", though it named no variable.
describe('a conduct condition tested with "is"', () => {
  const guard = '{ "when": { "conduct": "score", "lt": 80 }, "to": "end-mixed" }';
  it('one error, with the comparison that means the same', () => {
    const { text, problems } = exampleWith(guard, '{ "when": { "conduct": "critical", "is": true }, "to": "end-mixed" }');
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['invalid-condition', 'nodes[3].replies[0].next[0].when']]);
    expect(problems[0]?.message).toBe('This condition tests "critical" with "is", which tests a yes/no flag; "critical" is a count, so it is compared with a number.');
    expect(problems[0]?.fix).toBe('Write { "conduct": "critical", "eq": 0 } for none so far ("is": false), or { "conduct": "critical", "gte": 1 } for one or more ("is": true).');
    // Written as the fix says, the condition is one (what it guards is another matter).
    expect(validateScenario(text.replace('{ "conduct": "critical", "is": true }', '{ "conduct": "critical", "gte": 1 }'), 'x.json').problems.filter((p) => p.path.includes('when'))).toEqual([]);
  });
  it('a score: a comparison with a number', () => {
    const { problems } = exampleWith(guard, '{ "when": { "conduct": "score", "is": false }, "to": "end-mixed" }');
    expect(problems.map((p) => p.fix)).toEqual(['Write a comparison in place of "is", e.g. { "conduct": "score", "gte": 80 }.']);
  });
  it('beside a comparison, "is" is still one field too many', () => {
    const { problems } = exampleWith(guard, '{ "when": { "conduct": "critical", "eq": 0, "is": false }, "to": "end-mixed" }');
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([['unknown-field', 'nodes[3].replies[0].next[0].when.is']]);
  });
});

// Found by author-59: the best reply assessed "violates" on a critical principle (its verdict the
// wrong way round) was told only to point its route at a harmful ending, which would make it worse.
describe('strong-after-critical at a reply that is itself the prohibited act', () => {
  it('says its verdict may be the mistake, as well as where to point it', () => {
    const p = validateScenario(readFixture('bad/strong-after-critical.json').toString('utf8'), 'x.json').problems.find((q) => q.code === 'strong-after-critical');
    expect(p?.message).toContain('The reply "after-search" is itself a prohibited activity: it violates "no-investigating"');
    expect(p?.fix).toBe('Point this route at a mixed or harmful ending, e.g. "end-harmful": a playthrough that does what the guide prohibits never ends strong. If "after-search" keeps to that rule instead, its assessment is the mistake: write "verdict": "follows" for "no-investigating".');
  });
});

// Found by author-59: a variant's "when" written as words for a fact of the story ("if he was
// pushed") was told 'Write "when": { "var": "trust", "gte": 60 }', with no way from the words to a
// condition. A text with a sign or a number (a comparison written another way) keeps its own fix.
describe('a "when" written as words for a fact of the story', () => {
  it('is told how a fact becomes a yes/no flag, set by a reply and tested here', () => {
    const { problems } = exampleWith('{ "when": { "var": "trust", "gte": 60 }, "to": "boyfriend-open" }', '{ "when": "if she trusts you", "to": "boyfriend-open" }');
    expect(problems.map((p) => p.code)).toEqual(['invalid-condition']);
    expect(problems[0]?.fix).toBe('A "when" tests a variable or the volunteer\'s conduct, written as an object, e.g. { "var": "trust", "gte": 60 } or { "conduct": "critical", "gte": 1 }. For a fact of the story, such as "if she trusts you", declare a yes/no flag in "variables" ({ "id": "<flag id>", "label": "…", "type": "flag", "start": false }), set it in the reply that makes it so ("effects": [{ "var": "<flag id>", "set": true }]), and test it here: "when": { "var": "<flag id>", "is": true }.');
    const sign = exampleWith('{ "when": { "var": "trust", "gte": 60 }, "to": "boyfriend-open" }', '{ "when": "trust is high >", "to": "boyfriend-open" }').problems;
    expect(sign[0]?.fix).not.toContain('a fact of the story');
  });
});

// Found by author-60 (left by author-59): "narator" for "narration" got no "Did you mean": three
// changes away, one more than a seven-letter word is allowed. With "rr" counted as one "r" it is two.
// In a scene with no lines it was also told the scene "has no narration": two errors for one slip.
describe('a field misspelt with a doubled letter left single, and a slip besides ("narator")', () => {
  it('in a decision, is told "Did you mean "narration"?" and to rename it', () => {
    const { problems } = exampleWith('"narration": "You meet Jade', '"narator": "You meet Jade');
    expect(problems.map((p) => [p.code, p.message])).toEqual([['unknown-field', '"narator" is not a field of a decision node. Did you mean "narration"?']]);
    expect(problems[0]?.fix).toMatch(/^Rename it to "narration" /);
  });
  it('in a scene with no lines, is one error, the rename, not also "this scene has no narration"', () => {
    const { text, problems } = exampleWith(/"lines": \[\{ "character": "jade", "text": "Someone gave it to me[^\n]*\],/, '"narator": "Jade shrugs and looks at her phone.",');
    expect(problems.map((p) => [p.code, p.message])).toEqual([['unknown-field', '"narator" is not a field of a scene node. Did you mean "narration"?']]);
    expect(pointsAt(text, problems[0])).toMatch(/^"narator"/);
  });
  it('in an ending, where "narration" is required, is the rename that says it is missing', () => {
    const { problems } = exampleWith('"narration": "Nothing bad happens', '"narator": "Nothing bad happens');
    expect(problems.map((p) => [p.code, p.message, p.fix])).toEqual([['unknown-field', '"narator" is not a field of an ending node, which is missing "narration". Did you mean "narration"?', 'Rename "narator" to "narration".']]);
  });
  it('a scene with neither, and no field spelt like either, is still empty-scene', () => {
    const { problems } = exampleWith(/"lines": \[\{ "character": "jade", "text": "Someone gave it to me[^\n]*\],/, '"story": "Jade shrugs and looks at her phone.",');
    expect(problems.map((p) => p.code).sort()).toEqual(['empty-scene', 'unknown-field']);
  });
  it('"dialogue" (or "dialog") for a scene\'s "lines" is told to be renamed "lines", one error', () => {
    const { problems } = exampleWith(/"lines": (\[\{ "character": "jade", "text": "Someone gave it to me[^\n]*\],)/, '"dialogue": $1');
    expect(problems.map((p) => [p.code, p.message])).toEqual([['unknown-field', '"dialogue" is not a field of a scene node. Did you mean "lines"?']]);
  });
});

// Found by author-60 (left by author-59): a condition written in words ("trust is at least 60",
// "no critical violations"), alone or joined with "and", was told only 'Write "when": { "var":
// "trust", "gte": 60 }', whatever it said; only signs ("trust >= 60") were written out. A text of
// more than 40 characters was named "text", not quoted.
describe('a "when" written in words', () => {
  const route = '{ "when": { "var": "trust", "gte": 60 }, "to": "boyfriend-open" }';
  const fixOf = (when: string) => {
    const { problems } = exampleWith(route, `{ "when": ${JSON.stringify(when)}, "to": "boyfriend-open" }`);
    expect(problems.map((p) => p.code)).toEqual(['invalid-condition']);
    return problems[0]!;
  };
  it.each([
    ['trust is at least 60', '{ "var": "trust", "gte": 60 }'],
    ['if trust is over 60', '{ "var": "trust", "gt": 60 }'],
    ['trust 60 or more', '{ "var": "trust", "gte": 60 }'],
    ["trust isn't 50", '{ "var": "trust", "ne": 50 }'],
    ["Jade's trust under 40", '{ "var": "trust", "lt": 40 }'],
    ['score 80% or more', '{ "conduct": "score", "gte": 80 }'],
    ['no critical violations', '{ "conduct": "critical", "eq": 0 }'],
    ['critical violations = 0', '{ "conduct": "critical", "eq": 0 }'],
    ['no prohibited act', '{ "conduct": "critical", "eq": 0 }'],
    ['after a critical violation', '{ "conduct": "critical", "gte": 1 }'],
  ])('%s is written out: %s', (when, written) => {
    expect(fixOf(when).fix).toBe(`Write "when": ${written}. Conditions are objects: gte (≥), gt (>), lte (≤), lt (<), eq (=), ne (≠).`);
  });
  it('joined with "and", is written out as the list, and the text is quoted however long', () => {
    const p = fixOf('trust is at least 60 and no critical violations');
    expect(p.message).toMatch(/^"when" should be a condition or a list of conditions, but it is the text "trust is at least 60 and no critical violations", which joins/);
    expect(p.fix).toMatch(/^Write "when": \[\{ "var": "trust", "gte": 60 \}, \{ "conduct": "critical", "eq": 0 \}\]\. A list of conditions must all hold\./);
  });
  it('with a fact of the story among them, gives the list with a flag for the fact, and how to make the flag', () => {
    // A fact written as an id, a flag not declared yet, is that flag's id.
    expect(fixOf('told-csw and trust at least 60').fix).toMatch(/^Write "when": \[\{ "var": "told-csw", "is": true \}, \{ "var": "trust", "gte": 60 \}\], where "is": true tests a yes\/no flag\. For the fact "told-csw", declare a yes\/no flag in "variables" \(\{ "id": "told-csw",/);
    expect(fixOf('trust over 60 and she told her CSW').fix).toBe('Write "when": [{ "var": "trust", "gt": 60 }, { "var": "<flag id>", "is": true }], where "is": true tests a yes/no flag. For the fact "she told her CSW", declare a yes/no flag in "variables" ({ "id": "<flag id>", "label": "…", "type": "flag", "start": false }), set it in the reply that makes it so ("effects": [{ "var": "<flag id>", "set": true }]). A list of conditions must all hold.');
  });
  it('words that say no number ("trust is high") or contradict themselves are not guessed at', () => {
    expect(fixOf('trust is high and no critical violations').fix).toBe('Write "when": { "var": "trust", "gte": 60 } or a list of such objects that must all hold.');
    expect(fixOf('trust at least 60 or less').fix).toBe('Write "when": { "var": "trust", "gte": 60 } or a list of such objects that must all hold.');
  });
});

// Found by author-60: effects written as text ("trust +15") were told only 'Use an object in braces:
// { … }.' (or a list in [ … ]), and { "trust": "+15" } to write { "var": "trust", "add": 10 }, and
// a condition { "trust": "> 70" } to write "gte": 60: not what the trainer wrote.
describe('effects written as text', () => {
  const effects = /"effects": \[\{ "var": "trust", "add": 10 \}\]/;
  it.each([
    ['"effects": "trust +15"', '"effects" should be a list of effects, but it is the text "trust +15".', 'Write "effects": [{ "var": "trust", "add": 15 }]: '],
    ['"effects": ["trust -10"]', 'Item 1 of "effects" should be an effect in braces, but it is the text "trust -10".', 'Write { "var": "trust", "add": -10 }: '],
    ['"effects": ["set trust to 50"]', 'Item 1 of "effects" should be an effect in braces, but it is the text "set trust to 50".', 'Write { "var": "trust", "set": 50 }: '],
    ['"effects": "Jade\'s trust + 5"', '"effects" should be a list of effects, but it is the text "Jade\'s trust + 5".', 'Write "effects": [{ "var": "trust", "add": 5 }]: '],
  ])('%s is written out', (written, message, fix) => {
    const { problems } = exampleWith(effects, written);
    expect(problems.map((p) => [p.code, p.message])).toEqual([['wrong-type', message]]);
    expect(problems[0]?.fix.startsWith(fix)).toBe(true);
  });
  // One error each, at the name (author-61): it was two, "missing var" at the { with the same fix.
  it('a variable written as the field, with its change or comparison as text, is told that change or comparison', () => {
    expect(exampleWith(effects, '"effects": [{ "trust": "+15" }]').problems.map((p) => p.fix)).toEqual(['Write { "var": "trust", "add": 15 }.']);
    expect(exampleWith('{ "when": { "var": "trust", "gte": 60 }', '{ "when": { "trust": "> 70" }').problems.map((p) => p.fix)).toEqual(['Write { "var": "trust", "gt": 70 }.']);
  });
  it('a text naming no declared variable keeps the general fix', () => {
    expect(exampleWith(effects, '"effects": "trsut +15"').problems.map((p) => p.fix)).toEqual(['Use a list in square brackets: [ … ].']);
  });
});

// Found by author-60: a route written as "if … then …", { "if": { … }, "then": "end-strong" }, was
// told '"then" … Did you mean "when"?' (by spelling: "then" is two letters from "when"), with a
// third error that the route is missing "to".
describe('a route written { "if": …, "then": … }', () => {
  it('is told to rename "if" to "when" and "then" to "to", one error each', () => {
    const { problems } = exampleWith('{ "when": { "var": "trust", "gte": 60 }, "to": "boyfriend-open" }', '{ "if": { "var": "trust", "gte": 60 }, "then": "boyfriend-open" }');
    expect(problems.map((p) => [p.code, p.message, p.fix])).toEqual([
      ['unknown-field', '"if" is not a field of a route. Did you mean "when"?', 'Rename it to "when" (the fields of a route: when, to).'],
      ['unknown-field', '"then" is not a field of a route, which is missing "to". Did you mean "to"?', 'Rename "then" to "to".'],
    ]);
  });
});

// Found by author-60: a route to a node named in words ("to": "the mixed ending") was told 'Use
// something like "the-mixed-ending"', an id no node has, which then got "add a node with the id
// "the-mixed-ending"": the filler word "the" kept the node's words from matching its id's.
describe('a node named in words where its id goes', () => {
  const route = '{ "when": { "conduct": "score", "lt": 80 }, "to": "end-mixed" }';
  it('is told the id of the node its words name', () => {
    const { problems } = exampleWith(route, '{ "when": { "conduct": "score", "lt": 80 }, "to": "the mixed ending" }');
    expect(problems.map((p) => p.code)).toEqual(['invalid-id']);
    expect(problems[0]?.fix).toMatch(/^Change it to "end-mixed", the id of the node "[^"]+", if that is the node meant: "to" names a node by its id\.$/);
  });
  it('written as an id, gets "Did you mean" that node, not only "add a node"', () => {
    const { problems } = exampleWith(route, '{ "when": { "conduct": "score", "lt": 80 }, "to": "the-mixed-ending" }');
    expect(problems.map((p) => p.code)).toEqual(['unknown-node']);
    expect(problems[0]?.message).toContain('Did you mean "end-mixed"');
  });
});

// Found by author-60: a line given to "narrator" (or to "you", the volunteer) was told to add a
// character with that id, who would then be shown speaking the narration (or the volunteer's words).
describe('a line whose "character" is the narrator or the volunteer', () => {
  const line = '"lines": [{ "character": "jade", "text": "Someone gave it to me. Whatever. Can we talk about something else?" }]';
  it('the narrator: told the text is narration, to move it there, not to add a character', () => {
    const { problems } = exampleWith(line, '"lines": [{ "character": "narrator", "text": "Jade shrugs." }]');
    expect(problems.map((p) => [p.code, p.message, p.fix])).toEqual([['unknown-character',
      'There is no character with the id "narrator": the narrator is not a character, and a line is what a character says. What is told, not said, is the node\'s "narration".',
      'Move the text into this node\'s "narration" ("narration": "Jade shrugs.", or after the narration it has), and remove the line.']]);
  });
  it('the volunteer: told the volunteer\'s words are a reply', () => {
    const { problems } = exampleWith(line, '"lines": [{ "character": "you", "text": "Okay." }]');
    expect(problems.map((p) => p.code)).toEqual(['unknown-character']);
    expect(problems[0]?.message).toContain('the volunteer is not a character');
    expect(problems[0]?.fix).toBe('If the volunteer says this, write it as a reply in a decision\'s "replies" ({ "id": "…", "text": "Okay.", … }); if someone else does, name their character (this scenario declares "jade").');
  });
  // "Narrator" was told 'Use something like "narrator"' (not an id: a capital), and only once it was
  // written so, on the next run, that the narrator is no character: two rounds for one mistake.
  it.each([['Narrator', 'the narrator is not a character'], ['You', 'the volunteer is not a character'], ['The Volunteer', 'the volunteer is not a character']])('written "%s", in capitals: the same, in one run', (who, words) => {
    const { problems } = exampleWith(line, `"lines": [{ "character": "${who}", "text": "Jade shrugs." }]`);
    expect(problems.map((p) => [p.code, p.message.split(': ')[0]])).toEqual([['unknown-character', `There is no character with the id "${who}"`]]);
    expect(problems[0]?.message).toContain(words);
    expect(problems[0]?.fix).toContain('"Jade shrugs."');
  });
});
