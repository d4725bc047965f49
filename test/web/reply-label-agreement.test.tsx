// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStore } from '../../src/machines/light.js';
import { selectView, startSession, validateScenario, yourReplyLabel } from '../../src/machines/index.js';
import { FeedbackPanel } from '../../src/terminal/ui/FeedbackPanel.js';
import { Session } from '../../src/web/components/Session.js';
import { StoreContext } from '../../src/web/store.js';
import exampleText from '../fixtures/good/example.json?raw';
import { renderAt, settle } from '../terminal/helpers/ink.js';

// Issue #7: a reply the volunteer chose was labelled two ways, "Do: …" on the terminal's feedback
// (and in its recap once resumed) and "You do: …" in the web's conversation. The label is the
// core's (yourReplyLabel), and both UIs show it before the reply: here the web's conversation and
// the terminal's feedback panel, after the same reply in the same scenario.

afterEach(cleanup);

const { scenario } = validateScenario(exampleText, 'example.json');
if (!scenario) throw new Error('example.json is not valid');

/** The web's line for the reply chosen by its words: its label (the speaker) and the whole line. */
async function webLine(words: RegExp): Promise<{ label: string; line: string }> {
  render(
    <StoreContext value={memoryStore()}>
      <Session playable={{ scenario: scenario!, file: 'example.json' }} mode="practice" startedAt={new Date().toISOString()} persist={false} paused={false} />
    </StoreContext>,
  );
  await userEvent.setup().click(await screen.findByRole('button', { name: words }));
  const yours = document.querySelector('.line.yours');
  const label = yours?.querySelector('.speaker')?.textContent ?? '';
  const line = yours?.textContent ?? '';
  cleanup();
  return { label, line };
}

/** The terminal's feedback panel after the same reply (by id), as text with its borders taken out. */
async function terminalPanel(replyId: string): Promise<string> {
  const actor = startSession(scenario!, 'practice', undefined, 1);
  actor.send({ type: 'reply.choose', replyId });
  const feedback = selectView(scenario!, actor.getSnapshot()).lastFeedback!;
  actor.stop();
  const r = await renderAt(<FeedbackPanel feedback={feedback} width={100} />, 100, 40);
  await settle(r);
  const text = r.lastFrame().replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
  r.unmount();
  return text;
}

describe('a chosen reply has one label in every UI (the core\'s yourReplyLabel)', () => {
  it('an action: "You do: …" in the web\'s conversation and on the terminal\'s feedback', async () => {
    const web = await webLine(/Say nothing about the phone/);
    expect(web.label).toBe(`${yourReplyLabel('do')}:`);
    expect(web.label).toBe('You do:');
    const terminal = await terminalPanel('phone-ignore');
    expect(terminal).toContain(web.line);
  });

  it('words said: "You:" in both, the terminal quoting them as it quotes every spoken line', async () => {
    const web = await webLine(/That's a nice one/);
    expect(web.label).toBe(`${yourReplyLabel('say')}:`);
    expect(web.label).toBe('You:');
    const terminal = await terminalPanel('phone-curious');
    const words = web.line.slice(web.label.length).trim();
    expect(terminal).toContain(`${web.label} “${words}”`);
  });
});
