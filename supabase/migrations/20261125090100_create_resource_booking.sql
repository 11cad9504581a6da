-- Resource booking (资源预约): rooms, devices and spaces with capacity,
-- opening hours and optional approval. The database itself forbids double
-- booking: an exclusion constraint over (resource, time range) among live
-- bookings, so concurrent requests for one slot yield exactly one booking.
-- A booking not checked in 15 minutes after it starts is released
-- (no_show) by resource_jobs. Managed by admins with the `resources` app.
-- Error codes: YM601 slot taken, YM602 invalid booking, YM603 not allowed in this state.

create table public.resources (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 50),
  kind text not null default 'room' check (kind in ('room', 'device', 'space', 'other')),
  location text check (location is null or length(location) <= 100),
  capacity integer not null default 1 check (capacity between 1 and 10000),
  open_hours jsonb not null default '[]' check (jsonb_typeof(open_hours) = 'array'),
  requires_approval boolean not null default false,
  max_hours integer not null default 4 check (max_hours between 1 and 72),
  audience jsonb not null default '{}' check (jsonb_typeof(audience) = 'object'),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, name)
);
comment on table public.resources is 'Bookable rooms, devices and spaces. open_hours: [{"days":[1..7],"start":"08:00","end":"20:00"}] in the org''s local time; empty = always open. audience: who may book (empty = everyone).';

create table public.resource_bookings (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  resource_id uuid not null,
  member_id uuid not null,
  during tstzrange not null check (not isempty(during) and lower(during) is not null and upper(during) is not null),
  status text not null check (status in ('pending', 'approved', 'rejected', 'cancelled', 'checked_in', 'no_show', 'expired')),
  attendees integer not null default 1 check (attendees between 1 and 10000),
  purpose text check (purpose is null or length(purpose) <= 200),
  decided_by uuid,
  decided_at timestamptz,
  reason text check (reason is null or length(reason) <= 200),
  checked_in_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (org_id, resource_id) references public.resources(org_id, id) on delete cascade,
  foreign key (org_id, member_id) references public.members(org_id, id) on delete cascade,
  constraint resource_bookings_no_overlap exclude using gist (resource_id with =, during with &&)
    where (status in ('pending', 'approved', 'checked_in'))
);
comment on table public.resource_bookings is 'Bookings. Live ones (pending, approved, checked_in) never overlap on one resource (exclusion constraint).';
create index resource_bookings_member on public.resource_bookings (org_id, member_id, lower(during) desc);
create index resource_bookings_live_start on public.resource_bookings (lower(during)) where status in ('pending', 'approved');

do $$
declare t text;
begin
  foreach t in array array['resources', 'resource_bookings'] loop
    execute format('create trigger %I_touch_updated_at before update on public.%I for each row execute function app_private.touch_updated_at()', t, t);
    execute format('create trigger %I_forbid_org_change before update on public.%I for each row execute function app_private.forbid_org_change()', t, t);
    execute format('create trigger %I_audit after insert or update or delete on public.%I for each row execute function app_private.audit_row()', t, t);
  end loop;
end
$$;

alter table public.resources enable row level security;
create policy resources_select_members on public.resources for select to authenticated
  using (org_id in (select app_private.member_org_ids()));
create policy resources_insert_app_admins on public.resources for insert to authenticated
  with check (org_id in (select app_private.app_admin_org_ids('resources')));
create policy resources_update_app_admins on public.resources for update to authenticated
  using (org_id in (select app_private.app_admin_org_ids('resources'))) with check (org_id in (select app_private.app_admin_org_ids('resources')));
create policy resources_delete_app_admins on public.resources for delete to authenticated
  using (org_id in (select app_private.app_admin_org_ids('resources')));

alter table public.resource_bookings enable row level security;
-- Everyone in the org sees when a resource is taken (to pick a free slot); the RPCs write.
create policy resource_bookings_select_members on public.resource_bookings for select to authenticated
  using (org_id in (select app_private.member_org_ids()));

revoke all on public.resources, public.resource_bookings from anon, authenticated, service_role;
grant select, insert, update, delete on public.resources to authenticated;
grant select on public.resource_bookings to authenticated;
grant all on public.resources to service_role;
grant select on public.resource_bookings to service_role;

-- ---------------------------------------------------------------- RPCs
-- Books [p_from, p_until) of a resource for the caller. Checks the resource
-- is active and open for the caller, the time is in the future, within one
-- opening window, at most max_hours, attendees within capacity. Pending when
-- the resource needs approval, else approved. A taken slot raises YM601.
create function public.resource_book(p_resource uuid, p_from timestamptz, p_until timestamptz, p_attendees integer default 1, p_purpose text default null)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  r public.resources;
  m public.members;
  v_tz text;
  v_from timestamp;
  v_until timestamp;
  v_end time;
  b public.resource_bookings;
begin
  select * into r from public.resources where id = p_resource;
  if r.id is null or not r.active then
    raise exception '没有这个资源，或已停用 (no such resource, or it is not bookable)' using errcode = 'YM602';
  end if;
  m := app_private.my_member(r.org_id);
  if not app_private.audience_matches(r.audience, m) then
    raise exception '你不在该资源的可预约范围内 (this resource is not open to you)' using errcode = '42501';
  end if;
  if p_from is null or p_until is null or p_until <= p_from then
    raise exception '结束时间须晚于开始时间 (the booking must end after it starts)' using errcode = 'YM602';
  end if;
  if p_from < now() then
    raise exception '不能预约过去的时间 (the booking starts in the past)' using errcode = 'YM602';
  end if;
  if p_until - p_from > make_interval(hours => r.max_hours) then
    raise exception '单次最长 % 小时 (at most % hours per booking)', r.max_hours, r.max_hours using errcode = 'YM602';
  end if;
  if coalesce(p_attendees, 1) > r.capacity then
    raise exception '人数超过容量 % (more people than the capacity %)', r.capacity, r.capacity using errcode = 'YM602';
  end if;
  select timezone into v_tz from public.orgs where id = r.org_id;
  v_from := p_from at time zone v_tz;
  v_until := p_until at time zone v_tz;
  -- Within one opening window of one local day ('24:00' ends a day).
  v_end := case when v_until::date = v_from::date + 1 and v_until::time = '00:00' then '24:00'::time else v_until::time end;
  if jsonb_array_length(r.open_hours) > 0 and not (
       (v_until::date = v_from::date or (v_until::date = v_from::date + 1 and v_until::time = '00:00'))
       and exists (select 1 from jsonb_array_elements(r.open_hours) w
                    where (w -> 'days' is null or extract(isodow from v_from)::int in (select jsonb_array_elements_text(w -> 'days')::int))
                      and v_from::time >= (w ->> 'start')::time and v_end <= (w ->> 'end')::time)) then
    raise exception '不在开放时间内 (outside the opening hours)' using errcode = 'YM602';
  end if;
  begin
    insert into public.resource_bookings (org_id, resource_id, member_id, during, status, attendees, purpose)
    values (r.org_id, r.id, m.id, tstzrange(p_from, p_until, '[)'), case when r.requires_approval then 'pending' else 'approved' end,
            coalesce(p_attendees, 1), nullif(btrim(p_purpose), ''))
    returning * into b;
  exception when exclusion_violation then
    raise exception '该时段已被预约 (this time slot is already booked)' using errcode = 'YM601';
  end;
  return to_jsonb(b) || jsonb_build_object('resource_name', r.name);
end
$$;

create function public.resource_decide(p_booking uuid, p_decision text, p_reason text default null)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare b public.resource_bookings;
begin
  select * into b from public.resource_bookings where id = p_booking for update;
  if b.id is null then
    raise exception 'no such booking' using errcode = 'P0002';
  end if;
  if b.org_id not in (select app_private.app_admin_org_ids('resources')) then
    raise exception 'approving bookings needs the resources app permission' using errcode = '42501';
  end if;
  if b.status <> 'pending' then
    raise exception '该预约已处理（%） (this booking is no longer pending)', b.status using errcode = 'YM603';
  end if;
  if p_decision not in ('approved', 'rejected') then
    raise exception 'decide approved or rejected' using errcode = 'YM602';
  end if;
  update public.resource_bookings set status = p_decision, decided_by = auth.uid(), decided_at = now(), reason = nullif(btrim(p_reason), '')
   where id = b.id returning * into b;
  return to_jsonb(b);
end
$$;

create function public.resource_cancel(p_booking uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare b public.resource_bookings;
begin
  select * into b from public.resource_bookings where id = p_booking for update;
  if b.id is null then
    raise exception 'no such booking' using errcode = 'P0002';
  end if;
  if not (b.member_id in (select app_private.my_member_ids()) or b.org_id in (select app_private.app_admin_org_ids('resources'))) then
    raise exception 'only who booked it or a resources admin can cancel it' using errcode = '42501';
  end if;
  if b.status not in ('pending', 'approved') or upper(b.during) <= now() then
    raise exception '该预约无法取消（%） (this booking cannot be cancelled)', b.status using errcode = 'YM603';
  end if;
  update public.resource_bookings set status = 'cancelled' where id = b.id returning * into b;
  return to_jsonb(b);
end
$$;

-- Check-in from 10 minutes before the start until 15 minutes after it.
create function public.resource_check_in(p_booking uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare b public.resource_bookings;
begin
  select * into b from public.resource_bookings where id = p_booking for update;
  if b.id is null or b.member_id not in (select app_private.my_member_ids()) then
    raise exception 'no such booking of yours' using errcode = 'P0002';
  end if;
  if b.status <> 'approved' then
    raise exception '该预约不能签到（%） (only approved bookings can check in)', b.status using errcode = 'YM603';
  end if;
  if now() < lower(b.during) - interval '10 minutes' or now() > lower(b.during) + interval '15 minutes' then
    raise exception '签到时间为开始前 10 分钟至开始后 15 分钟 (check in from 10 minutes before to 15 minutes after the start)' using errcode = 'YM603';
  end if;
  update public.resource_bookings set status = 'checked_in', checked_in_at = now() where id = b.id returning * into b;
  return to_jsonb(b);
end
$$;

-- Releases no-shows (approved, not checked in 15 minutes after the start)
-- and expires pending requests nobody decided before they started.
create function public.resource_jobs(p_now timestamptz default now()) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare v_no_show integer; v_expired integer;
begin
  update public.resource_bookings set status = 'no_show' where status = 'approved' and lower(during) + interval '15 minutes' <= p_now;
  get diagnostics v_no_show = row_count;
  update public.resource_bookings set status = 'expired' where status = 'pending' and lower(during) <= p_now;
  get diagnostics v_expired = row_count;
  return jsonb_build_object('no_show', v_no_show, 'expired', v_expired);
end
$$;

revoke execute on function public.resource_book(uuid, timestamptz, timestamptz, integer, text), public.resource_decide(uuid, text, text),
  public.resource_cancel(uuid), public.resource_check_in(uuid), public.resource_jobs(timestamptz) from public, anon;
grant execute on function public.resource_book(uuid, timestamptz, timestamptz, integer, text), public.resource_decide(uuid, text, text),
  public.resource_cancel(uuid), public.resource_check_in(uuid) to authenticated, service_role;
grant execute on function public.resource_jobs(timestamptz) to service_role;
revoke execute on function public.resource_jobs(timestamptz) from authenticated;
