import { describe, expect, it } from 'vitest';
import { member } from '../test/fixtures.ts';
import { draftFromMember, emptyMemberDraft, validateMemberDraft } from './member-form.ts';

const draft = (changes: Partial<ReturnType<typeof emptyMemberDraft>> = {}) => ({ ...emptyMemberDraft('fe'), name: '张三', ...changes });

describe('validateMemberDraft', () => {
  it('accepts a minimal member and trims / normalizes what is typed', () => {
    expect(validateMemberDraft(draft({ name: ' 张三 ', employeeNo: ' E-01 ', phone: '138 0000 0001', idCard: '11010519491231002x' }))).toEqual({
      ok: true,
      input: { employee_no: 'E-01', name: '张三', phone: '13800000001', id_card_number: '11010519491231002X', department_id: 'fe', status: 'active' },
    });
    expect(validateMemberDraft(draft())).toEqual({
      ok: true,
      input: { employee_no: null, name: '张三', department_id: 'fe', status: 'active' },
    });
  });

  it('reports each bad field with a reason', () => {
    const result = validateMemberDraft(draft({ name: '  ', employeeNo: '工号1', phone: '12345678901', idCard: '110105194912310021', departmentId: '' }));
    expect(result).toEqual({
      ok: false,
      errors: {
        name: '必填',
        employeeNo: '工号只能包含字母、数字和 ._-，最长 32 位',
        phone: '请输入 11 位大陆手机号',
        idCard: '身份证号校验位错误，请核对',
        departmentId: '请选择部门',
      },
    });
    expect(validateMemberDraft(draft({ idCard: '11010519491331002X' }))).toMatchObject({ errors: { idCard: '身份证号中的出生日期无效' } });
    expect(validateMemberDraft(draft({ idCard: '1101' }))).toMatchObject({ errors: { idCard: expect.stringContaining('18 位') } });
    expect(validateMemberDraft(draft({ name: '名'.repeat(51) }))).toMatchObject({ errors: { name: '姓名最长 50 个字' } });
  });

  it('editing: the ID field starts empty and an empty field keeps the stored number', () => {
    const editing = draftFromMember(member(7, { id_card_number: '110***********007X', phone: null, status: 'disabled' }));
    expect(editing).toMatchObject({ employeeNo: 'E007', idCard: '', phone: '', status: 'disabled' });
    const result = validateMemberDraft(editing);
    expect(result.ok && 'id_card_number' in result.input).toBe(false);
  });
});
