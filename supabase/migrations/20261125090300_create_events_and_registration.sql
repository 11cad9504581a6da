-- Event sign-in (活动/培训/会议签到) and registration points (实名登记).
--
-- Events: sign-in and sign-out windows, an audience, an optional geofence
-- (centre + radius; the distance of every sign-in is recorded), and a
-- rotating projected code: the big screen shows HMAC(event secret, event,
-- action, step) for the current step; a member's phone scans it and posts
-- it with its location (event-checkin). An organiser may also scan members'
-- dynamic codes. Refused attempts are kept with their reason.
-- Registration points: one QR per place or device (一设备一码) with a custom
-- form (shared form engine) and the people allowed to register there.
-- Managed by admins with the `events` / `registration` apps.
-- Error codes: YM621 not in the sign-in window, YM622 not invited, YM623 not allowed.

create table public.events (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  title text not null check (length(btrim(title)) between 1 and 100),
  kind text not null default 'meeting' check (kind in ('meeting', 'training', 'event')),
  location_name text check (location_name is null or length(location_name) <= 100),
  latitude double precision check (latitude is null or latitude between -90 and 90),
  longitude double precision check (longitude is null or longitude between -180 and 180),
  radius_m integer check (radius_m is null or radius_m between 10 and 100000),
  sign_in_from timestamptz not null,
  sign_in_until timestamptz not null,
  sign_out_from timestamptz,
  sign_out_until timestamptz,
  audience jsonb not null default '{}' check (jsonb_typeof(audience) = 'object'),
  code_step_seconds smallint not null default 20 check (code_step_seconds between 5 and 300),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  check (sign_in_until > sign_in_from),
  check ((sign_out_from is null) = (sign_out_until is null) and (sign_out_until is null or sign_out_until > sign_out_from)),
  check ((radius_m is null) or (latitude is not null and longitude is not null))
);
comment on table public.events is 'Meetings, trainings and events with sign-in (and optional sign-out) windows, a geofence and an audience (empty = everyone in the org).';

create table app_private.event_secrets (
  event_id uuid primary key references public.events(id) on delete cascade,
  secret bytea not null default extensions.gen_random_bytes(32)
);
comment on table app_private.event_secrets is 'HMAC key of the event''s rotating projected code; only edge functions read it.';

create function app_private.events_create_secret() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into app_private.event_secrets (event_id) values (new.id);
  return null;
end
$$;
create trigger events_create_secret after insert on public.events
  for each row execute function app_private.events_create_secret();

create table public.event_attendance (
  event_id uuid not null,
  org_id uuid not null,
  member_id uuid not null,
  signed_in_at timestamptz not null default now(),
  sign_in_distance_m integer,
  sign_in_method text not null check (sign_in_method in ('projected_code', 'scanned_by_organiser')),
  signed_out_at timestamptz,
  sign_out_distance_m integer,
  primary key (event_id, member_id),
  foreign key (org_id, event_id) references public.events(org_id, id) on delete cascade,
  foreign key (org_id, member_id) references public.members(org_id, id) on delete cascade
);
comment on table public.event_attendance is 'Who signed in (and out) of an event, when, how, and how far from the venue.';

create table public.event_attempts (
  id bigint generated always as identity primary key,
  org_id uuid not null,
  event_id uuid not null references public.events(id) on delete cascade,
  member_id uuid,
  action text not null check (action in ('in', 'out')),
  reason text not null,
  distance_m integer,
  at timestamptz not null default now()
);
comment on table public.event_attempts is 'Refused sign-in/out attempts with the reason (outside_geofence, code_expired, not_in_window, not_invited, ...), for organisers to review.';
create index event_attempts_event on public.event_attempts (event_id, at desc);

create table public.registration_points (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 50),
  purpose text check (purpose is null or length(purpose) <= 200),
  form jsonb not null check (jsonb_typeof(form) = 'object'),
  audience jsonb not null default '{}' check (jsonb_typeof(audience) = 'object'),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, name)
);
comment on table public.registration_points is 'One QR per place or device (yima:reg:<id>): scanning it opens the form; audience = who may register here (empty = everyone in the org).';

create table public.registration_records (
  id bigint generated always as identity primary key,
  org_id uuid not null,
  point_id uuid not null,
  member_id uuid not null,
  answers jsonb not null check (jsonb_typeof(answers) = 'object'),
  at timestamptz not null default now(),
  foreign key (org_id, point_id) references public.registration_points(org_id, id) on delete cascade,
  foreign key (org_id, member_id) references public.members(org_id, id) on delete cascade
);
create index registration_records_point on public.registration_records (org_id, point_id, at desc);

do $$
declare t text;
begin
  foreach t in array array['events', 'registration_points'] loop
    execute format('create trigger %I_touch_updated_at before update on public.%I for each row execute function app_private.touch_updated_at()', t, t);
    execute format('create trigger %I_forbid_org_change before update on public.%I for each row execute function app_private.forbid_org_change()', t, t);
    execute format('create trigger %I_audit after insert or update or delete on public.%I for each row execute function app_private.audit_row()', t, t);
  end loop;
end
$$;

-- ---------------------------------------------------------------- RLS
alter table public.events enable row level security;
create policy events_select_members on public.events for select to authenticated
  using (org_id in (select app_private.member_org_ids()));
create policy events_insert_app_admins on public.events for insert to authenticated
  with check (org_id in (select app_private.app_admin_org_ids('events')));
create policy events_update_app_admins on public.events for update to authenticated
  using (org_id in (select app_private.app_admin_org_ids('events'))) with check (org_id in (select app_private.app_admin_org_ids('events')));
create policy events_delete_app_admins on public.events for delete to authenticated
  using (org_id in (select app_private.app_admin_org_ids('events')));

alter table public.event_attendance enable row level security;
create policy event_attendance_select_self_or_app_admins on public.event_attendance for select to authenticated
  using (member_id in (select app_private.my_member_ids()) or org_id in (select app_private.app_admin_org_ids('events')));

alter table public.event_attempts enable row level security;
create policy event_attempts_select_self_or_app_admins on public.event_attempts for select to authenticated
  using (member_id in (select app_private.my_member_ids()) or org_id in (select app_private.app_admin_org_ids('events')));

alter table public.registration_points enable row level security;
create policy registration_points_select_members on public.registration_points for select to authenticated
  using (org_id in (select app_private.member_org_ids()));
create policy registration_points_insert_app_admins on public.registration_points for insert to authenticated
  with check (org_id in (select app_private.app_admin_org_ids('registration')));
create policy registration_points_update_app_admins on public.registration_points for update to authenticated
  using (org_id in (select app_private.app_admin_org_ids('registration'))) with check (org_id in (select app_private.app_admin_org_ids('registration')));
create policy registration_points_delete_app_admins on public.registration_points for delete to authenticated
  using (org_id in (select app_private.app_admin_org_ids('registration')));

alter table public.registration_records enable row level security;
create policy registration_records_select_self_or_app_admins on public.registration_records for select to authenticated
  using (member_id in (select app_private.my_member_ids()) or org_id in (select app_private.app_admin_org_ids('registration')));

revoke all on public.events, public.event_attendance, public.event_attempts, public.registration_points, public.registration_records
  from anon, authenticated, service_role;
grant select, insert, update, delete on public.events, public.registration_points to authenticated;
grant select on public.event_attendance, public.event_attempts, public.registration_records to authenticated;
grant all on public.events, public.registration_points to service_role;
grant select on public.event_attendance, public.event_attempts, public.registration_records to service_role;

-- ---------------------------------------------------------------- RPCs
-- The event's projected-code key, for organisers' screens and the check-in
-- function. Service role only.
create function public.event_secret(p_event uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('event_id', e.id, 'org_id', e.org_id, 'secret', encode(s.secret, 'hex'), 'step_seconds', e.code_step_seconds)
    from public.events e join app_private.event_secrets s on s.event_id = e.id where e.id = p_event
$$;

-- Whether account p_account organises events in the event's org (screen, scanning).
create function public.event_organiser_check(p_account uuid, p_event uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.events e
      join public.members m on m.org_id = e.org_id and m.account_id = p_account and m.status = 'active'
      join public.admin_group_members gm on gm.member_id = m.id
      join public.admin_groups g on g.id = gm.group_id
     where e.id = p_event and (g.is_super or 'events' = any (g.apps)))
$$;

-- Records a sign-in or sign-out whose code and location the function checked
-- (p_reason null) or refused (p_reason set: kept as an attempt). Checks the
-- window and the audience. Idempotent: a second sign-in returns the first.
-- Returns {ok, reason?, action, signed_in_at, signed_out_at, distance_m}.
create function public.event_record(p_event uuid, p_member uuid, p_action text, p_distance integer, p_method text, p_reason text)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  e public.events;
  m public.members;
  a public.event_attendance;
  v_reason text := p_reason;
begin
  select * into e from public.events where id = p_event;
  select * into m from public.members where id = p_member and org_id = e.org_id;
  if e.id is null or m.id is null then
    raise exception 'no such event for this member' using errcode = 'P0002';
  end if;
  if v_reason is null and not app_private.audience_matches(e.audience, m) then
    v_reason := 'not_invited';
  end if;
  if v_reason is null then
    if p_action = 'in' and not (now() >= e.sign_in_from and now() < e.sign_in_until) then
      v_reason := 'not_in_window';
    elsif p_action = 'out' and (e.sign_out_from is null or not (now() >= e.sign_out_from and now() < e.sign_out_until)) then
      v_reason := 'not_in_window';
    end if;
  end if;
  select * into a from public.event_attendance where event_id = e.id and member_id = m.id;
  if v_reason is null and p_action = 'out' and a.event_id is null then
    v_reason := 'not_signed_in';
  end if;
  if v_reason is not null then
    insert into public.event_attempts (org_id, event_id, member_id, action, reason, distance_m)
    values (e.org_id, e.id, m.id, p_action, v_reason, p_distance);
    return jsonb_build_object('ok', false, 'reason', v_reason, 'action', p_action, 'distance_m', p_distance);
  end if;
  if p_action = 'in' then
    insert into public.event_attendance (event_id, org_id, member_id, sign_in_distance_m, sign_in_method)
    values (e.id, e.org_id, m.id, p_distance, p_method)
    on conflict (event_id, member_id) do nothing;
  else
    update public.event_attendance set signed_out_at = coalesce(signed_out_at, now()), sign_out_distance_m = coalesce(sign_out_distance_m, p_distance)
     where event_id = e.id and member_id = m.id;
  end if;
  select * into a from public.event_attendance where event_id = e.id and member_id = m.id;
  return jsonb_build_object('ok', true, 'action', p_action, 'signed_in_at', a.signed_in_at, 'signed_out_at', a.signed_out_at,
                            'distance_m', case when p_action = 'in' then a.sign_in_distance_m else a.sign_out_distance_m end,
                            'member_name', m.name, 'title', e.title);
end
$$;

-- Attendance statistics: the audience, who signed in/out, who is absent.
create function public.event_stats(p_event uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare e public.events;
begin
  select * into e from public.events where id = p_event;
  if e.id is null or e.org_id not in (select app_private.app_admin_org_ids('events')) then
    raise exception 'event statistics need the events app permission' using errcode = '42501';
  end if;
  return (
    with audience as (
      select m.id, m.name, d.name as department from public.members m join public.departments d on d.id = m.department_id
       where m.org_id = e.org_id and m.status = 'active' and app_private.audience_matches(e.audience, m)
    )
    select jsonb_build_object(
      'expected', (select count(*) from audience),
      'signed_in', (select count(*) from public.event_attendance where event_id = e.id),
      'signed_out', (select count(*) from public.event_attendance where event_id = e.id and signed_out_at is not null),
      'refused', (select count(*) from public.event_attempts where event_id = e.id),
      'absent', (select coalesce(jsonb_agg(jsonb_build_object('member_id', a.id, 'name', a.name, 'department', a.department) order by a.name), '[]')
                   from audience a where not exists (select 1 from public.event_attendance t where t.event_id = e.id and t.member_id = a.id))));
end
$$;

-- A registration: the function validated the answers against the point's form.
create function public.registration_record(p_point uuid, p_member uuid, p_answers jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  p public.registration_points;
  m public.members;
  r public.registration_records;
begin
  select * into p from public.registration_points where id = p_point;
  if p.id is null or not p.active then
    raise exception '登记点不存在或已停用 (no such registration point, or it is closed)' using errcode = 'P0002';
  end if;
  select * into m from public.members where id = p_member and org_id = p.org_id and status = 'active';
  if m.id is null or not app_private.audience_matches(p.audience, m) then
    raise exception '你不在该登记点的登记范围内 (you are not designated to register here)' using errcode = 'YM623';
  end if;
  insert into public.registration_records (org_id, point_id, member_id, answers) values (p.org_id, p.id, m.id, p_answers) returning * into r;
  return to_jsonb(r);
end
$$;

revoke execute on function app_private.events_create_secret() from public;
revoke execute on function public.event_secret(uuid), public.event_organiser_check(uuid, uuid),
  public.event_record(uuid, uuid, text, integer, text, text), public.event_stats(uuid),
  public.registration_record(uuid, uuid, jsonb) from public, anon, authenticated;
grant execute on function public.event_secret(uuid), public.event_organiser_check(uuid, uuid),
  public.event_record(uuid, uuid, text, integer, text, text), public.registration_record(uuid, uuid, jsonb) to service_role;
grant execute on function public.event_stats(uuid) to authenticated, service_role;
