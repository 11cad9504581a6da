// Tags (标签): free labels across departments. Any admin of the org manages
// the tags themselves; who carries a tag is limited to members in the admin's
// scope (admin_tag_members / admin_untag_members check it per member).
import { z } from 'zod';
import { t } from '../i18n/index.ts';
import { AppError, mapPostgrestError, unwrap } from './errors.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

export interface TagRow {
  id: string;
  org_id: string;
  name: string;
  /** Members carrying the tag that this admin can see (RLS counts only those). */
  member_count: number;
}

interface RawTagRow {
  id: string;
  org_id: string;
  name: string;
  tag_members?: Array<{ count: number }> | null;
}

const COLUMNS = 'id, org_id, name';
const toTagRow = ({ tag_members: counts, ...rest }: RawTagRow): TagRow => ({ ...rest, member_count: counts?.[0]?.count ?? 0 });
const forbidden = (status: number) => new AppError('forbidden', t('error.forbidden'), '42501', status);
const countSchema = z.number().int().nonnegative();

export async function listTags(orgId: string): Promise<TagRow[]> {
  const rows = unwrap(
    await supabase()
      .from('tags')
      .select(`${COLUMNS}, tag_members(count)`)
      .eq('org_id', orgId)
      .order('name', { ascending: true })
      .overrideTypes<RawTagRow[], { merge: false }>(),
  );
  return rows.map(toTagRow);
}

export async function createTag(orgId: string, name: string): Promise<TagRow> {
  const { data, error, status } = await supabase()
    .from('tags')
    .insert({ org_id: orgId, name })
    .select(COLUMNS)
    .overrideTypes<RawTagRow[], { merge: false }>();
  if (error) throw mapPostgrestError(error, status);
  const row = data?.[0];
  if (!row) throw forbidden(status);
  return toTagRow(row);
}

export async function renameTag(orgId: string, tagId: string, name: string): Promise<TagRow> {
  const { data, error, status } = await supabase()
    .from('tags')
    .update({ name })
    .eq('org_id', orgId)
    .eq('id', tagId)
    .select(COLUMNS)
    .overrideTypes<RawTagRow[], { merge: false }>();
  if (error) throw mapPostgrestError(error, status);
  const row = data?.[0];
  if (!row) throw forbidden(status);
  return toTagRow(row);
}

/** Deletes the tag; it comes off every member (also those outside this admin's scope). */
export async function deleteTag(orgId: string, tagId: string): Promise<void> {
  const { data, error, status } = await supabase().from('tags').delete().eq('org_id', orgId).eq('id', tagId).select('id');
  if (error) throw mapPostgrestError(error, status);
  if (!data || data.length === 0) throw forbidden(status);
}

/**
 * Tags members: the listed ones and/or every member of a department subtree.
 * Members outside the admin's scope are skipped by the database; returns how
 * many were newly tagged (already tagged ones do not count).
 */
export async function tagMembers(tagId: string, target: { memberIds?: readonly string[]; departmentId?: string }): Promise<number> {
  const count: unknown = unwrap(
    await supabase().rpc('admin_tag_members', {
      p_tag: tagId,
      p_member_ids: target.memberIds ? [...target.memberIds] : null,
      p_department_id: target.departmentId ?? null,
    }),
  );
  return parseResponse(countSchema, count);
}

/** Takes the tag off the listed members (in scope); returns how many had it. */
export async function untagMembers(tagId: string, memberIds: readonly string[]): Promise<number> {
  if (memberIds.length === 0) return 0;
  const count: unknown = unwrap(await supabase().rpc('admin_untag_members', { p_tag: tagId, p_member_ids: [...memberIds] }));
  return parseResponse(countSchema, count);
}
