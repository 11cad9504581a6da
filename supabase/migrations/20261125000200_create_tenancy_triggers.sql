-- Tenancy triggers: department paths and the 未分组 group, member defaults,
-- ID-card encryption, immutable org_id, updated_at, and the audit log.
-- Error codes raised here (stable, mapped to messages in @yima/shared errors):
--   YM001 default department cannot be deleted or moved
--   YM002 parent department not found in this org
--   YM003 a department cannot move under itself
--   YM004 org_id cannot change
--   YM005 ID-card number malformed

-- ---------------------------------------------------------------- updated_at
-- Sets updated_at on every update. Not security definer: touches NEW only.
create function app_private.touch_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end
$$;

-- ---------------------------------------------------------------- org_id immutable
-- Rows never move between tenants; composite foreign keys already stop most
-- attempts, this makes the rule explicit with a clear error.
create function app_private.forbid_org_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.org_id is distinct from old.org_id then
    raise exception 'org_id cannot change' using errcode = 'YM004';
  end if;
  return new;
end
$$;

-- ---------------------------------------------------------------- departments
create function app_private.department_label(p_id uuid) returns extensions.ltree
language sql immutable set search_path = '' as $$
  select extensions.text2ltree(replace(p_id::text, '-', '_'))
$$;

-- Computes path from the parent. Security definer so that a department admin
-- whose scope starts below the root can still read the ancestor path.
create function app_private.departments_set_path() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_parent_path extensions.ltree;
begin
  if tg_op = 'UPDATE' and new.parent_id is not distinct from old.parent_id then
    -- Only the subtree rewrite below (a nested trigger) may set path directly.
    if pg_trigger_depth() = 1 then
      new.path := old.path;
    end if;
    return new;
  end if;
  if new.parent_id is null then
    new.path := app_private.department_label(new.id);
  else
    select d.path into v_parent_path
      from public.departments d
     where d.id = new.parent_id and d.org_id = new.org_id;
    if v_parent_path is null then
      raise exception 'parent department not found in this org' using errcode = 'YM002';
    end if;
    if tg_op = 'UPDATE' and v_parent_path operator(extensions.<@) old.path then
      raise exception 'a department cannot move under itself' using errcode = 'YM003';
    end if;
    new.path := v_parent_path operator(extensions.||) app_private.department_label(new.id);
  end if;
  if tg_op = 'UPDATE' and old.is_default and new.parent_id is not null then
    raise exception 'the default group cannot be moved' using errcode = 'YM001';
  end if;
  return new;
end
$$;

-- After a move, rewrites the paths of every descendant.
create function app_private.departments_move_subtree() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.path operator(extensions.<>) old.path then
    update public.departments d
       set path = new.path operator(extensions.||) extensions.subpath(d.path, extensions.nlevel(old.path))
     where d.org_id = new.org_id
       and d.path operator(extensions.<@) old.path
       and d.id <> new.id;
  end if;
  return null;
end
$$;

-- Before a department (and, by cascade, its subtree) is deleted, its members
-- move to the org's default group: members are never deleted with a department.
create function app_private.departments_before_delete() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_default uuid;
begin
  -- The whole org is being deleted: its members go with it.
  if not exists (select 1 from public.orgs where id = old.org_id) then
    return old;
  end if;
  if old.is_default then
    raise exception 'the default group cannot be deleted' using errcode = 'YM001';
  end if;
  select id into v_default from public.departments where org_id = old.org_id and is_default;
  update public.members m
     set department_id = v_default
   where m.org_id = old.org_id
     and m.department_id in (
       select d.id from public.departments d
        where d.org_id = old.org_id and d.path operator(extensions.<@) old.path);
  return old;
end
$$;

create trigger departments_set_path before insert or update of parent_id, path on public.departments
  for each row execute function app_private.departments_set_path();
create trigger departments_move_subtree after update of parent_id on public.departments
  for each row execute function app_private.departments_move_subtree();
create trigger departments_before_delete before delete on public.departments
  for each row execute function app_private.departments_before_delete();

-- Every new org gets its 未分组 group.
create function app_private.orgs_create_default_department() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.departments (org_id, name, is_default, sort_order)
  values (new.id, '未分组', true, 2147483647);
  return null;
end
$$;
create trigger orgs_create_default_department after insert on public.orgs
  for each row execute function app_private.orgs_create_default_department();

-- ---------------------------------------------------------------- members
-- A member without a department goes to 未分组.
create function app_private.members_default_department() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.department_id is null then
    select id into new.department_id from public.departments where org_id = new.org_id and is_default;
  end if;
  return new;
end
$$;
create trigger members_default_department before insert on public.members
  for each row execute function app_private.members_default_department();

-- Mask shown instead of the number: first 3 and last 4 characters.
create function app_private.mask_id_card(p_number text) returns text
language sql immutable set search_path = '' as $$
  select left(p_number, 3) || repeat('*', greatest(length(p_number) - 7, 0)) || right(p_number, 4)
$$;

-- Keyed hash used to match an ID-card number at card claim without decrypting.
create function app_private.id_card_hmac(p_org uuid, p_number text) returns text
language sql stable security definer set search_path = '' as $$
  select encode(extensions.hmac(convert_to(p_org::text || ':' || upper(p_number), 'UTF8'), k.secret, 'sha256'), 'hex')
    from app_private.keys k where k.name = 'pii'
$$;

-- Encrypts a full ID-card number written to members.id_card_number into
-- app_private.member_secrets and leaves only the mask in the row. A masked
-- value written back (an edit form echoing it) keeps the stored number.
-- Security definer: writes app_private, which API roles cannot reach.
create function app_private.members_protect_id_card() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_key bytea;
begin
  if new.id_card_number is null then
    delete from app_private.member_secrets where member_id = new.id;
    return new;
  end if;
  if position('*' in new.id_card_number) > 0 then
    new.id_card_number := case when tg_op = 'UPDATE' then old.id_card_number else null end;
    return new;
  end if;
  new.id_card_number := upper(btrim(new.id_card_number));
  if new.id_card_number !~ '^[0-9]{17}[0-9X]$' then
    raise exception 'ID-card number must be 18 characters: 17 digits then a digit or X'
      using errcode = 'YM005';
  end if;
  select secret into v_key from app_private.keys where name = 'pii';
  insert into app_private.member_secrets (member_id, org_id, id_card_cipher, id_card_hmac)
  values (new.id, new.org_id,
          extensions.pgp_sym_encrypt(new.id_card_number, encode(v_key, 'hex')),
          app_private.id_card_hmac(new.org_id, new.id_card_number))
  on conflict (member_id) do update
    set id_card_cipher = excluded.id_card_cipher, id_card_hmac = excluded.id_card_hmac;
  new.id_card_number := app_private.mask_id_card(new.id_card_number);
  return new;
end
$$;
create trigger members_protect_id_card before insert or update of id_card_number on public.members
  for each row execute function app_private.members_protect_id_card();

-- ---------------------------------------------------------------- audit
-- Appends one audit row per changed row. Security definer: API roles have no
-- write access to audit_log. Actor comes from the JWT (auth.uid()); edge
-- functions acting for a user record the user in their RPCs instead.
create function app_private.audit_row() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_before jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  v_after jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  v_row jsonb := coalesce(v_after, v_before);
begin
  if tg_op = 'UPDATE' and v_before - 'updated_at' = v_after - 'updated_at' then
    return null;
  end if;
  insert into public.audit_log (org_id, actor_account_id, actor_role, action, table_name, row_id, before, after)
  values (
    case when tg_table_name = 'orgs' then (v_row ->> 'id')::uuid else (v_row ->> 'org_id')::uuid end,
    auth.uid(),
    coalesce(auth.role(), session_user::text),
    lower(tg_op),
    tg_table_name,
    (v_row ->> coalesce(tg_argv[0], 'id'))::uuid,
    v_before,
    v_after
  );
  return null;
end
$$;

-- Wire the generic triggers to every tenant table.
do $$
declare
  t text;
begin
  foreach t in array array['orgs', 'accounts', 'departments', 'members', 'tags', 'admin_groups'] loop
    execute format('create trigger %I_touch_updated_at before update on public.%I for each row execute function app_private.touch_updated_at()', t, t);
  end loop;
  foreach t in array array['departments', 'members', 'tags', 'tag_members', 'admin_groups', 'admin_group_members', 'admin_group_departments'] loop
    execute format('create trigger %I_forbid_org_change before update on public.%I for each row execute function app_private.forbid_org_change()', t, t);
  end loop;
  foreach t in array array['orgs', 'departments', 'members', 'tags', 'admin_groups'] loop
    execute format('create trigger %I_audit after insert or update or delete on public.%I for each row execute function app_private.audit_row()', t, t);
  end loop;
end
$$;
-- Link tables have no id column: audit them by member_id.
create trigger tag_members_audit after insert or delete on public.tag_members
  for each row execute function app_private.audit_row('member_id');
create trigger admin_group_members_audit after insert or delete on public.admin_group_members
  for each row execute function app_private.audit_row('member_id');
create trigger admin_group_departments_audit after insert or delete on public.admin_group_departments
  for each row execute function app_private.audit_row('department_id');
