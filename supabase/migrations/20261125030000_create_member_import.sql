-- Member import (批量导入): one RPC that re-validates an uploaded sheet's rows
-- (the apps validate first with @yima/shared; the database never trusts
-- them), checks the caller's scope, and either reports (dry run) or applies
-- everything in one transaction: departments created from paths like
-- 总部/研发/前端, members upserted by employee number, tags added.
-- Also the SMS invitation log for members who have not claimed their card.
-- Error codes: YM210 too many rows, YM211 malformed rows payload.

-- GB 11643 check of an 18-character ID-card number (same rule as @yima/shared).
create function app_private.id_card_valid(p_id text) returns boolean
language plpgsql immutable set search_path = '' as $$
declare
  v_weights int[] := array[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  v_sum int := 0;
begin
  if p_id !~ '^[0-9]{17}[0-9X]$' then return false; end if;
  begin
    perform make_date(substr(p_id, 7, 4)::int, substr(p_id, 11, 2)::int, substr(p_id, 13, 2)::int);
  exception when others then
    return false;
  end;
  for i in 1..17 loop
    v_sum := v_sum + substr(p_id, i, 1)::int * v_weights[i];
  end loop;
  return substr('10X98765432', v_sum % 11 + 1, 1) = substr(p_id, 18, 1);
end
$$;

create table public.member_invites (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs(id) on delete cascade,
  member_id uuid not null,
  phone text not null,
  invited_by uuid,
  channel text not null,
  status text not null check (status in ('sent', 'failed')),
  error text,
  created_at timestamptz not null default now(),
  foreign key (org_id, member_id) references public.members(org_id, id) on delete cascade
);
comment on table public.member_invites is 'SMS invitations to claim the card (短信通知领卡): who was invited when, by whom, and whether the SMS went out.';
create index member_invites_org_member on public.member_invites (org_id, member_id, created_at desc);

create trigger member_invites_audit after insert on public.member_invites
  for each row execute function app_private.audit_row();

alter table public.member_invites enable row level security;
create policy member_invites_select_admins on public.member_invites for select to authenticated
  using (exists (select 1 from public.members m where m.org_id = member_invites.org_id and m.id = member_invites.member_id
                   and m.department_id in (select app_private.admin_department_ids())));
revoke all on public.member_invites from anon, authenticated;
grant select on public.member_invites to authenticated;
grant all on public.member_invites to service_role;

-- Validates and (unless p_dry_run) applies an import. p_rows: array of
-- {row, employee_no, name, phone, id_card, department, tags[]} (row = Excel
-- row number, for the error report). Returns
-- {ok, dry_run, errors:[{row, column, code, message}], created, updated,
--  departments_created:[path], tags_created:[name]}.
-- Blank phone / ID / department cells keep an existing member's values.
-- Caller: any admin of the org; every target department and every member
-- overwritten must be in their scope.
create function public.admin_import_members(p_org uuid, p_rows jsonb, p_dry_run boolean default true)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_errors jsonb;
  v_created int;
  v_updated int;
  v_new_departments text[];
  v_new_tags text[];
  v_depth int;
  v_default uuid;
begin
  if p_org not in (select app_private.admin_org_ids()) then
    raise exception 'only an admin of this organisation may import members' using errcode = '42501';
  end if;
  if jsonb_typeof(p_rows) is distinct from 'array' then
    raise exception 'rows must be a JSON array' using errcode = 'YM211';
  end if;
  if jsonb_array_length(p_rows) > 10000 then
    raise exception 'at most 10,000 rows per import; split the file' using errcode = 'YM210';
  end if;

  create temp table import_rows on commit drop as
  select x.row, btrim(coalesce(x.employee_no, '')) as employee_no, btrim(coalesce(x.name, '')) as name,
         nullif(btrim(coalesce(x.phone, '')), '') as phone, nullif(upper(btrim(coalesce(x.id_card, ''))), '') as id_card,
         nullif(btrim(coalesce(x.department, '')), '') as department, coalesce(x.tags, '{}') as tags,
         null::uuid as department_id, null::uuid as member_id, null::uuid as member_department_id
    from jsonb_to_recordset(p_rows) as x(row int, employee_no text, name text, phone text, id_card text, department text, tags text[]);

  -- Existing department name paths of the org (总部/研发/前端 -> id).
  create temp table dept_paths on commit drop as
  with recursive tree as (
    select d.id, d.name::text as name_path from public.departments d
     where d.org_id = p_org and d.parent_id is null
    union all
    select d.id, t.name_path || '/' || d.name from public.departments d join tree t on d.parent_id = t.id
  ) select * from tree;
  create index on dept_paths (name_path);
  analyze import_rows;
  analyze dept_paths;

  update import_rows r set department_id = p.id from dept_paths p where p.name_path = r.department;
  update import_rows r set member_id = m.id, member_department_id = m.department_id
    from public.members m where m.org_id = p_org and m.employee_no = r.employee_no;

  -- Every problem, each with row, column and a message a person can act on.
  with problems(row, col, code, message) as (
    select row, '工号', 'required', '「工号」必填' from import_rows where employee_no = ''
    union all select row, '工号', 'invalid_employee_no', '工号只能包含字母、数字和 ._-，最长32位'
      from import_rows where employee_no <> '' and employee_no !~ '^[A-Za-z0-9_.-]{1,32}$'
    union all select row, '姓名', 'required', '「姓名」必填' from import_rows where name = ''
    union all select row, '姓名', 'invalid_name', '姓名最长50字' from import_rows where length(name) > 50
    union all select row, '手机号', 'invalid_phone', '手机号不是11位大陆手机号' from import_rows where phone !~ '^1[3-9][0-9]{9}$'
    union all select row, '身份证号', 'invalid_id_card', '身份证号无效（格式、出生日期或校验位）'
      from import_rows where id_card is not null and not app_private.id_card_valid(id_card)
    union all select row, '部门', 'invalid_department', '部门路径的每一级不能为空且最长50字，最多10级'
      from import_rows where department is not null
        and (array_length(string_to_array(department, '/'), 1) > 10
             or exists (select 1 from unnest(string_to_array(department, '/')) s where btrim(s) = '' or length(s) > 50))
    union all select row, '标签', 'invalid_tag', '每个标签最长30字'
      from import_rows where exists (select 1 from unnest(tags) t where length(t) > 30 or btrim(t) = '')
    union all select d.row, d.col, 'duplicate_in_file', d.col || '与第' || d.first_row || '行重复'
      from (select row, '工号' as col, min(row) over (partition by employee_no) as first_row from import_rows where employee_no <> ''
            union all select row, '手机号', min(row) over (partition by phone) from import_rows where phone is not null
            union all select row, '身份证号', min(row) over (partition by id_card) from import_rows where id_card is not null) d
     where d.row > d.first_row
    -- Scope: an existing member must be one the caller administers.
    union all select row, '工号', 'member_out_of_scope', '该工号的成员不在你的管理范围内，不能覆盖'
      from import_rows where member_id is not null and member_department_id not in (select app_private.admin_department_ids())
    -- Scope: the target department, or the deepest existing ancestor of a new one.
    union all select r.row, '部门', 'department_out_of_scope', '部门「' || r.department || '」不在你的管理范围内'
      from import_rows r
     where r.department is not null
       and coalesce(r.department_id, (
             select p.id from dept_paths p
              where r.department like p.name_path || '/%'
              order by length(p.name_path) desc limit 1)) is distinct from null
       and coalesce(r.department_id, (
             select p.id from dept_paths p
              where r.department like p.name_path || '/%'
              order by length(p.name_path) desc limit 1)) not in (select app_private.admin_department_ids())
    union all select r.row, '部门', 'department_out_of_scope', '只有超级管理员可以新建顶级部门「' || split_part(r.department, '/', 1) || '」'
      from import_rows r
     where r.department is not null and r.department_id is null and not app_private.is_super_admin(p_org)
       and not exists (select 1 from dept_paths p where r.department like p.name_path || '/%')
    union all select row, '部门', 'department_required', '你只能管理部分部门：请填写成员所在部门'
      from import_rows where department is null and member_id is null and not app_private.is_super_admin(p_org)
  )
  select coalesce(jsonb_agg(jsonb_build_object('row', row, 'column', col, 'code', code, 'message', message) order by row, col), '[]')
    into v_errors from problems;

  select count(*) filter (where member_id is null), count(*) filter (where member_id is not null)
    into v_created, v_updated from import_rows;
  -- Every level that does not exist yet (总部/市场部 as well as 总部/市场部/华东组).
  select coalesce(array_agg(distinct x.p order by x.p), '{}') into v_new_departments
    from (select array_to_string((string_to_array(r.department, '/'))[1:n], '/') as p
            from import_rows r, generate_series(1, array_length(string_to_array(r.department, '/'), 1)) n
           where r.department is not null and r.department_id is null) x
   where not exists (select 1 from dept_paths d where d.name_path = x.p);
  select coalesce(array_agg(distinct t order by t), '{}') into v_new_tags
    from import_rows, unnest(tags) t where not exists (select 1 from public.tags g where g.org_id = p_org and g.name = t);

  if jsonb_array_length(v_errors) > 0 or p_dry_run then
    return jsonb_build_object('ok', jsonb_array_length(v_errors) = 0, 'dry_run', p_dry_run, 'errors', v_errors,
      'created', v_created, 'updated', v_updated, 'departments_created', to_jsonb(v_new_departments), 'tags_created', to_jsonb(v_new_tags));
  end if;

  -- Apply. Departments level by level, so each new one finds its parent.
  for v_depth in 1..10 loop
    insert into public.departments (org_id, parent_id, name)
    select distinct p_org, parent.id, split_part(r.department, '/', v_depth)
      from import_rows r
      left join dept_paths parent on parent.name_path = array_to_string((string_to_array(r.department, '/'))[1:v_depth - 1], '/')
     where r.department_id is null and r.department is not null
       and array_length(string_to_array(r.department, '/'), 1) >= v_depth
       and (v_depth = 1 or parent.id is not null)
       and not exists (select 1 from dept_paths p where p.name_path = array_to_string((string_to_array(r.department, '/'))[1:v_depth], '/'));
    insert into dept_paths (id, name_path)
    select d.id, coalesce(p.name_path || '/', '') || d.name
      from public.departments d left join dept_paths p on p.id = d.parent_id
     where d.org_id = p_org and not exists (select 1 from dept_paths x where x.id = d.id)
       and (d.parent_id is null or p.id is not null);
  end loop;
  update import_rows r set department_id = p.id from dept_paths p where p.name_path = r.department and r.department_id is null;

  select id into v_default from public.departments where org_id = p_org and is_default;
  insert into public.members (org_id, employee_no, name, phone, id_card_number, department_id)
  select p_org, employee_no, name, phone, id_card, coalesce(department_id, v_default) from import_rows where member_id is null;
  update public.members m
     set name = r.name,
         phone = coalesce(r.phone, m.phone),
         id_card_number = coalesce(r.id_card, m.id_card_number),
         department_id = coalesce(r.department_id, m.department_id)
    from import_rows r
   where r.member_id = m.id
     and (m.name, m.phone, m.department_id) is distinct from (r.name, coalesce(r.phone, m.phone), coalesce(r.department_id, m.department_id))
         or (r.member_id = m.id and r.id_card is not null);

  insert into public.tags (org_id, name) select p_org, t from unnest(v_new_tags) t on conflict (org_id, name) do nothing;
  insert into public.tag_members (org_id, tag_id, member_id)
  select p_org, g.id, m.id
    from import_rows r
    cross join unnest(r.tags) t
    join public.tags g on g.org_id = p_org and g.name = t
    join public.members m on m.org_id = p_org and m.employee_no = r.employee_no
  on conflict do nothing;

  insert into public.audit_log (org_id, actor_account_id, actor_role, action, table_name, after)
  values (p_org, auth.uid(), coalesce(auth.role(), session_user::text), 'members.import', 'members',
          jsonb_build_object('created', v_created, 'updated', v_updated, 'departments_created', to_jsonb(v_new_departments),
                             'tags_created', to_jsonb(v_new_tags)));
  return jsonb_build_object('ok', true, 'dry_run', false, 'errors', '[]'::jsonb, 'created', v_created, 'updated', v_updated,
    'departments_created', to_jsonb(v_new_departments), 'tags_created', to_jsonb(v_new_tags));
end
$$;
revoke execute on function public.admin_import_members(uuid, jsonb, boolean) from public, anon;
grant execute on function public.admin_import_members(uuid, jsonb, boolean) to authenticated, service_role;
