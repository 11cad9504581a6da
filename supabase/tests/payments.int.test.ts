// Canteen payment through the gateway: pricing quote and payment (pay),
// idempotent retries, 100 parallel payments on one wallet, limits re-checked
// in the database, refunds with permissions, subsidies granted and zeroed,
// reports, the ledger check, and bad input that must leave the ledger alone.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { callFunction } from './setup/accounts.ts';
import { rpcAs } from './setup/devices.ts';
import {
  type PaymentOrg, type PayPerson, asService, balances, createPaymentOrg, ledgerCheck, ledgerCounts,
} from './setup/payment-fixture.ts';
import { adminDb, clientAs } from './setup/personas.ts';

const q = async (sql: string, params: unknown[] = []) => (await adminDb().query(sql, params)).rows;
const pay = (person: PayPerson, body: Record<string, unknown>) => callFunction('pay', { token: person.token, body });
const quote = (person: PayPerson, stallId: string, amountFen?: number) =>
  callFunction('pay', { token: person.token, method: 'GET', path: `?stall_id=${stallId}${amountFen ? `&amount_fen=${amountFen}` : ''}` });

let org: PaymentOrg;
let freeStall: string;
let fixedStall: string;
let countStall: string;

beforeAll(async () => {
  org = await createPaymentOrg();
  freeStall = await org.stall({ mode: 'free', limits: { perPaymentMaxFen: 10_000 } }, '自选');
  fixedStall = await org.stall({ mode: 'fixed', fixedFen: 1500 }, '套餐');
  countStall = await org.stall({ mode: 'count', countPerUse: 1 }, '面点');
});

describe('pay (scan a collection code)', () => {
  it('quotes without booking, then pays subsidy first and cash after, returning the new balances', async () => {
    const alice = await org.person('爱丽丝');
    await org.grant(alice, 'subsidy', 1000);
    await org.topUp(alice, 5000);
    const before = await ledgerCounts(org.orgId);

    const preview = await quote(alice, fixedStall);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.quote).toMatchObject({ ok: true, payFen: 1500, split: { subsidyFen: 1000, cashFen: 500 } });
    expect(preview.body.explain['zh-CN'].length).toBeGreaterThan(0);
    expect(await ledgerCounts(org.orgId)).toEqual(before);

    const res = await pay(alice, { stall_id: fixedStall, request_id: randomUUID() });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      replayed: false, amount_fen: 1500, paid: { subsidy_fen: 1000, cash_fen: 500, count: 0, overdraft_fen: 0 },
      balances: { subsidy_fen: 0, cash_fen: 4500, count: 0 }, stall: { name: '套餐' },
    });
    expect(await balances(org.orgId, alice.memberId)).toEqual({ subsidy: 0, cash: 4500, count: 0 });
    const entries = await q(`select a.kind, a.wallet, e.amount::int from ledger_entries e join ledger_accounts a on a.id = e.account_id
                              where e.transaction_id = $1 order by e.amount`, [res.body.transaction_id]);
    expect(entries).toEqual([
      { kind: 'wallet', wallet: 'subsidy', amount: -1000 },
      { kind: 'wallet', wallet: 'cash', amount: -500 },
      { kind: 'merchant', wallet: null, amount: 1500 },
    ]);
    expect((await ledgerCheck(org.orgId)).ok).toBe(true);
  });

  it('a retry with the same request id returns the first payment and charges nothing more, even once the balance is spent', async () => {
    const bob = await org.person('鲍勃');
    await org.topUp(bob, 1500);
    const requestId = randomUUID();
    const first = await pay(bob, { stall_id: fixedStall, request_id: requestId });
    expect(first.status).toBe(200);
    const again = await pay(bob, { stall_id: fixedStall, request_id: requestId });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ transaction_id: first.body.transaction_id, replayed: true, amount_fen: 1500 });
    expect(await balances(org.orgId, bob.memberId)).toMatchObject({ cash: 0 });
    // The same id for a different payment is a conflict, not a second charge.
    await org.topUp(bob, 5000);
    const other = await pay(bob, { stall_id: freeStall, amount_fen: 200, request_id: requestId });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('request_id_reused');
    expect(await balances(org.orgId, bob.memberId)).toMatchObject({ cash: 5000 });
  });

  it('100 parallel payments against one wallet never overdraw it, and the ledger balances', async () => {
    const carol = await org.person('卡罗尔');
    await org.topUp(carol, 3000); // enough for exactly 30 payments of 1 yuan
    const results = await Promise.all(Array.from({ length: 100 }, () =>
      pay(carol, { stall_id: freeStall, amount_fen: 100, request_id: randomUUID() })));
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status !== 200);
    expect(ok).toHaveLength(30);
    expect(refused.every((r) => r.status === 402 && r.body.error.code === 'insufficient_balance')).toBe(true);
    expect(await balances(org.orgId, carol.memberId)).toEqual({ subsidy: 0, cash: 0, count: 0 });
    const [sum] = await q(`select count(*)::int as n, sum(amount_fen)::int as total from ledger_transactions where member_id = $1 and kind = 'payment'`, [carol.memberId]);
    expect(sum).toEqual({ n: 30, total: 3000 });
    const check = await ledgerCheck(org.orgId);
    expect(check).toEqual({ ok: true, unbalanced_transactions: [], mismatched_wallets: [] });
  });

  it('count stalls redeem tickets; an empty ticket wallet is refused', async () => {
    const dan = await org.person('丹');
    await org.grant(dan, 'count', 1);
    const res = await pay(dan, { stall_id: countStall, request_id: randomUUID() });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ amount_fen: 0, paid: { count: 1 }, balances: { count: 0 } });
    const again = await pay(dan, { stall_id: countStall, request_id: randomUUID() });
    expect(again.status).toBe(402);
    expect(again.body.error.code).toBe('insufficient_count');
  });

  it('discounts by identity apply, and the quote explains them', async () => {
    const stall = await org.stall({
      mode: 'fixed', fixedFen: 2000,
      adjustments: [{ id: 'staff', label: '教职工八折', kind: 'discount', rateBp: 2000, match: { identities: ['教职工'] } }],
    });
    const teacher = await org.person('老师', { identity: '教职工' });
    const guest = await org.person('访客');
    await org.topUp(teacher, 5000);
    await org.topUp(guest, 5000);
    const t = await pay(teacher, { stall_id: stall, request_id: randomUUID() });
    const g = await pay(guest, { stall_id: stall, request_id: randomUUID() });
    expect(t.body).toMatchObject({ amount_fen: 1600, list_fen: 2000, adjustments: [{ id: 'staff', deltaFen: -400 }] });
    expect(g.body).toMatchObject({ amount_fen: 2000, adjustments: [] });
    const explained = await quote(teacher, stall);
    expect(explained.body.explain['zh-CN'].join('\n')).toContain('教职工八折');
  });

  it('the daily limit is enforced by the database under concurrency, not only by the quote', async () => {
    const stall = await org.stall({ mode: 'free', limits: { perDayFen: 1000 } });
    const erin = await org.person('艾琳');
    await org.topUp(erin, 10_000);
    // Each quote alone is under the limit; together they are not.
    const results = await Promise.all(Array.from({ length: 10 }, () =>
      pay(erin, { stall_id: stall, amount_fen: 300, request_id: randomUUID() })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'day_limit')).toBe(true);
    expect(await balances(org.orgId, erin.memberId)).toMatchObject({ cash: 9100 });
  });

  it('refuses bad input with a clear error and leaves the ledger unchanged', async () => {
    const frank = await org.person('弗兰克');
    await org.topUp(frank, 1000);
    const before = await ledgerCounts(org.orgId);
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ stall_id: freeStall, amount_fen: -100, request_id: randomUUID() }, 400, 'invalid_body'],
      [{ stall_id: freeStall, amount_fen: 12.5, request_id: randomUUID() }, 400, 'invalid_body'],
      [{ stall_id: freeStall, amount_fen: '100', request_id: randomUUID() }, 400, 'invalid_body'],
      [{ stall_id: freeStall, request_id: randomUUID() }, 400, 'amount_required'],
      [{ stall_id: freeStall, amount_fen: 20_000, request_id: randomUUID() }, 409, 'over_payment_max'],
      [{ stall_id: randomUUID(), amount_fen: 100, request_id: randomUUID() }, 404, 'stall_unavailable'],
      [{ stall_id: 'not-a-uuid', amount_fen: 100, request_id: randomUUID() }, 400, 'invalid_body'],
      [{ stall_id: freeStall, amount_fen: 100, request_id: 'x' }, 400, 'invalid_request_id'],
      [{ stall_id: freeStall, amount_fen: 5000, request_id: randomUUID() }, 402, 'insufficient_balance'],
    ];
    for (const [body, status, code] of cases) {
      const res = await pay(frank, body);
      expect(res.status, JSON.stringify({ body, res: res.body })).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message.length).toBeGreaterThan(5);
    }
    // Another org's stall is unknown here.
    const otherOrg = await createPaymentOrg('别家');
    const foreignStall = await otherOrg.stall({ mode: 'free' });
    const foreign = await pay(frank, { stall_id: foreignStall, amount_fen: 100, request_id: randomUUID() });
    expect(foreign.status).toBe(404);
    // A deactivated stall takes no payments.
    await q(`update stalls set active = false where id = $1`, [fixedStall]);
    const closed = await pay(frank, { stall_id: fixedStall, request_id: randomUUID() });
    await q(`update stalls set active = true where id = $1`, [fixedStall]);
    expect(closed.status).toBe(404);
    expect(await ledgerCounts(org.orgId)).toEqual(before);
    expect(await balances(org.orgId, frank.memberId)).toMatchObject({ cash: 1000 });
  });

  it('the ledger cannot be written or rewritten through the API, even with the service role', async () => {
    const [tx] = await q(`select id from ledger_transactions where org_id = $1 limit 1`, [org.orgId]);
    await expect(q(`update ledger_entries set amount = amount + 1 where transaction_id = $1`, [tx.id])).rejects.toThrow(/append-only/);
    await expect(q(`delete from ledger_transactions where id = $1`, [tx.id])).rejects.toThrow(/append-only/);
    await expect(asService(`set local role service_role; insert into ledger_entries (org_id, transaction_id, account_id, amount)
      select org_id, transaction_id, account_id, 1 from ledger_entries where transaction_id = '${tx.id}' limit 1`)).rejects.toThrow(/permission denied/);
    const admin = await clientAs('superAdminA');
    const { error } = await admin.from('ledger_transactions').update({ amount_fen: 1 }).eq('id', tx.id);
    expect(error).not.toBeNull();
  });
});

describe('refunds', () => {
  it('partial then full refunds go back cash first, never more than was paid, each audited', async () => {
    const gina = await org.person('吉娜');
    await org.grant(gina, 'subsidy', 1000);
    await org.topUp(gina, 1000);
    const paid = await pay(gina, { stall_id: fixedStall, request_id: randomUUID() });
    expect(paid.body.paid).toMatchObject({ subsidy_fen: 1000, cash_fen: 500 });
    const refund = (amount: number, reason = '菜品问题', person: { token: string } = org.admin) =>
      rpcAs(person, 'payment_refund', { p_transaction: paid.body.transaction_id, p_amount_fen: amount, p_count: 0, p_reason: reason, p_request_id: randomUUID() });

    const part = await refund(700);
    expect(part.status, JSON.stringify(part.body)).toBe(200);
    expect(part.body).toMatchObject({ amount_fen: 700, cash_fen: 500, subsidy_fen: 200 });
    expect(await balances(org.orgId, gina.memberId)).toMatchObject({ subsidy: 200, cash: 1000 });

    const tooMuch = await refund(900);
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.code).toBe('YM407');
    expect(tooMuch.body.message).toContain('800');
    const noReason = await refund(100, ' ');
    expect(noReason.body.code).toBe('YM407');

    // A member cannot refund; a cards-only admin cannot; the merchant's operator can (same day).
    expect((await refund(100, '退款', gina)).body.code).toBe('42501');
    expect((await refund(100, '退款', org.cardsAdmin)).body.code).toBe('42501');
    const byOperator = await refund(800, '整单退', org.operator);
    expect(byOperator.status, JSON.stringify(byOperator.body)).toBe(200);
    expect(await balances(org.orgId, gina.memberId)).toMatchObject({ subsidy: 1000, cash: 1000 });
    const audit = await q(`select action, after from audit_log where action = 'payment.refund' and after->>'refund_of' = $1`, [paid.body.transaction_id]);
    expect(audit).toHaveLength(2);
    expect((await ledgerCheck(org.orgId)).ok).toBe(true);
  });
});

describe('subsidies', () => {
  it('grants once per period, zeroes the leftover when the period ends, all as ledger entries', async () => {
    const subOrg = await createPaymentOrg('补贴测试');
    const stall = await subOrg.stall({ mode: 'free' });
    const [plan] = await q(`insert into subsidy_plans (org_id, name, wallet, amount, cadence, expires_at_period_end)
      values ($1, '月度餐补', 'subsidy', 30000, 'monthly', true) returning id`, [subOrg.orgId]);
    const november = '2026-11-10T04:00:00Z';
    const first = await asService(`select public.subsidy_run($1, $2) as r`, [subOrg.orgId, november]);
    expect(first[0]!.r.granted).toEqual([{ plan_id: plan.id, period: '2026-11', members: 3, total: 90000 }]);
    const again = await asService(`select public.subsidy_run($1, $2) as r`, [subOrg.orgId, november]);
    expect(again[0]!.r).toEqual({ granted: [], expired: [] });
    expect(await balances(subOrg.orgId, subOrg.admin.memberId)).toMatchObject({ subsidy: 30000 });

    const spent = await pay(subOrg.admin, { stall_id: stall, amount_fen: 12000, request_id: randomUUID() });
    expect(spent.status).toBe(200);
    const december = await asService(`select public.subsidy_run($1, $2) as r`, [subOrg.orgId, '2026-12-01T01:00:00Z']);
    expect(december[0]!.r.expired).toEqual([{ plan_id: plan.id, period: '2026-11', members: 3, total: 18000 + 30000 * 2 }]);
    expect(december[0]!.r.granted).toEqual([{ plan_id: plan.id, period: '2026-12', members: 3, total: 90000 }]);
    expect(await balances(subOrg.orgId, subOrg.admin.memberId)).toMatchObject({ subsidy: 30000 });
    const kinds = await q(`select kind, count(*)::int as n from ledger_transactions where org_id = $1 group by kind order by kind`, [subOrg.orgId]);
    expect(kinds).toEqual([{ kind: 'payment', n: 1 }, { kind: 'subsidy_grant', n: 6 }, { kind: 'subsidy_expiry', n: 3 }]);
    expect((await ledgerCheck(subOrg.orgId)).ok).toBe(true);
    // Only payment admins may run it by hand.
    expect((await rpcAs(subOrg.cardsAdmin, 'subsidy_run', { p_org: subOrg.orgId })).body.code).toBe('42501');
    // A plan that granted cannot be deleted (deactivate it instead).
    await expect(q(`delete from subsidy_plans where id = $1`, [plan.id])).rejects.toThrow(/foreign key/);
  });
});

describe('reports and permissions', () => {
  it('the settlement report sums payments and refunds per merchant; the operator sees only their merchant', async () => {
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const report = await rpcAs(org.admin, 'payment_settlement_report', { p_org: org.orgId, p_from: from, p_to: to });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const [row] = report.body;
    const [truth] = await q(`select sum(case when kind = 'refund' then -amount_fen else amount_fen end)::int as net
      from ledger_transactions where org_id = $1 and kind in ('payment', 'offline_payment', 'refund')`, [org.orgId]);
    expect(row).toMatchObject({ merchant_id: org.merchantId, net_fen: truth.net });
    expect(row.payment_fen - row.refund_fen).toBe(row.net_fen);
    const mine = await rpcAs(org.operator, 'payment_settlement_report', { p_org: org.orgId, p_from: from, p_to: to, p_merchant: org.merchantId });
    expect(mine.status).toBe(200);
    expect((await rpcAs(org.operator, 'payment_settlement_report', { p_org: org.orgId, p_from: from, p_to: to })).body.code).toBe('42501');
    expect((await rpcAs(org.cardsAdmin, 'payment_daily_series', { p_org: org.orgId, p_from: from, p_to: to })).body.code).toBe('42501');
  });

  it('an admin without the payment function reads no payment data through PostgREST; members read only their own', async () => {
    const { apiUrl, anonKey } = await import('./setup/personas.ts').then((m) => m.stackInfo());
    const read = async (token: string, table: string) => {
      const res = await fetch(`${apiUrl}/rest/v1/${table}?org_id=eq.${org.orgId}&select=*`, { headers: { apikey: anonKey, authorization: `Bearer ${token}` } });
      return (await res.json()) as Array<Record<string, unknown>>;
    };
    for (const table of ['ledger_transactions', 'ledger_entries', 'ledger_accounts', 'topup_orders', 'payment_flags', 'subsidy_plans', 'subsidy_runs']) {
      expect(await read(org.cardsAdmin.token, table), table).toEqual([]);
      if (table !== 'payment_flags') expect((await read(org.admin.token, table)).length, table).toBeGreaterThan(0);
    }
    const mine = await read(org.operator.token, 'ledger_transactions');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((t) => t.merchant_id === org.merchantId || t.member_id === org.operator.memberId)).toBe(true);
    const someone = await org.person('旁人');
    await org.topUp(someone, 100);
    const own = await read(someone.token, 'ledger_transactions');
    expect(own.map((t) => t.member_id)).toEqual([someone.memberId]);
    expect((await read(someone.token, 'ledger_accounts')).every((a) => a.member_id === someone.memberId)).toBe(true);
  });
});

describe('payment-explain', () => {
  it('tells an admin what a member would pay at a stall at a given time, and refuses others', async () => {
    const stall = await org.stall({
      mode: 'fixed', fixedFen: 1500, openWindows: [{ start: '11:00', end: '13:30' }],
      adjustments: [{ id: 'lunch', label: '午餐优惠', kind: 'discount', amountFen: 300, window: { start: '11:00', end: '12:00' } }],
    });
    const hank = await org.person('汉克');
    await org.topUp(hank, 5000);
    const at = (time: string) => `?member_id=${hank.memberId}&stall_id=${stall}&at=${encodeURIComponent(`2026-11-25T${time}:00+08:00`)}`;
    const noon = await callFunction('payment-explain', { token: org.admin.token, method: 'GET', path: at('11:30') });
    expect(noon.status, JSON.stringify(noon.body)).toBe(200);
    expect(noon.body).toMatchObject({ local: { date: '2026-11-25', time: '11:30' }, quote: { ok: true, payFen: 1200 } });
    expect(noon.body.explain['zh-CN'].join('\n')).toContain('午餐优惠');
    const evening = await callFunction('payment-explain', { token: org.admin.token, method: 'GET', path: at('18:00') });
    expect(evening.body.quote).toMatchObject({ ok: false, reason: 'closed' });
    const denied = await callFunction('payment-explain', { token: org.cardsAdmin.token, method: 'GET', path: at('11:30') });
    expect(denied.status).toBe(403);
  });
});

describe('org deletion', () => {
  it('an org with a ledger still deletes cleanly (the append-only guard lets the cascade through)', async () => {
    const gone = await createPaymentOrg('将被删除');
    const p = await gone.person('临时');
    await gone.topUp(p, 100);
    await q(`delete from orgs where id = $1`, [gone.orgId]);
    expect(await q(`select 1 from ledger_transactions where org_id = $1`, [gone.orgId])).toEqual([]);
  });
});
