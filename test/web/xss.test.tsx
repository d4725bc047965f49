// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStore, validateScenario } from '../../src/machines/index.js';
import { Session } from '../../src/web/components/Session.js';
import { StoreContext } from '../../src/web/store.js';
import example from '../fixtures/good/example.json?raw';
import { renderApp, XSS, XSS_SHORT, replyKey } from './helpers.js';

afterEach(cleanup);

const TEXT_FIELDS = new Set(['summary', 'contentNote', 'narration', 'text', 'feedback', 'prompt', 'facilitatorNote', 'discussionPrompt']);
const SHORT_FIELDS = new Set(['title', 'name', 'label']);

/** The example scenario with the payloads added to every text a volunteer sees. */
function hostile(): string {
  const add = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(add);
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' && TEXT_FIELDS.has(k) ? `${x}${XSS}` : typeof x === 'string' && SHORT_FIELDS.has(k) ? `${x} ${XSS_SHORT}` : add(x)]));
  };
  return JSON.stringify(add(JSON.parse(example)));
}

describe('scenario text is untrusted', () => {
  it('script tags, event handlers and javascript: links in every text field show as inert text through to the debrief', async () => {
    const result = validateScenario(hostile(), 'hostile.json');
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const scenario = result.scenario;
    if (!scenario) throw new Error('not valid');
    const user = userEvent.setup();
    const { container } = render(
      <StoreContext value={memoryStore()}>
        <Session playable={{ scenario, file: 'hostile.json' }} mode="practice" startedAt={new Date().toISOString()} persist={false} paused={false} />
      </StoreContext>,
    );
    const check = () => {
      expect(container.querySelector('script, img, svg, iframe, object, embed')).toBeNull();
      expect(container.querySelector('a[href^="javascript"], [onerror], [onload]')).toBeNull();
      expect((window as { __xss?: number }).__xss).toBeUndefined();
    };
    // The payload is shown, as text, in the narration, the lines and the replies.
    expect(screen.getAllByText((t) => t.includes('<script>window.__xss = 1</script>')).length).toBeGreaterThan(2);
    check();
    await replyKey(user, '1');
    check();
    for (let i = 0; i < 10 && !document.getElementById('debrief-heading'); i++) {
      const next = screen.queryByRole('button', { name: /^(Continue|See the debrief)$/ });
      if (next) await user.click(next);
      else await replyKey(user, '1');
    }
    expect(document.getElementById('debrief-heading')?.textContent).toContain('<img src=x');
    expect(screen.getAllByText((t) => t.includes('<script>window.__xss = 1</script>')).length).toBeGreaterThan(2);
    check();
  });
});

describe('the address is untrusted (anyone can send a link)', () => {
  it('a scenario id in the address is shown cleaned and cut short: no bidi override, invisible or control character, no 10,000-character line', async () => {
    // U+202E turns what follows around on screen; U+200B is invisible; ESC and BEL are controls.
    renderApp(`#/play/${encodeURIComponent(`youth\u202Eevil\u200B\u001b[2J\u0007${'x'.repeat(10_000)}`)}`);
    const said = await screen.findByText(/^There is no scenario called/);
    expect(said.textContent).toMatch(/^There is no scenario called “youthevilx+…” here\. Back to the scenarios\.$/);
    expect(said.textContent!.length).toBeLessThan(200);
  });

  it('a file name in the Preview address is shown the same way', async () => {
    renderApp(`#/preview/${encodeURIComponent(`mine\u202E\u200B\u001b]0;x\u0007${'y'.repeat(10_000)}.json`)}`);
    const said = await screen.findByText(/^There is no file /);
    expect(said.textContent).toMatch(/^There is no file miney+… in the app's scenarios\/ folder/);
  });
});
