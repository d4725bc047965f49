import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build, type Plugin } from 'vite';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const NODE = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Records every import the bundler is asked to resolve that names a Node built-in module. */
function nodeImports(): Plugin & { seen: Set<string> } {
  const seen = new Set<string>();
  return {
    name: 'record-node-imports',
    enforce: 'pre',
    seen,
    resolveId(source, importer) {
      if (NODE.has(source) || NODE.has(source.split('/')[0] ?? '')) seen.add(`${source} (from ${importer ?? '?'})`);
      return null;
    },
  };
}

async function buildForBrowser(entry: string) {
  const plugin = nodeImports();
  const result = await build({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    mode: 'production',
    plugins: [plugin],
    build: { write: false, minify: false, lib: { entry: join(ROOT, entry), formats: ['es'], fileName: 'core' } },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
  const code = outputs.map((o) => ('code' in o ? o.code : '')).join('\n');
  return { seen: [...plugin.seen], code };
}

describe('the core in a browser', () => {
  it.each(['src/machines/index.ts', 'src/machines/light.ts'])('%s bundles for the browser without any Node module', async (entry) => {
    const { seen, code } = await buildForBrowser(entry);
    expect(seen).toEqual([]);
    // Vite replaces a Node module it cannot bundle with an empty stub: that must never happen.
    expect(code).not.toContain('__vite-browser-external');
    expect(code.length).toBeGreaterThan(1000);
  });
});
