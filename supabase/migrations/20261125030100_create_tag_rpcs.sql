-- Tagging in bulk: add a tag to listed members and/or every member of a
-- department subtree, in one statement; remove it likewise. Security definer
-- to insert-select across members, so each RPC checks scope itself: only
-- members in the caller's admin scope are touched; the tag must be in an org
-- the caller administers.

create function public.admin_tag_members(p_tag uuid, p_member_ids uuid[] default null, p_department_id uuid default null)
returns integer
language plpgsql security definer set search_path = '' as $$
declare
  v_org uuid;
  v_count integer;
begin
  select org_id into v_org from public.tags where id = p_tag;
  if v_org is null or v_org not in (select app_private.admin_org_ids()) then
    raise exception 'no such tag in an organisation you administer' using errcode = '42501';
  end if;
  if p_department_id is not null and not app_private.can_admin_department(p_department_id) then
    raise exception 'you do not administer that department' using errcode = '42501';
  end if;
  insert into public.tag_members (org_id, tag_id, member_id)
  select v_org, p_tag, m.id
    from public.members m
   where m.org_id = v_org
     and m.department_id in (select app_private.admin_department_ids())
     and (m.id = any (coalesce(p_member_ids, '{}'))
          or (p_department_id is not null and m.department_id in (
                select d.id from public.departments d, public.departments root
                 where root.id = p_department_id and d.org_id = v_org and d.path operator(extensions.<@) root.path)))
  on conflict do nothing;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;

create function public.admin_untag_members(p_tag uuid, p_member_ids uuid[]) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  v_count integer;
begin
  delete from public.tag_members tm
   using public.members m
   where tm.tag_id = p_tag and tm.member_id = any (p_member_ids)
     and m.id = tm.member_id and m.department_id in (select app_private.admin_department_ids());
  get diagnostics v_count = row_count;
  return v_count;
end
$$;

revoke execute on function public.admin_tag_members(uuid, uuid[], uuid), public.admin_untag_members(uuid, uuid[]) from public, anon;
grant execute on function public.admin_tag_members(uuid, uuid[], uuid), public.admin_untag_members(uuid, uuid[]) to authenticated, service_role;
