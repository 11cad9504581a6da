import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { codeWallet, useCodeCredential } from '../../hooks/use-code-credential';
import { useDynamicCode } from '../../hooks/use-dynamic-code';
import { isClockFarOff } from '../../lib/clock-offset';
import { formatMoment } from '../../lib/format-time';
import { t } from '../../i18n';
import { onUserCaptureScreen, setHiddenOnCapture } from '../../platform/capture';
import { usePageVisible } from '../../platform/lifecycle';
import { showToast } from '../../platform/ui';
import { codeService } from '../../services/code.service';
import { QrCode } from '../qr-code';
import './index.scss';

export interface DynamicCodeProps {
  orgId: string;
  memberId: string;
  /** The server refused the session while enrolling: the page signs out. */
  onSessionExpired?: (message: string) => void;
}

/**
 * The member's dynamic code: enrols when needed, then shows a code made on
 * the phone that changes every step (and on tap), with a countdown. Works
 * offline from the stored credential until it expires.
 */
export function DynamicCode({ orgId, memberId, onSessionExpired }: DynamicCodeProps) {
  const wallet = codeWallet();
  const { state, reload } = useCodeCredential({ orgId, memberId });
  const ensured = state.status === 'ready' ? state.ensured : null;
  const visible = usePageVisible();
  const { frame, secondsLeft, expired, refresh, clockOffsetMs } = useDynamicCode(ensured, wallet, visible);
  const credentialId = ensured?.credential.credentialId ?? null;

  useEffect(() => {
    if (state.status === 'error' && state.sessionExpired) onSessionExpired?.(state.message);
  }, [state, onSessionExpired]);

  // Screenshot defence (protocol section 16) while a code is on screen, as the
  // org's code_settings say (both on until they are known, and when offline).
  // A screenshot is recorded on the phone, reported to the server as a risk
  // event, and the user is warned; a failed report keeps the local record.
  const [capture, setCapture] = useState({ screenshotReport: true, hideOnCapture: true });
  useEffect(() => {
    let live = true;
    codeService.captureSettings(orgId).then((s) => { if (live) setCapture(s); }, () => undefined);
    return () => { live = false; };
  }, [orgId]);
  const showing = !!frame && visible;
  useEffect(() => {
    if (!showing) return undefined;
    if (capture.hideOnCapture) setHiddenOnCapture(true);
    const unsubscribe = onUserCaptureScreen(() => {
      wallet.recordCapture({ at: Date.now(), orgId, memberId, credentialId });
      if (capture.screenshotReport) {
        codeService.reportScreenshot({ orgId, memberId, credentialId })
          .catch((error: unknown) => console.warn('screenshot report failed; kept on the phone', error));
      }
      showToast(t('code.captureWarning'));
    });
    return () => {
      unsubscribe();
      if (capture.hideOnCapture) setHiddenOnCapture(false);
    };
  }, [showing, wallet, orgId, memberId, credentialId, capture]);

  if (state.status === 'loading') {
    return (
      <View className="dynamic-code dynamic-code--pending">
        <Text className="dynamic-code__note">{t('code.preparing')}</Text>
      </View>
    );
  }
  if (state.status === 'error' || expired) {
    return (
      <View className="dynamic-code dynamic-code--error">
        <Text className="dynamic-code__note">{state.status === 'error' ? state.message : t('code.expired')}</Text>
        <Button className="dynamic-code__retry" size="mini" onClick={() => void reload()}>
          {t('code.retry')}
        </Button>
      </View>
    );
  }
  if (!frame) {
    return (
      <View className="dynamic-code dynamic-code--pending">
        <Text className="dynamic-code__note">{t('code.preparing')}</Text>
      </View>
    );
  }
  const validUntil = formatMoment(state.ensured.credential.expiresAt * 1000);
  return (
    <View className="dynamic-code" data-counter={frame.counter}>
      <QrCode text={frame.text} label={t('code.qrLabel')} onTap={refresh} />
      <Text className="dynamic-code__countdown">{t('code.countdown', { seconds: secondsLeft })}</Text>
      <Text className="dynamic-code__hint">{t('code.hint')}</Text>
      {isClockFarOff(clockOffsetMs) && <Text className="dynamic-code__clock">{t('code.clockCorrected')}</Text>}
      {state.ensured.offline && validUntil && <Text className="dynamic-code__offline">{t('code.offline', { time: validUntil })}</Text>}
    </View>
  );
}
