-- Payment RPCs: the pricing context for a payment, committing a payment under
-- the member's wallet lock (idempotent by request id; limits, balances and the
-- wallet split re-checked there), refunds, WeChat Pay top-up orders and their
-- crediting, and the ledger check. Subsidies, settlement reports and profit
-- sharing are in 20261125060200_create_payment_jobs.sql.
-- Error codes:
--   YM401 insufficient balance / count tickets (hint: insufficient_balance | insufficient_count)
--   YM402 a spending limit would be exceeded (hint: day_limit | meal_limit | day_count_limit | meal_count_limit)
--   YM403 request id already used for a different operation
--   YM404 stall or merchant unknown or closed
--   YM405 member cannot pay (not active / unknown)
--   YM407 refund not possible (amount, kind, permission window)
--   YM408 top-up order unknown, amount mismatch or already closed
--   YM409 internal ledger error (unbalanced transaction)
--   YM410 invalid amount

-- ---------------------------------------------------------------- audit
-- One audit row for an RPC's action (refund, top-up credit, subsidy run,
-- PII reveal, ...): the caller from the JWT, as the row triggers record it.
create function app_private.audit_action(p_org uuid, p_action text, p_table text, p_row uuid, p_after jsonb)
returns void language sql security definer set search_path = '' as $$
  insert into public.audit_log (org_id, actor_account_id, actor_role, action, table_name, row_id, after)
  values (p_org, auth.uid(), coalesce(auth.role(), session_user::text), p_action, p_table, p_row, p_after)
$$;

-- ---------------------------------------------------------------- ledger posting
-- The org's system account of a kind and unit, created on first use.
create function app_private.system_account(p_org uuid, p_kind public.ledger_account_kind, p_unit public.ledger_unit)
returns uuid language plpgsql security definer set search_path = '' as $$
declare v_id uuid;
begin
  select id into v_id from public.ledger_accounts where org_id = p_org and kind = p_kind and unit = p_unit;
  if v_id is null then
    insert into public.ledger_accounts (org_id, kind, unit) values (p_org, p_kind, p_unit)
    on conflict do nothing returning id into v_id;
    if v_id is null then
      select id into v_id from public.ledger_accounts where org_id = p_org and kind = p_kind and unit = p_unit;
    end if;
  end if;
  return v_id;
end
$$;

create function app_private.merchant_account(p_org uuid, p_merchant uuid, p_unit public.ledger_unit)
returns uuid language plpgsql security definer set search_path = '' as $$
declare v_id uuid;
begin
  select id into v_id from public.ledger_accounts where org_id = p_org and kind = 'merchant' and merchant_id = p_merchant and unit = p_unit;
  if v_id is null then
    insert into public.ledger_accounts (org_id, kind, unit, merchant_id) values (p_org, 'merchant', p_unit, p_merchant)
    on conflict do nothing returning id into v_id;
    if v_id is null then
      select id into v_id from public.ledger_accounts where org_id = p_org and kind = 'merchant' and merchant_id = p_merchant and unit = p_unit;
    end if;
  end if;
  return v_id;
end
$$;

-- Locks (creating if needed) the member's three wallets, in a fixed order so
-- concurrent payments, refunds and grants never deadlock. Returns them.
create function app_private.lock_wallets(p_org uuid, p_member uuid)
returns table (subsidy_id uuid, subsidy bigint, cash_id uuid, cash bigint, count_id uuid, count bigint)
language plpgsql security definer set search_path = '' as $$
declare r record;
begin
  if (select count(*) from public.ledger_accounts a where a.org_id = p_org and a.member_id = p_member and a.kind = 'wallet') < 3 then
    insert into public.ledger_accounts (org_id, kind, unit, member_id, wallet)
    select p_org, 'wallet', case when w = 'count' then 'count' else 'fen' end::public.ledger_unit, p_member, w
      from unnest(enum_range(null::public.wallet_kind)) w
    on conflict do nothing;
  end if;
  for r in select a.id, a.wallet, a.balance from public.ledger_accounts a
            where a.org_id = p_org and a.member_id = p_member and a.kind = 'wallet' order by a.wallet for update loop
    case r.wallet
      when 'subsidy' then subsidy_id := r.id; subsidy := r.balance;
      when 'cash' then cash_id := r.id; cash := r.balance;
      else count_id := r.id; count := r.balance;
    end case;
  end loop;
  return next;
end
$$;

-- Appends one entry; wallet balances (already locked by the caller) follow.
create function app_private.ledger_post(p_org uuid, p_tx uuid, p_account uuid, p_amount bigint)
returns void language plpgsql security definer set search_path = '' as $$
begin
  if p_amount = 0 then return; end if;
  insert into public.ledger_entries (org_id, transaction_id, account_id, amount) values (p_org, p_tx, p_account, p_amount);
  update public.ledger_accounts set balance = balance + p_amount, updated_at = now()
   where id = p_account and kind = 'wallet';
end
$$;

create function app_private.ledger_assert_balanced(p_tx uuid)
returns void language plpgsql security definer set search_path = '' as $$
begin
  if exists (select 1 from public.ledger_entries e join public.ledger_accounts a on a.id = e.account_id
              where e.transaction_id = p_tx group by a.unit having sum(e.amount) <> 0) then
    raise exception 'ledger transaction % does not balance', p_tx using errcode = 'YM409';
  end if;
end
$$;

-- Local midnight of p_at in the org's zone.
create function app_private.org_day_start(p_org uuid, p_at timestamptz)
returns timestamptz language sql stable security definer set search_path = '' as $$
  select (date_trunc('day', p_at at time zone o.timezone)) at time zone o.timezone from public.orgs o where o.id = p_org
$$;

create function app_private.wallet_balances(p_org uuid, p_member uuid)
returns jsonb language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'subsidy_fen', coalesce(max(balance) filter (where wallet = 'subsidy'), 0),
    'cash_fen', coalesce(max(balance) filter (where wallet = 'cash'), 0),
    'count', coalesce(max(balance) filter (where wallet = 'count'), 0))
    from public.ledger_accounts where org_id = p_org and member_id = p_member and kind = 'wallet'
$$;

-- ---------------------------------------------------------------- pricing context
-- Everything shared/src/pricing needs to price a payment, in one round trip.
-- The member is p_member, or the member of account p_account in p_org; the
-- stall is p_stall or the stall POS p_point is bound to. Service role only.
create function public.payment_context(p_org uuid, p_member uuid, p_account uuid, p_stall uuid, p_point uuid default null)
returns jsonb language plpgsql stable security definer set search_path = '' as $$
declare
  v_member public.members;
  v_stall uuid := p_stall;
  v_result jsonb;
begin
  if p_point is not null then
    select stall_id into v_stall from public.verification_points where org_id = p_org and id = p_point;
    if v_stall is null then
      raise exception 'this POS is not bound to a stall; bind it under 支付 > 设备' using errcode = 'YM404';
    end if;
  end if;
  if p_member is not null then
    select * into v_member from public.members where org_id = p_org and id = p_member;
  else
    select * into v_member from public.members where org_id = p_org and account_id = p_account;
  end if;
  if v_member.id is null then
    raise exception 'you have no card in this organisation' using errcode = 'YM405';
  end if;
  select jsonb_build_object(
    'member', jsonb_build_object(
      'id', v_member.id, 'name', v_member.name, 'status', v_member.status, 'identity', v_member.identity,
      'department_ids', (select coalesce(jsonb_agg(a.id), '[]') from public.departments d
                           join public.departments a on a.org_id = d.org_id and d.path operator(extensions.<@) a.path
                          where d.id = v_member.department_id),
      'tag_ids', (select coalesce(jsonb_agg(tm.tag_id), '[]') from public.tag_members tm where tm.member_id = v_member.id)),
    'stall', (select jsonb_build_object('id', s.id, 'name', s.name, 'pricing', s.pricing, 'active', s.active and m.active,
                                        'merchant_id', m.id, 'merchant_name', m.name,
                                        -- merchants.takes_bookings arrives with meal booking (a later migration).
                                        'takes_bookings', coalesce((to_jsonb(m) ->> 'takes_bookings')::boolean, false))
                from public.stalls s join public.merchants m on m.id = s.merchant_id
               where s.org_id = p_org and s.id = v_stall),
    'meal_periods', (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'name', name, 'start', to_char(starts, 'HH24:MI'),
                                                                  'end', case when ends = '24:00' then '24:00' else to_char(ends, 'HH24:MI') end)
                                               order by starts), '[]')
                       from public.meal_periods where org_id = p_org),
    'timezone', (select timezone from public.orgs where id = p_org),
    'balances', app_private.wallet_balances(p_org, v_member.id),
    'today', (select coalesce(jsonb_agg(jsonb_build_object('at', t.created_at, 'amount_fen', t.amount_fen) order by t.created_at), '[]')
                from public.ledger_transactions t
               where t.org_id = p_org and t.member_id = v_member.id and t.kind in ('payment', 'offline_payment')
                 and t.created_at >= app_private.org_day_start(p_org, now()))
  ) into v_result;
  if v_result->'stall' is null or v_result->'stall' = 'null'::jsonb then
    raise exception 'no such stall in this organisation; scan the stall''s collection code again' using errcode = 'YM404';
  end if;
  return v_result;
end
$$;

-- ---------------------------------------------------------------- payment
-- Commits a priced payment. Under the member's wallet lock it re-checks what
-- can change between pricing and commit: the request id (a repeat returns
-- the first result with replayed = true), stall and member state, the day and
-- meal limits against the ledger (p_checks: {day_start, meal_start,
-- per_day_fen, per_meal_fen, per_day_count, per_meal_count}), and splits
-- p_pay_fen over the wallets in p_wallet_order. p_kind offline_payment
-- (double-offline upload, already accepted by a POS) skips limits and stall
-- state, and books what the wallets cannot cover to the overdraft account
-- with a payment flag instead of refusing. Service role only.
create function public.payment_commit(
  p_org uuid, p_member uuid, p_stall uuid, p_request_id text, p_kind public.ledger_tx_kind,
  p_pay_fen bigint, p_count integer, p_wallet_order public.wallet_kind[], p_checks jsonb,
  p_meal_period uuid, p_point uuid, p_actor uuid, p_detail jsonb
) returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  w record;
  v_existing public.ledger_transactions;
  v_stall record;
  v_status public.member_status;
  v_remaining bigint := p_pay_fen;
  v_sub bigint := 0;
  v_cash bigint := 0;
  v_short bigint := 0;
  v_short_count integer := 0;
  v_kind public.wallet_kind;
  v_spent record;
  v_tx uuid;
  v_offline boolean := p_kind = 'offline_payment';
begin
  if p_kind not in ('payment', 'offline_payment') then
    raise exception 'payment_commit books payments only' using errcode = 'YM410';
  end if;
  if p_pay_fen is null or p_pay_fen < 0 or p_count is null or p_count < 0 or p_count > 100 then
    raise exception 'the amount must be a non-negative whole number of fen' using errcode = 'YM410';
  end if;
  select s.id, s.merchant_id, s.active and m.active as active into v_stall
    from public.stalls s join public.merchants m on m.id = s.merchant_id where s.org_id = p_org and s.id = p_stall;
  if v_stall.id is null then
    raise exception 'no such stall in this organisation' using errcode = 'YM404';
  end if;
  select status into v_status from public.members where org_id = p_org and id = p_member;
  if v_status is null then
    raise exception 'no such member in this organisation' using errcode = 'YM405';
  end if;

  select * into w from app_private.lock_wallets(p_org, p_member);

  select * into v_existing from public.ledger_transactions where org_id = p_org and request_id = p_request_id;
  if v_existing.id is not null then
    -- An online charge and the offline upload of the same code are the same payment.
    if v_existing.kind not in ('payment', 'offline_payment') or v_existing.member_id is distinct from p_member or v_existing.stall_id is distinct from p_stall
       or v_existing.amount_fen <> p_pay_fen or v_existing.count <> p_count then
      raise exception 'this request id was already used for a different payment; generate a new one' using errcode = 'YM403';
    end if;
    return jsonb_build_object('transaction_id', v_existing.id, 'replayed', true, 'amount_fen', v_existing.amount_fen,
      'subsidy_fen', v_existing.subsidy_fen, 'cash_fen', v_existing.cash_fen, 'count', v_existing.count,
      'overdraft_fen', v_existing.amount_fen - v_existing.subsidy_fen - v_existing.cash_fen,
      'created_at', v_existing.created_at, 'balances', app_private.wallet_balances(p_org, p_member));
  end if;

  if not v_offline then
    if not v_stall.active then
      raise exception 'this stall is not taking payments now' using errcode = 'YM404';
    end if;
    if v_status <> 'active' then
      raise exception 'this card is not active; ask your administrator' using errcode = 'YM405';
    end if;
    if p_checks ? 'day_start' then
      select coalesce(sum(amount_fen), 0) as day_fen, count(*) as day_count,
             coalesce(sum(amount_fen) filter (where created_at >= (p_checks->>'meal_start')::timestamptz), 0) as meal_fen,
             count(*) filter (where created_at >= (p_checks->>'meal_start')::timestamptz) as meal_count
        into v_spent
        from public.ledger_transactions
       where org_id = p_org and member_id = p_member and kind in ('payment', 'offline_payment')
         and created_at >= (p_checks->>'day_start')::timestamptz;
      -- As in shared/src/pricing: money limits never refuse a zero payment (a free meal, a ticket).
      if p_pay_fen > 0 and (p_checks->>'per_day_fen')::bigint < v_spent.day_fen + p_pay_fen then
        raise exception 'this payment would exceed the daily spending limit' using errcode = 'YM402', hint = 'day_limit';
      elsif p_pay_fen > 0 and p_checks->>'meal_start' is not null and (p_checks->>'per_meal_fen')::bigint < v_spent.meal_fen + p_pay_fen then
        raise exception 'this payment would exceed the limit for this meal' using errcode = 'YM402', hint = 'meal_limit';
      elsif (p_checks->>'per_day_count')::integer < v_spent.day_count + 1 then
        raise exception 'no more payments allowed today' using errcode = 'YM402', hint = 'day_count_limit';
      elsif p_checks->>'meal_start' is not null and (p_checks->>'per_meal_count')::integer < v_spent.meal_count + 1 then
        raise exception 'no more payments allowed in this meal period' using errcode = 'YM402', hint = 'meal_count_limit';
      end if;
    end if;
  end if;

  foreach v_kind in array coalesce(p_wallet_order, array['subsidy', 'cash']::public.wallet_kind[]) loop
    if v_kind = 'subsidy' and v_sub = 0 then
      v_sub := least(w.subsidy, v_remaining); v_remaining := v_remaining - v_sub;
    elsif v_kind = 'cash' and v_cash = 0 then
      v_cash := least(w.cash, v_remaining); v_remaining := v_remaining - v_cash;
    end if;
  end loop;
  if v_remaining > 0 then
    if not v_offline then
      raise exception 'insufficient balance: top up or ask for a subsidy' using errcode = 'YM401', hint = 'insufficient_balance';
    end if;
    v_short := v_remaining;
  end if;
  if p_count > w.count then
    if not v_offline then
      raise exception 'not enough meal tickets' using errcode = 'YM401', hint = 'insufficient_count';
    end if;
    v_short_count := p_count - w.count;
  end if;

  insert into public.ledger_transactions (org_id, kind, request_id, member_id, merchant_id, stall_id, point_id, meal_period_id,
                                          amount_fen, subsidy_fen, cash_fen, count, detail, actor_account_id)
  values (p_org, p_kind, p_request_id, p_member, v_stall.merchant_id, p_stall, p_point, p_meal_period,
          p_pay_fen, v_sub, v_cash, p_count, coalesce(p_detail, '{}'), p_actor)
  returning id into v_tx;
  perform app_private.ledger_post(p_org, v_tx, w.subsidy_id, -v_sub);
  perform app_private.ledger_post(p_org, v_tx, w.cash_id, -v_cash);
  perform app_private.ledger_post(p_org, v_tx, w.count_id, -(p_count - v_short_count));
  if v_short > 0 then
    perform app_private.ledger_post(p_org, v_tx, app_private.system_account(p_org, 'overdraft', 'fen'), -v_short);
  end if;
  if v_short_count > 0 then
    perform app_private.ledger_post(p_org, v_tx, app_private.system_account(p_org, 'overdraft', 'count'), -v_short_count);
  end if;
  if p_pay_fen > 0 then
    perform app_private.ledger_post(p_org, v_tx, app_private.merchant_account(p_org, v_stall.merchant_id, 'fen'), p_pay_fen);
  end if;
  if p_count > 0 then
    perform app_private.ledger_post(p_org, v_tx, app_private.merchant_account(p_org, v_stall.merchant_id, 'count'), p_count);
  end if;
  if v_short > 0 or v_short_count > 0 then
    insert into public.payment_flags (org_id, transaction_id, member_id, kind, amount_fen, detail)
    values (p_org, v_tx, p_member, 'overdraft', v_short, jsonb_build_object('short_count', v_short_count, 'point_id', p_point));
  end if;
  perform app_private.ledger_assert_balanced(v_tx);
  return jsonb_build_object('transaction_id', v_tx, 'replayed', false, 'amount_fen', p_pay_fen, 'subsidy_fen', v_sub,
    'cash_fen', v_cash, 'count', p_count, 'overdraft_fen', v_short, 'created_at', now(),
    'balances', jsonb_build_object('subsidy_fen', w.subsidy - v_sub, 'cash_fen', w.cash - v_cash, 'count', w.count - (p_count - v_short_count)));
end
$$;

-- ---------------------------------------------------------------- refunds
-- Refunds part or all of a payment (money and/or count tickets) with a
-- reason. Allowed to payment admins, and to the merchant's operators within
-- 24 hours of the payment. Money goes back to where it came from: an offline
-- overdraft is cancelled first, then cash, then subsidy. Idempotent by
-- p_request_id. Audited.
create function public.payment_refund(p_transaction uuid, p_amount_fen bigint, p_count integer, p_reason text, p_request_id text)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_pay public.ledger_transactions;
  v_existing public.ledger_transactions;
  v_done record;
  w record;
  v_left bigint;
  v_over bigint;
  v_cash bigint;
  v_sub bigint;
  v_tx uuid;
  v_service boolean := coalesce(auth.role(), '') = 'service_role';
begin
  select * into v_pay from public.ledger_transactions where id = p_transaction;
  if v_pay.id is null or v_pay.kind not in ('payment', 'offline_payment') then
    raise exception 'no such payment' using errcode = 'YM407';
  end if;
  if not v_service and not app_private.has_function(v_pay.org_id, 'payment')
     and not (v_pay.merchant_id in (select app_private.operated_merchant_ids()) and v_pay.created_at > now() - interval '24 hours') then
    raise exception 'only payment administrators (or the merchant, within 24 hours) may refund this payment' using errcode = '42501';
  end if;
  if p_reason is null or length(btrim(p_reason)) = 0 or length(p_reason) > 200 then
    raise exception 'give a reason for the refund (up to 200 characters)' using errcode = 'YM407';
  end if;
  if p_request_id is null or length(p_request_id) not between 8 and 120 then
    raise exception 'a refund needs a request id of 8-120 characters' using errcode = 'YM410';
  end if;
  if coalesce(p_amount_fen, -1) < 0 or coalesce(p_count, -1) < 0 or (p_amount_fen = 0 and p_count = 0) then
    raise exception 'the refund amount must be a positive whole number of fen (or of tickets)' using errcode = 'YM410';
  end if;

  select * into w from app_private.lock_wallets(v_pay.org_id, v_pay.member_id);
  select * into v_existing from public.ledger_transactions where org_id = v_pay.org_id and request_id = p_request_id;
  if v_existing.id is not null then
    if v_existing.refund_of is distinct from p_transaction or v_existing.amount_fen <> p_amount_fen or v_existing.count <> p_count then
      raise exception 'this request id was already used for a different refund' using errcode = 'YM403';
    end if;
    return jsonb_build_object('transaction_id', v_existing.id, 'replayed', true, 'amount_fen', v_existing.amount_fen,
      'subsidy_fen', v_existing.subsidy_fen, 'cash_fen', v_existing.cash_fen, 'count', v_existing.count);
  end if;

  select coalesce(sum(amount_fen), 0) as amount, coalesce(sum(subsidy_fen), 0) as sub, coalesce(sum(cash_fen), 0) as cash,
         coalesce(sum(count), 0) as count
    into v_done from public.ledger_transactions where refund_of = p_transaction;
  if p_amount_fen > v_pay.amount_fen - v_done.amount then
    raise exception 'at most % fen of this payment can still be refunded', v_pay.amount_fen - v_done.amount using errcode = 'YM407';
  end if;
  if p_count > v_pay.count - v_done.count then
    raise exception 'at most % tickets of this payment can still be refunded', v_pay.count - v_done.count using errcode = 'YM407';
  end if;
  v_left := p_amount_fen;
  v_over := least(v_left, (v_pay.amount_fen - v_pay.subsidy_fen - v_pay.cash_fen) - (v_done.amount - v_done.sub - v_done.cash));
  v_left := v_left - v_over;
  v_cash := least(v_left, v_pay.cash_fen - v_done.cash);
  v_left := v_left - v_cash;
  v_sub := v_left;

  insert into public.ledger_transactions (org_id, kind, request_id, member_id, merchant_id, stall_id, amount_fen, subsidy_fen, cash_fen,
                                          count, refund_of, reason, actor_account_id)
  values (v_pay.org_id, 'refund', p_request_id, v_pay.member_id, v_pay.merchant_id, v_pay.stall_id, p_amount_fen, v_sub, v_cash,
          p_count, p_transaction, btrim(p_reason), auth.uid())
  returning id into v_tx;
  perform app_private.ledger_post(v_pay.org_id, v_tx, w.subsidy_id, v_sub);
  perform app_private.ledger_post(v_pay.org_id, v_tx, w.cash_id, v_cash);
  perform app_private.ledger_post(v_pay.org_id, v_tx, w.count_id, p_count);
  if v_over > 0 then
    perform app_private.ledger_post(v_pay.org_id, v_tx, app_private.system_account(v_pay.org_id, 'overdraft', 'fen'), v_over);
  end if;
  perform app_private.ledger_post(v_pay.org_id, v_tx, app_private.merchant_account(v_pay.org_id, v_pay.merchant_id, 'fen'), -p_amount_fen);
  perform app_private.ledger_post(v_pay.org_id, v_tx, app_private.merchant_account(v_pay.org_id, v_pay.merchant_id, 'count'), -p_count);
  perform app_private.ledger_assert_balanced(v_tx);
  perform app_private.audit_action(v_pay.org_id, 'payment.refund', 'ledger_transactions', v_tx,
          jsonb_build_object('refund_of', p_transaction, 'amount_fen', p_amount_fen, 'count', p_count, 'reason', btrim(p_reason)));
  return jsonb_build_object('transaction_id', v_tx, 'replayed', false, 'amount_fen', p_amount_fen,
    'subsidy_fen', v_sub, 'cash_fen', v_cash, 'count', p_count);
end
$$;

-- ---------------------------------------------------------------- top-ups (WeChat Pay)
create function public.topup_create(p_org uuid, p_account uuid, p_out_trade_no text, p_amount_fen bigint)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_member uuid;
  v_order public.topup_orders;
begin
  select id into v_member from public.members where org_id = p_org and account_id = p_account and status = 'active';
  if v_member is null then
    raise exception 'you have no active card in this organisation' using errcode = 'YM405';
  end if;
  if p_amount_fen is null or p_amount_fen < 1 or p_amount_fen > 100000000 then
    raise exception 'a top-up is between 0.01 and 1,000,000 yuan' using errcode = 'YM410';
  end if;
  insert into public.topup_orders (org_id, member_id, out_trade_no, amount_fen)
  values (p_org, v_member, p_out_trade_no, p_amount_fen) returning * into v_order;
  return to_jsonb(v_order);
end
$$;

create function public.topup_set_prepay(p_out_trade_no text, p_prepay_id text)
returns void language sql security definer set search_path = '' as $$
  update public.topup_orders set prepay_id = p_prepay_id where out_trade_no = p_out_trade_no and status = 'created'
$$;

-- Credits a paid top-up once. A repeat (WeChat Pay retries callbacks) returns
-- replayed = true and changes nothing; an amount that differs from the order
-- is refused and the ledger is not touched.
create function public.topup_credit(p_out_trade_no text, p_transaction_id text, p_amount_fen bigint, p_openid text, p_paid_at timestamptz, p_channel text)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_order public.topup_orders;
  w record;
  v_tx uuid;
begin
  select * into v_order from public.topup_orders where out_trade_no = p_out_trade_no for update;
  if v_order.id is null then
    raise exception 'unknown top-up order %', p_out_trade_no using errcode = 'YM408';
  end if;
  if v_order.status = 'paid' then
    if v_order.transaction_id <> p_transaction_id then
      raise exception 'top-up order % was already paid by another transaction', p_out_trade_no using errcode = 'YM408';
    end if;
    return jsonb_build_object('order_id', v_order.id, 'replayed', true, 'status', 'paid');
  end if;
  if v_order.amount_fen <> p_amount_fen then
    raise exception 'the paid amount % does not match the order amount %', p_amount_fen, v_order.amount_fen using errcode = 'YM408';
  end if;
  if v_order.status = 'closed' then
    raise exception 'top-up order % is closed', p_out_trade_no using errcode = 'YM408';
  end if;
  select * into w from app_private.lock_wallets(v_order.org_id, v_order.member_id);
  update public.topup_orders set status = 'paid', transaction_id = p_transaction_id, payer_openid = p_openid, paid_at = p_paid_at
   where id = v_order.id;
  insert into public.ledger_transactions (org_id, kind, request_id, member_id, amount_fen, cash_fen, detail)
  values (v_order.org_id, 'topup', 'topup:' || p_out_trade_no, v_order.member_id, p_amount_fen, p_amount_fen,
          jsonb_build_object('out_trade_no', p_out_trade_no, 'transaction_id', p_transaction_id, 'channel', p_channel))
  returning id into v_tx;
  perform app_private.ledger_post(v_order.org_id, v_tx, app_private.system_account(v_order.org_id, 'topup', 'fen'), -p_amount_fen);
  perform app_private.ledger_post(v_order.org_id, v_tx, w.cash_id, p_amount_fen);
  perform app_private.audit_action(v_order.org_id, 'topup.credit', 'topup_orders', v_order.id,
          jsonb_build_object('out_trade_no', p_out_trade_no, 'transaction_id', p_transaction_id, 'amount_fen', p_amount_fen, 'channel', p_channel));
  return jsonb_build_object('order_id', v_order.id, 'replayed', false, 'status', 'paid', 'transaction', v_tx,
                            'balances', app_private.wallet_balances(v_order.org_id, v_order.member_id));
end
$$;

-- The WeChat openid a top-up is paid from (the account's login identity for
-- the mini-program app p_app_id); null when the account never logged in with WeChat.
create function public.topup_payer_openid(p_account uuid, p_app_id text)
returns text language sql stable security definer set search_path = '' as $$
  select subject from app_private.account_identities
   where account_id = p_account and provider = 'wechat' and provider_app = p_app_id
   order by last_login_at desc nulls last limit 1
$$;

-- A flag for admins from an edge function (an offline upload that failed
-- re-verification). Service role only.
create function public.payment_flag_add(p_org uuid, p_kind text, p_member uuid, p_amount_fen bigint, p_detail jsonb)
returns bigint language sql security definer set search_path = '' as $$
  insert into public.payment_flags (org_id, kind, member_id, amount_fen, detail)
  values (p_org, p_kind, p_member, greatest(coalesce(p_amount_fen, 0), 0), coalesce(p_detail, '{}'))
  returning id
$$;

-- ---------------------------------------------------------------- ledger check
-- Every transaction balances per unit, every wallet's cached balance equals
-- the sum of its entries and is not negative. Payment admins and the service role.
create function public.ledger_check(p_org uuid)
returns jsonb language plpgsql stable security definer set search_path = '' as $$
declare
  v_unbalanced jsonb;
  v_mismatched jsonb;
begin
  if coalesce(auth.role(), '') <> 'service_role' and not app_private.has_function(p_org, 'payment') then
    raise exception 'only payment administrators can check the ledger' using errcode = '42501';
  end if;
  select coalesce(jsonb_agg(x.transaction_id), '[]') into v_unbalanced from (
    select e.transaction_id from public.ledger_entries e join public.ledger_accounts a on a.id = e.account_id
     where e.org_id = p_org group by e.transaction_id, a.unit having sum(e.amount) <> 0) x;
  select coalesce(jsonb_agg(jsonb_build_object('account_id', a.id, 'balance', a.balance, 'entries', coalesce(s.total, 0))), '[]')
    into v_mismatched
    from public.ledger_accounts a
    left join (select account_id, sum(amount) as total from public.ledger_entries where org_id = p_org group by account_id) s
      on s.account_id = a.id
   where a.org_id = p_org and a.kind = 'wallet' and (a.balance <> coalesce(s.total, 0) or a.balance < 0);
  return jsonb_build_object('ok', v_unbalanced = '[]'::jsonb and v_mismatched = '[]'::jsonb,
                            'unbalanced_transactions', v_unbalanced, 'mismatched_wallets', v_mismatched);
end
$$;

-- ---------------------------------------------------------------- grants
revoke execute on function
  app_private.audit_action(uuid, text, text, uuid, jsonb),
  app_private.system_account(uuid, public.ledger_account_kind, public.ledger_unit),
  app_private.merchant_account(uuid, uuid, public.ledger_unit), app_private.lock_wallets(uuid, uuid),
  app_private.ledger_post(uuid, uuid, uuid, bigint), app_private.ledger_assert_balanced(uuid),
  app_private.org_day_start(uuid, timestamptz), app_private.wallet_balances(uuid, uuid)
from public;
revoke execute on function
  public.payment_context(uuid, uuid, uuid, uuid, uuid),
  public.payment_commit(uuid, uuid, uuid, text, public.ledger_tx_kind, bigint, integer, public.wallet_kind[], jsonb, uuid, uuid, uuid, jsonb),
  public.payment_refund(uuid, bigint, integer, text, text),
  public.topup_create(uuid, uuid, text, bigint), public.topup_set_prepay(text, text),
  public.topup_credit(text, text, bigint, text, timestamptz, text), public.ledger_check(uuid),
  public.topup_payer_openid(uuid, text), public.payment_flag_add(uuid, text, uuid, bigint, jsonb)
from public, anon, authenticated;
grant execute on function
  public.payment_context(uuid, uuid, uuid, uuid, uuid),
  public.payment_commit(uuid, uuid, uuid, text, public.ledger_tx_kind, bigint, integer, public.wallet_kind[], jsonb, uuid, uuid, uuid, jsonb),
  public.topup_create(uuid, uuid, text, bigint), public.topup_set_prepay(text, text),
  public.topup_credit(text, text, bigint, text, timestamptz, text),
  public.topup_payer_openid(uuid, text), public.payment_flag_add(uuid, text, uuid, bigint, jsonb)
to service_role;
grant execute on function public.payment_refund(uuid, bigint, integer, text, text), public.ledger_check(uuid)
to authenticated, service_role;
