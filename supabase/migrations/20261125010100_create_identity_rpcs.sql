-- Identity RPCs. The auth_* / claim / sms / refresh functions are called by
-- edge functions with the service role only (they act for a caller the
-- function has already authenticated); admin_* are called by admins through
-- PostgREST and check permission themselves. All are security definer
-- because they reach app_private, which API roles cannot.

-- ---------------------------------------------------------------- identities
-- Finds or creates the account of an external identity; returns its id.
create function public.auth_upsert_identity(
  p_provider public.identity_provider, p_app text, p_subject text, p_unionid text default null
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_account uuid;
begin
  select account_id into v_account from app_private.account_identities
   where provider = p_provider and provider_app = coalesce(p_app, '') and subject = p_subject;
  if v_account is null and p_provider = 'phone' then
    select id into v_account from public.accounts where phone = p_subject;
  end if;
  if v_account is null then
    insert into public.accounts (phone) values (case when p_provider = 'phone' then p_subject end)
    returning id into v_account;
  end if;
  insert into app_private.account_identities (provider, provider_app, subject, account_id, unionid)
  values (p_provider, coalesce(p_app, ''), p_subject, v_account, p_unionid)
  on conflict (provider, provider_app, subject)
  do update set last_login_at = now(), unionid = coalesce(excluded.unionid, app_private.account_identities.unionid);
  return v_account;
end
$$;

-- The orgs an account is an active member of, for the session response.
create function public.auth_memberships(p_account uuid)
returns table (org_id uuid, org_name text, org_slug text, member_id uuid, member_name text, department_id uuid)
language sql stable security definer set search_path = '' as $$
  select o.id, o.name, o.slug, m.id, m.name, m.department_id
    from public.members m join public.orgs o on o.id = m.org_id
   where m.account_id = p_account and m.status = 'active'
   order by m.claimed_at desc nulls last, o.name
$$;

-- WeCom login: the org is found by corp id, the member by WeCom userid, and
-- the account is bound to that member automatically.
create function public.auth_wecom_bind(p_corp_id text, p_userid text, p_account uuid)
returns table (org_id uuid, member_id uuid)
language plpgsql security definer set search_path = '' as $$
declare
  v_org uuid;
  v_member public.members;
begin
  select s.org_id into v_org from public.org_auth_settings s where s.wecom_corp_id = p_corp_id;
  if v_org is null then
    raise exception 'no organisation uses WeCom corp %', p_corp_id using errcode = 'YM101';
  end if;
  select * into v_member from public.members m where m.org_id = v_org and m.wecom_userid = p_userid;
  if v_member.id is null then
    raise exception 'WeCom user % is not a member of this organisation; ask an admin to add them', p_userid using errcode = 'YM102';
  end if;
  if v_member.account_id is not null and v_member.account_id <> p_account then
    raise exception 'this member is already bound to another account' using errcode = 'YM103';
  end if;
  if v_member.account_id is null then
    update public.accounts set display_name = coalesce(display_name, v_member.name) where id = p_account;
    update public.members set account_id = p_account, claimed_at = now() where id = v_member.id;
  end if;
  return query select v_org, v_member.id;
end
$$;

-- ---------------------------------------------------------------- claim
-- Failed attempts since the window opened (the later of the last success and
-- now - lock window), for a lock-out key.
create function app_private.claim_failures(p_org uuid, p_account uuid, p_device text, p_member uuid, p_window interval)
returns table (account_failures integer, device_failures integer, member_failures integer, last_failure timestamptz)
language sql stable security definer set search_path = '' as $$
  select
    (select count(*)::int from app_private.claim_attempts a where a.org_id = p_org and a.account_id = p_account and not a.ok and a.at > now() - p_window
        and a.at > coalesce((select max(s.at) from app_private.claim_attempts s where s.org_id = p_org and s.account_id = p_account and s.ok), '-infinity')),
    (select count(*)::int from app_private.claim_attempts a where a.org_id = p_org and a.device_id = p_device and not a.ok and a.at > now() - p_window
        and a.at > coalesce((select max(s.at) from app_private.claim_attempts s where s.org_id = p_org and s.device_id = p_device and s.ok), '-infinity')),
    (select count(*)::int from app_private.claim_attempts a where a.org_id = p_org and a.member_id = p_member and not a.ok and a.at > now() - p_window),
    (select max(a.at) from app_private.claim_attempts a where a.org_id = p_org and (a.account_id = p_account or a.device_id = p_device) and not a.ok)
$$;

-- Claims (binds) the card of the member that the given fields identify, by
-- the org's configured method. Never raises on a failed verification: the
-- attempt must be recorded (a raise would roll it back), so it returns
-- {ok:false, code, message, remaining, locked_until} instead.
-- p_verified_employee_no: set by the edge function after the enterprise API
-- said yes (claim_method = 'api'); ignored otherwise.
create function public.claim_card(
  p_account uuid, p_org uuid, p_device text, p_fields jsonb, p_verified_employee_no text default null
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  s public.org_auth_settings;
  v_window interval;
  f record;
  v_member public.members;
  v_matches integer;
  v_ids uuid[];
  v_reason text;
  v_message text;
  v_id_hmac text;
  v_remaining integer;
begin
  select * into s from public.org_auth_settings where org_id = p_org;
  if s.org_id is null then
    return jsonb_build_object('ok', false, 'code', 'org_not_found', 'message', '找不到该组织');
  end if;
  v_window := make_interval(mins => s.lock_minutes);

  -- Lock-out before anything else (account and device).
  select * into f from app_private.claim_failures(p_org, p_account, p_device, null, v_window);
  if f.account_failures >= s.max_claim_attempts or f.device_failures >= s.max_claim_attempts then
    return jsonb_build_object('ok', false, 'code', 'locked', 'message', '尝试次数过多，请稍后再试',
      'locked_until', f.last_failure + v_window, 'remaining', 0);
  end if;

  -- Find the member by the configured method.
  if s.claim_method = 'api' then
    if p_verified_employee_no is null then
      return jsonb_build_object('ok', false, 'code', 'api_not_verified', 'message', '需要先通过企业接口验证身份');
    end if;
    select * into v_member from public.members where org_id = p_org and employee_no = p_verified_employee_no;
    v_matches := case when v_member.id is null then 0 else 1 end;
  else
    if (s.claim_method in ('employee_no_phone', 'employee_no_id_card') and coalesce(p_fields ->> 'employee_no', '') = '')
       or (s.claim_method in ('name_id_card', 'name_phone') and coalesce(p_fields ->> 'name', '') = '')
       or (s.claim_method in ('employee_no_phone', 'name_phone') and coalesce(p_fields ->> 'phone', '') = '')
       or (s.claim_method in ('employee_no_id_card', 'name_id_card') and coalesce(p_fields ->> 'id_card', '') = '') then
      return jsonb_build_object('ok', false, 'code', 'missing_fields', 'message', '请填写全部验证信息', 'method', s.claim_method);
    end if;
    if s.claim_method in ('employee_no_id_card', 'name_id_card') then
      v_id_hmac := app_private.id_card_hmac(p_org, btrim(p_fields ->> 'id_card'));
    end if;
    select array_agg(m.id) into v_ids
      from public.members m
      left join app_private.member_secrets sec on sec.member_id = m.id
     where m.org_id = p_org
       and case s.claim_method
             when 'employee_no_phone' then m.employee_no = btrim(p_fields ->> 'employee_no') and m.phone = btrim(p_fields ->> 'phone')
             when 'employee_no_id_card' then m.employee_no = btrim(p_fields ->> 'employee_no') and sec.id_card_hmac = v_id_hmac
             when 'name_id_card' then m.name = btrim(p_fields ->> 'name') and sec.id_card_hmac = v_id_hmac
             when 'name_phone' then m.name = btrim(p_fields ->> 'name') and m.phone = btrim(p_fields ->> 'phone')
           end;
    v_matches := coalesce(cardinality(v_ids), 0);
    if v_matches = 1 then
      select * into v_member from public.members where id = v_ids[1];
    end if;
  end if;

  v_reason := case
    when v_matches = 0 then 'no_match'
    when v_matches > 1 then 'ambiguous'
    when v_member.status <> 'active' then 'member_inactive'
    when v_member.account_id is not null and v_member.account_id <> p_account then 'member_bound'
    when exists (select 1 from public.members o where o.org_id = p_org and o.account_id = p_account and o.id <> v_member.id) then 'account_bound'
    when v_member.employee_no is not null and exists (
      select 1 from app_private.deleted_members d
       where d.org_id = p_org and d.employee_no = v_member.employee_no) then 'member_deleted'
  end;

  if v_reason is null then
    insert into app_private.claim_attempts (org_id, account_id, device_id, member_id, ok, reason)
    values (p_org, p_account, p_device, v_member.id, true, 'claimed');
    if v_member.account_id is null then
      update public.accounts set display_name = coalesce(display_name, v_member.name) where id = p_account;
      update public.members set account_id = p_account, claimed_at = now() where id = v_member.id;
      insert into public.audit_log (org_id, actor_account_id, actor_role, action, table_name, row_id, after)
      values (p_org, p_account, 'service_role', 'member.claim', 'members', v_member.id,
              jsonb_build_object('method', s.claim_method, 'device_id', p_device));
    end if;
    return jsonb_build_object('ok', true, 'member_id', v_member.id, 'org_id', p_org);
  end if;

  -- A wrong combination is counted against the member it named, so spreading
  -- guesses over many devices still locks that member.
  insert into app_private.claim_attempts (org_id, account_id, device_id, member_id, ok, reason)
  values (p_org, p_account, p_device,
          case when v_reason = 'no_match' then (select m.id from public.members m where m.org_id = p_org
                                                 and m.employee_no = nullif(btrim(p_fields ->> 'employee_no'), '') limit 1)
               else v_member.id end,
          false, v_reason);
  insert into public.audit_log (org_id, actor_account_id, actor_role, action, table_name, row_id, after)
  values (p_org, p_account, 'service_role', 'member.claim_failed', 'members', v_member.id,
          jsonb_build_object('reason', v_reason, 'device_id', p_device));
  select * into f from app_private.claim_failures(p_org, p_account, p_device, null, v_window);
  v_remaining := greatest(s.max_claim_attempts - greatest(f.account_failures, f.device_failures), 0);
  v_message := case v_reason
    when 'no_match' then '信息不匹配，请核对后重试'
    when 'ambiguous' then '匹配到多名成员，请联系管理员'
    when 'member_inactive' then '该成员已停用，请联系管理员'
    when 'member_bound' then '该成员已被其他微信绑定；如需换绑请联系管理员解绑'
    when 'account_bound' then '你已在该组织领取过其他成员的卡'
    when 'member_deleted' then '该成员已被删除，不能再次领卡'
  end;
  return jsonb_build_object('ok', false, 'code', v_reason, 'message', v_message, 'remaining', v_remaining,
    'locked_until', case when v_remaining = 0 then now() + v_window end);
end
$$;

-- ---------------------------------------------------------------- SMS codes
-- Stores a new one-time code hash after enforcing the rate limits: one per
-- phone per 60 s, 10 per phone per day, 30 per IP per hour.
create function public.sms_code_create(p_phone text, p_purpose text, p_code_hash text, p_ip text, p_ttl_seconds integer)
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_last timestamptz;
  v_id uuid;
begin
  perform pg_advisory_xact_lock(hashtext('sms:' || p_phone));
  select max(created_at) into v_last from app_private.sms_codes where phone = p_phone;
  if v_last > now() - interval '60 seconds' then
    raise exception 'wait % seconds before requesting another code', ceil(extract(epoch from v_last + interval '60 seconds' - now()))::int
      using errcode = 'YM120', hint = 'retry_after=' || ceil(extract(epoch from v_last + interval '60 seconds' - now()))::int;
  end if;
  if (select count(*) from app_private.sms_codes where phone = p_phone and created_at > now() - interval '1 day') >= 10 then
    raise exception 'this phone has had 10 codes today; try again tomorrow' using errcode = 'YM120', hint = 'retry_after=86400';
  end if;
  if p_ip is not null and (select count(*) from app_private.sms_codes where ip = p_ip and created_at > now() - interval '1 hour') >= 30 then
    raise exception 'too many codes from this network; try again in an hour' using errcode = 'YM120', hint = 'retry_after=3600';
  end if;
  insert into app_private.sms_codes (phone, purpose, code_hash, ip, expires_at)
  values (p_phone, p_purpose, p_code_hash, p_ip, now() + make_interval(secs => p_ttl_seconds))
  returning id into v_id;
  return v_id;
end
$$;

-- Checks a code against the latest live code for the phone. Each check
-- counts; after 5 wrong tries the code is dead. Returns {ok, code}.
create function public.sms_code_consume(p_phone text, p_purpose text, p_code_hash text)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  c app_private.sms_codes;
begin
  select * into c from app_private.sms_codes
   where phone = p_phone and purpose = p_purpose and consumed_at is null
   order by created_at desc limit 1 for update;
  if c.id is null or c.expires_at < now() then
    return jsonb_build_object('ok', false, 'code', 'code_expired', 'message', '验证码已过期，请重新获取');
  end if;
  if c.attempts >= 5 then
    return jsonb_build_object('ok', false, 'code', 'too_many_attempts', 'message', '错误次数过多，请重新获取验证码');
  end if;
  update app_private.sms_codes set attempts = attempts + 1 where id = c.id;
  -- Both sides are SHA-256 hex digests of a salted code: equal length, and
  -- an attacker cannot steer a digest prefix, so plain equality leaks nothing useful.
  if c.code_hash <> p_code_hash then
    return jsonb_build_object('ok', false, 'code', 'code_wrong', 'message', '验证码错误', 'remaining', 4 - c.attempts);
  end if;
  update app_private.sms_codes set consumed_at = now() where id = c.id;
  return jsonb_build_object('ok', true);
end
$$;

-- ---------------------------------------------------------------- refresh tokens
create function public.refresh_token_create(p_account uuid, p_org uuid, p_hash text, p_ttl_seconds integer)
returns void
language sql security definer set search_path = '' as $$
  insert into app_private.refresh_tokens (account_id, org_id, token_hash, expires_at)
  values (p_account, p_org, p_hash, now() + make_interval(secs => p_ttl_seconds))
$$;

-- Rotates a refresh token: the old one is revoked and the new hash stored.
-- Presenting a token that was rotated more than 30 s ago means it leaked:
-- every token of the account is revoked. A token ended by logout or unbinding is simply
-- invalid (another tab may still hold it). Returns a status instead of
-- raising, so that the revocation is committed.
create function public.refresh_token_rotate(p_old_hash text, p_new_hash text, p_ttl_seconds integer)
returns table (account_id uuid, org_id uuid, status text)
language plpgsql security definer set search_path = '' as $$
declare
  t app_private.refresh_tokens;
begin
  select * into t from app_private.refresh_tokens where token_hash = p_old_hash for update;
  if t.id is null or t.expires_at < now() then
    return query select null::uuid, null::uuid, 'invalid';
    return;
  end if;
  -- Ended by logout or unbinding, or rotated within the last 30 s (two tabs
  -- refreshing at once: the loser re-reads the winner's token): just invalid.
  if t.revoked_at is not null and (t.revoke_reason <> 'rotated' or t.revoked_at > now() - interval '30 seconds') then
    return query select null::uuid, null::uuid, 'invalid';
    return;
  end if;
  if t.revoked_at is not null then
    update app_private.refresh_tokens r set revoked_at = now(), revoke_reason = 'reuse_detected'
     where r.account_id = t.account_id and r.revoked_at is null;
    insert into public.audit_log (org_id, actor_account_id, actor_role, action, table_name, after)
    values (t.org_id, t.account_id, 'service_role', 'session.refresh_reuse', 'refresh_tokens', jsonb_build_object('token_id', t.id));
    return query select t.account_id, t.org_id, 'reused';
    return;
  end if;
  update app_private.refresh_tokens set revoked_at = now(), revoke_reason = 'rotated' where id = t.id;
  insert into app_private.refresh_tokens (account_id, org_id, token_hash, expires_at)
  values (t.account_id, t.org_id, p_new_hash, now() + make_interval(secs => p_ttl_seconds));
  return query select t.account_id, t.org_id, 'ok';
end
$$;

create function public.refresh_token_revoke(p_hash text) returns void
language sql security definer set search_path = '' as $$
  update app_private.refresh_tokens set revoked_at = now(), revoke_reason = 'logout' where token_hash = p_hash and revoked_at is null
$$;

-- Org secrets for an edge function (service role only).
create function public.org_secret(p_org uuid, p_name text) returns text
language sql stable security definer set search_path = '' as $$
  select value from app_private.org_secrets where org_id = p_org and name = p_name
$$;

-- ---------------------------------------------------------------- admin RPCs
-- Unbinds the login identity from members (one or many). The member must
-- claim the card again; their sessions in this org end. Caller must
-- administer every member's department. Returns how many were unbound.
create function public.admin_unbind_members(p_member_ids uuid[]) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  m public.members;
  v_count integer := 0;
begin
  for m in select * from public.members where id = any (p_member_ids) for update loop
    if not app_private.can_admin_department(m.department_id) then
      raise exception 'you do not administer member %', m.name using errcode = '42501';
    end if;
    if m.account_id is not null then
      update app_private.refresh_tokens set revoked_at = now(), revoke_reason = 'unbound'
       where account_id = m.account_id and org_id = m.org_id and revoked_at is null;
      update public.members set account_id = null, claimed_at = null where id = m.id;
      insert into public.audit_log (org_id, actor_account_id, actor_role, action, table_name, row_id, before, after)
      values (m.org_id, auth.uid(), 'authenticated', 'member.unbind', 'members', m.id,
              jsonb_build_object('account_id', m.account_id), jsonb_build_object('account_id', null));
      v_count := v_count + 1;
    end if;
  end loop;
  if coalesce(array_length(p_member_ids, 1), 0) > 0 and not exists (select 1 from public.members where id = any (p_member_ids)) then
    raise exception 'no such members' using errcode = 'P0002';
  end if;
  return v_count;
end
$$;

-- Sets (or clears, with null) an org secret. Needs the config function.
create function public.admin_set_org_secret(p_org uuid, p_name text, p_value text) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if not app_private.has_function(p_org, 'config') then
    raise exception 'you need the config permission for this organisation' using errcode = '42501';
  end if;
  if p_name not in ('api_verify_secret', 'wecom_corp_secret', 'wecom_agent_id') then
    raise exception 'unknown secret %', p_name using errcode = 'YM140';
  end if;
  if p_value is null or p_value = '' then
    delete from app_private.org_secrets where org_id = p_org and name = p_name;
  else
    insert into app_private.org_secrets (org_id, name, value) values (p_org, p_name, p_value)
    on conflict (org_id, name) do update set value = excluded.value, updated_at = now();
  end if;
  insert into public.audit_log (org_id, actor_account_id, actor_role, action, table_name, after)
  values (p_org, auth.uid(), 'authenticated', 'org.secret_set', 'org_secrets',
          jsonb_build_object('name', p_name, 'cleared', p_value is null or p_value = ''));
end
$$;

-- Which org secrets are set (never their values), for the settings page.
create function public.admin_org_secret_names(p_org uuid) returns text[]
language plpgsql stable security definer set search_path = '' as $$
begin
  if not app_private.has_function(p_org, 'config') then
    raise exception 'you need the config permission for this organisation' using errcode = '42501';
  end if;
  return array(select name from app_private.org_secrets where org_id = p_org order by name);
end
$$;

-- Lifts the tombstone of a deleted member so the card can be claimed again.
create function public.admin_allow_reclaim(p_org uuid, p_employee_no text) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if not app_private.is_super_admin(p_org) then
    raise exception 'only a super admin may allow a deleted member to claim again' using errcode = '42501';
  end if;
  delete from app_private.deleted_members where org_id = p_org and employee_no = p_employee_no;
  insert into public.audit_log (org_id, actor_account_id, actor_role, action, table_name, after)
  values (p_org, auth.uid(), 'authenticated', 'member.allow_reclaim', 'members', jsonb_build_object('employee_no', p_employee_no));
end
$$;

-- ---------------------------------------------------------------- grants
revoke execute on function
  public.auth_upsert_identity(public.identity_provider, text, text, text), public.auth_memberships(uuid),
  public.auth_wecom_bind(text, text, uuid), public.claim_card(uuid, uuid, text, jsonb, text),
  public.sms_code_create(text, text, text, text, integer), public.sms_code_consume(text, text, text),
  public.refresh_token_create(uuid, uuid, text, integer), public.refresh_token_rotate(text, text, integer),
  public.refresh_token_revoke(text), public.org_secret(uuid, text),
  public.admin_unbind_members(uuid[]), public.admin_set_org_secret(uuid, text, text),
  public.admin_org_secret_names(uuid), public.admin_allow_reclaim(uuid, text)
from public, anon, authenticated;
grant execute on function
  public.auth_upsert_identity(public.identity_provider, text, text, text), public.auth_memberships(uuid),
  public.auth_wecom_bind(text, text, uuid), public.claim_card(uuid, uuid, text, jsonb, text),
  public.sms_code_create(text, text, text, text, integer), public.sms_code_consume(text, text, text),
  public.refresh_token_create(uuid, uuid, text, integer), public.refresh_token_rotate(text, text, integer),
  public.refresh_token_revoke(text), public.org_secret(uuid, text)
to service_role;
grant execute on function
  public.admin_unbind_members(uuid[]), public.admin_set_org_secret(uuid, text, text),
  public.admin_org_secret_names(uuid), public.admin_allow_reclaim(uuid, text)
to authenticated, service_role;
