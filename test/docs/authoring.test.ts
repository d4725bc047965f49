import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { principles } from '../../src/machines/guide.js';
import { analyseBest, startingAt } from '../../src/machines/index.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { validateScenario } from '../../src/machines/validate/index.js';
import { previewPointers } from '../../src/web/components/AuthoringHelp.js';

const root = new URL('../../', import.meta.url);
const doc = readFileSync(new URL('docs/authoring.md', root), 'utf8');
const exampleFile = readFileSync(new URL('docs/examples/first-scenario.json', root), 'utf8');

/** Every problem code the validator's source can emit. */
function emittedCodes(): string[] {
  const dir = fileURLToPath(new URL('src/machines/validate/', root));
  const codes = new Set<string>();
  for (const f of readdirSync(dir)) {
    const text = readFileSync(`${dir}${f}`, 'utf8');
    for (const m of text.matchAll(/(?:\berror|\bwarn|\bproblem|\bsingle)\((?:fileName, |file, )?'([a-z][a-z0-9-]+)'|code: '([a-z][a-z0-9-]+)'/g)) codes.add((m[1] ?? m[2]) as string);
  }
  return [...codes].sort();
}

describe('docs/authoring.md', () => {
  it('holds the worked example exactly as docs/examples/first-scenario.json', () => {
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toBe(exampleFile);
  });

  it('the worked example passes the validator with no errors and no warnings', () => {
    const result = validateScenario(exampleFile, 'first-scenario.json');
    expect(result.problems).toEqual([]);
  });

  it('explains every message code the validator can emit', () => {
    const codes = emittedCodes();
    expect(codes.length).toBeGreaterThan(40);
    expect(codes.filter((c) => !doc.includes(`\`${c}\``))).toEqual([]);
  });

  it('says what --from does to the score, and the worked example bears it out (a trainer saw "Score: 4 of 4" and wondered)', () => {
    expect(doc).toContain('`--from d2-next-time` in the worked example plays out of 4 points, not 7');
    const example = JSON.parse(exampleFile) as Scenario;
    expect(analyseBest(example).best).toBe(7);
    const moved = startingAt(example, 'd2-next-time');
    expect(moved.ok && analyseBest(moved.scenario).best).toBe(4);
  });

  it('uses only real principle ids in its examples (a trainer copied "no-secrecy-promises" from section 4 and got unknown-principle)', () => {
    const used = [...doc.matchAll(/"principle": "([^"]*)"/g)].map((m) => m[1] ?? '').filter((id) => !/^<.*>$|^…$/.test(id));
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((id) => !principles.some((p) => p.id === id))).toEqual([]);
  });

  it('lists every principle id', () => {
    expect(principles.filter((p) => !doc.includes(`\`${p.id}\``)).map((p) => p.id)).toEqual([]);
  });
});

// A trainer read "mistakes are underlined as you type" (README, section 2), misspelt a "next", saw no
// underline and took the file for sound: the editor checks each field against the format, not one
// part against another (schema-editor.test.ts shows which). Both say which is which.
describe('what the editor underlines and what only validate finds', () => {
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  const section2 = doc.slice(doc.indexOf('## 2. '), doc.indexOf('## 3. '));
  it.each([['README', readme], ['authoring.md section 2', section2]])('%s names a "next" naming no node, an undeclared character and variable as found by validate alone', (_, text) => {
    const said = text.replace(/\s+/g, ' ');
    const at = said.search(/not underline/);
    expect(at, 'says what is not underlined').toBeGreaterThan(0);
    const sentence = said.slice(at, said.indexOf('.', said.indexOf('validate', at)) + 1);
    for (const words of ['`next`', 'names no node', 'character', 'variable', '`validate`']) expect(sentence, words).toContain(words);
    expect(said).toMatch(/underlined as you type: [^.]*principle id/);
  });
});

// A volunteer whose youth never left placement read feedback citing "(What if my youth returns from
// leaving placement?)" for a safety plan, and the trainer could not say why.
describe('section 9 says why safety-planning cites the returns-from-leaving-placement heading', () => {
  it('the guide\'s safety-planning advice sits under that heading, and is for any youth at risk', () => {
    const section9 = doc.slice(doc.indexOf('## 9. '), doc.indexOf('## 10. ')).replace(/\s+/g, ' ');
    expect(section9).toMatch(/`safety-planning`[^|]*? cites? [^|]*?\(What if my youth returns from leaving placement\?\)[^|]*?even when the youth never left/);
    expect(section9).toContain('"may be actively engaged in or at risk of CSEC involvement"');
  });
});

describe('messages quoted in docs/authoring.md rows are the ones the validator gives', () => {
  it('the invalid-id row quotes the message for an id holding a zero-width space', () => {
    const example = readFileSync(new URL('docs/examples/first-scenario.json', root), 'utf8');
    const text = example.replace('"id": "d2-plan"', '"id": "d2-\\u200bplan"');
    expect(text).not.toBe(example);
    const p = validateScenario(text, 'x.json').problems.find((q) => q.code === 'invalid-id');
    const row = doc.split('\n').find((line) => line.startsWith('| `invalid-id` |')) ?? '';
    const quoted = /`("d2-\\u200blisten" holds a hidden character[^`]*)`/.exec(row)?.[1];
    expect(quoted).toBeDefined();
    // The doc's example is d2-listen; the same words come for d2-plan.
    expect(p?.message).toContain((quoted ?? '').replaceAll('listen', 'plan'));
    expect(row).toContain('press Delete');
    expect(p?.fix).toContain('press Delete');
  });

  it('what section 8 says a misspelt "next" brings with it is what the validator gives, first to last', () => {
    const example = readFileSync(new URL('docs/examples/first-scenario.json', root), 'utf8');
    // The worked example's second decision, reached only through the scenes' "next".
    const text = example.replaceAll('"next": "d2-next-time"', '"next": "d2-next-tme"');
    expect(text).not.toBe(example);
    const problems = validateScenario(text, 'x.json').problems;
    expect(doc).toContain('A misspelt `next` (`"d2-meeet"` for `"d2-meet"`) brings two more with its\n`unknown-node`: `no-way-to-end` at the node the way on starts from (higher up the file, so it is\nlisted first');
    expect(problems[0]?.code).toBe('no-way-to-end');
    expect(problems.filter((p) => p.code === 'unknown-node').length).toBeGreaterThan(0);
    const unreachable = problems.find((p) => p.code === 'unreachable');
    expect(unreachable?.severity).toBe('warning');
    for (const p of problems.filter((q) => q.code !== 'unknown-node')) expect(p.message).toContain('see the unknown-node error');
  });

  // The row gave the terminal's words alone, and said the Preview warns of it too: in its own words.
  it('the id-not-file-name row quotes the message the terminal gives and the one the web Preview gives', () => {
    const example = readFileSync(new URL('docs/examples/first-scenario.json', root), 'utf8');
    const row = doc.split('\n').find((line) => line.startsWith('| `id-not-file-name` |')) ?? '';
    const [terminal, web] = [...row.matchAll(/`([^`]*looks for\.)`/g)].map((m) => m[1] ?? '');
    const message = (options: Parameters<typeof validateScenario>[2]) => validateScenario(example, 'first-court-date.json', { fileStem: 'first-court-date', ...options }).problems.find((q) => q.code === 'id-not-file-name')?.message;
    expect(message({ command: (args) => `npx casa-practice ${args}` })).toBe(terminal);
    expect(web?.startsWith('… ')).toBe(true);
    expect(message({ authoring: previewPointers('app', 'first-court-date.json') })?.endsWith(web?.slice(2) ?? 'x')).toBe(true);
  });

  // The row gave the terminal's ending alone ("Saved progress stays apart … kept per file"), which a Preview play does not do;
  // and for one of the app's files, the terminal's "the picker would list both", which the web app has no picker to do.
  it('the duplicate-scenario-id row quotes the endings the terminal gives and the ones the web Preview gives', () => {
    const example = readFileSync(new URL('docs/examples/first-scenario.json', root), 'utf8');
    const row = doc.split('\n').find((line) => line.startsWith('| `duplicate-scenario-id` |')) ?? '';
    const quoted = [...row.matchAll(/`([^`]*)`/g)].map((m) => m[1] ?? '');
    const terminal = quoted.find((q) => q.startsWith("The app's scenario file ")) ?? 'x';
    // In the row's order: a file from elsewhere in the Preview; one of the app's files, in the terminal, then in the Preview.
    const [web, appTerminal, appWeb] = quoted.filter((q) => q.startsWith('… too: ')).map((q) => q.slice(1));
    const message = (options: Parameters<typeof validateScenario>[2]) => validateScenario(example, 'copy.json', { sameIdElsewhere: () => '…/scenarios/youth-discloses.json', ...options }).problems.find((q) => q.code === 'duplicate-scenario-id')?.message;
    expect(message({})?.endsWith(terminal.slice(terminal.indexOf(' too: ')))).toBe(true);
    expect(message({ authoring: previewPointers('field', 'copy.json') })?.endsWith(web ?? 'x')).toBe(true);
    expect(message({ fileStem: 'copy' })?.endsWith(appTerminal ?? 'x')).toBe(true);
    expect(message({ fileStem: 'copy', authoring: previewPointers('app', 'copy.json') })?.endsWith(appWeb ?? 'x')).toBe(true);
  });

  it('the syntax-line-break row quotes the message for a text pasted over several lines', () => {
    const example = readFileSync(new URL('docs/examples/first-scenario.json', root), 'utf8');
    const text = example.replace('Her hood is up.', 'Her hood\nis\n\nup.');
    expect(text).not.toBe(example);
    const p = validateScenario(text, 'x.json').problems.find((q) => q.code === 'syntax-line-break');
    const row = doc.split('\n').find((line) => line.startsWith('| `syntax-line-break` |')) ?? '';
    const quoted = /`(Not valid JSON: this text runs over \d+ line breaks, down to line \d+\.)`/.exec(row)?.[1];
    expect(quoted).toBeDefined();
    expect(p?.message).toMatch(new RegExp(`^${(quoted ?? 'x').replace(/[.]/g, '\\.').replace(/\d+/g, '\\d+')}`));
  });
});

describe('the syntax messages in docs/authoring.md are the ones the validator gives', () => {
  const example = readFileSync(new URL('docs/examples/first-scenario.json', root), 'utf8');
  /** The message of the one syntax problem in `text`, after "Not valid JSON: ". */
  const messageOf = (text: string) => {
    expect(text).not.toBe(example);
    const problems = validateScenario(text, 'x.json').problems;
    expect(problems).toHaveLength(1);
    return problems[0]?.message.replace(/^Not valid JSON: /, '') ?? '';
  };
  /** The table row whose first cell starts the message, and the text of that row. */
  const rowFor = (message: string) => doc.split('\n').find((line) => line.startsWith('| ') && (line.slice(2).split(' | ')[0] ?? '').split(' / ').some((cell) => cell !== '' && message.startsWith(cell)));

  const { version } = JSON.parse(example) as { version: number };
  it.each([
    ['+5', '"estimatedMinutes": 5', '"estimatedMinutes": +5', '`+5`'],
    ['5.', '"estimatedMinutes": 5', '"estimatedMinutes": 5.', '`5.`'],
    // The example's own version, whatever it is now (each change to the example bumps it).
    ['a non-breaking space', `"version": ${version}`, `"version":\u00a0${version}`, 'non-breaking space'],
    ['a dash for a minus sign', '"add": -15', '"add": \u201315', 'dash'],
    ['a tab inside a text', '"Example: back', '"Example:\tback', 'tab'],
  ])('%s: its message has a row that names it', (_name, from, to, named) => {
    const row = rowFor(messageOf(example.replace(from, to)));
    expect(row).toBeDefined();
    expect(row).toContain(named);
  });
});

/** The documents a trainer, a volunteer or a newcomer to the code reads. */
const DOCS = ['README.md', 'docs/authoring.md', 'src/machines/README.md', 'src/web/README.md'];
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

/** Every piece of code in a Markdown text: the lines of fenced blocks (indented too), and inline code (which may wrap onto the next line). */
function codeIn(md: string): string[] {
  const fenced = /^ *```[^\n]*\n([\s\S]*?)^ *```/gm;
  const blocks = [...md.matchAll(fenced)].flatMap((m) => (m[1] ?? '').split('\n'));
  const spans = [...md.replace(fenced, '').matchAll(/`([^`]+)`/g)].map((m) => (m[1] ?? '').replace(/\n\s*/g, ' '));
  return [...blocks, ...spans];
}

/**
 * The command lines of casa-practice in a piece of code, as argument lists: what follows
 * `npx casa-practice` (or `casa-practice`), up to a pipe, a comment, a redirect or a gap of two
 * spaces; `<placeholder>` becomes a file name, `[--option VALUE]` the option, `a\|b` its first choice.
 * A line that leaves its arguments out (`npx casa-practice …`) gives none.
 */
function commandLines(code: string): { text: string; argv: string[] }[] {
  const found: { text: string; argv: string[] }[] = [];
  for (const m of code.matchAll(/(?:^|[\s(])(?:npx )?casa-practice(?=\s|$)(.*)/g)) {
    const text = ((m[1] ?? '').split(/ \| | # | {2}|;| > |\)/)[0] ?? '').trim();
    // "casa-practice — practise …" is the program's name in a title, not a command.
    if (text.includes('…') || text.startsWith('—')) continue;
    const argv = text
      .replace(/\\\|/g, '|')
      .replace(/<[^>]*>(\.\.\.)?/g, 'file.json')
      .replace(/\[(-[^\]]*?)( \.\.\.)?\]/g, '$1')
      .replace(/\[[^\]]*\](\.\.\.)?/g, '')
      .replace(/(\w+)(\|\w+)+/g, '$1')
      .split(/\s+/)
      .filter(Boolean);
    found.push({ text: `casa-practice ${text}`.trim(), argv });
  }
  return found;
}

describe('the commands the documents and the help show', async () => {
  const { MAIN_HELP } = await import('../../src/terminal/cli.js');
  const { APP_HELP, PLAY_HELP, RESUME_HELP } = await import('../../src/terminal/app-commands.js');
  const { VALIDATE_HELP, GRAPH_HELP, AUDIT_HELP, SCHEMA_HELP } = await import('../../src/terminal/commands.js');
  const { RECORDS_HELP } = await import('../../src/terminal/records-command.js');
  const { ROOM_HELP } = await import('../../src/terminal/room/command.js');
  const { NEW_HELP } = await import('../../src/terminal/new-command.js');
  const helps = { MAIN_HELP, APP_HELP, PLAY_HELP, RESUME_HELP, VALIDATE_HELP, GRAPH_HELP, AUDIT_HELP, SCHEMA_HELP, RECORDS_HELP, ROOM_HELP, NEW_HELP };
  const shown = [
    ...DOCS.flatMap((file) => codeIn(read(file)).flatMap((code) => commandLines(code).map((c) => ({ file, ...c })))),
    ...Object.entries(helps).flatMap(([file, text]) => text.split('\n').flatMap((line) => commandLines(line).map((c) => ({ file, ...c })))),
  ];

  it('finds the commands of README, authoring.md and the help (new, validate, graph, audit, play, room, records, schema, resume)', () => {
    for (const from of ['README.md', 'docs/authoring.md', 'MAIN_HELP']) {
      const commands = new Set(shown.filter((c) => c.file === from).map((c) => c.argv[0]));
      for (const c of ['new', 'validate', 'graph', 'audit', 'play', 'schema', 'resume', ...(from === 'docs/authoring.md' ? [] : ['room', 'records'])]) expect(commands, from).toContain(c);
    }
    expect(shown.filter((c) => c.file.endsWith('_HELP')).length).toBeGreaterThan(20);
  });

  // A command the docs show with an option the program does not have (or without the value an
  // option needs) is refused with exit 2 when a trainer types it. "--help" at the end makes the
  // command check its options and print its help, without doing anything else.
  it('every one is accepted by the CLI\'s argument parser (its options exist and have their values)', async () => {
    const { runCli } = await import('../../src/terminal/cli.js');
    const refused: string[] = [];
    for (const c of shown) {
      let err = '';
      const code = await runCli([...c.argv, '--help'], { out: () => {}, err: (t) => (err += t) });
      if (code !== 0) refused.push(`${c.file}: ${c.text}: ${err.trim()}`);
    }
    expect(refused).toEqual([]);
  });

  it('every file or folder of this project they name is there', () => {
    const missing = shown.flatMap((c) => c.argv.filter((w) => /^(scenarios|docs|test|src)\//.test(w) && !w.includes('file.json')).filter((w) => !existsSync(new URL(w, root))).map((w) => `${c.file}: ${c.text}: ${w}`));
    expect(missing).toEqual([]);
  });

  it('every "npm run" script they name is in package.json', () => {
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
    const named = DOCS.flatMap((file) => [...read(file).matchAll(/npm run ([a-z][\w:-]*)/g)].map((m) => ({ file, name: m[1] ?? '' })));
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((n) => !scripts.includes(n.name))).toEqual([]);
  });
});

// Found by a newcomer (session 48): the README said the keys 1–9 act only while the focus is in the
// current decision, "not elsewhere on the page"; since fb468b91 they act from anywhere on the play
// page once a decision is shown, and a checkbox beside the replies turns them off. Pressed on
// "Who's who", 1 answered the decision the README said it would not.
describe("README's Play page and the reply keys", () => {
  it('says the keys 1–9 act wherever the focus is on the page (not in a text field), and the checkbox that turns them off', async () => {
    const { REPLY_KEYS_LABEL } = await import('../../src/web/reply-keys.js');
    const play = read('README.md').replace(/\s+/g, ' ');
    expect(play).not.toContain('not elsewhere on the page');
    expect(play).toMatch(/keys 1–9 from anywhere on the page once a decision is shown/);
    expect(play).toContain(`"${REPLY_KEYS_LABEL}"`);
  });
});

describe("README's first screen", () => {
  const readme = read('README.md');
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme.split('\n').slice(0, 20).join('\n'))?.[1] ?? '';
  const lines = firstBlock.split('\n').map((l) => l.replace(/#.*/, '').trim());

  it('has the command that installs and starts the program, and the one that runs every test', () => {
    expect(lines).toContain('npm ci && npm start');
    expect(lines).toContain('npm test');
  });

  it('names the test command CI runs, and scripts that build before they start', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    // npm ci runs "prepare", which builds; npm start builds what changed, then serves on 127.0.0.1.
    expect(pkg.scripts.prepare).toMatch(/npm run build/);
    expect(pkg.scripts.start).toMatch(/build-if-changed\.mjs --web && vite preview --host 127\.0\.0\.1/);
    expect(read('.ci/run')).toMatch(/\bnpm ci\b/);
    expect(read('.ci/run')).toMatch(/^npm test -- /m);
  });

  // npm 11 skips a dependency's install script unless package.json's "allowScripts" names it, and
  // ends \`npm ci\` with four "npm warn" lines telling the newcomer to review and approve esbuild's.
  // Nothing needs it (esbuild runs from its platform package; tsx and the build work without it),
  // so it is denied on purpose: the install ends quietly, as it always ran.
  it("leaves no dependency's install script for npm to warn about at `npm ci`", ({ skip }) => {
    const installScripts = spawnSync('npm', ['install-scripts', 'ls'], { cwd: fileURLToPath(root), encoding: 'utf8', timeout: 60_000 });
    // An npm before install-scripts (npm 10, say) runs every install script and has nothing to warn about.
    if (installScripts.status !== 0 && /unknown command/i.test(`${installScripts.stdout}${installScripts.stderr}`)) skip('this npm has no install-scripts command');
    expect(installScripts.status).toBe(0);
    expect(installScripts.stdout).not.toMatch(/not yet covered/);
    expect(installScripts.stdout).toMatch(/^No packages with unreviewed install scripts\.$/m);
  });
});

describe('the scripted playthroughs the documents and the help show', async () => {
  const { MAIN_HELP } = await import('../../src/terminal/cli.js');
  const { PLAY_HELP } = await import('../../src/terminal/app-commands.js');
  const { runPiped } = await import('../terminal/helpers/cli.js');
  const texts = [...DOCS.flatMap((file) => codeIn(read(file)).map((code) => ({ file, code }))), ...[MAIN_HELP, PLAY_HELP].flatMap((h) => h.split('\n').map((code) => ({ file: 'help', code: code.replace(/\\\\/g, '\\') })))];
  const scripts = texts.flatMap(({ file, code }) => [...code.matchAll(/printf '([^']*)' \| ((?:[A-Z_]+=\S+ )*)(?:npx )?casa-practice ([^|#;]*)/g)].map((m) => ({
    file,
    text: m[0].trim(),
    input: (m[1] ?? '').replace(/\\n/g, '\n'),
    env: Object.fromEntries((m[2] ?? '').trim().split(/\s+/).filter(Boolean).map((kv) => kv.split('=') as [string, string])),
    argv: (m[3] ?? '').trim().split(/\s+/),
  }))).filter((s) => !s.argv.some((w) => w.includes('<')));
  const run = (s: (typeof scripts)[number]) => runPiped(s.argv, s.input, { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'casa-docs-')), ...s.env });

  it('finds them (README, authoring.md, the help)', () => {
    expect(new Set(scripts.map((s) => s.file))).toEqual(new Set(['README.md', 'docs/authoring.md', 'help']));
  });

  // A reply id the docs type that the decision does not have is asked about again, and the
  // playthrough takes another path than the one the docs promise.
  it('every line they type is a reply at that decision', async () => {
    const wrong: string[] = [];
    for (const s of scripts) {
      const r = await run(s);
      if (![0, 1].includes(r.code ?? -1) || /No reply at this decision has the id|Please type a number/.test(r.out + r.err)) wrong.push(`${s.file}: ${s.text}: ${r.err}${r.out.slice(-400)}`);
    }
    expect(wrong).toEqual([]);
  });

  // A newcomer ran the README's example and met "Input ended before the scenario finished" and
  // exit code 1, which the README did not mention: it now says what a script that stops early does.
  it('the README\'s numbered script stops before an ending as the README says: progress saved, exit code 1', async () => {
    const partial = scripts.find((s) => s.file === 'README.md' && s.input === '1\n3\n2\n');
    expect(partial).toBeDefined();
    const r = await run(partial as NonNullable<typeof partial>);
    expect(r.code).toBe(1);
    expect(r.out + r.err).toContain('Input ended before the scenario finished');
    expect(r.out + r.err).toMatch(/Progress saved to/);
    expect(read('README.md').replace(/\s+/g, ' ')).toContain('says so ("Input ended before the scenario finished") and exits with code 1');
  });

  it('the worked example\'s best and worst paths end as section 7 says', async () => {
    const best = scripts.find((s) => s.file === 'docs/authoring.md' && s.input === 'd1-glad\nd2-plan\n');
    expect(best).toBeDefined();
    const doc = read('docs/authoring.md');
    for (const [input, score, ending] of [['d1-glad\nd2-plan\n', 'Score: 100% (7 of 7 points)', '(strong)'], ['d1-where\nd2-ride\n', 'Score: 0% (5 points below zero, of 7 possible)', '(harmful)']] as const) {
      expect(doc).toContain(`\`${score}\``);
      const r = await run({ ...(best as NonNullable<typeof best>), input });
      expect(r.code).toBe(0);
      expect(r.out).toContain(score);
      expect(r.out).toMatch(new RegExp(`^Ending: .* \\${ending.slice(0, -1)}\\)`, 'm'));
      // An author's test (--preview), as the web app's Preview: the guide's test run is not practice.
      expect(r.out.replace(/\s+/g, ' ')).toContain('Not added to your records: this run was a preview (--preview)');
    }
  });
});

// Section 7 shows what the audit prints for the worked example: each share out of range with its
// decisions at file:line:column and a fix. It is the audit's own output, so it cannot drift.
describe("the audit output section 7 of docs/authoring.md shows", () => {
  it('is what the audit prints for the worked example, from "To look at" to the verdict', async () => {
    const { auditCommand } = await import('../../src/terminal/commands.js');
    const shown = /```\n(To look at [\s\S]*?)```/.exec(doc)?.[1];
    expect(shown).toBeDefined();
    const file = fileURLToPath(new URL('docs/examples/first-scenario.json', root));
    let out = '';
    const code = auditCommand([file], { out: (t) => (out += t), err: (t) => (out += t) });
    // Two decisions: it fails the house rules for the bundled set, as the doc shows.
    expect(code).toBe(1);
    // Audited from the project's folder, the file is named as the doc names it.
    const printed = out.slice(out.indexOf('To look at ')).replaceAll(file, 'docs/examples/first-scenario.json');
    expect(printed).toBe(shown);
    expect(shown).toMatch(/^ {6}docs\/examples\/first-scenario\.json:\d+:\d+ d2-next-time, reply d2-plan$/m);
  });
});
