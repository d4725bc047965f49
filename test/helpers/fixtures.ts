import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateScenario } from '../../src/machines/validate/index.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';

/** Absolute path of a file under test/fixtures/. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

/** The bytes of a fixture file. */
export function readFixture(name: string): Buffer {
  return readFileSync(fixturePath(name));
}

/** A fixture that must validate; fails the test with the problems otherwise. */
export function loadValidFixture(name: string): Scenario {
  const result = validateScenario(readFixture(name), name);
  if (!result.scenario) throw new Error(`fixture ${name} is invalid:\n${result.problems.map((p) => p.message).join('\n')}`);
  return result.scenario;
}

/** A scenario's text that must validate (a generated chain, a copied file); fails the test with the problems otherwise. */
export function validScenario(text: string, file = 'chain.json'): Scenario {
  const result = validateScenario(text, file);
  if (!result.scenario) throw new Error(`${file} is invalid:\n${result.problems.map((p) => p.message).join('\n')}`);
  return result.scenario;
}

/**
 * The text of the new-phone scenario (test/terminal/fixtures/scenarios/new-phone.json, or the web
 * tests' copy of it) with its reply "phone-accuse" ("You need to tell me the truth") open only at
 * trust 80 or more (trust starts at 50): a reply the story does not open at that decision.
 */
export function gatedPhoneText(text: string): string {
  const file = JSON.parse(text) as { nodes: { id: string; replies?: { id: string; when?: unknown }[] }[] };
  const reply = file.nodes.find((n) => n.id === 'phone')?.replies?.find((r) => r.id === 'phone-accuse');
  if (!reply) throw new Error('the new-phone fixture changed: no reply "phone-accuse" at "phone"');
  reply.when = { var: 'trust', gte: 80 };
  return JSON.stringify(file);
}

/** What the reasoned copy of new-phone (reasonedPhoneText) says its closed reply is not available for. */
export const PHONE_REASON = 'you have already promised Jade you would not ask about the phone';

/**
 * The new-phone fixture's text with "phone-accuse" ("You need to tell me the truth") closed by a
 * yes/no flag the volunteer cannot see, "promised", already true, and its "unavailableReason" saying
 * so in the story's words (PHONE_REASON).
 */
export function reasonedPhoneText(text: string): string {
  const file = JSON.parse(text) as { variables?: unknown[]; nodes: { id: string; replies?: { id: string; when?: unknown; unavailableReason?: string }[] }[] };
  const reply = file.nodes.find((n) => n.id === 'phone')?.replies?.find((r) => r.id === 'phone-accuse');
  if (!reply) throw new Error('the new-phone fixture changed: no reply "phone-accuse" at "phone"');
  file.variables = [...(file.variables ?? []), { id: 'promised', label: 'You promised not to ask about the phone', type: 'flag', start: true }];
  reply.when = { var: 'promised', is: false };
  reply.unavailableReason = PHONE_REASON;
  return JSON.stringify(file);
}

/**
 * The scenario with a first decision, "greeting", whose best reply goes straight to "after-visit":
 * "phone" is then off the best-practice path, where every reply tied for the most points is best
 * practice (on the path, only the path's reply is, as the debrief says: bestPracticeAt).
 */
export function phoneOffPath(scenario: Scenario): Scenario {
  const s = structuredClone(scenario);
  const reply = (id: string, text: string, weight: number, next: string) => ({ id, text, assessments: [{ principle: 'youth-centered', verdict: 'follows' as const, weight }], feedback: 'Keeping the youth and her own needs at the centre is what the guide asks (CASA Role and Expectations).', next });
  s.nodes.unshift({ id: 'greeting', kind: 'decision', title: 'Hello', narration: 'You arrive at the café.', replies: [reply('greeting-visit', 'Ask Jade how her week went.', 9, 'after-visit'), reply('greeting-phone', 'Ask Jade what she wants to talk about.', 1, 'phone')] });
  s.start = 'greeting';
  return s;
}
