import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWithState } from './helpers/cli.js';
import { SCENARIOS, tempEnv } from './helpers/ink.js';
import { printSetup, sayer, saySpoken } from '../../src/terminal/plain.js';

const cli = runWithState;

// testifying's decision 5 asks "What do you say to Mr. Dunn?" about his line in the scene before it:
// undone back to, line by line printed it again without that scene (far up the screen by then).
describe('line by line, a decision with no words of its own undone back to', () => {
  it('is asked again after the scene that set it up, under "Before this:"', async () => {
    const r = await cli(['play', 'testifying', '--plain', '--new'], 'd1-scary\nd2-around\nd3-team\nd4-arrange\nd5-theirs\nu\nq\n', tempEnv());
    expect(r.code).toBe(0);
    const after = r.out.slice(r.out.indexOf('Undone: back to the previous decision.'));
    expect(after).toContain('Before this:\n-- Confirming the date --\n');
    expect(after).toContain('Mr. Dunn (placement staff member): "Yep, he\'s on here. The 21st');
    expect(after.indexOf('Mr. Dunn (placement staff member)')).toBeLessThan(after.indexOf('-- Decision 5 of about'));
    expect(after.indexOf('-- Decision 5 of about')).toBeLessThan(after.indexOf('What do you say to Mr. Dunn?'));
  });

  it('says nothing before a decision with words of its own', async () => {
    const r = await cli(['play', 'testifying', '--plain', '--new'], 'd1-scary\nd2-around\nd3-team\nd4-arrange\nu\nq\n', tempEnv());
    const after = r.out.slice(r.out.indexOf('Undone: back to the previous decision.'));
    expect(after).toContain('-- Decision 4 of about');
    expect(after).not.toContain('Before this:');
    // Replies are still made: the keys are not said again (see below).
    expect(after).not.toContain('Type a reply number');
  });
});

// What q does was said once, before the first decision. Started over beside a save, it is "quit
// (from your first reply on: save and quit)"; after a reply and an undo back to the first decision,
// q once more keeps the earlier save and saves nothing of this run, and nothing on screen said so.
// q then said the save was kept because "you started over but made no reply yet": a reply was made,
// and undone. Both say what is so after the undo.
describe('line by line, an undo back to the first decision', () => {
  it('says the keys again, q as it is before a reply, and q then does what it says, in words true after an undo', async () => {
    const env = tempEnv();
    const phone = join(SCENARIOS, 'new-phone.json');
    await cli(['play', phone, '--plain', '--new'], '1\nq\n', env);
    const r = await cli(['play', phone, '--plain', '--new'], '1\nu\nq\n', env);
    expect(r.code).toBe(0);
    // (No u: at the first decision there is no reply to undo.)
    const keys = "Type a reply number (or its id from the scenario file) and press Enter. Also: w who's who, q quit (from your first reply on: save and quit).";
    const again = "Type a reply number (or its id from the scenario file) and press Enter. Also: w who's who, q quit (from your next reply on: save and quit).";
    const out = r.out.replace(/\s+/g, ' ');
    const undone = out.indexOf('Undone: back to the previous decision.');
    expect(out.indexOf(keys)).toBeLessThan(out.indexOf('-- Decision 1 of about'));
    // Said again after the undo, before the first decision is asked again.
    expect(out.indexOf(again, undone)).toBeGreaterThan(undone);
    expect(out.indexOf(again, undone)).toBeLessThan(out.indexOf('-- Decision 1 of about', undone));
    expect(out).toContain('Your earlier save (1 reply made) was kept: you started over but undid every reply you made.');
    expect(out).not.toContain('made no reply yet');
  });
});

// Session 47: before-relapse's s1-triggers, untitled, sets up d2-triggers ("Nothing is wrong today.
// Do you bring up what could go wrong?"). Under "Before this:" it had no heading (its narration ran
// straight on from "Before this:"), where a live room heads it "Scene 2" (the core's decisionSetup heading).
describe('line by line, an untitled scene under "Before this:"', () => {
  it('is headed "Scene 2", its number in the playthrough, undone back to and trainer-led gone back to', async () => {
    const played = await cli(['play', 'before-relapse', '--plain', '--new'], 'd1-yours\nd2-list\nu\nq\n', tempEnv());
    const undone = played.out.slice(played.out.indexOf('Undone: back to the previous decision.'));
    expect(undone).toMatch(/Before this:\n-- Scene 2 --\nRina shrugs and pulls at a loose thread/);
    const led = await cli(['--facilitate', 'before-relapse', '--plain'], `\n${'r\n1\n'.repeat(2)}u\ny\nq\ny\n`, tempEnv());
    const back = led.out.slice(led.out.indexOf('< Back to decision 2'));
    expect(led.out).toContain('< Back to decision 2');
    // The room's branch at decision 1 picks which of the three scenes set up d2-triggers (before-relapse v22
    // gives each reply its own): whichever it is, it is headed by its number.
    expect(back).toMatch(/Before this:\n-- Scene 2 --\nRina( shrugs and pulls| gives a small laugh and pulls|, who has been picking) at a loose thread/);
  });
});

describe('line by line, trainer-led, going back to a decision with no words of its own', () => {
  it('prints the scene that set it up after "Back to decision 5", before the decision', async () => {
    // Every branch of testifying's first five decisions leads on to decision 6.
    const r = await cli(['--facilitate', 'testifying', '--plain'], `\n${'r\n1\n'.repeat(5)}u\ny\nq\ny\n`, tempEnv());
    const after = r.out.slice(r.out.indexOf('< Back to decision 5'));
    expect(r.out).toContain('< Back to decision 5');
    expect(after).toContain('Before this:\n-- Confirming the date --\n');
    expect(after).toMatch(/Mr\. Dunn \(placement staff member\): "Yep, he's on here\./);
    expect(after.indexOf('Mr. Dunn (placement staff member)')).toBeLessThan(after.indexOf('-- Decision 5 of about'));
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
    expect(after.indexOf('Mr. Dunn (placement staff member)')).toBeLessThan(after.indexOf('-- Decision 5 of about'));
  });
});

// From the terminal walkthrough (session 43): the room's controls indented the wrapped rows of a
// spoken line, the other plain printers did not (a long line's second row read as narration); and
// "Before this:" ran untitled scenes together.
describe('plain printers set out spoken lines and scenes alike', () => {
  const printed = (print: (say: ReturnType<typeof sayer>) => void) => {
    let out = '';
    print(sayer({ out: (t) => (out += t), err: () => {} }, 40));
    return out;
  };
  const line = { speaker: 'Mr. Dunn', role: 'placement staff member', text: 'Yep, he is on here. The 21st, 8:30, downtown. Want me to grab him for you?' };

  it('a spoken line wrapped at the width: its rows after the first indented under the name', () => {
    const rows = printed((say) => saySpoken(line, say)).trimEnd().split('\n');
    expect(rows.length).toBeGreaterThan(2);
    expect(rows[0]).toMatch(/^Mr\. Dunn \(placement staff member\):/);
    for (const row of rows.slice(1)) expect(row).toMatch(/^ {2}\S/);
  });

  it('"Before this:" with two untitled scenes: each under its heading, a blank row between them', () => {
    const out = printed((say) => printSetup([{ heading: 'Scene 3', narration: 'The call ends.', lines: [], changes: [] }, { heading: 'Scene 4', narration: 'On Thursday the hearing is moved.', lines: [line], changes: [] }], say));
    expect(out).toMatch(/^\nBefore this:\n-- Scene 3 --\nThe call ends\.\n\n-- Scene 4 --\nOn Thursday the hearing is moved\.\nMr\. Dunn/);
  });
});
