// The notice editor's state and its checks before anything is saved: title
// and body limits (as the table checks them), at least one channel and one
// audience entry, and for form notices a definition the shared form engine
// accepts (parseFormDefinition, the same one notice-respond validates with).
import { FIELD_TYPES, parseFormDefinition, type FieldType, type FormDefinition } from '@yima/shared/forms/index';
import type { NoticeAudience, NoticeChannel, NoticeDraft, NoticeRow, NoticeTemplate } from '../services/notices.service.ts';

export { FIELD_TYPES };

export interface FieldDraft {
  key: string;
  type: FieldType;
  label: string;
  required: boolean;
  /** select / multi_select: one option per line. */
  options: string;
}

export interface NoticeFormValues {
  template: NoticeTemplate;
  title: string;
  body: string;
  /** Push order: the first reachable channel is used, failures fall back to the next. */
  channels: NoticeChannel[];
  audience: NoticeAudience;
  /** datetime-local value ('' = send now). */
  scheduledAt: string;
  fields: FieldDraft[];
}

export type NoticeFormErrors = Partial<Record<'title' | 'body' | 'channels' | 'audience' | 'scheduledAt' | 'fields', string>>;

export const TITLE_MAX = 100;
export const BODY_MAX = 20000;

export const emptyField = (n: number): FieldDraft => ({ key: `field_${n}`, type: 'text', label: '', required: false, options: '' });

export function emptyNoticeForm(): NoticeFormValues {
  return {
    template: 'plain',
    title: '',
    body: '',
    channels: ['app'],
    audience: { department_ids: [], tag_ids: [], member_ids: [] },
    scheduledAt: '',
    fields: [emptyField(1)],
  };
}

const hasOptions = (type: FieldType) => type === 'select' || type === 'multi_select';

export function fieldsToDefinition(fields: readonly FieldDraft[]): unknown {
  return {
    version: 1,
    fields: fields.map((f) => ({
      key: f.key.trim(),
      type: f.type,
      label: f.label.trim(),
      required: f.required,
      ...(hasOptions(f.type)
        ? {
            options: f.options
              .split('\n')
              .map((o) => o.trim())
              .filter(Boolean),
          }
        : {}),
    })),
  };
}

function definitionToFields(definition: unknown): FieldDraft[] {
  const raw = (definition as { fields?: unknown } | null)?.fields;
  if (!Array.isArray(raw)) return [emptyField(1)];
  return raw.map((f: { key?: string; type?: FieldType; label?: string; required?: boolean; options?: string[] }, i) => ({
    key: f.key ?? `field_${i + 1}`,
    type: f.type && (FIELD_TYPES as readonly string[]).includes(f.type) ? f.type : 'text',
    label: f.label ?? '',
    required: f.required ?? false,
    options: (f.options ?? []).join('\n'),
  }));
}

/** datetime-local ('2026-11-25T09:30') <-> ISO, in the browser's time zone. */
export function localToIso(local: string): string | null {
  if (!local) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function isoToLocal(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function noticeToForm(notice: NoticeRow): NoticeFormValues {
  return {
    template: notice.template,
    title: notice.title,
    body: notice.body,
    channels: [...notice.channels],
    audience: { department_ids: [...notice.audience.department_ids], tag_ids: [...notice.audience.tag_ids], member_ids: [...notice.audience.member_ids] },
    scheduledAt: isoToLocal(notice.scheduled_at),
    fields: notice.template === 'form' ? definitionToFields(notice.form_definition) : [emptyField(1)],
  };
}

/** Moves a channel one place up (-1) or down (+1) in the push order. */
export function moveChannel(channels: readonly NoticeChannel[], channel: NoticeChannel, step: -1 | 1): NoticeChannel[] {
  const next = [...channels];
  const i = next.indexOf(channel);
  const j = i + step;
  if (i < 0 || j < 0 || j >= next.length) return next;
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

export type NoticeFormResult = { ok: true; draft: NoticeDraft } | { ok: false; errors: NoticeFormErrors };

/**
 * Checks the editor and builds the row to save. `now` is injectable for tests.
 * Import notices keep their columns (set from the uploaded sheet at send time).
 */
export function validateNoticeForm(values: NoticeFormValues, now: Date = new Date(), importColumns: string[] | null = null): NoticeFormResult {
  const errors: NoticeFormErrors = {};
  const title = values.title.trim();
  if (!title) errors.title = '请填写标题';
  else if (title.length > TITLE_MAX) errors.title = `标题不能超过 ${TITLE_MAX} 个字`;
  if (values.body.length > BODY_MAX) errors.body = `正文不能超过 ${BODY_MAX} 个字`;
  if (values.channels.length === 0) errors.channels = '请至少选择一个推送渠道';
  const { department_ids, tag_ids, member_ids } = values.audience;
  if (values.template !== 'import' && department_ids.length + tag_ids.length + member_ids.length === 0) errors.audience = '请选择接收范围';
  const scheduled = localToIso(values.scheduledAt);
  if (values.scheduledAt && !scheduled) errors.scheduledAt = '定时发送时间无效';
  else if (scheduled && new Date(scheduled).getTime() <= now.getTime()) errors.scheduledAt = '定时发送时间须晚于现在';
  let definition: FormDefinition | null = null;
  if (values.template === 'form') {
    try {
      definition = parseFormDefinition(fieldsToDefinition(values.fields));
    } catch (error) {
      errors.fields = error instanceof Error ? error.message : String(error);
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    draft: {
      template: values.template,
      title,
      body: values.body,
      form_definition: definition,
      import_columns: values.template === 'import' ? (importColumns ?? []) : null,
      audience: { department_ids: [...department_ids], tag_ids: [...tag_ids], member_ids: [...member_ids] },
      channels: [...values.channels],
      scheduled_at: scheduled,
    },
  };
}
