// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStore } from '../../src/machines/light.js';
import { generateScenario, withLongArrows } from '../../bench/generate.js';
import { MAX_DRAWN_NODES, UndrawnList } from '../../src/web/components/ScenarioGraph.js';
import Preview from '../../src/web/pages/Preview.js';
import { StoreContext } from '../../src/web/store.js';
import example from '../fixtures/good/example.json?raw';
import courtReport from '../../scenarios/court-report.json?raw';
import schemaFile from '../../scenarios/scenario.schema.json?raw';
import { captureDownloads, playToDebrief, renderApp, watchAnnouncements } from './helpers.js';
import { withUnreachable } from '../helpers/unreachable.js';
import { principles, validateScenario, type Scenario } from '../../src/machines/index.js';
import { MAX_MARKUP_TEXTS } from '../../src/machines/validate/markup.js';
import { AUTHORING_HELP, EXAMPLE_FILE } from '../../src/web/components/AuthoringHelp.js';

afterEach(cleanup);

function renderPreview() {
  return render(<StoreContext value={memoryStore()}><Preview /></StoreContext>);
}

describe('previewing a scenario file', () => {
  it('shows every validator message with file:line:column and its fix', async () => {
    const user = userEvent.setup();
    renderPreview();
    // Line 3, column 12: a value that is not JSON; line 5: an unknown node kind would come after.
    const text = '{\n  "id": "x",\n  "title": oops,\n  "nodes": []\n}\n';
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([text], 'mine.json', { type: 'application/json' }));
    expect(await screen.findByText(/^mine\.json: \d+ errors?, \d+ warnings?\.$/)).toBeTruthy();
    const located = screen.getAllByText(/^mine\.json:\d+:\d+$/).map((e) => e.textContent);
    expect(located).toContain('mine.json:3:12');
    expect(screen.getAllByText(/^Fix:/).length).toBe(located.length);
    expect(screen.queryByRole('button', { name: /Play it now/ })).toBeNull();
  });

  // Found by valid3-44: a node's id written "ID" (or 7) gave no-way-to-end, an unknown-node per "next"
  // sending the trainer to a missing-field error that was not there, and unreachable at each ending.
  it('a node whose "id" is written "ID" is one error at it, naming by line and column the places that name its id, with the line to write', async () => {
    const user = userEvent.setup();
    renderPreview();
    const text = example.replace('"id": "after-visit",', '"ID": "after-visit",');
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([text], 'id.json', { type: 'application/json' }));
    await screen.findByText(/^id\.json: 1 error/);
    const items = screen.getAllByRole('listitem').filter((li) => /\[(unknown-field|unknown-node|no-way-to-end|unreachable)\]/.test(li.textContent ?? ''));
    expect(items).toHaveLength(1);
    const [item] = items as [HTMLElement];
    expect(item.textContent).toContain('id.json:75:7');
    expect(item.textContent).toContain('2 places name "after-visit" (line 66, column 15; line 72, column 15), the id written here under "ID"');
    const fix = [...item.querySelectorAll('p')].find((p) => p.textContent?.startsWith('Fix:'))!;
    expect(fix.textContent).toBe('Fix: Rename "ID" to "id", so that the line reads: "id": "after-visit", and the 2 places that name it then lead here.');
    expect([...fix.querySelectorAll('code')].map((c) => c.textContent)).toContain('"id": "after-visit"');
    // Not folded (two ids named): each unknown-node fix names the wrong-type error at the node, where it is.
    const notText = text.replace('"ID": "after-visit",', '"id": 7,').replace('{ "to": "boyfriend-guarded" }', '{ "to": "zzz-elsewhere" }');
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([notText], 'seven.json', { type: 'application/json' }));
    await screen.findByText(/^seven\.json: \d+ errors/);
    const fixes = screen.getAllByRole('listitem').filter((li) => li.textContent?.includes('[unknown-node]')).map((li) => [...li.querySelectorAll('p')].find((p) => p.textContent?.startsWith('Fix:'))?.textContent);
    // The two replies naming "after-visit" say it once (grouped: the same error word for word in one list).
    expect(fixes).toHaveLength(2);
    expect(screen.getAllByRole('listitem').filter((li) => li.textContent?.includes('[unknown-node]') && li.textContent.includes('comes 2 times'))).toHaveLength(1);
    for (const f of fixes) expect(f).toMatch(/Or, if it means the node whose "id" is not text \(line 75, column 13; see the wrong-type error\), change that line to "id": "(after-visit|zzz-elsewhere)"\.( The same goes for the other one\.)?$/);
    expect(screen.getByText('seven.json:75:13')).toBeTruthy();
  });

  // The fixes sent a trainer to docs/authoring.md (its worked example, its list of principle ids) and
  // scenarios/guide/principles.json, which a trainer using the web app alone does not have. Here they
  // point to a part of this page that gives both: the worked example to download, the ids in a table.
  it("a fix that points to the authoring guide points to this page's worked example and principle ids, which it offers", async () => {
    const files = captureDownloads();
    const user = userEvent.setup();
    renderPreview();
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([''], 'empty.json', { type: 'application/json' }));
    expect(await screen.findByText(/^empty\.json: 1 error/)).toBeTruthy();
    const fix = () => screen.getAllByText(/^Fix:/).map((f) => f.parentElement?.textContent ?? '').join('\n');
    expect(fix()).toBe(`Fix: A scenario is one JSON object: start from the worked example (“${AUTHORING_HELP}”, at the top of this page, offers it to download).`);
    const misspelt = example.replace('"principle": "curious-not-interrogating"', '"principle": "zzz"');
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([misspelt], 'mine.json', { type: 'application/json' }));
    expect(await screen.findByText(/^mine\.json: 1 error/)).toBeTruthy();
    expect(fix()).toContain(`Use a principle id (they are listed under “${AUTHORING_HELP}”, at the top of this page).`);
    expect(document.body.textContent).not.toMatch(/docs\/|authoring\.md|principles\.json/);
    // The part named: the worked example (valid), and every principle id.
    const help = screen.getByText(AUTHORING_HELP).closest('details') as HTMLDetailsElement;
    await user.click(screen.getByText(AUTHORING_HELP));
    expect(help.open).toBe(true);
    await user.click(within(help).getByRole('button', { name: `Download the worked example (${EXAMPLE_FILE})` }));
    await vi.waitFor(() => expect(files.map((f) => f.name)).toEqual([EXAMPLE_FILE]));
    // Said in the page beside the button (a screen reader heard nothing of the file).
    expect(within(help).getByText(`Worked example downloaded: ${EXAMPLE_FILE}.`).closest('[aria-live="polite"]')).not.toBeNull();
    const worked = validateScenario(await files[0]!.blob.text(), EXAMPLE_FILE);
    expect(worked.errors).toBe(0);
    const ids = within(help).getAllByRole('row').slice(1).map((r) => r.querySelector('code')?.textContent);
    expect(ids).toEqual(principles.map((p) => p.id));
    expect(within(help).getByRole('row', { name: /^curious-not-interrogating / }).textContent).toContain('Red Flags');
  });

  // The fix of a "$schema" naming another format sent a trainer to the program's scenarios folder and
  // its "npx casa-practice schema --for" command, which a trainer using the web app alone has neither
  // of: it points to the format this page offers to download, which the worked example, downloaded
  // too, points to in the same folder.
  it('a "$schema" naming another format: the fix points to the scenario format this page offers to download, the worked example\'s "$schema" to it beside', async () => {
    const files = captureDownloads();
    const user = userEvent.setup();
    renderPreview();
    const text = example.replace(/"\$schema": "[^"]*"/, '"$schema": "https://json-schema.org/draft-07/schema"');
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([text], 'mine.json', { type: 'application/json' }));
    expect(await screen.findByText(/^mine\.json is valid \(1 warning\)/)).toBeTruthy();
    const fixes = screen.getAllByText(/^Fix:/).map((f) => f.parentElement?.textContent ?? '');
    expect(fixes).toEqual([`Fix: Point it at the scenario format, scenario.schema.json, which “${AUTHORING_HELP}”, at the top of this page, offers to download: save it in your scenario's folder and write "$schema": "./scenario.schema.json", so that an editor such as VS Code checks the file as you type. Or remove "$schema": the file is checked here without it.`]);
    // Offered there: the format as the program's scenarios folder has it, and the worked example pointing to it beside.
    const help = screen.getByText(AUTHORING_HELP).closest('details') as HTMLDetailsElement;
    await user.click(screen.getByText(AUTHORING_HELP));
    await user.click(within(help).getByRole('button', { name: 'Download the scenario format (scenario.schema.json)' }));
    await user.click(within(help).getByRole('button', { name: `Download the worked example (${EXAMPLE_FILE})` }));
    await vi.waitFor(() => expect(files.map((f) => f.name)).toEqual(['scenario.schema.json', EXAMPLE_FILE]));
    expect(await files[0]!.blob.text()).toBe(schemaFile);
    expect(within(help).getByText('Scenario format downloaded: scenario.schema.json.')).toBeTruthy();
    // What the editor underlines, and what only this page finds (a trainer took "underlines a mistake
    // as you type" for every mistake, and a "next" naming no node went unseen until validate).
    const format = within(help).getByText(/underlines a mistake in the format as you type/);
    expect(format.textContent?.replace(/\s+/g, ' ')).toContain('It does not check one part of the file against another (a "next" that names no node, a character or variable not declared) nor the guide’s rules: this page does, when you open or check the file.');
    const worked = await files[1]!.blob.text();
    expect(JSON.parse(worked)).toMatchObject({ $schema: './scenario.schema.json' });
    expect(validateScenario(worked, EXAMPLE_FILE).problems).toEqual([]);
  });

  // A fix that says to check the file again said "check it again (“Check again”)": a button only a
  // file from the plain file field has ("Check again: choose …"); opened through the browser's file
  // window (Chromium), its button is "Check … again". It names the button the page shows for the
  // file. (The count past the problems listed ends with the same words, from the same pointers: the
  // core's moreProblemsLine, tested in test/machines/validator-pointers.test.ts; rendered here, its
  // 200 problems took 2–3 s. The app's own files: test/web/preview-race.test.tsx.)
  it('a fix that says to check the file again names the button the page shows for it, from the file field or the file window', async () => {
    const data = JSON.parse(example) as { nodes: { lines?: unknown[] }[] };
    data.nodes[0]!.lines = Array.from({ length: MAX_MARKUP_TEXTS + 1 }, (_, i) => ({ character: 'jade', text: `${i} How are *you* doing?` }));
    const marked = JSON.stringify(data, null, 2);
    const user = userEvent.setup();
    const fixNaming = async (button: string) => {
      const fix = await screen.findByText(/to see the rest\.$/);
      expect(fix.textContent).toBe(`Fix: Write them without the marks, as the warnings above say; check it again (“${button}”) to see the rest.`);
      expect(screen.getByRole('button', { name: button })).toBeTruthy();
    };
    renderPreview();
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([marked], 'marked.json'));
    await fixNaming('Check again: choose marked.json again');
    cleanup();
    vi.stubGlobal('showOpenFilePicker', async () => [{ name: 'picked.json', getFile: async () => new File([marked], 'picked.json') }]);
    try {
      renderPreview();
      await user.click(screen.getByLabelText('Scenario file (.json)'));
      await fixNaming('Check picked.json again');
    } finally {
      vi.unstubAllGlobals();
    }
    expect(document.body.textContent).not.toMatch(/validate again|“Check again”/);
  });

  it('a file of the app\'s scenarios/ folder named in the address (#/preview/court-report.json) is checked on opening, and a name not there says so', async () => {
    render(<StoreContext value={memoryStore()}><Preview file="court-report.json" /></StoreContext>);
    expect(await screen.findByText(/^court-report\.json is valid/)).toBeTruthy();
    cleanup();
    render(<StoreContext value={memoryStore()}><Preview file="no-such.json" /></StoreContext>);
    expect(await screen.findByText(/There is no file .*no-such\.json.* in the app's scenarios\/ folder/)).toBeTruthy();
  });

  it('reports a schema problem at the line of the offending value', async () => {
    const user = userEvent.setup();
    renderPreview();
    const broken = example.replace('"estimatedMinutes": 5', '"estimatedMinutes": "five"');
    const line = broken.slice(0, broken.indexOf('"five"')).split('\n').length;
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([broken], 'minutes.json'));
    const located = (await screen.findAllByText(/^minutes\.json:\d+:\d+$/)).map((e) => e.textContent);
    expect(located.some((l) => l?.startsWith(`minutes.json:${line}:`))).toBe(true);
  });

  it('a valid file plays at once, unsaved', async () => {
    const user = userEvent.setup();
    renderPreview();
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([example], 'example.json'));
    expect(await screen.findByText(/^example\.json is valid/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Play it now (practice)' }));
    expect(screen.getByRole('log')).toBeTruthy();
    expect(screen.getByText(/Look, finally a phone/)).toBeTruthy();
    expect(screen.getByText(/not saved and not added to your records/)).toBeTruthy();
  });

  // Downloaded at the end of a preview, the debrief read like a volunteer's playthrough. And its
  // "Back to the scenarios" left the Preview for the first page, the file checked lost with it.
  it('a debrief downloaded at the end of a preview says it was not added to the records; its way back is to the file\'s check', async () => {
    const files = captureDownloads();
    const user = userEvent.setup();
    renderPreview();
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([example], 'example.json'));
    await user.click(await screen.findByRole('button', { name: 'Play it now (practice)' }));
    await playToDebrief(user);
    expect(screen.getByText(/Not added to your records\./)).toBeTruthy();
    // Nothing of a preview is in My records: its debrief does not send the trainer there to look.
    expect(screen.getByRole('button', { name: 'Download this debrief' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'My records' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Download this debrief' }));
    expect(files.map((f) => f.name)).toEqual([expect.stringMatching(/^example-new-phone-debrief-.*\.md$/)]);
    expect(await files[0]!.blob.text()).toContain('_Practice mode · not added to the records · exported');
    expect(screen.queryByRole('link', { name: 'Back to the scenarios' })).toBeNull();
    const next = screen.getByRole('heading', { name: 'What next' }).nextElementSibling as HTMLElement;
    await user.click(within(next).getByRole('button', { name: "Back to the file's check" }));
    expect(screen.getByText(/^example\.json is valid/)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Play it now (practice)' }));
  });

  it('a valid file shows its graph: a picture, a download, and the same graph as a list', async () => {
    const files = captureDownloads();
    const user = userEvent.setup();
    renderPreview();
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([example], 'example.json'));
    const graph = await screen.findByRole('region', { name: 'Graph of the scenario' });
    const scenario = JSON.parse(example) as { id: string; nodes: { id: string }[] };
    const picture = within(graph).getByRole('img', { name: new RegExp(`^Graph of ${scenario.id}: ${scenario.nodes.length} nodes and \\d+ arrows`) });
    const src = picture.getAttribute('src') ?? '';
    expect(src.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    const svg = decodeURIComponent(src.slice(src.indexOf(',') + 1));
    // The list names every node, with the arrows that leave it and their labels.
    const items = within(graph).getAllByRole('listitem').map((li) => li.textContent ?? '');
    for (const node of scenario.nodes) {
      expect(svg).toContain(` · ${node.id}</text>`);
      expect(items.some((t) => t.includes(` · ${node.id}:`))).toBe(true);
    }
    expect(items.some((t) => /^to Scene · boyfriend-open: phone-curious \(\+2\) if trust ≥ 60/.test(t))).toBe(true);
    await user.click(within(graph).getByRole('button', { name: 'Download the graph (SVG)' }));
    expect(files.map((f) => f.name)).toEqual(['example.graph.svg']);
    expect(await files[0]?.blob.text()).toBe(svg);
    expect(within(graph).getByText('Graph downloaded: example.graph.svg.').closest('[aria-live="polite"]')).not.toBeNull();
    // The picture's size is a choice a keyboard reaches (radio buttons in a named group): as drawn,
    // fitted to the page's width (a phone), or the whole graph fitted to the window (a laptop: the
    // frame cut off a graph's endings row at 1280×720; test/web/e2e/window-fit.e2e.ts lays it out).
    // The picture's frame is named for what it is in each; it was called "(scrolls)" whatever it did.
    const frame = picture.closest('.graph-scroll');
    expect(within(graph).getByRole('region', { name: 'Graph picture (scrolls)' })).toBe(frame);
    const sizes = within(graph).getByRole('group', { name: 'Picture size' });
    expect(within(sizes).getAllByRole('radio').map((r) => [r.getAttribute('aria-label') ?? r.parentElement?.textContent?.trim(), (r as HTMLInputElement).checked])).toEqual([
      ['As drawn (scrolls in its frame)', true], ['Fit the picture to the page width', false], ['Fit the whole graph in the window', false],
    ]);
    await user.click(within(sizes).getByRole('radio', { name: 'Fit the picture to the page width' }));
    expect(frame?.classList.contains('fit')).toBe(true);
    expect(within(graph).getByRole('region', { name: 'Graph picture (fitted to the page width)' })).toBe(frame);
    expect(within(graph).queryByRole('region', { name: /scrolls/ })).toBeNull();
    await user.click(within(sizes).getByRole('radio', { name: 'Fit the whole graph in the window' }));
    expect(frame?.classList.contains('whole')).toBe(true);
    expect(within(graph).getByRole('region', { name: 'Graph picture (the whole graph, fitted to the window)' })).toBe(frame);
    // Still a tab stop, and the list is still there beside it.
    expect(frame?.getAttribute('tabindex')).toBe('0');
    expect(within(graph).getByText('The graph as a list')).toBeTruthy();
    await user.click(within(sizes).getByRole('radio', { name: 'As drawn (scrolls in its frame)' }));
    expect(frame?.className).toBe('graph-scroll');
    expect(within(graph).getByRole('region', { name: 'Graph picture (scrolls)' })).toBe(frame);
  });

  it('on paper the graph as a list is open (beforeprint, for browsers without ::details-content), and shut again after', async () => {
    // The picture shortens long arrow labels ("+2 more"): a printed Preview left the list that gives them whole folded.
    const user = userEvent.setup();
    renderPreview();
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([example], 'example.json'));
    const graph = await screen.findByRole('region', { name: 'Graph of the scenario' });
    const list = within(graph).getByText('The graph as a list').closest('details') as HTMLDetailsElement;
    expect(list.open).toBe(false);
    act(() => void window.dispatchEvent(new Event('beforeprint')));
    expect(list.open).toBe(true);
    act(() => void window.dispatchEvent(new Event('afterprint')));
    expect(list.open).toBe(false);
  });

  it('a text holding half of a surrogate pair (written "\\ud800" in the file) still draws the graph, shown as U+FFFD', async () => {
    // encodeURIComponent throws on a lone surrogate: the picture's data: address stopped the page.
    const user = userEvent.setup();
    renderPreview();
    const scenario = JSON.parse(example) as { title: string; nodes: { title?: string }[] };
    scenario.title = `${scenario.title} \ud800`;
    scenario.nodes[0]!.title = `\udc00${scenario.nodes[0]!.title ?? ''}`;
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([JSON.stringify(scenario, null, 2)], 'half.json'));
    const graph = await screen.findByRole('region', { name: 'Graph of the scenario' });
    const src = within(graph).getByRole('img', { name: /^Graph of / }).getAttribute('src') ?? '';
    const svg = decodeURIComponent(src.slice(src.indexOf(',') + 1));
    expect(svg).toContain('\ufffd');
    expect(svg).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it('the graph as a list says what leads to each node, and that nothing leads to one no playthrough can reach', async () => {
    const user = userEvent.setup();
    renderPreview();
    // One more ending, which nothing points at (a warning, so the file is still valid). Its title
    // ends a sentence of its own: the list adds no second full stop after it.
    const extra = '{ "id": "end-extra", "kind": "ending", "ending": "mixed", "title": "Never reached.", "narration": "Nobody gets here." },\n    {\n      "id": "end-strong"';
    const text = example.replace('{\n      "id": "end-strong"', extra);
    expect(text).not.toBe(example);
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([text], 'extra.json'));
    const graph = await screen.findByRole('region', { name: 'Graph of the scenario' });
    const items = within(graph).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(items.find((t) => t.startsWith('Unreachable · Mixed ending · end-extra'))).toBe('Unreachable · Mixed ending · end-extra: Never reached. No arrow leads here: no playthrough can reach it.');
    expect(items.find((t) => t.startsWith('Strong ending · end-strong'))).toMatch(/^Strong ending · end-strong: [^.]+\. Reached from Decision · after-visit\.$/);
    expect(items.find((t) => t.startsWith('Start · '))).not.toContain('Reached from');
  });

  it('the picture and the list mark a node reached only from unreachable ones as unreachable too, not as reached', async () => {
    // The picture drew unreachable nodes unmarked; the list said "Reached from …" of an ending only an unreachable scene leads to.
    const user = userEvent.setup();
    renderPreview();
    const scenario = withUnreachable(JSON.parse(example) as Scenario);
    const text = JSON.stringify(scenario);
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([text], 'orphans.json'));
    const graph = await screen.findByRole('region', { name: 'Graph of the scenario' });
    const items = within(graph).getAllByRole('listitem').map((li) => li.textContent ?? '');
    // (Its item holds the list of where its arrows lead.)
    expect(items.find((t) => t.startsWith('Unreachable · Scene · orphan-scene'))).toMatch(/^Unreachable · Scene · orphan-scene: Left over\. No arrow leads here: no playthrough can reach it\.to Unreachable · Mixed ending · end-extra$/);
    expect(items.find((t) => t.startsWith('Unreachable · Mixed ending · end-extra'))).toBe('Unreachable · Mixed ending · end-extra: Never reached. Arrows lead here only from Unreachable · Scene · orphan-scene: no playthrough can reach it.');
    expect(items.filter((t) => t.includes('Unreachable')).length).toBe(3);
    const picture = within(graph).getByRole('img', { name: new RegExp(`^Graph of ${scenario.id}: ${scenario.nodes.length} nodes and \\d+ arrows, 2 unreachable \\(dashed outline\\); the list below`) });
    const svg = decodeURIComponent((picture.getAttribute('src') ?? '').replace(/^[^,]*,/, ''));
    expect(svg.match(/stroke-dasharray="8 5"/g)).toHaveLength(2);
  });

  // A web-only trainer was told only of the terminal version's commands, and the graph as a list was
  // left out with the picture: it needs no drawing, and is given (made once opened).
  it('a scenario too big to draw in the page gives the graph as a list, and says how to draw it with the app\'s terminal version', async () => {
    const user = userEvent.setup();
    renderPreview();
    const big = generateScenario(MAX_DRAWN_NODES + 1) as { nodes: { id: string }[] };
    // (One such file for both parts, its name one a shell would read as more than a name: a 401-node check costs ~1 s here.)
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([JSON.stringify(big)], "Lupe's $(touch x); echo.json"));
    const graph = await screen.findByRole('region', { name: 'Graph of the scenario' });
    expect(graph.querySelector('p')?.textContent).toBe(`This scenario has ${MAX_DRAWN_NODES + 1} nodes; the page draws the graph of a scenario of up to ${MAX_DRAWN_NODES}. Here it is given as a list instead, below: every node, where its arrows lead and what leads to it.`);
    // Named as a web-only trainer can tell what it is (not "the command line"). The file's name went
    // into the command as it was: "x.json; rm -rf ~" (or "$(…)") would run a command once the
    // trainer pasted it into a shell.
    expect(graph.textContent).toContain(`The app's terminal version (a program run by typing commands) draws larger ones: npx casa-practice graph 'Lupe'\\''s $(touch x); echo.json' --format svg --output story.svg`);
    expect(within(graph).queryByRole('img')).toBeNull();
    const list = within(graph).getByText('The graph as a list');
    expect(graph.querySelector('.graph-list')).toBeNull();
    await user.click(list);
    // (Its items read from the DOM, not by role: 401 nodes' queries are slow in jsdom.)
    const items = await vi.waitFor(() => [...graph.querySelectorAll('.graph-list > li')].map((li) => li.firstChild?.textContent ?? ''));
    expect(items).toHaveLength(big.nodes.length);
    expect(new Set(items.map((h) => h.replace(/^.* · /, '')))).toEqual(new Set(big.nodes.map((n) => n.id)));
    expect(items[0]).toMatch(/^Start · /);
  });

  // Its list is made once opened; on paper Chromium opens the fold by styles.css, with no toggle,
  // and the printed page had an empty list: it is made before the page is printed.
  it('the list of a graph too big to draw is made for paper too', () => {
    const scenario = validateScenario(example, 'example.json').scenario!;
    const { container } = render(<UndrawnList scenario={scenario} />);
    expect(container.querySelector('.graph-list')).toBeNull();
    act(() => void window.dispatchEvent(new Event('beforeprint')));
    expect(container.querySelectorAll('.graph-list > li')).toHaveLength(scenario.nodes.length);
    act(() => void window.dispatchEvent(new Event('afterprint')));
  });

  it('a scenario whose arrows skip too many rows to draw in the page says so, and how to write it on the command line', async () => {
    const user = userEvent.setup();
    renderPreview();
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([JSON.stringify(withLongArrows(300))], 'long.json'));
    const graph = await screen.findByRole('region', { name: 'Graph of the scenario' });
    expect(graph.textContent).toMatch(/This scenario's arrows skip [\d,]+ rows of the picture in all; the page draws a graph whose arrows skip up to 20,000\./);
    expect(graph.textContent).toContain('--format dot (Graphviz) or --format mermaid write it as text, at any size');
    expect(within(graph).queryByRole('img')).toBeNull();
  });

  it('a file with errors has no graph', async () => {
    const user = userEvent.setup();
    renderPreview();
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([example.replace('"estimatedMinutes": 5', '"estimatedMinutes": "five"')], 'mine.json'));
    await screen.findByText(/^mine\.json: 1 error/);
    expect(screen.queryByRole('region', { name: 'Graph of the scenario' })).toBeNull();
    // It says why, and what brings the graph and Play: the page said nothing.
    expect(screen.getByText('Fix the error above and check the file again: then it can be played here and its graph is drawn (warnings do not stop either).')).toBeTruthy();
    cleanup();
    renderPreview();
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([example], 'example.json'));
    await screen.findByText(/^example\.json is valid/);
    expect(screen.queryByText(/Fix the errors? above/)).toBeNull();
  });

  it('after a check the emptied file field is described by the name of the file checked, and another file can be chosen', async () => {
    const user = userEvent.setup();
    renderPreview();
    const input = screen.getByLabelText('Scenario file (.json)') as HTMLInputElement;
    expect(input.getAttribute('aria-describedby')).toBeNull();
    // A name with a control character and markup: shown clean, as text.
    await user.upload(input, new File([example.replace('"estimatedMinutes": 5', '"estimatedMinutes": "five"')], 'draft\u0007<b>1</b>.json'));
    const shown = 'draft<b>1</b>.json';
    expect(await screen.findByText(`${shown}: 1 error, 0 warnings.`)).toBeTruthy();
    // The field is empty again (so the same file can be chosen after an edit), and says which file was checked.
    expect(input.value).toBe('');
    const describedBy = input.getAttribute('aria-describedby') ?? '';
    const line = document.getElementById(describedBy);
    expect(line?.textContent).toBe(`Results below are for ${shown}. Choose a file above to check another one.`);
    expect(line?.querySelector('b')).toBeNull();
    expect(screen.getByRole('heading', { name: `Problems in ${shown}` })).toBeTruthy();
    // The result is announced in the status line, which names the file too.
    expect(screen.getByText(`${shown}: 1 error, 0 warnings.`).getAttribute('role')).toBe('status');
    // Another file chosen in the same field: every line names it now.
    await user.upload(input, new File([example], 'other.json'));
    expect(await screen.findByText('other.json is valid.')).toBeTruthy();
    expect(document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Results below are for other.json. Choose a file above to check another one.');
    expect(screen.getByRole('heading', { name: 'No problems found in other.json' })).toBeTruthy();
    expect(input.value).toBe('');
  });

  it('the same file picked again after an edit is checked again', async () => {
    const user = userEvent.setup();
    renderPreview();
    const broken = example.replace('"estimatedMinutes": 5', '"estimatedMinutes": "five"');
    // The trainer fixes the file on disk and picks it again: the browser hands over the same file.
    const file = new File([broken], 'mine.json');
    const bytes = (text: string) => new TextEncoder().encode(text).buffer;
    file.arrayBuffer = vi.fn().mockResolvedValueOnce(bytes(broken)).mockResolvedValue(bytes(example));
    const input = screen.getByLabelText('Scenario file (.json)');
    await user.upload(input, file);
    expect(await screen.findByText(/^mine\.json: 1 error/)).toBeTruthy();
    // Through its "Check again" button, which opens the file window (no handle here) to choose it again.
    await user.click(screen.getByRole('button', { name: 'Check again: choose mine.json again' }));
    await user.upload(input, file);
    expect(await screen.findByText(/^Checked again at \d\d:\d\d:\d\d: mine\.json is valid/)).toBeTruthy();
    expect(screen.getByText(/^Results below are for/).textContent).toBe('Results below are for mine.json, checked again. Choose a file above to check another one.');
  });

  // A different file with the name of the one shown (another folder's mine.json, or the trainer's
  // own copy of an app's court-report.json) was announced "Checked again at …", as though the file
  // shown had been checked again. It is said as checked (with the time, so that the same verdict
  // words are said anew), and "again" only for the same file: the same bytes, the same handle, its
  // "Check again", or an app's file checked again.
  it('another file with the name of the one shown is not said to be the same file checked again', async () => {
    const user = userEvent.setup();
    const said = async (pick: () => Promise<void>, verdict: RegExp) => {
      const watch = watchAnnouncements('[role="status"]', true);
      try {
        await pick();
        await screen.findByText(verdict);
      } finally {
        watch.stop();
      }
      return watch.said.at(-1);
    };
    renderPreview();
    const input = screen.getByLabelText('Scenario file (.json)');
    const other = example.replace(/"title": "([^"]*)"/, '"title": "$1, another copy"');
    expect(other).not.toBe(example);
    await user.upload(input, new File([example], 'mine.json'));
    expect(await screen.findByText('mine.json is valid.')).toBeTruthy();
    // Another mine.json, from another folder: valid too.
    expect(await said(() => user.upload(input, new File([other], 'mine.json')), /^Checked at \d\d:\d\d:\d\d: mine\.json is valid\.$/)).toMatch(/^Checked at \d\d:\d\d:\d\d: mine\.json is valid\.$/);
    expect(screen.getByText(/^Results below are for/).textContent).toBe('Results below are for mine.json. Choose a file above to check another one.');
    // That file chosen again in the field (the same bytes): checked again.
    expect(await said(() => user.upload(input, new File([other], 'mine.json')), /^Checked again at /)).toMatch(/^Checked again at \d\d:\d\d:\d\d: mine\.json is valid\.$/);
    cleanup();

    // The app's court-report.json shown, then the trainer's own court-report.json: not the app's checked again.
    renderApp('#/preview/court-report.json');
    expect(await screen.findByText('court-report.json is valid.')).toBeTruthy();
    const own = courtReport.replace(/"title": "([^"]*)"/, '"title": "$1 (our copy)"');
    expect(await said(() => user.upload(screen.getByLabelText('Scenario file (.json)'), new File([own], 'court-report.json')), /^Checked at /)).toMatch(/^Checked at \d\d:\d\d:\d\d: court-report\.json is valid/);
    cleanup();

    // With handles (File System Access): another file's handle is another file; the same file's is the file checked again.
    const handle = (text: string, same: () => boolean) => ({ name: 'mine.json', getFile: async () => new File([text], 'mine.json'), isSameEntry: async () => same() });
    const first = handle(example, () => false);
    const second = handle(other, () => false);
    const secondAgain = handle(other, () => true);
    const picker = vi.fn().mockResolvedValueOnce([first]).mockResolvedValueOnce([second]).mockResolvedValueOnce([secondAgain]);
    vi.stubGlobal('showOpenFilePicker', picker);
    try {
      renderPreview();
      const field = screen.getByLabelText('Scenario file (.json)');
      await user.click(field);
      expect(await screen.findByText('mine.json is valid.')).toBeTruthy();
      expect(await said(() => user.click(field), /^Checked at /)).toMatch(/^Checked at \d\d:\d\d:\d\d: mine\.json is valid\.$/);
      expect(await said(() => user.click(field), /^Checked again at /)).toMatch(/^Checked again at \d\d:\d\d:\d\d: mine\.json is valid\.$/);
      expect(picker).toHaveBeenCalledTimes(3);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('with a handle to the file (File System Access), "Check again" reads it as it is now, by keyboard, and the result is announced and focused', async () => {
    const user = userEvent.setup();
    const broken = example.replace('"estimatedMinutes": 5', '"estimatedMinutes": "five"');
    // The file on disk, as the trainer edits it; the handle reads it afresh each time, as Chromium's does.
    let onDisk = broken;
    const getFile = vi.fn(async () => new File([onDisk], 'mine.json'));
    const picker = vi.fn(async () => [{ name: 'mine.json', getFile }]);
    vi.stubGlobal('showOpenFilePicker', picker);
    try {
      renderPreview();
      await user.click(screen.getByLabelText('Scenario file (.json)'));
      expect(picker).toHaveBeenCalledTimes(1);
      expect(await screen.findByText(/^mine\.json: 1 error/)).toBeTruthy();
      onDisk = example;
      const again = screen.getByRole('button', { name: 'Check mine.json again' });
      again.focus();
      await user.keyboard('{Enter}');
      const status = await screen.findByText(/^Checked again at \d\d:\d\d:\d\d: mine\.json is valid\.$/);
      expect(status.getAttribute('role')).toBe('status');
      expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'No problems found in mine.json' }));
      expect(picker).toHaveBeenCalledTimes(1);
      expect(getFile).toHaveBeenCalledTimes(2);
      // Moved or deleted since: said in one line, and the button now opens the file window instead.
      getFile.mockRejectedValueOnce(new DOMException('gone', 'NotFoundError'));
      await user.click(screen.getByRole('button', { name: 'Check mine.json again' }));
      expect((await screen.findByRole('alert')).textContent).toBe('The file mine.json could not be read again (it may have been moved, renamed or deleted). Choose it again with “Scenario file (.json)” above.');
      const choose = screen.getByRole('button', { name: 'Check again: choose mine.json again' });
      // Its reason is the file's, not this browser's: it read the changed file again just before
      // (it said "This browser cannot read a file again once it has changed", author-47's walk).
      const why = document.getElementById(choose.getAttribute('aria-describedby') ?? '')?.textContent;
      expect(why).toBe('mine.json could not be read where it was, so the file window opens for you to choose it again.');
      // Chosen again there: checked again, as from the file field, its results focused (it said
      // "Checked at", and the focus stayed on the button).
      choose.focus();
      await user.keyboard('{Enter}');
      // Its verdict is the same words as the check before's: what shows the new check done is its
      // results taking the focus (while it runs, the page says "Checking mine.json…", preview-checking).
      await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'No problems found in mine.json' })));
      expect(screen.getByText(/^Checked again at \d\d:\d\d:\d\d: mine\.json is valid\.$/)).toBeTruthy();
      expect(picker).toHaveBeenCalledTimes(2);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('without a handle, "Check again" does not re-read the old file: it opens the file window, and says why', async () => {
    const user = userEvent.setup();
    renderPreview();
    const file = new File([example], 'mine.json');
    const read = vi.spyOn(file, 'arrayBuffer');
    const input = screen.getByLabelText('Scenario file (.json)') as HTMLInputElement;
    await user.upload(input, file);
    expect(await screen.findByText(/^mine\.json is valid/)).toBeTruthy();
    const again = screen.getByRole('button', { name: 'Check again: choose mine.json again' });
    expect(again.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(again.getAttribute('aria-describedby') ?? '')?.textContent).toBe('This browser cannot read a file again once it has changed, so the file window opens for you to choose it again.');
    const opened = vi.spyOn(input, 'click').mockImplementation(() => undefined);
    again.focus();
    await user.keyboard('{Enter}');
    expect(opened).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('keyboard users keep their place: Play it now focuses the preview, Back returns to the button pressed', async () => {
    const user = userEvent.setup();
    renderPreview();
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([example], 'example.json'));
    await screen.findByText(/^example\.json is valid/);
    screen.getByRole('button', { name: 'Play it now (assessment)' }).focus();
    await user.keyboard('{Enter}');
    // The button pressed is gone: focus is on the start of what replaced it, not on the page's body.
    expect(document.activeElement?.textContent).toMatch(/^Preview of example\.json/);
    screen.getByRole('button', { name: "Back to the file's check" }).focus();
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Play it now (assessment)' }));
  });

  it("checking a file from the app's scenarios/ folder leaves focus on its results, not on the page body", async () => {
    const user = userEvent.setup();
    renderApp('#/preview');
    await user.click(await screen.findByText("Or check a file from the app's scenarios/ folder"));
    const button = screen.getByRole('button', { name: 'Check court-report.json' });
    button.focus();
    await user.keyboard('{Enter}');
    // The page opens the file's own address (#/preview/court-report.json): the button pressed is gone.
    const heading = await screen.findByRole('heading', { name: 'No problems found in court-report.json' });
    expect(screen.getByText('court-report.json is valid.')).toBeTruthy();
    expect(document.activeElement).toBe(heading);
  });

  // Checking the file already shown again gave the same verdict words as before ("court-report.json
  // is valid."), so after "Checking…" nothing new was said and a screen-reader user could not tell
  // that the check had run.
  it('checking the file already shown says it was checked again, and when, each time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date(2026, 11, 4, 21, 34, 5));
      const user = userEvent.setup();
      renderApp('#/preview/court-report.json');
      expect(await screen.findByText('court-report.json is valid.')).toBeTruthy();
      await user.click(screen.getByText("Or check a file from the app's scenarios/ folder"));
      const checkOnce = async () => {
        const watch = watchAnnouncements('[role="status"]', true);
        try {
          await user.click(screen.getByRole('button', { name: 'Check court-report.json' }));
          await screen.findByRole('heading', { name: 'No problems found in court-report.json' });
        } finally {
          watch.stop();
        }
        return watch.said.at(-1);
      };
      expect(await checkOnce()).toBe('Checked again at 21:34:05: court-report.json is valid.');
      vi.setSystemTime(new Date(2026, 11, 4, 21, 34, 9));
      expect(await checkOnce()).toBe('Checked again at 21:34:09: court-report.json is valid.');
      expect(screen.getByText(/^Results below are for/).textContent).toBe('Results below are for court-report.json, checked again. Choose a file above to check another one.');
    } finally {
      vi.useRealTimers();
    }
  });

  // The address kept naming the app's file after the trainer opened their own: a reload (or the link
  // sent to a colleague) checked court-report.json, not the file the results had been for.
  it("opening a file of one's own on the page of an app's file gives the page its own address; checking the app's file again names it again", async () => {
    const user = userEvent.setup();
    renderApp('#/preview/court-report.json');
    expect(await screen.findByText('court-report.json is valid.')).toBeTruthy();
    const entries = history.length;
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([example], 'mine.json'));
    expect(await screen.findByText(/^mine\.json is valid/)).toBeTruthy();
    expect(location.hash).toBe('#/preview');
    expect(document.title).not.toMatch(/court-report/);
    // Replaced in place: Back leaves the page, as it did before the file was opened.
    expect(history.length).toBe(entries);
    await user.click(screen.getByText("Or check a file from the app's scenarios/ folder"));
    await user.click(screen.getByRole('button', { name: 'Check court-report.json' }));
    expect(await screen.findByText('court-report.json is valid.')).toBeTruthy();
    expect(location.hash).toBe('#/preview/court-report.json');
    expect(document.title).toMatch(/court-report\.json/);
  });

  it("a copy of one of the app's scenarios that keeps its id is warned, as casa-practice validate warns in the scenarios folder; with an id of its own it is not", async () => {
    const user = userEvent.setup();
    renderPreview();
    const input = screen.getByLabelText('Scenario file (.json)');
    await user.upload(input, new File([courtReport], 'my-copy.json'));
    expect(await screen.findByText('my-copy.json is valid (1 warning).')).toBeTruthy();
    const line = courtReport.slice(0, courtReport.indexOf('"id"')).split('\n').length;
    const item = screen.getByText(/\[duplicate-scenario-id\]/).closest('li') as HTMLElement;
    expect(within(item).getByText(new RegExp(`^my-copy\\.json:${line}:\\d+$`))).toBeTruthy();
    // What they would share, for a play here saves nothing: the terminal's "(Saved progress stays
    // apart: outside the scenarios folder it is kept per file.)" was of its own plays. Added to the
    // app's scenarios, the two would share this browser's save and records (both kept by id).
    expect(within(item).getByText(/^The app's/).textContent).toBe('The app\'s scenario file "scenarios/court-report.json" has the id "court-report" too: played in this Preview, a file saves nothing and adds nothing to your records; but once it is added to the app\'s scenarios, the Scenarios page would open only one of the two (this app opens a scenario by its id), and this browser would keep one saved playthrough and one set of completion records (best score, times finished) between them. Played in the app\'s terminal version (a program run by typing commands), it would share that scenario\'s completion records wherever the file is.');
    expect(item.textContent).toContain('Fix: Give this scenario an id of its own');
    await user.upload(input, new File([courtReport.replace('"id": "court-report"', '"id": "court-report-ours"')], 'court-report-ours.json'));
    expect(await screen.findByText('court-report-ours.json is valid.')).toBeTruthy();
    expect(screen.queryByText(/\[duplicate-scenario-id\]/)).toBeNull();
  });

  it("one of the app's own files opened through the file window, unchanged, is checked as the app's own: no warning that it shares its own id; changed, it is told what the Scenarios page plays until the app is built again", async () => {
    // README: `new first-court-date` writes scenarios/first-court-date.json, `npm start` builds it
    // into the app, and Preview, opening that file, told the trainer it had the id of the app's
    // scenarios/first-court-date.json and to give it an id and a name of its own (a copy of itself).
    const user = userEvent.setup();
    renderPreview();
    const input = screen.getByLabelText('Scenario file (.json)');
    await user.upload(input, new File([courtReport], 'court-report.json'));
    expect(await screen.findByText('court-report.json is valid.')).toBeTruthy();
    expect(screen.queryByText(/\[duplicate-scenario-id\]/)).toBeNull();
    // Changed (this file edited since the app was built, most likely, or a trainer's own file of that
    // name): told that, and what the Scenarios page plays until the app is built again, not that it
    // shares its own id with the app's file and needs one of its own (found by author-61).
    await user.upload(input, new File([courtReport.replace('"title": "', '"title": "Edited: ')], 'court-report.json'));
    expect(await screen.findByText(/court-report\.json is valid \(1 warning\)\.$/)).toBeTruthy();
    expect(screen.queryByText(/\[duplicate-scenario-id\]/)).toBeNull();
    const item = screen.getByText(/\[app-scenario-changed\]/).closest('li') as HTMLElement;
    expect(within(item).getByText(/^This file/).textContent).toBe('This file has the name and the id of the app\'s scenario file "scenarios/court-report.json", but not its text: it is that scenario changed since the app was built, or another file under its name. Here you check and play this file as it is now; the app\'s Scenarios page plays the scenario as the app was built until the app is built again with this file in its scenarios/ folder, and then plays this one in its place.');
    expect(item.textContent).toContain('Fix: If you are changing the app\'s scenario, keep its id and file name');
    // Under another id, it is no longer that scenario: no word about it, nor about sharing an id.
    await user.upload(input, new File([courtReport.replace('"id": "court-report"', '"id": "court-report-ours"')], 'court-report.json'));
    expect(await screen.findByText(/court-report\.json is valid\.$/)).toBeTruthy();
    // Another scenario's id under this name is a copy of that one: warned as before.
    const harm = courtReport.replace('"id": "court-report"', '"id": "harm-reduction"');
    await user.upload(input, new File([harm], 'court-report.json'));
    expect(await screen.findByText(/\[duplicate-scenario-id\]/)).toBeTruthy();
    expect(screen.queryByText(/\[app-scenario-changed\]/)).toBeNull();
  });

  it('a file still being read when another is chosen never shows its results over the newer file\'s', async () => {
    const user = userEvent.setup();
    renderPreview();
    const input = screen.getByLabelText('Scenario file (.json)');
    // A large file: its bytes come only when the test says so, after the second file is checked.
    const slow = new File(['{'], 'big.json');
    let release = () => {};
    const read = new Promise<ArrayBuffer>((resolve) => { release = () => resolve(new TextEncoder().encode('{ "oops" }').buffer); });
    Object.defineProperty(slow, 'arrayBuffer', { value: () => read });
    await user.upload(input, slow);
    await user.upload(input, new File([example], 'example.json'));
    expect(await screen.findByText(/^example\.json is valid/)).toBeTruthy();
    // The superseded check runs to its end (act waits for its promises and renders).
    await act(async () => {
      release();
      await read;
    });
    expect(screen.getByText(/^example\.json is valid/)).toBeTruthy();
    expect(screen.queryByText(/big\.json/)).toBeNull();
    expect(screen.getByRole('heading', { level: 2, name: /example\.json/ })).toBeTruthy();
  });

  it('a file that is not UTF-8 gets the same error as on the command line, not a silent replacement character', async () => {
    const user = userEvent.setup();
    renderPreview();
    // "Café" saved as Latin-1: é is the byte 0xE9, which is not UTF-8.
    const latin1 = Uint8Array.from(example.replace('"title": "', '"title": "Caf\u00e9 '), (c) => c.charCodeAt(0));
    expect(latin1.includes(0xe9)).toBe(true);
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([latin1], 'latin1.json'));
    expect(await screen.findByText(/^latin1\.json: 1 error/)).toBeTruthy();
    expect(screen.getByText(/The file is not valid UTF-8 text/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Play it now/ })).toBeNull();
  });

  it('a file larger than any scenario is refused by its size, as on the command line, without its bytes being read', async () => {
    const user = userEvent.setup();
    renderPreview();
    const huge = new File(['{}'], 'huge.json');
    Object.defineProperty(huge, 'size', { value: 3 * 1024 ** 3 });
    const read = vi.spyOn(huge, 'arrayBuffer');
    await user.upload(screen.getByLabelText('Scenario file (.json)'), huge);
    expect(await screen.findByText(/^huge\.json: 1 error/)).toBeTruthy();
    expect(screen.getByText(/The file was not read: it is 3072\.0 MB; scenario files are limited to 128(\.0)? MB\./)).toBeTruthy();
    expect(read).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: /Play it now/ })).toBeNull();
  });

  it("an address naming a file that is not in the app's scenarios/ folder says so", async () => {
    renderApp('#/preview/mine%3Cb%3E.json');
    expect(await screen.findByText("There is no file mine<b>.json in the app's scenarios/ folder: open your file with “Scenario file (.json)” above, or check one of the folder's files.")).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /Problems in|No problems found/ })).toBeNull();
  });
});
