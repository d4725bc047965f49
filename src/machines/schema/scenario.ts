import { z } from 'zod';
import { getSection, languageRuleIds, languageRules, principleIds, principles } from '../guide.js';
import { MAX_ID_LENGTH, SLUG } from '../scenario-id.js';
import { isBlank, MAY_REMOVE } from '../text/clean.js';

/**
 * The single source of truth for the scenario format. The JSON Schema that editors use
 * (scenarios/scenario.schema.json) is generated from this file by `npm run schema`.
 */


/*
 * Editors (VS Code) show `patternErrorMessage` instead of "String does not match the pattern of
 * …", and `enumDescriptions` beside each value they offer: both are for trainers, not programmers.
 */

/** A lower-case id made of letters, digits and single hyphens ("youth-discloses", "d1-listen"). */
export const Id = z
  .string()
  .regex(SLUG, { message: 'must be lower-case letters, digits and single hyphens' })
  .max(MAX_ID_LENGTH)
  .meta({
    description: 'A lower-case id: letters, digits and single hyphens, e.g. "first-call".',
    patternErrorMessage: 'Ids use only lower-case letters a-z, digits and single hyphens between them, e.g. "d1-greeting": no spaces, capitals, underscores or accents.',
  });

/**
 * What the check that a text shows something says when it does not: the text is only escape
 * sequences, control or invisible characters, which every screen cleans away (text/clean.ts).
 */
export const INVISIBLE_ONLY = 'holds only characters that are not shown';

/** Text a learner or trainer reads: never empty, never executed, rendered as plain text. */
const Text = (max: number, description: string, extra: { examples?: string[] } = {}) =>
  z.string().min(1).max(max).regex(/\S/, { message: 'must not be blank' })
    // /\S/ passes "\u200b" or "\u001b[31m", shown as nothing (a meter without a name). (Not in the
    // JSON Schema: an editor's pattern cannot say it; the validator does.)
    // A text that starts with a visible ASCII character keeps it (as the quick path, conforms.ts,
    // reads it): cleaning every text was 40% of a parse of a whole scenario.
    .refine((s) => {
      const first = s.charCodeAt(0);
      return (first > 32 && first < 127) || !isBlank(s);
    }, { message: INVISIBLE_ONLY })
    .meta({
    description,
    patternErrorMessage: 'Write some text here: it cannot be empty or only spaces.',
    ...extra,
  });

/*
 * Whole items an editor (VS Code) offers with Ctrl+Space inside a list, to fill in with Tab: a
 * trainer starts from a complete reply or node instead of remembering its fields and commas.
 * "${n:…}" is a place to type, with what is there until then.
 */
const REPLY_SNIPPET = (n: number, id: string, verdict: 'follows' | 'violates') => ({
  id: `\${${n}:${id}}`,
  text: `\${${n + 1}:What the volunteer says.}`,
  assessments: [{ principle: `\${${n + 2}}`, verdict }],
  feedback: `\${${n + 3}:Why it helps or harms, in the guide's terms (Red Flags).}`,
  next: `\${${n + 4}:id-of-the-next-node}`,
});

/** What an editor shows for a principle id: its title, the section to cite and its rule, on one line. */
const principleHelp = (p: (typeof principles)[number], md: (s: string) => string, bold: (s: string) => string) => {
  const critical = p.severity === 'critical' ? '; critical: a prohibited activity, weight 3 when violated' : '';
  return `${bold(md(p.title))}${md(`. Cite as (${getSection(p.section)?.heading ?? p.section})${critical}. Rule: ${p.rule.replace(/\s+/g, ' ')}`)}`;
};

/**
 * "Curious, not interrogating. Cite as (Red Flags). Rule: …" for each principle, in the enum's
 * order: plain for enumDescriptions, Markdown (the title in bold) for VS Code's hover and list.
 */
const principleDescriptions = principles.map((p) => principleHelp(p, (s) => s, (s) => s));
const principleMarkdown = principles.map((p) => principleHelp(p, markdownText, (s) => `**${s}**`));

/**
 * What VS Code says for a principle id that is not one, instead of "Value is not accepted. Valid
 * values:" and all the ids. Only this value's message: other problems are still underlined.
 */
export const PRINCIPLE_ID_ERROR = 'Not a principle id: press Ctrl+Space for the list, or run validate for a did-you-mean.';

/** What a principle id is, said where one is asked for (validate's fix for a missing one quotes it). */
const PRINCIPLE_ID_WORDS = 'The id of a principle in scenarios/guide/principles.json (docs/authoring.md, section 9, lists them).';

/**
 * A principle id, with the editor's help for each id. Written once in the schema ($defs/principleId)
 * and referred to where an id is asked for: written out in each of its ten places, the help (each
 * principle's rule) made the schema 511 KB.
 */
const PrincipleId = z.enum(principleIds as [string, ...string[]]).meta({
  id: 'principleId',
  description: PRINCIPLE_ID_WORDS,
  enumDescriptions: principleDescriptions,
  markdownEnumDescriptions: principleMarkdown,
  errorMessage: PRINCIPLE_ID_ERROR,
});

const LanguageRuleId = z.enum(languageRuleIds as [string, ...string[]]).meta({
  description: 'The id of a language rule in scenarios/guide/language-rules.json.',
  enumDescriptions: languageRules.map((r) => `Allows ${r.terms.map((term) => `"${term}"`).join(', ')} here; elsewhere say "${r.suggestion}".`),
});

const AllowLanguage = z
  .array(LanguageRuleId)
  .min(1)
  .meta({
    description:
      'Language rules this text breaks on purpose (for example a character who says "AWOL" so the volunteer can respond). Only for this object\'s own text.',
  });

export const Character = z
  .strictObject({
    id: Id.meta({ description: 'Unique among the characters; each line names who speaks by this id: { "character": "maya", "text": "…" }.' }),
    name: Text(80, 'The name shown before the character\'s lines.'),
    // The labels the bundled set gives these roles, in the guide's words (docs/authoring.md section
    // 4, Characters; test/scenarios/content-review.test.ts holds the bundled set to them): offered by
    // the editor as values, so that a new scenario labels a CSW as the others do.
    role: Text(120, 'Who they are in the story, in the guide\'s words, labelled as the bundled scenarios label the same role: "youth", "CSW, Children\'s Social Worker at DCFS", "Advocate Supervisor, CASA of Los Angeles", "placement staff member" (not "group home staff"), "relative caregiver, her aunt" (Ctrl+Space offers these). Shown in parentheses after the name, so use commas, not parentheses, inside it.', {
      examples: ['youth', 'CSW, Children\'s Social Worker at DCFS', 'CSEC CSW at DCFS', 'Advocate Supervisor, CASA of Los Angeles', 'placement staff member', 'resource parent', 'dependency attorney at the Children\'s Law Center', 'defense attorney in the juvenile justice case', 'CSEC advocate, ZOE International'],
    }),
    age: z.int().min(0).max(120).optional().meta({ description: 'Age in years, if it matters to the scene.' }),
    description: Text(600, 'A sentence introducing the character: a facilitator can read it aloud, and volunteers see it under "Who\'s who" once the character has spoken or been named. Say who they are, not what happens later.').optional(),
  })
  .meta({
    description: 'A person in the scenario other than the volunteer.',
    defaultSnippets: [{ label: 'character', description: 'A person in the story.', body: { id: '${1:maya}', name: '${2:Maya}', role: '${3:youth}', age: '^${4:16}', description: '${5:A sentence a facilitator can read aloud.}' } }],
  });

export const Variable = z
  .strictObject({
    id: Id.meta({ description: 'Unique among the variables; effects and conditions name it with "var": { "var": "trust", "gte": 60 }.' }),
    label: Text(80, 'What the number measures, e.g. "Maya\'s trust", or what the yes/no flag records. Give each number a label of its own: meters and changes are told apart only by it.'),
    type: z.enum(['number', 'flag']).optional().meta({
      description: '"number" (default): a bounded whole number; "flag": a yes/no fact (true or false), e.g. whether the volunteer told the CSW.',
      enumDescriptions: ['A whole number between "min" and "max", such as trust from 0 to 100 (the default).', 'A yes/no fact: "start" is true or false; set it with "set": true, test it with "is": true.'],
    }),
    min: z.int().optional().meta({ description: 'Lowest value; effects never go below it. Required for a number, not allowed for a flag.' }),
    max: z.int().optional().meta({ description: 'Highest value; effects never go above it. Required for a number, not allowed for a flag.' }),
    start: z.union([z.int(), z.boolean()]).meta({ description: 'The value at the start of a playthrough: a whole number, or true / false for a flag.' }),
    shown: z.boolean().optional().meta({ description: 'Show this number to the learner as a meter (default false). Not for flags.' }),
  })
  .refine((v) => (v.type === 'flag'
    ? typeof v.start === 'boolean' && v.min === undefined && v.max === undefined && v.shown === undefined
    : typeof v.start === 'number' && v.min !== undefined && v.max !== undefined), {
    message: 'variable: a number needs whole-number "min", "max" and "start"; a yes/no flag ("type": "flag") has "start": true or false and no "min", "max" or "shown"',
  })
  .meta({
    description: 'A bounded whole number the story tracks, such as the youth\'s trust from 0 to 100, or a yes/no flag ("type": "flag").',
    defaultSnippets: [
      { label: 'trust (a number)', description: 'Trust from 0 to 100, starting at 50, shown as a meter.', body: { id: '${1:trust}', label: '${2:Maya\'s trust}', min: 0, max: 100, start: 50, shown: true } },
      { label: 'yes/no flag', description: 'A fact the story remembers, such as whether the volunteer told the CSW.', body: { id: '${1:told-csw}', label: '${2:You told the CSW}', type: 'flag', start: false } },
    ],
  });

const COMPARISONS = ['gte', 'gt', 'lte', 'lt', 'eq', 'ne'] as const;

/** What each comparison means, in words, for an editor's hover (a trainer does not read "gte"). */
const MEANING: Record<(typeof COMPARISONS)[number], string> = {
  gte: 'this number or more (≥, "greater than or equal")',
  gt: 'more than this number (>, "greater than")',
  lte: 'this number or less (≤, "less than or equal")',
  lt: 'less than this number (<, "less than")',
  eq: 'exactly this number (=, "equal")',
  ne: 'any value but this number (≠, "not equal")',
};

/** Each comparison in a few words, beside its name where a trainer is told to write it ("gte" is not a word a trainer knows). */
export const COMPARISON_GLOSS: Record<string, string> = { gte: 'at least', gt: 'more than', lte: 'at most', lt: 'less than', eq: 'equal to', ne: 'not equal to' };

/**
 * Fields a trainer writes in a condition for a comparison, and the comparison meant: its sign
 * (">=" for "gte") or a variable's own "min" and "max". validate's unknown-field says "Did you
 * mean" it (validate/schema-issues.ts), and so does the editor (withFieldHelp).
 */
export const GUESSED_COMPARISONS: Readonly<Record<string, (typeof COMPARISONS)[number]>> = {
  '>=': 'gte', '=>': 'gte', '≥': 'gte', '>': 'gt', '<=': 'lte', '=<': 'lte', '≤': 'lte', '<': 'lt',
  '=': 'eq', '==': 'eq', '===': 'eq', '!=': 'ne', '<>': 'ne', '≠': 'ne', '!==': 'ne',
  min: 'gte', max: 'lte',
};

/**
 * How conditions that must all hold are written, in the words said to a trainer who joined them
 * with "and" (a field "and", or a text "trust >= 60 and score >= 80"): the trainer's own conditions,
 * not an example of others. validate's fix then writes the list out, from what the trainer wrote.
 */
export const JOIN_AS_LIST = 'for conditions that must all hold, write "when" as a list of the conditions "and" joins, each in its own { }: "when": [{ … }, { … }].';

/**
 * What a field that belongs elsewhere means inside a condition, said by validate's unknown-field
 * after '"to" is not a field of a condition.' and by the editor (withFieldHelp) in the same words.
 */
export const CONDITION_FIELD_HINTS = {
  to: '"to" belongs to the route, not inside its "when": close the condition with } before it, e.g. { "when": { "var": "trust", "gte": 60 }, "to": "<id>" }.',
  or: 'There is no "or": to go to a node when one condition or another holds, write two routes to it, one for each condition.',
  and: `There is no "and": ${JOIN_AS_LIST}`,
} as const;

/**
 * A condition's fields written on a route, beside its "to" ({ "var": "trust", "gte": 60, "to": "x" }),
 * and what the editor says at each: validate says the same, with the trainer's route written out.
 */
export const ROUTE_CONDITION_FIELDS = ['var', 'conduct', 'principle', 'gte', 'gt', 'lte', 'lt', 'eq', 'ne', 'is'] as const;
export const ROUTE_CONDITION_WORDS = 'Not a field of a route: it is a field of a condition, and a route\'s condition goes inside its "when": { "when": { "var": "trust", "gte": 60 }, "to": "<id>" }.';
/** The same for a reply's condition written among its fields ("var" or "conduct" on the reply). */
export const REPLY_CONDITION_WORDS = 'Not a field of a reply: it is a field of a condition, and the condition under which a reply is offered goes inside its "when": "when": { "var": "trust", "gte": 60 }.';
/** The last route written with "else", "otherwise" or "default" for its "to". */
export const ROUTE_ELSE_WORDS = 'Not a field of a route: write "to". The route taken when no other is, is one with a "to" and no "when": { "to": "<id>" }.';

/**
 * Fields a trainer writes to score a reply, or to give an ending a score or a condition of its own,
 * by the object they are written in, with what the format does instead: said by validate's
 * unknown-field after '"score" is not a field of an ending node.' and by the editor (withFieldHelp)
 * in the same words. They were told only to remove the field, or the fields an ending can have,
 * which left the trainer who thought an ending set the score (or a reply its points) no wiser
 * (found by author-58). Matched in lower case.
 */
export const SCORING_FIELD_HINTS: Readonly<Record<'a reply' | 'an ending node', Readonly<Record<string, { why: string; how: string }>>>> = (() => {
  const assessment = '"assessments": [{ "principle": "youth-centered", "verdict": "follows", "weight": 2 }]';
  const replyPoints = { why: 'A reply\'s points are not written: they come from its "assessments", the weights of the principles it follows minus those it violates.', how: `Score it with ${assessment}.` };
  const assessmentField = (field: string) => ({ why: `${field} belongs inside one of the reply's "assessments", one for each principle the reply follows or violates.`, how: `For example ${assessment}.` });
  const endingScore = {
    why: 'An ending carries no points, and which ending a playthrough reaches does not change its score (the replies\' assessments make it).',
    how: 'To let only a good score end here, guard the route into this ending: { "when": { "conduct": "score", "gte": 80 }, "to": "<this ending\'s id>" }, before a last route with no "when".',
  };
  const endingWhen = {
    why: 'An ending has no condition of its own: the routes that lead to it decide who reaches it.',
    how: 'Put the condition on the route into it, { "when": { … }, "to": "<this ending\'s id>" }, or, for a closing text told only when it holds, in a variant: "variants": [{ "when": { … }, "narration": "…" }].',
  };
  return {
    'a reply': { score: replyPoints, points: replyPoints, value: replyPoints, weight: assessmentField('A weight'), verdict: assessmentField('A verdict'), principle: assessmentField('A principle') },
    'an ending node': { score: endingScore, points: endingScore, value: endingScore, weight: endingScore, percent: endingScore, when: endingWhen, condition: endingWhen, if: endingWhen },
  };
})();

/** The schema's words for a scene with neither "narration" nor "lines" (the validator's empty-scene). */
export const SCENE_NEEDS = 'a scene needs "narration" or at least one entry in "lines"';

/** A text that joins conditions with "and" (or "&&", "&"), as validate reads one (validate/schema-issues.ts). */
export const TEXT_AND_PATTERN = '\\s[aA][nN][dD]\\s|&';

/** What "and" written as an item of a list of conditions is told, after what it is (validate and the editor). */
export const LIST_AND_WORDS = 'a list of conditions holds when every one of them does, so no "and" goes between them: take it out, with its comma.';

/** "and" alone, as an item of a list of conditions. */
export const AND_ITEM_PATTERN = '^\\s*[aA][nN][dD]\\s*$';

/** What the editor says for a "when" written as such a text; validate says the same, quoting the text. */
export const TEXT_AND_WORDS = `"when" should be a condition or a list of conditions, but it is text that joins conditions with "and": ${JOIN_AS_LIST}`;

/** A comparison's number, described for a variable or for the measure named in "conduct". */
function bound(op: (typeof COMPARISONS)[number], subject: 'variable' | 'conduct') {
  return subject === 'variable'
    ? z.number().meta({ description: `Holds when the variable is ${MEANING[op]}: { "var": "trust", "${op}": 60 }.` })
    : z.number().meta({ description: `Holds when the measure named in "conduct" (a count, a percentage from 0 to 100 written without the % sign, 80 for 80% and not 0.8, or points) is ${MEANING[op]}.` });
}

/** The comparisons every condition may use, described for what it tests; several in one condition must all hold. */
const comparisons = (what: Parameters<typeof bound>[1]) => ({
  gte: bound('gte', what).optional(),
  gt: bound('gt', what).optional(),
  lte: bound('lte', what).optional(),
  lt: bound('lt', what).optional(),
  eq: bound('eq', what).optional(),
  ne: bound('ne', what).optional(),
});

export const VariableCondition = z
  .strictObject({
    var: Id.meta({ description: 'The id of a declared variable.' }),
    ...comparisons('variable'),
    is: z.boolean().optional().meta({ description: 'For a yes/no flag: true (yes) or false (no).' }),
  })
  .refine((c) => [...COMPARISONS, 'is'].some((op) => op in c), {
    message: 'needs at least one comparison: gte, gt, lte, lt, eq or ne (or "is" for a yes/no flag)',
  })
  .meta({
    // Written once in the schema ($defs) and referred to from each "when": with what the editor
    // says at a comparison written as a sign (withFieldHelp), eight copies of each made it 430 KB.
    id: 'variableCondition',
    description:
      'A test on one variable, e.g. { "var": "trust", "gte": 60 }. Several comparisons in one object must all hold.',
  });

/** What a conduct condition can read about the volunteer's replies so far. */
export const CONDUCT_MEASURES = ['critical', 'score', 'percent', 'points', 'violations'] as const;

export const ConductCondition = z
  .strictObject({
    conduct: z.enum(CONDUCT_MEASURES).meta({
      enumDescriptions: [
        'How many critical violations (the guide\'s prohibited activities) so far. { "conduct": "critical", "eq": 0 } guards a strong ending.',
        'The debrief\'s percentage so far: points as a percentage of the scenario\'s best total, at most 50 after a critical violation. { "conduct": "score", "gte": 80 } (the Strong band) guards a strong ending.',
        'Points so far as a percentage of the best the decisions met so far allowed (100 before any decision).',
        'Points so far.',
        'How many replies so far violated the principle named in "principle".',
      ],
      description:
        'What to test about the volunteer\'s replies so far: "critical" (how many critical violations, the guide\'s prohibited activities), "score" (the debrief\'s percentage so far: points as a percentage of the scenario\'s best total, at most 50 after a critical violation), "percent" (points so far as a percentage of the best achievable at the decisions met), "points" (points so far), or "violations" (how many replies so far violated the principle named in "principle").',
    }),
    principle: PrincipleId.optional().meta({ description: 'For "violations" only: the principle whose violations are counted.' }),
    ...comparisons('conduct'),
  })
  .refine((c) => COMPARISONS.some((op) => op in c), { message: 'needs at least one comparison: gte, gt, lte, lt, eq or ne' })
  .refine((c) => (c.conduct === 'violations') === (c.principle !== undefined), {
    message: '"principle" goes with "conduct": "violations", and only with it',
  })
  .meta({
    id: 'conductCondition',
    description:
      'A test on the volunteer\'s conduct so far, e.g. { "conduct": "critical", "gte": 1 } or { "conduct": "percent", "lt": 50 }. Checked after the reply, like variables.',
  });

/** A test on a variable or on the volunteer's conduct so far. */
export const Condition = z.union([VariableCondition, ConductCondition]).meta({
  description: 'A test on a variable ({ "var": … }) or on the volunteer\'s conduct so far ({ "conduct": … }).',
  defaultSnippets: [
    { label: 'a number (trust 60 or more)', description: 'Holds while the variable is at least this.', body: { var: '${1:trust}', gte: '^${2:60}' } },
    { label: 'a yes/no flag', description: 'Holds while the flag is true (or false).', body: { var: '${1:told-csw}', is: '^${2|true,false|}' } },
    { label: 'no critical violation', description: 'No prohibited activity so far: guards a strong ending.', body: { conduct: 'critical', eq: 0 } },
    { label: 'score 80% or more', description: 'The Strong band of the debrief so far: guards a strong ending.', body: { conduct: 'score', gte: 80 } },
  ],
});

/** One condition, or a list of conditions that must all hold. */
export const When = z.union([Condition, z.array(Condition).min(1)]).meta({
  description: 'A condition, or a list of conditions that must all hold.',
});

export const Effect = z
  .strictObject({
    var: Id.meta({ description: 'The id of a declared variable.' }),
    add: z.int().optional().meta({ description: 'Add this (negative to subtract); the result stays within min and max.' }),
    set: z.union([z.int(), z.boolean()]).optional().meta({ description: 'Set the variable to this value (true or false for a yes/no flag).' }),
  })
  .refine((e) => (e.add === undefined) !== (e.set === undefined), {
    message: 'needs exactly one of "add" or "set"',
  })
  .meta({
    description: 'A change to a variable when a reply is chosen or a scene is left, e.g. { "var": "trust", "add": 10 }.',
    defaultSnippets: [
      { label: 'change a number', description: 'Add to a number (a negative amount takes away).', body: { var: '${1:trust}', add: '^${2:10}' } },
      { label: 'set a yes/no flag', description: 'Record a yes/no fact.', body: { var: '${1:told-csw}', set: '^${2|true,false|}' } },
    ],
  });

export const Route = z
  .strictObject({
    when: When.optional(),
    to: Id.meta({ description: 'The id of the node to go to.' }),
  })
  .meta({
    description: 'Go to `to` if `when` holds (checked after the reply\'s or the scene\'s effects). The last route must have no `when`.',
    defaultSnippets: [
      { label: 'route with a condition', description: 'Taken when its condition holds.', body: { when: { var: '${1:trust}', gte: '^${2:60}' }, to: '${3:id-of-a-node}' } },
      { label: 'last route (no condition)', description: 'Taken when no route before it is: every list of routes ends with one.', body: { to: '${1:id-of-a-node}' } },
    ],
  });

/** A node id, or routes tried in order: the first whose `when` holds is taken. */
// The id branch has words of its own: an editor's hover over "next": "d2-aunty" shows the branch
// the value matched, which without them said only how ids are spelt.
// A value of neither type is told both in the trainer's terms ("text in double quotes, or a list"
// said nothing of ids or routes).
const NEXT_TYPE_ERROR = 'Should be the id of a node in double quotes, e.g. "d2-listen", or a list of routes in square brackets: [ { "when": { … }, "to": "…" }, { "to": "…" } ].';
export const Next = z.union([
  Id.meta({ description: 'Where the story goes next: the id of a scene, decision or ending. For a choice of ways, write a list of routes instead: [ { "when": { "var": "trust", "gte": 60 }, "to": "…" }, { "to": "…" } ].', errorMessage: NEXT_TYPE_ERROR }),
  z.array(Route).min(1).meta({ errorMessage: NEXT_TYPE_ERROR }),
]).meta({
  description:
    'Where the story goes next: a node id, or a list of routes tried in order (the first whose `when` holds is taken; the last must have no `when`).',
});

export const Assessment = z
  .strictObject({
    principle: PrincipleId,
    verdict: z.enum(['follows', 'violates']).meta({
      description: 'Whether the reply follows or violates the principle.',
      enumDescriptions: ['The reply does what the principle asks: its weight is added to the score.', 'The reply goes against the principle: its weight is taken off the score.'],
    }),
    weight: z.int().min(1).max(3).optional().meta({ description: 'How much it counts, 1 (default) to 3: 1 for a secondary point, 2 for the main point of the decision, 3 for a prohibited activity or the very best or worst move.', default: 1 }),
  })
  .meta({
    description: 'How a reply measures against one principle of the guide.',
    defaultSnippets: [{ label: 'assessment', description: 'A principle (Ctrl+Space lists them) and whether the reply follows or violates it.', body: { principle: '${1}', verdict: '${2|follows,violates|}' } }],
  });

export const Line = z
  .strictObject({
    character: Id.meta({ description: 'The id of a character.' }),
    text: Text(2000, 'What the character says, in their own voice, without quotation marks: the apps add them.'),
    allowLanguage: AllowLanguage.optional(),
  })
  .meta({
    description: 'A line spoken by a character.',
    defaultSnippets: [{ label: 'line', description: 'What a character says.', body: { character: '${1:character-id}', text: '${2:What they say, in their own voice.}' } }],
  });

/** Private notes for whoever writes or maintains the file: no player, debrief or report shows them. */
const AuthorNotes = Text(4000, 'Private notes for authors (why this is here, what to check, sources). Never shown to learners or in a room, nor in a debrief or report.');

export const Reply = z
  .strictObject({
    id: Id.meta({ description: 'Unique in the scenario; transcripts and saves refer to it.' }),
    text: Text(1000, 'What the volunteer says, written as speech without quotation marks (the apps add them), or (for kind "do") what the volunteer does.'),
    kind: z.enum(['say', 'do']).optional().meta({
      description: '"say" (default) for words, "do" for an action.',
      enumDescriptions: ['Words the volunteer says (the default).', 'Something the volunteer does, shown as "Do: …".'],
    }),
    when: When.optional().meta({ description: 'Offer this reply only while the condition holds.' }),
    hidden: z.boolean().optional().meta({
      description:
        'With "when": true leaves the reply out of the list entirely while its condition does not hold (instead of showing it as not available, which gives it away). Default false.',
    }),
    unavailableReason: Text(160, 'One line saying, in the story\'s words, why the reply is not available while its "when" does not hold, e.g. "you already called Mr. Dawson tonight". Shown after "Reply 3 is not available now:", so start it in lower case (a name aside) and leave out the full stop. Only for a reply with a "when" that is not "hidden".').optional(),
    effects: z.array(Effect).optional().meta({ description: 'Changes to variables when this reply is chosen, applied before its routes are checked.' }),
    assessments: z.array(Assessment).meta({ description: 'How this reply measures against the guide\'s principles.' }),
    feedback: Text(2000, 'Why the reply helps or harms, in the guide\'s terms, naming the principle and citing its guide section by the heading in parentheses, exactly as the guide prints it: "… (Red Flags)." Several: "(Court Report; What is CSEC?)".'),
    next: Next,
    allowLanguage: AllowLanguage.optional(),
    authorNotes: AuthorNotes.optional(),
  })
  .meta({
    description: 'One thing the volunteer can say or do at a decision.',
    defaultSnippets: [{ label: 'reply', description: 'A reply with its assessment, feedback and next node.', body: REPLY_SNIPPET(1, 'd1-reply', 'follows') }],
  });

const Narration = Text(4000, 'What happens, told to the learner in the present tense.');
const Lines = z.array(Line).meta({ description: 'What characters say, in order: { "character": "<character id>", "text": "…" }.' });
const NodeId = Id.meta({ description: 'Unique among the nodes; "next", routes and "start" refer to it.' });
const FacilitatorNote = Text(2000, 'For the trainer leading a room: what to watch for or draw out here. Assume the room may see it too: a reveal shows it on the projector.');
const DiscussionPrompt = Text(1000, 'A question the trainer can put to the room before revealing the answers.');
const NodeTitle = Text(120, 'A short title for this node, shown in graphs and transcripts (and for a decision, as its heading).');

/**
 * What VS Code says for a "kind" that is none of the three ("narration", "Decision"), instead of
 * 'Value must be "scene".' (the kind of whichever node its fields fitted best).
 */
export const NODE_KIND_ERROR = 'Not a node kind: write "scene", "decision" or "ending", in lower case.';

/**
 * The help for a node's "kind", the same three kinds first in each: in a new node's empty { } the
 * editor offers the fields of all three kinds, with the scene's help for "kind" (which said only
 * "A scene: …"); once "kind" is written it offers only that kind's fields.
 */
const kindWords = (thisOne: string) =>
  `The kind of node: "scene", "decision" or "ending" (write it first: Ctrl+Space then offers only that kind's fields). This one is ${thisOne}.`;

export const SceneNode = z
  .strictObject({
    id: NodeId,
    kind: z.literal('scene').meta({ errorMessage: NODE_KIND_ERROR, description: kindWords('a scene: "narration" and/or "lines", then the story moves on to "next"') }),
    title: NodeTitle.optional(),
    narration: Narration.optional(),
    lines: Lines.optional(),
    effects: z.array(Effect).optional().meta({
      description: 'Changes to variables when the learner continues from this scene, applied before its routes are checked (as a reply\'s effects are before its routes).',
    }),
    next: Next,
    facilitatorNote: FacilitatorNote.optional(),
    discussionPrompt: DiscussionPrompt.optional(),
    allowLanguage: AllowLanguage.optional(),
    authorNotes: AuthorNotes.optional(),
  })
  .refine((n) => n.narration !== undefined || (n.lines?.length ?? 0) > 0, {
    message: SCENE_NEEDS,
  })
  .meta({ description: 'Narration and/or lines, then the story moves on.' });

/**
 * The most replies a decision may have: a phone in a live room names a reply by the number it is
 * shown with, and the room accepts numbers up to this (ReplyHandle in room/protocol.ts).
 */
export const MAX_REPLIES = 1000;

export const DecisionNode = z
  .strictObject({
    id: NodeId,
    kind: z.literal('decision').meta({ errorMessage: NODE_KIND_ERROR, description: kindWords('a decision: the volunteer picks one of two or more "replies", each with its own "next"') }),
    title: NodeTitle.optional(),
    narration: Narration.optional(),
    lines: Lines.optional(),
    prompt: Text(300, 'The question put to the volunteer (default "What do you say or do?").').optional(),
    replies: z.array(Reply).min(2).max(MAX_REPLIES).meta({ description: `The two or more things the volunteer can say or do here (at most ${MAX_REPLIES}, the most a live room can number; three or four are best).` }),
    facilitatorNote: FacilitatorNote.optional(),
    discussionPrompt: DiscussionPrompt.optional(),
    allowLanguage: AllowLanguage.optional(),
    authorNotes: AuthorNotes.optional(),
  })
  .meta({ description: 'A moment where the volunteer picks one of two or more replies.' });

export const EndingVariant = z
  .strictObject({
    when: When.meta({ description: 'When this closing text is told: variables and conduct at the end of the playthrough.' }),
    narration: Narration,
  })
  .meta({
    description: 'Another closing text for this ending, told instead of "narration" when `when` holds.',
    defaultSnippets: [{ label: 'variant', description: 'A closing text for the playthroughs its condition holds for.', body: { when: { var: '${1:told-csw}', is: '^${2|true,false|}' }, narration: '${3:How it turned out, for this playthrough.}' } }],
  });

export const EndingNode = z
  .strictObject({
    id: NodeId,
    kind: z.literal('ending').meta({ errorMessage: NODE_KIND_ERROR, description: kindWords('an ending: "ending" (strong, mixed or harmful), a "title" and a closing "narration", then the debrief') }),
    ending: z.enum(['strong', 'mixed', 'harmful']).meta({
      // "How the story turned out." alone: a trainer took the ending for what sets the score (author-58).
      description: 'How the story turned out: it colours the ending in the graph and is shown in the debrief. It does not change the score (the replies\' assessments make it): the routes that lead here decide who reaches it, e.g. a strong ending guarded with { "when": { "conduct": "score", "gte": 80 }, "to": "end-strong" }.',
      enumDescriptions: [
        'Where the best replies lead. No playthrough with a critical violation or under 50% may reach it, and one under 80% (its outcome band Developing) is warned about.',
        'Where a mix of good and poor replies leads.',
        'Where the worst replies (especially a critical violation) lead.',
      ],
    }),
    title: NodeTitle,
    narration: Narration,
    variants: z.array(EndingVariant).min(1).optional().meta({
      description: 'Closing texts that depend on how the playthrough went: the first whose `when` holds replaces "narration".',
    }),
    lines: Lines.optional(),
    allowLanguage: AllowLanguage.optional(),
    authorNotes: AuthorNotes.optional(),
  })
  .meta({ description: 'The end of a playthrough, with a closing narrative.' });

export const ScenarioNode = z.discriminatedUnion('kind', [SceneNode, DecisionNode, EndingNode]);

export const Scenario = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'Path to scenario.schema.json, for editors.' }),
    id: Id.meta({ description: 'Unique id of the scenario; also its file name without ".json".' }),
    // "examples" and "default" are what VS Code types in when the field is picked from its list
    // (without them, 0: an error in version, estimatedMinutes and weight the moment it is typed).
    version: z.int().min(1).meta({ description: 'Start at 1, and raise it when you change the story; old saves are then refused.', examples: [1] }),
    title: Text(120, 'The title shown in the scenario picker.'),
    summary: Text(600, 'One or two sentences shown in the picker.'),
    contentNote: Text(600, 'The difficult topics that appear, shown before the scenario starts so a volunteer can prepare or choose another. Name the topics plainly, and say when something is referred to but not described.'),
    estimatedMinutes: z.int().min(1).max(240).meta({ description: 'About how long one playthrough takes, in minutes (1 to 240).', examples: [10] }),
    learningGoals: z.array(PrincipleId).min(1).meta({ description: 'The principles this scenario practises.' }),
    characters: z.array(Character).min(1).meta({ description: 'Everyone in the story other than the volunteer (the replies are the volunteer\'s words).' }),
    variables: z.array(Variable).optional().meta({ description: 'Numbers (such as trust) and yes/no flags the story keeps; effects change them and conditions test them.' }),
    shuffleReplies: z.boolean().optional().meta({
      description:
        'Show each decision\'s replies in an order shuffled per playthrough (default true), so the position of the best reply never becomes an answer key. Set false only when the file order itself matters, e.g. replies that read as a sequence.',
    }),
    start: Id.meta({ description: 'The id of the first node.' }),
    nodes: z.array(ScenarioNode.meta({
      defaultSnippets: [
        { label: 'scene', description: 'Narration, then the story moves on.', body: { id: '${1:s1-id}', kind: 'scene', narration: '${2:What happens, in the present tense.}', next: '${3:id-of-the-next-node}' } },
        {
          label: 'decision', description: 'The volunteer picks one of the replies (three or four are best).',
          body: {
            id: '${1:d1-id}', kind: 'decision', title: '${2:A short title}', narration: '${3:What happens, in the present tense.}',
            facilitatorNote: '${4:What a trainer should listen for here.}', discussionPrompt: '${5:A question for the room.}',
            replies: [REPLY_SNIPPET(6, 'd1-best', 'follows'), REPLY_SNIPPET(11, 'd1-wrong', 'violates')],
          },
        },
        { label: 'ending', description: 'The closing narrative: strong, mixed or harmful.', body: { id: '${1:end-id}', kind: 'ending', ending: '${2|strong,mixed,harmful|}', title: '${3:A short title}', narration: '${4:How it turned out, for the youth and the case.}' } },
      ],
    })).min(1).meta({ description: 'The scenes, decisions and endings, in any order (story order reads best).' }),
    authorNotes: AuthorNotes.optional(),
  })
  .meta({
    title: 'casa-practice scenario',
    description: 'A practice scenario for CASA volunteers, scored against the CSEC in-service guide.',
  });

export type Scenario = z.output<typeof Scenario>;
export type ScenarioNode = z.output<typeof ScenarioNode>;
export type SceneNode = z.output<typeof SceneNode>;
export type DecisionNode = z.output<typeof DecisionNode>;
export type EndingNode = z.output<typeof EndingNode>;
export type Reply = z.output<typeof Reply>;
export type Route = z.output<typeof Route>;
export type Next = z.output<typeof Next>;
export type Condition = z.output<typeof Condition>;
export type VariableCondition = z.output<typeof VariableCondition>;
export type ConductCondition = z.output<typeof ConductCondition>;
export type ConductMeasure = ConductCondition['conduct'];
export type When = z.output<typeof When>;
export type Effect = z.output<typeof Effect>;
export type Assessment = z.output<typeof Assessment>;
export type Line = z.output<typeof Line>;
export type Variable = z.output<typeof Variable>;
export type Character = z.output<typeof Character>;
export type EndingKind = EndingNode['ending'];

/** The JSON Schema editors use for autocomplete and checking. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return withMarkdown(withReservedIds(withConditionChoice(withFiniteNumbers(withWholeNumbers(withFlagComparisons(withTextLists(withFewItems(withTypeMessages(withFieldHelp(schema))))))))));
}

/** What a list with too few items is told, by its field's name (see withFewItems). */
const FEW_ITEMS_WORDS: Record<string, string> = {
  learningGoals: 'List at least one principle this scenario practises: Ctrl+Space inside the [ ] offers the principle ids.',
  characters: 'List at least one character, everyone in the story other than the volunteer: Ctrl+Space inside the [ ] offers a whole character to fill in.',
  nodes: 'List the scenario\'s scenes, decisions and endings, at least one: Ctrl+Space inside the [ ] offers a whole node to fill in.',
  replies: 'A decision needs at least 2 replies to choose from, each with its own "next": Ctrl+Space inside the [ ] offers a whole reply to fill in.',
  next: 'An empty list of routes leads nowhere: write the id of a node, "next": "d2-listen", or the routes, [ { "when": { … }, "to": "…" }, { "to": "…" } ].',
  when: 'An empty list of conditions tests nothing: write at least one condition in the [ ], e.g. [{ "conduct": "critical", "eq": 0 }], or the one condition without the [ ].',
  variants: 'An empty list of variants: remove "variants", or write at least one, { "when": { … }, "narration": "…" }.',
  allowLanguage: 'An empty list allows nothing: remove "allowLanguage", or list the language-rule ids this text uses on purpose (Ctrl+Space inside the [ ] offers them).',
};

/**
 * A list with fewer items than it needs ("replies" with one, "learningGoals": []) was told 'Array
 * has too few items. Expected 2 or more.': a trainer does not say "array", and nothing said what
 * goes in it. VS Code has no words of a schema's own for "minItems", so each becomes a rule that
 * refuses a shorter list in words of the field's own (FEW_ITEMS_WORDS). The schema accepts exactly
 * what it did. (Not in a rule's test, "if": the scene's "lines" there is no list a trainer writes.)
 */
function withFewItems(schema: Record<string, unknown>): Record<string, unknown> {
  // The rule goes on the field itself: on a list that is one of two types ("next": an id or a list
  // of routes), VS Code would say the other type's words, the first of two that both fail.
  const few = (key: string, field: Record<string, unknown>, list: Record<string, unknown>) => {
    if (typeof list.minItems !== 'number') return;
    const words = FEW_ITEMS_WORDS[key];
    if (words === undefined) throw new Error(`"${key}" needs at least ${list.minItems} items, and FEW_ITEMS_WORDS has no words for fewer`);
    field.allOf = [...((field.allOf as unknown[] | undefined) ?? []), { if: { type: 'array', maxItems: list.minItems - 1 }, then: { not: {}, errorMessage: words } }];
    delete list.minItems;
  };
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== 'object' || value === null) return;
    const o = value as Record<string, unknown>;
    for (const [key, field] of Object.entries((o.properties as Record<string, Record<string, unknown>> | undefined) ?? {})) {
      for (const list of [field, ...((field.anyOf as Record<string, unknown>[] | undefined) ?? [])]) few(key, field, list);
    }
    for (const [key, v] of Object.entries(o)) if (key !== 'defaultSnippets' && key !== 'if') walk(v);
  };
  walk(schema);
  return schema;
}

const TEXT_BLANK_WORDS = 'Write some text here: it cannot be empty or only spaces.';
/** Texts always shown on one line (as validate/texts.ts ONE_LINE_TEXTS). */
const ONE_LINE_TEXT_KEYS = new Set(['title', 'name', 'role', 'label', 'unavailableReason']);

/**
 * A text written as a list of texts ("narration": ["First paragraph.", "Second."]) was underlined
 * 'Should be text in double quotes.', which each of them was (found by author-57). A list at a
 * text now says to join them into one. The list is let past the type ("string" or "array", the
 * string first, so that the editor still completes the field with "") to be refused by a "not"
 * with these words alone: the schema accepts exactly what it did.
 */
function withTextLists(schema: Record<string, unknown>): Record<string, unknown> {
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== 'object' || value === null) return;
    const o = value as Record<string, unknown>;
    if (typeof o.properties === 'object' && o.properties !== null) {
      for (const [key, field] of Object.entries(o.properties as Record<string, Record<string, unknown>>)) {
        if (field.type !== 'string' || field.patternErrorMessage !== TEXT_BLANK_WORDS || field.if !== undefined) continue;
        const join = ONE_LINE_TEXT_KEYS.has(key) ? 'with a space between them (it is shown on one line)' : 'with \\n\\n where a new paragraph starts';
        Object.assign(field, { type: ['string', 'array'], if: { type: 'array' }, then: { not: {}, errorMessage: `Should be one text in double quotes, not a list: take away the [ ], joining several texts into one, ${join}.` } });
      }
    }
    for (const [key, v] of Object.entries(o)) if (key !== 'defaultSnippets') walk(v);
  };
  walk(schema);
  return schema;
}

/** The largest whole numbers zod writes for z.int() with no bounds of its own: no bound a trainer needs told. */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/** A value of one type, in a trainer's words ("a whole number from 1 to 3"); undefined for an object or a reference. */
function valueWords(part: Record<string, unknown>): { words: string; quoted: boolean } | undefined {
  if (part.$ref !== undefined || part.enum !== undefined || part.const !== undefined) return undefined;
  const min = typeof part.minimum === 'number' && Math.abs(part.minimum) < UNBOUNDED ? part.minimum : undefined;
  const max = typeof part.maximum === 'number' && Math.abs(part.maximum) < UNBOUNDED ? part.maximum : undefined;
  const range = min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? `, ${min} or more` : max !== undefined ? `, ${max} or less` : '';
  switch (part.type) {
    case 'integer': return { words: `a whole number${range}`, quoted: false };
    case 'number': return { words: `a number${range}`, quoted: false };
    case 'boolean': return { words: 'true or false', quoted: false };
    case 'string': return { words: 'text in double quotes', quoted: true };
    case 'array': return { words: 'a list in square brackets, [ … ], even for one item', quoted: true };
    default: return undefined;
  }
}

/**
 * What an editor says for a value of the wrong type, in words, instead of 'Incorrect type.
 * Expected "integer".' ("weight": "2", "estimatedMinutes": "five", "lines": "Whatever."): VS Code
 * shows a schema's "errorMessage" for it. A field that takes either of two types ("start": a
 * number or true / false) names both. Objects are left alone (their "errorMessage" would stand
 * for an unknown field too), and so are lists of values (VS Code lists the values) and fields
 * that say their own.
 */
function withTypeMessages(schema: Record<string, unknown>): Record<string, unknown> {
  // The branches of a field of several types, one of them an object: each alone would speak for
  // the field ("when": a condition or a list of them is told only "a list").
  const mixed = new Set<unknown>();
  const say = (parts: Record<string, unknown>[]) => {
    const words = parts.map(valueWords);
    if (words.some((w) => w === undefined)) {
      if (parts.length > 1) parts.forEach((p) => mixed.add(p));
      return;
    }
    const said = words as { words: string; quoted: boolean }[];
    const message = `Should be ${said.map((w) => w.words).join(', or ')}${said.every((w) => !w.quoted) ? ', written without quotes' : ''}.`;
    for (const part of parts) if (part.errorMessage === undefined) part.errorMessage = message;
  };
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== 'object' || value === null) return;
    const o = value as Record<string, unknown>;
    // A blank text was told twice, 'String is shorter than the minimum length of 1.' beside the
    // pattern's own words: the pattern (a character that is not a space) refuses "" already.
    if (o.type === 'string' && o.minLength === 1 && o.pattern === '\\S') delete o.minLength;
    // A list of values of the wrong type was told twice, 'Incorrect type. Expected "string".' beside
    // 'Value is not accepted. Valid values: …' (validate says it once): the values refuse it alone.
    // (A list with words of its own says them once: VS Code shows a message once at a place.)
    if (o.type === 'string' && Array.isArray(o.enum) && o.errorMessage === undefined) delete o.type;
    if (Array.isArray(o.anyOf)) say(o.anyOf as Record<string, unknown>[]);
    else if (typeof o.type === 'string' && !mixed.has(o)) say([o]);
    for (const [key, v] of Object.entries(o)) if (key !== 'defaultSnippets' && key !== 'propertyNames' && key !== 'if') walk(v);
  };
  walk(schema);
  return schema;
}

/**
 * A yes/no flag compared with "eq" ({ "var": "told-csw", "eq": true }) was underlined 'Should be
 * a number, written without quotes.', at a true written without any: validate says a flag is
 * tested with "is". A comparison of a variable given true or false now says so; any other value
 * that is no number is told what it was. The schema accepts exactly what it did.
 */
function withFlagComparisons(schema: Record<string, unknown>): Record<string, unknown> {
  const properties = ((schema.$defs as Record<string, { properties?: Record<string, Record<string, unknown>> }> | undefined)?.variableCondition)?.properties;
  if (!properties) throw new Error('The schema has no variableCondition with properties, where withFlagComparisons expects one');
  for (const key of COMPARISONS) {
    const field = properties[key];
    if (field?.type !== 'number') throw new Error(`variableCondition.${key} is no longer a number, as withFlagComparisons expects`);
    const { type, errorMessage, ...rest } = field;
    properties[key] = {
      ...rest,
      if: { type: 'boolean' },
      then: { not: {}, errorMessage: `"${key}" compares numbers: a yes/no flag is tested with "is" instead, { "var": "told-csw", "is": true } (yes) or "is": false (no).` },
      else: { type, errorMessage },
    };
  }
  return schema;
}

/** What VS Code says for an id that is a reserved word, as validate does (invalid-id). */
export const RESERVED_ID_ERROR = 'This is a reserved word and cannot be used as an id: add to it, e.g. "constructor-node" or "prototype-node".';

/**
 * What VS Code says for an id holding a character no screen shows (a zero-width space pasted in
 * with it, "phone-\u200baccuse"): it said how ids are spelt, "no spaces, capitals, underscores or
 * accents", of an id that looks spelt right (found by author2-61); validate says it holds a hidden
 * character (invalid-id).
 */
export const HIDDEN_ID_ERROR = 'This id holds a hidden character, one that takes no room on screen (a zero-width space or the like, pasted in with it), and an id cannot: delete the id and type it again.';

/**
 * An id that is "constructor" or "prototype" (which SLUG refuses) was told by the pattern's words
 * how ids are spelt ("Ids use only lower-case letters …"), which it is; validate says it is a
 * reserved word. The pattern now says only the spelling, and the reserved words are refused apart
 * in their own words. The schema accepts exactly what it did.
 */
function withReservedIds(schema: Record<string, unknown>): Record<string, unknown> {
  const reserved = /^\^\(\?!\(\?:([a-z|]+)\)\$\)/.exec(SLUG.source);
  if (!reserved?.[1]) throw new Error(`SLUG no longer refuses reserved words as the schema expects: ${SLUG.source}`);
  const words = reserved[1].split('|');
  const spelling = `^${SLUG.source.slice(reserved[0].length)}`;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== 'object' || value === null) return;
    const o = value as Record<string, unknown>;
    for (const [key, v] of Object.entries(o)) if (key !== 'defaultSnippets') walk(v);
    if (o.pattern !== SLUG.source) return;
    // An id holding a character no screen shows is told so, and not how ids are spelt (see HIDDEN_ID_ERROR).
    const spelt = { pattern: spelling, patternErrorMessage: o.patternErrorMessage };
    delete o.pattern;
    delete o.patternErrorMessage;
    o.allOf = [...((o.allOf as unknown[] | undefined) ?? []), { not: { anyOf: words.map((w) => ({ const: w })) }, errorMessage: RESERVED_ID_ERROR },
      { if: { type: 'string', pattern: MAY_REMOVE.source }, then: { not: {}, errorMessage: HIDDEN_ID_ERROR }, else: spelt }];
  };
  walk(schema);
  return schema;
}

/**
 * A condition with "var" and no "conduct" is a test on a variable, as validate reads it. VS Code
 * judged { "var": "trust", "principle": "…", "gte": 60 } by the kind of condition it fitted best, a
 * conduct condition (its "principle" is one), and said 'Missing property "conduct".' and that "var"
 * is not a field of a conduct condition, where validate says "principle" is not a field of a
 * condition. Any other value (a { } being written, a text) is still either kind: Ctrl+Space in an
 * empty condition offers the fields of both.
 */
function withConditionChoice(schema: Record<string, unknown>): Record<string, unknown> {
  const refs = ['#/$defs/variableCondition', '#/$defs/conductCondition'];
  // Where a condition's field that is none of its own is told so (with "var" written: see LACKS).
  const checks = ((schema.$defs as Record<string, { allOf?: { else?: { propertyNames?: unknown } }[] }> | undefined)?.variableCondition)?.allOf ?? [];
  const told = checks.findIndex((check) => check.else?.propertyNames !== undefined);
  if (told < 0) throw new Error('The schema\'s variableCondition no longer tells a field not its own where withConditionChoice expects it');
  const unknownField = `${refs[0]}/allOf/${told}/else/propertyNames`;
  const walk = (value: unknown, inList = false): void => {
    if (Array.isArray(value)) return value.forEach((v) => walk(v));
    if (typeof value !== 'object' || value === null) return;
    const o = value as Record<string, unknown>;
    for (const [key, v] of Object.entries(o)) if (key !== 'defaultSnippets') walk(v, key === 'items');
    const anyOf = o.anyOf as Record<string, unknown>[] | undefined;
    if (anyOf?.length !== 2 || !anyOf.every((part, i) => part.$ref === refs[i] && Object.keys(part).length === 1)) return;
    delete o.anyOf;
    // { "and": [ … ] } or { "or": … }, with neither "var" nor "conduct": said once, at "and" (or
    // "or"), as validate says it; 'Missing property "var".' beside it sent the trainer to add a "var".
    const joined = { type: 'object', anyOf: [{ required: ['and'] }, { required: ['or'] }], not: { anyOf: [{ required: ['var'] }, { required: ['conduct'] }] } };
    // A "when" written as text joining conditions with "and" is told to write the list, in
    // validate's words (not an item of a list: "write "when" as a list" is said of the "when").
    const textAnd = { type: 'string', pattern: TEXT_AND_PATTERN };
    Object.assign(o, {
      if: { type: 'object', required: ['var'], not: { required: ['conduct'] } },
      then: { $ref: refs[0] },
      else: { if: joined, then: { propertyNames: { allOf: [{ $ref: `${refs[0]}/propertyNames` }, { $ref: unknownField }] } }, else: inList
        ? { if: { type: 'string', pattern: AND_ITEM_PATTERN }, then: { not: {}, errorMessage: `Should be a condition in { }, but it is the text "and": ${LIST_AND_WORDS}` }, else: { anyOf } }
        : { if: textAnd, then: { not: {}, errorMessage: TEXT_AND_WORDS }, else: { anyOf } } },
    });
  };
  walk(schema);
  return schema;
}

/**
 * A whole number as JSON Schema means it, for VS Code: "weight": 2.0 is the number 2 to validate
 * (and to JSON Schema's "integer"), but VS Code's "integer" is a number written without a decimal
 * point, so it underlined 2.0 with 'Should be a whole number …, written without quotes.', which
 * nothing could fix but deleting ".0". Each "integer" becomes a "number" that is a whole one: where
 * the field has words of its own (withTypeMessages), a fraction (2.5) is told them, as before; in a
 * rule's test it is "multipleOf": 1.
 */
function withWholeNumbers(schema: Record<string, unknown>): Record<string, unknown> {
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== 'object' || value === null) return;
    const o = value as Record<string, unknown>;
    for (const [key, v] of Object.entries(o)) if (key !== 'defaultSnippets') walk(v);
    if (o.type !== 'integer') return;
    o.type = 'number';
    if (typeof o.errorMessage === 'string') Object.assign(o, { if: { not: { multipleOf: 1 } }, then: { not: {}, errorMessage: o.errorMessage } });
    else o.multipleOf = 1;
  };
  walk(schema);
  return schema;
}

/** The words validate adds for a number too large to be one (1e400, read as Infinity: validate/schema-issues.ts), the editor too. */
const TOO_LARGE_WORDS = 'but it is a number too large to read';

/**
 * A number too large to be a real number (1e400, -1e400: JSON has no infinity, and both JSON.parse
 * and VS Code read it as Infinity) is refused by validate ("should be a number, but it is a number
 * too large to read"), and was underlined nowhere where any number will do ("gte") and twice where
 * one has bounds ("weight": the whole-number words beside 'Value is above the maximum of 3.').
 * Each number now says validate's words for it, once: its bounds and whole-number test apply only
 * to a real number ("if" it is one), and a number that is not is refused in its field's words. The
 * schema accepts exactly what it did for real numbers.
 */
function withFiniteNumbers(schema: Record<string, unknown>): Record<string, unknown> {
  const moved = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'if', 'then'];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== 'object' || value === null) return;
    const o = value as Record<string, unknown>;
    for (const [key, v] of Object.entries(o)) if (key !== 'defaultSnippets' && key !== 'if') walk(v);
    if (o.type !== 'number') return;
    const checks: Record<string, unknown> = {};
    for (const key of moved) if (key in o) { checks[key] = o[key]; delete o[key]; }
    const words = typeof o.errorMessage === 'string' ? o.errorMessage.replace(/, written without quotes\.$|\.$/, '') : `Should be ${valueWords(o)?.words ?? 'a number'}`;
    // A number out of its range ("weight": 5, found by author2-61 in a newcomer's file) is told the
    // range in the field's words, "Should be a whole number from 1 to 3.", where VS Code said 'Value
    // is above the maximum of 3.' (VS Code has no words of a schema's own for a bound.)
    const range: Record<string, unknown> = {};
    for (const key of ['minimum', 'maximum']) {
      if (typeof checks[key] === 'number' && Math.abs(checks[key]) < UNBOUNDED) { range[key] = checks[key]; delete checks[key]; }
    }
    if (Object.keys(range).length > 0) checks.allOf = [{ if: range, else: { not: {}, errorMessage: `${words}.` } }];
    o.allOf = [...((o.allOf as unknown[] | undefined) ?? []), {
      if: { minimum: -Number.MAX_VALUE, maximum: Number.MAX_VALUE },
      ...(Object.keys(checks).length > 0 ? { then: checks } : {}),
      else: { not: {}, errorMessage: `${words}, ${TOO_LARGE_WORDS}.` },
    }];
  };
  walk(schema);
  return schema;
}

/** What validate calls each kind of object ("a decision node", "a reply"), by its fields. */
const OBJECT_NAMES: [string, Record<string, unknown>][] = [
  ['the scenario', Scenario.shape], ['a character', Character.shape], ['a variable', Variable.shape],
  ['a scene node', SceneNode.shape], ['a decision node', DecisionNode.shape], ['an ending node', EndingNode.shape],
  ['a line', Line.shape], ['a reply', Reply.shape], ['an effect', Effect.shape], ['an assessment', Assessment.shape],
  ['a route', Route.shape], ['a variant', EndingVariant.shape], ['a condition', VariableCondition.shape], ['a conduct condition', ConductCondition.shape],
];

/**
 * A rule for an editor: an object that `when` describes is refused with `message` (VS Code shows
 * the "errorMessage" of a failed "not"). Only an object: "required" and "propertyNames" hold of
 * any other value, so a condition written as a text was told it had no comparison too.
 */
const refusedWhen = (when: Record<string, unknown>, message: string): { if: Record<string, unknown>; then: Record<string, unknown> } => ({ if: { type: 'object', ...when }, then: { not: {}, errorMessage: message } });
const noneOf = (fields: string[]) => ({ not: { anyOf: fields.map((f) => ({ required: [f] })) } });
/**
 * A field whose value is `value`, said twice over with "not": VS Code offers the values of every
 * schema a value matches, the tests of these rules too, so "violations" came first in the list for
 * "conduct" and "flag" for a variable's "type"; a schema under a "not" offers none.
 */
const valueIs = (field: string, value: string) => ({ not: { properties: { [field]: { not: { const: value } } } } });
const isFlag = { required: ['type'], ...valueIs('type', 'flag') };
const hasComparison = COMPARISONS.map((op) => ({ required: [op] }));

/**
 * What validate refuses and zod's JSON Schema did not say (its refinements are not written into
 * it), by kind of object, in validate's words: the editor underlined none of these until validate
 * ran. VS Code puts each at the object's opening brace, where validate does.
 */
const OBJECT_RULES: Record<string, ReturnType<typeof refusedWhen>[]> = {
  'an effect': [
    refusedWhen({ required: ['add', 'set'] }, 'This effect has both "add" and "set"; it can only do one: keep "add" (to change by an amount) or "set" (to set a value).'),
  ],
  'a scene node': [
    refusedWhen({ not: { anyOf: [{ required: ['narration'] }, { required: ['lines'], properties: { lines: { minItems: 1 } } }] } },
      'This scene has no "narration" and no "lines", so there is nothing to show: add "narration", or at least one entry in "lines".'),
  ],
  // Only its "var" (or "conduct"): a comparison written another way is told at its own name.
  'a condition': [
    refusedWhen({ propertyNames: { enum: ['var'] } }, 'This condition has no comparison, so it cannot be tested: write one such as { "var": "trust", "gte": 60 } (gte, gt, lte, lt, eq or ne; "is": true or false for a yes/no flag).'),
  ],
  'a conduct condition': [
    refusedWhen({ propertyNames: { enum: ['conduct', 'principle'] } }, 'This condition has no comparison, so it cannot be tested: write one such as { "conduct": "critical", "gte": 1 } (gte, gt, lte, lt, eq or ne).'),
    // These two only for a condition with a comparison: one without is told that alone, as validate does.
    refusedWhen({ required: ['principle'], not: { properties: { conduct: { const: 'violations' } } }, anyOf: hasComparison },
      '"principle" only goes with "conduct": "violations": remove it, or count that principle\'s violations with "conduct": "violations".'),
    refusedWhen({ required: ['conduct'], allOf: [valueIs('conduct', 'violations'), { not: { required: ['principle'] } }], anyOf: hasComparison },
      'A "violations" condition needs "principle": the principle whose violations it counts, e.g. { "conduct": "violations", "principle": "no-investigating", "gte": 1 }.'),
  ],
  'a variable': [
    // (A "start" of neither type is told so by its own type's words, and only so.)
    refusedWhen({ allOf: [{ not: isFlag }], anyOf: [{ not: { required: ['min', 'max'] } }, { required: ['start'], properties: { start: { type: 'boolean' } } }] },
      'A number variable needs whole numbers for "min", "max" and "start", e.g. { "id": "trust", "label": "…", "min": 0, "max": 100, "start": 50 }; for a yes/no fact, "type": "flag" and "start": true or false.'),
    refusedWhen({ ...isFlag, anyOf: [{ required: ['min'] }, { required: ['max'] }, { required: ['shown'] }, { required: ['start'], properties: { start: { type: 'integer' } } }] },
      'A yes/no flag ("type": "flag") has "start": true or false, and no "min", "max" or "shown", e.g. { "id": "told-csw", "label": "…", "type": "flag", "start": false }.'),
  ],
};

/**
 * What an object lacks that a field it does not have most likely stands for: an effect written
 * { "trust": 15 } (the variable as a field, "var" missing), or { "var": "trust", "value": 15 }
 * (the amount under another name). VS Code said both 'Missing property "var".' at the object and
 * that "trust" is not a field of an effect, where validate says it once, at the name, and that
 * "var" is missing (found by author2-61). While the object has a field that is none of its own,
 * the lack is said at that field in these words, and not at the object; an object with only its
 * own fields is still told the lack itself ("told"), as before. The schema accepts exactly what it did.
 */
interface Lack { lacks: Record<string, unknown>; told: Record<string, unknown>; words: string }
const LACKS: Record<string, Lack[]> = {
  'an effect': [
    {
      lacks: { not: { required: ['var'] } },
      told: { required: ['var'] },
      words: 'Not a field of an effect, which is missing "var": an effect names the variable it changes by its id, under "var", e.g. { "var": "trust", "add": 15 }, not { "trust": 15 } (a yes/no flag: { "var": "told-csw", "set": true }). Field names are exact, capitals and spaces included; run validate for a did-you-mean.',
    },
    {
      lacks: noneOf(['add', 'set']),
      told: { not: {}, errorMessage: 'This effect has neither "add" nor "set", so it changes nothing: write { "var": "trust", "add": 10 } or { "var": "trust", "set": 50 }.' },
      words: 'Not a field of an effect, which has neither "add" nor "set": an effect changes its variable by an amount with "add", or to a value with "set", e.g. { "var": "trust", "add": 10 } or { "var": "trust", "set": 50 }. Field names are exact, capitals and spaces included; run validate for a did-you-mean.',
    },
  ],
  'a condition': [
    {
      lacks: { not: { required: ['var'] } },
      told: { required: ['var'] },
      words: 'Not a field of a condition, which is missing "var": a condition names the variable it tests by its id, under "var", e.g. { "var": "trust", "gte": 60 }, not { "trust": 60 } (a yes/no flag: { "var": "told-csw", "is": true }); the volunteer\'s conduct is tested under "conduct", e.g. { "conduct": "score", "gte": 80 }. Field names are exact, capitals and spaces included; run validate for a did-you-mean.',
    },
  ],
};

/**
 * What an editor says for each kind of object written as something else ("when": "trust >= 60", a
 * line typed without its braces), instead of 'Incorrect type. Expected "object".'
 */
const OBJECT_WRITTEN: Record<string, string> = {
  'the scenario': 'one object in { }, as docs/examples/first-scenario.json is',
  'a character': 'a character in { }: { "id": "maya", "name": "Maya", "role": "youth" }',
  'a variable': 'a variable in { }: { "id": "trust", "label": "…", "min": 0, "max": 100, "start": 50 }, or { "id": "told-csw", "label": "…", "type": "flag", "start": false }',
  'a scene node': 'a node in { }: Ctrl+Space here offers a whole scene, decision or ending to fill in',
  'a decision node': 'a node in { }: Ctrl+Space here offers a whole scene, decision or ending to fill in',
  'an ending node': 'a node in { }: Ctrl+Space here offers a whole scene, decision or ending to fill in',
  'a line': 'a line in { }: { "character": "<character id>", "text": "…" }',
  'a reply': 'a reply in { }: Ctrl+Space here offers a whole one to fill in',
  'an effect': 'an effect in { }: { "var": "trust", "add": 10 }, or { "var": "told-csw", "set": true } for a flag',
  'an assessment': 'an assessment in { }: { "principle": "<principle id>", "verdict": "follows" }',
  'a route': 'a route in { }: { "when": { … }, "to": "<node id>" }, or { "to": "<node id>" } for the last',
  'a variant': 'a variant in { }: { "when": { … }, "narration": "…" }',
  // The same for both kinds of condition: either may be the one VS Code reports for a text.
  'a condition': 'a condition in { }, e.g. { "var": "trust", "gte": 60 } or { "conduct": "critical", "eq": 0 } (or a list of them in [ ], all of which must hold)',
  'a conduct condition': 'a condition in { }, e.g. { "var": "trust", "gte": 60 } or { "conduct": "critical", "eq": 0 } (or a list of them in [ ], all of which must hold)',
};

/**
 * What an editor says at a field its object does not have, instead of "Property narations is not
 * allowed." (which reads as a rule against narration): which kind of object it is in, and where to
 * find the right name, as the principle ids do (PRINCIPLE_ID_ERROR).
 */
export const notAFieldOf = (object: string) =>
  `Not a field of ${object}: field names are exact, capitals and spaces included. Ctrl+Space lists the fields it can have; run validate for a did-you-mean.`;

/**
 * A field name written in curly (typographic) quotation marks, “title”: “…”, as a word processor
 * types them: VS Code reads the marks as part of the name, and said it was not a field of a
 * decision node (beside its own 'Property keys must be doublequoted'), as if "title" were the
 * mistake; validate says the quotation marks are (syntax-curly-quote). A name that begins or ends
 * with one (a curly apostrophe inside a name, "Dani’s trust", is not taken for one).
 */
const CURLY_QUOTED_NAME = '^\\s*[“”„‟‘’‚‛]|[“”„‟‘’‚‛][\\s:]*$';
export const CURLY_QUOTE_WORDS = 'Curly (typographic) quotation marks around this name: JSON needs straight double quotes " around every name and text. Replace the “ ” (or ‘ ’) with ", here and around its text.';

/**
 * The editor's words at a field that is not its object's. VS Code shows the "errorMessage" of a
 * failed "not", so each object's "additionalProperties": false becomes "propertyNames" rules that
 * refuse the same names at the name itself: a name that is none of the object's fields is told
 * notAFieldOf; in a condition, a comparison written another way is told the one validate names
 * (for { "var": "trust", ">=": 60 } VS Code said "Property >= is not allowed." where validate says
 * to write "gte"). "doNotSuggest" keeps the rules out of the list of fields the editor offers. The
 * schema accepts exactly what it did: only the editor's words change.
 */
function withFieldHelp(schema: Record<string, unknown>): Record<string, unknown> {
  const anyCase = (word: string) => [...word].map((c) => `[${c}${c.toUpperCase()}]`).join('');
  const refuse = (message: string) => ({ not: {}, errorMessage: message });
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== 'object' || value === null) return;
    const o = value as Record<string, unknown>;
    const fields = Object.keys((o.properties as Record<string, unknown> | undefined) ?? {});
    const sameFields = (shape: Record<string, unknown>) => Object.keys(shape).length === fields.length && fields.every((f) => f in shape);
    const name = o.additionalProperties === false ? OBJECT_NAMES.find(([, shape]) => sameFields(shape))?.[0] : undefined;
    if (name !== undefined) {
      const rules: { if: Record<string, unknown>; then: Record<string, unknown> }[] = [];
      if (name === 'a condition' || name === 'a conduct condition') {
        const example = (op: string) => (name === 'a condition' ? `{ "var": "trust", "${op}": 60 }` : `{ "conduct": "critical", "${op}": 1 }`);
        for (const [key, op] of Object.entries(GUESSED_COMPARISONS)) {
          rules.push({ if: { const: key }, then: refuse(`"${key}" is not a field of ${name}: write "${op}" (${COMPARISON_GLOSS[op]}), as in ${example(op)}.`) });
        }
        for (const [key, hint] of Object.entries(CONDITION_FIELD_HINTS)) rules.push({ if: { const: key }, then: refuse(`"${key}" is not a field of ${name}. ${hint}`) });
        // "gte " or "GTE": the field's name is exact, spaces and capitals included.
        for (const op of COMPARISONS) {
          rules.push({ if: { pattern: `^(?!${op}$)\\s*${anyCase(op)}\\s*$` }, then: refuse(`Field names are exact: write "${op}" (${COMPARISON_GLOSS[op]}) in lower case, with no spaces inside the quotes, as in ${example(op)}.`) });
        }
      }
      if (name === 'a route') {
        rules.push({ if: { enum: [...ROUTE_CONDITION_FIELDS] }, then: refuse(ROUTE_CONDITION_WORDS) });
        rules.push({ if: { enum: ['else', 'otherwise', 'default'] }, then: refuse(ROUTE_ELSE_WORDS) });
      }
      if (name === 'a reply') rules.push({ if: { enum: ['var', 'conduct'] }, then: refuse(REPLY_CONDITION_WORDS) });
      if (name === 'a reply' || name === 'an ending node') {
        // A score, points or a condition written on a reply or an ending: what scores it, or leads to it, instead.
        // One rule for the names told the same words (a rule a name: the editor's check of the bundled files took a fifth longer).
        const byHint = new Map<{ why: string; how: string }, string[]>();
        for (const [key, hint] of Object.entries(SCORING_FIELD_HINTS[name])) byHint.set(hint, [...(byHint.get(hint) ?? []), key]);
        for (const [{ why, how }, keys] of byHint) rules.push({ if: { pattern: `^\\s*(?:${keys.map(anyCase).join('|')})\\s*$` }, then: refuse(`Not a field of ${name}. ${why} ${how}`) });
      }
      // A name in curly quotation marks (pasted from a word processor): VS Code reads the marks as part of it.
      rules.push({ if: { pattern: CURLY_QUOTED_NAME }, then: refuse(CURLY_QUOTE_WORDS) });
      // Any other name that is not one of the fields (those above have their own words).
      const known = rules.length === 0 ? { enum: fields } : { anyOf: [{ enum: fields }, ...rules.map((r) => r.if)] };
      const unknownTold = (words: string) => ({ doNotSuggest: true, if: { not: known }, then: refuse(words) });
      const lacks = LACKS[name];
      if (lacks === undefined) rules.push(unknownTold(notAFieldOf(name)));
      delete o.additionalProperties;
      o.propertyNames = { doNotSuggest: true, allOf: rules };
      // An object's own "errorMessage" stands only for a value that is no object: its fields are
      // told by the rules above, and its other checks by their own.
      o.errorMessage = `Should be ${OBJECT_WRITTEN[name] ?? name}.`;
      // Each only when the object has its required fields, as validate checks it: an effect { }
      // was told it had neither "add" nor "set" beside 'Missing property "var".', where validate
      // says only that "var" is missing (and a node { } that it was a scene with nothing to show).
      const required = (o.required as string[] | undefined) ?? [];
      const checks: Record<string, unknown>[] = OBJECT_RULES[name]?.map((rule) => ({ ...rule, if: { ...rule.if, required: [...new Set([...((rule.if.required as string[] | undefined) ?? []), ...required])] } })) ?? [];
      if (lacks !== undefined) {
        // The first lack the object has decides the words at a field not its own (see LACKS); with none, notAFieldOf.
        let told: Record<string, unknown> = { propertyNames: unknownTold(notAFieldOf(name)) };
        for (const lack of [...lacks].reverse()) {
          told = { if: { type: 'object', ...lack.lacks }, then: { if: { propertyNames: { doNotSuggest: true, ...known } }, then: lack.told, else: { propertyNames: unknownTold(lack.words) } }, else: told };
        }
        checks.push(told);
        const lacked = new Set(lacks.flatMap((lack) => (lack.told.required as string[] | undefined) ?? []));
        const left = required.filter((field) => !lacked.has(field));
        if (left.length > 0) o.required = left;
        else delete o.required;
      }
      if (checks.length > 0) o.allOf = JSON.parse(JSON.stringify(checks)) as unknown[];
    }
    for (const [key, v] of Object.entries(o)) if (key !== 'propertyNames' && key !== 'allOf') walk(v);
  };
  walk(schema);
  return schema;
}

/**
 * Text as Markdown that shows it as written: the characters Markdown reads as formatting are
 * escaped, as vscode-json-languageservice escapes a plain "description" (toMarkdown in jsonHover).
 */
function markdownText(plain: string): string {
  return plain.replace(/[\\`*_{}[\]()<>#+\-.!|]/g, '\\$&');
}

/**
 * Every description as VS Code shows it: the descriptions in this file name fields in backticks
 * (`when`), which a plain "description" shows literally. Each gets a "markdownDescription" (what
 * VS Code shows on hover and in its list) with the backticks as code, and "description" (other
 * editors, and the validator's readers) says the name in quotes instead. Snippet bodies are text to
 * type in, not descriptions, and are left alone.
 */
function withMarkdown(schema: Record<string, unknown>): Record<string, unknown> {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === 'defaultSnippets') out[key] = v;
      else if (key === 'description' && typeof v === 'string') {
        out.description = v.replace(/`([^`]+)`/g, '"$1"');
        out.markdownDescription = v.split(/(`[^`]+`)/).map((part) => (/^`[^`]+`$/.test(part) ? part : markdownText(part))).join('');
      } else out[key] = walk(v);
    }
    return out;
  };
  return walk(schema) as Record<string, unknown>;
}
