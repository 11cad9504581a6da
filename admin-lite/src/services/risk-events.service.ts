// 安全风险: risk_events, what phones report about the code page (screenshots
// and screen recordings of a live code). Readable by card admins for the
// members of their departments (RLS), so the console page mirrors the
// 通行记录 list: org + time range, optional kind and member search, paged
// with an exact count.
import { memberSearchFilter } from '../lib/postgrest-filter.ts';
import { mapPostgrestError } from './errors.ts';
import { supabase } from './supabase-client.ts';

export const RISK_EVENT_KINDS = ['screenshot', 'screen_recording'] as const;
export type RiskEventKind = (typeof RISK_EVENT_KINDS)[number];

export interface RiskEventRow {
  id: number;
  member_id: string;
  /** null when the member row is not visible (outside the admin's scope). */
  member_name: string | null;
  employee_no: string | null;
  department_name: string | null;
  kind: RiskEventKind;
  credential_id: string | null;
  /** What the phone sent along (page, device model, platform…): a small JSON object. */
  detail: Record<string, unknown>;
  at: string;
}

export interface RiskEventQuery {
  orgId: string;
  /** Inclusive start and exclusive end instants (ISO); the page turns dates into local-day bounds. */
  fromIso: string;
  untilIso: string;
  kind?: RiskEventKind;
  /** Contains-match on the member's name or employee no. */
  search?: string;
  page: number;
  pageSize: number;
}

interface RawRiskEvent {
  id: number;
  member_id: string;
  kind: RiskEventKind;
  credential_id: string | null;
  detail: Record<string, unknown> | null;
  at: string;
  member: { name: string; employee_no: string | null; department: { name: string } | null } | null;
}

// risk_events (org_id, member_id) -> members (org_id, id) and members
// (org_id, department_id) -> departments (org_id, id) are the only foreign
// keys between these tables, so both embeds are unambiguous: one request per page.
const MEMBER_EMBED = 'name, employee_no, department:departments(name)';
const COLUMNS = 'id, member_id, kind, credential_id, detail, at';

export async function listRiskEvents(query: RiskEventQuery): Promise<{ rows: RiskEventRow[]; total: number }> {
  const { orgId, fromIso, untilIso, kind, search, page, pageSize } = query;
  const filter = search ? memberSearchFilter(search) : undefined;
  // Searching filters on the embedded member, which only narrows the events
  // when the embed is an inner join; without a search it stays a left join.
  const member = filter ? `member:members!inner(${MEMBER_EMBED})` : `member:members(${MEMBER_EMBED})`;
  let request = supabase()
    .from('risk_events')
    .select(`${COLUMNS}, ${member}`, { count: 'exact' })
    .eq('org_id', orgId)
    .gte('at', fromIso)
    .lt('at', untilIso);
  if (kind) request = request.eq('kind', kind);
  if (filter) request = request.or(filter, { referencedTable: 'member' });
  const from = (page - 1) * pageSize;
  const { data, error, count, status } = await request
    .order('at', { ascending: false })
    .order('id', { ascending: false })
    .range(from, from + pageSize - 1)
    .overrideTypes<RawRiskEvent[], { merge: false }>();
  if (error && status === 416) return { rows: [], total: count ?? 0 };
  if (error) throw mapPostgrestError(error, status);
  return {
    rows: (data ?? []).map(({ member: m, detail, ...e }) => ({
      ...e,
      detail: detail ?? {},
      member_name: m?.name ?? null,
      employee_no: m?.employee_no ?? null,
      department_name: m?.department?.name ?? null,
    })),
    total: count ?? 0,
  };
}
