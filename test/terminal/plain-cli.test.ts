/* eslint-disable no-control-regex -- these patterns exist to find control characters */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/terminal/cli.js';
import { formatValidation } from '../../src/machines/validate/index.js';
import { loadScenarioFile } from '../../src/terminal/files.js';
import { FIXTURES, SCENARIOS, tempEnv } from './helpers/ink.js';

const ROOT = join(import.meta.dirname, '..', '..');
const NEW_PHONE = join(SCENARIOS, 'new-phone.json');

/** Runs the real program as a child process with piped stdin (so it is not a TTY). */
function cli(args: string[], input: string, env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/terminal/main.ts'), ...args], {
    input, cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: env.XDG_STATE_HOME, ...env }, timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function inProcess(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('plain mode, end to end as a child process', () => {
  it('plays a scripted scenario from piped reply numbers and prints transcript, feedback and debrief', () => {
    const env = tempEnv();
    const r = cli(['play', NEW_PHONE, '--plain'], '1\n1\n', env);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Content note: Mentions a possible older partner.');
    expect(r.out).toContain('-- Decision 1 of about 2: The new phone --');
    expect(r.out).toContain('Jade (youth): "Look, finally a phone');
    expect(r.out).toContain("> 1. You: That's a nice one! How did you get it?");
    expect(r.out).toContain('✓ follows: Curious, not interrogating');
    expect(r.out).toContain('DEBRIEF: Example: the new phone');
    expect(r.out).toContain('Score: 4 of 4 (100%)');
    expect(r.out).not.toMatch(/\u001b/);
    for (const line of r.out.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('without a TTY the app falls back to plain mode by itself, and --assess holds feedback', () => {
    const r = cli(['play', NEW_PHONE, '--assess'], '2\n3\n', tempEnv());
    expect(r.code).toBe(0);
    const [play, debrief] = r.out.split('DEBRIEF:');
    expect(play).not.toContain('Feedback');
    expect(play).not.toContain('violates');
    expect(debrief).toContain('Score: -4 of 4 (0%)');
    expect(debrief).toContain('Feedback: Demanding answers');
  });

  it('rejects a number that is not offered, and undoes with u in practice', () => {
    const r = cli(['play', NEW_PHONE, '--plain'], '7\n2\nu\n1\n1\n', tempEnv());
    expect(r.out).toContain('Please type a number from the list (1, 2, 3), u or q.');
    expect(r.out).toContain('Undone: back to the previous decision.');
    expect(r.out).toContain('Score: 4 of 4 (100%)');
  });

  it('input that ends early saves progress (exit 1), and resume continues exactly there', () => {
    const env = tempEnv();
    const first = cli(['play', NEW_PHONE, '--plain'], '2\n', env);
    expect(first.code).toBe(1);
    expect(first.out).toContain('Input ended before the scenario finished.');
    expect(first.out).toMatch(/Progress saved to .*example-new-phone\.json/);
    const second = cli(['resume'], '3\n', env);
    expect(second.code).toBe(0);
    expect(second.out).toContain('Continuing where you stopped.');
    expect(second.out).toContain('-- Decision 2 of about 2: After the visit --');
    expect(second.out.replace(/\s+/g, ' ')).toContain('"Who bought you that? You need to tell me the truth." (−3; best here +2)');
    expect(second.out).toContain('Score: -4 of 4 (0%)');
  });

  it('resume with a damaged save says so in one line on stderr, moves it aside and starts clean', () => {
    const env = tempEnv();
    const saves = join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves');
    mkdirSync(saves, { recursive: true });
    writeFileSync(join(saves, 'x.json'), 'not json');
    const r = cli(['resume'], '', env);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^casa-practice: Could not resume: The saved progress is damaged \(it is not valid JSON\)\. The save was moved to .*x\.json\.damaged-/);
    expect(existsSync(join(saves, 'x.json'))).toBe(false);
    expect(readdirSync(saves)[0]).toMatch(/^x\.json\.damaged-/);
    expect(r.out).toContain('Scenario number:');
  });

  it('never prints a stack trace when the reader closes the pipe early', () => {
    const r = spawnSync('sh', ['-c', `printf '1\\n1\\n' | "${process.execPath}" --import tsx src/terminal/main.ts play "${NEW_PHONE}" | head -c 10`], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, XDG_STATE_HOME: tempEnv().XDG_STATE_HOME },
    });
    expect(r.stderr).not.toMatch(/at |Error/);
  });
});

describe('play <file> and --from', () => {
  it('refuses a file with errors, printing its problems exactly as validate does (exit 1)', async () => {
    const file = join(FIXTURES, 'bad', 'broken.json');
    const r = await inProcess('play', file);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${formatValidation(loadScenarioFile(file).result, file)}\n`);
    expect(r.err).toContain('error [unknown-node]');
    expect(r.out).toBe('');
  });

  it('a missing file is a usage error (exit 2)', async () => {
    const r = await inProcess('play', 'no/such/file.json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot read "no/such/file.json": no such file');
  });

  it('--from starts at a later node with default variable values', () => {
    const r = cli(['play', NEW_PHONE, '--from', 'after-visit', '--plain'], '1\n', tempEnv());
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('The new phone --');
    expect(r.out).toContain('-- Decision 1 of about 1: After the visit --');
    expect(r.out).toContain("[Jade's trust: 50 of 100]");
    expect(r.out).toContain('Score: 2 of 2 (100%)');
  });

  it('--from an unknown node is a usage error that names the nodes (exit 2)', async () => {
    const r = await inProcess('play', NEW_PHONE, '--from', 'nowhere');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--from: "example-new-phone" has no node "nowhere" (nodes: phone, boyfriend-open');
  });

  it('--from an ending is refused (exit 2)', async () => {
    const r = await inProcess('play', NEW_PHONE, '--from', 'end-strong');
    expect(r.code).toBe(2);
    expect(r.err).toContain('is an ending');
  });
});

describe('help for every command', () => {
  it.each([['--help'], ['play', '--help'], ['resume', '--help'], ['--facilitate', '--help'], ['--assess', '-h']])('%j prints usage and exits 0', async (...argv) => {
    const r = await inProcess(...argv);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^(Usage|casa-practice)/);
  });

  it('unknown options are usage errors (exit 2)', async () => {
    expect((await inProcess('play', NEW_PHONE, '--fast')).code).toBe(2);
    expect((await inProcess('--facilitate', '--assess', NEW_PHONE)).code).toBe(2);
  });

  it('--facilitate without a terminal is a usage error, not a crash', () => {
    const r = cli(['--facilitate', NEW_PHONE], '', tempEnv());
    expect(r.code).toBe(2);
    expect(r.err).toContain('--facilitate needs an interactive terminal');
  });
});
