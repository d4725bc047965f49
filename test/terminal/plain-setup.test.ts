import { describe, expect, it } from 'vitest';
import { runPiped } from './helpers/cli.js';
import { tempEnv } from './helpers/ink.js';

const cli = (args: string[], input: string, env: NodeJS.ProcessEnv) => runPiped(args, input, { HOME: env.XDG_STATE_HOME, ...env });

// testifying's decision 5 asks "What do you say to Mr. Dunn?" about his line in the scene before it:
// undone back to, line by line printed it again without that scene (far up the screen by then).
describe('line by line, a decision with no words of its own undone back to', () => {
  it('is asked again after the scene that set it up, under "Before this:"', async () => {
    const r = await cli(['play', 'testifying', '--plain', '--new'], 'd1-scary\nd2-around\nd3-team\nd4-arrange\nd5-theirs\nu\nq\n', tempEnv());
    expect(r.code).toBe(0);
    const after = r.out.slice(r.out.indexOf('Undone: back to the previous decision.'));
    expect(after).toContain('Before this:\n-- Confirming the date --\n');
    expect(after).toContain('Mr. Dunn (group home staff member): "Yep, he\'s on here. The 21st');
    expect(after.indexOf('Mr. Dunn (group home staff member)')).toBeLessThan(after.indexOf('-- Decision 5 of about'));
    expect(after.indexOf('-- Decision 5 of about')).toBeLessThan(after.indexOf('What do you say to Mr. Dunn?'));
  });

  it('says nothing before a decision with words of its own', async () => {
    const r = await cli(['play', 'testifying', '--plain', '--new'], 'd1-scary\nd2-around\nd3-team\nd4-arrange\nu\nq\n', tempEnv());
    const after = r.out.slice(r.out.indexOf('Undone: back to the previous decision.'));
    expect(after).toContain('-- Decision 4 of about');
    expect(after).not.toContain('Before this:');
  });
});

describe('line by line, trainer-led, going back to a decision with no words of its own', () => {
  it('prints the scene that set it up after "Back to decision 5", before the decision', async () => {
    // Every branch of testifying's first five decisions leads on to decision 6.
    const r = await cli(['--facilitate', 'testifying', '--plain'], `\n${'r\n1\n'.repeat(5)}u\ny\nq\ny\n`, tempEnv());
    const after = r.out.slice(r.out.indexOf('< Back to decision 5'));
    expect(r.out).toContain('< Back to decision 5');
    expect(after).toContain('Before this:\n-- Confirming the date --\n');
    expect(after).toMatch(/Mr\. Dunn \(group home staff member\): "Yep, he's on here\./);
    expect(after.indexOf('Mr. Dunn (group home staff member)')).toBeLessThan(after.indexOf('-- Decision 5 of about'));
  });
});

describe('line by line, a kept trainer-led session carried on at a decision with no words of its own', () => {
  it('prints the scene that set it up before the decision', async () => {
    const env = tempEnv();
    await cli(['--facilitate', 'testifying', '--plain'], `\n${'r\n1\n'.repeat(4)}q\ny\n`, env);
    const r = await cli(['--facilitate', 'testifying', '--plain'], 'q\ny\n', env);
    expect(r.out).toContain('Continuing the trainer-led session kept at decision 5');
    const after = r.out.slice(r.out.indexOf('Continuing the trainer-led session'));
    expect(after).toContain('Before this:\n-- Confirming the date --\n');
    expect(after.indexOf('Mr. Dunn (group home staff member)')).toBeLessThan(after.indexOf('-- Decision 5 of about'));
  });
});
