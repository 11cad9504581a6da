import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ErrorNotice } from '../components/error-notice.tsx';
import { ROUTES } from '../constants/routes.ts';
import { useDevPersonas } from '../hooks/use-dev-personas.ts';
import { useSession } from '../hooks/use-session.ts';
import { t } from '../i18n/index.ts';
import { loginWithDevPersona, type DevPersona } from '../services/auth.service.ts';
import { toAppError, type AppError } from '../services/errors.ts';
import { getLastEndReason } from '../services/session.service.ts';

export function LoginPage({ localMode }: { localMode: boolean }) {
  const session = useSession();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from !== ROUTES.login ? from : ROUTES.members;

  if (session) return <Navigate to={target} replace />;

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
        {getLastEndReason() === 'expired' ? <p className="notice notice--warn">{t('login.expired')}</p> : null}
        {/* Login methods: dev personas on the local stack; SMS login slots in here later. */}
        {localMode ? <DevPersonaLogin target={target} /> : <SmsLoginPlaceholder />}
      </div>
    </div>
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
    <section aria-labelledby="dev-login-hint">
      <p id="dev-login-hint" className="muted">{t('login.devHint')}</p>
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

/** Seam for the production login (SMS code via an edge function, then startSession). */
function SmsLoginPlaceholder() {
  return <p className="notice">{t('login.smsComingSoon')}</p>;
}
