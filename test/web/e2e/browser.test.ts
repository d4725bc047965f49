import { afterAll, describe } from 'vitest';
import { closeChromium } from '../helpers/browser.js';

// The browser tests run as ONE test file: its parts one after another in one of Vitest's workers,
// while the other workers run the rest of the suite (vite.config.ts). They spend much of their time
// waiting on Chromium, phones and servers; as five files, they took both workers first and a
// quarter of the machine sat idle meanwhile. Each part is its own module, collected inside its own
// describe, so its hooks stay its own. One part alone: npx vitest run --project e2e -t "voter page"
describe('app', async () => void (await import('./app.e2e.js')));
describe('room presenter', async () => void (await import('./room-presenter.e2e.js')));
describe('voter page', async () => void (await import('./voter-page.e2e.js')));
describe('offline', async () => void (await import('./offline.e2e.js')));
describe('smoke', async () => void (await import('./smoke.e2e.js')));
describe('graph', async () => void (await import('./graph.e2e.js')));
describe('line breaks', async () => void (await import('./line-breaks.e2e.js')));
describe('newcomer', async () => void (await import('./newcomer.e2e.js')));
describe('presenter fit', async () => void (await import('./presenter-fit.e2e.js')));
describe('window fit', async () => void (await import('./window-fit.e2e.js')));
describe('preview page', async () => void (await import('./preview-page.e2e.js')));
describe('volunteer a11y', async () => void (await import('./volunteer-a11y.e2e.js')));
// The parts share one Chromium, launched by the first to need it (connectChromium): closed once all are done.
afterAll(closeChromium);
