import { useState } from 'react';
import type { FormDefinition } from '@yima/shared';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { FormFieldEditors } from '../components/form-field-editor.tsx';
import { FormPreview } from '../components/form-preview.tsx';
import { ProblemsNotice } from '../components/problems-notice.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import { checkDesign, draftsOf, newField, type FieldDraft } from '../lib/form-designer.ts';
import { getVisitorSettings, updateVisitorSettings, type VisitorSettings } from '../services/visitor-settings.service.ts';
import type { AdminSession } from '../services/session.service.ts';

/** 申请表单设计: the extra fields of the visitor application (visitor_settings.apply_form). */
export function VisitorFormPage({ session }: { session: AdminSession }) {
  const orgId = session.member.org_id;
  const settings = useAsync(() => getVisitorSettings(orgId), [orgId]);
  return (
    <div className="page">
      <h1 className="page__title">{t('visitor.form.title')}</h1>
      <p className="muted">{t('visitor.form.hint')}</p>
      {settings.error ? <ErrorNotice error={settings.error} onRetry={settings.reload} /> : null}
      {settings.data ? <FormDesigner key={settings.data.org_id} orgId={orgId} settings={settings.data} /> : settings.loading ? <p className="muted">{t('common.loading')}</p> : null}
    </div>
  );
}

function FormDesigner({ orgId, settings }: { orgId: string; settings: VisitorSettings }) {
  const [fields, setFields] = useState<FieldDraft[]>(() => draftsOf(settings.apply_form));
  const [problems, setProblems] = useState<string[]>([]);
  const [message, setMessage] = useState<string>();
  const [confirmClear, setConfirmClear] = useState(false);
  const [stored, setStored] = useState(settings.apply_form);
  const save = useAction((form: FormDefinition | null) => updateVisitorSettings(orgId, { apply_form: form }));

  const change = (next: FieldDraft[]) => {
    setFields(next);
    setMessage(undefined);
  };
  const store = async (form: FormDefinition | null) => {
    const outcome = await save.run(form);
    if (outcome.ok) {
      setStored(outcome.value.apply_form);
      setFields(draftsOf(outcome.value.apply_form));
      setMessage(t(form ? 'visitor.form.saved' : 'visitor.form.cleared'));
    }
    return outcome.ok;
  };
  const onSave = async () => {
    const checked = checkDesign(fields);
    setProblems(checked.ok ? [] : checked.problems);
    setMessage(undefined);
    if (checked.ok) await store(checked.definition);
  };
  const onClear = async () => {
    setProblems([]);
    if (await store(null)) setConfirmClear(false);
  };

  return (
    <div className="designer">
      <div>
        <SuccessNotice message={message} />
        <FormFieldEditors fields={fields} onChange={change} />
        <ProblemsNotice title={t('visitor.form.problems')} problems={problems} />
        {save.error ? <ErrorNotice error={save.error} /> : null}
        <div className="form-actions">
          <button type="button" className="button button--ghost" disabled={fields.length >= 50} onClick={() => change([...fields, newField(fields)])}>
            {t('visitor.form.add')}
          </button>
          <button type="button" className="button" disabled={save.busy} onClick={() => void onSave()}>
            {save.busy ? t('common.saving') : t('visitor.form.save')}
          </button>
          <button type="button" className="button button--ghost button--danger-text" disabled={save.busy || (stored === null && fields.length === 0)} onClick={() => setConfirmClear(true)}>
            {t('visitor.form.clear')}
          </button>
        </div>
      </div>
      <aside className="designer__side card" aria-label={t('visitor.form.preview')}>
        <h2>{t('visitor.form.preview')}</h2>
        <FormPreview fields={fields} />
      </aside>
      {confirmClear ? (
        <ConfirmDialog title={t('visitor.form.clear')} confirmLabel={t('visitor.form.clear')} busyLabel={t('common.saving')} busy={save.busy} danger onCancel={() => setConfirmClear(false)} onConfirm={() => void onClear()}>
          <p>{t('visitor.form.clearBody')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
