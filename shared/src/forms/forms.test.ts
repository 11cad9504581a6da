import { describe, expect, it } from 'vitest';
import { parseFormDefinition } from './form-schema.ts';
import { validateAnswers } from './validate-answers.ts';

const visitorForm = parseFormDefinition({
  fields: [
    { key: 'name', type: 'text', label: '姓名', required: true, max: 20 },
    { key: 'phone', type: 'phone', label: '手机号', required: true },
    { key: 'id_card', type: 'id_card', label: '身份证号' },
    { key: 'company', type: 'text', label: '单位' },
    { key: 'purpose', type: 'select', label: '来访事由', required: true, options: ['商务洽谈', '面试', '送货'] },
    { key: 'items', type: 'multi_select', label: '携带物品', options: ['电脑', '工具', '样品'], max: 2 },
    { key: 'people', type: 'number', label: '随行人数', min: 0, max: 10 },
    { key: 'date', type: 'date', label: '来访日期', required: true },
    { key: 'photo', type: 'photo', label: '照片' },
  ],
});

describe('form definitions', () => {
  it('rejects duplicate keys, selects without options and bad ranges, saying why', () => {
    expect(() => parseFormDefinition({ fields: [{ key: 'a', type: 'text', label: 'A' }, { key: 'a', type: 'text', label: 'B' }] })).toThrow('字段标识「a」重复');
    expect(() => parseFormDefinition({ fields: [{ key: 'a', type: 'select', label: '部门', options: ['一'] }] })).toThrow('至少需要两个选项');
    expect(() => parseFormDefinition({ fields: [{ key: 'a', type: 'number', label: '数', min: 5, max: 1 }] })).toThrow('最小值大于最大值');
    expect(() => parseFormDefinition({ fields: [] })).toThrow();
  });
});

describe('validateAnswers', () => {
  it('accepts and normalises a good answer', () => {
    const { answers, errors } = validateAnswers(visitorForm, {
      name: ' 访客甲 ', phone: '13800000001', id_card: '11010519491231002x', purpose: '面试', items: ['电脑', '电脑'], people: '2', date: '2026-12-01',
    });
    expect(errors).toEqual([]);
    expect(answers).toEqual({ name: '访客甲', phone: '13800000001', id_card: '11010519491231002X', purpose: '面试', items: ['电脑'], people: 2, date: '2026-12-01' });
  });

  it('reports each problem per field in zh-CN', () => {
    const { errors } = validateAnswers(visitorForm, {
      name: '', phone: '123', id_card: '110105194912310021', purpose: '闲逛', items: ['电脑', '工具', '样品'], people: 11, date: '2026-02-30', photo: '../../etc', extra: 'x',
    });
    expect(errors).toEqual([
      { key: 'extra', message: '表单中没有「extra」这一项' },
      { key: 'name', message: '「姓名」必填' },
      { key: 'phone', message: '「手机号」应为11位手机号' },
      { key: 'id_card', message: '「身份证号」校验位错误' },
      { key: 'purpose', message: '「来访事由」请从选项中选择' },
      { key: 'items', message: '「携带物品」最多选2项' },
      { key: 'people', message: '「随行人数」不能大于10' },
      { key: 'date', message: '「来访日期」不是有效日期' },
      { key: 'photo', message: '「照片」请上传照片' },
    ]);
  });
});
