// Notices (通知) for the signed-in member: the ones sent to me (RLS shows a
// sent notice to its recipients), read / confirm (notice_mark_read), comments
// under reply notices, form answers (notice-respond), my import row; and for
// department heads: send a plain notice to the headed department (a draft
// row, then send_notice) and the statistics of what I sent (notice_stats).
// Writes go through POST only (RPCs, functions, inserts): wx.request has no PATCH.
import type { NoticeStatus, NoticeSummary, NoticeTemplate } from '../lib/notices';
import { invokeFunction, malformed } from './auth-api';
import { getRuntimeConfig } from './config.service';
import { fromPostgrestError } from './errors';
import { getSupabase } from './supabase.client';

export interface MemberRef {
  orgId: string;
  memberId: string;
}

export interface NoticeDetail {
  id: string;
  orgId: string;
  template: NoticeTemplate;
  title: string;
  body: string;
  sentAt: string | null;
  formDefinition: unknown;
  importColumns: string[] | null;
  readAt: string | null;
  confirmedAt: string | null;
}

export interface NoticeComment {
  id: string;
  memberId: string;
  body: string;
  createdAt: string;
}

export interface HeadedDepartment {
  id: string;
  name: string;
}

export interface SentNotice {
  id: string;
  template: NoticeTemplate;
  title: string;
  status: NoticeStatus;
  sentAt: string | null;
  createdAt: string;
  recipientCount: number;
}

export interface SendResult {
  ok: boolean;
  noticeId: string;
  recipients: number;
  errors: Array<{ code: string; message: string }>;
}

export interface NoticeStats {
  total: number;
  read: number;
  confirmed: number;
  responses: number;
  byDepartment: Array<{ departmentId: string; name: string; total: number; read: number }>;
}

interface RecipientJoin {
  read_at: string | null;
  confirmed_at: string | null;
}

interface NoticeRow {
  id: string;
  org_id: string;
  template: NoticeTemplate;
  title: string;
  body: string;
  sent_at: string | null;
  form_definition: unknown;
  import_columns: string[] | null;
  notice_recipients: RecipientJoin[] | RecipientJoin | null;
}

const firstRecipient = (value: NoticeRow['notice_recipients']): RecipientJoin | null =>
  Array.isArray(value) ? (value[0] ?? null) : (value ?? null);

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : Number(value) || 0);

export function parseSendResult(noticeId: string, body: unknown): SendResult {
  const v = (body ?? {}) as Record<string, unknown>;
  if (typeof v.ok !== 'boolean') throw malformed('send_notice: missing ok');
  const errors = Array.isArray(v.errors)
    ? v.errors.map((e: Record<string, unknown>) => ({ code: String(e?.code ?? ''), message: String(e?.message ?? '') }))
    : [];
  return { ok: v.ok, noticeId, recipients: num(v.recipients), errors };
}

export function parseStats(body: unknown): NoticeStats {
  const v = (body ?? {}) as Record<string, unknown>;
  if (v.total === undefined) throw malformed('notice_stats: missing total');
  const departments = Array.isArray(v.by_department) ? v.by_department : [];
  return {
    total: num(v.total),
    read: num(v.read),
    confirmed: num(v.confirmed),
    responses: num(v.responses),
    byDepartment: departments.map((d: Record<string, unknown>) => ({
      departmentId: String(d?.department_id ?? ''),
      name: String(d?.name ?? ''),
      total: num(d?.total),
      read: num(d?.read),
    })),
  };
}

export const noticeService = {
  /** Sent notices addressed to me, newest first, with my read / confirm state. */
  async listMine(me: MemberRef): Promise<NoticeSummary[]> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('notices')
      .select('id, template, title, sent_at, notice_recipients!inner(read_at, confirmed_at)')
      .eq('org_id', me.orgId)
      .eq('status', 'sent')
      .eq('notice_recipients.member_id', me.memberId)
      .order('sent_at', { ascending: false })
      .limit(200);
    if (error) throw fromPostgrestError(error, status);
    return ((data ?? []) as unknown as Array<Omit<NoticeRow, 'org_id' | 'body' | 'form_definition' | 'import_columns'>>).map((row) => {
      const mine = firstRecipient(row.notice_recipients);
      return {
        id: row.id,
        template: row.template,
        title: row.title,
        sentAt: row.sent_at,
        readAt: mine?.read_at ?? null,
        confirmedAt: mine?.confirmed_at ?? null,
      };
    });
  },

  /** One notice sent to me; null when RLS hides it (not mine, not sent, no such id). */
  async get(me: MemberRef, noticeId: string): Promise<NoticeDetail | null> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('notices')
      .select('id, org_id, template, title, body, sent_at, form_definition, import_columns, notice_recipients!inner(read_at, confirmed_at)')
      .eq('id', noticeId)
      .eq('status', 'sent')
      .eq('notice_recipients.member_id', me.memberId)
      .maybeSingle<NoticeRow>();
    if (error) throw fromPostgrestError(error, status);
    if (!data) return null;
    const mine = firstRecipient(data.notice_recipients);
    return {
      id: data.id,
      orgId: data.org_id,
      template: data.template,
      title: data.title,
      body: data.body,
      sentAt: data.sent_at,
      formDefinition: data.form_definition,
      importColumns: data.import_columns,
      readAt: mine?.read_at ?? null,
      confirmedAt: mine?.confirmed_at ?? null,
    };
  },

  /** notice_mark_read: idempotent; with confirm (receipt notices) also 确认收到. */
  async markRead(noticeId: string, confirm = false): Promise<{ readAt: string | null; confirmedAt: string | null }> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase.rpc('notice_mark_read', { p_notice: noticeId, p_confirm: confirm });
    if (error) throw fromPostgrestError(error, status);
    const v = (data ?? {}) as { read_at?: string | null; confirmed_at?: string | null };
    return { readAt: v.read_at ?? null, confirmedAt: v.confirmed_at ?? null };
  },

  async listComments(orgId: string, noticeId: string): Promise<NoticeComment[]> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('notice_comments')
      .select('id, member_id, body, created_at')
      .eq('org_id', orgId)
      .eq('notice_id', noticeId)
      .order('created_at', { ascending: true })
      .limit(500);
    if (error) throw fromPostgrestError(error, status);
    return (data ?? []).map((row) => ({ id: row.id, memberId: row.member_id, body: row.body, createdAt: row.created_at }));
  },

  /** A PostgREST insert (POST); RLS lets a recipient of a sent reply notice write their own. */
  async postComment(me: MemberRef, noticeId: string, body: string): Promise<NoticeComment> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('notice_comments')
      .insert({ org_id: me.orgId, notice_id: noticeId, member_id: me.memberId, body: body.trim() })
      .select('id, member_id, body, created_at')
      .single();
    if (error) throw fromPostgrestError(error, status);
    return { id: data.id, memberId: data.member_id, body: data.body, createdAt: data.created_at };
  },

  /** My import row (千人千面), or null. */
  async personalRow(me: MemberRef, noticeId: string): Promise<Record<string, unknown> | null> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('notice_personal_rows')
      .select('row_data')
      .eq('org_id', me.orgId)
      .eq('notice_id', noticeId)
      .eq('member_id', me.memberId)
      .maybeSingle<{ row_data: Record<string, unknown> | null }>();
    if (error) throw fromPostgrestError(error, status);
    return data?.row_data ?? null;
  },

  /** The answers I submitted to a form notice before, or null. */
  async myResponse(me: MemberRef, noticeId: string): Promise<Record<string, unknown> | null> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('notice_form_responses')
      .select('answers')
      .eq('org_id', me.orgId)
      .eq('notice_id', noticeId)
      .eq('member_id', me.memberId)
      .maybeSingle<{ answers: Record<string, unknown> | null }>();
    if (error) throw fromPostgrestError(error, status);
    return data?.answers ?? null;
  },

  /** POST notice-respond; a 400 invalid_answers throws an AppError whose data.fields lists [{key, message}]. */
  async respond(noticeId: string, answers: Record<string, unknown>): Promise<void> {
    const [supabase, config] = await Promise.all([getSupabase(), getRuntimeConfig()]);
    await invokeFunction(supabase, config.anonKey, 'notice-respond', { auth: 'user', body: { notice_id: noticeId, answers } });
  },

  /** The departments I head (a head may send plain notices to each). */
  async headedDepartments(me: MemberRef): Promise<HeadedDepartment[]> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('department_heads')
      .select('department_id, departments(name)')
      .eq('org_id', me.orgId)
      .eq('member_id', me.memberId);
    if (error) throw fromPostgrestError(error, status);
    return ((data ?? []) as unknown as Array<{ department_id: string; departments: { name: string } | { name: string }[] | null }>).map((row) => {
      const department = Array.isArray(row.departments) ? row.departments[0] : row.departments;
      return { id: row.department_id, name: department?.name ?? '' };
    });
  },

  /**
   * A plain notice to one headed department: insert the draft, then send_notice.
   * When send_notice refuses (errors, nothing sent) the draft is deleted again,
   * so a head's failed attempt leaves nothing behind.
   */
  async sendPlainToDepartment(me: MemberRef, departmentId: string, input: { title: string; body: string }): Promise<SendResult> {
    const supabase = await getSupabase();
    const inserted = await supabase
      .from('notices')
      .insert({
        org_id: me.orgId,
        template: 'plain',
        title: input.title.trim(),
        body: input.body,
        status: 'draft',
        sender_member_id: me.memberId,
        sender_scope_department_id: departmentId,
        audience: { department_ids: [departmentId] },
      })
      .select('id')
      .single<{ id: string }>();
    if (inserted.error) throw fromPostgrestError(inserted.error, inserted.status);
    const noticeId = inserted.data.id;
    const sent = await supabase.rpc('send_notice', { p_notice: noticeId });
    if (sent.error) {
      await supabase.from('notices').delete().eq('id', noticeId);
      throw fromPostgrestError(sent.error, sent.status);
    }
    const result = parseSendResult(noticeId, sent.data);
    if (!result.ok) await supabase.from('notices').delete().eq('id', noticeId);
    return result;
  },

  /** Notices I sent (any status), newest first. */
  async listSent(me: MemberRef): Promise<SentNotice[]> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('notices')
      .select('id, template, title, status, sent_at, created_at, recipient_count')
      .eq('org_id', me.orgId)
      .eq('sender_member_id', me.memberId)
      .order('created_at', { ascending: false })
      .limit(100);
    if (error) throw fromPostgrestError(error, status);
    return (data ?? []).map((row) => ({
      id: row.id,
      template: row.template,
      title: row.title,
      status: row.status,
      sentAt: row.sent_at,
      createdAt: row.created_at,
      recipientCount: row.recipient_count,
    }));
  },

  async stats(noticeId: string): Promise<NoticeStats> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase.rpc('notice_stats', { p_notice: noticeId });
    if (error) throw fromPostgrestError(error, status);
    return parseStats(data);
  },
};

export type NoticeService = typeof noticeService;
