// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStore } from '../../src/machines/light.js';
import { codeParts } from '../../src/web/code-parts.js';
import { validateScenario } from '../../src/machines/validate/index.js';
import Preview from '../../src/web/pages/Preview.js';
import { StoreContext } from '../../src/web/store.js';
import example from '../fixtures/good/example.json?raw';
import { AUTHORING_HELP } from '../../src/web/components/AuthoringHelp.js';

afterEach(cleanup);

// From the web check (session 44): the Preview showed a fix's code (the line as it should read, ids,
// field names, a condition to write) in the body font, run in with the words around it. The parts
// that are JSON to type are now <code> (monospace), as text only; prose in quotes stays prose.
const codes = (text: string) => codeParts(text).filter((p) => p.code).map((p) => p.text);

describe('codeParts: the JSON in a validator fix', () => {
  it('finds a line to write, a field with its value, ids, a bracket and an escape, and leaves prose in quotes as prose', () => {
    expect(codes('Remove the extra ", so that the line reads: { "id": "jade", "name": "Jade", "role": "youth", "age": 15 }')).toEqual(['"', '{ "id": "jade", "name": "Jade", "role": "youth", "age": 15 }']);
    expect(codes('Add "when", e.g. "when": { "conduct": "critical", "gte": 1 } (see the conditions). A text told whatever happened belongs in the ending\'s "narration": move it there.'))
      .toEqual(['"when"', '"when": { "conduct": "critical", "gte": 1 }', '"narration"']);
    expect(codes('Write "ending": "mixed" (where a mix of good and poor replies leads). The values are "strong", "mixed", "harmful".')).toEqual(['"ending": "mixed"', '"strong"', '"mixed"', '"harmful"']);
    expect(codes('Write a whole number: for "five", write "estimatedMinutes": 5.')).toEqual(['"five"', '"estimatedMinutes": 5']);
    expect(codes('Add "feedback": a sentence or two on why this reply helps.')).toEqual(['"feedback"']);
    expect(codes('Delete this } (do not add a comma before it); the scenario is the { … } between them.')).toEqual(['}', '{ … }']);
    expect(codes('Write it on one line (remove the "\\n"), or write \\n where a line starts.')).toEqual(['"\\n"', '\\n']);
    expect(codes('Write \\" for a quotation mark inside text. Here: "Look, a phone that doesn\'t \\"die\\" every hour.".')).toEqual(['\\"', '"Look, a phone that doesn\'t \\"die\\" every hour."']);
    // Straight-quoted words that are no JSON to type (a menu's name, wording to use) stay prose, as the curly-quoted names of this page do.
    expect(codes('First choose "Reopen with Encoding" and pick "Western (Windows 1252)"; see “Writing a scenario”.')).toEqual([]);
    expect(codes('This reply is scored on "curious-not-interrogating", whose section is "Red Flags": write its heading.')).toEqual(['"curious-not-interrogating"']);
    expect(codes('Say "a CSEC": "youth" names the person first.')).toEqual(['"youth"']);
    // The words of a text to write again without its markup (markdown, html-tag) are wording, one word or several (verweb-44:
    // "Write "She looks tired" without the asterisks" was prose and "Write "Nothing" without the asterisks" code, in one list).
    expect(codes('Write "Nothing" without the asterisks. To stress a word, let the sentence carry it.')).toEqual([]);
    expect(codes('Write "said" without the tags.')).toEqual([]);
    expect(codes('Write "calm" without the underscores.')).toEqual([]);
    expect(codes('To go on to one node, write "next": "d2" without the [ ]; a list of "next" holds routes.')).toEqual(['"next": "d2"', '[ ]', '"next"']);
    // Each part as written: nothing lost or added.
    const fix = 'Use one of: "a-csec" (allows "a CSEC" in this text), or add "allowLanguage": ["a-csec"] to [ that line.';
    expect(codeParts(fix).map((p) => p.text).join('')).toBe(fix);
  });
});

describe('the Preview shows a fix\'s code in <code>, as text', () => {
  const renderPreview = () => render(<StoreContext value={memoryStore()}><Preview /></StoreContext>);
  const fixOf = (item: HTMLElement) => [...item.querySelectorAll('p')].find((p) => p.textContent?.startsWith('Fix:'))!;

  it('the line as it should read, and a variant\'s "when"; the page\'s own names stay in the body font', async () => {
    const user = userEvent.setup();
    renderPreview();
    const extraQuote = readFileSync('test/fixtures/bad/syntax-extra-quote.json', 'utf8');
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([extraQuote], 'mine.json', { type: 'application/json' }));
    await screen.findByText(/^mine\.json: 1 error/);
    const fix = fixOf(screen.getAllByRole('listitem').find((li) => li.textContent?.includes('syntax-extra-quote'))!);
    expect(fix.textContent).toBe('Fix: Remove the extra ", so that the line reads: { "id": "jade", "name": "Jade", "role": "youth", "age": 15 }');
    expect([...fix.querySelectorAll('code')].map((c) => c.textContent)).toEqual(['"', '{ "id": "jade", "name": "Jade", "role": "youth", "age": 15 }']);
    const variant = example.replace('"narration": "Nothing bad happens this week, but the team does not know what you noticed."', '"narration": "Nothing bad happens this week, but the team does not know what you noticed.", "variants": [ { "narration": "<img src=x onerror=alert(1)>" } ]');
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([variant], 'variant.json', { type: 'application/json' }));
    await screen.findByText(/^variant\.json: 1 error/);
    const variantFix = fixOf(screen.getAllByRole('listitem').find((li) => li.textContent?.includes('missing-field'))!);
    expect([...variantFix.querySelectorAll('code')].map((c) => c.textContent)).toEqual(['"when"', '"when": { "conduct": "critical", "gte": 1 }', '"narration"']);
    expect(variantFix.textContent).toContain(`(“${AUTHORING_HELP}”, at the top of this page, offers it to download)`);
    expect(document.querySelector('img')).toBeNull();
  });

  it('a text to write without its marks is prose, whether one word or several (markdown, html-tag)', async () => {
    const user = userEvent.setup();
    renderPreview();
    const text = example.replace('She is scrolling on a phone', '**She is** scrolling on a <b>phone</b> you have **not** seen, <b>the newest model</b>. She is scrolling on a phone');
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([text], 'marks.json', { type: 'application/json' }));
    await screen.findByText(/^marks\.json is valid \(4 warnings\)/);
    const fixes = [...document.querySelectorAll('.problems li')].map((li) => fixOf(li as HTMLElement));
    expect(fixes.map((f) => f.textContent?.replace(/\. To stress.*$/, ''))).toEqual(['Fix: Write "She is" without the asterisks', 'Fix: Write "phone" without the tags', 'Fix: Write "not" without the asterisks', 'Fix: Write "the newest model" without the tags']);
    expect(fixes.flatMap((f) => [...f.querySelectorAll('code')].map((c) => c.textContent))).toEqual([]);
  });

  it('markup in a fix (a line the file gives) is shown as text inside <code>, never as HTML', async () => {
    const user = userEvent.setup();
    renderPreview();
    // The line as it should read, with markup in a name: an extra quote after it.
    const text = readFileSync('test/fixtures/bad/syntax-extra-quote.json', 'utf8').replace('"name": "Jade""', '"name": "<b>Jade</b>""');
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([text], 'markup.json', { type: 'application/json' }));
    await screen.findByText(/^markup\.json: \d+ errors?/);
    const fixes = [...document.querySelectorAll('.problems li')].map((li) => fixOf(li as HTMLElement));
    expect(document.querySelector('.problems b')).toBeNull();
    expect(fixes.flatMap((f) => [...f.querySelectorAll('code')].map((c) => c.textContent))).toContain('{ "id": "jade", "name": "<b>Jade</b>", "role": "youth", "age": 15 }');
  });
});

// From the web check (polish-44): a message named ids and field names in the body font while its fix
// showed them in <code>. A message's ids and field names are code; the words it quotes stay prose.
describe('codeParts on a validator message', () => {
  const messageCodes = (text: string) => codeParts(text, true).filter((p) => p.code).map((p) => p.text);

  it('finds ids, field names, a field with its value and brackets, and leaves quoted words prose', () => {
    expect(messageCodes('The reply "phone-ignore" is missing "feedback".')).toEqual(['"phone-ignore"', '"feedback"']);
    expect(messageCodes('"narations" is not a field of a decision node. Did you mean "narration"?')).toEqual(['"narations"', '"narration"']);
    expect(messageCodes('The file holds a list ([ … ]), but a scenario is one JSON object ({ … }).')).toEqual(['[ … ]', '{ … }']);
    expect(messageCodes('"__proto__" is not a field of the scenario.')).toEqual(['"__proto__"']);
    // A character's name and its words, wording as written, Markdown marks, a guide section: prose.
    expect(messageCodes('The character "grandma" ("Abuela Rosa") never speaks (no line has "character": "grandma") and no text names them ("Abuela Rosa", "Abuela" or "Rosa").'))
      .toEqual(['"grandma"', '"character": "grandma"']);
    expect(messageCodes('This text writes "*die*" with Markdown\'s asterisks for emphasis.')).toEqual([]);
    expect(messageCodes('This text writes "_die_" with Markdown\'s underscores for emphasis.')).toEqual([]);
    expect(messageCodes('"Red Flag" is not a section of the guide. Did you mean "Red Flags"?')).toEqual([]);
    const message = 'The text "phone-\\u200baccuse" is not a valid id: on screen it looks like "phone-accuse".';
    expect(messageCodes(message)).toEqual(['"phone-\\u200baccuse"', '"phone-accuse"']);
    expect(codeParts(message, true).map((p) => p.text).join('')).toBe(message);
  });

  // Found by the authoring walk (authorwalk-45): an HTML tag the file holds was code in one place and
  // prose in the next: "<img src=\"…" (an escape in it) and the fix's "<hr>" in <code>, the message's
  // "<hr>" and "<wbr>" and the fix's "<hr />" (a space in it) in the body font.
  it('an HTML tag as the file writes it is code, in the message and in the fix, with a space in it or not', () => {
    const text = example.replace('"Nothing bad happens this week', '"Nothing<wbr> bad <hr /> happens<hr> this week <img src=\\"bench.png\\" alt=\\"the bench\\">');
    expect(text).not.toBe(example);
    const tags = validateScenario(text, 'x.json').problems.filter((p) => p.code === 'html-tag');
    expect(tags.map((p) => [messageCodes(p.message), codes(p.fix)])).toEqual([
      [['"<wbr>"'], ['"<wbr>"']],
      [['"<hr />"'], ['\\n\\n', '"<hr />"']],
      [['"<hr>"'], ['\\n\\n', '"<hr>"']],
      [['"<img src=\\"bench.png\\" alt=\\"the bench\\">"'], ['"<img src=\\"bench.png\\" alt=\\"the bench\\">"']],
    ]);
    // A closing tag and a pair, as the fix names them; the words written again without the tags stay prose.
    expect(codes('Write \\n\\n between paragraphs instead of "<p>" and "</p>".')).toEqual(['\\n\\n', '"<p>"', '"</p>"']);
    expect(messageCodes('This text writes "<b>never</b>", HTML tags, but the apps show text as written.')).toEqual(['"<b>never</b>"']);
    expect(codes('Write "never" without the tags.')).toEqual([]);
    expect(messageCodes('It is "<3" to her, and "trust < 60" is no tag.')).toEqual([]);
  });

  it('every message of test/fixtures/bad, joined again, is the message as given, and no capitalised word alone in quotes is code', () => {
    for (const f of readdirSync('test/fixtures/bad').filter((n) => n.endsWith('.json'))) {
      for (const p of validateScenario(readFileSync(`test/fixtures/bad/${f}`), f).problems) {
        const parts = codeParts(p.message, true);
        expect(parts.map((x) => x.text).join(''), f).toBe(p.message);
        for (const c of parts.filter((x) => x.code)) expect(c.text, `${f}: ${p.message}`).not.toMatch(/^"(?:[A-Z*]|_(?!_))[^"\s]*"$/);
      }
    }
  });
});

describe('the Preview shows a message\'s ids and field names in <code>, as text', () => {
  const renderPreview = () => render(<StoreContext value={memoryStore()}><Preview /></StoreContext>);
  const messageOf = (item: Element) => item.querySelectorAll('p')[1]!;

  it('an unknown field and the reply missing its feedback; the flagged language stays prose', async () => {
    const user = userEvent.setup();
    renderPreview();
    const text = example.replace('"narration": "Nothing bad happens this week', '"narations": "x", "narration": "Nothing bad happens to a CSEC this week; nobody calls her a prostitute');
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([text], 'fields.json', { type: 'application/json' }));
    await screen.findByText(/^fields\.json: \d+ errors?/);
    const items = [...document.querySelectorAll('.problems li')];
    const unknown = items.find((li) => li.textContent?.includes('[unknown-field]'))!;
    expect(messageOf(unknown).textContent).toMatch(/^"narations" is not a field of/);
    expect([...messageOf(unknown).querySelectorAll('code')].map((c) => c.textContent)[0]).toBe('"narations"');
    const language = items.filter((x) => x.textContent?.includes('[language]'));
    // One flagged word in lower case as well: wording, not an id.
    expect(language.map((li) => messageOf(li).textContent)).toEqual([expect.stringMatching(/^"a CSEC": "CSEC" names/), expect.stringMatching(/^"prostitute": Calling/)]);
    for (const li of language) expect(messageOf(li).querySelectorAll('code')).toHaveLength(0);
  });
});
