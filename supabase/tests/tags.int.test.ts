// Bulk tagging by member list or department subtree, within the admin's scope.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adminDb, clientAs } from './setup/personas.ts';
import { SEED } from './setup/seed-ids.ts';

const db = () => adminDb();

describe('admin_tag_members', () => {
  it('tags a whole subtree for a department admin, never members outside their scope', async () => {
    const { rows } = await db().query(`insert into tags (org_id, name) values ($1, $2) returning id`, [SEED.orgA, `批量${randomUUID().slice(0, 6)}`]);
    const tag = rows[0].id;
    const admin = await clientAs('deptAdminA');
    const { data, error } = await admin.rpc('admin_tag_members', { p_tag: tag, p_department_id: SEED.departments.rnd, p_member_ids: [SEED.members.chenJing] });
    expect(error).toBeNull();
    const tagged = await db().query(
      `select m.employee_no from tag_members tm join members m on m.id = tm.member_id where tm.tag_id = $1 order by 1`, [tag]);
    const inRnd = await db().query(
      `select m.employee_no from members m join departments d on d.id = m.department_id
        where d.path <@ (select path from departments where id = $1) order by 1`, [SEED.departments.rnd]);
    expect(tagged.rows).toEqual(inRnd.rows);
    expect(data).toBe(inRnd.rowCount);
    expect(tagged.rows.map((r) => r.employee_no)).not.toContain('E005');

    const removed = await admin.rpc('admin_untag_members', { p_tag: tag, p_member_ids: [SEED.members.wangFang] });
    expect(removed.data).toBe(1);
    const refused = await admin.rpc('admin_tag_members', { p_tag: tag, p_department_id: SEED.departments.admin });
    expect(refused.error?.code).toBe('42501');
    const member = await clientAs('memberA');
    expect((await member.rpc('admin_tag_members', { p_tag: tag, p_member_ids: [SEED.members.wangFang] })).error?.code).toBe('42501');
  });
});
