import { describe, expect, it } from 'vitest';
import type { DocStatus } from '../sync/sync-client';
import { statusKey } from './sync-status-line';

const base: DocStatus = { connection: 'online', save: 'saved', hasUnsavedChanges: false, access: 'edit', error: null, isSynced: true, isKeptOffline: true };

describe('the board’s status line', () => {
  it('says why the device is not connected when the server turned away one socket too many', () => {
    expect(statusKey({ ...base, connection: 'offline' }, 'too_many_connections')).toBe('tooManyConnections');
    // Once connected again, the usual line.
    expect(statusKey(base, 'too_many_connections')).toBe('saved');
  });

  it('puts an ended session before everything else', () => {
    expect(statusKey({ ...base, connection: 'offline', error: { code: 'access_revoked', message: '' } }, 'unauthenticated')).toBe('signedOut');
  });

  it('tells offline with a kept copy from offline with only the page', () => {
    expect(statusKey({ ...base, connection: 'offline' }, null)).toBe('offline');
    expect(statusKey({ ...base, connection: 'offline', isKeptOffline: false }, null)).toBe('offlineInPage');
  });
});
