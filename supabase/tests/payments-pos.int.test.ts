// Paying with the dynamic code: a POS (API key) or a merchant operator's
// phone charges a member's code (pos-charge), and a POS that was offline
// uploads what it accepted (pos-offline-upload): idempotent by the code,
// never charged twice, overdrafts booked and flagged, forgeries refused.
import { randomUUID } from 'node:crypto';
import { decodeCodeText, encodeCodeText } from '@yima/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { callFunction } from './setup/accounts.ts';
import { type Phone, deviceCall, enroll, newPoint, nextCode } from './setup/devices.ts';
import { type PaymentOrg, type PayPerson, balances, createPaymentOrg, ledgerCheck, ledgerCounts } from './setup/payment-fixture.ts';
import { adminDb } from './setup/personas.ts';

const q = async (sql: string, params: unknown[] = []) => (await adminDb().query(sql, params)).rows;

let org: PaymentOrg;
let stall: string;
let pos: { id: string; apiKey: string };

beforeAll(async () => {
  org = await createPaymentOrg('刷码测试');
  stall = await org.stall({ mode: 'free', limits: { perPaymentMaxFen: 50_000 } }, '收银台');
  pos = await newPoint(org.orgId, org.admin, { kind: 'pos', stallId: stall });
});

async function payer(name: string, cashFen: number): Promise<{ person: PayPerson; phone: Phone }> {
  const person = await org.person(name);
  if (cashFen) await org.topUp(person, cashFen);
  return { person, phone: await enroll(person) };
}

const charge = (code: string, amountFen: number, apiKey = pos.apiKey) => deviceCall('pos-charge', apiKey, { body: { code, amount_fen: amountFen } });

describe('pos-charge', () => {
  it('charges a verified code at the POS once; the same code again returns the first charge', async () => {
    const { person, phone } = await payer('刷码甲', 2000);
    const code = nextCode(phone);
    const first = await charge(code, 800);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ replayed: false, amount_fen: 800, member: { id: person.memberId, name: '刷码甲' }, balances: { cash_fen: 1200 } });
    const again = await charge(code, 800);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ transaction_id: first.body.transaction_id, replayed: true });
    const next = await charge(nextCode(phone), 200);
    expect(next.body.balances.cash_fen).toBe(1000);
    expect(await balances(org.orgId, person.memberId)).toMatchObject({ cash: 1000 });
    const [tx] = await q(`select point_id, detail->>'source' as source from ledger_transactions where id = $1`, [first.body.transaction_id]);
    expect(tx).toEqual({ point_id: pos.id, source: 'pos' });
    const events = await q(`select ok from access_events where point_id = $1 and member_id = $2`, [pos.id, person.memberId]);
    expect(events.filter((e) => e.ok)).toHaveLength(2);
  });

  it('refuses tampered, revoked and stale codes without charging', async () => {
    const { person, phone } = await payer('刷码乙', 2000);
    const before = await ledgerCounts(org.orgId);
    const bytes = decodeCodeText(nextCode(phone));
    bytes[bytes.length - 1]! ^= 1;
    const tampered = await charge(encodeCodeText(bytes), 100);
    expect(tampered.status).toBe(403);
    expect(tampered.body.error.code).toMatch(/^code_bad_/);
    const stale = await charge(nextCode(phone, Date.now() / 1000 - 600), 100);
    expect(stale.status).toBe(403);
    expect(stale.body.error.code).toMatch(/^code_/);
    await q(`update members set status = 'left' where id = $1`, [person.memberId]);
    const gone = await charge(nextCode(phone), 100);
    expect(gone.status).toBe(403);
    expect(['code_revoked', 'code_member_inactive']).toContain(gone.body.error.code);
    expect(await ledgerCounts(org.orgId)).toEqual(before);
  });

  it('lets a merchant operator charge from the phone for their stall only; a POS without a stall cannot charge', async () => {
    const { person, phone } = await payer('刷码丙', 1000);
    const byOperator = await callFunction('pos-charge', { token: org.operator.token, body: { code: nextCode(phone), amount_fen: 300, stall_id: stall } });
    expect(byOperator.status, JSON.stringify(byOperator.body)).toBe(200);
    expect(byOperator.body.balances.cash_fen).toBe(700);
    const stranger = await org.person('路人');
    const denied = await callFunction('pos-charge', { token: stranger.token, body: { code: nextCode(phone), amount_fen: 300, stall_id: stall } });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('not_operator');
    const gate = await newPoint(org.orgId, org.admin, { kind: 'gate' });
    const unbound = await charge(nextCode(phone), 100, gate.apiKey);
    expect(unbound.status).toBe(404);
    expect(unbound.body.error.message).toContain('not bound to a stall');
    expect(await balances(org.orgId, person.memberId)).toMatchObject({ cash: 700 });
  });
});

describe('pos-offline-upload (double-offline)', () => {
  it('settles each accepted code once, books and flags overdrafts, refuses forgeries, and a re-upload changes nothing', async () => {
    const { person, phone } = await payer('离线甲', 500);
    const t0 = Math.floor(Date.now() / 1000) - 3600;
    const a = nextCode(phone, t0);
    const b = nextCode(phone, t0 + 60);
    const forged = decodeCodeText(nextCode(phone, t0 + 120));
    forged[forged.length - 1]! ^= 1;
    const batch = [
      { code: a, amount_fen: 300, at: t0 },
      { code: b, amount_fen: 400, at: t0 + 60 },
      { code: a, amount_fen: 300, at: t0 },
      { code: encodeCodeText(forged), amount_fen: 900, at: t0 + 120 },
      { code: 'YM1:not-a-code', amount_fen: 100, at: t0 + 130 },
    ];
    const up = await deviceCall('pos-offline-upload', pos.apiKey, { body: { payments: batch } });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body).toMatchObject({ settled: 2, duplicates: 1, overdrafts: 1 });
    expect(up.body.rejected.map((r: { index: number }) => r.index)).toEqual([3, 4]);
    expect(await balances(org.orgId, person.memberId)).toMatchObject({ cash: 0 });
    const flags = await q(`select kind, amount_fen::int from payment_flags where org_id = $1 and (member_id = $2 or member_id is null) order by id`, [org.orgId, person.memberId]);
    expect(flags).toEqual([
      { kind: 'overdraft', amount_fen: 200 },
      { kind: 'rejected_upload', amount_fen: 900 },
      { kind: 'rejected_upload', amount_fen: 100 },
    ]);
    const before = await ledgerCounts(org.orgId);
    const again = await deviceCall('pos-offline-upload', pos.apiKey, { body: { payments: batch.slice(0, 2) } });
    expect(again.body).toMatchObject({ settled: 0, duplicates: 2, overdrafts: 0 });
    expect(await ledgerCounts(org.orgId)).toEqual(before);
    // The shortfall sits on the overdraft account; everything still balances.
    const [over] = await q(`select sum(e.amount)::int as total from ledger_entries e join ledger_accounts a on a.id = e.account_id
                            where a.org_id = $1 and a.kind = 'overdraft'`, [org.orgId]);
    expect(over.total).toBe(-200);
    expect((await ledgerCheck(org.orgId)).ok).toBe(true);
  });

  it('a code charged online and then uploaded from the offline queue is charged once', async () => {
    const { person, phone } = await payer('离线乙', 1000);
    const code = nextCode(phone);
    expect((await charge(code, 250)).status).toBe(200);
    const up = await deviceCall('pos-offline-upload', pos.apiKey, { body: { payments: [{ code, amount_fen: 250, at: Math.floor(Date.now() / 1000) }] } });
    expect(up.body).toMatchObject({ settled: 0, duplicates: 1 });
    expect(await balances(org.orgId, person.memberId)).toMatchObject({ cash: 750 });
  });

  it('rejects bad batches with a clear error', async () => {
    const bad = await deviceCall('pos-offline-upload', pos.apiKey, { body: { payments: [{ code: 'x', amount_fen: -1, at: 1 }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_body');
    const noKey = await deviceCall('pos-offline-upload', null, { body: { payments: [] } });
    expect(noKey.status).toBe(401);
    const wrongKey = await deviceCall('pos-offline-upload', `ymp_${randomUUID().replace(/-/g, '')}`, { body: { payments: [] } });
    expect(wrongKey.status).toBe(401);
  });
});
