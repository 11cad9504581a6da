import { describe, expect, it } from 'vitest';
import { claimFieldView, normaliseClaimValue, validateClaimField, validateClaimForm } from './claim-fields';

describe('claim field checks', () => {
  it('labels each field in zh-CN', () => {
    expect(claimFieldView('employee_no').label).toBe('工号');
    expect(claimFieldView('phone')).toMatchObject({ label: '手机号', inputType: 'number', maxLength: 11 });
    expect(claimFieldView('id_card')).toMatchObject({ label: '身份证号', inputType: 'idcard', maxLength: 18 });
    expect(claimFieldView('name').label).toBe('姓名');
  });

  it('requires every field', () => {
    expect(validateClaimField('employee_no', '  ')).toBe('请填写工号');
    expect(validateClaimField('name', undefined)).toBe('请填写姓名');
  });

  it('wants 11 digits for a phone, starting 13-19', () => {
    expect(validateClaimField('phone', '1380000000')).toBe('手机号应为 11 位数字');
    expect(validateClaimField('phone', '1380000000a')).toBe('手机号应为 11 位数字');
    expect(validateClaimField('phone', '12800000004')).toBe('请输入有效的中国大陆手机号');
    expect(validateClaimField('phone', '138 0000 0004')).toBeNull();
  });

  it('checks ID-card numbers with the GB 11643 checksum', () => {
    expect(validateClaimField('id_card', '11010519491231002x')).toBeNull();
    expect(validateClaimField('id_card', '110105194912310021')).toBe('身份证号校验不通过，请核对后重新输入');
    expect(validateClaimField('id_card', '1101051949')).toBe('身份证号应为 18 位');
    expect(normaliseClaimValue('id_card', '11010519491231002x')).toBe('11010519491231002X');
  });

  it('limits lengths like the server', () => {
    expect(validateClaimField('employee_no', 'E'.repeat(33))).toBe('工号不能超过 32 个字符');
  });

  it('validates only the fields the method asks for', () => {
    expect(validateClaimForm(['employee_no', 'phone'], { employee_no: 'E004', phone: '123' })).toEqual({ phone: '手机号应为 11 位数字' });
    expect(validateClaimForm(['employee_no', 'phone'], { employee_no: 'E004', phone: '13800000004' })).toEqual({});
  });
});
