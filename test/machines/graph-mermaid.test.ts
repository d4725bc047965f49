// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { toMermaid } from '../../src/machines/graph-export.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { scenarioFilesIn } from '../../src/terminal/scenario-files.js';
import { scenariosDir } from '../../src/terminal/paths.js';
import { withUnreachable } from '../helpers/unreachable.js';

// Mermaid 11 itself (under jsdom, as the browser would run it): its flowchart parser is the judge.
mermaid.initialize({ startOnLoad: false });

const FILES = scenarioFilesIn(scenariosDir());

describe('graph --format mermaid parses in Mermaid 11', () => {
  it('checks every bundled scenario', () => expect(FILES.length).toBeGreaterThanOrEqual(6));

  it.each(FILES.map((file) => ({ name: file.slice(scenariosDir().length + 1), file })))('$name', async ({ file }) => {
    const scenario = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
    const text = toMermaid(scenario);
    await expect(mermaid.parse(text)).resolves.toBeTruthy();
  });

  it('unreachable nodes (said in their labels, dashed by a class) parse too', async () => {
    const scenario = withUnreachable(JSON.parse(readFileSync(FILES[0] as string, 'utf8')) as Scenario);
    const text = toMermaid(scenario);
    expect(text).toContain(' unreachable\n');
    await expect(mermaid.parse(text)).resolves.toBeTruthy();
  });

  it('ids that are Mermaid words or hold other characters parse too, and stay distinct', async () => {
    const file = FILES[0] as string;
    const scenario = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
    const text = toMermaid(scenario);
    // Sanity: the parser does reject a graph with a bare reserved id, so the check above can fail.
    await expect(mermaid.parse('flowchart TD\n  end-x(["x"]) --> a\n')).rejects.toThrow();
    expect(text).not.toMatch(/^\s+end/m);
  });
});
