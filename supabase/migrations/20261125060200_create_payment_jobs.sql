-- Payment jobs and reports: automatic subsidies (grant per period, zero the
-- leftover at period end), settlement reports, profit sharing (分账) plans,
-- resolving payment flags, and the admin "explain a price" context.
-- The scheduler (pg_cron on Supabase; the local stack's scheduler) calls the
-- payment-jobs edge function, which calls subsidy_run and the profit sharing.

-- 'YYYY-MM-DD' (daily) or 'YYYY-MM' (monthly) of p_at in the org's zone.
create function app_private.period_key(p_org uuid, p_cadence text, p_at timestamptz)
returns text language sql stable security definer set search_path = '' as $$
  select to_char(p_at at time zone o.timezone, case p_cadence when 'daily' then 'YYYY-MM-DD' else 'YYYY-MM' end)
    from public.orgs o where o.id = p_org
$$;

create function app_private.require_payment_admin(p_org uuid)
returns void language plpgsql stable security definer set search_path = '' as $$
begin
  if coalesce(auth.role(), '') <> 'service_role' and not app_private.has_function(p_org, 'payment') then
    raise exception 'this needs the payment function (支付权限)' using errcode = '42501';
  end if;
end
$$;

-- ---------------------------------------------------------------- subsidies
-- Expires every finished period of plans that expire, then grants the
-- current period of every active plan. Idempotent: runs and transactions are
-- keyed by plan and period. Expiry takes min(wallet balance, the grant) from
-- each member the period granted to (spending is taken to use the oldest
-- grant first). Returns {granted: [{plan_id, period, members, total}], expired: [...]}.
create function public.subsidy_run(p_org uuid, p_now timestamptz default now())
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_plan public.subsidy_plans;
  v_run record;
  v_run_id uuid;
  v_period text;
  v_unit public.ledger_unit;
  v_source uuid;
  v_sink uuid;
  v_members integer;
  v_total bigint;
  v_granted jsonb := '[]';
  v_expired jsonb := '[]';
begin
  perform app_private.require_payment_admin(p_org);

  for v_run in
    select r.id, r.plan_id, r.period, p.wallet, p.amount
      from public.subsidy_runs r join public.subsidy_plans p on p.id = r.plan_id
     where r.org_id = p_org and r.expired_at is null and p.expires_at_period_end
       and r.period <> app_private.period_key(p_org, p.cadence, p_now)
     order by r.granted_at
       for update of r skip locked
  loop
    v_unit := case when v_run.wallet = 'count' then 'count' else 'fen' end;
    v_sink := app_private.system_account(p_org, 'expiry', v_unit);
    with w as (
      select a.id as account_id, a.member_id, least(a.balance, v_run.amount) as take
        from public.ledger_transactions g
        join public.ledger_accounts a on a.org_id = p_org and a.member_id = g.member_id and a.kind = 'wallet' and a.wallet = v_run.wallet
       where g.subsidy_run_id = v_run.id and g.kind = 'subsidy_grant'
       order by a.id
         for update of a
    ), tx as (
      insert into public.ledger_transactions (org_id, kind, request_id, member_id, amount_fen, subsidy_fen, count, subsidy_run_id, reason)
      select p_org, 'subsidy_expiry', 'expire:' || v_run.id || ':' || w.member_id, w.member_id,
             case when v_unit = 'fen' then w.take else 0 end, case when v_unit = 'fen' then w.take else 0 end,
             case when v_unit = 'count' then w.take else 0 end, v_run.id, 'period ' || v_run.period || ' ended'
        from w where w.take > 0
      on conflict do nothing
      returning id, member_id
    ), debit as (
      insert into public.ledger_entries (org_id, transaction_id, account_id, amount)
      select p_org, tx.id, w.account_id, -w.take from tx join w using (member_id)
    ), credit as (
      insert into public.ledger_entries (org_id, transaction_id, account_id, amount)
      select p_org, tx.id, v_sink, w.take from tx join w using (member_id)
    ), bal as (
      update public.ledger_accounts a set balance = a.balance - w.take, updated_at = now()
        from w join tx using (member_id) where a.id = w.account_id
      returning w.take
    )
    select count(*), coalesce(sum(take), 0) into v_members, v_total from bal;
    update public.subsidy_runs set expired_at = now(), expired_total = v_total where id = v_run.id;
    v_expired := v_expired || jsonb_build_object('plan_id', v_run.plan_id, 'period', v_run.period, 'members', v_members, 'total', v_total);
  end loop;

  for v_plan in select * from public.subsidy_plans where org_id = p_org and active order by created_at loop
    v_period := app_private.period_key(p_org, v_plan.cadence, p_now);
    insert into public.subsidy_runs (org_id, plan_id, period) values (p_org, v_plan.id, v_period)
    on conflict do nothing returning id into v_run_id;
    continue when v_run_id is null;
    v_unit := case when v_plan.wallet = 'count' then 'count' else 'fen' end;
    v_source := app_private.system_account(p_org, 'subsidy_source', v_unit);

    create temporary table if not exists pg_temp.subsidy_audience (member_id uuid primary key) on commit drop;
    truncate pg_temp.subsidy_audience;
    insert into pg_temp.subsidy_audience
    select m.id from public.members m
     where m.org_id = p_org and m.status = 'active'
       and (not (v_plan.audience ?| array['departments', 'tags', 'identities'])
            or exists (select 1 from public.departments d, jsonb_array_elements_text(v_plan.audience->'departments') root_id
                         join public.departments root on root.id = root_id::uuid
                        where d.id = m.department_id and d.path operator(extensions.<@) root.path)
            or exists (select 1 from public.tag_members tm, jsonb_array_elements_text(v_plan.audience->'tags') tag_id
                        where tm.member_id = m.id and tm.tag_id = tag_id::uuid)
            or m.identity in (select jsonb_array_elements_text(v_plan.audience->'identities')));
    insert into public.ledger_accounts (org_id, kind, unit, member_id, wallet)
    select p_org, 'wallet', w.unit, s.member_id, w.kind
      from pg_temp.subsidy_audience s
     cross join (values ('subsidy'::public.wallet_kind, 'fen'::public.ledger_unit), ('cash', 'fen'), ('count', 'count')) w(kind, unit)
    on conflict do nothing;

    with w as (
      select a.id as account_id, a.member_id from public.ledger_accounts a join pg_temp.subsidy_audience s using (member_id)
       where a.org_id = p_org and a.kind = 'wallet' and a.wallet = v_plan.wallet
       order by a.id
         for update of a
    ), tx as (
      insert into public.ledger_transactions (org_id, kind, request_id, member_id, amount_fen, subsidy_fen, count, subsidy_run_id, reason)
      select p_org, 'subsidy_grant', 'grant:' || v_run_id || ':' || w.member_id, w.member_id,
             case when v_unit = 'fen' then v_plan.amount else 0 end, case when v_unit = 'fen' then v_plan.amount else 0 end,
             case when v_unit = 'count' then v_plan.amount else 0 end, v_run_id, v_plan.name || ' ' || v_period
        from w
      on conflict do nothing
      returning id, member_id
    ), credit as (
      insert into public.ledger_entries (org_id, transaction_id, account_id, amount)
      select p_org, tx.id, w.account_id, v_plan.amount from tx join w using (member_id)
    ), debit as (
      insert into public.ledger_entries (org_id, transaction_id, account_id, amount)
      select p_org, tx.id, v_source, -v_plan.amount from tx
    ), bal as (
      update public.ledger_accounts a set balance = a.balance + v_plan.amount, updated_at = now()
        from w join tx using (member_id) where a.id = w.account_id
      returning a.id
    )
    select count(*) into v_members from bal;
    update public.subsidy_runs set granted_members = v_members, granted_total = v_members * v_plan.amount where id = v_run_id;
    v_granted := v_granted || jsonb_build_object('plan_id', v_plan.id, 'period', v_period, 'members', v_members, 'total', v_members * v_plan.amount);
  end loop;
  if v_granted <> '[]' or v_expired <> '[]' then
    perform app_private.audit_action(p_org, 'subsidy.run', 'subsidy_runs', null,
            jsonb_build_object('granted', v_granted, 'expired', v_expired));
  end if;
  return jsonb_build_object('granted', v_granted, 'expired', v_expired);
end
$$;

-- ---------------------------------------------------------------- reports
-- Per merchant over [p_from, p_to): payments, refunds, net, split by wallet,
-- count tickets, offline overdrafts. Payment admins see every merchant; a
-- merchant's operators see their own (p_merchant).
create function public.payment_settlement_report(p_org uuid, p_from timestamptz, p_to timestamptz, p_merchant uuid default null)
returns table (merchant_id uuid, merchant_name text, payments bigint, payment_fen bigint, refunds bigint, refund_fen bigint,
               net_fen bigint, subsidy_fen bigint, cash_fen bigint, count_used bigint, overdraft_fen bigint)
language plpgsql stable security definer set search_path = '' as $$
begin
  if coalesce(auth.role(), '') <> 'service_role' and not app_private.has_function(p_org, 'payment')
     and not (p_merchant is not null and p_merchant in (select app_private.operated_merchant_ids())) then
    raise exception 'this report needs the payment function, or be an operator of the merchant' using errcode = '42501';
  end if;
  if p_to <= p_from or p_to - p_from > interval '400 days' then
    raise exception 'choose a period of at most 400 days, end after start' using errcode = 'YM410';
  end if;
  return query
  select t.merchant_id, m.name,
         count(*) filter (where t.kind <> 'refund'),
         coalesce(sum(t.amount_fen) filter (where t.kind <> 'refund'), 0)::bigint,
         count(*) filter (where t.kind = 'refund'),
         coalesce(sum(t.amount_fen) filter (where t.kind = 'refund'), 0)::bigint,
         coalesce(sum(case when t.kind = 'refund' then -t.amount_fen else t.amount_fen end), 0)::bigint,
         coalesce(sum(case when t.kind = 'refund' then -t.subsidy_fen else t.subsidy_fen end), 0)::bigint,
         coalesce(sum(case when t.kind = 'refund' then -t.cash_fen else t.cash_fen end), 0)::bigint,
         coalesce(sum(case when t.kind = 'refund' then -t.count else t.count end), 0)::bigint,
         coalesce(sum(case when t.kind = 'refund' then -1 else 1 end * (t.amount_fen - t.subsidy_fen - t.cash_fen)), 0)::bigint
    from public.ledger_transactions t join public.merchants m on m.id = t.merchant_id
   where t.org_id = p_org and t.created_at >= p_from and t.created_at < p_to
     and t.kind in ('payment', 'offline_payment', 'refund')
     and (p_merchant is null or t.merchant_id = p_merchant)
   group by t.merchant_id, m.name
   order by m.name;
end
$$;

-- Net takings per local day (for the console chart). Payment admins.
create function public.payment_daily_series(p_org uuid, p_from timestamptz, p_to timestamptz)
returns table (day date, payments bigint, net_fen bigint)
language plpgsql stable security definer set search_path = '' as $$
declare v_tz text;
begin
  perform app_private.require_payment_admin(p_org);
  if p_to <= p_from or p_to - p_from > interval '400 days' then
    raise exception 'choose a period of at most 400 days, end after start' using errcode = 'YM410';
  end if;
  select timezone into v_tz from public.orgs where id = p_org;
  return query
  select (t.created_at at time zone v_tz)::date, count(*) filter (where t.kind <> 'refund'),
         coalesce(sum(case when t.kind = 'refund' then -t.amount_fen else t.amount_fen end), 0)::bigint
    from public.ledger_transactions t
   where t.org_id = p_org and t.created_at >= p_from and t.created_at < p_to and t.kind in ('payment', 'offline_payment', 'refund')
   group by 1 order by 1;
end
$$;

-- ---------------------------------------------------------------- profit sharing
-- Plans the 分账 of local day p_day: for each active merchant with a WeChat
-- sub-merchant id, its net cash takings that day times its share rate, less
-- what was already planned for that day, allocated over paid top-up
-- transactions that still have unshared money (oldest first). Inserts the
-- pending orders and returns them for the edge function to send.
create function public.profit_sharing_plan(p_org uuid, p_day date)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_tz text;
  v_from timestamptz;
  v_m record;
  v_due bigint;
  v_topup record;
  v_take bigint;
  v_orders jsonb := '[]';
  v_id uuid;
begin
  perform app_private.require_payment_admin(p_org);
  select timezone into v_tz from public.orgs where id = p_org;
  v_from := p_day::timestamp at time zone v_tz;
  for v_m in
    select m.id, m.wechat_sub_mchid, m.share_rate_bp,
           coalesce((select sum(case when t.kind = 'refund' then -t.cash_fen else t.cash_fen end)
                       from public.ledger_transactions t
                      where t.org_id = p_org and t.merchant_id = m.id and t.created_at >= v_from and t.created_at < v_from + interval '1 day'
                        and t.kind in ('payment', 'offline_payment', 'refund')), 0) as cash,
           coalesce((select sum(o.amount_fen) from public.profit_sharing_orders o
                      where o.merchant_id = m.id and o.settle_date = p_day and o.status <> 'failed'), 0) as planned
      from public.merchants m
     where m.org_id = p_org and m.active and m.wechat_sub_mchid is not null
     order by m.name
  loop
    v_due := v_m.cash * v_m.share_rate_bp / 10000 - v_m.planned;
    continue when v_due <= 0;
    for v_topup in
      select id, transaction_id, amount_fen - shared_fen as left from public.topup_orders
       where org_id = p_org and status = 'paid' and shared_fen < amount_fen and paid_at > now() - interval '170 days'
       order by paid_at for update skip locked
    loop
      exit when v_due <= 0;
      v_take := least(v_due, v_topup.left);
      update public.topup_orders set shared_fen = shared_fen + v_take where id = v_topup.id;
      insert into public.profit_sharing_orders (org_id, merchant_id, topup_order_id, out_order_no, amount_fen, settle_date)
      values (p_org, v_m.id, v_topup.id, 'PS' || to_char(p_day, 'YYYYMMDD') || replace(gen_random_uuid()::text, '-', ''), v_take, p_day)
      returning id into v_id;
      v_orders := v_orders || jsonb_build_object('id', v_id, 'merchant_id', v_m.id, 'sub_mchid', v_m.wechat_sub_mchid,
        'transaction_id', v_topup.transaction_id, 'amount_fen', v_take,
        'out_order_no', (select out_order_no from public.profit_sharing_orders where id = v_id));
      v_due := v_due - v_take;
    end loop;
  end loop;
  return v_orders;
end
$$;

-- Records WeChat Pay's answer for one sharing order. A failed order gives its
-- amount back to the top-up so the next plan can use it again.
create function public.profit_sharing_mark(p_id uuid, p_status text, p_wechat_order_id text, p_error text)
returns void language plpgsql security definer set search_path = '' as $$
declare v_order public.profit_sharing_orders;
begin
  select * into v_order from public.profit_sharing_orders where id = p_id for update;
  if v_order.id is null or v_order.status in ('finished', 'failed') then
    return;
  end if;
  update public.profit_sharing_orders set status = p_status, wechat_order_id = p_wechat_order_id, error = p_error where id = p_id;
  if p_status = 'failed' then
    update public.topup_orders set shared_fen = shared_fen - v_order.amount_fen where id = v_order.topup_order_id;
  end if;
  perform app_private.audit_action(v_order.org_id, 'profit_sharing.' || p_status, 'profit_sharing_orders', p_id,
          jsonb_build_object('amount_fen', v_order.amount_fen, 'merchant_id', v_order.merchant_id, 'error', p_error));
end
$$;

-- ---------------------------------------------------------------- flags and explain
create function public.payment_flag_resolve(p_id bigint, p_note text)
returns void language plpgsql security definer set search_path = '' as $$
declare v_org uuid;
begin
  select org_id into v_org from public.payment_flags where id = p_id and resolved_at is null;
  if v_org is null then
    raise exception 'no open payment flag %', p_id using errcode = 'P0002';
  end if;
  perform app_private.require_payment_admin(v_org);
  if p_note is null or length(btrim(p_note)) = 0 or length(p_note) > 200 then
    raise exception 'say how the flag was resolved (up to 200 characters)' using errcode = 'YM410';
  end if;
  update public.payment_flags set resolved_at = now(), resolved_by = auth.uid(),
         detail = detail || jsonb_build_object('resolution', btrim(p_note)) where id = p_id;
  perform app_private.audit_action(v_org, 'payment_flag.resolve', 'payment_flags', null,
          jsonb_build_object('flag_id', p_id, 'note', btrim(p_note)));
end
$$;

-- The pricing context of member p_member at stall p_stall, for the console's
-- "what would this person pay here at 12:05, and why" (payment admins).
create function public.payment_explain_context(p_member uuid, p_stall uuid)
returns jsonb language plpgsql stable security definer set search_path = '' as $$
declare v_org uuid;
begin
  select org_id into v_org from public.stalls where id = p_stall;
  if v_org is null then
    raise exception 'no such stall' using errcode = 'YM404';
  end if;
  perform app_private.require_payment_admin(v_org);
  return public.payment_context(v_org, p_member, null, p_stall, null);
end
$$;

revoke execute on function app_private.period_key(uuid, text, timestamptz), app_private.require_payment_admin(uuid) from public;
revoke execute on function
  public.subsidy_run(uuid, timestamptz), public.payment_settlement_report(uuid, timestamptz, timestamptz, uuid),
  public.payment_daily_series(uuid, timestamptz, timestamptz), public.profit_sharing_plan(uuid, date),
  public.profit_sharing_mark(uuid, text, text, text), public.payment_flag_resolve(bigint, text),
  public.payment_explain_context(uuid, uuid)
from public, anon, authenticated;
grant execute on function
  public.subsidy_run(uuid, timestamptz), public.payment_settlement_report(uuid, timestamptz, timestamptz, uuid),
  public.payment_daily_series(uuid, timestamptz, timestamptz), public.payment_flag_resolve(bigint, text),
  public.payment_explain_context(uuid, uuid), public.profit_sharing_plan(uuid, date)
to authenticated, service_role;
grant execute on function public.profit_sharing_mark(uuid, text, text, text) to service_role;
