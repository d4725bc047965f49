import { parentPort, workerData } from 'node:worker_threads';
import { checkFile } from '../catalog-validate.js';

/**
 * Validates the picker's files off the main thread: a scenario's exploration of every playthrough
 * can take most of a second on a busy machine, and while it runs on the main thread the app cannot
 * answer a closed terminal (SIGHUP) or a key. One message per file, in the order given.
 */
const files = workerData as string[];
for (const file of files) parentPort?.postMessage({ file, ...checkFile(file) });
