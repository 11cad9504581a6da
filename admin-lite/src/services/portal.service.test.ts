import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { createCategory, createEntry, deleteCategory, deleteEntry, listCategories, listEntries, saveSortOrders, updateCategory } from './portal.service.ts';
import { saveSession } from './session.service.ts';
import { initBackend } from './supabase-client.ts';

let fetchMock: ReturnType<typeof fakeFetch>;
const use = (handler: FakeHandler) => {
  fetchMock = fakeFetch(handler);
  vi.stubGlobal('fetch', fetchMock);
};
beforeEach(() => {
  initBackend({ supabaseUrl: 'http://gw.test', anonKey: 'anon-key', localMode: true });
  saveSession(adminSession());
});
afterEach(() => vi.unstubAllGlobals());

const CATEGORY = { id: 'c1', org_id: ORG_ID, card_id: 'card-1', name: '办公', sort_order: 10, visibility: { departments: ['rd'] } };
const ENTRY = { id: 'e1', org_id: ORG_ID, category_id: 'c1', kind: 'app', app_key: 'visitors', custom_app_id: null, name: null, link_type: null, url: null, mp_appid: null, mp_path: null, sort_order: 10 };

describe('portal service', () => {
  it('lists a card’s categories in order and writes them with the visibility', async () => {
    use(() => jsonResponse([CATEGORY]));
    expect(await listCategories(ORG_ID, 'card-1')).toEqual([CATEGORY]);
    await createCategory(ORG_ID, 'card-1', { name: '办公', sort_order: 10, visibility: { tags: ['t1'] } });
    await updateCategory(ORG_ID, 'c1', { visibility: {} });
    await deleteCategory(ORG_ID, 'c1');
    const calls = callsTo(fetchMock, '/rest/v1/portal_categories');
    expect(calls[0]!.url.searchParams.get('card_id')).toBe('eq.card-1');
    expect(calls[0]!.url.searchParams.get('order')).toBe('sort_order.asc,name.asc');
    expect(calls[1]!.body).toEqual({ org_id: ORG_ID, card_id: 'card-1', name: '办公', sort_order: 10, visibility: { tags: ['t1'] } });
    expect(calls[2]!.body).toEqual({ visibility: {} });
    expect(calls[3]!.method).toBe('DELETE');
  });

  it('maps a duplicate category name', async () => {
    use(() => jsonResponse({ code: '23505', message: 'duplicate key value violates unique constraint "portal_categories_card_id_name_key"', details: null, hint: null }, 409));
    await expect(createCategory(ORG_ID, 'card-1', { name: '办公', sort_order: 10, visibility: {} })).rejects.toMatchObject({ message: '这张卡已有同名的分类' });
  });

  it('lists entries of the categories (none without categories), adds and deletes one', async () => {
    use(() => jsonResponse([ENTRY]));
    expect(await listEntries(ORG_ID, [])).toEqual([]);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(await listEntries(ORG_ID, ['c1', 'c2'])).toEqual([ENTRY]);
    const { id: _id, org_id: _org, ...input } = ENTRY;
    await createEntry(ORG_ID, input as Parameters<typeof createEntry>[1]);
    await deleteEntry(ORG_ID, 'e1');
    const calls = callsTo(fetchMock, '/rest/v1/portal_entries');
    expect(calls[0]!.url.searchParams.get('category_id')).toBe('in.(c1,c2)');
    expect(calls[1]!.body).toEqual({ org_id: ORG_ID, ...input });
    expect(calls[2]!.method).toBe('DELETE');
  });

  it('saves a new order row by row', async () => {
    use(() => jsonResponse([{ id: 'x' }]));
    await saveSortOrders(ORG_ID, 'portal_entries', [{ id: 'e1', sort_order: 20 }, { id: 'e2', sort_order: 10 }]);
    const calls = callsTo(fetchMock, '/rest/v1/portal_entries');
    expect(calls.map((c) => [c.url.searchParams.get('id'), c.body])).toEqual([['eq.e1', { sort_order: 20 }], ['eq.e2', { sort_order: 10 }]]);
  });
});
