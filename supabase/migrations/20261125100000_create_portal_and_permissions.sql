-- Portal (服务大厅), app square (应用管理), self-built apps, and the
-- permissions console (权限配置).
--
-- App square: built-in apps are known to the code (shared/src/portal); each
-- org enables and configures them in org_apps. Self-built apps (custom_apps)
-- have a name, logo, description and a link (H5 URL or a mini-program).
-- Service hall: per card, categories with a visibility audience, each with
-- entries (an app, a self-built app, or a custom link). Members see only the
-- categories whose audience includes them: enforced here, by RLS and by
-- portal_for_me, not only hidden in the UI.
-- Permissions: an admin's user scope is the group's departments, or, when
-- set, that admin's own departments in the group (admin_member_departments;
-- set one by one or by batch import). Super admins add admins by phone.
-- Managed by super admins and admins with the `apps` function.
-- Error codes: YM701 no member with that phone / employee number, YM702 invalid scope import.

create table public.org_apps (
  org_id uuid not null references public.orgs(id) on delete cascade,
  app_key text not null check (app_key ~ '^[a-z][a-z_]{1,29}$'),
  enabled boolean not null default true,
  config jsonb not null default '{}' check (jsonb_typeof(config) = 'object'),
  updated_at timestamptz not null default now(),
  primary key (org_id, app_key)
);
comment on table public.org_apps is 'Built-in apps an org has enabled (visitors, notices, payment, meal_booking, events, registration, resources) and their settings. No row = not enabled.';

create table public.custom_apps (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 30),
  description text check (description is null or length(description) <= 200),
  logo_media_id uuid,
  link_type text not null default 'h5' check (link_type in ('h5', 'miniprogram')),
  url text check (url is null or (url ~ '^https://[^[:space:]]{3,}$' and length(url) <= 500)),
  mp_appid text check (mp_appid is null or mp_appid ~ '^gh_[0-9a-f]{12}$|^wx[0-9a-f]{16}$'),
  mp_path text check (mp_path is null or length(mp_path) <= 200),
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, name),
  check ((link_type = 'h5' and url is not null) or (link_type = 'miniprogram' and mp_appid is not null))
);
comment on table public.custom_apps is 'Self-built apps (自建应用): an H5 URL (https) or a mini-program (original id gh_... or AppID, path, fallback url).';

create table public.portal_categories (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  card_id uuid not null,
  name text not null check (length(btrim(name)) between 1 and 20),
  sort_order integer not null default 0,
  visibility jsonb not null default '{}' check (jsonb_typeof(visibility) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (card_id, name),
  foreign key (org_id, card_id) references public.cards(org_id, id) on delete cascade
);
comment on table public.portal_categories is 'Service-hall categories of a card; visibility is an audience (departments, tags, identities, members; empty = everyone).';

create table public.portal_entries (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  category_id uuid not null,
  kind text not null check (kind in ('app', 'custom_app', 'link')),
  app_key text,
  custom_app_id uuid,
  name text check (name is null or length(btrim(name)) between 1 and 20),
  link_type text check (link_type is null or link_type in ('h5', 'miniprogram')),
  url text check (url is null or (url ~ '^https://[^[:space:]]{3,}$' and length(url) <= 500)),
  mp_appid text check (mp_appid is null or mp_appid ~ '^gh_[0-9a-f]{12}$|^wx[0-9a-f]{16}$'),
  mp_path text check (mp_path is null or length(mp_path) <= 200),
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  foreign key (org_id, category_id) references public.portal_categories(org_id, id) on delete cascade,
  foreign key (org_id, custom_app_id) references public.custom_apps(org_id, id) on delete cascade,
  check ((kind = 'app') = (app_key is not null)),
  check ((kind = 'custom_app') = (custom_app_id is not null)),
  check (kind <> 'link' or (name is not null and ((link_type = 'h5' and url is not null) or (link_type = 'miniprogram' and mp_appid is not null))))
);
comment on table public.portal_entries is 'Service-hall entries: an enabled built-in app, a self-built app, or a custom service (name + H5 link or mini-program).';
create index portal_entries_category on public.portal_entries (category_id, sort_order);

create table public.admin_member_departments (
  org_id uuid not null,
  group_id uuid not null,
  member_id uuid not null,
  department_id uuid not null,
  primary key (group_id, member_id, department_id),
  foreign key (group_id) references public.admin_groups(id) on delete cascade,
  foreign key (org_id, member_id) references public.members(org_id, id) on delete cascade,
  foreign key (org_id, department_id) references public.departments(org_id, id) on delete cascade
);
comment on table public.admin_member_departments is 'Per-admin user scope inside a group: when an admin has rows here, they replace the group''s departments for that admin.';

-- ---------------------------------------------------------------- triggers
do $$
declare t text;
begin
  foreach t in array array['custom_apps', 'portal_categories'] loop
    execute format('create trigger %I_touch_updated_at before update on public.%I for each row execute function app_private.touch_updated_at()', t, t);
    execute format('create trigger %I_forbid_org_change before update on public.%I for each row execute function app_private.forbid_org_change()', t, t);
  end loop;
  foreach t in array array['custom_apps', 'portal_categories', 'portal_entries'] loop
    execute format('create trigger %I_audit after insert or update or delete on public.%I for each row execute function app_private.audit_row()', t, t);
  end loop;
end
$$;
create trigger org_apps_touch_updated_at before update on public.org_apps for each row execute function app_private.touch_updated_at();
create trigger org_apps_audit after insert or update or delete on public.org_apps for each row execute function app_private.audit_row('org_id');
create trigger admin_member_departments_audit after insert or delete on public.admin_member_departments
  for each row execute function app_private.audit_row('member_id');

-- ---------------------------------------------------------------- scope
-- Redefined: a per-admin scope replaces the group's for that admin.
create or replace function app_private.admin_department_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query
  with my_groups as (
    select g.id, g.org_id, g.is_super, m.id as member_id
      from public.members m
      join public.admin_group_members gm on gm.member_id = m.id and gm.org_id = m.org_id
      join public.admin_groups g on g.id = gm.group_id
     where m.account_id = auth.uid() and m.status = 'active'
  ), scope as (
    select mg.id as group_id, md.department_id
      from my_groups mg join public.admin_member_departments md on md.group_id = mg.id and md.member_id = mg.member_id
     where not mg.is_super
    union all
    select mg.id, gd.department_id
      from my_groups mg join public.admin_group_departments gd on gd.group_id = mg.id and gd.org_id = mg.org_id
     where not mg.is_super
       and not exists (select 1 from public.admin_member_departments md where md.group_id = mg.id and md.member_id = mg.member_id)
  )
  select d.id from public.departments d
   where d.org_id in (select mg.org_id from my_groups mg where mg.is_super)
  union
  select d.id
    from scope s
    join public.departments root on root.id = s.department_id
    join public.departments d on d.org_id = root.org_id and d.path operator(extensions.<@) root.path;
end
$$;

-- ---------------------------------------------------------------- RLS
alter table public.org_apps enable row level security;
create policy org_apps_select_members on public.org_apps for select to authenticated
  using (org_id in (select app_private.member_org_ids()));
create policy org_apps_insert_apps_admins on public.org_apps for insert to authenticated
  with check (org_id in (select app_private.function_org_ids('apps')));
create policy org_apps_update_apps_admins on public.org_apps for update to authenticated
  using (org_id in (select app_private.function_org_ids('apps'))) with check (org_id in (select app_private.function_org_ids('apps')));
create policy org_apps_delete_apps_admins on public.org_apps for delete to authenticated
  using (org_id in (select app_private.function_org_ids('apps')));

alter table public.custom_apps enable row level security;
create policy custom_apps_select_members on public.custom_apps for select to authenticated
  using (org_id in (select app_private.member_org_ids()));
create policy custom_apps_insert_apps_admins on public.custom_apps for insert to authenticated
  with check (org_id in (select app_private.function_org_ids('apps')));
create policy custom_apps_update_apps_admins on public.custom_apps for update to authenticated
  using (org_id in (select app_private.function_org_ids('apps'))) with check (org_id in (select app_private.function_org_ids('apps')));
create policy custom_apps_delete_apps_admins on public.custom_apps for delete to authenticated
  using (org_id in (select app_private.function_org_ids('apps')));

-- A member sees a category only when its audience includes them.
create function app_private.visible_portal_category_ids() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select c.id from public.portal_categories c
    join public.members m on m.org_id = c.org_id and m.account_id = auth.uid() and m.status = 'active'
   where app_private.audience_matches(c.visibility, m)
$$;

alter table public.portal_categories enable row level security;
create policy portal_categories_select_audience_or_apps_admins on public.portal_categories for select to authenticated
  using (id in (select app_private.visible_portal_category_ids()) or org_id in (select app_private.function_org_ids('apps')));
create policy portal_categories_insert_apps_admins on public.portal_categories for insert to authenticated
  with check (org_id in (select app_private.function_org_ids('apps')));
create policy portal_categories_update_apps_admins on public.portal_categories for update to authenticated
  using (org_id in (select app_private.function_org_ids('apps'))) with check (org_id in (select app_private.function_org_ids('apps')));
create policy portal_categories_delete_apps_admins on public.portal_categories for delete to authenticated
  using (org_id in (select app_private.function_org_ids('apps')));

alter table public.portal_entries enable row level security;
create policy portal_entries_select_audience_or_apps_admins on public.portal_entries for select to authenticated
  using (category_id in (select app_private.visible_portal_category_ids()) or org_id in (select app_private.function_org_ids('apps')));
create policy portal_entries_insert_apps_admins on public.portal_entries for insert to authenticated
  with check (org_id in (select app_private.function_org_ids('apps')));
create policy portal_entries_update_apps_admins on public.portal_entries for update to authenticated
  using (org_id in (select app_private.function_org_ids('apps'))) with check (org_id in (select app_private.function_org_ids('apps')));
create policy portal_entries_delete_apps_admins on public.portal_entries for delete to authenticated
  using (org_id in (select app_private.function_org_ids('apps')));

alter table public.admin_member_departments enable row level security;
create policy admin_member_departments_select_super_or_own on public.admin_member_departments for select to authenticated
  using (org_id in (select app_private.super_admin_org_ids()) or member_id in (select app_private.my_member_ids()));
create policy admin_member_departments_insert_super on public.admin_member_departments for insert to authenticated
  with check (org_id in (select app_private.super_admin_org_ids()));
create policy admin_member_departments_delete_super on public.admin_member_departments for delete to authenticated
  using (org_id in (select app_private.super_admin_org_ids()));

revoke all on public.org_apps, public.custom_apps, public.portal_categories, public.portal_entries, public.admin_member_departments
  from anon, authenticated;
grant select, insert, update, delete on public.org_apps, public.custom_apps, public.portal_categories, public.portal_entries to authenticated;
grant select, insert, delete on public.admin_member_departments to authenticated;
grant all on public.org_apps, public.custom_apps, public.portal_categories, public.portal_entries, public.admin_member_departments to service_role;

-- ---------------------------------------------------------------- RPCs
-- The service hall of card p_card as the caller sees it: visible categories
-- in order, each with its entries, skipping apps the org has not enabled
-- and disabled self-built apps.
create function public.portal_for_me(p_card uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'name', c.name, 'entries', (
      select coalesce(jsonb_agg(jsonb_build_object(
               'id', e.id, 'kind', e.kind, 'app_key', e.app_key,
               'name', coalesce(e.name, a.name), 'description', a.description, 'logo_media_id', a.logo_media_id,
               'link_type', coalesce(e.link_type, a.link_type), 'url', coalesce(e.url, a.url),
               'mp_appid', coalesce(e.mp_appid, a.mp_appid), 'mp_path', coalesce(e.mp_path, a.mp_path))
             order by e.sort_order, e.created_at), '[]')
        from public.portal_entries e
        left join public.custom_apps a on a.id = e.custom_app_id
       where e.category_id = c.id
         and (e.kind <> 'app' or exists (select 1 from public.org_apps oa where oa.org_id = c.org_id and oa.app_key = e.app_key and oa.enabled))
         and (e.kind <> 'custom_app' or a.enabled))) order by c.sort_order, c.name), '[]')
    from public.portal_categories c
   where c.card_id = p_card and c.id in (select app_private.visible_portal_category_ids())
$$;

-- Adds the member with phone p_phone to admin group p_group (super admins;
-- binding by phone: the person must already be a member of the org).
create function public.admin_add_by_phone(p_group uuid, p_phone text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  g public.admin_groups;
  m public.members;
begin
  select * into g from public.admin_groups where id = p_group;
  if g.id is null or g.org_id not in (select app_private.super_admin_org_ids()) then
    raise exception 'only super admins manage administrators' using errcode = '42501';
  end if;
  if p_phone is null or p_phone !~ '^1[3-9][0-9]{9}$' then
    raise exception '手机号格式不正确 (enter an 11-digit mobile number)' using errcode = 'YM701';
  end if;
  select * into m from public.members where org_id = g.org_id and phone = p_phone and status = 'active' order by created_at limit 1;
  if m.id is null then
    raise exception '没有使用该手机号的成员，请先添加成员 (no member has this phone; add them as a member first)' using errcode = 'YM701';
  end if;
  insert into public.admin_group_members (org_id, group_id, member_id) values (g.org_id, g.id, m.id) on conflict do nothing;
  return jsonb_build_object('member_id', m.id, 'name', m.name, 'group_id', g.id);
end
$$;

-- Replaces admin p_member's own scope in group p_group (empty = the group's scope).
create function public.admin_set_member_scope(p_group uuid, p_member uuid, p_departments uuid[]) returns integer
language plpgsql security definer set search_path = '' as $$
declare g public.admin_groups;
begin
  select * into g from public.admin_groups where id = p_group;
  if g.id is null or g.org_id not in (select app_private.super_admin_org_ids()) then
    raise exception 'only super admins manage administrators' using errcode = '42501';
  end if;
  if not exists (select 1 from public.admin_group_members where group_id = p_group and member_id = p_member) then
    raise exception 'this member is not in the group' using errcode = 'YM702';
  end if;
  if exists (select 1 from unnest(coalesce(p_departments, '{}')) d where d not in (select id from public.departments where org_id = g.org_id)) then
    raise exception 'unknown department in the scope' using errcode = 'YM702';
  end if;
  delete from public.admin_member_departments where group_id = p_group and member_id = p_member;
  insert into public.admin_member_departments (org_id, group_id, member_id, department_id)
  select g.org_id, p_group, p_member, d from unnest(coalesce(p_departments, '{}')) d;
  return coalesce(cardinality(p_departments), 0);
end
$$;

-- The department at a full name path ('总部/研发中心/前端组') in p_org, or null.
create function app_private.department_by_path(p_org uuid, p_path text) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  v_id uuid;
  v_name text;
  v_first boolean := true;
begin
  foreach v_name in array string_to_array(btrim(p_path, ' /'), '/') loop
    select id into v_id from public.departments
     where org_id = p_org and name = btrim(v_name) and (case when v_first then parent_id is null else parent_id = v_id end);
    if v_id is null then return null; end if;
    v_first := false;
  end loop;
  return v_id;
end
$$;

-- Batch import of per-admin scopes into group p_group: p_rows =
-- [{employee_no, departments: ['总部/研发中心', ...]}]. Every problem is
-- reported (row number, message) and nothing changes unless there is none;
-- p_dry_run only checks. Members not yet in the group are added.
create function public.admin_import_scopes(p_group uuid, p_rows jsonb, p_dry_run boolean default true) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  g public.admin_groups;
  r record;
  v_member uuid;
  v_dept uuid;
  v_path text;
  v_errors jsonb := '[]';
  v_plan jsonb := '[]';
  v_depts uuid[];
begin
  select * into g from public.admin_groups where id = p_group;
  if g.id is null or g.org_id not in (select app_private.super_admin_org_ids()) then
    raise exception 'only super admins manage administrators' using errcode = '42501';
  end if;
  if g.is_super then
    raise exception 'the super admin group has the whole organisation' using errcode = 'YM702';
  end if;
  if jsonb_typeof(p_rows) <> 'array' or jsonb_array_length(p_rows) = 0 or jsonb_array_length(p_rows) > 2000 then
    raise exception 'send 1-2000 rows' using errcode = 'YM702';
  end if;
  for r in select value as row, ordinality as n from jsonb_array_elements(p_rows) with ordinality loop
    select id into v_member from public.members where org_id = g.org_id and employee_no = r.row ->> 'employee_no' and status = 'active';
    if v_member is null then
      v_errors := v_errors || jsonb_build_object('row', r.n, 'message', format('工号「%s」不存在或已停用', coalesce(r.row ->> 'employee_no', '')));
      continue;
    end if;
    v_depts := '{}';
    if jsonb_typeof(r.row -> 'departments') <> 'array' or jsonb_array_length(r.row -> 'departments') = 0 then
      v_errors := v_errors || jsonb_build_object('row', r.n, 'message', '请填写管理范围（部门路径，如 总部/研发中心）');
      continue;
    end if;
    for v_path in select jsonb_array_elements_text(r.row -> 'departments') loop
      v_dept := app_private.department_by_path(g.org_id, v_path);
      if v_dept is null then
        v_errors := v_errors || jsonb_build_object('row', r.n, 'message', format('部门「%s」不存在', v_path));
      else
        v_depts := v_depts || v_dept;
      end if;
    end loop;
    v_plan := v_plan || jsonb_build_object('member_id', v_member, 'departments', to_jsonb(v_depts));
  end loop;
  if v_errors <> '[]' or p_dry_run then
    return jsonb_build_object('errors', v_errors, 'rows', jsonb_array_length(p_rows), 'applied', false);
  end if;
  for r in select value as p from jsonb_array_elements(v_plan) loop
    insert into public.admin_group_members (org_id, group_id, member_id) values (g.org_id, g.id, (r.p ->> 'member_id')::uuid) on conflict do nothing;
    delete from public.admin_member_departments where group_id = g.id and member_id = (r.p ->> 'member_id')::uuid;
    insert into public.admin_member_departments (org_id, group_id, member_id, department_id)
    select g.org_id, g.id, (r.p ->> 'member_id')::uuid, d::uuid from jsonb_array_elements_text(r.p -> 'departments') d
    on conflict do nothing;
  end loop;
  return jsonb_build_object('errors', '[]'::jsonb, 'rows', jsonb_array_length(p_rows), 'applied', true);
end
$$;

revoke execute on function app_private.visible_portal_category_ids(), app_private.department_by_path(uuid, text) from public;
grant execute on function app_private.visible_portal_category_ids() to authenticated, service_role;
revoke execute on function public.portal_for_me(uuid), public.admin_add_by_phone(uuid, text), public.admin_set_member_scope(uuid, uuid, uuid[]),
  public.admin_import_scopes(uuid, jsonb, boolean) from public, anon;
grant execute on function public.portal_for_me(uuid), public.admin_add_by_phone(uuid, text), public.admin_set_member_scope(uuid, uuid, uuid[]),
  public.admin_import_scopes(uuid, jsonb, boolean) to authenticated, service_role;
