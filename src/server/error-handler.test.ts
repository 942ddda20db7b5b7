import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSqliteStore } from '../storage/sqlite/sqlite-store.js';
import { createApp } from './app.js';

describe('the default error logger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('logs an unexpected error with the request path as data, never as a format string', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const store = openSqliteStore({ path: ':memory:' });
    const app = createApp(store, { webRoot: '/nonexistent' });
    await store.close(); // every read now throws a plain (non-AppError) error
    const res = await app.request('/api/buurten/%s%d%o');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
    expect(spy).toHaveBeenCalledTimes(1);
    const [format, message] = spy.mock.calls[0]!;
    expect(format).toBe('%s');
    expect(message).toBe('unexpected error on GET /api/buurten/%s%d%o');
  });
});
