import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import { REVOKE_REASONS, revokeCredentials, type RevokeReason } from '../services/code-settings.service.ts';
import type { MemberRow } from '../services/members.service.ts';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { namesPreview } from './member-bulk-dialogs.tsx';

/** 挂失/离职/黑名单: revokes every live credential of the selected members (admin_revoke_credentials). */
export function RevokeCredentialsDialog({ members, onDone, onCancel }: { members: readonly MemberRow[]; onDone: (message: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState<RevokeReason>('lost_device');
  const revoke = useAction(() => revokeCredentials(members.map((m) => m.id), reason));
  const onSubmit = async () => {
    const outcome = await revoke.run();
    if (outcome.ok) onDone(t('revoke.done', { count: outcome.value }));
  };
  return (
    <FormDialog title={t('revoke.title', { count: members.length })} submitLabel={t('revoke.confirm')} busyLabel={t('common.saving')} busy={revoke.busy} danger onSubmit={() => void onSubmit()} onCancel={onCancel}>
      <p>{namesPreview(members)}</p>
      <fieldset className="field">
        <legend className="field__label">{t('revoke.reason')}</legend>
        {REVOKE_REASONS.map((r) => (
          <label key={r} style={{ display: 'block' }}>
            <input type="radio" name="revoke-reason" checked={reason === r} onChange={() => setReason(r)} /> {t(`revoke.reason.${r}`)}
          </label>
        ))}
      </fieldset>
      <p className="notice notice--warn">{t('revoke.body')}</p>
      {revoke.error ? <ErrorNotice error={revoke.error} /> : null}
    </FormDialog>
  );
}
