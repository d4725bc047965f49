import { parentPort, workerData } from 'node:worker_threads';
import { verifiedCheck } from './verified-scenarios.js';

/**
 * Validates the picker's files off the main thread: a scenario's exploration of every playthrough
 * can take most of a second on a busy machine, and while it runs on the main thread the app cannot
 * answer a closed terminal (SIGHUP) or a key. One message per file, in the order given. Bundled files
 * unchanged since the build have their verdict already (verified-scenarios.ts); the validator is
 * loaded only for another file.
 */
const files = workerData as string[];
for (const file of files) parentPort?.postMessage({ file, ...(verifiedCheck(file) ?? (await import('../catalog-validate.js')).checkFile(file)) });
