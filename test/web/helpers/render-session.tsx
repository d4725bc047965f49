import { render, screen } from '@testing-library/react';
import type { userEvent } from '@testing-library/user-event';
import { memoryStore } from '../../../src/machines/light.js';
import { validateScenario } from '../../../src/machines/index.js';
import { Session } from '../../../src/web/components/Session.js';
import Preview from '../../../src/web/pages/Preview.js';
import { StoreContext } from '../../../src/web/store.js';

/** A practice session of `text` (named `file`), not kept, over a store of its own: the scenario it plays. */
export function renderPractice(text: string, file = 'example.json') {
  const { scenario } = validateScenario(text, file);
  if (!scenario) throw new Error('not valid');
  render(
    <StoreContext value={memoryStore()}>
      <Session playable={{ scenario, file }} mode="practice" startedAt={new Date().toISOString()} persist={false} paused={false} />
    </StoreContext>,
  );
  return scenario;
}

/** The Preview page with `text` chosen in its file field as mine.json and found valid: the page's container and the field. */
export async function previewWithValidFile(user: ReturnType<typeof userEvent.setup>, text: string) {
  const { container } = render(<StoreContext value={memoryStore()}><Preview /></StoreContext>);
  const input = screen.getByLabelText('Scenario file (.json)') as HTMLInputElement;
  await user.upload(input, new File([text], 'mine.json'));
  await screen.findByText('mine.json is valid.');
  return { container, input };
}
