-- Self-built app logos: an app_logo media purpose uploaded by admins with the
-- apps function (card images still need the cards function). And an org
-- always keeps at least one super admin: removing the last member of the
-- super group is refused.

alter table public.media drop constraint media_purpose_check;
alter table public.media add constraint media_purpose_check check (purpose in ('card_logo', 'card_cover', 'app_logo'));

create or replace function public.admin_upload_media(p_org uuid, p_purpose text, p_base64 text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_data bytea;
  v_type text;
  v_id uuid;
begin
  if p_purpose = 'app_logo' then
    if not app_private.has_function(p_org, 'apps') then
      raise exception 'you need the apps permission to upload app logos' using errcode = '42501';
    end if;
  elsif not app_private.has_function(p_org, 'cards') then
    raise exception 'you need the cards permission to upload card images' using errcode = '42501';
  end if;
  begin
    v_data := decode(p_base64, 'base64');
  exception when others then
    raise exception 'the image must be sent as base64' using errcode = 'YM220';
  end;
  if length(v_data) > 1048576 then
    raise exception 'images may be at most 1 MB' using errcode = 'YM221';
  end if;
  v_type := case
    when substr(v_data, 1, 8) = '\x89504e470d0a1a0a'::bytea then 'image/png'
    when substr(v_data, 1, 3) = '\xffd8ff'::bytea then 'image/jpeg'
  end;
  if v_type is null then
    raise exception 'only JPG, JPEG or PNG images' using errcode = 'YM220';
  end if;
  insert into public.media (org_id, purpose, content_type, byte_size, data, created_by)
  values (p_org, p_purpose, v_type, length(v_data), v_data, auth.uid())
  returning id into v_id;
  return v_id;
end
$$;

create function app_private.keep_one_super_admin() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  -- Cascades (deleting the org, the group or the member) are not a removal by an admin.
  if pg_trigger_depth() = 1
     and exists (select 1 from public.admin_groups g where g.id = old.group_id and g.is_super)
     and not exists (select 1 from public.admin_group_members gm where gm.group_id = old.group_id and gm.member_id <> old.member_id) then
    raise exception '至少保留一名超级管理员 (an organisation keeps at least one super admin)' using errcode = 'YM703';
  end if;
  return old;
end
$$;
create trigger admin_group_members_keep_one_super before delete on public.admin_group_members
  for each row execute function app_private.keep_one_super_admin();
revoke execute on function app_private.keep_one_super_admin() from public;
