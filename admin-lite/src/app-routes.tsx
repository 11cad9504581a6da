import { lazy, Suspense, type ReactElement } from 'react';
import { Navigate, Outlet, Route, Routes, useOutletContext } from 'react-router-dom';
import { AdminGate } from './components/admin-gate.tsx';
import { AppLayout } from './components/app-layout.tsx';
import { NoPermission } from './components/no-permission.tsx';
import { RequireSession } from './components/require-session.tsx';
import { ROUTES } from './constants/routes.ts';
import { useIsOperator } from './hooks/use-operator.ts';
import { canUseFunction } from './lib/admin-nav.ts';
import { AccessEventsPage } from './routes/access-events-page.tsx';
import { AccessRulesPage } from './routes/access-rules-page.tsx';
import { AppSquarePage } from './routes/app-square-page.tsx';
import { PermissionsPage } from './routes/permissions-page.tsx';
import { ServiceHallPage } from './routes/service-hall-page.tsx';
import { AuthSettingsPage } from './routes/auth-settings-page.tsx';
import { CodeSettingsPage } from './routes/code-settings-page.tsx';
import { CardsPage } from './routes/cards-page.tsx';
import { MerchantsPage } from './routes/merchants-page.tsx';
import { PaymentReportsPage } from './routes/payment-reports-page.tsx';
import { PointsPage } from './routes/points-page.tsx';
import { RiskEventsPage } from './routes/risk-events-page.tsx';
import { SubsidiesPage } from './routes/subsidies-page.tsx';
import { TransactionsPage } from './routes/transactions-page.tsx';
import { VisitorFormPage } from './routes/visitor-form-page.tsx';
import { VisitorSettingsPage } from './routes/visitor-settings-page.tsx';
import { VisitsPage } from './routes/visits-page.tsx';
import { scenarioRoutes } from './routes/scenario-routes.tsx';
import { LoginPage } from './routes/login-page.tsx';
import { MembersPage } from './routes/members-page.tsx';
import { TagsPage } from './routes/tags-page.tsx';
import { t } from './i18n/index.ts';
import type { AdminFunction, AdminProfile } from './services/admin-profile.service.ts';
import type { AdminSession } from './services/session.service.ts';

// The notice pages read and write xlsx (exceljs on demand) and are used by
// few admins: loaded only when opened.
const NoticesPage = lazy(() => import('./routes/notices-page.tsx').then((m) => ({ default: m.NoticesPage })));
const NoticeStatsPage = lazy(() => import('./routes/notice-stats-page.tsx').then((m) => ({ default: m.NoticeStatsPage })));

// 运营, 工单 and 审计日志: used by few admins (operators, super admins), loaded when opened.
const SubscriptionsPage = lazy(() => import('./routes/subscriptions-page.tsx').then((m) => ({ default: m.SubscriptionsPage })));
const TicketsPage = lazy(() => import('./routes/tickets-page.tsx').then((m) => ({ default: m.TicketsPage })));
const TicketReportPage = lazy(() => import('./routes/ticket-report-page.tsx').then((m) => ({ default: m.TicketReportPage })));
const AuditPage = lazy(() => import('./routes/audit-page.tsx').then((m) => ({ default: m.AuditPage })));

// The import page pulls in exceljs (~1 MB): loaded only when opened.
const ImportPage = lazy(() => import('./routes/import-page.tsx').then((m) => ({ default: m.ImportPage })));

interface ConsoleContext {
  session: AdminSession;
  profile: AdminProfile;
  /** Platform operator (运营); undefined while being checked. */
  isOperator: boolean | undefined;
}

/** Signed in, an admin of the org, inside the layout: the frame every console page shares. */
function ConsoleFrame() {
  return (
    <RequireSession>
      {(session) => (
        <AdminGate session={session}>
          {(profile) => <ConsoleShell session={session} profile={profile} />}
        </AdminGate>
      )}
    </RequireSession>
  );
}

function ConsoleShell({ session, profile }: { session: AdminSession; profile: AdminProfile }) {
  const isOperator = useIsOperator(session.userId);
  return (
    <AppLayout session={session} profile={profile} isOperator={isOperator === true}>
      <Outlet context={{ session, profile, isOperator } satisfies ConsoleContext} />
    </AppLayout>
  );
}

const lazyPage = (page: ReactElement) => <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>{page}</Suspense>;

/** A 运营 page: only for platform operators (checked with subscriptions_overview). */
function OperatorPage({ render }: { render: (context: ConsoleContext) => ReactElement }) {
  const context = useOutletContext<ConsoleContext>();
  if (context.isOperator === undefined) return <p className="muted">{t('common.loading')}</p>;
  if (!context.isOperator) {
    return (
      <div className="page">
        <div className="notice notice--warn" role="alert">
          {t('ops.operatorOnly')}
        </div>
      </div>
    );
  }
  return lazyPage(render(context));
}

function ConsolePage({ requires, render }: { requires?: AdminFunction; render: (context: ConsoleContext) => ReactElement }) {
  const context = useOutletContext<ConsoleContext>();
  if (requires && !canUseFunction(context.profile, requires)) return <NoPermission requires={requires} />;
  return render(context);
}

/** The route table, router-agnostic so tests can mount it in a MemoryRouter. */
export function AppRoutes({ localMode }: { localMode: boolean }) {
  return (
    <Routes>
      <Route path={ROUTES.login} element={<LoginPage localMode={localMode} />} />
      <Route element={<ConsoleFrame />}>
        <Route path={ROUTES.members} element={<ConsolePage render={({ session, profile }) => <MembersPage session={session} profile={profile} />} />} />
        <Route path={ROUTES.tags} element={<ConsolePage render={({ session, profile }) => <TagsPage session={session} profile={profile} />} />} />
        <Route
          path={ROUTES.memberImport}
          element={
            <ConsolePage
              render={({ session, profile }) => (
                <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
                  <ImportPage session={session} profile={profile} />
                </Suspense>
              )}
            />
          }
        />
        <Route
          path={ROUTES.authSettings}
          element={<ConsolePage requires="config" render={({ session }) => <AuthSettingsPage session={session} />} />}
        />
        <Route
          path={ROUTES.cards}
          element={<ConsolePage requires="cards" render={({ session, profile }) => <CardsPage session={session} profile={profile} />} />}
        />
        <Route path={ROUTES.points} element={<ConsolePage requires="cards" render={({ session }) => <PointsPage session={session} />} />} />
        <Route
          path={ROUTES.accessRules}
          element={<ConsolePage requires="cards" render={({ session, profile }) => <AccessRulesPage session={session} profile={profile} />} />}
        />
        <Route path={ROUTES.accessEvents} element={<ConsolePage requires="cards" render={({ session }) => <AccessEventsPage session={session} />} />} />
        <Route path={ROUTES.riskEvents} element={<ConsolePage requires="cards" render={({ session }) => <RiskEventsPage session={session} />} />} />
        <Route
          path={ROUTES.codeSettings}
          element={<ConsolePage requires="config" render={({ session, profile }) => <CodeSettingsPage session={session} profile={profile} />} />}
        />
        <Route path={ROUTES.merchants} element={<ConsolePage requires="payment" render={({ session }) => <MerchantsPage session={session} />} />} />
        <Route path={ROUTES.subsidies} element={<ConsolePage requires="payment" render={({ session }) => <SubsidiesPage session={session} />} />} />
        <Route path={ROUTES.transactions} element={<ConsolePage requires="payment" render={({ session }) => <TransactionsPage session={session} />} />} />
        <Route path={ROUTES.paymentReports} element={<ConsolePage requires="payment" render={({ session }) => <PaymentReportsPage session={session} />} />} />
        <Route path={ROUTES.appSquare} element={<ConsolePage requires="apps" render={({ session }) => <AppSquarePage session={session} />} />} />
        <Route path={ROUTES.serviceHall} element={<ConsolePage requires="apps" render={({ session }) => <ServiceHallPage session={session} />} />} />
        <Route path={ROUTES.permissions} element={<ConsolePage render={({ session, profile }) => <PermissionsPage session={session} profile={profile} />} />} />
        <Route path={ROUTES.visits} element={<ConsolePage requires="config" render={({ session }) => <VisitsPage session={session} />} />} />
        <Route path={ROUTES.visitorSettings} element={<ConsolePage requires="config" render={({ session }) => <VisitorSettingsPage session={session} />} />} />
        <Route path={ROUTES.visitorForm} element={<ConsolePage requires="config" render={({ session }) => <VisitorFormPage session={session} />} />} />
        {scenarioRoutes()}
        <Route path={ROUTES.opsSubscriptions} element={<OperatorPage render={() => <SubscriptionsPage />} />} />
        <Route path={ROUTES.opsTickets} element={<OperatorPage render={({ session, profile }) => <TicketsPage session={session} profile={profile} mode="operator" />} />} />
        <Route path={ROUTES.opsTicketReport} element={<OperatorPage render={() => <TicketReportPage />} />} />
        <Route path={ROUTES.orgTickets} element={<ConsolePage render={({ session, profile }) => lazyPage(<TicketsPage session={session} profile={profile} mode="org" />)} />} />
        <Route path={ROUTES.audit} element={<ConsolePage render={({ session, profile }) => lazyPage(<AuditPage session={session} profile={profile} />)} />} />
        <Route
          path={ROUTES.notices}
          element={
            <ConsolePage
              requires="notices"
              render={({ session, profile }) => (
                <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
                  <NoticesPage session={session} profile={profile} />
                </Suspense>
              )}
            />
          }
        />
        <Route
          path={ROUTES.noticeStats}
          element={
            <ConsolePage
              requires="notices"
              render={({ session }) => (
                <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
                  <NoticeStatsPage session={session} />
                </Suspense>
              )}
            />
          }
        />
      </Route>
      <Route path="*" element={<Navigate to={ROUTES.members} replace />} />
    </Routes>
  );
}
