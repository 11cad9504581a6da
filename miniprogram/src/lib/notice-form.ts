// The form notice's state on the phone: a draft of strings (and string lists
// for multi_select) per field, turned into answers for the shared
// validateAnswers (the same check notice-respond makes on the server).
import { parseFormDefinition, validateAnswers, type AnswerError, type FormDefinition, type FormField } from '@yima/shared/forms/index';

export type DraftValue = string | string[];
export type FormDraft = Record<string, DraftValue>;

/** Field types the phone cannot fill (uploads): shown as a placeholder pointing to the web. */
export const WEB_ONLY_TYPES: ReadonlySet<FormField['type']> = new Set(['photo', 'signature']);

/** The notice's definition, or null when it is not a valid one. */
export function readDefinition(raw: unknown): FormDefinition | null {
  try {
    return parseFormDefinition(raw);
  } catch {
    return null;
  }
}

/** An empty draft, or the answers I submitted before (so a second submission edits them). */
export function initialDraft(definition: FormDefinition, previous: Record<string, unknown> | null): FormDraft {
  const draft: FormDraft = {};
  for (const field of definition.fields) {
    const value = previous?.[field.key];
    if (field.type === 'multi_select') draft[field.key] = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    else draft[field.key] = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  }
  return draft;
}

/** The draft as the answers object notice-respond takes; blank fields are left out. */
export function draftToAnswers(definition: FormDefinition, draft: FormDraft): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const field of definition.fields) {
    if (WEB_ONLY_TYPES.has(field.type)) continue;
    const value = draft[field.key];
    if (Array.isArray(value)) {
      if (value.length) answers[field.key] = value;
    } else if (value !== undefined && value.trim() !== '') {
      answers[field.key] = value;
    }
  }
  return answers;
}

export type FieldErrors = Record<string, string>;

export function toFieldErrors(errors: readonly AnswerError[]): FieldErrors {
  const map: FieldErrors = {};
  for (const error of errors) if (!map[error.key]) map[error.key] = error.message;
  return map;
}

/** Checks the draft with the shared engine: the answers to send, or the errors per field. */
export function checkDraft(definition: FormDefinition, draft: FormDraft): { answers: Record<string, unknown>; errors: FieldErrors } {
  const result = validateAnswers(definition, draftToAnswers(definition, draft));
  // The normalised answers (numbers as numbers, trimmed text): notice-respond checks them again.
  return { answers: result.answers, errors: toFieldErrors(result.errors) };
}

/** Toggles one option of a multi_select draft value. */
export function toggleOption(current: DraftValue | undefined, option: string): string[] {
  const list = Array.isArray(current) ? current : [];
  return list.includes(option) ? list.filter((v) => v !== option) : [...list, option];
}
