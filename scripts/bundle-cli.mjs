// Bundles the terminal app that tsc wrote to dist/ (dist/src/terminal/main.js and what it imports,
// Ink, React, XState and zod included) into dist/src/terminal/main.bundle.js and a few chunks
// beside it (bundle-*.js, one per lazily imported screen or command), which bin/casa-practice.js
// starts. Loading Ink from node_modules is about 500 files; from one bundle the picker's first
// frame comes about a third sooner (`npm run bench:startup`). React's production build is chosen
// at build time, as main.ts does at run time. The validation worker (node/validate-worker.js) stays
// as tsc wrote it: the chunks sit in the same folder, so its URL resolves as it did.
// Run after `tsc -p tsconfig.build.json`: `node scripts/bundle-cli.mjs`.
import process from 'node:process';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function bundleCli(root = ROOT) {
  const dir = join(root, 'dist', 'src', 'terminal');
  for (const f of readdirSync(dir)) if (f === 'main.bundle.js' || (f.startsWith('bundle-') && f.endsWith('.js'))) rmSync(join(dir, f));
  const bundle = await rolldown({
    input: join(dir, 'main.js'),
    platform: 'node',
    // Ink imports react-devtools-core only when DEV=true, and it is not installed.
    external: [/^node:/, 'react-devtools-core'],
    // jsonc-parser's "main" is a UMD build that requires its parts at run time; its ESM build bundles.
    resolve: { mainFields: ['module', 'main'] },
    transform: { define: { 'process.env.NODE_ENV': '"production"' } },
    logLevel: 'warn',
  });
  try {
    await bundle.write({ dir, format: 'esm', entryFileNames: 'main.bundle.js', chunkFileNames: 'bundle-[name]-[hash].js' });
  } finally {
    await bundle.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleCli();
