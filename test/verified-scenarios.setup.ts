// For the files that run the terminal app from its sources (vite.config.ts: the 'shared' and 'own'
// projects' setupFiles): the bundled scenarios the build validated with no problem get their
// verdict without being validated again in every test worker, as in the built app
// (src/terminal/node/verified-scenarios.ts; the list comes from test/global-setup.ts).
import { inject } from 'vitest';
import { addVerified } from '../src/terminal/node/verified-scenarios.js';

addVerified(inject('verifiedScenarios'));
