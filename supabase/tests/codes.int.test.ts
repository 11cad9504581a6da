// Dynamic codes end to end through the gateway: enrolment (code-enroll),
// verifier sync (code-keys, code-revocations) and online verification
// (code-verify) by a gate's API key and by a guard, with the refusals that
// matter: tampered, replayed, revoked credential, revoked member, unbound,
// rotated and compromised issuer keys, another org's gate, missing scope.
import { randomUUID } from 'node:crypto';
import {
  RevocationList,
  Scope,
  base64urlDecode,
  base64urlEncode,
  decodeCodeText,
  encodeCodeText,
  generateKeyPair,
  issuerKeyFromJson,
  keyIdFromPublicKey,
  makeCode,
  parseCredential,
} from '@yima/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { mintAccessToken } from '../functions/_shared/tokens.ts';
import { callFunction } from './setup/accounts.ts';
import { deviceCall, enroll, newPoint as newDevicePoint, nextCode, rpcAs } from './setup/devices.ts';
import { adminDb, stackInfo } from './setup/personas.ts';

const db = () => adminDb();
const q = async (sql: string, params: unknown[] = []) => (await db().query(sql, params)).rows;

interface Org { id: string; departmentId: string }
interface Person { memberId: string; accountId: string; token: string }

async function newOrg(label: string): Promise<Org> {
  const [org] = await q(`insert into orgs (name, slug) values ($1, $2) returning id`, [label, `code-${randomUUID().slice(0, 8)}`]);
  const [dept] = await q(`insert into departments (org_id, name) values ($1, '门禁测试部') returning id`, [org.id]);
  return { id: org.id, departmentId: dept.id };
}

async function newPerson(org: Org, name: string): Promise<Person> {
  const [account] = await q(`insert into accounts (display_name) values ($1) returning id`, [name]);
  const [member] = await q(
    `insert into members (org_id, account_id, name, department_id, claimed_at) values ($1, $2, $3, $4, now()) returning id`,
    [org.id, account.id, name, org.departmentId]);
  const token = (await mintAccessToken({ accountId: account.id, orgId: org.id, memberId: member.id }, stackInfo().jwtSecret, 600)).access_token;
  return { memberId: member.id, accountId: account.id, token };
}

async function makeSuperAdmin(org: Org, person: Person) {
  const [group] = await q(`insert into admin_groups (org_id, name, is_super) values ($1, '超级管理员', true) returning id`, [org.id]);
  await q(`insert into admin_group_members (org_id, group_id, member_id) values ($1, $2, $3)`, [org.id, group.id, person.memberId]);
}

const newPoint = (org: Org, admin: Person, requiredScopes = 0) => newDevicePoint(org.id, admin, { requiredScopes });

const verifyAt = (apiKey: string, code: string) => deviceCall('code-verify', apiKey, { body: { code } });

let org: Org;
let otherOrg: Org;
let admin: Person;
let alice: Person;
let gate: { id: string; apiKey: string };

beforeAll(async () => {
  org = await newOrg('门禁测试公司');
  otherOrg = await newOrg('隔壁公司');
  admin = await newPerson(org, '管理员甲');
  await makeSuperAdmin(org, admin);
  alice = await newPerson(org, '爱丽丝');
  gate = await newPoint(org, admin);
});

describe('code-enroll', () => {
  it('signs a credential for the member and device key, creating the org issuer key (and a standby) on first use', async () => {
    const device = generateKeyPair();
    const phone = await enroll(alice, device);
    const c = parseCredential(phone.credential).fields;
    expect(c).toMatchObject({ kind: 'member', orgId: org.id, memberId: alice.memberId, credentialId: phone.credentialId, stepSeconds: 30, offlineCapFen: 20000 });
    expect(Buffer.from(c.devicePublicKey!).equals(Buffer.from(device.publicKey))).toBe(true);
    const now = Date.now() / 1000;
    expect(c.expiresAt).toBeGreaterThan(now + 72 * 3600 - 60);
    expect(c.expiresAt).toBeLessThan(now + 72 * 3600 + 60);
    expect(c.notBefore).toBeLessThan(now);
    expect(c.scopes & Scope.door).toBe(Scope.door);
    expect(phone.enrolment).toMatchObject({ step_seconds: 30, expires_at: c.expiresAt, member_id: alice.memberId });

    // The ring the phone receives: the signing key plus a standby, both active, ids matching their keys.
    const keys = (phone.enrolment.issuer_keys as unknown[]).map((k) => issuerKeyFromJson(k));
    expect(keys).toHaveLength(2);
    expect(keys.every((k) => k.status === 'active' && k.orgId === org.id)).toBe(true);
    expect(keys.map((k) => k.keyId)).toContain(c.issuerKeyId);
    expect(keys.find((k) => k.keyId === c.issuerKeyId)!.keyId).toBe(keyIdFromPublicKey(keys.find((k) => k.keyId === c.issuerKeyId)!.publicKey));

    // The database computed the same key id as the SDK, and keeps the secret encrypted.
    const rows = await q(`select key_id, signing, position(substring(secret_cipher from 1 for 8) in secret_cipher) as p from app_private.issuer_keys where org_id = $1 order by created_at`, [org.id]);
    expect(rows.map((r) => Number(r.key_id))).toEqual(keys.map((k) => k.keyId));
    expect(rows.filter((r) => r.signing)).toHaveLength(1);
    const [stored] = await q(`select member_id, card_id, key_id, revoked_at from credentials where id = $1`, [phone.credentialId]);
    expect(stored).toMatchObject({ member_id: alice.memberId, card_id: c.cardId, revoked_at: null });
    expect(Number(stored.key_id)).toBe(c.issuerKeyId);
    // A default card was created lazily.
    const [card] = await q(`select name from cards where id = $1 and org_id = $2`, [c.cardId, org.id]);
    expect(card.name).toBe('员工卡');
  });

  it('re-enrolling the same device key replaces and revokes the previous credential', async () => {
    const device = generateKeyPair();
    const first = await enroll(alice, device);
    const second = await enroll(alice, device);
    expect(second.credentialId).not.toBe(first.credentialId);
    const [old] = await q(`select revoke_reason from credentials where id = $1`, [first.credentialId]);
    expect(old.revoke_reason).toBe('replaced');
    expect((await verifyAt(gate.apiKey, nextCode(first))).body).toMatchObject({ ok: false, reason: 'revoked' });
    expect((await verifyAt(gate.apiKey, nextCode(second))).body).toMatchObject({ ok: true });
  });

  it('refuses a caller who is not an active bound member, and a bad device key', async () => {
    const [account] = await q(`insert into accounts (display_name) values ('路人') returning id`);
    const stranger = (await mintAccessToken({ accountId: account.id, orgId: org.id }, stackInfo().jwtSecret, 600)).access_token;
    const res = await callFunction('code-enroll', { token: stranger, body: { device_public_key: base64urlEncode(generateKeyPair().publicKey) } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('not_enrollable');
    const bad = await callFunction('code-enroll', { token: alice.token, body: { device_public_key: 'zz' } });
    expect(bad.status).toBe(400);
    const anon = await callFunction('code-enroll', { body: { device_public_key: base64urlEncode(generateKeyPair().publicKey) } });
    expect(anon.status).toBe(401);
  });
});

describe('code-verify (online)', () => {
  it('accepts a valid code, names the member and records the access event', async () => {
    const phone = await enroll(alice);
    const code = nextCode(phone);
    const res = await verifyAt(gate.apiKey, code);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, credential_id: phone.credentialId, member: { name: '爱丽丝', department: '门禁测试部', photo: null } });
    const events = await q(`select ok, reason, mode, point_id, member_id, counter from access_events where org_id = $1 and credential_id = $2`, [org.id, phone.credentialId]);
    expect(events).toEqual([{ ok: true, reason: null, mode: 'online', point_id: gate.id, member_id: alice.memberId, counter: String(phone.counter) }]);
  });

  it('refuses a replay (same counter twice), also when both arrive at once', async () => {
    const phone = await enroll(alice);
    const code = nextCode(phone);
    expect((await verifyAt(gate.apiKey, code)).body.ok).toBe(true);
    expect((await verifyAt(gate.apiKey, code)).body).toMatchObject({ ok: false, reason: 'replayed', member: { name: '爱丽丝' } });
    // The next counter is a new code and passes.
    expect((await verifyAt(gate.apiKey, nextCode(phone))).body.ok).toBe(true);
    // Concurrent presentations of one code: exactly one wins (unique index, not process memory).
    const code2 = nextCode(phone);
    const results = await Promise.all(Array.from({ length: 6 }, () => verifyAt(gate.apiKey, code2)));
    expect(results.filter((r) => r.body.ok).length).toBe(1);
    expect(results.filter((r) => r.body.reason === 'replayed').length).toBe(5);
  });

  it('refuses tampered codes without naming anyone', async () => {
    const phone = await enroll(alice);
    const bytes = decodeCodeText(nextCode(phone));
    const flip = (offset: number) => { const b = bytes.slice(); b[offset]! ^= 1; return encodeCodeText(b); };
    const inCredential = await verifyAt(gate.apiKey, flip(30)); // member id inside the issuer-signed body
    expect(inCredential.body).toEqual({ ok: false, reason: 'bad_issuer_signature' });
    const inDeviceSignature = await verifyAt(gate.apiKey, flip(bytes.length - 5));
    expect(inDeviceSignature.body).toMatchObject({ ok: false, reason: 'bad_device_signature' });
    expect((await verifyAt(gate.apiKey, 'not a code')).body).toEqual({ ok: false, reason: 'malformed' });
    const [event] = await q(`select ok, reason, member_id from access_events where org_id = $1 and reason = 'bad_issuer_signature' order by id desc limit 1`, [org.id]);
    expect(event).toEqual({ ok: false, reason: 'bad_issuer_signature', member_id: null });
  });

  it('refuses a credential revoked by an admin (lost phone) and publishes it in the revocation delta', async () => {
    const bob = await newPerson(org, '鲍勃');
    const phone = await enroll(bob);
    expect((await verifyAt(gate.apiKey, nextCode(phone))).body.ok).toBe(true);
    const before = await deviceCall('code-revocations', gate.apiKey, { method: 'GET', path: `?org=${org.id}&since=0` });
    expect(before.status).toBe(200);
    const list = new RevocationList();
    list.apply(before.body);
    expect(list.isCredentialRevoked(phone.credentialId)).toBe(false);

    const revoked = await rpcAs(admin, 'admin_revoke_credentials', { p_member_ids: [bob.memberId], p_reason: 'lost_device' });
    expect(revoked).toEqual({ status: 200, body: 1 });
    expect((await verifyAt(gate.apiKey, nextCode(phone))).body).toMatchObject({ ok: false, reason: 'revoked', credential_id: phone.credentialId });

    const delta = await deviceCall('code-revocations', gate.apiKey, { method: 'GET', path: `?org=${org.id}&since=${list.version}` });
    expect(delta.body.since).toBe(list.version);
    expect(delta.body.entries).toEqual([
      expect.objectContaining({ op: 'revoke', target: 'credential', id: phone.credentialId, until: parseCredential(phone.credential).fields.expiresAt }),
    ]);
    list.apply(delta.body);
    expect(list.isCredentialRevoked(phone.credentialId)).toBe(true);
    // Lost phone only: bob stays active and can enrol a new phone.
    const newPhone = await enroll(bob);
    expect((await verifyAt(gate.apiKey, nextCode(newPhone))).body.ok).toBe(true);
  });

  it('refuses a revoked (blacklisted) member: member entry published, status disabled, no new enrolment', async () => {
    const carol = await newPerson(org, '卡罗尔');
    const phone = await enroll(carol);
    const res = await rpcAs(admin, 'admin_revoke_credentials', { p_member_ids: [carol.memberId], p_reason: 'blacklist' });
    expect(res.body).toBe(1);
    expect((await verifyAt(gate.apiKey, nextCode(phone))).body).toMatchObject({ ok: false, reason: 'revoked' });
    const [m] = await q(`select status from members where id = $1`, [carol.memberId]);
    expect(m.status).toBe('disabled');
    const delta = await deviceCall('code-revocations', gate.apiKey, { method: 'GET', path: `?org=${org.id}&since=0` });
    const list = new RevocationList();
    list.apply(delta.body);
    expect(list.isMemberRevoked(carol.memberId)).toBe(true);
    const again = await callFunction('code-enroll', { token: carol.token, body: { device_public_key: base64urlEncode(generateKeyPair().publicKey) } });
    expect(again.status).toBe(403);
  });

  it('refuses a member who was unbound (admin_unbind_members revokes through the trigger)', async () => {
    const dave = await newPerson(org, '戴夫');
    const phone = await enroll(dave);
    expect((await rpcAs(admin, 'admin_unbind_members', { p_member_ids: [dave.memberId] })).body).toBe(1);
    expect((await verifyAt(gate.apiKey, nextCode(phone))).body).toMatchObject({ ok: false, reason: 'revoked' });
    const [c] = await q(`select revoke_reason from credentials where id = $1`, [phone.credentialId]);
    expect(c.revoke_reason).toBe('unbound');
  });

  it('refuses a member made inactive even before any revocation entry syncs (live status)', async () => {
    const erin = await newPerson(org, '艾琳');
    const phone = await enroll(erin);
    // Bypass the trigger to prove the live member check on its own.
    await q(`set session_replication_role = replica; update members set status = 'disabled' where id = '${erin.memberId}'; set session_replication_role = origin;`);
    expect((await verifyAt(gate.apiKey, nextCode(phone))).body).toMatchObject({ ok: false, reason: 'member_inactive' });
  });

  it('refuses at another org\'s gate (wrong_org) without naming the member', async () => {
    const otherAdmin = await newPerson(otherOrg, '隔壁管理员');
    await makeSuperAdmin(otherOrg, otherAdmin);
    const otherGate = await newPoint(otherOrg, otherAdmin);
    const phone = await enroll(alice);
    const res = await verifyAt(otherGate.apiKey, nextCode(phone));
    expect(res.body.ok).toBe(false);
    expect(['wrong_org', 'unknown_key']).toContain(res.body.reason);
    expect(res.body.member).toBeUndefined();
    expect(res.body.credential_id).toBeUndefined();
    // And an API key cannot read another org's keys.
    expect((await deviceCall('code-keys', otherGate.apiKey, { method: 'GET', path: `?org=${org.id}` })).status).toBe(403);
  });

  it('enforces the point\'s required scopes', async () => {
    const visitorGate = await newPoint(org, admin, Scope.visitor);
    const phone = await enroll(alice);
    expect((await verifyAt(visitorGate.apiKey, nextCode(phone))).body).toMatchObject({ ok: false, reason: 'scope_denied' });
  });

  it('refuses an unknown API key, and a deactivated point', async () => {
    expect((await verifyAt('ymp_nope', 'YM1:X')).status).toBe(401);
    const p = await newPoint(org, admin);
    const phone = await enroll(alice);
    await q(`update verification_points set active = false where id = $1`, [p.id]);
    const res = await verifyAt(p.apiKey, nextCode(phone));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('point_inactive');
  });

  it('lets a guard with the cards function verify with their JWT, not a plain member', async () => {
    const phone = await enroll(alice);
    const asGuard = await callFunction('code-verify', { token: admin.token, body: { code: nextCode(phone), point_id: gate.id } });
    expect(asGuard.body).toMatchObject({ ok: true, member: { name: '爱丽丝' } });
    const [event] = await q(`select verified_by from access_events where org_id = $1 and credential_id = $2 and ok`, [org.id, phone.credentialId]);
    expect(event.verified_by).toBe(admin.accountId);
    const asMember = await callFunction('code-verify', { token: alice.token, body: { code: nextCode(phone) } });
    expect(asMember.status).toBe(403);
    const anon = await callFunction('code-verify', { body: { code: nextCode(phone) } });
    expect(anon.status).toBe(401);
  });
});

describe('issuer key rotation', () => {
  it('keeps old credentials verifying after a planned rotation; a compromised rotation refuses them', async () => {
    const rotOrg = await newOrg('轮换公司');
    const boss = await newPerson(rotOrg, '老板');
    await makeSuperAdmin(rotOrg, boss);
    const frank = await newPerson(rotOrg, '弗兰克');
    const rotGate = await newPoint(rotOrg, boss);
    const oldPhone = await enroll(frank);
    const k1 = parseCredential(oldPhone.credential).fields.issuerKeyId;
    expect((await verifyAt(rotGate.apiKey, nextCode(oldPhone))).body.ok).toBe(true);

    // A plain member may not rotate.
    expect((await rpcAs(frank, 'admin_rotate_issuer_key', { p_org: rotOrg.id })).status).toBe(403);
    const rotated = await rpcAs(boss, 'admin_rotate_issuer_key', { p_org: rotOrg.id });
    expect(rotated.status).toBe(200);
    expect(Number(rotated.body.previous_key_id)).toBe(k1);
    const k2 = Number(rotated.body.signing_key_id);
    expect(k2).not.toBe(k1);
    // The new signing key was the standby, which the first enrolment already published.
    expect((oldPhone.enrolment.issuer_keys as Array<{ keyId: string }>).map((k) => parseInt(k.keyId, 16))).toContain(k2);

    // Old credential still verifies (K1 drains until its credentials expire); new enrolments use K2.
    expect((await verifyAt(rotGate.apiKey, nextCode(oldPhone))).body.ok).toBe(true);
    const newPhone = await enroll(frank);
    expect(parseCredential(newPhone.credential).fields.issuerKeyId).toBe(k2);
    expect((await verifyAt(rotGate.apiKey, nextCode(newPhone))).body.ok).toBe(true);
    const keys = await deviceCall('code-keys', rotGate.apiKey, { method: 'GET', path: `?org=${rotOrg.id}` });
    const ring = (keys.body.keys as unknown[]).map((k) => issuerKeyFromJson(k));
    const old = ring.find((k) => k.keyId === k1)!;
    expect(old.status).toBe('active');
    expect(old.notAfter).toBe(parseCredential(oldPhone.credential).fields.expiresAt);
    expect(ring.find((k) => k.keyId === k2)!.status).toBe('active');
    // Members read the ring too.
    expect((await callFunction('code-keys', { token: frank.token, method: 'GET', path: `?org=${rotOrg.id}` })).body.keys).toHaveLength(ring.length);

    // Compromise of K2: retired at once, its credentials are refused; K1 (draining) still works.
    const burned = await rpcAs(boss, 'admin_rotate_issuer_key', { p_org: rotOrg.id, p_compromised: true });
    expect(Number(burned.body.previous_key_id)).toBe(k2);
    expect((await verifyAt(rotGate.apiKey, nextCode(newPhone))).body).toMatchObject({ ok: false, reason: 'key_retired' });
    expect((await verifyAt(rotGate.apiKey, nextCode(oldPhone))).body.ok).toBe(true);
    const after = await deviceCall('code-keys', rotGate.apiKey, { method: 'GET', path: `?org=${rotOrg.id}` });
    expect(after.body.keys.find((k: { keyId: string }) => parseInt(k.keyId, 16) === k2).status).toBe('retired');
    // The phone re-enrols onto the next key.
    const renewed = await enroll(frank, newPhone.device);
    expect([k1, k2]).not.toContain(parseCredential(renewed.credential).fields.issuerKeyId);
    expect((await verifyAt(rotGate.apiKey, nextCode(renewed))).body.ok).toBe(true);
  });
});

describe('verifier sync access', () => {
  it('code-keys and code-revocations need a point key or a member of the org', async () => {
    expect((await deviceCall('code-keys', null, { method: 'GET', path: `?org=${org.id}` })).status).toBe(401);
    const [account] = await q(`insert into accounts (display_name) values ('外人') returning id`);
    const token = (await mintAccessToken({ accountId: account.id }, stackInfo().jwtSecret, 600)).access_token;
    expect((await callFunction('code-revocations', { token, method: 'GET', path: `?org=${org.id}` })).status).toBe(403);
    expect((await callFunction('code-revocations', { token: alice.token, method: 'GET', path: `?org=${org.id}&since=0` })).status).toBe(200);
    expect((await deviceCall('code-revocations', gate.apiKey, { method: 'GET', path: '?since=-1' })).status).toBe(400);
  });
});

describe('schema guards', () => {
  it('card names are immutable, the revocation log is append-only, and an org still deletes cleanly', async () => {
    const o = await newOrg('删除测试');
    const boss = await newPerson(o, '老板乙');
    await makeSuperAdmin(o, boss);
    const phone = await enroll(boss);
    const cardId = parseCredential(phone.credential).fields.cardId;
    await expect(q(`update cards set name = '改名' where id = $1`, [cardId])).rejects.toMatchObject({ code: 'YM201' });
    await q(`update cards set subtitle = '副标题' where id = $1`, [cardId]);
    expect((await rpcAs(boss, 'admin_revoke_credentials', { p_member_ids: [boss.memberId], p_reason: 'lost_device' })).body).toBe(1);
    const [entry] = await q(`select seq from revocations where org_id = $1 order by seq desc limit 1`, [o.id]);
    await expect(q(`update revocations set reason = 'x' where seq = $1`, [entry.seq])).rejects.toMatchObject({ code: 'YM202' });
    await expect(q(`delete from revocations where seq = $1`, [entry.seq])).rejects.toMatchObject({ code: 'YM202' });
    expect((await rpcAs(boss, 'admin_revoke_credentials', { p_member_ids: [boss.memberId], p_reason: 'stolen' })).status).toBe(400);
    // Deleting a member logs a member-level revocation (its credentials vanish with it).
    const gone = await newPerson(o, '离开者');
    await enroll(gone);
    await q(`delete from members where id = $1`, [gone.memberId]);
    const [deleted] = await q(`select target, reason from revocations where org_id = $1 and target_id = $2`, [o.id, gone.memberId]);
    expect(deleted).toEqual({ target: 'member', reason: 'deleted' });
    // (Members first: deleting an org whose members sit outside 未分组 fails in the
    // tenancy triggers today, independently of codes; reported.)
    await q(`delete from members where org_id = $1`, [o.id]);
    await q(`delete from orgs where id = $1`, [o.id]);
    expect(await q(`select 1 from revocations where org_id = $1`, [o.id])).toHaveLength(0);
    expect(await q(`select 1 from app_private.issuer_keys where org_id = $1`, [o.id])).toHaveLength(0);
  });
});

describe('access rules and attendance', () => {
  it('applies allow/deny rules per point, department, member and local time window', async () => {
    const ruleOrg = await newOrg('通行规则公司');
    const boss = await newPerson(ruleOrg, '规则管理员');
    await makeSuperAdmin(ruleOrg, boss);
    const bob = await newPerson(ruleOrg, '鲍勃');
    const door = await newPoint(ruleOrg, boss);
    const phone = await enroll(bob);
    const verdict = async () => (await verifyAt(door.apiKey, nextCode(phone))).body;

    // No rules: every valid code passes.
    expect(await verdict()).toMatchObject({ ok: true });
    // An allow rule for another department makes the door restricted.
    const [other] = await q(`insert into departments (org_id, name) values ($1, '别的部门') returning id`, [ruleOrg.id]);
    await q(`insert into access_rules (org_id, name, point_id, department_id) values ($1, '仅别的部门', $2, $3)`, [ruleOrg.id, door.id, other.id]);
    expect(await verdict()).toMatchObject({ ok: false, reason: 'access_denied' });
    // Allowing Bob's department (a subtree rule) opens it for him.
    await q(`insert into access_rules (org_id, name, department_id) values ($1, '本部门全天', $2)`, [ruleOrg.id, ruleOrg.departmentId]);
    expect(await verdict()).toMatchObject({ ok: true });
    // Outside a rule's weekdays it does not count.
    const [{ dow }] = await q(`select extract(isodow from now() at time zone 'Asia/Shanghai')::int as dow`);
    await q(`update access_rules set weekdays = $2 where org_id = $1 and name = '本部门全天'`, [ruleOrg.id, [dow === 1 ? 2 : 1]]);
    expect(await verdict()).toMatchObject({ ok: false, reason: 'access_denied' });
    await q(`update access_rules set weekdays = '{1,2,3,4,5,6,7}' where org_id = $1 and name = '本部门全天'`, [ruleOrg.id]);
    // A deny rule for Bob himself wins over any allow.
    await q(`insert into access_rules (org_id, name, member_id, effect) values ($1, '禁止鲍勃', $2, 'deny')`, [ruleOrg.id, bob.memberId]);
    expect(await verdict()).toMatchObject({ ok: false, reason: 'access_denied' });
    // Rules are managed through the API by card admins only.
    const denied = await rpcAs(bob, 'attendance_daily', { p_org: ruleOrg.id, p_from: '2026-01-01', p_until: '2026-01-02' });
    expect(denied.status).toBe(403);
  });

  it('summarises first and last pass per person per local day', async () => {
    const attOrg = await newOrg('考勤公司');
    const boss = await newPerson(attOrg, '考勤管理员');
    await makeSuperAdmin(attOrg, boss);
    const carol = await newPerson(attOrg, '卡罗尔');
    const gateA = await newPoint(attOrg, boss);
    const phone = await enroll(carol);
    for (let i = 0; i < 3; i++) expect((await verifyAt(gateA.apiKey, nextCode(phone))).body.ok).toBe(true);
    const [{ today }] = await q(`select (now() at time zone 'Asia/Shanghai')::date::text as today`);
    const res = await rpcAs(boss, 'attendance_daily', { p_org: attOrg.id, p_from: today, p_until: today });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ day: today, member_name: '卡罗尔', passes: 3, department_name: '门禁测试部' });
    expect(new Date(res.body[0].last_pass).getTime()).toBeGreaterThanOrEqual(new Date(res.body[0].first_pass).getTime());
    const tooLong = await rpcAs(boss, 'attendance_daily', { p_org: attOrg.id, p_from: '2026-01-01', p_until: '2026-12-31' });
    expect(tooLong.status).toBe(400);
  });
});

describe('code-upload (offline logs)', () => {
  it('re-verifies each code at the reported time, records it once, and rejects what it cannot authenticate', async () => {
    const upOrg = await newOrg('离线上传公司');
    const boss = await newPerson(upOrg, '上传管理员');
    await makeSuperAdmin(upOrg, boss);
    const dan = await newPerson(upOrg, '丹');
    const bus = await newPoint(upOrg, boss);
    const phone = await enroll(dan);
    // Two minutes ago: after the credential's notBefore (enrolment minus 5 minutes).
    const at = Math.floor(Date.now() / 1000) - 120;
    phone.counter += 1;
    const seen = makeCode({ credential: phone.credential, deviceSecretKey: phone.device.secretKey, now: at, counter: phone.counter }).text;
    const upload = (events: unknown[], key = bus.apiKey) => deviceCall('code-upload', key, { body: { events } });

    const first = await upload([{ code: seen, at, result: 'accepted' }]);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ recorded: 1, duplicates: 0, rejected: [] });
    const [event] = await q(`select mode, ok, member_id, extract(epoch from at)::bigint as at from access_events where org_id = $1 and mode = 'offline'`, [upOrg.id]);
    expect(event).toMatchObject({ mode: 'offline', ok: true, member_id: dan.memberId });
    expect(Number(event.at)).toBe(at);

    const again = await upload([{ code: seen, at, result: 'accepted' }]);
    expect(again.body).toEqual({ recorded: 0, duplicates: 1, rejected: [] });

    const tampered = seen.slice(0, -3) + (seen.endsWith('A') ? 'BBB' : 'AAA');
    const future = await upload([{ code: tampered, at, result: 'accepted' }, { code: seen, at: at + 7200, result: 'accepted' }]);
    expect(future.body.recorded).toBe(0);
    expect(future.body.rejected.map((r: { index: number }) => r.index)).toEqual([0, 1]);

    const noKey = await deviceCall('code-upload', null, { body: { events: [{ code: seen, at, result: 'accepted' }] } });
    expect(noKey.status).toBe(401);
    const otherGate = await newPoint(otherOrg, admin).catch(() => null);
    if (otherGate) {
      const foreign = await upload([{ code: seen, at, result: 'accepted' }], otherGate.apiKey);
      expect(foreign.body.recorded).toBe(0);
    }
  });
});

describe('card design and media', () => {
  it('uploads a checked image, attaches it to a card, and serves it publicly', async () => {
    const png = Buffer.alloc(64);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    png.writeUInt32BE(1000, 16);
    png.writeUInt32BE(600, 20);
    const up = await rpcAs(admin, 'admin_upload_media', { p_org: org.id, p_purpose: 'card_cover', p_base64: png.toString('base64') });
    expect(up.status).toBe(200);
    const gif = await rpcAs(admin, 'admin_upload_media', { p_org: org.id, p_purpose: 'card_cover', p_base64: Buffer.from('GIF89a0000').toString('base64') });
    expect(gif.body.code).toBe('YM220');
    const member = await rpcAs(alice, 'admin_upload_media', { p_org: org.id, p_purpose: 'card_cover', p_base64: png.toString('base64') });
    expect(member.status).toBe(403);

    const [card] = await q(`insert into cards (org_id, name, cover_media_id, info_items) values ($1, $2, $3, $4) returning id`,
      [org.id, `设计卡-${randomUUID().slice(0, 4)}`, up.body, JSON.stringify([{ label: '手册', url: 'https://example.com' }])]);
    expect(card.id).toBeTruthy();
    const tooMany = await q(`update cards set entries = $2 where id = $1 returning id`, [card.id, JSON.stringify([{}, {}, {}])]).catch((e) => e);
    expect((tooMany as { code: string }).code).toBe('23514');

    const { apiUrl } = stackInfo();
    const res = await fetch(`${apiUrl}/functions/v1/media/${up.body}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    expect((await fetch(`${apiUrl}/functions/v1/media/${randomUUID()}`)).status).toBe(404);
  });
});

describe('card targeting', () => {
  it('issues a targeted card only to members of its departments or tags', async () => {
    const tOrg = await newOrg('定向发卡公司');
    const boss = await newPerson(tOrg, '发卡管理员');
    await makeSuperAdmin(tOrg, boss);
    const eve = await newPerson(tOrg, '伊芙');
    const [otherDept] = await q(`insert into departments (org_id, name) values ($1, '外包部') returning id`, [tOrg.id]);
    const [card] = await q(`insert into cards (org_id, name, targeting) values ($1, '外包卡', $2) returning id`, [tOrg.id, JSON.stringify({ departments: [otherDept.id] })]);
    const device = generateKeyPair();
    const refused = await callFunction('code-enroll', { token: eve.token, body: { device_public_key: base64urlEncode(device.publicKey) } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('card_not_for_member');
    const [tag] = await q(`insert into tags (org_id, name) values ($1, '外包') returning id`, [tOrg.id]);
    await q(`update cards set targeting = $2 where id = $1`, [card.id, JSON.stringify({ departments: [otherDept.id], tags: [tag.id] })]);
    await q(`insert into tag_members (org_id, tag_id, member_id) values ($1, $2, $3)`, [tOrg.id, tag.id, eve.memberId]);
    const ok = await callFunction('code-enroll', { token: eve.token, body: { device_public_key: base64urlEncode(device.publicKey) } });
    expect(ok.status).toBe(200);
    expect(parseCredential(base64urlDecode(ok.body.credential)).fields.cardId).toBe(card.id);
  });
});

describe('risk events (screenshot reports)', () => {
  it('a member reports screenshots of their own code page, unless the org turned reporting off', async () => {
    const { apiUrl, anonKey } = stackInfo();
    const report = () => fetch(`${apiUrl}/rest/v1/risk_events`, {
      method: 'POST',
      headers: { apikey: anonKey, authorization: `Bearer ${alice.token}`, 'content-type': 'application/json', prefer: 'return=minimal' },
      body: JSON.stringify({ org_id: org.id, member_id: alice.memberId, kind: 'screenshot', detail: { page: 'card' } }),
    });
    expect((await report()).status).toBe(201);
    await q(`update code_settings set screenshot_report = false where org_id = $1`, [org.id]);
    expect((await report()).status).toBe(403);
    await q(`update code_settings set screenshot_report = true where org_id = $1`, [org.id]);
    const [{ n }] = await q(`select count(*)::int as n from risk_events where org_id = $1 and member_id = $2`, [org.id, alice.memberId]);
    expect(n).toBe(1);
  });
});
