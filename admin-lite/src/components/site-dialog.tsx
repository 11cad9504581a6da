import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import { createSite, updateSite, type SiteInput, type SiteRow } from '../services/visitor-settings.service.ts';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';

/** 新增 / 编辑地点. */
export function SiteDialog({ orgId, site, onDone, onCancel }: { orgId: string; site?: SiteRow; onDone: (row: SiteRow) => void; onCancel: () => void }) {
  const [name, setName] = useState(site?.name ?? '');
  const [address, setAddress] = useState(site?.address ?? '');
  const [active, setActive] = useState(site?.active ?? true);
  const [errors, setErrors] = useState<{ name?: string; address?: string }>({});
  const save = useAction((input: SiteInput) => (site ? updateSite(orgId, site.id, input) : createSite(orgId, input)));
  const submit = async () => {
    const trimmed = name.trim();
    const where = address.trim();
    const next = {
      name: trimmed.length === 0 || trimmed.length > 50 ? t('visitor.sites.nameRule') : undefined,
      address: where.length > 200 ? t('visitor.sites.addressRule') : undefined,
    };
    setErrors(next);
    if (next.name || next.address) return;
    const outcome = await save.run({ name: trimmed, address: where || null, active });
    if (outcome.ok) onDone(outcome.value);
  };
  return (
    <FormDialog title={site ? t('visitor.sites.editTitle', { name: site.name }) : t('visitor.sites.create')} submitLabel={t('common.save')} busyLabel={t('common.saving')} busy={save.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      <FormField label={t('visitor.sites.name')} error={errors.name}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={name} onChange={(e) => setName(e.target.value)} />}
      </FormField>
      <FormField label={t('visitor.sites.address')} error={errors.address}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={address} onChange={(e) => setAddress(e.target.value)} />}
      </FormField>
      <label className="field">
        <input type="checkbox" checked={active} onChange={() => setActive(!active)} /> {t('visitor.sites.active')}
      </label>
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}
