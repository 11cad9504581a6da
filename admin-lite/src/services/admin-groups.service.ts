// 权限配置 (super admins): admin groups with their function and app
// permissions and user scope (department subtrees), the admins of a group,
// each admin's own scope (replaces the group's), adding admins by phone and
// importing scopes in bulk. RLS and the RPCs refuse everyone but super admins;
// the super group itself cannot be created, changed or deleted here.
import { z } from 'zod';
import type { AdminFunction } from './admin-profile.service.ts';
import { mapPostgrestError, unwrap } from './errors.ts';
import { deleted, single } from './crud.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

export interface AdminGroupRow {
  id: string;
  org_id: string;
  name: string;
  is_super: boolean;
  functions: AdminFunction[];
  apps: string[];
  /** The group's user scope: roots of department subtrees. */
  departments: string[];
}
export type AdminGroupInput = Pick<AdminGroupRow, 'name' | 'functions' | 'apps' | 'departments'>;

export interface GroupAdminRow {
  member_id: string;
  name: string | null;
  employee_no: string | null;
  phone: string | null;
  /** This admin's own scope; empty = the group's. */
  scope: string[];
}

const GROUP_COLUMNS = 'id, org_id, name, is_super, functions, apps, admin_group_departments(department_id)';

type RawGroup = Omit<AdminGroupRow, 'departments'> & { admin_group_departments: Array<{ department_id: string }> | null };
const toGroup = ({ admin_group_departments: depts, ...row }: RawGroup): AdminGroupRow => ({ ...row, departments: (depts ?? []).map((d) => d.department_id) });

/** The super group first, then by name. */
export async function listAdminGroups(orgId: string): Promise<AdminGroupRow[]> {
  const rows = unwrap(
    await supabase()
      .from('admin_groups')
      .select(GROUP_COLUMNS)
      .eq('org_id', orgId)
      .order('is_super', { ascending: false })
      .order('name', { ascending: true })
      .overrideTypes<RawGroup[], { merge: false }>(),
  );
  return rows.map(toGroup);
}

/** Replaces a group's departments (delete all, insert the list). */
async function setGroupDepartments(orgId: string, groupId: string, departments: readonly string[]): Promise<void> {
  const removed = await supabase().from('admin_group_departments').delete().eq('org_id', orgId).eq('group_id', groupId);
  if (removed.error) throw mapPostgrestError(removed.error, removed.status);
  if (departments.length === 0) return;
  const added = await supabase()
    .from('admin_group_departments')
    .insert(departments.map((department_id) => ({ org_id: orgId, group_id: groupId, department_id })));
  if (added.error) throw mapPostgrestError(added.error, added.status);
}

export async function createAdminGroup(orgId: string, { departments, ...input }: AdminGroupInput): Promise<AdminGroupRow> {
  const row = single(await supabase().from('admin_groups').insert({ org_id: orgId, ...input }).select('id').overrideTypes<Array<{ id: string }>, { merge: false }>());
  await setGroupDepartments(orgId, row.id, departments);
  return { id: row.id, org_id: orgId, is_super: false, ...input, departments: [...departments] };
}

export async function updateAdminGroup(orgId: string, groupId: string, { departments, ...input }: AdminGroupInput): Promise<AdminGroupRow> {
  single(await supabase().from('admin_groups').update(input).eq('org_id', orgId).eq('id', groupId).eq('is_super', false).select('id'));
  await setGroupDepartments(orgId, groupId, departments);
  return { id: groupId, org_id: orgId, is_super: false, ...input, departments: [...departments] };
}

/** Deletes a normal group; its admins lose the group's rights (cascade). */
export async function deleteAdminGroup(orgId: string, groupId: string): Promise<void> {
  deleted(await supabase().from('admin_groups').delete().eq('org_id', orgId).eq('id', groupId).eq('is_super', false).select('id'));
}

interface RawGroupMember {
  member_id: string;
  members: { name: string; employee_no: string | null; phone: string | null } | null;
}

/** The admins of a group with their own scopes. */
export async function listGroupAdmins(orgId: string, groupId: string): Promise<GroupAdminRow[]> {
  const members = unwrap(
    await supabase()
      .from('admin_group_members')
      .select('member_id, members(name, employee_no, phone:phone_masked)')
      .eq('org_id', orgId)
      .eq('group_id', groupId)
      .order('created_at', { ascending: true })
      .overrideTypes<RawGroupMember[], { merge: false }>(),
  );
  const scopes = unwrap(
    await supabase().from('admin_member_departments').select('member_id, department_id').eq('org_id', orgId).eq('group_id', groupId).overrideTypes<Array<{ member_id: string; department_id: string }>, { merge: false }>(),
  );
  return members.map(({ member_id, members: m }) => ({
    member_id,
    name: m?.name ?? null,
    employee_no: m?.employee_no ?? null,
    phone: m?.phone ?? null,
    scope: scopes.filter((s) => s.member_id === member_id).map((s) => s.department_id),
  }));
}

/** Removes an admin from a group, with their own scope in it. */
export async function removeGroupAdmin(orgId: string, groupId: string, memberId: string): Promise<void> {
  deleted(await supabase().from('admin_group_members').delete().eq('org_id', orgId).eq('group_id', groupId).eq('member_id', memberId).select('member_id'));
  const scope = await supabase().from('admin_member_departments').delete().eq('org_id', orgId).eq('group_id', groupId).eq('member_id', memberId);
  if (scope.error) throw mapPostgrestError(scope.error, scope.status);
}

const AddedSchema = z.object({ member_id: z.string().min(1), name: z.string() });

/** Adds the member with this phone to the group (YM701: nobody has it). */
export async function addAdminByPhone(groupId: string, phone: string): Promise<{ member_id: string; name: string }> {
  return parseResponse(AddedSchema, unwrap(await supabase().rpc('admin_add_by_phone', { p_group: groupId, p_phone: phone })));
}

/** Sets an admin's own scope; an empty list goes back to the group's. */
export async function setAdminScope(groupId: string, memberId: string, departments: readonly string[]): Promise<void> {
  const { error, status } = await supabase().rpc('admin_set_member_scope', { p_group: groupId, p_member: memberId, p_departments: [...departments] });
  if (error) throw mapPostgrestError(error, status);
}

export interface ScopeImportRow {
  employee_no: string;
  departments: string[];
}

const ImportResultSchema = z.object({
  errors: z.array(z.object({ row: z.number().int(), message: z.string() })),
  rows: z.number().int().nonnegative(),
  applied: z.boolean(),
});
export type ScopeImportResult = z.infer<typeof ImportResultSchema>;

/** Checks (dry run) or applies a scope import; nothing is applied while any row has a problem. */
export async function importAdminScopes(groupId: string, rows: readonly ScopeImportRow[], dryRun: boolean): Promise<ScopeImportResult> {
  return parseResponse(ImportResultSchema, unwrap(await supabase().rpc('admin_import_scopes', { p_group: groupId, p_rows: rows, p_dry_run: dryRun })));
}
