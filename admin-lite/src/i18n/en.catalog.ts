import type { MessageKey } from './zh-cn.catalog.ts';

// English beside the zh-CN source; the type makes a missing or extra key a
// compile error. Not shown in the UI yet (the console is zh-CN only).
export const en: Record<MessageKey, string> = {
  'app.title': 'Yima · Admin console',
  'app.brand': 'Yima',
  'app.brandSub': 'Admin console',

  'config.errorTitle': 'Could not load the runtime configuration',
  'config.errorBody': 'The console needs the backend URL and anon key: serve /env.json from the gateway, or set VITE_SUPABASE_URL and VITE_SUPABASE_ANON_KEY at build time.',
  'config.errorDetail': 'Details: {detail}',
  'config.retry': 'Retry',
  'config.loading': 'Loading configuration…',

  'login.title': 'Sign in to the admin console',
  'login.devHint': 'Local demo: pick a demo persona to sign in with one click.',
  'login.devLoading': 'Loading demo personas…',
  'login.devEmpty': 'No demo personas; run npm run reset to load the demo data.',
  'login.loginAs': 'Sign in as {name}',
  'login.signingIn': 'Signing in…',
  'login.smsComingSoon': 'SMS code sign-in is coming soon. Demo sign-in is not enabled here.',
  'login.expired': 'Your session has expired; please sign in again',
  'login.noMembership': 'This account belongs to no organisation and cannot use the console',

  'layout.nav.departments': 'Departments & members',
  'layout.logout': 'Sign out',
  'layout.mainNav': 'Main navigation',

  'departments.title': 'Departments & members',
  'departments.tree': 'Departments',
  'departments.all': 'All members',
  'departments.expand': 'Expand',
  'departments.collapse': 'Collapse',
  'departments.empty': 'No departments',

  'members.searchPlaceholder': 'Search by name or employee no.',
  'members.searchLabel': 'Search members',
  'members.col.employeeNo': 'Employee no.',
  'members.col.name': 'Name',
  'members.col.department': 'Department',
  'members.col.phone': 'Phone',
  'members.col.idCard': 'ID card no.',
  'members.col.status': 'Status',
  'members.empty': 'No matching members',
  'members.status.active': 'Active',
  'members.status.disabled': 'Disabled',
  'members.status.left': 'Left',

  'pager.total': '{total} in total',
  'pager.page': 'Page {page} of {pages}',
  'pager.prev': 'Previous',
  'pager.next': 'Next',

  'common.loading': 'Loading…',
  'common.retry': 'Retry',
  'common.none': '—',

  'error.forbidden': 'You do not have permission to do this',
  'error.sessionExpired': 'Your session has expired; please sign in again',
  'error.duplicate': 'Duplicate data',
  'error.network': 'Network error; please try again later',
  'error.unknown': 'Something went wrong; please try again later',
  'error.httpStatus': 'Request failed (HTTP {status})',
};
