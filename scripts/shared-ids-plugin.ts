import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { cleanLine } from '../src/machines/text/clean.js';
import { byFileName, readId, sharedIds, type FileId } from '../src/web/shared-ids.js';

/**
 * The files the web app bundles from `dir` (src/web/scenarios.ts: every *.json but the schema), with
 * their ids, in the app's order: its glob's paths ("/scenarios/<name>") in code-unit order (byFileName).
 */
export function bundledFileIds(dir: string): FileId[] {
  const names = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.json') && e.name !== 'scenario.schema.json').map((e) => e.name);
  return names.map((name) => ({ name, path: `/scenarios/${name}` })).sort((a, b) => byFileName(a.path, b.path))
    .map(({ name }) => ({ file: name, id: readId(readFileSync(join(dir, name), 'utf8').replace(/^\uFEFF/, '')) }));
}

/** What the build says of each id two or more of the app's files share: the web app opens one of them. */
export function sharedIdWarnings(dir: string): string[] {
  return [...sharedIds(bundledFileIds(dir))].map(([id, files]) => {
    const [opened] = files;
    const list = files.map((f) => `scenarios/${cleanLine(f)}`);
    return `${list.slice(0, -1).join(', ')} and ${list.at(-1)} have the id ${JSON.stringify(cleanLine(id))}: the web app lists each on its Scenarios page but opens only ${cleanLine(opened ?? '')} (it opens a scenario by its id), and a browser keeps one saved playthrough and one set of completion records for them. Give each scenario its own id (the web app's Preview page checks a file).`;
  });
}

/**
 * Warns while building the web app when two of its scenario files share an id. A warning, not a
 * refusal: the validator's duplicate-scenario-id is a warning, the terminal's picker lists both with
 * a notice, and the web app still works (one of the two opens, and its Scenarios page says so).
 */
export function sharedIdsAtBuild(): Plugin {
  return buildPlugin('casa-practice-shared-ids', (root) => ({
    buildStart() {
      for (const words of sharedIdWarnings(join(root(), 'scenarios'))) this.warn(words);
    },
  }));
}

/**
 * A plugin of the web build (`vite build` only) named `name`, whose hooks read the project's root
 * as Vite resolved it (the working folder until then).
 */
export function buildPlugin(name: string, hooks: (root: () => string) => Omit<Plugin, 'name' | 'apply' | 'configResolved'>): Plugin {
  let root = process.cwd();
  return {
    name,
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    ...hooks(() => root),
  };
}
