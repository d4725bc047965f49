import { latestSaveKey, readRecords, type RecordsRead } from '../../machines/light.js';
import { stateDir } from '../state.js';
import { fileStore, type FileStore } from './file-store.js';

/** The state folder ($XDG_STATE_HOME/casa-practice) as the core's store. */
export function stateStore(env: NodeJS.ProcessEnv = process.env): FileStore {
  return fileStore(stateDir(env));
}

/** Whether a saved session is waiting. */
export function hasSave(env: NodeJS.ProcessEnv = process.env): boolean {
  return latestSaveKey(stateStore(env)) !== undefined;
}

/** The completion records (a damaged file is moved aside and reported in `notice`). */
export function loadRecords(env: NodeJS.ProcessEnv = process.env): RecordsRead {
  return readRecords(stateStore(env));
}
