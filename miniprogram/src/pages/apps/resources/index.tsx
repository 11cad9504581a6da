import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { StatusView } from '../../../components/status-view';
import { t } from '../../../i18n';
import { clockOf, dayBounds, dayLabel, momentOf, nextDays, scenarioErrorMessage } from '../../../lib/scenario';
import { beijingParts, windowIso } from '../../../lib/visits';
import { showToast } from '../../../platform/ui';
import { AppError } from '../../../services/errors';
import { resourceService, type OpenHours, type Resource, type ResourceBooking } from '../../../services/resource.service';
import { useFailureMessage, useMemberPage } from '../../../hooks/use-member-page';
import './index.scss';

/** Days offered for booking. */
export const RESOURCE_DAYS = 7;

const pad = (n: number) => String(n).padStart(2, '0');

/** The next whole hour (Beijing) and one hour after it, as the default slot; `24:00` never. */
export function defaultSlot(now: Date = new Date()): { start: string; end: string } {
  const hour = Math.min(beijingParts(now).hours + 1, 22);
  return { start: `${pad(hour)}:00`, end: `${pad(hour + 1)}:00` };
}

const WEEKDAY = ['', '一', '二', '三', '四', '五', '六', '日'];

/** `08:00–20:00（周一、二、三）`; empty list = always open. */
export function openHoursLine(hours: OpenHours[]): string {
  if (!hours.length) return t('resources.alwaysOpen');
  return hours
    .map((h) => {
      const span = `${h.start}–${h.end}`;
      return h.days && h.days.length && h.days.length < 7 ? `${span}（${t('resources.weekdays', { days: h.days.map((d) => WEEKDAY[d] ?? d).join('、') })}）` : span;
    })
    .join('；');
}

const STATUS_LABEL: Record<string, Parameters<typeof t>[0]> = {
  pending: 'resources.status.pending',
  approved: 'resources.status.approved',
  rejected: 'resources.status.rejected',
  cancelled: 'resources.status.cancelled',
  checked_in: 'resources.status.checked_in',
  no_show: 'resources.status.no_show',
  expired: 'resources.status.expired',
};
const statusLabel = (status: string) => (STATUS_LABEL[status] ? t(STATUS_LABEL[status]!) : status);

/** 签到 is open from 10 minutes before to 15 minutes after the start (resource_check_in). */
export function canCheckIn(booking: ResourceBooking, now: number = Date.now()): boolean {
  const start = Date.parse(booking.from);
  return booking.status === 'approved' && now >= start - 10 * 60_000 && now <= start + 15 * 60_000;
}

const KIND_LABEL: Record<string, Parameters<typeof t>[0]> = {
  room: 'resources.kind.room',
  device: 'resources.kind.device',
  space: 'resources.kind.space',
  other: 'resources.kind.other',
};

// 资源预约: the org's rooms / devices / spaces; choose one and a day to see
// its taken slots (live bookings overlapping the day), book a slot
// (resource_book: YM601 taken, YM602 with the reason), and my bookings with
// 取消 and 签到 (10 minutes before to 15 after the start).
export default function ResourcesPage() {
  const { orgId, memberId } = useMemberPage();
  const fail = useFailureMessage(scenarioErrorMessage);
  const days = useMemo(() => nextDays(RESOURCE_DAYS), []);
  const [resources, setResources] = useState<Resource[] | null>(null);
  const [mine, setMine] = useState<ResourceBooking[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Resource | null>(null);
  const [day, setDay] = useState(days[0]!);
  const [taken, setTaken] = useState<ResourceBooking[] | null>(null);
  const [slot, setSlot] = useState(() => defaultSlot());
  const [attendees, setAttendees] = useState('1');
  const [purpose, setPurpose] = useState('');
  const [bookError, setBookError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!orgId || !memberId) return;
    setError(null);
    try {
      const [list, bookings] = await Promise.all([resourceService.list(orgId), resourceService.mine({ orgId, memberId })]);
      setMine(bookings);
      setResources(list);
    } catch (caught) {
      const message = fail(caught);
      if (message) setError(message);
    }
  }, [orgId, memberId, fail]);

  useEffect(() => {
    void load();
  }, [load]);

  const loadTaken = useCallback(async () => {
    if (!orgId || !chosen) return;
    setTaken(null);
    const bounds = dayBounds(day);
    try {
      setTaken(await resourceService.taken(orgId, chosen.id, bounds.from, bounds.until));
    } catch (caught) {
      const message = fail(caught);
      if (message) showToast(message);
      setTaken([]);
    }
  }, [orgId, chosen, day, fail]);

  useEffect(() => {
    void loadTaken();
  }, [loadTaken]);

  const book = async () => {
    if (!chosen || busy) return;
    setBookError(null);
    const count = Number(attendees);
    if (!Number.isInteger(count) || count < 1) {
      setBookError(t('resources.attendeesInvalid'));
      return;
    }
    const fromIso = windowIso(day, slot.start);
    const untilIso = slot.end === '00:00' || slot.end === '24:00' ? dayBounds(day).until : windowIso(day, slot.end);
    if (Date.parse(untilIso) <= Date.parse(fromIso)) {
      setBookError(t('resources.endAfterStart'));
      return;
    }
    setBusy('book');
    try {
      const result = await resourceService.book({ resourceId: chosen.id, fromIso, untilIso, attendees: count, purpose: purpose.trim() || null });
      showToast(result.status === 'pending' ? t('resources.bookedPending') : t('resources.booked'));
      setPurpose('');
      await Promise.all([loadTaken(), load()]);
    } catch (caught) {
      if (caught instanceof AppError && caught.code === 'YM601') {
        setBookError(t('resources.slotTaken'));
        void loadTaken();
      } else {
        const message = fail(caught);
        if (message) setBookError(message);
      }
    } finally {
      setBusy(null);
    }
  };

  const act = async (booking: ResourceBooking, work: () => Promise<void>, done: string) => {
    if (busy) return;
    setBusy(booking.id);
    try {
      await work();
      showToast(done);
      await load();
      if (chosen?.id === booking.resourceId) void loadTaken();
    } catch (caught) {
      const message = fail(caught);
      if (message) showToast(message);
    } finally {
      setBusy(null);
    }
  };

  if (!resources) return <StatusView loading={!error} error={error} onRetry={() => void load()} />;

  const resourceName = (booking: ResourceBooking) => booking.resourceName ?? resources.find((r) => r.id === booking.resourceId)?.name ?? '';
  const upcoming = mine.filter((b) => Date.parse(b.until) > Date.now() && ['pending', 'approved', 'checked_in'].includes(b.status));
  const past = mine.filter((b) => !upcoming.includes(b)).slice(0, 10);

  const renderMine = (booking: ResourceBooking) => (
    <View key={booking.id} className="resources__booking" data-booking={booking.id} data-status={booking.status}>
      <View className="resources__head">
        <Text className="resources__name">{resourceName(booking)}</Text>
        <Text className={`resources__badge resources__badge--${booking.status}`}>{statusLabel(booking.status)}</Text>
      </View>
      <Text className="resources__meta">{`${momentOf(booking.from)}–${clockOf(booking.until)}`}</Text>
      {booking.purpose && <Text className="resources__meta">{booking.purpose}</Text>}
      {booking.reason && <Text className="resources__meta">{t('resources.reason', { reason: booking.reason })}</Text>}
      {(booking.status === 'pending' || booking.status === 'approved') && (
        <View className="resources__actions">
          {canCheckIn(booking) && (
            <Button
              className="resources__check-in"
              size="mini"
              type="primary"
              disabled={busy !== null || undefined}
              loading={busy === booking.id || undefined}
              onClick={() => void act(booking, () => resourceService.checkIn(booking.id), t('resources.checkedIn'))}
            >
              {t('resources.checkIn')}
            </Button>
          )}
          <Button
            className="resources__cancel"
            size="mini"
            disabled={busy !== null || undefined}
            onClick={() => void act(booking, () => resourceService.cancel(booking.id), t('resources.cancelled'))}
          >
            {t('resources.cancel')}
          </Button>
        </View>
      )}
    </View>
  );

  return (
    <View className="resources">
      <Text className="resources__heading">{t('resources.listHeading')}</Text>
      {resources.length === 0 ? (
        <Text className="resources__empty">{t('resources.empty')}</Text>
      ) : (
        <View className="resources__list">
          {resources.map((resource) => (
            <View
              key={resource.id}
              className={`resources__item${chosen?.id === resource.id ? ' resources__item--chosen' : ''}`}
              data-resource={resource.id}
              onClick={() => {
                setChosen(chosen?.id === resource.id ? null : resource);
                setBookError(null);
              }}
            >
              <View className="resources__head">
                <Text className="resources__name">{resource.name}</Text>
                <Text className="resources__kind">{KIND_LABEL[resource.kind] ? t(KIND_LABEL[resource.kind]!) : resource.kind}</Text>
              </View>
              <Text className="resources__meta">
                {[resource.location, t('resources.capacity', { count: resource.capacity }), t('resources.maxHours', { hours: resource.maxHours })]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              <Text className="resources__meta">{t('resources.openHours', { hours: openHoursLine(resource.openHours) })}</Text>
              {resource.requiresApproval && <Text className="resources__meta">{t('resources.needsApproval')}</Text>}
            </View>
          ))}
        </View>
      )}

      {chosen && (
        <View className="resources__booker" data-resource={chosen.id}>
          <Text className="resources__heading">{t('resources.bookHeading', { name: chosen.name })}</Text>
          <View className="resources__days">
            {days.map((d) => (
              <Text key={d} className={`resources__day${d === day ? ' resources__day--chosen' : ''}`} data-day={d} onClick={() => setDay(d)}>
                {dayLabel(d)}
              </Text>
            ))}
          </View>
          <View className="resources__taken">
            <Text className="resources__label">{t('resources.takenHeading')}</Text>
            {!taken ? (
              <Text className="resources__meta">{t('common.loading')}</Text>
            ) : taken.length === 0 ? (
              <Text className="resources__meta resources__free">{t('resources.allFree')}</Text>
            ) : (
              taken.map((b) => (
                <Text key={b.id} className="resources__slot" data-slot={b.id}>
                  {`${beijingParts(new Date(b.from)).date === day ? clockOf(b.from) : momentOf(b.from)}–${clockOf(b.until)} ${statusLabel(b.status)}${b.memberId === memberId ? t('resources.mineMark') : ''}`}
                </Text>
              ))
            )}
          </View>
          <View className="resources__times">
            <Picker mode="time" value={slot.start} onChange={(event) => setSlot((s) => ({ ...s, start: String(event.detail?.value ?? s.start) }))}>
              <View className="resources__picker resources__start">{t('resources.start', { time: slot.start })}</View>
            </Picker>
            <Picker mode="time" value={slot.end} onChange={(event) => setSlot((s) => ({ ...s, end: String(event.detail?.value ?? s.end) }))}>
              <View className="resources__picker resources__end">{t('resources.end', { time: slot.end })}</View>
            </Picker>
          </View>
          <View className="resources__field">
            <Text className="resources__label">{t('resources.attendees')}</Text>
            <Input className="resources__input resources__attendees" type="number" value={attendees} maxlength={5} onInput={(event) => setAttendees(event.detail?.value ?? '')} />
          </View>
          <View className="resources__field">
            <Text className="resources__label">{t('resources.purpose')}</Text>
            <Input className="resources__input resources__purpose" value={purpose} maxlength={200} onInput={(event) => setPurpose(event.detail?.value ?? '')} />
          </View>
          {bookError && <Text className="resources__error">{bookError}</Text>}
          <Button className="resources__book" type="primary" loading={busy === 'book' || undefined} disabled={busy !== null || undefined} onClick={() => void book()}>
            {t('resources.book')}
          </Button>
        </View>
      )}

      <View className="resources__mine">
        <Text className="resources__heading">{t('resources.mineHeading')}</Text>
        {upcoming.length === 0 && past.length === 0 ? <Text className="resources__empty">{t('resources.mineEmpty')}</Text> : null}
        {upcoming.map(renderMine)}
        {past.length > 0 && <Text className="resources__label">{t('resources.pastHeading')}</Text>}
        {past.map(renderMine)}
      </View>
    </View>
  );
}
