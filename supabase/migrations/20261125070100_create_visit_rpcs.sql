-- Visit RPCs: create (invite, apply, walk-in), decide along the approval
-- chain, cancel (revoking the pass so offline gates learn), store and read
-- the pass, record a pass verification (check-in), check out, and the
-- scheduled job (expire, no-show, auto check-out, purge personal data).
-- Edge functions validate phone numbers, ID-card checksums and form answers
-- with the shared code before calling these; these re-check what the
-- database knows (host, site, window, settings, permissions, state).

-- A guard for visitors: an active member with the cards function (or super
-- admin), or an admin of any site of the org.
create function app_private.is_visit_guard(p_account uuid, p_org uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.members m
      join public.admin_group_members gm on gm.member_id = m.id and gm.org_id = m.org_id
      join public.admin_groups g on g.id = gm.group_id
     where m.account_id = p_account and m.org_id = p_org and m.status = 'active' and (g.is_super or 'cards' = any (g.functions)))
  or exists (
    select 1 from public.members m join public.site_admins sa on sa.member_id = m.id
     where m.account_id = p_account and m.org_id = p_org and m.status = 'active')
$$;

-- The visit as the apps show it: with host, site and org names.
create function app_private.visit_json(p_visit public.visits) returns jsonb
language sql stable security definer set search_path = '' as $$
  select to_jsonb(p_visit) - 'pass_token_hash' || jsonb_build_object(
    'host_name', (select name from public.members where id = p_visit.host_member_id),
    'site_name', (select name from public.sites where id = p_visit.site_id),
    'org_name', (select name from public.orgs where id = p_visit.org_id))
$$;

-- ---------------------------------------------------------------- create
-- p_visitor: {name, phone?, id_card? (full number, checksum already checked), company?, identity_type?, purpose?, companions?}.
-- p_id and p_token_hash come from the function: the visitor's link token is
-- derived from the visit id with a server secret, so the same link shows the
-- application's status and later the pass.
-- Service role only (the visit-* functions decide who the actor and host are).
create function public.visit_create(
  p_id uuid, p_token_hash text, p_org uuid, p_actor uuid, p_source text, p_host uuid, p_site uuid, p_visitor jsonb, p_answers jsonb,
  p_window_from timestamptz, p_window_until timestamptz
) returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  s public.visitor_settings;
  v public.visits;
  v_id_card text := nullif(btrim(p_visitor->>'id_card'), '');
  v_status public.visit_status;
  v_level smallint := 0;
  v_required smallint := 0;
begin
  select * into s from public.visitor_settings where org_id = p_org;
  if s.org_id is null then
    raise exception 'no such organisation' using errcode = 'YM501';
  end if;
  if p_source not in ('invite', 'apply', 'walk_in') then
    raise exception 'unknown visit source %', p_source using errcode = 'YM501';
  end if;
  if not exists (select 1 from public.members where org_id = p_org and id = p_host and status = 'active') then
    raise exception 'the person to visit is not an active member of this organisation' using errcode = 'YM501';
  end if;
  if p_source = 'invite' and not exists (select 1 from public.members where id = p_host and account_id = p_actor) then
    raise exception 'you can only invite visitors to yourself' using errcode = '42501';
  end if;
  if p_source = 'walk_in' and not app_private.is_visit_guard(p_actor, p_org) then
    raise exception 'registering walk-in visitors needs the cards permission or a site admin role' using errcode = '42501';
  end if;
  if p_site is not null then
    if not exists (select 1 from public.sites where org_id = p_org and id = p_site and active) then
      raise exception 'no such site in this organisation' using errcode = 'YM501';
    end if;
  elsif exists (select 1 from public.sites where org_id = p_org and active) then
    raise exception '请选择到访地点 (choose the site of the visit)' using errcode = 'YM501';
  end if;
  if p_window_from is null or p_window_until is null or p_window_until <= p_window_from then
    raise exception '到访结束时间须晚于开始时间 (the visit must end after it starts)' using errcode = 'YM501';
  end if;
  if p_window_until <= now() then
    raise exception '到访时间已过 (the visit window is in the past)' using errcode = 'YM501';
  end if;
  if p_window_from > now() + interval '90 days' then
    raise exception '最多提前 90 天预约 (book at most 90 days ahead)' using errcode = 'YM501';
  end if;
  if p_window_until - p_window_from > make_interval(hours => s.max_window_hours) then
    raise exception '到访时段不能超过 % 小时 (a visit lasts at most % hours)', s.max_window_hours, s.max_window_hours using errcode = 'YM501';
  end if;
  if s.require_id_card and v_id_card is null then
    raise exception '请填写身份证号 (this organisation requires the visitor''s ID-card number)' using errcode = 'YM501';
  end if;
  if p_visitor->>'identity_type' is not null and not ((p_visitor->>'identity_type') = any (s.identity_types)) then
    raise exception '访客身份「%」不在可选范围内 (unknown visitor type)', p_visitor->>'identity_type' using errcode = 'YM501';
  end if;

  if p_source = 'walk_in' then
    v_status := 'checked_in';
  elsif p_source = 'invite' then
    if s.invite_needs_approval and s.approval_levels = 2 then
      v_status := 'pending'; v_level := 2; v_required := 2;
    else
      v_status := 'approved';
    end if;
  else
    v_status := 'pending'; v_level := 1; v_required := s.approval_levels;
  end if;

  insert into public.visits (id, pass_token_hash, org_id, site_id, host_member_id, source, status, visitor_name, visitor_phone, visitor_id_card,
                             visitor_company, identity_type, purpose, companions, window_from, window_until, answers,
                             approval_level, approvals_required, checked_in_at, created_by)
  values (p_id, p_token_hash, p_org, p_site, p_host, p_source, v_status, btrim(p_visitor->>'name'), nullif(p_visitor->>'phone', ''),
          case when v_id_card is null then null else app_private.mask_id_card(v_id_card) end,
          nullif(btrim(p_visitor->>'company'), ''), p_visitor->>'identity_type', nullif(btrim(p_visitor->>'purpose'), ''),
          coalesce((p_visitor->>'companions')::smallint, 0), p_window_from, p_window_until, coalesce(p_answers, '{}'),
          v_level, v_required, case when v_status = 'checked_in' then now() end, p_actor)
  returning * into v;
  if v_id_card is not null then
    insert into app_private.visit_secrets (visit_id, id_card_cipher)
    values (v.id, extensions.pgp_sym_encrypt(upper(v_id_card), app_private.pii_passphrase()));
  end if;
  return app_private.visit_json(v);
end
$$;

-- ---------------------------------------------------------------- decide
-- Approves or rejects a pending visit at its current level, as the caller:
-- level 1 the host, level 2 an admin of the visit's site (or a config/super
-- admin). Returns the visit; status 'approved' means the pass can be issued.
create function public.visit_decide(p_visit uuid, p_decision text, p_comment text default null)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v public.visits;
  v_name text;
begin
  select * into v from public.visits where id = p_visit for update;
  if v.id is null then
    raise exception 'no such visit' using errcode = 'P0002';
  end if;
  if p_decision not in ('approved', 'rejected') then
    raise exception 'decide approved or rejected' using errcode = 'YM501';
  end if;
  if v.status <> 'pending' then
    raise exception '该预约已处理（%） (this visit is no longer waiting for a decision)', v.status using errcode = 'YM502';
  end if;
  if v.window_until <= now() then
    raise exception '到访时间已过，无法审批 (the visit window has passed)' using errcode = 'YM502';
  end if;
  if not ((v.approval_level = 1 and v.host_member_id in (select app_private.my_member_ids()))
          or (v.approval_level = 2 and (v.site_id in (select app_private.administered_site_ids())
                                        or app_private.has_function(v.org_id, 'config')))) then
    raise exception '这一步不由你审批 (this approval step is not yours)' using errcode = 'YM503';
  end if;
  if p_decision = 'rejected' and (p_comment is null or length(btrim(p_comment)) = 0) then
    raise exception '请填写拒绝原因 (say why the visit is rejected)' using errcode = 'YM501';
  end if;
  select name into v_name from public.members where org_id = v.org_id and account_id = auth.uid();
  insert into public.visit_approvals (org_id, visit_id, level, decision, comment, approver_account_id, approver_name)
  values (v.org_id, v.id, v.approval_level, p_decision, nullif(btrim(p_comment), ''), auth.uid(), v_name);
  if p_decision = 'rejected' then
    update public.visits set status = 'rejected', approval_level = 0, reject_reason = btrim(p_comment) where id = v.id returning * into v;
  elsif v.approval_level < v.approvals_required then
    update public.visits set approval_level = approval_level + 1 where id = v.id returning * into v;
  else
    update public.visits set status = 'approved', approval_level = 0 where id = v.id returning * into v;
  end if;
  return app_private.visit_json(v);
end
$$;

-- Cancels a pending or approved visit (host or config admin); an issued pass
-- is revoked so gates that sync revocations refuse it offline too.
create function public.visit_cancel(p_visit uuid, p_reason text default null)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare v public.visits;
begin
  select * into v from public.visits where id = p_visit for update;
  if v.id is null then
    raise exception 'no such visit' using errcode = 'P0002';
  end if;
  if not (v.host_member_id in (select app_private.my_member_ids()) or app_private.has_function(v.org_id, 'config')) then
    raise exception 'only the host or a visitor admin can cancel this visit' using errcode = '42501';
  end if;
  if v.status not in ('pending', 'approved') then
    raise exception '该预约无法取消（%） (only pending or approved visits can be cancelled)', v.status using errcode = 'YM502';
  end if;
  update public.visits set status = 'cancelled', approval_level = 0, reject_reason = nullif(btrim(p_reason), '') where id = v.id returning * into v;
  if v.credential_id is not null then
    insert into public.revocations (org_id, op, target, target_id, reason, until)
    values (v.org_id, 'revoke', 'credential', v.credential_id, 'visit_cancelled', v.window_until);
  end if;
  return app_private.visit_json(v);
end
$$;

-- ---------------------------------------------------------------- pass
-- What the pass function signs with: the org's signing issuer key (null when
-- the org has none yet). Service role only: returns a secret key.
create function public.visit_signing_key(p_org uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare k app_private.issuer_keys;
begin
  perform pg_advisory_xact_lock(hashtextextended('issuer:' || p_org::text, 0));
  k := app_private.signing_issuer_key(p_org);
  if k.id is null then return null; end if;
  return jsonb_build_object('key_id', k.key_id, 'public_key', encode(k.public_key, 'hex'),
    'secret_key', encode(extensions.pgp_sym_decrypt_bytea(k.secret_cipher, app_private.pii_passphrase()), 'hex'));
end
$$;

create function public.visit_set_pass(p_visit uuid, p_credential_id uuid, p_credential text)
returns void language plpgsql security definer set search_path = '' as $$
begin
  update public.visits set credential_id = p_credential_id, pass_sent_at = now()
   where id = p_visit and status in ('approved', 'checked_in');
  if not found then
    raise exception 'the visit is not approved' using errcode = 'YM502';
  end if;
  insert into app_private.visit_secrets (visit_id, pass_credential) values (p_visit, p_credential)
  on conflict (visit_id) do update set pass_credential = excluded.pass_credential;
end
$$;

-- The visit behind a pass link token (by its hash) with the signed pass.
create function public.visit_pass(p_token_hash text) returns jsonb
language sql stable security definer set search_path = '' as $$
  select app_private.visit_json(v) || jsonb_build_object('pass_credential', s.pass_credential)
    from public.visits v left join app_private.visit_secrets s on s.visit_id = v.id
   where v.pass_token_hash = p_token_hash
$$;

-- Everything the apply page shows for host p_host's link. Service role only.
create function public.visit_apply_context(p_org uuid, p_host uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'org_name', o.name,
    'host', jsonb_build_object('id', m.id, 'name', m.name),
    'sites', (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'name', name, 'address', address) order by name), '[]')
                from public.sites where org_id = p_org and active),
    'identity_types', to_jsonb(s.identity_types), 'require_id_card', s.require_id_card,
    'max_window_hours', s.max_window_hours, 'apply_form', s.apply_form)
    from public.orgs o join public.members m on m.org_id = o.id and m.id = p_host and m.status = 'active'
    join public.visitor_settings s on s.org_id = o.id
   where o.id = p_org
$$;

-- ---------------------------------------------------------------- at the gate
-- Records a visitor pass verification (code-verify, after the SDK verdict
-- p_reason) with the live checks: the visit still exists, this is its
-- current pass, it was not cancelled or rejected, it is not over. The first
-- accepted pass checks the visitor in. Returns {ok, reason?, visitor?}.
create function public.visit_record_verification(p_org uuid, p_point uuid, p_guard uuid, p_visit uuid, p_credential uuid, p_reason text)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v public.visits;
  v_reason text := p_reason;
begin
  select * into v from public.visits where org_id = p_org and id = p_visit for update;
  if v_reason is null then
    if v.id is null or v.credential_id is distinct from p_credential or v.status in ('rejected', 'cancelled') then
      v_reason := 'revoked';
    elsif v.status in ('checked_out', 'expired', 'no_show') or v.purged_at is not null or v.window_until <= now() then
      v_reason := 'visit_closed';
    elsif p_point is not null and not exists (select 1 from public.verification_points where id = p_point and org_id = p_org and active) then
      v_reason := 'point_inactive';
    end if;
  end if;
  insert into public.access_events (org_id, point_id, member_id, credential_id, ok, reason, mode, verified_by)
  values (p_org, p_point, null, p_credential, v_reason is null, v_reason, 'online', p_guard);
  if v_reason is null and v.status = 'approved' then
    update public.visits set status = 'checked_in', checked_in_at = now() where id = v.id returning * into v;
  end if;
  return jsonb_strip_nulls(jsonb_build_object('ok', v_reason is null, 'reason', v_reason,
    'visitor', case when v.id is not null then jsonb_build_object(
      'visit_id', v.id, 'name', v.visitor_name, 'company', v.visitor_company, 'identity_type', v.identity_type,
      'companions', v.companions, 'status', v.status, 'window_from', v.window_from, 'window_until', v.window_until,
      'host_name', (select name from public.members where id = v.host_member_id),
      'site_name', (select name from public.sites where id = v.site_id)) end));
end
$$;

-- A guard checks a visitor out (or in, for an approved visit shown by name).
create function public.visit_checkout(p_visit uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare v public.visits;
begin
  select * into v from public.visits where id = p_visit for update;
  if v.id is null then
    raise exception 'no such visit' using errcode = 'P0002';
  end if;
  if not app_private.is_visit_guard(auth.uid(), v.org_id) then
    raise exception 'checking visitors out needs the cards permission or a site admin role' using errcode = '42501';
  end if;
  if v.status <> 'checked_in' then
    raise exception '访客未在场（%） (the visitor is not checked in)', v.status using errcode = 'YM502';
  end if;
  update public.visits set status = 'checked_out', checked_out_at = now() where id = v.id returning * into v;
  if v.credential_id is not null then
    insert into public.revocations (org_id, op, target, target_id, reason, until)
    values (v.org_id, 'revoke', 'credential', v.credential_id, 'visit_over', v.window_until);
  end if;
  return app_private.visit_json(v);
end
$$;

-- ---------------------------------------------------------------- scheduled
-- Closes visits whose window has passed (pending -> expired, approved ->
-- no_show, checked in 12 h past the window -> checked_out) and purges the
-- personal data of visits that ended more than retention_days ago: ID-card
-- number (masked and encrypted), phone, form answers (photos, signatures),
-- the pass. Service role only. Returns the counts.
create function public.visit_jobs(p_now timestamptz default now()) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_expired integer;
  v_no_show integer;
  v_checked_out integer;
  v_purged integer;
begin
  update public.visits set status = 'expired', approval_level = 0 where status = 'pending' and window_until <= p_now;
  get diagnostics v_expired = row_count;
  update public.visits set status = 'no_show' where status = 'approved' and window_until <= p_now;
  get diagnostics v_no_show = row_count;
  update public.visits set status = 'checked_out', checked_out_at = window_until
   where status = 'checked_in' and window_until + interval '12 hours' <= p_now;
  get diagnostics v_checked_out = row_count;
  with purged as (
    update public.visits v set visitor_id_card = null, visitor_phone = null, answers = '{}', purged_at = p_now
      from public.visitor_settings s
     where s.org_id = v.org_id and v.purged_at is null
       and v.status in ('rejected', 'cancelled', 'checked_out', 'expired', 'no_show')
       and v.window_until + make_interval(days => s.retention_days) <= p_now
    returning v.id
  ), gone as (
    delete from app_private.visit_secrets where visit_id in (select id from purged) returning 1
  )
  select count(*) into v_purged from purged;
  return jsonb_build_object('expired', v_expired, 'no_show', v_no_show, 'checked_out', v_checked_out, 'purged', v_purged);
end
$$;

revoke execute on function app_private.is_visit_guard(uuid, uuid), app_private.visit_json(public.visits) from public;
revoke execute on function
  public.visit_create(uuid, text, uuid, uuid, text, uuid, uuid, jsonb, jsonb, timestamptz, timestamptz),
  public.visit_decide(uuid, text, text), public.visit_cancel(uuid, text), public.visit_signing_key(uuid),
  public.visit_set_pass(uuid, uuid, text), public.visit_pass(text), public.visit_apply_context(uuid, uuid),
  public.visit_record_verification(uuid, uuid, uuid, uuid, uuid, text), public.visit_checkout(uuid), public.visit_jobs(timestamptz)
from public, anon, authenticated;
grant execute on function
  public.visit_create(uuid, text, uuid, uuid, text, uuid, uuid, jsonb, jsonb, timestamptz, timestamptz), public.visit_signing_key(uuid),
  public.visit_set_pass(uuid, uuid, text), public.visit_pass(text), public.visit_apply_context(uuid, uuid),
  public.visit_record_verification(uuid, uuid, uuid, uuid, uuid, text), public.visit_jobs(timestamptz)
to service_role;
grant execute on function public.visit_decide(uuid, text, text), public.visit_cancel(uuid, text), public.visit_checkout(uuid)
to authenticated, service_role;
