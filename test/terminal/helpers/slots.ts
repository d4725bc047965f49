import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveKey } from '../../../src/machines/light.js';

const SCENARIOS = join(import.meta.dirname, '..', 'fixtures', 'scenarios');

/**
 * The save file of the new-phone fixture: a trainer's file (not bundled), so its slot is keyed by
 * its id and its file, e.g. "example-new-phone--file-1a2b3c4d.json".
 */
export const NEW_PHONE_SAVE = saveKey({ scenario: { id: 'example-new-phone' }, file: join(SCENARIOS, 'new-phone.json') }).slice('saves/'.length);

/**
 * A save's "trust" written over by hand (`path`: the save file): sound JSON whose values no longer
 * match its replies, which the core calls damaged once it replays them.
 */
export function editSavedTrust(path: string, trust: number): void {
  const save = JSON.parse(readFileSync(path, 'utf8')) as { session: { snapshot: { context: { variables: Record<string, number> } } } };
  save.session.snapshot.context.variables.trust = trust;
  writeFileSync(path, JSON.stringify(save));
}
