-- Tenancy permissions: helpers in app_private, RLS on every tenant table,
-- explicit grants.
--
-- Helpers come in two shapes. Policies use the set-returning ones with no
-- row arguments (`org_id in (select app_private.member_org_ids())`): Postgres
-- evaluates them once per statement as a hashed subplan, so a list of 100k
-- members is not one helper call per row. RPCs use the scalar ones.
-- All are `stable security definer set search_path = ''`: definer so that the
-- lookups they make are not themselves filtered by the RLS they implement.

-- ---------------------------------------------------------------- helpers
-- plpgsql rather than SQL: a non-inlined SQL function is planned again on
-- every call, while plpgsql keeps its plans for the life of the connection
-- (PostgREST pools connections), which made the member list 3x faster.

-- Active member rows bound to the calling account (one per org at most).
create function app_private.my_member_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query select m.id from public.members m
   where m.account_id = auth.uid() and m.status = 'active';
end
$$;

-- Orgs in which the caller is an active member.
create function app_private.member_org_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query select m.org_id from public.members m
   where m.account_id = auth.uid() and m.status = 'active';
end
$$;

-- Admin groups the caller belongs to (as an active member).
create function app_private.my_admin_group_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query select gm.group_id
    from public.members m
    join public.admin_group_members gm on gm.member_id = m.id and gm.org_id = m.org_id
   where m.account_id = auth.uid() and m.status = 'active';
end
$$;

-- Orgs in which the caller is in any admin group.
create function app_private.admin_org_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query select distinct m.org_id
    from public.members m
    join public.admin_group_members gm on gm.member_id = m.id and gm.org_id = m.org_id
   where m.account_id = auth.uid() and m.status = 'active';
end
$$;

-- Orgs in which the caller is in the super admin group.
create function app_private.super_admin_org_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query select g.org_id
    from public.members m
    join public.admin_group_members gm on gm.member_id = m.id and gm.org_id = m.org_id
    join public.admin_groups g on g.id = gm.group_id
   where m.account_id = auth.uid() and m.status = 'active' and g.is_super;
end
$$;

-- Orgs in which the caller holds function permission p_function (super admins hold all).
create function app_private.function_org_ids(p_function public.admin_function) returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query select distinct g.org_id
    from public.members m
    join public.admin_group_members gm on gm.member_id = m.id and gm.org_id = m.org_id
    join public.admin_groups g on g.id = gm.group_id
   where m.account_id = auth.uid() and m.status = 'active'
     and (g.is_super or p_function = any (g.functions));
end
$$;

-- Departments the caller administers: every department of a super admin's
-- org, and every department under a scope root of the caller's normal groups.
create function app_private.admin_department_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query
  with my_groups as (
    select g.id, g.org_id, g.is_super
      from public.members m
      join public.admin_group_members gm on gm.member_id = m.id and gm.org_id = m.org_id
      join public.admin_groups g on g.id = gm.group_id
     where m.account_id = auth.uid() and m.status = 'active'
  )
  select d.id from public.departments d
   where d.org_id in (select mg.org_id from my_groups mg where mg.is_super)
  union
  select d.id
    from my_groups mg
    join public.admin_group_departments gd on gd.group_id = mg.id and gd.org_id = mg.org_id
    join public.departments root on root.id = gd.department_id
    join public.departments d on d.org_id = root.org_id and d.path operator(extensions.<@) root.path
   where not mg.is_super;
end
$$;

create function app_private.is_org_member(p_org uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select p_org in (select app_private.member_org_ids())
$$;

create function app_private.is_super_admin(p_org uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select p_org in (select app_private.super_admin_org_ids())
$$;

create function app_private.has_function(p_org uuid, p_function public.admin_function) returns boolean
language sql stable security definer set search_path = '' as $$
  select p_org in (select app_private.function_org_ids(p_function))
$$;

create function app_private.can_admin_department(p_department uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select p_department in (select app_private.admin_department_ids())
$$;

-- A department admin may move a department only under another department
-- they administer; super admins may also make it a root.
create function app_private.departments_authorize_move() returns trigger
language plpgsql stable security definer set search_path = '' as $$
begin
  if auth.role() = 'authenticated' and new.parent_id is distinct from old.parent_id then
    if new.parent_id is null and not app_private.is_super_admin(new.org_id) then
      raise exception 'only a super admin may create a top-level department' using errcode = '42501';
    end if;
    if new.parent_id is not null and not app_private.can_admin_department(new.parent_id) then
      raise exception 'you may move a department only under one you administer' using errcode = '42501';
    end if;
  end if;
  return new;
end
$$;
create trigger departments_authorize_move before update of parent_id on public.departments
  for each row execute function app_private.departments_authorize_move();

revoke execute on all functions in schema app_private from public;
grant usage on schema app_private to authenticated, service_role;
grant execute on function
  app_private.my_member_ids(), app_private.member_org_ids(), app_private.my_admin_group_ids(),
  app_private.admin_org_ids(), app_private.super_admin_org_ids(),
  app_private.function_org_ids(public.admin_function), app_private.admin_department_ids(),
  app_private.is_org_member(uuid), app_private.is_super_admin(uuid),
  app_private.has_function(uuid, public.admin_function), app_private.can_admin_department(uuid)
to authenticated, service_role;

-- ---------------------------------------------------------------- RLS
alter table public.orgs enable row level security;
alter table public.accounts enable row level security;
alter table public.departments enable row level security;
alter table public.members enable row level security;
alter table public.tags enable row level security;
alter table public.tag_members enable row level security;
alter table public.admin_groups enable row level security;
alter table public.admin_group_members enable row level security;
alter table public.admin_group_departments enable row level security;
alter table public.audit_log enable row level security;

-- orgs: members read their org; super admins rename it; orgs are created and
-- deleted by the platform (service role).
create policy orgs_select_members on public.orgs for select to authenticated
  using (id in (select app_private.member_org_ids()));
create policy orgs_update_super_admins on public.orgs for update to authenticated
  using (id in (select app_private.super_admin_org_ids()))
  with check (id in (select app_private.super_admin_org_ids()));

-- accounts: each account reads itself; written only by the auth functions.
create policy accounts_select_self on public.accounts for select to authenticated
  using (id = (select auth.uid()));

-- departments: the whole tree is visible to the org's members (names only);
-- admins change what lies in their scope.
create policy departments_select_members on public.departments for select to authenticated
  using (org_id in (select app_private.member_org_ids()));
create policy departments_insert_admins on public.departments for insert to authenticated
  with check (
    (parent_id is null and org_id in (select app_private.super_admin_org_ids()) and not is_default)
    or parent_id in (select app_private.admin_department_ids()));
create policy departments_update_admins on public.departments for update to authenticated
  using (id in (select app_private.admin_department_ids()))
  with check (id in (select app_private.admin_department_ids()));
create policy departments_delete_admins on public.departments for delete to authenticated
  using (id in (select app_private.admin_department_ids()) and not is_default);

-- members: a member reads their own row; admins manage their subtrees.
create policy members_select_self_or_admins on public.members for select to authenticated
  using (account_id = (select auth.uid())
         or department_id in (select app_private.admin_department_ids()));
create policy members_insert_admins on public.members for insert to authenticated
  with check (department_id in (select app_private.admin_department_ids()));
create policy members_update_admins on public.members for update to authenticated
  using (department_id in (select app_private.admin_department_ids()))
  with check (department_id in (select app_private.admin_department_ids()));
create policy members_delete_admins on public.members for delete to authenticated
  using (department_id in (select app_private.admin_department_ids()));

-- tags: names visible to the org; any admin of the org manages them.
create policy tags_select_members on public.tags for select to authenticated
  using (org_id in (select app_private.member_org_ids()));
create policy tags_insert_admins on public.tags for insert to authenticated
  with check (org_id in (select app_private.admin_org_ids()));
create policy tags_update_admins on public.tags for update to authenticated
  using (org_id in (select app_private.admin_org_ids()))
  with check (org_id in (select app_private.admin_org_ids()));
create policy tags_delete_admins on public.tags for delete to authenticated
  using (org_id in (select app_private.admin_org_ids()));

-- tag_members: visible when the member is visible; admins tag members in scope.
create policy tag_members_select_visible on public.tag_members for select to authenticated
  using (member_id in (select app_private.my_member_ids())
         or exists (select 1 from public.members m
                     where m.org_id = tag_members.org_id and m.id = tag_members.member_id
                       and m.department_id in (select app_private.admin_department_ids())));
create policy tag_members_insert_admins on public.tag_members for insert to authenticated
  with check (exists (select 1 from public.members m
                       where m.org_id = tag_members.org_id and m.id = tag_members.member_id
                         and m.department_id in (select app_private.admin_department_ids())));
create policy tag_members_delete_admins on public.tag_members for delete to authenticated
  using (exists (select 1 from public.members m
                  where m.org_id = tag_members.org_id and m.id = tag_members.member_id
                    and m.department_id in (select app_private.admin_department_ids())));

-- admin groups: super admins manage; an admin reads the groups they are in.
create policy admin_groups_select_super_or_own on public.admin_groups for select to authenticated
  using (org_id in (select app_private.super_admin_org_ids())
         or id in (select app_private.my_admin_group_ids()));
create policy admin_groups_insert_super on public.admin_groups for insert to authenticated
  with check (org_id in (select app_private.super_admin_org_ids()) and not is_super);
create policy admin_groups_update_super on public.admin_groups for update to authenticated
  using (org_id in (select app_private.super_admin_org_ids()))
  with check (org_id in (select app_private.super_admin_org_ids()));
create policy admin_groups_delete_super on public.admin_groups for delete to authenticated
  using (org_id in (select app_private.super_admin_org_ids()) and not is_super);

create policy admin_group_members_select_super_or_own on public.admin_group_members for select to authenticated
  using (org_id in (select app_private.super_admin_org_ids())
         or group_id in (select app_private.my_admin_group_ids()));
create policy admin_group_members_insert_super on public.admin_group_members for insert to authenticated
  with check (org_id in (select app_private.super_admin_org_ids()));
create policy admin_group_members_delete_super on public.admin_group_members for delete to authenticated
  using (org_id in (select app_private.super_admin_org_ids()));

create policy admin_group_departments_select_super_or_own on public.admin_group_departments for select to authenticated
  using (org_id in (select app_private.super_admin_org_ids())
         or group_id in (select app_private.my_admin_group_ids()));
create policy admin_group_departments_insert_super on public.admin_group_departments for insert to authenticated
  with check (org_id in (select app_private.super_admin_org_ids()));
create policy admin_group_departments_delete_super on public.admin_group_departments for delete to authenticated
  using (org_id in (select app_private.super_admin_org_ids()));

-- audit log: super admins read their org's log; nobody writes through the API.
create policy audit_log_select_super on public.audit_log for select to authenticated
  using (org_id in (select app_private.super_admin_org_ids()));

-- ---------------------------------------------------------------- grants
-- Anonymous callers reach no tenant table. service_role bypasses RLS.
revoke all on public.orgs, public.accounts, public.departments, public.members, public.tags,
  public.tag_members, public.admin_groups, public.admin_group_members,
  public.admin_group_departments, public.audit_log from anon, authenticated;
grant select, update on public.orgs to authenticated;
grant select on public.accounts to authenticated;
grant select, insert, update, delete on public.departments, public.members, public.tags,
  public.admin_groups to authenticated;
grant select, insert, delete on public.tag_members, public.admin_group_members,
  public.admin_group_departments to authenticated;
grant select on public.audit_log to authenticated;
grant all on public.orgs, public.accounts, public.departments, public.members, public.tags,
  public.tag_members, public.admin_groups, public.admin_group_members,
  public.admin_group_departments, public.audit_log to service_role;

-- ---------------------------------------------------------------- admin profile
-- What the caller may administer in an org, for the console to build its
-- menu and refuse non-admins. The database still enforces every right;
-- this only describes them. Security definer: reads admin tables the caller
-- may not see in full.
create function public.my_admin_profile(p_org uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_super boolean := app_private.is_super_admin(p_org);
begin
  return jsonb_build_object(
    'org_id', p_org,
    'is_admin', p_org in (select app_private.admin_org_ids()),
    'is_super', v_super,
    'functions', case when v_super then to_jsonb(enum_range(null::public.admin_function))
                      else coalesce((select jsonb_agg(distinct f order by f)
                                       from public.admin_groups g, unnest(g.functions) f
                                      where g.org_id = p_org and g.id in (select app_private.my_admin_group_ids())), '[]'::jsonb) end,
    'apps', coalesce((select jsonb_agg(distinct a order by a)
                        from public.admin_groups g, unnest(g.apps) a
                       where g.org_id = p_org and g.id in (select app_private.my_admin_group_ids())), '[]'::jsonb),
    'scope_department_ids', case when v_super then null
                                 else coalesce((select jsonb_agg(distinct gd.department_id)
                                                  from public.admin_group_departments gd
                                                 where gd.org_id = p_org and gd.group_id in (select app_private.my_admin_group_ids())), '[]'::jsonb) end
  );
end
$$;
revoke execute on function public.my_admin_profile(uuid) from public, anon;
grant execute on function public.my_admin_profile(uuid) to authenticated, service_role;
