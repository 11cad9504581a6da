// Test helpers: a supabase-js client per persona (tokens minted exactly as the
// auth functions mint them), and a superuser pg pool to arrange and inspect
// data behind RLS's back.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { inject } from 'vitest';
import { mintAccessToken } from '../../functions/_shared/tokens.ts';
import { SEED } from './seed-ids.ts';

export type PersonaKey = 'superAdminA' | 'deptAdminA' | 'memberA' | 'memberB' | 'anon';
export const PERSONA_KEYS: readonly PersonaKey[] = ['superAdminA', 'deptAdminA', 'memberA', 'memberB', 'anon'];

const ACCOUNT_OF: Record<Exclude<PersonaKey, 'anon'>, string> = {
  superAdminA: SEED.accounts.superAdminA,
  deptAdminA: SEED.accounts.deptAdminA,
  memberA: SEED.accounts.memberA,
  memberB: SEED.accounts.memberB,
};

export function stackInfo() {
  return inject('stack');
}

export async function tokenFor(persona: Exclude<PersonaKey, 'anon'>): Promise<string> {
  const { jwtSecret } = stackInfo();
  return (await mintAccessToken({ accountId: ACCOUNT_OF[persona] }, jwtSecret, 600)).access_token;
}

/** A supabase-js client acting as the persona, exactly as the apps create it. */
export async function clientAs(persona: PersonaKey): Promise<SupabaseClient> {
  const { apiUrl, anonKey } = stackInfo();
  const token = persona === 'anon' ? undefined : await tokenFor(persona);
  return createClient(apiUrl, anonKey, {
    accessToken: token ? async () => token : undefined,
    auth: { persistSession: false, autoRefreshToken: false },
  });
}

let pool: pg.Pool | undefined;
/** Superuser pool (bypasses RLS) for arranging fixtures and checking effects. */
export function adminDb(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: stackInfo().adminDbUrl, max: 4 });
  return pool;
}
