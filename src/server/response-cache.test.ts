import { describe, expect, it } from 'vitest';
import { ResponseCache, serialise } from './response-cache.js';

describe('ResponseCache (an LRU bounded by bytes)', () => {
  let seed = 1;
  /** A body of n pseudo-random digits (gzip shrinks them to about 0.42 bytes each). */
  const body = (n: number) => {
    let text = '';
    for (let i = 0; i < n; i++) text += String((seed = (seed * 16807) % 2147483647) % 10);
    return serialise({ text });
  };
  /** The bytes one entry of `body(n)` takes, measured. */
  const entrySize = (n: number) => {
    const probe = new ResponseCache();
    probe.set('k0', body(n));
    return probe.bytes;
  };

  it('never holds more bytes than its budget, evicting the least recently used first', () => {
    const budget = 10 * entrySize(2000) + 100;
    const cache = new ResponseCache(budget);
    for (let i = 0; i < 1000; i++) {
      cache.set(`k${i}`, body(2000));
      expect(cache.bytes).toBeLessThanOrEqual(budget);
    }
    expect(cache.size).toBeGreaterThanOrEqual(9);
    expect(cache.size).toBeLessThanOrEqual(11);
    expect(cache.get('k999')).toBeDefined();
    expect(cache.get('k0')).toBeUndefined();
  });

  it('keeps an entry that was read recently', () => {
    const cache = new ResponseCache(4 * entrySize(2000) + 100);
    cache.set('a', body(2000));
    cache.set('b', body(2000));
    cache.get('a');
    for (let i = 0; i < 3; i++) cache.set(`c${i}`, body(2000)); // the fifth entry evicts one
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('b')).toBeUndefined();
  });

  it('replacing a key does not count it twice; a body larger than the budget is not kept', () => {
    const cache = new ResponseCache(3 * entrySize(2000));
    const same = body(2000);
    cache.set('a', same);
    const once = cache.bytes;
    cache.set('a', same);
    expect(cache.bytes).toBe(once);
    cache.set('huge', body(20_000));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('keeps bodies gzipped and gives the same JSON back plain', () => {
    const r = serialise({ a: 'ä', n: [1, 2, 3] });
    expect(JSON.parse(new TextDecoder().decode(r.plain()))).toEqual({ a: 'ä', n: [1, 2, 3] });
    expect(r.etag).toMatch(/^"[\w-]{27}"$/);
  });

  it('drops everything when the data version changes', () => {
    const cache = new ResponseCache();
    cache.useVersion('1');
    cache.set('a', body(10));
    cache.useVersion('1');
    expect(cache.size).toBe(1);
    cache.useVersion('2');
    expect(cache.size).toBe(0);
  });
});
