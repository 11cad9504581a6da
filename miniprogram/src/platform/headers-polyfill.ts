// A minimal WHATWG `Headers` for the WeChat mini-program, which has none.
// supabase-js and postgrest-js call `new Headers(init)`, get/set/has/delete and
// forEach; config/index.ts injects this class as the free variable `Headers`
// in the weapp build only (webpack ProvidePlugin). Browsers use their own.

export type HeadersInitLike =
  | HeadersPolyfill
  | { forEach(callback: (value: string, key: string) => void): void }
  | ReadonlyArray<readonly [string, string]>
  | Record<string, string | readonly string[] | undefined>;

function normaliseName(name: string): string {
  const lower = String(name).toLowerCase();
  if (!/^[!#$%&'*+\-.^_`|~0-9a-z]+$/.test(lower)) throw new TypeError(`Invalid header name: "${name}"`);
  return lower;
}

function normaliseValue(value: unknown): string {
  return String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
}

export class HeadersPolyfill {
  // Insertion-ordered map from lower-case name to the combined value.
  private readonly map = new Map<string, string>();

  constructor(init?: HeadersInitLike | null) {
    if (init == null) return;
    if (Array.isArray(init)) {
      for (const pair of init as ReadonlyArray<readonly [string, string]>) {
        if (pair.length !== 2) throw new TypeError('Header pairs must have exactly two items');
        this.append(pair[0], pair[1]);
      }
    } else if (typeof (init as { forEach?: unknown }).forEach === 'function') {
      (init as { forEach(callback: (value: string, key: string) => void): void }).forEach((value, key) => this.append(key, value));
    } else {
      for (const [key, value] of Object.entries(init as Record<string, string | readonly string[] | undefined>)) {
        if (value === undefined) continue;
        if (Array.isArray(value)) for (const item of value) this.append(key, item);
        else this.append(key, value as string);
      }
    }
  }

  append(name: string, value: string): void {
    const key = normaliseName(name);
    const normalised = normaliseValue(value);
    const existing = this.map.get(key);
    this.map.set(key, existing === undefined ? normalised : `${existing}, ${normalised}`);
  }

  set(name: string, value: string): void {
    this.map.set(normaliseName(name), normaliseValue(value));
  }

  get(name: string): string | null {
    return this.map.get(normaliseName(name)) ?? null;
  }

  has(name: string): boolean {
    return this.map.has(normaliseName(name));
  }

  delete(name: string): void {
    this.map.delete(normaliseName(name));
  }

  forEach(callback: (value: string, key: string, parent: HeadersPolyfill) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  /** Sorted by name, as the WHATWG spec iterates. */
  *entries(): IterableIterator<[string, string]> {
    const keys = [...this.map.keys()].sort();
    for (const key of keys) yield [key, this.map.get(key) as string];
  }

  *keys(): IterableIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  /** Plain object for APIs such as wx.request that take `header: {}`. */
  toRecord(): Record<string, string> {
    const record: Record<string, string> = {};
    for (const [key, value] of this.entries()) record[key] = value;
    return record;
  }
}
