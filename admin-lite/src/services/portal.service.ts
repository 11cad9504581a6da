// 服务大厅: per card, categories (name, order, visibility audience) and their
// entries (an enabled built-in app, a self-built app, or a custom link).
// Members only see the categories whose audience includes them (RLS and
// portal_for_me); admins with the `apps` function see and write all.
import { unwrap } from './errors.ts';
import { deleted, single } from './crud.ts';
import type { LinkType } from './apps.service.ts';
import { supabase } from './supabase-client.ts';

/** Who sees a category: anyone matching one of the lists; all empty = everyone. */
export interface Visibility {
  departments?: string[];
  tags?: string[];
  identities?: string[];
  members?: string[];
}

export interface CategoryRow {
  id: string;
  org_id: string;
  card_id: string;
  name: string;
  sort_order: number;
  visibility: Visibility;
}
export type CategoryInput = Pick<CategoryRow, 'name' | 'sort_order' | 'visibility'>;

export type EntryKind = 'app' | 'custom_app' | 'link';

export interface EntryRow {
  id: string;
  org_id: string;
  category_id: string;
  kind: EntryKind;
  app_key: string | null;
  custom_app_id: string | null;
  name: string | null;
  link_type: LinkType | null;
  url: string | null;
  mp_appid: string | null;
  mp_path: string | null;
  sort_order: number;
}
export type EntryInput = Omit<EntryRow, 'id' | 'org_id'>;

const CATEGORY_COLUMNS = 'id, org_id, card_id, name, sort_order, visibility';
const ENTRY_COLUMNS = 'id, org_id, category_id, kind, app_key, custom_app_id, name, link_type, url, mp_appid, mp_path, sort_order';

async function deleteOne(table: string, orgId: string, id: string): Promise<void> {
  deleted(await supabase().from(table).delete().eq('org_id', orgId).eq('id', id).select('id'));
}

export async function listCategories(orgId: string, cardId: string): Promise<CategoryRow[]> {
  const rows = unwrap(
    await supabase()
      .from('portal_categories')
      .select(CATEGORY_COLUMNS)
      .eq('org_id', orgId)
      .eq('card_id', cardId)
      .order('sort_order', { ascending: true })
      .order('name', { ascending: true })
      .overrideTypes<CategoryRow[], { merge: false }>(),
  );
  return rows.map((row) => ({ ...row, visibility: row.visibility ?? {} }));
}

export async function createCategory(orgId: string, cardId: string, input: CategoryInput): Promise<CategoryRow> {
  return single(await supabase().from('portal_categories').insert({ org_id: orgId, card_id: cardId, ...input }).select(CATEGORY_COLUMNS).overrideTypes<CategoryRow[], { merge: false }>());
}

export async function updateCategory(orgId: string, categoryId: string, patch: Partial<CategoryInput>): Promise<CategoryRow> {
  return single(await supabase().from('portal_categories').update(patch).eq('org_id', orgId).eq('id', categoryId).select(CATEGORY_COLUMNS).overrideTypes<CategoryRow[], { merge: false }>());
}

/** Deletes a category with its entries (cascade). */
export function deleteCategory(orgId: string, categoryId: string): Promise<void> {
  return deleteOne('portal_categories', orgId, categoryId);
}

export async function listEntries(orgId: string, categoryIds: readonly string[]): Promise<EntryRow[]> {
  if (categoryIds.length === 0) return [];
  return unwrap(
    await supabase()
      .from('portal_entries')
      .select(ENTRY_COLUMNS)
      .eq('org_id', orgId)
      .in('category_id', [...categoryIds])
      .order('sort_order', { ascending: true })
      .order('created_at', { ascending: true })
      .overrideTypes<EntryRow[], { merge: false }>(),
  );
}

export async function createEntry(orgId: string, input: EntryInput): Promise<EntryRow> {
  return single(await supabase().from('portal_entries').insert({ org_id: orgId, ...input }).select(ENTRY_COLUMNS).overrideTypes<EntryRow[], { merge: false }>());
}

export function deleteEntry(orgId: string, entryId: string): Promise<void> {
  return deleteOne('portal_entries', orgId, entryId);
}

/** Saves a new order: one update per row whose sort_order changed. */
export async function saveSortOrders(orgId: string, table: 'portal_categories' | 'portal_entries', changes: ReadonlyArray<{ id: string; sort_order: number }>): Promise<void> {
  for (const change of changes) {
    single(await supabase().from(table).update({ sort_order: change.sort_order }).eq('org_id', orgId).eq('id', change.id).select('id'));
  }
}
