// Operations through the gateway: the tamper-evident audit chain, tenant
// subscriptions with the shared prorated refund, support tickets with SLA
// clocks, escalation and SMS alerts to operators, and audited reveal of
// personal data.
import { randomUUID } from 'node:crypto';
import { proratedRefund, slaDue } from '@yima/shared';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { mintAccessToken } from '../functions/_shared/tokens.ts';
import { callFunction } from './setup/accounts.ts';
import { rpcAs } from './setup/devices.ts';
import { fakeControl } from './setup/fake-services.ts';
import { asService } from './setup/payment-fixture.ts';
import { adminDb, stackInfo, tokenFor } from './setup/personas.ts';
import { SEED } from './setup/seed-ids.ts';

const q = async (sql: string, params: unknown[] = []) => (await adminDb().query(sql, params)).rows;

interface Person { memberId: string; accountId: string; token: string }
let orgId: string;
let superAdmin: Person;
let operator: { accountId: string; token: string; phone: string };

beforeAll(async () => {
  const [org] = await q(`insert into orgs (name, slug) values ('运维测试', $1) returning id`, [`ops-${randomUUID().slice(0, 8)}`]);
  orgId = org.id;
  const [dept] = await q(`insert into departments (org_id, name) values ($1, '总部') returning id`, [orgId]);
  const [account] = await q(`insert into accounts (display_name) values ('客户超管') returning id`);
  const [member] = await q(`insert into members (org_id, account_id, name, department_id, claimed_at) values ($1, $2, '客户超管', $3, now()) returning id`,
    [orgId, account.id, dept.id]);
  const [group] = await q(`insert into admin_groups (org_id, name, is_super) values ($1, '超级管理员', true) returning id`, [orgId]);
  await q(`insert into admin_group_members (org_id, group_id, member_id) values ($1, $2, $3)`, [orgId, group.id, member.id]);
  superAdmin = { memberId: member.id, accountId: account.id,
                 token: (await mintAccessToken({ accountId: account.id, orgId, memberId: member.id }, stackInfo().jwtSecret, 900)).access_token };
  const [op] = await q(`insert into accounts (display_name) values ('平台运维') returning id`);
  const phone = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  await q(`insert into app_private.platform_operators (account_id, phone) values ($1, $2)`, [op.id, phone]);
  operator = { accountId: op.id, phone, token: (await mintAccessToken({ accountId: op.id }, stackInfo().jwtSecret, 900)).access_token };
});

describe('audit hash chain', () => {
  it('stays one unbroken chain when many transactions write the same org at once', async () => {
    await Promise.all(Array.from({ length: 24 }, (_, i) => q(`insert into tags (org_id, name) values ($1, $2)`, [orgId, `并发-${i}`])));
    const ok = await rpcAs(superAdmin, 'audit_verify_chain', { p_org: orgId });
    expect(ok.body, JSON.stringify(ok.body)).toMatchObject({ ok: true });
    expect(ok.body.checked).toBeGreaterThanOrEqual(24);
  });

  it('verifies an untouched chain and finds an edited or a deleted row', async () => {
    for (let i = 0; i < 3; i++) await q(`insert into tags (org_id, name) values ($1, $2)`, [orgId, `链-${i}`]);
    const ok = await rpcAs(superAdmin, 'audit_verify_chain', { p_org: orgId });
    expect(ok.body.ok, JSON.stringify(ok.body)).toBe(true);
    expect(ok.body.checked).toBeGreaterThanOrEqual(6);
    await expect(q(`update audit_log set action = 'x' where org_id = $1`, [orgId])).rejects.toThrow(/append-only/);

    // Someone with superuser rights and triggers off edits one row...
    const rows = await q(`select id from audit_log where org_id = $1 order by id`, [orgId]);
    const victim = rows[2].id;
    const client = await adminDb().connect();
    try {
      await client.query(`set session_replication_role = replica`);
      await client.query(`update audit_log set after = jsonb_set(after, '{name}', '"改过"') where id = $1`, [victim]);
      const edited = await rpcAs(superAdmin, 'audit_verify_chain', { p_org: orgId });
      expect(edited.body).toMatchObject({ ok: false, first_bad_id: Number(victim), problem: expect.stringMatching(/changed/) });
      // ...then deletes it instead: the next row's link breaks.
      await client.query(`delete from audit_log where id = $1`, [victim]);
      const deleted = await rpcAs(superAdmin, 'audit_verify_chain', { p_org: orgId });
      expect(deleted.body).toMatchObject({ ok: false, first_bad_id: Number(rows[3].id) });
    } finally {
      await client.query(`set session_replication_role = origin`);
      client.release();
    }
    expect((await rpcAs({ token: await tokenFor('memberA') }, 'audit_verify_chain', { p_org: orgId })).body.code).toBe('42501');
  });
});

describe('subscriptions', () => {
  it('operators buy, quote and cancel terms with the shared prorated refund; others cannot', async () => {
    const created = await callFunction('subscription-admin', { token: operator.token, body: { action: 'create', org_id: orgId, seats: 200, starts_on: '2026-01-01' } });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.subscription).toMatchObject({ seats: 200, price_per_seat_fen: 3000, amount_fen: 600000, ends_on: '2027-01-01', status: 'active' });
    const id = created.body.subscription.id;
    const expected = proratedRefund({ seats: 200, pricePerSeatFen: 3000, startsOn: '2026-01-01', endsOn: '2027-01-01' }, '2026-07-01');
    const quote = await callFunction('subscription-admin', { token: operator.token, body: { action: 'quote_cancel', subscription_id: id, cancel_on: '2026-07-01' } });
    expect(quote.body.refund).toEqual({ term_days: 365, used_days: 182, remaining_days: 183, paid_fen: 600000, refund_fen: expected.refundFen });
    const overview = await rpcAs(operator, 'subscriptions_overview', {});
    expect(overview.body.find((o: { org_id: string }) => o.org_id === orgId)).toMatchObject({ seats: 200, seats_in_use: 1, status: 'active' });
    // The customer's super admin may see what a cancellation would refund, but not cancel.
    expect((await callFunction('subscription-admin', { token: superAdmin.token, body: { action: 'quote_cancel', subscription_id: id, cancel_on: '2026-07-01' } })).body.refund.refund_fen).toBe(expected.refundFen);
    expect((await callFunction('subscription-admin', { token: superAdmin.token, body: { action: 'cancel', subscription_id: id } })).status).toBe(403);
    expect((await callFunction('subscription-admin', { token: superAdmin.token, body: { action: 'create', org_id: orgId, seats: 1, starts_on: '2026-01-01' } })).status).toBe(403);
    const cancelled = await callFunction('subscription-admin', { token: operator.token, body: { action: 'cancel', subscription_id: id, cancel_on: '2026-07-01' } });
    expect(cancelled.body.subscription).toMatchObject({ status: 'cancelled', refund_fen: 300821 });
    const again = await callFunction('subscription-admin', { token: operator.token, body: { action: 'cancel', subscription_id: id } });
    expect(again.status).toBe(409);
    // The org's super admin sees its own subscription; the audit log has it.
    const mine = await (await import('@supabase/supabase-js')).createClient(stackInfo().apiUrl, stackInfo().anonKey, { accessToken: async () => superAdmin.token })
      .from('subscriptions').select('status, refund_fen').eq('id', id).single();
    expect(mine.data).toEqual({ status: 'cancelled', refund_fen: 300821 });
    const bad = await callFunction('subscription-admin', { token: operator.token, body: { action: 'create', org_id: orgId, seats: 1.5, starts_on: '2026-01-01' } });
    expect(bad.status).toBe(400);
  });
});

describe('support tickets', () => {
  const ticket = (severity: string) => ({
    org_id: orgId, customer_name: '刘经理', region: '华东', organisation_name: '运维测试', phone: '13912345678',
    product: '一码通', description: '闸机验码失败', years_of_use: 2, severity,
  });

  it('opens with the SLA limits of its class, and resolving needs a written resolution', async () => {
    const opened = await rpcAs(superAdmin, 'ticket_open', { p_ticket: ticket('svip_urgent') });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const due = slaDue('svip_urgent', new Date(opened.body.opened_at));
    expect(new Date(opened.body.respond_due).getTime()).toBe(due.respondBy.getTime());
    expect(new Date(opened.body.resolve_due).getTime()).toBe(due.resolveBy.getTime());
    expect((await rpcAs(superAdmin, 'ticket_respond', { p_ticket: opened.body.id, p_note: '我自己回复' })).body.code).toBe('42501');
    expect((await rpcAs(operator, 'ticket_respond', { p_ticket: opened.body.id, p_note: '已收到，排查中' })).body.status).toBe('responded');
    expect((await rpcAs(operator, 'ticket_resolve', { p_ticket: opened.body.id, p_resolution: '' })).body.code).toBe('YM812');
    const resolved = await rpcAs(operator, 'ticket_resolve', { p_ticket: opened.body.id, p_resolution: '更新闸机离线公钥后恢复' });
    expect(resolved.body).toMatchObject({ status: 'resolved', breached_response: false, breached_resolution: false });
    const other = await rpcAs({ token: await tokenFor('memberB') }, 'ticket_open', { p_ticket: ticket('normal') });
    expect(other.body.code).toBe('42501');
  });

  it('escalates a missed limit once and alerts the operators by SMS; breaches are reported per month', async () => {
    const opened = await rpcAs(superAdmin, 'ticket_open', { p_ticket: ticket('urgent') });
    const later = new Date(Date.parse(opened.body.opened_at) + 61 * 60_000).toISOString();
    const run = () => fetch(`${stackInfo().apiUrl}/functions/v1/ops-jobs`, {
      method: 'POST', headers: { authorization: `Bearer ${stackInfo().serviceRoleKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ now: later }),
    }).then((r) => r.json());
    const first = await run();
    expect(first.escalated.find((e: { id: string }) => e.id === opened.body.id)).toMatchObject({ missed: 'respond', escalation_level: 1 });
    expect(first.alerts_sent).toBeGreaterThanOrEqual(1);
    const texts = await fakeControl<{ messages: Array<{ params: string[] }> }>(inject('fakes').controlUrl, `/sms/to?phone=${operator.phone}`);
    expect(texts.messages.some((m) => m.params.join(' ').includes('工单超时'))).toBe(true);
    const second = await run();
    expect(second.escalated.find((e: { id: string }) => e.id === opened.body.id)).toBeUndefined();
    const [row] = await q(`select breached_response, escalation_level from support_tickets where id = $1`, [opened.body.id]);
    expect(row).toEqual({ breached_response: true, escalation_level: 1 });
    const month = new Date().toISOString().slice(0, 7);
    const report = await rpcAs(operator, 'ticket_breaches_by_month', { p_from: `${month}-01`, p_to: new Date(Date.now() + 86400_000).toISOString().slice(0, 10) });
    expect(report.body.find((r: { month: string }) => r.month === month).response_breaches).toBeGreaterThanOrEqual(1);
  });

  it('refuses bad input', async () => {
    const bad = await rpcAs(superAdmin, 'ticket_open', { p_ticket: { ...ticket('normal'), phone: '123' } });
    expect(bad.body.code).toBe('23514');
    const badSeverity = await rpcAs(superAdmin, 'ticket_open', { p_ticket: ticket('catastrophic') });
    expect(badSeverity.body.code).toBe('22P02');
  });
});

describe('personal data', () => {
  it('reveals an ID-card number only to an admin of the member, and audits every reveal', async () => {
    const admin = { token: await tokenFor('superAdminA') };
    const revealed = await rpcAs(admin, 'member_reveal_pii', { p_member: SEED.members.wangFang, p_field: 'id_card' });
    expect(revealed.body).toBe('440524188001010014');
    const [masked] = await q(`select id_card_number from members where id = $1`, [SEED.members.wangFang]);
    expect(masked.id_card_number).not.toBe('440524188001010014');
    const audit = await q(`select actor_account_id, after from audit_log where action = 'pii.reveal' and row_id = $1 order by id desc limit 1`, [SEED.members.wangFang]);
    expect(audit[0]).toEqual({ actor_account_id: SEED.accounts.superAdminA, after: { field: 'id_card' } });
    const member = await rpcAs({ token: await tokenFor('memberB') }, 'member_reveal_pii', { p_member: SEED.members.wangFang, p_field: 'phone' });
    expect(member.body.code).toBe('42501');
  });

  it('shows phones masked by default: the column itself is not readable through PostgREST, the reveal is audited', async () => {
    const { createClient } = await import('@supabase/supabase-js');
    const admin = createClient(stackInfo().apiUrl, stackInfo().anonKey, { accessToken: async () => tokenFor('superAdminA') });
    const masked = await admin.from('members').select('name, phone_masked').eq('id', SEED.members.wangFang).single();
    expect(masked.data).toEqual({ name: '王芳', phone_masked: '138****0003' });
    const full = await admin.from('members').select('phone').eq('id', SEED.members.wangFang);
    expect(full.error?.code).toBe('42501');
    const star = await admin.from('members').select('*').eq('id', SEED.members.wangFang);
    expect(star.error?.code).toBe('42501');
    // Admins still write phones (the edit form), and the reveal gives the number once, on the record.
    const revealed = await rpcAs({ token: await tokenFor('superAdminA') }, 'member_reveal_pii', { p_member: SEED.members.wangFang, p_field: 'phone' });
    expect(revealed.body).toBe('13800000003');
    const audit = await q(`select after from audit_log where action = 'pii.reveal' and row_id = $1 order by id desc limit 1`, [SEED.members.wangFang]);
    expect(audit[0].after).toEqual({ field: 'phone' });
    await asService(`select 1`);
  });
});
