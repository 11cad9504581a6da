-- Notices (消息通知): five templates (plain, receipt, reply, form, import),
-- an audience of departments (subtrees), tags and members materialised into
-- one recipient row per person, read receipts, comments, form responses,
-- personalised rows (千人千面), and per-channel deliveries (the outbox the
-- dispatcher works through, with retries and a fallback push order).
-- Department heads may send plain notices to their own department.
-- Error codes: YM301 notice not editable, YM302 audience empty or outside
-- scope, YM303 not a recipient, YM304 wrong template for the action.

-- ---------------------------------------------------------------- types
create type public.notice_template as enum ('plain', 'receipt', 'reply', 'form', 'import');
create type public.notice_status as enum ('draft', 'scheduled', 'sending', 'sent', 'cancelled');
create type public.notice_channel as enum ('wecom', 'wechat', 'sms', 'app');
create type public.delivery_status as enum ('pending', 'sent', 'failed', 'skipped');

-- ---------------------------------------------------------------- tables
create table public.department_heads (
  org_id uuid not null,
  department_id uuid not null,
  member_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (org_id, department_id, member_id),
  foreign key (org_id, department_id) references public.departments(org_id, id) on delete cascade,
  foreign key (org_id, member_id) references public.members(org_id, id) on delete cascade
);
comment on table public.department_heads is 'Department heads (部门负责人): may send plain notices to their department subtree and see its notices.';
create index department_heads_member on public.department_heads (member_id);

create table public.notices (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  template public.notice_template not null default 'plain',
  title text not null check (length(btrim(title)) between 1 and 100),
  body text not null default '' check (length(body) <= 20000),
  images text[] not null default '{}',
  attachments jsonb not null default '[]',
  form_definition jsonb,
  import_columns text[],
  audience jsonb not null default '{}' check (jsonb_typeof(audience) = 'object'),
  channels public.notice_channel[] not null default '{app}',
  status public.notice_status not null default 'draft',
  scheduled_at timestamptz,
  sent_at timestamptz,
  sender_member_id uuid not null,
  sender_scope_department_id uuid,
  recipient_count integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, sender_member_id) references public.members(org_id, id),
  check (template <> 'form' or form_definition is not null),
  check (template <> 'import' or import_columns is not null)
);
comment on table public.notices is 'A notice. audience = {department_ids, tag_ids, member_ids}; channels = push order, the first reachable one is used and failures fall back to the next.';
comment on column public.notices.sender_scope_department_id is 'For department heads and scoped admins: the department whose subtree the notice was sent within; null for org-wide.';
create index notices_org_created on public.notices (org_id, created_at desc);
create index notices_due on public.notices (scheduled_at) where status = 'scheduled';

create table public.notice_recipients (
  org_id uuid not null,
  notice_id uuid not null,
  member_id uuid not null,
  department_id uuid not null,
  read_at timestamptz,
  confirmed_at timestamptz,
  delivered_channel public.notice_channel,
  primary key (org_id, notice_id, member_id),
  foreign key (org_id, notice_id) references public.notices(org_id, id) on delete cascade,
  foreign key (org_id, member_id) references public.members(org_id, id) on delete cascade
);
comment on table public.notice_recipients is 'One row per person a notice went to (materialised at send time), with read and confirmation times.';
comment on column public.notice_recipients.department_id is 'The recipient''s department when the notice was sent, for per-department statistics.';
create index notice_recipients_member on public.notice_recipients (org_id, member_id, notice_id);

create table public.notice_personal_rows (
  org_id uuid not null,
  notice_id uuid not null,
  member_id uuid not null,
  row_data jsonb not null,
  primary key (org_id, notice_id, member_id),
  foreign key (org_id, notice_id, member_id) references public.notice_recipients(org_id, notice_id, member_id) on delete cascade
);
comment on table public.notice_personal_rows is 'Import notices (千人千面, e.g. payslips): the one spreadsheet row meant for this person; readable only by that person and the sender.';

create table public.notice_deliveries (
  id bigint generated always as identity primary key,
  org_id uuid not null,
  notice_id uuid not null,
  member_id uuid not null,
  channel public.notice_channel not null,
  status public.delivery_status not null default 'pending',
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  sent_at timestamptz,
  created_at timestamptz not null default now(),
  foreign key (org_id, notice_id, member_id) references public.notice_recipients(org_id, notice_id, member_id) on delete cascade
);
comment on table public.notice_deliveries is 'Outbox: one row per recipient per channel tried. The dispatcher claims pending rows whose next_attempt_at has come.';
create index notice_deliveries_due on public.notice_deliveries (next_attempt_at) where status = 'pending';
create index notice_deliveries_notice on public.notice_deliveries (org_id, notice_id, channel, status);

create table public.notice_comments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  notice_id uuid not null,
  member_id uuid not null,
  body text not null check (length(btrim(body)) between 1 and 1000),
  created_at timestamptz not null default now(),
  foreign key (org_id, notice_id, member_id) references public.notice_recipients(org_id, notice_id, member_id) on delete cascade
);
comment on table public.notice_comments is 'Discussion under a reply notice; written by recipients.';
create index notice_comments_notice on public.notice_comments (org_id, notice_id, created_at);

create table public.notice_form_responses (
  org_id uuid not null,
  notice_id uuid not null,
  member_id uuid not null,
  answers jsonb not null,
  submitted_at timestamptz not null default now(),
  primary key (org_id, notice_id, member_id),
  foreign key (org_id, notice_id, member_id) references public.notice_recipients(org_id, notice_id, member_id) on delete cascade
);
comment on table public.notice_form_responses is 'Answers to a form notice, validated by the shared form engine in the notice-respond function.';

create trigger notices_touch_updated_at before update on public.notices
  for each row execute function app_private.touch_updated_at();
create trigger notices_forbid_org_change before update on public.notices
  for each row execute function app_private.forbid_org_change();
create trigger notices_audit after insert or update or delete on public.notices
  for each row execute function app_private.audit_row();
create trigger department_heads_audit after insert or delete on public.department_heads
  for each row execute function app_private.audit_row('member_id');

-- ---------------------------------------------------------------- helpers
-- Departments the caller heads, with their subtrees.
create function app_private.headed_department_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query
  select d.id
    from public.members m
    join public.department_heads h on h.member_id = m.id and h.org_id = m.org_id
    join public.departments root on root.id = h.department_id
    join public.departments d on d.org_id = root.org_id and d.path operator(extensions.<@) root.path
   where m.account_id = auth.uid() and m.status = 'active';
end
$$;

-- Notices the caller may manage and see statistics of: org-wide ones for
-- super admins; for admins with the notices function and for department
-- heads, those sent within a department they administer or head, and their own.
create function app_private.managed_notice_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query
  select n.id from public.notices n
   where n.org_id in (select app_private.super_admin_org_ids())
      or n.sender_member_id in (select app_private.my_member_ids())
      or (n.org_id in (select app_private.function_org_ids('notices'))
          and n.sender_scope_department_id in (select app_private.admin_department_ids()))
      or n.sender_scope_department_id in (select app_private.headed_department_ids());
end
$$;

grant execute on function app_private.headed_department_ids(), app_private.managed_notice_ids() to authenticated, service_role;

-- ---------------------------------------------------------------- RLS
alter table public.department_heads enable row level security;
alter table public.notices enable row level security;
alter table public.notice_recipients enable row level security;
alter table public.notice_personal_rows enable row level security;
alter table public.notice_deliveries enable row level security;
alter table public.notice_comments enable row level security;
alter table public.notice_form_responses enable row level security;

create policy department_heads_select_members on public.department_heads for select to authenticated
  using (org_id in (select app_private.member_org_ids()));
create policy department_heads_insert_admins on public.department_heads for insert to authenticated
  with check (department_id in (select app_private.admin_department_ids()));
create policy department_heads_delete_admins on public.department_heads for delete to authenticated
  using (department_id in (select app_private.admin_department_ids()));

-- notices: recipients read what was sent to them; managers read theirs.
-- Drafts are written directly; sending goes through send_notice.
-- The sender and super-admin conditions are checked on the row itself so
-- that insert ... returning sees a new draft (a helper's snapshot would not).
create policy notices_select_recipients_or_managers on public.notices for select to authenticated
  using (sender_member_id in (select app_private.my_member_ids())
         or org_id in (select app_private.super_admin_org_ids())
         or id in (select app_private.managed_notice_ids())
         or (status = 'sent' and exists (select 1 from public.notice_recipients r
                                           where r.org_id = notices.org_id and r.notice_id = notices.id
                                             and r.member_id in (select app_private.my_member_ids()))));
create policy notices_insert_senders on public.notices for insert to authenticated
  with check (status = 'draft' and sender_member_id in (select app_private.my_member_ids())
              and (org_id in (select app_private.function_org_ids('notices'))
                   or (template = 'plain' and sender_scope_department_id in (select app_private.headed_department_ids()))));
create policy notices_update_managers on public.notices for update to authenticated
  using (id in (select app_private.managed_notice_ids()) and status in ('draft', 'scheduled'))
  with check (status in ('draft', 'scheduled', 'cancelled'));
create policy notices_delete_managers on public.notices for delete to authenticated
  using (id in (select app_private.managed_notice_ids()) and status = 'draft');

create policy notice_recipients_select_self_or_managers on public.notice_recipients for select to authenticated
  using (member_id in (select app_private.my_member_ids()) or notice_id in (select app_private.managed_notice_ids()));

create policy notice_personal_rows_select_self_or_sender on public.notice_personal_rows for select to authenticated
  using (member_id in (select app_private.my_member_ids())
         or exists (select 1 from public.notices n where n.id = notice_personal_rows.notice_id
                      and n.sender_member_id in (select app_private.my_member_ids())));

create policy notice_deliveries_select_managers on public.notice_deliveries for select to authenticated
  using (notice_id in (select app_private.managed_notice_ids()));

create policy notice_comments_select_recipients_or_managers on public.notice_comments for select to authenticated
  using (notice_id in (select app_private.managed_notice_ids())
         or exists (select 1 from public.notice_recipients r where r.org_id = notice_comments.org_id
                      and r.notice_id = notice_comments.notice_id and r.member_id in (select app_private.my_member_ids())));
create policy notice_comments_insert_recipients on public.notice_comments for insert to authenticated
  with check (member_id in (select app_private.my_member_ids())
              and exists (select 1 from public.notices n where n.id = notice_comments.notice_id and n.template = 'reply' and n.status = 'sent'));
create policy notice_comments_delete_own on public.notice_comments for delete to authenticated
  using (member_id in (select app_private.my_member_ids()));

create policy notice_form_responses_select_self_or_managers on public.notice_form_responses for select to authenticated
  using (member_id in (select app_private.my_member_ids()) or notice_id in (select app_private.managed_notice_ids()));

revoke all on public.department_heads, public.notices, public.notice_recipients, public.notice_personal_rows,
  public.notice_deliveries, public.notice_comments, public.notice_form_responses from anon, authenticated;
grant select, insert, delete on public.department_heads to authenticated;
grant select, insert, update, delete on public.notices to authenticated;
grant select on public.notice_recipients, public.notice_personal_rows, public.notice_deliveries, public.notice_form_responses to authenticated;
grant select, insert, delete on public.notice_comments to authenticated;
grant all on public.department_heads, public.notices, public.notice_recipients, public.notice_personal_rows,
  public.notice_deliveries, public.notice_comments, public.notice_form_responses to service_role;
