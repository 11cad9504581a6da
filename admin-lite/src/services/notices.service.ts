// Notices (通知公告): drafts are rows in `notices` (RLS: admins with the
// notices function, within their scope); sending, statistics and re-pushing
// go through the send_notice / notice_stats / notice_repush_unread RPCs,
// which re-check scope and report out-of-reach audience instead of dropping it.
import { z } from 'zod';
import { t } from '../i18n/index.ts';
import { AppError, mapPostgrestError, unwrap } from './errors.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

export const NOTICE_TEMPLATES = ['plain', 'receipt', 'reply', 'form', 'import'] as const;
export type NoticeTemplate = (typeof NOTICE_TEMPLATES)[number];
export const NOTICE_CHANNELS = ['wecom', 'wechat', 'sms', 'app'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];
export type NoticeStatus = 'draft' | 'scheduled' | 'sending' | 'sent' | 'cancelled';

export interface NoticeAudience {
  department_ids: string[];
  tag_ids: string[];
  member_ids: string[];
}

export interface NoticeRow {
  id: string;
  org_id: string;
  template: NoticeTemplate;
  title: string;
  body: string;
  form_definition: unknown;
  import_columns: string[] | null;
  audience: NoticeAudience;
  channels: NoticeChannel[];
  status: NoticeStatus;
  scheduled_at: string | null;
  sent_at: string | null;
  recipient_count: number;
  created_at: string;
  /** Recipients who have read it (RLS shows recipients of managed notices). */
  read_count: number;
}

export interface NoticeDraft {
  template: NoticeTemplate;
  title: string;
  body: string;
  form_definition: unknown;
  import_columns: string[] | null;
  audience: NoticeAudience;
  channels: NoticeChannel[];
  scheduled_at: string | null;
}

interface RawNoticeRow extends Omit<NoticeRow, 'read_count' | 'audience'> {
  audience: Partial<NoticeAudience> | null;
  read?: Array<{ count: number }> | null;
}

const COLUMNS = 'id, org_id, template, title, body, form_definition, import_columns, audience, channels, status, scheduled_at, sent_at, recipient_count, created_at';

export function normalizeAudience(audience: Partial<NoticeAudience> | null | undefined): NoticeAudience {
  return { department_ids: audience?.department_ids ?? [], tag_ids: audience?.tag_ids ?? [], member_ids: audience?.member_ids ?? [] };
}

const toNoticeRow = ({ read, audience, ...rest }: RawNoticeRow): NoticeRow => ({
  ...rest,
  audience: normalizeAudience(audience),
  read_count: read?.[0]?.count ?? 0,
});
const forbidden = (status: number) => new AppError('forbidden', t('error.forbidden'), '42501', status);

export async function listNotices(orgId: string): Promise<NoticeRow[]> {
  const rows = unwrap(
    await supabase()
      .from('notices')
      .select(`${COLUMNS}, read:notice_recipients(count)`)
      .eq('org_id', orgId)
      .not('read.read_at', 'is', null)
      .order('created_at', { ascending: false })
      .overrideTypes<RawNoticeRow[], { merge: false }>(),
  );
  return rows.map(toNoticeRow);
}

/** One managed notice (undefined when it does not exist or is not this admin's to see). */
export async function getNotice(orgId: string, noticeId: string): Promise<NoticeRow | undefined> {
  const rows = unwrap(
    await supabase()
      .from('notices')
      .select(`${COLUMNS}, read:notice_recipients(count)`)
      .eq('org_id', orgId)
      .eq('id', noticeId)
      .not('read.read_at', 'is', null)
      .overrideTypes<RawNoticeRow[], { merge: false }>(),
  );
  return rows[0] ? toNoticeRow(rows[0]) : undefined;
}

/**
 * Who sends: always the admin's own member; scoped admins send within one of
 * their departments (the database checks both).
 */
export interface NoticeSender {
  memberId: string;
  scopeDepartmentId: string | null;
}

export async function createNoticeDraft(orgId: string, sender: NoticeSender, draft: NoticeDraft): Promise<NoticeRow> {
  const { data, error, status } = await supabase()
    .from('notices')
    .insert({ org_id: orgId, status: 'draft', sender_member_id: sender.memberId, sender_scope_department_id: sender.scopeDepartmentId, ...draft })
    .select(COLUMNS)
    .overrideTypes<RawNoticeRow[], { merge: false }>();
  if (error) throw mapPostgrestError(error, status);
  const row = data?.[0];
  if (!row) throw forbidden(status);
  return toNoticeRow(row);
}

export async function updateNoticeDraft(orgId: string, noticeId: string, draft: NoticeDraft): Promise<NoticeRow> {
  const { data, error, status } = await supabase()
    .from('notices')
    .update({ ...draft })
    .eq('org_id', orgId)
    .eq('id', noticeId)
    .eq('status', 'draft')
    .select(COLUMNS)
    .overrideTypes<RawNoticeRow[], { merge: false }>();
  if (error) throw mapPostgrestError(error, status);
  const row = data?.[0];
  if (!row) throw forbidden(status);
  return toNoticeRow(row);
}

export async function deleteNoticeDraft(orgId: string, noticeId: string): Promise<void> {
  const { data, error, status } = await supabase().from('notices').delete().eq('org_id', orgId).eq('id', noticeId).eq('status', 'draft').select('id');
  if (error) throw mapPostgrestError(error, status);
  if (!data || data.length === 0) throw forbidden(status);
}

/**
 * 取消发送: a scheduled notice becomes 'cancelled' (RLS lets managers do so
 * only while it is scheduled; the database then drops its pending
 * deliveries). A notice already sending or sent is refused.
 */
export async function cancelScheduledNotice(orgId: string, noticeId: string): Promise<void> {
  const { data, error, status } = await supabase()
    .from('notices')
    .update({ status: 'cancelled' })
    .eq('org_id', orgId)
    .eq('id', noticeId)
    .eq('status', 'scheduled')
    .select('id');
  if (error) throw mapPostgrestError(error, status);
  if (!data || data.length === 0) throw forbidden(status);
}

const SendResultSchema = z.object({
  ok: z.boolean(),
  recipients: z.number().int().nonnegative(),
  errors: z.array(z.object({ code: z.string(), message: z.string().optional().default('') }).loose()).default([]),
  status: z.enum(['sent', 'scheduled']).optional(),
});
export type SendNoticeResult = z.infer<typeof SendResultSchema>;

/** One row of an import notice's sheet: the person's 工号 and their own values. */
export interface PersonalRow {
  employee_no: string;
  data: Record<string, string>;
}

/**
 * Sends a draft (or, with dryRun, only counts who it would reach). When the
 * result has errors nothing was sent: every one of them is for the admin to fix.
 */
export async function sendNotice(noticeId: string, options: { dryRun: boolean; personalRows?: readonly PersonalRow[] }): Promise<SendNoticeResult> {
  const result: unknown = unwrap(
    await supabase().rpc('send_notice', {
      p_notice: noticeId,
      p_personal_rows: options.personalRows ? [...options.personalRows] : null,
      p_dry_run: options.dryRun,
    }),
  );
  return parseResponse(SendResultSchema, result);
}

const StatsSchema = z.object({
  total: z.number().int(),
  read: z.number().int(),
  confirmed: z.number().int(),
  responses: z.number().int(),
  by_department: z.array(z.object({ department_id: z.string(), name: z.string().nullable(), total: z.number().int(), read: z.number().int() })).default([]),
  by_channel: z.array(z.object({ channel: z.string(), status: z.string(), count: z.number().int() })).nullable().default([]),
});
export type NoticeStats = z.infer<typeof StatsSchema>;

export async function getNoticeStats(noticeId: string): Promise<NoticeStats> {
  return parseResponse(StatsSchema, unwrap(await supabase().rpc('notice_stats', { p_notice: noticeId })));
}

/** Queues another push to everyone who has not read it; returns how many deliveries. */
export async function repushUnread(noticeId: string): Promise<number> {
  return parseResponse(z.number().int().nonnegative(), unwrap(await supabase().rpc('notice_repush_unread', { p_notice: noticeId })));
}

export interface UnreadRecipient {
  member_id: string;
  name: string;
  employee_no: string | null;
  department_id: string;
}

/** Recipients who have not read the notice, with their names (a second query on members). */
export async function listUnreadRecipients(orgId: string, noticeId: string): Promise<UnreadRecipient[]> {
  const recipients = unwrap(
    await supabase()
      .from('notice_recipients')
      .select('member_id, department_id')
      .eq('org_id', orgId)
      .eq('notice_id', noticeId)
      .is('read_at', null)
      .limit(1000)
      .overrideTypes<Array<{ member_id: string; department_id: string }>, { merge: false }>(),
  );
  const names = await memberNames(orgId, recipients.map((r) => r.member_id));
  return recipients.map((r) => ({ ...r, name: names.get(r.member_id)?.name ?? r.member_id, employee_no: names.get(r.member_id)?.employee_no ?? null }));
}

export interface FormResponseRow {
  member_id: string;
  name: string;
  employee_no: string | null;
  answers: Record<string, unknown>;
  submitted_at: string;
}

export async function listFormResponses(orgId: string, noticeId: string): Promise<FormResponseRow[]> {
  const rows = unwrap(
    await supabase()
      .from('notice_form_responses')
      .select('member_id, answers, submitted_at')
      .eq('org_id', orgId)
      .eq('notice_id', noticeId)
      .order('submitted_at', { ascending: true })
      .overrideTypes<Array<{ member_id: string; answers: Record<string, unknown>; submitted_at: string }>, { merge: false }>(),
  );
  const names = await memberNames(orgId, rows.map((r) => r.member_id));
  return rows.map((r) => ({ ...r, name: names.get(r.member_id)?.name ?? r.member_id, employee_no: names.get(r.member_id)?.employee_no ?? null }));
}

export interface NoticeCommentRow {
  id: string;
  member_id: string;
  name: string;
  employee_no: string | null;
  body: string;
  created_at: string;
}

/** Comments under a reply notice, oldest first, with the members' names (a second query on members). */
export async function listNoticeComments(orgId: string, noticeId: string): Promise<NoticeCommentRow[]> {
  const rows = unwrap(
    await supabase()
      .from('notice_comments')
      .select('id, member_id, body, created_at')
      .eq('org_id', orgId)
      .eq('notice_id', noticeId)
      .order('created_at', { ascending: true })
      .limit(1000)
      .overrideTypes<Array<{ id: string; member_id: string; body: string; created_at: string }>, { merge: false }>(),
  );
  const names = await memberNames(orgId, [...new Set(rows.map((r) => r.member_id))]);
  return rows.map((r) => ({ ...r, name: names.get(r.member_id)?.name ?? r.member_id, employee_no: names.get(r.member_id)?.employee_no ?? null }));
}

async function memberNames(orgId: string, ids: readonly string[]): Promise<Map<string, { name: string; employee_no: string | null }>> {
  const map = new Map<string, { name: string; employee_no: string | null }>();
  if (ids.length === 0) return map;
  const rows = unwrap(
    await supabase()
      .from('members')
      .select('id, name, employee_no')
      .eq('org_id', orgId)
      .in('id', [...ids])
      .overrideTypes<Array<{ id: string; name: string; employee_no: string | null }>, { merge: false }>(),
  );
  for (const row of rows) map.set(row.id, { name: row.name, employee_no: row.employee_no });
  return map;
}
