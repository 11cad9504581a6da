import { Button, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { DevPersonaList } from '../../components/dev-persona-list';
import { SmsLoginForm } from '../../components/sms-login-form';
import { t } from '../../i18n';
import { loginErrorMessage } from '../../lib/auth-errors';
import { detectLoginChannel, miniLoginCode, type LoginChannel } from '../../platform/login';
import { pageParams } from '../../platform/navigation';
import { authService } from '../../services/auth.service';
import { AppError, toAppError } from '../../services/errors';
import { enterApp } from '../../services/landing.service';
import './index.scss';

type MiniChannel = Exclude<LoginChannel, 'sms'>;
type MiniState = { status: 'idle' } | { status: 'signing' } | { status: 'failed'; message: string };

/** wx.login / qy.login, then auth-wechat / auth-wecom. */
async function miniLogin(channel: MiniChannel) {
  let code: string;
  try {
    code = await miniLoginCode(channel);
  } catch (cause) {
    throw new AppError({ kind: 'unknown', code: 'login_code_failed', message: t('login.loginCodeFailed'), detail: String((cause as Error)?.message ?? cause), cause });
  }
  return channel === 'wecom' ? authService.loginWithWecom(code) : authService.loginWithWechat(code);
}

/**
 * Sign-in. In the mini-program it signs in with WeChat or WeCom by itself on
 * open (unless the user just signed out: `?manual=1`); on the web it asks for
 * a phone number and an SMS code. On the local stack the demo personas are
 * offered as well.
 */
export default function LoginPage() {
  const channel = useMemo(detectLoginChannel, []);
  const manual = useMemo(() => pageParams().manual === '1', []);
  const [devLogin, setDevLogin] = useState(false);
  const [mini, setMini] = useState<MiniState>({ status: 'idle' });

  useEffect(() => {
    authService.isDevLoginAvailable().then(setDevLogin, () => setDevLogin(false));
  }, []);

  const signInWithMini = useCallback(async () => {
    if (channel === 'sms') return;
    setMini({ status: 'signing' });
    try {
      await enterApp(await miniLogin(channel));
    } catch (error) {
      const appError = toAppError(error);
      setMini({ status: 'failed', message: appError.code === 'login_code_failed' ? appError.message : loginErrorMessage(appError, channel) });
    }
  }, [channel]);

  useEffect(() => {
    if (channel !== 'sms' && !manual) void signInWithMini();
  }, [channel, manual, signInWithMini]);

  return (
    <View className={`login login--${channel}`}>
      <View className="login__brand">
        <Text className="login__title">{t('app.title')}</Text>
      </View>

      {channel === 'sms' && <SmsLoginForm onSignedIn={enterApp} />}

      {channel !== 'sms' && (
        <View className="login__mini">
          {mini.status === 'signing' ? (
            <Text className="login__status">{t(channel === 'wecom' ? 'login.wecomSigningIn' : 'login.wechatSigningIn')}</Text>
          ) : (
            <Button className="login__mini-button" type="primary" onClick={() => void signInWithMini()}>
              {t(channel === 'wecom' ? 'login.wecomButton' : 'login.wechatButton')}
            </Button>
          )}
          {mini.status === 'failed' && <Text className="login__error">{mini.message}</Text>}
          {mini.status === 'failed' && devLogin && <Text className="login__hint">{t('login.localFallback')}</Text>}
        </View>
      )}

      {devLogin && <DevPersonaList onSignedIn={enterApp} />}
    </View>
  );
}
