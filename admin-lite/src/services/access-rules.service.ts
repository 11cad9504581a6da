// 通行规则 (access_rules): who passes which point when. Managed by admins
// with the `cards` function (RLS). code-verify applies them: deny wins; a
// point with any allow rule admits only matches; no allow rules = everyone.
import { t } from '../i18n/index.ts';
import { AppError, mapPostgrestError, unwrap } from './errors.ts';
import { supabase } from './supabase-client.ts';

export interface AccessRuleRow {
  id: string;
  org_id: string;
  name: string;
  point_id: string | null;
  department_id: string | null;
  tag_id: string | null;
  member_id: string | null;
  effect: 'allow' | 'deny';
  weekdays: number[];
  /** 'HH:MM' (the database's 'HH:MM:SS' is trimmed). */
  time_from: string;
  time_until: string;
  /** Name of the targeted member, for display. */
  member_name: string | null;
}

export type AccessRuleInput = Omit<AccessRuleRow, 'id' | 'org_id' | 'member_name'>;

interface RawRule extends Omit<AccessRuleRow, 'member_name'> {
  members?: { name: string } | null;
}

const COLUMNS = 'id, org_id, name, point_id, department_id, tag_id, member_id, effect, weekdays, time_from, time_until';
const forbidden = (status: number) => new AppError('forbidden', t('error.forbidden'), '42501', status);
const hhmm = (time: string) => time.slice(0, 5);
const toRow = ({ members, ...rule }: RawRule): AccessRuleRow => ({
  ...rule,
  time_from: hhmm(rule.time_from),
  time_until: hhmm(rule.time_until),
  weekdays: [...rule.weekdays].sort((a, b) => a - b),
  member_name: members?.name ?? null,
});

export async function listAccessRules(orgId: string): Promise<AccessRuleRow[]> {
  const rows = unwrap(
    await supabase().from('access_rules').select(`${COLUMNS}, members(name)`).eq('org_id', orgId).order('name', { ascending: true }).overrideTypes<RawRule[], { merge: false }>(),
  );
  return rows.map(toRow);
}

export async function createAccessRule(orgId: string, input: AccessRuleInput): Promise<AccessRuleRow> {
  const { data, error, status } = await supabase().from('access_rules').insert({ org_id: orgId, ...input }).select(`${COLUMNS}, members(name)`).overrideTypes<RawRule[], { merge: false }>();
  if (error) throw mapPostgrestError(error, status);
  const row = data?.[0];
  if (!row) throw forbidden(status);
  return toRow(row);
}

export async function updateAccessRule(orgId: string, ruleId: string, input: AccessRuleInput): Promise<AccessRuleRow> {
  const { data, error, status } = await supabase()
    .from('access_rules')
    .update(input)
    .eq('org_id', orgId)
    .eq('id', ruleId)
    .select(`${COLUMNS}, members(name)`)
    .overrideTypes<RawRule[], { merge: false }>();
  if (error) throw mapPostgrestError(error, status);
  const row = data?.[0];
  if (!row) throw forbidden(status);
  return toRow(row);
}

export async function deleteAccessRule(orgId: string, ruleId: string): Promise<void> {
  const { data, error, status } = await supabase().from('access_rules').delete().eq('org_id', orgId).eq('id', ruleId).select('id');
  if (error) throw mapPostgrestError(error, status);
  if (!data || data.length === 0) throw forbidden(status);
}
