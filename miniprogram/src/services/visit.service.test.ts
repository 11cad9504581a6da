import { beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { fakeSupabase, functionHttpError, type RecordedQuery } from '../test-support/fake-supabase';

let respond: (query: RecordedQuery) => { data: unknown; error: unknown; status?: number } = () => ({ data: [], error: null, status: 200 });
const fake = fakeSupabase((query) => respond(query));
vi.mock('./supabase.client', () => ({ getSupabase: async () => fake.client }));
vi.mock('./config.service', () => ({ getRuntimeConfig: async () => ({ supabaseUrl: 'http://gateway.test', anonKey: 'anon' }) }));

const { visitService, tokenOfUrl } = await import('./visit.service');

const ME = { orgId: 'org-a', memberId: 'm-a' };
const ANON = { headers: { Authorization: 'Bearer anon' } };
const visitor = { name: '访客甲', phone: '13900000001', window_from: '2026-11-25T09:00:00+08:00', window_until: '2026-11-25T11:00:00+08:00' };

beforeEach(() => {
  fake.queries.length = 0;
  fake.invoke.mockReset();
  fake.rpc.mockReset();
  fake.rpc.mockResolvedValue({ data: null, error: null, status: 200 });
});

describe('public visitor calls (no sign-in: the anon key as bearer)', () => {
  it('GET visit-apply?t= reads the host, sites, identity types and form', async () => {
    fake.invoke.mockResolvedValueOnce({
      data: { org_name: '示范科技', host: { id: 'h1', name: '王芳' }, sites: [{ id: 's1', name: '东区', address: null }], identity_types: ['客户'],
              require_id_card: true, max_window_hours: 72, apply_form: null },
      error: null,
    });
    const context = await visitService.applyContext('abc.def');
    expect(fake.invoke).toHaveBeenCalledWith('visit-apply?t=abc.def', { method: 'GET', ...ANON });
    expect(context).toEqual({
      orgName: '示范科技', host: { id: 'h1', name: '王芳' }, sites: [{ id: 's1', name: '东区', address: null }], identityTypes: ['客户'],
      requireIdCard: true, maxWindowHours: 72, applyForm: null,
    });
  });

  it('POST visit-apply sends t, the visitor and the answers; returns the pass link', async () => {
    fake.invoke.mockResolvedValueOnce({
      data: { visit: { id: 'v1', status: 'pending', host_name: '王芳', window_from: visitor.window_from, window_until: visitor.window_until },
              visitor_url: 'http://h5/#/pages/visitor/pass?t=tok%2D1' },
      error: null,
    });
    const result = await visitService.apply('link-t', visitor, { shoe: '42' });
    expect(fake.invoke).toHaveBeenCalledWith('visit-apply', { method: 'POST', ...ANON, body: { t: 'link-t', ...visitor, answers: { shoe: '42' } } });
    expect(result.visit).toMatchObject({ id: 'v1', status: 'pending', hostName: '王芳' });
    expect(tokenOfUrl(result.visitorUrl)).toBe('tok-1');
  });

  it('GET visit-pass?t= reads the visit and the code; a refusal keeps its code and zh-CN message', async () => {
    fake.invoke.mockResolvedValueOnce({ data: { visit: { id: 'v1', status: 'approved', visitor_name: '访客甲', companions: 2 }, code: 'YM1:ABC' }, error: null });
    const pass = await visitService.pass('p t');
    expect(fake.invoke).toHaveBeenCalledWith('visit-pass?t=p%20t', { method: 'GET', ...ANON });
    expect(pass).toMatchObject({ code: 'YM1:ABC', visit: { visitorName: '访客甲', companions: 2 } });

    fake.invoke.mockResolvedValueOnce({ data: null, error: functionHttpError(410, 'pass_expired', '通行证已过期 (this pass has expired)') });
    await expect(visitService.pass('x')).rejects.toMatchObject({ code: 'pass_expired', status: 410 });
  });
});

describe('host and guard calls (signed in)', () => {
  it('visit-invite, visit-link, visit-decide and visit-walk-in bodies', async () => {
    fake.invoke.mockResolvedValueOnce({ data: { visit: { id: 'v2', status: 'approved' }, visitor_url: 'u', pass: { pass_url: 'u', sms: 'sent' } }, error: null });
    expect(await visitService.invite(visitor)).toEqual({ visitId: 'v2', status: 'approved', visitorUrl: 'u', sms: 'sent' });
    expect(fake.invoke).toHaveBeenLastCalledWith('visit-invite', { method: 'POST', body: visitor });

    fake.invoke.mockResolvedValueOnce({ data: { url: 'http://h5/#/pages/visitor/apply?t=L', token: 'L', expires_in: 2592000 }, error: null });
    expect(await visitService.link()).toEqual({ url: 'http://h5/#/pages/visitor/apply?t=L', token: 'L', expiresIn: 2592000 });
    expect(fake.invoke).toHaveBeenLastCalledWith('visit-link', { method: 'POST', body: {} });

    fake.invoke.mockResolvedValueOnce({ data: { visit: { status: 'rejected' } }, error: null });
    await visitService.decide('v3', 'rejected', ' 时间冲突 ');
    expect(fake.invoke).toHaveBeenLastCalledWith('visit-decide', { method: 'POST', body: { visit_id: 'v3', decision: 'rejected', comment: '时间冲突' } });
    fake.invoke.mockResolvedValueOnce({ data: { visit: { status: 'approved' } }, error: null });
    await visitService.decide('v3', 'approved');
    expect(fake.invoke).toHaveBeenLastCalledWith('visit-decide', { method: 'POST', body: { visit_id: 'v3', decision: 'approved' } });

    fake.invoke.mockResolvedValueOnce({ data: { visit: { id: 'v4', status: 'checked_in' } }, error: null });
    expect(await visitService.walkIn('h1', { name: '送货员' })).toEqual({ visitId: 'v4', status: 'checked_in' });
    expect(fake.invoke).toHaveBeenLastCalledWith('visit-walk-in', { method: 'POST', body: { host_member_id: 'h1', name: '送货员' } });
  });

  it('visit_cancel and visit_checkout RPCs; a YM502 refusal is an AppError', async () => {
    await visitService.cancel('v1', null);
    expect(fake.rpc).toHaveBeenCalledWith('visit_cancel', { p_visit: 'v1', p_reason: null });
    await visitService.checkout('v1');
    expect(fake.rpc).toHaveBeenCalledWith('visit_checkout', { p_visit: 'v1' });
    fake.rpc.mockResolvedValueOnce({ data: null, error: { code: 'YM502', message: '访客未在场（approved） (the visitor is not checked in)' }, status: 409 });
    await expect(visitService.checkout('v1')).rejects.toMatchObject({ code: 'YM502', kind: 'conflict' });
  });

  it('lists the visits I host newest first, with site and host names embedded', async () => {
    respond = () => ({
      data: [{ id: 'v1', site_id: null, host_member_id: 'm-a', source: 'apply', status: 'pending', visitor_name: '访客甲', visitor_phone: '139****0001',
               visitor_company: null, identity_type: null, purpose: null, companions: 0, window_from: 'a', window_until: 'b', approval_level: 1,
               reject_reason: null, created_at: 'c', site: null, host: { name: '王芳' } }],
      error: null, status: 200,
    });
    const [row] = await visitService.listHosted(ME);
    expect(row).toMatchObject({ id: 'v1', hostName: '王芳', siteName: null, approvalLevel: 1 });
    const [query] = fake.queries;
    expect(query!.table).toBe('visits');
    expect(query!.calls).toEqual(expect.arrayContaining([['eq', 'org_id', 'org-a'], ['eq', 'host_member_id', 'm-a'], ['order', 'created_at', { ascending: false }]]));
  });

  it('site admins: my sites, then their visits pending at level 2', async () => {
    respond = (query) => ({ data: query.table === 'site_admins' ? [{ site_id: 's1' }] : [], error: null, status: 200 });
    const sites = await visitService.mySiteIds(ME);
    expect(sites).toEqual(['s1']);
    await visitService.pendingForSites('org-a', sites);
    expect(fake.queries[1]!.calls).toEqual(expect.arrayContaining([['in', 'site_id', ['s1']], ['eq', 'status', 'pending'], ['eq', 'approval_level', 2]]));
    expect(await visitService.pendingForSites('org-a', [])).toEqual([]);
    expect(fake.queries).toHaveLength(2);
  });

  it('searches members by name (wildcards stripped)', async () => {
    respond = () => ({ data: [{ id: 'm1', name: '王芳', employee_no: 'E002' }], error: null, status: 200 });
    expect(await visitService.searchMembers('org-a', ' 王%芳 ')).toEqual([{ id: 'm1', name: '王芳', employeeNo: 'E002' }]);
    expect(fake.queries[0]!.calls).toEqual(expect.arrayContaining([['ilike', 'name', '%王芳%']]));
    expect(await visitService.searchMembers('org-a', '  ')).toEqual([]);
  });
});
