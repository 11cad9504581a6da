// The signed-in member's own profile (RLS lets a member read their own row;
// departments and the org name are readable by the org's members).
import type { SessionMember } from '../stores/session.store';
import { fromPostgrestError } from './errors';
import { getSupabase } from './supabase.client';

export interface MemberProfile {
  id: string;
  orgId: string;
  name: string;
  employeeNo: string | null;
  status: string;
  departmentId: string | null;
  departmentName: string | null;
  orgName: string | null;
}

interface MemberRow {
  id: string;
  org_id: string;
  name: string;
  employee_no: string | null;
  department_id: string | null;
  status: string;
}

export const memberService = {
  async getMyProfile(member: Pick<SessionMember, 'id' | 'orgId'>): Promise<MemberProfile> {
    const supabase = await getSupabase();
    // Filter by org_id explicitly: RLS alone does not use the (org_id, ...) indexes.
    const memberResult = await supabase
      .from('members')
      .select('id, org_id, name, employee_no, department_id, status')
      .eq('org_id', member.orgId)
      .eq('id', member.id)
      .single<MemberRow>();
    if (memberResult.error) throw fromPostgrestError(memberResult.error, memberResult.status);
    const row = memberResult.data;

    const [departmentResult, orgResult] = await Promise.all([
      row.department_id
        ? supabase.from('departments').select('id, name').eq('org_id', row.org_id).eq('id', row.department_id).maybeSingle<{ id: string; name: string }>()
        : Promise.resolve(null),
      supabase.from('orgs').select('id, name').eq('id', row.org_id).maybeSingle<{ id: string; name: string }>(),
    ]);
    if (departmentResult?.error) throw fromPostgrestError(departmentResult.error, departmentResult.status);
    if (orgResult.error) throw fromPostgrestError(orgResult.error, orgResult.status);

    return {
      id: row.id,
      orgId: row.org_id,
      name: row.name,
      employeeNo: row.employee_no,
      status: row.status,
      departmentId: row.department_id,
      departmentName: departmentResult?.data?.name ?? null,
      orgName: orgResult.data?.name ?? null,
    };
  },
};
