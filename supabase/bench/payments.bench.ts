// Canteen payments through the gateway, and the end-of-day settlement report.
// - pay: 8 concurrent phones POST /functions/v1/pay (JWT check, one RPC for
//   the pricing context, the shared pricing engine, one RPC that locks the
//   wallet, re-checks and books the double entries). 1,000 members, each
//   funded by a subsidy grant through subsidy_run. Target: over 300/s, p99
//   under 100 ms on 2 cores.
// - report: payment_settlement_report over a day holding 100,000 payment
//   transactions (20 merchants), called through PostgREST as a payment admin.
//   Target: under 2 s. The 100,000 rows are inserted in bulk as the
//   superuser (the report only reads transactions; booking them one by one
//   through the RPC is what the pay phase measures).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { mintAccessToken } from '../functions/_shared/tokens.ts';
import type { RunningStack } from '../local/stack.ts';
import { measure, type LoadResult } from './load.ts';

const MEMBERS = 1000;
const CONCURRENCY = 8;
const REPORT_ROWS = 100_000;

async function setUp(stack: RunningStack) {
  const db = new pg.Client({ connectionString: stack.adminDbUrl });
  await db.connect();
  try {
    const orgId = randomUUID();
    await db.query(`insert into orgs (id, name, slug) values ($1, '支付压测', $2)`, [orgId, `pay-${orgId.slice(0, 8)}`]);
    const dept = (await db.query(`insert into departments (org_id, name) values ($1, '压测部') returning id`, [orgId])).rows[0].id;
    const accounts = (await db.query(`insert into accounts (display_name) select '压测' || i from generate_series(1, $1) i returning id`, [MEMBERS])).rows.map((r) => r.id as string);
    const members = (await db.query(
      `insert into members (org_id, account_id, name, department_id, claimed_at)
       select $1, a, '员工' || n, $3, now() from unnest($2::uuid[]) with ordinality as t(a, n) returning id, account_id`,
      [orgId, accounts, dept])).rows as Array<{ id: string; account_id: string }>;
    const admin = members[0]!;
    const group = (await db.query(`insert into admin_groups (org_id, name, is_super) values ($1, '超管', true) returning id`, [orgId])).rows[0].id;
    await db.query(`insert into admin_group_members (org_id, group_id, member_id) values ($1, $2, $3)`, [orgId, group, admin.id]);
    const merchants = (await db.query(`insert into merchants (org_id, name) select $1, '食堂' || i from generate_series(1, 20) i returning id`, [orgId])).rows.map((r) => r.id as string);
    const stall = (await db.query(`insert into stalls (org_id, merchant_id, name, pricing) values ($1, $2, '自选', '{"mode":"free","limits":{"perPaymentMaxFen":10000}}') returning id`,
      [orgId, merchants[0]])).rows[0].id as string;
    await db.query(`insert into subsidy_plans (org_id, name, amount, cadence, expires_at_period_end) values ($1, '压测补贴', 10000000, 'monthly', false)`, [orgId]);
    await db.query('begin');
    await db.query(`select set_config('request.jwt.claims', '{"role":"service_role"}', true)`);
    await db.query(`select public.subsidy_run($1)`, [orgId]);
    await db.query('commit');
    const tokens = await Promise.all(members.map(async (m) =>
      (await mintAccessToken({ accountId: m.account_id, orgId, memberId: m.id }, stack.keys.jwtSecret, 3600)).access_token));
    return { orgId, stall, merchants, tokens, adminToken: tokens[0]!, members };
  } finally {
    await db.end();
  }
}

async function fillDay(stack: RunningStack, orgId: string, merchants: string[], memberIds: string[]) {
  const db = new pg.Client({ connectionString: stack.adminDbUrl });
  await db.connect();
  try {
    const t0 = performance.now();
    await db.query(
      `insert into ledger_transactions (org_id, kind, request_id, member_id, merchant_id, amount_fen, subsidy_fen, cash_fen, created_at)
       select $1, 'payment', 'bench-payment-' || i, ($3::uuid[])[1 + i % cardinality($3::uuid[])], ($2::uuid[])[1 + i % cardinality($2::uuid[])],
              500 + i % 1500, 500 + i % 1500, 0, date_trunc('day', now() - interval '1 day') + (i % 86400) * interval '1 second'
         from generate_series(1, $4) i`,
      [orgId, merchants, memberIds, REPORT_ROWS]);
    await db.query('analyze ledger_transactions');
    return performance.now() - t0;
  } finally {
    await db.end();
  }
}

export async function benchPayments(stack: RunningStack, durationMs: number): Promise<{ load: LoadResult[]; report: { rows: number; fillMs: number; p50Ms: number; maxMs: number; merchants: number } }> {
  const t0 = performance.now();
  const { orgId, stall, merchants, tokens, adminToken, members } = await setUp(stack);
  console.log(`  set up ${MEMBERS} funded members in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const headers = (token: string) => ({ apikey: stack.keys.anonKey, authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const pay = await measure({
    name: `pay: POST /functions/v1/pay (${CONCURRENCY} concurrent)`,
    concurrency: CONCURRENCY,
    durationMs,
    request: async (i) => {
      const res = await fetch(`${stack.apiUrl}/functions/v1/pay`, {
        method: 'POST', headers: headers(tokens[i % tokens.length]!),
        body: JSON.stringify({ stall_id: stall, amount_fen: 100 + (i % 50), request_id: randomUUID() }),
      });
      await res.arrayBuffer();
      return res.ok;
    },
  });

  const fillMs = await fillDay(stack, orgId, merchants, members.map((m) => m.id));
  const from = new Date(Date.now() - 3 * 86400_000).toISOString();
  const to = new Date(Date.now() + 86400_000).toISOString();
  const times: number[] = [];
  let merchantRows = 0;
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    const res = await fetch(`${stack.apiUrl}/rest/v1/rpc/payment_settlement_report`, {
      method: 'POST', headers: headers(adminToken), body: JSON.stringify({ p_org: orgId, p_from: from, p_to: to }),
    });
    const rows = (await res.json()) as unknown[];
    if (!res.ok) throw new Error(`report failed: ${JSON.stringify(rows)}`);
    times.push(performance.now() - started);
    merchantRows = rows.length;
  }
  times.sort((a, b) => a - b);
  return { load: [pay], report: { rows: REPORT_ROWS, fillMs, p50Ms: times[5]!, maxMs: times[9]!, merchants: merchantRows } };
}
