import { useId, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ROUTES } from '../constants/routes.ts';
import { t } from '../i18n/index.ts';
import { switchOrg } from '../services/auth.service.ts';
import { toAppError, type AppError } from '../services/errors.ts';
import type { AdminSession } from '../services/session.service.ts';

/** The orgs the header offers: memberships where the account was an admin at login (plus the current one). */
export function switchableOrgs(session: AdminSession): AdminSession['memberships'] {
  const adminOrgIds = session.adminOrgIds;
  return session.memberships.filter((m) => m.org_id === session.member.org_id || !adminOrgIds || adminOrgIds.includes(m.org_id));
}

/** Header org name; a dropdown when the account administers more than one org. */
export function OrgSwitcher({ session, orgName }: { session: AdminSession; orgName: string | undefined }) {
  const navigate = useNavigate();
  const selectId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError>();
  const options = switchableOrgs(session);

  if (options.length <= 1) return <span className="topbar__org">{orgName ?? ''}</span>;

  const onChange = async (orgId: string) => {
    if (orgId === session.member.org_id) return;
    setBusy(true);
    setError(undefined);
    try {
      await switchOrg(orgId);
      // Filters in the URL (department ids) belong to the old org.
      navigate(ROUTES.members);
    } catch (thrown) {
      setError(toAppError(thrown));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="topbar__org org-switch">
      <label htmlFor={selectId} className="visually-hidden">
        {t('layout.orgSwitch')}
      </label>
      <select id={selectId} className="input input--compact" value={session.member.org_id} disabled={busy} onChange={(event) => void onChange(event.target.value)}>
        {options.map((m) => (
          <option key={m.org_id} value={m.org_id}>
            {m.org_name}
          </option>
        ))}
      </select>
      {busy ? <span className="muted">{t('layout.orgSwitching')}</span> : null}
      {error ? (
        <span className="org-switch__error" role="alert">
          {error.message}
        </span>
      ) : null}
    </span>
  );
}
