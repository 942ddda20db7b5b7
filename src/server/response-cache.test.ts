import { describe, expect, it } from 'vitest';
import { ResponseCache, serialise } from './response-cache.js';

describe('ResponseCache (an LRU bounded by bytes)', () => {
  const body = (n: number) => serialise({ text: 'x'.repeat(n) });

  it('never holds more bytes than its budget, evicting the least recently used first', () => {
    const cache = new ResponseCache(20_000);
    for (let i = 0; i < 1000; i++) {
      cache.set(`k${i}`, body(1000));
      expect(cache.bytes).toBeLessThanOrEqual(20_000);
    }
    expect(cache.size).toBeGreaterThan(3);
    expect(cache.size).toBeLessThan(10);
    expect(cache.get('k999')).toBeDefined();
    expect(cache.get('k0')).toBeUndefined();
  });

  it('keeps an entry that was read recently', () => {
    const cache = new ResponseCache(10_000);
    cache.set('a', body(1000));
    cache.set('b', body(1000));
    cache.get('a');
    for (let i = 0; i < 3; i++) cache.set(`c${i}`, body(1000)); // room for four entries
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('b')).toBeUndefined();
  });

  it('replacing a key does not count it twice; a body larger than the budget is not kept', () => {
    const cache = new ResponseCache(10_000);
    cache.set('a', body(1000));
    const once = cache.bytes;
    cache.set('a', body(1000));
    expect(cache.bytes).toBe(once);
    cache.set('huge', body(20_000));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(1);
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
