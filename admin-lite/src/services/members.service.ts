// Members of the console: one page at a time with an exact total (optionally
// limited to a department subtree, a search, 未领卡 or one tag), each row with
// its tags and last SMS invitation; adding, editing, moving, changing status,
// deleting, unbinding logins, and lifting a deleted employee number's
// tombstone (允许重新领卡). RLS limits every read and write to the admin's
// departments; the explicit org_id filter lets Postgres use its indexes.
import { z } from 'zod';
import { t } from '../i18n/index.ts';
import { memberSearchFilter } from '../lib/postgrest-filter.ts';
import { AppError, mapPostgrestError, unwrap } from './errors.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

export const MEMBER_STATUSES = ['active', 'disabled', 'left'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export interface TagRef {
  id: string;
  name: string;
}

export interface MemberInviteRef {
  created_at: string;
  status: 'sent' | 'failed';
}

export interface MemberRow {
  id: string;
  org_id: string;
  account_id: string | null;
  employee_no: string | null;
  name: string;
  phone: string | null;
  /** Masked by the database (first 3 + last 4); the full number never leaves it. */
  id_card_number: string | null;
  department_id: string;
  status: MemberStatus;
  /** When the card was claimed (the login bound); null = 未领卡. */
  claimed_at: string | null;
  created_at: string;
  /** Tags carried, by name. */
  tags: TagRef[];
  /** The latest 短信通知领卡 attempt, if any. */
  last_invite: MemberInviteRef | null;
}

export interface MemberListQuery {
  orgId: string;
  /** Department ids to include (a subtree); undefined = every member the admin may see. */
  departmentIds?: readonly string[];
  search?: string;
  /** Only members who have not claimed their card (no bound login). */
  unclaimedOnly?: boolean;
  /** Only members carrying this tag. */
  tagId?: string;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface MemberPage {
  rows: MemberRow[];
  total: number;
  page: number;
  pageSize: number;
}

// The phone comes masked (138****0001): the full number only through member_reveal_pii, which is audited.
const BASE_COLUMNS = 'id, org_id, account_id, employee_no, name, phone:phone_masked, id_card_number, department_id, status, claimed_at, created_at';
// Tags and the latest invitation are embedded (one request per page); RLS
// applies to the embedded tables too.
const LIST_COLUMNS = `${BASE_COLUMNS}, tag_members(tag:tags(id, name)), member_invites(created_at, status)`;

interface RawMemberRow extends Omit<MemberRow, 'tags' | 'last_invite'> {
  tag_members?: Array<{ tag: TagRef | null }> | null;
  member_invites?: MemberInviteRef[] | null;
  tag_filter?: unknown;
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

/** The embedded shape -> MemberRow (tolerant of rows without the embeds). */
export function toMemberRow(raw: RawMemberRow): MemberRow {
  const { tag_members: tagMembers, member_invites: invites, tag_filter: _tagFilter, ...rest } = raw;
  const tags = (tagMembers ?? []).flatMap((tm) => (tm.tag ? [tm.tag] : [])).sort((a, b) => collator.compare(a.name, b.name));
  return { ...rest, tags, last_invite: invites?.[0] ?? null };
}

export async function listMembers(query: MemberListQuery): Promise<MemberPage> {
  const { orgId, departmentIds, search, unclaimedOnly, tagId, page, pageSize } = query;
  if (departmentIds && departmentIds.length === 0) return { rows: [], total: 0, page, pageSize };

  // Filtering by tag is an inner join on a second alias of tag_members, so
  // the tags column still lists every tag of the member.
  const columns = tagId ? `${LIST_COLUMNS}, tag_filter:tag_members!inner(tag_id)` : LIST_COLUMNS;
  let request = supabase().from('members').select(columns, { count: 'exact' }).eq('org_id', orgId);
  // A subtree travels as department_id=in.(…) in the URL: fine for hundreds
  // of departments; a very large subtree would want an RPC taking the root.
  if (departmentIds) request = request.in('department_id', [...departmentIds]);
  const filter = search ? memberSearchFilter(search) : undefined;
  if (filter) request = request.or(filter);
  if (unclaimedOnly) request = request.is('account_id', null);
  if (tagId) request = request.eq('tag_filter.tag_id', tagId);

  const from = (page - 1) * pageSize;
  const { data, error, count, status } = await request
    .order('name', { ascending: true })
    .order('id', { ascending: true })
    .order('created_at', { referencedTable: 'member_invites', ascending: false })
    .limit(1, { referencedTable: 'member_invites' })
    .range(from, from + pageSize - 1)
    .overrideTypes<RawMemberRow[], { merge: false }>();
  // Past the last page PostgREST answers 416 (PGRST103) and supabase-js drops
  // the count; recover it from the details when present so the pager can step
  // back to the real last page (else 0, and the pager goes to page 1).
  if (error && status === 416) {
    const total = Number(/only (\d+) rows/.exec(error.details ?? '')?.[1] ?? count ?? 0);
    return { rows: [], total, page, pageSize };
  }
  if (error) throw mapPostgrestError(error, status);
  return { rows: (data ?? []).map(toMemberRow), total: count ?? 0, page, pageSize };
}

/** How many members (in the admin's scope) sit in these departments. */
export async function countMembers(orgId: string, departmentIds: readonly string[]): Promise<number> {
  if (departmentIds.length === 0) return 0;
  const { error, count, status } = await supabase()
    .from('members')
    .select('id', { count: 'exact', head: true })
    .eq('org_id', orgId)
    .in('department_id', [...departmentIds]);
  if (error) throw mapPostgrestError(error, status);
  return count ?? 0;
}

/** What the member form writes. id_card_number: a full number to store, or absent to keep. */
export interface MemberInput {
  employee_no: string | null;
  name: string;
  /** A new full number; absent keeps the stored one (which the console only sees masked). */
  phone?: string;
  id_card_number?: string;
  department_id: string;
  status: MemberStatus;
}

const forbidden = (status: number) => new AppError('forbidden', t('error.forbidden'), '42501', status);

export async function createMember(orgId: string, input: MemberInput): Promise<MemberRow> {
  const { data, error, status } = await supabase()
    .from('members')
    .insert({ org_id: orgId, ...input })
    .select(BASE_COLUMNS)
    .overrideTypes<RawMemberRow[], { merge: false }>();
  if (error) throw mapPostgrestError(error, status);
  const row = data?.[0];
  if (!row) throw forbidden(status);
  return toMemberRow(row);
}

export async function updateMember(orgId: string, memberId: string, input: Partial<MemberInput>): Promise<MemberRow> {
  const { data, error, status } = await supabase()
    .from('members')
    .update(input)
    .eq('org_id', orgId)
    .eq('id', memberId)
    .select(BASE_COLUMNS)
    .overrideTypes<RawMemberRow[], { merge: false }>();
  if (error) throw mapPostgrestError(error, status);
  // RLS hides a member outside the admin's scope: no error, no row.
  const row = data?.[0];
  if (!row) throw forbidden(status);
  return toMemberRow(row);
}

/**
 * Applies the same change to several members; returns how many changed.
 * Members RLS hides (out of scope, already deleted) are left out silently by
 * the database, so the count tells the page whether all of them were done.
 */
async function updateMany(orgId: string, memberIds: readonly string[], patch: Partial<MemberInput>): Promise<number> {
  if (memberIds.length === 0) return 0;
  const { data, error, status } = await supabase()
    .from('members')
    .update(patch)
    .eq('org_id', orgId)
    .in('id', [...memberIds])
    .select('id');
  if (error) throw mapPostgrestError(error, status);
  return data?.length ?? 0;
}

/** Moves members to a department (which must be in the admin's scope, else 42501). */
export function moveMembers(orgId: string, memberIds: readonly string[], departmentId: string): Promise<number> {
  return updateMany(orgId, memberIds, { department_id: departmentId });
}

export function setMembersStatus(orgId: string, memberIds: readonly string[], status: MemberStatus): Promise<number> {
  return updateMany(orgId, memberIds, { status });
}

/**
 * Deletes members for good; returns how many were deleted. Each deleted
 * employee number leaves a tombstone: that card cannot be claimed again
 * until a super admin allows it (allowReclaim).
 */
export async function deleteMembers(orgId: string, memberIds: readonly string[]): Promise<number> {
  if (memberIds.length === 0) return 0;
  const { data, error, status } = await supabase().from('members').delete().eq('org_id', orgId).in('id', [...memberIds]).select('id');
  if (error) throw mapPostgrestError(error, status);
  return data?.length ?? 0;
}

/**
 * Unbinds the members' logins (admin_unbind_members): they must claim the
 * card again and their sessions in the org end. All or nothing: 42501 when
 * the caller does not administer one of them. Returns how many were bound.
 */
export async function unbindMembers(memberIds: readonly string[]): Promise<number> {
  if (memberIds.length === 0) return 0;
  const count: unknown = unwrap(await supabase().rpc('admin_unbind_members', { p_member_ids: [...memberIds] }));
  return parseResponse(z.number().int().nonnegative(), count);
}

/** Super admins: lets a deleted member's employee number claim a card again. */
export async function allowReclaim(orgId: string, employeeNo: string): Promise<void> {
  const { error, status } = await supabase().rpc('admin_allow_reclaim', { p_org: orgId, p_employee_no: employeeNo });
  if (error) throw mapPostgrestError(error, status);
}
