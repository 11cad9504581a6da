import { describe, expect, it } from 'vitest';
import { HeadersPolyfill } from './headers-polyfill';

describe('HeadersPolyfill', () => {
  it('is case-insensitive and combines appended values like WHATWG Headers', () => {
    const headers = new HeadersPolyfill({ 'Content-Type': 'application/json' });
    headers.append('Accept', 'a');
    headers.append('accept', 'b');
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('ACCEPT')).toBe('a, b');
    expect(headers.has('Accept')).toBe(true);
    headers.set('Accept', 'c');
    expect(headers.get('accept')).toBe('c');
    headers.delete('ACCEPT');
    expect(headers.has('accept')).toBe(false);
    expect(headers.get('missing')).toBeNull();
  });

  it('copies from another Headers (native or polyfill), pairs and records', () => {
    const native = new Headers({ 'X-A': '1' });
    expect(new HeadersPolyfill(native).get('x-a')).toBe('1');
    const copy = new HeadersPolyfill(new HeadersPolyfill([['X-B', '2']]));
    expect(copy.get('x-b')).toBe('2');
    expect(new HeadersPolyfill({ 'X-C': ['3', '4'], 'X-D': undefined }).toRecord()).toEqual({ 'x-c': '3, 4' });
  });

  it('iterates sorted lower-case names, as forEach and entries do in browsers', () => {
    const headers = new HeadersPolyfill({ b: '2', A: '1' });
    const seen: string[] = [];
    headers.forEach((value, key) => seen.push(`${key}=${value}`));
    expect(seen).toEqual(['a=1', 'b=2']);
    expect([...headers]).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  it('rejects invalid header names', () => {
    expect(() => new HeadersPolyfill({ 'bad name': 'x' })).toThrow(TypeError);
  });
});
