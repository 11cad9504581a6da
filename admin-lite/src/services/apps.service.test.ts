import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { createCustomApp, deleteCustomApp, listCustomApps, listOrgApps, setOrgAppEnabled, updateCustomApp, uploadAppLogo } from './apps.service.ts';
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

const APP = { id: 'ca1', org_id: ORG_ID, name: '报修', description: null, logo_media_id: null, link_type: 'h5', url: 'https://fix.example.com', mp_appid: null, mp_path: null, enabled: true };

describe('apps service', () => {
  it('lists org apps and enables one with an upsert on (org_id, app_key)', async () => {
    use(() => jsonResponse([{ org_id: ORG_ID, app_key: 'visitors', enabled: true, config: {} }]));
    expect(await listOrgApps(ORG_ID)).toHaveLength(1);
    await setOrgAppEnabled(ORG_ID, 'events', true);
    const [list, upsert] = callsTo(fetchMock, '/rest/v1/org_apps');
    expect(list!.url.searchParams.get('org_id')).toBe(`eq.${ORG_ID}`);
    expect(upsert!.method).toBe('POST');
    expect(upsert!.url.searchParams.get('on_conflict')).toBe('org_id,app_key');
    expect(upsert!.headers.get('prefer')).toContain('resolution=merge-duplicates');
    expect(upsert!.body).toEqual({ org_id: ORG_ID, app_key: 'events', enabled: true });
  });

  it('refuses an upsert that RLS hid (no apps function)', async () => {
    use(() => jsonResponse([]));
    await expect(setOrgAppEnabled(ORG_ID, 'events', false)).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('lists, creates, updates and deletes self-built apps', async () => {
    use(() => jsonResponse([APP]));
    expect(await listCustomApps(ORG_ID)).toEqual([APP]);
    const { id: _id, org_id: _org, ...input } = APP;
    await createCustomApp(ORG_ID, input as Parameters<typeof createCustomApp>[1]);
    await updateCustomApp(ORG_ID, 'ca1', { enabled: false });
    await deleteCustomApp(ORG_ID, 'ca1');
    const calls = callsTo(fetchMock, '/rest/v1/custom_apps');
    expect(calls[0]!.url.searchParams.get('order')).toBe('name.asc');
    expect(calls[1]!.body).toEqual({ org_id: ORG_ID, ...input });
    expect(calls[2]!.method).toBe('PATCH');
    expect(calls[2]!.url.searchParams.get('id')).toBe('eq.ca1');
    expect(calls[2]!.body).toEqual({ enabled: false });
    expect(calls[3]!.method).toBe('DELETE');
  });

  it('maps a duplicate app name', async () => {
    use(() => jsonResponse({ code: '23505', message: 'duplicate key value violates unique constraint "custom_apps_org_id_name_key"', details: null, hint: null }, 409));
    await expect(updateCustomApp(ORG_ID, 'ca1', { name: '报修' })).rejects.toMatchObject({ kind: 'duplicate', message: '已有同名的自建应用' });
  });

  it('uploads a logo through admin_upload_media as an app logo', async () => {
    use(() => jsonResponse('media-1'));
    expect(await uploadAppLogo(ORG_ID, new Uint8Array([0x89, 0x50]))).toBe('media-1');
    expect(callsTo(fetchMock, '/rest/v1/rpc/admin_upload_media')[0]!.body).toEqual({ p_org: ORG_ID, p_purpose: 'app_logo', p_base64: 'iVA=' });
  });
});
