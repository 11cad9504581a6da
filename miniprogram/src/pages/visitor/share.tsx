import { Button, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { QrCode } from '../../components/qr-code';
import { StatusView } from '../../components/status-view';
import { PAGE_PATHS } from '../../constants/routes';
import { t } from '../../i18n';
import { visitErrorMessage } from '../../lib/visit-messages';
import { IS_WEAPP } from '../../platform/env';
import { reLaunch } from '../../platform/navigation';
import { copyText, useSharePath } from '../../platform/share';
import { showToast } from '../../platform/ui';
import { isSessionError } from '../../services/errors';
import { visitService, type ApplyLink } from '../../services/visit.service';
import { isSignedIn, useSessionStore } from '../../stores/session.store';
import './share.scss';

// 分享申请链接: my apply link (visit-link, valid 30 days). H5 shows the URL and
// its QR to copy or show; WeChat also forwards the apply page through the
// share menu (the same page path with the token).
export default function ShareApplyLinkPage() {
  const session = useSessionStore((state) => state.session);
  const signOut = useSessionStore((state) => state.signOut);
  const signedIn = isSignedIn(session);
  const memberId = session?.member?.id;
  const memberName = session?.member?.name ?? '';
  const [link, setLink] = useState<ApplyLink | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!signedIn) void reLaunch('login');
    else if (!memberId) void reLaunch('claim');
  }, [signedIn, memberId]);

  const load = useCallback(async () => {
    if (!memberId) return;
    setError(null);
    try {
      setLink(await visitService.link());
    } catch (caught) {
      if (isSessionError(caught)) {
        showToast(visitErrorMessage(caught));
        signOut();
        return;
      }
      setError(visitErrorMessage(caught));
    }
  }, [memberId, signOut]);

  useEffect(() => {
    void load();
  }, [load]);

  useSharePath(link ? { title: t('visitorShare.shareTitle', { host: memberName }), path: `/${PAGE_PATHS.visitorApply}?t=${encodeURIComponent(link.token)}` } : null);

  const copy = async () => {
    if (!link) return;
    try {
      await copyText(link.url);
      showToast(t('visitorShare.copied'));
    } catch {
      showToast(t('visitorShare.copyFailed'));
    }
  };

  if (!link) return <StatusView loading={!error} error={error} onRetry={() => void load()} />;

  return (
    <View className="visitor-share">
      <Text className="visitor-share__intro">{t('visitorShare.intro')}</Text>
      <QrCode text={link.url} label={t('visitorShare.qrLabel')} />
      <Text className="visitor-share__url" selectable userSelect data-url={link.url}>
        {link.url}
      </Text>
      {link.expiresIn !== null && <Text className="visitor-share__expiry">{t('visitorShare.expires', { days: Math.max(1, Math.round(link.expiresIn / 86400)) })}</Text>}
      <Button className="visitor-share__copy" type="primary" onClick={() => void copy()}>
        {t('visitorShare.copy')}
      </Button>
      {IS_WEAPP && (
        <Button className="visitor-share__forward" openType="share">
          {t('visitorShare.forward')}
        </Button>
      )}
    </View>
  );
}
