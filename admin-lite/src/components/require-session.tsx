import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ROUTES } from '../constants/routes.ts';
import { useSession } from '../hooks/use-session.ts';
import { clearSession, type AdminSession } from '../services/session.service.ts';

/**
 * Gate for signed-in pages: no session -> login (remembering where to come
 * back to); the session ends on its own when the token expires.
 */
export function RequireSession({ children }: { children: (session: AdminSession) => ReactNode }) {
  const session = useSession();
  const location = useLocation();

  useEffect(() => {
    if (!session) return;
    // setTimeout takes at most a 32-bit delay (~24.8 days); tokens are far shorter.
    const delay = Math.min(Math.max(session.expiresAt - Date.now(), 0), 2 ** 31 - 1);
    const timer = setTimeout(() => clearSession('expired'), delay);
    return () => clearTimeout(timer);
  }, [session]);

  if (!session) return <Navigate to={ROUTES.login} replace state={{ from: location.pathname + location.search }} />;
  return <>{children(session)}</>;
}
