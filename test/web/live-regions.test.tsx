// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { nestedLiveRegions, watchNestedLiveRegions } from './helpers/live-regions.js';

afterEach(cleanup);

/** A page of `html`, in a document of its own (the page-wide check of live-regions.setup.ts watches the test's document only). */
function page(html: string): Document {
  const doc = document.implementation.createHTMLDocument('page');
  doc.body.innerHTML = html;
  return doc;
}

// The check that every web test runs (live-regions.setup.ts) and the e2e tests run with axe: it
// finds each way a message can be in two live regions at once, and nothing else.
describe('live regions inside other live regions', () => {
  it('finds an alert inside a polite region (as My records had it), and any live region inside another', () => {
    expect(nestedLiveRegions(page('<div aria-live="polite"><p id="backup-message" role="alert">This file cannot be loaded.</p></div>'))).toEqual([
      'p#backup-message[role="alert"] "This file cannot be loaded." is inside div[aria-live="polite"] "This file cannot be loaded."',
    ]);
    // A status in an alert, an assertive region in a conversation log, an output in a status, a
    // region two levels down (each is named with its nearest live ancestor).
    expect(nestedLiveRegions(page('<div role="alert"><p role="status">a</p></div>'))).toHaveLength(1);
    expect(nestedLiveRegions(page('<div role="log"><section><p aria-live="assertive">b</p></section></div>'))).toHaveLength(1);
    expect(nestedLiveRegions(page('<p role="status"><output>c</output></p>'))).toHaveLength(1);
    expect(nestedLiveRegions(page('<div aria-live="polite"><div role="status"><p role="alert">d</p></div></div>'))).toEqual([
      'div[role="status"] "d" is inside div[aria-live="polite"] "d"',
      'p[role="alert"] "d" is inside div[role="status"] "d"',
    ]);
  });

  it('lets regions side by side be, and a part of a region marked aria-live="off"', () => {
    expect(nestedLiveRegions(page('<div aria-live="polite"></div><p role="alert">refused</p><p role="status">news</p><div role="log"><p>line</p></div>'))).toEqual([]);
    // Not a live region itself (the play page's progress words in its status line)…
    expect(nestedLiveRegions(page('<p role="status"><span aria-live="off">Decision 1 of about 5</span></p>'))).toEqual([]);
    // …whatever its role…
    expect(nestedLiveRegions(page('<div aria-live="polite"><p role="status" aria-live="off">e</p></div>'))).toEqual([]);
    // …and it silences the region around it there.
    expect(nestedLiveRegions(page('<div aria-live="polite"><div aria-live="off"><p role="status">f</p></div></div>'))).toEqual([]);
  });

  it('is found when a later render nests one, even if it has gone again before the end', async () => {
    function Notice({ nested }: { nested: boolean }) {
      return <div aria-live="polite">{nested ? <p role="alert">Refused.</p> : <p>News.</p>}</div>;
    }
    const doc = page('');
    const container = doc.body.appendChild(doc.createElement('div'));
    const watch = watchNestedLiveRegions(doc);
    const shown = render(<Notice nested={false} />, { container });
    await Promise.resolve();
    expect(watch.found).toEqual([]);
    shown.rerender(<Notice nested />);
    await Promise.resolve();
    shown.rerender(<Notice nested={false} />);
    expect(nestedLiveRegions(doc)).toEqual([]);
    expect(watch.stop()).toEqual(['p[role="alert"] "Refused." is inside div[aria-live="polite"] "Refused."']);
  });
});
