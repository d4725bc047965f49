import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { ROOT } from './cli.js';

/** Where scripts/bundle-cli.mjs writes the bundled terminal app (main.bundle.js and its chunks). */
export const TERMINAL = join(ROOT, 'dist', 'src', 'terminal');

/** The bundle's files (entries and chunks), by file name, with their code. */
export function chunks(): Map<string, string> {
  const names = readdirSync(TERMINAL).filter((f) => f.endsWith('.bundle.js') || (f.startsWith('bundle-') && f.endsWith('.js')));
  return new Map(names.map((f) => [f, readFileSync(join(TERMINAL, f), 'utf8')]));
}

/** The one file of the bundle whose code includes `text` (rolldown starts each module's code with a comment naming it). */
export function chunkWith(text: string): string {
  const found = [...chunks()].filter(([, code]) => code.includes(text)).map(([name]) => name);
  expect(found).toHaveLength(1);
  return found[0] as string;
}

/** The file URL of the one chunk that exports `name` under that name (what a lazy import() of its module loads). */
export function chunkExporting(name: string): string {
  return pathToFileURL(join(TERMINAL, chunkWith(` as ${name} }`))).href;
}

/** `chunk` and every chunk it imports (or re-exports from) statically, directly or not: what loads with it. */
export function loadedWith(chunk: string): Set<string> {
  const all = chunks();
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const [, dep] of (all.get(name) ?? '').matchAll(/^(?:import|export)\s[^;]*?from\s*"\.\/([^"]+)";?$/gm)) visit(dep as string);
  };
  visit(chunk);
  return seen;
}

/** The module of the one chunk whose code includes `text`, with `name` as that chunk exports it (rolldown renames shared chunks' exports). */
export async function exported<T>(text: string, name: string): Promise<T> {
  const chunk = chunkWith(text);
  const alias = new RegExp(`^export \\{[^}]*\\b${name} as (\\w+)`, 'm').exec(chunks().get(chunk) ?? '')?.[1] ?? name;
  const mod = (await import(pathToFileURL(join(TERMINAL, chunk)).href)) as Record<string, unknown>;
  expect(mod[alias], `${chunk} exports ${name}`).toBeTypeOf('function');
  return mod[alias] as T;
}
