import { Button, Input, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { FormField } from '../../../components/form-field';
import { t } from '../../../i18n';
import { parseStallCode, parseYuanAmount, showCount, showFen } from '../../../lib/payment';
import { needsTopUp, paymentErrorMessage, refusalMessage } from '../../../lib/payment-messages';
import { IS_H5 } from '../../../platform/env';
import { usePageVisible } from '../../../platform/lifecycle';
import { navigateTo, pageParams, reLaunch } from '../../../platform/navigation';
import { isScanCancelled, scanQrCode } from '../../../platform/scan';
import { showToast } from '../../../platform/ui';
import { isSessionError, toAppError } from '../../../services/errors';
import { payService, type PaymentResult, type PayQuote } from '../../../services/pay.service';
import { isSignedIn, useSessionStore } from '../../../stores/session.store';
import './index.scss';

/** Room for scanner noise around `yima:stall:<uuid>` (47 characters). */
const MAX_CODE_LENGTH = 200;

type Failure = { message: string; topUp: boolean; unknownOutcome: boolean };

// 扫码付款: scan a stall's collection code (weapp camera; H5 pastes the text,
// as on the verify page), see the stall, the price and its explanation,
// enter the amount at free / limited stalls, 确认支付. Each tap on 确认支付 is
// one payment request with its own request id (the service retries a network
// failure with the same id). The result shows how it was paid and the new
// balances; 余额不足 offers 去充值.
export default function PayPage() {
  const session = useSessionStore((state) => state.session);
  const signOut = useSessionStore((state) => state.signOut);
  const signedIn = isSignedIn(session);
  const memberId = session?.member?.id;
  const [code, setCode] = useState('');
  const [stallId, setStallId] = useState<string | null>(null);
  const [quote, setQuote] = useState<PayQuote | null>(null);
  const [quoting, setQuoting] = useState(false);
  const [needsAmount, setNeedsAmount] = useState(false);
  const [amount, setAmount] = useState('');
  const [amountError, setAmountError] = useState<string | null>(null);
  /** The amount the shown quote was made for (what 确认支付 sends). */
  const [quotedFen, setQuotedFen] = useState<number | undefined>(undefined);
  const [paying, setPaying] = useState(false);
  const [result, setResult] = useState<PaymentResult | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [codeError, setCodeError] = useState<string | null>(null);

  useEffect(() => {
    if (!signedIn) void reLaunch('login');
    else if (!memberId) void reLaunch('claim');
  }, [signedIn, memberId]);

  const handleError = useCallback(
    (caught: unknown, options: { payment?: boolean } = {}) => {
      const appError = toAppError(caught);
      if (isSessionError(appError)) {
        showToast(appError.message);
        signOut();
        return;
      }
      const unknownOutcome = Boolean(options.payment) && appError.kind === 'network';
      setFailure({
        message: unknownOutcome ? t('pay.networkUnknown') : paymentErrorMessage(appError),
        topUp: needsTopUp(appError),
        unknownOutcome,
      });
    },
    [signOut],
  );

  const fetchQuote = useCallback(
    async (id: string, amountFen?: number) => {
      setQuoting(true);
      setFailure(null);
      try {
        const loaded = await payService.quote(id, amountFen);
        setQuote(loaded);
        setQuotedFen(amountFen);
        if (loaded.mode === 'free' || loaded.mode === 'limited' || loaded.reason === 'amount_required') setNeedsAmount(true);
      } catch (caught) {
        setQuote(null);
        handleError(caught);
      } finally {
        setQuoting(false);
      }
    },
    [handleError],
  );

  const openStall = (text: string) => {
    const id = parseStallCode(text);
    if (!id) {
      setCodeError(text.trim() ? t('pay.notStallCode') : t('pay.codeEmpty'));
      return;
    }
    setCodeError(null);
    setCode('');
    setStallId(id);
    setQuote(null);
    setResult(null);
    setFailure(null);
    setNeedsAmount(false);
    setAmount('');
    setAmountError(null);
    setQuotedFen(undefined);
    void fetchQuote(id);
  };

  // A link or a camera scan may open the page with ?stall=<id>.
  useEffect(() => {
    const fromLink = pageParams().stall;
    if (fromLink && parseStallCode(fromLink)) openStall(fromLink);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Back from 去充值: price again with the new balance.
  const visible = usePageVisible();
  const latest = useRef({ stallId, result, quotedFen });
  latest.current = { stallId, result, quotedFen };
  const wasHidden = useRef(false);
  useEffect(() => {
    if (!visible) {
      wasHidden.current = true;
      return;
    }
    if (!wasHidden.current) return;
    wasHidden.current = false;
    const { stallId: id, result: done, quotedFen: fen } = latest.current;
    if (id && !done) void fetchQuote(id, fen);
  }, [visible, fetchQuote]);

  const scan = async () => {
    try {
      openStall(await scanQrCode());
    } catch (caught) {
      if (!isScanCancelled(caught)) setCodeError(paymentErrorMessage(caught));
    }
  };

  const requote = () => {
    if (!stallId) return;
    const checked = parseYuanAmount(amount);
    if (!checked.ok) {
      setAmountError(checked.message);
      return;
    }
    setAmountError(null);
    void fetchQuote(stallId, checked.fen);
  };

  // The amount typed no longer matches the one priced: price it again before paying.
  const typed = needsAmount ? parseYuanAmount(amount) : null;
  const amountStale = needsAmount && (!typed?.ok || typed.fen !== quotedFen);

  const confirm = async () => {
    if (!stallId || !quote?.ok || paying || amountStale) return;
    setPaying(true);
    setFailure(null);
    try {
      setResult(await payService.pay({ stallId, ...(quotedFen !== undefined ? { amountFen: quotedFen } : {}) }));
    } catch (caught) {
      handleError(caught, { payment: true });
    } finally {
      setPaying(false);
    }
  };

  const reset = () => {
    setStallId(null);
    setQuote(null);
    setResult(null);
    setFailure(null);
    setAmount('');
    setQuotedFen(undefined);
    setNeedsAmount(false);
  };

  const scanner = IS_H5 ? (
    <View className="pay__manual">
      <Text className="pay__label">{t('pay.inputLabel')}</Text>
      <Input
        className="pay__code-input"
        value={code}
        maxlength={MAX_CODE_LENGTH}
        placeholder={t('pay.inputPlaceholder')}
        onInput={(event) => setCode(event.detail?.value ?? '')}
      />
      <Button className="pay__code-submit" size="mini" type="primary" onClick={() => openStall(code)}>
        {t('pay.submitCode')}
      </Button>
    </View>
  ) : (
    <Button className="pay__scan" type={stallId ? 'default' : 'primary'} onClick={() => void scan()}>
      {stallId ? t('pay.scanAgain') : t('pay.scan')}
    </Button>
  );

  if (result) {
    return (
      <View className="pay">
        <View className="pay__result" data-result="paid">
          <Text className="pay__result-title">{t('pay.success')}</Text>
          {result.stallName && <Text className="pay__stall-name">{result.stallName}</Text>}
          {result.paid.count > 0 && result.amountFen === 0 ? (
            <Text className="pay__result-total">{t('pay.paidCount', { count: result.paid.count })}</Text>
          ) : (
            <Text className="pay__result-total">{t('pay.paidTotal', { amount: showFen(result.amountFen) })}</Text>
          )}
          <View className="pay__split">
            {result.paid.subsidyFen > 0 && <Text className="pay__split-line">{t('pay.paidSubsidy', { amount: showFen(result.paid.subsidyFen) })}</Text>}
            {result.paid.cashFen > 0 && <Text className="pay__split-line">{t('pay.paidCash', { amount: showFen(result.paid.cashFen) })}</Text>}
            {result.paid.count > 0 && result.amountFen > 0 && <Text className="pay__split-line">{t('pay.paidCount', { count: result.paid.count })}</Text>}
            {result.paid.overdraftFen > 0 && <Text className="pay__split-line">{t('pay.paidOverdraft', { amount: showFen(result.paid.overdraftFen) })}</Text>}
          </View>
          {result.replayed && <Text className="pay__replayed">{t('pay.replayed')}</Text>}
          {result.balances && (
            <View className="pay__balances">
              <Text className="pay__balances-heading">{t('pay.balancesHeading')}</Text>
              <Text className="pay__balance">{`${t('wallet.subsidy')} ${showFen(result.balances.subsidyFen)}`}</Text>
              <Text className="pay__balance">{`${t('wallet.cash')} ${showFen(result.balances.cashFen)}`}</Text>
              <Text className="pay__balance">{`${t('wallet.count')} ${showCount(result.balances.count)}`}</Text>
            </View>
          )}
        </View>
        <Button className="pay__again" type="primary" onClick={reset}>
          {t('pay.payAnother')}
        </Button>
        <Button className="pay__wallet" onClick={() => void navigateTo('wallet')}>
          {t('pay.viewWallet')}
        </Button>
      </View>
    );
  }

  return (
    <View className="pay">
      <Text className="pay__intro">{t('pay.intro')}</Text>
      {scanner}
      {codeError && <Text className="pay__error">{codeError}</Text>}

      {stallId && quoting && !quote && <Text className="pay__loading">{t('common.loading')}</Text>}

      {quote && (
        <View className="pay__quote" data-quote={quote.ok ? 'ok' : 'refused'}>
          <Text className="pay__stall-name">{quote.stall.name}</Text>
          {quote.stall.merchantName && <Text className="pay__merchant-name">{quote.stall.merchantName}</Text>}
          {!quote.stall.active && <Text className="pay__error">{t('pay.inactive')}</Text>}

          {needsAmount && (
            <View className="pay__amount">
              <FormField
                name="pay-amount"
                label={t('pay.amountLabel')}
                type="digit"
                value={amount}
                onChange={(value) => {
                  setAmount(value);
                  setAmountError(null);
                }}
                placeholder={t('pay.amountPlaceholder')}
                error={amountError}
                maxLength={12}
                disabled={paying}
              />
              <Button className="pay__recalc" size="mini" disabled={quoting || paying || undefined} onClick={requote}>
                {t('pay.recalc')}
              </Button>
            </View>
          )}

          {quote.ok && (
            <View className="pay__price">
              <Text className="pay__price-label">{t('pay.payFen')}</Text>
              <Text className="pay__price-value">
                {quote.count > 0 && !quote.payFen ? t('pay.payCount', { count: quote.count }) : showFen(quote.payFen)}
              </Text>
              {quote.listFen !== null && quote.payFen !== null && quote.listFen !== quote.payFen && (
                <Text className="pay__list-price">{`${t('pay.listFen')} ${showFen(quote.listFen)}`}</Text>
              )}
              {quote.split && quote.split.subsidyFen > 0 && (
                <Text className="pay__split-line">{`${t('pay.splitSubsidy')} ${showFen(quote.split.subsidyFen)}`}</Text>
              )}
              {quote.split && quote.split.cashFen > 0 && <Text className="pay__split-line">{`${t('pay.splitCash')} ${showFen(quote.split.cashFen)}`}</Text>}
            </View>
          )}
          {!quote.ok && quote.reason && !(quote.reason === 'amount_required' && quotedFen === undefined) && (
            <Text className="pay__error pay__refusal">{t('pay.refused', { reason: refusalMessage(quote.reason) })}</Text>
          )}

          {quote.explain.length > 0 && (
            <View className="pay__explain">
              <Text className="pay__explain-heading">{t('pay.explainHeading')}</Text>
              {quote.explain.map((line, index) => (
                <Text key={index} className="pay__explain-line">
                  {line}
                </Text>
              ))}
            </View>
          )}

          {quote.ok && (
            <Button className="pay__confirm" type="primary" loading={paying || undefined} disabled={paying || quoting || amountStale || undefined} onClick={() => void confirm()}>
              {paying ? t('pay.paying') : t('pay.confirm')}
            </Button>
          )}
          {!quote.ok && quote.reason === 'insufficient_balance' && (
            <Button className="pay__topup" onClick={() => void navigateTo('wallet')}>
              {t('pay.topUp')}
            </Button>
          )}
        </View>
      )}

      {failure && (
        <View className="pay__failure">
          <Text className="pay__error">{failure.message}</Text>
          {failure.topUp && (
            <Button className="pay__topup" type="primary" onClick={() => void navigateTo('wallet')}>
              {t('pay.topUp')}
            </Button>
          )}
          {failure.unknownOutcome && (
            <Button className="pay__wallet" onClick={() => void navigateTo('wallet')}>
              {t('pay.viewWallet')}
            </Button>
          )}
        </View>
      )}
    </View>
  );
}
