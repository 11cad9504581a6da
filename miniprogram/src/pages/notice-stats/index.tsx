import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { StatusView } from '../../components/status-view';
import { useNoticeError } from '../../hooks/use-notice-error';
import { t } from '../../i18n';
import { formatMoment } from '../../lib/format-time';
import { statusLabel, templateLabel } from '../../lib/notices';
import { reLaunch } from '../../platform/navigation';
import { noticeService, type NoticeStats, type SentNotice } from '../../services/notice.service';
import { isSignedIn, useSessionStore } from '../../stores/session.store';
import './index.scss';

type StatsState = { loading: true } | { error: string } | { stats: NoticeStats };

// The notices I sent, newest first; tap one for its read statistics per
// department (notice_stats, which only a notice's managers may call).
export default function NoticeStatsPage() {
  const session = useSessionStore((state) => state.session);
  const signedIn = isSignedIn(session);
  const orgId = session?.member?.orgId;
  const memberId = session?.member?.id;
  const [notices, setNotices] = useState<SentNotice[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [stats, setStats] = useState<Record<string, StatsState>>({});

  const explain = useNoticeError();

  const load = useCallback(async () => {
    if (!orgId || !memberId) return;
    setError(null);
    try {
      setNotices(await noticeService.listSent({ orgId, memberId }));
    } catch (caught) {
      const message = explain(caught);
      if (message) setError(message);
    }
  }, [orgId, memberId, explain]);

  useEffect(() => {
    if (!signedIn) void reLaunch('login');
    else if (!memberId) void reLaunch('claim');
    else void load();
  }, [signedIn, memberId, load]);

  const toggle = async (notice: SentNotice) => {
    if (open === notice.id) {
      setOpen(null);
      return;
    }
    setOpen(notice.id);
    setStats((current) => ({ ...current, [notice.id]: { loading: true } }));
    try {
      const loaded = await noticeService.stats(notice.id);
      setStats((current) => ({ ...current, [notice.id]: { stats: loaded } }));
    } catch (caught) {
      const message = explain(caught);
      setStats((current) => ({ ...current, [notice.id]: { error: message ?? '' } }));
    }
  };

  if (!signedIn || !memberId) return <StatusView loading />;
  if (!notices) return <StatusView loading={!error} error={error} onRetry={() => void load()} />;
  if (notices.length === 0) return <Text className="stats__empty">{t('stats.empty')}</Text>;

  return (
    <View className="stats">
      {notices.map((notice) => {
        const state = stats[notice.id];
        return (
          <View key={notice.id} className="stats__notice" data-notice={notice.id}>
            <View className="stats__head" onClick={() => void toggle(notice)}>
              <Text className="stats__template">{templateLabel(notice.template)}</Text>
              <Text className="stats__title">{notice.title}</Text>
              <Text className="stats__status">{statusLabel(notice.status)}</Text>
            </View>
            <Text className="stats__time">
              {formatMoment(notice.sentAt ?? notice.createdAt) ?? ''} · {open === notice.id ? t('stats.hide') : t('stats.show')}
            </Text>
            {open === notice.id && state && (
              <View className="stats__detail">
                {'loading' in state && <Text className="stats__muted">{t('common.loading')}</Text>}
                {'error' in state && <Text className="stats__error">{state.error}</Text>}
                {'stats' in state && (
                  <>
                    <Text className="stats__summary">{t('stats.summary', { total: state.stats.total, read: state.stats.read })}</Text>
                    {notice.template === 'receipt' && <Text className="stats__muted">{t('stats.confirmed', { confirmed: state.stats.confirmed })}</Text>}
                    {notice.template === 'form' && <Text className="stats__muted">{t('stats.responses', { responses: state.stats.responses })}</Text>}
                    {state.stats.byDepartment.map((department) => (
                      <View key={department.departmentId} className="stats__row" data-department={department.departmentId}>
                        <Text className="stats__department">{department.name}</Text>
                        <Text className="stats__count">{t('stats.readOfTotal', { read: department.read, total: department.total })}</Text>
                      </View>
                    ))}
                  </>
                )}
              </View>
            )}
          </View>
        );
      })}
    </View>
  );
}
