// Per-data-directory secrets for the local stack: the JWT secret, the anon and
// service_role API keys signed with it, and the authenticator password.
// Generated on first start and kept in <dataDir>/keys.json; never committed.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';

export interface StackKeys {
  jwtSecret: string;
  anonKey: string;
  serviceRoleKey: string;
  authenticatorPassword: string;
  postgresPassword: string;
}

const TEN_YEARS_S = 10 * 365 * 24 * 3600;

async function signApiKey(role: 'anon' | 'service_role', secret: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role, iss: 'supabase' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + TEN_YEARS_S)
    .sign(new TextEncoder().encode(secret));
}

export async function loadOrCreateKeys(dataDir: string): Promise<StackKeys> {
  const file = join(dataDir, 'keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as StackKeys;
  const jwtSecret = randomBytes(32).toString('hex');
  const keys: StackKeys = {
    jwtSecret,
    anonKey: await signApiKey('anon', jwtSecret),
    serviceRoleKey: await signApiKey('service_role', jwtSecret),
    authenticatorPassword: randomBytes(16).toString('hex'),
    postgresPassword: randomBytes(16).toString('hex'),
  };
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}
