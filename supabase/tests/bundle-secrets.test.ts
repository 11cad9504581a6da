// No server secret may reach a client bundle. Builds the WeChat mini-program
// and the admin console with canary values in every secret variable the
// server side uses, then greps every emitted file. The anon key is public and
// meant to be inlined: finding its canary proves the grep reads the bundles.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_DIR } from '../local/paths.ts';

const SECRET_VARS = [
  'YIMA_JWT_SECRET', 'SUPABASE_SERVICE_ROLE_KEY', 'YIMA_WECHAT_APP_SECRET', 'YIMA_SMS_TENCENT_SECRET_KEY',
  'YIMA_SMS_TENCENT_SECRET_ID', 'YIMA_SMS_ALIYUN_ACCESS_KEY_SECRET', 'YIMA_SMS_ALIYUN_ACCESS_KEY_ID',
  'SUPABASE_DB_URL', 'PGRST_JWT_SECRET',
];
const canary = (name: string) => `canary${name.toLowerCase().replaceAll('_', '')}${randomBytes(6).toString('hex')}`;
const secrets = Object.fromEntries(SECRET_VARS.map((v) => [v, canary(v)]));
const anonCanary = canary('anon');
const out = mkdtempSync(join(tmpdir(), 'yima-bundles-'));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function findCanaries(dir: string, needles: string[]): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const file of files(dir)) {
    const text = readFileSync(file, 'latin1');
    for (const needle of needles) if (text.includes(needle)) (found[needle] ??= []).push(file.slice(dir.length));
  }
  return found;
}

function build(args: string[], env: Record<string, string>) {
  execFileSync('npm', args, { cwd: REPO_DIR, env: { ...process.env, ...secrets, ...env }, stdio: 'pipe', timeout: 240_000 });
}

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('client bundles carry no server secret', () => {
  it('WeChat mini-program (weapp)', () => {
    const dir = join(out, 'weapp');
    build(['run', 'build:weapp', '-w', 'miniprogram'], {
      YIMA_WEAPP_OUTPUT: dir, TARO_APP_SUPABASE_URL: 'https://example.invalid', TARO_APP_SUPABASE_ANON_KEY: anonCanary,
    });
    const found = findCanaries(dir, [anonCanary, ...Object.values(secrets)]);
    expect(Object.keys(found)).toEqual([anonCanary]);
  }, 300_000);

  it('admin console (admin-lite)', () => {
    const dir = join(out, 'admin');
    build(['exec', '-w', 'admin-lite', '--', 'vite', 'build', '--outDir', dir, '--emptyOutDir'], {
      VITE_SUPABASE_URL: 'https://example.invalid', VITE_SUPABASE_ANON_KEY: anonCanary,
    });
    const found = findCanaries(dir, [anonCanary, ...Object.values(secrets)]);
    expect(Object.keys(found)).toEqual([anonCanary]);
  }, 300_000);
});
