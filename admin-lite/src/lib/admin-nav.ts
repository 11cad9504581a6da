// The sidebar, built from the admin's profile: only pages that exist and that
// this admin may use. A page needing a function (config, notices, …) is
// listed for super admins and for groups granted that function.
import { ROUTES } from '../constants/routes.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { AdminFunction, AdminProfile } from '../services/admin-profile.service.ts';
import { canUseApp, type ScenarioApp } from './scenario-apps.ts';

export interface NavItem {
  to: string;
  label: MessageKey;
  /** Console function required; absent = every admin (data is scoped by RLS). */
  requires?: AdminFunction;
  /** 场景应用 key: super admins, or groups whose apps contain it. */
  app?: ScenarioApp;
  /** Only super admins (权限配置). */
  superOnly?: boolean;
  /** Only platform operators (运营: subscriptions_overview succeeds for them). */
  operatorOnly?: boolean;
}

export interface NavSection {
  label: MessageKey;
  items: NavItem[];
}

const SECTIONS: ReadonlyArray<NavSection> = [
  {
    label: 'layout.section.people',
    items: [
      { to: ROUTES.members, label: 'layout.nav.departments' },
      { to: ROUTES.tags, label: 'layout.nav.tags' },
      { to: ROUTES.memberImport, label: 'layout.nav.import' },
    ],
  },
  {
    label: 'layout.section.cards',
    items: [
      { to: ROUTES.cards, label: 'layout.nav.cards', requires: 'cards' },
      { to: ROUTES.points, label: 'layout.nav.points', requires: 'cards' },
      { to: ROUTES.accessRules, label: 'layout.nav.accessRules', requires: 'cards' },
      { to: ROUTES.accessEvents, label: 'layout.nav.accessEvents', requires: 'cards' },
      // risk_events are readable by card admins (RLS: the cards function, their departments), like access_events.
      { to: ROUTES.riskEvents, label: 'layout.nav.riskEvents', requires: 'cards' },
    ],
  },
  {
    label: 'layout.section.payment',
    items: [
      { to: ROUTES.merchants, label: 'layout.nav.merchants', requires: 'payment' },
      { to: ROUTES.subsidies, label: 'layout.nav.subsidies', requires: 'payment' },
      { to: ROUTES.transactions, label: 'layout.nav.transactions', requires: 'payment' },
      { to: ROUTES.paymentReports, label: 'layout.nav.paymentReports', requires: 'payment' },
    ],
  },
  {
    label: 'layout.section.visitors',
    items: [
      { to: ROUTES.visits, label: 'layout.nav.visits', requires: 'config' },
      { to: ROUTES.visitorSettings, label: 'layout.nav.visitorSettings', requires: 'config' },
      { to: ROUTES.visitorForm, label: 'layout.nav.visitorForm', requires: 'config' },
    ],
  },
  {
    label: 'layout.section.portal',
    items: [
      { to: ROUTES.appSquare, label: 'layout.nav.appSquare', requires: 'apps' },
      { to: ROUTES.serviceHall, label: 'layout.nav.serviceHall', requires: 'apps' },
    ],
  },
  {
    label: 'layout.section.scenario',
    items: [
      { to: ROUTES.events, label: 'layout.nav.events', app: 'events' },
      { to: ROUTES.registrationPoints, label: 'layout.nav.registration', app: 'registration' },
      { to: ROUTES.mealBooking, label: 'layout.nav.mealBooking', app: 'meal_booking' },
      { to: ROUTES.resources, label: 'layout.nav.resources', app: 'resources' },
      { to: ROUTES.resourceBookings, label: 'layout.nav.resourceBookings', app: 'resources' },
    ],
  },
  {
    label: 'layout.section.messages',
    items: [{ to: ROUTES.notices, label: 'layout.nav.notices', requires: 'notices' }],
  },
  {
    label: 'layout.section.settings',
    items: [
      { to: ROUTES.authSettings, label: 'layout.nav.authSettings', requires: 'config' },
      { to: ROUTES.codeSettings, label: 'layout.nav.codeSettings', requires: 'config' },
      { to: ROUTES.permissions, label: 'layout.nav.permissions', superOnly: true },
      { to: ROUTES.orgTickets, label: 'layout.nav.orgTickets', superOnly: true },
      { to: ROUTES.audit, label: 'layout.nav.audit', superOnly: true },
    ],
  },
  {
    label: 'layout.section.ops',
    items: [
      { to: ROUTES.opsSubscriptions, label: 'layout.nav.opsSubscriptions', operatorOnly: true },
      { to: ROUTES.opsTickets, label: 'layout.nav.opsTickets', operatorOnly: true },
      { to: ROUTES.opsTicketReport, label: 'layout.nav.opsTicketReport', operatorOnly: true },
    ],
  },
];

export function canUseFunction(profile: AdminProfile, fn: AdminFunction | undefined): boolean {
  if (!profile.is_admin) return false;
  return fn === undefined || profile.is_super || profile.functions.includes(fn);
}

/** Sections with at least one usable item, in sidebar order; 运营 only for platform operators. */
export function buildNav(profile: AdminProfile, { isOperator = false }: { isOperator?: boolean } = {}): NavSection[] {
  const usable = (item: NavItem) =>
    canUseFunction(profile, item.requires) && (!item.superOnly || profile.is_super) && canUseApp(profile, item.app) && (!item.operatorOnly || isOperator);
  return SECTIONS.map((section) => ({ ...section, items: section.items.filter(usable) })).filter(
    (section) => section.items.length > 0,
  );
}
