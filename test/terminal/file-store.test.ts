import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileStore } from '../../src/terminal/node/file-store.js';

describe('the state folder as a store', () => {
  // Found in use: a room session found damaged twice in one second kept only the second copy
  // (rename replaced the first), so the votes in the first were lost.
  it('keeps two files set aside in the same second, the second under -2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-file-store-'));
    const store = fileStore(dir);
    const now = new Date('2025-01-31T10:20:30Z');
    store.write('facilitation/x.json', 'first');
    const first = store.moveAside('facilitation/x.json', now);
    store.write('facilitation/x.json', 'second');
    const second = store.moveAside('facilitation/x.json', now);
    expect(first).toBe(join(dir, 'facilitation', 'x.json.damaged-2025-01-31T10-20-30'));
    expect(second).toBe(join(dir, 'facilitation', 'x.json.damaged-2025-01-31T10-20-30-2'));
    expect(readFileSync(first, 'utf8')).toBe('first');
    expect(readFileSync(second, 'utf8')).toBe('second');
  });
});
