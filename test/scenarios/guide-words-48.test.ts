import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The guide describes safety planning under "What if my youth returns from leaving placement?" as
// what "can help" a youth; it never says it "recommends" it (its only "strongly recommended" is
// people-first language). Feedback said "the guide recommends" a safety plan (content3-48).
const ROOT = join(import.meta.dirname, '..', '..');
const text = (id: string) => readFileSync(join(ROOT, 'scenarios', `${id}.json`), 'utf8');

describe('words put in the guide\'s mouth', () => {
  it.each(['left-placement-calls', 'whereabouts-unknown'])('%s does not say the guide recommends a safety plan', (id) => {
    expect(text(id)).not.toMatch(/guide recommends[^"]*safety plan|safety planning is what the guide recommends/i);
  });
});

// The guide's caution under Potential Recommendations ("it may be inappropriate to recommend certain
// services before a youth has self-disclosed") went unsaid where the volunteer weighs recommending a
// secondary CSW for Rithy, who still says Roz did nothing (content-48).
describe('dual-involvement d8-report', () => {
  it('its facilitator note raises the guide\'s caution about recommending services before a youth has self-disclosed', () => {
    const scenario = JSON.parse(text('dual-involvement')) as { nodes: { id: string; facilitatorNote?: string }[] };
    const note = scenario.nodes.find((n) => n.id === 'd8-report')?.facilitatorNote ?? '';
    expect(note).toMatch(/inappropriate to recommend before a youth has self-disclosed/);
  });
});

// "It's true that you aren't her transport" stated as settled what the guide leaves open: it neither
// forbids nor asks a CASA to drive a youth in placement (the scenario's own d4 feedback says so), and
// lists assisting with transportation arrangements among what a CASA can do (Legal Advocacy).
describe('testifying d4-home', () => {
  it('does not settle whether the volunteer may drive her, which the guide leaves to the supervisor', () => {
    const scenario = JSON.parse(text('testifying')) as { nodes: { id: string; replies?: { id: string; feedback: string }[] }[] };
    const reply = scenario.nodes.flatMap((n) => n.replies ?? []).find((r) => r.id === 'd4-home');
    expect(reply?.feedback).toBeDefined();
    expect(reply?.feedback).not.toMatch(/aren't her transport|not her transport/);
  });
});
