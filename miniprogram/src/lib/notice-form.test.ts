import { describe, expect, it } from 'vitest';
import { checkDraft, draftToAnswers, initialDraft, readDefinition, toggleOption } from './notice-form';

const definition = readDefinition({
  version: 1,
  fields: [
    { key: 'name', type: 'text', label: '姓名', required: true },
    { key: 'count', type: 'number', label: '人数', min: 1, max: 5 },
    { key: 'phone', type: 'phone', label: '手机' },
    { key: 'size', type: 'select', label: '尺码', options: ['S', 'M'], required: true },
    { key: 'days', type: 'multi_select', label: '日期', options: ['周一', '周二', '周三'], max: 2 },
    { key: 'day', type: 'date', label: '到达日' },
    { key: 'photo', type: 'photo', label: '照片' },
  ],
})!;

describe('readDefinition', () => {
  it('parses a valid definition and rejects an invalid one', () => {
    expect(definition.fields).toHaveLength(7);
    expect(readDefinition({ fields: [] })).toBeNull();
    expect(readDefinition(null)).toBeNull();
  });
});

describe('drafts', () => {
  it('starts empty, or from the answers submitted before', () => {
    expect(initialDraft(definition, null)).toEqual({ name: '', count: '', phone: '', size: '', days: [], day: '', photo: '' });
    expect(initialDraft(definition, { name: '王芳', count: 2, days: ['周一'] })).toMatchObject({ name: '王芳', count: '2', days: ['周一'] });
  });

  it('leaves blank fields and upload fields out of the answers', () => {
    const draft = { ...initialDraft(definition, null), name: ' 王芳 ', photo: 'x.png', days: [] };
    expect(draftToAnswers(definition, draft)).toEqual({ name: ' 王芳 ' });
  });

  it('checks with the shared engine: field errors, or normalised answers', () => {
    const bad = checkDraft(definition, { ...initialDraft(definition, null), count: '9', phone: '123', days: ['周一', '周二', '周三'] });
    expect(bad.errors).toEqual({
      name: '「姓名」必填',
      count: '「人数」不能大于5',
      phone: '「手机」应为11位手机号',
      size: '「尺码」必填',
      days: '「日期」最多选2项',
    });
    const good = checkDraft(definition, { ...initialDraft(definition, null), name: ' 王芳 ', count: '3', size: 'M', day: '2026-12-01' });
    expect(good.errors).toEqual({});
    expect(good.answers).toEqual({ name: '王芳', count: 3, size: 'M', day: '2026-12-01' });
  });

  it('toggles multi-select options', () => {
    expect(toggleOption(undefined, 'a')).toEqual(['a']);
    expect(toggleOption(['a', 'b'], 'a')).toEqual(['b']);
  });
});
