import { Button, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { FormField } from '../../../components/form-field';
import { StatusView } from '../../../components/status-view';
import { t } from '../../../i18n';
import { formatMoment } from '../../../lib/format-time';
import { formatTxAmount, parseYuanAmount, showCount, showFen, txKindLabel } from '../../../lib/payment';
import { paymentErrorMessage } from '../../../lib/payment-messages';
import { usePageVisible } from '../../../platform/lifecycle';
import { CAN_REQUEST_PAYMENT, isPaymentCancelled, requestWechatPayment } from '../../../platform/payment';
import { showToast } from '../../../platform/ui';
import { toAppError } from '../../../services/errors';
import { walletService, type LedgerTx, type WalletBalances } from '../../../services/wallet.service';
import { useFailureMessage, useMemberPage } from '../../../hooks/use-member-page';
import './index.scss';

// 钱包: my balances (补贴, 现金, 餐券), my ledger newest first with 加载更多,
// and 充值: yuan typed in, sent as integer fen; WeChat Pay's sheet on weapp,
// then the order is polled until the server says paid (the console channel of
// the local stack is paid at once).
const walletMessage = (caught: unknown) => paymentErrorMessage(toAppError(caught));
const sessionMessage = (caught: unknown) => toAppError(caught).message;

export default function WalletPage() {
  const { orgId, memberId } = useMemberPage();
  const [balances, setBalances] = useState<WalletBalances | null>(null);
  const [items, setItems] = useState<LedgerTx[] | null>(null);
  const [page, setPage] = useState(0);
  const [hasMore, setHasMore] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [amountError, setAmountError] = useState<string | null>(null);
  const [topupBusy, setTopupBusy] = useState(false);
  const [topupMessage, setTopupMessage] = useState<string | null>(null);

  const fail = useFailureMessage(walletMessage, sessionMessage);

  const load = useCallback(async () => {
    if (!orgId || !memberId) return;
    setError(null);
    try {
      const me = { orgId, memberId };
      const [loadedBalances, firstPage] = await Promise.all([walletService.balances(me), walletService.history(me, 0)]);
      setBalances(loadedBalances);
      setItems(firstPage.items);
      setHasMore(firstPage.hasMore);
      setPage(0);
    } catch (caught) {
      const message = fail(caught);
      if (message) setError(message);
    }
  }, [orgId, memberId, fail]);

  const visible = usePageVisible();
  useEffect(() => {
    if (visible) void load();
  }, [visible, load]);

  const loadMore = async () => {
    if (!orgId || !memberId || loadingMore) return;
    setLoadingMore(true);
    try {
      const next = await walletService.history({ orgId, memberId }, page + 1);
      setItems((current) => {
        const seen = new Set((current ?? []).map((item) => item.id));
        return [...(current ?? []), ...next.items.filter((item) => !seen.has(item.id))];
      });
      setHasMore(next.hasMore);
      setPage(page + 1);
    } catch (caught) {
      const message = fail(caught);
      if (message) showToast(message);
    } finally {
      setLoadingMore(false);
    }
  };

  const topUp = async () => {
    if (topupBusy) return;
    const checked = parseYuanAmount(amount);
    if (!checked.ok) {
      setAmountError(checked.message);
      return;
    }
    setAmountError(null);
    setTopupMessage(null);
    setTopupBusy(true);
    try {
      const started = await walletService.startTopup(checked.fen);
      if (started.channel === 'console') {
        setTopupMessage(t('wallet.topupPaid', { amount: showFen(checked.fen) }));
        if (started.balances) setBalances(started.balances);
        setAmount('');
        void load();
        return;
      }
      if (!CAN_REQUEST_PAYMENT) {
        setTopupMessage(t('wallet.topupWechatOnly'));
        return;
      }
      try {
        await requestWechatPayment(started.payParams);
      } catch (caught) {
        setTopupMessage(isPaymentCancelled(caught) ? t('wallet.topupCancelled') : paymentErrorMessage(caught));
        return;
      }
      const status = await walletService.waitForTopup(started.outTradeNo);
      if (status.status === 'paid') {
        setTopupMessage(t('wallet.topupPaid', { amount: showFen(status.amountFen) }));
        if (status.balances) setBalances(status.balances);
        setAmount('');
        void load();
      } else {
        setTopupMessage(t('wallet.topupPending'));
      }
    } catch (caught) {
      const message = fail(caught);
      if (message) setTopupMessage(message);
    } finally {
      setTopupBusy(false);
    }
  };

  return (
    <View className="wallet">
      {!balances && <StatusView loading={!error} error={error} onRetry={() => void load()} />}
      {balances && (
        <View className="wallet__balances">
          <View className="wallet__balance wallet__balance--subsidy">
            <Text className="wallet__balance-label">{t('wallet.subsidy')}</Text>
            <Text className="wallet__balance-value">{showFen(balances.subsidyFen)}</Text>
          </View>
          <View className="wallet__balance wallet__balance--cash">
            <Text className="wallet__balance-label">{t('wallet.cash')}</Text>
            <Text className="wallet__balance-value">{showFen(balances.cashFen)}</Text>
          </View>
          <View className="wallet__balance wallet__balance--count">
            <Text className="wallet__balance-label">{t('wallet.count')}</Text>
            <Text className="wallet__balance-value">{showCount(balances.count)}</Text>
          </View>
        </View>
      )}

      {balances && (
        <View className="wallet__topup">
          <Text className="wallet__heading">{t('wallet.topupHeading')}</Text>
          <FormField
            name="topup-amount"
            label={t('wallet.topupLabel')}
            type="digit"
            value={amount}
            onChange={setAmount}
            placeholder={t('wallet.topupPlaceholder')}
            hint={t('wallet.topupHint')}
            error={amountError}
            maxLength={12}
            disabled={topupBusy}
          />
          <Button className="wallet__topup-submit" type="primary" loading={topupBusy || undefined} disabled={topupBusy || undefined} onClick={() => void topUp()}>
            {topupBusy ? t('wallet.topupSubmitting') : t('wallet.topupSubmit')}
          </Button>
          {topupMessage && <Text className="wallet__topup-message">{topupMessage}</Text>}
        </View>
      )}

      {items && (
        <View className="wallet__history">
          <Text className="wallet__heading">{t('wallet.historyHeading')}</Text>
          {items.length === 0 && <Text className="wallet__empty">{t('wallet.historyEmpty')}</Text>}
          {items.map((item) => (
            <View key={item.id} className={`wallet__tx wallet__tx--${item.kind}`} data-tx={item.id}>
              <View className="wallet__tx-main">
                <Text className="wallet__tx-kind">{txKindLabel(item.kind)}</Text>
                <Text className="wallet__tx-where">{item.stallName ?? item.merchantName ?? item.reason ?? ''}</Text>
              </View>
              <View className="wallet__tx-side">
                <Text className="wallet__tx-amount">{formatTxAmount(item)}</Text>
                <Text className="wallet__tx-time">{formatMoment(item.createdAt) ?? ''}</Text>
              </View>
            </View>
          ))}
          {hasMore && (
            <Button className="wallet__more" size="mini" disabled={loadingMore || undefined} onClick={() => void loadMore()}>
              {loadingMore ? t('wallet.loadingMore') : t('wallet.loadMore')}
            </Button>
          )}
        </View>
      )}
    </View>
  );
}
