import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { renderQrSvg } from '@yima/shared/code-protocol/qr';
import { ErrorNotice } from '../components/error-notice.tsx';
import { ROUTES } from '../constants/routes.ts';
import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import { eventStats, getEvent, getScreenCode, type EventAction, type ScreenCode } from '../services/events.service.ts';
import { toAppError, type AppError } from '../services/errors.ts';
import type { AdminSession } from '../services/session.service.ts';
import { clearSession } from '../services/session.service.ts';

export const STATS_REFRESH_MS = 10_000;
/** After a failed fetch, try again this soon. */
const RETRY_MS = 5_000;

/**
 * The rotating code of `action`, refetched when it expires (every
 * step_seconds); a failure is shown and retried.
 */
function useScreenCode(eventId: string, action: EventAction): { code: ScreenCode | undefined; error: AppError | undefined } {
  const [code, setCode] = useState<ScreenCode>();
  const [error, setError] = useState<AppError>();
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setCode(undefined);
    const load = async () => {
      try {
        const next = await getScreenCode(eventId, action);
        if (stopped) return;
        setCode(next);
        setError(undefined);
        const wait = Date.parse(next.expires_at) - Date.now();
        timer = setTimeout(() => void load(), Math.max(1_000, Number.isFinite(wait) ? wait : next.step_seconds * 1000));
      } catch (thrown) {
        if (stopped) return;
        const appError = toAppError(thrown);
        setError(appError);
        if (appError.kind === 'session-expired') clearSession('expired');
        else timer = setTimeout(() => void load(), RETRY_MS);
      }
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [eventId, action]);
  return { code, error };
}

/** 签到大屏: a full-screen QR of the rotating code (签到 / 签退) and live counts. */
export function EventScreenPage({ session }: { session: AdminSession }) {
  const orgId = session.member.org_id;
  const { eventId = '' } = useParams();
  const [action, setAction] = useState<EventAction>('in');
  const event = useAsync(() => getEvent(orgId, eventId), [orgId, eventId]);
  const stats = useAsync(() => eventStats(eventId), [eventId]);
  const { code, error } = useScreenCode(eventId, action);
  const svg = useMemo(() => (code ? renderQrSvg(code.code, { errorCorrection: 'M', pixelSize: 480 }) : ''), [code]);
  const reloadStats = stats.reload;
  useEffect(() => {
    const timer = setInterval(reloadStats, STATS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reloadStats]);
  const hasSignOut = Boolean(event.data?.sign_out_from);

  const fullScreen = () => {
    void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };

  return (
    <div className="big-screen" data-testid="big-screen">
      <div className="big-screen__bar">
        <Link className="button button--ghost button--small" to={ROUTES.events}>
          {t('scenario.screen.back')}
        </Link>
        <div className="big-screen__toggle" role="group" aria-label={t('scenario.screen.action')}>
          <button type="button" className={`button button--small${action === 'in' ? '' : ' button--ghost'}`} aria-pressed={action === 'in'} onClick={() => setAction('in')}>
            {t('scenario.screen.signIn')}
          </button>
          <button type="button" className={`button button--small${action === 'out' ? '' : ' button--ghost'}`} aria-pressed={action === 'out'} disabled={!hasSignOut} onClick={() => setAction('out')}>
            {t('scenario.screen.signOut')}
          </button>
        </div>
        <button type="button" className="button button--ghost button--small" onClick={fullScreen}>
          {t('scenario.screen.fullScreen')}
        </button>
      </div>
      <h1 className="big-screen__title">{event.data?.title ?? t('common.loading')}</h1>
      <p className="big-screen__hint">{t(action === 'in' ? 'scenario.screen.scanIn' : 'scenario.screen.scanOut')}</p>
      {event.error ? <ErrorNotice error={event.error} onRetry={event.reload} /> : null}
      {error ? <ErrorNotice error={error} /> : null}
      {code ? (
        <div className="big-screen__qr" data-testid="screen-qr" data-code={code.code} aria-label={t('scenario.screen.qr')} role="img" dangerouslySetInnerHTML={{ __html: svg }} />
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
      {code ? <p className="muted">{t('scenario.screen.rotates', { s: code.step_seconds })}</p> : null}
      <dl className="stats big-screen__stats" aria-label={t('scenario.stats.title')}>
        <div>
          <dt>{t('scenario.stats.expected')}</dt>
          <dd data-testid="count-expected">{stats.data?.expected ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('scenario.stats.signedIn')}</dt>
          <dd data-testid="count-signed-in">{stats.data?.signed_in ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('scenario.stats.signedOut')}</dt>
          <dd data-testid="count-signed-out">{stats.data?.signed_out ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('scenario.stats.absent')}</dt>
          <dd>{stats.data?.absent.length ?? '–'}</dd>
        </div>
      </dl>
    </div>
  );
}
