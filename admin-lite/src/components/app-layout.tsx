import { useState, type ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router-dom';
import { ROUTES } from '../constants/routes.ts';
import { useOrgName } from '../hooks/use-org-name.ts';
import { t } from '../i18n/index.ts';
import { buildNav } from '../lib/admin-nav.ts';
import type { AdminProfile } from '../services/admin-profile.service.ts';
import { logout } from '../services/auth.service.ts';
import type { AdminSession } from '../services/session.service.ts';
import { OrgSwitcher } from './org-switcher.tsx';

export function AppLayout({ session, profile, isOperator = false, children }: { session: AdminSession; profile: AdminProfile; isOperator?: boolean; children: ReactNode }) {
  const navigate = useNavigate();
  const orgName = useOrgName(session);
  const [leaving, setLeaving] = useState(false);
  const sections = buildNav(profile, { isOperator });

  const onLogout = async () => {
    setLeaving(true);
    await logout();
    navigate(ROUTES.login, { replace: true });
  };

  return (
    <div className="shell">
      <aside className="shell__sidebar">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true">码</span>
          <span>
            <strong>{t('app.brand')}</strong>
            <small>{t('app.brandSub')}</small>
          </span>
        </div>
        <nav aria-label={t('layout.mainNav')}>
          {sections.map((section) => (
            <div key={section.label} className="nav__section">
              <p className="nav__heading">{t(section.label)}</p>
              <ul className="nav">
                {section.items.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} className={({ isActive }) => `nav__link${isActive ? ' is-active' : ''}`}>
                      {t(item.label)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
      </aside>
      <div className="shell__main">
        <header className="topbar">
          <OrgSwitcher session={session} orgName={orgName} />
          <span className="topbar__user">
            <span className="avatar" aria-hidden="true">{session.member.name.slice(0, 1)}</span>
            <span data-testid="admin-name">{session.member.name}</span>
            <span className="badge badge--role">{profile.is_super ? t('layout.role.super') : t('layout.role.admin')}</span>
            <button type="button" className="button button--ghost button--small" disabled={leaving} onClick={() => void onLogout()}>
              {leaving ? t('layout.loggingOut') : t('layout.logout')}
            </button>
          </span>
        </header>
        <main className="content">{children}</main>
      </div>
    </div>
  );
}
