import { Button, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { StatusView } from '../../components/status-view';
import { t } from '../../i18n';
import { formatMoment } from '../../lib/format-time';
import { sortNewestFirst, templateLabel, unreadCount, type NoticeSummary } from '../../lib/notices';
import { usePageVisible } from '../../platform/lifecycle';
import { navigateTo } from '../../platform/navigation';
import { showToast } from '../../platform/ui';
import { isSessionError, toAppError } from '../../services/errors';
import { noticeService } from '../../services/notice.service';
import { useMemberPage } from '../../hooks/use-member-page';
import './index.scss';

// 通知: the notices sent to me, newest first, unread ones marked. Department
// heads also get 发通知 and the statistics of what they sent. Reloaded each
// time the page shows, so a notice read on the detail page loses its mark.
export default function NoticesPage() {
  const { signOut, orgId, memberId } = useMemberPage();
  const [notices, setNotices] = useState<NoticeSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isHead, setIsHead] = useState(false);

  const load = useCallback(async () => {
    if (!orgId || !memberId) return;
    setError(null);
    try {
      setNotices(sortNewestFirst(await noticeService.listMine({ orgId, memberId })));
    } catch (caught) {
      const appError = toAppError(caught);
      if (isSessionError(appError)) {
        showToast(appError.message);
        signOut();
        return;
      }
      setError(appError.message);
    }
  }, [orgId, memberId, signOut]);

  useEffect(() => {
    if (!orgId || !memberId) return undefined;
    let current = true;
    noticeService.headedDepartments({ orgId, memberId }).then(
      (departments) => current && setIsHead(departments.length > 0),
      () => undefined, // no entry; the server re-checks anyway
    );
    return () => {
      current = false;
    };
  }, [orgId, memberId]);

  const visible = usePageVisible();
  useEffect(() => {
    if (visible) void load();
  }, [visible, load]);

  const unread = notices ? unreadCount(notices) : 0;

  return (
    <View className="notices">
      {isHead && (
        <View className="notices__actions">
          <Button className="notices__compose" size="mini" type="primary" onClick={() => void navigateTo('noticeCompose')}>
            {t('notices.compose')}
          </Button>
          <Button className="notices__stats" size="mini" onClick={() => void navigateTo('noticeStats')}>
            {t('notices.stats')}
          </Button>
        </View>
      )}
      {!notices && <StatusView loading={!error} error={error} onRetry={() => void load()} />}
      {notices && unread > 0 && <Text className="notices__unread-total">{t('notices.unreadCount', { count: unread })}</Text>}
      {notices && notices.length === 0 && <Text className="notices__empty">{t('notices.empty')}</Text>}
      {notices?.map((notice) => (
        <View
          key={notice.id}
          className={`notices__item${notice.readAt ? '' : ' notices__item--unread'}`}
          data-notice={notice.id}
          onClick={() => void navigateTo('notice', { id: notice.id })}
        >
          <View className="notices__head">
            <Text className={`notices__template notices__template--${notice.template}`}>{templateLabel(notice.template)}</Text>
            <Text className="notices__title">{notice.title}</Text>
            {!notice.readAt && <Text className="notices__badge">{t('notices.unread')}</Text>}
          </View>
          <Text className="notices__time">{notice.sentAt ? (formatMoment(notice.sentAt) ?? '') : ''}</Text>
        </View>
      ))}
    </View>
  );
}
