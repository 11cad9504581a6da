// Departments of the admin's org: the whole tree is readable by every member
// (names only); admins create, rename, move and delete inside their scope
// (RLS). The explicit org_id filter is what lets Postgres use the
// (org_id, …) indexes.
import { t } from '../i18n/index.ts';
import { AppError, mapPostgrestError, unwrap } from './errors.ts';
import { supabase } from './supabase-client.ts';

export interface DepartmentRow {
  id: string;
  org_id: string;
  parent_id: string | null;
  name: string;
  /** ltree of ancestor ids, as text. */
  path: string;
  /** The org's 未分组 group. */
  is_default: boolean;
  sort_order: number;
}

const COLUMNS = 'id, org_id, parent_id, name, path, is_default, sort_order';

export async function listDepartments(orgId: string): Promise<DepartmentRow[]> {
  return unwrap(
    await supabase()
      .from('departments')
      .select(COLUMNS)
      .eq('org_id', orgId)
      .order('sort_order', { ascending: true })
      .order('name', { ascending: true })
      .overrideTypes<DepartmentRow[], { merge: false }>(),
  );
}

const forbidden = (status: number) => new AppError('forbidden', t('error.forbidden'), '42501', status);

/**
 * A department under `parentId` (one the admin administers), or a root
 * (parentId null; super admins only). 23505 when a sibling has the name.
 */
export async function createDepartment(orgId: string, parentId: string | null, name: string): Promise<DepartmentRow> {
  const { data, error, status } = await supabase()
    .from('departments')
    .insert({ org_id: orgId, parent_id: parentId, name })
    .select(COLUMNS)
    .overrideTypes<DepartmentRow[], { merge: false }>();
  if (error) throw mapPostgrestError(error, status);
  const row = data?.[0];
  if (!row) throw forbidden(status);
  return row;
}

/**
 * Renames and/or moves a department. Moving takes its subtree along; YM001
 * for 未分组, YM003 when the new parent lies inside the department itself.
 */
export async function updateDepartment(
  orgId: string,
  departmentId: string,
  patch: { name?: string; parent_id?: string | null; sort_order?: number },
): Promise<DepartmentRow> {
  const { data, error, status } = await supabase()
    .from('departments')
    .update(patch)
    .eq('org_id', orgId)
    .eq('id', departmentId)
    .select(COLUMNS)
    .overrideTypes<DepartmentRow[], { merge: false }>();
  if (error) throw mapPostgrestError(error, status);
  // RLS hides a department outside the admin's scope: no error, no row.
  const row = data?.[0];
  if (!row) throw forbidden(status);
  return row;
}

/** Deletes a department and its subtree; their members move to 未分组 (a trigger does it). */
export async function deleteDepartment(orgId: string, departmentId: string): Promise<void> {
  const { data, error, status } = await supabase().from('departments').delete().eq('org_id', orgId).eq('id', departmentId).select('id');
  if (error) throw mapPostgrestError(error, status);
  if (!data || data.length === 0) throw forbidden(status);
}
