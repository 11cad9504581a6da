-- Canteen payment (食堂收款, 商户管理, 支付模块): merchants and their stalls
-- (档口, each with a pricing rule: shared/src/pricing), meal periods, POS
-- devices (verification points bound to a stall), member wallets and an
-- append-only double-entry ledger in integer fen, subsidy plans, WeChat Pay
-- top-up orders, profit-sharing (分账) orders and offline overdraft flags.
-- RPCs are in 20261125060100_create_payment_rpcs.sql.
--
-- The ledger: every movement of money is one ledger_transactions row and two
-- or more ledger_entries whose amounts sum to zero per unit (fen, or count
-- tickets). Accounts: a member's wallets (subsidy, cash, count), merchants'
-- takings, and per-org system accounts (subsidy source, WeChat Pay top-up
-- clearing, expiry, offline overdraft receivable). Wallet balances are a
-- cache kept by app_private.ledger_post under the wallet's row lock and
-- checked against the entries by public.ledger_check(); other accounts are
-- summed from their entries (no hot row for a busy merchant).
-- Only SECURITY DEFINER functions write the ledger: no API role, not even
-- service_role, may insert, update or delete ledger rows.
-- Error codes raised here: YM406 the ledger is append-only.

-- ---------------------------------------------------------------- types
create type public.wallet_kind as enum ('subsidy', 'cash', 'count');
comment on type public.wallet_kind is 'A member''s wallets: subsidy (granted by plans, may expire), cash (WeChat Pay top-ups), count (meal tickets for count-based stalls).';
create type public.ledger_unit as enum ('fen', 'count');
create type public.ledger_account_kind as enum ('wallet', 'merchant', 'subsidy_source', 'topup', 'expiry', 'overdraft');
comment on type public.ledger_account_kind is 'wallet: a member''s; merchant: a merchant''s takings; subsidy_source: where grants come from; topup: WeChat Pay clearing; expiry: where zeroed subsidies go; overdraft: offline payments a wallet could not cover (owed by the member).';
create type public.ledger_tx_kind as enum ('payment', 'offline_payment', 'refund', 'topup', 'subsidy_grant', 'subsidy_expiry', 'adjustment');

alter table public.members add column identity text check (identity is null or length(btrim(identity)) between 1 and 20);
comment on column public.members.identity is 'Identity type for pricing and portal visibility (e.g. 教职工, 学生, 外包); free text per org.';

-- ---------------------------------------------------------------- merchants, stalls, meal periods
create table public.merchants (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 50),
  contact_name text check (contact_name is null or length(contact_name) <= 50),
  contact_phone text check (contact_phone is null or contact_phone ~ '^1[3-9][0-9]{9}$'),
  wechat_sub_mchid text check (wechat_sub_mchid is null or wechat_sub_mchid ~ '^[0-9]{8,12}$'),
  share_rate_bp integer not null default 10000 check (share_rate_bp between 0 and 10000),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, name)
);
comment on table public.merchants is 'Canteens and partner shops that take payments. Money flows to the org''s WeChat Pay merchant account and is split (分账) to each merchant''s sub-merchant id.';
comment on column public.merchants.wechat_sub_mchid is 'The merchant''s WeChat Pay merchant id, the profit-sharing receiver; null = settled offline.';
comment on column public.merchants.share_rate_bp is 'Share of the merchant''s net cash takings paid out by profit sharing, in basis points (10000 = all).';

create table public.merchant_operators (
  org_id uuid not null,
  merchant_id uuid not null,
  member_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (merchant_id, member_id),
  foreign key (org_id, merchant_id) references public.merchants(org_id, id) on delete cascade,
  foreign key (org_id, member_id) references public.members(org_id, id) on delete cascade
);
comment on table public.merchant_operators is 'Members who collect for a merchant (mini-program merchant pages: show collection code, scan codes, today''s takings).';
create index merchant_operators_member on public.merchant_operators (org_id, member_id);

create table public.stalls (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  merchant_id uuid not null,
  name text not null check (length(btrim(name)) between 1 and 50),
  pricing jsonb not null default '{"mode":"free"}' check (jsonb_typeof(pricing) = 'object' and pricing ? 'mode'),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, merchant_id, name),
  foreign key (org_id, merchant_id) references public.merchants(org_id, id) on delete cascade
);
comment on table public.stalls is 'Stalls (档口) of a merchant; each has its own collection code and pricing rule.';
comment on column public.stalls.pricing is 'StallPricing (shared/src/pricing/types.ts): mode fixed|free|count|limited, price, open windows, discounts/premiums, limits, wallet order. Validated by the edge functions with StallPricingSchema.';
create index stalls_org_merchant on public.stalls (org_id, merchant_id);

create table public.meal_periods (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 20),
  starts time not null,
  ends time not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, name),
  check (starts < ends)
);
comment on table public.meal_periods is 'Meal periods (早餐, 午餐, 晚餐) in the org''s local time; per-meal limits and reports use them.';

alter table public.verification_points add column stall_id uuid;
alter table public.verification_points add constraint verification_points_stall_fk
  foreign key (org_id, stall_id) references public.stalls(org_id, id) on delete set null (stall_id);
comment on column public.verification_points.stall_id is 'For a POS: the stall it collects for (its pricing rule applies).';

-- ---------------------------------------------------------------- ledger
create table public.ledger_accounts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  kind public.ledger_account_kind not null,
  unit public.ledger_unit not null,
  member_id uuid,
  wallet public.wallet_kind,
  merchant_id uuid,
  balance bigint not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  check ((kind = 'wallet') = (member_id is not null and wallet is not null)),
  check ((kind = 'merchant') = (merchant_id is not null)),
  check (kind <> 'wallet' or balance >= 0),
  check (kind = 'wallet' or balance = 0),
  check (unit = case when wallet = 'count' then 'count'::public.ledger_unit when kind = 'wallet' then 'fen'::public.ledger_unit else unit end),
  foreign key (org_id, merchant_id) references public.merchants(org_id, id) on delete restrict
);
comment on table public.ledger_accounts is 'Ledger accounts. Wallet balances are a cache of their entries (checked by ledger_check, never negative); other accounts keep balance 0 and are summed from entries. member_id has no foreign key: a deleted member''s money stays on the books.';
create unique index ledger_accounts_wallet on public.ledger_accounts (org_id, member_id, wallet) where kind = 'wallet';
create unique index ledger_accounts_merchant on public.ledger_accounts (org_id, merchant_id, unit) where kind = 'merchant';
create unique index ledger_accounts_system on public.ledger_accounts (org_id, kind, unit) where kind not in ('wallet', 'merchant');

create table public.ledger_transactions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  kind public.ledger_tx_kind not null,
  request_id text not null check (length(request_id) between 8 and 120),
  member_id uuid,
  merchant_id uuid,
  stall_id uuid,
  point_id uuid,
  meal_period_id uuid,
  amount_fen bigint not null default 0 check (amount_fen >= 0),
  subsidy_fen bigint not null default 0 check (subsidy_fen >= 0),
  cash_fen bigint not null default 0 check (cash_fen >= 0),
  count integer not null default 0 check (count >= 0),
  refund_of uuid references public.ledger_transactions(id),
  reason text check (reason is null or length(reason) <= 200),
  detail jsonb not null default '{}' check (jsonb_typeof(detail) = 'object'),
  actor_account_id uuid,
  created_at timestamptz not null default now(),
  unique (org_id, request_id),
  check ((kind = 'refund') = (refund_of is not null)),
  -- Stalls and merchants with payments cannot be deleted (deactivate them); members have no key (see ledger_accounts).
  foreign key (org_id, stall_id) references public.stalls(org_id, id),
  foreign key (org_id, merchant_id) references public.merchants(org_id, id)
);
comment on table public.ledger_transactions is 'One row per money movement (append-only). request_id is the idempotency key: a client request id for payments and refunds, topup:<out_trade_no>, grant:<plan>:<period>:<member>, offline:<upload id>.';
comment on column public.ledger_transactions.amount_fen is 'The money that moved for the member: what a payment cost (subsidy_fen + cash_fen + any offline overdraft), what a refund returned, a grant or top-up''s amount.';
comment on column public.ledger_transactions.detail is 'The price explanation (quote steps) for payments; overdraft and code details for offline payments; WeChat Pay ids for top-ups.';
create index ledger_transactions_org_at on public.ledger_transactions (org_id, created_at);
create index ledger_transactions_member_at on public.ledger_transactions (org_id, member_id, created_at desc) where member_id is not null;
create index ledger_transactions_merchant_at on public.ledger_transactions (org_id, merchant_id, created_at) where merchant_id is not null;
create index ledger_transactions_refund_of on public.ledger_transactions (refund_of) where refund_of is not null;

create table public.ledger_entries (
  id bigint generated always as identity primary key,
  org_id uuid not null,
  transaction_id uuid not null references public.ledger_transactions(id) on delete cascade,
  account_id uuid not null references public.ledger_accounts(id) on delete cascade,
  amount bigint not null check (amount <> 0),
  created_at timestamptz not null default now()
);
comment on table public.ledger_entries is 'Double-entry lines: per transaction and unit the amounts sum to zero. Positive = into the account.';
create index ledger_entries_account on public.ledger_entries (account_id, id);
create index ledger_entries_transaction on public.ledger_entries (transaction_id);

-- ---------------------------------------------------------------- subsidies
create table public.subsidy_plans (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 50),
  wallet public.wallet_kind not null default 'subsidy' check (wallet in ('subsidy', 'count')),
  amount bigint not null check (amount > 0 and amount <= 10000000),
  cadence text not null check (cadence in ('daily', 'monthly')),
  expires_at_period_end boolean not null default true,
  audience jsonb not null default '{}' check (jsonb_typeof(audience) = 'object'),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, name)
);
comment on table public.subsidy_plans is 'Automatic grants (餐补): amount fen (or count tickets) per member per day or month, to an audience {"departments":[...],"tags":[...],"identities":[...]} (empty = every active member). With expires_at_period_end, what is left of a period''s grant is zeroed when the period ends.';

create table public.subsidy_runs (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  plan_id uuid not null,
  period text not null check (period ~ '^\d{4}-\d{2}(-\d{2})?$'),
  granted_members integer not null default 0,
  granted_total bigint not null default 0,
  expired_total bigint,
  granted_at timestamptz not null default now(),
  expired_at timestamptz,
  unique (plan_id, period),
  foreign key (org_id, plan_id) references public.subsidy_plans(org_id, id) on delete cascade
);
alter table public.ledger_transactions add column subsidy_run_id uuid references public.subsidy_runs(id);
comment on column public.ledger_transactions.subsidy_run_id is 'For grants and expiries: the plan period (subsidy_runs row) they belong to. A plan that has granted cannot be deleted (deactivate it).';
create index ledger_transactions_subsidy_run on public.ledger_transactions (subsidy_run_id, member_id) where subsidy_run_id is not null;
comment on table public.subsidy_runs is 'One row per plan and period granted (idempotent: the scheduler may run any number of times); expired_* once the period''s leftover was zeroed.';

-- ---------------------------------------------------------------- WeChat Pay
create table public.topup_orders (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  member_id uuid not null,
  out_trade_no text not null unique check (out_trade_no ~ '^[A-Za-z0-9_-]{6,32}$'),
  amount_fen bigint not null check (amount_fen between 1 and 100000000),
  status text not null default 'created' check (status in ('created', 'paid', 'closed')),
  prepay_id text,
  transaction_id text,
  payer_openid text,
  shared_fen bigint not null default 0 check (shared_fen >= 0 and shared_fen <= amount_fen),
  paid_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  check ((status = 'paid') = (transaction_id is not null and paid_at is not null))
);
comment on table public.topup_orders is 'WeChat Pay JSAPI top-up orders; credited to the cash wallet once, when the verified callback (or an order query) says SUCCESS.';
comment on column public.topup_orders.shared_fen is 'How much of this transaction has been split to merchants by profit sharing.';
create index topup_orders_member on public.topup_orders (org_id, member_id, created_at desc);
create index topup_orders_unshared on public.topup_orders (org_id, paid_at) where status = 'paid' and shared_fen < amount_fen;

create table public.profit_sharing_orders (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  merchant_id uuid not null,
  topup_order_id uuid not null references public.topup_orders(id),
  out_order_no text not null unique,
  amount_fen bigint not null check (amount_fen > 0),
  settle_date date not null,
  status text not null default 'pending' check (status in ('pending', 'processing', 'finished', 'failed')),
  wechat_order_id text,
  error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (org_id, merchant_id) references public.merchants(org_id, id)
);
comment on table public.profit_sharing_orders is 'Profit-sharing (分账) requests that pay a merchant its settled takings out of paid top-up transactions.';
create index profit_sharing_orders_merchant on public.profit_sharing_orders (org_id, merchant_id, settle_date);

-- ---------------------------------------------------------------- offline overdrafts
create table public.payment_flags (
  id bigint generated always as identity primary key,
  org_id uuid not null references public.orgs(id) on delete cascade,
  transaction_id uuid references public.ledger_transactions(id),
  member_id uuid,
  kind text not null check (kind in ('overdraft', 'rejected_upload')),
  amount_fen bigint not null default 0 check (amount_fen >= 0),
  detail jsonb not null default '{}',
  resolved_at timestamptz,
  resolved_by uuid,
  created_at timestamptz not null default now()
);
comment on table public.payment_flags is 'What admins must look at: offline payments the wallets could not cover (overdraft: the shortfall is owed, booked to the overdraft account) and offline uploads refused on re-verification.';
create index payment_flags_org_open on public.payment_flags (org_id, created_at desc) where resolved_at is null;

-- ---------------------------------------------------------------- triggers
create function app_private.ledger_append_only() returns trigger
language plpgsql set search_path = '' as $$
begin
  -- Cascades from deleting the whole org are allowed (they run nested in the
  -- foreign-key triggers); nothing else is.
  if tg_op = 'DELETE' and (pg_trigger_depth() > 1 or not exists (select 1 from public.orgs o where o.id = old.org_id)) then
    return old;
  end if;
  raise exception 'the ledger is append-only: % on % is not allowed; post a refund or an adjustment instead', lower(tg_op), tg_table_name
    using errcode = 'YM406';
end
$$;
create trigger ledger_transactions_append_only before update or delete on public.ledger_transactions
  for each row execute function app_private.ledger_append_only();
create trigger ledger_entries_append_only before update or delete on public.ledger_entries
  for each row execute function app_private.ledger_append_only();

do $$
declare t text;
begin
  foreach t in array array['merchants', 'stalls', 'meal_periods', 'subsidy_plans', 'topup_orders', 'profit_sharing_orders'] loop
    execute format('create trigger %I_touch_updated_at before update on public.%I for each row execute function app_private.touch_updated_at()', t, t);
    execute format('create trigger %I_forbid_org_change before update on public.%I for each row execute function app_private.forbid_org_change()', t, t);
  end loop;
  -- payment_flags has a bigint id: payment_flag_resolve audits it explicitly.
  foreach t in array array['merchants', 'stalls', 'meal_periods', 'subsidy_plans'] loop
    execute format('create trigger %I_audit after insert or update or delete on public.%I for each row execute function app_private.audit_row()', t, t);
  end loop;
end
$$;
create trigger merchant_operators_audit after insert or delete on public.merchant_operators
  for each row execute function app_private.audit_row('member_id');

-- ---------------------------------------------------------------- RLS
-- Payment admins: the payment function, whole org (money is org-wide).
-- Members: their own wallets, transactions and top-ups; the org's active
-- merchants, stalls and meal periods (to pay). Operators: their merchant's
-- transactions.
create function app_private.operated_merchant_ids() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select o.merchant_id from public.merchant_operators o where o.member_id in (select app_private.my_member_ids())
$$;

alter table public.merchants enable row level security;
create policy merchants_select_members on public.merchants for select to authenticated
  using (org_id in (select app_private.member_org_ids()) or org_id in (select app_private.function_org_ids('payment')));
create policy merchants_insert_payment_admins on public.merchants for insert to authenticated
  with check (org_id in (select app_private.function_org_ids('payment')));
create policy merchants_update_payment_admins on public.merchants for update to authenticated
  using (org_id in (select app_private.function_org_ids('payment'))) with check (org_id in (select app_private.function_org_ids('payment')));
create policy merchants_delete_payment_admins on public.merchants for delete to authenticated
  using (org_id in (select app_private.function_org_ids('payment')));

alter table public.merchant_operators enable row level security;
create policy merchant_operators_select_self_or_payment_admins on public.merchant_operators for select to authenticated
  using (member_id in (select app_private.my_member_ids()) or org_id in (select app_private.function_org_ids('payment')));
create policy merchant_operators_insert_payment_admins on public.merchant_operators for insert to authenticated
  with check (org_id in (select app_private.function_org_ids('payment')));
create policy merchant_operators_delete_payment_admins on public.merchant_operators for delete to authenticated
  using (org_id in (select app_private.function_org_ids('payment')));

alter table public.stalls enable row level security;
create policy stalls_select_members on public.stalls for select to authenticated
  using (org_id in (select app_private.member_org_ids()) or org_id in (select app_private.function_org_ids('payment')));
create policy stalls_insert_payment_admins on public.stalls for insert to authenticated
  with check (org_id in (select app_private.function_org_ids('payment')));
create policy stalls_update_payment_admins on public.stalls for update to authenticated
  using (org_id in (select app_private.function_org_ids('payment'))) with check (org_id in (select app_private.function_org_ids('payment')));
create policy stalls_delete_payment_admins on public.stalls for delete to authenticated
  using (org_id in (select app_private.function_org_ids('payment')));

alter table public.meal_periods enable row level security;
create policy meal_periods_select_members on public.meal_periods for select to authenticated
  using (org_id in (select app_private.member_org_ids()) or org_id in (select app_private.function_org_ids('payment')));
create policy meal_periods_insert_payment_admins on public.meal_periods for insert to authenticated
  with check (org_id in (select app_private.function_org_ids('payment')));
create policy meal_periods_update_payment_admins on public.meal_periods for update to authenticated
  using (org_id in (select app_private.function_org_ids('payment'))) with check (org_id in (select app_private.function_org_ids('payment')));
create policy meal_periods_delete_payment_admins on public.meal_periods for delete to authenticated
  using (org_id in (select app_private.function_org_ids('payment')));

alter table public.subsidy_plans enable row level security;
create policy subsidy_plans_select_payment_admins on public.subsidy_plans for select to authenticated
  using (org_id in (select app_private.function_org_ids('payment')));
create policy subsidy_plans_insert_payment_admins on public.subsidy_plans for insert to authenticated
  with check (org_id in (select app_private.function_org_ids('payment')));
create policy subsidy_plans_update_payment_admins on public.subsidy_plans for update to authenticated
  using (org_id in (select app_private.function_org_ids('payment'))) with check (org_id in (select app_private.function_org_ids('payment')));
create policy subsidy_plans_delete_payment_admins on public.subsidy_plans for delete to authenticated
  using (org_id in (select app_private.function_org_ids('payment')));

alter table public.subsidy_runs enable row level security;
create policy subsidy_runs_select_payment_admins on public.subsidy_runs for select to authenticated
  using (org_id in (select app_private.function_org_ids('payment')));

alter table public.ledger_accounts enable row level security;
create policy ledger_accounts_select_owner_or_payment_admins on public.ledger_accounts for select to authenticated
  using (member_id in (select app_private.my_member_ids())
         or merchant_id in (select app_private.operated_merchant_ids())
         or org_id in (select app_private.function_org_ids('payment')));

alter table public.ledger_transactions enable row level security;
create policy ledger_transactions_select_party_or_payment_admins on public.ledger_transactions for select to authenticated
  using (member_id in (select app_private.my_member_ids())
         or merchant_id in (select app_private.operated_merchant_ids())
         or org_id in (select app_private.function_org_ids('payment')));

alter table public.ledger_entries enable row level security;
create policy ledger_entries_select_payment_admins on public.ledger_entries for select to authenticated
  using (org_id in (select app_private.function_org_ids('payment')));

alter table public.topup_orders enable row level security;
create policy topup_orders_select_self_or_payment_admins on public.topup_orders for select to authenticated
  using (member_id in (select app_private.my_member_ids()) or org_id in (select app_private.function_org_ids('payment')));

alter table public.profit_sharing_orders enable row level security;
create policy profit_sharing_orders_select_payment_admins on public.profit_sharing_orders for select to authenticated
  using (org_id in (select app_private.function_org_ids('payment')));

alter table public.payment_flags enable row level security;
create policy payment_flags_select_payment_admins on public.payment_flags for select to authenticated
  using (org_id in (select app_private.function_org_ids('payment')));

revoke all on public.merchants, public.merchant_operators, public.stalls, public.meal_periods, public.subsidy_plans,
  public.subsidy_runs, public.ledger_accounts, public.ledger_transactions, public.ledger_entries, public.topup_orders,
  public.profit_sharing_orders, public.payment_flags from anon, authenticated, service_role;
grant select, insert, update, delete on public.merchants, public.stalls, public.meal_periods, public.subsidy_plans to authenticated;
grant select, insert, delete on public.merchant_operators to authenticated;
grant select on public.subsidy_runs, public.ledger_accounts, public.ledger_transactions, public.ledger_entries,
  public.topup_orders, public.profit_sharing_orders, public.payment_flags to authenticated;
-- service_role reads everything and manages configuration, but writes money only through the RPCs.
grant all on public.merchants, public.merchant_operators, public.stalls, public.meal_periods, public.subsidy_plans to service_role;
grant select on public.subsidy_runs, public.ledger_accounts, public.ledger_transactions, public.ledger_entries,
  public.topup_orders, public.profit_sharing_orders, public.payment_flags to service_role;
revoke execute on function app_private.ledger_append_only(), app_private.operated_merchant_ids() from public;
grant execute on function app_private.operated_merchant_ids() to authenticated, service_role;
