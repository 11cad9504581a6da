// Visitor appointments through the gateway: a visitor applies through the
// host's signed link, the host (and a site admin) approve, the visitor's
// link shows the pass, a gate of the right site verifies it and checks the
// visitor in, a guard checks out; invitations, walk-ins, cancellation
// (revoked at the gate), expiry, bad input, permissions and the purge of
// visitors' personal data.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { mintAccessToken } from '../functions/_shared/tokens.ts';
import { callFunction } from './setup/accounts.ts';
import { deviceCall, newPoint, rpcAs } from './setup/devices.ts';
import { fakeControl } from './setup/fake-services.ts';
import { adminDb, stackInfo } from './setup/personas.ts';

const q = async (sql: string, params: unknown[] = []) => (await adminDb().query(sql, params)).rows;
const sms = (phone: string) => fakeControl<{ messages: Array<{ params: string[] }> }>(inject('fakes').controlUrl, `/sms/to?phone=${phone}`);

interface Person { memberId: string; accountId: string; token: string }
let orgId: string;
let siteA: string;
let siteB: string;
let host: Person;
let siteAdmin: Person;
let guard: Person;
let other: Person;
let gateA: { id: string; apiKey: string };
let gateB: { id: string; apiKey: string };

async function person(name: string, dept: string): Promise<Person> {
  const [account] = await q(`insert into accounts (display_name) values ($1) returning id`, [name]);
  const [member] = await q(`insert into members (org_id, account_id, name, department_id, claimed_at) values ($1, $2, $3, $4, now()) returning id`,
    [orgId, account.id, name, dept]);
  const token = (await mintAccessToken({ accountId: account.id, orgId, memberId: member.id }, stackInfo().jwtSecret, 900)).access_token;
  return { memberId: member.id, accountId: account.id, token };
}

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
const phone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const visitor = (extra: Record<string, unknown> = {}) => ({
  name: '访客甲', phone: phone(), id_card: '11010519491231002X', company: '来访公司', identity_type: '客户', purpose: '商务洽谈',
  site_id: siteA, window_from: inHours(-0.25), window_until: inHours(3), ...extra,
});
const tokenOf = (url: string) => decodeURIComponent(new URL(url.replace('#', '')).searchParams.get('t')!);
const pass = (url: string) => callFunction('visit-pass', { method: 'GET', path: `?t=${encodeURIComponent(tokenOf(url))}` });

beforeAll(async () => {
  const [org] = await q(`insert into orgs (name, slug) values ('访客测试', $1) returning id`, [`visit-${randomUUID().slice(0, 8)}`]);
  orgId = org.id;
  const [dept] = await q(`insert into departments (org_id, name) values ($1, '接待部') returning id`, [orgId]);
  host = await person('主人', dept.id);
  siteAdmin = await person('园区管理员', dept.id);
  guard = await person('门卫', dept.id);
  other = await person('同事', dept.id);
  const [group] = await q(`insert into admin_groups (org_id, name, functions) values ($1, '安保', '{cards}') returning id`, [orgId]);
  await q(`insert into admin_group_members (org_id, group_id, member_id) values ($1, $2, $3)`, [orgId, group.id, guard.memberId]);
  await q(`insert into admin_group_departments (org_id, group_id, department_id) values ($1, $2, $3)`, [orgId, group.id, dept.id]);
  [{ id: siteA }, { id: siteB }] = await q(`insert into sites (org_id, name) values ($1, '东区'), ($1, '西区') returning id`, [orgId]);
  await q(`insert into site_admins (org_id, site_id, member_id) values ($1, $2, $3)`, [orgId, siteA, siteAdmin.memberId]);
  gateA = await newPoint(orgId, guard, { kind: 'gate' });
  gateB = await newPoint(orgId, guard, { kind: 'gate' });
  await q(`update verification_points set site_id = $2 where id = $1`, [gateA.id, siteA]);
  await q(`update verification_points set site_id = $2 where id = $1`, [gateB.id, siteB]);
});

async function apply(body: Record<string, unknown>) {
  const link = await callFunction('visit-link', { token: host.token, body: {} });
  expect(link.status, JSON.stringify(link.body)).toBe(200);
  return callFunction('visit-apply', { body: { t: link.body.token, ...body } });
}

describe('apply, approve, pass, gate', () => {
  it('a visitor applies by link, the host approves, the link shows the pass, the right gate lets them in once checked', async () => {
    const link = await callFunction('visit-link', { token: host.token, body: {} });
    expect(link.body.url).toContain('#/pages/visitor/apply?t=');
    const ctx = await callFunction('visit-apply', { method: 'GET', path: `?t=${encodeURIComponent(link.body.token)}` });
    expect(ctx.status, JSON.stringify(ctx.body)).toBe(200);
    expect(ctx.body).toMatchObject({ org_name: '访客测试', host: { name: '主人' }, identity_types: expect.arrayContaining(['客户']) });
    expect(ctx.body.sites.map((s: { name: string }) => s.name)).toEqual(['东区', '西区']);

    const details = visitor();
    const applied = await callFunction('visit-apply', { body: { t: link.body.token, ...details } });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.visit).toMatchObject({ status: 'pending', host_name: '主人', site_name: '东区' });
    const pending = await pass(applied.body.visitor_url);
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({ visit: { status: 'pending' }, code: null });
    // The ID-card number is stored masked (full number encrypted apart).
    const [row] = await q(`select visitor_id_card from visits where id = $1`, [applied.body.visit.id]);
    expect(row.visitor_id_card).toBe('110***********002X');

    // Only the host decides the first step.
    const notYours = await callFunction('visit-decide', { token: other.token, body: { visit_id: applied.body.visit.id, decision: 'approved' } });
    expect(notYours.status).toBe(403);
    const approved = await callFunction('visit-decide', { token: host.token, body: { visit_id: applied.body.visit.id, decision: 'approved' } });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ visit: { status: 'approved' }, pass: { sms: 'sent' } });
    expect(approved.body.pass.pass_url).toBe(applied.body.visitor_url);
    const texts = await sms(details.phone);
    expect(texts.messages.at(-1)!.params).toContain(applied.body.visitor_url);

    const shown = await pass(applied.body.visitor_url);
    expect(shown.status).toBe(200);
    expect(shown.body.code).toMatch(/^YM1:/);
    // Another site's gate refuses it; the visit's site lets the visitor in.
    const wrong = await deviceCall('code-verify', gateB.apiKey, { body: { code: shown.body.code } });
    expect(wrong.body).toMatchObject({ ok: false, reason: 'wrong_site' });
    const atGate = await deviceCall('code-verify', gateA.apiKey, { body: { code: shown.body.code } });
    expect(atGate.body).toMatchObject({ ok: true, visitor: { name: '访客甲', host_name: '主人', site_name: '东区' } });
    const [checked] = await q(`select status from visits where id = $1`, [applied.body.visit.id]);
    expect(checked.status).toBe('checked_in');
    // A guard on the phone (no gate) verifies at the pass's own site; then checks the visitor out.
    const byGuard = await callFunction('code-verify', { token: guard.token, body: { code: shown.body.code } });
    expect(byGuard.body).toMatchObject({ ok: true });
    const out = await rpcAs(guard, 'visit_checkout', { p_visit: applied.body.visit.id });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    const after = await deviceCall('code-verify', gateA.apiKey, { body: { code: shown.body.code } });
    expect(after.body.ok).toBe(false);
    expect((await pass(applied.body.visitor_url)).status).toBe(410);
  });

  it('with two approval levels the site admin decides after the host', async () => {
    await q(`update visitor_settings set approval_levels = 2 where org_id = $1`, [orgId]);
    try {
      const applied = await apply(visitor());
      const id = applied.body.visit.id;
      const first = await callFunction('visit-decide', { token: host.token, body: { visit_id: id, decision: 'approved' } });
      expect(first.body.visit).toMatchObject({ status: 'pending', approval_level: 2 });
      expect(first.body.pass).toBeUndefined();
      const hostAgain = await callFunction('visit-decide', { token: host.token, body: { visit_id: id, decision: 'approved' } });
      expect(hostAgain.status).toBe(403);
      expect(hostAgain.body.error.code).toBe('not_your_decision');
      const second = await callFunction('visit-decide', { token: siteAdmin.token, body: { visit_id: id, decision: 'approved', comment: '同意' } });
      expect(second.body.visit.status).toBe('approved');
      const chain = await q(`select level, decision, approver_name from visit_approvals where visit_id = $1 order by level`, [id]);
      expect(chain).toEqual([
        { level: 1, decision: 'approved', approver_name: '主人' },
        { level: 2, decision: 'approved', approver_name: '园区管理员' },
      ]);
    } finally {
      await q(`update visitor_settings set approval_levels = 1 where org_id = $1`, [orgId]);
    }
  });

  it('a rejected application shows as rejected on the visitor link and gets no pass', async () => {
    const applied = await apply(visitor());
    const noReason = await callFunction('visit-decide', { token: host.token, body: { visit_id: applied.body.visit.id, decision: 'rejected' } });
    expect(noReason.status).toBe(400);
    const rejected = await callFunction('visit-decide', { token: host.token, body: { visit_id: applied.body.visit.id, decision: 'rejected', comment: '时间冲突' } });
    expect(rejected.body.visit.status).toBe('rejected');
    const shown = await pass(applied.body.visitor_url);
    expect(shown.status).toBe(409);
    expect(shown.body.error).toMatchObject({ code: 'visit_rejected' });
    expect(shown.body.error.message).toContain('时间冲突');
  });
});

describe('invitations, cancellation, walk-ins, expiry', () => {
  it('an invitation is approved at once; cancelling it revokes the pass at the gate and for offline verifiers', async () => {
    const invited = await callFunction('visit-invite', { token: host.token, body: visitor({ name: '受邀者' }) });
    expect(invited.status, JSON.stringify(invited.body)).toBe(200);
    expect(invited.body).toMatchObject({ visit: { status: 'approved', source: 'invite' }, pass: { sms: 'sent' } });
    const { code } = (await pass(invited.body.visitor_url)).body;
    const cancelled = await rpcAs(host, 'visit_cancel', { p_visit: invited.body.visit.id, p_reason: '改期' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const atGate = await deviceCall('code-verify', gateA.apiKey, { body: { code } });
    expect(atGate.body).toMatchObject({ ok: false, reason: 'revoked' });
    const [rev] = await q(`select target, reason from revocations where org_id = $1 and target_id = (select credential_id from visits where id = $2)`,
      [orgId, invited.body.visit.id]);
    expect(rev).toEqual({ target: 'credential', reason: 'visit_cancelled' });
    expect((await pass(invited.body.visitor_url)).body.error.code).toBe('visit_cancelled');
  });

  it('an expired pass is refused on the link and at the gate', async () => {
    const invited = await callFunction('visit-invite', { token: host.token, body: visitor({ name: '迟到者' }) });
    const { code } = (await pass(invited.body.visitor_url)).body;
    await q(`update visits set window_from = now() - interval '5 hours', window_until = now() - interval '1 hour' where id = $1`, [invited.body.visit.id]);
    expect((await pass(invited.body.visitor_url)).body.error.code).toBe('pass_expired');
    const atGate = await deviceCall('code-verify', gateA.apiKey, { body: { code } });
    expect(atGate.body).toMatchObject({ ok: false, reason: 'visit_closed' });
    const jobs = await fetch(`${stackInfo().apiUrl}/functions/v1/visit-jobs`, {
      method: 'POST', headers: { authorization: `Bearer ${stackInfo().serviceRoleKey}`, 'content-type': 'application/json' }, body: '{}',
    }).then((r) => r.json());
    expect(jobs.no_show).toBeGreaterThanOrEqual(1);
    const [row] = await q(`select status from visits where id = $1`, [invited.body.visit.id]);
    expect(row.status).toBe('no_show');
  });

  it('a guard registers a walk-in (checked in at once); others cannot', async () => {
    const walkIn = await callFunction('visit-walk-in', { token: guard.token, body: { host_member_id: host.memberId, name: '快递员', site_id: siteA } });
    expect(walkIn.status, JSON.stringify(walkIn.body)).toBe(200);
    expect(walkIn.body.visit).toMatchObject({ status: 'checked_in', source: 'walk_in', visitor_name: '快递员' });
    const denied = await callFunction('visit-walk-in', { token: other.token, body: { host_member_id: host.memberId, name: '快递员', site_id: siteA } });
    expect(denied.status).toBe(403);
    // By the host's employee number (a host the guard cannot see in the member list).
    await q(`update members set employee_no = 'HOST001' where id = $1`, [host.memberId]);
    const byNumber = await callFunction('visit-walk-in', { token: guard.token, body: { host_employee_no: 'HOST001', name: '送水工', site_id: siteA } });
    expect(byNumber.status, JSON.stringify(byNumber.body)).toBe(200);
    expect(byNumber.body.visit.host_name).toBe('主人');
    const unknown = await callFunction('visit-walk-in', { token: guard.token, body: { host_employee_no: 'NOBODY', name: '送水工', site_id: siteA } });
    expect(unknown.status).toBe(404);
  });
});

describe('bad input', () => {
  it('rejects invalid phones, ID-card checksums, past windows, unknown sites and tampered links with clear errors', async () => {
    const before = (await q(`select count(*)::int as n from visits where org_id = $1`, [orgId]))[0].n;
    const cases: Array<[Record<string, unknown>, number, string, RegExp]> = [
      [visitor({ phone: '12345' }), 400, 'invalid_body', /手机号/],
      [visitor({ id_card: '110105194912310021' }), 400, 'invalid_body', /校验/],
      [visitor({ window_from: inHours(-5), window_until: inHours(-1) }), 400, 'invalid_visit', /已过|past/],
      [visitor({ window_until: inHours(-1) }), 400, 'invalid_visit', /晚于|after/],
      [visitor({ window_until: inHours(200) }), 400, 'invalid_visit', /小时/],
      [visitor({ site_id: randomUUID() }), 400, 'invalid_visit', /site/],
      [visitor({ site_id: undefined }), 400, 'invalid_visit', /地点/],
      [visitor({ identity_type: '间谍' }), 400, 'invalid_visit', /身份/],
    ];
    for (const [body, status, code, message] of cases) {
      const res = await apply(body);
      expect(res.status, JSON.stringify({ body, res: res.body })).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(message);
    }
    const link = await callFunction('visit-link', { token: host.token, body: {} });
    const [payload, sig] = (link.body.token as string).split('.');
    const forged = Buffer.from(JSON.stringify({ o: orgId, h: other.memberId, e: 4102444800 })).toString('base64url');
    for (const t of [`${forged}.${sig}`, `${payload}.${sig!.slice(0, -2)}xx`, 'garbage']) {
      const res = await callFunction('visit-apply', { body: { t, ...visitor() } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_link');
    }
    expect((await callFunction('visit-pass', { method: 'GET', path: '?t=nope' })).status).toBe(404);
    expect((await q(`select count(*)::int as n from visits where org_id = $1`, [orgId]))[0].n).toBe(before);
  });
});

describe('permissions and privacy', () => {
  it('hosts see their visits, site admins their site, others nothing; visitor data is purged after retention', async () => {
    const applied = await apply(visitor({ name: '隐私测试' }));
    const id = applied.body.visit.id;
    const { apiUrl, anonKey } = stackInfo();
    const read = async (p: Person) => (await (await fetch(`${apiUrl}/rest/v1/visits?id=eq.${id}&select=id,visitor_id_card`, {
      headers: { apikey: anonKey, authorization: `Bearer ${p.token}` } })).json()) as unknown[];
    expect(await read(host)).toHaveLength(1);
    expect(await read(siteAdmin)).toHaveLength(1);
    expect(await read(other)).toHaveLength(0);
    expect(await read(guard)).toHaveLength(0);

    await q(`update visits set window_from = now() - interval '200 days', window_until = now() - interval '199 days', status = 'checked_out' where id = $1`, [id]);
    const [secretBefore] = await q(`select count(*)::int as n from app_private.visit_secrets where visit_id = $1`, [id]);
    expect(secretBefore.n).toBe(1);
    await fetch(`${apiUrl}/functions/v1/visit-jobs`, {
      method: 'POST', headers: { authorization: `Bearer ${stackInfo().serviceRoleKey}`, 'content-type': 'application/json' }, body: '{}',
    });
    const [row] = await q(`select visitor_id_card, visitor_phone, answers, purged_at from visits where id = $1`, [id]);
    expect(row).toMatchObject({ visitor_id_card: null, visitor_phone: null, answers: {} });
    expect(row.purged_at).not.toBeNull();
    const [secretAfter] = await q(`select count(*)::int as n from app_private.visit_secrets where visit_id = $1`, [id]);
    expect(secretAfter.n).toBe(0);
  });
});
