import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/terminal/cli.js';
import { fixturePath, readFixture } from '../helpers/fixtures.js';
import { runPiped } from './helpers/cli.js';
import { tempEnv } from './helpers/ink.js';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const schema = fileURLToPath(new URL('../../scenarios/scenario.schema.json', import.meta.url));

/** The good example copied into a fresh folder outside the project, with this "$schema" line. */
function draftElsewhere(ref: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'casa-schema-')), 'drafts');
  mkdirSync(dir);
  const file = join(dir, 'draft.json');
  const text = readFixture('good/example.json').toString('utf8').replace('"../../../scenarios/scenario.schema.json"', JSON.stringify(ref));
  writeFileSync(file, text);
  return file;
}

describe('a scenario file outside scenarios/ finds the schema through "$schema"', () => {
  it('schema --path prints the schema that ships with the program', async () => {
    const r = await run('schema', '--path');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${schema}\n`);
    expect(JSON.parse(readFileSync(r.out.trim(), 'utf8'))).toHaveProperty('$schema');
  });

  it('schema --for prints a "$schema" line whose path leads from that file\'s folder to the schema', async () => {
    const file = draftElsewhere('./scenario.schema.json');
    const r = await run('schema', '--for', file);
    expect(r.code).toBe(0);
    const ref = (JSON.parse(`{${r.out.trim().replace(/,$/, '')}}`) as { $schema: string }).$schema;
    expect(ref.startsWith('../')).toBe(true);
    expect(resolve(dirname(file), ref)).toBe(schema);
  });

  it('schema --for a folder prints the line for the files in it, with or without the trailing /', async () => {
    const folder = dirname(draftElsewhere('./scenario.schema.json'));
    const inside = (await run('schema', '--for', join(folder, 'any.json'))).out;
    expect((await run('schema', '--for', folder)).out).toBe(inside);
    expect((await run('schema', '--for', `${folder}/`)).out).toBe(inside);
    // A folder that does not exist yet, named with its /.
    expect((await run('schema', '--for', join(folder, 'new') + '/')).out).toBe((await run('schema', '--for', join(folder, 'new', 'any.json'))).out);
  });

  it('validate warns when the path leads nowhere from the file\'s folder, with the line to write; that line is then accepted', async () => {
    const file = draftElsewhere('./scenario.schema.json');
    const r = await run('validate', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain(':2:14 warning [schema-not-found] $schema: "$schema" is "./scenario.schema.json", but from this file\'s folder that path leads to no file');
    const line = (await run('schema', '--for', file)).out.trim().replace(/,$/, '');
    expect(r.out).toContain(`fix: Write ${line}, the path to scenario.schema.json`);
    const fixed = draftElsewhere(JSON.parse(`{${line}}`).$schema as string);
    // The same relative path from a folder at the same depth: the fixed file is valid, without warnings.
    const again = await run('validate', '--strict', fixed);
    expect(again.out).toContain(`${fixed}: valid\n`);
    expect(again.code).toBe(0);
  });

  // Found by val-56: a web address was accepted without a word; the fix is the line schema --for prints.
  it('validate and graph warn about a web address, at its line and column, with the local path to write instead', async () => {
    const file = draftElsewhere('https://example.org/scenario.schema.json');
    const line = (await run('schema', '--for', file)).out.trim().replace(/,$/, '');
    const r = await run('validate', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${file}:2:14 warning [schema-remote] $schema: "$schema" is "https://example.org/scenario.schema.json", a web address: `);
    expect(r.out).toContain(`fix: Write ${line}, the path to this program's own scenario.schema.json from this file's folder.`);
    expect((await run('validate', '--strict', file)).code).toBe(1);
    expect((await run('graph', file)).err).toContain(`Warning about this file (the graph is drawn anyway):\n${file}:2:14 warning [schema-remote]`);
  });

  // README says play "shows its warnings", but play and graph were silent about a "$schema" copied
  // from the example that leads nowhere: only validate checked the path.
  it('play and graph say so too, with the same warning and the line to write; a file whose path leads to the schema gets none', async () => {
    const file = draftElsewhere('./scenario.schema.json');
    const line = (await run('schema', '--for', file)).out.trim().replace(/,$/, '');
    const warning = `${file}:2:14 warning [schema-not-found] $schema: "$schema" is "./scenario.schema.json", but from this file's folder that path leads to no file`;
    const fix = `fix: Write ${line}, the path to scenario.schema.json from this file's folder.`;
    // play wraps its warnings to the screen's width, as it wraps the story: read with the breaks undone.
    const played = (await runPiped(['play', file, '--plain'], 'q\n', tempEnv())).out.replace(/\n +/g, ' ');
    expect(played).toContain(`Warnings in this file (it is played anyway):\n${warning}`);
    expect(played).toContain(fix);
    const drawn = await run('graph', file);
    expect(drawn.code).toBe(0);
    expect(drawn.out).toMatch(/^(flowchart|graph) /);
    expect(drawn.err).toContain(`Warning about this file (the graph is drawn anyway):\n${warning}`);
    expect(drawn.err).toContain(fix);
    const fixed = draftElsewhere(JSON.parse(`{${line}}`).$schema as string);
    expect((await runPiped(['play', fixed, '--plain'], 'q\n', tempEnv())).out).not.toContain('Warnings in this file');
    expect((await run('graph', fixed)).err).toBe('');
  });

  it('an absolute path and a file: address to the schema are accepted as they are', async () => {
    for (const ref of [schema, `file://${schema}`]) {
      const r = await run('validate', '--strict', draftElsewhere(ref));
      expect(r.out).not.toContain('schema-not');
      expect(r.code).toBe(0);
    }
  });

  it('the fixtures inside the project are not warned about', async () => {
    const r = await run('validate', '--strict', fixturePath('good/example.json'));
    expect(r.code).toBe(0);
  });

  it('schema without --path or --for is a usage error that says what to add', async () => {
    const r = await run('schema');
    expect(r.code).toBe(2);
    expect(r.err).toContain('schema needs --path or --for <file>');
  });
});
