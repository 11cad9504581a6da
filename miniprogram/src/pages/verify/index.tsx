import { Button, Text, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { t } from '../../i18n';
import { codeErrorMessage, verifyReasonMessage } from '../../lib/code-messages';
import { visitErrorMessage } from '../../lib/visit-messages';
import { formatWindow, statusLabel } from '../../lib/visits';
import { IS_H5 } from '../../platform/env';
import { navigateTo, reLaunch } from '../../platform/navigation';
import { isScanCancelled, scanQrCode } from '../../platform/scan';
import { showToast } from '../../platform/ui';
import { codeService, type VerifyVerdict } from '../../services/code.service';
import { isSessionError } from '../../services/errors';
import { visitService } from '../../services/visit.service';
import { isSignedIn, useSessionStore } from '../../stores/session.store';
import './index.scss';

/** A code is 390 characters; leave room for scanner noise (code-verify takes up to 1,024). */
const MAX_CODE_LENGTH = 1024;

// 验码: a guard (an admin group with the cards function) checks a member's
// dynamic code online with code-verify, which records the access event and
// refuses a code seen before. WeChat scans with the camera; H5 (and a
// keyboard-wedge scanner) pastes the text.
export default function VerifyPage() {
  const session = useSessionStore((state) => state.session);
  const signOut = useSessionStore((state) => state.signOut);
  const signedIn = isSignedIn(session);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [verdict, setVerdict] = useState<VerifyVerdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checkingOut, setCheckingOut] = useState(false);
  const [checkedOut, setCheckedOut] = useState(false);

  useEffect(() => {
    if (!signedIn) void reLaunch('login');
  }, [signedIn]);

  const verify = async (text: string) => {
    if (busy) return;
    if (!text?.trim()) {
      setError(t('verify.empty'));
      return;
    }
    setBusy(true);
    setError(null);
    setVerdict(null);
    setCheckedOut(false);
    try {
      setVerdict(await codeService.verify(text));
      setCode('');
    } catch (caught) {
      const message = codeErrorMessage(caught);
      if (isSessionError(caught)) {
        showToast(message);
        signOut();
        return;
      }
      setError(message);
    } finally {
      setBusy(false);
    }
  };

  // 签离: the visitor leaves (visit_checkout; the visit must be checked in).
  const checkout = async (visitId: string) => {
    if (checkingOut) return;
    setCheckingOut(true);
    try {
      await visitService.checkout(visitId);
      setCheckedOut(true);
      showToast(t('verify.checkedOut'));
    } catch (caught) {
      if (isSessionError(caught)) {
        showToast(visitErrorMessage(caught));
        signOut();
        return;
      }
      showToast(visitErrorMessage(caught));
    } finally {
      setCheckingOut(false);
    }
  };

  const scan = async () => {
    try {
      await verify(await scanQrCode());
    } catch (caught) {
      if (!isScanCancelled(caught)) setError(codeErrorMessage(caught));
    }
  };

  return (
    <View className="verify">
      <Text className="verify__intro">{t('verify.intro')}</Text>

      {verdict && (
        <View className={`verify__result verify__result--${verdict.ok ? 'pass' : 'reject'}`} data-verdict={verdict.ok ? 'pass' : 'reject'}>
          <Text className="verify__verdict">{verdict.ok ? t('verify.pass') : t('verify.reject')}</Text>
          {verdict.visitor ? (
            <View className="verify__person verify__visitor" data-visit={verdict.visitor.visitId}>
              <Text className="verify__badge">{t('verify.visitorBadge')}</Text>
              <Text className="verify__name">{verdict.visitor.name}</Text>
              {verdict.visitor.company && <Text className="verify__line">{verdict.visitor.company}</Text>}
              {verdict.visitor.identityType && <Text className="verify__line">{verdict.visitor.identityType}</Text>}
              {verdict.visitor.hostName && <Text className="verify__line">{t('verify.visitorHost', { host: verdict.visitor.hostName })}</Text>}
              {verdict.visitor.siteName && <Text className="verify__line">{t('verify.visitorSite', { site: verdict.visitor.siteName })}</Text>}
              {verdict.visitor.windowFrom && verdict.visitor.windowUntil && (
                <Text className="verify__line">{t('verify.visitorWindow', { window: formatWindow(verdict.visitor.windowFrom, verdict.visitor.windowUntil) })}</Text>
              )}
              {verdict.visitor.companions > 0 && <Text className="verify__line">{t('verify.visitorCompanions', { count: verdict.visitor.companions })}</Text>}
              {verdict.visitor.status && (
                <Text className="verify__line verify__visit-status">{checkedOut ? statusLabel('checked_out') : statusLabel(verdict.visitor.status)}</Text>
              )}
              {verdict.visitor.status === 'checked_in' && !checkedOut && (
                <Button
                  className="verify__checkout"
                  size="mini"
                  loading={checkingOut || undefined}
                  disabled={checkingOut || undefined}
                  onClick={() => void checkout(verdict.visitor!.visitId)}
                >
                  {t('verify.checkout')}
                </Button>
              )}
            </View>
          ) : (
            verdict.member && (
              <View className="verify__person">
                <Text className="verify__name">{verdict.member.name}</Text>
                <Text className="verify__department">{verdict.member.department ?? t('verify.noDepartment')}</Text>
              </View>
            )
          )}
          {!verdict.ok && <Text className="verify__reason">{verifyReasonMessage(verdict.reason, verdict.visitor ? 'visitor' : 'member')}</Text>}
        </View>
      )}
      {error && <Text className="verify__error">{error}</Text>}

      {IS_H5 ? (
        <View className="verify__manual">
          <Text className="verify__label">{t('verify.inputLabel')}</Text>
          <Textarea
            className="verify__input"
            value={code}
            maxlength={MAX_CODE_LENGTH}
            placeholder={t('verify.inputPlaceholder')}
            onInput={(event) => setCode(event.detail?.value ?? '')}
          />
          <Button className="verify__submit" type="primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void verify(code)}>
            {busy ? t('verify.verifying') : t('verify.submit')}
          </Button>
        </View>
      ) : (
        <Button className="verify__scan" type="primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void scan()}>
          {busy ? t('verify.verifying') : verdict ? t('verify.scanAgain') : t('verify.scan')}
        </Button>
      )}

      <Button className="verify__walk-in" onClick={() => void navigateTo('visitorWalkIn')}>
        {t('verify.walkInEntry')}
      </Button>
    </View>
  );
}
