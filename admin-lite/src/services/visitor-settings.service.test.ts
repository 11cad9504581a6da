import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { saveSession } from './session.service.ts';
import { initBackend } from './supabase-client.ts';
import { addSiteAdmin, createSite, deleteSite, getVisitorSettings, listSiteAdmins, listSites, removeSiteAdmin, updateSite, updateVisitorSettings } from './visitor-settings.service.ts';

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

const SETTINGS = { org_id: ORG_ID, identity_types: ['客户', '供应商'], approval_levels: 1, invite_needs_approval: false, retention_days: 180, max_window_hours: 72, require_id_card: false, apply_form: null };
const SITE = { id: 'st1', org_id: ORG_ID, name: '总部园区', address: '科技路1号', active: true };

describe('visitor settings service', () => {
  it('reads and updates the org settings row', async () => {
    use(() => jsonResponse([SETTINGS]));
    expect(await getVisitorSettings(ORG_ID)).toMatchObject({ retention_days: 180, apply_form: null });
    expect(callsTo(fetchMock, '/rest/v1/visitor_settings')[0]!.url.searchParams.get('org_id')).toBe(`eq.${ORG_ID}`);
    await updateVisitorSettings(ORG_ID, { approval_levels: 2, retention_days: 30 });
    const update = callsTo(fetchMock, '/rest/v1/visitor_settings')[1]!;
    expect(update.method).toBe('PATCH');
    expect(update.body).toEqual({ approval_levels: 2, retention_days: 30 });
    await updateVisitorSettings(ORG_ID, { apply_form: null });
    expect(callsTo(fetchMock, '/rest/v1/visitor_settings')[2]!.body).toEqual({ apply_form: null });
  });

  it('refuses an update that RLS hid (no config function)', async () => {
    use(() => jsonResponse([]));
    await expect(updateVisitorSettings(ORG_ID, { retention_days: 30 })).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('lists, creates, updates and deletes sites', async () => {
    use(() => jsonResponse([SITE]));
    expect(await listSites(ORG_ID)).toEqual([SITE]);
    await createSite(ORG_ID, { name: '总部园区', address: null, active: true });
    await updateSite(ORG_ID, 'st1', { active: false });
    await deleteSite(ORG_ID, 'st1');
    const calls = callsTo(fetchMock, '/rest/v1/sites');
    expect(calls[0]!.url.searchParams.get('order')).toBe('name.asc');
    expect(calls[1]!.body).toEqual({ org_id: ORG_ID, name: '总部园区', address: null, active: true });
    expect(calls[2]!.url.searchParams.get('id')).toBe('eq.st1');
    expect(calls[2]!.body).toEqual({ active: false });
    expect(calls[3]!.method).toBe('DELETE');
  });

  it('maps a duplicate site name', async () => {
    use(() => jsonResponse({ code: '23505', message: 'duplicate key value violates unique constraint "sites_org_id_name_key"', details: null, hint: null }, 409));
    await expect(createSite(ORG_ID, { name: '总部园区', address: null, active: true })).rejects.toMatchObject({ kind: 'duplicate', message: '已有同名地点' });
  });

  it('lists, adds and removes site admins', async () => {
    use(() => jsonResponse([{ site_id: 'st1', member_id: 'm1', members: { name: '李娜', employee_no: 'E002' } }]));
    expect(await listSiteAdmins(ORG_ID, 'st1')).toEqual([{ site_id: 'st1', member_id: 'm1', name: '李娜', employee_no: 'E002' }]);
    await addSiteAdmin(ORG_ID, 'st1', 'm1');
    await removeSiteAdmin(ORG_ID, 'st1', 'm1');
    const calls = callsTo(fetchMock, '/rest/v1/site_admins');
    expect(calls[0]!.url.searchParams.get('select')).toContain('members(name,employee_no)');
    expect(calls[1]!.body).toEqual({ org_id: ORG_ID, site_id: 'st1', member_id: 'm1' });
    expect(calls[2]!.method).toBe('DELETE');
    expect(calls[2]!.url.searchParams.get('member_id')).toBe('eq.m1');
  });
});
