import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useCountdown } from '../../hooks/use-countdown';
import { t } from '../../i18n';
import { smsErrorMessage } from '../../lib/auth-errors';
import { showToast } from '../../platform/ui';
import { authService } from '../../services/auth.service';
import { toAppError } from '../../services/errors';
import type { Session } from '../../stores/session.store';
import { FormField } from '../form-field';
import './index.scss';

const PHONE = /^1[3-9]\d{9}$/;
const CODE = /^\d{6}$/;
// `disabled={false}` would reach Taro's H5 button as the attribute disabled="false",
// which its CSS styles as disabled: pass `undefined` instead.

/** Longer waits (hourly and daily caps) are said in words instead of a countdown on the button. */
const MAX_COUNTDOWN_SECONDS = 120;

export interface SmsLoginFormProps {
  onSignedIn(session: Session): Promise<void> | void;
}

/** Phone + one-time code (auth-sms), for the H5 build. */
export function SmsLoginForm({ onSignedIn }: SmsLoginFormProps) {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'sending' | 'verifying' | null>(null);
  const countdown = useCountdown();
  const cleanPhone = phone.replace(/\s+/g, '');

  const send = async () => {
    if (busy || countdown.remaining > 0) return;
    if (!PHONE.test(cleanPhone)) {
      setError(t('login.phoneInvalid'));
      return;
    }
    setError(null);
    setBusy('sending');
    try {
      const sent = await authService.sendSmsCode(cleanPhone);
      countdown.start(sent.retryAfter);
      showToast(t('login.codeSent'));
    } catch (caught) {
      const appError = toAppError(caught);
      const wait = appError.data.retry_after;
      if (appError.code === 'rate_limited' && typeof wait === 'number' && wait <= MAX_COUNTDOWN_SECONDS) countdown.start(wait);
      setError(smsErrorMessage(appError));
    } finally {
      setBusy(null);
    }
  };

  const verify = async () => {
    if (busy) return;
    if (!PHONE.test(cleanPhone)) {
      setError(t('login.phoneInvalid'));
      return;
    }
    if (!CODE.test(code.trim())) {
      setError(t('login.codeInvalid'));
      return;
    }
    setError(null);
    setBusy('verifying');
    try {
      await onSignedIn(await authService.verifySmsCode(cleanPhone, code.trim()));
    } catch (caught) {
      setError(smsErrorMessage(toAppError(caught)));
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className="sms-login">
      <Text className="sms-login__heading">{t('login.smsHeading')}</Text>
      <Text className="sms-login__hint">{t('login.smsHint')}</Text>
      <FormField name="phone" label={t('login.phoneLabel')} value={phone} onChange={setPhone} placeholder={t('login.phonePlaceholder')} type="number" maxLength={11} />
      <View className="sms-login__code-row">
        <View className="sms-login__code-input">
          <FormField name="code" label={t('login.codeLabel')} value={code} onChange={setCode} placeholder={t('login.codePlaceholder')} type="number" maxLength={6} />
        </View>
        <Button
          className={`sms-login__send${countdown.remaining > 0 ? ' sms-login__send--waiting' : ''}`}
          size="mini"
          disabled={busy === 'sending' || countdown.remaining > 0 || undefined}
          onClick={() => void send()}
        >
          {countdown.remaining > 0 ? t('login.resendIn', { seconds: countdown.remaining }) : t('login.sendCode')}
        </Button>
      </View>
      {error && <Text className="sms-login__error">{error}</Text>}
      <Button className="sms-login__submit" type="primary" disabled={busy !== null || undefined} onClick={() => void verify()}>
        {busy === 'verifying' ? t('login.signingIn') : t('login.submit')}
      </Button>
    </View>
  );
}
