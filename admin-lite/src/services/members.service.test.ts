import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, member, ORG_ID } from '../test/fixtures.ts';
import { listDepartments } from './departments.service.ts';
import { listMembers, unbindMembers } from './members.service.ts';
import { saveSession } from './session.service.ts';
import { initBackend } from './supabase-client.ts';

// Runs the real supabase-js against a fake fetch, to pin down the PostgREST
// request each service sends (filters, org_id, paging, auth headers).
const fetchMock = vi.fn<typeof fetch>();

beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
  initBackend({ supabaseUrl: 'http://gw.test', anonKey: 'anon-key', localMode: true });
  saveSession(adminSession());
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function lastRequest(): { url: URL; headers: Headers } {
  const [input, init] = fetchMock.mock.calls.at(-1)!;
  return { url: new URL(String(input)), headers: new Headers(init?.headers) };
}

describe('listMembers', () => {
  it('asks for one page of the subtree with an exact count, filtered by org and search', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify([member(21)]), { status: 206, headers: { 'content-range': '20-20/21', 'content-type': 'application/json' } }),
    );
    const page = await listMembers({ orgId: ORG_ID, departmentIds: ['rd', 'fe'], search: '张', page: 2, pageSize: 20 });

    expect(page).toEqual({ rows: [member(21)], total: 21, page: 2, pageSize: 20 });
    const { url, headers } = lastRequest();
    expect(url.pathname).toBe('/rest/v1/members');
    expect(url.searchParams.get('org_id')).toBe(`eq.${ORG_ID}`);
    expect(url.searchParams.get('select')?.split(',').map((c) => c.trim())).toEqual(expect.arrayContaining(['account_id', 'claimed_at']));
    expect(url.searchParams.get('department_id')).toBe('in.(rd,fe)');
    expect(url.searchParams.get('or')).toBe('(name.ilike."*张*",employee_no.ilike."*张*")');
    expect(url.searchParams.get('order')).toBe('name.asc,id.asc');
    expect(url.searchParams.get('offset')).toBe('20');
    expect(url.searchParams.get('limit')).toBe('20');
    expect(headers.get('prefer')).toMatch(/count=exact/);
    expect(headers.get('authorization')).toBe('Bearer token-abc');
    expect(headers.get('apikey')).toBe('anon-key');
  });

  it('does not query for an empty subtree', async () => {
    const page = await listMembers({ orgId: ORG_ID, departmentIds: [], page: 1, pageSize: 20 });
    expect(page.total).toBe(0);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('throws the mapped PostgREST error (after the one refresh attempt also fails)', async () => {
    fetchMock.mockImplementation(
      async () =>
        new Response(JSON.stringify({ code: 'PGRST301', message: 'JWT expired', details: null, hint: null }), {
          status: 401,
          headers: { 'content-type': 'application/json' },
        }),
    );
    await expect(listMembers({ orgId: ORG_ID, page: 1, pageSize: 20 })).rejects.toMatchObject({
      kind: 'session-expired',
      message: '登录已失效，请重新登录',
    });
  });
});

describe('listDepartments', () => {
  it('filters by org explicitly and throws 403 as 没有权限', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ code: '42501', message: 'permission denied', details: null, hint: null }), {
        status: 403,
        headers: { 'content-type': 'application/json' },
      }),
    );
    await expect(listDepartments(ORG_ID)).rejects.toThrow('没有权限执行此操作');
    expect(lastRequest().url.searchParams.get('org_id')).toBe(`eq.${ORG_ID}`);
  });
});

describe('unbindMembers', () => {
  it('calls admin_unbind_members with the ids and returns the count', async () => {
    fetchMock.mockResolvedValue(new Response('2', { status: 200, headers: { 'content-type': 'application/json' } }));
    expect(await unbindMembers(['m-001', 'm-002'])).toBe(2);
    const [input, init] = fetchMock.mock.calls.at(-1)!;
    expect(new URL(String(input)).pathname).toBe('/rest/v1/rpc/admin_unbind_members');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ p_member_ids: ['m-001', 'm-002'] });
  });

  it('maps 42501 (a member outside the admin scope) to 没有权限', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ code: '42501', message: 'you do not administer member 王芳', details: null, hint: null }), {
        status: 403,
        headers: { 'content-type': 'application/json' },
      }),
    );
    await expect(unbindMembers(['m-009'])).rejects.toThrow('没有权限执行此操作');
  });

  it('does not call the backend for an empty selection', async () => {
    expect(await unbindMembers([])).toBe(0);
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('listMembers past the last page', () => {
  it('returns no rows with the total PostgREST reports in the 416 details', async () => {
    fetchMock.mockResolvedValue(
      new Response(
        JSON.stringify({ code: 'PGRST103', message: 'Requested range not satisfiable', details: 'An offset of 160 was requested, but there are only 7 rows.', hint: null }),
        { status: 416, headers: { 'content-type': 'application/json', 'content-range': '*/7' } },
      ),
    );
    expect(await listMembers({ orgId: ORG_ID, page: 9, pageSize: 20 })).toEqual({ rows: [], total: 7, page: 9, pageSize: 20 });
  });
});
