-- Shared by the scenario apps (events, registration points, meal booking,
-- resource booking): who manages an app, and who is in an audience.
--
-- App permissions: admin_groups.apps holds app keys (events, registration,
-- meal_booking, resources, visitors, ...); the super group manages every
-- app. app_private.app_admin_org_ids(app) is the set of orgs where the
-- caller manages that app.
--
-- Audience: {"departments": [ids], "tags": [ids], "identities": [text],
-- "members": [ids]}; empty or absent lists mean everyone in the org.

create function app_private.app_admin_org_ids(p_app text) returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query
  select distinct g.org_id
    from public.admin_groups g
    join public.admin_group_members gm on gm.group_id = g.id
    join public.members m on m.id = gm.member_id and m.org_id = g.org_id
   where m.account_id = auth.uid() and m.status = 'active' and (g.is_super or p_app = any (g.apps));
end
$$;

create function app_private.audience_matches(p_audience jsonb, p_member public.members) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_array_length(p_audience -> 'departments'), 0) + coalesce(jsonb_array_length(p_audience -> 'tags'), 0)
         + coalesce(jsonb_array_length(p_audience -> 'identities'), 0) + coalesce(jsonb_array_length(p_audience -> 'members'), 0) = 0
      or p_member.id::text in (select jsonb_array_elements_text(coalesce(p_audience -> 'members', '[]')))
      or p_member.identity in (select jsonb_array_elements_text(coalesce(p_audience -> 'identities', '[]')))
      or exists (select 1 from public.departments d, public.departments root
                  where d.id = p_member.department_id and root.org_id = p_member.org_id
                    and root.id::text in (select jsonb_array_elements_text(coalesce(p_audience -> 'departments', '[]')))
                    and d.path operator(extensions.<@) root.path)
      or exists (select 1 from public.tag_members tm
                  where tm.org_id = p_member.org_id and tm.member_id = p_member.id
                    and tm.tag_id::text in (select jsonb_array_elements_text(coalesce(p_audience -> 'tags', '[]'))))
$$;

-- The caller's active member row in p_org (raises 42501 when there is none).
create function app_private.my_member(p_org uuid) returns public.members
language plpgsql stable security definer set search_path = '' as $$
declare m public.members;
begin
  select * into m from public.members where org_id = p_org and account_id = auth.uid() and status = 'active';
  if m.id is null then
    raise exception 'you have no active card in this organisation' using errcode = '42501';
  end if;
  return m;
end
$$;

revoke execute on function app_private.app_admin_org_ids(text), app_private.audience_matches(jsonb, public.members),
  app_private.my_member(uuid) from public;
grant execute on function app_private.app_admin_org_ids(text), app_private.audience_matches(jsonb, public.members),
  app_private.my_member(uuid) to authenticated, service_role;
