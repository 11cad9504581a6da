import { Button, Text, Textarea, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { FormField } from '../../../components/form-field';
import { QrCode } from '../../../components/qr-code';
import { StatusView } from '../../../components/status-view';
import { t } from '../../../i18n';
import { parseYuanAmount, showFen, stallCodePayload } from '../../../lib/payment';
import { paymentErrorMessage } from '../../../lib/payment-messages';
import { IS_H5 } from '../../../platform/env';
import { navigateTo } from '../../../platform/navigation';
import { isScanCancelled, scanQrCode } from '../../../platform/scan';
import { showToast } from '../../../platform/ui';
import { isSessionError, toAppError } from '../../../services/errors';
import { merchantService, type OperatedMerchant, type OperatedStall } from '../../../services/merchant.service';
import type { PaymentResult } from '../../../services/payment-api';
import { useMemberPage } from '../../../hooks/use-member-page';
import './index.scss';

/** A dynamic code is 390 characters; pos-charge takes up to 1,024. */
const MAX_CODE_LENGTH = 1024;

// 商户收款 (merchant operators): pick a stall of my merchant, show its
// collection QR (payers scan it with 扫码付款), or 扫码收款: scan the payer's
// dynamic code (H5: paste it) and charge it with pos-charge; free / limited
// stalls need the amount first.
export default function CollectPage() {
  const { signOut, orgId, memberId } = useMemberPage();
  const [merchants, setMerchants] = useState<OperatedMerchant[] | null>(null);
  const [stalls, setStalls] = useState<OperatedStall[]>([]);
  const [stallId, setStallId] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [amountError, setAmountError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PaymentResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const sessionGone = useCallback(
    (caught: unknown): boolean => {
      if (!isSessionError(caught)) return false;
      showToast(toAppError(caught).message);
      signOut();
      return true;
    },
    [signOut],
  );

  const load = useCallback(async () => {
    if (!orgId || !memberId) return;
    setLoadError(null);
    try {
      const loaded = await merchantService.operatedStalls({ orgId, memberId });
      setMerchants(loaded.merchants);
      setStalls(loaded.stalls);
      setStallId((current) => (current && loaded.stalls.some((s) => s.id === current) ? current : (loaded.stalls[0]?.id ?? null)));
    } catch (caught) {
      if (!sessionGone(caught)) setLoadError(paymentErrorMessage(caught));
    }
  }, [orgId, memberId, sessionGone]);

  useEffect(() => {
    void load();
  }, [load]);

  const stall = stalls.find((s) => s.id === stallId) ?? null;
  const needsAmount = stall?.mode === 'free' || stall?.mode === 'limited';

  const charge = async (text: string) => {
    if (!stall || busy) return;
    if (!text?.trim()) {
      setError(t('collect.codeEmpty'));
      return;
    }
    let amountFen: number | undefined;
    if (needsAmount) {
      const checked = parseYuanAmount(amount);
      if (!checked.ok) {
        setAmountError(checked.message);
        return;
      }
      amountFen = checked.fen;
    }
    setAmountError(null);
    setError(null);
    setResult(null);
    setBusy(true);
    try {
      setResult(await merchantService.charge({ code: text, stallId: stall.id, ...(amountFen !== undefined ? { amountFen } : {}) }));
      setCode('');
    } catch (caught) {
      if (!sessionGone(caught)) setError(paymentErrorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const scan = async () => {
    try {
      await charge(await scanQrCode());
    } catch (caught) {
      if (!isScanCancelled(caught)) setError(paymentErrorMessage(caught));
    }
  };

  if (!merchants) return <StatusView loading={!loadError} error={loadError} onRetry={() => void load()} />;
  if (merchants.length === 0) return <Text className="collect__empty">{t('collect.notOperator')}</Text>;

  const merchantName = (id: string) => merchants.find((m) => m.id === id)?.name ?? '';

  return (
    <View className="collect">
      {stalls.length === 0 && <Text className="collect__empty">{t('collect.noStalls')}</Text>}
      {stalls.length > 0 && (
        <View className="collect__stalls">
          <Text className="collect__label">{t('collect.stallLabel')}</Text>
          <View className="collect__stall-list">
            {stalls.map((s) => (
              <View
                key={s.id}
                className={`collect__stall${s.id === stallId ? ' collect__stall--current' : ''}`}
                data-stall={s.id}
                onClick={() => {
                  setStallId(s.id);
                  setResult(null);
                  setError(null);
                }}
              >
                <Text className="collect__stall-name">{s.name}</Text>
                {merchants.length > 1 && <Text className="collect__stall-merchant">{merchantName(s.merchantId)}</Text>}
              </View>
            ))}
          </View>
        </View>
      )}

      {stall && (
        <View className="collect__qr">
          <Text className="collect__qr-title">{stall.name}</Text>
          <QrCode text={stallCodePayload(stall.id)} label={t('collect.qrLabel')} />
          <Text className="collect__qr-hint">{t('collect.qrHint')}</Text>
        </View>
      )}

      {stall && (
        <View className="collect__charge">
          {needsAmount && (
            <FormField
              name="collect-amount"
              label={t('collect.amountLabel')}
              type="digit"
              value={amount}
              onChange={setAmount}
              placeholder={t('collect.amountPlaceholder')}
              error={amountError}
              maxLength={12}
              disabled={busy}
            />
          )}
          {IS_H5 ? (
            <View className="collect__manual">
              <Text className="collect__label">{t('collect.codeLabel')}</Text>
              <Textarea
                className="collect__input"
                value={code}
                maxlength={MAX_CODE_LENGTH}
                placeholder={t('collect.codePlaceholder')}
                onInput={(event) => setCode(event.detail?.value ?? '')}
              />
              <Button className="collect__submit" type="primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void charge(code)}>
                {busy ? t('collect.charging') : t('collect.chargeSubmit')}
              </Button>
            </View>
          ) : (
            <Button className="collect__scan" type="primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void scan()}>
              {busy ? t('collect.charging') : t('collect.scanCharge')}
            </Button>
          )}
        </View>
      )}

      {result && (
        <View className="collect__result" data-result="charged">
          <Text className="collect__result-title">{t('collect.charged')}</Text>
          <Text className="collect__result-amount">
            {result.paid.count > 0 && result.amountFen === 0 ? t('pay.paidCount', { count: result.paid.count }) : showFen(result.amountFen)}
          </Text>
          {result.memberName && <Text className="collect__result-line">{t('collect.payer', { name: result.memberName })}</Text>}
          {result.paid.subsidyFen > 0 && <Text className="collect__result-line">{t('pay.paidSubsidy', { amount: showFen(result.paid.subsidyFen) })}</Text>}
          {result.paid.cashFen > 0 && <Text className="collect__result-line">{t('pay.paidCash', { amount: showFen(result.paid.cashFen) })}</Text>}
          {result.replayed && <Text className="collect__result-line">{t('pay.replayed')}</Text>}
        </View>
      )}
      {error && <Text className="collect__error">{error}</Text>}

      <Button className="collect__takings" onClick={() => void navigateTo('takings')}>
        {t('collect.takingsEntry')}
      </Button>
    </View>
  );
}
