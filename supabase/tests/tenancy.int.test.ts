// Tenancy behaviour through the real stack: cross-tenant isolation, the
// department tree, ID-card protection, and the audit trail.
import { describe, expect, it } from 'vitest';
import { adminDb, clientAs } from './setup/personas.ts';
import { SEED } from './setup/seed-ids.ts';

const db = () => adminDb();

describe('cross-tenant isolation', () => {
  it('a member of org B reads nothing of org A, even when asking for it by id', async () => {
    const b = await clientAs('memberB');
    for (const table of ['members', 'departments', 'tags', 'orgs']) {
      const key = table === 'orgs' ? 'id' : 'org_id';
      const { data, error } = await b.from(table).select(key).eq(key, SEED.orgA);
      expect(error).toBeNull();
      expect(data).toEqual([]);
    }
    const { data: own } = await b.from('orgs').select('name');
    expect(own).toEqual([{ name: '友邻制造有限公司' }]);
  });

  it('a department admin lists exactly the members of their subtree', async () => {
    const admin = await clientAs('deptAdminA');
    const { data, error } = await admin.from('members').select('employee_no').eq('org_id', SEED.orgA).order('employee_no');
    expect(error).toBeNull();
    const { rows } = await db().query(
      `select m.employee_no from members m join departments d on d.id = m.department_id
        where m.org_id = $1 and d.path <@ (select path from departments where id = $2) order by m.employee_no`,
      [SEED.orgA, SEED.departments.rnd]);
    expect(data!.map((m) => m.employee_no)).toEqual(rows.map((r) => r.employee_no));
    expect(data!.length).toBeGreaterThanOrEqual(3);
    expect(data!.map((m) => m.employee_no)).not.toContain('E005');
  });

  it('a forbidden write answers 403 with PostgREST error code 42501', async () => {
    const member = await clientAs('memberA');
    const { error, status } = await member.from('members')
      .insert({ org_id: SEED.orgA, name: '不该存在', department_id: SEED.departments.frontend });
    expect(status).toBe(403);
    expect(error?.code).toBe('42501');
  });

  it('a department admin cannot move a member out of their scope', async () => {
    const admin = await clientAs('deptAdminA');
    const { error } = await admin.from('members').update({ department_id: SEED.departments.admin }).eq('id', SEED.members.liuYang);
    expect(error?.code).toBe('42501');
    const { rows } = await db().query('select department_id from members where id = $1', [SEED.members.liuYang]);
    expect(rows[0].department_id).toBe(SEED.departments.backend);
  });
});

describe('department tree', () => {
  it('keeps ltree paths through creation and moves, and refuses cycles', async () => {
    const admin = await clientAs('superAdminA');
    const { data: parent } = await admin.from('departments')
      .insert({ org_id: SEED.orgA, parent_id: SEED.departments.hq, name: '树测试' }).select().single();
    const { data: child } = await admin.from('departments')
      .insert({ org_id: SEED.orgA, parent_id: parent!.id, name: '子部门' }).select().single();
    expect(child!.path.split('.')).toHaveLength(3);
    // Move the parent under 行政部: the child's path follows.
    const moved = await admin.from('departments').update({ parent_id: SEED.departments.admin }).eq('id', parent!.id);
    expect(moved.error).toBeNull();
    const { rows } = await db().query('select path::text from departments where id = $1', [child!.id]);
    expect(rows[0].path).toBe([SEED.departments.hq, SEED.departments.admin, parent!.id, child!.id].map((id) => id.replaceAll('-', '_')).join('.'));
    // Moving a department under its own child is refused.
    const cycle = await admin.from('departments').update({ parent_id: child!.id }).eq('id', parent!.id);
    expect(cycle.error?.code).toBe('YM003');
    // path cannot be forged directly.
    await admin.from('departments').update({ path: 'forged' }).eq('id', child!.id);
    const after = await db().query('select path::text from departments where id = $1', [child!.id]);
    expect(after.rows[0].path).toBe(rows[0].path);
  });

  it('deleting a department moves its subtree\'s members to 未分组 and never deletes them', async () => {
    const admin = await clientAs('deptAdminA');
    const { data: dept } = await admin.from('departments')
      .insert({ org_id: SEED.orgA, parent_id: SEED.departments.rnd, name: '将被删除' }).select().single();
    const { data: sub } = await admin.from('departments')
      .insert({ org_id: SEED.orgA, parent_id: dept!.id, name: '其子部门' }).select().single();
    const { data: people } = await admin.from('members').insert([
      { org_id: SEED.orgA, name: '甲', department_id: dept!.id },
      { org_id: SEED.orgA, name: '乙', department_id: sub!.id },
    ]).select('id');
    const del = await admin.from('departments').delete().eq('id', dept!.id);
    expect(del.error).toBeNull();
    const { rows } = await db().query(
      `select d.name, d.is_default from members m join departments d on d.id = m.department_id where m.id = any($1)`,
      [people!.map((p) => p.id)]);
    expect(rows).toEqual([{ name: '未分组', is_default: true }, { name: '未分组', is_default: true }]);
    const gone = await db().query('select 1 from departments where id = any($1)', [[dept!.id, sub!.id]]);
    expect(gone.rowCount).toBe(0);
  });

  it('the 未分组 group cannot be deleted', async () => {
    const admin = await clientAs('superAdminA');
    const { rows } = await db().query('select id from departments where org_id = $1 and is_default', [SEED.orgA]);
    await admin.from('departments').delete().eq('id', rows[0].id);
    const still = await db().query('select 1 from departments where id = $1', [rows[0].id]);
    expect(still.rowCount).toBe(1);
    const direct = await db().query('delete from departments where id = $1', [rows[0].id]).catch((e: { code: string }) => e);
    expect((direct as { code: string }).code).toBe('YM001');
  });
});

describe('ID-card numbers', () => {
  it('are stored encrypted, shown masked, and matchable by keyed hash', async () => {
    const admin = await clientAs('superAdminA');
    const { data, error } = await admin.from('members')
      .insert({ org_id: SEED.orgA, name: '身份证测试', department_id: SEED.departments.admin, id_card_number: '11010519491231002x' })
      .select('id, id_card_number').single();
    expect(error).toBeNull();
    expect(data!.id_card_number).toBe('110***********002X');
    const { rows } = await db().query(
      `select extensions.pgp_sym_decrypt(s.id_card_cipher, encode(k.secret, 'hex')) as plain,
              s.id_card_hmac = app_private.id_card_hmac($2, '11010519491231002X') as matches
         from app_private.member_secrets s, app_private.keys k where k.name = 'pii' and s.member_id = $1`,
      [data!.id, SEED.orgA]);
    expect(rows[0]).toEqual({ plain: '11010519491231002X', matches: true });
    // Echoing the mask back (an edit form) keeps the number.
    await admin.from('members').update({ id_card_number: '110***********002X', name: '改名' }).eq('id', data!.id);
    const again = await db().query('select count(*)::int as n from app_private.member_secrets where member_id = $1', [data!.id]);
    expect(again.rows[0].n).toBe(1);
    const bad = await admin.from('members').update({ id_card_number: '12345' }).eq('id', data!.id);
    expect(bad.error?.code).toBe('YM005');
  });

  it('are unreachable through the API', async () => {
    const admin = await clientAs('superAdminA');
    const { error } = await admin.schema('app_private' as 'public').from('member_secrets').select('*');
    expect(error).not.toBeNull();
  });
});

describe('audit log', () => {
  it('records who changed what with before and after', async () => {
    const admin = await clientAs('deptAdminA');
    await admin.from('members').update({ name: '刘洋' + 'X' }).eq('id', SEED.members.liuYang);
    await admin.from('members').update({ name: '刘洋' }).eq('id', SEED.members.liuYang);
    const { rows } = await db().query(
      `select actor_account_id, actor_role, action, before->>'name' as before, after->>'name' as after
         from audit_log where row_id = $1 and table_name = 'members' order by id desc limit 2`,
      [SEED.members.liuYang]);
    expect(rows).toEqual([
      { actor_account_id: SEED.accounts.deptAdminA, actor_role: 'authenticated', action: 'update', before: '刘洋X', after: '刘洋' },
      { actor_account_id: SEED.accounts.deptAdminA, actor_role: 'authenticated', action: 'update', before: '刘洋', after: '刘洋X' },
    ]);
    const superAdmin = await clientAs('superAdminA');
    const { data } = await superAdmin.from('audit_log').select('action').eq('org_id', SEED.orgA).eq('row_id', SEED.members.liuYang);
    expect(data!.length).toBeGreaterThanOrEqual(2);
  });
});

describe('my_admin_profile', () => {
  it('describes each persona\'s rights', async () => {
    const profile = async (p: 'superAdminA' | 'deptAdminA' | 'memberA') => (await (await clientAs(p)).rpc('my_admin_profile', { p_org: SEED.orgA })).data;
    expect(await profile('superAdminA')).toMatchObject({ is_admin: true, is_super: true, functions: ['notices', 'cards', 'config', 'payment', 'apps'], scope_department_ids: null });
    expect(await profile('deptAdminA')).toMatchObject({ is_admin: true, is_super: false, functions: ['notices', 'cards'], scope_department_ids: [SEED.departments.rnd] });
    expect(await profile('memberA')).toMatchObject({ is_admin: false, is_super: false, functions: [] });
  });
});

describe('org deletion', () => {
  it('deletes an org with members in departments (cascade), without tripping the 未分组 rule', async () => {
    const { rows } = await db().query(`insert into orgs (name, slug) values ('待删除', $1) returning id`, [`del-${Date.now()}`]);
    const org = rows[0].id;
    const dept = (await db().query(`insert into departments (org_id, name) values ($1, '部门') returning id`, [org])).rows[0].id;
    await db().query(`insert into members (org_id, name, department_id) values ($1, '成员', $2)`, [org, dept]);
    await db().query('delete from orgs where id = $1', [org]);
    expect((await db().query('select 1 from members where org_id = $1', [org])).rowCount).toBe(0);
  });
});
