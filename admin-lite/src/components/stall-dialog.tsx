import { useState } from 'react';
import type { StallPricing } from '@yima/shared';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import type { PickerOption } from '../lib/department-scope.ts';
import { draftFromPricing, pricingFromDraft, type PricingDraft } from '../lib/pricing-form.ts';
import { createStall, updateStall, type StallInput, type StallRow } from '../services/merchants.service.ts';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';
import { PricingEditor } from './pricing-editor.tsx';
import { ProblemsNotice } from './problems-notice.tsx';

export interface StallDialogProps {
  orgId: string;
  merchantId: string;
  stall?: StallRow;
  departmentOptions: readonly PickerOption[];
  tags: ReadonlyArray<{ id: string; name: string }>;
  onDone: (stall: StallRow) => void;
  onCancel: () => void;
}

const NEW_STALL_PRICING: StallPricing = { mode: 'fixed', walletOrder: ['subsidy', 'cash'] };

/** 新增 / 编辑档口: name, active, and the pricing rule, validated with validateStallPricing before saving. */
export function StallDialog({ orgId, merchantId, stall, departmentOptions, tags, onDone, onCancel }: StallDialogProps) {
  const [name, setName] = useState(stall?.name ?? '');
  const [active, setActive] = useState(stall?.active ?? true);
  const [draft, setDraft] = useState<PricingDraft>(() => draftFromPricing(stall?.pricing ?? NEW_STALL_PRICING));
  const [nameError, setNameError] = useState<string>();
  const [problems, setProblems] = useState<string[]>([]);
  const save = useAction((input: StallInput) => (stall ? updateStall(orgId, stall.id, input) : createStall(orgId, merchantId, input)));

  const submit = async () => {
    const trimmed = name.trim();
    setNameError(trimmed.length === 0 || trimmed.length > 50 ? t('pay.merchants.nameRule') : undefined);
    const checked = pricingFromDraft(draft);
    setProblems(checked.ok ? [] : checked.problems);
    if (!checked.ok || trimmed.length === 0 || trimmed.length > 50) return;
    const outcome = await save.run({ name: trimmed, active, pricing: checked.value });
    if (outcome.ok) onDone(outcome.value);
  };

  return (
    <FormDialog wide title={stall ? t('pay.stalls.editTitle', { name: stall.name }) : t('pay.stalls.create')} submitLabel={t('common.save')} busyLabel={t('common.saving')} busy={save.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      <FormField label={t('pay.stalls.name')} error={nameError}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" maxLength={50} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={name} onChange={(e) => setName(e.target.value)} />}
      </FormField>
      <label className="field">
        <input type="checkbox" checked={active} onChange={() => setActive(!active)} /> {t('pay.stalls.activeLabel')}
      </label>
      <PricingEditor value={draft} onChange={setDraft} departmentOptions={departmentOptions} tags={tags} />
      <ProblemsNotice title={t('pay.pricing.problems')} problems={problems} block />
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}
