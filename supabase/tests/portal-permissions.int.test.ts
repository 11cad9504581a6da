// Portal, app square and the permissions console through PostgREST: the
// service hall honours visibility in the database (a member cannot read a
// category outside their audience even by querying the table), disabled apps
// drop out, only admins with the apps function edit it; per-admin user scope
// overrides the group's; batch scope import reports every problem and applies
// nothing until clean; super admins add admins by phone; and an admin without
// the payment function reads no payment data through PostgREST.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { mintAccessToken } from '../functions/_shared/tokens.ts';
import { rpcAs } from './setup/devices.ts';
import { adminDb, clientAs, stackInfo } from './setup/personas.ts';
import { SEED } from './setup/seed-ids.ts';

const q = async (sql: string, params: unknown[] = []) => (await adminDb().query(sql, params)).rows;

interface Person { memberId: string; accountId: string; token: string; employeeNo: string }
let orgId: string;
let hq: string;
let deptA: string;
let deptB: string;
let superAdmin: Person;
let appsAdmin: Person;
let teacher: Person;
let staff: Person;

async function person(name: string, dept: string, extra: { identity?: string; phone?: string } = {}): Promise<Person> {
  const [account] = await q(`insert into accounts (display_name) values ($1) returning id`, [name]);
  const employeeNo = `P${randomUUID().slice(0, 6)}`;
  const [member] = await q(`insert into members (org_id, account_id, employee_no, name, department_id, identity, phone, claimed_at)
    values ($1, $2, $3, $4, $5, $6, $7, now()) returning id`, [orgId, account.id, employeeNo, name, dept, extra.identity ?? null, extra.phone ?? null]);
  const token = (await mintAccessToken({ accountId: account.id, orgId, memberId: member.id }, stackInfo().jwtSecret, 900)).access_token;
  return { memberId: member.id, accountId: account.id, token, employeeNo };
}

function client(p: Person) {
  return import('@supabase/supabase-js').then(({ createClient }) =>
    createClient(stackInfo().apiUrl, stackInfo().anonKey, { accessToken: async () => p.token }));
}

beforeAll(async () => {
  const [org] = await q(`insert into orgs (name, slug) values ('门户测试', $1) returning id`, [`portal-${randomUUID().slice(0, 8)}`]);
  orgId = org.id;
  hq = (await q(`insert into departments (org_id, name) values ($1, '总部') returning id`, [orgId]))[0].id;
  deptA = (await q(`insert into departments (org_id, parent_id, name) values ($1, $2, '教务处') returning id`, [orgId, hq]))[0].id;
  deptB = (await q(`insert into departments (org_id, parent_id, name) values ($1, $2, '后勤处') returning id`, [orgId, hq]))[0].id;
  superAdmin = await person('超管', hq);
  appsAdmin = await person('应用管理员', hq);
  teacher = await person('王老师', deptA, { identity: '教师' });
  staff = await person('李师傅', deptB, { identity: '职工', phone: '13612345678' });
  const [superGroup] = await q(`insert into admin_groups (org_id, name, is_super) values ($1, '超级管理员', true) returning id`, [orgId]);
  const [appsGroup] = await q(`insert into admin_groups (org_id, name, functions) values ($1, '应用管理', '{apps}') returning id`, [orgId]);
  await q(`insert into admin_group_members (org_id, group_id, member_id) values ($1, $2, $3), ($1, $4, $5)`,
    [orgId, superGroup.id, superAdmin.memberId, appsGroup.id, appsAdmin.memberId]);
});

describe('service hall', () => {
  it('shows each member only the categories of their audience, and only enabled apps', async () => {
    const [card] = await q(`insert into cards (org_id, name) values ($1, '教职工卡') returning id`, [orgId]);
    const admin = await client(appsAdmin);
    const { data: teachers, error } = await admin.from('portal_categories')
      .insert({ org_id: orgId, card_id: card.id, name: '教师服务', sort_order: 1, visibility: { identities: ['教师'] } }).select('id').single();
    expect(error).toBeNull();
    const { data: everyone } = await admin.from('portal_categories')
      .insert({ org_id: orgId, card_id: card.id, name: '公共服务', sort_order: 2 }).select('id').single();
    const { data: custom } = await admin.from('custom_apps').insert({ org_id: orgId, name: '图书馆', url: 'https://lib.example.edu.cn' }).select('id').single();
    await admin.from('org_apps').insert({ org_id: orgId, app_key: 'payment' });
    const entries = [
      { org_id: orgId, category_id: teachers!.id, kind: 'app', app_key: 'payment' },
      { org_id: orgId, category_id: teachers!.id, kind: 'app', app_key: 'events' }, // not enabled: hidden
      { org_id: orgId, category_id: everyone!.id, kind: 'custom_app', custom_app_id: custom!.id },
      { org_id: orgId, category_id: everyone!.id, kind: 'link', name: '报修', link_type: 'miniprogram', mp_appid: 'gh_0123456789ab', mp_path: 'pages/index' },
    ];
    const inserted = await admin.from('portal_entries').insert(entries);
    expect(inserted.error).toBeNull();

    const forTeacher = await rpcAs(teacher, 'portal_for_me', { p_card: card.id });
    expect(forTeacher.body.map((c: { name: string }) => c.name)).toEqual(['教师服务', '公共服务']);
    expect(forTeacher.body[0].entries.map((e: { app_key: string }) => e.app_key)).toEqual(['payment']);
    expect(forTeacher.body[1].entries.map((e: { name: string }) => e.name)).toEqual(['图书馆', '报修']);
    const forStaff = await rpcAs(staff, 'portal_for_me', { p_card: card.id });
    expect(forStaff.body.map((c: { name: string }) => c.name)).toEqual(['公共服务']);
    // Enforced by RLS, not only by the RPC: the table read hides it too.
    const direct = await (await client(staff)).from('portal_categories').select('name').eq('card_id', card.id);
    expect(direct.data!.map((c) => c.name)).toEqual(['公共服务']);
    const hiddenEntries = await (await client(staff)).from('portal_entries').select('id').eq('category_id', teachers!.id);
    expect(hiddenEntries.data).toEqual([]);
    // Disabling the self-built app removes it from the hall.
    await admin.from('custom_apps').update({ enabled: false }).eq('id', custom!.id);
    const after = await rpcAs(staff, 'portal_for_me', { p_card: card.id });
    expect(after.body[0].entries.map((e: { name: string }) => e.name)).toEqual(['报修']);
  });

  it('only admins with the apps function edit the hall and the app square', async () => {
    const [card] = await q(`insert into cards (org_id, name) values ($1, $2) returning id`, [orgId, `卡-${randomUUID().slice(0, 4)}`]);
    const asTeacher = await client(teacher);
    const cat = await asTeacher.from('portal_categories').insert({ org_id: orgId, card_id: card.id, name: '偷偷加的' });
    expect(cat.error?.code).toBe('42501');
    const app = await asTeacher.from('org_apps').insert({ org_id: orgId, app_key: 'visitors' });
    expect(app.error?.code).toBe('42501');
    const bad = await (await client(appsAdmin)).from('custom_apps').insert({ org_id: orgId, name: '不安全', url: 'http://plain.example.com' });
    expect(bad.error?.code, JSON.stringify(bad.error)).toBe('23514');
  });
});

describe('permissions console', () => {
  it('a per-admin scope replaces the group scope for that admin', async () => {
    const admin = await person('分管领导', hq);
    const [group] = await q(`insert into admin_groups (org_id, name, functions) values ($1, $2, '{notices}') returning id`, [orgId, `组-${randomUUID().slice(0, 4)}`]);
    await q(`insert into admin_group_members (org_id, group_id, member_id) values ($1, $2, $3)`, [orgId, group.id, admin.memberId]);
    await q(`insert into admin_group_departments (org_id, group_id, department_id) values ($1, $2, $3)`, [orgId, group.id, deptA]);
    const visible = async () => ((await (await client(admin)).from('members').select('name').eq('org_id', orgId).order('name')).data ?? []).map((m) => m.name);
    expect(await visible()).toContain('王老师');
    expect(await visible()).not.toContain('李师傅');
    const set = await rpcAs(superAdmin, 'admin_set_member_scope', { p_group: group.id, p_member: admin.memberId, p_departments: [deptB] });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(await visible()).toContain('李师傅');
    expect(await visible()).not.toContain('王老师');
    expect((await rpcAs(appsAdmin, 'admin_set_member_scope', { p_group: group.id, p_member: admin.memberId, p_departments: [] })).body.code).toBe('42501');
    await rpcAs(superAdmin, 'admin_set_member_scope', { p_group: group.id, p_member: admin.memberId, p_departments: [] });
    expect(await visible()).toContain('王老师');
  });

  it('batch scope import reports every problem and applies nothing until clean', async () => {
    const [group] = await q(`insert into admin_groups (org_id, name, functions) values ($1, $2, '{cards}') returning id`, [orgId, `导入组-${randomUUID().slice(0, 4)}`]);
    const rows = [
      { employee_no: teacher.employeeNo, departments: ['总部/教务处'] },
      { employee_no: 'NOPE999', departments: ['总部/后勤处'] },
      { employee_no: staff.employeeNo, departments: ['总部/不存在的处'] },
    ];
    const checked = await rpcAs(superAdmin, 'admin_import_scopes', { p_group: group.id, p_rows: rows, p_dry_run: false });
    expect(checked.status, JSON.stringify(checked.body)).toBe(200);
    expect(checked.body.applied).toBe(false);
    expect(checked.body.errors).toEqual([
      { row: 2, message: '工号「NOPE999」不存在或已停用' },
      { row: 3, message: '部门「总部/不存在的处」不存在' },
    ]);
    expect(await q(`select 1 from admin_group_members where group_id = $1`, [group.id])).toHaveLength(0);
    const ok = await rpcAs(superAdmin, 'admin_import_scopes', { p_group: group.id, p_rows: [rows[0], { ...rows[2], departments: ['总部/后勤处'] }], p_dry_run: false });
    expect(ok.body).toMatchObject({ applied: true, errors: [] });
    const scopes = await q(`select m.name, d.name as dept from admin_member_departments s join members m on m.id = s.member_id
      join departments d on d.id = s.department_id where s.group_id = $1 order by m.name`, [group.id]);
    expect(scopes).toEqual([{ name: '李师傅', dept: '后勤处' }, { name: '王老师', dept: '教务处' }]);
  });

  it('keeps at least one super admin in an org', async () => {
    const [g] = await q(`select id from admin_groups where org_id = $1 and is_super`, [orgId]);
    await expect(q(`delete from admin_group_members where group_id = $1 and member_id = $2`, [g.id, superAdmin.memberId])).rejects.toThrow(/至少保留一名超级管理员/);
    const second = await person('第二位超管', hq);
    await q(`insert into admin_group_members (org_id, group_id, member_id) values ($1, $2, $3)`, [orgId, g.id, second.memberId]);
    await q(`delete from admin_group_members where group_id = $1 and member_id = $2`, [g.id, second.memberId]);
  });

  it('admins with the apps function upload app logos; card images still need the cards function', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const logo = await rpcAs(appsAdmin, 'admin_upload_media', { p_org: orgId, p_purpose: 'app_logo', p_base64: png });
    expect(logo.status, JSON.stringify(logo.body)).toBe(200);
    expect((await rpcAs(appsAdmin, 'admin_upload_media', { p_org: orgId, p_purpose: 'card_logo', p_base64: png })).body.code).toBe('42501');
    expect((await rpcAs(teacher, 'admin_upload_media', { p_org: orgId, p_purpose: 'app_logo', p_base64: png })).body.code).toBe('42501');
  });

  it('super admins add admins by phone; others cannot', async () => {
    const [group] = await q(`insert into admin_groups (org_id, name) values ($1, $2) returning id`, [orgId, `电话组-${randomUUID().slice(0, 4)}`]);
    const unknown = await rpcAs(superAdmin, 'admin_add_by_phone', { p_group: group.id, p_phone: '13900000000' });
    expect(unknown.body.code).toBe('YM701');
    const added = await rpcAs(superAdmin, 'admin_add_by_phone', { p_group: group.id, p_phone: '13612345678' });
    expect(added.body).toMatchObject({ member_id: staff.memberId, name: '李师傅' });
    expect((await rpcAs(appsAdmin, 'admin_add_by_phone', { p_group: group.id, p_phone: '13612345678' })).body.code).toBe('42501');
  });

  it('an admin without the payment function reads no payment data through PostgREST (seed org A)', async () => {
    const dept = await clientAs('deptAdminA');
    const sup = await clientAs('superAdminA');
    for (const table of ['ledger_transactions', 'ledger_entries', 'topup_orders', 'subsidy_plans', 'payment_flags']) {
      const { data, error } = await dept.from(table).select('*').eq('org_id', SEED.orgA);
      expect(error, table).toBeNull();
      // 李娜 operates 第一食堂, so only its own merchant's rows could show; none are ledger entries, top-ups or plans.
      if (table !== 'ledger_transactions') expect(data, table).toEqual([]);
      else expect(data!.filter((t) => t.merchant_id !== 'f1000000-0000-4000-8000-000000000001' && t.member_id !== SEED.members.liNa), JSON.stringify(data)).toEqual([]);
    }
    expect(((await sup.from('ledger_transactions').select('id').eq('org_id', SEED.orgA)).data ?? []).length).toBeGreaterThan(0);
    const report = await dept.rpc('payment_daily_series', { p_org: SEED.orgA, p_from: '2026-01-01T00:00:00Z', p_to: '2026-12-31T00:00:00Z' });
    expect(report.error?.code).toBe('42501');
  });
});
