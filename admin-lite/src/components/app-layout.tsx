import type { ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router-dom';
import { ROUTES } from '../constants/routes.ts';
import { useOrgName } from '../hooks/use-org-name.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { logout } from '../services/auth.service.ts';
import type { AdminSession } from '../services/session.service.ts';

// Only pages that exist are listed; later issues add users, cards, notices…
const NAV_ITEMS: ReadonlyArray<{ to: string; label: MessageKey }> = [{ to: ROUTES.members, label: 'layout.nav.departments' }];

export function AppLayout({ session, children }: { session: AdminSession; children: ReactNode }) {
  const navigate = useNavigate();
  const orgName = useOrgName(session);

  const onLogout = () => {
    logout();
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
          <ul className="nav">
            {NAV_ITEMS.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className={({ isActive }) => `nav__link${isActive ? ' is-active' : ''}`}>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <div className="shell__main">
        <header className="topbar">
          <span className="topbar__org">{orgName ?? ''}</span>
          <span className="topbar__user">
            <span className="avatar" aria-hidden="true">{session.member.name.slice(0, 1)}</span>
            <span data-testid="admin-name">{session.member.name}</span>
            <button type="button" className="button button--ghost button--small" onClick={onLogout}>
              {t('layout.logout')}
            </button>
          </span>
        </header>
        <main className="content">{children}</main>
      </div>
    </div>
  );
}
