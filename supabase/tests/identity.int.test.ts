// Claiming the card (领卡) by each verification method, lock-out, binding
// conflicts, unbind and rebind, tombstones of deleted members, and refresh
// token rotation, all through the gateway and the card-claim function.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { callFunction, newAccount } from './setup/accounts.ts';
import { adminDb, clientAs } from './setup/personas.ts';
import { SEED } from './setup/seed-ids.ts';

const db = () => adminDb();
let org: { id: string; slug: string };

async function setMethod(method: string, extra: Record<string, unknown> = {}) {
  await db().query(`update org_auth_settings set claim_method = $2, max_claim_attempts = $3, api_verify_url = $4 where org_id = $1`,
    [org.id, method, extra.max ?? 5, extra.url ?? null]);
}

async function addMember(fields: { employee_no?: string; name: string; phone?: string; id_card?: string }) {
  const { rows } = await db().query(
    `insert into members (org_id, employee_no, name, phone, id_card_number) values ($1, $2, $3, $4, $5) returning id`,
    [org.id, fields.employee_no ?? null, fields.name, fields.phone ?? null, fields.id_card ?? null]);
  return rows[0].id as string;
}

const device = () => `dev-${randomUUID().slice(0, 12)}`;
const claim = (token: string, fields: Record<string, string>, deviceId = device()) =>
  callFunction('card-claim', { token, body: { org: org.slug, device_id: deviceId, fields } });

beforeAll(async () => {
  const slug = `claim-${randomUUID().slice(0, 8)}`;
  const { rows } = await db().query(`insert into orgs (name, slug) values ('领卡测试', $1) returning id`, [slug]);
  org = { id: rows[0].id, slug };
});

describe('card-claim by method', () => {
  const cases: Array<{ method: string; right: Record<string, string>; wrong: Record<string, string> }> = [
    { method: 'employee_no_phone', right: { employee_no: 'C001', phone: '13700000001' }, wrong: { employee_no: 'C001', phone: '13700000009' } },
    { method: 'employee_no_id_card', right: { employee_no: 'C002', id_card: '110105194912310029' }, wrong: { employee_no: 'C002', id_card: '11010519491231002X' } },
    { method: 'name_id_card', right: { name: '钱三', id_card: '440524188001010014' }, wrong: { name: '钱三', id_card: '110105194912310029' } },
    { method: 'name_phone', right: { name: '临时工甲', phone: '13700000004' }, wrong: { name: '临时工乙', phone: '13700000004' } },
  ];

  beforeAll(async () => {
    await addMember({ employee_no: 'C001', name: '赵一', phone: '13700000001' });
    await addMember({ employee_no: 'C002', name: '孙二', id_card: '110105194912310029' });
    await addMember({ name: '钱三', id_card: '440524188001010014' });
    await addMember({ name: '临时工甲', phone: '13700000004' });
  });

  for (const c of cases) {
    it(`${c.method}: wrong data is refused, right data binds and returns a session for the org`, async () => {
      await setMethod(c.method);
      const { token, accountId } = await newAccount();
      const info = await callFunction('card-claim', { method: 'GET', path: `?org=${org.slug}` });
      expect(info.status).toBe(200);
      expect(info.body.method).toBe(c.method);

      const bad = await claim(token, c.wrong);
      expect(bad.status).toBe(403);
      expect(bad.body.error).toMatchObject({ code: 'no_match', remaining: 4 });

      const good = await claim(token, c.right);
      expect(good.status).toBe(200);
      expect(good.body.member.org_id).toBe(org.id);
      expect(good.body.refresh_token).toBeTruthy();
      const { rows } = await db().query('select account_id, claimed_at from members where id = $1', [good.body.member.id]);
      expect(rows[0].account_id).toBe(accountId);
      expect(rows[0].claimed_at).not.toBeNull();
    });
  }

  it('asks for the missing field and rejects malformed input with 400', async () => {
    await setMethod('employee_no_phone');
    const { token } = await newAccount();
    const missing = await claim(token, { employee_no: 'C001' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('missing_fields');
    const malformed = await claim(token, { employee_no: 'C001', phone: '12345' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toContain('phone');
  });
});

describe('lock-out', () => {
  it('locks an account after N failures, even for the right data, and audits the failures', async () => {
    await setMethod('employee_no_phone', { max: 3 });
    const memberId = await addMember({ employee_no: 'L001', name: '锁定测试', phone: '13700000101' });
    const { token } = await newAccount();
    for (let i = 0; i < 3; i++) expect((await claim(token, { employee_no: 'L001', phone: '13700000199' })).status).toBe(403);
    const locked = await claim(token, { employee_no: 'L001', phone: '13700000101' });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('locked');
    expect(locked.body.error.locked_until).toBeTruthy();
    const { rows } = await db().query(`select count(*)::int as n from audit_log where org_id = $1 and action = 'member.claim_failed'`, [org.id]);
    expect(rows[0].n).toBeGreaterThanOrEqual(3);
    const still = await db().query('select account_id from members where id = $1', [memberId]);
    expect(still.rows[0].account_id).toBeNull();
  });

  it('locks a device across accounts', async () => {
    await setMethod('employee_no_phone', { max: 3 });
    await addMember({ employee_no: 'L002', name: '设备锁定', phone: '13700000102' });
    const deviceId = device();
    for (let i = 0; i < 3; i++) {
      const { token } = await newAccount();
      await claim(token, { employee_no: 'L002', phone: '13700000198' }, deviceId);
    }
    const { token } = await newAccount();
    const locked = await claim(token, { employee_no: 'L002', phone: '13700000102' }, deviceId);
    expect(locked.body.error?.code).toBe('locked');
  });
});

describe('binding rules', () => {
  it('a bound member cannot be claimed by a second account, and an account claims one member per org', async () => {
    await setMethod('employee_no_phone');
    await addMember({ employee_no: 'B001', name: '绑定一', phone: '13700000201' });
    await addMember({ employee_no: 'B002', name: '绑定二', phone: '13700000202' });
    const first = await newAccount();
    expect((await claim(first.token, { employee_no: 'B001', phone: '13700000201' })).status).toBe(200);
    // Claiming the same member again is idempotent for its owner.
    expect((await claim(first.token, { employee_no: 'B001', phone: '13700000201' })).status).toBe(200);
    const second = await newAccount();
    const taken = await claim(second.token, { employee_no: 'B001', phone: '13700000201' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('member_bound');
    const another = await claim(first.token, { employee_no: 'B002', phone: '13700000202' });
    expect(another.status).toBe(409);
    expect(another.body.error.code).toBe('account_bound');
  });

  it('unbind (admin, many at once) then rebind by another account works; the old refresh token dies', async () => {
    const admin = await clientAs('superAdminA');
    const ids = [] as string[];
    for (const n of [1, 2]) {
      const { rows } = await db().query(
        `insert into members (org_id, employee_no, name, phone, department_id) values ($1, $2, $3, $4, $5) returning id`,
        [SEED.orgA, `U00${n}-${randomUUID().slice(0, 4)}`, `解绑${n}`, `1370000030${n}`, SEED.departments.admin]);
      ids.push(rows[0].id);
    }
    await db().query(`update org_auth_settings set claim_method = 'employee_no_phone' where org_id = $1`, [SEED.orgA]);
    const { rows: m } = await db().query('select employee_no, phone from members where id = $1', [ids[0]]);
    const owner = await newAccount();
    const claimA = (token: string) => callFunction('card-claim', { token, body: { org: 'demo', device_id: device(), fields: { employee_no: m[0].employee_no, phone: m[0].phone } } });
    const first = await claimA(owner.token);
    expect(first.status).toBe(200);

    const member = await clientAs('memberA');
    const denied = await member.rpc('admin_unbind_members', { p_member_ids: ids });
    expect(denied.error?.code).toBe('42501');

    const { data, error } = await admin.rpc('admin_unbind_members', { p_member_ids: ids });
    expect(error).toBeNull();
    expect(data).toBe(1);
    const refreshed = await callFunction('auth-session', { path: '/refresh', body: { refresh_token: first.body.refresh_token } });
    expect(refreshed.status).toBe(401);
    const audit = await db().query(`select 1 from audit_log where row_id = $1 and action = 'member.unbind'`, [ids[0]]);
    expect(audit.rowCount).toBe(1);

    const newcomer = await newAccount();
    expect((await claimA(newcomer.token)).status).toBe(200);
  });

  it('a deleted member cannot be claimed again until a super admin allows it', async () => {
    await setMethod('employee_no_phone');
    const id = await addMember({ employee_no: 'D001', name: '已删除', phone: '13700000401' });
    await db().query('delete from members where id = $1', [id]);
    await addMember({ employee_no: 'D001', name: '已删除', phone: '13700000401' });
    const { token } = await newAccount();
    const refused = await claim(token, { employee_no: 'D001', phone: '13700000401' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('member_deleted');
    await db().query('delete from app_private.deleted_members where org_id = $1 and employee_no = $2', [org.id, 'D001']);
    expect((await claim(token, { employee_no: 'D001', phone: '13700000401' })).status).toBe(200);
  });
});

describe('sessions', () => {
  it('rotates refresh tokens and treats reuse as theft (all sessions end)', async () => {
    const login = await callFunction('auth-dev', { body: { persona: 'member-a' } });
    expect(login.status).toBe(200);
    const next = await callFunction('auth-session', { path: '/refresh', body: { refresh_token: login.body.refresh_token } });
    expect(next.status).toBe(200);
    expect(next.body.member.name).toBe('王芳');
    expect(next.body.refresh_token).not.toBe(login.body.refresh_token);
    // Within 30 s a second refresh with the old token is a race between tabs, not theft.
    const race = await callFunction('auth-session', { path: '/refresh', body: { refresh_token: login.body.refresh_token } });
    expect(race.body.error.code).toBe('refresh_token_invalid');
    await adminDb().query(`update app_private.refresh_tokens set revoked_at = now() - interval '1 minute' where account_id = $1 and revoke_reason = 'rotated'`, [login.body.user.id]);
    const reuse = await callFunction('auth-session', { path: '/refresh', body: { refresh_token: login.body.refresh_token } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('refresh_token_reused');
    const afterTheft = await callFunction('auth-session', { path: '/refresh', body: { refresh_token: next.body.refresh_token } });
    expect(afterTheft.status).toBe(401);
  });

  it('a token ended by logout is just invalid: it does not sign the account out everywhere', async () => {
    const login = await callFunction('auth-dev', { body: { persona: 'super-admin-a' } });
    const other = await callFunction('auth-dev', { body: { persona: 'super-admin-a' } });
    expect((await callFunction('auth-session', { path: '/logout', body: { refresh_token: login.body.refresh_token } })).status).toBe(200);
    const stale = await callFunction('auth-session', { path: '/refresh', body: { refresh_token: login.body.refresh_token } });
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('refresh_token_invalid');
    expect((await callFunction('auth-session', { path: '/refresh', body: { refresh_token: other.body.refresh_token } })).status).toBe(200);
  });

  it('switches org only to an org the caller belongs to', async () => {
    const login = await callFunction('auth-dev', { body: { persona: 'member-a' } });
    const bad = await callFunction('auth-session', { path: '/switch-org', token: login.body.access_token, body: { org_id: SEED.orgB } });
    expect(bad.status).toBe(403);
    const same = await callFunction('auth-session', { path: '/switch-org', token: login.body.access_token, body: { org_id: SEED.orgA } });
    expect(same.status).toBe(200);
  });

  it('card-claim needs a signed-in user', async () => {
    const res = await callFunction('card-claim', { body: { org: 'demo', device_id: device(), fields: {} } });
    expect(res.status).toBe(401);
  });
});
