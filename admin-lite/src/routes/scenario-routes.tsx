// The 场景应用 routes, mounted inside the console frame (app-routes.tsx
// spreads scenarioRoutes() there). Each page needs its app: super admins, or
// an admin group whose `apps` contain the key.
import type { ReactElement } from 'react';
import { Route, useOutletContext } from 'react-router-dom';
import { ROUTES } from '../constants/routes.ts';
import { t } from '../i18n/index.ts';
import { canUseApp, type ScenarioApp } from '../lib/scenario-apps.ts';
import type { AdminProfile } from '../services/admin-profile.service.ts';
import type { AdminSession } from '../services/session.service.ts';
import { EventScreenPage } from './event-screen-page.tsx';
import { EventStatsPage } from './event-stats-page.tsx';
import { EventsPage } from './events-page.tsx';
import { MealBookingPage } from './meal-booking-page.tsx';
import { RegistrationPointsPage } from './registration-points-page.tsx';
import { RegistrationRecordsPage } from './registration-records-page.tsx';
import { ResourceBookingsPage } from './resource-bookings-page.tsx';
import { ResourcesPage } from './resources-page.tsx';

interface Context {
  session: AdminSession;
  profile: AdminProfile;
}

const APP_LABELS = {
  events: 'scenario.app.events',
  registration: 'scenario.app.registration',
  meal_booking: 'scenario.app.meal_booking',
  resources: 'scenario.app.resources',
} as const;

/** Shown in place of a page whose app the admin does not manage. */
export function NoAppPermission({ app }: { app: ScenarioApp }) {
  return (
    <div className="page">
      <div className="notice notice--warn" role="alert">
        {t('scenario.noPermission', { app: t(APP_LABELS[app]) })}
      </div>
    </div>
  );
}

function ScenarioPage({ app, render }: { app: ScenarioApp; render: (context: Context) => ReactElement }) {
  const context = useOutletContext<Context>();
  if (!canUseApp(context.profile, app)) return <NoAppPermission app={app} />;
  return render(context);
}

/** <Route> elements (not a component: <Routes> only accepts Route children). */
export function scenarioRoutes(): ReactElement[] {
  const page = (path: string, app: ScenarioApp, render: (context: Context) => ReactElement) => <Route key={path} path={path} element={<ScenarioPage app={app} render={render} />} />;
  return [
    page(ROUTES.events, 'events', ({ session }) => <EventsPage session={session} />),
    page(ROUTES.eventScreen, 'events', ({ session }) => <EventScreenPage session={session} />),
    page(ROUTES.eventStats, 'events', ({ session }) => <EventStatsPage session={session} />),
    page(ROUTES.registrationPoints, 'registration', ({ session }) => <RegistrationPointsPage session={session} />),
    page(ROUTES.registrationRecords, 'registration', ({ session }) => <RegistrationRecordsPage session={session} />),
    page(ROUTES.mealBooking, 'meal_booking', ({ session, profile }) => <MealBookingPage session={session} profile={profile} />),
    page(ROUTES.resources, 'resources', ({ session }) => <ResourcesPage session={session} />),
    page(ROUTES.resourceBookings, 'resources', ({ session }) => <ResourceBookingsPage session={session} />),
  ];
}
