-- Risk events (安全风险平台): what phones report about the code page, first
-- of all screenshots and screen recordings of a live code (the code
-- rotates, so a screenshot is useful for one step at most, but a pattern of
-- them is worth an admin's look). Members insert their own; card admins read
-- those of the members they administer.

create type public.risk_event_kind as enum ('screenshot', 'screen_recording');

create table public.risk_events (
  id bigint generated always as identity primary key,
  org_id uuid not null,
  member_id uuid not null,
  kind public.risk_event_kind not null,
  credential_id uuid,
  detail jsonb not null default '{}' check (jsonb_typeof(detail) = 'object' and pg_column_size(detail) <= 2048),
  at timestamptz not null default now(),
  foreign key (org_id, member_id) references public.members(org_id, id) on delete cascade
);
comment on table public.risk_events is 'Security risk events reported by phones (screenshots of the code page), for the risk overview in the console.';
create index risk_events_org_at on public.risk_events (org_id, at desc);
create index risk_events_org_member on public.risk_events (org_id, member_id, at desc);

alter table public.risk_events enable row level security;
create policy risk_events_insert_self on public.risk_events for insert to authenticated
  with check (member_id in (select app_private.my_member_ids())
              and (select s.screenshot_report from public.code_settings s where s.org_id = risk_events.org_id));
create policy risk_events_select_self_or_card_admins on public.risk_events for select to authenticated
  using (member_id in (select app_private.my_member_ids())
         or (org_id in (select app_private.function_org_ids('cards'))
             and exists (select 1 from public.members m where m.org_id = risk_events.org_id and m.id = risk_events.member_id
                           and m.department_id in (select app_private.admin_department_ids()))));
revoke all on public.risk_events from anon, authenticated;
grant select, insert on public.risk_events to authenticated;
grant all on public.risk_events to service_role;
