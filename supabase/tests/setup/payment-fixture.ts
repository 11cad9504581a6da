// A fresh org for payment tests: a payment admin (super admin), a cards-only
// admin, members, one merchant with an operator, and helpers to add stalls
// and fund wallets through the real RPCs (the ledger accepts nothing else).
import { randomUUID } from 'node:crypto';
import { mintAccessToken } from '../../functions/_shared/tokens.ts';
import { adminDb, stackInfo } from './personas.ts';

export interface PayPerson { memberId: string; accountId: string; token: string; name: string }

export interface PaymentOrg {
  orgId: string;
  departmentId: string;
  admin: PayPerson;
  cardsAdmin: PayPerson;
  operator: PayPerson;
  merchantId: string;
  person(name: string, opts?: { identity?: string; departmentId?: string }): Promise<PayPerson>;
  stall(pricing: Record<string, unknown>, name?: string): Promise<string>;
  /** Credits the cash wallet through a top-up order (console channel). */
  topUp(member: PayPerson, amountFen: number): Promise<void>;
  /** Grants subsidy (fen) or count tickets through a one-off daily plan run. */
  grant(member: PayPerson, wallet: 'subsidy' | 'count', amount: number): Promise<void>;
}

const q = async (sql: string, params: unknown[] = []) => (await adminDb().query(sql, params)).rows;

/** Runs SQL as the service role would (auth.role() = 'service_role'). */
export async function asService<T = Record<string, any>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = await adminDb().connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('request.jwt.claims', '{"role":"service_role"}', true)`);
    const { rows } = await client.query(sql, params);
    await client.query('commit');
    return rows as T[];
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

export async function createPaymentOrg(label = '支付测试'): Promise<PaymentOrg> {
  const [org] = await q(`insert into orgs (name, slug) values ($1, $2) returning id`, [label, `pay-${randomUUID().slice(0, 8)}`]);
  const [dept] = await q(`insert into departments (org_id, name) values ($1, '食堂测试部') returning id`, [org.id]);
  const person = async (name: string, opts: { identity?: string; departmentId?: string } = {}): Promise<PayPerson> => {
    const [account] = await q(`insert into accounts (display_name) values ($1) returning id`, [name]);
    const [member] = await q(
      `insert into members (org_id, account_id, name, department_id, identity, claimed_at) values ($1, $2, $3, $4, $5, now()) returning id`,
      [org.id, account.id, name, opts.departmentId ?? dept.id, opts.identity ?? null]);
    const token = (await mintAccessToken({ accountId: account.id, orgId: org.id, memberId: member.id }, stackInfo().jwtSecret, 900)).access_token;
    return { memberId: member.id, accountId: account.id, token, name };
  };
  const admin = await person('支付管理员');
  const cardsAdmin = await person('卡务管理员');
  const operator = await person('收银员');
  const [superGroup] = await q(`insert into admin_groups (org_id, name, is_super) values ($1, '超级管理员', true) returning id`, [org.id]);
  const [cardsGroup] = await q(`insert into admin_groups (org_id, name, functions) values ($1, '卡务', '{cards}') returning id`, [org.id]);
  await q(`insert into admin_group_members (org_id, group_id, member_id) values ($1, $2, $3), ($1, $4, $5)`,
    [org.id, superGroup.id, admin.memberId, cardsGroup.id, cardsAdmin.memberId]);
  await q(`insert into admin_group_departments (org_id, group_id, department_id) values ($1, $2, $3)`, [org.id, cardsGroup.id, dept.id]);
  const [merchant] = await q(`insert into merchants (org_id, name, wechat_sub_mchid) values ($1, '测试食堂', '1900000199') returning id`, [org.id]);
  await q(`insert into merchant_operators (org_id, merchant_id, member_id) values ($1, $2, $3)`, [org.id, merchant.id, operator.memberId]);

  return {
    orgId: org.id, departmentId: dept.id, admin, cardsAdmin, operator, merchantId: merchant.id, person,
    stall: async (pricing, name = `档口-${randomUUID().slice(0, 6)}`) =>
      (await q(`insert into stalls (org_id, merchant_id, name, pricing) values ($1, $2, $3, $4) returning id`,
        [org.id, merchant.id, name, JSON.stringify(pricing)]))[0].id,
    topUp: async (member, amountFen) => {
      const no = `T${randomUUID().replace(/-/g, '').slice(0, 20)}`;
      await asService(`select public.topup_create($1, $2, $3, $4)`, [org.id, member.accountId, no, amountFen]);
      await asService(`select public.topup_credit($1, $2, $3, null, now(), 'test')`, [no, `TX${no}`, amountFen]);
    },
    grant: async (member, wallet, amount) => {
      // A one-off daily plan whose audience is an identity only this member has.
      const marker = `g${randomUUID().slice(0, 8)}`;
      await q(`update members set identity = $2 where id = $1`, [member.memberId, marker]);
      const [plan] = await q(
        `insert into subsidy_plans (org_id, name, wallet, amount, cadence, expires_at_period_end, audience)
         values ($1, $2, $3, $4, 'daily', false, jsonb_build_object('identities', jsonb_build_array($2::text))) returning id`,
        [org.id, marker, wallet, amount]);
      await asService(`select public.subsidy_run($1)`, [org.id]);
      await q(`update subsidy_plans set active = false where id = $1`, [plan.id]);
      await q(`update members set identity = null where id = $1`, [member.memberId]);
    },
  };
}

/** The member's wallet balances straight from the ledger accounts. */
export async function balances(orgId: string, memberId: string) {
  const rows = await q(`select wallet, balance from ledger_accounts where org_id = $1 and member_id = $2 and kind = 'wallet'`, [orgId, memberId]);
  const of = (w: string) => Number(rows.find((r) => r.wallet === w)?.balance ?? 0);
  return { subsidy: of('subsidy'), cash: of('cash'), count: of('count') };
}

export async function ledgerCheck(orgId: string) {
  const [row] = await asService(`select public.ledger_check($1) as r`, [orgId]);
  return row!.r as { ok: boolean; unbalanced_transactions: string[]; mismatched_wallets: unknown[] };
}

export async function ledgerCounts(orgId: string) {
  const [row] = await q(`select (select count(*) from ledger_transactions where org_id = $1)::int as tx,
                                (select count(*) from ledger_entries where org_id = $1)::int as entries`, [orgId]);
  return row as { tx: number; entries: number };
}
