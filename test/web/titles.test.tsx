// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { debriefKey, memoryStore, validateScenario } from '../../src/machines/index.js';
import { Session } from '../../src/web/components/Session.js';
import { StoreContext } from '../../src/web/store.js';
import example from '../fixtures/good/example.json?raw';
import { goTo, playToDebrief, renderApp, XSS_SHORT } from './helpers.js';

afterEach(cleanup);

describe('each page has a title of its own (WCAG 2.4.2)', () => {
  it('the title names the page, and changes with the address', async () => {
    // Address, the page's main heading (so the page has been drawn), and the title it must have.
    const pages: [string, string | RegExp, string][] = [
      ['#/', 'Practise a conversation', 'Scenarios'],
      ['#/records', 'My records', 'My records'],
      ['#/preview', 'Preview a scenario file', 'Preview a file'],
      ['#/presenter', 'Presenter mode', 'Presenter mode'],
      ['#/certificate', /^Certificate/, 'Certificate'],
      ['#/play/no-such-scenario', 'Scenario not found', 'Scenario not found'],
    ];
    renderApp(pages[0]![0]);
    for (const [i, [hash, heading, title]] of pages.entries()) {
      if (i > 0) await goTo(hash);
      await screen.findByRole('heading', { level: 1, name: heading });
      expect(document.title, hash).toBe(`${title} — casa-practice`);
    }
  });

  // The window's title said "Play: …" of a scenario in practice, a word the page never uses: its
  // cards say "Practise", its status line "Practice", as the assessment's title says "Assessment".
  it('a scenario page is titled with the scenario and its mode, and its debrief says so', async () => {
    const user = userEvent.setup();
    renderApp('#/play/youth-discloses');
    await screen.findByRole('group', { name: /./ });
    const name = screen.getByRole('heading', { level: 1 }).textContent ?? '';
    expect(name.length).toBeGreaterThan(3);
    expect(document.title).toBe(`Practice: ${name} — casa-practice`);
    await playToDebrief(user);
    expect(document.title).toBe(`Debrief: ${name} — casa-practice`);
    await goTo('#/assess/youth-discloses');
    await screen.findByRole('group', { name: /./ });
    expect(document.title).toBe(`Assessment: ${name} — casa-practice`);
    await goTo('#/presenter/youth-discloses');
    await waitFor(() => expect(document.title).toBe(`Presenter: ${name} — casa-practice`));
    // Back to a page that only has its own name: the scenario's title does not linger.
    await goTo('#/records');
    await screen.findByRole('heading', { level: 1, name: 'My records' });
    expect(document.title).toBe('My records — casa-practice');
  });

  it('a scenario title from a file is text in the title, markup and all', () => {
    const hostile = JSON.parse(example) as { title: string };
    hostile.title = `A title ${XSS_SHORT}`;
    const scenario = validateScenario(JSON.stringify(hostile), 'hostile.json').scenario;
    if (!scenario) throw new Error('not valid');
    render(
      <StoreContext value={memoryStore()}>
        <Session playable={{ scenario, file: 'hostile.json' }} mode="practice" startedAt={new Date().toISOString()} persist={false} paused={false} />
      </StoreContext>,
    );
    expect(document.title).toBe(`Practice: A title ${XSS_SHORT} — casa-practice`);
    expect(document.head.querySelector('img')).toBeNull();
  });

  it('a page that could not be shown is titled so, not by the page it was to be', async () => {
    // A kept debrief that is damaged, in a browser whose storage will not set it aside: the page
    // fails while opening, and the app says so in its place.
    const store = memoryStore();
    store.write(debriefKey({ scenario: { id: 'youth-discloses' } }), '{ damaged');
    store.moveAside = () => {
      throw new Error('storage refused');
    };
    const quiet = console.error;
    console.error = () => {};
    try {
      renderApp('#/debrief/youth-discloses', store);
      await screen.findByRole('heading', { level: 1, name: 'This page could not be shown' });
      // It said "Debrief — casa-practice" (a screen reader's list of windows, the tab) over a page
      // whose only heading said it could not be shown.
      expect(document.title).toBe('This page could not be shown — casa-practice');
      // Another page, titled as its own.
      await goTo('#/records');
      await screen.findByRole('heading', { level: 1, name: 'My records' });
      expect(document.title).toBe('My records — casa-practice');
    } finally {
      console.error = quiet;
    }
  });

  it('a file name from the address reaches the title cleaned: no escape sequence or control character', async () => {
    renderApp('#/preview/%1B%5B31mred%07%E2%80%AE.json');
    await screen.findByText(/There is no file/);
    expect(document.title).toBe('Preview: red.json — casa-practice');
  });
});
