import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { revokeCredentials, rotateIssuerKey, updateCodeSettings } from './code-settings.service.ts';
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

describe('code settings service', () => {
  it('updates the org row; no row back means no right', async () => {
    use(() => jsonResponse([]));
    await expect(updateCodeSettings(ORG_ID, { step_seconds: 30, offline_validity_hours: 72, issuer_key_validity_days: 365, online_code_validity_seconds: 90, screenshot_report: true, hide_on_capture: true, default_offline_cap_fen: 100, default_scopes: 1 })).rejects.toMatchObject({ kind: 'forbidden' });
    expect(callsTo(fetchMock, '/rest/v1/code_settings')[0]!.url.searchParams.get('org_id')).toBe(`eq.${ORG_ID}`);
  });

  it('rotates and revokes through the RPCs', async () => {
    use(() => jsonResponse({ previous_key_id: 1, previous_not_after: '2026-12-01T00:00:00Z', signing_key_id: 2, compromised: false }));
    expect(await rotateIssuerKey(ORG_ID, false)).toMatchObject({ signing_key_id: 2 });
    expect(callsTo(fetchMock, '/rest/v1/rpc/admin_rotate_issuer_key')[0]!.body).toEqual({ p_org: ORG_ID, p_compromised: false });
    use(() => jsonResponse(2));
    expect(await revokeCredentials(['m1'], 'blacklist')).toBe(2);
    expect(callsTo(fetchMock, '/rest/v1/rpc/admin_revoke_credentials')[0]!.body).toEqual({ p_member_ids: ['m1'], p_reason: 'blacklist' });
    use(() => jsonResponse({ code: '42501', message: 'only a super admin may rotate the issuer key', details: null, hint: null }, 403));
    await expect(rotateIssuerKey(ORG_ID, true)).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
