import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { QrCode } from '../../components/qr-code';
import { StatusView } from '../../components/status-view';
import { t } from '../../i18n';
import { isPassRefusal, visitErrorMessage } from '../../lib/visit-messages';
import { formatWindow, statusLabel } from '../../lib/visits';
import { pageParams } from '../../platform/navigation';
import { visitService, type VisitPass } from '../../services/visit.service';
import './pass.scss';

/** While pending, ask again this often (the host approves in the mini-program). */
export const PASS_POLL_MS = 10_000;

// 访客通行证 (pages/visitor/pass?t=<visitor token>): PUBLIC, no sign-in. Pending:
// 等待被访人审批, asked again every 10 s. Approved / checked in: a large QR of
// the pass with the visitor, host, site and window. Rejected, cancelled,
// expired or unknown: a refusal, never a QR.
export default function VisitorPassPage() {
  const token = useMemo(() => pageParams().t ?? '', []);
  const [pass, setPass] = useState<VisitPass | null>(null);
  const [refusal, setRefusal] = useState<{ code: string; message: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!token) {
      setRefusal({ code: 'invalid_link', message: t('visitorPass.noToken') });
      return;
    }
    try {
      const loaded = await visitService.pass(token);
      setError(null);
      setPass(loaded);
    } catch (caught) {
      if (isPassRefusal(caught)) {
        setPass(null);
        setRefusal({ code: caught.code, message: visitErrorMessage(caught) });
      } else setError(visitErrorMessage(caught));
    }
  }, [token]);

  useEffect(() => {
    void load();
  }, [load]);

  const pending = pass?.visit.status === 'pending';
  useEffect(() => {
    if (!pending || refusal) return undefined;
    const timer = setInterval(() => void load(), PASS_POLL_MS);
    return () => clearInterval(timer);
  }, [pending, refusal, load]);

  if (refusal) {
    return (
      <View className="visitor-pass visitor-pass--refused" data-reason={refusal.code}>
        <Text className="visitor-pass__refused-title">{t('visitorPass.refusedTitle')}</Text>
        <Text className="visitor-pass__refusal">{refusal.message}</Text>
      </View>
    );
  }
  if (!pass) return <StatusView loading={!error} error={error} onRetry={() => void load()} />;

  const { visit, code } = pass;
  return (
    <View className={`visitor-pass visitor-pass--${visit.status}`} data-status={visit.status}>
      {visit.orgName && <Text className="visitor-pass__org">{visit.orgName}</Text>}
      {pending || !code ? (
        <View className="visitor-pass__waiting">
          <Text className="visitor-pass__waiting-title">{t('visitorPass.pending')}</Text>
          <Text className="visitor-pass__waiting-hint">{t('visitorPass.pendingHint')}</Text>
        </View>
      ) : (
        <View className="visitor-pass__code">
          <QrCode text={code} label={t('visitorPass.qrLabel')} />
          <Text className="visitor-pass__status">{statusLabel(visit.status)}</Text>
        </View>
      )}
      <View className="visitor-pass__details">
        <Text className="visitor-pass__name">{visit.visitorName ?? ''}</Text>
        <View className="visitor-pass__row">
          <Text className="visitor-pass__label">{t('visitorPass.host')}</Text>
          <Text className="visitor-pass__value visitor-pass__host">{visit.hostName ?? ''}</Text>
        </View>
        {visit.siteName && (
          <View className="visitor-pass__row">
            <Text className="visitor-pass__label">{t('visitorPass.site')}</Text>
            <Text className="visitor-pass__value">{visit.siteName}</Text>
          </View>
        )}
        {visit.windowFrom && visit.windowUntil && (
          <View className="visitor-pass__row">
            <Text className="visitor-pass__label">{t('visitorPass.window')}</Text>
            <Text className="visitor-pass__value visitor-pass__window">{formatWindow(visit.windowFrom, visit.windowUntil)}</Text>
          </View>
        )}
        {visit.companions > 0 && (
          <View className="visitor-pass__row">
            <Text className="visitor-pass__label">{t('visitorPass.companions')}</Text>
            <Text className="visitor-pass__value">{t('visitorPass.companionsCount', { count: visit.companions })}</Text>
          </View>
        )}
      </View>
      {!pending && code && <Text className="visitor-pass__hint">{t('visitorPass.showAtGate')}</Text>}
    </View>
  );
}
