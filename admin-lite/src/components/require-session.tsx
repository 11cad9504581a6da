import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ROUTES } from '../constants/routes.ts';
import { useSession } from '../hooks/use-session.ts';
import { useSessionKeeper } from '../hooks/use-session-keeper.ts';
import type { AdminSession } from '../services/session.service.ts';

/**
 * Gate for signed-in pages: no session -> login (remembering where to come
 * back to). While signed in, the access token is refreshed before it expires.
 */
export function RequireSession({ children }: { children: (session: AdminSession) => ReactNode }) {
  const session = useSession();
  const location = useLocation();
  useSessionKeeper(session);

  if (!session) return <Navigate to={ROUTES.login} replace state={{ from: location.pathname + location.search }} />;
  return <>{children(session)}</>;
}
