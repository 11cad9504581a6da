import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { ScanOrPaste } from '../../../components/scan-or-paste';
import { StatusView } from '../../../components/status-view';
import { useAsyncData, useFailureMessage, useMemberPage } from '../../../hooks/use-member-page';
import { t } from '../../../i18n';
import { momentOf, scenarioErrorMessage } from '../../../lib/scenario';
import { formatWindow } from '../../../lib/visits';
import { currentPosition } from '../../../platform/location';
import { eventService, type Attendance, type CheckinResult, type EventItem } from '../../../services/event.service';
import './index.scss';

/** The big-screen code's text starts with this (shared/events/event-code). */
const EVENT_CODE_PREFIX = 'YMEV1.';

type Outcome = { ok: true; result: CheckinResult } | { ok: false; message: string };

const KIND_LABEL: Record<string, Parameters<typeof t>[0]> = {
  meeting: 'events.kind.meeting',
  training: 'events.kind.training',
  event: 'events.kind.event',
};

async function loadEvents(orgId: string, memberId: string): Promise<{ events: EventItem[]; attendance: Record<string, Attendance> }> {
  const events = await eventService.list(orgId);
  const mine = await eventService.myAttendance({ orgId, memberId }, events.map((e) => e.id));
  return { events, attendance: Object.fromEntries(mine.map((a) => [a.eventId, a])) };
}

// 活动签到: the events of my org with their windows and venue, my attendance,
// and 扫码签到/签退: scan the organiser's big-screen code (H5: paste it), get
// the location (events with a geofence need it), POST event-checkin; the
// server's refusal (outside_geofence with the distance, code_expired,
// not_in_window...) is shown as it says it.
export default function EventsPage() {
  const { orgId, memberId } = useMemberPage();
  const fail = useFailureMessage(scenarioErrorMessage);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const { data, error, reload: load } = useAsyncData(
    useCallback(() => (orgId && memberId ? loadEvents(orgId, memberId) : null), [orgId, memberId]),
    fail,
  );
  const events = data?.events ?? null;
  const attendance = data?.attendance ?? {};

  const checkin = async (text: string): Promise<boolean> => {
    if (busy) return false;
    const scanned = text.trim();
    if (!scanned) {
      setOutcome({ ok: false, message: t('events.codeEmpty') });
      return false;
    }
    if (!scanned.startsWith(EVENT_CODE_PREFIX)) {
      setOutcome({ ok: false, message: t('events.notEventCode') });
      return false;
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
      void load();
      return true;
    } catch (caught) {
      const message = fail(caught);
      if (message) setOutcome({ ok: false, message });
      return false;
    } finally {
      setBusy(false);
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
        <ScanOrPaste
          block="events"
          multiline
          maxlength={300}
          placeholder={t('events.pastePlaceholder')}
          scanLabel={busy ? t('events.checkingIn') : t('events.scan')}
          submitLabel={busy ? t('events.checkingIn') : t('events.submit')}
          busy={busy}
          onCode={checkin}
          onScanError={(caught) => setOutcome({ ok: false, message: scenarioErrorMessage(caught) })}
        />
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
