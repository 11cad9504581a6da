// 领卡: which fields an org asks for (GET card-claim?org=) and the claim
// itself (POST card-claim with the user's bearer), which answers with a
// session for that org.
import { getOrCreateDeviceId } from '../lib/device-id';
import { isClaimField, type ClaimField, type ClaimValues } from '../lib/claim-fields';
import { taroStorage } from '../platform/storage';
import type { Session } from '../stores/session.store';
import { invokeFunction, malformed, parseSessionResponse } from './auth-api';
import { getRuntimeConfig } from './config.service';
import { getSupabase } from './supabase.client';

export type ClaimMethod = 'employee_no_phone' | 'employee_no_id_card' | 'name_id_card' | 'name_phone' | 'api';

export interface ClaimForm {
  org: { id: string; name: string };
  method: ClaimMethod | string;
  /** The fields to ask for, in form order. */
  fields: ClaimField[];
}

export function parseClaimForm(body: unknown): ClaimForm {
  const value = (body ?? {}) as { org?: { id?: unknown; name?: unknown }; method?: unknown; fields?: unknown };
  if (typeof value.org?.id !== 'string' || typeof value.org.name !== 'string' || !Array.isArray(value.fields)) {
    throw malformed('card-claim GET: missing org or fields');
  }
  const fields = value.fields.filter(isClaimField);
  if (fields.length === 0 || fields.length !== value.fields.length) throw malformed(`card-claim GET: unknown fields ${JSON.stringify(value.fields)}`);
  return { org: { id: value.org.id, name: value.org.name }, method: typeof value.method === 'string' ? value.method : '', fields };
}

async function call(path: string, options: Parameters<typeof invokeFunction>[3]): Promise<unknown> {
  const [supabase, config] = await Promise.all([getSupabase(), getRuntimeConfig()]);
  return invokeFunction(supabase, config.anonKey, path, options);
}

export const claimService = {
  /** `org` is a slug (from a claim link or typed in) or an org id. 404 org_not_found. */
  async getClaimForm(org: string): Promise<ClaimForm> {
    return parseClaimForm(await call(`card-claim?org=${encodeURIComponent(org)}`, { method: 'GET', auth: 'anon' }));
  },

  /** Binds the signed-in account to the member these fields identify; sends only the fields asked for. */
  async claim(orgId: string, fields: readonly ClaimField[], values: ClaimValues): Promise<Session> {
    const sent: ClaimValues = {};
    for (const field of fields) sent[field] = values[field] ?? '';
    const body = await call('card-claim', {
      auth: 'user',
      body: { org: orgId, device_id: getOrCreateDeviceId(taroStorage), fields: sent },
    });
    return parseSessionResponse(body);
  },
};

export type ClaimService = typeof claimService;
