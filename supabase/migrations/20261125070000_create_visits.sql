-- Visitor appointments (访客预约): sites with their own admins (多地点分权),
-- per-org visitor settings (identity types, approval levels, retention, the
-- custom application form), visits with their states and approval chain.
-- Three ways in: a member invites (source invite), a visitor applies through
-- the member's shared link (apply; the host approves, then a site admin when
-- two levels are configured), or a guard registers a walk-in (walk_in).
-- Approved visits get a static visitor pass (docs/code-protocol.md section
-- 13: a signed credential bound to the visit window and site) behind an
-- unguessable SMS link. Visitor ID-card numbers are stored encrypted, shown
-- masked, and purged with the rest of the visitor's personal data after the
-- retention period by visit_jobs. RPCs in 20261125070100_create_visit_rpcs.sql.
-- Error codes: YM501 invalid visit (window, site, host), YM502 not allowed in
-- this state, YM503 not your decision, YM504 unknown or expired link/pass.

create type public.visit_status as enum
  ('draft', 'pending', 'approved', 'rejected', 'cancelled', 'checked_in', 'checked_out', 'expired', 'no_show');
comment on type public.visit_status is 'pending: waiting for approval (approval_level says whose); approved: pass issued; checked_in/out: passed the gate; expired: never decided before the window ended; no_show: approved but never came.';

create table public.sites (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 50),
  address text check (address is null or length(address) <= 200),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, name)
);
comment on table public.sites is 'Places visitors come to (园区, 厂区, 分部); each may have its own admins who approve and see its visits.';

alter table public.verification_points add column site_id uuid;
alter table public.verification_points add constraint verification_points_site_fk
  foreign key (org_id, site_id) references public.sites(org_id, id) on delete set null (site_id);
comment on column public.verification_points.site_id is 'The site a gate or door belongs to: site-bound visitor passes are accepted only there.';

create table public.site_admins (
  org_id uuid not null,
  site_id uuid not null,
  member_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (site_id, member_id),
  foreign key (org_id, site_id) references public.sites(org_id, id) on delete cascade,
  foreign key (org_id, member_id) references public.members(org_id, id) on delete cascade
);
comment on table public.site_admins is 'Site administrators: second-level approvers and record keepers of one site.';
create index site_admins_member on public.site_admins (org_id, member_id);

create table public.visitor_settings (
  org_id uuid primary key references public.orgs(id) on delete cascade,
  identity_types text[] not null default '{客户,供应商,面试者,施工人员,其他}' check (cardinality(identity_types) between 1 and 20),
  approval_levels smallint not null default 1 check (approval_levels between 1 and 2),
  invite_needs_approval boolean not null default false,
  retention_days integer not null default 180 check (retention_days between 1 and 3650),
  max_window_hours integer not null default 72 check (max_window_hours between 1 and 720),
  require_id_card boolean not null default false,
  apply_form jsonb check (apply_form is null or jsonb_typeof(apply_form) = 'object'),
  updated_at timestamptz not null default now()
);
comment on table public.visitor_settings is 'Per-org visitor settings. approval_levels 1: the host approves applications; 2: then an admin of the site. invite_needs_approval: invitations also go to the site admins.';
comment on column public.visitor_settings.apply_form is 'Extra fields of the application form (shared form engine definition, {version, fields}); null = only the built-in fields.';
comment on column public.visitor_settings.retention_days is 'Days after a visit ends before the visitor''s ID-card number, phone, form answers and photos are purged.';

create table public.visits (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  site_id uuid,
  host_member_id uuid not null,
  source text not null check (source in ('invite', 'apply', 'walk_in')),
  status public.visit_status not null default 'pending',
  visitor_name text not null check (length(btrim(visitor_name)) between 1 and 50),
  visitor_phone text check (visitor_phone is null or visitor_phone ~ '^1[3-9][0-9]{9}$'),
  visitor_id_card text check (visitor_id_card is null or visitor_id_card ~ '^[0-9]{3}\*+[0-9Xx]{4}$'),
  visitor_company text check (visitor_company is null or length(visitor_company) <= 100),
  identity_type text check (identity_type is null or length(identity_type) <= 20),
  purpose text check (purpose is null or length(purpose) <= 200),
  companions smallint not null default 0 check (companions between 0 and 50),
  window_from timestamptz not null,
  window_until timestamptz not null,
  answers jsonb not null default '{}' check (jsonb_typeof(answers) = 'object'),
  approval_level smallint not null default 0,
  approvals_required smallint not null default 0,
  credential_id uuid,
  pass_token_hash text unique,
  pass_sent_at timestamptz,
  checked_in_at timestamptz,
  checked_out_at timestamptz,
  reject_reason text check (reject_reason is null or length(reject_reason) <= 200),
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  purged_at timestamptz,
  unique (org_id, id),
  check (window_until > window_from),
  foreign key (org_id, site_id) references public.sites(org_id, id) on delete set null (site_id),
  foreign key (org_id, host_member_id) references public.members(org_id, id) on delete cascade
);
comment on table public.visits is 'One visit of one visitor (with companions). Written only by the visit RPCs; hosts, site admins and admins with the config function read them.';
comment on column public.visits.visitor_id_card is 'Masked ID-card number (110***********1234); the full number is encrypted in app_private.visit_secrets until purged.';
comment on column public.visits.approval_level is 'Who decides now: 1 the host, 2 a site admin; 0 when nothing is pending.';
comment on column public.visits.pass_token_hash is 'SHA-256 (hex) of the visitor''s link token (status, then pass; sent by SMS). The token is derived from the visit id with a server secret and never stored.';
create index visits_org_window on public.visits (org_id, window_from desc);
create index visits_host on public.visits (org_id, host_member_id, window_from desc);
create index visits_site on public.visits (org_id, site_id, window_from desc);
create index visits_open on public.visits (window_until) where status in ('pending', 'approved', 'checked_in');
create index visits_unpurged on public.visits (window_until) where purged_at is null;

create table app_private.visit_secrets (
  visit_id uuid primary key references public.visits(id) on delete cascade,
  id_card_cipher bytea,
  pass_credential text
);
comment on table app_private.visit_secrets is 'Encrypted visitor ID-card number (pgp_sym_encrypt with the pii key) and the signed pass credential (base64url) shown on the pass page.';

create table public.visit_approvals (
  id bigint generated always as identity primary key,
  org_id uuid not null,
  visit_id uuid not null references public.visits(id) on delete cascade,
  level smallint not null,
  decision text not null check (decision in ('approved', 'rejected')),
  comment text check (comment is null or length(comment) <= 200),
  approver_account_id uuid,
  approver_name text,
  at timestamptz not null default now()
);
comment on table public.visit_approvals is 'The approval chain of a visit: one row per decision, by level.';
create index visit_approvals_visit on public.visit_approvals (visit_id, level);

-- ---------------------------------------------------------------- triggers
create function app_private.orgs_create_visitor_settings() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.visitor_settings (org_id) values (new.id) on conflict do nothing;
  return null;
end
$$;
create trigger orgs_create_visitor_settings after insert on public.orgs
  for each row execute function app_private.orgs_create_visitor_settings();
insert into public.visitor_settings (org_id) select id from public.orgs on conflict do nothing;

do $$
declare t text;
begin
  foreach t in array array['sites', 'visitor_settings', 'visits'] loop
    execute format('create trigger %I_touch_updated_at before update on public.%I for each row execute function app_private.touch_updated_at()', t, t);
    execute format('create trigger %I_forbid_org_change before update on public.%I for each row execute function app_private.forbid_org_change()', t, t);
  end loop;
  foreach t in array array['sites', 'visits'] loop
    execute format('create trigger %I_audit after insert or update or delete on public.%I for each row execute function app_private.audit_row()', t, t);
  end loop;
end
$$;
create trigger visitor_settings_audit after insert or update or delete on public.visitor_settings
  for each row execute function app_private.audit_row('org_id');
create trigger site_admins_audit after insert or delete on public.site_admins
  for each row execute function app_private.audit_row('member_id');

-- ---------------------------------------------------------------- RLS
-- Visitor admins: super admins and admins with the config function (whole org).
create function app_private.administered_site_ids() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select sa.site_id from public.site_admins sa where sa.member_id in (select app_private.my_member_ids())
$$;

alter table public.sites enable row level security;
create policy sites_select_members on public.sites for select to authenticated
  using (org_id in (select app_private.member_org_ids()));
create policy sites_insert_config_admins on public.sites for insert to authenticated
  with check (org_id in (select app_private.function_org_ids('config')));
create policy sites_update_config_admins on public.sites for update to authenticated
  using (org_id in (select app_private.function_org_ids('config'))) with check (org_id in (select app_private.function_org_ids('config')));
create policy sites_delete_config_admins on public.sites for delete to authenticated
  using (org_id in (select app_private.function_org_ids('config')));

alter table public.site_admins enable row level security;
create policy site_admins_select_self_or_config_admins on public.site_admins for select to authenticated
  using (member_id in (select app_private.my_member_ids()) or org_id in (select app_private.function_org_ids('config')));
create policy site_admins_insert_config_admins on public.site_admins for insert to authenticated
  with check (org_id in (select app_private.function_org_ids('config')));
create policy site_admins_delete_config_admins on public.site_admins for delete to authenticated
  using (org_id in (select app_private.function_org_ids('config')));

alter table public.visitor_settings enable row level security;
create policy visitor_settings_select_members on public.visitor_settings for select to authenticated
  using (org_id in (select app_private.member_org_ids()));
create policy visitor_settings_update_config_admins on public.visitor_settings for update to authenticated
  using (org_id in (select app_private.function_org_ids('config'))) with check (org_id in (select app_private.function_org_ids('config')));

alter table public.visits enable row level security;
create policy visits_select_host_site_admin_or_config_admins on public.visits for select to authenticated
  using (host_member_id in (select app_private.my_member_ids())
         or site_id in (select app_private.administered_site_ids())
         or org_id in (select app_private.function_org_ids('config')));

alter table public.visit_approvals enable row level security;
create policy visit_approvals_select_with_visit on public.visit_approvals for select to authenticated
  using (exists (select 1 from public.visits v where v.id = visit_approvals.visit_id));

revoke all on public.sites, public.site_admins, public.visitor_settings, public.visits, public.visit_approvals from anon, authenticated, service_role;
grant select, insert, update, delete on public.sites to authenticated;
grant select, insert, delete on public.site_admins to authenticated;
grant select, update on public.visitor_settings to authenticated;
grant select on public.visits, public.visit_approvals to authenticated;
grant all on public.sites, public.site_admins, public.visitor_settings to service_role;
grant select on public.visits, public.visit_approvals to service_role;
revoke execute on function app_private.orgs_create_visitor_settings(), app_private.administered_site_ids() from public;
grant execute on function app_private.administered_site_ids() to authenticated, service_role;
