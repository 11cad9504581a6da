-- Identity: login identities (WeChat openid, WeCom userid, phone), per-org
-- claim settings (领卡/激活 verification method), claim attempts with lock-out,
-- SMS one-time codes with rate limits, refresh tokens, unbinding, and
-- tombstones so a deleted member's card cannot be claimed again.
-- Edge functions (service role) drive these through RPCs; nothing here is
-- readable through the API except org_auth_settings.
-- Error codes: YM101-YM103 WeCom binding, YM110-YM116 claim, YM120-YM121 SMS,
-- YM130-YM131 refresh tokens, YM140 secrets.

-- ---------------------------------------------------------------- types
create type public.claim_method as enum ('employee_no_phone', 'employee_no_id_card', 'name_id_card', 'name_phone', 'api');
comment on type public.claim_method is 'How a member proves who they are when claiming the card: 工号+手机号, 工号+身份证号, 姓名+身份证号, 姓名+手机号 (临时人员), or the enterprise''s own API.';
create type public.identity_provider as enum ('wechat', 'wecom', 'phone');

-- ---------------------------------------------------------------- tables
alter table public.members
  add column wecom_userid text check (wecom_userid is null or length(wecom_userid) between 1 and 64),
  add column claimed_at timestamptz;
comment on column public.members.wecom_userid is 'WeCom (企业微信) userid; a WeCom login with it binds automatically.';
comment on column public.members.claimed_at is 'When the member last claimed (bound) the card; null while unclaimed.';
create unique index members_org_wecom_userid on public.members (org_id, wecom_userid) where wecom_userid is not null;

create table public.org_auth_settings (
  org_id uuid primary key references public.orgs(id) on delete cascade,
  claim_method public.claim_method not null default 'employee_no_phone',
  api_verify_url text check (api_verify_url is null or api_verify_url ~ '^https?://[^\s]+$'),
  max_claim_attempts integer not null default 5 check (max_claim_attempts between 1 and 20),
  lock_minutes integer not null default 30 check (lock_minutes between 1 and 1440),
  wecom_corp_id text unique check (wecom_corp_id is null or wecom_corp_id ~ '^[A-Za-z0-9]{4,64}$'),
  updated_at timestamptz not null default now(),
  check (claim_method <> 'api' or api_verify_url is not null)
);
comment on table public.org_auth_settings is 'Per-org identity settings: the claim method, lock-out policy, the enterprise verification endpoint and the WeCom corp id. Secrets live in app_private.org_secrets.';
comment on column public.org_auth_settings.max_claim_attempts is 'Failed claims allowed per account, device or member before a lock-out.';

create table app_private.org_secrets (
  org_id uuid not null references public.orgs(id) on delete cascade,
  name text not null check (name in ('api_verify_secret', 'wecom_corp_secret', 'wecom_agent_id')),
  value text not null,
  updated_at timestamptz not null default now(),
  primary key (org_id, name)
);
comment on table app_private.org_secrets is 'Per-org secrets (enterprise API signing secret, WeCom app secret); written by admins through admin_set_org_secret, read only by edge functions.';

create table app_private.account_identities (
  provider public.identity_provider not null,
  provider_app text not null default '',
  subject text not null,
  account_id uuid not null references public.accounts(id) on delete cascade,
  unionid text,
  created_at timestamptz not null default now(),
  last_login_at timestamptz not null default now(),
  primary key (provider, provider_app, subject)
);
comment on table app_private.account_identities is 'External identities of an account: (wechat, appid, openid), (wecom, corpid, userid), (phone, '''', number).';
create index account_identities_account on app_private.account_identities (account_id);

create table app_private.claim_attempts (
  id bigint generated always as identity primary key,
  org_id uuid not null,
  account_id uuid not null,
  device_id text not null,
  member_id uuid,
  ok boolean not null,
  reason text not null,
  at timestamptz not null default now()
);
comment on table app_private.claim_attempts is 'Every card claim attempt; failures count towards lock-outs per account, device and member.';
create index claim_attempts_account on app_private.claim_attempts (org_id, account_id, at desc);
create index claim_attempts_device on app_private.claim_attempts (org_id, device_id, at desc);
create index claim_attempts_member on app_private.claim_attempts (org_id, member_id, at desc) where member_id is not null;

create table app_private.deleted_members (
  org_id uuid not null,
  employee_no text not null,
  member_id uuid not null,
  deleted_at timestamptz not null default now(),
  deleted_by uuid,
  primary key (org_id, employee_no)
);
comment on table app_private.deleted_members is 'Tombstones: a member with this employee number was deleted, so that card may not be claimed again until a super admin lifts it.';

create table app_private.sms_codes (
  id uuid primary key default gen_random_uuid(),
  phone text not null,
  purpose text not null check (purpose in ('login')),
  code_hash text not null,
  ip text,
  attempts integer not null default 0,
  expires_at timestamptz not null,
  consumed_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table app_private.sms_codes is 'One-time SMS codes (hashed). Rate limits read the recent rows per phone and per IP.';
create index sms_codes_phone on app_private.sms_codes (phone, created_at desc);
create index sms_codes_ip on app_private.sms_codes (ip, created_at desc);

create table app_private.refresh_tokens (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.accounts(id) on delete cascade,
  org_id uuid,
  token_hash text not null unique,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  revoke_reason text check (revoke_reason in ('rotated', 'logout', 'unbound', 'reuse_detected')),
  created_at timestamptz not null default now()
);
comment on table app_private.refresh_tokens is 'Refresh tokens (hashed), rotated on every use; reuse of a rotated token revokes the whole family of the account.';
create index refresh_tokens_account on app_private.refresh_tokens (account_id);

-- ---------------------------------------------------------------- triggers
create function app_private.orgs_create_auth_settings() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.org_auth_settings (org_id) values (new.id);
  return null;
end
$$;
create trigger orgs_create_auth_settings after insert on public.orgs
  for each row execute function app_private.orgs_create_auth_settings();
insert into public.org_auth_settings (org_id) select id from public.orgs on conflict do nothing;

create trigger org_auth_settings_touch_updated_at before update on public.org_auth_settings
  for each row execute function app_private.touch_updated_at();
create trigger org_auth_settings_audit after insert or update on public.org_auth_settings
  for each row execute function app_private.audit_row('org_id');

-- A deleted member leaves a tombstone for their employee number.
create function app_private.members_tombstone() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if old.employee_no is not null and exists (select 1 from public.orgs where id = old.org_id) then
    insert into app_private.deleted_members (org_id, employee_no, member_id, deleted_by)
    values (old.org_id, old.employee_no, old.id, auth.uid())
    on conflict (org_id, employee_no) do update set member_id = excluded.member_id, deleted_at = now(), deleted_by = excluded.deleted_by;
  end if;
  return null;
end
$$;
create trigger members_tombstone after delete on public.members
  for each row execute function app_private.members_tombstone();

-- ---------------------------------------------------------------- RLS
alter table public.org_auth_settings enable row level security;
create policy org_auth_settings_select_members on public.org_auth_settings for select to authenticated
  using (org_id in (select app_private.member_org_ids()));
create policy org_auth_settings_update_config_admins on public.org_auth_settings for update to authenticated
  using (org_id in (select app_private.function_org_ids('config')))
  with check (org_id in (select app_private.function_org_ids('config')));
revoke all on public.org_auth_settings from anon, authenticated;
grant select, update on public.org_auth_settings to authenticated;
grant all on public.org_auth_settings to service_role;
