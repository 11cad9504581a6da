import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import { normalizePhone } from '../lib/phone.ts';
import { severityLabel, slaLimitsText } from '../lib/ticket-sla.ts';
import { openTicket, SEVERITIES, type NewTicket, type Severity, type TicketRow } from '../services/tickets.service.ts';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';

type Field = 'customer_name' | 'region' | 'organisation_name' | 'phone' | 'product' | 'description' | 'years_of_use';
type Errors = Partial<Record<Field, string>>;

export interface NewTicketDialogProps {
  /** The org the ticket is for: fixed (a super admin's own org) … */
  orgId?: string;
  /** … or chosen by an operator from these (may stay empty). */
  orgs?: ReadonlyArray<{ id: string; name: string }>;
  /** Prefills 单位名称 (the org's name for a super admin). */
  organisationName?: string;
  onCancel: () => void;
  onDone: (ticket: TicketRow) => void;
}

const MAX: Record<Exclude<Field, 'phone' | 'years_of_use'>, number> = { customer_name: 50, region: 50, organisation_name: 100, product: 50, description: 2000 };

/** 新建工单: who reports what, and how urgent it is (its SLA shown from SLA_MINUTES). Checked like the database does. */
export function NewTicketDialog({ orgId, orgs, organisationName = '', onCancel, onDone }: NewTicketDialogProps) {
  const [draft, setDraft] = useState<Record<Field, string>>({ customer_name: '', region: '', organisation_name: organisationName, phone: '', product: '', description: '', years_of_use: '' });
  const [severity, setSeverity] = useState<Severity>('normal');
  const [chosenOrg, setChosenOrg] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const save = useAction(openTicket);
  const set = (field: Field) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));

  const submit = async () => {
    const found: Errors = {};
    for (const field of ['customer_name', 'organisation_name', 'product', 'description'] as const) if (draft[field].trim() === '') found[field] = t('ops.ticket.required');
    const phone = normalizePhone(draft.phone);
    if (!/^1[3-9]\d{9}$/.test(phone)) found.phone = t('ops.ticket.badPhone');
    const years = draft.years_of_use.trim();
    if (years !== '' && !/^(100|[1-9]?\d)$/.test(years)) found.years_of_use = t('ops.ticket.badYears');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const org = orgId ?? (chosenOrg || undefined);
    const ticket: NewTicket = {
      ...(org ? { org_id: org } : {}),
      customer_name: draft.customer_name.trim(),
      ...(draft.region.trim() ? { region: draft.region.trim() } : {}),
      organisation_name: draft.organisation_name.trim(),
      phone,
      product: draft.product.trim(),
      description: draft.description.trim(),
      ...(years !== '' ? { years_of_use: Number(years) } : {}),
      severity,
    };
    const outcome = await save.run(ticket);
    if (outcome.ok) onDone(outcome.value);
  };

  const text = (field: Exclude<Field, 'description'>, label: string, inputMode?: 'tel' | 'numeric') => (
    <FormField label={label} error={errors[field]}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          className="input"
          autoComplete="off"
          inputMode={inputMode}
          maxLength={field === 'phone' ? 20 : field === 'years_of_use' ? 3 : MAX[field]}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          value={draft[field]}
          onChange={(e) => set(field)(e.target.value)}
        />
      )}
    </FormField>
  );

  return (
    <FormDialog wide title={t('ops.ticket.newTitle')} submitLabel={t('ops.ticket.submit')} busyLabel={t('common.saving')} busy={save.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      <div className="form-grid">
        {text('customer_name', t('ops.ticket.customerName'))}
        {text('phone', t('ops.ticket.phone'), 'tel')}
        {text('organisation_name', t('ops.ticket.organisation'))}
        {text('region', t('ops.ticket.region'))}
        {orgs && !orgId ? (
          <FormField label={t('ops.ticket.org')}>
            {({ id }) => (
              <select id={id} className="input" value={chosenOrg} onChange={(e) => setChosenOrg(e.target.value)}>
                <option value="">{t('ops.ticket.noOrg')}</option>
                {orgs.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        ) : null}
        {text('product', t('ops.ticket.product'))}
        {text('years_of_use', t('ops.ticket.years'), 'numeric')}
        <FormField label={t('ops.ticket.severity')} hint={slaLimitsText(severity)}>
          {({ id, describedBy }) => (
            <select id={id} className="input" aria-describedby={describedBy} value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {severityLabel(s)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <FormField label={t('ops.ticket.description')} error={errors.description}>
        {({ id, describedBy, invalid }) => (
          <textarea id={id} className="input" rows={4} maxLength={MAX.description} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={draft.description} onChange={(e) => set('description')(e.target.value)} />
        )}
      </FormField>
      {Object.keys(errors).length > 0 ? (
        <p className="notice notice--error" role="alert">
          {t('form.invalid')}
        </p>
      ) : null}
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}
