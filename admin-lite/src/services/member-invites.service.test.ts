import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse } from '../test/fake-fetch.ts';
import { inviteMembers } from './member-invites.service.ts';
import { saveSession } from './session.service.ts';
import { initBackend } from './supabase-client.ts';

const PATH = '/functions/v1/member-invite';
let fetchMock: ReturnType<typeof fakeFetch>;

beforeEach(() => {
  initBackend({ supabaseUrl: 'http://gw.test', anonKey: 'anon-key', localMode: true });
  saveSession(adminSession());
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('inviteMembers', () => {
  it("posts the ids with the admin's bearer, in batches of 500, and adds up the answers", async () => {
    fetchMock = fakeFetch((request) => {
      const ids = (request.body as { member_ids: string[] }).member_ids;
      return jsonResponse({ sent: ids.length - 1, skipped: [{ member_id: ids[0], reason: 'no_phone' }], failed: [] });
    });
    vi.stubGlobal('fetch', fetchMock);
    const ids = Array.from({ length: 501 }, (_, i) => `m-${i}`);
    const result = await inviteMembers(ids);

    const calls = callsTo(fetchMock, PATH);
    expect(calls.map((c) => (c.body as { member_ids: string[] }).member_ids.length)).toEqual([500, 1]);
    expect(calls[0]).toMatchObject({ method: 'POST', bearer: 'token-abc' });
    expect(result).toEqual({
      sent: 499,
      skipped: [{ member_id: 'm-0', reason: 'no_phone' }, { member_id: 'm-500', reason: 'no_phone' }],
      failed: [],
    });
  });

  it('keeps an unknown skip reason as "other" and maps a 403 to 没有权限', async () => {
    fetchMock = fakeFetch(() => jsonResponse({ sent: 0, skipped: [{ member_id: 'm-1', reason: 'new_reason' }], failed: [] }));
    vi.stubGlobal('fetch', fetchMock);
    expect((await inviteMembers(['m-1'])).skipped).toEqual([{ member_id: 'm-1', reason: 'other' }]);

    vi.stubGlobal('fetch', fakeFetch(() => jsonResponse({ error: { code: 'forbidden', message: 'Only admins may invite members' } }, 403)));
    await expect(inviteMembers(['m-1'])).rejects.toMatchObject({ message: '没有权限执行此操作', status: 403 });
  });
});
