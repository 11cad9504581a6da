// 实名登记: registration points (a QR `yima:reg:<id>` per place or device,
// a shared-engine form and an audience; `registration` app admins write)
// and the records submitted at a point (member names by a second query).
import type { FormDefinition } from '@yima/shared';
import { unwrap } from './errors.ts';
import { memberRefs } from './member-lookup.service.ts';
import { allRows, deleted, single, type ScenarioAudience } from './scenario-common.ts';
import { supabase } from './supabase-client.ts';

export interface RegistrationPointRow {
  id: string;
  org_id: string;
  name: string;
  purpose: string | null;
  form: FormDefinition;
  audience: ScenarioAudience;
  active: boolean;
}
export type RegistrationPointInput = Omit<RegistrationPointRow, 'id' | 'org_id'>;

const POINT_COLUMNS = 'id, org_id, name, purpose, form, audience, active';

export async function listRegistrationPoints(orgId: string): Promise<RegistrationPointRow[]> {
  return unwrap(await supabase().from('registration_points').select(POINT_COLUMNS).eq('org_id', orgId).order('name', { ascending: true }).overrideTypes<RegistrationPointRow[], { merge: false }>());
}

export async function getRegistrationPoint(orgId: string, pointId: string): Promise<RegistrationPointRow> {
  return single(await supabase().from('registration_points').select(POINT_COLUMNS).eq('org_id', orgId).eq('id', pointId).overrideTypes<RegistrationPointRow[], { merge: false }>());
}

export async function saveRegistrationPoint(orgId: string, pointId: string | undefined, input: Partial<RegistrationPointInput>): Promise<RegistrationPointRow> {
  const table = supabase().from('registration_points');
  return single(
    pointId
      ? await table.update(input).eq('org_id', orgId).eq('id', pointId).select(POINT_COLUMNS).overrideTypes<RegistrationPointRow[], { merge: false }>()
      : await table.insert({ org_id: orgId, ...input }).select(POINT_COLUMNS).overrideTypes<RegistrationPointRow[], { merge: false }>(),
  );
}

export async function deleteRegistrationPoint(orgId: string, pointId: string): Promise<void> {
  deleted(await supabase().from('registration_points').delete().eq('org_id', orgId).eq('id', pointId).select('id'));
}

export interface RegistrationRecordRow {
  id: number;
  member_id: string;
  answers: Record<string, unknown>;
  at: string;
  member_name: string | null;
  employee_no: string | null;
}

export const RECORDS_MAX_ROWS = 5000;

/** The records of a point, newest first, at most RECORDS_MAX_ROWS; `truncated` when there were more. */
export async function listRegistrationRecords(orgId: string, pointId: string): Promise<{ rows: RegistrationRecordRow[]; truncated: boolean }> {
  const { rows, truncated } = await allRows(
    (from, to) =>
      supabase()
        .from('registration_records')
        .select('id, member_id, answers, at')
        .eq('org_id', orgId)
        .eq('point_id', pointId)
        .order('at', { ascending: false })
        .order('id', { ascending: false })
        .range(from, to)
        .overrideTypes<Array<Omit<RegistrationRecordRow, 'member_name' | 'employee_no'>>, { merge: false }>(),
    RECORDS_MAX_ROWS,
  );
  const refs = await memberRefs(orgId, rows.map((r) => r.member_id));
  return {
    rows: rows.map((r) => ({ ...r, member_name: refs.get(r.member_id)?.name ?? null, employee_no: refs.get(r.member_id)?.employee_no ?? null })),
    truncated,
  };
}
