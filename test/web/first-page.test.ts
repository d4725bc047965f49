import { join } from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

interface Chunk {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  imports: string[];
  moduleIds: string[];
  code: string;
}

describe('the first page of the web app', () => {
  it('loads neither the validator, the schema (zod) nor XState: they come only with a scenario or the preview', async () => {
    const result = await build({ root: ROOT, logLevel: 'silent', mode: 'production', build: { write: false, minify: false } });
    const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : [])) as unknown as (Chunk | { type: 'asset' })[];
    const chunks = new Map(outputs.filter((o): o is Chunk => o.type === 'chunk').map((c) => [c.fileName, c]));
    const entry = [...chunks.values()].find((c) => c.isEntry);
    if (!entry) throw new Error('no entry chunk');
    // The entry and everything it imports statically: what the first page loads.
    const first = new Set<string>();
    const visit = (name: string) => {
      if (first.has(name)) return;
      first.add(name);
      for (const i of chunks.get(name)?.imports ?? []) visit(i);
    };
    visit(entry.fileName);
    const modules = [...first].flatMap((n) => chunks.get(n)?.moduleIds ?? []).map((m) => m.replace(/\\/g, '/'));
    expect(modules.some((m) => m.includes('/src/web/App.tsx'))).toBe(true);
    expect(modules.filter((m) => /\/src\/machines\/(validate|schema)\/|\/node_modules\/(zod|xstate)\/|\/src\/machines\/index\.ts$/.test(m))).toEqual([]);
    // …while the validator is in the build, loaded on demand.
    const all = [...chunks.values()].flatMap((c) => c.moduleIds).map((m) => m.replace(/\\/g, '/'));
    expect(all.some((m) => m.endsWith('/src/machines/validate/index.ts'))).toBe(true);
  });
});
