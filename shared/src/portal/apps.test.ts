import { describe, expect, it } from 'vitest';
import { BUILTIN_APPS, BUILTIN_APP_KEYS, builtinApp } from './apps.ts';

describe('built-in apps', () => {
  it('have unique keys the database accepts and bilingual names', () => {
    expect(new Set(BUILTIN_APP_KEYS).size).toBe(BUILTIN_APPS.length);
    for (const app of BUILTIN_APPS) {
      expect(app.key).toMatch(/^[a-z][a-z_]{1,29}$/);
      expect(app.name['zh-CN'].length).toBeGreaterThan(0);
      expect(app.name.en.length).toBeGreaterThan(0);
      expect(app.page).toMatch(/^\/pages\//);
    }
    expect(builtinApp('payment')?.name['zh-CN']).toBe('食堂支付');
    expect(builtinApp('nope')).toBeUndefined();
  });
});
