-- Notice RPCs: send (materialise recipients and the first channel's
-- deliveries in one statement each), read / confirm, statistics, re-push to
-- unread, and the dispatcher's claim/report pair (service role only).
-- Security definer: they write tables the API roles may only read, and each
-- checks the caller's right first.

-- The departments a notice's sender may reach: null (everything) for super
-- admins; headed departments for a department head sending a plain notice;
-- otherwise the departments they administer.
create function app_private.notice_reach(p_notice public.notices) returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
begin
  if app_private.is_super_admin(p_notice.org_id) then
    return null;
  elsif p_notice.template = 'plain' and not app_private.has_function(p_notice.org_id, 'notices') then
    return array(select app_private.headed_department_ids());
  end if;
  return array(select app_private.admin_department_ids());
end
$$;

-- Active members the notice's audience names (department subtrees, tags,
-- members), limited to the sender's reach.
create function app_private.notice_audience(p_notice public.notices, p_reach uuid[])
returns table (member_id uuid, department_id uuid)
language sql stable security definer set search_path = '' as $$
  select distinct m.id, m.department_id
    from public.members m
   where m.org_id = p_notice.org_id and m.status = 'active'
     and (p_reach is null or m.department_id = any (p_reach))
     and (
       m.department_id in (
         select d.id from public.departments d, public.departments root
          where root.org_id = p_notice.org_id
            and root.id in (select jsonb_array_elements_text(coalesce(p_notice.audience -> 'department_ids', '[]'))::uuid)
            and d.org_id = root.org_id and d.path operator(extensions.<@) root.path)
       or m.id in (select jsonb_array_elements_text(coalesce(p_notice.audience -> 'member_ids', '[]'))::uuid)
       or m.id in (select tm.member_id from public.tag_members tm
                    where tm.org_id = p_notice.org_id
                      and tm.tag_id in (select jsonb_array_elements_text(coalesce(p_notice.audience -> 'tag_ids', '[]'))::uuid))
     )
$$;

-- Sends (or schedules) a draft. For an import notice p_personal_rows is
-- [{employee_no, data}] and decides the recipients; every problem (unknown
-- or duplicate employee numbers, people outside the sender's scope) is
-- reported and nothing is sent. p_dry_run only reports.
-- Returns {ok, recipients, errors:[{index, employee_no, code, message}]}.
create function public.send_notice(p_notice uuid, p_personal_rows jsonb default null, p_dry_run boolean default false)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  n public.notices;
  v_errors jsonb := '[]';
  v_count integer;
  v_first public.notice_channel;
  v_reach uuid[];
begin
  select * into n from public.notices where id = p_notice for update;
  if n.id is null or n.id not in (select app_private.managed_notice_ids()) then
    raise exception 'no such notice that you may send' using errcode = '42501';
  end if;
  if n.status <> 'draft' then
    raise exception 'only a draft can be sent (this one is %)', n.status using errcode = 'YM301';
  end if;
  if (n.template = 'import') <> (p_personal_rows is not null) then
    raise exception 'personal rows go with import notices, and import notices need them' using errcode = 'YM304';
  end if;

  create temp table notice_targets (member_id uuid primary key, department_id uuid not null, row_data jsonb) on commit drop;
  if n.template = 'import' then
    create temp table import_lines on commit drop as
    select (x.ordinality - 1)::int as idx, btrim(x.value ->> 'employee_no') as employee_no, x.value -> 'data' as data
      from jsonb_array_elements(p_personal_rows) with ordinality x;
    select coalesce(jsonb_agg(e order by (e ->> 'index')::int), '[]') into v_errors from (
      select jsonb_build_object('index', l.idx, 'employee_no', l.employee_no, 'code', 'unknown_employee_no',
               'message', '第' || (l.idx + 1) || '行：工号「' || coalesce(l.employee_no, '') || '」不存在') as e
        from import_lines l
       where not exists (select 1 from public.members m where m.org_id = n.org_id and m.employee_no = l.employee_no)
      union all
      select jsonb_build_object('index', l.idx, 'employee_no', l.employee_no, 'code', 'duplicate',
               'message', '第' || (l.idx + 1) || '行：工号「' || l.employee_no || '」与第' || (f.first + 1) || '行重复')
        from import_lines l join (select employee_no, min(idx) as first from import_lines group by employee_no) f
          on f.employee_no = l.employee_no and l.idx > f.first
      union all
      select jsonb_build_object('index', l.idx, 'employee_no', l.employee_no, 'code', 'out_of_scope',
               'message', '第' || (l.idx + 1) || '行：工号「' || l.employee_no || '」不在你的发送范围内')
        from import_lines l join public.members m on m.org_id = n.org_id and m.employee_no = l.employee_no
       where not app_private.is_super_admin(n.org_id) and m.department_id not in (select app_private.admin_department_ids())
      union all
      select jsonb_build_object('index', l.idx, 'employee_no', l.employee_no, 'code', 'bad_row',
               'message', '第' || (l.idx + 1) || '行：内容必须是一个对象')
        from import_lines l where jsonb_typeof(l.data) is distinct from 'object'
    ) errs;
    insert into notice_targets
    select distinct on (m.id) m.id, m.department_id, l.data
      from import_lines l join public.members m on m.org_id = n.org_id and m.employee_no = l.employee_no
     where m.status = 'active' order by m.id, l.idx;
  else
    v_reach := app_private.notice_reach(n);
    -- Departments or members named explicitly must be within reach: say so rather than drop them.
    select coalesce(jsonb_agg(jsonb_build_object('code', 'out_of_scope', 'department_id', x, 'message', '部门「' || coalesce(d.name, x) || '」不在你的发送范围内')), '[]')
      into v_errors
      from jsonb_array_elements_text(coalesce(n.audience -> 'department_ids', '[]')) x
      left join public.departments d on d.id = x::uuid and d.org_id = n.org_id
     where v_reach is not null and (d.id is null or not (d.id = any (v_reach)));
    v_errors := v_errors || coalesce((
      select jsonb_agg(jsonb_build_object('code', 'out_of_scope', 'member_id', x, 'message', '成员「' || coalesce(m.name, x) || '」不在你的发送范围内'))
        from jsonb_array_elements_text(coalesce(n.audience -> 'member_ids', '[]')) x
        left join public.members m on m.id = x::uuid and m.org_id = n.org_id
       where v_reach is not null and (m.id is null or not (m.department_id = any (v_reach)))), '[]');
    insert into notice_targets select a.member_id, a.department_id, null from app_private.notice_audience(n, v_reach) a;
  end if;

  select count(*) into v_count from notice_targets;
  if v_count = 0 and jsonb_array_length(v_errors) = 0 then
    v_errors := jsonb_build_array(jsonb_build_object('code', 'empty_audience', 'message', '没有可发送的成员：请检查接收范围'));
  end if;
  if jsonb_array_length(v_errors) > 0 or p_dry_run then
    return jsonb_build_object('ok', jsonb_array_length(v_errors) = 0, 'recipients', v_count, 'errors', v_errors);
  end if;

  insert into public.notice_recipients (org_id, notice_id, member_id, department_id, delivered_channel)
  select n.org_id, n.id, t.member_id, t.department_id, case when n.channels = '{app}' then 'app'::public.notice_channel end
    from notice_targets t;
  if n.template = 'import' then
    insert into public.notice_personal_rows (org_id, notice_id, member_id, row_data)
    select n.org_id, n.id, t.member_id, t.row_data from notice_targets t;
  end if;
  v_first := (select c from unnest(n.channels) c where c <> 'app' limit 1);
  if v_first is not null then
    insert into public.notice_deliveries (org_id, notice_id, member_id, channel, next_attempt_at)
    select n.org_id, n.id, t.member_id, v_first, greatest(now(), coalesce(n.scheduled_at, now())) from notice_targets t;
  end if;
  update public.notices
     set status = case when n.scheduled_at > now() then 'scheduled'::public.notice_status else 'sent' end,
         sent_at = case when n.scheduled_at > now() then null else now() end,
         recipient_count = v_count
   where id = n.id;
  return jsonb_build_object('ok', true, 'recipients', v_count, 'errors', '[]'::jsonb,
    'status', case when n.scheduled_at > now() then 'scheduled' else 'sent' end);
end
$$;

-- The caller read the notice (idempotent); confirms it too for a receipt notice when p_confirm.
create function public.notice_mark_read(p_notice uuid, p_confirm boolean default false) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  r public.notice_recipients;
begin
  update public.notice_recipients
     set read_at = coalesce(read_at, now()),
         confirmed_at = case when p_confirm then coalesce(confirmed_at, now()) else confirmed_at end
   where notice_id = p_notice and member_id in (select app_private.my_member_ids())
  returning * into r;
  if r.notice_id is null then
    raise exception 'this notice was not sent to you' using errcode = 'YM303';
  end if;
  if p_confirm and not exists (select 1 from public.notices where id = p_notice and template = 'receipt') then
    raise exception 'only receipt notices are confirmed' using errcode = 'YM304';
  end if;
  return jsonb_build_object('read_at', r.read_at, 'confirmed_at', r.confirmed_at);
end
$$;

-- Statistics down to the department and channel, for whoever manages the
-- notice. One pass over the recipients (grouped by department, totals summed
-- from the groups) and one over the deliveries' index.
create function public.notice_stats(p_notice uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  n public.notices;
  v_departments jsonb;
  v_read bigint;
  v_confirmed bigint;
begin
  select * into n from public.notices where id = p_notice;
  if n.id is null or n.id not in (select app_private.managed_notice_ids()) then
    raise exception 'no such notice that you manage' using errcode = '42501';
  end if;
  select coalesce(jsonb_agg(jsonb_build_object('department_id', s.department_id, 'name', d.name, 'total', s.total, 'read', s.read) order by d.name), '[]'),
         coalesce(sum(s.read), 0), coalesce(sum(s.confirmed), 0)
    into v_departments, v_read, v_confirmed
    from (select r.department_id, count(*) as total, count(r.read_at) as read, count(r.confirmed_at) as confirmed
            from public.notice_recipients r where r.org_id = n.org_id and r.notice_id = n.id group by r.department_id) s
    join public.departments d on d.id = s.department_id;
  return jsonb_build_object(
    'total', n.recipient_count,
    'read', v_read,
    'confirmed', v_confirmed,
    'responses', (select count(*) from public.notice_form_responses f where f.org_id = n.org_id and f.notice_id = n.id),
    'by_department', v_departments,
    'by_channel', coalesce((
      select jsonb_agg(jsonb_build_object('channel', s.channel, 'status', s.status, 'count', s.count) order by s.channel, s.status)
        from (select dl.channel, dl.status, count(*) as count from public.notice_deliveries dl
               where dl.org_id = n.org_id and dl.notice_id = n.id group by dl.channel, dl.status) s), '[]'));
end
$$;

-- Pushes again, on the first channel, to everyone who has not read it yet.
create function public.notice_repush_unread(p_notice uuid) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  n public.notices;
  v_count integer;
begin
  select * into n from public.notices where id = p_notice;
  if n.id is null or n.id not in (select app_private.managed_notice_ids()) then
    raise exception 'no such notice that you manage' using errcode = '42501';
  end if;
  if n.status <> 'sent' then
    raise exception 'only a sent notice can be pushed again' using errcode = 'YM301';
  end if;
  insert into public.notice_deliveries (org_id, notice_id, member_id, channel)
  select n.org_id, n.id, r.member_id, (select c from unnest(n.channels) c where c <> 'app' limit 1)
    from public.notice_recipients r
   where r.org_id = n.org_id and r.notice_id = n.id and r.read_at is null
     and exists (select 1 from unnest(n.channels) c where c <> 'app');
  get diagnostics v_count = row_count;
  insert into public.audit_log (org_id, actor_account_id, actor_role, action, table_name, row_id, after)
  values (n.org_id, auth.uid(), 'authenticated', 'notice.repush', 'notices', n.id, jsonb_build_object('deliveries', v_count));
  return v_count;
end
$$;

-- Stores a validated form response (the notice-respond function validates
-- with the shared form engine first). Service role only.
create function public.notice_save_response(p_notice uuid, p_member uuid, p_answers jsonb) returns void
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.notice_form_responses (org_id, notice_id, member_id, answers)
  select r.org_id, r.notice_id, r.member_id, p_answers from public.notice_recipients r
   where r.notice_id = p_notice and r.member_id = p_member
  on conflict (org_id, notice_id, member_id) do update set answers = excluded.answers, submitted_at = now();
  if not found then
    raise exception 'this notice was not sent to that member' using errcode = 'YM303';
  end if;
  update public.notice_recipients set read_at = coalesce(read_at, now()) where notice_id = p_notice and member_id = p_member;
end
$$;

-- ---------------------------------------------------------------- dispatcher
-- Claims up to p_limit due deliveries (skip locked, so several dispatchers
-- never take the same row), leasing them for 5 minutes, and publishes
-- scheduled notices whose time has come. Returns what the sender needs.
create function public.notice_dispatch_claim(p_limit integer default 200)
returns table (delivery_id bigint, org_id uuid, notice_id uuid, member_id uuid, channel public.notice_channel, attempts integer,
               title text, phone text, wecom_userid text, wechat_openid text, org_name text)
language plpgsql security definer set search_path = '' as $$
begin
  update public.notices set status = 'sent', sent_at = now() where status = 'scheduled' and scheduled_at <= now();
  return query
  with due as (
    select dl.id from public.notice_deliveries dl
     where dl.status = 'pending' and dl.next_attempt_at <= now()
     order by dl.next_attempt_at
     limit p_limit
     for update skip locked
  ), leased as (
    update public.notice_deliveries dl set attempts = dl.attempts + 1, next_attempt_at = now() + interval '5 minutes'
      from due where dl.id = due.id
    returning dl.*
  )
  select l.id, l.org_id, l.notice_id, l.member_id, l.channel, l.attempts, n.title, m.phone, m.wecom_userid,
         (select ai.subject from app_private.account_identities ai where ai.account_id = m.account_id and ai.provider = 'wechat' limit 1),
         o.name
    from leased l
    join public.notices n on n.id = l.notice_id
    join public.members m on m.id = l.member_id
    join public.orgs o on o.id = l.org_id;
end
$$;

-- Records send results: [{delivery_id, outcome: 'sent'|'failed'|'skipped', error}].
-- A failure is retried with backoff (30 s, 2 min, 8 min) and then falls back
-- to the next channel in the notice's push order, as does 'skipped' (the
-- person is not reachable there) at once.
create function public.notice_dispatch_report(p_results jsonb) returns void
language plpgsql security definer set search_path = '' as $$
declare
  r record;
  d public.notice_deliveries;
  v_next public.notice_channel;
begin
  for r in select * from jsonb_to_recordset(p_results) as x(delivery_id bigint, outcome text, error text) loop
    select * into d from public.notice_deliveries where id = r.delivery_id for update;
    continue when d.id is null or d.status <> 'pending';
    if r.outcome = 'sent' then
      update public.notice_deliveries set status = 'sent', sent_at = now(), last_error = null where id = d.id;
      update public.notice_recipients set delivered_channel = d.channel
       where org_id = d.org_id and notice_id = d.notice_id and member_id = d.member_id and delivered_channel is null;
    elsif r.outcome = 'failed' and d.attempts < 3 then
      update public.notice_deliveries
         set last_error = r.error, next_attempt_at = now() + make_interval(secs => 30 * power(4, d.attempts - 1))
       where id = d.id;
    else
      update public.notice_deliveries set status = case when r.outcome = 'skipped' then 'skipped'::public.delivery_status else 'failed' end,
             last_error = r.error where id = d.id;
      select c.ch into v_next
        from public.notices n, unnest(n.channels) with ordinality c(ch, pos)
       where n.id = d.notice_id and c.ch <> 'app'
         and c.pos > (select p.pos from unnest(n.channels) with ordinality p(ch, pos) where p.ch = d.channel limit 1)
       order by c.pos limit 1;
      if v_next is not null then
        insert into public.notice_deliveries (org_id, notice_id, member_id, channel) values (d.org_id, d.notice_id, d.member_id, v_next);
      end if;
    end if;
  end loop;
end
$$;

revoke execute on function public.send_notice(uuid, jsonb, boolean), public.notice_mark_read(uuid, boolean), public.notice_stats(uuid),
  public.notice_repush_unread(uuid), public.notice_save_response(uuid, uuid, jsonb), public.notice_dispatch_claim(integer),
  public.notice_dispatch_report(jsonb) from public, anon;
revoke execute on function public.notice_save_response(uuid, uuid, jsonb), public.notice_dispatch_claim(integer),
  public.notice_dispatch_report(jsonb) from authenticated;
grant execute on function public.send_notice(uuid, jsonb, boolean), public.notice_mark_read(uuid, boolean), public.notice_stats(uuid),
  public.notice_repush_unread(uuid) to authenticated, service_role;
grant execute on function public.notice_save_response(uuid, uuid, jsonb), public.notice_dispatch_claim(integer),
  public.notice_dispatch_report(jsonb) to service_role;
