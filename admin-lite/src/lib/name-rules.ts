// Name rules the database checks for departments and tags, checked first in
// the forms so people see the reason next to the field.
import { t } from '../i18n/index.ts';

/** departments.name: 1–50 characters after trimming, no "/" (it separates import paths). */
export function departmentNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return t('form.required');
  if (trimmed.length > 50) return t('departments.error.nameTooLong');
  if (trimmed.includes('/')) return t('departments.error.nameSlash');
  return null;
}

/** tags.name: 1–30 characters after trimming. */
export function tagNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return t('form.required');
  if (trimmed.length > 30) return t('tags.error.nameTooLong');
  return null;
}
