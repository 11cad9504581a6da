// Departments of the admin's org. RLS limits the rows to the admin's scope;
// the explicit org_id filter is what lets Postgres use the (org_id, …) indexes.
import { unwrap } from './errors.ts';
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
