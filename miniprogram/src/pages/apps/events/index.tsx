import { Button, Text, Textarea, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { StatusView } from '../../../components/status-view';
import { t } from '../../../i18n';
import { momentOf, scenarioErrorMessage } from '../../../lib/scenario';
import { formatWindow } from '../../../lib/visits';
import { IS_H5 } from '../../../platform/env';
import { currentPosition } from '../../../platform/location';
import { reLaunch } from '../../../platform/navigation';
import { isScanCancelled, scanQrCode } from '../../../platform/scan';
import { showToast } from '../../../platform/ui';
import { isSessionError } from '../../../services/errors';
import { eventService, type Attendance, type CheckinResult, type EventItem } from '../../../services/event.service';
import { isSignedIn, useSessionStore } from '../../../stores/session.store';
import './index.scss';

/** The big-screen code's text starts with this (shared/events/event-code). */
const EVENT_CODE_PREFIX = 'YMEV1.';

type Outcome = { ok: true; result: CheckinResult } | { ok: false; message: string };

const KIND_LABEL: Record<string, Parameters<typeof t>[0]> = {
  meeting: 'events.kind.meeting',
  training: 'events.kind.training',
  event: 'events.kind.event',
};

// 活动签到: the events of my org with their windows and venue, my attendance,
// and 扫码签到/签退: scan the organiser's big-screen code (H5: paste it), get
// the location (events with a geofence need it), POST event-checkin; the
// server's refusal (outside_geofence with the distance, code_expired,
// not_in_window...) is shown as it says it.
export default function EventsPage() {
  const session = useSessionStore((state) => state.session);
  const signOut = useSessionStore((state) => state.signOut);
  const signedIn = isSignedIn(session);
  const orgId = session?.member?.orgId;
  const memberId = session?.member?.id;
  const [events, setEvents] = useState<EventItem[] | null>(null);
  const [attendance, setAttendance] = useState<Record<string, Attendance>>({});
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    if (!signedIn) void reLaunch('login');
    else if (!memberId) void reLaunch('claim');
  }, [signedIn, memberId]);

  const fail = useCallback(
    (caught: unknown): string | null => {
      if (isSessionError(caught)) {
        showToast(scenarioErrorMessage(caught));
        signOut();
        return null;
      }
      return scenarioErrorMessage(caught);
    },
    [signOut],
  );

  const load = useCallback(async () => {
    if (!orgId || !memberId) return;
    setError(null);
    try {
      const list = await eventService.list(orgId);
      const mine = await eventService.myAttendance({ orgId, memberId }, list.map((e) => e.id));
      setAttendance(Object.fromEntries(mine.map((a) => [a.eventId, a])));
      setEvents(list);
    } catch (caught) {
      const message = fail(caught);
      if (message) setError(message);
    }
  }, [orgId, memberId, fail]);

  useEffect(() => {
    void load();
  }, [load]);

  const checkin = async (text: string) => {
    if (busy) return;
    const scanned = text.trim();
    if (!scanned) {
      setOutcome({ ok: false, message: t('events.codeEmpty') });
      return;
    }
    if (!scanned.startsWith(EVENT_CODE_PREFIX)) {
      setOutcome({ ok: false, message: t('events.notEventCode') });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      // No location (refused, no GPS): send without it; the server says if the event needs it.
      const position = await currentPosition();
      const result = await eventService.checkin({
        code: scanned,
        ...(position ? { latitude: position.latitude, longitude: position.longitude, ...(position.accuracy !== null ? { accuracyM: position.accuracy } : {}) } : {}),
      });
      setOutcome({ ok: true, result });
      setCode('');
      void load();
    } catch (caught) {
      const message = fail(caught);
      if (message) setOutcome({ ok: false, message });
    } finally {
      setBusy(false);
    }
  };

  const scan = async () => {
    try {
      await checkin(await scanQrCode());
    } catch (caught) {
      if (!isScanCancelled(caught)) setOutcome({ ok: false, message: scenarioErrorMessage(caught) });
    }
  };

  const renderOutcome = (value: Outcome) => {
    if (!value.ok) {
      return (
        <View className="events__outcome events__outcome--refused" data-outcome="refused">
          <Text className="events__outcome-title">{t('events.refused')}</Text>
          <Text className="events__outcome-text">{value.message}</Text>
        </View>
      );
    }
    const { result } = value;
    return (
      <View className="events__outcome events__outcome--ok" data-outcome="ok">
        <Text className="events__outcome-title">{result.action === 'in' ? t('events.signedIn') : t('events.signedOut')}</Text>
        {result.title && <Text className="events__outcome-text">{result.title}</Text>}
        {result.distanceM !== null && <Text className="events__outcome-text">{t('events.distance', { meters: result.distanceM })}</Text>}
      </View>
    );
  };

  const renderEvent = (event: EventItem) => {
    const mine = attendance[event.id];
    return (
      <View key={event.id} className="events__item" data-event={event.id}>
        <View className="events__head">
          <Text className="events__title">{event.title}</Text>
          <Text className="events__kind">{KIND_LABEL[event.kind] ? t(KIND_LABEL[event.kind]!) : event.kind}</Text>
        </View>
        <Text className="events__meta">{t('events.signInWindow', { window: formatWindow(event.signInFrom, event.signInUntil) })}</Text>
        {event.signOutFrom && event.signOutUntil && (
          <Text className="events__meta">{t('events.signOutWindow', { window: formatWindow(event.signOutFrom, event.signOutUntil) })}</Text>
        )}
        {event.locationName && <Text className="events__meta">{t('events.location', { location: event.locationName })}</Text>}
        {event.radiusM !== null && <Text className="events__meta">{t('events.geofence', { meters: event.radiusM })}</Text>}
        <Text className={`events__status events__status--${mine ? (mine.signedOutAt ? 'out' : 'in') : 'none'}`}>
          {mine
            ? mine.signedOutAt
              ? t('events.statusSignedOut', { at: momentOf(mine.signedOutAt) })
              : t('events.statusSignedIn', { at: momentOf(mine.signedInAt) })
            : t('events.statusNone')}
        </Text>
      </View>
    );
  };

  return (
    <View className="events">
      <View className="events__checkin">
        <Text className="events__intro">{t('events.intro')}</Text>
        {outcome && renderOutcome(outcome)}
        {IS_H5 ? (
          <View className="events__manual">
            <Textarea
              className="events__input"
              value={code}
              maxlength={300}
              placeholder={t('events.pastePlaceholder')}
              onInput={(event) => setCode(event.detail?.value ?? '')}
            />
            <Button className="events__submit" type="primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void checkin(code)}>
              {busy ? t('events.checkingIn') : t('events.submit')}
            </Button>
          </View>
        ) : (
          <Button className="events__scan" type="primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void scan()}>
            {busy ? t('events.checkingIn') : t('events.scan')}
          </Button>
        )}
      </View>
      {!events ? (
        <StatusView loading={!error} error={error} onRetry={() => void load()} />
      ) : (
        <View className="events__list">
          <Text className="events__heading">{t('events.listHeading')}</Text>
          {events.length === 0 ? <Text className="events__empty">{t('events.empty')}</Text> : events.map(renderEvent)}
        </View>
      )}
    </View>
  );
}
