-- Operations: platform operators (the people running this Yima
-- deployment), tenant subscriptions (yearly per-seat plans; the prorated
-- refund is computed in shared/src/operations/billing.ts and recorded
-- here), support tickets with SLA clocks and escalation, and audited reveal
-- of personal data (every unmasked read of an ID-card number or a phone is
-- an audit row).
-- Error codes: YM811 not allowed in this state, YM812 invalid input.

create table app_private.platform_operators (
  account_id uuid primary key references public.accounts(id) on delete cascade,
  phone text,
  created_at timestamptz not null default now()
);
comment on table app_private.platform_operators is 'Accounts that operate this deployment: see every org''s subscription and every support ticket. phone: where SLA alerts go.';

create function app_private.is_platform_operator() returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from app_private.platform_operators where account_id = auth.uid())
$$;

-- ---------------------------------------------------------------- subscriptions
create table public.subscriptions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  plan text not null default 'standard' check (plan ~ '^[a-z_]{2,30}$'),
  seats integer not null check (seats between 1 and 10000000),
  price_per_seat_fen bigint not null default 3000 check (price_per_seat_fen >= 0),
  amount_fen bigint not null check (amount_fen >= 0),
  starts_on date not null,
  ends_on date not null,
  status text not null default 'active' check (status in ('active', 'cancelled', 'expired')),
  renewed_from uuid references public.subscriptions(id),
  cancelled_on date,
  refund_fen bigint check (refund_fen is null or refund_fen between 0 and amount_fen),
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_on > starts_on),
  check ((status = 'cancelled') = (cancelled_on is not null and refund_fen is not null))
);
comment on table public.subscriptions is 'Yearly per-seat plans (e.g. ¥30 per person per year). amount_fen = seats × price; a cancellation records the prorated refund (shared billing.ts).';
create index subscriptions_org on public.subscriptions (org_id, ends_on desc);

create trigger subscriptions_touch_updated_at before update on public.subscriptions for each row execute function app_private.touch_updated_at();
create trigger subscriptions_audit after insert or update or delete on public.subscriptions for each row execute function app_private.audit_row();

alter table public.subscriptions enable row level security;
create policy subscriptions_select_super_or_operators on public.subscriptions for select to authenticated
  using (org_id in (select app_private.super_admin_org_ids()) or app_private.is_platform_operator());
revoke all on public.subscriptions from anon, authenticated, service_role;
grant select on public.subscriptions to authenticated, service_role;

-- Records a term bought (operators). p_amount_fen is seats × price (checked).
create function public.subscription_create(p_org uuid, p_seats integer, p_price_per_seat_fen bigint, p_starts_on date, p_ends_on date, p_renewed_from uuid default null)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare s public.subscriptions;
begin
  if not app_private.is_platform_operator() and coalesce(auth.role(), '') <> 'service_role' then
    raise exception 'only platform operators manage subscriptions' using errcode = '42501';
  end if;
  if p_seats is null or p_seats < 1 or p_price_per_seat_fen is null or p_price_per_seat_fen < 0 or p_ends_on <= p_starts_on then
    raise exception 'seats must be at least 1, the price not negative, and the term must end after it starts' using errcode = 'YM812';
  end if;
  if p_renewed_from is not null then
    update public.subscriptions set status = 'expired' where id = p_renewed_from and status = 'active' and org_id = p_org;
  end if;
  insert into public.subscriptions (org_id, seats, price_per_seat_fen, amount_fen, starts_on, ends_on, renewed_from, created_by)
  values (p_org, p_seats, p_price_per_seat_fen, p_seats::bigint * p_price_per_seat_fen, p_starts_on, p_ends_on, p_renewed_from, auth.uid())
  returning * into s;
  return to_jsonb(s);
end
$$;

-- Cancels with the refund the function computed (prorated); re-checks it never exceeds what was paid.
create function public.subscription_cancel(p_subscription uuid, p_cancelled_on date, p_refund_fen bigint)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare s public.subscriptions;
begin
  if not app_private.is_platform_operator() and coalesce(auth.role(), '') <> 'service_role' then
    raise exception 'only platform operators manage subscriptions' using errcode = '42501';
  end if;
  select * into s from public.subscriptions where id = p_subscription for update;
  if s.id is null or s.status <> 'active' then
    raise exception 'only an active subscription can be cancelled' using errcode = 'YM811';
  end if;
  if p_refund_fen is null or p_refund_fen < 0 or p_refund_fen > s.amount_fen then
    raise exception 'the refund must be between 0 and what was paid' using errcode = 'YM812';
  end if;
  update public.subscriptions set status = 'cancelled', cancelled_on = p_cancelled_on, refund_fen = p_refund_fen where id = s.id returning * into s;
  return to_jsonb(s);
end
$$;

-- Every org with its current plan: seats bought vs in use (active members), expiry.
create function public.subscriptions_overview() returns table (
  org_id uuid, org_name text, subscription_id uuid, seats integer, seats_in_use bigint, starts_on date, ends_on date,
  status text, amount_fen bigint, days_left integer)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not app_private.is_platform_operator() and coalesce(auth.role(), '') <> 'service_role' then
    raise exception 'only platform operators see every organisation' using errcode = '42501';
  end if;
  return query
  select o.id, o.name, s.id, s.seats,
         (select count(*) from public.members m where m.org_id = o.id and m.status = 'active'),
         s.starts_on, s.ends_on, coalesce(s.status, 'none'), s.amount_fen,
         case when s.ends_on is null then null else (s.ends_on - current_date)::integer end
    from public.orgs o
    left join lateral (select * from public.subscriptions x where x.org_id = o.id and x.status = 'active' order by x.ends_on desc limit 1) s on true
   order by o.name;
end
$$;

-- ---------------------------------------------------------------- tickets
create type public.ticket_severity as enum ('svip_urgent', 'very_urgent', 'urgent', 'normal');

-- Minutes to respond and to resolve per class (shared/src/operations/sla.ts has the same table).
create function app_private.sla_minutes(p_severity public.ticket_severity, out respond integer, out resolve integer)
language sql immutable set search_path = '' as $$
  select case p_severity when 'svip_urgent' then 10 when 'very_urgent' then 30 when 'urgent' then 60 else 120 end,
         case p_severity when 'svip_urgent' then 480 when 'very_urgent' then 720 when 'urgent' then 1440 else 4320 end
$$;

create table public.support_tickets (
  id uuid primary key default gen_random_uuid(),
  org_id uuid references public.orgs(id) on delete set null,
  customer_name text not null check (length(btrim(customer_name)) between 1 and 50),
  region text check (region is null or length(region) <= 50),
  organisation_name text not null check (length(btrim(organisation_name)) between 1 and 100),
  phone text not null check (phone ~ '^1[3-9][0-9]{9}$'),
  product text not null check (length(btrim(product)) between 1 and 50),
  description text not null check (length(btrim(description)) between 1 and 2000),
  years_of_use integer check (years_of_use is null or years_of_use between 0 and 100),
  severity public.ticket_severity not null default 'normal',
  status text not null default 'open' check (status in ('open', 'responded', 'resolved', 'closed')),
  opened_at timestamptz not null default now(),
  respond_due timestamptz not null,
  resolve_due timestamptz not null,
  first_response_at timestamptz,
  resolved_at timestamptz,
  resolution text check (resolution is null or length(resolution) <= 4000),
  escalation_level smallint not null default 0,
  breached_response boolean not null default false,
  breached_resolution boolean not null default false,
  created_by uuid,
  updated_at timestamptz not null default now(),
  check ((status in ('resolved', 'closed')) = (resolved_at is not null and resolution is not null))
);
comment on table public.support_tickets is 'Support tickets (故障预受理) with SLA clocks: respond_due / resolve_due from the severity class; a missed limit is recorded, escalates and alerts the operators.';
create index support_tickets_open on public.support_tickets (resolve_due) where status in ('open', 'responded');
create index support_tickets_org on public.support_tickets (org_id, opened_at desc);

create table public.ticket_events (
  id bigint generated always as identity primary key,
  ticket_id uuid not null references public.support_tickets(id) on delete cascade,
  kind text not null check (kind in ('opened', 'responded', 'escalated', 'resolved', 'closed', 'comment')),
  note text check (note is null or length(note) <= 4000),
  actor_account_id uuid,
  at timestamptz not null default now()
);
create index ticket_events_ticket on public.ticket_events (ticket_id, id);

create trigger support_tickets_touch_updated_at before update on public.support_tickets for each row execute function app_private.touch_updated_at();
create trigger support_tickets_audit after insert or update or delete on public.support_tickets for each row execute function app_private.audit_row();

alter table public.support_tickets enable row level security;
create policy support_tickets_select_own_org_or_operators on public.support_tickets for select to authenticated
  using (org_id in (select app_private.super_admin_org_ids()) or app_private.is_platform_operator());
alter table public.ticket_events enable row level security;
create policy ticket_events_select_with_ticket on public.ticket_events for select to authenticated
  using (exists (select 1 from public.support_tickets t where t.id = ticket_events.ticket_id));
revoke all on public.support_tickets, public.ticket_events from anon, authenticated, service_role;
grant select on public.support_tickets, public.ticket_events to authenticated, service_role;

-- Opens a ticket: an org's super admin for their org, or an operator for anyone.
create function public.ticket_open(p_ticket jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  t public.support_tickets;
  v_org uuid := nullif(p_ticket ->> 'org_id', '')::uuid;
  v_severity public.ticket_severity := coalesce(nullif(p_ticket ->> 'severity', ''), 'normal')::public.ticket_severity;
  v_sla record;
begin
  if not app_private.is_platform_operator() and not (v_org is not null and v_org in (select app_private.super_admin_org_ids())) then
    raise exception 'open tickets for your own organisation (super admins) or as a platform operator' using errcode = '42501';
  end if;
  select * into v_sla from app_private.sla_minutes(v_severity);
  insert into public.support_tickets (org_id, customer_name, region, organisation_name, phone, product, description, years_of_use,
                                      severity, respond_due, resolve_due, created_by)
  values (v_org, btrim(p_ticket ->> 'customer_name'), nullif(btrim(p_ticket ->> 'region'), ''), btrim(p_ticket ->> 'organisation_name'),
          p_ticket ->> 'phone', btrim(p_ticket ->> 'product'), btrim(p_ticket ->> 'description'), (p_ticket ->> 'years_of_use')::integer,
          v_severity, now() + make_interval(mins => v_sla.respond), now() + make_interval(mins => v_sla.resolve), auth.uid())
  returning * into t;
  insert into public.ticket_events (ticket_id, kind, actor_account_id) values (t.id, 'opened', auth.uid());
  return to_jsonb(t);
end
$$;

create function public.ticket_respond(p_ticket uuid, p_note text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare t public.support_tickets;
begin
  if not app_private.is_platform_operator() then
    raise exception 'only platform operators handle tickets' using errcode = '42501';
  end if;
  select * into t from public.support_tickets where id = p_ticket for update;
  if t.id is null or t.status not in ('open', 'responded') then
    raise exception 'this ticket is not open' using errcode = 'YM811';
  end if;
  update public.support_tickets set status = 'responded', first_response_at = coalesce(first_response_at, now()),
         breached_response = breached_response or (first_response_at is null and now() > respond_due)
   where id = t.id returning * into t;
  insert into public.ticket_events (ticket_id, kind, note, actor_account_id) values (t.id, 'responded', nullif(btrim(p_note), ''), auth.uid());
  return to_jsonb(t);
end
$$;

create function public.ticket_resolve(p_ticket uuid, p_resolution text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare t public.support_tickets;
begin
  if not app_private.is_platform_operator() then
    raise exception 'only platform operators handle tickets' using errcode = '42501';
  end if;
  if p_resolution is null or length(btrim(p_resolution)) < 5 then
    raise exception '请写明处理结果 (write the resolution, at least 5 characters)' using errcode = 'YM812';
  end if;
  select * into t from public.support_tickets where id = p_ticket for update;
  if t.id is null or t.status not in ('open', 'responded') then
    raise exception 'this ticket is not open' using errcode = 'YM811';
  end if;
  update public.support_tickets set status = 'resolved', resolved_at = now(), resolution = btrim(p_resolution),
         first_response_at = coalesce(first_response_at, now()),
         breached_response = breached_response or (first_response_at is null and now() > respond_due),
         breached_resolution = breached_resolution or now() > resolve_due
   where id = t.id returning * into t;
  insert into public.ticket_events (ticket_id, kind, note, actor_account_id) values (t.id, 'resolved', btrim(p_resolution), auth.uid());
  return to_jsonb(t);
end
$$;

-- Finds open tickets past a limit not yet recorded as breached: records the
-- breach, raises the escalation level, and returns them for alerting.
-- Service role (ops-jobs).
create function public.ticket_sla_sweep(p_now timestamptz default now()) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare v jsonb;
begin
  with breached as (
    update public.support_tickets t
       set breached_response = breached_response or (first_response_at is null and p_now > respond_due),
           breached_resolution = breached_resolution or p_now > resolve_due,
           escalation_level = escalation_level + 1
     where status in ('open', 'responded')
       and ((not breached_response and first_response_at is null and p_now > respond_due)
            or (not breached_resolution and p_now > resolve_due))
    returning t.*
  ), logged as (
    insert into public.ticket_events (ticket_id, kind, note)
    select id, 'escalated', case when breached_resolution then 'resolution limit missed' else 'response limit missed' end from breached
  )
  select coalesce(jsonb_agg(jsonb_build_object('id', id, 'severity', severity, 'organisation_name', organisation_name,
           'escalation_level', escalation_level, 'missed', case when breached_resolution then 'resolve' else 'respond' end)), '[]')
    into v from breached;
  return v;
end
$$;

-- Breaches per month (operators): tickets opened, response and resolution limits missed.
create function public.ticket_breaches_by_month(p_from date, p_to date)
returns table (month text, opened bigint, response_breaches bigint, resolution_breaches bigint)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not app_private.is_platform_operator() then
    raise exception 'only platform operators see ticket reports' using errcode = '42501';
  end if;
  return query
  select to_char(date_trunc('month', opened_at at time zone 'Asia/Shanghai'), 'YYYY-MM'), count(*),
         count(*) filter (where breached_response), count(*) filter (where breached_resolution)
    from public.support_tickets
   where opened_at >= p_from and opened_at < p_to + 1
   group by 1 order by 1;
end
$$;

create function public.platform_operator_phones() returns text[]
language sql stable security definer set search_path = '' as $$
  select coalesce(array_agg(phone) filter (where phone is not null), '{}') from app_private.platform_operators
$$;

-- ---------------------------------------------------------------- PII reveal
-- A member's full ID-card number or phone, for admins who manage the
-- member's department; each reveal is an audit row (pii.reveal).
create function public.member_reveal_pii(p_member uuid, p_field text) returns text
language plpgsql security definer set search_path = '' as $$
declare
  m public.members;
  v text;
begin
  select * into m from public.members where id = p_member;
  if m.id is null or not app_private.can_admin_department(m.department_id) then
    raise exception 'you do not manage this member' using errcode = '42501';
  end if;
  if p_field = 'id_card' then
    select extensions.pgp_sym_decrypt(s.id_card_cipher, app_private.pii_passphrase()) into v
      from app_private.member_secrets s where s.member_id = m.id;
  elsif p_field = 'phone' then
    v := m.phone;
  else
    raise exception 'reveal id_card or phone' using errcode = 'YM812';
  end if;
  perform app_private.audit_action(m.org_id, 'pii.reveal', 'members', m.id, jsonb_build_object('field', p_field));
  return v;
end
$$;

revoke execute on function app_private.is_platform_operator(), app_private.sla_minutes(public.ticket_severity) from public;
grant execute on function app_private.is_platform_operator() to authenticated, service_role;
revoke execute on function public.subscription_create(uuid, integer, bigint, date, date, uuid), public.subscription_cancel(uuid, date, bigint),
  public.subscriptions_overview(), public.ticket_open(jsonb), public.ticket_respond(uuid, text), public.ticket_resolve(uuid, text),
  public.ticket_sla_sweep(timestamptz), public.ticket_breaches_by_month(date, date), public.platform_operator_phones(),
  public.member_reveal_pii(uuid, text) from public, anon;
revoke execute on function public.ticket_sla_sweep(timestamptz), public.platform_operator_phones() from authenticated;
grant execute on function public.subscription_create(uuid, integer, bigint, date, date, uuid), public.subscription_cancel(uuid, date, bigint),
  public.subscriptions_overview(), public.ticket_open(jsonb), public.ticket_respond(uuid, text), public.ticket_resolve(uuid, text),
  public.ticket_breaches_by_month(date, date), public.member_reveal_pii(uuid, text) to authenticated, service_role;
grant execute on function public.ticket_sla_sweep(timestamptz), public.platform_operator_phones() to service_role;
