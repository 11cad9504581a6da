import type { WalletKind } from '@yima/shared';
import { t } from '../i18n/index.ts';
import type { PickerOption } from '../lib/department-scope.ts';
import { emptyWindow, isCountLimit, LIMIT_KEYS, PRICING_MODES, type PricingDraft } from '../lib/pricing-form.ts';
import { AdjustmentsEditor } from './adjustments-editor.tsx';
import { FormField } from './form-field.tsx';
import { TimeWindowFields } from './time-window-fields.tsx';

export interface PricingEditorProps {
  value: PricingDraft;
  onChange: (value: PricingDraft) => void;
  departmentOptions: readonly PickerOption[];
  tags: ReadonlyArray<{ id: string; name: string }>;
}

const WALLETS: readonly WalletKind[] = ['subsidy', 'cash'];

/** 计价规则: mode and price, open hours, discounts/premiums, limits, wallet order (all as typed; see pricing-form.ts). */
export function PricingEditor({ value, onChange, departmentOptions, tags }: PricingEditorProps) {
  const set = (patch: Partial<PricingDraft>) => onChange({ ...value, ...patch });
  const toggleWallet = (wallet: WalletKind) =>
    set({ walletOrder: value.walletOrder.includes(wallet) ? value.walletOrder.filter((w) => w !== wallet) : [...value.walletOrder, wallet] });
  const firstWallet = (wallet: WalletKind) => set({ walletOrder: [wallet, ...value.walletOrder.filter((w) => w !== wallet)] });

  return (
    <>
      <FormField label={t('pay.pricing.mode')}>
        {({ id }) => (
          <select id={id} className="input" value={value.mode} onChange={(e) => set({ mode: e.target.value as PricingDraft['mode'] })}>
            {PRICING_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`pay.mode.${mode}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {value.mode === 'fixed' ? (
        <FormField label={t('pay.pricing.fixedYuan')}>
          {({ id }) => <input id={id} className="input" inputMode="decimal" value={value.fixedYuan} onChange={(e) => set({ fixedYuan: e.target.value })} />}
        </FormField>
      ) : null}
      {value.mode === 'count' ? (
        <FormField label={t('pay.pricing.countPerUse')}>
          {({ id }) => <input id={id} className="input" inputMode="numeric" placeholder="1" value={value.countPerUse} onChange={(e) => set({ countPerUse: e.target.value })} />}
        </FormField>
      ) : null}

      <fieldset className="field">
        <legend className="field__label">{t('pay.pricing.openWindows')}</legend>
        <p className="field__hint">{t('pay.pricing.openWindowsHint')}</p>
        {value.openWindows.map((w, i) => (
          <div key={i} className="repeat-row">
            <TimeWindowFields
              labelPrefix={`${t('pay.pricing.openWindows')} ${i + 1} `}
              value={w}
              onChange={(next) => set({ openWindows: value.openWindows.map((x, j) => (j === i ? next : x)) })}
            />
            <button type="button" className="button button--ghost button--small button--danger-text" onClick={() => set({ openWindows: value.openWindows.filter((_, j) => j !== i) })}>
              {t('common.remove')}
            </button>
          </div>
        ))}
        <button type="button" className="button button--ghost button--small" onClick={() => set({ openWindows: [...value.openWindows, emptyWindow()] })}>
          {t('pay.pricing.addWindow')}
        </button>
      </fieldset>

      <AdjustmentsEditor value={value.adjustments} onChange={(adjustments) => set({ adjustments })} departmentOptions={departmentOptions} tags={tags} />

      <fieldset className="field">
        <legend className="field__label">{t('pay.pricing.limits')}</legend>
        <p className="field__hint">{t('pay.pricing.limitsHint')}</p>
        <div className="form-grid">
          {LIMIT_KEYS.map((key) => (
            <label key={key}>
              {t(`pay.limit.${key}`)}{' '}
              <input
                className="input input--compact"
                inputMode={isCountLimit(key) ? 'numeric' : 'decimal'}
                value={value.limits[key]}
                onChange={(e) => set({ limits: { ...value.limits, [key]: e.target.value } })}
              />
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="field">
        <legend className="field__label">{t('pay.pricing.walletOrder')}</legend>
        <ol>
          {value.walletOrder.map((wallet, i) => (
            <li key={wallet}>
              {t(`pay.wallet.${wallet}`)}{' '}
              {i > 0 ? (
                <button type="button" className="button button--ghost button--small" onClick={() => firstWallet(wallet)}>
                  {t('pay.pricing.walletUp', { wallet: t(`pay.wallet.${wallet}`) })}
                </button>
              ) : null}
            </li>
          ))}
        </ol>
        <div className="check-list">
          {WALLETS.map((wallet) => (
            <label key={wallet}>
              <input type="checkbox" checked={value.walletOrder.includes(wallet)} onChange={() => toggleWallet(wallet)} /> {t('pay.pricing.walletUse', { wallet: t(`pay.wallet.${wallet}`) })}
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}
