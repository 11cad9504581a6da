import { unwrap } from './errors.ts';
import { supabase } from './supabase-client.ts';

export interface OrgRow {
  id: string;
  name: string;
}

export async function getOrg(orgId: string): Promise<OrgRow> {
  return unwrap(await supabase().from('orgs').select('id, name').eq('id', orgId).single<OrgRow>());
}
