import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as hostile from '../../bench/hostile.js';
import { formatValidation, validateScenario, type ValidateOptions, type ValidationResult } from '../../src/machines/validate/index.js';

/*
 * The validator's output, human and --json, byte for byte, pinned by its SHA-256 for every file in
 * scenarios/, every file in test/fixtures/bad and good, and each hostile shape (bench/hostile.ts) at
 * 200 and 2,000: work on how fast the validator is (perf-55: the 100,000 ids written under "ID")
 * must not change a word a trainer reads. test/fixtures/validator-output.json was written from the
 * validator before that work.
 *
 * A change meant to change what the validator says (a message reworded, a scenario edited) changes
 * some of these: check the cases named by the failure, then write the fixture again with
 *   UPDATE_VALIDATOR_OUTPUT=1 npx vitest run test/machines/validator-output-pinned.test.ts
 * and commit it with the change. To see what changed, write each output in full, before and after
 * the change, and compare the two folders:
 *   VALIDATOR_OUTPUT_DIR=/tmp/before npx vitest run test/machines/validator-output-pinned.test.ts
 */

const FIXTURE = fileURLToPath(new URL('../fixtures/validator-output.json', import.meta.url));
const ROOT = new URL('../../', import.meta.url);

/** The options validate gives a file: the command as the terminal writes it, and for a file in scenarios/, its name. */
const command = (args: string) => `npx casa-practice ${args}`;

interface Case {
  name: string;
  input: string | Uint8Array;
  fileName: string;
  options: ValidateOptions;
}

function filesIn(folder: string): Case[] {
  const dir = new URL(`${folder}/`, ROOT);
  return readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json').sort().map((f) => ({
    name: `${folder}/${f}`, input: readFileSync(new URL(f, dir)), fileName: `${folder}/${f}`,
    options: folder === 'scenarios' ? { command, fileStem: f.replace(/\.json$/, '') } : { command },
  }));
}

const SHAPES: [string, (n: number) => string][] = [
  ['unknownReferences', hostile.unknownReferences], ['unknownFields', hostile.unknownFields], ['syntaxErrorsOnOneLine', hostile.syntaxErrorsOnOneLine],
  ['manyStates', hostile.manyStates], ['bracketsLostMidFile', (n) => hostile.bracketsLostMidFile(n)], ['bracketsLostMidFile crlf', (n) => hostile.bracketsLostMidFile(n, true)],
  ['invisibleCharacters', hostile.invisibleCharacters], ['misspeltIdKeys', hostile.misspeltIdKeys], ['conditionsJoinedWithAnd', hostile.conditionsJoinedWithAnd],
  ['copiesAndUnknownIds', hostile.copiesAndUnknownIds], ['hiddenCharacterReferences', hostile.hiddenCharacterReferences], ['unusedCharacters', hostile.unusedCharacters],
  ['spacesInUnquotedText', hostile.spacesInUnquotedText], ['spacesAfterClosingQuote', hostile.spacesAfterClosingQuote], ['spacesInQuotedWeight', hostile.spacesInQuotedWeight],
  ['spacesInWhenText', hostile.spacesInWhenText], ['listWrittenManyTimes', hostile.listWrittenManyTimes], ['conductOnDeclaredVariables', hostile.conductOnDeclaredVariables],
  ['sceneChain', hostile.sceneChain], ['decisionChain', hostile.decisionChain],
];

function cases(): Case[] {
  const shapes = SHAPES.flatMap(([name, make]) => [200, 2_000].map((n) => ({ name: `hostile ${name} × ${n}`, input: make(n), fileName: 'hostile.json', options: { command } })));
  return [...filesIn('scenarios'), ...filesIn('test/fixtures/bad'), ...filesIn('test/fixtures/good'), ...shapes];
}

/** What validate --json writes for a file (commands.ts validateCommand), but its name. */
function jsonOf(result: ValidationResult): string {
  const { truncated } = result;
  return JSON.stringify({
    ok: result.ok, errors: result.errors, warnings: result.warnings, problems: result.problems,
    ...(truncated ? { truncated: truncated.count, truncatedCodes: truncated.codes, truncatedErrors: truncated.errors, truncatedWarnings: truncated.warnings } : {}),
  });
}

/** A text's SHA-256 and length, so that a failure says which grew or shrank. */
const pin = (text: string) => `${createHash('sha256').update(text).digest('hex')} ${text.length}`;

function outputs(): Record<string, { human: string; json: string }> {
  const out: Record<string, { human: string; json: string }> = {};
  const dir = process.env.VALIDATOR_OUTPUT_DIR;
  if (dir) mkdirSync(dir, { recursive: true });
  for (const c of cases()) {
    const result = validateScenario(c.input, c.fileName, c.options);
    const human = formatValidation(result, c.fileName);
    const json = jsonOf(result);
    out[c.name] = { human: pin(human), json: pin(json) };
    if (dir) writeFileSync(join(dir, `${c.name.replace(/[^\w.-]+/g, '_')}.txt`), `${human}\n${json}\n`);
  }
  return out;
}

describe('what the validator says, pinned', () => {
  it('is byte for byte what it said for the scenarios, the fixtures and the hostile shapes', () => {
    const actual = outputs();
    if (process.env.UPDATE_VALIDATOR_OUTPUT === '1') writeFileSync(FIXTURE, `${JSON.stringify(actual, null, 1)}\n`);
    const pinned = JSON.parse(readFileSync(FIXTURE, 'utf8')) as typeof actual;
    // Every case is pinned (a case added to the list without its pin would pass unchecked).
    expect(Object.keys(actual)).toEqual(Object.keys(pinned));
    expect(actual).toEqual(pinned);
  }, 120_000);
});
