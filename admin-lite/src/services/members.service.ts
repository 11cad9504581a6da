// Member list of the console: one page at a time with an exact total,
// optionally limited to a department subtree and a name / employee-no search;
// and unbinding members' logins.
import { z } from 'zod';
import { memberSearchFilter } from '../lib/postgrest-filter.ts';
import { mapPostgrestError, unwrap } from './errors.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

export type MemberStatus = 'active' | 'disabled' | 'left';

export interface MemberRow {
  id: string;
  org_id: string;
  account_id: string | null;
  employee_no: string | null;
  name: string;
  phone: string | null;
  /** Masked by the database (first 3 + last 4); the full number never leaves it. */
  id_card_number: string | null;
  department_id: string;
  status: MemberStatus;
  /** When the card was claimed (the login bound); null = 未领卡. */
  claimed_at: string | null;
  created_at: string;
}

export interface MemberListQuery {
  orgId: string;
  /** Department ids to include (a subtree); undefined = every member the admin may see. */
  departmentIds?: readonly string[];
  search?: string;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface MemberPage {
  rows: MemberRow[];
  total: number;
  page: number;
  pageSize: number;
}

const COLUMNS = 'id, org_id, account_id, employee_no, name, phone, id_card_number, department_id, status, claimed_at, created_at';

export async function listMembers(query: MemberListQuery): Promise<MemberPage> {
  const { orgId, departmentIds, search, page, pageSize } = query;
  if (departmentIds && departmentIds.length === 0) return { rows: [], total: 0, page, pageSize };

  let request = supabase().from('members').select(COLUMNS, { count: 'exact' }).eq('org_id', orgId);
  // A subtree travels as department_id=in.(…) in the URL: fine for hundreds
  // of departments; a very large subtree would want an RPC taking the root.
  if (departmentIds) request = request.in('department_id', [...departmentIds]);
  const filter = search ? memberSearchFilter(search) : undefined;
  if (filter) request = request.or(filter);

  const from = (page - 1) * pageSize;
  const { data, error, count, status } = await request
    .order('name', { ascending: true })
    .order('id', { ascending: true })
    .range(from, from + pageSize - 1)
    .overrideTypes<MemberRow[], { merge: false }>();
  // Past the last page PostgREST answers 416 (PGRST103) and supabase-js drops
  // the count; recover it from the details when present so the pager can step
  // back to the real last page (else 0, and the pager goes to page 1).
  if (error && status === 416) {
    const total = Number(/only (\d+) rows/.exec(error.details ?? '')?.[1] ?? count ?? 0);
    return { rows: [], total, page, pageSize };
  }
  if (error) throw mapPostgrestError(error, status);
  return { rows: data ?? [], total: count ?? 0, page, pageSize };
}

/**
 * Unbinds the members' logins (admin_unbind_members): they must claim the
 * card again and their sessions in the org end. All or nothing: 42501 when
 * the caller does not administer one of them. Returns how many were bound.
 */
export async function unbindMembers(memberIds: readonly string[]): Promise<number> {
  if (memberIds.length === 0) return 0;
  const count: unknown = unwrap(await supabase().rpc('admin_unbind_members', { p_member_ids: [...memberIds] }));
  return parseResponse(z.number().int().nonnegative(), count);
}
