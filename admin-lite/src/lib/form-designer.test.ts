import { describe, expect, it } from 'vitest';
import { checkDesign, definitionOf, draftsOf, editField, keyFromLabel, moveField, newField, type FieldDraft } from './form-designer.ts';

const field = (extra: Partial<FieldDraft> = {}): FieldDraft => ({ ...newField([]), ...extra });

describe('form designer model', () => {
  it('derives keys from latin labels, else field_<n>, never taken ones', () => {
    expect(keyFromLabel('Car plate No.', new Set())).toBe('car_plate_no');
    expect(keyFromLabel('Car plate', new Set(['car_plate']))).toBe('car_plate_2');
    expect(keyFromLabel('车牌号', new Set(['field_1']))).toBe('field_2');
    expect(keyFromLabel('3D glasses', new Set())).toBe('d_glasses');
  });

  it('moves the key along with the label until the key is edited', () => {
    let fields = [field({ uid: 'a' })];
    fields = editField(fields, 'a', { label: 'Car plate' });
    expect(fields[0]!.key).toBe('car_plate');
    fields = editField(fields, 'a', { key: 'plate' });
    fields = editField(fields, 'a', { label: 'Licence' });
    expect(fields[0]).toMatchObject({ key: 'plate', keyEdited: true, label: 'Licence' });
  });

  it('reorders fields', () => {
    const fields = [field({ uid: 'a' }), field({ uid: 'b' })];
    expect(moveField(fields, 'b', -1).map((f) => f.uid)).toEqual(['b', 'a']);
    expect(moveField(fields, 'a', -1).map((f) => f.uid)).toEqual(['a', 'b']);
  });

  it('writes options only for choices and min/max only where they apply', () => {
    const out = definitionOf([
      field({ key: 'kind', label: '类别', type: 'select', options: 'A\n\n B \n', min: '1' }),
      field({ key: 'pic', label: '照片', type: 'photo', options: 'x', min: '1', required: true }),
    ]);
    expect(out.fields).toEqual([
      { key: 'kind', type: 'select', label: '类别', required: false, options: ['A', 'B'] },
      { key: 'pic', type: 'photo', label: '照片', required: true },
    ]);
  });

  it('refuses a bad design with zh-CN problems and accepts a good one', () => {
    const bad = checkDesign([field({ key: 'Plate', label: '' }), field({ key: 'kind', label: '类别', type: 'select', options: 'A' }), field({ key: 'n', label: '人数', type: 'number', min: 'x' })]);
    expect(bad).toEqual({ ok: false, problems: ['第1项：请填写名称', '「第1项」的字段标识只能包含小写字母、数字和 _，以字母开头，最多40个字符', '「人数」的最小/最大值应为数字'] });
    const shared = checkDesign([field({ key: 'kind', label: '类别', type: 'select', options: 'A' }), field({ key: 'kind', label: '类别2', type: 'text', min: '5', max: '1' })]);
    expect(shared.ok).toBe(false);
    if (!shared.ok) expect(shared.problems).toEqual(['「类别」至少需要两个选项', '「类别2」的最小值大于最大值', '字段标识「kind」重复']);
    expect(checkDesign([])).toEqual({ ok: false, problems: ['至少需要一个字段（不需要自定义字段时请用“清空表单”）'] });
    const good = checkDesign([field({ key: 'plate', label: '车牌号', required: true, hint: '例如 京A12345' })]);
    expect(good).toEqual({ ok: true, definition: { version: 1, fields: [{ key: 'plate', type: 'text', label: '车牌号', required: true, hint: '例如 京A12345' }] } });
  });

  it('round-trips a stored definition into drafts', () => {
    const drafts = draftsOf({ version: 1, fields: [{ key: 'kind', type: 'multi_select', label: '类别', required: false, options: ['A', 'B'], max: 2 }] });
    expect(drafts[0]).toMatchObject({ key: 'kind', keyEdited: true, options: 'A\nB', min: '', max: '2' });
    expect(draftsOf(null)).toEqual([]);
  });
});
