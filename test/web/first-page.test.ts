import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWeb, CHUNK_LIST, webBuildIsStale } from '../../scripts/build-if-changed.mjs';

const ROOT = join(import.meta.dirname, '..', '..');

interface Chunk {
  fileName: string;
  isEntry: boolean;
  imports: string[];
  /** Source modules in the chunk, relative to the project ("src/web/App.tsx", "node_modules/zod/…"). */
  modules: string[];
}

/**
 * The chunks of the web app as built in dist-web/ (the build that is served), from the list the
 * build writes (vite.config.ts, chunkList); built first when missing or older than its sources, as
 * `npm start` and the browser tests do.
 */
function builtChunks(): Map<string, Chunk> {
  if (webBuildIsStale()) buildWeb();
  const { chunks } = JSON.parse(readFileSync(join(ROOT, CHUNK_LIST), 'utf8')) as { chunks: Chunk[] };
  return new Map(chunks.map((c) => [c.fileName, c]));
}

describe('the first page of the web app', () => {
  it('loads neither the validator, the schema (zod) nor XState: they come only with a scenario or the preview', () => {
    const chunks = builtChunks();
    const entry = [...chunks.values()].find((c) => c.isEntry && c.modules.includes('src/web/main.tsx'));
    if (!entry) throw new Error(`no entry chunk for src/web/main.tsx among ${[...chunks.keys()].join(', ')}`);
    // The entry and everything it imports statically: what the first page loads.
    const first = new Set<string>();
    const visit = (name: string) => {
      if (first.has(name)) return;
      first.add(name);
      for (const i of chunks.get(name)?.imports ?? []) visit(i);
    };
    visit(entry.fileName);
    const modules = [...first].flatMap((n) => chunks.get(n)?.modules ?? []);
    expect(modules).toContain('src/web/App.tsx');
    expect(modules.filter((m) => /^src\/machines\/(validate|schema)\/|^node_modules\/(zod|xstate)\/|^src\/machines\/index\.ts$/.test(m))).toEqual([]);
    // …while the validator is in the build, loaded on demand.
    expect([...chunks.values()].flatMap((c) => c.modules)).toContain('src/machines/validate/index.ts');
  });
});
