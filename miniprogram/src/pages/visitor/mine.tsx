import { Button, Text, Textarea, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { StatusView } from '../../components/status-view';
import { t } from '../../i18n';
import { visitErrorMessage } from '../../lib/visit-messages';
import { formatWindow, statusLabel } from '../../lib/visits';
import { navigateTo } from '../../platform/navigation';
import { showToast } from '../../platform/ui';
import { visitService, type VisitRow } from '../../services/visit.service';
import { useFailureMessage, useMemberPage } from '../../hooks/use-member-page';
import './mine.scss';

type Action = { kind: 'reject' | 'cancel'; visitId: string };

/** Pending first, then newest first (the list comes newest first). */
export function orderVisits(visits: VisitRow[]): VisitRow[] {
  return [...visits.filter((v) => v.status === 'pending'), ...visits.filter((v) => v.status !== 'pending')];
}

// 我的访客: the visits I host (pending ones on top with 同意 / 拒绝; 取消 while
// pending or approved), entries to 邀请访客 and 分享申请链接, and for site
// admins the visits of their sites waiting at level 2 (待我审批).
export default function MyVisitorsPage() {
  const { orgId, memberId } = useMemberPage();
  const fail = useFailureMessage(visitErrorMessage);
  const [hosted, setHosted] = useState<VisitRow[] | null>(null);
  const [toApprove, setToApprove] = useState<VisitRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!orgId || !memberId) return;
    setError(null);
    try {
      const me = { orgId, memberId };
      const [mine, siteIds] = await Promise.all([visitService.listHosted(me), visitService.mySiteIds(me).catch(() => [] as string[])]);
      const atSites = siteIds.length ? await visitService.pendingForSites(orgId, siteIds) : [];
      setHosted(orderVisits(mine));
      setToApprove(atSites);
    } catch (caught) {
      const message = fail(caught);
      if (message) setError(message);
    }
  }, [orgId, memberId, fail]);

  useEffect(() => {
    void load();
  }, [load]);

  const run = async (visitId: string, work: () => Promise<unknown>, done: string) => {
    if (busy) return;
    setBusy(visitId);
    try {
      await work();
      showToast(done);
      setAction(null);
      setReason('');
      await load();
    } catch (caught) {
      const message = fail(caught);
      if (message) showToast(message);
    } finally {
      setBusy(null);
    }
  };

  const approve = (visit: VisitRow) => void run(visit.id, () => visitService.decide(visit.id, 'approved'), t('visitors.approved'));

  const confirmAction = () => {
    if (!action) return;
    if (action.kind === 'reject') {
      if (!reason.trim()) {
        setReasonError(t('visitors.reasonRequired'));
        return;
      }
      void run(action.visitId, () => visitService.decide(action.visitId, 'rejected', reason), t('visitors.rejected'));
    } else {
      void run(action.visitId, () => visitService.cancel(action.visitId, reason.trim() || null), t('visitors.cancelled'));
    }
  };

  const open = (kind: Action['kind'], visitId: string) => {
    setAction({ kind, visitId });
    setReason('');
    setReasonError(null);
  };

  const renderVisit = (visit: VisitRow, mode: 'host' | 'site') => {
    const canDecide = visit.status === 'pending' && (mode === 'site' ? visit.approvalLevel === 2 : visit.approvalLevel === 1);
    const canCancel = mode === 'host' && (visit.status === 'pending' || visit.status === 'approved');
    const acting = action?.visitId === visit.id;
    return (
      <View key={`${mode}-${visit.id}`} className={`visitors__item visitors__item--${visit.status}`} data-visit={visit.id} data-status={visit.status}>
        <View className="visitors__head">
          <Text className="visitors__name">{visit.visitorName}</Text>
          <Text className={`visitors__badge visitors__badge--${visit.status}`}>{statusLabel(visit.status)}</Text>
        </View>
        {visit.visitorCompany && <Text className="visitors__meta">{visit.visitorCompany}</Text>}
        <Text className="visitors__meta">{formatWindow(visit.windowFrom, visit.windowUntil)}</Text>
        {(visit.siteName || (mode === 'site' && visit.hostName)) && (
          <Text className="visitors__meta">
            {[visit.siteName, mode === 'site' && visit.hostName ? t('visitors.hostIs', { host: visit.hostName }) : null].filter(Boolean).join(' · ')}
          </Text>
        )}
        {visit.purpose && <Text className="visitors__meta">{t('visitors.purpose', { purpose: visit.purpose })}</Text>}
        {visit.status === 'pending' && mode === 'host' && visit.approvalLevel === 2 && <Text className="visitors__meta">{t('visitors.waitingSite')}</Text>}
        {visit.status === 'rejected' && visit.rejectReason && <Text className="visitors__meta">{t('visitors.rejectReason', { reason: visit.rejectReason })}</Text>}
        {(canDecide || canCancel) && !acting && (
          <View className="visitors__actions">
            {canDecide && (
              <Button className="visitors__approve" size="mini" type="primary" disabled={busy !== null || undefined} onClick={() => approve(visit)}>
                {t('visitors.approve')}
              </Button>
            )}
            {canDecide && (
              <Button className="visitors__reject" size="mini" type="warn" disabled={busy !== null || undefined} onClick={() => open('reject', visit.id)}>
                {t('visitors.reject')}
              </Button>
            )}
            {canCancel && (
              <Button className="visitors__cancel" size="mini" disabled={busy !== null || undefined} onClick={() => open('cancel', visit.id)}>
                {t('visitors.cancel')}
              </Button>
            )}
          </View>
        )}
        {acting && (
          <View className="visitors__reason">
            <Textarea
              className="visitors__reason-input"
              value={reason}
              maxlength={200}
              placeholder={action.kind === 'reject' ? t('visitors.rejectPlaceholder') : t('visitors.cancelPlaceholder')}
              onInput={(event) => {
                setReason(event.detail?.value ?? '');
                setReasonError(null);
              }}
            />
            {reasonError && <Text className="visitors__reason-error">{reasonError}</Text>}
            <View className="visitors__actions">
              <Button className="visitors__confirm" size="mini" type="warn" loading={busy === visit.id || undefined} onClick={confirmAction}>
                {action.kind === 'reject' ? t('visitors.confirmReject') : t('visitors.confirmCancel')}
              </Button>
              <Button className="visitors__back" size="mini" onClick={() => setAction(null)}>
                {t('visitors.back')}
              </Button>
            </View>
          </View>
        )}
      </View>
    );
  };

  return (
    <View className="visitors">
      <View className="visitors__entries">
        <Button className="visitors__invite" type="primary" onClick={() => void navigateTo('visitorInvite')}>
          {t('visitors.inviteEntry')}
        </Button>
        <Button className="visitors__share" onClick={() => void navigateTo('visitorShare')}>
          {t('visitors.shareEntry')}
        </Button>
      </View>
      {!hosted ? (
        <StatusView loading={!error} error={error} onRetry={() => void load()} />
      ) : (
        <View className="visitors__lists">
          {toApprove.length > 0 && (
            <View className="visitors__section visitors__section--site">
              <Text className="visitors__heading">{t('visitors.toApprove')}</Text>
              {toApprove.map((visit) => renderVisit(visit, 'site'))}
            </View>
          )}
          <View className="visitors__section visitors__section--mine">
            <Text className="visitors__heading">{t('visitors.mine')}</Text>
            {hosted.length === 0 ? <Text className="visitors__empty">{t('visitors.empty')}</Text> : hosted.map((visit) => renderVisit(visit, 'host'))}
          </View>
        </View>
      )}
    </View>
  );
}
