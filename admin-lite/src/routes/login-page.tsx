import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ErrorNotice } from '../components/error-notice.tsx';
import { ROUTES } from '../constants/routes.ts';
import { useCountdown } from '../hooks/use-countdown.ts';
import { useDevPersonas } from '../hooks/use-dev-personas.ts';
import { useSession } from '../hooks/use-session.ts';
import { t } from '../i18n/index.ts';
import { formatWait, maskPhone } from '../lib/format.ts';
import { isValidMobile } from '@yima/shared/members/identity-numbers';
import { normalizePhone } from '../lib/phone.ts';
import { loginWithDevPersona, loginWithSms, sendSmsCode, type DevPersona } from '../services/auth.service.ts';
import { toAppError, type AppError } from '../services/errors.ts';
import { getLastEndReason } from '../services/session.service.ts';

const END_MESSAGES = { expired: 'login.expired', revoked: 'login.revoked' } as const;

export function LoginPage({ localMode }: { localMode: boolean }) {
  const session = useSession();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from !== ROUTES.login ? from : ROUTES.members;

  if (session) return <Navigate to={target} replace />;
  const ended = getLastEndReason();

  return (
    <div className="center-screen login">
      <div className="card card--narrow">
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true">码</span>
          <span>
            <strong>{t('app.brand')}</strong>
            <small>{t('app.brandSub')}</small>
          </span>
        </div>
        <h1>{t('login.title')}</h1>
        {ended && ended !== 'logout' ? <p className="notice notice--warn">{t(END_MESSAGES[ended])}</p> : null}
        <SmsLogin target={target} />
        {/* Demo personas exist only on the local stack (auth-dev refuses elsewhere). */}
        {localMode ? <DevPersonaLogin target={target} /> : null}
      </div>
    </div>
  );
}

/** Phone -> 6-digit code by SMS (60 s between sends, or what the server says) -> session. */
function SmsLogin({ target }: { target: string }) {
  const navigate = useNavigate();
  const countdown = useCountdown();
  const [phoneText, setPhoneText] = useState('');
  const [code, setCode] = useState('');
  const [sending, setSending] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const [sentTo, setSentTo] = useState<{ phone: string; minutes: number }>();
  const [fieldError, setFieldError] = useState<string>();
  const [error, setError] = useState<AppError>();

  const phone = normalizePhone(phoneText);

  const onSend = async () => {
    setError(undefined);
    setSentTo(undefined);
    if (!isValidMobile(phone)) {
      setFieldError(t('login.sms.invalidPhone'));
      return;
    }
    setFieldError(undefined);
    setSending(true);
    try {
      const sent = await sendSmsCode(phone);
      setSentTo({ phone, minutes: Math.round(sent.expiresIn / 60) });
      countdown.start(sent.retryAfter);
    } catch (thrown) {
      const appError = toAppError(thrown);
      setError(appError);
      // 429: the server says how long to wait; the button follows it.
      if (appError.retryAfter !== undefined) countdown.start(appError.retryAfter);
    } finally {
      setSending(false);
    }
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (!isValidMobile(phone)) {
      setFieldError(t('login.sms.invalidPhone'));
      return;
    }
    if (!/^\d{6}$/.test(code)) {
      setFieldError(t('login.sms.invalidCode'));
      return;
    }
    setFieldError(undefined);
    setVerifying(true);
    try {
      await loginWithSms(phone, code);
      navigate(target, { replace: true });
    } catch (thrown) {
      setError(toAppError(thrown));
      setVerifying(false);
    }
  };

  const waiting = countdown.remaining > 0;
  return (
    <form className="sms-login" onSubmit={(event) => void onSubmit(event)} noValidate>
      <p className="muted">{t('login.sms.hint')}</p>
      <label className="field">
        <span className="field__label">{t('login.sms.phone')}</span>
        <input
          className="input"
          type="tel"
          inputMode="numeric"
          autoComplete="tel-national"
          maxLength={20}
          placeholder={t('login.sms.phonePlaceholder')}
          value={phoneText}
          onChange={(event) => setPhoneText(event.target.value)}
        />
      </label>
      <div className="field">
        <label className="field__label" htmlFor="sms-code">
          {t('login.sms.code')}
        </label>
        <div className="field__row">
          <input
            id="sms-code"
            className="input"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            placeholder={t('login.sms.codePlaceholder')}
            value={code}
            onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))}
          />
          <button type="button" className="button button--ghost" disabled={sending || waiting} onClick={() => void onSend()}>
            {sending ? t('login.sms.sending') : waiting ? t('login.sms.resendIn', { wait: formatWait(countdown.remaining) }) : t('login.sms.send')}
          </button>
        </div>
      </div>
      {sentTo ? (
        <p className="notice" role="status">
          {t('login.sms.sent', { phone: maskPhone(sentTo.phone), minutes: sentTo.minutes })}
        </p>
      ) : null}
      {fieldError ? (
        <p className="notice notice--error" role="alert">
          {fieldError}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <button type="submit" className="button button--block" disabled={verifying}>
        {verifying ? t('login.signingIn') : t('login.sms.submit')}
      </button>
    </form>
  );
}

function DevPersonaLogin({ target }: { target: string }) {
  const personas = useDevPersonas();
  const navigate = useNavigate();
  const [pending, setPending] = useState<string>();
  const [loginError, setLoginError] = useState<AppError>();

  const signIn = async (persona: DevPersona) => {
    setPending(persona.key);
    setLoginError(undefined);
    try {
      await loginWithDevPersona(persona);
      navigate(target, { replace: true });
    } catch (error) {
      setLoginError(toAppError(error));
      setPending(undefined);
    }
  };

  return (
    <section className="dev-login" aria-labelledby="dev-login-title">
      <h2 id="dev-login-title">{t('login.devTitle')}</h2>
      <p className="muted">{t('login.devHint')}</p>
      {personas.error ? <ErrorNotice error={personas.error} onRetry={personas.reload} /> : null}
      {loginError ? <ErrorNotice error={loginError} /> : null}
      {personas.loading && !personas.data ? <p className="muted">{t('login.devLoading')}</p> : null}
      {personas.data && personas.data.length === 0 ? <p className="muted">{t('login.devEmpty')}</p> : null}
      <ul className="persona-list">
        {(personas.data ?? []).map((persona) => (
          <li key={persona.key}>
            <button
              type="button"
              className="persona"
              disabled={pending !== undefined}
              aria-label={t('login.loginAs', { name: persona.name })}
              onClick={() => void signIn(persona)}
            >
              <span className="avatar" aria-hidden="true">{persona.name.slice(0, 1)}</span>
              <span className="persona__text">
                <strong>{persona.name}</strong>
                <small>
                  {persona.role_label} · {persona.org_name}
                </small>
              </span>
              <span className="persona__action">{pending === persona.key ? t('login.signingIn') : '→'}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
