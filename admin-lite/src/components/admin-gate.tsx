import { useState, type ReactNode } from 'react';
import { useAdminProfile } from '../hooks/use-admin-profile.ts';
import { t } from '../i18n/index.ts';
import type { AdminProfile } from '../services/admin-profile.service.ts';
import { logout, switchOrg } from '../services/auth.service.ts';
import { toAppError, type AppError } from '../services/errors.ts';
import type { AdminSession } from '../services/session.service.ts';
import { ErrorNotice } from './error-notice.tsx';

/**
 * Loads the admin's rights in the session's org and lets only admins in.
 * Login already refuses non-admins; this covers rights revoked since, an org
 * switch, and a session restored from storage.
 */
export function AdminGate({ session, children }: { session: AdminSession; children: (profile: AdminProfile) => ReactNode }) {
  const orgId = session.member.org_id;
  const profile = useAdminProfile(orgId);
  // While another org's profile is still shown (after a switch), it does not count.
  const current = profile.data?.org_id === orgId ? profile.data : undefined;

  if (current?.is_admin) return <>{children(current)}</>;
  if (profile.error && !profile.loading) {
    return (
      <GateScreen title={t('gate.loadFailed')}>
        <ErrorNotice error={profile.error} onRetry={profile.reload} />
      </GateScreen>
    );
  }
  if (!current) return <div className="center-screen muted">{t('gate.loading')}</div>;
  return (
    <GateScreen title={t('gate.notAdminTitle')}>
      <p className="notice notice--warn" role="alert">{t('login.notAdmin')}</p>
      <OtherAdminOrgs session={session} />
    </GateScreen>
  );
}

function GateScreen({ title, children }: { title: string; children: ReactNode }) {
  const [leaving, setLeaving] = useState(false);
  return (
    <div className="center-screen">
      <div className="card card--narrow">
        <h1>{title}</h1>
        {children}
        <button
          type="button"
          className="button button--ghost"
          disabled={leaving}
          onClick={() => {
            setLeaving(true);
            void logout();
          }}
        >
          {t('layout.logout')}
        </button>
      </div>
    </div>
  );
}

/** Orgs of this account where it was an admin at login: offer to go there. */
function OtherAdminOrgs({ session }: { session: AdminSession }) {
  const [error, setError] = useState<AppError>();
  const [busy, setBusy] = useState(false);
  const others = session.memberships.filter((m) => m.org_id !== session.member.org_id && session.adminOrgIds?.includes(m.org_id));
  if (others.length === 0) return null;
  const go = async (orgId: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await switchOrg(orgId);
    } catch (thrown) {
      setError(toAppError(thrown));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="gate__orgs">
      {error ? <ErrorNotice error={error} /> : null}
      {others.map((m) => (
        <button key={m.org_id} type="button" className="button" disabled={busy} onClick={() => void go(m.org_id)}>
          {t('gate.switchTo', { org: m.org_name })}
        </button>
      ))}
    </div>
  );
}
