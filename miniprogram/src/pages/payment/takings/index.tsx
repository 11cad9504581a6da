import { Button, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { StatusView } from '../../../components/status-view';
import { t } from '../../../i18n';
import { showCount, showFen, startOfLocalDay } from '../../../lib/payment';
import { paymentErrorMessage } from '../../../lib/payment-messages';
import { showToast } from '../../../platform/ui';
import { isSessionError, toAppError } from '../../../services/errors';
import { merchantService, type OperatedMerchant, type SettlementRow } from '../../../services/merchant.service';
import { useMemberPage } from '../../../hooks/use-member-page';
import './index.scss';

interface MerchantTakings {
  merchant: OperatedMerchant;
  row: SettlementRow | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

// 今日营收 (merchant operators): payment_settlement_report from the start of
// today (the phone's day) to now, for each merchant I collect for.
export default function TakingsPage() {
  const { signOut, orgId, memberId } = useMemberPage();
  const [takings, setTakings] = useState<MerchantTakings[] | null>(null);
  const [until, setUntil] = useState<Date | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!orgId || !memberId) return;
    setError(null);
    try {
      const { merchants } = await merchantService.operatedStalls({ orgId, memberId });
      const now = new Date();
      const from = startOfLocalDay(now);
      const rows = await Promise.all(merchants.map((merchant) => merchantService.takings(orgId, merchant.id, from, now)));
      setTakings(merchants.map((merchant, index) => ({ merchant, row: rows[index] ?? null })));
      setUntil(now);
    } catch (caught) {
      const appError = toAppError(caught);
      if (isSessionError(appError)) {
        showToast(appError.message);
        signOut();
        return;
      }
      setError(paymentErrorMessage(appError));
    }
  }, [orgId, memberId, signOut]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!takings) return <StatusView loading={!error} error={error} onRetry={() => void load()} />;
  if (takings.length === 0) return <Text className="takings__empty">{t('collect.notOperator')}</Text>;

  return (
    <View className="takings">
      {until && <Text className="takings__since">{t('takings.since', { time: `${pad(until.getHours())}:${pad(until.getMinutes())}` })}</Text>}
      {takings.map(({ merchant, row }) => (
        <View key={merchant.id} className="takings__card" data-merchant={merchant.id}>
          <Text className="takings__merchant">{merchant.name}</Text>
          {!row || (row.payments === 0 && row.refunds === 0) ? (
            <Text className="takings__none">{t('takings.empty')}</Text>
          ) : (
            <View className="takings__body">
              <Text className="takings__net-label">{t('takings.net')}</Text>
              <Text className="takings__net">{showFen(row.netFen)}</Text>
              <View className="takings__row">
                <Text>{t('takings.payments', { count: row.payments })}</Text>
                <Text>{showFen(row.paymentFen)}</Text>
              </View>
              <View className="takings__row">
                <Text>{t('takings.refunds', { count: row.refunds })}</Text>
                <Text>{showFen(row.refundFen)}</Text>
              </View>
              <View className="takings__row">
                <Text>{t('takings.subsidy')}</Text>
                <Text>{showFen(row.subsidyFen)}</Text>
              </View>
              <View className="takings__row">
                <Text>{t('takings.cash')}</Text>
                <Text>{showFen(row.cashFen)}</Text>
              </View>
              {row.countUsed !== 0 && (
                <View className="takings__row">
                  <Text>{t('wallet.count')}</Text>
                  <Text>{showCount(row.countUsed)}</Text>
                </View>
              )}
              {row.overdraftFen !== 0 && (
                <View className="takings__row">
                  <Text>{t('takings.overdraft')}</Text>
                  <Text>{showFen(row.overdraftFen)}</Text>
                </View>
              )}
            </View>
          )}
        </View>
      ))}
      <Button className="takings__refresh" size="mini" onClick={() => void load()}>
        {t('takings.refresh')}
      </Button>
    </View>
  );
}
