// Validates a filled form against its definition: the same function runs in
// the app (instant feedback) and in the database-facing edge function (the
// authority). Unknown keys are rejected, values normalised.
import { idCardProblem, isValidMobile } from '../members/identity-numbers.ts';
import type { FormDefinition, FormField } from './form-schema.ts';

export type AnswerValue = string | number | string[];
export type Answers = Record<string, AnswerValue>;

export interface AnswerError {
  key: string;
  message: string;
}

const isBlank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

function checkField(field: FormField, value: unknown): { value?: AnswerValue; error?: string } {
  const label = `「${field.label}」`;
  if (isBlank(value)) return field.required ? { error: `${label}必填` } : {};
  switch (field.type) {
    case 'text':
    case 'textarea': {
      if (typeof value !== 'string') return { error: `${label}应为文字` };
      const text = value.trim();
      const max = field.max ?? (field.type === 'text' ? 100 : 2000);
      if (text.length > max) return { error: `${label}最多${max}字` };
      if (field.min !== undefined && text.length < field.min) return { error: `${label}至少${field.min}字` };
      return { value: text };
    }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) return { error: `${label}应为数字` };
      if (field.min !== undefined && n < field.min) return { error: `${label}不能小于${field.min}` };
      if (field.max !== undefined && n > field.max) return { error: `${label}不能大于${field.max}` };
      return { value: n };
    }
    case 'phone':
      return typeof value === 'string' && isValidMobile(value) ? { value: value.trim() } : { error: `${label}应为11位手机号` };
    case 'id_card': {
      if (typeof value !== 'string') return { error: `${label}应为身份证号` };
      const problem = idCardProblem(value);
      return problem ? { error: `${label}${problem === 'checksum' ? '校验位错误' : problem === 'birth_date' ? '出生日期无效' : '应为18位身份证号'}` } : { value: value.trim().toUpperCase() };
    }
    case 'select':
      return typeof value === 'string' && field.options?.includes(value) ? { value } : { error: `${label}请从选项中选择` };
    case 'multi_select': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !field.options?.includes(v))) return { error: `${label}请从选项中选择` };
      const unique = [...new Set(value as string[])];
      if (field.min !== undefined && unique.length < field.min) return { error: `${label}至少选${field.min}项` };
      if (field.max !== undefined && unique.length > field.max) return { error: `${label}最多选${field.max}项` };
      return { value: unique };
    }
    case 'date': {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return { error: `${label}应为日期（年-月-日）` };
      const d = new Date(`${value}T00:00:00Z`);
      return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? { error: `${label}不是有效日期` } : { value };
    }
    case 'photo':
    case 'signature':
      // Uploaded files are referenced by storage path; the upload itself is checked where it is stored.
      return typeof value === 'string' && /^(?!\/)(?!.*\.\.)[A-Za-z0-9/_.-]{1,300}$/.test(value) ? { value } : { error: `${label}请上传${field.type === 'photo' ? '照片' : '签名'}` };
  }
}

export function validateAnswers(definition: FormDefinition, answers: Record<string, unknown>): { answers: Answers; errors: AnswerError[] } {
  const errors: AnswerError[] = [];
  const clean: Answers = {};
  const known = new Set(definition.fields.map((f) => f.key));
  for (const key of Object.keys(answers)) if (!known.has(key)) errors.push({ key, message: `表单中没有「${key}」这一项` });
  for (const field of definition.fields) {
    const { value, error } = checkField(field, answers[field.key]);
    if (error) errors.push({ key: field.key, message: error });
    else if (value !== undefined) clean[field.key] = value;
  }
  return { answers: clean, errors };
}
