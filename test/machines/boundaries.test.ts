import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const core = fileURLToPath(new URL('../../src/machines/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });
}

const UI_IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](react|react-dom|ink|@xstate\/react|ink-[\w-]+)(?:\/[^'"]*)?['"]/;
const DOM_USE = /\b(?:document|window|localStorage|sessionStorage|navigator|HTMLElement)\s*[.[]/;
const NETWORK = /\b(?:fetch|XMLHttpRequest|WebSocket)\s*\(|from\s+['"](?:node:)?(?:http|https|net|dgram|tls)['"]/;
const EVAL = /\beval\s*\(|new\s+Function\s*\(/;

/**
 * The source with its comments and the words inside its '…' and "…" strings blanked, for the DOM
 * check: words shown to a volunteer ("you went on in another window. Go on there.") are not a
 * use of `window`. Template literals are kept whole (their `${…}` parts are code).
 */
function codeOnly(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, (m) => (m.startsWith('/') ? ' ' : `${m[0]}${m[0]}`));
}

describe('the core stays UI-free, offline and eval-free', () => {
  const files = sourceFiles(core);

  it('finds the core sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each([
    ['imports React, Ink or @xstate/react', UI_IMPORT, (s: string) => s],
    ['touches the DOM', DOM_USE, codeOnly],
    ['makes network requests', NETWORK, (s: string) => s],
    ['evaluates code', EVAL, (s: string) => s],
  ])('no file under src/machines/ %s', (_what, pattern, read) => {
    const offenders = files.filter((f) => pattern.test(read(readFileSync(f, 'utf8'))));
    expect(offenders).toEqual([]);
  });

  it('the checks would catch an offender', () => {
    expect(UI_IMPORT.test("import { Box } from 'ink';")).toBe(true);
    expect(UI_IMPORT.test("import { useSelector } from '@xstate/react';")).toBe(true);
    expect(UI_IMPORT.test("import React from 'react';")).toBe(true);
    expect(DOM_USE.test('document.querySelector("x")')).toBe(true);
    expect(DOM_USE.test('window.localStorage')).toBe(true);
    // Code beside words and comments is still code; only the words are passed over.
    expect(DOM_USE.test(codeOnly("const s = 'in another window. Go'; // window.x\nwindow.addEventListener('x', f);"))).toBe(true);
    expect(DOM_USE.test(codeOnly("const s = 'in another window. Go'; /* window.x */ const t = \"a 'window.' b\";"))).toBe(false);
    expect(DOM_USE.test(codeOnly('const u = `${window.location}`;'))).toBe(true);
    expect(NETWORK.test("await fetch('https://x')")).toBe(true);
    expect(EVAL.test('eval("1")')).toBe(true);
  });
});
