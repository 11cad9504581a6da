import type { ReactNode } from 'react';
import { t } from '../i18n/index.ts';
import type { AppError } from '../services/errors.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { ErrorNotice } from './error-notice.tsx';

/** The "delete this?" confirmation: danger style, 删除 / 删除中…, and the failure inside when `error` is given. */
export function DeleteDialog({ title, busy, error, onCancel, onConfirm, children }: { title: string; busy: boolean; error?: AppError; onCancel: () => void; onConfirm: () => void; children: ReactNode }) {
  return (
    <ConfirmDialog title={title} confirmLabel={t('common.delete')} busyLabel={t('common.deleting')} busy={busy} danger onCancel={onCancel} onConfirm={onConfirm}>
      {children}
      {error ? <ErrorNotice error={error} /> : null}
    </ConfirmDialog>
  );
}
