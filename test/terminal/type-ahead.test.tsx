import { Text } from 'ink';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KEY, renderAt, settle, tap } from './helpers/ink.js';
import { KeyRouterProvider, useHeldKeys, useKeyRouter, useKeys } from '../../src/terminal/ui/useKeys.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** What the test does to the app in the harness: start a load (as Enter on a content note does), end it. */
interface Control {
  setLoading?: (loading: boolean) => void;
}

/**
 * The app's shape around a load: the key router, and either a "Loading…" line (useHeldKeys, as the
 * app's Loading) or a screen that records its keys. Enter on the screen starts a load, as Enter on
 * a content note does. (Not the words "Loading…": the helpers' settle waits while a frame says so.)
 */
function Harness({ control, keys, onInterrupt, loadingFirst }: { control: Control; keys: string[]; onInterrupt: () => void; loadingFirst: boolean }) {
  const router = useKeyRouter();
  const [loading, setLoading] = useState(loadingFirst);
  control.setLoading = setLoading;
  return <KeyRouterProvider value={router}>{loading ? <Held onInterrupt={onInterrupt} /> : <Screen keys={keys} onEnter={() => setLoading(true)} />}</KeyRouterProvider>;
}

function Held({ onInterrupt }: { onInterrupt: () => void }) {
  useHeldKeys(onInterrupt);
  return <Text>Reading the scenario…</Text>;
}

function Screen({ keys, onEnter }: { keys: string[]; onEnter: () => void }) {
  useKeys((a, input) => {
    if (a.type === 'enter') return onEnter();
    keys.push(input);
  });
  return <Text>Ready: {keys.join(' ')}</Text>;
}

async function harness(loadingFirst: boolean) {
  const control: Control = {};
  const keys: string[] = [];
  const onInterrupt = vi.fn();
  const r = await renderAt(<Harness control={control} keys={keys} onInterrupt={onInterrupt} loadingFirst={loadingFirst} />, 60, 24);
  cleanup = () => r.unmount();
  const ready = async () => {
    control.setLoading?.(false);
    await settle(r);
    // Each held key is handed on after the one before it has been drawn.
    await vi.waitFor(() => expect(r.lastFrame()).toContain('Ready'), { timeout: 5000, interval: 5 });
    for (let i = 0; i < 6; i++) await settle(r);
  };
  return { r, keys, onInterrupt, ready };
}

describe('keys typed while "Loading…" shows', () => {
  it('go to the screen that comes, in order (a quick 1 at start-up, then q)', async () => {
    const { r, keys, ready } = await harness(true);
    expect(r.lastFrame()).toContain('Reading the scenario…');
    await tap(r, '1');
    await tap(r, 'q');
    expect(keys).toEqual([]);
    await ready();
    expect(keys).toEqual(['1', 'q']);
  });

  it('Ctrl-C does not wait for the load: it leaves at once', async () => {
    const { r, onInterrupt } = await harness(true);
    await tap(r, KEY.ctrlC);
    expect(onInterrupt).toHaveBeenCalledTimes(1);
  });

  it('a key typed with the one that started the load ("⏎1" as one input) is still not for the screen that comes; one typed after it is', async () => {
    const { r, keys, ready } = await harness(false);
    r.stdin.write('\r1');
    await vi.waitFor(() => expect(r.lastFrame()).toContain('Reading the scenario…'), { timeout: 5000, interval: 5 });
    for (let i = 0; i < 6; i++) await settle(r);
    await tap(r, '2');
    await ready();
    expect(keys).toEqual(['2']);
  });
});
