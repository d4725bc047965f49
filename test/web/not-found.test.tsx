// @vitest-environment jsdom
// An address that names no page (an old or mistyped link) showed the scenarios, as if it were their
// address, and nothing said the link had led nowhere. It says so now, as text that repeats no part of
// the address, with the way to the scenarios; titled and focused as any other page is.
import { cleanup, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { AXE_TAGS, COLOUR_RULES } from './helpers/axe-rules.js';
import { goTo, renderApp, XSS_SHORT } from './helpers.js';

afterEach(cleanup);

async function saysNotFound(): Promise<void> {
  await screen.findByRole('heading', { level: 1, name: 'Page not found' });
  expect(screen.queryByRole('heading', { level: 1, name: 'Practise a conversation' })).toBeNull();
  expect(document.title).toBe('Page not found — casa-practice');
  const back = screen.getByRole('link', { name: 'Back to the scenarios' });
  expect(back.getAttribute('href')).toBe('#/');
  // No navigation link claims to be the page shown.
  expect(document.querySelector('nav [aria-current]')).toBeNull();
}

describe('an address that names no page', () => {
  it('opened directly, says the page was not found, with the way to the scenarios; axe finds nothing', async () => {
    const { container } = renderApp('#/nope');
    await saysNotFound();
    const result = await axe.run(container, { runOnly: AXE_TAGS, rules: Object.fromEntries(COLOUR_RULES.map((r) => [r, { enabled: false }])), resultTypes: ['violations'] });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  });

  it('a scenario link with no scenario in it is not found either; the first page is still the first page', async () => {
    renderApp('#/play');
    await saysNotFound();
    await goTo('#/');
    await screen.findByRole('heading', { level: 1, name: 'Practise a conversation' });
    expect(document.title).toBe('Scenarios — casa-practice');
    await goTo('#/debrief/');
    await saysNotFound();
    await goTo('');
    await screen.findByRole('heading', { level: 1, name: 'Practise a conversation' });
  });

  it('followed from another page, the focus goes to it, and to each unknown address after another', async () => {
    renderApp('#/records');
    await screen.findByRole('heading', { level: 1, name: 'My records' });
    (document.activeElement as HTMLElement | null)?.blur();
    await goTo('#/recrods');
    await saysNotFound();
    expect(document.activeElement?.id).toBe('main');
    // Another unknown address is another page: the focus goes to it again.
    screen.getByRole('link', { name: 'Back to the scenarios' }).focus();
    screen.getByRole('link', { name: 'Back to the scenarios' }).blur();
    await goTo('#/old-link');
    await saysNotFound();
    await waitFor(() => expect(document.activeElement?.id).toBe('main'));
  });

  it('repeats no part of the address: markup in a link is neither shown nor run', async () => {
    renderApp(`#/${encodeURIComponent(XSS_SHORT)}`);
    await saysNotFound();
    const main = document.getElementById('main');
    expect(main?.textContent).not.toContain('script');
    expect(main?.textContent).not.toContain('<');
    expect(document.querySelector('#main img, #main script, #main svg')).toBeNull();
    expect(document.title).toBe('Page not found — casa-practice');
  });
});
