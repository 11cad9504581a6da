import { Button, Text, View } from '@tarojs/components';
import { useCallback, useMemo, useState } from 'react';
import { StatusView } from '../../../components/status-view';
import { t } from '../../../i18n';
import { dayLabel, momentOf, nextDays, scenarioErrorMessage, shortTime } from '../../../lib/scenario';
import { windowIso } from '../../../lib/visits';
import { showToast } from '../../../platform/ui';
import { mealService, type Canteen, type Headcount, type MealBooking, type MealPeriod } from '../../../services/meal.service';
import { merchantService } from '../../../services/merchant.service';
import { useAsyncData, useFailureMessage, useMemberPage } from '../../../hooks/use-member-page';
import './index.scss';

/** Days shown (meal_book takes up to 14 days ahead). */
export const BOOKING_DAYS = 7;

/** When booking (and cancelling) this meal on `day` closes, epoch ms. */
export function cutoffAt(period: MealPeriod, day: string): number {
  return Date.parse(windowIso(day, shortTime(period.starts))) - period.cutoffMinutes * 60_000;
}

interface MealData {
  periods: MealPeriod[];
  canteens: Canteen[];
  bookings: MealBooking[];
  /** Non-empty for canteen operators. */
  operated: string[];
  headcounts: Headcount[];
}

const STATUS_LABEL: Record<string, Parameters<typeof t>[0]> = {
  booked: 'meals.status.booked',
  redeemed: 'meals.status.redeemed',
  no_show: 'meals.status.no_show',
};

async function loadMeals(me: { orgId: string; memberId: string }, from: string, to: string): Promise<MealData> {
  const [periods, canteens, bookings, operated] = await Promise.all([
    mealService.periods(me.orgId),
    mealService.canteens(me.orgId),
    mealService.mine(me, from, to),
    merchantService.operatedMerchantIds(me).catch(() => [] as string[]),
  ]);
  const headcounts = operated.length ? await mealService.headcounts(me.orgId, from, to).catch(() => [] as Headcount[]) : [];
  return { periods, canteens, bookings, operated, headcounts };
}

// 报餐: the next 7 days' bookable meals at the canteens that take bookings,
// with my booking per meal; 报餐 / 取消 until the cut-off (meal_book /
// meal_cancel say why not after it). Canteen operators also see the
// headcounts to prepare (meal_headcounts) for the chosen day.
export default function MealsPage() {
  const { orgId, memberId } = useMemberPage();
  const fail = useFailureMessage(scenarioErrorMessage);
  const days = useMemo(() => nextDays(BOOKING_DAYS), []);
  const [day, setDay] = useState(days[0]!);
  const [busy, setBusy] = useState<string | null>(null);
  const [view, setView] = useState<'book' | 'headcount'>('book');

  const { data, error, reload: load } = useAsyncData(
    useCallback(() => (orgId && memberId ? loadMeals({ orgId, memberId }, days[0]!, days[days.length - 1]!) : null), [orgId, memberId, days]),
    fail,
  );

  const run = async (key: string, work: () => Promise<unknown>, done: string) => {
    if (busy) return;
    setBusy(key);
    try {
      await work();
      showToast(done);
      await load();
    } catch (caught) {
      const message = fail(caught);
      if (message) showToast(message);
    } finally {
      setBusy(null);
    }
  };

  if (!data) return <StatusView loading={!error} error={error} onRetry={() => void load()} />;

  const canteenName = (id: string) => data.canteens.find((c) => c.id === id)?.name ?? '';
  const now = Date.now();

  const renderPeriod = (period: MealPeriod) => {
    const booking = data.bookings.find((b) => b.day === day && b.mealPeriodId === period.id);
    const cutoff = cutoffAt(period, day);
    const open = now < cutoff;
    return (
      <View key={period.id} className="meals__item" data-period={period.id} data-booked={booking ? booking.status : 'none'}>
        <View className="meals__head">
          <Text className="meals__name">{period.name}</Text>
          <Text className="meals__time">{`${shortTime(period.starts)}–${shortTime(period.ends)}`}</Text>
        </View>
        <Text className="meals__meta">{open ? t('meals.cutoff', { at: momentOf(new Date(cutoff).toISOString()) }) : t('meals.closed')}</Text>
        {booking ? (
          <View className="meals__booked">
            <Text className={`meals__badge meals__badge--${booking.status}`}>
              {STATUS_LABEL[booking.status] ? t(STATUS_LABEL[booking.status]!) : booking.status}
              {canteenName(booking.merchantId) ? ` · ${canteenName(booking.merchantId)}` : ''}
            </Text>
            {booking.status === 'booked' && open && (
              <Button
                className="meals__cancel"
                size="mini"
                loading={busy === booking.id || undefined}
                disabled={busy !== null || undefined}
                onClick={() => void run(booking.id, () => mealService.cancel(booking.id), t('meals.cancelled'))}
              >
                {t('meals.cancel')}
              </Button>
            )}
          </View>
        ) : open ? (
          <View className="meals__actions">
            {data.canteens.map((canteen) => {
              const key = `${period.id}:${canteen.id}`;
              return (
                <Button
                  key={canteen.id}
                  className="meals__book"
                  size="mini"
                  type="primary"
                  data-canteen={canteen.id}
                  loading={busy === key || undefined}
                  disabled={busy !== null || undefined}
                  onClick={() => void run(key, () => mealService.book(canteen.id, period.id, day), t('meals.booked'))}
                >
                  {data.canteens.length > 1 ? t('meals.bookAt', { canteen: canteen.name }) : t('meals.book')}
                </Button>
              );
            })}
          </View>
        ) : null}
      </View>
    );
  };

  const dayCounts = data.headcounts.filter((h) => h.day === day);

  return (
    <View className="meals">
      <View className="meals__days">
        {days.map((d) => (
          <Text key={d} className={`meals__day${d === day ? ' meals__day--chosen' : ''}`} data-day={d} onClick={() => setDay(d)}>
            {dayLabel(d)}
          </Text>
        ))}
      </View>

      {data.operated.length > 0 && (
        <View className="meals__tabs">
          <Text className={`meals__tab${view === 'book' ? ' meals__tab--chosen' : ''}`} onClick={() => setView('book')}>
            {t('meals.tabBook')}
          </Text>
          <Text className={`meals__tab meals__tab--headcount${view === 'headcount' ? ' meals__tab--chosen' : ''}`} onClick={() => setView('headcount')}>
            {t('meals.tabHeadcount')}
          </Text>
        </View>
      )}

      {view === 'headcount' && data.operated.length > 0 ? (
        <View className="meals__headcounts">
          {dayCounts.length === 0 ? (
            <Text className="meals__empty">{t('meals.headcountEmpty')}</Text>
          ) : (
            dayCounts.map((row) => (
              <View key={`${row.merchantId}:${row.mealPeriodId}`} className="meals__count" data-merchant={row.merchantId} data-period={row.mealPeriodId}>
                <View className="meals__head">
                  <Text className="meals__name">{`${row.merchantName} · ${row.mealName}`}</Text>
                  <Text className="meals__to-prepare">{t('meals.toPrepare', { count: row.toPrepare })}</Text>
                </View>
                <Text className="meals__meta">
                  {t('meals.countLine', { booked: row.booked, redeemed: row.redeemed, noShow: row.noShow, cancelled: row.cancelled })}
                </Text>
              </View>
            ))
          )}
        </View>
      ) : data.periods.length === 0 || data.canteens.length === 0 ? (
        <Text className="meals__empty">{t('meals.empty')}</Text>
      ) : (
        <View className="meals__list">{data.periods.map(renderPeriod)}</View>
      )}
    </View>
  );
}
