import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import type { PickerOption } from '../lib/department-scope.ts';
import { parseCount, parseYuan, yuanText } from '../lib/payment-format.ts';
import { splitList } from '../lib/pricing-form.ts';
import { saveSubsidyPlan, type Audience, type SubsidyPlanInput, type SubsidyPlanRow } from '../services/canteen.service.ts';
import { AudienceFields, type AudienceDraft } from './audience-fields.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';

export interface SubsidyPlanDialogProps {
  orgId: string;
  plan?: SubsidyPlanRow;
  departmentOptions: readonly PickerOption[];
  tags: ReadonlyArray<{ id: string; name: string }>;
  onDone: (row: SubsidyPlanRow) => void;
  onCancel: () => void;
}

export function audienceOf(draft: AudienceDraft): Audience {
  const identities = splitList(draft.identities);
  return {
    ...(draft.departments.length ? { departments: draft.departments } : {}),
    ...(draft.tags.length ? { tags: draft.tags } : {}),
    ...(identities.length ? { identities } : {}),
  };
}

/** 新增 / 编辑补贴方案: amount in yuan (-> integer fen) for the subsidy wallet, or tickets. */
export function SubsidyPlanDialog({ orgId, plan, departmentOptions, tags, onDone, onCancel }: SubsidyPlanDialogProps) {
  const [name, setName] = useState(plan?.name ?? '');
  const [wallet, setWallet] = useState<SubsidyPlanRow['wallet']>(plan?.wallet ?? 'subsidy');
  const [amount, setAmount] = useState(plan ? (plan.wallet === 'count' ? String(plan.amount) : yuanText(plan.amount)) : '');
  const [cadence, setCadence] = useState<SubsidyPlanRow['cadence']>(plan?.cadence ?? 'monthly');
  const [expires, setExpires] = useState(plan?.expires_at_period_end ?? true);
  const [active, setActive] = useState(plan?.active ?? true);
  const [audience, setAudience] = useState<AudienceDraft>({ departments: plan?.audience.departments ?? [], tags: plan?.audience.tags ?? [], identities: (plan?.audience.identities ?? []).join('、') });
  const [errors, setErrors] = useState<{ name?: string; amount?: string }>({});
  const save = useAction((input: SubsidyPlanInput) => saveSubsidyPlan(orgId, plan?.id, input));

  const submit = async () => {
    const trimmed = name.trim();
    const value = wallet === 'count' ? parseCount(amount) : parseYuan(amount);
    const next = {
      name: trimmed.length === 0 || trimmed.length > 50 ? t('pay.plans.nameRule') : undefined,
      amount: value === undefined || value <= 0 || value > 10_000_000 ? t('pay.plans.amountRule') : undefined,
    };
    setErrors(next);
    if (next.name || next.amount || value === undefined) return;
    const outcome = await save.run({ name: trimmed, wallet, amount: value, cadence, expires_at_period_end: expires, audience: audienceOf(audience), active });
    if (outcome.ok) onDone(outcome.value);
  };

  return (
    <FormDialog wide title={plan ? t('pay.plans.editTitle', { name: plan.name }) : t('pay.plans.create')} submitLabel={t('common.save')} busyLabel={t('common.saving')} busy={save.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      <FormField label={t('pay.plans.name')} error={errors.name}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" maxLength={50} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={name} onChange={(e) => setName(e.target.value)} />}
      </FormField>
      <FormField label={t('pay.plans.wallet')}>
        {({ id }) => (
          <select id={id} className="input" value={wallet} onChange={(e) => setWallet(e.target.value as SubsidyPlanRow['wallet'])}>
            <option value="subsidy">{t('pay.wallet.subsidy')}</option>
            <option value="count">{t('pay.wallet.count')}</option>
          </select>
        )}
      </FormField>
      <FormField label={wallet === 'count' ? t('pay.plans.amountCount') : t('pay.plans.amountYuan')} error={errors.amount}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" inputMode="decimal" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={amount} onChange={(e) => setAmount(e.target.value)} />}
      </FormField>
      <FormField label={t('pay.plans.cadence')}>
        {({ id }) => (
          <select id={id} className="input" value={cadence} onChange={(e) => setCadence(e.target.value as SubsidyPlanRow['cadence'])}>
            <option value="monthly">{t('pay.plans.cadence.monthly')}</option>
            <option value="daily">{t('pay.plans.cadence.daily')}</option>
          </select>
        )}
      </FormField>
      <label className="field">
        <input type="checkbox" checked={expires} onChange={() => setExpires(!expires)} /> {t('pay.plans.expiresLabel')}
      </label>
      <fieldset className="field">
        <legend className="field__label">{t('pay.plans.audience')}</legend>
        <p className="field__hint">{t('pay.plans.audienceHint')}</p>
        <AudienceFields value={audience} onChange={setAudience} departmentOptions={departmentOptions} tags={tags} />
      </fieldset>
      <label className="field">
        <input type="checkbox" checked={active} onChange={() => setActive(!active)} /> {t('pay.active')}
      </label>
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}
