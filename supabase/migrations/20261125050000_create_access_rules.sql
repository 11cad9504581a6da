-- Access rules (通行规则): who may pass which verification point when, and
-- the attendance summary read from the access log (first and last pass per
-- person per day). code_record_verification (codes migration) applies the
-- rules through app_private.access_allowed (reason access_denied).
--
-- Rule semantics, per point: deny rules that match refuse; if any allow rule
-- applies to the point, one must match; a point with no allow rules admits
-- every valid code (its required scopes still apply). A rule targets
-- everyone, a department subtree, a tag or a member; at one point or all
-- points (point_id null); on some weekdays (1 = Monday .. 7 = Sunday) within
-- a local time window (the org's timezone, default Asia/Shanghai).

alter table public.orgs add column timezone text not null default 'Asia/Shanghai'
  check (now() at time zone timezone is not null);
comment on column public.orgs.timezone is 'IANA time zone for local times: access-rule windows and attendance days.';

create type public.access_effect as enum ('allow', 'deny');

create table public.access_rules (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 50),
  point_id uuid,
  department_id uuid,
  tag_id uuid,
  member_id uuid,
  effect public.access_effect not null default 'allow',
  weekdays smallint[] not null default '{1,2,3,4,5,6,7}' check (weekdays <@ '{1,2,3,4,5,6,7}' and cardinality(weekdays) > 0),
  time_from time not null default '00:00',
  time_until time not null default '24:00',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  check (time_from < time_until),
  check (num_nonnulls(department_id, tag_id, member_id) <= 1),
  foreign key (org_id, point_id) references public.verification_points(org_id, id) on delete cascade,
  foreign key (org_id, department_id) references public.departments(org_id, id) on delete cascade,
  foreign key (org_id, tag_id) references public.tags(org_id, id) on delete cascade,
  foreign key (org_id, member_id) references public.members(org_id, id) on delete cascade
);
comment on table public.access_rules is 'Who may pass which verification point when. No target column = everyone; no point = every point.';
create index access_rules_org_point on public.access_rules (org_id, point_id);

create trigger access_rules_touch_updated_at before update on public.access_rules
  for each row execute function app_private.touch_updated_at();
create trigger access_rules_forbid_org_change before update on public.access_rules
  for each row execute function app_private.forbid_org_change();
create trigger access_rules_audit after insert or update or delete on public.access_rules
  for each row execute function app_private.audit_row();

alter table public.access_rules enable row level security;
create policy access_rules_select_card_admins on public.access_rules for select to authenticated
  using (org_id in (select app_private.function_org_ids('cards')));
create policy access_rules_insert_card_admins on public.access_rules for insert to authenticated
  with check (org_id in (select app_private.function_org_ids('cards')));
create policy access_rules_update_card_admins on public.access_rules for update to authenticated
  using (org_id in (select app_private.function_org_ids('cards')))
  with check (org_id in (select app_private.function_org_ids('cards')));
create policy access_rules_delete_card_admins on public.access_rules for delete to authenticated
  using (org_id in (select app_private.function_org_ids('cards')));
revoke all on public.access_rules from anon, authenticated;
grant select, insert, update, delete on public.access_rules to authenticated;
grant all on public.access_rules to service_role;

-- Whether member p_member may pass point p_point at p_at (see the header).
-- Security definer: reads rules, tags and the tree whatever the caller sees.
create function app_private.access_allowed(p_org uuid, p_point uuid, p_member uuid, p_at timestamptz) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  v_local timestamp;
  v_has_allow boolean;
  v_denied boolean;
  v_allowed boolean;
begin
  select p_at at time zone o.timezone into v_local from public.orgs o where o.id = p_org;
  select coalesce(bool_or(r.effect = 'deny'), false), coalesce(bool_or(r.effect = 'allow'), false)
    into v_denied, v_allowed
    from public.access_rules r
    join public.members m on m.org_id = p_org and m.id = p_member
   where r.org_id = p_org
     and (r.point_id is null or r.point_id = p_point)
     and extract(isodow from v_local)::smallint = any (r.weekdays)
     and v_local::time >= r.time_from and (r.time_until = '24:00' or v_local::time < r.time_until)
     and (num_nonnulls(r.department_id, r.tag_id, r.member_id) = 0
          or r.member_id = m.id
          or r.tag_id in (select tm.tag_id from public.tag_members tm where tm.org_id = p_org and tm.member_id = m.id)
          or r.department_id in (select root.id from public.departments d, public.departments root
                                  where d.id = m.department_id and root.org_id = p_org
                                    and d.path operator(extensions.<@) root.path));
  if v_denied then
    return false;
  end if;
  select exists (select 1 from public.access_rules r where r.org_id = p_org and r.effect = 'allow' and (r.point_id is null or r.point_id = p_point))
    into v_has_allow;
  return not v_has_allow or v_allowed;
end
$$;


-- Attendance (考勤) from the access log: per person per local day, the first
-- and last accepted pass and how many. Optionally only some points (e.g. the
-- gates, not the canteen). Caller: an admin with the cards function; rows
-- are limited to the departments they administer.
create function public.attendance_daily(p_org uuid, p_from date, p_until date, p_point_ids uuid[] default null)
returns table (day date, member_id uuid, member_name text, employee_no text, department_name text,
               first_pass timestamptz, last_pass timestamptz, passes bigint)
language plpgsql stable security definer set search_path = '' as $$
declare
  v_tz text;
begin
  if not app_private.has_function(p_org, 'cards') then
    raise exception 'you need the cards permission for attendance reports' using errcode = '42501';
  end if;
  if p_until < p_from or p_until - p_from > 92 then
    raise exception 'choose a range of at most 93 days, start before end' using errcode = '22023';
  end if;
  select timezone into v_tz from public.orgs where id = p_org;
  return query
  select (e.at at time zone v_tz)::date, m.id, m.name, m.employee_no, d.name, min(e.at), max(e.at), count(*)
    from public.access_events e
    join public.members m on m.org_id = e.org_id and m.id = e.member_id
    join public.departments d on d.id = m.department_id
   where e.org_id = p_org and e.ok
     and e.at >= (p_from::timestamp at time zone v_tz) and e.at < ((p_until + 1)::timestamp at time zone v_tz)
     and (p_point_ids is null or e.point_id = any (p_point_ids))
     and m.department_id in (select app_private.admin_department_ids())
   group by 1, m.id, m.name, m.employee_no, d.name
   order by 1, d.name, m.name;
end
$$;
revoke execute on function public.attendance_daily(uuid, date, date, uuid[]) from public, anon;
grant execute on function public.attendance_daily(uuid, date, date, uuid[]) to authenticated, service_role;
