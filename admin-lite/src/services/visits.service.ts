// 访客记录: visits (read-only; written by the visit RPCs and functions),
// filtered by window start, status, site, source, host and a visitor
// name/phone search, paged with an exact count; the approval chain of one
// visit; cancelling a pending or approved visit (visit_cancel).
import { z } from 'zod';
import { quoteFilterValue } from '../lib/postgrest-filter.ts';
import { mapPostgrestError, unwrap } from './errors.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

export const VISIT_STATUSES = ['pending', 'approved', 'rejected', 'cancelled', 'checked_in', 'checked_out', 'expired', 'no_show'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const VISIT_SOURCES = ['invite', 'apply', 'walk_in'] as const;
export type VisitSource = (typeof VISIT_SOURCES)[number];
/** Only these can be cancelled (visit_cancel answers YM502 otherwise). */
export const CANCELLABLE: ReadonlySet<VisitStatus> = new Set(['pending', 'approved']);

export interface VisitRow {
  id: string;
  site_id: string | null;
  host_member_id: string;
  source: VisitSource;
  status: VisitStatus;
  visitor_name: string;
  visitor_phone: string | null;
  /** Masked as stored (110***********002X). */
  visitor_id_card: string | null;
  visitor_company: string | null;
  identity_type: string | null;
  purpose: string | null;
  companions: number;
  window_from: string;
  window_until: string;
  answers: Record<string, unknown>;
  approval_level: number;
  approvals_required: number;
  checked_in_at: string | null;
  checked_out_at: string | null;
  reject_reason: string | null;
  created_at: string;
  /** Set once the visitor's personal data was purged (retention). */
  purged_at: string | null;
  site_name: string | null;
  host_name: string | null;
}

export interface VisitFilter {
  orgId: string;
  /** [fromIso, untilIso) on window_from. */
  fromIso: string;
  untilIso: string;
  status?: VisitStatus;
  siteId?: string;
  source?: VisitSource;
  hostId?: string;
  /** Part of the visitor's name or phone. */
  search?: string;
}

interface RawVisit extends Omit<VisitRow, 'site_name' | 'host_name'> {
  site: { name: string } | null;
  host: { name: string } | null;
}

const COLUMNS =
  'id, site_id, host_member_id, source, status, visitor_name, visitor_phone, visitor_id_card, visitor_company, identity_type, purpose, companions, window_from, window_until, answers, approval_level, approvals_required, checked_in_at, checked_out_at, reject_reason, created_at, purged_at, site:sites(name), host:members(name)';

/** `or` filter on the visitor's name or phone; undefined for a blank term (`*` is dropped, it is the wildcard). */
export function visitorSearchFilter(term: string): string | undefined {
  const cleaned = term.replace(/\*/g, '').trim();
  if (cleaned === '') return undefined;
  const pattern = quoteFilterValue(`*${cleaned}*`);
  return `visitor_name.ilike.${pattern},visitor_phone.ilike.${pattern}`;
}

function filtered(filter: VisitFilter) {
  let request = supabase().from('visits').select(COLUMNS, { count: 'exact' }).eq('org_id', filter.orgId).gte('window_from', filter.fromIso).lt('window_from', filter.untilIso);
  if (filter.status) request = request.eq('status', filter.status);
  if (filter.siteId) request = request.eq('site_id', filter.siteId);
  if (filter.source) request = request.eq('source', filter.source);
  if (filter.hostId) request = request.eq('host_member_id', filter.hostId);
  const search = filter.search ? visitorSearchFilter(filter.search) : undefined;
  if (search) request = request.or(search);
  return request.order('window_from', { ascending: false }).order('id', { ascending: false });
}

const flat = ({ site, host, ...r }: RawVisit): VisitRow => ({ ...r, site_name: site?.name ?? null, host_name: host?.name ?? null });

export async function listVisits(filter: VisitFilter & { page: number; pageSize: number }): Promise<{ rows: VisitRow[]; total: number }> {
  const from = (filter.page - 1) * filter.pageSize;
  const { data, error, count, status } = await filtered(filter)
    .range(from, from + filter.pageSize - 1)
    .overrideTypes<RawVisit[], { merge: false }>();
  if (error && status === 416) return { rows: [], total: count ?? 0 };
  if (error) throw mapPostgrestError(error, status);
  return { rows: (data ?? []).map(flat), total: count ?? 0 };
}

export const VISIT_EXPORT_MAX_ROWS = 50_000;
const EXPORT_BATCH = 1000;

/** Every visit of the filter (for the xlsx export), in batches; at most VISIT_EXPORT_MAX_ROWS. */
export async function listAllVisits(filter: VisitFilter): Promise<{ rows: VisitRow[]; truncated: boolean }> {
  const rows: VisitRow[] = [];
  let total = Infinity;
  while (rows.length < Math.min(total, VISIT_EXPORT_MAX_ROWS)) {
    const { data, error, count, status } = await filtered(filter)
      .range(rows.length, rows.length + EXPORT_BATCH - 1)
      .overrideTypes<RawVisit[], { merge: false }>();
    if (error) throw mapPostgrestError(error, status);
    total = count ?? 0;
    rows.push(...(data ?? []).map(flat));
    if (!data || data.length < EXPORT_BATCH) break;
  }
  return { rows: rows.slice(0, VISIT_EXPORT_MAX_ROWS), truncated: total > VISIT_EXPORT_MAX_ROWS };
}

export interface VisitApprovalRow {
  id: number;
  level: number;
  decision: 'approved' | 'rejected';
  comment: string | null;
  approver_name: string | null;
  at: string;
}

/** The approval chain of a visit, in order. */
export async function listVisitApprovals(visitId: string): Promise<VisitApprovalRow[]> {
  return unwrap(
    await supabase()
      .from('visit_approvals')
      .select('id, level, decision, comment, approver_name, at')
      .eq('visit_id', visitId)
      .order('at', { ascending: true })
      .order('id', { ascending: true })
      .overrideTypes<VisitApprovalRow[], { merge: false }>(),
  );
}

const CancelledSchema = z.object({ id: z.string(), status: z.string() }).passthrough();

/** Cancels a pending or approved visit; an issued pass is revoked. */
export async function cancelVisit(visitId: string, reason: string): Promise<{ id: string; status: string }> {
  const body: unknown = unwrap(await supabase().rpc('visit_cancel', { p_visit: visitId, p_reason: reason.trim() || null }));
  return parseResponse(CancelledSchema, body);
}
