-- A tamper-evident audit log: every audit row carries the SHA-256 of the
-- previous row of the same org (prev_hash) and of itself over that
-- (hash = SHA-256(prev_hash || content)), so editing, deleting or inserting
-- a row anywhere breaks every later link; audit_verify_chain finds the first
-- broken one. The audit log is also append-only for everyone (a superuser
-- who bypasses that still cannot hide it from the chain).
-- Chains are per org (org-less rows share one chain) and serialise writers
-- of the same org on the chain head, which is a few microseconds per row.

alter table public.audit_log add column prev_hash bytea, add column hash bytea;
comment on column public.audit_log.hash is 'SHA-256(prev_hash || app_private.audit_content(row)): the tamper-evident chain per org (audit_verify_chain).';

create table app_private.audit_chain_heads (
  org_key uuid primary key,
  last_id bigint not null,
  last_hash bytea not null
);
comment on table app_private.audit_chain_heads is 'The latest link of each org''s audit chain (org-less rows use the nil uuid).';

-- What is hashed: every column but the hashes, times as epoch numbers (independent of the session time zone).
create function app_private.audit_content(r public.audit_log) returns bytea
language sql immutable set search_path = '' as $$
  select convert_to(jsonb_build_array(r.id, r.org_id, r.actor_account_id, r.actor_role, r.action, r.table_name, r.row_id,
                                      r.before, r.after, extract(epoch from r.at))::text, 'UTF8')
$$;

create function app_private.audit_link() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_key uuid := coalesce(new.org_id, '00000000-0000-0000-0000-000000000000');
  v_prev bytea;
begin
  insert into app_private.audit_chain_heads (org_key, last_id, last_hash) values (v_key, 0, '\x') on conflict do nothing;
  select last_hash into v_prev from app_private.audit_chain_heads where org_key = v_key for update;
  new.prev_hash := v_prev;
  new.hash := extensions.digest(v_prev || app_private.audit_content(new), 'sha256');
  update app_private.audit_chain_heads set last_id = new.id, last_hash = new.hash where org_key = v_key;
  return new;
end
$$;

create function app_private.audit_append_only() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception 'the audit log is append-only' using errcode = 'YM801';
end
$$;

-- Chain what is already there (a fresh database has nothing yet), in id order per org.
do $$
declare
  r public.audit_log;
  v_prev bytea;
  v_key uuid;
begin
  for r in select * from public.audit_log order by id loop
    v_key := coalesce(r.org_id, '00000000-0000-0000-0000-000000000000');
    select last_hash into v_prev from app_private.audit_chain_heads where org_key = v_key;
    v_prev := coalesce(v_prev, '\x');
    update public.audit_log set prev_hash = v_prev, hash = extensions.digest(v_prev || app_private.audit_content(r), 'sha256') where id = r.id;
    insert into app_private.audit_chain_heads (org_key, last_id, last_hash)
    values (v_key, r.id, (select hash from public.audit_log where id = r.id))
    on conflict (org_key) do update set last_id = excluded.last_id, last_hash = excluded.last_hash;
  end loop;
end
$$;

create trigger audit_log_link before insert on public.audit_log for each row execute function app_private.audit_link();
create trigger audit_log_append_only before update or delete on public.audit_log for each row execute function app_private.audit_append_only();

-- Walks the org's chain in order and reports the first row whose links do
-- not hold (edited content, a deleted or inserted row). Super admins of the
-- org and the service role.
create function public.audit_verify_chain(p_org uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  r public.audit_log;
  v_prev bytea := '\x';
  v_checked bigint := 0;
begin
  if coalesce(auth.role(), '') <> 'service_role' and p_org not in (select app_private.super_admin_org_ids()) then
    raise exception 'only super admins can verify the audit log' using errcode = '42501';
  end if;
  for r in select * from public.audit_log where org_id = p_org and hash is not null order by id loop
    if r.prev_hash is distinct from v_prev then
      return jsonb_build_object('ok', false, 'checked', v_checked, 'first_bad_id', r.id, 'problem', 'a row before this one was removed, added or changed');
    end if;
    if r.hash is distinct from extensions.digest(r.prev_hash || app_private.audit_content(r), 'sha256') then
      return jsonb_build_object('ok', false, 'checked', v_checked, 'first_bad_id', r.id, 'problem', 'this row was changed after it was written');
    end if;
    v_prev := r.hash;
    v_checked := v_checked + 1;
  end loop;
  if v_prev is distinct from coalesce((select last_hash from app_private.audit_chain_heads where org_key = p_org), '\x') then
    return jsonb_build_object('ok', false, 'checked', v_checked, 'first_bad_id', null, 'problem', 'the latest rows were removed');
  end if;
  return jsonb_build_object('ok', true, 'checked', v_checked);
end
$$;

revoke execute on function app_private.audit_content(public.audit_log), app_private.audit_link(), app_private.audit_append_only() from public;
revoke execute on function public.audit_verify_chain(uuid) from public, anon;
grant execute on function public.audit_verify_chain(uuid) to authenticated, service_role;
