// 餐次与补贴: meal periods (local 'HH:MM' windows), subsidy plans (automatic
// grants of fen or meal tickets to an audience), their runs, and the manual
// "run now" (subsidy_run RPC). Payment admins only (RLS and the RPC).
import { z } from 'zod';
import { unwrap } from './errors.ts';
import { deleted, single } from './crud.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

export interface MealPeriodRow {
  id: string;
  org_id: string;
  name: string;
  /** 'HH:MM' (the database's 'HH:MM:SS' is trimmed). */
  starts: string;
  ends: string;
}
export type MealPeriodInput = Pick<MealPeriodRow, 'name' | 'starts' | 'ends'>;

export interface Audience {
  departments?: string[];
  tags?: string[];
  identities?: string[];
}

export interface SubsidyPlanRow {
  id: string;
  org_id: string;
  name: string;
  wallet: 'subsidy' | 'count';
  /** Fen for the subsidy wallet, tickets for count. */
  amount: number;
  cadence: 'daily' | 'monthly';
  expires_at_period_end: boolean;
  audience: Audience;
  active: boolean;
}
export type SubsidyPlanInput = Omit<SubsidyPlanRow, 'id' | 'org_id'>;

export interface SubsidyRunRow {
  id: string;
  plan_id: string;
  period: string;
  granted_members: number;
  granted_total: number;
  expired_total: number | null;
  granted_at: string;
  expired_at: string | null;
}

const hhmm = (time: string) => time.slice(0, 5);
const PERIOD_COLUMNS = 'id, org_id, name, starts, ends';
const PLAN_COLUMNS = 'id, org_id, name, wallet, amount, cadence, expires_at_period_end, audience, active';
const toPeriod = (row: MealPeriodRow): MealPeriodRow => ({ ...row, starts: hhmm(row.starts), ends: hhmm(row.ends) });

export async function listMealPeriods(orgId: string): Promise<MealPeriodRow[]> {
  const rows = unwrap(await supabase().from('meal_periods').select(PERIOD_COLUMNS).eq('org_id', orgId).order('starts', { ascending: true }).overrideTypes<MealPeriodRow[], { merge: false }>());
  return rows.map(toPeriod);
}

export async function saveMealPeriod(orgId: string, periodId: string | undefined, input: MealPeriodInput): Promise<MealPeriodRow> {
  const table = supabase().from('meal_periods');
  const result = periodId
    ? await table.update(input).eq('org_id', orgId).eq('id', periodId).select(PERIOD_COLUMNS).overrideTypes<MealPeriodRow[], { merge: false }>()
    : await table.insert({ org_id: orgId, ...input }).select(PERIOD_COLUMNS).overrideTypes<MealPeriodRow[], { merge: false }>();
  return toPeriod(single(result));
}

export async function deleteMealPeriod(orgId: string, periodId: string): Promise<void> {
  deleted(await supabase().from('meal_periods').delete().eq('org_id', orgId).eq('id', periodId).select('id'));
}

export async function listSubsidyPlans(orgId: string): Promise<SubsidyPlanRow[]> {
  return unwrap(await supabase().from('subsidy_plans').select(PLAN_COLUMNS).eq('org_id', orgId).order('name', { ascending: true }).overrideTypes<SubsidyPlanRow[], { merge: false }>());
}

export async function saveSubsidyPlan(orgId: string, planId: string | undefined, input: Partial<SubsidyPlanInput>): Promise<SubsidyPlanRow> {
  const table = supabase().from('subsidy_plans');
  return single(
    planId
      ? await table.update(input).eq('org_id', orgId).eq('id', planId).select(PLAN_COLUMNS).overrideTypes<SubsidyPlanRow[], { merge: false }>()
      : await table.insert({ org_id: orgId, ...input }).select(PLAN_COLUMNS).overrideTypes<SubsidyPlanRow[], { merge: false }>(),
  );
}

/**
 * Deletes a plan; one that has already granted is referenced by the ledger
 * (the delete answers 409), so it is deactivated instead.
 */
export async function removeSubsidyPlan(orgId: string, planId: string): Promise<'deleted' | 'deactivated'> {
  const { data, error, status } = await supabase().from('subsidy_plans').delete().eq('org_id', orgId).eq('id', planId).select('id');
  if (error && status === 409) {
    await saveSubsidyPlan(orgId, planId, { active: false });
    return 'deactivated';
  }
  deleted({ data, error, status });
  return 'deleted';
}

export async function listSubsidyRuns(orgId: string, limit = 100): Promise<SubsidyRunRow[]> {
  return unwrap(
    await supabase()
      .from('subsidy_runs')
      .select('id, plan_id, period, granted_members, granted_total, expired_total, granted_at, expired_at')
      .eq('org_id', orgId)
      .order('granted_at', { ascending: false })
      .limit(limit)
      .overrideTypes<SubsidyRunRow[], { merge: false }>(),
  );
}

const RunItemSchema = z.object({ plan_id: z.string(), period: z.string(), members: z.coerce.number().int(), total: z.coerce.number().int() });
const RunResultSchema = z.object({ granted: z.array(RunItemSchema), expired: z.array(RunItemSchema) });
export type SubsidyRunResult = z.infer<typeof RunResultSchema>;

/** 立即发放: grants what is due now and expires finished periods (idempotent). */
export async function runSubsidies(orgId: string): Promise<SubsidyRunResult> {
  const body: unknown = unwrap(await supabase().rpc('subsidy_run', { p_org: orgId }));
  return parseResponse(RunResultSchema, body);
}
