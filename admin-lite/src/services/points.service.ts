// 设备 (verification_points): doors, gates, POS and bus readers that check
// codes. Managed by admins with the `cards` function (RLS). A point's API
// key is minted by admin_issue_point_key, returned once, stored hashed.
import { z } from 'zod';
import { t } from '../i18n/index.ts';
import { AppError, mapPostgrestError, unwrap } from './errors.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

export const POINT_KINDS = ['door', 'gate', 'pos', 'bus', 'meeting', 'canteen', 'other'] as const;
export type PointKind = (typeof POINT_KINDS)[number];

export interface PointRow {
  id: string;
  org_id: string;
  name: string;
  kind: PointKind;
  location: string | null;
  required_scopes: number;
  active: boolean;
  created_at: string;
  /** The site a gate or door belongs to (site-bound visitor passes are accepted only there). */
  site_id: string | null;
  /** The stall a POS collects for. */
  stall_id: string | null;
}

export type PointInput = Pick<PointRow, 'name' | 'kind' | 'location' | 'required_scopes' | 'active' | 'site_id' | 'stall_id'>;

const COLUMNS = 'id, org_id, name, kind, location, required_scopes, active, created_at, site_id, stall_id';
const forbidden = (status: number) => new AppError('forbidden', t('error.forbidden'), '42501', status);

export async function listPoints(orgId: string): Promise<PointRow[]> {
  return unwrap(await supabase().from('verification_points').select(COLUMNS).eq('org_id', orgId).order('name', { ascending: true }).overrideTypes<PointRow[], { merge: false }>());
}

export async function createPoint(orgId: string, input: PointInput): Promise<PointRow> {
  const { data, error, status } = await supabase().from('verification_points').insert({ org_id: orgId, ...input }).select(COLUMNS).overrideTypes<PointRow[], { merge: false }>();
  if (error) throw mapPostgrestError(error, status);
  const row = data?.[0];
  if (!row) throw forbidden(status);
  return row;
}

export async function updatePoint(orgId: string, pointId: string, patch: Partial<PointInput>): Promise<PointRow> {
  const { data, error, status } = await supabase()
    .from('verification_points')
    .update(patch)
    .eq('org_id', orgId)
    .eq('id', pointId)
    .select(COLUMNS)
    .overrideTypes<PointRow[], { merge: false }>();
  if (error) throw mapPostgrestError(error, status);
  const row = data?.[0];
  if (!row) throw forbidden(status);
  return row;
}

/** A new API key for the point (the old one stops working). Shown once: it is stored only as a hash. */
export async function issuePointKey(pointId: string): Promise<string> {
  const key: unknown = unwrap(await supabase().rpc('admin_issue_point_key', { p_point: pointId }));
  return parseResponse(z.string().min(1), key);
}

export interface StallChoice {
  id: string;
  name: string;
  merchant_name: string | null;
  active: boolean;
}

/** Stalls a POS can be bound to, with their merchant's name (收款档口). */
export async function listStallChoices(orgId: string): Promise<StallChoice[]> {
  const rows = unwrap(
    await supabase()
      .from('stalls')
      .select('id, name, active, merchant:merchants(name)')
      .eq('org_id', orgId)
      .order('name', { ascending: true })
      .overrideTypes<Array<Omit<StallChoice, 'merchant_name'> & { merchant: { name: string } | null }>, { merge: false }>(),
  );
  return rows.map(({ merchant, ...r }) => ({ ...r, merchant_name: merchant?.name ?? null }));
}
