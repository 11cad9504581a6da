-- Dynamic codes (docs/code-protocol.md): per-org code settings, issuer keys
-- (secret part encrypted, never exposed), cards, the credentials signed at
-- enrolment, the append-only revocation log verifiers sync, verification
-- points (gates, doors, POS, bus readers) and the access events they record.
-- Edge functions (service role) sign and verify; RPCs are in
-- 20261125020100_create_code_rpcs.sql.
-- Error codes raised here:
--   YM201 a card's name cannot change
--   YM202 revocations are append-only

-- ---------------------------------------------------------------- types
create type public.revocation_target as enum ('credential', 'member');
comment on type public.revocation_target is 'What a revocation entry names: one credential (lost phone, replaced on re-enrolment) or every credential of a member (left, blacklisted).';

create type public.revocation_op as enum ('revoke', 'unrevoke');

create type public.verification_point_kind as enum ('door', 'gate', 'pos', 'bus', 'meeting', 'canteen', 'other');
comment on type public.verification_point_kind is 'What a verification point is: door, gate/turnstile, POS, shuttle-bus reader, meeting-room reader, canteen entry, other.';

create type public.access_mode as enum ('online', 'offline');
comment on type public.access_mode is 'online: verified by the code-verify function; offline: verified on the device and uploaded later.';

-- ---------------------------------------------------------------- code settings
create table public.code_settings (
  org_id uuid primary key references public.orgs(id) on delete cascade,
  step_seconds smallint not null default 30 check (step_seconds between 5 and 255),
  offline_validity_hours integer not null default 72 check (offline_validity_hours between 1 and 720),
  issuer_key_validity_days integer not null default 365 check (issuer_key_validity_days between 30 and 3650),
  online_code_validity_seconds integer not null default 90 check (online_code_validity_seconds between 10 and 600),
  screenshot_report boolean not null default true,
  hide_on_capture boolean not null default true,
  default_offline_cap_fen bigint not null default 20000 check (default_offline_cap_fen between 0 and 4294967295),
  default_scopes integer not null default 111 check (default_scopes between 0 and 127),
  updated_at timestamptz not null default now()
);
comment on table public.code_settings is 'Per-org dynamic code settings (one row per org, created with the org).';
comment on column public.code_settings.step_seconds is 'Code time step: the phone shows a new code every step (protocol stepSeconds).';
comment on column public.code_settings.offline_validity_hours is 'Credential lifetime from enrolment: how long a phone can show codes and a gate can check them with no network.';
comment on column public.code_settings.issuer_key_validity_days is 'Planned lifetime of an issuer key before rotation (published to verifiers as the key''s horizon).';
comment on column public.code_settings.online_code_validity_seconds is 'How old a code may be at the online verify endpoint; informational today, the endpoint accepts +-1 step.';
comment on column public.code_settings.screenshot_report is 'The mini-program reports screenshots of the code page (wx.onUserCaptureScreen) as risk events.';
comment on column public.code_settings.hide_on_capture is 'The mini-program blanks the code in screenshots and recordings where supported (wx.setVisualEffectOnCapture).';
comment on column public.code_settings.default_offline_cap_fen is 'Offline spending cap written into new credentials, integer fen (uint32 in the protocol).';
comment on column public.code_settings.default_scopes is 'Scope bits of new credentials when the card sets none (protocol section 4.2; default door|pay|meeting|bus|event|canteen = 111).';

-- ---------------------------------------------------------------- issuer keys
create table app_private.issuer_keys (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  key_id bigint not null check (key_id between 0 and 4294967295),
  public_key bytea not null check (length(public_key) = 32),
  secret_cipher bytea not null,
  status text not null default 'active' check (status in ('active', 'retired')),
  signing boolean not null default false,
  not_after timestamptz,
  created_at timestamptz not null default now(),
  retired_at timestamptz,
  unique (org_id, key_id),
  check (not (signing and status <> 'active')),
  check ((status = 'retired') = (retired_at is not null))
);
comment on table app_private.issuer_keys is
  'Org issuer keys (Ed25519). Life cycle: standby (active, not signing, published so verifiers know it before it signs) -> signing '
  '(exactly one per org) -> draining after a rotation (active, not signing, not_after = when its last credential expires) -> retired. '
  'The secret seed is pgp_sym_encrypt''ed with app_private.keys ''pii''; only service_role RPCs decrypt it.';
comment on column app_private.issuer_keys.key_id is 'Protocol key id: first 4 bytes of SHA-256(''YIMA-KEY-ID-V1\0'' || public_key), computed here on insert.';
comment on column app_private.issuer_keys.not_after is 'Set when the key stops signing: verifiers reject its credentials after this (key_retired). Null while it may still sign.';
create unique index issuer_keys_one_signing_per_org on app_private.issuer_keys (org_id) where signing;
create unique index issuer_keys_one_standby_per_org on app_private.issuer_keys (org_id)
  where status = 'active' and not signing and not_after is null;

-- ---------------------------------------------------------------- cards
create table public.cards (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 30),
  subtitle text check (subtitle is null or length(subtitle) <= 60),
  description text check (description is null or length(description) <= 2000),
  targeting jsonb not null default '{}'::jsonb check (jsonb_typeof(targeting) = 'object'),
  scopes integer check (scopes is null or scopes between 0 and 127),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id)
);
comment on table public.cards is 'Cards an org issues (员工卡, 学生卡...). Members read their org''s cards; admins with the cards function manage them.';
comment on column public.cards.name is 'Card name; immutable once created (credentials and printed material refer to it).';
comment on column public.cards.targeting is 'Who gets the card: {"departments": [...], "tags": [...]} (empty = everyone). Not enforced yet at enrolment.';
comment on column public.cards.scopes is 'Scope bits written into this card''s credentials; null = the org default (code_settings.default_scopes).';
create index cards_org_created on public.cards (org_id, created_at);

-- ---------------------------------------------------------------- credentials
create table public.credentials (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  member_id uuid not null,
  card_id uuid not null,
  device_public_key bytea not null check (length(device_public_key) = 32),
  key_id bigint not null check (key_id between 0 and 4294967295),
  scopes integer not null check (scopes between 0 and 127),
  step_seconds smallint not null check (step_seconds between 1 and 255),
  not_before timestamptz not null,
  expires_at timestamptz not null,
  offline_cap_fen bigint not null check (offline_cap_fen between 0 and 4294967295),
  revoked_at timestamptz,
  revoke_reason text,
  created_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, member_id) references public.members(org_id, id) on delete cascade,
  foreign key (org_id, card_id) references public.cards(org_id, id) on delete cascade,
  check (expires_at > not_before),
  check ((revoked_at is null) = (revoke_reason is null))
);
comment on table public.credentials is 'Credentials signed at enrolment (one per member and device key while live). The signed bytes live on the phone; this row is the server''s record for live checks and revocation.';
comment on column public.credentials.device_public_key is 'The phone''s Ed25519 public key bound into the credential.';
comment on column public.credentials.key_id is 'Issuer key id that signed it (app_private.issuer_keys.key_id).';
comment on column public.credentials.revoke_reason is 'replaced (re-enrolment), lost_device, left, blacklist, unbound, member_inactive, other.';
create unique index credentials_one_live_per_device on public.credentials (org_id, member_id, device_public_key) where revoked_at is null;
create index credentials_org_member on public.credentials (org_id, member_id, created_at desc);
create index credentials_org_key on public.credentials (org_id, key_id, expires_at) where revoked_at is null;

-- ---------------------------------------------------------------- revocations
create sequence app_private.revocations_seq;
comment on sequence app_private.revocations_seq is 'Source of revocations.seq; drawn by a trigger under a per-org lock (see revocations_assign_seq).';

create table public.revocations (
  seq bigint primary key,
  org_id uuid not null references public.orgs(id) on delete cascade,
  op public.revocation_op not null default 'revoke',
  target public.revocation_target not null,
  target_id uuid not null,
  reason text not null check (length(reason) between 1 and 40),
  until timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.revocations is 'Append-only revocation change log per org. Verifiers sync it by seq (GET code-revocations?since=); see protocol section 11.';
comment on column public.revocations.seq is 'Global sequence; per org it is increasing with gaps (the delta format allows them) and in commit order, so a verifier''s cursor never skips a late commit.';
comment on column public.revocations.until is 'When every credential the entry concerns has expired, so verifiers may prune it; null = keep until unrevoked.';
create index revocations_org_seq on public.revocations (org_id, seq);
create index revocations_org_target on public.revocations (org_id, target_id, seq desc);

-- ---------------------------------------------------------------- verification points
create table public.verification_points (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 50),
  kind public.verification_point_kind not null default 'door',
  location text check (location is null or length(location) <= 100),
  required_scopes integer not null default 0 check (required_scopes between 0 and 127),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, name)
);
comment on table public.verification_points is 'Places codes are checked: doors, gates, POS, bus readers. Each authenticates with an API key (hash in app_private.verification_point_keys).';
comment on column public.verification_points.required_scopes is 'Scope bits a code must carry here (a bus reader requires bus = 8).';
create index verification_points_org_kind on public.verification_points (org_id, kind);

create table app_private.verification_point_keys (
  key_hash text primary key,
  point_id uuid not null references public.verification_points(id) on delete cascade,
  org_id uuid not null,
  created_at timestamptz not null default now()
);
comment on table app_private.verification_point_keys is 'SHA-256 (hex) of each verification point''s API key; the key itself is shown once by admin_issue_point_key.';
create unique index verification_point_keys_one_per_point on app_private.verification_point_keys (point_id);

-- ---------------------------------------------------------------- access events
create table public.access_events (
  id bigint generated always as identity primary key,
  org_id uuid not null references public.orgs(id) on delete cascade,
  point_id uuid references public.verification_points(id) on delete set null,
  member_id uuid,
  credential_id uuid,
  counter bigint,
  ok boolean not null,
  reason text,
  mode public.access_mode not null,
  upload_id text check (upload_id is null or upload_id ~ '^[0-9a-f]{64}$'),
  verified_by uuid,
  at timestamptz not null default now(),
  check (ok = (reason is null))
);
comment on table public.access_events is 'Every verification (accepted or refused) at a point or by a guard. Written by code-verify (and later by offline uploads).';
comment on column public.access_events.upload_id is 'Hex SHA-256 of the code bytes: the idempotency id of an upload; unique per org among accepted events.';
comment on column public.access_events.verified_by is 'Account of the guard who scanned with the mini-program; null for a device.';
comment on column public.access_events.member_id is 'Only set when the issuer signature checked out (the code is authentic), never from unsigned data.';
-- Replay protection across function instances: one accepted event per (credential, counter).
create unique index access_events_one_accept_per_counter on public.access_events (org_id, credential_id, counter) where ok;
create unique index access_events_upload_id on public.access_events (org_id, upload_id) where ok;
create index access_events_org_member_at on public.access_events (org_id, member_id, at desc);
create index access_events_org_point_at on public.access_events (org_id, point_id, at desc);

-- ---------------------------------------------------------------- triggers
create function app_private.orgs_create_code_settings() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.code_settings (org_id) values (new.id);
  return null;
end
$$;
create trigger orgs_create_code_settings after insert on public.orgs
  for each row execute function app_private.orgs_create_code_settings();
insert into public.code_settings (org_id) select id from public.orgs on conflict do nothing;

-- The protocol key id, derived from the public key (docs/code-protocol.md 3.1).
create function app_private.issuer_key_id(p_public_key bytea) returns bigint
language sql immutable set search_path = '' as $$
  select ('x' || lpad(encode(substring(extensions.digest(
            convert_to('YIMA-KEY-ID-V1', 'UTF8') || '\x00'::bytea || p_public_key, 'sha256') from 1 for 4), 'hex'), 16, '0'))::bit(64)::bigint
$$;

create function app_private.issuer_keys_set_key_id() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.key_id := app_private.issuer_key_id(new.public_key);
  return new;
end
$$;
create trigger issuer_keys_set_key_id before insert or update of public_key on app_private.issuer_keys
  for each row execute function app_private.issuer_keys_set_key_id();

-- Card names are immutable: credentials and printed material refer to them.
create function app_private.cards_forbid_rename() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.name is distinct from old.name then
    raise exception 'a card''s name cannot change; create a new card instead' using errcode = 'YM201';
  end if;
  return new;
end
$$;
create trigger cards_forbid_rename before update of name on public.cards
  for each row execute function app_private.cards_forbid_rename();

-- Seq is drawn only after taking a per-org lock held to commit, so within an
-- org a higher seq is never visible before a lower one: a verifier that read
-- up to N can never miss an entry that commits later with a seq below N.
-- (An identity default would be evaluated before any trigger could lock.)
create function app_private.revocations_assign_seq() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform pg_advisory_xact_lock(hashtextextended('revocations:' || new.org_id::text, 0));
  new.seq := nextval('app_private.revocations_seq');
  return new;
end
$$;
create trigger revocations_assign_seq before insert on public.revocations
  for each row execute function app_private.revocations_assign_seq();

-- The revocation log is append-only: verifiers hold a cursor into it. Rows go
-- only when their org is deleted.
create function app_private.revocations_append_only() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'DELETE' and not exists (select 1 from public.orgs where id = old.org_id) then
    return old;
  end if;
  raise exception 'revocations are append-only' using errcode = 'YM202';
end
$$;
create trigger revocations_append_only before update or delete on public.revocations
  for each row execute function app_private.revocations_append_only();

-- Revokes a member's live credentials and logs one entry per credential.
-- Used by the member triggers below and by admin_revoke_credentials.
-- Security definer: writes the revocation log, which API roles cannot.
create function app_private.revoke_member_credentials(p_org uuid, p_member uuid, p_reason text) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  v_count integer;
begin
  with revoked as (
    update public.credentials c set revoked_at = now(), revoke_reason = p_reason
     where c.org_id = p_org and c.member_id = p_member and c.revoked_at is null
    returning c.id, c.expires_at
  ), logged as (
    insert into public.revocations (org_id, target, target_id, reason, until)
    select p_org, 'credential', r.id, p_reason, r.expires_at from revoked r where r.expires_at > now()
  )
  select count(*) into v_count from revoked;
  return v_count;
end
$$;

-- Unbinding a member (account_id -> null, e.g. admin_unbind_members) or making
-- them inactive (disabled / left) revokes their credentials: the phone of the
-- old account must not keep opening doors.
create function app_private.members_revoke_credentials() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if old.account_id is not null and new.account_id is distinct from old.account_id then
    perform app_private.revoke_member_credentials(new.org_id, new.id, 'unbound');
  elsif old.status = 'active' and new.status <> 'active' then
    perform app_private.revoke_member_credentials(new.org_id, new.id, 'member_inactive');
  end if;
  return null;
end
$$;
create trigger members_revoke_credentials after update of account_id, status on public.members
  for each row execute function app_private.members_revoke_credentials();

-- A deleted member's credentials disappear with the row (cascade): log a
-- member-level revocation first so offline verifiers learn of it.
create function app_private.members_revoke_on_delete() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_until timestamptz;
begin
  if not exists (select 1 from public.orgs where id = old.org_id) then
    return old;
  end if;
  select max(expires_at) into v_until from public.credentials
   where org_id = old.org_id and member_id = old.id and revoked_at is null and expires_at > now();
  if v_until is not null then
    insert into public.revocations (org_id, target, target_id, reason, until)
    values (old.org_id, 'member', old.id, 'deleted', v_until);
  end if;
  return old;
end
$$;
create trigger members_revoke_on_delete before delete on public.members
  for each row execute function app_private.members_revoke_on_delete();

do $$
declare
  t text;
begin
  foreach t in array array['code_settings', 'cards', 'verification_points'] loop
    execute format('create trigger %I_touch_updated_at before update on public.%I for each row execute function app_private.touch_updated_at()', t, t);
  end loop;
  foreach t in array array['cards', 'credentials', 'verification_points', 'access_events'] loop
    execute format('create trigger %I_forbid_org_change before update on public.%I for each row execute function app_private.forbid_org_change()', t, t);
  end loop;
  foreach t in array array['cards', 'credentials', 'verification_points'] loop
    execute format('create trigger %I_audit after insert or update or delete on public.%I for each row execute function app_private.audit_row()', t, t);
  end loop;
end
$$;
create trigger code_settings_audit after insert or update on public.code_settings
  for each row execute function app_private.audit_row('org_id');

-- ---------------------------------------------------------------- RLS
alter table public.code_settings enable row level security;
alter table public.cards enable row level security;
alter table public.credentials enable row level security;
alter table public.revocations enable row level security;
alter table public.verification_points enable row level security;
alter table public.access_events enable row level security;

-- code_settings: members read (the phone needs step and capture settings);
-- admins with the config function change them (org-wide settings, like
-- org_auth_settings; the cards function is per card).
create policy code_settings_select_members on public.code_settings for select to authenticated
  using (org_id in (select app_private.member_org_ids()));
create policy code_settings_update_config_admins on public.code_settings for update to authenticated
  using (org_id in (select app_private.function_org_ids('config')))
  with check (org_id in (select app_private.function_org_ids('config')));

-- cards: members read their org's cards; card admins manage them.
create policy cards_select_members on public.cards for select to authenticated
  using (org_id in (select app_private.member_org_ids()));
create policy cards_insert_card_admins on public.cards for insert to authenticated
  with check (org_id in (select app_private.function_org_ids('cards')));
create policy cards_update_card_admins on public.cards for update to authenticated
  using (org_id in (select app_private.function_org_ids('cards')))
  with check (org_id in (select app_private.function_org_ids('cards')));
create policy cards_delete_card_admins on public.cards for delete to authenticated
  using (org_id in (select app_private.function_org_ids('cards')));

-- credentials: a member reads their own; card admins read those of members in
-- their department scope. Written only by code-enroll and revocation RPCs.
create policy credentials_select_self_or_card_admins on public.credentials for select to authenticated
  using (member_id in (select app_private.my_member_ids())
         or (org_id in (select app_private.function_org_ids('cards'))
             and exists (select 1 from public.members m
                          where m.org_id = credentials.org_id and m.id = credentials.member_id
                            and m.department_id in (select app_private.admin_department_ids()))));

-- revocations: card admins read their org's log (verifiers use code-revocations).
create policy revocations_select_card_admins on public.revocations for select to authenticated
  using (org_id in (select app_private.function_org_ids('cards')));

-- verification points: card admins manage; keys are issued by admin_issue_point_key.
create policy verification_points_select_card_admins on public.verification_points for select to authenticated
  using (org_id in (select app_private.function_org_ids('cards')));
create policy verification_points_insert_card_admins on public.verification_points for insert to authenticated
  with check (org_id in (select app_private.function_org_ids('cards')));
create policy verification_points_update_card_admins on public.verification_points for update to authenticated
  using (org_id in (select app_private.function_org_ids('cards')))
  with check (org_id in (select app_private.function_org_ids('cards')));
create policy verification_points_delete_card_admins on public.verification_points for delete to authenticated
  using (org_id in (select app_private.function_org_ids('cards')));

-- access events: a member reads their own; card admins read those of members
-- in their scope (and refused scans with no member, org-wide).
create policy access_events_select_self_or_card_admins on public.access_events for select to authenticated
  using (member_id in (select app_private.my_member_ids())
         or (org_id in (select app_private.function_org_ids('cards'))
             and (member_id is null
                  or exists (select 1 from public.members m
                              where m.org_id = access_events.org_id and m.id = access_events.member_id
                                and m.department_id in (select app_private.admin_department_ids())))));

-- ---------------------------------------------------------------- grants
revoke all on public.code_settings, public.cards, public.credentials, public.revocations,
  public.verification_points, public.access_events from anon, authenticated;
grant select, update on public.code_settings to authenticated;
grant select, insert, update, delete on public.cards, public.verification_points to authenticated;
grant select on public.credentials, public.revocations, public.access_events to authenticated;
grant all on public.code_settings, public.cards, public.credentials, public.revocations,
  public.verification_points, public.access_events to service_role;
revoke execute on function app_private.revoke_member_credentials(uuid, uuid, text), app_private.issuer_key_id(bytea) from public;
