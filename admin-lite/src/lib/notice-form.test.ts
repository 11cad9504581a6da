import { describe, expect, it } from 'vitest';
import { emptyField, emptyNoticeForm, fieldsToDefinition, moveChannel, validateNoticeForm, type NoticeFormValues } from './notice-form.ts';

const NOW = new Date('2026-11-25T08:00:00Z');
const filled = (extra: Partial<NoticeFormValues> = {}): NoticeFormValues => ({
  ...emptyNoticeForm(),
  title: ' 年终通知 ',
  body: '正文',
  audience: { department_ids: ['fe'], tag_ids: [], member_ids: [] },
  ...extra,
});

describe('validateNoticeForm', () => {
  it('builds a draft with a trimmed title, the audience and the push order', () => {
    const result = validateNoticeForm(filled({ channels: ['wecom', 'app'] }), NOW);
    expect(result).toEqual({
      ok: true,
      draft: {
        template: 'plain',
        title: '年终通知',
        body: '正文',
        form_definition: null,
        import_columns: null,
        audience: { department_ids: ['fe'], tag_ids: [], member_ids: [] },
        channels: ['wecom', 'app'],
        scheduled_at: null,
      },
    });
  });

  it('reports every missing part at once', () => {
    const result = validateNoticeForm({ ...emptyNoticeForm(), channels: [], body: 'x'.repeat(20001) }, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['audience', 'body', 'channels', 'title']);
  });

  it('rejects a title over 100 characters and a schedule in the past', () => {
    const result = validateNoticeForm(filled({ title: '长'.repeat(101), scheduledAt: '2020-01-01T08:00' }), NOW);
    expect(result).toMatchObject({ ok: false, errors: { title: '标题不能超过 100 个字', scheduledAt: '定时发送时间须晚于现在' } });
  });

  it('keeps a future schedule as ISO', () => {
    const result = validateNoticeForm(filled({ scheduledAt: '2030-01-01T08:00' }), NOW);
    expect(result.ok && result.draft.scheduled_at).toBe(new Date('2030-01-01T08:00').toISOString());
  });

  it('validates form fields with the shared form engine', () => {
    const bad = validateNoticeForm(filled({ template: 'form', fields: [{ ...emptyField(1), label: '尺码', type: 'select', options: '大' }] }), NOW);
    expect(bad).toMatchObject({ ok: false, errors: { fields: expect.stringContaining('「尺码」至少需要两个选项') } });
    const dup = validateNoticeForm(filled({ template: 'form', fields: [{ ...emptyField(1), label: 'A' }, { ...emptyField(1), label: 'B' }] }), NOW);
    expect(dup).toMatchObject({ ok: false, errors: { fields: expect.stringContaining('重复') } });
    const good = validateNoticeForm(
      filled({ template: 'form', fields: [{ key: 'size', type: 'select', label: '尺码', required: true, options: '大\n 中 \n\n小' }] }),
      NOW,
    );
    expect(good.ok && good.draft.form_definition).toEqual({
      version: 1,
      fields: [{ key: 'size', type: 'select', label: '尺码', required: true, options: ['大', '中', '小'] }],
    });
  });

  it('an import notice needs no audience and carries its columns', () => {
    const result = validateNoticeForm(filled({ template: 'import', audience: { department_ids: [], tag_ids: [], member_ids: [] } }), NOW, ['基本工资']);
    expect(result.ok && result.draft.import_columns).toEqual(['基本工资']);
  });
});

describe('helpers', () => {
  it('moves channels within the push order', () => {
    expect(moveChannel(['wecom', 'sms', 'app'], 'sms', -1)).toEqual(['sms', 'wecom', 'app']);
    expect(moveChannel(['wecom', 'sms'], 'wecom', -1)).toEqual(['wecom', 'sms']);
  });

  it('leaves options off fields that have none', () => {
    expect(fieldsToDefinition([{ key: 'n', type: 'text', label: '姓名', required: false, options: 'x' }])).toEqual({
      version: 1,
      fields: [{ key: 'n', type: 'text', label: '姓名', required: false }],
    });
  });
});
