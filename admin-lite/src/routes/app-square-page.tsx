import { useState } from 'react';
import { Link } from 'react-router-dom';
import { BUILTIN_APPS } from '@yima/shared/portal/apps';
import { CustomApps } from '../components/custom-apps.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { ROUTES } from '../constants/routes.ts';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import { listOrgApps, setOrgAppEnabled } from '../services/apps.service.ts';
import type { AdminSession } from '../services/session.service.ts';

/** Built-in apps that have their own console pages. */
export const APP_ADMIN_PAGES: Readonly<Record<string, string>> = {
  visitors: ROUTES.visitorSettings,
  notices: ROUTES.notices,
  payment: ROUTES.merchants,
  meal_booking: ROUTES.mealBooking,
  events: ROUTES.events,
  registration: ROUTES.registrationPoints,
  resources: ROUTES.resources,
};

/** 应用管理: the built-in apps (enable / disable) and the org's self-built apps. */
export function AppSquarePage({ session }: { session: AdminSession }) {
  const orgId = session.member.org_id;
  const orgApps = useAsync(() => listOrgApps(orgId), [orgId]);
  const [message, setMessage] = useState<string>();
  const toggle = useAction((key: string, enabled: boolean) => setOrgAppEnabled(orgId, key, enabled));
  const enabled = new Set((orgApps.data ?? []).filter((a) => a.enabled).map((a) => a.app_key));

  const onToggle = async (key: string, name: string, next: boolean) => {
    const outcome = await toggle.run(key, next);
    if (outcome.ok) {
      setMessage(t(next ? 'portal.square.enabled' : 'portal.square.disabled', { name }));
      orgApps.reload();
    }
  };

  return (
    <div className="page">
      <h1 className="page__title">{t('portal.square.title')}</h1>
      <SuccessNotice message={message} />
      <section aria-label={t('portal.square.builtin')}>
        <h2>{t('portal.square.builtin')}</h2>
        <p className="muted">{t('portal.square.hint')}</p>
        {orgApps.error ? <ErrorNotice error={orgApps.error} onRetry={orgApps.reload} /> : null}
        {toggle.error ? <ErrorNotice error={toggle.error} /> : null}
        <ul className="app-grid" aria-busy={orgApps.loading}>
          {BUILTIN_APPS.map((app) => {
            const name = app.name['zh-CN'];
            const on = enabled.has(app.key);
            const adminPage = APP_ADMIN_PAGES[app.key];
            return (
              <li key={app.key} className="card app-tile" aria-label={name}>
                <div className="app-tile__head">
                  <strong>{name}</strong>
                  <span className={`badge ${on ? 'badge--active' : 'badge--muted'}`}>{on ? t('portal.status.enabled') : t('portal.status.disabled')}</span>
                </div>
                <p className="muted">{app.description['zh-CN']}</p>
                {on ? <p className="field__hint">{adminPage ? t('portal.square.noteWithPage') : t('portal.square.note')}</p> : null}
                <div className="app-tile__actions">
                  <button
                    type="button"
                    className={`button button--small${on ? ' button--ghost' : ''}`}
                    aria-label={t(on ? 'portal.square.disableApp' : 'portal.square.enableApp', { name })}
                    disabled={toggle.busy || orgApps.loading}
                    onClick={() => void onToggle(app.key, name, !on)}
                  >
                    {on ? t('portal.square.disable') : t('portal.square.enable')}
                  </button>
                  {on && adminPage ? (
                    <Link className="button button--ghost button--small" to={adminPage}>
                      {t('portal.square.manage')}
                    </Link>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      </section>
      <CustomApps orgId={orgId} onMessage={setMessage} />
    </div>
  );
}
