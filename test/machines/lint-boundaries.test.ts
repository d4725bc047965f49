import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The project's own ESLint config, run on small sources as if they stood at a given path: the
// boundary rules must refuse each kind of violation and accept the allowed forms.
const ROOT = join(import.meta.dirname, '..', '..');
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lint keeps the core UI-free and the UIs thin', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';\nexport const f = readFileSync;", 'no-restricted-imports'],
    ["import { join } from 'path';\nexport const f = join;", 'no-restricted-imports'],
    ["import { Box } from 'ink';\nexport const f = Box;", 'no-restricted-imports'],
    ["import { useState } from 'react';\nexport const f = useState;", 'no-restricted-imports'],
    ["import { useSelector } from '@xstate/react';\nexport const f = useSelector;", 'no-restricted-imports'],
    ["import { wrapText } from '../terminal/wrap.js';\nexport const f = wrapText;", 'no-restricted-imports'],
    ['export const home = process.env.HOME;', 'no-restricted-globals'],
    ["export const el = document.createElement('p');", 'no-restricted-globals'],
    ["export const x = localStorage.getItem('k');", 'no-restricted-globals'],
    ["export const r = fetch('https://example.org');", 'no-restricted-globals'],
  ])('the core refuses %j', async (code, rule) => {
    expect(await ruleIds(code, 'src/machines/lint-probe.ts')).toContain(rule);
  });

  it('the core may import its own modules, xstate and zod', async () => {
    expect(await ruleIds("import { setup } from 'xstate';\nimport { cleanText } from './text/clean.js';\nexport const f = [setup, cleanText];", 'src/machines/lint-probe.ts')).toEqual([]);
  });

  it.each(['src/terminal/lint-probe.ts', 'src/web/lint-probe.ts'])('%s may not deep-import core internals', async (file) => {
    const depth = '../machines';
    expect(await ruleIds(`import { selectView } from '${depth}/selectors.js';\nexport const f = selectView;`, file)).toContain('no-restricted-imports');
    expect(await ruleIds(`import { selectView } from '${depth}/index.js';\nimport { cleanText } from '${depth}/light.js';\nexport const f = [selectView, cleanText];`, file)).toEqual([]);
  });

  it('components follow the rules of hooks', async () => {
    const code = "import { useState } from 'react';\nexport function C({ on }: { on: boolean }) {\n  if (on) { const [s] = useState(0); return s; }\n  return 0;\n}\n";
    expect(await ruleIds(code, 'src/terminal/ui/LintProbe.tsx')).toContain('react-hooks/rules-of-hooks');
  });
});
