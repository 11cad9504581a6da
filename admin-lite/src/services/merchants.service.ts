// 商户与档口: merchants (canteens, shops), their stalls with the pricing rule
// (StallPricing jsonb) and their operators (members who collect for them).
// Written by admins with the `payment` function (RLS); money is integer fen.
import type { StallPricing } from '@yima/shared';
import { mapPostgrestError, unwrap } from './errors.ts';
import { deleted, single } from './crud.ts';
import { supabase } from './supabase-client.ts';

export interface MerchantRow {
  id: string;
  org_id: string;
  name: string;
  contact_name: string | null;
  contact_phone: string | null;
  wechat_sub_mchid: string | null;
  /** Share of net cash takings paid out by 分账, basis points (10000 = 100%). */
  share_rate_bp: number;
  active: boolean;
  created_at: string;
}
export type MerchantInput = Pick<MerchantRow, 'name' | 'contact_name' | 'contact_phone' | 'wechat_sub_mchid' | 'share_rate_bp' | 'active'>;

export interface StallRow {
  id: string;
  org_id: string;
  merchant_id: string;
  name: string;
  pricing: StallPricing;
  active: boolean;
}
export type StallInput = Pick<StallRow, 'name' | 'pricing' | 'active'>;

export interface OperatorRow {
  merchant_id: string;
  member_id: string;
  name: string | null;
  employee_no: string | null;
}

const MERCHANT_COLUMNS = 'id, org_id, name, contact_name, contact_phone, wechat_sub_mchid, share_rate_bp, active, created_at';
const STALL_COLUMNS = 'id, org_id, merchant_id, name, pricing, active';

export async function listMerchants(orgId: string): Promise<MerchantRow[]> {
  return unwrap(await supabase().from('merchants').select(MERCHANT_COLUMNS).eq('org_id', orgId).order('name', { ascending: true }).overrideTypes<MerchantRow[], { merge: false }>());
}

export async function createMerchant(orgId: string, input: MerchantInput): Promise<MerchantRow> {
  return single(await supabase().from('merchants').insert({ org_id: orgId, ...input }).select(MERCHANT_COLUMNS).overrideTypes<MerchantRow[], { merge: false }>());
}

export async function updateMerchant(orgId: string, merchantId: string, patch: Partial<MerchantInput>): Promise<MerchantRow> {
  return single(await supabase().from('merchants').update(patch).eq('org_id', orgId).eq('id', merchantId).select(MERCHANT_COLUMNS).overrideTypes<MerchantRow[], { merge: false }>());
}

/** Every stall of the org (optionally one merchant's), by name. */
export async function listStalls(orgId: string, merchantId?: string): Promise<StallRow[]> {
  let request = supabase().from('stalls').select(STALL_COLUMNS).eq('org_id', orgId);
  if (merchantId) request = request.eq('merchant_id', merchantId);
  return unwrap(await request.order('name', { ascending: true }).overrideTypes<StallRow[], { merge: false }>());
}

export async function createStall(orgId: string, merchantId: string, input: StallInput): Promise<StallRow> {
  return single(await supabase().from('stalls').insert({ org_id: orgId, merchant_id: merchantId, ...input }).select(STALL_COLUMNS).overrideTypes<StallRow[], { merge: false }>());
}

export async function updateStall(orgId: string, stallId: string, patch: Partial<StallInput>): Promise<StallRow> {
  return single(await supabase().from('stalls').update(patch).eq('org_id', orgId).eq('id', stallId).select(STALL_COLUMNS).overrideTypes<StallRow[], { merge: false }>());
}

interface RawOperator {
  merchant_id: string;
  member_id: string;
  members: { name: string; employee_no: string | null } | null;
}

export async function listOperators(orgId: string, merchantId: string): Promise<OperatorRow[]> {
  const rows = unwrap(
    await supabase()
      .from('merchant_operators')
      .select('merchant_id, member_id, members(name, employee_no)')
      .eq('org_id', orgId)
      .eq('merchant_id', merchantId)
      .overrideTypes<RawOperator[], { merge: false }>(),
  );
  return rows.map(({ members, ...row }) => ({ ...row, name: members?.name ?? null, employee_no: members?.employee_no ?? null }));
}

export async function addOperator(orgId: string, merchantId: string, memberId: string): Promise<void> {
  const { error, status } = await supabase().from('merchant_operators').insert({ org_id: orgId, merchant_id: merchantId, member_id: memberId });
  if (error) throw mapPostgrestError(error, status);
}

export async function removeOperator(orgId: string, merchantId: string, memberId: string): Promise<void> {
  deleted(await supabase().from('merchant_operators').delete().eq('org_id', orgId).eq('merchant_id', merchantId).eq('member_id', memberId).select('member_id'));
}
