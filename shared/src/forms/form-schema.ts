// The form engine's definitions: what an admin designs (visitor application,
// questionnaire notice, registration point) and what the apps render. A
// definition is plain JSON, validated here and stored as jsonb.
import { z } from 'zod';

export const FIELD_TYPES = ['text', 'textarea', 'number', 'phone', 'id_card', 'select', 'multi_select', 'date', 'photo', 'signature'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'field key: lower-case letters, digits and _, starting with a letter');

export const formFieldSchema = z.object({
  key,
  type: z.enum(FIELD_TYPES),
  label: z.string().trim().min(1).max(60),
  required: z.boolean().default(false),
  hint: z.string().max(200).optional(),
  /** select / multi_select choices. */
  options: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
  /** text / textarea length, number range, multi_select count. */
  min: z.number().optional(),
  max: z.number().optional(),
}).superRefine((f, ctx) => {
  const needsOptions = f.type === 'select' || f.type === 'multi_select';
  if (needsOptions && (!f.options || f.options.length < 2)) ctx.addIssue({ code: 'custom', message: `「${f.label}」至少需要两个选项` });
  if (!needsOptions && f.options) ctx.addIssue({ code: 'custom', message: `「${f.label}」的类型没有选项` });
  if (f.options && new Set(f.options).size !== f.options.length) ctx.addIssue({ code: 'custom', message: `「${f.label}」的选项重复` });
  if (f.min !== undefined && f.max !== undefined && f.min > f.max) ctx.addIssue({ code: 'custom', message: `「${f.label}」的最小值大于最大值` });
});
export type FormField = z.output<typeof formFieldSchema>;

export const formDefinitionSchema = z.object({
  version: z.literal(1).default(1),
  fields: z.array(formFieldSchema).min(1).max(50),
}).superRefine((d, ctx) => {
  const keys = d.fields.map((f) => f.key);
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup) ctx.addIssue({ code: 'custom', message: `字段标识「${dup}」重复` });
});
export type FormDefinition = z.output<typeof formDefinitionSchema>;
export type FormDefinitionInput = z.input<typeof formDefinitionSchema>;

/** Parses an admin-designed definition; throws with every problem in zh-CN. */
export function parseFormDefinition(input: unknown): FormDefinition {
  const result = formDefinitionSchema.safeParse(input);
  if (!result.success) throw new Error(result.error.issues.map((i) => i.message).join('；'));
  return result.data;
}
