import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse } from '../test/fake-fetch.ts';
import { importMembers } from './member-import.service.ts';
import { saveSession } from './session.service.ts';
import { initBackend } from './supabase-client.ts';

const PATH = '/rest/v1/rpc/admin_import_members';
const ROWS = [{ row: 4, employee_no: 'E1', name: '甲', phone: null, id_card: null, department: '总部/研发', tags: ['党员'] }];

beforeEach(() => {
  initBackend({ supabaseUrl: 'http://gw.test', anonKey: 'anon-key', localMode: true });
  saveSession(adminSession());
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('importMembers', () => {
  it('sends the rows with the dry-run flag and returns the parsed answer', async () => {
    const answer = { ok: true, dry_run: true, errors: [], created: 1, updated: 0, departments_created: ['总部/研发'], tags_created: [] };
    const fetchMock = fakeFetch(() => jsonResponse(answer));
    vi.stubGlobal('fetch', fetchMock);
    expect(await importMembers(ORG_ID, ROWS, true)).toEqual(answer);
    expect(callsTo(fetchMock, PATH)[0]!.body).toEqual({ p_org: ORG_ID, p_rows: ROWS, p_dry_run: true });
  });

  it('maps YM210 (too many rows) and rejects a malformed answer', async () => {
    vi.stubGlobal('fetch', fakeFetch(() => jsonResponse({ code: 'YM210', message: 'at most 10,000 rows', details: null, hint: null }, 400)));
    await expect(importMembers(ORG_ID, ROWS, false)).rejects.toMatchObject({ code: 'YM210', message: '一次最多导入 10,000 行，请拆分文件' });
    vi.stubGlobal('fetch', fakeFetch(() => jsonResponse({ ok: true })));
    await expect(importMembers(ORG_ID, ROWS, false)).rejects.toMatchObject({ code: 'bad_response' });
  });
});
