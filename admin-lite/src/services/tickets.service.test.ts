import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { verifyAuditChain } from './audit.service.ts';
import { revealMemberPii } from './member-pii.service.ts';
import { saveSession } from './session.service.ts';
import { initBackend } from './supabase-client.ts';
import { breachesByMonth, listTicketEvents, listTickets, openTicket, resolveTicket, respondTicket } from './tickets.service.ts';

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

const TICKET = {
  id: 't1',
  org_id: ORG_ID,
  customer_name: '王芳',
  region: '上海',
  organisation_name: '示范科技有限公司',
  phone: '13800000001',
  product: '一码通',
  description: '门禁无法识别',
  years_of_use: 2,
  severity: 'urgent',
  status: 'open',
  opened_at: '2026-11-25T08:00:00Z',
  respond_due: '2026-11-25T09:00:00Z',
  resolve_due: '2026-11-26T08:00:00Z',
  first_response_at: null,
  resolved_at: null,
  resolution: null,
  escalation_level: 1,
  breached_response: true,
  breached_resolution: false,
};

describe('tickets service', () => {
  it('lists tickets with the filters, newest first', async () => {
    use(() => jsonResponse([TICKET]));
    expect((await listTickets({ orgId: ORG_ID, status: 'open', severity: 'urgent', fromIso: '2026-11-01T00:00:00.000Z', untilIso: '2026-12-01T00:00:00.000Z' }))[0]!.escalation_level).toBe(1);
    const params = callsTo(fetchMock, '/rest/v1/support_tickets')[0]!.url.searchParams;
    expect(params.get('org_id')).toBe(`eq.${ORG_ID}`);
    expect(params.get('status')).toBe('eq.open');
    expect(params.get('severity')).toBe('eq.urgent');
    expect(params.getAll('opened_at')).toEqual(['gte.2026-11-01T00:00:00.000Z', 'lt.2026-12-01T00:00:00.000Z']);
    expect(params.get('order')).toBe('opened_at.desc');

    await listTickets({ fromIso: 'a', untilIso: 'b' });
    expect(callsTo(fetchMock, '/rest/v1/support_tickets')[1]!.url.searchParams.has('org_id')).toBe(false);
  });

  it('reads the events of a ticket', async () => {
    use(() => jsonResponse([{ id: 1, ticket_id: 't1', kind: 'opened', note: null, actor_account_id: 'acc-1', at: '2026-11-25T08:00:00Z' }]));
    expect(await listTicketEvents('t1')).toHaveLength(1);
    expect(callsTo(fetchMock, '/rest/v1/ticket_events')[0]!.url.searchParams.get('ticket_id')).toBe('eq.t1');
  });

  it('opens, responds to and resolves tickets through the RPCs', async () => {
    use(() => jsonResponse(TICKET));
    await openTicket({ org_id: ORG_ID, customer_name: '王芳', organisation_name: '示范科技有限公司', phone: '13800000001', product: '一码通', description: '门禁无法识别', severity: 'urgent' });
    expect(callsTo(fetchMock, '/rest/v1/rpc/ticket_open')[0]!.body).toEqual({
      p_ticket: { org_id: ORG_ID, customer_name: '王芳', organisation_name: '示范科技有限公司', phone: '13800000001', product: '一码通', description: '门禁无法识别', severity: 'urgent' },
    });
    await respondTicket('t1', '已联系');
    expect(callsTo(fetchMock, '/rest/v1/rpc/ticket_respond')[0]!.body).toEqual({ p_ticket: 't1', p_note: '已联系' });
    await resolveTicket('t1', '更换读头后恢复');
    expect(callsTo(fetchMock, '/rest/v1/rpc/ticket_resolve')[0]!.body).toEqual({ p_ticket: 't1', p_resolution: '更换读头后恢复' });
  });

  it('maps a too-short resolution (YM812) to its zh-CN reason', async () => {
    use(() => jsonResponse({ code: 'YM812', message: '请写明处理结果 (write the resolution, at least 5 characters)', details: null, hint: null }, 400));
    await expect(resolveTicket('t1', '好')).rejects.toMatchObject({ kind: 'invalid', message: '请写明处理结果' });
  });

  it('reads the monthly breach report between two days', async () => {
    use(() => jsonResponse([{ month: '2026-11', opened: '4', response_breaches: '1', resolution_breaches: 0 }]));
    expect(await breachesByMonth('2026-01-01', '2026-11-25')).toEqual([{ month: '2026-11', opened: 4, response_breaches: 1, resolution_breaches: 0 }]);
    expect(callsTo(fetchMock, '/rest/v1/rpc/ticket_breaches_by_month')[0]!.body).toEqual({ p_from: '2026-01-01', p_to: '2026-11-25' });
  });
});

describe('audit and PII services', () => {
  it('verifies the audit chain of the org', async () => {
    use(() => jsonResponse({ ok: false, checked: 41, first_bad_id: 42, problem: 'this row was changed after it was written' }));
    expect(await verifyAuditChain(ORG_ID)).toEqual({ ok: false, checked: 41, first_bad_id: 42, problem: 'this row was changed after it was written' });
    expect(callsTo(fetchMock, '/rest/v1/rpc/audit_verify_chain')[0]!.body).toEqual({ p_org: ORG_ID });
  });

  it('reveals a member field through member_reveal_pii (null when none on file)', async () => {
    use(() => jsonResponse('110101199003071234'));
    expect(await revealMemberPii('m-001', 'id_card')).toBe('110101199003071234');
    expect(callsTo(fetchMock, '/rest/v1/rpc/member_reveal_pii')[0]!.body).toEqual({ p_member: 'm-001', p_field: 'id_card' });
    use(() => jsonResponse(null));
    expect(await revealMemberPii('m-001', 'phone')).toBeNull();
    use(() => jsonResponse({ code: '42501', message: 'you do not manage this member', details: null, hint: null }, 403));
    await expect(revealMemberPii('m-001', 'phone')).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
