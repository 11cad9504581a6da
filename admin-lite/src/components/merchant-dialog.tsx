import { useState } from 'react';
import { isValidMobile } from '@yima/shared';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import { parsePercentBp, percentText } from '../lib/payment-format.ts';
import { createMerchant, updateMerchant, type MerchantInput, type MerchantRow } from '../services/merchants.service.ts';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';

interface Draft {
  name: string;
  contactName: string;
  contactPhone: string;
  subMchid: string;
  sharePercent: string;
  active: boolean;
}
type Errors = Partial<Record<'name' | 'contactPhone' | 'subMchid' | 'sharePercent', string>>;

/** Draft -> the row to write (share rate in basis points), or what is wrong. */
export function checkMerchantDraft(d: Draft): { ok: true; input: MerchantInput } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  const name = d.name.trim();
  if (name.length === 0 || name.length > 50) errors.name = t('pay.merchants.nameRule');
  const phone = d.contactPhone.trim();
  if (phone && !isValidMobile(phone)) errors.contactPhone = t('pay.merchants.phoneRule');
  const mchid = d.subMchid.trim();
  if (mchid && !/^[0-9]{8,12}$/.test(mchid)) errors.subMchid = t('pay.merchants.mchidRule');
  const bp = parsePercentBp(d.sharePercent);
  if (bp === undefined || bp < 0 || bp > 10_000) errors.sharePercent = t('pay.merchants.shareRule');
  if (Object.keys(errors).length > 0 || bp === undefined) return { ok: false, errors };
  return { ok: true, input: { name, contact_name: d.contactName.trim() || null, contact_phone: phone || null, wechat_sub_mchid: mchid || null, share_rate_bp: bp, active: d.active } };
}

/** 新增 / 编辑商户. */
export function MerchantDialog({ orgId, merchant, onDone, onCancel }: { orgId: string; merchant?: MerchantRow; onDone: (row: MerchantRow) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<Draft>({
    name: merchant?.name ?? '',
    contactName: merchant?.contact_name ?? '',
    contactPhone: merchant?.contact_phone ?? '',
    subMchid: merchant?.wechat_sub_mchid ?? '',
    sharePercent: percentText(merchant?.share_rate_bp ?? 10_000),
    active: merchant?.active ?? true,
  });
  const [errors, setErrors] = useState<Errors>({});
  const save = useAction((input: MerchantInput) => (merchant ? updateMerchant(orgId, merchant.id, input) : createMerchant(orgId, input)));
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = async () => {
    const checked = checkMerchantDraft(draft);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    const outcome = await save.run(checked.input);
    if (outcome.ok) onDone(outcome.value);
  };
  const text = (key: keyof Errors | 'contactName', label: string, hint?: string, inputMode?: 'numeric' | 'decimal' | 'tel') => (
    <FormField label={label} hint={hint} error={key === 'contactName' ? undefined : errors[key]}>
      {({ id, describedBy, invalid }) => (
        <input id={id} className="input" inputMode={inputMode} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={draft[key]} onChange={(e) => set({ [key]: e.target.value })} />
      )}
    </FormField>
  );
  return (
    <FormDialog title={merchant ? t('pay.merchants.editTitle', { name: merchant.name }) : t('pay.merchants.create')} submitLabel={t('common.save')} busyLabel={t('common.saving')} busy={save.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      {text('name', t('pay.merchants.name'))}
      {text('contactName', t('pay.merchants.contactName'))}
      {text('contactPhone', t('pay.merchants.contactPhone'), undefined, 'tel')}
      {text('subMchid', t('pay.merchants.subMchid'), t('pay.merchants.subMchidHint'), 'numeric')}
      {text('sharePercent', t('pay.merchants.shareRateLabel'), t('pay.merchants.shareRateHint'), 'decimal')}
      <label className="field">
        <input type="checkbox" checked={draft.active} onChange={() => set({ active: !draft.active })} /> {t('pay.active')}
      </label>
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}
