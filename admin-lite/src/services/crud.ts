// The write rules every service shares: a write must return its one row and a
// delete must remove one; none means RLS hid it (the admin has no right).
import { t } from '../i18n/index.ts';
import { AppError, mapPostgrestError, type PostgrestErrorLike } from './errors.ts';

export const forbidden = (status: number) => new AppError('forbidden', t('error.forbidden'), '42501', status);

/** The one row a write returned; none means RLS hid it (no right). */
export function single<T>({ data, error, status }: { data: T[] | null; error: PostgrestErrorLike | null; status: number }): T {
  if (error) throw mapPostgrestError(error, status);
  const row = data?.[0];
  if (!row) throw forbidden(status);
  return row;
}

/** A delete that must remove one row. */
export function deleted({ data, error, status }: { data: unknown[] | null; error: PostgrestErrorLike | null; status: number }): void {
  if (error) throw mapPostgrestError(error, status);
  if (!data || data.length === 0) throw forbidden(status);
}
