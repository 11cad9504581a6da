// Member import through PostgREST: dry run, all-or-nothing apply, upsert by
// employee number, departments created from paths, scope enforcement, and
// the server re-checking what the client may have skipped.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adminDb, clientAs } from './setup/personas.ts';
import { SEED } from './setup/seed-ids.ts';

const db = () => adminDb();
const uniq = () => randomUUID().slice(0, 6);
type Row = { row: number; employee_no: string; name: string; phone?: string | null; id_card?: string | null; department?: string | null; tags?: string[] };

async function importAs(persona: 'superAdminA' | 'deptAdminA' | 'memberA', rows: Row[], dryRun: boolean) {
  const client = await clientAs(persona);
  return client.rpc('admin_import_members', { p_org: SEED.orgA, p_rows: rows, p_dry_run: dryRun });
}

describe('admin_import_members', () => {
  it('previews, then applies: creates departments from paths, members and tags, in one go', async () => {
    const tag = `导入标签${uniq()}`;
    const dept = `导入部${uniq()}`;
    const rows: Row[] = [
      { row: 4, employee_no: `I${uniq()}`, name: '导入甲', phone: '13912340001', id_card: '11010519491231002X', department: `总部/${dept}/一组`, tags: [tag] },
      { row: 5, employee_no: `I${uniq()}`, name: '导入乙', department: `总部/${dept}/二组/甲`, tags: [] },
      { row: 6, employee_no: `I${uniq()}`, name: '导入丙' },
    ];
    const preview = await importAs('superAdminA', rows, true);
    expect(preview.error).toBeNull();
    expect(preview.data).toMatchObject({ ok: true, dry_run: true, created: 3, updated: 0, departments_created: [`总部/${dept}`, `总部/${dept}/一组`, `总部/${dept}/二组`, `总部/${dept}/二组/甲`], tags_created: [tag] });
    expect((await db().query('select 1 from members where employee_no = $1', [rows[0]!.employee_no])).rowCount).toBe(0);

    const applied = await importAs('superAdminA', rows, false);
    expect(applied.data).toMatchObject({ ok: true, created: 3 });
    const { rows: got } = await db().query(
      `with recursive names as (select id, name::text as p from departments where parent_id is null and org_id = $1
         union all select d.id, n.p || '/' || d.name from departments d join names n on d.parent_id = n.id)
       select m.name, n.p as department, m.id_card_number,
              (select array_agg(t.name) from tag_members tm join tags t on t.id = tm.tag_id where tm.member_id = m.id) as tags
         from members m join names n on n.id = m.department_id where m.employee_no = any($2) order by m.name`,
      [SEED.orgA, rows.map((r) => r.employee_no)]);
    expect(got).toEqual([
      { name: '导入丙', department: '未分组', id_card_number: null, tags: null },
      { name: '导入乙', department: `总部/${dept}/二组/甲`, id_card_number: null, tags: null },
      { name: '导入甲', department: `总部/${dept}/一组`, id_card_number: '110***********002X', tags: [tag] },
    ]);
    const audit = await db().query(`select after from audit_log where org_id = $1 and action = 'members.import' order by id desc limit 1`, [SEED.orgA]);
    expect(audit.rows[0].after.created).toBe(3);

    // A later upload with the same employee number overwrites; blank cells keep values.
    const again = await importAs('superAdminA', [{ row: 4, employee_no: rows[0]!.employee_no, name: '导入甲改', department: null }], false);
    expect(again.data).toMatchObject({ ok: true, created: 0, updated: 1 });
    const after = await db().query('select name, phone from members where employee_no = $1', [rows[0]!.employee_no]);
    expect(after.rows[0]).toEqual({ name: '导入甲改', phone: '13912340001' });
  });

  it('changes nothing when any row is bad, and reports every problem with row and column', async () => {
    const rows: Row[] = [
      { row: 4, employee_no: `I${uniq()}`, name: '好人', department: '总部/行政部' },
      { row: 5, employee_no: 'bad no', name: '', phone: '123', id_card: '110105194912310021' },
      { row: 6, employee_no: 'DUP1', name: '重复一' },
      { row: 7, employee_no: 'DUP1', name: '重复二' },
    ];
    const { data } = await importAs('superAdminA', rows, false);
    expect(data.ok).toBe(false);
    expect(data.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [5, '姓名', 'required'], [5, '工号', 'invalid_employee_no'], [5, '手机号', 'invalid_phone'], [5, '身份证号', 'invalid_id_card'],
      [7, '工号', 'duplicate_in_file'],
    ]);
    expect((await db().query('select 1 from members where employee_no = $1', [rows[0]!.employee_no])).rowCount).toBe(0);
  });

  it('keeps a department admin inside their subtree', async () => {
    const inScope = await importAs('deptAdminA', [{ row: 4, employee_no: `I${uniq()}`, name: '研发新人', department: `总部/研发中心/新组${uniq()}` }], true);
    expect(inScope.data).toMatchObject({ ok: true });
    const { data } = await importAs('deptAdminA', [
      { row: 4, employee_no: `I${uniq()}`, name: '越权', department: '总部/行政部' },
      { row: 5, employee_no: 'E005', name: '陈静改名', department: '总部/研发中心' },
      { row: 6, employee_no: `I${uniq()}`, name: '新顶级', department: `新事业部${uniq()}` },
      { row: 7, employee_no: `I${uniq()}`, name: '无部门' },
    ], true);
    expect(data.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [4, 'department_out_of_scope'], [5, 'member_out_of_scope'], [6, 'department_out_of_scope'], [7, 'department_required'],
    ]);
  });

  it('refuses non-admins, over-long files and malformed payloads', async () => {
    expect((await importAs('memberA', [{ row: 4, employee_no: 'X', name: 'x' }], true)).error?.code).toBe('42501');
    const many = Array.from({ length: 10_001 }, (_, i) => ({ row: i + 4, employee_no: `M${i}`, name: 'x' }));
    expect((await importAs('superAdminA', many, true)).error?.code).toBe('YM210');
    const client = await clientAs('superAdminA');
    expect((await client.rpc('admin_import_members', { p_org: SEED.orgA, p_rows: { not: 'an array' }, p_dry_run: true })).error?.code).toBe('YM211');
  });
});
