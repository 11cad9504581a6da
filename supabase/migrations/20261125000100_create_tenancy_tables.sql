-- Tenancy tables: orgs, login accounts, the department tree, members (with
-- their ID-card secret kept apart), tags, admin groups and the audit log.
-- Every tenant table carries org_id and every hot index leads with it, so a
-- later Citus distribution by org_id needs no schema change.
-- Triggers: 20261125000200_create_tenancy_triggers.sql.
-- RLS and grants: 20261125000300_create_tenancy_policies.sql.

create extension if not exists pgcrypto with schema extensions;
create extension if not exists ltree with schema extensions;
create extension if not exists btree_gist with schema extensions;

create schema if not exists app_private;
comment on schema app_private is 'Helpers, secrets and trigger functions; never exposed through PostgREST.';

-- ---------------------------------------------------------------- types
create type public.member_status as enum ('active', 'disabled', 'left');
comment on type public.member_status is 'active: may use the card; disabled: frozen by an admin; left: has left the organisation.';

create type public.admin_function as enum ('notices', 'cards', 'config', 'payment', 'apps');
comment on type public.admin_function is 'The five function permissions an admin group can hold (通知, 卡片, 配置, 支付, 自建应用).';

-- ---------------------------------------------------------------- orgs
create table public.orgs (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(btrim(name)) between 1 and 100),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.orgs is 'A tenant: one enterprise, campus or park.';
comment on column public.orgs.slug is 'Short stable handle used in links and logins.';

-- ---------------------------------------------------------------- accounts
create table public.accounts (
  id uuid primary key default gen_random_uuid(),
  display_name text check (display_name is null or length(display_name) <= 100),
  phone text unique check (phone is null or phone ~ '^1[3-9][0-9]{9}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.accounts is 'A login identity (WeChat, WeCom or phone). JWT sub = accounts.id. Bound to at most one member per org.';
comment on column public.accounts.phone is 'Mainland mobile number verified by SMS, if any.';

-- ---------------------------------------------------------------- departments
create table public.departments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  parent_id uuid,
  name text not null check (length(btrim(name)) between 1 and 50 and position('/' in name) = 0),
  path extensions.ltree not null,
  is_default boolean not null default false,
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, parent_id) references public.departments(org_id, id) on delete cascade,
  check (not (is_default and parent_id is not null))
);
comment on table public.departments is 'Department tree per org. Deleting a department deletes its subtree and moves their members to the org''s default group (未分组).';
comment on column public.departments.path is 'ltree of ancestor ids (uuid with - replaced by _), ending with this id; maintained by trigger.';
comment on column public.departments.is_default is 'The org''s 未分组 group: exactly one per org, a root, never deleted.';
comment on column public.departments.sort_order is 'Display order among siblings.';

create unique index departments_one_default_per_org on public.departments (org_id) where is_default;
create unique index departments_sibling_name on public.departments (org_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), name);
create index departments_org_path on public.departments using gist (org_id, path);
create index departments_org_parent on public.departments (org_id, parent_id);

-- ---------------------------------------------------------------- members
create table public.members (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  account_id uuid references public.accounts(id) on delete set null,
  employee_no text check (employee_no is null or employee_no ~ '^[A-Za-z0-9_.-]{1,32}$'),
  name text not null check (length(btrim(name)) between 1 and 50),
  phone text check (phone is null or phone ~ '^1[3-9][0-9]{9}$'),
  id_card_number text,
  department_id uuid not null,
  status public.member_status not null default 'active',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, employee_no),
  unique (org_id, account_id),
  foreign key (org_id, department_id) references public.departments(org_id, id)
);
comment on table public.members is 'A person in an org (employee, student, temporary staff). Admins see the members of their department subtrees; a member sees their own row.';
comment on column public.members.employee_no is 'Employee number (工号), unique per org; an import with the same number overwrites.';
comment on column public.members.id_card_number is 'Write the full ID-card number; a trigger encrypts it into app_private.member_secrets and stores only its mask here.';
comment on column public.members.account_id is 'The login account bound to this member (领卡/激活); null until claimed.';

-- Admin lists: a subtree sorted by name (index-only with the included columns),
-- and the whole org sorted by name for shallow pages.
create index members_org_department on public.members (org_id, department_id, name, id)
  include (employee_no, status, account_id);
create index members_org_name on public.members (org_id, name, id) include (department_id, account_id);
create index members_account on public.members (account_id) where account_id is not null;
create index members_org_phone on public.members (org_id, phone) where phone is not null;

create table app_private.keys (
  name text primary key,
  secret bytea not null
);
comment on table app_private.keys is 'Per-database secrets (PII encryption key), generated in the database, never exported.';
insert into app_private.keys (name, secret) values ('pii', extensions.gen_random_bytes(32)) on conflict do nothing;

create table app_private.member_secrets (
  member_id uuid primary key references public.members(id) on delete cascade deferrable initially deferred,
  org_id uuid not null,
  id_card_cipher bytea not null,
  id_card_hmac text not null
);
comment on table app_private.member_secrets is 'Encrypted ID-card numbers (pgp_sym_encrypt) and a keyed hash for identity verification without decrypting.';
create index member_secrets_org_hmac on app_private.member_secrets (org_id, id_card_hmac);

-- ---------------------------------------------------------------- tags
create table public.tags (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 30),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, name)
);
comment on table public.tags is 'Free labels across departments (e.g. 党员, 食堂供应商) used for targeting.';

create table public.tag_members (
  org_id uuid not null,
  tag_id uuid not null,
  member_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (org_id, tag_id, member_id),
  foreign key (org_id, tag_id) references public.tags(org_id, id) on delete cascade,
  foreign key (org_id, member_id) references public.members(org_id, id) on delete cascade
);
comment on table public.tag_members is 'Which members carry which tag.';
create index tag_members_org_member on public.tag_members (org_id, member_id);

-- ---------------------------------------------------------------- admin groups
create table public.admin_groups (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 50),
  is_super boolean not null default false,
  functions public.admin_function[] not null default '{}',
  apps text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, name)
);
comment on table public.admin_groups is 'Admin groups. The super group (one per org) has every right over the whole org; a normal group has a user scope (department subtrees), function permissions and app permissions.';
comment on column public.admin_groups.functions is 'Function permissions; ignored for the super group, which has all.';
comment on column public.admin_groups.apps is 'Keys of the apps this group may manage.';
create unique index admin_groups_one_super_per_org on public.admin_groups (org_id) where is_super;

create table public.admin_group_members (
  org_id uuid not null,
  group_id uuid not null,
  member_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (org_id, group_id, member_id),
  foreign key (org_id, group_id) references public.admin_groups(org_id, id) on delete cascade,
  foreign key (org_id, member_id) references public.members(org_id, id) on delete cascade
);
comment on table public.admin_group_members is 'Which members are admins in which group.';
create index admin_group_members_member on public.admin_group_members (member_id);

create table public.admin_group_departments (
  org_id uuid not null,
  group_id uuid not null,
  department_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (org_id, group_id, department_id),
  foreign key (org_id, group_id) references public.admin_groups(org_id, id) on delete cascade,
  foreign key (org_id, department_id) references public.departments(org_id, id) on delete cascade
);
comment on table public.admin_group_departments is 'User scope of a normal admin group: each row grants the whole subtree under department_id.';
create index admin_group_departments_group on public.admin_group_departments (group_id);

-- ---------------------------------------------------------------- audit log
create table public.audit_log (
  id bigint generated always as identity primary key,
  org_id uuid,
  actor_account_id uuid,
  actor_role text not null,
  action text not null,
  table_name text,
  row_id uuid,
  before jsonb,
  after jsonb,
  at timestamptz not null default now()
);
comment on table public.audit_log is 'Append-only record of every state change that matters: who, what, when, before/after. Written by triggers and RPCs only.';
comment on column public.audit_log.actor_role is 'authenticated, service_role (edge functions) or the database user for migrations and psql.';
comment on column public.audit_log.action is 'insert / update / delete for row changes, or an RPC name such as member.unbind.';
create index audit_log_org_at on public.audit_log (org_id, at desc);
create index audit_log_org_row on public.audit_log (org_id, row_id);
