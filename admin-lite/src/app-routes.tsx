import { Navigate, Route, Routes } from 'react-router-dom';
import { AppLayout } from './components/app-layout.tsx';
import { RequireSession } from './components/require-session.tsx';
import { ROUTES } from './constants/routes.ts';
import { LoginPage } from './routes/login-page.tsx';
import { MembersPage } from './routes/members-page.tsx';

/** The route table, router-agnostic so tests can mount it in a MemoryRouter. */
export function AppRoutes({ localMode }: { localMode: boolean }) {
  return (
    <Routes>
      <Route path={ROUTES.login} element={<LoginPage localMode={localMode} />} />
      <Route
        path={ROUTES.members}
        element={
          <RequireSession>
            {(session) => (
              <AppLayout session={session}>
                <MembersPage session={session} />
              </AppLayout>
            )}
          </RequireSession>
        }
      />
      <Route path="*" element={<Navigate to={ROUTES.members} replace />} />
    </Routes>
  );
}
