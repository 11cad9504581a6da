import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, member, ORG_ID } from '../test/fixtures.ts';
import { listDepartments } from './departments.service.ts';
import {
  allowReclaim, countMembers, createMember, deleteMembers, listMembers, moveMembers, setMembersStatus, unbindMembers, updateMember,
} from './members.service.ts';
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

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function lastCall(): { url: URL; method: string; body: unknown; headers: Headers } {
  const [input, init] = fetchMock.mock.calls.at(-1)!;
  return {
    url: new URL(String(input)),
    method: init?.method ?? 'GET',
    body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    headers: new Headers(init?.headers),
  };
}

describe('listMembers: tags, invitations and filters', () => {
  it('embeds tags and the latest invitation, and flattens them', async () => {
    const { tags: _t, last_invite: _l, ...plain } = member(1);
    fetchMock.mockResolvedValue(
      json(
        [{
          ...plain,
          tag_members: [{ tag: { id: 't2', name: '新员工' } }, { tag: { id: 't1', name: '党员' } }, { tag: null }],
          member_invites: [{ created_at: '2026-11-25T01:00:00Z', status: 'sent' }],
        }],
        200,
        { 'content-range': '0-0/1' },
      ),
    );
    const page = await listMembers({ orgId: ORG_ID, page: 1, pageSize: 20 });
    expect(page.rows[0]).toEqual({
      ...plain,
      tags: [{ id: 't1', name: '党员' }, { id: 't2', name: '新员工' }],
      last_invite: { created_at: '2026-11-25T01:00:00Z', status: 'sent' },
    });
    const { url } = lastCall();
    expect(url.searchParams.get('select')).toContain('tag_members(tag:tags(id,name))');
    expect(url.searchParams.get('member_invites.order')).toBe('created_at.desc');
    expect(url.searchParams.get('member_invites.limit')).toBe('1');
    expect(url.searchParams.has('account_id')).toBe(false);
  });

  it('filters 未领卡 and one tag through an inner-joined alias', async () => {
    fetchMock.mockResolvedValue(json([], 200, { 'content-range': '*/0' }));
    await listMembers({ orgId: ORG_ID, unclaimedOnly: true, tagId: 'tag-9', page: 1, pageSize: 20 });
    const { url } = lastCall();
    expect(url.searchParams.get('account_id')).toBe('is.null');
    expect(url.searchParams.get('select')).toContain('tag_filter:tag_members!inner(tag_id)');
    expect(url.searchParams.get('tag_filter.tag_id')).toBe('eq.tag-9');
  });

  it('counts members of a subtree without fetching rows', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 200, headers: { 'content-range': '*/13' } }));
    expect(await countMembers(ORG_ID, ['rd', 'fe'])).toBe(13);
    const { url, method, headers } = lastCall();
    expect(method).toBe('HEAD');
    expect(url.searchParams.get('department_id')).toBe('in.(rd,fe)');
    expect(headers.get('prefer')).toMatch(/count=exact/);
    expect(await countMembers(ORG_ID, [])).toBe(0);
  });
});

describe('member writes', () => {
  const input = { employee_no: 'E900', name: '新人', phone: '13800009000', id_card_number: '11010519491231002X', department_id: 'fe', status: 'active' as const };

  it('creates a member in the org and returns the stored row (ID masked by the database)', async () => {
    const { tags: _t, last_invite: _l, ...stored } = member(900, { id_card_number: '110***********002X' });
    fetchMock.mockResolvedValue(json([stored], 201));
    const row = await createMember(ORG_ID, input);
    expect(row).toMatchObject({ id: 'm-900', tags: [], last_invite: null });
    const call = lastCall();
    expect(call.method).toBe('POST');
    expect(call.url.pathname).toBe('/rest/v1/members');
    expect(call.body).toEqual({ org_id: ORG_ID, ...input });
    expect(call.headers.get('prefer')).toMatch(/return=representation/);
  });

  it('says 该工号已存在 for a duplicate employee number and 身份证号格式不正确 for YM005', async () => {
    fetchMock.mockResolvedValueOnce(
      json({ code: '23505', message: 'duplicate key value violates unique constraint "members_org_id_employee_no_key"', details: 'Key (org_id, employee_no)=(…, E900) already exists.', hint: null }, 409),
    );
    await expect(createMember(ORG_ID, input)).rejects.toMatchObject({ kind: 'duplicate', message: '该工号已存在' });
    fetchMock.mockResolvedValueOnce(json({ code: 'YM005', message: 'ID-card number must be 18 characters', details: null, hint: null }, 400));
    await expect(createMember(ORG_ID, input)).rejects.toMatchObject({ kind: 'invalid', message: '身份证号格式不正确（应为 18 位）' });
  });

  it('updates one member by id within the org; no row back (RLS) is 没有权限', async () => {
    fetchMock.mockResolvedValue(json([], 200));
    await expect(updateMember(ORG_ID, 'm-001', { name: '改名' })).rejects.toMatchObject({ kind: 'forbidden' });
    const { url, method, body } = lastCall();
    expect(method).toBe('PATCH');
    expect(url.searchParams.get('org_id')).toBe(`eq.${ORG_ID}`);
    expect(url.searchParams.get('id')).toBe('eq.m-001');
    expect(body).toEqual({ name: '改名' });
  });

  it('moves, changes status and deletes with id=in.(…) and returns how many rows changed', async () => {
    fetchMock.mockImplementation(async () => json([{ id: 'm-001' }]));
    expect(await moveMembers(ORG_ID, ['m-001', 'm-002'], 'adm')).toBe(1);
    expect(lastCall()).toMatchObject({ method: 'PATCH', body: { department_id: 'adm' } });
    expect(lastCall().url.searchParams.get('id')).toBe('in.(m-001,m-002)');

    expect(await setMembersStatus(ORG_ID, ['m-001'], 'left')).toBe(1);
    expect(lastCall()).toMatchObject({ method: 'PATCH', body: { status: 'left' } });

    expect(await deleteMembers(ORG_ID, ['m-001', 'm-002'])).toBe(1);
    const del = lastCall();
    expect(del.method).toBe('DELETE');
    expect(del.url.searchParams.get('org_id')).toBe(`eq.${ORG_ID}`);
    expect(del.url.searchParams.get('id')).toBe('in.(m-001,m-002)');

    fetchMock.mockClear();
    expect(await deleteMembers(ORG_ID, [])).toBe(0);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('allows a deleted employee number to claim again (super admins; 42501 otherwise)', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await allowReclaim(ORG_ID, 'E005');
    expect(lastCall()).toMatchObject({ method: 'POST', body: { p_org: ORG_ID, p_employee_no: 'E005' } });
    expect(lastCall().url.pathname).toBe('/rest/v1/rpc/admin_allow_reclaim');
    fetchMock.mockResolvedValueOnce(json({ code: '42501', message: 'only a super admin may allow…', details: null, hint: null }, 403));
    await expect(allowReclaim(ORG_ID, 'E005')).rejects.toThrow('没有权限执行此操作');
  });
});
