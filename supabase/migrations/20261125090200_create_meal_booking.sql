-- Meal booking for precise preparation (报餐订餐/精准备餐): members book a
-- meal period at a canteen (a merchant) for a day before the period's
-- cut-off; canteens see headcounts per day, meal and canteen; the booking is
-- redeemed when the member pays or is scanned at that canteen during the
-- meal (扫码核销); bookings never redeemed become no-shows after the meal.
-- Error codes: YM611 past the cut-off / not bookable, YM612 not allowed in this state.

alter table public.meal_periods add column booking_cutoff_minutes integer check (booking_cutoff_minutes is null or booking_cutoff_minutes between 0 and 10080);
comment on column public.meal_periods.booking_cutoff_minutes is 'Booking closes this many minutes before the meal starts (e.g. 120; 960 = 16:00 the day before a 08:00 breakfast); null = this meal is not booked in advance.';
alter table public.merchants add column takes_bookings boolean not null default false;
comment on column public.merchants.takes_bookings is 'A canteen that takes meal bookings (报餐).';

create table public.meal_bookings (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  member_id uuid not null,
  merchant_id uuid not null,
  meal_period_id uuid not null,
  day date not null,
  status text not null default 'booked' check (status in ('booked', 'cancelled', 'redeemed', 'no_show')),
  booked_at timestamptz not null default now(),
  cancelled_at timestamptz,
  redeemed_at timestamptz,
  updated_at timestamptz not null default now(),
  foreign key (org_id, member_id) references public.members(org_id, id) on delete cascade,
  foreign key (org_id, merchant_id) references public.merchants(org_id, id) on delete cascade,
  foreign key (org_id, meal_period_id) references public.meal_periods(org_id, id) on delete cascade
);
comment on table public.meal_bookings is 'One booked meal per member, day and meal period (a cancelled one may be booked again).';
create unique index meal_bookings_one_live on public.meal_bookings (member_id, day, meal_period_id) where status <> 'cancelled';
create index meal_bookings_day on public.meal_bookings (org_id, day, meal_period_id, merchant_id);

create trigger meal_bookings_touch_updated_at before update on public.meal_bookings
  for each row execute function app_private.touch_updated_at();
create trigger meal_bookings_forbid_org_change before update on public.meal_bookings
  for each row execute function app_private.forbid_org_change();

alter table public.meal_bookings enable row level security;
create policy meal_bookings_select_self_operator_or_admins on public.meal_bookings for select to authenticated
  using (member_id in (select app_private.my_member_ids())
         or merchant_id in (select app_private.operated_merchant_ids())
         or org_id in (select app_private.app_admin_org_ids('meal_booking'))
         or org_id in (select app_private.function_org_ids('payment')));
revoke all on public.meal_bookings from anon, authenticated, service_role;
grant select on public.meal_bookings to authenticated, service_role;

-- When a meal period of day p_day starts, and when booking it closes (UTC instants).
create function app_private.meal_times(p_period public.meal_periods, p_day date)
returns table (starts_at timestamptz, ends_at timestamptz, cutoff_at timestamptz)
language sql stable security definer set search_path = '' as $$
  select (p_day + p_period.starts) at time zone o.timezone,
         (p_day + p_period.ends) at time zone o.timezone,
         (p_day + p_period.starts) at time zone o.timezone - make_interval(mins => coalesce(p_period.booking_cutoff_minutes, 0))
    from public.orgs o where o.id = p_period.org_id
$$;

create function public.meal_book(p_merchant uuid, p_meal_period uuid, p_day date) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  p public.meal_periods;
  m public.members;
  t record;
  b public.meal_bookings;
begin
  select * into p from public.meal_periods where id = p_meal_period;
  if p.id is null or p.booking_cutoff_minutes is null then
    raise exception '该餐次不接受预订 (this meal is not booked in advance)' using errcode = 'YM611';
  end if;
  m := app_private.my_member(p.org_id);
  if not exists (select 1 from public.merchants where id = p_merchant and org_id = p.org_id and active and takes_bookings) then
    raise exception '该食堂不接受报餐 (this canteen does not take bookings)' using errcode = 'YM611';
  end if;
  select * into t from app_private.meal_times(p, p_day);
  if now() >= t.cutoff_at then
    raise exception '已过报餐截止时间 % (booking closed at %)', to_char(t.cutoff_at at time zone 'Asia/Shanghai', 'MM-DD HH24:MI'),
      to_char(t.cutoff_at at time zone 'Asia/Shanghai', 'MM-DD HH24:MI') using errcode = 'YM611';
  end if;
  if p_day > (now() at time zone 'Asia/Shanghai')::date + 14 then
    raise exception '最多预订 14 天内的餐 (book at most 14 days ahead)' using errcode = 'YM611';
  end if;
  insert into public.meal_bookings (org_id, member_id, merchant_id, meal_period_id, day)
  values (p.org_id, m.id, p_merchant, p.id, p_day)
  on conflict (member_id, day, meal_period_id) where status <> 'cancelled' do nothing
  returning * into b;
  if b.id is null then
    raise exception '这一餐已经预订过了 (you already booked this meal)' using errcode = 'YM612';
  end if;
  return to_jsonb(b);
end
$$;

create function public.meal_cancel(p_booking uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  b public.meal_bookings;
  p public.meal_periods;
  t record;
begin
  select * into b from public.meal_bookings where id = p_booking for update;
  if b.id is null or b.member_id not in (select app_private.my_member_ids()) then
    raise exception 'no such booking of yours' using errcode = 'P0002';
  end if;
  if b.status <> 'booked' then
    raise exception '该预订不能取消（%） (only open bookings can be cancelled)', b.status using errcode = 'YM612';
  end if;
  select * into p from public.meal_periods where id = b.meal_period_id;
  select * into t from app_private.meal_times(p, b.day);
  if now() >= t.cutoff_at then
    raise exception '已过截止时间，不能取消 (past the cut-off: the canteen is already preparing)' using errcode = 'YM611';
  end if;
  update public.meal_bookings set status = 'cancelled', cancelled_at = now() where id = b.id returning * into b;
  return to_jsonb(b);
end
$$;

-- Redeems the member's booking at the canteen for the meal going on at
-- p_at (called by pos-charge after a payment, and by the meal-redeem scan).
-- Returns the booking, or null when there is none.
create function public.meal_redeem(p_org uuid, p_member uuid, p_merchant uuid, p_at timestamptz default now()) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare b public.meal_bookings;
begin
  update public.meal_bookings mb set status = 'redeemed', redeemed_at = p_at
    from public.meal_periods p, public.orgs o
   where mb.org_id = p_org and mb.member_id = p_member and mb.merchant_id = p_merchant and mb.status = 'booked'
     and p.id = mb.meal_period_id and o.id = p_org
     and mb.day = (p_at at time zone o.timezone)::date
     and (p_at at time zone o.timezone)::time >= p.starts - interval '30 minutes'
     and (p_at at time zone o.timezone)::time < p.ends
  returning mb.* into b;
  return case when b.id is null then null else to_jsonb(b) end;
end
$$;

-- Headcounts per day, meal and canteen: booked (still open), redeemed,
-- no-show, cancelled, and to_prepare = booked + redeemed + no_show (every
-- booking not cancelled). Canteen operators, meal-booking and payment admins.
create function public.meal_headcounts(p_org uuid, p_from date, p_to date)
returns table (day date, meal_period_id uuid, meal_name text, merchant_id uuid, merchant_name text,
               to_prepare bigint, booked bigint, redeemed bigint, no_show bigint, cancelled bigint)
language plpgsql stable security definer set search_path = '' as $$
begin
  if coalesce(auth.role(), '') <> 'service_role'
     and p_org not in (select app_private.app_admin_org_ids('meal_booking'))
     and not app_private.has_function(p_org, 'payment')
     and not exists (select 1 from public.merchants x where x.org_id = p_org and x.id in (select app_private.operated_merchant_ids())) then
    raise exception 'headcounts need the meal booking app, the payment function, or a canteen operator' using errcode = '42501';
  end if;
  if p_to < p_from or p_to - p_from > 92 then
    raise exception 'choose at most 92 days' using errcode = 'YM611';
  end if;
  return query
  select b.day, b.meal_period_id, p.name, b.merchant_id, x.name,
         count(*) filter (where b.status <> 'cancelled'), count(*) filter (where b.status = 'booked'),
         count(*) filter (where b.status = 'redeemed'), count(*) filter (where b.status = 'no_show'),
         count(*) filter (where b.status = 'cancelled')
    from public.meal_bookings b
    join public.meal_periods p on p.id = b.meal_period_id
    join public.merchants x on x.id = b.merchant_id
   where b.org_id = p_org and b.day between p_from and p_to
     and (coalesce(auth.role(), '') = 'service_role' or p_org in (select app_private.app_admin_org_ids('meal_booking'))
          or app_private.has_function(p_org, 'payment') or b.merchant_id in (select app_private.operated_merchant_ids()))
   group by b.day, b.meal_period_id, p.name, p.starts, b.merchant_id, x.name
   order by b.day, p.starts, x.name;
end
$$;

-- Marks bookings of meals that are over and were never redeemed as no-shows.
create function public.meal_jobs(p_now timestamptz default now()) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare v integer;
begin
  update public.meal_bookings b set status = 'no_show'
    from public.meal_periods p, public.orgs o
   where b.status = 'booked' and p.id = b.meal_period_id and o.id = b.org_id
     and (b.day + p.ends) at time zone o.timezone <= p_now;
  get diagnostics v = row_count;
  return jsonb_build_object('no_show', v);
end
$$;

revoke execute on function app_private.meal_times(public.meal_periods, date) from public;
revoke execute on function public.meal_book(uuid, uuid, date), public.meal_cancel(uuid), public.meal_redeem(uuid, uuid, uuid, timestamptz),
  public.meal_headcounts(uuid, date, date), public.meal_jobs(timestamptz) from public, anon;
revoke execute on function public.meal_redeem(uuid, uuid, uuid, timestamptz), public.meal_jobs(timestamptz) from authenticated;
grant execute on function public.meal_book(uuid, uuid, date), public.meal_cancel(uuid), public.meal_headcounts(uuid, date, date)
  to authenticated, service_role;
grant execute on function public.meal_redeem(uuid, uuid, uuid, timestamptz), public.meal_jobs(timestamptz) to service_role;
