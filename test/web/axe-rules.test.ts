import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AXE_TAGS, COLOUR_RULES } from './helpers/axe-rules.js';

// The e2e tests run every axe rule on each page in light and only the colour rules again in dark
// (helpers/browser.ts, axeCleanInDark). That is the whole check only while both of these hold.
const ROOT = join(import.meta.dirname, '..', '..');
const WEB = join(ROOT, 'src', 'web');

/** Every file under `dir` whose name ends with one of `ends`. */
function filesIn(dir: string, ends: string[]): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && ends.some((end) => e.name.endsWith(end)))
    .map((e) => join(e.parentPath, e.name));
}

/** The bodies of the `@media` blocks of `css` whose condition names prefers-color-scheme. */
function colourSchemeBlocks(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const out: string[] = [];
  for (const m of text.matchAll(/@media([^{]*)\{/g)) {
    if (!m[1]!.includes('prefers-color-scheme')) continue;
    let depth = 1;
    let i = m.index + m[0].length;
    const start = i;
    for (; i < text.length && depth > 0; i++) depth += text[i] === '{' ? 1 : text[i] === '}' ? -1 : 0;
    out.push(text.slice(start, i - 1));
  }
  return out;
}

/** What in a prefers-color-scheme block is not a colour variable set on :root ([] when all is). */
function notColours(block: string): string[] {
  const odd: string[] = [];
  for (const rule of block.matchAll(/([^{}]*)\{([^{}]*)\}/g)) {
    if (rule[1]!.trim() !== ':root') odd.push(`selector ${rule[1]!.trim()}`);
    for (const decl of rule[2]!.split(';').map((d) => d.trim()).filter(Boolean)) {
      if (!/^--[\w-]+\s*:\s*(#[0-9a-f]{3,8}|rgba?\([\d\s.,%]+\))$/i.test(decl)) odd.push(decl);
    }
  }
  return odd;
}

describe('dark theme and axe', () => {
  it("the colour rules are every rule of axe's colour category among the tags run", () => {
    const axe = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'))('axe-core') as {
      getRules(tags: string[]): { ruleId: string; tags: string[] }[];
    };
    const colour = axe.getRules(AXE_TAGS).filter((r) => r.tags.includes('cat.color')).map((r) => r.ruleId);
    expect(colour.sort()).toEqual([...COLOUR_RULES].sort());
  });

  it('the dark theme sets colour variables on :root and nothing else, in every stylesheet and page', () => {
    const files = filesIn(WEB, ['.css', '.html']);
    const blocks = files.flatMap((f) => colourSchemeBlocks(readFileSync(f, 'utf8')).map((b) => [f, b] as const));
    // styles.css and voter.css each have one; finding none means this check no longer reads them.
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const [file, block] of blocks) expect(notColours(block), file).toEqual([]);
    // Scripts do not switch anything on the colour scheme either. The one exception reads it only
    // while forced colours are on, to hand the system's colours to the graph picture (an <img>,
    // which the browser does not recolour): it never sets a colour of the page.
    const readsScheme = join(WEB, 'components', 'ScenarioGraph.tsx');
    for (const file of filesIn(WEB, ['.ts', '.tsx'])) {
      const text = readFileSync(file, 'utf8');
      if (file !== readsScheme) expect(text, file).not.toMatch(/prefers-color-scheme/);
      else expect(text.match(/prefers-color-scheme/g), file).toHaveLength(1);
    }
    expect(readFileSync(readsScheme, 'utf8')).toMatch(/if \(typeof matchMedia !== 'function' \|\| !matchMedia\(FORCED\)\.matches\) return '';\n {2}return matchMedia\(SCHEME\)/);
  });
});
