import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/core';
import { startCore } from '../support/core';
import { tempDir } from '../support/paths';

const GARBAGE = 'definitely not SQLite '.repeat(500);

describe('an unreadable database', () => {
  it('puts the core in recovery mode instead of crashing, and starting fresh keeps the old file', async () => {
    const dataDir = tempDir();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, DATABASE_FILE), GARBAGE);
    const core = startCore({ dataDir });

    const status = await core.value('app.status', {});
    expect(status).toMatchObject({ state: 'recovery', error: { code: 'DB_CORRUPT' } });
    expect(await core.dispatch('accounts.search', {})).toMatchObject({ ok: false, error: { code: 'DB_UNAVAILABLE' } });

    const { movedTo } = await core.value('app.recover', { action: 'start_fresh' });
    expect(readFileSync(movedTo, 'utf8')).toBe(GARBAGE);
    expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(true);
    expect((await core.value('app.status', {})).state).toBe('ready');
    expect((await core.value('accounts.search', {})).total).toBe(300);
    expect(await core.dispatch('app.recover', { action: 'start_fresh' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    core.close();
  });
});
