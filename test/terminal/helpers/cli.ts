import { join } from 'node:path';

/** The project folder. */
export const ROOT = join(import.meta.dirname, '..', '..', '..');

/**
 * The command line that starts the built program, as a user runs it: `node bin/casa-practice.js`.
 * `npm test` builds dist/ first and test/global-setup.ts rebuilds it when src/ is newer, so child
 * processes skip tsx's start-up (about half a second each) and test the code that ships.
 */
export const BIN = [process.execPath, join(ROOT, 'bin', 'casa-practice.js')] as const;
