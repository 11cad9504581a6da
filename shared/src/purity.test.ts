/**
 * @yima/shared runs in Node, Deno, browsers and the WeChat mini-program, so
 * src/ may import only relative modules and a short allow-list of pure
 * packages, and must not touch runtime-specific globals.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('.', import.meta.url));
const ALLOWED = [/^\.\.?\//, /^@noble\/curves\//, /^@noble\/hashes\//, /^qrcode-generator$/, /^zod$/];
const FORBIDDEN_GLOBALS = /\b(process\.|Buffer\b|require\(|Deno\.|wx\.|window\.|document\.|localStorage|__dirname)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const stripComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

describe('shared/src purity', () => {
  const files = sourceFiles(SRC);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  for (const file of files) {
    it(relative(SRC, file), () => {
      const code = stripComments(readFileSync(file, 'utf8'));
      const specifiers = [...code.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g)].map(
        (m) => m[1] ?? m[2] ?? '',
      );
      for (const s of specifiers) expect(ALLOWED.some((re) => re.test(s)), `${s} in ${file}`).toBe(true);
      expect(FORBIDDEN_GLOBALS.exec(code)?.[0] ?? null).toBeNull();
    });
  }
});
