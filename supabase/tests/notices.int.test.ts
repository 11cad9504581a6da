// Notices through PostgREST: audience materialised per person within the
// sender's reach, department heads limited to their department, personalised
// rows private to their person, malformed import notices sending nothing,
// read receipts and statistics, and the outbox's retry and channel fallback.
import { beforeAll, describe, expect, it } from 'vitest';
import { adminDb } from './setup/personas.ts';
import { createOrgFixture, type OrgFixture } from './setup/org-fixture.ts';

let fx: OrgFixture;
const db = () => adminDb();
beforeAll(async () => { fx = await createOrgFixture(); });

async function draft(person: Parameters<OrgFixture['clientAs']>[0], fields: Record<string, unknown>) {
  const client = await fx.clientAs(person);
  const { data, error } = await client.from('notices').insert({
    org_id: fx.orgId, title: '通知', body: '内容', sender_member_id: fx.members[person].id, ...fields,
  }).select('id').single();
  return { id: data?.id as string, error, client };
}

describe('sending', () => {
  it('a super admin reaches a department subtree; each person gets one recipient row', async () => {
    const { id, client } = await draft('superAdmin', { audience: { department_ids: [fx.departments.a], member_ids: [fx.members.memberB.id] } });
    const sent = await client.rpc('send_notice', { p_notice: id });
    expect(sent.error, JSON.stringify(sent.error)).toBeNull();
    expect(sent.data).toMatchObject({ ok: true, recipients: 4, status: 'sent' });
    const { rows } = await db().query('select member_id from notice_recipients where notice_id = $1 order by 1', [id]);
    expect(rows.map((r) => r.member_id).sort()).toEqual(
      [fx.members.notifierA.id, fx.members.memberA1.id, fx.members.memberA2.id, fx.members.memberB.id].sort());
  });

  it('a scoped notices admin cannot name departments outside their scope', async () => {
    const { id, client } = await draft('notifierA', { audience: { department_ids: [fx.departments.a, fx.departments.b] } });
    const { data } = await client.rpc('send_notice', { p_notice: id });
    expect(data.ok).toBe(false);
    expect(data.errors).toMatchObject([{ code: 'out_of_scope', message: '部门「乙部」不在你的发送范围内' }]);
    const { rows } = await db().query('select status from notices where id = $1', [id]);
    expect(rows[0].status).toBe('draft');
  });

  it('a department head sends plain notices to their department only, and nothing else', async () => {
    const ok = await draft('headB', { sender_scope_department_id: fx.departments.b, audience: { department_ids: [fx.departments.b] } });
    expect(ok.error).toBeNull();
    expect((await ok.client.rpc('send_notice', { p_notice: ok.id })).data).toMatchObject({ ok: true, recipients: 2 });
    const other = await draft('headB', { sender_scope_department_id: fx.departments.b, audience: { department_ids: [fx.departments.a] } });
    const refused = await other.client.rpc('send_notice', { p_notice: other.id });
    expect(refused.data.errors[0].code).toBe('out_of_scope');
    const receipt = await draft('headB', { template: 'receipt', sender_scope_department_id: fx.departments.b, audience: { department_ids: [fx.departments.b] } });
    expect(receipt.error?.code).toBe('42501');
    const plainMember = await draft('memberA1', { audience: { department_ids: [fx.departments.a1] } });
    expect(plainMember.error?.code).toBe('42501');
  });

  it('a member sees sent notices addressed to them and nothing else', async () => {
    const { id, client } = await draft('superAdmin', { title: '只给乙部', audience: { department_ids: [fx.departments.b] } });
    await client.rpc('send_notice', { p_notice: id });
    const a1 = await fx.clientAs('memberA1');
    expect((await a1.from('notices').select('id').eq('id', id)).data).toEqual([]);
    const b = await fx.clientAs('memberB');
    expect((await b.from('notices').select('title').eq('id', id)).data).toEqual([{ title: '只给乙部' }]);
  });
});

describe('import notices (千人千面)', () => {
  it('shows every problem of a malformed sheet and sends nothing', async () => {
    const { id, client } = await draft('superAdmin', { template: 'import', import_columns: ['工号', '实发工资'] });
    const rows = [
      { employee_no: fx.members.memberA1.employeeNo, data: { 实发工资: '8000' } },
      { employee_no: 'NOPE1', data: { 实发工资: '1' } },
      { employee_no: fx.members.memberA1.employeeNo, data: { 实发工资: '9000' } },
      { employee_no: fx.members.memberB.employeeNo, data: 'not an object' },
    ];
    const { data } = await client.rpc('send_notice', { p_notice: id, p_personal_rows: rows });
    expect(data.ok).toBe(false);
    expect(data.errors.map((e: { index: number; code: string }) => [e.index, e.code])).toEqual([[1, 'unknown_employee_no'], [2, 'duplicate'], [3, 'bad_row']]);
    expect((await db().query('select count(*)::int as n from notice_recipients where notice_id = $1', [id])).rows[0].n).toBe(0);
  });

  it('a personalised row is visible only to its person (and the sender)', async () => {
    const { id, client } = await draft('superAdmin', { template: 'import', import_columns: ['工号', '实发工资'] });
    const sent = await client.rpc('send_notice', { p_notice: id, p_personal_rows: [
      { employee_no: fx.members.memberA1.employeeNo, data: { 实发工资: '8000' } },
      { employee_no: fx.members.memberB.employeeNo, data: { 实发工资: '9000' } },
    ] });
    expect(sent.data).toMatchObject({ ok: true, recipients: 2 });
    const mine = async (p: 'memberA1' | 'memberB' | 'memberA2' | 'notifierA') =>
      (await (await fx.clientAs(p)).from('notice_personal_rows').select('row_data').eq('notice_id', id)).data;
    expect(await mine('memberA1')).toEqual([{ row_data: { 实发工资: '8000' } }]);
    expect(await mine('memberB')).toEqual([{ row_data: { 实发工资: '9000' } }]);
    expect(await mine('memberA2')).toEqual([]);
    expect(await mine('notifierA')).toEqual([]);
    expect((await client.from('notice_personal_rows').select('member_id').eq('notice_id', id)).data).toHaveLength(2);
  });
});

describe('receipts and statistics', () => {
  it('counts reads and confirmations per department', async () => {
    const { id, client } = await draft('superAdmin', { template: 'receipt', audience: { department_ids: [fx.departments.hq] } });
    await client.rpc('send_notice', { p_notice: id });
    const a1 = await fx.clientAs('memberA1');
    expect((await a1.rpc('notice_mark_read', { p_notice: id, p_confirm: true })).error).toBeNull();
    expect((await (await fx.clientAs('memberB')).rpc('notice_mark_read', { p_notice: id })).error).toBeNull();
    const stats = (await client.rpc('notice_stats', { p_notice: id })).data;
    expect(stats).toMatchObject({ total: 6, read: 2, confirmed: 1 });
    expect(stats.by_department).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: '甲一组', total: 1, read: 1 }), expect.objectContaining({ name: '乙部', total: 2, read: 1 }),
    ]));
    // The scoped admin may not read statistics of the super admin's org-wide notice.
    expect((await (await fx.clientAs('notifierA')).rpc('notice_stats', { p_notice: id })).error?.code).toBe('42501');
  });
});

describe('outbox', () => {
  it('retries a failing channel with backoff, then falls back to the next; unreachable falls back at once', async () => {
    const { id, client } = await draft('superAdmin', { channels: ['wecom', 'sms'], audience: { member_ids: [fx.members.memberA1.id, fx.members.memberB.id] } });
    await client.rpc('send_notice', { p_notice: id });
    const claim = async () => (await db().query(`select * from notice_dispatch_claim(100000) where notice_id = $1`, [id])).rows;
    const report = (results: unknown[]) => db().query('select notice_dispatch_report($1)', [JSON.stringify(results)]);
    const first = await claim();
    expect(first.map((r) => r.channel)).toEqual(['wecom', 'wecom']);
    const [a1, b] = [first.find((r) => r.member_id === fx.members.memberA1.id)!, first.find((r) => r.member_id === fx.members.memberB.id)!];
    await report([{ delivery_id: a1.delivery_id, outcome: 'skipped', error: 'no WeCom userid' }, { delivery_id: b.delivery_id, outcome: 'failed', error: 'timeout' }]);
    // Leased and backed off: nothing due right now except the SMS fallback for A1.
    expect((await claim()).map((r) => [r.member_id, r.channel])).toEqual([[fx.members.memberA1.id, 'sms']]);
    for (let attempt = 2; attempt <= 3; attempt++) {
      await db().query(`update notice_deliveries set next_attempt_at = now() where id = $1`, [b.delivery_id]);
      const again = await claim();
      expect(again.map((r) => r.attempts)).toEqual([attempt]);
      await report([{ delivery_id: b.delivery_id, outcome: 'failed', error: 'timeout' }]);
    }
    const { rows } = await db().query(`select member_id, channel, status from notice_deliveries where notice_id = $1 order by id`, [id]);
    expect(rows).toHaveLength(4);
    expect(rows).toEqual(expect.arrayContaining([
      { member_id: fx.members.memberA1.id, channel: 'wecom', status: 'skipped' },
      { member_id: fx.members.memberB.id, channel: 'wecom', status: 'failed' },
      { member_id: fx.members.memberA1.id, channel: 'sms', status: 'pending' },
      { member_id: fx.members.memberB.id, channel: 'sms', status: 'pending' },
    ]));
  });
});

describe('scheduled notices', () => {
  it('cancelling a scheduled notice skips its outbox, so nothing is sent when its time comes; a sent notice cannot be cancelled', async () => {
    const at = new Date(Date.now() + 3600_000).toISOString();
    const { id, client } = await draft('superAdmin', { channels: ['sms'], scheduled_at: at, audience: { member_ids: [fx.members.memberA1.id] } });
    const sent = await client.rpc('send_notice', { p_notice: id });
    expect(sent.error).toBeNull();
    expect((await db().query(`select status from notices where id = $1`, [id])).rows[0].status).toBe('scheduled');
    const { error } = await client.from('notices').update({ status: 'cancelled' }).eq('id', id);
    expect(error).toBeNull();
    await db().query(`update notice_deliveries set next_attempt_at = now() - interval '1 second' where notice_id = $1`, [id]);
    const claimed = (await db().query(`select * from notice_dispatch_claim(100000) where notice_id = $1`, [id])).rows;
    expect(claimed).toEqual([]);
    const { rows } = await db().query(`select status, last_error from notice_deliveries where notice_id = $1`, [id]);
    expect(rows).toEqual([{ status: 'skipped', last_error: 'cancelled' }]);

    const now = await draft('superAdmin', { channels: ['sms'], audience: { member_ids: [fx.members.memberA1.id] } });
    await now.client.rpc('send_notice', { p_notice: now.id });
    await now.client.from('notices').update({ status: 'cancelled' }).eq('id', now.id);
    expect((await db().query(`select status from notices where id = $1`, [now.id])).rows[0].status).toBe('sent');
    await expect(db().query(`update notices set status = 'cancelled' where id = $1`, [now.id])).rejects.toThrow(/cannot be cancelled/);
  });
});

describe('notice-dispatch (the outbox through real channel adapters)', () => {
  it('sends by WeCom app message where it can and falls back to SMS for people without WeCom', async () => {
    const { FAKE_CREDENTIALS, fakeControl } = await import('./setup/fake-services.ts');
    const { callFunction } = await import('./setup/accounts.ts');
    const { inject } = await import('vitest');
    const control = <T>(path: string) => fakeControl<T>(inject('fakes').controlUrl, path);
    await db().query(`update org_auth_settings set wecom_corp_id = $2 where org_id = $1`, [fx.orgId, FAKE_CREDENTIALS.wecomNotices.corpId]);
    await db().query(`insert into app_private.org_secrets (org_id, name, value) values ($1, 'wecom_corp_secret', $2), ($1, 'wecom_agent_id', '1000002')`,
      [fx.orgId, FAKE_CREDENTIALS.wecomNotices.corpSecret]);
    const wecomUser = `wu${Date.now()}`;
    await db().query(`update members set wecom_userid = $2 where id = $1`, [fx.members.memberA2.id, wecomUser]);
    const { id, client } = await draft('superAdmin', { title: '停水通知', channels: ['wecom', 'sms'], audience: { member_ids: [fx.members.memberA2.id, fx.members.headB.id] } });
    expect((await client.rpc('send_notice', { p_notice: id })).data.ok).toBe(true);

    const { serviceRoleKey } = (await import('./setup/personas.ts')).stackInfo();
    const dispatch = () => callFunction('notice-dispatch', { token: serviceRoleKey, body: {} });
    expect((await callFunction('notice-dispatch', { token: await fx.tokenOf('superAdmin'), body: {} })).status).toBe(403);
    for (let i = 0; i < 5; i++) {
      await dispatch();
      const { rows } = await db().query(`select count(*)::int as n from notice_deliveries where notice_id = $1 and status = 'pending'`, [id]);
      if (rows[0].n === 0) break;
    }
    const { rows } = await db().query(`select member_id, channel, status from notice_deliveries where notice_id = $1 order by id`, [id]);
    expect(rows).toEqual(expect.arrayContaining([
      { member_id: fx.members.memberA2.id, channel: 'wecom', status: 'sent' },
      { member_id: fx.members.headB.id, channel: 'wecom', status: 'skipped' },
      { member_id: fx.members.headB.id, channel: 'sms', status: 'sent' },
    ]));
    const sent = await control<{ messages: Array<{ content: string; agentId: number }> }>(`/wecom/sent?user=${wecomUser}`);
    expect(sent.messages[0]).toMatchObject({ agentId: 1000002 });
    expect(sent.messages[0]!.content).toContain('停水通知');
    const { rows: phone } = await db().query('select phone from members where id = $1', [fx.members.headB.id]);
    const sms = await control<{ messages: unknown[] }>(`/sms/to?phone=${phone[0].phone}`);
    expect(sms.messages).toHaveLength(1);
    const { rows: recipients } = await db().query(`select member_id, delivered_channel from notice_recipients where notice_id = $1 order by member_id`, [id]);
    expect(Object.fromEntries(recipients.map((r) => [r.member_id, r.delivered_channel]))).toEqual({
      [fx.members.memberA2.id]: 'wecom', [fx.members.headB.id]: 'sms',
    });
  });
});

describe('notice-respond (form notices)', () => {
  it('validates answers with the shared form engine and stores them; only recipients may answer', async () => {
    const { callFunction } = await import('./setup/accounts.ts');
    const form = { fields: [
      { key: 'size', type: 'select', label: '工服尺码', required: true, options: ['S', 'M', 'L'] },
      { key: 'phone', type: 'phone', label: '联系电话' },
    ] };
    const { id, client } = await draft('superAdmin', { template: 'form', form_definition: form, audience: { member_ids: [fx.members.memberA1.id] } });
    await client.rpc('send_notice', { p_notice: id });
    const token = await fx.tokenOf('memberA1');
    const bad = await callFunction('notice-respond', { token, body: { notice_id: id, answers: { size: 'XXL', phone: '123' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([
      { key: 'size', message: '「工服尺码」请从选项中选择' }, { key: 'phone', message: '「联系电话」应为11位手机号' },
    ]);
    const good = await callFunction('notice-respond', { token, body: { notice_id: id, answers: { size: 'M' } } });
    expect(good.status).toBe(200);
    expect((await client.rpc('notice_stats', { p_notice: id })).data).toMatchObject({ responses: 1, read: 1 });
    const stranger = await callFunction('notice-respond', { token: await fx.tokenOf('memberB'), body: { notice_id: id, answers: { size: 'S' } } });
    expect(stranger.status).toBe(404);
  });
});

describe('notice-dispatch over WeChat subscribe messages', () => {
  it('sends to members who signed in with WeChat, falls back to SMS for those who refused the template', async () => {
    const { FAKE_CREDENTIALS, fakeControl } = await import('./setup/fake-services.ts');
    const { callFunction } = await import('./setup/accounts.ts');
    const { inject } = await import('vitest');
    const { stackInfo } = await import('./setup/personas.ts');
    const control = <T>(path: string) => fakeControl<T>(inject('fakes').controlUrl, path);
    const openidA = `oA-${Date.now()}`;
    const openidB = `oB-${Date.now()}`;
    for (const [person, openid] of [['memberA1', openidA], ['memberB', openidB]] as const) {
      await db().query(`insert into app_private.account_identities (provider, provider_app, subject, account_id) values ('wechat', $1, $2, $3)`,
        [FAKE_CREDENTIALS.wechat.appId, openid, fx.members[person].accountId]);
    }
    await control(`/wechat/refuse-subscribe?openid=${openidB}`);
    const { id, client } = await draft('superAdmin', { title: '年度体检安排通知（请全体员工于本周内完成线上预约）', channels: ['wechat', 'sms'], audience: { member_ids: [fx.members.memberA1.id, fx.members.memberB.id] } });
    expect((await client.rpc('send_notice', { p_notice: id })).data.ok).toBe(true);
    for (let i = 0; i < 5; i++) {
      await callFunction('notice-dispatch', { token: stackInfo().serviceRoleKey, body: {} });
      const { rows } = await db().query(`select count(*)::int as n from notice_deliveries where notice_id = $1 and status = 'pending'`, [id]);
      if (rows[0].n === 0) break;
    }
    const sent = await control<{ messages: Array<{ template_id: string; page: string; data: Record<string, { value: string }> }> }>(`/wechat/subscribe-sent?openid=${openidA}`);
    expect(sent.messages).toHaveLength(1);
    expect(sent.messages[0]).toMatchObject({ template_id: 'notice-template-1', page: `pages/notice/index?id=${id}` });
    // thing fields take at most 20 characters: 19 and an ellipsis.
    expect(sent.messages[0]!.data.thing1!.value).toBe('年度体检安排通知（请全体员工于本周内完…');
    const { rows } = await db().query(`select member_id, channel, status from notice_deliveries where notice_id = $1`, [id]);
    expect(rows).toEqual(expect.arrayContaining([
      { member_id: fx.members.memberA1.id, channel: 'wechat', status: 'sent' },
      { member_id: fx.members.memberB.id, channel: 'wechat', status: 'skipped' },
      { member_id: fx.members.memberB.id, channel: 'sms', status: 'sent' },
    ]));
  });
});
