// The 申请表单设计 model: the fields as the admin edits them (strings for
// numbers, options one per line, the key following the label until edited),
// turned into a shared-engine FormDefinition and checked with the shared
// schema before saving. Problems are zh-CN, one line each.
import { FIELD_TYPES, formDefinitionSchema, type FieldType, type FormDefinition } from '@yima/shared';
import { t } from '../i18n/index.ts';

export interface FieldDraft {
  /** Stable React key (not saved). */
  uid: string;
  key: string;
  /** The admin edited the key: it no longer follows the label. */
  keyEdited: boolean;
  type: FieldType;
  label: string;
  required: boolean;
  hint: string;
  /** select / multi_select choices, one per line. */
  options: string;
  min: string;
  max: string;
}

export const OPTION_TYPES: ReadonlySet<FieldType> = new Set(['select', 'multi_select']);
/** Types with a min/max (length, value or number of choices). */
export const RANGE_TYPES: ReadonlySet<FieldType> = new Set(['text', 'textarea', 'number', 'multi_select']);
export { FIELD_TYPES };

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
let uidCounter = 0;
const nextUid = () => `f${++uidCounter}`;

/** A key from the label when it has latin letters ("Car plate" -> car_plate), else field_<n>; never one of `taken`. */
export function keyFromLabel(label: string, taken: ReadonlySet<string>): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 32);
  const base = slug || 'field';
  if (slug && !taken.has(base)) return base;
  for (let n = slug ? 2 : 1; ; n++) {
    const candidate = `${base}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

const takenKeys = (fields: readonly FieldDraft[], except?: string) => new Set(fields.filter((f) => f.uid !== except).map((f) => f.key));

export function newField(fields: readonly FieldDraft[], type: FieldType = 'text'): FieldDraft {
  return { uid: nextUid(), key: keyFromLabel('', takenKeys(fields)), keyEdited: false, type, label: '', required: false, hint: '', options: '', min: '', max: '' };
}

/** Applies an edit; a label change moves the key along unless the key was edited by hand. */
export function editField(fields: readonly FieldDraft[], uid: string, patch: Partial<Omit<FieldDraft, 'uid'>>): FieldDraft[] {
  return fields.map((f) => {
    if (f.uid !== uid) return f;
    const next = { ...f, ...patch };
    if (patch.key !== undefined) next.keyEdited = true;
    else if (patch.label !== undefined && !f.keyEdited) next.key = keyFromLabel(patch.label, takenKeys(fields, uid));
    return next;
  });
}

export function moveField(fields: readonly FieldDraft[], uid: string, delta: -1 | 1): FieldDraft[] {
  const i = fields.findIndex((f) => f.uid === uid);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= fields.length) return [...fields];
  const next = [...fields];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

export function draftsOf(definition: FormDefinition | null): FieldDraft[] {
  return (definition?.fields ?? []).map((f) => ({
    uid: nextUid(),
    key: f.key,
    keyEdited: true,
    type: f.type,
    label: f.label,
    required: f.required,
    hint: f.hint ?? '',
    options: (f.options ?? []).join('\n'),
    min: f.min === undefined ? '' : String(f.min),
    max: f.max === undefined ? '' : String(f.max),
  }));
}

export const optionList = (text: string) => text.split('\n').map((o) => o.trim()).filter(Boolean);
const numberOf = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** The definition to store, as written (not yet validated). */
export function definitionOf(fields: readonly FieldDraft[]): { version: 1; fields: Array<Record<string, unknown>> } {
  return {
    version: 1,
    fields: fields.map((f) => {
      const out: Record<string, unknown> = { key: f.key.trim(), type: f.type, label: f.label.trim(), required: f.required };
      if (f.hint.trim()) out.hint = f.hint.trim();
      if (OPTION_TYPES.has(f.type)) out.options = optionList(f.options);
      if (RANGE_TYPES.has(f.type)) {
        const min = numberOf(f.min);
        const max = numberOf(f.max);
        if (min !== undefined) out.min = min;
        if (max !== undefined) out.max = max;
      }
      return out;
    }),
  };
}

const hasCjk = (text: string) => /[\u4e00-\u9fff]/.test(text);

/** The definition to save, or every problem (zh-CN): our own checks first, then the shared schema's. */
export function checkDesign(fields: readonly FieldDraft[]): { ok: true; definition: FormDefinition } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (fields.length === 0) problems.push(t('visitor.form.noFields'));
  fields.forEach((f, i) => {
    const name = f.label.trim() || t('visitor.form.fieldN', { n: i + 1 });
    if (!f.label.trim()) problems.push(t('visitor.form.labelMissing', { n: i + 1 }));
    else if (f.label.trim().length > 60) problems.push(t('visitor.form.labelTooLong', { name }));
    if (!KEY_PATTERN.test(f.key.trim())) problems.push(t('visitor.form.keyRule', { name }));
    if (f.hint.trim().length > 200) problems.push(t('visitor.form.hintTooLong', { name }));
    if (OPTION_TYPES.has(f.type) && optionList(f.options).some((o) => o.length > 60)) problems.push(t('visitor.form.optionTooLong', { name }));
    if (RANGE_TYPES.has(f.type) && [f.min, f.max].some((v) => v.trim() !== '' && !Number.isFinite(Number(v)))) problems.push(t('visitor.form.rangeNumber', { name }));
  });
  if (fields.length > 50) problems.push(t('visitor.form.tooMany'));
  if (problems.length > 0) return { ok: false, problems };
  const parsed = formDefinitionSchema.safeParse(definitionOf(fields));
  if (parsed.success) return { ok: true, definition: parsed.data };
  const shared = parsed.error.issues.map((issue) => {
    if (hasCjk(issue.message)) return issue.message;
    const index = typeof issue.path[1] === 'number' ? issue.path[1] : undefined;
    return index === undefined ? t('visitor.form.invalid') : t('visitor.form.fieldInvalid', { name: fields[index]?.label.trim() || t('visitor.form.fieldN', { n: index + 1 }) });
  });
  return { ok: false, problems: [...new Set(shared)] };
}
