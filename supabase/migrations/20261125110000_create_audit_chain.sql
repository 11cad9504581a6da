-- A tamper-evident audit log: every audit row gets a position in its org's
-- chain (chain_seq, 1, 2, 3, ...), the hash of the previous row (prev_hash)
-- and its own hash = SHA-256(prev_hash || content). Editing, deleting or
-- inserting a row anywhere breaks the links after it; the chain head (last
-- position and hash per org) exposes removed tail
-- rows; it moves at commit). audit_verify_chain finds the first broken link. The audit log is
-- also append-only for everyone (a superuser who bypasses that still cannot
-- hide it from the chain).
-- Writers of one org are serialised by a transaction-scoped advisory lock
-- taken when they first write an audit row, so positions follow commit
-- order even when ids (from the sequence) do not.

alter table public.audit_log add column chain_seq bigint, add column prev_hash bytea, add column hash bytea;
comment on column public.audit_log.chain_seq is 'Position in the org''s audit chain (org-less rows have their own chain).';
comment on column public.audit_log.hash is 'SHA-256(prev_hash || app_private.audit_content(row)): the tamper-evident chain per org (audit_verify_chain).';
create unique index audit_log_org_chain on public.audit_log (org_id, chain_seq) where org_id is not null;
create unique index audit_log_orgless_chain on public.audit_log (chain_seq) where org_id is null;

create table app_private.audit_chain_heads (
  org_key uuid primary key,
  last_seq bigint not null,
  last_hash bytea not null
);
comment on table app_private.audit_chain_heads is 'The latest link of each org''s audit chain (org-less rows use the nil uuid), to detect removed tail rows.';

-- What is hashed: the position and every column but the hashes, times as
-- epoch numbers (independent of the session time zone).
create function app_private.audit_content(r public.audit_log) returns bytea
language sql immutable set search_path = '' as $$
  select convert_to(jsonb_build_array(r.chain_seq, r.id, r.org_id, r.actor_account_id, r.actor_role, r.action, r.table_name, r.row_id,
                                      r.before, r.after, extract(epoch from r.at))::text, 'UTF8')
$$;

create function app_private.audit_link() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  -- The chain's last link written by this transaction, cached in a
  -- transaction-local setting (reverted with the transaction or savepoint).
  v_cache text := 'yima.audit_chain_' || replace(coalesce(new.org_id::text, 'none'), '-', '');
  v_last text := nullif(current_setting(v_cache, true), '');
  v_seq bigint;
  v_prev bytea;
begin
  if v_last is not null then
    v_seq := split_part(v_last, ':', 1)::bigint;
    v_prev := decode(split_part(v_last, ':', 2), 'hex');
  else
    -- First row of this chain in this transaction: take the chain (until commit), read its end.
    perform pg_advisory_xact_lock(hashtextextended('audit-chain:' || coalesce(new.org_id::text, ''), 0));
    if new.org_id is null then
      select chain_seq, hash into v_seq, v_prev from public.audit_log where org_id is null order by chain_seq desc limit 1;
    else
      select chain_seq, hash into v_seq, v_prev from public.audit_log where org_id = new.org_id order by chain_seq desc limit 1;
    end if;
  end if;
  new.chain_seq := coalesce(v_seq, 0) + 1;
  new.prev_hash := coalesce(v_prev, '\x');
  new.hash := extensions.digest(new.prev_hash || app_private.audit_content(new), 'sha256');
  perform set_config(v_cache, new.chain_seq || ':' || encode(new.hash, 'hex'), true);
  return new;
end
$$;

-- At commit, once per chain a transaction wrote: move the chain's head to
-- its newest row. A deferred row trigger, so it fires for every row but
-- returns at once for all but the last (the position cached by audit_link).
create function app_private.audit_move_head() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_last text := nullif(current_setting('yima.audit_chain_' || replace(coalesce(new.org_id::text, 'none'), '-', ''), true), '');
begin
  if v_last is null or split_part(v_last, ':', 1)::bigint <> new.chain_seq then
    return null;
  end if;
  insert into app_private.audit_chain_heads (org_key, last_seq, last_hash)
  values (coalesce(new.org_id, '00000000-0000-0000-0000-000000000000'), new.chain_seq, new.hash)
  on conflict (org_key) do update set last_seq = excluded.last_seq, last_hash = excluded.last_hash
   where app_private.audit_chain_heads.last_seq < excluded.last_seq;
  return null;
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
  v_seq bigint;
  v_prev bytea;
begin
  for r in select * from public.audit_log order by id loop
    select chain_seq, hash into v_seq, v_prev from public.audit_log
     where org_id is not distinct from r.org_id and chain_seq is not null order by chain_seq desc limit 1;
    r.chain_seq := coalesce(v_seq, 0) + 1;
    r.prev_hash := coalesce(v_prev, '\x');
    update public.audit_log set chain_seq = r.chain_seq, prev_hash = r.prev_hash,
           hash = extensions.digest(r.prev_hash || app_private.audit_content(r), 'sha256') where id = r.id;
  end loop;
  insert into app_private.audit_chain_heads (org_key, last_seq, last_hash)
  select distinct on (coalesce(org_id, '00000000-0000-0000-0000-000000000000'))
         coalesce(org_id, '00000000-0000-0000-0000-000000000000'), chain_seq, hash
    from public.audit_log where chain_seq is not null
   order by coalesce(org_id, '00000000-0000-0000-0000-000000000000'), chain_seq desc;
end
$$;

create trigger audit_log_link before insert on public.audit_log for each row execute function app_private.audit_link();
create constraint trigger audit_log_move_head after insert on public.audit_log deferrable initially deferred
  for each row execute function app_private.audit_move_head();
create trigger audit_log_append_only before update or delete on public.audit_log for each row execute function app_private.audit_append_only();

-- Walks the org's chain in order and reports the first position whose links
-- do not hold (an edited, removed or inserted row), or a head that is ahead
-- of the last row (rows removed at the end). Super admins of the org and the
-- service role.
create function public.audit_verify_chain(p_org uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  r public.audit_log;
  v_prev bytea := '\x';
  v_expected bigint := 1;
  v_head app_private.audit_chain_heads;
begin
  if coalesce(auth.role(), '') <> 'service_role' and p_org not in (select app_private.super_admin_org_ids()) then
    raise exception 'only super admins can verify the audit log' using errcode = '42501';
  end if;
  for r in select * from public.audit_log where org_id = p_org order by chain_seq loop
    if r.chain_seq <> v_expected or r.prev_hash is distinct from v_prev then
      return jsonb_build_object('ok', false, 'checked', v_expected - 1, 'first_bad_id', r.id,
                                'problem', 'a row before this one was removed, added or changed');
    end if;
    if r.hash is distinct from extensions.digest(r.prev_hash || app_private.audit_content(r), 'sha256') then
      return jsonb_build_object('ok', false, 'checked', v_expected - 1, 'first_bad_id', r.id, 'problem', 'this row was changed after it was written');
    end if;
    v_prev := r.hash;
    v_expected := v_expected + 1;
  end loop;
  select * into v_head from app_private.audit_chain_heads where org_key = p_org;
  if v_head.org_key is not null and (v_head.last_seq <> v_expected - 1 or v_head.last_hash is distinct from v_prev) then
    return jsonb_build_object('ok', false, 'checked', v_expected - 1, 'first_bad_id', null, 'problem', 'the latest rows were removed');
  end if;
  return jsonb_build_object('ok', true, 'checked', v_expected - 1);
end
$$;

revoke execute on function app_private.audit_content(public.audit_log), app_private.audit_link(), app_private.audit_move_head(),
  app_private.audit_append_only() from public;
revoke execute on function public.audit_verify_chain(uuid) from public, anon;
grant execute on function public.audit_verify_chain(uuid) to authenticated, service_role;
