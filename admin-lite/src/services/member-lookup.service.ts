// Names of members referenced by id from tables without a foreign key to
// members (the ledger outlives members): one `in` query per page of rows.
import { unwrap } from './errors.ts';
import { supabase } from './supabase-client.ts';

export interface MemberRef {
  id: string;
  name: string;
  employee_no: string | null;
}

/** id -> name/employee no. of the given members that the admin can see (others are absent). */
export async function memberRefs(orgId: string, ids: ReadonlyArray<string | null>): Promise<Map<string, MemberRef>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  const refs = new Map<string, MemberRef>();
  // Keep each URL short: at most 200 ids per request.
  for (let i = 0; i < unique.length; i += 200) {
    const rows = unwrap(
      await supabase().from('members').select('id, name, employee_no').eq('org_id', orgId).in('id', unique.slice(i, i + 200)).overrideTypes<MemberRef[], { merge: false }>(),
    );
    for (const row of rows) refs.set(row.id, row);
  }
  return refs;
}
