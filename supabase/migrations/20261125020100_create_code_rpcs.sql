-- Dynamic code RPCs. code_* are called by the code-* edge functions with the
-- service role only (the function has authenticated the member, guard or
-- device already); admin_* are called by admins through PostgREST and check
-- permission themselves. All are security definer: they reach app_private
-- (issuer keys, point keys) and the revocation log, which API roles cannot write.
-- Binary values cross PostgREST as lower-case hex text; times as unix seconds.
-- Error codes:
--   YM203 the caller is not an active member bound to this org (enrolment)
--   YM204 card not found in this org
--   YM207 the card's targeting does not include the member
--   YM205 unknown revocation reason
--   YM206 verification point not found in this org, or inactive

-- ---------------------------------------------------------------- helpers
-- The PII key as the passphrase pgp_sym_encrypt uses (as members_protect_id_card does).
create function app_private.pii_passphrase() returns text
language sql stable security definer set search_path = '' as $$
  select encode(secret, 'hex') from app_private.keys where name = 'pii'
$$;

-- Keys whose drain period is over become retired (run lazily by readers).
create function app_private.retire_drained_issuer_keys(p_org uuid) returns void
language sql security definer set search_path = '' as $$
  update app_private.issuer_keys set status = 'retired', retired_at = now()
   where org_id = p_org and status = 'active' and not signing and not_after is not null and not_after <= now()
$$;

-- The signing key of an org, promoting the standby key when there is none
-- (first enrolment after a rotation). Returns null when the org has neither.
create function app_private.signing_issuer_key(p_org uuid) returns app_private.issuer_keys
language plpgsql security definer set search_path = '' as $$
declare
  k app_private.issuer_keys;
begin
  select * into k from app_private.issuer_keys where org_id = p_org and signing;
  if k.id is null then
    update app_private.issuer_keys set signing = true
     where id = (select id from app_private.issuer_keys
                  where org_id = p_org and status = 'active' and not signing and not_after is null
                  order by created_at limit 1)
    returning * into k;
  end if;
  return k;
end
$$;

-- ---------------------------------------------------------------- enrolment
-- Step 1 of enrolment: checks the account is an active member of p_org,
-- picks the card (p_card, else the org's first card, created as 员工卡 if the
-- org has none), and returns the settings and the decrypted signing key
-- (null when the org has none yet: the function generates one and calls
-- code_add_issuer_key). Service role only: it returns a secret key.
create function public.code_enroll_begin(p_account uuid, p_org uuid, p_card uuid default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  m public.members;
  s public.code_settings;
  v_card public.cards;
  k app_private.issuer_keys;
begin
  select * into m from public.members where org_id = p_org and account_id = p_account;
  if m.id is null then
    raise exception 'you have not claimed a card in this organisation' using errcode = 'YM203';
  end if;
  if m.status <> 'active' then
    raise exception 'this member is % and cannot show a code', m.status using errcode = 'YM203';
  end if;
  perform pg_advisory_xact_lock(hashtextextended('issuer:' || p_org::text, 0));
  if p_card is not null then
    select * into v_card from public.cards where org_id = p_org and id = p_card;
    if v_card.id is null then
      raise exception 'card % not found in this organisation', p_card using errcode = 'YM204';
    end if;
    if not app_private.card_targets_member(v_card, m) then
      raise exception 'the card % is not issued to you; ask an admin', v_card.name using errcode = 'YM207';
    end if;
  else
    -- The first card whose targeting includes this member.
    select c.* into v_card from public.cards c
     where c.org_id = p_org and app_private.card_targets_member(c, m)
     order by c.created_at, c.id limit 1;
    if v_card.id is null then
      if exists (select 1 from public.cards where org_id = p_org) then
        raise exception 'no card of this organisation is issued to you; ask an admin' using errcode = 'YM207';
      end if;
      insert into public.cards (org_id, name) values (p_org, '员工卡') returning * into v_card;
    end if;
  end if;
  select * into s from public.code_settings where org_id = p_org;
  k := app_private.signing_issuer_key(p_org);
  return jsonb_build_object(
    'member_id', m.id,
    'card_id', v_card.id,
    'scopes', coalesce(v_card.scopes, s.default_scopes),
    'step_seconds', s.step_seconds,
    'validity_seconds', s.offline_validity_hours * 3600,
    'offline_cap_fen', s.default_offline_cap_fen,
    'key', case when k.id is null then null else jsonb_build_object(
      'key_id', k.key_id,
      'public_key', encode(k.public_key, 'hex'),
      'secret_key', encode(extensions.pgp_sym_decrypt_bytea(k.secret_cipher, app_private.pii_passphrase()), 'hex')) end,
    'standby_missing', not exists (select 1 from app_private.issuer_keys
                                    where org_id = p_org and status = 'active' and not signing and not_after is null)
  );
end
$$;

-- Stores a key pair generated by the function: as the signing key when the
-- org has none, else as the standby key (published to verifiers before it
-- signs anything, protocol section 12) when there is none; otherwise does
-- nothing (a concurrent call won). Returns 'signing', 'standby' or 'none'.
create function public.code_add_issuer_key(p_org uuid, p_public_key text, p_secret_key text) returns text
language plpgsql security definer set search_path = '' as $$
declare
  v_role text;
begin
  perform pg_advisory_xact_lock(hashtextextended('issuer:' || p_org::text, 0));
  if app_private.signing_issuer_key(p_org) is null then
    v_role := 'signing';
  elsif not exists (select 1 from app_private.issuer_keys
                     where org_id = p_org and status = 'active' and not signing and not_after is null) then
    v_role := 'standby';
  else
    return 'none';
  end if;
  insert into app_private.issuer_keys (org_id, key_id, public_key, secret_cipher, signing)
  values (p_org, 0, decode(p_public_key, 'hex'),
          extensions.pgp_sym_encrypt_bytea(decode(p_secret_key, 'hex'), app_private.pii_passphrase()),
          v_role = 'signing');
  insert into public.audit_log (org_id, actor_role, action, table_name, after)
  values (p_org, 'service_role', 'issuer_key.create', 'issuer_keys',
          jsonb_build_object('key_id', app_private.issuer_key_id(decode(p_public_key, 'hex')), 'role', v_role));
  return v_role;
end
$$;

-- Step 2 of enrolment: records the credential the function signed. A live
-- credential of the same member and device key is revoked ('replaced'), so
-- there is one live credential per member and device.
create function public.code_enroll_commit(
  p_org uuid, p_member uuid, p_card uuid, p_credential_id uuid, p_device_public_key text, p_key_id bigint,
  p_scopes integer, p_step_seconds integer, p_not_before bigint, p_expires_at bigint, p_offline_cap_fen bigint
) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_device bytea := decode(p_device_public_key, 'hex');
begin
  with replaced as (
    update public.credentials c set revoked_at = now(), revoke_reason = 'replaced'
     where c.org_id = p_org and c.member_id = p_member and c.device_public_key = v_device and c.revoked_at is null
    returning c.id, c.expires_at
  )
  insert into public.revocations (org_id, target, target_id, reason, until)
  select p_org, 'credential', r.id, 'replaced', r.expires_at from replaced r where r.expires_at > now();
  insert into public.credentials (id, org_id, member_id, card_id, device_public_key, key_id, scopes, step_seconds,
                                  not_before, expires_at, offline_cap_fen)
  values (p_credential_id, p_org, p_member, p_card, v_device, p_key_id, p_scopes, p_step_seconds,
          to_timestamp(p_not_before), to_timestamp(p_expires_at), p_offline_cap_fen);
end
$$;

-- ---------------------------------------------------------------- verifier sync
-- The org's issuer public keys for verifiers: every key with its status.
-- Signing and standby keys get a rolling horizon (issuer_key_validity_days from today)
-- so a verifier that stops syncing stops trusting them eventually; a
-- draining key gets the expiry of its last credential; drained keys retire here.
create function public.code_issuer_keys(p_org uuid)
returns table (key_id bigint, public_key text, status text, not_after bigint, signing boolean)
language plpgsql security definer set search_path = '' as $$
begin
  perform app_private.retire_drained_issuer_keys(p_org);
  return query
  select k.key_id, encode(k.public_key, 'hex'), k.status,
         case when k.status = 'retired' then extract(epoch from k.retired_at)::bigint
              when k.not_after is not null then extract(epoch from k.not_after)::bigint
              -- Whole days, so the ring a verifier holds changes only when a key does (or daily).
              else extract(epoch from date_trunc('day', now()) + make_interval(days => s.issuer_key_validity_days + 1))::bigint end,
         k.signing
    from app_private.issuer_keys k
    join public.code_settings s on s.org_id = k.org_id
   where k.org_id = p_org
   order by k.created_at;
end
$$;

-- Revocation changes of an org after p_since, at most p_limit, in the delta
-- shape of RevocationList.apply ({since, version, entries}). When the page is
-- full, version is its last seq so the verifier asks again from there.
create function public.code_revocations_since(p_org uuid, p_since bigint, p_limit integer default 5000) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_entries jsonb;
  v_count integer;
  v_last bigint;
  v_max bigint;
begin
  select coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
           'seq', r.seq, 'op', r.op, 'target', r.target, 'id', r.target_id,
           'until', extract(epoch from r.until)::bigint)) order by r.seq), '[]'::jsonb),
         count(*), max(r.seq)
    into v_entries, v_count, v_last
    from (select * from public.revocations
           where org_id = p_org and seq > p_since
           order by seq limit greatest(least(p_limit, 5000), 1)) r;
  if v_count >= greatest(least(p_limit, 5000), 1) then
    v_max := v_last;
  else
    select greatest(p_since, coalesce(max(seq), 0)) into v_max from public.revocations where org_id = p_org;
  end if;
  return jsonb_build_object('since', p_since, 'version', v_max, 'entries', v_entries);
end
$$;

-- ---------------------------------------------------------------- verification
-- The verification point an API key (SHA-256 hex) belongs to, or no row.
create function public.code_point_by_key(p_key_hash text)
returns table (point_id uuid, org_id uuid, name text, kind public.verification_point_kind, required_scopes integer, active boolean)
language sql stable security definer set search_path = '' as $$
  select p.id, p.org_id, p.name, p.kind, p.required_scopes, p.active
    from app_private.verification_point_keys k join public.verification_points p on p.id = k.point_id
   where k.key_hash = p_key_hash
$$;

-- May this account verify codes for p_org (a guard: an active member holding
-- the cards function)? With p_point, the point must be an active point of
-- that org. Returns the point's required scopes (0 without a point).
create function public.code_guard_check(p_account uuid, p_org uuid, p_point uuid default null) returns integer
language plpgsql stable security definer set search_path = '' as $$
declare
  v_scopes integer := 0;
begin
  if not exists (
    select 1 from public.members m
      join public.admin_group_members gm on gm.member_id = m.id and gm.org_id = m.org_id
      join public.admin_groups g on g.id = gm.group_id
     where m.account_id = p_account and m.org_id = p_org and m.status = 'active'
       and (g.is_super or 'cards' = any (g.functions))) then
    raise exception 'you need the cards permission in this organisation to verify codes' using errcode = '42501';
  end if;
  if p_point is not null then
    select required_scopes into v_scopes from public.verification_points
     where id = p_point and org_id = p_org and active;
    if not found then
      raise exception 'verification point not found in this organisation, or inactive' using errcode = 'YM206';
    end if;
  end if;
  return v_scopes;
end
$$;

-- Records one verification and adds the live checks a code cannot carry.
-- p_reason is the SDK's verdict (null = the code checked out offline-style);
-- then, in order: the point is active, the issuer key is still usable, the
-- credential exists and is not revoked, the member is active and bound, and
-- (credential, counter) was never accepted before (a unique index, so a
-- replay is refused across function instances). p_member / p_credential are
-- passed only when the issuer signature checked out. Returns
-- {ok, reason?, member?: {name, department}}.
create function public.code_record_verification(
  p_org uuid, p_point uuid, p_guard uuid, p_credential uuid, p_member uuid, p_key_id bigint,
  p_counter bigint, p_upload_id text, p_reason text
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_reason text := p_reason;
  v_cred public.credentials;
  v_member record;
  v_id bigint;
begin
  -- Always assigned (an empty row when there is no member) so later reads are safe.
  select m.name, m.status, m.account_id, d.name as department into v_member
    from public.members m join public.departments d on d.id = m.department_id
   where p_member is not null and m.org_id = p_org and m.id = p_member;
  if v_reason is null then
    if p_point is not null and not exists (select 1 from public.verification_points where id = p_point and org_id = p_org and active) then
      v_reason := 'point_inactive';
    elsif not exists (select 1 from app_private.issuer_keys k
                       where k.org_id = p_org and k.key_id = p_key_id and k.status = 'active'
                         and (k.not_after is null or k.not_after > now())) then
      v_reason := 'key_retired';
    else
      select * into v_cred from public.credentials c where c.org_id = p_org and c.id = p_credential;
      if v_cred.id is null or v_cred.member_id <> p_member or v_cred.revoked_at is not null then
        v_reason := 'revoked';
      elsif v_member.name is null or v_member.status <> 'active' or v_member.account_id is null then
        v_reason := 'member_inactive';
      elsif p_point is not null and not app_private.access_allowed(p_org, p_point, p_member, now()) then
        v_reason := 'access_denied';
      end if;
    end if;
  end if;
  if v_reason is null then
    insert into public.access_events (org_id, point_id, member_id, credential_id, counter, ok, mode, upload_id, verified_by)
    values (p_org, p_point, p_member, p_credential, p_counter, true, 'online', p_upload_id, p_guard)
    on conflict (org_id, credential_id, counter) where ok do nothing
    returning id into v_id;
    if v_id is null then
      v_reason := 'replayed';
    end if;
  end if;
  if v_reason is not null then
    insert into public.access_events (org_id, point_id, member_id, credential_id, counter, ok, reason, mode, upload_id, verified_by)
    values (p_org, p_point, p_member, p_credential, p_counter, false, v_reason, 'online', p_upload_id, p_guard);
  end if;
  return jsonb_strip_nulls(jsonb_build_object(
    'ok', v_reason is null,
    'reason', v_reason,
    'member', case when v_member.name is not null then jsonb_build_object('name', v_member.name, 'department', v_member.department) end));
end
$$;

-- ---------------------------------------------------------------- admin RPCs
-- Revokes every live credential of the given members and logs the entries
-- verifiers sync. p_reason: lost_device (the member re-enrols on a new phone),
-- left (also sets status 'left'), blacklist (also sets status 'disabled' and
-- logs a member-level entry), other. Caller needs the cards function and must
-- administer each member's department. Returns how many credentials were revoked.
create function public.admin_revoke_credentials(p_member_ids uuid[], p_reason text) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  m public.members;
  v_until timestamptz;
  v_count integer := 0;
begin
  if p_reason is null or p_reason not in ('lost_device', 'left', 'blacklist', 'other') then
    raise exception 'reason must be lost_device, left, blacklist or other' using errcode = 'YM205';
  end if;
  for m in select * from public.members where id = any (p_member_ids) order by id for update loop
    if not app_private.has_function(m.org_id, 'cards') or not app_private.can_admin_department(m.department_id) then
      raise exception 'you may not revoke the cards of member %', m.name using errcode = '42501';
    end if;
    select max(expires_at) into v_until from public.credentials
     where org_id = m.org_id and member_id = m.id and revoked_at is null and expires_at > now();
    v_count := v_count + app_private.revoke_member_credentials(m.org_id, m.id, p_reason);
    if p_reason in ('left', 'blacklist') and v_until is not null then
      insert into public.revocations (org_id, target, target_id, reason, until)
      values (m.org_id, 'member', m.id, p_reason, v_until);
    end if;
    if p_reason = 'left' and m.status <> 'left' then
      update public.members set status = 'left' where id = m.id;
    elsif p_reason = 'blacklist' and m.status = 'active' then
      update public.members set status = 'disabled' where id = m.id;
    end if;
    insert into public.audit_log (org_id, actor_account_id, actor_role, action, table_name, row_id, after)
    values (m.org_id, auth.uid(), 'authenticated', 'credentials.revoke', 'members', m.id, jsonb_build_object('reason', p_reason));
  end loop;
  if coalesce(array_length(p_member_ids, 1), 0) > 0 and not exists (select 1 from public.members where id = any (p_member_ids)) then
    raise exception 'no such members' using errcode = 'P0002';
  end if;
  return v_count;
end
$$;

-- Rotates the org's issuer key (super admins). The signing key stops signing
-- and drains: it stays active for verification until its last credential
-- expires (not_after), then retires by itself. The standby key, published to
-- verifiers since it was created, signs from now on (if the org has none yet,
-- the next enrolment creates one). p_compromised retires the old key at once:
-- every credential it signed is refused and phones re-enrol.
create function public.admin_rotate_issuer_key(p_org uuid, p_compromised boolean default false) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  k app_private.issuer_keys;
  v_not_after timestamptz;
  n app_private.issuer_keys;
begin
  if not app_private.is_super_admin(p_org) then
    raise exception 'only a super admin may rotate the issuer key' using errcode = '42501';
  end if;
  perform pg_advisory_xact_lock(hashtextextended('issuer:' || p_org::text, 0));
  select * into k from app_private.issuer_keys where org_id = p_org and signing for update;
  if k.id is not null then
    if p_compromised then
      update app_private.issuer_keys set signing = false, status = 'retired', retired_at = now(), not_after = now()
       where id = k.id returning not_after into v_not_after;
    else
      select greatest(now(), max(c.expires_at)) into v_not_after from public.credentials c
       where c.org_id = p_org and c.key_id = k.key_id and c.revoked_at is null;
      update app_private.issuer_keys set signing = false, not_after = v_not_after where id = k.id;
    end if;
  end if;
  n := app_private.signing_issuer_key(p_org);
  insert into public.audit_log (org_id, actor_account_id, actor_role, action, table_name, after)
  values (p_org, auth.uid(), 'authenticated', 'issuer_key.rotate', 'issuer_keys',
          jsonb_build_object('previous_key_id', k.key_id, 'not_after', v_not_after, 'signing_key_id', n.key_id, 'compromised', p_compromised));
  return jsonb_build_object('previous_key_id', k.key_id, 'previous_not_after', v_not_after,
                            'signing_key_id', n.key_id, 'compromised', p_compromised);
end
$$;

-- Issues (or replaces) the API key of a verification point and returns it
-- once; only its SHA-256 is kept. Caller needs the cards function in its org.
create function public.admin_issue_point_key(p_point uuid) returns text
language plpgsql security definer set search_path = '' as $$
declare
  p public.verification_points;
  v_key text := 'ymp_' || encode(extensions.gen_random_bytes(24), 'hex');
begin
  select * into p from public.verification_points where id = p_point;
  if p.id is null then
    raise exception 'verification point not found' using errcode = 'P0002';
  end if;
  if not app_private.has_function(p.org_id, 'cards') then
    raise exception 'you need the cards permission for this organisation' using errcode = '42501';
  end if;
  delete from app_private.verification_point_keys where point_id = p.id;
  insert into app_private.verification_point_keys (key_hash, point_id, org_id)
  values (encode(extensions.digest(v_key, 'sha256'), 'hex'), p.id, p.org_id);
  insert into public.audit_log (org_id, actor_account_id, actor_role, action, table_name, row_id)
  values (p.org_id, auth.uid(), coalesce(auth.role(), session_user::text), 'verification_point.issue_key', 'verification_points', p.id);
  return v_key;
end
$$;

-- ---------------------------------------------------------------- grants
revoke execute on function
  app_private.pii_passphrase(), app_private.retire_drained_issuer_keys(uuid), app_private.signing_issuer_key(uuid),
  app_private.orgs_create_code_settings(), app_private.issuer_keys_set_key_id(), app_private.cards_forbid_rename(),
  app_private.revocations_assign_seq(), app_private.revocations_append_only(),
  app_private.members_revoke_credentials(), app_private.members_revoke_on_delete()
from public;
revoke execute on function
  public.code_enroll_begin(uuid, uuid, uuid), public.code_add_issuer_key(uuid, text, text),
  public.code_enroll_commit(uuid, uuid, uuid, uuid, text, bigint, integer, integer, bigint, bigint, bigint),
  public.code_issuer_keys(uuid), public.code_revocations_since(uuid, bigint, integer),
  public.code_point_by_key(text), public.code_guard_check(uuid, uuid, uuid),
  public.code_record_verification(uuid, uuid, uuid, uuid, uuid, bigint, bigint, text, text),
  public.admin_revoke_credentials(uuid[], text), public.admin_rotate_issuer_key(uuid, boolean),
  public.admin_issue_point_key(uuid)
from public, anon, authenticated;
grant execute on function
  public.code_enroll_begin(uuid, uuid, uuid), public.code_add_issuer_key(uuid, text, text),
  public.code_enroll_commit(uuid, uuid, uuid, uuid, text, bigint, integer, integer, bigint, bigint, bigint),
  public.code_issuer_keys(uuid), public.code_revocations_since(uuid, bigint, integer),
  public.code_point_by_key(text), public.code_guard_check(uuid, uuid, uuid),
  public.code_record_verification(uuid, uuid, uuid, uuid, uuid, bigint, bigint, text, text)
to service_role;
grant execute on function
  public.admin_revoke_credentials(uuid[], text), public.admin_rotate_issuer_key(uuid, boolean),
  public.admin_issue_point_key(uuid)
to authenticated, service_role;
