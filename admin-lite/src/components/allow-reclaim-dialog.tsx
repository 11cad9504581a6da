import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import { EMPLOYEE_NO_PATTERN } from '../lib/member-form.ts';
import { allowReclaim } from '../services/members.service.ts';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';

/**
 * Super admins: 允许重新领卡. Deleting a member leaves a tombstone on their
 * employee number so nobody can claim that card again; this lifts it (for a
 * person who was deleted by mistake and added back).
 */
export function AllowReclaimDialog({ orgId, onDone, onCancel }: { orgId: string; onDone: (message: string) => void; onCancel: () => void }) {
  const [employeeNo, setEmployeeNo] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const allow = useAction((value: string) => allowReclaim(orgId, value));
  const onSubmit = async () => {
    const value = employeeNo.trim();
    if (!EMPLOYEE_NO_PATTERN.test(value)) {
      setFieldError(value === '' ? t('form.required') : t('memberForm.error.employeeNo'));
      return;
    }
    setFieldError(undefined);
    const outcome = await allow.run(value);
    if (outcome.ok) onDone(t('reclaim.done', { employeeNo: value }));
  };
  return (
    <FormDialog
      title={t('reclaim.title')}
      submitLabel={t('reclaim.confirm')}
      busyLabel={t('common.saving')}
      busy={allow.busy}
      onSubmit={() => void onSubmit()}
      onCancel={onCancel}
    >
      <p>{t('reclaim.body')}</p>
      <FormField label={t('members.col.employeeNo')} error={fieldError}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input mono"
            autoComplete="off"
            maxLength={32}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            value={employeeNo}
            onChange={(event) => setEmployeeNo(event.target.value)}
          />
        )}
      </FormField>
      {allow.error ? <ErrorNotice error={allow.error} /> : null}
    </FormDialog>
  );
}
